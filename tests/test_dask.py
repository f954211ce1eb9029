"""backlinkkit.dask on a distributed.LocalCluster with 2 worker processes: the same
tables as extract_many on the same files (keyed by file), the archive issues, and the
audit as a reduction."""

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
from tests.warcs import (
    UNREADABLE_PAGES,
    assert_joins_one_to_one,
    expected_issues,
    issue_tuples,
    unreadable_warcs,
    write_issue_warcs,
)

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
    """What extract_many gives on each file, with every row keyed by the file (the
    page positions of one file's batch already count from 0 in the file)."""
    found = []
    for path in paths:
        records = Records.concat(
            extract_many(pages_of(path), workers=1, output="records", progress=False)
        )
        assert set(records.pages["source"]) <= {None}
        records.pages["source"][:] = [path] * records.n_pages
        records.links["source"][:] = [path] * records.n_links
        found.append(records)
    return found


def without_issues(records: list[Records]) -> list[Records]:
    return [Records(r.links, r.pages) for r in records]


def test_records_bag_gives_what_extract_many_gives(cluster: Any, tmp_path: Path) -> None:
    paths = html_files(tmp_path)
    found = records_bag(paths).compute()  # type: ignore[no-untyped-call]
    assert found == expected(paths)
    assert [r.n_links for r in found] == [2, 2, 0, 1]


def test_to_parquet_writes_one_pair_of_files_per_partition(cluster: Any, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths = html_files(tmp_path)
    out = tmp_path / "out"
    assert to_parquet(records_bag(paths), out) == (4, 5, 0)
    for index, records in enumerate(expected(paths)):
        assert pq.read_table(out / f"links-{index:05d}.parquet").to_pylist() == records.link_rows()
        assert pq.read_table(out / f"pages-{index:05d}.parquet").to_pylist() == records.page_rows()
        assert pq.read_table(out / f"issues-{index:05d}.parquet").num_rows == 0


def test_to_parquet_writes_the_archive_issues_and_rows_that_join(
    cluster: Any, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths, written = write_issue_warcs(tmp_path, 2)
    out = tmp_path / "out"
    assert to_parquet(records_bag(paths), out) == (6, 8, 8)
    tables = {
        table: [
            row
            for n in range(2)
            for row in pq.read_table(out / f"{table}-{n:05d}.parquet").to_pylist()
        ]
        for table in ("links", "pages", "issues")
    }
    assert issue_tuples(tables["issues"]) == [
        row
        for path, (_, issues) in zip(paths, written, strict=True)
        for row in expected_issues(path, issues)
    ]
    records = Records(
        {name: [row[name] for row in tables["links"]] for name in tables["links"][0]},
        {name: [row[name] for row in tables["pages"]] for name in tables["pages"][0]},
    )
    assert [(r["source"], r["position"]) for r in records.page_rows()] == [
        (p, n) for p in paths for n in range(3)
    ]
    assert_joins_one_to_one(records)


def test_audit_as_a_reduction_equals_one_audit(cluster: Any, tmp_path: Path) -> None:
    paths = html_files(tmp_path)
    pages = [r for p in paths for r in extract_many(pages_of(p), workers=1, progress=False)]
    whole = audit(pages, "target.example")
    reduced = audit_paths(paths, "target.example")
    assert reduced.summary == whole.summary
    assert reduced.to_records() == whole.to_records()
    assert len(reduced.backlinks) == 2


def test_the_reduction_keeps_links_to_another_domain_of_the_targets_platform(
    cluster: Any, tmp_path: Path
) -> None:
    # The audit counts a link to x.com for the target twitter.com (one platform, two
    # domains); the partitions must not strip the page that holds it.
    path = tmp_path / "post.html"
    path.write_text(
        '<main><a href="https://x.com/golden_crust">us on X</a></main>', encoding="utf-8"
    )
    pages = list(extract_many(pages_of(path), workers=1, progress=False))
    whole = audit(pages, "twitter.com")
    assert len(whole.backlinks) == 1
    reduced = audit_paths([path], "twitter.com")
    assert reduced.summary == whole.summary
    assert reduced.to_records() == whole.to_records()


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
    assert without_issues(found) == expected(paths)
    assert all(r.n_pages >= len(PAGES) for r in found)
    # the extras: a non-HTML response, a revisit, a sniffed page (a warning), one with
    # no HTML start, a record truncated by the crawler and one cut at the end
    kinds = ["non-html", "revisit", "warning", "non-html", "truncated", "truncated"]
    assert [[row["kind"] for row in r.issue_rows()] for r in found] == [kinds, kinds]
    assert [set(r.issues["source"]) for r in found] == [{p} for p in paths]


def test_an_unreadable_file_is_an_issue_row_and_the_bag_goes_on(
    cluster: Any, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths, expected = unreadable_warcs(tmp_path)
    out = tmp_path / "out"
    assert to_parquet(records_bag(paths), out) == (3, 4, 2)
    issues = [
        row for n in range(3) for row in pq.read_table(out / f"issues-{n:05d}.parquet").to_pylist()
    ]
    assert issue_tuples(issues) == expected
    pages = [
        (row["source"], row["position"], row["page_url"])
        for n in range(3)
        for row in pq.read_table(out / f"pages-{n:05d}.parquet").to_pylist()
    ]
    assert pages == [
        (paths[0], 0, UNREADABLE_PAGES[0][0]),
        (paths[2], 0, UNREADABLE_PAGES[1][0]),
        (paths[2], 1, UNREADABLE_PAGES[2][0]),
    ]


def test_audit_of_an_unreadable_file_is_an_error_record(cluster: Any, tmp_path: Path) -> None:
    paths, _ = unreadable_warcs(tmp_path)
    reduced = audit_paths(paths, "good.example")
    assert reduced.summary.pages == 3
    assert reduced.summary.errors == 2  # one per file not read to its end
    failed: list[Exception] = []
    pages = [
        r
        for p in paths
        for r in extract_many(pages_of(p, failed=failed), workers=1, progress=False)
    ]
    assert len(failed) == 2
    whole = audit(pages, "good.example")
    assert reduced.to_records() == whole.to_records()
    assert len(reduced.backlinks) == 0  # the good file links only to itself


def _wat_file(folder: Path) -> str:
    from tests.warcs import write_wat

    path = folder / "CC-MAIN-x.warc.wat.gz"
    with open(path, "wb") as out:
        write_wat(out)
    return str(path)


def test_a_wat_file_in_the_bag_and_in_parquet(cluster: Any, tmp_path: Path) -> None:
    from tests.warcs import wat_expected, wat_tables

    pq = pytest.importorskip("pyarrow.parquet")
    wat = _wat_file(tmp_path)
    paths = [*html_files(tmp_path)[:1], wat]
    found = records_bag(paths).compute()  # type: ignore[no-untyped-call]
    assert found == [extract_path(path) for path in paths]
    assert wat_tables(found[1].page_rows(), found[1].issue_rows()) == wat_expected(wat)
    out = tmp_path / "out"
    assert to_parquet(records_bag(paths), out) == (1 + 3, 2 + 9, 3)
    pages = pq.read_table(out / "pages-00001.parquet").to_pylist()
    issues = pq.read_table(out / "issues-00001.parquet").to_pylist()
    assert wat_tables(pages, issues) == wat_expected(wat)


def test_audit_paths_reads_a_wat_file_as_pages(cluster: Any, tmp_path: Path) -> None:
    from backlinkkit.archives import read_wat

    wat = _wat_file(tmp_path)
    reduced = audit_paths([wat], "landing.example")
    whole = audit([page.to_page() for page in read_wat(wat)], "landing.example")
    assert reduced.summary == whole.summary
    # hand-checked: the one link to landing.example is the google.com/url?q= wrapper's
    assert reduced.summary.backlinks == 1
    assert reduced.summary.pages == 3
    assert dict(reduced.summary.regions) == {"unknown": 1}
