"""Segment breakdown: a chart of shares and the table of segment shares."""

from __future__ import annotations

import math

from reports import blocks as b
from reports.arithmetic import decimals_for
from reports.metrics import Figure, RateCheck, SegmentMetrics
from reports.sections import BriefContext, section
from reports.sections.common import (
    COMPUTED_MARK,
    CONFLICT_MARK,
    DERIVED_MARK,
    amount_text,
    conflict_text,
    mark,
    not_available,
    percent_decimals,
    points_text,
    printed_amount,
    printed_percent,
    printed_points,
    rate_text,
    segment_name,
    segment_short,
    share_text,
    show,
)


def _size_order(seg: SegmentMetrics) -> tuple[bool, float]:
    """Largest first, segments without a value last."""
    value = seg.value.value
    return (value is None, -value if value is not None else 0.0)


@section("segment_shares", choices={"show_contribution": ("auto", "always", "never")})
def segment_shares(
    ctx: BriefContext, *, show_chart: bool = True, show_contribution: str = "auto"
) -> list[b.Block]:
    """Value, share, change of share in points and growth per segment, with the total.

    ``show_contribution``: ``auto`` (when the data allows it), ``always`` or ``never``.
    """
    loc, m = ctx.loc, ctx.metrics
    period, previous = loc.period(m.period), loc.period(m.previous)
    ordered = sorted(m.segments, key=_size_order)
    blocks: list[b.Block] = [b.Heading(loc._("Exports by segment, {period}", period=period))]

    if not m.given_segments:
        blocks.append(
            b.Paragraph(loc._("The source gives no breakdown by segment for this period."))
        )
    elif m.missing_segments:
        blocks.append(
            b.Paragraph(
                loc._(
                    "For this period the source breaks down {given} only; {missing} are published "
                    "together, as the part of the total not broken down.",
                    given=loc.join([s.segment for s in m.given_segments]),
                    missing=loc.join(list(m.missing_segments)),
                )
            )
        )

    if show_chart:
        labels, shares, texts, colours, hatched = [], [], [], [], []
        for seg in ordered:
            if seg.share.value is None:
                continue
            labels.append(segment_short(loc, seg.segment) + f" ({seg.segment})")
            shares.append(seg.share.value)
            texts.append(share_text(loc, seg.share))
            colours.append(seg.segment)
            hatched.append(False)
        rest = m.unallocated_share.value
        if rest is not None:
            labels.append(
                loc._("Not broken down ({segments})", segments=" + ".join(m.missing_segments))
            )
            shares.append(rest)
            texts.append(share_text(loc, m.unallocated_share))
            colours.append("OTHER")
            hatched.append(True)
        if shares:
            order = sorted(range(len(shares)), key=lambda i: -shares[i])
            title = loc._("Share of total exports, {period}", period=period)
            spec = b.ShareBars(
                title=title,
                labels=tuple(labels[i] for i in order),
                shares=tuple(shares[i] for i in order),
                value_labels=tuple(texts[i] for i in order),
                colours=tuple(colours[i] for i in order),
                hatched=tuple(hatched[i] for i in order),
            )
            blocks.append(b.Chart(spec, "chart-shares", title, loc.rtl, ctx.brand.primary_colour))

    with_contribution = show_contribution == "always" or (
        show_contribution == "auto" and any(s.contribution.available for s in m.segments)
    )
    columns = [
        loc._("Segment"),
        loc._("Exports (MAD million)"),
        loc._("Share of total"),
        loc._("Change in share"),
        loc._("Growth on {period}", period=previous),
    ]
    numeric = [False, True, True, True, True]
    widths = [3.4, 1.5, 1.2, 1.3, 1.4]
    if with_contribution:
        columns.append(loc._("Contribution to growth"))
        numeric.append(True)
        widths.append(1.4)

    def value(figure: Figure) -> str:
        return show(loc, figure, lambda _v: amount_text(loc, figure), mark_derived=True)

    def growth(figure: Figure, check: RateCheck | None) -> str:
        if figure.value is None:
            return show(loc, figure, str)
        text = rate_text(loc, figure, words=False) + mark(figure)
        return text + CONFLICT_MARK if check is not None and not check.explained else text

    rows: list[tuple[str, ...]] = []
    for seg in ordered:
        row = [
            segment_name(loc, seg.segment),
            value(seg.value),
            share_text(loc, seg.share),
            points_text(loc, seg.share_change),
            growth(seg.growth, seg.check),
        ]
        if with_contribution:
            row.append(points_text(loc, seg.contribution))
        rows.append(tuple(row))
    muted = []
    if m.unallocated.value is not None:
        muted.append(len(rows))
        row = [
            loc._("Not broken down ({segments})", segments=" + ".join(m.missing_segments)),
            value(m.unallocated),
            share_text(loc, m.unallocated_share),
            "—",
            "—",
        ]
        if with_contribution:
            contribution = m.unallocated_contribution
            row.append(points_text(loc, contribution) if contribution.available else "—")
        rows.append(tuple(row))
    total_row = [
        loc._("Total"),
        _total_amount(ctx) if _adds_up(ctx) else value(m.total),
        # 100 % of a zero (or missing) total means nothing: not available
        loc.percent(1.0) if m.total.value and m.total.value > 0 else not_available(loc),
        "—",
        growth(m.growth, m.total_check),
    ]
    if with_contribution:
        total_row.append(_total_contribution(ctx))
    rows.append(tuple(total_row))
    blocks.append(
        b.Table(tuple(columns), tuple(rows), tuple(numeric), tuple(widths), True, tuple(muted))
    )
    blocks.append(b.Paragraph(" ".join(_notes(ctx, with_contribution)), "note"))
    return blocks


def _adds_up(ctx: BriefContext) -> bool:
    """Whether the total is the sum of the five segments as the table prints them."""
    m = ctx.metrics
    if m.total.value is None or m.total.status == "published" or m.missing_segments:
        return False
    printed = math.fsum(printed_amount(s.value) for s in m.segments)
    return math.isclose(printed, m.total.value, rel_tol=1e-12, abs_tol=1e-9)


def _total_amount(ctx: BriefContext) -> str:
    """A total that is the sum of the segments above it, as that sum: 2,500 + 2,350 + 800 +
    520 + 15 is 6,185, not the 6,200 that the rounding 2,500 may carry would print (the column
    would not add up). Its precision shows in the shares and rates computed from it."""
    loc, total = ctx.loc, ctx.metrics.total
    return show(loc, total, lambda v: loc.number(v, decimals_for([v], minimum=0, maximum=3)), True)


def _total_contribution(ctx: BriefContext) -> str:
    """The total's contribution: its growth from the values, in points. When the growth shown
    beside it is that same computed rate, the same digits (Q1 2024: +5 % and +5 pp, known to
    the unit since Q1 2023 carries a value known to the hundred; it printed +5 % and +4.9 pp)."""
    loc, m = ctx.loc, ctx.metrics
    contribution = m.total_contribution
    if contribution.value is None or m.growth.status == "published":
        return points_text(loc, contribution)
    text = loc.points(contribution.value, percent_decimals(m.computed_growth))
    return text + DERIVED_MARK if contribution.status == "derived" else text


def _rounding_shows(ctx: BriefContext, with_contribution: bool) -> bool:
    """Whether the shares or the contributions, as printed, add up to something else than the
    total's as printed (Q1 2023: 40 + 38.0 + 12.9 + 8.4 + 0.2 = 99.5 %; 2024 from quarters:
    contributions of +3.4, -1.4, +1.7, +1.5 and +0.1 pp under a total of +5.1 pp)."""
    m = ctx.metrics
    shares = [s.share for s in m.segments if s.share.available]
    if m.unallocated_share.available:
        shares.append(m.unallocated_share)
    printed = math.fsum(printed_percent(f) for f in shares)
    if shares and m.total.value and m.total.value > 0 and not math.isclose(printed, 100.0):
        return True
    if not with_contribution or m.total_contribution.value is None:
        return False
    parts = [s.contribution for s in m.segments if s.contribution.available]
    if m.unallocated_contribution.available:
        parts.append(m.unallocated_contribution)
    if not parts:
        return False
    total = (
        printed_points(m.total_contribution)
        if m.growth.status == "published"
        else round(m.total_contribution.number, percent_decimals(m.computed_growth))
    )
    return not math.isclose(math.fsum(printed_points(f) for f in parts), total, abs_tol=1e-9)


def _notes(ctx: BriefContext, with_contribution: bool) -> list[str]:
    """What the table's marks mean, and every published rate the values contradict."""
    loc, m = ctx.loc, ctx.metrics
    period, previous = loc.period(m.period), loc.period(m.previous)
    notes = [
        loc._(
            "Exports in millions of dirhams (MAD). Growth and change in share: {period} on "
            "{previous}.",
            period=period,
            previous=previous,
        ),
        loc._("n.a.: not available in the source data."),
    ]
    figures = [f for seg in m.segments for f in (seg.value, seg.share, seg.growth)]
    figures += [m.total, m.growth, m.unallocated, m.unallocated_share]
    if any(f.status == "undefined" for f in figures):
        notes.append(loc._("n.m.: not meaningful, the year-earlier value is zero."))
    published_total = m.published_total.value
    if published_total is not None and m.total_differs_from_published:
        notes.append(
            loc._(
                "Total: sum of the five segments; the source publishes {published} (rounded).",
                published=loc.amount(published_total),
            )
        )
    if m.unallocated.value is not None:
        notes.append(
            loc._(
                "Not broken down: published total minus the segments given (derived value).",
            )
        )
    if any(f.status == "derived" for f in figures):
        notes.append(loc._("{mark} derived value, see Methodology.", mark=DERIVED_MARK))
    if any(f.status == "computed" for f in figures):
        notes.append(
            loc._(
                "{mark} computed from the values in this table, not published by the source.",
                mark=COMPUTED_MARK,
            )
        )
    if any(f.approximate for f in figures):
        notes.append(loc._('≈ published as an approximate figure ("nearly").'))
    if any(s.growth.status == "published" for s in m.segments) or m.growth.status == "published":
        notes.append(loc._("Growth rates are those published by the source where it gives them."))
    checks = [s.check for s in m.segments if s.check is not None]
    if m.total_check is not None:
        checks.append(m.total_check)
    for check in checks:
        if not check.explained:
            notes.append(CONFLICT_MARK + " " + conflict_text(loc, m, check))
    if _rounding_shows(ctx, with_contribution):
        notes.append(
            loc._(
                "Each figure is rounded on its own: the shares or contributions shown may not "
                "add up exactly to the total."
            )
        )
    if with_contribution and m.total_contribution.value is not None:
        shown = rate_text(loc, m.growth)
        computed = loc.percent(m.computed_growth.number, signed=True)
        # Compared at the precision the source gave: +10.0 % is the +10 % it publishes.
        places = percent_decimals(m.growth)
        agree = round(m.computed_growth.number * 100, places) == round(
            m.growth.number * 100, places
        )
        if m.growth.status == "published" and not agree:
            notes.append(
                loc._(
                    "Contributions are computed from the values in this table: they add up to "
                    "{computed}, the change these values give (published rate: {published}).",
                    computed=computed,
                    published=shown,
                )
            )
    return notes
