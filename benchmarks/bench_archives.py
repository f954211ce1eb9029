"""Benchmark: reading WARC files (FastWARC against warcio) and extracting from them.

Run ``python benchmarks/bench_archives.py`` (needs ``pip install "backlinkkit[warc]"
warcio selectolax``).  It builds, in a temporary directory (or ``--dir``), a
gzip-per-record WARC of the pages of ``../shared/corpus`` (``tests/warcs.py``:
a request and a response record per page, the page bytes as the body, served
as ``text/html`` without a charset) and measures, in one run:

* reading it with ``read_warc(engine="fastwarc")`` and ``engine="warcio"``:
  records/s, pages/s, MB/s of the compressed file and of the page bodies;
* ``extract_links(backend="lexbor")`` over the pages as read from the WARC against
  the same pages from memory (bytes, URL and headers already in a list), and their
  ratio -- issue 11's target is "within 1.2x";
* memory: the peak of Python objects (``tracemalloc``, off with
  ``--no-tracemalloc``, which slows extraction a lot) and the RSS high-water of a
  fresh process reading a WARC of 1,000 and of 10,000 pages (corpus pages
  repeated; ``--memory-counts``), with the RSS after every 1,000 pages; with
  ``--memory-extract`` also extracting each page; ``--memory-engine`` picks the
  engine, ``--memory-only`` skips the timings.

Figures are the best of ``--rounds`` by CPU time (``time.process_time``), with
wall clock beside.  Options: ``--pages N`` (the first N corpus pages),
``--rounds``, ``--no-memory``, ``--dir``, ``--json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backlinkkit import extract_links
from backlinkkit.archives import read_warc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.corpus import corpus_pages
from tests.warcs import WarcManifest, write_warc


def build(
    path: Path, limit: int | None, repeat_to: int | None = None, level: int = 6
) -> WarcManifest:
    pages = [(url, file.read_bytes()) for url, file in corpus_pages(limit)]
    with open(path, "wb") as out:
        return write_warc(out, pages, extras=False, cut=False, repeat_to=repeat_to, level=level)


def best(rounds: int, run: Callable[[], Any]) -> tuple[float, float, Any]:
    """``(cpu seconds, wall seconds, result)`` of the fastest of *rounds* runs."""
    results = []
    for _ in range(rounds):
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        value = run()
        results.append((time.process_time() - cpu, time.perf_counter() - wall, value))
    return min(results, key=lambda r: r[0])


def read_all(path: Path, engine: str) -> tuple[int, int, int]:
    reader = read_warc(path, engine=engine)  # type: ignore[arg-type]
    size = sum(len(page.content) for page in reader)
    return reader.stats.records, reader.stats.pages, size


def extract_from_warc(path: Path) -> int:
    links = 0
    for page in read_warc(path, engine="fastwarc"):
        links += len(
            extract_links(page.content, page.url, headers=page.headers, backend="lexbor").links
        )
    return links


def extract_from_memory(pages: list[tuple[str, bytes, tuple[tuple[str, str], ...]]]) -> int:
    links = 0
    for url, content, headers in pages:
        links += len(extract_links(content, url, headers=headers, backend="lexbor").links)
    return links


def memory_child(path: str, extract: bool, engine: str, traced: bool) -> None:
    """In a fresh process: read (and extract) every page; print the peaks as JSON."""
    if traced:
        tracemalloc.start()
    pages = links = 0
    checkpoints = {}
    for page in read_warc(path, engine=engine):  # type: ignore[arg-type]
        pages += 1
        if extract:
            result = extract_links(page.content, page.url, headers=page.headers, backend="lexbor")
            links += len(result.links)
        if pages % 1000 == 0:
            checkpoints[pages] = current_rss_kib()
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    rss = peak_rss_kib()
    row = {"pages": pages, "links": links, "tracemalloc_peak": peak, "rss_kib": rss}
    print(json.dumps({**row, "rss_at": checkpoints}))


def peak_rss_kib() -> int:
    """The RSS high-water of this process image, in KiB: ``VmHWM`` of ``/proc/self/status``
    (``ru_maxrss`` would carry the parent's high-water over ``fork`` and ``exec``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def current_rss_kib() -> int:
    """The resident set size now (Linux ``/proc/self/statm``), in KiB; 0 elsewhere."""
    try:
        resident = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return resident * resource.getpagesize() // 1024


def memory(
    folder: Path, counts: list[int], extract: bool, limit: int | None, engine: str, traced: bool
) -> list[Any]:
    rows = []
    for count in counts:
        path = folder / f"repeat-{count}.warc.gz"
        manifest = build(path, limit, repeat_to=count, level=1)  # quicker to write
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(path), "--memory-engine", engine]
            + (["--memory-extract"] if extract else [])
            + ([] if traced else ["--no-tracemalloc"]),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["file_mb"] = manifest.size / 1e6
        rows.append(row)
        path.unlink()
    return rows


def speed(folder: Path, limit: int | None, rounds: int, results: dict[str, Any]) -> None:
    """Reading with each engine, and extraction from the WARC against memory."""
    path = folder / "corpus.warc.gz"
    manifest = build(path, limit)
    body_mb = sum(len(p.content) for p in manifest.pages) / 1e6
    file_mb = manifest.size / 1e6
    results.update(
        {
            "pages": len(manifest.pages),
            "records": manifest.records,
            "file_mb": round(file_mb, 2),
            "body_mb": round(body_mb, 2),
        }
    )
    print(
        f"WARC: {manifest.records} records, {len(manifest.pages)} pages, "
        f"{file_mb:.1f} MB gzip-per-record, {body_mb:.1f} MB of page bodies"
    )
    for engine in ("fastwarc", "warcio"):

        def run(engine: str = engine) -> tuple[int, int, int]:
            return read_all(path, engine)

        cpu, wall, (records, pages, _size) = best(rounds, run)
        results[engine] = {"cpu_s": cpu, "wall_s": wall}
        print(
            f"read_warc engine={engine:8}: {cpu:6.3f} s CPU ({wall:6.3f} s wall)  "
            f"{records / cpu:8.0f} records/s  {pages / cpu:7.0f} pages/s  "
            f"{file_mb / cpu:6.1f} MB/s file  {body_mb / cpu:6.1f} MB/s bodies"
        )
    ratio = results["warcio"]["cpu_s"] / results["fastwarc"]["cpu_s"]
    print(f"FastWARC is {ratio:.2f}x warcio (CPU)")

    in_memory = [(p.url, p.content, p.headers) for p in manifest.pages]
    timings: dict[str, list[tuple[float, float]]] = {"memory": [], "warc": []}
    links = {}
    for _ in range(rounds):  # interleaved, so that load on the machine hits both
        jobs: tuple[tuple[str, Callable[[], int]], ...] = (
            ("memory", lambda: extract_from_memory(in_memory)),
            ("warc", lambda: extract_from_warc(path)),
        )
        for name, job in jobs:
            cpu, wall, found = best(1, job)
            timings[name].append((cpu, wall))
            links[name] = found
    assert links["memory"] == links["warc"], links
    mem_cpu, mem_wall = min(timings["memory"])
    warc_cpu, warc_wall = min(timings["warc"])
    results["extract"] = {
        "memory_cpu_s": mem_cpu,
        "warc_cpu_s": warc_cpu,
        "memory_wall_s": mem_wall,
        "warc_wall_s": warc_wall,
        "ratio_cpu": warc_cpu / mem_cpu,
        "ratio_wall": warc_wall / mem_wall,
        "links": links["warc"],
    }
    print(
        f"extract_links(lexbor), {len(in_memory)} pages, {links['warc']} links:\n"
        f"  from memory   {mem_cpu:6.3f} s CPU ({mem_wall:6.3f} s wall)\n"
        f"  from the WARC {warc_cpu:6.3f} s CPU ({warc_wall:6.3f} s wall)\n"
        f"  ratio {warc_cpu / mem_cpu:.3f}x CPU, {warc_wall / mem_wall:.3f}x wall"
        " (target: within 1.2x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--memory-counts", default="1000,10000")
    parser.add_argument("--memory-extract", action="store_true")
    parser.add_argument("--memory-engine", default="fastwarc", choices=("fastwarc", "warcio"))
    parser.add_argument("--memory-only", action="store_true")
    parser.add_argument("--no-tracemalloc", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--memory-child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(
            args.memory_child, args.memory_extract, args.memory_engine, not args.no_tracemalloc
        )
        return
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        if not args.memory_only:
            speed(folder, args.pages, args.rounds, results)
        if not args.no_memory:
            counts = [int(c) for c in args.memory_counts.split(",")]
            rows = memory(
                folder,
                counts,
                args.memory_extract,
                args.pages,
                args.memory_engine,
                not args.no_tracemalloc,
            )
            results["memory"] = rows
            what = "read + extract_links(lexbor)" if args.memory_extract else "read"
            what += f", engine={args.memory_engine}"
            print(f"memory, fresh process per count, {what}:")
            for row in rows:
                print(
                    f"  {row['pages']:6} pages ({row['file_mb']:7.1f} MB file): "
                    f"tracemalloc peak {row['tracemalloc_peak'] / 1e6:6.1f} MB, "
                    f"RSS high-water {row['rss_kib'] / 1024:6.1f} MiB; RSS after each 1,000 "
                    "pages: "
                    + " ".join(f"{kib / 1024:.0f}" for kib in row["rss_at"].values())
                    + " MiB"
                )
        if args.json:
            print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
