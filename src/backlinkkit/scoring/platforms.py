"""Per-platform social parameters: lifetime curves per metric, click-through, reach, fit.

Platform keys are the registry's (``default_registry()`` names platforms); two
keys are not the registry's: ``"web"`` (a page on no platform, and pages on
blogging, wiki and developer platforms without an entry of their own) and
``"default"`` (any other platform without an entry).

Each platform has one :class:`~backlinkkit.scoring.lifetime.Curve` per metric,
with the metric its half-life was measured on kept next to the number
(scoring-evidence §3.1): link clicks (bitly 2011), impressions (Pfeffer et al.
2023; Wiselytics), engagement (Graffius; Wiselytics).  Where no source
measured a metric on a platform, the platform's engagement curve is
transferred and graded ``F``.  Where no source measured how a metric decays at
all — referral traffic from ordinary web pages (``"web"``) — the curve is
``None``: what such a link can still bring is unknown, not a number, until the
caller passes a curve (``ScoringModel.with_platform("web", clicks=Curve(...))``).

>>> [p.key for p in DEFAULT_PLATFORMS][:3], default_params("twitter").key
(['x', 'facebook', 'linkedin'], 'x')
>>> default_params("web").clicks is None         # no sourced decay of web referral traffic
True
>>> default_params("x").clicks.half_life_hours, default_params("x").impressions.half_life_hours
(2.8, 1.3333333333333333)
>>> platform_citation("x", "impressions")
("Pfeffer et al. 2023, 'The Half-Life of a Tweet': 80 min of impressions", 'E')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._validate import (
    choices,
    field_name,
    instance_of,
    number,
    optional,
    pairs_of,
    require_one_of,
    text,
    to_pairs,
    to_tuple,
    type_error,
    value_error,
)
from .lifetime import Curve, Metric
from .value import Grade

__all__ = [
    "ALIASES",
    "DEFAULT_PLATFORMS",
    "WEB_LIKE_CATEGORIES",
    "PlatformParams",
    "default_params",
    "platform_citation",
]

#: Registry categories whose pages live on like web pages (``"web"`` parameters apply to
#: platforms of these categories that have no entry of their own).
WEB_LIKE_CATEGORIES: frozenset[str] = frozenset({"blogging", "wiki", "developer"})

#: Platform keys that name the same platform (the registry's key for X may be either).
ALIASES: Mapping[str, str] = MappingProxyType({"twitter": "x", "x": "twitter"})

#: The largest audience-fit multiplier.
_MAX_FIT = 10


def _fit_pairs(
    value: Mapping[str, float] | Iterable[tuple[str, float]],
) -> Any:
    pairs = to_pairs(value)
    if not (isinstance(pairs, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in pairs)):
        return pairs  # for the validator to name
    return tuple(sorted(pairs, key=lambda pair: str(pair[0])))


_fit_pairs_check = pairs_of(str, float)


def _check_fit(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _fit_pairs_check(instance, attribute, value)
    for niche, weight in value:
        field = f"{field_name(instance, attribute)}[{niche!r}]"
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise type_error(field, weight, "a number")
        if not (0 <= weight <= _MAX_FIT):
            raise value_error(field, weight, f"must be in [0, {_MAX_FIT}]")


def _check_metric(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value.metric != attribute.name:
        raise value_error(
            field_name(instance, attribute), value, f"needs a curve of metric {attribute.name!r}"
        )


def _check_range(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = field_name(instance, attribute)
    if not (isinstance(value, tuple) and len(value) == 2):
        raise type_error(name, value, "a (low, high) pair")
    low, high = value
    for bound in value:
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise type_error(name, value, "a (low, high) pair of numbers")
    if not (0 <= low <= high <= 1):
        raise value_error(name, value, "needs 0 <= low <= high <= 1")


_curve = optional(attrs.validators.and_(instance_of(Curve), _check_metric))


@attrs.frozen(slots=True)
class PlatformParams:
    """The social parameters of one platform (or of ``"web"``, ``"default"``)."""

    #: The platform key, as ``default_registry()`` names platforms (``"web"``: not a
    #: social platform; ``"default"``: a platform without its own entry).
    key: str = attrs.field(validator=text(empty=False))
    #: How a post's link clicks arrive (bitly's click half-lives); ``None``: unknown, so
    #: what is still to come is unknown (``"web"``).
    clicks: Curve | None = attrs.field(validator=_curve)
    #: How a post's impressions arrive (``None``: unknown).
    impressions: Curve | None = attrs.field(validator=_curve)
    #: How a post's engagement (likes, shares, comments) arrives (``None``: unknown).
    engagement: Curve | None = attrs.field(validator=_curve)
    #: Clicks per impression, used when no clicks are measured.
    ctr: float = attrs.field(default=0.01, validator=number(0, 1))
    #: Impressions per follower for an account of ``audience_reference`` followers, used
    #: when neither impressions nor engagement counts are given.
    reach: float = attrs.field(default=0.05, validator=number(0, 100))
    #: The share of followers a post reaches, as cited: estimates are kept inside it.
    reach_range: tuple[float, float] = attrs.field(
        default=(0.0, 1.0), converter=to_tuple, validator=_check_range
    )
    #: Engagements (likes + shares + comments) per impression, used to estimate
    #: impressions from given engagement counts; ``None``: no benchmark.
    engagement_rate: float | None = attrs.field(
        default=None, validator=optional(number(0, 1, lo_open=True))
    )
    #: Audience fit per niche (``"b2b"``, ``"visual"`` ...): a multiplier of *estimated*
    #: visits (measured ones are never adjusted); niches not listed get 1.
    fit: tuple[tuple[str, float], ...] = attrs.field(
        default=(), converter=_fit_pairs, validator=_check_fit
    )

    def fit_for(self, niche: str) -> float:
        """The audience-fit multiplier for *niche* (1 when the niche is not listed)."""
        for name, weight in self.fit:
            if name == niche:
                return float(weight)
        return 1.0

    def curve(self, metric: str) -> Curve | None:
        """The curve of *metric* (``"clicks"``, ``"impressions"``, ``"engagement"``), or
        ``None`` when no lifetime is known for it."""
        require_one_of("metric", metric, choices(Metric))
        found: Curve | None = getattr(self, metric)
        return found


_B2B = "b2b"
_VISUAL = "visual"
_H = 1.0  # one hour
_DAY = 24.0
_EVERGREEN = 0.05  # search long tail (F)


def _same(half_life: float, **kwargs: Any) -> tuple[Curve, Curve, Curve]:
    """One half-life for all three metrics (transferred from the engagement one)."""
    return (
        Curve("clicks", half_life, **kwargs),
        Curve("impressions", half_life, **kwargs),
        Curve("engagement", half_life, **kwargs),
    )


def _platform(
    key: str,
    curves: tuple[Curve | None, Curve | None, Curve | None],
    ctr: float,
    reach: float,
    reach_range: tuple[float, float] = (0.0, 1.0),
    engagement_rate: float | None = None,
    fit: Mapping[str, float] | None = None,
) -> PlatformParams:
    clicks, impressions, engagement = curves
    return PlatformParams(
        key, clicks, impressions, engagement, ctr, reach, reach_range, engagement_rate, fit or {}
    )


#: Pinterest clicks: Piqora 2013, "70% of clicks in the first 2 days": 2^(-48/h) = 0.3.
_PINTEREST_CLICKS_H = 48 * math.log(2) / math.log(1 / 0.3)
#: Hacker News: rank ∝ (t + 2)^-1.8 (news.arc): half arrives by 2 (2^(1/0.8) - 1) h.
_HN_H = 2 * (2 ** (1 / 0.8) - 1)
_REDDIT_H = 45000 * math.log10(2) / 3600

#: The platform defaults (scoring-evidence §3.1, §6.2); sources in :func:`platform_citation`.
DEFAULT_PLATFORMS: tuple[PlatformParams, ...] = (
    _platform(
        "x",
        (Curve("clicks", 2.8), Curve("impressions", 80 / 60), Curve("engagement", 24 / 60)),
        0.01, 0.03, (0.01, 0.05), 0.0231, {_B2B: 1.0, _VISUAL: 0.8},
    ),
    _platform(
        "facebook",
        (Curve("clicks", 3.2), Curve("impressions", 0.5), Curve("engagement", 50 / 60)),
        0.01, 0.02, (0.01, 0.05), 0.0507, {_B2B: 0.8, _VISUAL: 1.0},
    ),
    _platform(
        "linkedin", _same(24 * _H), 0.005, 0.10, (0.05, 0.25), 0.065, {_B2B: 1.3, _VISUAL: 0.6}
    ),
    _platform(
        "instagram", _same(19 * _H), 0.001, 0.20, (0.10, 0.40), 0.0116, {_B2B: 0.7, _VISUAL: 1.3}
    ),
    _platform(
        "youtube",
        (
            Curve("clicks", 7.4, evergreen=_EVERGREEN),
            Curve("impressions", 6 * _DAY, evergreen=_EVERGREEN),
            Curve("engagement", 6 * _DAY),
        ),
        0.005, 0.05, fit={_B2B: 1.0, _VISUAL: 1.1},
    ),
    _platform(
        "pinterest",
        (
            Curve("clicks", _PINTEREST_CLICKS_H, evergreen=_EVERGREEN),
            Curve("impressions", 153_300 / 60, evergreen=_EVERGREEN),
            Curve("engagement", 153_300 / 60),
        ),
        0.01, 0.05, fit={_B2B: 0.6, _VISUAL: 1.4},
    ),
    _platform("tiktok", _same(24 * _H), 0.01, 0.05, engagement_rate=0.0486,
              fit={_B2B: 0.7, _VISUAL: 1.2}),
    _platform(
        "reddit",
        (
            Curve("clicks", _REDDIT_H, evergreen=_EVERGREEN),
            Curve("impressions", _REDDIT_H, evergreen=_EVERGREEN),
            Curve("engagement", _REDDIT_H),
        ),
        0.02, 0.05, fit={_B2B: 1.0},
    ),
    _platform("hackernews", _same(_HN_H, shape="power-law", gravity=1.8), 0.01, 0.05),
    _platform("default", _same(24 * _H), 0.01, 0.05),
    _platform("web", (None, None, None), 0.01, 0.05),
)  # fmt: skip


def _no_web_lifetime(metric: str, what: str) -> tuple[str, Grade]:
    """Why the web's *metric* curve is ``None``: scoring-evidence §3.1 and §7 have no measured
    decay of anything from ordinary web pages; the one number, "blog 2 years", is an
    undefined "lifespan" from an infographic whose original was not retrieved ([F]/[U])."""
    return (
        f"no source measures how {what} from ordinary web pages decays (the 'blog 2 years' "
        "lifespan infographic is folklore, scoring-evidence §3.1, §7): what is still to come "
        f"is unknown; with_platform('web', {metric}=Curve('{metric}', hours)) sets a curve",
        "U",
    )


_TRANSFER: tuple[str, Grade] = (
    "the platform's engagement half-life, transferred (no measurement of this metric)",
    "F",
)

#: The sources of the platform defaults that have one of their own, by (key, field).
_SOURCES: Mapping[tuple[str, str], tuple[str, Grade]] = MappingProxyType(
    {
        ("x", "clicks"): ("bitly 2011: link clicks on X, 2.8 h", "S"),
        ("x", "impressions"): (
            "Pfeffer et al. 2023, 'The Half-Life of a Tweet': 80 min of impressions",
            "E",
        ),
        ("x", "engagement"): ("Wiselytics ~2014: 24 min of engagement", "S"),
        ("facebook", "clicks"): ("bitly 2011: link clicks on Facebook, 3.2 h", "S"),
        ("facebook", "impressions"): ("Wiselytics ~2014: 50% of reach in 30 min", "E"),
        ("facebook", "engagement"): ("Graffius 2022: 50 min of engagement", "S"),
        ("linkedin", "clicks"): _TRANSFER,
        ("linkedin", "impressions"): _TRANSFER,
        ("linkedin", "engagement"): ("Graffius 2018: 24 h of engagement", "S"),
        ("instagram", "clicks"): _TRANSFER,
        ("instagram", "impressions"): _TRANSFER,
        ("instagram", "engagement"): ("Graffius 2018 / Simply Measured 2014: 19 h", "S"),
        ("youtube", "clicks"): (
            "bitly 2011: clicks on links posted from YouTube, 7.4 h; evergreen 5%: folklore",
            "S",
        ),
        ("youtube", "impressions"): _TRANSFER,
        ("youtube", "engagement"): ("Graffius 2018: 6 days of engagement", "S"),
        ("pinterest", "clicks"): (
            "Piqora 2013: 70% of clicks in the first 2 days (a vendor); evergreen 5%: folklore",
            "V",
        ),
        ("pinterest", "impressions"): _TRANSFER,
        ("pinterest", "engagement"): ("Graffius 2018: 3.5 months (153,300 min)", "S"),
        ("reddit", "clicks"): _TRANSFER,
        ("reddit", "impressions"): (
            "reddit hot formula, 45000 s per decade (3.76 h): the old open-source code [E]; "
            "current production unverified",
            "U",
        ),
        ("reddit", "engagement"): (
            "reddit hot formula (3.76 h of listing visibility) applied to engagement; "
            "current production unverified",
            "U",
        ),
        ("hackernews", "clicks"): _TRANSFER,
        ("hackernews", "impressions"): (
            "Hacker News news.arc: rank ∝ (age + 2 h)^-1.8, a power law",
            "S",
        ),
        ("hackernews", "engagement"): (
            "Hacker News news.arc rank decay, applied to engagement",
            "F",
        ),
        ("x", "ctr"): ("vendor CTR calculators (0.5-2.5% per impression)", "V"),
        ("linkedin", "ctr"): ("LinkedIn sponsored-content CTR benchmark (0.44-0.65%)", "V"),
        ("instagram", "ctr"): ("feed captions have no clickable links", "F"),
        ("x", "reach"): ("per-follower / per-impression engagement-rate ratio", "F"),
        ("facebook", "reach"): ("per-follower / per-impression engagement-rate ratio", "F"),
        ("linkedin", "reach"): ("vendor: 'organic reach typically 5-25% of followers'", "V"),
        ("instagram", "reach"): ("per-follower / per-impression engagement-rate ratio", "F"),
        ("x", "reach_range"): ("scoring-evidence §6.2: X 1-5% of followers", "F"),
        ("facebook", "reach_range"): ("scoring-evidence §6.2: Facebook 1-5% of followers", "F"),
        ("linkedin", "reach_range"): (
            "revenuelab: 'organic reach typically 5-25% of followers'",
            "V",
        ),
        ("instagram", "reach_range"): ("scoring-evidence §6.2: Instagram 10-40% of followers", "F"),
        ("x", "engagement_rate"): ("Buffer 2025: engagements ÷ impressions, X 2.31%", "V"),
        ("facebook", "engagement_rate"): ("Buffer 2025: Facebook 5.07% per impression", "V"),
        ("linkedin", "engagement_rate"): ("Buffer 2025: LinkedIn 6.50% per impression", "V"),
        ("instagram", "engagement_rate"): ("Buffer 2025: Instagram 1.16% per impression", "V"),
        ("tiktok", "engagement_rate"): ("Buffer 2025: TikTok 4.86% per impression", "V"),
        ("web", "clicks"): _no_web_lifetime("clicks", "referral traffic"),
        ("web", "impressions"): _no_web_lifetime("impressions", "a page's impressions"),
        ("web", "engagement"): _no_web_lifetime("engagement", "a page's engagement"),
    }
)

#: The source of every other platform default, by field.
_FALLBACK_SOURCES: Mapping[str, tuple[str, Grade]] = MappingProxyType(
    {
        "clicks": ("engineering choice (no measurement in the survey)", "F"),
        "impressions": ("engineering choice (no measurement in the survey)", "F"),
        "engagement": ("engineering choice (no measurement in the survey)", "F"),
        "ctr": ("engineering choice; vendor CTR priors are low-confidence", "F"),
        "reach": ("engineering choice (replace with observed impressions)", "F"),
        "reach_range": ("no cited range: any share of followers", "F"),
        "engagement_rate": ("no per-impression benchmark in the survey", "F"),
        "fit": ("LinkedIn/ITSMA (B2B); Pinterest/Millward Brown 2016, Meeker 2017 (visual)", "F"),
    }
)


def default_params(key: str) -> PlatformParams | None:
    """The default parameters of platform *key* (or of its alias), or ``None``."""
    for wanted in (key, ALIASES.get(key)):
        for params in DEFAULT_PLATFORMS:
            if params.key == wanted:
                return params
    return None


def platform_citation(key: str, field: str) -> tuple[str, Grade]:
    """The source and grade of the default of field *field* of platform *key*
    (a key of :data:`DEFAULT_PLATFORMS`)."""
    return _SOURCES.get((key, field)) or _FALLBACK_SOURCES[field]
