"""Views of a backlink profile for people and tools: text, HTML and a pandas DataFrame.

Everything here renders what :func:`backlinkkit.audit.audit` computed; nothing
is scored or counted again.  Numbers are written by the one rule of
:func:`backlinkkit._format.number` (four significant digits), tables by
:func:`backlinkkit._format.grid`.  :class:`~backlinkkit.audit.BacklinkProfile`'s
``to_table()``, ``to_dataframe()``, ``_repr_html_()`` and ``str()`` call these.

>>> from backlinkkit import audit, extract_links
>>> page = extract_links('<main><a href="https://example.com/">x</a></main>',
...                      "https://blog.example.org/")
>>> print(backlink_table(audit([page], "example.com")))
referring host    type      region   anchor  landing URL   direct  social  gates
----------------  --------  -------  ------  ------------  ------  ------  -----
blog.example.org  followed  content  x       example.com/   2.688       ?  -
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ada_url import URL

from ._format import count, grid, number
from ._tables import to_dataframe as to_dataframe_of
from .audit import (
    RECORD_KEYS,
    Backlink,
    BacklinkProfile,
    ProfileCoverage,
    ProfileSummary,
    ReferralCredit,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas


__all__ = [
    "HTML_ROWS",
    "OFF_PLATFORM",
    "REMAINING_UNKNOWN_MARK",
    "SITEWIDE_MARK",
    "VISITS_UNKNOWN",
    "backlink_table",
    "coverage_text",
    "html_table",
    "lifetime_text",
    "profile_html",
    "profile_repr",
    "referral_text",
    "short_url",
    "summary_text",
    "to_dataframe",
]

#: How the views name the linking pages that are on no platform the registry knows
#: (their :attr:`~backlinkkit.audit.Backlink.platform` is ``None``).
OFF_PLATFORM = "off-platform"


def coverage_text(coverage: ProfileCoverage) -> str:
    """What the values rest on, in one line: unknown is not zero.

    >>> print(coverage_text(ProfileCoverage(41, 3, 5, 2, 3, 36, 35)))
    ... # doctest: +NORMALIZE_WHITESPACE
    authority known for 3 of 41 backlinks (defaults used for the rest); engagement data
    for 5; visits measured for 2, estimated for 3, unknown for 36; 35 on defaults only
    """
    n = coverage.backlinks
    if n == 0:
        return "no backlinks: nothing known"
    rest = coverage.authority < n
    return (
        f"authority known for {coverage.authority} of {n} backlinks"
        + (" (defaults used for the rest)" if rest else "")
        + f"; engagement data for {coverage.engagement}; visits measured for "
        f"{coverage.measured}, estimated for {coverage.estimated}, unknown for "
        f"{coverage.unknown}; {coverage.defaults_only} on defaults only"
        + lifetime_text(coverage, prefix="; ")
    )


def lifetime_text(coverage: ProfileCoverage, *, prefix: str = "") -> str:
    """How many backlinks' remaining social value is unknown (no lifetime curve), and what
    the totals count for them; ``""`` when none is (the views stay as they were).

    >>> print(lifetime_text(ProfileCoverage(41, lifetime_unknown=38, no_lifetime=["web"])))
    ... # doctest: +NORMALIZE_WHITESPACE
    remaining social value unknown for 38 of 41 backlinks (no lifetime curve for web pages);
    totals count delivered visits only
    >>> print(lifetime_text(ProfileCoverage(3, lifetime_known=1, lifetime_unknown=2,
    ...                                     no_lifetime=["web"])))
    ... # doctest: +NORMALIZE_WHITESPACE
    remaining social value unknown for 2 of 3 backlinks (no lifetime curve for web pages;
    known for 1); totals count delivered visits only for those 2
    """
    unknown = coverage.lifetime_unknown
    if unknown == 0:
        return ""
    keys = [_LIFETIME_NAMES.get(k, k) for k in coverage.no_lifetime]
    why = "no lifetime curve" + (f" for {', '.join(keys)}" if keys else "")
    known = coverage.lifetime_known
    return (
        f"{prefix}remaining social value unknown for {unknown} of {coverage.backlinks} "
        f"backlinks ({why}" + (f"; known for {known}" if known else "") + "); totals count "
        "delivered visits only" + (f" for those {unknown}" if known else "")
    )


#: How :func:`lifetime_text` names the keys of platform parameters without a curve.
_LIFETIME_NAMES = {"web": "web pages"}


def referral_text(credit: ReferralCredit) -> str:
    """What the audit did with measured referral sessions, in one line.

    >>> print(referral_text(ReferralCredit(14, 8193, 7, 500, 6, 7, 7693)))
    ... # doctest: +NORMALIZE_WHITESPACE
    measured sessions credited to 6 backlinks (500 sessions); 7693 sessions matched no
    backlink (7 rows: profile.unmatched_referrals)
    """
    return (
        f"measured sessions credited to {credit.backlinks} backlinks "
        f"({number(credit.credited_sessions)} sessions); {number(credit.unmatched_sessions)} "
        f"sessions matched no backlink ({credit.unmatched_rows} rows: "
        "profile.unmatched_referrals)"
    )


def summary_text(summary: ProfileSummary) -> str:
    """The summary as a few lines of text (what ``str(summary)`` gives)."""

    def counts(pairs: tuple[tuple[str, int], ...]) -> str:
        return ", ".join(f"{k} {n}" for k, n in pairs) or "none"

    platforms = summary.platforms
    if summary.off_platform:
        platforms = tuple(
            sorted(
                (*platforms, (OFF_PLATFORM, summary.off_platform)),
                key=lambda kv: -kv[1],
            )
        )
    lines = [
        f"target {summary.target}: {count(summary.backlinks, 'backlink')} from "
        f"{count(summary.referring_domains, 'referring domain')} on {summary.linking_pages} of "
        f"{count(summary.pages, 'page')}"
        + (f" ({summary.errors} error records skipped)" if summary.errors else ""),
        f"  link types: {counts(summary.link_types)}",
        f"  regions:    {counts(summary.regions)}",
        f"  platforms:  {counts(platforms)}",
        f"  direct total {number(summary.direct_total)} equity units; " + _social_total(summary),
    ]
    if summary.coverage.backlinks:
        lines.append(f"  coverage: {coverage_text(summary.coverage)}")
    if summary.referrals is not None:
        lines.append(f"  referrals: {referral_text(summary.referrals)}")
    if summary.disavowed:
        lines.append(
            f"  {summary.disavowed} backlinks already disavowed: left out of direct totals "
            "(Google ignores them)"
        )
    if summary.sitewide or summary.direct_counted != summary.direct_total:
        lines.append(
            f"  sitewide or template links: {summary.sitewide}; direct counted "
            f"{number(summary.direct_counted)}"
        )
        lines.append(f"    ({summary.aggregation})")
    if summary.top_domain is not None:
        lines.append(
            f"  top referring domain {summary.top_domain}: "
            f"{summary.top_domain_direct_share:.0%} of direct value, "
            f"largest share of links {summary.top_domain_link_share:.0%}"
        )
    if summary.own_site_links:
        lines.append(f"  {summary.own_site_links} links from the target's own site skipped")
    if summary.shares:
        lines.append(
            f"  {summary.shares} share buttons left out (a share button is not a backlink)"
        )
    lines += [f"  note: {note}" for note in summary.notes]
    return "\n".join(lines)


def _social_total(summary: ProfileSummary) -> str:
    """ "social total N visits" and its parts, or that no backlink's visits are known."""
    if _no_visits_known(summary):
        return "social total unknown (no backlink's visits are known)"
    return f"social total {number(summary.social_total)} visits" + _social_parts(summary)


def _no_visits_known(summary: ProfileSummary) -> bool:
    """Whether no backlink's visits are known (a total of 0 that means "unknown")."""
    return (
        summary.social_total == 0
        and summary.social_delivered is None
        and summary.social_remaining is None
    )


def _social_parts(summary: ProfileSummary) -> str:
    """The social total's delivered and remaining parts, when some visits were delivered
    and some remaining value is unknown (``""`` otherwise: the line stays as it was)."""
    coverage = summary.coverage
    delivered = summary.social_delivered
    if coverage.lifetime_unknown == 0 or delivered is None:
        return ""
    remaining = summary.social_remaining
    if remaining is None:
        rest = "remaining unknown"
    else:
        rest = f"{number(remaining)} remaining" + (
            f" (partial: unknown for {coverage.lifetime_unknown})"
            if coverage.remaining_partial
            else ""
        )
    return f" = {number(delivered)} delivered + {rest}"


#: The mark the text table puts after the region of a sitewide or template link.
SITEWIDE_MARK = " sw"


def backlink_table(profile: BacklinkProfile, *, width: int = 120) -> str:
    """The backlinks of *profile* as a plain-text table: where each link stands, its
    anchor and landing URL, and its direct and social values side by side.

    ``region`` ends in ``sw`` for a sitewide or template link
    (:attr:`~backlinkkit.audit.Backlink.sitewide`); ``gates`` names what holds a
    link's direct value at 0 (see :meth:`~backlinkkit.scoring.LinkValue.explain`).
    The landing URL is shown without ``https://``; the platform of each linking
    page is in the records and the HTML view.  ``social`` (visits delivered +
    remaining) ends in ``+?`` (:data:`REMAINING_UNKNOWN_MARK`) when the remaining
    visits are unknown (no lifetime curve: web pages): the figure is the visits
    delivered, and more may come; it is ``?`` (:data:`VISITS_UNKNOWN`) when no visits
    are known at all (no engagement data), which is not 0.
    """
    header: tuple[str, ...] = (
        "referring host", "type", "region", "anchor", "landing URL", "direct", "social", "gates"
    )  # fmt: skip
    rows: list[tuple[str, ...]] = [
        (
            _host(b.page_url),
            b.link_type,
            b.link.region + (SITEWIDE_MARK if b.sitewide else ""),
            b.link.anchor or "-",
            short_url(b.target_url),
            number(b.value.direct),
            _social_cell(b),
            " ".join((*b.value.gates, *(("disavowed",) if b.disavowed else ()))) or "-",
        )
        for b in profile.backlinks
    ]
    return grid(header, rows, width=width, right=(5, 6), flex=(3, 4, 0), middle=(0, 4))


#: The mark the text table puts after a social figure whose remaining visits are unknown.
REMAINING_UNKNOWN_MARK = "+?"


#: What the text table and the HTML view show for a backlink whose visits are unknown
#: (neither measured nor estimated: no engagement data) -- not 0.
VISITS_UNKNOWN = "?"


def _social_cell(b: Backlink) -> str:
    """*b*'s social figure in visits as the table shows it: :data:`VISITS_UNKNOWN` when
    nothing is known, :data:`REMAINING_UNKNOWN_MARK` after what was delivered when only
    the remaining visits are unknown."""
    social = b.value.social
    if social.delivered.visits is None and social.remaining.visits is None:
        return VISITS_UNKNOWN
    return number(b.value.social_visits) + (REMAINING_UNKNOWN_MARK if _open_ended(b) else "")


def _open_ended(b: Backlink) -> bool:
    """Whether *b*'s visits were delivered but what remains of them is unknown."""
    social = b.value.social
    return social.delivered.visits is not None and social.remaining.visits is None


def short_url(url: str) -> str:
    """*url* without ``https://`` or ``http://``, for the URL columns of text tables.

    >>> short_url("https://example.com/a"), short_url("mailto:a@example.com")
    ('example.com/a', 'mailto:a@example.com')
    """
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return url[len(prefix) :]
    return url


def _host(url: str) -> str:
    try:
        return URL(url).hostname or url
    except ValueError:  # pragma: no cover - page URLs are parsed already
        return url


_HTML_HEADER = (
    "referring domain",
    "platform",
    "type",
    "region",
    "sitewide",
    "direct",
    "counted",
    "social",
    "visits",
    "anchor",
    "target URL",
)


def profile_html(profile: BacklinkProfile, *, limit: int | None = None) -> str:
    """The summary and an HTML table of the first *limit* backlinks (default
    :data:`HTML_ROWS`), with how many more there are (Jupyter's ``_repr_html_``)."""
    limit = HTML_ROWS if limit is None else limit
    shown = profile.backlinks[:limit]
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (
                b.referring_domain,
                b.platform or "-",
                b.link_type,
                b.link.region,
                b.sitewide_reason or "-",
                number(b.value.direct),
                number(b.counted) + (" (disavowed)" if b.disavowed else ""),
                _social_cell(b),
                b.value.coverage.traffic
                + (", remaining unknown" if b.value.coverage.lifetime == "unknown" else ""),
                b.link.anchor,
                b.target_url,
            )
        )
        + "</tr>"
        for b in shown
    )
    head = "".join(f"<th>{h}</th>" for h in _HTML_HEADER)
    summary = html.escape(summary_text(profile.summary)).replace("\n", "<br>")
    more = len(profile.backlinks) - len(shown)
    tail = f"<p>… and {more} more backlinks (first {len(shown)} shown)</p>" if more > 0 else ""
    return (
        f"<div><p><b>Backlink profile of {html.escape(profile.target)}</b><br>{summary}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{tail}</div>"
    )


def to_dataframe(profile: BacklinkProfile) -> pandas.DataFrame:
    """The records of *profile* as a pandas DataFrame, one row per backlink, the columns of
    :data:`~backlinkkit.audit.RECORD_KEYS` (needs ``pip install "backlinkkit[pandas]"``)."""
    frame: pandas.DataFrame = to_dataframe_of(profile.to_records(), RECORD_KEYS, "BacklinkProfile")
    return frame


#: How many rows an HTML view shows before it says how many more there are.
HTML_ROWS = 50


def html_table(
    title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], *, limit: int = HTML_ROWS
) -> str:
    """A title and an HTML table of the first *limit* rows, with a line saying how many
    more there are (the notebook views of :mod:`backlinkkit`)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in rows[:limit]
    )
    more = ""
    if len(rows) > limit:
        more = f"<p>… and {len(rows) - limit} more rows (first {limit} shown)</p>"
    return (
        f"<div><p>{html.escape(title)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}</div>"
    )


# --------------------------------------------------------------------------- repr()


def profile_repr(profile: BacklinkProfile) -> str:
    """A short ``repr()`` of a profile (the full data is in its attributes).

    >>> from backlinkkit import audit
    >>> profile_repr(audit([], "example.com"))
    '<BacklinkProfile example.com: 0 backlinks from 0 referring domains on 0 pages>'
    """
    s = profile.summary
    values = ""
    if s.backlinks:
        social = "unknown" if _no_visits_known(s) else number(s.social_total)
        values = f", direct {number(s.direct_total)}, social {social}"
    return (
        f"<BacklinkProfile {profile.target}: {count(s.backlinks, 'backlink')} from "
        f"{count(s.referring_domains, 'referring domain')} on {count(s.pages, 'page')}{values}>"
    )
