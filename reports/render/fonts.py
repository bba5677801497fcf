"""The one font family of every brief: DejaVu Sans (Latin, Arabic, presentation forms), embedded.

It ships with matplotlib, so the charts and the page share the same face and nothing is fetched.

Arabic is drawn as presentation forms (shaped glyphs, see :mod:`reports.i18n.rtl`). The font's
ToUnicode map, which text extractors, search and copy-paste read, maps each such glyph back to the
standard letters it shows (U+06xx), so every extractor gets ordinary Arabic text rather than U+FExx
forms. Glyphs are drawn in visual order and extractors (poppler, PDFium) put a right-to-left line
back in logical order character by character, so a lam-alef ligature's two letters are given in
visual order too (alef, lam): they read back as lam + alef.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from reports.i18n.rtl import is_rtl_text, standard_text

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_BFCHAR_BLOCK = 100  # at most 100 entries per beginbfchar block (PDF reference, 5.9.2)


def font_path(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FILES[name]


def glyph_text(character: str) -> str:
    """What a drawn character reads as: standard letters; an RTL ligature's in visual order."""
    text = standard_text(character)
    return text[::-1] if len(text) > 1 and is_rtl_text(text) else text


def to_unicode_cmap(name: str, characters: list[int]) -> str:
    """A ToUnicode CMap for one font subset: code ``i`` draws ``characters[i]`` and reads as
    :func:`glyph_text` of it."""
    entries = []
    for code, cp in enumerate(characters):
        text = glyph_text(chr(cp))
        utf16 = text.encode("utf-16-be").hex().upper()
        entries.append(f"<{code:02X}> <{utf16}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{max(len(characters) - 1, 0):02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), _BFCHAR_BLOCK):
        block = entries[start : start + _BFCHAR_BLOCK]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class StandardTextTTFont(TTFont):
    """reportlab's subsetting TrueType font, with a ToUnicode map to standard Arabic letters."""

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        face = self.face
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = to_unicode_cmap(base, subset)


def register_fonts() -> None:
    """Register the family with reportlab (idempotent)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(StandardTextTTFont(name, str(font_path(name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
