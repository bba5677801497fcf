"""Right-to-left text: the single seam between logical Unicode and what a PDF canvas draws.

reportlab draws glyphs strictly left to right and does no shaping or bidi of its own here (its RTL
path needs ``rlbidi``, which is not on PyPI). Arabic therefore goes through two steps:

1. :func:`shape` — arabic-reshaper turns letters into their contextual presentation forms, still in
   *logical* order. Line breaking must happen on this shaped, logical text.
2. :func:`to_visual` — the Unicode bidi algorithm (UAX #9), applied to ONE line at a time with a
   right-to-left base direction, gives the visual (left-to-right drawing) order, with mirrored
   brackets.

Never reorder a whole paragraph before breaking it into lines: the lines come out in reverse order.

Bidi implementation (python-bidi 0.6.12, pinned): the resolved embedding levels come from its
compiled implementation (the Rust ``unicode-bidi`` crate: explicit levels with isolates, weak and
neutral types, bracket pairs N0), read from its ``debug`` output. That binding's own ``get_display``
neither mirrors brackets nor exposes the order, so :func:`visual_order` applies the line rules
itself: L1 (trailing whitespace and isolate controls back to the paragraph level), L2 (reversal of
runs), and L4 (mirrored glyphs, in :func:`to_visual`). The result is tested against Unicode's own
``BidiCharacterTest.txt`` (``tests/data``), every case.

This module deliberately does not import reportlab.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from bidi.bidi import get_display_inner as _get_display_inner
from bidi.mirror import MIRRORED

__all__ = [
    "BIDI_CONTROLS",
    "is_rtl_text",
    "line_order",
    "shape",
    "standard_text",
    "strip_bidi_controls",
    "to_visual",
    "visual_line",
    "visual_order",
]

#: Invisible directional marks and controls. They steer the bidi algorithm but must not be drawn
#: (fonts either lack them, e.g. ALM in DejaVu Sans, or map them to zero-width glyphs).
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c"  # LRM, RLM, ALM (babel inserts these around numbers)
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)
_STRIP_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))
# Marks that are bidi-strong but carry no script: they do not make a text right-to-left.
_MARKS = frozenset("\u200e\u200f\u061c")
# R/AL: Hebrew and Arabic letters (and their presentation forms); AN: Arabic-Indic digits & co.
_RTL_CLASSES = frozenset(("R", "AL", "AN"))

# Arabic letters that arabic-reshaper turns into presentation forms (basic block + supplements).
_ARABIC_LETTER_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    """One immutable configuration for the whole process, made at the first Arabic text (a French
    brief never pays for it). The "Allah" word ligature (U+FDF2) is switched off: DejaVu Sans has
    no glyph for it and reportlab has no glyph fallback. Lam-alef ligatures stay."""
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})


def is_rtl_text(text: str) -> bool:
    """True if ``text`` holds right-to-left content: Arabic/Hebrew letters or Arabic-Indic digits.

    Directional marks alone (RLM, ALM) do not count: babel wraps Latin-digit numbers in them.
    """
    if text.isascii():
        return False
    bidirectional = unicodedata.bidirectional
    return any(bidirectional(ch) in _RTL_CLASSES for ch in text if ch not in _MARKS)


def _has_arabic_letters(text: str) -> bool:
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _ARABIC_LETTER_RANGES)


def shape(text: str) -> str:
    """Arabic letters -> contextual presentation forms (lam-alef ligatures), in LOGICAL order.

    Text without Arabic letters (Latin, digits, Hebrew) is returned unchanged. Harakat are dropped
    (reportlab cannot position combining marks). Spaces, digits, punctuation and bidi marks pass
    through, so the result can be broken into lines on spaces.
    """
    if text.isascii() or not _has_arabic_letters(text):
        return text
    return _shaped(text)


@lru_cache(maxsize=8192)
def _shaped(text: str) -> str:
    """Reshaping is slow per character and briefs repeat their phrases: cached."""
    return str(_reshaper().reshape(text))


def standard_text(text: str) -> str:
    """Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) back to the standard letters they
    show, in logical order (a lam-alef ligature is lam then alef); everything else unchanged.

    What a PDF's ToUnicode map should say a shaped glyph is, so that text extraction, search and
    copy-paste see ordinary Arabic.
    """
    return "".join(
        unicodedata.normalize("NFKC", ch)
        if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF
        else ch
        for ch in text
    )


def strip_bidi_controls(text: str) -> str:
    """Remove LRM/RLM/ALM and the embedding/override/isolate controls."""
    return text.translate(_STRIP_TABLE)


def to_visual(line: str, rtl: bool = True) -> str:
    """Reorder ONE already-shaped line into visual order (the order a canvas draws, left to right).

    ``rtl`` is the base (paragraph) direction: True for Arabic paragraphs; pass False for a line of
    a left-to-right paragraph. Characters resolved right-to-left are mirrored (``(`` <-> ``)``),
    Latin words and numbers (``13,4``, ``26.219,5``, ``٢٦٬٢١٩٫٥``) stay readable left to right,
    and bidi controls are removed from the result. Leading/trailing spaces are kept as given.
    """
    if not line:
        return line
    if not rtl and line.isascii():
        return line
    return _to_visual_cached(line, rtl)


def visual_line(text: str, rtl: bool | None = None) -> str:
    """Shape + reorder a single line (footer, table cell, short label) for drawing.

    ``rtl=None`` picks right-to-left when the text contains RTL content (see :func:`is_rtl_text`);
    pure Latin text then stays as it is (minus bidi marks).
    """
    if rtl is None:
        rtl = is_rtl_text(text)
    return to_visual(shape(text), rtl)


# --------------------------------------------------------------------------------------------------
# Bidi: levels from the compiled UBA, then the line rules L1, L2 and L4.
# --------------------------------------------------------------------------------------------------

# Characters removed by rule X9: they get no level and are not drawn.
_REMOVED_BY_X9 = frozenset(("RLE", "LRE", "RLO", "LRO", "PDF", "BN"))
# Reset to the paragraph level by rule L1 when they end a line (or precede a separator).
_TRAILING = frozenset(("WS", "FSI", "LRI", "RLI", "PDI"))
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_PARAGRAPH_LEVEL = re.compile(r"ParagraphInfo \{\s*range: \d+\.\.\d+,\s*level: Level\(\s*(\d+)")


def resolved_levels(text: str, rtl: bool | None) -> tuple[list[int], list[int]]:
    """Per character, the embedding level the UBA resolves (before L1); and each paragraph's level.

    ``rtl`` is the base direction (None: from the first strong character, rules P2-P3).
    """
    debug = str(_get_display_inner(text, None if rtl is None else ("R" if rtl else "L"), True))
    start = debug.find("levels: [")
    end = debug.find("paragraphs:", start)
    if start < 0 or end < 0:
        raise RuntimeError("unexpected python-bidi debug output: is python-bidi 0.6.12 installed?")
    per_byte = [int(level) for level in _LEVEL.findall(debug, start, end)]
    paragraphs = [int(level) for level in _PARAGRAPH_LEVEL.findall(debug, end)]
    levels: list[int] = []
    offset = 0
    for ch in text:
        levels.append(per_byte[offset] if offset < len(per_byte) else 0)
        offset += len(ch.encode("utf-8"))
    if offset != len(per_byte) or (text and not paragraphs):
        raise RuntimeError("python-bidi levels do not match the text (unexpected version?)")
    return levels, paragraphs


def visual_order(text: str, rtl: bool | None = True) -> tuple[list[int], list[int | None]]:
    """UAX #9 for one line per paragraph: indices of ``text`` in visual (left-to-right) order, and
    each character's level after rule L1 (``None`` for characters removed by rule X9).
    """
    levels, paragraph_levels = resolved_levels(text, rtl)
    classes = [unicodedata.bidirectional(ch) for ch in text]
    final: list[int | None] = [None] * len(text)
    order: list[int] = []
    start = paragraph = 0
    for i in range(len(text) + 1):
        if i < len(text) and classes[i] != "B":
            continue
        end = min(i + 1, len(text))
        base = paragraph_levels[min(paragraph, len(paragraph_levels) - 1)] if text else 0
        paragraph += 1
        kept = [j for j in range(start, end) if classes[j] not in _REMOVED_BY_X9]
        trailing = True  # L1: from the end of the line and before each separator
        for j in reversed(kept):
            kind = classes[j]
            if kind in ("S", "B"):
                final[j], trailing = base, True
            elif kind in _TRAILING and trailing:
                final[j] = base
            else:
                final[j] = levels[j]
                trailing = False
        order += _reverse_runs(kept, final)
        start = end
    return order, final


def _reverse_runs(indices: list[int], levels: list[int | None]) -> list[int]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run at or above."""
    if not indices:
        return []
    values = [levels[j] or 0 for j in indices]
    seq = list(range(len(indices)))
    lowest_odd = min(values) | 1
    for level in range(max(values), lowest_odd - 1, -1):
        k = 0
        while k < len(seq):
            if values[seq[k]] >= level:
                m = k
                while m < len(seq) and values[seq[m]] >= level:
                    m += 1
                seq[k:m] = seq[k:m][::-1]
                k = m
            else:
                k += 1
    return [indices[k] for k in seq]


@lru_cache(maxsize=4096)
def line_order(line: str, rtl: bool) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
    """:func:`visual_order` of one line, cached: the drawing and the text layer
    (:mod:`reports.i18n.text_layer`) of a line both need it."""
    order, levels = visual_order(line, rtl)
    return tuple(order), tuple(levels)


@lru_cache(maxsize=4096)
def _to_visual_cached(line: str, rtl: bool) -> str:
    order, levels = line_order(line, rtl)
    # L4: a character resolved right to left is drawn with its mirrored glyph ("(" <-> ")").
    drawn = [MIRRORED.get(line[i], line[i]) if (levels[i] or 0) % 2 else line[i] for i in order]
    return strip_bidi_controls("".join(drawn))
