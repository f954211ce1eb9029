"""Benchmark: the records path, batch scaling, Dask scaling and memory at scale.

Run ``python benchmarks/bench_scale.py`` (needs ``pip install "backlinkkit[bench,arrow,dask]"``).
In one run, on the pages of ``../shared/corpus`` (or ``$BACKLINKKIT_SHARED``):

* single process, each page's bytes decoded as UTF-8 once and every contender
  given the same ``str``, best CPU time (``time.process_time``) of ``--rounds``:
  bare Lexbor parsing (``LexborHTMLParser(text)``), ``extract_records(backend="lexbor")``
  (the records path), ``extract_links(backend="lexbor")`` (the Page path) and
  Scrapy's ``LinkExtractor`` on an ``HtmlResponse``;
* ``extract_many`` with 1 and 2 workers, each backend (html5lib on the first
  ``--html5lib-pages`` pages), each output (``pages``, ``records``): wall clock and
  CPU of the calling process and its workers together;
* ``backlinkkit.dask.records_bag`` over the corpus files (one partition per
  file) on a ``distributed.LocalCluster`` of 1 and of 2 worker processes (cluster
  start-up not timed);
* the records path over a gzip-per-record WARC of the corpus (read with FastWARC)
  against the same pages from memory;
* memory: ``extract_many(output="records", workers=2, backend="lexbor")`` over
  ``--memory-counts`` pages (corpus pages repeated, read from disk as needed),
  each count in a fresh process: RSS high-water (``VmHWM``) of the calling
  process and of its largest worker.

Ratios are measured within the run.  ``uptime`` is printed before and after: on
a shared machine, wall-clock ratios are bounded by the CPU other processes
leave.  Options: ``--pages N``, ``--rounds``, ``--html5lib-pages``, ``--no-dask``,
``--no-memory``, ``--memory-counts``, ``--json``.  Nothing is written to disk but a
temporary WARC of the corpus (for the WARC-against-memory figure), removed after.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from backlinkkit import extract_links
from backlinkkit.batch import extract_many
from backlinkkit.records import extract_records

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_pages as manifest


def corpus(limit: int | None) -> list[tuple[str, str, Path]]:
    return [
        (path.read_bytes().decode("utf-8", "replace"), url, path) for url, path in manifest(limit)
    ]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def best_cpu(
    fn: Callable[[str, str], object], pages: list[tuple[str, str, Path]], rounds: int
) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for text, url, _ in pages:
            fn(text, url)
        best = min(best, time.process_time() - start)
    return best


def single(pages: list[tuple[str, str, Path]], rounds: int) -> dict[str, float]:
    from scrapy.http import HtmlResponse
    from scrapy.linkextractors import LinkExtractor
    from selectolax.lexbor import LexborHTMLParser

    scrapy = LinkExtractor()

    def scrapy_links(text: str, url: str) -> object:
        return scrapy.extract_links(
            HtmlResponse(url=url, body=text.encode("utf-8"), encoding="utf-8")
        )

    contenders: dict[str, Callable[[str, str], object]] = {
        "lexbor parse": lambda text, url: LexborHTMLParser(text),
        "records lexbor": lambda text, url: extract_records(text, url, backend="lexbor"),
        "pages lexbor": lambda text, url: extract_links(text, url, backend="lexbor"),
        "scrapy LinkExtractor": scrapy_links,
    }
    for fn in contenders.values():  # warm caches (registry, PSL)
        fn(*pages[0][:2])
    return {name: best_cpu(fn, pages, rounds) for name, fn in contenders.items()}


def cpu_now() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def batch(pages: list[tuple[str, str]], backend: str, output: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for workers in (1, 2):
        cpu, wall = cpu_now(), time.perf_counter()
        for _ in extract_many(  # type: ignore[call-overload]
            pages, workers=workers, backend=backend, output=output, progress=False
        ):
            pass
        found[f"wall {workers}"] = time.perf_counter() - wall
        found[f"cpu {workers}"] = cpu_now() - cpu
    return found


def _records_of(pages: list[tuple[str, str]]) -> None:
    for text, url in pages:
        extract_records(text, url, backend="lexbor")


def ceiling(pages: list[tuple[str, str]]) -> dict[str, float]:
    """What two cores give at best on this machine now: the records path over all
    pages in this process, against two forked processes doing one half each with
    nothing sent back (no pickling, no pool)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    _records_of(pages)
    one = time.perf_counter() - start
    start = time.perf_counter()
    halves = [context.Process(target=_records_of, args=(pages[i::2],)) for i in (0, 1)]
    for process in halves:
        process.start()
    for process in halves:
        process.join()
    two = time.perf_counter() - start
    return {"wall 1": one, "wall 2": two, "wall ratio 1/2": one / two}


def warc_vs_memory(rounds: int) -> dict[str, float]:
    """The records path over a gzip-per-record WARC of the corpus (FastWARC) against
    the same pages from memory (their bytes, with the headers the WARC carries)."""
    import tempfile

    from tests.warcs import corpus_warc

    from backlinkkit.archives import read_warc

    def pages_of(path: Path) -> Iterator[tuple[bytes, str, tuple[tuple[str, str], ...]]]:
        for page in read_warc(path, engine="fastwarc"):
            yield page.page_input()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.warc.gz"
        corpus_warc(path, manifest(None), extras=False, cut=False)
        in_memory = list(pages_of(path))

        def from_warc() -> None:
            for content, url, headers in pages_of(path):
                extract_records(content, url, headers=headers, backend="lexbor")

        def from_memory() -> None:
            for content, url, headers in in_memory:
                extract_records(content, url, headers=headers, backend="lexbor")

        found: dict[str, float] = {}
        for name, fn in (("memory", from_memory), ("warc", from_warc)):
            best = float("inf")
            for _ in range(rounds):
                start = time.process_time()
                fn()
                best = min(best, time.process_time() - start)
            found[name] = best
    found["warc / memory"] = found["warc"] / found["memory"]
    return found


def dask_scaling(paths: list[str]) -> dict[str, float]:
    import distributed

    from backlinkkit.dask import records_bag

    cluster_of: Any = distributed.LocalCluster
    client_of: Any = distributed.Client
    found: dict[str, float] = {}
    for workers in (1, 2):
        with (
            cluster_of(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            client_of(cluster),
        ):
            bag: Any = records_bag(paths[: 2 * workers], backend="lexbor")
            bag.compute()  # warm every worker: imports, registry, Public Suffix List
            start = time.perf_counter()
            bag = records_bag(paths, backend="lexbor")
            bag.compute()
            found[f"wall {workers}"] = time.perf_counter() - start
    return found


def repeated(count: int) -> Iterator[tuple[bytes, str]]:
    pages = manifest(None)
    for url, path in itertools.islice(itertools.cycle(pages), count):
        yield path.read_bytes(), url


def memory_child(count: int) -> None:
    links = 0
    for records in extract_many(
        repeated(count), workers=2, backend="lexbor", output="records", progress=False
    ):
        links += records.n_links
    worker = 0
    status = Path("/proc/self/status").read_text()
    parent = int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
    import resource

    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"pages": count, "links": links, "parent_kb": parent, "worker_kb": worker}))


def memory(counts: list[int]) -> list[dict[str, int]]:
    rows = []
    for count in counts:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(count)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--html5lib-pages", type=int, default=80)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--memory-counts", default="1000,10000")
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child)
        return
    pages = corpus(args.pages)
    result: dict[str, Any] = {"uptime before": uptime(), "pages": len(pages)}
    print(f"{len(pages)} pages; {result['uptime before']}", flush=True)

    cpu = single(pages, args.rounds)
    result["single-process CPU s"] = cpu
    for name, seconds in cpu.items():
        print(f"  {name:24} {seconds:8.3f} s CPU", flush=True)
    ratios = {
        "scrapy / records lexbor (target >= 3)": cpu["scrapy LinkExtractor"]
        / cpu["records lexbor"],
        "records lexbor / bare lexbor parse (target <= 5)": cpu["records lexbor"]
        / cpu["lexbor parse"],
        "scrapy / pages lexbor (target >= 2)": cpu["scrapy LinkExtractor"] / cpu["pages lexbor"],
    }
    result["ratios"] = ratios
    for name, value in ratios.items():
        print(f"  {name:50} {value:6.2f}", flush=True)

    texts = [(text, url) for text, url, _ in pages]
    found = ceiling(texts)
    result["ceiling"] = found
    print(
        f"  ceiling, 2 forked processes with no IPC: {found['wall ratio 1/2']:.2f}x "
        f"({found['wall 1']:.2f} s vs {found['wall 2']:.2f} s)",
        flush=True,
    )
    result["extract_many"] = {}
    for backend, subset in (("lexbor", texts), ("html5lib", texts[: args.html5lib_pages])):
        for output in ("pages", "records"):
            found = batch(subset, backend, output)
            found["wall ratio 1/2"] = found["wall 1"] / found["wall 2"]
            found["cpu bound 2*cpu1/cpu2"] = 2 * found["cpu 1"] / found["cpu 2"]
            result["extract_many"][f"{backend} {output} ({len(subset)} pages)"] = found
            print(
                f"  extract_many {backend:8} {output:7} {len(subset)} pages: "
                f"1 worker {found['wall 1']:.2f} s (CPU {found['cpu 1']:.2f}), "
                f"2 workers {found['wall 2']:.2f} s (CPU {found['cpu 2']:.2f}): "
                f"{found['wall ratio 1/2']:.2f}x wall, bound {found['cpu bound 2*cpu1/cpu2']:.2f}x",
                flush=True,
            )

    found = warc_vs_memory(args.rounds)
    result["warc"] = found
    print(
        f"  records from a corpus WARC (FastWARC) {found['warc']:.3f} s CPU, from memory "
        f"{found['memory']:.3f} s: {found['warc / memory']:.2f}x (target <= 1.2)",
        flush=True,
    )
    if not args.no_dask:
        found = dask_scaling([str(path) for _, _, path in pages])
        found["wall ratio 1/2"] = found["wall 1"] / found["wall 2"]
        result["dask"] = found
        print(
            f"  dask records_bag: 1 worker {found['wall 1']:.2f} s, 2 workers "
            f"{found['wall 2']:.2f} s: {found['wall ratio 1/2']:.2f}x (target >= 1.6)",
            flush=True,
        )
    if not args.no_memory:
        rows = memory([int(n) for n in args.memory_counts.split(",")])
        result["memory"] = rows
        for row in rows:
            print(
                f"  memory {row['pages']:6} pages, {row['links']:8} links: calling process "
                f"{row['parent_kb'] / 1024:.1f} MB, "
                f"largest worker {row['worker_kb'] / 1024:.1f} MB",
                flush=True,
            )
    result["uptime after"] = uptime()
    print(result["uptime after"])
    if args.json:
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
