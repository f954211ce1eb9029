"""Cell readers for input tables: counts with thousands separators, 0-100 metrics, yes/no
flags, the date forms vendors and analytics tools write, and rel tokens.  Each reader
returns the value (the lenient ones ``None`` for an empty or "unknown" cell), or raises
:class:`CellError` (a ``ValueError``) saying what is wrong; the caller names file, line
and column.

>>> count("1,240"), count("1.240"), count("1 240"), count(""), count("12")
(1240, 1240, 1240, None, 12)
>>> whole("12 345"), whole("7"), whole("12.0")
(12345, 7, 12)
>>> metric("45"), metric("45,5"), metric("12%"), metric("-")
(45, 45.5, 12, None)
>>> flag("TRUE"), flag("-"), flag("+"), flag("")
(True, False, True, None)
>>> [str(day(t)) for t in ("2026-09-15 07:02:36", "Sep 15, 2026", "28/09/2026", "15.09.2026",
...                        "15 sept. 2026", "15 de septiembre de 2026", "09/28/2026")]
['2026-09-15', '2026-09-15', '2026-09-28', '2026-09-15', '2026-09-15', '2026-09-15', '2026-09-28']
>>> compact_date("2024060113"), compact_date("2024-06-01")
((datetime.date(2024, 6, 1), 13), (datetime.date(2024, 6, 1), None))
"""

from __future__ import annotations

import re
from datetime import date

from .._infra import ascii_lower, split_ascii_whitespace

__all__ = [
    "UNKNOWN",
    "CellError",
    "compact_date",
    "count",
    "day",
    "flag",
    "metric",
    "rel_tokens",
    "whole",
]


class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


#: Cells that mean "the vendor does not know" (read as ``None``, not as an error).
UNKNOWN = frozenset({"", "-", "—", "–", "n/a", "na", "null", "none", "(not set)"})

_INT = re.compile(r"\d+")
# 1,240 / 1.240 / 1 240 / 1'240 (each group three digits, one separator throughout).
_GROUPED = re.compile(r"\d{1,3}(?:([,.\u00a0\u202f' ])\d{3})(?:\1\d{3})*")
_POINT_ZERO = re.compile(r"\d+\.0+")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")


def _unknown(cell: str) -> bool:
    return cell in UNKNOWN or ascii_lower(cell) in UNKNOWN


def whole(cell: str) -> int:
    """A non-negative whole number, with or without thousands separators (``,`` ``.``
    space, no-break space, narrow no-break space or ``'``, one throughout, in groups of
    three), or written as a float with a zero fraction (``12.0``)."""
    value = cell.strip()
    if _INT.fullmatch(value):
        return int(value)
    match = _GROUPED.fullmatch(value)
    if match:
        return int(value.replace(match.group(1), ""))
    if _POINT_ZERO.fullmatch(value):
        return int(value.partition(".")[0])
    raise CellError(f"{cell!r} is not a whole number")


def count(cell: str) -> int | None:
    """:func:`whole`, or ``None`` for an empty or unknown cell (:data:`UNKNOWN`)."""
    if _unknown(cell.strip()):
        return None
    return whole(cell.strip())


def metric(cell: str) -> int | float | None:
    """A score on the 0-100 scale (a decimal point or comma allowed, a trailing % too)."""
    cell = cell.strip().removesuffix("%").rstrip()
    if _unknown(cell):
        return None
    if not _DECIMAL.fullmatch(cell):
        raise CellError(f"{cell!r} is not a number")
    value = float(cell.replace(",", "."))
    if value > 100:
        raise CellError(f"{cell!r} is outside the 0-100 scale")
    return int(value) if value.is_integer() else value


_TRUE = frozenset({"true", "yes", "y", "1", "+", "x"})
_FALSE = frozenset({"false", "no", "n", "0", "-"})


def flag(cell: str) -> bool | None:
    """A vendor's yes/no: TRUE/FALSE, Yes/No, 1/0, +/-; empty is unknown."""
    cell = ascii_lower(cell.strip())
    if cell in _TRUE:
        return True
    if cell in _FALSE:
        return False
    if cell == "" or cell in UNKNOWN:
        return None
    raise CellError(f"{cell!r} is not a yes/no value")


def rel_tokens(cell: str) -> frozenset[str]:
    """The tokens of a ``rel`` value, ASCII-lowercased."""
    return frozenset(split_ascii_whitespace(ascii_lower(cell)))


# Month names and abbreviations (English, German, French, Spanish), without the dot.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan january januar janv janvier ene enero jän jänner",
        "feb february februar févr fév fevr février fevrier febrero",
        "mar march mär märz maerz mars marzo",
        "apr april avr avril abr abril",
        "may mai may mayo",
        "jun june juni juin junio",
        "jul july juli juil juillet julio",
        "aug august août aout ago agosto",
        "sep sept september septembre septiembre setiembre",
        "oct october okt oktober octobre octubre",
        "nov november novembre noviembre",
        "dec december dez dezember déc décembre decembre dic diciembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
del _number, _names, _name

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ,])")
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:$|[T ,])")
_NAMED_MDY = re.compile(r"([^\W\d_]+)\.? (\d{1,2}),? (\d{4})(?:$|[T ,])")
_NAMED_DMY = re.compile(r"(\d{1,2})\.? (?:de )?([^\W\d_]+)\.? (?:de )?(\d{4})(?:$|[T ,])")


def _make(year: int, month: int, dom: int, cell: str) -> date:
    try:
        return date(year, month, dom)
    except ValueError:
        raise CellError(f"{cell!r} is not a date") from None


def _month(name: str, cell: str) -> int:
    number = _MONTHS.get(name.casefold())
    if number is None:
        raise CellError(f"{cell!r} is not a date (unknown month {name!r})")
    return number


def day(cell: str) -> date | None:
    """A calendar date in the forms vendors write: ISO (a time after it is dropped),
    ``Sep 15, 2026``, ``15 Sep 2026``, ``15. September 2026``, ``15 de septiembre de 2026``,
    ``28/09/2026``, ``15.09.2026``.  Numeric day/month orders are read day first unless
    that is impossible (``09/28/2026`` is read month first)."""
    text = cell.strip()
    if _unknown(text):
        return None
    match = _ISO.match(text)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]), cell)
    match = _NUMERIC.match(text)
    if match:
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        if len(match[4]) == 2:
            year += 2000
        if second > 12 and first <= 12:
            first, second = second, first
        return _make(year, second, first, cell)
    match = _NAMED_MDY.match(text)
    if match:
        return _make(int(match[3]), _month(match[1], cell), int(match[2]), cell)
    match = _NAMED_DMY.match(text)
    if match:
        return _make(int(match[3]), _month(match[2], cell), int(match[1]), cell)
    raise CellError(f"{cell!r} is not a date")


def compact_date(cell: str) -> tuple[date, int | None]:
    """The date (and hour) of an analytics export's ``Date`` or ``Date + hour`` column:
    ``YYYYMMDD``, ``YYYYMMDDHH`` or ``YYYY-MM-DD``."""
    value = cell.strip()
    try:
        if re.fullmatch(r"[0-9]{8}", value):
            return date(int(value[:4]), int(value[4:6]), int(value[6:])), None
        if re.fullmatch(r"[0-9]{10}", value):
            hour = int(value[8:])
            if hour > 23:
                raise ValueError
            return date(int(value[:4]), int(value[4:6]), int(value[6:8])), hour
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value), None
    except ValueError:
        pass
    raise CellError(f"{cell!r} is not a date (YYYYMMDD, YYYYMMDDHH or YYYY-MM-DD)")
