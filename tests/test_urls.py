"""backlinkkit.urls: WHATWG URL resolution, registrable domains, relations."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit.errors import BacklinkkitError, InvalidInputError, InvalidURLError
from backlinkkit.urls import (
    default_extractor,
    link_relation,
    parse_absolute_url,
    registrable_domain,
    resolve_url,
)
from tests.conftest import shared_dir

WPT = shared_dir() / "reference" / "wpt" / "urltestdata.json"


def _wpt_cases() -> list[dict[str, Any]]:
    if not WPT.exists():
        return []
    return [c for c in json.loads(WPT.read_text("utf-8")) if isinstance(c, dict)]


@pytest.mark.skipif(not WPT.exists(), reason="shared/reference/wpt/urltestdata.json is absent")
def test_resolve_url_passes_every_web_platform_test_case() -> None:
    # The web-platform-tests URL cases are the conformance suite browsers run.
    cases = _wpt_cases()
    assert len(cases) == 891
    failures = []
    for case in cases:
        base = case.get("base")
        if base is None:
            got = None
            try:
                got = parse_absolute_url(case["input"])
            except InvalidURLError:
                got = None
        else:
            if resolve_url(base, "about:blank") is None:  # an invalid base: the case must fail
                got = None
            else:
                got = resolve_url(case["input"], base)
        expected = None if case.get("failure") else case["href"]
        if got != expected:
            failures.append((case["input"], base, expected, got))
    assert failures == []


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        # WHATWG URL Standard behaviours urllib.parse gets wrong (rel-and-robots.md A6).
        ("  /x\n", "https://example.com/a/b", "https://example.com/x"),
        ("a b", "https://example.com/", "https://example.com/a%20b"),
        ("\\\\evil.example\\p", "https://example.com/", "https://evil.example/p"),
        ("//EXAMPLE.org", "https://example.com/", "https://example.org/"),
        ("https://bücher.example/", "https://example.com/", "https://xn--bcher-kva.example/"),
        ("?q=1", "https://example.com/a/b?x#y", "https://example.com/a/b?q=1"),
        ("#frag", "https://example.com/a/b?x#y", "https://example.com/a/b?x#frag"),
        ("", "https://example.com/a/b?x#y", "https://example.com/a/b?x"),
        ("HTTP://Example.COM:80/", "https://example.com/", "http://example.com/"),
        ("mailto:Someone@Example.com", "https://example.com/", "mailto:Someone@Example.com"),
        ("javascript:void(0)", "https://example.com/", "javascript:void(0)"),
        ("http://[::1]:8080/", "https://example.com/", "http://[::1]:8080/"),
        ("http://exa mple.com/", "https://example.com/", None),
        ("http://", "https://example.com/", None),
        ("https://example.com:99999/", "https://example.com/", None),
    ],
)
def test_resolve_url(href: str, base: str, expected: str | None) -> None:
    assert resolve_url(href, base) == expected


@pytest.mark.parametrize(
    ("href", "encoding", "expected"),
    [
        # HTML "encoding-parsing a URL": the query of a special URL is encoded in the
        # document's encoding; the path is always UTF-8 (WHATWG URL Standard, query state).
        ("/p\u00e9?q=\u00e9", "windows-1252", "http://example.com/p%C3%A9?q=%E9"),
        ("/?q=\u00e9", "utf-8", "http://example.com/?q=%C3%A9"),
        # Shift_JIS: U+3042 HIRAGANA A is 0x82 0xA0.
        ("/?q=\u3042", "shift_jis", "http://example.com/?q=%82%A0"),
        # Not representable in windows-1252: the character becomes &#12354; first.
        ("/?q=\u3042", "windows-1252", "http://example.com/?q=%26%2312354%3B"),
        # The fragment is always UTF-8.
        ("/?q=\u00e9#\u00e9", "windows-1252", "http://example.com/?q=%E9#%C3%A9"),
        # Non-special schemes always use UTF-8.
        ("foo:/x?q=\u00e9", "windows-1252", "foo:/x?q=%C3%A9"),
    ],
)
def test_resolve_url_encodes_query_in_page_encoding(
    href: str, encoding: str, expected: str
) -> None:
    assert resolve_url(href, "http://example.com/", encoding) == expected


def test_parse_absolute_url_errors_name_the_field() -> None:
    with pytest.raises(InvalidURLError, match=r"url='/relative'"):
        parse_absolute_url("/relative")
    with pytest.raises(InvalidInputError, match=r"page_url=None") as info:
        parse_absolute_url(None, field="page_url")
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, BacklinkkitError)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        # Public Suffix List semantics (publicsuffix.org), private section included.
        ("www.example.com", "example.com"),
        ("shop.example.co.uk", "example.co.uk"),
        ("alice.github.io", "alice.github.io"),
        ("foo.blogspot.com", "foo.blogspot.com"),
        ("WWW.Example.COM.", "example.com"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("co.uk", "co.uk"),
    ],
)
def test_registrable_domain(host: str, expected: str) -> None:
    assert registrable_domain(host) == expected


def test_default_extractor_is_offline_and_shared() -> None:
    extractor = default_extractor()
    assert extractor is default_extractor()
    assert tuple(extractor.suffix_list_urls) == ()
    assert extractor.include_psl_private_domains is True


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("https://www.example.com/p#x", "https://www.example.com/p", "same-page"),
        ("https://www.example.com/p", "https://www.example.com/p#top", "same-page"),
        ("https://www.example.com/q", "https://www.example.com/p", "internal"),
        ("http://www.example.com:8080/", "https://www.example.com/p", "internal"),
        ("https://blog.example.com/", "https://www.example.com/p", "same-site"),
        ("https://bob.github.io/", "https://alice.github.io/", "external"),
        ("https://example.org/", "https://www.example.com/p", "external"),
        ("mailto:a@example.com", "https://www.example.com/p", "external"),
    ],
)
def test_link_relation(url: str, page: str, expected: str) -> None:
    assert link_relation(url, page) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["utf-8", "windows-1252", "shift_jis", "euc-kr"]))
def test_resolve_url_never_raises(href: str, encoding: str) -> None:
    result = resolve_url(href, "https://example.com/a/b?c", encoding)
    assert result is None or (isinstance(result, str) and result.isascii())


def test_query_bytes_in_ascii_range_are_not_escaped_after_encoding() -> None:
    # U+30BD KATAKANA SO is 0x83 0x5C in Shift_JIS; 0x5C is "\" and is not in the
    # special-query percent-encode set, so a browser keeps it literally.
    assert resolve_url("/?q=\u30bd", "http://example.com/", "shift_jis") == (
        "http://example.com/?q=%83\\"
    )
