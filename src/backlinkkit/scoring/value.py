"""What scoring returns: a link's two values, in their units, the terms behind them, and why.

A :class:`LinkValue` holds the direct factors (:class:`Term`\\ s that multiply
to :attr:`LinkValue.direct`, in equity units; :attr:`LinkValue.direct_references`
says the same in *reference links*), the :class:`SocialValue` (what the post
has **delivered** and what it can still bring, **remaining**, each as
:class:`Amounts` by unit: visits, impressions, an engagement index, a
:class:`Scenario` of referring domains), the :class:`Decay` (lifetime, share
and fit) behind the social numbers, and the :class:`Coverage` (what was
known and what was assumed).  :meth:`LinkValue.explain` returns all of it as
an :class:`Explanation`, whose ``str()`` is the text report.  Nothing in
different units is summed.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import attrs

from .._format import hours, number
from .._validate import (
    boolean,
    instance_of,
    items_of,
    one_of,
    optional,
    pairs_of,
    text,
    to_pairs,
    to_tuple,
    type_error,
    value_error,
)
from .._validate import (
    number as in_range,
)

__all__ = [
    "GRADES",
    "UNITS",
    "Amounts",
    "Coverage",
    "Decay",
    "Explanation",
    "Grade",
    "LinkValue",
    "Scenario",
    "SocialValue",
    "Term",
    "weakest",
]

#: Evidence grades: ``E`` primary source, ``S`` secondary report, ``V`` vendor claim,
#: ``F`` folklore or engineering choice, ``U`` unverified, ``set`` changed by the caller.
Grade = Literal["E", "S", "V", "F", "U", "set"]

#: The grades, strongest first.
GRADES: tuple[Grade, ...] = ("E", "S", "V", "F", "U", "set")

#: The social units, each with what one of it is.
UNITS: tuple[tuple[str, str], ...] = (
    ("visits", "referral sessions on the target (clicks on the link)"),
    ("impressions", "times the post was shown"),
    ("engagement", "like-equivalents: likes + 2·shares + 27·comments (X ranker weights)"),
    ("referring_domains", "new sites linking to the target (a scenario)"),
)

_NONE = "(none)"  # the parameter of a term that no model parameter is behind


def _to_terms(value: object) -> object:
    """A tuple of terms (a tuple passes as it is: the common case, kept fast)."""
    return value if type(value) is tuple else to_tuple(value)


def weakest(*grades: Grade) -> Grade:
    """The weakest of *grades* (a value set by the caller is the weakest).

    >>> weakest("E", "F", "S")
    'F'
    """
    return max(grades, key=GRADES.index)


@attrs.frozen(slots=True)
class Term:
    """One direct factor or one social amount, with the parameter behind it."""

    #: Short name (``"authority"``, ``"rel"``, ``"visits delivered"`` ...).
    name: str = attrs.field(validator=text(empty=False))
    #: The factor (direct) or the amount (social, in its unit): finite and >= 0.
    value: float = attrs.field(validator=in_range(0, math.inf))
    #: The model parameter(s) behind it, with their values (``"damping=0.85"``).
    parameter: str = attrs.field(validator=text(empty=False))
    #: Where the parameter's default comes from.
    source: str = attrs.field(validator=text(empty=False))
    #: Evidence grade: E, S, V, F, U, or ``set`` when the caller changed the default.
    grade: Grade = attrs.field(validator=one_of(Grade))
    #: How the value was obtained, with the inputs used.
    detail: str = attrs.field(validator=text(empty=False))
    #: True for a gate: a factor that lets the link through (1) or holds it back.
    gate: bool = attrs.field(default=False, validator=boolean)

    @property
    def closed(self) -> bool:
        """True for a gate whose value is 0."""
        return self.gate and self.value == 0


_terms_named = items_of(Term)


def _are_terms(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``items_of(Term)``, with a fast path for the valid case (one check per link scored)."""
    if not (type(value) is tuple and all(isinstance(t, Term) for t in value)):
        _terms_named(instance, attribute, value)


_amount = optional(in_range(0, math.inf))


@attrs.frozen(slots=True)
class Scenario:
    """A range, not a point: low, central and high values with the assumptions behind them.

    >>> print(Scenario(0.0, 0.05, 0.5, "50 shares; 0 / 0.001 / 0.01 per share", "BuzzSumo", "F"))
    0 / 0.05 / 0.5 (low / central / high; 50 shares; 0 / 0.001 / 0.01 per share) [F]
    """

    low: float = attrs.field(validator=in_range(0, math.inf))
    central: float = attrs.field(validator=in_range(0, math.inf))
    high: float = attrs.field(validator=in_range(0, math.inf))
    #: What the three values assume.
    assumptions: str = attrs.field(validator=text(empty=False))
    #: Where the assumptions come from.
    source: str = attrs.field(validator=text(empty=False))
    grade: Grade = attrs.field(validator=one_of(Grade))

    def __attrs_post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise value_error(
                "Scenario", (self.low, self.central, self.high), "needs low <= central <= high"
            )

    def scaled(self, share: float) -> Scenario:
        """The same scenario for *share* of the post."""
        return attrs.evolve(
            self, low=self.low * share, central=self.central * share, high=self.high * share
        )

    def __str__(self) -> str:
        return (
            f"{number(self.low)} / {number(self.central)} / {number(self.high)} "
            f"(low / central / high; {self.assumptions}) [{self.grade}]"
        )


@attrs.frozen(slots=True)
class Amounts:
    """Social amounts, each in its own unit (``None``: unknown, never 0 for unknown)."""

    #: Referral visits (sessions; clicks on the link).
    visits: float | None = attrs.field(default=None, validator=_amount)
    #: Impressions of the post.
    impressions: float | None = attrs.field(default=None, validator=_amount)
    #: Engagement index, in like-equivalents (X ranker weights: visible social proof).
    engagement: float | None = attrs.field(default=None, validator=_amount)
    #: New referring domains, as a :class:`Scenario` (``None``: not estimated).
    referring_domains: Scenario | None = attrs.field(
        default=None, validator=optional(instance_of(Scenario))
    )


_UNIT_NAMES = ("visits", "impressions", "engagement")


@attrs.frozen(slots=True)
class SocialValue:
    """What a post brings a link's target without equity, in its own units.

    :attr:`delivered` is what the post has brought so far: totals to date,
    measured or estimated, never decayed.  :attr:`remaining` is what it can
    still bring: ``delivered · r / (1 − r)`` with *r* the share of the lifetime
    total still to come (per platform and per metric), or ``None`` where the
    platform has no lifetime curve for the metric (web pages: :attr:`unknown`
    says why).  Visible engagement
    (social proof) does not expire: it is delivered.  Discovery (referring
    domains earned through the post) is a :class:`Scenario` in
    ``remaining.referring_domains``.

    ``float(social)`` is the one sortable figure, in **visits**: delivered +
    remaining visits, 0 when visits are unknown (see :attr:`visits`).
    """

    delivered: Amounts = attrs.field(factory=Amounts, validator=instance_of(Amounts))
    remaining: Amounts = attrs.field(factory=Amounts, validator=instance_of(Amounts))
    #: One term per known amount (``"visits delivered"`` ...): its value, source and detail.
    terms: tuple[Term, ...] = attrs.field(default=(), converter=_to_terms, validator=_are_terms)
    #: Amounts left unknown although their inputs were given, with why: pairs
    #: ``("visits remaining", "no clicks curve (platforms.web.clicks=None): …")``.
    unknown: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=to_pairs, validator=pairs_of(str, str)
    )

    @property
    def visits(self) -> float | None:
        """Delivered + remaining visits (``None`` when neither is known)."""
        parts = [v for v in (self.delivered.visits, self.remaining.visits) if v is not None]
        return math.fsum(parts) if parts else None

    def __float__(self) -> float:
        found = self.visits
        return 0.0 if found is None else found

    def term(self, name: str) -> Term | None:
        """The term called *name* (``"visits remaining"`` ...), or ``None``."""
        for t in self.terms:
            if t.name == name:
                return t
        return None

    def why_unknown(self, name: str) -> str | None:
        """Why the amount called *name* (``"visits remaining"`` ...) is unknown although
        its inputs were given, or ``None``."""
        for amount, why in self.unknown:
            if amount == name:
                return why
        return None

    def lines(self) -> list[str]:
        """The table ``str(Explanation)`` shows: one row per unit."""
        out = []
        for unit in _UNIT_NAMES:
            cells = []
            for when in ("delivered", "remaining"):
                t = self.term(f"{unit} {when}")
                cells.append("unknown" if t is None else number(t.value))
            out.append(f"  {unit:<12}{cells[0]:>10}{cells[1]:>11}")
            for when in ("delivered", "remaining"):
                t = self.term(f"{unit} {when}")
                if t is not None:
                    out.append(f"    {when:<10}[{t.grade}] {t.detail}")
                    continue
                why = self.why_unknown(f"{unit} {when}")
                if why is not None:
                    out.append(f"    {when:<10}unknown: {why}")
        discovery = self.remaining.referring_domains
        out.append(
            "  referring domains: delivered not measured here; remaining "
            + ("not estimated (no shares given)" if discovery is None else str(discovery))
        )
        return out


#: ``"given"``: a metric of the source was given; ``"default"``: the model's default was used.
AuthorityCoverage = Literal["given", "default"]
#: Visits ``"measured"`` (clicks given), ``"estimated"`` (from impressions, engagement or
#: followers) or ``"unknown"``.
TrafficCoverage = Literal["measured", "estimated", "unknown"]
#: The post's age: ``"given"`` (``posted_at``), ``"assumed"`` (no ``posted_at``), or
#: ``"none"`` (no engagement data, so no age needed).
AgeCoverage = Literal["given", "assumed", "none"]
#: How the post's totals were credited to the link: by ``"clicks"`` measured per link, by
#: the page's normalised link ``"weights"``, or ``"none"`` (no engagement data).
CreditCoverage = Literal["clicks", "weights", "none"]
#: Whether a lifetime curve turned the delivered amounts into remaining ones: ``"known"``,
#: ``"unknown"`` (the platform has no curve for a metric given, so its remaining amount
#: is unknown: web pages), or ``"none"`` (no engagement data).
LifetimeCoverage = Literal["known", "unknown", "none"]


@attrs.frozen(slots=True)
class Coverage:
    """What a value rests on: known data or defaults.  Totals add these up.

    >>> Coverage().defaults_only
    True
    >>> print(Coverage())
    defaults only: authority default, engagement none, traffic unknown, age none, credit none
    """

    #: Whether the source's authority was given or the default was used.
    authority: AuthorityCoverage = attrs.field(
        default="default", validator=one_of(AuthorityCoverage)
    )
    #: The metric the authority came from (``"ahrefs-ur"``, ``"authority"`` ...; ``None``
    #: for the default).
    metric: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: Whether there is engagement data for this link: the page's engagement was given
    #: (counts, clicks, impressions, followers), or clicks were measured on this link
    #: (clicks measured on the page's other links say nothing of this one).
    engagement: bool = attrs.field(default=False, validator=boolean)
    #: Whether visits were measured, estimated or unknown.
    traffic: TrafficCoverage = attrs.field(default="unknown", validator=one_of(TrafficCoverage))
    #: Whether the post's age was given or assumed.
    age: AgeCoverage = attrs.field(default="none", validator=one_of(AgeCoverage))
    #: How the post's totals were credited to this link.
    credit: CreditCoverage = attrs.field(default="none", validator=one_of(CreditCoverage))
    #: Whether the remaining amounts rest on a lifetime curve (``"unknown"``: some are
    #: unknown because the platform has none; ``str()`` says so only then).
    lifetime: LifetimeCoverage = attrs.field(default="none", validator=one_of(LifetimeCoverage))

    @property
    def defaults_only(self) -> bool:
        """True when no data about the source or the post was given: the value is the model's
        defaults alone."""
        return self.authority == "default" and not self.engagement

    def __str__(self) -> str:
        authority = self.authority if self.metric is None else f"{self.authority} ({self.metric})"
        return ("defaults only: " if self.defaults_only else "") + (
            f"authority {authority}, engagement {'given' if self.engagement else 'none'}, "
            f"traffic {self.traffic}, age {self.age}, credit {self.credit}"
            + (", remaining unknown (no lifetime curve)" if self.lifetime == "unknown" else "")
        )


@attrs.frozen(slots=True)
class Decay:
    """How a post's totals turn into delivered and remaining amounts for one link."""

    #: The key of the platform parameters that applied (:meth:`ScoringModel.platform`):
    #: ``"web"`` off social platforms, ``"default"`` for a platform without an entry.
    params_key: str = attrs.field(validator=text(empty=False))
    #: The post's age in hours when ``posted_at`` was given, else ``None``.
    age_hours: float | None = attrs.field(validator=optional(in_range(0, math.inf)))
    #: With no ``posted_at``: the share of its lifetime totals the post is assumed to have
    #: delivered (:attr:`ScoringModel.assumed_delivered`); ``None`` when the age is given.
    assumed_delivered: float | None = attrs.field(
        validator=optional(in_range(0, 1, lo_open=True, hi_open=True))
    )
    #: Still to come per unit delivered, ``r / (1 − r)``, by metric (metrics without a
    #: lifetime curve are left out).
    ratios: tuple[tuple[str, float], ...] = attrs.field(
        converter=to_pairs, validator=pairs_of(str, float)
    )
    #: The link's share of the post's totals (0-1).
    share: float = attrs.field(validator=in_range(0, 1))
    #: How :attr:`share` was found.
    credit: str = attrs.field(validator=text(empty=False))
    #: The niche the audience fit is for.
    niche: str = attrs.field(validator=text(empty=False))
    #: The platform's audience-fit multiplier for :attr:`niche` (applied to estimated visits).
    fit: float = attrs.field(validator=in_range(0, 10))
    #: The registry key of the platform the page is on (:attr:`Page.platform`), or ``None``.
    platform: str | None = attrs.field(default=None, validator=optional(text(empty=False)))

    def ratio(self, metric: str) -> float | None:
        """``r / (1 − r)`` of *metric*, or ``None`` when there is no lifetime curve for it."""
        return dict(self.ratios).get(metric)

    def _where(self) -> str:
        if self.platform is None:
            return f"no platform, parameters {self.params_key}"
        if self.platform == self.params_key:
            return f"platform {self.platform}"
        return f"platform {self.platform}, parameters {self.params_key}"

    def __str__(self) -> str:
        if self.age_hours is not None:
            age = f"age {hours(self.age_hours)}"
        elif self.assumed_delivered is not None:
            age = (
                f"age unknown: assumed {self.assumed_delivered:.0%} of lifetime delivered "
                f"(assumed_delivered)"
            )
        else:
            age = "age unknown"
        if not self.ratios:
            age += ", no lifetime curve (remaining unknown)"
        return (
            f"{self._where()}, {age}; link's share {number(self.share)} ({self.credit}); "
            f"fit {self.fit:g} ({self.niche})"
        )


def _product(
    terms: tuple[Term, ...], *, opened: str | None = None, all_gates: bool = False
) -> float:
    """The product of the terms' values, with the term called *opened* (or, with
    *all_gates*, every closed gate) counted as 1."""
    return math.prod(
        1.0 if t.name == opened or (all_gates and t.closed) else t.value for t in terms
    )


def _check_range(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(v, float) and math.isfinite(v) and v >= 0 for v in value)
    ):
        raise type_error(f"{type(instance).__name__}.{attribute.name}", value, "a (low, high) pair")


@attrs.frozen(slots=True)
class Explanation:
    """Why a link's values are what they are; ``str()`` renders it as text."""

    #: The direct factors; their values multiply to :attr:`direct`.
    factors: tuple[Term, ...] = attrs.field(converter=_to_terms, validator=_are_terms)
    #: Direct value (equity units).
    direct: float = attrs.field(validator=in_range(0, math.inf))
    #: Equity units of one reference link (:attr:`ScoringModel.reference_equity`).
    reference: float = attrs.field(validator=in_range(0, math.inf, lo_open=True))
    #: The direct value at the low and high ends of the authority scale's plausible range.
    direct_range: tuple[float, float] | None = attrs.field(validator=_check_range)
    #: The social value, by unit.
    social: SocialValue = attrs.field(validator=instance_of(SocialValue))
    #: The lifetime, share and fit behind the social amounts.
    decay: Decay = attrs.field(validator=instance_of(Decay))
    #: What the values rest on.
    coverage: Coverage = attrs.field(validator=instance_of(Coverage))
    #: For a gated link: :attr:`direct_range` with every gate open.
    open_range: tuple[float, float] | None = attrs.field(default=None, validator=_check_range)

    @property
    def gates(self) -> tuple[Term, ...]:
        """The closed gates (each makes :attr:`direct` zero)."""
        return tuple(f for f in self.factors if f.closed)

    @property
    def direct_if_open(self) -> float:
        """What the link would be worth directly with every closed gate open."""
        return _product(self.factors, all_gates=True)

    def without(self, name: str) -> float:
        """The direct value with the factor called *name* set to 1."""
        return _product(self.factors, opened=name)

    @property
    def components(self) -> tuple[Term, ...]:
        """The social terms (one per known amount)."""
        return self.social.terms

    def __repr__(self) -> str:
        gates = f", closed gates {' '.join(g.name for g in self.gates)}" if self.gates else ""
        visits = self.social.visits
        return (
            f"<Explanation direct {number(self.direct)} from {len(self.factors)} factors"
            f"{gates}, social {'unknown' if visits is None else number(visits)} visits; "
            "print() it for the account>"
        )

    def __str__(self) -> str:
        refs = self.direct / self.reference
        lines = [
            f"direct = {number(self.direct)} equity units = {number(refs)} reference links "
            "(the factors multiply)"
        ]
        lines += self._gate_lines()
        lines += [_factor_line(f) for f in self.factors]
        shown = self.open_range or self.direct_range
        if shown is not None:
            low, high = shown
            lines.append(
                f"  scale sensitivity: {number(low)} to {number(high)} equity units "
                + ("with every gate open, " if self.open_range else "")
                + "at the ends of the authority scale's plausible range"
            )
        lines.append("social, each unit on its own (nothing is summed across units):")
        lines.append(f"  {self.decay}")
        lines.append(f"  {'unit':<12}{'delivered':>10}{'remaining':>11}")
        lines += self.social.lines()
        lines.append(f"coverage: {self.coverage}")
        return "\n".join(lines)

    def _gate_lines(self) -> list[str]:
        gates = self.gates
        lines = []
        for gate in gates:
            param = "" if gate.parameter == _NONE else f"{gate.parameter} "
            lines.append(
                f"  closed gate: {gate.name} ({gate.detail}; {param}[{gate.grade}]), "
                f"worth {number(self.without(gate.name))} without it"
            )
        if len(gates) > 1:
            lines.append(f"  worth {number(self.direct_if_open)} with every gate open")
        return lines


def _factor_line(factor: Term) -> str:
    """One row of the factor table: name, value, log10, grade, detail (and parameter)."""
    if factor.value > 0:
        log = f"{math.log10(factor.value):+.2f}"
    else:
        log = "gate" if factor.gate else "-inf"
    shown = factor.parameter != _NONE and not (factor.gate and factor.value == 1)
    param = f"  ({factor.parameter})" if shown else ""
    return (
        f"  {factor.name:<10}{number(factor.value):>7} {log:>6} [{factor.grade}]  "
        f"{factor.detail}{param}"
    )


@attrs.frozen(slots=True, repr=False)
class LinkValue:
    """A link's direct SEO value and indirect social value, and the terms behind them."""

    #: The link's URL (``None`` when its href cannot be resolved).
    url: str | None = attrs.field(validator=optional(text()))
    #: The URL of the page the link is on.
    page_url: str = attrs.field(validator=text())
    #: The direct factors, in the order shown by :meth:`explain`.
    factors: tuple[Term, ...] = attrs.field(converter=_to_terms, validator=_are_terms)
    #: The social value: delivered and remaining amounts, by unit.
    social: SocialValue = attrs.field(validator=instance_of(SocialValue))
    #: The lifetime, share and fit behind :attr:`social`.
    decay: Decay = attrs.field(validator=instance_of(Decay))
    #: What the values rest on.
    coverage: Coverage = attrs.field(factory=Coverage, validator=instance_of(Coverage))
    #: Equity units of one reference link (see :attr:`direct_references`).
    reference: float = attrs.field(default=1.0, validator=in_range(0, math.inf, lo_open=True))
    #: The authority factor at the low and high ends of its scale's plausible range
    #: (``None`` when the authority is not on a scale).
    authority_range: tuple[float, float] | None = attrs.field(default=None, validator=_check_range)
    #: Direct SEO value (>= 0), in equity units: the product of the factors' values.
    direct: float = attrs.field(init=False)

    @direct.default
    def _direct(self) -> float:
        # attrs computes this default before the validators run: check the factors first.
        _are_terms(self, attrs.fields(LinkValue).factors, self.factors)
        return math.prod(f.value for f in self.factors)

    @property
    def direct_references(self) -> float:
        """:attr:`direct` in reference links: 1.0 is worth one followed main-content link
        from a page of the model's reference authority with its reference number of
        outlinks (``docs/model.md``)."""
        return self.direct / self.reference

    @property
    def social_visits(self) -> float:
        """The one sortable social figure, in visits: delivered + remaining visits (0 when
        visits are unknown; :attr:`coverage` says so)."""
        return float(self.social)

    @property
    def platform(self) -> str | None:
        """The registry key of the platform the page is on (``"medium"`` ...), or ``None``."""
        return self.decay.platform

    @property
    def params_key(self) -> str:
        """The key of the platform parameters that applied (``"web"`` for a page on medium.com
        or off social platforms; see :meth:`ScoringModel.platform`)."""
        return self.decay.params_key

    @property
    def gates(self) -> tuple[str, ...]:
        """Names of the closed gates (empty when the link passes equity)."""
        return tuple(f.name for f in self.factors if f.closed)

    @property
    def components(self) -> tuple[Term, ...]:
        """Deprecated view for code written against the old sum: one term per unit, each in
        its own unit and never to be added: ``traffic`` (visits, delivered + remaining),
        ``visibility`` (impressions, delivered + remaining), ``proof`` (engagement index,
        delivered) and ``discovery`` (referring domains, central scenario); 0 when unknown."""
        s = self.social
        found = s.remaining.referring_domains
        parts = (
            ("traffic", s.visits, "visits delivered + remaining"),
            ("visibility", _both(s.delivered.impressions, s.remaining.impressions),
             "impressions delivered + remaining"),
            ("proof", s.delivered.engagement, "engagement index delivered"),
            ("discovery", None if found is None else found.central,
             "referring domains, central scenario"),
        )  # fmt: skip
        return tuple(
            Term(name, value or 0.0, _NONE, "see social", "F",
                 f"{what}" + (" (unknown)" if value is None else ""))
            for name, value, what in parts
        )  # fmt: skip

    def explain(self) -> Explanation:
        """The factors and amounts, each with its parameter, source and grade.

        >>> from backlinkkit import extract_links
        >>> from backlinkkit.scoring import ScoringModel
        >>> page = extract_links('<a href="https://example.com/" rel="ugc">x</a>',
        ...                      "https://forum.example.net/t/1")
        >>> why = ScoringModel().score(page.links[0], page).explain()
        >>> why.direct, [g.name for g in why.gates], round(why.direct_if_open, 3)
        (0.0, ['rel'], 2.688)
        """
        direct_range = None
        if self.authority_range is not None:
            authority = next((f.value for f in self.factors if f.name == "authority"), 0.0)
            if authority > 0:
                rest = self.direct / authority
                direct_range = (rest * self.authority_range[0], rest * self.authority_range[1])
        would_be = None
        if direct_range is not None and self.direct == 0 and self.authority_range is not None:
            rest = _product(self.factors, all_gates=True) / authority
            would_be = (rest * self.authority_range[0], rest * self.authority_range[1])
        return Explanation(
            self.factors,
            self.direct,
            self.reference,
            direct_range,
            self.social,
            self.decay,
            self.coverage,
            would_be,
        )

    def without_social(self, reason: str) -> LinkValue:
        """The same value with every known social amount set to 0 and *reason* as its detail."""

        def zero(a: Amounts) -> Amounts:
            def z(v: float | None) -> float | None:
                return None if v is None else 0.0

            rd = a.referring_domains
            return Amounts(
                z(a.visits),
                z(a.impressions),
                z(a.engagement),
                None if rd is None else rd.scaled(0.0),
            )

        terms = tuple(attrs.evolve(t, value=0.0, detail=f"0: {reason}") for t in self.social.terms)
        social = SocialValue(
            zero(self.social.delivered), zero(self.social.remaining), terms, self.social.unknown
        )
        return attrs.evolve(self, social=social)

    def __repr__(self) -> str:
        visits = self.social.visits
        return (
            f"<LinkValue {self.url} direct {number(self.direct)} "
            f"({number(self.direct_references)} reference links), social "
            f"{'unknown' if visits is None else number(visits)} visits; {self.coverage}>"
        )


def _both(a: float | None, b: float | None) -> float | None:
    parts = [v for v in (a, b) if v is not None]
    return math.fsum(parts) if parts else None
