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

The package: :mod:`~backlinkkit.scoring.inputs` (what the caller knows:
:class:`SourceMetrics`, :class:`Engagement`, reading records),
:mod:`~backlinkkit.scoring.platforms` (per-platform parameters and their
sources), :mod:`~backlinkkit.scoring.value` (:class:`LinkValue`, its
:class:`Term`\\ s and :class:`Explanation`) and
:mod:`~backlinkkit.scoring.model` (:class:`ScoringModel`).  Scoring reads
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
[425.0, 0.0]
"""

from __future__ import annotations

import warnings

from ..page import Link
from .inputs import Engagement, SourceMetrics, parse_datetime, parse_number
from .model import Parameter, ScoringModel
from .platforms import DEFAULT_PLATFORMS, WEB_LIKE_CATEGORIES, PlatformParams
from .value import Decay, Explanation, Grade, LinkValue, Term

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
