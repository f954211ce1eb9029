"""Decoding a page's bytes as Chromium does.

The encoding is chosen in the order of Blink's ``TextResourceDecoder``
(``third_party/blink/renderer/core/html/parser/text_resource_decoder.cc``):
a byte order mark; else the ``charset`` of the ``Content-Type`` header; else
an XML declaration's ``encoding`` at the very start; else the first
``<meta>`` declaration found by Blink's charset scan, which reads the whole
``<head>`` and at least 1,024 bytes (see ``_charset_scan``); else what
Chromium falls back to for an undeclared page (``windows-1252``, or the
legacy encoding of the URL's country-code domain when the bytes are not all
ASCII).  Labels map to encodings through the WHATWG Encoding
Standard's table (via ``webencodings``), as in Chromium; the single-byte
encodings decode through the Standard's indexes.

>>> decode_html(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9")
('café', 'utf-8')
>>> decode_html(b'<meta charset="iso-8859-2">\\xb1')
('<meta charset="iso-8859-2">ą', 'iso-8859-2')
>>> decode_html(b"caf\\xe9", {"Content-Type": "text/html; charset=latin1"})
('café', 'windows-1252')
>>> decode_html(b"\\x81")  # windows-1252 maps 0x81 to U+0081, as browsers do
('\\x81', 'windows-1252')
>>> decode_html(b"<head>" + b" " * 2000 + b'<meta charset="koi8-r">\\xc1')[1]
'koi8-r'
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from types import MappingProxyType

import webencodings
from ada_url import URL
from html5lib._inputstream import ContentAttrParser, EncodingBytes

from ._charset_scan import meta_charset
from ._validate import require
from .headers import Headers, header_values, normalize_headers

__all__ = ["Headers", "decode_html", "header_values", "normalize_headers"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16be"),
    (b"\xff\xfe", "utf-16le"),
)


def _lookup(label: str | None) -> str | None:
    if not label:
        return None
    encoding = webencodings.lookup(label)
    if encoding is None:
        return None
    name: str = encoding.name
    return name


def _charset_from_content_type(value: str) -> str | None:
    data = value.encode("ascii", "replace").lower()
    try:
        charset = ContentAttrParser(EncodingBytes(data)).parse()
    except Exception:  # html5lib's parser gives up with assorted errors on junk
        return None
    if charset is None:
        return None
    return _lookup(charset.decode("ascii", "replace"))


def _prescan(data: bytes) -> str | None:
    """The encoding Blink's scan finds in a ``<meta>``, as the meta source maps it."""
    found = meta_charset(data, _lookup)
    return _byte_based(found) if found is not None else None


def _byte_based(name: str) -> str:
    # TextResourceDecoder::SetEncoding: from <meta> or an XML declaration, UTF-16
    # means UTF-8 ("ClosestByteBasedEquivalent") and x-user-defined windows-1252.
    if name in ("utf-16be", "utf-16le"):
        return "utf-8"
    if name == "x-user-defined":
        return "windows-1252"
    return name


def _xml_declaration(data: bytes) -> str | None:
    """The encoding of an XML declaration at the very start, as Blink's
    ``CheckForXMLCharset`` reads it (also for HTML)."""
    if data.startswith(b"<\x00?\x00x\x00"):
        return "utf-16le"
    if data.startswith(b"\x00<\x00?\x00x"):
        return "utf-16be"
    if not data.startswith(b"<?xml"):
        return None
    end = data.find(b">")
    if end < 0:
        return None
    head = data[:end]
    pos = head.find(b"encoding")
    if pos < 0:
        return None
    pos += 8
    size = len(head)
    while pos < size and head[pos] <= 0x20:
        pos += 1
    if pos >= size or head[pos] != 0x3D:  # =
        return None
    pos += 1
    while pos < size and head[pos] <= 0x20:
        pos += 1
    if pos >= size or head[pos] not in (0x22, 0x27):
        return None
    close = head.find(head[pos : pos + 1], pos + 1)
    if close < 0:
        return None
    label = head[pos + 1 : close].decode("latin-1")
    if label != label.strip("\t\n\x0c\r "):
        return None  # Blink looks the label up as it stands, unstripped
    found = _lookup(label)
    return _byte_based(found) if found is not None else None


#: Blink's ``text_resource_decoder_builder.cc`` ``kEncodings``: the default encoding
#: of an undeclared page by the last label of its host, Blink's labels resolved to
#: WHATWG names (``ISO-8859-9`` is windows-1254, ``windows-949`` euc-kr).  Every row
#: is checked in Chromium by ``tests/test_encoding.py``.
_DOMAIN_DEFAULTS: Mapping[str, str] = MappingProxyType({
    "au": "windows-1252", "az": "windows-1254", "bd": "windows-1252",
    "bg": "windows-1251", "br": "windows-1252", "ca": "windows-1252",
    "ch": "windows-1252", "cn": "gbk", "cz": "windows-1250",
    "de": "windows-1252", "dk": "windows-1252", "ee": "windows-1256",
    "eg": "windows-1257", "et": "windows-1252", "fi": "windows-1252",
    "fr": "windows-1252", "gb": "windows-1252", "gr": "iso-8859-7",
    "hk": "big5", "hr": "windows-1250", "hu": "iso-8859-2",
    "il": "windows-1255", "ir": "windows-1257", "is": "windows-1252",
    "it": "windows-1252", "jp": "shift_jis", "kr": "euc-kr",
    "lt": "windows-1256", "lv": "windows-1256", "mk": "windows-1251",
    "nl": "windows-1252", "no": "windows-1252", "pl": "iso-8859-2",
    "pt": "windows-1252", "ro": "iso-8859-2", "rs": "windows-1251",
    "ru": "windows-1251", "se": "windows-1252", "si": "iso-8859-2",
    "sk": "windows-1250", "th": "windows-874", "tr": "windows-1254",
    "tw": "big5", "tz": "windows-1252", "ua": "windows-1251",
    "us": "windows-1252", "vn": "windows-1258", "xa": "windows-1252",
    "xb": "windows-1257",
})  # fmt: skip


def _undeclared(data: bytes, url: str | None) -> str:
    """Chromium's encoding for a page that declares none.

    Chromium runs its content detector (CED) here and ignores a UTF-8 verdict
    for pages not loaded from ``file:``; then the default applies: by the
    host's top-level label, else windows-1252 (the en-US default).  ASCII-only
    bytes are windows-1252 whatever the host (CED's ASCII verdict).  CED's other
    verdicts, for legacy bytes, are not reproduced: see docs/encoding.md.
    """
    if data.isascii() or url is None:
        return "windows-1252"
    host = _host(url)
    label = host.rstrip(".").rpartition(".")[2]
    return _DOMAIN_DEFAULTS.get(label, "windows-1252")


def _host(url: str) -> str:
    try:
        host: str = URL(url).hostname
    except ValueError:
        return ""
    return host


def decode_html(
    data: bytes, headers: Headers | None = None, url: str | None = None
) -> tuple[str, str]:
    """Decode *data* as Chromium would; return ``(text, encoding name)``.

    *url*, the page's URL, matters only for an undeclared page that is not all
    ASCII (Chromium's default encoding then follows the host's country code).
    Never raises on any bytes: undecodable sequences become U+FFFD.  A *data*
    that is not bytes, or a *url* that is not a string, raises
    :class:`~backlinkkit.errors.InvalidInputError`.
    """
    require("data", data, bytes, bytearray, memoryview)
    require("url", url, str, type(None))
    data = bytes(data)
    pairs = normalize_headers(headers)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], name), name
    encoding = None
    for content_type in header_values(pairs, "content-type"):
        encoding = _charset_from_content_type(content_type) or encoding
    if encoding is None:
        declared = _xml_declaration(data)
        if declared in ("utf-16le", "utf-16be"):
            return _decode(data, declared), declared
        encoding = _prescan(data) or declared
    if encoding is None:
        encoding = _undeclared(data, url)
    return _decode(data, encoding), encoding


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "utf-8":
        return data.decode("utf-8", "replace")
    table = _SINGLE_BYTE.get(encoding)
    if table is not None:
        text: str = codecs.charmap_decode(data, "strict", table)[0]
        return text
    if encoding in ("gbk", "gb18030"):
        # The Standard's GBK decoder is its gb18030 decoder, where a lone 0x80 is U+20AC.
        return data.decode("gb18030", _GB18030_ERRORS)
    if encoding == "shift_jis":
        # Python's cp932 maps the bytes 0xA0 and 0xFD..0xFF to U+F8F0..U+F8F3; the
        # Standard's Shift_JIS decoder makes them errors.
        text = data.decode("cp932", "replace")
        if any(chr(code) in text for code in _CP932_SINGLES):
            text = text.translate(_CP932_SINGLES)
        return text
    if encoding in ("euc-jp", "iso-2022-jp"):
        # Python's JIS X 0208 mapping differs from the Standard's index in six code points.
        text = data.decode(_JIS_CODECS[encoding], "replace")
        return _JIS0208_DIFFERENT.sub(_jis0208_standard, text)
    codec = webencodings.lookup(encoding)
    if codec is None:  # pragma: no cover - names come from the lookup above
        return data.decode("utf-8", "replace")
    decoded, _ = webencodings.decode(data, codec, errors="replace")
    return str(decoded)


def _single_byte_table(encoding: str) -> str:
    """The 256 code points of a single-byte encoding, as the Encoding Standard's index has them.

    Python's codec for the encoding, with the Standard's differences applied:
    windows-874 and windows-125x map the bytes 0x80..0x9F that Microsoft's code
    pages leave undefined to U+0080..U+009F; three more bytes differ (below).
    ``tests/test_encoding.py`` checks every byte of every table against Chromium.
    """
    codec = webencodings.lookup(encoding)
    assert codec is not None
    table = list(bytes(range(256)).decode(codec.codec_info.name, "replace"))
    if encoding.startswith("windows-"):
        for byte in range(0x80, 0xA0):
            if table[byte] == "\ufffd":
                table[byte] = chr(byte)
    for byte, char in _INDEX_DIFFERENCES.get(encoding, ()):
        table[byte] = char
    return "".join(table)


# Where Python's codec and the Encoding Standard's index disagree beyond the C1 rule.
_INDEX_DIFFERENCES: dict[str, tuple[tuple[int, str], ...]] = {
    "koi8-u": ((0xAE, "\u045e"), (0xBE, "\u040e")),  # KOI8-RU's ў and Ў
    "windows-1255": ((0xCA, "\u05ba"),),  # HEBREW POINT HOLAM HASER FOR VAV
}

#: The Encoding Standard's single-byte encodings.
_SINGLE_BYTE_ENCODINGS = (
    "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
    "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13",
    "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u", "macintosh",
    "windows-874", "windows-1250", "windows-1251", "windows-1252", "windows-1253",
    "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258",
    "x-mac-cyrillic",
)  # fmt: skip

# Built once at import (immutable afterwards): name -> 256-character decoding table.
_SINGLE_BYTE: Mapping[str, str] = MappingProxyType(
    {name: _single_byte_table(name) for name in _SINGLE_BYTE_ENCODINGS}
)

_JIS_CODECS = MappingProxyType({"euc-jp": "euc_jp", "iso-2022-jp": "iso2022_jp"})
_JIS0208_STANDARD = MappingProxyType(
    {"\xa2": "\uffe0", "\xa3": "\uffe1", "\xac": "\uffe2", "\u2016": "\u2225", "\u2212": "\uff0d",
     "\u301c": "\uff5e"}
)  # fmt: skip
_JIS0208_DIFFERENT = re.compile("[\xa2\xa3\xac\u2016\u2212\u301c]")


def _jis0208_standard(match: re.Match[str]) -> str:
    return _JIS0208_STANDARD[match.group()]


_CP932_SINGLES = {0xF8F0: "\ufffd", 0xF8F1: "\ufffd", 0xF8F2: "\ufffd", 0xF8F3: "\ufffd"}


def _gb18030_error(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):  # pragma: no cover - decoding only
        raise error
    if error.end == error.start + 1 and error.object[error.start] == 0x80:
        return "\u20ac", error.end
    return "\ufffd", error.end


# Registered once, under a name of this package's own (codecs keeps error handlers by name).
_GB18030_ERRORS = "backlinkkit.gb18030"
codecs.register_error(_GB18030_ERRORS, _gb18030_error)
