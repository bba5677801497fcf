"""Exports across comparable periods: the total, and the segments the data gives."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from reports.blocks import TrendBars
from reports.charts.base import (
    GRID,
    INK,
    MUTED,
    NAVY,
    SEGMENT_COLOURS,
    chart_style,
    mirror_for_rtl,
    new_figure,
)


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
        fig = new_figure(width, height)
        left, right = (fig.add_axes((0.07, 0.24, 0.3, 0.62)), fig.add_axes((0.47, 0.24, 0.5, 0.62)))
        if not shown:  # no segment at all: the total alone, on the reader's start side
            right.set_visible(False)
            left.set_position((0.58, 0.24, 0.36, 0.62) if rtl else (0.07, 0.24, 0.36, 0.62))
        elif rtl:  # the first panel (total) sits on the right
            left.set_position((0.63, 0.24, 0.3, 0.62))
            right.set_position((0.03, 0.24, 0.5, 0.62))
        xs = list(range(len(period_labels)))
        peak = max([t for t in totals if t is not None] or [1.0])
        for x, total, text in zip(xs, totals, total_labels, strict=True):
            if total is None:
                left.text(x, peak * 0.05, not_available, ha="center", va="bottom", color=MUTED)
                continue
            left.bar(x, total, color=colour, width=0.55)
            left.text(x, total, text, ha="center", va="bottom", fontsize=7.5, color=INK)
        left.set_xticks(xs, period_labels)
        left.set_ylim(0, peak * 1.2)

        n = max(len(shown), 1)
        bar_w = 0.8 / n
        seg_peak = max([v for s in shown for v in series[s].values if v is not None] or [1.0])
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
                        fontsize=6,
                        rotation=90,
                    )
                else:
                    right.text(
                        offset, value, text, ha="center", va="bottom", fontsize=6.5, color=INK
                    )
        right.set_xticks(xs, period_labels)
        right.set_ylim(0, seg_peak * 1.15)
        if shown:
            handles, names = right.get_legend_handles_labels()
            fig.legend(
                handles,
                names,
                loc="lower center",
                bbox_to_anchor=(0.5, 0.0),
                ncol=min(len(shown), 3),
                frameon=False,
                fontsize=7,
                columnspacing=1.5,
            )
        for ax, title in zip((left, right), titles, strict=True):
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: tick_format(value)))
            ax.yaxis.grid(True, color=GRID, linewidth=0.5)
            ax.set_axisbelow(True)
            ax.tick_params(axis="x", length=0)
            ax.set_xlim(-0.6, len(xs) - 0.4)
            if rtl:
                mirror_for_rtl(ax)
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
