"""Where on a page a link stands: content, navigation, header, footer, aside or comments.

A link's region is decided by its nearest *landmark* ancestor, found with
three kinds of evidence, strongest first on each element:

1. An explicit ARIA ``role``: ``navigation`` and ``search`` → ``"nav"``;
   ``banner`` → ``"header"``; ``contentinfo`` → ``"footer"``;
   ``complementary`` → ``"aside"``; ``main`` and ``article`` → ``"content"``;
   ``comment`` → ``"comment"``.
2. The HTML element: ``nav``, ``aside``, ``main`` and ``article``, and
   ``header``/``footer`` *only when they are not inside* ``article``,
   ``aside``, ``main``, ``nav`` or ``section`` (the scoping rule that
   gives them the ``banner``/``contentinfo`` roles in HTML-AAM: an
   article's own header or footer is part of the article).
3. Class and ``id`` conventions of pages without semantic markup: each
   class token and the ``id`` is split into words on ``-`` and ``_``; a
   known word at the start or the end of the token decides (``comment-list``,
   ``site-footer``, ``main-nav``, ``sidebar``, ``disqus_thread``). Class and id
   conventions are not read on ``html`` and ``body``, whose classes describe
   the whole page (``has-sidebar``), and a convention ``header``/``footer``
   obeys the same scoping rule as the element.

A link with no landmark ancestor is in ``"unknown"``.  The link element
itself does not count: only its ancestors do.

>>> state = ROOT
>>> for tag, attrs in [("body", {"class": "has-sidebar"}), ("div", {"id": "comments"}), ("p", {})]:
...     state = enter(state, tag, attrs)
>>> state.region
'comment'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

__all__ = ["ROOT", "RegionState", "classify", "enter", "step"]


class RegionState(NamedTuple):
    """The region in force, and whether we are inside sectioning content."""

    #: The region of the nearest landmark so far (``"unknown"`` before any).
    region: str
    #: True inside ``article``, ``aside``, ``main``, ``nav`` or ``section``.
    scoped: bool


ROOT = RegionState("unknown", False)

_ROLES = {
    "navigation": "nav",
    "search": "nav",
    "menubar": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "aside",
    "main": "content",
    "article": "content",
    "comment": "comment",
}
_ELEMENTS = {"nav": "nav", "aside": "aside", "main": "content", "article": "content"}
_SCOPED_ELEMENTS = frozenset({"header", "footer"})
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_SECTIONING_ROLES = frozenset({"article", "main", "navigation", "complementary", "region"})

#: Words in class/id tokens, and the region they mean.
CONVENTIONS: Mapping[str, str] = {
    "comment": "comment",
    "comments": "comment",
    "commentlist": "comment",
    "disqus": "comment",
    "replies": "comment",
    "nav": "nav",
    "navbar": "nav",
    "navigation": "nav",
    "menu": "nav",
    "breadcrumb": "nav",
    "breadcrumbs": "nav",
    "pagination": "nav",
    "sidebar": "aside",
    "widget": "aside",
    "widgets": "aside",
    "related": "aside",
    "footer": "footer",
    "colophon": "footer",
    "header": "header",
    "masthead": "header",
    "topbar": "header",
    "content": "content",
    "article": "content",
    "post": "content",
    "entry": "content",
    "story": "content",
}
# A plain "content"/"post"/"entry" word is too common on wrappers to override an
# explicit landmark; it only decides when it is the whole token or with a body word.
_WEAK_CONTENT = frozenset({"content", "post", "entry", "article", "story"})
_CONTENT_PAIRS = frozenset({"body", "content", "text"})


def _from_token(token: str) -> str | None:
    token = token.lower()
    if token in CONVENTIONS:
        return CONVENTIONS[token]
    words = [w for w in token.replace("_", "-").split("-") if w]
    if len(words) < 2:
        return None
    first, last = words[0], words[-1]
    for word in (first, last):
        region = CONVENTIONS.get(word)
        if region is None:
            continue
        if word in _WEAK_CONTENT:
            # "entry-content", "post-body", "article-text" mean content;
            # "post-meta", "entry-footer" do not.
            if (word is first and last in _CONTENT_PAIRS) or (
                word is last and first in _WEAK_CONTENT
            ):
                return "content"
            continue
        return region
    return None


def classify(tag: str, attrs: Mapping[str, str], scoped: bool) -> str | None:
    """The region element *tag* with *attrs* opens, or ``None`` when it is no landmark."""
    role = attrs.get("role")
    if role:
        for token in role.lower().split():
            region = _ROLES.get(token)
            if region is not None:
                if region in ("header", "footer") and scoped:
                    break
                return region
            break  # only the first recognised role token applies (ARIA fallback roles)
    region = _ELEMENTS.get(tag)
    if region is not None:
        return region
    if tag in _SCOPED_ELEMENTS:
        return None if scoped else tag
    if tag in ("html", "body"):
        return None
    found: str | None = None
    ident = attrs.get("id")
    if ident:
        found = _from_token(ident)
    if found is None:
        classes = attrs.get("class")
        if classes:
            for token in classes.split():
                found = _from_token(token)
                if found is not None:
                    break
    if found in ("header", "footer") and scoped:
        return None
    return found


def step(tag: str, attrs: Mapping[str, str], scoped: bool) -> tuple[str | None, bool]:
    """The region element *tag* opens (or ``None``) and the ``scoped`` flag inside it."""
    region = classify(tag, attrs, scoped)
    if not scoped:
        if tag in _SECTIONING:
            scoped = True
        else:
            role = attrs.get("role")
            if role and role.lower() in _SECTIONING_ROLES:
                scoped = True
    return region, scoped


def enter(state: RegionState, tag: str, attrs: Mapping[str, str]) -> RegionState:
    """The state inside element *tag* with *attrs*, given the *state* of its parent."""
    region, scoped = step(tag, attrs, state.scoped)
    return RegionState(region or state.region, scoped)
