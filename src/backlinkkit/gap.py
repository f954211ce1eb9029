"""Link gap: the referring domains that link to your competitors but not to you.

:func:`link_gap` takes your profile and a mapping of competitor name to profile
(:class:`~backlinkkit.audit.BacklinkProfile` values, or anything with
``source_url``/``target_url`` rows, such as an export's rows) and lists every
referring domain (the registrable domain of a linking page) that links to at
least *min_competitors* competitors and not to you, most competitors first, with
the competitors it links to, its number of backlinks to them, and its authority
where known — the highest :attr:`~backlinkkit.audit.Backlink.authority` the
audits were given for its pages, or the highest ``authority`` (0-100) of its rows
(for the rows of a vendor export, which have none, the linking domain's own metric:
Ahrefs DR, else Moz DA, else Majestic Domain TF, then CF -- :data:`DOMAIN_METRICS`), or the
*authority* mapping you pass (a vendor's DR, DA or TF per domain), which wins.

>>> from backlinkkit import audit, extract_links
>>> page = extract_links('<a href="https://example.net/">r</a><a href="https://example.edu/">o</a>',
...                      "https://news.example.org/roundup")
>>> rivals = {"rival": audit([page], "example.net"), "other": audit([page], "example.edu")}
>>> gap = link_gap(audit([], "example.com"), rivals)
>>> [(d.domain, d.competitors) for d in gap.domains]
[('example.org', ('other', 'rival'))]
>>> gap.summary
'1 referring domain links to both competitors but not to example.com'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from ada_url import URL

from ._format import count, grid, number
from ._validate import integer, items_of, optional, text, to_tuple, type_error, value_error
from ._validate import number as in_range
from .audit import BacklinkProfile
from .errors import MissingDependencyError
from .expected import expected_links
from .exports import AUTHORITY_ORDER, METRICS
from .urls import registrable_domain

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["DOMAIN_METRICS", "RECORD_KEYS", "GapDomain", "LinkGap", "link_gap"]

#: The vendor metrics that rate a linking domain (not its page), in the order an export
#: row's authority is taken from when it has no ``authority`` of its own.
DOMAIN_METRICS: tuple[str, ...] = tuple(
    name for name in AUTHORITY_ORDER if METRICS[name].level == "domain"
)

#: The keys of :meth:`GapDomain.to_record`, in order.
RECORD_KEYS: tuple[str, ...] = (
    "domain",
    "competitor_count",
    "competitors",
    "backlinks",
    "authority",
)


@attrs.frozen(slots=True)
class GapDomain:
    """One referring domain that links to competitors and not to you."""

    #: The referring domain.
    domain: str = attrs.field(validator=text(empty=False))
    #: The competitors it links to, by name, sorted.
    competitors: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: Its backlinks to them, all together.
    backlinks: int = attrs.field(validator=integer(1))
    #: Its authority (0-100) where known, else ``None``.
    authority: float | None = attrs.field(default=None, validator=optional(in_range(0, 100)))

    def to_record(self) -> dict[str, Any]:
        """A flat dict with the keys of :data:`RECORD_KEYS`."""
        return {
            "domain": self.domain,
            "competitor_count": len(self.competitors),
            "competitors": " ".join(self.competitors),
            "backlinks": self.backlinks,
            "authority": self.authority,
        }


@attrs.frozen(slots=True)
class LinkGap:
    """What :func:`link_gap` found."""

    #: Your site (the target of your profile, or ``"you"``).
    own: str = attrs.field(validator=text(empty=False))
    #: The competitors' names, in the order given.
    competitors: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: The gap, most competitors first, then highest authority, then most backlinks.
    domains: tuple[GapDomain, ...] = attrs.field(converter=to_tuple, validator=items_of(GapDomain))
    #: Referring domains that already link to you.
    own_domains: int = attrs.field(validator=integer(0))

    @property
    def summary(self) -> str:
        """One line: how many referring domains, and how many of them link to more than
        one competitor ("both" when there are two competitors), in words.

        >>> def gap(*linked: tuple[str, ...], competitors: tuple[str, ...] = ("a", "b")) -> str:
        ...     domains = [GapDomain(f"d{i}.example", c, 1) for i, c in enumerate(linked)]
        ...     return LinkGap("example.com", competitors, domains, 0).summary
        >>> gap()
        'no referring domain links to a competitor but not to example.com'
        >>> gap(("a",), ("b",))
        '2 referring domains each link to one competitor but not to example.com'
        >>> gap(("a", "b"), ("b",), ("a",))
        '3 referring domains link to a competitor but not to example.com, 1 of them to both'
        >>> gap(("a", "b"), competitors=("a", "b", "c"))
        '1 referring domain links to two or more competitors but not to example.com'
        >>> gap(("a",), competitors=("a",))
        '1 referring domain links to a but not to example.com'
        """
        n = len(self.domains)
        several = sum(len(d.competitors) >= 2 for d in self.domains)
        domains = "no referring domain" if n == 0 else count(n, "referring domain")
        link = "links" if n <= 1 else "link"
        tail = ""
        if len(self.competitors) == 1:
            whom = self.competitors[0]
        elif n == 0:
            whom = "a competitor"
        else:
            more = "both" if len(self.competitors) == 2 else "two or more"
            if several == 0:
                whom = "one competitor"
                if n > 1:
                    domains += " each"
            elif several == n:
                whom = f"{more} competitors"
            else:
                whom = "a competitor"
                tail = f", {several} of them to {more}"
        return f"{domains} {link} to {whom} but not to {self.own}{tail}"

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per domain (keys: :data:`RECORD_KEYS`)."""
        return [d.to_record() for d in self.domains]

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (``pip install "backlinkkit[pandas]"``)."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                'LinkGap.to_dataframe needs pandas: pip install "backlinkkit[pandas]"'
            ) from None
        return pd.DataFrame(self.to_records(), columns=list(RECORD_KEYS))

    def to_table(self, *, width: int = 100) -> str:
        """A plain-text table of the gap."""
        rows = [
            (
                d.domain,
                str(len(d.competitors)),
                " ".join(d.competitors),
                str(d.backlinks),
                number(d.authority) if d.authority is not None else "-",
            )
            for d in self.domains
        ]
        return grid(
            ("referring domain", "n", "competitors", "backlinks", "authority"),
            rows,
            width=width,
            right=(1, 3, 4),
            flex=(2, 0),
        )

    def __str__(self) -> str:
        return f"{self.summary}\n{self.to_table()}"

    def _repr_html_(self) -> str:
        from .report import html_table

        return html_table(
            self.summary,
            ("referring domain", "competitors", "backlinks", "authority"),
            [
                (
                    d.domain,
                    " ".join(d.competitors),
                    str(d.backlinks),
                    number(d.authority) if d.authority is not None else "-",
                )
                for d in self.domains
            ],
        )


def _domains(snapshot: object, field: str) -> dict[str, tuple[int, float | None]]:
    """Referring domain -> (backlinks, best known authority)."""
    out: dict[str, tuple[int, float | None]] = {}
    if isinstance(snapshot, BacklinkProfile):
        for b in snapshot.backlinks:
            n, best = out.get(b.referring_domain, (0, None))
            if b.authority is not None and (best is None or b.authority > best):
                best = b.authority
            out[b.referring_domain] = (n + 1, best)
        return out
    items = snapshot
    if isinstance(snapshot, Iterable) and not isinstance(snapshot, (str, bytes, Mapping)):
        items = list(snapshot)
    for e in expected_links(items, field=field):
        try:
            host = URL(e.source_url).hostname
        except ValueError:
            raise value_error(f"{field}[{e.row}].source_url", e.source_url, "not a URL") from None
        domain = registrable_domain(host) if host else e.source_url
        n, best = out.get(domain, (0, None))
        score = _authority_of(items[e.row])  # type: ignore[index]
        if score is not None and (best is None or score > best):
            best = score
        out[domain] = (n + 1, best)
    return out


def _authority_of(row: object) -> float | None:
    """A row's ``authority`` (0-100; a number or numeric text), else the first of its
    :data:`DOMAIN_METRICS` (an export row's, or its record's), else ``None``."""
    value = _field(row, "authority")
    if value is None or not isinstance(value, (int, float, str)):  # an export's is a Metric
        value = next(
            (found for name in DOMAIN_METRICS if (found := _field(row, name)) is not None), None
        )
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if 0 <= value <= 100 else None


def _field(row: object, name: str) -> Any:
    return row.get(name) if isinstance(row, Mapping) else getattr(row, name, None)


def link_gap(
    own: BacklinkProfile | Iterable[object] | object,
    competitors: Mapping[str, BacklinkProfile | Iterable[object] | object],
    *,
    authority: Mapping[str, float] | None = None,
    min_competitors: int = 1,
) -> LinkGap:
    """The referring domains linking to at least *min_competitors* of *competitors* and
    not to *own* (see the module documentation)."""
    if not isinstance(competitors, Mapping) or not competitors:
        raise type_error("competitors", competitors, "a non-empty mapping of name to profile")
    if isinstance(min_competitors, bool) or not isinstance(min_competitors, int):
        raise type_error("min_competitors", min_competitors, "int")
    if not 1 <= min_competitors <= len(competitors):
        raise value_error("min_competitors", min_competitors, f"must be in [1, {len(competitors)}]")
    given: dict[str, float] = {}
    if authority is not None:
        if not isinstance(authority, Mapping):
            raise type_error("authority", authority, "a mapping of domain to a 0-100 score")
        for k, v in authority.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
                raise value_error(f"authority[{k!r}]", v, "must be a number in [0, 100]")
            given[str(k).strip().lower()] = float(v)
    mine = _domains(own, "own")
    found: dict[str, list[Any]] = {}
    names = []
    for name, profile in competitors.items():
        if not isinstance(name, str) or not name:
            raise type_error("competitors key", name, "a non-empty str")
        names.append(name)
        for domain, (n, best) in _domains(profile, f"competitors[{name!r}]").items():
            if domain in mine:
                continue
            row = found.setdefault(domain, [set(), 0, None])
            row[0].add(name)
            row[1] += n
            if best is not None and (row[2] is None or best > row[2]):
                row[2] = best
    gap = [
        GapDomain(domain, sorted(row[0]), row[1], given.get(domain, row[2]))
        for domain, row in found.items()
        if len(row[0]) >= min_competitors
    ]
    gap.sort(key=lambda d: (-len(d.competitors), -(d.authority or -1), -d.backlinks, d.domain))
    own_name = own.target if isinstance(own, BacklinkProfile) else "you"
    return LinkGap(own_name, names, gap, len(mine))
