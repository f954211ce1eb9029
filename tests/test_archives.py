"""Tests of backlinkkit.archives: WARC pages and WAT link metadata.

The archives are built by tests/warcs.py (records written by hand, WARC/1.0), so
what a reader must find is known from the construction, not from the reader.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit.archives import (
    ArchivedPage,
    ArchiveFormatError,
    ArchiveIssue,
    WarcReader,
    WatPage,
    read_warc,
    read_wat,
)
from backlinkkit.batch import ExtractionError
from backlinkkit.errors import (
    BacklinkkitError,
    InvalidInputError,
    InvalidValueError,
    MissingDependencyError,
)

from .corpus import corpus_pages
from .warcs import (
    WarcManifest,
    http_response,
    warc_record,
    wat_page_json,
    write_warc,
    write_wat,
)

ENGINES = ("fastwarc", "warcio")
CORPUS = corpus_pages()
needs_corpus = pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
HTTP = "application/http; msgtype=response"


@pytest.fixture(scope="module")
def corpus_bytes() -> list[tuple[str, bytes]]:
    return [(url, path.read_bytes()) for url, path in CORPUS]


@pytest.fixture(scope="module", params=[True, False], ids=["gzip", "plain"])
def built(
    request: pytest.FixtureRequest,
    corpus_bytes: list[tuple[str, bytes]],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, WarcManifest]:
    """The whole corpus as a gzip-per-record WARC, and its first 40 pages uncompressed."""
    gzip_records: bool = request.param
    pages = corpus_bytes if gzip_records else corpus_bytes[:40]
    path = tmp_path_factory.mktemp("warc") / ("corpus.warc.gz" if gzip_records else "c.warc")
    with open(path, "wb") as out:
        manifest = write_warc(out, pages, gzip_records=gzip_records, level=1)
    return path, manifest


def _read(path: Path | io.BytesIO, engine: str) -> tuple[list[Any], WarcReader]:
    reader = read_warc(path, engine=engine)  # type: ignore[arg-type]
    return list(reader.entries()), reader


def _pages(entries: list[Any]) -> list[ArchivedPage]:
    return [e for e in entries if isinstance(e, ArchivedPage)]


# --- the corpus WARC: every record kind, every count ----------------------------------------


@needs_corpus
@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_comes_back_with_its_body_and_headers(
    built: tuple[Path, WarcManifest], engine: str
) -> None:
    path, manifest = built
    entries, _ = _read(path, engine)
    pages = _pages(entries)
    assert [p.url for p in pages] == [e.url for e in manifest.pages]
    for page, expected in zip(pages, manifest.pages, strict=False):
        assert page.headers == expected.headers, expected.name
        assert page.record_type == expected.record_type, expected.name
        assert page.status == expected.status, expected.name
        assert page.truncated == expected.truncated, expected.name
        if expected.truncated == "cut":
            assert 0 < len(page.content) < len(expected.content)
            assert expected.content.startswith(page.content)
        else:
            # chunked, gzip-coded and chunked+gzip bodies come back as the corpus file
            assert page.content == expected.content, expected.name


@needs_corpus
@pytest.mark.parametrize("engine", ENGINES)
def test_counts(built: tuple[Path, WarcManifest], engine: str) -> None:
    path, manifest = built
    _, reader = _read(path, engine)
    stats = reader.stats
    assert reader.done
    assert stats.records == manifest.records
    assert dict(stats.by_type) == dict(manifest.types)
    assert stats.pages == len(manifest.pages)
    assert stats.skipped == manifest.skipped  # warcinfo, requests, metadata
    assert stats.revisits == manifest.revisits == 1
    assert stats.non_html == manifest.non_html == 2
    assert stats.truncated == manifest.truncated == 2
    assert stats.unreadable == 0
    assert stats.records == (
        stats.pages + stats.skipped + stats.revisits + stats.non_html + stats.unreadable
    )
    # one request per corpus page; none for the 4 extra pages (charset, no type, length, cut)
    assert stats.to_dict()["by_type"]["request"] == stats.pages - 4
    assert stats.to_dict()["pages"] == stats.pages


@needs_corpus
def test_both_engines_give_identical_pages_and_issues(built: tuple[Path, WarcManifest]) -> None:
    path, _ = built
    fast, fast_reader = _read(path, "fastwarc")
    slow, slow_reader = _read(path, "warcio")
    assert fast == slow
    assert fast_reader.stats == slow_reader.stats
    assert fast_reader.issues == slow_reader.issues


@needs_corpus
@pytest.mark.parametrize("engine", ENGINES)
def test_issues_in_file_order(built: tuple[Path, WarcManifest], engine: str) -> None:
    path, manifest = built
    entries, reader = _read(path, engine)
    issues = [e for e in entries if isinstance(e, ArchiveIssue)]
    assert issues == list(reader.issues)
    assert [i.kind for i in issues] == ["non-html", "revisit", "non-html"]
    png, revisit, plain = issues
    assert png.url == "https://extras.example/logo.png"
    assert "image/png" in png.detail
    assert revisit.url == manifest.pages[0].url
    assert revisit.record_type == "revisit"
    assert revisit.detail.startswith(f"revisit of {manifest.pages[0].url} at 2026-11-01T12:00:00Z")
    assert "identical-payload-digest" in revisit.detail
    assert plain.url == "https://notype.example/plain"
    assert "does not sniff as HTML" in plain.detail
    # issues stand where their records stand: after the last corpus page
    last_corpus = len(manifest.pages) - 4  # then: charset, no content-type, length, cut
    assert entries.index(png) == last_corpus


@needs_corpus
def test_record_kinds(built: tuple[Path, WarcManifest]) -> None:
    path, manifest = built
    pages = {p.url + "|" + str(i): p for i, p in enumerate(_pages(_read(path, "fastwarc")[0]))}
    by_name = dict(zip((e.name for e in manifest.pages), pages.values(), strict=False))
    resource = by_name["resource"]
    assert (resource.record_type, resource.status) == ("resource", None)
    assert resource.headers == (("Content-Type", "text/html"),)
    sniffed = by_name["no content-type"]
    assert sniffed.content_type is None
    assert sniffed.warnings == ("Content-Type None; sniffed as HTML",)
    assert by_name["length"].truncated == "length"
    assert by_name["cut"].truncated == "cut"
    first = by_name["page 0"]
    assert first.record_id is not None
    assert first.record_id.startswith("<urn:uuid:")
    assert first.date == "2026-12-01T12:00:00Z"
    assert first.content_type == "text/html"
    assert first.offset is not None
    assert first.offset > 0


@needs_corpus
def test_headers_reach_extraction(built: tuple[Path, WarcManifest]) -> None:
    path, _ = built
    page = next(p for p in _pages(_read(path, "warcio")[0]) if p.url == "https://charset.example/")
    result = extract_links(page.content, page.url, headers=page.headers)
    assert result.encoding == "windows-1251"
    assert [link.text for link in result.links] == ["ссылка", "x"]
    assert all(not link.followed for link in result.links)
    assert {link.nofollow_source for link in result.links} == {"header"}
    # without the headers the same bytes decode as windows-1252 and every link is followed
    bare = extract_links(page.content, page.url)
    assert bare.encoding == "windows-1252"
    assert bare.links[0].text != "ссылка"
    assert all(link.followed for link in bare.links)


@needs_corpus
def test_pages_extract_as_from_memory(built: tuple[Path, WarcManifest]) -> None:
    path, manifest = built
    pages = _pages(_read(path, "fastwarc")[0])[:12]
    for page, expected in zip(pages, manifest.pages, strict=False):
        if expected.truncated:
            continue
        from_warc = extract_links(page.content, page.url, headers=page.headers, backend="lexbor")
        from_memory = extract_links(
            expected.content, expected.url, headers=expected.headers, backend="lexbor"
        )
        assert from_warc == from_memory


@pytest.mark.parametrize("gzip_records", [True, False])
def test_every_issue_reaches_the_recipes_issue_table(tmp_path: Path, gzip_records: bool) -> None:
    # What the recipes write (backlinkkit.dask.extract_path, the CLI and Spark share it):
    # one row per reader issue, in file order, and one per truncated page, at its position.
    from backlinkkit.dask import extract_path

    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    pages = [(f"https://p{n}.example/", b"<a href='/x'>x</a>") for n in range(3)]
    with open(path, "wb") as out:
        manifest = write_warc(out, pages, gzip_records=gzip_records)
    reader = read_warc(path)
    list(reader)
    records = extract_path(path)
    rows = records.issue_rows()
    assert [r["page_url"] for r in records.page_rows()] == [p.url for p in manifest.pages]
    no_page = [r for r in rows if r["page_position"] is None]
    assert [(r["kind"], r["url"], r["record_id"], r["offset"], r["detail"]) for r in no_page] == [
        (i.kind, i.url, i.record_id, i.offset, i.detail) for i in reader.issues
    ]
    kinds = [r["kind"] for r in no_page]
    assert (kinds.count("revisit"), kinds.count("non-html")) == (
        manifest.revisits,
        manifest.non_html,
    )
    truncated = [r for r in rows if r["kind"] == "truncated" and r["page_position"] is not None]
    assert [r["page_position"] for r in truncated] == [
        n for n, page in enumerate(manifest.pages) if page.truncated
    ]
    assert len(truncated) == manifest.truncated == reader.stats.truncated
    assert [r["url"] for r in rows if r["kind"] == "warning"] == ["https://notype.example/"]
    assert set(records.issues["source"]) == {str(path)}


# --- hand-made records -------------------------------------------------------------------------


def _html_response(body: bytes, headers: list[tuple[str, str]] | None = None, **kw: Any) -> bytes:
    headers = headers if headers is not None else [("Content-Type", "text/html")]
    return warc_record("response", http_response(body, headers), content_type=HTTP, **kw)


def _one(data: bytes, engine: str = "fastwarc", **kw: Any) -> tuple[list[Any], WarcReader]:
    reader = read_warc(io.BytesIO(data), engine=engine, **kw)  # type: ignore[arg-type]
    return list(reader.entries()), reader


@pytest.mark.parametrize("engine", ENGINES)
def test_cut_inside_the_http_headers_is_a_truncated_issue(engine: str) -> None:
    ok = _html_response(b"<a href=/>x</a>", uri="https://a.example/")
    bad = _html_response(
        b"<p>body</p>",
        [("Content-Type", "text/html"), ("X-Long", "y" * 300)],
        uri="https://b.example/",
    )
    cut = bad[: bad.index(b"X-Long") + 50]
    entries, reader = _one(ok + cut, engine)
    assert isinstance(entries[0], ArchivedPage)
    issue = entries[1]
    assert isinstance(issue, ArchiveIssue)
    assert (issue.kind, issue.url, issue.offset) == ("truncated", "https://b.example/", len(ok))
    assert "no end" in issue.detail
    assert (reader.stats.truncated, reader.stats.unreadable) == (1, 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_gzip_member_cut_short_at_the_end_is_reported(engine: str) -> None:
    ok = gzip.compress(_html_response(b"<a href=/>x</a>", uri="https://a.example/"))
    lost = gzip.compress(_html_response(b"<p>lost</p>" * 40, uri="https://lost.example/"))
    entries, reader = _one(ok + lost[:40], engine)
    assert [type(e) for e in entries] == [ArchivedPage, ArchiveIssue]
    issue = entries[1]
    assert (issue.kind, issue.offset, issue.url) == ("truncated", len(ok), None)
    assert "gzip member cut short" in issue.detail
    assert reader.stats.records == 2
    assert reader.stats.truncated == 1
    # the same archive from a path
    entries_only, _ = _one(lost[:40], engine)
    assert [e.kind for e in entries_only] == ["truncated"]


@pytest.mark.parametrize("engine", ENGINES)
def test_cut_inside_the_warc_headers_is_unreadable(engine: str) -> None:
    ok = _html_response(b"<a href=/>x</a>", uri="https://a.example/")
    entries, reader = _one(ok + ok[:60], engine)
    assert entries[1].kind == "unreadable"
    assert "Content-Length" in entries[1].detail
    assert reader.stats.unreadable == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_old_style_angle_brackets(engine: str) -> None:
    data = _html_response(b"<a href=/>x</a>", uri="<https://a.example/>")
    entries, _ = _one(data, engine)
    assert [e.url for e in entries] == ["https://a.example/"]


LF = (
    b"WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: https://d.example/\n"
    b"Content-Type: text/html\nContent-Length: 3\n\n<a>\n\n"
)


def test_lf_line_ends_warcio_reads_them() -> None:
    ok = _html_response(b"<a href=/>x</a>", uri="https://a.example/")
    entries, _ = _one(ok + LF + ok, "warcio")
    assert [e.url for e in entries] == [
        "https://a.example/",
        "https://d.example/",
        "https://a.example/",
    ]


def test_lf_line_ends_fastwarc_reports_what_it_stops_at() -> None:
    """FastWARC (strict) reads the LF-only record as one with a garbled WARC-Type and
    then stops; the reader reports both instead of losing the rest in silence."""
    for ok in (
        _html_response(b"<a href=/>x</a>", uri="https://a.example/"),
        _html_response(b"<a>", uri="https://a.example/"),
    ):
        reader = read_warc(io.BytesIO(ok + LF + ok), engine="fastwarc")
        entries: list[Any] = []
        try:
            entries.extend(reader.entries())
        except ArchiveFormatError:
            entries.append("error")
        assert isinstance(entries[0], ArchivedPage)
        # FastWARC 2.0.1 gives one record with a garbled WARC-Type and stops (reported
        # both); 0.14 stops at once (reported as the bytes it did not read); or it raises.
        if entries[-1] != "error":
            issues = entries[1:]
            assert issues
            assert {e.kind for e in issues} == {"unreadable"}
            assert issues[0].offset == len(ok)
            assert "stopped before" in issues[-1].detail


@pytest.mark.parametrize("engine", ENGINES)
def test_response_without_http_message_and_without_target(engine: str) -> None:
    dns = warc_record(
        "response",
        b"20261201 example.com. 300 IN A 1.2.3.4\n",
        uri="dns:example.com",
        content_type="text/dns",
    )
    nouri = warc_record("resource", b"<a>", content_type="text/html")
    nostatus = warc_record(
        "response", b"HTTP/1.1 OK\r\n\r\n<a>", uri="https://s.example/", content_type=HTTP
    )
    entries, reader = _one(dns + nouri + nostatus, engine)
    assert [(e.kind, e.url) for e in entries] == [
        ("non-html", "dns:example.com"),
        ("unreadable", None),
        ("unreadable", "https://s.example/"),
    ]
    assert "status line" in entries[2].detail
    assert reader.stats.non_html == 1
    assert reader.stats.unreadable == 2


def test_http_header_details() -> None:
    block = (
        b"HTTP/1.0 404 Not Found\n"
        b"Content-Type: text/html;\n"
        b"  charset=utf-8\n"  # obsolete line folding
        b"this line has no colon\n"
        b"X-Robots-Tag: noindex\n"
        b"x-robots-tag: nofollow\n\n"
        b"<a href=/x>x</a>"
    )
    entries, _ = _one(warc_record("response", block, uri="https://e.example/", content_type=HTTP))
    (page,) = entries
    assert page.status == 404
    assert page.headers == (
        ("Content-Type", "text/html; charset=utf-8"),
        ("X-Robots-Tag", "noindex"),
        ("x-robots-tag", "nofollow"),
    )
    assert page.warnings == (
        "HTTP header line 'this line has no colon' is not 'name: value'; ignored",
    )
    assert page.content == b"<a href=/x>x</a>"
    result = extract_links(page.content, page.url, headers=page.headers)
    assert result.robots.noindex
    assert not result.links[0].followed


def _raw_deflate(data: bytes) -> bytes:
    encoder = zlib.compressobj(wbits=-15)
    return encoder.compress(data) + encoder.flush()


@pytest.mark.parametrize("engine", ENGINES)
def test_interim_responses_are_passed_over(engine: str) -> None:
    block = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<a href=/x>x</a>"
    )
    data = warc_record("response", block, uri="https://i.example/", content_type=HTTP)
    (page,) = _one(data, engine)[0]
    assert (page.status, page.headers, page.content) == (
        200,
        (("Content-Type", "text/html"),),
        b"<a href=/x>x</a>",
    )
    assert len(page.warnings) == 2


def test_page_input_goes_to_extract_many() -> None:
    from backlinkkit.batch import extract_many  # the seam for reading archives in batch

    data = _html_response(
        b"<a href=/x>x</a>",
        [("Content-Type", "text/html"), ("X-Robots-Tag", "nofollow")],
        uri="https://m.example/",
    )
    pages = (page.page_input() for page in read_warc(io.BytesIO(data)))
    (result,) = extract_many(pages, workers=1, progress=False)
    assert not isinstance(result, ExtractionError)
    assert [(link.url, link.followed) for link in result.links] == [("https://m.example/x", False)]


def test_to_input_carries_the_status_to_the_page_and_to_verify() -> None:
    from backlinkkit import verify
    from backlinkkit.batch import PageInput, extract_many

    moved = warc_record(
        "response",
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n"
        b"Content-Type: text/html\r\n\r\n<a href=https://example.com/>moved</a>",
        uri="https://r.example/old",
        content_type=HTTP,
    )
    gone = warc_record(
        "response",
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no such page",
        uri="https://r.example/new",
        content_type=HTTP,
    )
    archived = list(read_warc(io.BytesIO(moved + gone)))
    inputs = [page.to_input() for page in archived]
    assert all(isinstance(i, PageInput) for i in inputs)
    assert [i.status for i in inputs] == [301, 404]
    pages = list(extract_many(inputs, workers=1, progress=False))
    assert [(p.status, p.location) for p in pages] == [  # type: ignore[union-attr]
        (301, "https://r.example/new"),
        (404, None),
    ]
    result = verify(
        [
            ("https://r.example/old", "https://example.com/"),
            ("https://r.example/new", "https://example.com/"),
        ],
        pages,
    )
    assert [(v.status, v.reasons) for v in result.links] == [
        ("lost", ("Broken redirect", "to https://r.example/new, which answers HTTP 404")),
        ("lost", ("Not found",)),
    ]


BODY = b"<!doctype html><a href='/x'>" + b"text " * 300 + b"</a>"


@pytest.mark.parametrize(
    ("headers", "payload"),
    [
        ([("Content-Encoding", "deflate")], zlib.compress(BODY)),
        ([("Content-Encoding", "deflate")], _raw_deflate(BODY)),
        ([("Content-Encoding", "x-gzip")], gzip.compress(BODY)),
        ([("Content-Encoding", "identity")], BODY),
        (
            [("Transfer-Encoding", "gzip, chunked")],
            b"5\r\n"
            + gzip.compress(BODY)[:5]
            + b"\r\n"
            + b"%x\r\n" % (len(gzip.compress(BODY)) - 5)
            + gzip.compress(BODY)[5:]
            + b"\r\n0\r\n\r\n",
        ),
    ],
    ids=["deflate-zlib", "deflate-raw", "x-gzip", "identity", "te-gzip-chunked"],
)
def test_codings_are_undone(headers: list[tuple[str, str]], payload: bytes) -> None:
    data = _html_response(
        payload, [("Content-Type", "text/html"), *headers], uri="https://c.example/"
    )
    (page,) = _one(data)[0]
    assert page.content == BODY
    assert page.warnings == ()


def test_brotli() -> None:
    brotli = pytest.importorskip("brotli")
    payload = brotli.compress(BODY)
    data = _html_response(
        payload,
        [("Content-Type", "text/html"), ("Content-Encoding", "br")],
        uri="https://c.example/",
    )
    (page,) = _one(data)[0]
    assert page.content == BODY


@pytest.mark.parametrize(
    ("headers", "payload", "content", "warning"),
    [
        ([("Content-Encoding", "gzip")], BODY, BODY, "content-encoding gzip: the body is not gzip"),
        ([("Transfer-Encoding", "chunked")], BODY, BODY, "the body is not chunked"),
        ([("Content-Encoding", "zstd")], BODY, BODY, "content-encoding zstd: not supported"),
        ([("Transfer-Encoding", "chunked")], b"5\r\nhello\r\nzz\r\n", b"hello", "bad chunk"),
        ([("Transfer-Encoding", "chunked")], b"a\r\nhello", b"hello", "ends inside a chunk"),
        ([("Transfer-Encoding", "chunked")], b"5\r\nhello\r\n", b"hello", "without the last chunk"),
        ([("Content-Encoding", "gzip")], gzip.compress(BODY)[:-30], None, "ends early"),
    ],
)
def test_codings_that_cannot_be_undone_are_reported(
    headers: list[tuple[str, str]], payload: bytes, content: bytes | None, warning: str
) -> None:
    data = _html_response(
        payload, [("Content-Type", "text/html"), *headers], uri="https://c.example/"
    )
    entries, _ = _one(data)
    (page,) = entries
    if content is None:
        assert BODY.startswith(page.content)
        assert page.content
    else:
        assert page.content == content
    (found,) = page.warnings
    assert warning in found


def test_max_content_caps_blocks_and_decoded_bodies() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 1_000_000)
    data = _html_response(
        bomb,
        [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        uri="https://bomb.example/",
    )
    big = _html_response(b"<p>" + b"b" * 5000, uri="https://big.example/")
    entries, reader = _one(data + big, max_content=2000)
    # the decoded body is cut at 2000 bytes; the block (HTTP headers and body) too
    assert [(len(p.content), p.truncated) for p in entries] == [
        (2000, "max_content"),
        (2000 - len(http_response(b"", [("Content-Type", "text/html")])), "max_content"),
    ]
    assert reader.stats.truncated == 2


@pytest.mark.parametrize(
    ("content_type", "html"),
    [
        ("text/html", True),
        ("TEXT/HTML; charset=utf-8", True),
        ("application/xhtml+xml", True),
        ("text/plain", False),
        ("application/pdf", False),
        ("*/*", True),  # treated as no type: sniffed (the body starts with <!doctype html)
        ("unknown/unknown", True),
    ],
)
def test_html_by_content_type(content_type: str, html: bool) -> None:
    data = _html_response(BODY, [("Content-Type", content_type)], uri="https://t.example/")
    entries, reader = _one(data)
    assert isinstance(entries[0], ArchivedPage) is html
    assert reader.stats.non_html == (0 if html else 1)


@pytest.mark.parametrize(
    ("body", "html"),
    [
        (b"  \n<HTML><body>", True),
        (b"<a href=x>", True),
        (b"<!-- c -->", True),
        (b"<br>", True),
        (b"<abbr>", False),  # "<a" must be followed by a space or ">"
        (b"<?xml version='1.0'?>", False),
        (b"plain", False),
        (b"", False),
    ],
)
def test_sniffing_without_a_content_type(body: bytes, html: bool) -> None:
    data = warc_record("response", http_response(body), uri="https://s.example/", content_type=HTTP)
    entries, _ = _one(data)
    assert isinstance(entries[0], ArchivedPage) is html


# --- the reader object ---------------------------------------------------------------------


def test_iteration_and_entries_share_one_pass(tmp_path: Path) -> None:
    records = b"".join(
        gzip.compress(_html_response(b"<a>%d</a>" % i, uri=f"https://p{i}.example/"))
        for i in range(3)
    )
    path = tmp_path / "three.warc.gz"
    path.write_bytes(records)
    reader = read_warc(path)
    assert reader.engine == "fastwarc"
    assert next(reader).url == "https://p0.example/"
    assert [p.url for p in reader.entries()] == ["https://p1.example/", "https://p2.example/"]
    assert reader.done
    assert list(reader) == []
    with read_warc(str(path), engine="warcio") as second:
        assert next(iter(second)).url == "https://p0.example/"
    assert second.done


def test_a_stream_is_not_closed(tmp_path: Path) -> None:
    stream = io.BytesIO(_html_response(b"<a>", uri="https://a.example/"))
    assert len(list(read_warc(stream))) == 1
    assert not stream.closed


@pytest.mark.parametrize("engine", ENGINES)
def test_garbage_is_an_archive_format_error(engine: str) -> None:
    ok = _html_response(b"<a>", uri="https://a.example/")
    reader = read_warc(io.BytesIO(b"\x00\x01 binary junk"), engine=engine)  # type: ignore[arg-type]
    with pytest.raises(ArchiveFormatError, match=r"archive='<BytesIO>': cannot read on at its"):
        list(reader)
    assert reader.done
    # a version line and junk, or text: read as a record without headers (or refused)
    for junk in (b"WARC/1.0\r\n\x00\x01 junk\r\n\r\n", b"this is not a WARC file"):
        reader = read_warc(io.BytesIO(junk), engine=engine)  # type: ignore[arg-type]
        with contextlib.suppress(ArchiveFormatError):
            assert {getattr(e, "kind", None) for e in reader.entries()} == {"unreadable"}
    reader = read_warc(io.BytesIO(ok + b"this is not a record\r\n\r\n"), engine=engine)  # type: ignore[arg-type]
    try:
        entries: list[Any] = list(reader.entries())
    except ArchiveFormatError as error:
        assert "after the record at offset 0" in str(error)  # noqa: PT017
    else:  # FastWARC 0.14 stops there without a word; the reader says so
        assert [getattr(e, "kind", None) for e in entries] == [None, "unreadable"]
        assert "stopped before" in entries[1].detail
    assert reader.stats.pages == 1
    assert issubclass(ArchiveFormatError, InvalidValueError)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_error_says_where_reading_stopped(engine: str, tmp_path: Path) -> None:
    # gzip per record (ISO 28500 annex D): each record is one member, so reading
    # stops at the first byte of the member that is cut, whatever follows it.
    members = [
        gzip.compress(_html_response(b"<a href=/%d>x</a>" % n, uri=f"https://a.example/{n}"))
        for n in range(3)
    ]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(members[0] + members[1][: len(members[1]) // 2] + members[2])
    reader = read_warc(path, engine=engine)  # type: ignore[arg-type]
    with pytest.raises(ArchiveFormatError) as caught:
        list(reader)
    error = caught.value
    assert (error.archive, error.offset, error.last_record) == (str(path), len(members[0]), 0)
    assert reader.stats.pages == 1
    copy = pickle.loads(pickle.dumps(error))  # crosses process boundaries whole
    assert (str(copy), copy.archive, copy.offset, copy.last_record) == (
        str(error),
        error.archive,
        error.offset,
        error.last_record,
    )
    with pytest.raises(ArchiveFormatError) as caught:  # not a WARC at all: at its start
        list(read_warc(io.BytesIO(b"<!doctype html><p>a page</p>"), engine=engine))  # type: ignore[arg-type]
    assert (caught.value.offset, caught.value.last_record) == (0, None)


@pytest.mark.parametrize(
    "source", [b"WARC/1.0", bytearray(b"x"), 3, None, io.StringIO("WARC/1.0"), [b"x"]]
)
def test_wrong_source_types(source: object) -> None:
    with pytest.raises(InvalidInputError, match="source="):
        read_warc(source)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="source="):
        read_wat(source)  # type: ignore[arg-type]


def test_wrong_arguments() -> None:
    stream = io.BytesIO()
    with pytest.raises(InvalidValueError, match="engine='lxml'"):
        read_warc(stream, engine="lxml")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="max_content="):
        read_warc(stream, max_content="10")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="max_content=0"):
        read_warc(stream, max_content=0)
    with pytest.raises(InvalidValueError, match="agent=' '"):
        read_wat(stream, agent=" ")
    with pytest.raises(InvalidInputError, match="registry="):
        read_wat(stream, registry="x")  # type: ignore[arg-type]
    # open() raises a bare ValueError for a path with a NUL; no file can have that name
    with pytest.raises(InvalidValueError, match=r"^source='a\\x00b': a path cannot hold a NUL"):
        read_warc("a\x00b")
    with pytest.raises(InvalidValueError, match=r"^source="):
        read_wat(Path("a\x00b"))


def test_a_missing_file_raises_when_read(tmp_path: Path) -> None:
    reader = read_warc(tmp_path / "absent.warc.gz")
    with pytest.raises(FileNotFoundError):
        next(reader)


def test_engines_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _html_response(b"<a>", uri="https://a.example/")
    monkeypatch.setitem(sys.modules, "fastwarc", None)  # makes `import fastwarc` fail
    reader = read_warc(io.BytesIO(data))
    assert reader.engine == "warcio"
    assert [p.url for p in reader] == ["https://a.example/"]
    with pytest.raises(MissingDependencyError, match=r"backlinkkit\[warc\]"):
        read_warc(io.BytesIO(data), engine="fastwarc")
    monkeypatch.setitem(sys.modules, "warcio", None)
    with pytest.raises(MissingDependencyError, match=r"backlinkkit\[warc\]"):
        read_warc(io.BytesIO(data))
    with pytest.raises(MissingDependencyError, match="pip install warcio"):
        read_warc(io.BytesIO(data), engine="warcio")
    assert issubclass(MissingDependencyError, ImportError)


def test_value_classes_validate() -> None:
    with pytest.raises(InvalidInputError, match=r"ArchivedPage\.content"):
        ArchivedPage("https://a.example/", "text", (), 200, None, None, "response")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"ArchivedPage\.record_type"):
        ArchivedPage("https://a.example/", b"", (), 200, None, None, "request")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"ArchivedPage.headers\[0\]"):
        ArchivedPage("https://a.example/", b"", [("a", 1)], 200, None, None, "response")
    with pytest.raises(InvalidValueError, match=r"ArchivedPage\.status=42"):
        ArchivedPage("https://a.example/", b"", (), 42, None, None, "response")
    with pytest.raises(InvalidValueError, match=r"ArchiveIssue\.kind"):
        ArchiveIssue("odd", "response", None, None, None, "")  # type: ignore[arg-type]
    page = ArchivedPage("https://a.example/", b"", [["A", "b"]], None, None, None, "resource")
    assert page.headers == (("A", "b"),)


# --- hypothesis: any bytes, any damage --------------------------------------------------------


def _drain(data: bytes, engine: str) -> None:
    reader = read_warc(io.BytesIO(data), engine=engine)  # type: ignore[arg-type]
    try:
        for item in reader.entries():
            assert isinstance(item, (ArchivedPage, ArchiveIssue))
    except ArchiveFormatError:
        pass
    stats = reader.stats
    assert stats.records == (
        stats.pages + stats.skipped + stats.revisits + stats.non_html + stats.unreadable
    )


_VALID = b"".join(
    [
        _html_response(BODY, uri="https://v.example/"),
        _html_response(
            b"3\r\nabc\r\n0\r\n\r\n",
            [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
            uri="https://w.example/",
        ),
        warc_record("request", b"GET / HTTP/1.1\r\n\r\n", uri="https://v.example/"),
    ]
)
_VALID_GZ = b"".join(gzip.compress(r) for r in _VALID.split(b"\r\n\r\nWARC/") if r)


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600))
def test_any_bytes(engine: str, data: bytes) -> None:
    _drain(data, engine)
    _drain(b"WARC/1.0\r\n" + data, engine)


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([_VALID, gzip.compress(_VALID), _VALID_GZ]),
    cut=st.integers(0, 2000),
    edits=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), max_size=4),
)
def test_damaged_archives(engine: str, base: bytes, cut: int, edits: list[tuple[int, int]]) -> None:
    data = bytearray(base[: len(base) - cut % max(len(base), 1)])
    for position, value in edits:
        if data:
            data[position % len(data)] = value
    _drain(bytes(data), engine)


@settings(max_examples=60, deadline=None)
@given(keep=st.integers(1, len(_VALID) - 1))
def test_engines_agree_on_cut_archives(keep: int) -> None:
    """Equal results when both engines read the cut archive; otherwise neither is silent."""
    results = []
    for engine in ENGINES:
        reader = read_warc(io.BytesIO(_VALID[:keep]), engine=engine)  # type: ignore[arg-type]
        try:
            entries: Any = list(reader.entries())
        except ArchiveFormatError:
            entries = "error"
        results.append((entries, reader.stats))
    if "error" not in (results[0][0], results[1][0]):
        pages = [[e for e in entries if isinstance(e, ArchivedPage)] for entries, _ in results]
        assert pages[0] == pages[1]
        issues = [
            [(e.kind, e.offset) for e in entries if isinstance(e, ArchiveIssue)]
            for entries, _ in results
        ]
        assert issues[0] == issues[1]
    for entries, stats in results:
        assert (
            entries == "error"
            or any(isinstance(e, ArchiveIssue) for e in entries)
            or stats.truncated
            or keep >= len(_VALID) - 4  # only the CRLF CRLF after the last block is missing
        )


def test_errors_are_backlinkkit_errors() -> None:
    assert issubclass(ArchiveFormatError, BacklinkkitError)


# --- WAT ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wat() -> bytes:
    out = io.BytesIO()
    write_wat(out)
    return out.getvalue()


def _wat(data: bytes, engine: str = "fastwarc", **kw: Any) -> tuple[list[Any], Any]:
    reader = read_wat(io.BytesIO(data), engine=engine, **kw)  # type: ignore[arg-type]
    return list(reader.entries()), reader


@pytest.mark.parametrize("engine", ENGINES)
def test_wat_pages_and_counts(wat: bytes, engine: str) -> None:
    entries, reader = _wat(wat, engine)
    kinds = [e.kind if isinstance(e, ArchiveIssue) else "page" for e in entries]
    assert kinds == ["page", "page", "page", "non-html", "revisit", "unreadable"]
    stats = reader.stats
    assert dict(stats.by_type) == {
        "warcinfo": 1,
        "request": 1,
        "response": 4,
        "revisit": 1,
        "metadata": 2,
    }
    assert (stats.pages, stats.skipped, stats.non_html, stats.revisits, stats.unreadable) == (
        3,
        3,
        1,
        1,
        1,
    )
    assert entries[3].url == "https://blog.example/static/logo.png"
    assert "image/png" in entries[3].detail


def test_wat_page_fields(wat: bytes) -> None:
    page = _wat(wat)[0][0]
    assert isinstance(page, WatPage)
    assert page.url == "https://blog.example/posts/1"
    assert page.record_id == "<urn:uuid:00000000-0000-4000-8000-000000000002>"
    assert page.date == "2026-12-01T12:00:01Z"
    assert page.status == 200
    assert page.title == "Post one"
    assert ("Content-Type", "text/html; charset=UTF-8") in page.headers
    # <base href="/static/"> against https://blog.example/posts/1 (WHATWG URL parsing)
    assert page.base_url == "https://blog.example/static/"
    assert not page.robots.nofollow
    assert [link.path for link in page.links] == [
        "A@/href",
        "A@/href",
        "A@/href",
        "IMG@/src",
        "AREA@/href",
        "A@/href",
        "A@/href",
        "FORM@/action",
        "A@/href",
        "A@/data-href",
    ]
    assert len(page.anchors) == 7


def test_wat_records_have_the_link_record_keys(wat: bytes) -> None:
    page = _wat(wat)[0][0]
    records = page.to_records()
    sample = extract_links('<a href="/">x</a>', "https://example.com/").to_records()[0]
    assert all(list(record) == list(sample) for record in records)
    about, partner, logo, area, deal, twitter, broken = records
    assert about["position"] == 0
    assert partner["position"] == 1
    assert broken["position"] == 6
    assert about["url"] == "https://blog.example/static/about.html"  # relative to the base
    assert about["text"] == about["anchor"] == "About us"  # whitespace collapsed
    assert (about["anchor_source"], about["relation"], about["followed"]) == (
        "text",
        "internal",
        True,
    )
    assert about["region"] is None
    assert partner["rel"] == "nofollow ugc"
    assert partner["nofollow"]
    assert partner["ugc"]
    assert (partner["followed"], partner["nofollow_source"]) == (False, "rel")
    assert partner["relation"] == "external"
    assert partner["site"] == "partner.example"
    # no text: the anchor would come from an image alt WAT keeps elsewhere -- unknown
    assert logo["url"] == "https://cdn.example/logo-page"
    assert (logo["text"], logo["anchor"], logo["anchor_source"]) == ("", None, None)
    assert (area["tag"], area["url"], area["sponsored"], area["followed"]) == (
        "area",
        "https://blog.example/map#north",
        True,
        False,
    )
    assert deal["landing_url"] == "https://landing.example/deal"
    assert deal["wrapper"] == "google"
    assert deal["landing_site"] == "landing.example"
    assert twitter["social_platform"] == "x"
    assert broken["url"] is None
    assert "cannot be resolved" in broken["warnings"]
    image = page.links[3]
    assert (image.tag, image.attribute, image.alt, image.followed) == (
        "img",
        "src",
        "Our logo",
        None,
    )
    assert image.url == "https://blog.example/static/logo.png"


def test_wat_links_agree_with_extraction_on_the_same_markup(wat: bytes) -> None:
    """The WAT of page 1, as HTML, through extract_links: the fields WAT carries agree."""
    page = _wat(wat)[0][0]
    html = (
        '<base href="/static/"><a href="about.html">  About\n us </a>'
        '<a href="https://partner.example/x?a=1#top" rel="NoFollow ugc">Partner</a>'
        '<a href="//cdn.example/logo-page" title="Logo"><img src="logo.png" alt="Our logo"></a>'
        '<map><area href="/map#north" rel="sponsored"></map>'
        '<a href="https://www.google.com/url?q=https://landing.example/deal">Deal</a>'
        '<a href="https://twitter.com/someone" target="_blank">@someone</a>'
        '<a href="http://[bad">broken</a>'
    )
    extracted = extract_links(html, page.url).to_records()
    unknown = ("region", "anchor", "anchor_source", "has_image")
    carried = [k for k in extracted[0] if k not in unknown]
    for wat_record, record in zip(page.to_records(), extracted, strict=False):
        assert {k: wat_record[k] for k in carried} == {k: record[k] for k in carried}
        if record["anchor_source"] == "text":
            assert wat_record["anchor"] == record["anchor"]
        else:
            assert wat_record["anchor"] is None
        # WAT records an image inside a link as a separate IMG@/src entry: only an
        # area is known to be an image link
        assert wat_record["has_image"] == (True if record["tag"] == "area" else None)
        assert record["has_image"] == (record["tag"] == "area" or "logo" in record["href"])


def test_wat_robots(wat: bytes) -> None:
    pages = [e for e in _wat(wat)[0] if isinstance(e, WatPage)]
    meta, header = pages[1], pages[2]
    assert meta.robots.nofollow
    assert meta.robots.noindex
    assert [(r["followed"], r["nofollow_source"]) for r in meta.to_records()] == [(False, "meta")]
    assert [(r["followed"], r["nofollow_source"]) for r in header.to_records()] == [
        (False, "header")
    ]
    bing = [e for e in _wat(wat, agent="bingbot")[0] if isinstance(e, WatPage)]
    assert bing[1].robots.nofollow  # name="robots" applies to every crawler


@pytest.mark.parametrize("engine", ENGINES)
def test_wat_damaged(wat: bytes, engine: str) -> None:
    """A WAT cut anywhere: the JSON record cut is reported, nothing passes in silence."""
    plain = io.BytesIO()
    write_wat(plain, gzip_records=False)
    data = plain.getvalue()
    cut = data[: data.index(b"Post one") + 20]  # inside the JSON of the first page
    entries, reader = _wat(cut, engine)
    assert [e.kind for e in entries] == ["truncated"]
    assert "not JSON" in entries[0].detail
    assert reader.stats.truncated == 1
    header_cut = data[: data.index(b"WARC-Type: metadata") + 12]
    entries, reader = _wat(header_cut, engine)
    assert [e.kind for e in entries] == ["unreadable"]


def test_wat_uncompressed_and_engines_agree() -> None:
    gz, plain = io.BytesIO(), io.BytesIO()
    write_wat(gz)
    write_wat(plain, gzip_records=False)
    for data in (gz.getvalue(), plain.getvalue()):
        assert _wat(data, "warcio")[0] == _wat(data, "fastwarc")[0]
    pages = [
        [e for e in _wat(d)[0] if isinstance(e, WatPage)] for d in (gz.getvalue(), plain.getvalue())
    ]
    assert pages[0] == pages[1]
    assert len(pages[0]) == 3


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "url",
                    "path",
                    "text",
                    "rel",
                    "Head",
                    "Links",
                    "Base",
                    "Metas",
                    "name",
                    "content",
                    "Headers",
                    "Status",
                    "Title",
                ]
            )
            | st.text(max_size=4),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    html=_JSON,
    headers=_JSON,
    status=_JSON,
    url=st.sampled_from(["https://a.example/", "", "x:", 5]),
)
def test_wat_any_json(html: object, headers: object, status: object, url: object) -> None:
    import json

    record = {
        "Envelope": {
            "WARC-Header-Metadata": {"WARC-Type": "response", "WARC-Target-URI": url},
            "Payload-Metadata": {
                "HTTP-Response-Metadata": {
                    "Response-Message": {"Status": status},
                    "Headers": headers,
                    "HTML-Metadata": html,
                }
            },
        }
    }
    out = io.BytesIO()
    write_wat(out, [json.dumps(record)], gzip_records=False)
    entries, reader = _wat(out.getvalue())
    assert len(entries) == 1
    if isinstance(entries[0], WatPage):
        for row in entries[0].to_records():
            assert row["page_url"] == "https://a.example/"
    assert reader.stats.records == 2


# --- WAT pages as Pages: the audit ------------------------------------------------------------

#: Three pages linking to target.example, as HTML and as the WAT Common Crawl writes for
#: them (written by hand: A@/href entries with the text, rel and title WAT keeps; an
#: image inside a link is its own IMG@/src entry; Head.Metas holds the robots meta).
_AUDIT_PAGES: tuple[tuple[str, str, dict[str, str], list[dict[str, str]], list[Any]], ...] = (
    (
        "https://blog.one/post",
        "<title>Post</title><link rel=canonical href=/post>"
        '<main><a href="https://target.example/a">Target A</a>'
        '<a href="https://target.example/b" rel="nofollow">B</a>'
        '<a href="/home">home</a></main>'
        '<footer><a href="https://www.target.example/c"><img src="x.png" alt="pic"></a></footer>',
        {"Content-Type": "text/html"},
        [
            {"path": "A@/href", "url": "https://target.example/a", "text": "Target A"},
            {"path": "A@/href", "url": "https://target.example/b", "text": "B", "rel": "nofollow"},
            {"path": "A@/href", "url": "/home", "text": "home"},
            {"path": "A@/href", "url": "https://www.target.example/c"},
            {"path": "IMG@/src", "url": "x.png", "alt": "pic"},
        ],
        [],
    ),
    (
        "https://forum.two/t/1",
        '<meta name=robots content=nofollow><aside><a href="https://target.example/a" '
        'rel="ugc">t</a></aside>',
        {"Content-Type": "text/html"},
        [{"path": "A@/href", "url": "https://target.example/a", "text": "t", "rel": "ugc"}],
        [{"name": "robots", "content": "nofollow"}],
    ),
    (
        "https://shop.three/",
        '<nav><a href="https://target.example/" rel="sponsored">ad</a>'
        '<a href="https://other.example/">o</a></nav>',
        {"Content-Type": "text/html"},
        [
            {"path": "A@/href", "url": "https://target.example/", "text": "ad", "rel": "sponsored"},
            {"path": "A@/href", "url": "https://other.example/", "text": "o"},
        ],
        [],
    ),
)


def _audit_wat() -> bytes:
    out = io.BytesIO()
    records = [
        wat_page_json(
            url,
            links,
            metas=metas,
            title="Post" if url == "https://blog.one/post" else None,
            head_links=(
                [{"path": "LINK@/href", "url": "/post", "rel": "canonical"}]
                if url == "https://blog.one/post"
                else []
            ),
            headers=headers,
        )
        for url, _html, headers, links, metas in _AUDIT_PAGES
    ]
    write_wat(out, records)
    return out.getvalue()


def test_wat_to_page_marks_what_wat_cannot_tell_unknown() -> None:
    first = next(iter(read_wat(io.BytesIO(_audit_wat()))))
    page = first.to_page()
    html = extract_links(_AUDIT_PAGES[0][1], _AUDIT_PAGES[0][0])
    assert (page.url, page.title, page.canonical) == (html.url, html.title, html.canonical)
    assert page.canonical == "https://blog.one/post"
    assert page.encoding == ""
    assert page.language is None
    assert page.claimed_profiles == ()
    assert [link.url for link in page.links] == [link.url for link in html.links]
    assert [link.region for link in page.links] == ["unknown"] * 4
    assert [link.region for link in html.links] == ["content", "content", "content", "footer"]
    image = page.links[3]
    # the HTML says alt "pic" (from the IMG entry WAT keeps apart): unknown, not guessed
    assert (html.links[3].anchor, html.links[3].anchor_source, html.links[3].has_image) == (
        "pic",
        "alt",
        True,
    )
    assert (image.anchor, image.anchor_source, image.has_image) == ("", "unknown", None)
    assert (page.links[0].anchor, page.links[0].anchor_source) == ("Target A", "text")
    # the link records of the Page and of the WatPage differ only where Page needs a value
    for wat_row, row in zip(first.to_records(), page.to_records(), strict=True):
        differ = {k for k in row if row[k] != wat_row[k]}
        assert differ <= {"region", "anchor", "anchor_source"}
        assert row["region"] == "unknown"
        assert wat_row["region"] is None


def test_audit_of_wat_pages_agrees_with_the_audit_of_the_same_html() -> None:
    from backlinkkit import audit

    wat_pages = [page.to_page() for page in read_wat(io.BytesIO(_audit_wat()))]
    html_pages = [extract_links(html, url, headers=h) for url, html, h, _, _ in _AUDIT_PAGES]
    from_wat = audit(wat_pages, "target.example")
    from_html = audit(html_pages, "target.example")
    # hand-checked: blog.one a, b (nofollow), c (image, www.); forum.two a (ugc, and the
    # page's robots nofollow); shop.three / (sponsored); /home and other.example are not
    summary = from_wat.summary
    assert (summary.pages, summary.linking_pages, summary.backlinks) == (3, 3, 5)
    assert summary.referring_domains == 3
    assert {k: n for k, n in summary.link_types if n} == {
        "followed": 2,
        "nofollow": 1,
        "ugc": 1,
        "sponsored": 1,
    }
    assert dict(summary.regions) == {"unknown": 5}
    for field in ("pages", "linking_pages", "backlinks", "referring_domains", "link_types"):
        assert getattr(from_html.summary, field) == getattr(summary, field), field
    assert dict(from_html.summary.regions) == {"content": 2, "footer": 1, "aside": 1, "nav": 1}

    def carried(profile: Any) -> list[tuple[Any, ...]]:
        return sorted(
            (b.page_url, b.referring_domain, b.target_url, b.link_type, b.via, b.link.text)
            for b in profile.backlinks
        )

    assert carried(from_wat) == carried(from_html)
    assert len(carried(from_wat)) == 5
