"""The ``backlinkkit`` command line: ``demo``, ``links``, ``audit``, ``verify``, ``anchors``,
``diff``, ``gap``, ``import`` and ``disavow``.

``backlinkkit demo`` extracts the sample pages shipped in the package,
prints their links, then audits them against ``example.com`` with the
direct and social values side by side.

``backlinkkit audit PAGE.html … --target example.com`` does the same for
your own saved pages.  Each page needs the URL it was fetched from:
``--url`` for a single page, or ``--manifest`` with a CSV of ``file,url``
rows (optional ``x_robots_tag``, ``content_type``, ``charset`` and
``location`` columns: the page's headers as the crawler recorded them; and
``status``, the HTTP status it was served with, which ``verify`` reads).  ``--sources`` and
``--engagement`` read CSVs of source metrics and engagement keyed by a
``page`` column (a page URL, or for sources also a domain).  Output goes
to stdout only, as a table, JSON or CSV.

The exit status is 0 when every input was read; 1 when the command ran but
left some inputs out, each named in a warning on stderr (a file that is not
an HTML page -- an image, an archive, an empty file --, a page that could not
be extracted, a manifest line repeating a file or URL, a row of a vendor export
that cannot be read); 2 on bad input, with
one line on stderr and no output.  ``backlinkkit --version`` prints the
version; ``backlinkkit`` alone prints the usage on stderr and exits with status 2
(argparse's convention for a missing command).  When stdout is closed early
(``backlinkkit audit … | head``) the command ends quietly with status 0.

>>> import contextlib, sys
>>> with contextlib.redirect_stderr(sys.stdout):
...     main(["audit", "missing.html", "--target", "example.com", "--url", "https://example.org/"])
backlinkkit: error: cannot read 'missing.html': No such file or directory
2
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, TextIO, TypeVar

import attrs

from ._cli_extract import add_parser as add_extract_parser
from ._cli_extract import run as run_extract
from ._cli_warc import ArchiveNotes, Unreadable, warc_pages
from ._format import grid
from ._sources import is_wat
from ._tables import read_table
from .audit import RECORD_KEYS, BacklinkProfile, audit, for_audit
from .batch import ExtractionError, PageInput, extract_many
from .diff import diff
from .disavow import disavow_file
from .errors import BacklinkkitError, InputFormatError, InvalidValueError
from .expected import expected_links, url_key
from .exports import ExportedBacklinks, read_export
from .gap import link_gap
from .page import Link, Page
from .referrals import Referrals, read_referrals
from .scoring import METRIC_KEYS, Engagement, ScoringModel, SourceMetrics, parse_datetime
from .urls import parse_absolute_url, parse_target, registrable_domain
from .verify import verify

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
    parser.add_argument("--version", action="version", version=f"backlinkkit {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    commands.add_parser(
        "demo",
        help="extract and audit the sample pages shipped in the package",
        description="Print the links of the bundled sample pages, then an audit of them "
        "against example.com with the direct and social values side by side.",
    )
    links = commands.add_parser(
        "links",
        help="one page's links, as the demo shows them",
        description="Print every link of one saved page: region, rel, whether a crawler "
        "follows it, anchor, URL and social platform.",
    )
    links.add_argument("pages", nargs=1, metavar="PAGE.html", help="a saved HTML page")
    _page_options(links, extraction=True)
    _format_option(links)
    run = commands.add_parser(
        "audit",
        help="score the links from saved pages to a target site",
        description="Find every link from the saved pages to the target site and score it.",
    )
    run.add_argument("pages", nargs="*", metavar="PAGE.html", help="saved HTML pages")
    run.add_argument(
        "--target",
        required=True,
        action="append",
        help="the audited site: a domain (example.com) or a host; repeat for several",
    )
    _page_options(run, extraction=True, warc=True)
    run.add_argument(
        "--include-shares",
        action="store_true",
        help="count share buttons (twitter.com/intent/tweet ...) as backlinks",
    )
    run.add_argument(
        "--sources",
        metavar="CSV",
        help=(
            "CSV: page (URL or domain), authority or a named metric (ahrefs-dr, moz-da, "
            "... or metric,value), spam_score, tier, relevance, open_pagerank; or a vendor's "
            "backlink export (its metrics per linking page)"
        ),
    )
    run.add_argument(
        "--engagement",
        metavar="CSV",
        help="CSV: page (URL), likes, shares, comments, clicks, impressions, followers, posted_at",
    )
    run.add_argument(
        "--referrals",
        metavar="EXPORT",
        help="a GA4 or Universal Analytics traffic export (source / medium, landing page, "
        "sessions): measured sessions credited to the backlinks that landed them",
    )
    run.add_argument(
        "--now",
        metavar="ISO",
        help="measure post ages at this time (ISO 8601 with offset; default: now)",
    )
    run.add_argument(
        "--niche", default="general", help="audience niche for platform fit: general, b2b, visual"
    )
    _format_option(run)
    _workflow_commands(commands)
    add_extract_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``backlinkkit`` console script; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = sys.stdout
    try:
        if not args_list:
            _parser().print_help(sys.stderr)
            return 2
        try:
            args = _parser().parse_args(args_list)
        except SystemExit as stop:  # --help, --version
            return stop.code if isinstance(stop.code, int) else 0
        if args.command == "extract":
            return run_extract(args)
        if args.command == "demo":
            out.write(demo_text())
            out.flush()
            return 0
        command = _COMMANDS[args.command]
        status = command(args, out)
        out.flush()
        return status
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except _UsageError as exc:
        print(f"backlinkkit: error: {exc}", file=sys.stderr)
        return 2
    except (BacklinkkitError, OSError) as exc:
        print(f"backlinkkit: error: {_one_line(exc)}", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at devnull, so that the interpreter's final flush
    raises nothing (the recipe of the Python docs, "Note on SIGPIPE")."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a StringIO ...)
        pass


def _version() -> str:
    import backlinkkit

    return backlinkkit.__version__


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


# --------------------------------------------------------------------------- audit


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _UsageError(f"cannot read {path!r}: {exc.strerror or exc}") from None


def _read_csv(
    path: str, what: str, known: tuple[str, ...] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each row of the CSV at *path*, keys lower case, cells stripped;
    a file that is not such a CSV is one error naming the file and line.  With *known*,
    the columns not among them are named in a warning on stderr."""
    try:
        table = read_table(_read_bytes(path), path)
    except InputFormatError as exc:
        raise _UsageError(f"{what} {_one_line(exc)}") from None
    if known is not None and table:
        unknown = [key for key in table[0][1] if key.strip().lower() not in known]
        if unknown:
            print(
                f"backlinkkit: warning: {what} {path}: column{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(repr(key) for key in unknown)} not understood, ignored "
                f"(understood: {', '.join(known)})",
                file=sys.stderr,
            )
    return [
        (number, {key.strip().lower(): cell.strip() for key, cell in row.items()})
        for number, row in table
    ]


#: The value each keyed CSV is read into: its columns are the key columns and its fields.
_KEYED_VALUES: dict[str, type] = {"sources": SourceMetrics, "engagement": Engagement}


def _keyed_columns(what: str) -> tuple[str, ...]:
    """The columns ``from_record`` of *what*'s value reads: its scalar fields, and for
    sources a column per named metric (``ahrefs-dr``, ``moz-pa`` ...) instead of the
    ``metrics`` mapping, which no CSV cell can hold."""
    fields = tuple(f.name for f in attrs.fields(_KEYED_VALUES[what]) if f.name != "metrics")
    if what != "sources":
        return fields
    named = tuple(key for key in METRIC_KEYS if key not in fields and key != "open-pagerank")
    return (*fields, *named)


def _keyed(
    path: str,
    what: str,
    build: Callable[[dict[str, str]], T],
    names: tuple[str, ...],
    check: Callable[[T], None] | None = None,
) -> dict[str, T]:
    """The rows of the CSV at *path* built into values by their key column (the first of
    *names* with a value); an error in a row -- a value *build* or *check* refuses, a
    missing key, a key given again -- names the file and line."""
    table: dict[str, T] = {}
    lines: dict[str, int] = {}
    known = (*names, *_keyed_columns(what))
    for number, row in _read_csv(path, what, known):
        key = next((row[n] for n in names if row.get(n)), "")
        if not key:
            raise _UsageError(f"{what} {path!r} line {number}: no {names[0]!r} column value")
        if key in lines:
            raise _UsageError(
                f"{what} {path!r} line {number}: {key!r} again (first on line {lines[key]})"
            )
        try:
            value = build(row)
            if check is not None:
                check(value)
        except BacklinkkitError as exc:
            raise _UsageError(f"{what} {path!r} line {number}: {_one_line(exc)}") from None
        table[key] = value
        lines[key] = number
    return table


class _Input(NamedTuple):
    """One page the arguments name."""

    #: The file as shown to the user (relative to the manifest's folder, or as given).
    file: str
    #: The URL it was fetched from.
    url: str
    #: Its response headers (X-Robots-Tag, Content-Type) from the manifest.
    headers: tuple[tuple[str, str], ...]
    #: Why it is not a page, when the manifest says so (its content_type), else None.
    not_a_page: str | None = None
    #: The HTTP status the manifest gives, else None.
    status: int | None = None


#: The manifest's columns.
_MANIFEST_COLUMNS = (
    "file",
    "url",
    "x_robots_tag",
    "content_type",
    "charset",
    "status",
    "location",
)
#: The MIME types of the pages a browser parses as HTML.
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _page_inputs(args: argparse.Namespace) -> tuple[list[_Input], int]:
    """The pages to extract, and how many inputs were left out (named on stderr): a
    manifest line or PAGE argument that repeats a file or URL is audited once."""
    if args.url is not None:
        if len(args.pages) != 1:
            raise _UsageError("--url gives the URL of exactly one PAGE; use --manifest for more")
        try:
            url = parse_absolute_url(args.url)
        except BacklinkkitError as exc:
            raise _UsageError(f"--url: {_one_line(exc)}") from None
        return [_Input(args.pages[0], url, ())], 0
    if args.manifest is None:
        if not args.pages and getattr(args, "warc", None):
            return [], 0
        if not args.pages:
            raise _UsageError("give PAGE.html files with --url or --manifest, or --warc FILE")
        raise _UsageError(
            f"no URL for {args.pages[0]!r}: give --url (one page) or --manifest (file,url CSV)"
        )
    manifest = args.manifest
    base = Path(manifest).parent
    entries: dict[Path, tuple[int, _Input]] = {}
    urls: dict[str, tuple[int, str]] = {}
    skipped = 0
    for number, row in _read_csv(manifest, "manifest", _MANIFEST_COLUMNS):
        where = f"manifest {manifest!r} line {number}"
        file, url = row.get("file", ""), row.get("url", "")
        if not file or not url:
            raise _UsageError(f"{where}: needs file and url")
        try:
            url = parse_absolute_url(url)
        except BacklinkkitError as exc:
            raise _UsageError(f"{where}: {_one_line(exc)}") from None
        shown = str(base / file)
        path = (base / file).resolve()
        if path in entries:
            first, entry = entries[path]
            other = "" if entry.url == url else f" ({url} ignored)"
            _warn(
                f"{where}: {shown} is listed again (first on line {first}); "
                f"audited once, as {entry.url}{other}"
            )
            skipped += 1
            continue
        same = url.partition("#")[0]
        if same in urls:
            first, first_file = urls[same]
            _warn(
                f"{where}: {url} is listed again (first on line {first}, {first_file}); "
                f"{shown} skipped"
            )
            skipped += 1
            continue
        headers, not_a_page = _manifest_headers(row, where)
        status = _manifest_status(row, where)
        entries[path] = (number, _Input(shown, url, headers, not_a_page, status))
        urls[same] = (number, shown)
    if not args.pages:
        return [entry for _, entry in entries.values()], skipped
    found: dict[Path, _Input] = {}
    for page in args.pages:
        path = Path(page).resolve()
        if path not in entries:
            raise _UsageError(f"{page!r} is not listed in the manifest {manifest!r}")
        if path in found:
            _warn(f"{page} is given twice; audited once")
            skipped += 1
            continue
        found[path] = entries[path][1]._replace(file=page)
    return list(found.values()), skipped


def _manifest_status(row: dict[str, str], where: str) -> int | None:
    """The ``status`` of a manifest row (an HTTP status code), ``None`` when empty."""
    text = row.get("status", "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and 100 <= int(text) <= 999):
        raise _UsageError(f"{where}: status {text!r}: not an HTTP status code (100 to 999)")
    return int(text)


def _manifest_headers(
    row: dict[str, str], where: str
) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """The headers of a manifest row (``X-Robots-Tag``, ``Location``, and
    ``Content-Type`` from its ``content_type`` or ``charset``), and why the row is
    not a page when its content type is not HTML.  A content type that is not one,
    or a charset that is not an encoding label, is an error naming the line."""
    headers: list[tuple[str, str]] = []
    if row.get("x_robots_tag"):
        headers.append(("X-Robots-Tag", row["x_robots_tag"]))
    if row.get("location"):
        headers.append(("Location", row["location"]))
    content_type, charset = row.get("content_type", ""), row.get("charset", "")
    if not content_type and not charset:
        return tuple(headers), None
    not_a_page = None
    if content_type:
        essence, _, parameters = content_type.partition(";")
        kind = essence.strip().lower()
        main, slash, sub = kind.partition("/")
        if not slash or not main or not sub or any(c in kind for c in ' \t,="()<>@:?[]{}'):
            raise _UsageError(
                f"{where}: content_type {content_type!r}: not a MIME type "
                "(e.g. text/html; charset=utf-8)"
            )
        if kind not in _HTML_TYPES:
            not_a_page = f"served as {kind}"
        declared = _charset_parameter(parameters)
        if declared is not None:
            _encoding_label(declared, f"{where}: content_type {content_type!r}: charset")
        if charset:
            if declared is None:
                content_type = f"{content_type.rstrip().rstrip(';')}; charset={charset}"
            elif _encoding_label(declared, "") != _encoding_label(charset, ""):
                raise _UsageError(
                    f"{where}: charset {charset!r} and content_type {content_type!r} disagree"
                )
    else:
        content_type = f"text/html; charset={charset}"
    if charset:
        _encoding_label(charset, f"{where}: charset")
    headers.append(("Content-Type", content_type))
    return tuple(headers), not_a_page


def _charset_parameter(parameters: str) -> str | None:
    """The ``charset`` parameter among the ``;``-separated *parameters* of a MIME type."""
    for parameter in parameters.split(";"):
        name, eq, value = parameter.partition("=")
        if eq and name.strip().lower() == "charset":
            return value.strip().strip('"').strip()
    return None


def _encoding_label(label: str, where: str) -> str:
    """The WHATWG encoding *label* names (``latin1`` → ``windows-1252``), or an error."""
    import webencodings

    found = webencodings.lookup(label)
    if found is None:
        raise _UsageError(
            f"{where} {label!r}: not an encoding label of the WHATWG Encoding Standard "
            "(e.g. utf-8, windows-1252, shift_jis)"
        )
    name: str = found.name
    return name


def _warn(message: str) -> None:
    print(f"backlinkkit: warning: {message}", file=sys.stderr)


def _audit_command(args: argparse.Namespace, out: TextIO) -> int:
    model = ScoringModel()
    niches = ("general", *sorted({niche for p in model.platforms for niche, _ in p.fit}))
    if args.niche not in niches:
        raise _UsageError(
            f"--niche {args.niche!r}: not a niche the model knows ({', '.join(niches)})"
        )
    model = attrs.evolve(model, niche=args.niche)
    _check_targets(args.target)
    now = datetime.now(timezone.utc)
    if args.now is not None:
        try:
            given = parse_datetime("now", "value", args.now)
        except BacklinkkitError:
            given = None
        if given is None:
            raise _UsageError(
                f"--now {args.now!r}: not an ISO 8601 date-time with a UTC offset "
                "(e.g. 2024-06-01T12:00:00Z)"
            )
        now = given

    def posted_before_now(post: Engagement) -> None:
        if post.posted_at is not None and post.posted_at > now:
            when = "--now" if args.now is not None else "now"
            raise InvalidValueError(
                f"Engagement.posted_at={post.posted_at.isoformat()}: after {when}={now.isoformat()}"
            )

    sources, skipped_sources = _sources(args.sources) if args.sources else (None, 0)
    engagement = (
        _keyed(
            args.engagement,
            "engagement",
            Engagement.from_record,
            ("page", "url"),
            posted_before_now,
        )
        if args.engagement
        else None
    )
    referrals = _referrals(args.referrals, args.target) if args.referrals else None
    extracted = _extract_pages(args, _audit_keep(args.target))
    profiles = [
        audit(
            extracted.results,
            target,
            model=model,
            sources=sources,
            engagement=engagement,
            now=now,
            include_shares=args.include_shares,
            referrals=referrals,
        )
        for target in args.target
    ]
    if len(profiles) == 1:
        write_profile(profiles[0], args.format, out)
    else:
        write_profiles(profiles, args.format, out)
    if (referrals is not None and referrals.errors) or skipped_sources:
        return max(extracted.status, 1)
    return extracted.status


def _sources(path: str) -> tuple[dict[str, SourceMetrics], int]:
    """``--sources``: a vendor's backlink export (:func:`~backlinkkit.exports.read_export`,
    its metrics per linking page by :meth:`~backlinkkit.exports.ExportedBacklinks.sources`;
    its unreadable rows are warnings, and how many is returned: the status is then 1), else
    a sources CSV (``page``, ``authority`` or named metrics ...)."""
    try:
        exported = read_export(path)
    except (BacklinkkitError, OSError):  # not an export: a sources CSV, or its own error
        exported = None
    if exported is None or any(f.detected_by == "shape" for f in exported.files):
        # Only an export recognised by its header texts: a sources CSV ("page,authority,
        # spam_score": a site and two numbers) has the shape of a Search Console report.
        return _keyed(path, "sources", SourceMetrics.from_record, ("page", "url", "domain")), 0
    found = exported.sources()
    if not found:
        _warn(
            f"sources {path}: a {exported.vendor or 'vendor'} export with no metric "
            "(DR, UR, DA, PA, TF, CF, AS, spam score) for any linking page; "
            "every page uses the default authority"
        )
    return found, _warn_row_errors(exported)


def _referrals(path: str, targets: Sequence[str]) -> Referrals:
    """The GA4/UA export at *path* (:func:`~backlinkkit.referrals.read_referrals`); its
    unreadable rows are warnings (the command's status is then 1), its notes (a totals
    row, a second table) notes on stderr.  An analytics export is one site's traffic, so
    it goes with one ``--target``."""
    if len(targets) > 1:
        raise _UsageError(
            f"--referrals {path!r}: an analytics export is one site's traffic; "
            f"give one --target, not {len(targets)}"
        )
    try:
        found = read_referrals(path)
    except InputFormatError as exc:
        raise _UsageError(f"referrals {_one_line(exc)}") from None
    for error in found.errors:
        _warn(f"referrals: {error}: row left out")
    for note in found.notes:
        print(f"backlinkkit: note: referrals {note}", file=sys.stderr)
    return found


def _check_targets(targets: Sequence[str] | None) -> None:
    """Refuse a ``--target`` that is not a domain or host name before any page is read."""
    for target in targets or ():
        try:
            parse_target(target)
        except BacklinkkitError as exc:
            raise _UsageError(_one_line(exc)) from None


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
        _write_json(doc, out)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(RECORD_KEYS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(profile.to_records())
    else:
        raise InvalidValueError(f"format={fmt!r}: expected 'table', 'json' or 'csv'")


def write_profiles(profiles: Sequence[BacklinkProfile], fmt: str, out: TextIO) -> None:
    """Write the profiles of several targets: tables one after the other, a JSON list of
    documents, or one CSV with a ``target`` column first."""
    if fmt == "table":
        for i, profile in enumerate(profiles):
            out.write(("\n" if i else "") + f"{profile.summary}\n\n{profile.to_table()}\n")
    elif fmt == "json":
        docs = [
            {"target": p.target, "summary": summary_dict(p), "backlinks": p.to_records()}
            for p in profiles
        ]
        _write_json(docs, out)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=["target", *RECORD_KEYS], lineterminator="\n")
        writer.writeheader()
        for p in profiles:
            writer.writerows({"target": p.target, **r} for r in p.to_records())
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
        "   social = visits delivered + remaining (other units: LinkValue.explain());\n"
        "            +? where what remains is unknown (no lifetime curve: web pages),\n"
        "            ? where no visits are known at all (no engagement data), not 0\n"
    )
    wide = max(width, 120)  # room for the anchor and the landing URL
    parts.append(f"{profile.summary}\n\n{profile.to_table(width=wide)}\n")
    parts.append(workflow_text(profile, width=wide))
    return "\n".join(parts)


def workflow_text(profile: BacklinkProfile, *, width: int = 120) -> str:
    """The demo's second half: the audit workflow on the samples (docs/workflow.md)."""
    from datetime import date
    from importlib import resources

    from .samples import load_samples

    samples = load_samples()
    folder = resources.files("backlinkkit.samples")
    with resources.as_file(folder / "workflow-last-month.csv") as path:
        last_month = _read_links(str(path), "sample").rows
    with resources.as_file(folder / "workflow-competitors.csv") as path:
        rows = _read_links(str(path), "sample").rows
    competitors: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        competitors.setdefault(row["competitor"], []).append(row)
    checked = verify(last_month, samples.pages())
    anchors = profile.anchors(keywords=["sourdough starter", "sourdough recipe"])
    sitewide = [
        (b.referring_domain, b.sitewide_reason or "", b.link.anchor, f"{b.counted:.4g}")
        for b in profile.sitewide
    ]
    changes = diff(last_month, profile, old_date=date(2024, 5, 1), new_date=samples.now.date())
    gap = link_gap(profile, competitors)
    parts = [
        "== Verify: last month's export (samples/workflow-last-month.csv) against the pages\n",
        checked.summary + "\n" + checked.to_table(width=width) + "\n",
        "== Anchor texts (brand: the target's name; keywords: sourdough starter, recipe)\n",
        str(anchors) + "\n",
        "== Sitewide and template links (counted once per referring domain, × 0.5)\n",
        grid(("referring domain", "why", "anchor", "counted"), sitewide, width=width) + "\n",
        "== New and lost since last month's export\n",
        str(changes) + "\n",
        "== Link gap: who links to competitors (samples/workflow-competitors.csv) but not to "
        f"{profile.target}\n",
        str(gap) + "\n",
    ]
    return "\n".join(parts)


# --------------------------------------------------------------------------- shared options


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )


def _page_options(parser: argparse.ArgumentParser, *, extraction: bool, warc: bool = False) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", help="the URL the single PAGE was fetched from")
    where.add_argument(
        "--manifest",
        metavar="CSV",
        help="CSV with columns file,url (optional: x_robots_tag, content_type or charset, "
        "as the crawler recorded them); files are relative to the CSV; without PAGE "
        "arguments, every file in it",
    )
    if warc:
        parser.add_argument(
            "--warc",
            nargs="+",
            default=[],
            metavar="FILE",
            help="WARC files (.warc, .warc.gz): each HTML record is a page, with the URL, "
            "HTTP headers and status its response record gives",
        )
    if extraction:
        parser.add_argument(
            "--backend",
            choices=("html5lib", "lexbor"),
            default="html5lib",
            help="HTML parser: html5lib (default, reference) or lexbor (fast; the fast extra)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            metavar="N",
            help="processes that extract pages (default 1; 0: one per CPU)",
        )
        parser.add_argument(
            "--agent",
            default="googlebot",
            help="the crawler whose robots rules apply (default googlebot)",
        )


class _Extracted(NamedTuple):
    """The pages the arguments name, extracted."""

    #: A page, or an error record for an input that is not a page or failed, in order.
    results: list[Page | ExtractionError]
    #: How many inputs were left out or skipped (each named in a warning on stderr).
    skipped: int

    @property
    def status(self) -> int:
        """The exit status: 0, or 1 when some inputs were skipped."""
        return 1 if self.skipped else 0


#: File signatures of what is often saved or passed instead of a page (WHATWG MIME
#: Sniffing §7.1 "rules for identifying an unknown MIME type" and §6.1-6.2, plus the
#: compressed and archive formats a crawl leaves behind).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"%PDF-", "PDF document"),
    (b"%!PS-Adobe-", "PostScript document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b\x08", "gzip data: decompress it first"),
    (b"(\xb5/\xfd", "zstd data: decompress it first"),
    (b"\xfd7zXZ\x00", "xz data: decompress it first"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"WARC/", "WARC archive"),
)
#: WHATWG MIME Sniffing's binary data bytes (§3; §7.1 calls a file with one binary).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
#: How much of a file the sniffing rules look at (the "resource header", §5.2).
_SNIFF_LENGTH = 1445


def _not_a_page(data: bytes) -> str | None:
    """Why the file with contents *data* is not an HTML page, or ``None`` when it may be one.

    >>> _not_a_page(b"\\x89PNG\\r\\n\\x1a\\n...")
    'PNG image'
    >>> _not_a_page(b""), _not_a_page(b"name,url\\nx,https://example.com/\\n")
    ('empty file', 'text without any markup')
    >>> _not_a_page(b"<p>hello</p>") is None
    True
    """
    if not data.strip():
        return "empty file" if not data else "only white space"
    if data.startswith(b"RIFF") and data[8:14] == b"WEBPVP":
        return "WebP image"
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):  # UTF-16 text: markup is two bytes
        encoding = "utf-16-be" if data[0] == 0xFE else "utf-16-le"
        has_markup = "<" in data[2:].decode(encoding, "replace")
    else:
        if _BINARY_BYTES.search(data, 0, _SNIFF_LENGTH):
            return "binary data"
        has_markup = b"<" in data
    return None if has_markup else "text without any markup"


def _extract_pages(
    args: argparse.Namespace, keep: Callable[[Page], Page] | None = None
) -> _Extracted:
    """Extract the pages the arguments name (a progress bar on a terminal): the saved
    pages, then the HTML records of each ``--warc`` file.  A file that is not an HTML
    page, or a page that fails, gives an error record and a warning on stderr; so does a
    manifest line that repeats another (it is left out), and a WARC file that cannot be
    read on (its pages before the fault are kept).  What the archive reader reported
    (revisits, non-HTML, truncated and unreadable records) is named in warnings too.

    The pages stream through extraction, one file or record read at a time; *keep*, when
    given, is applied to each page as it comes (to drop what the command does not need),
    so that only what it returns is held."""
    inputs, skipped = _page_inputs(args)
    warcs: list[str] = list(getattr(args, "warc", None) or ())
    workers = getattr(args, "workers", 1)
    if workers < 0:
        raise _UsageError(f"--workers {workers}: give 0 (one per CPU) or more")
    for file in warcs:
        if is_wat(file):
            raise _UsageError(
                f"--warc {file!r}: a WAT file holds link metadata, not pages; this command "
                "reads WARC files (`backlinkkit extract --warc` reads WAT files, and "
                "audit(page.to_page() for page in read_wat(path)) audits one in Python)"
            )
    for file in [*(entry.file for entry in inputs), *warcs]:  # all readable before extracting
        try:
            with open(file, "rb"):
                pass
        except OSError as exc:
            raise _UsageError(f"cannot read {file!r}: {exc.strerror or exc}") from None
    notes = ArchiveNotes()
    # The inputs extraction does not see (not a page; a WARC file that cannot be read
    # on), by position: (position, record, how a warning names it -- None: told in notes).
    pending: collections.deque[tuple[int, ExtractionError, str | None]] = collections.deque()
    # The pages handed to extraction and not yet back: (position, how a warning names it).
    handed: collections.deque[tuple[int, str]] = collections.deque()

    def pages() -> Iterator[PageInput]:
        position = 0
        for entry in inputs:  # one file in memory at a time
            data = _read_bytes(entry.file)
            # The body of a redirect or an error response is whatever it is (often empty).
            answered = entry.status is None or 200 <= entry.status < 300
            why = (entry.not_a_page or _not_a_page(data)) if answered else None
            if why is not None:
                refused = ExtractionError(
                    position, entry.url, "NotAPage", f"not an HTML page ({why})"
                )
                pending.append((position, refused, f"{entry.file}: {refused.message}, skipped"))
            else:
                handed.append((position, repr(entry.file)))
                handed_data = [data]  # no name left on the bytes: freed once decoded
                del data
                yield PageInput(handed_data.pop(), entry.url, entry.headers, status=entry.status)
            position += 1
        # A WARC record is a page by its Content-Type (or sniffed, without one): the
        # reader decided, and the response's status and headers go with it.
        for item in warc_pages(warcs, notes):
            if isinstance(item, Unreadable):
                error = ExtractionError(position, None, "ArchiveFormatError", item.message)
                pending.append((position, error, None))
            else:
                handed.append((position, item.label))
                yield item.page
            position += 1

    results: list[Page | ExtractionError] = []
    warnings: list[str] = []

    def flush(before: int | None) -> None:
        while pending and (before is None or pending[0][0] < before):
            _, error, line = pending.popleft()
            results.append(error)
            if line is not None:
                warnings.append(line)

    try:
        extracted = extract_many(
            pages(),
            workers=workers or None,
            backend=getattr(args, "backend", "html5lib"),
            agent=getattr(args, "agent", "googlebot"),
            total=None if warcs else len(inputs),
        )
        for result in extracted:  # one result per handed page, in order
            position, label = handed.popleft()
            flush(position)
            if isinstance(result, ExtractionError):
                result = attrs.evolve(result, position=position)
                warnings.append(f"{label} skipped: {_one_line(Exception(result.message))}")
            elif keep is not None:
                result = keep(result)
            results.append(result)
        flush(None)
    except BacklinkkitError as exc:
        raise _UsageError(_one_line(exc)) from None
    for line in [*warnings, *notes.lines()]:
        _warn(line)
    return _Extracted(results, skipped + sum(isinstance(r, ExtractionError) for r in results))


def _audit_keep(targets: Sequence[str]) -> Callable[[Page], Page]:
    """What an audit of *targets* needs of a page (:func:`backlinkkit.audit.for_audit`)."""
    sites = frozenset(parse_target(target)[2] for target in targets)
    return lambda page: for_audit(page, sites)


def _verify_keep(
    rows: list[dict[str, Any]], targets: Sequence[str] | None
) -> Callable[[Page], Page]:
    """What ``verify`` needs of a page: the whole page when an expected link is from it or
    one of its links lands on a target site (a new link), else the page without its links
    (its URL, status and redirect location still answer for a redirect to it)."""
    try:
        expected = expected_links(rows)
    except BacklinkkitError:  # verify names the problem
        return lambda page: page
    keys = frozenset(link.source_key for link in expected)
    if targets is not None:
        sites = frozenset(t.strip().lower().rstrip(".") for t in targets)
    else:
        hosts = {_url_host(link.target_url) for link in expected}
        sites = frozenset(registrable_domain(host) for host in hosts if host)

    def keep(page: Page) -> Page:
        if url_key(page.url) in keys or any(link.landing_site in sites for link in page.links):
            return page
        return page.without_links()

    return keep


def _url_host(url: str) -> str:
    from ada_url import URL

    try:
        return str(URL(url).hostname)
    except ValueError:
        return ""


def _emit(
    fmt: str, out: TextIO, text: str, records: list[dict[str, Any]], keys: Sequence[str]
) -> None:
    """*text* for ``table``, the records as JSON or CSV otherwise."""
    if fmt == "table":
        out.write(text.rstrip("\n") + "\n")
    elif fmt == "json":
        _write_json(records, out)
    else:
        writer = csv.DictWriter(out, fieldnames=list(keys), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


_TRUE = frozenset({"1", "true", "yes", "y", "x"})
_FALSE = frozenset({"0", "false", "no", "n", ""})


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    cell = value.strip().lower()
    if cell in _TRUE:
        return True
    return False if cell in _FALSE and value != "" else None


class _Links(NamedTuple):
    """The links a CSV or vendor export holds."""

    rows: list[dict[str, Any]]
    #: How many rows of a vendor export could not be read (each named in a warning).
    skipped: int = 0


def _read_links(path: str, what: str) -> _Links:
    """The links of a CSV: ``source_url`` (or ``page_url``, ``source``) and ``target_url``
    columns, with optional ``anchor``, ``nofollow``/``ugc``/``sponsored`` (true/false,
    yes/no, 1/0) or an audit's ``link_type``, ``first_seen``, ``lost``, ``lost_reason``
    and ``authority`` -- what ``backlinkkit audit --format csv`` writes; else a vendor
    export, when ``backlinkkit.exports`` is installed (its unreadable rows are named in
    warnings and counted in ``skipped``)."""
    try:
        rows = _read_link_table(path, what)
    except _UsageError as not_csv:  # not a comma CSV: a vendor's (tab-separated, UTF-16 ...)?
        try:
            exported = read_export(path)
        except (BacklinkkitError, OSError):
            raise not_csv from None
        return _Links(exported.to_records(), _warn_row_errors(exported))
    names = set(rows[0]) if rows else set()
    if rows and not names & {"source_url", "page_url", "source", "url_from"}:
        return _export_rows(path, what)
    out = []
    for row in rows:
        link: dict[str, Any] = dict(row)
        for flag in ("nofollow", "ugc", "sponsored"):
            link[flag] = _flag(row.get(flag))
        kind = row.get("link_type")
        if kind:
            link["nofollow"] = kind != "followed"
            link["ugc"] = kind == "ugc"
            link["sponsored"] = kind == "sponsored"
        out.append(link)
    return _Links(out)


def _write_json(doc: object, out: TextIO) -> None:
    """*doc* as indented JSON (UTF-8 text, no NaN, dates as ISO 8601)."""
    out.write(json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False, default=_json_value))
    out.write("\n")


def _json_value(value: object) -> object:
    """Dates and datetimes in JSON output as ISO 8601 text (``json`` has no date type)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _read_link_table(path: str, what: str) -> list[dict[str, str]]:
    """The rows of a CSV link list by lower-case column name (see :func:`_read_csv`)."""
    return [row for _, row in _read_csv(path, what) if any(row.values())]


def _export_error(path: str, exc: BacklinkkitError) -> str:
    """*exc* in one line, after *path* unless it names the file already."""
    message = _one_line(exc)
    return message if message.startswith(f"{path}:") else f"{path!r}: {message}"


def _warn_row_errors(exported: ExportedBacklinks) -> int:
    """Each row of *exported* that could not be read, named in a warning; how many."""
    for error in exported.errors:
        _warn(f"{error}; row left out")
    return len(exported.errors)


def _export_rows(path: str, what: str) -> _Links:
    try:
        exported = read_export(path)
    except BacklinkkitError as exc:
        raise _UsageError(f"{what} {_export_error(path, exc)}") from None
    return _Links(exported.to_records(), _warn_row_errors(exported))


# --------------------------------------------------------------------------- workflow commands


def _workflow_commands(commands: Any) -> None:
    check = commands.add_parser(
        "verify",
        help="is each link of an export still live, changed or lost?",
        description="Check the links EXPECTED.csv lists (source_url,target_url[,anchor,"
        "nofollow,ugc,sponsored], or a vendor export) against the saved pages as they are now.",
    )
    check.add_argument("expected", metavar="EXPECTED.csv", help="the links you expect")
    check.add_argument("pages", nargs="*", metavar="PAGE.html", help="saved HTML pages")
    _page_options(check, extraction=True, warc=True)
    check.add_argument(
        "--target",
        action="append",
        help="sites whose unexpected links count as new (default: the expected targets')",
    )
    _format_option(check)

    anchors = commands.add_parser(
        "anchors",
        help="the anchor-text mix of the links to a target site",
        description="Sort the anchors of the backlinks to the target into branded, exact, "
        "partial, generic, naked URL, image, empty and other.",
    )
    anchors.add_argument("pages", nargs="*", metavar="PAGE.html", help="saved HTML pages")
    anchors.add_argument("--target", required=True, help="the audited site")
    _page_options(anchors, extraction=True, warc=True)
    anchors.add_argument(
        "--brand", action="append", help="a brand phrase (repeat; default: the target's name)"
    )
    anchors.add_argument("--keyword", action="append", default=[], help="a keyword (repeat)")
    anchors.add_argument(
        "--by-anchor", action="store_true", help="one row per distinct anchor, not per category"
    )
    _format_option(anchors)

    changes = commands.add_parser(
        "diff",
        help="new, lost and changed links between two snapshots",
        description="Compare two link lists (CSVs written by `backlinkkit audit --format csv`,"
        " CSVs with source_url,target_url columns, or vendor exports).",
    )
    changes.add_argument("old", metavar="OLD.csv")
    changes.add_argument("new", metavar="NEW.csv")
    changes.add_argument("--old-date", metavar="YYYY-MM-DD", help="when OLD was taken")
    changes.add_argument("--new-date", metavar="YYYY-MM-DD", help="when NEW was taken")
    _format_option(changes)

    gap = commands.add_parser(
        "gap",
        help="referring domains that link to competitors but not to you",
        description="Compare your link list with your competitors' (the CSVs `diff` reads).",
    )
    gap.add_argument("--own", required=True, metavar="CSV", help="your links")
    gap.add_argument(
        "--competitor",
        required=True,
        action="append",
        metavar="NAME=CSV",
        help="a competitor's links (repeat)",
    )
    gap.add_argument("--min-competitors", type=int, default=1, metavar="N")
    _format_option(gap)

    imports = commands.add_parser(
        "import",
        help="read vendor backlink exports (Ahrefs, Semrush, Moz, Majestic, GSC, ...)",
        description="Read backlink exports and write their rows as one table.",
    )
    imports.add_argument("exports", nargs="+", metavar="EXPORT")
    imports.add_argument("--vendor", help="force the vendor instead of detecting it")
    _format_option(imports)

    disavow = commands.add_parser(
        "disavow",
        help="write a Google disavow file from the domains and URLs you name",
        description="Write Google's disavow format to stdout: one domain:… or URL per line, "
        "each with the reason you give.",
    )
    disavow.add_argument("--domain", action="append", default=[], help="a domain (repeat)")
    disavow.add_argument("--url", action="append", default=[], help="a URL (repeat)")
    disavow.add_argument(
        "--reason",
        action="append",
        default=[],
        metavar="ENTRY=WHY",
        help="why ENTRY (a domain or URL given above) is disavowed (repeat)",
    )


def _links_command(args: argparse.Namespace, out: TextIO) -> int:
    extracted = _extract_pages(args)
    (result,) = extracted.results
    if isinstance(result, ExtractionError):
        return extracted.status  # not a page, or it failed: named in a warning
    page = result
    if args.format == "table":
        header = ("region", "rel", "followed", "anchor", "URL", "platform")
        n = len(page.links)
        text = f"{page.url}: {n} link{'s' if n != 1 else ''}\n" + grid(
            header, _link_rows(page), width=120, flex=(3, 4), middle=(4,)
        )
        out.write(text + "\n")
        return extracted.status
    records = page.to_records()
    keys = list(records[0]) if records else ["page_url"]
    _emit(args.format, out, "", records, keys)
    return extracted.status


def _verify_command(args: argparse.Namespace, out: TextIO) -> int:
    _check_targets(args.target)
    expected = _read_links(args.expected, "expected links")
    extracted = _extract_pages(args, _verify_keep(expected.rows, args.target))
    try:
        result = verify(expected.rows, extracted.results, targets=args.target)
    except BacklinkkitError as exc:
        raise _UsageError(f"{args.expected!r}: {_one_line(exc)}") from None
    from .verify import RECORD_KEYS as VERIFY_KEYS

    _emit(args.format, out, str(result), result.to_records(), VERIFY_KEYS)
    return 1 if expected.skipped else extracted.status


def _anchors_command(args: argparse.Namespace, out: TextIO) -> int:
    _check_targets([args.target])
    extracted = _extract_pages(args, _audit_keep([args.target]))
    profile = audit(extracted.results, args.target)
    dist = profile.anchors(brand=args.brand, keywords=args.keyword)
    if args.by_anchor:
        records = dist.anchor_records()
        rows = [
            (r["anchor"] or "-", r["category"], str(r["backlinks"]), str(r["referring_domains"]))
            for r in records
        ]
        text = (
            dist.summary
            + "\n"
            + grid(("anchor", "category", "backlinks", "domains"), rows, width=100, right=(2, 3))
        )
        keys: Sequence[str] = ("anchor", "category", "backlinks", "referring_domains", "followed")
    else:
        records = dist.to_records()
        text = str(dist)
        keys = tuple(records[0])
    _emit(args.format, out, text, records, keys)
    return extracted.status


def _date_option(value: str | None, name: str) -> Any:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _UsageError(f"{name} {value!r}: not a date (YYYY-MM-DD)") from None


def _diff_command(args: argparse.Namespace, out: TextIO) -> int:
    old = _read_links(args.old, "old snapshot")
    new = _read_links(args.new, "new snapshot")
    result = diff(
        old.rows,
        new.rows,
        old_date=_date_option(args.old_date, "--old-date"),
        new_date=_date_option(args.new_date, "--new-date"),
    )
    from .diff import RECORD_KEYS as DIFF_KEYS

    _emit(args.format, out, str(result), result.to_records(), DIFF_KEYS)
    return 1 if old.skipped or new.skipped else 0


def _gap_command(args: argparse.Namespace, out: TextIO) -> int:
    competitors: dict[str, list[dict[str, Any]]] = {}
    skipped = 0
    for spec in args.competitor:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise _UsageError(f"--competitor {spec!r}: give NAME=FILE.csv")
        links = _read_links(path, f"competitor {name}")
        competitors[name] = links.rows
        skipped += links.skipped
    own = _read_links(args.own, "own links")
    skipped += own.skipped
    try:
        result = link_gap(
            own.rows,
            competitors,
            min_competitors=args.min_competitors,
        )
    except BacklinkkitError as exc:
        raise _UsageError(_one_line(exc)) from None
    from .gap import RECORD_KEYS as GAP_KEYS

    _emit(args.format, out, str(result), result.to_records(), GAP_KEYS)
    return 1 if skipped else 0


def _import_command(args: argparse.Namespace, out: TextIO) -> int:
    records: list[dict[str, Any]] = []
    skipped = 0
    for path in args.exports:
        try:
            exported = read_export(path, vendor=args.vendor)
        except BacklinkkitError as exc:
            raise _UsageError(_export_error(path, exc)) from None
        records.extend(exported.to_records())
        skipped += _warn_row_errors(exported)
    keys: list[str] = []
    for record in records:
        keys.extend(k for k in record if k not in keys)
    rows = [
        (r.get("source_url") or "", r.get("target_url") or "", r.get("anchor") or "")
        for r in records
    ]
    text = f"{len(records)} rows from {len(args.exports)} exports\n" + grid(
        ("source", "target", "anchor"), rows, width=120, flex=(0, 1, 2), middle=(0, 1)
    )
    _emit(args.format, out, text, [{k: r.get(k) for k in keys} for r in records], keys)
    return 1 if skipped else 0


def _disavow_command(args: argparse.Namespace, out: TextIO) -> int:
    reasons: dict[str, str] = {}
    for spec in args.reason:
        entry, sep, why = spec.partition("=")
        if not sep or not entry or not why:
            raise _UsageError(f"--reason {spec!r}: give ENTRY=WHY")
        reasons[entry] = why
    try:
        text = disavow_file(domains=args.domain, urls=args.url, reasons=reasons or None)
    except BacklinkkitError as exc:
        raise _UsageError(_one_line(exc)) from None
    out.write(text)
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "links": _links_command,
    "audit": _audit_command,
    "verify": _verify_command,
    "anchors": _anchors_command,
    "diff": _diff_command,
    "gap": _gap_command,
    "import": _import_command,
    "disavow": _disavow_command,
}
