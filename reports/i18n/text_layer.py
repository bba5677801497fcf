"""What text extractors read back from a right-to-left line drawn in visual order.

A PDF draws a right-to-left line's glyphs left to right, mirrored brackets included; each
extractor rebuilds the logical order with a heuristic of its own, and they disagree:

- poppler (``pdftotext``, Evince, Okular) reverses each run of characters that are neither Latin
  nor digits, and keeps the other runs left to right; a neutral character (space, bracket, full
  stop, comma) joins the run on its right; it never mirrors anything.
- PDFium (Chrome, pypdfium2) splits the line into runs of right-to-left letters, left-to-right
  letters, digits and separators, and neutrals; it reverses the right-to-left runs, and the neutral
  runs that come after one, and mirrors what it reverses.

So a mirrored bracket cannot read right in both from its glyph alone (poppler needs its logical
character, PDFium the one drawn), and punctuation next to a Latin word or a number lands on the
wrong side of it ("2030." read ".2030"). The glyphs stay as they are; only what they *read as*
(the font's ToUnicode map) changes, with invisible directional marks:

1. a bracket drawn mirrored reads as its logical character followed by LRM (a left-to-right run of
   its own, which neither extractor reverses or mirrors), with RLM on a side whose neighbour is not
   an Arabic letter (so that the run stays its own);
2. a separator read as part of a number by poppler (full stop, comma, colon, Arabic comma, %,
   plus and minus signs) between right-to-left words is fenced the same way with RLM, so that it
   does not take the space beside it along into a left-to-right run ("الصرف ،كما");
3. the outer glyphs of a left-to-right run (Latin words, numbers) inside a right-to-left line read
   with RLM on their outer side where the neighbour is not an Arabic letter, so that the spaces and
   punctuation around the run stay in the right-to-left text, where they belong; a run that ends
   (on its right) with a neutral character, as in "L'Economiste (2025)", gets LRM after it, so that
   poppler keeps that character in the run.

Such a glyph is drawn with a code point of the Supplementary Private Use Areas (planes 15 and 16)
that encodes its character and marks (:func:`encode`, :func:`decode`); the fonts draw the
character's glyph for it (mirrored for case 1) and map it to its text. Extracted text therefore
holds LRM/RLM marks around brackets and Latin runs: invisible, and what a bidi-aware editor
would insert.

Each kind of mark is needed (measured on Arabic briefs, session 5, each kind left out in turn):
without the RLM before a run, poppler reads "13.4مليار" and "الرقمية ،النصف" and PDFium
"(ESO )2,500"; without the LRM of a mirrored bracket PDFium reads ")2023("; without the LRM
ending a run, poppler reads "†≈ +17%" and "و)L'Economiste (20/10/2025"; the RLM after a run
changes only pypdf (which then reads "3 الصفحة 1 من"). pdfminer.six reads right-to-left lines
in drawing order, marks or not; pypdf has no bidi and joins Arabic words: neither reads an
Arabic brief well, whatever the marks.

This module deliberately does not import reportlab.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from bidi.mirror import MIRRORED

from reports.i18n.rtl import BIDI_CONTROLS, line_order, to_visual

__all__ = ["decode", "encode", "text_layer_line"]

RLM = "\u200f"
LRM = "\u200e"
_BASE = 0xF0000  # planes 15 and 16: 12 variants of 0x2800 code points, up to U+10E000
_SPAN = 0x2800  # characters encoded: below U+2800
_BEFORE, _AFTER, _LTR, _MIRRORED = 1, 2, 4, 8  # _LTR and _MIRRORED exclude each other
_STRONG_RTL = frozenset(("R", "AL"))
_WEAK = frozenset(("EN", "AN", "ES", "ET", "CS"))  # number-like to poppler
_NOT_NEUTRAL = _STRONG_RTL | _WEAK | {"L", "NSM"}
_RUN = frozenset(("L", "EN", "AN"))  # what makes a left-to-right run to poppler


def _noncharacter(code: int) -> bool:
    return (code & 0xFFFE) == 0xFFFE


def encode(character: str, *, before: bool, after: bool, ltr: bool, mirrored: bool) -> str:
    """The code point drawn for ``character`` reading as itself with RLM ``before`` / ``after``
    it and, if ``ltr`` or ``mirrored``, LRM right after it (``mirrored``: drawn with the mirrored
    glyph); the character itself when there is nothing to add."""
    kind = _MIRRORED if mirrored else _LTR if ltr else 0
    variant = (_BEFORE if before else 0) | (_AFTER if after else 0) | kind
    code = _BASE + variant * _SPAN + ord(character)
    if (
        not variant
        or ord(character) >= _SPAN
        or (mirrored and character not in MIRRORED)
        or _noncharacter(code)
    ):
        return character
    return chr(code)


def decode(code: int) -> tuple[str, str] | None:
    """(character whose glyph is drawn, text it reads as) for a code of :func:`encode`, or None."""
    variant, base = divmod(code - _BASE, _SPAN)
    if code < _BASE + _SPAN or variant >= 12 or _noncharacter(code):
        return None
    character = chr(base)
    if variant & _MIRRORED:
        if character not in MIRRORED:
            return None
        drawn, text = MIRRORED[character], character + LRM
    else:
        drawn, text = character, character + (LRM if variant & _LTR else "")
    return drawn, (RLM if variant & _BEFORE else "") + text + (RLM if variant & _AFTER else "")


def text_layer_line(line: str, rtl: bool = True, *, in_rtl_page: bool = False) -> str:
    """:func:`reports.i18n.rtl.to_visual` of ``line`` (shaped, ONE line), with the glyphs that
    need marks in the text layer replaced by their :func:`encode` code points: the same glyphs,
    one code point each, so it splits on spaces exactly as the visual line does.

    A left-to-right line on a right-to-left page (``in_rtl_page``: a number or a Latin cell of an
    Arabic table) is read by poppler as a run inside right-to-left text: a neutral character
    ending it ("≈ +17 %†") gets LRM after it, so that it stays at the end of the run. A line of
    neutral characters only ("—", a bullet) has no run to stay in: it gets no mark (poppler reads
    it the same; PDFium glued a marked one to its neighbour, "—+3.5%").
    """
    if not line:
        return line
    if rtl:
        return _text_layer_cached(line)
    visual = to_visual(line, False)
    if not in_rtl_page or not visual or visual[-1].isspace():
        return visual
    if unicodedata.bidirectional(visual[-1]) in _NOT_NEUTRAL:
        return visual
    if not any(unicodedata.bidirectional(ch) in _RUN for ch in visual):
        return visual  # no run to keep it in ("—", a bullet): LRM would only glue it to a neighbour
    last = encode(visual[-1], before=False, after=False, ltr=True, mirrored=False)
    return visual[:-1] + last


@lru_cache(maxsize=4096)
def _text_layer_cached(line: str) -> str:
    order, levels = line_order(line, True)
    kept = [i for i in order if line[i] not in BIDI_CONTROLS and levels[i] is not None]
    chars = [line[i] for i in kept]
    odd = [(levels[i] or 0) % 2 == 1 for i in kept]
    strong = [unicodedata.bidirectional(ch) in _STRONG_RTL for ch in chars]
    space = [ch.isspace() for ch in chars]
    drawn = [MIRRORED.get(ch, ch) if o else ch for ch, o in zip(chars, odd, strict=True)]
    out = list(drawn)
    n = len(chars)
    before, after = [False] * n, [False] * n
    for k in range(n):
        mirrored = drawn[k] != chars[k]
        weak = not space[k] and unicodedata.bidirectional(chars[k]) in _WEAK
        if not odd[k] or not (mirrored or weak):
            continue
        # 1. A mirrored bracket: its own left-to-right run; 2. a separator; fenced where needed.
        before[k] = k == 0 or not strong[k - 1]
        after[k] = k == n - 1 or not strong[k + 1]
        out[k] = encode(chars[k], before=before[k], after=after[k], ltr=False, mirrored=mirrored)
    k = 0
    while k < n:  # 3. left-to-right runs (even levels): fence their outer glyphs
        if odd[k]:
            k += 1
            continue
        end = k
        while end + 1 < n and not odd[end + 1]:
            end += 1
        first, last = k, end
        while first <= last and space[first]:
            first += 1
        while last >= first and space[last]:
            last -= 1
        if first <= last:
            if k > 0 and not strong[k - 1]:
                before[first] = True
            ltr = end < n - 1 and unicodedata.bidirectional(chars[last]) not in _NOT_NEUTRAL
            if end < n - 1 and not strong[end + 1]:
                after[last] = True
            for j in {first, last}:
                out[j] = encode(
                    chars[j],
                    before=before[j],
                    after=after[j],
                    ltr=ltr and j == last,
                    mirrored=False,
                )
        k = end + 1
    return "".join(out)
