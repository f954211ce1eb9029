"""The figure of a backlink profile (needs ``pip install "backlinkkit[plot]"``).

:func:`profile_figure` draws each referring domain's direct value against its
social value, and the mix of link types, on a
:class:`matplotlib.figure.Figure` built directly: no pyplot, no display, no file.
:meth:`BacklinkProfile.plot() <backlinkkit.audit.BacklinkProfile.plot>` calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .audit import BacklinkProfile

__all__ = ["profile_figure"]

#: One colour per link type, in the order of :data:`~backlinkkit.audit.LINK_TYPES`.
_TYPE_COLOURS = ("#2a9d8f", "#e76f51", "#f4a261", "#e9c46a", "#8d99ae")


def profile_figure(profile: BacklinkProfile) -> Figure:
    """Direct against social value per referring domain (marker size: its number of
    links; both axes symlog), and a bar per link type."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingDependencyError(
            'BacklinkProfile.plot needs matplotlib: pip install "backlinkkit[plot]"'
        ) from None
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    scatter, bars = fig.subplots(1, 2, width_ratios=(3, 2))
    domains = profile.domains()
    xs = [d.direct for d in domains]
    ys = [d.social for d in domains]
    scatter.scatter(xs, ys, s=[30 + 20 * d.links for d in domains], alpha=0.7)
    for d in domains:
        scatter.annotate(
            d.domain,
            (d.direct, d.social),
            fontsize=8,
            xytext=(4, 4),
            textcoords="offset points",
        )
    scatter.set_xscale("symlog", linthresh=_linthresh(xs))
    scatter.set_yscale("symlog", linthresh=_linthresh(ys))
    scatter.set_xlabel("direct SEO value (equity units)")
    scatter.set_ylabel("social value (visit-equivalents)")
    scatter.set_title(f"Referring domains of {profile.target}")
    types = [name for name, _ in profile.summary.link_types]
    counts = [n for _, n in profile.summary.link_types]
    bars.bar(types, counts, color=list(_TYPE_COLOURS))
    bars.set_ylabel("backlinks")
    bars.set_title("Link types")
    bars.tick_params(axis="x", labelrotation=30)
    return fig


def _linthresh(values: list[float]) -> float:
    """The linear range of a symlog axis: the smallest positive value (1 when none)."""
    positive = [v for v in values if v > 0]
    return min(positive) if positive else 1.0
