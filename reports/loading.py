"""Read a tidy data table (CSV or XLSX) into raw rows, and parse numbers as people write them.

Reading is deliberately dumb: every cell comes back as a string, located by the row number a
spreadsheet user sees (header = row 1). Checking what the strings mean is the job of
:mod:`reports.validation`.

CSV files are read as they are really exported:

* encoding: UTF-16 when the file starts with its byte-order mark (Windows' "Unicode" text);
  else UTF-8 (with or without BOM) tried strictly first, then cp1252 (Excel on Windows);
* delimiter: comma, semicolon or tab, sniffed from the header line (the most frequent of the
  three wins); an Excel ``sep=;`` first line is honoured and, as in Excel, not counted as a row;
* row numbers count CSV records, so a quoted value spanning two lines is still one row.

XLSX files are read with openpyxl (read-only, cached formula results): the sheet named ``data``
if there is one, else the first sheet. Numeric cells become plain decimal strings (``26219.0`` ->
``"26219"``, ``40.3`` -> ``"40.3"``); a cell formatted as a percentage (stored as ``0.403``)
becomes ``"40.3 %"``, the number the user sees.

Columns with an empty header and no values (trailing separators, an empty first spreadsheet
column) are dropped; an unnamed column that holds values is kept as ``column_N`` (1-based), so
that the validator can report it instead of losing the values silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any

from reports.errors import DataError

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx")

# Limits (documented in the README): beyond them a file is refused with a clear error.
MAX_ROWS = 1_000_000  # data rows (the header and blank rows not counted)
MAX_CELL_CHARS = 10_000  # characters in one cell (checked per cell by the validator)
MAX_FILE_BYTES = 256 * 1024 * 1024  # a CSV file on disk, or an XLSX file once decompressed
_DELIMITERS: tuple[str, ...] = (";", "\t", ",")  # preference order on a tie
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)

Row = tuple[int, dict[str, str]]

# The key, in a CSV row with more values than the header has columns, of the header's number of
# columns and the values past its last one (joined by NUL): a value holding the delimiter without
# quotes shifted the ones after it, so the validator reports the row. Not a column name: no CSV
# cell holds a NUL.
OVERFLOW = "\x00overflow"
Record = tuple[int, list[str]]


class Rows:
    """The data rows of a table, produced afresh on each iteration (a million rows are never
    all in memory at once); ``len()`` is the number of rows."""

    def __init__(self, produce: Callable[[], Iterator[Row]], count: int) -> None:
        self._produce = produce
        self._count = count

    def __iter__(self) -> Iterator[Row]:
        return self._produce()

    def __len__(self) -> int:
        return self._count


@dataclass(frozen=True)
class Table:
    """What was read from one file: normalized header, rows, and how the numbers are written."""

    header: list[str]
    rows: Rows
    delimiter: str | None  # None for XLSX
    decimal: str | None  # "." or ",", or None when the file gives no clue


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """Read a CSV or XLSX file: (lower-case header, [(row number, {column: raw text})]).

    Row numbers are 1-based as in a spreadsheet (header = row 1); fully blank rows are skipped
    but still counted. Raises :class:`DataError` naming the file when it cannot be read.
    """
    table = read_table(path)
    return table.header, list(table.rows)


# --------------------------------------------------------------------------- numbers

_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_SIGNED = re.compile(r"^([+\-\u2212]?)(.+)$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^(\d+)([.,])(\d+)$")
_SPACE_GROUPED = re.compile(rf"^([1-9]\d{{0,2}}(?:[{_SPACES}]\d{{3}})+)(?:([.,])(\d+))?$")
_SEP_GROUPED = re.compile(r"^([1-9]\d{0,2}(?:([.,])\d{3})(?:\2\d{3})*)(?:([.,])(\d+))?$")


def parse_number(text: str, *, decimal: str | None = None) -> float:
    """See :func:`_parse_number`; a number too large for a float (``inf``) is rejected too."""
    value = _parse_number(text, decimal=decimal)
    if not math.isfinite(value):
        raise ValueError(f"number too large: {text[:40]!r}")
    return value


def _parse_number(text: str, *, decimal: str | None = None) -> float:
    """Parse a number as written in English or French: ``26 219,5``, ``1,234.5``, ``40,3 %``.

    Accepted: an optional sign (``+``, ``-`` or ``−``), digits grouped by thousands with a
    space (also no-break or narrow no-break), a dot or a comma, an optional decimal part after
    the other separator, and an optional trailing ``%`` (the number is returned as written,
    ``"40,3 %"`` -> ``40.3``).

    A single separator followed by exactly three digits (``1,234`` or ``1.234``) is ambiguous:
    it is a thousands separator only when ``decimal`` names the *other* separator (``1,234``
    with ``decimal="."`` -> 1234); otherwise it is the decimal separator (``decimal=None``:
    ``1,234`` -> 1.234). Anything else raises :class:`ValueError`.
    """
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal separator must be '.' or ',', not {decimal!r}")
    original = text
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    match = _SIGNED.match(text)
    if not match:
        raise ValueError(f"not a number: {original!r}")
    sign = -1.0 if match.group(1) in ("-", "\u2212") else 1.0
    body = match.group(2)

    if _PLAIN.match(body):
        return sign * float(body)

    grouped = _SPACE_GROUPED.match(body)
    if grouped:
        integer = re.sub(f"[{_SPACES}]", "", grouped.group(1))
        fraction = grouped.group(3) or "0"
        return sign * float(f"{integer}.{fraction}")

    grouped = _SEP_GROUPED.match(body)
    single = _DECIMAL.match(body)
    if grouped and single:
        # "1,234" or "1.234": one separator, three digits after it.
        separator = single.group(2)
        if decimal is not None and decimal != separator:
            return sign * float(single.group(1) + single.group(3))
        return sign * float(f"{single.group(1)}.{single.group(3)}")
    if grouped:
        group_sep, dec_sep = grouped.group(2), grouped.group(3)
        if dec_sep is None or dec_sep != group_sep:
            integer = grouped.group(1).replace(group_sep, "")
            fraction = grouped.group(4) or "0"
            return sign * float(f"{integer}.{fraction}")
    if single:
        return sign * float(f"{single.group(1)}.{single.group(3)}")
    raise ValueError(f"not a number: {original!r}")


_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")


def _body(text: str) -> str:
    """A number's digits and separators: no sign, no ``%``, no surrounding spaces."""
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    match = _SIGNED.match(text)
    return match.group(2) if match else text


def ambiguous_readings(text: str) -> tuple[str, str] | None:
    """For a single ``.`` or ``,`` before exactly three digits, after one to three (``2,500``,
    ``1.234``), its two readings, thousands and decimal (``("2500", "2.5")``); else None."""
    body = _body(text)
    if not _AMBIGUOUS.match(body):
        return None
    separator = "," if "," in body else "."
    thousands, decimal = body.replace(separator, ""), body.replace(separator, ".")
    return thousands, decimal.rstrip("0").rstrip(".")


def _decimal_shown(value: str) -> str | None:
    """The decimal separator that one value shows beyond doubt, or None: ``13,4``, ``0,250``,
    ``26 219,5`` and ``1.234,5`` show ``,``; ``13.4``, ``1,234.5`` and ``1,234,567`` (commas
    that can only group thousands) show ``.``; ``2,500``, ``26219`` and ``26 219`` show none."""
    body = _body(value)
    if _PLAIN.match(body) or _AMBIGUOUS.match(body):
        return None
    grouped = _SPACE_GROUPED.match(body)
    if grouped:
        return grouped.group(2)
    grouped = _SEP_GROUPED.match(body)
    if grouped:
        group_sep, dec_sep = grouped.group(2), grouped.group(3)
        if dec_sep is None:  # two groups or more: "1,234,567"
            return "." if group_sep == "," else ","
        return dec_sep if dec_sep != group_sep else None
    single = _DECIMAL.match(body)
    return single.group(2) if single else None


def _infer_decimal(delimiter: str | None, values: Iterable[str]) -> str | None:
    """The file's decimal separator: that of the first value that shows one beyond doubt
    (``13.4``, ``1,234,567``, ``13,4``, ``0,25``, but not the ambiguous ``1.234`` or
    ``2,500``); else ',' for a ';'-separated CSV (French Excel); else None (see
    :func:`ambiguous_readings`). A ';' file written with decimal points (``40.3``) keeps them:
    its ``9.357`` is not nine thousand."""
    for value in values:
        decimal = _decimal_shown(value)
        if decimal is not None:
            return decimal
    return "," if delimiter == ";" else None


# --------------------------------------------------------------------------- reading


def read_table(path: Path) -> Table:
    """Read a file into a :class:`Table` (header, rows, delimiter, decimal separator)."""
    path = Path(path)
    if not path.exists():
        if path.is_symlink():  # listed by ls, yet nothing to read
            raise DataError(
                f"{path}: a symbolic link to {os.readlink(path)}, which does not exist "
                "(or a loop of links)"
            )
        raise DataError(f"{path}: file not found")
    if not path.is_file():
        raise DataError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        kind = f"extension {path.suffix!r}" if path.suffix else "file without extension"
        raise DataError(f"{path}: unsupported {kind}; supported: {supported}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if size == 0:
        raise DataError(f"{path}: empty file")

    delimiter: str | None
    records: Callable[[], Iterator[Record]]
    if suffix == ".csv":
        if size > MAX_FILE_BYTES:
            raise DataError(
                f"{path}: {_megabytes(size)} is more than the limit of "
                f"{_megabytes(MAX_FILE_BYTES)} for a data file"
            )
        delimiter, records = _csv_records(path)
    else:
        delimiter = None
        xlsx = _xlsx_records(path)
        records = lambda: iter(xlsx)  # noqa: E731

    header, keep, header_row, count, values, width = _scan(
        path, records(), csv=delimiter is not None
    )
    rows = Rows(lambda: _rows(records(), header_row, keep, width), count)
    # A spreadsheet's numbers are written with a decimal point (see _cell_text).
    decimal = "." if suffix == ".xlsx" else _infer_decimal(delimiter, values)
    return Table(header, rows, delimiter, decimal)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def _blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def _scan(
    path: Path, records: Iterator[Record], *, csv: bool = False
) -> tuple[list[str], list[tuple[int, str]], int, int, list[str], int | None]:
    """One pass: the normalized header, the columns kept (index, name), the header's row number,
    the number of data rows, the values that tell the decimal separator (the first value
    with a dot that can only be a decimal point, else none), and, for a CSV file, the number of
    values a row may have (the header's).

    An unnamed column is kept (as ``column_N``) only if some row has a value in it. In a CSV
    file, values past the header's last separator are no column: see :data:`OVERFLOW`.
    """
    header_row, names = 0, []
    for number, cells in records:
        if not _blank(cells):
            header_row, names = number, [_normalize_name(name) for name in cells]
            break
    if not header_row:
        raise DataError(f"{path}: empty file (no header, no data)")
    unnamed_with_values: set[int] = set()
    blank_named = [i for i, name in enumerate(names) if not name]
    value_at = names.index("value") if "value" in names else -1
    decisive: list[str] = []
    count = 0
    for number, cells in records:
        if _blank(cells):
            continue
        count += 1
        if (
            not decisive
            and 0 <= value_at < len(cells)
            and _infer_decimal(None, cells[value_at : value_at + 1])
        ):
            decisive.append(cells[value_at])
        if count > MAX_ROWS:
            raise DataError(
                f"{path}, row {number}: more than {MAX_ROWS:,} data rows, the limit; "
                "split the file (by period, for instance)"
            )
        for index in blank_named:
            if index < len(cells) and cells[index].strip():
                unnamed_with_values.add(index)
        for index in range(len(names), 0 if csv else len(cells)):
            if cells[index].strip():
                unnamed_with_values.add(index)
    keep = [(i, name) for i, name in enumerate(names) if name]
    keep += [(i, f"column_{i + 1}") for i in sorted(unnamed_with_values)]
    keep.sort()
    width = len(names) if csv else None
    return [name for _, name in keep], keep, header_row, count, decisive, width


def _rows(
    records: Iterator[Record], header_row: int, keep: list[tuple[int, str]], width: int | None
) -> Iterator[Row]:
    """The non-blank records after the header, as {column: text} (with :data:`OVERFLOW` for a
    CSV row longer than the header)."""
    for number, cells in records:
        if number <= header_row or _blank(cells):
            continue
        row = {name: (cells[i] if i < len(cells) else "") for i, name in keep}
        if width is not None and len(cells) > width:
            row[OVERFLOW] = "\x00".join([str(width), *cells[width:]])
        yield number, row


def _normalize_name(name: str) -> str:
    return name.replace("\ufeff", "").strip().lower()


# One well-formed UTF-8 sequence of two to four bytes (a cp1252 file has practically none).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252 — but never a mix.

    A file that is UTF-8 except for some bytes (a line pasted from a Windows program) is an
    error naming the first line that is not UTF-8: decoding the whole file as cp1252 would turn
    every accent of the other lines into mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 and its byte-order mark
        return _utf16(path, data)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise DataError(
            f"{path}, line {line}: a NUL byte: not a text file, or UTF-16 without its "
            "byte-order mark; save it as CSV UTF-8"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith(b"\xef\xbb\xbf") or _UTF8_MULTIBYTE.search(data):
            raise DataError(_mixed_encoding_message(path, data, exc.start)) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"{path}: cannot decode the file: neither UTF-8 nor cp1252 (Windows-1252); "
            f"line {line} has the byte 0x{data[exc.start]:02X}"
        ) from None


def _utf16(path: Path, data: bytes) -> str:
    """A file that starts with a UTF-16 byte-order mark (Windows' "Unicode" text, PowerShell's
    ``>``): decoded strictly; an error names the line of the first bad code unit."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        good = data[: exc.start - exc.start % 2].decode("utf-16", errors="replace")
        raise DataError(
            f"{path}, line {good.count(chr(10)) + 1}: not valid UTF-16 ({exc.reason}), "
            "though the file starts with a UTF-16 byte-order mark; save it as CSV UTF-8"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError(f"{path}, line {line}: a NUL character: not a text file?")
    return text


def _mixed_encoding_message(path: Path, data: bytes, first_bad: int) -> str:
    line = data.count(b"\n", 0, first_bad) + 1
    bad_lines = 0
    for raw in data.splitlines():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad_lines += 1
    others = f" (and {bad_lines - 1} other line(s))" if bad_lines > 1 else ""
    return (
        f"{path}, line {line}: not valid UTF-8 (byte 0x{data[first_bad]:02X}){others}, while the "
        "rest of the file is UTF-8: the line was probably pasted from a Windows-1252 (cp1252) "
        "file; re-type it or save the whole file as CSV UTF-8"
    )


def _sniff_delimiter(line: str) -> str:
    """The most frequent of ';', tab and ',' in the header line (',' when there is none)."""
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie
    return best if counts[best] else ","


def _csv_records(path: Path) -> tuple[str, Callable[[], Iterator[Record]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    text = _decode(path, data)
    if not text.strip():
        raise DataError(f"{path}: empty file")

    lines = io.StringIO(text)  # read lazily: the file may have a million lines
    first = lines.readline()
    hint = _SEP_LINE.match(first)
    if hint:
        delimiter = hint.group(1)
        text = text[len(first) :]  # Excel hides this line: it is not a row for the user
    else:
        header = next(line for line in chain((first,), iter(lines.readline, "")) if line.strip())
        delimiter = _sniff_delimiter(header)

    first_line = 2 if hint else 1  # physical line of the first record
    return delimiter, lambda: _strict_records(path, text, delimiter, first_line)


def _strict_records(path: Path, text: str, delimiter: str, first_line: int) -> Iterator[Record]:
    """Parse CSV records strictly; a quote that never closes is an error at the line it opened.

    A quoted value may span lines (a note on two lines), but one that swallows lines looking
    like rows (as many separators as the header) is taken for an unclosed quote too.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    width = 0
    number = 0
    while True:
        start = reader.line_num + first_line  # physical line where this record begins
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise DataError(
                    f'{path}, line {start}: a quote (") opened on this line is never closed; '
                    "every later line would be swallowed into one value"
                ) from None
            line = reader.line_num + first_line - 1
            raise DataError(f"{path}, line {line}: malformed CSV: {exc}") from None
        number += 1
        width = width or len(row)
        end = reader.line_num + first_line - 1
        if end > start and width > 1:
            for value in row:
                swallowed = [
                    part for part in value.splitlines()[1:] if part.count(delimiter) >= width - 1
                ]
                if swallowed:
                    raise DataError(
                        f'{path}, line {start}: a quote (") opened on this line closes only on '
                        f"line {end}, swallowing {end - start} line(s) that look like rows "
                        f"({swallowed[0][:40]!r}…): an unclosed quote?"
                    )
        yield number, row


def _check_xlsx_size(path: Path) -> None:
    """Refuse a workbook that decompresses to more than the limit (a zip bomb) before opening."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the file as XLSX ({exc})") from exc
    if total > MAX_FILE_BYTES:
        raise DataError(
            f"{path}: the workbook decompresses to {_megabytes(total)}, more than the limit of "
            f"{_megabytes(MAX_FILE_BYTES)}"
        )


def _xlsx_records(path: Path) -> list[Record]:
    import openpyxl  # imported here: CSV-only use does not pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    _check_xlsx_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the file as XLSX ({exc})") from exc
    try:
        if not workbook.worksheets:
            raise DataError(f"{path}: empty file (no worksheet)")
        named = [n for n in workbook.sheetnames if n.strip().lower() == "data"]
        sheet = workbook[named[0]] if named else workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # do not trust the stored dimensions of the sheet
        records: list[Record] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            if number > MAX_ROWS + 1000:  # generous: blank rows are not data rows
                raise DataError(f"{path}: more than {MAX_ROWS:,} data rows, the limit")
            records.append((number, [_cell_text(cell) for cell in row]))
        return records
    except DataError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the file as XLSX ({exc})") from exc
    finally:
        workbook.close()


def _cell_text(cell: Any) -> str:
    """The text a spreadsheet user sees for one cell, without float noise."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number_format = getattr(cell, "number_format", None) or ""
        if "%" in number_format:
            return f"{_format_number(float(value) * 100)} %"
        return _format_number(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _format_number(value: float) -> str:
    """``26219.0`` -> ``"26219"``, ``40.3`` -> ``"40.3"``, ``0.1 + 0.2`` -> ``"0.3"``."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    text = format(value, ".15g")  # Excel keeps 15 significant digits
    if "e" in text:
        text = format(Decimal(text), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0"):
        text = "0"
    return text
