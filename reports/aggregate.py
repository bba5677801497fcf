"""Halves and years derived from complete quarters (and years from two halves).

A sum is made only when every part is in the data: a year from Q1-Q4, a half from its two
quarters, a year from H1 and H2. Each sum is an ``exports`` observation with ``status=derived``
and a note naming its parts; a value the data publishes is never replaced.
"""

from __future__ import annotations

from collections import defaultdict

from reports.dataset import Dataset, Observation
from reports.errors import PeriodError
from reports.period import Period

_INDICATORS = ("exports",)


def _parts(period: Period) -> list[list[Period]]:
    """The ways ``period`` can be made of shorter ones, finest first."""
    if period.kind == "Y":
        quarters = [Period(period.year, "Q", i) for i in range(1, 5)]
        halves = [Period(period.year, "H", i) for i in (1, 2)]
        return [quarters, halves]
    if period.kind == "H":
        first = 2 * period.index - 1
        return [[Period(period.year, "Q", first), Period(period.year, "Q", first + 1)]]
    return []


def _sum(parts: list[Observation], period: Period) -> Observation:
    first = parts[0]
    sources = list(dict.fromkeys(p.source for p in parts if p.source))
    return Observation(
        indicator=first.indicator,
        period=period,
        segment=first.segment,
        value=sum(p.value for p in parts),
        unit=first.unit,
        source="; ".join(sources),
        note=f"sum of {parts[0].period} to {parts[-1].period}",
        status="derived",
        decimals=max((p.decimals for p in parts if p.decimals is not None), default=None),
        approximate=any(p.approximate for p in parts),
    )


def with_derived_periods(data: Dataset) -> Dataset:
    """The data plus the halves and years that complete quarters (or halves) add up to."""
    index = {(o.indicator, o.period, o.segment): o for o in data.observations}
    keys: dict[tuple[str, str], set[int]] = defaultdict(set)
    for o in data.observations:
        if o.indicator in _INDICATORS and o.period.kind in "QH":
            keys[(o.indicator, o.segment)].add(o.period.year)
    added: list[Observation] = []
    # Halves first, so a year can then be made of two halves that were themselves derived.
    for kind in ("H", "Y"):
        for (indicator, segment), years in sorted(keys.items()):
            for year in sorted(years):
                targets = [Period(year, "H", 1), Period(year, "H", 2)] if kind == "H" else []
                if kind == "Y":
                    targets = [Period(year, "Y")]
                for target in targets:
                    if (indicator, target, segment) in index:
                        continue
                    for parts in _parts(target):
                        found = [index.get((indicator, p, segment)) for p in parts]
                        if all(f is not None for f in found):
                            present = [f for f in found if f is not None]
                            obs = _sum(present, target)
                            index[obs.key] = obs
                            added.append(obs)
                            break
    if not added:
        return data
    return Dataset.from_observations((*data.observations, *added), origin=data.origin)


def summed_parts(obs: Observation) -> tuple[Period, Period] | None:
    """The first and last parts a derived observation is the sum of (``(2024-Q1, 2024-Q4)``),
    or None for a row of the data itself."""
    if obs.status != "derived" or not obs.note.startswith("sum of "):
        return None
    first, _, last = obs.note.removeprefix("sum of ").partition(" to ")
    try:
        return Period.parse(first), Period.parse(last)
    except PeriodError:
        return None


def derived_periods(data: Dataset) -> dict[Period, str]:
    """Periods whose exports exist only as sums of shorter ones, with what they sum
    (``{2024: "2024-Q1 to 2024-Q4"}``)."""
    published = {o.period for o in data.observations if o.indicator in _INDICATORS}
    found: dict[Period, str] = {}
    for obs in with_derived_periods(data).observations:
        if obs.indicator in _INDICATORS and obs.period not in published:
            found.setdefault(obs.period, obs.note.removeprefix("sum of "))
    return found
