"""Tests for backlinkkit.anchors: every category on a hand-written anchor, and the counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlinkkit import audit, extract_links, load_samples
from backlinkkit.anchors import (
    ANCHOR_CATEGORIES,
    GENERIC_ANCHORS,
    anchor_distribution,
    classify_anchor,
    fold_anchor,
)
from backlinkkit.errors import InvalidInputError

BRAND = ("Golden Crust",)
KEYWORDS = ("sourdough starter", "rye bread")


@pytest.mark.parametrize(
    ("anchor", "source", "category"),
    [
        ("Golden Crust", "text", "branded"),
        ("golden crust's bakery", "text", "branded"),
        ("GOLDEN   CRUST", "text", "branded"),
        ("Sourdough Starter", "text", "exact"),
        ("rye bread!", "text", "exact"),
        ("how to feed a starter", "text", "partial"),
        ("best rye flour", "text", "partial"),
        ("click here", "text", "generic"),
        ("Read more »", "text", "generic"),
        ("website", "text", "generic"),
        ("hier klicken", "text", "generic"),
        ("Weiterlesen", "text", "generic"),
        ("en savoir plus", "text", "generic"),
        ("cliquez ici", "text", "generic"),
        ("leer más", "text", "generic"),
        ("haz clic aquí", "text", "generic"),
        ("https://goldencrust.example/", "text", "naked-url"),
        ("www.goldencrust.example", "text", "naked-url"),
        ("goldencrust.example/blog/rye-bread", "text", "naked-url"),
        ("A loaf on a board", "alt", "image"),
        ("", "none", "empty"),
        ("   ", "text", "empty"),
        ("a lovely loaf", "text", "other"),
        ("golden", "text", "other"),  # half of the brand is not the brand
        ("version 2.0 notes", "text", "other"),  # a dot between digits is no host
    ],
)
def test_each_category(anchor: str, source: str, category: str) -> None:
    assert classify_anchor(anchor, source, brand=BRAND, keywords=KEYWORDS) == category


def test_the_category_order_of_the_tools() -> None:
    # naked URL before branded; exact before branded; branded before partial and generic
    assert classify_anchor("goldencrust.example", brand="goldencrust") == "naked-url"
    assert classify_anchor("golden crust", brand="golden crust", keywords="golden crust") == "exact"
    assert classify_anchor("golden crust rye", brand=BRAND, keywords=KEYWORDS) == "branded"
    assert classify_anchor("more", keywords="more bread") == "partial"  # keywords before generic
    assert classify_anchor("website", generic=()) == "generic"
    assert classify_anchor("bespoke", generic=["Bespoke"]) == "generic"


def test_the_generic_lists_cover_four_languages() -> None:
    assert set(GENERIC_ANCHORS) == {"en", "de", "fr", "es"}
    for words in GENERIC_ANCHORS.values():
        assert all(w == fold_anchor(w) for w in words)
    assert ANCHOR_CATEGORIES[-1] == "other"


def test_bad_arguments() -> None:
    with pytest.raises(InvalidInputError, match=r"^anchor=3"):
        classify_anchor(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^brand\[0\]=1"):
        classify_anchor("x", brand=[1])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match=r"^backlinks\[0\]="):
        anchor_distribution(["x"])  # type: ignore[list-item]


def test_counted_by_backlinks_and_by_referring_domains() -> None:
    a = extract_links(
        '<a href="https://example.com/">Example</a><a href="https://example.com/x">click here</a>'
        '<a href="https://example.com/y"><img alt="logo"></a>',
        "https://a.example.org/",
    )
    b = extract_links('<a href="https://example.com/">example</a>', "https://b.example.net/")
    c = extract_links('<a href="https://example.com/"></a>', "https://c.example.edu/")
    dist = audit([a, b, c], "example.com").anchors()
    assert dist.brand == ("example",)  # the target's name by default
    assert (dist.backlinks, dist.referring_domains) == (5, 3)
    branded = dist["branded"]
    assert (branded.backlinks, branded.backlink_share) == (2, 0.4)
    assert branded.referring_domains == 2
    assert branded.domain_share == pytest.approx(2 / 3)
    assert (dist["generic"].backlinks, dist["image"].backlinks, dist["empty"].backlinks) == (
        1,
        1,
        1,
    )
    assert sum(r.backlinks for r in dist.categories) == dist.backlinks
    assert dist.anchors[0].anchor.casefold() == "example"
    assert (dist.anchors[0].referring_domains, dist.anchors[0].backlinks) == (2, 2)
    assert dist.summary.startswith("anchors of 5 backlinks from 3 referring domains: branded 40%")
    assert [r["category"] for r in dist.to_records()] == list(ANCHOR_CATEGORIES)
    assert "<table>" in dist._repr_html_()
    assert "branded" in str(dist)
    assert len(dist.anchor_records()) == 4


def test_audit_records_carry_anchor_source_and_tag() -> None:
    p = extract_links(
        '<a href="https://example.com/"><img alt="logo"></a>'
        '<map><area href="https://example.com/m" alt="map"></map>',
        "https://a.example.org/",
    )
    records = audit([p], "example.com").to_records()
    assert [(r["anchor_source"], r["tag"]) for r in records] == [("alt", "a"), ("alt", "area")]
    assert [r["has_image"] for r in records] == [True, True]


@pytest.mark.parametrize(
    ("html", "source", "category"),
    [
        ('<img src=x alt="">', "none", "image"),  # the "image (alt or empty)"
        ("<img src=x>", "none", "image"),
        ("<img src=x alt='A loaf'>", "alt", "image"),
        ("<picture><source srcset=x><img src=y></picture>", "none", "image"),
        ('<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>', "none", "image"),
        ('<svg aria-hidden="true"></svg>', "none", "image"),
        ("<img src=x> Click here", "text", "generic"),  # a link with text is its text
        ("<math><mrow><svg></svg></mrow></math>", "none", "empty"),  # MathML, no image
        ("", "none", "empty"),
    ],
)
def test_image_links_are_image_anchors(html: str, source: str, category: str) -> None:
    page = extract_links(f'<a href="https://example.com/">{html}</a>', "https://a.example.org/")
    (link,) = page.links
    assert link.anchor_source == source
    assert link.has_image is not None  # known for every link extracted from HTML
    assert classify_anchor(link.anchor, link.anchor_source, has_image=link.has_image) == category
    (backlink,) = audit([page], "example.com").backlinks
    assert anchor_distribution([backlink])[category].backlinks == 1


def test_an_icon_link_named_by_aria_label_or_title_is_an_image_link() -> None:
    page = extract_links(
        '<a href="https://example.com/" aria-label="Example on the map"><svg></svg></a>'
        '<a href="https://example.com/x" title="Logo"><img src=logo.png></a>'
        '<a href="https://example.com/y" aria-label="Example on the map"></a>'
        '<map><area href="https://example.com/m"></map>',
        "https://a.example.org/",
    )
    assert [(lk.anchor_source, lk.has_image) for lk in page.links] == [
        ("aria-label", True),
        ("title", True),
        ("aria-label", False),
        ("none", True),
    ]
    dist = audit([page], "example.com").anchors(brand="nothing")
    assert (dist["image"].backlinks, dist["other"].backlinks) == (3, 1)


@pytest.mark.parametrize(
    ("anchor", "language", "category"),
    [
        ("hier", "de", "generic"),  # German "here"
        ("hier", "de-AT", "generic"),
        ("hier", "en", "other"),  # English "hier" (a hierarchy?) is no phrase of the list
        ("hier", None, "generic"),  # unknown language: every list
        ("hier", "ja", "generic"),  # a language without a list: every list
        ("hier", "x-private", "generic"),
        ("web", "es", "generic"),
        ("web", "en", "other"),
        ("plus", "fr", "generic"),
        ("plus", "en", "other"),
        ("click here", "en-GB", "generic"),
        ("click here", "fr", "other"),
        ("ici", "FR-ca", "generic"),
        ("leer más", "es-419", "generic"),
        ("leer más", "de", "other"),
    ],
)
def test_generic_phrases_by_the_pages_language(
    anchor: str, language: str | None, category: str
) -> None:
    assert classify_anchor(anchor, language=language) == category
    # generic= adds phrases for every language
    assert classify_anchor("bespoke", language=language, generic=["bespoke"]) == "generic"


def test_the_distribution_reads_each_pages_language() -> None:
    de = extract_links('<html lang="de"><a href="https://example.com/">hier</a>', "https://a.de/")
    en = extract_links('<html lang="en"><a href="https://example.com/">hier</a>', "https://b.uk/")
    pragma = extract_links(
        '<meta http-equiv="content-language" content="de"><a href="https://example.com/">hier</a>',
        "https://c.at/",
    )
    header = extract_links(
        '<a href="https://example.com/">hier</a>',
        "https://d.ch/",
        headers={"Content-Language": "de-CH"},
    )
    unknown = extract_links('<a href="https://example.com/">hier</a>', "https://e.example/")
    profile = audit([de, en, pragma, header, unknown], "example.com")
    assert [b.language for b in profile.backlinks] == ["de", "en", "de", "de-CH", None]
    assert [r["language"] for r in profile.to_records()] == ["de", "en", "de", "de-CH", None]
    dist = profile.anchors()
    assert (dist["generic"].backlinks, dist["other"].backlinks) == (4, 1)


def test_bad_image_and_language_arguments() -> None:
    with pytest.raises(InvalidInputError, match=r"^has_image=1"):
        classify_anchor("x", has_image=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^language=3"):
        classify_anchor("x", language=3)  # type: ignore[arg-type]


def test_the_samples_anchor_mix() -> None:
    s = load_samples()
    dist = audit(s.pages(), s.target).anchors(keywords=["sourdough recipe"])
    # counted by reading the samples: "example.com/...", "https://example.com/..." anchors
    assert dist["naked-url"].backlinks == 4
    assert dist.backlinks == sum(r.backlinks for r in dist.categories)


@given(st.text(max_size=40), st.sampled_from(["text", "alt", "aria-label", "title", "none"]))
def test_any_anchor_gets_one_category(anchor: str, source: str) -> None:
    assert classify_anchor(anchor, source, brand=BRAND, keywords=KEYWORDS) in ANCHOR_CATEGORIES
