"""Expected links (rows of a backlink export, or plain pairs), and how two link URLs compare.

:func:`verify <backlinkkit.verify.verify>`, :func:`diff <backlinkkit.diff.diff>` and
:func:`link_gap <backlinkkit.gap.link_gap>` take links from several places: a
vendor export read by ``read_export`` (each row has ``source_url``, ``target_url``
and, where the vendor says them, ``anchor``, ``nofollow``, ``ugc``, ``sponsored``),
a list of ``(source, target)`` pairs, mappings with those keys, or a
:class:`~backlinkkit.audit.BacklinkProfile`.  :func:`expected_links` turns any of
them into :class:`ExpectedLink` values; :func:`url_key` is the one rule by which
two URLs are "the same link end".

URL comparison (:func:`url_key`): both URLs are parsed as a browser parses them
(WHATWG, through ada-url), which lower-cases the scheme and the host, converts an
internationalised host to its IDNA form, drops a default port and normalises
percent-encoding and dot segments; then

* the **fragment** is dropped (``/a#top`` is ``/a``: a fragment never reaches the server);
* ``http`` and ``https`` count as one scheme (exports mix them, and sites move);
* one **trailing slash** of a non-empty path is dropped (``/blog/`` is ``/blog``; the
  root ``/`` stays);
* the query is kept as written (``?a=1&b=2`` is not ``?b=2&a=1``), and ``www.`` is part
  of the host (``www.example.com`` is not ``example.com``).

>>> url_key("HTTPS://Example.COM:443/Blog/#top") == url_key("http://example.com/Blog")
True
>>> url_key("https://example.com/blog") == url_key("https://www.example.com/blog")
False
>>> [(e.source_url, e.target_url) for e in expected_links([("https://a.example/", "https://b.example/")])]
[('https://a.example/', 'https://b.example/')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Protocol, runtime_checkable

import attrs
from ada_url import URL

from ._validate import (
    boolean,
    instance_of,
    integer,
    optional,
    require,
    text,
    type_error,
    value_error,
)

__all__ = ["ExpectedLink", "LinkLike", "expected_links", "url_key"]


def url_key(url: str) -> str:
    """The comparison key of *url* (rules in the module documentation); a text that does
    not parse as an absolute URL is its own key, trimmed."""
    require("url", url, str)
    try:
        parsed = URL(url.strip())
    except ValueError:
        return url.strip()
    scheme = parsed.protocol[:-1]
    if scheme == "http":
        scheme = "https"
    path = parsed.pathname
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return f"{scheme}://{parsed.host}{path}{parsed.search}"


@runtime_checkable
class LinkLike(Protocol):
    """Anything with a source and a target URL (a row of an export, an :class:`ExpectedLink`)."""

    @property
    def source_url(self) -> str: ...  # pragma: no cover

    @property
    def target_url(self) -> str: ...  # pragma: no cover


_opt_bool = optional(boolean)
_opt_text = optional(text())


def _to_date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date()
    return value


@attrs.frozen(slots=True)
class ExpectedLink:
    """One link an export (or a caller) says exists: from a page to a target URL."""

    #: The URL of the linking page.
    source_url: str = attrs.field(validator=text(empty=False))
    #: The URL it links to.
    target_url: str = attrs.field(validator=text(empty=False))
    #: The anchor the export saw, or ``None`` when it does not say.
    anchor: str | None = attrs.field(default=None, validator=_opt_text)
    #: Whether the export saw ``rel=nofollow`` (``None``: it does not say).
    nofollow: bool | None = attrs.field(default=None, validator=_opt_bool)
    #: Whether the export saw ``rel=ugc``.
    ugc: bool | None = attrs.field(default=None, validator=_opt_bool)
    #: Whether the export saw ``rel=sponsored``.
    sponsored: bool | None = attrs.field(default=None, validator=_opt_bool)
    #: When the link was first seen, if the export says.
    first_seen: date | None = attrs.field(
        default=None, converter=_to_date, validator=optional(instance_of(date))
    )
    #: When it was lost, if the export says.
    lost: date | None = attrs.field(
        default=None, converter=_to_date, validator=optional(instance_of(date))
    )
    #: The vendor's lost reason, if the export gives one (a row with a reason or a
    #: :attr:`lost` date is one the vendor marks as lost: :attr:`marked_lost`).
    lost_reason: str | None = attrs.field(default=None, validator=_opt_text)
    #: Position of the row in the input, from 0.
    row: int = attrs.field(default=0, validator=integer(0))

    @property
    def marked_lost(self) -> bool:
        """True when the export marks the link as lost (a lost date or a lost reason)."""
        return self.lost is not None or self.lost_reason is not None

    @property
    def source_key(self) -> str:
        """:func:`url_key` of :attr:`source_url`."""
        return url_key(self.source_url)

    @property
    def target_key(self) -> str:
        """:func:`url_key` of :attr:`target_url`."""
        return url_key(self.target_url)


_FIELDS = ("anchor", "nofollow", "ugc", "sponsored", "first_seen", "lost", "lost_reason")
_SOURCE_NAMES = ("source_url", "source", "page_url", "url_from")
_TARGET_NAMES = ("target_url", "target", "url_to")


def _get(item: object, names: tuple[str, ...]) -> object:
    if isinstance(item, Mapping):
        return next((item[n] for n in names if item.get(n) not in (None, "")), None)
    return next((getattr(item, n) for n in names if getattr(item, n, None) not in (None, "")), None)


def _optional(item: object, name: str) -> Any:
    """An optional field, read leniently: exports differ in what they put there (a value of
    an unexpected type counts as not given)."""
    value = item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
    if name in ("nofollow", "ugc", "sponsored"):
        return value if isinstance(value, bool) else None
    if name in ("first_seen", "lost"):
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()[:10])
            except ValueError:
                return None
        return value if isinstance(value, date) else None
    return value if isinstance(value, str) and value != "" else None


def expected_links(items: object, *, field: str = "expected") -> tuple[ExpectedLink, ...]:
    """Every item of *items* as an :class:`ExpectedLink`.

    An item is an :class:`ExpectedLink`; a ``(source, target)`` pair; a mapping with
    ``source_url`` and ``target_url`` (or ``source``/``target``, ``page_url``, Ahrefs'
    ``url_from``/``url_to``); any object with ``source_url`` and ``target_url``
    attributes (an export's rows; a :class:`~backlinkkit.audit.Backlink`'s
    ``page_url``/``target_url``).  Optional ``anchor``, ``nofollow``, ``ugc``,
    ``sponsored``, ``first_seen``, ``lost`` and ``lost_reason`` are read where present.
    An object that is not iterable but has ``to_records()`` (an ``ExportedBacklinks``)
    gives its records.  A ``lost`` that is ``True`` rather than a date counts as a lost
    reason ("lost (the export says)").  A wrong item raises
    :class:`~backlinkkit.errors.InvalidInputError` naming ``expected[i]``.
    """
    require("field", field, str)
    to_records = getattr(items, "to_records", None)
    if not isinstance(items, Iterable) and callable(to_records):
        items = to_records()  # an export (ExportedBacklinks): its flat rows
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise type_error(field, items, "an iterable of links (pairs, mappings or rows)")
    out: list[ExpectedLink] = []
    for i, item in enumerate(items):
        where = f"{field}[{i}]"
        if isinstance(item, ExpectedLink):
            out.append(attrs.evolve(item, row=i))
            continue
        if isinstance(item, tuple) and not hasattr(item, "source_url"):
            if len(item) != 2 or not all(isinstance(x, str) for x in item):
                raise type_error(where, item, "a (source_url, target_url) pair of str")
            source, target = item
            extra: dict[str, Any] = {}
        else:
            source = _get(item, _SOURCE_NAMES)
            target = _get(item, _TARGET_NAMES)
            if source is None or target is None:
                raise type_error(where, item, "a link with source_url and target_url")
            if not isinstance(source, str) or not isinstance(target, str):
                raise type_error(where, item, "source_url and target_url as str")
            extra = {name: _optional(item, name) for name in _FIELDS}
            flagged = item.get("lost") if isinstance(item, Mapping) else getattr(item, "lost", None)
            if flagged is True and extra["lost_reason"] is None:
                extra["lost_reason"] = "lost (the export says)"
        if not source.strip() or not target.strip():
            raise value_error(where, item, "an empty source or target URL")
        out.append(ExpectedLink(source.strip(), target.strip(), row=i, **extra))
    return tuple(out)
