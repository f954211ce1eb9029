"""The link value model: every parameter, with its source and grade, and the score.

:class:`ScoringModel` turns a :class:`~backlinkkit.page.Link` of a
:class:`~backlinkkit.page.Page` into a :class:`~backlinkkit.scoring.value.LinkValue`:
the direct factors (source authority per metric, damping, the link's gates,
its reasonable-surfer share of the page's links, spam, tier, relevance) and
the social value (delivered and remaining visits, impressions and engagement,
a discovery scenario), credited to the link by measured clicks or by its
share of the page's link weights.
Everything it needs about the registry is on the page and its links
(:attr:`Page.social`, :attr:`Link.landing_url`, :attr:`Link.wrapper`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .._format import number as shown_number
from .._validate import (
    field_name,
    items_of,
    number,
    one_of,
    require,
    require_iterable,
    text,
    to_tuple,
    type_error,
    value_error,
)
from ..errors import InvalidValueError
from ..page import Link, Page
from .authority import (
    DEFAULT_METRICS,
    GENERIC,
    GENERIC_SCALE_RANGE,
    MetricScale,
    default_metric,
    metric_citation,
)
from .inputs import MAX_COUNT, Engagement, SourceMetrics, check_aware
from .lifetime import Curve
from .platforms import (
    ALIASES,
    DEFAULT_PLATFORMS,
    WEB_LIKE_CATEGORIES,
    PlatformParams,
    default_params,
    platform_citation,
)
from .value import Amounts, Coverage, Decay, Grade, LinkValue, Scenario, SocialValue, Term, weakest

__all__ = ["REGISTRY_DEPRECATION", "DilutionUnit", "Parameter", "ScoringModel"]

DilutionUnit = Literal["links", "domains"]

#: The warning ``registry=`` gives: registry facts are decided at extraction.
REGISTRY_DEPRECATION = (
    "registry= is ignored: registry facts are decided at extraction; "
    "extract again with extract_links(..., registry=...)"
)


@attrs.frozen(slots=True)
class Parameter:
    """One documented model parameter."""

    #: Its name (``"damping"``, ``"platforms.x.half_life_hours"`` ...).
    name: str = attrs.field(validator=text(empty=False))
    #: Its value in this model.
    value: object
    #: Its documented default.
    default: object
    #: Where the default comes from.
    source: str = attrs.field(validator=text(empty=False))
    #: Evidence grade of the default (``set`` when the value differs from it).
    grade: Grade = attrs.field(validator=one_of(Grade))


def _p(default: Any, source: str, grade: Grade, validator: Any) -> Any:
    """A documented model parameter: its default, source and evidence grade."""
    return attrs.field(
        default=default, validator=validator, metadata={"source": source, "grade": grade}
    )


_W = number(0, 1)  # weights of gates and regions: 0..1


def _check_platform_keys(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = field_name(instance, attribute)
    keys: set[str] = set()
    for item in value:
        if item.key in keys:
            raise value_error(name, item.key, "platform key given twice")
        keys.add(item.key)
    for needed in ("default", "web"):
        if needed not in keys:
            raise value_error(name, tuple(sorted(keys)), f"needs an entry {needed!r}")


_REL_SOURCE = (
    "Google 2019 hint model ('generally … not consider them for ranking'); "
    "Ahrefs DR ignores them; a non-zero hint weight is folklore"
)

#: The direct gates and weights of one link, by what they depend on (within one call).
_LinkTerms = tuple[tuple[Term, ...], float]
_Memo = dict[tuple[object, ...], _LinkTerms]

_INTERNAL_RELATIONS = ("internal", "same-site", "same-page")
_REL_QUALIFIERS = ("nofollow", "ugc", "sponsored")
_WEB_SCHEMES = ("http", "https")


@attrs.frozen(slots=True)
class ScoringModel:
    """Every parameter of the two-part link value model, with its source and evidence grade.

    Change a parameter with :func:`attrs.evolve` (or :meth:`with_platform`); the
    model itself never changes:

    >>> model = ScoringModel()
    >>> hinted = attrs.evolve(model, rel_nofollow=0.05)
    >>> model.rel_nofollow, hinted.rel_nofollow
    (0.0, 0.05)
    >>> hinted.citation("rel_nofollow")
    ('set by the caller (default 0.0)', 'set')
    """

    # ---- direct: authority
    #: Scale *s* turning a generic 0-100 authority score (``SourceMetrics(authority=...)``)
    #: into linear equity units, ``10 ** (score / s)``; named metrics have their own
    #: (:attr:`metrics`).
    authority_scale: float = _p(
        20.0,
        "vendors call their 0-100 scores logarithmic but publish no base; "
        "20 spans 5 decades (engineering choice)",
        "F",
        number(1, 1000),
    )
    #: Per-metric scales (Ahrefs DR/UR, Moz DA/PA, Majestic TF/CF, Semrush AS, Open
    #: PageRank, Common Crawl ranks), each with its plausible range.
    metrics: tuple[MetricScale, ...] = attrs.field(
        default=DEFAULT_METRICS,
        converter=to_tuple,
        validator=items_of(MetricScale),
        metadata={"source": "see the metric table", "grade": "F"},
    )
    #: Authority assumed when the source's is unknown (generic 0-100).
    default_authority: float = _p(10.0, "engineering choice: a small site", "F", number(0, 100))
    #: PageRank damping *d*: the share of a page's equity that flows along its links.
    damping: float = _p(
        0.85,
        "Brin & Page 1998 ('we usually set d to 0.85'); Cutts 2009 ('10-15%' decays)",
        "E",
        number(0, 1, lo_open=True),
    )
    # ---- direct: gates
    #: Equity through ``rel="nofollow"`` (0: none; a small value is Google's "hint" model).
    rel_nofollow: float = _p(0.0, _REL_SOURCE, "E", _W)
    #: Equity through ``rel="ugc"``.
    rel_ugc: float = _p(0.0, _REL_SOURCE, "E", _W)
    #: Equity through ``rel="sponsored"``.
    rel_sponsored: float = _p(
        0.0, "Google 2019: paid links must be qualified; Ahrefs DR ignores them", "E", _W
    )
    #: Equity through a page whose robots rules (meta or ``X-Robots-Tag``) say nofollow.
    robots_nofollow: float = _p(
        0.0, "Google robots meta rules: 'nofollow: do not follow the links on this page'", "E", _W
    )
    #: Equity through a page whose robots rules say noindex (``noindex, follow``).
    robots_noindex: float = _p(
        0.0,
        "Mueller 2017 (Google): 'noindex, follow' becomes 'noindex, nofollow' in the long "
        "run; not in the survey's sources",
        "U",
        _W,
    )
    #: Equity of an internal or same-site link: not a backlink.
    internal: float = _p(
        0.0,
        "leaked AnchorsAnchor.isLocal; Ahrefs DR counts links from other domains only",
        "E",
        _W,
    )
    #: Equity through a platform redirector (``l.facebook.com/l.php?u=…``): the href
    #: points at the platform, not at the target.
    redirect: float = _p(
        0.0, "engineering choice: no documented equity through link shims", "F", _W
    )
    #: Share a repeated link to the same target keeps beside the best one (1: PageRank,
    #: every link passes its own share, so the target gets k shares; 0: "the best link
    #: counts", folklore).
    duplicate: float = _p(
        1.0,
        "PageRank PR(T)/C(T) per link, Brin & Page 1998: k links to one target carry k shares; "
        "leaked AnchorsAnchor.parallelLinks counts them",
        "E",
        _W,
    )
    # ---- direct: region (reasonable surfer)
    #: Weight of a link in the main content.
    region_content: float = _p(1.0, "reasonable-surfer patent US 7,716,225 (qualitative)", "S", _W)
    #: Weight of a link in a comment section (such links should carry rel=ugc).
    region_comment: float = _p(0.3, "folklore (comment links should carry rel=ugc)", "F", _W)
    #: Weight of a link in a sidebar or ``aside``.
    region_aside: float = _p(
        0.4, "reasonable-surfer patent (qualitative); folklore number", "F", _W
    )
    #: Weight of a link in navigation.
    region_nav: float = _p(0.3, "reasonable-surfer patent (qualitative); folklore number", "F", _W)
    #: Weight of a link in the page header.
    region_header: float = _p(
        0.3, "reasonable-surfer patent (qualitative); folklore number", "F", _W
    )
    #: Weight of a link in the page footer.
    region_footer: float = _p(
        0.15,
        "patent ('Terms of Service' example); Google link schemes 2012 (footer links); "
        "folklore number",
        "F",
        _W,
    )
    #: Weight of a link whose region is unknown.
    region_unknown: float = _p(0.7, "engineering choice: a conservative midpoint", "F", _W)
    # ---- direct: dilution
    #: Exponent γ of the split over outbound links, ``1 / N ** γ`` (1 = PageRank).  With
    #: ``dilution_unit="links"`` a link's share is ``w / Σ w`` over the page's links
    #: (reasonable surfer); the region factor is ``w / mean w`` and this is ``1 / N ** γ``.
    dilution_exponent: float = _p(
        1.0,
        "PageRank PR(T)/C(T), Brin & Page 1998; Cutts 2013 ('divided by the number of links')",
        "E",
        number(0, 2),
    )
    #: What *N* counts: ``"links"`` (PageRank: every HTTP(S) link to another page, followed
    #: or not) or ``"domains"`` (Ahrefs DR: distinct external sites linked).
    dilution_unit: DilutionUnit = _p(  # noqa: RUF009
        "links",
        "PageRank splits per link; Cutts 2009: nofollowed links stay in the denominator",
        "E",
        one_of(DilutionUnit),
    )
    # ---- direct: the unit
    #: Generic authority of the page a *reference link* is on (1 reference link = one
    #: followed main-content link from such a page with :attr:`reference_outlinks` links).
    reference_authority: float = _p(
        40.0, "definition of the unit (a mid-sized site)", "F", number(0, 100)
    )
    #: Outbound links of the reference page, all of one weight.
    reference_outlinks: int = _p(10, "definition of the unit", "F", number(1, 1e6))
    # ---- direct: source quality
    #: Spam score (0-100) assumed when the source's is unknown.
    default_spam_score: float = _p(
        0.0, "engineering choice: no evidence of spam", "F", number(0, 100)
    )
    #: Multiplier of a high-quality source tier.
    tier_high: float = _p(1.0, "leaked AnchorsAnchor.sourceType tiers; folklore numbers", "F", _W)
    #: Multiplier of a medium-quality source tier.
    tier_medium: float = _p(0.5, "leaked AnchorsAnchor.sourceType tiers; folklore numbers", "F", _W)
    #: Multiplier of a low-quality source tier.
    tier_low: float = _p(0.1, "leaked AnchorsAnchor.sourceType tiers; folklore numbers", "F", _W)
    # ---- social
    #: The target's audience niche for audience fit: ``"general"`` (no adjustment),
    #: ``"b2b"``, ``"visual"``, or any niche named in the platforms' ``fit``.
    niche: str = _p(
        "general", "engineering choice: no audience-fit adjustment", "F", text(empty=False)
    )
    #: Followers of the account size at which a platform's ``reach`` is quoted.
    audience_reference: float = _p(1000.0, "engineering choice", "F", number(1, MAX_COUNT))
    #: Exponent β of followers → impressions, ``reach * ref * (followers / ref) ** β``
    #: (kept within the platform's ``reach_range`` of followers).
    audience_exponent: float = _p(
        0.5,
        "per-follower click-through falls as audiences grow (Barefoot 2009; SignUpTo tiers)",
        "F",
        number(0, 1),
    )
    #: Weight of a like in the engagement index (like-equivalents).
    weight_like: float = _p(
        1.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5): on X; "
        "transfer to other platforms is folklore",
        "E",
        number(0, 1e3),
    )
    #: Weight of a share in the engagement index.
    weight_share: float = _p(
        2.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5): on X; "
        "transfer to other platforms is folklore",
        "E",
        number(0, 1e3),
    )
    #: Weight of a comment in the engagement index.
    weight_comment: float = _p(
        27.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5): on X; "
        "transfer to other platforms is folklore",
        "E",
        number(0, 1e3),
    )
    #: Discovery scenario, central: new referring domains per share.
    discovery_central: float = _p(
        0.001,
        "BuzzSumo × Moz 2015: shares and links correlate 0.021, most shared posts earn no "
        "links (low = 0); folklore number",
        "F",
        number(0, 1),
    )
    #: Discovery scenario, high: new referring domains per share.
    discovery_high: float = _p(
        0.01,
        "BuzzSumo × Moz 2015: a heavy-tailed upside (research, opinion pieces); folklore number",
        "F",
        number(0, 1),
    )
    #: With no ``posted_at``: the share of its lifetime totals a post is assumed to have
    #: delivered (so remaining = delivered × (1 − a) / a for every metric).
    assumed_delivered: float = _p(
        0.9,
        "engineering choice: a post found by a crawl is more likely old than fresh "
        "(Pfeffer 2023: ~95% of tweets get no relevant impressions after 24 h)",
        "F",
        number(0, 1, lo_open=True, hi_open=True),
    )
    #: Per-platform decay, click-through, reach and audience fit.
    platforms: tuple[PlatformParams, ...] = attrs.field(
        default=DEFAULT_PLATFORMS,
        converter=to_tuple,
        validator=[items_of(PlatformParams), _check_platform_keys],
        metadata={"source": "see the platform table", "grade": "F"},
    )

    # ------------------------------------------------------------------ parameters

    def platform(self, key: str | None) -> PlatformParams:
        """The parameters for platform *key* (``None``: ``"web"``; unknown: ``"default"``).

        >>> ScoringModel().platform("twitter").key  # the registry may call X "twitter"
        'x'
        """
        if key is None:
            key = "web"
        require("key", key, str)
        by_key = {p.key: p for p in self.platforms}
        found = by_key.get(key) or by_key.get(ALIASES.get(key, ""))
        return found if found is not None else by_key["default"]

    def page_params(self, page: Page) -> PlatformParams:
        """The parameters for the platform *page* is on (:attr:`Page.social`, as extraction
        found it): ``"web"`` off social platforms and for blogging, wiki and developer
        platforms without an entry of their own, ``"default"`` for other platforms
        without one.

        >>> from backlinkkit import extract_links
        >>> on_medium = extract_links("", "https://medium.com/@someone/a-post")
        >>> on_medium.platform, ScoringModel().page_params(on_medium).key
        ('medium', 'web')
        """
        require("page", page, Page)
        match = page.social
        if match is None:
            return self.platform("web")
        params = self.platform(match.platform.key)
        if params.key == "default" and match.platform.category in WEB_LIKE_CATEGORIES:
            return self.platform("web")
        return params

    def with_platform(self, key: str, **changes: Any) -> ScoringModel:
        """A new model with platform *key*'s parameters changed (or the entry added).

        >>> slow_x = ScoringModel().with_platform("x", clicks=Curve("clicks", 3.0))
        >>> slow_x.platform("x").clicks.half_life_hours
        3.0
        """
        current = {p.key: p for p in self.platforms}
        if key in current:
            updated = attrs.evolve(current[key], **changes)
        else:
            updated = attrs.evolve(attrs.evolve(current["default"], key=key), **changes)
        platforms = tuple(updated if p.key == key else p for p in self.platforms)
        if key not in current:
            platforms = (*platforms, updated)
        return attrs.evolve(self, platforms=platforms)

    def metric(self, key: str) -> MetricScale:
        """The scale of metric *key* (a key of ``METRIC_KEYS`` other than ``"authority"``)."""
        for m in self.metrics:
            if m.key == key:
                return m
        raise value_error("metric", key, "no scale for this metric in ScoringModel.metrics")

    def citation(self, name: str) -> tuple[str, Grade]:
        """The source and grade of parameter *name* (``"platforms.x.ctr"`` for platforms,
        ``"metrics.ahrefs-dr.scale"`` for metric scales)."""
        if name.startswith("platforms."):
            _, key, field = name.split(".", 2)
            value = getattr(self.platform(key), field)
            default = default_params(key)
            if default is None or getattr(default, field) != value:
                shown = "none" if default is None else repr(getattr(default, field))
                return f"set by the caller (default {shown})", "set"
            return platform_citation(default.key, field)
        if name.startswith("metrics."):
            _, key, field = name.split(".", 2)
            scale = self.metric(key)
            documented = default_metric(key)
            if documented is None or getattr(documented, field) != getattr(scale, field):
                shown = "none" if documented is None else repr(getattr(documented, field))
                return f"set by the caller (default {shown})", "set"
            return metric_citation(key)
        model_field = _MODEL_FIELDS.get(name)
        if model_field is None:
            raise value_error("name", name, "not a ScoringModel parameter")
        if getattr(self, name) != model_field.default:
            return f"set by the caller (default {model_field.default!r})", "set"
        return model_field.metadata["source"], model_field.metadata["grade"]

    def parameters(self) -> tuple[Parameter, ...]:
        """Every parameter with its value, default, source and grade (platforms and metric
        scales expanded)."""
        out: list[Parameter] = []
        for field in attrs.fields(ScoringModel):
            if field.name in ("platforms", "metrics"):
                continue
            source, grade = self.citation(field.name)
            out.append(
                Parameter(field.name, getattr(self, field.name), field.default, source, grade)
            )
        for scale in self.metrics:
            documented_scale = default_metric(scale.key)
            for name in ("scale", "low", "high"):
                full = f"metrics.{scale.key}.{name}"
                source, grade = self.citation(full)
                shown = getattr(documented_scale, name) if documented_scale else None
                out.append(Parameter(full, getattr(scale, name), shown, source, grade))
        for params in self.platforms:
            default = default_params(params.key)
            for field in attrs.fields(PlatformParams):
                if field.name == "key":
                    continue
                name = f"platforms.{params.key}.{field.name}"
                source, grade = self.citation(name)
                documented = getattr(default, field.name) if default is not None else None
                out.append(Parameter(name, getattr(params, field.name), documented, source, grade))
        return tuple(out)

    @property
    def reference_equity(self) -> float:
        """Equity units of one reference link: ``10^(reference_authority / authority_scale) ·
        damping / reference_outlinks``.

        >>> ScoringModel().reference_equity   # 10^(40/20) × 0.85 / 10
        8.5
        """
        authority = float(10.0 ** (float(self.reference_authority) / float(self.authority_scale)))
        return authority * float(self.damping) / float(self.reference_outlinks)

    # ------------------------------------------------------------------ scoring

    def score(
        self,
        link: Link,
        page: Page,
        *,
        source: SourceMetrics | None = None,
        engagement: Engagement | None = None,
        now: datetime | None = None,
        platform: str | None = None,
        registry: object = None,
        clicks: Mapping[str, float] | None = None,
    ) -> LinkValue:
        """Score one *link* of *page*.

        *source* describes the linking page or site, *engagement* the page
        (a social post) itself: its totals to date.  *now* is the time the age of
        ``engagement.posted_at`` is measured at (default: the current time).
        *clicks* maps landing URLs (fragment ignored) to clicks measured on the
        links of this page that land there (referral sessions from analytics);
        the post's totals are credited to its links by those clicks where known,
        else by the links' normalised weights (see :meth:`score_page`).
        The social parameters are those of the platform the page is on, as
        extraction found it (:meth:`page_params`); *platform* (a key of
        :meth:`platform`) chooses other ones.

        *registry* is deprecated and ignored (a :class:`DeprecationWarning`):
        registry facts are decided at extraction, so scoring under another
        registry means extracting again with ``extract_links(..., registry=...)``.

        Scoring all the links of a page is faster with :meth:`score_page`.
        """
        if registry is not None:
            warnings.warn(REGISTRY_DEPRECATION, DeprecationWarning, stacklevel=2)
        require("link", link, Link)
        return self.score_page(
            page,
            source=source,
            engagement=engagement,
            now=now,
            platform=platform,
            links=(link,),
            clicks=clicks,
        )[0]

    def score_page(
        self,
        page: Page,
        *,
        source: SourceMetrics | None = None,
        engagement: Engagement | None = None,
        now: datetime | None = None,
        platform: str | None = None,
        registry: object = None,
        links: Sequence[Link] | None = None,
        clicks: Mapping[str, float] | None = None,
    ) -> tuple[LinkValue, ...]:
        """Score every link of *page* (or only *links*), in order; see :meth:`score`.

        The page's engagement (its totals) is shared among its links, never given
        whole to each: a link whose landing URL is in *clicks* gets the clicks
        measured there (and that share of the post's other totals); the rest is
        split over the other HTTP(S) links by their region weights, normalised
        (``w / Σ w``, the reasonable surfer's probability of following).  So the
        amounts of a page's links add up to the post's totals.
        """
        if registry is not None:
            warnings.warn(REGISTRY_DEPRECATION, DeprecationWarning, stacklevel=2)
        require("page", page, Page)
        if source is not None:
            require("source", source, SourceMetrics)
        if engagement is not None:
            require("engagement", engagement, Engagement)
        if now is not None:
            check_aware("now", now)  # always, not only when a post's age is needed
        if platform is not None:
            require("platform", platform, str)
            if not platform:
                raise value_error("platform", platform, "expected a platform key")
        if links is not None:
            require_iterable("links", links, "Link")
        measured = _clicks_table(clicks)
        params = self.platform(platform) if platform is not None else self.page_params(page)
        source = source if source is not None else SourceMetrics()
        authority, authority_range, authority_coverage, metric = self._authority_term(source)
        damping, spam, tier, relevance = self._source_terms(source)
        all_links = page.links
        outlinks = [link for link in all_links if _is_outlink(link)]
        weights = [self._region_weight(link) for link in outlinks]
        total_weight = math.fsum(weights)
        mean_weight = total_weight / len(outlinks) if outlinks else None
        dilution = self._dilution_term(all_links)
        memo: _Memo = {}
        best = self._best_of_repeats(all_links, memo)
        robots = self._robots_term(page)
        noindex = self._noindex_term(page)
        repeats = _Repeats(
            only=self._term("repeat", 1.0, "duplicate", "only link to this target", True),
            best=self._term("repeat", 1.0, "duplicate", "best link to this target", True),
        )
        measured_here = any(
            link.landing_url is not None and _no_fragment(link.landing_url) in measured
            for link in outlinks
        )
        post = self._post(engagement, now, params, page.platform, measured_here)
        credits = _credit(outlinks, weights, post.engagement, measured)
        reference = self.reference_equity
        # links alike share their region term, social value and coverage (within one call)
        regions: dict[str, Term] = {}
        socials: dict[_Credit, tuple[SocialValue, Decay, Coverage]] = {}
        out: list[LinkValue] = []
        for position, link in enumerate(all_links if links is None else links):
            if not isinstance(link, Link):
                raise type_error(f"links[{position}]", link, "Link")
            gates, region_weight = self._link_terms(link, memo)
            repeat = self._repeat_term(link, gates, region_weight, best, repeats, all_links)
            region = regions.get(link.region)
            if region is None:
                region = regions[link.region] = self._region_term(
                    link, region_weight, mean_weight, len(outlinks)
                )
            factors = (
                *gates,
                robots,
                noindex,
                repeat,
                authority,
                damping,
                region,
                dilution,
                spam,
                tier,
                relevance,
            )
            credit = credits.get(link.position, _NO_CREDIT)
            found = socials.get(credit)
            if found is None:
                social, decay, traffic, lifetime = self._social_value(post, credit)
                # A link has engagement data when the page's engagement was given, or
                # clicks were measured on it: clicks measured on another link of the page
                # say nothing of this one (its visits stay unknown, not 0).
                known = post.page_given or credit.clicks is not None
                coverage = Coverage(
                    authority=authority_coverage,
                    metric=metric,
                    engagement=known,
                    traffic=traffic,
                    age=post.age_coverage if known else "none",
                    credit=credit.basis if known else "none",
                    lifetime=lifetime if known else "none",
                )
                found = socials[credit] = (social, decay, coverage)
            social, decay, coverage = found
            out.append(
                LinkValue(
                    link.url,
                    page.url,
                    factors,
                    social,
                    decay,
                    coverage,
                    reference,
                    authority_range,
                )
            )
        return tuple(out)

    # ------------------------------------------------------------------ direct: the source

    def _term(self, name: str, value: float, parameter: str, detail: str, gate: bool) -> Term:
        """A term whose value comes from model parameter *parameter*."""
        source, grade = self.citation(parameter)
        shown = getattr(self, parameter)
        return Term(name, float(value), f"{parameter}={shown!r}", source, grade, detail, gate)

    def _source_terms(self, source: SourceMetrics) -> tuple[Term, Term, Term, Term]:
        """The factors every link of the page shares: damping, spam, tier, relevance."""
        damping = self._term(
            "damping", self.damping, "damping", "share of equity that flows", False
        )
        return (damping, self._spam_term(source), self._tier_term(source), _relevance_term(source))

    def _authority_term(
        self, source: SourceMetrics
    ) -> tuple[Term, tuple[float, float], Literal["given", "default"], str | None]:
        """The authority factor from the preferred metric given (page-level first), the
        factor at the ends of its scale's plausible range, and what it rests on."""
        readings = source.readings()
        if readings:
            key, value = readings[0]
            coverage: Literal["given", "default"] = "given"
            metric: str | None = key
            others = [k for k, _ in readings[1:]]
            preferred = f"; preferred over {', '.join(others)}" if others else ""
        else:
            key, value = GENERIC, float(self.default_authority)
            coverage, metric, preferred = "default", None, ""
        if key == GENERIC:
            scale, (low, high) = float(self.authority_scale), GENERIC_SCALE_RANGE
            label = (
                "authority (generic 0-100)"
                if coverage == "given"
                else ("authority unknown: default_authority")
            )
            parameter = "authority_scale"
            source_text, grade = self.citation(parameter)
            shown = f"authority_scale={self.authority_scale!r}"
        else:
            found = self.metric(key)
            scale, low, high, label = float(found.scale), found.low, found.high, found.label
            parameter = f"metrics.{key}.scale"
            source_text, grade = self.citation(parameter)
            shown = f"{parameter}={found.scale!r}"
        ends = tuple(10.0 ** (float(value) / s) for s in (high, low))
        equity = 10.0 ** (float(value) / scale)
        term = Term(
            "authority",
            equity,
            shown,
            source_text,
            grade,
            f"{label} {value:g} → 10^({value:g}/{scale:g}); s from {low:g} to {high:g} gives "
            f"{shown_number(ends[0])} to {shown_number(ends[1])}{preferred}",
        )
        return term, (float(ends[0]), float(ends[1])), coverage, metric

    def _spam_term(self, source: SourceMetrics) -> Term:
        if source.spam_score is not None:
            spam_score, what = float(source.spam_score), f"Spam Score {source.spam_score:g}%"
            parameter = "SourceMetrics.spam_score"
        else:
            spam_score, what = float(self.default_spam_score), "Spam Score unknown"
            parameter = f"default_spam_score={self.default_spam_score!r}"
        return Term(
            "spam",
            max(0.0, 1.0 - spam_score / 100.0),
            parameter,
            "Moz Spam Score = % of similar sites penalised; nullified, never negative "
            "(Google 2016/2021)",
            "S",
            f"{what} → 1 - {spam_score:g}/100",
        )

    def _tier_term(self, source: SourceMetrics) -> Term:
        if source.tier is None:
            return Term(
                "tier", 1.0, "tier_high/medium/low", "no tier given", "F", "tier unknown → 1"
            )
        parameter = f"tier_{source.tier}"
        return self._term("tier", getattr(self, parameter), parameter, f"{source.tier} tier", False)

    # ------------------------------------------------------------------ direct: the page

    def _dilution_term(self, links: Sequence[Link]) -> Term:
        """``1 / N ** γ``: the split of the page's equity over its outbound links."""
        if self.dilution_unit == "links":
            n = sum(1 for link in links if _is_outlink(link))
            what = "links to other pages (followed or not)"
        else:
            n = len({link.landing_site for link in links if link.is_backlink and link.landing_site})
            what = "external sites linked"
        n = max(n, 1)
        gamma = self.dilution_exponent
        source, grade = self.citation("dilution_exponent")
        unit_source, unit_grade = self.citation("dilution_unit")
        unit_shown = (
            "" if self.dilution_unit == "links" else f", dilution_unit={self.dilution_unit!r}"
        )
        return Term(
            "dilution",
            1.0 / n**gamma,
            f"dilution_exponent={gamma!r}{unit_shown}",
            f"{source}; {unit_source}",
            "set" if "set" in (grade, unit_grade) else grade,
            f"1/N^{gamma:g}, N = {n} {what}",
        )

    def _robots_term(self, page: Page) -> Term:
        robots = page.robots
        if robots.nofollow:
            where = robots.nofollow_source or "robots rules"
            return self._term(
                "robots", self.robots_nofollow, "robots_nofollow", f"page nofollow ({where})", True
            )
        return self._term("robots", 1.0, "robots_nofollow", "page robots allow following", True)

    def _noindex_term(self, page: Page) -> Term:
        robots = page.robots
        if robots.noindex:
            where = robots.noindex_source or "robots rules"
            return self._term(
                "noindex", self.robots_noindex, "robots_noindex", f"page noindex ({where})", True
            )
        return self._term("noindex", 1.0, "robots_noindex", "page may be indexed", True)

    # ------------------------------------------------------------------ direct: the link

    def link_weight(self, link: Link) -> float:
        """The link's reasonable-surfer weight *w*: the weight of its region
        (``region_content``, ``region_footer`` ...).  A link's share of its page is
        ``w / Σ w`` over the page's HTTP(S) links to other pages (followed or not); graph
        mode's weighted PageRank (``link_graph_pagerank(pages, weights=model)``) reads
        the weights from here.

        >>> from backlinkkit import extract_links
        >>> page = extract_links('<footer><a href="https://example.com/">x</a></footer>',
        ...                      "https://blog.example.org/")
        >>> ScoringModel().link_weight(page.links[0])
        0.15
        """
        require("link", link, Link)
        return self._region_weight(link)

    def _region_weight(self, link: Link) -> float:
        return float(getattr(self, f"region_{link.region}"))

    def _link_terms(self, link: Link, memo: _Memo) -> _LinkTerms:
        """The link's own gates (scheme, internal, redirect, rel) and its region weight.

        *memo* caches the terms of links that look alike (within one call).
        """
        rel = link.rel
        key = (
            link.url is None,
            link.scheme,
            link.relation,
            link.wrapper,
            rel.nofollow,
            rel.ugc,
            rel.sponsored,
            link.region,
        )
        found = memo.get(key)
        if found is None:
            gates = (
                _scheme_term(link),
                self._internal_term(link),
                self._redirect_term(link),
                self._rel_term(link),
            )
            found = memo[key] = gates, self._region_weight(link)
        return found

    def _internal_term(self, link: Link) -> Term:
        """Closed for a link that lands on the page's own site (judged on its landing URL)."""
        via = "" if link.wrapper is None else f", via the {link.wrapper} redirector"
        if link.relation in _INTERNAL_RELATIONS:
            return self._term(
                "internal", self.internal, "internal", f"{link.relation} link{via}", True
            )
        where = "link to another site" if link.wrapper is None else "target on another site"
        return self._term("internal", 1.0, "internal", where + via, True)

    def _redirect_term(self, link: Link) -> Term:
        """Closed for a link through a redirect wrapper (social or not: Facebook, Google ...)."""
        if link.wrapper is not None:
            detail = f"through the {link.wrapper} redirector"
            return self._term("redirect", self.redirect, "redirect", detail, True)
        return self._term("redirect", 1.0, "redirect", "href is the target itself", True)

    def _rel_term(self, link: Link) -> Term:
        """The smallest weight of the rel qualifiers the link carries."""
        present = [name for name in _REL_QUALIFIERS if getattr(link.rel, name)]
        if not present:
            return self._term("rel", 1.0, "rel_nofollow", "no nofollow/ugc/sponsored", True)
        weights = {name: getattr(self, f"rel_{name}") for name in present}
        worst = min(present, key=lambda name: weights[name])
        return self._term("rel", weights[worst], f"rel_{worst}", "rel=" + ",".join(present), True)

    def _region_term(self, link: Link, weight: float, mean: float | None, n: int) -> Term:
        """The link's weight relative to the page's mean link weight (reasonable surfer):
        with the dilution ``1/N`` its share is ``w / Σ w``.  In ``"domains"`` mode (Ahrefs
        DR: an equal split per linked site) the weight is not renormalised."""
        parameter = f"region_{link.region}"
        if self.dilution_unit == "domains" or mean is None:
            value, how = weight, f"link in {link.region}, weight {weight:g}"
        elif mean == 0:
            value, how = 0.0, f"link in {link.region}; every link on the page weighs 0"
        else:
            value = weight / mean
            how = (
                f"link in {link.region}: weight {weight:g} ÷ mean {mean:.4g} of {n} links "
                f"(share w/Σw = {shown_number(value / n)})"
            )
        source, grade = self.citation(parameter)
        return Term("region", value, f"{parameter}={weight!r}", source, grade, how)

    # ------------------------------------------------------------------ direct: repeats

    def _best_of_repeats(
        self, links: Sequence[Link], memo: _Memo
    ) -> Mapping[str, tuple[float, int, int]]:
        """For each landing URL linked more than once: the best link weight, its position
        and the number of links."""
        groups: dict[str, list[Link]] = {}
        for link in links:
            if link.landing_url is not None:
                groups.setdefault(_no_fragment(link.landing_url), []).append(link)
        best: dict[str, tuple[float, int, int]] = {}
        for target, members in groups.items():
            if len(members) > 1:
                weight, neg_position = max(
                    (self._link_weight(*self._link_terms(m, memo)), -m.position) for m in members
                )
                best[target] = (weight, -neg_position, len(members))
        return best

    @staticmethod
    def _link_weight(gates: Sequence[Term], region: float) -> float:
        """What the link's own gates and region let through."""
        return math.prod(t.value for t in gates) * region

    def _repeat_term(
        self,
        link: Link,
        gates: Sequence[Term],
        region: float,
        best: Mapping[str, tuple[float, int, int]],
        repeats: _Repeats,
        links: Sequence[Link],
    ) -> Term:
        """Open for the only link to its landing URL; for repeats, open under PageRank
        (``duplicate=1``: each link passes its own share), else open for the best one."""
        landing = link.landing_url
        winner = best.get(_no_fragment(landing)) if landing is not None else None
        if winner is None:
            return repeats.only
        weight, position, k = winner
        if self.duplicate == 1:
            return self._term(
                "repeat",
                1.0,
                "duplicate",
                f"1 of {k} links to this target: each passes its own share",
                True,
            )
        if (self._link_weight(gates, region), -link.position) >= (weight, -position):
            return repeats.best
        return self._term(
            "repeat",
            self.duplicate,
            "duplicate",
            f"repeats link #{position} to the same target",
            True,
        )

    # ------------------------------------------------------------------ social

    def _post(
        self,
        engagement: Engagement | None,
        now: datetime | None,
        params: PlatformParams,
        page_platform: str | None,
        clicks_given: bool = False,
    ) -> _Post:
        """The post's totals to date, in their units, and how each was found."""
        post = engagement if engagement is not None else Engagement()
        counts = (post.likes, post.shares, post.comments)
        page_given = any(
            v is not None for v in (*counts, post.clicks, post.impressions, post.followers)
        )
        given = clicks_given or page_given
        age = _age_hours(post, now)
        key = params.key
        # impressions: measured, else from engagement counts, else from followers
        impressions: _Total | None = None
        if post.impressions is not None:
            impressions = _Total(
                float(post.impressions), f"{post.impressions:g} measured impressions",
                "Engagement.impressions", "measured", "E", measured=True,
            )  # fmt: skip
        elif any(c is not None for c in counts) and params.engagement_rate is not None:
            raw = math.fsum(float(c or 0) for c in counts)
            rate = float(params.engagement_rate)
            source, grade = self.citation(f"platforms.{key}.engagement_rate")
            impressions = _Total(
                raw / rate,
                f"{raw:g} likes + shares + comments ÷ engagement rate {rate:g}",
                f"platforms.{key}.engagement_rate", source, grade,
            )  # fmt: skip
        elif post.followers is not None:
            impressions = self._impressions_from_followers(float(post.followers), params)
        # visits: measured clicks, else impressions × ctr × fit
        fit = params.fit_for(self.niche)
        visits: _Total | None = None
        if post.clicks is not None:
            visits = _Total(
                float(post.clicks), f"{post.clicks:g} measured clicks", "Engagement.clicks",
                "measured", "E", measured=True,
            )  # fmt: skip
        elif impressions is not None:
            ctr = float(params.ctr)
            source, grade = self.citation(f"platforms.{key}.ctr")
            fit_shown = f" × fit {fit:g}" if fit != 1 else ""
            fit_grade: Grade = "E"
            if fit != 1:
                fit_grade = self.citation(f"platforms.{key}.fit")[1]
            visits = _Total(
                impressions.value * ctr * fit,
                f"{impressions.detail} → {shown_number(impressions.value)} × ctr {ctr:g}"
                + fit_shown,
                f"platforms.{key}.ctr", source, weakest(grade, impressions.grade, fit_grade),
            )  # fmt: skip
        # engagement index (like-equivalents)
        index: _Total | None = None
        if any(c is not None for c in counts):
            likes, shares, comments = (float(c or 0) for c in counts)
            value = (
                self.weight_like * likes
                + self.weight_share * shares
                + self.weight_comment * comments
            )
            source, grade = self.citation("weight_comment")
            if key != "x" and grade != "set":
                grade = "F"
                source += " (off X: transferred)"
            index = _Total(
                value,
                f"{likes:g} likes×{self.weight_like:g} + {shares:g} shares×"
                f"{self.weight_share:g} + {comments:g} comments×{self.weight_comment:g}",
                "weight_like, weight_share, weight_comment", source, grade, measured=True,
            )  # fmt: skip
        discovery: Scenario | None = None
        if post.shares is not None:
            shares = float(post.shares)
            source, grade = self.citation("discovery_central")
            discovery = Scenario(
                0.0,
                shares * self.discovery_central,
                shares * self.discovery_high,
                f"{shares:g} shares × 0 / {self.discovery_central:g} / {self.discovery_high:g} "
                "new referring domains per share",
                source,
                weakest(grade, self.citation("discovery_high")[1]),
            )
        ratios = self._ratios(params, age)
        decay_age: Literal["given", "assumed", "none"] = "none"
        if given:
            decay_age = "given" if age is not None else "assumed"
        return _Post(
            params=params,
            platform=page_platform,
            given=given,
            page_given=page_given,
            engagement=post,
            age_hours=age,
            age_coverage=decay_age,
            ratios=ratios,
            visits=visits,
            impressions=impressions,
            index=index,
            discovery=discovery,
            fit=fit,
        )

    def _impressions_from_followers(self, followers: float, params: PlatformParams) -> _Total:
        """``reach · ref · (followers / ref) ** β``, kept within ``reach_range`` of followers."""
        key = params.key
        ref = float(self.audience_reference)
        low, high = params.reach_range
        if followers == 0 or params.reach == 0:
            fraction = 0.0
        else:  # in logs: followers / ref may underflow; a share of followers is at most 1
            log_fraction = math.log(float(params.reach)) + (float(self.audience_exponent) - 1.0) * (
                math.log(followers) - math.log(ref)
            )
            fraction = 1.0 if log_fraction >= 0 else math.exp(log_fraction)
        kept = min(max(fraction, low), high)
        note = "" if kept == fraction else f", kept within the cited {low:.0%}-{high:.0%}"
        source, grade = self.citation(f"platforms.{key}.reach")
        range_grade = self.citation(f"platforms.{key}.reach_range")[1]
        return _Total(
            followers * kept,
            f"{followers:g} followers × reach {shown_number(kept)} (reach {params.reach:g} at "
            f"{ref:g} followers, β {self.audience_exponent:g}{note})",
            f"platforms.{key}.reach, audience_exponent",
            source,
            weakest(grade, range_grade, self.citation("audience_exponent")[1]),
        )

    def _ratios(
        self, params: PlatformParams, age: float | None
    ) -> dict[str, tuple[float | None, str, Grade]]:
        """Still to come per unit delivered, by metric, with its explanation and grade
        (``None`` and why, when the platform has no curve for the metric)."""
        out: dict[str, tuple[float | None, str, Grade]] = {}
        assumed = float(self.assumed_delivered)
        for metric in ("clicks", "impressions", "engagement"):
            curve: Curve | None = params.curve(metric)
            parameter = f"platforms.{params.key}.{metric}"
            source, grade = self.citation(parameter)
            ratio: float | None
            if curve is None:
                ratio = None
                how = f"no {metric} curve ({parameter}=None): {source}"
            elif age is None:
                ratio = (1.0 - assumed) / assumed
                how = (
                    f"posted_at unknown: assumed {assumed:.0%} delivered (assumed_delivered), "
                    f"r/(1-r) = {shown_number(ratio)}; {metric}: {curve}"
                )
                grade = weakest(grade, self.citation("assumed_delivered")[1])
            else:
                ratio = curve.ratio(age)
                r = ratio / (1.0 + ratio)
                how = (
                    f"{metric}: {curve} [{source}], age {shown_number(age)} h: "
                    f"still to come r = {shown_number(r)}, r/(1-r) = {shown_number(ratio)}"
                )
            out[metric] = (ratio, how, grade)
        return out

    def _social_value(
        self, post: _Post, credit: _Credit
    ) -> tuple[
        SocialValue,
        Decay,
        Literal["measured", "estimated", "unknown"],
        Literal["known", "unknown", "none"],
    ]:
        """The link's share of the post's totals, delivered and remaining, by unit."""
        share = credit.share
        terms: list[Term] = []
        unknown: list[tuple[str, str]] = []
        amounts: dict[str, tuple[float | None, float | None]] = {}
        traffic: Literal["measured", "estimated", "unknown"] = "unknown"
        metric_of = {"visits": "clicks", "impressions": "impressions", "engagement": "engagement"}
        for unit, total in (
            ("visits", post.visits),
            ("impressions", post.impressions),
            ("engagement", post.index),
        ):
            grade: Grade
            if unit == "visits" and credit.clicks is not None:
                delivered = credit.clicks
                detail = credit.clicks_detail
                parameter, source, grade = "clicks", "measured per link", "E"
                traffic = "measured"
            elif total is None:
                amounts[unit] = (None, None)
                continue
            else:
                delivered = total.value * share
                detail = f"{total.detail} = {shown_number(total.value)} × link's share " + (
                    f"{shown_number(share)} = {shown_number(delivered)}"
                )
                parameter, source, grade = total.parameter, total.source, total.grade
                if unit == "visits":
                    traffic = "measured" if total.measured else "estimated"
            ratio, how, ratio_grade = post.ratios[metric_of[unit]]
            terms.append(Term(f"{unit} delivered", delivered, parameter, source, grade, detail))
            if ratio is None:  # no lifetime: what is still to come is unknown, not 0
                unknown.append((f"{unit} remaining", how))
                amounts[unit] = (delivered, None)
                continue
            remaining = delivered * ratio
            terms.append(
                Term(
                    f"{unit} remaining",
                    remaining,
                    f"platforms.{post.params.key}.{metric_of[unit]}",
                    f"C·r/(1-r), r from the {metric_of[unit]} curve",
                    weakest(grade, ratio_grade),
                    f"{shown_number(delivered)} × r/(1-r) {shown_number(ratio)} = "
                    f"{shown_number(remaining)}; {how}",
                )
            )
            amounts[unit] = (delivered, remaining)
        discovery = None if post.discovery is None else post.discovery.scaled(share)
        social = SocialValue(
            Amounts(amounts["visits"][0], amounts["impressions"][0], amounts["engagement"][0]),
            Amounts(
                amounts["visits"][1],
                amounts["impressions"][1],
                amounts["engagement"][1],
                discovery,
            ),
            tuple(terms),
            tuple(unknown),
        )
        known_ratios = tuple((m, r[0]) for m, r in post.ratios.items() if r[0] is not None)
        decay = Decay(
            params_key=post.params.key,
            age_hours=post.age_hours,
            assumed_delivered=(
                float(self.assumed_delivered)
                if post.age_coverage == "assumed" and known_ratios
                else None
            ),
            ratios=known_ratios,
            share=share,
            credit=credit.detail,
            niche=self.niche,
            fit=post.fit,
            platform=post.platform,
        )
        lifetime: Literal["known", "unknown", "none"] = "none"
        if unknown:
            lifetime = "unknown"
        elif post.given:
            lifetime = "known"
        return social, decay, traffic, lifetime


#: ScoringModel's fields by name (read-only).
_MODEL_FIELDS: Mapping[str, attrs.Attribute[Any]] = MappingProxyType(
    attrs.fields_dict(ScoringModel)
)


@attrs.frozen(slots=True)
class _Repeats:
    """The two open repeat gates, made once per page."""

    only: Term
    best: Term


@attrs.frozen(slots=True)
class _Total:
    """One of a post's totals to date, in its unit, and how it was found."""

    value: float
    detail: str
    parameter: str
    source: str
    grade: Grade
    measured: bool = False


@attrs.frozen(slots=True)
class _Post:
    """A post's totals to date and lifetime ratios: the same for every link of the page."""

    params: PlatformParams
    platform: str | None
    #: Any data for the post: engagement given for the page, or clicks measured on one
    #: of its links.
    given: bool
    #: Engagement given for the page itself (counts, clicks, impressions, followers).
    page_given: bool
    engagement: Engagement
    age_hours: float | None
    age_coverage: Literal["given", "assumed", "none"]
    ratios: dict[str, tuple[float | None, str, Grade]]
    visits: _Total | None
    impressions: _Total | None
    index: _Total | None
    discovery: Scenario | None
    fit: float


@attrs.frozen(slots=True)
class _Credit:
    """A link's share of its post's totals, and clicks measured on it."""

    share: float
    basis: Literal["clicks", "weights"]
    detail: str
    clicks: float | None = None
    clicks_detail: str = ""


_NO_CREDIT = _Credit(0.0, "weights", "not an HTTP(S) link to another page: no share")


def _clicks_table(clicks: Mapping[str, float] | None) -> dict[str, float]:
    """*clicks* keyed by landing URL without fragment, checked."""
    if clicks is None:
        return {}
    if not isinstance(clicks, Mapping):
        raise type_error("clicks", clicks, "a mapping of landing URL to clicks")
    out: dict[str, float] = {}
    for url, n in clicks.items():
        require("clicks key", url, str)
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            raise type_error(f"clicks[{url!r}]", n, "a number")
        if not (0 <= n <= MAX_COUNT):
            raise value_error(f"clicks[{url!r}]", n, f"must be a count in [0, {MAX_COUNT:g}]")
        key = _no_fragment(url)
        out[key] = out.get(key, 0.0) + float(n)
    return out


def _credit(
    outlinks: Sequence[Link],
    weights: Sequence[float],
    post: Engagement,
    measured: Mapping[str, float],
) -> dict[int, _Credit]:
    """Each outlink's share of the post: by clicks measured on its landing URL where
    known, else by its normalised weight among the links without measured clicks."""
    n = len(outlinks)
    landing = [
        _no_fragment(link.landing_url) if link.landing_url is not None else None
        for link in outlinks
    ]
    hit = [u is not None and u in measured for u in landing]
    group_weight: dict[str, float] = {}
    group_size: dict[str, int] = {}
    for u, w, h in zip(landing, weights, hit, strict=True):
        if h and u is not None:
            group_weight[u] = group_weight.get(u, 0.0) + w
            group_size[u] = group_size.get(u, 0) + 1
    used = math.fsum(measured[u] for u in group_weight)
    total = None
    if post.clicks is not None:
        total = max(float(post.clicks), used)
    elif group_weight:
        total = used
    rest_weight = math.fsum(w for w, h in zip(weights, hit, strict=True) if not h)
    all_weight = math.fsum(weights)
    out: dict[int, _Credit] = {}
    measured_share = 0.0
    for link, u, w, h in zip(outlinks, landing, weights, hit, strict=True):
        if h and u is not None:
            gw, k = group_weight[u], group_size[u]
            part = w / gw if gw > 0 else 1.0 / k
            clicks = measured[u] * part
            share = clicks / total if total else (w / all_weight if all_weight else 1.0 / n)
            measured_share += share
            split = "" if k == 1 else f" × {shown_number(part)} of {k} links landing there"
            out[link.position] = _Credit(
                share,
                "clicks",
                f"by clicks measured on {u}",
                clicks,
                f"{measured[u]:g} clicks measured on {u}{split} = {shown_number(clicks)}",
            )
    rest = max(0.0, 1.0 - measured_share)
    by_weight: dict[float, _Credit] = {}  # links of one weight get one credit
    for link, w, h in zip(outlinks, weights, hit, strict=True):
        if h:
            continue
        known = by_weight.get(w)
        if known is not None:
            out[link.position] = known
            continue
        part = w / rest_weight if rest_weight > 0 else 0.0
        share = min(1.0, rest * part)
        how = f"region weight {w:g} of {shown_number(rest_weight)} over {n} links"
        if measured_share:
            how += f", of the {shown_number(rest)} not measured per link"
        apportioned: float | None = None
        detail = ""
        if group_weight and post.clicks is not None:
            left = max(0.0, float(post.clicks) - used)
            apportioned = left * part
            detail = (
                f"{post.clicks:g} measured clicks − {used:g} measured per link, × weight "
                f"share {shown_number(part)} = {shown_number(apportioned)}"
            )
        out[link.position] = by_weight[w] = _Credit(share, "weights", how, apportioned, detail)
    return out


def _age_hours(post: Engagement, now: datetime | None) -> float | None:
    """The post's age at *now* (default: the current time), or ``None`` without ``posted_at``."""
    if post.posted_at is None:
        return None
    if now is None:
        now = datetime.now(timezone.utc)
    else:
        check_aware("now", now)
    age = (now - post.posted_at).total_seconds() / 3600.0
    if age < 0:
        raise InvalidValueError(
            f"Engagement.posted_at={post.posted_at.isoformat()}: after now={now.isoformat()}"
        )
    return age


def _relevance_term(source: SourceMetrics) -> Term:
    relevance = 1.0 if source.relevance is None else float(source.relevance)
    return Term(
        "relevance",
        relevance,
        "SourceMetrics.relevance",
        "reasonable-surfer patent 'topical cluster'; magnitude is folklore (range 0.5-1.5)",
        "F",
        "relevance unknown → 1" if source.relevance is None else f"relevance {relevance:g}",
    )


def _scheme_term(link: Link) -> Term:
    """Open for HTTP(S) links: PageRank flows between web pages."""
    ok = link.url is not None and link.scheme in _WEB_SCHEMES
    return Term(
        "scheme",
        1.0 if ok else 0.0,
        "(none)",
        "PageRank flows between web pages; HTTP(S) only",
        "E",
        f"{link.scheme}: URL" if link.scheme else "href cannot be resolved",
        True,
    )


def _is_outlink(link: Link) -> bool:
    """A link to another page over HTTP(S): the PageRank denominator."""
    return link.url is not None and link.scheme in _WEB_SCHEMES and link.relation != "same-page"


def _no_fragment(url: str) -> str:
    return url.partition("#")[0]
