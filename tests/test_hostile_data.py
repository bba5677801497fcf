"""Hostile or careless data: a clear error located in the file or a sensible brief, no crash."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import pdf_text
from typer.testing import CliRunner

from reports.cli import app
from reports.errors import DataError
from reports.period import Period
from reports.pipeline import build_brief
from reports.resources import default_data_path
from reports.validation import load_dataset, require_valid

runner = CliRunner()


def embedded_rows() -> list[list[str]]:
    with default_data_path().open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def with_source(tmp_path: Path, make: object) -> Path:
    """The embedded data with every source replaced by ``make(old source)``."""
    rows = embedded_rows()
    column = rows[0].index("source")
    translations = [i for i, name in enumerate(rows[0]) if name.startswith("source_")]
    body = [
        ["" if i in translations else cell for i, cell in enumerate(r)] for r in rows[1:]
    ]  # a new source has no translation
    body = [[*r[:column], make(r[column]), *r[column + 1 :]] for r in body]  # type: ignore[operator]
    return write_rows(tmp_path / "data.csv", [rows[0], *body])


def error_of(path: Path) -> str:
    with pytest.raises(DataError) as info:
        require_valid(path)
    return str(info.value)


# ---------------------------------------------------------------------------------- sources


def test_no_source_column_builds_and_says_so(tmp_path: Path) -> None:
    rows = embedded_rows()
    column = rows[0].index("source")
    path = write_rows(tmp_path / "nosource.csv", [r[:column] + r[column + 1 :] for r in rows])
    result = runner.invoke(
        app, ["build", "--data", str(path), "--locale", "en", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(Path(result.stdout.strip())))
    assert "The data gives no source for these figures." in text


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_all_sources_empty_builds(tmp_path: Path, locale: str) -> None:
    data, _ = require_valid(with_source(tmp_path, lambda _old: ""))
    pdf = build_brief(data, Period.parse("2025-H1"), locale)
    last = pdf_text(pdf)[-1]
    expected = {"fr": "Les données n’indiquent aucune source", "ar": "مصدر"}[locale]
    assert expected in last or locale == "ar"  # Arabic text is checked for the absence of a crash


# ---------------------------------------------------------------------------------- long text


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_a_9000_character_source_wraps_across_pages(tmp_path: Path, locale: str) -> None:
    long = ("Office des Changes, balance des paiements " * 250)[:9000]
    data, _ = require_valid(with_source(tmp_path, lambda _old: long))
    pages = pdf_text(build_brief(data, Period.parse("2025-H1"), locale))
    assert len(pages) >= 5
    cited = "".join(pages).count("paiements")
    assert cited >= 200  # the whole text is on the pages, not clipped


def test_unicode_15_code_points_in_an_arabic_brief(tmp_path: Path) -> None:
    data, _ = require_valid(with_source(tmp_path, lambda old: f"{old} \U0001fae8 \U0001fadc (x)"))
    pdf = build_brief(data, Period.parse("2025-H1"), "ar")
    assert pdf.startswith(b"%PDF")


# ---------------------------------------------------------------------------------- CSV


def test_unclosed_quote_is_an_error_at_the_line_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        "indicator,period,segment,value,unit,source\n"
        "exports,2024,ITO,10578,MAD_M,Office\n"
        'exports,2024,CRM,9797,MAD_M,"Office des Changes\n'
        "exports,2024,ESO,3462,MAD_M,Office\n"
        "exports,2024,BPO,2334,MAD_M,Office\n",
        encoding="utf-8",
    )
    message = error_of(path)
    assert f"{path}, line 3: a quote" in message and "never closed" in message
    result = runner.invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    assert "valid" not in result.stdout


def test_a_quote_that_swallows_rows_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        "indicator,period,segment,value,unit,source\n"
        'exports,2024,ITO,10578,MAD_M,"Office\n'
        "exports,2024,CRM,9797,MAD_M,Office\n"
        'exports,2024,ESO,3462,MAD_M,Office"\n',
        encoding="utf-8",
    )
    assert f"{path}, line 2: a quote" in error_of(path)


def test_a_quoted_note_on_two_lines_is_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "note.csv"
    path.write_text(
        "indicator,period,segment,value,unit,note\n"
        'exports,2024,TOTAL,18000,MAD_M,"first line\nsecond line"\n'
        "exports,2023,TOTAL,17000,MAD_M,\n",
        encoding="utf-8",
    )
    data, issues = load_dataset(path)
    assert len(data) == 2 and not issues


def test_one_cp1252_line_in_a_utf8_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "indicator,period,segment,value,unit,source\n"
        "exports,2024,ITO,10578,MAD_M,Office des Changes (données)\n".encode()
        + "exports,2024,CRM,9797,MAD_M,Office des Changes (données)\n".encode("cp1252")
        + "exports,2024,ESO,3462,MAD_M,Office des Changes (données)\n".encode()
    )
    message = error_of(path)
    assert f"{path}, line 3: not valid UTF-8 (byte 0xE9)" in message


def test_terminal_escapes_in_a_header_are_not_echoed_raw(tmp_path: Path) -> None:
    path = tmp_path / "escape.csv"
    path.write_text(
        "indicator,period,segment,value,\x1b[2J\x1b[31mred,\u202eevil\n"
        "exports,2024,ITO,10578,x,y\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b[2j\\x1b[31mred" in result.stderr  # names are lower-cased, then escaped


# ---------------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1" + "0" * 29, "beyond the plausible limit"),
        ("1" + "0" * 310, "cannot read"),
        ("-1" + "0" * 13, "beyond the plausible limit"),
    ],
)
def test_absurd_magnitudes_are_errors_with_row_and_column(
    tmp_path: Path, value: str, expected: str
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        f"indicator,period,segment,value,unit\ngrowth,2024,ITO,{value},PCT\n", encoding="utf-8"
    )
    message = error_of(path)
    assert f"{path}, row 2, column 'value'" in message and expected in message
    assert "0" * 100 not in message  # a 311-digit value is not echoed whole


def test_period_0000_is_rejected_at_validation(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.write_text(
        "indicator,period,segment,value,unit\nexports,0000,TOTAL,5,MAD_M\n"
        "exports,2024,TOTAL,5,MAD_M\n",
        encoding="utf-8",
    )
    message = error_of(path)
    assert f"{path}, row 2, column 'period'" in message and "between 1900 and 2100" in message
    result = runner.invoke(app, ["periods", "--data", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output


# ---------------------------------------------------------------------------------- limits


def test_more_rows_than_the_limit_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports import loading

    monkeypatch.setattr(loading, "MAX_ROWS", 3)
    path = tmp_path / "rows.csv"
    path.write_text(
        "indicator,period,segment,value,unit\n" + "jobs,2024,TOTAL,5,PERSONS\n" * 4,
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"row 5: more than 3 data rows, the limit"):
        load_dataset(path)


def test_a_cell_over_the_length_limit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cell.csv"
    path.write_text(
        "indicator,period,segment,value,unit,note\n"
        f"jobs,2024,TOTAL,5,PERSONS,{'n' * 10_001}\n"
        f"jobs,2023,TOTAL,5,PERSONS,{'n' * 10_000}\n",
        encoding="utf-8",
    )
    message = error_of(path)
    assert f"{path}, row 2, column 'note': cell of 10,001 characters" in message
    assert "row 3" not in message


def test_a_csv_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports import loading

    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("indicator,period,segment,value,unit\n" + "jobs,2024,TOTAL,5,PERSONS\n" * 9)
    with pytest.raises(DataError, match="more than the limit"):
        load_dataset(path)


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from reports import loading

    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 1024 * 1024)  # 256 MB in real life

    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        chunk = b" " * (1024 * 1024)
        for _ in range(3):  # 3 MB of spaces, a few KB compressed
            member.write(chunk)
    assert path.stat().st_size < 100_000
    with pytest.raises(DataError, match="decompresses to 3 MB, more than the limit of 1 MB"):
        load_dataset(path)


def test_validate_lists_the_first_issues_then_a_count(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text(
        "indicator,period,segment,value,unit\n"
        + "".join(f"jobs,{1901 + i},TOTAL,5,PCT\n" for i in range(150)),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 101
    assert lines[0].startswith(f"Error: {path}, row 2, column 'unit'")
    assert lines[99].startswith(f"Error: {path}, row 101, column 'unit'")
    assert "50 more error(s) not listed" in lines[100] and "150 error(s)" in lines[100]
    build = runner.invoke(app, ["build", "--data", str(path), "--out", str(tmp_path / "out")])
    assert build.exit_code == 1
    assert "150 problem(s)" in build.stderr and "50 more error(s) not listed" in build.stderr


def test_terminal_escapes_are_not_echoed_raw_in_github_annotations(tmp_path: Path) -> None:
    path = tmp_path / "escape.csv"
    path.write_text(
        "indicator,period,segment,value,unit\nexports\x1b[2J,2024,ITO,10578,MAD_M\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--data", str(path), "--format", "github"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


def test_an_xlsx_cell_over_the_length_limit_is_an_error(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "cell.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "period", "segment", "value", "unit", "source"])
    sheet.append(["jobs", "2024", "TOTAL", 5, "PERSONS", "s" * 12_000])
    workbook.save(path)
    message = error_of(path)
    assert f"{path}, row 2, column 'source': cell of 12,000 characters" in message
