"""CLDR formatting through babel, per locale."""

from __future__ import annotations

import pytest

from reports.errors import LocaleError
from reports.i18n.localizer import Localizer, resolve_locale
from reports.period import Period

NNBSP, NBSP = "\u202f", "\u00a0"


def test_french() -> None:
    fr = Localizer.for_tag("fr")
    assert fr.amount(13400) == f"13,4{NBSP}Md{NBSP}MAD"
    assert fr.percent(0.403) == f"40,3{NBSP}%"
    assert fr.percent(0.035, signed=True) == f"+3,5{NBSP}%"
    assert fr.percent(-0.385, signed=True) == f"-38,5{NBSP}%"
    assert fr.integer(26219) == f"26{NNBSP}219"
    assert fr.points(-1.24) == f"-1,2{NBSP}pt"
    assert fr.points(0.36) == f"+0,4{NBSP}pt"
    assert fr.period(Period.parse("2025-Q2")) == f"T2{NBSP}2025"
    assert fr.period(Period.parse("2025-H1")) == f"S1{NBSP}2025"
    assert fr.period(Period.parse("2025-H1"), long=True) == "premier semestre 2025"
    assert fr.period_in(Period.parse("2024")) == "en 2024"
    assert fr.period_compared(Period.parse("2024-H1")) == "par rapport au premier semestre 2024"
    assert fr.join(["ESO", "BPO", "KPO"]) == "ESO, BPO et KPO"


def test_english() -> None:
    en = Localizer.for_tag("en")
    assert en.amount(13400) == f"MAD{NBSP}13.4B"
    assert en.percent(0.403) == "40.3%"
    assert en.integer(26219) == "26,219"
    assert en.period(Period.parse("2025-Q2")) == f"Q2{NBSP}2025"
    assert en.points(3.6) == f"+3.6{NBSP}pp"
    assert en.amount(2800, "USD") == "$2.8B"
    assert Localizer.for_tag("en_GB").amount(13400) == f"MAD{NBSP}13.4bn"
    assert Localizer.for_tag("en_GB").amount(2800, "USD") == "US$2.8bn"  # as CLDR has it


def test_arabic_digits() -> None:
    ar_ma = Localizer.for_tag("ar_MA")
    assert ar_ma.digits == "latn"  # CLDR: Latin digits in Morocco
    assert ar_ma.integer(26219) == "\u206626.219\u2069"
    ar = Localizer.for_tag("ar")
    assert ar.percent(0.035) == "\u20663.5%\u2069"
    assert ar.percent(0.035, signed=True) == "\u2066+3.5%\u2069"  # no LRM from CLDR's sign
    assert ar.amount(13400) == "\u206713.4\u00a0مليار\u00a0درهم\u2069"  # no "د.م."
    assert ar.amount(2800, "USD") == "\u20672.8\u00a0مليار\u00a0دولار\u2069"  # no "US$"
    assert ar.points(0.2) == "\u2066+0.2\u2069\u00a0نقطة"
    assert ar.points(-0.4) == "\u2066-0.4\u2069\u00a0نقطة"
    assert ar.points(5) == "\u2066+5.0\u2069\u00a0نقاط"  # CLDR "few": 3-10
    assert ar.period(Period.parse("2024-H1")) == "النصف الأول من\u00a02024"
    assert ar.period(Period.parse("2025-Q2")) == "الربع الثاني من\u00a02025"
    arab = Localizer.for_tag("ar_MA", digits="arab")
    # Right to left, every quantity is an isolate: LRI for Latin digits, RLI for Arabic-Indic.
    assert arab.integer(26219) == "\u2067٢٦٬٢١٩\u2069"
    assert arab.percent(0.403) == "\u2067٤٠٫٣٪\u2069"
    assert arab.percent(0.035, signed=True) == "\u2067+٣٫٥٪\u2069"
    assert arab.year(2025) == "٢٠٢٥"
    assert Localizer.for_tag("ar_EG").digits == "arab"  # CLDR's default for Egypt
    assert Localizer.for_tag("ar").rtl and not Localizer.for_tag("fr").rtl


@pytest.mark.parametrize("tag", ["fr", "fr_MA", "fr-MA", "en", "en_GB", "ar", "ar_MA"])
def test_supported_locales(tag: str) -> None:
    assert resolve_locale(tag).language in {"fr", "en", "ar"}


@pytest.mark.parametrize("tag", ["de", "xx", "", "fr_ZZZ"])
def test_unsupported_locales(tag: str) -> None:
    with pytest.raises(LocaleError, match="supported languages: ar, en, fr"):
        resolve_locale(tag)
