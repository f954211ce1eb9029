"""``backlinkkit extract``: saved pages (and WARC files) to Parquet tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backlinkkit.batch import extract_many
from backlinkkit.cli import main
from backlinkkit.records import Records
from tests.warcs import (
    UNREADABLE_PAGES,
    assert_joins_one_to_one,
    expected_issues,
    issue_tuples,
    unreadable_warcs,
    write_issue_warcs,
)

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (backlinkkit[arrow]) is not installed")

PAGES = {
    "a.html": '<title>A</title><a href="/x" rel="nofollow">x</a><a href="https://b.example/">b</a>',
    "b.html": "<meta name=robots content=noindex><a href='y'>y</a>",
}


def write_pages(folder: Path) -> list[str]:
    names = []
    for name, html in PAGES.items():
        (folder / name).write_text(html, encoding="utf-8")
        names.append(str(folder / name))
    return names


def test_pages_to_parquet_with_a_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pages(tmp_path)
    manifest = tmp_path / "pages.csv"
    manifest.write_text(
        "file,url\na.html,https://a.example/\nb.html,https://a.example/dir/b\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["extract", "--manifest", str(manifest), "--out", str(out), "--no-progress"]) == 0
    assert "2 pages (0 with errors), 3 links, 0 archive issues" in capsys.readouterr().out
    links = pq.read_table(out / "links-00000.parquet").to_pylist()
    pages = pq.read_table(out / "pages-00000.parquet").to_pylist()
    assert pq.read_table(out / "issues-00000.parquet").num_rows == 0
    expected = Records.concat(
        extract_many(
            [
                (PAGES["a.html"].encode(), "https://a.example/"),
                (PAGES["b.html"].encode(), "https://a.example/dir/b"),
            ],
            workers=1,
            backend="auto",
            output="records",
            progress=False,
        )
    )
    # Each saved page is a file of its own: its source is its path, its position 0.
    sources = [str((tmp_path / name).resolve()) for name in ("a.html", "b.html")]
    expected.pages["source"][:] = sources
    expected.pages["position"][:] = [0, 0]
    expected.links["source"][:] = [sources[0]] * 2 + [sources[1]]
    expected.links["page_position"][:] = [0, 0, 0]
    assert links == expected.link_rows()
    assert pages == expected.page_rows()
    assert [row["url"] for row in links] == [
        "https://a.example/x",
        "https://b.example/",
        "https://a.example/dir/y",
    ]
    assert [row["noindex"] for row in pages] == [False, True]


def test_a_page_without_url_is_parsed_against_its_file_url(tmp_path: Path) -> None:
    names = write_pages(tmp_path)
    out = tmp_path / "out"
    assert main(["extract", names[1], "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    links = pq.read_table(out / "links-00000.parquet").to_pylist()
    assert links[0]["url"] == (tmp_path / "y").resolve().as_uri()


def test_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--out", str(tmp_path)]) == 2
    assert "give PAGE.html files" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "missing.html"), "--out", str(tmp_path)]) == 2
    assert "missing.html" in capsys.readouterr().err


def test_warc_files_to_parquet(tmp_path: Path) -> None:
    from tests.warcs import write_warc

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        write_warc(out, [("https://a.example/", PAGES["a.html"].encode())], extras=False, cut=False)
    out_dir = tmp_path / "out"
    assert main(["extract", "--warc", str(path), "--out", str(out_dir), "--no-progress"]) == 0
    links = pq.read_table(out_dir / "links-00000.parquet").to_pylist()
    expected = Records.concat(
        extract_many(
            [(PAGES["a.html"].encode(), "https://a.example/", [("Content-Type", "text/html")])],
            workers=1,
            backend="auto",
            output="records",
            progress=False,
        )
    )
    expected.links["source"][:] = [str(path)] * 2
    assert links == expected.link_rows()
    assert [row["url"] for row in links] == ["https://a.example/x", "https://b.example/"]


def read(folder: Path, table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(folder / f"{table}-00000.parquet").to_pylist()
    return rows


@pytest.mark.parametrize("workers", ["1", "2"])
def test_two_warc_files_write_their_issues_and_rows_that_join(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    paths, written = write_issue_warcs(tmp_path, 2)
    out_dir = tmp_path / "out"
    command = ["extract", "--warc", *paths, "--out", str(out_dir), "--no-progress"]
    assert main([*command, "--workers", workers]) == 0
    summary = capsys.readouterr().out
    assert "6 pages (0 with errors), 8 links, 8 archive issues: " in summary
    assert str(out_dir / "issues-00000.parquet") in summary
    issues = read(out_dir, "issues")
    assert issue_tuples(issues) == expected_issues(paths[0], written[0][1]) + expected_issues(
        paths[1], written[1][1]
    )
    records = Records(
        {k: [r[k] for r in read(out_dir, "links")] for k in read(out_dir, "links")[0]},
        {k: [r[k] for r in read(out_dir, "pages")] for k in read(out_dir, "pages")[0]},
    )
    assert [(r["source"], r["position"]) for r in records.page_rows()] == [
        (p, n) for p in paths for n in range(3)
    ]
    assert_joins_one_to_one(records)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_unreadable_warc_is_a_warning_and_status_1_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    paths, expected = unreadable_warcs(tmp_path)
    out_dir = tmp_path / "out"
    command = ["extract", "--warc", *paths, "--out", str(out_dir), "--no-progress"]
    assert main([*command, "--workers", workers]) == 1  # some input was not read
    captured = capsys.readouterr()
    assert "3 pages (0 with errors), 4 links, 2 archive issues: " in captured.out
    warnings = captured.err.splitlines()
    assert len(warnings) == 2  # one line per file not read to its end
    for line, path in zip(warnings, paths, strict=False):
        assert line.startswith("backlinkkit: warning: ")
        assert repr(path) in line
    assert issue_tuples(read(out_dir, "issues")) == expected
    pages = read(out_dir, "pages")
    assert [(r["source"], r["position"], r["page_url"]) for r in pages] == [
        (paths[0], 0, UNREADABLE_PAGES[0][0]),
        (paths[2], 0, UNREADABLE_PAGES[1][0]),
        (paths[2], 1, UNREADABLE_PAGES[2][0]),
    ]
    links = read(out_dir, "links")
    records = Records(
        {k: [r[k] for r in links] for k in links[0]}, {k: [r[k] for r in pages] for k in pages[0]}
    )
    assert_joins_one_to_one(records)


def test_a_common_crawl_wat_file_to_parquet(tmp_path: Path) -> None:
    from tests.warcs import wat_expected, wat_tables, write_wat

    path = tmp_path / "CC-MAIN-20261201000000-20261201010000-00000.warc.wat.gz"
    with open(path, "wb") as out:
        write_wat(out)
    out_dir = tmp_path / "out"
    assert main(["extract", "--warc", str(path), "--out", str(out_dir), "--no-progress"]) == 0
    pages, issues = read(out_dir, "pages"), read(out_dir, "issues")
    assert wat_tables(pages, issues) == wat_expected(str(path))
    links = read(out_dir, "links")
    assert len(links) == 9
    assert {row["region"] for row in links} == {None}
    assert [row["url"] for row in links[:2]] == [
        "https://blog.example/static/about.html",
        "https://partner.example/x?a=1#top",
    ]


def test_a_warc_option_file_named_neither_warc_nor_wat_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "crawl.bin"
    path.write_bytes(b"WARC/1.0\r\n")
    assert main(["extract", "--warc", str(path), "--out", str(tmp_path / "o")]) == 2
    assert "not a WARC or WAT file name" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
