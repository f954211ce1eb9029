"""Tests for backlinkkit._tables, the one tabular-input layer (sniff, records, cells, frame).

Expected values come from the formats themselves: RFC 4180 for CSV quoting and
records (a quoted field may hold the delimiter, a doubled quote and line breaks; a
record starts on the line its first field is on), the Unicode byte-order marks and
Python's own codecs for the encodings, the stdlib ``csv`` writer for round trips,
and the gzip and zip formats as Python's ``gzip``/``zipfile`` write them.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit._tables import (
    CellError,
    Records,
    RowError,
    byte_lines,
    compact_date,
    count,
    day,
    decode_text,
    file_name,
    flag,
    metric,
    open_binary,
    open_texts,
    read_bytes,
    read_table,
    split_line,
    to_dataframe,
    whole,
)
from backlinkkit.errors import InputFormatError, InvalidValueError, MissingDependencyError
from backlinkkit.exports import ExportFormatError

# --------------------------------------------------------------------------- sniff


def test_file_name() -> None:
    assert file_name("a/b.csv") == "a/b.csv"
    assert file_name(Path("a") / "b.csv") == str(Path("a") / "b.csv")
    assert file_name(io.BytesIO(b"")) == "<stream>"
    assert file_name(io.BytesIO(b""), "<file>") == "<file>"
    stream = io.StringIO("")
    stream.name = "named.csv"
    assert file_name(stream) == "named.csv"


def test_open_and_read(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"a,b\n")
    assert read_bytes(path, "x.csv") == b"a,b\n"
    assert read_bytes(io.StringIO("a,b\n"), "s") == "a,b\n"
    # a text stream seen as UTF-8 bytes
    assert open_binary(io.StringIO("é\n"), "s").read() == "é\n".encode()
    with pytest.raises(InputFormatError, match=r"^absent\.csv: cannot open") as caught:
        read_bytes(tmp_path / "absent.csv", "absent.csv")
    assert caught.value.file == "absent.csv"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a,b", "a,b"),
        (codecs.BOM_UTF8 + "é,b".encode(), "é,b"),
        ("é,b\n".encode("utf-16"), "é,b\n"),  # Python writes a BOM in native order
        (codecs.BOM_UTF16_LE + "é,b".encode("utf-16-le"), "é,b"),
        (codecs.BOM_UTF16_BE + "é,b".encode("utf-16-be"), "é,b"),
    ],
)
def test_decode_text(data: bytes, expected: str) -> None:
    assert decode_text(data, "x.csv") == expected


def test_decode_text_names_the_line() -> None:
    with pytest.raises(InputFormatError, match=r"^x\.csv: line 3: not UTF-8 text") as caught:
        decode_text(b"a\nb\n\xe9t\xe9\n", "x.csv")
    assert (caught.value.file, caught.value.line) == ("x.csv", 3)
    # an unpaired high surrogate in UTF-16 on the second line
    data = codecs.BOM_UTF16_LE + "a\n".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(InputFormatError, match=r"line 2: not UTF-16 text"):
        decode_text(data, "x.csv")


def test_open_texts_encodings() -> None:
    # UTF-16 LE without a BOM: NUL in every other byte
    (text,) = open_texts(io.BytesIO("Domain,Links\na.example,3\n".encode("utf-16-le")), "x")
    assert text.encoding == "utf-16-le"
    assert list(text.lines) == ["Domain,Links\n", "a.example,3\n"]
    # UTF-8 until line 2, then Windows-1252 (0x92 is RIGHT SINGLE QUOTATION MARK there)
    (text,) = open_texts(io.BytesIO(b"h\xc3\xa9\nDon\x92t\n"), "x")
    assert list(text.lines) == ["hé\n", "Don\u2019t\n"]
    assert text.fallback == [2]
    (text,) = open_texts(io.StringIO("already,text\n"), "x")
    assert text.encoding == "text"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_open_texts_zips() -> None:
    data = _zip({"a.csv": b"x\n1\n", "notes.md": b"#", "__MACOSX/a.csv": b"", "b.tsv": b"y\n"})
    texts = list(open_texts(io.BytesIO(data), "z.zip"))
    assert [t.name for t in texts] == ["z.zip/a.csv", "z.zip/b.tsv"]
    with pytest.raises(InputFormatError, match="Excel workbook"):
        list(open_texts(io.BytesIO(_zip({"[Content_Types].xml": b"", "xl/a.xml": b""})), "w"))
    with pytest.raises(InputFormatError, match=r"without any \.csv"):
        list(open_texts(io.BytesIO(_zip({"a.md": b""})), "w"))
    with pytest.raises(InputFormatError, match="damaged zip") as caught:
        list(open_texts(io.BytesIO(b"PK\x03\x04 not really a zip"), "d.zip"))
    assert caught.value.file == "d.zip"


def test_byte_lines_plain_and_gzip() -> None:
    assert list(byte_lines(io.BytesIO(b"a\nb\n"), "x")) == [b"a\n", b"b\n"]
    packed = gzip.compress(b"a\nb\n")
    assert list(byte_lines(io.BytesIO(packed), "x")) == [b"a\n", b"b\n"]
    with pytest.raises(InputFormatError, match="gzip stream is corrupt"):
        list(byte_lines(io.BytesIO(packed[:-6]), "x"))


# --------------------------------------------------------------------------- records


def test_split_line() -> None:
    assert split_line('a,"b,c",d\n', ",") == ["a", "b,c", "d"]
    assert split_line('a,"b ""q""",c', ",") == ["a", 'b "q"', "c"]  # RFC 4180 §2.7
    assert split_line('"a"b,c', ",") is None
    assert split_line('"a"b,c', ",", strict=False) == ["ab", "c"]


def test_records_report_each_bad_record_and_go_on() -> None:
    lines = ['a,"b\n', 'c"\n', '"open,e\n', "f,g\n", "\n", ",\n", "1,2,3\n", "h,i\n"]
    assert list(Records(iter(lines), ",", 1)) == [
        (1, ["a", "b\nc"]),  # a record over two lines starts on the first (RFC 4180 §2.6)
        (3, 1, "a quoted field is not closed on its line"),
        (4, ["f", "g"]),  # the line the open quote swallowed is read again
        (7, 3, "3 fields where the header has 2"),
        (8, ["h", "i"]),
    ]


def test_records_pad_short_rows_only_when_asked() -> None:
    assert list(Records(iter(["a\n"]), ",", 5, 3)) == [(5, 2, "1 field where the header has 3")]
    assert list(Records(iter(["a\n"]), ",", 5, 3, pad=True)) == [(5, ["a", "", ""])]
    assert list(Records(iter(["a,b,c,d\n"]), ",", 5, 3, pad=True)) == [
        (5, 4, "4 fields where the header has 3")
    ]


def test_row_error() -> None:
    assert str(RowError("f.csv", 3, "Sessions", "missing")) == "f.csv:3: column 'Sessions': missing"
    assert str(RowError("f.csv", 3, None, "bad")) == "f.csv:3: bad"
    with pytest.raises(InvalidValueError):
        RowError("f.csv", 0, None, "bad")


# --------------------------------------------------------------------------- read_table


def test_read_table_rows_and_lines(tmp_path: Path) -> None:
    data = b'page,note\n\nexample.org,"two\nlines"\nexample.net\n  \nexample.com,x\n'
    expected = [
        (3, {"page": "example.org", "note": "two\nlines"}),
        (5, {"page": "example.net", "note": ""}),
        (7, {"page": "example.com", "note": "x"}),
    ]
    assert read_table(data, "n.csv") == expected
    path = tmp_path / "n.csv"
    path.write_bytes(data)
    assert read_table(path) == expected
    assert read_table(str(path)) == expected
    assert read_table(io.BytesIO(data)) == expected
    assert read_table(io.StringIO(data.decode())) == expected
    assert read_table("page,note\n".encode("utf-16"), "u.csv") == []
    assert read_table(codecs.BOM_UTF8 + b"page\nx\n", "b.csv") == [(2, {"page": "x"})]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", r"^t\.csv: empty: no header line$", None),
        (b"\n \r\n", r"^t\.csv: empty: no header line$", None),
        (b"a,b\n1,2,3\n", r"^t\.csv: line 2, column 3: 3 fields where the header has 2$", 2),
        # a record over several lines of the wrong width is read as a quote left open
        (b'a,b\n"1\n2",3,4\n', r"^t\.csv: line 2, column 1: a quoted field is not closed", 2),
        (b'a,b\n"x"y,2\n', r"^t\.csv: line 2, column 1: text after the closing quote", 2),
        (b"a,b,a\n", r"^t\.csv: line 1, column 3: the header names 'a' again \(column 1\)$", 1),
        (b'\na,"b\n', r"^t\.csv: line 2, column 2: a quoted field is not closed", 2),
        (b"a\n\xff\n", r"^t\.csv: line 2: not UTF-8 text", 2),
    ],
)
def test_read_table_errors_name_file_and_line(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(InputFormatError, match=message) as caught:
        read_table(data, "t.csv")
    assert (caught.value.file, caught.value.line) == ("t.csv", line)


def test_read_table_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="cannot open"):
        read_table(tmp_path / "absent.csv")


_CELL = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), max_size=6))
def test_read_table_reads_what_the_csv_module_writes(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["a", "b", "c"])
    writer.writerows(rows)
    read = [list(row.values()) for _, row in read_table(buffer.getvalue().encode(), "w.csv")]
    # rows of empty cells only are blank lines (skipped), as csv.DictReader skips them
    assert read == [row for row in rows if any(row)]


# Arbitrary bytes, and bytes built from what CSV readers trip on, behind each BOM.
_PIECES = [b",", b'"', b"\n", b"\r", b"a", b" ", b"\x00", b"\xff", b"\xe9", b"\xd8", b"#"]
_BYTES = st.tuples(
    st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\3\4"]),
    st.binary(max_size=300) | st.lists(st.sampled_from(_PIECES), max_size=60).map(b"".join),
).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(_BYTES)
def test_read_table_arbitrary_bytes_raise_only_input_format_errors(data: bytes) -> None:
    failure: InputFormatError | None = None
    try:
        rows = read_table(data, "fuzz.csv")
    except InputFormatError as exc:
        failure, rows = exc, []
    assert all(line >= 2 for line, _ in rows)
    if failure is not None:
        assert str(failure).startswith("fuzz.csv: ")
        assert failure.file == "fuzz.csv"


@settings(max_examples=300, deadline=None)
@given(_BYTES)
def test_open_texts_and_records_arbitrary_bytes(data: bytes) -> None:
    failure: InputFormatError | None = None
    try:
        texts = open_texts(io.BytesIO(data), "fuzz")
        records = [r for t in texts for r in Records(t.lines, ",", 1)]
    except InputFormatError as exc:
        failure, records = exc, []
    assert all(record[0] >= 1 for record in records)
    if failure is not None:
        assert failure.file == "fuzz"


@settings(max_examples=300, deadline=None)
@given(_BYTES)
def test_decode_text_arbitrary_bytes(data: bytes) -> None:
    failure: InputFormatError | None = None
    try:
        decode_text(data, "fuzz")
    except InputFormatError as exc:
        failure = exc
    if failure is not None:
        assert failure.line is not None
        assert failure.line >= 1


# --------------------------------------------------------------------------- cells


def test_whole_numbers() -> None:
    # one separator throughout, groups of three (the digit-grouping forms of CLDR locales:
    # en 1,234 · de 1.234 · fr 1 234 (narrow no-break space) · de-CH 1'234)
    assert [whole(c) for c in ("0", "7", " 12 ", "1,234", "1.234", "1\u202f234", "1'234")] == [
        0,
        7,
        12,
        1234,
        1234,
        1234,
        1234,
    ]
    assert whole("12 345 678") == 12345678
    assert whole("12.0") == 12
    for bad in ("", "-", "-1", "1,23", "1,234.5", "1,234 567", "x", "1e3"):
        with pytest.raises(CellError, match="is not a whole number"):
            whole(bad)
    assert count("") is None
    assert count("n/a") is None
    assert issubclass(CellError, ValueError)


def test_compact_dates() -> None:
    # GA4's date dimension is YYYYMMDD, dateHour YYYYMMDDHH (GA4 Data API schema)
    assert compact_date("20240601") == (date(2024, 6, 1), None)
    assert compact_date(" 2024060123 ") == (date(2024, 6, 1), 23)
    assert compact_date("2024-06-01") == (date(2024, 6, 1), None)
    for bad in ("2024060124", "20241301", "2024-6-1", "June 1, 2024", ""):
        with pytest.raises(CellError, match="is not a date"):
            compact_date(bad)


_TEXT = st.text(max_size=30)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_cells_raise_only_cell_errors(cell: str) -> None:
    for reader in (whole, count, metric, flag, day, compact_date):
        with contextlib.suppress(CellError):
            reader(cell)


# --------------------------------------------------------------------------- frame


def test_to_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = to_dataframe([{"a": 1, "b": 2}], ["a", "b"], "Owner")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["a", "b"]


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    needs = r'Owner\.to_dataframe needs pandas: pip install "backlinkkit\[pandas\]"'
    with pytest.raises(MissingDependencyError, match=needs):
        to_dataframe([], ["a"], "Owner")


# --------------------------------------------------------------------------- errors


def test_one_error_tree() -> None:
    assert issubclass(ExportFormatError, InputFormatError)
    error = ExportFormatError("x.csv: bad", file="x.csv", line=3)
    assert (error.file, error.line) == ("x.csv", 3)
