"""``backlinkkit extract``: pages or WARC files in, Parquet tables out.

::

    backlinkkit extract page1.html page2.html --out tables/
    backlinkkit extract --warc crawl-00000.warc.gz crawl-00001.warc.gz --out tables/
    backlinkkit extract --warc CC-MAIN-…-00000.warc.wat.gz --out tables/

writes ``links-00000.parquet`` (one row per link: its page's key, ``page_url``
and the keys of ``Link.to_record()``), ``pages-00000.parquet`` (one row per page,
error rows included) and ``issues-00000.parquet`` (what the WARC reader reported:
revisits, truncated, non-HTML and unreadable records) in ``--out``, drawing a
progress bar on a terminal.  Every row's ``source`` is its input file, and page
positions count from 0 in each file, as in the Dask and Spark recipes.  A saved page is
parsed against ``--url`` (one page), the ``url`` column of ``--manifest`` (a
CSV of ``file,url``, files relative to it), or else its ``file://`` URL.

``--warc`` also takes WAT files, told apart by their names (``.wat``, ``.wat.gz``
-- Common Crawl's ``….warc.wat.gz`` --, ``.wat.lz4``, ``.wat.zst``), as the Dask
and Spark recipes tell them apart: their rows come from the WAT link metadata,
without HTML extraction.  A ``--warc`` file named neither way is refused (it was
read as one saved HTML page before).

A WARC file that cannot be read to its end (not a WARC file, a gzip member cut
short inside the file, a corrupt member) does not stop the run: the pages read
from it are kept, an ``unreadable-archive`` issue row is written, one warning
line on standard error names the file, and the exit status is 1 (some input
was not read), as for the other commands.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

from ._format import count
from ._infra import collapse_ascii_whitespace
from ._parquet import ParquetSink
from ._sources import (
    UNREADABLE_ARCHIVE,
    WARC_SUFFIXES,
    WAT_SUFFIXES,
    extract_paths,
    is_warc,
    is_wat,
)
from .errors import InvalidValueError

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``extract`` command to *subparsers* (from ``add_subparsers``)."""
    command: argparse.ArgumentParser = subparsers.add_parser(
        "extract",
        help="extract the links of saved pages or WARC files to Parquet",
        description="Extract every link of the pages (saved HTML files, or the HTML "
        "records of WARC files) and write links-*.parquet, pages-*.parquet and "
        "issues-*.parquet to --out.",
    )
    command.add_argument("pages", nargs="*", metavar="PAGE.html", help="saved HTML pages")
    command.add_argument(
        "--warc",
        nargs="+",
        default=[],
        metavar="FILE",
        help="WARC files (.warc, .warc.gz) or WAT files (.wat, .wat.gz, .warc.wat.gz)",
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


def _inputs(args: argparse.Namespace) -> tuple[list[str], dict[str, str | None]]:
    """The input files in order, and the URL of each saved page that has one."""
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
    given = {name: urls.get(str(Path(name).resolve())) for name in files}
    for name in args.warc:
        if not (is_warc(name) or is_wat(name)):
            endings = ", ".join((*WARC_SUFFIXES, *WAT_SUFFIXES))
            raise InvalidValueError(
                f"--warc={name!r}: not a WARC or WAT file name (expected an ending in {endings})"
            )
    return [*files, *args.warc], given


def run(args: argparse.Namespace, out: Any = None) -> int:
    """Run ``extract`` with parsed *args*; report the counts on *out* (standard output).

    Returns the exit status: 0, or 1 when a WARC or WAT file could not be read to its end
    (each named in a warning line on standard error)."""
    out = sys.stdout if out is None else out
    if not args.pages and not args.warc and args.manifest is None:
        raise InvalidValueError("extract: give PAGE.html files, --manifest or --warc FILE")
    paths, urls = _inputs(args)
    batches = extract_paths(
        paths,
        urls=urls,
        workers=args.workers,
        backend=args.backend,
        chunksize=16,
        progress=False if args.no_progress else None,
        time_limit=args.time_limit,
        size_limit=args.size_limit,
    )
    errors = 0
    unread: list[str] = []  # the detail of each file not read to its end
    with ParquetSink(args.out, "00000") as sink:
        for batch in batches:
            sink.write(batch)
            errors += sum(error is not None for error in batch.pages["error"])
            unread += [
                detail
                for kind, detail in zip(batch.issues["kind"], batch.issues["detail"], strict=True)
                if kind == UNREADABLE_ARCHIVE
            ]
    issues = count(sink.issues, "archive issue")
    print(
        f"{count(sink.pages, 'page')} ({errors} with errors), {count(sink.links, 'link')}, "
        f"{issues}: " + ", ".join(map(str, sink.paths)),
        file=out,
    )
    for detail in unread:  # the detail names the file; an engine's message may hold newlines
        print(f"backlinkkit: warning: {collapse_ascii_whitespace(detail)}", file=sys.stderr)
    return 1 if unread else 0
