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

The package: :mod:`~backlinkkit.social.schema` (the entries and their JSON
form), :mod:`~backlinkkit.social.values` (:class:`SocialMatch`), and the
compiled matcher behind :class:`SocialRegistry`.  The shipped data is
``backlinkkit/social/platforms.json`` (see ``docs/social.md`` for its format,
the sources and the full table of platforms).
"""

from __future__ import annotations

import functools
from importlib import resources
from os import PathLike
from typing import Any

import attrs

from .._validate import integer, items_of, to_tuple, type_error
from ..errors import InvalidInputError, RegistryDataError
from ..urls import normalize_host
from ._matcher import Matcher
from .schema import (
    CATEGORIES,
    KINDS,
    REL_CONFIDENCES,
    Example,
    MatchKind,
    OutboundRel,
    PathRule,
    Platform,
    Redirector,
    platforms_from_file,
    platforms_from_json,
)
from .values import SocialMatch

__all__ = [
    "CATEGORIES",
    "DEFAULT_MAX_UNWRAP",
    "KINDS",
    "REL_CONFIDENCES",
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

#: How many redirect wrappers :meth:`SocialRegistry.unwrap` peels at most.
DEFAULT_MAX_UNWRAP = 8

#: Where the shipped data is, inside the package.
_DATA = "platforms.json"


def _to_platforms(value: Any) -> Any:
    return (value,) if isinstance(value, Platform) else to_tuple(value)


def _not_a_str(url: object) -> InvalidInputError:
    return type_error("url", url, "str")


@attrs.frozen(slots=True)
class SocialRegistry:
    """An immutable set of platforms, with a prebuilt host index.

    Build one with :func:`default_registry`, :meth:`from_file`, :meth:`from_json`
    or the constructor; :meth:`with_platforms` and :meth:`without` return new
    registries.  Raises :class:`~backlinkkit.errors.RegistryDataError` when two
    platforms claim the same key or host.
    """

    #: The platforms, in order.
    platforms: tuple[Platform, ...] = attrs.field(
        default=(), converter=_to_platforms, validator=items_of(Platform)
    )
    #: How many nested redirect wrappers :meth:`unwrap` peels at most.
    max_unwrap: int = attrs.field(default=DEFAULT_MAX_UNWRAP, validator=integer(1, 64))
    _matcher: Matcher = attrs.field(init=False, repr=False, eq=False, hash=False)
    _by_key: dict[str, Platform] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_matcher", Matcher(self.platforms, self.max_unwrap))
        object.__setattr__(self, "_by_key", {p.key: p for p in self.platforms})

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "<json>") -> SocialRegistry:
        """A registry of the platforms in a JSON document.

        The document is ``{"platforms": [...]}`` (the format of the shipped
        ``platforms.json``, see ``docs/social.md``) or the bare list.  Raises
        :class:`~backlinkkit.errors.RegistryDataError` naming the entry and field
        when the data is malformed.
        """
        platforms = platforms_from_json(text, source=source)
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
        platforms = platforms_from_file(path)
        try:
            return cls(platforms)
        except RegistryDataError as exc:
            raise RegistryDataError(f"{path}: {exc}") from None

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

    # ------------------------------------------------------------------ looking up

    def match(self, url: str) -> SocialMatch | None:
        """The platform and kind of *url*, or ``None`` when it is not a social link.

        Never raises on any string (unparseable or non-http(s) URLs give
        ``None``); raises :class:`~backlinkkit.errors.InvalidInputError` when
        *url* is not a ``str``.  Platforms with ``social=False`` never match:
        use ``registry.match(registry.unwrap(url))`` to look through them.
        """
        if not isinstance(url, str):
            raise _not_a_str(url)
        return self._matcher.match(url)

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
            raise _not_a_str(url)
        return self._matcher.unwrap(url)

    def landing(self, url: str) -> tuple[str, str | None]:
        """Where *url* lands behind redirect wrappers, and the key of the outermost wrapper.

        ``(url, None)`` when *url* is not a wrapper (or its target cannot be read).

        >>> default_registry().landing("https://www.google.com/url?q=https://example.com/guide")
        ('https://example.com/guide', 'google')
        >>> default_registry().landing("https://example.com/")
        ('https://example.com/', None)
        """
        if not isinstance(url, str):
            raise _not_a_str(url)
        return self._matcher.landing(url)

    def match_landing(self, url: str) -> tuple[SocialMatch | None, str, str | None]:
        """:meth:`match` and :meth:`landing` of *url* in one look-up:
        ``(match, landing URL, key of the outermost wrapper or None)``.

        What extraction asks once per distinct href.  A social redirect lands on the
        target of its match, a share button on the platform itself.

        >>> match, landing, wrapper = default_registry().match_landing(
        ...     "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F")
        >>> match.kind, landing, wrapper
        ('redirect', 'https://example.com/', 'facebook')
        >>> default_registry().match_landing("https://example.com/a")
        (None, 'https://example.com/a', None)
        """
        if not isinstance(url, str):
            raise _not_a_str(url)
        return self._matcher.match_landing(url)


@functools.cache
def default_registry() -> SocialRegistry:
    """The registry of the platforms shipped in ``backlinkkit/social/platforms.json``.

    Built on first use from the package data (read-only) and shared after that;
    it is immutable, so sharing is safe.
    """
    text = resources.files(__name__).joinpath(_DATA).read_text("utf-8")
    return SocialRegistry.from_json(text, source=f"backlinkkit/social/{_DATA}")


def __getattr__(name: str) -> object:
    """``backlinkkit.social.ClaimedProfile`` keeps working for one release (it moved to
    :mod:`backlinkkit.profiles`, which builds on this package), with a warning."""
    if name == "ClaimedProfile":
        import warnings

        warnings.warn(
            "backlinkkit.social.ClaimedProfile moved to backlinkkit.profiles "
            "(also backlinkkit.ClaimedProfile)",
            DeprecationWarning,
            stacklevel=2,
        )
        from ..profiles import ClaimedProfile

        return ClaimedProfile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
