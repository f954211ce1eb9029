"""backlinkkit.dask on a distributed.LocalCluster with 2 worker processes: the same
tables as extract_many on the same files, and the audit as a reduction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backlinkkit import audit
from backlinkkit._sources import pages_of
from backlinkkit.batch import extract_many
from backlinkkit.records import Records
from tests._loopback import allow_loopback
from tests.corpus import corpus_pages

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] (backlinkkit[dask]) is not installed"
)
pytest.importorskip("pyarrow", reason="pyarrow (backlinkkit[arrow]) is not installed")

from backlinkkit.dask import audit_paths, extract_path, records_bag, to_parquet  # noqa: E402

PAGES = [
    '<a href="https://target.example/a">to target</a><a href="/self">self</a>',
    '<nav><a href="https://www.target.example/">home</a></nav><a href="https://x.example/">x</a>',
    "<p>no links</p>",
    '<a href="https://other.example/">other</a>',
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    mp = pytest.MonkeyPatch()
    allow_loopback(mp)
    try:
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as local,
            distributed.Client(local) as client,
        ):
            yield client
    finally:
        mp.undo()


@pytest.fixture(autouse=True)
def _loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    allow_loopback(monkeypatch)


def html_files(folder: Path) -> list[str]:
    names = []
    for n, html in enumerate(PAGES):
        path = folder / f"page{n}.html"
        path.write_text(html, encoding="utf-8")
        names.append(str(path))
    return names


def expected(paths: list[str]) -> list[Records]:
    return [
        Records.concat(extract_many(pages_of(p), workers=1, output="records", progress=False))
        for p in paths
    ]


def test_records_bag_gives_what_extract_many_gives(cluster: Any, tmp_path: Path) -> None:
    paths = html_files(tmp_path)
    found = records_bag(paths).compute()  # type: ignore[no-untyped-call]
    assert found == expected(paths)
    assert [r.n_links for r in found] == [2, 2, 0, 1]


def test_to_parquet_writes_one_pair_of_files_per_partition(cluster: Any, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths = html_files(tmp_path)
    out = tmp_path / "out"
    assert to_parquet(records_bag(paths), out) == (4, 5)
    for index, records in enumerate(expected(paths)):
        assert pq.read_table(out / f"links-{index:05d}.parquet").to_pylist() == records.link_rows()
        assert pq.read_table(out / f"pages-{index:05d}.parquet").to_pylist() == records.page_rows()


def test_audit_as_a_reduction_equals_one_audit(cluster: Any, tmp_path: Path) -> None:
    paths = html_files(tmp_path)
    pages = [r for p in paths for r in extract_many(pages_of(p), workers=1, progress=False)]
    whole = audit(pages, "target.example")
    reduced = audit_paths(paths, "target.example")
    assert reduced.summary == whole.summary
    assert reduced.to_records() == whole.to_records()
    assert len(reduced.backlinks) == 2


@pytest.mark.corpus
def test_corpus_pages_on_the_cluster(cluster: Any) -> None:
    pages = corpus_pages(limit=12)
    if not pages:
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    paths = [str(path) for _, path in pages]
    bag = records_bag(paths, backend="auto")
    assert bag.compute() == [  # type: ignore[no-untyped-call]
        extract_path(p, backend="auto") for p in paths
    ]


def test_warc_files_on_the_cluster(cluster: Any, tmp_path: Path) -> None:
    from tests.warcs import write_warc

    paths = []
    for n in range(2):
        path = tmp_path / f"crawl-{n}.warc.gz"
        with open(path, "wb") as out:
            # extras: chunked and gzip-coded pages, a revisit, a non-HTML response,
            # a page with X-Robots-Tag, a truncated and a cut record.
            write_warc(
                out, [(f"https://site{n}.example/{i}", h.encode()) for i, h in enumerate(PAGES)]
            )
        paths.append(str(path))
    found = records_bag(paths).compute()  # type: ignore[no-untyped-call]
    assert found == expected(paths)
    assert all(r.n_pages >= len(PAGES) for r in found)
