"""Segment breakdown: a chart of shares and the table of segment shares."""

from __future__ import annotations

from reports import blocks as b
from reports.sections import BriefContext, section
from reports.sections.common import DERIVED_MARK, segment_name, segment_short, show


@section("segment_shares", choices={"show_contribution": ("auto", "always", "never")})
def segment_shares(
    ctx: BriefContext, *, show_chart: bool = True, show_contribution: str = "auto"
) -> list[b.Block]:
    """Value, share, change of share in points and growth per segment, with the total.

    ``show_contribution``: ``auto`` (when the data allows it), ``always`` or ``never``.
    """
    loc, m = ctx.loc, ctx.metrics
    period, previous = loc.period(m.period), loc.period(m.previous)
    ordered = sorted(m.segments, key=lambda s: -(s.value.value or -1.0))
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
            texts.append(loc.percent(seg.share.value))
            colours.append(seg.segment)
            hatched.append(False)
        rest = m.unallocated_share
        if rest is not None:
            labels.append(
                loc._("Not broken down ({segments})", segments=" + ".join(m.missing_segments))
            )
            shares.append(rest)
            texts.append(loc.percent(rest))
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

    def number(x: float) -> str:
        return loc.integer(x)

    rows: list[tuple[str, ...]] = []
    for seg in ordered:
        row = [
            segment_name(loc, seg.segment),
            show(loc, seg.value, number),
            show(loc, seg.share, loc.percent),
            show(loc, seg.share_change, loc.points),
            show(loc, seg.growth, lambda g: loc.percent(g, signed=True)),
        ]
        if with_contribution:
            row.append(show(loc, seg.contribution, loc.points))
        rows.append(tuple(row))
    muted = []
    if m.unallocated.value is not None:
        muted.append(len(rows))
        row = [
            loc._("Not broken down ({segments})", segments=" + ".join(m.missing_segments)),
            show(loc, m.unallocated, number),
            loc.percent(m.unallocated_share or 0.0),
            "—",
            "—",
        ]
        if with_contribution:
            row.append("—")
        rows.append(tuple(row))
    total_row = [
        loc._("Total"),
        show(loc, m.total, number),
        loc.percent(1.0),
        "—",
        show(loc, m.growth, lambda g: loc.percent(g, signed=True)),
    ]
    if with_contribution:
        total_row.append(show(loc, m.growth, lambda g: loc.points(g * 100)))
    rows.append(tuple(total_row))
    blocks.append(
        b.Table(tuple(columns), tuple(rows), tuple(numeric), tuple(widths), True, tuple(muted))
    )

    notes = [
        loc._(
            "Exports in millions of dirhams (MAD). Growth and change in share: {period} on "
            "{previous}.",
            period=period,
            previous=previous,
        ),
        loc._("n.a.: not available in the source data."),
    ]
    if m.total.status == "computed" and m.published_total.value is not None:
        notes.append(
            loc._(
                "Total: sum of the five segments; the source publishes {published} (rounded).",
                published=loc.amount(m.published_total.value),
            )
        )
    if m.unallocated.value is not None:
        notes.append(
            loc._(
                "Not broken down: published total minus the segments given (derived value).",
            )
        )
    if any(s.status == "derived" for seg in m.segments for s in (seg.value, seg.share)):
        notes.append(loc._("{mark} derived value, see Methodology.", mark=DERIVED_MARK))
    if any(s.growth.status == "published" for s in m.segments) or m.growth.status == "published":
        notes.append(loc._("Growth rates are those published by the source where it gives them."))
    blocks.append(b.Paragraph(" ".join(notes), "note"))
    return blocks
