"""html5lib's "in body" insertion mode, brought up to date where Chromium 156 differs.

html5lib 1.1 predates a few changes to the HTML Standard's list of *special*
elements and to the elements that close a ``p``; Chromium 156 follows the newer
rules, and so does :class:`InBodyPhase` (each checked with headless Chromium, see
``tests/test_inbody.py``):

* ``main``, ``summary``, ``figcaption`` and ``hgroup`` are special: the adoption
  agency stops at them (``<a href=x>1<main>2<a href=x>3`` has three links, not
  two), a new ``li`` does not close past them, and an end tag of another element
  does not pop them.
* ``isindex`` and ``command`` are not special, and ``<isindex>`` is an ordinary
  unknown element: html5lib still expands it into the long-removed form with a
  prompt ("This is a searchable index…"), which added that text to anchors.
* ``dialog`` and ``search`` close an open ``p`` like ``div`` does, and
  ``</search>`` is handled like ``</div>``.  Chromium 156 does *not* treat
  ``search`` as special in the adoption agency (Lexbor does: a known Lexbor
  divergence, docs/performance.md).

The three html5lib handlers that consult the special list are reused unchanged
with that list swapped in their globals, so no html5lib code is copied and
html5lib's own module state is left untouched.
"""

from __future__ import annotations

import types
from typing import Any

from html5lib import html5parser
from html5lib._utils import MethodDispatcher
from html5lib.constants import namespaces, specialElements

__all__ = ["SPECIAL", "InBodyPhase"]

_HTML = namespaces["html"]

#: The special elements as Chromium 156's tree builder treats them.
SPECIAL: frozenset[tuple[str, str]] = frozenset(
    (specialElements - {(_HTML, "isindex"), (_HTML, "command")})
    | {(_HTML, name) for name in ("main", "summary", "figcaption", "hgroup")}
)

_Base: Any = html5parser.getPhases(False)["inBody"]


def _with_special(function: Any) -> Any:
    """*function* with the module global ``specialElements`` bound to :data:`SPECIAL`."""
    scope = dict(function.__globals__)
    scope["specialElements"] = SPECIAL
    return types.FunctionType(
        function.__code__, scope, function.__name__, function.__defaults__, function.__closure__
    )


def _dispatcher(base: Any, changes: dict[str, Any]) -> Any:
    table = MethodDispatcher(list(dict.items(base)))
    table.update(changes)
    table.default = base.default
    return table


_START: Any = vars(_Base)["startTagHandler"]
_END: Any = vars(_Base)["endTagHandler"]
_LIST_ITEM = _with_special(_Base.startTagListItem)
_FORMATTING_END = _with_special(_Base.endTagFormatting)
_OTHER_END = _with_special(_Base.endTagOther)


class InBodyPhase(_Base):  # type: ignore[misc]
    """html5lib's in-body phase with Chromium 156's special elements (module docstring)."""

    __slots__ = ()

    # html5lib's method names.
    startTagListItem = _LIST_ITEM  # noqa: N815
    endTagFormatting = _FORMATTING_END  # noqa: N815
    endTagOther = _OTHER_END  # noqa: N815

    startTagHandler = _dispatcher(  # noqa: N815
        _START,
        {
            **dict.fromkeys(("li", "dd", "dt"), _LIST_ITEM),
            "dialog": _Base.startTagCloseP,
            "search": _Base.startTagCloseP,
            "isindex": _Base.startTagOther,
        },
    )
    endTagHandler = _dispatcher(  # noqa: N815
        _END,
        {
            **{
                name: _FORMATTING_END for name, f in dict.items(_END) if f is _Base.endTagFormatting
            },
            "search": _Base.endTagBlock,
        },
    )
    endTagHandler.default = _OTHER_END
