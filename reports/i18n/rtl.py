"""Right-to-left text: the single seam between logical Unicode and what a PDF canvas draws.

reportlab draws glyphs strictly left to right and does no shaping or bidi of its own here (its RTL
path needs ``rlbidi``, which is not on PyPI). Arabic therefore goes through two steps:

1. :func:`shape` — arabic-reshaper turns letters into their contextual presentation forms, still in
   *logical* order. Line breaking must happen on this shaped, logical text.
2. :func:`to_visual` — the Unicode bidi algorithm, applied to ONE line at a time with a
   right-to-left base direction, gives the visual (left-to-right drawing) order, with mirrored
   brackets.

Never reorder a whole paragraph before breaking it into lines: the lines come out in reverse order.

Bidi implementation notes (python-bidi 0.6.12, pinned):

* ``bidi.get_display`` (the Rust ``unicode-bidi`` binding) does **not** mirror brackets, so
  ``(+3,5 %)`` would print as ``)+3,5 %(``.
* ``bidi.algorithm.get_display`` (pure Python) mirrors, but implements UBA 6.2: no paired-bracket
  rule (N0) and no isolates. Without N0, ``CRM (2025)`` inside Arabic text comes out as
  ``CRM (2025(``. :func:`to_visual` therefore runs the pure-Python stages itself and inserts an N0
  step; isolates (LRI/RLI/FSI/PDI) are approximated with embeddings (LRE/RLE/PDF). The resulting
  order matches the Rust implementation (UBA with N0) on randomised mixed strings.

This module deliberately does not import reportlab.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

import arabic_reshaper
from bidi import algorithm as _uba
from bidi.mirror import MIRRORED

__all__ = [
    "BIDI_CONTROLS",
    "is_rtl_text",
    "shape",
    "strip_bidi_controls",
    "to_visual",
    "visual_line",
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

# One immutable configuration for the whole process. The "Allah" word ligature (U+FDF2) is switched
# off: DejaVu Sans has no glyph for it and reportlab has no glyph fallback. Lam-alef ligatures stay.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})

# Opening bracket -> closing bracket (Bidi_Paired_Bracket_Type), derived from the mirroring table.
_OPENING: dict[str, str] = {
    o: c
    for o, c in MIRRORED.items()
    if unicodedata.category(o) == "Ps" and unicodedata.category(c) == "Pe"
}
_CLOSING: dict[str, str] = {c: o for o, c in _OPENING.items()}
# Canonical equivalents (BD16 compares brackets after canonical decomposition).
_CLOSING_ALIASES: dict[str, frozenset[str]] = {
    "\u232a": frozenset(("\u232a", "\u3009")),
    "\u3009": frozenset(("\u232a", "\u3009")),
}
_BRACKET_STACK_LIMIT = 63

# Isolates are not supported by the pure-Python algorithm; embeddings are a close approximation.
_ISOLATE_TO_EMBEDDING = {"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"}


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
    return str(_RESHAPER.reshape(text))


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
# Bidi: python-bidi's pure-Python UBA stages, plus the paired-bracket rule N0.
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _to_visual_cached(line: str, rtl: bool) -> str:
    text = _isolates_to_embeddings(line)
    storage: dict[str, Any] = _uba.get_empty_storage()
    base_level = 1 if rtl else 0
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    _uba.get_embedding_levels(text, storage)
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _resolve_paired_brackets(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    _uba.reorder_resolved_levels(storage, False)
    _uba.apply_mirroring(storage, False)
    return strip_bidi_controls("".join(ch["ch"] for ch in storage["chars"]))


def _isolates_to_embeddings(text: str) -> str:
    if not any("\u2066" <= ch <= "\u2069" for ch in text):
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "\u2068":  # FSI: direction of the first strong character up to the matching PDI
            out.append("\u202b" if _first_strong_is_rtl(text, i + 1) else "\u202a")
        else:
            out.append(_ISOLATE_TO_EMBEDDING.get(ch, ch))
    return "".join(out)


def _first_strong_is_rtl(text: str, start: int) -> bool:
    depth = 0
    for ch in text[start:]:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == "\u2069":
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0:
            kind = unicodedata.bidirectional(ch)
            if kind in ("R", "AL"):
                return True
            if kind == "L":
                return False
    return False


def _strong_for_n0(kind: str) -> str | None:
    if kind == "L":
        return "L"
    if kind in ("R", "AL", "EN", "AN"):
        return "R"
    return None


def _resolve_paired_brackets(storage: dict[str, Any]) -> None:
    """UAX #9 rule N0 (bracket pairs), on each level run (= isolating run sequence here)."""
    chars: list[dict[str, Any]] = storage["chars"]
    for run in storage["runs"]:
        start, length = run["start"], run["length"]
        seq = chars[start : start + length]
        pairs = _bracket_pairs(seq)
        if not pairs:
            continue
        embedding = "R" if seq[0]["level"] % 2 else "L"
        sor = run["sor"]
        for open_i, close_i in pairs:
            inside = {_strong_for_n0(c["type"]) for c in seq[open_i + 1 : close_i]} - {None}
            if not inside:
                continue  # N0 d: leave the brackets to N1/N2
            if embedding in inside:
                new = embedding  # N0 b
            else:
                opposite = "L" if embedding == "R" else "R"
                before = next(
                    (
                        s
                        for c in reversed(seq[:open_i])
                        if (s := _strong_for_n0(c["type"])) is not None
                    ),
                    sor,
                )
                new = opposite if before == opposite else embedding  # N0 c1 / c2
            for idx in (open_i, close_i):
                seq[idx]["type"] = new
                follow = idx + 1  # NSMs after a bracket take its new type
                while follow < len(seq) and seq[follow]["orig"] == "NSM":
                    seq[follow]["type"] = new
                    follow += 1


def _bracket_pairs(seq: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """BD16: indices of matching bracket pairs (type still ON), sorted by opening position."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(seq):
        ch = c["ch"]
        if c["type"] != "ON":
            continue
        if ch in _OPENING:
            if len(stack) == _BRACKET_STACK_LIMIT:
                break
            stack.append((_OPENING[ch], i))
        elif ch in _CLOSING:
            wanted = _CLOSING_ALIASES.get(ch, frozenset((ch,)))
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] in wanted:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs
