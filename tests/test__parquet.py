"""_parquet: Records to links-*.parquet and pages-*.parquet."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlinkkit._parquet import ParquetSink
from backlinkkit.records import Records, extract_records

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (backlinkkit[arrow]) is not installed")


def test_batches_append_to_one_pair_of_files(tmp_path: Path) -> None:
    one = extract_records('<a href="/1">1</a>', "https://a.example/")
    two = extract_records(
        '<a href="/2">2</a><a href="/3" rel=sponsored>3</a>', "https://b.example/"
    )
    with ParquetSink(tmp_path / "new" / "dir", "7") as sink:
        sink.write(one)
        sink.write(Records())  # an empty batch writes nothing
        sink.write(two)
    assert (sink.pages, sink.links) == (2, 3)
    both = Records.concat([one, two])
    assert pq.read_table(tmp_path / "new/dir/links-7.parquet").to_pylist() == both.link_rows()
    assert pq.read_table(tmp_path / "new/dir/pages-7.parquet").to_pylist() == both.page_rows()
