"""Jobs in the sector and the national 2030 target, each labelled for what it measures."""

from __future__ import annotations

from reports import blocks as b
from reports.period import last_full_year
from reports.sections import BriefContext, section
from reports.sections.common import rate_of_exchange, show


@section("jobs_and_target")
def jobs_and_target(ctx: BriefContext) -> list[b.Block]:
    """Employment, the Digital Morocco 2030 target (digital revenues) and series kept apart."""
    loc, m = ctx.loc, ctx.metrics
    blocks: list[b.Block] = [b.Heading(loc._("Jobs and the national 2030 target"))]

    jobs = [d for d in m.jobs_series if d.figure.value is not None]
    if jobs:
        latest = jobs[-1]
        text = loc._(
            "Digital-services exports and outsourcing employed {jobs} people in {year}.",
            jobs=show(loc, latest.figure, loc.integer),
            year=loc.period(latest.period),
        )
        if len(jobs) >= 2 and m.jobs_change.value is not None:
            earlier = [
                loc._(
                    "{jobs} in {year}",
                    jobs=show(loc, d.figure, loc.integer),
                    year=loc.period(d.period),
                )
                for d in jobs[:-1]
            ]
            text += " " + loc._(
                "Earlier figures: {earlier}; that is {growth} since {first_year}.",
                earlier=loc.join(earlier),
                growth=loc.percent(m.jobs_change.value, signed=True),
                first_year=loc.period(jobs[0].period),
            )
        year = last_full_year(m.period)
        if latest.period.end < year.end:
            text += " " + loc._(
                "Jobs are counted per year; the data has no figure for {year}.",
                year=loc.period(year),
            )
        blocks.append(b.Paragraph(text))
    else:
        blocks.append(b.Paragraph(loc._("The data gives no jobs figure up to this period.")))

    if m.target is not None and m.target.figure.value is not None:
        target_text = loc.amount(m.target.figure.value)
        if m.target_usd.value is not None and m.target_fx is not None:
            target_text = loc._(
                "{amount} (about {usd} at the {year} rate of {rate} MAD per USD)",
                amount=target_text,
                usd=loc.amount(m.target_usd.value, "USD"),
                year=loc.period(m.target_fx.period),
                rate=rate_of_exchange(loc, m.target_fx.figure),
            )
        target = loc._(
            "The Digital Morocco 2030 strategy sets a target of {target} of digital revenues by "
            "{year}.",
            target=target_text,
            year=loc.period(m.target.period),
        )
        if m.digital_revenues is not None and m.digital_revenues.figure.value is not None:
            base = m.digital_revenues.figure.value
            target += " " + loc._(
                "Digital revenues stood at {base} in {year}; the target is {ratio} times that "
                "level.",
                base=loc.amount(base),
                year=loc.period(m.digital_revenues.period),
                ratio=show(loc, m.target_ratio, lambda v: loc.number(v, 1)),
            )
        blocks.append(b.Paragraph(target))
        blocks.append(
            b.Paragraph(
                loc._(
                    "Digital revenues are a different aggregate from the exports in this brief: "
                    "exports are not a measure of progress toward this target."
                ),
                "note",
            )
        )

    other = [d for d in m.other_series if d.figure.value is not None]
    if other:
        values = loc.join(
            [
                loc._(
                    "{amount} in {year}",
                    amount=amount,
                    year=loc.period(d.period),
                )
                for d, amount in zip(
                    other,
                    loc.amounts([d.figure.value for d in other if d.figure.value is not None]),
                    strict=True,
                )
            ]
        )
        blocks.append(
            b.Paragraph(
                loc._(
                    "The digital-transition ministry publishes its own series of outsourcing "
                    "export turnover ({values}). Its perimeter is narrower, so it is not "
                    "comparable with the Office des Changes exports above.",
                    values=values,
                ),
                "note",
            )
        )
    return blocks
