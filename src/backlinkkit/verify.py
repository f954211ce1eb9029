"""Is each backlink an export lists still there, still followed, still pointing where it did?

:func:`verify` takes the links an export (or you) expect — anything
:func:`~backlinkkit.expected.expected_links` reads: an export's rows, ``(source,
target)`` pairs, mappings — and the pages as they are now (from
:func:`~backlinkkit.extract_links` or :func:`~backlinkkit.extract_many`), and gives
each expected link one status:

``live``
    the page links to the target as expected.
``changed``
    the page still links to the target's site, but something changed: ``rel`` now
    (or no longer) carries nofollow, ugc or sponsored; the anchor changed; the link
    now lands on another URL of the site ("target changed": said only when the export
    gave an anchor and a link with that anchor now lands elsewhere on the site; with
    no anchor to go by, the link counts as removed); it now goes through a
    redirector ("now through <wrapper>").
``lost``
    with a reason in Ahrefs' vocabulary where one fits ("Understanding link lost
    reasons", help.ahrefs.com): ``Link removed`` (the page is there, the link is
    not), ``Noindex`` (the page now says noindex), ``Not canonical anymore`` (its
    canonical points to another URL); and ``robots nofollow`` (the page's robots
    rules — meta or ``X-Robots-Tag`` — now say nofollow, so an expected followed
    link passes nothing; no Ahrefs reason fits).

    When the page's HTTP status is known (:attr:`Page.status
    <backlinkkit.page.Page.status>`: a WARC response record's status line, a
    manifest's ``status`` column, ``extract_links(status=...)``), it is judged
    first (before noindex and the links; a soft copy of the link on an error page
    does not count): ``Not found`` (404 or 410); ``Crawl error: HTTP 503``
    (any other 4xx or 5xx); ``301/302 redirect`` (301, 302, 303, 307 or 308) with a
    second reason saying where to (``to https://…``, from :attr:`Page.location
    <backlinkkit.page.Page.location>`; ``where it redirects is not known`` without a
    ``Location``); and ``Broken redirect`` when the redirect leads to a supplied page
    that answers 4xx or 5xx (followed through further redirects among the supplied
    pages), or loops, or takes more than 20 redirects (the Fetch Standard's limit).
    A redirect to a page that was not supplied stays ``301/302 redirect``, with
    ``(not supplied)`` after its target: where it ends is not known, so it is not
    called broken.
``not-checked``
    the page was not supplied (``page not supplied``), or its extraction failed
    (``Crawl error``, Ahrefs' word, with the error).

Links on the supplied pages to the targets' sites that no expected row names
are reported too (status ``new``; share buttons, which are not backlinks, are
not; nor is a second link between a source and a target already found).  When
several supplied pages have the same URL (two snapshots of one page), the first
that still has the expected link answers.  Ahrefs' ``301/302 redirect``, ``Not found`` and
``Broken redirect`` need the HTTP status; for a page whose status is not known they
are not guessed.  The links of a page answering a redirect or an error are not
``new`` links.  URLs are compared by
:func:`~backlinkkit.expected.url_key` (scheme and host case, ``http``/``https``,
one trailing slash and the fragment do not matter).

>>> from backlinkkit import extract_links
>>> page = extract_links('<a href="https://example.com/guide" rel="nofollow">guide</a>',
...                      "https://blog.example.org/post")
>>> result = verify([{"source_url": "https://blog.example.org/post",
...                   "target_url": "https://example.com/guide", "nofollow": False}], [page])
>>> result.summary
'1 expected link on 1 page: 0 live, 1 changed, 0 lost, 0 not checked; 0 new links found'
>>> result.links[0].status, result.links[0].reasons
('changed', ('rel now nofollow',))

A page fetched with its status (here a WARC record would give it):

>>> moved = extract_links("", "https://blog.example.org/post", status=301,
...                       headers={"Location": "/2024/post"})
>>> verify([(moved.url, "https://example.com/guide")], [moved]).links[0].reasons
('301/302 redirect', 'to https://blog.example.org/2024/post (not supplied)')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs
from ada_url import URL

from ._format import grid
from ._validate import (
    choices,
    instance_of,
    integer,
    items_of,
    one_of,
    optional,
    require,
    require_iterable,
    text,
    to_tuple,
    type_error,
)
from .anchors import fold_anchor
from .batch import ExtractionError
from .errors import MissingDependencyError
from .expected import ExpectedLink, expected_links, url_key
from .page import REDIRECT_STATUSES, Link, Page
from .urls import registrable_domain

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "LOST_REASONS",
    "MAX_REDIRECTS",
    "RECORD_KEYS",
    "STATUSES",
    "Status",
    "Verification",
    "VerifiedLink",
    "verify",
]

Status = Literal["live", "changed", "lost", "not-checked", "new"]

#: The statuses, in the order they are reported.
STATUSES: tuple[Status, ...] = choices(Status)

#: The reasons a link is ``lost`` or ``not-checked`` (Ahrefs' words where one fits).
LOST_REASONS: tuple[str, ...] = (
    "Link removed",
    "Noindex",
    "Not canonical anymore",
    "robots nofollow",
    "Not found",
    "301/302 redirect",
    "Broken redirect",
    "Crawl error",
    "page not supplied",
)

#: How many redirects are followed among the supplied pages (the Fetch Standard's limit).
MAX_REDIRECTS = 20

#: The keys of :meth:`VerifiedLink.to_record`, in order.
RECORD_KEYS: tuple[str, ...] = (
    "status",
    "reasons",
    "source_url",
    "target_url",
    "found_url",
    "expected_anchor",
    "anchor",
    "rel",
    "followed",
    "region",
    "wrapper",
    "row",
)

_opt_text = optional(text())


@attrs.frozen(slots=True)
class VerifiedLink:
    """One expected link and what was found, or one link found that nobody expected."""

    #: Its status (see the module documentation).
    status: Status = attrs.field(validator=one_of(Status))
    #: Why: the changes (``"rel now nofollow"``, ``"anchor changed"`` ...) or the lost
    #: reason; empty for ``live`` and ``new``.
    reasons: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: The linking page's URL (as expected, or of the page found).
    source_url: str = attrs.field(validator=text())
    #: The expected target URL (for ``new``: where the link lands).
    target_url: str = attrs.field(validator=text())
    #: The expectation, or ``None`` for a ``new`` link.
    expected: ExpectedLink | None = attrs.field(validator=optional(instance_of(ExpectedLink)))
    #: The link found on the page, or ``None``.
    link: Link | None = attrs.field(validator=optional(instance_of(Link)))

    def to_record(self) -> dict[str, Any]:
        """A flat dict with the keys of :data:`RECORD_KEYS`."""
        link, exp = self.link, self.expected
        return {
            "status": self.status,
            "reasons": "; ".join(self.reasons),
            "source_url": self.source_url,
            "target_url": self.target_url,
            "found_url": link.landing_url if link is not None else None,
            "expected_anchor": exp.anchor if exp is not None else None,
            "anchor": link.anchor if link is not None else None,
            "rel": " ".join(link.rel.tokens) if link is not None else None,
            "followed": link.followed if link is not None else None,
            "region": link.region if link is not None else None,
            "wrapper": link.wrapper if link is not None else None,
            "row": exp.row if exp is not None else None,
        }


@attrs.frozen(slots=True)
class Verification:
    """The result of :func:`verify`: one :class:`VerifiedLink` per expected link, then
    the ``new`` ones."""

    #: Expected links in input order, then the new links in page and document order.
    links: tuple[VerifiedLink, ...] = attrs.field(
        converter=to_tuple, validator=items_of(VerifiedLink)
    )
    #: Pages supplied.
    pages: int = attrs.field(validator=integer(0))
    #: Extraction error records among them (their links are ``not-checked``).
    errors: int = attrs.field(validator=integer(0))

    def of(self, status: str) -> tuple[VerifiedLink, ...]:
        """The links with *status*."""
        return tuple(v for v in self.links if v.status == status)

    @property
    def counts(self) -> dict[str, int]:
        """Links per status, in the order of :data:`STATUSES`."""
        return {s: len(self.of(s)) for s in STATUSES}

    @property
    def summary(self) -> str:
        """One line: how many expected links are live, changed, lost, not checked; how
        many new."""
        c = self.counts
        expected = len(self.links) - c["new"]
        errors = f" ({self.errors} extraction errors)" if self.errors else ""
        return (
            f"{expected} expected link{'s' if expected != 1 else ''} on {self.pages} "
            f"page{'s' if self.pages != 1 else ''}{errors}: {c['live']} live, "
            f"{c['changed']} changed, {c['lost']} lost, {c['not-checked']} not checked; "
            f"{c['new']} new link{'s' if c['new'] != 1 else ''} found"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per link (keys: :data:`RECORD_KEYS`)."""
        return [v.to_record() for v in self.links]

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (``pip install "backlinkkit[pandas]"``)."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                'Verification.to_dataframe needs pandas: pip install "backlinkkit[pandas]"'
            ) from None
        return pd.DataFrame(self.to_records(), columns=list(RECORD_KEYS))

    def to_table(self, *, width: int = 120) -> str:
        """A plain-text table: status, reasons, source and target (URLs without the
        scheme)."""
        from .report import short_url

        rows = [
            (
                v.status,
                "; ".join(v.reasons) or "-",
                short_url(v.source_url),
                short_url(v.target_url),
            )
            for v in self.links
        ]
        return grid(
            ("status", "reasons", "source", "target"),
            rows,
            width=width,
            flex=(2, 3, 1),
            middle=(2, 3),
        )

    def __str__(self) -> str:
        return f"{self.summary}\n{self.to_table()}"

    def _repr_html_(self) -> str:
        from .report import html_table

        return html_table(
            self.summary,
            ("status", "reasons", "source", "target", "anchor found"),
            [
                (
                    v.status,
                    "; ".join(v.reasons),
                    v.source_url,
                    v.target_url,
                    v.link.anchor if v.link else "",
                )
                for v in self.links
            ],
        )


def _rel_changes(exp: ExpectedLink, link: Link) -> list[str]:
    out = []
    for name in ("nofollow", "ugc", "sponsored"):
        was = getattr(exp, name)
        now = getattr(link.rel, name)
        if was is False and now:
            out.append(f"rel now {name}")
        elif was is True and not now:
            out.append(f"rel no longer {name}")
    return out


def _http_reasons(page: Page, pages: Mapping[str, Sequence[Page]]) -> tuple[str, ...]:
    """Why *page*'s HTTP status loses its links (the lost reasons of the module
    documentation), or ``()`` when its status is unknown, 2xx or another 3xx.

    *pages* maps :func:`~backlinkkit.expected.url_key` of a URL to the supplied pages
    with that URL (where a redirect is followed).
    """
    status = page.status
    if status is None or status < 300:
        return ()
    if status in (404, 410):
        return ("Not found",)
    if status >= 400:
        return (f"Crawl error: HTTP {status}",)
    if status not in REDIRECT_STATUSES:
        return ()
    seen = {url_key(page.url)}
    current = page
    for _ in range(MAX_REDIRECTS):
        location = current.location
        if location is None:
            where = "where it redirects is not known"
            if current is not page:
                where = f"{url_key(current.url)} redirects, {where}"
            return ("301/302 redirect", where)
        key = url_key(location)
        if key in seen:
            return ("Broken redirect", f"redirect loop at {location}")
        seen.add(key)
        found = pages.get(key)
        if not found:
            return ("301/302 redirect", f"to {location} (not supplied)")
        current = found[0]
        code = current.status
        if code is not None and code >= 400:
            return ("Broken redirect", f"to {location}, which answers HTTP {code}")
        if code not in REDIRECT_STATUSES:
            return ("301/302 redirect", f"to {location}")
    return ("Broken redirect", f"more than {MAX_REDIRECTS} redirects")


def _judge(exp: ExpectedLink, page: Page, links: list[Link]) -> VerifiedLink:
    """The status of *exp* on *page*, whose links to the target's site are *links*."""

    def result(status: Status, reasons: list[str], link: Link | None) -> VerifiedLink:
        return VerifiedLink(status, reasons, exp.source_url, exp.target_url, exp, link)

    target = exp.target_key
    anchor = fold_anchor(exp.anchor) if exp.anchor is not None else None
    exact = [lk for lk in links if url_key(lk.landing_url or "") == target]
    # A link to another URL of the site is the expected one "with its target changed"
    # only when the export gave an anchor and the anchor still matches.
    moved = [] if anchor is None else [lk for lk in links if fold_anchor(lk.anchor) == anchor]
    candidates = exact or moved
    link = None
    if candidates:
        link = next((lk for lk in candidates if fold_anchor(lk.anchor) == anchor), candidates[0])
    robots = page.robots
    if robots.noindex:
        return result("lost", ["Noindex"], link)
    if page.canonical is not None and url_key(page.canonical) != url_key(page.url):
        return result("lost", ["Not canonical anymore"], link)
    if link is None:
        return result("lost", ["Link removed"], None)
    if robots.nofollow and exp.nofollow is not True and not link.rel.nofollow:
        return result("lost", ["robots nofollow"], link)
    reasons = _rel_changes(exp, link)
    if anchor is not None and fold_anchor(link.anchor) != anchor:
        reasons.append("anchor changed")
    if not exact:
        reasons.append("target changed")
    if link.wrapper is not None and url_key(exp.target_url) != url_key(link.url or ""):
        reasons.append(f"now through {link.wrapper}")
    return result("changed" if reasons else "live", reasons, link)


def verify(
    expected: Iterable[object] | object,
    pages: Iterable[object],
    *,
    targets: Iterable[str] | None = None,
) -> Verification:
    """Check each expected link against the pages as they are now.

    *expected*: anything :func:`~backlinkkit.expected.expected_links` reads.
    *pages*: :class:`~backlinkkit.page.Page` values and
    :class:`~backlinkkit.batch.ExtractionError` records (counted; the links
    expected from that page are ``not-checked``, ``Crawl error``).  A link counts
    as "to the target" when its landing URL
    (:attr:`~backlinkkit.page.Link.landing_url`) is on the registrable domain of the
    expected target.  New links are the links on the supplied pages to one of
    *targets* (registrable domains; default: the sites of the expected targets)
    that no expected link names.
    """
    rows = expected_links(expected)
    by_key: dict[str, list[Page]] = {}
    failed: dict[str, ExtractionError] = {}
    n_pages = errors = 0
    if isinstance(pages, (str, bytes, Page)) or not isinstance(pages, Iterable):
        raise type_error("pages", pages, "an iterable of Page")
    order: list[Page] = []
    for i, item in enumerate(pages):
        if isinstance(item, ExtractionError):
            errors += 1
            n_pages += 1
            if item.url is not None:
                failed[url_key(item.url)] = item
            continue
        if not isinstance(item, Page):
            raise type_error(f"pages[{i}]", item, "a Page or an ExtractionError")
        n_pages += 1
        by_key.setdefault(url_key(item.url), []).append(item)
        order.append(item)

    sites: dict[str, str | None] = {}
    if targets is None:
        target_sites = {_site(e.target_url, sites) for e in rows} - {None}
    else:
        if isinstance(targets, str):
            targets = (targets,)
        require_iterable("targets", targets, "str")
        targets = tuple(targets)
        for i, t in enumerate(targets):
            require(f"targets[{i}]", t, str)
        target_sites = {t.strip().lower().rstrip(".") for t in targets}
    used: set[tuple[int, int]] = set()  # (id of page, link position)
    matched: set[tuple[str, str]] = set()  # (source key, landing key) of links found
    results: list[VerifiedLink] = []
    for exp in rows:
        same_url = by_key.get(exp.source_key)
        if not same_url:
            error = failed.get(exp.source_key)
            reason = f"Crawl error: {error.message}" if error else "page not supplied"
            results.append(
                VerifiedLink("not-checked", [reason], exp.source_url, exp.target_url, exp, None)
            )
            continue
        site = _site(exp.target_url, sites)
        # Several pages with one URL (two snapshots of a page ...): the first that still
        # has the link answers; else the first page's answer stands.
        answers = []
        for page in same_url:
            http = _http_reasons(page, by_key)
            if http:
                answers.append(
                    (page, VerifiedLink("lost", http, exp.source_url, exp.target_url, exp, None))
                )
                continue
            links = [
                lk
                for lk in page.links
                if lk.landing_site == site
                and (id(page), lk.position) not in used
                and (lk.landing_url or "").startswith(("http:", "https:"))
            ]
            answers.append((page, _judge(exp, page, links)))
            if answers[-1][1].status in ("live", "changed"):
                break
        # live or changed first, then a lost verdict that found the link (noindex ...)
        page, verified = min(
            answers,
            key=lambda a: (a[1].status not in ("live", "changed"), a[1].link is None),
        )
        if verified.link is not None:
            used.add((id(page), verified.link.position))
            matched.add((exp.source_key, url_key(verified.link.landing_url or "")))
        results.append(verified)
    for page in order:
        if _http_reasons(page, by_key):
            continue  # a redirect or an error page: its links are no backlinks
        for lk in page.links:
            if (
                lk.is_backlink
                and lk.landing_site in target_sites
                and (id(page), lk.position) not in used
                and (lk.social is None or lk.social.kind != "share")
                and (url_key(page.url), url_key(lk.landing_url or "")) not in matched
            ):
                results.append(VerifiedLink("new", (), page.url, lk.landing_url or "", None, lk))
    return Verification(results, n_pages, errors)


def _site(url: str, sites: dict[str, str | None]) -> str | None:
    """The registrable domain of *url* (``None`` when it has no host), memoised in *sites*."""
    if url not in sites:
        try:
            host = URL(url).hostname
        except ValueError:
            host = ""
        sites[url] = registrable_domain(host) if host else None
    return sites[url]
