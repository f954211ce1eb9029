"""Page-level robots directives: ``<meta name="robots">`` and ``X-Robots-Tag``.

(Interface stub: the full parser is being written; see parse_robots.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = ["RobotsDirectives", "parse_robots"]

RobotsSource = Literal["meta", "header"]


@attrs.frozen(slots=True)
class RobotsDirectives:
    """The robots rules that apply to one crawler on one page."""

    agent: str = "googlebot"
    noindex: bool = False
    nofollow: bool = False
    nofollow_source: RobotsSource | None = None
    rules: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def parse_robots(
    metas: Iterable[tuple[str, str]] = (),
    headers: Iterable[str] = (),
    *,
    agent: str = "googlebot",
) -> RobotsDirectives:
    """Combine robots ``<meta>`` (name, content) pairs and ``X-Robots-Tag`` header values."""
    nofollow_source: RobotsSource | None = None
    for name, content in metas:
        if name.lower() in ("robots", agent.lower()) and (
            "nofollow" in content.lower() or "none" in content.lower()
        ):
            nofollow_source = "meta"
            break
    return RobotsDirectives(
        agent=agent, nofollow=nofollow_source is not None, nofollow_source=nofollow_source
    )
