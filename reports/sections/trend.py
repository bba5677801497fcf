"""Trend: exports across the comparable periods the data has (H1 with H1, years with years)."""

from __future__ import annotations

from reports import blocks as b
from reports.arithmetic import decimals_for
from reports.dataset import SEGMENTS
from reports.i18n.localizer import Localizer
from reports.metrics import Figure
from reports.sections import BriefContext, section
from reports.sections.common import (
    billion_decimals,
    mark,
    not_available,
    rate_text,
    segment_short,
    show,
)

MAX_TREND_PERIODS = 6  # more bars than this would not be readable: the most recent ones are shown
MAX_LABELLED_PERIODS = 3  # beyond, the segment bars carry no value label (they would overlap)


BILLION = 1000.0  # MAD million


def _chart_scale(panels: list[list[float | None]]) -> float:
    """The chart's one unit, in MAD million: a billion, unless a panel's largest value is below a
    billion, which would read 0.2, 0.4… on its axis (or 0 for a small segment): then a million.
    """
    peaks = [max((abs(v) for v in panel if v is not None), default=0.0) for panel in panels]
    shown = [peak for peak in peaks if peak > 0]
    return BILLION if shown and min(shown) >= BILLION else 1.0


def _scaled(figure: Figure, scale: float) -> float | None:
    """A value in millions in the chart's unit."""
    return None if figure.value is None else figure.value / scale


def _exact_decimals(value: float) -> int:
    """Decimals that write an axis tick exactly (2.5 -> 1, 0.05 -> 2): no two ticks alike."""
    for decimals in range(4):
        if abs(round(value, decimals) - value) < 1e-9:
            return decimals
    return 3


def _decimals(series: list[float | None], scale: float) -> int:
    """One number of decimals for a series of bar labels, enough to show every change and
    never to print a non-zero value as 0; in millions, no decimal the amounts do not need."""
    present = [v for v in series if v is not None]
    # a huge value (thousands of billions) gets no decimal, so labels keep to their bars
    minimum = 0 if scale < BILLION or any(abs(v) >= 1000 for v in present) else 1
    return decimals_for(present, minimum=minimum, maximum=3)


def _labels(loc: Localizer, series: list[float | None], scale: float = BILLION) -> list[str]:
    """Bar labels of one series with one number of decimals (:func:`_decimals`)."""
    decimals = _decimals(series, scale)
    return ["" if v is None else loc.number(v, decimals) for v in series]


def _total_labels(loc: Localizer, totals: list[Figure], scale: float) -> list[str]:
    """The total bars' labels: as :func:`_labels`, but a total in billions has at least the
    decimals the text writes it with, to its own precision (Q2 2025's 7,149, known to the
    unit, is 7.15 bn on the cover, in the text and in the quarter-by-quarter table: its bar
    said 7.1; Q1 2023's 6,185, known to about 50 M, stays 6.2 beside Q1 2024's 6.49)."""
    series = [_scaled(f, scale) for f in totals]
    decimals = _decimals(series, scale)
    labels = []
    for figure, value in zip(totals, series, strict=True):
        own = billion_decimals(figure) if scale == BILLION and decimals else None
        shown = decimals if own is None else min(3, max(decimals, own))
        labels.append("" if value is None else loc.number(value, shown))
    return labels


@section("trend")
def trend(ctx: BriefContext) -> list[b.Block]:
    """A two-panel chart (total; segments) over comparable periods, and what it leaves out."""
    loc, m = ctx.loc, ctx.metrics
    points = m.trend[-MAX_TREND_PERIODS:]
    blocks: list[b.Block] = [b.Heading(loc._("Trend across comparable periods"))]
    labels = [loc.period(p.period) for p in points]
    scale = _chart_scale(
        [[p.total.value for p in points], [p.segments[s].value for p in points for s in SEGMENTS]]
    )
    totals = [_scaled(p.total, scale) for p in points]
    series = {seg: [_scaled(p.segments[seg], scale) for p in points] for seg in SEGMENTS}
    if len(points) < 2:
        blocks.append(
            b.Paragraph(
                loc._(
                    "The data has no earlier comparable period for {period}: a trend will appear "
                    "as the series grows.",
                    period=loc.period(m.period),
                )
            )
        )
    if scale == BILLION:
        title_total = loc._("Total exports (MAD billion)")
        title_segments = loc._("By segment (MAD billion)")
    else:
        title_total = loc._("Total exports (MAD million)")
        title_segments = loc._("By segment (MAD million)")
    spec = b.TrendBars(
        period_labels=tuple(labels),
        period_stacked=tuple(loc.period_stacked(p.period) for p in points),
        period_years=tuple(loc.year(p.period.year) for p in points),
        totals=tuple(totals),
        total_labels=tuple(_total_labels(loc, [p.total for p in points], scale)),
        segments=tuple(
            b.Series(
                key=seg,
                name=segment_short(loc, seg) + f" ({seg})",
                values=tuple(series[seg]),
                # five labels per period collide beyond a few periods: the axis reads them
                value_labels=tuple(
                    _labels(loc, series[seg], scale)
                    if len(points) <= MAX_LABELLED_PERIODS
                    else [""] * len(points)
                ),
            )
            for seg in SEGMENTS
            if any(v is not None for v in series[seg])
        ),
        titles=(title_total, title_segments),
        not_available=loc._("n.a."),
        tick_format=lambda v: loc.number(v, _exact_decimals(v)),
    )
    blocks.append(b.Chart(spec, "chart-trend", title_total, loc.rtl, ctx.brand.primary_colour))
    missing = [seg for seg in SEGMENTS if all(v is None for v in series[seg])]
    notes = [
        loc._(
            "Only periods comparable with {period} are shown; a missing bar means the source "
            "does not give the figure.",
            period=loc.period(m.period),
        )
    ]
    if len(m.trend) > len(points):
        notes.append(
            loc._(
                "The chart is limited to the most recent comparable periods ({first} to {last}); "
                "the data goes back to {earliest}.",
                first=loc.period(points[0].period),
                last=loc.period(points[-1].period),
                earliest=loc.period(m.trend[0].period),
            )
        )
    if missing:
        notes.append(
            loc.n_(
                "{segments} has no value for these periods.",
                "{segments} have no value for these periods.",
                len(missing),
                segments=loc.join(missing),
            )
        )
    blocks.append(b.Paragraph(" ".join(notes), "note"))
    blocks += _sequence(ctx)
    return blocks


def _change_text(ctx: BriefContext, change: Figure) -> str:
    """A quarter-on-quarter change as the segment table shows a growth: to the digit the
    rounding of the two totals allows, marked as computed."""
    if change.value is None:
        return show(ctx.loc, change, str)  # n.a., or n.m. on a zero quarter
    return rate_text(ctx.loc, change) + mark(change)


def _sequence(ctx: BriefContext) -> list[b.Block]:
    """A quarterly brief also shows the last quarters in sequence, quarter on quarter."""
    loc, m = ctx.loc, ctx.metrics
    if len(m.sequence) < 2:
        return []
    values = [p.total.value for p in m.sequence if p.total.value is not None]
    # each total to the decimals its own precision allows, as the text writes it (the brief's
    # 6,489 is 6.49 bn on the cover and in the text: the table said 6.5), one scale for all
    amounts = iter(
        loc.amounts(values, at_least=billion_decimals(p.total) or 0)[i]
        for i, p in enumerate(p for p in m.sequence if p.total.value is not None)
    )
    rows = []
    for point in m.sequence:
        rows.append(
            (
                loc.period(point.period),
                next(amounts) + mark(point.total)
                if point.total.value is not None
                else not_available(loc),
                _change_text(ctx, point.change),
            )
        )
    return [
        b.Heading(loc._("Quarter by quarter"), level=2),
        b.Table(
            (loc._("Quarter"), loc._("Total exports"), loc._("Change on the previous quarter")),
            tuple(rows),
            (False, True, True),
            (2.0, 2.0, 2.4),
        ),
        b.Paragraph(
            loc._(
                "Consecutive quarters, beside the year-on-year view above; the change on the "
                "previous quarter includes seasonal effects."
            ),
            "note",
        ),
    ]
