"""Writing :class:`~backlinkkit.records.Records` to Parquet files (pyarrow).

A :class:`ParquetSink` appends record batches to ``links-NAME.parquet`` and
``pages-NAME.parquet`` in one directory, with the schemas of
:data:`~backlinkkit.records.LINK_COLUMNS` and :data:`~backlinkkit.records.PAGE_COLUMNS`,
so that every recipe (the CLI, Dask, Spark) writes the same tables.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

from .records import LINK_COLUMNS, PAGE_COLUMNS, Records, arrow_schema

__all__ = ["ParquetSink"]


class ParquetSink:
    """``links-<name>.parquet`` and ``pages-<name>.parquet`` in *directory*, written as
    :meth:`write` is given records (a context manager; :meth:`close` finishes the files).
    """

    def __init__(self, directory: str | os.PathLike[str], name: str) -> None:
        schemas = arrow_schema(LINK_COLUMNS), arrow_schema(PAGE_COLUMNS)  # needs [arrow]
        import pyarrow.parquet

        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        self.paths = (folder / f"links-{name}.parquet", folder / f"pages-{name}.parquet")
        self._writers: tuple[Any, Any] = (
            pyarrow.parquet.ParquetWriter(self.paths[0], schemas[0]),
            pyarrow.parquet.ParquetWriter(self.paths[1], schemas[1]),
        )
        self.links = 0
        self.pages = 0

    def write(self, records: Records) -> None:
        """Append the rows of *records*."""
        arrow = records.to_arrow()
        if arrow.links.num_rows:
            self._writers[0].write_batch(arrow.links)
        if arrow.pages.num_rows:
            self._writers[1].write_batch(arrow.pages)
        self.links += arrow.links.num_rows
        self.pages += arrow.pages.num_rows

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
