"""backlinkkit.spark in Spark local mode: the same tables as extract_many on the same files
(keyed by file), and the archive issues of WARC files.

Skipped without pyspark or without a Java runtime (CI installs default-jre-headless).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backlinkkit._sources import pages_of
from backlinkkit.batch import extract_many
from backlinkkit.records import Records
from tests._loopback import allow_loopback
from tests.warcs import (
    UNREADABLE_PAGES,
    assert_joins_one_to_one,
    expected_issues,
    issue_tuples,
    unreadable_warcs,
    write_issue_warcs,
)

pytest.importorskip("pyspark", reason="pyspark (backlinkkit[spark]) is not installed")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (backlinkkit[arrow]) is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for Spark", allow_module_level=True)

from backlinkkit.spark import extract_job, extract_partition  # noqa: E402

PAGES = [
    '<title>1</title><a href="https://target.example/a" rel="ugc">to target</a><a href="/s">s</a>',
    "<p>no links</p>",
    "<meta name=robots content=nofollow><a href='https://x.example/'>x</a>",
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    mp = pytest.MonkeyPatch()
    allow_loopback(mp)
    mp.setenv("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", sys.executable))
    session = (
        SparkSession.builder.master("local[2]")
        .appName("backlinkkit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()
        mp.undo()


@pytest.fixture(autouse=True)
def _loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    allow_loopback(monkeypatch)


def test_extract_job_writes_what_extract_many_gives(spark: Any, tmp_path: Path) -> None:
    paths = []
    for n, html in enumerate(PAGES):
        path = tmp_path / f"page{n}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    listing = tmp_path / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract_job(spark, str(listing), str(out), partitions=2) == (3, 3, 0)
    parts = []
    for name in paths:
        records = Records.concat(
            extract_many(pages_of(name), workers=1, output="records", progress=False)
        )
        records.pages["source"][:] = [name] * records.n_pages  # in memory: no file
        records.links["source"][:] = [name] * records.n_links
        parts.append(records)
    expected = Records.concat(parts)

    def key(row: dict[str, Any]) -> tuple[str, int, int]:
        return row["source"], row.get("page_position", row["position"]), row["position"]

    links = pq.read_table(out / "links").to_pylist()
    pages = pq.read_table(out / "pages").to_pylist()
    assert sorted(links, key=key) == sorted(expected.link_rows(), key=key)
    assert sorted(pages, key=key) == sorted(expected.page_rows(), key=key)
    assert {row["followed"] for row in links} == {False, True}
    assert pq.read_table(out / "issues").num_rows == 0


def test_extract_job_writes_the_archive_issues_and_rows_that_join(
    spark: Any, tmp_path: Path
) -> None:
    paths, written = write_issue_warcs(tmp_path, 2)
    listing = tmp_path / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract_job(spark, str(listing), str(out), partitions=2) == (6, 8, 8)
    issues = pq.read_table(out / "issues").to_pylist()
    issues.sort(key=lambda row: (row["source"], row["offset"]))
    assert issue_tuples(issues) == [
        row
        for path, (_, found) in zip(paths, written, strict=True)
        for row in expected_issues(path, found)
    ]
    links = pq.read_table(out / "links").to_pylist()
    pages = pq.read_table(out / "pages").to_pylist()
    pages.sort(key=lambda row: (row["source"], row["position"]))
    records = Records(
        {name: [row[name] for row in links] for name in links[0]},
        {name: [row[name] for row in pages] for name in pages[0]},
    )
    assert [(r["source"], r["position"]) for r in records.page_rows()] == [
        (p, n) for p in paths for n in range(3)
    ]
    assert_joins_one_to_one(records)


def test_extract_partition_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(PAGES[0], encoding="utf-8")
    found = list(extract_partition(["", f"  {path}  ", "\n"]))
    assert [r.n_links for r in found] == [2]


def test_an_unreadable_file_is_an_issue_row_and_the_job_goes_on(spark: Any, tmp_path: Path) -> None:
    paths, expected = unreadable_warcs(tmp_path)
    listing = tmp_path / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract_job(spark, str(listing), str(out), partitions=2) == (3, 4, 2)
    issues = pq.read_table(out / "issues").to_pylist()
    issues.sort(key=lambda row: row["source"])
    assert issue_tuples(issues) == sorted(expected)
    pages = pq.read_table(out / "pages").to_pylist()
    assert sorted((r["source"], r["position"], r["page_url"]) for r in pages) == [
        (paths[0], 0, UNREADABLE_PAGES[0][0]),
        (paths[2], 0, UNREADABLE_PAGES[1][0]),
        (paths[2], 1, UNREADABLE_PAGES[2][0]),
    ]


def test_extract_job_reads_a_wat_file(spark: Any, tmp_path: Path) -> None:
    from tests.warcs import wat_expected, wat_tables, write_wat

    wat = tmp_path / "CC-MAIN-x.warc.wat.gz"
    with open(wat, "wb") as stream:
        write_wat(stream)
    listing = tmp_path / "paths.txt"
    listing.write_text(f"{wat}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract_job(spark, str(listing), str(out)) == (3, 9, 3)

    def order(row: dict[str, Any]) -> tuple[Any, ...]:
        return row.get("page_position", row.get("position")) or -1, row.get("offset") or 0

    pages = sorted(pq.read_table(out / "pages").to_pylist(), key=order)
    issues = sorted(pq.read_table(out / "issues").to_pylist(), key=order)
    assert wat_tables(pages, issues) == wat_expected(str(wat))
    links = pq.read_table(out / "links").to_pylist()
    assert sorted(links, key=lambda r: (r["page_position"], r["position"])) == (
        extract_path_rows(str(wat))
    )


def extract_path_rows(path: str) -> list[dict[str, Any]]:
    from backlinkkit._sources import extract_paths

    return Records.concat(extract_paths([path], workers=1, progress=False)).link_rows()
