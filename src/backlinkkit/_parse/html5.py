"""The html5lib backend: parse with html5lib, then one iterative walk."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from .. import regions
from .._infra import ascii_lower, strip_ascii_whitespace
from .raw import RawAnchor, RawDocument, RawLinkElement

__all__ = ["walk"]

HTML_NS = "{http://www.w3.org/1999/xhtml}"
_A = HTML_NS + "a"
_AREA = HTML_NS + "area"
_IMG = HTML_NS + "img"
_BASE = HTML_NS + "base"
_META = HTML_NS + "meta"
_LINK = HTML_NS + "link"
_SCRIPT = HTML_NS + "script"
_TITLE = HTML_NS + "title"
_TEMPLATE = HTML_NS + "template"
_SVG = "{http://www.w3.org/2000/svg}svg"
_NS_LEN = len(HTML_NS)
_JSON_LD = "application/ld+json"
_INTERESTING = frozenset({_A, _AREA, _IMG, _SVG, _BASE, _META, _LINK, _SCRIPT, _TITLE})
_CONTENT_LANGUAGE = "content-language"


class _Open:
    """An ``a``/``area`` being collected while the walk is inside it."""

    __slots__ = ("alts", "attrs", "has_image", "index", "parts", "region", "tag")

    def __init__(self, tag: str, attrs: Any, region: str, index: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.region = region
        self.index = index
        self.parts: list[str] = []
        self.alts: list[str] = []
        self.has_image = tag == "area"


def walk(root: ET.Element, depth_capped: bool = False, recovered: int = 0) -> RawDocument:
    """Walk the parsed tree once, without recursion, collecting a :class:`RawDocument`."""
    base_href: str | None = None
    metas: list[tuple[str, str]] = []
    link_elements: list[RawLinkElement] = []
    json_ld: list[str] = []
    title: str | None = None
    content_languages: list[str] = []
    anchors: list[RawAnchor | None] = []
    open_anchors: list[_Open] = []
    enter = regions.Stepper().enter
    comment_tag = ET.Comment

    # Stack entries: (element, region state, anchor opened by it or None); a None
    # element marks "leave the element below" so tails are handled in order.
    state = regions.ROOT
    stack: list[Any] = [(root, state)]
    # Iterative pre-order walk with explicit "exit" markers.
    while stack:
        item = stack.pop()
        element = item[0]
        if element is None:
            # exit marker: (None, element, opened_anchor)
            _, closed, leaving = item
            if leaving is not None:
                open_anchors.pop()
                anchors[leaving.index] = _finish(leaving)
            tail = closed.tail
            if tail and open_anchors:
                for anchor in open_anchors:
                    anchor.parts.append(tail)
            continue
        state = item[1]
        tag = element.tag
        if tag is comment_tag or not isinstance(tag, str):
            tail = element.tail
            if tail and open_anchors:
                for anchor in open_anchors:
                    anchor.parts.append(tail)
            continue
        attrs = element.attrib
        opened: _Open | None = None
        if tag in _INTERESTING:
            if tag in (_A, _AREA):
                if "href" in attrs:
                    opened = _Open(tag[_NS_LEN:], attrs, state.region, len(anchors))
                    anchors.append(None)
                    if tag == _AREA:
                        alt = attrs.get("alt")
                        if alt:
                            opened.alts.append(alt)
            elif tag == _IMG:
                alt = attrs.get("alt")
                for anchor in open_anchors:
                    anchor.has_image = True
                    if alt:
                        anchor.alts.append(alt)
            elif tag == _SVG:
                for anchor in open_anchors:
                    anchor.has_image = True
            elif tag == _BASE:
                if base_href is None and "href" in attrs:
                    base_href = attrs["href"]
            elif tag == _META:
                name = attrs.get("name")
                content = attrs.get("content")
                if name is not None and content is not None:
                    metas.append((name, content))
                if (
                    content is not None
                    and ascii_lower(attrs.get("http-equiv") or "") == _CONTENT_LANGUAGE
                ):
                    content_languages.append(content)
            elif tag == _LINK:
                if "href" in attrs:
                    link_elements.append(
                        RawLinkElement(
                            attrs["href"],
                            attrs.get("rel"),
                            attrs.get("hreflang"),
                            attrs.get("type"),
                        )
                    )
            elif tag == _SCRIPT:
                if ascii_lower(strip_ascii_whitespace(attrs.get("type") or "")) == _JSON_LD:
                    json_ld.append("".join(element.itertext()))
            elif tag == _TITLE and title is None:
                title = "".join(element.itertext())
        elif tag == _TEMPLATE:
            # Template contents are a separate document fragment: not in the tree.
            tail = element.tail
            if tail and open_anchors:
                for anchor in open_anchors:
                    anchor.parts.append(tail)
            continue
        text = element.text
        if opened is not None:
            open_anchors.append(opened)
        if text and open_anchors:
            for anchor in open_anchors:
                anchor.parts.append(text)
        if len(element):
            local = tag[_NS_LEN:] if tag.startswith(HTML_NS) else tag
            new_state = enter(state, local, attrs)
            stack.append((None, element, opened))
            stack.extend((child, new_state) for child in reversed(element))
        else:
            if opened is not None:
                open_anchors.pop()
                anchors[opened.index] = _finish(opened)
            tail = element.tail
            if tail and open_anchors:
                for anchor in open_anchors:
                    anchor.parts.append(tail)
    return RawDocument(
        base_href=base_href,
        metas=tuple(metas),
        link_elements=tuple(link_elements),
        json_ld=tuple(json_ld),
        title=title,
        anchors=tuple(a for a in anchors if a is not None),
        depth_capped=depth_capped,
        recovered=recovered,
        lang=root.attrib.get("lang"),
        content_languages=tuple(content_languages),
    )


def _finish(opened: _Open) -> RawAnchor:
    attrs = opened.attrs
    return RawAnchor(
        tag=opened.tag,
        href=attrs["href"],
        rel=attrs.get("rel"),
        text="".join(opened.parts),
        alts=tuple(opened.alts),
        aria_label=attrs.get("aria-label"),
        title=attrs.get("title"),
        region=opened.region,
        has_image=opened.has_image,
    )
