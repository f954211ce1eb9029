"""The ``rel`` attribute: browser tokens and crawler qualifiers.

A browser splits ``rel`` on ASCII whitespace only and compares keywords ASCII
case-insensitively (WHATWG HTML, "Link types").  Google additionally accepts
comma-separated lists for its three link qualifiers, ``nofollow``, ``ugc`` and
``sponsored`` (Google Search Central, "Qualify your outbound links").
:func:`parse_rel` gives both views at once.

>>> rel = parse_rel("UGC,NoFollow noopener")
>>> rel.tokens
('ugc,nofollow', 'noopener')
>>> rel.nofollow, rel.ugc, rel.sponsored
(True, True, False)
>>> sorted(rel.qualifiers)
['nofollow', 'ugc']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._infra import ASCII_WHITESPACE, ASCII_WHITESPACE_RUN, ascii_lower
from ._validate import boolean, items_of, optional, text, to_tuple, type_error

# ``ascii_lower`` lives in the bottom layer (``backlinkkit._infra``); it is re-exported
# here because it has been public API of this module.
__all__ = ["QUALIFIERS", "Rel", "ascii_lower", "parse_rel"]

#: The three crawler link qualifiers Google documents.
QUALIFIERS: frozenset[str] = frozenset({"nofollow", "ugc", "sponsored"})

_ASCII_WS_OR_COMMA = re.compile(f"[{ASCII_WHITESPACE},]+")
# Characters that leak around a keyword from broken markup: quotes (escaped or
# typographic) and the ``/`` of ``<a rel=nofollow/>`` (an unquoted value keeps it).
_WRAPPERS = "\"'\\`\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb/;.:"
# Look-alikes no crawler documents, with the qualifier they were probably meant as.
_LOOKALIKES: Mapping[str, str | None] = MappingProxyType(
    {
        "no-follow": "nofollow",
        "no_follow": "nofollow",
        "nofolow": "nofollow",
        "nofollw": "nofollow",
        "dofollow": None,
        "do-follow": None,
        "follow": None,
        "sponsor": "sponsored",
        "user-generated": "ugc",
    }
)


@attrs.frozen(slots=True)
class Rel:
    """A parsed ``rel`` attribute."""

    #: The attribute value as the HTML parser delivered it (``None`` when absent).
    raw: str | None = attrs.field(validator=optional(text()))
    #: Keywords split on ASCII whitespace, ASCII-lowercased, de-duplicated in order:
    #: a browser's ``relList``, lower-cased.
    tokens: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: ``nofollow`` is present (commas also separate, as Google documents).
    nofollow: bool = attrs.field(validator=boolean)
    #: ``ugc`` (user-generated content) is present.
    ugc: bool = attrs.field(validator=boolean)
    #: ``sponsored`` (paid or advertising link) is present.
    sponsored: bool = attrs.field(validator=boolean)
    #: Notes on look-alike tokens no crawler documents (``no-follow``, ``dofollow``,
    #: quoted tokens): these are *not* qualifiers.
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(str))

    @property
    def qualifiers(self) -> frozenset[str]:
        """The crawler qualifiers present: a subset of ``{"nofollow", "ugc", "sponsored"}``."""
        return frozenset(
            name
            for name, present in (
                ("nofollow", self.nofollow),
                ("ugc", self.ugc),
                ("sponsored", self.sponsored),
            )
            if present
        )

    @property
    def qualified(self) -> bool:
        """True when any of ``nofollow``, ``ugc`` or ``sponsored`` is present."""
        return self.nofollow or self.ugc or self.sponsored

    def __str__(self) -> str:
        return " ".join(self.tokens)


_EMPTY = Rel(raw=None, tokens=(), nofollow=False, ugc=False, sponsored=False)


def parse_rel(value: str | None) -> Rel:
    """Parse a ``rel`` attribute value (``None`` when the attribute is absent).

    Never raises on any string.  Look-alike tokens are kept as tokens and
    reported in :attr:`Rel.warnings`, but do not count as qualifiers:

    >>> rel = parse_rel('"nofollow" no-follow')
    >>> rel.nofollow, rel.tokens
    (False, ('"nofollow"', 'no-follow'))
    >>> for warning in rel.warnings:
    ...     print(warning)
    rel token '"nofollow"' has stray characters; crawlers do not document reading it as 'nofollow'
    rel token 'no-follow' is not a documented qualifier (did you mean 'nofollow'?)
    >>> parse_rel("nofollow\\u00a0noopener").tokens  # NBSP is not ASCII whitespace
    ('nofollow\\xa0noopener',)

    Raises :class:`~backlinkkit.errors.InvalidInputError` (a ``TypeError``)
    when *value* is neither ``str`` nor ``None``.
    """
    if value is None:
        return _EMPTY
    if not isinstance(value, str):
        raise type_error("rel", value, "str or None")
    if not value:
        return Rel(raw=value, tokens=(), nofollow=False, ugc=False, sponsored=False)
    lowered = ascii_lower(value)
    tokens = tuple(dict.fromkeys(t for t in ASCII_WHITESPACE_RUN.split(lowered) if t))
    if "," in lowered:
        crawler = frozenset(t for t in _ASCII_WS_OR_COMMA.split(lowered) if t)
    else:
        crawler = frozenset(tokens)
    warnings: list[str] = []
    for token in dict.fromkeys(t for t in _ASCII_WS_OR_COMMA.split(lowered) if t):
        if token in QUALIFIERS:
            continue
        stripped = token.strip(_WRAPPERS)
        if stripped != token and stripped in QUALIFIERS:
            warnings.append(
                f"rel token {token!r} has stray characters; crawlers do not document "
                f"reading it as {stripped!r}"
            )
        elif stripped in _LOOKALIKES:
            meant = _LOOKALIKES[stripped]
            hint = f" (did you mean {meant!r}?)" if meant else " and has no effect"
            warnings.append(f"rel token {token!r} is not a documented qualifier{hint}")
        else:
            hidden = QUALIFIERS.intersection(token.split())
            if hidden:
                warnings.append(
                    f"rel token {token!r} joins {', '.join(sorted(hidden))} with non-ASCII "
                    f"whitespace; browsers and this parser read one unknown keyword"
                )
    return Rel(
        raw=value,
        tokens=tokens,
        nofollow="nofollow" in crawler,
        ugc="ugc" in crawler,
        sponsored="sponsored" in crawler,
        warnings=tuple(warnings),
    )
