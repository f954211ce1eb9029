"""Tests for backlinkkit.language: the HTML Standard's language of the root element.

Expected values follow the HTML Standard, "The lang and xml:lang attributes" (the
language of a node: the root's ``lang``, else the pragma-set default language,
else the higher-level protocol) and "Pragma directives", Content language state
(a comma aborts; the first run of non-whitespace after leading whitespace; an
empty candidate aborts), and RFC 5646 §2.2.1 (primary language subtag: 2-3 or
5-8 letters; ``x`` and ``i`` are no language).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit.language import page_language, pragma_language, primary_language

URL = "https://example.com/"


@pytest.mark.parametrize(
    ("content", "language"),
    [
        ("de", "de"),
        ("  de-AT ", "de-AT"),
        ("\t\n\x0c\rfr", "fr"),  # ASCII whitespace is skipped
        ("de en", "de"),  # the first run of non-whitespace
        ("de, en", None),  # a comma: the pragma does nothing
        (",", None),
        ("", None),
        ("   ", None),
        ("\u00a0de", "\u00a0de"),  # NBSP is no ASCII whitespace
    ],
)
def test_pragma_content_language_state(content: str, language: str | None) -> None:
    assert pragma_language(content) == language


@pytest.mark.parametrize(
    ("lang", "pragmas", "header", "language"),
    [
        ("de", ("fr",), "es", "de"),  # the root's lang wins
        (" de ", (), None, "de"),
        ("", ("fr",), "es", None),  # lang="": unknown, no fallback
        ("  ", ("fr",), "es", None),
        (None, ("fr",), "es", "fr"),  # else the pragma-set default language
        (None, ("fr", "it"), "es", "it"),  # each pragma sets it: the last one wins
        (None, ("fr", "it, en"), None, "fr"),  # a pragma with a comma does nothing
        (None, ("fr", ""), None, "fr"),  # nor does an empty one
        (None, (), "es", "es"),  # else HTTP
        (None, ("a, b",), "es-MX", "es-MX"),
        (None, (), "de, en", None),  # a list names no single language
        (None, (), None, None),
    ],
)
def test_page_language(
    lang: str | None, pragmas: tuple[str, ...], header: str | None, language: str | None
) -> None:
    assert page_language(lang, pragmas, header) == language


@pytest.mark.parametrize(
    ("tag", "primary"),
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("de-CH-1996", "de"),
        ("zh-Hant-TW", "zh"),
        ("gsw", "gsw"),
        ("es_419", "es"),  # an underscore is common in the wild
        ("x-klingon", None),  # private use
        ("i-navajo", None),  # grandfathered
        ("abcd", None),  # four letters are reserved
        ("abcdefghi", None),
        ("e1", None),
        ("", None),
        (None, None),
        ("ﬀ", None),  # a non-ASCII letter is no subtag letter
    ],
)
def test_primary_language(tag: str | None, primary: str | None) -> None:
    assert primary_language(tag) == primary


@given(st.text(), st.lists(st.text(), max_size=3), st.none() | st.text())
def test_any_values_never_raise(lang: str, pragmas: list[str], header: str | None) -> None:
    for value in (page_language(lang, pragmas, header), page_language(None, pragmas, header)):
        assert value is None or (value and value == value.strip(" \t\n\x0c\r"))
        primary = primary_language(value)
        assert primary is None or (primary.isascii() and primary.isalpha() and primary.islower())


@pytest.mark.parametrize(
    ("html", "headers", "language"),
    [
        ('<html lang="fr-CA"><p>x', None, "fr-CA"),
        ('<p>x<html lang="de">', None, "de"),  # a later <html> tag adds its attributes
        ('<html lang=""><meta http-equiv=content-language content=de>', None, None),
        ('<meta http-equiv="Content-Language" content="de">', None, "de"),
        ("<meta http-equiv=content-language content=de><meta name=x content=fr>", None, "de"),
        ("<template><meta http-equiv=content-language content=de></template>", None, None),
        ("<body><meta http-equiv=content-language content=es></body>", None, "es"),
        ("<p>x", {"Content-Language": "es"}, "es"),
        ("<meta http-equiv=content-language content=fr>", {"Content-Language": "es"}, "fr"),
        ('<html xml:lang="de"><p>x', None, None),  # xml:lang means nothing in HTML
        ('<svg lang="de"></svg>', None, None),  # only the root element's lang
    ],
)
@pytest.mark.parametrize("backend", ["html5lib", "lexbor"])
def test_page_language_from_the_markup(
    html: str, headers: dict[str, str] | None, language: str | None, backend: str
) -> None:
    page = extract_links(html, URL, headers=headers, backend=backend)  # type: ignore[arg-type]
    assert page.language == language
