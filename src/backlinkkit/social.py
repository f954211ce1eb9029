"""The social-domain registry: which platform a URL belongs to, and what kind of link it is.

Links on and to social platforms are almost always ``nofollow``/``ugc`` or routed
through the platform's own redirector, so they pass no link equity; they still
bring referral traffic, visibility and social proof.  :class:`SocialRegistry`
recognises them, offline, from the URL alone:

>>> registry = default_registry()
>>> found = registry.match("https://m.facebook.com/facebook")
>>> found.platform.key, found.kind, found.handle
('facebook', 'profile', 'facebook')
>>> registry.match("https://notfacebook.com/facebook") is None
True
>>> found = registry.match("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fpage&h=AT0")
>>> found.kind, found.target
('redirect', 'https://example.com/page')
>>> registry.match("https://t.co/abc123").kind
'shortlink'
>>> registry.unwrap("https://www.youtube.com/redirect?q=twitch.tv%2Fsomeone&v=x")
'https://twitch.tv/someone'

A URL matches a platform by its host: the host (WHATWG-parsed by ada-url, so
case, a trailing dot, ports, ``user@`` and internationalised names are
handled) equals, or is a subdomain of, one of the platform's domains.  The
lookup walks the host's suffixes in one prebuilt dict; there is no regular
expression per domain and no Public Suffix List lookup on this path.

The shipped data is ``backlinkkit/data/platforms.json`` (see ``docs/social.md``
for its format, the sources and the full table of platforms).
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from os import PathLike
from typing import Any, Literal, get_args

import attrs
from ada_url import URL, parse_url

from .errors import InvalidInputError, InvalidValueError, RegistryDataError

__all__ = [
    "CATEGORIES",
    "KINDS",
    "REL_CONFIDENCES",
    "ClaimedProfile",
    "Example",
    "MatchKind",
    "OutboundRel",
    "PathRule",
    "Platform",
    "Redirector",
    "SocialMatch",
    "SocialRegistry",
    "default_registry",
    "normalize_host",
]

MatchKind = Literal["profile", "post", "share", "embed", "shortlink", "redirect", "other"]
#: Every value of :attr:`SocialMatch.kind`.
KINDS: tuple[str, ...] = get_args(MatchKind)

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
CATEGORIES: tuple[str, ...] = get_args(Category)

RelConfidence = Literal[
    "verified-source-code", "third-party-observation", "unverified", "not-applicable"
]
#: How well an :class:`OutboundRel` is established, strongest first.
REL_CONFIDENCES: tuple[str, ...] = (
    "verified-source-code",
    "third-party-observation",
    "unverified",
    "not-applicable",
)

TargetSource = Literal["param", "query", "path", "opaque"]
TARGET_SOURCES: tuple[str, ...] = ("param", "query", "path", "opaque")

ProfileSource = Literal["json-ld", "rel-me", "twitter:site", "twitter:creator"]
PROFILE_SOURCES: tuple[str, ...] = ("json-ld", "rel-me", "twitter:site", "twitter:creator")

#: How many redirect wrappers :meth:`SocialRegistry.unwrap` peels at most.
DEFAULT_MAX_UNWRAP = 8

_HREF = ("href",)
_KEY = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")
_LABEL = r"(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})+\Z")
_SUB = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\Z")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(digits))?\}")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_RAW_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_ENCODED = re.compile(r"(?i)(?:[a-z][a-z0-9+.\-]*%(?:25)*3a|(?:%(?:25)*2f){2})")
_HOSTLIKE = re.compile(r"[^/?#\s:@]*[A-Za-z0-9]\.[A-Za-z0-9][^/?#\s@]*(?:[/?#]|\Z)")
_PCT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


# --------------------------------------------------------------------------- helpers


def _fail(field: str, value: object, problem: str) -> InvalidValueError:
    return InvalidValueError(f"{field}={value!r}: {problem}")


def _text(field: str, *, empty: bool = False) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str):
            raise InvalidInputError(f"{field}={value!r}: expected str, got {type(value).__name__}")
        if not empty and not value.strip():
            raise _fail(field, value, "must not be empty")

    return check


def _opt_text(field: str) -> Any:
    inner = _text(field)

    def check(inst: object, attr: object, value: object) -> None:
        if value is not None:
            inner(inst, attr, value)

    return check


def _opt_text_or_empty(field: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if value is not None and not isinstance(value, str):
            raise InvalidInputError(f"{field}={value!r}: expected str or None")

    return check


def _tuple(value: Any) -> Any:
    """A tuple of an iterable (not a str); anything else unchanged (the validator names it)."""
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        return tuple(value)
    return value


def _strs(value: object) -> Any:
    """A tuple of a str or of an iterable; anything else unchanged (the validator names it)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    return value


def _str_items(field: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, tuple):
            raise InvalidInputError(f"{field}={value!r}: expected a sequence of str")
        for item in value:
            if not isinstance(item, str):
                raise InvalidInputError(f"{field}={value!r}: {item!r} is not a str")

    return check


def normalize_host(value: object, field: str = "host") -> str:
    """*value* as an ASCII, lower-case host name without a trailing dot.

    Internationalised names are converted with WHATWG host parsing (IDNA);
    raises :class:`~backlinkkit.errors.InvalidValueError` naming *field* when
    *value* is not a domain name (an IP address, a URL, a name with a port ...).

    >>> normalize_host("Bücher.Example.")
    'xn--bcher-kva.example'
    """
    if not isinstance(value, str):
        raise InvalidInputError(f"{field}={value!r}: expected str, got {type(value).__name__}")
    text = value.strip().rstrip(".")
    if not text or any(c in text for c in "/\\?#@:[]% \t\n"):
        raise _fail(field, value, "not a host name")
    try:
        host = URL(f"http://{text}/").hostname
    except ValueError:
        raise _fail(field, value, "not a host name") from None
    host = host.rstrip(".")
    if not _HOST.match(host) or host.replace(".", "").isdigit():
        raise _fail(field, value, "not a domain name with at least two labels")
    return host


def _convert_hosts(value: object, field: str) -> tuple[str, ...]:
    items = _strs(value)
    if not isinstance(items, tuple):
        raise InvalidInputError(f"{field}={value!r}: expected a sequence of host names")
    seen: dict[str, None] = {}
    for item in items:
        seen[normalize_host(item, field)] = None
    return tuple(seen)


def _domains(value: object) -> tuple[str, ...]:
    return _convert_hosts(value, "domains")


def _rule_domains(value: object) -> tuple[str, ...]:
    return _convert_hosts(value, "path.domains")


def _notable_hosts(value: object) -> tuple[str, ...]:
    return _convert_hosts(value, "hosts")


def _shortener_hosts(value: object) -> tuple[str, ...]:
    return _convert_hosts(value, "shorteners")


def _percent_decode(text: str) -> str:
    """Percent-decode *text* (WHATWG: bytes, then UTF-8 with replacement)."""
    if "%" not in text:
        return text
    return _PCT_RUN.sub(
        lambda m: bytes.fromhex(m.group().replace("%", "")).decode("utf-8", "replace"), text
    )


def _form_decode(text: str) -> str:
    """Decode one ``application/x-www-form-urlencoded`` name or value (WHATWG URL §5.1)."""
    return _percent_decode(text.replace("+", " "))


def _query_pairs(query: str) -> dict[str, str]:
    """The first raw (still encoded) value of each name in *query* (which starts with ``?``)."""
    pairs: dict[str, str] = {}
    for part in query[1:].split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in name or "+" in name:
            name = _form_decode(name)
        pairs.setdefault(name, value)
    return pairs


def _split(url: str) -> tuple[str, str, str, str, str] | None:
    """``(href, host, path, query, fragment)`` of an http(s) URL with a domain host, else None.

    One WHATWG parse (ada-url); the serialization is then cut at its fixed
    delimiters, which the standard guarantees are unambiguous.
    """
    try:
        href: str = parse_url(url, _HREF)["href"]
    except ValueError:
        return None
    if href.startswith("https://"):
        start = 8
    elif href.startswith("http://"):
        start = 7
    else:
        return None
    slash = href.find("/", start)
    if slash < 0:  # pragma: no cover - http(s) serializations always have a path
        return None
    authority = href[start:slash]
    at = authority.rfind("@")
    if at >= 0:
        authority = authority[at + 1 :]
    if authority.startswith("["):  # IPv6: never a platform
        return None
    colon = authority.find(":")
    host = (authority if colon < 0 else authority[:colon]).rstrip(".")
    rest = href[slash:]
    hash_at = rest.find("#")
    if hash_at >= 0:
        fragment = rest[hash_at:]
        rest = rest[:hash_at]
    else:
        fragment = ""
    query_at = rest.find("?")
    if query_at >= 0:
        return href, host, rest[:query_at], rest[query_at:], fragment
    return href, host, rest, "", fragment


# re.ASCII: with IGNORECASE alone, [a-z] also matches "ſ" and the Kelvin sign, which
# IDNA maps to "s" and "k" (https://ſnapchat.com is snapchat.com).
_PLAIN = re.compile(r"https?://([a-z0-9.\-]+)(?::([0-9]{0,5}))?(?:[/?#]|\Z)", re.I | re.A)
_UNSAFE = re.compile(r"[\\\t\n\r]")


def _plain_host(url: str) -> str | None:
    """The WHATWG host of *url* when it can be read off the text, else ``None``.

    Only for a plain ``http(s)://host[:port]`` start: an ASCII host of letters,
    digits, ``-`` and ``.`` right after ``//``, a valid port, and no backslash,
    tab or newline anywhere.  For such input the WHATWG host is the text
    lower-cased (IDNA maps ASCII letters to lower case and leaves digits, ``-``
    and ``.`` alone), and the path holds no text the raw URL lacks.  Everything
    else (``user@``, ``\\``, percent-encoding, non-ASCII ...) returns ``None``
    and goes through the full parse.
    """
    found = _PLAIN.match(url)
    if found is None or _UNSAFE.search(url) is not None:
        return None
    port = found.group(2)
    if port and len(port) == 5 and int(port) > 65535:
        return None
    return found.group(1).lower().rstrip(".")


def _compile_path(template: str, field: str) -> re.Pattern[str]:
    """Compile a path template (see ``docs/social.md``) to a case-insensitive pattern."""
    if not isinstance(template, str):
        raise InvalidInputError(f"{field}={template!r}: expected str")
    if not template.startswith("/"):
        raise _fail(field, template, "a path template starts with '/'")
    segments = template[1:].split("/")
    if segments and segments[-1] == "":
        segments.pop()
    parts: list[str] = []
    rest = False
    for position, segment in enumerate(segments):
        if segment == "**":
            if position != len(segments) - 1:
                raise _fail(field, template, "'**' must be the last segment")
            parts.append(r"(?P<rest>(?:/.*)?)")
            rest = True
            continue
        if segment == "*":
            parts.append(r"/[^/]+")
            continue
        if not segment:
            raise _fail(field, template, "empty path segment")
        found = list(_PLACEHOLDER.finditer(segment))
        if len(found) > 1:
            raise _fail(field, template, "at most one placeholder per segment")
        if found:
            m = found[0]
            prefix, suffix = segment[: m.start()], segment[m.end() :]
            if any(c in prefix + suffix for c in "{}*"):
                raise _fail(field, template, f"malformed segment {segment!r}")
            body = "[0-9]+" if m.group(2) else "[^/]+"
            group = f"(?P<handle>{body})" if m.group(1) == "handle" else f"(?:{body})"
            parts.append("/" + re.escape(prefix) + group + re.escape(suffix))
        else:
            if any(c in segment for c in "{}*"):
                raise _fail(field, template, f"malformed segment {segment!r}")
            parts.append("/" + re.escape(segment))
    pattern = "".join(parts) + ("" if rest else "/?") + r"\Z"
    return re.compile(pattern, re.IGNORECASE)


def _check_template(field: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        _compile_path(value, field)  # type: ignore[arg-type]

    return check


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        return tuple((str(k), str(v)) for k, v in value.items())
    if not isinstance(value, Iterable):
        raise InvalidInputError(f"{value!r:.60}: expected a mapping or (name, value) pairs")
    return tuple(tuple(item) for item in value)


def _str_pairs(field: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        for item in value:  # type: ignore[attr-defined]
            if (
                not isinstance(item, tuple)
                or len(item) != 2
                or not all(isinstance(x, str) and x for x in item)
            ):
                raise _fail(field, value, "expected (name, value) pairs of non-empty str")

    return check


def _confidence(field: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, float) or not 0.0 <= value <= 1.0:
            raise _fail(field, value, "expected a number from 0 to 1")

    return check


def _to_float(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def _to_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise _fail("as_of", value, "expected an ISO date (YYYY-MM-DD)") from None
    return value


def _one_of(field: str, allowed: tuple[str, ...]) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if value not in allowed:
            raise _fail(field, value, f"expected one of {', '.join(allowed)}")

    return check


def _of_type(field: str, cls: type) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidInputError(
                f"{field}={value!r:.80}: expected {cls.__name__}, got {type(value).__name__}"
            )

    return check


def _items_of(field: str, cls: type) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(x, cls) for x in value):
            raise InvalidInputError(f"{field}={value!r:.80}: expected a sequence of {cls.__name__}")

    return check


# --------------------------------------------------------------------------- values


@attrs.frozen(slots=True)
class OutboundRel:
    """What ``rel`` a platform puts on the outbound links it renders, and how sure that is."""

    #: The ``rel`` tokens reported on outbound links (``()`` when unknown).
    rel: tuple[str, ...] = attrs.field(converter=_strs, validator=_str_items("outbound_rel.rel"))
    #: How well established: ``verified-source-code``, ``third-party-observation``,
    #: ``unverified`` or ``not-applicable`` (private messaging, app-only content).
    confidence: RelConfidence = attrs.field(
        validator=_one_of("outbound_rel.confidence", REL_CONFIDENCES)
    )
    #: Where the statement comes from (a citation).
    source: str = attrs.field(validator=_text("outbound_rel.source"))
    #: True when outbound links go through the platform's own redirector, so the
    #: markup never links to the target directly, whatever ``rel`` says.
    wrapped: bool = attrs.field(default=False, validator=_of_type("outbound_rel.wrapped", bool))
    #: The policy in words, with its caveats.
    note: str = attrs.field(default="", validator=_text("outbound_rel.note", empty=True))


@attrs.frozen(slots=True)
class Redirector:
    """A redirect wrapper: a URL on the platform that sends the visitor to another URL."""

    #: The wrapper's host: an exact host (``l.facebook.com``), ``*.domain`` (the domain
    #: and every subdomain) or ``*`` (every host of the platform).
    host: str = attrs.field(validator=_text("redirector.host"))
    #: The path template the wrapper answers on (``/l.php``, ``/{user}/outgoing``, ``/amp/s/**``).
    path: str = attrs.field(validator=_check_template("redirector.path"))
    #: Where the target is: ``param`` (a query parameter), ``query`` (the whole raw
    #: query string), ``path`` (the part of the path matched by ``**``) or ``opaque``
    #: (only an HTTP request would tell; never done).
    target: TargetSource = attrs.field(
        default="param", validator=_one_of("redirector.target", TARGET_SOURCES)
    )
    #: With ``target="param"``: the parameters that carry the target, first present wins.
    params: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, validator=_str_items("redirector.params")
    )
    #: Query parameters that must have these exact values for the URL to be a wrapper.
    require: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_pairs, validator=_str_pairs("redirector.require")
    )
    #: A regular expression removed from the decoded target (Disqus appends ``:<token>``).
    strip: str | None = attrs.field(default=None, validator=_opt_text("redirector.strip"))
    #: The scheme given to a target that has none (``twitch.tv/x`` becomes ``https://twitch.tv/x``).
    scheme: Literal["http", "https"] = attrs.field(
        default="https", validator=_one_of("redirector.scheme", ("http", "https"))
    )
    #: Remarks on the wrapper.
    note: str = attrs.field(default="", validator=_text("redirector.note", empty=True))

    def __attrs_post_init__(self) -> None:
        if self.target == "param" and not self.params:
            raise _fail("redirector.params", self.params, "target='param' needs a parameter")
        if self.target == "path" and not self.path.endswith("/**"):
            raise _fail("redirector.path", self.path, "target='path' needs a path ending in /**")
        if self.strip is not None:
            try:
                re.compile(self.strip)
            except re.error as exc:
                raise _fail(
                    "redirector.strip", self.strip, f"not a regular expression: {exc}"
                ) from None
        host = self.host
        if host != "*":
            normalize_host(host[2:] if host.startswith("*.") else host, "redirector.host")


@attrs.frozen(slots=True)
class PathRule:
    """Classifies a URL of a platform: when the URL fits, it is of kind :attr:`kind`.

    Rules are tried in order; the first that fits wins.  ``{handle}`` in
    :attr:`path`, :attr:`host` or a :attr:`query` value names the account.
    """

    #: The kind of link a fitting URL is.
    kind: MatchKind = attrs.field(validator=_one_of("path.kind", KINDS))
    #: The path template: ``/`` separated segments, each a literal (case-insensitive),
    #: ``*`` (any one segment), a segment with one ``{name}`` or ``{name:digits}``
    #: placeholder (``@{handle}``, ``wall{id}``), or a final ``**`` (anything).
    #: A trailing slash is optional.
    path: str = attrs.field(validator=_check_template("path.path"))
    #: The part of the host left of the platform domain: ``None`` for any, ``""`` for
    #: none, ``{handle}`` for one label naming the account, or literal labels;
    #: alternatives are separated by ``|`` (``"|www|m"``).
    host: str | None = attrs.field(default=None, validator=_opt_text_or_empty("path.host"))
    #: Query parameters the URL must carry: value ``*`` (any non-empty), ``{name}``
    #: (any non-empty; ``{handle}`` names the account) or an exact value.
    query: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_pairs, validator=_str_pairs("path.query")
    )
    #: Only on these registry keys (platform domains, shorteners or hosts); ``()`` for all
    #: but shorteners: on a shortener only the rules that name it apply.
    domains: tuple[str, ...] = attrs.field(default=(), converter=_rule_domains)
    #: How sure a fit makes the platform (below 1 for URL-shape hints).
    confidence: float = attrs.field(
        default=1.0, converter=_to_float, validator=_confidence("path.confidence")
    )

    def __attrs_post_init__(self) -> None:
        if self.host:
            for alternative in self.host.split("|"):
                if alternative and alternative != "{handle}" and not _SUB.match(alternative):
                    raise _fail("path.host", self.host, f"{alternative!r} is not a label")


@attrs.frozen(slots=True)
class Example:
    """A URL of the platform with what :meth:`SocialRegistry.match` must say about it.

    The test suite runs every example of the shipped data.
    """

    #: The URL.
    url: str = attrs.field(validator=_text("example.url"))
    #: The expected :attr:`SocialMatch.kind`; ``None`` when the URL must not match
    #: (for instance a redirect on a platform that is not social).
    kind: MatchKind | None = attrs.field(
        default=None, validator=attrs.validators.optional(_one_of("example.kind", KINDS))
    )
    #: The expected :attr:`SocialMatch.handle`.
    handle: str | None = attrs.field(default=None, validator=_opt_text("example.handle"))
    #: The expected target of :meth:`SocialRegistry.unwrap` (and of the match, for redirects).
    target: str | None = attrs.field(default=None, validator=_opt_text("example.target"))
    #: The expected :attr:`SocialMatch.confidence`.
    confidence: float = attrs.field(
        default=1.0, converter=_to_float, validator=_confidence("example.confidence")
    )


def _check_key(_inst: object, _attr: object, value: Any) -> None:
    if not isinstance(value, str) or not _KEY.match(value):
        raise _fail("key", value, "expected a slug of lower-case letters, digits and '-'")


def _reserved(value: object) -> frozenset[str]:
    items = _strs(value)
    if not isinstance(items, tuple) or not all(isinstance(x, str) for x in items):
        raise InvalidInputError(f"reserved={value!r}: expected a sequence of str")
    return frozenset(x.lower() for x in items)


@attrs.frozen(slots=True, repr=False)
class Platform:
    """A social platform (or, with ``social=False``, a redirect service) and how to recognise it."""

    #: Stable slug (``"facebook"``, ``"x"``); the registry's key.
    key: str = attrs.field(validator=_check_key)
    #: Display name.
    name: str = attrs.field(validator=_text("name"))
    #: One of :data:`CATEGORIES`.
    category: Category = attrs.field(validator=_one_of("category", CATEGORIES))
    #: Registrable domains (or hosts) that identify the platform; every subdomain matches.
    domains: tuple[str, ...] = attrs.field(converter=_domains)
    #: The ``rel`` the platform puts on outbound links, with its confidence and source.
    outbound_rel: OutboundRel = attrs.field(validator=_of_type("outbound_rel", OutboundRel))
    #: When the entry's facts were last checked.
    as_of: datetime.date = attrs.field(
        converter=_to_date, validator=_of_type("as_of", datetime.date)
    )
    #: False for services listed only so :meth:`SocialRegistry.unwrap` can see
    #: through them (a search engine's redirect); such a platform never matches.
    social: bool = attrs.field(default=True, validator=_of_type("social", bool))
    #: Notable hosts (mobile, regional, wrapper hosts).  A host outside :attr:`domains`
    #: (``t.umblr.com``) makes that host and its subdomains match too.
    hosts: tuple[str, ...] = attrs.field(default=(), converter=_notable_hosts)
    #: Short-link hosts: every URL on them is a ``shortlink`` (unless a redirector or
    #: a rule whose ``domains`` names the shortener says otherwise); they match like hosts.
    shorteners: tuple[str, ...] = attrs.field(default=(), converter=_shortener_hosts)
    #: Redirect wrappers.
    redirectors: tuple[Redirector, ...] = attrs.field(
        default=(), converter=_tuple, validator=_items_of("redirectors", Redirector)
    )
    #: Rules that classify the platform's URLs (profile, post, share, embed ...), in order.
    paths: tuple[PathRule, ...] = attrs.field(
        default=(), converter=_tuple, validator=_items_of("paths", PathRule)
    )
    #: URL-shape hints tried on hosts that match no platform (federated platforms);
    #: their confidence is below 1.
    hints: tuple[PathRule, ...] = attrs.field(
        default=(), converter=_tuple, validator=_items_of("hints", PathRule)
    )
    #: Words that are never handles (``home``, ``login``, ``www`` ...), lower case.
    reserved: frozenset[str] = attrs.field(default=frozenset(), converter=_reserved)
    #: True for federated platforms: handles are given as ``user@host``.
    federated: bool = attrs.field(default=False, validator=_of_type("federated", bool))
    #: Example URLs with their expected match (run by the tests).
    examples: tuple[Example, ...] = attrs.field(
        default=(), converter=_tuple, validator=_items_of("examples", Example)
    )
    #: Citations for the entry.
    sources: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, validator=_str_items("sources")
    )
    #: Remarks (caveats, what is not covered).
    notes: str = attrs.field(default="", validator=_text("notes", empty=True))

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
        except RegistryDataError as exc:
            raise RegistryDataError(f"platform {where}: {exc}") from None
        except (InvalidValueError, InvalidInputError) as exc:
            raise RegistryDataError(f"platform {where}: {exc}") from None
        except TypeError as exc:  # a missing or unexpected argument
            raise RegistryDataError(f"platform {where}: {exc}") from None

    def __repr__(self) -> str:
        return f"Platform(key={self.key!r}, name={self.name!r}, category={self.category!r})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the platform (inverse of :meth:`from_dict`)."""
        rel = self.outbound_rel
        out: dict[str, Any] = {
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
        return out


_PLATFORM_FIELDS = frozenset(f.name for f in attrs.fields(Platform))
_REDIRECTOR_FIELDS = frozenset(f.name for f in attrs.fields(Redirector))
_RULE_FIELDS = frozenset(f.name for f in attrs.fields(PathRule))
_EXAMPLE_FIELDS = frozenset(f.name for f in attrs.fields(Example))
_REL_FIELDS = frozenset(f.name for f in attrs.fields(OutboundRel))


def _sub_objects(
    data: Mapping[str, Any], field: str, cls: type, allowed: frozenset[str]
) -> list[Any]:
    items = data.get(field, [])
    if not isinstance(items, list):
        raise RegistryDataError(f"field {field!r}: expected a list, got {items!r:.60}")
    built = []
    for position, item in enumerate(items):
        where = f"{field}[{position}]"
        if not isinstance(item, Mapping):
            raise RegistryDataError(f"field {where!r}: expected an object, got {item!r:.60}")
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise RegistryDataError(f"field {where!r}: unknown field(s) {', '.join(unknown)}")
        try:
            built.append(cls(**item))
        except (InvalidValueError, InvalidInputError, TypeError) as exc:
            raise RegistryDataError(f"field {where!r}: {exc}") from None
    return built


_NESTED = frozenset({"outbound_rel", "redirectors", "paths", "hints", "examples"})


def _platform_from_dict(data: Mapping[str, Any]) -> Platform:
    # Plain fields first, so that a wrong category is reported before a missing
    # object further down.
    for field in attrs.fields(Platform):
        if field.name in _NESTED or field.name not in data:
            continue
        value = data[field.name]
        if field.converter is not None:
            value = field.converter(value)  # type: ignore[operator]
        if field.validator is not None:
            field.validator(None, field, value)
    rel = data.get("outbound_rel")
    if not isinstance(rel, Mapping):
        raise RegistryDataError(f"field 'outbound_rel': expected an object, got {rel!r:.60}")
    unknown = sorted(set(rel) - _REL_FIELDS)
    if unknown:
        raise RegistryDataError(f"field 'outbound_rel': unknown field(s) {', '.join(unknown)}")
    try:
        outbound = OutboundRel(**rel)
    except (InvalidValueError, InvalidInputError, TypeError) as exc:
        raise RegistryDataError(f"field 'outbound_rel': {exc}") from None
    fields = dict(data)
    fields["outbound_rel"] = outbound
    fields["redirectors"] = _sub_objects(data, "redirectors", Redirector, _REDIRECTOR_FIELDS)
    fields["paths"] = _sub_objects(data, "paths", PathRule, _RULE_FIELDS)
    fields["hints"] = _sub_objects(data, "hints", PathRule, _RULE_FIELDS)
    fields["examples"] = _sub_objects(data, "examples", Example, _EXAMPLE_FIELDS)
    for name in ("domains", "hosts", "shorteners", "reserved", "sources"):
        if name in fields and not isinstance(fields[name], list):
            raise RegistryDataError(f"field {name!r}: expected a list, got {fields[name]!r:.60}")
    return Platform(**fields)


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


@attrs.frozen(slots=True)
class SocialMatch:
    """What :meth:`SocialRegistry.match` found out about a URL."""

    #: The platform the URL belongs to.
    platform: Platform = attrs.field(validator=_of_type("platform", Platform))
    #: ``profile``, ``post``, ``share`` (a share intent), ``embed``, ``shortlink``,
    #: ``redirect`` (a redirect wrapper) or ``other``.
    kind: MatchKind = attrs.field(validator=_one_of("kind", KINDS))
    #: The account the URL names (``user@host`` on federated platforms), else ``None``.
    handle: str | None = attrs.field(default=None, validator=_opt_text("handle"))
    #: For redirects: the final target, unwrapped through nested wrappers (``None``
    #: when the wrapper carries no usable target or is opaque).
    target: str | None = attrs.field(default=None, validator=_opt_text("target"))
    #: How sure the platform is: 1.0 for a host match, lower for a URL-shape hint.
    confidence: float = attrs.field(
        default=1.0, converter=_to_float, validator=_confidence("confidence")
    )


@attrs.frozen(slots=True)
class ClaimedProfile:
    """A profile a page declares as its own (see :mod:`backlinkkit.profiles`)."""

    #: The profile URL, WHATWG-serialized.
    url: str = attrs.field(validator=_text("url"))
    #: Where the claim comes from: ``json-ld`` (``sameAs``), ``rel-me``,
    #: ``twitter:site`` or ``twitter:creator``.
    source: ProfileSource = attrs.field(validator=_one_of("source", PROFILE_SOURCES))
    #: The platform match of :attr:`url`, or ``None`` when no platform is recognised.
    match: SocialMatch | None = attrs.field(
        validator=attrs.validators.optional(_of_type("match", SocialMatch))
    )


# --------------------------------------------------------------------------- compiled form


class _Redirect:
    __slots__ = (
        "any_host",
        "exact",
        "mode",
        "params",
        "regex",
        "require",
        "scheme",
        "strip",
        "suffix",
    )

    def __init__(self, spec: Redirector) -> None:
        host = spec.host
        self.any_host = host == "*"
        self.suffix = normalize_host(host[2:]) if host.startswith("*.") else None
        self.exact = None if self.any_host or self.suffix else normalize_host(host)
        self.regex = _compile_path(spec.path, "redirector.path")
        self.mode = spec.target
        self.params = spec.params
        self.require = spec.require
        self.strip = re.compile(spec.strip) if spec.strip else None
        self.scheme = spec.scheme

    def host_fits(self, host: str) -> bool:
        if self.any_host:
            return True
        if self.exact is not None:
            return host == self.exact
        suffix = self.suffix
        assert suffix is not None
        return host == suffix or host.endswith("." + suffix)


class _Rule:
    __slots__ = (
        "confidence",
        "domains",
        "host_handle",
        "hosts",
        "kind",
        "needle",
        "query",
        "regex",
    )

    def __init__(self, spec: PathRule) -> None:
        self.kind = spec.kind
        self.regex = _compile_path(spec.path, "path.path")
        self.confidence = spec.confidence
        self.domains = frozenset(spec.domains)
        self.query = spec.query
        if spec.host is None:
            self.hosts: frozenset[str] | None = None
            self.host_handle = False
        else:
            alternatives = spec.host.split("|")
            self.host_handle = "{handle}" in alternatives
            self.hosts = frozenset(a for a in alternatives if a != "{handle}")
        literal = spec.path.split("{", 1)[0].split("*", 1)[0]
        self.needle = literal.lower() if len(literal) > 1 else ""


class _Compiled:
    __slots__ = ("federated", "platform", "redirects", "reserved", "rules", "shorteners")

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.shorteners = frozenset(platform.shorteners)
        self.redirects = tuple(_Redirect(r) for r in platform.redirectors)
        self.rules = tuple(_Rule(r) for r in platform.paths)
        self.reserved = platform.reserved
        self.federated = platform.federated


class _Lazy:
    """The query pairs of one URL, parsed on first use."""

    __slots__ = ("_pairs", "query")

    def __init__(self, query: str) -> None:
        self.query = query
        self._pairs: dict[str, str] | None = None

    def get(self) -> dict[str, str]:
        if self._pairs is None:
            self._pairs = _query_pairs(self.query) if self.query else {}
        return self._pairs


def _decode_target(value: str) -> str:
    for _ in range(4):
        encoded = _ENCODED.match(value) is not None
        # A target without a scheme whose slashes are all encoded ("twitch.tv%2Fx").
        bare = not _SCHEME.match(value) and "/" not in value and "%2f" in value.lower()
        if not (encoded or bare):
            break
        value = _percent_decode(value)
    return value


def _finish_target(value: str, scheme: str, base: str) -> str | None:
    value = value.strip(" \t\n\r\x0c\x00")
    if not value:
        return None
    scheme_match = _SCHEME.match(value)
    if scheme_match and "." not in scheme_match.group(1):
        candidate = value
    elif value.startswith("//"):
        candidate = f"{scheme}:{value}"
    elif value.startswith("/"):
        try:
            href: str = URL(value, base=base).href
        except ValueError:
            return None
        return href if href.startswith(("https://", "http://")) else None
    elif _HOSTLIKE.match(value):
        candidate = f"{scheme}://{value}"
    else:
        return None
    try:
        href = parse_url(candidate, _HREF)["href"]
    except ValueError:
        return None
    return href if href.startswith(("https://", "http://")) else None


def _target_of(
    red: _Redirect, found: re.Match[str], href: str, query: _Lazy, fragment: str
) -> str | None:
    mode = red.mode
    if mode == "param":
        pairs = query.get()
        raw = None
        for name in red.params:
            value = pairs.get(name)
            if value:
                raw = value
                break
        if raw is None:
            return None
        value = raw if _RAW_ABSOLUTE.match(raw) else _form_decode(raw)
    elif mode == "query":
        value = query.query[1:] + fragment
    elif mode == "path":
        rest = found.group("rest") or ""
        value = rest[1:] + query.query + fragment
    else:  # opaque
        return None
    value = _decode_target(value)
    if red.strip is not None:
        value = red.strip.sub("", value)
    return _finish_target(value, red.scheme, href)


# --------------------------------------------------------------------------- registry


def _registry_platforms(value: object) -> tuple[Platform, ...]:
    if isinstance(value, Platform):
        return (value,)
    if not isinstance(value, Iterable) or isinstance(value, (str, bytes, Mapping)):
        raise InvalidInputError(f"platforms={value!r:.60}: expected a sequence of Platform")
    items = tuple(value)
    for item in items:
        if not isinstance(item, Platform):
            raise InvalidInputError(f"platforms: {item!r:.60} is not a Platform")
    return items


def _check_max_unwrap(_inst: object, _attr: object, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 64:
        raise _fail("max_unwrap", value, "expected an int from 1 to 64")


@attrs.frozen(slots=True)
class SocialRegistry:
    """An immutable set of platforms, with a prebuilt host index.

    Build one with :func:`default_registry`, :meth:`from_file`, :meth:`from_json`
    or the constructor; :meth:`with_platforms` and :meth:`without` return new
    registries.  Raises :class:`~backlinkkit.errors.RegistryDataError` when two
    platforms claim the same key or host.
    """

    #: The platforms, in order.
    platforms: tuple[Platform, ...] = attrs.field(default=(), converter=_registry_platforms)
    #: How many nested redirect wrappers :meth:`unwrap` peels at most.
    max_unwrap: int = attrs.field(default=DEFAULT_MAX_UNWRAP, validator=_check_max_unwrap)
    _index: dict[str, _Compiled] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _hints: tuple[tuple[_Compiled, _Rule], ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _by_key: dict[str, Platform] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _needles: re.Pattern[str] | None = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, _Compiled] = {}
        by_key: dict[str, Platform] = {}
        hints: list[tuple[_Compiled, _Rule]] = []
        for platform in self.platforms:
            if platform.key in by_key:
                raise RegistryDataError(f"platform {platform.key!r}: field 'key': listed twice")
            by_key[platform.key] = platform
            compiled = _Compiled(platform)
            own = set(platform.domains)
            extra = [*platform.shorteners, *platform.hosts]
            extra += [r.host for r in platform.redirectors if r.host != "*"]
            keys = list(platform.domains)
            for host in extra:
                host = host[2:] if host.startswith("*.") else host
                if not any(host == d or host.endswith("." + d) for d in own):
                    keys.append(host)
            keys.extend(h for h in platform.shorteners if h not in keys)
            for key in keys:
                other = index.get(key)
                if other is not None and other.platform.key != platform.key:
                    raise RegistryDataError(
                        f"platform {platform.key!r}: field 'domains': {key!r} already belongs "
                        f"to platform {other.platform.key!r}"
                    )
                index[key] = compiled
            if platform.social:  # a platform that never matches offers no hints either
                hints.extend((compiled, _Rule(rule)) for rule in platform.hints)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_hints", tuple(hints))
        object.__setattr__(self, "_by_key", by_key)
        # Literal path prefixes of the hints: a URL whose text contains none of them
        # cannot fit a hint.  None when some hint has no usable literal prefix.
        needles = sorted({rule.needle for _compiled, rule in hints})
        if not needles:
            pattern = None
        elif "" in needles:
            pattern = re.compile("")  # some hint has no literal prefix: always try the hints
        else:
            pattern = re.compile("|".join(map(re.escape, needles)), re.I | re.A)
        object.__setattr__(self, "_needles", pattern)

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "<json>") -> SocialRegistry:
        """A registry of the platforms in a JSON document.

        The document is ``{"platforms": [...]}`` (the format of the shipped
        ``platforms.json``, see ``docs/social.md``) or the bare list.  Raises
        :class:`~backlinkkit.errors.RegistryDataError` naming the entry and field
        when the data is malformed.
        """
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
        try:
            return cls(platforms)
        except RegistryDataError as exc:
            raise RegistryDataError(f"{source}: {exc}") from None

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> SocialRegistry:
        """A registry of the platforms in the JSON file at *path* (read, never written).

        Combine with the defaults through
        ``default_registry().with_platforms(*SocialRegistry.from_file(path).platforms)``.
        """
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        return cls.from_json(text, source=str(path))

    def with_platforms(self, *platforms: Platform) -> SocialRegistry:
        """A new registry with *platforms* added; one with an existing key replaces it."""
        for platform in platforms:
            if not isinstance(platform, Platform):
                raise InvalidInputError(f"platforms: {platform!r:.60} is not a Platform")
        replaced = {p.key: p for p in platforms}
        kept = [replaced.pop(p.key, p) for p in self.platforms]
        return SocialRegistry([*kept, *replaced.values()], max_unwrap=self.max_unwrap)

    def without(self, *keys: str) -> SocialRegistry:
        """A new registry without the platforms whose keys are given."""
        drop = set(keys)
        return SocialRegistry(
            [p for p in self.platforms if p.key not in drop], max_unwrap=self.max_unwrap
        )

    def get(self, key: str) -> Platform | None:
        """The platform with *key*, or ``None``."""
        return self._by_key.get(key)

    # ------------------------------------------------------------------ matching

    def _lookup(self, host: str) -> tuple[_Compiled, str] | None:
        index = self._index
        candidate = host
        while True:
            compiled = index.get(candidate)
            if compiled is not None:
                return compiled, candidate
            dot = candidate.find(".")
            if dot < 0:
                return None
            candidate = candidate[dot + 1 :]

    def match(self, url: str) -> SocialMatch | None:
        """The platform and kind of *url*, or ``None`` when it is not a social link.

        Never raises on any string (unparseable or non-http(s) URLs give
        ``None``); raises :class:`~backlinkkit.errors.InvalidInputError` when
        *url* is not a ``str``.  Platforms with ``social=False`` never match:
        use ``registry.match(registry.unwrap(url))`` to look through them.
        """
        if not isinstance(url, str):
            raise InvalidInputError(f"url={url!r:.60}: expected str, got {type(url).__name__}")
        host = _plain_host(url)
        if host is not None and self._lookup(host) is None:
            needles = self._needles
            if needles is None or needles.search(url) is None:
                return None
        return self._match_exact(url)

    def _match_exact(self, url: str) -> SocialMatch | None:
        parts = _split(url)
        if parts is None:
            return None
        href, host, path, query, fragment = parts
        found = self._lookup(host)
        if found is None:
            if self._hints:
                return self._hint(host, path)
            return None
        compiled, key = found
        if not compiled.platform.social:
            return None
        return self._classify(compiled, key, href, host, path, _Lazy(query), fragment)

    def _classify(
        self,
        compiled: _Compiled,
        key: str,
        href: str,
        host: str,
        path: str,
        query: _Lazy,
        fragment: str,
    ) -> SocialMatch:
        platform = compiled.platform
        for red in compiled.redirects:
            if not red.host_fits(host):
                continue
            fits = red.regex.match(path)
            if fits is None or not _requirements_met(red.require, query):
                continue
            target = _target_of(red, fits, href, query, fragment)
            if target is not None:
                target = self._unwrap(target, self.max_unwrap - 1)
            return SocialMatch(platform, "redirect", None, target, 1.0)
        sub = host[: len(host) - len(key) - 1] if len(host) > len(key) else ""
        if path == "/" and fragment.startswith("#!/"):
            # A "hashbang" URL (twitter.com/#!/user, c. 2010-2012): the page is in the fragment.
            path, _, rest = fragment[2:].partition("?")
            query = _Lazy("?" + rest if rest else "")
        if key in compiled.shorteners:
            for rule in compiled.rules:
                if key in rule.domains:
                    result = self._apply(compiled, rule, key, sub, host, path, query)
                    if result is not None:
                        return result
            return SocialMatch(platform, "shortlink", None, None, 1.0)
        for rule in compiled.rules:
            result = self._apply(compiled, rule, key, sub, host, path, query)
            if result is not None:
                return result
        return SocialMatch(platform, "other", None, None, 1.0)

    def _apply(
        self,
        compiled: _Compiled,
        rule: _Rule,
        key: str,
        sub: str,
        host: str,
        path: str,
        query: _Lazy,
    ) -> SocialMatch | None:
        if rule.domains and key not in rule.domains:
            return None
        handle: str | None = None
        if rule.hosts is not None or rule.host_handle:
            if rule.hosts is not None and sub in rule.hosts:
                pass
            elif rule.host_handle and sub and "." not in sub and sub not in compiled.reserved:
                handle = sub
            else:
                return None
        fits = rule.regex.match(path)
        if fits is None:
            return None
        if "handle" in fits.re.groupindex:
            handle = _percent_decode(fits.group("handle"))
        if rule.query:
            pairs = query.get()
            for name, expected in rule.query:
                raw = pairs.get(name)
                if not raw:
                    return None
                value = _form_decode(raw)
                if expected == "{handle}":
                    handle = value
                elif expected == "*" or (expected.startswith("{") and expected.endswith("}")):
                    continue
                elif value != expected:
                    return None
        if handle is not None:
            if not handle.strip() or handle.lower() in compiled.reserved:
                return None
            if compiled.federated:
                handle = f"{handle}@{host}"
        return SocialMatch(compiled.platform, rule.kind, handle, None, rule.confidence)

    def _hint(self, host: str, path: str) -> SocialMatch | None:
        lowered = path.lower()
        for compiled, rule in self._hints:
            if rule.needle and rule.needle not in lowered:
                continue
            result = self._apply(compiled, rule, host, "", host, path, _Lazy(""))
            if result is not None:
                return result
        return None

    # ------------------------------------------------------------------ unwrapping

    def unwrap(self, url: str) -> str:
        """The final target behind redirect wrappers, offline.

        Wrappers are peeled repeatedly (a Google redirect to a Facebook
        redirect ...), at most :attr:`max_unwrap` times.  Targets are decoded
        (double encoding included), given a scheme when they lack one, and
        returned WHATWG-serialized; only http(s) targets are followed.  A URL
        that is not a wrapper, an opaque short link (``t.co/abc``) and an
        unparseable string come back unchanged.  Never raises on a ``str``.
        """
        if not isinstance(url, str):
            raise InvalidInputError(f"url={url!r:.60}: expected str, got {type(url).__name__}")
        host = _plain_host(url)
        if host is not None and self._lookup(host) is None:
            return url
        return self._unwrap(url, self.max_unwrap)

    def landing(self, url: str) -> tuple[str, str | None]:
        """Where *url* lands behind redirect wrappers, and the key of the outermost wrapper.

        ``(url, None)`` when *url* is not a wrapper (or its target cannot be read).

        >>> default_registry().landing("https://www.google.com/url?q=https://example.com/guide")
        ('https://example.com/guide', 'google')
        >>> default_registry().landing("https://example.com/")
        ('https://example.com/', None)
        """
        unwrapped = self.unwrap(url)
        if unwrapped == url:
            return url, None
        parts = _split(url)
        found = self._lookup(parts[1]) if parts is not None else None
        return unwrapped, (found[0].platform.key if found is not None else None)

    def _unwrap(self, url: str, depth: int) -> str:
        current = url
        for _ in range(depth):
            target = self._peel(current)
            if target is None:
                break
            current = target
        return current

    def _peel(self, url: str) -> str | None:
        parts = _split(url)
        if parts is None:
            return None
        href, host, path, query, fragment = parts
        found = self._lookup(host)
        if found is None:
            return None
        lazy = _Lazy(query)
        for red in found[0].redirects:
            if not red.host_fits(host):
                continue
            fits = red.regex.match(path)
            if fits is None or not _requirements_met(red.require, lazy):
                continue
            return _target_of(red, fits, href, lazy, fragment)
        return None


def _requirements_met(require: tuple[tuple[str, str], ...], query: _Lazy) -> bool:
    if not require:
        return True
    pairs = query.get()
    for name, expected in require:
        raw = pairs.get(name)
        if raw is None or _form_decode(raw) != expected:
            return False
    return True


@functools.cache
def default_registry() -> SocialRegistry:
    """The registry of the platforms shipped in ``backlinkkit/data/platforms.json``.

    Built on first use from the package data (read-only) and shared after that;
    it is immutable, so sharing is safe.
    """
    text = resources.files("backlinkkit").joinpath("data/platforms.json").read_text("utf-8")
    return SocialRegistry.from_json(text, source="backlinkkit/data/platforms.json")
