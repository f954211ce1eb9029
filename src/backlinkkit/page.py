"""The values extraction returns: :class:`Page`, :class:`Link` and :class:`LinkElement`.

All three are frozen ``attrs`` classes with slots.  ``to_record()`` and
``to_records()`` return flat dicts with stable keys, ready for
``pandas.DataFrame(page.to_records())`` without pandas being a dependency.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs

from ._format import cut
from ._validate import (
    boolean,
    choices,
    instance_of,
    integer,
    items_of,
    one_of,
    optional,
    text,
    to_tuple,
)
from .profiles import ClaimedProfile
from .rel import Rel
from .robots import RobotsDirectives
from .social import SocialMatch

__all__ = [
    "REDIRECT_STATUSES",
    "AnchorSource",
    "Link",
    "LinkElement",
    "NofollowSource",
    "Page",
    "Region",
    "Relation",
    "rel_fields",
    "social_fields",
]

Region = Literal["content", "nav", "header", "footer", "aside", "comment", "unknown"]
AnchorSource = Literal["text", "alt", "aria-label", "title", "none", "unknown"]
NofollowSource = Literal["rel", "meta", "header"]
Relation = Literal["same-page", "internal", "same-site", "external"]

_Tag = Literal["a", "area"]

#: The HTTP statuses that redirect (the Fetch Standard's *redirect status*).
REDIRECT_STATUSES: frozenset[int] = frozenset({301, 302, 303, 307, 308})

REGIONS: tuple[Region, ...] = choices(Region)
ANCHOR_SOURCES: tuple[AnchorSource, ...] = choices(AnchorSource)
RELATIONS: tuple[Relation, ...] = choices(Relation)

_str = text()
_opt_str = optional(_str)
_str_items = items_of(str)


def rel_fields(rel: Rel) -> dict[str, Any]:
    """The record columns of a ``rel`` (one rule for every link record)."""
    return {
        "rel": " ".join(rel.tokens),
        "nofollow": rel.nofollow,
        "ugc": rel.ugc,
        "sponsored": rel.sponsored,
    }


def social_fields(social: SocialMatch | None) -> dict[str, Any]:
    """The record columns of a registry match (one rule for every link record)."""
    if social is None:
        return dict.fromkeys(("social_platform", "social_kind", "social_handle", "social_target"))
    return {
        "social_platform": social.platform.key,
        "social_kind": social.kind,
        "social_handle": social.handle,
        "social_target": social.target,
    }


@attrs.frozen(slots=True)
class Link:
    """One ``a`` or ``area`` element with an ``href``, as a browser and a crawler see it."""

    #: Ordinal of the link on the page, from 0, in document order.
    position: int = attrs.field(validator=integer(0))
    #: ``"a"`` or ``"area"``.
    tag: _Tag = attrs.field(validator=one_of(_Tag))
    #: The ``href`` attribute exactly as the parser delivered it.
    href: str = attrs.field(validator=_str)
    #: The absolute URL, as ``a.href`` gives it in a browser; ``None`` when it cannot be parsed.
    url: str | None = attrs.field(validator=_opt_str)
    #: The URL's scheme without the colon (``"https"``, ``"mailto"`` ...); ``None`` with ``url``.
    scheme: str | None = attrs.field(validator=_opt_str)
    #: The URL's host name (IDNA, lower case); ``None`` for host-less URLs.
    host: str | None = attrs.field(validator=_opt_str)
    #: The registrable domain of :attr:`host` (Public Suffix List, private suffixes included).
    site: str | None = attrs.field(validator=_opt_str)
    #: ``textContent`` with runs of ASCII whitespace collapsed to one space, trimmed.
    text: str = attrs.field(validator=_str)
    #: The anchor text a crawler would use: :attr:`text`, else image ``alt``, else
    #: ``aria-label``, else ``title`` (empty string when none, or when not known).
    anchor: str = attrs.field(validator=_str)
    #: Where :attr:`anchor` came from; ``"unknown"`` when the source of the link
    #: cannot tell (a WAT link without text: the fallback's image ``alt`` is not on
    #: the entry), with :attr:`anchor` ``""``.
    anchor_source: AnchorSource = attrs.field(validator=one_of(AnchorSource))
    #: The parsed ``rel`` attribute.
    rel: Rel = attrs.field(validator=instance_of(Rel))
    #: Whether a crawler is allowed to follow the link and pass equity through it: false
    #: when ``rel`` carries nofollow, ugc or sponsored, or the page's robots rules say nofollow.
    followed: bool = attrs.field(validator=boolean)
    #: Why the link is not followed: ``"rel"``, ``"meta"``, ``"header"``, or ``None``.
    nofollow_source: NofollowSource | None = attrs.field(validator=optional(one_of(NofollowSource)))
    #: Where on the page the link stands (see ``docs/regions.md``); ``"unknown"`` also
    #: for a link read from a WAT file, which has no document tree.
    region: Region = attrs.field(validator=one_of(Region))
    #: How the link's URL relates to the page; ``None`` when :attr:`url` is ``None``.
    relation: Relation | None = attrs.field(validator=optional(one_of(Relation)))
    #: The social platform the URL belongs to, or ``None``.
    social: SocialMatch | None = attrs.field(
        default=None, validator=optional(instance_of(SocialMatch))
    )
    #: Short notes on anything odd (an unresolvable href, a look-alike rel token ...).
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)
    #: Where the link lands: :attr:`url` with every redirect wrapper the registry knows
    #: peeled off (``l.facebook.com/l.php?u=…``, ``google.com/url?q=…``), else :attr:`url`.
    #: :attr:`relation` and :attr:`is_backlink` are judged on it.
    landing_url: str | None = attrs.field(
        default=attrs.Factory(lambda self: self.url, takes_self=True), validator=_opt_str
    )
    #: The registrable domain of :attr:`landing_url` (:attr:`site` when there is no wrapper).
    landing_site: str | None = attrs.field(
        default=attrs.Factory(lambda self: self.site, takes_self=True), validator=_opt_str
    )
    #: The registry key of the outermost redirect wrapper the link goes through
    #: (``"facebook"``, ``"google"`` ...), or ``None`` for a direct link.
    wrapper: str | None = attrs.field(default=None, validator=_opt_str)
    #: True when the link is an image link: an HTML ``img`` or an inline SVG ``svg``
    #: element stands inside the ``a`` (a ``picture`` counts through its ``img``),
    #: with or without ``alt``; always true for ``area`` (a region of an image map).
    #: ``None`` when the source of the link cannot tell (an ``a`` read from a WAT file).
    has_image: bool | None = attrs.field(default=False, validator=optional(boolean))

    @classmethod
    def _trusted(cls, *values: Any) -> Link:
        """A :class:`Link` from its field values in declaration order, **not validated**.

        For extraction only (:func:`backlinkkit.extract.assemble` and unpickling),
        whose parts were each produced by a checked rule; validating them again
        cost as much as extracting them.  Public construction (``Link(...)``)
        always validates.
        """
        link: Link = object.__new__(cls)
        for put, value in zip(_LINK_SETTERS, values, strict=True):
            put(link, value)
        return link

    @property
    def is_backlink(self) -> bool:
        """True when the link lands on another site over HTTP(S)."""
        if self.relation != "external":
            return False
        if self.wrapper is None:
            return self.scheme in ("http", "https")
        return self.landing_url is not None and self.landing_url.startswith(("http:", "https:"))

    def to_record(self) -> dict[str, Any]:
        """A flat dict with stable keys (see ``docs/extract.md`` for their meaning)."""
        return {
            "position": self.position,
            "tag": self.tag,
            "href": self.href,
            "url": self.url,
            "scheme": self.scheme,
            "host": self.host,
            "site": self.site,
            "text": self.text,
            "anchor": self.anchor,
            "anchor_source": self.anchor_source,
            "has_image": self.has_image,
            **rel_fields(self.rel),
            "followed": self.followed,
            "nofollow_source": self.nofollow_source,
            "region": self.region,
            "relation": self.relation,
            **social_fields(self.social),
            "landing_url": self.landing_url,
            "landing_site": self.landing_site,
            "wrapper": self.wrapper,
            "warnings": " | ".join(self.warnings),
        }


_LINK_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Link))
_LINK_SETTERS: tuple[Callable[[Link, Any], None], ...] = tuple(
    getattr(Link, name).__set__ for name in _LINK_FIELDS
)


@attrs.frozen(slots=True)
class LinkElement:
    """One ``<link>`` element with an ``href`` (canonical, alternate, author, me ...)."""

    #: The parsed ``rel`` attribute.
    rel: Rel = attrs.field(validator=instance_of(Rel))
    #: The ``href`` attribute as delivered by the parser.
    href: str = attrs.field(validator=_str)
    #: The resolved URL, or ``None`` when it cannot be parsed.
    url: str | None = attrs.field(validator=_opt_str)
    #: The ``hreflang`` attribute, when present.
    hreflang: str | None = attrs.field(default=None, validator=_opt_str)
    #: The ``type`` attribute, when present.
    type: str | None = attrs.field(default=None, validator=_opt_str)


@attrs.frozen(slots=True)
class Page:
    """The links of one page and what governs them."""

    #: The page URL, WHATWG-serialized.
    url: str = attrs.field(validator=_str)
    #: The document base URL: the first ``<base href>`` in tree order, resolved against
    #: :attr:`url`, or :attr:`url` itself.
    base_url: str = attrs.field(validator=_str)
    #: The character encoding the page was decoded with (WHATWG name, e.g. ``"utf-8"``).
    encoding: str = attrs.field(validator=_str)
    #: Robots rules for the chosen crawler, from ``<meta>`` and ``X-Robots-Tag``.
    robots: RobotsDirectives = attrs.field(validator=instance_of(RobotsDirectives))
    #: The resolved ``<link rel="canonical">`` URL, or ``None``.
    canonical: str | None = attrs.field(validator=_opt_str)
    #: The page ``<title>`` text, whitespace-collapsed (empty when absent).
    title: str = attrs.field(validator=_str)
    #: Every ``<link>`` element with an ``href``, in document order.
    link_elements: tuple[LinkElement, ...] = attrs.field(
        converter=to_tuple, validator=items_of(LinkElement)
    )
    #: Every ``a``/``area`` element with an ``href``, in document order.
    links: tuple[Link, ...] = attrs.field(converter=to_tuple, validator=items_of(Link))
    #: The site's own declared social profiles (JSON-LD ``sameAs``, ``rel="me"``, Twitter cards).
    claimed_profiles: tuple[ClaimedProfile, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(ClaimedProfile)
    )
    #: Page-level notes (a ``<base>`` that was ignored, a tree depth cap that was hit ...).
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)
    #: What the registry found out about the page's own URL (the platform the page is on),
    #: or ``None`` off social platforms.
    social: SocialMatch | None = attrs.field(
        default=None, validator=optional(instance_of(SocialMatch))
    )
    #: The page's language as the HTML Standard defines the language of the root
    #: element: ``<html lang>``, else the ``<meta http-equiv="content-language">``
    #: pragma, else the ``Content-Language`` header (a BCP 47 tag as written, such as
    #: ``"de-AT"``); ``None`` when unknown (see :mod:`backlinkkit.language`).
    language: str | None = attrs.field(default=None, validator=_opt_str)
    #: The HTTP status the page was served with, when known (from a WARC response
    #: record, a manifest, or ``extract_links(status=...)``); ``None`` when unknown.
    status: int | None = attrs.field(default=None, validator=optional(integer(100, 999)))
    #: Where the response redirects: its ``Location`` header resolved against
    #: :attr:`url`, for a redirect :attr:`status` (301, 302, 303, 307, 308); else ``None``.
    location: str | None = attrs.field(default=None, validator=_opt_str)

    @property
    def platform(self) -> str | None:
        """The registry key of the platform the page is on (``"medium"`` ...), or ``None``."""
        return self.social.platform.key if self.social is not None else None

    def without_links(self) -> Page:
        """This page without its links, link elements and claimed profiles: still a page,
        with its URL, status and robots rules (what a streaming audit keeps of a page
        none of whose links matters)."""
        return attrs.evolve(self, links=(), link_elements=(), claimed_profiles=())

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per link, each with the page's ``page_url`` first."""
        return [{"page_url": self.url, **link.to_record()} for link in self.links]

    @property
    def backlinks(self) -> tuple[Link, ...]:
        """The links that point to another site over HTTP(S)."""
        return tuple(link for link in self.links if link.is_backlink)

    def __repr__(self) -> str:
        """A short summary: URL, links, backlinks and what governs them (the data is in the
        attributes).

        >>> from backlinkkit import extract_links
        >>> extract_links('<meta name=robots content=noindex><a href="https://example.org/">x</a>',
        ...               "https://example.com/a")
        <Page https://example.com/a: 1 link (1 backlink), robots noindex>
        """
        n, b = len(self.links), sum(link.is_backlink for link in self.links)
        parts = [f"{n} link{'s' if n != 1 else ''} ({b} backlink{'s' if b != 1 else ''})"]
        if self.title:
            parts.append(f"title {cut(self.title, 40)!r}")
        if self.platform is not None:
            parts.append(f"on {self.platform}")
        rules = [r for r in ("noindex", "nofollow") if getattr(self.robots, r)]
        if rules:
            parts.append("robots " + " ".join(rules))
        if self.status is not None and not 200 <= self.status < 300:
            parts.append(f"status {self.status}")
        if self.location is not None:
            parts.append(f"redirects to {self.location}")
        if self.canonical is not None and self.canonical != self.url:
            parts.append(f"canonical {self.canonical}")
        return f"<Page {self.url}: {', '.join(parts)}>"
