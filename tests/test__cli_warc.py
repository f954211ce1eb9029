"""Tests for the warning lines of ``--warc`` (``backlinkkit._cli_warc``): one line per
issue up to ISSUE_LINES, one summary line per file beyond; the unreadable-file line last."""

from __future__ import annotations

from backlinkkit._cli_warc import ISSUE_LINES, ArchiveNotes


def test_up_to_the_limit_each_issue_has_its_line_beyond_it_one_line_counts_them() -> None:
    notes = ArchiveNotes()
    for i in range(ISSUE_LINES):
        notes.add("a.warc", "revisit", f"issue {i}")
    for i in range(ISSUE_LINES + 1):
        notes.add("b.warc", "non-html" if i % 2 else "revisit", f"issue {i}")
    notes.unreadable("b.warc", "archive='b.warc': cannot read on")
    notes.unreadable("c.warc", "archive='c.warc': cannot read on at its start")
    assert notes.lines() == [
        *(f"a.warc: issue {i}" for i in range(ISSUE_LINES)),
        "b.warc: 6 archive issues (non-html 3, revisit 3); "
        "`backlinkkit extract --warc b.warc --out DIR` lists each",
        "archive='b.warc': cannot read on",
        "archive='c.warc': cannot read on at its start",
    ]


def test_no_issue_no_line() -> None:
    assert ArchiveNotes().lines() == []
