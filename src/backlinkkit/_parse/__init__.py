"""The parser backends and their seam: each turns page text into a
:class:`~backlinkkit._parse.raw.RawDocument`.

``"html5lib"`` is the reference (pure Python, the HTML Standard's tree
construction with Chromium's depth cap: :mod:`.treebuilder`, walked once by
:mod:`.html5`); ``"lexbor"`` is selectolax's Lexbor parser (C, the optional
extra ``backlinkkit[fast]``: :mod:`.lexbor`) and returns the same
``RawDocument`` for the same text; ``"auto"`` is Lexbor when it is installed,
else html5lib.  Both backends decide regions with one stepper,
:class:`backlinkkit.regions.Stepper`.

A backend takes the page text as one ``str`` or as the list :func:`split_text`
makes of it, which it empties as it reads: a caller that drops its own ``str``
after splitting holds no full copy of the text while the tree is built (a
``str`` holding one character outside the BMP takes 4 bytes a character; its
pieces take 1 byte a character where they are ASCII or Latin-1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from .._validate import choices, type_error
from ..errors import InvalidValueError
from .raw import RawDocument

__all__ = [
    "BACKENDS",
    "PIECE",
    "Backend",
    "RawDocument",
    "Text",
    "get_backend",
    "resolve_backend",
    "split_text",
]

#: A parser backend name.
Backend = Literal["html5lib", "lexbor", "auto"]

#: The names :func:`get_backend` accepts.
BACKENDS: tuple[str, ...] = choices(Backend)


#: The page text a backend takes: a ``str``, or the pieces :func:`split_text` makes
#: of it (emptied as the backend reads them).
Text = str | list[str]

#: Characters in each piece of :func:`split_text`: as many as html5lib's input stream
#: reads at a time (``HTMLUnicodeInputStream._defaultChunkSize``), so that html5lib
#: sees the same chunks as from ``io.StringIO``.
PIECE = 10240


def split_text(text: str) -> list[str]:
    """*text* in pieces of :data:`PIECE` characters, each stored as narrow as its own
    characters allow (a piece without characters outside the BMP takes at most 2
    bytes a character, an ASCII or Latin-1 piece 1)."""
    return [text[i : i + PIECE] for i in range(0, len(text), PIECE)]


def _html5lib(text: Text) -> RawDocument:
    from . import html5, treebuilder

    parsed = treebuilder.parse_tree(text)
    return html5.walk(parsed.root, parsed.depth_capped, parsed.recovered)


def _lexbor(text: Text) -> RawDocument:
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


def get_backend(name: object) -> Callable[[Text], RawDocument]:
    """The backend called *name*: ``"html5lib"`` (the reference), ``"lexbor"`` or ``"auto"``.

    It takes the page text as a ``str`` or as the list of :func:`split_text` (which it
    empties)."""
    return _lexbor if resolve_backend(name) == "lexbor" else _html5lib
