"""The in-body phase follows Chromium 156 where html5lib 1.1 predates the standard.

Every verdict below is what headless Chromium 156 reports for the markup
(``document.links``: href and ``textContent``), recorded by hand from Chromium and
checked live by the ``browser`` test; stock html5lib 1.1 gives something else for each.
"""

from __future__ import annotations

from typing import Any

import html5lib
import pytest
from html5lib import constants, html5parser

from backlinkkit import extract_links
from backlinkkit._parse import inbody
from tests.test_lexbor import chromium_anchors, chromium_page  # noqa: F401 (fixture)

URL = "https://www.example.com/"

#: (markup, the links Chromium 156 reports as (href, textContent)).
CHROMIUM: list[tuple[str, list[tuple[str, str]]]] = [
    # main, summary, figcaption and hgroup are special: the adoption agency stops there.
    *[
        (f"<a href=h>1<{name}>2<a href=h>3", [("h", "1"), ("h", "2"), ("h", "3")])
        for name in ("main", "summary", "figcaption", "hgroup")
    ],
    # ... a new li does not close past them (the first li is left open, so the clone
    # of the a made by the adoption agency is empty) ...
    *[
        (
            f"<ul><li><a href=h>1<{name}>2<li><a href=h>3",
            [("h", "1"), ("h", "2"), ("h", ""), ("h", "3")],
        )
        for name in ("main", "summary", "figcaption", "hgroup")
    ],
    # ... and the end tag of an element inside them does not pop them.
    *[
        (
            f"<div><a href=h>1<span><{name}><a href=h>2</span>3</{name}>4",
            [("h", "1"), ("h", ""), ("h", "23"), ("h", "4")],
        )
        for name in ("main", "summary", "figcaption", "hgroup")
    ],
    ("<b><a href=h>1<main>2</b>3<a href=h>4</a>", [("h", "1"), ("h", ""), ("h", "23"), ("h", "4")]),
    # dialog and search close an open p.
    *[
        (
            f"<p><a href=h>1<{name}>2<a href=h>3</{name}>4",
            [("h", "1"), ("h", "2"), ("h", "3"), ("h", "4")],
        )
        for name in ("dialog", "search")
    ],
    # isindex is an ordinary unknown element: no prompt text, not special.
    ("<a href=h>1<isindex>2<a href=h>3", [("h", "12"), ("h", "3")]),
    ("<p><a href=h>1<isindex>2<a href=h>3</isindex>4", [("h", "12"), ("h", "34")]),
    ("<a href=h>1<isindex>2</isindex>3<a href=h>4", [("h", "123"), ("h", "4")]),
]

#: Where stock html5lib already agrees with Chromium and must go on agreeing: search is
#: not special in Chromium's adoption agency (Lexbor differs, tests/test_lexbor.py).
UNCHANGED: list[tuple[str, list[tuple[str, str]]]] = [
    ("<a href=h>1<search>2<a href=h>3", [("h", "12"), ("h", "3")]),
    ("<div><a href=h>1<span><search><a href=h>2</span>3</search>4", [("h", "1"), ("h", "234")]),
]


def links(html: str) -> list[tuple[str, str]]:
    page = extract_links(html, URL, backend="html5lib")
    return [(link.href, link.text) for link in page.links]


def stock_links(html: str) -> list[tuple[str, str]]:
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return [(a.get("href", ""), "".join(a.itertext())) for a in root.iter("a")]


@pytest.mark.parametrize(
    ("html", "verdict"), CHROMIUM + UNCHANGED, ids=[html for html, _ in CHROMIUM + UNCHANGED]
)
def test_the_html5lib_backend_gives_chromiums_links(
    html: str, verdict: list[tuple[str, str]]
) -> None:
    assert links(html) == verdict


@pytest.mark.parametrize(("html", "verdict"), CHROMIUM, ids=[html for html, _ in CHROMIUM])
def test_stock_html5lib_differs_on_every_case(html: str, verdict: list[tuple[str, str]]) -> None:
    # Each case exercises the change: without it, html5lib 1.1 builds another tree.
    assert stock_links(html) != verdict


def test_the_special_elements_are_chromiums() -> None:
    html = constants.namespaces["html"]
    added = {(html, name) for name in ("main", "summary", "figcaption", "hgroup")}
    removed = {(html, "isindex"), (html, "command")}
    assert added <= inbody.SPECIAL
    assert not removed & inbody.SPECIAL
    assert (constants.specialElements - removed) | added == inbody.SPECIAL


def test_html5lib_itself_is_left_untouched() -> None:
    # The swapped list lives in copies of three handlers; html5lib's globals stay as
    # they were, so other users of html5lib in the process see no change.
    assert html5parser.specialElements is constants.specialElements
    assert (constants.namespaces["html"], "main") not in html5parser.specialElements
    base = html5parser.getPhases(False)["inBody"]
    assert inbody.InBodyPhase.endTagFormatting is not base.endTagFormatting
    assert stock_links("<a href=h>1<main>2<a href=h>3") == [("h", "12"), ("h", "3")]


def test_every_list_item_and_formatting_end_tag_uses_the_new_list() -> None:
    start = vars(inbody.InBodyPhase)["startTagHandler"]
    end = vars(inbody.InBodyPhase)["endTagHandler"]
    assert {start[name] for name in ("li", "dd", "dt")} == {inbody.InBodyPhase.startTagListItem}
    formatting = ("a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike")
    assert {end[name] for name in formatting} == {inbody.InBodyPhase.endTagFormatting}
    assert end["no-such-element"] is inbody.InBodyPhase.endTagOther


@pytest.mark.browser
@pytest.mark.parametrize(
    ("html", "verdict"), CHROMIUM + UNCHANGED, ids=[html for html, _ in CHROMIUM + UNCHANGED]
)
def test_the_verdicts_are_chromiums(
    chromium_page: Any,  # noqa: F811
    html: str,
    verdict: list[tuple[str, str]],
) -> None:
    assert [(h, t) for h, t, _, _ in chromium_anchors(chromium_page, html)] == verdict
