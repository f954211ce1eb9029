"""CSV lines into records, each with the line it starts on, and the value of a row that
could not be read.

* :func:`split_line` splits one line on a delimiter (for header sniffing).
* :class:`Records` yields ``(line, fields)`` or ``(line, column, problem)`` for each
  record after the header: quoted fields are read strictly (``"a"b`` is an error,
  not ``ab``), a record whose quote never closes is reported on its first line and
  the lines it swallowed are read again, so one bad row never hides the rest.
* :class:`RowError` is one row that could not be read, naming file, line and column.
* :func:`read_table` reads a small comma-separated file whole, for the command line:
  every row with the line it starts on, or one :class:`InputFormatError` naming the
  file and line.

>>> for record in Records(iter(['a,"b",c\\n', '"x"y,2,3\\n', '4,5,6\\n']), ",", 1):
...     print(record)
(1, ['a', 'b', 'c'])
(2, 1, "text after the closing quote of a quoted field ('y')")
(3, ['4', '5', '6'])
>>> read_table(b"page,likes\\n\\nexample.org,3\\n", "e.csv")
[(3, {'page': 'example.org', 'likes': '3'})]
>>> read_table(b"page,likes\\nexample.org,3,4\\n", "e.csv")
Traceback (most recent call last):
  ...
backlinkkit.errors.InputFormatError: e.csv: line 2, column 3: 3 fields where the header has 2
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from os import PathLike
from typing import IO, Any

import attrs

from .._validate import integer, optional, text
from ..errors import InputFormatError
from .sniff import decode_text, file_name, read_bytes

__all__ = ["Records", "RowError", "locate_problem", "read_table", "split_line"]


@attrs.frozen(slots=True)
class RowError:
    """One line of an input file that could not be read (the rest of the file still loads)."""

    #: The file's name (its path, or ``"<stream>"`` / ``"<rows>"``).
    file: str = attrs.field(validator=text())
    #: The 1-based line number in the file (the row number for in-memory rows).
    line: int = attrs.field(validator=integer(1))
    #: The column (header name) at fault, or ``None`` when the whole row is.
    column: str | None = attrs.field(validator=optional(text()))
    #: What is wrong.
    message: str = attrs.field(validator=text())

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.column is not None:
            where += f": column {self.column!r}"
        return f"{where}: {self.message}"


def split_line(line: str, delimiter: str, *, strict: bool = True) -> list[str] | None:
    """The fields of one line, or ``None`` when it is not one well-formed record
    (*strict*: a quote inside an unquoted field, or text after a closing quote, is not)."""
    try:
        rows = list(csv.reader([line], delimiter=delimiter, strict=strict))
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
    taken from the first record when *width* is ``None``); blank records are skipped.
    With *pad*, a one-line record with fewer fields than *width* is filled with ``""``
    (a short row is read as empty trailing cells); more fields are still a problem."""

    def __init__(
        self,
        lines: Iterator[str],
        delimiter: str,
        line: int,
        width: int | None = None,
        *,
        pad: bool = False,
    ) -> None:
        self._lines = _Lines(lines, line - 1)
        self._reader = csv.reader(self._lines, delimiter=delimiter, strict=True)
        self._delimiter = delimiter
        self._width = width
        self._pad = pad

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
            if self._pad and len(fields) < width:
                yield (start, fields + [""] * (width - len(fields)))
                continue
            problem = (
                f"{len(fields)} field{'s' if len(fields) != 1 else ''} where the header has {width}"
            )
            yield (start, min(len(fields), width) + 1, problem)


def read_table(
    source: bytes | str | PathLike[str] | IO[Any], name: str | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a comma-separated file with a header line, each as ``(line, row)``:
    *line* the 1-based line the record starts on, *row* header text -> cell (a row with
    fewer cells than the header has ``""`` in the rest; blank lines are skipped).

    *source* is the file's content as ``bytes``, a path, or a file object; *name* names
    it in messages (default: the path, or the stream's name).  Decoding is UTF-8 (a BOM
    is dropped) or UTF-16 with a BOM.  An empty file, bytes that are not text, a header
    naming a column twice, a row with more cells than the header or a quoting error
    raise one :class:`~backlinkkit.errors.InputFormatError` naming the file and line.
    """
    if isinstance(source, (bytes, bytearray)):
        shown = name or "<bytes>"
        data: bytes | str = bytes(source)
    else:
        shown = name or file_name(source)
        data = read_bytes(source, shown)
    content = decode_text(data, shown) if isinstance(data, bytes) else data.lstrip("\ufeff")
    lines = iter(io.StringIO(content, newline=""))
    number = 0
    for number, raw in enumerate(lines, start=1):  # noqa: B007 - the header's line is used
        if raw.strip():
            break
    else:
        raise InputFormatError(f"{shown}: empty: no header line", file=shown)
    header = split_line(raw, ",")
    if header is None:
        column, problem = locate_problem(raw, ",")
        raise _error(shown, number, column, problem)
    for column, cell in enumerate(header, start=1):
        if cell in header[: column - 1]:
            first = header.index(cell) + 1
            raise _error(shown, number, column, f"the header names {cell!r} again (column {first})")
    rows: list[tuple[int, dict[str, str]]] = []
    for record in Records(lines, ",", number + 1, len(header), pad=True):
        if len(record) == 3:
            raise _error(shown, *record)
        line, fields = record
        rows.append((line, dict(zip(header, fields, strict=True))))
    return rows


def _error(name: str, line: int, column: int, problem: str) -> InputFormatError:
    return InputFormatError(
        f"{name}: line {line}, column {column}: {problem}", file=name, line=line
    )
