"""Tests for backlinkkit.rel.

Expected values come from /work/shared/reference/rel-and-robots.md (the row is
cited in a comment on each case): WHATWG HTML "Link types" (§4.6.8) and Infra
for the browser view, Google's "Qualify your outbound links" for the crawler
view, and the table of malformed values seen in the wild (§(d)).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit.errors import InvalidInputError
from backlinkkit.rel import QUALIFIERS, Rel, ascii_lower, parse_rel

# Infra: ASCII whitespace is exactly TAB, LF, FF, CR and SPACE.
ASCII_WHITESPACE = "\t\n\x0c\r "


def browser_tokens(value: str) -> tuple[str, ...]:
    """Oracle: Infra "split on ASCII whitespace", then ASCII lowercase, then de-duplicate.

    Written as the spec's character loop, independently of the module's regex.
    """
    tokens: list[str] = []
    current = ""
    for char in value:
        if char in ASCII_WHITESPACE:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += char
    if current:
        tokens.append(current)
    lowered = ["".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in t) for t in tokens]
    unique: list[str] = []
    for token in lowered:
        if token not in unique:
            unique.append(token)
    return tuple(unique)


def crawler_tokens(value: str) -> set[str]:
    """Oracle: Google's view, where a comma separates as well as ASCII whitespace."""
    result: set[str] = set()
    for chunk in value.split(","):
        result.update(browser_tokens(chunk))
    return result


# (value, tokens, nofollow, ugc, sponsored, warns)
CASES = [
    # §(d) row `rel="nofollow"`.
    ("nofollow", ("nofollow",), True, False, False, False),
    # §(d) row `REL="NoFollow"`; §A3 "Keywords are always ASCII case-insensitive".
    ("NoFollow", ("nofollow",), True, False, False, False),
    # §A3 example: rel="next" is the same as rel="NEXT".
    ("NEXT", ("next",), False, False, False, False),
    # §(d) row `rel=nofollow,noopener`: one browser token; Google reads the comma list.
    ("nofollow,noopener", ("nofollow,noopener",), True, False, False, False),
    # §(d) row `rel="ugc, nofollow"`: browser tokens {`ugc,`, `nofollow`}; Google ugc + nofollow.
    ("ugc, nofollow", ("ugc,", "nofollow"), True, True, False, False),
    # §(b) "space- or comma-separated list": rel="ugc nofollow" and rel="ugc,nofollow".
    ("ugc nofollow", ("ugc", "nofollow"), True, True, False, False),
    ("ugc,nofollow", ("ugc,nofollow",), True, True, False, False),
    # §(b) rel="sponsored" marks paid links.
    ("sponsored", ("sponsored",), False, False, True, False),
    ("Sponsored UGC NOFOLLOW", ("sponsored", "ugc", "nofollow"), True, True, True, False),
    # §(d) row `rel=\"nofollow\"` (escaped quotes leaked from a CMS): unknown token.
    ('\\"nofollow\\"', ('\\"nofollow\\"',), False, False, False, True),
    # §(d) row `rel='"nofollow"'`: unknown token.
    ('"nofollow"', ('"nofollow"',), False, False, False, True),
    # §(d) row typographic quotes: unknown token.
    ("\u201cnofollow\u201d", ("\u201cnofollow\u201d",), False, False, False, True),
    # §(d) row `rel="no-follow"`: not in WHATWG, not in Google docs.
    ("no-follow", ("no-follow",), False, False, False, True),
    # §(d) row `rel="dofollow"` / `rel="follow"`: no documented effect.
    ("dofollow", ("dofollow",), False, False, False, True),
    ("follow", ("follow",), False, False, False, True),
    # §(d) row NBSP: one token, not split (§A2 warns that str.split() is non-conformant).
    ("nofollow\u00a0noopener", ("nofollow\u00a0noopener",), False, False, False, True),
    # §A2: U+2003 EM SPACE is not ASCII whitespace either.
    ("nofollow\u2003ugc", ("nofollow\u2003ugc",), False, False, False, True),
    # §(d) row `rel="\tnofollow\nnoopener\x0cugc\r"`: all five ASCII whitespace split.
    ("\tnofollow\nnoopener\x0cugc\r", ("nofollow", "noopener", "ugc"), True, True, False, False),
    # §A7: CR arrives as LF; either way it separates.
    ("nofollow\rugc", ("nofollow", "ugc"), True, True, False, False),
    # §(d) row `rel` / `rel=""`: no keywords.
    ("", (), False, False, False, False),
    ("  \t ", (), False, False, False, False),
    # §A2 "a keyword must not be specified more than once" — processing keeps one.
    ("nofollow NOFOLLOW nofollow", ("nofollow",), True, False, False, False),
    # §A5: noopener / noreferrer / external / me are not SEO qualifiers.
    (
        "noopener noreferrer external me",
        ("noopener", "noreferrer", "external", "me"),
        False,
        False,
        False,
        False,
    ),
    # §A3: ASCII lowercase only -- U+212A KELVIN SIGN stays (str.lower() would give "k").
    ("\u212aNOFOLLOW", ("\u212anofollow",), False, False, False, False),
    # WHATWG parsing, unquoted attribute value state: "/" is appended, so
    # <a rel=nofollow/> gives "nofollow/"; no crawler documents reading it as nofollow.
    ("nofollow/", ("nofollow/",), False, False, False, True),
]


@pytest.mark.parametrize(("value", "tokens", "nofollow", "ugc", "sponsored", "warns"), CASES)
def test_parse_rel_table(
    value: str, tokens: tuple[str, ...], nofollow: bool, ugc: bool, sponsored: bool, warns: bool
) -> None:
    rel = parse_rel(value)
    assert rel.raw == value
    assert rel.tokens == tokens
    assert (rel.nofollow, rel.ugc, rel.sponsored) == (nofollow, ugc, sponsored)
    assert rel.qualifiers == {
        name
        for name, present in (("nofollow", nofollow), ("ugc", ugc), ("sponsored", sponsored))
        if present
    }
    assert rel.qualified == (nofollow or ugc or sponsored)
    assert bool(rel.warnings) == warns


def test_absent_attribute() -> None:
    # §A5 "The rel attribute has no default value": absent means no keywords.
    rel = parse_rel(None)
    assert rel.raw is None
    assert rel.tokens == ()
    assert rel.qualifiers == frozenset()
    assert not rel.qualified


@pytest.mark.parametrize(
    ("value", "expected_fragment"),
    [
        ('"nofollow"', "'nofollow'"),
        ("no-follow", "did you mean 'nofollow'?"),
        ("no_follow", "did you mean 'nofollow'?"),
        ("sponsor", "did you mean 'sponsored'?"),
        ("dofollow", "has no effect"),
        ("nofollow\u00a0noopener", "non-ASCII whitespace"),
    ],
)
def test_warning_names_the_token(value: str, expected_fragment: str) -> None:
    (warning,) = parse_rel(value).warnings
    assert repr(ascii_lower(value)) in warning
    assert expected_fragment in warning


def test_unknown_tokens_are_kept_without_warning() -> None:
    rel = parse_rel("bookmark tag license privacy-policy x-custom")
    assert rel.tokens == ("bookmark", "tag", "license", "privacy-policy", "x-custom")
    assert rel.warnings == ()


def test_str_joins_tokens() -> None:
    assert str(parse_rel("UGC\tNoFollow")) == "ugc nofollow"


def test_qualifiers_constant() -> None:
    # §(b): the three values Google documents.
    assert frozenset({"nofollow", "ugc", "sponsored"}) == QUALIFIERS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NoFollow", "nofollow"),
        ("\u0130", "\u0130"),  # LATIN CAPITAL I WITH DOT ABOVE: not A-Z, unchanged
        ("\u212a", "\u212a"),  # KELVIN SIGN: unchanged (str.lower() gives "k")
        ("ÀB", "Àb"),
        ("", ""),
    ],
)
def test_ascii_lower(value: str, expected: str) -> None:
    assert ascii_lower(value) == expected


@pytest.mark.parametrize("bad", [b"nofollow", 1, ["nofollow"]])
def test_parse_rel_rejects_non_text(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="rel="):
        parse_rel(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_rel(bad)  # type: ignore[arg-type]


def test_rel_is_frozen_and_validated() -> None:
    rel = parse_rel("nofollow")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rel.nofollow = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        Rel(raw=None, tokens=(1,), nofollow=False, ugc=False, sponsored=False)
    with pytest.raises(TypeError):
        Rel(raw=None, tokens=(), nofollow="yes", ugc=False, sponsored=False)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        Rel(raw=None, tokens="nofollow", nofollow=False, ugc=False, sponsored=False)
    with pytest.raises(TypeError):
        Rel(raw=None, tokens=(), nofollow=False, ugc=False, sponsored=False, warnings=(1,))


def test_values_keep_the_raw_text() -> None:
    # Same keywords, different source text: equal tokens, unequal values (raw differs).
    upper, lower = parse_rel("UGC nofollow"), parse_rel("ugc NOFOLLOW")
    assert upper.tokens == lower.tokens == ("ugc", "nofollow")
    assert upper != lower
    assert parse_rel("ugc") == parse_rel("ugc")
    assert hash(parse_rel("ugc")) == hash(parse_rel("ugc"))


# Text biased towards the characters that matter here.
rel_text = (
    st.text(
        alphabet=st.sampled_from(
            list("nofollwugcspred\"'/-,NOFUGCS")
            + list(ASCII_WHITESPACE)
            + ["\u00a0", "\u2003", "İ"]
        )
    )
    | st.text()
)


@settings(max_examples=200, deadline=None)
@given(rel_text)
def test_never_raises_and_matches_the_browser_split(value: str) -> None:
    rel = parse_rel(value)
    assert rel.tokens == browser_tokens(value)
    for token in rel.tokens:
        assert token
        assert not any(char in ASCII_WHITESPACE for char in token)
        assert ascii_lower(token) == token
    assert all(isinstance(w, str) for w in rel.warnings)


@settings(max_examples=200, deadline=None)
@given(rel_text)
def test_qualifier_flags_equal_comma_and_whitespace_membership(value: str) -> None:
    rel = parse_rel(value)
    crawler = crawler_tokens(value)
    assert rel.nofollow == ("nofollow" in crawler)
    assert rel.ugc == ("ugc" in crawler)
    assert rel.sponsored == ("sponsored" in crawler)
    assert rel.qualifiers == QUALIFIERS & crawler


@settings(max_examples=200, deadline=None)
@given(rel_text)
def test_parsing_the_tokens_again_is_stable(value: str) -> None:
    rel = parse_rel(value)
    assert parse_rel(" ".join(rel.tokens)).tokens == rel.tokens


# --- linear in the input -----------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param(lambda i: f"t{i} ", id="distinct tokens"),
        pytest.param(lambda i: f'"x{i}" ', id="stray characters"),
        pytest.param(lambda i: "no-follow ", id="look-alikes"),
        pytest.param(lambda i: f"t{i},", id="commas"),
    ],
)
def test_parse_rel_is_linear(unit: object) -> None:
    from tests.linearity import assert_linear

    def make(n: int) -> str:
        return "".join(unit(i) for i in range(n))  # type: ignore[operator]

    assert_linear(make, parse_rel, 4_000)
