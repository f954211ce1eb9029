"""How an export file is opened, decoded and split into records (private mechanics of
:mod:`backlinkkit.exports`).

* :func:`open_texts` turns a path or a file object into one :class:`Text` per CSV
  (a zip gives one per member): the encoding comes from the BOM (UTF-8, UTF-16LE,
  UTF-16BE), from the NUL-byte pattern of UTF-16 without a BOM, or by trying UTF-8
  line by line and falling back to Windows-1252 (what Excel writes) from the first
  line that is not UTF-8.  Lines are streamed, never the whole file at once.
* :func:`split_line` splits one line on a delimiter (for header sniffing).
* :class:`Records` yields ``(line, fields)`` or ``(line, column, problem)`` for each
  record after the header: quoted fields are read strictly (``"a"b`` is an error,
  not ``ab``), a record whose quote never closes is reported on its first line and
  the lines it swallowed are read again, so one bad row never hides the rest.

>>> for record in Records(iter(['a,"b",c\\n', '"x"y,2,3\\n', '4,5,6\\n']), ",", 1):
...     print(record)
(1, ['a', 'b', 'c'])
(2, 1, "text after the closing quote of a quoted field ('y')")
(3, ['4', '5', '6'])
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

import attrs

__all__ = [
    "NotAnExportError",
    "Records",
    "Text",
    "locate_problem",
    "open_texts",
    "split_line",
]

#: Extensions of zip members read as exports.
_MEMBER_EXTENSIONS = (".csv", ".tsv", ".txt")
_HEAD = 4096


class NotAnExportError(Exception):
    """Raised inside the reader; :mod:`backlinkkit.exports` turns it into its public error."""


@attrs.frozen(slots=True)
class Text:
    """One CSV inside the input: its name, how it was decoded, and its lines."""

    name: str
    #: The encoding it is being read in; for UTF-8 input that turns out not to be UTF-8,
    #: :attr:`fallback` holds the line from which Windows-1252 was used.
    encoding: str
    lines: Iterator[str]
    fallback: list[int] = attrs.field(factory=list)


def _detect(head: bytes) -> str | None:
    """``utf-8-sig``, ``utf-16`` (BOM), ``utf-16-le``/``utf-16-be`` (no BOM), or ``None``."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
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


def split_line(line: str, delimiter: str) -> list[str] | None:
    """The fields of one line, or ``None`` when it is not one well-formed record."""
    try:
        rows = list(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


def locate_problem(line: str, delimiter: str) -> tuple[int, str]:
    """The 1-based column of the first quoting problem in *line*, and what it is."""
    text = line.rstrip("\r\n")
    column = 1
    i = 0
    n = len(text)
    while i <= n:
        if i < n and text[i] == '"':
            j = i + 1
            while True:
                j = text.find('"', j)
                if j < 0:
                    return column, "a quoted field is not closed on its line"
                if j + 1 < n and text[j + 1] == '"':
                    j += 2
                    continue
                break
            after = j + 1
            if after < n and text[after] != delimiter:
                end = text.find(delimiter, after)
                extra = text[after : end if end >= 0 else n]
                return column, f"text after the closing quote of a quoted field ({extra[:20]!r})"
            i = after + 1
        else:
            end = text.find(delimiter, i)
            if end < 0:
                break
            i = end + 1
        column += 1
    return column, "not valid CSV"


class _Lines:
    """A line iterator that counts lines, remembers those of the current record and can
    take lines back."""

    __slots__ = ("_back", "_source", "line", "taken")

    def __init__(self, source: Iterator[str], line: int) -> None:
        self._source = source
        self._back: list[str] = []
        self.line = line
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = self._back.pop() if self._back else next(self._source)
        self.line += 1
        self.taken.append(text)
        return text

    def give_back(self) -> None:
        """Return every line of the current record but the first."""
        rest = self.taken[1:]
        self._back.extend(reversed(rest))
        self.line -= len(rest)
        del self.taken[1:]


class Records:
    """``(line, fields)`` for each record after the header, ``(line, column, problem)`` for
    each that is not valid CSV or has the wrong number of fields (the header's count is
    taken from the first record when *width* is ``None``); blank records are skipped."""

    def __init__(
        self, lines: Iterator[str], delimiter: str, line: int, width: int | None = None
    ) -> None:
        self._lines = _Lines(lines, line - 1)
        self._reader = csv.reader(self._lines, delimiter=delimiter, strict=True)
        self._delimiter = delimiter
        self._width = width

    def __iter__(self) -> Iterator[tuple[int, list[str]] | tuple[int, int, str]]:
        lines = self._lines
        reader = self._reader
        width = self._width
        while True:
            lines.taken.clear()
            start = lines.line + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                first = lines.taken[0] if lines.taken else ""
                if len(lines.taken) > 1:
                    lines.give_back()
                column, problem = locate_problem(first, self._delimiter)
                if problem == "not valid CSV":
                    problem = str(exc)
                yield (start, column, problem)
                continue
            if width is None:
                width = len(fields)
            if len(fields) == width:
                if any(fields):  # else only delimiters: blank
                    yield (start, fields)
                continue
            if not "".join(fields).strip():  # a blank or whitespace-only line
                continue
            if len(lines.taken) > 1:  # a quote that never closed swallowed the lines after it
                first = lines.taken[0]
                lines.give_back()
                column, problem = locate_problem(first, self._delimiter)
                yield (start, column, problem)
                continue
            problem = (
                f"{len(fields)} field{'s' if len(fields) != 1 else ''} where the header has {width}"
            )
            yield (start, min(len(fields), width) + 1, problem)


def _member_names(archive: zipfile.ZipFile, name: str) -> list[str]:
    names = [i.filename for i in archive.infolist() if not i.is_dir()]
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        raise NotAnExportError(f"{name}: an Excel workbook (.xlsx); export the report as CSV")
    chosen = [
        n
        for n in names
        if n.lower().endswith(_MEMBER_EXTENSIONS)
        and not n.startswith("__MACOSX/")
        and not os.path.basename(n).startswith(".")
    ]
    if not chosen:
        shown = ", ".join(names[:5]) or "nothing"
        raise NotAnExportError(
            f"{name}: a zip without any .csv, .tsv or .txt file (it holds {shown})"
        )
    return chosen


def open_texts(source: Any, name: str) -> Iterator[Text]:
    """One :class:`Text` per CSV in *source* (a path or a binary file object)."""
    if isinstance(source, (str, os.PathLike)):
        if "\x00" in os.fsdecode(source):  # open() would raise a bare ValueError
            raise NotAnExportError(f"{name}: cannot open: not a file name")

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
        raise NotAnExportError(f"{name}: a damaged zip file ({exc})") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise NotAnExportError(f"{name}: a zip this reader cannot open ({exc})") from None


def _member_text(archive: zipfile.ZipFile, member: str, name: str) -> Text:
    # Members are decompressed into memory one at a time: zip streams cannot be re-read.
    data = archive.read(member)

    def opener() -> IO[bytes]:
        return io.BytesIO(data)

    return _text(name, opener)
