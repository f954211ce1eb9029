"""Page-level robots rules: ``<meta name="robots">``, crawler metas and ``X-Robots-Tag``.

:func:`parse_robots` combines every robots ``<meta>`` of a page and any number
of ``X-Robots-Tag`` header values into one :class:`RobotsDirectives` for one
crawler.  The rules follow Google's "Robots meta tag, data-nosnippet, and
X-Robots-Tag specifications" and MDN's ``X-Robots-Tag`` reference:

* meta names, rule names and crawler prefixes are case-insensitive;
* rules are comma-separated; ``none`` means ``noindex, nofollow``; ``all``,
  ``index`` and ``follow`` are the defaults and restrict nothing;
* an ``X-Robots-Tag`` value may name a crawler (``googlebot: nofollow``); the
  prefix applies to the rules after it, up to the next prefix;
* generic and crawler-specific rules add up, and when rules conflict the
  more restrictive one wins.

>>> robots = parse_robots(
...     [("robots", "max-snippet:50"), ("googlebot", "noindex")],
...     ["BadBot: noindex, nofollow, googlebot: nofollow"],
... )
>>> robots.noindex, robots.noindex_source, robots.nofollow, robots.nofollow_source
(True, 'meta', True, 'header')
>>> robots.rules
('max-snippet:50', 'noindex', 'nofollow')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from types import MappingProxyType
from typing import Any, Literal

import attrs

from ._infra import ASCII_WHITESPACE, ASCII_WHITESPACE_RUN, ascii_lower, strip_ascii_whitespace
from ._validate import (
    boolean,
    choices,
    field_name,
    instance_of,
    integer,
    items_of,
    one_of,
    optional,
    to_tuple,
    type_error,
    value_error,
)
from .headers import RobotsHeaders, header_text, x_robots_tag_values

__all__ = [
    "IMAGE_PREVIEW_SETTINGS",
    "KNOWN_RULES",
    "ImagePreview",
    "RobotsDirectives",
    "RobotsSource",
    "parse_robots",
]

#: Where a rule came from: a ``<meta>`` element or an ``X-Robots-Tag`` header.
RobotsSource = Literal["meta", "header"]
#: The ``max-image-preview`` settings, most restrictive first.
ImagePreview = Literal["none", "standard", "large"]

#: The ``max-image-preview`` settings, most restrictive first (Google, MDN).
IMAGE_PREVIEW_SETTINGS: tuple[ImagePreview, ...] = choices(ImagePreview)

_IMAGE_PREVIEW: Mapping[str, ImagePreview] = MappingProxyType(
    {s: s for s in IMAGE_PREVIEW_SETTINGS}
)

# Rules that take a value after a colon (Google G4, MDN M2).
_VALUE_RULES = frozenset(
    {"max-snippet", "max-image-preview", "max-video-preview", "unavailable_after"}
)
# Rules that restrict something and map to a boolean field.
_FLAG_RULES = frozenset(
    {
        "noindex",
        "nofollow",
        "noarchive",
        "nocache",  # Bing's synonym of noarchive (MDN M3)
        "nosnippet",
        "noimageindex",
        "notranslate",
        "indexifembedded",
    }
)
# Rules that are documented but restrict nothing, or no longer do anything.
_NEUTRAL_RULES = frozenset({"all", "index", "follow", "noodp", "noydir", "nositelinkssearchbox"})

#: Every rule name :func:`parse_robots` recognises; others are kept with a warning.
KNOWN_RULES: frozenset[str] = _VALUE_RULES | _FLAG_RULES | _NEUTRAL_RULES | {"none"}

# A crawler prefix such as ``googlebot:``.  RFC 9309 product tokens are letters, "_" and
# "-"; digits and "." are allowed too (real names such as MJ12bot use them), and the
# leading letter keeps the "13:09" of a date from reading as a prefix.
_PREFIX = re.compile(rf"([A-Za-z][A-Za-z0-9_.-]*)[{ASCII_WHITESPACE}]*:(.*)", re.DOTALL)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_ISO_8601 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt\t ]+([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?"
    r"[\t ]*(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?"
)

_str_items = items_of(str)
_opt_source = optional(one_of(RobotsSource))
#: ``None`` (no limit set), ``-1`` (no limit) or a limit.
_opt_limit = optional(integer(-1))


def _agent(value: object, field: str = "agent") -> str:
    if not isinstance(value, str):
        raise type_error(field, value, "str")
    normalized = ascii_lower(strip_ascii_whitespace(value))
    if not normalized:
        raise value_error(field, value, "expected a non-empty crawler name")
    return normalized


def _agent_normal(value: object) -> object:
    # A str is normalised; anything else passes on for _check_agent to name.
    return ascii_lower(strip_ascii_whitespace(value)) if isinstance(value, str) else value


def _check_agent(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _agent(value, field_name(instance, attribute))


@attrs.frozen(slots=True)
class RobotsDirectives:
    """The robots rules that apply to one crawler on one page.

    Every field defaults to "no restriction", so ``RobotsDirectives()`` is a
    page without robots rules.  For the limits, ``-1`` means "no limit" as
    Google documents it; ``None`` means the page set no limit.
    """

    #: The crawler the rules were combined for, ASCII-lowercased (``"googlebot"``).
    agent: str = attrs.field(default="googlebot", converter=_agent_normal, validator=_check_agent)
    #: Do not show the page in search results (``noindex`` or ``none``).
    noindex: bool = attrs.field(default=False, validator=boolean)
    #: Do not follow the links on the page (``nofollow`` or ``none``).
    nofollow: bool = attrs.field(default=False, validator=boolean)
    #: ``"meta"`` when a ``<meta>`` says nofollow, else ``"header"`` when only an
    #: ``X-Robots-Tag`` does, else ``None``.
    nofollow_source: RobotsSource | None = attrs.field(default=None, validator=_opt_source)
    #: The normalized rules that apply, in first-seen order (metas in the order given,
    #: then headers), without duplicates; ``none`` is written as ``noindex``, ``nofollow``;
    #: value rules as ``max-snippet:50`` or ``unavailable_after: <date>``; unknown rules
    #: are kept ASCII-lowercased.
    rules: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)
    #: Notes on anything odd: unknown rules, invalid values, conflicting rules.
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_str_items)
    #: Like :attr:`nofollow_source`, for :attr:`noindex`.
    noindex_source: RobotsSource | None = attrs.field(default=None, validator=_opt_source)
    #: Do not show a cached copy (``noarchive``, or Bing's ``nocache``).
    noarchive: bool = attrs.field(default=False, validator=boolean)
    #: Do not show a text snippet or video preview (``nosnippet`` or ``max-snippet:0``).
    nosnippet: bool = attrs.field(default=False, validator=boolean)
    #: Do not index the images on the page (``noimageindex``).
    noimageindex: bool = attrs.field(default=False, validator=boolean)
    #: Do not offer a translation of the result (``notranslate``).
    notranslate: bool = attrs.field(default=False, validator=boolean)
    #: Content embedded in other pages may be indexed despite ``noindex``
    #: (``indexifembedded``; a permission, not a restriction).
    indexifembedded: bool = attrs.field(default=False, validator=boolean)
    #: The smallest valid ``max-snippet`` (characters); ``-1`` when only "no limit" was
    #: given; ``None`` when absent.  :attr:`nosnippet` overrides it.
    max_snippet: int | None = attrs.field(default=None, validator=_opt_limit)
    #: The most restrictive valid ``max-image-preview``: ``"none"``, ``"standard"`` or
    #: ``"large"``; ``None`` when absent.
    max_image_preview: ImagePreview | None = attrs.field(
        default=None, validator=optional(one_of(ImagePreview))
    )
    #: The smallest valid ``max-video-preview`` (seconds; ``0`` = a static image at most);
    #: ``-1`` when only "no limit" was given; ``None`` when absent.
    max_video_preview: int | None = attrs.field(default=None, validator=_opt_limit)
    #: The raw date text of the earliest valid ``unavailable_after`` rule, or ``None``.
    unavailable_after: str | None = attrs.field(default=None, validator=optional(instance_of(str)))

    @property
    def unavailable_after_datetime(self) -> datetime | None:
        """:attr:`unavailable_after` as an aware :class:`~datetime.datetime` (UTC when the
        text names no zone), or ``None``.

        >>> when = RobotsDirectives(unavailable_after="25 Jun 2010 15:00:00 PST")
        >>> when.unavailable_after_datetime.isoformat()
        '2010-06-25T15:00:00-08:00'
        """
        if self.unavailable_after is None:
            return None
        return _parse_date(self.unavailable_after)

    @property
    def followed(self) -> bool:
        """True when the page's links may be followed (no ``nofollow`` or ``none``)."""
        return not self.nofollow

    @property
    def indexed(self) -> bool:
        """True when the page may be shown in search results (no ``noindex`` or ``none``)."""
        return not self.noindex


def _parse_date(text: str) -> datetime | None:
    """Parse an ``unavailable_after`` date: RFC 822 / RFC 850 (via the e-mail date
    parser) or ISO 8601, as Google and MDN document.  Naive times are taken as UTC."""
    stripped = strip_ascii_whitespace(text)
    match = _ISO_8601.fullmatch(stripped)
    parsed: datetime | None
    try:
        if match:
            year, month, day, hour, minute, second, fraction, zulu, sign, oh, om = match.groups()
            micro = int((fraction or "0")[:6].ljust(6, "0"))
            tz: timezone | None = timezone.utc if zulu else None
            if sign:
                offset = timedelta(hours=int(oh), minutes=int(om))
                tz = timezone(-offset if sign == "-" else offset)
            parsed = datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                micro,
                tzinfo=tz,
            )
        else:
            parsed = parsedate_to_datetime(stripped)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:  # pragma: no cover - Python < 3.10 returned None
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _has_digit(text: str) -> bool:
    return any("0" <= ch <= "9" for ch in text)


def _rule_like(piece: str) -> bool:
    """Whether a comma-separated piece reads as a rule or a crawler prefix."""
    first = ASCII_WHITESPACE_RUN.split(piece, maxsplit=1)[0].partition(":")[0]
    if ascii_lower(first) in KNOWN_RULES:
        return True
    return _PREFIX.fullmatch(piece) is not None


def _continues_date(date_has_digit: bool, piece: str) -> bool:
    """Whether *piece* (after a comma) is still part of an ``unavailable_after`` date
    whose text so far has a digit or not (*date_has_digit*).

    RFC 822/850 dates have a comma after the day name (``Wed, 03 Dec 2025 ...``);
    ISO 8601 allows a decimal comma (``13:09:53,5Z``).
    """
    nxt = strip_ascii_whitespace(piece)
    if not nxt:
        return False
    if date_has_digit:
        # A piece that starts with a digit is never rule-like (rule names and crawler
        # prefixes start with a letter).
        return "0" <= nxt[0] <= "9"
    return not _rule_like(nxt)


@attrs.frozen(slots=True)
class _Rule:
    agent: str | None
    name: str
    value: str | None
    text: str


def _split_rules(text: str, where: str, warnings: list[str]) -> list[_Rule]:
    """Split one ``content`` or header value into rules, each with its crawler prefix."""
    pieces = text.split(",")
    rules: list[_Rule] = []
    agent: str | None = None
    index = 0
    while index < len(pieces):
        item = strip_ascii_whitespace(pieces[index])
        index += 1
        if not item:
            continue
        prefix = _PREFIX.fullmatch(item)
        if prefix and ascii_lower(prefix[1]) not in KNOWN_RULES:
            agent = ascii_lower(prefix[1])
            if where.startswith("<meta"):
                warnings.append(
                    f"{where}: crawler prefix {prefix[1]!r} is documented only for X-Robots-Tag; "
                    f"applied to the rules after it"
                )
            item = strip_ascii_whitespace(prefix[2])
            if not item:
                continue
        name, colon, value = item.partition(":")
        name_l = ascii_lower(strip_ascii_whitespace(name))
        if colon and name_l in _VALUE_RULES:
            value = strip_ascii_whitespace(value)
            if name_l == "unavailable_after":
                # Collected in a list and joined once, the digit test made per piece:
                # growing the string and rescanning it for each comma was quadratic
                # (``unavailable_after: 1, 1, 1, ...``: 8.4 s for 600 KB).
                parts = [value]
                has_digit = _has_digit(value)
                while index < len(pieces) and _continues_date(has_digit, pieces[index]):
                    parts.append(pieces[index])
                    has_digit = has_digit or _has_digit(pieces[index])
                    index += 1
                value = strip_ascii_whitespace(",".join(parts))
            rules.append(_Rule(agent, name_l, value, item))
        elif colon and name_l in KNOWN_RULES:
            warnings.append(f"{where}: rule {item!r} takes no value; read as {name_l!r}")
            rules.append(_Rule(agent, name_l, None, item))
        elif colon:
            rules.append(_Rule(agent, ASCII_WHITESPACE_RUN.sub(" ", ascii_lower(item)), None, item))
        else:
            words = [w for w in ASCII_WHITESPACE_RUN.split(item) if w]
            if len(words) > 1:
                warnings.append(
                    f"{where}: rules {item!r} are separated by whitespace; read as "
                    f"{', '.join(ascii_lower(w) for w in words)!r} (Google documents commas)"
                )
            rules.extend(_Rule(agent, ascii_lower(w), None, w) for w in words)
    return rules


class _Combiner:
    """Accumulates the rules that apply to one crawler (local, never shared)."""

    def __init__(self) -> None:
        self.rules: dict[str, None] = {}
        self.flags: dict[str, RobotsSource] = {}
        self.snippet: list[int] = []
        self.video: list[int] = []
        self.image: list[ImagePreview] = []
        self.dates: list[tuple[datetime, str]] = []
        self.warnings: list[str] = []

    def add(self, rule: _Rule, source: RobotsSource, where: str) -> None:
        name = rule.name
        if name in ("max-snippet", "max-video-preview"):
            text = rule.value or ""
            number = _integer(text)
            if number is not None and number >= -1:
                (self.snippet if name == "max-snippet" else self.video).append(number)
                self._rule(f"{name}:{number}")
                if name == "max-snippet" and number == 0:
                    self._flag("nosnippet", source)
            else:
                self.warnings.append(
                    f"{where}: {name} value {text!r} is not an integer >= -1; rule ignored"
                )
        elif name == "max-image-preview":
            setting = _IMAGE_PREVIEW.get(ascii_lower(rule.value or ""))
            if setting is not None:
                self.image.append(setting)
                self._rule(f"{name}:{setting}")
            else:
                self.warnings.append(
                    f"{where}: max-image-preview value {rule.value!r} is not one of "
                    f"'none', 'standard', 'large'; rule ignored"
                )
        elif name == "unavailable_after":
            text = rule.value or ""
            when = _parse_date(text)
            if when is None:
                self.warnings.append(
                    f"{where}: unavailable_after date {text!r} is not an RFC 822, RFC 850 or "
                    f"ISO 8601 date; rule ignored"
                )
            else:
                self.dates.append((when, text))
                self._rule(f"unavailable_after: {text}")
        elif name == "none":
            self._flag("noindex", source)
            self._flag("nofollow", source)
            self._rule("noindex")
            self._rule("nofollow")
        elif name in _FLAG_RULES:
            self._flag("noarchive" if name == "nocache" else name, source)
            self._rule(name)
        elif name in _NEUTRAL_RULES:
            self._rule(name)
        else:
            self.warnings.append(f"{where}: unknown robots rule {name!r}; kept in rules")
            self._rule(name)

    def _rule(self, text: str) -> None:
        self.rules.setdefault(text, None)

    def _flag(self, name: str, source: RobotsSource) -> None:
        if self.flags.get(name) != "meta":
            self.flags[name] = source

    def result(self, agent: str) -> RobotsDirectives:
        flags = self.flags
        for allow, deny in (("index", "noindex"), ("follow", "nofollow")):
            if allow in self.rules and deny in flags:
                self.warnings.append(
                    f"both {allow!r} and {deny!r} apply; the more restrictive {deny!r} wins"
                )
        if "indexifembedded" in flags and "noindex" not in flags:
            self.warnings.append("'indexifembedded' has an effect only together with 'noindex'")
        earliest = min(self.dates, key=lambda pair: pair[0])[1] if self.dates else None
        return RobotsDirectives(
            agent=agent,
            noindex="noindex" in flags,
            nofollow="nofollow" in flags,
            nofollow_source=flags.get("nofollow"),
            rules=tuple(self.rules),
            warnings=tuple(dict.fromkeys(self.warnings)),
            noindex_source=flags.get("noindex"),
            noarchive="noarchive" in flags,
            nosnippet="nosnippet" in flags,
            noimageindex="noimageindex" in flags,
            notranslate="notranslate" in flags,
            indexifembedded="indexifembedded" in flags,
            max_snippet=_limit(self.snippet),
            max_image_preview=(
                min(self.image, key=IMAGE_PREVIEW_SETTINGS.index) if self.image else None
            ),
            max_video_preview=_limit(self.video),
            unavailable_after=earliest,
        )


def _integer(text: str) -> int | None:
    if not _INTEGER.fullmatch(text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than int() accepts
        return None


def _limit(values: list[int]) -> int | None:
    """The most restrictive limit: the smallest non-negative value, else -1 (no limit)."""
    bounded = [v for v in values if v >= 0]
    if bounded:
        return min(bounded)
    return -1 if values else None


def parse_robots(
    metas: Iterable[tuple[str, str]] = (),
    headers: RobotsHeaders = (),
    *,
    agent: str = "googlebot",
) -> RobotsDirectives:
    """Combine robots ``<meta>`` pairs and ``X-Robots-Tag`` values for one crawler.

    *metas* are ``(name, content)`` pairs of ``<meta>`` elements; only names
    ``robots`` and *agent* (ASCII case-insensitive, surrounding ASCII whitespace
    stripped) are read, others are skipped.  A ``None`` content is skipped.
    *headers* are ``X-Robots-Tag`` values: one string, an iterable of strings,
    ``(name, value)`` pairs (only ``X-Robots-Tag`` is read) or a mapping of
    names to a value or a list of values.  *agent* is the crawler's
    user-agent token (default ``"googlebot"``).

    Never raises on any text; raises :class:`~backlinkkit.errors.InvalidInputError`
    when an argument has the wrong type and
    :class:`~backlinkkit.errors.InvalidValueError` when *agent* is empty.

    >>> parse_robots([("ROBOTS", "NoIndex, None")]).rules
    ('noindex', 'nofollow')
    >>> parse_robots(headers="unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT, noarchive").rules
    ('unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT', 'noarchive')
    """
    agent_l = _agent(agent)
    combiner = _Combiner()
    if isinstance(metas, (str, bytes)) or not isinstance(metas, Iterable):
        raise type_error("metas", metas, "(name, content) pairs")
    for position, meta in enumerate(metas):
        field = f"metas[{position}]"
        if not isinstance(meta, (tuple, list)) or len(meta) != 2:
            raise type_error(field, meta, "a (name, content) pair")
        raw_name, raw_content = meta
        name = ascii_lower(strip_ascii_whitespace(header_text(raw_name, f"{field}[0]")))
        if name not in ("robots", agent_l) or raw_content is None:
            continue
        content = header_text(raw_content, f"{field}[1]")
        where = f"<meta name={raw_name!r}>"
        for rule in _split_rules(content, where, combiner.warnings):
            if rule.agent is None or rule.agent == agent_l:
                combiner.add(rule, "meta", where)
    for position, value in enumerate(x_robots_tag_values(headers)):
        where = f"X-Robots-Tag[{position}]"
        for rule in _split_rules(value, where, combiner.warnings):
            if rule.agent is None or rule.agent == agent_l:
                combiner.add(rule, "header", where)
    return combiner.result(agent_l)
