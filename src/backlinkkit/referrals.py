"""Measured referral traffic: read a GA4 (or Universal Analytics) export.

:func:`read_referrals` reads the CSV/TSV a Google Analytics report exports — a
``#`` comment preamble, then a header such as ``Session source / medium``,
``Landing page + query string``, ``Sessions``, ``Engaged sessions``, ``Key events``
(``../shared/reference/seo-data.md`` §2) — or rows already in memory (dicts keyed
by the same display names or by the GA4 API names ``sessionSourceMedium``,
``landingPagePlusQueryString`` …), and maps each source to a social platform of
the registry:

>>> from backlinkkit.referrals import read_referrals, sample_path
>>> referrals = read_referrals(sample_path("ga4"), base_url="https://example.com/")
>>> referrals
<Referrals ga4-traffic-acquisition.csv: 14 rows, 8193 sessions>
>>> first = referrals.rows[0]
>>> first.source, first.medium, first.platform, first.sessions, first.line
('l.facebook.com', 'referral', 'facebook', 182, 10)
>>> first.landing_url
'https://example.com/recipes/sourdough'
>>> referrals.by_platform()["facebook"].sessions
210

**Sources to platforms.**  A source that is a host (``l.facebook.com``, ``t.co``,
``lnkd.in``, ``out.reddit.com``) is matched as ``https://HOST/`` against the registry
(:meth:`~backlinkkit.social.SocialRegistry.match`); a URL is matched as it is; an
Android app referrer (``android-app://com.linkedin.android``, or the bare package
name GA4 shows as the source) is looked up in :data:`APP_PLATFORMS`; a bare name
(``facebook``, ``fb``, ``ig``, ``twitter``, a registry key) in :data:`NAME_PLATFORMS`
or the registry's keys.  ``(direct)``, ``(not set)`` and anything else give ``None``.
The platform is the registry's key, not GA4's channel: GA4 files YouTube under Video,
not Social, and lists review sites and URL shorteners as Social (seo-data.md §2);
a row's own ``Session default channel group`` is kept in :attr:`Referral.channel`.

**Landing pages.**  :func:`landing_key` is the one comparison rule, applied to a
row's landing page and to a :attr:`~backlinkkit.page.Link.landing_url` alike: the
WHATWG URL serialisation (scheme and host lower case, default port dropped, an empty
path is ``/``), without the fragment, without click identifiers and campaign
parameters (:data:`TRACKING_PARAMETERS`: ``utm_*``, ``fbclid``, ``gclid`` …), with
percent-escapes in upper case.  Path case and a trailing slash are kept (``/a`` and
``/a/`` are different URLs under the URL Standard and may be different pages);
``ignore_trailing_slash=True`` drops one trailing ``/`` from a non-root path.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import IO, Any, Literal

import attrs
from ada_url import URL

from ._format import number
from ._infra import ascii_lower, collapse_ascii_whitespace
from ._tables import (
    RowError,
    compact_date,
    decode_text,
    file_name,
    read_bytes,
    split_line,
    to_dataframe,
    whole,
)
from ._validate import (
    instance_of,
    integer,
    items_of,
    one_of,
    optional,
    require,
    text,
    to_tuple,
    type_error,
    value_error,
)
from .errors import InputFormatError
from .social import SocialRegistry, default_registry

__all__ = [
    "APP_PLATFORMS",
    "NAME_PLATFORMS",
    "TRACKING_PARAMETERS",
    "Referral",
    "ReferralTotals",
    "Referrals",
    "RowError",
    "Scope",
    "landing_key",
    "platform_of_source",
    "read_referrals",
    "sample_path",
]

#: Which source dimension a row's source came from.
Scope = Literal["session", "first user"]

#: Android package names of platform apps (a referrer ``android-app://PACKAGE``).
#: ``com.linkedin.android`` is the case seo-data.md §2 documents (d8a-tech/d8a#371,
#: pirsch-analytics/pirsch#88, snowplow-referer-parser/referer-parser#131,
#: plausible/analytics#3715); the others are the apps' Google Play ids, written from
#: the Play Store listings and not checked against a fixture here ([U]).
APP_PLATFORMS: Mapping[str, str] = {
    "com.linkedin.android": "linkedin",
    "com.facebook.katana": "facebook",
    "com.facebook.lite": "facebook",
    "com.facebook.orca": "messenger",
    "com.instagram.android": "instagram",
    "com.instagram.barcelona": "threads",
    "com.twitter.android": "x",
    "com.reddit.frontpage": "reddit",
    "com.pinterest": "pinterest",
    "com.google.android.youtube": "youtube",
    "com.zhiliaoapp.musically": "tiktok",
    "org.telegram.messenger": "telegram",
    "com.whatsapp": "whatsapp",
    "com.tumblr": "tumblr",
    "com.quora.android": "quora",
    "com.vkontakte.android": "vk",
    "com.discord": "discord",
    "com.medium.reader": "medium",
    "xyz.blueskyweb.app": "bluesky",
}

#: Bare source names (``utm_source`` values) GA4's source list files as social
#: (seo-data.md §2: facebook, fb, instagram, ig, twitter, linkedin, reddit, tiktok,
#: whatsapp, quora, tumblr …), to registry keys.  A bare name equal to a registry key
#: maps to it as well, unless that platform is a search engine or a redirector.
NAME_PLATFORMS: Mapping[str, str] = {
    "fb": "facebook",
    "ig": "instagram",
    "twitter": "x",
    "hacker news": "hackernews",
    "ycombinator": "hackernews",
}

#: Query parameters dropped from landing pages before comparison: campaign tags and
#: the click identifiers platforms and ad systems append (``utm_`` is a prefix).
TRACKING_PARAMETERS: tuple[str, ...] = (
    "utm_",
    "fbclid",
    "gclid",
    "gbraid",
    "wbraid",
    "dclid",
    "msclkid",
    "igshid",
    "ttclid",
    "twclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "_gl",
    "_ga",
)

# Registry categories whose key, as a bare source name, does not name a referring
# platform (``google / organic`` is search, not the registry's google.com/url wrapper).
_NOT_REFERRERS = frozenset({"search engine", "redirector"})
_NO_SOURCE = frozenset({"", "(direct)", "(not set)", "(none)", "(other)"})
_TOTALS = frozenset({"", "grand total", "total", "totals"})
_HOSTLIKE = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?")
_PACKAGE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+", re.IGNORECASE)
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_PLACEHOLDER = "https://landing.invalid"

# Column names (ASCII-lower, whitespace collapsed) -> role.  Session-scoped names win
# over first-user ones when a file has both.
_COLUMNS: dict[str, tuple[str, Scope | None]] = {
    "session source / medium": ("source_medium", "session"),
    "source / medium": ("source_medium", "session"),
    "sessionsourcemedium": ("source_medium", "session"),
    "first user source / medium": ("source_medium", "first user"),
    "firstusersourcemedium": ("source_medium", "first user"),
    "session source": ("source", "session"),
    "source": ("source", "session"),
    "sessionsource": ("source", "session"),
    "first user source": ("source", "first user"),
    "firstusersource": ("source", "first user"),
    "session medium": ("medium", "session"),
    "medium": ("medium", "session"),
    "sessionmedium": ("medium", "session"),
    "first user medium": ("medium", "first user"),
    "firstusermedium": ("medium", "first user"),
    "landing page + query string": ("landing", None),
    "landingpageplusquerystring": ("landing", None),
    "landing page": ("landing", None),
    "landingpage": ("landing", None),
    "sessions": ("sessions", None),
    "engaged sessions": ("engaged_sessions", None),
    "engagedsessions": ("engaged_sessions", None),
    "key events": ("key_events", None),
    "keyevents": ("key_events", None),
    "conversions": ("key_events", None),
    "goal completions": ("key_events", None),
    "goalcompletionsall": ("key_events", None),
    "date": ("date", None),
    "datehour": ("date", None),
    "date + hour (yyyymmddhh)": ("date", None),
    "session default channel group": ("channel", "session"),
    "sessiondefaultchannelgroup": ("channel", "session"),
    "default channel grouping": ("channel", "session"),
    "first user default channel group": ("channel", "first user"),
    "firstuserdefaultchannelgroup": ("channel", "first user"),
}

_RECORD_KEYS = [
    "source",
    "medium",
    "platform",
    "landing_page",
    "landing_url",
    "sessions",
    "engaged_sessions",
    "key_events",
    "date",
    "hour",
    "channel",
    "scope",
    "file",
    "line",
]


def sample_path(kind: Literal["ga4", "ua"] = "ga4") -> Path:
    """A sample export shipped with backlinkkit (``"ga4"``: GA4 traffic acquisition with
    its ``#`` preamble; ``"ua"``: a Universal Analytics export).  Invented numbers for
    the bundled sample pages' audited site, ``example.com``."""
    names = {"ga4": "ga4-traffic-acquisition.csv", "ua": "ua-source-medium.csv"}
    if kind not in names:
        raise value_error("kind", kind, "expected 'ga4' or 'ua'")
    folder = resources.files("backlinkkit.samples").joinpath("referrals")
    return Path(str(folder.joinpath(names[kind])))


# ------------------------------------------------------------------ landing pages


def _upper_escapes(value: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(0).upper(), value)


def _clean_query(query: str) -> str:
    if not query or query == "?":
        return ""
    kept = []
    for pair in query[1:].split("&"):
        if not pair:
            continue
        name = ascii_lower(pair.partition("=")[0])
        if any(name.startswith(p) if p.endswith("_") else name == p for p in TRACKING_PARAMETERS):
            continue
        kept.append(pair)
    return "?" + "&".join(kept) if kept else ""


def _key_of(url: URL, ignore_trailing_slash: bool) -> tuple[str, str]:
    path = _upper_escapes(url.pathname)
    if ignore_trailing_slash and len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return url.origin if url.origin != "null" else url.protocol, path + _upper_escapes(
        _clean_query(url.search)
    )


def landing_key(url: str, *, ignore_trailing_slash: bool = False) -> str:
    """The form in which a landing page is compared (see the module documentation).

    >>> landing_key("HTTPS://Example.COM:443/recipes/sourdough?utm_source=facebook&fbclid=x#top")
    'https://example.com/recipes/sourdough'
    >>> landing_key("https://example.com/a/?b=1&utm_medium=social", ignore_trailing_slash=True)
    'https://example.com/a?b=1'
    """
    require("url", url, str)
    try:
        parsed = URL(url)
    except ValueError:
        raise value_error("url", url, "not an absolute URL (WHATWG URL Standard)") from None
    if parsed.protocol not in ("http:", "https:"):
        raise value_error("url", url, "not an http(s) URL")
    origin, rest = _key_of(parsed, ignore_trailing_slash)
    return origin + rest


def _landing_url(cell: str | None, base_url: str | None) -> str | None:
    """The row's landing page as an absolute, compared-form URL, or ``None``."""
    if cell is None:
        return None
    value = cell.strip()
    if ascii_lower(value) in _NO_SOURCE or not value:
        return None
    if value.startswith("/") and not value.startswith("//"):
        if base_url is None:
            return None
        value = base_url.rstrip("/") + value
    try:
        return landing_key(value)
    except ValueError:
        return None


def _landing_path(cell: str) -> str | None:
    """A path-only landing page in compared form (for files read without a base URL)."""
    value = cell.strip()
    if not value.startswith("/") or value.startswith("//"):
        return None
    try:
        parsed = URL(value, _PLACEHOLDER)
    except ValueError:
        return None
    return _key_of(parsed, False)[1]


# ------------------------------------------------------------------------ sources


def platform_of_source(source: str, registry: SocialRegistry | None = None) -> str | None:
    """The registry key of the platform a GA4/UA source names, or ``None``.

    >>> [platform_of_source(s) for s in ("lm.facebook.com", "t.co", "android-app://com.linkedin.android",
    ...                                  "ig", "(direct)", "google.com", "bit.ly")]
    ['facebook', 'x', 'linkedin', 'instagram', None, None, None]
    """
    require("source", source, str)
    require("registry", registry, SocialRegistry, type(None))
    reg = registry if registry is not None else default_registry()
    value = ascii_lower(collapse_ascii_whitespace(source))
    if value in _NO_SOURCE:
        return None
    if value.startswith("android-app://"):
        package = value[len("android-app://") :].split("/", 1)[0]
        return APP_PLATFORMS.get(package)
    if value in APP_PLATFORMS:
        return APP_PLATFORMS[value]
    if "://" in value:
        found = reg.match(value)
        return found.platform.key if found else None
    host = value.rstrip("/")
    if _HOSTLIKE.fullmatch(host):
        found = reg.match(f"https://{host}/")
        return found.platform.key if found else None
    if value in NAME_PLATFORMS:
        return NAME_PLATFORMS[value]
    platform = reg.get(value)
    if platform is None or platform.category in _NOT_REFERRERS:
        return None
    return platform.key


# ------------------------------------------------------------------------- values


@attrs.frozen(slots=True)
class Referral:
    """One row of an analytics export: sessions from one source landing on one page."""

    #: The source as the export writes it (``"l.facebook.com"``, ``"(direct)"`` …).
    source: str = attrs.field(validator=text())
    #: The medium (``"referral"``, ``"social"``, ``"(none)"`` …), or ``None`` when the
    #: export has no medium column.
    medium: str | None = attrs.field(validator=optional(text()))
    #: The registry key of the platform the source belongs to, or ``None``.
    platform: str | None = attrs.field(validator=optional(text()))
    #: The landing page as the export writes it (usually a path with its query), or
    #: ``None`` when the export has no landing-page column.
    landing_page: str | None = attrs.field(validator=optional(text()))
    #: The landing page as an absolute URL in :func:`landing_key` form, or ``None`` when
    #: it is a path read without ``base_url=``, or ``(not set)``.
    landing_url: str | None = attrs.field(validator=optional(text()))
    #: Sessions.
    sessions: int = attrs.field(validator=integer(0))
    #: Engaged sessions, or ``None`` when the export has none (Universal Analytics).
    engaged_sessions: int | None = attrs.field(default=None, validator=optional(integer(0)))
    #: Key events (GA4; "Conversions" before 2024; UA "Goal Completions"), or ``None``.
    key_events: int | None = attrs.field(default=None, validator=optional(integer(0)))
    #: The row's date, when the export is broken down by date.
    date: date | None = attrs.field(default=None, validator=optional(instance_of(date)))
    #: The row's hour (0–23), when the export is broken down by "Date + hour".
    hour: int | None = attrs.field(default=None, validator=optional(integer(0, 23)))
    #: The export's own default channel group for the row, when it has that column.
    channel: str | None = attrs.field(default=None, validator=optional(text()))
    #: ``"session"`` or ``"first user"``: which source dimension the row came from.
    scope: Scope = attrs.field(default="session", validator=one_of(Scope))
    #: The file (``"<rows>"`` for in-memory rows) and its 1-based line (row number).
    file: str = attrs.field(default="<rows>", validator=text())
    line: int = attrs.field(default=1, validator=integer(1))

    @property
    def start(self) -> datetime | None:
        """The start of the row's period (naive, in the property's time zone), or ``None``."""
        if self.date is None:
            return None
        return datetime(self.date.year, self.date.month, self.date.day, self.hour or 0)

    def to_record(self) -> dict[str, Any]:
        """A flat dict (keys as the field names)."""
        return {key: getattr(self, key) for key in _RECORD_KEYS}


@attrs.frozen(slots=True)
class ReferralTotals:
    """Sessions, engaged sessions and key events summed over some rows."""

    #: Rows summed.
    rows: int = attrs.field(validator=integer(0))
    #: Sessions.
    sessions: int = attrs.field(validator=integer(0))
    #: Engaged sessions over the rows that have them (``None`` when none has).
    engaged_sessions: int | None = attrs.field(validator=optional(integer(0)))
    #: Key events over the rows that have them (``None`` when none has).
    key_events: int | None = attrs.field(validator=optional(integer(0)))


def _total(rows: Iterable[Referral]) -> ReferralTotals:
    count = sessions = 0
    engaged: int | None = None
    events: int | None = None
    for row in rows:
        count += 1
        sessions += row.sessions
        if row.engaged_sessions is not None:
            engaged = (engaged or 0) + row.engaged_sessions
        if row.key_events is not None:
            events = (events or 0) + row.key_events
    return ReferralTotals(count, sessions, engaged, events)


@attrs.frozen(slots=True)
class Referrals:
    """The rows read from one export, the rows that could not be read, and notes."""

    #: The rows read, in file order.
    rows: tuple[Referral, ...] = attrs.field(converter=to_tuple, validator=items_of(Referral))
    #: The file's name (``"<rows>"`` for in-memory rows).
    file: str = attrs.field(default="<rows>", validator=text())
    #: Rows that could not be read (file, line, column, message); the rest loaded.
    errors: tuple[RowError, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(RowError)
    )
    #: Lines skipped by design, said so: a totals row, a further table.
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(str))
    #: The header, as the file writes it.
    columns: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(str))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Referral]:
        return iter(self.rows)

    @property
    def sessions(self) -> int:
        """All sessions read."""
        return sum(row.sessions for row in self.rows)

    def totals(self) -> ReferralTotals:
        """Sessions, engaged sessions and key events over every row."""
        return _total(self.rows)

    def by_platform(self) -> dict[str | None, ReferralTotals]:
        """Totals per platform key (``None``: sources of no registry platform), most
        sessions first."""
        groups: dict[str | None, list[Referral]] = {}
        for row in self.rows:
            groups.setdefault(row.platform, []).append(row)
        totals = {key: _total(rows) for key, rows in groups.items()}
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1].sessions, kv[0] or "")))

    def sessions_by_landing(
        self, *, platforms: Iterable[str] | None = None, ignore_trailing_slash: bool = False
    ) -> dict[str, int]:
        """Sessions per landing page in :func:`landing_key` form, in first-seen order.

        Keys are absolute URLs; a row whose landing page is a path read without
        ``base_url=`` is keyed by that path (starting with ``/``), and rows without a
        landing page (``(not set)``, no column) are left out (:attr:`totals` still
        counts them).  *platforms*: only rows from these registry keys.
        """
        wanted = None if platforms is None else set(platforms)
        out: dict[str, int] = {}
        for row in self.rows:
            if wanted is not None and row.platform not in wanted:
                continue
            key: str | None
            if row.landing_url is not None:
                key = landing_key(row.landing_url, ignore_trailing_slash=ignore_trailing_slash)
            elif row.landing_page is not None:
                key = _landing_path(row.landing_page)
                if key is not None and ignore_trailing_slash:
                    path, mark, query = key.partition("?")
                    if len(path) > 1 and path.endswith("/"):
                        key = path[:-1] + mark + query
            else:
                key = None
            if key is not None:
                out[key] = out.get(key, 0) + row.sessions
        return out

    def time_series(self, *, platforms: Iterable[str] | None = None) -> dict[datetime, int]:
        """Sessions per period start (:attr:`Referral.start`), in time order, for
        :func:`~backlinkkit.decayfit.fit_half_life` (with ``bin=`` one day, or one hour
        when the export is by "Date + hour"); rows without a date are left out."""
        wanted = None if platforms is None else set(platforms)
        out: dict[datetime, int] = {}
        for row in self.rows:
            start = row.start
            if start is None or (wanted is not None and row.platform not in wanted):
                continue
            out[start] = out.get(start, 0) + row.sessions
        return dict(sorted(out.items()))

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per row."""
        return [row.to_record() for row in self.rows]

    def to_dataframe(self) -> Any:
        """The records as a pandas DataFrame (needs ``pip install "backlinkkit[pandas]"``)."""
        return to_dataframe(self.to_records(), _RECORD_KEYS, "Referrals")

    def summary(self) -> str:
        """One line: rows, sessions, how many came from registry platforms, errors."""
        social = sum(row.sessions for row in self.rows if row.platform is not None)
        platforms = len({row.platform for row in self.rows if row.platform is not None})
        return (
            f"{self.file}: {len(self.rows)} rows, {number(self.sessions)} sessions, "
            f"{number(social)} from {platforms} registry platforms; "
            f"{len(self.errors)} unreadable rows, {len(self.notes)} notes"
        )

    def __repr__(self) -> str:
        name = self.file.replace("\\", "/").rsplit("/", 1)[-1]
        return f"<Referrals {name}: {len(self.rows)} rows, {number(self.sessions)} sessions>"


# ------------------------------------------------------------------------ reading


def _role_map(header: list[str]) -> dict[str, int]:
    """Column index per role; session-scoped columns win over first-user ones."""
    found: dict[str, tuple[int, Scope | None]] = {}
    for position, name in enumerate(header):
        key = ascii_lower(collapse_ascii_whitespace(name.lstrip("\ufeff")))
        spec = _COLUMNS.get(key)
        if spec is None:
            continue
        role, scope = spec
        previous = found.get(role)
        if previous is None or (previous[1] == "first user" and scope == "session"):
            found[role] = (position, scope)
    roles = {role: position for role, (position, _) in found.items()}
    scopes = {role: scope for role, (_, scope) in found.items()}
    if "source_medium" in roles and "source" in roles:
        # prefer the pair that is session-scoped
        if scopes["source"] == "session" and scopes["source_medium"] == "first user":
            del roles["source_medium"]
        else:
            roles.pop("source", None)
            roles.pop("medium", None)
    if "source_medium" in roles:
        roles["scope_first_user"] = int(scopes["source_medium"] == "first user")
    elif "source" in roles:
        roles["scope_first_user"] = int(scopes["source"] == "first user")
    return roles


def _is_header(roles: dict[str, int]) -> bool:
    return ("source_medium" in roles or "source" in roles) and "sessions" in roles


def _cell(cells: list[Any], roles: dict[str, int], role: str) -> Any:
    position = roles.get(role)
    if position is None or position >= len(cells):
        return None
    return cells[position]


def _count(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"{value!r} is negative")
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str):
        return whole(value)
    raise ValueError(f"{value!r} is not a whole number")


def _text_cell(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


class _Reader:
    def __init__(
        self,
        name: str,
        header: list[str],
        roles: dict[str, int],
        registry: SocialRegistry,
        base_url: str | None,
    ) -> None:
        self.name = name
        self.header = header
        self.roles = roles
        self.registry = registry
        self.base_url = base_url
        self.scope: Scope = "first user" if roles.get("scope_first_user") else "session"
        self.platforms: dict[str, str | None] = {}
        self.rows: list[Referral] = []
        self.errors: list[RowError] = []
        self.notes: list[str] = []

    def column(self, role: str) -> str:
        position = self.roles[role]
        return self.header[position] if position < len(self.header) else role

    def row(self, cells: list[Any], line: int) -> None:
        roles = self.roles
        if "source_medium" in roles:
            raw = _text_cell(_cell(cells, roles, "source_medium"))
            if raw is None:
                self.errors.append(
                    RowError(self.name, line, self.column("source_medium"), "missing")
                )
                return
            if " / " in raw:
                source, _, medium_text = raw.rpartition(" / ")
                medium: str | None = medium_text.strip()
            else:
                source, medium = raw, None
        else:
            source = _text_cell(_cell(cells, roles, "source")) or ""
            medium = _text_cell(_cell(cells, roles, "medium")) if "medium" in roles else None
            if medium is not None:
                medium = medium.strip()
        source = source.strip()
        sessions_cell = _cell(cells, roles, "sessions")
        if ascii_lower(source) in _TOTALS and (not medium or ascii_lower(medium) in _TOTALS):
            self.notes.append(f"{self.name}:{line}: a totals row (no source), not a referral")
            return
        values: dict[str, Any] = {}
        for role in ("sessions", "engaged_sessions", "key_events"):
            if role not in roles:
                continue
            value = sessions_cell if role == "sessions" else _cell(cells, roles, role)
            if value is None or (isinstance(value, str) and not value.strip()):
                if role == "sessions":
                    self.errors.append(RowError(self.name, line, self.column(role), "missing"))
                    return
                continue
            try:
                values[role] = _count(value)
            except ValueError as exc:
                self.errors.append(RowError(self.name, line, self.column(role), str(exc)))
                return
        if "date" in roles:
            raw_date = _cell(cells, roles, "date")
            if isinstance(raw_date, datetime):
                values["date"], values["hour"] = raw_date.date(), raw_date.hour
            elif isinstance(raw_date, date):
                values["date"] = raw_date
            elif raw_date is not None and str(raw_date).strip():
                try:
                    values["date"], values["hour"] = compact_date(str(raw_date))
                except ValueError as exc:
                    self.errors.append(RowError(self.name, line, self.column("date"), str(exc)))
                    return
        landing = _text_cell(_cell(cells, roles, "landing")) if "landing" in roles else None
        channel = _text_cell(_cell(cells, roles, "channel"))
        key = ascii_lower(source)
        if key not in self.platforms:
            self.platforms[key] = platform_of_source(source, self.registry)
        self.rows.append(
            Referral(
                source=source,
                medium=medium,
                platform=self.platforms[key],
                landing_page=landing,
                landing_url=_landing_url(landing, self.base_url),
                channel=channel.strip() if channel is not None else None,
                scope=self.scope,
                file=self.name,
                line=line,
                **values,
            )
        )

    def result(self) -> Referrals:
        return Referrals(
            rows=self.rows,
            file=self.name,
            errors=self.errors,
            notes=self.notes,
            columns=self.header,
        )


def _lines(text_: str) -> list[str]:
    return list(io.StringIO(text_, newline=""))


def _read_text(
    content: str, name: str, registry: SocialRegistry, base_url: str | None
) -> Referrals:
    lines = _lines(content)
    position = 0
    while position < len(lines) and (
        not lines[position].strip() or lines[position].lstrip("\ufeff").startswith("#")
    ):
        position += 1
    if position == len(lines):
        raise InputFormatError(f"{name}: no header line: not an analytics export", file=name)
    header_line = lines[position].lstrip("\ufeff")
    delimiter = "\t" if header_line.count("\t") > header_line.count(",") else ","
    header = split_line(header_line.rstrip("\r\n"), delimiter, strict=False) or []
    roles = _role_map(header)
    if not _is_header(roles):
        shown = header_line.strip()
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        raise InputFormatError(
            f"{name}: line {position + 1}: not a GA4 or Universal Analytics export: the "
            'header needs a source column ("Session source / medium", "Session source", '
            f'"Source / Medium" …) and "Sessions"; got {shown!r}',
            file=name,
            line=position + 1,
        )
    reader = _Reader(name, header, roles, registry, base_url)
    cursor = [position + 1]  # 0-based index of the next line the CSV reader will take

    def feed() -> Iterator[str]:
        while cursor[0] < len(lines):
            cursor[0] += 1
            yield lines[cursor[0] - 1]

    records = csv.reader(feed(), delimiter=delimiter)
    while cursor[0] < len(lines):
        line = cursor[0] + 1  # the record's first physical line, 1-based
        raw = lines[line - 1]
        if not raw.strip() or raw.startswith("#"):
            break
        try:
            cells = next(records)
        except StopIteration:  # pragma: no cover - guarded by the loop condition
            break
        except csv.Error as exc:
            reader.errors.append(RowError(name, line, None, f"not a CSV row ({exc})"))
            continue
        if len(cells) != len(header):
            reader.errors.append(
                RowError(name, line, None, f"{len(cells)} fields, the header has {len(header)}")
            )
            continue
        reader.row(cells, line)
    else:
        line = len(lines) + 1
    rest = [
        n
        for n in range(line, len(lines) + 1)
        if lines[n - 1].strip() and not lines[n - 1].startswith("#")
    ]
    if rest:
        first = lines[rest[0] - 1].strip()
        first = first if len(first) <= 60 else first[:59] + "…"
        reader.notes.append(
            f"{name}:{rest[0]}-{rest[-1]}: {len(rest)} more lines after the first table "
            f"(starting {first!r}), not read"
        )
    return reader.result()


def _read_rows(rows: Iterable[Any], registry: SocialRegistry, base_url: str | None) -> Referrals:
    name = "<rows>"
    readers: dict[tuple[str, ...], _Reader] = {}
    collected: list[tuple[int, _Reader, list[Any]]] = []
    bad: list[RowError] = []
    first_reader: _Reader | None = None
    for number_, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise type_error(f"path_or_rows[{number_ - 1}]", row, "a mapping of column to value")
        header = tuple(str(k) for k in row)
        reader = readers.get(header)
        if reader is None:
            roles = _role_map(list(header))
            if not _is_header(roles):
                bad.append(
                    RowError(
                        name, number_, None, "no source and sessions keys: " + ", ".join(header[:8])
                    )
                )
                continue
            reader = readers[header] = _Reader(name, list(header), roles, registry, base_url)
            first_reader = first_reader or reader
        collected.append((number_, reader, list(row.values())))
    for number_, reader, cells in collected:
        reader.row(cells, number_)
    out_rows: list[Referral] = []
    errors = list(bad)
    notes: list[str] = []
    for reader in readers.values():
        out_rows.extend(reader.rows)
        errors.extend(reader.errors)
        notes.extend(reader.notes)
    out_rows.sort(key=lambda r: r.line)
    errors.sort(key=lambda e: e.line)
    columns = tuple(first_reader.header) if first_reader else ()
    return Referrals(rows=out_rows, file=name, errors=errors, notes=notes, columns=columns)


def read_referrals(
    path_or_rows: str | PathLike[str] | IO[Any] | Iterable[Mapping[str, Any]],
    *,
    registry: SocialRegistry | None = None,
    base_url: str | None = None,
) -> Referrals:
    """Read a GA4 or Universal Analytics export: a path, a file object (binary or
    text), or rows in memory (mappings of column to value).

    The file: UTF-8 with or without a BOM (or UTF-16 with a BOM), comma- or
    tab-separated (whichever the header line has more of), ``#`` comment lines and
    blank lines before the header, then one table; counts may carry thousands
    separators.  *registry*: the platform registry (default:
    :func:`~backlinkkit.social.default_registry`).  *base_url*: the site the landing
    pages are paths of (``"https://example.com/"``), so that :attr:`Referral.landing_url`
    is absolute.

    A row that cannot be read becomes a :class:`RowError` in :attr:`Referrals.errors`
    (file, line, column) and the rest still loads; totals rows and further tables are
    recorded in :attr:`Referrals.notes`.  A file that is not an export (no header with
    a source column and ``Sessions``), or not text, raises
    :class:`~backlinkkit.errors.InputFormatError`.
    """
    if registry is not None and not isinstance(registry, SocialRegistry):
        raise type_error("registry", registry, "SocialRegistry")
    reg = registry if registry is not None else default_registry()
    if base_url is not None:
        require("base_url", base_url, str)
        try:
            parsed = URL(base_url)
        except ValueError:
            raise value_error("base_url", base_url, "not an absolute URL") from None
        if parsed.protocol not in ("http:", "https:"):
            raise value_error("base_url", base_url, "not an http(s) URL")
        base_url = parsed.origin
    if isinstance(path_or_rows, (str, PathLike)) or hasattr(path_or_rows, "read"):
        name = file_name(path_or_rows)
        content = read_bytes(path_or_rows, name)  # type: ignore[arg-type]
        if isinstance(content, bytes):
            content = decode_text(content, name)
        return _read_text(content.lstrip("\ufeff"), name, reg, base_url)
    if isinstance(path_or_rows, (bytes, bytearray)) or not isinstance(path_or_rows, Iterable):
        raise type_error("path_or_rows", path_or_rows, "a path, a file object or rows")
    return _read_rows(path_or_rows, reg, base_url)
