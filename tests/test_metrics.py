"""Figures of the embedded data: computed once, traced to the data, never guessed."""

from __future__ import annotations

import pytest

from reports.dataset import Dataset, Observation
from reports.errors import PeriodError
from reports.metrics import briefable_periods, compute, latest_briefable
from reports.period import Period

Y2024, H1_2025 = Period.parse("2024"), Period.parse("2025-H1")


def test_periods(dataset: Dataset) -> None:
    assert [str(p) for p in briefable_periods(dataset)] == ["2024-H1", "2024", "2025-H1"]
    assert latest_briefable(dataset) == H1_2025


def test_2024_segments(dataset: Dataset) -> None:
    m = compute(dataset, Y2024)
    assert m.total.value == 26219  # the sum of the five published segments
    assert m.total.status == "computed"
    assert m.published_total.value == 26200
    shares = {s.segment: round((s.share.value or 0) * 100, 1) for s in m.segments}
    assert shares == {"ITO": 40.3, "CRM": 37.4, "ESO": 13.2, "BPO": 8.9, "KPO": 0.2}
    assert m.growth.value == pytest.approx(0.002) and m.growth.status == "published"
    assert m.segment("ESO").growth.value == pytest.approx(0.071)  # published, not 8.2 %
    assert m.segment("KPO").growth.value == pytest.approx(48 / 78 - 1)
    assert m.segment("KPO").growth.status == "computed"
    assert m.segment("ITO").growth.value is None  # 2023 not given: not available, not 0
    assert m.total_usd.value == pytest.approx(26219 / 9.357)
    assert m.total_usd.status == "derived"
    assert m.jobs is not None and m.jobs.figure.value == 141000 and str(m.jobs.period) == "2023"


def test_h1_2025_unallocated(dataset: Dataset) -> None:
    m = compute(dataset, H1_2025)
    assert m.total.value == 13400 and m.growth.value == pytest.approx(0.035)
    assert m.missing_segments == ("ITO", "CRM")
    # 13400 - 2500 - 1300 - 21 = 9579, from values rounded to 100: known to +/- 150.5
    assert m.unallocated.value == 9600 and m.unallocated.half_width == pytest.approx(150.5)
    assert m.segment("ITO").share.value is None
    assert m.segment("ESO").share.value == pytest.approx(2500 / 13400)
    assert m.total_usd.value is None
    assert [str(p.period) for p in m.trend] == ["2024-H1", "2025-H1"]
    check = next(c for c in m.rate_checks if c.segment == "TOTAL")
    assert check.published.value == pytest.approx(0.035)
    assert check.recomputed == pytest.approx(0.03876, abs=1e-5) and check.explained


def test_value_derived_from_published_share() -> None:
    p = Period.parse("2025")
    rows = [
        Observation("exports", p, "TOTAL", 1000.0, "MAD_M", "S"),
        Observation("exports", p, "ITO", 400.0, "MAD_M", "S"),
        Observation("share", p, "CRM", 35.0, "PCT", "S"),
    ]
    m = compute(Dataset.from_observations(rows), p)
    crm = m.segment("CRM")
    assert crm.value.value == pytest.approx(350) and crm.value.status == "derived"
    assert crm.share.value == pytest.approx(0.35) and crm.share.status == "published"
    assert m.segment("ESO").value.value is None


def test_contributions_sum_to_growth() -> None:
    a, b = Period.parse("2023"), Period.parse("2024")
    values = {"ITO": (100, 120), "CRM": (80, 70), "ESO": (10, 15), "BPO": (8, 9), "KPO": (2, 1)}
    rows = [
        Observation("exports", period, seg, float(v[i]), "MAD_M")
        for seg, v in values.items()
        for i, period in enumerate((a, b))
    ]
    m = compute(Dataset.from_observations(rows), b)
    total_growth = (m.growth.value or 0) * 100
    assert sum(s.contribution.value or 0 for s in m.segments) == pytest.approx(total_growth)
    assert sum(s.share_change.value or 0 for s in m.segments) == pytest.approx(0, abs=1e-9)
    assert m.growth.status == "computed"


def test_unknown_period_lists_available(dataset: Dataset) -> None:
    with pytest.raises(PeriodError, match="2024-H1, 2024, 2025-H1"):
        compute(dataset, Period.parse("2023"))
