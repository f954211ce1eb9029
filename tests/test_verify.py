"""Tests for backlinkkit.verify: every status and every lost reason on a hand-written page."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit.batch import ExtractionError
from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.expected import ExpectedLink, expected_links, url_key
from backlinkkit.verify import LOST_REASONS, MAX_REDIRECTS, RECORD_KEYS, STATUSES, verify

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


# --------------------------------------------------------------------------- HTTP status

LINKED = f'<a href="{TARGET}">guide</a>'


def served(
    status: int | None, location: str | None = None, body: str = LINKED, url: str = SRC
) -> Any:
    headers = {"Location": location} if location is not None else None
    return page(body, url, status=status, headers=headers)


@pytest.mark.parametrize(
    ("status", "reasons"),
    [
        (404, ("Not found",)),
        (410, ("Not found",)),
        (403, ("Crawl error: HTTP 403",)),
        (429, ("Crawl error: HTTP 429",)),
        (500, ("Crawl error: HTTP 500",)),
        (503, ("Crawl error: HTTP 503",)),
    ],
)
def test_lost_by_an_error_status(status: int, reasons: tuple[str, ...]) -> None:
    # the error page still shows the link (a soft copy): the status decides
    v = one(row(), served(status))
    assert (v.status, v.reasons, v.link) == ("lost", reasons, None)


@pytest.mark.parametrize("status", [None, 200, 203, 304, 300])
def test_a_status_that_loses_nothing(status: int | None) -> None:
    assert one(row(), served(status)).status == "live"


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_lost_by_a_redirect_whose_target_is_not_supplied(status: int) -> None:
    v = one(row(), served(status, "/moved", body=""))
    assert (v.status, v.reasons) == (
        "lost",
        ("301/302 redirect", "to https://blog.example.org/moved (not supplied)"),
    )


def test_a_redirect_to_a_page_that_answers() -> None:
    moved = served(301, "https://blog.example.org/new-post", body="")
    new = served(200, url="https://blog.example.org/new-post")
    result = verify([row()], [moved, new])
    assert (result.links[0].status, result.links[0].reasons) == (
        "lost",
        ("301/302 redirect", "to https://blog.example.org/new-post"),
    )
    # the link on the page redirected to is a link the list did not know
    assert [(v.status, v.source_url) for v in result.links[1:]] == [
        ("new", "https://blog.example.org/new-post")
    ]


def test_a_redirect_without_a_location() -> None:
    p = served(302, body="")
    assert p.location is None
    assert "302 with no Location headers" in p.warnings[0]
    assert one(row(), p).reasons == ("301/302 redirect", "where it redirects is not known")


@pytest.mark.parametrize("code", [404, 410, 500, 502])
def test_broken_redirect_to_an_error_page(code: int) -> None:
    moved = served(301, "/gone", body="")
    gone = served(code, url="https://blog.example.org/gone")
    v = verify([row()], [moved, gone]).links[0]
    assert (v.status, v.reasons) == (
        "lost",
        ("Broken redirect", f"to https://blog.example.org/gone, which answers HTTP {code}"),
    )


def test_broken_redirect_through_a_chain() -> None:
    first = served(301, "/b", body="")
    second = served(308, "https://blog.example.org/c", body="", url="https://blog.example.org/b")
    last = served(404, url="https://blog.example.org/c")
    v = verify([row()], [first, second, last]).links[0]
    assert v.reasons == ("Broken redirect", "to https://blog.example.org/c, which answers HTTP 404")
    # the chain ends on a page that answers: a redirect
    fine = served(200, url="https://blog.example.org/c")
    v = verify([row()], [first, second, fine]).links[0]
    assert v.reasons == ("301/302 redirect", "to https://blog.example.org/c")
    # the chain ends on a page without a Location
    nowhere = served(302, body="", url="https://blog.example.org/c")
    v = verify([row()], [first, second, nowhere]).links[0]
    assert v.reasons == (
        "301/302 redirect",
        "https://blog.example.org/c redirects, where it redirects is not known",
    )


def test_broken_redirect_loops_and_long_chains() -> None:
    a = served(301, "/b", body="")
    b = served(302, SRC, body="", url="https://blog.example.org/b")
    v = verify([row()], [a, b]).links[0]
    assert v.reasons == ("Broken redirect", f"redirect loop at {SRC}")
    self_loop = served(301, SRC, body="")
    assert one(row(), self_loop).reasons == ("Broken redirect", f"redirect loop at {SRC}")
    hops = [served(301, "/r1", body="")] + [
        served(301, f"/r{i + 1}", body="", url=f"https://blog.example.org/r{i}")
        for i in range(1, MAX_REDIRECTS + 2)
    ]
    assert MAX_REDIRECTS == 20
    assert verify([row()], hops).links[0].reasons == ("Broken redirect", "more than 20 redirects")
    # twenty redirects to a page that answers are followed
    ends = verify([row()], [*hops[:MAX_REDIRECTS], served(200, url="https://blog.example.org/r20")])
    assert ends.links[0].reasons == ("301/302 redirect", "to https://blog.example.org/r20")


def test_links_of_redirect_and_error_pages_are_not_new() -> None:
    result = verify([], [served(301, "/x"), served(404, url="https://blog.example.org/other")])
    assert result.links == ()


def test_a_snapshot_that_answers_wins_over_one_that_redirects() -> None:
    result = verify([row()], [served(301, "/x"), served(200)])
    assert [(v.status, v.reasons) for v in result.links] == [("live", ())]


def test_status_is_checked_on_extract_links() -> None:
    with pytest.raises(InvalidInputError, match=r"^status='200'"):
        page("", status="200")
    with pytest.raises(InvalidInputError, match=r"^status=True"):
        page("", status=True)
    with pytest.raises(InvalidValueError, match=r"^status=42"):
        page("", status=42)


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
