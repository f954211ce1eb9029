"""WARC mechanics behind :mod:`backlinkkit.archives`: the two engines and the HTTP layer.

The engines (FastWARC, warcio) only split the archive into records and
decompress them; both are asked for the raw record block
(``parse_http=False`` / ``no_record_parse=True``) so that the HTTP message is
parsed, de-chunked and content-decoded here, by one piece of code, whichever
engine read the file.  (FastWARC 2.0.1's own ``auto_decode="all"`` ends the
iteration silently after a chunked and gzip-encoded response, and
``auto_decode="content"`` fails on the same record; warcio decodes in its own
way again.)
"""

from __future__ import annotations

import importlib
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from .errors import MissingDependencyError

__all__ = [
    "ENGINES",
    "HTML_TYPES",
    "LEFT",
    "UNKNOWN_TYPES",
    "EngineError",
    "RawRecord",
    "decode_body",
    "mime_essence",
    "parse_http",
    "raw_records",
    "resolve_engine",
    "sniffs_html",
    "unread_tail",
]

#: The engine names :func:`resolve_engine` accepts besides ``"auto"``.
ENGINES = ("fastwarc", "warcio")

#: The WARC headers a record carries into :class:`RawRecord`, by their canonical spelling.
_WANTED = (
    "WARC-Type",
    "WARC-Record-ID",
    "WARC-Date",
    "WARC-Target-URI",
    "Content-Type",
    "Content-Length",
    "WARC-Truncated",
    "WARC-Refers-To-Target-URI",
    "WARC-Refers-To-Date",
    "WARC-Profile",
)

_EXTRA = "warc"
_HINT = f"install the {_EXTRA!r} extra: pip install 'backlinkkit[{_EXTRA}]'"


class EngineError(Exception):
    """The engine gave up on the archive (the public layer turns it into ArchiveFormatError)."""

    def __init__(self, offset: int | None, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


class RawRecord:
    """One record as an engine delivered it: offset, the WARC headers we use, the block."""

    __slots__ = ("block", "headers", "offset")

    def __init__(self, offset: int | None, headers: dict[str, str | None], block: bytes) -> None:
        self.offset = offset
        self.headers = headers
        self.block = block


def resolve_engine(engine: str) -> str:
    """``"auto"``: FastWARC when importable, else warcio; a named engine must be importable."""
    candidates = ENGINES if engine == "auto" else (engine,)
    for name in candidates:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    if engine == "auto":
        raise MissingDependencyError(
            f"reading WARC files needs FastWARC (or warcio as the fallback): {_HINT}"
        )
    extra = "pip install warcio" if engine == "warcio" else _HINT
    raise MissingDependencyError(f"engine={engine!r} is not installed: {extra}")


def _read_size(headers: dict[str, str | None], limit: int) -> int:
    """How much of a block to ask for: its declared length (a read of *limit* + 1 bytes
    makes the engines allocate that much for every record), at most *limit* + 1."""
    declared = headers["Content-Length"]
    if declared is not None and declared.strip().isdigit():
        return min(int(declared), limit) + 1
    return limit + 1


def raw_records(stream: BinaryIO, engine: str, limit: int) -> Iterator[RawRecord]:
    """The records of *stream*, each block read up to *limit* + 1 bytes."""
    if engine == "fastwarc":
        return _fastwarc_records(stream, limit)
    return _warcio_records(stream, limit)


def _fastwarc_records(stream: BinaryIO, limit: int) -> Iterator[RawRecord]:
    from fastwarc import stream_io
    from fastwarc.warc import ArchiveIterator

    # FastWARC 0.x raises its own StreamError (an Exception); 2.x raises OSError.
    failures: tuple[type[BaseException], ...] = (OSError, ValueError, EOFError, UnicodeError)
    own = getattr(stream_io, "FastWARCError", None)
    if isinstance(own, type) and issubclass(own, Exception):
        failures += (own,)
    offset: int | None = None
    try:
        # Not quirks_mode: in FastWARC 2.0.1 it skips bytes that are no record without a
        # word (and the records among them).  Strict mode raises on them instead.
        records: Any = iter(ArchiveIterator(stream, parse_http=False))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            offset = record.stream_pos
            get = record.headers.get
            headers = {name: get(name) for name in _WANTED}
            block = record.reader.read(_read_size(headers, limit))
            yield RawRecord(offset, headers, block)
    except failures as exc:
        raise EngineError(offset, f"FastWARC: {exc}") from exc


def _warcio_records(stream: BinaryIO, limit: int) -> Iterator[RawRecord]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset: int | None = None
    try:
        iterator: Any = ArchiveIterator(stream, no_record_parse=True)
        records = iter(iterator)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            get = record.rec_headers.get_header
            headers = {name: get(name) for name in _WANTED}
            block = record.raw_stream.read(_read_size(headers, limit))
            offset = iterator.get_record_offset()
            yield RawRecord(offset, headers, block)
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, UnicodeError, zlib.error) as exc:
        raise EngineError(offset, f"warcio: {exc}") from exc
    except (IndexError, KeyError, AttributeError, TypeError) as exc:
        # warcio's record loader indexes into header lines it did not check.
        raise EngineError(offset, f"warcio: {type(exc).__name__}: {exc}") from exc


def unread_tail(stream: BinaryIO, start: int, limit: int) -> tuple[int, str] | None:
    """Where an archive holds bytes after its last record that no engine delivered.

    Both engines can end quietly: at a gzip member cut short (a download cut
    off), and FastWARC after a record it could not parse (LF-only line ends).
    So the reader checks the tail itself, from *start* (the offset of the last
    record read, or 0): in a gzip file every member from there on must be whole;
    in a plain file nothing but whitespace may follow the last record's block.
    Returns ``(offset, what)`` of the first unread bytes, or ``None`` when the tail
    is sound, the stream cannot seek, or the tail is longer than *limit*.
    """
    try:
        size = stream.seek(0, 2) - start  # a read of limit bytes would allocate them all
        if not 0 <= size <= limit:
            return None
        stream.seek(start)
        data = stream.read(size)
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    if not isinstance(data, bytes):
        return None
    if data.startswith(b"\x1f\x8b"):
        return _gzip_tail(data, start)
    return _plain_tail(data, start)


_CONTENT_LENGTH = re.compile(rb"(?im)^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$")
_WHITESPACE = b"\r\n\t "


def _plain_tail(data: bytes, start: int) -> tuple[int, str] | None:
    if not data.strip(_WHITESPACE):
        return None
    crlf, lf = data.find(b"\r\n\r\n"), data.find(b"\n\n")
    ends = [(i, n) for i, n in ((crlf, 4), (lf, 2)) if i >= 0]
    if not ends:
        return start, "bytes that are no WARC record"
    end, size = min(ends)
    found = _CONTENT_LENGTH.search(data, 0, end + 1)
    if found is None:
        return start, "a record without Content-Length"
    rest = end + size + int(found.group(1))
    tail = data[rest:]
    if not tail.strip(_WHITESPACE):
        return None
    unread = rest + len(tail) - len(tail.lstrip(_WHITESPACE))
    return start + unread, f"{len(data) - unread} bytes that were not read as records"


def _gzip_tail(data: bytes, start: int) -> tuple[int, str] | None:
    view = memoryview(data)
    position = 0
    while position < len(data):
        if not view[position:].tobytes().strip(_WHITESPACE):
            return None
        decoder = zlib.decompressobj(31)
        rest = view[position:]
        try:
            while rest and not decoder.eof:
                decoder.decompress(rest, 1 << 20)
                rest = memoryview(decoder.unconsumed_tail)
        except zlib.error:
            return start + position, "bytes that are not a gzip member"
        if not decoder.eof:
            return start + position, "a gzip member cut short"
        position = len(data) - len(decoder.unused_data)
    return None


# ---------------------------------------------------------------------------------------------
# The HTTP layer


_STATUS_LINE = re.compile(rb"HTTP/\d+(?:\.\d+)?[ \t]+(\d{3})(?:[ \t]|$)")
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def parse_http(
    block: bytes,
) -> tuple[int, tuple[tuple[str, str], ...], bytes, list[str]] | str:
    """``(status, headers, body, warnings)`` of an HTTP response message, or why not.

    Header bytes are decoded as ISO-8859-1 (the lossless "isomorphic decode" of
    Fetch); obsolete line folding is joined with one space; a line that is not
    ``name: value`` is reported in the warnings.  Interim responses (``100
    Continue``, ``103 Early Hints``) recorded before the final one are passed over.
    """
    interim: list[str] = []
    while True:
        parsed = _parse_message(block)
        if isinstance(parsed, str):
            return parsed
        status, _headers, body, warnings = parsed
        if 100 <= status < 200 and status != 101 and body.startswith(b"HTTP/"):
            interim.append(f"an interim {status} response before the final one; passed over")
            block = body
            continue
        return (*parsed[:3], interim + warnings)


def _parse_message(
    block: bytes,
) -> tuple[int, tuple[tuple[str, str], ...], bytes, list[str]] | str:
    crlf = block.find(b"\r\n\r\n")
    lf = block.find(b"\n\n")
    if crlf < 0 and lf < 0:
        return "the HTTP header block has no end (no empty line)"
    if crlf < 0 or (0 <= lf < crlf):
        end, body_start = lf, lf + 2
    else:
        end, body_start = crlf, crlf + 4
    lines = block[:end].split(b"\n")
    status_line = lines[0].rstrip(b"\r")
    found = _STATUS_LINE.match(status_line)
    if found is None:
        return f"not an HTTP status line: {status_line[:80]!r}"
    warnings: list[str] = []
    headers: list[list[str]] = []
    for raw_line in lines[1:]:
        line = raw_line.rstrip(b"\r").decode("latin-1")
        if line[:1] in (" ", "\t") and headers:
            headers[-1][1] = (headers[-1][1] + " " + line.strip(" \t")).strip(" ")
            continue
        name, colon, value = line.partition(":")
        if not colon or not _TOKEN.fullmatch(name):
            warnings.append(f"HTTP header line {line[:80]!r} is not 'name: value'; ignored")
            continue
        headers.append([name, value.strip(" \t")])
    pairs = tuple((name, value) for name, value in headers)
    return int(found.group(1)), pairs, block[body_start:], warnings


def _codings(headers: tuple[tuple[str, str], ...], name: str) -> list[str]:
    values = [value for key, value in headers if key.lower() == name]
    return [c.strip(" \t").lower() for v in values for c in v.split(",") if c.strip(" \t")]


def decode_body(
    body: bytes, headers: tuple[tuple[str, str], ...], limit: int
) -> tuple[bytes, list[str], bool]:
    """Undo ``Transfer-Encoding`` then ``Content-Encoding``: ``(content, warnings, cut)``.

    *cut* is true when the decoded content was cut at *limit* bytes.  A coding
    that cannot be undone leaves the bytes as they are, with a warning; a body
    that is already decoded although a header says otherwise (some crawlers
    store it so) is kept as it is, with a warning.
    """
    warnings: list[str] = []
    cut = False
    for header in ("transfer-encoding", "content-encoding"):
        for coding in reversed(_codings(headers, header)):
            if coding == "identity":
                continue
            undone = True
            if coding == "chunked" and header == "transfer-encoding":
                body, warning = _dechunk(body)
            elif coding in ("gzip", "x-gzip", "deflate"):
                body, warning, over = _inflate(body, coding, limit)
                cut = cut or over
            elif coding == "br":
                body, warning = _unbrotli(body)
            else:
                warning = "not supported" + LEFT
            if warning:
                warnings.append(f"{header} {coding}: {warning}")
                undone = not warning.endswith(LEFT)
            if not undone:
                break
    if len(body) > limit:
        body, cut = body[:limit], True
    return body, warnings, cut


#: How a decoding warning ends when the bytes were left as they were.
LEFT = "; left as it is"

_CHUNK_SIZE = re.compile(rb"[ \t]*([0-9A-Fa-f]+)[ \t]*(?:;[^\r\n]*)?\r?\n")


def _dechunk(body: bytes) -> tuple[bytes, str | None]:
    parts: list[bytes] = []
    position = 0
    while True:
        if parts and position >= len(body):
            return b"".join(parts), "the body ends without the last chunk; kept what there is"
        found = _CHUNK_SIZE.match(body, position)
        if found is None:
            if not parts:
                return body, "the body is not chunked" + LEFT
            return b"".join(parts), f"bad chunk at byte {position}; kept the chunks before it"
        size = int(found.group(1), 16)
        start = found.end()
        if size == 0:
            return b"".join(parts), None
        chunk = body[start : start + size]
        parts.append(chunk)
        if len(chunk) < size:
            return b"".join(parts), "the body ends inside a chunk; kept what there is"
        position = start + size
        if body.startswith(b"\r\n", position):
            position += 2
        elif body.startswith(b"\n", position):
            position += 1


_BLOCK = 1 << 16


def _inflate(body: bytes, coding: str, limit: int) -> tuple[bytes, str | None, bool]:
    if coding == "deflate":
        # RFC 9110 says zlib-wrapped (RFC 1950 header: CM 8, FCHECK); browsers also take raw.
        wrapped = (
            len(body) >= 2 and body[0] & 0x0F == 8 and int.from_bytes(body[:2], "big") % 31 == 0
        )
        wbits = 15 if wrapped else -15
    else:
        if not body.startswith(b"\x1f\x8b"):
            return body, "the body is not gzip data" + LEFT, False
        wbits = 31
    decoder = zlib.decompressobj(wbits)
    parts: list[bytes] = []
    size = 0
    view = memoryview(body)
    for start in range(0, len(body), _BLOCK):
        try:
            out = decoder.decompress(view[start : start + _BLOCK], limit - size + 1)
        except zlib.error as exc:
            if not parts:
                return body, f"cannot be decoded ({exc})" + LEFT, False
            return b"".join(parts), f"broken after {size} bytes ({exc}); kept those", False
        parts.append(out)
        size += len(out)
        if size > limit or decoder.unconsumed_tail:
            return b"".join(parts)[:limit], None, True
        if decoder.eof:
            break
    if not decoder.eof:
        return b"".join(parts), "the compressed data ends early; kept what it gave", False
    return b"".join(parts), None, False


def _unbrotli(body: bytes) -> tuple[bytes, str | None]:
    try:
        brotli: Any = importlib.import_module("brotli")
    except ImportError:
        return body, "needs the 'brotli' package" + LEFT
    try:
        return brotli.decompress(body), None
    except Exception as exc:  # brotli.error is not an Exception subclass we can name portably
        return body, f"cannot be decoded ({exc})" + LEFT


# ---------------------------------------------------------------------------------------------
# MIME types


#: MIME essences read as HTML.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Supplied types that MIME Sniffing treats as no type at all (§7.1).
UNKNOWN_TYPES = ("unknown/unknown", "application/unknown", "*/*")
#: The HTML patterns of MIME Sniffing §7.1 "identifying a resource with an unknown MIME type",
#: each followed by a tag-terminating byte (SPACE or ``>``).
_HTML_PATTERNS = tuple(
    p.encode("ascii")
    for p in (
        "<!doctype html",
        "<html",
        "<head",
        "<script",
        "<iframe",
        "<h1",
        "<div",
        "<font",
        "<table",
        "<a",
        "<style",
        "<title",
        "<b",
        "<body",
        "<br",
        "<p",
        "<!--",
    )
)


def mime_essence(value: str | None) -> str | None:
    """``type/subtype`` of a ``Content-Type`` value, lower-cased; ``None`` when empty."""
    if value is None:
        return None
    essence = value.partition(";")[0].strip(" \t\r\n").lower()
    return essence or None


def sniffs_html(body: bytes) -> bool:
    """Whether MIME Sniffing's unknown-type rules would call *body* ``text/html``."""
    head = body[:512].lstrip(b"\t\n\x0c\r ").lower()
    for pattern in _HTML_PATTERNS:
        if head.startswith(pattern) and head[len(pattern) : len(pattern) + 1] in (b" ", b">"):
            return True
    return False
