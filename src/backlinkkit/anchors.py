"""Anchor-text categories, and the anchor-text distribution of a backlink profile.

SEO tools sort a profile's anchors into a handful of categories — branded,
exact match, partial match, generic, naked URL, image and empty (see
``../shared/reference/seo-data.md`` §5) — and show how many backlinks and how
many referring domains fall in each.  :func:`classify_anchor` decides one
link's category; :func:`anchor_distribution` (what
:meth:`BacklinkProfile.anchors() <backlinkkit.audit.BacklinkProfile.anchors>`
calls) counts a profile.

The rules, applied in this order (the first that fits wins):

1. **image**: the link is an image link without text: its anchor came from an
   image's ``alt`` (:attr:`Link.anchor_source <backlinkkit.page.Link.anchor_source>`
   ``"alt"``), or it holds an image (:attr:`Link.has_image
   <backlinkkit.page.Link.has_image>`: an ``img`` or inline ``svg`` inside the ``a``,
   and every ``area``) and has no text, whatever names it then (an empty or missing
   ``alt``, an ``aria-label``, a ``title`` or nothing) -- as the tools call a link an
   image link when its content is an image.  A link with text is judged by its text.
2. **empty**: no anchor at all (no text, alt, ``aria-label`` or ``title``) and no image.
3. **naked URL**: the anchor is a URL or a bare host name (``https://example.com/x``,
   ``www.example.com``, ``example.com/blog``): no spaces, a dot in the host part.
4. **exact match**: the anchor equals one of *keywords*.
5. **branded**: the anchor contains one of *brand* (as words).
6. **partial match**: the anchor contains a word (of three letters or more) of
   one of *keywords*.
7. **generic**: the anchor is one of the generic phrases of :data:`GENERIC_ANCHORS`
   ("click here", "read more", "website", "hier klicken", "en savoir plus", "leer
   más" …) **in the page's language** (:attr:`Page.language
   <backlinkkit.page.Page.language>`, by its primary subtag: ``de-AT`` reads the
   German list); when the language is unknown, or has no list here, every list applies.
8. **other**: none of these (descriptive text that is neither brand nor keyword).

Comparisons fold case (``str.casefold``), collapse whitespace and ignore the
punctuation around words, so "Read more »" is generic and "EXAMPLE BAKERY's" is
branded.  A naked URL wins over branded ("example.com" is a naked URL even though
it names the brand), and exact over branded, as the tools list them.

>>> classify_anchor("click here", "text", brand=("Example",), keywords=("sourdough starter",))
'generic'
>>> classify_anchor("Sourdough Starter", "text", keywords=("sourdough starter",))
'exact'
>>> classify_anchor("How to feed a starter", "text", brand=(), keywords=("sourdough starter",))
'partial'
>>> classify_anchor("www.example.com", "text", brand=("Example",), keywords=())
'naked-url'
>>> classify_anchor("hier", language="de"), classify_anchor("hier", language="en-GB")
('generic', 'other')
>>> classify_anchor("", "none", has_image=True)  # <a href=…><img src=… alt=""></a>
'image'
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._format import cut, grid
from ._validate import (
    choices,
    integer,
    items_of,
    number,
    one_of,
    require_iterable,
    text,
    to_tuple,
    type_error,
)
from .errors import MissingDependencyError
from .language import primary_language

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .audit import Backlink

__all__ = [
    "ANCHOR_CATEGORIES",
    "GENERIC_ANCHORS",
    "AnchorCategory",
    "AnchorCount",
    "AnchorDistribution",
    "AnchorText",
    "anchor_distribution",
    "classify_anchor",
    "fold_anchor",
]

AnchorCategory = Literal[
    "branded", "exact", "partial", "generic", "naked-url", "image", "empty", "other"
]

#: The categories, in the order they are reported.
ANCHOR_CATEGORIES: tuple[AnchorCategory, ...] = choices(AnchorCategory)

#: Generic anchor phrases by language (ISO 639-1), folded as :func:`fold_anchor` folds.
#:
#: Written here for backlinkkit.  The English core is the kind of anchor Google's
#: "Link best practices" (developers.google.com/search/docs/crawling-indexing/links-crawlable,
#: "Anchor text placement") names as too generic ("click here", "read more", "article",
#: "website"); the idea of one list per language follows Lighthouse's "Links do not have
#: descriptive text" audit (``link-text``), whose lists cover English, German, French,
#: Spanish and more.  The entries below were written from those examples and common
#: usage, not copied from either source; extend them with :func:`classify_anchor`'s
#: *generic* argument.  A page's list is chosen by its language
#: (:attr:`Page.language <backlinkkit.page.Page.language>`); a page whose language is
#: unknown, or has no list here, is read with all of them.
# fmt: off
GENERIC_ANCHORS: Mapping[str, frozenset[str]] = {
    "en": frozenset({
        "click here", "click", "here", "right here", "this", "this link", "link",
        "read more", "more", "learn more", "more info", "more information",
        "information", "find out more", "see more", "continue reading", "continue",
        "details", "view", "visit", "visit site", "visit website", "go", "go to site",
        "website", "this website", "web site", "site", "this site", "homepage",
        "home page", "home", "source", "article", "this article", "this post", "post",
        "blog", "page", "this page", "download", "start", "get started", "buy now",
        "shop now",
    }),
    "de": frozenset({
        "hier", "hier klicken", "klicken sie hier", "klicke hier", "mehr", "weiterlesen",
        "weiter lesen", "mehr lesen", "mehr erfahren", "mehr informationen",
        "mehr info", "mehr infos", "informationen", "details", "weiter", "link",
        "dieser link", "webseite", "website", "zur website", "zur webseite", "homepage",
        "zur homepage", "seite", "diese seite", "quelle", "artikel", "dieser artikel",
        "jetzt kaufen", "herunterladen", "download",
    }),
    "fr": frozenset({
        "ici", "cliquez ici", "cliquer ici", "clique ici", "en savoir plus", "lire la suite",
        "lire plus", "plus", "voir plus", "plus d'informations", "plus d'infos",
        "informations", "détails", "lien", "ce lien", "site", "site web", "ce site",
        "site internet", "page", "cette page", "source", "article", "cet article",
        "accueil", "page d'accueil", "télécharger", "acheter",
    }),
    "es": frozenset({
        "aquí", "aqui", "haz clic aquí", "haga clic aquí", "clic aquí", "click aquí",
        "pincha aquí", "leer más", "lee más", "más", "ver más", "más información",
        "información", "detalles", "enlace", "este enlace", "sitio", "sitio web", "web",
        "página web", "este sitio", "página", "esta página", "fuente", "artículo",
        "este artículo", "inicio", "descargar", "comprar",
    }),
}
# fmt: on

_ALL_GENERIC = frozenset().union(*GENERIC_ANCHORS.values())

_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# scheme://… , www.… , or host.tld[/…]: no spaces, a dot between word characters in the host.
_NAKED_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|[^\s/@:]+\.[^\W\d_]{2,}(?::\d+)?(?:[/?#]\S*)?)$"
)


def fold_anchor(anchor: str) -> str:
    """*anchor* as the categories compare it: NFKC, case-folded, whitespace collapsed,
    punctuation at both ends removed.

    >>> fold_anchor("  Read   MORE » ")
    'read more'
    """
    folded = unicodedata.normalize("NFKC", anchor).casefold()
    return _EDGE_PUNCT.sub("", " ".join(folded.split()))


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text)]


def _contains_words(haystack: list[str], needle: list[str]) -> bool:
    """True when *needle* occurs in *haystack* as consecutive words (a possessive
    ``'s`` on the last word is ignored)."""
    if not needle:
        return False
    n = len(needle)
    words = [w[:-2] if w.endswith("'s") else w for w in haystack]
    return any(words[i : i + n] == needle for i in range(len(words) - n + 1))


def _terms(value: object, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise type_error(field, value, "a str or an iterable of str")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise type_error(f"{field}[{i}]", item, "str")
        folded = fold_anchor(item)
        if folded:
            out.append(folded)
    return tuple(out)


def classify_anchor(
    anchor: str,
    anchor_source: str = "text",
    *,
    brand: str | Iterable[str] | None = None,
    keywords: str | Iterable[str] | None = None,
    generic: Iterable[str] | None = None,
    has_image: bool = False,
    language: str | None = None,
) -> AnchorCategory:
    """The category of one anchor (rules in the module documentation).

    *anchor_source* is :attr:`Link.anchor_source <backlinkkit.page.Link.anchor_source>`
    (``"alt"`` makes an image anchor), *has_image* :attr:`Link.has_image
    <backlinkkit.page.Link.has_image>`.  *brand* and *keywords* are a phrase or
    phrases; *generic* adds phrases to :data:`GENERIC_ANCHORS` (for every language);
    *language* is the page's language (a BCP 47 tag, :attr:`Page.language
    <backlinkkit.page.Page.language>`), ``None`` when unknown.

    >>> classify_anchor("Example Bakery's guide", brand="example bakery")
    'branded'
    >>> classify_anchor("", "none"), classify_anchor("A loaf", "alt")
    ('empty', 'image')
    """
    if not isinstance(anchor, str):
        raise type_error("anchor", anchor, "str")
    if not isinstance(anchor_source, str):
        raise type_error("anchor_source", anchor_source, "str")
    if not isinstance(has_image, bool):
        raise type_error("has_image", has_image, "bool")
    if language is not None and not isinstance(language, str):
        raise type_error("language", language, "str or None")
    return _Classifier(
        _terms(brand, "brand"), _terms(keywords, "keywords"), _terms(generic, "generic")
    )(anchor, anchor_source, has_image, language)


class _Classifier:
    """The category rules with the brand, keyword and generic phrases prepared once."""

    __slots__ = ("brand", "by_language", "generic", "keyword_words", "keywords")

    def __init__(
        self, brand: tuple[str, ...], keywords: tuple[str, ...], generic: tuple[str, ...]
    ) -> None:
        self.brand = [_words(b) for b in brand]
        self.keywords = frozenset(keywords)
        self.keyword_words = frozenset(w for k in keywords for w in _words(k) if len(w) >= 3)
        extra = frozenset(generic)
        #: Every list, for a page whose language is unknown or has no list.
        self.generic = _ALL_GENERIC | extra
        self.by_language = {lang: phrases | extra for lang, phrases in GENERIC_ANCHORS.items()}

    def __call__(
        self,
        anchor: str,
        anchor_source: str,
        has_image: bool | None = False,
        language: str | None = None,
    ) -> AnchorCategory:
        if anchor_source == "alt" or (has_image and anchor_source != "text"):
            return "image"
        folded = fold_anchor(anchor)
        if not folded:
            return "empty"
        if _NAKED_URL.match(folded):
            return "naked-url"
        if folded in self.keywords:
            return "exact"
        words = _words(folded)
        if any(_contains_words(words, b) for b in self.brand):
            return "branded"
        stems = {w[:-2] if w.endswith("'s") else w for w in words}
        if stems & self.keyword_words:
            return "partial"
        generic = self.by_language.get(primary_language(language) or "", self.generic)
        if folded in generic:
            return "generic"
        return "other"


_count = integer(0)
_share = number(0.0, 1.0)


@attrs.frozen(slots=True)
class AnchorCount:
    """How many backlinks and referring domains one anchor category has."""

    #: The category.
    category: AnchorCategory = attrs.field(validator=one_of(AnchorCategory))
    #: Backlinks in it.
    backlinks: int = attrs.field(validator=_count)
    #: Their share of all backlinks (0 when there are none).
    backlink_share: float = attrs.field(validator=_share)
    #: Referring domains with at least one backlink in it.
    referring_domains: int = attrs.field(validator=_count)
    #: Their share of all referring domains (a domain with anchors in several categories
    #: counts in each, so these shares can add up to more than 1, as in the tools).
    domain_share: float = attrs.field(validator=_share)
    #: The most frequent anchors in it (up to three, most first).
    examples: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))


@attrs.frozen(slots=True)
class AnchorText:
    """One distinct anchor (folded) and its counts, like a row of an anchors export."""

    #: The anchor as first seen (not folded).
    anchor: str = attrs.field(validator=text())
    #: Its category.
    category: AnchorCategory = attrs.field(validator=one_of(AnchorCategory))
    #: Backlinks with this anchor.
    backlinks: int = attrs.field(validator=_count)
    #: Referring domains using it.
    referring_domains: int = attrs.field(validator=_count)
    #: How many of those backlinks are followed.
    followed: int = attrs.field(validator=_count)


@attrs.frozen(slots=True)
class AnchorDistribution:
    """The anchor-text mix of a set of backlinks: per category and per anchor."""

    #: One row per category, in the order of :data:`ANCHOR_CATEGORIES` (all of them,
    #: zero rows included).
    categories: tuple[AnchorCount, ...] = attrs.field(
        converter=to_tuple, validator=items_of(AnchorCount)
    )
    #: One row per distinct anchor, most referring domains first (then most backlinks).
    anchors: tuple[AnchorText, ...] = attrs.field(
        converter=to_tuple, validator=items_of(AnchorText)
    )
    #: Backlinks counted.
    backlinks: int = attrs.field(validator=_count)
    #: Referring domains counted.
    referring_domains: int = attrs.field(validator=_count)
    #: The brand phrases used (folded).
    brand: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: The keyword phrases used (folded).
    keywords: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))

    def __getitem__(self, category: str) -> AnchorCount:
        for row in self.categories:
            if row.category == category:
                return row
        raise KeyError(category)

    @property
    def summary(self) -> str:
        """One line: the categories with backlinks, largest share first."""
        rows = sorted((r for r in self.categories if r.backlinks), key=lambda r: -r.backlinks)
        mix = ", ".join(f"{r.category} {r.backlink_share:.0%}" for r in rows) or "none"
        return (
            f"anchors of {self.backlinks} backlinks from {self.referring_domains} "
            f"referring domains: {mix}"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per category (keys: category, backlinks, backlink_share,
        referring_domains, domain_share, examples)."""
        return [
            {
                "category": r.category,
                "backlinks": r.backlinks,
                "backlink_share": r.backlink_share,
                "referring_domains": r.referring_domains,
                "domain_share": r.domain_share,
                "examples": " | ".join(r.examples),
            }
            for r in self.categories
        ]

    def anchor_records(self) -> list[dict[str, Any]]:
        """One flat dict per distinct anchor (keys: anchor, category, backlinks,
        referring_domains, followed)."""
        return [attrs.asdict(a) for a in self.anchors]

    def to_dataframe(self) -> pandas.DataFrame:
        """The category records as a pandas DataFrame (``pip install "backlinkkit[pandas]"``)."""
        return _dataframe(self.to_records(), "AnchorDistribution.to_dataframe")

    def to_table(self, *, width: int = 100) -> str:
        """The categories as a plain-text table."""
        header = ("category", "backlinks", "share", "domains", "share", "top anchors")
        rows = [
            (
                r.category,
                str(r.backlinks),
                f"{r.backlink_share:.0%}",
                str(r.referring_domains),
                f"{r.domain_share:.0%}",
                " | ".join(cut(e, 30) for e in r.examples) or "-",
            )
            for r in self.categories
        ]
        return grid(header, rows, width=width, right=(1, 2, 3, 4), flex=(5,))

    def __str__(self) -> str:
        return f"{self.summary}\n{self.to_table()}"

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{h}</th>"
            for h in ("category", "backlinks", "share", "referring domains", "share", "top anchors")
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(c)}</td>"
                for c in (
                    r.category,
                    str(r.backlinks),
                    f"{r.backlink_share:.0%}",
                    str(r.referring_domains),
                    f"{r.domain_share:.0%}",
                    " | ".join(r.examples),
                )
            )
            + "</tr>"
            for r in self.categories
        )
        return (
            f"<div><p>{html.escape(self.summary)}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )


def _dataframe(records: list[dict[str, Any]], what: str) -> pandas.DataFrame:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            f'{what} needs pandas: pip install "backlinkkit[pandas]"'
        ) from None
    return pd.DataFrame(records)


def anchor_distribution(
    backlinks: Iterable[Backlink],
    *,
    brand: str | Iterable[str] | None = None,
    keywords: str | Iterable[str] | None = None,
    generic: Iterable[str] | None = None,
) -> AnchorDistribution:
    """Count *backlinks* (:class:`~backlinkkit.audit.Backlink` values) by anchor category
    and by anchor, by backlinks and by referring domains; each backlink's generic
    phrases are those of its page's language (:attr:`Backlink.language
    <backlinkkit.audit.Backlink.language>`)."""
    from .audit import Backlink

    require_iterable("backlinks", backlinks, "Backlink")
    brand_terms = _terms(brand, "brand")
    keyword_terms = _terms(keywords, "keywords")
    classify = _Classifier(brand_terms, keyword_terms, _terms(generic, "generic"))
    links: Counter[str] = Counter()
    domains: dict[str, set[str]] = {c: set() for c in ANCHOR_CATEGORIES}
    examples: dict[str, Counter[str]] = {c: Counter() for c in ANCHOR_CATEGORIES}
    per_anchor: dict[tuple[str, str], list[Any]] = {}
    all_domains: set[str] = set()
    total = 0
    for i, b in enumerate(backlinks):
        if not isinstance(b, Backlink):
            raise type_error(f"backlinks[{i}]", b, "Backlink")
        total += 1
        category = classify(b.link.anchor, b.link.anchor_source, b.link.has_image, b.language)
        links[category] += 1
        domains[category].add(b.referring_domain)
        all_domains.add(b.referring_domain)
        folded = fold_anchor(b.link.anchor)
        if folded:
            examples[category][folded] += 1
        row = per_anchor.setdefault((category, folded), [b.link.anchor, 0, set(), 0])
        row[1] += 1
        row[2].add(b.referring_domain)
        row[3] += b.link.followed
    n_domains = len(all_domains)
    categories = [
        AnchorCount(
            category=c,
            backlinks=links[c],
            backlink_share=links[c] / total if total else 0.0,
            referring_domains=len(domains[c]),
            domain_share=len(domains[c]) / n_domains if n_domains else 0.0,
            examples=[a for a, _ in examples[c].most_common(3)],
        )
        for c in ANCHOR_CATEGORIES
    ]
    anchors = sorted(
        (
            AnchorText(row[0], category, row[1], len(row[2]), row[3])  # type: ignore[arg-type]
            for (category, _), row in per_anchor.items()
        ),
        key=lambda a: (-a.referring_domains, -a.backlinks, fold_anchor(a.anchor)),
    )
    return AnchorDistribution(categories, anchors, total, n_domains, brand_terms, keyword_terms)
