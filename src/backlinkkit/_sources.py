"""The pages of one input file, for the scale-out recipes (CLI ``extract``, Dask, Spark).

A path ending in ``.warc``, ``.warc.gz`` (or ``.arc``-less WARC variants FastWARC
reads: ``.warc.lz4``, ``.warc.zst``) is read with
:func:`backlinkkit.archives.read_warc` (one page per HTML record); any other path
is one saved HTML page, parsed against *url* (default: the file's ``file://``
URL).  Each page is a form :func:`~backlinkkit.batch.extract_many` takes -- a
WARC page a :class:`~backlinkkit.batch.PageInput` with its HTTP status
(:meth:`~backlinkkit.archives.ArchivedPage.to_input`), a saved page a
``(content, url, headers)`` tuple --, so every recipe extracts the same pages
the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .batch import PageInput
from .errors import MissingDependencyError

__all__ = ["WARC_SUFFIXES", "is_warc", "pages_of"]

#: File name endings read as WARC files.
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz", ".warc.lz4", ".warc.zst")


def is_warc(path: str | os.PathLike[str]) -> bool:
    """True when *path* names a WARC file (by its ending, case-insensitively)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def pages_of(
    path: str | os.PathLike[str], url: str | None = None
) -> Iterator[PageInput | tuple[Any, ...]]:
    """The pages of *path*: every HTML record of a WARC file, or the one saved page."""
    if is_warc(path):
        try:
            from .archives import read_warc
        except ImportError as exc:  # pragma: no cover - archives not in this build
            raise MissingDependencyError(
                f"{os.fspath(path)}: reading WARC files needs backlinkkit.archives"
            ) from exc
        for page in read_warc(os.fspath(path)):
            yield page.to_input()
        return
    file = Path(path)
    yield file.read_bytes(), url if url is not None else file.resolve().as_uri(), ()
