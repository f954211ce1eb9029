"""backlinkkit._parse.treebuilder: html5lib's tree below the depth cap, Chromium's above it,
and work that grows linearly with the input.

Where the expected values come from:

* below the cap, plain ``html5lib.parse`` (etree, HTML namespace) on every document case
  of the html5lib-tests tree-construction suite (``shared/reference/html5lib-tests``),
  on random documents and on the corpus pages; where html5lib's tree equals the suite's
  expected tree, ours is then checked against the suite too;
* above the cap, Chromium: ``HTMLConstructionSite::AttachLater`` in
  ``third_party/blink/renderer/core/html/parser/html_construction_site.cc`` ("Add as a
  sibling of the parent if we have reached the maximum depth allowed": when
  ``open_elements_.StackDepth() > kMaximumHTMLParserDOMTreeDepth`` (512) the node goes to
  the current node's parent), Chromium's own test
  ``HTMLDocumentParserFastpathTest.MaximumHTMLParserDOMTreeDepth`` (514 nested divs: the
  deepest has siblings), and Chromium 156's ``DOMParser``, queried live by the
  ``browser`` test;
* linear time: counts of stack entries and list entries visited, never wall-clock time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest
from html5lib import html5parser
from html5lib.constants import prefixes
from html5lib.treebuilders import base as html5lib_base
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from backlinkkit._parse import treebuilder as _treebuilder
from backlinkkit._parse.treebuilder import (
    FORMATTING_TOTAL,
    MAX_DEPTH,
    WINDOW,
    parse_tree,
)
from backlinkkit.errors import InvalidInputError
from tests.conftest import corpus_dir, shared_dir

HTML = "{http://www.w3.org/1999/xhtml}"
#: ElementTree's comment "tag" (a function), typed loosely for comparisons with tags.
COMMENT: Any = ET.Comment
STOCK = html5lib.treebuilders.getTreeBuilder("etree")


# --- helpers ------------------------------------------------------------------------------


def parse(text: str) -> tuple[ET.Element, bool]:
    """The root of our tree of *text* and whether the depth cap was reached."""
    parsed = parse_tree(text)
    return parsed.root, parsed.depth_capped


def dat_tree(document: ET.Element) -> str:
    """A document in the html5lib-tests ``#document`` format (iteratively: no recursion
    limit on deep trees).  html5lib's etree keeps template contents in the template."""
    lines: list[str] = []
    stack: list[tuple[ET.Element | str, int]] = [(child, 0) for child in reversed(document)]
    while stack:
        node, depth = stack.pop()
        pad = "| " + "  " * depth
        if isinstance(node, str):
            lines.append(f'{pad}"{node}"')
            continue
        tag: Any = node.tag
        if tag is COMMENT:
            lines.append(f"{pad}<!-- {node.text} -->")
        elif tag == "<!DOCTYPE>":
            public, system = node.get("publicId"), node.get("systemId")
            if public or system:
                lines.append(f'{pad}<!DOCTYPE {node.text} "{public or ""}" "{system or ""}">')
            else:
                lines.append(f"{pad}<!DOCTYPE {node.text}>")
        else:
            namespace, _, local = str(tag)[1:].partition("}")
            prefix = prefixes[namespace]
            lines.append(f"{pad}<{local}>" if prefix == "html" else f"{pad}<{prefix} {local}>")
            attributes = []
            for name, value in node.attrib.items():
                if name.startswith("{"):
                    attribute_namespace, _, attribute_local = name[1:].partition("}")
                    name = f"{prefixes[attribute_namespace]} {attribute_local}"
                attributes.append((name, value))
            lines.extend(f'{pad}  {name}="{value}"' for name, value in sorted(attributes))
        if node.tail:
            stack.append((node.tail, depth))
        if tag is not COMMENT and tag != "<!DOCTYPE>":
            stack.extend((child, depth + 1) for child in reversed(node))
            if node.text:
                stack.append((node.text, depth + 1))
    return "\n".join(lines)


def stock_document(text: str) -> str:
    parser = html5lib.HTMLParser(tree=STOCK, namespaceHTMLElements=True)
    parser.parse(text)
    return dat_tree(parser.tree.document._element)


def our_document(text: str) -> str:
    parser = _treebuilder._Parser(tree=_treebuilder._TreeBuilder, namespaceHTMLElements=True)
    parser.parse(text)
    assert not parser.tree.depth_capped
    return dat_tree(parser.tree.document._element)


def element_depths(root: ET.Element) -> Iterator[tuple[ET.Element, int]]:
    """Every element with its depth, the root at 1, in document order."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        yield element, depth
        stack.extend((child, depth + 1) for child in reversed(element))


def parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def body(root: ET.Element) -> ET.Element:
    found = root.find(HTML + "body")
    assert found is not None
    return found


def chain(element: ET.Element, tag: str, count: int) -> ET.Element:
    """Follow *count* levels of first ``tag`` children down from *element*."""
    for _ in range(count):
        found = element.find(HTML + tag)
        assert found is not None
        element = found
    return element


# --- the html5lib-tests tree-construction suite ---------------------------------------------

_SECTIONS = frozenset(
    {"#data", "#errors", "#new-errors", "#document-fragment", "#document"}
    | {"#script-on", "#script-off"}
)


def read_dat(path: Path) -> list[dict[str, str]]:
    """Cases of a tree-construction ``.dat`` file (the format of html5lib-tests' README:
    ``#data`` up to ``#errors`` without its final newline, then the other sections)."""
    cases: list[dict[str, list[str]]] = []
    case: dict[str, list[str]] | None = None
    section = ""
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line in _SECTIONS:
            if line == "#data" and case is not None and "#document" in case:
                cases.append(case)
                case = None
            if case is None:
                case = {}
            section = line
            case[section] = []
        elif case is not None:
            case[section].append(line)
    if case is not None:
        cases.append(case)
    return [
        {
            key: "\n".join(lines) if key == "#data" else "\n".join(lines).rstrip("\n")
            for key, lines in item.items()
        }
        for item in cases
    ]


def tree_construction_dir() -> Path:
    return shared_dir() / "reference" / "html5lib-tests" / "tree-construction"


def dat_files() -> list[Path]:
    directory = tree_construction_dir()
    return sorted(directory.rglob("*.dat")) if directory.is_dir() else []


def test_dat_reader_reads_the_whole_suite() -> None:
    if not dat_files():
        pytest.skip("html5lib-tests not found under shared/reference")
    cases = [case for path in dat_files() for case in read_dat(path)]
    # 1,796 cases in the copy in shared/reference (57 files + scripted/), every one with
    # a #data and an expected tree.
    assert len(cases) == 1796
    assert all("#data" in case and ("#document" in case) for case in cases)
    first = read_dat(tree_construction_dir() / "tests1.dat")[0]
    assert first["#data"] == "Test"
    assert first["#document"] == '| <html>\n|   <head>\n|   <body>\n|     "Test"'


@pytest.mark.parametrize(
    "path", dat_files(), ids=lambda path: path.relative_to(tree_construction_dir()).as_posix()
)
def test_tree_construction_suite_gives_html5libs_tree(path: Path) -> None:
    compared = 0
    for case in read_dat(path):
        if "#document-fragment" in case or "#script-on" in case:
            continue  # fragments and scripting-on cases are not parsed by extract_links
        text = case["#data"]
        if "<template" in text.lower():
            continue  # html5lib has no template support; see test_template_contents_*
        try:
            expected = stock_document(text)
        except AssertionError:
            continue  # html5lib itself fails (see test_html5lib_failures_are_recovered)
        ours = our_document(text)
        if ours != expected:
            # Only where the in-body phase follows the newer standard, as Chromium 156
            # does (dialog and search close a p, isindex is an ordinary element; see
            # _parse/inbody.py): then ours is the suite's own expected tree.
            assert ours == case["#document"], text
        if expected == case["#document"]:
            # html5lib passes this case of the suite, so we pass it too.
            assert ours == case["#document"], text
        compared += 1
    if compared == 0:
        pytest.skip(f"{path.name} has only fragment or scripting-on cases")


def test_tree_construction_suite_cases_where_html5lib_matches_the_standard() -> None:
    if not dat_files():
        pytest.skip("html5lib-tests not found under shared/reference")
    agreeing = total = 0
    for path in dat_files():
        for case in read_dat(path):
            if "#document-fragment" in case or "#script-on" in case:
                continue
            total += 1
            agreeing += our_document(case["#data"]) == case["#document"]
    # html5lib 1.1 predates some spec changes (template contents, search, ruby, ...): it
    # builds the suite's tree for 1,410 of the 1,592 document cases; with the in-body
    # phase of _parse/inbody.py we build it for 8 more (blocks.dat: dialog closes a p;
    # search-element.dat: 2; isindex.dat: 4; tests19.dat: 1).
    assert total == 1592
    assert agreeing == 1418


# --- equal to html5lib on random documents and on real pages ---------------------------------

_TAGS = [
    *("a", "b", "i", "p", "div", "span", "table", "tbody", "tr", "td", "th", "caption"),
    *("colgroup", "col", "select", "option", "optgroup", "svg", "math", "mi", "mo"),
    *("annotation-xml", "foreignObject", "desc", "title", "li", "ul", "dl"),
    *("dd", "dt", "form", "button", "nobr", "font", "marquee", "object", "textarea", "pre"),
    *("plaintext", "xmp", "noscript", "head", "body", "html", "h1", "rb", "rt", "ruby", "br"),
    *("hr", "img", "input", "em", "u", "nav"),
]
_ATTRIBUTES = ["", " href=x", ' id="1"', " color=red", " encoding=text/html", " type=hidden"]

html_pieces = st.one_of(
    st.builds(
        lambda tag, attrs: f"<{tag}{attrs}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRIBUTES)
    ),
    st.builds(lambda tag: f"</{tag}>", st.sampled_from(_TAGS)),
    st.sampled_from(
        ["x", " ", "\n", "\x00", "&amp;", "&", "<!--c-->", "<!doctype html>", "<", "é"]
    ),
    st.sampled_from(['<Ab\x00c d1"=2 e<f G=1 g=2>', "<X\x00Y/>", "<p a", "<p a\x00"]),
)
html_documents = st.lists(html_pieces, max_size=80).map("".join)


@settings(max_examples=200, deadline=None)
@given(html_documents)
def test_random_documents_give_html5libs_tree(text: str) -> None:
    try:
        expected = stock_document(text)
    except AssertionError:
        assume(False)  # html5lib fails on this document; we recover (tested below)
    assert our_document(text) == expected


# --- template contents ---------------------------------------------------------------------


def strip_templates(dat: str) -> str:
    """A ``#document`` tree without its HTML ``template`` elements and their contents."""
    out: list[str] = []
    skip: int | None = None
    for line in dat.split("\n"):
        body = line[2:]
        indent = len(body) - len(body.lstrip(" "))
        if skip is not None:
            if indent > skip:
                continue
            skip = None
        if body.strip() == "<template>":
            skip = indent
            continue
        out.append(line)
    return "\n".join(out)


#: The one template case we still get wrong: an SVG <template> (foreign, so not a
#: template) whose foreignObject holds an HTML </template> for the outer template.
_TEMPLATE_MISSES = {"<template><svg><foo><template><foreignObject><div></template><div>"}


def test_template_contents_are_dropped_as_the_standard_builds_them() -> None:
    # html5lib 1.1 has no template insertion mode.  Template contents live in a separate
    # DocumentFragment, so the document a browser builds equals the suite's expected tree
    # with each <template> and its "content" removed.  Stock html5lib builds that tree
    # for 6 of the suite's 111 documents with a template; we build it for all but one.
    if not dat_files():
        pytest.skip("html5lib-tests not found under shared/reference")
    cases = [
        case
        for path in dat_files()
        for case in read_dat(path)
        if "#document-fragment" not in case
        and "#script-on" not in case
        and "<template" in case["#data"].lower()
    ]
    assert len(cases) == 111
    misses = {
        case["#data"]
        for case in cases
        if our_document(case["#data"]) != strip_templates(case["#document"])
    }
    assert misses == _TEMPLATE_MISSES


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["", "<p>x", "<table><tr><td>", "<ul><li>", "<a href=o>o", "<b><i>"]),
    st.lists(html_pieces, max_size=40).map("".join),
)
def test_an_unclosed_template_hides_everything_after_it(prefix: str, inside: str) -> None:
    # With no </template>, everything after <template> is template content, up to EOF:
    # the document is the one without it.  (html_pieces has no template tags.)
    try:
        expected = stock_document(prefix)
    except AssertionError:
        assume(False)
    assert our_document(prefix + "<template>" + inside) == expected


def corpus_pages() -> list[Path]:
    pages = corpus_dir() / "pages"
    return sorted(pages.glob("*.html")) if pages.is_dir() else []


@pytest.mark.corpus
def test_corpus_pages_give_html5libs_tree() -> None:
    pages = corpus_pages()
    if not pages:
        pytest.skip("corpus not found under shared/corpus")
    # Every 32nd page keeps this to a few seconds; all 382 pages were compared when the
    # tree builder was written (identical trees, none capped).
    for path in pages[::32]:
        text = path.read_bytes().decode("utf-8", "replace")
        assert our_document(text) == stock_document(text), path.name


# --- Chromium's depth cap -------------------------------------------------------------------

# Inserting the k-th nested <div> in <body>, the stack of open elements holds html, body
# and k - 1 divs: k + 1 entries, more than 512 from k = 512 on.  So 511 divs nest and the
# 512th and later are attached to the 511th's parent, the 510th div.


def test_511_nested_divs_are_not_capped() -> None:
    root, capped = parse("<div>" * 511)
    assert not capped
    assert chain(body(root), "div", 511).find(HTML + "div") is None
    assert dat_tree(root) == dat_tree(html5lib.parse("<div>" * 511))


@pytest.mark.parametrize("count", [512, 514, 600, 3000])
def test_deeper_divs_are_siblings_of_the_511th(count: int) -> None:
    root, capped = parse("<div>" * count + "x")
    assert capped
    div510 = chain(body(root), "div", 510)
    children = list(div510)
    assert len(children) == count - 510
    assert all(child.tag == HTML + "div" and len(child) == 0 for child in children)
    # Text goes into the current node, the last div (Chromium inserts text into the
    # current node without the depth adjustment).
    assert children[-1].text == "x"
    # Nothing is dropped: html, head, body and every div.
    assert sum(1 for _ in root.iter()) == count + 3


def test_chromium_fastpath_test_the_deepest_node_has_siblings() -> None:
    depth = MAX_DEPTH + 2
    root, capped = parse(
        "<div>" * (depth - 1) + "<div id='deepest'></div>" + "</div>" * (depth - 1)
    )
    assert capped
    tree_parents = parents(root)
    deepest = root.find(f".//{HTML}div[@id='deepest']")
    assert deepest is not None
    assert len(tree_parents[deepest]) > 1


def test_comments_are_capped_one_level_deeper_than_elements() -> None:
    # Chromium 156: with 511 divs open (513 entries) a comment still goes into the
    # current node; with 512 (the 512th already a sibling) it goes to its parent.
    root, capped = parse("<div>" * 511 + "<!--c-->")
    assert not capped
    assert [child.tag for child in chain(body(root), "div", 511)] == [COMMENT]
    root, capped = parse("<div>" * 512 + "<!--c-->")
    assert capped
    assert [child.tag for child in chain(body(root), "div", 510)] == [
        HTML + "div",
        HTML + "div",
        COMMENT,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<div>" * 1200,
        "<b><i>" * 600 + "x",
        "<span>" * 1200 + "x",
        "<table><tr><td>" * 300 + "x",
        "<ul><li>" * 600,
        "<svg>" + "<g>" * 1200,
        "<math>" + "<mrow>" * 1200,
        "".join(f"<font size={i}>" for i in range(1200)),
        "<optgroup>" * 1200,
    ],
    ids=lambda text: text[:16],
)
def test_no_element_is_deeper_than_the_cap(text: str) -> None:
    root, capped = parse(text)
    assert capped
    # html is at depth 1, so elements inserted under the cap reach depth 513.
    assert max(depth for _, depth in element_depths(root)) <= MAX_DEPTH + 1


def test_the_adoption_agency_still_builds_deeper_trees() -> None:
    # Chromium caps insertions, not the adoption agency's moves: <a><div> repeated nests
    # each div one level deeper without a deep stack (equal to Chromium's tree: see
    # CHROMIUM_DOCUMENTS).  The walk over the tree does not recurse.
    root, _ = parse("<a href=x><div>" * 1500)
    assert max(depth for _, depth in element_depths(root)) > 1000


def test_end_tags_close_elements_past_the_window_one_by_one() -> None:
    # 700 divs open, 700 closed: the outer div is still open afterwards, as in Chromium
    # (checked live in test_capped_trees_match_chromium).
    root, capped = parse(
        "<div id=outer>" + "<div>" * 700 + "</div>" * 700 + "<a href=in>in</a></div>"
        "<a href=out>out</a>"
    )
    assert capped
    outer = body(root).find(HTML + "div")
    assert outer is not None
    assert [a.get("href") for a in outer.iter(HTML + "a")] == ["in"]
    assert [a.get("href") for a in body(root).findall(HTML + "a")] == ["out"]


# Documents whose capped tree equals Chromium 156's DOMParser tree (checked live below).
CHROMIUM_DOCUMENTS = [
    "<div>" * 600 + "x",
    "<div>" * 510 + "<p>x<!--c-->y",
    "<div>" * 511 + "<p>x<!--c-->y",
    "<div>" * 512 + "<!--c-->x",
    "<div>" * 600 + "<a href=/x>link <b>bold</b> text</a> after",
    "<b><i>" * 400 + "text",
    "<b>" * 1000 + "text",
    "<table><tr><td>" * 200 + "x",
    "<a href=1><div>" * 300 + "x",
    "<a href=x><div>" * 1500 + "t",
    "<div>" * 600 + "</div>" * 50 + "<span>x</span>",
    "<div>" * 700 + "</div>" * 700 + "<p>after",
    "<div id=outer>" + "<div>" * 700 + "</div>" * 700 + "<a href=x>in</a></div><a href=y>out</a>",
    "<ul><li>" * 300 + "x",
    "<svg>" + "<g>" * 600 + "x",
    "<math>" + "<mrow>" * 600 + "x",
    "<div>" * 600 + "<table>x<tr><td>y</table>z",
    "<div>" * 600 + "<span>" * 100 + "</div><p>x",
    "<div>" * 600 + "<p>" * 10 + "x",
    "<div>" * 600 + "<select><option>a<option>b</select>c",
    "<span>" * 700 + "</x>" * 10 + "t",
    "".join(f"<b id={i}>" for i in range(700)) + "t",
    "<optgroup>" * 700 + "</div>x",
    # Not compared: "<div>" * 520 + "<template><a href=1>t</a></template>x".  Past the
    # cap Chromium 156 attaches the template's children to the DOM (its <a> lands after
    # the "x", outside any template); backlinkkit never lets template contents into the
    # document, capped or not.
    "<font color=red>" * 600 + "<p>x",
    "<dl><dt>" * 300 + "x",
    "<nobr>x" * 600,
    "<b><div></b>" * 300,
]

_DOM_JS = """
(docs) => docs.map((html) => {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const XHTML = "http://www.w3.org/1999/xhtml";
  const prefix = {
    "http://www.w3.org/2000/svg": "svg ", "http://www.w3.org/1998/Math/MathML": "math ",
  };
  const out = [];
  const stack = [[doc.documentElement, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop();
    if (node.nodeType === 1) {
      // An HTML template and its contents are left out: backlinkkit drops them.
      if (node.localName === "template" && node.namespaceURI === XHTML) continue;
      const attrs = Array.from(node.attributes).map((a) => a.name + "=" + a.value).sort();
      out.push([depth, (prefix[node.namespaceURI] || "") + node.localName, attrs.join(" ")]);
    } else if (node.nodeType === 3) {
      out.push([depth, "#text", node.data]);
    } else if (node.nodeType === 8) {
      out.push([depth, "#comment", node.data]);
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1]);
  }
  return out;
})
"""

_PREFIX = {"http://www.w3.org/2000/svg": "svg ", "http://www.w3.org/1998/Math/MathML": "math "}


def dom_nodes(root: ET.Element) -> list[list[Any]]:
    """Our tree as the list _DOM_JS makes of Chromium's (templates left out)."""
    out: list[list[Any]] = []
    stack: list[tuple[ET.Element | str, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            out.append([depth, "#text", node])
            continue
        tag: Any = node.tag
        if tag is COMMENT:
            out.append([depth, "#comment", node.text])
        else:
            namespace, _, local = str(node.tag)[1:].partition("}")
            attrs = sorted(f"{name.split('}')[-1]}={value}" for name, value in node.attrib.items())
            out.append([depth, _PREFIX.get(namespace, "") + local, " ".join(attrs)])
        if node.tail:
            stack.append((node.tail, depth))
        if tag is not COMMENT:
            stack.extend((child, depth + 1) for child in reversed(node))
            if node.text:
                stack.append((node.text, depth + 1))
    return out


def merge_text(nodes: list[list[Any]]) -> list[list[Any]]:
    """Adjacent text nodes at one depth as one (they were split by a dropped template)."""
    out: list[list[Any]] = []
    for node in nodes:
        if out and node[1] == "#text" and out[-1][1] == "#text" and out[-1][0] == node[0]:
            out[-1] = [node[0], "#text", out[-1][2] + node[2]]
        else:
            out.append(list(node))
    return out


def chromium_executable() -> str | None:
    import os
    import shutil

    candidate = os.environ.get("BACKLINKKIT_CHROMIUM") or shutil.which("chromium")
    return candidate if candidate and os.access(candidate, os.X_OK) else None


@pytest.mark.browser
def test_capped_trees_match_chromium() -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    executable = chromium_executable()
    if executable is None:
        pytest.skip("Chromium not found (set BACKLINKKIT_CHROMIUM)")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            theirs = page.evaluate(_DOM_JS, CHROMIUM_DOCUMENTS)
        finally:
            browser.close()
    mismatches = [
        text[:40]
        for text, chromium in zip(CHROMIUM_DOCUMENTS, theirs, strict=True)
        if dom_nodes(parse(text)[0]) != merge_text([list(node) for node in chromium])
    ]
    assert mismatches == []


# --- robustness -----------------------------------------------------------------------------

# Documents html5lib 1.1 fails an assertion on (found by fuzzing, minimised by hand).
HTML5LIB_FAILURES = [
    "<svg><select><desc><select encoding=text/html><select><a href=after>after</a>",
    "<svg><select><title id=1><table></table><a href=after>after</a>",
    "<math><html><mi><select></select><a href=after>after</a>",
]


@pytest.mark.parametrize("text", HTML5LIB_FAILURES)
def test_html5lib_failures_are_recovered(text: str) -> None:
    with pytest.raises(AssertionError):
        html5lib.parse(text)
    parsed = parse_tree(text)
    assert parsed.recovered == 1
    assert not parsed.depth_capped
    # The token html5lib fails on is dropped; what follows is still parsed.
    assert [a.get("href") for a in parsed.root.iter(HTML + "a")] == ["after"]


@pytest.mark.parametrize("text", [b"<p>bytes</p>", None, 42])
def test_parse_takes_only_text(text: object) -> None:
    with pytest.raises(InvalidInputError, match=r"text=.*expected str") as info:
        parse(text)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text: str) -> None:
    root, _ = parse(text)
    assert root.tag == HTML + "html"


deep_prefixes = st.sampled_from(
    [
        "<div>" * 600,
        "<b>" * 600,
        "<table><tr><td>" * 200,
        "<span>" * 700,
        "<svg>" + "<g>" * 600,
        "<a href=1><div>" * 600,
        "".join(f"<i id={i}>" for i in range(600)),
        "<div>" * 600 + "<select>",
        "<div>" * 600 + "<table><caption>",
    ]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deep_prefixes, st.lists(html_pieces, max_size=200).map("".join))
def test_parse_never_raises_past_the_cap(prefix: str, suffix: str) -> None:
    parsed = parse_tree(prefix + suffix)
    assert parsed.depth_capped
    assert parsed.root.tag == HTML + "html"


# --- bounded structures and linear work ------------------------------------------------------


class _Probe(_treebuilder._TreeBuilder):
    """Records the largest stack and list of active formatting elements html5lib sees."""

    most_open = 0
    most_formatting = 0

    def insertElementNormal(self, token: dict[str, Any]) -> Any:
        element = super().insertElementNormal(token)
        _Probe.most_open = max(_Probe.most_open, len(self.openElements))
        _Probe.most_formatting = max(_Probe.most_formatting, len(self.activeFormattingElements))
        return element


@pytest.mark.parametrize(
    "text",
    [
        "<div>" * 5000,
        "<b><i>" * 3000,
        "".join(f"<b id={i}>" for i in range(3000)),
        "<table><tr><td><b id=1>" * 1500,
        "<a href=x><div>" * 2000,
    ],
    ids=lambda text: text[:16],
)
def test_html5lib_scans_a_bounded_stack_and_list(text: str) -> None:
    _Probe.most_open = _Probe.most_formatting = 0
    parser = _treebuilder._Parser(tree=_Probe, namespaceHTMLElements=True)
    parser.parse(text)
    assert parser.tree.depth_capped
    # Every scan of html5lib (in, index, [::-1], scope, end tags) reads these two lists.
    assert _Probe.most_open <= MAX_DEPTH + 1 + WINDOW
    assert _Probe.most_formatting < 2 * FORMATTING_TOTAL


class _CountingSet(frozenset[Any]):
    """A frozenset counting membership tests: one per stack entry a scan visits."""

    counter: list[int]

    def __contains__(self, item: object) -> bool:
        self.counter[0] += 1
        return frozenset.__contains__(self, item)


def _counting(original: frozenset[Any], counter: list[int]) -> _CountingSet:
    counting = _CountingSet(original)
    counting.counter = counter
    return counting


def work(
    monkeypatch: pytest.MonkeyPatch, parse_function: Callable[[str], object], text: str
) -> int:
    """Stack entries visited by scope checks and end-tag scans, plus the Noah's Ark
    comparisons, while *parse_function* parses *text*."""
    counter = [0]
    with monkeypatch.context() as patch:
        patch.setattr(
            html5lib_base,
            "listElementsMap",
            {
                variant: (_counting(elements, counter), invert)
                for variant, (elements, invert) in html5lib_base.listElementsMap.items()
            },
        )
        patch.setattr(
            html5parser, "specialElements", _counting(html5parser.specialElements, counter)
        )
        nodes_equal = html5lib_base.ActiveFormattingElements.nodesEqual

        def counted_nodes_equal(self: Any, node1: Any, node2: Any) -> bool:
            counter[0] += 1
            return bool(nodes_equal(self, node1, node2))

        patch.setattr(html5lib_base.ActiveFormattingElements, "nodesEqual", counted_nodes_equal)
        in_body = html5parser.getPhases(False)["inBody"]
        matching = in_body.isMatchingFormattingElement

        def counted_matching(self: Any, node1: Any, node2: Any) -> bool:
            counter[0] += 1
            return bool(matching(self, node1, node2))

        patch.setattr(in_body, "isMatchingFormattingElement", counted_matching)
        parse_function(text)
    return counter[0]


HOSTILE_UNITS = [
    "<div>",
    "<b><i>",
    "<ul><li>",
    "<table><tr><td>",
    "<a href=x><div>",
    "<b><div></b>",
    "<optgroup>",
    "<font color=red><p>",
]
DISTINCT_FORMATTING: Callable[[int], str] = lambda n: "".join(f"<b id={i}>" for i in range(n))  # noqa: E731


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_work_grows_linearly_past_the_cap(monkeypatch: pytest.MonkeyPatch, unit: str) -> None:
    small = work(monkeypatch, parse, unit * 2000)
    large = work(monkeypatch, parse, unit * 8000)
    # Linear work: 4x the input, at most 4x the work (the first 512 levels cost the
    # same in both); html5lib's quadratic scans would give about 16x.
    assert large <= 4.2 * small, (small, large)


@pytest.mark.parametrize("unit", ["<div>", "<ul><li>", "<a href=x><div>"])
def test_the_work_count_sees_html5libs_quadratic_scans(
    monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    # The same measure on plain html5lib, below the cap where both are html5lib.
    small = work(monkeypatch, html5lib.parse, unit * 100)
    large = work(monkeypatch, html5lib.parse, unit * 400)
    assert large >= 10 * small, (small, large)


def test_noahs_ark_work_grows_linearly_with_distinct_formatting_elements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = work(monkeypatch, parse, DISTINCT_FORMATTING(2000))
    large = work(monkeypatch, parse, DISTINCT_FORMATTING(8000))
    assert large <= 4.2 * small, (small, large)
    stock_small = work(monkeypatch, html5lib.parse, DISTINCT_FORMATTING(100))
    stock_large = work(monkeypatch, html5lib.parse, DISTINCT_FORMATTING(400))
    assert stock_large >= 10 * stock_small, (stock_small, stock_large)


# --- the tokenizer and text changes do not change the tree ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<p " + " ".join(f"a{i}=1" for i in range(300)) + ">x",
        "<p a=1 A=2 a=3 b B>x",
        '<p a"b=1 c<d=2 e\x00f=3 g/ h>x',
        "<p " + "x" * 50,
        "<DiV\x00x Ab1\x00=1 c\"d=2 E<F/ g'h>x<Q\x00",
        "<" + "aB" * 5000 + " " + "c1" * 5000 + "=v>x",
        "<a\x00b",
        "<a b\x00c",
        "\x01\x02\x0b\ufffe\U0001fffe text \x7f\x85",
        "<p>" + "a&amp;b\x00" * 200,
        "<table>" + "x<b>y</b>" * 50 + "</table>",
        "<table><tr>" + "a&amp;" * 100 + "</table>",
    ],
    ids=lambda text: re.sub(r"\W", "_", text[:12]),
)
def test_tokenizer_and_text_changes_keep_html5libs_tree(text: str) -> None:
    assert our_document(text) == stock_document(text)


# --- the text in pieces, and a smaller tree (docs/performance.md, memory) ------------------

#: Tag soup where html5lib moves nodes already built or builds elements again: the adoption
#: agency (text and elements moved into clones of ``a``/``b``), foster parenting (text and
#: elements moved out of tables), the reconstruction of an ``a`` in a later block, and
#: templates (dropped with their contents), each with text in and around the anchors.
TEXT_MOVES = [
    '<a href="/1">one<div>two</a>three</div>four',
    '<b>x<a href="/2">y<p>z</b>w</a>v</p>u',
    '<a href="/3"><b><div>deep</a>after</b>tail</div>',
    '<table>before<a href="/4">fostered</a><tr><td>cell</td></tr>after</table>',
    '<table><tr>x<a href="/5">y<td>z</a>w</table>',
    '<p><a href="/6">open<p>again</p><div>block</div>end',
    '<a href="/7">1<table><a href="/8">2</table>3</a>',
    '<template><a href="/9">inside</a></template><a href="/10">out</a>text',
    '<a href="/11"><template>t<a href="/12">u</template>v</a>w',
    '<title>T&amp;itle</title><script type=application/ld+json>{"a": 1}</script>'
    '<script>var x = "<a href=/13>";</script><a href="/14">ok</a>',
    # A fostered <span> is left out of html5lib's child list of its <div>, so the
    # adoption agency's reparenting of the <div> drops it (html5lib's tree, kept).
    '<a href="/15"><div>x<table><span>f</span></table>y</a>z',
    "<b><table><div>t</b>",
    '<a href="/16"><p>1<table><a href="/17">2</a><tr><td>3</table>4</a>5',
]


def test_pieces_of_any_size_give_the_same_tree() -> None:
    # html5lib reads its input stream 10,240 characters at a time; the pieces reader must
    # give it the same characters whatever the pieces, CR LF and surrogates across the
    # boundaries of html5lib's chunks included.
    text = "".join(TEXT_MOVES) + "x" * 10_230 + "<a href=/c>\r\n\U0001f600\r\r\n</a>" * 700
    expected = dat_tree(parse(text)[0])
    for size in (1, 7, 10_239, 10_240, 10_241, 65_536):
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert dat_tree(parse_tree(pieces).root) == expected, size
        assert pieces == []  # emptied as it was read


#: A template's contents are not in the document (HTML Standard, "template" start tag:
#: they go to a separate DocumentFragment): the same page without them.
WITHOUT_TEMPLATES = {
    TEXT_MOVES[7]: '<a href="/10">out</a>text',
    TEXT_MOVES[8]: '<a href="/11">v</a>w',
}


@pytest.mark.parametrize("text", TEXT_MOVES, ids=lambda text: re.sub(r"\W", "_", text[:20]))
def test_text_that_moves_stays_where_html5lib_puts_it(text: str) -> None:
    # Expected: plain html5lib (the stock etree builder), fed as a str and as pieces.
    standard = WITHOUT_TEMPLATES.get(text, text)
    assert our_document(text) == stock_document(standard)
    stock = html5lib.parse(standard, treebuilder="etree", namespaceHTMLElements=True)
    anchors = [
        (a.get("href"), "".join(a.itertext()))
        for a in stock.iter(HTML + "a")
        if a.get("href") is not None
    ]
    for given_text in (text, [text[i : i + 3] for i in range(0, len(text), 3)]):
        ours = parse_tree(given_text).root
        assert [
            (a.get("href"), "".join(a.itertext()))
            for a in ours.iter(HTML + "a")
            if a.get("href") is not None
        ] == anchors


def test_tag_and_attribute_names_are_one_string_each() -> None:
    root = parse_tree('<p class="x" id="1"></p><p class="y" id="2"></p>' * 2).root
    paragraphs = list(root.iter(HTML + "p"))
    assert len(paragraphs) == 4
    assert all(p.tag is paragraphs[0].tag for p in paragraphs)
    keys = [key for p in paragraphs for key in p.attrib]
    assert [key for key in keys if key == "class"][1] is keys[0]
    # An element without attributes has none.
    assert root.find(f"{HTML}body").keys() == []  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [["<p>", 1], ("<p>",), [b"<p>"]])
def test_parse_takes_only_text_or_its_pieces(text: object) -> None:
    with pytest.raises(InvalidInputError, match=r"expected str or a list of str"):
        parse_tree(text)  # type: ignore[arg-type]
