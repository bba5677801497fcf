from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.errors import PeriodError
from reports.period import Period

periods = st.one_of(
    st.builds(Period, st.integers(1990, 2100), st.just("Y"), st.just(1)),
    st.builds(Period, st.integers(1990, 2100), st.just("H"), st.integers(1, 2)),
    st.builds(Period, st.integers(1990, 2100), st.just("Q"), st.integers(1, 4)),
)


@given(periods)
def test_text_round_trip(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(periods)
def test_year_earlier_is_comparable(period: Period) -> None:
    earlier = period.year_earlier()
    assert earlier.comparable(period)
    assert earlier.year == period.year - 1
    assert earlier.end < period.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", Period(2024, "Y")),
        ("2025-H1", Period(2025, "H", 1)),
        ("2025-q2", Period(2025, "Q", 2)),
        ("2025-T2", Period(2025, "Q", 2)),
        ("2025-S2", Period(2025, "H", 2)),
    ],
)
def test_parse(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["", "24", "2025-H3", "2025-Q5", "2025/Q1", "H1-2025"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_bounds() -> None:
    assert Period.parse("2025-H1").end == dt.date(2025, 6, 30)
    assert Period.parse("2024-Q4").start == dt.date(2024, 10, 1)
    assert Period.parse("2024").end == dt.date(2024, 12, 31)
    assert not Period.parse("2025-H1").comparable(Period.parse("2025-Q2"))
