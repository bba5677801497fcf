"""Reading CSV/XLSX files as people export them, and parsing numbers as people write them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.errors import DataError
from reports.loading import parse_number, read_rows
from reports.validation import load_dataset

HEADER = ["indicator", "period", "segment", "value", "unit"]


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- CSV


def test_french_excel_csv_semicolon_decimal_comma_bom(tmp_path: Path) -> None:
    text = (
        "Indicator ; PERIOD;Segment;Value;Unit;Source\r\n"
        "exports;2024;ITO;10\u00a0578;MAD_M;Office des Changes\r\n"
        "share;2024;ITO;40,3 %;PCT;\r\n"
        "fx_mad_per_usd;2024;TOTAL;9,97;MAD_PER_USD;\r\n"
        "exports;2025-H1;ito;26\u202f219,5;MAD_M;\r\n"
        "exports;2025-Q2;ITO;1.234;MAD_M;\r\n"
    )
    path = write_bytes(tmp_path, "fr.csv", text.encode("utf-8-sig"))

    header, rows = read_rows(path)
    assert header == ["indicator", "period", "segment", "value", "unit", "source"]
    assert [number for number, _ in rows] == [2, 3, 4, 5, 6]
    assert rows[0][1]["source"] == "Office des Changes"
    assert rows[1][1]["value"] == "40,3 %"

    dataset, issues = load_dataset(path)
    assert issues == []
    values = {(str(o.period), o.indicator): o.value for o in dataset}
    assert values[("2024", "exports")] == 10578
    assert values[("2024", "share")] == pytest.approx(40.3)
    assert values[("2024", "fx_mad_per_usd")] == pytest.approx(9.97)
    assert values[("2025-H1", "exports")] == pytest.approx(26219.5)
    # ';' file -> decimal comma -> a lone dot before three digits groups thousands
    assert values[("2025-Q2", "exports")] == 1234
    assert dataset.get("exports", dataset.periods()[0], "ITO") is not None


def test_cp1252_csv_with_accented_quoted_source(tmp_path: Path) -> None:
    text = (
        "indicator,period,segment,value,unit,source\r\n"
        'exports,2024,TOTAL,26219,MAD_M,"Office des Changes, prélim."\r\n'
    )
    path = write_bytes(tmp_path, "win.csv", text.encode("cp1252"))

    header, rows = read_rows(path)
    assert header[-1] == "source"
    assert rows == [
        (
            2,
            {
                "indicator": "exports",
                "period": "2024",
                "segment": "TOTAL",
                "value": "26219",
                "unit": "MAD_M",
                "source": "Office des Changes, prélim.",
            },
        )
    ]
    dataset, issues = load_dataset(path)
    assert issues == []
    assert [o.source for o in dataset] == ["Office des Changes, prélim."]


def test_comma_csv_with_dot_decimals(tmp_path: Path) -> None:
    text = (
        "indicator,period,segment,value,unit\n"
        "exports,2024,ITO,10578,MAD_M\n"
        'exports,2024,CRM,"9,797",MAD_M\n'
        "share,2024,ITO,40.3,PCT\n"
    )
    path = write_bytes(tmp_path, "en.csv", text.encode("utf-8"))
    dataset, issues = load_dataset(path)
    assert issues == []
    # a dot decimal elsewhere in the file makes "9,797" a thousands group
    assert sorted(o.value for o in dataset) == [pytest.approx(40.3), 9797, 10578]


def test_comma_csv_with_a_lone_comma_and_no_clue_is_ambiguous(tmp_path: Path) -> None:
    # "9,970" alone: 9.97 (a decimal comma) or 9970 (English thousands)? Not guessed.
    text = 'indicator,period,segment,value,unit\nfx_mad_per_usd,2024,TOTAL,"9,970",MAD_PER_USD\n'
    path = write_bytes(tmp_path, "fx.csv", text.encode("utf-8"))
    dataset, issues = load_dataset(path)
    assert [(i.row, i.column, i.code) for i in issues] == [(2, "value", "ambiguous-number")]
    # with a clue, it is read: a decimal comma elsewhere in the file
    text += 'share,2024,ITO,"40,3",PCT\n'
    path = write_bytes(tmp_path, "fx.csv", text.encode("utf-8"))
    dataset, issues = load_dataset(path)
    assert issues == []
    assert sorted(o.value for o in dataset) == [pytest.approx(9.97), pytest.approx(40.3)]


def test_tab_separated_csv(tmp_path: Path) -> None:
    text = "indicator\tperiod\tsegment\tvalue\tunit\nexports\t2024\tBPO\t2334\tMAD_M\n"
    path = write_bytes(tmp_path, "tab.csv", text.encode("utf-8"))
    header, rows = read_rows(path)
    assert header == HEADER
    assert rows == [
        (
            2,
            {
                "indicator": "exports",
                "period": "2024",
                "segment": "BPO",
                "value": "2334",
                "unit": "MAD_M",
            },
        )
    ]


def test_blank_rows_skipped_but_counted_and_multiline_cell_is_one_row(tmp_path: Path) -> None:
    text = (
        "indicator,period,segment,value,unit,note\n"
        "\n"
        'exports,2024,ITO,10578,MAD_M,"first line\nsecond line"\n'
        ",,,,,\n"
        "exports,2024,CRM,9797,MAD_M,\n"
    )
    path = write_bytes(tmp_path, "blank.csv", text.encode("utf-8"))
    _, rows = read_rows(path)
    assert [number for number, _ in rows] == [3, 5]
    assert rows[0][1]["note"] == "first line\nsecond line"


def test_excel_sep_line_is_honoured_and_not_counted(tmp_path: Path) -> None:
    text = "sep=,\nindicator,period,segment,value,unit\nexports,2024,ITO,10578,MAD_M\n"
    path = write_bytes(tmp_path, "sep.csv", text.encode("utf-8"))
    header, rows = read_rows(path)
    assert header == HEADER
    assert [number for number, _ in rows] == [2]


def test_trailing_separators_dropped_unnamed_column_with_values_kept(tmp_path: Path) -> None:
    text = (
        "indicator;period;segment;value;unit;;\n"
        "exports;2024;ITO;10578;MAD_M;;\n"
        "exports;2024;CRM;9797;MAD_M;;oops\n"
    )
    path = write_bytes(tmp_path, "trail.csv", text.encode("utf-8"))
    header, rows = read_rows(path)
    assert header == [*HEADER, "column_7"]
    assert rows[1][1]["column_7"] == "oops"
    assert rows[0][1]["column_7"] == ""


# --------------------------------------------------------------------------- XLSX


def test_xlsx_numbers_percentages_and_data_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Notes"
    notes["A1"] = "read me first"
    sheet = workbook.create_sheet("Data")
    sheet.append([" Indicator", "Period", "Segment", "Value", "Unit"])
    sheet.append(["exports", 2024, "ITO", 10578.0, "MAD_M"])
    sheet.append([None, None, None, None, None])
    sheet.append(["share", "2024", "ITO", 40.3, "PCT"])
    sheet.append(["share", "2024", "CRM", 0.374, "PCT"])
    sheet["D5"].number_format = "0.0%"
    sheet.append(["fx_mad_per_usd", 2024, "TOTAL", 0.1 + 9.87, "MAD_PER_USD"])
    path = tmp_path / "data.xlsx"
    workbook.save(path)

    header, rows = read_rows(path)
    assert header == HEADER
    assert [number for number, _ in rows] == [2, 4, 5, 6]
    assert rows[0][1] == {
        "indicator": "exports",
        "period": "2024",
        "segment": "ITO",
        "value": "10578",
        "unit": "MAD_M",
    }
    assert rows[1][1]["value"] == "40.3"
    assert rows[2][1]["value"] == "37.4 %"
    assert rows[3][1]["value"] == "9.97"

    dataset, issues = load_dataset(path)
    assert [i for i in issues if i.severity == "error"] == []
    assert [o.row for o in dataset] == [2, 4, 5, 6]


def test_xlsx_first_sheet_when_no_data_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(HEADER)
    first.append(["exports", "2025-H1", "KPO", 48, "MAD_M"])
    workbook.create_sheet("Other").append(["nothing", "here"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    _, rows = read_rows(path)
    assert rows == [
        (
            2,
            {
                "indicator": "exports",
                "period": "2025-H1",
                "segment": "KPO",
                "value": "48",
                "unit": "MAD_M",
            },
        )
    ]


# --------------------------------------------------------------------------- file errors


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    with pytest.raises(DataError, match=r"nope\.csv: file not found"):
        read_rows(path)
    with pytest.raises(DataError, match="file not found"):
        load_dataset(path)


def test_unsupported_extension_names_the_supported_ones(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "data.xls", b"whatever")
    with pytest.raises(DataError) as info:
        read_rows(path)
    message = str(info.value)
    assert "data.xls" in message
    assert ".xls" in message
    assert ".csv" in message
    assert ".xlsx" in message


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n  \n", b";;;\n;;\n"])
def test_empty_csv(tmp_path: Path, content: bytes) -> None:
    path = write_bytes(tmp_path, "empty.csv", content)
    with pytest.raises(DataError, match=r"empty\.csv: empty file"):
        read_rows(path)


def test_empty_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(DataError, match=r"empty\.xlsx: empty file"):
        read_rows(path)


def test_undecodable_csv(tmp_path: Path) -> None:
    # 0x81 and 0x8D are invalid in UTF-8 here and undefined in cp1252
    path = write_bytes(tmp_path, "bad.csv", b"indicator,period\n\x81\x8d,2024\n")
    with pytest.raises(DataError, match=r"bad\.csv: cannot decode"):
        read_rows(path)


def test_utf16_csv_without_its_byte_order_mark_is_rejected_clearly(tmp_path: Path) -> None:
    """With its byte-order mark, UTF-16 is read (tests/test_hostile_inputs.py)."""
    path = write_bytes(tmp_path, "u16.csv", "indicator,period\n".encode("utf-16-le"))
    with pytest.raises(DataError, match=r"u16\.csv, line 1: a NUL byte.*UTF-16 without its"):
        read_rows(path)


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "broken.xlsx", b"this is not a zip file")
    with pytest.raises(DataError, match=r"broken\.xlsx: cannot read the file as XLSX"):
        read_rows(path)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26219", 26219),
        ("26 219", 26219),
        ("26\u202f219,5", 26219.5),
        ("26\u00a0219,5", 26219.5),
        ("1 234 567", 1234567),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567),
        ("1.234.567,89", 1234567.89),
        ("13,4", 13.4),
        ("13.4", 13.4),
        ("-3,5", -3.5),
        ("+0.2", 0.2),
        ("\u22123,5", -3.5),
        ("40,3 %", 40.3),
        ("40,3\u202f%", 40.3),
        ("17%", 17),
        ("  48  ", 48),
        ("0,123", 0.123),
        ("1234,567", 1234.567),
        ("1,234", 1.234),  # lone comma, decimal unknown: decimal comma
        ("1.234", 1.234),  # lone dot, decimal unknown: decimal point
    ],
)
def test_parse_number_accepts(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1,234", ".", 1234),
        ("1,234", ",", 1.234),
        ("1.234", ",", 1234),
        ("1.234", ".", 1.234),
        ("1,5", ".", 1.5),  # not three digits: cannot be a thousands group
        ("0,123", ".", 0.123),  # a group never starts with 0
        ("1,234.5", ",", 1234.5),  # both separators: the structure decides
    ],
)
def test_parse_number_decimal_hint(text: str, decimal: str, expected: float) -> None:
    assert parse_number(text, decimal=decimal) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "%",
        "-",
        "n/a",
        "abc",
        "1,2,3",
        "1,234,5",
        "1.234,567.8",
        "12,34,567",
        "1 23",
        "26  219",
        "1 234.567,8",
        "1e5",
        "nan",
        "inf",
        "12.",
        ",5",
        "+-3",
        "3-",
        "10 MAD",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_parse_number_rejects_bad_decimal_argument() -> None:
    with pytest.raises(ValueError):
        parse_number("1", decimal=";")


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


@given(
    integer=st.integers(min_value=0, max_value=10**12),
    fraction=st.text(alphabet="0123456789", min_size=0, max_size=4),
    negative=st.booleans(),
    style=st.sampled_from(
        [("\u202f", ","), ("\u00a0", ","), (" ", "."), (".", ","), (",", "."), ("", ","), ("", ".")]
    ),
)
def test_parse_number_round_trip(
    integer: int, fraction: str, negative: bool, style: tuple[str, str]
) -> None:
    group_sep, decimal = style
    digits = str(integer)
    text = _group(digits, group_sep) if group_sep else digits
    if fraction:
        text += decimal + fraction
    if negative:
        text = "-" + text
    expected = float(f"{'-' if negative else ''}{digits}.{fraction or '0'}")
    assert parse_number(text, decimal=decimal) == pytest.approx(expected, rel=1e-12)
    assert parse_number(text + " %", decimal=decimal) == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------- ambiguous numbers


def _csv(tmp_path: Path, *values: str) -> Path:
    lines = ["indicator,period,segment,value,unit"]
    lines += [f'exports,2024,{seg},"{v}",MAD_M' for seg, v in zip(SEGMENTS, values, strict=False)]
    path = tmp_path / "amb.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SEGMENTS = ["ITO", "CRM", "ESO", "BPO", "KPO", "TOTAL"]


def test_a_comma_before_three_digits_with_no_clue_is_an_error_not_a_decimal(
    tmp_path: Path,
) -> None:
    # "10,578" in an English export is ten thousand; read as 10.578 it made ITO smaller than
    # KPO (48) without a word. With nothing in the file to tell, it is an error at its cell.
    path = _csv(tmp_path, "10,578", "9,797", "3,462", "2,334", "48")
    dataset, issues = load_dataset(path)
    errors = [i for i in issues if i.severity == "error"]
    assert [(i.row, i.column, i.code) for i in errors] == [
        (row, "value", "ambiguous-number") for row in (2, 3, 4, 5)
    ]
    assert "'10,578' is ambiguous: 10578 or 10.578?" in errors[0].message
    from reports.loading import ambiguous_readings

    assert ambiguous_readings("1,000") == ("1000", "1")  # not "1."
    assert ambiguous_readings("-2.500 %") == ("2500", "2.5")
    assert ambiguous_readings("0,250") is None and ambiguous_readings("1,2345") is None
    assert [o.value for o in dataset] == [48]  # the rows in error are not read at all


@pytest.mark.parametrize(
    ("clue", "expected"),
    [
        ("26,219,000", 2500),  # two comma groups: commas group thousands
        ("13,4", 2.5),  # a decimal comma
        ("0,250", 2.5),  # a group never starts with 0: a decimal comma
        ("1,234.5", 2500),  # both separators: the dot marks decimals
        ("10.5", 2500),  # a decimal point
    ],
)
def test_one_clear_value_tells_how_the_file_writes_numbers(
    tmp_path: Path, clue: str, expected: float
) -> None:
    path = _csv(tmp_path, "2,500", clue)
    dataset, issues = load_dataset(path)
    assert [i for i in issues if i.severity == "error"] == []
    assert [o.value for o in dataset if o.segment == "ITO"] == [pytest.approx(expected)]


def test_xlsx_numbers_are_never_ambiguous(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["exports", 2024, "ITO", 10578, "MAD_M"])
    sheet.append(["fx_mad_per_usd", 2024, "TOTAL", 9.357, "MAD_PER_USD"])
    sheet.append(["exports", 2024, "CRM", "9,797", "MAD_M"])  # typed as text, English style
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    dataset, issues = load_dataset(path)
    assert issues == []
    assert sorted(o.value for o in dataset) == [pytest.approx(9.357), 9797, 10578]


def test_a_semicolon_file_with_decimal_points_keeps_them(tmp_path: Path) -> None:
    # ';' usually means French Excel and decimal commas, but a file that writes 40.3 writes
    # decimal points: its exchange rate 9.357 was read as 9357.
    text = (
        "indicator;period;segment;value;unit\n"
        "share;2024;ITO;40.3;PCT\n"
        "fx_mad_per_usd;2024;TOTAL;9.357;MAD_PER_USD\n"
    )
    dataset, issues = load_dataset(write_bytes(tmp_path, "dots.csv", text.encode("utf-8")))
    assert issues == []
    assert sorted(o.value for o in dataset) == [pytest.approx(9.357), pytest.approx(40.3)]
