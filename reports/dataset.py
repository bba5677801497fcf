"""The validated, language-free data set: one observation per (indicator, period, segment)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from reports.period import Period

SEGMENTS: tuple[str, ...] = ("ITO", "CRM", "ESO", "BPO", "KPO")
TOTAL = "TOTAL"
ALL_SEGMENTS: tuple[str, ...] = (*SEGMENTS, TOTAL)

# Known indicators and the unit each one must carry.
INDICATOR_UNITS: dict[str, str] = {
    "exports": "MAD_M",  # export receipts, millions of dirhams
    "share": "PCT",  # a published share of total exports, in percent
    "growth": "PCT",  # a published growth of exports on the same period a year earlier
    "jobs": "PERSONS",  # employment in the sector
    "fx_mad_per_usd": "MAD_PER_USD",  # exchange rate used for USD equivalents
    "digital_revenues": "MAD_M",  # digital revenues (the aggregate of the national target)
    "digital_revenues_target": "MAD_M",  # national target for digital revenues
    "outsourcing_turnover": "MAD_M",  # ministry series, narrower perimeter: never mixed
}
REQUIRED_COLUMNS: tuple[str, ...] = ("indicator", "period", "segment", "value", "unit")
# source_en / source_ar / source_fr: the source description in a brief's language, where the
# data gives a translation; otherwise the brief quotes ``source`` as the source's own words.
SOURCE_LANGUAGES: tuple[str, ...] = ("en", "ar", "fr")
SOURCE_LANGUAGE = "fr"  # ``source`` is read as French, the language of the Moroccan publications
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "source",
    *(f"source_{lang}" for lang in SOURCE_LANGUAGES),
    "note",
    "status",
)
STATUSES: tuple[str, ...] = ("published", "derived")

Status = Literal["published", "derived"]


@dataclass(frozen=True)
class Observation:
    """One value of the data contract, with where it came from."""

    indicator: str
    period: Period
    segment: str
    value: float
    unit: str
    source: str = ""
    source_translations: tuple[tuple[str, str], ...] = ()  # (language, description)
    note: str = ""
    status: Status = "published"
    file: str = ""
    row: int = 0  # 1-based row in the file, header = row 1
    decimals: int | None = None  # decimals as written in the file ("17" -> 0, "3.50" -> 2)
    approximate: bool = False  # the note qualifies the value ("nearly 17 %", "près de")

    @property
    def derived(self) -> bool:
        return self.status == "derived"

    @property
    def key(self) -> tuple[str, Period, str]:
        return (self.indicator, self.period, self.segment)


@dataclass(frozen=True)
class Issue:
    """A problem found in the data, located by file, row and column."""

    message: str
    file: str = ""
    row: int | None = None
    column: str | None = None
    severity: Literal["error", "warning"] = "error"
    code: str = ""  # stable identifier of the check (``wrong-unit``, ``total-mismatch``...)

    def __str__(self) -> str:
        where = self.file or "<data>"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, object]:
        """The issue for ``--json`` output."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True)
class Dataset:
    """Observations indexed by key. Build it with :meth:`from_observations`."""

    observations: tuple[Observation, ...]
    origin: str = ""
    _index: dict[tuple[str, Period, str], Observation] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def from_observations(cls, observations: Iterable[Observation], origin: str = "") -> Dataset:
        obs = tuple(observations)
        return cls(obs, origin, {o.key: o for o in obs})

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.observations)

    def __len__(self) -> int:
        return len(self.observations)

    def get(self, indicator: str, period: Period, segment: str = TOTAL) -> Observation | None:
        return self._index.get((indicator, period, segment))

    def value(self, indicator: str, period: Period, segment: str = TOTAL) -> float | None:
        obs = self.get(indicator, period, segment)
        return None if obs is None else obs.value

    def source_in(self, source: str, language: str) -> str | None:
        """The data's translation of a source description into ``language``, if any row gives
        one."""
        for observation in self.observations:
            if observation.source == source:
                for lang, text in observation.source_translations:
                    if lang == language and text:
                        return text
        return None

    def periods(self, indicator: str | None = None) -> list[Period]:
        """Distinct periods (of one indicator), in chronological order."""
        found = {o.period for o in self.observations if indicator in (None, o.indicator)}
        return sorted(found, key=Period.sort_key)

    def series(self, indicator: str, segment: str = TOTAL) -> list[Observation]:
        """All observations of one indicator and segment, in chronological order."""
        obs = [o for o in self.observations if o.indicator == indicator and o.segment == segment]
        return sorted(obs, key=lambda o: o.period.sort_key())
