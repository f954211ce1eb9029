"""What the caller knows about a link's source and a post's audience, and how records are read.

:class:`SourceMetrics` describes the linking page or site, :class:`Engagement`
the page itself as a social post.  Both are built from keyword arguments or
from flat records (CSV rows, JSON objects) with :meth:`~SourceMetrics.from_record`,
whose cells are read by :func:`parse_number` and :func:`parse_datetime`.

>>> parse_number("Engagement", "likes", " 12 "), parse_number("Engagement", "likes", "")
(12, None)
>>> parse_datetime("Engagement", "posted_at", "2024-05-31T18:00Z").isoformat()
'2024-05-31T18:00:00+00:00'
>>> parse_datetime("Engagement", "posted_at", "2024-05-31T18:00")  # doctest: +ELLIPSIS
Traceback (most recent call last):
  ...
backlinkkit.errors.InvalidValueError: Engagement.posted_at='2024-05-31T18:00': needs a UTC ...
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import attrs

from .._validate import (
    count,
    field_name,
    number,
    one_of,
    optional,
    text,
    type_error,
    value_error,
)
from .authority import GENERIC, METRIC_KEYS, PREFERENCE

__all__ = [
    "MAX_COUNT",
    "Engagement",
    "SourceMetrics",
    "Tier",
    "check_aware",
    "parse_datetime",
    "parse_number",
]

Tier = Literal["high", "medium", "low"]

#: The largest engagement count accepted: more than any real post has (keeps every value finite).
MAX_COUNT = 1e15

_POSTED_EXAMPLE = "e.g. 2024-05-31T18:00:00Z"


def check_aware(field: str, value: object) -> None:
    """Raise unless *value* is a timezone-aware :class:`~datetime.datetime` (*field* names it)."""
    if not isinstance(value, datetime):
        raise type_error(field, value, "a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise value_error(field, value, "must be timezone-aware (e.g. tzinfo=timezone.utc)")


def _aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        check_aware(field_name(instance, attribute), value)


def parse_number(owner: str, name: str, value: object) -> float | None:
    """A number from a record cell of field *owner.name*: ``None`` or blank → ``None``;
    strings are parsed (whole numbers come back as ``int``)."""
    field = f"{owner}.{name}"
    if value is None:
        return None
    if isinstance(value, str):
        cell = value.strip()
        if not cell:
            return None
        try:
            parsed = float(cell)
        except ValueError:
            raise value_error(field, value, "not a number") from None
        return int(parsed) if parsed.is_integer() else parsed
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise type_error(field, value, "a number")
    return value


def parse_datetime(owner: str, name: str, value: object) -> datetime | None:
    """An aware datetime from a record cell of field *owner.name*: ISO 8601 with a UTC
    offset or ``Z``; ``None`` or blank → ``None``; a datetime passes unchanged."""
    field = f"{owner}.{name}"
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise type_error(field, value, "an ISO 8601 date-time")
    cell = value.strip()
    if not cell:
        return None
    if cell.endswith(("Z", "z")):
        cell = cell[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(cell)
    except ValueError:
        raise value_error(field, value, f"not an ISO 8601 date-time ({_POSTED_EXAMPLE})") from None
    if parsed.tzinfo is None:
        raise value_error(field, value, f"needs a UTC offset ({_POSTED_EXAMPLE})")
    return parsed


def _record_fields(record: Mapping[str, object], owner: str) -> dict[str, object]:
    """The record's cells by lower-case, trimmed key."""
    if not isinstance(record, Mapping):
        raise type_error(f"{owner} record", record, "a mapping")
    return {str(k).strip().lower(): v for k, v in record.items() if k is not None}


_optional_count = optional(count(MAX_COUNT))


def _metric_pairs(value: object) -> object:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), v) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value


def _check_metric_value(
    field: str, key: object, value: object, value_field: str | None = None
) -> None:
    if key not in METRIC_KEYS:
        raise value_error(field, key, "not a metric (one of " + ", ".join(METRIC_KEYS) + ")")
    shown = value_field or f"{field}[{key!r}]"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise type_error(shown, value, "a number")
    top = 10 if key == "open-pagerank" else 100
    if math.isnan(value) or not (0 <= value <= top):
        scale = f" for {key!r}" if value_field else ""
        raise value_error(shown, value, f"must be in [0, {top}]{scale}")


def _check_metrics(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = field_name(instance, attribute)
    if not isinstance(value, tuple):
        raise type_error(name, value, "a mapping of metric to value")
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise type_error(name, item, "(metric, value) pairs")
        _check_metric_value(name, *item)


@attrs.frozen(slots=True)
class SourceMetrics:
    """What is known about the linking page or site; every field is optional.

    An authority comes with the metric it was measured in: ``metric=`` and
    ``value=`` for one (``SourceMetrics(metric="ahrefs-dr", value=60)``),
    ``metrics=`` for several (``{"ahrefs-dr": 60, "ahrefs-ur": 31}``; a
    page-level metric is preferred over a domain-level one).  ``authority=``
    is a generic 0-100 metric when none is named.

    >>> SourceMetrics(authority=60, spam_score=10).authority
    60
    >>> SourceMetrics(metric="moz-da", value=48).readings()
    (('moz-da', 48),)
    >>> SourceMetrics(authority=140)
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: SourceMetrics.authority=140: must be in [0, 100]
    >>> SourceMetrics(relevance=3)
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: SourceMetrics.relevance=3: must be in [0.5, 1.5]
    """

    #: A generic authority score on a 0-100 scale, for a metric not named.
    #: ``None``: :attr:`ScoringModel.default_authority` unless a named metric is given.
    authority: float | None = attrs.field(default=None, validator=optional(number(0, 100)))
    #: An Open PageRank score (0-10): the same as ``metrics={"open-pagerank": ...}``.
    open_pagerank: float | None = attrs.field(default=None, validator=optional(number(0, 10)))
    #: Moz Spam Score, in percent (0-100). ``None``: :attr:`ScoringModel.default_spam_score`.
    spam_score: float | None = attrs.field(default=None, validator=optional(number(0, 100)))
    #: The source's quality tier, when a tool or a reviewer gives one.
    tier: Tier | None = attrs.field(default=None, validator=optional(one_of(Tier)))
    #: Topical relevance of the source to the target, as a multiplier (1 = neutral; the
    #: documented range 0.5-1.5, scoring-evidence §6.1). ``None``: 1.
    relevance: float | None = attrs.field(default=None, validator=optional(number(0.5, 1.5)))
    #: The metric :attr:`value` is in (a key of ``METRIC_KEYS``: ``"ahrefs-dr"``, ``"moz-pa"``,
    #: ``"majestic-tf"``, ``"semrush-as"``, ``"open-pagerank"``, ``"cc-hc"`` ...).
    metric: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: The value of :attr:`metric`.
    value: float | None = attrs.field(default=None)
    #: Several metrics at once, as (metric, value) pairs (a mapping is accepted).
    metrics: tuple[tuple[str, float], ...] = attrs.field(
        default=(), converter=_metric_pairs, validator=_check_metrics
    )

    def __attrs_post_init__(self) -> None:
        if (self.metric is None) != (self.value is None):
            raise value_error("SourceMetrics.metric", self.metric, "metric= and value= go together")
        if self.metric is not None:
            _check_metric_value(
                "SourceMetrics.metric", self.metric, self.value, "SourceMetrics.value"
            )

    def readings(self) -> tuple[tuple[str, float], ...]:
        """Every authority reading given, as (metric, value) pairs, in the order of
        ``PREFERENCE`` (page-level first; the first one is used)."""
        found: dict[str, float] = dict(self.metrics)
        if self.metric is not None and self.value is not None:
            found[self.metric] = self.value
        if self.open_pagerank is not None:
            found.setdefault("open-pagerank", self.open_pagerank)
        if self.authority is not None:
            found.setdefault(GENERIC, self.authority)
        return tuple((key, found[key]) for key in PREFERENCE if key in found)

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> SourceMetrics:
        """Build from a flat record (a CSV row): numbers may be strings, empty cells are
        unknown, other keys are ignored.  A column named after a metric
        (``ahrefs-dr``, ``moz-pa`` ...) gives that metric; ``metric`` and ``value``
        columns name one.

        >>> SourceMetrics.from_record({"page": "example.org", "authority": "45", "tier": ""})
        SourceMetrics(authority=45)
        >>> SourceMetrics.from_record({"ahrefs-dr": "61", "ahrefs-ur": "30"}).readings()
        (('ahrefs-ur', 30), ('ahrefs-dr', 61))
        """
        owner = cls.__name__
        row = _record_fields(record, owner)
        tier = row.get("tier")
        if isinstance(tier, str):
            tier = tier.strip().lower() or None
        metric = row.get("metric")
        if isinstance(metric, str):
            metric = metric.strip().lower() or None
        named = {}
        for key in METRIC_KEYS:
            if key in (GENERIC, "open-pagerank"):
                continue
            found = parse_number(owner, key, row.get(key))
            if found is not None:
                named[key] = found
        return cls(
            authority=parse_number(owner, "authority", row.get("authority")),
            open_pagerank=parse_number(owner, "open_pagerank", row.get("open_pagerank")),
            spam_score=parse_number(owner, "spam_score", row.get("spam_score")),
            tier=tier,  # type: ignore[arg-type]
            relevance=parse_number(owner, "relevance", row.get("relevance")),
            metric=metric,  # type: ignore[arg-type]
            value=parse_number(owner, "value", row.get("value")),
            metrics=named,
        )

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}"
            for f in attrs.fields(SourceMetrics)
            if getattr(self, f.name) not in (None, ())
        )
        return f"SourceMetrics({shown})"


@attrs.frozen(slots=True)
class Engagement:
    """What a post or page got from its audience; every field is optional.

    Counts are totals to date (what the post has delivered so far, never decayed).
    ``posted_at`` must be timezone-aware; without it the post's age is an assumption
    (``ScoringModel.assumed_delivered``).

    >>> Engagement(likes=-1)
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: Engagement.likes=-1: a count cannot be negative
    """

    #: Likes, reactions, upvotes, hearts.
    likes: float | None = attrs.field(default=None, validator=_optional_count)
    #: Shares, reposts, retweets, pins saved.
    shares: float | None = attrs.field(default=None, validator=_optional_count)
    #: Comments and replies.
    comments: float | None = attrs.field(default=None, validator=_optional_count)
    #: Measured clicks on the post's links (the best evidence of referral traffic), shared
    #: among its links by their weights; clicks measured per link (by landing URL) go in
    #: ``ScoringModel.score_page(..., clicks=...)``.
    clicks: float | None = attrs.field(default=None, validator=_optional_count)
    #: Observed impressions (views) of the post.
    impressions: float | None = attrs.field(default=None, validator=_optional_count)
    #: Followers of the account that posted it (or subscribers, members).
    followers: float | None = attrs.field(default=None, validator=_optional_count)
    #: When the post was published (timezone-aware).
    posted_at: datetime | None = attrs.field(default=None, validator=_aware_datetime)

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> Engagement:
        """Build from a flat record (a CSV row or JSON object): counts may be strings,
        ``posted_at`` an ISO 8601 date-time with an offset; other keys are ignored.

        >>> row = {"page": "https://x.com/a/1", "likes": "12", "posted_at": "2024-05-31T18:00Z"}
        >>> found = Engagement.from_record(row)
        >>> found.likes, found.shares, found.posted_at.isoformat()
        (12, None, '2024-05-31T18:00:00+00:00')
        """
        owner = cls.__name__
        row = _record_fields(record, owner)
        counts = {
            name: parse_number(owner, name, row.get(name))
            for name in ("likes", "shares", "comments", "clicks", "impressions", "followers")
        }
        return cls(**counts, posted_at=parse_datetime(owner, "posted_at", row.get("posted_at")))
