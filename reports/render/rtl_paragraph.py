"""A platypus flowable for right-to-left (Arabic) paragraphs.

reportlab's own RTL path does not work without ``rlbidi`` (not on PyPI), so this flowable does the
work itself: shape the logical text (:func:`reports.i18n.rtl.shape`), break the SHAPED LOGICAL text
into lines with reportlab's font metrics, then reorder each line on its own
(:func:`reports.i18n.rtl.to_visual`) and draw it right-aligned, centred, left-aligned or justified,
with the codes that make it read back in logical order (:mod:`reports.i18n.text_layer`).

The text is plain Unicode, not reportlab markup ("R&D" and "<" are drawn as they are); ``\\n`` is a
hard line break. One font and colour per paragraph (the style's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable

from reports.i18n.rtl import is_rtl_text, shape, strip_bidi_controls
from reports.i18n.text_layer import text_layer_line

__all__ = ["RTLParagraph", "rtl_text_width"]

_FUZZ = 1e-6
# Break on ordinary spaces and tabs only: U+00A0 and U+202F (French digit grouping, "13,4 مليار")
# are no-break spaces, which str.split() would wrongly treat as break opportunities.
_BREAKABLE_SPACE = re.compile(r"[ \t\f\v]+")


def rtl_text_width(text: str, font_name: str, font_size: float) -> float:
    """Drawn width of ``text`` (logical, unshaped) once shaped, without its bidi marks."""
    return float(stringWidth(strip_bidi_controls(shape(text)), font_name, font_size))


@dataclass(frozen=True)
class _Segment:
    """One hard-broken paragraph: shaped words in logical order."""

    words: tuple[str, ...]
    rtl: bool
    open_end: bool = False  # continues in the next flowable (split): justify its last line


@dataclass(frozen=True)
class _Line:
    words: tuple[str, ...]
    width: float
    justify: bool  # False for the last line of a paragraph
    rtl: bool
    resume: tuple[int, int, int]  # (segment, word, char offset) where the next line starts


class RTLParagraph(Flowable):
    """A paragraph of plain logical text, laid out right to left.

    ``style`` supplies fontName, fontSize, leading, textColor, alignment (TA_RIGHT, TA_JUSTIFY,
    TA_CENTER, TA_LEFT), spaceBefore/spaceAfter, keepWithNext and an optional backColor; the
    ``alignment`` argument overrides the style's. ``rtl`` forces the base direction; by default each
    hard-broken paragraph is right-to-left when it contains Arabic/Hebrew content, so a Latin-only
    text stays in reading order (and is simply aligned as the style says).
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        alignment: int | None = None,
        rtl: bool | None = None,
    ) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        body = text.strip("\n")  # no blank line from a stray final newline
        segments = []
        for part in body.split("\n") if body else ():
            words = tuple(w for w in _BREAKABLE_SPACE.split(shape(part)) if w)
            segments.append(_Segment(words, is_rtl_text(part) if rtl is None else rtl))
        self._init(text, style, tuple(segments), alignment)

    def _init(
        self,
        text: str,
        style: ParagraphStyle,
        segments: tuple[_Segment, ...],
        alignment: int | None,
    ) -> None:
        Flowable.__init__(self)
        self.text = text
        self.style = style
        self._segments = segments
        self._alignment = style.alignment if alignment is None else alignment
        self._widths: dict[str, float] = {}
        self._layout_cache: tuple[float, list[_Line]] | None = None
        self._lines: list[_Line] = []
        self.width = 0.0
        self.height = 0.0

    def __repr__(self) -> str:
        return f"RTLParagraph({self.text[:40]!r}..., style={self.style.name!r})"

    # ---------------------------------------------------------------- measurement and line breaking

    def _width(self, text: str) -> float:
        w = self._widths.get(text)
        if w is None:
            style = self.style
            w = float(stringWidth(strip_bidi_controls(text), style.fontName, style.fontSize))
            self._widths[text] = w
        return w

    def _layout(self, avail: float) -> list[_Line]:
        cached = self._layout_cache
        if cached is not None and abs(cached[0] - avail) < _FUZZ:
            return cached[1]
        space = self._width(" ")
        lines: list[_Line] = []
        for si, seg in enumerate(self._segments):
            last_justify = seg.open_end
            current: list[str] = []
            current_w = 0.0
            for wi, word in enumerate(seg.words):
                ww = self._width(word)
                if current:
                    if current_w + space + ww <= avail + _FUZZ:
                        current.append(word)
                        current_w += space + ww
                        continue
                    lines.append(_Line(tuple(current), current_w, True, seg.rtl, (si, wi, 0)))
                    current, current_w = [], 0.0
                if ww <= avail + _FUZZ:
                    current, current_w = [word], ww
                    continue
                # A word wider than the line: break it between characters (fallback).
                start = 0
                for end in self._char_breaks(word, avail):
                    piece = word[start:end]
                    lines.append(_Line((piece,), self._width(piece), False, seg.rtl, (si, wi, end)))
                    start = end
                current = [word[start:]]
                current_w = self._width(current[0])
            lines.append(_Line(tuple(current), current_w, last_justify, seg.rtl, (si + 1, 0, 0)))
        self._layout_cache = (avail, lines)
        return lines

    def _char_breaks(self, word: str, avail: float) -> list[int]:
        """End offsets of the pieces of ``word`` but the last, each piece at most ``avail`` wide."""
        style = self.style
        ends: list[int] = []
        start, acc = 0, 0.0
        for i, ch in enumerate(word):
            cw = float(stringWidth(strip_bidi_controls(ch), style.fontName, style.fontSize))
            if i > start and acc + cw > avail + _FUZZ:
                ends.append(i)
                start, acc = i, 0.0
            acc += cw
        return ends

    # ------------------------------------------------------------------------ platypus protocol

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:
        """Widest word: what a Table column of automatic width needs."""
        return max((self._width(w) for seg in self._segments for w in seg.words), default=0.0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        leading = self.style.leading
        fit = int((availHeight + _FUZZ) // leading) if leading > 0 else len(lines)
        if fit < 1 or not lines or availWidth < _FUZZ:
            return []
        if fit >= len(lines):
            return [self]
        si, wi, off = lines[fit - 1].resume
        segs = self._segments
        if wi == 0 and off == 0:  # the break falls between two hard-broken paragraphs
            head, tail = segs[:si], segs[si:]
        else:
            seg = segs[si]
            head_words = seg.words[:wi] + ((seg.words[wi][:off],) if off else ())
            tail_words = (seg.words[wi][off:], *seg.words[wi + 1 :])
            head = (*segs[:si], _Segment(head_words, seg.rtl, open_end=True))
            tail = (_Segment(tail_words, seg.rtl, seg.open_end), *segs[si + 1 :])
        first = self._part(head, space_before=None, space_after=0.0)
        first._layout_cache = (availWidth, lines[:fit])
        second = self._part(tail, space_before=0.0, space_after=None)
        return [first, second]

    def _part(
        self,
        segments: tuple[_Segment, ...],
        *,
        space_before: float | None,
        space_after: float | None,
    ) -> RTLParagraph:
        part = RTLParagraph.__new__(RTLParagraph)
        text = "\n".join(" ".join(seg.words) for seg in segments)  # shaped: for repr/debug only
        part._init(text, self.style, segments, self._alignment)
        part._widths = self._widths
        # Carry what this flowable was given; the split side gets no space.
        for name, value in (("spaceBefore", space_before), ("spaceAfter", space_after)):
            if value is not None:
                setattr(part, name, value)
            elif name in self.__dict__:
                setattr(part, name, self.__dict__[name])
        if "keepWithNext" in self.__dict__:
            part.keepWithNext = self.keepWithNext
        return part

    # --------------------------------------------------------------------------------- drawing

    def _first_baseline(self) -> float:
        """Distance from the top of the box to the first baseline.

        Like reportlab's Paragraph (fontSize below the top) unless that would push descenders below
        the line box (leading < ascent - descent), in which case the baseline rises just enough.
        """
        style = self.style
        _, descent = getAscentDescent(style.fontName, style.fontSize)
        return float(min(style.fontSize, style.leading + descent))

    def draw(self) -> None:
        style = self.style
        canv: Any = self.canv
        if style.backColor is not None:
            canv.saveState()
            canv.setFillColor(style.backColor)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            canv.restoreState()
        if not self._lines:
            return
        alignment = self._alignment
        leading = style.leading
        space = self._width(" ")
        text_obj = canv.beginText()
        text_obj.setFont(style.fontName, style.fontSize, leading)
        text_obj.setFillColor(style.textColor)
        y = self.height - self._first_baseline()
        for line in self._lines:
            if line.words:
                # The visual line, as drawn (one code point per glyph, widths as measured).
                visual = text_layer_line(" ".join(line.words), line.rtl, in_rtl_page=True)
                gaps = len(line.words) - 1
                slack = self.width - line.width
                if alignment == TA_JUSTIFY and line.justify and gaps > 0 and slack > 0:
                    # Stretch the inter-word spaces. Words are placed one by one rather than
                    # with Tw (word spacing): reportlab encodes U+00A0 as code 32, so Tw would
                    # also stretch the no-break spaces inside "13,4 مليار".
                    x, extra = 0.0, slack / gaps
                    for piece in visual.split(" "):
                        if piece:
                            text_obj.setTextOrigin(x, y)
                            text_obj.textOut(piece)
                            x += self._width(piece)
                        x += space + extra
                else:
                    x = _aligned_x(alignment, self.width, line.width, line.rtl)
                    text_obj.setTextOrigin(x, y)
                    text_obj.textOut(visual)
            y -= leading
        canv.drawText(text_obj)


def _aligned_x(alignment: int, box_width: float, line_width: float, rtl: bool) -> float:
    if alignment == TA_CENTER:
        return (box_width - line_width) / 2.0
    if alignment == TA_RIGHT:
        return box_width - line_width
    if alignment == TA_JUSTIFY:  # unjustified lines sit at the start: right for RTL, left for LTR
        return box_width - line_width if rtl else 0.0
    return 0.0  # TA_LEFT
