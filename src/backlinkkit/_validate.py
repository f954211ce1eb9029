"""Validators and converters shared by every value class and public function.

Every check raises :class:`~backlinkkit.errors.InvalidInputError` (a ``TypeError``)
for a wrong type and :class:`~backlinkkit.errors.InvalidValueError` (a
``ValueError``) for a wrong value, with one message form:
``Owner.field=value: problem`` for attrs fields and ``field=value: problem``
for function arguments.

>>> import attrs
>>> @attrs.frozen
... class Box:
...     size: int = attrs.field(validator=integer(0))
>>> Box(-1)
Traceback (most recent call last):
  ...
backlinkkit.errors.InvalidValueError: Box.size=-1: must be >= 0
>>> Box("3")
Traceback (most recent call last):
  ...
backlinkkit.errors.InvalidInputError: Box.size='3': expected int, got str
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, get_args

import attrs

from .errors import InvalidInputError, InvalidValueError

__all__ = [
    "Validator",
    "boolean",
    "choices",
    "count",
    "field_name",
    "instance_of",
    "integer",
    "items_of",
    "number",
    "one_of",
    "optional",
    "pairs_of",
    "require",
    "require_iterable",
    "require_one_of",
    "text",
    "to_float",
    "to_pairs",
    "to_tuple",
    "type_error",
    "value_error",
]

#: An attrs validator: ``(instance, attribute, value) -> None``.
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_REPR_LIMIT = 80


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 1] + "…"


def field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Owner.field`` for an attrs field."""
    return f"{type(instance).__name__}.{attribute.name}"


def _type_names(types: tuple[type, ...]) -> str:
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


def type_error(field: str, value: object, expected: str) -> InvalidInputError:
    """``InvalidInputError("field=value: expected X, got T")``."""
    return InvalidInputError(
        f"{field}={_shown(value)}: expected {expected}, got {type(value).__name__}"
    )


def value_error(field: str, value: object, problem: str) -> InvalidValueError:
    """``InvalidValueError("field=value: problem")``."""
    return InvalidValueError(f"{field}={_shown(value)}: {problem}")


def _is(value: object, types: tuple[type, ...]) -> bool:
    # bool is an int, but a flag is never a count or a number here.
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def require(field: str, value: object, *types: type) -> None:
    """Raise :class:`InvalidInputError` unless *value* is one of *types* (function arguments)."""
    if not _is(value, types):
        raise type_error(field, value, _type_names(types))


def require_one_of(field: str, value: object, allowed: Iterable[object]) -> None:
    """Raise :class:`InvalidValueError` unless *value* is in *allowed* (for function arguments);
    :class:`InvalidInputError` when *value* has none of the allowed values' types."""
    allowed = tuple(allowed)
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        types = tuple(dict.fromkeys(type(a) for a in allowed))
        if not _is(value, types):  # of no allowed value's type: a wrong type, as one_of says
            raise type_error(field, value, f"one of {shown} ({_type_names(types)})")
        raise value_error(field, value, "expected one of " + shown)


def choices(literal: Any) -> tuple[Any, ...]:
    """The values of a ``Literal[...]`` type (so that each Literal is written once)."""
    return get_args(literal)


def optional(inner: Validator) -> Validator:
    """*inner*, except that ``None`` passes."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check


def instance_of(*types: type) -> Validator:
    """The value is an instance of one of *types* (a bool is not an int unless bool is named)."""
    names = _type_names(types)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not _is(value, types):
            raise type_error(field_name(instance, attribute), value, names)

    return check


boolean: Validator = instance_of(bool)


def text(*, empty: bool = True) -> Validator:
    """A ``str``; with ``empty=False`` it must hold something besides whitespace."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            raise type_error(field_name(instance, attribute), value, "str")
        if not empty and not value.strip():
            raise value_error(field_name(instance, attribute), value, "must not be empty")

    return check


def one_of(literal_or_values: Any) -> Validator:
    """The value is one of a ``Literal[...]``'s values (or of an iterable of values).

    A value of a type none of the allowed values has (``3`` for a Literal of strings)
    is a wrong type (:class:`InvalidInputError`); a value of the right type that is not
    allowed is a wrong value (:class:`InvalidValueError`).  ``True`` is never ``1``.
    """
    allowed = get_args(literal_or_values) or tuple(literal_or_values)
    shown = ", ".join(repr(a) for a in allowed)
    keyed = frozenset((type(a), a) for a in allowed)
    types = tuple(dict.fromkeys(type(a) for a in allowed))
    expected = " or ".join(t.__name__ for t in types)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        try:
            if (type(value), value) in keyed:
                return
        except TypeError:  # unhashable: certainly not allowed
            pass
        name = field_name(instance, attribute)
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise type_error(name, value, f"one of {shown} ({expected})")
        raise value_error(name, value, f"expected one of {shown}")

    return check


def integer(lo: int | None = None, hi: int | None = None) -> Validator:
    """An ``int`` (not a bool) in ``[lo, hi]``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not _is(value, (int,)):
            raise type_error(name, value, "int")
        if lo is not None and value < lo:
            raise value_error(name, value, f"must be >= {lo}")
        if hi is not None and value > hi:
            raise value_error(name, value, f"must be <= {hi}")

    return check


def number(
    lo: float = -math.inf, hi: float = math.inf, *, lo_open: bool = False, hi_open: bool = False
) -> Validator:
    """A finite ``int`` or ``float`` (not a bool, not NaN) in ``[lo, hi]``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not _is(value, (int, float)):
            raise type_error(name, value, "a number")
        if math.isnan(value):
            raise value_error(name, value, "must be a number, not NaN")
        if math.isinf(value):
            raise value_error(name, value, "must be finite")
        low_ok = value > lo if lo_open else value >= lo
        high_ok = value < hi if hi_open else value <= hi
        if not (low_ok and high_ok):
            left = "(" if lo_open else "["
            right = ")" if hi_open else "]"
            raise value_error(name, value, f"must be in {left}{lo:g}, {hi:g}{right}")

    return check


def count(maximum: float = math.inf) -> Validator:
    """A count of discrete events: a non-negative whole number up to *maximum*, as an
    ``int`` or a whole ``float`` (``12.0``, what a spreadsheet cell gives); ``1.5`` is not
    a count.
    """

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not _is(value, (int, float)):
            raise type_error(name, value, "a count")
        if math.isnan(value):
            raise value_error(name, value, "a count cannot be NaN")
        if value < 0:
            raise value_error(name, value, "a count cannot be negative")
        if value > maximum:
            raise value_error(name, value, f"larger than any real count ({maximum:g})")
        if math.isinf(value):
            raise value_error(name, value, "a count must be finite")
        if isinstance(value, float) and not value.is_integer():
            raise value_error(name, value, "a count is a whole number")

    return check


def items_of(*types: type) -> Validator:
    """A ``tuple`` whose every item is one of *types*."""
    names = _type_names(types)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, tuple):
            raise type_error(name, value, f"a sequence of {names}")
        for position, item in enumerate(value):
            if not _is(item, types):
                raise type_error(f"{name}[{position}]", item, names)

    return check


def to_tuple(value: Any) -> Any:
    """A tuple of any iterable but ``str``, ``bytes`` and mappings; other values pass through
    unchanged so that the field's validator names them."""
    kind = type(value)
    if kind is tuple:
        return value
    if kind is list:
        return tuple(value)
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, Mapping)):
        return tuple(value)
    return value


def to_float(value: Any) -> Any:
    """An ``int`` as ``float``; other values unchanged (the validator names them)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def to_pairs(value: Any) -> Any:
    """``(key, value)`` pairs as a tuple of 2-tuples, from a mapping or an iterable of pairs
    (lists become tuples); any other value passes unchanged so that :func:`pairs_of`
    names it."""
    if isinstance(value, Mapping):
        return tuple(value.items())
    value = to_tuple(value)
    if isinstance(value, tuple):
        return tuple(tuple(item) if type(item) is list else item for item in value)
    return value


def pairs_of(keys: type | tuple[type, ...], values: type | tuple[type, ...]) -> Validator:
    """A ``tuple`` of ``(key, value)`` 2-tuples of the given types (``float`` admits ``int``;
    a bool is neither)."""
    key_types = keys if isinstance(keys, tuple) else (keys,)
    value_types = values if isinstance(values, tuple) else (values,)
    if float in value_types and int not in value_types:
        value_types = (*value_types, int)
    shown = f"({_type_names(key_types)}, {_type_names(value_types)}) pairs"

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, tuple):
            raise type_error(name, value, f"a mapping or {shown}")
        for position, item in enumerate(value):
            if not (isinstance(item, tuple) and len(item) == 2):
                raise type_error(f"{name}[{position}]", item, shown)
            if not _is(item[0], key_types):
                raise type_error(f"{name}[{position}]", item[0], _type_names(key_types))
            if not _is(item[1], value_types):
                raise type_error(f"{name}[{item[0]!r}]", item[1], _type_names(value_types))

    return check


def require_iterable(field: str, value: object, items: str = "items") -> None:
    """Raise :class:`InvalidInputError` unless *value* is an iterable of *items* other than a
    ``str`` or ``bytes`` (one string where a collection of them is meant is a wrong type)."""
    if isinstance(value, (str, bytes, bytearray)) or not isinstance(value, Iterable):
        raise type_error(field, value, f"an iterable of {items}")
