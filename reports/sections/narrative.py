"""Narrative written from the figures: the total, the structure, which segments grew or fell.

Every sentence reads figures computed in :mod:`reports.metrics`; the thresholds that decide
the wording are here: a change within ``STABLE_BAND`` is "virtually unchanged" (for the total
and for each segment alike), two segments "lead" only when together they hold more than half
of the total and the second is clearly ahead of the third.
"""

from __future__ import annotations

from reports import blocks as b
from reports.i18n.localizer import sentence
from reports.metrics import Figure, SegmentMetrics
from reports.sections import BriefContext, section
from reports.sections.common import (
    amount_of,
    conflict_text,
    percent_decimals,
    points_text,
    rate_text,
    share_text,
)

STABLE_BAND = 0.005  # |growth| below 0.5 % reads as "virtually unchanged"
LEAD_TOGETHER = 0.5  # two segments lead when they hold more than half of the total ...
LEAD_MARGIN = 1.5  # ... and the second is at least 1.5 times the third


def _trend(figure: Figure) -> str:
    """``up``, ``down``, ``stable`` or ``none`` for a growth figure."""
    if figure.value is None:
        return "none"
    if abs(figure.value) < STABLE_BAND:
        return "stable"
    return "up" if figure.value > 0 else "down"


def _total_sentence(ctx: BriefContext) -> str:
    loc, m = ctx.loc, ctx.metrics
    values = {
        "when": loc.period_in(m.period),
        "amount": amount_of(loc, m.total),
        "compared": loc.period_compared(m.previous),
    }
    trend = _trend(m.growth)
    if trend == "none":
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}; the data "
            "gives no figure to compare with the same period a year earlier.",
            **values,
        )
    elif trend == "stable":
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}, virtually "
            "unchanged {compared} ({signed}).",
            signed=rate_text(ctx.loc, m.growth),
            **values,
        )
    elif trend == "up":
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}, up {rate} "
            "{compared}.",
            rate=rate_text(loc, m.growth, signed=False),
            **values,
        )
    else:
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}, down {rate} "
            "{compared}.",
            rate=rate_text(loc, _absolute(m.growth), signed=False),
            **values,
        )
    text = sentence(text)
    if m.total_check is not None and not m.total_check.explained:
        text += " " + conflict_text(loc, m, m.total_check)
    return text


def _absolute(figure: Figure) -> Figure:
    from dataclasses import replace

    return figure if figure.value is None else replace(figure, value=abs(figure.value))


def _structure_sentence(ctx: BriefContext) -> str | None:
    loc, m = ctx.loc, ctx.metrics
    given = sorted(m.given_segments, key=lambda s: -s.value.number)
    if not given or not m.total.value or m.total.value <= 0:
        return None  # no structure to describe (shares of a zero total mean nothing)
    if not m.missing_segments and len(given) >= 2:
        first, second = given[0], given[1]
        # No third segment: nothing to be ahead of (a third without a share: not comparable).
        third = given[2].share.value if len(given) > 2 else None
        both = m.lead_share
        if (
            first.share.value is not None
            and second.share.value is not None
            and both.value is not None
            and (third is not None or len(given) == 2)
        ):
            ahead = third is None or second.share.value >= LEAD_MARGIN * third
            leads = both.value > LEAD_TOGETHER and ahead
            if leads:
                return loc._(
                    "{first} and {second} lead the sector with {share_first} and {share_second} "
                    "of the total, {share_both} together.",
                    **_pair(ctx, first, second),
                )
            return loc._(
                "The largest segments are {first} ({share_first} of the total) and {second} "
                "({share_second}); together they hold {share_both}.",
                **_pair(ctx, first, second),
            )
    if m.given_total.value is None or m.given_share.value is None:
        return None
    return loc.n_(
        "Only {segments} is published separately for this period: {amount}, or {share} of "
        "the total.",
        "The segments published separately for this period, {segments}, add up to {amount}, "
        "or {share} of the total; the rest is not broken down.",
        len(given),
        segments=loc.join([s.segment for s in given]),
        amount=amount_of(loc, m.given_total),
        share=share_text(loc, m.given_share, marked=False),
    )


def _pair(ctx: BriefContext, first: SegmentMetrics, second: SegmentMetrics) -> dict[str, str]:
    loc = ctx.loc
    return {
        "first": first.segment,
        "second": second.segment,
        "share_first": share_text(loc, first.share, marked=False),
        "share_second": share_text(loc, second.share, marked=False),
        "share_both": _sum_as_printed(ctx, first.share, second.share),
    }


def _sum_as_printed(ctx: BriefContext, first: Figure, second: Figure) -> str:
    """Two shares together, as the sum of the two as printed beside it (43.0 % and 30.9 %:
    73.9 %, not the 74.0 % of the unrounded shares, which a reader adding them would take for
    an error), to the coarser of their precisions."""
    if first.value is None or second.value is None:
        return share_text(ctx.loc, ctx.metrics.lead_share, marked=False)
    places = [percent_decimals(first), percent_decimals(second)]
    printed = sum(round(f.number * 100, d) for f, d in zip((first, second), places, strict=True))
    return ctx.loc.percent(printed / 100, min(places))


def _movement(ctx: BriefContext, seg: SegmentMetrics) -> str:
    """``ESO +7,1 %``, ``BPO près de +17 %``."""
    return ctx.loc._("{segment} {rate}", segment=seg.segment, rate=rate_text(ctx.loc, seg.growth))


def _as_printed(growth: Figure) -> tuple[float, float]:
    """A rate's order in a list: as printed (KPO "+17%" before BPO "+16.9%", though 16.67 is
    less than 16.93), then its exact value."""
    return round(growth.number * 100, percent_decimals(growth)), growth.number


def _movement_sentences(ctx: BriefContext) -> list[str]:
    loc, m = ctx.loc, ctx.metrics
    by_trend: dict[str, list[SegmentMetrics]] = {"up": [], "down": [], "stable": [], "none": []}
    for seg in m.segments:
        by_trend[_trend(seg.growth)].append(seg)
    grew = sorted(by_trend["up"], key=lambda s: _as_printed(s.growth), reverse=True)
    fell = sorted(by_trend["down"], key=lambda s: _as_printed(s.growth))
    stable = by_trend["stable"]
    out = []
    if grew:
        out.append(
            sentence(
                loc.n_(
                    "One segment grew: {details}.",
                    "{count} segments grew: {details}.",
                    len(grew),
                    spell=True,
                    details=loc.join([_movement(ctx, s) for s in grew]),
                )
            )
        )
    for seg in fell:
        before, after = seg.previous_value.value, seg.value.value
        if before is not None and after is not None:
            before_text, after_text = loc.amounts([before, after])
            out.append(
                loc._(
                    "{segment} fell by {rate}, from {before} to {after}.",
                    segment=seg.segment,
                    rate=rate_text(loc, _absolute(seg.growth), signed=False),
                    before=before_text,
                    after=after_text,
                )
            )
        else:
            out.append(
                loc._(
                    "{segment} fell by {rate}.",
                    segment=seg.segment,
                    rate=rate_text(loc, _absolute(seg.growth), signed=False),
                )
            )
    if stable:
        out.append(
            loc.n_(
                "{details} was virtually unchanged.",
                "{details} were virtually unchanged.",
                len(stable),
                details=loc.join([_movement(ctx, s) for s in stable]),
            )
        )
    for seg in m.segments:
        if seg.check is not None and not seg.check.explained:
            out.append(conflict_text(loc, m, seg.check))
    undefined = [s.segment for s in m.segments if s.growth.status == "undefined"]
    if undefined:
        out.append(
            loc.n_(
                "{segments} had no exports {previous}: a growth rate is not defined.",
                "{segments} had no exports {previous}: growth rates are not defined.",
                len(undefined),
                segments=loc.join(undefined),
                previous=loc.period_in(m.previous),
            )
        )
    without = [s.segment for s in by_trend["none"] if s.growth.status != "undefined"]
    measured = len(m.segments) - len(by_trend["none"])
    if without and measured:
        out.append(
            loc.n_(
                "The data gives no year-earlier figure for {segments}, so its change cannot be "
                "measured.",
                "The data gives no year-earlier figure for {segments}, so their change cannot be "
                "measured.",
                len(without),
                segments=loc.join(without),
            )
        )
    elif (
        without
        and m.growth.value is not None
        and m.given_segments
        and all(s.previous_value.value is None for s in m.segments)
    ):
        out.append(
            loc._(
                "The data gives no breakdown by segment for {previous}: which segments drove "
                "the change cannot be measured yet.",
                previous=loc.period(m.previous),
            )
        )
    return out


def _driver_sentence(ctx: BriefContext) -> str | None:
    """The segment that weighed most on a real change of the total (contributions add up to
    the change the values give; none is named when the total is virtually unchanged)."""
    loc, m = ctx.loc, ctx.metrics
    contributions = [s for s in m.segments if s.contribution.value is not None]
    total = m.total_contribution
    if len(contributions) < len(m.segments) or total.value is None:
        return None
    if _trend(m.computed_growth) in ("stable", "none"):
        return None
    top = max(contributions, key=lambda s: abs(s.contribution.number))
    if top.contribution.number * total.value <= 0:
        return None
    return loc._(
        "{segment} weighed most on the change of the total: {points} of the {rate} that the "
        "values give.",
        segment=top.segment,
        points=points_text(loc, top.contribution, marked=False),
        rate=rate_text(loc, m.computed_growth),
    )


def _year_sentence(ctx: BriefContext) -> str | None:
    """A half or quarter set against the previous full year, where the data has both."""
    loc, m = ctx.loc, ctx.metrics
    if m.previous_year is None:
        return None
    parts = [s for s in m.segments if s.of_previous_year.value is not None]
    if not parts:
        return None
    details = loc.join(
        [
            loc._(
                "{segment} {share}",
                segment=s.segment,
                share=loc.percent(s.of_previous_year.number, percent_decimals(s.of_previous_year)),
            )
            for s in parts
        ]
    )
    if m.period.index == 1:  # Q1 or H1: the year so far
        return loc._(
            "{when}, segments had already reached the following part of their {year} exports: "
            "{details}.",
            when=sentence(loc.period_in(m.period)),
            year=loc.period(m.previous_year),
            details=details,
        )
    # Q2-Q4, H2: the period alone, not the year so far ("already reached" would mislead)
    return loc._(
        "On its own, {period} amounts to the following part of each segment's {year} exports: "
        "{details}.",
        period=loc.period(m.period),
        year=loc.period(m.previous_year),
        details=details,
    )


def narrative_paragraphs(ctx: BriefContext) -> list[str]:
    """The narrative as plain sentences, grouped in paragraphs (also used by tests)."""
    first = [_total_sentence(ctx)]
    structure = _structure_sentence(ctx)
    if structure:
        first.append(structure)
    second = _movement_sentences(ctx)
    driver = _driver_sentence(ctx)
    if driver:
        second.append(driver)
    year = _year_sentence(ctx)
    if year:
        second.append(year)
    return [" ".join(p) for p in (first, second) if p]


@section("narrative")
def narrative(ctx: BriefContext) -> list[b.Block]:
    """What the figures say, in sentences computed from them."""
    blocks: list[b.Block] = [b.Heading(ctx.loc._("What the figures say"))]
    blocks += [b.Paragraph(text, "lead") for text in narrative_paragraphs(ctx)]
    return blocks
