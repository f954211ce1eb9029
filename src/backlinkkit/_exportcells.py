"""Cell readers for backlink exports (private to :mod:`backlinkkit.exports`): numbers with
thousands separators, 0-100 metrics, vendor flags, the date forms vendors write, and rel
tokens.  Each reader returns the value, ``None`` for an empty or "unknown" cell, or raises
:class:`CellError` saying what is wrong.

>>> count("1,240"), count("1.240"), count("1 240"), count(""), count("12")
(1240, 1240, 1240, None, 12)
>>> metric("45"), metric("45,5"), metric("12%"), metric("-")
(45, 45.5, 12, None)
>>> flag("TRUE"), flag("-"), flag("+"), flag("")
(True, False, True, None)
>>> [str(day(t)) for t in ("2026-09-15 07:02:36", "Sep 15, 2026", "28/09/2026", "15.09.2026",
...                        "15 sept. 2026", "15 de septiembre de 2026", "09/28/2026")]
['2026-09-15', '2026-09-15', '2026-09-28', '2026-09-15', '2026-09-15', '2026-09-15', '2026-09-28']
"""

from __future__ import annotations

import re
from datetime import date

from ._infra import ascii_lower, split_ascii_whitespace

__all__ = ["UNKNOWN", "CellError", "count", "day", "flag", "metric", "rel_tokens"]


class CellError(Exception):
    """A cell that cannot be read; the message says why."""


#: Cells that mean "the vendor does not know" (read as ``None``, not as an error).
UNKNOWN = frozenset({"", "-", "—", "–", "n/a", "na", "null", "none", "(not set)"})

_INT = re.compile(r"\d+")
# 1,240 / 1.240 / 1 240 / 1'240 (each group three digits, one separator throughout).
_GROUPED = re.compile(r"\d{1,3}(?:([,.\u00a0\u202f' ])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")


def _unknown(cell: str) -> bool:
    return cell in UNKNOWN or ascii_lower(cell) in UNKNOWN


def count(cell: str) -> int | None:
    """A non-negative whole number, thousands separators allowed."""
    cell = cell.strip()
    if _unknown(cell):
        return None
    if _INT.fullmatch(cell):
        return int(cell)
    match = _GROUPED.fullmatch(cell)
    if match:
        return int(cell.replace(match.group(1), ""))
    raise CellError(f"{cell!r} is not a whole number")


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
