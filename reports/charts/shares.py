"""Horizontal bars of each segment's share of total exports."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from reports.blocks import ShareBars
from reports.charts.base import (
    GRID,
    INK,
    MUTED,
    NAVY,
    SEGMENT_COLOURS,
    blank_figure,
    chart_style,
    mirror_frame,
)


def _frame(ax: Axes, rtl: bool = False) -> None:
    """What every share chart sets alike (once, on the blank figure): labels without marks,
    no value axis, a pale spine beside the labels."""
    ax.tick_params(axis="y", length=0, pad=4)
    ax.tick_params(axis="x", colors=MUTED)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.grid(False)
    ax.spines["left"].set_color(GRID)
    if rtl:
        mirror_frame(ax)
        ax.spines["right"].set_color(GRID)
    ax.tick_params(axis="y", left=False, right=False)  # no marks (no length): nothing to draw


def _frame_rtl(ax: Axes) -> None:
    """:func:`_frame`, labels on the right (the chart reverses the value axis)."""
    _frame(ax, rtl=True)


def share_bars(spec: ShareBars, rtl: bool, colour: str = NAVY) -> Figure:
    """One bar per item, in the given order from the top; shares as fractions."""
    labels, shares, value_labels = spec.labels, spec.shares, spec.value_labels
    colours_of, title = spec.colours, spec.title
    width, height = 170.0, 18.0 + 9.0 * len(labels)
    with chart_style():
        fig, (ax,) = blank_figure(
            width,
            height,
            (0.08, 0.08, 0.62, 0.74) if rtl else (0.30, 0.08, 0.62, 0.74),
            ticks=(1, len(labels)),
            style=_frame_rtl if rtl else _frame,
        )
        positions = list(range(len(labels)))[::-1]
        hatches = spec.hatched or (False,) * len(labels)
        bars = ax.barh(
            positions,
            [s * 100 for s in shares],
            color=[SEGMENT_COLOURS.get(c, SEGMENT_COLOURS["OTHER"]) for c in colours_of],
            height=0.62,
            hatch=["////" if h else "" for h in hatches],
            edgecolor="white",
            linewidth=0.4,
        )
        ax.set_yticks(positions, labels)
        top = max(shares) * 100 if shares and max(shares) > 0 else 1.0
        ax.set_xlim(0, top * 1.22)
        for bar, text in zip(bars, value_labels, strict=True):
            ax.annotate(
                text,
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(-3 if rtl else 3, 0),
                textcoords="offset points",
                ha="right" if rtl else "left",
                va="center",
                color=INK,
                fontsize=7.5,
            )
        if rtl:
            ax.invert_xaxis()  # the value axis grows leftwards (the frame: _frame_rtl)
        fig.text(
            0.98 if rtl else 0.02,
            0.95,
            title,
            ha="right" if rtl else "left",
            va="top",
            fontsize=9,
            fontweight="normal",
            color=colour,
        )
        return fig
