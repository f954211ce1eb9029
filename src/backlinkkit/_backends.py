"""Parser backends: each turns page text into a :class:`~backlinkkit._raw.RawDocument`."""

from __future__ import annotations

from collections.abc import Callable

from ._raw import RawDocument
from .errors import InvalidValueError

__all__ = ["get_backend"]


def _html5lib(text: str) -> RawDocument:
    from . import _html5

    root, capped = _html5.parse(text)
    return _html5.walk(root, capped)


def get_backend(name: object) -> Callable[[str], RawDocument]:
    """The backend called *name*: ``"html5lib"`` (the reference), ``"lexbor"`` or ``"auto"``."""
    if name == "html5lib":
        return _html5lib
    if name in ("lexbor", "auto"):
        raise InvalidValueError(f"backend={name!r}: not available yet")
    raise InvalidValueError(f"backend={name!r}: expected 'html5lib', 'lexbor' or 'auto'")
