"""The seam between parser backends and extraction.

A backend parses one page and walks its tree once, returning a
:class:`RawDocument`: exactly the facts extraction needs, as plain strings.
Everything after that (URL resolution, rel, robots, anchors, relations,
social matches) is shared by all backends, so two backends that build the
same tree produce the same :class:`~backlinkkit.page.Page`.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["MAX_DEPTH", "RawAnchor", "RawDocument", "RawLinkElement"]

#: Elements deeper than this are attached to their ancestor at this depth, as
#: Chromium's parser does (``kMaximumHTMLParserDOMTreeDepth``).
MAX_DEPTH = 512


class RawAnchor(NamedTuple):
    """An HTML ``a`` or ``area`` element with an ``href`` attribute."""

    tag: str
    href: str
    rel: str | None
    #: Concatenated descendant text (``textContent``), not yet whitespace-collapsed.
    text: str
    #: ``alt`` of the HTML ``img`` descendants that have one, in order (for
    #: ``area``: its own ``alt``).
    alts: tuple[str, ...]
    aria_label: str | None
    title: str | None
    region: str
    #: True when the link is (or holds) an image: an HTML ``img`` element or an SVG
    #: ``svg`` element among its descendants (a ``picture`` shows its ``img``); always
    #: true for ``area``, a region of an image map.
    has_image: bool = False


class RawLinkElement(NamedTuple):
    """An HTML ``link`` element with an ``href`` attribute."""

    href: str
    rel: str | None
    hreflang: str | None
    type: str | None


class RawDocument(NamedTuple):
    """What one walk of a parsed page collects."""

    #: ``href`` of the first HTML ``base`` element with one, in tree order.
    base_href: str | None
    #: ``(name, content)`` of every HTML ``meta`` element with both attributes.
    metas: tuple[tuple[str, str], ...]
    link_elements: tuple[RawLinkElement, ...]
    #: Text of every ``<script type="application/ld+json">``.
    json_ld: tuple[str, ...]
    #: Text of the first HTML ``title`` element (``None`` when absent).
    title: str | None
    anchors: tuple[RawAnchor, ...]
    #: True when the tree depth cap was reached while parsing.
    depth_capped: bool
    #: Tokens the parser skipped because it failed on them (html5lib 1.1 fails an
    #: assertion on a few documents); 0 on nearly every page.
    recovered: int = 0
    #: The ``lang`` attribute of the root element (``html``), ``None`` when it has none.
    lang: str | None = None
    #: ``content`` of every HTML ``meta`` element whose ``http-equiv`` is
    #: ``content-language`` (ASCII case-insensitive), in tree order.
    content_languages: tuple[str, ...] = ()
