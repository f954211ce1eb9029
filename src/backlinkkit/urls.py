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

import codecs
import functools
import re
from typing import Literal

import tldextract
import webencodings
from ada_url import URL, parse_url

from ._validate import require, type_error, value_error
from .errors import InvalidInputError, InvalidURLError, InvalidValueError

__all__ = [
    "Relation",
    "default_extractor",
    "extractor_or_default",
    "form_decode",
    "link_relation",
    "normalize_host",
    "parse_absolute_url",
    "parse_target",
    "percent_decode",
    "plain_host",
    "query_pairs",
    "registrable_domain",
    "relation_of",
    "resolve_url",
    "resolve_url_object",
    "split_http_url",
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


def extractor_or_default(extractor: object) -> tldextract.TLDExtract:
    """*extractor*, or :func:`default_extractor` for ``None``; anything else raises
    :class:`~backlinkkit.errors.InvalidInputError` naming ``extractor``."""
    if extractor is None:
        return default_extractor()
    if not isinstance(extractor, tldextract.TLDExtract):
        raise type_error("extractor", extractor, "tldextract.TLDExtract or None")
    return extractor


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
    cannot represent become ``&#N;`` first); a label that is not a WHATWG
    encoding label raises :class:`~backlinkkit.errors.InvalidValueError`.

    >>> resolve_url("/s?q=\\u00e9", "http://example.com/", "windows-1252")
    'http://example.com/s?q=%E9'
    >>> resolve_url("/s?q=\\u00e9", "http://example.com/")
    'http://example.com/s?q=%C3%A9'
    """
    if isinstance(encoding, str) and encoding != "utf-8" and webencodings.lookup(encoding) is None:
        raise value_error("encoding", encoding, "not a WHATWG encoding label")
    url = resolve_url_object(href, base, encoding)
    return None if url is None else str(url.href)


def resolve_url_object(href: str, base: str, encoding: str = "utf-8") -> URL | None:
    """Like :func:`resolve_url`, but return the parsed ``ada_url.URL`` (one parse serves
    for the serialization, the scheme and the host)."""
    if type(href) is not str or type(base) is not str or type(encoding) is not str:
        for name, value in (("href", href), ("base", base), ("encoding", encoding)):
            if not isinstance(value, str):
                raise type_error(name, value, "str")
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
    url.search = _encode_query(head[query_at + 1 :], codec.codec_info)


# The special-query percent-encode set (WHATWG URL Standard), applied byte by byte.
_QUERY_BYTES = tuple(
    f"%{b:02X}" if b <= 0x20 or b >= 0x7F or chr(b) in "\"#<>'" else chr(b) for b in range(256)
)


def _c1_hole(char: str, codec: codecs.CodecInfo) -> bytes | None:
    """The byte a C1 control encodes to where Python's single-byte codec leaves that byte
    undefined: the Encoding Standard's windows-125x/874 indexes map such a byte to the C1
    control of the same number (0x81 <-> U+0081), Python's codecs to nothing."""
    code = ord(char)
    if not 0x80 <= code <= 0x9F:
        return None
    try:
        codec.decode(bytes([code]))
    except UnicodeDecodeError:
        return bytes([code])
    return None


def _encode_query(query: str, codec: codecs.CodecInfo) -> str:
    out: list[str] = []
    for char in query:
        code = ord(char)
        if code < 0x80:
            out.append(_QUERY_BYTES[code])
            continue
        try:
            data: bytes = codec.encode(char)[0]
        except UnicodeEncodeError:
            hole = _c1_hole(char, codec)
            if hole is None:
                # URL Standard, "percent-encode after encoding": %26%23 + decimal + %3B.
                out.append(f"%26%23{code}%3B")
                continue
            data = hole
        out.extend(_QUERY_BYTES[b] for b in data)
    return "".join(out)


#: A label that makes a host an IPv4 address (or no host at all) when it is the last one:
#: the WHATWG URL Standard's "ends in a number" (decimal digits, or ``0x`` and hex digits).
_NUMBER_LABEL = re.compile(r"(?:[0-9]+|0[xX][0-9A-Fa-f]*)\Z")


def _site(host: str, extractor: tldextract.TLDExtract | None) -> str | None:
    """The registrable domain of the lower-cased *host*, or ``None`` when it has none."""
    if host.startswith(".") or ".." in host:  # an empty label (publicsuffix.org test_psl.txt)
        return None
    result = extractor_or_default(extractor).extract_str(host)
    if result.suffix:  # a rule of the list matched
        site = f"{result.domain}.{result.suffix}" if result.domain else None
    else:
        # No rule matched (tldextract then gives suffix ""): the list's default rule "*"
        # makes the last label the public suffix, one more label the registrable domain.
        subdomain, domain = result.subdomain, result.domain
        if not subdomain or not domain or domain.startswith("[") or _NUMBER_LABEL.match(domain):
            return None  # one label (a bare suffix), an IP address
        site = f"{subdomain.rpartition('.')[2]}.{domain}"
    # tldextract reads URLs too (it drops a port, "user@" ...): a text that is no host
    # name has no site.
    if site is None or not (site == host or host.endswith("." + site)):
        return None
    return site


def registrable_domain(host: str, extractor: tldextract.TLDExtract | None = None) -> str:
    """The registrable domain ("site") of *host* per the Public Suffix List.

    Private suffixes count (``alice.github.io`` is its own site).  A host under a
    suffix the list does not name has its last label as public suffix (the
    list's default rule ``*``), so ``www.blog.other.example`` is of the site
    ``other.example``.  Hosts with no registrable part (IP addresses,
    ``localhost``, a bare public suffix) are returned unchanged, lower-cased and
    without a trailing dot.  Never raises on a ``str``.

    >>> registrable_domain("www.blog.other.example"), registrable_domain("mysite.test")
    ('other.example', 'mysite.test')
    """
    if not isinstance(host, str):
        raise type_error("host", host, "str")
    host = host.lower().rstrip(".")
    return _site(host, extractor) or host


#: A DNS host name label after IDNA (RFC 952/1123 "LDH" labels; an IDN is its ``xn--`` form).
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def parse_target(
    target: object, extractor: tldextract.TLDExtract | None = None
) -> tuple[str, bool, str]:
    """``(host, is_site, site)`` of an audit target: a domain or host name, not a URL.

    *host* is the WHATWG host of *target* (IDNA applied, lower case, no
    trailing dot), *site* its registrable domain (the default rule ``*``
    included, so ``mysite.test`` is a site) and *is_site* whether the two are
    equal.  Raises :class:`~backlinkkit.errors.InvalidInputError` when
    *target* is not a ``str`` and :class:`~backlinkkit.errors.InvalidValueError`
    naming ``target`` when it is empty, a URL, not a DNS host name (labels of
    letters, digits and hyphens, no hyphen at a label's ends, after IDNA: a
    wildcard, a list or a ``_`` is refused), an IP address or a bare public suffix.

    >>> parse_target("Blog.Example.CO.UK.")
    ('blog.example.co.uk', False, 'example.co.uk')
    >>> parse_target("mysite.test")
    ('mysite.test', True, 'mysite.test')
    >>> parse_target("co.uk")
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: target='co.uk': not a domain under a public \
suffix (an IP address, or a bare suffix)
    """
    if not isinstance(target, str):
        raise type_error("target", target, "str")
    name = target.strip().lower().rstrip(".")
    if not name:
        raise InvalidValueError(f"target={target!r}: empty")
    if any(c in name for c in "/:@?# \t\n\\"):
        raise InvalidValueError(
            f"target={target!r}: not a domain or host name (give e.g. 'example.com', not a URL)"
        )
    if "*" in name:
        raise InvalidValueError(
            f"target={target!r}: a wildcard is not a host name"
            " (a domain such as 'example.com' covers every host under it)"
        )
    if "," in name:
        raise InvalidValueError(f"target={target!r}: one domain or host name, not a list")
    try:
        host: str = URL(f"http://{name}/").hostname
    except ValueError:
        raise InvalidValueError(f"target={target!r}: not a valid host name") from None
    bad = next((label for label in host.split(".") if not _HOST_LABEL.fullmatch(label)), None)
    if bad is not None or len(host) > 253:
        raise InvalidValueError(
            f"target={target!r}: not a valid host name (label {bad!r}: a DNS host name has"
            " labels of 1-63 letters, digits and hyphens, not starting or ending with a hyphen)"
            if bad is not None
            else f"target={target!r}: not a valid host name (longer than 253 characters)"
        )
    site = _site(host, extractor)
    if site is None:
        raise InvalidValueError(
            f"target={target!r}: not a domain under a public suffix"
            " (an IP address, or a bare suffix)"
        )
    return host, site == host, site


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
    ex = extractor_or_default(extractor)
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


# --------------------------------------------------------------------------- hosts and queries

_LABEL = r"(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+\Z")
_PCT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_HREF = ("href",)


def normalize_host(value: object, field: str = "host") -> str:
    """*value* as an ASCII, lower-case host name without a trailing dot.

    Internationalised names are converted with WHATWG host parsing (IDNA);
    raises :class:`~backlinkkit.errors.InvalidInputError` when *value* is not a
    ``str`` and :class:`~backlinkkit.errors.InvalidValueError` naming *field*
    when it is not a domain name of at least two labels (an IP address, a URL,
    a name with a port ...).

    >>> normalize_host("Bücher.Example.")
    'xn--bcher-kva.example'
    >>> normalize_host("example.com:80", "Platform.domains")
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: Platform.domains='example.com:80': not a host name
    """
    if not isinstance(value, str):
        raise type_error(field, value, "str")
    text = value.strip().rstrip(".")
    if not text or any(c in text for c in "/\\?#@:[]% \t\n"):
        raise value_error(field, value, "not a host name")
    try:
        host: str = URL(f"http://{text}/").hostname
    except ValueError:
        raise value_error(field, value, "not a host name") from None
    host = host.rstrip(".")
    if not _DOMAIN.match(host) or host.replace(".", "").isdigit():
        raise value_error(field, value, "not a domain name with at least two labels")
    return host


def percent_decode(text: str) -> str:
    """*text* percent-decoded as the WHATWG URL Standard does, then UTF-8 decoded.

    Each ``%XX`` (two hex digits) becomes its byte; a ``%`` not followed by two
    hex digits stays; the bytes are decoded as UTF-8 with U+FFFD for invalid
    sequences ("UTF-8 decode without BOM").  Never raises on a ``str``.

    >>> percent_decode("caf%C3%A9%2F%zz")
    'café/%zz'
    """
    require("text", text, str)
    if "%" not in text:
        return text
    return _PCT_RUN.sub(
        lambda m: bytes.fromhex(m.group().replace("%", "")).decode("utf-8", "replace"), text
    )


def form_decode(text: str) -> str:
    """One ``application/x-www-form-urlencoded`` name or value decoded (WHATWG URL §5.1):
    ``+`` becomes a space, then :func:`percent_decode`.

    >>> form_decode("a+b%2Bc")
    'a b+c'
    """
    require("text", text, str)
    return percent_decode(text.replace("+", " "))


def query_pairs(query: str) -> dict[str, str]:
    """The first value of each name in *query*, the value still encoded.

    *query* is split as the ``application/x-www-form-urlencoded`` parser does
    (on ``&``, empty parts skipped, each at its first ``=``); a leading ``?``
    is dropped, as ``URLSearchParams`` does.  Names are :func:`form_decode`-d;
    values are returned raw, so that a caller decodes only the ones it reads.

    >>> query_pairs("?u=https%3A%2F%2Fexample.com&a+b=1&u=second&flag")
    {'u': 'https%3A%2F%2Fexample.com', 'a b': '1', 'flag': ''}
    """
    require("query", query, str)
    pairs: dict[str, str] = {}
    for part in (query[1:] if query.startswith("?") else query).split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in name or "+" in name:
            name = form_decode(name)
        pairs.setdefault(name, value)
    return pairs


def split_http_url(url: str) -> tuple[str, str, str, str, str] | None:
    """``(href, host, path, query, fragment)`` of an http(s) URL whose host is a name, else None.

    *href* is the WHATWG serialization; *host* has no trailing dot (credentials
    and the port are dropped); *path* starts with ``/``; *query* keeps its
    ``?`` and *fragment* its ``#`` (each ``""`` when absent).  One WHATWG
    parse (ada-url); the serialization is then cut at its fixed delimiters,
    which the standard guarantees are unambiguous.  IPv6 hosts give ``None``.
    Never raises on a ``str``.  (A plain tuple: it is on the registry's hot path.)

    >>> href, host, path, query, fragment = split_http_url("HTTPS://u@Example.COM.:8443/a b?q#t")
    >>> href
    'https://u@example.com.:8443/a%20b?q#t'
    >>> host, path, query, fragment
    ('example.com', '/a%20b', '?q', '#t')
    >>> split_http_url("mailto:someone@example.com") is None
    True
    """
    try:
        href: str = parse_url(url, _HREF)["href"]
    except ValueError:
        return None
    if href.startswith("https://"):
        start = 8
    elif href.startswith("http://"):
        start = 7
    else:
        return None
    slash = href.find("/", start)
    if slash < 0:  # pragma: no cover - http(s) serializations always have a path
        return None
    authority = href[start:slash]
    at = authority.rfind("@")
    if at >= 0:
        authority = authority[at + 1 :]
    if authority.startswith("["):  # IPv6
        return None
    colon = authority.find(":")
    host = (authority if colon < 0 else authority[:colon]).rstrip(".")
    rest = href[slash:]
    hash_at = rest.find("#")
    if hash_at >= 0:
        fragment = rest[hash_at:]
        rest = rest[:hash_at]
    else:
        fragment = ""
    query_at = rest.find("?")
    if query_at >= 0:
        return href, host, rest[:query_at], rest[query_at:], fragment
    return href, host, rest, "", fragment


# re.ASCII: with IGNORECASE alone, [a-z] also matches "ſ" and the Kelvin sign, which
# IDNA maps to "s" and "k" (https://ſnapchat.com is snapchat.com).
_PLAIN = re.compile(r"https?://([a-z0-9.\-]+)(?::([0-9]{0,5}))?(?:[/?#]|\Z)", re.I | re.A)
_UNSAFE = re.compile(r"[\\\t\n\r]")


def plain_host(url: str) -> str | None:
    """The WHATWG host of *url* when it can be read off the text, else ``None``.

    Only for a plain ``http(s)://host[:port]`` start: an ASCII host of letters,
    digits, ``-`` and ``.`` right after ``//``, a valid port, and no backslash,
    tab or newline anywhere.  For such input the WHATWG host is the text
    lower-cased, without a trailing dot (IDNA maps ASCII letters to lower case
    and leaves digits, ``-`` and ``.`` alone).  Everything else (``user@``,
    ``\\``, percent-encoding, non-ASCII ...) gives ``None``: parse it fully.
    A host whose last label is a number (``0x7f.1``) is still given as written,
    though the standard reads it as an IPv4 address or rejects it: use the
    answer to rule a host name out, never to report a host.

    >>> plain_host("HTTPS://WWW.Example.com.:443/path")
    'www.example.com'
    >>> plain_host("https://user@example.com/") is None
    True
    """
    found = _PLAIN.match(url)
    if found is None or _UNSAFE.search(url) is not None:
        return None
    port = found.group(2)
    if port and len(port) == 5 and int(port) > 65535:
        return None
    return found.group(1).lower().rstrip(".")
