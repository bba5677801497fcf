"""Cover: title, period, and the key figures of the period."""

from __future__ import annotations

from reports import blocks as b
from reports.i18n.localizer import format_day
from reports.sections import BriefContext, section


def _key_figure(ctx: BriefContext, name: str) -> b.KeyFigure | None:
    m, loc = ctx.metrics, ctx.loc
    if name == "total":
        detail = ""
        if m.total_usd.value is not None:
            detail = loc._("about {amount}", amount=loc.amount(m.total_usd.value, "USD"))
        return b.KeyFigure(
            value=loc.amount(m.total.value or 0.0),
            label=loc._("Exports of digital services, {period}", period=loc.period(m.period)),
            detail=detail,
        )
    if name == "growth" and m.growth.value is not None:
        detail = (
            loc._("rate published by the source")
            if m.growth.status == "published"
            else loc._("computed from the published values")
        )
        return b.KeyFigure(
            value=loc.percent(m.growth.value, signed=True),
            label=loc._("Change on {period}", period=loc.period(m.previous)),
            detail=detail,
        )
    if name == "usd" and m.total_usd.value is not None:
        return b.KeyFigure(
            value=loc.amount(m.total_usd.value, "USD"),
            label=loc._("Exports in US dollars, {period}", period=loc.period(m.period)),
            detail=loc._("at {rate} MAD per USD", rate=loc.number(m.fx.value or 0.0, 2)),
        )
    if name == "largest_segment" and not m.missing_segments:
        top = max(m.segments, key=lambda s: s.value.value or 0.0)
        if top.share.value is not None:
            return b.KeyFigure(
                value=loc.percent(top.share.value),
                label=loc._(
                    "Share of {segment}, the largest segment",
                    segment=top.segment,
                ),
                detail=loc.amount(top.value.value or 0.0),
            )
    if name == "jobs" and m.jobs is not None and m.jobs.figure.value is not None:
        return b.KeyFigure(
            value=loc.integer(m.jobs.figure.value),
            label=loc._("Jobs in the sector ({year})", year=loc.period(m.jobs.period)),
            detail=loc._("latest figure published"),
        )
    return None


KEY_FIGURES = ("total", "growth", "usd", "largest_segment", "jobs")


@section("cover", choices={"key_figures": KEY_FIGURES})
def cover(ctx: BriefContext, *, key_figures: list[str] | None = None) -> list[b.Block]:
    """Title, period and up to four key figures (those the data gives for the period)."""
    loc, m = ctx.loc, ctx.metrics
    names = key_figures or ["total", "growth", "largest_segment", "jobs"]
    items = [kf for kf in (_key_figure(ctx, n) for n in names) if kf is not None][:4]
    blocks: list[b.Block] = []
    organisation, logo = ctx.brand.organisation.get(loc.tag), ctx.brand.logo.get(loc.tag)
    if organisation or logo:
        blocks.append(b.Masthead(organisation, logo))
    contact = ctx.brand.contact.get(loc.tag)
    blocks += [
        b.Title(
            loc._("Exports of digital and outsourcing services"),
            loc._("Morocco — {period}", period=loc.period(m.period, long=True)),
            loc._("Figures from official statistics; every figure is sourced on the last page."),
            published=loc._("Published on {date}", date=format_day(loc, ctx.published))
            if ctx.published
            else "",
            contact=loc._("Contact: {contact}", contact=contact) if contact else "",
        ),
        b.KeyFigures(tuple(items)),
    ]
    return blocks
