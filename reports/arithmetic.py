"""The one place where growth, shares, contributions and rounding are computed.

Metrics, validation and the sections all call these functions, so that a rate shown in the
table, checked by ``reports validate`` and written in a sentence is the same number. Missing
inputs give ``None`` (never 0); a growth on a zero base is undefined (``None`` too, and
:func:`growth_defined` tells the two apart).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal


def growth(now: float | None, before: float | None) -> float | None:
    """``now / before - 1`` as a fraction; None when a value is missing or ``before`` is 0."""
    if now is None or before is None or before == 0:
        return None
    return now / before - 1


def growth_defined(before: float | None) -> bool:
    """False when the earlier value is zero: a rate on nothing is undefined, not missing."""
    return before is None or before != 0


def share(part: float | None, whole: float | None) -> float | None:
    """``part / whole`` as a fraction; None when missing or the whole is not positive."""
    if part is None or whole is None or whole <= 0:
        return None
    return part / whole


def points(now: float | None, before: float | None) -> float | None:
    """Change between two fractions, in percentage points."""
    if now is None or before is None:
        return None
    return (now - before) * 100


def contribution(
    now: float | None, before: float | None, previous_total: float | None
) -> float | None:
    """A segment's contribution to the total's growth, in points: ``(now - before) / total``.

    The contributions of all segments add up to the total's growth computed from the values.
    """
    if now is None or before is None or previous_total is None or previous_total == 0:
        return None
    return (now - before) / previous_total * 100


def total(values: Iterable[float | None]) -> float | None:
    """The sum, or None when any value is missing (a gap is never added as 0)."""
    items = list(values)
    if not items or any(v is None for v in items):
        return None
    return math.fsum(v for v in items if v is not None)


def rounding_unit(value: float, cap: float = 100.0) -> float:
    """The rounding unit a value seems written with: 26200.0 -> 100, 3462.0 -> 1, 12.5 -> 0.1.

    Trailing zeros count up to ``cap`` (26000 is taken as rounded to 100, not 1000).
    """
    if not math.isfinite(value) or value == 0:
        return min(1.0, cap)
    exponent = Decimal(format(abs(value), ".12g")).normalize().as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - finite values have int exponents
        return min(1.0, cap)
    return min(10.0**exponent, cap)


def growth_interval(
    now: float, before: float, half_now: float, half_before: float
) -> tuple[float, float]:
    """The growth rates (fractions) that values rounded to ``now ± half_now`` and
    ``before ± half_before`` allow: from the lowest now on the highest before, to the reverse."""
    low = (now - half_now) / (before + half_before) - 1
    high = (now + half_now) / (before - half_before) - 1 if before - half_before > 0 else math.inf
    return low, high


def share_interval(
    part: float, whole: float, half_part: float, half_whole: float
) -> tuple[float, float]:
    """The shares (fractions) that rounded ``part`` and ``whole`` allow."""
    low = max(0.0, (part - half_part) / (whole + half_whole))
    high = (part + half_part) / (whole - half_whole) if whole - half_whole > 0 else math.inf
    return low, high


def display_unit(half_width: float) -> float:
    """The coarsest power of ten that a value known to ``± half_width`` should be shown to.

    ``± 0.5`` (integers) -> 1; ``± 150`` (a difference of values rounded to 100) -> 100.
    """
    if half_width <= 0 or not math.isfinite(half_width):
        return 0.0
    return float(10 ** math.floor(math.log10(2 * half_width)))


def decimals_for(values: Iterable[float], minimum: int = 0, maximum: int = 3) -> int:
    """The fewest decimals (at least ``minimum``) that show every non-zero value as non-zero
    and keep distinct values distinct (2.23 and 2.19 need two decimals, not one)."""
    items = [v for v in values if math.isfinite(v)]
    for decimals in range(minimum, maximum + 1):
        rounded = [round(v, decimals) for v in items]
        if any(r == 0 and v != 0 for r, v in zip(rounded, items, strict=True)):
            continue
        distinct = {v for v in items}
        if len({round(v, decimals) for v in distinct}) < len(distinct):
            continue
        return decimals
    return maximum


def decimals_of_unit(unit: float) -> int:
    """Decimals that a rounding unit allows: 100 -> 0, 1 -> 0, 0.1 -> 1, 0.05 -> 2."""
    if unit <= 0 or unit >= 1:
        return 0
    return max(0, math.ceil(-math.log10(unit) - 1e-9))


def round_to(value: float, unit: float) -> float:
    """``value`` rounded to a multiple of ``unit`` (unchanged when ``unit`` is below 10)."""
    if unit < 10:
        return value
    return round(value / unit) * unit
