"""The link value model: direct SEO value and indirect social value, kept apart and explained.

A backlink gets two numbers that are never summed:

* **direct** (equity units, >= 0): the link equity the link can pass, a
  *product of factors*: the source's authority, PageRank's damping and its
  split over the page's outbound links, and the link's own gates and weights
  (``rel``, robots rules, region, internal links, redirectors, repeats, spam).
* **social** (visit-equivalents, >= 0): what the link still brings without
  equity, a *sum of components*: referral traffic, visibility, social proof
  and discovery, each decayed by the post's age on its platform and weighted
  by the platform's fit to the audience.

Every number behind them is a documented field of :class:`ScoringModel`
with its source and evidence grade (``E`` primary source, ``S`` secondary
report, ``V`` vendor claim, ``F`` folklore or engineering choice, ``U``
unverified); a value the caller changed is graded ``set``.  See
``docs/model.md``.

>>> from backlinkkit import extract_links
>>> page = extract_links(
...     '<article><a href="https://example.com/guide">guide</a></article>'
...     '<footer><a href="https://example.com/" rel="nofollow">home</a></footer>',
...     "https://blog.example.org/post",
... )
>>> model = ScoringModel()
>>> [round(v.direct, 4) for v in model.score_page(page, source=SourceMetrics(authority=60))]
[425.0, 0.0]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .errors import InvalidInputError, InvalidValueError
from .page import Link, Page
from .social import SocialRegistry, default_registry

__all__ = [
    "DEFAULT_PLATFORMS",
    "WEB_LIKE_CATEGORIES",
    "Decay",
    "Engagement",
    "Explanation",
    "Grade",
    "LinkValue",
    "Parameter",
    "PlatformParams",
    "ScoringModel",
    "SourceMetrics",
    "Term",
    "landing_url",
]

Grade = Literal["E", "S", "V", "F", "U", "set"]
Tier = Literal["high", "medium", "low"]
DilutionUnit = Literal["links", "domains"]

#: The largest engagement count accepted: more than any real post has (keeps every value finite).
MAX_COUNT = 1e15

#: Registry categories whose pages live on like web pages (``"web"`` parameters apply to
#: platforms of these categories that have no entry of their own).
WEB_LIKE_CATEGORIES: frozenset[str] = frozenset({"blogging", "wiki", "developer"})

#: Platform keys that name the same platform (the registry's key for X may be either).
_ALIASES: Mapping[str, str] = MappingProxyType({"twitter": "x", "x": "twitter"})


# --------------------------------------------------------------------------- validation


def _owner(instance: object) -> str:
    return type(instance).__name__


def _number(
    lo: float, hi: float, *, lo_open: bool = False, optional: bool = False
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: a finite int or float in [lo, hi] (or (lo, hi] with *lo_open*)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = f"{_owner(instance)}.{attribute.name}"
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInputError(
                f"{name}={value!r}: expected a number, got {type(value).__name__}"
            )
        if math.isnan(value):
            raise InvalidValueError(f"{name}={value!r}: must be a number, not NaN")
        if math.isinf(value):
            raise InvalidValueError(f"{name}={value!r}: must be finite")
        low_ok = value > lo if lo_open else value >= lo
        if not low_ok or value > hi:
            bracket = "(" if lo_open else "["
            raise InvalidValueError(f"{name}={value!r}: must be in {bracket}{lo:g}, {hi:g}]")

    return check


def _count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = f"{_owner(instance)}.{attribute.name}"
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInputError(f"{name}={value!r}: expected a count, got {type(value).__name__}")
    if math.isnan(value):
        raise InvalidValueError(f"{name}={value!r}: a count cannot be NaN")
    if value < 0:
        raise InvalidValueError(f"{name}={value!r}: a count cannot be negative")
    if value > MAX_COUNT:
        raise InvalidValueError(f"{name}={value!r}: larger than any real count ({MAX_COUNT:g})")


def _aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = f"{_owner(instance)}.{attribute.name}"
    if value is None:
        return
    if not isinstance(value, datetime):
        raise InvalidInputError(
            f"{name}={value!r}: expected a datetime, got {type(value).__name__}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            f"{name}={value!r}: must be timezone-aware (e.g. tzinfo=timezone.utc)"
        )


def _choice(*allowed: object, optional: bool = False) -> Callable[[Any, Any, Any], None]:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if value not in allowed:
            raise InvalidValueError(
                f"{_owner(instance)}.{attribute.name}={value!r}: expected one of "
                + ", ".join(repr(a) for a in allowed)
            )

    return check


def _nonempty_str(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(
            f"{_owner(instance)}.{attribute.name}={value!r}: expected str, "
            f"got {type(value).__name__}"
        )
    if not value.strip():
        raise InvalidValueError(f"{_owner(instance)}.{attribute.name}={value!r}: must not be empty")


# --------------------------------------------------------------------------- inputs


def _parse_number(owner: str, name: str, value: object) -> float | None:
    """A number from a record cell: ``None``/empty → ``None``; strings parsed."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise InvalidValueError(f"{owner}.{name}={value!r}: not a number") from None
        return int(number) if number.is_integer() else number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInputError(f"{owner}.{name}={value!r}: expected a number")
    return value


def _parse_datetime(owner: str, name: str, value: object) -> datetime | None:
    """An aware datetime from a record cell (ISO 8601 with an offset or ``Z``)."""
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise InvalidInputError(f"{owner}.{name}={value!r}: expected an ISO 8601 date-time")
    text = value.strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValueError(
            f"{owner}.{name}={value!r}: not an ISO 8601 date-time (e.g. 2024-05-31T18:00:00Z)"
        ) from None
    if parsed.tzinfo is None:
        raise InvalidValueError(
            f"{owner}.{name}={value!r}: needs a UTC offset (e.g. 2024-05-31T18:00:00Z)"
        )
    return parsed


def _record_fields(record: Mapping[str, object], owner: str) -> dict[str, object]:
    if not isinstance(record, Mapping):
        raise InvalidInputError(f"{owner} record: expected a mapping, got {type(record).__name__}")
    return {str(k).strip().lower(): v for k, v in record.items() if k is not None}


@attrs.frozen(slots=True)
class SourceMetrics:
    """What is known about the linking page or site; every field is optional.

    >>> SourceMetrics(authority=60, spam_score=10).authority
    60
    >>> SourceMetrics(authority=140)
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: SourceMetrics.authority=140: must be in [0, 100]
    """

    #: An authority score on the 0-100 scale SEO tools export (Ahrefs DR/UR, Moz DA/PA,
    #: Semrush AS, Majestic TF). ``None``: :attr:`ScoringModel.default_authority`.
    authority: float | None = attrs.field(default=None, validator=_number(0, 100, optional=True))
    #: An Open PageRank score (0-10), used only when :attr:`authority` is ``None``.
    open_pagerank: float | None = attrs.field(default=None, validator=_number(0, 10, optional=True))
    #: Moz Spam Score, in percent (0-100). ``None``: :attr:`ScoringModel.default_spam_score`.
    spam_score: float | None = attrs.field(default=None, validator=_number(0, 100, optional=True))
    #: The source's quality tier, when a tool or a reviewer gives one.
    tier: Tier | None = attrs.field(
        default=None, validator=_choice("high", "medium", "low", optional=True)
    )
    #: Topical relevance of the source to the target, as a multiplier (1 = neutral;
    #: 0.5-1.5 is the range the evidence suggests). ``None``: 1.
    relevance: float | None = attrs.field(default=None, validator=_number(0, 10, optional=True))

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> SourceMetrics:
        """Build from a flat record (a CSV row): numbers may be strings, empty cells are
        unknown, other keys are ignored.

        >>> SourceMetrics.from_record({"page": "example.org", "authority": "45", "tier": ""})
        SourceMetrics(authority=45, open_pagerank=None, spam_score=None, tier=None, relevance=None)
        """
        row = _record_fields(record, cls.__name__)
        tier = row.get("tier")
        if isinstance(tier, str):
            tier = tier.strip().lower() or None
        return cls(
            authority=_parse_number(cls.__name__, "authority", row.get("authority")),
            open_pagerank=_parse_number(cls.__name__, "open_pagerank", row.get("open_pagerank")),
            spam_score=_parse_number(cls.__name__, "spam_score", row.get("spam_score")),
            tier=tier,  # type: ignore[arg-type]
            relevance=_parse_number(cls.__name__, "relevance", row.get("relevance")),
        )


@attrs.frozen(slots=True)
class Engagement:
    """What a post or page got from its audience; every field is optional.

    Counts are totals to date.  ``posted_at`` must be timezone-aware.

    >>> Engagement(likes=-1)
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: Engagement.likes=-1: a count cannot be negative
    """

    #: Likes, reactions, upvotes, hearts.
    likes: float | None = attrs.field(default=None, validator=_count)
    #: Shares, reposts, retweets, pins saved.
    shares: float | None = attrs.field(default=None, validator=_count)
    #: Comments and replies.
    comments: float | None = attrs.field(default=None, validator=_count)
    #: Observed clicks on the link (the best evidence of referral traffic).
    clicks: float | None = attrs.field(default=None, validator=_count)
    #: Observed impressions (views) of the post.
    impressions: float | None = attrs.field(default=None, validator=_count)
    #: Followers of the account that posted it (or subscribers, members).
    followers: float | None = attrs.field(default=None, validator=_count)
    #: When the post was published (timezone-aware).
    posted_at: datetime | None = attrs.field(default=None, validator=_aware_datetime)

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> Engagement:
        """Build from a flat record (a CSV row or JSON object): counts may be strings,
        ``posted_at`` an ISO 8601 date-time with an offset; other keys are ignored.

        >>> row = {"page": "https://x.com/a/1", "likes": "12", "posted_at": "2024-05-31T18:00Z"}
        >>> found = Engagement.from_record(row)
        >>> found.likes, found.shares, found.posted_at.isoformat()
        (12, None, '2024-05-31T18:00:00+00:00')
        """
        row = _record_fields(record, cls.__name__)
        name = cls.__name__
        return cls(
            likes=_parse_number(name, "likes", row.get("likes")),
            shares=_parse_number(name, "shares", row.get("shares")),
            comments=_parse_number(name, "comments", row.get("comments")),
            clicks=_parse_number(name, "clicks", row.get("clicks")),
            impressions=_parse_number(name, "impressions", row.get("impressions")),
            followers=_parse_number(name, "followers", row.get("followers")),
            posted_at=_parse_datetime(name, "posted_at", row.get("posted_at")),
        )


# --------------------------------------------------------------------------- platforms


def _fit_pairs(
    value: Mapping[str, float] | Iterable[tuple[str, float]],
) -> tuple[tuple[str, float], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


def _check_fit(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for niche, weight in value:
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise InvalidInputError(f"PlatformParams.fit[{niche!r}]={weight!r}: expected a number")
        if not (0 <= weight <= 10):
            raise InvalidValueError(f"PlatformParams.fit[{niche!r}]={weight!r}: must be in [0, 10]")


@attrs.frozen(slots=True)
class PlatformParams:
    """The social parameters of one platform (or of ``"web"``, ``"default"``)."""

    #: The platform key, as ``default_registry()`` names platforms (``"web"``: not a
    #: social platform; ``"default"``: a platform without its own entry).
    key: str = attrs.field(validator=_nonempty_str)
    #: Half-life of a post's activity, in hours: activity left after *t* hours is
    #: ``floor + (1 - floor) * 2 ** (-t / half_life_hours)``.
    half_life_hours: float = attrs.field(validator=_number(0, math.inf, lo_open=True))
    #: Evergreen floor: the share of the initial rate a post keeps for good (search traffic).
    floor: float = attrs.field(default=0.0, validator=_number(0, 1))
    #: Clicks per impression, used when no clicks are observed.
    ctr: float = attrs.field(default=0.01, validator=_number(0, 1))
    #: Impressions per follower for an account of ``audience_reference`` followers, used
    #: when no impressions are observed.
    reach: float = attrs.field(default=0.05, validator=_number(0, 100))
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

_PLATFORM_SOURCES: Mapping[tuple[str, str], tuple[str, Grade]] = MappingProxyType(
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
_PLATFORM_FALLBACK: Mapping[str, tuple[str, Grade]] = MappingProxyType(
    {
        "half_life_hours": ("engineering choice (no measurement in the survey)", "F"),
        "floor": ("search long tail; no public measurement", "F"),
        "ctr": ("engineering choice; vendor CTR priors are low-confidence", "F"),
        "reach": ("engineering choice (replace with observed impressions)", "F"),
        "fit": ("LinkedIn/ITSMA (B2B); Pinterest/Millward Brown 2016, Meeker 2017 (visual)", "F"),
    }
)


# --------------------------------------------------------------------------- explanation


@attrs.frozen(slots=True)
class Term:
    """One direct factor or one social component, with the parameter behind it."""

    #: Short name (``"authority"``, ``"rel"``, ``"traffic"`` ...).
    name: str = attrs.field(validator=_nonempty_str)
    #: The factor (direct) or the component's value (social): finite and >= 0.
    value: float = attrs.field(validator=_number(0, math.inf))
    #: The model parameter(s) behind it, with their values (``"damping=0.85"``).
    parameter: str = attrs.field(validator=_nonempty_str)
    #: Where the parameter's default comes from.
    source: str = attrs.field(validator=_nonempty_str)
    #: Evidence grade: E, S, V, F, U, or ``set`` when the caller changed the default.
    grade: Grade = attrs.field(validator=_choice("E", "S", "V", "F", "U", "set"))
    #: How the value was obtained, with the inputs used.
    detail: str = attrs.field(validator=_nonempty_str)
    #: True for a gate: a factor that lets the link through (1) or holds it back.
    gate: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @property
    def closed(self) -> bool:
        """True for a gate whose value is 0."""
        return self.gate and self.value == 0


@attrs.frozen(slots=True)
class Decay:
    """How much of a post's social value is left, and how well its platform fits the audience.

    Every social component is its base value × :attr:`remaining` × :attr:`fit`.
    """

    #: The platform key whose parameters applied (``"web"`` off social platforms).
    platform: str = attrs.field(validator=_nonempty_str)
    #: The post's age in hours (``None`` when ``posted_at`` was not given: no decay).
    age_hours: float | None = attrs.field(validator=_number(0, math.inf, optional=True))
    #: The platform's half-life, in hours.
    half_life_hours: float = attrs.field(validator=_number(0, math.inf, lo_open=True))
    #: The platform's evergreen floor.
    floor: float = attrs.field(validator=_number(0, 1))
    #: ``floor + (1 - floor) * 2 ** (-age / half_life)`` (1 when the age is unknown).
    remaining: float = attrs.field(validator=_number(0, 1))
    #: The niche the audience fit is for.
    niche: str = attrs.field(validator=_nonempty_str)
    #: The platform's audience-fit multiplier for :attr:`niche`.
    fit: float = attrs.field(validator=_number(0, 10))

    def __str__(self) -> str:
        if self.age_hours is None:
            age = "age unknown, no decay"
        else:
            age = (
                f"age {_hours(self.age_hours)}, half-life {_hours(self.half_life_hours)}"
                + (f", floor {self.floor:g}" if self.floor else "")
                + f": remaining {_fmt(self.remaining)}"
            )
        return f"platform {self.platform}, {age}; fit {self.fit:g} ({self.niche})"


@attrs.frozen(slots=True)
class Explanation:
    """Why a link's two values are what they are; ``str()`` renders it as text."""

    #: The direct factors; their values multiply to :attr:`direct`.
    factors: tuple[Term, ...]
    #: The social components; their values add to :attr:`social`.
    components: tuple[Term, ...]
    #: Direct value (equity units).
    direct: float
    #: Social value (visit-equivalents).
    social: float
    #: The decay and audience fit every social component includes.
    decay: Decay

    @property
    def gates(self) -> tuple[Term, ...]:
        """The closed gates (each makes :attr:`direct` zero)."""
        return tuple(f for f in self.factors if f.closed)

    @property
    def direct_if_open(self) -> float:
        """What the link would be worth directly with every closed gate open."""
        return math.prod(1.0 if f.closed else f.value for f in self.factors)

    def without(self, name: str) -> float:
        """The direct value with the factor called *name* set to 1."""
        return math.prod(1.0 if f.name == name else f.value for f in self.factors)

    def __str__(self) -> str:
        lines = [f"direct = {_fmt(self.direct)} equity units (the factors multiply)"]
        gates = self.gates
        for gate in gates:
            param = "" if gate.parameter == "(none)" else f"{gate.parameter} "
            lines.append(
                f"  closed gate: {gate.name} ({gate.detail}; {param}[{gate.grade}]), "
                f"worth {_fmt(self.without(gate.name))} without it"
            )
        if len(gates) > 1:
            lines.append(f"  worth {_fmt(self.direct_if_open)} with every gate open")
        for f in self.factors:
            log = f"{math.log10(f.value):+.2f}" if f.value > 0 else "gate" if f.gate else "-inf"
            shown = f.parameter != "(none)" and not (f.gate and f.value == 1)
            param = f"  ({f.parameter})" if shown else ""
            lines.append(
                f"  {f.name:<10}{_fmt(f.value):>7} {log:>6} [{f.grade}]  {f.detail}{param}"
            )
        lines.append(f"social = {_fmt(self.social)} visit-equivalents (the components add)")
        lines.append(f"  each = base × remaining × fit: {self.decay}")
        for c in self.components:
            lines.append(f"  {c.name:<10}{_fmt(c.value):>7} [{c.grade}]  {c.detail}")
        return "\n".join(lines)


def _hours(value: float) -> str:
    """Hours as text: minutes under an hour, days from two days on."""
    if value < 1:
        return f"{value * 60:.3g} min"
    if value < 48:
        return f"{value:.3g} h"
    return f"{value / 24:.3g} d"


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e6 or abs(value) < 1e-3:
        return f"{value:.3g}"
    return f"{value:.4g}"


def _terms(value: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class LinkValue:
    """A link's direct SEO value and indirect social value, and the terms behind them."""

    #: The link's URL (``None`` when its href cannot be resolved).
    url: str | None
    #: The URL of the page the link is on.
    page_url: str
    #: The direct factors, in the order shown by :meth:`explain`.
    factors: tuple[Term, ...] = attrs.field(converter=_terms)
    #: The social components.
    components: tuple[Term, ...] = attrs.field(converter=_terms)
    #: The decay and audience fit included in every social component.
    decay: Decay = attrs.field(validator=attrs.validators.instance_of(Decay))
    #: Direct SEO value (>= 0): the product of the factors' values.
    direct: float = attrs.field(init=False)
    #: Indirect social value (>= 0): the sum of the components' values.
    social: float = attrs.field(init=False)

    @direct.default
    def _direct(self) -> float:
        return math.prod(f.value for f in self.factors)

    @social.default
    def _social(self) -> float:
        return math.fsum(c.value for c in self.components)

    @property
    def platform(self) -> str:
        """The platform key whose social parameters applied (``"web"`` off social platforms)."""
        return self.decay.platform

    @property
    def gates(self) -> tuple[str, ...]:
        """Names of the closed gates (empty when the link passes equity)."""
        return tuple(f.name for f in self.factors if f.closed)

    def explain(self) -> Explanation:
        """The factors and components, each with its parameter, source and grade.

        >>> from backlinkkit import extract_links
        >>> page = extract_links('<a href="https://example.com/" rel="ugc">x</a>',
        ...                      "https://forum.example.net/t/1")
        >>> why = ScoringModel().score(page.links[0], page).explain()
        >>> why.direct, [g.name for g in why.gates], round(why.direct_if_open, 3)
        (0.0, ['rel'], 1.882)
        """
        return Explanation(self.factors, self.components, self.direct, self.social, self.decay)

    def without_social(self, reason: str) -> LinkValue:
        """The same value with every social component set to 0 and *reason* as its detail."""
        components = tuple(
            attrs.evolve(c, value=0.0, detail=f"0: {reason}") for c in self.components
        )
        return LinkValue(self.url, self.page_url, self.factors, components, self.decay)


@attrs.frozen(slots=True)
class Parameter:
    """One documented model parameter."""

    #: Its name (``"damping"``, ``"platforms.x.half_life_hours"`` ...).
    name: str
    #: Its value in this model.
    value: object
    #: Its documented default.
    default: object
    #: Where the default comes from.
    source: str
    #: Evidence grade of the default (``set`` when the value differs from it).
    grade: Grade


# --------------------------------------------------------------------------- the model

_LinkTerms = tuple[tuple[Term, ...], Term]


def _p(default: Any, source: str, grade: Grade, validator: Any) -> Any:
    return attrs.field(
        default=default, validator=validator, metadata={"source": source, "grade": grade}
    )


_W = _number(0, 1)  # weights of gates and regions: 0..1


def _platforms(value: Iterable[PlatformParams]) -> tuple[PlatformParams, ...]:
    return tuple(value)


def _check_platforms(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    keys: set[str] = set()
    for item in value:
        if not isinstance(item, PlatformParams):
            raise InvalidInputError(
                f"ScoringModel.platforms: expected PlatformParams, got {type(item).__name__}"
            )
        if item.key in keys:
            raise InvalidValueError(f"ScoringModel.platforms: key {item.key!r} given twice")
        keys.add(item.key)
    for needed in ("default", "web"):
        if needed not in keys:
            raise InvalidValueError(f"ScoringModel.platforms: needs an entry {needed!r}")


_REL_SOURCE = (
    "Google 2019 hint model ('generally … not consider them for ranking'); "
    "Ahrefs DR ignores them; a non-zero hint weight is folklore"
)


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
    #: Scale *s* turning a 0-100 authority score into linear equity units, ``10 ** (score / s)``.
    authority_scale: float = _p(
        20.0,
        "vendors call their 0-100 scores logarithmic but publish no base; "
        "20 spans 5 decades (engineering choice)",
        "F",
        _number(1, 1000),
    )
    #: Authority assumed when the source's is unknown (0-100).
    default_authority: float = _p(10.0, "engineering choice: a small site", "F", _number(0, 100))
    #: PageRank damping *d*: the share of a page's equity that flows along its links.
    damping: float = _p(
        0.85,
        "Brin & Page 1998 ('we usually set d to 0.85'); Cutts 2009 ('10-15%' decays)",
        "E",
        _number(0, 1, lo_open=True),
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
    #: Extra equity of a repeated link to the same target on one page (the best one counts).
    duplicate: float = _p(
        0.0,
        "leaked AnchorsAnchor.parallelLinks; Ahrefs: later links from one site add nothing; "
        "'best link counts' is folklore",
        "F",
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
    #: Exponent γ of the split over outbound links, ``1 / N ** γ`` (1 = PageRank).
    dilution_exponent: float = _p(
        1.0,
        "PageRank PR(T)/C(T), Brin & Page 1998; Cutts 2013 ('divided by the number of links')",
        "E",
        _number(0, 2),
    )
    #: What *N* counts: ``"links"`` (PageRank: every HTTP(S) link to another page, followed
    #: or not) or ``"domains"`` (Ahrefs DR: distinct external sites linked).
    dilution_unit: DilutionUnit = _p(  # noqa: RUF009
        "links",
        "PageRank splits per link; Cutts 2009: nofollowed links stay in the denominator",
        "E",
        _choice("links", "domains"),
    )
    # ---- direct: source quality
    #: Spam score (0-100) assumed when the source's is unknown.
    default_spam_score: float = _p(
        0.0, "engineering choice: no evidence of spam", "F", _number(0, 100)
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
    niche: str = _p("general", "engineering choice: no audience-fit adjustment", "F", _nonempty_str)
    #: Followers of the account size at which a platform's ``reach`` is quoted.
    audience_reference: float = _p(1000.0, "engineering choice", "F", _number(1, MAX_COUNT))
    #: Exponent β of followers → impressions, ``reach * ref * (followers / ref) ** β``.
    audience_exponent: float = _p(
        0.5,
        "per-follower click-through falls as audiences grow (Barefoot 2009; SignUpTo tiers)",
        "F",
        _number(0, 1),
    )
    #: Visit-equivalents per impression (brand visibility).
    impression_value: float = _p(0.001, "engineering choice", "F", _number(0, 1))
    #: Visit-equivalents per unit of ``log1p`` weighted engagement (social proof).
    proof_value: float = _p(1.0, "engineering choice", "F", _number(0, 1e6))
    #: Weight of a like in social proof.
    weight_like: float = _p(
        1.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5)",
        "E",
        _number(0, 1e3),
    )
    #: Weight of a share in social proof.
    weight_share: float = _p(
        2.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5)",
        "E",
        _number(0, 1e3),
    )
    #: Weight of a comment in social proof.
    weight_comment: float = _p(
        27.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5)",
        "E",
        _number(0, 1e3),
    )
    #: Expected new referring domains per share (discovery; near zero by default).
    discovery_per_share: float = _p(
        0.001,
        "BuzzSumo × Moz 2015: shares and links correlate 0.021, most shared posts earn no "
        "links; folklore number",
        "F",
        _number(0, 1),
    )
    #: Visit-equivalents of one new referring domain.
    referring_domain_value: float = _p(10.0, "engineering choice", "F", _number(0, 1e6))
    #: Per-platform decay, click-through, reach and audience fit.
    platforms: tuple[PlatformParams, ...] = attrs.field(
        default=DEFAULT_PLATFORMS,
        converter=_platforms,
        validator=_check_platforms,
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
        by_key = {p.key: p for p in self.platforms}
        found = by_key.get(key) or by_key.get(_ALIASES.get(key, ""))
        return found if found is not None else by_key["default"]

    def _page_params(self, page: Page, registry: SocialRegistry) -> PlatformParams:
        """The parameters for the platform *page* is on (see :meth:`score`)."""
        match = registry.match(page.url)
        if match is None:
            return self.platform("web")
        params = self.platform(match.platform.key)
        if params.key == "default" and match.platform.category in WEB_LIKE_CATEGORIES:
            return self.platform("web")
        return params

    def with_platform(self, key: str, **changes: Any) -> ScoringModel:
        """A new model with platform *key*'s parameters changed (or the entry added).

        >>> slow_x = ScoringModel().with_platform("x", half_life_hours=3.0)
        >>> slow_x.platform("x").half_life_hours
        3.0
        """
        current = {p.key: p for p in self.platforms}
        if key in current:
            updated = attrs.evolve(current[key], **changes)
        else:
            base = attrs.evolve(current["default"], key=key)
            updated = attrs.evolve(base, **changes)
        platforms = tuple(updated if p.key == key else p for p in self.platforms)
        if key not in current:
            platforms = (*platforms, updated)
        return attrs.evolve(self, platforms=platforms)

    def citation(self, name: str) -> tuple[str, Grade]:
        """The source and grade of parameter *name* (``"platforms.x.ctr"`` for platforms)."""
        if name.startswith("platforms."):
            _, key, field = name.split(".", 2)
            value = getattr(self.platform(key), field)
            default = _default_platform(key)
            if default is None or getattr(default, field) != value:
                shown = "none" if default is None else repr(getattr(default, field))
                return f"set by the caller (default {shown})", "set"
            return _PLATFORM_SOURCES.get((default.key, field)) or _PLATFORM_FALLBACK[field]
        field_ = _MODEL_FIELDS.get(name)
        if field_ is None:
            raise InvalidValueError(f"name={name!r}: not a ScoringModel parameter")
        value = getattr(self, name)
        if value != field_.default:
            return f"set by the caller (default {field_.default!r})", "set"
        return field_.metadata["source"], field_.metadata["grade"]

    def parameters(self) -> tuple[Parameter, ...]:
        """Every parameter with its value, default, source and grade (platforms expanded)."""
        out: list[Parameter] = []
        for field in attrs.fields(ScoringModel):
            if field.name == "platforms":
                continue
            source, grade = self.citation(field.name)
            out.append(
                Parameter(field.name, getattr(self, field.name), field.default, source, grade)
            )
        for params in self.platforms:
            default = _default_platform(params.key)
            for field in attrs.fields(PlatformParams):
                if field.name == "key":
                    continue
                name = f"platforms.{params.key}.{field.name}"
                source, grade = self.citation(name)
                out.append(
                    Parameter(
                        name,
                        getattr(params, field.name),
                        getattr(default, field.name) if default is not None else None,
                        source,
                        grade,
                    )
                )
        return tuple(out)

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
        registry: SocialRegistry | None = None,
    ) -> LinkValue:
        """Score one *link* of *page*.

        *source* describes the linking page or site, *engagement* the page
        (a social post) itself.  *now* is the time the age of
        ``engagement.posted_at`` is measured at (default: the current time).
        The social parameters are those of the platform the *page* is on, as
        *registry* (default :func:`~backlinkkit.social.default_registry`) finds
        it from the page URL: ``"web"`` off social platforms and for blogging,
        wiki and developer platforms without an entry of their own,
        ``"default"`` for other platforms without one.  *platform* (a key)
        overrides that.

        Scoring all the links of a page is faster with :meth:`score_page`.
        """
        if not isinstance(link, Link):
            raise InvalidInputError(
                f"link={link!r:.60}: expected a Link, got {type(link).__name__}"
            )
        return self.score_page(
            page,
            source=source,
            engagement=engagement,
            now=now,
            platform=platform,
            registry=registry,
            links=(link,),
        )[0]

    def score_page(
        self,
        page: Page,
        *,
        source: SourceMetrics | None = None,
        engagement: Engagement | None = None,
        now: datetime | None = None,
        platform: str | None = None,
        registry: SocialRegistry | None = None,
        links: Sequence[Link] | None = None,
    ) -> tuple[LinkValue, ...]:
        """Score every link of *page* (or only *links*), in order; see :meth:`score`."""
        if not isinstance(page, Page):
            raise InvalidInputError(
                f"page={page!r:.60}: expected a Page, got {type(page).__name__}"
            )
        if source is not None and not isinstance(source, SourceMetrics):
            raise InvalidInputError(
                f"source={source!r:.60}: expected SourceMetrics, got {type(source).__name__}"
            )
        if engagement is not None and not isinstance(engagement, Engagement):
            raise InvalidInputError(
                f"engagement={engagement!r:.60}: expected Engagement, "
                f"got {type(engagement).__name__}"
            )
        if platform is not None and (not isinstance(platform, str) or not platform):
            raise InvalidValueError(f"platform={platform!r}: expected a platform key")
        reg = registry if registry is not None else default_registry()
        params = self.platform(platform) if platform is not None else self._page_params(page, reg)
        shared = self._source_terms(source)
        components, decay = self._social_terms(engagement, now, params)
        all_links = page.links
        dilution = self._dilution_term(all_links)
        memo: dict[tuple[object, ...], _LinkTerms] = {}
        best = self._best_of_repeats(all_links, reg, memo)
        robots = self._robots_term(page)
        out: list[LinkValue] = []
        for link in all_links if links is None else links:
            if not isinstance(link, Link):
                raise InvalidInputError(f"links: expected Link items, got {type(link).__name__}")
            landing, via = landing_url(link, reg)
            gates, region = self._link_terms(link, via, memo)
            repeat = self._repeat_term(link, landing, gates, region, best)
            authority, damping, spam, tier, relevance = shared
            factors = (
                *gates,
                robots,
                repeat,
                authority,
                damping,
                region,
                dilution,
                spam,
                tier,
                relevance,
            )
            out.append(LinkValue(link.url, page.url, factors, components, decay))
        return tuple(out)

    # ------------------------------------------------------------------ direct terms

    def _term(self, name: str, value: float, parameter: str, detail: str, gate: bool) -> Term:
        source, grade = self.citation(parameter)
        shown = getattr(self, parameter)
        return Term(name, float(value), f"{parameter}={shown!r}", source, grade, detail, gate)

    def _source_terms(self, source: SourceMetrics | None) -> tuple[Term, ...]:
        src = source if source is not None else SourceMetrics()
        scale = self.authority_scale
        if src.authority is not None:
            score, what = float(src.authority), f"authority {src.authority:g}"
        elif src.open_pagerank is not None:
            score, what = float(src.open_pagerank) * 10, f"Open PageRank {src.open_pagerank:g}×10"
        else:
            score, what = float(self.default_authority), "authority unknown: default_authority"
        authority = self._term(
            "authority",
            10 ** (score / scale),
            "authority_scale",
            f"{what} → 10^({score:g}/{scale:g})",
            False,
        )
        damping = self._term(
            "damping", self.damping, "damping", "share of equity that flows", False
        )
        if src.spam_score is not None:
            spam_score, what = float(src.spam_score), f"Spam Score {src.spam_score:g}%"
            spam_param = "SourceMetrics.spam_score"
        else:
            spam_score, what = float(self.default_spam_score), "Spam Score unknown"
            spam_param = f"default_spam_score={self.default_spam_score!r}"
        spam = Term(
            "spam",
            max(0.0, 1.0 - spam_score / 100.0),
            spam_param,
            "Moz Spam Score = % of similar sites penalised; nullified, never negative "
            "(Google 2016/2021)",
            "S",
            f"{what} → 1 - {spam_score:g}/100",
        )
        if src.tier is None:
            tier = Term(
                "tier", 1.0, "tier_high/medium/low", "no tier given", "F", "tier unknown → 1"
            )
        else:
            param = f"tier_{src.tier}"
            tier = self._term("tier", getattr(self, param), param, f"{src.tier} tier", False)
        rel = 1.0 if src.relevance is None else float(src.relevance)
        relevance = Term(
            "relevance",
            rel,
            "SourceMetrics.relevance",
            "reasonable-surfer patent 'topical cluster'; magnitude is folklore",
            "F",
            "relevance unknown → 1" if src.relevance is None else f"relevance {rel:g}",
        )
        return authority, damping, spam, tier, relevance

    def _dilution_term(self, links: Sequence[Link]) -> Term:
        if self.dilution_unit == "links":
            n = sum(1 for link in links if _is_outlink(link))
            what = "links to other pages (followed or not)"
        else:
            n = len({link.site for link in links if link.is_backlink and link.site})
            what = "external sites linked"
        n = max(n, 1)
        gamma = self.dilution_exponent
        value = 1.0 / n**gamma
        source, grade = self.citation("dilution_exponent")
        unit_source, unit_grade = self.citation("dilution_unit")
        grade = "set" if "set" in (grade, unit_grade) else grade
        return Term(
            "dilution",
            value,
            f"dilution_exponent={gamma!r}"
            + ("" if self.dilution_unit == "links" else f", dilution_unit={self.dilution_unit!r}"),
            f"{source}; {unit_source}",
            grade,
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

    def _link_terms(
        self, link: Link, via: str | None, memo: dict[tuple[object, ...], _LinkTerms]
    ) -> _LinkTerms:
        """The link's own gates (scheme, internal, redirect, rel) and its region weight.

        *via* names the platform whose redirector the link goes through, if any;
        *memo* caches the terms of links that look alike (within one call).
        """
        rel_ = link.rel
        key = (
            link.url is None,
            link.scheme,
            link.relation,
            via,
            rel_.nofollow,
            rel_.ugc,
            rel_.sponsored,
            link.region,
        )
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._make_link_terms(link, via)
        return found

    def _make_link_terms(self, link: Link, via: str | None) -> _LinkTerms:
        scheme_ok = link.url is not None and link.scheme in ("http", "https")
        scheme = Term(
            "scheme",
            1.0 if scheme_ok else 0.0,
            "(none)",
            "PageRank flows between web pages; HTTP(S) only",
            "E",
            f"{link.scheme}: URL" if link.scheme else "href cannot be resolved",
            True,
        )
        if via is None and link.relation in ("internal", "same-site", "same-page"):
            relation = self._term(
                "internal", self.internal, "internal", f"{link.relation} link", True
            )
        elif via is not None:
            # The wrapper URL is on the platform's own site; what counts is its target.
            relation = self._term(
                "internal",
                1.0,
                "internal",
                f"target on another site, via the {via} redirector",
                True,
            )
        else:
            relation = self._term("internal", 1.0, "internal", "link to another site", True)
        if via is not None:
            redirect = self._term(
                "redirect", self.redirect, "redirect", f"through the {via} redirector", True
            )
        else:
            redirect = self._term("redirect", 1.0, "redirect", "href is the target itself", True)
        rel_flags = [name for name in ("nofollow", "ugc", "sponsored") if getattr(link.rel, name)]
        if rel_flags:
            weights = {name: getattr(self, f"rel_{name}") for name in rel_flags}
            worst = min(rel_flags, key=lambda n: weights[n])
            rel = self._term(
                "rel", weights[worst], f"rel_{worst}", "rel=" + ",".join(rel_flags), True
            )
        else:
            rel = self._term("rel", 1.0, "rel_nofollow", "no nofollow/ugc/sponsored", True)
        param = f"region_{link.region}"
        region = self._term("region", getattr(self, param), param, f"link in {link.region}", False)
        return (scheme, relation, redirect, rel), region

    def _best_of_repeats(
        self,
        links: Sequence[Link],
        registry: SocialRegistry,
        memo: dict[tuple[object, ...], _LinkTerms],
    ) -> Mapping[str, tuple[float, int]]:
        """For each target linked more than once: the best link-level weight and its position."""
        groups: dict[str, list[tuple[Link, str | None]]] = {}
        for link in links:
            landing, via = landing_url(link, registry)
            if landing is not None:
                groups.setdefault(_no_fragment(landing), []).append((link, via))
        best: dict[str, tuple[float, int]] = {}
        for key, members in groups.items():
            if len(members) > 1:
                weight, neg_position = max(
                    (self._link_weight(m, via, memo), -m.position) for m, via in members
                )
                best[key] = (weight, -neg_position)
        return best

    def _link_weight(
        self, link: Link, via: str | None, memo: dict[tuple[object, ...], _LinkTerms]
    ) -> float:
        gates, region = self._link_terms(link, via, memo)
        return math.prod(t.value for t in gates) * region.value

    def _repeat_term(
        self,
        link: Link,
        landing: str | None,
        gates: Sequence[Term],
        region: Term,
        best: Mapping[str, tuple[float, int]],
    ) -> Term:
        winner = best.get(_no_fragment(landing)) if landing is not None else None
        if winner is None:
            return self._term("repeat", 1.0, "duplicate", "only link to this target", True)
        weight = math.prod(t.value for t in gates) * region.value
        if (weight, -link.position) >= (winner[0], -winner[1]):
            return self._term("repeat", 1.0, "duplicate", "best link to this target", True)
        return self._term(
            "repeat",
            self.duplicate,
            "duplicate",
            f"repeats link #{winner[1]} to the same target",
            True,
        )

    # ------------------------------------------------------------------ social terms

    def _social_terms(
        self, engagement: Engagement | None, now: datetime | None, params: PlatformParams
    ) -> tuple[tuple[Term, ...], Decay]:
        eng = engagement if engagement is not None else Engagement()
        key = params.key
        age: float | None = None
        if eng.posted_at is not None:
            if now is None:
                now = datetime.now(timezone.utc)
            elif not isinstance(now, datetime):
                raise InvalidInputError(
                    f"now={now!r}: expected a datetime, got {type(now).__name__}"
                )
            elif now.tzinfo is None or now.utcoffset() is None:
                raise InvalidValueError(f"now={now!r}: must be timezone-aware")
            age = (now - eng.posted_at).total_seconds() / 3600.0
            if age < 0:
                raise InvalidValueError(
                    f"Engagement.posted_at={eng.posted_at.isoformat()}: after now={now.isoformat()}"
                )
        decay = Decay(
            platform=key,
            age_hours=age,
            half_life_hours=float(params.half_life_hours),
            floor=float(params.floor),
            remaining=params.remaining(age) if age is not None else 1.0,
            niche=self.niche,
            fit=params.fit_for(self.niche),
        )
        keep = decay.remaining * decay.fit
        h_src, h_grade = self.citation(f"platforms.{key}.half_life_hours")
        fit_src, fit_grade = self.citation(f"platforms.{key}.fit")
        if age is None:  # no decay applied: its parameter does not weigh in
            h_src, h_grade = "no age given, no decay", "E"
        if decay.fit == 1:
            fit_src, fit_grade = f"no audience-fit adjustment for {self.niche!r}", "E"
        common_params = f"platforms.{key}.half_life_hours, platforms.{key}.fit"
        common_src = f"decay: {h_src}; fit: {fit_src}"

        # traffic
        ref, beta = self.audience_reference, self.audience_exponent
        estimated: float | None = None
        if eng.followers is not None:
            estimated = params.reach * ref * (float(eng.followers) / ref) ** beta
        t_grade: Grade
        if eng.clicks is not None:
            t_base, t_what = float(eng.clicks), f"{eng.clicks:g} observed clicks"
            t_param, t_src, t_grade = "Engagement.clicks", "observed", "E"
        elif eng.impressions is not None:
            t_base = float(eng.impressions) * params.ctr
            t_what = f"{eng.impressions:g} impressions × ctr {params.ctr:g}"
            t_param = f"platforms.{key}.ctr"
            t_src, t_grade = self.citation(t_param)
        elif estimated is not None:
            t_base = estimated * params.ctr
            t_what = (
                f"{eng.followers:g} followers → {estimated:.4g} impressions "
                f"(reach {params.reach:g}, β {beta:g}) × ctr {params.ctr:g}"
            )
            t_param = f"platforms.{key}.ctr, platforms.{key}.reach, audience_exponent"
            t_src, t_grade = self.citation(f"platforms.{key}.reach")
        else:
            t_base, t_what, t_param = 0.0, "no clicks, impressions or followers given", "(none)"
            t_src, t_grade = "no engagement data", "U"
        traffic = Term(
            "traffic",
            t_base * keep,
            f"{t_param}; {common_params}",
            f"{t_src}; {common_src}",
            _worst(t_grade, h_grade, fit_grade),
            f"{t_what} = {_fmt(t_base)} visits",
        )

        # visibility
        if eng.impressions is not None:
            v_base, v_what = float(eng.impressions), f"{eng.impressions:g} impressions"
        elif estimated is not None:
            v_base, v_what = estimated, f"{estimated:.4g} impressions (from followers)"
        else:
            v_base, v_what = 0.0, ""
        iv_src, iv_grade = self.citation("impression_value")
        visibility = Term(
            "visibility",
            v_base * self.impression_value * keep,
            f"impression_value={self.impression_value!r}; {common_params}",
            f"{iv_src}; {common_src}",
            _worst(iv_grade, h_grade, fit_grade),
            f"{v_what} × {self.impression_value:g} = {_fmt(v_base * self.impression_value)}"
            if v_what
            else "no impressions or followers given",
        )

        # social proof
        likes, shares, comments = (float(x or 0) for x in (eng.likes, eng.shares, eng.comments))
        weighted = (
            self.weight_like * likes + self.weight_share * shares + self.weight_comment * comments
        )
        w_src, w_grade = self.citation("weight_comment")
        p_src, p_grade = self.citation("proof_value")
        proof_base = self.proof_value * math.log1p(weighted)
        proof = Term(
            "proof",
            proof_base * keep,
            f"weight_like={self.weight_like!r}, weight_share={self.weight_share!r}, "
            f"weight_comment={self.weight_comment!r}, proof_value={self.proof_value!r}; "
            f"{common_params}",
            f"weights: {w_src}; log1p (diminishing returns): folklore; {p_src}; {common_src}",
            _worst(w_grade, p_grade, h_grade, fit_grade, "F"),
            f"log1p({likes:g} likes×{self.weight_like:g} + {shares:g} shares×"
            f"{self.weight_share:g} + {comments:g} comments×{self.weight_comment:g})"
            + (f" × {self.proof_value:g}" if self.proof_value != 1 else "")
            + f" = {_fmt(proof_base)}",
        )

        # discovery
        d_src, d_grade = self.citation("discovery_per_share")
        d_base = shares * self.discovery_per_share * self.referring_domain_value
        discovery = Term(
            "discovery",
            d_base * keep,
            f"discovery_per_share={self.discovery_per_share!r}, "
            f"referring_domain_value={self.referring_domain_value!r}; {common_params}",
            f"{d_src}; {common_src}",
            _worst(d_grade, h_grade, fit_grade),
            f"{shares:g} shares × {self.discovery_per_share:g} new referring domains × "
            f"{self.referring_domain_value:g} = {_fmt(d_base)}",
        )
        return (traffic, visibility, proof, discovery), decay


# --------------------------------------------------------------------------- helpers

#: ScoringModel's fields by name (read-only).
_MODEL_FIELDS: Mapping[str, attrs.Attribute[Any]] = MappingProxyType(
    attrs.fields_dict(ScoringModel)
)

_GRADE_ORDER: tuple[Grade, ...] = ("E", "S", "V", "F", "U", "set")


def _worst(*grades: Grade) -> Grade:
    """The weakest of *grades* (a value set by the caller wins)."""
    return max(grades, key=_GRADE_ORDER.index)


def _default_platform(key: str) -> PlatformParams | None:
    for params in DEFAULT_PLATFORMS:
        if params.key == key:
            return params
    alias = _ALIASES.get(key)
    for params in DEFAULT_PLATFORMS:
        if params.key == alias:
            return params
    return None


def _is_outlink(link: Link) -> bool:
    """A link to another page over HTTP(S): the PageRank denominator."""
    return (
        link.url is not None and link.scheme in ("http", "https") and link.relation != "same-page"
    )


def _no_fragment(url: str) -> str:
    return url.partition("#")[0]


def landing_url(link: Link, registry: SocialRegistry) -> tuple[str | None, str | None]:
    """Where *link* lands, and the platform whose redirector it goes through (or ``None``).

    A link on a social platform's redirector (``l.facebook.com/l.php?u=…``) lands
    on its ``link.social.target``, or on what ``registry.unwrap`` finds in it.
    Share buttons (``kind == "share"``) are not redirects: they land on the platform.

    >>> from backlinkkit import extract_links
    >>> page = extract_links('<a href="https://example.com/a#top">a</a>', "https://example.org/")
    >>> landing_url(page.links[0], default_registry())
    ('https://example.com/a#top', None)
    """
    url = link.url
    social = link.social
    if url is None or social is None or social.kind == "share":
        return url, None
    if social.kind == "redirect" and social.target:
        return social.target, social.platform.key
    unwrapped = registry.unwrap(url)
    if unwrapped != url:
        return unwrapped, social.platform.key
    return url, None


# TEMPORARY alias until the scoring package lands (it makes parse_datetime public there);
# cli.py and samples/ import it so as not to use a private name.  Remove on merge.
parse_datetime = _parse_datetime
