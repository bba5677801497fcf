"""Methodology and sources: definitions, derived values, gaps and every source cited."""

from __future__ import annotations

from pathlib import Path

from reports import __version__
from reports import blocks as b
from reports.dataset import SOURCE_LANGUAGE, TOTAL
from reports.i18n.rtl import strip_bidi_controls
from reports.metrics import DatedFigure, Figure
from reports.period import last_full_year
from reports.sections import BriefContext, section
from reports.sections.common import (
    amount_of,
    amount_text,
    conflict_text,
    rate_text,
    show,
)

_SIGNIFICANT_POINTS = 0.05  # a published rate further than this from the recomputed one is listed


def _sources(ctx: BriefContext) -> list[str]:
    m = ctx.metrics
    found: list[str] = list(m.sources)
    dated = [*m.jobs_series, *m.other_series]
    for d in (m.target, m.digital_revenues, _target_rate(ctx)):
        if d is not None:
            dated.append(d)
    for seg in m.segments:
        found += [*seg.growth.sources, *seg.previous_value.sources]
    found += [*m.growth.sources, *m.previous_total.sources]
    for d in dated:
        found += d.figure.sources
    return list(dict.fromkeys(s for s in found if s))


def _target_rate(ctx: BriefContext) -> DatedFigure | None:
    """The exchange rate that converts the 2030 target to US dollars, when the brief does."""
    m = ctx.metrics
    return m.target_fx if m.target_usd.value is not None else None


def _usd_rate(ctx: BriefContext) -> Figure | None:
    """The exchange rate behind the brief's US-dollar equivalents (the period's own, else the
    one that converts the target), or None when the brief gives none."""
    m = ctx.metrics
    if m.total_usd.value is not None:
        return m.fx
    target_rate = _target_rate(ctx)
    return target_rate.figure if target_rate is not None else None


def _gaps(ctx: BriefContext) -> list[str]:
    loc, m = ctx.loc, ctx.metrics
    period, previous = loc.period(m.period), loc.period(m.previous)
    gaps = []
    if m.missing_segments:
        gaps.append(
            loc._(
                "segment values for {period}: {segments}",
                period=period,
                segments=loc.join(list(m.missing_segments)),
            )
        )
    no_previous = [s.segment for s in m.segments if s.previous_value.value is None]
    if no_previous:
        gaps.append(
            loc._(
                "segment values for {period}: {segments}",
                period=previous,
                segments=loc.join(no_previous),
            )
        )
    if m.previous_total.value is None:
        gaps.append(loc._("total exports for {period}", period=previous))
    if m.total_usd.value is None:
        gaps.append(loc._("an exchange rate for {period} (no US-dollar equivalent)", period=period))
    jobs_year = last_full_year(m.period)
    if m.jobs is None or m.jobs.period.end < jobs_year.end:
        gaps.append(loc._("jobs for {year} (an annual figure)", year=loc.period(jobs_year)))
    return gaps


def _source_list(ctx: BriefContext) -> b.Block:
    """The sources cited, numbered; a plain statement when the data names none."""
    sources = _sources(ctx)
    if not sources:
        return b.Paragraph(ctx.loc._("The data gives no source for these figures."), "small")
    loc = ctx.loc
    shown = []
    for source in sources:
        translated = ctx.data.source_in(source, loc.language)
        # The data's own direction controls are dropped (an override, RLO, drew a source
        # backwards in an Arabic brief, an isolate as a box in a French one): the brief lays
        # every line out by itself.
        if translated or loc.language == SOURCE_LANGUAGE:
            shown.append(strip_bidi_controls(translated or source))
        else:  # no translation: quoted, as the source's own words
            quoted = strip_bidi_controls(source)
            shown.append(loc._("“{source}” (original wording)", source=quoted))
    return b.Bullets(
        tuple(f"[{loc.numeral(i)}] {s}" for i, s in enumerate(shown, start=1)), "small"
    )


@section("methodology")
def methodology(ctx: BriefContext) -> list[b.Block]:
    """Definitions, how derived values were obtained, what the data lacks, and the sources."""
    loc, m = ctx.loc, ctx.metrics
    period, previous = loc.period(m.period), loc.period(m.previous)
    points = [
        loc._(
            "Exports are the receipts from digital and outsourcing services sold abroad (IT "
            "services, call centres, engineering, business and knowledge processes), recorded by "
            "the Office des Changes, in millions of dirhams unless stated otherwise."
        ),
        loc._(
            "Growth compares {period} with {previous}, the same period a year earlier. Where the "
            "source publishes a rate, the brief shows that rate, with the precision the source "
            "gave.",
            period=period,
            previous=previous,
        ),
    ]
    for check in m.rate_checks:
        if check.published.value is None:
            continue
        if check.explained:
            if check.gap_points > _SIGNIFICANT_POINTS:
                points.append(
                    loc._(
                        "{segment}: the source publishes {published}; the rounded values give "
                        "{recomputed}, a gap that their rounding explains ({low} to {high}).",
                        segment=loc._("Total") if check.segment == TOTAL else check.segment,
                        published=rate_text(loc, check.published),
                        recomputed=loc.percent(check.recomputed, signed=True),
                        low=loc.percent(check.low, signed=True),
                        high=loc.percent(check.high, signed=True),
                    )
                )
        else:
            points.append(conflict_text(loc, m, check))
    published_total = m.published_total.value
    if published_total is not None and m.total_differs_from_published:
        points.append(
            loc._(
                "The total is the sum of the five segments ({total} MAD million); the source "
                "publishes it rounded, as {published}.",
                total=amount_text(loc, m.total),
                published=loc.amount(published_total),
            )
        )
    if m.derived_period:
        halves = bool(m.derived_parts) and m.derived_parts[0].kind == "H"
        points.append(
            loc._(
                "The figures for {period} are sums of its two halves (derived values).",
                period=period,
            )
            if halves
            else loc._(
                "The figures for {period} are sums of its complete quarters (derived values).",
                period=period,
            )
        )
    derived = []
    usd_rate = _usd_rate(ctx)
    if usd_rate is not None and usd_rate.status == "derived":
        derived.append(
            loc._(
                "US-dollar equivalents use {rate} MAD per USD, derived from the source's own "
                "conversion; it is not an official exchange rate.",
                rate=show(loc, usd_rate, lambda v: loc.number(v, 3), mark_derived=False),
            )
        )
    if m.unallocated.value is not None:
        derived.append(
            loc._(
                "The part not broken down ({segments}) is the published total minus the "
                "segments given: {amount}.",
                segments=" + ".join(m.unallocated_segments),
                amount=amount_of(loc, m.unallocated),
            )
        )
    for seg in m.segments:
        # Each derived value says how it was obtained (a year summed from its quarters was
        # said to be "derived from its published share", which the data does not give).
        if seg.derivation == "share":
            derived.append(
                loc._(
                    "{segment}: value derived from its published share of the total.",
                    segment=seg.segment,
                )
            )
        elif seg.derivation == "sum" and not m.derived_period and len(seg.parts) == 2:
            derived.append(
                loc._(
                    "{segment}: sum of {first} to {last} (derived value).",
                    segment=seg.segment,
                    first=loc.period(seg.parts[0]),
                    last=loc.period(seg.parts[1]),
                )
            )
        elif seg.derivation == "data":
            derived.append(
                loc._(
                    "{segment}: value marked derived in the data, not published as such.",
                    segment=seg.segment,
                )
            )
    points += derived
    gaps = _gaps(ctx)
    if gaps:
        points.append(loc._("Not available in the data: {gaps}.", gaps=loc._("; ").join(gaps)))
    blocks: list[b.Block] = [
        b.Heading(loc._("Methodology and sources")),
        b.Bullets(tuple(points), "small"),
        b.Heading(loc._("Sources"), level=2),
        _source_list(ctx),
        b.Paragraph(_generated_from(ctx), "note"),
    ]
    return blocks


def _generated_from(ctx: BriefContext) -> str:
    """Which version of reports made the brief, and from what: the data file, or a table given
    through the Python API (under its name, if it was given one)."""
    loc = ctx.loc
    if ctx.table_name:
        return loc._(
            "Brief generated by reports {version} from {data}, a table supplied through its"
            " Python API.",
            version=__version__,
            data=ctx.table_name,
        )
    if ctx.table_name is not None:
        return loc._(
            "Brief generated by reports {version} from a table supplied through its Python API.",
            version=__version__,
        )
    return loc._(
        "Brief generated by reports {version} from {data}.",
        version=__version__,
        data=Path(ctx.data.origin).name or "—",
    )
