"""Benchmark: :func:`backlinkkit.exports.read_export` on a generated Ahrefs-layout export.

Run ``python benchmarks/bench_exports.py`` (``--rows N``, default 1,000,000; ``--dir``,
default the system temporary directory; the file is deleted afterwards unless ``--keep``).
The file is written as Ahrefs writes its Backlinks export: UTF-16LE with a BOM,
tab-separated, every field quoted, the 31 columns of the shipped sample
(``backlinkkit/samples/exports/ahrefs-backlinks.csv``).  Rows draw from 20,000
referring sites, 40 target pages and 500 anchors, so strings repeat as in a real
profile; titles and contexts vary per row.

Reported: wall-clock and CPU time of one ``read_export`` call (the machine may be shared:
CPU time is the steadier figure); how much the process's RSS grew while reading and its
peak RSS (``resource.getrusage``); with ``--tracemalloc``, the memory the result holds
and the peak while reading, traced during a second, separate read so that tracing does
not slow the timed one.  Memory is also given per 1,000,000 rows.  An existing file of
the same name in ``--dir`` is reused.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from backlinkkit.exports import read_export

HEADER = [
    "Referring page title",
    "Referring page URL",
    "Language",
    "Platform",
    "Referring page HTTP code",
    "Domain rating",
    "UR",
    "Domain traffic",
    "Referring domains",
    "Linked domains",
    "External links",
    "Page traffic",
    "Keywords",
    "Target URL",
    "Left context",
    "Anchor",
    "Right context",
    "Type",
    "Content",
    "Nofollow",
    "UGC",
    "Sponsored",
    "Rendered",
    "Raw",
    "Lost status",
    "Drop reason",
    "Discovered status",
    "First seen",
    "Last seen",
    "Lost",
    "Links in group",
]

WORDS = [
    "trail",
    "pack",
    "hike",
    "summit",
    "ridge",
    "alpine",
    "gear",
    "light",
    "review",
    "guide",
    "best",
    "tent",
    "boots",
    "camp",
    "river",
    "forest",
    "lake",
    "peak",
    "route",
    "map",
    "winter",
    "summer",
    "spring",
    "autumn",
    "family",
    "budget",
    "ultra",
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sites = [f"site{n}.{rng.choice(('example', 'test', 'invalid'))}" for n in range(20_000)]
    targets = [f"https://example.com/{rng.choice(WORDS)}/{n}" for n in range(40)]
    anchors = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(500)]
    drops = ("Not found", "301/302 redirect", "Noindex", "Link removed", "Crawl error")
    with open(path, "wb") as out:
        out.write(codecs.BOM_UTF16_LE)
        buffer = ['"' + '"\t"'.join(HEADER) + '"\r\n']
        for n in range(rows):
            site = rng.choice(sites)
            words = rng.choices(WORDS, k=6)
            lost = rng.random() < 0.1
            day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            cells = (
                " ".join(words).title(),
                f"https://{site}/{words[0]}/{words[1]}-{n}",
                "en",
                "Blogs",
                "200",
                str(rng.randint(0, 90)),
                str(rng.randint(0, 60)),
                f"{rng.randint(0, 99)},{rng.randint(0, 999):03d}",
                str(rng.randint(0, 500)),
                str(rng.randint(0, 80)),
                str(rng.randint(0, 120)),
                str(rng.randint(0, 900)),
                str(rng.randint(0, 300)),
                rng.choice(targets),
                " ".join(words[2:4]),
                rng.choice(anchors),
                " ".join(words[4:]),
                "text",
                "true",
                rng.choice(("true", "false", "false", "false")),
                "false",
                "false",
                "true",
                "true",
                "Lost" if lost else "",
                rng.choice(drops) if lost else "",
                "",
                day + " 08:00:00",
                "2026-11-30 12:00:00",
                "2026-11-15 00:00:00" if lost else "",
                "1",
            )
            buffer.append('"' + '"\t"'.join(cells) + '"\r\n')
            if len(buffer) >= 10_000:
                out.write("".join(buffer).encode("utf-16-le"))
                buffer.clear()
        out.write("".join(buffer).encode("utf-16-le"))


def _rss_mb() -> float:
    """The process's current resident set size (Linux ``/proc/self/statm``), in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace a second read with tracemalloc (exact, but several times slower)",
    )
    args = parser.parse_args(argv)
    path = Path(args.dir) / f"bench-ahrefs-{args.rows}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.rows)
        took = time.perf_counter() - started
        print(f"generated {args.rows:,} rows in {took:.1f} s")
    size = path.stat().st_size
    print(f"{path}: {args.rows:,} rows, {size / 1e6:.0f} MB (UTF-16LE, tab, quoted)")
    per = 1_000_000 / args.rows
    try:
        gc.collect()
        before = _rss_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        exported = read_export(path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        after = _rss_mb()
        assert len(exported) == args.rows, exported.summary
        assert not exported.errors, exported.summary
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000  # kB on Linux
        print(
            f"read_export: {wall:.1f} s wall, {cpu:.1f} s CPU ({args.rows / cpu:,.0f} rows/CPU-s)"
        )
        print(
            f"RSS: {after - before:.0f} MB more after reading ({(after - before) * per:.0f} MB per "
            f"1M rows); process peak RSS {peak:.0f} MB"
        )
        del exported
        gc.collect()
        if args.tracemalloc:
            tracemalloc.start()
            again = read_export(path)
            held, top = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            assert len(again) == args.rows
            print(
                f"tracemalloc: the result holds {held / 1e6:.0f} MB ({held / 1e6 * per:.0f} MB "
                f"per 1M rows, {held / args.rows:.0f} bytes a row); peak while reading "
                f"{top / 1e6:.0f} MB"
            )
    finally:
        if not args.keep:
            os.unlink(path)
    print(f"python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
