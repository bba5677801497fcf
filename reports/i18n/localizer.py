"""One object per brief language: translated messages and CLDR formatting through babel."""

from __future__ import annotations

import copy
import datetime as dt
import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.numbers import (
    NumberPattern,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    parse_pattern,
)

from reports.errors import LocaleError, TemplateError
from reports.i18n.catalogs import available_languages, load_translations
from reports.i18n.rtl import is_rtl_text, strip_bidi_controls
from reports.period import Period

Digits = Literal["auto", "latn", "arab"]
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_NBSP = "\u00a0"
_NUMBER = re.compile(r"\d(?:[\d.,\u202f\u00a0\u066b\u066c]*\d)?")
_UNGROUPED = re.compile(r"(?<![\d.,\u066b\u066c])\d{4,}")  # an integer part, not decimals


#: Names written in Latin script with their digits, kept as they are in a brief with Arabic-Indic
#: digits (a name is not a number: "Digital Morocco ٢٠٣٠" is no programme's name).
LATIN_PROPER_NAMES = ("Digital Morocco 2030",)


_SPACE = "[ \u00a0\u202f]"
_MOROCCAN_DIRHAMS = (
    (re.compile(rf"\bMd{_SPACE}MAD\b"), "MMDH"),  # milliards de dirhams
    (re.compile(rf"\bM{_SPACE}MAD\b"), "MDH"),  # millions de dirhams
    (re.compile(r"\bMAD\b"), "DH"),
)


def arabic_indic(text: str) -> str:
    """Latin digits 0-9 as Arabic-Indic digits."""
    return text.translate(_ARABIC_INDIC)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message


# Currencies a language may write as a word after the number (its catalog translates these;
# a catalog that keeps the code, as French and English do, gets CLDR's currency format).
_CURRENCY_WORDS = {"MAD": N_("MAD"), "USD": N_("USD")}


@lru_cache(maxsize=512)
def _number_pattern(
    text: str, decimals: int, min_integer_digits: int | None = None
) -> NumberPattern:
    """CLDR ``text`` parsed, with exactly ``decimals`` decimals (and at least
    ``min_integer_digits`` integer digits, when given). Parsed once per process: babel parses a
    pattern at every call, and a brief formats a few hundred numbers with a handful of patterns.
    Never changed once made (``apply`` does not change its pattern)."""
    pattern = copy.copy(parse_pattern(text))
    pattern.frac_prec = (decimals, decimals)
    if min_integer_digits is not None:
        pattern.int_prec = (min_integer_digits, pattern.int_prec[1])
    return pattern


def _plural_sample(loc: Localizer, category: str) -> int:
    """An integer in the same CLDR plural category as a decimal number: gettext's plural forms
    take integers only, and "0.4" and "3.6" may need another form than 0 or 3."""
    return next((n for n in range(0, 1000) if loc.locale.plural_form(n) == category), 1000)


# language[_Script][_TERRITORY]: letters and digits only, so a locale can name a file safely.
_LOCALE_ID = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z]{4})?(?:[_-](?:[A-Za-z]{2}|\d{3}))?$")
_POSIX_CODESET = re.compile(r"\.utf-?8$", re.IGNORECASE)  # fr_MA.UTF-8, as in $LANG


def resolve_locale(tag: str, catalogs: Path | None = None) -> Locale:
    """Parse a CLDR tag (``fr``, ``fr_MA``, ``ar-MA``, ``en_GB``) of a supported language.

    Surrounding spaces, case (``FR``, ``fr_ma``) and a POSIX ``.UTF-8`` suffix are forgiven;
    anything else that is not a plain CLDR identifier (``fr./../x``, ``fr@euro``) is rejected, so
    ``str(resolve_locale(tag))`` is the canonical tag (``ar-ma`` -> ``ar_MA``), safe in a file
    name. ``catalogs`` is the folder of message catalogs (default: the packaged
    ``templates/locale``).
    """
    supported = available_languages(catalogs)
    text = _POSIX_CODESET.sub("", str(tag).strip())
    if not _LOCALE_ID.match(text):
        raise LocaleError(
            f"invalid locale {tag!r}: expected a CLDR identifier such as fr, fr_MA, ar_MA or "
            f"en_GB; supported languages: {', '.join(supported)}"
        )
    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise LocaleError(
            f"unknown locale {tag!r}; supported languages: {', '.join(supported)}"
        ) from exc
    if locale.language not in supported:
        raise LocaleError(
            f"no brief language for locale {tag!r}; supported languages: {', '.join(supported)}"
        )
    return locale


def default_digits(locale: Locale) -> Literal["latn", "arab"]:
    """The digits CLDR uses by default for ``locale``."""
    system = getattr(locale, "default_numbering_system", "latn")
    return "arab" if system == "arab" else "latn"


def resolve_digits(locale: Locale, digits: Digits) -> Literal["latn", "arab"]:
    """``auto`` -> the locale's default digits; ``latn``/``arab`` as asked."""
    if digits not in ("auto", "latn", "arab"):
        raise LocaleError(f"invalid digits {digits!r}: use auto, latn or arab")
    return default_digits(locale) if digits == "auto" else digits


@dataclass(frozen=True)
class Localizer:
    """Translates and formats for one locale. Never formats numbers by hand elsewhere."""

    locale: Locale
    translations: gettext.NullTranslations
    digits: Literal["latn", "arab"] = "latn"

    @classmethod
    def for_tag(cls, tag: str, digits: Digits = "auto", catalogs: Path | None = None) -> Localizer:
        locale = resolve_locale(tag, catalogs)
        translations = load_translations(locale.language, catalogs, locale.territory)
        return cls(locale, translations, resolve_digits(locale, digits))

    # -- identity -------------------------------------------------------------------------
    @property
    def tag(self) -> str:
        return str(self.locale)

    @property
    def language(self) -> str:
        return str(self.locale.language)

    @property
    def rtl(self) -> bool:
        return self.locale.character_order == "right-to-left"

    # -- messages ---------------------------------------------------------------------------
    def _(self, message: str, **values: object) -> str:
        text = self._template(self.translations.gettext(message))
        text = _single_stop(self._format(message, text, values)) if values else text
        return typeset(text, self.language)

    def n_(
        self, singular: str, plural: str, count: int, *, spell: bool = False, **values: object
    ) -> str:
        """A plural-aware message; ``spell`` writes a small count in words ("Two segments")."""
        text = self._template(self.translations.ngettext(singular, plural, count))
        shown = self.count_word(count) if spell else self.number(count)
        text = _single_stop(self._format(singular, text, {"count": shown, **values}))
        return typeset(text, self.language)

    def _format(self, msgid: str, text: str, values: dict[str, object]) -> str:
        """Fill the placeholders; a translation naming an unknown one is a catalog error."""
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            from reports.i18n.catalogs import catalog_path, source_of

            known = ", ".join(f"{{{name}}}" for name in values) or "none"
            where = source_of(self.translations, msgid) or catalog_path(self.language)
            raise TemplateError(
                f"{where}: the translation of {msgid!r} is {text!r}: "
                f"bad placeholder ({type(exc).__name__}: {exc}); allowed: {known}"
            ) from exc

    def count_word(self, count: int) -> str:
        """A count from one to ten in words, as a sentence may start with it; else digits."""
        if 1 <= count <= len(_COUNT_WORDS):
            return self._(_COUNT_WORDS[count - 1])
        return self.number(count)

    def _template(self, text: str) -> str:
        """A translation before its placeholders are filled: the brief's digits, and French
        typographic apostrophes and Moroccan dirhams (the data's own words, filled in later, are
        left as they are)."""
        text = self._template_digits(text)
        if self.language != "fr":
            return text
        return self._dirhams(text.replace("'", "\u2019"))

    def _dirhams(self, text: str) -> str:
        """Moroccan French writes dirhams as the Office des Changes and Bank Al-Maghrib do:
        ``13,4 MMDH``, ``78 MDH``, ``9,36 DH par USD`` (CLDR's ``Md MAD`` reads as a foreign
        bank's); other French locales keep the ISO code."""
        if self.language != "fr" or self.locale.territory != "MA" or "MAD" not in text:
            return text
        for pattern, replacement in _MOROCCAN_DIRHAMS:
            text = pattern.sub(replacement, text)
        return text

    def _template_digits(self, text: str) -> str:
        """Digits written in a message ("2030") follow the brief's digits, like formatted ones;
        except in a Latin-script proper name (:data:`LATIN_PROPER_NAMES`): "Digital Morocco 2030"
        is the programme's name, written so in a French or English brief whatever its digits
        (an Arabic brief names it in Arabic, «المغرب الرقمي ٢٠٣٠», in the brief's digits)."""
        if self.digits != "arab":
            return text
        names = [name for name in LATIN_PROPER_NAMES if name in text]
        if not names:
            return text.translate(_ARABIC_INDIC)
        parts = re.split("(" + "|".join(map(re.escape, names)) + ")", text)
        return "".join(p if p in names else p.translate(_ARABIC_INDIC) for p in parts)

    def join(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale) if items else ""

    # -- numbers ----------------------------------------------------------------------------
    # Every number the brief prints goes through :meth:`quantity`: digits, sign, unit or % are
    # put together in ONE place, so a percentage reads the same in prose, tables, key figures and
    # charts, whatever surrounds it.
    def _digits(self, text: str) -> str:
        """Arabic-Indic digits and separators, inside numbers only, when asked for."""
        if self.digits == "latn":
            return text
        decimal = get_decimal_symbol(self.locale)
        group = get_group_symbol(self.locale)

        def convert(match: re.Match[str]) -> str:
            number = match.group(0).replace(decimal, "\x00").replace(group, "٬")
            return number.replace("\x00", "٫").translate(_ARABIC_INDIC)

        return _NUMBER.sub(convert, text).replace("%", "٪")

    def quantity(self, text: str, sign: int = 0) -> str:
        """The one helper for a number with its sign, unit or %: ``text`` is the magnitude as CLDR
        formats it (``3,5 %``, ``13.4 مليار درهم``); ``sign`` > 0 adds ``+``, < 0 adds the minus.

        Right to left, the result is a directional isolate, so it is laid out the same in any
        context: with Latin digits a left-to-right unit (``+3.5%``: sign left, % right); with
        Arabic-Indic digits a right-to-left one (read ``+``, ``٣٫٥``, ``٪``: sign right, % left,
        as CLDR's Arabic patterns have it).
        """
        text = strip_bidi_controls(text)
        if sign:
            symbol = get_plus_sign_symbol if sign > 0 else get_minus_sign_symbol
            text = strip_bidi_controls(symbol(self.locale)) + text
        text = self._digits(text)
        if not self.rtl:
            return text
        rtl_content = self.digits == "arab" or is_rtl_text(text)
        return ("\u2067" if rtl_content else "\u2066") + text + "\u2069"

    def _pattern_number(self, value: float, decimals: int, pattern_text: str) -> str:
        return str(_number_pattern(pattern_text, decimals).apply(value, self.locale))

    def number(self, value: float, decimals: int = 0) -> str:
        pattern = self.locale.decimal_formats[None].pattern
        return self.quantity(self._pattern_number(value, decimals, pattern))

    @staticmethod
    def _sign(value: float) -> int:
        return 1 if round(value, 12) > 0 else -1 if round(value, 12) < 0 else 0

    def percent(self, fraction: float, decimals: int = 1, signed: bool = False) -> str:
        """``0.403`` -> ``40,3 %`` (fr), ``40.3%`` (en); ``signed`` adds ``+`` for growth."""
        pattern = self.locale.percent_formats[None].pattern
        rounded = round(fraction * 100, decimals) / 100
        magnitude = self._pattern_number(abs(rounded) if signed else rounded, decimals, pattern)
        return self.quantity(magnitude, self._sign(rounded) if signed else 0)

    def points(self, value: float, decimals: int = 1) -> str:
        """A change of share in percentage points, always signed, the unit in the plural form the
        number takes (``+0,4 pt``, ``+3.6 pp``, ``+0.2 نقطة``)."""
        rounded = round(value, decimals)
        pattern = self.locale.decimal_formats[None].pattern
        magnitude = self._pattern_number(abs(rounded), decimals, pattern)
        number = self.quantity(magnitude, self._sign(rounded))
        category = self.locale.plural_form(abs(rounded))
        text = self.translations.ngettext(
            "{value} percentage point", "{value} percentage points", _plural_sample(self, category)
        )
        return self._template_digits(text).format(value=number)

    def points_unit(self) -> str:
        """The unit of percentage points alone, in its general plural form (``pt``, ``pp``)."""
        text = self.translations.ngettext(
            "{value} percentage point",
            "{value} percentage points",
            _plural_sample(self, "other"),
        )
        return strip_bidi_controls(text.replace("{value}", "")).strip(" \u00a0\u202f")

    def amount(
        self, mad_millions: float, currency: str = "MAD", decimals: int | None = None
    ) -> str:
        """A compact amount from millions: ``13,4 Md MAD``, ``MAD 13.4B``, ``13.4 مليار درهم``."""
        return self.amounts([mad_millions], currency, decimals)[0]

    def amounts(
        self,
        mad_millions: list[float],
        currency: str = "MAD",
        decimals: int | None = None,
        at_least: int = 0,
    ) -> list[str]:
        """Amounts shown side by side: one scale (that of the largest), the same decimals, as
        few as keep every non-zero amount non-zero and distinct amounts distinct (2,23 and
        2,19 Md, not 2,2 and 2,2; 250 M and 0,4 M, not 250 M and 400 k), and ``at_least``.

        A language whose catalog writes the currency as a word (``MAD`` -> ``درهم``) gets CLDR's
        compact number and that word (``13.4 مليار درهم``); others get CLDR's compact currency.
        """
        from reports.arithmetic import decimals_for

        if not mad_millions:
            return []
        word = self.translations.gettext(_CURRENCY_WORDS.get(currency, currency))
        as_word = word not in (currency, _CURRENCY_WORDS.get(currency))
        units = [v * 1_000_000 for v in mad_millions]
        reference = max(abs(v) for v in units)
        divisor, pattern_text = self._compact_pattern(reference, currency, as_word)
        scaled = [v / divisor for v in units]
        if decimals is None:
            whole = all(float(v).is_integer() for v in scaled)
            minimum = 1 if divisor >= 1_000_000_000 and not whole else 0
            decimals = decimals_for(scaled, minimum=max(minimum, at_least), maximum=4)
        texts = []
        for value in scaled:
            pattern = _number_pattern(pattern_text, decimals, min_integer_digits=1)
            text = pattern.apply(
                round(value, decimals), self.locale, currency=currency, currency_digits=False
            )
            # Beyond CLDR's largest compact unit the integer part is not grouped ("22222,2 Bn"):
            # group it as any other number.
            text = _UNGROUPED.sub(
                lambda m: format(int(m.group(0)), ",").replace(",", get_group_symbol(self.locale)),
                text,
            )
            if as_word:
                text = f"{strip_bidi_controls(text).strip()}{_NBSP}{word}"
            # CLDR currency spacing: a currency code touching a digit gets a no-break space.
            elif text.startswith(currency) and text[len(currency) : len(currency) + 1].isdigit():
                text = text[: len(currency)] + _NBSP + text[len(currency) :]
            texts.append(self.quantity(self._dirhams(text)))
        return texts

    def _compact_pattern(
        self, reference: float, currency: str, number_only: bool = False
    ) -> tuple[float, str]:
        """(divisor, pattern) of the CLDR compact currency format (or compact decimal format,
        ``number_only``) for an amount's magnitude."""
        compact = self.locale.compact_decimal_formats if number_only else None
        formats = (compact or self.locale.compact_currency_formats)["short"]
        magnitudes = sorted((int(m) for m in formats["other"]), reverse=True)
        for magnitude in magnitudes:
            if reference < magnitude:
                continue
            text = formats["other"][str(magnitude)].pattern
            if not re.sub(r"[0¤\s\u200f\u200e]", "", text):
                break  # "¤0": this magnitude is not abbreviated
            return magnitude / 10 ** (text.count("0") - 1), text
        if number_only:
            return 1.0, self.locale.decimal_formats[None].pattern
        return 1.0, self.locale.currency_formats["standard"].pattern

    def integer(self, value: float) -> str:
        return self.number(round(value), 0)

    def year(self, year: int) -> str:
        return self.numeral(year)

    def numeral(self, value: int) -> str:
        """A number that names rather than counts (a year, a source's reference ``[3]``): the
        brief's digits, never grouped nor isolated."""
        return self._digits(str(value))

    # -- periods ----------------------------------------------------------------------------
    def period(self, period: Period, long: bool = False) -> str:
        """``2024``; ``T2 2025``/``2e trimestre 2025`` (CLDR); ``S1 2025``/``1er semestre 2025``."""
        from babel.dates import format_date

        year = self.year(period.year)
        if period.kind == "Y":
            return self._("year {year}", year=year) if long else year
        if period.kind == "Q":
            if long:  # the catalog's words: "second quarter of 2025", "2ᵉ trimestre 2025"
                return self._(_QUARTERS[period.index - 1], year=year)
            month = (period.index - 1) * 3 + 1
            quarter = format_date(dt.date(period.year, month, 1), "QQQ", locale=self.locale)
            return self._("{quarter} {year}", quarter=quarter, year=year)
        if long:
            if period.index == 1:
                return self._("first half of {year}", year=year)
            return self._("second half of {year}", year=year)
        return (
            self._("H1 {year}", year=year) if period.index == 1 else self._("H2 {year}", year=year)
        )

    def period_stacked(self, period: Period) -> str:
        """The period on two lines, name over year (``T2`` / ``2025``), for narrow chart slots."""
        from babel.dates import format_date

        year = self.year(period.year)
        if period.kind == "Y":
            return year
        if period.kind == "Q":
            month = (period.index - 1) * 3 + 1
            name = format_date(dt.date(period.year, month, 1), "QQQ", locale=self.locale)
        else:
            name = self._("H1") if period.index == 1 else self._("H2")
        return f"{name}\n{year}"

    def period_in(self, period: Period) -> str:
        """The period as a time complement: ``in 2024``, ``au premier semestre 2025``."""
        return self._period_phrase(period, _IN)

    def period_compared(self, period: Period) -> str:
        """The period as a comparison: ``compared with 2023``, ``par rapport au S1 2024``."""
        return self._period_phrase(period, _COMPARED)

    def _period_phrase(self, period: Period, phrases: dict[str, str]) -> str:
        if period.kind == "Q":
            return self._(phrases["Q"], quarter=self.period(period, long=True))
        key = "Y" if period.kind == "Y" else f"H{period.index}"
        return self._(phrases[key], year=self.year(period.year))


_QUARTERS = (
    N_("first quarter of {year}"),
    N_("second quarter of {year}"),
    N_("third quarter of {year}"),
    N_("fourth quarter of {year}"),
)

# A period inside a sentence: each language places its own article and preposition.
_IN = {
    "Y": N_("in {year}"),
    "H1": N_("in the first half of {year}"),
    "H2": N_("in the second half of {year}"),
    "Q": N_("in the {quarter}"),
}
_COMPARED = {
    "Y": N_("compared with {year}"),
    "H1": N_("compared with the first half of {year}"),
    "H2": N_("compared with the second half of {year}"),
    "Q": N_("compared with the {quarter}"),
}


_COUNT_WORDS = (
    N_("one"),
    N_("two"),
    N_("three"),
    N_("four"),
    N_("five"),
    N_("six"),
    N_("seven"),
    N_("eight"),
    N_("nine"),
    N_("ten"),
)
# An abbreviation ending a sentence keeps one stop: "د.م.." -> "د.م.", "n.a.." -> "n.a.".
_DOUBLE_STOP = re.compile(r"(?<=[^\W\d_]\.)([\u200e\u200f\u2069]*)\.(?!\.)")


def _single_stop(text: str) -> str:
    return _DOUBLE_STOP.sub(r"\1", text)


# No line break between a number and its unit, sign or %, nor between a period abbreviation and
# its year: these spaces become no-break spaces in every message, whatever the catalog wrote.
_UNIT = (
    r"%|٪|pp|pt|p\.|Md|M|k|bn|B|MAD|USD|\$|\$US|dirhams?|milliards?|millions?|billion|million|"
    r"people|personnes|times|fois|مليار|مليون|ألف|درهم|دولار|نقطة|نقاط|شخص"
)
_NUMBER_UNIT = re.compile(rf"(?<=[\d\u0660-\u0669%\u2069]) (?=(?:{_UNIT})(?![^\W\d_]))")
_PERIOD_YEAR = re.compile(r"(?<![^\W\d_])([SHTQ][1-4]|من) (?=[\d\u0660-\u0669]{4}(?!\d))")
_SCALE_CURRENCY = re.compile(
    r"(?<![^\W\d_])(M|Md|k|bn|MAD|USD) (?=MAD|USD|\$|million|billion|milliards?|millions?)"
)
_FRENCH_BEFORE = re.compile(
    r"(?:[ \u00a0\u202f]+|(?<=[^\W\d_]))([:;!?])(?=\s|$)|[ \u00a0\u202f]*(»)"
)
_FRENCH_AFTER = re.compile(r"«[ \u00a0\u202f]*")
# "que" elides before a vowel, also before a name filled in later: "ne détaille qu’ESO".
_FRENCH_QUE = re.compile(r"\b([Qq]u)e (?=[AEIOUÀÂÉÈÊÎÔaeiouàâéèêîô])")


@lru_cache(maxsize=4096)
def typeset(text: str, language: str) -> str:
    """No-break spaces where a line must not break: number + unit/%, period + year, scale +
    currency; in French, before ``: ; ! ? »`` and after ``«`` (cached: briefs repeat their
    messages)."""
    if text.isascii() and " " not in text:
        return text
    text = _NUMBER_UNIT.sub("\u00a0", text)
    text = _PERIOD_YEAR.sub("\\1\u00a0", text)
    text = _SCALE_CURRENCY.sub("\\1\u00a0", text)
    if language == "fr":
        text = _FRENCH_BEFORE.sub(_french_space, text)
        text = _FRENCH_AFTER.sub("«\u00a0", text)
        text = _FRENCH_QUE.sub("\\1\u2019", text)
    return text


def _french_space(match: re.Match[str]) -> str:
    mark = match.group(1) or match.group(2)
    return ("\u00a0" if mark in ":»" else "\u202f") + mark


def sentence(text: str) -> str:
    """Capitalise the first letter (a sentence may start with a localized complement)."""
    return text[:1].upper() + text[1:] if text else text


def format_day(loc: Localizer, day: dt.date) -> str:
    """A publication date in full, as the locale writes it: ``15 septembre 2025``."""
    from babel.dates import format_date

    return loc._digits(format_date(day, "long", locale=loc.locale))


def decimal_symbol(loc: Localizer) -> str:
    """The locale's decimal separator (``,`` in French)."""
    return str(get_decimal_symbol(loc.locale))
