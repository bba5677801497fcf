"""Property test (#11): on random valid tables, the printed segment table agrees with itself.

For every example: each printed share recomputes from the values within its printed rounding;
the printed shares add up to 100 % within rounding; the segment contributions add up to the
Total's contribution, which is the total's growth computed from the values; no cell printed as
zero stands for a value that is not zero. The printed text is the render-neutral blocks' text
(what the PDF draws), so a hundred examples stay fast.
"""

from __future__ import annotations

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import blocks as b
from reports.dataset import SEGMENTS, Dataset, Observation
from reports.i18n.localizer import Localizer
from reports.metrics import compute
from reports.period import Period
from reports.pipeline import build_document
from reports.template import load_layout

Y0, Y1 = Period.parse("2023"), Period.parse("2024")
LAYOUT = load_layout()
LOC = Localizer.for_tag("en")

amounts = st.one_of(
    st.integers(min_value=0, max_value=20000).map(float),
    st.decimals(min_value=0, max_value=50, places=1).map(float),
)


def _number(cell: str) -> tuple[float, int] | None:
    """A printed number and its decimals: ``+12.0 pp`` -> (12.0, 1), ``48%°`` -> (48.0, 0)."""
    text = re.sub(r"[°*†≈%<>\s]|pp", "", cell).replace(",", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        return None
    decimals = len(text.split(".")[1]) if "." in text else 0
    return float(text), decimals


def _table(data: Dataset) -> tuple[b.Table, float, float]:
    metrics = compute(data, Y1)
    document = build_document(data, metrics, LOC, LAYOUT)
    table = next(block for block in document.blocks if isinstance(block, b.Table))
    assert metrics.total.value is not None and metrics.previous_total.value is not None
    return table, metrics.total.value, metrics.previous_total.value


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    before=st.lists(amounts, min_size=5, max_size=5),
    after=st.lists(amounts, min_size=5, max_size=5),
)
def test_printed_table_is_consistent(before: list[float], after: list[float]) -> None:
    if sum(before) <= 0 or sum(after) <= 0:
        return
    rows = [
        Observation("exports", period, seg, value, "MAD_M", "S")
        for period, values in ((Y0, before), (Y1, after))
        for seg, value in zip(SEGMENTS, values, strict=True)
    ]
    data = Dataset.from_observations(rows, origin="random")
    table, total, previous = _table(data)
    by_code = {
        seg: (after[i], before[i]) for i, seg in enumerate(SEGMENTS)
    }  # value now, a year earlier
    value_col, share_col, change_col, growth_col = 1, 2, 3, 4
    assert "Contribution to growth" in table.columns[-1]
    contributions = []
    shares_shown = 0.0
    share_slack = 0.0
    for row in table.rows[:-1]:
        code = re.search(r"\((\w+)\)$", row[0])
        assert code is not None, row[0]
        now, then = by_code[code.group(1)]
        # No value printed as 0 stands for a value that is not zero.
        for col, real in (
            (value_col, now),
            (share_col, now / total),
            (change_col, now / total - then / previous),
            (len(row) - 1, (now - then) / previous),
        ):
            parsed = _number(row[col])
            if parsed is not None and parsed[0] == 0:
                assert abs(real) < 1e-12, (row, col, real)
        # The share recomputes from the values within its printed rounding.
        share = _number(row[share_col])
        assert share is not None, row
        half = 0.5 * 10 ** -share[1]
        assert abs(share[0] - 100 * now / total) <= half + 1e-9, (row, now, total)
        shares_shown += share[0]
        share_slack += half
        # The growth, when defined, recomputes from the values within the printed rounding
        # widened by what rounding of the values allows.
        growth = _number(row[growth_col])
        if then > 0 and growth is not None:
            true = 100 * (now / then - 1)
            allowed = 0.5 * 10 ** -growth[1] + 100 * (now + 0.5) / max(then - 0.5, 1e-9) - true
            assert abs(growth[0] - true) <= allowed + 1e-6, (row, now, then)
        elif then == 0:
            assert row[growth_col] == "n.m.", row
        contribution = _number(row[-1])
        assert contribution is not None, row
        contributions.append(contribution)
    assert abs(shares_shown - 100) <= share_slack + 1e-6
    total_contribution = _number(table.rows[-1][-1])
    assert total_contribution is not None
    growth = 100 * (total / previous - 1)
    half = 0.5 * 10 ** -total_contribution[1]
    assert abs(total_contribution[0] - growth) <= half + 1e-9  # the total's computed growth
    slack = sum(0.5 * 10**-d for _, d in contributions) + half
    assert math.isclose(sum(v for v, _ in contributions), total_contribution[0], abs_tol=slack)
