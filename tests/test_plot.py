"""Tests for backlinkkit.plot: the matplotlib figure of a profile."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backlinkkit import extract_links
from backlinkkit.audit import LINK_TYPES, BacklinkProfile, audit
from backlinkkit.errors import MissingDependencyError
from backlinkkit.plot import profile_figure
from backlinkkit.scoring import SourceMetrics


def _profile() -> BacklinkProfile:
    p = extract_links(
        '<article><a href="https://example.com/a">A</a>'
        '<a href="https://example.com/b" rel="nofollow">B</a></article>',
        "https://a.example.org/",
    )
    q = extract_links('<a href="https://example.com/">c</a>', "https://b.example.net/")
    return audit([p, q], "example.com", sources={"example.org": SourceMetrics(authority=50)})


def test_plot_returns_a_figure_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    monkeypatch.chdir(tmp_path)
    fig = profile_figure(_profile())
    assert isinstance(fig, Figure)
    scatter, bars = fig.axes
    assert scatter.get_xlabel().startswith("direct")
    assert scatter.get_ylabel().startswith("social")
    assert scatter.get_title() == "Referring domains of example.com"
    assert [t.get_text() for t in bars.get_xticklabels()] == list(LINK_TYPES)
    assert [p.get_height() for p in bars.patches] == [2, 1, 0, 0, 0]  # type: ignore[attr-defined]
    assert sorted(t.get_text() for t in scatter.texts) == ["example.net", "example.org"]
    assert list(tmp_path.iterdir()) == []
    profile_figure(audit([], "example.com"))  # an empty profile plots too


def test_the_method_gives_the_same_figure() -> None:
    pytest.importorskip("matplotlib")
    fig = _profile().plot()
    assert [ax.get_title() for ax in fig.axes] == ["Referring domains of example.com", "Link types"]


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "backlinkkit\[plot\]"'):
        profile_figure(_profile())
    with pytest.raises(MissingDependencyError, match=r'pip install "backlinkkit\[plot\]"'):
        _profile().plot()
