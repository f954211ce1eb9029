"""_sources: the pages of one input file."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlinkkit._sources import is_warc, pages_of
from backlinkkit.batch import PageInput
from tests.warcs import write_warc


@pytest.mark.parametrize(
    ("name", "warc"),
    [
        ("a.warc", True),
        ("A.WARC.GZ", True),
        ("x.warc.zst", True),
        ("p.html", False),
        ("warc.html", False),
        ("a.warc.gz.html", False),
    ],
)
def test_is_warc_by_ending(name: str, warc: bool) -> None:
    assert is_warc(name) is warc


def test_a_saved_page_is_one_page_against_its_file_url_or_the_url_given(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(b"<a href=x>x</a>")
    assert list(pages_of(path)) == [(b"<a href=x>x</a>", path.resolve().as_uri(), ())]
    assert list(pages_of(str(path), "https://a.example/")) == [
        (b"<a href=x>x</a>", "https://a.example/", ())
    ]


def test_a_missing_file_raises_oserror_naming_it(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"missing\.html"):
        list(pages_of(tmp_path / "missing.html"))


def test_a_warc_file_gives_each_html_response(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        write_warc(
            out,
            [
                ("https://a.example/", b"<a href=/x>x</a>"),
                ("https://b.example/", b"<a href=y>y</a>"),
            ],
            extras=False,
            cut=False,
        )
    pages = list(pages_of(path))
    assert all(isinstance(p, PageInput) for p in pages)  # with the HTTP status
    inputs = [p for p in pages if isinstance(p, PageInput)]
    assert [(p.html, p.url, p.status) for p in inputs] == [
        (b"<a href=/x>x</a>", "https://a.example/", 200),
        (b"<a href=y>y</a>", "https://b.example/", 200),
    ]
    assert ("content-type", "text/html") in [(k.lower(), v) for k, v in inputs[0].headers]
