"""Fonts of a brief: DejaVu Sans by default (Latin, Arabic, presentation forms), or the brand's
house typeface (``[brand] font``); always embedded.

It ships with matplotlib, so the charts and the page share the same face and nothing is fetched.

Arabic is drawn as presentation forms (shaped glyphs, see :mod:`reports.i18n.rtl`). The font's
ToUnicode map, which text extractors, search and copy-paste read, maps each such glyph back to the
standard letters it shows (U+06xx), so every extractor gets ordinary Arabic text rather than U+FExx
forms. Glyphs are drawn in visual order and extractors (poppler, PDFium) put a right-to-left line
back in logical order character by character, so a lam-alef ligature's two letters are given in
visual order too (alef, lam): they read back as lam + alef.

A right-to-left line may also draw code points of :mod:`reports.i18n.text_layer` (mirrored
brackets, the edges of Latin runs): the fonts draw the glyph of the character each one encodes and
map it to the text it encodes (the character with its directional marks).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFile

from reports.errors import TemplateError
from reports.i18n.rtl import is_rtl_text, standard_text
from reports.i18n.text_layer import decode

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_BFCHAR_BLOCK = 100  # at most 100 entries per beginbfchar block (PDF reference, 5.9.2)
_ENCODED = 0xF0000  # text-layer codes (reports.i18n.text_layer) start here
_MAX_WIDTHS = 1 << 16  # widths kept per font


def font_path(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FILES[name]


@lru_cache(maxsize=4096)
def glyph_text(character: str) -> str:
    """What a drawn character reads as: standard letters; an RTL ligature's in visual order; a
    text-layer code, the text it encodes."""
    decoded = decode(ord(character)) if ord(character) >= _ENCODED else None
    if decoded is not None:
        return decoded[1]
    text = standard_text(character)
    return text[::-1] if len(text) > 1 and is_rtl_text(text) else text


@lru_cache(maxsize=4096)
def _utf16(cp: int) -> str:
    """:func:`glyph_text` of a code point in UTF-16BE hex, as a CMap writes it (cached: every
    brief maps the same few hundred characters)."""
    return glyph_text(chr(cp)).encode("utf-16-be").hex().upper()


def to_unicode_cmap(name: str, characters: list[int]) -> str:
    """A ToUnicode CMap for one font subset: code ``i`` draws ``characters[i]`` and reads as
    :func:`glyph_text` of it."""
    entries = [f"<{code:02X}> <{_utf16(cp)}>" for code, cp in enumerate(characters)]
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


class _FirstSubset:
    """The characters of one document that draw from a font's first subset (a byte each), as
    reportlab assigned them: what ``splitString`` gives for a text of those characters only,
    ``[(0, bytes)]``, as one ``str.translate`` instead of reportlab's loop over characters.
    Assignments never change once made, so what is learned stays true for the document."""

    def __init__(self) -> None:
        self.codes: dict[int, str] = {}  # character -> its byte in subset 0, as a str
        self.known: set[str] = set()

    def learn(self, text: str, assignments: dict[int, int], glyphs: Any) -> None:
        for ch in set(text).difference(self.known):
            code = 32 if ch == "\u00a0" else ord(ch)  # reportlab draws a no-break space as one
            if code in assignments:
                n = assignments[code]
            elif code not in glyphs:
                n = 0  # no glyph: .notdef
            else:
                continue
            if n < 256:
                self.codes[ord(ch)] = chr(n)
                self.known.add(ch)


class StandardTextTTFont(TTFont):
    """reportlab's subsetting TrueType font, with a ToUnicode map to standard Arabic letters, that
    draws the text-layer codes of :mod:`reports.i18n.text_layer` with their characters' glyphs."""

    def _add_codes(self, text: str) -> None:
        seen: set[str] | None = self.__dict__.get("_seen")
        if seen is None:
            seen = self.__dict__["_seen"] = set()
        new = set(text).difference(seen)
        if not new:
            return
        seen |= new
        face = self.face
        for ch in new:
            code = ord(ch)
            if code < _ENCODED or code in face.charToGlyph:
                continue
            decoded = decode(code)
            drawn = ord(decoded[0]) if decoded is not None else 0
            if drawn in face.charToGlyph:
                face.charToGlyph[code] = face.charToGlyph[drawn]
                face.charWidths[code] = face.charWidths.get(drawn, face.defaultWidth)

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        """reportlab's width, kept per text and size: paragraphs measure every word, and words
        repeat. A width depends on nothing else (a text-layer code's glyph width is given to the
        font once, at its first use, before its width is taken)."""
        widths: dict[tuple[str, float], float] | None = self.__dict__.get("_widths")
        if widths is None:
            widths = self.__dict__["_widths"] = {}
        width = widths.get((text, size))
        if width is None:
            if text and max(text) >= "\U000f0000":
                self._add_codes(text)
            width = float(super().stringWidth(text, size, encoding))
            if len(widths) >= _MAX_WIDTHS:
                widths.clear()
            widths[(text, size)] = width
        return width

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> Any:
        if not isinstance(text, str):
            return super().splitString(text, doc, encoding)
        if text and max(text) >= "\U000f0000":
            self._add_codes(text)
        state = self.state.get(doc)
        first: _FirstSubset | None = getattr(state, "_first_subset", None)
        if first is not None and first.known.issuperset(text):
            return [(0, text.translate(first.codes).encode("latin-1"))] if text else []
        parts = super().splitString(text, doc, encoding)
        state = self.state.get(doc)
        if state is not None and isinstance(getattr(state, "assignments", None), dict):
            if first is None:
                first = state._first_subset = _FirstSubset()
            first.learn(text, state.assignments, self.face.charToGlyph)
        return parts

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


_HOUSE: dict[str, str] = {}  # registered house font name -> its file


def face_path(name: str) -> Path:
    """The TrueType file of a registered face (default or house font)."""
    return Path(_HOUSE[name]) if name in _HOUSE else font_path(name)


def _name(path: str) -> str:
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]
    return f"House-{Path(path).stem}-{digest}"


def register_house_font(regular: str, bold: str) -> tuple[str, str]:
    """Register a house typeface (TTF paths); returns its (regular, bold) names."""
    names = []
    registered = set(pdfmetrics.getRegisteredFontNames())
    for path in (regular, bold or regular):
        name = _name(path)
        if name not in registered:
            try:
                pdfmetrics.registerFont(StandardTextTTFont(name, path))
            except Exception as exc:
                raise TemplateError(f"[brand] font {path}: cannot be used ({exc})") from exc
        _HOUSE[name] = path
        names.append(name)
    addMapping(names[0], 0, 0, names[0])
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 1, names[0])
    addMapping(names[0], 1, 1, names[1])
    return names[0], names[1]


@lru_cache(maxsize=8)
def _covered(path: str) -> frozenset[int]:
    return frozenset(TTFontFile(path).charToGlyph)


def check_coverage(path: str, texts: Iterable[str]) -> None:
    """TemplateError naming the font and the characters it cannot draw, if any."""
    covered = _covered(path)
    missing = sorted(
        {ch for text in texts for ch in text if ord(ch) not in covered and ch.isprintable()}
        - {" ", "\u00a0", "\u202f"}
    )
    if missing:
        shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:8])
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        raise TemplateError(
            f"[brand] font {path} has no glyph for {shown}{more}: choose a font that covers "
            "this language, or give this language its own font (a [brand.font] table keyed by "
            'language; "" keeps the default font)'
        )
