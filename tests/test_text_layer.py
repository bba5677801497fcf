"""The Arabic text layer: every extractor gets standard letters (U+06xx) in logical order.

The page draws shaped glyphs (presentation forms); the fonts' ToUnicode maps say which standard
letters each glyph shows. Checked three ways: the maps themselves (pypdf), PDFium's text, poppler's
``pdftotext`` where it is installed. Brackets drawn mirrored, and punctuation beside numbers and
Latin words, read back on the right side in both (reports.i18n.text_layer); the directional marks
the extractors add or keep (LRM, RLM, embeddings) are invisible and ignored here.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from reports import blocks as b
from reports.dataset import Dataset
from reports.i18n.localizer import Localizer
from reports.i18n.text_layer import LRM, RLM, decode, encode, text_layer_line
from reports.metrics import compute
from reports.period import Period
from reports.pipeline import build_brief, build_document
from reports.render.fonts import glyph_text, to_unicode_cmap
from reports.render.pdf import render_pdf
from reports.template import load_layout
from reports.validation import require_valid

PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
# Words with a lam-alef ligature (ﻷ in الأول, ﻻ in لا) and plain words, as a reader types them.
EXPECTED = [
    "النصف الأول من 2025",
    "لا يفصل المصدر سوى",
    "صادرات الخدمات الرقمية",
    "الأخيرة",
    "الحصة من مجموع الصادرات",  # a chart's title
]
# Brackets and punctuation, in logical order, as a reader types them: in prose, tables and charts.
BRACKETS = [
    "مناصب الشغل في القطاع (2023)",  # cover: a key figure's label, brackets around a number
    "الصادرات (مليون",  # table header, brackets around Arabic (wrapped after مليون)
    "خدمات الهندسة (ESO)",  # table: brackets around a Latin acronym
    "العلاقة مع الزبناء ومراكز النداء (CRM)",
    "مجموع الصادرات (مليار درهم)",  # trend chart's title
    "حسب القطاع الفرعي (مليار درهم)",  # trend chart's title
    "الهندسة (ESO)",  # chart legend (and shares chart label)
    "(قيمة مستنتجة). ° محسوب",  # table note: a full stop after a bracket, before an Arabic word
    "لسنة 2024 (رقم سنوي).",  # methodology
    "«المغرب الرقمي 2030» هدفا",  # guillemets around a number
    "في أفق 2030. وقد بلغت",  # a full stop after a number
    "بسعر صرف 2024، أي 9.36* درهم للدولار)",  # an Arabic comma after a number
    "وتعطي القيم المقربة +3.9%، وهو فرق يفسره تقريبها (من +3.1% إلى +4.7%).",
    "[1] مكتب الصرف، كما أوردته الصحافة (24/10/2025)",  # sources
    "المجموع: ينشر المصدر",  # a colon after an Arabic word
]
_MARKS = re.compile("[\u202a-\u202e\u200e\u200f\u2066-\u2069]")


def _readable(text: str) -> str:
    """Extracted text without the invisible directional marks, spaces as typed, one line each."""
    text = _MARKS.sub("", text).replace("\u00a0", " ").replace("\u202f", " ")
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())


def _pdfium_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return _readable(text)


def _poppler_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return _readable(out)


def _cmaps(pdf: bytes) -> dict[str, dict[int, str]]:
    """Every font's ToUnicode map (pages and the charts' forms): code -> text."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: dict[str, dict[int, str]] = {}

    def visit(resources: object) -> None:
        if isinstance(resources, pypdf.generic.IndirectObject):
            resources = resources.get_object()
        if not isinstance(resources, pypdf.generic.DictionaryObject):
            return
        for font in (resources.get("/Font") or pypdf.generic.DictionaryObject()).values():
            font = font.get_object()
            if "/ToUnicode" in font:
                found[str(font["/BaseFont"])] = _parse_cmap(font["/ToUnicode"].get_object())
        for xobject in (resources.get("/XObject") or pypdf.generic.DictionaryObject()).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def _parse_cmap(stream: pypdf.generic.StreamObject) -> dict[int, str]:
    data = stream.get_data().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<(\w+)>\s*<(\w+)>\s*(\[[^\]]*\]|<\w+>)", block):
            targets = re.findall(r"<(\w+)>", dst)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                if dst.startswith("["):
                    mapping[code] = bytes.fromhex(targets[i]).decode("utf-16-be")
                else:
                    first = bytes.fromhex(targets[0]).decode("utf-16-be")
                    mapping[code] = first[:-1] + chr(ord(first[-1]) + i)
    return mapping


def test_to_unicode_maps_shaped_glyphs_to_standard_letters(brief_ar_h1: bytes) -> None:
    cmaps = _cmaps(brief_ar_h1)
    assert len(cmaps) >= 2  # regular and bold faces (charts too, drawn on the page or as forms)
    arabic = [
        t for cmap in cmaps.values() for t in cmap.values() if re.search("[\u0600-\u06ff]", t)
    ]
    assert len(arabic) > 40
    bad = {t for cmap in cmaps.values() for t in cmap.values() if PRESENTATION.search(t)}
    assert not bad, sorted(bad)


def test_lam_alef_reads_back_as_lam_then_alef() -> None:
    # Glyphs are drawn in visual order: the ligature's letters are given right to left.
    assert glyph_text("\ufefb") == "\u0627\u0644"  # ﻻ -> (visual) alef, lam
    assert glyph_text("\ufef7") == "\u0623\u0644"  # ﻷ
    assert glyph_text("\ufe8d") == "\u0627" and glyph_text("A") == "A"
    cmap = to_unicode_cmap("F+X", [0x41, 0xFEFB, 0xFE91])
    assert "<01> <06270644>" in cmap and "<02> <0628>" in cmap


def test_pdfium_extracts_standard_arabic_in_logical_order(brief_ar_h1: bytes) -> None:
    text = _pdfium_text(brief_ar_h1)
    assert not PRESENTATION.search(text)
    for phrase in EXPECTED:
        assert phrase in text, phrase


def test_poppler_extracts_standard_arabic_in_logical_order(
    brief_ar_h1: bytes, tmp_path: Path
) -> None:
    text = _poppler_text(brief_ar_h1, tmp_path)
    assert not PRESENTATION.search(text)
    letters = re.findall("[\u0600-\u06ff]", text)
    assert len(letters) > 1000
    for phrase in EXPECTED:
        assert phrase in text, phrase


def test_text_layer_codes_round_trip() -> None:
    # A mirrored "(" is drawn with the ")" glyph and reads "(" + LRM, fenced by RLM.
    code = encode("(", before=True, after=False, ltr=False, mirrored=True)
    assert ord(code) >= 0xF0000 and decode(ord(code)) == (")", RLM + "(" + LRM)
    assert glyph_text(code) == RLM + "(" + LRM
    assert decode(ord(encode("2", before=True, after=True, ltr=False, mirrored=False))) == (
        "2",
        RLM + "2" + RLM,
    )
    assert encode("x", before=False, after=False, ltr=False, mirrored=False) == "x"
    assert decode(0x41) is None and decode(0xF0000) is None


def test_a_left_to_right_cell_of_an_arabic_page_keeps_its_last_mark_at_its_end() -> None:
    cell = text_layer_line("≈\u00a0+17%†", False, in_rtl_page=True)
    assert cell[:-1] == "≈\u00a0+17%" and decode(ord(cell[-1])) == ("†", "†" + LRM)
    assert text_layer_line("≈ +17%†", False) == "≈ +17%†"  # on a left-to-right page: as it is
    assert text_layer_line("2,500", False, in_rtl_page=True) == "2,500"


def test_text_layer_line_draws_the_visual_glyphs() -> None:
    from reports.i18n.rtl import shape, to_visual

    for logical in BRACKETS + EXPECTED:
        line = shape(logical)
        drawn = "".join(
            decode(ord(ch))[0] if decode(ord(ch)) else ch  # type: ignore[index]
            for ch in text_layer_line(line)
        )
        assert drawn == to_visual(line), logical


@pytest.mark.parametrize("phrase", BRACKETS)
def test_pdfium_reads_brackets_and_punctuation_in_logical_order(
    brief_ar_h1: bytes, phrase: str
) -> None:
    assert phrase in _pdfium_text(brief_ar_h1)


@pytest.mark.parametrize("phrase", BRACKETS)
def test_poppler_reads_brackets_and_punctuation_in_logical_order(
    brief_ar_h1: bytes, phrase: str, tmp_path: Path
) -> None:
    assert phrase in _poppler_text(brief_ar_h1, tmp_path)


def test_no_bracket_reads_reversed(brief_ar_h1: bytes, tmp_path: Path) -> None:
    """No ")" before its "(" on a line, in either extractor (the defect: "القطاع )(2023"); a
    line may close a bracket opened on the line before, or open one closed on the next."""
    for text in (_pdfium_text(brief_ar_h1), _poppler_text(brief_ar_h1, tmp_path)):
        for line in text.splitlines():
            brackets = "".join(ch for ch in line if ch in "()").lstrip(")").rstrip("(")
            depth = 0
            for ch in brackets:
                depth += 1 if ch == "(" else -1
                assert depth >= 0, line
            assert depth == 0, line


@pytest.fixture(scope="module")
def brief_ar_2024(dataset: Dataset) -> bytes:
    return build_brief(dataset, Period.parse("2024"), "ar")


@pytest.mark.parametrize(
    "phrase",
    [
        "≈ +17%†",  # a table cell (left to right) on an Arabic page: the mark stays at its end
        "موقعا Le360 وL'Economiste (20/10/2025)",  # a source: Latin names, brackets, a date
        "بواسطة reports 0.1.0 انطلاقا من digital_exports_morocco.csv.",  # the closing note
    ],
)
def test_poppler_reads_latin_runs_and_cells_of_an_arabic_page(
    brief_ar_2024: bytes, phrase: str, tmp_path: Path
) -> None:
    assert phrase in _poppler_text(brief_ar_2024, tmp_path)


def test_poppler_reads_chart_labels_of_an_arabic_page_in_order(tmp_path: Path) -> None:
    """A chart's left-to-right labels on an Arabic page: a derived share reads "42.1%*", its mark
    at the end (it read "*42.1%": poppler put the trailing mark first)."""
    data, _ = require_valid(Path(__file__).parent / "data" / "quarterly.csv")
    period = Period.parse("2024")
    loc = Localizer.for_tag("ar", "auto")
    document = build_document(data, compute(data, period), loc, load_layout())
    charts = tuple(block for block in document.blocks if isinstance(block, b.Chart))
    pdf = render_pdf(dataclasses.replace(document, blocks=charts))
    text = _poppler_text(pdf, tmp_path)
    assert "42.1%*" in text and "33.6%*" in text
    assert "*42.1%" not in text and "*33.6%" not in text
