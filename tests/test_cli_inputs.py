"""Tests for how ``backlinkkit audit`` reads its CSV inputs (--manifest, --sources,
--engagement): issue 12 §6 — a row with more cells than the header is one line naming
file and line, status 2; a column the command does not understand is named, not
silently ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backlinkkit.cli import main

BLOG = (
    b'<!doctype html><meta charset=utf-8><article><a href="https://example.com/g">g</a></article>'
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "blog.html").write_bytes(BLOG)
    (tmp_path / "manifest.csv").write_text("file,url\nblog.html,https://blog.example.org/p\n")
    return tmp_path


def audit(folder: Path, *extra: str) -> list[str]:
    return [
        "audit",
        "--manifest",
        str(folder / "manifest.csv"),
        "--target",
        "example.com",
        "--format",
        "csv",
        *extra,
    ]


def one_error(err: str) -> str:
    assert err.count("\n") == 1, err
    assert err.startswith("backlinkkit: error: ")
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("option", "content"),
    [
        ("--manifest", "file,url\nblog.html,https://blog.example.org/p,surplus\n"),
        ("--sources", "page,authority\nblog.example.org,40,7\n"),
        ("--engagement", "page,likes\nhttps://blog.example.org/p,3,4\n"),
    ],
)
def test_a_row_with_more_cells_than_the_header(
    folder: Path, capsys: pytest.CaptureFixture[str], option: str, content: str
) -> None:
    path = folder / "input.csv"
    path.write_text(content)
    argv = audit(folder, option, str(path))
    if option == "--manifest":
        argv = ["audit", "--manifest", str(path), "--target", "example.com"]
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    line = one_error(err)
    assert f"{path}: line 2, column 3: 3 fields where the header has 2" in line


def test_the_line_is_the_one_the_record_starts_on(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "sources.csv"
    # a quoted cell over two lines (RFC 4180 §2.6), then a blank line, then the bad row
    path.write_text('page,tier\n"blog.example.org",high\n\nx.example,low,extra\n')
    code, _, err = run(audit(folder, "--sources", str(path)), capsys)
    assert code == 2
    assert f"{path}: line 4, column 3" in one_error(err)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty: no header line"),
        (b"page,likes\nhttps://blog.example.org/p,\xff\n", "line 2: not UTF-8 text"),
        (b"page,likes,page\n", "line 1, column 3: the header names 'page' again"),
    ],
)
def test_unreadable_files_are_one_line(
    folder: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    path = folder / "engagement.csv"
    path.write_bytes(content)
    code, out, err = run(audit(folder, "--engagement", str(path)), capsys)
    assert (code, out) == (2, "")
    assert f"engagement {path}: {problem}" in one_error(err)


def test_an_unknown_sources_column_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "sources.csv"
    path.write_text("page,DR,authority,Traffic\nblog.example.org,55,40,900\n")
    code, out, err = run(audit(folder, "--sources", str(path)), capsys)
    assert code == 0
    assert "https://example.com/g" in out  # the audit still runs
    assert err.count("\n") == 1
    assert err.startswith(f"backlinkkit: warning: sources {path}: columns 'DR', 'Traffic' ")
    assert "not understood, ignored" in err
    assert "authority" in err.partition("understood:")[2]


def test_an_unknown_engagement_column_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "engagement.csv"
    path.write_text("page,likes,retweets\nhttps://blog.example.org/p,3,9\n")
    code, _, err = run(audit(folder, "--engagement", str(path)), capsys)
    assert code == 0
    assert f"engagement {path}: column 'retweets' not understood" in err


def test_known_columns_in_any_case_give_no_warning(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = folder / "sources.csv"
    sources.write_text(
        "Page,Authority,Spam_Score,Tier,Relevance,Open_PageRank\nblog.example.org,40,1,high,1,\n"
    )
    engagement = folder / "engagement.csv"
    engagement.write_text(
        "url,likes,shares,comments,clicks,impressions,followers,posted_at\n"
        "https://blog.example.org/p,1,2,3,4,5,6,2024-05-01T00:00:00Z\n"
    )
    argv = audit(folder, "--sources", str(sources), "--engagement", str(engagement))
    code, _, err = run([*argv, "--now", "2024-06-01T00:00:00Z"], capsys)
    assert (code, err) == (0, "")


def test_a_short_row_reads_as_empty_cells(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = folder / "manifest.csv"
    manifest.write_text("file,url,x_robots_tag\nblog.html,https://blog.example.org/p\n")
    code, out, err = run(audit(folder), capsys)
    assert (code, err) == (0, "")
    assert "https://blog.example.org/p" in out
