"""Parser backends: each turns page text into a :class:`~backlinkkit._raw.RawDocument`.

``"html5lib"`` is the reference (pure Python, the HTML Standard's tree
construction with Chromium's depth cap); ``"lexbor"`` is selectolax's Lexbor
parser (C, the optional extra ``backlinkkit[fast]``) and returns the same
``RawDocument`` for the same text; ``"auto"`` is Lexbor when it is installed,
else html5lib.
"""

from __future__ import annotations

from collections.abc import Callable

from ._raw import RawDocument
from .errors import InvalidValueError

__all__ = ["BACKENDS", "get_backend", "resolve_backend"]

#: The names :func:`get_backend` accepts.
BACKENDS: tuple[str, ...] = ("html5lib", "lexbor", "auto")


def _html5lib(text: str) -> RawDocument:
    from . import _html5, _treebuilder

    parsed = _treebuilder.parse_tree(text)
    return _html5.walk(parsed.root, parsed.depth_capped, parsed.recovered)


def _lexbor(text: str) -> RawDocument:
    from . import _lexbor

    return _lexbor.parse_and_collect(text)


def resolve_backend(name: object) -> str:
    """The concrete backend *name* stands for: ``"auto"`` becomes ``"lexbor"`` when
    selectolax is installed, else ``"html5lib"``.

    Raises :class:`~backlinkkit.errors.InvalidValueError` for an unknown name and
    :class:`~backlinkkit.errors.MissingDependencyError` for ``"lexbor"`` without
    ``backlinkkit[fast]``.
    """
    if name == "html5lib":
        return "html5lib"
    if name == "lexbor":
        from . import _lexbor

        _lexbor._parser_class()  # raises MissingDependencyError when absent
        return "lexbor"
    if name == "auto":
        from . import _lexbor

        return "lexbor" if _lexbor.available() else "html5lib"
    raise InvalidValueError(f"backend={name!r}: expected 'html5lib', 'lexbor' or 'auto'")


def get_backend(name: object) -> Callable[[str], RawDocument]:
    """The backend called *name*: ``"html5lib"`` (the reference), ``"lexbor"`` or ``"auto"``."""
    return _lexbor if resolve_backend(name) == "lexbor" else _html5lib
