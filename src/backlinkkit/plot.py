"""The figure of a backlink profile (needs ``pip install "backlinkkit[plot]"``).

:func:`profile_figure` draws each referring domain's direct value (counted as
:data:`~backlinkkit.audit.AGGREGATION` says) against its social value, and the
mix of link types, on a :class:`ProfileFigure` built directly: no pyplot, no
global state, no display, no file.  :meth:`BacklinkProfile.plot()
<backlinkkit.audit.BacklinkProfile.plot>` calls it.

A :class:`ProfileFigure` is a :class:`matplotlib.figure.Figure` that shows itself
in Jupyter without ``%matplotlib inline`` (it has ``_repr_png_``); ``fig.savefig``
writes it to a file you name.  What keeps it readable on real data:

* at most :data:`MAX_LABELS` domains are labelled (the largest), long names cut in
  the middle, each label placed where it overlaps no other;
* both axes are symlog (values span decades and include 0); when every social
  value is 0 the social axis is a plain 0–1 axis that says so;
* marker size is the domain's number of backlinks, with a legend for it;
* link-type counts are horizontal bars with integer ticks and the count written
  at the end of each bar;
* a profile with no backlinks gives a figure that says so;
* a caption under the title says what the values rest on (the summary's
  coverage: how many backlinks had authority, engagement, measured visits, and
  for how many the remaining social value is unknown: no lifetime curve for web
  pages, so their points count delivered visits only, and the social axis says
  "where known") and, with referrals, how many measured sessions were credited.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ._format import cut_middle
from .errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .audit import BacklinkProfile

__all__ = ["MAX_LABELS", "caption", "profile_figure"]

#: One colour per link type, in the order of :data:`~backlinkkit.audit.LINK_TYPES`.
_TYPE_COLOURS = ("#2a9d8f", "#e76f51", "#f4a261", "#e9c46a", "#8d99ae")

#: How many referring domains the scatter plot labels (the largest by value).
MAX_LABELS = 12

_LABEL_CHARS = 26
_FONT = 8.0


def _figure_class() -> type[Figure]:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingDependencyError(
            'BacklinkProfile.plot needs matplotlib: pip install "backlinkkit[plot]"'
        ) from None

    class ProfileFigure(Figure):
        """A figure that renders itself as PNG for Jupyter (``_repr_png_``)."""

        def _repr_png_(self) -> bytes:
            import io

            FigureCanvasAgg(self)
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return ProfileFigure


def profile_figure(profile: BacklinkProfile) -> Figure:
    """Direct against social value per referring domain (marker size: its number of
    backlinks; both axes symlog), and a bar per link type."""
    cls = _figure_class()
    fig = cls(figsize=(11, 4.9), layout="constrained")
    scatter, bars = fig.subplots(1, 2, width_ratios=(3, 2))
    points = _draw_domains(scatter, profile)
    _draw_types(bars, profile)
    fig.suptitle(caption(profile), fontsize=_FONT, color="#555555")
    if points is not None:
        fig.draw_without_rendering()  # final layout first: labels are placed in pixels
        _label(scatter, *points)
    return fig


def caption(profile: BacklinkProfile) -> str:
    """The figure's caption: coverage, and the referral credit when referrals were given
    (text of :mod:`backlinkkit.report`), wrapped to the figure's width."""
    import textwrap

    from .report import coverage_text, referral_text

    summary = profile.summary
    text = f"coverage: {coverage_text(summary.coverage)}"
    if summary.referrals is not None:
        text += f"; {referral_text(summary.referrals)}"
    return textwrap.fill(text, width=160)


def _size(links: int) -> float:
    """Marker area (points²) for a domain with *links* backlinks: grows with the log."""
    return 30.0 + 60.0 * math.log2(max(links, 1))


def _draw_domains(
    ax: Axes, profile: BacklinkProfile
) -> tuple[Any, list[float], list[float]] | None:
    from matplotlib.ticker import NullLocator

    ax.set_title(f"Referring domains of {profile.target}")
    domains = profile.domains()
    ax.set_xlabel("direct SEO value, counted per referring domain (equity units)")
    ax.set_ylabel(
        "social value (visits delivered + remaining"
        + (", where known)" if profile.summary.coverage.lifetime_unknown else ")")
    )
    if not domains:
        ax.text(
            0.5,
            0.5,
            f"No backlinks to {profile.target}\nin the {profile.summary.pages} pages audited",
            ha="center",
            va="center",
            transform=ax.transAxes,
            fontsize=11,
            color="#555555",
        )
        ax.xaxis.set_major_locator(NullLocator())
        ax.yaxis.set_major_locator(NullLocator())
        return None
    xs = [d.counted for d in domains]
    ys = [d.social for d in domains]
    ax.scatter(xs, ys, s=[_size(d.links) for d in domains], alpha=0.6, color="#264653")
    _scale(ax, "x", xs)
    if any(y > 0 for y in ys):
        _scale(ax, "y", ys)
    else:
        ax.set_ylim(-0.5, 1.0)
        ax.set_yticks([0.0])
        ax.text(
            0.02,
            0.95,
            "no social value: no engagement data given, or none measured",
            transform=ax.transAxes,
            fontsize=_FONT,
            color="#555555",
            va="top",
        )
    _size_legend(ax, max(d.links for d in domains))
    return domains, xs, ys


def _scale(ax: Axes, axis: str, values: list[float]) -> None:
    """Symlog when the positive values span more than two decades, else linear; with
    room around the points so that markers and labels are not clipped."""
    positive = [v for v in values if v > 0]
    top = max(values)
    set_lim = ax.set_xlim if axis == "x" else ax.set_ylim
    if positive and top / min(positive) > 100:
        # a power of ten below the smallest value: 0 and the first decade tick stay apart
        linthresh = 10.0 ** math.floor(math.log10(min(positive)) - 1)
        (ax.set_xscale if axis == "x" else ax.set_yscale)("symlog", linthresh=linthresh)
        low = min(values)
        set_lim(-linthresh * 0.5 if low <= 0 else low / 3, top * 3)
    else:
        span = top if top > 0 else 1.0
        set_lim(-0.08 * span, 1.15 * span)


def _label(ax: Axes, domains: Any, xs: list[float], ys: list[float]) -> None:
    """Label the largest domains, each where its text box overlaps no earlier one and stays
    inside the axes; domains drawn at the same spot share one label ("a.com +3")."""
    fig = ax.figure
    dpi = fig.dpi
    char_w, line_h = _FONT * 0.62 * dpi / 72, _FONT * 1.2 * dpi / 72
    frame = ax.get_window_extent()
    spots: dict[tuple[int, int], list[int]] = {}
    for i in sorted(range(len(domains)), key=lambda i: (-(xs[i] + ys[i]), -domains[i].links)):
        px, py = ax.transData.transform((xs[i], ys[i]))
        spots.setdefault((round(px / 4), round(py / 4)), []).append(i)
    placed: list[tuple[float, float, float, float]] = []
    legend = ax.get_legend()
    if legend is not None:  # the size legend is an obstacle too
        extent = legend.get_window_extent()
        placed.append((extent.x0, extent.y0, extent.x1, extent.y1))
    pad = 3.0
    near = ((6, 4), (6, -12), (-6, 4), (-6, -12), (6, 16), (-6, 16), (6, -24), (-6, -24))
    # farther out, with a leader line, for crowded rows (all social values 0 ...)
    far = tuple((dx, dy) for dy in (36, -44, 52, -60, 68, -76, 84, -92) for dx in (10, -10))
    offsets = near + far
    for members in list(spots.values())[:MAX_LABELS]:
        i = members[0]
        text = cut_middle(domains[i].domain, _LABEL_CHARS)
        if len(members) > 1:
            text += f" +{len(members) - 1}"
        px, py = ax.transData.transform((xs[i], ys[i]))
        width = char_w * len(text)
        for dx, dy in offsets:
            x0 = px + dx * dpi / 72 - (width if dx < 0 else 0)
            y0 = py + dy * dpi / 72
            box = (x0 - pad, y0 - pad, x0 + width + pad, y0 + line_h + pad)
            inside = frame.x0 <= box[0] and box[2] <= frame.x1
            inside = inside and frame.y0 <= box[1] and box[3] <= frame.y1
            if inside and not any(_overlap(box, other) for other in placed):
                break
        else:
            continue  # no free place: leave this one unlabelled
        placed.append(box)
        leader = {"arrowstyle": "-", "color": "#999999", "lw": 0.6} if abs(dy) > 30 else None
        ax.annotate(
            text,
            (xs[i], ys[i]),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=_FONT,
            ha="right" if dx < 0 else "left",
            annotation_clip=True,
            arrowprops=leader,
        )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _size_legend(ax: Axes, most: int) -> None:
    """A legend of marker sizes: 1 backlink, and up to two larger round numbers."""
    steps = [1]
    middle = [n for n in (5, 10, 20, 50, 100, 200, 500, 1000, 5000) if 2 * n <= most]
    if middle:
        steps.append(middle[-1])
    if most > 1:
        steps.append(most)
    handles = [
        ax.scatter([], [], s=_size(n), color="#264653", alpha=0.6, label=f"{n}") for n in steps
    ]
    ax.legend(
        handles=handles,
        title="backlinks",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),  # outside the axes: it never hides a point
        fontsize=_FONT,
        title_fontsize=_FONT,
        labelspacing=1.2,
        borderpad=0.8,
        framealpha=0.8,
    )


def _draw_types(ax: Axes, profile: BacklinkProfile) -> None:
    from matplotlib.ticker import MaxNLocator

    types = [name for name, _ in profile.summary.link_types]
    counts = [n for _, n in profile.summary.link_types]
    positions = list(range(len(types)))
    ax.barh(positions, counts, color=list(_TYPE_COLOURS))
    ax.set_yticks(positions, labels=types)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max([*counts, 1]) * 1.15)
    for y, n in zip(positions, counts, strict=True):
        ax.text(n, y, f" {n}", va="center", fontsize=_FONT)
    ax.set_xlabel("backlinks")
    shares = profile.summary.shares
    ax.set_title("Link types" + (f" ({shares} share buttons left out)" if shares else ""))


def _linthresh(values: list[float]) -> float:
    """The linear range of a symlog axis: the smallest positive value (1 when none)."""
    positive = [v for v in values if v > 0]
    return min(positive) if positive else 1.0
