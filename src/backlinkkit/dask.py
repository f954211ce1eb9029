"""Extraction on a Dask cluster: a bag over input paths, each worker reading its own files.

Dask's own guidance for many files is ``db.from_sequence(paths).map(load)``: the
client sends only the paths, each worker opens the files it is given.  Here each
path (a WARC file, or a saved HTML page) is one partition, extracted with
:func:`~backlinkkit.batch.extract_many` inside the worker (one process per
worker; parallelism comes from the cluster), so a Dask run produces exactly what
``extract_many(..., output="records")`` produces on each file, with every row
keyed by its file (``source``) and its page's position in that file, and the
archive issues of each WARC file (revisits, truncated, non-HTML and unreadable
records, and an ``"unreadable-archive"`` row for a file that could not be read
to its end -- its pages before the fault are kept, and the job goes on) in a
third table::

    from distributed import Client
    from backlinkkit.dask import records_bag, to_parquet

    client = Client("scheduler:8786")          # or LocalCluster(n_workers=2)
    bag = records_bag(["crawl-00000.warc.gz", "crawl-00001.warc.gz"], backend="lexbor")
    to_parquet(bag, "/mnt/out/")   # links-00000.parquet, pages-00000.parquet, issues-00000...

:func:`audit_paths` runs :func:`~backlinkkit.audit.audit` as a reduction (see its
docstring).  Needs ``pip install "backlinkkit[dask]"``.  (The module is called
``backlinkkit.dask``; it imports the ``dask`` package absolutely, inside its
functions, so the names do not clash.)  See ``docs/scale.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._sources import extract_paths, is_wat, pages_of, wat_pages
from .audit import for_audit
from .batch import ExtractionError, extract_many
from .errors import MissingDependencyError
from .page import Page
from .records import Records
from .urls import default_extractor, parse_target

if TYPE_CHECKING:
    import dask.bag

    from .audit import BacklinkProfile

__all__ = ["audit_paths", "extract_path", "records_bag", "to_parquet"]


def _bag_module() -> Any:
    try:
        import dask.bag
    except ImportError as exc:
        raise MissingDependencyError(
            'the Dask recipe needs dask: pip install "backlinkkit[dask]"'
        ) from exc
    return dask.bag


def extract_path(path: str | os.PathLike[str], **options: Any) -> Records:
    """The :class:`~backlinkkit.records.Records` of one input file, extracted in this
    process (``extract_many(pages_of(path), workers=1, output="records", **options)``),
    with the archive issues of a WARC file in :attr:`~backlinkkit.records.Records.issues`.

    Every row's ``source`` is ``os.fspath(path)``; page positions count from 0 in
    each file, so ``(source, position)`` names one page in a job's tables.
    """
    return Records.concat(extract_paths([path], workers=1, progress=False, **options))


def records_bag(
    paths: Sequence[str | os.PathLike[str]],
    **options: Any,
) -> dask.bag.Bag:
    """A Dask bag of one :class:`~backlinkkit.records.Records` per path, one partition each.

    *options* go to :func:`~backlinkkit.batch.extract_many` (``backend``, ``agent``,
    ``time_limit``, ``size_limit``, ``registry``, ``extractor``, ``chunksize``).
    """
    db = _bag_module()
    names = [os.fspath(path) for path in paths]
    bag: Any = db.from_sequence(names, npartitions=max(1, len(names)))
    mapped: dask.bag.Bag = bag.map(extract_path, **options)
    return mapped


def _write(records: Iterable[Records], directory: str, index: int) -> list[tuple[int, int, int]]:
    from ._parquet import ParquetSink

    with ParquetSink(directory, f"{index:05d}") as sink:
        for part in records:
            sink.write(part)
    return [(sink.pages, sink.links, sink.issues)]


def to_parquet(bag: dask.bag.Bag, directory: str | os.PathLike[str]) -> tuple[int, int, int]:
    """Compute *bag* (of :class:`~backlinkkit.records.Records`), each partition writing
    ``links-NNNNN.parquet``, ``pages-NNNNN.parquet`` and ``issues-NNNNN.parquet``
    (NNNNN: the partition number) into *directory* from its worker; returns
    ``(pages, links, issues)`` written in all."""
    db = _bag_module()
    folder = os.fspath(directory)
    indexes = db.from_sequence(range(bag.npartitions), npartitions=bag.npartitions)
    counts = db.map_partitions(lambda part, index: _write(part, folder, index[0]), bag, indexes)
    totals = counts.compute()
    return (
        sum(p for p, _, _ in totals),
        sum(n for _, n, _ in totals),
        sum(i for _, _, i in totals),
    )


def _pages_for_audit(path: str, sites: frozenset[str], options: dict[str, Any]) -> list[Any]:
    """The pages of one file as the audit of a target on *sites* needs them
    (:func:`~backlinkkit.audit.for_audit`)."""
    kept: list[Any] = []
    failed: list[Exception] = []
    results = (
        wat_pages(path, failed=failed, **options)
        if is_wat(path)
        else extract_many(pages_of(path, failed=failed), workers=1, progress=False, **options)
    )
    for result in results:
        kept.append(result if isinstance(result, ExtractionError) else for_audit(result, sites))
    for error in failed:  # a WARC file that could not be read on: one error record
        kept.append(ExtractionError(len(kept), None, type(error).__name__, str(error)))
    return kept


def audit_paths(
    paths: Sequence[str | os.PathLike[str]],
    target: str,
    *,
    audit_options: dict[str, Any] | None = None,
    **options: Any,
) -> BacklinkProfile:
    """:func:`~backlinkkit.audit.audit` of the pages of *paths* against *target*, as a
    Dask reduction.

    Each partition (one path) extracts its pages and keeps in full only the pages
    with a link that may land on the target (:func:`~backlinkkit.audit.for_audit`:
    its registrable domain, or another domain of the target's social platform, such
    as ``x.com`` for ``twitter.com``; a superset of the links the audit counts); the
    others travel without their links, so
    that the page and error counts stay right.  The aggregate step runs one
    ``audit`` over what the partitions kept, which scores each page exactly as
    an ``audit`` over all pages would.  A WARC file that cannot be read on keeps
    the pages read from it and adds one error record (counted in the summary's
    ``errors``) instead of stopping the job.  A WAT file's pages are
    :meth:`~backlinkkit.archives.WatPage.to_page` values (region unknown).  *options* go to
    :func:`~backlinkkit.batch.extract_many`, *audit_options* to ``audit``
    (``model``, ``sources``, ``engagement``, ``now``, ``extractor``).
    """
    from .audit import audit

    db = _bag_module()
    audit_options = dict(audit_options or {})
    extractor = audit_options.get("extractor") or default_extractor()
    sites = frozenset((parse_target(target, extractor)[2],))
    names = [os.fspath(path) for path in paths]
    bag = db.from_sequence(names, npartitions=max(1, len(names)))
    kept = bag.map(_pages_for_audit, sites, options).flatten()

    def aggregate(parts: Iterable[Iterable[Page | ExtractionError]]) -> BacklinkProfile:
        return audit((page for part in parts for page in part), target, **audit_options)

    result: BacklinkProfile = kept.reduction(list, aggregate).compute()
    return result
