"""Per-platform social parameters: decay, click-through, reach and audience fit, with sources.

Platform keys are the registry's (``default_registry()`` names platforms); two
keys are not the registry's: ``"web"`` (a page on no platform, and pages on
blogging, wiki and developer platforms without an entry of their own) and
``"default"`` (any other platform without an entry).

>>> [p.key for p in DEFAULT_PLATFORMS][:3], default_params("twitter").key
(['x', 'facebook', 'linkedin'], 'x')
>>> platform_citation("x", "half_life_hours")
("Pfeffer et al. 2023, 'The Half-Life of a Tweet' (80 min)", 'E')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._validate import field_name, number, text, type_error, value_error
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
) -> tuple[tuple[str, float], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


def _check_fit(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for niche, weight in value:
        field = f"{field_name(instance, attribute)}[{niche!r}]"
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise type_error(field, weight, "a number")
        if not (0 <= weight <= _MAX_FIT):
            raise value_error(field, weight, f"must be in [0, {_MAX_FIT}]")


@attrs.frozen(slots=True)
class PlatformParams:
    """The social parameters of one platform (or of ``"web"``, ``"default"``)."""

    #: The platform key, as ``default_registry()`` names platforms (``"web"``: not a
    #: social platform; ``"default"``: a platform without its own entry).
    key: str = attrs.field(validator=text(empty=False))
    #: Half-life of a post's activity, in hours: activity left after *t* hours is
    #: ``floor + (1 - floor) * 2 ** (-t / half_life)``.
    half_life_hours: float = attrs.field(validator=number(0, math.inf, lo_open=True))
    #: Evergreen floor: the share of the initial rate a post keeps for good (search traffic).
    floor: float = attrs.field(default=0.0, validator=number(0, 1))
    #: Clicks per impression, used when no clicks are observed.
    ctr: float = attrs.field(default=0.01, validator=number(0, 1))
    #: Impressions per follower for an account of ``audience_reference`` followers, used
    #: when no impressions are observed.
    reach: float = attrs.field(default=0.05, validator=number(0, 100))
    #: Audience fit per niche (``"b2b"``, ``"visual"`` ...): a multiplier; niches not
    #: listed get 1.
    fit: tuple[tuple[str, float], ...] = attrs.field(
        default=(), converter=_fit_pairs, validator=_check_fit
    )

    def fit_for(self, niche: str) -> float:
        """The audience-fit multiplier for *niche* (1 when the niche is not listed)."""
        for name, weight in self.fit:
            if name == niche:
                return float(weight)
        return 1.0

    def remaining(self, age_hours: float) -> float:
        """The share of its initial activity a post keeps after *age_hours*.

        >>> DEFAULT_PLATFORMS[0].remaining(24) == 2**-18  # X: 80-minute half-life, 18 of them
        True
        """
        if age_hours <= 0:
            return 1.0
        half_life = float(self.half_life_hours)
        return float(self.floor + (1.0 - self.floor) * 2.0 ** (-age_hours / half_life))


_B2B = "b2b"
_VISUAL = "visual"

#: The platform defaults (scoring-evidence §6.2); their sources are listed in ``docs/model.md``.
DEFAULT_PLATFORMS: tuple[PlatformParams, ...] = (
    PlatformParams("x", 80 / 60, 0.0, 0.01, 0.03, {_B2B: 1.0, _VISUAL: 0.8}),
    PlatformParams("facebook", 1.5, 0.0, 0.01, 0.02, {_B2B: 0.8, _VISUAL: 1.0}),
    PlatformParams("linkedin", 24.0, 0.0, 0.005, 0.10, {_B2B: 1.3, _VISUAL: 0.6}),
    PlatformParams("instagram", 19.0, 0.0, 0.001, 0.20, {_B2B: 0.7, _VISUAL: 1.3}),
    PlatformParams("youtube", 144.0, 0.05, 0.005, 0.05, {_B2B: 1.0, _VISUAL: 1.1}),
    PlatformParams("pinterest", 2160.0, 0.05, 0.01, 0.05, {_B2B: 0.6, _VISUAL: 1.4}),
    PlatformParams("tiktok", 24.0, 0.0, 0.01, 0.05, {_B2B: 0.7, _VISUAL: 1.2}),
    PlatformParams("reddit", 45000 * math.log10(2) / 3600, 0.05, 0.02, 0.05, {_B2B: 1.0}),
    PlatformParams("default", 24.0, 0.0, 0.01, 0.05),
    PlatformParams("web", 730 * 24.0, 0.0, 0.01, 0.05),
)

#: The sources of the platform defaults that have one of their own, by (key, field).
_SOURCES: Mapping[tuple[str, str], tuple[str, Grade]] = MappingProxyType(
    {
        ("x", "half_life_hours"): ("Pfeffer et al. 2023, 'The Half-Life of a Tweet' (80 min)", "E"),
        ("facebook", "half_life_hours"): (
            "Wiselytics ~2014 (50% of reach in 30 min); bitly 2011 (3.2 h)",
            "S",
        ),
        ("linkedin", "half_life_hours"): ("Graffius 2018 (24 h)", "S"),
        ("instagram", "half_life_hours"): ("Graffius 2018 / Simply Measured 2014 (19 h)", "S"),
        ("youtube", "half_life_hours"): ("Graffius 2018 (6 days)", "S"),
        ("pinterest", "half_life_hours"): (
            "Graffius 2018 (3.5 months); Piqora 2013 (orders 2.5 months on)",
            "S",
        ),
        ("reddit", "half_life_hours"): ("reddit hot formula, 45000 s per decade (3.76 h)", "E"),
        ("x", "ctr"): ("vendor CTR calculators (0.5-2.5% per impression)", "V"),
        ("linkedin", "ctr"): ("LinkedIn sponsored-content CTR benchmark (0.44-0.65%)", "V"),
        ("instagram", "ctr"): ("feed captions have no clickable links", "F"),
        ("x", "reach"): ("per-follower / per-impression engagement-rate ratio", "F"),
        ("facebook", "reach"): ("per-follower / per-impression engagement-rate ratio", "F"),
        ("linkedin", "reach"): ("vendor: 'organic reach typically 5-25% of followers'", "V"),
        ("instagram", "reach"): ("per-follower / per-impression engagement-rate ratio", "F"),
        ("web", "half_life_hours"): ("lifespan infographic: 'blog 2 years'", "F"),
    }
)

#: The source of every other platform default, by field.
_FALLBACK_SOURCES: Mapping[str, tuple[str, Grade]] = MappingProxyType(
    {
        "half_life_hours": ("engineering choice (no measurement in the survey)", "F"),
        "floor": ("search long tail; no public measurement", "F"),
        "ctr": ("engineering choice; vendor CTR priors are low-confidence", "F"),
        "reach": ("engineering choice (replace with observed impressions)", "F"),
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
