"""Writing :class:`~backlinkkit.records.Records` to Parquet files (pyarrow).

A :class:`ParquetSink` appends record batches to ``links-NAME.parquet``,
``pages-NAME.parquet`` and ``issues-NAME.parquet`` in one directory, with the
schemas of :data:`~backlinkkit.records.LINK_COLUMNS`,
:data:`~backlinkkit.records.PAGE_COLUMNS` and :data:`~backlinkkit.records.ISSUE_COLUMNS`,
so that every recipe (the CLI, Dask, Spark) writes the same tables.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

from .records import ISSUE_COLUMNS, LINK_COLUMNS, PAGE_COLUMNS, Records, arrow_schema

__all__ = ["ParquetSink"]

_TABLES = (("links", LINK_COLUMNS), ("pages", PAGE_COLUMNS), ("issues", ISSUE_COLUMNS))


class ParquetSink:
    """``links-<name>.parquet``, ``pages-<name>.parquet`` and ``issues-<name>.parquet``
    in *directory*, written as :meth:`write` is given records (a context manager;
    :meth:`close` finishes the files, each with its schema however few rows it has).
    """

    def __init__(self, directory: str | os.PathLike[str], name: str) -> None:
        schemas = [arrow_schema(columns) for _, columns in _TABLES]  # needs [arrow]
        import pyarrow.parquet

        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        self.paths = tuple(folder / f"{table}-{name}.parquet" for table, _ in _TABLES)
        self._writers: tuple[Any, ...] = tuple(
            pyarrow.parquet.ParquetWriter(path, schema)
            for path, schema in zip(self.paths, schemas, strict=True)
        )
        self.links = 0
        self.pages = 0
        self.issues = 0

    def write(self, records: Records) -> None:
        """Append the rows of *records*."""
        arrow = records.to_arrow()
        for writer, batch in zip(self._writers, arrow, strict=True):
            if batch.num_rows:
                writer.write_batch(batch)
        self.links += arrow.links.num_rows
        self.pages += arrow.pages.num_rows
        self.issues += arrow.issues.num_rows

    def close(self) -> None:
        for writer in self._writers:
            writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
