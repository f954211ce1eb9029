"""``backlinkkit extract``: pages or WARC files in, Parquet tables out.

::

    backlinkkit extract page1.html page2.html --out tables/
    backlinkkit extract --warc crawl-00000.warc.gz crawl-00001.warc.gz --out tables/

writes ``links-00000.parquet`` (one row per link: ``page_url`` and the keys of
``Link.to_record()``) and ``pages-00000.parquet`` (one row per page, error rows
included) in ``--out``, drawing a progress bar on a terminal.  A saved page is
parsed against ``--url`` (one page), the ``url`` column of ``--manifest`` (a
CSV of ``file,url``, files relative to it), or else its ``file://`` URL.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._parquet import ParquetSink
from ._sources import pages_of
from .batch import PageInput, extract_many
from .errors import InvalidValueError

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``extract`` command to *subparsers* (from ``add_subparsers``)."""
    command: argparse.ArgumentParser = subparsers.add_parser(
        "extract",
        help="extract the links of saved pages or WARC files to Parquet",
        description="Extract every link of the pages (saved HTML files, or the HTML "
        "records of WARC files) and write links-*.parquet and pages-*.parquet to --out.",
    )
    command.add_argument("pages", nargs="*", metavar="PAGE.html", help="saved HTML pages")
    command.add_argument(
        "--warc", nargs="+", default=[], metavar="FILE", help="WARC files (.warc, .warc.gz)"
    )
    command.add_argument("--out", required=True, metavar="DIR", help="the output directory")
    where = command.add_mutually_exclusive_group()
    where.add_argument("--url", help="the URL the single PAGE was fetched from")
    where.add_argument("--manifest", metavar="CSV", help="CSV with columns file,url")
    command.add_argument(
        "--backend",
        choices=("auto", "lexbor", "html5lib"),
        default="auto",
        help="the HTML parser (default: auto, Lexbor when installed)",
    )
    command.add_argument("--workers", type=int, default=None, help="worker processes")
    command.add_argument(
        "--time-limit", type=float, default=None, metavar="SECONDS", help="per-page time limit"
    )
    command.add_argument(
        "--size-limit", type=int, default=None, metavar="BYTES", help="per-page size limit"
    )
    command.add_argument(
        "--no-progress", action="store_true", help="draw no progress bar on standard error"
    )
    return command


def _inputs(args: argparse.Namespace) -> Iterator[PageInput | tuple[Any, ...]]:
    urls: dict[str, str] = {}
    files = list(args.pages)
    if args.url is not None:
        if len(files) != 1:
            raise InvalidValueError(f"--url={args.url!r}: gives the URL of exactly one PAGE")
        urls[str(Path(files[0]).resolve())] = args.url
    if args.manifest is not None:
        folder = Path(args.manifest).parent
        with open(args.manifest, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                if not row.get("file") or not row.get("url"):
                    raise InvalidValueError(
                        f"{args.manifest}, line {line}: expected the columns file,url"
                    )
                urls[str((folder / row["file"]).resolve())] = row["url"]
        if not files:
            files = list(urls)
    for name in files:
        yield from pages_of(name, urls.get(str(Path(name).resolve())))
    for name in args.warc:
        yield from pages_of(name)


def run(args: argparse.Namespace, out: Any = None) -> int:
    """Run ``extract`` with parsed *args*; report the counts on *out* (standard output)."""
    out = sys.stdout if out is None else out
    if not args.pages and not args.warc and args.manifest is None:
        raise InvalidValueError("extract: give PAGE.html files, --manifest or --warc FILE")
    batches = extract_many(
        _inputs(args),
        workers=args.workers,
        backend=args.backend,
        output="records",
        chunksize=16,
        progress=False if args.no_progress else None,
        time_limit=args.time_limit,
        size_limit=args.size_limit,
    )
    errors = 0
    with ParquetSink(args.out, "00000") as sink:
        for batch in batches:
            sink.write(batch)
            errors += sum(error is not None for error in batch.pages["error"])
    print(
        f"{sink.pages} pages ({errors} with errors), {sink.links} links: "
        f"{sink.paths[0]}, {sink.paths[1]}",
        file=out,
    )
    return 0
