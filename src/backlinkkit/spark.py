"""Extraction on Spark, in the shape of Common Crawl's cc-pyspark jobs.

The input is a text file of paths, one per line (WARC files such as Common
Crawl's ``warc.paths``, or saved HTML pages), which Spark splits into
partitions; ``mapPartitions`` extracts each path of a partition with
:func:`~backlinkkit.batch.extract_many` inside the executor (so executors read
their own files) and the three tables are written as Parquet::

    from pyspark.sql import SparkSession
    from backlinkkit.spark import extract_job

    spark = SparkSession.builder.appName("backlinks").getOrCreate()
    extract_job(spark, "warc.paths", "s3a://bucket/out/", backend="lexbor")
    # out/links/part-*.parquet, out/pages/part-*.parquet, out/issues/part-*.parquet

The rows are those ``extract_many(..., output="records")`` gives on each file,
each keyed by its file (``source``) and its page's position in that file (links'
``page_position``), with the archive issues of each WARC file in ``issues``
(Spark does not keep row order: sort by ``source`` and ``position``).  A WARC
file that cannot be read to its end fails neither its task nor the job: its
pages before the fault are kept and an ``"unreadable-archive"`` issue row names
it.  Needs
``pip install "backlinkkit[spark]"`` and a Java runtime.  See ``docs/scale.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from ._sources import extract_paths
from .errors import MissingDependencyError
from .records import ISSUE_COLUMNS, LINK_COLUMNS, PAGE_COLUMNS, Records

__all__ = ["extract_job", "extract_partition", "spark_schema"]


def _types() -> Any:
    try:
        from pyspark.sql import types
    except ImportError as exc:
        raise MissingDependencyError(
            'the Spark recipe needs pyspark: pip install "backlinkkit[spark]"'
        ) from exc
    return types


def spark_schema(columns: tuple[tuple[str, str], ...]) -> Any:
    """The Spark ``StructType`` of :data:`~backlinkkit.records.LINK_COLUMNS`,
    :data:`~backlinkkit.records.PAGE_COLUMNS` or :data:`~backlinkkit.records.ISSUE_COLUMNS`
    (every column nullable)."""
    types = _types()
    kinds = {"string": types.StringType(), "int64": types.LongType(), "bool": types.BooleanType()}
    return types.StructType([types.StructField(name, kinds[kind], True) for name, kind in columns])


def extract_partition(paths: Iterable[str], **options: Any) -> Iterator[Records]:
    """The ``mapPartitions`` function: one :class:`~backlinkkit.records.Records` per
    path (blank lines skipped), its rows keyed by the path and its archive issues
    included; *options* go to :func:`~backlinkkit.batch.extract_many`."""
    for line in paths:
        path = line.strip()
        if path:
            yield Records.concat(extract_paths([path], workers=1, progress=False, **options))


def _rows(table: str, records: Records) -> Iterator[tuple[Any, ...]]:
    columns = getattr(records, table)
    return zip(*columns.values(), strict=True)


def extract_job(
    spark: Any,
    paths_file: str,
    output: str,
    *,
    partitions: int | None = None,
    mode: str = "errorifexists",
    **options: Any,
) -> tuple[int, int, int]:
    """Extract the files listed in *paths_file* (one path per line) and write
    ``output/links``, ``output/pages`` and ``output/issues`` as Parquet; returns
    ``(pages, links, issues)``.

    *spark* is a ``SparkSession``; *partitions* the minimum number of input
    partitions (default: Spark's); *mode* the Parquet save mode (``"overwrite"``
    ...); *options* go to :func:`~backlinkkit.batch.extract_many` (``backend``,
    ``agent``, ``time_limit``, ``size_limit`` ...) in each executor.
    """
    paths = spark.sparkContext.textFile(paths_file, minPartitions=partitions)
    records = paths.mapPartitions(functools.partial(extract_partition, **options)).cache()
    try:
        for table, columns in (
            ("links", LINK_COLUMNS),
            ("pages", PAGE_COLUMNS),
            ("issues", ISSUE_COLUMNS),
        ):
            frame = spark.createDataFrame(
                records.flatMap(functools.partial(_rows, table)), spark_schema(columns)
            )
            frame.write.mode(mode).parquet(f"{output.rstrip('/')}/{table}")
        counts = records.map(lambda r: (r.n_pages, r.n_links, r.n_issues)).fold(
            (0, 0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2])
        )
    finally:
        records.unpersist()
    return int(counts[0]), int(counts[1]), int(counts[2])
