"""One rule for a number with its sign, unit or %: checked by glyph position on the page, in the
prose, the tables, the key figures and the charts alike."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import placed_words

from reports.dataset import Dataset
from reports.i18n.localizer import Localizer
from reports.period import Period
from reports.pipeline import build_brief

QUARTERLY = Path(__file__).parent / "data" / "quarterly.csv"
LATIN_PERCENT = re.compile(r"^[+-]?\d[\d.,]*%$")  # sign left of the digits, % right of them
ARABIC_PERCENT = re.compile(r"^٪[٠-٩٫٬]+[+-]?$")  # drawn left to right: ٪, digits, then the sign


def _visual_words(pdf: bytes) -> list[str]:
    """Every word of every page as its glyphs sit, left to right (touching runs of different
    scripts, such as "٪٣٫٥" and "+", joined back into one word)."""
    document = pdfium.PdfDocument(pdf)
    count = len(document)
    document.close()
    words: list[str] = []
    for page in range(count):
        placed = sorted(placed_words(pdf, page), key=lambda w: (round(w[0]), w[1]))
        previous: tuple[float, float] | None = None
        for y, left, right, word in placed:
            arabic = any("\u0600" <= ch <= "\u06ff" for ch in word)
            visual = word[::-1] if arabic else word  # placed_words gives reading order
            if previous and abs(previous[0] - y) < 1.0 and left - previous[1] < 0.5:
                words[-1] += visual
            else:
                words.append(visual)
            previous = (y, right)
    return words


@pytest.fixture(scope="module")
def quarterly() -> Dataset:
    from reports.validation import require_valid

    data, _warnings = require_valid(QUARTERLY)
    return data


@pytest.mark.parametrize("period", ["2025-H1", "2024", "2025-Q2"])
def test_percent_keeps_its_side_with_latin_digits(
    dataset: Dataset, quarterly: Dataset, period: str
) -> None:
    data = quarterly if period.endswith("Q2") else dataset
    words = [
        w.strip(".:;,()°*†≈،؛و")
        for w in _visual_words(build_brief(data, Period.parse(period), "ar"))
    ]
    percents = [w for w in words if "%" in w]
    assert len(percents) >= 8
    wrong = [w for w in percents if not LATIN_PERCENT.match(w)]
    assert not wrong, wrong
    assert any(w.startswith("+") for w in percents)  # signed and unsigned alike


@pytest.mark.parametrize("period", ["2025-H1", "2025-Q2"])
def test_percent_keeps_its_side_with_arabic_indic_digits(
    dataset: Dataset, quarterly: Dataset, period: str
) -> None:
    data = quarterly if period.endswith("Q2") else dataset
    pdf = build_brief(data, Period.parse(period), "ar", digits="arab")
    words = [w.strip(".:;,()°*†≈،؛و") for w in _visual_words(pdf)]
    percents = [w for w in words if "٪" in w]
    assert len(percents) >= 8
    wrong = [w for w in percents if not ARABIC_PERCENT.match(w)]
    assert not wrong, wrong
    assert any(w.endswith("+") for w in percents)


def test_one_helper_formats_every_kind_of_quantity() -> None:
    ar = Localizer.for_tag("ar")
    arab = Localizer.for_tag("ar", digits="arab")
    for loc, opening in ((ar, "\u2066"), (arab, "\u2067")):
        for text in (
            loc.percent(0.035),
            loc.percent(0.035, signed=True),
            loc.percent(-0.385, signed=True),
            loc.number(13.4, 1),
            loc.integer(141000),
            loc.amount(13400),
        ):
            assert text.endswith("\u2069"), text
            assert text.startswith(opening) or text.startswith("\u2067"), text
        assert loc.points(0.2).startswith(opening)
    fr = Localizer.for_tag("fr")
    assert fr.percent(0.035, signed=True) == fr.quantity("3,5\u00a0%", 1) == "+3,5\u00a0%"
