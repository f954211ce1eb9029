"""Extraction on Spark, in the shape of Common Crawl's cc-pyspark jobs.

The input is a text file of paths, one per line (WARC files such as Common
Crawl's ``warc.paths``, or saved HTML pages), which Spark splits into
partitions; ``mapPartitions`` extracts each path of a partition with
:func:`~backlinkkit.batch.extract_many` inside the executor (so executors read
their own files) and the two tables are written as Parquet::

    from pyspark.sql import SparkSession
    from backlinkkit.spark import extract_job

    spark = SparkSession.builder.appName("backlinks").getOrCreate()
    extract_job(spark, "warc.paths", "s3a://bucket/out/", backend="lexbor")
    # out/links/part-*.parquet, out/pages/part-*.parquet

The rows are those ``extract_many(..., output="records")`` gives on each file
(page positions count from 0 in each file; Spark does not keep row order, sort
by ``page_url`` and ``position``).  Needs ``pip install "backlinkkit[spark]"`` and
a Java runtime.  See ``docs/scale.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from ._sources import pages_of
from .batch import extract_many
from .errors import MissingDependencyError
from .records import LINK_COLUMNS, PAGE_COLUMNS, Records

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
    """The Spark ``StructType`` of :data:`~backlinkkit.records.LINK_COLUMNS` or
    :data:`~backlinkkit.records.PAGE_COLUMNS` (every column nullable)."""
    types = _types()
    kinds = {"string": types.StringType(), "int64": types.LongType(), "bool": types.BooleanType()}
    return types.StructType([types.StructField(name, kinds[kind], True) for name, kind in columns])


def extract_partition(paths: Iterable[str], **options: Any) -> Iterator[Records]:
    """The ``mapPartitions`` function: one :class:`~backlinkkit.records.Records` per
    path (blank lines skipped); *options* go to :func:`~backlinkkit.batch.extract_many`."""
    for line in paths:
        path = line.strip()
        if path:
            yield Records.concat(
                extract_many(pages_of(path), workers=1, output="records", progress=False, **options)
            )


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
) -> tuple[int, int]:
    """Extract the files listed in *paths_file* (one path per line) and write
    ``output/links`` and ``output/pages`` as Parquet; returns ``(pages, links)``.

    *spark* is a ``SparkSession``; *partitions* the minimum number of input
    partitions (default: Spark's); *mode* the Parquet save mode (``"overwrite"``
    ...); *options* go to :func:`~backlinkkit.batch.extract_many` (``backend``,
    ``agent``, ``time_limit``, ``size_limit`` ...) in each executor.
    """
    link_schema = spark_schema(LINK_COLUMNS)
    page_schema = spark_schema(PAGE_COLUMNS)
    paths = spark.sparkContext.textFile(paths_file, minPartitions=partitions)
    records = paths.mapPartitions(functools.partial(extract_partition, **options)).cache()
    try:
        links = spark.createDataFrame(
            records.flatMap(functools.partial(_rows, "links")), link_schema
        )
        pages = spark.createDataFrame(
            records.flatMap(functools.partial(_rows, "pages")), page_schema
        )
        links.write.mode(mode).parquet(f"{output.rstrip('/')}/links")
        pages.write.mode(mode).parquet(f"{output.rstrip('/')}/pages")
        counts = records.map(lambda r: (r.n_pages, r.n_links)).fold(
            (0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1])
        )
    finally:
        records.unpersist()
    return int(counts[0]), int(counts[1])
