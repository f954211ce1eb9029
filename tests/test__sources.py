"""_sources: the pages of one input file, and the records of many, keyed by file."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backlinkkit import _sources
from backlinkkit._sources import (
    UNREADABLE_ARCHIVE,
    extract_paths,
    is_warc,
    is_wat,
    pages_of,
    wat_pages,
)
from backlinkkit.archives import ArchiveFormatError, read_warc, read_wat
from backlinkkit.batch import PageInput, extract_many
from backlinkkit.errors import InvalidURLError, InvalidValueError
from backlinkkit.records import Records
from backlinkkit.urls import parse_absolute_url
from tests.warcs import (
    UNREADABLE_PAGES,
    assert_joins_one_to_one,
    expected_issues,
    issue_tuples,
    unreadable_warcs,
    warc_record,
    wat_expected,
    wat_tables,
    write_issue_warcs,
    write_warc,
    write_wat,
)


@pytest.mark.parametrize(
    ("name", "warc"),
    [
        ("a.warc", True),
        ("A.WARC.GZ", True),
        ("x.warc.zst", True),
        ("p.html", False),
        ("warc.html", False),
        ("a.warc.gz.html", False),
        ("CC-MAIN-20261201-00000.warc.wat.gz", False),
    ],
)
def test_is_warc_by_ending(name: str, warc: bool) -> None:
    assert is_warc(name) is warc


def test_a_saved_page_is_one_page_against_its_file_url_or_the_url_given(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(b"<a href=x>x</a>")
    assert list(pages_of(path)) == [(b"<a href=x>x</a>", path.resolve().as_uri(), ())]
    assert list(pages_of(str(path), "https://a.example/")) == [
        (b"<a href=x>x</a>", "https://a.example/", ())
    ]


def test_a_missing_file_raises_oserror_naming_it(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"missing\.html"):
        list(pages_of(tmp_path / "missing.html"))


def test_a_warc_file_gives_each_html_response(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        write_warc(
            out,
            [
                ("https://a.example/", b"<a href=/x>x</a>"),
                ("https://b.example/", b"<a href=y>y</a>"),
            ],
            extras=False,
            cut=False,
        )
    pages = list(pages_of(path))
    assert all(isinstance(p, PageInput) for p in pages)  # with the HTTP status
    inputs = [p for p in pages if isinstance(p, PageInput)]
    assert [(p.html, p.url, p.status) for p in inputs] == [
        (b"<a href=/x>x</a>", "https://a.example/", 200),
        (b"<a href=y>y</a>", "https://b.example/", 200),
    ]
    assert ("content-type", "text/html") in [(k.lower(), v) for k, v in inputs[0].headers]


# --------------------------------------------------------------------------- extract_paths


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_paths_writes_each_archive_issue_in_file_order(
    tmp_path: Path, workers: int
) -> None:
    paths, written = write_issue_warcs(tmp_path, 1)
    pages, issues = written[0]
    records = Records.concat(extract_paths(paths, workers=workers, progress=False))
    assert issue_tuples(records.issue_rows()) == expected_issues(paths[0], issues)
    assert {row["kind"] for row in records.issue_rows()} == {"revisit", "non-html", "truncated"}
    assert all(row["record_id"] and row["detail"] for row in records.issue_rows())
    # the truncated page with a page is in the page table, at the position its issue names
    assert records.pages["page_url"] == [url for url, _ in pages]
    assert records.pages["position"] == [0, 1, 2]
    assert records.pages["title"] == ["A", "Long", "B"]


@pytest.mark.parametrize("workers", [1, 2])
def test_two_files_join_one_to_one(tmp_path: Path, workers: int) -> None:
    paths, written = write_issue_warcs(tmp_path, 2)
    page = tmp_path / "saved.html"
    page.write_bytes(b"<a href='/z'>z</a>")
    paths.insert(1, str(page))
    records = Records.concat(
        extract_paths(
            paths,
            urls={str(page): "https://s.example/p"},
            workers=workers,
            chunksize=2,
            progress=False,
        )
    )
    assert [(row["source"], row["position"]) for row in records.page_rows()] == [
        (paths[0], 0),
        (paths[0], 1),
        (paths[0], 2),
        (str(page), 0),
        (paths[2], 0),
        (paths[2], 1),
        (paths[2], 2),
    ]
    assert_joins_one_to_one(records)
    assert records.n_links == 2 * (2 + 1 + 1) + 1
    assert issue_tuples(records.issue_rows()) == expected_issues(
        paths[0], written[0][1]
    ) + expected_issues(paths[2], written[1][1])


def test_extract_paths_gives_the_rows_extract_many_gives_in_memory(tmp_path: Path) -> None:
    paths, written = write_issue_warcs(tmp_path, 1)
    pages, _ = written[0]
    found = Records.concat(extract_paths(paths, workers=1, progress=False))
    headers = (("Content-Type", "text/html"),)
    memory = Records.concat(
        extract_many(
            [PageInput(body, url, headers, status=200) for url, body in pages],
            workers=1,
            output="records",
            progress=False,
        )
    )
    # In memory there is no file: the same rows with source None (positions agree,
    # as the file holds only these pages).
    for table in ("links", "pages"):
        mine, theirs = getattr(found, table), getattr(memory, table)
        assert set(mine["source"]) == {paths[0]}
        assert {**mine, "source": theirs["source"]} == theirs


def test_a_file_without_pages_still_gives_its_issues(tmp_path: Path) -> None:
    path = tmp_path / "revisits.warc"
    with open(path, "wb") as out:
        out.write(
            warc_record(
                "revisit",
                b"",
                uri="https://a.example/",
                extra=[("WARC-Refers-To-Target-URI", "https://a.example/")],
            )
        )
    parts = list(extract_paths([path], workers=1, progress=False))
    assert [(p.n_pages, p.n_issues) for p in parts] == [(0, 1)]
    assert issue_tuples(parts[0].issue_rows()) == [
        (str(path), "revisit", "revisit", "https://a.example/", 0, None)
    ]


# --------------------------------------------------------------------------- unreadable files


def test_pages_of_raises_on_an_unreadable_warc_unless_asked_to_collect(tmp_path: Path) -> None:
    paths, expected = unreadable_warcs(tmp_path)
    read: list[str] = []

    def drain() -> None:
        for page in pages_of(paths[0]):
            assert isinstance(page, PageInput)  # a WARC page, with its status
            read.append(page.url)

    with pytest.raises(ArchiveFormatError, match=r"cut\.warc\.gz"):
        drain()
    assert read == [UNREADABLE_PAGES[0][0]]  # the page before the cut was given first
    failed: list[Exception] = []
    pages = list(pages_of(paths[0], failed=failed))
    assert [page.url for page in pages if isinstance(page, PageInput)] == read
    (error,) = failed
    assert isinstance(error, ArchiveFormatError)
    assert (error.archive, error.offset, error.last_record) == (paths[0], expected[0][4], 0)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_unreadable_file_is_an_issue_row_and_the_job_goes_on(
    tmp_path: Path, workers: int
) -> None:
    paths, expected = unreadable_warcs(tmp_path)
    records = Records.concat(extract_paths(paths, workers=workers, chunksize=1, progress=False))
    # the page read before the cut is kept; the good file after both is read whole
    assert [(r["source"], r["position"], r["page_url"]) for r in records.page_rows()] == [
        (paths[0], 0, UNREADABLE_PAGES[0][0]),
        (paths[2], 0, UNREADABLE_PAGES[1][0]),
        (paths[2], 1, UNREADABLE_PAGES[2][0]),
    ]
    assert records.pages["title"] == ["before the cut", "good 1", "good 2"]
    assert records.n_links == 4
    assert_joins_one_to_one(records)
    assert issue_tuples(records.issue_rows()) == expected
    for row, path in zip(records.issue_rows(), paths, strict=False):
        assert row["kind"] == UNREADABLE_ARCHIVE
        assert repr(path) in row["detail"]  # the reader's message names the file
        assert "the rest of the file is not read" in row["detail"]
    assert "the 1 page read before it kept" in records.issues["detail"][0]
    assert "no page read from it" in records.issues["detail"][1]


def test_a_file_cut_at_its_end_is_the_readers_own_issue_not_an_unreadable_archive(
    tmp_path: Path,
) -> None:
    # A gzip member cut short at the end of the file: the reader reports it itself
    # (a "truncated" or "unreadable" record issue) and raises nothing.
    paths, _ = unreadable_warcs(tmp_path)
    data = Path(paths[2]).read_bytes()
    path = tmp_path / "end.warc.gz"
    path.write_bytes(data[: len(data) - 30])
    records = Records.concat(extract_paths([path], workers=1, progress=False))
    assert records.pages["page_url"] == [UNREADABLE_PAGES[1][0], UNREADABLE_PAGES[2][0]]
    assert UNREADABLE_ARCHIVE not in records.issues["kind"]
    assert "truncated" in records.issues["kind"]  # the last page, from what the file holds


def _page_url(raw: str) -> str:
    """The ``page_url`` of a page whose record names *raw*: the URL as extraction parses
    it (WHATWG: leading and trailing C0 controls and spaces stripped ...), or *raw* for
    the error row of a URL that does not parse."""
    try:
        return parse_absolute_url(raw)
    except InvalidURLError:
        return raw


def _pages_until_the_fault(path: str) -> tuple[list[str], bool]:
    urls = []
    try:
        for page in read_warc(path):
            urls.append(_page_url(page.url))
    except ArchiveFormatError:
        return urls, True
    return urls, False


_GOOD = b"".join(
    warc_record(
        "response",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body,
        uri=url,
        content_type="application/http; msgtype=response",
    )
    for url, body in UNREADABLE_PAGES
)
_GOOD_GZ = b"".join(gzip.compress(r, mtime=0) for r in _GOOD.split(b"\r\n\r\nWARC/") if r)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=800),
        st.tuples(
            st.sampled_from([_GOOD, _GOOD_GZ, gzip.compress(_GOOD)]),
            st.integers(0, 3000),
            st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 255)), max_size=4),
        ).map(lambda t: _damaged(*t)),
    ),
    ending=st.sampled_from([".warc", ".warc.gz"]),
)
def test_any_bytes_as_an_archive_never_raise(data: bytes, ending: str) -> None:
    """extract_paths over any bytes: no exception; the pages read_warc gives before any
    fault, and an issue row for whatever gave no page -- nothing at all only for a file
    whose records all hold no page by their type (or that has none)."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / f"any{ending}")
        Path(path).write_bytes(data)
        records = Records.concat(extract_paths([path], workers=1, progress=False))
        urls, raised = _pages_until_the_fault(path)
        assert records.pages["page_url"] == urls
        assert (UNREADABLE_ARCHIVE in records.issues["kind"]) is raised
        assert set(records.issues["source"]) <= {path}
        if not records.n_pages and not records.n_issues:
            reader = read_warc(path)
            list(reader)
            assert reader.stats.records == reader.stats.skipped


HTTP_RESPONSE = "application/http; msgtype=response"


def test_a_target_uri_is_the_page_url_as_extraction_parses_it(tmp_path: Path) -> None:
    # Found by the property above: a WARC-Target-URI with a leading NUL is a page at
    # the parsed URL (the URL Standard strips C0 controls), one that does not parse an
    # error row under the URI as written.
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<a href=/x>x</a>"
    path = tmp_path / "a.warc"
    path.write_bytes(
        b"".join(
            warc_record(
                "response", response, uri=uri, content_type="application/http; msgtype=response"
            )
            for uri in ("\x00https://a.example/", "not a url")
        )
    )
    records = Records.concat(extract_paths([path], workers=1, progress=False))
    assert records.pages["page_url"] == ["https://a.example/", "not a url"]
    assert records.pages["error"] == [None, "InvalidURLError"]
    assert _pages_until_the_fault(str(path)) == (["https://a.example/", "not a url"], False)


def _damaged(base: bytes, cut: int, edits: list[tuple[int, int]]) -> bytes:
    data = bytearray(base[: len(base) - cut % max(len(base), 1)])
    for position, value in edits:
        if data:
            data[position % len(data)] = value
    return bytes(data)


# --------------------------------------------------------------------------- WAT files


@pytest.mark.parametrize(
    ("name", "wat"),
    [
        ("CC-MAIN-20261201000000-20261201010000-00000.warc.wat.gz", True),
        ("a.wat", True),
        ("A.WAT.GZ", True),
        ("x.wat.zst", True),
        ("a.warc.gz", False),
        ("wat.html", False),
        ("a.wat.gz.html", False),
    ],
)
def test_is_wat_by_ending(name: str, wat: bool) -> None:
    assert is_wat(name) is wat


def _wat_file(folder: Path, name: str = "CC-MAIN-x.warc.wat.gz") -> str:
    path = folder / name
    with open(path, "wb") as out:
        write_wat(out)
    return str(path)


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_paths_gives_a_wat_file_its_rows_without_extraction(
    tmp_path: Path, workers: int
) -> None:
    name = _wat_file(tmp_path)
    records = Records.concat(extract_paths([name], workers=workers, progress=False))
    assert wat_tables(records.page_rows(), records.issue_rows()) == wat_expected(name)
    # the link rows are WatPage.to_records(), keyed by (source, page_position)
    wat = list(read_wat(name))
    expected = [
        {"source": name, "page_position": position, **row}
        for position, page in enumerate(wat)
        for row in page.to_records()
    ]
    assert records.link_rows() == expected
    assert records.n_links == 9
    assert records.links["region"] == [None] * 9
    assert_joins_one_to_one(records)


def test_extract_paths_over_html_wat_and_warc_files_keeps_their_order(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<a href=https://x.example/>x</a>", encoding="utf-8")
    wat = _wat_file(tmp_path)
    warc = tmp_path / "c.warc"
    with open(warc, "wb") as out:
        write_warc(out, [("https://w.example/", b"<a href=/y>y</a>")], extras=False, cut=False)
    other = _wat_file(tmp_path, "b.wat")
    paths = [str(page), wat, str(warc), other]
    records = Records.concat(extract_paths(paths, workers=1, progress=False))
    assert records.pages["source"] == [str(page), *[wat] * 3, str(warc), *[other] * 3]
    assert records.pages["position"] == [0, 0, 1, 2, 0, 0, 1, 2]
    assert records.pages["encoding"][:2] == ["windows-1252", None]
    assert records.n_links == 1 + 9 + 1 + 9
    assert_joins_one_to_one(records)


def test_a_wat_file_comes_in_batches_of_wat_batch_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_sources, "WAT_BATCH", 2)
    parts = list(extract_paths([_wat_file(tmp_path)], workers=1, progress=False))
    assert [(p.n_pages, p.n_links) for p in parts] == [(2, 8), (1, 1)]
    # the issues go with the batch they were read in: the image and the revisit come
    # after page 3 (file order), the JSON that is not JSON last
    assert [p.issues["kind"] for p in parts] == [[], ["non-html", "revisit", "unreadable"]]


def test_the_agent_option_reaches_the_wat_reader(tmp_path: Path) -> None:
    meta = (
        '{"Envelope":{"WARC-Header-Metadata":{"WARC-Type":"response",'
        '"WARC-Target-URI":"https://f.example/"},"Payload-Metadata":{"HTTP-Response-Metadata":'
        '{"Headers":{},"HTML-Metadata":{"Head":{"Metas":[{"name":"googlebot",'
        '"content":"nofollow"}]},"Links":[{"path":"A@/href","url":"https://x.example/"}]}}}}}'
    )
    path = tmp_path / "g.wat"
    with open(path, "wb") as out:
        write_wat(out, [meta], gzip_records=False)
    followed = [
        Records.concat(extract_paths([path], workers=1, progress=False, agent=agent)).links[
            "followed"
        ]
        for agent in ("googlebot", "bingbot")
    ]
    assert followed == [[False], [True]]  # <meta name=googlebot> binds Googlebot only


def test_an_unreadable_wat_file_is_an_issue_row_and_the_job_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wat.gz"
    bad.write_bytes(b"\x00\x01 not a WAT file at all")
    good = _wat_file(tmp_path)
    records = Records.concat(extract_paths([str(bad), good], workers=1, progress=False))
    assert records.issues["kind"][0] == UNREADABLE_ARCHIVE
    assert records.issues["source"][0] == str(bad)
    assert "no page read from it" in records.issues["detail"][0]
    assert records.pages["source"] == [good] * 3


def test_pages_of_refuses_a_wat_file_and_wat_pages_reads_it(tmp_path: Path) -> None:
    name = _wat_file(tmp_path)
    with pytest.raises(InvalidValueError, match="WAT file holds no HTML"):
        list(pages_of(name))
    pages = list(wat_pages(name))
    assert [(p.url, len(p.links)) for p in pages] == [
        ("https://blog.example/posts/1", 7),
        ("https://forum.example/t/9", 1),
        ("https://shop.example/", 1),
    ]
    assert {link.region for p in pages for link in p.links} == {"unknown"}
    bad = tmp_path / "bad.wat"
    bad.write_bytes(b"\x00 junk")
    failed: list[Exception] = []
    assert list(wat_pages(bad, failed=failed)) == []
    assert [type(e) for e in failed] == [ArchiveFormatError]
    with pytest.raises(ArchiveFormatError):
        list(wat_pages(bad))
