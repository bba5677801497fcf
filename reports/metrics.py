"""Language-free figures of one period, computed once and shared by every language.

Every figure says how it was obtained: ``published`` (a data row), ``derived`` (marked derived
in the data, derived from a published share, or summed from complete quarters), ``computed``
(arithmetic on published values), ``missing`` (not in the data: shown as not available, never
as zero) or ``undefined`` (a growth on a zero base). Figures also carry how precisely they are
known (``half_width``: the rounding of their inputs) and, for published rates, the precision
the source gave (``decimals``, ``approximate`` for "nearly 17 %"). All arithmetic is done by
:mod:`reports.arithmetic`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from reports import arithmetic as ar
from reports.aggregate import summed_parts, with_derived_periods
from reports.dataset import SEGMENTS, TOTAL, Dataset, Observation
from reports.errors import PeriodError
from reports.period import Period

FigureStatus = Literal["published", "derived", "computed", "missing", "undefined"]
# How a derived segment value was obtained: from its published share of the total, as the sum
# of the period's complete quarters or halves, or marked derived by the data itself.
Derivation = Literal["", "share", "sum", "data"]


@dataclass(frozen=True)
class Figure:
    """A number with its provenance. Rates and shares are fractions (0.035), changes points."""

    value: float | None
    status: FigureStatus = "missing"
    sources: tuple[str, ...] = ()
    half_width: float = 0.0  # the value is known to +/- this (rounding of what it comes from)
    decimals: int | None = None  # decimals the source wrote (in its own unit: % for rates)
    approximate: bool = False  # the source qualifies it ("nearly 17 %")

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def number(self) -> float:
        """The value of a figure already known to be available: a missing one is an error
        here, never silently 0."""
        if self.value is None:
            raise ValueError(f"figure not available ({self.status})")
        return self.value

    @classmethod
    def missing(cls) -> Figure:
        return cls(None, "missing")

    @classmethod
    def undefined(cls, *inputs: Figure) -> Figure:
        """A rate on a zero base: not missing data, but no rate exists."""
        return cls(None, "undefined", _sources(inputs))

    @classmethod
    def of(cls, obs: Observation | None, scale: float = 1.0) -> Figure:
        if obs is None:
            return cls.missing()
        if obs.decimals:
            unit = 10.0**-obs.decimals
        elif obs.unit == "MAD_M" and abs(obs.value) < 1000:
            unit = 1.0  # trailing zeros of a small amount (130) are not taken as rounding
        else:
            unit = ar.rounding_unit(obs.value, cap=1.0 if obs.unit == "PCT" else 100.0)
        decimals = obs.decimals if obs.decimals is not None else ar.decimals_of_unit(unit)
        return cls(
            obs.value * scale,
            obs.status,
            (obs.source,) if obs.source else (),
            unit / 2 * abs(scale),
            decimals,
            obs.approximate,
        )


def _sources(inputs: tuple[Figure, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for f in inputs for s in f.sources))


def _computed(value: float | None, *inputs: Figure, half_width: float = 0.0) -> Figure:
    """A figure computed from others: ``derived`` if any input was derived, else ``computed``."""
    if value is None or any(not f.available for f in inputs):
        return Figure.missing()
    status: FigureStatus = "derived" if any(f.status == "derived" for f in inputs) else "computed"
    return Figure(value, status, _sources(inputs), half_width)


@dataclass(frozen=True)
class RateCheck:
    """A published growth rate beside the one the values give, and what rounding allows.

    Rates are fractions. ``low``..``high`` is every rate the rounded values allow; the
    published rate, itself rounded, is explained when it is within its own rounding of that
    interval. Outside it, rounding does not explain the gap.
    """

    segment: str
    published: Figure
    recomputed: float
    low: float
    high: float
    now: Figure
    before: Figure
    total_basis: tuple[str, str] = ("", "")  # TOTAL only: "given" or "derived", now and before
    row: int = 0

    @property
    def gap_points(self) -> float:
        """How far the published rate is from the recomputed one, in percentage points."""
        return abs(self.published.number - self.recomputed) * 100

    @property
    def explained(self) -> bool:
        slack = self.published.half_width + 1e-12
        value = self.published.value
        return value is not None and self.low - slack <= value <= self.high + slack


@dataclass(frozen=True)
class SegmentMetrics:
    segment: str
    value: Figure  # millions of MAD
    share: Figure  # fraction of the total
    previous_value: Figure
    previous_share: Figure
    share_change: Figure  # percentage points
    growth: Figure  # fraction, on the same period a year earlier (published where given)
    computed_growth: Figure  # fraction, from the values
    contribution: Figure  # percentage points of the total's computed growth
    check: RateCheck | None = None  # the published rate against the values
    of_previous_year: Figure = field(default_factory=Figure.missing)  # part of last full year
    previous_year_value: Figure = field(default_factory=Figure.missing)
    derivation: Derivation = ""  # how a derived value was obtained
    parts: tuple[Period, ...] = ()  # for a sum: its first and last parts (2024-Q1, 2024-Q4)


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    total: Figure
    segments: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class SequencePoint:
    """One quarter in sequence, with its change on the quarter before."""

    period: Period
    total: Figure
    change: Figure  # fraction on the previous quarter


@dataclass(frozen=True)
class DatedFigure:
    period: Period
    figure: Figure


@dataclass(frozen=True)
class PeriodMetrics:
    period: Period
    previous: Period
    total: Figure
    published_total: Figure  # the TOTAL row when present (may be rounded)
    previous_total: Figure
    growth: Figure  # published where given, else computed
    computed_growth: Figure  # from the values: what the contributions add up to
    total_check: RateCheck | None
    segments: tuple[SegmentMetrics, ...]
    unallocated: Figure  # total minus the segments given, when some segments are missing
    unallocated_segments: tuple[str, ...]
    unallocated_share: Figure
    fx: Figure  # MAD per USD
    total_usd: Figure  # millions of USD
    jobs: DatedFigure | None  # latest jobs figure at or before the period
    jobs_series: tuple[DatedFigure, ...]
    jobs_change: Figure  # latest jobs on the first of the series
    digital_revenues: DatedFigure | None  # the target's own aggregate, latest known
    target: DatedFigure | None  # national target for digital revenues
    target_usd: Figure  # the target in millions of USD, at the latest rate in the data
    target_fx: DatedFigure | None  # that rate
    target_ratio: Figure  # target / latest digital revenues
    other_series: tuple[DatedFigure, ...]  # outsourcing turnover (narrower perimeter)
    trend: tuple[TrendPoint, ...]
    sequence: tuple[SequencePoint, ...]  # quarters in sequence, quarterly briefs only
    previous_year: Period | None  # the last full year, for a half or a quarter
    rate_checks: tuple[RateCheck, ...]
    derived_period: bool  # the period's exports are sums of complete quarters
    sources: tuple[str, ...]
    # the part not broken down, its contribution to growth (so the column adds up to the total's)
    unallocated_contribution: Figure = field(default_factory=lambda: Figure.missing())
    # the part not broken down as computed (9,579), before rounding to its precision (9,600):
    # what the export gives, so that its value divided by the total is its share
    unallocated_exact: Figure = field(default_factory=lambda: Figure.missing())
    # a derived period: the first and last of the parts it is the sum of (quarters or halves)
    derived_parts: tuple[Period, ...] = ()

    def segment(self, code: str) -> SegmentMetrics:
        return next(s for s in self.segments if s.segment == code)

    @property
    def total_differs_from_published(self) -> bool:
        """The total is the sum of the segments and the source publishes it rounded to another
        value (a note says so; never when the two agree)."""
        published, total = self.published_total.value, self.total.value
        return (
            self.total.status != "published"
            and published is not None
            and total is not None
            and round(published, 6) != round(total, 6)
        )

    @property
    def given_segments(self) -> tuple[SegmentMetrics, ...]:
        return tuple(s for s in self.segments if s.value.available)

    @property
    def missing_segments(self) -> tuple[str, ...]:
        return tuple(s.segment for s in self.segments if not s.value.available)

    @property
    def lead_share(self) -> Figure:
        """The two largest segments' shares together."""
        top = sorted(self.given_segments, key=lambda s: -s.value.number)[:2]
        shares = [s.share for s in top]
        return (
            _computed(
                ar.total(f.value for f in shares),
                *shares,
                half_width=sum(f.half_width for f in shares),
            )
            if len(shares) == 2
            else Figure.missing()
        )

    @property
    def given_total(self) -> Figure:
        """The segments given, added up."""
        values = [s.value for s in self.given_segments]
        return _computed(
            ar.total(f.value for f in values), *values, half_width=sum(f.half_width for f in values)
        )

    @property
    def given_share(self) -> Figure:
        """The segments given, as a part of the total."""
        given = self.given_total
        ratio = ar.share(given.value, self.total.value)
        return _computed(ratio, given, self.total, half_width=_part_width(given, self.total))

    @property
    def total_contribution(self) -> Figure:
        """The total's growth from the values, in points: the sum of the contributions."""
        return _scaled(self.computed_growth, 100.0)


def _scaled(figure: Figure, factor: float) -> Figure:
    if figure.value is None:
        return figure
    return replace(figure, value=figure.value * factor, half_width=figure.half_width * factor)


def _part_width(part: Figure, whole: Figure) -> float:
    """How precisely a part's share of a whole is known: the part's rounding on the whole (the
    whole's own rounding largely moves with its parts)."""
    width = ar.share(part.half_width, whole.value)
    return 0.0 if width is None else width


def _segment_values(data: Dataset, period: Period) -> dict[str, Figure]:
    return {seg: Figure.of(data.get("exports", period, seg)) for seg in SEGMENTS}


def period_total(data: Dataset, period: Period) -> tuple[Figure, Figure]:
    """(total used by the brief, published TOTAL row).

    The sum of the five segments is preferred when all are given (more precise than a rounded
    published total, and consistent with the table); otherwise the published TOTAL.
    """
    published = Figure.of(data.get("exports", period, TOTAL))
    values = list(_segment_values(data, period).values())
    summed = ar.total(f.value for f in values)
    if summed is not None:
        return _computed(summed, *values, half_width=sum(f.half_width for f in values)), published
    return published, published


def briefable_periods(data: Dataset) -> list[Period]:
    """Periods with an exports total (published, the sum of all five segments, or the sum of
    complete quarters)."""
    data = with_derived_periods(data)
    return [p for p in data.periods("exports") if period_total(data, p)[0].available]


def _growth_figure(now: Figure, before: Figure) -> Figure:
    """The growth the values give, known to the rounding of both values."""
    if now.value is not None and before.value == 0:
        return Figure.undefined(now, before)
    value = ar.growth(now.value, before.value)
    if value is None or now.value is None or before.value is None:
        return Figure.missing()
    low, high = ar.growth_interval(now.value, before.value, now.half_width, before.half_width)
    return _computed(value, now, before, half_width=max(value - low, high - value))


def _check(
    data: Dataset, period: Period, segment: str, now: Figure, before: Figure, basis: tuple[str, str]
) -> RateCheck | None:
    obs = data.get("growth", period, segment)
    if obs is None or now.value is None or before.value is None or before.value <= 0:
        return None
    published = Figure.of(obs, scale=0.01)
    recomputed = now.value / before.value - 1
    low, high = ar.growth_interval(now.value, before.value, now.half_width, before.half_width)
    return RateCheck(segment, published, recomputed, low, high, now, before, basis, obs.row)


def _basis(data: Dataset, period: Period) -> str:
    return "derived" if data.get("exports", period, TOTAL) is None else "given"


def rate_checks(data: Dataset, period: Period) -> list[RateCheck]:
    """Every published growth of ``period`` that the data's values can be checked against."""
    data = with_derived_periods(data)
    previous = period.year_earlier()
    checks = []
    for seg in (*SEGMENTS, TOTAL):
        if seg == TOTAL:
            now, before = period_total(data, period)[0], period_total(data, previous)[0]
            basis = (_basis(data, period), _basis(data, previous))
        else:
            now, before = (
                Figure.of(data.get("exports", period, seg)),
                Figure.of(data.get("exports", previous, seg)),
            )
            basis = ("", "")
        check = _check(data, period, seg, now, before, basis)
        if check is not None:
            checks.append(check)
    return checks


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
            if not value.available and total.value is not None:
                share_value = shares[seg].number
                derived = total.value * share_value
                half = total.half_width * share_value + total.value * shares[seg].half_width
                filled[seg] = Figure(derived, "derived", shares[seg].sources + total.sources, half)
            continue
        computed = ar.share(value.value, total.value)
        if computed is None or value.value is None or total.value is None:
            shares[seg] = Figure.missing()
            continue
        shares[seg] = _computed(computed, value, total, half_width=_part_width(value, total))
    return filled, shares


def _latest_at(series: list[Observation], period: Period) -> DatedFigure | None:
    eligible = [o for o in series if o.period.end <= period.end]
    return DatedFigure(eligible[-1].period, Figure.of(eligible[-1])) if eligible else None


def _sequence(data: Dataset, period: Period, length: int = 5) -> tuple[SequencePoint, ...]:
    """The last ``length`` quarters up to ``period`` with their quarter-on-quarter change."""
    if period.kind != "Q":
        return ()
    quarters = [period]
    while len(quarters) < length:
        quarters.insert(0, quarters[0].previous())
    totals = {q: period_total(data, q)[0] for q in [quarters[0].previous(), *quarters]}
    points = [
        SequencePoint(q, totals[q], _growth_figure(totals[q], totals[q.previous()]))
        for q in quarters
    ]
    while points and not points[0].total.available:
        points.pop(0)
    return tuple(points)


def _derivation(
    original: Dataset, complete: Dataset, period: Period, segment: str, value: Figure
) -> tuple[Derivation, tuple[Period, ...]]:
    """How a derived value of ``segment`` was obtained, and the parts of a sum."""
    if value.status != "derived":
        return "", ()
    if original.get("exports", period, segment) is not None:
        return "data", ()
    summed = complete.get("exports", period, segment)
    if summed is not None:
        return "sum", summed_parts(summed) or ()
    return "share", ()


def compute(data: Dataset, period: Period) -> PeriodMetrics:
    """All figures of ``period``, on the same period a year earlier."""
    original = data
    published_periods = set(data.periods("exports"))
    data = with_derived_periods(data)
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
    checks = {c.segment: c for c in rate_checks(data, period)}
    previous_year = Period(period.year - 1, "Y") if period.kind != "Y" else None
    year_values = (
        _with_shares(data, previous_year, _segment_values(data, previous_year), Figure.missing())[0]
        if previous_year is not None
        else {}
    )

    segments = []
    for seg in SEGMENTS:
        now, before = values[seg], prev_values[seg]
        computed_growth = _growth_figure(now, before)
        published = data.get("growth", period, seg)
        derivation, summed = _derivation(original, data, period, seg, now)
        last_year = year_values.get(seg, Figure.missing())
        ratio = ar.share(now.value, last_year.value)
        of_year = Figure.missing()
        if ratio is not None and now.value is not None and last_year.value is not None:
            low, high = ar.share_interval(
                now.value, last_year.value, now.half_width, last_year.half_width
            )
            of_year = _computed(ratio, now, last_year, half_width=max(ratio - low, high - ratio))
        segments.append(
            SegmentMetrics(
                segment=seg,
                value=now,
                share=shares[seg],
                previous_value=before,
                previous_share=prev_shares[seg],
                share_change=_computed(
                    ar.points(shares[seg].value, prev_shares[seg].value),
                    shares[seg],
                    prev_shares[seg],
                ),
                growth=Figure.of(published, scale=0.01) if published else computed_growth,
                computed_growth=computed_growth,
                contribution=_computed(
                    ar.contribution(now.value, before.value, previous_total.value),
                    now,
                    before,
                    previous_total,
                ),
                check=checks.get(seg),
                of_previous_year=of_year,
                previous_year_value=last_year,
                derivation=derivation,
                parts=summed,
            )
        )

    given = [s for s in segments if s.value.available]
    missing = tuple(s.segment for s in segments if not s.value.available)
    unallocated = Figure.missing()
    unallocated_share = Figure.missing()
    unallocated_contribution = Figure.missing()
    unallocated_exact = Figure.missing()
    if missing and total.value is not None and given:
        parts = ar.total(s.value.value for s in given)
        half = total.half_width + sum(s.value.half_width for s in given)
        unit = ar.display_unit(half)
        # Shown, and used, to the precision its inputs carry (9579 from values +/-50 -> 9600).
        exact = None if parts is None else total.value - parts
        rest = None if exact is None else ar.round_to(exact, unit)
        unallocated = _computed(rest, total, *(s.value for s in given), half_width=half)
        unallocated_exact = _computed(exact, total, *(s.value for s in given), half_width=half)
        # Its share is the complement of the segments given (from the unrounded difference), so
        # that the two add up to 100 % as printed.
        ratio = ar.share(exact, total.value)
        unallocated_share = _computed(
            ratio, unallocated, total, half_width=_part_width(unallocated, total)
        )
        # A year earlier, the same segments' complement in the total (whatever it was made of).
        before_parts = ar.total(s.previous_value.value for s in given)
        rest_before = (
            None
            if before_parts is None or previous_total.value is None
            else previous_total.value - before_parts
        )
        unallocated_contribution = _computed(
            ar.contribution(exact, rest_before, previous_total.value),
            unallocated,
            previous_total,
            *(s.previous_value for s in given),
        )

    fx = Figure.of(data.get("fx_mad_per_usd", period))
    latest_fx = _latest_at(data.series("fx_mad_per_usd"), period)
    total_usd = _computed(ar.share(total.value, fx.value), total, fx)

    jobs_obs = [o for o in data.series("jobs") if o.period.end <= period.end]
    jobs_series = tuple(DatedFigure(o.period, Figure.of(o)) for o in jobs_obs)
    jobs_change = Figure.missing()
    if len(jobs_series) >= 2:
        first, last = jobs_series[0].figure, jobs_series[-1].figure
        jobs_change = _computed(ar.growth(last.value, first.value), first, last)

    target_obs = data.series("digital_revenues_target")
    target = DatedFigure(target_obs[-1].period, Figure.of(target_obs[-1])) if target_obs else None
    digital_revenues = _latest_at(data.series("digital_revenues"), period)
    target_usd = Figure.missing()
    target_fx = latest_fx
    target_ratio = Figure.missing()
    if target is not None:
        if target_fx is not None:
            rate = target_fx.figure
            target_usd = _computed(ar.share(target.figure.value, rate.value), target.figure, rate)
        if digital_revenues is not None:
            target_ratio = _computed(
                ar.share(target.figure.value, digital_revenues.figure.value),
                target.figure,
                digital_revenues.figure,
            )

    trend = tuple(
        _trend_point(data, p)
        for p in data.periods("exports")
        if p.comparable(period) and p <= period
    )
    sources = _sources(
        (total, published_total, previous_total, fx, *values.values(), *shares.values())
    )
    computed_growth = _growth_figure(total, previous_total)
    published_growth = data.get("growth", period, TOTAL)
    return PeriodMetrics(
        period=period,
        previous=previous,
        total=total,
        published_total=published_total,
        previous_total=previous_total,
        growth=Figure.of(published_growth, scale=0.01) if published_growth else computed_growth,
        computed_growth=computed_growth,
        total_check=checks.get(TOTAL),
        segments=tuple(segments),
        unallocated=unallocated,
        unallocated_segments=missing if unallocated.available else (),
        unallocated_share=unallocated_share,
        fx=fx,
        total_usd=total_usd,
        jobs=_latest_at(data.series("jobs"), period),
        jobs_series=jobs_series,
        jobs_change=jobs_change,
        digital_revenues=digital_revenues,
        target=target,
        target_usd=target_usd,
        target_fx=target_fx,
        target_ratio=target_ratio,
        other_series=tuple(
            DatedFigure(o.period, Figure.of(o))
            for o in data.series("outsourcing_turnover")
            if o.period.end <= period.end
        ),
        trend=trend,
        sequence=_sequence(data, period),
        previous_year=previous_year,
        rate_checks=tuple(checks.values()),
        derived_period=period not in published_periods,
        sources=sources,
        unallocated_contribution=unallocated_contribution,
        unallocated_exact=unallocated_exact,
        derived_parts=_period_parts(data, period) if period not in published_periods else (),
    )


def _period_parts(data: Dataset, period: Period) -> tuple[Period, ...]:
    """The first and last parts whose sums make the exports of a derived ``period``."""
    for obs in data.observations:
        if obs.indicator == "exports" and obs.period == period:
            parts = summed_parts(obs)
            if parts is not None:
                return parts
    return ()


def _trend_point(data: Dataset, period: Period) -> TrendPoint:
    """A period of the trend: its total and its segments as the segment table gives them,
    values derived from a published share included (a segment given only as a share was
    drawn as missing, and the note under the chart said it "has no value for these periods"
    beside a table that gives it)."""
    total = period_total(data, period)[0]
    return TrendPoint(
        period, total, _with_shares(data, period, _segment_values(data, period), total)[0]
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
_TREND = ("exports", "share")  # comparable periods up to this one (values from shares)
_HISTORY = ("jobs", "digital_revenues", "outsourcing_turnover", "fx_mad_per_usd")  # to date
_ANY_DATE = ("digital_revenues_target",)  # the latest target, whatever its year
_SEQUENCE = 6  # a quarterly brief shows 5 quarters in sequence, each on the one before


def _containing(period: Period) -> list[Period]:
    """The longer periods a quarter or a half adds up to (derived from complete parts)."""
    if period.kind == "Q":
        return [Period(period.year, "H", (period.index + 1) // 2), Period(period.year, "Y")]
    if period.kind == "H":
        return [Period(period.year, "Y")]
    return []


def reads(
    period: Period, obs: Observation, derived: set[tuple[str, Period, str]] | None = None
) -> bool:
    """Whether the figures of ``period`` depend on ``obs`` (a row that would change them).

    ``derived``: the keys the data derives from complete quarters or halves; a part is read
    only when it makes one of them (without it, every part counts, to be safe).
    """
    other = obs.period
    if obs.indicator in _ANY_DATE:
        return True
    if obs.indicator in _HISTORY and other.end <= period.end:
        return True
    if other == period:
        return obs.indicator in _OWN_PERIOD
    if other == period.year_earlier() and obs.indicator in _COMPARISON:
        return True
    if obs.indicator == "exports":
        if period.kind != "Y" and other == Period(period.year - 1, "Y"):
            return True  # a half or a quarter set against the previous full year
        if period.kind == "Q" and other.kind == "Q" and other <= period:
            back = (period.year - other.year) * 4 + period.index - other.index
            if back < _SEQUENCE:
                return True
        for whole in _containing(other):
            if derived is not None and ("exports", whole, obs.segment) not in derived:
                continue
            if reads(period, replace(obs, period=whole), derived):
                return True  # a part of a period derived from complete quarters or halves
    return obs.indicator in _TREND and other.comparable(period) and other <= period


def inputs_of(data: Dataset, period: Period) -> list[Observation]:
    """The rows the brief of ``period`` uses: its period, the comparison and trend periods..."""
    complete = with_derived_periods(data)
    derived = {o.key for o in complete.observations} - {o.key for o in data.observations}
    return [obs for obs in data if reads(period, obs, derived)]
