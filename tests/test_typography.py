"""Typography and wording in every language: no-break spaces where a line must not break,
French and English conventions, Arabic wording, headings never left at a page bottom."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reports.dataset import Dataset
from reports.i18n.catalogs import catalog_path
from reports.i18n.localizer import Localizer
from reports.metrics import compute
from reports.period import Period
from reports.pipeline import build_brief, build_document
from reports.template import load_layout

QUARTERLY = Path(__file__).parent / "data" / "quarterly.csv"
UNITS = r"%|٪|pp|pt|Md|MAD|USD|bn|million|milliards?|مليار|مليون|درهم|دولار|نقطة|نقاط"
BREAKABLE = {
    "number and unit": re.compile(rf"[\d\u0660-\u0669%\u2069] (?:{UNITS})(?![^\W\d_])"),
    "period and year": re.compile(r"(?<![^\W\d_])(?:[SHTQ][1-4]|من) [\d\u0660-\u0669]{4}"),
    "scale and currency": re.compile(r"(?<![^\W\d_])(?:M|Md|MAD) (?:MAD|million)"),
}


@pytest.fixture(scope="module")
def quarterly() -> Dataset:
    from reports.validation import require_valid

    data, _warnings = require_valid(QUARTERLY)
    return data


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [s for item in value for s in _strings(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    return []


def _document_texts(data: Dataset, period: str, locale: str) -> list[str]:
    loc = Localizer.for_tag(locale)
    document = build_document(data, compute(data, Period.parse(period)), loc, load_layout())
    return [t for block in document.blocks for t in _strings(block)]


CASES = [(p, lang) for p in ("2024", "2025-H1", "2025-Q2") for lang in ("fr", "en", "ar")]


@pytest.mark.parametrize(("period", "locale"), CASES)
def test_no_line_break_inside_quantities_and_periods(
    dataset: Dataset, quarterly: Dataset, period: str, locale: str
) -> None:
    data = quarterly if period.endswith("Q2") else dataset
    problems = []
    for text in _document_texts(data, period, locale):
        if text.startswith("["):  # a source, in the source's own words
            continue
        for name, pattern in BREAKABLE.items():
            problems += [f"{name}: {m.group(0)!r} in {text[:60]!r}" for m in pattern.finditer(text)]
        if locale == "fr":
            problems += [f"space before {m.group(0)!r}" for m in re.finditer(r" [:;!?]", text)]
            problems += [
                f"no space before {m.group(0)!r}" for m in re.finditer(r"\w[:;](?=\s)", text)
            ]
            bare = re.search(
                r"(?<![^\W\d_])(?:pour|sur|à|de|depuis|en|avec|dans) [ST][1-4]\b", text
            )
            if bare:  # French needs an article: "au S1", "le T2"; the brief avoids the bare form
                problems.append(f"abbreviation without article: {bare.group(0)!r}")
            if "'" in text and "Office des Changes" not in text:
                problems.append(f"straight apostrophe in {text[:60]!r}")
    assert not problems, "\n".join(problems[:20])


def test_arabic_wording(dataset: Dataset, quarterly: Dataset) -> None:
    texts = " ".join(
        _document_texts(dataset, "2024", "ar") + _document_texts(dataset, "2025-H1", "ar")
    )
    assert "مليار\u00a0درهم" in texts and "مليار\u00a0دولار" in texts
    for wrong in ("د.م.", "US$", "$", "المستخدمين", "مجمّعًا", "النصف الأول 2"):
        assert wrong not in texts, wrong
    assert "النصف الأول من\u00a02024" in texts
    points = " ".join(_document_texts(quarterly, "2025-Q2", "ar"))
    assert (
        "\u2069\u00a0نقطة" in points and "مئوية" not in points
    )  # a signed number, then its unit, unbreakable


def test_french_and_english_wording(dataset: Dataset, quarterly: Dataset) -> None:
    fr = " ".join(_document_texts(dataset, "2024", "fr"))
    assert "Le secteur des services numériques et de l’externalisation employait" in fr
    fr_q = " ".join(_document_texts(quarterly, "2025-Q2", "fr"))
    assert "Au 2ᵉ\u00a0trimestre\u00a02025" in fr_q and "par rapport au 2ᵉ\u00a0trimestre" in fr_q
    en_q = " ".join(_document_texts(quarterly, "2025-Q2", "en"))
    assert "In the second quarter of 2025" in en_q and "2nd quarter" not in en_q
    en = " ".join(_document_texts(dataset, "2024", "en"))
    assert "Call centers" in en and "centres" not in en
    gb = " ".join(_document_texts(dataset, "2024", "en_GB"))
    assert "US$2.8bn" in gb  # CLDR's en_GB currency format


def test_english_catalog_spells_american() -> None:
    with catalog_path("en").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    british = re.compile(r"centre|recognis|labour|organis|colour|behaviour|programme|favour")
    found = [m.string for m in catalog if m.id and british.search(str(m.string))]
    assert not found, found


@pytest.mark.parametrize(
    ("period", "locale"), [("2025-Q2", "ar"), ("2024", "fr"), ("2025-H1", "en")]
)
def test_no_heading_at_the_bottom_of_a_page(
    dataset: Dataset, quarterly: Dataset, period: str, locale: str
) -> None:
    """The last text line of every page (above the footer) is never a heading."""
    import unicodedata

    from conftest import pdf_text

    from reports import blocks as b

    data = quarterly if period.endswith("Q2") else dataset
    loc = Localizer.for_tag(locale)
    document = build_document(data, compute(data, Period.parse(period)), loc, load_layout())
    headings = {
        unicodedata.normalize("NFKC", h.text.replace("\u00a0", " "))
        for h in document.blocks
        if isinstance(h, b.Heading)
    }
    pages = pdf_text(build_brief(data, Period.parse(period), locale))
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = lines[:-1]  # the last line is the running footer
        last = unicodedata.normalize("NFKC", body[-1]) if body else ""
        assert last not in headings, f"page {number} ends with heading {last!r}"


def test_sources_in_the_brief_language_or_quoted(tmp_path: Path) -> None:
    """source_en / source_ar give the source's description in the brief's language; without a
    translation, the original is quoted as the source's own words."""
    from conftest import pdf_text

    from reports.validation import require_valid

    path = tmp_path / "data.csv"
    path.write_text(
        "indicator,period,segment,value,unit,source,source_en,source_ar\n"
        "exports,2024,TOTAL,26200,MAD_M,Office des Changes (rapport annuel),"
        "Office des Changes (annual report),مكتب الصرف (التقرير السنوي)\n"
        "exports,2023,TOTAL,26150,MAD_M,Presse économique,,\n",
        encoding="utf-8",
    )
    data, warnings = require_valid(path)
    assert not [w for w in warnings if "unknown column" in str(w)]
    period = Period.parse("2024")
    en = " ".join(pdf_text(build_brief(data, period, "en"))).replace("\n", " ")
    assert "[1] Office des Changes (annual report)" in en
    assert "“Presse économique” (original wording)" in en
    ar = " ".join(pdf_text(build_brief(data, period, "ar"))).replace("\n", " ")
    assert "مكتب الصرف (التقرير السنوي)" in ar and "rapport annuel" not in ar
    fr = " ".join(pdf_text(build_brief(data, period, "fr"))).replace("\n", " ")
    assert "[1] Office des Changes (rapport annuel)" in fr  # ``source`` is read as French


@pytest.mark.parametrize(("period", "locale"), [("2024", "fr"), ("2024", "ar"), ("2025-Q2", "en")])
def test_closing_note_never_alone_on_the_last_page(
    dataset: Dataset, quarterly: Dataset, period: str, locale: str
) -> None:
    from conftest import pdf_text

    data = quarterly if period.endswith("Q2") else dataset
    last = pdf_text(build_brief(data, Period.parse(period), locale))[-1]
    lines = [line for line in last.splitlines() if line.strip()]
    assert len(lines) >= 4, lines  # the sources come with it, not the note and footer alone


def test_a_paragraph_is_broken_into_lines_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables and keep-with-next groups wrap a paragraph twice at the same width: the lines of
    the first wrap are reused, and a new width breaks them again."""
    from reportlab.platypus.paragraph import Paragraph

    from reports.render.fonts import register_fonts
    from reports.render.pdf import _Paragraph
    from reports.render.styles import make_styles

    register_fonts()
    broken: list[list[float]] = []
    break_lines = Paragraph.breakLines

    def counted(self: Paragraph, widths: list[float]) -> object:
        broken.append(list(widths))
        return break_lines(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    style = make_styles(rtl=False).body
    text = "Les exportations de services numériques ont progressé de 3,5 % sur un an. " * 4
    para, plain = _Paragraph(text, style), Paragraph(text, style)
    assert para.wrap(200, 500) == para.wrap(200, 500) == plain.wrap(200, 500)
    assert len(broken) == 2  # once for ours, once for reportlab's own
    lines = [repr(line) for line in para.blPara.lines]
    assert para.wrap(300, 500) == plain.wrap(300, 500) and len(broken) == 4
    assert para.wrap(200, 500)[1] > para.wrap(300, 500)[1]
    assert [repr(line) for line in para.blPara.lines] != lines
    para.wrap(200, 500)
    assert [repr(line) for line in para.blPara.lines] == lines
    plain.wrap(200, 500)
    ours, theirs = para.split(200, 2 * style.leading), plain.split(200, 2 * style.leading)
    assert [p.getPlainText() for p in ours] == [p.getPlainText() for p in theirs]
    assert len(ours) == 2 and len(ours[0].blPara.lines) == 2
