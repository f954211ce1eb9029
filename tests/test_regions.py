"""backlinkkit.regions: landmark rules (documented in docs/regions.md)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit.regions import ROOT, RegionState, Stepper, classify, enter


def region_of(html: str) -> str:
    page = extract_links(html, "https://example.com/")
    assert len(page.links) == 1, page.links
    return page.links[0].region


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # HTML elements and their implicit ARIA landmark roles (HTML-AAM).
        ("<nav><a href=x>x</a></nav>", "nav"),
        ("<aside><a href=x>x</a></aside>", "aside"),
        ("<main><a href=x>x</a></main>", "content"),
        ("<article><a href=x>x</a></article>", "content"),
        ("<header><a href=x>x</a></header>", "header"),
        ("<footer><a href=x>x</a></footer>", "footer"),
        # header/footer scoped to sectioning content are not banner/contentinfo.
        ("<article><footer><a href=x>x</a></footer></article>", "content"),
        ("<main><header><a href=x>x</a></header></main>", "content"),
        ("<section><footer><a href=x>x</a></footer></section>", "unknown"),
        ("<aside><footer><a href=x>x</a></footer></aside>", "aside"),
        # Nearest landmark wins.
        ("<footer><nav><a href=x>x</a></nav></footer>", "nav"),
        ("<nav><div><article><a href=x>x</a></article></div></nav>", "content"),
        # Explicit ARIA roles.
        ("<div role=navigation><a href=x>x</a></div>", "nav"),
        ("<div role=search><a href=x>x</a></div>", "nav"),
        ("<div role=banner><a href=x>x</a></div>", "header"),
        ("<div role=contentinfo><a href=x>x</a></div>", "footer"),
        ("<div role=complementary><a href=x>x</a></div>", "aside"),
        ("<div role=main><a href=x>x</a></div>", "content"),
        ("<div role=comment><a href=x>x</a></div>", "comment"),
        ("<div role=NAVIGATION><a href=x>x</a></div>", "nav"),
        # Class and id conventions.
        ("<div id=comments><a href=x>x</a></div>", "comment"),
        ("<ol class=commentlist><li><a href=x>x</a></ol>", "comment"),
        ("<div id=disqus_thread><a href=x>x</a></div>", "comment"),
        ("<div class='site-footer dark'><a href=x>x</a></div>", "footer"),
        ("<div class=sidebar><a href=x>x</a></div>", "aside"),
        ("<ul class=main-nav><li><a href=x>x</a></ul>", "nav"),
        ("<div class=breadcrumbs><a href=x>x</a></div>", "nav"),
        ("<div class=entry-content><a href=x>x</a></div>", "content"),
        ("<div class=post-body><a href=x>x</a></div>", "content"),
        ("<div id=masthead><a href=x>x</a></div>", "header"),
        # Not conventions: a word in the middle, or the page-wide body class.
        ("<div class=has-sidebar-left><a href=x>x</a></div>", "unknown"),
        ("<body class=has-sidebar><a href=x>x</a></body>", "unknown"),
        ("<div class=post-meta><a href=x>x</a></div>", "unknown"),
        # Comment containers hold their replies even when each is an <article>:
        # Kinja (readability__lifehacker-post-comment-load.html) writes
        # <section class="js_replies"><article class="js_reply reply">; the Epoch
        # plugin on WordPress (readability__wordpress.html) writes
        # <div class="comments-area"><article class="epoch-comment-body">.
        (
            "<article class=post><section class='js_replies '><article id=reply_1 "
            "class='js_reply reply js_goto_post clearfix'><a href=x>x</a></article>"
            "</section></article>",
            "comment",
        ),
        (
            "<div class='comments-area epoch-wrapper'><div id=epoch-comments>"
            "<article id=div-comment-1 class='epoch-comment-body epoch-single-comment'>"
            "<div class=epoch-comment-content><a href=x>x</a></div></article></div></div>",
            "comment",
        ),
        ("<article class=comment-body><a href=x>x</a></article>", "comment"),
        ("<div role=article class=comment><a href=x>x</a></div>", "comment"),
        ("<div id=comments><main><a href=x>x</a></main></div>", "comment"),
        # ... but a nav or aside inside comments is still that.
        ("<div id=comments><nav><a href=x>x</a></nav></div>", "nav"),
        # Blogger (readability__blogger.html): every gadget is ``widget <Type>``; the
        # post column is ``widget Blog`` and holds the Newer/Older/Home pager.
        (
            "<div class=content><div class='widget Blog' id=Blog1><div class=blog-pager "
            "id=blog-pager><a class=home-link href=x>Home</a></div></div></div>",
            "nav",
        ),
        (
            "<div class=content><div class='widget Blog' id=Blog1><div class=post-outer>"
            "<a href=x>x</a></div></div></div>",
            "content",
        ),
        ("<div class='widget Navbar' id=Navbar1><a href=x>x</a></div>", "nav"),
        ("<div class='widget Header' id=Header1><a href=x>x</a></div>", "header"),
        ("<div class='widget LinkList' id=LinkList1><a href=x>x</a></div>", "aside"),
        ("<div class='widget PopularPosts'><a href=x>x</a></div>", "aside"),
        # WordPress widgets in a sidebar stay asides.
        ("<section class='widget widget_recent_comments'><a href=x>x</a></section>", "aside"),
        ("<ul class=pager><li><a href=x>x</a></ul>", "nav"),
        ("<div class=navigator-sidebar-x><a href=x>x</a></div>", "unknown"),
        # The link's own class does not count: only ancestors do.
        ("<p><a href=x class=nav-link>x</a></p>", "unknown"),
        # A footer convention inside an article is the article's footer.
        ("<article><div class=entry-footer><a href=x>x</a></div></article>", "content"),
        ("<p><a href=x>x</a></p>", "unknown"),
    ],
)
def test_region(html: str, expected: str) -> None:
    assert region_of(html) == expected


def test_enter_keeps_the_parent_region_for_plain_elements() -> None:
    state = enter(ROOT, "nav", {})
    assert enter(state, "ul", {}).region == "nav"
    assert enter(state, "li", {"class": "item"}).region == "nav"


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=12),
    st.dictionaries(st.sampled_from(["class", "id", "role"]), st.text(max_size=30), max_size=3),
    st.booleans(),
)
def test_classify_never_raises(tag: str, attrs: dict[str, str], scoped: bool) -> None:
    assert classify(tag, attrs, scoped) in (
        None,
        "content",
        "nav",
        "header",
        "footer",
        "aside",
        "comment",
    )


def test_enter_follows_the_scoping_rule_over_several_steps() -> None:
    # HTML-AAM: a footer scoped to sectioning content is no contentinfo landmark.
    state = enter(ROOT, "section", {})
    assert state == RegionState("unknown", True)
    assert enter(state, "footer", {}) == state
    assert enter(ROOT, "footer", {}) == RegionState("footer", False)
    assert enter(ROOT, "div", {"role": "region"}) == RegionState("unknown", True)
    assert enter(ROOT, "div", {"role": "contentinfo"}) == RegionState("footer", False)
    assert enter(state, "div", {"role": "contentinfo"}) == state


_TAG_NAMES = ["div", "nav", "aside", "main", "article", "header", "footer", "section", "body"]
_TAGS = st.sampled_from([*_TAG_NAMES, "html", "{http://www.w3.org/2000/svg}nav", "p", "ul"])
_ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "role", "href", "data-x"]),
    st.one_of(
        st.none(),
        st.sampled_from(["", "nav", "comments", "site-footer", "main", "region", "search x"]),
        st.text(max_size=12),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TAGS, _ATTRS), max_size=12))
def test_a_stepper_gives_what_enter_gives(path: list[tuple[str, dict[str, str | None]]]) -> None:
    # The stepper both backends use remembers elements; it must not change a single step.
    # None is an attribute without a value (Lexbor); html5lib gives "" for it.
    stepper = Stepper()
    state = expected = ROOT
    for tag, attrs in path + path:  # the second pass reads what the first remembered
        state = stepper.enter(state, tag, attrs)
        expected = enter(expected, tag, attrs)
        assert state == expected
        empty_valued = {name: value or "" for name, value in attrs.items()}
        assert enter(ROOT, tag, attrs) == enter(ROOT, tag, empty_valued)


# --- on the corpus: the templates the rules were checked on ------------------------------


def _corpus_page(name: str, backend: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The page's source text and its links' ``(href, text, region)``, through *backend*."""
    from tests.corpus import corpus_rows, corpus_url, shared_dir

    rows = [row for row in corpus_rows() if row["file"] == name]
    if not rows:
        pytest.skip("corpus not available")
    if backend == "lexbor":
        pytest.importorskip("selectolax.lexbor")
    text = (shared_dir() / "corpus" / "pages" / name).read_text(encoding="utf-8")
    page = extract_links(text, corpus_url(rows[0]), backend=backend)  # type: ignore[arg-type]
    return text, [(link.href, link.text, link.region) for link in page.links]


def _element_source(text: str, marker: str, tag: str) -> str:
    """The source of the *tag* element whose start tag holds *marker*, to its end tag
    (counting nested *tag* elements)."""
    start = text.rfind(f"<{tag}", 0, text.index(marker))
    depth = 0
    for match in re.compile(rf"<(/?){tag}\b", re.IGNORECASE).finditer(text, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            return text[start : match.end()]
    raise AssertionError(f"no end tag for {marker!r}")


def _hrefs(source: str) -> list[str]:
    return [
        m[1] or m[2]
        for m in re.finditer(r"""<a\s[^>]*?href=(?:"([^"]*)"|'([^']*)')""", source, re.I)
    ]


@pytest.mark.parametrize("backend", ["html5lib", "lexbor"])
def test_kinja_replies_are_comments_on_the_corpus(backend: str) -> None:
    # lifehacker (Kinja): 146 replies, each an <article>, in <section class="js_replies ">;
    # all 336 links in that section are comments (332 came out as content before).
    text, links = _corpus_page("readability__lifehacker-post-comment-load.html", backend)
    inside = _hrefs(_element_source(text, 'class="js_replies "', "section"))
    assert len(inside) == 336
    assert [region for _, _, region in links].count("comment") == len(inside)


@pytest.mark.parametrize("backend", ["html5lib", "lexbor"])
def test_blogger_pager_is_no_aside_on_the_corpus(backend: str) -> None:
    # Blogger: <div class='widget Blog'> holds the post and <div class='blog-pager'>
    # with Older Post and Home; they came out as "aside" (class "widget").
    text, links = _corpus_page("readability__blogger.html", backend)
    pager = set(_hrefs(_element_source(text, "class='blog-pager'", "div")))
    assert len(pager) == 2
    # (The Home URL is also the blog title's link, in the header.)
    found = [(text, region) for href, text, region in links if href in pager]
    assert ("Older Post", "nav") in found
    assert ("Home", "nav") in found
    assert all(region != "aside" for _, region in found)
