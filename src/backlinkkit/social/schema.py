"""The registry's entries: :class:`Platform` and its parts, and their JSON form.

An entry says how to recognise one platform's URLs: its domains and hosts,
its redirect wrappers (:class:`Redirector`), the rules that classify its URLs
(:class:`PathRule`), the ``rel`` it puts on outbound links
(:class:`OutboundRel`) and example URLs (:class:`Example`).  Every value is a
frozen ``attrs`` class that validates its fields (errors read
``Owner.field=value: problem``); :meth:`Platform.from_dict` and
:func:`platforms_from_json` read the JSON form of ``platforms.json`` and raise
:class:`~backlinkkit.errors.RegistryDataError` naming the entry and the field.

>>> rule = PathRule(kind="profile", path="/u/{handle}")
>>> rule.kind, rule.confidence
('profile', 1.0)
>>> PathRule(kind="page", path="/")
Traceback (most recent call last):
  ...
backlinkkit.errors.InvalidValueError: PathRule.kind='page': expected one of 'profile', \
'post', 'share', 'embed', 'shortlink', 'redirect', 'other'
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any, Literal

import attrs

from .._validate import (
    boolean,
    choices,
    field_name,
    instance_of,
    items_of,
    number,
    one_of,
    optional,
    require,
    text,
    to_float,
    to_tuple,
    type_error,
    value_error,
)
from ..errors import InvalidInputError, InvalidValueError, RegistryDataError
from ..urls import normalize_host
from ._template import check_template

__all__ = [
    "CATEGORIES",
    "KINDS",
    "REL_CONFIDENCES",
    "Category",
    "Example",
    "MatchKind",
    "OutboundRel",
    "PathRule",
    "Platform",
    "Redirector",
    "RelConfidence",
    "TargetSource",
    "platforms_from_file",
    "platforms_from_json",
]

MatchKind = Literal["profile", "post", "share", "embed", "shortlink", "redirect", "other"]
#: Every value of :attr:`~backlinkkit.social.SocialMatch.kind`.
KINDS: tuple[str, ...] = choices(MatchKind)

Category = Literal[
    "social network",
    "microblog",
    "video",
    "image",
    "professional",
    "forum/Q&A",
    "messaging",
    "blogging",
    "audio",
    "developer",
    "wiki",
    "gaming",
    "comments",
    "search engine",
    "redirector",
]
#: Every value of :attr:`Platform.category`.
CATEGORIES: tuple[str, ...] = choices(Category)

RelConfidence = Literal[
    "verified-source-code", "third-party-observation", "unverified", "not-applicable"
]
#: How well an :class:`OutboundRel` is established, strongest first.
REL_CONFIDENCES: tuple[str, ...] = choices(RelConfidence)

TargetSource = Literal["param", "query", "path", "opaque"]
Scheme = Literal["http", "https"]

_KEY = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")
_LABEL = r"(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)"
_LABELS = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\Z")


# --------------------------------------------------------------------------- field rules


def _strings(value: object) -> Any:
    """A tuple of a str or of an iterable; anything else unchanged (the validator names it)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    return value


def _hosts(value: object, field: str) -> tuple[str, ...]:
    """A tuple of distinct normalized host names (see ``normalize_host``)."""
    items = _strings(value)
    if not isinstance(items, tuple):
        raise type_error(field, value, "a sequence of host names")
    return tuple(dict.fromkeys(normalize_host(item, field) for item in items))


def _domains(value: object) -> tuple[str, ...]:
    return _hosts(value, "Platform.domains")


def _notable_hosts(value: object) -> tuple[str, ...]:
    return _hosts(value, "Platform.hosts")


def _shortener_hosts(value: object) -> tuple[str, ...]:
    return _hosts(value, "Platform.shorteners")


def _rule_domains(value: object) -> tuple[str, ...]:
    return _hosts(value, "PathRule.domains")


def _pairs(value: object, field: str) -> Any:
    """A tuple of pairs of a mapping or an iterable of pairs (the validator checks them)."""
    if isinstance(value, Mapping):
        return tuple((str(k), str(v)) for k, v in value.items())
    if not isinstance(value, Iterable) or isinstance(value, (str, bytes)):
        raise type_error(field, value, "a mapping or (name, value) pairs")
    return tuple(to_tuple(item) for item in value)


def _required_pairs(value: object) -> Any:
    return _pairs(value, "Redirector.require")


def _query_pairs(value: object) -> Any:
    return _pairs(value, "PathRule.query")


def _name_value_pairs(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for item in value:
        if not (
            isinstance(item, tuple)
            and len(item) == 2
            and all(isinstance(x, str) and x for x in item)
        ):
            raise value_error(
                field_name(instance, attribute),
                value,
                "expected (name, value) pairs of non-empty str",
            )


def _template(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    check_template(value, field_name(instance, attribute))


def _slug(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _KEY.match(value):
        raise value_error(
            field_name(instance, attribute),
            value,
            "expected a slug of lower-case letters, digits and '-'",
        )


def _to_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise value_error(
                "Platform.as_of", value, "expected an ISO date (YYYY-MM-DD)"
            ) from None
    return value


def _reserved(value: object) -> frozenset[str]:
    items = _strings(value)
    if not isinstance(items, tuple) or not all(isinstance(x, str) for x in items):
        raise type_error("Platform.reserved", value, "a sequence of str")
    return frozenset(x.lower() for x in items)


_confidence = number(0.0, 1.0)
_strs = items_of(str)


# --------------------------------------------------------------------------- values


@attrs.frozen(slots=True)
class OutboundRel:
    """What ``rel`` a platform puts on the outbound links it renders, and how sure that is."""

    #: The ``rel`` tokens reported on outbound links (``()`` when unknown).
    rel: tuple[str, ...] = attrs.field(converter=_strings, validator=_strs)
    #: How well established: ``verified-source-code``, ``third-party-observation``,
    #: ``unverified`` or ``not-applicable`` (private messaging, app-only content).
    confidence: RelConfidence = attrs.field(validator=one_of(RelConfidence))
    #: Where the statement comes from (a citation).
    source: str = attrs.field(validator=text(empty=False))
    #: True when outbound links go through the platform's own redirector, so the
    #: markup never links to the target directly, whatever ``rel`` says.
    wrapped: bool = attrs.field(default=False, validator=boolean)
    #: The policy in words, with its caveats.
    note: str = attrs.field(default="", validator=text())


@attrs.frozen(slots=True)
class Redirector:
    """A redirect wrapper: a URL on the platform that sends the visitor to another URL."""

    #: The wrapper's host: an exact host (``l.facebook.com``), ``*.domain`` (the domain
    #: and every subdomain) or ``*`` (every host of the platform).
    host: str = attrs.field(validator=text(empty=False))
    #: The path template the wrapper answers on (``/l.php``, ``/{user}/outgoing``, ``/amp/s/**``).
    path: str = attrs.field(validator=_template)
    #: Where the target is: ``param`` (a query parameter), ``query`` (the whole raw
    #: query string), ``path`` (the part of the path matched by ``**``) or ``opaque``
    #: (only an HTTP request would tell; never done).
    target: TargetSource = attrs.field(default="param", validator=one_of(TargetSource))
    #: With ``target="param"``: the parameters that carry the target, first present wins.
    params: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_strs)
    #: Query parameters that must have these exact values for the URL to be a wrapper.
    require: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_required_pairs, validator=_name_value_pairs
    )
    #: A regular expression removed from the decoded target (Disqus appends ``:<token>``).
    strip: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: The scheme given to a target that has none (``twitch.tv/x`` becomes ``https://twitch.tv/x``).
    scheme: Scheme = attrs.field(default="https", validator=one_of(Scheme))
    #: Remarks on the wrapper.
    note: str = attrs.field(default="", validator=text())

    def __attrs_post_init__(self) -> None:
        if self.target == "param" and not self.params:
            raise value_error("Redirector.params", self.params, "target='param' needs a parameter")
        if self.target == "path" and not self.path.endswith("/**"):
            raise value_error(
                "Redirector.path", self.path, "target='path' needs a path ending in /**"
            )
        if self.strip is not None:
            try:
                re.compile(self.strip)
            except re.error as exc:
                raise value_error(
                    "Redirector.strip", self.strip, f"not a regular expression: {exc}"
                ) from None
        host = self.host
        if host != "*":
            normalize_host(host[2:] if host.startswith("*.") else host, "Redirector.host")


@attrs.frozen(slots=True)
class PathRule:
    """Classifies a URL of a platform: when the URL fits, it is of kind :attr:`kind`.

    Rules are tried in order; the first that fits wins.  ``{handle}`` in
    :attr:`path`, :attr:`host` or a :attr:`query` value names the account.
    """

    #: The kind of link a fitting URL is.
    kind: MatchKind = attrs.field(validator=one_of(MatchKind))
    #: The path template: ``/`` separated segments, each a literal (case-insensitive),
    #: ``*`` (any one segment), a segment with one ``{name}`` or ``{name:digits}``
    #: placeholder (``@{handle}``, ``wall{id}``), or a final ``**`` (anything).
    #: A trailing slash is optional.
    path: str = attrs.field(validator=_template)
    #: The part of the host left of the platform domain: ``None`` for any, ``""`` for
    #: none, ``{handle}`` for one label naming the account, ``{locale}`` for one
    #: language-region label (``fr-fr``, ``es-la``), or literal labels;
    #: alternatives are separated by ``|`` (``"|www|m"``).
    host: str | None = attrs.field(default=None, validator=optional(text()))
    #: Query parameters the URL must carry: value ``*`` (any non-empty), ``{name}``
    #: (any non-empty; ``{handle}`` names the account) or an exact value.
    query: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_query_pairs, validator=_name_value_pairs
    )
    #: Only on these registry keys (platform domains, shorteners or hosts); ``()`` for all
    #: but shorteners: on a shortener only the rules that name it apply.
    domains: tuple[str, ...] = attrs.field(default=(), converter=_rule_domains)
    #: How sure a fit makes the platform (below 1 for URL-shape hints).
    confidence: float = attrs.field(default=1.0, converter=to_float, validator=_confidence)

    def __attrs_post_init__(self) -> None:
        if self.host:
            for alternative in self.host.split("|"):
                if alternative in ("{handle}", "{locale}"):
                    continue
                if alternative and not _LABELS.match(alternative):
                    raise value_error("PathRule.host", self.host, f"{alternative!r} is not a label")


@attrs.frozen(slots=True)
class Example:
    """A URL of the platform with what :meth:`SocialRegistry.match` must say about it.

    The test suite runs every example of the shipped data.
    """

    #: The URL.
    url: str = attrs.field(validator=text(empty=False))
    #: The expected :attr:`SocialMatch.kind`; ``None`` when the URL must not match
    #: (for instance a redirect on a platform that is not social).
    kind: MatchKind | None = attrs.field(default=None, validator=optional(one_of(MatchKind)))
    #: The expected :attr:`SocialMatch.handle`.
    handle: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: The expected target of :meth:`SocialRegistry.unwrap` (and of the match, for redirects).
    target: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: The expected :attr:`SocialMatch.confidence`.
    confidence: float = attrs.field(default=1.0, converter=to_float, validator=_confidence)


@attrs.frozen(slots=True, repr=False)
class Platform:
    """A social platform (or, with ``social=False``, a redirect service) and how to recognise it."""

    #: Stable slug (``"facebook"``, ``"x"``); the registry's key.
    key: str = attrs.field(validator=[text(), _slug])
    #: Display name.
    name: str = attrs.field(validator=text(empty=False))
    #: One of :data:`CATEGORIES`.
    category: Category = attrs.field(validator=one_of(Category))
    #: Registrable domains (or hosts) that identify the platform; every subdomain matches.
    domains: tuple[str, ...] = attrs.field(converter=_domains)
    #: The ``rel`` the platform puts on outbound links, with its confidence and source.
    outbound_rel: OutboundRel = attrs.field(validator=instance_of(OutboundRel))
    #: When the entry's facts were last checked.
    as_of: datetime.date = attrs.field(converter=_to_date, validator=instance_of(datetime.date))
    #: False for services listed only so :meth:`SocialRegistry.unwrap` can see
    #: through them (a search engine's redirect); such a platform never matches.
    social: bool = attrs.field(default=True, validator=boolean)
    #: Notable hosts (mobile, regional, wrapper hosts).  A host outside :attr:`domains`
    #: (``t.umblr.com``) makes that host and its subdomains match too.
    hosts: tuple[str, ...] = attrs.field(default=(), converter=_notable_hosts)
    #: Short-link hosts: every URL on them is a ``shortlink`` (unless a redirector or
    #: a rule whose ``domains`` names the shortener says otherwise); they match like hosts.
    shorteners: tuple[str, ...] = attrs.field(default=(), converter=_shortener_hosts)
    #: Redirect wrappers.
    redirectors: tuple[Redirector, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Redirector)
    )
    #: Rules that classify the platform's URLs (profile, post, share, embed ...), in order.
    paths: tuple[PathRule, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(PathRule)
    )
    #: URL-shape hints tried on hosts that match no platform (federated platforms);
    #: their confidence is below 1.
    hints: tuple[PathRule, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(PathRule)
    )
    #: Words that are never handles (``home``, ``login``, ``www`` ...), lower case.
    reserved: frozenset[str] = attrs.field(default=frozenset(), converter=_reserved)
    #: True for federated platforms: handles are given as ``user@host``.
    federated: bool = attrs.field(default=False, validator=boolean)
    #: The platform's handle syntax: a regular expression a handle must match whole
    #: (after its leading ``@`` sigil is dropped); a URL whose would-be handle does not
    #: fit is not that rule's.  ``None`` for any non-blank handle.
    handle_syntax: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: Example URLs with their expected match (run by the tests).
    examples: tuple[Example, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Example)
    )
    #: Citations for the entry.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_strs)
    #: Remarks (caveats, what is not covered).
    notes: str = attrs.field(default="", validator=text())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Platform:
        """Build a platform from its JSON form (the format of ``platforms.json``).

        Raises :class:`~backlinkkit.errors.RegistryDataError` naming the entry and
        the field when the data is malformed.
        """
        where = repr(data.get("key", "?")) if isinstance(data, Mapping) else "?"
        if not isinstance(data, Mapping):
            raise RegistryDataError(f"platform {where}: expected an object, got {data!r:.60}")
        unknown = sorted(set(data) - _PLATFORM_FIELDS)
        if unknown:
            raise RegistryDataError(f"platform {where}: unknown field(s) {', '.join(unknown)}")
        try:
            return _platform_from_dict(data)
        except (RegistryDataError, InvalidValueError, InvalidInputError) as exc:
            raise RegistryDataError(f"platform {where}: {exc}") from None
        except TypeError as exc:  # a missing or unexpected argument
            raise RegistryDataError(f"platform {where}: {exc}") from None

    def __attrs_post_init__(self) -> None:
        if self.handle_syntax is not None:
            try:
                re.compile(self.handle_syntax)
            except re.error as exc:
                raise value_error(
                    "Platform.handle_syntax", self.handle_syntax, f"not a regular expression: {exc}"
                ) from None

    def __repr__(self) -> str:
        return f"Platform(key={self.key!r}, name={self.name!r}, category={self.category!r})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the platform (inverse of :meth:`from_dict`)."""
        rel = self.outbound_rel
        return {
            "key": self.key,
            "name": self.name,
            "category": self.category,
            "social": self.social,
            "domains": list(self.domains),
            "hosts": list(self.hosts),
            "shorteners": list(self.shorteners),
            "redirectors": [_redirector_dict(r) for r in self.redirectors],
            "paths": [_rule_dict(r) for r in self.paths],
            "hints": [_rule_dict(r) for r in self.hints],
            "reserved": sorted(self.reserved),
            "federated": self.federated,
            "handle_syntax": self.handle_syntax,
            "outbound_rel": {
                "rel": list(rel.rel),
                "wrapped": rel.wrapped,
                "confidence": rel.confidence,
                "source": rel.source,
                "note": rel.note,
            },
            "as_of": self.as_of.isoformat(),
            "examples": [_example_dict(e) for e in self.examples],
            "sources": list(self.sources),
            "notes": self.notes,
        }


# --------------------------------------------------------------------------- JSON form

_PLATFORM_FIELDS = frozenset(f.name for f in attrs.fields(Platform))
_REDIRECTOR_FIELDS = frozenset(f.name for f in attrs.fields(Redirector))
_RULE_FIELDS = frozenset(f.name for f in attrs.fields(PathRule))
_EXAMPLE_FIELDS = frozenset(f.name for f in attrs.fields(Example))
_REL_FIELDS = frozenset(f.name for f in attrs.fields(OutboundRel))
_NESTED = frozenset({"outbound_rel", "redirectors", "paths", "hints", "examples"})
_LISTS = ("domains", "hosts", "shorteners", "reserved", "sources")


def _sub_object(where: str, item: object, cls: type, allowed: frozenset[str]) -> Any:
    if not isinstance(item, Mapping):
        raise RegistryDataError(f"field {where!r}: expected an object, got {item!r:.60}")
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise RegistryDataError(f"field {where!r}: unknown field(s) {', '.join(unknown)}")
    try:
        return cls(**item)
    except (InvalidValueError, InvalidInputError, TypeError) as exc:
        raise RegistryDataError(f"field {where!r}: {exc}") from None


def _sub_objects(
    data: Mapping[str, Any], field: str, cls: type, allowed: frozenset[str]
) -> list[Any]:
    items = data.get(field, [])
    if not isinstance(items, list):
        raise RegistryDataError(f"field {field!r}: expected a list, got {items!r:.60}")
    return [
        _sub_object(f"{field}[{position}]", item, cls, allowed)
        for position, item in enumerate(items)
    ]


def _platform_from_dict(data: Mapping[str, Any]) -> Platform:
    # Plain fields first, so that a wrong category is reported before a missing
    # object further down.  The validators name their owner by the instance's type.
    unbuilt = object.__new__(Platform)
    checked: dict[str, Any] = {}
    for field in attrs.fields(Platform):
        if field.name in _NESTED or field.name not in data:
            continue
        value = data[field.name]
        if field.converter is not None:
            value = field.converter(value)  # type: ignore[operator]
        if field.validator is not None:
            field.validator(unbuilt, field, value)
        checked[field.name] = value
    fields = dict(data)
    fields["outbound_rel"] = _sub_object(
        "outbound_rel", data.get("outbound_rel"), OutboundRel, _REL_FIELDS
    )
    fields["redirectors"] = _sub_objects(data, "redirectors", Redirector, _REDIRECTOR_FIELDS)
    fields["paths"] = _sub_objects(data, "paths", PathRule, _RULE_FIELDS)
    fields["hints"] = _sub_objects(data, "hints", PathRule, _RULE_FIELDS)
    fields["examples"] = _sub_objects(data, "examples", Example, _EXAMPLE_FIELDS)
    for name in _LISTS:
        if name in fields and not isinstance(fields[name], list):
            raise RegistryDataError(f"field {name!r}: expected a list, got {fields[name]!r:.60}")
    if not fields.keys() >= _REQUIRED:
        return Platform(**fields)  # raises the constructor's own "missing argument" error
    # Every field is now converted and validated: the plain ones above, the nested
    # ones by their own constructors.  Platform(**fields) would run every converter
    # and validator a second time (each host through the WHATWG host parser again),
    # so the checked values are assembled as they are.
    for name in _NESTED:
        if name in fields:
            checked[name] = tuple(fields[name]) if name != "outbound_rel" else fields[name]
    return _assembled(checked)


#: The fields of :class:`Platform` without a default.
_REQUIRED = frozenset(f.name for f in attrs.fields(Platform) if f.default is attrs.NOTHING)


def _converted_default(field: attrs.Attribute[Any]) -> Any:
    if field.default is attrs.NOTHING or field.converter is None:
        return field.default
    return field.converter(field.default)  # type: ignore[operator]


#: Each field of :class:`Platform` with its converted default (``NOTHING`` for the
#: required ones), in declaration order.
_DEFAULTS: tuple[tuple[str, Any], ...] = tuple(
    (f.name, _converted_default(f)) for f in attrs.fields(Platform)
)


def _assembled(checked: Mapping[str, Any]) -> Platform:
    """A :class:`Platform` of field values that were each converted and validated
    already (by :func:`_platform_from_dict`), without doing it twice; its
    ``__attrs_post_init__`` check still runs.  Not for any other caller:
    ``Platform(...)`` is the validating constructor."""
    platform: Platform = object.__new__(Platform)
    for name, default in _DEFAULTS:
        object.__setattr__(platform, name, checked.get(name, default))
    platform.__attrs_post_init__()
    return platform


def platforms_from_json(text: str | bytes, *, source: str = "<json>") -> tuple[Platform, ...]:
    """The platforms of a JSON document: ``{"platforms": [...]}`` or the bare list.

    Raises :class:`~backlinkkit.errors.RegistryDataError` starting with *source*
    and naming the entry and the field when the data is malformed.
    """
    require("text", text, str, bytes, bytearray)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RegistryDataError(f"{source}: not valid JSON: {exc}") from None
    items = data.get("platforms") if isinstance(data, Mapping) else data
    if not isinstance(items, list):
        raise RegistryDataError(f"{source}: expected a list of platforms under 'platforms'")
    platforms = []
    for position, item in enumerate(items):
        try:
            platforms.append(Platform.from_dict(item))
        except RegistryDataError as exc:
            raise RegistryDataError(f"{source}: platforms[{position}]: {exc}") from None
    return tuple(platforms)


def platforms_from_file(path: str | PathLike[str]) -> tuple[Platform, ...]:
    """The platforms of the JSON file at *path* (read, never written); see
    :func:`platforms_from_json`."""
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    return platforms_from_json(content, source=str(path))


def _redirector_dict(r: Redirector) -> dict[str, Any]:
    out: dict[str, Any] = {"host": r.host, "path": r.path, "target": r.target}
    if r.params:
        out["params"] = list(r.params)
    if r.require:
        out["require"] = dict(r.require)
    if r.strip is not None:
        out["strip"] = r.strip
    if r.scheme != "https":
        out["scheme"] = r.scheme
    if r.note:
        out["note"] = r.note
    return out


def _rule_dict(r: PathRule) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": r.kind, "path": r.path}
    if r.host is not None:
        out["host"] = r.host
    if r.query:
        out["query"] = dict(r.query)
    if r.domains:
        out["domains"] = list(r.domains)
    if r.confidence != 1.0:
        out["confidence"] = r.confidence
    return out


def _example_dict(e: Example) -> dict[str, Any]:
    out: dict[str, Any] = {"url": e.url}
    if e.kind is not None:
        out["kind"] = e.kind
    if e.handle is not None:
        out["handle"] = e.handle
    if e.target is not None:
        out["target"] = e.target
    if e.confidence != 1.0:
        out["confidence"] = e.confidence
    return out
