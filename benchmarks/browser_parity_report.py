"""Compare ``extract_links`` with headless Chromium and print a mismatch report.

The same comparison as ``tests/test_browser_parity.py`` (see ``docs/browser-parity.md``),
with the detail the test leaves out: every page with a mismatch, the first mismatches of
each field on it, per-source figures for the held-out set, and timings.

Usage (from the repository root)::

    python benchmarks/browser_parity_report.py                 # corpus and held-out pages
    python benchmarks/browser_parity_report.py --set corpus --pages guardian wapo
    python benchmarks/browser_parity_report.py --set heldout --per-source 40
    python benchmarks/browser_parity_report.py --backend lexbor --examples 10

Needs Debian's ``chromium`` (or ``$BACKLINKKIT_CHROMIUM``) and ``playwright``; reads the
corpus from ``../shared/corpus`` (or ``$BACKLINKKIT_SHARED``).  Nothing is written to
disk and nothing leaves the machine: every request but the page's own is aborted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs


def _helper() -> ModuleType:
    """``tests/browser.py``, imported as ``tests.browser``."""
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)
    import tests.browser

    return tests.browser


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        choices=("corpus", "heldout", "both"),
        default="both",
        help="which pages to compare (default: both)",
    )
    parser.add_argument(
        "--pages", nargs="*", default=(), help="only pages whose name contains one of these"
    )
    parser.add_argument(
        "--per-source", type=int, default=25, help="held-out pages per source (default 25)"
    )
    parser.add_argument("--limit", type=int, default=0, help="at most this many pages per set")
    parser.add_argument(
        "--backend", default="html5lib", help="extract_links backend (default html5lib)"
    )
    parser.add_argument(
        "--examples", type=int, default=3, help="mismatches shown per field and page (default 3)"
    )
    parser.add_argument("--quiet", action="store_true", help="no per-page progress lines")
    return parser.parse_args(argv)


def _report_set(name: str, samples: Any, chromium: Any, args: argparse.Namespace) -> int:
    b = _helper()
    if args.pages:
        samples = [s for s in samples if any(p in s.name for p in args.pages)]
    if args.limit:
        samples = samples[: args.limit]
    print(f"== {name}: {len(samples)} pages, backend {args.backend}")
    ours_time = chrome_time = 0.0
    results = []
    for index, sample in enumerate(samples, 1):
        text = b.read_text(sample.path)
        started = time.perf_counter()
        mine = b.our_links(text, sample.url, args.backend)
        ours_time += time.perf_counter() - started
        started = time.perf_counter()
        try:
            theirs = chromium.links(sample.url, text)
        except Exception as error:
            chrome_time += time.perf_counter() - started
            result = b.compare(sample.name, mine, ())
            notes = [f"Chromium failed: {str(error).splitlines()[0]}"]
            results.append(attrs.evolve(result, notes=notes))
            print(f"  [{index}] {sample.name}: Chromium failed: {error}")
            continue
        chrome_time += time.perf_counter() - started
        result = b.compare(sample.name, mine, theirs.links)
        result = attrs.evolve(result, svg_links=theirs.svg_links)
        results.append(result)
        if not args.quiet and (result.mismatches or result.departures):
            departures = ", ".join(f"{k}={v}" for k, v in result.departures)
            print(
                f"  [{index}] {sample.name}: ours {result.ours}, chromium {result.chromium}, "
                f"{len(result.mismatches)} field mismatches"
                + (f"; departures {departures}" if departures else "")
            )
    summary = b.Summary(results)
    print(b.format_report(summary, worst=len(results), examples=args.examples))
    if name == "heldout":
        _per_source(summary)
    print(
        f"time: extract_links {ours_time:.1f} s, Chromium {chrome_time:.1f} s "
        f"({summary.total} links)"
    )
    worst = min((summary.ratio(f) for f in b.FIELDS), default=1.0)
    return 0 if worst >= 0.999 else 1


def _per_source(summary: Any) -> None:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for page in summary.pages:
        source = page.page.split("/", 1)[0]
        row = totals[source]
        row[0] += 1
        row[1] += page.total
        row[2] += min(page.matched)
    print("per source (pages, links, links matching on every field):")
    for source, (pages, links, matched) in sorted(totals.items()):
        print(f"  {source:<22} {pages:>4} {links:>7} {matched:>7}")


def main(argv: list[str] | None = None) -> int:
    """Run the comparison; exit 1 when a set falls below 99.9 % on a field, 2 when it
    cannot run."""
    args = _parse_args(argv)
    b = _helper()
    executable = b.chromium_executable()
    if executable is None:
        print("Chromium not found (install Debian's chromium or set BACKLINKKIT_CHROMIUM)")
        return 2
    sets: list[tuple[str, Any]] = []
    if args.set in ("corpus", "both"):
        shared = b.shared_dir()
        if shared is None or not (shared / "corpus" / "MANIFEST.tsv").is_file():
            print("corpus absent: ../shared/corpus (or $BACKLINKKIT_SHARED) not found")
        else:
            sets.append(("corpus", list(b.corpus_pages(shared))))
    if args.set in ("heldout", "both"):
        heldout = list(b.heldout_pages(args.per_source))
        if not heldout:
            print("no held-out pages installed (see HELDOUT_SOURCES in tests/browser.py)")
        else:
            sets.append(("heldout", heldout))
    if not sets:
        return 2
    status = 0
    with b.Chromium(executable) as chromium:
        print(f"Chromium {chromium.version}")
        for name, samples in sets:
            status |= _report_set(name, samples, chromium, args)
    return status


if __name__ == "__main__":
    sys.exit(main())
