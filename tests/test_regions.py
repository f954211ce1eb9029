"""backlinkkit.regions: landmark rules (documented in docs/regions.md)."""

from __future__ import annotations

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
