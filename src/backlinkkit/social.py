"""The social-domain registry (interface stub; the registry is being written)."""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["ClaimedProfile", "Platform", "SocialMatch", "SocialRegistry", "default_registry"]

MatchKind = Literal["profile", "post", "share", "embed", "shortlink", "redirect", "other"]


@attrs.frozen(slots=True)
class Platform:
    key: str
    name: str
    category: str


@attrs.frozen(slots=True)
class SocialMatch:
    platform: Platform
    kind: MatchKind
    handle: str | None = None
    target: str | None = None
    confidence: float = 1.0


@attrs.frozen(slots=True)
class ClaimedProfile:
    url: str
    source: str
    match: SocialMatch | None


@attrs.frozen(slots=True)
class SocialRegistry:
    platforms: tuple[Platform, ...] = ()

    def match(self, url: str) -> SocialMatch | None:
        return None

    def unwrap(self, url: str) -> str:
        return url


def default_registry() -> SocialRegistry:
    return SocialRegistry()
