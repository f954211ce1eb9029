"""backlinkkit.encoding: choosing and decoding a page's encoding as Chromium does.

Every expected encoding in :data:`SNIFFING` is Chromium's: ``test_chromium_agrees``
serves the same bytes to headless Chromium 156 and reads ``document.characterSet``
(see ``docs/encoding.md`` for the Blink sources each row follows).  The decoders
are checked byte by byte against Chromium's ``TextDecoder``.
"""

from __future__ import annotations

import doctest
import random
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest
import webencodings
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import _charset_scan
from backlinkkit import encoding as encoding_module
from backlinkkit.encoding import decode_html, header_values, normalize_headers
from backlinkkit.errors import InvalidInputError
from tests import browser

# --------------------------------------------------------------------------- decoding

# The WHATWG Encoding Standard's labels and decoders.
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
    (
        b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\xc1',
        None,
        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">а',
        "koi8-r",
    ),
    (b'<meta charset="utf-16"><p>\xc3\xa9', None, '<meta charset="utf-16"><p>é', "utf-8"),
    (b'<meta charset="bogus">\xe9', None, '<meta charset="bogus">é', "windows-1252"),
    # Nothing declared: windows-1252, with 0x80 as the euro sign.
    (b"\x80", None, "€", "windows-1252"),
    # Invalid UTF-8 becomes U+FFFD, never an exception.
    (b'<meta charset="utf-8">\xff', None, '<meta charset="utf-8">\ufffd', "utf-8"),
    # GBK decodes with the gb18030 decoder (Encoding Standard), so 4-byte sequences work.
    (b"\x81\x30\x81\x30", {"Content-Type": "text/html; charset=gbk"}, "\x80", "gbk"),
]


@pytest.mark.parametrize(("data", "headers", "text", "encoding"), CASES)
def test_decode_html(data: bytes, headers: dict[str, str] | None, text: str, encoding: str) -> None:
    assert decode_html(data, headers) == (text, encoding)


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


@pytest.mark.parametrize(("data", "url"), [("text", None), (None, None), (b"x", 42)])
def test_wrong_types_raise_invalid_input(data: object, url: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^(data|url)="):
        decode_html(data, None, url)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sniffing

URL = "https://example.com/page.html"
PAD = b"<!--" + b"x" * 1100 + b"-->"  # a comment that takes the scan past byte 1,024
KOI8 = b"<meta charset=koi8-r>"


def _at(position: int, before: bytes, tag: bytes = KOI8) -> bytes:
    """*before*, then spaces, then *tag* starting exactly at byte *position*."""
    return before + b" " * (position - len(before)) + tag


#: (id, bytes, Content-Type, URL, Chromium's document.characterSet).
SNIFFING: list[tuple[str, bytes, str, str, str]] = [
    # BOM, then the header, then the document.
    ("bom-utf-8", b"\xef\xbb\xbf" + KOI8, "text/html", URL, "UTF-8"),
    ("bom-utf-16le", b"\xff\xfe" + "<p>x".encode("utf-16le"), "text/html", URL, "UTF-16LE"),
    ("bom-beats-header", b"\xef\xbb\xbfx", "text/html; charset=koi8-r", URL, "UTF-8"),
    ("header-beats-meta", b"<meta charset=utf-8>", "text/html; charset=cp1251", URL,
     "windows-1251"),
    ("header-bogus-label", KOI8, "text/html; charset=bogus", URL, "KOI8-R"),
    ("header-utf-16", b"x", "text/html; charset=utf-16", URL, "UTF-16LE"),
    ("header-x-user-defined", b"x", "text/html; charset=x-user-defined", URL, "x-user-defined"),
    # An XML declaration counts at the very start only, and a <meta> overrides it.
    ("xml-declaration", b"<?xml version='1.0' encoding='koi8-r'?><p>x", "text/html", URL, "KOI8-R"),
    (
        "xml-declaration-then-meta",
        b'<?xml version="1.0" encoding="koi8-r"?><meta charset=iso-8859-2>',
        "text/html",
        URL,
        "ISO-8859-2",
    ),
    ("xml-declaration-late", b" <?xml version='1.0' encoding='koi8-r'?>", "text/html", URL,
     "windows-1252"),
    ("xml-declaration-utf-16", b"<?xml encoding='utf-16'?><p>", "text/html", URL, "UTF-8"),
    ("xml-declaration-spaced-label", b"<?xml encoding=' koi8-r'?><p>", "text/html", URL,
     "windows-1252"),
    ("xml-declaration-spaced", b"<?xml encoding\n=\n'koi8-r'?>", "text/html", URL, "KOI8-R"),
    ("xml-declaration-unquoted", b"<?xml encoding=koi8-r?><p>", "text/html", URL, "windows-1252"),
    # The <meta> forms.
    ("meta-charset", KOI8, "text/html", URL, "KOI8-R"),
    ("meta-upper-case", b"<META CHARSET='KOI8-R'>", "text/html", URL, "KOI8-R"),
    (
        "meta-http-equiv",
        b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">',
        "text/html",
        URL,
        "KOI8-R",
    ),
    (
        "meta-http-equiv-after-content",
        b"<meta content='text/html; charset=koi8-r' http-equiv=CONTENT-TYPE>",
        "text/html",
        URL,
        "KOI8-R",
    ),
    ("meta-content-alone", b"<meta content='text/html; charset=koi8-r'>", "text/html", URL,
     "windows-1252"),
    (
        "meta-charset-beats-content",
        b"<meta http-equiv=content-type content='charset=koi8-r' charset=iso-8859-2>",
        "text/html",
        URL,
        "ISO-8859-2",
    ),
    ("meta-last-charset-wins", b"<meta charset=bogus charset=koi8-r>", "text/html", URL,
     "KOI8-R"),
    ("meta-last-charset-bogus", b"<meta charset=koi8-r charset=bogus>", "text/html", URL,
     "windows-1252"),
    ("meta-bogus-then-valid", b"<meta charset=bogus>" + KOI8, "text/html", URL, "KOI8-R"),
    ("meta-char-reference", b"<meta charset='koi8&#45;r'>", "text/html", URL, "KOI8-R"),
    ("meta-unterminated-quote", b"<meta charset='koi8-r>" + KOI8, "text/html", URL,
     "windows-1252"),
    ("meta-utf-16-is-utf-8", b"<meta charset=utf-16le>", "text/html", URL, "UTF-8"),
    ("meta-x-user-defined", b"<meta charset=x-user-defined>", "text/html", URL, "windows-1252"),
    ("meta-replacement", b"<meta charset=iso-2022-kr>", "text/html", URL, "replacement"),
    # How far the scan reads: the whole head, and 1,024 bytes after it.
    ("after-1024-in-head", b"<html><head>" + PAD + KOI8, "text/html", URL, "KOI8-R"),
    (
        "after-1024-after-head-tags",
        b"<title>t</title><script>s</script><style>p{}</style><link rel=x><base href=/>"
        b"<object></object><noscript></noscript>" + PAD + KOI8,
        "text/html",
        URL,
        "KOI8-R",
    ),
    ("after-1024-after-body", b"<body>" + PAD + KOI8, "text/html", URL, "windows-1252"),
    ("after-1024-after-div", b"<div></div>" + PAD + KOI8, "text/html", URL, "windows-1252"),
    ("after-1024-after-end-head", b"<head></head>" + PAD + KOI8, "text/html", URL,
     "windows-1252"),
    ("after-1024-after-unknown", b"<foo-bar>" + PAD + KOI8, "text/html", URL, "windows-1252"),
    ("after-body-at-1023", _at(1023, b"<body>"), "text/html", URL, "KOI8-R"),
    ("after-body-at-1024", _at(1024, b"<body>"), "text/html", URL, "windows-1252"),
    ("far-in-head", b"<head><style>" + b"p{}" * 50_000 + b"</style>" + KOI8, "text/html", URL,
     "KOI8-R"),
    # What hides a <meta>: comments, raw text, attribute values, <plaintext>.
    ("in-comment", b"<!-- " + KOI8 + b" -->", "text/html", URL, "windows-1252"),
    ("after-comment", b"<!-- <p> --!>" + KOI8, "text/html", URL, "KOI8-R"),
    ("after-short-comment", b"<!-->" + KOI8 + b"-->", "text/html", URL, "KOI8-R"),
    ("in-bogus-comment", b"<? " + KOI8, "text/html", URL, "windows-1252"),
    ("in-title", b"<title>" + KOI8 + b"</title>", "text/html", URL, "windows-1252"),
    ("after-title", b"<title>x</titlex></title >" + KOI8, "text/html", URL, "KOI8-R"),
    ("in-textarea", b"<textarea>" + KOI8, "text/html", URL, "windows-1252"),
    ("in-script", b"<script>" + KOI8 + b"</script>", "text/html", URL, "windows-1252"),
    ("in-style", b"<style>" + KOI8 + b"</style>", "text/html", URL, "windows-1252"),
    ("in-noscript", b"<noscript>" + KOI8 + b"</noscript>", "text/html", URL, "KOI8-R"),
    (
        "in-script-double-escaped",
        b"<script><!--<script></script>" + KOI8 + b"--></script>",
        "text/html",
        URL,
        "windows-1252",
    ),
    ("after-script-escape", b"<script><!-- --></script>" + KOI8, "text/html", URL, "KOI8-R"),
    ("in-attribute", b"<link title='" + KOI8 + b"'>", "text/html", URL, "windows-1252"),
    ("in-plaintext", b"<plaintext>" + KOI8, "text/html", URL, "windows-1252"),
    # A <meta> the tree builder meets later does not change the encoding.
    ("tree-builder-meta", b"<body>" + PAD + b"<p>" + KOI8, "text/html", URL, "windows-1252"),
    # Nothing declared: windows-1252, or the host's country default for non-ASCII bytes.
    ("undeclared-ascii-ru", b"<p>hello", "text/html", "http://example.ru/", "windows-1252"),
    ("undeclared-utf-8-com", "<p>Don’t — ça".encode(), "text/html", URL, "windows-1252"),
    ("undeclared-utf-8-ru", "<p>привет, мир".encode(), "text/html", "http://example.ru/",
     "windows-1251"),
    ("undeclared-utf-8-jp", "<p>こんにちは".encode(), "text/html", "https://www.example.jp/",
     "Shift_JIS"),
]  # fmt: skip


def _headers(content_type: str) -> dict[str, str]:
    return {"Content-Type": content_type}


@pytest.mark.parametrize(
    ("data", "content_type", "url", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in SNIFFING],
)
def test_sniffing(data: bytes, content_type: str, url: str, expected: str) -> None:
    assert decode_html(data, _headers(content_type), url)[1] == expected.lower()


@pytest.fixture(scope="module")
def chromium() -> Iterator[browser.Chromium]:
    """One headless Chromium for this module (skipped when absent)."""
    executable = browser.chromium_executable()
    if executable is None:
        pytest.skip("Chromium not found: install Debian's chromium or set BACKLINKKIT_CHROMIUM")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[browser]')")
    with browser.Chromium(executable) as instance:
        yield instance


@pytest.mark.browser
@pytest.mark.parametrize(
    ("data", "content_type", "url", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in SNIFFING],
)
def test_chromium_agrees(
    chromium: browser.Chromium, data: bytes, content_type: str, url: str, expected: str
) -> None:
    assert chromium.load(url, data, content_type).charset == expected


#: Fragments for a differential test of the scan: tags, raw text, comments, quotes,
#: declarations valid and not, and padding that takes the scan past byte 1,024.
_SOUP = [b"<", b">", b"/", b"!", b"-", b"--", b"?", b"'", b'"', b"=", b" ", b"\n", b"&", b"#45;",
         b";", KOI8, b"<meta ", b"charset", b"=koi8-r", b"content='charset=iso-8859-2'",
         b"http-equiv=content-type", b"<script>", b"</script>", b"<title>", b"</title>",
         b"<style>", b"</style>", b"<textarea>", b"<body>", b"<head>", b"</head>", b"<!--",
         b"-->", b"--!>", b"</", b"<!DOCTYPE html>", b"<?x", b"<noscript>", b"<xmp>", b"<div>",
         b"<plaintext>", b"<script><!--", b"<a href='", b"x" * 300, b"<link rel=x>",
         b"<meta charset=utf-8>", b"<![CDATA[", b"]]>", b"<svg>", b"<iframe>", b"</iframe>",
]  # fmt: skip


@pytest.mark.browser
def test_scan_matches_chromium_on_tag_soup(chromium: browser.Chromium) -> None:
    rng = random.Random(2026)
    for _ in range(150):
        data = b"".join(rng.choice(_SOUP) for _ in range(rng.randrange(1, 40)))
        theirs = chromium.load(URL, data, "text/html").charset
        assert decode_html(data, _headers("text/html"))[1] == theirs.lower(), data


#: Blink's country-code defaults (text_resource_decoder_builder.cc kEncodings), by host.
DOMAIN_DEFAULTS = {
    "au": "windows-1252", "az": "ISO-8859-9", "bd": "windows-1252", "bg": "windows-1251",
    "br": "windows-1252", "ca": "windows-1252", "ch": "windows-1252", "cn": "GBK",
    "cz": "windows-1250", "de": "windows-1252", "dk": "windows-1252", "ee": "windows-1256",
    "eg": "windows-1257", "et": "windows-1252", "fi": "windows-1252", "fr": "windows-1252",
    "gb": "windows-1252", "gr": "ISO-8859-7", "hk": "Big5", "hr": "windows-1250",
    "hu": "ISO-8859-2", "il": "windows-1255", "ir": "windows-1257", "is": "windows-1252",
    "it": "windows-1252", "jp": "Shift_JIS", "kr": "windows-949", "lt": "windows-1256",
    "lv": "windows-1256", "mk": "windows-1251", "nl": "windows-1252", "no": "windows-1252",
    "pl": "ISO-8859-2", "pt": "windows-1252", "ro": "ISO-8859-2", "rs": "windows-1251",
    "ru": "windows-1251", "se": "windows-1252", "si": "ISO-8859-2", "sk": "windows-1250",
    "th": "windows-874", "tr": "ISO-8859-9", "tw": "Big5", "tz": "windows-1252",
    "ua": "windows-1251", "us": "windows-1252", "vn": "windows-1258", "xa": "windows-1252",
    "xb": "windows-1257", "com": "windows-1252", "uk": "windows-1252", "example": "windows-1252",
}  # fmt: skip
_UTF8_TEXT = "<p>Grüße, привет, こんにちは — “quoted”".encode()


def test_domain_defaults_apply_to_undeclared_non_ascii_pages() -> None:
    for tld, label in DOMAIN_DEFAULTS.items():
        expected = webencodings.lookup(label)
        assert expected is not None
        assert decode_html(_UTF8_TEXT, None, f"http://www.example.{tld}/")[1] == expected.name
        assert decode_html(b"<p>ascii", None, f"http://www.example.{tld}/")[1] == "windows-1252"


@pytest.mark.browser
def test_domain_defaults_match_chromium(chromium: browser.Chromium) -> None:
    for tld in DOMAIN_DEFAULTS:
        url = f"http://www.example.{tld}/"
        theirs = chromium.load(url, _UTF8_TEXT, "text/html").charset
        assert decode_html(_UTF8_TEXT, None, url)[1] == theirs.lower(), tld


# --------------------------------------------------------------------------- decoders

_SINGLE_BYTE = sorted(
    [
        "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
        "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13",
        "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u", "macintosh",
        "windows-874", "windows-1250", "windows-1251", "windows-1252", "windows-1253",
        "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258",
        "x-mac-cyrillic",
    ]
)  # fmt: skip
#: Encodings checked on random bytes: every byte sequence decodes as in Chromium.
_RANDOM_EXACT = ["utf-8", "utf-16le", "utf-16be", "x-user-defined", *_SINGLE_BYTE]
#: CJK encodings and the Python codec that encodes the sample text for them.
_CJK = {"gbk": "gbk", "gb18030": "gb18030", "shift_jis": "cp932", "euc-kr": "cp949",
        "euc-jp": "euc_jp", "iso-2022-jp": "iso2022_jp", "big5": "big5hkscs"}  # fmt: skip
#: A sample of text in every script the CJK encodings cover, and the code points where
#: their mappings are known to differ between vendors (¢ £ ¬ ‖ − 〜 ¥ ‾ •).
_CJK_SAMPLE = "".join(
    chr(code)
    for start, stop, step in [
        (0x20, 0x7F, 1), (0xA0, 0x250, 1), (0x370, 0x450, 1), (0x2010, 0x2030, 1),
        (0x2200, 0x2300, 1), (0x3000, 0x3100, 1), (0x3130, 0x3190, 1), (0x4E00, 0x9FA6, 7),
        (0xAC00, 0xD7A4, 11), (0xFF01, 0xFFA0, 1), (0xFFE0, 0xFFE7, 1),
    ]
    for code in range(start, stop, step)
)  # fmt: skip


def _ours(data: bytes, encoding: str) -> str:
    return decode_html(data, _headers(f"text/html; charset={encoding}"))[0]


def _text_decoder(chromium: browser.Chromium) -> Callable[[str, bytes], str]:
    chromium.load(URL, b"")  # TextDecoder in an ordinary page
    return chromium.text_decode


@pytest.mark.browser
def test_single_byte_decoders_match_chromium_on_every_byte(chromium: browser.Chromium) -> None:
    decode = _text_decoder(chromium)
    every = bytes(range(256))
    for encoding in _SINGLE_BYTE:
        assert _ours(every, encoding) == decode(encoding, every), encoding


@pytest.mark.browser
def test_decoders_match_chromium_on_random_bytes(chromium: browser.Chromium) -> None:
    decode = _text_decoder(chromium)
    rng = random.Random(12)
    for encoding in _RANDOM_EXACT:
        for _ in range(30):
            data = rng.randbytes(rng.randrange(1, 80))
            assert _ours(data, encoding) == decode(encoding, data), (encoding, data)


@pytest.mark.browser
@pytest.mark.parametrize(
    "encoding",
    [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=True, reason="Python's big5hkscs is not the "
                   "Standard's Big5 index; see docs/encoding.md")] if name == "big5" else [],
        )
        for name in _CJK
    ],
)  # fmt: skip
def test_cjk_decoders_match_chromium_on_text(chromium: browser.Chromium, encoding: str) -> None:
    decode = _text_decoder(chromium)
    data = _CJK_SAMPLE.encode(_CJK[encoding], "ignore")
    assert len(data) > 2_000
    assert _ours(data, encoding) == decode(encoding, data)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("gbk", b"a\x80b\x81\x80"),  # a lone 0x80 is the euro sign; 0x81 0x80 a pair
        ("gb18030", b"\x80\xff\x80"),
        ("shift_jis", b"\x80\xa0\xfd\xfe\xff\x82\xa0"),  # 0xA0, 0xFD..0xFF are errors
    ],
)
def test_cjk_single_byte_rules_match_chromium(
    chromium: browser.Chromium, encoding: str, data: bytes
) -> None:
    assert _ours(data, encoding) == _text_decoder(chromium)(encoding, data)


@pytest.mark.parametrize("module", [encoding_module, _charset_scan], ids=lambda m: m.__name__)
def test_module_examples(module: Any) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


# --------------------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048), st.one_of(st.none(), st.text(max_size=60)))
def test_decode_html_never_raises(data: bytes, content_type: str | None) -> None:
    headers = None if content_type is None else {"Content-Type": content_type}
    text, encoding = decode_html(data, headers, "http://example.ru/")
    assert isinstance(text, str)
    assert encoding


_PIECES = st.sampled_from(
    [b"<", b">", b"/", b"!", b"-", b"--", b"?", b"'", b'"', b"=", b" ", b"&", b"#", b";",
     b"meta", b"charset", b"koi8-r", b"utf-8", b"content", b"http-equiv", b"script", b"title",
     b"style", b"body", b"head", b"plaintext", b"<!--", b"-->", b"</", b"\x00", b"\xff", b"x"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=80).map(b"".join), st.binary(max_size=400)))
def test_scan_never_raises_on_tag_soup(data: bytes) -> None:
    found = _charset_scan.meta_charset(data * 20, lambda label: label or None)
    assert found is None or isinstance(found, str)


def _work(data: bytes) -> int:
    """Lines of ``_charset_scan`` executed while scanning *data*: the scan's work."""
    count = 0
    code_file = _charset_scan.__file__

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if frame.f_code.co_filename != code_file:
            return None
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        _charset_scan.meta_charset(data, lambda label: None)
    finally:
        sys.settrace(previous)
    return count


#: Shapes that make a naive scanner backtrack or rescan (each without a valid label).
HOSTILE: list[tuple[str, bytes]] = [
    ("tags", b"<a b=c>"),
    ("head-tags", b"<meta charset=bogus><link x>"),
    ("open-angles", b"<<<</"),
    ("comment-openers", b"<!-- -- --!"),
    ("script-escapes", b"<script><!--<script>--"),
    ("near-end-tags", b"<title></titl</title"),
    ("attributes", b"<meta a=b c='d' e=\"f\" content='charset=; charset=\"x' "),
    ("references", b"<meta charset='&amp&#45;&notin;&#x110000;&bogus;'>"),
    ("dashes-in-escape", b"<script><!--" + b"-" * 40),
]


@pytest.mark.parametrize(("shape"), [pytest.param(s, id=i) for i, s in HOSTILE])
def test_scan_work_is_linear(shape: bytes) -> None:
    # In the head throughout, so the scan reads all of it: doubling the input may
    # at most double the work (plus a little for the constant part).
    small = _work(shape * 2_000)
    large = _work(shape * 4_000)
    assert large <= 2.1 * small + 100, (small, large)
