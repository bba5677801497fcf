"""Narrative written from the figures: the total, the structure, which segments grew or fell."""

from __future__ import annotations

from reports import blocks as b
from reports.i18n.localizer import sentence
from reports.metrics import SegmentMetrics
from reports.sections import BriefContext, section

STABLE_BAND = 0.005  # |growth| below 0.5 % reads as "virtually unchanged"


def _total_sentence(ctx: BriefContext) -> str:
    loc, m = ctx.loc, ctx.metrics
    values = {
        "when": loc.period_in(m.period),
        "amount": loc.amount(m.total.value or 0.0),
        "compared": loc.period_compared(m.previous),
    }
    if m.growth.value is None:
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}; the data "
            "gives no figure to compare with the same period a year earlier.",
            **values,
        )
    elif abs(m.growth.value) < STABLE_BAND:
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}, virtually "
            "unchanged {compared} ({signed}).",
            signed=loc.percent(m.growth.value, signed=True),
            **values,
        )
    elif m.growth.value > 0:
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}, up {rate} "
            "{compared}.",
            rate=loc.percent(m.growth.value),
            **values,
        )
    else:
        text = loc._(
            "{when}, exports of digital and outsourcing services reached {amount}, down {rate} "
            "{compared}.",
            rate=loc.percent(abs(m.growth.value)),
            **values,
        )
    return sentence(text)


def _structure_sentence(ctx: BriefContext) -> str | None:
    loc, m = ctx.loc, ctx.metrics
    given = sorted(m.given_segments, key=lambda s: -(s.value.value or 0.0))
    if not given:
        return None
    if not m.missing_segments and len(given) >= 2 and given[0].share.value and given[1].share.value:
        first, second = given[0], given[1]
        return loc._(
            "{first} and {second} lead the sector with {share_first} and {share_second} of "
            "the total, {share_both} together.",
            first=first.segment,
            second=second.segment,
            share_first=loc.percent(first.share.value or 0.0),
            share_second=loc.percent(second.share.value or 0.0),
            share_both=loc.percent((first.share.value or 0.0) + (second.share.value or 0.0)),
        )
    shares = [s.share.value or 0.0 for s in given]
    return loc.n_(
        "Only {segments} is published separately for this period: {amount}, or {share} of "
        "the total.",
        "The segments published separately for this period, {segments}, add up to {amount}, "
        "or {share} of the total; the rest is not broken down.",
        len(given),
        segments=loc.join([s.segment for s in given]),
        amount=loc.amount(sum(s.value.value or 0.0 for s in given)),
        share=loc.percent(sum(shares)),
    )


def _movement(ctx: BriefContext, seg: SegmentMetrics) -> str:
    """``ESO +7,1 %``."""
    rate = ctx.loc.percent(seg.growth.value or 0.0, signed=True)
    return ctx.loc._("{segment} {rate}", segment=seg.segment, rate=rate)


def _movement_sentences(ctx: BriefContext) -> list[str]:
    loc, m = ctx.loc, ctx.metrics
    with_growth = [s for s in m.segments if s.growth.value is not None]
    grew = sorted(
        (s for s in with_growth if (s.growth.value or 0) > 0), key=lambda s: -(s.growth.value or 0)
    )
    fell = sorted(
        (s for s in with_growth if (s.growth.value or 0) < 0), key=lambda s: s.growth.value or 0
    )
    out = []
    if grew:
        out.append(
            loc.n_(
                "One segment grew: {details}.",
                "{count} segments grew: {details}.",
                len(grew),
                details=loc.join([_movement(ctx, s) for s in grew]),
            )
        )
    for seg in fell:
        before = seg.previous_value.value
        if before is not None and seg.value.value is not None:
            out.append(
                loc._(
                    "{segment} fell by {rate}, from {before} to {after}.",
                    segment=seg.segment,
                    rate=loc.percent(abs(seg.growth.value or 0.0)),
                    before=loc.amount(before),
                    after=loc.amount(seg.value.value),
                )
            )
        else:
            out.append(
                loc._(
                    "{segment} fell by {rate}.",
                    segment=seg.segment,
                    rate=loc.percent(abs(seg.growth.value or 0.0)),
                )
            )
    without = [s.segment for s in m.segments if s.growth.value is None]
    if without and with_growth:
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
    elif without and m.growth.value is not None:
        out.append(
            loc._(
                "The data gives no breakdown by segment for {previous}: which segments drove "
                "the change cannot be measured yet.",
                previous=loc.period(m.previous),
            )
        )
    return out


def _driver_sentence(ctx: BriefContext) -> str | None:
    loc, m = ctx.loc, ctx.metrics
    contributions = [s for s in m.segments if s.contribution.value is not None]
    if len(contributions) < len(m.segments) or m.growth.value is None:
        return None
    top = max(contributions, key=lambda s: abs(s.contribution.value or 0.0))
    return loc._(
        "{segment} weighed most on the change of the total: {points} of the {rate}.",
        segment=top.segment,
        points=loc.points(top.contribution.value or 0.0),
        rate=loc.percent(m.growth.value, signed=True),
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
    return [" ".join(p) for p in (first, second) if p]


@section("narrative")
def narrative(ctx: BriefContext) -> list[b.Block]:
    """What the figures say, in sentences computed from them."""
    blocks: list[b.Block] = [b.Heading(ctx.loc._("What the figures say"))]
    blocks += [b.Paragraph(text, "lead") for text in narrative_paragraphs(ctx)]
    return blocks
