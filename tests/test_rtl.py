"""Right-to-left text: the bidi/shaping seam and the RTLParagraph flowable.

PDF checks read glyph POSITIONS back with pdfium (never a viewer's bidi). Two pdfium habits matter:
its text extraction folds Arabic presentation forms back to base letters, and it mirrors bracket
characters it believes are in a right-to-left run. So brackets are identified by their ink on a
rendered bitmap, and the presence of presentation forms is read from the PDF's ToUnicode text
(pypdf).
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from bidi import get_display as rust_get_display
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.i18n.rtl import (
    is_rtl_text,
    shape,
    strip_bidi_controls,
    to_visual,
    visual_line,
)
from reports.render.fonts import register_fonts
from reports.render.rtl_paragraph import RTLParagraph, rtl_text_width

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
MIXED = "بلغت الصادرات 13,4 مليار درهم (+3,5 %) في 2025"
# Pure Arabic words, no digits or punctuation: reading order can be checked word by word.
LONG = (
    "تعرض هذه المذكرة تطور صادرات الخدمات الرقمية في المغرب خلال السنوات الأخيرة وتبين أن خدمات "
    "تكنولوجيا المعلومات ومراكز الاتصال تشكل الجزء الأكبر من هذه الصادرات بينما تبقى الخدمات "
    "الهندسية والاستشارية محدودة رغم نموها السريع في الأسواق الأوروبية والأفريقية"
)
LONG_WORDS = LONG.split(" ")


# ------------------------------------------------------------------------------ fixtures, helpers


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts()  # the brief's fonts: DejaVu Sans with standard-letter ToUnicode maps


def _style(alignment: int = TA_RIGHT, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": 11,
        "leading": 16,
        "alignment": alignment,
    }
    base.update(kw)
    return ParagraphStyle("ar", **base)


def _build(path: Path, story: list[Flowable]) -> SimpleDocTemplate:
    doc = SimpleDocTemplate(
        os.fspath(path), pagesize=A5, invariant=1, leftMargin=40, rightMargin=40, topMargin=40,
        bottomMargin=40, initialFontName=FONT,
    )  # fmt: skip
    doc.build(story)
    return doc


def _frame_edges(doc: SimpleDocTemplate) -> tuple[float, float]:
    """x of the left and right edges of SimpleDocTemplate's frame content (6 pt padding)."""
    return doc.leftMargin + 6, doc.pagesize[0] - doc.rightMargin - 6


def _is_arabic(ch: str) -> bool:
    """Arabic letters (not Arabic-Indic digits, which are drawn left to right)."""
    return unicodedata.bidirectional(ch) == "AL"


@dataclass
class Glyph:
    ch: str
    left: float  # loose box (advance): what alignment is measured on
    right: float
    ink_left: float  # tight box (ink): what joining is measured on
    ink_right: float


@dataclass
class Word:
    glyphs: list[Glyph]

    @property
    def visual(self) -> str:
        """Characters as they sit on the page, left to right."""
        return "".join(g.ch for g in self.glyphs)

    @property
    def text(self) -> str:
        """Reading order: Arabic words reversed (and NFKC-folded), others as drawn."""
        v = self.visual
        if not any(map(_is_arabic, v)):
            return v
        # pdfium expands a ligature glyph (lam-alef) into several characters sharing one box, in
        # logical order: reverse whole glyph boxes, not characters.
        clusters: list[str] = []
        previous: tuple[float, float] | None = None
        for g in self.glyphs:
            if previous is not None and (g.left, g.right) == previous:
                clusters[-1] += g.ch
            else:
                clusters.append(g.ch)
            previous = (g.left, g.right)
        return unicodedata.normalize("NFKC", "".join(reversed(clusters)))

    @property
    def left(self) -> float:
        return self.glyphs[0].left

    @property
    def right(self) -> float:
        return self.glyphs[-1].right


@dataclass
class Row:
    y: float
    words: list[Word]  # left to right

    @property
    def texts(self) -> list[str]:
        return [w.text for w in self.words]

    @property
    def reading(self) -> list[str]:
        """Words in right-to-left reading order."""
        return self.texts[::-1]


def _bracket_from_ink(
    image: Any, page_height: float, scale: float, box: tuple[float, float, float, float]
) -> str:
    """'(' or ')' from the glyph's ink: '(' bulges to the left at mid-height, ')' to the right."""
    left, bottom, right, top = box
    crop = image.crop(
        (
            int(left * scale) - 1,
            int((page_height - top) * scale) - 1,
            int(right * scale) + 2,
            int((page_height - bottom) * scale) + 2,
        )
    )
    width, height = crop.size
    px = crop.load()

    def ink_x(row: int) -> float | None:
        xs = [x for x in range(width) if px[x, row] < 128]
        return sum(xs) / len(xs) if xs else None

    middle = ink_x(height // 2)
    ends = [v for v in (ink_x(2), ink_x(height - 3)) if v is not None]
    assert middle is not None and ends, "no ink found for a bracket"
    return "(" if middle < sum(ends) / len(ends) else ")"


def _glyph_boxes(textpage: pdfium.PdfTextPage) -> set[tuple[float, ...]]:
    """Boxes of the characters that are not directional marks."""
    return {
        tuple(textpage.get_charbox(i, loose=True))
        for i in range(textpage.count_chars())
        if textpage.get_text_range(i, 1) not in "\u200e\u200f"
    }


def page_rows(pdf_path: Path, page_index: int = 0, gap_pt: float = 1.5) -> list[Row]:
    """Text rows of a page, top to bottom, words left to right (the idea of glyph_order.py)."""
    doc = pdfium.PdfDocument(os.fspath(pdf_path))
    page = doc[page_index]
    textpage = page.get_textpage()
    scale = 4.0
    image = None
    buckets: dict[float, list[Glyph]] = {}
    glyphs = _glyph_boxes(textpage)
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        # A directional mark the text layer adds to a glyph's text (reports.i18n.text_layer)
        # shares that glyph's box; a mark drawn as a glyph of its own would not.
        if ch in "\r\n" or (ch in "\u200e\u200f" and textpage.get_charbox(i, loose=True) in glyphs):
            continue
        left, bottom, right, _top = textpage.get_charbox(i, loose=True)
        ink = textpage.get_charbox(i)
        if ch in "()":  # pdfium mirrors these in RTL runs: trust the ink instead
            if image is None:
                image = page.render(scale=scale, grayscale=True).to_pil()
            ch = _bracket_from_ink(image, page.get_height(), scale, ink)
        key = next((k for k in buckets if abs(k - bottom) < 5.0), bottom)
        buckets.setdefault(key, []).append(Glyph(ch, left, right, ink[0], ink[2]))
    rows = []
    for y in sorted(buckets, reverse=True):
        words: list[Word] = []
        current: list[Glyph] = []
        previous_right = None
        for g in sorted(buckets[y], key=lambda g: (g.left, g.right)):
            gap = previous_right is not None and g.left - previous_right > gap_pt
            if (g.ch == " " or gap) and current:
                words.append(Word(current))
                current = []
            if g.ch != " ":
                current.append(g)
            previous_right = g.right
        if current:
            words.append(Word(current))
        rows.append(Row(y, words))
    return rows


def _pdf_text_pages(pdf_path: Path) -> list[str]:
    """Text through the PDF's ToUnicode maps (standard letters), as pypdf orders it."""
    pypdf = pytest.importorskip("pypdf")
    return [p.extract_text() for p in pypdf.PdfReader(os.fspath(pdf_path)).pages]


# ------------------------------------------------------------------------------ reports.i18n.rtl


def test_is_rtl_text() -> None:
    assert is_rtl_text("بلغت")
    assert is_rtl_text("שלום")
    assert is_rtl_text("٢٠٢٥")  # Arabic-Indic digits
    assert is_rtl_text("ITO و CRM")
    assert not is_rtl_text("ITO, CRM (2025): 40,3 %")
    assert not is_rtl_text("\u200f13,4\u200f")  # babel's marks alone are not Arabic
    assert not is_rtl_text("")


def test_shape_keeps_logical_order_and_joins_letters() -> None:
    assert shape("ITO (2025) 13,4 %") == "ITO (2025) 13,4 %"
    shaped = shape("بلغت الصادرات")
    assert all(0xFB50 <= ord(c) <= 0xFEFF for c in shaped.replace(" ", ""))
    assert unicodedata.normalize("NFKC", shaped) == "بلغت الصادرات"
    assert shaped.split(" ")[0] == "\ufe91\ufee0\ufed0\ufe96"  # initial, medial, medial, final
    assert shape("لا") == "\ufefb"  # lam-alef ligature
    assert "\ufdf2" not in shape("عبد الله")  # no "Allah" ligature: DejaVu Sans lacks the glyph
    babel = "\u200f13,4\u00a0مليار\u00a0د.م.\u200f"
    assert unicodedata.normalize("NFKC", shape(babel)) == unicodedata.normalize("NFKC", babel)
    assert shape(babel).startswith("\u200f13,4\u00a0")


def test_to_visual_mixed_sentence() -> None:
    visual = to_visual(shape(MIXED))
    words = [
        unicodedata.normalize("NFKC", w[::-1]) if is_rtl_text(w) else w for w in visual.split()
    ]
    # Left to right on the page: the first logical word is rightmost, numbers stay LTR, and the
    # brackets are mirrored so that "(" is the leftmost glyph of the group.
    assert words == ["2025", "في", "(%", "3,5+)", "درهم", "مليار", "13,4", "الصادرات", "بلغت"]


def test_to_visual_mirrors_brackets_unlike_the_rust_get_display() -> None:
    line = shape("الحصة (40,3 %)")
    assert to_visual(line) == "(% 40,3) " + shape("الحصة")[::-1]
    assert rust_get_display(line, base_dir="R").startswith(")")  # the pitfall this seam avoids


@pytest.mark.parametrize(
    ("logical", "visual_ltr_runs"),
    [
        # N0 (paired brackets): a Latin phrase with a year keeps its brackets in an Arabic line.
        ("تقرير CRM (2025) الأخير", ["CRM (2025)"]),
        ("المصدر: ITO (2025).", ["ITO (2025)"]),
        ("مليون MAD و 26.219,5 درهم", ["26.219,5", "MAD"]),
        ("بنسبة −38,5 % و +3,5 %", ["3,5+", "38,5−"]),
        # babel's marks: LRM before a sign keeps it on the left of the number.
        ("بلغت (\u200e+3,5\u00a0%\u200e) في", ["(+3,5\u00a0%)"]),
        ("\u200f13,4\u00a0مليار\u00a0د.م.\u200f", ["13,4"]),
        ("٤٠٫٣ ٪ من ٢٦٬٢١٩٫٥", ["٤٠٫٣", "٢٦٬٢١٩٫٥"]),
    ],
)
def test_to_visual_keeps_latin_and_numbers_readable(
    logical: str, visual_ltr_runs: list[str]
) -> None:
    visual = to_visual(shape(logical))
    for run in visual_ltr_runs:
        assert run in visual
    assert not set(visual) & {"\u200e", "\u200f", "\u061c"}  # marks are never drawn


def test_to_visual_babel_compact_number() -> None:
    visual = to_visual(shape("\u200f13,4\u00a0مليار\u00a0د.م.\u200f"))
    # Reading right to left: 13,4 then مليار then د.م.
    assert visual == ".\ufee1.\ufea9\u00a0" + shape("مليار")[::-1] + "\u00a013,4"


def test_to_visual_base_direction_for_latin_lines() -> None:
    assert visual_line("Source: ITO (2025).") == "Source: ITO (2025)."  # auto: LTR, untouched
    assert to_visual("Source: ITO (2025).", rtl=False) == "Source: ITO (2025)."
    # The same line inside a right-to-left paragraph: the final full stop goes to the left.
    assert to_visual("Source: ITO (2025).") == ".Source: ITO (2025)"
    assert visual_line("\u2067ITO (2025)\u2069 تقرير").endswith(
        "ITO (2025)"
    )  # an isolate keeps the Latin run whole


@pytest.mark.parametrize(
    "line",
    [
        MIXED,
        "تقرير CRM (2025) الأخير [ITO] و{BPO}",
        "(ITO و CRM) ((13,4)) [أ (ب] ج)",
        "a (b [c د] e) و (f)",
        "الحصة: 40,3 % / 26\u202f219,5 - 2025",
    ],
)
def test_to_visual_order_matches_rust_uba(line: str) -> None:
    """Same order as unicode-bidi (UBA with N0) once brackets are neutralised."""
    shaped = shape(line)
    brackets = str.maketrans(dict.fromkeys("()[]{}", "|"))
    expected = rust_get_display(shaped, base_dir="R").translate(brackets)
    assert to_visual(shaped).translate(brackets) == strip_bidi_controls(expected)


# ------------------------------------------------------------------------------ RTLParagraph


def test_wrap_breaks_logical_text_on_spaces_only() -> None:
    style = _style(fontSize=10, leading=12)
    para = RTLParagraph("أ " * 5 + "13,4\u00a0مليار\u00a0د.م. " + LONG, style)
    width, height = para.wrap(150, 1000)
    assert width == 150
    lines = para._lines
    assert height == pytest.approx(12 * len(lines))
    assert all(line.width <= 150 + 1e-6 for line in lines)
    assert any("13,4\u00a0" + shape("مليار") in w for line in lines for w in line.words)
    # Logical order preserved from line to line.
    joined = [unicodedata.normalize("NFKC", w) for line in lines for w in line.words]
    assert joined[-len(LONG_WORDS) :] == LONG_WORDS


def test_hard_line_breaks() -> None:
    para = RTLParagraph("سطر أول\n\nسطر ثالث\n", _style(TA_JUSTIFY, fontSize=10, leading=12))
    _, height = para.wrap(400, 1000)
    assert height == pytest.approx(36)  # three lines: the empty one kept, the final newline not
    assert [len(line.words) for line in para._lines] == [2, 0, 2]
    assert not any(line.justify for line in para._lines)  # each ends its paragraph
    assert RTLParagraph("", _style()).wrap(400, 1000) == (400, 0)


def test_long_word_is_broken_by_characters() -> None:
    word = "ت" * 60
    para = RTLParagraph(f"كلمة {word} أخيرة", _style(fontSize=10, leading=12))
    para.wrap(80, 1000)
    pieces = [w for line in para._lines for w in line.words]
    assert all(line.width <= 80 + 1e-6 for line in para._lines)
    assert len(para._lines) >= 4
    assert unicodedata.normalize("NFKC", "".join(pieces[1:-1])) == word


def test_split_parts_and_spacing() -> None:
    style = _style(fontSize=10, leading=12, spaceBefore=7, spaceAfter=9)
    para = RTLParagraph(LONG, style)
    _, height = para.wrap(200, 1000)
    n = round(height / 12)
    assert n >= 4
    assert para.split(200, 11) == []  # not even one line
    assert para.split(200, 1000) == [para]
    first, second = para.split(200, 2 * 12 + 5)
    assert first.getSpaceBefore() == 7 and first.getSpaceAfter() == 0
    assert second.getSpaceBefore() == 0 and second.getSpaceAfter() == 9
    assert first.wrap(200, 1000)[1] == pytest.approx(24)
    assert second.wrap(200, 1000)[1] == pytest.approx((n - 2) * 12)
    words = [w for part in (first, second) for line in part._lines for w in line.words]
    assert [unicodedata.normalize("NFKC", w) for w in words] == LONG_WORDS
    assert first._lines[-1].justify  # a split line is not the paragraph's last line


def test_min_width_and_text_width() -> None:
    style = _style(fontSize=10)
    para = RTLParagraph("قصير الاستشارية", style)
    assert para.minWidth() == pytest.approx(rtl_text_width("الاستشارية", FONT, 10))
    assert rtl_text_width("\u200f13,4\u200f", FONT, 10) == pytest.approx(
        pdfmetrics.stringWidth("13,4", FONT, 10)
    )


def test_pdf_words_right_to_left_and_joined(tmp_path: Path) -> None:
    """(a) first logical word rightmost; (b) letters joined, read back as standard letters."""
    pdf = tmp_path / "a.pdf"
    doc = _build(pdf, [RTLParagraph("بلغت صادرات الخدمات الرقمية", _style())])
    _, right_edge = _frame_edges(doc)
    (row,) = page_rows(pdf)
    assert row.reading == ["بلغت", "صادرات", "الخدمات", "الرقمية"]
    first = row.words[-1]
    assert first.text == "بلغت" and first.right == pytest.approx(right_edge, abs=0.5)
    # Joined: each letter's ink touches the next one (isolated forms leave ~2 pt gaps).
    ink = first.glyphs
    assert all(b.ink_left - a.ink_right < 0.05 for a, b in itertools.pairwise(ink))
    text = _pdf_text_pages(pdf)[0]  # pypdf reads the ToUnicode maps and reorders the line
    assert not [c for c in text if 0xFB50 <= ord(c) <= 0xFEFF]
    assert "بلغت صادرات الخدمات الرقمية" in text
    for word in ("بلغت", "صادرات", "الخدمات", "الرقمية"):
        assert unicodedata.normalize("NFKC", shape(word)) == word


def test_pdf_mixed_line_numbers_and_brackets(tmp_path: Path) -> None:
    """(c) numbers read left to right, brackets mirrored around "+3,5 %"."""
    pdf = tmp_path / "c.pdf"
    doc = _build(pdf, [RTLParagraph(MIXED, _style())])
    _, right_edge = _frame_edges(doc)
    (row,) = page_rows(pdf)
    assert row.texts == ["2025", "في", "(%", "3,5+)", "درهم", "مليار", "13,4", "الصادرات", "بلغت"]
    assert row.reading[0] == "بلغت"
    assert row.words[-1].right == pytest.approx(right_edge, abs=0.5)
    by_text = {w.text: w for w in row.words}
    number = by_text["13,4"].glyphs
    assert [g.ch for g in sorted(number, key=lambda g: g.left)] == list("13,4")
    year = by_text["2025"].glyphs
    assert [g.ch for g in sorted(year, key=lambda g: g.left)] == list("2025")
    # The bracket pair encloses the percentage: "(" leftmost, ")" rightmost of the group, and the
    # group sits between "درهم" (right) and "في" (left) as in the logical text.
    open_word, close_word = by_text["(%"], by_text["3,5+)"]
    assert open_word.glyphs[0].ch == "(" and close_word.glyphs[-1].ch == ")"
    assert by_text["في"].right < open_word.left < close_word.right < by_text["درهم"].left


def test_pdf_babel_marks_are_not_drawn(tmp_path: Path) -> None:
    pdf = tmp_path / "marks.pdf"
    _build(pdf, [RTLParagraph("القيمة \u200f13,4\u00a0مليار\u00a0د.م.\u200f سنة ٢٠٢٥", _style())])
    (row,) = page_rows(pdf)
    # Reading right to left: القيمة, 13,4, مليار, د.م., سنة, ٢٠٢٥ (Arabic-Indic digits keep LTR).
    assert row.reading[:3] == ["القيمة", "13,4", "مليار"]
    assert row.texts[0] == "٢٠٢٥"
    drawn = "".join(w.visual for w in row.words)
    assert not set(drawn) & {"\u200e", "\u200f", "\u061c"}


def test_pdf_wrapped_paragraph_right_aligned(tmp_path: Path) -> None:
    """(d) several lines: first logical words on the top line, every line flush right."""
    pdf = tmp_path / "d.pdf"
    doc = _build(pdf, [RTLParagraph(LONG, _style())])
    _, right_edge = _frame_edges(doc)
    rows = page_rows(pdf)
    assert len(rows) >= 3
    assert rows[0].reading[:3] == LONG_WORDS[:3]
    assert [w for row in rows for w in row.reading] == LONG_WORDS
    for row in rows:
        assert row.words[-1].right == pytest.approx(right_edge, abs=0.5)
    assert len({round(row.words[0].left) for row in rows}) > 1  # ragged left edge
    baselines = [row.y for row in rows]
    assert all(a - b == pytest.approx(16, abs=0.6) for a, b in itertools.pairwise(baselines))


def test_pdf_justified_paragraph(tmp_path: Path) -> None:
    pdf = tmp_path / "j.pdf"
    style = _style(TA_JUSTIFY, backColor=colors.HexColor("#eef3f8"))
    doc = _build(pdf, [RTLParagraph(LONG + "\n" + "سطر أخير", style)])
    left_edge, right_edge = _frame_edges(doc)
    rows = page_rows(pdf)
    assert [w for row in rows for w in row.reading] == [*LONG_WORDS, "سطر", "أخير"]
    for row in rows:
        assert row.words[-1].right == pytest.approx(right_edge, abs=0.5)
    space = pdfmetrics.stringWidth(" ", FONT, 11)

    def gaps(row: Row) -> list[float]:
        return [b.left - a.right for a, b in itertools.pairwise(row.words)]

    assert len(rows) >= 4
    for row in rows[:-2]:  # justified lines touch both edges, spaces stretched evenly
        assert row.words[0].left == pytest.approx(left_edge, abs=0.5)
        assert min(gaps(row)) >= space - 0.05
        assert max(gaps(row)) - min(gaps(row)) < 0.6  # pdfium boxes: ±0.5 pt on some glyphs
    assert any(min(gaps(row)) > space + 0.5 for row in rows[:-2])
    for row in rows[-2:]:  # last line of each paragraph: natural spaces, flush right
        assert gaps(row) == pytest.approx([space] * len(gaps(row)), abs=0.6)
    assert rows[-1].words[0].left > left_edge + 100


@pytest.mark.parametrize("alignment", [TA_LEFT, TA_CENTER])
def test_pdf_left_and_centre(tmp_path: Path, alignment: int) -> None:
    pdf = tmp_path / "lc.pdf"
    doc = _build(pdf, [RTLParagraph("بلغت صادرات الخدمات", _style(alignment))])
    left_edge, right_edge = _frame_edges(doc)
    (row,) = page_rows(pdf)
    assert row.reading == ["بلغت", "صادرات", "الخدمات"]
    if alignment == TA_LEFT:
        assert row.words[0].left == pytest.approx(left_edge, abs=0.5)
    else:
        middle = (row.words[0].left + row.words[-1].right) / 2
        assert middle == pytest.approx((left_edge + right_edge) / 2, abs=0.5)


def test_pdf_paragraph_split_across_pages(tmp_path: Path) -> None:
    """(e) the paragraph continues, in order, at the top of page 2."""
    pdf = tmp_path / "e.pdf"
    style = _style(spaceBefore=10, spaceAfter=10)
    text = " ".join([LONG] * 3)
    doc = _build(pdf, [Spacer(1, A5[1] - 80 - 12 - 16 * 3), RTLParagraph(text, style)])
    _, right_edge = _frame_edges(doc)
    first_page, second_page = page_rows(pdf, 0), page_rows(pdf, 1)
    assert 2 <= len(first_page) <= 3
    assert len(second_page) >= 3
    words = [w for row in first_page + second_page for w in row.reading]
    assert words == LONG_WORDS * 3
    # Page 2 starts at the top of the frame: no spaceBefore on the continuation.
    top_of_frame = A5[1] - 40 - 6
    assert second_page[0].y == pytest.approx(top_of_frame - 16, abs=3)
    for row in first_page + second_page:
        assert row.words[-1].right == pytest.approx(right_edge, abs=0.5)


def test_pdf_inside_table_cells(tmp_path: Path) -> None:
    """(f) right-aligned inside each cell, wrapping inside the cell."""
    pdf = tmp_path / "f.pdf"
    style = _style(fontSize=9, leading=12)
    label = RTLParagraph("صادرات الخدمات الرقمية حسب القطاع سنة ٢٠٢٥", style)
    value = RTLParagraph("13,4 مليار", _style(fontSize=9, leading=12, fontName=BOLD))
    table = Table([[value, label]], colWidths=[80, 120], hAlign="RIGHT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    doc = _build(pdf, [table])
    _, frame_right = _frame_edges(doc)  # hAlign="RIGHT": the table's right edge
    rows = page_rows(pdf)
    label_rows = [r for r in rows if any(w.left > frame_right - 120 for w in r.words)]
    assert len(label_rows) >= 2  # wrapped inside the 120 pt cell
    label_words = [w.text for r in rows for w in reversed(r.words) if w.left > frame_right - 120]
    assert label_words == ["صادرات", "الخدمات", "الرقمية", "حسب", "القطاع", "سنة", "٢٠٢٥"]
    for r in label_rows:
        right_most = max(w.right for w in r.words if w.left > frame_right - 120)
        assert right_most == pytest.approx(frame_right - 6, abs=0.5)  # cell right padding
    value_words = [w for r in rows for w in r.words if w.right < frame_right - 120]
    assert [w.text for w in reversed(value_words)] == ["13,4", "مليار"]
    assert max(w.right for w in value_words) == pytest.approx(frame_right - 120 - 6, abs=0.5)


def test_pdf_latin_only_text_stays_readable(tmp_path: Path) -> None:
    pdf = tmp_path / "latin.pdf"
    doc = _build(pdf, [RTLParagraph("Source: ITO (2025).", _style())])
    _, right_edge = _frame_edges(doc)
    (row,) = page_rows(pdf)
    assert row.texts == ["Source:", "ITO", "(2025)."]
    assert row.words[-1].right == pytest.approx(right_edge, abs=0.5)
