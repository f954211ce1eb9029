"""The one number-to-text rule, durations and the text grid."""

from __future__ import annotations

import pytest

from backlinkkit._format import cut, cut_middle, grid, hours, number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (0.0, "0"),
        (1, "1"),
        (850.0, "850"),
        (15.3, "15.3"),
        (1234.5678, "1235"),  # four significant digits
        (0.001, "0.001"),
        (0.000123, "0.000123"),  # below 1e-3: three significant digits, scientific when short
        (999_999.0, "1e+06"),
        (2.5e7, "2.5e+07"),
        (-42.125, "-42.12"),
    ],
)
def test_number(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.25, "15 min"), (1 + 1 / 3, "1.33 h"), (47.9, "47.9 h"), (48, "2 d"), (24 * 90, "90 d")],
)
def test_hours(value: float, text: str) -> None:
    assert hours(value) == text


def test_cut_and_cut_middle_keep_width() -> None:
    assert cut("abcdef", 6) == "abcdef"
    assert cut("abcdefg", 4) == "abc…"
    assert cut_middle("https://example.com/very/long", 11) == "https…/long"
    assert len(cut_middle("x" * 50, 20)) == 20


def test_grid_aligns_and_cuts_flex_columns_to_width() -> None:
    rows = [("https://example.com/" + "a" * 40, "1"), ("b", "22")]
    text = grid(("url", "n"), rows, width=30, right=(1,))
    lines = text.splitlines()
    assert lines[1].startswith("---")
    assert all(len(line) <= 30 for line in lines)
    assert lines[3].endswith("22")
    assert lines[2].split()[0].endswith("…")
