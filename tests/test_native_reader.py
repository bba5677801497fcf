"""What a native reader of French, English and Arabic sees in the briefs (session 5 review):
proper names, digits, terminology and the text that extractors read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import pdf_text

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief
from reports.validation import require_valid

QUARTERLY = Path(__file__).parent / "data" / "quarterly.csv"


def _text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf)).replace("\n", " ")


@pytest.fixture(scope="module")
def arab_digit_briefs(dataset: Dataset) -> dict[str, str]:
    return {
        tag: _text(build_brief(dataset, Period.parse("2025-H1"), tag, digits="arab"))
        for tag in ("fr", "en", "ar")
    }


def test_a_latin_programme_name_keeps_its_digits_with_arabic_indic_digits(
    arab_digit_briefs: dict[str, str],
) -> None:
    """ "Digital Morocco 2030" is the programme's name: a French or English brief with
    Arabic-Indic digits printed "Digital Morocco ٢٠٣٠". The target year and the heading's year
    are years, in the brief's digits."""
    fr, en = arab_digit_briefs["fr"], arab_digit_briefs["en"]
    assert "La stratégie Digital Morocco 2030 fixe un objectif" in fr
    assert "à l’horizon ٢٠٣٠" in fr and "Emploi et objectif national ٢٠٣٠" in fr
    assert "The Digital Morocco 2030 strategy sets a target" in en
    assert "by ٢٠٣٠" in en and "Jobs and the national ٢٠٣٠ target" in en
    assert "Morocco ٢٠٣٠" not in fr + en


def test_an_arabic_brief_names_the_programme_in_its_own_digits(
    arab_digit_briefs: dict[str, str],
) -> None:
    assert "«المغرب الرقمي ٢٠٣٠»" in arab_digit_briefs["ar"]


def test_source_references_use_the_brief_digits(
    arab_digit_briefs: dict[str, str], dataset: Dataset
) -> None:
    """The methodology numbered its sources "[1]" in a brief whose other digits were
    Arabic-Indic ("الصفحة ٣ من ٣" beside "[1] مكتب الصرف")."""
    assert "[١] مكتب الصرف" in arab_digit_briefs["ar"]
    assert "[١] Office des Changes" in arab_digit_briefs["fr"]
    for text in arab_digit_briefs.values():
        assert "[1]" not in text
    egypt = _text(build_brief(dataset, Period.parse("2025-H1"), "ar_EG"))  # Arabic-Indic default
    assert "[١] مكتب الصرف" in egypt and "[1]" not in egypt
    latin = _text(build_brief(dataset, Period.parse("2025-H1"), "ar_MA"))
    assert "[1] مكتب الصرف" in latin


def test_arabic_names_quarters_and_derived_values_as_everywhere_else() -> None:
    """A year summed from its quarters read "مجموع فصولها الكاملة (قيم مشتقة)": the brief calls a
    quarter "ربع" everywhere else (الربع الأول) and a derived value "مستنتجة"."""
    data, _ = require_valid(QUARTERLY)
    for period in ("2024", "2024-H1"):
        text = _text(build_brief(data, Period.parse(period), "ar"))
        assert "هي مجموع الأرباع الكاملة لهذه الفترة (قيم مستنتجة)." in text
        assert "فصول" not in text and "مشتقة" not in text


def test_a_cell_of_neutral_marks_on_an_arabic_page_carries_no_directional_mark(
    dataset: Dataset,
) -> None:
    """A left-to-right cell or bullet made only of neutral characters ("—", "•") read as itself
    followed by LRM: poppler reads it the same without, and PDFium glued it to its neighbour
    ("—+3.5%", "•المجموع:"). A cell with a run keeps its mark ("≈ +17%†", see test_text_layer)."""
    from reports.i18n.text_layer import LRM, text_layer_line

    for neutral in ("—", "•", "–"):
        assert text_layer_line(neutral, False, in_rtl_page=True) == neutral
    assert LRM in glyph_texts(text_layer_line("≈ +17%†", False, in_rtl_page=True))
    pages = pdf_text(build_brief(dataset, Period.parse("2025-H1"), "ar"))
    text = "\n".join(pages)
    assert "المجموع 13,400 100.0% — +3.5%" in text
    assert "غير مفصل (CRM + ITO) 9,600 71%° — —" in text
    assert "• المجموع: ينشر المصدر +3.5%" in text
    assert "—+" not in text and "•ا" not in text


def glyph_texts(line: str) -> str:
    """What a line's glyphs read as in the text layer (their ToUnicode text)."""
    from reports.render.fonts import glyph_text

    return "".join(glyph_text(ch) for ch in line)


def test_french_que_elides_before_a_segment_name(dataset: Dataset) -> None:
    """ "la source ne détaille que ESO, BPO et KPO": que elides before a vowel (qu’ESO)."""
    text = _text(build_brief(dataset, Period.parse("2025-H1"), "fr"))
    assert "la source ne détaille qu’ESO, BPO et KPO ;" in text
    assert "que ESO" not in text


def test_english_names_the_sector_and_the_full_year(dataset: Dataset) -> None:
    """ "Digital-services exports and outsourcing employed 141,000 people" (exports employ no
    one: the French and Arabic say the sector does); the cover read "Morocco — year 2024"."""
    text = _text(build_brief(dataset, Period.parse("2024"), "en"))
    assert "The digital services and outsourcing sector employed 141,000 people in 2023." in text
    assert "Morocco — full year 2024" in text
    assert "exports and outsourcing employed" not in text and "— year 2024" not in text


def test_moroccan_french_writes_dirhams_as_moroccan_statistics_do(dataset: Dataset) -> None:
    """fr_MA printed CLDR's "26,2 Md MAD", "78 M MAD", "(M MAD)": the Office des Changes and
    Bank Al-Maghrib write MMDH, MDH and DH. French elsewhere keeps the ISO code."""
    text = _text(build_brief(dataset, Period.parse("2024"), "fr_MA"))
    assert "ont atteint 26,2 MMDH" in text
    assert "Le segment KPO a reculé de 38 %, de 78 MDH à 48 MDH." in text
    assert "Exportations (MDH)" in text and "Exportations totales (MMDH)" in text
    assert "Le total est la somme des cinq segments (26 219 MDH)" in text
    assert "9,36* DH par USD" in text and "Exportations en millions de dirhams (DH)." in text
    assert "MAD" not in text.replace("digital_exports_morocco", "")
    france = _text(build_brief(dataset, Period.parse("2024"), "fr"))
    assert "ont atteint 26,2 Md MAD" in france and "DH" not in france


def test_british_english_spells_british(dataset: Dataset) -> None:
    """en_GB dated "15 January 2026" and wrote "US$4.3bn", but "call centers", "skilled labor"
    and "recognized certifications": the English catalog spells American."""
    gb = _text(build_brief(dataset, Period.parse("2025-H1"), "en_GB"))
    assert "Customer relations and call centres (CRM)" in gb
    assert "For a sector built on skilled labour," in gb
    assert "recognised certifications" in gb and "(IT services, call centres," in gb
    assert not re.search(r"center|labor\b|recognized", gb)
    us = _text(build_brief(dataset, Period.parse("2025-H1"), "en_US"))
    assert "call centers (CRM)" in us and "skilled labor," in us


def test_every_american_spelling_of_the_catalog_has_its_british_form() -> None:
    """The British wording is a catalog (locale/en_GB), not code: every message the English
    catalog spells American has its entry there, and a British brief reads none of them."""
    from babel.messages.pofile import read_po

    from reports.i18n.catalogs import catalog_path
    from reports.i18n.localizer import Localizer

    american = re.compile(r"\w*(?:center|labor|recogniz|organiz|color|behavior|favor)\w*", re.I)
    gb = Localizer.for_tag("en_GB")
    with catalog_path("en").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    spelled = [m for m in catalog if m.id and american.search(str(m.string))]
    assert spelled  # the catalog does spell American
    with catalog_path("en_GB").open("rb") as handle:
        british = {m.id for m in read_po(handle, locale="en_GB") if m.id}
    assert {m.id for m in spelled} <= british
    left = [found for m in spelled for found in american.findall(gb._(str(m.id)))]
    assert not left, left


def test_english_speaks_of_shares_of_the_previous_year() -> None:
    """ "segments had already reached the following part of their 2024 exports: ESO 72%" is
    not English: shares."""
    data, _ = require_valid(QUARTERLY)
    q1 = _text(build_brief(data, Period.parse("2025-Q1"), "en"))
    assert "segments had already reached these shares of their 2024 exports: ITO" in q1
    q2 = _text(build_brief(data, Period.parse("2025-Q2"), "en_GB"))
    assert "On its own, Q2 2025 accounts for these shares of each segment's 2024 exports:" in q2
    assert "following part" not in q1 + q2


def test_french_tells_stable_segments_in_the_past_as_the_others(tmp_path: Path) -> None:
    """ "Deux segments ont progressé … Le segment CRM a reculé … ESO +0,2 % et BPO +0,3 % sont
    quasiment stables": the stable ones were in the present among past tenses."""
    rows = ["exports,2023,ITO,1000", "exports,2023,CRM,800", "exports,2023,ESO,500"]
    rows += ["exports,2023,BPO,300", "exports,2023,KPO,100", "exports,2024,ITO,1100"]
    rows += ["exports,2024,CRM,700", "exports,2024,ESO,501", "exports,2024,BPO,301"]
    rows += ["exports,2024,KPO,120"]
    path = tmp_path / "stable.csv"
    path.write_text(
        "indicator,period,segment,value,unit,source,status\n"
        + "".join(f"{row},MAD_M,Office A,published\n" for row in rows),
        encoding="utf-8",
    )
    data, _ = require_valid(path)
    text = _text(build_brief(data, Period.parse("2024"), "fr"))
    assert "Le segment CRM a reculé de 12,5 %" in text
    assert "ESO +0,2 % et BPO +0,3 % sont restés quasiment stables." in text


def test_french_gaps_list_says_why_dollars_are_missing(dataset: Dataset) -> None:
    """ "… ; un taux de change (S1 2025) : pas d’équivalent en dollars ; …" read as if the dollar
    equivalent were what the data lacks, a colon inside a list opened by one."""
    text = _text(build_brief(dataset, Period.parse("2025-H1"), "fr"))
    assert "un taux de change (S1 2025), donc pas d’équivalent en dollars ;" in text
    assert ") : pas d’équivalent" not in text


def test_a_localized_export_cites_sources_in_its_language_and_says_yes_or_no(
    tmp_path: Path,
) -> None:
    """`reports export --locale ar` listed the sources in French (the brief cites them in
    Arabic) and its yes/no columns read "False"/"True"."""
    import csv

    from typer.testing import CliRunner

    from reports.cli import app

    def row(locale: str, segment: str) -> dict[str, str]:
        result = CliRunner().invoke(
            app,
            [
                "export",
                "--period",
                "2024",
                "--format",
                "csv",
                "--locale",
                locale,
                "-o",
                str(tmp_path),
            ],
        )
        assert result.exit_code == 0, result.output
        path = tmp_path / "2024" / f"figures-2024-{locale}.csv"
        text = path.read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(text.splitlines(), delimiter=";" if locale == "fr" else ","))
        return next(r for r in rows if segment in r.values())

    ar = row("ar", "ESO")
    assert ar["المصدر"] == (
        "مكتب الصرف، معطيات أولية أوردها موقعا Le360 وL'Economiste (20/10/2025)؛ "
        "مكتب الصرف، كما أوردته الصحافة (24/10/2025)"
    )
    assert (ar["نمو منشور بصيغة تقريبية"], ar["النمو المنشور ضمن هامش تقريب القيم"]) == (
        "لا",
        "نعم",
    )
    en = row("en", "ESO")
    assert en["Source"].startswith("Office des Changes, preliminary data, reported by Le360")
    assert en["Growth published as approximate"] == "no"
    fr = row("fr", "ESO")
    assert fr["Source"].startswith("Office des Changes, données préliminaires")
    assert fr["Croissance publiée comme approximative"] == "non"


def test_french_puts_no_bare_half_after_a_preposition(dataset: Dataset) -> None:
    """ "aucune période antérieure comparable à S1 2024": a half or a quarter takes an article
    (au S1 2024) where a year takes none; the sentence now names the period in brackets."""
    text = _text(build_brief(dataset, Period.parse("2024-H1"), "fr"))
    assert "aucune période antérieure comparable à celle-ci (S1 2024) : la tendance" in text
    assert "à S1" not in text


def test_arabic_points_fit_the_table_at_its_size() -> None:
    """The Arabic table's points cells ("+1.1 نقطة مئوية") did not fit their columns: drawn
    shrunk (to 6-7 pt beside 8.5 pt cells) and higher than the rest of their row. The unit is
    "نقطة", as French writes "pt" and English "pp"."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    data, _ = require_valid(QUARTERLY)
    pdf = build_brief(data, Period.parse("2025-Q2"), "ar")
    text = _text(pdf)
    assert "+1.1 نقطة" in text and "+3.5 نقطة" in text and "مئوية" not in text
    page = pdfium.PdfDocument(pdf)[0].get_textpage()
    chars = page.get_text_range(0, page.count_chars())
    sizes = [
        round(raw.FPDFText_GetFontSize(page.raw, i + k), 1)
        for i in range(len(chars))
        if chars.startswith("نقطة", i)
        for k in range(4)
    ]
    assert len(sizes) >= 4 * 10  # two points columns, five segments (and the total)
    assert set(sizes) == {8.5}, sorted(set(sizes))  # the table's cell size, none squeezed


def test_arabic_keeps_one_word_for_comparable_and_for_computed(tmp_path: Path) -> None:
    """The chart's note said "الفترات المماثلة" where every other line says "الفترات القابلة
    للمقارنة", and the cover "محتسب" where the table says "محسوب"."""
    rows = [
        f"exports,{year},TOTAL,{1000 + 50 * i},MAD_M,Office A,published"
        for i, year in enumerate(range(2015, 2025))
    ]
    path = tmp_path / "years.csv"
    path.write_text(
        "indicator,period,segment,value,unit,source,status\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    data, _ = require_valid(path)
    text = _text(build_brief(data, Period.parse("2024"), "ar"))
    assert "يقتصر الرسم البياني على أحدث الفترات القابلة للمقارنة (من 2019 إلى 2024)" in text
    assert "المماثلة" not in text
    assert "محسوب انطلاقا من القيم المنشورة" in text and "محتسب" not in text


def test_a_territory_catalog_in_a_template_folder_words_that_territory_only(tmp_path: Path) -> None:
    """An analyst spells British for Australia with a territory catalog of their own
    (locale/en_AU), holding only the messages that differ; templates check reads it as such
    (no 'missing entry' for the rest) and still catches a broken placeholder."""
    from typer.testing import CliRunner

    from reports.cli import app

    folder = tmp_path / "tpl" / "locale" / "en_AU" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    header = (
        'msgid ""\nmsgstr ""\n"Language: en_AU\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    )
    po.write_text(
        header + '\nmsgid "Customer relations and call centres (CRM)"\n'
        'msgstr "Customer relations and contact centres (CRM)"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    checked = runner.invoke(app, ["templates", "check", str(tmp_path / "tpl")])
    assert checked.exit_code == 0, checked.output
    assert "0 error(s), 0 warning(s)" in checked.stdout
    out = tmp_path / "out"
    args = ["build", "-p", "2025-H1", "--date", "2026-01-15", "--templates", str(tmp_path / "tpl")]
    result = runner.invoke(app, [*args, "-l", "en_AU,en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    au = " ".join(pdf_text((out / "2025-H1" / "brief-2025-H1-en_AU.pdf").read_bytes()))
    us = " ".join(pdf_text((out / "2025-H1" / "brief-2025-H1-en.pdf").read_bytes()))
    assert "contact centres" in au and "contact centres" not in us
    assert "Customer relations and call centers" in us
    po.write_text(
        header + '\nmsgid "Change on {period}"\nmsgstr "Change on {perod}"\n', encoding="utf-8"
    )
    broken = runner.invoke(app, ["templates", "check", str(tmp_path / "tpl")])
    assert broken.exit_code != 0
    assert "en_AU" in broken.stdout + broken.stderr and "perod" in broken.stdout + broken.stderr
