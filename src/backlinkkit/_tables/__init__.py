"""The one tabular-input layer (private; part of the bottom layer): what every reader of
input files shares.

* :mod:`.sniff`: opening paths and streams, byte-order marks, UTF-16, the UTF-8 then
  Windows-1252 fallback, gzip streams and zip members;
* :mod:`.records`: strict CSV records with the line each starts on, :class:`RowError`
  (one unreadable row: file, line, column), and :func:`read_table` for the small CSVs
  of the command line;
* :mod:`.cells`: counts with thousands separators, 0-100 metrics, flags, dates, rel tokens;
* :mod:`.frame`: records as a pandas DataFrame (lazy import, the ``pandas`` extra).

Errors that concern the whole file are :class:`~backlinkkit.errors.InputFormatError`,
naming the file (and the line).
"""

from __future__ import annotations

from .cells import UNKNOWN, CellError, compact_date, count, day, flag, metric, rel_tokens, whole
from .frame import to_dataframe
from .records import Records, RowError, locate_problem, read_table, split_line
from .sniff import (
    Text,
    bom_encoding,
    byte_lines,
    decode_text,
    file_name,
    open_binary,
    open_texts,
    read_bytes,
)

__all__ = [
    "UNKNOWN",
    "CellError",
    "Records",
    "RowError",
    "Text",
    "bom_encoding",
    "byte_lines",
    "compact_date",
    "count",
    "day",
    "decode_text",
    "file_name",
    "flag",
    "locate_problem",
    "metric",
    "open_binary",
    "open_texts",
    "read_bytes",
    "read_table",
    "rel_tokens",
    "split_line",
    "to_dataframe",
    "whole",
]
