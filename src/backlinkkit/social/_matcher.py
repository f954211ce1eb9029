"""The compiled form of a registry: the host index, the rules, and the one peel loop.

:class:`Matcher` is built once per :class:`~backlinkkit.social.SocialRegistry`.
A URL is looked up by walking its host's suffixes in one dict; its platform's
redirect wrappers are tried first (:func:`_fitting_redirect`, the only place
that decides whether a URL is a wrapper), then its path rules.  Peeling
nested wrappers is one loop, :meth:`Matcher.peel`, which ``match`` (for a
redirect's final target), ``unwrap`` and ``landing`` all use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ada_url import URL, parse_url

from .._infra import ASCII_WHITESPACE
from ..errors import RegistryDataError
from ..urls import (
    form_decode,
    normalize_host,
    percent_decode,
    plain_host,
    query_pairs,
    split_http_url,
)
from ._template import compile_template
from .schema import PathRule, Platform, Redirector
from .values import SocialMatch

__all__ = ["Matcher"]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_ENCODED = re.compile(r"(?i)(?:[a-z][a-z0-9+.\-]*%(?:25)*3a|(?:%(?:25)*2f){2})")
_HOSTLIKE = re.compile(r"[^/?#\s:@]*[A-Za-z0-9]\.[A-Za-z0-9][^/?#\s@]*(?:[/?#]|\Z)")
#: Stripped around a target before it is read: ASCII whitespace and NUL.
_TARGET_TRIM = ASCII_WHITESPACE + "\x00"
_HREF = ("href",)
#: A locale label of a host, language-region (``fr-fr.facebook.com``, ``es-la``, ``zh-hant-tw``).
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,4}){1,2}\Z")
_HOST_PLACEHOLDERS = frozenset({"{handle}", "{locale}"})
#: A fragment that carries the page ("hashbang" URLs), as written or with "!" percent-encoded.
_HASHBANG = ("#!/", "#%21/")


# --------------------------------------------------------------------------- compiled entries


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
        self.regex = compile_template(spec.path, "Redirector.path")
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
        "host_locale",
        "hosts",
        "kind",
        "needle",
        "query",
        "regex",
        "unnamed",
    )

    def __init__(self, spec: PathRule, platform: Platform) -> None:
        self.kind = spec.kind
        #: The (immutable, so shared) match of a fitting URL that names no account.
        self.unnamed = SocialMatch(platform, spec.kind, None, None, spec.confidence)
        self.regex = compile_template(spec.path, "PathRule.path")
        self.confidence = spec.confidence
        self.domains = frozenset(spec.domains)
        self.query = spec.query
        if spec.host is None:
            self.hosts: frozenset[str] | None = None
            self.host_handle = self.host_locale = False
        else:
            alternatives = spec.host.split("|")
            self.host_handle = "{handle}" in alternatives
            self.host_locale = "{locale}" in alternatives
            self.hosts = frozenset(a for a in alternatives if a not in _HOST_PLACEHOLDERS)
        literal = spec.path.split("{", 1)[0].split("*", 1)[0]
        self.needle = literal.lower() if len(literal) > 1 else ""


class _Compiled:
    __slots__ = (
        "federated",
        "handle_syntax",
        "other",
        "platform",
        "redirects",
        "reserved",
        "rules",
        "shorteners",
        "shortlink",
        "unreadable_redirect",
    )

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.shorteners = frozenset(platform.shorteners)
        self.redirects = tuple(_Redirect(r) for r in platform.redirectors)
        self.rules = tuple(_Rule(r, platform) for r in platform.paths)
        self.reserved = platform.reserved
        self.federated = platform.federated
        syntax = platform.handle_syntax
        self.handle_syntax = None if syntax is None else re.compile(syntax)
        # The matches that depend on the platform alone, built once (they are immutable).
        self.other = SocialMatch(platform, "other", None, None, 1.0)
        self.shortlink = SocialMatch(platform, "shortlink", None, None, 1.0)
        self.unreadable_redirect = SocialMatch(platform, "redirect", None, None, 1.0)


class _Lazy:
    """The query pairs of one URL, parsed on first use."""

    __slots__ = ("_pairs", "query")

    def __init__(self, query: str) -> None:
        self.query = query
        self._pairs: dict[str, str] | None = None

    def get(self) -> dict[str, str]:
        if self._pairs is None:
            self._pairs = query_pairs(self.query) if self.query else {}
        return self._pairs


# --------------------------------------------------------------------------- redirect targets


def _requirements_met(require: tuple[tuple[str, str], ...], query: _Lazy) -> bool:
    if not require:
        return True
    pairs = query.get()
    for name, expected in require:
        raw = pairs.get(name)
        if raw is None or form_decode(raw) != expected:
            return False
    return True


def _fitting_redirect(
    compiled: _Compiled, host: str, path: str, query: _Lazy
) -> tuple[_Redirect, re.Match[str]] | None:
    """The first redirect wrapper of *compiled* that the URL fits, with its path match."""
    for red in compiled.redirects:
        if not red.host_fits(host):
            continue
        fits = red.regex.match(path)
        if fits is None or not _requirements_met(red.require, query):
            continue
        return red, fits
    return None


def _decode_target(value: str) -> str:
    for _ in range(4):
        encoded = _ENCODED.match(value) is not None
        # A target without a scheme whose slashes are all encoded ("twitch.tv%2Fx").
        bare = not _SCHEME.match(value) and "/" not in value and "%2f" in value.lower()
        if not (encoded or bare):
            break
        value = percent_decode(value)
    return value


def _finish_target(value: str, scheme: str, base: str) -> str | None:
    value = value.strip(_TARGET_TRIM)
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
        # Exactly as URLSearchParams reads it: form-decoded once, whether or not the
        # target is written raw (``?q=https://example.com/?x=1%26y=2``).
        value = form_decode(raw)
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


# --------------------------------------------------------------------------- the matcher


class Matcher:
    """The host index and compiled rules of *platforms*.

    Raises :class:`~backlinkkit.errors.RegistryDataError` when two platforms
    claim the same key or host.  Every method takes a ``str`` (the registry
    checks the type) and never raises on one.
    """

    __slots__ = ("_hints", "_index", "_needles", "max_unwrap")

    def __init__(self, platforms: Iterable[Platform], max_unwrap: int) -> None:
        self.max_unwrap = max_unwrap
        index: dict[str, _Compiled] = {}
        keys_seen: set[str] = set()
        hints: list[tuple[_Compiled, _Rule]] = []
        for platform in platforms:
            if platform.key in keys_seen:
                raise RegistryDataError(f"platform {platform.key!r}: field 'key': listed twice")
            keys_seen.add(platform.key)
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
                hints.extend((compiled, _Rule(rule, platform)) for rule in platform.hints)
        self._index = index
        self._hints = tuple(hints)
        # Literal path prefixes of the hints: a URL whose text contains none of them
        # cannot fit a hint.  None when there is no hint.
        needles = sorted({rule.needle for _compiled, rule in hints})
        if not needles:
            self._needles: re.Pattern[str] | None = None
        elif "" in needles:
            self._needles = re.compile("")  # some hint has no literal prefix: always try
        else:
            self._needles = re.compile("|".join(map(re.escape, needles)), re.I | re.A)

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

    # ------------------------------------------------------------------ matching

    def match(self, url: str) -> SocialMatch | None:
        """:meth:`match_exact`, skipping the parse for plain URLs of no platform."""
        host = plain_host(url)
        if host is not None and self._lookup(host) is None:  # no platform's: no parse needed
            needles = self._needles
            if needles is None or needles.search(url) is None:
                return None
        return self.match_exact(url)

    def match_exact(self, url: str) -> SocialMatch | None:
        """The platform match of *url*, always through the full WHATWG parse."""
        parts = split_http_url(url)
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
        lazy = _Lazy(query)
        wrapper = _fitting_redirect(compiled, host, path, lazy)
        if wrapper is not None:
            target = _target_of(*wrapper, href, lazy, fragment)
            if target is None:
                return compiled.unreadable_redirect
            target = self.peel(target, self.max_unwrap - 1)[0]
            return SocialMatch(compiled.platform, "redirect", None, target, 1.0)
        return self._classify(compiled, key, host, path, lazy, fragment)

    def _classify(
        self, compiled: _Compiled, key: str, host: str, path: str, query: _Lazy, fragment: str
    ) -> SocialMatch:
        sub = host[: len(host) - len(key) - 1] if len(host) > len(key) else ""
        if path == "/" and fragment.startswith(_HASHBANG):
            # A "hashbang" URL (twitter.com/#!/user, c. 2010-2012): the page is in the fragment.
            path, _, rest = fragment[fragment.find("/") :].partition("?")
            query = _Lazy("?" + rest if rest else "")
        if key in compiled.shorteners:
            for rule in compiled.rules:
                if key in rule.domains:
                    result = self._apply(compiled, rule, key, sub, host, path, query)
                    if result is not None:
                        return result
            return compiled.shortlink
        for rule in compiled.rules:
            result = self._apply(compiled, rule, key, sub, host, path, query)
            if result is not None:
                return result
        return compiled.other

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
        if rule.hosts is not None:
            if sub in rule.hosts or (rule.host_locale and _LOCALE.match(sub) is not None):
                pass
            elif rule.host_handle and sub and "." not in sub and sub not in compiled.reserved:
                handle = sub
            else:
                return None
        fits = rule.regex.match(path)
        if fits is None:
            return None
        if "handle" in fits.re.groupindex:
            handle = percent_decode(fits.group("handle"))
        if rule.query:
            pairs = query.get()
            for name, expected in rule.query:
                raw = pairs.get(name)
                if not raw:
                    return None
                value = form_decode(raw)
                if expected == "{handle}":
                    handle = value
                elif expected == "*" or (expected.startswith("{") and expected.endswith("}")):
                    continue
                elif value != expected:
                    return None
        if handle is None:
            return rule.unnamed
        if handle.startswith("@"):  # the mention sigil (x.com/@name), never part of a handle
            handle = handle[1:]
        if not handle.strip() or handle.lower() in compiled.reserved:
            return None
        syntax = compiled.handle_syntax
        if syntax is not None and syntax.fullmatch(handle) is None:
            return None
        if compiled.federated and "@" not in handle:  # "@user@server" names a remote account
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

    # ------------------------------------------------------------------ peeling

    def match_landing(self, url: str) -> tuple[SocialMatch | None, str, str | None]:
        """:meth:`match` and :meth:`landing` of *url* at once, with one host look-up for the
        plain URLs of no platform (most links): ``(match, landing URL, wrapper key)``.

        A social redirect lands on the target its match carries; a share button lands on
        the platform; anything else on what :meth:`landing` peels.
        """
        host = plain_host(url)
        if host is not None and self._lookup(host) is None:  # no platform's: no parse needed
            needles = self._needles
            if needles is None or needles.search(url) is None:
                return None, url, None
            return self.match_exact(url), url, None
        found = self.match_exact(url)
        if found is not None:
            if found.kind == "redirect" and found.target:
                return found, found.target, found.platform.key
            if found.kind == "share":
                return found, url, None
        landing, outermost = self.landing(url)
        return found, landing, outermost

    def unwrap(self, url: str) -> str:
        """:meth:`landing` without the key."""
        host = plain_host(url)
        if host is not None and self._lookup(host) is None:  # no platform's: no parse needed
            return url
        return self.peel(url, self.max_unwrap)[0]

    def landing(self, url: str) -> tuple[str, str | None]:
        """:meth:`peel` with the registry's depth, skipping the parse for plain URLs of
        no platform; ``(url, None)`` when nothing changed."""
        host = plain_host(url)
        if host is not None and self._lookup(host) is None:  # no platform's: no parse needed
            return url, None
        landing, outermost = self.peel(url, self.max_unwrap)
        if landing == url:
            return url, None
        return landing, outermost

    def peel(self, url: str, depth: int) -> tuple[str, str | None]:
        """*url* with at most *depth* redirect wrappers peeled, and the platform key of the
        outermost wrapper peeled (``None`` when none was)."""
        current, outermost = url, None
        for _ in range(depth):
            parts = split_http_url(current)
            if parts is None:
                break
            href, host, path, query, fragment = parts
            found = self._lookup(host)
            if found is None:
                break
            compiled = found[0]
            lazy = _Lazy(query)
            wrapper = _fitting_redirect(compiled, host, path, lazy)
            if wrapper is None:
                break
            target = _target_of(*wrapper, href, lazy, fragment)
            if target is None:
                break
            if outermost is None:
                outermost = compiled.platform.key
            current = target
        return current, outermost
