"""Graph mode: PageRank over the link graph of a set of pages, to validate the link model.

:func:`link_graph_pagerank` takes :class:`~backlinkkit.page.Page` values (from
:func:`~backlinkkit.extract_links`) and runs PageRank (Brin & Page 1998) by power
iteration, in pure Python:

* **nodes** are the page URLs and the URLs their followed links land on (fragments
  removed; a link's :attr:`~backlinkkit.page.Link.landing_url`, so a redirect wrapper
  the registry peels does not hide the target);
* **edges** are the links with an ``http(s)`` URL that leave the page (same-page
  links are not edges).  Every such link counts in its page's out-degree;
* a **followed** link passes ``rank(page) · d / outdegree`` to its target;
* a link that is **not followed** (``nofollow``, ``ugc``, ``sponsored``, or robots
  ``nofollow``) passes nothing: its share goes to a sink node — the post-2009
  "evaporation" of ``../shared/reference/scoring-evidence.md`` §1.4 and Appendix A
  (``nofollow="drop"`` gives the pre-2009 "sculpting" reading instead: the link is
  left out of the out-degree);
* a **repeat** link (a second followed link from one page to the same target) also
  sends its share to the sink with ``repeats="sink"`` (the default), so only the
  first link to a target passes equity; ``repeats="pass"`` lets each link pass its
  share, so the target receives ``k · rank · d / outdegree`` from *k* links.

With ``weights=`` a :class:`~backlinkkit.scoring.ScoringModel`, the graph is the
**reasonable surfer's** (US 7,716,225; scoring-evidence §6.1, "graph mode"): each edge
takes the share ``w / Σ w`` of its page's rank instead of ``1 / outdegree``, *w* the
model's own link weight (:meth:`~backlinkkit.scoring.ScoringModel.link_weight`, by
region) and the sum over the page's edges, nofollowed ones included; a not-followed
link's share goes to the sink, and with ``repeats="sink"`` the heaviest followed link
to a target passes (the first of equal weight), as the model's ``duplicate=0`` keeps
the best one.  The default, ``weights=None``, is PageRank's random surfer.

Dangling nodes (targets outside the set, pages without followed links, and the
sink) spread their rank uniformly over all nodes, as networkx does by default, so
the ranks match ``networkx.pagerank`` on the same weighted graph (the tests check it;
networkx is not needed here).

>>> from backlinkkit import extract_links
>>> a = extract_links('<a href="/b">b</a><a href="/c" rel="nofollow">c</a>', "https://x.example/a")
>>> b = extract_links('<a href="/a">a</a>', "https://x.example/b")
>>> ranked = link_graph_pagerank([a, b])
>>> ranked
<GraphRank 2 pages, 2 nodes + sink, 3 links, 1 not followed>
>>> [(link.kind, round(link.flow, 4)) for link in ranked.links_of("https://x.example/a")]
[('followed', 0.1673), ('not followed', 0.0)]
>>> round(sum(ranked.rank.values()) + ranked.evaporated, 10)
1.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from ._format import cut_middle, grid, number
from ._tables import to_dataframe
from ._validate import (
    choices,
    instance_of,
    integer,
    items_of,
    one_of,
    optional,
    require,
    require_one_of,
    text,
    to_tuple,
    type_error,
    value_error,
)
from ._validate import (
    number as number_in,
)
from .page import Link, Page
from .scoring import ScoringModel

__all__ = ["SINK", "GraphLink", "GraphRank", "LinkKind", "Surfer", "link_graph_pagerank"]

#: The name of the sink node in :attr:`GraphRank.evaporated` and in records.
SINK = "__sink__"

#: How a link takes part in the graph.
LinkKind = Literal["followed", "not followed", "repeat", "ignored"]
#: ``"random"``: PageRank's even split over a page's links; ``"reasonable"``: the split
#: by the model's link weights (the reasonable surfer).
Surfer = Literal["random", "reasonable"]

_RECORD_KEYS = ["page_url", "position", "target", "kind", "flow", "note"]


def _read_only(value: Mapping[str, float]) -> Mapping[str, float]:
    # Anything but a mapping passes on, for the validator to name.
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else value


@attrs.frozen(slots=True)
class GraphLink:
    """One link of one page and what PageRank sends through it."""

    #: The page the link is on (fragment removed).
    page_url: str = attrs.field(validator=text())
    #: The link's :attr:`~backlinkkit.page.Link.position` on the page.
    position: int = attrs.field(validator=integer(0))
    #: The node it points to (landing URL without fragment), or ``None`` when ignored.
    target: str | None = attrs.field(validator=optional(text()))
    #: ``"followed"`` (passes equity), ``"not followed"`` and ``"repeat"`` (count in the
    #: out-degree, pass nothing), ``"ignored"`` (not an edge: same-page or not ``http(s)``).
    kind: LinkKind = attrs.field(validator=one_of(LinkKind))
    #: ``rank(page) · d · share`` for a link that passes equity, else 0; the share is
    #: ``1 / outdegree`` (random surfer) or ``w / Σ w`` (reasonable surfer).
    flow: float = attrs.field(validator=number_in(0))
    #: Why an ignored link was ignored ("" otherwise).
    note: str = attrs.field(default="", validator=text())

    def to_record(self) -> dict[str, Any]:
        """A flat dict (keys as the field names)."""
        return {key: getattr(self, key) for key in _RECORD_KEYS}


@attrs.frozen(slots=True)
class GraphRank:
    """PageRank of a link graph: per-node rank and per-link flow."""

    #: Rank of every node but the sink (pages and followed-link targets), summing with
    #: :attr:`evaporated` to 1.
    rank: Mapping[str, float] = attrs.field(
        converter=_read_only,
        validator=instance_of(MappingProxyType),
        repr=False,
    )
    #: The page URLs given, in order (fragments removed).
    pages: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: Every link of every page, in page order then document order.
    links: tuple[GraphLink, ...] = attrs.field(
        converter=to_tuple, validator=items_of(GraphLink), repr=False
    )
    #: Rank held by the sink (what not-followed and repeat links evaporated); 0 without one.
    evaporated: float = attrs.field(validator=number_in(0))
    #: The damping factor *d*.
    damping: float = attrs.field(validator=number_in(0, 1, hi_open=True))
    #: Power iterations run.
    iterations: int = attrs.field(validator=integer(0))
    #: The ``nofollow=`` and ``repeats=`` choices.
    nofollow: Literal["evaporate", "drop"] = attrs.field(
        default="evaporate", validator=one_of(("evaporate", "drop"))
    )
    repeats: Literal["sink", "pass"] = attrs.field(
        default="sink", validator=one_of(("sink", "pass"))
    )
    #: ``"random"`` (an even split, the default) or ``"reasonable"`` (the split by a
    #: :class:`~backlinkkit.scoring.ScoringModel`'s link weights).
    surfer: Surfer = attrs.field(default="random", validator=one_of(Surfer))

    def links_of(self, page_url: str) -> tuple[GraphLink, ...]:
        """The links of one page (its URL as given, with or without a fragment)."""
        key = _defrag(page_url)
        return tuple(link for link in self.links if link.page_url == key)

    def flow_into(self, url: str) -> float:
        """The rank all followed links send to *url* (its inbound flow, before teleport)."""
        key = _defrag(url)
        return math.fsum(link.flow for link in self.links if link.target == key)

    def top(self, n: int = 10) -> list[tuple[str, float]]:
        """The *n* best-ranked nodes, best first (ties by URL)."""
        require("n", n, int)
        return sorted(self.rank.items(), key=lambda item: (-item[1], item[0]))[: max(n, 0)]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per link (``page_url``, ``position``, ``target``, ``kind``, ``flow``,
        ``note``)."""
        return [link.to_record() for link in self.links]

    def to_dataframe(self) -> Any:
        """The records as a pandas DataFrame (needs ``pip install "backlinkkit[pandas]"``)."""
        return to_dataframe(self.to_records(), _RECORD_KEYS, "GraphRank")

    def counts(self) -> dict[str, int]:
        """How many links are of each kind."""
        out = dict.fromkeys(choices(LinkKind), 0)
        for link in self.links:
            out[link.kind] += 1
        return out

    def summary(self) -> str:
        """One line: graph size, link kinds, evaporated rank and iterations."""
        c = self.counts()
        return (
            f"PageRank over {len(self.pages)} pages and {len(self.rank)} nodes"
            + (" + sink" if self.evaporated > 0 else "")
            + f" (d={self.damping:g}"
            + (", reasonable surfer" if self.surfer == "reasonable" else "")
            + f"): {c['followed']} followed links, {c['not followed']} not "
            f"followed, {c['repeat']} repeats, {c['ignored']} ignored; "
            f"{number(self.evaporated)} of the rank evaporated; {self.iterations} iterations"
        )

    def to_table(self, n: int = 10, *, width: int = 100) -> str:
        """The *n* best-ranked nodes as a plain-text table."""
        rows = [(cut_middle(url, 200), number(value)) for url, value in self.top(n)]
        return grid(("node", "rank"), rows, width=width, right=(1,), middle=(0,))

    def __repr__(self) -> str:
        c = self.counts()
        edges = c["followed"] + c["not followed"] + c["repeat"]
        sink = " + sink" if self.evaporated > 0 else ""
        return (
            f"<GraphRank {len(self.pages)} pages, {len(self.rank)} nodes{sink}, "
            f"{edges} links, {c['not followed']} not followed"
            + (f", {c['repeat']} repeats" if c["repeat"] else "")
            + ">"
        )


# (page node, [(target node, weight)], weight to the sink, out-degree (total weight),
#  [(position, target, kind, note, weight)])
_Plan = tuple[
    int, list[tuple[int, float]], float, float, list[tuple[int, "str | None", str, str, float]]
]


def _defrag(url: str) -> str:
    return url.partition("#")[0]


def _edge_target(link: Any) -> tuple[str | None, str]:
    """The node a link points to, or ``None`` and why it is not an edge."""
    if link.url is None:
        return None, "no URL"
    if link.scheme not in ("http", "https"):
        return None, f"{link.scheme}: link"
    if link.relation == "same-page":
        return None, "same-page link"
    landing = link.landing_url or link.url
    if not landing.startswith(("http:", "https:")):
        landing = link.url
    return _defrag(landing), ""


def link_graph_pagerank(
    pages: Iterable[Page],
    *,
    damping: float = 0.85,
    tol: float = 1e-10,
    nofollow: Literal["evaporate", "drop"] = "evaporate",
    repeats: Literal["sink", "pass"] = "sink",
    weights: ScoringModel | None = None,
) -> GraphRank:
    """PageRank over the links of *pages* (see the module documentation for the graph).

    *damping* is in ``[0, 1)``; iteration stops when the L1 change of the rank vector
    falls below *tol* (in ``(0, 1)``), or after the number of iterations that bounds
    the error by *tol* (``2 · d^k ≤ tol``), so it always ends.  Two pages with the
    same URL (fragment removed) raise :class:`~backlinkkit.errors.InvalidValueError`.
    *weights*: ``None`` (PageRank's random surfer: every edge of a page takes an equal
    share) or a :class:`~backlinkkit.scoring.ScoringModel`, whose link weights split
    each page's rank (the reasonable surfer: ``w / Σ w`` over the page's edges).
    """
    if isinstance(pages, (str, bytes, Page)) or not isinstance(pages, Iterable):
        raise type_error("pages", pages, "an iterable of Page")
    require("damping", damping, int, float)
    require("tol", tol, int, float)
    if not (0 <= damping < 1) or math.isnan(damping):
        raise value_error("damping", damping, "must be in [0, 1)")
    if not (0 < tol < 1):
        raise value_error("tol", tol, "must be in (0, 1)")
    require_one_of("nofollow", nofollow, ("evaporate", "drop"))
    require_one_of("repeats", repeats, ("sink", "pass"))
    if weights is not None:
        require("weights", weights, ScoringModel)
    surfer: Surfer = "random" if weights is None else "reasonable"

    def weight_of(link: Link) -> float:
        return 1.0 if weights is None else weights.link_weight(link)

    page_list = list(pages)
    for position, page in enumerate(page_list):
        if not isinstance(page, Page):
            raise type_error(f"pages[{position}]", page, "Page")

    index: dict[str, int] = {}
    names: list[str] = []

    def node(url: str) -> int:
        found = index.get(url)
        if found is None:
            found = index[url] = len(names)
            names.append(url)
        return found

    page_urls: list[str] = []
    for page in page_list:
        url = _defrag(page.url)
        if url in index:
            raise value_error("pages", url, "two pages have this URL")
        node(url)
        page_urls.append(url)

    # Classify every link; out-edges per page as (target node, multiplicity) plus sink share.
    plans: list[_Plan] = []
    for page, url in zip(page_list, page_urls, strict=True):
        edges = [(link, *_edge_target(link)) for link in page.links]
        weight = [0.0 if target is None else weight_of(link) for link, target, _ in edges]
        # with repeats="sink", the heaviest followed link to a target passes (the first
        # of equal weight: every link, with the random surfer)
        best: dict[str, tuple[float, int]] = {}
        for i, (link, target, _) in enumerate(edges):
            if (
                target is not None
                and link.followed
                and (target not in best or weight[i] > best[target][0])
            ):
                best[target] = (weight[i], i)
        passing: dict[int, float] = {}
        to_sink = 0.0
        degree = 0.0
        kinds: list[tuple[int, str | None, str, str, float]] = []
        for i, (link, target, why) in enumerate(edges):
            w = weight[i]
            if target is None:
                kinds.append((link.position, None, "ignored", why, 0.0))
                continue
            if not link.followed:
                kinds.append((link.position, target, "not followed", "", w))
                if nofollow == "evaporate":
                    degree += w
                    to_sink += w
                continue
            degree += w
            if repeats == "sink" and best[target][1] != i:
                kinds.append((link.position, target, "repeat", "", w))
                to_sink += w
                continue
            kinds.append((link.position, target, "followed", "", w))
            t = node(target)
            passing[t] = passing.get(t, 0.0) + w
        plans.append((index[url], list(passing.items()), to_sink, degree, kinds))

    has_sink = any(plan[2] > 0 for plan in plans)
    sink = node(SINK) if has_sink else -1
    n = len(names)
    if n == 0:
        return GraphRank(
            rank={},
            pages=(),
            links=(),
            evaporated=0.0,
            damping=float(damping),
            iterations=0,
            nofollow=nofollow,
            repeats=repeats,
            surfer=surfer,
        )

    out: list[tuple[int, list[tuple[int, float]]]] = []
    has_out = [False] * n
    for source, targets, to_sink, degree, _ in plans:
        if degree <= 0:
            continue
        shares = [(t, k / degree) for t, k in targets]
        if to_sink > 0:
            shares.append((sink, to_sink / degree))
        out.append((source, shares))
        has_out[source] = True
    dangling = [i for i in range(n) if not has_out[i]]

    x = [1.0 / n] * n
    limit = (
        1
        if damping == 0
        else max(1, math.ceil((math.log(tol) - math.log(2)) / math.log(damping)) + 1)
    )
    iterations = 0
    for iterations in range(1, limit + 1):  # noqa: B007 - reported below
        lost = math.fsum(x[i] for i in dangling)
        base = (1.0 - damping) / n + damping * lost / n
        new = [base] * n
        for source, shares in out:
            share = damping * x[source]
            for t, w in shares:
                new[t] += share * w
        change = math.fsum(abs(a - b) for a, b in zip(new, x, strict=True))
        x = new
        if change < tol:
            break
    total = math.fsum(x)
    x = [value / total for value in x]

    graph_links: list[GraphLink] = []
    for (source, _, _, degree, kinds), url in zip(plans, page_urls, strict=True):
        for position, target, kind, note, w in kinds:
            flow = damping * x[source] * w / degree if kind == "followed" and degree > 0 else 0.0
            graph_links.append(GraphLink(url, position, target, kind, flow, note))  # type: ignore[arg-type]
    rank = {name: x[i] for i, name in enumerate(names) if i != sink}
    return GraphRank(
        rank=rank,
        pages=page_urls,
        links=graph_links,
        evaporated=x[sink] if has_sink else 0.0,
        damping=float(damping),
        iterations=iterations,
        nofollow=nofollow,
        repeats=repeats,
        surfer=surfer,
    )
