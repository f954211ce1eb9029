"""The link value model: direct SEO value and indirect social value, kept apart and explained.

A backlink gets two values that are never summed:

* **direct** (equity units, >= 0; also in *reference links*): the link equity
  the link can pass, a *product of factors*: the source's authority (per
  metric), PageRank's damping, the link's reasonable-surfer share of the
  page's links, and its gates (``rel``, robots rules, internal links,
  redirectors, spam).
* **social** (a :class:`SocialValue`): what the post has **delivered** and
  what it can still bring, **remaining**, each in its own unit (visits,
  impressions, an engagement index; referring domains as a scenario),
  credited to the link by measured clicks or its share of the page's links.

Every number behind them is a documented field of :class:`ScoringModel`
with its source and evidence grade (``E`` primary source, ``S`` secondary
report, ``V`` vendor claim, ``F`` folklore or engineering choice, ``U``
unverified); a value the caller changed is graded ``set``.  See
``docs/model.md``.

The package: :mod:`~backlinkkit.scoring.inputs` (what the caller knows:
:class:`SourceMetrics`, :class:`Engagement`, reading records),
:mod:`~backlinkkit.scoring.authority` (each authority metric's mapping to
equity: :class:`MetricScale`), :mod:`~backlinkkit.scoring.lifetime` (how a
metric's lifetime total arrives: :class:`Curve`),
:mod:`~backlinkkit.scoring.platforms` (per-platform parameters and their
sources), :mod:`~backlinkkit.scoring.value` (:class:`LinkValue`, its
:class:`Term`\\ s, :class:`SocialValue`, :class:`Coverage` and
:class:`Explanation`) and :mod:`~backlinkkit.scoring.model`
(:class:`ScoringModel`).  Scoring reads
what extraction decided about the registry (:attr:`Page.social`,
:attr:`Link.landing_url`, :attr:`Link.wrapper`) and consults no registry.

>>> from backlinkkit import extract_links
>>> page = extract_links(
...     '<article><a href="https://example.com/guide">guide</a></article>'
...     '<footer><a href="https://example.com/" rel="nofollow">home</a></footer>',
...     "https://blog.example.org/post",
... )
>>> model = ScoringModel()
>>> [round(v.direct, 4) for v in model.score_page(page, source=SourceMetrics(authority=60))]
[739.1304, 0.0]

(10^(60/20) × 0.85 × 1 / (1 + 0.15): the content link's share of a page whose other link
is in the footer.)
"""

from __future__ import annotations

import warnings

from ..page import Link
from .authority import DEFAULT_METRICS, METRIC_KEYS, MetricScale
from .inputs import Engagement, SourceMetrics, parse_datetime, parse_number
from .lifetime import Curve
from .model import Parameter, ScoringModel
from .platforms import DEFAULT_PLATFORMS, WEB_LIKE_CATEGORIES, PlatformParams
from .value import (
    UNITS,
    Amounts,
    Coverage,
    Decay,
    Explanation,
    Grade,
    LinkValue,
    Scenario,
    SocialValue,
    Term,
)

__all__ = [
    "DEFAULT_METRICS",
    "DEFAULT_PLATFORMS",
    "METRIC_KEYS",
    "UNITS",
    "WEB_LIKE_CATEGORIES",
    "Amounts",
    "Coverage",
    "Curve",
    "Decay",
    "Engagement",
    "Explanation",
    "Grade",
    "LinkValue",
    "MetricScale",
    "Parameter",
    "PlatformParams",
    "Scenario",
    "ScoringModel",
    "SocialValue",
    "SourceMetrics",
    "Term",
    "landing_url",
    "parse_datetime",
    "parse_number",
]


def landing_url(link: Link, registry: object = None) -> tuple[str | None, str | None]:
    """Deprecated: read :attr:`Link.landing_url` and :attr:`Link.wrapper` instead.

    ``(link.landing_url, link.wrapper)``, with a :class:`DeprecationWarning`;
    *registry* is ignored (extraction already consulted it).
    """
    warnings.warn(
        "landing_url() is deprecated: read Link.landing_url and Link.wrapper",
        DeprecationWarning,
        stacklevel=2,
    )
    return link.landing_url, link.wrapper
