"""The one way backlinkkit writes numbers, durations and plain-text grids.

>>> number(0), number(1234.5678), number(0.000123), number(2.5e7)
('0', '1235', '0.000123', '2.5e+07')
>>> hours(1.5), hours(0.25), hours(72)
('1.5 h', '15 min', '3 d')
>>> print(grid(("name", "n"), [("a", "1"), ("bb", "22")], width=40, right=(1,)))
name   n
----  --
a      1
bb    22
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["count", "cut", "cut_middle", "grid", "hours", "number"]


def number(value: float) -> str:
    """Four significant digits; scientific notation below 0.001 and from 1e6 on."""
    if value == 0:
        return "0"
    if abs(value) >= 1e6 or abs(value) < 1e-3:
        return f"{value:.3g}"
    return f"{value:.4g}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """*n* and *noun*, in the plural unless *n* is 1 (``noun + "s"`` unless *plural*).

    >>> count(1, "referring domain"), count(3, "backlink"), count(0, "entry", "entries")
    ('1 referring domain', '3 backlinks', '0 entries')
    """
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def hours(value: float) -> str:
    """A duration given in hours, in minutes, hours or days as fits."""
    if value < 1:
        return f"{value * 60:.3g} min"
    if value < 48:
        return f"{value:.3g} h"
    return f"{value / 24:.3g} d"


def cut(text: str, width: int) -> str:
    """*text* cut to *width* characters, ending in "…" when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def cut_middle(text: str, width: int) -> str:
    """*text* cut to *width* characters in the middle ("…" stands for what was cut)."""
    if len(text) <= width:
        return text
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head) :]


def grid(
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    *,
    width: int,
    right: tuple[int, ...] = (),
    flex: tuple[int, ...] = (-1, 0),
    middle: tuple[int, ...] = (),
) -> str:
    """A plain-text grid whose *flex* columns are cut (with "…"), first ones first, so that
    lines fit *width*; *middle* columns are cut in the middle; *right* columns align right."""
    cols = len(header)
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(cols)]
    excess = sum(widths) + 2 * (cols - 1) - width
    for i in (i % cols for i in flex):  # in priority order, down to 14 characters each
        cut_by = min(max(excess, 0), max(widths[i] - 14, 0))
        widths[i] -= cut_by
        excess -= cut_by

    def line(cells: tuple[str, ...]) -> str:
        out = []
        for i, cell in enumerate(cells):
            cell = (cut_middle if i in middle else cut)(cell, widths[i])
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])
