"""backlinkkit.records: the columnar path agrees with the Page path, field by field.

The Page path's rules are checked against the standards in test_extract.py; here
every record of the records path must equal ``Page.to_records()`` (and the page
row the Page's own fields), on hand-made pages and on the whole shared corpus.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit._parse import resolve_backend
from backlinkkit.errors import InvalidInputError, InvalidURLError, InvalidValueError
from backlinkkit.page import Page
from backlinkkit.records import (
    ISSUE_COLUMNS,
    LINK_COLUMNS,
    PAGE_COLUMNS,
    Records,
    add_error,
    add_issue,
    extract_records,
)
from tests.corpus import corpus_pages

URL = "https://www.example.com/dir/page.html"

BACKENDS = [
    "html5lib",
    pytest.param(
        "lexbor",
        marks=pytest.mark.skipif(
            resolve_backend("auto") != "lexbor",
            reason="selectolax (backlinkkit[fast]) is not installed",
        ),
    ),
]

HARD = (
    '<base href="/b/"><meta name=robots content="noindex"><title> A \n title </title>'
    '<link rel="canonical" href="/c"><link rel=me href="https://mastodon.social/@a">'
    '<nav><a href="/">Home</a><a href="/">Home again</a></nav>'
    '<a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fother.example%2Fx">wrapped</a>'
    '<a href="https://twitter.com/intent/tweet?url=x">share</a>'
    '<a href="https://www.youtube.com/@chan" rel="UGC no-follow"><img alt=" yt "></a>'
    '<a href="http://[bad" title="t">unresolvable</a><a href="#top" aria-label="top"></a>'
    '<map><area href="mailto:a@b.example" alt="mail"></map><a href="x" title="only"></a>'
)


def link_rows(page: Page, source: str | None = None, position: int = 0) -> list[dict[str, Any]]:
    """What the link table must hold for *page*: its key, then ``Page.to_records()``."""
    return [{"source": source, "page_position": position, **row} for row in page.to_records()]


def page_row(page: Page) -> dict[str, Any]:
    """What the page table must hold for *page*, read off the Page's own fields."""
    return {
        "source": None,
        "position": 0,
        "page_url": page.url,
        "base_url": page.base_url,
        "encoding": page.encoding,
        "canonical": page.canonical,
        "title": page.title,
        "noindex": page.robots.noindex,
        "nofollow": page.robots.nofollow,
        "platform": page.platform,
        "language": page.language,
        "status": page.status,
        "location": page.location,
        "n_links": len(page.links),
        "warnings": " | ".join(page.warnings),
        "error": None,
        "message": None,
    }


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("html", "headers"),
    [
        (HARD, None),
        (HARD, {"X-Robots-Tag": "googlebot: nofollow"}),
        (b"<meta charset=latin1><a href='/\xe9'>\xe9</a>", None),
        ("<p>no links at all</p>", None),
    ],
)
def test_records_equal_the_page_path(backend: str, html: str | bytes, headers: Any) -> None:
    page = extract_links(html, URL, headers=headers, backend=backend)  # type: ignore[arg-type]
    records = extract_records(html, URL, headers=headers, backend=backend)  # type: ignore[arg-type]
    assert records.link_rows() == link_rows(page)
    assert records.page_rows() == [page_row(page)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_records_carry_image_language_status_and_location(backend: str) -> None:
    html = '<html lang="fr"><a href="/x"><img src=a alt=""></a><a href="/y">y</a>'
    headers = {"Location": "/moved", "Content-Language": "de"}
    page = extract_links(html, URL, headers=headers, backend=backend, status=301)  # type: ignore[arg-type]
    records = extract_records(html, URL, headers=headers, backend=backend, status=301)  # type: ignore[arg-type]
    assert records.link_rows() == link_rows(page)
    assert records.page_rows() == [page_row(page)]
    assert records.links["has_image"] == [True, False]
    assert (records.pages["language"], records.pages["status"], records.pages["location"]) == (
        ["fr"],
        [301],
        ["https://www.example.com/moved"],
    )


def test_records_of_many_pages_carry_the_input_status() -> None:
    from backlinkkit.batch import PageInput, extract_many

    items: list[PageInput | tuple[Any, ...]] = [
        PageInput("<a href=/a>a</a>", URL, status=404),
        ("<p>x", URL),
    ]
    (records,) = extract_many(items, workers=1, output="records", progress=False)
    assert records.pages["status"] == [404, None]
    pages = list(extract_many(items, workers=1, progress=False))
    assert [p.status for p in pages] == [404, None]  # type: ignore[union-attr]


def test_hard_page_exercises_every_kind_of_value() -> None:
    # The comparison above means something only if the page has each case.
    page = extract_links(HARD, URL)
    records = page.to_records()
    assert {r["anchor_source"] for r in records} == {"text", "alt", "aria-label", "title"}
    assert any(r["wrapper"] == "facebook" for r in records)
    assert any(r["url"] is None for r in records)
    assert any(r["social_kind"] == "share" for r in records)
    assert any(r["warnings"] for r in records)
    assert page.robots.noindex
    assert page.canonical == "https://www.example.com/c"  # "/c" is path-absolute


def test_columns_are_the_record_keys_in_order() -> None:
    page = extract_links('<a href="/">x</a>', URL)
    assert [name for name, _ in LINK_COLUMNS] == [
        "source",
        "page_position",
        *page.to_records()[0],
    ]
    assert [name for name, _ in PAGE_COLUMNS] == list(extract_records("", URL).pages)
    assert PAGE_COLUMNS[:2] == (("source", "string"), ("position", "int64"))
    assert [name for name, _ in ISSUE_COLUMNS] == list(extract_records("", URL).issues)


def test_errors_are_those_of_extract_links() -> None:
    with pytest.raises(InvalidURLError):
        extract_records("<a href=x>x</a>", "not a url")
    with pytest.raises(InvalidInputError):
        extract_records(None, URL)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        extract_records("", URL, agent=" ")
    with pytest.raises(InvalidValueError):
        Records({"nope": []})
    with pytest.raises(InvalidValueError, match=r"Records\.issues"):
        Records(issues={"kind": []})


def test_issue_and_error_rows() -> None:
    records = extract_records('<a href="/1">1</a>', URL)
    assert records.n_issues == 0
    add_error(records, 1, "https://b.example/", "TimeLimit", "too slow", source="a.warc")
    add_issue(
        records,
        kind="revisit",
        record_type="revisit",
        url="https://c.example/",
        record_id="<urn:uuid:1>",
        offset=120,
        detail="revisit of https://c.example/",
        source="a.warc",
    )
    assert records.n_issues == 1
    assert records.issue_rows() == [
        {
            "source": "a.warc",
            "page_position": None,
            "offset": 120,
            "record_type": "revisit",
            "kind": "revisit",
            "url": "https://c.example/",
            "record_id": "<urn:uuid:1>",
            "detail": "revisit of https://c.example/",
        }
    ]
    assert records.page_rows()[1]["source"] == "a.warc"
    assert records.page_rows()[1]["position"] == 1
    assert records.page_rows()[1]["error"] == "TimeLimit"


def test_concat_and_pickle() -> None:
    one = extract_records('<a href="/1">1</a>', URL)
    two = extract_records('<a href="/2">2</a><a href="/3">3</a>', URL)
    add_issue(
        two,
        kind="warning",
        record_type="response",
        url=URL,
        record_id=None,
        offset=0,
        detail="d",
        page_position=0,
    )
    both = Records.concat([one, two])
    assert both.n_issues == 1
    assert both.n_links == 3
    assert both.n_pages == 2
    assert both.links["url"][1:] == ["https://www.example.com/2", "https://www.example.com/3"]
    assert pickle.loads(pickle.dumps(both)) == both


def test_to_arrow() -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow (backlinkkit[arrow]) is not installed")
    arrow = extract_records(HARD, URL).to_arrow()
    assert arrow.links.schema.field("followed").type == pa.bool_()
    assert arrow.links.num_rows == len(extract_links(HARD, URL).links)
    assert arrow.links.to_pylist() == link_rows(extract_links(HARD, URL))
    assert arrow.pages.num_rows == 1
    assert arrow.issues.num_rows == 0
    assert arrow.issues.schema.field("page_position").type == pa.int64()
    empty = Records().to_arrow()
    assert empty.links.num_rows == 0
    assert empty.links.schema == arrow.links.schema
    assert empty.issues.schema == arrow.issues.schema


@pytest.mark.corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_records_equal_the_page_path_on_the_whole_corpus(backend: str) -> None:
    pages = corpus_pages()
    if not pages:
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    for url, path in pages:
        html = path.read_bytes()
        page = extract_links(html, url, backend=backend)  # type: ignore[arg-type]
        records = extract_records(html, url, backend=backend)  # type: ignore[arg-type]
        assert records.link_rows() == link_rows(page), path.name
        assert records.page_rows() == [page_row(page)], path.name


_PIECES = [
    '<a href="{h}">{t}</a>',
    '<a href="{h}" rel="{r}"><img alt="{t}"></a>',
    '<area href="{h}" alt="{t}">',
    '<base href="{h}">',
    '<nav><a href="{h}" title="{t}">',
    "<footer><a href='{h}' aria-label='{t}'></a></footer>",
    '<meta name="robots" content="{r}">',
    '<link rel="{r}" href="{h}">',
    "</div><div>",
    "<!-- {t} -->",
]
_HREFS = [
    "/",
    "x?y=1",
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fo.example%2F",
    "#f",
    "http://[",
    "mailto:a@b.example",
    "https://twitter.com/someone",
    "//cdn.example/a",
    " ",
]
_RELS = ["nofollow", "UGC sponsored", "me", "canonical", "noindex, nofollow", "no-follow", ""]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PIECES),
            st.sampled_from(_HREFS),
            st.sampled_from(_RELS),
            st.text(alphabet="ab \t\né<&", max_size=6),
        ),
        max_size=12,
    )
)
def test_records_equal_the_page_path_on_generated_pages(
    pieces: list[tuple[str, str, str, str]],
) -> None:
    html = "".join(p.format(h=h, r=r, t=t) for p, h, r, t in pieces)
    page = extract_links(html, URL)
    records = extract_records(html, URL)
    assert records.link_rows() == link_rows(page)
    assert records.page_rows() == [page_row(page)]
