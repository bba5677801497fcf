"""Reporting periods: years (``2024``), halves (``2025-H1``) and quarters (``2025-Q2``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reports.errors import PeriodError

Kind = Literal["Y", "H", "Q"]
_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*-\s*([HhQqTtSs])\s*([1-4]))?\s*$")
_MONTHS_PER = {"Y": 12, "H": 6, "Q": 3}
FIRST_YEAR, LAST_YEAR = 1900, 2100  # years a period may name (``0000`` is a typo, not a year)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. ``index`` is 1 for a year, 1-2 for a half, 1-4 for a quarter."""

    year: int
    kind: Kind
    index: int = 1

    def __post_init__(self) -> None:
        if not 1 < self.year <= 9999:  # the calendar's range, with room for a year earlier
            raise PeriodError(f"invalid period year {self.year}")
        limit = {"Y": 1, "H": 2, "Q": 4}[self.kind]
        if not 1 <= self.index <= limit:
            raise PeriodError(f"invalid period index {self.index} for kind {self.kind}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2024``, ``2025-H1`` or ``2025-Q2`` (also ``2025-T2``/``2025-S1``, French)."""
        return _parse_cached(str(text))

    @classmethod
    def _parse(cls, text: str) -> Period:
        match = _PATTERN.match(str(text))
        if not match:
            raise PeriodError(f"invalid period {text!r}: expected YYYY, YYYY-H1..H2 or YYYY-Q1..Q4")
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise PeriodError(
                f"invalid period {text!r}: the year must be between {FIRST_YEAR} and {LAST_YEAR}"
            )
        letter = (match.group(2) or "").upper()
        if not letter:
            return cls(year, "Y")
        kind: Kind = "H" if letter in "HS" else "Q"
        index = int(match.group(3))
        if kind == "H" and index > 2:
            raise PeriodError(f"invalid period {text!r}: a year has two halves")
        return cls(year, kind, index)

    def __str__(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.index}"

    @property
    def months(self) -> int:
        return _MONTHS_PER[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        last_month = self.index * self.months
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    def year_earlier(self) -> Period:
        """The same period one year earlier (H1 on H1, Q2 on Q2, year on year)."""
        return Period(self.year - 1, self.kind, self.index)

    def previous(self) -> Period:
        """The period just before, of the same kind (2025-Q1 -> 2024-Q4, 2025-H1 -> 2024-H2)."""
        if self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        return Period(self.year - 1, self.kind, {"Y": 1, "H": 2, "Q": 4}[self.kind])

    def comparable(self, other: Period) -> bool:
        """Same kind and same position in the year (all H1s, all Q2s, all years)."""
        return self.kind == other.kind and self.index == other.index

    def sort_key(self) -> tuple[dt.date, int]:
        """Chronological by end date, longer periods after shorter ones ending the same day."""
        return (self.end, self.months)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Period:
    """Cached: a data file repeats the same few period texts on a million rows."""
    return Period._parse(text)


def last_full_year(period: Period) -> Period:
    """The latest calendar year ending within ``period`` (2024 for 2024 and for 2025-H1)."""
    if period.kind == "Y" or period.index == {"H": 2, "Q": 4}[period.kind]:
        return Period(period.year, "Y")
    return Period(period.year - 1, "Y")
