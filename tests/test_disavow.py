"""Tests for backlinkkit.disavow: Google's disavow file.

The format is support.google.com/webmasters/answer/2648487, as summarised in
shared/reference/seo-data.md §3.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backlinkkit
from backlinkkit.disavow import (
    MAX_BYTES,
    MAX_LINES,
    MAX_URL_LENGTH,
    Disavow,
    DisavowEntry,
    disavow_file,
    read_disavow,
)
from backlinkkit.errors import InvalidInputError, InvalidValueError

# Google's own example, as the help page gives it.
GOOGLE_EXAMPLE = """# Two pages to disavow
http://spam.example.com/stuff/comments.html
http://spam.example.com/stuff/paid-links.html

# One domain to disavow
domain:shadyseo.com
"""


def test_reads_googles_example() -> None:
    disavow = read_disavow(GOOGLE_EXAMPLE)
    assert disavow.urls == (
        "http://spam.example.com/stuff/comments.html",
        "http://spam.example.com/stuff/paid-links.html",
    )
    assert disavow.domains == ("shadyseo.com",)
    assert disavow.comments == ((1, "Two pages to disavow"), (5, "One domain to disavow"))
    assert [(e.line, e.reason) for e in disavow.entries] == [
        (2, "Two pages to disavow"),
        (3, "Two pages to disavow"),
        (6, "One domain to disavow"),
    ]
    assert disavow.errors == ()
    assert disavow.summary == "disavow: 1 domain, 2 URLs, no errors"


def test_writes_googles_example() -> None:
    urls = [
        "http://spam.example.com/stuff/comments.html",
        "http://spam.example.com/stuff/paid-links.html",
    ]
    text = disavow_file(
        domains=["shadyseo.com"],
        urls=urls,
        reasons={
            "shadyseo.com": "One domain to disavow",
            urls[0]: "Two pages to disavow",
            urls[1]: "Two pages to disavow",
        },
    )
    # domains come first in the output; the groups are the example's, in that order
    assert text == (
        "# One domain to disavow\ndomain:shadyseo.com\n\n"
        "# Two pages to disavow\n"
        "http://spam.example.com/stuff/comments.html\n"
        "http://spam.example.com/stuff/paid-links.html\n"
    )


def test_format_details() -> None:
    assert disavow_file() == ""
    assert disavow_file(domains=["Domain:Spam.Example."], urls=[]) == "domain:spam.example\n"
    text = disavow_file(
        domains=["a.example", "b.example", "a.example"],
        urls=["https://c.example/x"],
        reasons={"a.example": "rule: toxicity >= 60\nseen in Semrush audit"},
    )
    assert text == (
        "# rule: toxicity >= 60\n# seen in Semrush audit\ndomain:a.example\n\n"
        "domain:b.example\nhttps://c.example/x\n"
    )
    assert (
        disavow_file(domains=["a.example"], reasons="all: rule X")
        == "# all: rule X\ndomain:a.example\n"
    )


def test_round_trip_write_read() -> None:
    text = disavow_file(
        domains=["a.example", "b.example"],
        urls=["https://c.example/page?x=1", "http://d.example/"],
        reasons={"a.example": "spam score 80", "https://c.example/page?x=1": "paid link"},
    )
    disavow = read_disavow(text)
    assert [(e.kind, e.value, e.reason) for e in disavow.entries] == [
        ("domain", "a.example", "spam score 80"),
        ("url", "https://c.example/page?x=1", "paid link"),
        ("domain", "b.example", None),
        ("url", "http://d.example/", None),
    ]
    assert disavow.to_text() == text
    assert read_disavow(text.encode("utf-8")).entries == disavow.entries


def test_merge_keeps_existing_first_with_its_reasons() -> None:
    existing = read_disavow(GOOGLE_EXAMPLE)
    text = disavow_file(
        domains=["shadyseo.com", "new.example"],
        reasons={"shadyseo.com": "other reason", "new.example": "rule: link farm"},
        existing=existing,
    )
    merged = read_disavow(text)
    assert merged.domains == ("shadyseo.com", "new.example")
    assert len(merged.urls) == 2
    assert [e.reason for e in merged.entries if e.kind == "domain"] == [
        "One domain to disavow",
        "rule: link farm",
    ]
    both = existing.merge(
        read_disavow("domain:x.example\nhttp://spam.example.com/stuff/comments.html\n")
    )
    assert both.domains == ("shadyseo.com", "x.example")
    assert len(both.urls) == 2


def test_covers() -> None:
    disavow = read_disavow(GOOGLE_EXAMPLE)
    assert disavow.covers("https://shadyseo.com/")
    assert disavow.covers("http://www.shadyseo.com/a/b?c")
    assert disavow.covers("https://SHADYSEO.COM./x")
    assert disavow.covers("shadyseo.com")
    assert not disavow.covers("https://notshadyseo.com/")
    assert not disavow.covers("https://shadyseo.com.evil.example/")
    assert disavow.covers("http://spam.example.com/stuff/comments.html")
    assert disavow.covers("http://spam.example.com/stuff/comments.html#top")
    assert not disavow.covers("http://spam.example.com/stuff/other.html")
    assert not disavow.covers("http://spam.example.com/")
    assert not disavow.covers("")
    assert not disavow.covers("http://[::1")  # not a URL: not covered, no error
    with pytest.raises(InvalidInputError):
        disavow.covers(None)  # type: ignore[arg-type]


def test_malformed_lines_are_errors_with_line_numbers() -> None:
    text = (
        "# header\n"
        "spam.example.com/page\n"  # 2: no scheme
        "domain:\n"  # 3: empty
        "domain:spam.example/path\n"  # 4: a subpath
        "ftp://spam.example/\n"  # 5
        "https://spam.example/a b\n"  # 6
        f"https://spam.example/{'x' * MAX_URL_LENGTH}\n"  # 7: too long
        "domain:localhost\n"  # 8: no dot
        "  domain:ok.example  \n"  # 9: fine, spaces around
        "https://ok.example/\r\n"  # 10: fine, CRLF
    )
    disavow = read_disavow(text)
    assert [e.line for e in disavow.errors] == [2, 3, 4, 5, 6, 7, 8]
    assert "subpath" in disavow.errors[2].problem
    assert "2,048" in disavow.errors[5].problem
    assert disavow.domains == ("ok.example",)
    assert disavow.urls == ("https://ok.example/",)
    assert str(disavow.errors[0]).startswith("line 2: not a URL")


def test_bytes_that_are_not_utf8() -> None:
    disavow = read_disavow(b"domain:a.example\n\xff\xfe bad\nhttps://b.example/\n")
    assert [e.line for e in disavow.errors] == [2]
    assert "not UTF-8" in disavow.errors[0].problem
    assert disavow.domains == ("a.example",)
    assert disavow.urls == ("https://b.example/",)
    assert read_disavow(b"\xef\xbb\xbfdomain:a.example\n").domains == ("a.example",)


def test_paths(tmp_path: Path) -> None:
    target = Disavow(entries=[DisavowEntry("domain", "a.example", "why")]).write(tmp_path / "d.txt")
    assert target.read_bytes() == b"# why\ndomain:a.example\n"
    assert read_disavow(target).domains == ("a.example",)
    assert read_disavow(str(target)).domains == ("a.example",)
    # a one-line str that names no file is text
    assert read_disavow(str(tmp_path / "missing.txt")).errors[0].line == 1


def test_wrong_types() -> None:
    for bad in (None, 3, ["domain:a.example"]):
        with pytest.raises(InvalidInputError):
            read_disavow(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="domains"):
        disavow_file(domains="a.example")
    with pytest.raises(InvalidInputError):
        disavow_file(domains=[3])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="reasons"):
        disavow_file(domains=["a.example"], reasons=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="existing"):
        disavow_file(existing="domain:a.example")  # type: ignore[arg-type]


def test_malformed_entries_are_refused_naming_them() -> None:
    with pytest.raises(InvalidValueError, match=r"'spam\.example/path'.*subpath"):
        disavow_file(domains=["spam.example/path"])
    with pytest.raises(InvalidValueError, match=r"'spam\.example/page'.*http"):
        disavow_file(urls=["spam.example/page"])
    with pytest.raises(InvalidValueError, match="whitespace"):
        disavow_file(urls=["https://a.example/\nhttps://b.example/"])


# --------------------------------------------------------------------------- limits


def test_url_length_limit_exactly_at_and_one_past() -> None:
    base = "https://spam.example/"
    at = base + "a" * (MAX_URL_LENGTH - len(base))
    assert len(at) == 2048
    assert disavow_file(urls=[at]) == at + "\n"
    assert read_disavow(at + "\n").urls == (at,)
    past = at + "a"
    with pytest.raises(InvalidValueError, match=r"2,048 characters \(2,049\)") as info:
        disavow_file(urls=[past])
    assert "https://spam.example/aaa" in str(info.value)
    assert read_disavow(past + "\n").errors[0].line == 1


def test_line_limit_exactly_at_and_one_past() -> None:
    # short names (".test" is reserved), so that 100,000 lines stay under 2 MB
    domains = [f"x{i:05x}.test" for i in range(MAX_LINES)]
    text = disavow_file(domains=domains)
    assert text.count("\n") == 100_000
    assert read_disavow(text).errors == ()
    with pytest.raises(
        InvalidValueError, match=r"100,001 lines, over Google's limit of 100,000"
    ) as info:
        disavow_file(domains=[*domains, "more.test"])
    assert "domain:more.test" in str(info.value)
    # comment and blank lines count: 99,999 entries under one comment line is at the limit...
    assert disavow_file(domains=domains[:-1], reasons="why").count("\n") == 100_000
    # ...and two groups (a comment, and a blank line between them) go past it
    with pytest.raises(InvalidValueError, match="100,001 lines"):
        disavow_file(domains=domains[:-1], reasons={domains[0]: "why"})
    over = read_disavow(text + "# one line more\n")
    assert [(e.line, e.problem) for e in over.errors] == [
        (None, "100,001 lines, over Google's limit of 100,000")
    ]


def test_size_limit_exactly_at_and_one_past() -> None:
    # 1,000 lines of 1,999 characters and a newline: exactly 2,000,000 bytes
    urls = [f"https://spam.example/{i:04d}/" + "a" * (1999 - 26) for i in range(1000)]
    assert all(len(u) == 1999 for u in urls)
    text = disavow_file(urls=urls)
    assert len(text.encode("utf-8")) == MAX_BYTES == 2_000_000
    assert read_disavow(text).errors == ()
    longer = [*urls[:-1], urls[-1] + "a"]
    with pytest.raises(InvalidValueError, match=r"2,000,001 bytes, over Google's limit") as info:
        disavow_file(urls=longer)
    assert "https://spam.example/0999/" in str(info.value)
    assert read_disavow(disavow_text(longer)).errors[0].problem.startswith("2,000,001 bytes")


def disavow_text(urls: list[str]) -> str:
    return "".join(u + "\n" for u in urls)


# --------------------------------------------------------------------------- hypothesis


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_raises(text: str) -> None:
    disavow = read_disavow(text)
    assert all(e.line is None or e.line >= 1 for e in disavow.errors)
    for entry in disavow.entries:
        assert entry.kind in ("domain", "url")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(data: bytes) -> None:
    read_disavow(data)


_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    domains=st.lists(st.builds(lambda a, b: f"{a}.{b}", _label, _label), max_size=8),
    paths=st.lists(st.from_regex(r"[A-Za-z0-9/._~%?=&-]{0,30}", fullmatch=True), max_size=8),
    reason=st.one_of(st.none(), st.text(alphabet="abc #:\n", max_size=20)),
)
def test_round_trip_property(domains: list[str], paths: list[str], reason: str | None) -> None:
    urls = [f"https://spam.example/{p}" for p in paths]
    text = disavow_file(domains=domains, urls=urls, reasons=reason)
    disavow = read_disavow(text)
    assert disavow.errors == ()
    assert disavow.domains == tuple(dict.fromkeys(domains))
    assert disavow.urls == tuple(dict.fromkeys(urls))
    assert disavow.to_text() == text


def test_public_names() -> None:
    for name in ("disavow_file", "read_disavow", "Disavow"):
        assert name in backlinkkit.__all__


def test_summary_counts_in_the_singular_and_plural() -> None:
    assert read_disavow("").summary == "disavow: 0 domains, 0 URLs, no errors"
    one = read_disavow("domain:a.example\nhttps://b.example/x\n")
    assert one.summary == "disavow: 1 domain, 1 URL, no errors"
    two = read_disavow(
        "domain:a.example\ndomain:c.example\nhttps://b.example/x\nhttps://b.example/y\n"
    )
    assert two.summary == "disavow: 2 domains, 2 URLs, no errors"
