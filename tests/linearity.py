"""A timing check that tells linear from quadratic work robustly (not a benchmark).

The cost of *make(n)* through *run* is taken at a small and a large size (8 times as
big), each the best of a few runs; linear work grows about 8 times, quadratic work 64
times.  The bound (24 times) is generous enough for a loaded machine and still fails
on anything super-linear.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: The large size over the small one.
FACTOR = 8
#: Most the cost may grow from the small size to the large one (linear: 8, quadratic: 64).
BOUND = 24.0


def best_time(run: Callable[[T], object], value: T, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(value)
        best = min(best, time.perf_counter() - start)
    return best


def growth(make: Callable[[int], T], run: Callable[[T], object], small: int) -> float:
    """How many times the cost of ``run(make(FACTOR * small))`` is that of ``run(make(small))``."""
    little, big = make(small), make(FACTOR * small)
    run(little)  # warm up (imports, caches)
    return best_time(run, big) / max(best_time(run, little), 1e-6)


def assert_linear(make: Callable[[int], T], run: Callable[[T], object], small: int) -> None:
    ratio = growth(make, run, small)
    assert ratio < BOUND, f"cost grew {ratio:.1f} times for {FACTOR} times the input"
