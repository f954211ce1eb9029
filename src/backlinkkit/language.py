"""The language of a page, as the HTML Standard defines the language of its root element.

The HTML Standard ("The ``lang`` and ``xml:lang`` attributes") gives the language
of a node from the nearest ``lang`` attribute; for the root element of an HTML
document (``html``), whose ancestors have none:

1. its ``lang`` attribute, when it has one (``lang=""`` says the language is
   *unknown*, and nothing below applies);
2. else the **pragma-set default language**, set by each ``<meta
   http-equiv="content-language" content="…">`` inserted into the document, the
   last one winning ("Pragma directives", *Content language state*): a
   ``content`` with a comma is ignored; otherwise its first run of non-whitespace
   characters, after leading ASCII whitespace, is the language (an empty one is
   ignored);
3. else "language information from a higher-level protocol (such as HTTP)": the
   ``Content-Language`` response header, read here by the same rule as the
   pragma (a list such as ``de, en`` names no single language and is ignored).

:func:`page_language` applies these rules; :func:`primary_language` reduces a
BCP 47 tag to its primary language subtag, lower-cased (``"de-AT"`` → ``"de"``),
which is what :mod:`backlinkkit.anchors` picks its generic phrases by.

>>> page_language("de-AT", ("fr",), "es")
'de-AT'
>>> page_language(None, ("fr", "en-GB"), "es"), page_language(None, (), " es ")
('en-GB', 'es')
>>> page_language("", ("fr",), "es") is None  # lang="" says: unknown
True
>>> primary_language("EN-us"), primary_language("x-klingon"), primary_language("")
('en', None, None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._infra import ascii_lower, split_ascii_whitespace, strip_ascii_whitespace
from ._validate import require, require_iterable

__all__ = ["page_language", "pragma_language", "primary_language"]

# BCP 47 (RFC 5646) language subtag: 2-3 letters (ISO 639) or 5-8 letters (registered);
# 4 letters are reserved.  "x-…" (private use) and "i-…" (grandfathered) have none.
_PRIMARY = re.compile(r"[A-Za-z]{2,3}|[A-Za-z]{5,8}")


def pragma_language(content: str) -> str | None:
    """The language a ``content-language`` pragma (or header) *content* sets, or ``None``
    when it sets none (the HTML Standard's *Content language state* steps).

    >>> pragma_language("  de-CH  fr"), pragma_language("de, en"), pragma_language(" ")
    ('de-CH', None, None)
    """
    require("content", content, str)
    if "," in content:
        return None
    words = split_ascii_whitespace(content)
    return words[0] if words else None


def page_language(
    lang: str | None, pragmas: Iterable[str] = (), header: str | None = None
) -> str | None:
    """The language of a page (of its root element), or ``None`` when unknown.

    *lang* is the root element's ``lang`` attribute (``None`` when absent), *pragmas*
    the ``content`` of the ``<meta http-equiv="content-language">`` elements in tree
    order, *header* the ``Content-Language`` response header.  The tag is returned
    as written (leading and trailing ASCII whitespace removed); it is not checked
    against BCP 47 (see :func:`primary_language`).
    """
    require("lang", lang, str, type(None))
    require("header", header, str, type(None))
    require_iterable("pragmas", pragmas, "str")
    if lang is not None:
        return strip_ascii_whitespace(lang) or None
    language: str | None = None
    for i, content in enumerate(pragmas):
        require(f"pragmas[{i}]", content, str)
        found = pragma_language(content)
        if found is not None:
            language = found
    if language is None and header is not None:
        language = pragma_language(header)
    return language


def primary_language(tag: str | None) -> str | None:
    """The primary language subtag of the BCP 47 *tag*, lower-cased, or ``None`` when
    it has none (empty, private use ``x-…``, grandfathered ``i-…``, not a tag)."""
    require("tag", tag, str, type(None))
    if not tag:
        return None
    first = strip_ascii_whitespace(tag).replace("_", "-").partition("-")[0]
    if not _PRIMARY.fullmatch(first):
        return None
    return ascii_lower(first)
