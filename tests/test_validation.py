"""Row checks, cross-row checks and the error report of load_dataset / require_valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.dataset import Dataset, Issue, Observation
from reports.errors import DataError
from reports.period import Period
from reports.validation import load_dataset, require_valid, validate_dataset

HEADER = "indicator,period,segment,value,unit,status"

# Exports 2024 by segment (MAD millions) and their exact sum.
SEGMENTS_2024 = [
    "exports,2024,ITO,10578,MAD_M,",
    "exports,2024,CRM,9797,MAD_M,",
    "exports,2024,ESO,3462,MAD_M,",
    "exports,2024,BPO,2334,MAD_M,",
    "exports,2024,KPO,48,MAD_M,",
]


def write_csv(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "data.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def warnings(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "warning"]


def only(issues: list[Issue]) -> Issue:
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


# --------------------------------------------------------------------------- row checks


def test_valid_rows_build_the_dataset(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "Exports, 2025-h1 ,ito,5 321,mad_m,",
        "exports,2025-H1,TOTAL,13400,MAD_M,derived",
    )
    dataset, issues = load_dataset(path)
    assert issues == []
    assert dataset.origin == str(path)
    ito = dataset.get("exports", Period.parse("2025-H1"), "ITO")
    assert ito is not None
    assert (ito.value, ito.unit, ito.status, ito.row, ito.file) == (
        5321,
        "MAD_M",
        "published",
        2,
        str(path),
    )
    assert dataset.value("exports", Period(2025, "H", 1)) == 13400
    total = dataset.get("exports", Period(2025, "H", 1))
    assert total is not None
    assert total.derived


def test_bad_value_is_located_by_spreadsheet_row_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exports,2024,ITO,10578,MAD_M,",
        "exports,2024,CRM,9797,MAD_M,",
        "exports,2024,ESO,n/a,MAD_M,",  # data row 3 -> spreadsheet row 4
    )
    dataset, issues = load_dataset(path)
    issue = only(issues)
    assert (issue.file, issue.row, issue.column, issue.severity) == (
        str(path),
        4,
        "value",
        "error",
    )
    assert "'n/a'" in issue.message
    assert str(issue) == f"{path}, row 4, column 'value': cannot read 'n/a' as a number"
    assert len(dataset) == 2


def test_every_problem_in_every_row_is_reported(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exprots,2024-H3,XYZ,,EUR,final",
        "exports,2024,ITO,10578,MAD_M,",
        "jobs,2024,TOTAL,-5,PERSONS,",
        "fx_mad_per_usd,2024,TOTAL,0,MAD_PER_USD,",
        "share,2024,ITO,140,PCT,",
        "exports,2024,CRM,-1,MAD,",
    )
    dataset, issues = load_dataset(path)
    found = {(i.row, i.column) for i in errors(issues)}
    assert found == {
        (2, "indicator"),
        (2, "period"),
        (2, "segment"),
        (2, "value"),
        (2, "status"),
        (4, "value"),
        (5, "value"),
        (6, "value"),
        (7, "value"),
        (7, "unit"),
    }
    by_place = {(i.row, i.column): i.message for i in issues}
    assert "unknown indicator 'exprots'" in by_place[(2, "indicator")]
    assert "exports, share, growth, jobs" in by_place[(2, "indicator")]
    assert "2024-H3" in by_place[(2, "period")]
    assert "'XYZ'" in by_place[(2, "segment")]
    assert "ITO, CRM, ESO, BPO, KPO, TOTAL" in by_place[(2, "segment")]
    assert by_place[(2, "value")] == "empty value"
    assert "'final'" in by_place[(2, "status")]
    assert "published, derived" in by_place[(2, "status")]
    assert "negative" in by_place[(4, "value")]
    assert "positive" in by_place[(5, "value")]
    assert "between 0 and 100" in by_place[(6, "value")]
    assert "expected 'MAD_M'" in by_place[(7, "unit")]
    assert [o.row for o in dataset] == [3]


def test_unit_must_match_indicator(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "share,2024,ITO,40.3,MAD_M,")
    _, issues = load_dataset(path)
    issue = only(issues)
    assert (issue.row, issue.column) == (2, "unit")
    assert issue.message == "unit 'MAD_M' is wrong for share: expected 'PCT'"


def test_percentage_sign_on_an_amount_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "exports,2024,ITO,40 %,MAD_M,")
    _, issues = load_dataset(path)
    assert (only(issues).row, only(issues).column) == (2, "value")


def test_missing_required_column_reported_once(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exports,2024,ITO,10578",
        "exports,2024,CRM,9797",
        header="indicator,period,segment,value",
    )
    dataset, issues = load_dataset(path)
    issue = only(issues)
    assert (issue.row, issue.column, issue.severity) == (None, "unit", "error")
    assert "missing required column 'unit'" in issue.message
    assert len(dataset) == 0


def test_unknown_extra_columns_one_warning(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exports,2024,ITO,10578,MAD_M,x,y",
        "exports,2024,CRM,9797,MAD_M,x,y",
        header="indicator,period,segment,value,unit,comment,flag",
    )
    dataset, issues = load_dataset(path)
    issue = only(issues)
    assert issue.severity == "warning"
    assert "'comment', 'flag'" in issue.message
    assert len(dataset) == 2


def test_header_only_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path)
    _, issues = load_dataset(path)
    assert "no data rows" in only(errors(issues)).message


# --------------------------------------------------------------------------- duplicates


def test_conflicting_duplicate_names_both_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exports,2024,ITO,10578,MAD_M,",
        "exports,2024,CRM,9797,MAD_M,",
        "exports,2024,ITO,10600,MAD_M,",
    )
    dataset, issues = load_dataset(path)
    issue = only(issues)
    assert (issue.severity, issue.row, issue.column) == ("error", 4, "value")
    assert issue.message == (
        "row 2 and row 4 give different values for exports 2024 ITO: 10578 vs 10600"
    )
    assert dataset.value("exports", Period.parse("2024"), "ITO") == 10578
    assert len(dataset) == 2


def test_identical_duplicate_is_a_warning(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "exports,2024,ITO,10578,MAD_M,", "exports,2024,ito,10 578,MAD_M,")
    dataset, issues = load_dataset(path)
    issue = only(issues)
    assert issue.severity == "warning"
    assert "row 2 and row 3" in issue.message
    assert len(dataset) == 1


# --------------------------------------------------------------------------- totals


def test_total_within_rounding_of_segments_is_fine(tmp_path: Path) -> None:
    # 10578 + 9797 + 3462 + 2334 + 48 = 26219; TOTAL published rounded to 26200
    path = write_csv(tmp_path, *SEGMENTS_2024, "exports,2024,TOTAL,26200,MAD_M,")
    _, issues = load_dataset(path)
    assert issues == []


def test_total_mismatch_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path, *SEGMENTS_2024, "exports,2024,TOTAL,27000,MAD_M,")
    _, issues = load_dataset(path)
    issue = only(issues)
    assert (issue.severity, issue.row, issue.column) == ("error", 7, "value")
    assert "TOTAL is 27000" in issue.message
    assert "sum to 26219" in issue.message
    assert "rows 2, 3, 4, 5, 6" in issue.message


def test_exact_total_has_a_small_tolerance(tmp_path: Path) -> None:
    # TOTAL 26250 written to the unit: tolerance is 0.1 % of it (26.25), 31 is too much
    path = write_csv(tmp_path, *SEGMENTS_2024, "exports,2024,TOTAL,26250,MAD_M,")
    assert only(load_dataset(path)[1]).severity == "error"
    path = write_csv(tmp_path, *SEGMENTS_2024, "exports,2024,TOTAL,26241,MAD_M,")
    assert load_dataset(path)[1] == []


def test_partial_segments_cannot_exceed_total(tmp_path: Path) -> None:
    path = write_csv(tmp_path, *SEGMENTS_2024[:3], "exports,2024,TOTAL,20000,MAD_M,")
    issue = only(load_dataset(path)[1])
    assert issue.severity == "error"
    assert "ITO, CRM, ESO" in issue.message
    assert "cannot exceed the whole" in issue.message
    path = write_csv(tmp_path, *SEGMENTS_2024[:3], "exports,2024,TOTAL,26219,MAD_M,")
    assert load_dataset(path)[1] == []


# --------------------------------------------------------------------------- shares


def test_share_far_from_exports_is_a_warning(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        *SEGMENTS_2024,
        "share,2024,ITO,40.3,PCT,",  # 10578 / 26219 = 40.34 %
        "share,2024,CRM,36.0,PCT,",  # 9797 / 26219 = 37.37 %
    )
    issue = only(load_dataset(path)[1])
    assert (issue.severity, issue.row) == ("warning", 8)
    assert "share 36.0 % for CRM 2024 differs from 37.4 %" in issue.message


def test_shares_of_a_period_above_100_is_an_error(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "share,2024,ITO,60,PCT,",
        "share,2024,CRM,41,PCT,",
    )
    issue = only(load_dataset(path)[1])
    assert issue.severity == "error"
    assert "add up to 101.0 %" in issue.message


# --------------------------------------------------------------------------- growth


def test_growth_beyond_rounding_is_a_warning(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exports,2024,BPO,2334,MAD_M,",
        "exports,2023,BPO,1900,MAD_M,",
        "growth,2024,BPO,17,PCT,",
    )
    dataset, issues = load_dataset(path)
    issue = only(issues)
    assert (issue.severity, issue.row, issue.column) == ("warning", 4, "value")
    assert issue.message == (
        "published growth 17 % for exports 2024 BPO differs from 22.8 % recomputed from "
        "2334 and 1900 by more than rounding explains (19.7 % to 26.2 %)"
    )
    assert len(dataset) == 3


def test_growth_within_rounding_is_fine(tmp_path: Path) -> None:
    # 13400 / 12900 - 1 = 3.9 %, but both are rounded to 100: 3.1 % to 4.7 % is possible
    path = write_csv(
        tmp_path,
        "exports,2025-H1,TOTAL,13400,MAD_M,",
        "exports,2024-H1,TOTAL,12900,MAD_M,",
        "growth,2025-H1,TOTAL,3.5,PCT,",
    )
    assert load_dataset(path)[1] == []


def test_growth_without_both_years_is_not_checked(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "exports,2024,BPO,2334,MAD_M,", "growth,2024,BPO,17,PCT,")
    assert load_dataset(path)[1] == []


# --------------------------------------------------------------------------- require_valid


def test_require_valid_lists_every_error(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        *SEGMENTS_2024,
        "exports,2024,TOTAL,27000,MAD_M,",
        "exports,2024,ITO,oops,MAD_M,",
        "share,2024,ITO,40.3,XX,",
        "growth,2024,BPO,17,PCT,",
        header="indicator,period,segment,value,unit,status,extra",
    )
    with pytest.raises(DataError) as info:
        require_valid(path)
    lines = str(info.value).splitlines()
    assert lines[0] == f"{path}: 3 problem(s) in the data"
    assert len(lines) == 4
    assert lines[1].startswith(f"{path}, row 7, column 'value': exports 2024 TOTAL is 27000")
    assert lines[2] == f"{path}, row 8, column 'value': cannot read 'oops' as a number"
    assert lines[3] == f"{path}, row 9, column 'unit': unit 'XX' is wrong for share: expected 'PCT'"
    assert not any("extra" in line for line in lines)  # warnings are not listed


def test_require_valid_returns_dataset_and_warnings(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "exports,2024,BPO,2334,MAD_M,",
        "exports,2023,BPO,1900,MAD_M,",
        "growth,2024,BPO,17,PCT,",
        "exports,2023,BPO,1900,MAD_M,",
    )
    dataset, issues = require_valid(path)
    assert len(dataset) == 3
    assert [i.severity for i in issues] == ["warning", "warning"]
    assert [i.row for i in issues] == [4, 5]


def test_require_valid_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        require_valid(tmp_path / "missing.xlsx")


# --------------------------------------------------------------------------- in code


def test_validate_dataset_on_a_dataset_built_in_code() -> None:
    year = Period.parse("2024")
    dataset = Dataset.from_observations(
        [
            Observation("exports", year, "ITO", 10578, "MAD_M"),
            Observation("exports", year, "ITO", 10600, "MAD_M"),
            Observation("exports", year, "TOTAL", 5000, "MAD_M"),
        ],
        origin="built",
    )
    issues = validate_dataset(dataset)
    assert [(i.file, i.row, i.severity) for i in issues] == [
        ("built", None, "error"),
        ("built", None, "error"),
    ]
    assert "10578 vs 10600" in issues[0].message
    assert "cannot exceed the whole" in issues[1].message


def test_a_half_or_quarter_larger_than_its_year_is_an_error(tmp_path: Path) -> None:
    # 2025 = 50 beside 2025-H1 = 90 was valid: the 2025 brief then fell by 90 % on a year
    # whose first half alone was larger.
    path = write_csv(
        tmp_path,
        "exports,2025-H1,TOTAL,90,MAD_M,",
        "exports,2025,TOTAL,50,MAD_M,",
        "exports,2024-Q1,ITO,30,MAD_M,",
        "exports,2024-Q2,ITO,31,MAD_M,",
        "exports,2024-H1,ITO,40,MAD_M,",
    )
    _, issues = load_dataset(path)
    assert [(i.row, i.code, i.severity) for i in issues] == [
        (3, "periods-exceed-whole", "error"),
        (6, "periods-exceed-whole", "error"),
    ]
    assert issues[0].message == (
        "exports 2025 TOTAL is 50 but 2025-H1 (row 2) is 90: a part of a period cannot "
        "exceed the whole (rounding tolerance 10)"
    )
    assert "2024-Q1 to 2024-Q2 (rows 4, 5) add up to 61" in issues[1].message


def test_complete_parts_that_disagree_with_their_year_are_a_warning(tmp_path: Path) -> None:
    rows = [f"exports,2024-Q{q},TOTAL,{v},MAD_M," for q, v in ((1, 61), (2, 62), (3, 63), (4, 64))]
    path = write_csv(tmp_path, *rows, "exports,2024,TOTAL,400,MAD_M,")
    _, issues = load_dataset(path)
    assert [(i.row, i.code, i.severity) for i in issues] == [(6, "periods-mismatch", "warning")]
    assert "add up to 250, a difference of 150" in issues[0].message
    # within rounding: a year published to the hundred (26,200) and quarters to the unit
    rows = [f"exports,2024-Q{q},TOTAL,{v},MAD_M," for q, v in ((1, 6489), (2, 6772), (3, 7060))]
    path = write_csv(
        tmp_path, *rows, "exports,2024-Q4,TOTAL,5879,MAD_M,", "exports,2024,TOTAL,26200,MAD_M,"
    )
    assert load_dataset(path)[1] == []


def test_yearly_and_sector_wide_series_are_checked(tmp_path: Path) -> None:
    # jobs for Q3 2024 made a brief say "employed 5,000 people in Q3 2024. Jobs are counted
    # per year"; jobs or an exchange rate for one segment were dropped without a word.
    path = write_csv(
        tmp_path,
        "exports,2025-Q1,TOTAL,100,MAD_M,",
        "jobs,2024-Q3,TOTAL,5000,PERSONS,",
        "digital_revenues_target,2030-Q1,TOTAL,5,MAD_M,",
        "jobs,2024,ITO,3000,PERSONS,",
        "fx_mad_per_usd,2025-Q1,ITO,10,MAD_PER_USD,",
        "fx_mad_per_usd,2025-Q1,TOTAL,10,MAD_PER_USD,",
    )
    dataset, issues = load_dataset(path)
    assert [(i.row, i.column, i.code, i.severity) for i in issues] == [
        (3, "period", "invalid-period", "error"),
        (4, "period", "invalid-period", "error"),
        (5, "segment", "unused-row", "warning"),
        (6, "segment", "unused-row", "warning"),
    ]
    assert issues[0].message == "jobs is a yearly figure: the period must be a year, not 2024-Q3"
    assert "this row for ITO is not used by any brief" in issues[2].message
    assert [o.row for o in dataset] == [2, 5, 6, 7]  # a warning keeps its row
