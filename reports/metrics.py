"""Language-free figures of one period, computed once and shared by every language.

Every figure says how it was obtained: ``published`` (a data row), ``derived`` (marked derived
in the data, or derived by us from a published share), ``computed`` (arithmetic on published
values) or ``missing`` (not in the data: shown as not available, never as zero).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reports.dataset import SEGMENTS, TOTAL, Dataset, Observation
from reports.errors import PeriodError
from reports.period import Period

FigureStatus = Literal["published", "derived", "computed", "missing"]


@dataclass(frozen=True)
class Figure:
    """A number with its provenance. Rates and shares are fractions (0.035), changes points."""

    value: float | None
    status: FigureStatus = "missing"
    sources: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return self.value is not None

    @classmethod
    def missing(cls) -> Figure:
        return cls(None, "missing")

    @classmethod
    def of(cls, obs: Observation | None, scale: float = 1.0) -> Figure:
        if obs is None:
            return cls.missing()
        return cls(obs.value * scale, obs.status, (obs.source,) if obs.source else ())


def _computed(value: float | None, *inputs: Figure) -> Figure:
    """A figure computed from others: ``derived`` if any input was derived, else ``computed``."""
    if value is None or any(not f.available for f in inputs):
        return Figure.missing()
    sources = tuple(dict.fromkeys(s for f in inputs for s in f.sources))
    status: FigureStatus = "derived" if any(f.status == "derived" for f in inputs) else "computed"
    return Figure(value, status, sources)


@dataclass(frozen=True)
class SegmentMetrics:
    segment: str
    value: Figure  # millions of MAD
    share: Figure  # fraction of the total
    previous_value: Figure
    previous_share: Figure
    share_change: Figure  # percentage points
    growth: Figure  # fraction, on the same period a year earlier
    contribution: Figure  # percentage points of the total's growth


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    total: Figure
    segments: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class DatedFigure:
    period: Period
    figure: Figure


@dataclass(frozen=True)
class RateCheck:
    """A published growth rate next to the one recomputed from the (rounded) values."""

    segment: str
    published: float
    recomputed: float


@dataclass(frozen=True)
class PeriodMetrics:
    period: Period
    previous: Period
    total: Figure
    published_total: Figure  # the TOTAL row when present (may be rounded)
    previous_total: Figure
    growth: Figure
    segments: tuple[SegmentMetrics, ...]
    unallocated: Figure  # total minus the segments given, when some segments are missing
    unallocated_segments: tuple[str, ...]
    fx: Figure  # MAD per USD
    total_usd: Figure  # millions of USD
    jobs: DatedFigure | None  # latest jobs figure at or before the period
    jobs_series: tuple[DatedFigure, ...]
    digital_revenues: DatedFigure | None  # the target's own aggregate, latest known
    target: DatedFigure | None  # national target for digital revenues
    other_series: tuple[DatedFigure, ...]  # outsourcing turnover (narrower perimeter)
    trend: tuple[TrendPoint, ...]
    rate_checks: tuple[RateCheck, ...]
    sources: tuple[str, ...]

    def segment(self, code: str) -> SegmentMetrics:
        return next(s for s in self.segments if s.segment == code)

    @property
    def given_segments(self) -> tuple[SegmentMetrics, ...]:
        return tuple(s for s in self.segments if s.value.available)

    @property
    def unallocated_share(self) -> float | None:
        """The part not broken down, as a fraction of the total."""
        if self.unallocated.value is None or not self.total.value:
            return None
        return self.unallocated.value / self.total.value

    @property
    def missing_segments(self) -> tuple[str, ...]:
        return tuple(s.segment for s in self.segments if not s.value.available)


def _segment_values(data: Dataset, period: Period) -> dict[str, Figure]:
    return {seg: Figure.of(data.get("exports", period, seg)) for seg in SEGMENTS}


def period_total(data: Dataset, period: Period) -> tuple[Figure, Figure]:
    """(total used by the brief, published TOTAL row).

    The sum of the five segments is preferred when all are given (more precise than a rounded
    published total, and consistent with the table); otherwise the published TOTAL.
    """
    published = Figure.of(data.get("exports", period, TOTAL))
    values = _segment_values(data, period)
    if all(f.available for f in values.values()):
        total = sum(f.value or 0.0 for f in values.values())
        return _computed(total, *values.values()), published
    return published, published


def briefable_periods(data: Dataset) -> list[Period]:
    """Periods with an exports total (published, or the sum of all five segments)."""
    return [p for p in data.periods("exports") if period_total(data, p)[0].available]


def _growth(data: Dataset, period: Period, segment: str, now: Figure, before: Figure) -> Figure:
    published = data.get("growth", period, segment)
    if published is not None:
        return Figure.of(published, scale=0.01)
    if now.available and before.available and before.value:
        return _computed((now.value or 0.0) / before.value - 1, now, before)
    return Figure.missing()


def _with_shares(
    data: Dataset, period: Period, values: dict[str, Figure], total: Figure
) -> tuple[dict[str, Figure], dict[str, Figure]]:
    """Shares (published where given, else computed), and values derived from published shares."""
    shares: dict[str, Figure] = {}
    filled = dict(values)
    for seg in SEGMENTS:
        published_share = data.get("share", period, seg)
        value = values[seg]
        if published_share is not None:
            shares[seg] = Figure.of(published_share, scale=0.01)
            if not value.available and total.available:
                derived = (total.value or 0.0) * published_share.value / 100
                filled[seg] = Figure(derived, "derived", shares[seg].sources + total.sources)
        elif value.available and total.available and total.value:
            shares[seg] = _computed((value.value or 0.0) / total.value, value, total)
        else:
            shares[seg] = Figure.missing()
    return filled, shares


def _latest_at(series: list[Observation], period: Period) -> DatedFigure | None:
    eligible = [o for o in series if o.period.end <= period.end]
    return DatedFigure(eligible[-1].period, Figure.of(eligible[-1])) if eligible else None


def compute(data: Dataset, period: Period) -> PeriodMetrics:
    """All figures of ``period``, on the same period a year earlier."""
    if period not in briefable_periods(data):
        available = ", ".join(str(p) for p in briefable_periods(data)) or "none"
        raise PeriodError(f"no exports total for period {period}; periods available: {available}")
    previous = period.year_earlier()
    total, published_total = period_total(data, period)
    previous_total, _ = period_total(data, previous)
    values, shares = _with_shares(data, period, _segment_values(data, period), total)
    prev_values, prev_shares = _with_shares(
        data, previous, _segment_values(data, previous), previous_total
    )

    segments = []
    for seg in SEGMENTS:
        now, before = values[seg], prev_values[seg]
        share_change = Figure.missing()
        if shares[seg].available and prev_shares[seg].available:
            delta = ((shares[seg].value or 0.0) - (prev_shares[seg].value or 0.0)) * 100
            share_change = _computed(delta, shares[seg], prev_shares[seg])
        contribution = Figure.missing()
        if now.available and before.available and previous_total.available and previous_total.value:
            points = ((now.value or 0.0) - (before.value or 0.0)) / previous_total.value * 100
            contribution = _computed(points, now, before, previous_total)
        segments.append(
            SegmentMetrics(
                segment=seg,
                value=now,
                share=shares[seg],
                previous_value=before,
                previous_share=prev_shares[seg],
                share_change=share_change,
                growth=_growth(data, period, seg, now, before),
                contribution=contribution,
            )
        )

    given = [s for s in segments if s.value.available]
    missing = tuple(s.segment for s in segments if not s.value.available)
    unallocated = Figure.missing()
    if missing and total.available and given:
        rest = (total.value or 0.0) - sum(s.value.value or 0.0 for s in given)
        unallocated = _computed(rest, total, *(s.value for s in given))

    fx = Figure.of(data.get("fx_mad_per_usd", period))
    total_usd = Figure.missing()
    if fx.available and fx.value and total.available:
        total_usd = _computed((total.value or 0.0) / fx.value, total, fx)

    rate_checks = []
    for seg in (*SEGMENTS, TOTAL):
        published_rate = data.get("growth", period, seg)
        now_f = total if seg == TOTAL else values[seg]
        before_f = previous_total if seg == TOTAL else prev_values[seg]
        if published_rate and now_f.available and before_f.available and before_f.value:
            recomputed = ((now_f.value or 0.0) / before_f.value - 1) * 100
            rate_checks.append(RateCheck(seg, published_rate.value, recomputed))

    jobs_series = [o for o in data.series("jobs") if o.period.end <= period.end]
    trend = tuple(
        TrendPoint(p, period_total(data, p)[0], _segment_values(data, p))
        for p in data.periods("exports")
        if p.comparable(period) and p <= period
    )
    sources = tuple(
        dict.fromkeys(
            src
            for f in (
                total,
                published_total,
                previous_total,
                fx,
                *values.values(),
                *shares.values(),
            )
            for src in f.sources
        )
    )
    target_obs = data.series("digital_revenues_target")
    return PeriodMetrics(
        period=period,
        previous=previous,
        total=total,
        published_total=published_total,
        previous_total=previous_total,
        growth=_growth(data, period, TOTAL, total, previous_total),
        segments=tuple(segments),
        unallocated=unallocated,
        unallocated_segments=missing if unallocated.available else (),
        fx=fx,
        total_usd=total_usd,
        jobs=_latest_at(data.series("jobs"), period),
        jobs_series=tuple(DatedFigure(o.period, Figure.of(o)) for o in jobs_series),
        digital_revenues=_latest_at(data.series("digital_revenues"), period),
        target=DatedFigure(target_obs[-1].period, Figure.of(target_obs[-1]))
        if target_obs
        else None,
        other_series=tuple(
            DatedFigure(o.period, Figure.of(o))
            for o in data.series("outsourcing_turnover")
            if o.period.end <= period.end
        ),
        trend=trend,
        rate_checks=tuple(rate_checks),
        sources=sources,
    )


def latest_briefable(data: Dataset) -> Period:
    periods = briefable_periods(data)
    if not periods:
        raise PeriodError("the data has no period with an exports total")
    return max(periods, key=Period.sort_key)


# What `compute(data, period)` reads, by indicator (kept beside `compute`; a test checks that
# removing any row outside this set leaves the figures of the period unchanged).
_OWN_PERIOD = ("exports", "share", "growth", "fx_mad_per_usd")  # values, shares, rates, USD
_COMPARISON = ("exports", "share")  # the same period a year earlier
_TREND = ("exports",)  # comparable periods up to this one
_HISTORY = ("jobs", "digital_revenues", "outsourcing_turnover")  # known at the period's end
_ANY_DATE = ("digital_revenues_target",)  # the latest target, whatever its year


def reads(period: Period, obs: Observation) -> bool:
    """Whether the figures of ``period`` depend on ``obs`` (a row that would change them)."""
    other = obs.period
    if obs.indicator in _ANY_DATE:
        return True
    if obs.indicator in _HISTORY:
        return other.end <= period.end
    if other == period:
        return obs.indicator in _OWN_PERIOD
    if other == period.year_earlier() and obs.indicator in _COMPARISON:
        return True
    return obs.indicator in _TREND and other.comparable(period) and other <= period


def inputs_of(data: Dataset, period: Period) -> list[Observation]:
    """The rows the brief of ``period`` uses: its period, the comparison and trend periods..."""
    return [obs for obs in data if reads(period, obs)]
