"""_sources: the pages of one input file, and the records of many, keyed by file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backlinkkit._sources import extract_paths, is_warc, pages_of
from backlinkkit.batch import PageInput, extract_many
from backlinkkit.records import Records
from tests.warcs import (
    assert_joins_one_to_one,
    expected_issues,
    issue_tuples,
    issue_warc,
    warc_record,
    write_warc,
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


def write_issue_warcs(folder: Path, n: int) -> tuple[list[str], list[Any]]:
    paths, written = [], []
    for index in range(n):
        path = folder / f"crawl-{index}.warc.gz"
        with open(path, "wb") as out:
            written.append(issue_warc(out, f"site{index}.example"))
        paths.append(str(path))
    return paths, written


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
