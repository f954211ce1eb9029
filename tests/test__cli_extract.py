"""``backlinkkit extract``: saved pages (and WARC files) to Parquet tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlinkkit.batch import extract_many
from backlinkkit.cli import main
from backlinkkit.records import Records

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
    assert "2 pages (0 with errors), 3 links" in capsys.readouterr().out
    links = pq.read_table(out / "links-00000.parquet").to_pylist()
    pages = pq.read_table(out / "pages-00000.parquet").to_pylist()
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
    assert links == expected.link_rows()
    assert [row["url"] for row in links] == ["https://a.example/x", "https://b.example/"]
