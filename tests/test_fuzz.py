"""Fuzzing load -> validate -> build: random small tables and hostile text never crash.

Load and validate are fuzzed widely (they take milliseconds); a brief takes about 0.7 s, so only a
few random tables that validate are built. Examples are derandomized: the suite stays
deterministic and fast.
"""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.dataset import INDICATOR_UNITS
from reports.errors import ReportsError
from reports.period import Period
from reports.pipeline import build_brief
from reports.validation import check_file

COLUMNS = ["indicator", "period", "segment", "value", "unit", "source", "note", "status"]
SEGMENTS = ["ITO", "CRM", "ESO", "BPO", "KPO", "TOTAL", "ito", " Total "]
PERIODS = ["2023", "2024", "2024-H1", "2025-H1", "2025-Q2", "2025-T2", "0000", "1899", "2024-H3"]

# Hostile text: Arabic and Hebrew (right to left), bidi controls, C0/C1 controls, escape
# sequences, unassigned and Unicode 15 code points, surrogates written as text, markup.
HOSTILE = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
        st.characters(min_codepoint=0x05D0, max_codepoint=0x05EA),  # Hebrew
        st.sampled_from(
            [
                "\x1b",
                "\x00",
                "\x07",
                "\x85",
                "\u202e",
                "\u2066",
                "\u2069",
                "\u200f",
                "\u061c",
                "\ufeff",
                "\u0378",  # unassigned
                "\U0001fae8",  # Unicode 15
                "\U000e0001",
                "\U0010fffd",  # private use
                "<b>",
                "&amp;",
                '"',
                ";",
                ",",
                "\t",
                "\n",
                "\r",
                "%",
                "{x}",
            ]
        ),
    ),
    max_size=30,
).map("".join)

NUMBERS = st.one_of(
    st.integers(-(10**6), 10**13).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.sampled_from(["26 219", "1.234,5", "40,3 %", "1e29", "1" + "0" * 40, "−5", "", " "]),
)


def cell(column: str) -> st.SearchStrategy[str]:
    known = {
        "indicator": st.sampled_from([*INDICATOR_UNITS, "EXPORTS", "unknown"]),
        "period": st.sampled_from(PERIODS),
        "segment": st.sampled_from(SEGMENTS),
        "value": NUMBERS,
        "unit": st.sampled_from([*set(INDICATOR_UNITS.values()), "mad_m", "EUR"]),
        "status": st.sampled_from(["", "published", "derived", "estimated"]),
    }
    strategy = known.get(column)
    return st.one_of(strategy, HOSTILE) if strategy is not None else HOSTILE


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(st.permutations(COLUMNS).map(lambda c: c[: len(COLUMNS) - 1]))
    if draw(st.booleans()):
        header = [*header, draw(HOSTILE)]
    rows = draw(
        st.lists(
            st.tuples(*(cell(c) for c in header)).map(list),
            max_size=6,
        )
    )
    return header, rows


def write(folder: Path, header: list[str], rows: list[list[str]], delimiter: str) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")  # quotes CR and LF
    writer.writerows([header, *rows])
    path = folder / "data.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8", errors="surrogatepass"))
    return path


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(tables(), st.sampled_from([",", ";", "\t"]))
def test_load_and_validate_never_crash(
    table: tuple[list[str], list[list[str]]], delimiter: str
) -> None:
    header, rows = table
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), header, rows, delimiter)
        try:
            checked = check_file(path)
        except ReportsError:
            return
        assert checked.errors >= sum(1 for i in checked.issues if i.severity == "error")
        for issue in checked.issues:
            assert issue.message and str(issue)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_are_read_or_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(b"indicator,period,segment,value,unit\n" + data)
        with contextlib.suppress(ReportsError):
            check_file(path)


SAFE_TEXT = HOSTILE.map(lambda text: text.replace("\x00", ""))  # NUL: the file is refused


@st.composite
def valid_tables(draw: st.DrawFn) -> list[list[str]]:
    """Exports of two years (some segments, a consistent TOTAL), with hostile sources and notes."""
    rows = []
    for year in ("2023", "2024"):
        segments = draw(
            st.lists(st.sampled_from(SEGMENTS[:5]), min_size=1, max_size=5, unique=True)
        )
        values = [draw(st.integers(0, 10**9)) for _ in segments]
        for segment, value in zip(segments, values, strict=True):
            rows.append(
                ["exports", year, segment, str(value), "MAD_M", draw(SAFE_TEXT), draw(SAFE_TEXT)]
            )
        rest = draw(st.integers(1, 10**6)) if len(segments) < 5 else 0
        rows.append(
            ["exports", year, "TOTAL", str(sum(values) + rest), "MAD_M", draw(SAFE_TEXT), ""]
        )
    return rows


@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(valid_tables(), st.sampled_from(["fr", "en", "ar"]))
def test_build_from_random_valid_tables(rows: list[list[str]], locale: str) -> None:
    header = ["indicator", "period", "segment", "value", "unit", "source", "note"]
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), header, rows, ",")
        checked = check_file(path)
        assert not checked.errors, checked.issues
        pdf = build_brief(checked.dataset, Period.parse("2024"), locale)
        assert pdf.startswith(b"%PDF")
