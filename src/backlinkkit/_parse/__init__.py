"""The parser backends and their seam: each turns page text into a
:class:`~backlinkkit._parse.raw.RawDocument`.

``"html5lib"`` is the reference (pure Python, the HTML Standard's tree
construction with Chromium's depth cap: :mod:`.treebuilder`, walked once by
:mod:`.html5`); ``"lexbor"`` is selectolax's Lexbor parser (C, the optional
extra ``backlinkkit[fast]``: :mod:`.lexbor`) and returns the same
``RawDocument`` for the same text; ``"auto"`` is Lexbor when it is installed,
else html5lib.  Both backends decide regions with one stepper,
:class:`backlinkkit.regions.Stepper`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from .._validate import choices, type_error
from ..errors import InvalidValueError
from .raw import RawDocument

__all__ = ["BACKENDS", "Backend", "RawDocument", "get_backend", "resolve_backend"]

#: A parser backend name.
Backend = Literal["html5lib", "lexbor", "auto"]

#: The names :func:`get_backend` accepts.
BACKENDS: tuple[str, ...] = choices(Backend)


def _html5lib(text: str) -> RawDocument:
    from . import html5, treebuilder

    parsed = treebuilder.parse_tree(text)
    return html5.walk(parsed.root, parsed.depth_capped, parsed.recovered)


def _lexbor(text: str) -> RawDocument:
    from . import lexbor

    return lexbor.parse_and_collect(text)


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
        from . import lexbor

        lexbor.parser_class()  # raises MissingDependencyError when absent
        return "lexbor"
    if name == "auto":
        from . import lexbor

        return "lexbor" if lexbor.available() else "html5lib"
    if not isinstance(name, str):
        raise type_error("backend", name, "'html5lib', 'lexbor' or 'auto' (str)")
    raise InvalidValueError(f"backend={name!r}: expected 'html5lib', 'lexbor' or 'auto'")


def get_backend(name: object) -> Callable[[str], RawDocument]:
    """The backend called *name*: ``"html5lib"`` (the reference), ``"lexbor"`` or ``"auto"``."""
    return _lexbor if resolve_backend(name) == "lexbor" else _html5lib
