"""Tests for backlinkkit.plot: the matplotlib figure of a profile."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backlinkkit import extract_links, load_samples
from backlinkkit.audit import LINK_TYPES, BacklinkProfile, audit
from backlinkkit.errors import MissingDependencyError
from backlinkkit.plot import MAX_LABELS, profile_figure
from backlinkkit.scoring import Engagement, SourceMetrics


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
    assert [t.get_text() for t in bars.get_yticklabels()] == list(LINK_TYPES)
    assert [p.get_width() for p in bars.patches] == [2, 1, 0, 0, 0]  # type: ignore[attr-defined]
    assert sorted(t.get_text() for t in scatter.texts if t.get_text().startswith("example")) == [
        "example.net",
        "example.org",
    ]
    assert list(tmp_path.iterdir()) == []


def test_counts_have_integer_ticks() -> None:
    pytest.importorskip("matplotlib")
    fig = profile_figure(_profile())
    fig.draw_without_rendering()
    ticks = fig.axes[1].get_xticks()
    assert all(float(t).is_integer() for t in ticks)


def test_all_social_values_zero_gives_a_plain_axis_that_says_so() -> None:
    pytest.importorskip("matplotlib")
    scatter = profile_figure(_profile()).axes[0]
    assert scatter.get_yscale() == "linear"
    assert list(scatter.get_yticks()) == [0.0]
    assert any("no social value" in t.get_text() for t in scatter.texts)


def test_a_size_legend_and_symlog_when_values_span_decades() -> None:
    pytest.importorskip("matplotlib")
    s = load_samples()
    profile = audit(s.pages(), s.target, sources=s.sources(), engagement=s.engagement(), now=s.now)
    scatter = profile_figure(profile).axes[0]
    legend = scatter.get_legend()
    assert legend is not None
    assert legend.get_title().get_text() == "backlinks"
    assert [t.get_text() for t in legend.get_texts()] == ["1", "6"]  # example.net has 6


def test_labels_do_not_overlap_and_stay_inside() -> None:
    pytest.importorskip("matplotlib")
    pages = [
        extract_links(
            f'<a href="https://example.com/{i}">x</a>', f"https://site{i}.example-{i}.org/p"
        )
        for i in range(40)
    ]
    engagement = {p.url: Engagement(clicks=i + 1) for i, p in enumerate(pages)}
    fig = profile_figure(audit(pages, "example.com", engagement=engagement))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]  # text extents are final
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    scatter = fig.axes[0]
    labels = [t for t in scatter.texts if t.get_text().startswith("example-")]
    assert 0 < len(labels) <= MAX_LABELS
    from matplotlib.text import Text

    boxes = [Text.get_window_extent(t, renderer) for t in labels]  # the text, not its leader
    frame = scatter.get_window_extent(renderer)
    for i, a in enumerate(boxes):
        assert frame.x0 <= a.x0
        assert a.x1 <= frame.x1 + 1
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def test_an_empty_profile_says_so() -> None:
    pytest.importorskip("matplotlib")
    scatter = profile_figure(audit([], "example.com")).axes[0]
    assert any("No backlinks to example.com" in t.get_text() for t in scatter.texts)


def test_the_figure_shows_itself_as_png() -> None:
    pytest.importorskip("matplotlib")
    png = _profile().plot()._repr_png_()  # type: ignore[attr-defined]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_the_method_gives_the_same_figure() -> None:
    pytest.importorskip("matplotlib")
    fig = _profile().plot()
    assert [ax.get_title() for ax in fig.axes] == ["Referring domains of example.com", "Link types"]


def test_a_notebook_shows_the_figure_without_matplotlib_inline(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    nbformat = pytest.importorskip("nbformat", reason="needs nbformat (the test extra)")
    nbclient = pytest.importorskip("nbclient", reason="needs nbclient (the test extra)")
    pytest.importorskip("ipykernel", reason="needs ipykernel (the test extra)")
    src = str(Path(__file__).resolve().parents[1] / "src")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"import sys; sys.path.insert(0, {src!r})\n"
            "from backlinkkit import audit, load_samples\n"
            "s = load_samples()\n"
            "profile = audit(s.pages(), s.target)\n"
            "profile.plot()"
        ),
        nbformat.v4.new_code_cell("profile"),
    ]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    figure, table = (cell.outputs for cell in nb.cells)
    assert any("image/png" in out.get("data", {}) for out in figure), figure
    html = next(out["data"]["text/html"] for out in table if "data" in out)
    assert "Backlink profile of example.com" in html


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "backlinkkit\[plot\]"'):
        profile_figure(_profile())
    with pytest.raises(MissingDependencyError, match=r'pip install "backlinkkit\[plot\]"'):
        _profile().plot()


def test_the_caption_says_what_the_values_rest_on() -> None:
    pytest.importorskip("matplotlib")
    from backlinkkit.referrals import read_referrals

    fig = profile_figure(_profile())
    caption = fig.get_suptitle().replace("\n", " ")
    # a.example.org has authority 50 (2 links); b.example.net nothing: 2 of 3 known
    assert caption.startswith(
        "coverage: authority known for 2 of 3 backlinks (defaults used for the rest); "
        "engagement data for 0; visits measured for 0, estimated for 0, unknown for 3; "
        "1 on defaults only"
    )
    assert "referrals" not in caption
    p = extract_links('<a href="https://example.com/">c</a>', "https://b.example.net/")
    refs = read_referrals(
        [{"Session source / medium": "b.example.net / referral", "Landing page": "/",
          "Sessions": 5}],
        base_url="https://example.com/",
    )  # fmt: skip
    fig = profile_figure(audit([p], "example.com", referrals=refs))
    assert "measured sessions credited to 1 backlinks (5 sessions); 0 sessions" in (
        fig.get_suptitle().replace("\n", " ")
    )


def test_the_caption_and_the_axis_say_when_remaining_value_is_unknown() -> None:
    pytest.importorskip("matplotlib")
    from datetime import datetime, timezone

    # one X post (a lifetime curve: 90 clicks, 90 % assumed delivered) and two web pages
    # (no curve: their remaining visits are unknown), one link each
    post = extract_links('<a href="https://example.com/">x</a>', "https://x.com/a/status/1")
    blog = extract_links(
        '<main><a href="https://example.com/a">a</a></main>', "https://blog.example.org/"
    )
    forum = extract_links(
        '<main><a href="https://example.com/b">b</a></main>', "https://forum.example.net/"
    )
    engagement = {
        "https://x.com/a/status/1": Engagement(clicks=90),
        "https://blog.example.org/": Engagement(clicks=20),
        "https://forum.example.net/": Engagement(clicks=5),
    }
    now = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    fig = profile_figure(audit([post, blog, forum], "example.com", engagement=engagement, now=now))
    caption = fig.get_suptitle().replace("\n", " ")
    assert caption.endswith(
        "; remaining social value unknown for 2 of 3 backlinks (no lifetime curve for web "
        "pages; known for 1); totals count delivered visits only for those 2"
    )
    scatter = fig.axes[0]
    assert scatter.get_ylabel() == "social value (visits delivered + remaining, where known)"
    # where nothing is unknown, the caption and the label are as they were
    plain = profile_figure(_profile())
    assert "remaining social value" not in plain.get_suptitle()
    assert plain.axes[0].get_ylabel() == "social value (visits delivered + remaining)"
