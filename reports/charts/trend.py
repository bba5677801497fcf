"""Exports across comparable periods: the total, and the segments the data gives."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from reports.blocks import TrendBars
from reports.charts.base import (
    GRID,
    INK,
    MUTED,
    NAVY,
    SEGMENT_COLOURS,
    blank_figure,
    chart_style,
    mirror_for_rtl,
)


def legend_order(
    handles: list[Any], names: list[str], columns: int, rtl: bool
) -> tuple[list[Any], list[str]]:
    """Entries arranged so the legend reads row by row in the page's direction (first entry top
    left, or top right right to left). matplotlib fills columns top to bottom, left to right, so
    the grid is padded with blank entries and handed over column by column."""
    from matplotlib.patches import Patch

    rows = -(-len(handles) // columns)
    blank = Patch(visible=False)
    grid = [
        [
            (handles[i], names[i]) if i < len(handles) else (blank, "")
            for i in range(r * columns, (r + 1) * columns)
        ]
        for r in range(rows)
    ]
    if rtl:
        grid = [row[::-1] for row in grid]
    ordered = [grid[r][c] for c in range(columns) for r in range(rows)]
    return [h for h, _ in ordered], [n for _, n in ordered]


_TICK_SIZE = 7.5  # points, as the chart style's font size


@lru_cache(maxsize=1024)
def _line_width(text: str, size: float) -> float:
    """Width in points of one line of chart text as drawn (shaped, in visual order); cached,
    as period labels repeat from brief to brief."""
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.ft2font import LoadFlags

    from reports.i18n.rtl import visual_line

    font = get_font(findfont(FontProperties(family="DejaVu Sans")))
    font.set_size(size, 72)
    font.set_text(visual_line(text), 0.0, flags=LoadFlags.NO_HINTING)
    return float(font.get_width_height()[0]) / 64.0


def fitted_period_labels(spec: TrendBars, slot: float) -> tuple[str, ...]:
    """The first of the label forms (one line, two lines, the year) whose lines all fit in
    ``slot`` points, else the shortest."""
    candidates = [c for c in (spec.period_labels, spec.period_stacked, spec.period_years) if c]
    for labels in candidates:
        widest = max(
            (_line_width(line, _TICK_SIZE) for t in labels for line in t.split("\n")), default=0.0
        )
        if widest <= slot:
            return tuple(labels)
    return tuple(candidates[-1])


def _panel(ax: Axes) -> None:
    """What every panel sets alike (once, on the blank figure): value grid behind the bars, no
    marks on the period axis."""
    ax.yaxis.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="x", length=0, bottom=False)  # no marks: nothing to draw


def trend_chart(spec: TrendBars, rtl: bool, colour: str = NAVY) -> Figure:
    """Two panels: total exports per period (bars), segment values per period (grouped bars).

    Values are in billions of MAD (the panel titles say so). ``None`` is drawn as an empty slot
    marked ``spec.not_available``.
    """
    period_labels, totals, total_labels = spec.period_labels, spec.totals, spec.total_labels
    not_available, titles, tick_format = spec.not_available, spec.titles, spec.tick_format
    series = {s.key: s for s in spec.segments if any(v is not None for v in s.values)}
    shown = list(series)
    width, height = 170.0, 72.0
    with chart_style():
        fig, (left, right) = blank_figure(
            width,
            height,
            (0.07, 0.24, 0.3, 0.62),
            (0.47, 0.24, 0.5, 0.62),
            ticks=(len(period_labels), 8),  # the value axis: about 8 ticks (some out of view)
            limits_given=True,  # both panels' limits are set below
            style=_panel,  # the same blank in both directions: mirrored below
        )
        if not shown:  # no segment at all: the total alone, on the reader's start side
            right.set_visible(False)
            left.set_position((0.58, 0.24, 0.36, 0.62) if rtl else (0.07, 0.24, 0.36, 0.62))
        elif rtl:  # the first panel (total) sits on the right
            left.set_position((0.63, 0.24, 0.3, 0.62))
            right.set_position((0.03, 0.24, 0.5, 0.62))
        xs = list(range(len(period_labels)))
        # An all-zero series still gets a 0..1 axis (not a degenerate -0..0 one).
        peak = max([t for t in totals if t is not None and t > 0] or [1.0])
        given = [(x, total) for x, total in zip(xs, totals, strict=True) if total is not None]
        if given:
            left.bar([x for x, _ in given], [t for _, t in given], color=colour, width=0.55)
        for x, total, text in zip(xs, totals, total_labels, strict=True):
            if total is None:
                left.text(x, peak * 0.05, not_available, ha="center", va="bottom", color=MUTED)
            else:
                left.text(x, total, text, ha="center", va="bottom", fontsize=7.5, color=INK)
        # The narrowest slot of a period: the total panel's width over the periods, less a gap.
        slot = 0.3 * width / 25.4 * 72 / max(len(xs), 1) * 0.9
        period_labels = fitted_period_labels(spec, slot)
        if any("\n" in label for label in period_labels):  # room for the second line
            for ax in (left, right):
                x0, y0, w, h = ax.get_position().bounds
                ax.set_position((x0, y0 + 0.05, w, h - 0.05))
        left.set_xticks(xs, period_labels)
        left.set_ylim(0, peak * 1.2)

        n = max(len(shown), 1)
        bar_w = 0.8 / n
        seg_peak = max(
            [v for s in shown for v in series[s].values if v is not None and v > 0] or [1.0]
        )
        for i, seg in enumerate(shown):
            offsets = [x - 0.4 + bar_w * (i + 0.5) for x in xs]
            values = series[seg].values
            right.bar(
                [o for o, v in zip(offsets, values, strict=True) if v is not None],
                [v for v in values if v is not None],
                width=bar_w * 0.92,
                color=SEGMENT_COLOURS[seg],
                label=series[seg].name,
            )
            for offset, value, text in zip(offsets, values, series[seg].value_labels, strict=True):
                if value is None:
                    right.text(
                        offset,
                        seg_peak * 0.02,
                        not_available,
                        ha="center",
                        va="bottom",
                        color=MUTED,
                        fontsize=5.5,
                    )
                else:
                    right.text(
                        offset, value, text, ha="center", va="bottom", fontsize=6.5, color=INK
                    )
        right.set_xticks(xs, period_labels)
        right.set_ylim(0, seg_peak * 1.15)
        if shown:
            handles, names = right.get_legend_handles_labels()
            columns = min(len(shown), 3)
            handles, names = legend_order(list(handles), names, columns, rtl)
            fig.legend(
                handles,
                names,
                loc="lower center",
                bbox_to_anchor=(0.5, 0.0),
                ncol=columns,
                frameon=False,
                fontsize=7,
                columnspacing=1.5,
                markerfirst=not rtl,  # right to left: the swatch on the right of its label
            )
        for ax, title in zip((left, right), titles, strict=True):
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: tick_format(value)))
            ax.set_xlim(-0.6, len(xs) - 0.4)
            if rtl:
                mirror_for_rtl(ax)  # time runs right to left
                ax.spines["right"].set_color(MUTED)
            ax.set_title(  # y given: no search for tick labels above the axes (there are none)
                title,
                fontsize=9,
                fontweight="normal",
                color=colour,
                loc="right" if rtl else "left",
                y=1.0,
            )
        return fig
