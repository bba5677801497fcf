"""`reports export` (figures as XLSX/CSV) and the pandas API (load_data, build_brief)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import pdf_text
from openpyxl import load_workbook
from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()


def test_export_xlsx_localized_matches_the_brief(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-p", "2025-H1", "-l", "fr", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == tmp_path / "2025-H1" / "figures-2025-H1-fr.xlsx"
    sheet = load_workbook(path)["figures"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == [
        "Période",
        "Code du segment",
        "Segment",
        "Exportations (M\u00a0MAD)",
        "Part du total",
    ]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["ESO"][3] == 2500 and rows["ESO"][4] == pytest.approx(2500 / 13400)
    assert rows["ESO"][8] == "publiée" and rows["ITO"][8] == "non disponible"
    assert (
        rows["ITO + CRM"][2] == "Non ventilé (ITO + CRM)" and rows["ITO + CRM"][3] == 9579
    )  # as computed: 13,400 - 2,500 - 1,300 - 21 (the brief prints it 9,600)
    assert rows["TOTAL"][3] == 13400 and rows["TOTAL"][6] == pytest.approx(0.035)
    assert sheet["E3"].number_format == "0.0%" and sheet["G2"].number_format.startswith("+0.0%")


def test_export_csv_machine_columns(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    text = Path(result.stdout.strip()).read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("period,segment,name,value_mad_m,share,share_change_pts,growth")
    assert any(line.startswith("2025-H1,TOTAL,Total,13400.0,1.0,,0.035,") for line in text)
    assert runner.invoke(app, ["export", "--format", "pdf"]).exit_code == 2
    y2024 = runner.invoke(app, ["export", "-p", "2024", "--format", "csv", "-o", str(tmp_path)])
    rows = Path(y2024.stdout.strip()).read_text(encoding="utf-8-sig").splitlines()
    assert any(r.startswith("2024,ITO,ITO,10578.0,0.403,") for r in rows), rows


def test_load_data_and_build_brief_from_a_dataframe(tmp_path: Path) -> None:
    import reports

    frame = reports.load_data()
    assert list(frame.columns) == [
        "indicator",
        "period",
        "segment",
        "value",
        "unit",
        "source",
        "source_en",
        "source_ar",
        "source_fr",
        "note",
        "status",
    ]
    total = frame.query("indicator == 'exports' and period == '2025-H1' and segment == 'TOTAL'")
    assert total["value"].tolist() == [13400.0]
    result = reports.build_brief(frame, "2025-H1", "en", out=tmp_path, date="2025-09-15")
    assert result.path == tmp_path / "2025-H1" / "brief-2025-H1-en.pdf" and result.pages == 3
    assert "Published on September 15, 2025" in pdf_text(result.path)[0]
    bad = frame.copy()
    bad.loc[3, "unit"] = "USD"
    from reports.errors import DataError

    with pytest.raises(DataError, match=r"DataFrame, row 5, column 'unit'") as caught:
        reports.build_brief(bad, "2025-H1", out=tmp_path)
    assert [i.code for i in caught.value.issues] == ["wrong-unit"]  # type: ignore[attr-defined]
    with pytest.raises(DataError):
        reports.load_data(tmp_path / "missing.csv")


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's notebook-style example, as written."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    assert blocks
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "output" / "2025-H1" / "brief-2025-H1-fr.pdf").exists()


def test_readme_template_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `reports templates …` walk-through, command by command."""
    import shlex

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Templates, brand and wording", 1)[1].split("```bash\n", 1)[1]
    lines = [line.split("#", 1)[0].strip() for line in section.split("```", 1)[0].splitlines()]
    commands = [shlex.split(line)[1:] for line in lines if line.startswith("reports ")]
    assert [c[:2] for c in commands] == [
        ["templates", "init"],
        ["templates", "check"],
        ["build", "--templates"],
    ]
    monkeypatch.chdir(tmp_path)
    for command in commands:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.stderr)
    assert (tmp_path / "my-templates" / "brief.toml").is_file()
    assert (tmp_path / "output" / "2025-H1" / "brief-2025-H1-fr.pdf").is_file()


def test_build_brief_from_a_path_with_templates(tmp_path: Path) -> None:
    import reports
    from reports.resources import default_data_path

    mine = tmp_path / "mine"
    assert runner.invoke(app, ["templates", "init", str(mine)]).exit_code == 0
    layout = mine / "brief.toml"
    layout.write_text(
        layout.read_text(encoding="utf-8") + '\n[brand]\norganisation = "Observatoire"\n',
        encoding="utf-8",
    )
    result = reports.build_brief(
        default_data_path(), "2024", "ar", out=tmp_path / "out", templates=mine, date="2025-01-31"
    )
    assert result.path == tmp_path / "out" / "2024" / "brief-2024-ar.pdf"
    cover = pdf_text(result.path)[0]
    assert "Observatoire" in cover and "2025" in cover


def test_export_with_a_template_folder_uses_its_wording(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    assert runner.invoke(app, ["templates", "init", str(mine)]).exit_code == 0
    po = mine / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Code du segment"', 'msgstr "Code"'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["export", "-l", "fr", "-t", str(mine), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(result.stdout.strip())["figures"]
    assert [c.value for c in sheet[1]][:2] == ["Période", "Code"]


def _words(page: str) -> str:
    return " ".join(page.split())


def test_a_brief_from_a_dataframe_names_no_fake_file(tmp_path: Path) -> None:
    """The methodology cites where the data came from: a table supplied through the Python API
    (under the name the analyst gave it, if any), never a temporary file's name."""
    import reports

    frame = reports.load_data()
    fr = reports.build_brief(frame, "2025-H1", "fr", out=tmp_path / "a", date="2025-09-15")
    text = _words(pdf_text(fr.path)[-1])
    assert "DataFrame" not in text and ".csv" not in text
    assert "à partir d’un tableau fourni par son API Python." in text, text[-300:]
    en = reports.build_brief(
        frame, "2025-H1", "en", out=tmp_path / "b", date="2025-09-15", source_name="OC extract"
    )
    text = _words(pdf_text(en.path)[-1])
    assert "from OC extract, a table supplied through its Python API." in text, text[-300:]
    frame.attrs["source_name"] = "Office des Changes, Q2 2025"
    named = reports.build_brief(frame, "2025-H1", "en", out=tmp_path / "c", date="2025-09-15")
    assert "from Office des Changes, Q2 2025, a table" in _words(pdf_text(named.path)[-1])
    ar = reports.build_brief(frame.drop(columns=[]), "2025-H1", "ar", out=tmp_path / "d")
    text = _words(pdf_text(ar.path)[-1])
    assert "DataFrame" not in text and ".csv" not in text and "Python" in text
    # A file is still cited by its name.
    from reports.resources import default_data_path

    by_path = reports.build_brief(default_data_path(), "2025-H1", "en", out=tmp_path / "e")
    assert f"from {default_data_path().name}." in _words(pdf_text(by_path.path)[-1])


def test_dataframe_warnings_name_the_dataframe_not_a_temporary_file(tmp_path: Path) -> None:
    import reports

    frame = reports.load_data()
    row = frame.index[
        (frame.indicator == "exports") & (frame.period == "2025-H1") & (frame.segment == "TOTAL")
    ][0]
    frame.loc[row, "value"] = frame.loc[row, "value"] + 40  # the published growth no longer fits
    result = reports.build_brief(frame, "2025-H1", "en", out=tmp_path, date="2025-09-15")
    assert result.warnings, "a growth warning was expected"
    for warning in result.warnings:
        assert warning.startswith("DataFrame, row "), warning
        assert "DataFrame.csv" not in warning and "/tmp" not in warning


def test_source_name_is_one_short_line(tmp_path: Path) -> None:
    import reports

    frame = reports.load_data()
    with pytest.raises(ValueError, match="source_name"):
        reports.build_brief(frame, "2025-H1", out=tmp_path, source_name="x" * 201)
    with pytest.raises(TypeError, match="source_name"):
        reports.build_brief(Path("data.csv"), "2025-H1", out=tmp_path, source_name="x")


def test_dataframe_numbers_are_read_as_numbers(tmp_path: Path) -> None:
    # 9.357 alone among whole numbers would be the ambiguous "9.357" in a CSV file: a
    # DataFrame's numbers are numbers.
    import pandas as pd

    import reports

    frame = pd.DataFrame(
        {
            "indicator": ["exports", "fx_mad_per_usd"],
            "period": ["2024", "2024"],
            "segment": ["TOTAL", "TOTAL"],
            "value": [26219, 9.357],
            "unit": ["MAD_M", "MAD_PER_USD"],
        }
    )
    result = reports.build_brief(frame, "2024", "en", out=tmp_path, date="2025-09-15")
    assert "about $2.8B" in pdf_text(result.path)[0]  # 26,219 / 9.357 = 2,802


def test_dataframe_values_as_text_or_none_are_read_as_cells(tmp_path: Path) -> None:
    # A column of objects (text typed in a notebook, None for a gap) raised TypeError from
    # inside the API; it is read as a CSV file's cells would be, with located errors.
    import pandas as pd

    import reports
    from reports.errors import DataError

    frame = pd.DataFrame(
        {
            "indicator": ["exports", "exports", "exports"],
            "period": ["2024", "2024", "2024"],
            "segment": ["TOTAL", "ITO", "CRM"],
            "value": pd.Series(["26 219,5", None, 12], dtype=object),
            "unit": ["MAD_M", "MAD_M", "MAD_M"],
        }
    )
    with pytest.raises(DataError) as raised:
        reports.build_brief(frame, "2024", "en", out=tmp_path, date="2025-09-15")
    assert "DataFrame, row 3, column 'value': empty value" in str(raised.value)
    frame.loc[1, "value"] = "10 578"
    result = reports.build_brief(frame, "2024", "en", out=tmp_path, date="2025-09-15")
    assert result.pages == 3


def test_export_gives_the_contribution_of_the_part_not_broken_down(tmp_path: Path) -> None:
    # as the brief's table: the contributions of the rows add up to the total's
    import csv

    data = tmp_path / "shares.csv"
    data.write_text(
        "indicator,period,segment,value,unit\n"
        "exports,2024,TOTAL,1000,MAD_M\nexports,2024,ITO,400,MAD_M\n"
        "exports,2025,TOTAL,1100,MAD_M\nexports,2025,ITO,420,MAD_M\n",
        encoding="utf-8",
    )
    args = ["export", "--data", str(data), "--period", "2025", "--format", "csv"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with (tmp_path / "2025" / "figures-2025.csv").open(encoding="utf-8-sig") as f:
        rows = {r["segment"]: r for r in csv.DictReader(f)}
    assert float(rows["ITO"]["contribution_pts"]) == pytest.approx(2.0)
    rest = "CRM + ESO + BPO + KPO"
    assert float(rows[rest]["contribution_pts"]) == pytest.approx(8.0)  # 680 - 600 on 1,000
    assert float(rows["TOTAL"]["contribution_pts"]) == pytest.approx(10.0)


def test_export_gives_no_total_contribution_without_any_row_contribution(tmp_path: Path) -> None:
    # H1 2025: no segment is known a year earlier, so no row has a contribution; the total's
    # would be the growth computed from the values (+3.9 pts) beside the published +3.5 %.
    import csv

    args = ["export", "--period", "2025-H1", "--format", "csv", "--out", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    with (tmp_path / "2025-H1" / "figures-2025-H1.csv").open(encoding="utf-8-sig") as f:
        rows = {r["segment"]: r for r in csv.DictReader(f)}
    assert all(r["contribution_pts"] == "" for r in rows.values())
    assert float(rows["TOTAL"]["growth"]) == pytest.approx(0.035)
