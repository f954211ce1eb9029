"""The Lexbor backend: selectolax's Lexbor parser, one CSS query, ancestors per hit.

Lexbor builds the tree the HTML Standard describes, in C.  Instead of a Python
visit of every node, one CSS query returns the elements extraction needs, in
document order, and each hit's ancestors are read once (cached per node) to
decide what :func:`backlinkkit._parse.html5.walk` decides during its walk: the
element's namespace, its region and the anchors that contain it.

Three things need care to give the same
:class:`~backlinkkit._parse.raw.RawDocument` as the html5lib backend:

* **Namespaces.**  selectolax exposes tag names, not namespaces, and its CSS
  engine ignores ``svg|a``.  A node's namespace follows from its parent's by
  the tree-construction rules: children of HTML elements and of HTML
  integration points are HTML unless they are ``svg``/``math``; children of
  MathML text integration points likewise, except ``mglyph``/``malignmark``;
  children of other SVG and MathML elements share their parent's namespace,
  except ``svg`` in ``annotation-xml``.  Nothing else puts a foreign element
  under an HTML one: the adoption agency algorithm could move a foreign
  *special* element, but those are scope boundaries, so it never reaches them.
  (The HTML ``p``/``br`` that ``</p>``/``</br>`` used to insert into foreign
  content are childless, and current parsers break out of foreign content
  instead.)
* **The depth cap.**  Lexbor has none.  Chromium 156 (measured) attaches an
  element that would be pushed as the 514th open element (``html`` is the
  1st) to the element at depth 512 instead of the current node; a void
  element, which is never pushed, only when more than 513 elements are open;
  text always stays in the element it was written in.  So no element is
  deeper than 513, or 514 for a void one.  This backend maps Lexbor's tree
  onto that shape: elements deeper than the cap contain nothing but their own
  text, what they held belongs to the depth-512 ancestor (regions, anchors,
  image alts), and the text of an anchor above the cap is read in Chromium's
  order.  A childless SVG/MathML element at depth 514 counts as pushed: the
  tree cannot tell ``<path/>`` (not pushed) from ``<path></path>``.
* **Lone surrogates** (possible in a Python ``str``, never in decoded bytes)
  cannot be handed to Lexbor as UTF-8; they are swapped for private-use
  characters absent from the page and swapped back in every collected string.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final, NamedTuple

from .. import regions
from .._infra import ascii_lower, strip_ascii_whitespace
from ..errors import MissingDependencyError
from .raw import MAX_DEPTH, RawAnchor, RawDocument, RawLinkElement

__all__ = ["MIN_SELECTOLAX", "available", "collect", "parse_and_collect", "parser_class"]

#: The oldest selectolax whose Lexbor this backend was verified against.
MIN_SELECTOLAX = (1, 0, 2)

_INSTALL = 'pip install "backlinkkit[fast]"'

# Everything the walk looks at.  ``img`` and ``svg`` only inside an ``a[href]``:
# images outside links are never read.  Results come in document order.
_QUERY = (
    "a[href], area[href], a[href] img, a[href] svg, base[href], meta[name][content], "
    "meta[http-equiv][content], link[href], script[type], title"
)
# Elements at depth 514 or more (``html`` being 1): only they can be past the cap.
# One exists iff one is a first child, which is much cheaper to look for.
_DEEPER = "*" + " > *" * (MAX_DEPTH + 1)
_DEEP_PROBE = _DEEPER + ":first-child"

_HTML = 0
_SVG = 1
_MATH = 2
_NS_PREFIX = ("", "{http://www.w3.org/2000/svg}", "{http://www.w3.org/1998/Math/MathML}")

# How a parent decides the namespace of its children.
_CHILDREN_HTML = 0  # HTML elements and HTML integration points
_CHILDREN_MATHTEXT = 1  # MathML text integration points
_CHILDREN_FOREIGN = 2  # any other SVG or MathML element
_CHILDREN_ANNOTATION = 3  # MathML annotation-xml that is no HTML integration point

_JSON_LD = "application/ld+json"
_SURROGATES = re.compile("[\ud800-\udfff]")
_PRIVATE_PLANES = (0xF0000, 0x100000, 0xE000)


# The context of one element, cached per Lexbor node.  "Held" means what Chromium
# attaches to the element: children that are not void (pushed on the stack of open
# elements) and void children differ just below the cap.
_Ctx = tuple[
    int,  # namespace: _HTML, _SVG or _MATH
    int,  # how the namespace of its children is decided (_CHILDREN_*)
    bool,  # void: an HTML element the parser never pushes (img, br, area ...)
    int,  # depth in Lexbor's tree, html being 1
    regions.RegionState,  # the region state of the non-void elements it holds
    regions.RegionState,  # ... of the void elements it holds
    tuple[int, ...],  # positions of the anchors containing the non-void elements it holds
    tuple[int, ...],  # ... the void elements it holds
]
_NS: Final = 0
_CHILDREN: Final = 1
_VOID: Final = 2
_DEPTH: Final = 3
_INNER: Final = 4
_INNER_VOID: Final = 5
_HELD: Final = 6
_HELD_VOID: Final = 7
_DOCUMENT: _Ctx = (_HTML, _CHILDREN_HTML, False, 0, regions.ROOT, regions.ROOT, (), ())
_VOID_NAMES = (
    "area",
    "base",
    "basefont",
    "bgsound",
    "br",
    "col",
    "embed",
    "frame",
    "hr",
    "img",
    "input",
    "keygen",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
)


class _Tags(NamedTuple):
    """Lexbor's tag ids (one per name, whatever the namespace) for the names used here."""

    a: int
    area: int
    img: int
    base: int
    meta: int
    link: int
    script: int
    title: int
    svg: int
    math: int
    annotation_xml: int
    #: ``mglyph`` and ``malignmark``.
    math_glyphs: frozenset[int]
    #: HTML elements inserted without being pushed on the stack of open elements.
    void: frozenset[int]
    svg_html_points: frozenset[int]
    math_text_points: frozenset[int]


@functools.cache
def _tags() -> _Tags:
    """The tag ids of this Lexbor build, read from a parsed sample."""
    parser = parser_class()
    svg_names = ("svg", "foreignObject", "desc", "title")
    math_names = ("math", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "mglyph", "malignmark")
    html_names = ("a", "area", "img", "base", "meta", "link", "script")
    sample = (
        "<svg>" + "".join(f"<{n}></{n}>" for n in svg_names[1:]) + "</svg>"
        "<math>"
        + "".join(f"<{n}></{n}>" for n in math_names[1:])
        + "</math>"
        + "".join(f"<{n}>" for n in html_names)
    )
    void_sample = "".join(f"<{n}>" for n in _VOID_NAMES if n not in ("col", "frame"))
    ids: dict[str, int] = {}
    for markup in (sample, void_sample, "<table><col></table>", "<frameset><frame></frameset>"):
        for node in parser(markup).css("*"):
            ids.setdefault(node.tag.lower(), node.tag_id)
    get = ids.__getitem__
    return _Tags(
        a=get("a"),
        area=get("area"),
        img=get("img"),
        base=get("base"),
        meta=get("meta"),
        link=get("link"),
        script=get("script"),
        title=get("title"),
        svg=get("svg"),
        math=get("math"),
        annotation_xml=get("annotation-xml"),
        math_glyphs=frozenset(map(get, ("mglyph", "malignmark"))),
        void=frozenset(map(get, _VOID_NAMES)),
        svg_html_points=frozenset(map(get, ("foreignobject", "desc", "title"))),
        math_text_points=frozenset(map(get, ("mi", "mo", "mn", "ms", "mtext"))),
    )


@functools.cache
def parser_class() -> Any:
    """``selectolax.lexbor.LexborHTMLParser``, or :class:`MissingDependencyError`."""
    try:
        import selectolax
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as exc:
        raise MissingDependencyError(
            f'backend="lexbor" needs selectolax, which is not installed: {_INSTALL}'
        ) from exc
    version = getattr(selectolax, "__version__", "0")
    if _version_tuple(version) < MIN_SELECTOLAX:
        raise MissingDependencyError(
            f'backend="lexbor" needs selectolax>={".".join(map(str, MIN_SELECTOLAX))}, '
            f'found {version}: pip install -U "backlinkkit[fast]"'
        )
    return LexborHTMLParser


def _version_tuple(version: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in version.split(".")[:3]:
        digits = re.match(r"\d+", part)
        numbers.append(int(digits.group()) if digits else 0)
    return tuple(numbers)


def available() -> bool:
    """True when a suitable selectolax is installed."""
    try:
        parser_class()
    except MissingDependencyError:
        return False
    return True


def parse_and_collect(text: str | list[str]) -> RawDocument:
    """Parse *text* with Lexbor (scripting disabled) and collect its :class:`RawDocument`.

    *text* is a ``str`` or a list of its pieces in order, which this empties as it
    encodes them (so that no full ``str`` of the page is held while Lexbor parses).
    """
    parser = parser_class()
    if isinstance(text, list):
        text.reverse()
        encoded: list[bytes] = []
        try:
            while text:
                encoded.append(text[-1].encode("utf-8"))
                text.pop()
        except UnicodeEncodeError:  # a lone surrogate: only in a str the caller made
            whole = b"".join(encoded).decode("utf-8") + "".join(reversed(text))
            text.clear()
            return parse_and_collect(whole)
        data = b"".join(encoded)
        del encoded
        return collect(parser(data), None)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        swapped, restore = _swap_surrogates(text)
        return collect(parser(swapped.encode("utf-8")), restore)
    return collect(parser(data), None)


def _swap_surrogates(text: str) -> tuple[str, Callable[[str], str]]:
    """Replace lone surrogates by private-use characters absent from *text*."""
    for base in _PRIVATE_PLANES:
        low, high = chr(base), chr(base + 0x7FF)
        if not re.search(f"[{low}-{high}]", text):
            break
    else:  # pragma: no cover - a page using 6,144 private-use characters
        base = 0xF0000
    swap = {code: base + code - 0xD800 for code in range(0xD800, 0xE000)}
    back = {value: key for key, value in swap.items()}
    swapped = _SURROGATES.sub(lambda m: chr(swap[ord(m.group())]), text)

    def restore(value: str) -> str:
        return value.translate(back)

    return swapped, restore


def collect(tree: Any, restore: Callable[[str], str] | None = None) -> RawDocument:
    """Collect the :class:`RawDocument` of a parsed ``LexborHTMLParser`` *tree*."""
    tags = _tags()
    hits = tree.css(_QUERY)
    cache: dict[int, _Ctx] = {}
    root = tree.root
    document = root.parent if root is not None else None
    if document is not None:
        cache[document.mem_id] = _DOCUMENT
    names: dict[int, str] = {}
    enter = regions.Stepper().enter

    # Lexbor node id of each ``a`` collected -> its position among the anchors.
    anchor_at: dict[int, int] = {}

    def context(node: Any, key: int) -> _Ctx:
        """The context of *node*: read its uncached ancestors, enter them top-down."""
        pending = [(node, key)]
        parent = node.parent
        ctx = None
        while parent is not None:
            parent_key = parent.mem_id
            ctx = cache.get(parent_key)
            if ctx is not None:
                break
            pending.append((parent, parent_key))
            parent = parent.parent
        if ctx is None:  # pragma: no cover - every hit hangs from the document
            ctx = _DOCUMENT
        for element, element_key in reversed(pending):
            ctx = cache[element_key] = _enter(
                ctx, element, tags, names, enter, anchor_at.get(element_key)
            )
        return ctx

    base_href: str | None = None
    metas: list[tuple[str, str]] = []
    link_elements: list[RawLinkElement] = []
    json_ld: list[str] = []
    title: str | None = None
    content_languages: list[str] = []
    # Per anchor: (tag, attributes, region, alts, node, depth, [has image])
    anchors: list[tuple[str, dict[str, str | None], str, list[str], Any, int, list[bool]]] = []
    a_id, area_id, img_id, svg_id = tags.a, tags.area, tags.img, tags.svg
    for node in hits:
        # Every hit but ``svg`` is an element none of whose names is svg, math, mglyph
        # or malignmark: its namespace, region and anchors follow from its parent's
        # context alone, so the hit itself is entered only when a later hit lies
        # inside it.
        parent = node.parent
        if parent is None:  # pragma: no cover - every hit hangs from the document
            continue
        parent_key = parent.mem_id
        ctx = cache.get(parent_key)
        if ctx is None:
            ctx = context(parent, parent_key)
        mode = ctx[_CHILDREN]
        tag_id = node.tag_id
        if tag_id == svg_id:
            # An svg element is SVG unless a MathML parent keeps it in MathML.
            if mode != _CHILDREN_FOREIGN or ctx[_NS] == _SVG:
                for index in ctx[_HELD]:
                    anchors[index][6][0] = True
            continue
        if mode in (_CHILDREN_FOREIGN, _CHILDREN_ANNOTATION):
            continue  # an SVG or MathML element
        attrs = node.attributes
        if tag_id == a_id:
            anchor_at[node.mem_id] = len(anchors)
            anchors.append(("a", attrs, ctx[_INNER].region, [], node, ctx[_DEPTH] + 1, [False]))
        elif tag_id == img_id:
            alt = attrs.get("alt")
            for index in ctx[_HELD_VOID]:
                anchors[index][6][0] = True
                if alt:
                    anchors[index][3].append(alt)
        elif tag_id == area_id:
            alt = attrs.get("alt")
            region = ctx[_INNER_VOID].region
            anchors.append(
                ("area", attrs, region, [alt] if alt else [], node, ctx[_DEPTH] + 1, [True])
            )
        elif tag_id == tags.meta:
            content = _attr(attrs, "content")
            if "name" in attrs and content is not None:
                metas.append((attrs.get("name") or "", content))
            if (
                content is not None
                and ascii_lower(attrs.get("http-equiv") or "") == "content-language"
            ):
                content_languages.append(content)
        elif tag_id == tags.link:
            link_elements.append(
                RawLinkElement(
                    attrs.get("href") or "",
                    _attr(attrs, "rel"),
                    _attr(attrs, "hreflang"),
                    _attr(attrs, "type"),
                )
            )
        elif tag_id == tags.script:
            if ascii_lower(strip_ascii_whitespace(attrs.get("type") or "")) == _JSON_LD:
                json_ld.append(node.text_lexbor())
        elif tag_id == tags.title:
            if title is None:
                title = node.text_lexbor()
        elif tag_id == tags.base and base_href is None:
            base_href = _attr(attrs, "href")

    capped = tree.css_first(_DEEP_PROBE) is not None and any(
        _past_cap(cache.get(deep.mem_id) or context(deep, deep.mem_id))
        for deep in tree.css(_DEEPER)
    )
    raw_anchors = []
    for tag, attrs, region, alts, node, depth, image in anchors:
        if depth > MAX_DEPTH:
            # Chromium attached what it held elsewhere: only its own text is left.
            text = node.text(deep=False)
        elif capped:
            text = _capped_text(node, depth)
        else:
            text = node.text_lexbor()
        if None in attrs.values():  # valueless attributes: "" as html5lib gives them
            attrs = {name: value or "" for name, value in attrs.items()}
        get = attrs.get
        raw_anchors.append(
            RawAnchor(
                tag,
                attrs["href"],
                get("rel"),
                text,
                tuple(alts),
                get("aria-label"),
                get("title"),
                region,
                image[0],
            )
        )
    lang = _attr(root.attributes, "lang") if root is not None else None
    raw = RawDocument(
        base_href=base_href,
        metas=tuple(metas),
        link_elements=tuple(link_elements),
        json_ld=tuple(json_ld),
        title=title,
        anchors=tuple(raw_anchors),
        depth_capped=capped,
        lang=lang,
        content_languages=tuple(content_languages),
    )
    return raw if restore is None else _restored(raw, restore)


def _past_cap(ctx: _Ctx) -> bool:
    """Whether Chromium attached this element to the depth-512 ancestor."""
    return ctx[_DEPTH] > MAX_DEPTH + (2 if ctx[_VOID] else 1)


def _enter(
    parent: _Ctx,
    node: Any,
    tags: _Tags,
    names: dict[int, str],
    enter: Callable[[regions.RegionState, str, regions.Attributes], regions.RegionState],
    anchor: int | None = None,
) -> _Ctx:
    """The context of element *node* whose parent (in Lexbor's tree) has context *parent*;
    *anchor* is its position among the anchors when it is one."""
    tag_id: int = node.tag_id
    mode = parent[_CHILDREN]
    if mode == _CHILDREN_FOREIGN:
        ns = parent[_NS]
    elif mode == _CHILDREN_ANNOTATION:
        ns = _SVG if tag_id == tags.svg else _MATH
    elif tag_id == tags.svg:
        ns = _SVG
    elif tag_id == tags.math or (mode == _CHILDREN_MATHTEXT and tag_id in tags.math_glyphs):
        ns = _MATH
    else:
        ns = _HTML
    attrs: dict[str, str | None] = node.attributes
    void = False
    if ns == _HTML:
        children = _CHILDREN_HTML
        void = tag_id in tags.void
    elif ns == _SVG:
        children = _CHILDREN_HTML if tag_id in tags.svg_html_points else _CHILDREN_FOREIGN
    elif tag_id in tags.math_text_points:
        children = _CHILDREN_MATHTEXT
    elif tag_id == tags.annotation_xml:
        encoding = ascii_lower(attrs.get("encoding") or "")
        children = (
            _CHILDREN_HTML
            if encoding in ("text/html", "application/xhtml+xml")
            else _CHILDREN_ANNOTATION
        )
    else:
        children = _CHILDREN_FOREIGN
    depth = parent[_DEPTH] + 1
    if void:
        state, anchors = parent[_INNER_VOID], parent[_HELD_VOID]
    else:
        state, anchors = parent[_INNER], parent[_HELD]
    if depth > MAX_DEPTH + 1:
        # What it holds goes to the depth-512 ancestor, whose state its parent passed on.
        return (
            ns,
            children,
            void,
            depth,
            parent[_INNER],
            parent[_INNER],
            parent[_HELD],
            parent[_HELD],
        )
    name = names.get(tag_id)
    if name is None:
        name = names[tag_id] = node.tag
    local = name if ns == _HTML else _NS_PREFIX[ns] + name
    inner = enter(state, local, attrs)
    held = anchors if anchor is None else (*anchors, anchor)
    if depth > MAX_DEPTH:
        # Depth 513: it holds its void children only; the others go to its parent.
        return (ns, children, void, depth, parent[_INNER], inner, parent[_HELD], held)
    return (ns, children, void, depth, inner, inner, held, held)


def _attr(attrs: dict[str, str | None], name: str) -> str | None:
    """Attribute *name* as html5lib gives it: ``""`` when it has no value."""
    value = attrs.get(name)
    if value is None and name in attrs:
        return ""
    return value


def _capped_text(node: Any, depth: int) -> str:
    """``textContent`` of *node* (at depth <= 512) in the tree Chromium builds.

    Elements deeper than 513 hang from the depth-512 ancestor, in document order;
    each keeps only its own text.  So an element at depth 513 or more contributes
    its own text at the place it starts, and its descendants follow.
    """
    parts: list[str] = []
    # Stack of (node, depth of node); text nodes carry the depth of their parent.
    stack: list[tuple[Any, int]] = [(child, depth + 1) for child in _children(node)][::-1]
    while stack:
        current, level = stack.pop()
        if current.is_text_node:
            if level - 1 <= MAX_DEPTH:
                parts.append(current.text())
            continue
        if not current.is_element_node:
            continue
        if level > MAX_DEPTH:
            parts.append(current.text(deep=False))
        stack.extend([(child, level + 1) for child in _children(current)][::-1])
    return "".join(parts)


def _children(node: Any) -> list[Any]:
    return list(node.iter(include_text=True))


def _restored(raw: RawDocument, restore: Callable[[str], str]) -> RawDocument:
    """*raw* with every string passed through *restore* (swapped surrogates back)."""

    def opt(value: str | None) -> str | None:
        return None if value is None else restore(value)

    return RawDocument(
        base_href=opt(raw.base_href),
        metas=tuple((restore(n), restore(c)) for n, c in raw.metas),
        link_elements=tuple(
            RawLinkElement(restore(e.href), opt(e.rel), opt(e.hreflang), opt(e.type))
            for e in raw.link_elements
        ),
        json_ld=tuple(restore(t) for t in raw.json_ld),
        title=opt(raw.title),
        anchors=tuple(
            a._replace(
                href=restore(a.href),
                rel=opt(a.rel),
                text=restore(a.text),
                alts=tuple(restore(t) for t in a.alts),
                aria_label=opt(a.aria_label),
                title=opt(a.title),
            )
            for a in raw.anchors
        ),
        depth_capped=raw.depth_capped,
        lang=opt(raw.lang),
        content_languages=tuple(restore(c) for c in raw.content_languages),
    )
