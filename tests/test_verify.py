"""Tests for backlinkkit.verify: every status and every lost reason on a hand-written page."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit.batch import ExtractionError
from backlinkkit.errors import InvalidInputError
from backlinkkit.expected import ExpectedLink, expected_links, url_key
from backlinkkit.verify import LOST_REASONS, RECORD_KEYS, STATUSES, verify

SRC = "https://blog.example.org/post"
TARGET = "https://example.com/guide"


def page(body: str, url: str = SRC, **kwargs: Any) -> Any:
    return extract_links(body, url, **kwargs)


def one(expected: object, *pages: object) -> Any:
    result = verify([expected], pages)
    return result.links[0]


def row(**changes: object) -> dict[str, object]:
    return {"source_url": SRC, "target_url": TARGET, **changes}


# --------------------------------------------------------------------------- statuses


def test_live() -> None:
    v = one(row(anchor="The Guide", nofollow=False), page(f'<a href="{TARGET}">the  guide</a>'))
    assert (v.status, v.reasons) == ("live", ())
    assert v.link.anchor == "the guide"


def test_live_from_a_plain_pair_knows_no_rel_or_anchor() -> None:
    v = one((SRC, TARGET), page(f'<a href="{TARGET}" rel="nofollow">other</a>'))
    assert (v.status, v.reasons) == ("live", ())  # nothing was expected of rel or anchor


@pytest.mark.parametrize(
    ("rel", "expected", "reason"),
    [
        ("nofollow", {"nofollow": False}, "rel now nofollow"),
        ("ugc", {"ugc": False}, "rel now ugc"),
        ("sponsored", {"sponsored": False}, "rel now sponsored"),
        ("", {"nofollow": True}, "rel no longer nofollow"),
    ],
)
def test_changed_rel(rel: str, expected: dict[str, object], reason: str) -> None:
    v = one(row(**expected), page(f'<a href="{TARGET}" rel="{rel}">x</a>'))
    assert v.status == "changed"
    assert reason in v.reasons


def test_changed_anchor() -> None:
    v = one(row(anchor="the guide"), page(f'<a href="{TARGET}">a different text</a>'))
    assert (v.status, v.reasons) == ("changed", ("anchor changed",))


def test_changed_target_on_the_same_site() -> None:
    p = page('<a href="https://example.com/new-guide">Guide</a>')
    v = one(row(anchor="guide"), p)
    assert (v.status, v.reasons) == ("changed", ("target changed",))
    assert v.to_record()["found_url"] == "https://example.com/new-guide"
    # with no anchor to go by, another link to the site is not taken for the expected one
    assert one(row(), p).reasons == ("Link removed",)
    assert one(row(anchor="something else"), p).reasons == ("Link removed",)


def test_changed_now_through_a_redirector() -> None:
    href = "https://www.google.com/url?q=" + TARGET
    p = page(f'<a href="{href}">guide</a>')
    assert p.links[0].wrapper == "google"  # the registry peels google.com/url
    v = one(row(), p)
    assert (v.status, v.reasons) == ("changed", ("now through google",))


def test_lost_link_removed() -> None:
    v = one(row(), page('<a href="https://example.net/">elsewhere</a>'))
    assert (v.status, v.reasons) == ("lost", ("Link removed",))


def test_lost_noindex() -> None:
    p = page(f'<meta name="robots" content="noindex"><a href="{TARGET}">x</a>')
    result = verify([row()], [p])
    assert [(v.status, v.reasons) for v in result.links] == [("lost", ("Noindex",))]
    assert result.links[0].link is not None  # the link is there: not reported as new too


def test_lost_not_canonical_anymore() -> None:
    p = page(
        f'<link rel="canonical" href="https://blog.example.org/other"><a href="{TARGET}">x</a>'
    )
    assert one(row(), p).reasons == ("Not canonical anymore",)
    # a canonical pointing at the page itself (trailing slash aside) is fine
    q = page(f'<link rel="canonical" href="{SRC}/"><a href="{TARGET}">x</a>')
    assert one(row(), q).status == "live"


def test_lost_robots_nofollow() -> None:
    p = page(f'<a href="{TARGET}">x</a>', headers={"X-Robots-Tag": "nofollow"})
    v = one(row(), p)
    assert (v.status, v.reasons) == ("lost", ("robots nofollow",))
    # expected nofollow anyway: the page-level nofollow changes nothing
    assert one(row(nofollow=True), p).status == "changed"  # rel no longer nofollow


def test_not_checked_page_not_supplied() -> None:
    v = one(row(), page("<p>other page</p>", "https://blog.example.org/another"))
    assert (v.status, v.reasons) == ("not-checked", ("page not supplied",))


def test_not_checked_crawl_error() -> None:
    error = ExtractionError(0, SRC, "InvalidURLError", "bad")
    result = verify([row()], [error])
    assert result.links[0].status == "not-checked"
    assert result.links[0].reasons == ("Crawl error: bad",)
    assert (result.pages, result.errors) == (1, 1)


def test_new_links_the_export_did_not_know() -> None:
    p = page(
        f'<a href="{TARGET}">guide</a><a href="https://shop.example.com/">shop</a>'
        '<a href="https://example.net/">other site</a><a href="/internal">internal</a>'
    )
    result = verify([row()], [p])
    assert [v.status for v in result.links] == ["live", "new"]
    assert result.links[1].target_url == "https://shop.example.com/"
    # targets= widens what counts as new
    wider = verify([row()], [p], targets=["example.com", "example.net"])
    assert [v.target_url for v in wider.of("new")] == [
        "https://shop.example.com/",
        "https://example.net/",
    ]


def test_each_link_on_the_page_answers_one_expectation() -> None:
    p = page(f'<a href="{TARGET}">a</a>')
    result = verify([row(), row()], [p])
    assert [v.status for v in result.links] == ["live", "lost"]


def test_the_anchor_picks_among_several_links_to_one_target() -> None:
    p = page(f'<a href="{TARGET}">first</a><a href="{TARGET}" rel="nofollow">second</a>')
    v = one(row(anchor="second", nofollow=True), p)
    assert (v.status, v.link.position) == ("live", 1)


def test_every_status_and_reason_is_covered_here() -> None:
    assert STATUSES == ("live", "changed", "lost", "not-checked", "new")
    assert set(LOST_REASONS) == {
        "Link removed",
        "Noindex",
        "Not canonical anymore",
        "robots nofollow",
        "Not found",
        "301/302 redirect",
        "Broken redirect",
        "Crawl error",
        "page not supplied",
    }


# --------------------------------------------------------------------------- views


def test_summary_records_and_views() -> None:
    p = page(f'<a href="{TARGET}">x</a><a href="https://example.com/b">y</a>')
    result = verify([row(), row(target_url="https://example.com/missing", anchor="y")], [p])
    assert result.summary == (
        "2 expected links on 1 page: 1 live, 1 changed, 0 lost, 0 not checked; 0 new links found"
    )
    records = result.to_records()
    assert [tuple(r) for r in records] == [RECORD_KEYS] * 2
    assert records[1]["reasons"] == "target changed"
    assert "<table>" in result._repr_html_()
    assert result.summary in str(result)
    frame = pytest.importorskip("pandas")
    assert list(result.to_dataframe().columns) == list(RECORD_KEYS)
    assert isinstance(result.to_dataframe(), frame.DataFrame)


def test_rows_of_an_export_plug_in() -> None:
    @attrs.frozen
    class Row:  # the shape of ExportedBacklink
        source_url: str
        target_url: str
        anchor: str | None
        nofollow: bool | None
        ugc: bool | None
        sponsored: bool | None

    p = page(f'<a href="{TARGET}" rel="ugc">guide</a>')
    v = one(Row(SRC, TARGET, "guide", False, False, False), p)
    assert v.reasons == ("rel now ugc",)


# --------------------------------------------------------------------------- inputs


def test_url_comparison_rules() -> None:
    assert url_key("HTTP://EXAMPLE.com/a/#x") == url_key("https://example.com/a")
    assert url_key("https://example.com/") == url_key("https://example.com")
    assert url_key("https://example.com/a?x=1") != url_key("https://example.com/a?x=2")
    assert url_key("https://www.example.com/a") != url_key("https://example.com/a")
    assert url_key("https://example.com:8080/") != url_key("https://example.com/")
    assert url_key(" not a url ") == "not a url"


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("https://a.example/", r"^expected="),
        ([("only-one",)], r"^expected\[0\]="),
        ([42], r"^expected\[0\]="),
        ([{"source_url": "https://a.example/"}], r"^expected\[0\]="),
        ([{"source_url": 1, "target_url": "x"}], r"^expected\[0\]="),
    ],
)
def test_wrong_expected_items_name_the_item(items: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        expected_links(items)


def test_pages_must_be_pages() -> None:
    with pytest.raises(InvalidInputError, match=r"^pages\[0\]="):
        verify([row()], ["<html>"])
    with pytest.raises(InvalidInputError, match=r"^pages="):
        verify([row()], page("x"))


def test_mapping_names_and_lenient_optional_fields() -> None:
    (e,) = expected_links(
        [{"url_from": SRC, "url_to": TARGET, "nofollow": "yes", "first_seen": "2024-05-01"}]
    )
    assert isinstance(e, ExpectedLink)
    assert (e.source_url, e.target_url, e.nofollow) == (SRC, TARGET, None)
    assert str(e.first_seen) == "2024-05-01"


@given(st.text(max_size=60), st.text(max_size=60))
def test_url_keys_of_any_text_never_raise(a: str, b: str) -> None:
    assert isinstance(url_key(a), str)
    try:
        result = verify([(a, b)], [])
    except (InvalidInputError, ValueError):
        return  # empty URLs are refused with the documented errors
    assert result.links[0].status == "not-checked"


def test_the_html_view_shows_the_first_rows_and_how_many_more() -> None:
    rows = [(f"https://blog.example.org/{i}", TARGET) for i in range(60)]
    view = verify(rows, [])._repr_html_()
    assert view.count("<tr>") == 1 + 50
    assert "… and 10 more rows (first 50 shown)" in view
    assert "more rows" not in verify(rows[:3], [])._repr_html_()


def test_two_snapshots_of_one_page() -> None:
    old = page("<p>the link is gone</p>")
    now = page(f'<a href="{TARGET}">guide</a><a href="{TARGET}">guide again</a>')
    result = verify([row()], [old, now])
    # the snapshot that still has the link answers; its repeat is no new backlink
    assert [v.status for v in result.links] == ["live"]
    assert result.pages == 2


def test_share_buttons_are_never_new_links() -> None:
    p = page(
        f'<a href="{TARGET}">x</a>'
        '<a href="https://twitter.com/intent/tweet?url=https://example.com/">tweet</a>'
        '<a href="https://x.com/golden">follow</a>'
    )
    result = verify([(SRC, TARGET)], [p], targets=["example.com", "twitter.com", "x.com"])
    assert [v.target_url for v in result.of("new")] == ["https://x.com/golden"]
