"""Benchmark: ``extract_links(backend="html5lib")`` against bare ``html5lib.parse``, and
hostile inputs.

Run ``python benchmarks/bench_extract.py`` (a script, not a test).  Sections, all by
default, or chosen with ``--corpus``, ``--profile``, ``--hostile``, ``--big``:

* **corpus** -- every page of ``../shared/corpus`` (or ``$BACKLINKKIT_SHARED``), its
  bytes decoded as UTF-8 with replacement, the same ``str`` given to every contender.
  Per page: bare ``html5lib.parse(text)``; then our phases on the same text -- *tree*
  (``backlinkkit._parse.treebuilder.parse_tree``: html5lib with the depth cap), *walk*
  (``backlinkkit._parse.html5.walk``), *assemble* (``backlinkkit.extract.assemble``) -- and,
  separately, the whole ``extract_links(text, url, backend="html5lib")``.  Totals, MB/s
  (UTF-8 size of the pages over CPU time) and ratios to the bare parse.
* **profile** -- ``cProfile`` of walk + assemble over the same pages: where the time
  over bare parsing goes.
* **hostile** -- nested ``<div>`` (2k/8k/32k), 120 KB and 480 KB of ``<b><i>``, nested
  tables, nested links, distinct-attribute formatting elements and a few tokenizer
  cases, through our tree builder, ``extract_links`` and stock html5lib (stock with a
  time limit, ``--limit`` seconds, reported as ``>limit``).
* **big** -- a 50 MB page (corpus pages concatenated; synthetic when the corpus is
  absent) through ``extract_links`` and stock html5lib, with the peak RSS.

Times are CPU seconds (``time.process_time``, which other load on the machine skews
less) and wall seconds.  Options: ``--pages N`` (the first N corpus pages),
``--limit S``, ``--json``.  Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import io
import json
import pstats
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import html5lib

from backlinkkit import extract_links
from backlinkkit._parse import html5, treebuilder
from backlinkkit.extract import assemble
from backlinkkit.social import default_registry
from backlinkkit.urls import default_extractor, parse_absolute_url

# The repository root, for the corpus rules shared with the tests (tests/corpus.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_url as page_url
from tests.corpus import shared_dir

MB = 1_000_000


def corpus(limit: int | None) -> list[tuple[str, str, int]]:
    """``(url, text, size in bytes)`` of the corpus pages, in manifest order."""
    folder = shared_dir() / "corpus"
    manifest = folder / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with open(manifest, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    pages = []
    for row in rows[:limit]:
        data = (folder / "pages" / row["file"]).read_bytes()
        pages.append((page_url(row), data.decode("utf-8", "replace"), len(data)))
    return pages


class Timer:
    """CPU and wall seconds of the ``with`` block, added to the totals."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.wall = 0.0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu += time.process_time() - cpu
            self.wall += time.perf_counter() - wall


class TimeLimitError(Exception):
    """Raised in the main thread when ``--limit`` seconds have passed."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeLimitError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def phases(url: str, text: str) -> tuple[Callable[[], Any], ...]:
    """The tree, walk and assemble phases of ``extract_links(text, url)``, as closures
    that run in order on shared state."""
    state: dict[str, Any] = {}
    page = parse_absolute_url(url, field="url")
    registry, extractor = default_registry(), default_extractor()

    def tree() -> None:
        state["tree"] = treebuilder.parse_tree(text)

    def walk() -> None:
        tree = state["tree"]
        state["raw"] = html5.walk(tree.root, tree.depth_capped, tree.recovered)

    def assemble_page() -> None:
        state["page"] = assemble(
            state["raw"],
            page,
            "utf-8",
            (),
            agent="googlebot",
            registry=registry,
            extractor=extractor,
        )

    return tree, walk, assemble_page


# --- corpus -----------------------------------------------------------------------------


def bench_corpus(pages: list[tuple[str, str, int]]) -> dict[str, Any]:
    timers = {name: Timer() for name in ("stock", "tree", "walk", "assemble", "extract")}
    size = sum(page[2] for page in pages)
    links = 0
    for url, text, _ in pages:
        gc.collect()
        with timers["stock"]():
            html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=True)
        gc.collect()
        for name, phase in zip(("tree", "walk", "assemble"), phases(url, text), strict=True):
            with timers[name]():
                phase()
        gc.collect()
        with timers["extract"]():
            links += len(extract_links(text, url, backend="html5lib").links)
    stock = timers["stock"].cpu
    rows = {
        name: {
            "cpu_s": round(timer.cpu, 3),
            "wall_s": round(timer.wall, 3),
            "mb_per_cpu_s": round(size / MB / timer.cpu, 3) if timer.cpu else None,
            "ratio_to_stock_cpu": round(timer.cpu / stock, 3) if stock else None,
        }
        for name, timer in timers.items()
    }
    ours = sum(timers[name].cpu for name in ("tree", "walk", "assemble"))
    print(f"\n## Corpus: {len(pages)} pages, {size / MB:.1f} MB, {links} links\n")
    print("| phase | CPU s | wall s | MB/s (CPU) | x stock parse (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['cpu_s']:.2f} | {row['wall_s']:.2f} | {row['mb_per_cpu_s']} "
            f"| {row['ratio_to_stock_cpu']} |"
        )
    print(
        f"\ntree + walk + assemble = {ours:.2f} s CPU = {ours / stock:.3f} x the bare parse; "
        f"extract_links = {timers['extract'].cpu / stock:.3f} x (target: at most 1.2 x)"
    )
    return {"pages": len(pages), "mb": round(size / MB, 2), "links": links, "phases": rows}


def bench_profile(pages: list[tuple[str, str, int]], top: int = 25) -> str:
    """``cProfile`` of the walk and assemble phases over *pages* (the trees built first)."""
    prepared = []
    for url, text, _ in pages:
        tree, walk, assemble_page = phases(url, text)
        tree()
        prepared.append((walk, assemble_page))
    profiler = cProfile.Profile()
    profiler.enable()
    for walk, assemble_page in prepared:
        walk()
        assemble_page()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    report = out.getvalue()
    print(f"\n## Profile of walk + assemble over {len(pages)} pages\n\n```\n{report}```")
    return report


# --- hostile inputs ---------------------------------------------------------------------

HOSTILE: list[tuple[str, Callable[[], str]]] = [
    ("2,000 nested <div>", lambda: "<div>" * 2000),
    ("8,000 nested <div>", lambda: "<div>" * 8000),
    ("32,000 nested <div>", lambda: "<div>" * 32000),
    ("120 KB of <b><i>", lambda: "<b><i>" * 20_000),
    ("480 KB of <b><i>", lambda: "<b><i>" * 80_000),
    ("4,000 nested <table><tr><td>", lambda: "<table><tr><td>" * 4000),
    (
        "20,000 <a href> (each closes the last)",
        lambda: "".join(f"<a href=/{i}>{i}" for i in range(20_000)),
    ),
    ("5,000 <a href><div>", lambda: "".join(f"<a href=/{i}><div>{i}" for i in range(5000))),
    (
        "20,000 <b id=N> (distinct attributes)",
        lambda: "".join(f"<b id={i}>" for i in range(20_000)),
    ),
    ("20,000 <span> then 20,000 </x>", lambda: "<span>" * 20_000 + "</x>" * 20_000),
    ("<svg> + 20,000 <g>", lambda: "<svg>" + "<g>" * 20_000),
    ("250 KB of U+0001", lambda: "\x01" * 250_000),
    (
        "a tag with 32,000 attributes",
        lambda: "<p " + " ".join(f"a{i}=1" for i in range(32_000)) + ">",
    ),
    ("a 1 MB tag name", lambda: "<" + "a" * 1_000_000 + ">"),
    ("1.2 MB text in 400,000 pieces (a&amp;)", lambda: "<p>" + "a&amp;" * 200_000),
    ("256 KB comment of x- (not fixed)", lambda: "<!--" + "x-" * 128_000 + "-->"),
    ("256 KB href of &amp; (not fixed)", lambda: '<a href="' + "&amp;" * 51_200 + '">'),
    (
        "500 formatting elements re-opened 200 times (under the cap)",
        lambda: (
            "<div>" + "".join(f"<b id={i}>" for i in range(500)) + "</div>" + "<div>x</div>" * 200
        ),
    ),
]


def measure(
    function: Callable[[], Any], limit: float | None = None
) -> tuple[float | None, float | None]:
    timer = Timer()
    try:
        if limit is None:
            with timer():
                function()
        else:
            with time_limit(limit), timer():
                function()
    except TimeLimitError:
        return None, None
    return timer.cpu, timer.wall


def seconds(value: float | None, limit: float) -> str:
    return f">{limit:.0f}" if value is None else f"{value:.2f}"


def bench_hostile(limit: float) -> list[dict[str, Any]]:
    print("\n## Hostile inputs (CPU s; stock html5lib stopped after the limit)\n")
    print("| input | KB | ours: tree | ours: extract_links | capped | elements | stock html5lib |")
    print("|---|---:|---:|---:|:-:|---:|---:|")
    results = []
    for name, build in HOSTILE:
        text = build()
        gc.collect()
        parsed = treebuilder.parse_tree(text)  # a first run, for the element count
        elements = sum(1 for _ in parsed.root.iter())
        capped = parsed.depth_capped
        del parsed
        gc.collect()
        tree_cpu, _ = measure(partial(treebuilder.parse_tree, text))
        gc.collect()
        extract_cpu, _ = measure(partial(extract_links, text, "https://example.com/"))
        gc.collect()
        stock_cpu, _ = measure(partial(html5lib.parse, text), limit)
        row = {
            "input": name,
            "kb": round(len(text.encode("utf-8", "surrogatepass")) / 1000, 1),
            "tree_cpu_s": tree_cpu,
            "extract_cpu_s": extract_cpu,
            "capped": capped,
            "elements": elements,
            "stock_cpu_s": stock_cpu,
        }
        results.append(row)
        print(
            f"| {name} | {row['kb']} | {seconds(tree_cpu, limit)} | {seconds(extract_cpu, limit)} "
            f"| {'yes' if capped else 'no'} | {elements:,} | {seconds(stock_cpu, limit)} |",
            flush=True,
        )
    return results


# --- a 50 MB page ------------------------------------------------------------------------


def big_page(pages: list[tuple[str, str, int]], size: int = 50 * MB) -> str:
    """Corpus pages concatenated up to *size* bytes, else a synthetic article page."""
    parts: list[str] = []
    total = 0
    for _, text, length in pages:
        parts.append(text)
        total += length
        if total >= size:
            break
    if total >= size:
        return "".join(parts)
    block = (
        '<div class="post"><h2><a href="/post/{i}">Post {i}</a></h2><p>Some text, '
        '<a href="https://other.example/{i}" rel="nofollow">a link</a> and more text '
        "to read.</p><nav><ul><li><a href=/a>A</a><li><a href=/b>B</a></ul></nav></div>\n"
    )
    count = size // len(block.format(i=100_000)) + 1
    return "<title>big</title>" + "".join(block.format(i=i) for i in range(count))


def bench_big(pages: list[tuple[str, str, int]], limit: float) -> dict[str, Any]:
    text = big_page(pages)
    size = len(text.encode("utf-8"))
    gc.collect()
    links: list[int] = []
    extract_cpu, extract_wall = measure(
        lambda: links.append(len(extract_links(text, "https://example.com/").links))
    )
    gc.collect()
    stock_cpu, stock_wall = measure(lambda: html5lib.parse(text), limit)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    print(f"\n## A {size / MB:.1f} MB page ({'corpus pages' if pages else 'synthetic'})\n")
    print(
        f"extract_links: {seconds(extract_cpu, limit)} s CPU, {seconds(extract_wall, limit)} s "
        f"wall, {links[0] if links else '?'} links; stock html5lib.parse: "
        f"{seconds(stock_cpu, limit)} s CPU, {seconds(stock_wall, limit)} s wall; "
        f"peak RSS of this process: {peak_mb:,.0f} MB"
    )
    return {
        "mb": round(size / MB, 1),
        "extract_cpu_s": extract_cpu,
        "extract_wall_s": extract_wall,
        "links": links[0] if links else None,
        "stock_cpu_s": stock_cpu,
        "peak_rss_mb": round(peak_mb),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for section in ("corpus", "profile", "hostile", "big"):
        parser.add_argument(f"--{section}", action="store_true", help=f"run the {section} section")
    parser.add_argument("--pages", type=int, default=None, help="the first N corpus pages")
    parser.add_argument("--limit", type=float, default=60.0, help="stock html5lib time limit, s")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args(argv)
    chosen = [name for name in ("corpus", "profile", "hostile", "big") if getattr(args, name)]
    sections = chosen or ["corpus", "profile", "hostile", "big"]
    print(f"# bench_extract (Python {sys.version.split()[0]}, html5lib {html5lib.__version__})")
    results: dict[str, Any] = {}
    pages = corpus(args.pages) if {"corpus", "profile", "big"} & set(sections) else []
    if ("corpus" in sections or "profile" in sections) and not pages:
        print("\n(corpus not found: set BACKLINKKIT_SHARED)")
    if "corpus" in sections and pages:
        results["corpus"] = bench_corpus(pages)
    if "profile" in sections and pages:
        results["profile"] = bench_profile(pages)
    if "hostile" in sections:
        results["hostile"] = bench_hostile(args.limit)
    if "big" in sections:
        results["big"] = bench_big(pages, max(args.limit, 300.0))
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
