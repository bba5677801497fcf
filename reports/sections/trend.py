"""Trend: exports across the comparable periods the data has (H1 with H1, years with years)."""

from __future__ import annotations

from reports import blocks as b
from reports.dataset import SEGMENTS
from reports.i18n.localizer import Localizer
from reports.sections import BriefContext, section
from reports.sections.common import segment_short


def _label(loc: Localizer, billions: float | None) -> str:
    if billions is None:
        return ""
    return loc.number(billions, 2 if abs(billions) < 0.1 else 1)


@section("trend")
def trend(ctx: BriefContext) -> list[b.Block]:
    """A two-panel chart (total; segments) over comparable periods, and what it leaves out."""
    loc, m = ctx.loc, ctx.metrics
    points = m.trend
    blocks: list[b.Block] = [b.Heading(loc._("Trend across comparable periods"))]
    labels = [loc.period(p.period) for p in points]
    totals = [None if p.total.value is None else p.total.value / 1000 for p in points]
    series = {
        seg: [
            None if p.segments[seg].value is None else (p.segments[seg].value or 0.0) / 1000
            for p in points
        ]
        for seg in SEGMENTS
    }
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
    title_total = loc._("Total exports (MAD billion)")
    title_segments = loc._("By segment (MAD billion)")
    spec = b.TrendBars(
        period_labels=tuple(labels),
        totals=tuple(totals),
        total_labels=tuple(loc.number(t, 1) if t is not None else "" for t in totals),
        segments=tuple(
            b.Series(
                key=seg,
                name=segment_short(loc, seg) + f" ({seg})",
                values=tuple(series[seg]),
                value_labels=tuple(_label(loc, v) for v in series[seg]),
            )
            for seg in SEGMENTS
            if any(v is not None for v in series[seg])
        ),
        titles=(title_total, title_segments),
        not_available=loc._("n.a."),
        tick_format=lambda v: loc.number(v, 0 if float(v).is_integer() else 1),
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
    return blocks
