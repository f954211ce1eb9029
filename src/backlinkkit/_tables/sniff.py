"""How an input file is opened and decoded: paths and streams, byte-order marks, UTF-16
without a BOM, the UTF-8-then-Windows-1252 fallback, gzip streams and zip members.

* :func:`file_name` is the name messages use; :func:`open_binary` and :func:`read_bytes`
  open a path or take a stream (a missing file is an :class:`InputFormatError`).
* :func:`decode_text` decodes a whole file strictly: UTF-8 (a BOM dropped) or UTF-16
  with a BOM; anything else is an :class:`InputFormatError` naming the file and line.
* :func:`open_texts` turns a path or a file object into one :class:`Text` per CSV
  (a zip gives one per member), decoded leniently: the encoding comes from the BOM
  (UTF-8, UTF-16LE, UTF-16BE), from the NUL-byte pattern of UTF-16 without a BOM, or
  by trying UTF-8 line by line and falling back to Windows-1252 (what Excel writes)
  from the first line that is not UTF-8.  Lines are streamed, never the whole file.
* :func:`byte_lines` streams a file's lines as bytes, gunzipped when it is gzip.

>>> decode_text(b"\\xef\\xbb\\xbfa,b", "x.csv")
'a,b'
>>> decode_text(b"a\\nb\\x80\\n", "x.csv")
Traceback (most recent call last):
  ...
backlinkkit.errors.InputFormatError: x.csv: line 2: not UTF-8 text (byte b'\\x80' at offset 3)
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from os import PathLike
from typing import IO, Any

import attrs

from ..errors import InputFormatError

__all__ = [
    "Text",
    "bom_encoding",
    "byte_lines",
    "decode_text",
    "file_name",
    "open_binary",
    "open_texts",
    "read_bytes",
]

#: Extensions of zip members read as tables.
_MEMBER_EXTENSIONS = (".csv", ".tsv", ".txt")
_HEAD = 4096
_GZIP_MAGIC = b"\x1f\x8b"


# ------------------------------------------------------------------ paths and streams


def file_name(source: object, default: str = "<stream>") -> str:
    """The name used in messages: the path, else the stream's ``name``, else *default*."""
    if isinstance(source, (str, PathLike)):
        path = os.fspath(source)
        return path if isinstance(path, str) else os.fsdecode(path)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else default


def open_binary(source: str | PathLike[str] | IO[Any], name: str) -> IO[bytes]:
    """A binary stream for *source* (a path is opened; a text stream is re-encoded lazily)."""
    if isinstance(source, (str, PathLike)):
        try:
            return open(source, "rb")
        except OSError as exc:
            raise InputFormatError(f"{name}: cannot open: {exc.strerror}", file=name) from None
        except ValueError:  # a NUL byte: no file can have that name
            raise InputFormatError(f"{name}: cannot open: not a file name", file=name) from None
    if isinstance(source, io.TextIOBase):
        return _TextAsBytes(source)
    return source


class _TextAsBytes(io.RawIOBase):
    """A text stream seen as UTF-8 bytes (for readers that decode themselves)."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self._lines: Iterator[str] = iter(stream)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._buffer:
            line = next(self._lines, None)
            if line is None:
                return 0
            self._buffer = line.encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self._buffer))
        buffer[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def read_bytes(source: str | PathLike[str] | IO[Any], name: str) -> bytes | str:
    """The whole content of *source*: ``str`` when it is a text stream, else ``bytes``."""
    if isinstance(source, io.TextIOBase):
        return source.read()
    stream = open_binary(source, name)
    try:
        data = stream.read()
    finally:
        if isinstance(source, (str, PathLike)):
            stream.close()
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray)):
        raise InputFormatError(f"{name}: the stream returned {type(data).__name__}", file=name)
    return bytes(data)


class _Prefixed(io.RawIOBase):
    """*head* followed by the rest of *stream* (to peek at a stream that cannot seek)."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        return len(data)


def byte_lines(stream: IO[bytes], name: str) -> Iterator[bytes]:
    """The stream's lines as bytes, gunzipped when it starts with the gzip magic number
    (a corrupt or cut-short gzip stream is an :class:`InputFormatError` naming the line)."""
    head = stream.read(2)
    if not isinstance(head, bytes):
        raise InputFormatError(f"{name}: expected a binary stream", file=name)
    raw: IO[bytes] = io.BufferedReader(_Prefixed(head, stream))
    if head == _GZIP_MAGIC:
        raw = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    line = 0
    try:
        for line, data in enumerate(raw, start=1):  # noqa: B007 - line is reported on failure
            yield data
    except (OSError, EOFError, zlib.error) as exc:
        raise InputFormatError(
            f"{name}: line {line + 1}: the gzip stream is corrupt or cut short ({exc})",
            file=name,
            line=line + 1,
        ) from None


# ------------------------------------------------------------------------- encodings


def bom_encoding(head: bytes) -> str | None:
    """``utf-8-sig`` or ``utf-16`` when *head* starts with that byte-order mark, else ``None``."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def decode_text(data: bytes, name: str) -> str:
    """*data* decoded: UTF-8 (a BOM is dropped), or UTF-16 when it starts with a UTF-16 BOM
    (spreadsheet "Unicode text" exports); anything else raises :class:`InputFormatError`
    naming the file and the line of the first byte that is not text."""
    codec = "utf-16" if bom_encoding(data) == "utf-16" else "utf-8-sig"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, "replace").count("\n") + 1
        raise InputFormatError(
            f"{name}: line {line}: not {codec.removesuffix('-sig').upper()} text "
            f"(byte {data[exc.start : exc.start + 1]!r} at offset {exc.start})",
            file=name,
            line=line,
        ) from None


def _detect(head: bytes) -> str | None:
    """``utf-8-sig``, ``utf-16`` (BOM), ``utf-16-le``/``utf-16-be`` (no BOM), or ``None``."""
    found = bom_encoding(head)
    if found is not None:
        return found
    sample = head[:512]
    if len(sample) >= 4:
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        half = len(sample) // 2
        # ASCII text in UTF-16 has a NUL in every other byte and none in the others.
        if odd >= 0.9 * half and even <= 0.05 * half:
            return "utf-16-le"
        if even >= 0.9 * half and odd <= 0.05 * half:
            return "utf-16-be"
    return None


@attrs.frozen(slots=True)
class Text:
    """One CSV inside the input: its name, how it was decoded, and its lines."""

    name: str
    #: The encoding it is being read in; for UTF-8 input that turns out not to be UTF-8,
    #: :attr:`fallback` holds the line from which Windows-1252 was used.
    encoding: str
    lines: Iterator[str]
    fallback: list[int] = attrs.field(factory=list)


def _utf8_lines(
    opener: Callable[[], IO[bytes]], fallback: list[int], strip_bom: bool
) -> Iterator[str]:
    """Decode line by line: UTF-8 until a line is not, then Windows-1252 (Latin-1 for the
    five bytes Windows-1252 leaves undefined)."""
    with opener() as stream:
        yield from _decode_utf8(stream, fallback, strip_bom)


def _decode_utf8(stream: IO[bytes], fallback: list[int], strip_bom: bool) -> Iterator[str]:
    utf8 = True
    number = 0
    lines: Any = stream
    head = stream.read(_HEAD)
    if b"\r" in head and b"\n" not in head:  # classic Mac line ends
        data = head + stream.read()
        lines = data.splitlines(keepends=True)
    else:
        stream.seek(0)
        lines = stream
    for raw in lines:
        number += 1
        if number == 1 and strip_bom and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if utf8:
            try:
                yield raw.decode("utf-8")
                continue
            except UnicodeDecodeError:
                utf8 = False
                fallback.append(number)
        try:
            yield raw.decode("cp1252")
        except UnicodeDecodeError:
            yield raw.decode("latin-1")


def _text(name: str, opener: Callable[[], IO[bytes]]) -> Text:
    with opener() as probe:
        head = probe.read(_HEAD)
    encoding = _detect(head)
    if encoding is not None and encoding.startswith("utf-16"):
        if encoding == "utf-16":
            shown = ("utf-16-le" if head[:1] == b"\xff" else "utf-16-be") + " (BOM)"
        else:
            shown = encoding
        return Text(name, shown, _utf16_lines(opener, encoding))
    fallback: list[int] = []
    lines = _utf8_lines(opener, fallback, strip_bom=encoding == "utf-8-sig")
    return Text(name, "utf-8 (BOM)" if encoding else "utf-8", lines, fallback)


def _utf16_lines(opener: Callable[[], IO[bytes]], encoding: str) -> Iterator[str]:
    # Undecodable code units become U+FFFD; the reader reports the rows they are in.
    with opener() as stream:
        wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        first = True
        for line in wrapper:
            if first:
                first = False
                line = line.removeprefix("\ufeff")
            yield line


# ------------------------------------------------------------------------------ zips


def _member_names(archive: zipfile.ZipFile, name: str) -> list[str]:
    names = [i.filename for i in archive.infolist() if not i.is_dir()]
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        raise InputFormatError(
            f"{name}: an Excel workbook (.xlsx); export the report as CSV", file=name
        )
    chosen = [
        n
        for n in names
        if n.lower().endswith(_MEMBER_EXTENSIONS)
        and not n.startswith("__MACOSX/")
        and not os.path.basename(n).startswith(".")
    ]
    if not chosen:
        shown = ", ".join(names[:5]) or "nothing"
        raise InputFormatError(
            f"{name}: a zip without any .csv, .tsv or .txt file (it holds {shown})", file=name
        )
    return chosen


def open_texts(source: Any, name: str) -> Iterator[Text]:
    """One :class:`Text` per CSV in *source* (a path or a binary file object); a zip
    that cannot be read is an :class:`InputFormatError`."""
    if isinstance(source, (str, os.PathLike)):
        if "\x00" in os.fsdecode(source):  # open() would raise a bare ValueError
            raise InputFormatError(f"{name}: cannot open: not a file name", file=name)

        def opener() -> IO[bytes]:
            return open(source, "rb")

    else:
        data = source.read()
        if isinstance(data, str):  # a text file object: already decoded
            yield Text(name, "text", iter(io.StringIO(data, newline="")))
            return
        if not isinstance(data, bytes):
            data = bytes(data)

        def opener() -> IO[bytes]:
            return io.BytesIO(data)

    with opener() as probe:
        magic = probe.read(4)
    if magic[:2] != b"PK":
        yield _text(name, opener)
        return
    try:
        with opener() as stream, zipfile.ZipFile(stream) as archive:
            for member in _member_names(archive, name):
                yield _member_text(archive, member, f"{name}/{member}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as exc:
        raise InputFormatError(f"{name}: a damaged zip file ({exc})", file=name) from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise InputFormatError(
            f"{name}: a zip this reader cannot open ({exc})", file=name
        ) from None


def _member_text(archive: zipfile.ZipFile, member: str, name: str) -> Text:
    # Members are decompressed into memory one at a time: zip streams cannot be re-read.
    data = archive.read(member)

    def opener() -> IO[bytes]:
        return io.BytesIO(data)

    return _text(name, opener)
