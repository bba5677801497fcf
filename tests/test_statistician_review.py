"""A statistician's second reading (session 5): figures that trace to the data, marks and
notes that say how each figure was obtained, the export and the API agreeing with the brief."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import pdf_text
from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()
QUARTERLY = Path(__file__).parent / "data" / "quarterly.csv"
HEADER = "indicator,period,segment,value,unit,source,status\n"


def _text(pdf: bytes | Path) -> str:
    return " ".join(" ".join(pdf_text(pdf)).split())


def _csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["segment"]: row for row in csv.DictReader(handle)}


def test_exported_part_not_broken_down_divides_into_its_share(tmp_path: Path) -> None:
    # H1 2025: 13,400 - 2,500 - 1,300 - 21 = 9,579. The export gave 9600 (the brief's printed
    # precision) beside the share 0.7149 computed from 9,579: a reader dividing the two columns
    # got 0.716. Every exported row now has value / total = share, the status saying how.
    result = runner.invoke(app, ["export", "-p", "2025-H1", "--format", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    rows = _csv_rows(Path(result.stdout.strip()))
    rest, total = rows["ITO + CRM"], rows["TOTAL"]
    assert float(rest["value_mad_m"]) == 9579.0
    assert rest["value_status"] == "computed"
    for row in rows.values():
        if row["value_mad_m"]:
            share = float(row["value_mad_m"]) / float(total["value_mad_m"])
            assert abs(share - float(row["share"])) < 1e-9, row


def _brief(tmp_path: Path, rows: list[str], period: str, locale: str = "en") -> str:
    from reports.period import Period
    from reports.pipeline import build_brief
    from reports.validation import require_valid

    path = tmp_path / "data.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, _ = require_valid(path)
    return _text(build_brief(data, Period.parse(period), locale))


def test_a_year_summed_from_quarters_is_not_said_derived_from_shares(tmp_path: Path) -> None:
    # quarterly.csv has no share row, yet the 2024 brief (sums of Q1-Q4) listed "ITO: value
    # derived from its published share of the total." for each of the five segments.
    from reports.period import Period
    from reports.pipeline import build_brief
    from reports.validation import require_valid

    data, _ = require_valid(QUARTERLY)
    for period in ("2024", "2024-H2"):
        text = _text(build_brief(data, Period.parse(period), "en"))
        assert "published share" not in text
        assert f"The figures for {period.replace('2024-H2', 'H2 2024')} are sums of its" in text
    fr = _text(build_brief(data, Period.parse("2024"), "fr"))
    assert "part publiée" not in fr


def test_a_year_summed_from_halves_says_halves(tmp_path: Path) -> None:
    rows = [
        f"exports,2024-H{h},{s},{v + h},MAD_M,X,published"
        for h in (1, 2)
        for s, v in (("ITO", 500), ("CRM", 400), ("ESO", 150), ("BPO", 100), ("KPO", 5))
    ]
    text = _brief(tmp_path, rows, "2024")
    assert "The figures for 2024 are sums of its two halves (derived values)." in text
    assert "quarters" not in text.split("Methodology and sources")[1]
    assert "published share" not in text


def test_segments_summed_beside_a_published_total_say_so(tmp_path: Path) -> None:
    # The total of 2024 is published, the segments only as quarters: each segment is a sum
    # (derived), the period itself is not.
    rows = ["exports,2024,TOTAL,4300,MAD_M,X,published"]
    rows += [
        f"exports,2024-Q{q},{s},{v},MAD_M,X,published"
        for q in (1, 2, 3, 4)
        for s, v in (("ITO", 500), ("CRM", 400), ("ESO", 150), ("BPO", 20), ("KPO", 5))
    ]
    text = _brief(tmp_path, rows, "2024")
    assert "ITO: sum of Q1 2024 to Q4 2024 (derived value)." in text
    assert "published share" not in text
    marked = [
        "exports,2024,TOTAL,4000,MAD_M,X,published",
        "exports,2024,ITO,2000,MAD_M,X,derived",
        "exports,2024,CRM,1600,MAD_M,X,published",
    ]
    assert "ITO: value marked derived in the data, not published as such." in _brief(
        tmp_path, marked, "2024"
    )


def test_a_value_derived_from_its_share_still_says_so(tmp_path: Path) -> None:
    rows = [
        "exports,2025,TOTAL,1100,MAD_M,X,published",
        "exports,2025,ITO,420,MAD_M,X,published",
        "share,2025,CRM,36,PCT,X,published",
    ]
    text = _brief(tmp_path, rows, "2025")
    assert "CRM: value derived from its published share of the total." in text
    assert "ITO: value" not in text


FUTURE = (
    "indicator,period,segment,value,unit\n"
    "exports,2026-Q3,TOTAL,7000,MAD_M\n"
    "exports,2026-Q4,TOTAL,7100,MAD_M\n"
    "exports,2026-Q4,ITO,3000,MAD_M\n"
    "digital_revenues_target,2030,TOTAL,40000,MAD_M\n"
)


def test_validate_reports_a_period_not_over_on_the_day_checked(tmp_path: Path) -> None:
    # build and batch refuse to date a brief on or before its period's end; validate said
    # "valid (0 warnings)" of data holding 2026-Q4 on 2026-11-26. It is a warning (other
    # periods can still be briefed), located at the period's first row, with a stable code.
    import json

    path = tmp_path / "future.csv"
    path.write_text(FUTURE, encoding="utf-8")
    args = ["validate", "--data", str(path)]
    on = runner.invoke(app, [*args, "--date", "2026-11-26"])
    assert on.exit_code == 0, on.stderr
    assert "valid (4 rows, 1 warning(s))" in on.stdout
    assert (
        f"{path}, row 3, column 'period': period 2026-Q4 is not over on 2026-11-26 (it ends on "
        "2026-12-31): its figures cannot be final, and no brief of it can be published before "
        "2027-01-01; 2 row(s) of this period" in on.stderr
    )
    assert "2030" not in on.stderr  # the target is dated by the year it aims at
    assert runner.invoke(app, [*args, "--date", "2026-11-26", "--strict"]).exit_code == 1
    # the last day of a period is not after it (build refuses that date too); the next day is
    last_day = runner.invoke(app, [*args, "--date", "2026-12-31", "--json"])
    issues = json.loads(last_day.stdout)["issues"]
    assert [(i["code"], i["row"]) for i in issues] == [("future-period", 3)]
    after = runner.invoke(app, [*args, "--date", "2027-01-01", "--json"])
    assert json.loads(after.stdout)["warnings"] == 0
    assert json.loads(after.stdout)["checked_on"] == "2027-01-01"
    # without --date: SOURCE_DATE_EPOCH's day (2026-09-21), as build and batch
    epoch = runner.invoke(app, [*args, "--json"], env={"SOURCE_DATE_EPOCH": "1790000000"})
    report = json.loads(epoch.stdout)
    assert report["checked_on"] == "2026-09-21"
    assert [(i["code"], i["row"]) for i in report["issues"]] == [
        ("future-period", 2),
        ("future-period", 3),
    ]
    github = runner.invoke(app, [*args, "--date", "2026-11-26", "--format", "github"])
    assert github.stdout.startswith(f"::warning file={path},line=3,title=future-period")
    assert runner.invoke(app, [*args, "--date", "2026-13-01"]).exit_code == 2
    # the embedded data has no period in the future of its latest brief's publication
    embedded = runner.invoke(app, ["validate", "--date", "2025-07-01", "--json"])
    assert "future-period" not in embedded.stdout


def test_a_total_reads_the_same_in_the_chart_the_table_and_the_text() -> None:
    # Q2 2025: 7,149, known to the unit, is "MAD 7.15B" on the cover, in the text and in the
    # quarter-by-quarter table; its bar in the trend chart read 7.1 (a reader rounding 7.15
    # gets 7.2). Q1 2024: the text said 6.49B, the table beside it 6.5B. Each total is now
    # written to its own precision everywhere (Q1 2023's 6,185 carries ITO's 2,500, known to
    # the hundred: 6.2 in every brief).
    from reports.period import Period
    from reports.pipeline import build_brief
    from reports.validation import require_valid

    data, _ = require_valid(QUARTERLY)
    q2 = _text(build_brief(data, Period.parse("2025-Q2"), "en"))
    assert "reached MAD 7.15B" in q2
    assert "Q2 2023 Q2 2024 Q2 2025 0 2 4 6 8 6.44 6.77 7.15 Total exports (MAD billion)" in q2
    assert "Q2 2025 MAD 7.15B° +4.5%°" in q2
    q1 = _text(build_brief(data, Period.parse("2024-Q1"), "en"))
    assert "reached MAD 6.49B" in q1
    assert "6.2 6.49 Total exports (MAD billion)" in q1
    assert "Q1 2023 MAD 6.2B° n.a." in q1 and "Q1 2024 MAD 6.49B° +3%°" in q1
    fr = _text(build_brief(data, Period.parse("2025-Q2"), "fr"))
    assert "6,44 6,77 7,15 Exportations totales (Md MAD)" in fr


def test_a_brief_from_load_data_cites_its_sources_as_the_files_brief(tmp_path: Path) -> None:
    # load_data() had source_en/source_ar/source_fr columns, all empty: an English brief built
    # from the frame quoted "“Office des Changes, cité par la presse (24/10/2025)” (original
    # wording)" where the CLI's brief of the same data cites the English description.
    import reports
    from reports.period import Period
    from reports.pipeline import build_brief
    from reports.resources import default_data_path
    from reports.validation import require_valid

    frame = reports.load_data()
    row = frame[(frame.indicator == "exports") & (frame.period == "2025-H1")].iloc[0]
    assert row["source_en"] == "Office des Changes, as cited by the press (24/10/2025)"
    for locale in ("en", "ar"):
        result = reports.build_brief(frame, "2025-H1", locale, out=tmp_path, date="2025-09-15")
        data, _ = require_valid(default_data_path())
        from_file = _text(build_brief(data, Period.parse("2025-H1"), locale))
        from_frame = _text(result.path)
        assert "original wording" not in from_frame
        first_source = from_file.split("[1]")[1].split("[2]")[0]
        assert f"[1]{first_source}[2]" in from_frame


ROUNDING_NOTE = (
    "Each figure is rounded on its own: the shares or contributions shown may not add up "
    "exactly to the total."
)


def test_the_total_row_and_the_rounded_parts_are_explained() -> None:
    # Q1 2024: the total's row read "+5%°" (its growth, known to the unit because Q1 2023
    # carries ITO's 2,500) beside "+4.9 pp", the same number as its contribution. And the
    # printed parts did not add up with no word said: 2024 (sums of quarters) printed
    # contributions of +3.4, -1.4, +1.7, +1.5 and +0.1 pp under a total of +5.1 pp; Q1 2023
    # shares of 40 + 38.0 + 12.9 + 8.4 + 0.2 = 99.5 % under 100.0 %.
    from reports.dataset import Dataset
    from reports.period import Period
    from reports.pipeline import build_brief
    from reports.resources import default_data_path
    from reports.validation import require_valid

    data, _ = require_valid(QUARTERLY)
    q1 = _text(build_brief(data, Period.parse("2024-Q1"), "en"))
    assert "Total 6,489 100.0% — +5%° +5 pp" in q1
    year = _text(build_brief(data, Period.parse("2024"), "en"))
    assert (
        "+3.4 pp*" in year
        and "+0.1 pp*" in year
        and "Total 26,938* 100.0% — +5.1%* +5.1 pp*" in year
    )
    assert ROUNDING_NOTE in year
    assert ROUNDING_NOTE in _text(build_brief(data, Period.parse("2023-Q1"), "en"))
    fr = _text(build_brief(data, Period.parse("2023-Q1"), "fr"))
    assert "Chaque chiffre est arrondi séparément" in fr
    # 40.3 + 37.4 + 13.2 + 8.9 + 0.2 = 100.0 and no contribution column: no note
    embedded: Dataset = require_valid(default_data_path())[0]
    assert ROUNDING_NOTE not in _text(build_brief(embedded, Period.parse("2024"), "en"))


def test_the_export_says_what_the_brief_says_of_a_published_rate(tmp_path: Path) -> None:
    # 2024: the brief shows BPO "≈ +17%†" (published as "nearly", while the values give
    # +22.8 %, beyond their rounding) and ESO +7.1 % (the values give +8.2 %, within their
    # rounding). The export said 0.17 and 0.071, "published", and nothing more.
    result = runner.invoke(app, ["export", "-p", "2024", "--format", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    rows = _csv_rows(Path(result.stdout.strip()))
    bpo, eso, kpo = rows["BPO"], rows["ESO"], rows["KPO"]
    assert (bpo["growth"], bpo["growth_approximate"], bpo["growth_within_rounding"]) == (
        "0.17",
        "True",
        "False",
    )
    assert abs(float(bpo["growth_from_values"]) - (2334 / 1900 - 1)) < 1e-9
    assert (eso["growth_approximate"], eso["growth_within_rounding"]) == ("False", "True")
    assert abs(float(eso["growth_from_values"]) - (3462 / 3200 - 1)) < 1e-9
    assert kpo["growth"] == kpo["growth_from_values"] and kpo["growth_within_rounding"] == ""
    h1 = runner.invoke(app, ["export", "-p", "2025-H1", "-l", "fr", "-o", str(tmp_path)])
    from openpyxl import load_workbook

    sheet = load_workbook(Path(h1.stdout.strip()))["figures"]
    header = [c.value for c in sheet[1]]
    total = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "TOTAL")
    got = dict(zip(header, total, strict=True))
    assert abs(got["Croissance selon les valeurs"] - (13400 / 12900 - 1)) < 1e-9
    assert got["Croissance publiée compatible avec l’arrondi des valeurs"] is True


def test_segments_given_as_shares_are_drawn_in_the_trend(tmp_path: Path) -> None:
    # Segments published only as shares of a published total: the table gives ITO 800* (40 %
    # of 2,000) and 684* a year earlier, but the trend chart drew no segment bar and its note
    # said "ITO, CRM, ESO, BPO, and KPO have no value for these periods".
    shares = {"2024": (38, 37, 15, 9, 1), "2025": (40, 35, 15, 9, 1)}
    rows = [
        "exports,2024,TOTAL,1800,MAD_M,X,published",
        "exports,2025,TOTAL,2000,MAD_M,X,published",
    ]
    rows += [
        f"share,{year},{seg},{share},PCT,X,published"
        for year, values in shares.items()
        for seg, share in zip(("ITO", "CRM", "ESO", "BPO", "KPO"), values, strict=True)
    ]
    text = _brief(tmp_path, rows, "2025")
    assert "IT services (ITO) 800* 40%" in text
    assert "have no value for these periods" not in text
    # in MAD million (a panel stays under a billion): ITO 684 -> 800, CRM 666 -> 700 ...
    assert "684 800 666 700 270 300 162 180 18 20 By segment (MAD million)" in text


def test_the_headline_total_is_named_as_the_aggregate_it_is() -> None:
    # The cover's first key figure, the total of ITO, CRM, ESO, BPO and KPO, was labelled
    # "Exports of digital services, 2024": the name of a part (and close to "digital
    # revenues", the 2030 target's different aggregate). It now names the whole, as the title.
    from reports.period import Period
    from reports.pipeline import build_brief
    from reports.resources import default_data_path
    from reports.validation import require_valid

    data, _ = require_valid(default_data_path())
    cover = {loc: _text(build_brief(data, Period.parse("2024"), loc)) for loc in ("en", "fr")}
    assert "MAD 26.2B Exports of digital and outsourcing services, 2024" in cover["en"]
    assert "Exports of digital services" not in cover["en"]
    assert "Exportations de services numériques et d’externalisation, 2024" in cover["fr"]


def test_the_spreadsheet_shows_each_rate_to_the_brief_s_precision(tmp_path: Path) -> None:
    # The XLSX formatted whole columns "+0.0%" and "0.0%": BPO's "nearly 17 %" showed +17.0 %,
    # KPO's -38 % (from 78 and 48) -38.5 %, the part not broken down 71.5 % (the brief: 71 %).
    from openpyxl import load_workbook

    def sheet_rows(period: str) -> dict[str, tuple[object, ...]]:
        result = runner.invoke(app, ["export", "-p", period, "-l", "en", "-o", str(tmp_path)])
        assert result.exit_code == 0, result.stderr
        sheet = load_workbook(Path(result.stdout.strip()))["figures"]
        return {r[1].value: r for r in sheet.iter_rows(min_row=2)}  # type: ignore[misc]

    y2024 = sheet_rows("2024")
    assert y2024["BPO"][6].number_format == "+0%;-0%;0%"  # type: ignore[attr-defined]
    assert y2024["KPO"][6].number_format == "+0%;-0%;0%"  # type: ignore[attr-defined]
    assert y2024["ESO"][6].number_format == "+0.0%;-0.0%;0.0%"  # type: ignore[attr-defined]
    assert y2024["ITO"][4].number_format == "0.0%"  # type: ignore[attr-defined]
    h1 = sheet_rows("2025-H1")
    assert h1["ITO + CRM"][4].number_format == "0%"  # type: ignore[attr-defined]
    assert h1["ESO"][4].number_format == "0.0%"  # type: ignore[attr-defined]
