"""What scoring returns: a link's two values, the terms behind them, and their explanation.

A :class:`LinkValue` holds the direct factors (:class:`Term`\\ s that multiply
to :attr:`LinkValue.direct`), the social components (terms that add up to
:attr:`LinkValue.social`) and the :class:`Decay` every component includes;
:meth:`LinkValue.explain` returns them as an :class:`Explanation`, whose
``str()`` is the text report.
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
    text,
    to_tuple,
)
from .._validate import (
    number as in_range,
)

__all__ = ["GRADES", "Decay", "Explanation", "Grade", "LinkValue", "Term", "weakest"]

#: Evidence grades: ``E`` primary source, ``S`` secondary report, ``V`` vendor claim,
#: ``F`` folklore or engineering choice, ``U`` unverified, ``set`` changed by the caller.
Grade = Literal["E", "S", "V", "F", "U", "set"]

#: The grades, strongest first.
GRADES: tuple[Grade, ...] = ("E", "S", "V", "F", "U", "set")

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
    """One direct factor or one social component, with the parameter behind it."""

    #: Short name (``"authority"``, ``"rel"``, ``"traffic"`` ...).
    name: str = attrs.field(validator=text(empty=False))
    #: The factor (direct) or the component's value (social): finite and >= 0.
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


@attrs.frozen(slots=True)
class Decay:
    """How much of a post's social value is left, and how well its platform fits the audience.

    Every social component is its base value × :attr:`remaining` × :attr:`fit`.
    """

    #: The key of the platform parameters that applied (:meth:`ScoringModel.platform`):
    #: ``"web"`` off social platforms, ``"default"`` for a platform without an entry.
    params_key: str = attrs.field(validator=text(empty=False))
    #: The post's age in hours (``None`` when ``posted_at`` was not given: no decay).
    age_hours: float | None = attrs.field(validator=optional(in_range(0, math.inf)))
    #: The platform's half-life, in hours.
    half_life_hours: float = attrs.field(validator=in_range(0, math.inf, lo_open=True))
    #: The platform's evergreen floor.
    floor: float = attrs.field(validator=in_range(0, 1))
    #: ``floor + (1 - floor) * 2 ** (-age / half_life)`` (1 when the age is unknown).
    remaining: float = attrs.field(validator=in_range(0, 1))
    #: The niche the audience fit is for.
    niche: str = attrs.field(validator=text(empty=False))
    #: The platform's audience-fit multiplier for :attr:`niche`.
    fit: float = attrs.field(validator=in_range(0, 10))
    #: The registry key of the platform the page is on (:attr:`Page.platform`), or ``None``.
    platform: str | None = attrs.field(default=None, validator=optional(text(empty=False)))

    def _where(self) -> str:
        if self.platform is None:
            return f"no platform, parameters {self.params_key}"
        if self.platform == self.params_key:
            return f"platform {self.platform}"
        return f"platform {self.platform}, parameters {self.params_key}"

    def __str__(self) -> str:
        if self.age_hours is None:
            age = "age unknown, no decay"
        else:
            age = (
                f"age {hours(self.age_hours)}, half-life {hours(self.half_life_hours)}"
                + (f", floor {self.floor:g}" if self.floor else "")
                + f": remaining {number(self.remaining)}"
            )
        return f"{self._where()}, {age}; fit {self.fit:g} ({self.niche})"


def _product(
    terms: tuple[Term, ...], *, opened: str | None = None, all_gates: bool = False
) -> float:
    """The product of the terms' values, with the term called *opened* (or, with
    *all_gates*, every closed gate) counted as 1."""
    return math.prod(
        1.0 if t.name == opened or (all_gates and t.closed) else t.value for t in terms
    )


@attrs.frozen(slots=True)
class Explanation:
    """Why a link's two values are what they are; ``str()`` renders it as text."""

    #: The direct factors; their values multiply to :attr:`direct`.
    factors: tuple[Term, ...] = attrs.field(converter=_to_terms, validator=_are_terms)
    #: The social components; their values add to :attr:`social`.
    components: tuple[Term, ...] = attrs.field(converter=_to_terms, validator=_are_terms)
    #: Direct value (equity units).
    direct: float = attrs.field(validator=in_range(0, math.inf))
    #: Social value (visit-equivalents).
    social: float = attrs.field(validator=in_range(0, math.inf))
    #: The decay and audience fit every social component includes.
    decay: Decay = attrs.field(validator=instance_of(Decay))

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

    def __str__(self) -> str:
        lines = [f"direct = {number(self.direct)} equity units (the factors multiply)"]
        lines += self._gate_lines()
        lines += [_factor_line(f) for f in self.factors]
        lines.append(f"social = {number(self.social)} visit-equivalents (the components add)")
        lines.append(f"  each = base × remaining × fit: {self.decay}")
        lines += [
            f"  {c.name:<10}{number(c.value):>7} [{c.grade}]  {c.detail}" for c in self.components
        ]
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


@attrs.frozen(slots=True)
class LinkValue:
    """A link's direct SEO value and indirect social value, and the terms behind them."""

    #: The link's URL (``None`` when its href cannot be resolved).
    url: str | None = attrs.field(validator=optional(text()))
    #: The URL of the page the link is on.
    page_url: str = attrs.field(validator=text())
    #: The direct factors, in the order shown by :meth:`explain`.
    factors: tuple[Term, ...] = attrs.field(converter=_to_terms, validator=_are_terms)
    #: The social components.
    components: tuple[Term, ...] = attrs.field(converter=_to_terms, validator=_are_terms)
    #: The decay and audience fit included in every social component.
    decay: Decay = attrs.field(validator=instance_of(Decay))
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

    def explain(self) -> Explanation:
        """The factors and components, each with its parameter, source and grade.

        >>> from backlinkkit import extract_links
        >>> from backlinkkit.scoring import ScoringModel
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
