"""Benchmark: backlinkkit's parser backends against bare parsers and peer link extractors.

Run ``python benchmarks/bench_backends.py`` (needs ``pip install "backlinkkit[bench]"``).
In one run, on the same pages of ``../shared/corpus`` (or ``$BACKLINKKIT_SHARED``),
each page's bytes decoded as UTF-8 with replacement and given to every contender
as the same ``str``, it measures:

* ``extract_links(backend="html5lib")`` and ``extract_links(backend="lexbor")``
  (links, rel, robots, regions, anchors, resolved URLs, relations, social matches),
  and, for Lexbor, the collection alone (``parse_and_collect``, no ``assemble``);
* bare ``html5lib.parse``; bare Lexbor parsing (``LexborHTMLParser(text)``) and
  Lexbor parsing plus a ``a[href], area[href]`` query;
* Scrapy's ``LinkExtractor().extract_links`` on an ``HtmlResponse`` built from the
  page; BeautifulSoup with lxml, ``find_all(["a", "area"], href=True)``; ``lxml.html``;
* ``extract_many`` with 1 and 2 workers (throughput, wall clock);
* the peak memory of ``extract_many`` over 100, 1,000 and 3,000 pages (corpus
  pages repeated, largest first, read from disk as they are needed), each in a
  fresh process: the peak of Python objects in that process (``tracemalloc``:
  the pages and results in flight) and the RSS high-water of that process and
  of its largest worker.

Single-process figures are the best of ``--rounds`` runs, by CPU time
(``time.process_time``, which other load on the machine skews less) and wall
clock; MB/s divides the UTF-8 size of the pages by CPU time.  Options:
``--pages N`` (the first N pages, for a quick look), ``--rounds``, ``--skip-slow``
(no html5lib and BeautifulSoup), ``--batch-backend``, ``--no-batch``,
``--memory-counts``, ``--json`` (print the results as JSON too).  Nothing is
written to disk.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from backlinkkit import extract_links
from backlinkkit.batch import ExtractionError, extract_many
from backlinkkit.extract import Backend

# The repository root, for the corpus rules shared with the tests (tests/corpus.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_pages as manifest


def corpus(limit: int | None) -> list[tuple[str, str, Path]]:
    """``(text, url, path)`` of the corpus pages, each decoded as UTF-8 with replacement."""
    return [
        (path.read_bytes().decode("utf-8", "replace"), url, path) for url, path in manifest(limit)
    ]


# --------------------------------------------------------------------------- contenders


def contenders(skip_slow: bool) -> dict[str, Callable[[str, str], object]]:
    """Each contender: a function of ``(text, url)`` doing its whole job on one page."""
    import html5lib
    import lxml.html
    from bs4 import BeautifulSoup
    from scrapy.http import HtmlResponse
    from scrapy.linkextractors import LinkExtractor
    from selectolax.lexbor import LexborHTMLParser

    from backlinkkit._parse import lexbor as _lexbor

    scrapy_extractor = LinkExtractor()

    def scrapy_links(text: str, url: str) -> object:
        response = HtmlResponse(url=url, body=text.encode("utf-8"), encoding="utf-8")
        return scrapy_extractor.extract_links(response)

    found: dict[str, Callable[[str, str], object]] = {
        "lexbor parse": lambda text, url: LexborHTMLParser(text),
        "lexbor parse + a[href] query": lambda text, url: LexborHTMLParser(text).css(
            "a[href], area[href]"
        ),
        "lexbor collect (no assemble)": lambda text, url: _lexbor.parse_and_collect(text),
        "backlinkkit lexbor": lambda text, url: extract_links(text, url, backend="lexbor"),
        "lxml.html parse": lambda text, url: lxml.html.document_fromstring(text),
        "scrapy LinkExtractor": scrapy_links,
    }
    if not skip_slow:
        found["bs4 + lxml find_all"] = lambda text, url: BeautifulSoup(text, "lxml").find_all(
            ["a", "area"], href=True
        )
        found["html5lib parse"] = lambda text, url: html5lib.parse(text)
        found["backlinkkit html5lib"] = lambda text, url: extract_links(
            text, url, backend="html5lib"
        )
    return found


def measure(
    run: Callable[[str, str], object], pages: list[tuple[str, str, Path]], rounds: int
) -> tuple[float, float]:
    """Best CPU and wall-clock seconds of *rounds* passes over *pages*."""
    best_cpu = best_wall = float("inf")
    for _ in range(rounds):
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        for text, url, _ in pages:
            run(text, url)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


# --------------------------------------------------------------------------- batch


def batch_items(pages: list[tuple[str, Path]], count: int) -> Iterator[tuple[bytes, str]]:
    """*count* pages, the corpus repeated, each read from disk when it is needed."""
    for url, path in itertools.islice(itertools.cycle(pages), count):
        yield path.read_bytes(), url


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children, user and system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def batch_throughput(
    pages: list[tuple[str, str, Path]], backend: str, workers: int
) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (this process and its workers) of ``extract_many``
    over *pages*, and its error count."""
    items = [(text, url) for text, url, _ in pages]
    gc.collect()
    start, cpu = time.perf_counter(), cpu_seconds()
    errors = 0
    for result in extract_many(
        items, workers=workers, backend=cast(Backend, backend), progress=False
    ):
        errors += isinstance(result, ExtractionError)
    # The pool's workers have been joined: their CPU time is in RUSAGE_CHILDREN.
    return time.perf_counter() - start, cpu_seconds() - cpu, errors


def own_peak_mb() -> float:
    """This process's RSS high-water: ``VmHWM`` (reset by exec, unlike ``ru_maxrss``,
    which a process started by a large one inherits), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def memory_child(count: int, backend: str, workers: int, limit: int | None) -> dict[str, Any]:
    """Run in a fresh process: extract *count* pages, keep nothing, report RSS peaks.

    The pages come largest first, so that 100 pages already hold the largest window
    of pages there is: a peak that grows past that grows with the count.
    """
    pages = sorted(manifest(limit), key=lambda page: -page[1].stat().st_size)
    tracemalloc.start()
    links = 0
    for result in extract_many(
        batch_items(pages, count),
        workers=workers,
        backend=cast(Backend, backend),
        progress=False,
    ):
        if not isinstance(result, ExtractionError):
            links += len(result.links)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return {
        "pages": count,
        "links": links,
        "parent_traced_peak_mb": traced_peak / 2**20,
        "parent_peak_mb": own_peak_mb(),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20,
    }


def peak_memory(count: int, backend: str, workers: int, limit: int | None) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--memory-child",
        str(count),
        "--batch-backend",
        backend,
        "--workers",
        str(workers),
    ]
    if limit is not None:
        command += ["--pages", str(limit)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(output)
    return result


# --------------------------------------------------------------------------- report


def contender_report(
    runs: dict[str, Callable[[str, str], object]],
    pages: list[tuple[str, str, Path]],
    megabytes: float,
    args: argparse.Namespace,
    results: dict[str, Any],
) -> None:
    """Time each contender, print the table and the ratios, store both in *results*."""
    print(f"\n{'contender':32} {'CPU s':>8} {'wall s':>8} {'MB/s':>8}")
    for name, run in runs.items():
        slow = name in ("html5lib parse", "backlinkkit html5lib", "bs4 + lxml find_all")
        cpu, wall = measure(run, pages, args.slow_rounds if slow else args.rounds)
        results["contenders"][name] = {"cpu": cpu, "wall": wall, "mb_per_s": megabytes / cpu}
        print(f"{name:32} {cpu:8.3f} {wall:8.3f} {megabytes / cpu:8.1f}", flush=True)

    cpu_of = {name: value["cpu"] for name, value in results["contenders"].items()}
    ratios: dict[str, float] = {
        "lexbor extraction / bare lexbor parse (target <= 2)": cpu_of["backlinkkit lexbor"]
        / cpu_of["lexbor parse"],
        "lexbor collection / bare lexbor parse": cpu_of["lexbor collect (no assemble)"]
        / cpu_of["lexbor parse"],
        "scrapy LinkExtractor / lexbor extraction (target >= 4)": cpu_of["scrapy LinkExtractor"]
        / cpu_of["backlinkkit lexbor"],
        "scrapy LinkExtractor / lexbor collection": cpu_of["scrapy LinkExtractor"]
        / cpu_of["lexbor collect (no assemble)"],
    }
    if not args.skip_slow:
        ratios["html5lib extraction / bare html5lib.parse"] = (
            cpu_of["backlinkkit html5lib"] / cpu_of["html5lib parse"]
        )
        ratios["html5lib extraction / lexbor extraction"] = (
            cpu_of["backlinkkit html5lib"] / cpu_of["backlinkkit lexbor"]
        )
    print()
    for label, value in ratios.items():
        print(f"{label:58} {value:6.2f}")
    results["ratios"] = ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages")
    parser.add_argument("--rounds", type=int, default=3, help="passes per fast contender")
    parser.add_argument("--slow-rounds", type=int, default=1, help="passes per slow contender")
    parser.add_argument("--skip-slow", action="store_true", help="no html5lib, no bs4")
    parser.add_argument(
        "--batch-backend",
        default="lexbor,html5lib",
        help="backends for extract_many, comma-separated (the first also for memory)",
    )
    parser.add_argument("--workers", type=int, default=2, help="workers for the memory runs")
    parser.add_argument(
        "--memory-counts", default="100,1000,3000", help="page counts for the memory runs"
    )
    parser.add_argument("--no-batch", action="store_true", help="skip extract_many runs")
    parser.add_argument("--batch-only", action="store_true", help="only the extract_many runs")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.memory_child is not None:
        backend = args.batch_backend.split(",")[0]
        print(json.dumps(memory_child(args.memory_child, backend, args.workers, args.pages)))
        return 0

    pages = corpus(args.pages)
    megabytes = sum(len(text.encode("utf-8")) for text, _, _ in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB of UTF-8; Python {sys.version.split()[0]}")
    runs = {} if args.batch_only else contenders(args.skip_slow)
    for run in runs.values():  # warm up: imports, registry, extractor
        for text, url, _ in pages[:3]:
            run(text, url)

    results: dict[str, Any] = {"pages": len(pages), "megabytes": megabytes, "contenders": {}}
    if runs:
        contender_report(runs, pages, megabytes, args, results)

    if not args.no_batch:
        results["batch"] = {}
        for backend in args.batch_backend.split(","):
            print(f"\nextract_many, backend={backend!r}, wall clock ({os.cpu_count()} CPUs)")
            batch: dict[str, Any] = {}
            for workers in (1, 2):
                seconds, cpu, errors = batch_throughput(pages, backend, workers)
                batch[f"workers={workers}"] = {
                    "seconds": seconds,
                    "cpu_seconds": cpu,
                    "pages_per_s": len(pages) / seconds,
                }
                print(
                    f"  workers={workers}: {seconds:7.2f} s, {len(pages) / seconds:7.1f} pages/s; "
                    f"CPU of all processes {cpu:7.2f} s; {errors} error records",
                    flush=True,
                )
            one, two = batch["workers=1"], batch["workers=2"]
            speedup = one["seconds"] / two["seconds"]
            # On two idle cores, two workers can go at most as fast as their total CPU
            # time spread over both cores allows: this bound ignores other load.
            bound = 2 * one["cpu_seconds"] / two["cpu_seconds"]
            print(f"  2 workers / 1 worker throughput (target >= 1.8): {speedup:.2f}")
            print(f"  CPU bound on 2 idle cores (2 x CPU 1 worker / CPU 2 workers): {bound:.2f}")
            batch["speedup"] = speedup
            batch["cpu_bound_speedup"] = bound
            results["batch"][backend] = batch
        backend = args.batch_backend.split(",")[0]
        counts = [int(count) for count in args.memory_counts.split(",")]
        memory = {count: peak_memory(count, backend, args.workers, args.pages) for count in counts}
        print(f"\npeak memory of extract_many, backend={backend!r}, {args.workers} workers")
        for count, peak in memory.items():
            print(
                f"  {count:5} pages: Python objects in this process "
                f"{peak['parent_traced_peak_mb']:5.1f} MB; RSS of this process "
                f"{peak['parent_peak_mb']:5.1f} MB, of the largest worker "
                f"{peak['worker_peak_mb']:5.1f} MB ({peak['links']} links)",
                flush=True,
            )
        first, last = memory[counts[0]], memory[counts[-1]]
        print(
            f"  {counts[-1]} pages / {counts[0]} pages: Python objects "
            f"{last['parent_traced_peak_mb'] / first['parent_traced_peak_mb']:.2f}, RSS "
            f"{last['parent_peak_mb'] / first['parent_peak_mb']:.2f}, worker RSS "
            f"{last['worker_peak_mb'] / first['worker_peak_mb']:.2f}"
        )
        results["memory"] = memory
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
