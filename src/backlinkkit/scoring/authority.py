"""Authority metrics SEO tools and open data publish, and how each maps to link equity.

Every vendor score is 0-100 (Open PageRank 0-10) and called logarithmic, but no
vendor publishes the base (scoring-evidence §2: "Converting to a linear equity
scale is an engineering choice; make it a visible, tunable parameter").  Each
metric therefore has its own :class:`MetricScale`: equity ``10 ** (value / s)``
with its own *s* and the plausible range of *s* that explanations use to show
how sensitive a verdict is to the scale.  Every *s* is graded ``F``.

Page-level metrics (Ahrefs UR, Moz PA, Majestic's URL flows, Semrush page
Authority Score) describe the linking page; domain-level ones (DR, DA, AS,
Open PageRank, Common Crawl ranks) the whole site.  Where both are given the
page-level one is used (:data:`PREFERENCE`).

>>> [m.key for m in DEFAULT_METRICS if m.level == "page"]
['ahrefs-ur', 'moz-pa', 'majestic-tf', 'majestic-cf', 'semrush-page-as']
>>> default_metric("open-pagerank").scale, default_metric("cc-hc").maximum
(2.0, 100.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from .._validate import number, one_of, text, to_float
from .value import Grade

__all__ = [
    "DEFAULT_METRICS",
    "GENERIC",
    "GENERIC_SCALE_RANGE",
    "METRIC_KEYS",
    "PREFERENCE",
    "Level",
    "MetricScale",
    "default_metric",
    "metric_citation",
]

#: What a metric describes: the linking ``"page"`` or its whole ``"domain"``.
Level = Literal["page", "domain"]

#: The key of the generic 0-100 metric (``SourceMetrics(authority=...)``).
GENERIC = "authority"
#: The plausible range of the generic scale *s* (scoring-evidence §6.1: 10-40).
GENERIC_SCALE_RANGE = (10.0, 40.0)


@attrs.frozen(slots=True)
class MetricScale:
    """How one metric maps to linear equity: ``10 ** (value / scale)``."""

    #: The metric's key (``"ahrefs-dr"`` ...).
    key: str = attrs.field(validator=text(empty=False))
    #: Its name as the vendor writes it.
    label: str = attrs.field(validator=text(empty=False))
    #: ``"page"`` or ``"domain"``.
    level: Level = attrs.field(validator=one_of(Level))
    #: The top of its scale (100, or 10 for Open PageRank).
    maximum: float = attrs.field(converter=to_float, validator=number(0, math.inf, lo_open=True))
    #: *s* in ``10 ** (value / s)``.
    scale: float = attrs.field(converter=to_float, validator=number(0, math.inf, lo_open=True))
    #: The plausible range of *s*, low end.
    low: float = attrs.field(converter=to_float, validator=number(0, math.inf, lo_open=True))
    #: The plausible range of *s*, high end.
    high: float = attrs.field(converter=to_float, validator=number(0, math.inf, lo_open=True))

    def equity(self, value: float) -> float:
        """``10 ** (value / scale)``."""
        return float(10.0 ** (float(value) / float(self.scale)))

    def equity_range(self, value: float) -> tuple[float, float]:
        """The equity of *value* at the two ends of the plausible range of *s* (low first)."""
        a, b = (10.0 ** (float(value) / float(s)) for s in (self.high, self.low))
        return (float(min(a, b)), float(max(a, b)))


#: Common Crawl ranks arrive as 0-100 through the log-rank mapping ``100 (1 − ln p / ln N)``
#: (``backlinkkit.ranks``): p = N^(1 − v/100).  If equity falls as 1/p (a Zipf rank-size
#: law), equity ∝ N^(v/100) = 10^(v · log10 N / 100); N ≈ 10^8 domains gives s = 12.5.
_CC_SCALE = 100 / 8

DEFAULT_METRICS: tuple[MetricScale, ...] = (
    MetricScale("ahrefs-ur", "Ahrefs UR", "page", 100, 20, 10, 40),
    MetricScale("moz-pa", "Moz PA", "page", 100, 20, 10, 40),
    MetricScale("majestic-tf", "Majestic Trust Flow", "page", 100, 20, 10, 40),
    MetricScale("majestic-cf", "Majestic Citation Flow", "page", 100, 20, 10, 40),
    MetricScale("semrush-page-as", "Semrush page Authority Score", "page", 100, 20, 10, 40),
    MetricScale("ahrefs-dr", "Ahrefs DR", "domain", 100, 20, 10, 40),
    MetricScale("moz-da", "Moz DA", "domain", 100, 20, 10, 40),
    MetricScale("majestic-domain-tf", "Majestic domain Trust Flow", "domain", 100, 20, 10, 40),
    MetricScale("majestic-domain-cf", "Majestic domain Citation Flow", "domain", 100, 20, 10, 40),
    MetricScale("semrush-as", "Semrush Authority Score", "domain", 100, 20, 10, 40),
    MetricScale("open-pagerank", "Open PageRank", "domain", 10, 2, 1, 4),
    MetricScale("cc-pr", "Common Crawl PageRank rank", "domain", 100, _CC_SCALE, _CC_SCALE, 25),
    MetricScale("cc-hc", "Common Crawl harmonic-centrality rank", "domain", 100, _CC_SCALE,
                _CC_SCALE, 25),
)  # fmt: skip

#: Every metric key :class:`~backlinkkit.scoring.SourceMetrics` accepts.
METRIC_KEYS: tuple[str, ...] = (*(m.key for m in DEFAULT_METRICS), GENERIC)

#: The order a metric is chosen in when several are given: page-level first, then
#: domain-level, then the generic one.
PREFERENCE: tuple[str, ...] = (
    *(m.key for m in DEFAULT_METRICS if m.level == "page"),
    *(m.key for m in DEFAULT_METRICS if m.level == "domain"),
    GENERIC,
)

_VENDOR_LOG = "base undisclosed, so s is an engineering choice"
_SOURCES: Mapping[str, tuple[str, Grade]] = MappingProxyType(
    {
        "ahrefs-ur": (f"Ahrefs: UR is PageRank-like and logarithmic; {_VENDOR_LOG}", "F"),
        "ahrefs-dr": (
            f"Ahrefs: DR is logarithmic and 'will stretch over time'; {_VENDOR_LOG}",
            "F",
        ),
        "moz-pa": (
            f"Moz (Peters): ML output 'rescaled to 1-100', raw output dimensionless; {_VENDOR_LOG}",
            "F",
        ),
        "moz-da": (
            f"Moz (Peters): ML output 'rescaled to 1-100', raw output dimensionless; {_VENDOR_LOG}",
            "F",
        ),
        "majestic-tf": (
            "Majestic: TF is CF's flow seeded from trusted sites; its distribution is not DR's "
            f"and no conversion is published; {_VENDOR_LOG}",
            "F",
        ),
        "majestic-cf": (f"Majestic: CF 'takes a logarithmic count' of links; {_VENDOR_LOG}", "F"),
        "majestic-domain-tf": ("as majestic-tf, for the whole domain", "F"),
        "majestic-domain-cf": ("as majestic-cf, for the whole domain", "F"),
        "semrush-as": (
            f"Semrush: AS mixes Link Power, organic traffic and spam checks; {_VENDOR_LOG}",
            "F",
        ),
        "semrush-page-as": ("as semrush-as, for the page", "F"),
        "open-pagerank": (
            "scoring-evidence §6.1: A = 10^(opr/2), the same 5 decades as s = 20 on 0-100",
            "F",
        ),
        "cc-pr": (
            "log-rank 0-100 of backlinkkit.ranks inverted, equity ∝ 1/rank (Zipf), "
            "N ≈ 10^8 domains: s = 12.5; a softer rank law (exponent 0.5) gives 25",
            "F",
        ),
        "cc-hc": (
            "as cc-pr; harmonic centrality is closeness, not equity, so its rank is a proxy",
            "F",
        ),
        GENERIC: (
            "vendors call their 0-100 scores logarithmic but publish no base; "
            "20 spans 5 decades (engineering choice)",
            "F",
        ),
    }
)


def default_metric(key: str) -> MetricScale | None:
    """The default scale of metric *key*, or ``None``."""
    for m in DEFAULT_METRICS:
        if m.key == key:
            return m
    return None


def metric_citation(key: str) -> tuple[str, Grade]:
    """The source and grade of metric *key*'s default scale."""
    return _SOURCES[key]
