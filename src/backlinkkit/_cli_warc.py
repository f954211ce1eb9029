"""``--warc FILE…`` on ``audit``, ``anchors`` and ``verify``: the HTML records of WARC files
as pages, and what the archive reader reported as warning lines.

:func:`warc_pages` streams the pages of each file, in order, as
:class:`WarcPage` values (the :class:`~backlinkkit.batch.PageInput` of
:meth:`~backlinkkit.archives.ArchivedPage.to_input`: the record's URL, its HTTP
headers -- ``X-Robots-Tag``, ``Content-Type`` charset, ``Location`` -- and its
status), one record in memory at a time; a file that cannot be read on ends
its pages with an :class:`Unreadable` item, and the next file is read.

:class:`ArchiveNotes` keeps, per file, what the reader reported: revisits,
non-HTML responses, truncated and unreadable records, pages extracted from a
truncated record and the reader's notes on a page.  :meth:`ArchiveNotes.lines`
gives the warning lines: one per issue while a file has at most
:data:`ISSUE_LINES` of them, else one line per file with the count of each kind
-- a crawl's WARC file holds tens of thousands of records, and one line per
redirect-less revisit or image response would bury the warnings about the
inputs the command left out.  ``backlinkkit extract --warc FILE --out DIR``
writes every issue as a row.  The notes kept are bounded (the counts, and at
most :data:`ISSUE_LINES` lines per file), whatever the size of the file.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ._format import count
from ._infra import collapse_ascii_whitespace
from .batch import PageInput

__all__ = ["ISSUE_LINES", "ArchiveNotes", "Unreadable", "WarcPage", "warc_pages"]

#: A file with at most this many archive issues has one warning line per issue;
#: one with more, one line with the count of each kind.
ISSUE_LINES = 5


class WarcPage(NamedTuple):
    """One HTML record of a WARC file, as a page to extract."""

    #: The file, as given.
    file: str
    #: The offset of the record in the file.
    offset: int | None
    #: The page: content, ``WARC-Target-URI``, HTTP headers and status.
    page: PageInput

    @property
    def label(self) -> str:
        """How a warning names the page: its file, record offset and URL."""
        return f"{self.file}: record at offset {self.offset} ({self.page.url})"


class Unreadable(NamedTuple):
    """A WARC file that could not be read on: its pages read before the fault were given."""

    #: The file, as given.
    file: str
    #: The reader's error (naming the file), and what was kept, in one line.
    message: str


class _FileNotes:
    __slots__ = ("kinds", "lines", "total")

    def __init__(self) -> None:
        self.kinds: collections.Counter[str] = collections.Counter()
        self.lines: list[str] = []
        self.total = 0

    def add(self, kind: str, line: str) -> None:
        self.kinds[kind] += 1
        self.total += 1
        if len(self.lines) <= ISSUE_LINES:  # one more than shown: enough to know "many"
            self.lines.append(line)


class ArchiveNotes:
    """What the reader reported for each WARC file of a run (see the module docstring)."""

    def __init__(self) -> None:
        self._files: dict[str, _FileNotes] = {}
        self._unreadable: dict[str, str] = {}

    def add(self, file: str, kind: str, line: str) -> None:
        """Note an issue of *kind* in *file*, told by *line* (after the file's name)."""
        self._files.setdefault(file, _FileNotes()).add(kind, f"{file}: {line}")

    def unreadable(self, file: str, message: str) -> None:
        """Note that *file* could not be read on (*message*: the reader's, one line)."""
        self._unreadable[file] = message

    def lines(self) -> list[str]:
        """The warning lines, file by file, in the order the files were read."""
        out: list[str] = []
        for file in dict.fromkeys([*self._files, *self._unreadable]):
            notes = self._files.get(file)
            if notes is not None and notes.total <= ISSUE_LINES:
                out += notes.lines
            elif notes is not None:
                kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(notes.kinds.items()))
                out.append(
                    f"{file}: {count(notes.total, 'archive issue')} ({kinds}); "
                    f"`backlinkkit extract --warc {file} --out DIR` lists each"
                )
            if file in self._unreadable:
                out.append(self._unreadable[file])
        return out


def warc_pages(files: Sequence[str], notes: ArchiveNotes) -> Iterator[WarcPage | Unreadable]:
    """The pages of the WARC *files*, in order, each read whatever its name ends in; the
    reader's issues go into *notes*, and a file that cannot be read on gives an
    :class:`Unreadable` item after the pages read from it."""
    if not files:
        return
    from . import archives  # the WARC engines are an extra: imported when a WARC is read

    for file in files:
        read = 0
        try:
            for entry in archives.read_warc(file).entries():
                where = f"{entry.record_type} record at offset {entry.offset} ({entry.url})"
                if isinstance(entry, archives.ArchiveIssue):
                    detail = collapse_ascii_whitespace(entry.detail)
                    notes.add(file, entry.kind, f"{where}: {entry.kind}, no page ({detail})")
                    continue
                if entry.truncated is not None:
                    notes.add(
                        file,
                        "truncated page",
                        f"{where}: truncated ({entry.truncated}); its page was audited "
                        "from the content the archive holds",
                    )
                for warning in entry.warnings:
                    notes.add(file, "note", f"{where}: {collapse_ascii_whitespace(warning)}")
                read += 1
                yield WarcPage(file, entry.offset, entry.to_input())
        except archives.ArchiveFormatError as exc:  # the file ends here; the run goes on
            kept = (
                "no page read from it"
                if not read
                else f"the {count(read, 'page')} read before it kept"
            )
            message = collapse_ascii_whitespace(f"{exc} ({kept}; the rest of the file is not read)")
            notes.unreadable(file, message)
            yield Unreadable(os.fspath(file), message)
