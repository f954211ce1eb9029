"""Benchmark: ``SocialRegistry.match`` (and ``unwrap``) on the link URLs of the real-page corpus.

Run ``python benchmarks/bench_social.py`` (optionally ``--rounds N``).  The URLs
are every ``a[href]`` of ``../shared/corpus/pages`` (or ``$BACKLINKKIT_SHARED``),
found with a quick regular expression and resolved with
:func:`backlinkkit.urls.resolve_url` against the URL the corpus README names
for each page.  One process on one core; rates are given by CPU time
(``time.process_time``, which other load on the machine skews less) and by
wall-clock time, each the best of *rounds*.
"""

from __future__ import annotations

import argparse
import collections
import csv
import html
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from backlinkkit.social import default_registry
from backlinkkit.urls import resolve_url

# The repository root, for the corpus rules shared with the tests (tests/corpus.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_url as page_url
from tests.corpus import shared_dir

HREF = re.compile(rb"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I | re.S)


def corpus_urls(corpus: Path) -> list[str]:
    urls: list[str] = []
    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        data = (corpus / "pages" / row["file"]).read_bytes()
        base = page_url(row)
        for found in HREF.finditer(data):
            raw = found.group(1) or found.group(2) or found.group(3) or b""
            href = html.unescape(raw.decode("utf-8", "replace"))
            resolved = resolve_url(href, base)
            if resolved is not None:
                urls.append(resolved)
    return urls


def best_rates(call: Callable[[str], object], urls: list[str], rounds: int) -> tuple[float, float]:
    """URLs per second, best of *rounds*: by CPU time and by wall-clock time."""
    best_cpu = best_wall = float("inf")
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        for url in urls:
            call(url)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return len(urls) / best_cpu, len(urls) / best_wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes; the best is kept")
    args = parser.parse_args(argv)
    corpus = shared_dir() / "corpus"
    if not (corpus / "MANIFEST.tsv").is_file():
        print(f"corpus not found at {corpus}; set BACKLINKKIT_SHARED", file=sys.stderr)
        return 2
    urls = corpus_urls(corpus)
    registry = default_registry()
    kinds: collections.Counter[str] = collections.Counter()
    platforms: collections.Counter[str] = collections.Counter()
    for url in urls:
        found = registry.match(url)
        if found is not None:
            kinds[found.kind] += 1
            platforms[found.platform.key] += 1
    match_cpu, match_wall = best_rates(registry.match, urls, args.rounds)
    unwrap_cpu, unwrap_wall = best_rates(registry.unwrap, urls, args.rounds)
    matched = sum(kinds.values())
    print(f"corpus URLs: {len(urls)} ({len(set(urls))} distinct); social matches: {matched}")
    print("kinds:", ", ".join(f"{k}={n}" for k, n in kinds.most_common()))
    print("platforms:", ", ".join(f"{k}={n}" for k, n in platforms.most_common(12)))
    print(
        f"match:  {match_cpu:,.0f} URLs/s CPU time, {match_wall:,.0f} wall (best of {args.rounds})"
    )
    print(f"unwrap: {unwrap_cpu:,.0f} URLs/s CPU time, {unwrap_wall:,.0f} wall")
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
