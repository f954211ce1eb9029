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
referring host    type      region   platform  direct  social  closed gates
----------------  --------  -------  --------  ------  ------  ------------
blog.example.org  followed  content  -          2.688       0  -
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ada_url import URL

from ._format import grid, number
from ._tables import to_dataframe as to_dataframe_of
from .audit import RECORD_KEYS, BacklinkProfile, ProfileSummary

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["OFF_PLATFORM", "backlink_table", "profile_html", "summary_text", "to_dataframe"]

#: How the views name the linking pages that are on no platform the registry knows
#: (their :attr:`~backlinkkit.audit.Backlink.platform` is ``None``).
OFF_PLATFORM = "off-platform"


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
        f"target {summary.target}: {summary.backlinks} backlinks from "
        f"{summary.referring_domains} referring domains on {summary.linking_pages} of "
        f"{summary.pages} pages"
        + (f" ({summary.errors} error records skipped)" if summary.errors else ""),
        f"  link types: {counts(summary.link_types)}",
        f"  regions:    {counts(summary.regions)}",
        f"  platforms:  {counts(platforms)}",
        f"  direct total {number(summary.direct_total)} equity units; "
        f"social total {number(summary.social_total)} visit-equivalents",
    ]
    if summary.top_domain is not None:
        lines.append(
            f"  top referring domain {summary.top_domain}: "
            f"{summary.top_domain_direct_share:.0%} of direct value, "
            f"largest share of links {summary.top_domain_link_share:.0%}"
        )
    if summary.own_site_links:
        lines.append(f"  {summary.own_site_links} links from the target's own site skipped")
    return "\n".join(lines)


def backlink_table(profile: BacklinkProfile, *, width: int = 100) -> str:
    """The backlinks of *profile* as a plain-text table, direct and social side by side.

    ``platform`` is ``-`` for a page on no registry platform; ``closed gates``
    names what holds a link's direct value at 0 (see
    :meth:`~backlinkkit.scoring.LinkValue.explain`).
    """
    header = ("referring host", "type", "region", "platform", "direct", "social", "closed gates")
    rows: list[tuple[str, ...]] = [
        (
            _host(b.page_url),
            b.link_type,
            b.link.region,
            b.platform or "-",
            number(b.value.direct),
            number(b.value.social),
            " ".join(b.value.gates) or "-",
        )
        for b in profile.backlinks
    ]
    return grid(header, rows, width=width, right=(4, 5), flex=(0,), middle=(0,))


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
    "direct",
    "social",
    "anchor",
    "target URL",
)


def profile_html(profile: BacklinkProfile) -> str:
    """The summary and an HTML table of the backlinks (Jupyter's ``_repr_html_``)."""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (
                b.referring_domain,
                b.platform or "-",
                b.link_type,
                b.link.region,
                number(b.value.direct),
                number(b.value.social),
                b.link.anchor,
                b.target_url,
            )
        )
        + "</tr>"
        for b in profile.backlinks
    )
    head = "".join(f"<th>{h}</th>" for h in _HTML_HEADER)
    summary = html.escape(summary_text(profile.summary)).replace("\n", "<br>")
    return (
        f"<div><p><b>Backlink profile of {html.escape(profile.target)}</b><br>{summary}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def to_dataframe(profile: BacklinkProfile) -> pandas.DataFrame:
    """The records of *profile* as a pandas DataFrame, one row per backlink, the columns of
    :data:`~backlinkkit.audit.RECORD_KEYS` (needs ``pip install "backlinkkit[pandas]"``)."""
    frame: pandas.DataFrame = to_dataframe_of(profile.to_records(), RECORD_KEYS, "BacklinkProfile")
    return frame
