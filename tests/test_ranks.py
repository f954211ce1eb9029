"""backlinkkit.ranks: the Common Crawl host/domain ranks reader and its authority mapping.

Expected values come from the ranks-file format in ``../shared/reference/seo-data.md`` §1
(header ``#harmonicc_pos #harmonicc_val #pr_pos #pr_val #host_rev #n_hosts``, names
reversed) and from the sample file's own lines; the authority mapping's values are
worked by hand from ``100 · (1 − ln p / ln N)``.
"""

from __future__ import annotations

import doctest
import gzip
import io
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import CCRanks, InputFormatError, read_cc_ranks
from backlinkkit import ranks as ranks_module
from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.ranks import CCRank, authority_from_rank, sample_path

HEADER = "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts\n"


def ranks_text(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode()


class OneWay(io.RawIOBase):
    """A stream that can only be read forward (no seek, no peek), like a pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(min(len(buffer), 7))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_module_examples() -> None:
    assert doctest.testmod(ranks_module).failed == 0


def test_sample_file_lines_are_read_as_written() -> None:
    ranks = read_cc_ranks(sample_path())
    assert len(ranks) == 8
    assert ranks.size == 8
    assert ranks.errors == ()
    # line 2 of the sample: "1 3.1E7 2 0.0052 com.example 120"
    first = ranks.entries[0]
    assert first == CCRank(
        name="example.com",
        harmonic_rank=1,
        harmonic_value=3.1e7,
        pagerank_rank=2,
        pagerank_value=0.0052,
        n_hosts=120,
        line=2,
    )
    # reversed names are turned back: "example.news" -> "news.example"
    assert ranks.get("news.example") is not None
    assert ranks.get("news.example").harmonic_rank == 4  # type: ignore[union-attr]
    assert "tiny-blog.test" in ranks
    assert "com.example" not in ranks


@pytest.mark.parametrize(
    ("position", "size", "expected"),
    [
        (1, 1000, 100.0),
        (10, 1000, 66.67),  # 1 - 1/3
        (100, 1000, 33.33),  # 1 - 2/3
        (1000, 1000, 0.0),
        (31623, 10**9, 50.0),  # ln 31623 / ln 1e9 = 0.5
        (5000, 1000, 0.0),  # clipped to the last rank
        (1, 1, 100.0),
    ],
)
def test_authority_from_rank(position: int, size: int, expected: float) -> None:
    assert authority_from_rank(position, size) == expected


def test_authority_by_metric_and_unknown_is_none() -> None:
    ranks = read_cc_ranks(sample_path())
    # example.net: harmonic rank 3, PageRank rank 4 of 8
    assert ranks.authority("example.net") == round(100 * (1 - math.log(3) / math.log(8)), 2)
    assert ranks.authority("example.net", metric="pr") == 33.33
    assert ranks.authority("WWW.Example.NET.") == ranks.authority("example.net")
    assert ranks.authority("unknown.example") is None
    with pytest.raises(InvalidValueError):
        ranks.authority("example.net", metric="da")  # type: ignore[arg-type]


def test_authority_is_monotone_in_rank() -> None:
    ranks = read_cc_ranks(sample_path())
    by_rank = sorted(ranks, key=lambda e: e.harmonic_rank)
    values = [ranks.authority(e.name) for e in by_rank]
    assert values == sorted(values, reverse=True)  # type: ignore[type-var]


def test_gzip_path_stream_and_pipe_read_the_same(tmp_path: Path) -> None:
    plain = sample_path().read_bytes()
    packed = gzip.compress(plain)
    gz = tmp_path / "domain-ranks.txt.gz"
    gz.write_bytes(packed)
    expected = read_cc_ranks(sample_path()).entries
    assert read_cc_ranks(gz).entries == expected
    assert read_cc_ranks(str(gz)).entries == expected
    assert read_cc_ranks(io.BytesIO(packed)).entries == expected
    assert read_cc_ranks(io.BufferedReader(OneWay(packed))).entries == expected
    assert read_cc_ranks(OneWay(plain)).entries == expected  # type: ignore[arg-type]
    assert read_cc_ranks(io.StringIO(plain.decode())).entries == expected


def test_domains_keeps_only_those_and_reports_missing() -> None:
    ranks = read_cc_ranks(
        sample_path(), domains=["www.example.org", "shop.example", "absent.example"]
    )
    assert [e.name for e in ranks] == ["example.org", "shop.example"]
    assert ranks.size == 8  # the whole file is still counted
    assert ranks.requested == ("www.example.org", "shop.example", "absent.example")
    assert ranks.missing == ("absent.example",)
    assert "1 of 3 asked for not ranked" in ranks.summary()


def test_domains_streams_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write(HEADER)
        for i in range(1, 50_001):
            out.write(f"{i}\t{1e7 / i}\t{i}\t{1e-3 / i}\tcom.site{i}\t1\n")
    ranks = read_cc_ranks(path, domains=["site7.com", "SITE40000.com."])
    assert [e.harmonic_rank for e in ranks] == [7, 40000]
    assert ranks.size == 50_000
    assert ranks.authority("site40000.com") == round(
        100 * (1 - math.log(40000) / math.log(50000)), 2
    )


def test_host_level_file_without_n_hosts_and_columns_by_name() -> None:
    header = "#host_rev\t#pr_val\t#pr_pos\t#harmonicc_val\t#harmonicc_pos\n"
    data = ranks_text(
        "com.example.www\t0.5\t1\t99.5\t2", "org.example\t0.1\t2\t100.0\t1", header=header
    )
    ranks = read_cc_ranks(io.BytesIO(data))
    assert ranks.get("www.example.com") == CCRank(
        name="www.example.com",
        harmonic_rank=2,
        harmonic_value=99.5,
        pagerank_rank=1,
        pagerank_value=0.5,
        n_hosts=None,
        line=2,
    )
    # a file that kept www.: the www-less query does not find it, the www query does
    assert ranks.get("example.com") is None


def test_bad_lines_become_errors_and_the_rest_loads() -> None:
    data = ranks_text(
        "1\t3.0\t1\t0.5\tcom.example\t3",
        "2\tNaN\t2\t0.4\tcom.bad-value\t1",
        "x\t2.0\t3\t0.3\tcom.bad-rank\t1",
        "4\t1.0\t4\t0.2\tcom.short",
        "0\t1.0\t5\t0.2\tcom.zero-rank\t1",
        "6\t-1\t6\t0.1\tcom.negative\t1",
        "",
        "7\t1.0\t7\t0.1\tcom.last\t1",
    )
    ranks = read_cc_ranks(io.BytesIO(data))
    assert [e.name for e in ranks] == ["example.com", "last.com"]
    assert [(e.line, e.column) for e in ranks.errors] == [
        (3, "harmonicc_val"),
        (4, "harmonicc_pos"),
        (5, None),
        (6, "harmonicc_pos"),
        (7, "harmonicc_val"),
    ]
    assert str(ranks.errors[2]) == "<stream>:5: 5 fields, header has 6"
    assert "'x' is not a whole number >= 1" in str(ranks.errors[1])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"domain,rank\nexample.com,1\n",
        b"harmonicc_pos\tharmonicc_val\tpr_pos\tpr_val\thost_rev\n",  # no '#'
        b"#harmonicc_pos\t#pr_pos\t#host_rev\n1\t1\tcom.example\n",  # missing columns
        b"\x89PNG\r\n\x1a\n",
    ],
)
def test_not_a_ranks_file_raises_one_clear_error(data: bytes) -> None:
    with pytest.raises(InputFormatError, match=r"^<stream>: line 1: not a Common Crawl ranks"):
        read_cc_ranks(io.BytesIO(data))


def test_corrupt_and_truncated_gzip_raise_input_format_error(tmp_path: Path) -> None:
    packed = gzip.compress(sample_path().read_bytes() * 50)
    with pytest.raises(InputFormatError, match="gzip"):
        read_cc_ranks(io.BytesIO(packed[: len(packed) // 2]))
    with pytest.raises(InputFormatError, match="gzip"):
        read_cc_ranks(io.BytesIO(b"\x1f\x8b" + b"\x00" * 40))
    with pytest.raises(InputFormatError, match="cannot open"):
        read_cc_ranks(tmp_path / "absent.txt.gz")


def test_argument_errors() -> None:
    with pytest.raises(InvalidInputError):
        read_cc_ranks(123)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        read_cc_ranks(sample_path(), domains="example.com")
    with pytest.raises(InvalidValueError):
        read_cc_ranks(sample_path(), domains=["https://example.com/"])
    with pytest.raises(InvalidValueError):
        read_cc_ranks(sample_path(), size=0)
    ranks = read_cc_ranks(sample_path())
    with pytest.raises(InvalidInputError):
        ranks.get(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        authority_from_rank(1, 0)


def test_size_for_an_excerpt() -> None:
    ranks = read_cc_ranks(sample_path(), size=1000)
    assert ranks.size == 1000
    assert ranks.authority("example.org") == round(100 * (1 - math.log(2) / math.log(1000)), 2)


def test_records_dataframe_summary_repr() -> None:
    ranks = read_cc_ranks(sample_path())
    records = ranks.to_records()
    assert list(records[0]) == [
        "name",
        "harmonic_rank",
        "harmonic_value",
        "pagerank_rank",
        "pagerank_value",
        "n_hosts",
        "line",
    ]
    frame = ranks.to_dataframe()
    assert list(frame["name"])[:2] == ["example.com", "example.org"]
    assert repr(ranks) == "<CCRanks cc-domain-ranks-sample.txt: 8 of 8 names>"
    assert ranks.summary().endswith("8 names kept of 8 ranked; 0 unreadable lines")
    assert isinstance(ranks, CCRanks)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["raw", "header", "gzip", "gzip-header"]))
def test_arbitrary_bytes_raise_only_input_format_error(data: bytes, mode: str) -> None:
    if "header" in mode:
        data = HEADER.encode() + data
    if "gzip" in mode:
        data = gzip.compress(data)[: max(2, len(data))]  # sometimes cut short
    try:
        result = read_cc_ranks(io.BytesIO(data))
    except InputFormatError:
        return
    assert isinstance(result, CCRanks)
    for entry in result:
        assert entry.harmonic_rank >= 1
        assert math.isfinite(entry.pagerank_value)
    result.summary()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 10**9),
            st.floats(0, 1e9),
            st.integers(1, 10**9),
            st.floats(0, 1),
            st.from_regex(r"[a-z]{1,8}(\.[a-z0-9-]{1,8}){1,3}", fullmatch=True),
        ),
        max_size=20,
    )
)
def test_written_lines_read_back(rows: list[tuple[int, float, int, float, str]]) -> None:
    data = ranks_text(*(f"{a}\t{b!r}\t{c}\t{d!r}\t{e}\t1" for a, b, c, d, e in rows))
    ranks = read_cc_ranks(io.BytesIO(data))
    assert ranks.errors == ()
    assert [
        (e.harmonic_rank, e.harmonic_value, e.pagerank_rank, e.pagerank_value) for e in ranks
    ] == [(a, b, c, d) for a, b, c, d, _ in rows]
    assert [e.name for e in ranks] == [".".join(reversed(r[4].split("."))) for r in rows]
