"""The page renderer's shortcuts give exactly what reportlab's own paths give."""

from __future__ import annotations

import io
import random

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from reports.i18n.rtl import shape
from reports.i18n.text_layer import text_layer_line
from reports.render.fonts import BOLD, REGULAR, register_fonts
from reports.render.pdf import _Paragraph, _plain_frags

TEXTS = [
    "",
    "Exportations de services numériques",
    "  leading and trailing  spaces, double  spaces ",
    "13,4\u00a0Md\u00a0MAD (+8,1\u00a0%) – 2025-H1 ; « ITO » > CRM",
    "tab\tseparated\ttext and a line\nbreak",
    "أرقام الصادرات 13,4 مليار درهم",
    "emoji ☃ and symbols ≈ † ‰ €",
]


def _frags(paragraph: Paragraph) -> list[dict[str, object]]:
    return [dict(vars(frag)) for frag in paragraph.frags]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_plain_paragraphs_have_the_parsers_fragments(text: str, font: str) -> None:
    """Text without markup skips ``html.parser``: the same fragments, text and style as
    reportlab's markup parser makes of it."""
    register_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, alignment=TA_JUSTIFY)
    ours, theirs = _Paragraph(text, style), Paragraph(text, style)
    assert _frags(ours) == _frags(theirs)
    assert ours.text == theirs.text and ours.style is theirs.style
    assert ours.wrap(200, 800) == theirs.wrap(200, 800)


def test_markup_is_still_parsed() -> None:
    register_fonts()
    style = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13)
    for text in ("a<br/>b", "R&amp;D &lt;x&gt;", "<b>bold</b> text"):
        assert _frags(_Paragraph(text, style)) == _frags(Paragraph(text, style))
    assert _plain_frags("plain", style) is not None


def _texts(seed: int) -> list[str]:
    """Words of the briefs' scripts in random order: Latin, French, Arabic shaped and with its
    text-layer codes, digits, no-break spaces, a character no font has."""
    rng = random.Random(seed)
    words = [*" ".join(TEXTS).split(), "\u00a0", "\U0010fff0", "\u0378", "x" * 40]
    words += text_layer_line(shape("(الصادرات) 2030. «ITO»")).split()
    pool = "".join(chr(c) for c in range(0x20, 0x250)) + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    out = []
    for _ in range(400):
        if rng.random() < 0.2:
            out.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 30))))
        else:
            out.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_split_string_matches_reportlab(seed: int) -> None:
    """Every text, in order, splits into the same subsets and bytes as reportlab's own loop,
    over several subsets (more than 256 characters); the documents end with the same subsets."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    ours, theirs = Canvas(io.BytesIO())._doc, Canvas(io.BytesIO())._doc
    for text in _texts(seed):
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs), text
    assert font.state[ours].subsets == font.state[theirs].subsets
    assert len(font.state[ours].subsets) > 1
    assert len(font.state[ours]._first_subset.known) > 100  # the shortcut was taken


def test_string_widths_are_reportlabs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widths kept per text and size are reportlab's, text-layer codes included, first time and
    later; the kept widths are bounded."""
    import reports.render.fonts as fonts

    register_fonts()
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        for text in ["", *_texts(4)[:150]]:
            for size in (7.5, 9, 9.5):
                first = font.stringWidth(text, size)
                assert font.stringWidth(text, size) == first
                assert first == TTFont.stringWidth(font, text, size), text
    monkeypatch.setattr(fonts, "_MAX_WIDTHS", 5)
    font = pdfmetrics.getFont(REGULAR)
    monkeypatch.setitem(vars(font), "_widths", {})
    for n in range(20):
        assert font.stringWidth("x" * n, 9) == TTFont.stringWidth(font, "x" * n, 9)
        assert len(vars(font)["_widths"]) <= 5
