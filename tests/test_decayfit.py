"""backlinkkit.decayfit: maximum-likelihood half-life and shape from click times.

Data are drawn (seeded) from the two distributions with known parameters, by
inverting their cumulative share functions — exponential ``F(t) = 1 − 2^(−t/h)``
(scoring-evidence.md Appendix B) and Lomax ``F(t) = 1 − (1 + t/τ)^(−α)`` — and the
fit must recover them within 10 % and pick the true shape by AIC.
"""

from __future__ import annotations

import doctest
import math
import random
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import HalfLifeFit, fit_half_life
from backlinkkit import decayfit as decayfit_module
from backlinkkit.decayfit import ShapeFit
from backlinkkit.errors import InvalidInputError, InvalidValueError

POSTED = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)
LN2 = math.log(2)


def exponential(rng: random.Random, n: int, h: float) -> list[float]:
    # inverse of F(t) = 1 - 2^(-t/h):  t = -h * log2(1 - u)
    return [-h * math.log2(1 - rng.random()) for _ in range(n)]


def lomax(rng: random.Random, n: int, alpha: float, tau: float) -> list[float]:
    # inverse of F(t) = 1 - (1 + t/tau)^(-alpha):  t = tau * ((1 - u)^(-1/alpha) - 1)
    return [tau * ((1 - rng.random()) ** (-1 / alpha) - 1) for _ in range(n)]


def at(hours: float) -> datetime:
    return POSTED + timedelta(hours=hours)


def fit_times(times: list[float], until: float | None = None) -> HalfLifeFit:
    kept = [t for t in times if until is None or t <= until]
    return fit_half_life(
        [at(t) for t in kept], posted_at=POSTED, until=at(until) if until is not None else None
    )


def fit_binned(times: list[float], width: float, until: float | None = None) -> HalfLifeFit:
    counts: dict[datetime, int] = {}
    for t in times:
        if until is not None and t >= until:
            continue
        start = at(math.floor(t / width) * width)
        counts[start] = counts.get(start, 0) + 1
    return fit_half_life(
        counts,
        posted_at=POSTED,
        bin=timedelta(hours=width),
        until=at(until) if until is not None else None,
    )


def within(value: float, true: float, share: float = 0.10) -> bool:
    return abs(value - true) <= share * true


def test_module_examples() -> None:
    assert doctest.testmod(decayfit_module).failed == 0


def test_share_is_appendix_b_captured_share() -> None:
    fit = ShapeFit("exponential", 80 / 60, None, None, 0.0, 2.0)
    # Appendix B: with h = 80 min, 24 h leaves 2^(-18) ~ 4e-6
    assert fit.remaining(24) == pytest.approx(2**-18)
    assert fit.share(24) == pytest.approx(1 - 2**-18)
    assert fit.share(80 / 60) == pytest.approx(0.5)
    assert fit.share(0) == 0.0
    assert fit.share(math.inf) == 1.0


def test_lomax_share_and_half_life() -> None:
    alpha, tau = 0.8, 2.0  # HN-like: rate ~ (t + 2)^-1.8
    h = tau * (2 ** (1 / alpha) - 1)
    fit = ShapeFit("power-law", h, alpha, tau, 0.0, 4.0)
    assert fit.share(h) == pytest.approx(0.5)
    assert fit.remaining(10) == pytest.approx((1 + 10 / tau) ** -alpha)
    assert fit.remaining(1000) > ShapeFit("exponential", h, None, None, 0.0, 2.0).remaining(1000)


@pytest.mark.parametrize(
    ("label", "until", "binned"),
    [
        ("complete", None, False),
        ("censored at 3 half-lives", 8.4, False),
        ("hourly bins, censored", 8.4, True),
    ],
)
def test_exponential_recovered(label: str, until: float | None, binned: bool) -> None:
    rng = random.Random(2011)
    h = 2.8  # bitly 2011, Twitter click half-life
    times = exponential(rng, 5000, h)
    fit = fit_binned(times, 1.0, until) if binned else fit_times(times, until)
    assert within(fit.exponential.half_life, h), fit.explain()
    assert within(fit.power_law.half_life, h), fit.explain()  # the Lomax tends to it
    if until is not None:
        assert within(fit.estimated_total, 5000), fit.explain()


@pytest.mark.parametrize(
    ("label", "until", "binned"),
    [
        ("complete", None, False),
        ("censored at 48 h", 48.0, False),
        ("hourly bins, censored at 48 h", 48.0, True),
    ],
)
def test_power_law_recovered(label: str, until: float | None, binned: bool) -> None:
    rng = random.Random(2023)
    alpha, tau = 1.5, 2.0
    times = lomax(rng, 20000, alpha, tau)
    fit = fit_binned(times, 1.0, until) if binned else fit_times(times, until)
    assert fit.chosen == "power-law", fit.explain()
    lomax_fit = fit.power_law
    assert lomax_fit.alpha is not None
    assert lomax_fit.tau is not None
    assert within(lomax_fit.alpha, alpha), fit.explain()
    assert within(lomax_fit.tau, tau), fit.explain()
    assert within(lomax_fit.half_life, tau * (2 ** (1 / alpha) - 1)), fit.explain()


def test_aic_picks_the_true_shape() -> None:
    # On exponential data the Lomax nests the exponential (alpha -> infinity), so AIC
    # wrongly prefers it only when the likelihood-ratio statistic exceeds 2: about 8 % of
    # samples (half of P(chi2_1 > 2)).  Over 20 seeds at least 17 must pick right.
    picks = []
    for seed in range(20):
        rng = random.Random(seed)
        picks.append(fit_times(exponential(rng, 500, 3.2), until=12.0).chosen)
    assert picks.count("exponential") >= 17, picks
    for seed in range(10):
        rng = random.Random(100 + seed)
        fit = fit_times(lomax(rng, 1000, 1.5, 2.0), until=48.0)
        assert fit.chosen == "power-law", fit.explain()
        assert fit.delta_aic > 10


def test_aic_and_explanation() -> None:
    rng = random.Random(5)
    fit = fit_times(exponential(rng, 3000, 3.2), until=12.0)
    assert fit.exponential.aic == pytest.approx(2 - 2 * fit.exponential.log_likelihood)
    assert fit.power_law.aic == pytest.approx(4 - 2 * fit.power_law.log_likelihood)
    text = fit.explain()
    assert "observed until 12 h after posting" in text
    assert f"AIC = {fit.exponential.aic:.2f}" in text
    assert "chosen: exponential" in text
    assert any("upper bound" in w for w in fit.warnings)  # alpha ran off: no heavy tail
    assert repr(fit).startswith("<HalfLifeFit exponential half-life")


def test_input_forms_agree() -> None:
    times = [at(h) for h in (0.1, 0.5, 0.5, 1.0, 2.5, 4.0)]
    pairs = [(at(0.1), 1), (at(0.5), 2), (at(1.0), 1), (at(2.5), 1), (at(4.0), 1)]
    mapping = dict(pairs)
    fits = [fit_half_life(data, posted_at=POSTED) for data in (times, pairs, mapping)]
    assert fits[0] == fits[1] == fits[2]
    assert fits[0].n == 6.0
    assert any("only 6 clicks" in w for w in fits[0].warnings)


def test_daily_bin_may_start_before_posting() -> None:
    # a GA4 daily row for the posting day starts at midnight, before a 09:00 post
    midnight = datetime(2026, 5, 1, tzinfo=timezone.utc)
    counts = {midnight: 80, midnight + timedelta(days=1): 15, midnight + timedelta(days=2): 5}
    fit = fit_half_life(counts, posted_at=POSTED, bin=timedelta(days=1))
    assert fit.n == 100.0
    assert 0 < fit.half_life < 24


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "match"),
    [
        ([at(-1)], {}, InvalidValueError, "before posted_at"),
        ([at(5)], {"until": at(4)}, InvalidValueError, "after until"),
        ([at(1)], {"until": at(0)}, InvalidValueError, "until"),
        ([(at(1), 0)], {}, InvalidValueError, "no clicks"),
        ([], {}, InvalidValueError, "no clicks"),
        ([(at(1), -2)], {}, InvalidValueError, "finite number >= 0"),
        ([(at(1), math.nan)], {}, InvalidValueError, "finite number >= 0"),
        ([(at(1), True)], {}, InvalidInputError, "a number"),
        ([(at(1), "3")], {}, InvalidInputError, "a number"),
        ("2026-05-01", {}, InvalidInputError, "timestamps_or_counts"),
        ([1.5], {}, InvalidInputError, "datetime"),
        ([datetime(2026, 5, 1, 10)], {}, InvalidValueError, "naive"),
        ([at(1)], {"bin": timedelta(0)}, InvalidValueError, "bin"),
        ([at(1)], {"bin": 3600}, InvalidInputError, "bin"),
        ([(at(-48), 3)], {"bin": timedelta(days=1)}, InvalidValueError, "before posted_at"),
        ([(at(5), 3)], {"bin": timedelta(hours=1), "until": at(5)}, InvalidValueError, "until"),
    ],
)
def test_wrong_input_raises_documented_errors(
    data: Any, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        fit_half_life(data, posted_at=POSTED, **kwargs)


def test_posted_at_must_be_a_datetime() -> None:
    with pytest.raises(InvalidInputError, match="posted_at"):
        fit_half_life([at(1)], posted_at="2026-05-01")  # type: ignore[arg-type]


def check_fit(fit: HalfLifeFit) -> None:
    for shape in (fit.exponential, fit.power_law):
        assert math.isfinite(shape.log_likelihood)
        assert math.isfinite(shape.aic)
        assert 0 < shape.half_life < math.inf
        for t in (0.0, 1.0, 1e6):
            assert 0.0 <= shape.share(t) <= 1.0
    assert fit.chosen in ("exponential", "power-law")
    assert math.isfinite(fit.estimated_total)
    assert fit.explain()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 2000, allow_nan=False), st.integers(0, 500)),
        min_size=1,
        max_size=25,
    ).filter(lambda xs: any(c > 0 for _, c in xs)),
    st.one_of(st.none(), st.floats(0.001, 500)),
    st.one_of(st.none(), st.floats(0.01, 48)),
)
def test_never_raises_on_valid_input(
    points: list[tuple[float, int]], extra: float | None, width: float | None
) -> None:
    data = [(at(t), c) for t, c in points]
    last = max(t for t, _ in points)
    until = at(last + (width or 0) + extra) if extra is not None else None
    fit = fit_half_life(
        data, posted_at=POSTED, until=until, bin=timedelta(hours=width) if width else None
    )
    check_fit(fit)


@pytest.mark.parametrize(
    "points",
    [
        [(0.0, 10)],  # every click at the posting instant
        [(5.0, 1)],
        [(t, 1) for t in range(10)],  # uniform: no decay at all
    ],
)
def test_degenerate_data_fit_with_a_warning(points: list[tuple[float, int]]) -> None:
    fit = fit_half_life([(at(t), c) for t, c in points], posted_at=POSTED, until=at(10))
    check_fit(fit)
    assert fit.warnings
