"""Shared wording helpers for section builders: segment names, figures or 'not available'."""

from __future__ import annotations

from collections.abc import Callable

from reports.i18n.localizer import N_, Localizer
from reports.metrics import Figure

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
    """A formatted figure, ``n.a.`` when missing, marked ``*`` when derived."""
    if figure.value is None:
        return not_available(loc)
    text = fmt(figure.value)
    return text + DERIVED_MARK if mark_derived and figure.status == "derived" else text
