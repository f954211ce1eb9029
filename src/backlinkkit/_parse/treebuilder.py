"""html5lib tree construction with Chromium's depth cap, in time linear in the input.

:func:`parse` builds exactly the tree ``html5lib.parse(text, treebuilder="etree",
namespaceHTMLElements=True)`` builds, for every document in which no element is
inserted while the stack of open elements holds more than :data:`MAX_DEPTH` (512)
elements (checked on the 1,592 document cases of the html5lib-tests tree-construction
suite and on the 382 corpus pages).  Past that point it follows Chromium:
``HTMLConstructionSite::AttachLater`` attaches the node to the current node's parent
instead of the current node when ``open_elements_.StackDepth() >
kMaximumHTMLParserDOMTreeDepth``, so every element is kept but insertions stop going
deeper; text still goes into the current node.  Chromium 156 applies the rule to a
comment one level deeper than to an element, and so does this module.  (The adoption
agency still moves nodes deeper, in Chromium too.)

Why the work is linear in the input:

* html5lib's cost per token grows with the depth of the stack of open elements (scope
  checks, "any other end tag", list items and the adoption agency scan it from the
  top; reconstruction and ``[::-1]`` copy or search it) and with the length of the list
  of active formatting elements (the Noah's Ark clause scans it for every formatting
  start tag).  Chromium keeps its whole stack; here, once the cap is reached, html5lib
  sees only the bottom ``MAX_DEPTH + 1`` entries and the :data:`WINDOW` most recent
  ones.  Older entries above the cap wait in an overflow list: they stay open (the
  reconstruction of active formatting elements treats them as open) and come back,
  most recent first, when pops empty the window, so a run of end tags closes them one
  by one as in Chromium.  Scope checks read the bottom from a cache kept until the
  bottom changes.  Past the cap the list of active formatting elements keeps at most
  :data:`FORMATTING_SEGMENT` entries after its last marker and about
  :data:`FORMATTING_TOTAL` in all, oldest dropped first (as the Noah's Ark clause drops
  them).  Every scan therefore reads at most ``MAX_DEPTH + 1 + WINDOW`` entries.
* Independently of the cap, without changing the tree: text that arrives in many
  pieces (``a&amp;a&amp;...``) is extended in place instead of copied each time; foster
  parenting looks for the table among the last children of its parent instead of
  copying the child list; generating implied end tags is a loop, not a recursion; the
  tokenizer extends tag and attribute names in place, no longer searches every
  earlier attribute of a tag for a duplicate, nor hands over the input stream's
  character errors with ``list.pop(0)``; parse errors are not recorded.  (Other
  tokens html5lib builds by copying stay quadratic in their own length: a 1 MB
  comment made of ``x-`` took 20 s, a 1 MB attribute value made of ``&amp;`` 4 s.)

Memory (the same tree, built in less): the text is read from a list of pieces that
is emptied as it goes, not from the ``io.StringIO`` copy html5lib makes (4 bytes a
character); an element's wrapper keeps no list of its children's wrappers, so that it
is freed once the parser no longer holds it instead of living until the parse ends
(see :class:`_Element`); tag and attribute names are interned, and an element without
attributes gets no attribute dict.

Where a capped tree may differ from Chromium's: a scope check, an end tag or the
adoption agency does not see open elements waiting in the overflow list, so content
after such a tag may land in another element at the capped depth.

html5lib 1.1 fails an assertion on a few documents (``<svg><select><title><table>``);
past the cap its stack may lack an element its assertions expect.  The parser then
drops that token, resets the insertion mode from the stack and goes on
(:attr:`ParsedTree.recovered` counts such tokens), so :func:`parse` never raises.
"""

from __future__ import annotations

import sys
import weakref
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator, MutableMapping
from typing import Any, NamedTuple, cast

import html5lib
from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import (
    EOF,
    asciiLetters,
    asciiUpper2Lower,
    namespaces,
    spaceCharacters,
    tokenTypes,
)
from html5lib.treebuilders import base as _base
from html5lib.treebuilders import getTreeBuilder

from ..errors import InvalidInputError
from .inbody import InBodyPhase
from .raw import MAX_DEPTH

__all__ = [
    "FORMATTING_SEGMENT",
    "FORMATTING_TOTAL",
    "MAX_DEPTH",
    "WINDOW",
    "ParsedTree",
    "parse_tree",
]

#: Open elements above the cap kept on the stack html5lib scans (the most recent ones).
WINDOW = 64
#: Past the cap: most active formatting elements kept after the last marker.
FORMATTING_SEGMENT = 32
#: Past the cap: most entries (elements and markers) kept in the list of active
#: formatting elements; when it grows to twice this, the oldest are dropped.
FORMATTING_TOTAL = 1024

#: Entries at the bottom of the stack that are never moved to the overflow list:
#: the elements inserted while the stack was at most :data:`MAX_DEPTH` deep.
_BOTTOM = MAX_DEPTH + 1
#: Children of a parent searched from the end before falling back to a full search.
_NEAR_END = 8
#: Elements popped by "generate implied end tags" (html5lib checks the local name only).
_IMPLIED_END = frozenset(("dd", "dt", "li", "option", "optgroup", "p", "rp", "rt"))

_HTML_NS = "http://www.w3.org/1999/xhtml"
#: Characters html5lib's input stream reads at a time (``_defaultChunkSize``).
_PIECE = 10240

_EtreeBuilder: Any = getTreeBuilder("etree")
_EtreeElement: Any = _EtreeBuilder.elementClass
_Marker = _base.Marker


def _child_index(parent: ET.Element, child: ET.Element) -> int:
    """Index of *child* in *parent*: the same as ``list(parent).index(child)``,
    looking at the last few children first (where foster parenting finds its table)."""
    n = len(parent)
    i = n - 1
    stop = n - _NEAR_END
    while i >= stop and i >= 0:
        if parent[i] is child:
            # An ElementTree child appears once under a parent built by html5lib,
            # so the last occurrence is the first.
            return i
        i -= 1
    return list(parent).index(child)


class _Element(_EtreeElement):  # type: ignore[misc]
    """html5lib's etree element with the same tree operations in linear time, and a
    smaller tree: tag and attribute names are interned (one string per distinct name,
    not one per element) and an element without attributes gets no attribute dict.

    html5lib's element is a wrapper around the ElementTree element that keeps a list of
    its children's wrappers, so that every wrapper of the document lives (in reference
    cycles) until the parse ends: about a third of the memory of a parse.  Here a
    wrapper holds no children: the ElementTree element has them, and a wrapper lives
    only while the parser holds it (the stack of open elements, the list of active
    formatting elements, a child's ``parent``).  What html5lib reads from the child
    list is kept exact: the children inserted with :meth:`insertBefore` (foster
    parenting), which html5lib leaves out of it, are remembered by their parent, and
    :meth:`reparentChildren` (the adoption agency) finds the wrappers still alive
    through :attr:`_live`, a weak map from ElementTree element to wrapper that each
    parse makes for its own subclass (:meth:`_TreeBuilder.reset`).
    """

    #: ElementTree element -> its wrapper while the wrapper lives (a weak map each
    #: parse gives its own subclass).
    _live: MutableMapping[ET.Element, _Element]

    def __init__(self, name: str, namespace: str | None = None) -> None:
        # html5lib's, without the child list and the unused flag list.
        self._name = name
        self._namespace = namespace
        self._element = element = ET.Element(self._getETreeTag(name, namespace))
        self.nameTuple = (_HTML_NS if namespace is None else namespace, name)
        self.parent: Any = None
        self._live[element] = self

    def _unlisted(self) -> dict[int, ET.Element]:
        """The children inserted by :meth:`insertBefore` (by ``id``), which html5lib's
        element leaves out of its child list (so that ``reparentChildren`` drops them
        and ``removeChild`` fails on them)."""
        unlisted: dict[int, ET.Element] | None = self.__dict__.get("_unlisted_children")
        if unlisted is None:
            unlisted = {}
            self._unlisted_children = unlisted
        return unlisted

    def _is_unlisted(self, element: ET.Element) -> bool:
        unlisted: dict[int, ET.Element] | None = self.__dict__.get("_unlisted_children")
        return unlisted is not None and id(element) in unlisted

    def appendChild(self, node: Any) -> None:  # noqa: N802
        self._element.append(node._element)
        node.parent = self

    def removeChild(self, node: Any) -> None:  # noqa: N802
        element = node._element
        # html5lib removes the wrapper from its child list first: a ValueError when it
        # is not there (an unlisted child), before anything changes.
        if self._is_unlisted(element):
            raise ValueError("list.remove(x): x not in list")
        self._element.remove(element)
        node.parent = None

    def reparentChildren(self, newParent: Any) -> None:  # noqa: N802, N803
        # html5lib's etree version, then base.Node's: the listed children move, in
        # order, and the whole ElementTree child list is cleared.
        element = self._element
        target = newParent._element
        listed = [child for child in target if not newParent._is_unlisted(child)]
        if listed:
            listed[-1].tail += element.text
        else:
            if not target.text:
                target.text = ""
            if element.text is not None:
                target.text += element.text
        element.text = ""
        live = self._live
        for child in list(element):
            if self._is_unlisted(child):
                continue
            target.append(child)
            wrapper = live.get(child)
            if wrapper is not None:
                wrapper.parent = newParent
        del element[:]
        self.__dict__.pop("_unlisted_children", None)

    def _getETreeTag(self, name: str, namespace: str | None) -> str:  # noqa: N802
        return sys.intern(name if namespace is None else f"{{{namespace}}}{name}")

    def _setAttributes(self, attributes: Any) -> None:  # noqa: N802
        # html5lib's, without creating an empty dict for an element without attributes.
        element = self._element
        if element.keys():
            element.attrib.clear()
        if attributes:
            attrib = element.attrib
            for key, value in attributes.items():
                if isinstance(key, tuple):
                    key = f"{{{key[2]}}}{key[1]}"
                attrib[sys.intern(key)] = value

    attributes = property(_EtreeElement._getAttributes, _setAttributes)

    def insertBefore(self, node: Any, refNode: Any) -> None:  # noqa: N802, N803
        element = self._element
        element.insert(_child_index(element, refNode._element), node._element)
        node.parent = self
        self._unlisted()[id(node._element)] = node._element

    def insertText(self, data: str, insertBefore: Any = None) -> None:  # noqa: N802, N803
        element = self._element
        if not len(element):
            target, tail = element, False
        elif insertBefore is None:
            target, tail = element[-1], True
        else:
            index = _child_index(element, insertBefore._element)
            if index > 0:
                target, tail = element[index - 1], True
            else:
                target, tail = element, False
        # Detach the old string before appending so that CPython extends it in place
        # instead of copying it (html5lib's ``+=`` on the attribute copies it, which
        # is quadratic when a long text arrives in many pieces).
        if tail:
            text = target.tail
            if not text:
                target.tail = data
                return
            target.tail = None
            text += data
            target.tail = text
        else:
            text = target.text
            if not text:
                target.text = data
                return
            target.text = None
            text += data
            target.text = text


class _ActiveFormattingElements(_base.ActiveFormattingElements):  # type: ignore[misc]
    """The list of active formatting elements; bounded once the depth cap is reached."""

    #: Set when the depth cap is reached: from then on appends trim the list.
    limited = False

    def append(self, node: Any) -> None:
        _base.ActiveFormattingElements.append(self, node)
        if self.limited:
            _trim_formatting(self)


def _trim_formatting(entries: list[Any]) -> None:
    """Drop the oldest entries beyond :data:`FORMATTING_SEGMENT` after the last marker
    and, when the list reaches twice :data:`FORMATTING_TOTAL`, the oldest overall."""
    if len(entries) >= 2 * FORMATTING_TOTAL:
        del entries[: len(entries) - FORMATTING_TOTAL]
    i = len(entries) - 1
    while i >= 0 and entries[i] is not _Marker:
        i -= 1
    excess = len(entries) - 1 - i - FORMATTING_SEGMENT
    if excess > 0:
        del entries[i + 1 : i + 1 + excess]


#: The scope variants of html5lib's ``elementInScope``, in the order of the counts
#: :class:`_CappedStack` keeps.
_VARIANTS: tuple[str | None, ...] = tuple(_base.listElementsMap)


class _CappedStack(list[Any]):
    """The stack of open elements once the cap is reached.

    Pops that empty the window bring back the most recent elements from the overflow
    list; :attr:`version` changes whenever an entry among the bottom ``_BOTTOM``
    changes, so that scope checks can reuse what they found there.  For the window
    (the entries above the bottom) it counts the elements of each name and, for each
    scope variant, the elements that end that scope, so that a scope check whose
    target and boundaries are all absent from the window (every start tag asks for a
    ``p`` in button scope) is answered without scanning it.  Pushes and pops at the
    top keep the counts; any other change recounts the window when next asked.
    """

    __slots__ = ("_bounds", "_builder", "_dirty", "_masks", "_names", "version")

    def __init__(self, builder: _TreeBuilder, items: list[Any]) -> None:
        super().__init__(items)
        self._builder = builder
        self.version = 0
        self._names: dict[Any, int] = {}
        self._bounds = [0] * len(_VARIANTS)
        # The scope variants each element name ends (one bit per variant), per parse.
        self._masks: dict[Any, int] = {}
        self._dirty = True

    def _touch(self, index: int) -> None:
        if index < _BOTTOM:
            self.version += 1

    # -- the window's counts -----------------------------------------------------

    def _mask(self, name_tuple: Any) -> int:
        mask = self._masks.get(name_tuple)
        if mask is None:
            mask = 0
            for bit, variant in enumerate(_VARIANTS):
                boundaries, invert = _base.listElementsMap[variant]
                if invert ^ (name_tuple in boundaries):
                    mask |= 1 << bit
            self._masks[name_tuple] = mask
        return mask

    def _count(self, node: Any, step: int) -> None:
        name_tuple = node.nameTuple
        names = self._names
        names[name_tuple] = names.get(name_tuple, 0) + step
        mask = self._mask(name_tuple)
        if mask:
            bounds = self._bounds
            for bit in range(len(bounds)):
                if mask >> bit & 1:
                    bounds[bit] += step

    def window_may_decide(self, target: Any, variant: str | None) -> bool:
        """Whether the window holds *target* or an element that ends *variant*'s scope
        (if not, only the bottom of the stack decides)."""
        if self._dirty:
            self._names.clear()
            self._bounds = [0] * len(_VARIANTS)
            for node in list.__getitem__(self, slice(_BOTTOM, None)):
                self._count(node, 1)
            self._dirty = False
        return bool(self._names.get(target)) or bool(self._bounds[_VARIANTS.index(variant)])

    def drop_oldest_of_window(self) -> Any:
        """Remove and return the entry just above the bottom (to the overflow list)."""
        node = list.pop(self, _BOTTOM)
        if not self._dirty:
            self._count(node, -1)
        return node

    # -- list operations -----------------------------------------------------------

    def append(self, node: Any) -> None:
        index = len(self)
        self._touch(index)
        list.append(self, node)
        if index >= _BOTTOM and not self._dirty:
            self._count(node, 1)

    def insert(self, index: Any, node: Any) -> None:
        self._touch(min(index if index >= 0 else max(len(self) + index, 0), len(self)))
        self._dirty = True
        list.insert(self, index, node)

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            self.version += 1
        else:
            self._touch(index if index >= 0 else len(self) + index)
        self._dirty = True
        list.__setitem__(self, index, value)

    def __delitem__(self, index: Any) -> None:
        self.version += 1
        self._dirty = True
        list.__delitem__(self, index)
        self._after_removal()

    def extend(self, nodes: Any) -> None:
        self._touch(len(self))
        self._dirty = True
        list.extend(self, nodes)

    def pop(self, index: Any = -1) -> Any:
        position = index if index >= 0 else len(self) + index
        self._touch(position)
        node = list.pop(self, index)
        if not self._dirty:
            if position == len(self):  # the top
                if position >= _BOTTOM:
                    self._count(node, -1)
            else:
                self._dirty = True
        self._after_removal()
        return node

    def remove(self, node: Any) -> None:
        self._touch(self.index(node))
        self._dirty = True
        list.remove(self, node)
        self._after_removal()

    def _after_removal(self) -> None:
        if len(self) <= _BOTTOM and self._builder._overflow:
            self._builder._refill()


class _TreeBuilder(_EtreeBuilder):  # type: ignore[misc]
    """html5lib's etree tree builder with Chromium's depth cap (see the module docstring)."""

    elementClass = _Element  # noqa: N815
    #: The stack of open elements (a :class:`_CappedStack` once the cap is reached).
    openElements: list[Any]  # noqa: N815

    def reset(self) -> None:
        # Each parse its own element class, whose weak map sees only its own wrappers.
        self.elementClass = cast(
            "type[_Element]",
            type("_Element", (_Element,), {"_live": weakref.WeakValueDictionary()}),
        )
        super().reset()
        self.activeFormattingElements = _ActiveFormattingElements()
        #: True once an element or comment was inserted with more than MAX_DEPTH open.
        self.depth_capped = False
        #: Open elements above the cap that are not on the visible stack, oldest first.
        self._overflow: list[Any] = []
        self._hidden: set[Any] = set()
        self.__dict__.pop("elementInScope", None)

    # -- insertion -------------------------------------------------------------

    def insertElementNormal(self, token: dict[str, Any]) -> Any:  # noqa: N802
        element = self.elementClass(token["name"], token.get("namespace", self.defaultNamespace))
        element.attributes = token["data"]
        stack = self.openElements
        if len(stack) <= MAX_DEPTH:
            stack[-1].appendChild(element)
            stack.append(element)
            return element
        # Chromium: deeper than the cap, attach to the current node's parent.
        self._enter_capped()
        parent = self.openElements[-1]
        grandparent = parent.parent
        (grandparent if grandparent is not None else parent).appendChild(element)
        self._push(element)
        return element

    def insertElementTable(self, token: dict[str, Any]) -> Any:  # noqa: N802
        if self.openElements[-1].name not in _TABLE_INSERT_MODE:
            return self.insertElementNormal(token)
        # Foster parenting comes first in Chromium too: no depth adjustment.
        element = self.createElement(token)
        parent, insert_before = self.getTableMisnestedNodePosition()
        if insert_before is None:
            parent.appendChild(element)
        else:
            parent.insertBefore(element, insert_before)
        if len(self.openElements) > MAX_DEPTH:
            self._enter_capped()
            self._push(element)
        else:
            self.openElements.append(element)
        return element

    def insertComment(self, token: dict[str, Any], parent: Any = None) -> None:  # noqa: N802
        if parent is None:
            parent = self.openElements[-1]
        # Chromium 156 attaches a comment to the current node's parent one level
        # deeper than an element (its depth check runs after an element is pushed).
        if len(self.openElements) > MAX_DEPTH + 1:
            self._enter_capped()
            grandparent = parent.parent
            if grandparent is not None:
                parent = grandparent
        parent.appendChild(self.commentClass(token["data"]))

    def generateImpliedEndTags(self, exclude: str | None = None) -> None:  # noqa: N802
        # html5lib's version recurses once per popped element.
        while True:
            name = self.openElements[-1].name
            if name in _IMPLIED_END and name != exclude:
                self.openElements.pop()
            else:
                return

    # -- the capped state --------------------------------------------------------

    def _enter_capped(self) -> None:
        if self.depth_capped:
            return
        self.depth_capped = True
        # Replacing the list is safe: html5lib reads ``tree.openElements`` afresh
        # wherever it mutates it.
        self.openElements = _CappedStack(self, self.openElements)
        self._scope_cache: dict[tuple[Any, str | None], bool] = {}
        self._scope_version = -1
        self.elementInScope = self._element_in_scope_capped
        # Trimmed on the next append (never here: reconstruction may hold an index).
        self.activeFormattingElements.limited = True

    def _push(self, element: Any) -> None:
        stack = self.openElements
        stack.append(element)
        if len(stack) > _BOTTOM + WINDOW:
            # Move the oldest element of the window to the overflow list (index
            # _BOTTOM is above the bottom: the scope cache stays valid).
            oldest = cast(_CappedStack, stack).drop_oldest_of_window()
            self._overflow.append(oldest)
            self._hidden.add(oldest)

    def _refill(self) -> None:
        # Only called when the window is empty, so appending keeps every index below.
        overflow = self._overflow
        count = min(WINDOW, len(overflow))
        back = overflow[-count:]
        del overflow[-count:]
        self._hidden.difference_update(back)
        self.openElements.extend(back)

    def _element_in_scope_capped(self, target: Any, variant: str | None = None) -> bool:
        """html5lib's ``elementInScope`` reading the bottom of the stack from a cache."""
        if hasattr(target, "nameTuple"):  # a node, not a name: rare (``</form>``)
            return bool(_base.TreeBuilder.elementInScope(self, target, variant))
        if isinstance(target, str):
            target = (_HTML_NS, target)
        boundaries, invert = _base.listElementsMap[variant]
        stack = cast(_CappedStack, self.openElements)
        if len(stack) > _BOTTOM and stack.window_may_decide(target, variant):
            for node in reversed(stack[_BOTTOM:]):
                name_tuple = node.nameTuple
                if name_tuple == target:
                    return True
                if invert ^ (name_tuple in boundaries):
                    return False
        i = min(len(stack), _BOTTOM) - 1
        cache = self._scope_cache
        if stack.version != self._scope_version:
            cache.clear()
            self._scope_version = stack.version
        key = (target, variant)
        found = cache.get(key)
        if found is None:
            found = False
            while i >= 0:
                name_tuple = stack[i].nameTuple
                if name_tuple == target:
                    found = True
                    break
                if invert ^ (name_tuple in boundaries):
                    break
                i -= 1
            cache[key] = found
        return found

    def reconstructActiveFormattingElements(self) -> None:  # noqa: N802
        """html5lib's "reconstruct the active formatting elements", where an element
        waiting in the overflow list counts as open (it is, in Chromium's stack), and
        the current node is looked at before searching the stack from the bottom."""
        entries = self.activeFormattingElements
        if not entries:
            return
        stack = self.openElements
        hidden = self._hidden
        i = len(entries) - 1
        entry = entries[i]
        if entry is _Marker or (stack and entry is stack[-1]) or entry in stack or entry in hidden:
            return
        while entry is not _Marker and entry not in stack and entry not in hidden:
            if i == 0:
                i = -1
                break
            i -= 1
            entry = entries[i]
        while True:
            i += 1
            entry = entries[i]
            clone = entry.cloneNode()
            element = self.insertElement(
                {
                    "type": "StartTag",
                    "name": clone.name,
                    "namespace": clone.namespace,
                    "data": clone.attributes,
                }
            )
            entries[i] = element
            if element is entries[-1]:
                break


_TABLE_INSERT_MODE = frozenset(("table", "tbody", "tfoot", "thead", "tr"))
_START_TAG = tokenTypes["StartTag"]
_END_TAG = tokenTypes["EndTag"]
_HTML_NS = namespaces["html"]
#: Start tags that switch the tokenizer to another state (HTML §13.2.6.4.7, scripting off).
_TEXT_STATES = {
    "textarea": "rcdataState",
    "title": "rcdataState",
    "style": "rawtextState",
    "xmp": "rawtextState",
    "iframe": "rawtextState",
    "noembed": "rawtextState",
    "noframes": "rawtextState",
    "script": "scriptDataState",
    "plaintext": "plaintextState",
}

#: Characters that end a run of tag-name characters in html5lib's tag name state.
_TAG_NAME_STOP = frozenset(spaceCharacters) | {">", "/", "\u0000"}


class _Tokenizer(HTMLTokenizer):  # type: ignore[misc]
    """html5lib's tokenizer, iterated by one generator (so that parsing can go on after
    a token that failed) that discards the input stream's character errors at once."""

    #: True once the input is exhausted (or the tokenizer failed).
    exhausted = False

    def __init__(self, stream: str, parser: Any = None, **kwargs: Any) -> None:
        super().__init__(stream, parser=parser, **kwargs)
        # html5lib searches every 10 KB chunk for invalid code points to report
        # them as parse errors (9% of the parse time of the corpus).
        self.stream.reportCharacterErrors = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        tokens: Iterator[dict[str, Any]] | None = self.__dict__.get("_tokens")
        if tokens is None:
            tokens = self._tokens = self._generate()
        return tokens

    def _generate(self) -> Iterator[dict[str, Any]]:
        # html5lib yields each character error of the stream with ``errors.pop(0)``:
        # quadratic on a long run of control characters (250 KB of U+0001 took 22 s),
        # and parse errors do not change the tree.
        queue: deque[dict[str, Any]] = deque()
        self.tokenQueue = queue
        stream = self.stream
        skipping = 0
        try:
            while self.state():
                if stream.errors:
                    stream.errors.clear()
                while queue:
                    token = queue.popleft()
                    if skipping:
                        skipping = self._skip_template_token(token, skipping)
                        continue
                    if (
                        token["type"] == _START_TAG
                        and token["name"] == "template"
                        and self._in_html_content()
                    ):
                        skipping = 1
                        self._template_foreign = self._foreign_templates = 0
                        continue
                    yield token
        finally:
            self.exhausted = True

    # html5lib 1.1 has no <template> support: it parses template contents into the
    # document, where an unclosed element inside a template swallows the rest of the
    # page, and it treats <template> as an ordinary element (reconstructing active
    # formatting elements into it, with no marker).  In a browser the contents go to a
    # separate DocumentFragment, the template element pushes a marker, and </template>
    # closes everything opened inside it.  Neither the contents nor the template
    # element matter to the document's links, so an HTML <template>, its contents and
    # its matching </template> are dropped from the token stream here (the tokenizer
    # state changes that start tags inside cause are still made): the tree outside is
    # the browser's, without the inert template element itself.
    _template_foreign = 0
    _foreign_templates = 0

    def _in_html_content(self) -> bool:
        parser = self.parser
        if parser is None:
            return False
        phases = parser.phases
        if parser.phase in (phases["inFrameset"], phases["afterFrameset"]):
            return False  # <template> is ignored there: what follows is ordinary markup
        stack = parser.tree.openElements
        if not stack:
            return True
        node = stack[-1]
        if node.namespace in (None, _HTML_NS):
            return True
        return bool(self.parser.isHTMLIntegrationPoint(node))

    def _skip_template_token(self, token: dict[str, Any], depth: int) -> int:
        kind = token["type"]
        if kind == _START_TAG:
            name = token["name"]
            if name in ("svg", "math"):
                if not token["selfClosing"]:
                    self._template_foreign += 1
            elif self._template_foreign:
                if name == "template":
                    self._foreign_templates += 1
            elif name == "template":
                depth += 1
            else:
                state = _TEXT_STATES.get(name)
                if state is not None:
                    self.state = getattr(self, state)
        elif kind == _END_TAG:
            name = token["name"]
            if name in ("svg", "math") and self._template_foreign:
                self._template_foreign -= 1
            elif name == "template":
                if self._foreign_templates:
                    self._foreign_templates -= 1
                else:
                    # An HTML </template> closes everything opened inside, foreign or not.
                    depth -= 1
                    self._template_foreign = 0
        return depth

    def tagNameState(self) -> bool:  # noqa: N802
        # html5lib's, reading a run of name characters at once and extending the name
        # in place (``token["name"] += data`` copies the name for every character: a
        # 1 MB tag name took 40 s).
        data = self.stream.char()
        if data in spaceCharacters:
            self.state = self.beforeAttributeNameState
        elif data == ">":
            self.emitCurrentToken()
        elif data is EOF:
            self.state = self.dataState
        elif data == "/":
            self.state = self.selfClosingStartTagState
        else:
            if data == "\u0000":
                data = "\ufffd"
            else:
                data += self.stream.charsUntil(_TAG_NAME_STOP)
            token = self.currentToken
            name = token["name"]
            token["name"] = None
            name += data
            token["name"] = name
        return True

    def attributeNameState(self) -> bool:  # noqa: N802
        # html5lib's, less the search for an earlier attribute of the same name on
        # leaving the state (quadratic in the number of attributes: a tag with 32,000
        # attributes took 7 s; the search only reports a parse error, and duplicates
        # are still dropped when the tag is emitted), and extending the name in place.
        data = self.stream.char()
        attribute = self.currentToken["data"][-1]
        if data == "=":
            self.state = self.beforeAttributeValueState
        elif data in spaceCharacters:
            self.state = self.afterAttributeNameState
        elif data == "/":
            self.state = self.selfClosingStartTagState
        elif data is EOF:
            self.state = self.dataState
        elif data == ">":
            attribute[0] = attribute[0].translate(asciiUpper2Lower)
            self.emitCurrentToken()
            return True
        else:
            if data in asciiLetters:
                data += self.stream.charsUntil(asciiLetters, True)
            elif data == "\u0000":
                data = "\ufffd"
            # Any other character, ' " and < included (a parse error), is kept.
            name = attribute[0]
            attribute[0] = None
            name += data
            attribute[0] = name
            return True
        attribute[0] = attribute[0].translate(asciiUpper2Lower)
        return True


#: html5lib's "reset the insertion mode appropriately" table.
_MODES = {
    "select": "inSelect",
    "td": "inCell",
    "th": "inCell",
    "tr": "inRow",
    "tbody": "inTableBody",
    "thead": "inTableBody",
    "tfoot": "inTableBody",
    "caption": "inCaption",
    "colgroup": "inColumnGroup",
    "table": "inTable",
    "head": "inBody",
    "body": "inBody",
    "frameset": "inFrameset",
    "html": "beforeHead",
}


class _Parser(html5lib.HTMLParser):  # type: ignore[misc]
    """html5lib's parser without parse-error bookkeeping, going on after a token that
    html5lib fails on (see :meth:`mainLoop`)."""

    #: Tokens skipped because html5lib raised while processing them.
    recovered = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Chromium 156's special elements and p-closing tags (see inbody.py).
        self.phases["inBody"] = InBodyPhase(self, self.tree)

    def _parse(
        self,
        stream: str,
        innerHTML: bool = False,  # noqa: N803
        container: str = "div",
        scripting: bool = False,
        **kwargs: Any,
    ) -> None:
        # html5lib's, less the re-parse on an encoding change (never for a str).
        self.innerHTMLMode = innerHTML
        self.container = container
        self.scripting = scripting
        self.tokenizer = _Tokenizer(stream, parser=self, **kwargs)
        self.reset()
        self.recovered = 0
        self.mainLoop()

    def parseError(self, errorcode: str = "", datavars: Any = None) -> None:  # noqa: N802
        """Ignore a parse error (html5lib records each with its line and column)."""

    def mainLoop(self) -> None:  # noqa: N802
        """html5lib's main loop, where an exception in one token skips that token.

        html5lib 1.1 fails an assertion on a few tiny documents (for example
        ``<svg><select><title><table></table>``), and past the depth cap its stack
        may miss an element Chromium's holds (a table, a select), which some of its
        assertions only expect when parsing a fragment.  The token is dropped, the
        insertion mode is reset from the stack of open elements, and parsing goes on.
        """
        while True:
            try:
                html5lib.HTMLParser.mainLoop(self)
            except MemoryError:
                raise
            except Exception:
                self.recovered += 1
                if self.tokenizer.exhausted:
                    return
                self._reset_insertion_mode()
            else:
                return

    def _reset_insertion_mode(self) -> None:
        # html5lib's resetInsertionMode without its fragment-only assertions.
        stack = self.tree.openElements
        html = self.tree.defaultNamespace
        for node in reversed(stack):
            if node.namespace != html and node is not stack[0]:
                continue
            mode = _MODES.get(node.name)
            if mode is not None:
                self.phase = self.phases[mode]
                return
        self.phase = self.phases["inBody"]


class ParsedTree(NamedTuple):
    """What :func:`parse_tree` returns."""

    #: The root ``html`` element.
    root: ET.Element
    #: True when an element was inserted with more than :data:`MAX_DEPTH` elements open.
    depth_capped: bool
    #: Tokens skipped because html5lib raised on them (0 on nearly every page).
    recovered: int


class _Pieces:
    """The page text as html5lib's input stream reads it: ``read(size)`` gives the next
    *size* characters, as ``io.StringIO(text)`` would, from a list of pieces that it
    empties as it goes.  (html5lib wraps a ``str`` in ``io.StringIO``, which copies it
    at 4 bytes a character whatever the characters.)"""

    __slots__ = ("_pieces",)

    def __init__(self, pieces: list[str]) -> None:
        pieces.reverse()  # the next piece last, so that each read pops it
        self._pieces = pieces

    def read(self, size: int = -1) -> str:
        pieces = self._pieces
        if size == 0 or not pieces:
            return ""
        if size < 0:
            out = "".join(reversed(pieces))
            pieces.clear()
            return out
        piece = pieces.pop()
        while len(piece) < size and pieces:
            piece += pieces.pop()
        if len(piece) > size:
            pieces.append(piece[size:])
            piece = piece[:size]
        return piece


def parse_tree(text: str | list[str]) -> ParsedTree:
    """Parse *text* as a browser does with scripting disabled; never raises on a ``str``.

    *text* is a ``str`` or a list of its pieces in order (as
    :func:`backlinkkit._parse.split_text` makes it), which this empties as it parses.
    The root is html5lib's ``etree`` tree (HTML elements in the XHTML namespace).
    Raises :class:`~backlinkkit.errors.InvalidInputError` when *text* is neither
    (html5lib would sniff the encoding of bytes itself).
    """
    if isinstance(text, str):
        pieces = [text[i : i + _PIECE] for i in range(0, len(text), _PIECE)]
    elif isinstance(text, list) and all(isinstance(piece, str) for piece in text):
        pieces = text
    else:
        raise InvalidInputError(
            f"text={text!r:.60}: expected str or a list of str, got {type(text).__name__}"
        )
    parser = _Parser(tree=_TreeBuilder, namespaceHTMLElements=True)
    root = cast(ET.Element, parser.parse(_Pieces(pieces)))
    return ParsedTree(root, bool(parser.tree.depth_capped), parser.recovered)
