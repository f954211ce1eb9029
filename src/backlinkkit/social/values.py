"""What the registry says about a URL: :class:`SocialMatch`."""

from __future__ import annotations

import attrs

from .._validate import instance_of, number, one_of, optional, text, to_float
from .schema import MatchKind, Platform

__all__ = ["SocialMatch"]


@attrs.frozen(slots=True)
class SocialMatch:
    """What :meth:`SocialRegistry.match` found out about a URL."""

    #: The platform the URL belongs to.
    platform: Platform = attrs.field(validator=instance_of(Platform))
    #: ``profile``, ``post``, ``share`` (a share intent), ``embed``, ``shortlink``,
    #: ``redirect`` (a redirect wrapper) or ``other``.
    kind: MatchKind = attrs.field(validator=one_of(MatchKind))
    #: The account the URL names (``user@host`` on federated platforms), else ``None``.
    handle: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: For redirects: the final target, unwrapped through nested wrappers (``None``
    #: when the wrapper carries no usable target or is opaque).
    target: str | None = attrs.field(default=None, validator=optional(text(empty=False)))
    #: How sure the platform is: 1.0 for a host match, lower for a URL-shape hint.
    confidence: float = attrs.field(default=1.0, converter=to_float, validator=number(0.0, 1.0))
