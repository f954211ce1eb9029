"""backlinkkit.headers: one header model (RFC 9110 field names and values).

Expected values follow RFC 9110: field names are case-insensitive tokens (§5.1),
a repeated field keeps its values in order (§5.3), field values are
historically ISO-8859-1 (§5.5); and the forms ``parse_robots`` documents
(docs/robots.md) for ``X-Robots-Tag`` values.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import encoding
from backlinkkit.errors import InvalidInputError
from backlinkkit.headers import (
    header_text,
    header_values,
    normalize_headers,
    x_robots_tag_values,
)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (None, ()),
        ({}, ()),
        ([], ()),
        ({"Content-Type": "text/html"}, (("content-type", "text/html"),)),
        (
            [("X-Robots-Tag", "noindex"), ("X-ROBOTS-TAG", "nofollow")],
            (("x-robots-tag", "noindex"), ("x-robots-tag", "nofollow")),
        ),
        # Surrounding ASCII whitespace is no part of a name; the value is kept as given.
        ([(" Content-Type\t", " text/html ")], (("content-type", " text/html "),)),
        # bytes are ISO-8859-1.
        (
            [(b"Content-Type", b"text/html; charset=\xe9")],
            (("content-type", "text/html; charset=é"),),
        ),
        # A list of values in a mapping is a repeated header, in order.
        (
            {"X-Robots-Tag": ["a", "b"], "Link": "c"},
            (("x-robots-tag", "a"), ("x-robots-tag", "b"), ("link", "c")),
        ),
        ([["Link", "c"]], (("link", "c"),)),
        (iter([("Link", "c")]), (("link", "c"),)),
        # Only ASCII letters are lowered (U+212A KELVIN SIGN is no "k").
        ([("\u212aeep", "v")], (("\u212aeep", "v"),)),
    ],
)
def test_normalize_headers(headers: Any, expected: tuple[tuple[str, str], ...]) -> None:
    assert normalize_headers(headers) == expected


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        ("x-robots-tag: noindex", "headers='x-robots-tag: noindex'"),
        (b"raw", "headers=b'raw'"),
        (42, "headers=42"),
        ([("only-name",)], "headers[0]=('only-name',)"),
        (["ab"], "headers[0]='ab'"),
        ([(1, "v")], "headers[0][0]=1"),
        ([("name", 1)], "headers[0][1]=1"),
        ({"name": 1}, "headers['name']=1"),
        ({"name": [None]}, "headers['name']=None"),
        ({1: "v"}, "headers[1]=1"),
    ],
)
def test_normalize_headers_rejects_wrong_types(headers: Any, fragment: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        normalize_headers(headers)
    assert str(info.value).startswith(fragment)
    assert isinstance(info.value, TypeError)


def test_header_values_are_those_of_one_header_in_order() -> None:
    pairs = normalize_headers(
        [("X-Robots-Tag", "noindex"), ("Content-Type", "text/html"), ("x-robots-tag", "none")]
    )
    assert header_values(pairs, "x-robots-tag") == ("noindex", "none")
    assert header_values(pairs, "X-Robots-Tag") == ("noindex", "none")
    assert header_values(pairs, "link") == ()


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        # The forms docs/robots.md lists for parse_robots(headers=...).
        ("noindex", ("noindex",)),
        (b"noindex\xe9", ("noindex\xe9",)),
        ([], ()),
        (["noindex", "googlebot: nofollow"], ("noindex", "googlebot: nofollow")),
        (("noindex",), ("noindex",)),
        ([b"noindex"], ("noindex",)),
        ([("X-Robots-Tag", "a"), ("Content-Type", "b"), (" x-robots-tag ", "c")], ("a", "c")),
        ([(b"X-Robots-Tag", b"a")], ("a",)),
        ({"X-Robots-Tag": "a", "Link": "b"}, ("a",)),
        ({"x-robots-tag": ["a", "b"]}, ("a", "b")),
        (iter(["a"]), ("a",)),
        # The values of other headers are not read: a wrong type there is no error.
        ([("Content-Length", 12), ("X-Robots-Tag", "a")], ("a",)),
        ({"Content-Length": 12, "X-Robots-Tag": "a"}, ("a",)),
    ],
)
def test_x_robots_tag_values(headers: Any, expected: tuple[str, ...]) -> None:
    assert x_robots_tag_values(headers) == expected


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        (None, "headers=None"),
        (3, "headers=3"),
        ([1], "headers[0]=1"),
        ([("x-robots-tag", 1)], "headers[0][1]=1"),
        ([(1, "noindex")], "headers[0][0]=1"),
        ({"x-robots-tag": [1]}, "headers['x-robots-tag']=1"),
        ([("a", "b", "c")], "headers[0]=('a', 'b', 'c')"),
    ],
)
def test_x_robots_tag_values_reject_wrong_types(headers: Any, fragment: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        x_robots_tag_values(headers)
    assert str(info.value).startswith(fragment)


def test_header_text() -> None:
    assert header_text("é", "f") == "é"
    assert header_text(b"\xe9", "f") == "é"
    assert header_text(bytearray(b"\xff"), "f") == "\xff"
    with pytest.raises(InvalidInputError, match=r"^f=1: expected str or bytes, got int"):
        header_text(1, "f")


def test_encoding_keeps_importing_the_header_model() -> None:
    # backlinkkit.encoding exported these before headers.py held them.
    assert encoding.normalize_headers is normalize_headers
    assert encoding.header_values is header_values


_TEXT = st.one_of(st.text(max_size=12), st.binary(max_size=12))
_ANYTHING = st.recursive(
    st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), _TEXT, st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=3),
    ),
    max_leaves=10,
)
_HEADERS = st.one_of(
    _ANYTHING,
    st.lists(st.tuples(_TEXT, _TEXT), max_size=4),
    st.lists(st.one_of(_TEXT, st.tuples(_ANYTHING, _ANYTHING)), max_size=4),
    st.dictionaries(st.text(max_size=8), st.one_of(_TEXT, st.lists(_TEXT, max_size=3)), max_size=3),
)


@settings(max_examples=500, deadline=None)
@given(_HEADERS)
def test_never_raises_but_invalid_input_error(headers: Any) -> None:
    for read in (normalize_headers, x_robots_tag_values):
        try:
            result = read(headers)
        except InvalidInputError:
            continue
        assert isinstance(result, tuple)
        for item in result:
            if isinstance(item, tuple):
                name, value = item
                assert isinstance(name, str)
                assert name == name.strip("\t\n\x0c\r ")
                assert not any("A" <= c <= "Z" for c in name)
                assert isinstance(value, str)
            else:
                assert read is x_robots_tag_values
                assert isinstance(item, str)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), max_size=5))
def test_pairs_keep_every_header_in_order(pairs: list[tuple[str | bytes, str | bytes]]) -> None:
    def text(value: str | bytes) -> str:
        return value if isinstance(value, str) else value.decode("latin-1")

    normalized = normalize_headers(pairs)  # type: ignore[arg-type]
    assert [value for _, value in normalized] == [text(value) for _, value in pairs]
    robots = [text(v) for n, v in pairs if text(n).strip("\t\n\x0c\r ").lower() == "x-robots-tag"]
    assert list(x_robots_tag_values(pairs)) == robots  # type: ignore[arg-type]
