"""Decoding a page's bytes as a browser does.

The order follows the WHATWG HTML "encoding sniffing algorithm" without
guessing from content: a byte order mark, then the ``charset`` of the
``Content-Type`` header, then the ``<meta>`` prescan of the first 1,024
bytes, then ``windows-1252``.  Labels map to encodings through the WHATWG
Encoding Standard's table (via ``webencodings``).

>>> decode_html(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9")
('café', 'utf-8')
>>> decode_html(b'<meta charset="iso-8859-2">\\xb1')
('<meta charset="iso-8859-2">ą', 'iso-8859-2')
>>> decode_html(b"caf\\xe9", {"Content-Type": "text/html; charset=latin1"})
('café', 'windows-1252')
>>> decode_html(b"\\x81")  # windows-1252 maps 0x81 to U+0081, as browsers do
('\\x81', 'windows-1252')
"""

from __future__ import annotations

import webencodings
from html5lib._inputstream import ContentAttrParser, EncodingBytes, EncodingParser

from ._validate import type_error
from .headers import Headers, header_values, normalize_headers

__all__ = ["Headers", "decode_html", "header_values", "normalize_headers"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16be"),
    (b"\xff\xfe", "utf-16le"),
)
# Python's cp1252 leaves five bytes undefined; WHATWG maps them to C1 controls.
_CP1252_HOLES = {0xDC81: "\x81", 0xDC8D: "\x8d", 0xDC8F: "\x8f", 0xDC90: "\x90", 0xDC9D: "\x9d"}


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
    try:
        found = EncodingParser(data[:1024]).getEncoding()
    except Exception:  # pragma: no cover - the prescan is defensive already
        return None
    if found is None:
        return None
    name: str = found.name
    if name in ("utf-16be", "utf-16le"):
        return "utf-8"
    if name == "x-user-defined":
        return "windows-1252"
    return name


def decode_html(data: bytes, headers: Headers | None = None) -> tuple[str, str]:
    """Decode *data* as a browser would; return ``(text, encoding name)``.

    Never raises on any bytes: undecodable sequences become U+FFFD.
    """
    if not isinstance(data, bytes):
        raise type_error("data", data, "bytes")
    pairs = normalize_headers(headers)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], name), name
    encoding = None
    for content_type in header_values(pairs, "content-type"):
        encoding = _charset_from_content_type(content_type) or encoding
    if encoding is None:
        encoding = _prescan(data)
    if encoding is None:
        encoding = "windows-1252"
    return _decode(data, encoding), encoding


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "windows-1252":
        text = data.decode("cp1252", "surrogateescape")
        if not text.isascii():
            text = text.translate(_CP1252_HOLES)
        return text
    if encoding == "utf-8":
        return data.decode("utf-8", "replace")
    codec = webencodings.lookup(encoding)
    if codec is None:  # pragma: no cover - names come from the lookup above
        return data.decode("utf-8", "replace")
    text, _ = webencodings.decode(data, codec, errors="replace")
    return str(text)
