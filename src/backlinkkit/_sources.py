"""The pages of input files, for the scale-out recipes (CLI ``extract``, Dask, Spark).

:func:`extract_paths` is what every recipe runs: the records of the pages of
its files, each row keyed by its file and its position in that file, and the
archive issues of each WARC file as rows of the issue table -- so the CLI, Dask
and Spark write the same rows for the same file however the files are spread
over workers.

A path ending in ``.warc``, ``.warc.gz`` (or ``.arc``-less WARC variants FastWARC
reads: ``.warc.lz4``, ``.warc.zst``) is read with
:func:`backlinkkit.archives.read_warc` (one page per HTML record); any other path
is one saved HTML page, parsed against *url* (default: the file's ``file://``
URL).  Each page is a form :func:`~backlinkkit.batch.extract_many` takes -- a
WARC page a :class:`~backlinkkit.batch.PageInput` with its HTTP status
(:meth:`~backlinkkit.archives.ArchivedPage.to_input`), a saved page a
``(content, url, headers)`` tuple --, so every recipe extracts the same pages
the same way.

A path ending in ``.wat``, ``.wat.gz`` (Common Crawl names its WAT files
``….warc.wat.gz``), ``.wat.lz4`` or ``.wat.zst`` is a WAT file, read with
:func:`backlinkkit.archives.read_wat`: its rows come straight from
:meth:`~backlinkkit.archives.WatPage.to_records` (WAT has no HTML to extract), keyed
like every other page, and its reader's issues are issue rows.

A WARC file that turns out unreadable part way (not a WARC file, a gzip member
cut short in the middle of the file, a corrupt member: the reader raises
:class:`~backlinkkit.archives.ArchiveFormatError`) does not stop a job over many
files: :func:`extract_paths` keeps the pages read from it before, writes one
issue row of kind :data:`UNREADABLE_ARCHIVE` for it and goes on with the next
file, as batch extraction turns a failing page into an error record.  So does a
WAT file.
"""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ._format import count
from ._validate import value_error
from .batch import PageInput, extract_many
from .errors import MissingDependencyError
from .page import Page
from .records import LINK_COLUMNS, Records, add_issue

__all__ = [
    "UNREADABLE_ARCHIVE",
    "WARC_SUFFIXES",
    "WAT_SUFFIXES",
    "extract_paths",
    "is_warc",
    "is_wat",
    "pages_of",
    "wat_pages",
]

#: File name endings read as WARC files.
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz", ".warc.lz4", ".warc.zst")

#: File name endings read as WAT files (Common Crawl's ``….warc.wat.gz`` among them).
WAT_SUFFIXES: tuple[str, ...] = (".wat", ".wat.gz", ".wat.lz4", ".wat.zst")

#: The WAT pages in one :class:`~backlinkkit.records.Records` that
#: :func:`extract_paths` yields (WAT files hold tens of thousands of pages).
WAT_BATCH = 256

#: The reader options of :func:`~backlinkkit.archives.read_wat` among the batch options.
_WAT_OPTIONS = ("agent", "registry", "extractor")

#: The issue ``kind`` of a WARC file that could not be read to its end: its row has
#: ``source`` (the file), ``offset`` (where reading stopped),
#: ``page_position``, ``record_type``, ``url`` and ``record_id`` ``None``, and the
#: reader's error message (naming the file) in ``detail``.
UNREADABLE_ARCHIVE = "unreadable-archive"


def is_warc(path: str | os.PathLike[str]) -> bool:
    """True when *path* names a WARC file (by its ending, case-insensitively)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def is_wat(path: str | os.PathLike[str]) -> bool:
    """True when *path* names a WAT file (by its ending, case-insensitively)."""
    return str(path).lower().endswith(WAT_SUFFIXES)


def _archives(path: str | os.PathLike[str]) -> Any:
    try:
        from . import archives
    except ImportError as exc:  # pragma: no cover - archives not in this build
        raise MissingDependencyError(
            f"{os.fspath(path)}: reading WARC files needs backlinkkit.archives"
        ) from exc
    return archives


def pages_of(
    path: str | os.PathLike[str],
    url: str | None = None,
    *,
    failed: list[Exception] | None = None,
) -> Iterator[PageInput | tuple[Any, ...]]:
    """The pages of *path*: every HTML record of a WARC file (with its HTTP status), or
    the one saved page.

    A WARC file that cannot be read on raises
    :class:`~backlinkkit.archives.ArchiveFormatError` after the pages before the
    fault -- unless *failed* is a list: then the error ends the pages and is
    appended to it.
    """
    if is_wat(path):
        raise value_error(
            "path", os.fspath(path), "a WAT file holds no HTML to extract; read it with wat_pages"
        )
    if is_warc(path):
        archives = _archives(path)
        try:
            for page in archives.read_warc(os.fspath(path)):
                yield page.to_input()
        except archives.ArchiveFormatError as exc:
            if failed is None:
                raise
            failed.append(exc)
        return
    file = Path(path)
    yield file.read_bytes(), url if url is not None else file.resolve().as_uri(), ()


def wat_pages(
    path: str | os.PathLike[str],
    *,
    failed: list[Exception] | None = None,
    **options: Any,
) -> Iterator[Page]:
    """The pages a WAT file describes, as :class:`~backlinkkit.page.Page` values
    (:meth:`~backlinkkit.archives.WatPage.to_page`) for the audit; *failed* as in
    :func:`pages_of`; ``agent``, ``registry`` and ``extractor`` among *options* go to
    :func:`~backlinkkit.archives.read_wat`, the other batch options do not apply."""
    archives = _archives(path)
    reader_options = {k: options[k] for k in _WAT_OPTIONS if options.get(k) is not None}
    try:
        for page in archives.read_wat(os.fspath(path), **reader_options):
            yield page.to_page()
    except archives.ArchiveFormatError as exc:
        if failed is None:
            raise
        failed.append(exc)


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    urls: Mapping[str, str | None] | None = None,
    **options: Any,
) -> Iterator[Records]:
    """``extract_many(..., output="records")`` over the pages of *paths*, in order.

    One batch (one pool of workers) runs over the pages of all the files; each
    row's ``source`` is its file (``os.fspath`` of the path as given) and each
    page's ``position`` counts from 0 in its file (links' ``page_position`` alike),
    so ``(source, position)`` names one page however the files are grouped.  The
    :class:`~backlinkkit.archives.ArchiveIssue` values of a WARC file, and its
    pages' truncations and reader warnings, are issue rows
    (:data:`~backlinkkit.records.ISSUE_COLUMNS`), yielded with the batch of the
    page they precede or belong to (those after a file's last page, with the
    next page's batch or at the end).  A WARC file the reader cannot read on
    (:class:`~backlinkkit.archives.ArchiveFormatError`) keeps the pages read
    from it, gives one :data:`UNREADABLE_ARCHIVE` issue row, and the job goes on
    with the next file.  *urls* maps a saved page's path (as given) to the URL
    it was fetched from; *options* go to ``extract_many``.

    A WAT file (:func:`is_wat`) is not extracted: its rows are those of
    :meth:`~backlinkkit.archives.WatPage.to_records` (``region``, and ``anchor``,
    ``anchor_source`` and ``has_image`` where WAT cannot tell them, ``None``), its
    page rows have ``encoding`` and ``language`` ``None``, the reader's
    :class:`~backlinkkit.archives.ArchiveIssue` values are issue rows and its page
    warnings are in the page rows, yielded :data:`WAT_BATCH` pages at a time; of
    *options*, ``agent``, ``registry`` and ``extractor`` go to its reader.  Each
    run of other files between WAT files is one batch.
    """
    for wat, run in itertools.groupby(paths, key=is_wat):
        if wat:
            for path in run:
                yield from _wat_records(os.fspath(path), options)
        else:
            yield from _extract(run, urls or {}, options)


def _extract(
    paths: Iterable[str | os.PathLike[str]], urls: Mapping[str, str | None], options: Any
) -> Iterator[Records]:
    ledger = _Ledger()
    batches = extract_many(ledger.inputs(paths, urls), output="records", **options)
    try:
        for batch in batches:
            yield ledger.label(batch)
    finally:
        batches.close()
    rest = ledger.label(Records(), last=True)
    if rest.n_issues:
        yield rest


_LINK_KEYS = tuple(name for name, _ in LINK_COLUMNS)[2:]  # after source, page_position


def _wat_records(name: str, options: Mapping[str, Any]) -> Iterator[Records]:
    """The rows of one WAT file, :data:`WAT_BATCH` pages per :class:`Records`."""
    archives = _archives(name)
    reader_options = {k: options[k] for k in _WAT_OPTIONS if options.get(k) is not None}
    batch = Records()
    local = 0
    try:
        for entry in archives.read_wat(name, **reader_options).entries():
            if isinstance(entry, archives.ArchiveIssue):
                add_issue(
                    batch,
                    source=name,
                    kind=entry.kind,
                    record_type=entry.record_type,
                    url=entry.url,
                    record_id=entry.record_id,
                    offset=entry.offset,
                    detail=entry.detail,
                )
                continue
            _add_wat_page(batch, name, local, entry)
            local += 1
            if local % WAT_BATCH == 0:
                yield batch
                batch = Records()
    except archives.ArchiveFormatError as exc:  # the file ends here; the job goes on
        kept = (
            "no page read from it"
            if not local
            else f"the {count(local, 'page')} read before it kept"
        )
        add_issue(
            batch,
            source=name,
            record_type=None,
            url=None,
            record_id=None,
            offset=exc.offset,
            kind=UNREADABLE_ARCHIVE,
            detail=f"{exc} ({kept}; the rest of the file is not read)",
        )
    if batch.n_pages or batch.n_issues:
        yield batch


def _add_wat_page(records: Records, source: str, position: int, page: Any) -> None:
    """Append one :class:`~backlinkkit.archives.WatPage`'s page row and link rows."""
    links = records.links
    rows = page.to_records()
    links["source"].extend([source] * len(rows))
    links["page_position"].extend([position] * len(rows))
    for key in _LINK_KEYS:
        links[key].extend([row[key] for row in rows])
    robots = page.robots
    row = (
        source,
        position,
        page.url,
        page.base_url,
        None,  # encoding: WAT holds decoded text
        page.canonical,
        page.title or "",
        robots.noindex,
        robots.nofollow,
        page.platform,
        None,  # language: WAT has no lang attribute
        page.status,
        page.location,
        len(rows),
        " | ".join(page.warnings),
        None,
        None,
    )
    for column, value in zip(records.pages.values(), row, strict=True):
        column.append(value)


class _Ledger:
    """Where each page of a batch came from, and the issues not yet handed out.

    The batch reads its input in this process, in order, so the pages it numbers
    0, 1, 2 ... are those :meth:`inputs` gave in that order.
    """

    def __init__(self) -> None:
        self.places: dict[int, tuple[str, int]] = {}  # batch position -> (file, position)
        # (batch position of the page the issue precedes or belongs to, issue row)
        self.pending: collections.deque[tuple[int, dict[str, Any]]] = collections.deque()
        self.read = 0

    def _page(self, name: str, local: int) -> None:
        self.places[self.read] = (name, local)
        self.read += 1

    def _issue(self, **row: Any) -> None:
        self.pending.append((self.read, row))

    def inputs(
        self, paths: Iterable[str | os.PathLike[str]], urls: Mapping[str, str | None]
    ) -> Iterator[PageInput | tuple[Any, ...]]:
        for path in paths:
            name = os.fspath(path)
            if not is_warc(name):
                for page in pages_of(name, urls.get(name)):
                    self._page(name, 0)
                    yield page
                continue
            yield from self._archive(name)

    def _archive(self, name: str) -> Iterator[tuple[Any, ...]]:
        archives = _archives(name)
        local = 0
        try:
            for entry in archives.read_warc(name).entries():
                where = {"source": name, "record_type": entry.record_type, "url": entry.url}
                where.update(record_id=entry.record_id, offset=entry.offset)
                if isinstance(entry, archives.ArchiveIssue):  # a record that gave no page
                    self._issue(**where, kind=entry.kind, detail=entry.detail)
                    continue
                where["page_position"] = local
                if entry.truncated is not None:
                    detail = (
                        f"the record is truncated ({entry.truncated}); its page was "
                        "extracted from the content the archive holds"
                    )
                    self._issue(**where, kind="truncated", detail=detail)
                for warning in entry.warnings:
                    self._issue(**where, kind="warning", detail=warning)
                self._page(name, local)
                local += 1
                yield entry.to_input()
        except archives.ArchiveFormatError as exc:  # the file ends here; the job goes on
            kept = (
                "no page read from it"
                if not local
                else f"the {count(local, 'page')} read before it kept"
            )
            self._issue(
                source=name,
                record_type=None,
                url=None,
                record_id=None,
                offset=exc.offset,
                kind=UNREADABLE_ARCHIVE,
                detail=f"{exc} ({kept}; the rest of the file is not read)",
            )

    def label(self, batch: Records, *, last: bool = False) -> Records:
        """*batch* with each row's file and position in it, and the issues due."""
        places = self.places
        links = dict(batch.links)
        keys = [places[position] for position in links["page_position"]]
        links["source"] = [source for source, _ in keys]
        links["page_position"] = [position for _, position in keys]
        pages = dict(batch.pages)
        keys = [places.pop(position) for position in pages["position"]]
        pages["source"] = [source for source, _ in keys]
        pages["position"] = [position for _, position in keys]
        labelled = Records(links, pages, {name: list(c) for name, c in batch.issues.items()})
        reached = batch.pages["position"][-1] if batch.n_pages else -1
        while self.pending and (last or self.pending[0][0] <= reached):
            add_issue(labelled, **self.pending.popleft()[1])
        return labelled
