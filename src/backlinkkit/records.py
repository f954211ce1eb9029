"""Columnar records: from HTML straight to rows, without one value object per link.

:func:`extract_records` extracts a page as :func:`~backlinkkit.extract.extract_links`
does — the same backend, the same rules, computed by the same code
(:func:`backlinkkit.extract.link_parts`) — but returns :class:`Records`:
tables as plain column lists (a ``dict`` of ``list``), one row per link and one
row per page (and a third table, empty here, of what an archive reader reported
about the records it read: :data:`ISSUE_COLUMNS`).  They pickle cheaply (a batch
worker sends one per chunk), concatenate (:meth:`Records.concat`) and turn into
Arrow record batches with ``pip install "backlinkkit[arrow]"``
(:meth:`Records.to_arrow`), ready for Parquet.

>>> records = extract_records(
...     '<title>Home</title><a href="/about" rel="nofollow">About us</a>'
...     '<a href="https://other.example/"><img alt="Other"></a>',
...     "https://www.example.com/",
... )
>>> records.links["url"]
['https://www.example.com/about', 'https://other.example/']
>>> records.links["followed"], records.links["anchor_source"]
([False, True], ['text', 'alt'])
>>> records.pages["title"], records.pages["n_links"]
(['Home'], [2])

Every table starts with its join key: ``source`` (the input file, ``None`` for a
page given in memory) and the page's ``position`` (``page_position`` on link and
issue rows), so ``(source, page_position)`` of a link is ``(source, position)`` of
its page row.  After the key, the link table has the keys of
:meth:`backlinkkit.page.Link.to_record`, with ``page_url`` first, so
``records.link_rows()`` without the key equals ``extract_links(...).to_records()``:

>>> from backlinkkit import extract_links
>>> page = extract_links('<a href="/about" rel="nofollow">About us</a>', "https://www.example.com/")
>>> rows = extract_records(
...     '<a href="/about" rel="nofollow">About us</a>', "https://www.example.com/"
... ).link_rows()
>>> [(row.pop("source"), row.pop("page_position")) for row in rows]
[(None, 0)]
>>> rows == page.to_records()
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
import tldextract

from ._parse import Backend, RawDocument
from ._validate import instance_of, value_error
from .errors import MissingDependencyError
from .extract import link_parts, page_facts, parse_handed
from .headers import Headers
from .page import rel_fields, social_fields
from .rel import Rel
from .social import SocialMatch, SocialRegistry, default_registry
from .urls import extractor_or_default

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "ISSUE_COLUMNS",
    "LINK_COLUMNS",
    "PAGE_COLUMNS",
    "ArrowRecords",
    "Records",
    "add_error",
    "add_issue",
    "add_page",
    "arrow_schema",
    "extract_records",
]

#: The link table's columns and their types (``"string"``, ``"int64"``, ``"bool"``;
#: a string column may hold ``None``), in order: the page's key (``source``, the
#: input file or ``None``, and ``page_position``, the ``position`` of the link's
#: page row), ``page_url``, then the keys of :meth:`~backlinkkit.page.Link.to_record`
#: (whose ``position`` is the link's place on its page).
LINK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", "string"),
    ("page_position", "int64"),
    ("page_url", "string"),
    ("position", "int64"),
    ("tag", "string"),
    ("href", "string"),
    ("url", "string"),
    ("scheme", "string"),
    ("host", "string"),
    ("site", "string"),
    ("text", "string"),
    ("anchor", "string"),
    ("anchor_source", "string"),
    ("has_image", "bool"),
    ("rel", "string"),
    ("nofollow", "bool"),
    ("ugc", "bool"),
    ("sponsored", "bool"),
    ("followed", "bool"),
    ("nofollow_source", "string"),
    ("region", "string"),
    ("relation", "string"),
    ("social_platform", "string"),
    ("social_kind", "string"),
    ("social_handle", "string"),
    ("social_target", "string"),
    ("landing_url", "string"),
    ("landing_site", "string"),
    ("wrapper", "string"),
    ("warnings", "string"),
)

#: The page table's columns and types: one row per page, in input order.
#: ``source`` is the input file the page came from (``None`` for pages given in
#: memory); ``position`` is the page's position in the batch input (0 for
#: :func:`extract_records`), counted per file when the input is files (the CLI
#: ``extract``, the Dask and Spark recipes), so ``(source, position)`` names one
#: page row in any job; a page that could not be extracted has a row with
#: ``error`` (the exception class name, ``"TimeLimit"`` ...) and ``message`` set
#: and the extraction columns ``None``; ``noindex``/``nofollow`` are the page's
#: robots rules for the chosen crawler; ``language``, ``status`` and ``location``
#: are :attr:`Page.language <backlinkkit.page.Page.language>`, :attr:`~backlinkkit.page.Page.status`
#: and :attr:`~backlinkkit.page.Page.location`; ``warnings`` are joined with ``" | "``.
PAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", "string"),
    ("position", "int64"),
    ("page_url", "string"),
    ("base_url", "string"),
    ("encoding", "string"),
    ("canonical", "string"),
    ("title", "string"),
    ("noindex", "bool"),
    ("nofollow", "bool"),
    ("platform", "string"),
    ("language", "string"),
    ("status", "int64"),
    ("location", "string"),
    ("n_links", "int64"),
    ("warnings", "string"),
    ("error", "string"),
    ("message", "string"),
)

#: The issue table's columns and types: one row per thing an archive reader
#: reported that the page table does not hold, in file order.  ``kind`` is an
#: :data:`~backlinkkit.archives.IssueKind` (``"revisit"``, ``"non-html"``,
#: ``"truncated"``, ``"unreadable"``: a record that gave no page) or, for a record
#: that did give a page, ``"truncated"`` (its content is incomplete) or
#: ``"warning"`` (a note of the reader's, such as a coding it could not undo);
#: ``page_position`` is that page's ``position`` (``None`` when the record gave no
#: page); ``offset`` is the record's offset in the archive; ``record_type`` its
#: ``WARC-Type``; ``url`` and ``record_id`` its ``WARC-Target-URI`` and
#: ``WARC-Record-ID``; ``detail`` says what happened.  The recipes add
#: ``"unreadable-archive"``: a file the reader could not read on (its ``offset`` is
#: where reading stopped; ``page_position``, ``record_type``, ``url`` and
#: ``record_id`` are ``None``; ``detail`` is the error, naming the file).
ISSUE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", "string"),
    ("page_position", "int64"),
    ("offset", "int64"),
    ("record_type", "string"),
    ("kind", "string"),
    ("url", "string"),
    ("record_id", "string"),
    ("detail", "string"),
)

_LINK_NAMES = tuple(name for name, _ in LINK_COLUMNS)
_PAGE_NAMES = tuple(name for name, _ in PAGE_COLUMNS)
_ISSUE_NAMES = tuple(name for name, _ in ISSUE_COLUMNS)


def _empty(names: tuple[str, ...]) -> dict[str, list[Any]]:
    return {name: [] for name in names}


def _columns(names: tuple[str, ...]) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        instance_of(dict)(instance, attribute, value)
        if tuple(value) != names:
            raise value_error(f"Records.{attribute.name}", list(value), f"expected {names}")
        if len({len(column) for column in value.values()}) > 1:
            raise value_error(
                f"Records.{attribute.name}",
                {name: len(column) for name, column in value.items()},
                "columns of different lengths",
            )

    return check


class ArrowRecords(NamedTuple):
    """The three tables of :class:`Records` as ``pyarrow.RecordBatch`` values."""

    links: pyarrow.RecordBatch
    pages: pyarrow.RecordBatch
    issues: pyarrow.RecordBatch


@attrs.frozen(slots=True)
class Records:
    """Links, pages and archive issues as column lists: ``links[name][i]`` is field
    *name* of link *i*.

    Columns are in the order of :data:`LINK_COLUMNS`, :data:`PAGE_COLUMNS` and
    :data:`ISSUE_COLUMNS`.  The lists are the table; treat them as read-only.
    """

    #: One list per column of :data:`LINK_COLUMNS`, one item per link.
    links: dict[str, list[Any]] = attrs.field(
        factory=lambda: _empty(_LINK_NAMES), validator=_columns(_LINK_NAMES)
    )
    #: One list per column of :data:`PAGE_COLUMNS`, one item per page.
    pages: dict[str, list[Any]] = attrs.field(
        factory=lambda: _empty(_PAGE_NAMES), validator=_columns(_PAGE_NAMES)
    )
    #: One list per column of :data:`ISSUE_COLUMNS`, one item per archive issue.
    issues: dict[str, list[Any]] = attrs.field(
        factory=lambda: _empty(_ISSUE_NAMES), validator=_columns(_ISSUE_NAMES)
    )

    @property
    def n_links(self) -> int:
        """The number of link rows."""
        return len(self.links["position"])

    @property
    def n_pages(self) -> int:
        """The number of page rows (error rows included)."""
        return len(self.pages["position"])

    @property
    def n_issues(self) -> int:
        """The number of issue rows."""
        return len(self.issues["kind"])

    def link_rows(self) -> list[dict[str, Any]]:
        """One dict per link (the page key, then the row of ``Page.to_records()``)."""
        return _rows(self.links)

    def page_rows(self) -> list[dict[str, Any]]:
        """One dict per page."""
        return _rows(self.pages)

    def issue_rows(self) -> list[dict[str, Any]]:
        """One dict per archive issue."""
        return _rows(self.issues)

    @classmethod
    def concat(cls, parts: Iterable[Records]) -> Records:
        """One :class:`Records` holding the rows of *parts*, in order."""
        whole = cls()
        for part in parts:
            whole.extend(part)
        return whole

    def extend(self, part: Records) -> None:
        """Append the rows of *part* to these tables (for the one building them)."""
        for mine, theirs in ((self.links, part.links), (self.pages, part.pages)):
            for name, column in theirs.items():
                mine[name].extend(column)
        for name, column in part.issues.items():
            self.issues[name].extend(column)

    def to_arrow(self) -> ArrowRecords:
        """The three tables as Arrow record batches (needs ``backlinkkit[arrow]``)."""
        pa = _pyarrow()
        return ArrowRecords(
            pa.RecordBatch.from_pydict(self.links, schema=arrow_schema(LINK_COLUMNS)),
            pa.RecordBatch.from_pydict(self.pages, schema=arrow_schema(PAGE_COLUMNS)),
            pa.RecordBatch.from_pydict(self.issues, schema=arrow_schema(ISSUE_COLUMNS)),
        )


def _rows(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    names = tuple(table)
    return [dict(zip(names, row, strict=True)) for row in zip(*table.values(), strict=True)]


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise MissingDependencyError(
            'Arrow output needs pyarrow: pip install "backlinkkit[arrow]"'
        ) from exc
    return pyarrow


def arrow_schema(columns: tuple[tuple[str, str], ...]) -> pyarrow.Schema:
    """The Arrow schema of :data:`LINK_COLUMNS`, :data:`PAGE_COLUMNS` or
    :data:`ISSUE_COLUMNS`."""
    pa = _pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in columns])


def extract_records(
    html: str | bytes,
    url: str,
    *,
    headers: Headers | None = None,
    agent: str = "googlebot",
    encoding: str | None = None,
    backend: Backend = "html5lib",
    registry: SocialRegistry | None = None,
    extractor: tldextract.TLDExtract | None = None,
    status: int | None = None,
) -> Records:
    """Extract one page as :class:`Records` (one page row, one row per link).

    The arguments, the decoding and the errors raised are those of
    :func:`~backlinkkit.extract.extract_links`; the rows hold what its
    :class:`~backlinkkit.page.Page` holds.
    """
    handed = [html]
    del html
    raw, page_url, page_encoding, pairs = parse_handed(
        handed, url, headers, agent, encoding, backend, registry, status
    )
    records = Records()
    add_page(
        records,
        0,
        raw,
        page_url,
        page_encoding,
        pairs,
        agent=agent,
        registry=registry if registry is not None else default_registry(),
        extractor=extractor_or_default(extractor),
        status=status,
    )
    return records


def add_page(
    records: Records,
    position: int,
    raw: RawDocument,
    page_url: str,
    encoding: str,
    headers: tuple[tuple[str, str], ...],
    *,
    agent: str,
    registry: SocialRegistry,
    extractor: tldextract.TLDExtract,
    source: str | None = None,
    status: int | None = None,
) -> None:
    """Append one parsed page to *records* (its page row and its link rows), keyed by
    *source* (the input file, or ``None``) and *position*; *status* is the page's HTTP
    status when known."""
    facts = page_facts(
        raw, page_url, encoding, headers, agent=agent, registry=registry, status=status
    )
    links = records.links
    columns = [links[name] for name in _LINK_NAMES]
    (
        c_source_file,
        c_page_position,
        c_page,
        c_position,
        c_tag,
        c_href,
        c_url,
        c_scheme,
        c_host,
        c_site,
        c_text,
        c_anchor,
        c_source,
        c_image,
        c_rel,
        c_nofollow,
        c_ugc,
        c_sponsored,
        c_followed,
        c_nofollow_source,
        c_region,
        c_relation,
        c_platform,
        c_kind,
        c_handle,
        c_social_target,
        c_landing,
        c_landing_site,
        c_wrapper,
        c_warnings,
    ) = columns
    rels: dict[int, tuple[str, bool, bool, bool]] = {}
    socials: dict[int, tuple[str | None, str | None, str | None, str | None]] = {}
    n_links = 0
    for parts in link_parts(raw, facts, page_url, encoding, registry=registry, extractor=extractor):
        n_links += 1
        url, scheme, host, site, relation, social, landing, landing_site, wrapper = parts.target
        rel = parts.rel
        flat_rel = rels.get(id(rel))
        if flat_rel is None:
            flat_rel = rels[id(rel)] = _rel_fields(rel)
        flat_social = socials.get(id(social))
        if flat_social is None:
            flat_social = socials[id(social)] = _social_fields(social)  # type: ignore[arg-type]
        c_source_file.append(source)
        c_page_position.append(position)
        c_page.append(page_url)
        c_position.append(parts.position)
        c_tag.append(parts.tag)
        c_href.append(parts.href)
        c_url.append(url)
        c_scheme.append(scheme)
        c_host.append(host)
        c_site.append(site)
        c_text.append(parts.text)
        c_anchor.append(parts.anchor)
        c_source.append(parts.anchor_source)
        c_image.append(parts.has_image)
        c_rel.append(flat_rel[0])
        c_nofollow.append(flat_rel[1])
        c_ugc.append(flat_rel[2])
        c_sponsored.append(flat_rel[3])
        c_followed.append(parts.followed)
        c_nofollow_source.append(parts.nofollow_source)
        c_region.append(parts.region)
        c_relation.append(relation)
        c_platform.append(flat_social[0])
        c_kind.append(flat_social[1])
        c_handle.append(flat_social[2])
        c_social_target.append(flat_social[3])
        c_landing.append(landing)
        c_landing_site.append(landing_site)
        c_wrapper.append(wrapper)
        c_warnings.append(" | ".join(parts.warnings))
    page_social = facts.social
    robots = facts.robots
    _add_page_row(
        records,
        source,
        position,
        page_url,
        facts.base_url,
        encoding,
        facts.canonical,
        facts.title,
        robots.noindex,
        robots.nofollow,
        page_social.platform.key if page_social is not None else None,
        facts.language,
        facts.status,
        facts.location,
        n_links,
        " | ".join(facts.warnings),
        None,
        None,
    )


def add_error(
    records: Records,
    position: int,
    url: str | None,
    error: str,
    message: str,
    source: str | None = None,
) -> None:
    """Append the page row of a page that could not be extracted."""
    _add_page_row(records, source, position, url, *([None] * 12), error, message)


def add_issue(
    records: Records,
    *,
    kind: str,
    record_type: str | None,
    url: str | None,
    record_id: str | None,
    offset: int | None,
    detail: str,
    source: str | None = None,
    page_position: int | None = None,
) -> None:
    """Append one issue row (see :data:`ISSUE_COLUMNS`)."""
    row = (source, page_position, offset, record_type, kind, url, record_id, detail)
    for column, value in zip(records.issues.values(), row, strict=True):
        column.append(value)


def _add_page_row(records: Records, *values: Any) -> None:
    for column, value in zip(records.pages.values(), values, strict=True):
        column.append(value)


def _rel_fields(rel: Rel) -> tuple[Any, ...]:
    # Link.to_record's rule for ``rel`` (page.rel_fields), as a row of columns.
    return tuple(rel_fields(rel).values())


def _social_fields(social: SocialMatch | None) -> tuple[Any, ...]:
    # Link.to_record's rule for ``social`` (page.social_fields), as a row of columns.
    return tuple(social_fields(social).values())
