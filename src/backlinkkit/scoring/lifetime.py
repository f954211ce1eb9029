"""How a post's lifetime total of one metric (clicks, impressions, engagement) arrives.

Every half-life the evidence quotes is *cumulative*: bitly 2011, "the time at
which this link will receive half of the clicks it will ever receive";
Pfeffer et al. 2023, "half of all impressions" (scoring-evidence §3.1,
Appendix B).  A :class:`Curve` gives the share of the lifetime total still to
come after *t* hours, :meth:`Curve.still_to_come`; with totals to date *C*
and that share *r*, what the post has delivered is *C* and what it can still
bring is ``C · r / (1 − r)`` (:meth:`Curve.remaining`), never ``C · r``.

Two shapes: ``"exponential"`` (share still to come ``2 ** (-t / h)``) and
``"power-law"`` (Hacker News' rank decay ``(t + τ) ** -g``, news.arc: the share
still to come is ``(1 + t / τ) ** (1 - g)``, with τ chosen so that half
arrives by the half-life).  An *evergreen* share of the lifetime total
arrives on a slow tail (search traffic to YouTube, Pinterest, Reddit).

>>> x_clicks = Curve("clicks", 2.8)            # bitly 2011: X link clicks, 2.8 h
>>> x_clicks.still_to_come(2.8), x_clicks.still_to_come(5.6)
(0.5, 0.25)
>>> x_clicks.remaining(100, 2.8)                # 100 clicks at the half-life: 100 more to come
100.0
>>> hn = Curve("impressions", 2 * (2 ** 1.25 - 1), "power-law", gravity=1.8)
>>> round(hn.offset_hours, 9), round(hn.still_to_come(0.0), 9)   # τ = 2 h, as news.arc
(2.0, 1.0)
"""

from __future__ import annotations

import math
from typing import Literal

import attrs

from .._format import hours
from .._validate import number, one_of

__all__ = ["MIN_AGE_HOURS", "Curve", "Metric", "Shape"]

#: The metric a curve describes: its half-life was measured on it.
Metric = Literal["clicks", "impressions", "engagement"]
#: ``"exponential"`` or ``"power-law"`` (Hacker News style ``(t + τ) ** -g``).
Shape = Literal["exponential", "power-law"]

#: The youngest age a post's totals are read at (15 minutes): before it, totals to date
#: say almost nothing about a lifetime (X impressions peak 72 s after posting, Pfeffer
#: et al. 2023), and ``C · r / (1 − r)`` would grow without bound.
MIN_AGE_HOURS = 0.25

_positive = number(0, math.inf, lo_open=True)


@attrs.frozen(slots=True)
class Curve:
    """The cumulative arrival of one metric's lifetime total on one platform."""

    #: The metric the half-life was measured on.
    metric: Metric = attrs.field(validator=one_of(Metric))
    #: Hours by which half of the (non-evergreen) lifetime total has arrived.
    half_life_hours: float = attrs.field(validator=_positive)
    #: ``"exponential"`` or ``"power-law"``.
    shape: Shape = attrs.field(default="exponential", validator=one_of(Shape))
    #: The power law's exponent *g* (> 1; Hacker News gravity 1.8); unused by exponentials.
    gravity: float = attrs.field(default=1.8, validator=number(1, 10, lo_open=True))
    #: Share of the lifetime total that arrives on a slow evergreen tail (0 = none).
    evergreen: float = attrs.field(default=0.0, validator=number(0, 1, hi_open=True))
    #: Half-life of the evergreen tail, in hours (2 years).
    evergreen_half_life_hours: float = attrs.field(default=730 * 24.0, validator=_positive)

    @classmethod
    def lomax(
        cls, metric: Metric, tau_hours: float, alpha: float, *, evergreen: float = 0.0
    ) -> Curve:
        """The power-law curve of a Lomax fit (share still to come ``(1 + t/τ)^(−α)``,
        scale τ and shape α, as a maximum-likelihood fit of click times reports them):
        gravity ``g = α + 1``, half-life ``τ · (2^(1/α) − 1)``.

        >>> fitted = Curve.lomax("clicks", 2.0, 0.8)       # Hacker News: τ = 2 h, g = 1.8
        >>> fitted.gravity, round(fitted.half_life_hours, 4), round(fitted.offset_hours, 9)
        (1.8, 2.7568, 2.0)
        """
        half_life = float(tau_hours) * (2.0 ** (1.0 / float(alpha)) - 1.0)
        return cls(metric, half_life, "power-law", gravity=float(alpha) + 1.0, evergreen=evergreen)

    @property
    def offset_hours(self) -> float:
        """The power law's τ, so that half arrives by the half-life: ``h / (2^(1/(g-1)) - 1)``."""
        spread = float(2.0 ** (1.0 / (float(self.gravity) - 1.0))) - 1.0
        return float(self.half_life_hours) / spread

    def still_to_come(self, age_hours: float) -> float:
        """The share of the lifetime total still to come after *age_hours* (1 at age 0)."""
        t = max(0.0, float(age_hours))
        if self.shape == "exponential":
            main = float(2.0 ** (-t / float(self.half_life_hours)))
        else:
            main = float((1.0 + t / self.offset_hours) ** (1.0 - float(self.gravity)))
        if not self.evergreen:
            return main
        tail = float(2.0 ** (-t / float(self.evergreen_half_life_hours)))
        share = float(self.evergreen)
        return (1.0 - share) * main + share * tail

    def ratio(self, age_hours: float) -> float:
        """``r / (1 − r)`` at ``max(age_hours, MIN_AGE_HOURS)``: to come per unit delivered."""
        r = self.still_to_come(max(float(age_hours), MIN_AGE_HOURS))
        return r / (1.0 - r)

    def remaining(self, delivered: float, age_hours: float) -> float:
        """What a post that delivered *delivered* by *age_hours* can still bring."""
        return float(delivered) * self.ratio(age_hours)

    def age_at(self, captured: float) -> float:
        """The age by which the share *captured* (0-1) of the lifetime total has arrived,
        ignoring the evergreen tail (the age shown for an assumed share)."""
        left = 1.0 - float(captured)
        if self.shape == "exponential":
            return -math.log2(left) * float(self.half_life_hours)
        return self.offset_hours * (float(left ** (1.0 / (1.0 - float(self.gravity)))) - 1.0)

    def __str__(self) -> str:
        text = f"{self.shape}, half-life {hours(float(self.half_life_hours))}"
        if self.shape == "power-law":
            text += f", gravity {self.gravity:g}"
        if self.evergreen:
            text += f", evergreen {self.evergreen:g}"
        return text
