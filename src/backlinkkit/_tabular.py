"""Mechanics shared by the readers of input files (analytics exports, ranks files).

Opening a path or a stream, decoding text by its byte-order mark, naming the file
in messages, reading counts with thousands separators, and the value that records
one row's problem (:class:`RowError`).

>>> parse_count("1,234"), parse_count("12 345"), parse_count("7")
(1234, 12345, 7)
>>> decode_text(b"\\xef\\xbb\\xbfa,b", "x.csv")
'a,b'
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from os import PathLike
from typing import IO, Any

import attrs

from ._validate import integer, optional, text
from .errors import InputFormatError, MissingDependencyError

__all__ = [
    "RowError",
    "decode_text",
    "file_name",
    "open_binary",
    "parse_count",
    "read_bytes",
    "to_dataframe",
]

_GROUPED = re.compile(r"[0-9]{1,3}(?P<sep>[,. \u00a0\u202f'])[0-9]{3}(?:(?P=sep)[0-9]{3})*")
_PLAIN = re.compile(r"[0-9]+")


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


def file_name(source: object) -> str:
    """The name used in messages: the path, else the stream's ``name``, else ``<stream>``."""
    if isinstance(source, (str, PathLike)):
        path = os.fspath(source)
        return path if isinstance(path, str) else os.fsdecode(path)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


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


def decode_text(data: bytes, name: str) -> str:
    """*data* decoded: UTF-8 (a BOM is dropped), or UTF-16 when it starts with a UTF-16 BOM
    (spreadsheet "Unicode text" exports); anything else raises :class:`InputFormatError`."""
    codec = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputFormatError(
            f"{name}: not {codec.removesuffix('-sig').upper()} text "
            f"(byte {data[exc.start : exc.start + 1]!r} at offset {exc.start})",
            file=name,
        ) from None


def parse_count(cell: str) -> int:
    """A non-negative whole number written with or without thousands separators
    (``,`` ``.`` space, no-break space, narrow no-break space or ``'``, in groups of three).

    Raises ``ValueError`` with a short reason otherwise (the caller names file and line).
    """
    value = cell.strip()
    if _PLAIN.fullmatch(value):
        return int(value)
    match = _GROUPED.fullmatch(value)
    if match:
        return int(value.replace(match.group("sep"), ""))
    if re.fullmatch(r"[0-9]+\.0+", value):  # "12.0": a count written as a float
        return int(value.partition(".")[0])
    raise ValueError(f"{cell!r} is not a whole number")


def to_dataframe(records: list[dict[str, Any]], columns: list[str], owner: str) -> Any:
    """*records* as a pandas DataFrame; :class:`MissingDependencyError` without pandas."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            f'{owner}.to_dataframe needs pandas: pip install "backlinkkit[pandas]"'
        ) from None
    return pd.DataFrame(records, columns=columns)
