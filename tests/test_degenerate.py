"""Degenerate but valid data gives a sensible brief: zero totals, huge values, many periods."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import pdf_text

from reports import blocks as b
from reports.i18n.localizer import Localizer
from reports.metrics import compute
from reports.period import Period
from reports.pipeline import build_brief, build_document
from reports.template import load_layout
from reports.validation import require_valid

SEGMENTS = ("ITO", "CRM", "ESO", "BPO", "KPO")


def write(tmp_path: Path, rows: list[tuple[object, ...]]) -> Path:
    path = tmp_path / "data.csv"
    lines = ["indicator,period,segment,value,unit,source"]
    lines += [",".join(map(str, (*row, "Office des Changes"))) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def brief_text(path: Path, period: str, locale: str) -> str:
    data, _ = require_valid(path)
    return "\n".join(pdf_text(build_brief(data, Period.parse(period), locale)))


def test_all_segments_zero_claims_no_share_of_a_zero_total(tmp_path: Path) -> None:
    rows = [("exports", y, s, 0, "MAD_M") for y in (2023, 2024) for s in SEGMENTS]
    text = brief_text(write(tmp_path, rows), "2024", "en")
    total_line = next(line for line in text.splitlines() if line.startswith("Total "))
    assert "100.0%" not in total_line and "n.a." in total_line
    assert "0.0% of the total" not in text  # no structure sentence about a zero total
    assert "lead the sector" not in text


def test_a_zero_total_alone_builds(tmp_path: Path) -> None:
    rows = [("exports", y, "TOTAL", 0, "MAD_M") for y in (2023, 2024)]
    text = brief_text(write(tmp_path, rows), "2024", "fr")
    assert "100,0 %" not in text


def test_huge_values_are_grouped_and_not_broken_across_lines(tmp_path: Path) -> None:
    rows = [
        ("exports", y, s, int(k * (j + 1) * 1_234_567_890), "MAD_M")
        for y, k in ((2023, 1), (2024, 1.2))
        for j, s in enumerate(SEGMENTS)
    ]
    text = brief_text(write(tmp_path, rows), "2024", "fr")
    assert "22 222,2 Bn MAD" in text  # grouped, and on one line
    assert "22 222 222 020" in text  # the table's total, on one line


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("fr", "22\u202f222,2\u00a0Bn\u00a0MAD"), ("en", "MAD\u00a022,222.2T")],
)
def test_amounts_beyond_the_largest_compact_unit_are_grouped(locale: str, expected: str) -> None:
    assert Localizer.for_tag(locale).amount(22_222_222_020) == expected


def test_the_trend_shows_the_last_six_periods_and_says_so(tmp_path: Path) -> None:
    rows = [
        ("exports", y, s, 1000 + i * 150 + j * 300, "MAD_M")
        for i, y in enumerate(range(2010, 2026))
        for j, s in enumerate(SEGMENTS)
    ]
    data, _ = require_valid(write(tmp_path, rows))
    metrics = compute(data, Period.parse("2025"))
    document = build_document(data, metrics, Localizer.for_tag("en"), load_layout())
    chart = next(
        block.spec
        for block in document.blocks
        if isinstance(block, b.Chart) and isinstance(block.spec, b.TrendBars)
    )
    assert chart.period_labels == ("2020", "2021", "2022", "2023", "2024", "2025")
    assert all(label == "" for series in chart.segments for label in series.value_labels)
    notes = " ".join(block.text for block in document.blocks if isinstance(block, b.Paragraph))
    assert "most recent comparable periods (2020 to 2025); the data goes back to 2010" in notes
