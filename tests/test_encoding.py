"""backlinkkit.encoding: the WHATWG encoding sniffing order, and header handling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit.encoding import decode_html, header_values, normalize_headers
from backlinkkit.errors import InvalidInputError

# Each row follows the WHATWG HTML "encoding sniffing algorithm" (§13.2.3.2):
# BOM, then the transport-layer charset, then the <meta> prescan, then the
# default (windows-1252 for unknown locales), with labels per the Encoding Standard.
CASES = [
    (b"\xef\xbb\xbfA", None, "A", "utf-8"),
    (b"\xff\xfeA\x00", None, "A", "utf-16le"),
    (b"\xfe\xff\x00A", None, "A", "utf-16be"),
    # The BOM wins over the header.
    (b"\xef\xbb\xbf\xc3\xa9", {"Content-Type": "text/html; charset=iso-8859-1"}, "é", "utf-8"),
    # The header wins over <meta>.
    (
        b'<meta charset="utf-8">\xe9',
        {"content-type": "text/html;charset=windows-1251"},
        '<meta charset="utf-8">й',
        "windows-1251",
    ),
    # Labels: latin1 and iso-8859-1 are windows-1252; shift-jis names shift_jis.
    (b"\xe9", {"Content-Type": 'text/html; charset="ISO-8859-1"'}, "é", "windows-1252"),
    (b"\x82\xa0", {"Content-Type": "text/html; charset=shift-jis"}, "あ", "shift_jis"),
    # <meta http-equiv> content, and <meta charset> both count in the prescan.
    (
        b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\xc1',
        None,
        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">а',
        "koi8-r",
    ),
    # A <meta> that declares UTF-16 means UTF-8 (the prescan rule).
    (b'<meta charset="utf-16"><p>\xc3\xa9', None, '<meta charset="utf-16"><p>é', "utf-8"),
    # An unknown label is ignored; the default applies.
    (b'<meta charset="bogus">\xe9', None, '<meta charset="bogus">é', "windows-1252"),
    # Nothing declared: windows-1252, with 0x80 as the euro sign.
    (b"\x80", None, "€", "windows-1252"),
    # Invalid UTF-8 becomes U+FFFD, never an exception.
    (b'<meta charset="utf-8">\xff', None, '<meta charset="utf-8">\ufffd', "utf-8"),
]


@pytest.mark.parametrize(("data", "headers", "text", "encoding"), CASES)
def test_decode_html(data: bytes, headers: dict[str, str] | None, text: str, encoding: str) -> None:
    assert decode_html(data, headers) == (text, encoding)


def test_meta_after_the_first_1024_bytes_is_not_seen() -> None:
    data = b" " * 1100 + b'<meta charset="utf-8">\xc3\xa9'
    assert decode_html(data)[1] == "windows-1252"


def test_windows_1252_undefined_bytes_map_to_c1_controls() -> None:
    # Encoding Standard index-windows-1252: 0x81, 0x8D, 0x8F, 0x90, 0x9D map to U+0081 ...
    assert decode_html(b"\x81\x8d\x8f\x90\x9d")[0] == "\x81\x8d\x8f\x90\x9d"


def test_headers_accept_mappings_and_pairs_and_keep_repeats() -> None:
    pairs = normalize_headers([("X-Robots-Tag", "noindex"), ("X-ROBOTS-TAG", "nofollow")])
    assert header_values(pairs, "x-robots-tag") == ("noindex", "nofollow")
    assert normalize_headers({"Content-Type": "text/html"}) == (("content-type", "text/html"),)
    assert normalize_headers(None) == ()


@pytest.mark.parametrize("bad", ["x-robots-tag: noindex", b"raw", [("only-name",)], [(1, "v")], 42])
def test_bad_headers_raise_a_type_error_naming_headers(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="headers") as info:
        normalize_headers(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048), st.one_of(st.none(), st.text(max_size=60)))
def test_decode_html_never_raises(data: bytes, content_type: str | None) -> None:
    headers = None if content_type is None else {"Content-Type": content_type}
    text, encoding = decode_html(data, headers)
    assert isinstance(text, str)
    assert encoding
