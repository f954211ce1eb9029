"""Fit a platform's click half-life and decay shape from click (session) timestamps.

The half-lives the link model uses are *cumulative*: the time by which a post has
brought half of everything it will ever bring (bitly 2011, Pfeffer et al. 2023;
``../shared/reference/scoring-evidence.md`` §3.1).  :func:`fit_half_life` estimates
one from your own data — click times, or counts per time bin such as GA4's
sessions by "Date + hour" — by maximum likelihood, for two shapes of the
cumulative share ``F(t)`` of all clicks received by age *t*:

* **exponential**, half-life *h*: ``F(t) = 1 − 2^(−t/h)`` (the captured share of
  Appendix B of the evidence file); density ``f(t) = (ln 2 / h) · 2^(−t/h)``;
* **power law** (Lomax, or Pareto type II), shape *α* > 0 and scale *τ* > 0:
  ``F(t) = 1 − (1 + t/τ)^(−α)``; density ``f(t) = (α/τ) · (1 + t/τ)^(−α−1)``, so the
  click rate falls as ``(t + τ)^(−g)`` with ``g = α + 1`` — the ``(t+τ)^−g`` form the
  evidence file's modelling note offers (Hacker News' ranking uses it with g = 1.8,
  τ = 2 h), a straight line on log-log axes once ``t ≫ τ`` (what the issue calls
  Wiselytics' "log-log" shape).  Its half-life is ``τ · (2^(1/α) − 1)``.

**Censoring.**  Clicks after *until* have not happened yet, and how many will come
is unknown, so the data are a Poisson process of intensity ``N · f(t)`` observed on
``[0, T]`` (``T = until − posted_at``).  Maximising over the unknown total *N*
(``N̂ = n / F(T)``) leaves the log-likelihood ``Σ log f(tᵢ) − n · log F(T)``; a count
in a bin ``[a, b)`` contributes ``log(F(b) − F(a))`` per click instead of
``log f(t)``.  Without *until* every click is taken to be observed (``F(T) = 1``).
Each shape gets its AIC (``2k − 2 ln L``, k = 1 or 2) and the lower AIC is chosen;
a difference below 2 is reported as not telling the shapes apart.

>>> from datetime import datetime, timedelta
>>> posted = datetime(2026, 5, 1, 12, 0)
>>> # the counts halve every hour, so the half-life is about 1 h
>>> counts = [(0, 50), (1, 25), (2, 13), (3, 6), (4, 3)]
>>> clicks = {posted + timedelta(hours=h): c for h, c in counts}
>>> fit = fit_half_life(clicks, posted_at=posted, bin=timedelta(hours=1),
...                     until=posted + timedelta(hours=5))
>>> fit.chosen, round(fit.half_life, 2), fit.n
('exponential', 1.0, 97.0)

Pure Python and ``math``; no optional dependency.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

import attrs

from ._format import hours, number
from ._validate import (
    choices,
    instance_of,
    items_of,
    one_of,
    optional,
    to_tuple,
    type_error,
    value_error,
)
from ._validate import (
    number as number_in,
)

__all__ = ["SHAPES", "HalfLifeFit", "Shape", "ShapeFit", "fit_half_life"]

#: The decay shapes fitted.
Shape = Literal["exponential", "power-law"]
SHAPES: tuple[str, ...] = choices(Shape)

_LN2 = math.log(2.0)
_TINY = 5e-324
_SPAN = 1e6  # search h and τ within [scale / _SPAN, scale · _SPAN]
_ALPHA = (1e-2, 1e3)  # search α within this range
_GRID = 41
_GOLDEN = 45


def _log(value: float) -> float:
    return math.log(value) if value > _TINY else math.log(_TINY)


@attrs.frozen(slots=True)
class ShapeFit:
    """The maximum-likelihood fit of one shape (times in hours since posting)."""

    #: ``"exponential"`` or ``"power-law"``.
    shape: Shape = attrs.field(validator=one_of(Shape))
    #: Hours by which half of all clicks arrive (the median of the fitted distribution).
    half_life: float = attrs.field(validator=number_in(0, lo_open=True))
    #: The power law's shape α (``None`` for the exponential).
    alpha: float | None = attrs.field(validator=optional(number_in(0, lo_open=True)))
    #: The power law's scale τ in hours (``None`` for the exponential).
    tau: float | None = attrs.field(validator=optional(number_in(0, lo_open=True)))
    #: The maximised log-likelihood (censored at the observation window).
    log_likelihood: float = attrs.field(validator=number_in())
    #: ``2k − 2 ln L``.
    aic: float = attrs.field(validator=number_in())
    #: True when the optimum lies at the edge of the searched range (the data do not
    #: pin a parameter down: no decay within the window, or every click at one instant).
    at_bound: bool = attrs.field(default=False, validator=instance_of(bool))

    def share(self, age_hours: float) -> float:
        """``F(t)``: the share of all clicks received by *age_hours* after posting."""
        t = max(float(age_hours), 0.0)
        if math.isinf(t):
            return 1.0
        if self.alpha is None:
            return -math.expm1(-_LN2 * t / self.half_life)
        assert self.tau is not None
        return -math.expm1(-self.alpha * math.log1p(t / self.tau))

    def remaining(self, age_hours: float) -> float:
        """``1 − F(t)``: the share still to come at *age_hours*."""
        t = max(float(age_hours), 0.0)
        if math.isinf(t):
            return 0.0
        if self.alpha is None:
            return math.exp(-_LN2 * t / self.half_life)
        assert self.tau is not None
        return math.exp(-self.alpha * math.log1p(t / self.tau))

    def describe(self) -> str:
        """The shape, its parameters and half-life in words."""
        if self.alpha is None:
            text = f"exponential: F(t) = 1 − 2^(−t/h), h = {hours(self.half_life)}"
        else:
            assert self.tau is not None
            text = (
                f"power law (Lomax): F(t) = 1 − (1 + t/τ)^(−α), α = {number(self.alpha)}, "
                f"τ = {hours(self.tau)} (rate ∝ (t+τ)^−{number(self.alpha + 1)}); "
                f"half-life {hours(self.half_life)}"
            )
        text += f"; ln L = {self.log_likelihood:.2f}, AIC = {self.aic:.2f}"
        return text + (" (at the edge of the searched range)" if self.at_bound else "")


@attrs.frozen(slots=True)
class HalfLifeFit:
    """Both shapes fitted to one set of clicks, and the one AIC prefers."""

    #: The exponential fit.
    exponential: ShapeFit = attrs.field(validator=instance_of(ShapeFit))
    #: The power-law (Lomax) fit.
    power_law: ShapeFit = attrs.field(validator=instance_of(ShapeFit))
    #: The shape with the lower AIC (the exponential on a tie).
    chosen: Shape = attrs.field(validator=one_of(Shape))
    #: Clicks observed (the sum of the counts).
    n: float = attrs.field(validator=number_in(0, lo_open=True))
    #: Hours from posting to *until* (``None``: every click observed).
    window: float | None = attrs.field(validator=optional(number_in(0, lo_open=True)))
    #: The bin width in hours when counts were binned, else ``None``.
    bin_hours: float | None = attrs.field(validator=optional(number_in(0, lo_open=True)))
    #: Notes on the data (parameters at a bound, too few clicks ...).
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(str))

    @property
    def best(self) -> ShapeFit:
        """The chosen shape's fit."""
        return self.exponential if self.chosen == "exponential" else self.power_law

    @property
    def half_life(self) -> float:
        """The chosen shape's half-life, in hours."""
        return self.best.half_life

    @property
    def delta_aic(self) -> float:
        """How much lower the chosen shape's AIC is than the other's (≥ 0)."""
        return abs(self.exponential.aic - self.power_law.aic)

    @property
    def observed_share(self) -> float:
        """The chosen shape's ``F(window)``: the share of all clicks already observed."""
        return 1.0 if self.window is None else self.best.share(self.window)

    @property
    def estimated_total(self) -> float:
        """Clicks over the post's whole life: ``n / F(window)``."""
        return self.n / max(self.observed_share, _TINY)

    def explain(self) -> str:
        """What was fitted, both fits, the choice and what it implies, in plain text."""
        span = (
            f"observed until {hours(self.window)} after posting; later clicks not yet seen, "
            "so the likelihood is conditioned on that window"
            if self.window is not None
            else "every click taken as observed (no until=)"
        )
        binned = f", counted in bins of {hours(self.bin_hours)}" if self.bin_hours else ""
        verdict = (
            "AIC does not tell the shapes apart (difference below 2)"
            if self.delta_aic < 2
            else f"AIC prefers it by {self.delta_aic:.1f}"
        )
        lines = [
            f"{number(self.n)} clicks{binned}; {span}.",
            "  " + self.exponential.describe(),
            "  " + self.power_law.describe(),
            f"chosen: {self.chosen} ({verdict}); half-life {hours(self.half_life)}.",
        ]
        if self.window is not None:
            lines.append(
                f"share observed by the window: {self.observed_share:.1%}; "
                f"estimated lifetime clicks {number(self.estimated_total)}."
            )
        lines.extend(f"note: {w}" for w in self.warnings)
        return "\n".join(lines)

    def summary(self) -> str:
        """One line."""
        return (
            f"{self.chosen} half-life {hours(self.half_life)} from {number(self.n)} clicks "
            f"(ΔAIC {self.delta_aic:.1f})"
        )

    def __repr__(self) -> str:
        return f"<HalfLifeFit {self.summary()}>"


# --------------------------------------------------------------------------- data


@attrs.frozen(slots=True)
class _Data:
    points: tuple[tuple[float, float], ...]  # (t, weight): exact click times
    bins: tuple[tuple[float, float, float], ...]  # (a, b, weight): clicks somewhere in [a, b)
    window: float | None
    n: float
    scale: float


def _pairs(data: object) -> list[tuple[Any, Any]]:
    if isinstance(data, Mapping):
        return list(data.items())
    if isinstance(data, (str, bytes, bytearray)) or not isinstance(data, Iterable):
        raise type_error(
            "timestamps_or_counts", data, "datetimes, (datetime, count) pairs or a mapping"
        )
    out: list[tuple[Any, Any]] = []
    for item in data:
        if isinstance(item, datetime):
            out.append((item, 1))
        elif isinstance(item, tuple) and len(item) == 2:
            out.append(item)
        else:
            raise type_error(
                f"timestamps_or_counts[{len(out)}]", item, "a datetime or a (datetime, count) pair"
            )
    return out


def _hours_since(field: str, when: object, posted_at: datetime) -> float:
    if not isinstance(when, datetime):
        raise type_error(field, when, "datetime")
    if (when.tzinfo is None) != (posted_at.tzinfo is None):
        raise value_error(field, when, "mixes a naive and a timezone-aware datetime with posted_at")
    return (when - posted_at).total_seconds() / 3600.0


def _data(data: object, posted_at: object, until: object, bin: object) -> _Data:
    if not isinstance(posted_at, datetime):
        raise type_error("posted_at", posted_at, "datetime")
    window: float | None = None
    if until is not None:
        window = _hours_since("until", until, posted_at)
        if not window > 0:
            raise value_error("until", until, "must be after posted_at")
    width: float | None = None
    if bin is not None:
        if not isinstance(bin, timedelta):
            raise type_error("bin", bin, "timedelta")
        width = bin.total_seconds() / 3600.0
        if not width > 0:
            raise value_error("bin", bin, "must be positive")
    points: dict[float, float] = {}
    bins: dict[tuple[float, float], float] = {}
    total = 0.0
    for i, (when, raw) in enumerate(_pairs(data)):
        field = f"timestamps_or_counts[{i}]"
        t = _hours_since(field, when, posted_at)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise type_error(field + ".count", raw, "a number")
        count = float(raw)
        if not math.isfinite(count) or count < 0:
            raise value_error(field + ".count", raw, "must be a finite number >= 0")
        if count == 0:
            continue
        if width is None:
            if t < 0:
                raise value_error(field, when, "is before posted_at")
            if window is not None and t > window:
                raise value_error(field, when, "is after until")
            points[t] = points.get(t, 0.0) + count
        else:
            a, b = max(t, 0.0), t + width
            if b <= 0:
                raise value_error(field, when, "the whole bin is before posted_at")
            if window is not None:
                if t >= window:
                    raise value_error(field, when, "the bin starts at or after until")
                b = min(b, window)
            if b - a <= 1e-12 * max(1.0, abs(a)):
                points[a] = points.get(a, 0.0) + count
            else:
                bins[(a, b)] = bins.get((a, b), 0.0) + count
        total += count
    if not total > 0:
        raise value_error("timestamps_or_counts", data, "holds no clicks")
    moments = list(points.items()) + [((a + b) / 2, w) for (a, b), w in bins.items()]
    mean = math.fsum(t * w for t, w in moments) / total
    positive = [t for t, _ in moments if t > 0]
    scale = mean if mean > 0 else (min(positive) if positive else (width or 1.0))
    if window is not None:
        scale = min(scale, window)
    return _Data(
        points=tuple(sorted(points.items())),
        bins=tuple((a, b, w) for (a, b), w in sorted(bins.items())),
        window=window,
        n=total,
        scale=scale,
    )


# ------------------------------------------------------------------- optimisation


def _maximise(fn: Callable[[float], float], lo: float, hi: float) -> tuple[float, float, bool]:
    """Maximise *fn* over ``[lo, hi]``: a grid scan, then golden-section search around the
    best grid point.  Returns ``(x, fn(x), at_bound)``."""
    step = (hi - lo) / (_GRID - 1)
    grid = [lo + i * step for i in range(_GRID)]
    values = [fn(x) for x in grid]
    best = max(range(_GRID), key=lambda i: values[i])
    a = grid[max(best - 1, 0)]
    b = grid[min(best + 1, _GRID - 1)]
    ratio = (math.sqrt(5) - 1) / 2
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = fn(c), fn(d)
    for _ in range(_GOLDEN):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = fn(c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = fn(d)
    x, fx = (c, fc) if fc >= fd else (d, fd)
    if values[best] > fx:
        x, fx = grid[best], values[best]
    edge = (hi - lo) * 1e-3
    return x, fx, x - lo < edge or hi - x < edge


def _exp_loglik(data: _Data, rate: float) -> float:
    total = 0.0
    for t, w in data.points:
        total += w * (math.log(rate) - rate * t)
    for a, b, w in data.bins:
        total += w * (-rate * a + _log(-math.expm1(-rate * (b - a))))
    if data.window is not None:
        total -= data.n * _log(-math.expm1(-rate * data.window))
    return total


def _fit_exponential(data: _Data) -> ShapeFit:
    lo, hi = math.log(data.scale / _SPAN), math.log(data.scale * _SPAN)

    def loglik(log_h: float) -> float:
        return _exp_loglik(data, _LN2 / math.exp(log_h))

    log_h, value, edge = _maximise(loglik, lo, hi)
    return ShapeFit(
        shape="exponential",
        half_life=math.exp(log_h),
        alpha=None,
        tau=None,
        log_likelihood=value,
        aic=2.0 - 2.0 * value,
        at_bound=edge,
    )


def _lomax_loglik(data: _Data, alpha: float, tau: float, point_sum: float) -> float:
    """*point_sum* is ``Σ w · log1p(t/τ)`` over the exact points (it does not depend on α)."""
    weight = data.n - math.fsum(w for _, _, w in data.bins) if data.bins else data.n
    total = weight * (math.log(alpha) - math.log(tau)) - (alpha + 1.0) * point_sum
    for a, b, w in data.bins:
        la, lb = math.log1p(a / tau), math.log1p(b / tau)
        total += w * (-alpha * la + _log(-math.expm1(-alpha * (lb - la))))
    if data.window is not None:
        total -= data.n * _log(-math.expm1(-alpha * math.log1p(data.window / tau)))
    return total


def _fit_power_law(data: _Data) -> ShapeFit:
    lo, hi = math.log(data.scale / _SPAN), math.log(data.scale * _SPAN)
    alo, ahi = math.log(_ALPHA[0]), math.log(_ALPHA[1])
    inner_edge: dict[float, bool] = {}
    inner_alpha: dict[float, float] = {}

    def profile(log_tau: float) -> float:
        tau = math.exp(log_tau)
        point_sum = math.fsum(w * math.log1p(t / tau) for t, w in data.points)

        def loglik(log_alpha: float) -> float:
            return _lomax_loglik(data, math.exp(log_alpha), tau, point_sum)

        log_alpha, value, edge = _maximise(loglik, alo, ahi)
        inner_alpha[log_tau] = log_alpha
        inner_edge[log_tau] = edge
        return value

    log_tau, value, edge = _maximise(profile, lo, hi)
    if log_tau not in inner_alpha:
        profile(log_tau)
    alpha, tau = math.exp(inner_alpha[log_tau]), math.exp(log_tau)
    half_life = tau * math.expm1(_LN2 / alpha)
    if not (half_life > 0 and math.isfinite(half_life)):
        half_life = min(max(half_life, 5e-300), 1e300) if math.isfinite(half_life) else 1e300
    return ShapeFit(
        shape="power-law",
        half_life=half_life,
        alpha=alpha,
        tau=tau,
        log_likelihood=value,
        aic=4.0 - 2.0 * value,
        at_bound=edge or inner_edge[log_tau],
    )


def fit_half_life(
    timestamps_or_counts: Iterable[datetime]
    | Iterable[tuple[datetime, float]]
    | Mapping[datetime, float],
    *,
    posted_at: datetime,
    until: datetime | None = None,
    bin: timedelta | None = None,
) -> HalfLifeFit:
    """Fit an exponential and a power-law (Lomax) click decay to click times by maximum
    likelihood, censored at *until*, and choose the shape by AIC.

    *timestamps_or_counts*: click times (one click each), ``(time, count)`` pairs, or a
    mapping of time to count.  With *bin* each count lies somewhere in ``[time, time +
    bin)`` (clipped to ``[posted_at, until]``: a daily bin may start before the post),
    else at *time* exactly.  *until*: when observation ended (``None``: every click the
    post will get is in the data).  Times are datetimes, all naive or all aware like
    *posted_at*.

    Raises :class:`~backlinkkit.errors.InvalidInputError` for wrong types and
    :class:`~backlinkkit.errors.InvalidValueError` for a time before *posted_at* (or a
    bin wholly before it), after *until*, an *until* not after *posted_at*, a negative
    or non-finite count, a non-positive *bin*, or no clicks at all.
    """
    data = _data(timestamps_or_counts, posted_at, until, bin)
    exponential = _fit_exponential(data)
    power_law = _fit_power_law(data)
    chosen: Shape = "power-law" if power_law.aic < exponential.aic else "exponential"
    warnings: list[str] = []
    if data.n < 30:
        warnings.append(f"only {number(data.n)} clicks: both fits are rough")
    if power_law.alpha is not None and power_law.alpha >= _ALPHA[1] * 0.99:
        warnings.append(
            f"the power law's α reached its upper bound ({_ALPHA[1]:g}): it has become an "
            "exponential, the data show no heavy tail"
        )
    elif power_law.at_bound:
        warnings.append(
            "the power-law optimum is at the edge of the searched range: the data do not pin "
            "α and τ down"
        )
    if exponential.at_bound:
        warnings.append(
            "the exponential optimum is at the edge of the searched range (no decay within "
            "the window, or every click at one instant)"
        )
    return HalfLifeFit(
        exponential=exponential,
        power_law=power_law,
        chosen=chosen,
        n=data.n,
        window=data.window,
        bin_hours=bin.total_seconds() / 3600.0 if bin is not None else None,
        warnings=warnings,
    )
