"""Numbers a reader can trust (#11): each case on a small data set of its own, asserting the
printed text of the brief (PDF text extraction)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import pdf_text
from typer.testing import CliRunner

from reports.cli import app
from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief
from reports.validation import load_dataset, require_valid

HEADER = "indicator,period,segment,value,unit,source,note\n"
runner = CliRunner()


def _data(tmp_path: Path, *rows: str, name: str = "data.csv") -> Dataset:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, _warnings = require_valid(path)
    return data


def _text(data: Dataset, period: str, locale: str = "en") -> str:
    """The brief's text on one line (no-break spaces as spaces, French apostrophes as ')."""
    text = " ".join(pdf_text(build_brief(data, Period.parse(period), locale)))
    return text.replace("\n", " ").replace("\u2019", "'")


def _two_years(
    values: dict[str, tuple[float, float]], years: tuple[int, int] = (2023, 2024)
) -> list[str]:
    return [
        f"exports,{year},{seg},{pair[i]},MAD_M,Office,"
        for seg, pair in values.items()
        for i, year in enumerate(years)
    ]


# --------------------------------------------------------------------------- published rates


def test_nearly_17_keeps_its_precision_and_the_contradiction_is_noted(tmp_path: Path) -> None:
    data = _data(
        tmp_path,
        "exports,2024,TOTAL,26200,MAD_M,Office,",
        "exports,2024,BPO,2334,MAD_M,Office,",
        "exports,2023,BPO,1900,MAD_M,Office,published rounded to 0.1 bn MAD",
        'growth,2024,BPO,17,PCT,Office,"published as ""nearly 17 %"""',
        "exports,2023,TOTAL,26150,MAD_M,Office,",
    )
    text = _text(data, "2024", "fr")
    assert "+17,0" not in text  # the source wrote no decimal
    assert "≈ +17 %†" in text  # the table: approximate, and marked
    assert "près de +17 %" in text  # the narrative says it in words
    # Both rates and the interval rounding allows, where the figure is shown (table note and text)
    note = (
        "BPO : la source publie près de +17 %, mais les valeurs présentées (en millions de MAD : "
        "1 900 en 2023, 2 334 en 2024) donnent +22,8 % ; l'arrondi de ces valeurs n'explique "
        "qu'un taux de +19,7 % à +26,2 %."
    )
    assert text.count(note) >= 2
    assert "† " + note in text


def test_total_rate_contradicted_by_derived_total(tmp_path: Path) -> None:
    values = {"ITO": (100, 120), "CRM": (80, 85), "ESO": (10, 13), "BPO": (8, 9), "KPO": (2, 16)}
    rows = [*_two_years(values), "growth,2024,TOTAL,-5.0,PCT,Office,"]
    data = _data(tmp_path, *rows)
    # 200 -> 243: +21.5 % from the values; the published -5.0 % is shown, with both rates.
    text = _text(data, "2024")
    assert "down 5.0% compared with 2023" in text
    assert (
        "Total: the source publishes -5.0%, but the values shown (MAD million: 200 in 2023" in text
    )
    assert "give +21.5%" in text
    assert "-5.0%†" in text  # Total row of the table, marked
    assert "published rate; the values in this brief give +21.5%" in text  # cover
    # Contributions: the Total row is the sum of the segments', the growth of the values.
    assert re.search(r"Total 243 100\.0% — -5\.0%† \+21\.5 pp", text)
    assert "they add up to +21.5%, the change these values give (published rate: -5.0%)" in text
    # validate warns with the row, and says the TOTAL was derived from the segments
    _, issues = load_dataset(tmp_path / "data.csv")
    growth = [i for i in issues if i.row == 12]
    assert len(growth) == 1 and growth[0].severity == "warning"
    assert "TOTAL 2024 243 (derived from the segments)" in growth[0].message
    assert "2023 200 (derived from the segments)" in growth[0].message


def test_validate_says_when_the_total_is_given(tmp_path: Path) -> None:
    _data(
        tmp_path,
        "exports,2024,TOTAL,1000,MAD_M,Office,",
        "exports,2023,TOTAL,900,MAD_M,Office,",
        "growth,2024,TOTAL,-5,PCT,Office,",
    )
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "data.csv")])
    assert result.exit_code == 0
    assert "row 4" in result.stderr
    assert "TOTAL 2024 1000 (given) and 2023 900 (given)" in result.stderr
    assert "published growth -5 % " in result.stderr  # as written, no invented decimal


def test_rounding_is_not_blamed_beyond_what_it_explains(dataset: Dataset) -> None:
    text = _text(dataset, "2024")
    # ESO: within rounding, said so with the interval; BPO: beyond it, said so.
    assert "ESO: the source publishes +7.1%; the rounded values give +8.2%, a gap that" in text
    assert "their rounding explains (+6.5% to +9.9%)" in text
    assert "BPO: the source publishes nearly +17%, but the values shown" in text
    assert "the rounded values give +22.8%" not in text


# --------------------------------------------------------------------------- precision


def test_amounts_show_the_change_in_one_unit_and_never_zero(tmp_path: Path) -> None:
    values = {"ITO": (2230, 2190), "CRM": (3000, 2600), "ESO": (250, 0.4), "BPO": (9, 11)}
    rows = [
        *_two_years(values),
        "exports,2023,KPO,5,MAD_M,Office,",
        "exports,2024,KPO,6,MAD_M,Office,",
    ]
    text = _text(_data(tmp_path, *rows), "2024", "fr")
    assert "de 2,23 Md MAD à 2,19 Md MAD" in text  # not 2,2 -> 2,2
    assert "de 3,0 Md MAD à 2,6 Md MAD" in text  # not "3 Md" beside "2,6 Md"
    assert "de 250,0 M MAD à 0,4 M MAD" in text  # one unit, not 250 M -> 400 k
    # the table: 0,4 and a share of 0,01 %, never 0
    assert re.search(r"Services d'ingénierie \(ESO\)\s+0,4\s+0,01 %°", text)
    assert not re.search(r"\(ESO\)\s+0\s", text) and not re.search(r"(?<![\d,])0,0 %", text)


def test_remainder_shown_to_the_precision_of_its_inputs(tmp_path: Path) -> None:
    data = _data(
        tmp_path,
        "exports,2025-H1,TOTAL,13400,MAD_M,Office,",
        "exports,2025-H1,ESO,2500,MAD_M,Office,",
        "exports,2025-H1,BPO,1300,MAD_M,Office,",
        "exports,2025-H1,KPO,21,MAD_M,Office,",
    )
    text = _text(data, "2025-H1", "fr")
    assert "9 600" in text and "9 579" not in text  # 13 400 - 2 500 - 1 300 - 21, each ±50
    # its share, to the point its precision allows, and the complement of the segments given:
    # 71 % + 29 % = 100 % as printed (9 579 / 13 400 = 71.5 %, 3 821 / 13 400 = 28.5 %)
    assert "71 %°" in text and "soit 29 % du total" in text


# --------------------------------------------------------------------------- narrative


def test_close_shares_do_not_lead_and_small_changes_are_stable(tmp_path: Path) -> None:
    values = {
        "ITO": (280, 280.3),  # +0.1 %: within the stable band, not growth
        "CRM": (270, 270),  # exactly 0.0 %: still mentioned
        "ESO": (200, 230),
        "BPO": (150, 170),
        "KPO": (100, 50),
    }
    text = _text(_data(tmp_path, *_two_years(values)), "2024")
    assert "lead the sector" not in text
    assert "The largest segments are ITO (28.0% of the total) and CRM (27.0%)" in text
    assert "Two segments grew: ESO +15% and BPO +13%." in text  # spelled out, stable excluded
    assert "ITO +0.1% and CRM 0.0% were virtually unchanged." in text
    assert "KPO fell by 50%, from MAD 100M to MAD 50M." in text


def test_no_driver_named_for_a_virtually_unchanged_total(tmp_path: Path) -> None:
    values = {
        "ITO": (500, 503),
        "CRM": (400, 397),
        "ESO": (50, 50),
        "BPO": (30, 30),
        "KPO": (20, 20),
    }
    text = _text(_data(tmp_path, *_two_years(values)), "2024")
    assert "virtually unchanged compared with 2023" in text
    assert "weighed most" not in text


def test_zero_a_year_earlier_is_undefined_growth_not_missing(tmp_path: Path) -> None:
    values = {"ITO": (100, 110), "CRM": (90, 99), "ESO": (30, 33), "BPO": (20, 22), "KPO": (0, 5)}
    text = _text(_data(tmp_path, *_two_years(values)), "2024")
    assert "KPO had no exports in 2023: a growth rate is not defined." in text
    assert re.search(r"\(KPO\)\s+5\s+[\d.]+%°\s+\+[\d.]+ pp\s+n\.m\.", text)
    assert "n.m.: not meaningful, the year-earlier value is zero." in text
    assert "no year-earlier figure for KPO" not in text
    assert "Four segments grew" in text


def test_counts_are_spelled_at_sentence_start_in_french(tmp_path: Path) -> None:
    values = {"ITO": (100, 130), "CRM": (90, 80), "ESO": (30, 33), "BPO": (20, 22), "KPO": (10, 5)}
    text = _text(_data(tmp_path, *_two_years(values)), "2024", "fr")
    assert "Trois segments ont progressé" in text
    assert "3 segments" not in text


# --------------------------------------------------------------------------- labels


def test_jobs_are_annual_and_the_gap_is_the_missing_year(tmp_path: Path) -> None:
    data = _data(
        tmp_path,
        "exports,2025-H1,TOTAL,13400,MAD_M,Office,",
        "jobs,2023,TOTAL,141000,PERSONS,Ministry,",
    )
    text = _text(data, "2025-H1")
    assert "Jobs are counted per year; the data has no figure for 2024." in text
    assert "jobs for 2024 (an annual figure)" in text
    assert "H1 2025 yet" not in text and "published for" not in text


def test_cover_keeps_the_mark_of_derived_values(dataset: Dataset) -> None:
    cover = pdf_text(build_brief(dataset, Period.parse("2024"), "en"))[0].replace("\n", " ")
    assert "about $2.8B*" in cover  # the USD equivalent rests on a derived rate
    assert "* derived value, see Methodology." in cover
    assert "Official statistics as cited by the press" in cover
    assert "Figures from official statistics" not in cover


def test_computed_shares_are_marked_and_rounded_only_when_it_differs(tmp_path: Path) -> None:
    values = {"ITO": (100, 130), "CRM": (90, 80), "ESO": (30, 33), "BPO": (20, 22), "KPO": (10, 5)}
    rows = [*_two_years(values), "exports,2024,TOTAL,270,MAD_M,Office,"]  # equals the sum
    text = _text(_data(tmp_path, *rows), "2024", "fr")
    assert "48,1 %°" in text  # computed, not published
    assert "° calculé à partir des valeurs du tableau, non publié par la source." in text
    assert "(arrondi)" not in text
    text = _text(_data(tmp_path, *_two_years(values), "exports,2024,TOTAL,300,MAD_M,Office,",
                       name="b.csv"), "2024", "fr")  # fmt: skip
    assert "la source publie 300 M MAD (arrondi)" in text


# --------------------------------------------------------------------------- quarters


def _quarters(tmp_path: Path) -> Path:
    rows = []
    for year, base in ((2023, 1000), (2024, 1100)):
        for q in range(1, 5):
            rows.append(f"exports,{year}-Q{q},TOTAL,{base + 10 * q},MAD_M,Office,")
            rows.append(f"exports,{year}-Q{q},ESO,{base // 4 + q},MAD_M,Office,")
    rows += ["exports,2025-Q1,TOTAL,1200,MAD_M,Office,", "exports,2025-Q2,TOTAL,1250,MAD_M,Office,"]
    rows += ["exports,2025-Q3,TOTAL,1300,MAD_M,Office,"]  # 2025 is incomplete: no 2025 brief
    path = tmp_path / "quarters.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_periods_lists_halves_and_years_of_complete_quarters(tmp_path: Path) -> None:
    path = _quarters(tmp_path)
    result = runner.invoke(app, ["periods", "--data", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "2024\tderived: sum of 2024-Q1 to 2024-Q4" in lines
    assert "2024-H2\tderived: sum of 2024-Q3 to 2024-Q4" in lines
    assert "2025-H1\tderived: sum of 2025-Q1 to 2025-Q2" in lines
    assert "2024-Q4" in lines
    assert not any(line.split("\t")[0] in ("2025", "2025-H2") for line in lines)


def test_year_brief_from_four_quarters(tmp_path: Path) -> None:
    path = _quarters(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--data", str(path), "--period", "2024", "--locale",
                                 "en", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(Path(result.stdout.strip()))).replace("\n", " ")
    # 2024: 1110 + 1120 + 1130 + 1140 = 4500; 2023: 4100.
    assert "MAD 4.5B*" in text  # derived, marked on the cover
    assert "The figures for 2024 are sums of its complete quarters (derived values)." in text
    # 4500 / 4100: +9.8 %, but from quarters rounded to 10: +8.7 % to +10.8 %, shown +10 %
    assert "up 10% compared with 2023" in text
    assert "Change in share" in text and "0.0 pp" not in text  # +0.04 pp is not 0


def test_quarterly_brief_shows_quarters_in_sequence(tmp_path: Path) -> None:
    data, _ = require_valid(_quarters(tmp_path))
    text = _text(data, "2025-Q2")
    assert "Quarter by quarter" in text
    assert "Change on the previous quarter" in text
    # Q1 2025 1,200 -> Q2 2025 1,250: +4.2 %; Q4 2024 1,140 -> Q1 2025 1,200: +5.3 %; with
    # 1,200 known to the hundred, to the unit only, as the year-on-year growth (+12 %), and
    # computed (°).
    assert re.search(r"Q2 2025\s+MAD 1\.25B\s+\+4%°", text), text
    assert re.search(r"Q1 2025\s+MAD 1\.20B\s+\+5%°", text)
    assert "Change on Q2 2024" in text  # and the year-on-year view
    # The sentence gives the total to the digits the table beside it shows (1.25, not 1.2),
    assert "reached MAD 1.25B" in text
    # and no "no breakdown for Q2 2024" when it is this quarter that has none.
    assert "no breakdown by segment for Q2 2024" not in text


def test_half_year_against_the_previous_full_year(dataset: Dataset) -> None:
    text = _text(dataset, "2025-H1", "fr")
    assert "ESO 72 %" in text  # 2 500 of 3 462 (the seed's "already at 72 % of 2024")
    assert "BPO 56 %" in text and "KPO 44 %" in text


# --------------------------------------------------------------------------- target, Arabic


def test_target_in_usd_and_single_stop_in_arabic(dataset: Dataset) -> None:
    en = _text(dataset, "2025-H1")
    assert "MAD 40B (about $4.3B at the 2024 rate of 9.36* MAD per USD)" in en
    ar = " ".join(pdf_text(build_brief(dataset, Period.parse("2024"), "ar")))
    assert "د.م.." not in ar and "د.م. ." not in ar
    assert "4.3 مليار دولار" in ar and "9.36*" in ar


@pytest.mark.parametrize("locale", ["fr", "en", "ar"])
def test_embedded_briefs_never_print_a_published_rate_with_invented_decimals(
    dataset: Dataset, locale: str
) -> None:
    text = _text(dataset, "2024", locale)
    assert "17.0" not in text and "17,0" not in text
