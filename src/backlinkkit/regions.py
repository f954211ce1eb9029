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

Inside a ``comment`` region, content evidence (a reply written as an
``<article>``) keeps the comment; ``<article class="comment-body">`` is a comment;
Blogger's ``widget Blog`` gadget (the post column) is content, not an aside
(docs/regions.md gives the templates).

A link with no landmark ancestor is in ``"unknown"``.  The link element
itself does not count: only its ancestors do.

A parser backend walks the tree top-down and passes each element's state to
its children: :func:`enter` is that one step, and a :class:`Stepper` is the
same step remembered for the distinct elements of one document (both parser
backends use one):

>>> state = ROOT
>>> for tag, attrs in [("body", {"class": "has-sidebar"}), ("div", {"id": "comments"}), ("p", {})]:
...     state = enter(state, tag, attrs)
>>> state.region
'comment'
>>> Stepper().enter(ROOT, "footer", {}) == enter(ROOT, "footer", {}) == ("footer", False)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

__all__ = ["ROOT", "RegionState", "Stepper", "classify", "enter", "step"]


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
#: The elements that change the state even without attributes.
_LANDMARK_TAGS = frozenset(_ELEMENTS) | _SCOPED_ELEMENTS | _SECTIONING

#: An element's attributes; ``None`` is an attribute without a value (as Lexbor gives it).
Attributes = Mapping[str, str | None]

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
    "pager": "nav",
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
#: Blogger gadget types (the token after ``widget``) that are no aside.
_BLOGGER_WIDGETS: Mapping[str, str] = {"Blog": "content", "Header": "header", "Navbar": "nav"}

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


def _convention(attrs: Attributes) -> str | None:
    """The region the ``id`` or, failing that, the ``class`` conventions name."""
    found: str | None = None
    ident = attrs.get("id")
    if ident:
        found = _from_token(ident)
    if found is None:
        classes = attrs.get("class")
        if classes:
            tokens = classes.split()
            for token in tokens:
                found = _from_token(token)
                if found is not None:
                    break
            if found == "aside" and "widget" in tokens:
                # Blogger names every gadget ``widget <Type>``: the post column's is
                # ``widget Blog`` (with the posts and the Newer/Older/Home pager),
                # ``widget Header`` the blog title and ``widget Navbar`` the bar.
                for token in tokens:
                    kind = _BLOGGER_WIDGETS.get(token)
                    if kind is not None:
                        return kind
    return found


def classify(tag: str, attrs: Attributes, scoped: bool) -> str | None:
    """The region element *tag* with *attrs* opens, or ``None`` when it is no landmark."""
    role = attrs.get("role")
    if role:
        for token in role.lower().split():
            region = _ROLES.get(token)
            if region is not None:
                if region in ("header", "footer") and scoped:
                    break
                if region == "content" and _convention(attrs) == "comment":
                    return "comment"  # <article role="article" class="comment">
                return region
            break  # only the first recognised role token applies (ARIA fallback roles)
    region = _ELEMENTS.get(tag)
    if region is not None:
        if tag == "article" and _convention(attrs) == "comment":
            # WordPress writes each comment as <article class="comment-body">.
            return "comment"
        return region
    if tag in _SCOPED_ELEMENTS:
        return None if scoped else tag
    if tag in ("html", "body"):
        return None
    found = _convention(attrs)
    if found in ("header", "footer") and scoped:
        return None
    return found


def step(tag: str, attrs: Attributes, scoped: bool) -> tuple[str | None, bool]:
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


def enter(state: RegionState, tag: str, attrs: Attributes) -> RegionState:
    """The state inside element *tag* with *attrs*, given the *state* of its parent.

    *tag* is the local name of an HTML element, ``{namespace}local`` of another.
    """
    if not attrs and tag not in _LANDMARK_TAGS:
        return state
    region, scoped = step(tag, attrs, state.scoped)
    if region == "content" and state.region == "comment":
        # A reply written as an <article> (Kinja's section.js_replies, WordPress's
        # ol.comment-list) is still part of the comments.
        region = None
    if region is None:
        return state if scoped == state.scoped else RegionState(state.region, scoped)
    return RegionState(region, scoped)


# What decides one step: the parent's state, the tag, and its class, id and role.
_Key = tuple[RegionState, str, "str | None", "str | None", "str | None"]


class Stepper:
    """:func:`enter` for the elements of one document, each distinct element worked out once.

    Only an element's tag and its ``class``, ``id`` and ``role`` decide, and a page
    repeats few of them.  One stepper serves one walk (it is never shared).
    """

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[_Key, RegionState] = {}

    def enter(self, state: RegionState, tag: str, attrs: Attributes) -> RegionState:
        """The state inside element *tag* with *attrs*, given the *state* of its parent."""
        key: _Key
        if not attrs:
            if tag not in _LANDMARK_TAGS:
                return state
            key = (state, tag, None, None, None)
        else:
            get = attrs.get
            key = (state, tag, get("class"), get("id"), get("role"))
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = enter(state, tag, attrs)
        return known
