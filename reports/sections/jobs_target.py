"""Jobs in the sector and the national 2030 target, each labelled for what it measures."""

from __future__ import annotations

from reports import blocks as b
from reports.sections import BriefContext, section


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
            jobs=loc.integer(latest.figure.value or 0.0),
            year=loc.period(latest.period),
        )
        if len(jobs) >= 2:
            earlier = [
                loc._(
                    "{jobs} in {year}",
                    jobs=loc.integer(d.figure.value or 0.0),
                    year=loc.period(d.period),
                )
                for d in jobs[:-1]
            ]
            first = jobs[0]
            growth = (latest.figure.value or 0.0) / (first.figure.value or 1.0) - 1
            text += " " + loc._(
                "Earlier figures: {earlier}; that is {growth} since {first_year}.",
                earlier=loc.join(earlier),
                growth=loc.percent(growth, signed=True),
                first_year=loc.period(first.period),
            )
        if latest.period.end < m.period.end:
            text += " " + loc._(
                "No jobs figure is published for {period} yet.", period=loc.period(m.period)
            )
        blocks.append(b.Paragraph(text))
    else:
        blocks.append(b.Paragraph(loc._("The data gives no jobs figure up to this period.")))

    if m.target is not None and m.target.figure.value is not None:
        target = loc._(
            "The Digital Morocco 2030 strategy sets a target of {target} of digital revenues by "
            "{year}.",
            target=loc.amount(m.target.figure.value),
            year=loc.period(m.target.period),
        )
        if m.digital_revenues is not None and m.digital_revenues.figure.value is not None:
            base = m.digital_revenues.figure.value
            target += " " + loc._(
                "Digital revenues stood at {base} in {year}; the target is {ratio} times that "
                "level.",
                base=loc.amount(base),
                year=loc.period(m.digital_revenues.period),
                ratio=loc.number(m.target.figure.value / base, 1),
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

    if m.other_series:
        values = loc.join(
            [
                loc._(
                    "{amount} in {year}",
                    amount=loc.amount(d.figure.value or 0.0),
                    year=loc.period(d.period),
                )
                for d in m.other_series
                if d.figure.value is not None
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
