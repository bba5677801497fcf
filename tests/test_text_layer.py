"""The Arabic text layer: every extractor gets standard letters (U+06xx) in logical order.

The page draws shaped glyphs (presentation forms); the fonts' ToUnicode maps say which standard
letters each glyph shows. Checked three ways: the maps themselves (pypdf), PDFium's text, poppler's
``pdftotext`` where it is installed.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from reports.render.fonts import glyph_text, to_unicode_cmap

PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
# Words with a lam-alef ligature (ﻷ in الأول, ﻻ in لا) and plain words, as a reader types them.
EXPECTED = [
    "النصف الأول من 2025",
    "لا يفصل المصدر سوى",
    "صادرات الخدمات الرقمية",
    "الأخيرة",
    "الحصة من مجموع الصادرات",  # a chart's title
]


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
    document = pdfium.PdfDocument(brief_ar_h1)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert not PRESENTATION.search(text)
    for phrase in EXPECTED:
        assert phrase in text, phrase


def test_poppler_extracts_standard_arabic_in_logical_order(
    brief_ar_h1: bytes, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "brief.pdf"
    path.write_bytes(brief_ar_h1)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    # pdftotext wraps right-to-left lines and embedded Latin runs in directional marks.
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", out).replace("\u00a0", " ")
    assert not PRESENTATION.search(text)
    letters = re.findall("[\u0600-\u06ff]", text)
    assert len(letters) > 1000
    for phrase in EXPECTED:
        assert phrase in text, phrase
