"""A backlink audit: every link from a set of pages to one site, scored and summarised.

:func:`audit` takes extracted pages and a target site, finds every link that
lands on the target (directly or through a social platform's redirector),
scores each with a :class:`~backlinkkit.scoring.ScoringModel`, and returns a
:class:`BacklinkProfile`: the scored backlinks, a summary, flat records,
a pandas DataFrame, an HTML table for Jupyter and a matplotlib figure.

>>> from backlinkkit import extract_links
>>> page = extract_links(
...     '<article><a href="https://example.com/guide">guide</a>'
...     '<a href="https://example.com/" rel="nofollow">home</a></article>',
...     "https://blog.example.org/post",
... )
>>> profile = audit([page], "example.com")
>>> [(b.link_type, round(b.value.direct, 3)) for b in profile.backlinks]
[('followed', 1.344), ('nofollow', 0.0)]
>>> profile.summary.referring_domains
1
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs
import tldextract
from ada_url import URL

from .errors import InvalidInputError, InvalidValueError, MissingDependencyError
from .page import REGIONS, Link, Page
from .scoring import Engagement, LinkValue, ScoringModel, SourceMetrics, landing_url
from .social import SocialRegistry, default_registry
from .urls import default_extractor, parse_absolute_url, registrable_domain

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from matplotlib.figure import Figure

__all__ = [
    "LINK_TYPES",
    "RECORD_KEYS",
    "Backlink",
    "BacklinkProfile",
    "DomainTotals",
    "LinkType",
    "ProfileSummary",
    "audit",
    "link_type",
]

LinkType = Literal["followed", "nofollow", "ugc", "sponsored", "robots-nofollow"]

#: The link types, in the order they are reported.
LINK_TYPES: tuple[LinkType, ...] = ("followed", "nofollow", "ugc", "sponsored", "robots-nofollow")

#: The keys of :meth:`Backlink.to_record`, in order.
RECORD_KEYS: tuple[str, ...] = (
    "page_url",
    "referring_domain",
    "platform",
    "position",
    "url",
    "target_url",
    "via",
    "anchor",
    "region",
    "rel",
    "link_type",
    "followed",
    "direct",
    "direct_if_open",
    "gates",
    "social",
    "traffic",
    "visibility",
    "proof",
    "discovery",
)

_SOCIAL_ONCE = "the page's engagement is credited once, to its first link to the target"


_str = attrs.validators.instance_of(str)
_opt_str = attrs.validators.optional(_str)
_count = [attrs.validators.instance_of(int), attrs.validators.ge(0)]
_amount = [attrs.validators.instance_of(float), attrs.validators.ge(0.0)]
_share = [attrs.validators.instance_of(float), attrs.validators.ge(0.0), attrs.validators.le(1.0)]


def link_type(link: Link) -> LinkType:
    """One type per link: ``sponsored`` > ``ugc`` > ``nofollow`` > ``robots-nofollow`` > followed.

    A link with several qualifiers (``rel="ugc nofollow"``) gets the most specific one.

    >>> from backlinkkit import extract_links
    >>> page = extract_links('<a href="https://example.com/" rel="nofollow ugc">x</a>',
    ...                      "https://forum.example.net/")
    >>> link_type(page.links[0])
    'ugc'
    """
    rel = link.rel
    if rel.sponsored:
        return "sponsored"
    if rel.ugc:
        return "ugc"
    if rel.nofollow:
        return "nofollow"
    if not link.followed:
        return "robots-nofollow"
    return "followed"


@attrs.frozen(slots=True)
class Backlink:
    """One link from a page to the target site, and its value."""

    #: The URL of the linking page.
    page_url: str = attrs.field(validator=_str)
    #: The registrable domain of the linking page.
    referring_domain: str = attrs.field(validator=_str)
    #: The platform the linking page is on (``"web"`` off social platforms).
    platform: str = attrs.field(validator=_str)
    #: The link as extracted.
    link: Link = attrs.field(validator=attrs.validators.instance_of(Link))
    #: Where the link lands on the target site.
    target_url: str = attrs.field(validator=_str)
    #: The platform whose redirector the link goes through, or ``None`` for a direct link.
    via: str | None = attrs.field(validator=_opt_str)
    #: The link's type (see :func:`link_type`).
    link_type: LinkType = attrs.field(validator=attrs.validators.in_(LINK_TYPES))
    #: Its direct and social values.
    value: LinkValue = attrs.field(validator=attrs.validators.instance_of(LinkValue))

    def to_record(self) -> dict[str, Any]:
        """A flat dict with the keys of :data:`RECORD_KEYS`."""
        value = self.value
        parts = {c.name: c.value for c in value.components}
        return {
            "page_url": self.page_url,
            "referring_domain": self.referring_domain,
            "platform": self.platform,
            "position": self.link.position,
            "url": self.link.url,
            "target_url": self.target_url,
            "via": self.via,
            "anchor": self.link.anchor,
            "region": self.link.region,
            "rel": " ".join(self.link.rel.tokens),
            "link_type": self.link_type,
            "followed": self.link.followed,
            "direct": value.direct,
            "direct_if_open": value.explain().direct_if_open,
            "gates": " ".join(value.gates),
            "social": value.social,
            "traffic": parts.get("traffic", 0.0),
            "visibility": parts.get("visibility", 0.0),
            "proof": parts.get("proof", 0.0),
            "discovery": parts.get("discovery", 0.0),
        }


@attrs.frozen(slots=True)
class DomainTotals:
    """The backlinks from one referring domain, added up."""

    #: The referring domain.
    domain: str = attrs.field(validator=_str)
    #: Its number of backlinks.
    links: int = attrs.field(validator=_count)
    #: How many of them are followed.
    followed: int = attrs.field(validator=_count)
    #: Their direct value.
    direct: float = attrs.field(validator=_amount)
    #: Their social value.
    social: float = attrs.field(validator=_amount)


def _pairs(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class ProfileSummary:
    """Counts and totals of a :class:`BacklinkProfile`."""

    #: The target site.
    target: str = attrs.field(validator=_str)
    #: Pages audited.
    pages: int = attrs.field(validator=_count)
    #: Items that were not pages (error records from batch extraction), skipped.
    errors: int = attrs.field(validator=_count)
    #: Pages with at least one backlink to the target.
    linking_pages: int = attrs.field(validator=_count)
    #: Links from pages of the target's own site to it (not backlinks; skipped).
    own_site_links: int = attrs.field(validator=_count)
    #: Backlinks found.
    backlinks: int = attrs.field(validator=_count)
    #: Distinct referring domains.
    referring_domains: int = attrs.field(validator=_count)
    #: Backlinks per type, in the order of :data:`LINK_TYPES`.
    link_types: tuple[tuple[str, int], ...] = attrs.field(converter=_pairs)
    #: Backlinks per region (regions with none left out).
    regions: tuple[tuple[str, int], ...] = attrs.field(converter=_pairs)
    #: Backlinks per platform of the linking page, most first.
    platforms: tuple[tuple[str, int], ...] = attrs.field(converter=_pairs)
    #: Total direct value.
    direct_total: float = attrs.field(validator=_amount)
    #: Total social value.
    social_total: float = attrs.field(validator=_amount)
    #: The referring domain with the most direct value (most backlinks when all are 0).
    top_domain: str | None = attrs.field(validator=_opt_str)
    #: The top domain's share of the direct total (0 when the total is 0).
    top_domain_direct_share: float = attrs.field(validator=_share)
    #: The largest share of backlinks any one referring domain has.
    top_domain_link_share: float = attrs.field(validator=_share)

    def __str__(self) -> str:
        def counts(pairs: tuple[tuple[str, int], ...]) -> str:
            return ", ".join(f"{k} {n}" for k, n in pairs) or "none"

        lines = [
            f"target {self.target}: {self.backlinks} backlinks from {self.referring_domains} "
            f"referring domains on {self.linking_pages} of {self.pages} pages"
            + (f" ({self.errors} error records skipped)" if self.errors else ""),
            f"  link types: {counts(self.link_types)}",
            f"  regions:    {counts(self.regions)}",
            f"  platforms:  {counts(self.platforms)}",
            f"  direct total {_num(self.direct_total)} equity units; "
            f"social total {_num(self.social_total)} visit-equivalents",
        ]
        if self.top_domain is not None:
            lines.append(
                f"  top referring domain {self.top_domain}: "
                f"{self.top_domain_direct_share:.0%} of direct value, "
                f"largest share of links {self.top_domain_link_share:.0%}"
            )
        if self.own_site_links:
            lines.append(f"  {self.own_site_links} links from the target's own site skipped")
        return "\n".join(lines)


def _backlinks(value: Iterable[Backlink]) -> tuple[Backlink, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class BacklinkProfile:
    """The scored backlinks of one target site, with a summary."""

    #: The target site (a registrable domain or a host name).
    target: str
    #: True when :attr:`target` is a registrable domain (every host under it counts).
    target_is_domain: bool
    #: The backlinks, in page order and then document order.
    backlinks: tuple[Backlink, ...] = attrs.field(converter=_backlinks)
    #: Counts and totals.
    summary: ProfileSummary
    #: The model that scored them.
    model: ScoringModel

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per backlink (keys: :data:`RECORD_KEYS`)."""
        return [b.to_record() for b in self.backlinks]

    def domains(self) -> tuple[DomainTotals, ...]:
        """Totals per referring domain, the most direct value first (then most links)."""
        totals: dict[str, list[float]] = {}
        for b in self.backlinks:
            row = totals.setdefault(b.referring_domain, [0, 0, 0.0, 0.0])
            row[0] += 1
            row[1] += b.link.followed
            row[2] += b.value.direct
            row[3] += b.value.social
        out = [
            DomainTotals(domain, int(r[0]), int(r[1]), r[2], r[3]) for domain, r in totals.items()
        ]
        out.sort(key=lambda d: (-d.direct, -d.links, d.domain))
        return tuple(out)

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs ``pip install "backlinkkit[pandas]"``)."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                'BacklinkProfile.to_dataframe needs pandas: pip install "backlinkkit[pandas]"'
            ) from None
        return pd.DataFrame(self.to_records(), columns=list(RECORD_KEYS))

    def to_table(self, *, width: int = 100) -> str:
        """The backlinks as a plain-text table, direct and social values side by side."""
        return format_table(self, width=width)

    def __str__(self) -> str:
        return f"{self.summary}\n{self.to_table()}"

    def _repr_html_(self) -> str:
        s = self.summary
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(cell))}</td>"
                for cell in (
                    b.referring_domain,
                    b.platform,
                    b.link_type,
                    b.link.region,
                    _num(b.value.direct),
                    _num(b.value.social),
                    b.link.anchor,
                    b.target_url,
                )
            )
            + "</tr>"
            for b in self.backlinks
        )
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "referring domain",
                "platform",
                "type",
                "region",
                "direct",
                "social",
                "anchor",
                "target URL",
            )
        )
        summary = html.escape(str(s)).replace("\n", "<br>")
        return (
            f"<div><p><b>Backlink profile of {html.escape(self.target)}</b><br>{summary}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def plot(self) -> Figure:
        """A matplotlib figure: direct against social value per referring domain, and the
        mix of link types (needs ``pip install "backlinkkit[plot]"``).

        Uses :class:`matplotlib.figure.Figure` directly (no pyplot, no display, no file).
        """
        try:
            from matplotlib.figure import Figure
        except ImportError:
            raise MissingDependencyError(
                'BacklinkProfile.plot needs matplotlib: pip install "backlinkkit[plot]"'
            ) from None
        fig = Figure(figsize=(10, 4.2), layout="constrained")
        scatter, bars = fig.subplots(1, 2, width_ratios=(3, 2))
        domains = self.domains()
        xs = [d.direct for d in domains]
        ys = [d.social for d in domains]
        scatter.scatter(xs, ys, s=[30 + 20 * d.links for d in domains], alpha=0.7)
        for d in domains:
            scatter.annotate(
                d.domain,
                (d.direct, d.social),
                fontsize=8,
                xytext=(4, 4),
                textcoords="offset points",
            )
        scatter.set_xscale("symlog", linthresh=_linthresh(xs))
        scatter.set_yscale("symlog", linthresh=_linthresh(ys))
        scatter.set_xlabel("direct SEO value (equity units)")
        scatter.set_ylabel("social value (visit-equivalents)")
        scatter.set_title(f"Referring domains of {self.target}")
        types = [name for name, _ in self.summary.link_types]
        counts = [n for _, n in self.summary.link_types]
        bars.bar(types, counts, color=["#2a9d8f", "#e76f51", "#f4a261", "#e9c46a", "#8d99ae"])
        bars.set_ylabel("backlinks")
        bars.set_title("Link types")
        bars.tick_params(axis="x", labelrotation=30)
        return fig


def _linthresh(values: list[float]) -> float:
    positive = [v for v in values if v > 0]
    return min(positive) if positive else 1.0


def _num(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e5 or abs(value) < 1e-2:
        return f"{value:.2g}"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cut_middle(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head) :]


def format_table(profile: BacklinkProfile, *, width: int = 100) -> str:
    """The backlinks of *profile* as a plain-text table, direct and social side by side.

    ``closed gates`` names what holds a link's direct value at 0 (see
    :meth:`~backlinkkit.scoring.LinkValue.explain`).
    """
    header = ("referring host", "type", "region", "platform", "direct", "social", "closed gates")
    rows: list[tuple[str, ...]] = [
        (
            _host(b.page_url),
            b.link_type,
            b.link.region,
            b.platform,
            _num(b.value.direct),
            _num(b.value.social),
            " ".join(b.value.gates) or "-",
        )
        for b in profile.backlinks
    ]
    return _grid(header, rows, width=width, right=(4, 5), flex=(0,), middle=(0,))


def _host(url: str) -> str:
    try:
        return URL(url).hostname or url
    except ValueError:  # pragma: no cover - page URLs are parsed already
        return url


def _grid(
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    *,
    width: int,
    right: tuple[int, ...] = (),
    flex: tuple[int, ...] = (-1, 0),
    middle: tuple[int, ...] = (),
) -> str:
    """A plain-text grid whose *flex* columns are cut (with "…"), first ones first, so that
    lines fit *width*; *middle* columns are cut in the middle."""
    cols = len(header)
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(cols)]
    excess = sum(widths) + 2 * (cols - 1) - width
    for i in (i % cols for i in flex):  # in priority order, down to 14 characters each
        cut = min(max(excess, 0), max(widths[i] - 14, 0))
        widths[i] -= cut
        excess -= cut

    def line(cells: tuple[str, ...]) -> str:
        out = []
        for i, cell in enumerate(cells):
            cell = (_cut_middle if i in middle else _cut)(cell, widths[i])
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


# --------------------------------------------------------------------------- audit


def _parse_target(target: object, extractor: tldextract.TLDExtract) -> tuple[str, bool, str]:
    """(host or domain, is it a registrable domain, its registrable domain)."""
    if not isinstance(target, str):
        raise InvalidInputError(f"target={target!r}: expected str, got {type(target).__name__}")
    text = target.strip().lower().rstrip(".")
    problem = None
    if not text:
        problem = "empty"
    elif any(c in text for c in "/:@?# \t\n\\"):
        problem = "not a domain or host name (give e.g. 'example.com', not a URL)"
    if problem is None:
        try:
            host = URL(f"http://{text}/").hostname
        except ValueError:
            host, problem = "", "not a valid host name"
    if problem is None:
        parts = extractor.extract_str(host)
        if not parts.domain or not parts.suffix:
            problem = "not a domain under a public suffix (an IP address, or a bare suffix)"
    if problem is not None:
        raise InvalidValueError(f"target={target!r}: {problem}")
    site = f"{parts.domain}.{parts.suffix}"
    return host, site == host, site


def _normalise_keys(
    table: Mapping[str, Any] | None, name: str, cls: type, *, domains: bool
) -> dict[str, Any]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise InvalidInputError(f"{name}: expected a mapping, got {type(table).__name__}")
    out: dict[str, Any] = {}
    for key, value in table.items():
        if not isinstance(value, cls):
            raise InvalidInputError(
                f"{name}[{key!r}]={value!r:.60}: expected {cls.__name__}, "
                f"got {type(value).__name__}"
            )
        if not isinstance(key, str):
            raise InvalidInputError(f"{name}: key {key!r} is not a str")
        if "://" in key:
            out[parse_absolute_url(key, field=f"{name} key")] = value
        elif domains and key.strip():
            out[key.strip().lower().rstrip(".")] = value
        else:
            raise InvalidValueError(
                f"{name}: key {key!r} is not an absolute page URL"
                + (" or a domain" if domains else "")
            )
    return out


def audit(
    pages: Iterable[object],
    target: str,
    *,
    model: ScoringModel | None = None,
    sources: Mapping[str, SourceMetrics] | None = None,
    engagement: Mapping[str, Engagement] | None = None,
    now: datetime | None = None,
    registry: SocialRegistry | None = None,
    extractor: tldextract.TLDExtract | None = None,
) -> BacklinkProfile:
    """Find and score every link from *pages* to the *target* site.

    *pages* is any iterable of :class:`~backlinkkit.page.Page`; other items
    (error records from batch extraction) are skipped and counted.
    *target* is a registrable domain (``"example.com"``: every host under it)
    or a host name (``"shop.example.com"``: that host and hosts under it).
    A link counts when its URL lands there, or its platform redirector's
    target does.  Links from pages of the target's own site are not
    backlinks: they are counted and skipped.

    *sources* maps a page URL or a registrable domain (the page URL wins) to
    the :class:`~backlinkkit.scoring.SourceMetrics` of the linking page;
    *engagement* maps a page URL to the page's
    :class:`~backlinkkit.scoring.Engagement`.  A page's engagement is credited
    once, to its first link to the target; its other links to the target show
    social value 0.  *now* is when post ages are measured (default: now).
    """
    model = model if model is not None else ScoringModel()
    if not isinstance(model, ScoringModel):
        raise InvalidInputError(f"model={model!r:.60}: expected a ScoringModel")
    ex = extractor if extractor is not None else default_extractor()
    reg = registry if registry is not None else default_registry()
    host, is_domain, target_site = _parse_target(target, ex)
    source_table = _normalise_keys(sources, "sources", SourceMetrics, domains=True)
    engagement_table = _normalise_keys(engagement, "engagement", Engagement, domains=False)
    if isinstance(pages, (str, bytes, Page)):
        raise InvalidInputError(
            f"pages={pages!r:.60}: expected an iterable of Page, got {type(pages).__name__}"
        )

    sites: dict[str, str] = {}

    def site_of(name: str) -> str:
        found = sites.get(name)
        if found is None:
            found = sites[name] = registrable_domain(name, ex)
        return found

    def lands_on_target(url: str) -> bool:
        try:
            name = URL(url).hostname
        except ValueError:
            return False
        if not name:
            return False
        if is_domain:
            return site_of(name) == target_site
        return name == host or name.endswith("." + host)

    backlinks: list[Backlink] = []
    n_pages = errors = linking = own = 0
    for item in pages:
        if not isinstance(item, Page):
            errors += 1
            continue
        n_pages += 1
        page_host = URL(item.url).hostname
        page_site = site_of(page_host) if page_host else item.url
        found: list[tuple[Link, str, str | None]] = []
        for link in item.links:
            if link.url is None or link.scheme not in ("http", "https"):
                continue
            landing, via = landing_url(link, reg)
            if landing is None or not lands_on_target(landing):
                continue
            found.append((link, landing, via))
        if not found:
            continue
        if page_site == target_site:
            own += len(found)
            continue
        linking += 1
        on = reg.match(item.url)
        platform = on.platform.key if on is not None else "web"
        source = source_table.get(item.url) or source_table.get(page_site)
        if source is None and page_host:
            source = source_table.get(page_host)
        values = model.score_page(
            item,
            source=source,
            engagement=engagement_table.get(item.url),
            now=now,
            registry=reg,
            links=[link for link, _, _ in found],
        )
        for i, ((link, landing, via), value) in enumerate(zip(found, values, strict=True)):
            if i > 0:
                value = value.without_social(_SOCIAL_ONCE)
            backlinks.append(
                Backlink(
                    page_url=item.url,
                    referring_domain=page_site,
                    platform=platform,
                    link=link,
                    target_url=landing,
                    via=via,
                    link_type=link_type(link),
                    value=value,
                )
            )
    summary = _summarise(target, backlinks, n_pages, errors, linking, own)
    return BacklinkProfile(target, is_domain, backlinks, summary, model)


def _summarise(
    target: str, backlinks: list[Backlink], pages: int, errors: int, linking: int, own: int
) -> ProfileSummary:
    types = Counter(b.link_type for b in backlinks)
    regions: Counter[str] = Counter(b.link.region for b in backlinks)
    platforms = Counter(b.platform for b in backlinks)
    by_domain_links = Counter(b.referring_domain for b in backlinks)
    by_domain_direct: dict[str, float] = {}
    for b in backlinks:
        by_domain_direct[b.referring_domain] = (
            by_domain_direct.get(b.referring_domain, 0.0) + b.value.direct
        )
    direct_total = math.fsum(b.value.direct for b in backlinks)
    social_total = math.fsum(b.value.social for b in backlinks)
    top: str | None = None
    if backlinks:
        top = min(
            by_domain_links,
            key=lambda d: (-by_domain_direct[d], -by_domain_links[d], d),
        )
    return ProfileSummary(
        target=target.strip().lower().rstrip("."),
        pages=pages,
        errors=errors,
        linking_pages=linking,
        own_site_links=own,
        backlinks=len(backlinks),
        referring_domains=len(by_domain_links),
        link_types=[(t, types[t]) for t in LINK_TYPES],
        regions=[(r, regions[r]) for r in REGIONS if regions[r]],
        platforms=sorted(platforms.items(), key=lambda kv: (-kv[1], kv[0])),
        direct_total=direct_total,
        social_total=social_total,
        top_domain=top,
        top_domain_direct_share=(
            min(1.0, by_domain_direct[top] / direct_total)
            if top is not None and direct_total > 0
            else 0.0
        ),
        top_domain_link_share=(
            max(by_domain_links.values()) / len(backlinks) if backlinks else 0.0
        ),
    )
