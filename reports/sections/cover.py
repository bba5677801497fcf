"""Cover: title, period, and the key figures of the period."""

from __future__ import annotations

from dataclasses import replace

from reports import blocks as b
from reports.i18n.localizer import format_day
from reports.sections import BriefContext, section
from reports.sections.common import (
    DERIVED_MARK,
    amount_of,
    rate_of_exchange,
    rate_text,
    share_text,
)


def _marked(text: str, derived: bool) -> str:
    return text + DERIVED_MARK if derived else text


def _key_figure(ctx: BriefContext, name: str) -> b.KeyFigure | None:
    m, loc = ctx.metrics, ctx.loc
    if name == "total" and m.total.value is not None:
        detail = ""
        if m.total_usd.value is not None:
            detail = loc._(
                "about {amount}",
                amount=_marked(
                    loc.amount(m.total_usd.value, "USD"), m.total_usd.status == "derived"
                ),
            )
        return b.KeyFigure(
            value=_marked(amount_of(loc, m.total), m.total.status == "derived"),
            label=loc._(
                "Exports of digital and outsourcing services, {period}", period=loc.period(m.period)
            ),
            detail=detail,
        )
    if name == "growth" and m.growth.value is not None:
        if m.total_check is not None and not m.total_check.explained:
            detail = loc._(
                "published rate; the values in this brief give {computed}",
                computed=loc.percent(m.total_check.recomputed, signed=True),
            )
        elif m.growth.status == "published":
            detail = loc._("rate published by the source")
        else:
            detail = loc._("computed from the published values")
        return b.KeyFigure(
            value=_marked(rate_text(loc, m.growth, words=False), m.growth.status == "derived"),
            label=loc._("Change on {period}", period=loc.period(m.previous)),
            detail=detail,
        )
    if name == "usd" and m.total_usd.value is not None and m.fx.value is not None:
        return b.KeyFigure(
            value=_marked(loc.amount(m.total_usd.value, "USD"), m.total_usd.status == "derived"),
            label=loc._("Exports in US dollars, {period}", period=loc.period(m.period)),
            detail=loc._(
                "at {rate} MAD per USD",
                rate=rate_of_exchange(loc, replace(m.fx, status="published")),
            ),
        )
    if name == "largest_segment" and not m.missing_segments:
        top = max(m.segments, key=lambda s: s.value.value if s.value.value is not None else 0.0)
        tied = [s for s in m.segments if s.value.value == top.value.value]
        if len(tied) == 1 and top.share.value is not None and top.value.value is not None:
            return b.KeyFigure(
                value=share_text(loc, top.share),
                label=loc._(
                    "Share of {segment}, the largest segment",
                    segment=top.segment,
                ),
                detail=_marked(loc.amount(top.value.value), top.value.status == "derived"),
            )
    if name == "jobs" and m.jobs is not None and m.jobs.figure.value is not None:
        return b.KeyFigure(
            value=_marked(loc.integer(m.jobs.figure.value), m.jobs.figure.status == "derived"),
            label=loc._("Jobs in the sector ({year})", year=loc.period(m.jobs.period)),
            detail=loc._("latest figure in the data"),
        )
    return None


KEY_FIGURES = ("total", "growth", "usd", "largest_segment", "jobs")


@section("cover", choices={"key_figures": KEY_FIGURES})
def cover(ctx: BriefContext, *, key_figures: list[str] | None = None) -> list[b.Block]:
    """Title, period and up to four key figures (those the data gives for the period)."""
    loc, m = ctx.loc, ctx.metrics
    names = key_figures or ["total", "growth", "largest_segment", "jobs"]
    items = [kf for kf in (_key_figure(ctx, n) for n in names) if kf is not None][:4]
    derived = any(DERIVED_MARK in kf.value or DERIVED_MARK in kf.detail for kf in items)
    context = loc._(
        "Official statistics as cited by the press; every figure is sourced on the last page."
    )
    if derived:
        context += " " + loc._("{mark} derived value, see Methodology.", mark=DERIVED_MARK)
    blocks: list[b.Block] = []
    organisation, logo = ctx.brand.organisation.get(loc.tag), ctx.brand.logo.get(loc.tag)
    if organisation or logo:
        blocks.append(b.Masthead(organisation, logo))
    contact = ctx.brand.contact.get(loc.tag)
    blocks += [
        b.Title(
            loc._("Exports of digital and outsourcing services"),
            loc._("Morocco — {period}", period=loc.period(m.period, long=True)),
            context,
            published=loc._("Published on {date}", date=format_day(loc, ctx.published))
            if ctx.published
            else "",
            contact=loc._("Contact: {contact}", contact=contact) if contact else "",
        ),
        b.KeyFigures(tuple(items)),
    ]
    return blocks
