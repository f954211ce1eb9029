"""New, lost and changed backlinks between two snapshots, and link velocity.

:func:`diff` compares two snapshots of a site's backlinks: two
:class:`~backlinkkit.audit.BacklinkProfile` values (audits of last month's and
this month's pages), two exports (anything with ``source_url`` and ``target_url``
per row, see :func:`~backlinkkit.expected.expected_links`), or one of each.  A
link is identified by its source page and its target URL, compared by
:func:`~backlinkkit.expected.url_key`; repeated links between the same two URLs
are paired in order.

* **new**: in the new snapshot only.
* **lost**: in the old snapshot only, with a reason: ``Link removed`` when the new
  snapshot is a profile that audited the source page again (the page is there,
  the link is not); ``page not in the new snapshot`` when it did not; ``not in
  the new export`` when the new snapshot is an export without the row; for a row
  the new export marks as lost (a ``lost`` date or a lost reason), the vendor's
  own reason.  Rows the old export already marks as lost are left out.
* **changed**: in both, with the link type (followed, nofollow, ugc, sponsored,
  robots-nofollow) or the anchor changed.

**Link velocity** (:attr:`ProfileDiff.velocity`): new and lost links per month,
from the rows' ``first_seen`` and ``lost`` dates where an export gives them; with
no dates but the snapshots' dates (*old_date*, *new_date*), one period between
them.

>>> from backlinkkit import audit, extract_links
>>> before = extract_links('<a href="https://example.com/a">A</a><a href="https://example.com/b">B</a>',
...                        "https://blog.example.org/p")
>>> after = extract_links('<a href="https://example.com/a" rel="nofollow">A</a>'
...                       '<a href="https://example.com/c">C</a>', "https://blog.example.org/p")
>>> d = diff(audit([before], "example.com"), audit([after], "example.com"))
>>> d.summary
'1 new, 1 lost, 1 changed, 0 unchanged'
>>> d.lost[0].reasons, d.changed[0].reasons
(('Link removed',), ('followed → nofollow',))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._format import grid
from ._validate import instance_of, integer, items_of, one_of, optional, text, to_tuple, type_error
from .anchors import fold_anchor
from .audit import BacklinkProfile
from .errors import MissingDependencyError
from .expected import expected_links, url_key

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["RECORD_KEYS", "Change", "LinkChange", "ProfileDiff", "Velocity", "diff"]

Change = Literal["new", "lost", "changed"]

#: The keys of :meth:`LinkChange.to_record`, in order.
RECORD_KEYS: tuple[str, ...] = (
    "change",
    "reasons",
    "source_url",
    "target_url",
    "old_anchor",
    "new_anchor",
    "old_type",
    "new_type",
    "first_seen",
    "lost_on",
)

_opt_text = optional(text())
_opt_date = optional(instance_of(date))


@attrs.frozen(slots=True)
class LinkChange:
    """One link that is new, lost or changed."""

    #: ``new``, ``lost`` or ``changed``.
    change: Change = attrs.field(validator=one_of(Change))
    #: Why (lost reason, or what changed).
    reasons: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: The linking page.
    source_url: str = attrs.field(validator=text())
    #: The target URL.
    target_url: str = attrs.field(validator=text())
    #: The anchor in the old snapshot (``None``: not in it, or unknown).
    old_anchor: str | None = attrs.field(default=None, validator=_opt_text)
    #: The anchor in the new snapshot.
    new_anchor: str | None = attrs.field(default=None, validator=_opt_text)
    #: The link type in the old snapshot (``None``: not in it, or unknown).
    old_type: str | None = attrs.field(default=None, validator=_opt_text)
    #: The link type in the new snapshot.
    new_type: str | None = attrs.field(default=None, validator=_opt_text)
    #: When the link was first seen (from an export), else ``None``.
    first_seen: date | None = attrs.field(default=None, validator=_opt_date)
    #: When it was lost (from an export), else ``None``.
    lost_on: date | None = attrs.field(default=None, validator=_opt_date)

    def to_record(self) -> dict[str, Any]:
        """A flat dict with the keys of :data:`RECORD_KEYS` (dates as ISO text)."""
        out = attrs.asdict(self)
        out["reasons"] = "; ".join(self.reasons)
        for key in ("first_seen", "lost_on"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        return {k: out[k] for k in RECORD_KEYS}


@attrs.frozen(slots=True)
class Velocity:
    """New and lost links in one period."""

    #: ``"2024-05"`` (a month), or ``"2024-05-01..2024-06-01"`` (between two snapshots).
    period: str = attrs.field(validator=text(empty=False))
    #: Links first seen in it.
    new: int = attrs.field(validator=integer(0))
    #: Links lost in it.
    lost: int = attrs.field(validator=integer(0))
    #: Its length in days.
    days: int = attrs.field(validator=integer(1))

    @property
    def net_per_day(self) -> float:
        """(new − lost) / days."""
        return (self.new - self.lost) / self.days


@attrs.frozen(slots=True)
class ProfileDiff:
    """What :func:`diff` found."""

    #: Links in the new snapshot only.
    new: tuple[LinkChange, ...] = attrs.field(converter=to_tuple, validator=items_of(LinkChange))
    #: Links in the old snapshot only.
    lost: tuple[LinkChange, ...] = attrs.field(converter=to_tuple, validator=items_of(LinkChange))
    #: Links in both, changed.
    changed: tuple[LinkChange, ...] = attrs.field(
        converter=to_tuple, validator=items_of(LinkChange)
    )
    #: Links in both, unchanged.
    unchanged: int = attrs.field(validator=integer(0))
    #: New and lost links per period (empty when no dates are known).
    velocity: tuple[Velocity, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Velocity)
    )

    @property
    def summary(self) -> str:
        """One line of counts."""
        return (
            f"{len(self.new)} new, {len(self.lost)} lost, {len(self.changed)} changed, "
            f"{self.unchanged} unchanged"
        )

    @property
    def changes(self) -> tuple[LinkChange, ...]:
        """New, then lost, then changed links."""
        return self.new + self.lost + self.changed

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per change (keys: :data:`RECORD_KEYS`)."""
        return [c.to_record() for c in self.changes]

    def velocity_records(self) -> list[dict[str, Any]]:
        """One flat dict per period: period, new, lost, days, net_per_day."""
        return [{**attrs.asdict(v), "net_per_day": v.net_per_day} for v in self.velocity]

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (``pip install "backlinkkit[pandas]"``)."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                'ProfileDiff.to_dataframe needs pandas: pip install "backlinkkit[pandas]"'
            ) from None
        return pd.DataFrame(self.to_records(), columns=list(RECORD_KEYS))

    def to_table(self, *, width: int = 120) -> str:
        """A plain-text table of the changes (URLs without the scheme)."""
        from .report import short_url

        rows = [
            (
                c.change,
                "; ".join(c.reasons) or "-",
                short_url(c.source_url),
                short_url(c.target_url),
            )
            for c in self.changes
        ]
        return grid(
            ("change", "why", "source", "target"), rows, width=width, flex=(2, 3, 1), middle=(2, 3)
        )

    def __str__(self) -> str:
        lines = [self.summary, self.to_table()]
        if self.velocity:
            lines.append(
                grid(
                    ("period", "new", "lost", "net/day"),
                    [
                        (v.period, str(v.new), str(v.lost), f"{v.net_per_day:+.2f}")
                        for v in self.velocity
                    ],
                    width=100,
                    right=(1, 2, 3),
                )
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .report import html_table

        return html_table(
            self.summary,
            ("change", "why", "source", "target"),
            [(c.change, "; ".join(c.reasons), c.source_url, c.target_url) for c in self.changes],
        )


@attrs.frozen(slots=True)
class _Entry:
    source_url: str
    target_url: str
    anchor: str | None
    type: str | None
    first_seen: date | None
    lost: date | None
    lost_reason: str | None

    @property
    def marked_lost(self) -> bool:
        return self.lost is not None or self.lost_reason is not None


def _type_of_flags(nofollow: bool | None, ugc: bool | None, sponsored: bool | None) -> str | None:
    if sponsored:
        return "sponsored"
    if ugc:
        return "ugc"
    if nofollow:
        return "nofollow"
    if nofollow is False:
        return "followed"
    return None


def _entries(snapshot: object, field: str) -> tuple[list[_Entry], set[str] | None]:
    """The snapshot's links, and the source pages it covers (``None``: unknown)."""
    if isinstance(snapshot, BacklinkProfile):
        entries = [
            _Entry(b.page_url, b.target_url, b.link.anchor, b.link_type, None, None, None)
            for b in snapshot.backlinks
        ]
        return entries, {url_key(u) for u in snapshot.page_urls}
    rows = expected_links(snapshot, field=field)
    return [
        _Entry(
            e.source_url,
            e.target_url,
            e.anchor,
            _type_of_flags(e.nofollow, e.ugc, e.sponsored),
            e.first_seen,
            e.lost,
            e.lost_reason,
        )
        for e in rows
    ], None


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_days(period: str) -> int:
    year, month = map(int, period.split("-"))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def _as_date(value: object, field: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise type_error(field, value, "a date, a datetime or None")


def diff(
    old: BacklinkProfile | Iterable[object] | object,
    new: BacklinkProfile | Iterable[object] | object,
    *,
    old_date: date | None = None,
    new_date: date | None = None,
) -> ProfileDiff:
    """The new, lost and changed links from *old* to *new* (rules in the module
    documentation); *old_date* and *new_date* date the snapshots, for the velocity."""
    start, end = _as_date(old_date, "old_date"), _as_date(new_date, "new_date")
    old_entries, _ = _entries(old, "old")
    new_entries, new_pages = _entries(new, "new")
    vendor_lost = [e for e in new_entries if e.marked_lost]
    new_entries = [e for e in new_entries if not e.marked_lost]
    old_live = [e for e in old_entries if not e.marked_lost]

    def key(e: _Entry) -> tuple[str, str]:
        return (url_key(e.source_url), url_key(e.target_url))

    waiting: dict[tuple[str, str], list[_Entry]] = {}
    for e in new_entries:
        waiting.setdefault(key(e), []).append(e)
    vendor_reason = {key(e): e for e in vendor_lost}
    lost: list[LinkChange] = []
    changed: list[LinkChange] = []
    unchanged = 0
    for e in old_live:
        queue = waiting.get(key(e))
        if queue:
            now = queue.pop(0)
            reasons = []
            if e.type is not None and now.type is not None and e.type != now.type:
                reasons.append(f"{e.type} → {now.type}")
            if (
                e.anchor is not None
                and now.anchor is not None
                and fold_anchor(e.anchor) != fold_anchor(now.anchor)
            ):
                reasons.append("anchor changed")
            if reasons:
                changed.append(
                    LinkChange(
                        "changed",
                        reasons,
                        e.source_url,
                        e.target_url,
                        e.anchor,
                        now.anchor,
                        e.type,
                        now.type,
                        e.first_seen or now.first_seen,
                    )
                )
            else:
                unchanged += 1
            continue
        marked = vendor_reason.get(key(e))
        if marked is not None:
            reason, lost_on = marked.lost_reason or "lost (the export says)", marked.lost
        elif new_pages is not None and url_key(e.source_url) in new_pages:
            reason, lost_on = "Link removed", None
        elif new_pages is not None:
            reason, lost_on = "page not in the new snapshot", None
        else:
            reason, lost_on = "not in the new export", None
        lost.append(
            LinkChange(
                "lost",
                [reason],
                e.source_url,
                e.target_url,
                old_anchor=e.anchor,
                old_type=e.type,
                first_seen=e.first_seen,
                lost_on=lost_on,
            )
        )
    added = [
        LinkChange(
            "new",
            (),
            e.source_url,
            e.target_url,
            new_anchor=e.anchor,
            new_type=e.type,
            first_seen=e.first_seen,
        )
        for queue in waiting.values()
        for e in queue
    ]
    return ProfileDiff(added, lost, changed, unchanged, _velocity(added, lost, start, end))


def _velocity(
    added: list[LinkChange], lost: list[LinkChange], start: date | None, end: date | None
) -> list[Velocity]:
    new_months = [_month(c.first_seen) for c in added if c.first_seen is not None]
    lost_months = [_month(c.lost_on) for c in lost if c.lost_on is not None]
    if new_months or lost_months:
        periods = sorted(set(new_months) | set(lost_months))
        return [
            Velocity(p, new_months.count(p), lost_months.count(p), _month_days(p)) for p in periods
        ]
    if start is not None and end is not None and end > start:
        return [Velocity(f"{start}..{end}", len(added), len(lost), (end - start).days)]
    return []
