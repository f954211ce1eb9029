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
    "relation_of",
    "resolve_url",
    "resolve_url_object",
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
        href: str = URL(value).href
        return href
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
    url = resolve_url_object(href, base, encoding)
    return None if url is None else str(url.href)


def resolve_url_object(href: str, base: str, encoding: str = "utf-8") -> URL | None:
    """Like :func:`resolve_url`, but return the parsed ``ada_url.URL`` (one parse serves
    for the serialization, the scheme and the host)."""
    try:
        url = URL(href, base=base)
    except ValueError:
        return None
    if encoding != "utf-8" and url.search and not href.isascii():
        _reencode_query(url, href, encoding)
    return url


def _reencode_query(url: URL, href: str, encoding: str) -> None:
    """Re-encode the query of *url* (parsed from *href*) in *encoding*, in place."""
    scheme = url.protocol[:-1]
    if scheme not in SPECIAL_SCHEMES or scheme in ("ws", "wss"):
        return
    cleaned = href.strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    cleaned = cleaned.replace("\t", "").replace("\n", "").replace("\r", "")
    hash_at = cleaned.find("#")
    head = cleaned if hash_at < 0 else cleaned[:hash_at]
    query_at = head.find("?")
    if query_at < 0 or head[query_at + 1 :].isascii():
        return
    codec = webencodings.lookup(encoding)
    if codec is None:  # an unknown label: keep UTF-8
        return
    url.search = _encode_query(head[query_at + 1 :], codec.codec_info.encode)


# The special-query percent-encode set (WHATWG URL Standard), applied byte by byte.
_QUERY_BYTES = tuple(
    f"%{b:02X}" if b <= 0x20 or b >= 0x7F or chr(b) in "\"#<>'" else chr(b) for b in range(256)
)


def _encode_query(query: str, encode: object) -> str:
    out: list[str] = []
    for char in query:
        code = ord(char)
        if code < 0x80:
            out.append(_QUERY_BYTES[code])
            continue
        try:
            data: bytes = encode(char)[0]  # type: ignore[operator]
        except UnicodeEncodeError:
            # URL Standard, "percent-encode after encoding": %26%23 + decimal + %3B.
            out.append(f"%26%23{code}%3B")
            continue
        out.extend(_QUERY_BYTES[b] for b in data)
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
) -> Relation:
    """How the absolute *url* relates to the page at *page_url*.

    ``"same-page"`` when only the fragment differs; ``"internal"`` when the host
    names are equal; ``"same-site"`` when the registrable domains are equal;
    else ``"external"`` (URLs without a host, such as ``mailto:``, are external).
    """
    ex = extractor or default_extractor()
    target = URL(parse_absolute_url(url, field="url"))
    page = URL(parse_absolute_url(page_url, field="page_url"))
    host = target.hostname or None
    page_host = page.hostname or None
    return relation_of(
        target.href,
        host,
        registrable_domain(host, ex) if host else None,
        page.href.partition("#")[0],
        page_host,
        registrable_domain(page_host, ex) if page_host else None,
    )


def relation_of(
    url: str,
    host: str | None,
    site: str | None,
    page_no_fragment: str,
    page_host: str | None,
    page_site: str | None,
) -> Relation:
    """The relation rules on already-parsed parts (shared with extraction)."""
    if url.partition("#")[0] == page_no_fragment:
        return "same-page"
    if host is None:
        return "external"
    if host == page_host:
        return "internal"
    if site is not None and site == page_site:
        return "same-site"
    return "external"
