"""Shared fixtures: the embedded data set and briefs built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief
from reports.resources import default_data_path
from reports.validation import require_valid

# No test reads the machine's own keyring (a desktop one could ask to be unlocked): an empty one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

SPACES = {"\u202f": " ", "\u00a0": " ", "\r": "", "\ufffe": ""}


def normalise(text: str) -> str:
    """No-break spaces as spaces; no directional marks (LRM, RLM: invisible, added by the text
    layer around brackets and Latin runs in Arabic lines, see reports.i18n.text_layer)."""
    for a, b in SPACES.items():
        text = text.replace(a, b)
    return text.replace("\u200e", "").replace("\u200f", "")


def pdf_text(pdf: bytes | Path) -> list[str]:
    """Text of each page, with no-break spaces turned into plain spaces."""
    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    pages = [normalise(page.get_textpage().get_text_range()) for page in document]
    document.close()
    return pages


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    data, _warnings = require_valid(default_data_path())
    return data


@pytest.fixture(scope="session")
def brief_fr_h1(dataset: Dataset) -> bytes:
    return build_brief(dataset, Period.parse("2025-H1"), "fr")


@pytest.fixture(scope="session")
def brief_fr_2024(dataset: Dataset) -> bytes:
    return build_brief(dataset, Period.parse("2024"), "fr")


def _arabic(ch: str) -> bool:
    cp = ord(ch)
    return 0x0600 <= cp <= 0x06FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF


def placed_words(pdf: bytes, page_index: int) -> list[tuple[float, float, float, str]]:
    """Every word on a page as (top y, left x, right x, word in reading order), from glyph boxes.

    Positions come from pdfium's character boxes, not from any viewer's bidi: an Arabic word's
    glyphs sit right to left, so its characters are reversed back into reading order. The
    directional marks a glyph's text may carry (LRM, RLM: reports.i18n.text_layer) are not glyphs.
    """
    import unicodedata

    document = pdfium.PdfDocument(pdf)
    text = document[page_index].get_textpage()
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        if ch in "\r\n\u200e\u200f":
            continue
        left, bottom, right, _top = text.get_charbox(i, loose=True)
        key = next((k for k in rows if abs(k - bottom) < 4.0), bottom)
        rows.setdefault(key, []).append((left, right, ch))
    words: list[tuple[float, float, float, str]] = []
    for y, chars in rows.items():
        current: list[tuple[float, float, str]] = []
        for left, right, ch in [*sorted(chars), (1e9, 1e9, " ")]:
            gap = current and left - current[-1][1] > 1.5
            if ch.isspace() or gap:
                # A word is cut where the script changes ("2025،" -> "2025", "،").
                runs: list[list[tuple[float, float, str]]] = []
                for item in current:
                    if runs and _arabic(runs[-1][-1][2]) == _arabic(item[2]):
                        runs[-1].append(item)
                    else:
                        runs.append([item])
                for run in runs:
                    word = "".join(c for _, _, c in run)
                    if _arabic(word[0]):
                        word = unicodedata.normalize("NFKC", word[::-1])
                    words.append((y, run[0][0], run[-1][1], word))
                current = [] if ch.isspace() else [(left, right, ch)]
            else:
                current.append((left, right, ch))
    document.close()
    return words


def reading_line(
    words: list[tuple[float, float, float, str]], contains: str, rtl: bool
) -> list[str]:
    """The words of the line holding ``contains``, in reading order for the page's direction."""
    y = next(w[0] for w in words if contains in w[3])
    line = sorted((w for w in words if abs(w[0] - y) < 1.0), key=lambda w: w[1], reverse=rtl)
    return [w[3] for w in line]


@pytest.fixture(scope="session")
def brief_ar_h1(dataset: Dataset) -> bytes:
    return build_brief(dataset, Period.parse("2025-H1"), "ar")
