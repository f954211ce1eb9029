"""Benchmark: scoring every link of the real-page corpus, against extracting them.

Run ``python benchmarks/bench_scoring.py`` (options: ``--limit N`` pages,
``--rounds N``).  Pages are ``../shared/corpus/pages`` (or
``$BACKLINKKIT_SHARED/corpus``), each parsed against the URL the corpus README
names.  For every page it measures, in CPU time of this one process
(``time.process_time``, so other load on the machine skews it less):

* extraction: ``extract_links(bytes, url)`` (html5lib backend);
* scoring: ``ScoringModel().score_page(page, source=…, engagement=…)`` for every
  link of the page, with source metrics and engagement given so that every
  factor and component is computed;
* audit: ``audit(pages, target)`` over all pages, the target being the
  external site the corpus links to most.

Each figure is the best of ``--rounds`` (extraction runs once: it is the
slow part and its timing is stable).
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from backlinkkit import extract_links
from backlinkkit.audit import audit
from backlinkkit.page import Page
from backlinkkit.scoring import Engagement, ScoringModel, SourceMetrics
from backlinkkit.social import default_registry

# The repository root, for the corpus rules shared with the tests (tests/corpus.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_url as page_url
from tests.corpus import shared_dir

NOW = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
SOURCE = SourceMetrics(authority=45, spam_score=3)
ENGAGEMENT = Engagement(
    likes=120,
    shares=14,
    comments=9,
    impressions=8000,
    followers=3000,
    posted_at=NOW - timedelta(days=3),
)


def load(corpus: Path, limit: int | None) -> list[tuple[bytes, str]]:
    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    rows = rows[:limit] if limit else rows
    return [((corpus / "pages" / row["file"]).read_bytes(), page_url(row)) for row in rows]


def best(func: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        func()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--rounds", type=int, default=3, help="best of N for scoring (default 3)")
    args = parser.parse_args(argv)
    corpus = shared_dir() / "corpus"
    if not (corpus / "MANIFEST.tsv").is_file():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 1
    inputs = load(corpus, args.limit)
    default_registry().match("https://example.com/")  # build the registry outside the timings
    model = ScoringModel()

    pages: list[Page] = []
    start = time.process_time()
    for data, url in inputs:
        pages.append(extract_links(data, url))
    extraction = time.process_time() - start
    n_links = sum(len(p.links) for p in pages)

    def score_all() -> None:
        for page in pages:
            model.score_page(page, source=SOURCE, engagement=ENGAGEMENT, now=NOW)

    scoring = best(score_all, args.rounds)

    sites = collections.Counter(link.site for p in pages for link in p.backlinks if link.site)
    target, target_links = sites.most_common(1)[0]
    audited = best(lambda: audit(pages, target, now=NOW), args.rounds)
    profile = audit(pages, target, now=NOW)

    print(f"pages: {len(pages)}, links: {n_links} (CPU time, one process)")
    print(f"{'step':<34}{'seconds':>9}{'µs/link':>10}{'× extraction':>14}")
    for name, seconds in (
        ("extract_links (html5lib)", extraction),
        ("score_page, every link", scoring),
        (f"audit against {target}", audited),
    ):
        print(
            f"{name:<34}{seconds:>9.3f}{seconds / n_links * 1e6:>10.1f}"
            f"{seconds / extraction:>14.3f}"
        )
    print(
        f"audit found {profile.summary.backlinks} backlinks to {target} "
        f"({target_links} direct external links) on {profile.summary.linking_pages} pages"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
