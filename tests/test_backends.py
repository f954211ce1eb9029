"""The parser backend seam: names, the missing-extra error, and ``"auto"``."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from backlinkkit import _parse as _backends
from backlinkkit import extract_links
from backlinkkit._parse import lexbor as _lexbor
from backlinkkit._parse.raw import RawDocument
from backlinkkit.errors import (
    BacklinkkitError,
    InvalidInputError,
    InvalidValueError,
    MissingDependencyError,
)

URL = "https://www.example.com/"
HTML = '<nav><a href="/a" rel="nofollow">A</a></nav><a href="https://other.example/">B</a>'

try:
    import selectolax.lexbor  # noqa: F401

    HAVE_SELECTOLAX = True
except ImportError:  # pragma: no cover - without the [fast] extra
    HAVE_SELECTOLAX = False

needs_selectolax = pytest.mark.skipif(
    not HAVE_SELECTOLAX, reason='needs selectolax: pip install "backlinkkit[fast]"'
)


@pytest.fixture
def without_selectolax(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``import selectolax`` fail, as when the [fast] extra is not installed."""
    for name in list(sys.modules):
        if name == "selectolax" or name.startswith("selectolax."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "selectolax", None)
    _lexbor.parser_class.cache_clear()
    yield
    _lexbor.parser_class.cache_clear()


@pytest.fixture
def old_selectolax(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pretend the installed selectolax is 0.3.21 (bundling an older Lexbor)."""
    import selectolax

    monkeypatch.setattr(selectolax, "__version__", "0.3.21", raising=False)
    _lexbor.parser_class.cache_clear()
    yield
    _lexbor.parser_class.cache_clear()


def test_html5lib_is_the_reference() -> None:
    raw = _backends.get_backend("html5lib")("<a href=x>y</a>")
    assert isinstance(raw, RawDocument)
    assert [(a.href, a.text) for a in raw.anchors] == [("x", "y")]


@pytest.mark.parametrize("name", ["", "HTML5LIB", "Lexbor", "lxml", "auto "])
def test_unknown_backends_are_rejected(name: object) -> None:
    with pytest.raises(InvalidValueError, match=r"backend=.*expected 'html5lib', 'lexbor'"):
        _backends.get_backend(name)
    with pytest.raises(ValueError, match="backend="):
        extract_links(HTML, URL, backend=name)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [None, 1, ("html5lib",)])
def test_a_backend_that_is_no_str_is_a_wrong_type(name: object) -> None:
    # docs/errors.md: a wrong type is an InvalidInputError (also a TypeError)
    with pytest.raises(InvalidInputError, match=r"backend=.*'html5lib', 'lexbor' or 'auto'"):
        _backends.get_backend(name)
    with pytest.raises(TypeError, match="backend="):
        extract_links(HTML, URL, backend=name)  # type: ignore[arg-type]


@needs_selectolax
@pytest.mark.parametrize("name", ["lexbor", "auto"])
def test_lexbor_and_auto_use_lexbor_when_installed(name: str) -> None:
    assert _backends.resolve_backend(name) == "lexbor"
    page = extract_links(HTML, URL, backend=name)  # type: ignore[arg-type]
    assert [(link.url, link.region, link.followed) for link in page.links] == [
        ("https://www.example.com/a", "nav", False),
        ("https://other.example/", "unknown", True),
    ]
    assert page == extract_links(HTML, URL, backend="html5lib")


def test_lexbor_without_the_extra_says_how_to_install(without_selectolax: None) -> None:
    with pytest.raises(MissingDependencyError) as caught:
        extract_links(HTML, URL, backend="lexbor")
    assert 'pip install "backlinkkit[fast]"' in str(caught.value)
    assert 'backend="lexbor"' in str(caught.value)
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, BacklinkkitError)
    assert _lexbor.available() is False


def test_auto_falls_back_to_html5lib_without_the_extra(without_selectolax: None) -> None:
    assert _backends.resolve_backend("auto") == "html5lib"
    page = extract_links(HTML, URL, backend="auto")
    assert [link.url for link in page.links] == [
        "https://www.example.com/a",
        "https://other.example/",
    ]


def test_html5lib_needs_no_extra(without_selectolax: None) -> None:
    assert len(extract_links(HTML, URL, backend="html5lib").links) == 2


@needs_selectolax
def test_an_old_selectolax_is_refused(old_selectolax: None) -> None:
    with pytest.raises(MissingDependencyError, match=r"selectolax>=1\.0\.2, found 0\.3\.21"):
        _backends.get_backend("lexbor")
    assert _backends.resolve_backend("auto") == "html5lib"


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("1.0.2", (1, 0, 2)),
        ("0.3.21", (0, 3, 21)),
        ("1.1.0rc1", (1, 1, 0)),
        ("2", (2,)),
        ("dev", (0,)),
    ],
)
def test_version_tuple(version: str, expected: tuple[int, ...]) -> None:
    assert _lexbor._version_tuple(version) == expected


def test_backend_names() -> None:
    assert _backends.BACKENDS == ("html5lib", "lexbor", "auto")
