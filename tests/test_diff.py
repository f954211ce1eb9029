"""Tests for backlinkkit.diff: new, lost (with each reason), changed, and link velocity."""

from __future__ import annotations

from datetime import date

import pytest

from backlinkkit import BacklinkProfile, audit, extract_links
from backlinkkit.diff import RECORD_KEYS, diff
from backlinkkit.errors import InvalidInputError

P = "https://blog.example.org/p"
Q = "https://news.example.net/q"


def profile(*pages: tuple[str, str]) -> BacklinkProfile:
    return audit([extract_links(body, url) for body, url in pages], "example.com")


def test_new_lost_changed_between_two_profiles() -> None:
    old = profile(
        ('<a href="https://example.com/a">A</a><a href="https://example.com/b">B</a>', P),
        ('<a href="https://example.com/q">Q</a>', Q),
    )
    new = profile(
        ('<a href="https://example.com/a" rel="sponsored">A</a>'
         '<a href="https://example.com/c">C</a>', P),
    )  # fmt: skip
    d = diff(old, new)
    assert [c.target_url for c in d.new] == ["https://example.com/c"]
    assert [(c.target_url, c.reasons) for c in d.lost] == [
        ("https://example.com/b", ("Link removed",)),  # P audited again, link gone
        ("https://example.com/q", ("page not in the new snapshot",)),  # Q not audited again
    ]
    assert [(c.old_type, c.new_type, c.reasons) for c in d.changed] == [
        ("followed", "sponsored", ("followed → sponsored",))
    ]
    assert d.unchanged == 0
    assert d.summary == "1 new, 2 lost, 1 changed, 0 unchanged"
    assert [tuple(r) for r in d.to_records()] == [RECORD_KEYS] * 4
    assert "<table>" in d._repr_html_()
    assert d.velocity == ()


def test_anchor_changes_and_unchanged_links() -> None:
    old = profile(
        ('<a href="https://example.com/a">Old text</a><a href="https://example.com/b">B</a>', P)
    )
    new = profile(
        ('<a href="https://example.com/a">New text</a><a href="https://example.com/b/">b</a>', P)
    )
    d = diff(old, new)
    assert [c.reasons for c in d.changed] == [("anchor changed",)]
    assert d.unchanged == 1  # /b and /b/ are one URL; "B" and "b" one anchor


def test_two_exports_with_vendor_dates_give_velocity() -> None:
    old = [
        {"source_url": P, "target_url": "https://example.com/a", "first_seen": date(2024, 3, 2)},
        {"source_url": Q, "target_url": "https://example.com/q", "first_seen": date(2024, 3, 9)},
    ]
    new = [
        {"source_url": P, "target_url": "https://example.com/a", "first_seen": date(2024, 3, 2)},
        {"source_url": Q, "target_url": "https://example.com/q", "lost": date(2024, 5, 20),
         "lost_reason": "Not canonical anymore"},
        {"source_url": Q, "target_url": "https://example.com/new", "first_seen": date(2024, 5, 3)},
        {"source_url": P, "target_url": "https://example.com/n2", "first_seen": date(2024, 4, 30)},
    ]  # fmt: skip
    d = diff(old, new)
    assert [c.reasons for c in d.lost] == [("Not canonical anymore",)]
    assert d.lost[0].lost_on == date(2024, 5, 20)
    assert [(v.period, v.new, v.lost, v.days) for v in d.velocity] == [
        ("2024-04", 1, 0, 30),
        ("2024-05", 1, 1, 31),
    ]
    assert d.velocity_records()[1]["net_per_day"] == 0.0
    assert "2024-05" in str(d)


def test_an_export_row_missing_from_the_new_export() -> None:
    d = diff([(P, "https://example.com/a")], [])
    assert d.lost[0].reasons == ("not in the new export",)


def test_velocity_between_two_dated_snapshots() -> None:
    d = diff([], [(P, "https://example.com/a"), (Q, "https://example.com/b")],
             old_date=date(2024, 5, 1), new_date=date(2024, 6, 1))  # fmt: skip
    (v,) = d.velocity
    assert (v.period, v.new, v.lost, v.days) == ("2024-05-01..2024-06-01", 2, 0, 31)
    assert v.net_per_day == pytest.approx(2 / 31)


def test_a_profile_against_an_export() -> None:
    new = profile(('<a href="https://example.com/a" rel="nofollow">A</a>', P))
    d = diff([{"source_url": P, "target_url": "https://example.com/a", "nofollow": False}], new)
    assert [c.reasons for c in d.changed] == [("followed → nofollow",)]


def test_wrong_snapshots() -> None:
    with pytest.raises(InvalidInputError, match=r"^old="):
        diff("x", [])
    with pytest.raises(InvalidInputError, match=r"^new\[0\]="):
        diff([], [42])
    with pytest.raises(InvalidInputError, match=r"^old_date="):
        diff([], [], old_date="2024-01-01")  # type: ignore[arg-type]


def test_an_export_object_and_lost_flags() -> None:
    class Exported:  # the shape of ExportedBacklinks: not iterable, to_records()
        def to_records(self) -> list[dict[str, object]]:
            return [
                {"source_url": P, "target_url": "https://example.com/a"},
                {"source_url": Q, "target_url": "https://example.com/q", "lost": True},
            ]

    d = diff([(P, "https://example.com/a"), (Q, "https://example.com/q")], Exported())
    assert d.unchanged == 1
    assert [c.reasons for c in d.lost] == [("lost (the export says)",)]
