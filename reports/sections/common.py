"""Shared wording helpers for section builders: segment names, figures or 'not available'."""

from __future__ import annotations

import math
from collections.abc import Callable

from reports.arithmetic import decimals_for, decimals_of_unit, display_unit
from reports.dataset import TOTAL
from reports.i18n.localizer import N_, Localizer
from reports.metrics import Figure, PeriodMetrics, RateCheck

SEGMENT_NAMES = {
    "ITO": N_("IT services (ITO)"),
    "CRM": N_("Customer relations and call centres (CRM)"),
    "ESO": N_("Engineering services (ESO)"),
    "BPO": N_("Business processes (BPO)"),
    "KPO": N_("Knowledge processes (KPO)"),
}
SEGMENT_SHORT = {
    "ITO": N_("IT services"),
    "CRM": N_("Call centres"),
    "ESO": N_("Engineering"),
    "BPO": N_("Business processes"),
    "KPO": N_("Knowledge processes"),
}
DERIVED_MARK = "*"


def segment_name(loc: Localizer, code: str) -> str:
    return loc._(SEGMENT_NAMES[code])


def segment_short(loc: Localizer, code: str) -> str:
    return loc._(SEGMENT_SHORT[code])


def not_available(loc: Localizer) -> str:
    return loc._("n.a.")


def show(
    loc: Localizer, figure: Figure, fmt: Callable[[float], str], mark_derived: bool = True
) -> str:
    """A formatted figure, ``n.a.`` when missing (``n.m.`` when undefined, a rate on a zero
    base), marked ``*`` when derived."""
    if figure.status == "undefined":
        return undefined_text(loc)
    if figure.value is None:
        return not_available(loc)
    text = fmt(figure.value)
    return text + DERIVED_MARK if mark_derived and figure.status == "derived" else text


COMPUTED_MARK = "°"
CONFLICT_MARK = "†"


def percent_decimals(figure: Figure, default: int = 1) -> int:
    """Decimals for a rate or share: as published, else what the rounding of its inputs allows
    (a share of values rounded to 100 is not shown to 0.1 point if it is only known to 1), and
    always enough that a value which is not zero is not printed as 0."""
    if figure.status in ("published", "derived") and figure.decimals is not None:
        decimals = figure.decimals
    elif figure.half_width > 0:
        unit = display_unit(figure.half_width * 100)
        decimals = min(default, decimals_of_unit(unit)) if unit else default
    else:
        decimals = default
    if figure.value is None:
        return decimals
    return decimals_for([figure.value * 100], minimum=decimals, maximum=max(decimals, 3))


def points_text(loc: Localizer, figure: Figure, marked: bool = True) -> str:
    """A change in percentage points, signed, never printed as 0 when it is not zero; marked
    ``*`` when derived (changes and contributions are always computed: no ``°``)."""
    if figure.value is None:
        return show(loc, figure, str)
    smallest = 10.0**-MAX_DECIMALS
    if figure.value != 0 and abs(figure.value) < smallest / 2:
        bound = loc.points(math.copysign(smallest, figure.value), MAX_DECIMALS)
        text = ("<" if figure.value > 0 else ">") + bound
    else:
        decimals = decimals_for([figure.value], minimum=1, maximum=MAX_DECIMALS)
        text = loc.points(figure.value, decimals)
    return text + DERIVED_MARK if marked and figure.status == "derived" else text


def printed_points(figure: Figure) -> float:
    """The number :func:`points_text` prints for an available figure (``0.055`` -> ``0.1``)."""
    value = figure.number
    return round(value, decimals_for([value], minimum=1, maximum=MAX_DECIMALS))


def printed_percent(figure: Figure) -> float:
    """The number of percent :func:`share_text` or :func:`rate_text` prints (``0.4034`` ->
    ``40.3``)."""
    return round(figure.number * 100, percent_decimals(figure))


def rate_text(loc: Localizer, figure: Figure, signed: bool = True, words: bool = True) -> str:
    """A rate with the precision the source gave: ``+7,1 %``, ``près de +17 %`` (``≈ +17 %``
    in a table cell, ``words=False``)."""
    if figure.value is None:
        return not_available(loc)
    text = _percent(loc, figure.value, percent_decimals(figure), signed)
    if figure.approximate:
        return loc._("nearly {rate}", rate=text) if words else f"≈\u00a0{text}"
    return text


def amount_text(loc: Localizer, figure: Figure) -> str:
    """A value in millions as a plain number: no more digits than its inputs carry (± 150 is
    shown to the hundred), and never ``0`` for a value that is not zero."""
    if figure.value is None:
        return not_available(loc)
    unit = display_unit(figure.half_width)
    if unit >= 10:
        return loc.number(printed_amount(figure), 0)
    return loc.number(figure.value, decimals_for([figure.value], minimum=0, maximum=3))


def printed_amount(figure: Figure) -> float:
    """The value :func:`amount_text` prints (rounded to the unit its precision allows)."""
    unit = display_unit(figure.half_width)
    return round(figure.number / unit) * unit if unit >= 10 else figure.number


def undefined_text(loc: Localizer) -> str:
    return loc._("n.m.")


def mark(figure: Figure) -> str:
    """``*`` for a derived value, ``°`` for one computed here rather than published."""
    if figure.status == "derived":
        return DERIVED_MARK
    if figure.status == "computed":
        return COMPUTED_MARK
    return ""


def share_text(loc: Localizer, figure: Figure, marked: bool = True) -> str:
    """A share with the precision it is known to, marked (in tables) when derived or computed."""
    if figure.value is None:
        return not_available(loc)
    text = _percent(loc, figure.value, percent_decimals(figure), False)
    return text + mark(figure) if marked else text


MAX_DECIMALS = 3  # beyond, a tiny non-zero value is written "<0.001" rather than as 0


def _percent(loc: Localizer, value: float, decimals: int, signed: bool) -> str:
    """A percentage; one too small to show at ``MAX_DECIMALS`` is "<0.001 %", never 0."""
    smallest = 10.0**-MAX_DECIMALS / 100
    if value != 0 and abs(value) < smallest / 2:
        bound = loc.percent(math.copysign(smallest, value), MAX_DECIMALS, signed=signed)
        return ("<" if value > 0 else ">") + bound
    return loc.percent(value, decimals, signed=signed)


def conflict_text(loc: Localizer, m: PeriodMetrics, check: RateCheck) -> str:
    """A published rate that the values contradict beyond rounding: both rates, and the
    interval that rounding of the values allows."""
    name = loc._("Total") if check.segment == TOTAL else check.segment
    return loc._(
        "{segment}: the source publishes {published}, but the values shown (MAD million: "
        "{before} {previous}, {now} {period}) give {computed}; rounding of those values "
        "explains {low} to {high} only.",
        segment=name,
        published=rate_text(loc, check.published),
        before=amount_text(loc, check.before),
        previous=loc.period_in(m.previous),
        now=amount_text(loc, check.now),
        period=loc.period_in(m.period),
        computed=loc.percent(check.recomputed, signed=True),
        low=loc.percent(check.low, signed=True),
        high=loc.percent(check.high, signed=True),
    )


def rate_of_exchange(loc: Localizer, figure: Figure, most: int = 2) -> str:
    """An exchange rate to at most ``most`` decimals, and no more than the source wrote
    (``9.4`` stays ``9,4``, not ``9,40``; ``9.357`` is ``9,36``)."""
    written = figure.decimals if figure.decimals is not None else most
    return show(loc, figure, lambda v: loc.number(v, min(most, written)))


def amount_of(loc: Localizer, figure: Figure, currency: str = "MAD") -> str:
    """A compact amount on its own (a total in a sentence, on the cover): three significant
    digits in billions (1,25 Md, 13,4 Md), but no more than its precision allows (2 500 known
    to ± 50 is 2,5 Md, not 2,50)."""
    if figure.value is None:
        return not_available(loc)
    decimals = billion_decimals(figure)
    if decimals is None:  # in millions, to the unit its precision allows (816 ± 24: 820)
        return loc.amount(printed_amount(figure), currency)
    return loc.amount(figure.value, currency, decimals)


def billion_decimals(figure: Figure) -> int | None:
    """The decimals :func:`amount_of` writes an amount of a billion or more with (7,149 known
    to ± 2.5: 7.15 bn), or None under a billion (written in millions)."""
    if figure.value is None or abs(figure.value) < 1000:
        return None
    significant = max(1, 3 - len(str(int(abs(figure.value) / 1000))))
    unit = display_unit(figure.half_width) / 1000 if figure.half_width > 0 else 0.001
    return max(1, min(significant, decimals_of_unit(unit)))
