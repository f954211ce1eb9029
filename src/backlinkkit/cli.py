"""The ``backlinkkit`` command line: ``demo`` and ``audit``.

``backlinkkit demo`` extracts the sample pages shipped in the package,
prints their links, then audits them against ``example.com`` with the
direct and social values side by side.

``backlinkkit audit PAGE.html … --target example.com`` does the same for
your own saved pages.  Each page needs the URL it was fetched from:
``--url`` for a single page, or ``--manifest`` with a CSV of ``file,url``
rows (optional ``x_robots_tag`` column).  ``--sources`` and
``--engagement`` read CSVs of source metrics and engagement keyed by a
``page`` column (a page URL, or for sources also a domain).  Output goes
to stdout only, as a table, JSON or CSV.  On bad input the command prints
one line on stderr and exits with status 2.

>>> import contextlib, sys
>>> with contextlib.redirect_stderr(sys.stdout):
...     main(["audit", "missing.html", "--target", "example.com", "--url", "https://example.org/"])
backlinkkit: error: cannot read 'missing.html': No such file or directory
2
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

import attrs

from ._cli_extract import add_parser as add_extract_parser
from ._cli_extract import run as run_extract
from ._format import grid
from .audit import RECORD_KEYS, BacklinkProfile, audit
from .errors import BacklinkkitError, InvalidValueError
from .extract import extract_links
from .page import Link, Page
from .scoring import Engagement, ScoringModel, SourceMetrics, parse_datetime

__all__ = ["main"]

T = TypeVar("T")


class _UsageError(Exception):
    """A command-line mistake (reported on one line, exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backlinkkit",
        description="Does this link count as a backlink, and what is it worth?",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    commands.add_parser(
        "demo",
        help="extract and audit the sample pages shipped in the package",
        description="Print the links of the bundled sample pages, then an audit of them "
        "against example.com with the direct and social values side by side.",
    )
    run = commands.add_parser(
        "audit",
        help="score the links from saved pages to a target site",
        description="Find every link from the saved pages to the target site and score it.",
    )
    run.add_argument("pages", nargs="*", metavar="PAGE.html", help="saved HTML pages")
    run.add_argument(
        "--target", required=True, help="the audited site: a domain (example.com) or a host"
    )
    where = run.add_mutually_exclusive_group()
    where.add_argument("--url", help="the URL the single PAGE was fetched from")
    where.add_argument(
        "--manifest",
        metavar="CSV",
        help="CSV with columns file,url (and optional x_robots_tag); "
        "files are relative to the CSV; without PAGE arguments, every file in it",
    )
    run.add_argument(
        "--sources",
        metavar="CSV",
        help="CSV: page (URL or domain), authority, spam_score, tier, relevance, open_pagerank",
    )
    run.add_argument(
        "--engagement",
        metavar="CSV",
        help="CSV: page (URL), likes, shares, comments, clicks, impressions, followers, posted_at",
    )
    run.add_argument(
        "--now",
        metavar="ISO",
        help="measure post ages at this time (ISO 8601 with offset; default: now)",
    )
    run.add_argument(
        "--niche", default="general", help="audience niche for platform fit: general, b2b, visual"
    )
    run.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )
    add_extract_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``backlinkkit`` console script; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = sys.stdout
    try:
        try:
            args = _parser().parse_args(args_list)
        except SystemExit as stop:  # --help
            return stop.code if isinstance(stop.code, int) else 0
        if args.command == "extract":
            return run_extract(args)
        if args.command == "demo":
            out.write(demo_text())
            return 0
        return _audit_command(args, out)
    except _UsageError as exc:
        print(f"backlinkkit: error: {exc}", file=sys.stderr)
        return 2
    except (BacklinkkitError, OSError) as exc:
        print(f"backlinkkit: error: {_one_line(exc)}", file=sys.stderr)
        return 2


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


# --------------------------------------------------------------------------- audit


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _UsageError(f"cannot read {path!r}: {exc.strerror or exc}") from None


def _read_csv(path: str, what: str) -> list[dict[str, str]]:
    data = _read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _UsageError(f"{what} {path!r} is not UTF-8 text") from None
    try:
        reader = csv.DictReader(io.StringIO(text))
        rows = [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader
        ]
    except csv.Error as exc:
        raise _UsageError(f"{what} {path!r}: {exc}") from None
    return rows


def _keyed(
    path: str, what: str, build: Callable[[dict[str, str]], T], names: tuple[str, ...]
) -> dict[str, T]:
    table: dict[str, T] = {}
    for number, row in enumerate(_read_csv(path, what), start=2):
        key = next((row[n] for n in names if row.get(n)), "")
        if not key:
            raise _UsageError(f"{what} {path!r} line {number}: no {names[0]!r} column value")
        try:
            table[key] = build(row)
        except BacklinkkitError as exc:
            raise _UsageError(f"{what} {path!r} line {number}: {_one_line(exc)}") from None
    return table


def _page_inputs(args: argparse.Namespace) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    """(file, url, headers) for every page to audit."""
    if args.url is not None:
        if len(args.pages) != 1:
            raise _UsageError("--url gives the URL of exactly one PAGE; use --manifest for more")
        return [(args.pages[0], args.url, ())]
    if args.manifest is None:
        if not args.pages:
            raise _UsageError("give PAGE.html files with --url or --manifest")
        raise _UsageError(
            f"no URL for {args.pages[0]!r}: give --url (one page) or --manifest (file,url CSV)"
        )
    base = Path(args.manifest).parent
    entries: dict[Path, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
    order: list[Path] = []
    for number, row in enumerate(_read_csv(args.manifest, "manifest"), start=2):
        file, url = row.get("file", ""), row.get("url", "")
        if not file or not url:
            raise _UsageError(f"manifest {args.manifest!r} line {number}: needs file and url")
        headers = (("X-Robots-Tag", row["x_robots_tag"]),) if row.get("x_robots_tag") else ()
        path = (base / file).resolve()
        entries[path] = (str(base / file), url, headers)
        order.append(path)
    if not args.pages:
        return [entries[p] for p in order]
    found = []
    for page in args.pages:
        entry = entries.get(Path(page).resolve())
        if entry is None:
            raise _UsageError(f"{page!r} is not listed in the manifest {args.manifest!r}")
        found.append((page, entry[1], entry[2]))
    return found


def _audit_command(args: argparse.Namespace, out: TextIO) -> int:
    try:
        model = attrs.evolve(ScoringModel(), niche=args.niche)
    except BacklinkkitError as exc:
        raise _UsageError(f"--niche: {_one_line(exc)}") from None
    now = None
    if args.now is not None:
        try:
            now = parse_datetime("now", "value", args.now)
        except BacklinkkitError:
            raise _UsageError(
                f"--now {args.now!r}: not an ISO 8601 date-time with a UTC offset "
                "(e.g. 2024-06-01T12:00:00Z)"
            ) from None
    sources = (
        _keyed(args.sources, "sources", SourceMetrics.from_record, ("page", "url", "domain"))
        if args.sources
        else None
    )
    engagement = (
        _keyed(args.engagement, "engagement", Engagement.from_record, ("page", "url"))
        if args.engagement
        else None
    )
    pages: list[Page] = []
    for file, url, headers in _page_inputs(args):
        data = _read_bytes(file)
        try:
            pages.append(extract_links(data, url, headers=headers))
        except BacklinkkitError as exc:
            raise _UsageError(f"{file!r}: {_one_line(exc)}") from None
    profile = audit(
        pages, args.target, model=model, sources=sources, engagement=engagement, now=now
    )
    write_profile(profile, args.format, out)
    return 0


def write_profile(profile: BacklinkProfile, fmt: str, out: TextIO) -> None:
    """Write *profile* to *out* as ``table``, ``json`` or ``csv``."""
    if fmt == "table":
        out.write(f"{profile.summary}\n\n{profile.to_table()}\n")
    elif fmt == "json":
        doc = {
            "target": profile.target,
            "summary": summary_dict(profile),
            "backlinks": profile.to_records(),
        }
        out.write(json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(RECORD_KEYS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(profile.to_records())
    else:
        raise InvalidValueError(f"format={fmt!r}: expected 'table', 'json' or 'csv'")


def summary_dict(profile: BacklinkProfile) -> dict[str, Any]:
    """The summary as JSON-ready data."""
    data = attrs.asdict(profile.summary)
    for key in ("link_types", "regions", "platforms"):
        data[key] = dict(data[key])
    return data


# --------------------------------------------------------------------------- demo


def _link_rows(page: Page) -> list[tuple[str, ...]]:
    def platform(link: Link) -> str:
        s = link.social
        return "" if s is None else f"{s.platform.key} {s.kind}"

    return [
        (
            link.region,
            " ".join(link.rel.tokens) or "-",
            "yes" if link.followed else f"no ({link.nofollow_source})",
            link.anchor,
            link.url or link.href,
            platform(link),
        )
        for link in page.links
    ]


def demo_text(width: int = 100) -> str:
    """Everything ``backlinkkit demo`` prints."""
    from .samples import load_samples

    samples = load_samples()
    pages = samples.pages()
    parts = [
        f"backlinkkit demo: {len(pages)} sample pages shipped in the package\n"
        "(invented pages; sites that are not social platforms use reserved domains)\n"
    ]
    for sample, page in zip(samples.samples, pages, strict=True):
        robots = ""
        if page.robots.nofollow:
            robots = f"; page nofollow from {page.robots.nofollow_source}"
        parts.append(f"== {sample.file}: {sample.kind}\n   {page.url}{robots}\n")
        header = ("region", "rel", "followed", "anchor", "URL", "platform")
        parts.append(grid(header, _link_rows(page), width=width, flex=(3, 4), middle=(4,)) + "\n")
    profile = audit(
        pages,
        samples.target,
        sources=samples.sources(),
        engagement=samples.engagement(),
        now=samples.now,
    )
    parts.append(
        f"== Audit against {samples.target}\n"
        f"   illustrative source metrics and engagement; post ages at "
        f"{samples.now:%Y-%m-%d %H:%M} UTC\n"
        "   direct = link equity passed (equity units)\n"
        "   social = visits delivered + remaining (other units: LinkValue.explain())\n"
    )
    parts.append(f"{profile.summary}\n\n{profile.to_table(width=width)}\n")
    return "\n".join(parts)
