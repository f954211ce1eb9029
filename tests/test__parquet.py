"""_parquet: Records to links-*.parquet, pages-*.parquet and issues-*.parquet."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlinkkit._parquet import ParquetSink
from backlinkkit.records import ISSUE_COLUMNS, Records, add_issue, extract_records

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (backlinkkit[arrow]) is not installed")


def test_batches_append_to_one_set_of_files(tmp_path: Path) -> None:
    one = extract_records('<a href="/1">1</a>', "https://a.example/")
    two = extract_records(
        '<a href="/2">2</a><a href="/3" rel=sponsored>3</a>', "https://b.example/"
    )
    add_issue(
        two,
        kind="non-html",
        record_type="response",
        url="https://b.example/logo.png",
        record_id="<urn:uuid:2>",
        offset=512,
        detail="Content-Type 'image/png'",
        source="crawl.warc.gz",
    )
    with ParquetSink(tmp_path / "new" / "dir", "7") as sink:
        sink.write(one)
        sink.write(Records())  # an empty batch writes nothing
        sink.write(two)
    assert (sink.pages, sink.links, sink.issues) == (2, 3, 1)
    assert [path.name for path in sink.paths] == [
        "links-7.parquet",
        "pages-7.parquet",
        "issues-7.parquet",
    ]
    both = Records.concat([one, two])
    assert pq.read_table(tmp_path / "new/dir/links-7.parquet").to_pylist() == both.link_rows()
    assert pq.read_table(tmp_path / "new/dir/pages-7.parquet").to_pylist() == both.page_rows()
    issues = pq.read_table(tmp_path / "new/dir/issues-7.parquet").to_pylist()
    assert issues == both.issue_rows()
    assert issues[0]["offset"] == 512


def test_an_issue_table_without_rows_has_its_schema(tmp_path: Path) -> None:
    with ParquetSink(tmp_path, "0") as sink:
        sink.write(extract_records("<p>x</p>", "https://a.example/"))
    table = pq.read_table(tmp_path / "issues-0.parquet")
    assert table.num_rows == 0
    assert table.schema.names == [name for name, _ in ISSUE_COLUMNS]
