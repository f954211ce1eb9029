"""The social profiles a page claims as its own.

A site declares its profiles in three places: JSON-LD ``sameAs`` on an
``Organization``, ``Person`` or ``WebSite`` (schema.org), links whose ``rel``
includes ``me`` (XFN / microformats ``rel-me``, which Mastodon uses to verify a
profile), and the Twitter card metas ``twitter:site`` / ``twitter:creator``.
:func:`find_claimed_profiles` merges them into one de-duplicated list, each
entry matched to its platform.

>>> from backlinkkit.social import default_registry
>>> claimed = find_claimed_profiles(
...     ['{"@context": "https://schema.org", "@type": "Organization",'
...      ' "sameAs": ["https://www.facebook.com/acme", "https://twitter.com/acme"]}'],
...     ["https://mastodon.social/@acme"],
...     [("twitter:site", "@acme"), ("twitter:creator", "@jane_doe")],
...     default_registry(),
... )
>>> [(c.source, c.url, c.match.platform.key, c.match.handle) for c in claimed]
... # doctest: +NORMALIZE_WHITESPACE
[('json-ld', 'https://www.facebook.com/acme', 'facebook', 'acme'),
 ('json-ld', 'https://twitter.com/acme', 'x', 'acme'),
 ('rel-me', 'https://mastodon.social/@acme', 'mastodon', 'acme@mastodon.social'),
 ('twitter:creator', 'https://x.com/jane_doe', 'x', 'jane_doe')]

``twitter:site`` named the same X account as the JSON-LD, so it is not
repeated.  Broken JSON never raises: the block is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import attrs
from ada_url import URL

from ._infra import strip_ascii_whitespace
from ._validate import instance_of, one_of, optional, text
from .errors import InvalidInputError
from .social import SocialMatch, SocialRegistry

__all__ = ["IDENTITY_TYPES", "ClaimedProfile", "ProfileSource", "find_claimed_profiles"]

ProfileSource = Literal["json-ld", "rel-me", "twitter:site", "twitter:creator"]


@attrs.frozen(slots=True)
class ClaimedProfile:
    """A profile a page declares as its own (see :func:`find_claimed_profiles`)."""

    #: The profile URL, WHATWG-serialized.
    url: str = attrs.field(validator=text(empty=False))
    #: Where the claim comes from: ``json-ld`` (``sameAs``), ``rel-me``,
    #: ``twitter:site`` or ``twitter:creator``.
    source: ProfileSource = attrs.field(validator=one_of(ProfileSource))
    #: The platform match of :attr:`url`, or ``None`` when no platform is recognised.
    match: SocialMatch | None = attrs.field(validator=optional(instance_of(SocialMatch)))


#: schema.org types whose ``sameAs`` is taken as the site's (or author's) own
#: profiles: ``Organization``, ``Person``, ``WebSite`` and the common
#: subtypes of ``Organization`` (https://schema.org/Organization, "More specific Types").
IDENTITY_TYPES: frozenset[str] = frozenset(
    {
        "Organization",
        "Person",
        "WebSite",
        "Airline",
        "Consortium",
        "Corporation",
        "EducationalOrganization",
        "CollegeOrUniversity",
        "School",
        "FundingScheme",
        "GovernmentOrganization",
        "LibrarySystem",
        "LocalBusiness",
        "Store",
        "Restaurant",
        "ProfessionalService",
        "MedicalOrganization",
        "NGO",
        "NewsMediaOrganization",
        "OnlineBusiness",
        "OnlineStore",
        "PerformingGroup",
        "MusicGroup",
        "PoliticalParty",
        "Project",
        "ResearchOrganization",
        "SportsOrganization",
        "SportsTeam",
        "WorkersUnion",
    }
)

#: X usernames: 1 to 15 letters, digits or underscores (X Help Center, "Help with username
#: registration").
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}\Z")
_MAX_NODES = 10_000
_MAX_DEPTH = 64


def _sequence_of_str(field: str, value: object) -> Sequence[str]:
    """Check *value* is a sequence of ``str`` (not a ``str`` itself)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidInputError(f"{field}={value!r:.60}: expected a sequence of str")
    for item in value:
        if not isinstance(item, str):
            raise InvalidInputError(f"{field}: {item!r:.60} is not a str")
    return value


def _type_names(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    names = set()
    for value in values:
        if isinstance(value, str):
            # "Organization", "schema:Organization", "https://schema.org/Organization"
            names.add(re.split(r"[/#:]", value.strip())[-1])
    return names


def _same_as(node: dict[str, Any]) -> Iterator[str]:
    raw = node.get("sameAs")
    values = raw if isinstance(raw, list) else [raw]
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key in ("@id", "url", "@value"):
                inner = value.get(key)
                if isinstance(inner, str):
                    yield inner
                    break


def _json_ld_urls(blocks: Sequence[str]) -> Iterator[str]:
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue  # broken JSON: skipped, as browsers and crawlers do
        stack: list[tuple[Any, int]] = [(data, 0)]
        seen = 0
        while stack and seen < _MAX_NODES:
            node, depth = stack.pop()
            seen += 1
            if depth > _MAX_DEPTH:
                continue
            if isinstance(node, list):
                stack.extend((item, depth + 1) for item in reversed(node))
                continue
            if not isinstance(node, dict):
                continue
            if _type_names(node) & IDENTITY_TYPES:
                yield from _same_as(node)
            children = [v for k, v in node.items() if k != "sameAs" and isinstance(v, (dict, list))]
            stack.extend((child, depth + 1) for child in reversed(children))


def _absolute(value: str, base_url: str | None) -> str | None:
    value = strip_ascii_whitespace(value)
    if not value:
        return None
    try:
        href: str = URL(value).href if base_url is None else URL(value, base=base_url).href
    except ValueError:
        return None
    return href if href.startswith(("https://", "http://")) else None


def _twitter_url(content: str) -> str | None:
    content = strip_ascii_whitespace(content)
    if content.lower().startswith(("https://", "http://")):
        return _absolute(content, None)
    handle = content[1:] if content.startswith("@") else content
    if not _X_HANDLE.match(handle):
        return None
    return f"https://x.com/{handle}"


def _identity(url: str, match: SocialMatch | None) -> tuple[str, ...]:
    if match is not None and match.handle is not None and match.kind == "profile":
        return ("platform", match.platform.key, match.handle.lower())
    return ("url", url[:-1] if url.endswith("/") else url)


def find_claimed_profiles(
    json_ld: Sequence[str],
    rel_me: Sequence[str],
    metas: Sequence[tuple[str, str]],
    registry: SocialRegistry,
    *,
    base_url: str | None = None,
) -> tuple[ClaimedProfile, ...]:
    """The profiles a page declares as its own, de-duplicated and matched to platforms.

    *json_ld* are the texts of the page's ``<script type="application/ld+json">``
    blocks: ``sameAs`` is read from every node typed ``Organization``,
    ``Person``, ``WebSite`` or a subtype in :data:`IDENTITY_TYPES` (an ``@type``
    array counts when one of its names does), at any depth and inside
    ``@graph``.  A block that is not valid JSON is skipped, never raised.
    *rel_me* are the already-resolved absolute URLs of the ``a``, ``area`` and
    ``link`` elements whose ``rel`` tokens include ``me``.  *metas* are the
    ``(name, content)`` pairs of the page's ``<meta name=...>`` elements; the
    names ``twitter:site`` and ``twitter:creator`` (any case) give
    ``@handle`` → ``https://x.com/handle`` (a full URL is taken as is).
    *base_url* resolves relative ``sameAs`` values; without it they are dropped.

    Only http(s) URLs are kept, WHATWG-serialized.  Order: JSON-LD, then
    ``rel=me``, then ``twitter:site``, then ``twitter:creator``; a URL already
    listed, or a profile naming the same platform account (handles compared
    case-insensitively), is not repeated.  ``match`` is ``None`` for URLs of
    no known platform (a Wikidata entry, the site itself ...).

    Raises :class:`~backlinkkit.errors.InvalidInputError` when an argument has
    the wrong type (a single ``str`` where a sequence is expected, for instance).
    """
    _sequence_of_str("json_ld", json_ld)
    _sequence_of_str("rel_me", rel_me)
    if isinstance(metas, (str, bytes)) or not isinstance(metas, Sequence):
        raise InvalidInputError(f"metas={metas!r:.60}: expected a sequence of (name, content)")
    for pair in metas:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], str)
        ):
            raise InvalidInputError(f"metas: {pair!r:.60} is not a (name, content) pair of str")
    if not isinstance(registry, SocialRegistry):
        raise InvalidInputError(f"registry={registry!r:.60}: expected a SocialRegistry")
    if base_url is not None and not isinstance(base_url, str):
        raise InvalidInputError(f"base_url={base_url!r:.60}: expected str or None")

    candidates: list[tuple[str, str]] = []
    candidates.extend(("json-ld", url) for url in _json_ld_urls(json_ld))
    candidates.extend(("rel-me", url) for url in rel_me)
    for wanted in ("twitter:site", "twitter:creator"):
        for name, content in metas:
            if strip_ascii_whitespace(name).lower() == wanted:
                url = _twitter_url(content)
                if url is not None:
                    candidates.append((wanted, url))

    seen: set[tuple[str, ...]] = set()
    claimed: list[ClaimedProfile] = []
    for source, raw in candidates:
        url = raw if source.startswith("twitter:") else _absolute(raw, base_url)
        if url is None:
            continue
        match = registry.match(url)
        identity = _identity(url, match)
        url_identity = ("url", url[:-1] if url.endswith("/") else url)
        if identity in seen or url_identity in seen:
            continue
        seen.add(identity)
        seen.add(url_identity)
        claimed.append(ClaimedProfile(url=url, source=source, match=match))  # type: ignore[arg-type]
    return tuple(claimed)
