"""Turn raw rows into a :class:`Dataset` and report every problem, located by file, row, column.

Row checks (errors): missing required column (once, no row), duplicated column, empty or
unreadable cell, unknown indicator, unit other than the indicator's, invalid period, unknown
segment, invalid status, a negative amount (exports and the other MAD_M series) or number of
jobs, an exchange rate <= 0, a share outside 0..100, a growth below -100 %, a ``%`` sign on a
value whose unit is not PCT. Unknown extra columns give one warning. A header without data rows
is an error.

Cross-row checks (:func:`validate_dataset`):

* duplicate key (indicator, period, segment): different values -> error naming both rows, same
  value -> warning; the first row is kept;
* exports TOTAL vs its five segments (see :func:`_check_totals`);
* shares against exports, and the segment shares of one period summing above 100.5 %;
* published growth against the rate recomputed from exports, allowing for rounding.

Rounding is inferred from the values as floats (:func:`reports.arithmetic.rounding_unit`):
``26200.0`` -> 100, ``3462.0`` -> 1, ``12.5`` -> 0.1; amounts are never taken as rounded
coarser than 100, rates never coarser than 1 point. Warnings never make the data invalid.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from reports.arithmetic import rounding_unit, share
from reports.dataset import (
    ALL_SEGMENTS,
    INDICATOR_UNITS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SEGMENTS,
    SOURCE_LANGUAGES,
    STATUSES,
    TOTAL,
    Dataset,
    Issue,
    Observation,
    Status,
)
from reports.errors import DataError, PeriodError
from reports.loading import (
    MAX_CELL_CHARS,
    OVERFLOW,
    ambiguous_readings,
    parse_number,
    read_table,
)
from reports.period import Period

SHARE_TOLERANCE = 0.1  # points between a published share and the one computed from exports
SHARES_SUM_LIMIT = 100.5  # the segment shares of one period may not add up to more
_NON_NEGATIVE = {ind for ind, unit in INDICATOR_UNITS.items() if unit == "MAD_M"} | {"jobs"}
# Largest plausible magnitude per unit: beyond it, a typo or the wrong unit (MAD for MAD_M).
# 1e12 MAD_M is a million times Morocco's GDP; growth is in percent.
MAGNITUDE_LIMITS: dict[str, float] = {
    "MAD_M": 1e12,
    "PERSONS": 1e10,
    "MAD_PER_USD": 1e6,
    "PCT": 1e6,
}

Key = tuple[str, Period, str]


MAX_LISTED_ISSUES = 100  # `validate` and a failed build list the first ones, then a count


@dataclass(frozen=True)
class Checked:
    """The result of checking a file: the dataset of its valid rows, the first issues in file
    order (all of them when no limit was asked for) and how many there are in all."""

    dataset: Dataset
    issues: list[Issue]
    errors: int
    warnings: int

    @property
    def unlisted(self) -> str:
        """``"3,012 more error(s) and 5 more warning(s)"`` not in :attr:`issues`, or ``""``."""
        errors = self.errors - sum(1 for i in self.issues if i.severity == "error")
        warnings = self.warnings - sum(1 for i in self.issues if i.severity == "warning")
        parts = [
            f"{errors:,} more error(s)" if errors else "",
            f"{warnings:,} more warning(s)" if warnings else "",
        ]
        return " and ".join(p for p in parts if p)


class _IssueLog:
    """Counts every issue; keeps the first ``limit`` row issues (they arrive in file order)."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.kept: list[Issue] = []
        self.errors = 0
        self.warnings = 0

    @property
    def full(self) -> bool:
        return self.limit is not None and len(self.kept) >= self.limit

    def count(self, severity: str) -> None:
        if severity == "error":
            self.errors += 1
        else:
            self.warnings += 1

    def add(self, issue: Issue) -> None:
        self.count(issue.severity)
        if not self.full:
            self.kept.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.add(issue)


def check_file(
    path: Path, limit: int | None = MAX_LISTED_ISSUES, today: dt.date | None = None
) -> Checked:
    """Read and validate a data file in one streaming pass (memory does not grow with the rows).

    File-level failures (missing, unreadable, empty, over a size limit) raise
    :class:`DataError`; every other problem becomes an :class:`Issue` (error or warning)
    located by file, row and column. ``limit=None`` keeps every issue. With ``today``, a
    period not over on that day is a warning (:func:`unfinished_periods`).
    """
    table = read_table(Path(path))
    file = str(path)
    log = _IssueLog(limit)
    log.extend(_check_header(table.header, file))
    columns = set(table.header)
    first: dict[Key, Observation] = {}
    for number, cells in table.rows:
        overflow = cells.pop(OVERFLOW, None)
        if overflow is not None:  # its values are shifted: nothing in it can be trusted
            log.add(_overflow_issue(number, overflow, table.delimiter, file))
            continue
        observation, row_issues = _parse_row(number, cells, columns, file, table.decimal)
        log.extend(row_issues)
        if observation is None:
            continue
        prior = first.setdefault(observation.key, observation)
        if prior is not observation:
            if log.full:  # counted, not worded: a million duplicates cost no messages
                log.count("warning" if _same(prior, observation) else "error")
            else:
                log.add(_duplicate_issue(prior, observation, file))
    if not len(table.rows):
        log.add(Issue("no data rows: the file has a header only", file, None, code="no-rows"))

    dataset = Dataset.from_observations(first.values(), origin=file)
    cross = validate_dataset(dataset)  # bounded: one issue at most per distinct key
    if today is not None:
        cross += unfinished_periods(dataset, today)
    kept = log.kept
    log.kept = []
    log.limit = None
    log.extend(cross)
    issues = sorted(kept + log.kept, key=lambda issue: issue.row or 0)  # stable: file order
    return Checked(
        dataset, issues[:limit] if limit is not None else issues, log.errors, log.warnings
    )


def _overflow_issue(number: int, overflow: str, delimiter: str | None, file: str) -> Issue:
    """A CSV row with more values than the header has columns (``overflow``: see
    :data:`reports.loading.OVERFLOW`)."""
    width_text, *extra = overflow.split("\x00")
    width = int(width_text)
    separator = "tab" if delimiter == "\t" else repr(delimiter or ",")
    shown = ", ".join(_quote(value, 30) for value in extra)
    return Issue(
        f"{width + len(extra)} values for the header's {width} columns ({shown} after the "
        f"last one): a value that contains the separator {separator} must be in double quotes, "
        "or every value after it moves one column to the right",
        file,
        number,
        None,
        code="too-many-values",
    )


def load_dataset(path: Path) -> tuple[Dataset, list[Issue]]:
    """Read and validate a data file: the Dataset of the valid rows, and every issue found.

    See :func:`check_file`, which also bounds the number of issues kept.
    """
    checked = check_file(path, limit=None)
    return checked.dataset, checked.issues


def require_valid(path: Path) -> tuple[Dataset, list[Issue]]:
    """Like :func:`check_file`, but raise :class:`DataError` listing the errors, if any (the
    first :data:`MAX_LISTED_ISSUES`, then how many more).

    Returns the dataset and the warnings when there is no error.
    """
    checked = check_file(path)
    if checked.errors:
        errors = [issue for issue in checked.issues if issue.severity == "error"]
        lines = [f"{path}: {checked.errors:,} problem(s) in the data", *(str(e) for e in errors)]
        more = checked.errors - len(errors)
        if more:
            lines.append(f"... and {more:,} more error(s) not listed; fix these first")
        raise DataError("\n".join(lines))
    return checked.dataset, [issue for issue in checked.issues if issue.severity == "warning"]


def validate_dataset(dataset: Dataset) -> list[Issue]:
    """Cross-row checks on a built Dataset: duplicates, TOTAL vs segments, shares, growth."""
    issues: list[Issue] = []
    first: dict[Key, Observation] = {}
    for obs in dataset.observations:
        prior = first.setdefault(obs.key, obs)
        if prior is not obs:
            issues.append(_duplicate_issue(prior, obs, dataset.origin))
    issues.extend(_check_totals(first, dataset.origin))
    issues.extend(_check_periods(first, dataset.origin))
    issues.extend(_check_shares(first, dataset.origin))
    issues.extend(_check_growth(first, dataset.origin))
    return issues


# Indicators dated by the period they measure; a target is dated by the year it aims at.
_FORWARD_LOOKING = ("digital_revenues_target",)


def unfinished_periods(dataset: Dataset, today: dt.date) -> list[Issue]:
    """A warning per period whose figures are given but which is not over on ``today``
    (its last day is ``today`` or later), at its first row: a typing error (2062 for 2026)
    or figures that cannot be final yet. ``reports build`` refuses to date a brief of such a
    period before the day after its end; other periods are still briefed, so it is not an
    error. The 2030 target is dated by the year it aims at: never reported."""
    found: dict[Period, list[Observation]] = defaultdict(list)
    for obs in dataset.observations:
        if obs.indicator not in _FORWARD_LOOKING and obs.period.end >= today:
            found[obs.period].append(obs)
    issues = []
    for period, rows in sorted(found.items(), key=lambda item: item[0].sort_key()):
        first = min(rows, key=lambda o: o.row or 0)
        after = period.end + dt.timedelta(days=1)
        message = (
            f"period {period} is not over on {today.isoformat()} (it ends on "
            f"{period.end.isoformat()}): its figures cannot be final, and no brief of it can be "
            f"published before {after.isoformat()}; {len(rows)} row(s) of this period"
            " (a typing error?)"
        )
        issues.append(_issue(message, first, dataset.origin, "warning", "period", "future-period"))
    return issues


# --------------------------------------------------------------------------- rows


def _check_header(header: list[str], file: str) -> list[Issue]:
    issues: list[Issue] = []
    for column in REQUIRED_COLUMNS:
        if column not in header:
            found = ", ".join(_quote(c, 30) for c in header) or "none"
            issues.append(
                Issue(
                    f"missing required column {column!r} (columns found: {found})",
                    file,
                    None,
                    column,
                    code="missing-column",
                )
            )
    for column in sorted({c for c in header if header.count(c) > 1}):
        issues.append(
            Issue(
                f"column {column!r} appears more than once; the last one is used",
                file,
                1,
                column,
                code="duplicate-column",
            )
        )
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    extra = [c for c in dict.fromkeys(header) if c not in known]
    if extra:
        names = ", ".join(repr(c) for c in extra)
        expected = ", ".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))
        issues.append(
            Issue(
                f"unknown column(s) {names} ignored (expected: {expected})",
                file,
                1,
                extra[0] if len(extra) == 1 else None,
                "warning",
                code="unknown-column",
            )
        )
    return issues


# Series the briefs read for the whole sector only (a row for a segment would be ignored), and
# those counted per year (the brief says so: "jobs are counted per year").
SECTOR_ONLY = frozenset(
    (
        "jobs",
        "fx_mad_per_usd",
        "digital_revenues",
        "digital_revenues_target",
        "outsourcing_turnover",
    )
)
YEARLY = frozenset(("jobs", "digital_revenues_target"))


def _parse_row(
    number: int, cells: dict[str, str], columns: set[str], file: str, decimal: str | None
) -> tuple[Observation | None, list[Issue]]:
    """Check one row; build its Observation when every check passes."""
    issues: list[Issue] = []

    def error(message: str, column: str, code: str) -> None:
        issues.append(Issue(message, file, number, column, code=code))

    too_long = [(c, len(t)) for c, t in cells.items() if len(t) > MAX_CELL_CHARS]
    for column, length in too_long:
        error(
            f"cell of {length:,} characters, more than the limit of {MAX_CELL_CHARS:,}",
            column,
            "cell-too-long",
        )
    if too_long:
        return None, issues

    def cell(column: str) -> str | None:
        """The stripped text of a required column, or None (reported) when empty or absent."""
        if column not in columns:
            return None  # reported once for the whole file
        text = cells.get(column, "").strip()
        if not text:
            error(f"empty {column}", column, "empty-cell")
            return None
        return text

    indicator = cell("indicator")
    if indicator is not None:
        if indicator.lower() in INDICATOR_UNITS:
            indicator = indicator.lower()
        else:
            known = ", ".join(INDICATOR_UNITS)
            error(
                f"unknown indicator {_quote(indicator)}; known indicators: {known}",
                "indicator",
                "unknown-indicator",
            )
            indicator = None

    period: Period | None = None
    period_text = cell("period")
    if period_text is not None:
        try:
            period = Period.parse(period_text)
        except PeriodError as exc:
            error(str(exc), "period", "invalid-period")

    segment = cell("segment")
    if segment is not None:
        if segment.upper() not in ALL_SEGMENTS:
            error(
                f"unknown segment {_quote(segment)}; valid: {', '.join(ALL_SEGMENTS)}",
                "segment",
                "unknown-segment",
            )
            segment = None
        else:
            segment = segment.upper()

    value: float | None = None
    value_text = cell("value")
    if value_text is not None:
        readings = ambiguous_readings(value_text) if decimal is None else None
        if readings is not None:
            thousands, point = readings
            error(
                f"{_quote(value_text)} is ambiguous: {thousands} or {point}? No value in the "
                "file shows which separator marks decimals; write the number without a "
                "thousands separator, with a decimal point",
                "value",
                "ambiguous-number",
            )
        else:
            try:
                value = parse_number(value_text, decimal=decimal)
            except ValueError:
                error(f"cannot read {_quote(value_text)} as a number", "value", "invalid-number")

    unit = cell("unit")
    if unit is not None and indicator is not None:
        expected = INDICATOR_UNITS[indicator]
        if unit.upper() != expected:
            error(
                f"unit {_quote(unit)} is wrong for {indicator}: expected {expected!r}",
                "unit",
                "wrong-unit",
            )
            unit = None
        else:
            unit = expected

    status_text = cells.get("status", "").strip().lower() or "published"
    status: Status | None = None
    if status_text == "published":
        status = "published"
    elif status_text == "derived":
        status = "derived"
    else:
        valid = ", ".join(STATUSES)
        error(
            f"invalid status {_quote(status_text)}; valid: {valid} (empty = published)",
            "status",
            "invalid-status",
        )

    if indicator is not None and value is not None:
        for message in _range_problems(indicator, value, value_text or ""):
            error(message, "value", "out-of-range")
    if indicator in YEARLY and period is not None and period.kind != "Y":
        error(
            f"{indicator} is a yearly figure: the period must be a year, not {period}",
            "period",
            "invalid-period",
        )
    if indicator in SECTOR_ONLY and segment is not None and segment != TOTAL:
        issues.append(
            Issue(
                f"{indicator} is used for the sector as a whole (segment TOTAL) only: this row "
                f"for {segment} is not used by any brief",
                file,
                number,
                "segment",
                "warning",
                "unused-row",
            )
        )

    if (
        any(issue.severity == "error" for issue in issues)
        or indicator is None
        or period is None
        or segment is None
        or value is None
        or unit is None
        or status is None
    ):
        return None, issues
    observation = Observation(
        indicator=indicator,
        period=period,
        segment=segment,
        value=value,
        unit=unit,
        source=cells.get("source", "").strip(),
        source_translations=tuple(
            (lang, cells.get(f"source_{lang}", "").strip())
            for lang in SOURCE_LANGUAGES
            if cells.get(f"source_{lang}", "").strip()
        ),
        note=cells.get("note", "").strip(),
        status=status,
        file=file,
        row=number,
        decimals=written_decimals(value_text or "", value),
        approximate=is_approximate(cells.get("note", "")),
    )
    return observation, issues


_APPROXIMATE = re.compile(
    r"(?<!\w)(nearly|almost|about|around|approximately|roughly|some|près de|environ|presque|"
    r"quelque|autour de|حوالي|نحو|قرابة)(?!\w)|[≈~]",
    re.IGNORECASE,
)


def is_approximate(note: str) -> bool:
    """Whether a row's note qualifies its value as approximate ("nearly 17 %", "près de")."""
    return bool(_APPROXIMATE.search(note))


def written_decimals(text: str, value: float) -> int:
    """How many decimals the value was written with: ``17`` -> 0, ``40,3 %`` -> 1, ``3.50`` -> 2.

    The digits after the last ``.`` or ``,`` are decimals when reading them so gives the value
    (``1,234`` read as 1234 has none).
    """
    body = text.strip().rstrip("%").strip()
    cut = max(body.rfind("."), body.rfind(","))
    if cut < 0:
        return 0
    fraction = body[cut + 1 :]
    if not fraction.isdigit():
        return 0
    try:
        as_decimal = float("0." + fraction)
    except ValueError:  # pragma: no cover - digits only
        return 0
    return len(fraction) if math.isclose(abs(value) % 1, as_decimal, abs_tol=1e-9) else 0


def _range_problems(indicator: str, value: float, text: str) -> list[str]:
    problems: list[str] = []
    unit = INDICATOR_UNITS[indicator]
    if text.rstrip().endswith("%") and unit != "PCT":
        problems.append(f"{_quote(text)} is a percentage but {indicator} is in {unit}")
    if indicator in _NON_NEGATIVE and value < 0:
        problems.append(f"{indicator} cannot be negative: {_fmt(value)}")
    if indicator == "fx_mad_per_usd" and value <= 0:
        problems.append(f"an exchange rate must be positive: {_fmt(value)}")
    if indicator == "share" and not 0 <= value <= 100:
        problems.append(f"a share must be between 0 and 100 %: {_fmt(value)}")
    if indicator == "growth" and value < -100:
        problems.append(f"exports cannot fall by more than 100 %: growth {_fmt(value)} %")
    limit = MAGNITUDE_LIMITS[unit]
    if abs(value) > limit:
        problems.append(
            f"{indicator} {value:.6g} {unit} is beyond the plausible limit of {limit:.0e}: "
            "a typo or the wrong unit?"
        )
    return problems


# --------------------------------------------------------------------------- cross-row


def _issue(
    message: str,
    obs: Observation,
    origin: str,
    severity: Literal["error", "warning"] = "error",
    column: str | None = "value",
    code: str = "",
) -> Issue:
    return Issue(message, obs.file or origin, obs.row or None, column, severity, code)


def _label(obs: Observation) -> str:
    return f"{obs.indicator} {obs.period} {obs.segment}"


def _ref(obs: Observation, other: Observation | None = None) -> str:
    """``row 7`` (with the file when it differs from the other's), or a neutral phrase."""
    if not obs.row:
        return "an observation built in code"
    if other is not None and obs.file and obs.file != other.file:
        return f"{obs.file} row {obs.row}"
    return f"row {obs.row}"


def _rows(observations: Iterable[Observation]) -> str:
    rows = [str(o.row) for o in observations if o.row]
    if not rows:
        return ""
    return f" (row {rows[0]})" if len(rows) == 1 else f" (rows {', '.join(rows)})"


def _same(prior: Observation, obs: Observation) -> bool:
    return math.isclose(prior.value, obs.value, rel_tol=1e-12, abs_tol=1e-12)


def _duplicate_issue(prior: Observation, obs: Observation, origin: str) -> Issue:
    both = f"{_ref(prior, obs)} and {_ref(obs, prior)}"
    if _same(prior, obs):
        message = f"{both} both give {_label(obs)} = {_fmt(obs.value)}; the duplicate is ignored"
        return _issue(message, obs, origin, "warning", None, "duplicate-row")
    message = (
        f"{both} give different values for {_label(obs)}: {_fmt(prior.value)} vs {_fmt(obs.value)}"
    )
    return _issue(message, obs, origin, code="conflicting-duplicate")


def _exports(first: dict[Key, Observation], period: Period, segment: str) -> float | None:
    obs = first.get(("exports", period, segment))
    return None if obs is None else obs.value


def _period_parts(period: Period) -> list[list[Period]]:
    """The ways a year or a half is made of shorter periods (a year: quarters, halves)."""
    if period.kind == "Y":
        return [
            [Period(period.year, "Q", i) for i in range(1, 5)],
            [Period(period.year, "H", i) for i in (1, 2)],
        ]
    if period.kind == "H":
        first = 2 * period.index - 1
        return [[Period(period.year, "Q", first), Period(period.year, "Q", first + 1)]]
    return []


def _check_periods(first: dict[Key, Observation], origin: str) -> list[Issue]:
    """exports of a year or a half vs its quarters (or halves), per segment and TOTAL.

    Shorter periods that add up to more than the whole (beyond the rounding of all the values)
    are an error: exports are never negative. Complete parts whose sum differs from the whole
    are a warning (an annual figure may be revised after the quarterly ones): each brief uses
    its own period's value, so the two briefs would disagree.
    """
    issues: list[Issue] = []
    for (indicator, period, segment), whole in first.items():
        if indicator != "exports":
            continue
        for periods in _period_parts(period):
            parts = [first[k] for p in periods if (k := ("exports", p, segment)) in first]
            if not parts:
                continue
            summed = math.fsum(p.value for p in parts)
            tolerance = max(
                rounding_unit(whole.value) / 2
                + math.fsum(rounding_unit(p.value) / 2 for p in parts),
                0.001 * abs(whole.value),
            )
            names = f"{parts[0].period} to {parts[-1].period}" if len(parts) > 1 else ""
            if summed > whole.value + tolerance:
                given = f"{names}{_rows(parts)} add up to" if names else f"{parts[0].period}"
                if not names:
                    given += f"{_rows(parts)} is"
                message = (
                    f"exports {period} {segment} is {_fmt(whole.value)} but {given} "
                    f"{_fmt(summed)}: a part of a period cannot exceed the whole (rounding "
                    f"tolerance {_fmt(tolerance)})"
                )
                issues.append(_issue(message, whole, origin, code="periods-exceed-whole"))
            elif len(parts) == len(periods) and abs(whole.value - summed) > tolerance:
                message = (
                    f"exports {period} {segment} is {_fmt(whole.value)} but {names}"
                    f"{_rows(parts)} add up to {_fmt(summed)}, a difference of "
                    f"{_fmt(abs(whole.value - summed))}, more than rounding explains "
                    f"({_fmt(tolerance)}): the {period} brief and those of its parts will "
                    "disagree (a revised figure?)"
                )
                issues.append(_issue(message, whole, origin, "warning", code="periods-mismatch"))
    return issues


def _check_totals(first: dict[Key, Observation], origin: str) -> list[Issue]:
    """exports TOTAL vs its segments.

    With all five segments: error when |TOTAL - sum| exceeds the tolerance, the largest of
    half TOTAL's rounding unit (26200 -> 50, 26219 -> 0.5), 0.5 per segment (2.5) and 0.1 % of
    TOTAL. With only some segments: error when they add up to more than TOTAL + tolerance.
    """
    issues: list[Issue] = []
    for (indicator, period, segment), total in first.items():
        if indicator != "exports" or segment != TOTAL:
            continue
        parts = [first[k] for s in SEGMENTS if (k := ("exports", period, s)) in first]
        if not parts:
            continue
        summed = math.fsum(p.value for p in parts)
        tolerance = max(
            rounding_unit(total.value) / 2, 0.5 * len(SEGMENTS), 0.001 * abs(total.value)
        )
        gap = total.value - summed
        if len(parts) == len(SEGMENTS) and abs(gap) > tolerance:
            message = (
                f"exports {period} TOTAL is {_fmt(total.value)} but the five segments"
                f"{_rows(parts)} sum to {_fmt(summed)}: a difference of {_fmt(abs(gap))}, "
                f"more than the rounding tolerance of {_fmt(tolerance)}"
            )
            issues.append(_issue(message, total, origin, code="total-mismatch"))
        elif len(parts) < len(SEGMENTS) and summed > total.value + tolerance:
            names = ", ".join(p.segment for p in parts)
            message = (
                f"exports {period}: the segments present ({names}){_rows(parts)} sum to "
                f"{_fmt(summed)}, more than TOTAL {_fmt(total.value)} "
                f"(tolerance {_fmt(tolerance)}): the parts cannot exceed the whole"
            )
            issues.append(_issue(message, total, origin, code="segments-exceed-total"))
    return issues


def _check_shares(first: dict[Key, Observation], origin: str) -> list[Issue]:
    """Shares vs exports (warning beyond 0.1 point, or half the share's own rounding if
    coarser), and the segment shares of one period summing above 100.5 % (error)."""
    issues: list[Issue] = []
    by_period: dict[Period, list[Observation]] = defaultdict(list)
    for (indicator, period, segment), obs in first.items():
        if indicator != "share":
            continue
        if segment != TOTAL:
            by_period[period].append(obs)
        numerator = _exports(first, period, segment)
        segments = [_exports(first, period, s) for s in SEGMENTS]
        present = [v for v in segments if v is not None]
        if len(present) == len(SEGMENTS):
            denominator: float | None = sum(present)
            basis = "the sum of the five segments"
        else:
            denominator = _exports(first, period, TOTAL)
            basis = "TOTAL"
        fraction = share(numerator, denominator)
        if fraction is None or numerator is None or denominator is None:
            continue
        computed = 100 * fraction
        tolerance = max(SHARE_TOLERANCE, rounding_unit(obs.value, cap=1) / 2)
        if abs(obs.value - computed) > tolerance + 1e-9:
            message = (
                f"{obs.status} share {_pct(obs.value)} % for {segment} {period} differs from "
                f"{computed:.1f} % computed from exports ({_fmt(numerator)} / "
                f"{_fmt(denominator)}, {basis}) by more than {_fmt(tolerance)} point"
            )
            issues.append(_issue(message, obs, origin, "warning", code="share-mismatch"))
    for period, shares in by_period.items():
        summed = sum(s.value for s in shares)
        if summed > SHARES_SUM_LIMIT:
            message = (
                f"the segment shares of {period}{_rows(shares)} add up to {summed:.1f} %, "
                "more than 100 %"
            )
            issues.append(_issue(message, shares[0], origin, code="shares-over-100"))
    return issues


def _check_growth(first: dict[Key, Observation], origin: str) -> list[Issue]:
    """Published growth vs the rate the exports give (:func:`reports.metrics.rate_checks`).

    Each export value may be off by half its rounding unit; the rates they allow form an
    interval, widened by half the rounding unit of the published rate (17 -> 0.5, 3.5 ->
    0.05). Outside it: a warning (the published figure may use revised or other data). A TOTAL
    is the TOTAL row when given, else derived from the five segments (or complete quarters);
    the warning says which.
    """
    from reports.metrics import rate_checks

    data = Dataset.from_observations(first.values(), origin=origin)
    periods = sorted({p for (ind, p, _s) in first if ind == "growth"}, key=Period.sort_key)
    issues: list[Issue] = []
    for period in periods:
        for check in rate_checks(data, period):
            if check.explained:
                continue
            obs = first[("growth", period, check.segment)]
            published = check.published
            approx = "nearly " if published.approximate else ""
            low, high = 100 * check.low, 100 * check.high
            now, before = check.now.number, check.before.number
            values = f"{_fmt(round(now, 3))} and {_fmt(round(before, 3))}"
            if check.segment == TOTAL:
                here, there = check.total_basis
                values = (
                    f"TOTAL {period} {_fmt(round(now, 3))} ({_basis_text(here)}) and "
                    f"{period.year_earlier()} {_fmt(round(before, 3))} ({_basis_text(there)})"
                )
            message = (
                f"{obs.status} growth {approx}{_pct(obs.value, obs.decimals)} % for exports "
                f"{period} {check.segment} differs from {100 * check.recomputed:.1f} % recomputed "
                f"from {values} by more than rounding explains ({low:.1f} % to {high:.1f} %)"
            )
            issues.append(_issue(message, obs, origin, "warning", code="growth-mismatch"))
    return issues


def _basis_text(basis: str) -> str:
    return "given" if basis == "given" else "derived from the segments"


# --------------------------------------------------------------------------- numbers


def _quote(text: str, limit: int = 60) -> str:
    """A cell as echoed in a message: quoted, escaped, and shortened when long."""
    if len(text) > limit:
        return repr(text[: limit - 1]) + f"… ({len(text)} characters)"
    return repr(text)


def _fmt(value: float) -> str:
    """A number as written in the data: 10578.0 -> '10578', 40.3 -> '40.3'."""
    text = format(value, ".12g")
    if "e" in text:
        text = format(Decimal(text), "f")
    return "0" if text == "-0" else text


def _pct(value: float, decimals: int | None = None) -> str:
    """A rate as written (17 -> '17', 3.50 -> '3.50'), else with at least one decimal."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    text = _fmt(value)
    return text if "." in text else f"{text}.0"
