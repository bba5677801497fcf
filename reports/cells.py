"""Text cells written to a spreadsheet are read as text, never run as formulas.

A data file's ``source`` (or a translated segment name) is text a spreadsheet would evaluate if
it begins with ``=``, ``+``, ``-`` or ``@`` (``=HYPERLINK(...)``, ``=cmd|'/C calc'!A0``: "CSV
injection"). In XLSX such a cell is stored as a string; in CSV, which has no types, it is written
with a leading apostrophe, as spreadsheets themselves show a text that looks like a formula.
"""

from __future__ import annotations

from typing import Any

# What a spreadsheet reads as the start of a formula (tab and carriage return: some spreadsheets
# drop them and read the rest).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(value: Any) -> Any:
    """``value`` for a CSV cell: a text that looks like a formula gets a leading apostrophe."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def keep_as_text(sheet: Any) -> None:
    """Store every cell of an openpyxl ``sheet`` that was taken for a formula as a string."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
