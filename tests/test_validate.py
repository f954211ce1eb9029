"""The shared validators: one message form, one error class per kind of mistake."""

from __future__ import annotations

import math
from typing import Any, Literal

import attrs
import pytest

from backlinkkit import _validate as val
from backlinkkit.errors import BacklinkkitError, InvalidInputError, InvalidValueError

Colour = Literal["red", "green"]


@attrs.frozen(slots=True)
class Sample:
    name: str = attrs.field(default="x", validator=val.text(empty=False))
    colour: Colour = attrs.field(default="red", validator=val.one_of(Colour))
    size: int = attrs.field(default=1, validator=val.integer(0, 10))
    share: float = attrs.field(default=0.5, converter=val.to_float, validator=val.number(0, 1))
    clicks: float | None = attrs.field(default=None, validator=val.optional(val.count(1e6)))
    flag: bool = attrs.field(default=False, validator=val.boolean)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=val.to_tuple, validator=val.items_of(str)
    )


@pytest.mark.parametrize(
    ("field", "value", "error", "message"),
    [
        ("name", 3, InvalidInputError, "Sample.name=3: expected str, got int"),
        ("name", "  ", InvalidValueError, "Sample.name='  ': must not be empty"),
        (
            "colour",
            "blue",
            InvalidValueError,
            "Sample.colour='blue': expected one of 'red', 'green'",
        ),
        ("size", True, InvalidInputError, "Sample.size=True: expected int, got bool"),
        ("size", 11, InvalidValueError, "Sample.size=11: must be <= 10"),
        ("size", -1, InvalidValueError, "Sample.size=-1: must be >= 0"),
        ("share", "0.5", InvalidInputError, "Sample.share='0.5': expected a number, got str"),
        ("share", math.nan, InvalidValueError, "Sample.share=nan: must be a number, not NaN"),
        ("share", math.inf, InvalidValueError, "Sample.share=inf: must be finite"),
        ("share", 1.5, InvalidValueError, "Sample.share=1.5: must be in [0, 1]"),
        ("clicks", -2, InvalidValueError, "Sample.clicks=-2: a count cannot be negative"),
        ("clicks", 2e6, InvalidValueError, "Sample.clicks=2000000.0: larger than any real count"),
        ("clicks", "9", InvalidInputError, "Sample.clicks='9': expected a count, got str"),
        ("clicks", 1.5, InvalidValueError, "Sample.clicks=1.5: a count is a whole number"),
        ("flag", 1, InvalidInputError, "Sample.flag=1: expected bool, got int"),
        ("tags", "ab", InvalidInputError, "Sample.tags='ab': expected a sequence of str"),
        ("tags", ["a", 2], InvalidInputError, "Sample.tags[1]=2: expected str, got int"),
    ],
)
def test_each_mistake_gets_its_class_and_names_owner_field_and_value(
    field: str, value: Any, error: type[BacklinkkitError], message: str
) -> None:
    with pytest.raises(error) as info:
        Sample(**{field: value})
    assert str(info.value).startswith(message)
    assert isinstance(info.value, BacklinkkitError)
    assert isinstance(info.value, TypeError if error is InvalidInputError else ValueError)


def test_good_values_pass_and_convert() -> None:
    sample = Sample(name="a", colour="green", size=10, share=1, clicks=0, flag=True, tags=["t"])
    assert sample.share == 1.0
    assert isinstance(sample.share, float)
    assert sample.tags == ("t",)


def test_one_of_keeps_bool_and_int_apart() -> None:
    @attrs.frozen
    class Mode:
        value: object = attrs.field(validator=val.one_of((1, 2)))

    with pytest.raises(InvalidInputError, match=r"Mode\.value=True"):
        Mode(True)
    with pytest.raises(InvalidValueError, match=r"Mode\.value=3: expected one of 1, 2"):
        Mode(3)
    assert Mode(1).value == 1


def test_one_of_a_wrong_type_is_an_input_error() -> None:
    with pytest.raises(InvalidInputError, match=r"Sample.colour=3: expected one of 'red', 'green'"):
        Sample(colour=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        Sample(colour=["red"])  # type: ignore[arg-type]


def test_function_argument_checks() -> None:
    val.require("workers", 2, int)
    with pytest.raises(InvalidInputError, match=r"^workers='2': expected int, got str$"):
        val.require("workers", "2", int)
    with pytest.raises(InvalidInputError, match="expected int or None"):
        val.require("limit", 1.5, int, type(None))
    with pytest.raises(InvalidValueError, match=r"^backend='x': expected one of 'a', 'b'$"):
        val.require_one_of("backend", "x", ("a", "b"))


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(InvalidInputError) as info:
        val.require("html", ["x" * 500], str)
    assert len(str(info.value)) < 150
    assert "…" in str(info.value)


def test_choices_reads_a_literal() -> None:
    assert val.choices(Colour) == ("red", "green")
