"""Every link on a page, seen exactly as a browser builds it and as a crawler qualifies it.

>>> page = extract_links(
...     '<base href="/blog/"><nav><a href="/">Home</a></nav>'
...     '<article><p>Read <a href="post?id=1" rel="UGC NoFollow">this  post</a>.</p>'
...     '<a href="https://social.example/"><img alt="Our profile"></a></article>',
...     "https://www.example.com/index.html",
... )
>>> page.base_url
'https://www.example.com/blog/'
>>> [(link.url, link.region, link.followed, link.anchor, link.anchor_source) for link in page.links]
... # doctest: +NORMALIZE_WHITESPACE
[('https://www.example.com/', 'nav', True, 'Home', 'text'),
 ('https://www.example.com/blog/post?id=1', 'content', False, 'this post', 'text'),
 ('https://social.example/', 'content', True, 'Our profile', 'alt')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

import tldextract
from ada_url import URL

from ._infra import collapse_ascii_whitespace as _collapse
from ._parse import Backend, RawDocument, get_backend, split_text
from ._parse.raw import RawAnchor
from ._validate import type_error, value_error
from .encoding import decode_html
from .errors import InvalidInputError, InvalidValueError
from .headers import Headers, header_values, normalize_headers
from .language import page_language
from .page import REDIRECT_STATUSES, Link, LinkElement, Page
from .profiles import find_claimed_profiles
from .rel import Rel, parse_rel
from .robots import RobotsDirectives, parse_robots
from .social import SocialMatch, SocialRegistry, default_registry
from .urls import (
    extractor_or_default,
    parse_absolute_url,
    registrable_domain,
    relation_of,
    resolve_url,
    resolve_url_object,
)

__all__ = [
    "Backend",
    "LinkParts",
    "PageFacts",
    "check_status",
    "extract_links",
    "link_parts",
    "link_target",
    "page_facts",
    "parse_handed",
    "read_input",
    "redirect_location",
]


def _encoding_name(encoding: object) -> str | None:
    """The WHATWG name of the *encoding* label, or ``None`` for ``None``; refuses the rest."""
    if encoding is None:
        return None
    if not isinstance(encoding, str):
        raise InvalidInputError(
            f"encoding={encoding!r:.60}: expected str or None, got {type(encoding).__name__}"
        )
    import webencodings

    found = webencodings.lookup(encoding)
    if found is None:
        raise InvalidValueError(f"encoding={encoding!r}: not a WHATWG encoding label")
    name: str = found.name
    return name


def extract_links(
    html: str | bytes,
    url: str,
    *,
    headers: Headers | None = None,
    agent: str = "googlebot",
    encoding: str | None = None,
    backend: Backend = "html5lib",
    registry: SocialRegistry | None = None,
    extractor: tldextract.TLDExtract | None = None,
    status: int | None = None,
) -> Page:
    """Extract every ``a[href]`` and ``area[href]`` of a page, in document order.

    *html* is the page as ``str`` or ``bytes`` (decoded as a browser does: byte
    order mark, ``Content-Type`` charset in *headers*, ``<meta>`` prescan,
    windows-1252).  *url* is the absolute URL the page was fetched from.
    *headers* (a mapping or ``(name, value)`` pairs) supplies ``Content-Type``
    and any number of ``X-Robots-Tag`` values.  *agent* chooses the crawler
    whose robots rules apply.  *encoding* tells the encoding a ``str`` was
    decoded from (for query encoding; default UTF-8); for ``bytes`` it overrides
    the ``Content-Type`` charset and the ``<meta>`` prescan (a byte order mark
    still wins), as a browser's user-chosen encoding does.  A label that is not
    a WHATWG encoding label is refused either way.  *registry* recognises
    social platforms; *extractor* is the offline ``tldextract.TLDExtract``
    used for registrable domains.  *status* is the HTTP status the page was
    served with, when known (:attr:`Page.status`; with a redirect status, the
    ``Location`` header in *headers* gives :attr:`Page.location`).

    Malformed HTML never raises.  Raises :class:`~backlinkkit.errors.InvalidInputError`
    (a ``TypeError``) when *html* is not text or bytes, and
    :class:`~backlinkkit.errors.InvalidURLError` (a ``ValueError``) when *url*
    is not an absolute URL.
    """
    return extract_handed(
        [html],
        url,
        headers=headers,
        agent=agent,
        encoding=encoding,
        backend=backend,
        registry=registry,
        extractor=extractor,
        status=status,
    )


def extract_handed(
    handed: list[str | bytes],
    url: str,
    *,
    headers: Headers | None = None,
    agent: str = "googlebot",
    encoding: str | None = None,
    backend: Backend = "html5lib",
    registry: SocialRegistry | None = None,
    extractor: tldextract.TLDExtract | None = None,
    status: int | None = None,
) -> Page:
    """:func:`extract_links` of the page in the one-item list *handed*, which it empties
    first: when the caller keeps no other reference, the page's bytes are freed once
    decoded, before the tree is built (as :func:`backlinkkit.batch.extract_many` and
    the CLI hand pages over)."""
    raw, page_url, page_encoding, pairs = parse_handed(
        handed, url, headers, agent, encoding, backend, registry, status
    )
    return assemble(
        raw,
        page_url,
        page_encoding,
        pairs,
        agent=agent,
        registry=registry if registry is not None else default_registry(),
        extractor=extractor_or_default(extractor),
        status=status,
    )


def parse_handed(
    handed: list[str | bytes],
    url: str,
    headers: Headers | None,
    agent: str,
    encoding: str | None,
    backend: Backend,
    registry: SocialRegistry | None,
    status: int | None,
) -> tuple[RawDocument, str, str, tuple[tuple[str, str], ...]]:
    """The one way both output paths read and parse a page: decode the page in the
    one-item list *handed* (emptied first, so that bytes with no other owner are freed
    once decoded), check *registry* and *status*, and parse the text from pieces the
    backend empties as it reads them (no full copy of the text is held while the tree
    is built; docs/performance.md, "Memory on a 50 MB page").  Returns the raw
    document, the page URL, the encoding and the header pairs."""
    page_url, text, page_encoding, pairs = read_input(handed.pop(), url, headers, agent, encoding)
    if registry is not None and not isinstance(registry, SocialRegistry):
        raise type_error("registry", registry, "SocialRegistry or None")
    check_status(status)
    pieces = split_text(text)
    del text
    return get_backend(backend)(pieces), page_url, page_encoding, pairs


def check_status(status: object) -> int | None:
    """*status* when it is ``None`` or an HTTP status code (an int from 100 to 999);
    raises :class:`~backlinkkit.errors.InvalidInputError` or
    :class:`~backlinkkit.errors.InvalidValueError` otherwise."""
    if status is None:
        return None
    if not isinstance(status, int) or isinstance(status, bool):
        raise type_error("status", status, "int or None")
    if not 100 <= status <= 999:
        raise value_error("status", status, "expected an HTTP status code from 100 to 999")
    return status


def read_input(
    html: object,
    url: object,
    headers: Headers | None,
    agent: object,
    encoding: object,
) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    """Check and decode one page's input: ``(page_url, text, encoding, header pairs)``.

    The checks of :func:`extract_links` (and of every path that extracts one
    page), raising as it documents.
    """
    page_url = parse_absolute_url(url, field="url")
    if not isinstance(agent, str):
        raise type_error("agent", agent, "str")
    if not agent.strip():
        raise InvalidValueError(f"agent={agent!r}: expected a non-empty crawler name")
    pairs = normalize_headers(headers)
    label = _encoding_name(encoding)
    if isinstance(html, (bytes, bytearray, memoryview)):
        # A label given for bytes is the user's override: after a byte order mark,
        # before the Content-Type charset and the <meta> prescan (HTML Standard,
        # encoding sniffing algorithm, step 2), so it is given as the last charset.
        sniff = pairs if label is None else (*pairs, ("content-type", f"text/html;charset={label}"))
        text, page_encoding = decode_html(bytes(html), sniff, page_url)
    elif isinstance(html, str):
        text = html
        page_encoding = label or "utf-8"
    else:
        raise InvalidInputError(
            f"html={html!r:.60}: expected str or bytes, got {type(html).__name__}"
        )
    return page_url, text, page_encoding, pairs


class PageFacts(NamedTuple):
    """The page-level facts both the :class:`Page` path and the records path start from."""

    base_url: str
    robots: RobotsDirectives
    link_elements: tuple[LinkElement, ...]
    canonical: str | None
    warnings: tuple[str, ...]
    #: The ``<title>`` text, whitespace-collapsed (empty when absent).
    title: str
    #: The registry's match of the page's own URL (``None`` off platforms / host-less).
    social: SocialMatch | None
    #: The page's language (:func:`backlinkkit.language.page_language`), or ``None``.
    language: str | None = None
    #: The HTTP status, when known.
    status: int | None = None
    #: The resolved ``Location`` of a redirect status, else ``None``.
    location: str | None = None


class LinkParts(NamedTuple):
    """Everything extraction decides about one ``a``/``area`` element, already checked.

    :func:`assemble` turns these into :class:`Link` values (through the trusted
    constructor: each part comes from a checked rule, so nothing is validated
    twice) and :mod:`backlinkkit.records` into column lists; both read the same
    parts, so the two paths cannot disagree.
    """

    position: int
    tag: str
    href: str
    #: ``(url, scheme, host, site, relation, social, landing_url, landing_site, wrapper)``,
    #: one tuple object per distinct href of the page (shared by the links that repeat it).
    target: _Target
    #: One :class:`Rel` object per distinct ``rel`` value of the page.
    rel: Rel
    text: str
    anchor: str
    anchor_source: str
    #: The link is, or holds, an image (``img``, inline ``svg``; every ``area``).
    has_image: bool
    nofollow_source: str | None
    #: ``nofollow_source is None``: no rel qualifier and no robots nofollow.
    followed: bool
    region: str
    warnings: tuple[str, ...]


def page_facts(
    raw: RawDocument,
    page_url: str,
    encoding: str,
    headers: tuple[tuple[str, str], ...],
    *,
    agent: str,
    registry: SocialRegistry,
    status: int | None = None,
) -> PageFacts:
    """The base URL, robots rules, ``<link>`` elements, canonical, warnings, language,
    status and redirect location of a page."""
    page_warnings: list[str] = []
    if raw.depth_capped:
        page_warnings.append(
            "the page nests elements more than 512 deep; the parser attached the deeper ones "
            "at depth 512, as Chromium does"
        )
    if raw.recovered:
        page_warnings.append(
            f"the HTML parser failed on {raw.recovered} token(s) of this page; they were "
            "skipped and parsing went on"
        )
    base_url = page_url
    if raw.base_href is not None:
        resolved = resolve_url(raw.base_href, page_url, encoding)
        if resolved is None:
            page_warnings.append(f"<base href={raw.base_href!r}> cannot be parsed; ignored")
        elif resolved.startswith(("data:", "javascript:")):
            page_warnings.append(
                f"<base href={raw.base_href!r}> has a {resolved.split(':')[0]} "
                "URL; ignored, as browsers do"
            )
        else:
            base_url = resolved

    robots = parse_robots(raw.metas, header_values(headers, "x-robots-tag"), agent=agent)

    link_elements: list[LinkElement] = []
    canonical: str | None = None
    for element in raw.link_elements:
        rel = parse_rel(element.rel)
        resolved = resolve_url(element.href, base_url, encoding)
        link_elements.append(
            LinkElement(rel, element.href, resolved, element.hreflang, element.type)
        )
        if canonical is None and resolved is not None and "canonical" in rel.tokens:
            canonical = resolved
    header_language = header_values(headers, "content-language")
    language = page_language(
        raw.lang, raw.content_languages, ", ".join(header_language) if header_language else None
    )
    location, problem = redirect_location(status, headers, page_url)
    if problem is not None:
        page_warnings.append(problem)
    return PageFacts(
        base_url,
        robots,
        tuple(link_elements),
        canonical,
        tuple(page_warnings),
        _collapse(raw.title or ""),
        registry.match(page_url) if URL(page_url).hostname else None,
        language,
        status,
        location,
    )


def link_parts(
    raw: RawDocument,
    facts: PageFacts,
    page_url: str,
    encoding: str,
    *,
    registry: SocialRegistry,
    extractor: tldextract.TLDExtract,
) -> Iterator[LinkParts]:
    """The :class:`LinkParts` of every anchor of *raw*, in document order.

    Each distinct href is resolved, matched and unwrapped once (:func:`_target`),
    each distinct ``rel`` value parsed once.
    """
    base_url = facts.base_url
    page = URL(page_url)
    page_no_fragment = page_url.partition("#")[0]
    page_host = page.hostname
    sites: dict[str, str] = {}

    def site_of(host: str) -> str:
        site = sites.get(host)
        if site is None:
            site = sites[host] = registrable_domain(host, extractor)
        return site

    page_site = site_of(page_host) if page_host else None
    targets: dict[str, _Target] = {}
    rels: dict[str | None, Rel] = {}
    robots = facts.robots
    meta_nofollow = robots.nofollow_source if robots.nofollow else None
    for position, anchor in enumerate(raw.anchors):
        href = anchor.href
        target = targets.get(href)
        if target is None:
            target = targets[href] = link_target(
                href, base_url, encoding, page_no_fragment, page_host, page_site, site_of, registry
            )
        rel = rels.get(anchor.rel)
        if rel is None:
            rel = rels[anchor.rel] = parse_rel(anchor.rel)
        text, anchor_text, source = _anchor_text(anchor)
        warnings: tuple[str, ...] = rel.warnings
        if target[0] is None:
            warnings = (f"href={href!r} cannot be resolved against {base_url!r}", *warnings)
        nofollow_source = "rel" if rel.qualified else meta_nofollow
        yield LinkParts(
            position,
            anchor.tag,
            href,
            target,
            rel,
            text,
            anchor_text,
            source,
            anchor.has_image,
            nofollow_source,
            nofollow_source is None,
            anchor.region,
            warnings,
        )


def _anchor_text(anchor: RawAnchor) -> tuple[str, str, str]:
    """``(text, anchor, anchor_source)``: the text, else image alt, else aria-label, else title."""
    text = _collapse(anchor.text)
    if text:
        return text, text, "text"
    alts = " ".join(a for a in (_collapse(alt) for alt in anchor.alts) if a)
    if alts:
        return text, alts, "alt"
    aria = _collapse(anchor.aria_label or "")
    if aria:
        return text, aria, "aria-label"
    title = _collapse(anchor.title or "")
    return (text, title, "title") if title else (text, "", "none")


def assemble(
    raw: RawDocument,
    page_url: str,
    encoding: str,
    headers: tuple[tuple[str, str], ...],
    *,
    agent: str,
    registry: SocialRegistry,
    extractor: tldextract.TLDExtract,
    status: int | None = None,
) -> Page:
    """Turn what a backend collected into a :class:`Page` (shared by all backends)."""
    facts = page_facts(
        raw, page_url, encoding, headers, agent=agent, registry=registry, status=status
    )
    trusted = Link._trusted
    links = [
        trusted(
            parts.position,
            parts.tag,
            parts.href,
            *parts.target[:4],
            parts.text,
            parts.anchor,
            parts.anchor_source,
            parts.rel,
            parts.followed,
            parts.nofollow_source,
            parts.region,
            parts.target[4],
            parts.target[5],
            parts.warnings,
            *parts.target[6:],
            parts.has_image,
        )
        for parts in link_parts(
            raw, facts, page_url, encoding, registry=registry, extractor=extractor
        )
    ]
    base_url = facts.base_url
    rel_me = [e.url for e in facts.link_elements if e.url is not None and "me" in e.rel.tokens]
    rel_me += [lk.url for lk in links if lk.url is not None and "me" in lk.rel.tokens]
    claimed = find_claimed_profiles(raw.json_ld, rel_me, raw.metas, registry, base_url=base_url)
    return Page(
        url=page_url,
        base_url=base_url,
        encoding=encoding,
        robots=facts.robots,
        canonical=facts.canonical,
        title=facts.title,
        link_elements=facts.link_elements,
        links=tuple(links),
        claimed_profiles=claimed,
        warnings=facts.warnings,
        social=facts.social,
        language=facts.language,
        status=facts.status,
        location=facts.location,
    )


_Target = tuple[
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    object,
    str | None,
    str | None,
    str | None,
]


def redirect_location(
    status: int | None, headers: tuple[tuple[str, str], ...], page_url: str
) -> tuple[str | None, str | None]:
    """``(location, warning)``: where a response with *status* redirects -- its one
    ``Location`` header resolved against *page_url*, for a redirect status
    (:data:`~backlinkkit.page.REDIRECT_STATUSES`) -- and the page warning when that
    cannot be told (no or several ``Location`` headers, one that cannot be parsed);
    ``(None, None)`` for other statuses.  *headers* are normalized pairs."""
    if status not in REDIRECT_STATUSES:
        return None, None
    locations = header_values(headers, "location")
    if len(locations) != 1:
        return None, (
            f"status {status} with {len(locations) or 'no'} Location headers: "
            "where it redirects is not known"
        )
    location = resolve_url(locations[0], page_url, "utf-8")
    if location is None:
        return None, f"status {status} with Location {locations[0]!r}, which cannot be parsed"
    return location, None


def link_target(
    href: str,
    base_url: str,
    encoding: str,
    page_no_fragment: str,
    page_host: str | None,
    page_site: str | None,
    site_of: Callable[[str], str],
    registry: SocialRegistry,
) -> _Target:
    """Everything about one distinct href: one parse and one registry look-up (its match
    and where it lands behind redirect wrappers)."""
    parsed = resolve_url_object(href, base_url, encoding)
    if parsed is None:
        return None, None, None, None, None, None, None, None, None
    url: str = parsed.href
    scheme: str = parsed.protocol[:-1]
    host: str | None = parsed.hostname or None
    site = site_of(host) if host else None
    social: SocialMatch | None = None
    landing, wrapper = url, None
    if host:
        social, landing, wrapper = registry.match_landing(url)
    landing_host, landing_site = host, site
    if wrapper is not None:
        landing_host = URL(landing).hostname or None
        landing_site = site_of(landing_host) if landing_host else None
    relation = relation_of(
        landing, landing_host, landing_site, page_no_fragment, page_host, page_site
    )
    return url, scheme, host, site, relation, social, landing, landing_site, wrapper
