"""HTTP response headers: the one header model of the library.

Headers come as a mapping of names to a value (or a list of values) or as
``(name, value)`` pairs, repeated headers kept in order.  Names and values are
``str``, or ``bytes`` read as ISO-8859-1 (HTTP field values are historically
Latin-1, RFC 9110 §5.5).  Field names are case-insensitive ASCII tokens
(RFC 9110 §5.1): a name is compared with surrounding ASCII whitespace stripped
and ASCII-lowercased.

>>> pairs = normalize_headers([("X-Robots-Tag", "noindex"), ("x-robots-tag ", "nofollow")])
>>> pairs
(('x-robots-tag', 'noindex'), ('x-robots-tag', 'nofollow'))
>>> header_values(pairs, "X-Robots-Tag")
('noindex', 'nofollow')

:func:`x_robots_tag_values` also takes bare ``X-Robots-Tag`` values, as
:func:`~backlinkkit.robots.parse_robots` does:

>>> x_robots_tag_values(["noindex", ("Content-Type", "text/html"), (b"X-Robots-Tag", b"none")])
('noindex', 'none')
>>> x_robots_tag_values({"X-Robots-Tag": ["noarchive", "nosnippet"]})
('noarchive', 'nosnippet')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeAlias

from ._infra import ascii_lower, strip_ascii_whitespace
from ._validate import type_error

__all__ = [
    "HeaderItem",
    "Headers",
    "RobotsHeaders",
    "header_text",
    "header_values",
    "normalize_headers",
    "x_robots_tag_values",
]

#: Response headers: a mapping of names to a value or a list of values, or an
#: iterable of ``(name, value)`` pairs (``str``, or ``bytes`` read as ISO-8859-1).
Headers: TypeAlias = (
    Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]] | Iterable[tuple[bytes, bytes]]
)
#: One item of ``X-Robots-Tag`` input: a bare value, or a ``(name, value)`` pair.
HeaderItem: TypeAlias = str | bytes | tuple[str, str] | tuple[bytes, bytes]
#: ``X-Robots-Tag`` input: one value, an iterable of values or pairs, or a mapping.
RobotsHeaders: TypeAlias = str | bytes | Iterable[HeaderItem] | Mapping[str, str | Sequence[str]]

_X_ROBOTS_TAG = "x-robots-tag"


def header_text(value: object, field: str) -> str:
    """A header name or value as ``str``: ``bytes`` are read as ISO-8859-1.

    Raises :class:`~backlinkkit.errors.InvalidInputError` naming *field* for any other type.

    >>> header_text(b"caf\\xe9", "value")
    'café'
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    raise type_error(field, value, "str or bytes")


def _name(value: object, field: str) -> str:
    return ascii_lower(strip_ascii_whitespace(header_text(value, field)))


def _fields(headers: object, *, bare: bool) -> Iterator[tuple[str | None, object, str]]:
    """``(normalised name, raw value, field)`` of each header in *headers*, in order.

    With *bare*, a ``str``/``bytes`` (or an item that is one) is a value without a
    name (``None``); otherwise it is an error.  Values are read by the caller, so
    that it can skip the headers it does not want unread.
    """
    if bare:
        expected = "X-Robots-Tag values or (name, value) pairs"
    else:
        expected = "a mapping or (name, value) pairs"
    if isinstance(headers, (str, bytes, bytearray)):
        if not bare:
            raise type_error("headers", headers, expected)
        yield None, headers, "headers"
        return
    if isinstance(headers, Mapping):
        for key, values in headers.items():
            field = f"headers[{key!r}]"
            name = _name(key, field)
            for value in values if isinstance(values, (list, tuple)) else (values,):
                yield name, value, field
        return
    if not isinstance(headers, Iterable):
        raise type_error("headers", headers, expected)
    for position, item in enumerate(headers):
        field = f"headers[{position}]"
        if bare and isinstance(item, (str, bytes, bytearray)):
            yield None, item, field
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            yield _name(item[0], f"{field}[0]"), item[1], f"{field}[1]"
        else:
            raise type_error(
                field, item, "an X-Robots-Tag value or a (name, value) pair" if bare else expected
            )


def normalize_headers(headers: Headers | None) -> tuple[tuple[str, str], ...]:
    """Headers as ``(lower-case name, value)`` pairs, repeated headers kept in order.

    ``None`` is no headers.  Raises :class:`~backlinkkit.errors.InvalidInputError`
    (a ``TypeError``) naming the header when *headers* or an item has the wrong type.

    >>> normalize_headers({"X-Robots-Tag": "noindex"})
    (('x-robots-tag', 'noindex'),)
    """
    if headers is None:
        return ()
    return tuple(
        (name, header_text(value, field))
        for name, value, field in _fields(headers, bare=False)
        if name is not None
    )


def header_values(headers: Iterable[tuple[str, str]], name: str) -> tuple[str, ...]:
    """Every value of header *name* in normalised *headers* (:func:`normalize_headers`),
    in order."""
    wanted = ascii_lower(name)
    return tuple(value for key, value in headers if key == wanted)


def x_robots_tag_values(headers: RobotsHeaders) -> tuple[str, ...]:
    """The ``X-Robots-Tag`` values in *headers*, in order.

    *headers* is one value, an iterable of values and ``(name, value)`` pairs
    (only ``X-Robots-Tag`` pairs are read), or a mapping of names to a value or a
    list of values.  The values of other headers are not read.  Raises
    :class:`~backlinkkit.errors.InvalidInputError` (a ``TypeError``) naming the
    item when one has the wrong type.
    """
    return tuple(
        header_text(value, field)
        for name, value, field in _fields(headers, bare=True)
        if name is None or name == _X_ROBOTS_TAG
    )
