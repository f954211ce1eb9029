"""backlinkkit.errors: one base class, each subclass also the fitting built-in."""

from __future__ import annotations

import pytest

from backlinkkit import errors


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InvalidInputError, TypeError),
        (errors.InvalidValueError, ValueError),
        (errors.InvalidURLError, ValueError),
        (errors.RegistryDataError, ValueError),
        (errors.MissingDependencyError, ImportError),
    ],
)
def test_each_error_is_a_backlinkkit_error_and_a_builtin(
    cls: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, errors.BacklinkkitError)
    assert issubclass(cls, builtin)
    with pytest.raises(builtin):
        raise cls("x")


def test_public_names_are_exported() -> None:
    import backlinkkit

    for name in errors.__all__:
        assert getattr(backlinkkit, name) is getattr(errors, name)
