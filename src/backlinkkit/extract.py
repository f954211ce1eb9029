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

from collections.abc import Callable

import tldextract
from ada_url import URL

from ._infra import collapse_ascii_whitespace as _collapse
from ._parse import Backend, RawDocument, get_backend
from ._validate import type_error
from .encoding import decode_html
from .errors import InvalidInputError, InvalidValueError
from .headers import Headers, header_values, normalize_headers
from .page import Link, LinkElement, Page
from .profiles import find_claimed_profiles
from .rel import Rel, parse_rel
from .robots import parse_robots
from .social import SocialRegistry, default_registry
from .urls import (
    extractor_or_default,
    parse_absolute_url,
    registrable_domain,
    relation_of,
    resolve_url,
    resolve_url_object,
)

__all__ = ["Backend", "extract_links"]


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
    used for registrable domains.

    Malformed HTML never raises.  Raises :class:`~backlinkkit.errors.InvalidInputError`
    (a ``TypeError``) when *html* is not text or bytes, and
    :class:`~backlinkkit.errors.InvalidURLError` (a ``ValueError``) when *url*
    is not an absolute URL.
    """
    page_url = parse_absolute_url(url, field="url")
    if not isinstance(agent, str):
        raise type_error("agent", agent, "str")
    if not agent.strip():
        raise InvalidValueError(f"agent={agent!r}: expected a non-empty crawler name")
    if registry is not None and not isinstance(registry, SocialRegistry):
        raise type_error("registry", registry, "SocialRegistry or None")
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
    raw = get_backend(backend)(text)
    return assemble(
        raw,
        page_url,
        page_encoding,
        pairs,
        agent=agent,
        registry=registry if registry is not None else default_registry(),
        extractor=extractor_or_default(extractor),
    )


def assemble(
    raw: RawDocument,
    page_url: str,
    encoding: str,
    headers: tuple[tuple[str, str], ...],
    *,
    agent: str,
    registry: SocialRegistry,
    extractor: tldextract.TLDExtract,
) -> Page:
    """Turn what a backend collected into a :class:`Page` (shared by all backends)."""
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

    rel_cache: dict[str | None, Rel] = {}
    link_elements: list[LinkElement] = []
    canonical: str | None = None
    for element in raw.link_elements:
        rel = rel_cache.get(element.rel)
        if rel is None:
            rel = rel_cache[element.rel] = parse_rel(element.rel)
        resolved = resolve_url(element.href, base_url, encoding)
        link_elements.append(
            LinkElement(rel, element.href, resolved, element.hreflang, element.type)
        )
        if canonical is None and resolved is not None and "canonical" in rel.tokens:
            canonical = resolved

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
    links: list[Link] = []
    meta_nofollow = robots.nofollow_source if robots.nofollow else None
    for position, anchor in enumerate(raw.anchors):
        href = anchor.href
        target = targets.get(href)
        if target is None:
            target = targets[href] = _target(
                href, base_url, encoding, page_no_fragment, page_host, page_site, site_of, registry
            )
        url, scheme, host, site, relation, social, landing, landing_site, wrapper = target
        rel = rel_cache.get(anchor.rel)
        if rel is None:
            rel = rel_cache[anchor.rel] = parse_rel(anchor.rel)
        text = _collapse(anchor.text)
        if text:
            anchor_text, source = text, "text"
        else:
            alts = " ".join(a for a in (_collapse(alt) for alt in anchor.alts) if a)
            if alts:
                anchor_text, source = alts, "alt"
            else:
                aria = _collapse(anchor.aria_label or "")
                if aria:
                    anchor_text, source = aria, "aria-label"
                else:
                    title = _collapse(anchor.title or "")
                    anchor_text, source = (title, "title") if title else ("", "none")
        warnings: tuple[str, ...] = rel.warnings
        if url is None:
            warnings = (f"href={href!r} cannot be resolved against {base_url!r}", *warnings)
        nofollow_source: str | None = "rel" if rel.qualified else meta_nofollow
        links.append(
            Link(
                position=position,
                tag=anchor.tag,  # type: ignore[arg-type]
                href=href,
                url=url,
                scheme=scheme,
                host=host,
                site=site,
                text=text,
                anchor=anchor_text,
                anchor_source=source,  # type: ignore[arg-type]
                rel=rel,
                followed=nofollow_source is None,
                nofollow_source=nofollow_source,  # type: ignore[arg-type]
                region=anchor.region,  # type: ignore[arg-type]
                relation=relation,  # type: ignore[arg-type]
                social=social,  # type: ignore[arg-type]
                warnings=warnings,
                landing_url=landing,
                landing_site=landing_site,
                wrapper=wrapper,
            )
        )

    rel_me = [e.url for e in link_elements if e.url is not None and "me" in e.rel.tokens]
    rel_me += [lk.url for lk in links if lk.url is not None and "me" in lk.rel.tokens]
    claimed = find_claimed_profiles(raw.json_ld, rel_me, raw.metas, registry, base_url=base_url)
    return Page(
        url=page_url,
        base_url=base_url,
        encoding=encoding,
        robots=robots,
        canonical=canonical,
        title=_collapse(raw.title or ""),
        link_elements=tuple(link_elements),
        links=tuple(links),
        claimed_profiles=claimed,
        warnings=tuple(page_warnings),
        social=registry.match(page_url) if page_host else None,
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


def _target(
    href: str,
    base_url: str,
    encoding: str,
    page_no_fragment: str,
    page_host: str | None,
    page_site: str | None,
    site_of: Callable[[str], str],
    registry: SocialRegistry,
) -> _Target:
    """Everything about one distinct href: one parse, one registry match, at most one unwrap."""
    parsed = resolve_url_object(href, base_url, encoding)
    if parsed is None:
        return None, None, None, None, None, None, None, None, None
    url: str = parsed.href
    scheme: str = parsed.protocol[:-1]
    host: str | None = parsed.hostname or None
    site = site_of(host) if host else None
    social = registry.match(url) if host else None
    landing, wrapper = url, None
    if social is not None and social.kind == "redirect" and social.target:
        landing, wrapper = social.target, social.platform.key
    elif host and (social is None or social.kind != "share"):
        landing, wrapper = registry.landing(url)
    landing_host, landing_site = host, site
    if wrapper is not None:
        landing_host = URL(landing).hostname or None
        landing_site = site_of(landing_host) if landing_host else None
    relation = relation_of(
        landing, landing_host, landing_site, page_no_fragment, page_host, page_site
    )
    return url, scheme, host, site, relation, social, landing, landing_site, wrapper
