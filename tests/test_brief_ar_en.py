"""Arabic and English briefs: complete, and Arabic laid out right to left for real."""

from __future__ import annotations

import io

import pypdf
import pytest
from conftest import pdf_text, placed_words, reading_line

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief


def test_arabic_document_properties(brief_ar_h1: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(brief_ar_h1))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ar"
    assert root["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.startswith("صادرات الخدمات الرقمية")
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[0] == "الصادرات حسب القطاع الفرعي، النصف الأول من\u00a02025"  # logical, unshaped
    assert outline[-1] == "المنهجية والمصادر"


def test_arabic_text_is_shaped(brief_ar_h1: bytes) -> None:
    """The PDF draws joined letters (several glyphs per letter: its contextual forms), and a
    lam-alef ligature; all of them read back as the standard letters."""
    from test_text_layer import _cmaps

    page_fonts = {k: v for k, v in _cmaps(brief_ar_h1).items() if "AAAAA" in k}
    codes_per_text: dict[str, int] = {}
    for cmap in page_fonts.values():
        for text in cmap.values():
            codes_per_text[text] = codes_per_text.get(text, 0) + 1
    assert codes_per_text["\u0644"] >= 3  # lam: isolated/initial/medial/final glyphs
    assert "\u0627\u0644" in codes_per_text  # the lam-alef ligature glyph
    words = {w[3] for w in placed_words(brief_ar_h1, 0)}
    assert {"صادرات", "الخدمات", "الرقمية", "المغرب"} <= words


def test_arabic_lines_read_right_to_left(brief_ar_h1: bytes) -> None:
    words = placed_words(brief_ar_h1, 0)
    assert reading_line(words, "الترحيل", rtl=True) == [
        "صادرات",
        "الخدمات",
        "الرقمية",
        "وخدمات",
        "الترحيل",
    ]
    # The heading sits flush right: its first word ends at the right margin (A4 - 20 mm).
    heading = next(w for w in words if w[3] == "صادرات")
    assert heading[2] == pytest.approx(595.27 - 56.69, abs=2.0)


def test_arabic_numbers_stay_left_to_right_in_place(brief_ar_h1: bytes) -> None:
    page2 = placed_words(brief_ar_h1, 1)
    line = reading_line(page2, "ارتفاعا", rtl=True)  # the narrative's first line
    i = line.index("13.4")  # digits kept in order, as one number
    assert line[i + 1] == "مليار"  # the amount comes before its unit in reading order
    # A signed rate inside Arabic prose keeps its sign on the left of the digits, as in tables.
    page3 = placed_words(brief_ar_h1, 2)
    signed = [w[3] for w in page3 if "3.5%" in w[3] or "3.9%" in w[3]]
    assert sorted(s.strip(".") for s in signed) == ["+3.5%", "+3.9%"], signed


def test_arabic_key_figures_and_table_are_mirrored(brief_ar_h1: bytes) -> None:
    words = placed_words(brief_ar_h1, 0)
    # Key figures read from the right: total, then growth, then jobs.
    y = next(w[0] for w in words if w[3] == "141,000")
    x = {w[3]: w[1] for w in words if abs(w[0] - y) < 1.0}
    assert x["13.4"] > x["+3.5%"] > x["141,000"]
    # Table: the segment column is the rightmost, the growth column the leftmost.
    eso = next(w for w in words if w[3] == "2,500")
    row = {w[3]: w[1] for w in words if abs(w[0] - eso[0]) < 1.0}
    eso_label = next(x for word, x in row.items() if "ESO" in word)
    assert eso_label > row["2,500"] > row["18.7%°"]
    total = next(w for w in words if w[3] == "13,400")
    row = {w[3]: w[1] for w in words if abs(w[0] - total[0]) < 1.0}
    assert row["المجموع"] > row["13,400"] > row["100.0%"] > row["+3.5%"]
    footer_y = min(w[0] for w in words if w[3] == "الصفحة")
    footer = sorted((w for w in words if abs(w[0] - footer_y) < 1.0), key=lambda w: -w[1])
    assert [w[3] for w in footer][-4:] == ["الصفحة", "1", "من", "3"]  # reading order, at the left


def test_arabic_indic_digits(dataset: Dataset) -> None:
    pdf = build_brief(dataset, Period.parse("2025-H1"), "ar_MA", digits="arab")
    text = "\n".join(pdf_text(pdf))
    assert "١٣٫٤" in text and "١٤١٬٠٠٠" in text
    assert "13,4" not in text.split("Office des Changes")[0]


def test_english_brief(dataset: Dataset) -> None:
    pdf = build_brief(dataset, Period.parse("2024"), "en")
    text = " ".join(pdf_text(pdf)).replace("\n", " ")
    for expected in ["MAD 26.2B", "26,219", "40.3%", "+0.2%", "+7.1%", "-38%°", "141,000",
                     "$2.8B", "What the figures say", "Methodology and sources"]:  # fmt: skip
        assert expected in text, expected
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en"
