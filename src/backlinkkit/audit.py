"""A backlink audit: every link from a set of pages to one site, scored and summarised.

:func:`audit` takes extracted pages and a target site, finds every link whose
landing URL (the URL with every redirect wrapper the registry knows peeled
off, as extraction recorded it in :attr:`~backlinkkit.page.Link.landing_url`)
is on the target, scores each with a :class:`~backlinkkit.scoring.ScoringModel`,
and returns a :class:`BacklinkProfile`: the scored backlinks, a summary and
flat records.  This module only aggregates; the text, HTML and DataFrame views
are in :mod:`backlinkkit.report`, the figure in :mod:`backlinkkit.plot`.

>>> from backlinkkit import extract_links
>>> page = extract_links(
...     '<article><a href="https://example.com/guide">guide</a>'
...     '<a href="https://example.com/" rel="nofollow">home</a></article>',
...     "https://blog.example.org/post",
... )
>>> profile = audit([page], "example.com")
>>> [(b.link_type, round(b.value.direct, 3)) for b in profile.backlinks]
[('followed', 1.344), ('nofollow', 0.0)]
>>> profile.summary.referring_domains
1
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs
import tldextract
from ada_url import URL

from ._infra import ascii_lower
from ._validate import (
    boolean,
    choices,
    instance_of,
    integer,
    items_of,
    number,
    one_of,
    optional,
    require,
    text,
    to_float,
    to_tuple,
    type_error,
    value_error,
)
from .anchors import fold_anchor
from .disavow import Disavow
from .errors import InvalidInputError, InvalidValueError
from .expected import url_key
from .page import REGIONS, Link, Page
from .referrals import Referral, Referrals, landing_key
from .scoring import Engagement, LinkValue, ScoringModel, SourceMetrics
from .scoring.inputs import check_aware
from .urls import extractor_or_default, parse_absolute_url, parse_target, registrable_domain

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from matplotlib.figure import Figure

    from .anchors import AnchorDistribution
    from .candidates import DisavowCandidates, DisavowRule

__all__ = [
    "AGGREGATION",
    "BOILERPLATE_WEIGHT",
    "LINK_TYPES",
    "RECORD_KEYS",
    "REFERRAL_RULE",
    "TEMPLATE_REGIONS",
    "Backlink",
    "BacklinkProfile",
    "DomainTotals",
    "LinkType",
    "ProfileCoverage",
    "ProfileSummary",
    "ReferralCredit",
    "ShareLink",
    "UnmatchedReferral",
    "audit",
    "for_audit",
    "link_type",
]

LinkType = Literal["followed", "nofollow", "ugc", "sponsored", "robots-nofollow"]

#: The link types, in the order they are reported.
LINK_TYPES: tuple[LinkType, ...] = choices(LinkType)

#: The keys of :meth:`Backlink.to_record`, in order.
RECORD_KEYS: tuple[str, ...] = (
    "page_url",
    "referring_domain",
    "platform",
    "position",
    "url",
    "target_url",
    "via",
    "anchor",
    "anchor_source",
    "has_image",
    "tag",
    "language",
    "region",
    "sitewide",
    "repeats",
    "rel",
    "link_type",
    "followed",
    "direct",
    "direct_if_open",
    "counted",
    "authority",
    "gates",
    "disavowed",
    "social",
    "social_visits_delivered",
    "social_visits_remaining",
    "impressions_delivered",
    "impressions_remaining",
    "engagement_delivered",
    "engagement_remaining",
    "referring_domains_low",
    "referring_domains_central",
    "referring_domains_high",
    "referral_sessions",
    "coverage_authority",
    "coverage_metric",
    "coverage_engagement",
    "coverage_traffic",
    "coverage_age",
    "coverage_credit",
    "coverage_lifetime",
    "defaults_only",
)

#: The regions of a page template: a backlink standing in one of them is boilerplate
#: (flagged :attr:`Backlink.sitewide`).  Screaming Frog's "Link Position" names the same
#: template positions (Navigation, Header, Footer, Aside); Ahrefs flags a link that
#: "appears in all pages of a single website, such as in a footer or header".
TEMPLATE_REGIONS: tuple[str, ...] = ("nav", "header", "footer", "aside")

#: The weight a sitewide or template backlink's direct value is counted with when a
#: referring domain's links are added up (:attr:`Backlink.counted`): ``w_boiler`` of
#: ``../shared/reference/scoring-evidence.md`` §6.1, the default ``boilerplate_weight=0.5``
#: of pagerankr (CRAN) for template links; Google's link-schemes guidance names
#: "widely distributed links in the footers of various sites".  Grade: [E] for the code
#: default, [F] for its effect.
BOILERPLATE_WEIGHT = 0.5

#: How :attr:`DomainTotals.counted` and :attr:`ProfileSummary.direct_counted` add up.
AGGREGATION = (
    "per referring domain: a link repeated on several pages once, "
    f"sitewide and template links × {BOILERPLATE_WEIGHT:g}"
)

#: How :func:`audit` credits measured referral sessions (``referrals=``) to backlinks.
REFERRAL_RULE = (
    "a row's sessions go to the backlinks whose landing URL has the row's landing page "
    "(landing_key: no fragment, no tracking parameters), on pages its source can have sent "
    "them from: a platform source (l.facebook.com, t.co ...) only links on pages of that "
    "platform or through its wrapper; a host source (blog.example.org) only links on pages "
    "of that host (www. aside); search, paid, email and direct sessions to none; shared "
    "equally by the pages that qualify, and on a page by the links' weights"
)

#: Mediums (GA4 default channel rules, ``../shared/reference/seo-data.md`` §2) whose
#: sessions no backlink brought: search, paid, email, direct.
NOT_REFERRAL_MEDIA = frozenset(
    {"organic", "cpc", "ppc", "paid", "paidsearch", "paid-search", "email", "e-mail", "(none)"}
)

_HOSTLIKE = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?")

_text = text()
_opt_text = optional(text())
_count = integer(0)
_amount = number(0.0)
_share = number(0.0, 1.0)


def _check_counts(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of ``(name, count)`` pairs."""
    items_of(tuple)(instance, attribute, value)
    owner = f"{type(instance).__name__}.{attribute.name}"
    for i, pair in enumerate(value):
        if len(pair) != 2 or not isinstance(pair[0], str):
            raise type_error(f"{owner}[{i}]", pair, "a (str, int) pair")
        if isinstance(pair[1], bool) or not isinstance(pair[1], int):
            raise type_error(f"{owner}[{i}]", pair, "a (str, int) pair")
        if pair[1] < 0:
            raise value_error(f"{owner}[{i}]", pair, "a count cannot be negative")


def _counts(value: Any) -> Any:
    value = to_tuple(value)
    if isinstance(value, tuple):
        return tuple(to_tuple(pair) for pair in value)
    return value


def link_type(link: Link) -> LinkType:
    """One type per link: ``sponsored`` > ``ugc`` > ``nofollow`` > ``robots-nofollow`` > followed.

    A link with several qualifiers (``rel="ugc nofollow"``) gets the most specific one.

    >>> from backlinkkit import extract_links
    >>> page = extract_links('<a href="https://example.com/" rel="nofollow ugc">x</a>',
    ...                      "https://forum.example.net/")
    >>> link_type(page.links[0])
    'ugc'
    """
    require("link", link, Link)
    rel = link.rel
    if rel.sponsored:
        return "sponsored"
    if rel.ugc:
        return "ugc"
    if rel.nofollow:
        return "nofollow"
    if not link.followed:
        return "robots-nofollow"
    return "followed"


@attrs.frozen(slots=True)
class Backlink:
    """One link from a page to the target site, and its value."""

    #: The URL of the linking page.
    page_url: str = attrs.field(validator=_text)
    #: The registrable domain of the linking page.
    referring_domain: str = attrs.field(validator=_text)
    #: The registry key of the platform the linking page is on (:attr:`Page.platform
    #: <backlinkkit.page.Page.platform>`: ``"medium"``, ``"facebook"`` ...), or ``None``
    #: for a page on no platform the registry knows.
    platform: str | None = attrs.field(validator=_opt_text)
    #: The link as extracted.
    link: Link = attrs.field(validator=instance_of(Link))
    #: Where the link lands on the target site (:attr:`Link.landing_url
    #: <backlinkkit.page.Link.landing_url>`).
    target_url: str = attrs.field(validator=_text)
    #: The registry key of the outermost redirect wrapper the link goes through
    #: (``"facebook"``, ``"google"`` ...: :attr:`Link.wrapper
    #: <backlinkkit.page.Link.wrapper>`), or ``None`` for a direct link.
    via: str | None = attrs.field(validator=_opt_text)
    #: The link's type (see :func:`link_type`).
    link_type: LinkType = attrs.field(validator=one_of(LinkType))
    #: Its direct and social values.
    value: LinkValue = attrs.field(validator=instance_of(LinkValue))
    #: True when the link is boilerplate: it stands in a template region
    #: (:data:`TEMPLATE_REGIONS`) or recurs on several pages of the referring domain
    #: (the same landing URL and anchor; see :attr:`repeats`).
    sitewide: bool = attrs.field(default=False, validator=boolean)
    #: Why it is :attr:`sitewide` (``"footer"``, ``"on 3 pages"`` ...), or ``None``.
    sitewide_reason: str | None = attrs.field(default=None, validator=_opt_text)
    #: On how many audited pages of the referring domain the same link (landing URL
    #: without fragment, anchor folded) stands.
    repeats: int = attrs.field(default=1, validator=integer(1))
    #: The direct value this link adds to its referring domain's total
    #: (:attr:`DomainTotals.counted`): its :attr:`value`'s direct value, ×
    #: :data:`BOILERPLATE_WEIGHT` when sitewide, and 0 for every copy of a repeated link
    #: but its best.
    counted: float = attrs.field(
        default=attrs.Factory(lambda self: self.value.direct, takes_self=True),
        converter=to_float,
        validator=_amount,
    )
    #: The linking page's authority score (0-100) from the audit's *sources*, or
    #: ``None`` when it was not given.
    authority: float | None = attrs.field(default=None, validator=optional(number(0.0, 100.0)))
    #: True when the audit's *disavow* file covers the linking page (its URL or its
    #: domain): Google ignores the link, so it adds nothing to any direct total
    #: (:attr:`counted` is 0); its social value is unchanged.
    disavowed: bool = attrs.field(default=False, validator=boolean)
    #: Measured referral sessions the audit's *referrals* credited to this link
    #: (:data:`REFERRAL_RULE`), or ``None`` when none were measured for it.
    referral_sessions: float | None = attrs.field(default=None, validator=optional(_amount))
    #: The source metrics the link was scored with (``None``: none given).
    source: SourceMetrics | None = attrs.field(
        default=None, validator=optional(instance_of(SourceMetrics)), repr=False
    )
    #: The linking page's language (:attr:`Page.language
    #: <backlinkkit.page.Page.language>`), or ``None`` when unknown; the anchor
    #: categories read generic phrases in it.
    language: str | None = attrs.field(default=None, validator=_opt_text)

    def to_record(self) -> dict[str, Any]:
        """A flat dict with the keys of :data:`RECORD_KEYS`: social amounts by unit
        (``None`` where unknown) and what each value rests on (``coverage_*``)."""
        value = self.value
        delivered, remaining = value.social.delivered, value.social.remaining
        found = remaining.referring_domains
        cov = value.coverage
        return {
            "page_url": self.page_url,
            "referring_domain": self.referring_domain,
            "platform": self.platform,
            "position": self.link.position,
            "url": self.link.url,
            "target_url": self.target_url,
            "via": self.via,
            "anchor": self.link.anchor,
            "anchor_source": self.link.anchor_source,
            "has_image": self.link.has_image,
            "tag": self.link.tag,
            "language": self.language,
            "region": self.link.region,
            "sitewide": self.sitewide,
            "repeats": self.repeats,
            "rel": " ".join(self.link.rel.tokens),
            "link_type": self.link_type,
            "followed": self.link.followed,
            "direct": value.direct,
            "direct_if_open": value.explain().direct_if_open,
            "counted": self.counted,
            "authority": self.authority,
            "gates": " ".join(value.gates),
            "disavowed": self.disavowed,
            "social": value.social_visits,
            "social_visits_delivered": delivered.visits,
            "social_visits_remaining": remaining.visits,
            "impressions_delivered": delivered.impressions,
            "impressions_remaining": remaining.impressions,
            "engagement_delivered": delivered.engagement,
            "engagement_remaining": remaining.engagement,
            "referring_domains_low": None if found is None else found.low,
            "referring_domains_central": None if found is None else found.central,
            "referring_domains_high": None if found is None else found.high,
            "referral_sessions": self.referral_sessions,
            "coverage_authority": cov.authority,
            "coverage_metric": cov.metric,
            "coverage_engagement": cov.engagement,
            "coverage_traffic": cov.traffic,
            "coverage_age": cov.age,
            "coverage_credit": cov.credit,
            "coverage_lifetime": cov.lifetime,
            "defaults_only": cov.defaults_only,
        }


@attrs.frozen(slots=True)
class DomainTotals:
    """The backlinks from one referring domain, added up."""

    #: The referring domain.
    domain: str = attrs.field(validator=_text)
    #: Its number of backlinks.
    links: int = attrs.field(validator=_count)
    #: How many of them are followed.
    followed: int = attrs.field(validator=_count)
    #: Their direct value (links already disavowed left out).
    direct: float = attrs.field(converter=to_float, validator=_amount)
    #: Their social value.
    social: float = attrs.field(converter=to_float, validator=_amount)
    #: How many of them are sitewide or template links.
    sitewide: int = attrs.field(default=0, validator=_count)
    #: Their direct value counted as :data:`AGGREGATION` says (the sum of
    #: :attr:`Backlink.counted`); :attr:`direct` is the plain sum.
    counted: float = attrs.field(
        default=attrs.Factory(lambda self: self.direct, takes_self=True),
        converter=to_float,
        validator=_amount,
    )
    #: How :attr:`counted` was aggregated.
    aggregation: str = attrs.field(default=AGGREGATION, validator=_text, repr=False)
    #: How many of them have remaining social value unknown (no lifetime curve: web
    #: pages; :attr:`ProfileCoverage.lifetime_unknown`): :attr:`social` counts what they
    #: delivered only.
    lifetime_unknown: int = attrs.field(default=0, validator=_count)


@attrs.frozen(slots=True)
class ShareLink:
    """A share button (a link the registry classifies as ``share``: ``twitter.com/intent/
    tweet``, ``facebook.com/sharer`` ...) that lands on the target: not a backlink."""

    #: The URL of the page it is on.
    page_url: str = attrs.field(validator=_text)
    #: The registrable domain of that page.
    referring_domain: str = attrs.field(validator=_text)
    #: The link as extracted.
    link: Link = attrs.field(validator=instance_of(Link))


@attrs.frozen(slots=True)
class ProfileCoverage:
    """How many backlinks each kind of data was known for (unknown is not zero)."""

    #: Backlinks counted.
    backlinks: int = attrs.field(default=0, validator=_count)
    #: With an authority metric given (the rest use the model's default).
    authority: int = attrs.field(default=0, validator=_count)
    #: With engagement data: their page's engagement was given (counts, clicks,
    #: impressions, followers), or measured sessions were credited to them (a link on a
    #: page whose sessions all landed through its other links has none).
    engagement: int = attrs.field(default=0, validator=_count)
    #: Whose visits were measured (referral sessions or clicks given).
    measured: int = attrs.field(default=0, validator=_count)
    #: Whose visits were estimated (from impressions, engagement or followers).
    estimated: int = attrs.field(default=0, validator=_count)
    #: Whose visits are unknown.
    unknown: int = attrs.field(default=0, validator=_count)
    #: Whose values rest on the model's defaults alone (no authority, no engagement).
    defaults_only: int = attrs.field(default=0, validator=_count)
    #: Whose remaining social amounts rest on a lifetime curve (:attr:`Coverage.lifetime
    #: <backlinkkit.scoring.Coverage.lifetime>` ``"known"``).
    lifetime_known: int = attrs.field(default=0, validator=_count)
    #: Whose remaining social value is unknown although engagement data was given: their
    #: platform has no lifetime curve for a metric given (web pages; ``Coverage.lifetime``
    #: ``"unknown"``), so the totals count what they delivered only.  The rest
    #: (``backlinks - lifetime_known - lifetime_unknown``) had no engagement data.
    lifetime_unknown: int = attrs.field(default=0, validator=_count)
    #: The keys of the platform parameters without a lifetime curve behind those
    #: (``("web",)``: web pages), sorted.
    no_lifetime: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )

    def __attrs_post_init__(self) -> None:
        if self.lifetime_known + self.lifetime_unknown > self.backlinks:
            raise value_error(
                "ProfileCoverage.lifetime_unknown",
                self.lifetime_unknown,
                f"with lifetime_known={self.lifetime_known}, more than the "
                f"{self.backlinks} backlinks",
            )

    @property
    def remaining_partial(self) -> bool:
        """True when a remaining total adds up some backlinks' remaining amounts but not
        all of those with engagement data (the rest are unknown, not 0)."""
        return self.lifetime_known > 0 and self.lifetime_unknown > 0

    def __str__(self) -> str:
        from .report import coverage_text

        return coverage_text(self)


def _coverage_of(backlinks: Iterable[Backlink]) -> ProfileCoverage:
    counts = Counter[str]()
    no_lifetime: set[str] = set()
    n = 0
    for b in backlinks:
        n += 1
        c = b.value.coverage
        counts["authority"] += c.authority == "given"
        counts["engagement"] += c.engagement
        counts[c.traffic] += 1
        counts["defaults_only"] += c.defaults_only
        counts[f"lifetime {c.lifetime}"] += 1
        if c.lifetime == "unknown":
            no_lifetime.add(b.value.params_key)
    return ProfileCoverage(
        n,
        counts["authority"],
        counts["engagement"],
        counts["measured"],
        counts["estimated"],
        counts["unknown"],
        counts["defaults_only"],
        counts["lifetime known"],
        counts["lifetime unknown"],
        sorted(no_lifetime),
    )


@attrs.frozen(slots=True)
class UnmatchedReferral:
    """A row of the audit's *referrals* that no backlink was credited with, and why."""

    #: The row as read.
    referral: Referral = attrs.field(validator=instance_of(Referral))
    #: Why it matched no backlink.
    reason: str = attrs.field(validator=_text)

    @property
    def sessions(self) -> int:
        return self.referral.sessions

    def to_record(self) -> dict[str, Any]:
        """The row's record with a ``reason`` key."""
        return {**self.referral.to_record(), "reason": self.reason}


@attrs.frozen(slots=True)
class ReferralCredit:
    """What the audit did with measured referral sessions (see :data:`REFERRAL_RULE`)."""

    #: Rows read and their sessions.
    rows: int = attrs.field(validator=_count)
    sessions: int = attrs.field(validator=_count)
    #: Rows credited to backlinks, and their sessions.
    credited_rows: int = attrs.field(validator=_count)
    credited_sessions: int = attrs.field(validator=_count)
    #: Backlinks credited with measured sessions.
    backlinks: int = attrs.field(validator=_count)
    #: Rows that matched no backlink (:attr:`BacklinkProfile.unmatched_referrals`).
    unmatched_rows: int = attrs.field(validator=_count)
    unmatched_sessions: int = attrs.field(validator=_count)
    #: The rule.
    rule: str = attrs.field(default=REFERRAL_RULE, validator=_text, repr=False)


@attrs.frozen(slots=True)
class ProfileSummary:
    """Counts and totals of a :class:`BacklinkProfile`."""

    #: The target site.
    target: str = attrs.field(validator=_text)
    #: Pages audited.
    pages: int = attrs.field(validator=_count)
    #: Items that were not pages (error records from batch extraction), skipped.
    errors: int = attrs.field(validator=_count)
    #: Pages with at least one backlink to the target.
    linking_pages: int = attrs.field(validator=_count)
    #: Links from pages of the target's own site to it (not backlinks; skipped).
    own_site_links: int = attrs.field(validator=_count)
    #: Backlinks found.
    backlinks: int = attrs.field(validator=_count)
    #: Distinct referring domains.
    referring_domains: int = attrs.field(validator=_count)
    #: Backlinks per type, in the order of :data:`LINK_TYPES`.
    link_types: tuple[tuple[str, int], ...] = attrs.field(
        converter=_counts, validator=_check_counts
    )
    #: Backlinks per region (regions with none left out).
    regions: tuple[tuple[str, int], ...] = attrs.field(converter=_counts, validator=_check_counts)
    #: Backlinks per registry platform of the linking page, most first (pages on no
    #: platform are counted in :attr:`off_platform`).
    platforms: tuple[tuple[str, int], ...] = attrs.field(converter=_counts, validator=_check_counts)
    #: Total direct value.
    direct_total: float = attrs.field(converter=to_float, validator=_amount)
    #: Total social value, in visits: delivered + remaining visits of every backlink
    #: (:attr:`social_delivered` + :attr:`social_remaining`; a backlink whose visits are
    #: unknown adds 0, and :attr:`coverage` says how many those are).
    social_total: float = attrs.field(converter=to_float, validator=_amount)
    #: The referring domain with the most direct value, counted as :attr:`aggregation`
    #: says (most backlinks when all are 0).
    top_domain: str | None = attrs.field(validator=_opt_text)
    #: The top domain's share of :attr:`direct_counted` (0 when it is 0).
    top_domain_direct_share: float = attrs.field(converter=to_float, validator=_share)
    #: The largest share of backlinks any one referring domain has.
    top_domain_link_share: float = attrs.field(converter=to_float, validator=_share)
    #: Backlinks from pages on no platform the registry knows.
    off_platform: int = attrs.field(default=0, validator=_count)
    #: Backlinks flagged :attr:`Backlink.sitewide`.
    sitewide: int = attrs.field(default=0, validator=_count)
    #: The direct total counted as :attr:`aggregation` says (the sum of
    #: :attr:`Backlink.counted`); :attr:`direct_total` is the plain sum over links.
    direct_counted: float = attrs.field(
        default=attrs.Factory(lambda self: self.direct_total, takes_self=True),
        converter=to_float,
        validator=_amount,
    )
    #: How :attr:`direct_counted` and :attr:`top_domain` were aggregated.
    aggregation: str = attrs.field(default=AGGREGATION, validator=_text, repr=False)
    #: Share buttons that land on the target, left out of every count and value
    #: (``audit(..., include_shares=True)`` keeps them as backlinks).
    shares: int = attrs.field(default=0, validator=_count)
    #: Notes on what the target covers (a host target narrows the audit; a platform's
    #: other domains count too).
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(str))
    #: How many backlinks had authority, engagement and measured traffic.
    coverage: ProfileCoverage = attrs.field(
        factory=ProfileCoverage, validator=instance_of(ProfileCoverage)
    )
    #: What was done with the audit's *referrals* (``None`` when none were given).
    referrals: ReferralCredit | None = attrs.field(
        default=None, validator=optional(instance_of(ReferralCredit))
    )
    #: Backlinks from pages the audit's *disavow* file covers (left out of direct totals).
    disavowed: int = attrs.field(default=0, validator=_count)
    #: Visits the backlinks have delivered, added over those whose delivered visits are
    #: known (``None`` when none are).
    social_delivered: float | None = attrs.field(
        default=None, converter=to_float, validator=optional(_amount)
    )
    #: Visits still to come, added over the backlinks whose remaining visits are known
    #: (``None`` when none are: unknown, not 0).  A partial sum when
    #: :attr:`ProfileCoverage.remaining_partial`: the ``coverage.lifetime_unknown``
    #: backlinks have no lifetime curve (web pages) and add nothing to it; the coverage
    #: counts say so, as they say for how many backlinks authority was known.
    social_remaining: float | None = attrs.field(
        default=None, converter=to_float, validator=optional(_amount)
    )

    def __str__(self) -> str:
        from .report import summary_text

        return summary_text(self)


@attrs.frozen(slots=True)
class BacklinkProfile:
    """The scored backlinks of one target site, with a summary."""

    #: The target site (a registrable domain or a host name).
    target: str = attrs.field(validator=_text)
    #: True when :attr:`target` is a registrable domain (every host under it counts).
    target_is_domain: bool = attrs.field(validator=boolean)
    #: The backlinks, in page order and then document order.
    backlinks: tuple[Backlink, ...] = attrs.field(converter=to_tuple, validator=items_of(Backlink))
    #: Counts and totals.
    summary: ProfileSummary = attrs.field(validator=instance_of(ProfileSummary))
    #: The model that scored them.
    model: ScoringModel = attrs.field(validator=instance_of(ScoringModel))
    #: Share buttons that land on the target, left out (see :class:`ShareLink`).
    shares: tuple[ShareLink, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(ShareLink)
    )
    #: The URLs of the pages audited, in order (so that a later snapshot can tell a
    #: removed link from a page that was not audited again).
    page_urls: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )
    #: Rows of the audit's *referrals* that no backlink was credited with, each with why
    #: (never dropped silently).
    unmatched_referrals: tuple[UnmatchedReferral, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(UnmatchedReferral)
    )

    def disavow_candidates(self, *, rules: Iterable[DisavowRule]) -> DisavowCandidates:
        """Domains and URLs the *rules* select for disavowal, each with the rule that
        selected it (see :mod:`backlinkkit.candidates`); links already disavowed are left
        out.  Nothing is suggested without a rule."""
        from .candidates import disavow_candidates

        return disavow_candidates(self, rules=rules)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per backlink (keys: :data:`RECORD_KEYS`)."""
        return [b.to_record() for b in self.backlinks]

    def domains(self) -> tuple[DomainTotals, ...]:
        """Totals per referring domain, the most counted direct value first (then most
        links); :data:`AGGREGATION` says how :attr:`DomainTotals.counted` adds up."""
        totals: dict[str, list[float]] = {}
        for b in self.backlinks:
            row = totals.setdefault(b.referring_domain, [0, 0, 0.0, 0.0, 0, 0.0, 0])
            row[0] += 1
            row[1] += b.link.followed
            row[2] += 0.0 if b.disavowed else b.value.direct
            row[3] += _social_amount(b.value)
            row[4] += b.sitewide
            row[5] += b.counted
            row[6] += b.value.coverage.lifetime == "unknown"
        out = [
            DomainTotals(
                domain,
                int(r[0]),
                int(r[1]),
                r[2],
                r[3],
                int(r[4]),
                r[5],
                lifetime_unknown=int(r[6]),
            )
            for domain, r in totals.items()
        ]
        out.sort(key=lambda d: (-d.counted, -d.direct, -d.links, d.domain))
        return tuple(out)

    @property
    def sitewide(self) -> tuple[Backlink, ...]:
        """The backlinks flagged :attr:`Backlink.sitewide`."""
        return tuple(b for b in self.backlinks if b.sitewide)

    def anchors(
        self,
        *,
        brand: str | Iterable[str] | None = None,
        keywords: str | Iterable[str] | None = None,
        generic: Iterable[str] | None = None,
    ) -> AnchorDistribution:
        """The anchor-text distribution of the backlinks (share buttons left out), by
        category and by anchor, counted by backlinks and by referring domains; see
        :mod:`backlinkkit.anchors`.  *brand* defaults to the target's name (``"example"``
        for ``example.com``)."""
        from .anchors import anchor_distribution

        if brand is None:
            brand = self.brand_name()
        return anchor_distribution(self.backlinks, brand=brand, keywords=keywords, generic=generic)

    def brand_name(self) -> str:
        """The target's name as a default brand: the first label of its registrable domain
        (``"golden-crust"`` for ``www.golden-crust.com``)."""
        site = self.target
        if not self.target_is_domain:
            site = next((b.link.landing_site for b in self.backlinks if b.link.landing_site), site)
            site = site.removeprefix("www.")
        return site.split(".")[0]

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs ``pip install "backlinkkit[pandas]"``);
        see :func:`backlinkkit.report.to_dataframe`."""
        from .report import to_dataframe

        return to_dataframe(self)

    def to_table(self, *, width: int = 120) -> str:
        """The backlinks as a plain-text table, direct and social values side by side;
        see :func:`backlinkkit.report.backlink_table`."""
        from .report import backlink_table

        return backlink_table(self, width=width)

    def __str__(self) -> str:
        return f"{self.summary}\n{self.to_table()}"

    def __repr__(self) -> str:
        from .report import profile_repr

        return profile_repr(self)

    def _repr_html_(self) -> str:
        from .report import profile_html

        return profile_html(self)

    def plot(self) -> Figure:
        """A matplotlib figure: direct against social value per referring domain, and the
        mix of link types (needs ``pip install "backlinkkit[plot]"``); see
        :func:`backlinkkit.plot.profile_figure`."""
        from .plot import profile_figure

        return profile_figure(self)


# --------------------------------------------------------------------------- audit


def _parse_target(target: object, extractor: tldextract.TLDExtract) -> tuple[str, bool, str]:
    """(host or domain, is it a registrable domain, its registrable domain)."""
    return parse_target(target, extractor)


def _normalise_keys(
    table: Mapping[str, Any] | None, name: str, cls: type, *, domains: bool
) -> dict[str, Any]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise type_error(name, table, "a mapping")
    out: dict[str, Any] = {}
    for key, value in table.items():
        if not isinstance(value, cls):
            raise type_error(f"{name}[{key!r}]", value, cls.__name__)
        if not isinstance(key, str):
            raise InvalidInputError(f"{name}: key {key!r} is not a str")
        if "://" in key:
            out[parse_absolute_url(key, field=f"{name} key")] = value
        elif domains and key.strip():
            out[key.strip().lower().rstrip(".")] = value
        else:
            raise InvalidValueError(
                f"{name}: key {key!r} is not an absolute page URL"
                + (" or a domain" if domains else "")
            )
    return out


def _landing_host(link: Link) -> str | None:
    """The host name of the link's landing URL."""
    if link.wrapper is None:
        return link.host
    try:
        return URL(link.landing_url or "").hostname or None
    except ValueError:
        return None


def audit(
    pages: Iterable[object],
    target: str,
    *,
    model: ScoringModel | None = None,
    sources: Mapping[str, SourceMetrics] | None = None,
    engagement: Mapping[str, Engagement] | None = None,
    now: datetime | None = None,
    registry: object = None,
    extractor: tldextract.TLDExtract | None = None,
    include_shares: bool = False,
    sitewide_pages: int = 2,
    referrals: Referrals | None = None,
    disavow: Disavow | None = None,
) -> BacklinkProfile:
    """Find and score every link from *pages* to the *target* site.

    *pages* is any iterable of :class:`~backlinkkit.page.Page`; error records from
    batch extraction (:class:`~backlinkkit.batch.ExtractionError`, or any record with
    ``.url`` and ``.error``) are skipped and counted, and any other item raises
    :class:`~backlinkkit.errors.InvalidInputError`.
    *now*, when given, must be a timezone-aware datetime (checked even when no page
    has engagement).
    *target* is a registrable domain (``"example.com"``: every host under it)
    or a host name (``"shop.example.com"``: that host and hosts under it).
    A link counts when its landing URL (:attr:`~backlinkkit.page.Link.landing_url`:
    its URL with every redirect wrapper the registry knows peeled off, social or
    not, as found at extraction) is an HTTP(S) URL there.  Links from pages of
    the target's own site are not backlinks: they are counted and skipped.

    *sources* maps a page URL or a registrable domain (the page URL wins) to
    the :class:`~backlinkkit.scoring.SourceMetrics` of the linking page;
    *engagement* maps a page URL to the page's
    :class:`~backlinkkit.scoring.Engagement`.  A page's engagement is shared
    among its links by their normalised weights
    (:meth:`~backlinkkit.scoring.ScoringModel.score_page`), never given whole
    to each.  *now* is when post ages are measured (default: now).
    *extractor* is the Public Suffix List used for the target and the linking
    pages' domains (the links' :attr:`~backlinkkit.page.Link.landing_site` was
    decided at extraction).

    Share buttons (links the registry classified as ``share`` at extraction,
    :attr:`SocialMatch.kind <backlinkkit.social.SocialMatch.kind>`) are not
    backlinks: they are left out of every count and value and kept in
    :attr:`BacklinkProfile.shares` (*include_shares* keeps them as backlinks).
    When *target* is a domain of a social platform, links to the platform's
    other domains count too (``twitter.com`` covers ``x.com``: the platform's
    domains are read from the links' :attr:`~backlinkkit.page.Link.social`);
    a host target (``www.example.com``) narrows the audit to that host, and the
    summary's :attr:`~ProfileSummary.notes` say so.

    A backlink is flagged :attr:`~Backlink.sitewide` when it stands in a template
    region (:data:`TEMPLATE_REGIONS`) or the same link (landing URL without
    fragment, anchor folded) stands on at least *sitewide_pages* audited pages of
    its referring domain.  Per referring domain each such link is counted once,
    sitewide ones × :data:`BOILERPLATE_WEIGHT` (:attr:`Backlink.counted`,
    :data:`AGGREGATION`).

    *referrals* (:func:`~backlinkkit.referrals.read_referrals`) are measured
    sessions: each row is credited to the backlinks that landed it, by
    :data:`REFERRAL_RULE`, and passed to the model as clicks measured on those
    links (:meth:`~backlinkkit.scoring.ScoringModel.score_page`'s *clicks*), so their
    visits are ``measured``; links without a measured row keep the estimate (or
    unknown).  Rows that match no backlink are listed, with why, in
    :attr:`BacklinkProfile.unmatched_referrals`; the summary counts both.

    *disavow* (:func:`~backlinkkit.disavow.read_disavow`) marks the backlinks from
    pages it covers :attr:`~Backlink.disavowed`: Google's disavow help
    (support.google.com/webmasters/answer/2648487) says it ignores them, so they
    add nothing to the direct totals.

    Items of *pages* that are neither a :class:`~backlinkkit.page.Page` nor a
    :class:`~backlinkkit.batch.ExtractionError` raise
    :class:`~backlinkkit.errors.InvalidInputError`.

    *registry* is deprecated and ignored: registry facts (the page's platform,
    each link's landing URL and wrapper) are decided at extraction; to audit
    under another registry, extract with it.
    """
    if registry is not None:
        warnings.warn(
            "audit(registry=...) is deprecated and ignored: the registry is applied at "
            "extraction (extract_links(..., registry=...))",
            DeprecationWarning,
            stacklevel=2,
        )
    model = model if model is not None else ScoringModel()
    require("model", model, ScoringModel)
    require("include_shares", include_shares, bool)
    require("sitewide_pages", sitewide_pages, int)
    if isinstance(sitewide_pages, bool) or sitewide_pages < 2:
        raise value_error("sitewide_pages", sitewide_pages, "must be an int >= 2")
    ex = extractor_or_default(extractor)
    host, is_domain, target_site = _parse_target(target, ex)
    source_table = _normalise_keys(sources, "sources", SourceMetrics, domains=True)
    engagement_table = _normalise_keys(engagement, "engagement", Engagement, domains=False)
    if isinstance(pages, (str, bytes, Page)) or not isinstance(pages, Iterable):
        raise type_error("pages", pages, "an iterable of Page")
    if now is not None:
        check_aware("now", now)
    if referrals is not None:
        require("referrals", referrals, Referrals)
    if disavow is not None:
        require("disavow", disavow, Disavow)

    sites: dict[str, str] = {}

    def site_of(name: str) -> str:
        found = sites.get(name)
        if found is None:
            found = sites[name] = registrable_domain(name, ex)
        return found

    aliases: dict[str, tuple[str, ...]] = {}  # platform key -> its domains, when used
    outside_host = 0

    def lands_on_target(link: Link) -> bool:
        nonlocal outside_host
        landing = link.landing_url
        if link.url is None or landing is None or not landing.startswith(("http:", "https:")):
            return False
        if is_domain:
            if link.landing_site == target_site:
                return True
            social = link.social
            if social is not None and link.landing_site is not None:
                domains = social.platform.domains
                if target_site in domains and link.landing_site in domains:
                    aliases[social.platform.key] = domains
                    return True
            return False
        name = _landing_host(link)
        if name is not None and (name == host or name.endswith("." + host)):
            return True
        outside_host += link.landing_site == target_site
        return False

    backlinks: list[Backlink] = []
    shares: list[ShareLink] = []
    page_urls: list[str] = []
    scored: list[tuple[Page, SourceMetrics | None, Engagement | None, list[int]]] = []
    n_pages = errors = linking = own = 0
    for position, item in enumerate(pages):
        if not isinstance(item, Page):
            # An error record: batch.ExtractionError, or any record with .url and .error.
            if not (hasattr(item, "url") and hasattr(item, "error")):
                raise type_error(f"pages[{position}]", item, "a Page or an error record")
            errors += 1
            continue
        n_pages += 1
        page_urls.append(item.url)
        page_host = URL(item.url).hostname
        page_site = site_of(page_host) if page_host else item.url
        found = [link for link in item.links if lands_on_target(link)]
        if not found:
            continue
        if page_site == target_site:
            own += len(found)
            continue
        if not include_shares:
            kept = [link for link in found if link.social is None or link.social.kind != "share"]
            if len(kept) < len(found):
                shares.extend(
                    ShareLink(item.url, page_site, link) for link in found if link not in kept
                )
                found = kept
                if not found:
                    continue
        linking += 1
        source = source_table.get(item.url) or source_table.get(page_site)
        if source is None and page_host:
            source = source_table.get(page_host)
        authority = getattr(source, "authority", None)
        post = engagement_table.get(item.url)
        values = model.score_page(item, source=source, engagement=post, now=now, links=found)
        disavowed = disavow is not None and disavow.covers(item.url)
        if referrals is not None:
            scored.append(
                (item, source, post, list(range(len(backlinks), len(backlinks) + len(found))))
            )
        for link, value in zip(found, values, strict=True):
            backlinks.append(
                Backlink(
                    page_url=item.url,
                    referring_domain=page_site,
                    platform=item.platform,
                    link=link,
                    target_url=link.landing_url or "",
                    via=link.wrapper,
                    link_type=link_type(link),
                    value=value,
                    authority=authority,
                    disavowed=disavowed,
                    source=source,
                    language=item.language,
                )
            )
    credit: ReferralCredit | None = None
    unmatched: list[UnmatchedReferral] = []
    if referrals is not None:
        backlinks, credit, unmatched = _credit_referrals(
            referrals, backlinks, scored, model, now, site_of
        )
    backlinks = _mark_sitewide(backlinks, sitewide_pages)
    notes = _notes(host, is_domain, target_site, aliases, outside_host)
    summary = _summarise(target, backlinks, n_pages, errors, linking, own, len(shares), notes)
    summary = attrs.evolve(summary, referrals=credit)
    return BacklinkProfile(
        target,
        is_domain,
        backlinks,
        summary,
        model,
        shares=shares,
        page_urls=page_urls,
        unmatched_referrals=unmatched,
    )


# --------------------------------------------------------------------------- referrals


def _host_key(host: str) -> str:
    return ascii_lower(host).rstrip(".").removeprefix("www.")


def _source_host(source: str) -> str | None:
    """The host a GA4 source names (``blog.example.org``, a URL's host), or ``None``."""
    value = ascii_lower(source.strip())
    if "://" in value:
        try:
            return URL(value).hostname or None
        except ValueError:
            return None
    value = value.rstrip("/")
    if _HOSTLIKE.fullmatch(value):
        return value
    return None


def _from_platform(b: Backlink, *, platform: str) -> bool:
    """Whether *b* stands on a page of *platform* or goes through its wrapper."""
    return b.platform == platform or b.via == platform


def _from_host(b: Backlink, *, hosts: Mapping[str, str], wanted: str) -> bool:
    """Whether *b* stands on a page of the host *wanted* (``www.`` aside)."""
    return hosts.get(b.page_url) == wanted


def _split_key(key: str) -> tuple[str, str]:
    """A landing key as (origin, path and query)."""
    origin = URL(key).origin
    return origin, key[len(origin) :]


def _credit_referrals(
    referrals: Referrals,
    backlinks: list[Backlink],
    scored: list[tuple[Page, SourceMetrics | None, Engagement | None, list[int]]],
    model: ScoringModel,
    now: datetime | None,
    site_of: Any,
) -> tuple[list[Backlink], ReferralCredit, list[UnmatchedReferral]]:
    """Credit each referral row to the backlinks that landed it (:data:`REFERRAL_RULE`),
    score their pages again with those sessions as measured clicks, and list the rest."""
    by_url: dict[str, list[int]] = {}
    by_path: dict[str, list[int]] = {}
    page_hosts: dict[str, str] = {}
    for i, b in enumerate(backlinks):
        try:
            key = landing_key(b.target_url)
        except ValueError:  # pragma: no cover - backlinks land on http(s) URLs
            continue
        by_url.setdefault(key, []).append(i)
        by_path.setdefault(_split_key(key)[1], []).append(i)
        page_hosts[b.page_url] = _host_key(URL(b.page_url).hostname or "")
    sessions: dict[int, float] = {}
    unmatched: list[UnmatchedReferral] = []
    credited_rows = credited_sessions = 0
    for row in referrals.rows:
        medium = ascii_lower(row.medium or "").strip()
        source = row.source.strip()
        who: str
        eligible: Callable[[Backlink], bool]
        if row.platform is not None:
            platform = row.platform
            eligible = functools.partial(_from_platform, platform=platform)
            who = f"the platform {platform}"
        else:
            host = _source_host(source)
            if medium in NOT_REFERRAL_MEDIA or host is None:
                why = (
                    f"medium {row.medium}" if medium in NOT_REFERRAL_MEDIA else "no referring site"
                )
                unmatched.append(
                    UnmatchedReferral(row, f"source {source!r} names no page that links ({why})")
                )
                continue
            eligible = functools.partial(_from_host, hosts=page_hosts, wanted=_host_key(host))
            who = f"the host {host}"
        if row.landing_url is not None:
            landing = row.landing_url
            pool = by_url.get(landing, [])
        elif row.landing_page is not None and row.landing_page.strip().startswith("/"):
            try:
                landing = _split_key(
                    landing_key("https://landing.invalid" + row.landing_page.strip())
                )[1]
            except ValueError:
                landing = row.landing_page.strip()
            pool = by_path.get(landing, [])
        else:
            unmatched.append(UnmatchedReferral(row, "no landing page"))
            continue
        hits = [i for i in pool if eligible(backlinks[i])]
        if not hits:
            any_page = any(eligible(b) for b in backlinks)
            reason = (
                f"no backlink from {who} lands on {landing}"
                if any_page
                else f"no audited page with a backlink is from {who}"
            )
            unmatched.append(UnmatchedReferral(row, reason))
            continue
        per_page: dict[str, list[int]] = {}
        for i in hits:
            per_page.setdefault(backlinks[i].page_url, []).append(i)
        each = row.sessions / len(per_page)
        for members in per_page.values():
            weights = [backlinks[i].value.decay.share for i in members]
            total = math.fsum(weights)
            for i, w in zip(members, weights, strict=True):
                part = w / total if total > 0 else 1.0 / len(members)
                sessions[i] = sessions.get(i, 0.0) + each * part
        credited_rows += 1
        credited_sessions += row.sessions
    out = list(backlinks)
    for page, metrics, post, members in scored:
        got = [i for i in members if i in sessions]
        if not got:
            continue
        clicks: dict[str, float] = {}
        for i in got:
            url = backlinks[i].link.landing_url or backlinks[i].target_url
            clicks[url] = clicks.get(url, 0.0) + sessions[i]
        links = [backlinks[i].link for i in members]
        values = model.score_page(
            page, source=metrics, engagement=post, now=now, links=links, clicks=clicks
        )
        for i, value in zip(members, values, strict=True):
            out[i] = attrs.evolve(out[i], value=value, referral_sessions=sessions.get(i))
    total = referrals.sessions
    unmatched_sessions = sum(u.sessions for u in unmatched)
    credit = ReferralCredit(
        rows=len(referrals.rows),
        sessions=total,
        credited_rows=credited_rows,
        credited_sessions=credited_sessions,
        backlinks=len(sessions),
        unmatched_rows=len(unmatched),
        unmatched_sessions=unmatched_sessions,
    )
    return out, credit, unmatched


def _social_amount(value: LinkValue) -> float:
    """The one number the summary and the domain totals add up for a link's social value."""
    return value.social_visits


def _mark_sitewide(backlinks: list[Backlink], min_pages: int) -> list[Backlink]:
    """Flag repeated and template links, and decide what each adds to its domain's total."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, b in enumerate(backlinks):
        key = (b.referring_domain, url_key(b.target_url), fold_anchor(b.link.anchor))
        groups.setdefault(key, []).append(i)
    out = list(backlinks)
    for members in groups.values():
        pages = len({backlinks[i].page_url for i in members})
        best = max(
            members, key=lambda i: (not backlinks[i].disavowed, backlinks[i].value.direct, -i)
        )
        for i in members:
            b = backlinks[i]
            reasons: list[str] = []
            if b.link.region in TEMPLATE_REGIONS:
                reasons.append(b.link.region)
            if pages >= min_pages:
                reasons.append(f"on {pages} pages")
            sitewide = bool(reasons)
            counted = 0.0
            if i == best and not b.disavowed:
                counted = b.value.direct * (BOILERPLATE_WEIGHT if sitewide else 1.0)
            out[i] = attrs.evolve(
                b,
                sitewide=sitewide,
                sitewide_reason=", ".join(reasons) or None,
                repeats=pages,
                counted=counted,
            )
    return out


def _notes(
    host: str,
    is_domain: bool,
    site: str,
    aliases: dict[str, tuple[str, ...]],
    outside_host: int,
) -> list[str]:
    notes = []
    for key, domains in sorted(aliases.items()):
        notes.append(
            f"{site} is a domain of the platform {key}: links to any of its domains count "
            f"({', '.join(domains)})"
        )
    if not is_domain:
        notes.append(
            f"target {host} is a host: only links to it and hosts under it count"
            + (f" ({outside_host} links to other hosts of {site} left out)" if outside_host else "")
            + f"; give {site} to audit the whole site"
        )
    return notes


def _summarise(
    target: str,
    backlinks: list[Backlink],
    pages: int,
    errors: int,
    linking: int,
    own: int,
    shares: int = 0,
    notes: list[str] | None = None,
) -> ProfileSummary:
    types = Counter(b.link_type for b in backlinks)
    regions: Counter[str] = Counter(b.link.region for b in backlinks)
    platforms = Counter(b.platform for b in backlinks if b.platform is not None)
    by_domain_links = Counter(b.referring_domain for b in backlinks)
    by_domain_direct: dict[str, float] = {}
    for b in backlinks:
        by_domain_direct[b.referring_domain] = by_domain_direct.get(b.referring_domain, 0.0) + (
            b.counted
        )
    direct_total = math.fsum(b.value.direct for b in backlinks if not b.disavowed)
    direct_counted = math.fsum(b.counted for b in backlinks)
    social_total = math.fsum(_social_amount(b.value) for b in backlinks)
    delivered = [v for b in backlinks if (v := b.value.social.delivered.visits) is not None]
    remaining = [v for b in backlinks if (v := b.value.social.remaining.visits) is not None]
    top: str | None = None
    if backlinks:
        top = min(
            by_domain_links,
            key=lambda d: (-by_domain_direct[d], -by_domain_links[d], d),
        )
    return ProfileSummary(
        target=target.strip().lower().rstrip("."),
        pages=pages,
        errors=errors,
        linking_pages=linking,
        own_site_links=own,
        backlinks=len(backlinks),
        referring_domains=len(by_domain_links),
        link_types=[(t, types[t]) for t in LINK_TYPES],
        regions=[(r, regions[r]) for r in REGIONS if regions[r]],
        platforms=sorted(platforms.items(), key=lambda kv: (-kv[1], kv[0])),
        direct_total=direct_total,
        social_total=social_total,
        top_domain=top,
        top_domain_direct_share=(
            min(1.0, by_domain_direct[top] / direct_counted)
            if top is not None and direct_counted > 0
            else 0.0
        ),
        top_domain_link_share=(
            max(by_domain_links.values()) / len(backlinks) if backlinks else 0.0
        ),
        off_platform=sum(1 for b in backlinks if b.platform is None),
        sitewide=sum(b.sitewide for b in backlinks),
        direct_counted=direct_counted,
        aggregation=AGGREGATION,
        shares=shares,
        notes=notes or (),
        coverage=_coverage_of(backlinks),
        disavowed=sum(b.disavowed for b in backlinks),
        social_delivered=math.fsum(delivered) if delivered else None,
        social_remaining=math.fsum(remaining) if remaining else None,
    )


def for_audit(page: Page, sites: frozenset[str]) -> Page:
    """*page* as an :func:`audit` of targets whose registrable domains are *sites* needs it.

    The whole page when one of its links may land on a target -- its landing site is
    one of *sites*, or it is on a social platform one of whose domains is (``x.com``
    for ``twitter.com``) --, else the page without its links, which still counts as a
    page with its URL and status.  A superset of what ``audit`` counts (a kept page
    keeps every link, so its links' values are unchanged), which lets a streaming or
    distributed audit hold only what matters: the command line and
    :func:`backlinkkit.dask.audit_paths` use it.
    """

    def may_land(link: Link) -> bool:
        if link.landing_site in sites:
            return True
        social = link.social
        return social is not None and not sites.isdisjoint(social.platform.domains)

    if any(map(may_land, page.links)):
        return page
    return page.without_links()
