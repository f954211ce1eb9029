"""Crawl archives in: the pages of a WARC file, the link metadata of a Common Crawl WAT file.

:func:`read_warc` returns a :class:`WarcReader`, an iterator of
:class:`ArchivedPage` -- one per HTML ``response`` or ``resource`` record, with
the HTTP body already de-chunked and content-decoded and the HTTP response
headers as ``(name, value)`` pairs, so that a page goes straight into
extraction::

    for page in read_warc("crawl.warc.gz"):
        extract_links(page.content, page.url, headers=page.headers)

Nothing is silently lost: records of other types are counted in
:attr:`WarcReader.stats`; ``revisit`` records, non-HTML responses and records
that cannot be read become :class:`ArchiveIssue` values, collected in
:attr:`WarcReader.issues` (and yielded in file order, between the pages, by
:meth:`WarcReader.entries`); a truncated record still gives its page, marked in
:attr:`ArchivedPage.truncated`, and is counted.

:func:`read_wat` reads the WAT files Common Crawl ships beside its WARC files
(JSON metadata, one record per archived record) into :class:`WatPage` values
whose links carry what WAT can tell -- resolved against the page's base, ``rel``
parsed as everywhere else -- and ``None`` for what it cannot (region, the
alt-text fallback of the anchor).

FastWARC reads the archives (extra ``warc``); warcio is the fallback when
FastWARC is absent (``engine="warcio"`` chooses it).  See ``docs/archives.md``.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, Literal

import attrs
import tldextract

from . import _warc
from ._infra import collapse_ascii_whitespace, strip_ascii_whitespace
from ._validate import (
    field_name,
    instance_of,
    integer,
    items_of,
    one_of,
    optional,
    pairs_of,
    require,
    require_one_of,
    text,
    to_pairs,
    to_tuple,
    type_error,
    value_error,
)
from .batch import PageInput
from .encoding import header_values, normalize_headers
from .errors import InvalidURLError, InvalidValueError
from .extract import link_target, redirect_location
from .page import Link, LinkElement, Page, rel_fields, social_fields
from .rel import Rel, parse_rel
from .robots import RobotsDirectives, parse_robots
from .social import SocialMatch, SocialRegistry, default_registry
from .urls import (
    default_extractor,
    parse_absolute_url,
    registrable_domain,
    resolve_url,
    resolve_url_object,
)

__all__ = [
    "ArchiveFormatError",
    "ArchiveIssue",
    "ArchivedPage",
    "IssueKind",
    "WarcReader",
    "WarcStats",
    "WatLink",
    "WatPage",
    "WatReader",
    "read_warc",
    "read_wat",
]

RecordType = Literal["response", "resource"]
Engine = Literal["auto", "fastwarc", "warcio"]
#: What an :class:`ArchiveIssue` reports.
IssueKind = Literal["revisit", "non-html", "truncated", "unreadable"]

#: The default cap on one record's block and on its decoded content (bytes).
MAX_CONTENT = 32 << 20


class ArchiveFormatError(InvalidValueError):
    """The archive is not a WARC file the engine can go on reading.

    The message names the archive and the offset of the last record read;
    :attr:`archive` is that name, :attr:`offset` where reading stopped (the first
    bytes the engine could not read as records, when the reader can find them by
    checking the file from the last record on; else the last record's offset, or
    0 when it stopped at the start) and :attr:`last_record` the offset of the
    last record read (``None`` when none was).
    """

    def __init__(
        self,
        message: str,
        *,
        archive: str | None = None,
        offset: int | None = None,
        last_record: int | None = None,
    ) -> None:
        super().__init__(message)
        #: The archive's path, or the name of the stream read.
        self.archive = archive
        #: Where reading stopped (see the class docstring).
        self.offset = offset
        #: The offset of the last record read, ``None`` when none was.
        self.last_record = last_record

    def __reduce__(self) -> tuple[Any, ...]:  # keep the attributes across processes
        return _format_error, (str(self), self.archive, self.offset, self.last_record)


def _format_error(
    message: str, archive: str | None, offset: int | None, last_record: int | None
) -> ArchiveFormatError:
    return ArchiveFormatError(message, archive=archive, offset=offset, last_record=last_record)


_opt_str = optional(instance_of(str))


def _header_pairs(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``(name, value)`` pairs of str, a wrong one named by its position (a name repeats)."""
    name = field_name(instance, attribute)
    if not isinstance(value, tuple):
        raise type_error(name, value, "(name, value) pairs")
    for position, pair in enumerate(value):
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], str)
        ):
            raise type_error(f"{name}[{position}]", pair, "a (str, str) pair")


_str_items = items_of(str)


@attrs.frozen(slots=True)
class ArchivedPage:
    """One HTML page of a WARC file: its URL, decoded body and HTTP response headers."""

    #: ``WARC-Target-URI`` as recorded (the ``<...>`` of old WARC/1.0 writers removed).
    url: str = attrs.field(validator=text(empty=False))
    #: The HTTP body with ``Transfer-Encoding`` and ``Content-Encoding`` undone
    #: (a ``resource`` record's block as it is).
    content: bytes = attrs.field(validator=instance_of(bytes))
    #: The HTTP response headers as sent (name case kept, repeated headers kept, in
    #: order) -- so ``Content-Encoding: gzip`` still shows although :attr:`content` is
    #: decoded.  A ``resource`` record has one: its record's ``Content-Type``.
    headers: tuple[tuple[str, str], ...] = attrs.field(converter=to_pairs, validator=_header_pairs)
    #: The HTTP status code; ``None`` for a ``resource`` record.
    status: int | None = attrs.field(validator=optional(integer(100, 999)))
    #: ``WARC-Record-ID`` (``"<urn:uuid:...>"``), ``None`` when the record has none.
    record_id: str | None = attrs.field(validator=_opt_str)
    #: ``WARC-Date`` as recorded (ISO 8601, UTC), ``None`` when the record has none.
    date: str | None = attrs.field(validator=_opt_str)
    #: ``"response"`` or ``"resource"``.
    record_type: RecordType = attrs.field(validator=one_of(RecordType))
    #: The MIME type essence the page was declared with (``"text/html"``), or ``None``
    #: when it declared none and was sniffed as HTML.
    content_type: str | None = attrs.field(default=None, validator=_opt_str)
    #: Offset of the record in the archive (of its gzip member in a compressed file).
    offset: int | None = attrs.field(default=None, validator=optional(integer(0)))
    #: Why the content is incomplete: the ``WARC-Truncated`` reason the crawler
    #: recorded (``"length"``, ``"time"`` ...), ``"cut"`` when the archive ends
    #: inside the record, ``"max_content"`` when the reader's cap cut it; ``None``
    #: when complete.
    truncated: str | None = attrs.field(default=None, validator=_opt_str)
    #: Notes on anything odd (a header line that was not ``name: value``, a coding
    #: that could not be undone ...).
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)

    def page_input(self) -> tuple[bytes, str, tuple[tuple[str, str], ...]]:
        """``(content, url, headers)``: the ``(html, url, headers)`` item ``extract_many``
        takes, and the arguments of ``extract_links(html, url, headers=headers)``."""
        return self.content, self.url, self.headers

    def to_input(self) -> PageInput:
        """The page as a :class:`~backlinkkit.batch.PageInput` for ``extract_many``:
        :meth:`page_input` and the HTTP :attr:`status` (which :func:`~backlinkkit.verify`
        reads: redirects, ``Not found``, errors)."""
        return PageInput(self.content, self.url, self.headers, status=self.status)


@attrs.frozen(slots=True)
class ArchiveIssue:
    """A record that gives no page, and why (see :data:`IssueKind`)."""

    #: ``"revisit"`` (a revisit record: the page is elsewhere), ``"non-html"`` (a
    #: response that is not HTML), ``"truncated"`` (cut before its HTTP body) or
    #: ``"unreadable"`` (a record without a target URI, Content-Length or HTTP status line).
    kind: IssueKind = attrs.field(validator=one_of(IssueKind))
    #: The ``WARC-Type`` of the record.
    record_type: str = attrs.field(validator=instance_of(str))
    #: ``WARC-Target-URI``, or ``None`` when it has none.
    url: str | None = attrs.field(validator=_opt_str)
    #: ``WARC-Record-ID``, or ``None``.
    record_id: str | None = attrs.field(validator=_opt_str)
    #: Offset of the record in the archive.
    offset: int | None = attrs.field(validator=optional(integer(0)))
    #: What happened, in words (for a revisit: the URI and date it refers to).
    detail: str = attrs.field(validator=instance_of(str))


@attrs.frozen(slots=True)
class WarcStats:
    """What a reader has seen so far.

    ``records == pages + skipped + revisits + non_html + unreadable``;
    :attr:`truncated` counts truncated records whatever became of them.
    """

    #: Records read.
    records: int = attrs.field(validator=integer(0))
    #: ``(WARC-Type, count)`` pairs, sorted by type (``"(none)"`` for a record without one).
    by_type: tuple[tuple[str, int], ...] = attrs.field(
        converter=to_pairs, validator=pairs_of(str, int)
    )
    #: Pages yielded.
    pages: int = attrs.field(validator=integer(0))
    #: Records of a type that holds no page (warcinfo, request, metadata ...).
    skipped: int = attrs.field(validator=integer(0))
    #: ``revisit`` records.
    revisits: int = attrs.field(validator=integer(0))
    #: Responses that are not HTML by their ``Content-Type`` (or sniffing, without one).
    non_html: int = attrs.field(validator=integer(0))
    #: Records that could not be read (see :class:`ArchiveIssue`).
    unreadable: int = attrs.field(validator=integer(0))
    #: Truncated records (pages with :attr:`ArchivedPage.truncated` and issues alike).
    truncated: int = attrs.field(validator=integer(0))

    def to_dict(self) -> dict[str, Any]:
        """The counts as a flat dict (``by_type`` as a dict)."""
        record = attrs.asdict(self)
        record["by_type"] = dict(self.by_type)
        return record


class _Reader:
    """The record loop both readers share: opening, the engine, counts, issues."""

    def __init__(self, source: object, engine: str, max_content: int) -> None:
        require_one_of("engine", engine, ("auto", *_warc.ENGINES))
        require("max_content", max_content, int)
        if max_content < 1:
            raise value_error("max_content", max_content, "must be >= 1")
        if isinstance(source, (str, os.PathLike)):
            self._name = os.fspath(source)
            if "\x00" in os.fsdecode(self._name):  # open() would raise a bare ValueError
                raise value_error("source", source, "a path cannot hold a NUL character")
        elif isinstance(source, (bytes, bytearray, memoryview)):
            raise type_error("source", source, "a path or a binary stream (io.BytesIO for bytes)")
        elif isinstance(source, io.TextIOBase) or not callable(getattr(source, "read", None)):
            raise type_error("source", source, "a path or a binary stream")
        else:
            self._name = getattr(source, "name", None) or f"<{type(source).__name__}>"
        self._source = source
        self._engine = _warc.resolve_engine(engine)
        self._max = max_content
        self._types: Counter[str] = Counter()
        self._counts: Counter[str] = Counter()
        self._issues: list[ArchiveIssue] = []
        self._done = False
        self._items: Iterator[Any] | None = None

    @property
    def engine(self) -> str:
        """The engine reading the archive: ``"fastwarc"`` or ``"warcio"``."""
        return self._engine

    @property
    def done(self) -> bool:
        """True once the archive has been read to its end (or failed)."""
        return self._done

    @property
    def issues(self) -> tuple[ArchiveIssue, ...]:
        """The issues met so far, in file order."""
        return tuple(self._issues)

    @property
    def stats(self) -> WarcStats:
        """The counts so far (final once :attr:`done`)."""
        c = self._counts
        return WarcStats(
            records=sum(self._types.values()),
            by_type=sorted(self._types.items()),
            pages=c["pages"],
            skipped=c["skipped"],
            revisits=c["revisits"],
            non_html=c["non_html"],
            unreadable=c["unreadable"],
            truncated=c["truncated"],
        )

    def entries(self) -> Iterator[Any]:
        """Pages and :class:`ArchiveIssue` values, in file order (one pass per reader)."""
        if self._items is None:
            self._items = self._run()
        return self._items

    def __next__(self) -> Any:
        for item in self.entries():
            if not isinstance(item, ArchiveIssue):
                return item
        raise StopIteration

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and close the file (a file this reader opened)."""
        if self._items is not None and hasattr(self._items, "close"):
            self._items.close()
        self._done = True

    def _run(self) -> Iterator[Any]:
        if isinstance(self._source, (str, os.PathLike)):
            stream: BinaryIO = open(self._source, "rb")  # noqa: SIM115 - closed below
            owned = True
        else:
            stream, owned = self._source, False  # type: ignore[assignment]
        try:
            seekable = owned or bool(getattr(stream, "seekable", lambda: False)())
            start = stream.tell() if seekable else None
        except (OSError, ValueError, AttributeError):
            start = None
        last: _warc.RawRecord | None = None
        try:
            for raw in _warc.raw_records(stream, self._engine, self._max):
                last = raw
                item = self._classify(raw)
                if item is None:
                    continue
                if isinstance(item, ArchiveIssue):
                    self._issues.append(item)
                else:
                    self._counts["pages"] += 1
                yield item
            if start == 0:
                tail = self._tail(stream, last)
                if tail is not None:
                    self._issues.append(tail)
                    yield tail
        except _warc.EngineError as exc:
            where = (
                "at its start" if exc.offset is None else f"after the record at offset {exc.offset}"
            )
            stopped = None
            if start == 0:  # the first bytes not read, as the tail check finds them
                found = _warc.unread_tail(stream, exc.offset or 0, max(self._max, 1 << 26) * 2)
                stopped = found[0] if found is not None else None
            raise ArchiveFormatError(
                f"archive={self._name!r}: cannot read on {where}: {exc.message}",
                archive=self._name,
                offset=stopped if stopped is not None else exc.offset or 0,
                last_record=exc.offset,
            ) from exc
        finally:
            self._done = True
            if owned:
                stream.close()

    def _tail(self, stream: BinaryIO, last: _warc.RawRecord | None) -> ArchiveIssue | None:
        """An issue for bytes after the last record that the engine did not deliver (a
        gzip member cut short, records FastWARC stopped before), unless the last record
        itself is what is left there (it reported its own cut)."""
        offset = last.offset if last is not None and last.offset is not None else 0
        found = _warc.unread_tail(stream, offset, max(self._max, 1 << 26) * 2)
        if found is None or (last is not None and found[0] == last.offset):
            return None
        self._types["(none)"] += 1
        where, what = found
        raw = _warc.RawRecord(where, {"WARC-Record-ID": None}, b"")
        if "cut short" in what:
            self._counts["truncated"] += 1
            detail = f"the archive ends in {what}; the record in it is lost"
            return self._issue("truncated", "(none)", None, raw, detail)
        detail = f"the {self._engine} engine stopped before {what}"
        return self._issue("unreadable", "(none)", None, raw, detail)

    def _count_type(self, raw: _warc.RawRecord) -> str:
        record_type = strip_ascii_whitespace(raw.headers["WARC-Type"] or "").lower()
        if not _RECORD_TYPE.fullmatch(record_type):
            record_type = "(none)"
        self._types[record_type] += 1
        return record_type

    def _issue(
        self,
        kind: IssueKind,
        record_type: str,
        url: str | None,
        raw: _warc.RawRecord,
        detail: str,
        record_id: str | None = None,
    ) -> ArchiveIssue:
        counter = {"revisit": "revisits", "non-html": "non_html"}.get(kind, "unreadable")
        self._counts[counter] += 1
        if record_id is None:
            record_id = raw.headers["WARC-Record-ID"]
        return ArchiveIssue(kind, record_type, url, record_id, raw.offset, detail)

    def _block(self, raw: _warc.RawRecord) -> tuple[int | None, str | None]:
        """The declared length and the truncation reason of a record (counted)."""
        declared = raw.headers["Content-Length"]
        length = int(declared) if declared and declared.strip().isdigit() else None
        reasons = []
        recorded = raw.headers["WARC-Truncated"]
        if recorded is not None:
            reasons.append(strip_ascii_whitespace(recorded) or "unspecified")
        if len(raw.block) > self._max:
            raw.block = raw.block[: self._max]
            reasons.append("max_content")
        elif length is not None and len(raw.block) < length:
            reasons.append("cut")
        truncated = " ".join(reasons) or None
        if truncated is not None:
            self._counts["truncated"] += 1
        return length, truncated

    def _classify(self, raw: _warc.RawRecord) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


_RECORD_TYPE = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def _target_uri(raw: _warc.RawRecord) -> str | None:
    uri = strip_ascii_whitespace(raw.headers["WARC-Target-URI"] or "")
    if uri.startswith("<") and uri.endswith(">"):
        uri = uri[1:-1]
    return uri or None


class WarcReader(_Reader):
    """The HTML pages of one WARC file, in file order, with counts and issues on the side.

    Iterating gives :class:`ArchivedPage` values; :meth:`entries` gives the
    pages and the :class:`ArchiveIssue` values together, in file order.  A
    reader reads its archive once.  *source* is a path or a binary stream
    (gzip-per-record or uncompressed; FastWARC also reads zstd and lz4).
    Raises :class:`ArchiveFormatError` when the engine cannot go on reading.
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | BinaryIO,
        *,
        engine: Engine = "auto",
        max_content: int = MAX_CONTENT,
    ) -> None:
        super().__init__(source, engine, max_content)

    def __iter__(self) -> Iterator[ArchivedPage]:
        return self

    def __next__(self) -> ArchivedPage:
        page: ArchivedPage = super().__next__()
        return page

    def entries(self) -> Iterator[ArchivedPage | ArchiveIssue]:
        """Pages and issues in file order (shares the one pass with iteration)."""
        return super().entries()

    def __enter__(self) -> WarcReader:
        return self

    def _classify(self, raw: _warc.RawRecord) -> ArchivedPage | ArchiveIssue | None:
        record_type = self._count_type(raw)
        if record_type == "(none)":
            detail = (
                "no valid WARC-Type header (the record may be cut inside its WARC headers, "
                "or its lines end in LF alone)"
            )
            return self._issue("unreadable", record_type, _target_uri(raw), raw, detail)
        url = _target_uri(raw)
        length, truncated = self._block(raw)
        if length is None:
            detail = "no valid Content-Length (the record may be cut inside its WARC headers)"
            return self._issue("unreadable", record_type, url, raw, detail)
        if record_type not in ("response", "resource", "revisit"):
            self._counts["skipped"] += 1
            return None
        if record_type == "revisit":
            refers = raw.headers["WARC-Refers-To-Target-URI"] or url
            when = raw.headers["WARC-Refers-To-Date"]
            profile = raw.headers["WARC-Profile"]
            detail = f"revisit of {refers}" + (f" at {when}" if when else "")
            detail += f" ({profile})" if profile else ""
            return self._issue("revisit", record_type, url, raw, detail)
        if url is None:
            return self._issue("unreadable", record_type, url, raw, "no WARC-Target-URI")
        block = raw.block
        warnings: list[str] = []
        status: int | None = None
        if record_type == "response" and block.startswith(b"HTTP/"):
            parsed = _warc.parse_http(block)
            if isinstance(parsed, str):
                kind: IssueKind = "truncated" if truncated else "unreadable"
                detail = parsed + (f" (record truncated: {truncated})" if truncated else "")
                return self._issue(kind, record_type, url, raw, detail)
            status, headers, body, warnings = parsed
            declared = [value for name, value in headers if name.lower() == "content-type"]
            content_type = declared[-1] if declared else None
        else:
            if record_type == "response":
                warnings.append("the response record holds no HTTP message; read as a resource")
            content_type = raw.headers["Content-Type"]
            headers = (("Content-Type", content_type),) if content_type else ()
            body = block
        essence = _warc.mime_essence(content_type)
        sniff = essence is None or essence in _warc.UNKNOWN_TYPES
        if not sniff and essence not in _warc.HTML_TYPES:
            return self._issue("non-html", record_type, url, raw, f"Content-Type {content_type!r}")
        content, decoding, over = _warc.decode_body(body, headers, self._max)
        warnings += decoding
        if over:
            if truncated is None:
                self._counts["truncated"] += 1
            truncated = "max_content" if truncated is None else f"{truncated} max_content"
        if sniff:
            if not _warc.sniffs_html(content):
                return self._issue(
                    "non-html",
                    record_type,
                    url,
                    raw,
                    f"Content-Type {content_type!r}, and the content does not sniff as HTML",
                )
            warnings.append(f"Content-Type {content_type!r}; sniffed as HTML")
        return ArchivedPage(
            url=url,
            content=content,
            headers=headers,
            status=status,
            record_id=raw.headers["WARC-Record-ID"],
            date=raw.headers["WARC-Date"],
            record_type=record_type,  # type: ignore[arg-type]
            content_type=essence,
            offset=raw.offset,
            truncated=truncated,
            warnings=warnings,
        )


def read_warc(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    engine: Engine = "auto",
    max_content: int = MAX_CONTENT,
) -> WarcReader:
    """The HTML pages of a WARC file: a :class:`WarcReader` (an iterator of
    :class:`ArchivedPage`, with :attr:`~WarcReader.stats` and
    :attr:`~WarcReader.issues`).

    *source* is a path or a binary stream.  *engine* is ``"fastwarc"``,
    ``"warcio"`` or ``"auto"`` (FastWARC when installed, else warcio).
    *max_content* caps one record's block and its decoded content, in bytes (a
    page cut there has ``truncated="max_content"``).

    Raises :class:`~backlinkkit.errors.InvalidInputError` for a wrong argument type,
    :class:`~backlinkkit.errors.MissingDependencyError` when no engine is installed
    (extra ``warc``), and -- while iterating -- :class:`ArchiveFormatError` when the
    archive cannot be read on.
    """
    return WarcReader(source, engine=engine, max_content=max_content)


# ---------------------------------------------------------------------------------------------
# WAT


_ANCHOR_TAGS = ("a", "area")


@attrs.frozen(slots=True)
class WatLink:
    """One entry of a WAT page's ``Links`` list, resolved and judged as far as WAT allows.

    The fields WAT does not carry are ``None``.  For entries other than
    ``A@/href`` and ``AREA@/href`` (images, forms, iframes ...) the crawler fields
    (:attr:`followed`, :attr:`nofollow_source`) are ``None`` too.
    """

    #: The WAT ``path``: element and attribute, such as ``"A@/href"`` or ``"IMG@/src"``.
    path: str = attrs.field(validator=instance_of(str))
    #: The element name, lower-cased (``"a"``, ``"img"`` ...).
    tag: str = attrs.field(validator=instance_of(str))
    #: The attribute (``"href"``, ``"src"`` ...), or ``None`` when the path names none.
    attribute: str | None = attrs.field(validator=_opt_str)
    #: The attribute value as WAT recorded it (raw, often relative).
    href: str = attrs.field(validator=instance_of(str))
    #: :attr:`href` resolved against the page's base, or ``None`` when it cannot be.
    url: str | None = attrs.field(validator=_opt_str)
    #: The URL's scheme, host and registrable domain (``None`` with :attr:`url`).
    scheme: str | None = attrs.field(validator=_opt_str)
    host: str | None = attrs.field(validator=_opt_str)
    site: str | None = attrs.field(validator=_opt_str)
    #: The element's text, whitespace-collapsed (``""`` when WAT recorded none).
    text: str = attrs.field(validator=instance_of(str))
    #: The ``title``, ``alt``, ``target``, ``hreflang`` and ``type`` attributes, when recorded.
    title: str | None = attrs.field(validator=_opt_str)
    alt: str | None = attrs.field(validator=_opt_str)
    target: str | None = attrs.field(validator=_opt_str)
    hreflang: str | None = attrs.field(validator=_opt_str)
    type: str | None = attrs.field(validator=_opt_str)
    #: The parsed ``rel`` (WAT records it for A and AREA since CC-MAIN-2017-34; absent
    #: means no ``rel`` attribute -- in older crawls it means unknown).
    rel: Rel = attrs.field(validator=instance_of(Rel))
    #: Whether a crawler follows the link (rel qualifiers and the page's robots rules);
    #: ``None`` for entries that are not links.
    followed: bool | None = attrs.field(validator=optional(instance_of(bool)))
    #: ``"rel"``, ``"meta"``, ``"header"`` or ``None`` (as :attr:`Link.nofollow_source`).
    nofollow_source: str | None = attrs.field(validator=_opt_str)
    #: How the (landing) URL relates to the page, as :attr:`Link.relation`.
    relation: str | None = attrs.field(validator=_opt_str)
    #: The social platform of :attr:`url`, or ``None``.
    social: SocialMatch | None = attrs.field(validator=optional(instance_of(SocialMatch)))
    #: :attr:`url` with redirect wrappers peeled, its site, and the outermost wrapper's key.
    landing_url: str | None = attrs.field(validator=_opt_str)
    landing_site: str | None = attrs.field(validator=_opt_str)
    wrapper: str | None = attrs.field(validator=_opt_str)
    #: Notes (an unresolvable URL, a look-alike rel token ...).
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)

    @property
    def is_link(self) -> bool:
        """True for an ``a`` or ``area`` element's ``href`` (what :class:`Link` describes)."""
        return self.tag in _ANCHOR_TAGS and self.attribute == "href"

    def to_record(self, position: int) -> dict[str, Any]:
        """The keys of :meth:`Link.to_record`; ``None`` where WAT cannot tell
        (``region``; ``anchor`` and ``anchor_source`` when the text is empty, since the
        image alt of the fallback is not on the entry; ``has_image`` but for ``area``,
        since an image inside a link is a separate ``IMG@/src`` entry)."""
        anchor, source = (self.text, "text") if self.text else (None, None)
        return {
            "position": position,
            "tag": self.tag,
            "href": self.href,
            "url": self.url,
            "scheme": self.scheme,
            "host": self.host,
            "site": self.site,
            "text": self.text,
            "anchor": anchor,
            "anchor_source": source,
            "has_image": True if self.tag == "area" else None,
            **rel_fields(self.rel),
            "followed": self.followed,
            "nofollow_source": self.nofollow_source,
            "region": None,
            "relation": self.relation,
            **social_fields(self.social),
            "landing_url": self.landing_url,
            "landing_site": self.landing_site,
            "wrapper": self.wrapper,
            "warnings": " | ".join(self.warnings),
        }


@attrs.frozen(slots=True)
class WatPage:
    """The metadata WAT holds about one archived HTML response."""

    #: ``WARC-Target-URI`` of the response, WHATWG-serialized.
    url: str = attrs.field(validator=instance_of(str))
    #: The base links are resolved against: ``Head.Base`` resolved, else :attr:`url`.
    base_url: str = attrs.field(validator=instance_of(str))
    #: ``WARC-Record-ID`` and ``WARC-Date`` of the response record described.
    record_id: str | None = attrs.field(validator=_opt_str)
    date: str | None = attrs.field(validator=_opt_str)
    #: The HTTP status, or ``None`` when WAT has none.
    status: int | None = attrs.field(validator=optional(integer(100, 999)))
    #: The HTTP response headers as ``(name, value)`` pairs.
    headers: tuple[tuple[str, str], ...] = attrs.field(converter=to_pairs, validator=_header_pairs)
    #: ``Head.Title``, or ``None``.
    title: str | None = attrs.field(validator=_opt_str)
    #: Robots rules from ``Head.Metas`` and ``X-Robots-Tag`` for the reader's *agent*.
    robots: RobotsDirectives = attrs.field(validator=instance_of(RobotsDirectives))
    #: Every ``Links`` entry, in WAT order.
    links: tuple[WatLink, ...] = attrs.field(converter=to_tuple, validator=items_of(WatLink))
    #: Page-level notes.
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)
    #: What the registry found out about :attr:`url` (as :attr:`Page.social`), or ``None``.
    social: SocialMatch | None = attrs.field(
        default=None, validator=optional(instance_of(SocialMatch))
    )
    #: The ``Head.Link`` entries (``<link>`` elements) with a ``url``, resolved against
    #: :attr:`base_url`, in WAT order.
    link_elements: tuple[LinkElement, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(LinkElement)
    )
    #: The first resolved ``Head.Link`` URL whose ``rel`` holds ``canonical``, or ``None``.
    canonical: str | None = attrs.field(default=None, validator=_opt_str)
    #: Where the response redirects, for a redirect :attr:`status`: its ``Location``
    #: header resolved against :attr:`url` (as :attr:`Page.location`); else ``None``.
    location: str | None = attrs.field(default=None, validator=_opt_str)

    @property
    def platform(self) -> str | None:
        """The registry key of the platform the page is on, or ``None`` (:attr:`Page.platform`)."""
        return self.social.platform.key if self.social is not None else None

    @property
    def anchors(self) -> tuple[WatLink, ...]:
        """The ``a``/``area`` ``href`` entries: the page's links in backlinkkit's sense."""
        return tuple(link for link in self.links if link.is_link)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per :attr:`anchors` entry, ``page_url`` first, with the keys
        of :meth:`Page.to_records`."""
        return [
            {"page_url": self.url, **link.to_record(position)}
            for position, link in enumerate(self.anchors)
        ]

    def to_page(self) -> Page:
        """The page as a :class:`~backlinkkit.page.Page`, for :func:`~backlinkkit.audit`
        and every function that takes pages.

        Its links are the :attr:`anchors`, carrying what WAT carries (URL, text,
        ``rel``, crawler fields, relation, registry facts); what WAT cannot tell is
        marked unknown, never guessed: :attr:`Link.region` is ``"unknown"``; a link
        without text has :attr:`Link.anchor` ``""`` and :attr:`Link.anchor_source`
        ``"unknown"`` (the image ``alt`` the anchor would fall back to is a separate
        ``IMG@/src`` entry); :attr:`Link.has_image` is ``None`` but for an ``area``
        (``True``).  :attr:`Page.encoding` is ``""`` (WAT holds decoded text, not the
        encoding), :attr:`Page.language` ``None`` (WAT has no ``lang`` attribute) and
        :attr:`Page.claimed_profiles` empty (WAT has no JSON-LD); :attr:`title` is
        ``""`` when WAT has none.
        """
        links = []
        for position, link in enumerate(self.anchors):
            anchor, source = (link.text, "text") if link.text else ("", "unknown")
            links.append(
                Link(
                    position=position,
                    tag=link.tag,  # type: ignore[arg-type]  # is_link: "a" or "area"
                    href=link.href,
                    url=link.url,
                    scheme=link.scheme,
                    host=link.host,
                    site=link.site,
                    text=link.text,
                    anchor=anchor,
                    anchor_source=source,  # type: ignore[arg-type]
                    rel=link.rel,
                    followed=bool(link.followed),
                    nofollow_source=link.nofollow_source,  # type: ignore[arg-type]
                    region="unknown",
                    relation=link.relation,  # type: ignore[arg-type]
                    social=link.social,
                    warnings=link.warnings,
                    landing_url=link.landing_url,
                    landing_site=link.landing_site,
                    wrapper=link.wrapper,
                    has_image=True if link.tag == "area" else None,
                )
            )
        return Page(
            url=self.url,
            base_url=self.base_url,
            encoding="",
            robots=self.robots,
            canonical=self.canonical,
            title=self.title or "",
            link_elements=self.link_elements,
            links=links,
            warnings=self.warnings,
            social=self.social,
            language=None,
            status=self.status,
            location=self.location,
        )


def _get(mapping: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class WatReader(_Reader):
    """The HTML pages described by one WAT file, as :class:`WatPage` values.

    Counts as :class:`WarcReader` does, with each ``metadata`` record counted under
    the ``WARC-Type`` of the record it describes (``response``, ``request`` ...):
    responses without ``HTML-Metadata`` are ``non_html`` issues, revisits
    ``revisit`` issues, records whose JSON cannot be read ``unreadable`` issues.
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | BinaryIO,
        *,
        engine: Engine = "auto",
        agent: str = "googlebot",
        registry: SocialRegistry | None = None,
        extractor: tldextract.TLDExtract | None = None,
        max_content: int = MAX_CONTENT,
    ) -> None:
        require("agent", agent, str)
        if not agent.strip():
            raise value_error("agent", agent, "expected a non-empty crawler name")
        if registry is not None:
            require("registry", registry, SocialRegistry)
        super().__init__(source, engine, max_content)
        self._agent = agent
        self._registry = registry if registry is not None else default_registry()
        self._extractor = extractor if extractor is not None else default_extractor()

    def __iter__(self) -> Iterator[WatPage]:
        return self

    def __next__(self) -> WatPage:
        page: WatPage = super().__next__()
        return page

    def entries(self) -> Iterator[WatPage | ArchiveIssue]:
        """Pages and issues in file order (shares the one pass with iteration)."""
        return super().entries()

    def __enter__(self) -> WatReader:
        return self

    def _classify(self, raw: _warc.RawRecord) -> WatPage | ArchiveIssue | None:
        outer = strip_ascii_whitespace(raw.headers["WARC-Type"] or "").lower()
        if outer != "metadata":
            record_type = self._count_type(raw)
            problem = None
            if record_type == "(none)":
                problem = "no valid WARC-Type header"
            elif self._block(raw)[0] is None:
                problem = "no valid Content-Length"
            if problem is not None:
                detail = f"{problem} (the record may be cut inside its WARC headers)"
                return self._issue("unreadable", record_type, _target_uri(raw), raw, detail)
            self._counts["skipped"] += 1
            return None
        _length, truncated = self._block(raw)
        try:
            data = json.loads(raw.block)
        except (ValueError, RecursionError) as exc:
            self._types["metadata"] += 1
            kind: IssueKind = "truncated" if truncated else "unreadable"
            return self._issue(kind, "metadata", _target_uri(raw), raw, f"not JSON: {exc}")
        header = _get(data, "Envelope", "WARC-Header-Metadata")
        described = _opt(_get(header, "WARC-Type"))
        record_type = (described or "(none)").lower()
        self._types[record_type] += 1
        url = _opt(_get(header, "WARC-Target-URI"))
        record_id = _opt(_get(header, "WARC-Record-ID"))
        if record_type == "revisit":
            return self._issue("revisit", record_type, url, raw, f"revisit of {url}", record_id)
        if record_type != "response":
            self._counts["skipped"] += 1
            return None
        response = _get(data, "Envelope", "Payload-Metadata", "HTTP-Response-Metadata")
        html = _get(response, "HTML-Metadata")
        if not isinstance(html, dict):
            kind = "non-html"
            content_type = _header_value(_get(response, "Headers"), "content-type")
            detail = f"no HTML-Metadata (Content-Type {content_type!r})"
            return self._issue(kind, record_type, url, raw, detail, record_id)
        if url is None:
            return self._issue("unreadable", record_type, url, raw, "no WARC-Target-URI", record_id)
        try:
            page_url = parse_absolute_url(url, field="WARC-Target-URI")
        except InvalidURLError as exc:
            return self._issue("unreadable", record_type, url, raw, str(exc), record_id)
        return self._page(page_url, record_id, _opt(_get(header, "WARC-Date")), response, html)

    def _page(
        self,
        url: str,
        record_id: str | None,
        date: str | None,
        response: dict[str, Any],
        html: dict[str, Any],
    ) -> WatPage:
        warnings: list[str] = []
        headers = _headers(_get(response, "Headers"))
        status_text = _get(response, "Response-Message", "Status")
        status = (
            int(status_text) if isinstance(status_text, str) and status_text.isdigit() else None
        )
        if status is not None and not 100 <= status <= 999:
            status = None
        found_head = html.get("Head")
        head: dict[str, Any] = found_head if isinstance(found_head, dict) else {}
        base_url = url
        base = _opt(head.get("Base"))
        if base is not None:
            resolved = resolve_url_object(base, url)
            if resolved is None or resolved.protocol in ("data:", "javascript:"):
                warnings.append(f"Head.Base={base!r} cannot serve as a base; ignored")
            else:
                base_url = resolved.href
        metas = [
            (_opt(m.get("name")) or "", _opt(m.get("content")) or "")
            for m in head.get("Metas") or ()
            if isinstance(m, dict) and isinstance(m.get("name"), str)
        ]
        robots = parse_robots(
            metas, header_values(normalize_headers(headers), "x-robots-tag"), agent=self._agent
        )
        meta_nofollow = robots.nofollow_source if robots.nofollow else None
        link_elements: list[LinkElement] = []
        canonical: str | None = None
        found_links = head.get("Link")
        for entry in found_links if isinstance(found_links, list) else ():
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                warnings.append(f"Head.Link entry {entry!r:.80} has no url; skipped")
                continue
            rel = parse_rel(_opt(entry.get("rel")))
            href = resolve_url(entry["url"], base_url, "utf-8")
            link_elements.append(
                LinkElement(
                    rel, entry["url"], href, _opt(entry.get("hreflang")), _opt(entry.get("type"))
                )
            )
            if canonical is None and href is not None and "canonical" in rel.tokens:
                canonical = href
        location, problem = redirect_location(status, normalize_headers(headers), url)
        if problem is not None:
            warnings.append(problem)
        judge = _Judge(url, self._registry, self._extractor)
        links: list[WatLink] = []
        entries = html.get("Links") or ()
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                warnings.append(f"Links entry {entry!r:.80} has no url; skipped")
                continue
            links.append(judge.link(entry, base_url, meta_nofollow))
        return WatPage(
            url=url,
            base_url=base_url,
            record_id=record_id,
            date=date,
            status=status,
            headers=headers,
            title=_opt(head.get("Title")),
            robots=robots,
            links=links,
            warnings=warnings,
            social=self._registry.match(url) if judge.page_host else None,
            link_elements=link_elements,
            canonical=canonical,
            location=location,
        )


def _headers(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        return ()
    pairs: list[tuple[str, str]] = []
    for name, item in value.items():
        for one in item if isinstance(item, list) else (item,):
            if isinstance(name, str) and isinstance(one, str):
                pairs.append((name, one))
    return tuple(pairs)


def _header_value(value: Any, name: str) -> str | None:
    for key, item in _headers(value):
        if key.lower() == name:
            return item
    return None


class _Judge:
    """Resolve and judge WAT link URLs for one page, one parse per distinct URL.

    The rules are extraction's own (:func:`backlinkkit.extract.link_target`): the
    landing URL behind registry wrappers decides the relation.
    """

    def __init__(
        self, page_url: str, registry: SocialRegistry, extractor: tldextract.TLDExtract
    ) -> None:
        self._registry = registry
        self._sites: dict[str, str] = {}
        self._site: Callable[[str], str] = self._site_of
        self._extractor = extractor
        page = resolve_url_object(page_url, page_url)
        self._page_no_fragment = page_url.partition("#")[0]
        #: The page URL's host (``None`` for a host-less URL).
        self.page_host = (page.hostname or None) if page is not None else None
        self._page_site = self._site_of(self.page_host) if self.page_host else None
        self._targets: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._rels: dict[str | None, Rel] = {}

    def _site_of(self, host: str) -> str:
        site = self._sites.get(host)
        if site is None:
            site = self._sites[host] = registrable_domain(host, self._extractor)
        return site

    def _target(self, href: str, base: str) -> tuple[Any, ...]:
        found = self._targets.get((href, base))
        if found is not None:
            return found
        result: tuple[Any, ...] = link_target(
            href,
            base,
            "utf-8",
            self._page_no_fragment,
            self.page_host,
            self._page_site,
            self._site_of,
            self._registry,
        )
        self._targets[(href, base)] = result
        return result

    def link(self, entry: dict[str, Any], base: str, meta_nofollow: str | None) -> WatLink:
        path = entry.get("path") if isinstance(entry.get("path"), str) else ""
        element, _, attribute = str(path).partition("@/")
        tag = element.lower()
        href: str = entry["url"]
        url, scheme, host, site, relation, social, landing, landing_site, wrapper = self._target(
            href, base
        )
        raw_rel = _opt(entry.get("rel"))
        rel = self._rels.get(raw_rel)
        if rel is None:
            rel = self._rels[raw_rel] = parse_rel(raw_rel)
        warnings: tuple[str, ...] = rel.warnings
        if url is None:
            warnings = (f"href={href!r} cannot be resolved against {base!r}", *warnings)
        is_link = tag in _ANCHOR_TAGS and attribute == "href"
        nofollow_source = ("rel" if rel.qualified else meta_nofollow) if is_link else None
        return WatLink(
            path=str(path),
            tag=tag,
            attribute=attribute or None,
            href=href,
            url=url,
            scheme=scheme,
            host=host,
            site=site,
            text=collapse_ascii_whitespace(_opt(entry.get("text")) or ""),
            title=_opt(entry.get("title")),
            alt=_opt(entry.get("alt")),
            target=_opt(entry.get("target")),
            hreflang=_opt(entry.get("hreflang")),
            type=_opt(entry.get("type")),
            rel=rel,
            followed=(nofollow_source is None) if is_link else None,
            nofollow_source=nofollow_source,
            relation=relation,
            social=social,
            landing_url=landing,
            landing_site=landing_site,
            wrapper=wrapper,
            warnings=warnings,
        )


def read_wat(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    engine: Engine = "auto",
    agent: str = "googlebot",
    registry: SocialRegistry | None = None,
    extractor: tldextract.TLDExtract | None = None,
    max_content: int = MAX_CONTENT,
) -> WatReader:
    """The pages a Common Crawl WAT file describes: a :class:`WatReader` (an iterator
    of :class:`WatPage`, with :attr:`~WatReader.stats` and :attr:`~WatReader.issues`).

    *agent* chooses the crawler whose robots rules (``Head.Metas``, ``X-Robots-Tag``)
    decide :attr:`WatLink.followed`; *registry* and *extractor* serve as in
    :func:`~backlinkkit.extract_links`; *max_content* caps one record's JSON.  Raises
    as :func:`read_warc` does.
    """
    return WatReader(
        source,
        engine=engine,
        agent=agent,
        registry=registry,
        extractor=extractor,
        max_content=max_content,
    )
