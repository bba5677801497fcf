"""Charts drawn with matplotlib's object API (no pyplot state): a chart block -> a Figure.

The renderer (``reports.render.chart``) paints the figure onto the page; nothing here writes files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reports.blocks import Chart


def figure_for(chart: Chart) -> Figure:
    """The matplotlib figure of ``chart``, sized in inches as it sits on the page."""
    from reports import blocks as b

    if isinstance(chart.spec, b.ShareBars):
        from reports.charts.shares import share_bars

        return share_bars(chart.spec, chart.rtl, chart.colour)
    if isinstance(chart.spec, b.TrendBars):
        from reports.charts.trend import trend_chart

        return trend_chart(chart.spec, chart.rtl, chart.colour)
    raise TypeError(f"unknown chart {chart.spec!r}")
