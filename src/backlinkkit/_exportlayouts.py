"""The export layouts backlinkkit knows (private to :mod:`backlinkkit.exports`).

Each :class:`Layout` maps the header texts of one vendor report (from
``shared/reference/seo-data.md`` §1) to the fields of
:class:`~backlinkkit.exports.ExportedBacklink`.  Header texts are compared after
:func:`header_key` (case-folded, everything but letters and digits removed), so
``Referring page URL``, ``Referring Page URL`` and ``referring_page_url`` are one
column.  A header is matched by every layout whose *required* columns it has; the
layout that recognises most of its columns wins (on a tie, the layout with fewer
columns: the closer fit).  Columns no layout field takes are kept as ``extra``.

>>> match_header(["Source Url", "Anchor text", "Target Url"], None).name
'bing-backlinks'
>>> match_header(["Domain", "Backlinks Count"], "bing").name
'bing-referring-domains'
>>> match_header(["Site", "Anchor"], None) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._tables import CellError, count, day

__all__ = [
    "LAYOUTS",
    "VENDORS",
    "VENDOR_NAMES",
    "Layout",
    "header_key",
    "match_header",
    "match_shape",
]

#: Vendor keys, as ``read_export(vendor=...)`` takes them.
VENDORS: tuple[str, ...] = ("ahrefs", "semrush", "moz", "majestic", "gsc", "bing", "screamingfrog")
#: How each vendor is named in messages.
VENDOR_NAMES: dict[str, str] = {
    "ahrefs": "Ahrefs",
    "semrush": "Semrush",
    "moz": "Moz",
    "majestic": "Majestic",
    "gsc": "Google Search Console",
    "bing": "Bing Webmaster Tools",
    "screamingfrog": "Screaming Frog",
}


def header_key(text: str) -> str:
    """A header text reduced to lower-case letters and digits."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@attrs.frozen(slots=True, eq=False)  # one object per layout: compared by identity
class Layout:
    """One vendor report: header key -> ``field:kind`` and the columns it must have."""

    name: str
    vendor: str
    #: header key -> (field, kind); kinds: url, text, title, count, metric, flag, date,
    #: rel, linktype (the column's name is the link type when its flag is true),
    #: nofollow-only / follow-only (Moz), lost-flag.
    columns: dict[str, tuple[str, str]]
    required: frozenset[str]
    #: The field a row cannot be without.
    key: str


def _layout(name: str, vendor: str, key: str, required: str, spec: str) -> Layout:
    columns: dict[str, tuple[str, str]] = {}
    for line in spec.strip().splitlines():
        headers, _, target = line.partition(" = ")
        field, _, kind = target.strip().partition(":")
        for header in headers.split("|"):
            columns[header_key(header)] = (field, kind)
    needed = frozenset(header_key(h) for h in required.split("|"))
    missing = needed - columns.keys()
    assert not missing, (name, missing)
    return Layout(name, vendor, columns, needed, key)


_AHREFS_LINK = """
Referring page title = source_title:title
Referring page URL = source_url:url
Domain rating|DR = dr:metric
UR|URL rating = ur:metric
Linked domains = outbound_domains:count
External links = outbound_links:count
Target URL = target_url:url
Anchor = anchor:text
Type = link_type:text
Nofollow = nofollow:flag
UGC = ugc:flag
Sponsored = sponsored:flag
Drop reason = lost_reason:title
First seen = first_seen:date
Last seen = last_seen:date
Lost = lost_on:date
"""

_SEMRUSH = """
Page ascore = page_as:metric
Source title = source_title:title
Source url = source_url:url
Target url = target_url:url
Anchor = anchor:text
External links = outbound_links:count
Nofollow = nofollow:flag
Sponsored = sponsored:flag
Ugc = ugc:flag
Text = text:linktype
Frame = frame:linktype
Form = form:linktype
Image = image:linktype
Sitewide = sitewide:flag
First seen = first_seen:date
Last seen = last_seen:date
New link = new:flag
Lost link = lost:lost-flag
"""

LAYOUTS: tuple[Layout, ...] = (
    _layout(
        "ahrefs-backlinks", "ahrefs", "source_url", "Referring page URL|Target URL", _AHREFS_LINK
    ),
    _layout(
        "ahrefs-referring-domains",
        "ahrefs",
        "source_domain",
        "Domain|Links to target",
        """
        Domain = source_domain:url
        DR|Domain rating = dr:metric
        Links to target = links:count
        First seen = first_seen:date
        Lost = lost_on:date
        """,
    ),
    _layout(
        "ahrefs-anchors",
        "ahrefs",
        "anchor",
        "Anchor text|Ref. domains",
        """
        Anchor text = anchor:text
        Ref. domains = linking_sites:count
        Ref. pages = linking_pages:count
        Links to target = links:count
        First seen = first_seen:date
        Lost = lost_on:date
        """,
    ),
    _layout("semrush-backlinks", "semrush", "source_url", "Source url|Target url", _SEMRUSH),
    _layout(
        "semrush-backlink-audit",
        "semrush",
        "source_url",
        "Source url|Target url|Toxicity Score",
        """
        Source title = source_title:title
        Source url = source_url:url
        Target url = target_url:url
        Anchor = anchor:text
        Toxicity Score = toxicity_score:metric
        First seen = first_seen:date
        Last seen = last_seen:date
        Nofollow = nofollow:flag
        """,
    ),
    _layout(
        "moz-links",
        "moz",
        "source_url",
        "URL|Target URL",
        """
        URL = source_url:url
        Title = source_title:title
        Anchor Text = anchor:text
        Spam Score = spam_score:metric
        Page Authority = pa:metric
        Domain Authority = da:metric
        Target URL = target_url:url
        Only rel=nofollow = nofollow:nofollow-only
        Only follow = nofollow:follow-only
        """,
    ),
    _layout(
        "majestic-backlinks",
        "majestic",
        "source_url",
        "SourceURL|TargetURL|SourceTrustFlow",
        """
        SourceURL = source_url:url
        AnchorText = anchor:text
        SourceTrustFlow = tf:metric
        SourceCitationFlow = cf:metric
        Domain = source_domain:url
        DomainTrustFlow = domain_tf:metric
        DomainCitationFlow = domain_cf:metric
        FirstIndexedDate = first_seen:date
        LinkType = link_type:text
        TargetURL = target_url:url
        FlagNoFollow = nofollow:flag
        FlagDeleted = lost:lost-flag
        LastSeenDate = last_seen:date
        DateLost = lost_on:date
        ReasonLost = lost_reason:title
        """,
    ),
    _layout(
        "majestic-backlinks-older",
        "majestic",
        "source_url",
        "Source URL|Target URL|FlagNoFollow",
        """
        Target URL = target_url:url
        Source URL = source_url:url
        Anchor Text = anchor:text
        Source Crawl Date = last_seen:date
        Source First Found Date = first_seen:date
        FlagNoFollow = nofollow:flag
        SourceCitationFlow = cf:metric
        SourceTrustFlow = tf:metric
        """,
    ),
    _layout(
        "gsc-top-linking-sites",
        "gsc",
        "source_domain",
        "Site|Linking pages",
        """
        Site = source_domain:url
        Linking pages = linking_pages:count
        Target pages = target_pages:count
        """,
    ),
    _layout(
        "gsc-top-linked-pages",
        "gsc",
        "target_url",
        "Target page|Incoming links",
        """
        Target page = target_url:url
        Incoming links = links:count
        Linking sites = linking_sites:count
        """,
    ),
    _layout(
        "gsc-latest-links",
        "gsc",
        "source_url",
        "Linking page|Last crawled",
        """
        Linking page = source_url:url
        Last crawled = last_seen:date
        """,
    ),
    _layout(
        "gsc-sample-links", "gsc", "source_url", "Linking page", "Linking page = source_url:url"
    ),
    _layout(
        "bing-referring-domains",
        "bing",
        "source_domain",
        "Domain|Backlinks Count",
        """
        Domain = source_domain:url
        Backlinks Count = links:count
        """,
    ),
    _layout(
        "bing-backlinks",
        "bing",
        "source_url",
        "Source Url|Anchor text|Target Url",
        """
        Source Url = source_url:url
        Anchor text = anchor:text
        Target Url = target_url:url
        """,
    ),
    _layout(
        "bing-anchors",
        "bing",
        "anchor",
        "Anchor|Backlinks Count",
        """
        Anchor = anchor:text
        Backlinks Count = links:count
        """,
    ),
    _layout(
        "screamingfrog-links",
        "screamingfrog",
        "source_url",
        "Source|Destination",
        """
        Type = link_type:text
        Source = source_url:url
        Destination = target_url:url
        Alt Text = alt:text
        Anchor = anchor:text
        Rel = nofollow:rel
        Link Position = position:title
        """,
    ),
)


def match_header(fields: Sequence[str], vendor: str | None) -> Layout | None:
    """The layout that fits a header row best (of *vendor*'s layouts when given)."""
    present = {key for key in (header_key(f) for f in fields) if key}
    best: tuple[int, int] | None = None
    chosen: Layout | None = None
    for layout in LAYOUTS:
        if vendor is not None and layout.vendor != vendor:
            continue
        if not layout.required <= present:
            continue
        score = (len(present & layout.columns.keys()), -len(layout.columns))
        if best is None or score > best:
            best, chosen = score, layout
    return chosen


def _is_url(cell: str) -> bool:
    lowered = cell.strip().lower()
    return lowered.startswith(("http://", "https://")) and " " not in lowered


def _is_site(cell: str) -> bool:
    text = cell.strip()
    return "." in text and " " not in text and "/" not in text and not text.startswith(".")


def _is_count(cell: str) -> bool:
    try:
        return count(cell) is not None
    except CellError:
        return False


def _is_date(cell: str) -> bool:
    try:
        return day(cell) is not None
    except CellError:
        return False


def match_shape(header: Sequence[str], first: Sequence[str]) -> Layout | None:
    """A Search Console layout recognised by the shape of its first data row, for headers
    in a language this reader has no texts for (Search Console localises them)."""
    if len(header) != len(first):
        return None
    by_name = {layout.name: layout for layout in LAYOUTS}
    if len(first) == 1 and _is_url(first[0]):
        return by_name["gsc-sample-links"]
    if len(first) == 2 and _is_url(first[0]) and _is_date(first[1]):
        return by_name["gsc-latest-links"]
    if len(first) == 3 and _is_count(first[1]) and _is_count(first[2]):
        if _is_url(first[0]):
            return by_name["gsc-top-linked-pages"]
        if _is_site(first[0]):
            return by_name["gsc-top-linking-sites"]
    return None
