"""The WHATWG Infra code-point rules (https://infra.spec.whatwg.org/#ascii-whitespace)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlinkkit._infra import (
    ASCII_WHITESPACE,
    C0_CONTROL_OR_SPACE,
    ascii_lower,
    collapse_ascii_whitespace,
    split_ascii_whitespace,
    strip_ascii_whitespace,
)


def test_ascii_whitespace_is_the_five_code_points_infra_names() -> None:
    # Infra §4.6: "ASCII whitespace is U+0009 TAB, U+000A LF, U+000C FF, U+000D CR, or U+0020
    # SPACE."
    assert sorted(ASCII_WHITESPACE) == ["\t", "\n", "\x0c", "\r", " "]
    assert "\x0b" not in ASCII_WHITESPACE  # VT is not ASCII whitespace
    assert "\xa0" not in ASCII_WHITESPACE  # nor is NBSP


def test_c0_control_or_space_is_u0000_to_u0020() -> None:
    # Infra: "A C0 control or space is a C0 control or U+0020 SPACE" (C0: U+0000 to U+001F).
    assert "".join(map(chr, range(0x21))) == C0_CONTROL_OR_SPACE


@pytest.mark.parametrize(
    ("raw", "stripped", "collapsed", "split"),
    [
        ("", "", "", []),
        ("  a  ", "a", "a", ["a"]),
        ("\ta\n\x0cb\r ", "a\n\x0cb", "a b", ["a", "b"]),
        ("\xa0a\xa0", "\xa0a\xa0", "\xa0a\xa0", ["\xa0a\xa0"]),  # NBSP is kept
        ("a\x0bb", "a\x0bb", "a\x0bb", ["a\x0bb"]),  # so is VT
        ("nofollow  ugc", "nofollow  ugc", "nofollow ugc", ["nofollow", "ugc"]),
    ],
)
def test_strip_collapse_split(raw: str, stripped: str, collapsed: str, split: list[str]) -> None:
    assert strip_ascii_whitespace(raw) == stripped
    assert collapse_ascii_whitespace(raw) == collapsed
    assert split_ascii_whitespace(raw) == split


@pytest.mark.parametrize(
    ("raw", "lowered"),
    [
        ("NOFOLLOW", "nofollow"),
        (
            "\u0130",
            "\u0130",
        ),  # Infra's ASCII lowercase leaves non-ASCII alone (str.lower would not)
        ("\u212a", "\u212a"),  # KELVIN SIGN stays (str.lower gives "k")
        ("ÀB", "Àb"),
        ("abc", "abc"),
    ],
)
def test_ascii_lower_touches_only_a_to_z(raw: str, lowered: str) -> None:
    assert ascii_lower(raw) == lowered


@given(st.text())
def test_rules_agree_with_their_definitions(value: str) -> None:
    assert strip_ascii_whitespace(value) == value.strip("\t\n\x0c\r ")
    expected_lower = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in value)
    assert ascii_lower(value) == expected_lower
    tokens = split_ascii_whitespace(value)
    assert all(t and not any(c in ASCII_WHITESPACE for c in t) for t in tokens)
    assert collapse_ascii_whitespace(value) == " ".join(tokens)
