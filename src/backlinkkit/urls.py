"""URLs as a browser sees them: WHATWG parsing and resolution, hosts and sites.

Resolution uses `ada-url <https://github.com/ada-url/ada>`_, which implements
the WHATWG URL Standard that browsers follow; ``urllib.parse`` does not (no
IDNA, no percent-encoding of spaces, no backslash handling) and is never used
here.  Registrable domains come from the Public Suffix List bundled with
tldextract, private suffixes included, through one offline extractor that
never opens a socket or writes a file.

>>> resolve_url("../c d?q=1#top", "https://EXAMPLE.com/a/b/")
'https://example.com/a/c%20d?q=1#top'
>>> resolve_url("http://exa mple.com/", "https://example.com/") is None
True
>>> registrable_domain("shop.example.co.uk")
'example.co.uk'
>>> registrable_domain("alice.github.io")
'alice.github.io'
>>> link_relation("https://blog.example.com/", "https://www.example.com/page")
'same-site'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Literal

import tldextract
import webencodings
from ada_url import URL

from .errors import InvalidInputError, InvalidURLError

__all__ = [
    "Relation",
    "default_extractor",
    "link_relation",
    "parse_absolute_url",
    "registrable_domain",
    "resolve_url",
]

Relation = Literal["same-page", "internal", "same-site", "external"]

#: Schemes whose URLs are "special" in the WHATWG URL Standard.
SPECIAL_SCHEMES = frozenset({"http", "https", "ftp", "file", "ws", "wss"})


@functools.cache
def default_extractor() -> tldextract.TLDExtract:
    """The shared offline extractor: bundled Public Suffix List, private suffixes included.

    Built on first use, never downloads (``suffix_list_urls=()``) and never
    caches to disk (``cache_dir=None``).
    """
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def parse_absolute_url(value: object, *, field: str = "url") -> str:
    """Parse *value* as an absolute URL and return its WHATWG serialization.

    Raises :class:`~backlinkkit.errors.InvalidInputError` when *value* is not a
    string and :class:`~backlinkkit.errors.InvalidURLError` when it does not
    parse as an absolute URL; *field* names the argument in the message.

    >>> parse_absolute_url("HTTPS://Example.COM:443/a/../b")
    'https://example.com/b'
    >>> parse_absolute_url("/relative")
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidURLError: url='/relative': not an absolute URL (WHATWG URL Standard)
    """
    if not isinstance(value, str):
        raise InvalidInputError(f"{field}={value!r}: expected str, got {type(value).__name__}")
    try:
        return URL(value).href  # type: ignore[no-any-return]
    except ValueError:
        raise InvalidURLError(
            f"{field}={value!r}: not an absolute URL (WHATWG URL Standard)"
        ) from None


def resolve_url(href: str, base: str, encoding: str = "utf-8") -> str | None:
    """Resolve *href* against the absolute URL *base* as ``a.href`` does in a browser.

    Returns ``None`` when the result is not a valid URL.  On pages whose
    character encoding is not UTF-8, the query of a special URL is
    percent-encoded in that encoding, as browsers do (characters the encoding
    cannot represent become ``&#N;`` first).

    >>> resolve_url("/s?q=\\u00e9", "http://example.com/", "windows-1252")
    'http://example.com/s?q=%E9'
    >>> resolve_url("/s?q=\\u00e9", "http://example.com/")
    'http://example.com/s?q=%C3%A9'
    """
    try:
        url = URL(href, base=base)
    except ValueError:
        return None
    if encoding != "utf-8" and url.search and not href.isascii():
        return _reencode_query(url, href, encoding)
    return url.href  # type: ignore[no-any-return]


def _reencode_query(url: URL, href: str, encoding: str) -> str:
    scheme = url.protocol[:-1]
    if scheme not in SPECIAL_SCHEMES or scheme in ("ws", "wss"):
        return url.href  # type: ignore[no-any-return]
    cleaned = href.strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    cleaned = cleaned.replace("\t", "").replace("\n", "").replace("\r", "")
    hash_at = cleaned.find("#")
    head = cleaned if hash_at < 0 else cleaned[:hash_at]
    query_at = head.find("?")
    if query_at < 0 or head[query_at + 1 :].isascii():
        return url.href  # type: ignore[no-any-return]
    try:
        codec = webencodings.lookup(encoding)
    except Exception:  # an unknown label: keep UTF-8
        codec = None
    if codec is None:
        return url.href  # type: ignore[no-any-return]
    url.search = _encode_query(head[query_at + 1 :], codec.codec_info.encode)
    return url.href  # type: ignore[no-any-return]


def _encode_query(query: str, encode: object) -> str:
    out: list[str] = []
    for char in query:
        code = ord(char)
        if code < 0x80:
            if code <= 0x20 or code == 0x7F or char in "\"#<>'":
                out.append(f"%{code:02X}")
            else:
                out.append(char)
            continue
        try:
            data: bytes = encode(char)[0]  # type: ignore[operator]
        except UnicodeEncodeError:
            data = f"&#{code};".encode("ascii")
        out.extend(f"%{b:02X}" for b in data)
    return "".join(out)


def registrable_domain(host: str, extractor: tldextract.TLDExtract | None = None) -> str:
    """The registrable domain ("site") of *host* per the Public Suffix List.

    Private suffixes count (``alice.github.io`` is its own site).  Hosts with no
    registrable part (IP addresses, ``localhost``, a bare public suffix) are
    returned unchanged, lower-cased and without a trailing dot.
    """
    host = host.lower().rstrip(".")
    result = (extractor or default_extractor()).extract_str(host)
    if result.domain and result.suffix:
        return f"{result.domain}.{result.suffix}"
    return host


def link_relation(
    url: str,
    page_url: str,
    *,
    extractor: tldextract.TLDExtract | None = None,
    _sites: Mapping[str, str] | None = None,
) -> Relation:
    """How the absolute *url* relates to the page at *page_url*.

    ``"same-page"`` when only the fragment differs; ``"internal"`` when the host
    names are equal; ``"same-site"`` when the registrable domains are equal;
    else ``"external"`` (URLs without a host, such as ``mailto:``, are external).
    """
    target = URL(url)
    page = URL(page_url)
    return _relation(target, page, extractor or default_extractor())


def _relation(target: URL, page: URL, extractor: tldextract.TLDExtract) -> Relation:
    if target.href.partition("#")[0] == page.href.partition("#")[0]:
        return "same-page"
    host = target.hostname
    if not host:
        return "external"
    if host == page.hostname:
        return "internal"
    if page.hostname and registrable_domain(host, extractor) == registrable_domain(
        page.hostname, extractor
    ):
        return "same-site"
    return "external"
