"""Reviewed reference images of brief pages, per language, with a tolerance that catches one
changed digit (KPO 21 -> 27 fails) and only lets identical rendering through.

Update after a reviewed change:
``REPORTS_UPDATE_REFERENCES=1 pytest tests/test_reference_images.py``
(each rewritten image fails once, so it is looked at before it is trusted).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief

REFERENCES = Path(__file__).parent / "reference"
UPDATE = os.environ.get("REPORTS_UPDATE_REFERENCES") == "1"
QUARTERLY = Path(__file__).parent / "data" / "quarterly.csv"
SCALE = 100 / 72  # 100 dpi: a table digit is about 6 x 9 pixels
TILE = 12  # pixels: about one character
TILE_LIMIT = 4  # strongly differing pixels (> 64 grey levels) allowed in any one tile


def page_image(pdf: bytes, page: int) -> np.ndarray:
    document = pdfium.PdfDocument(pdf)
    image = document[page].render(scale=SCALE, grayscale=True).to_numpy()
    document.close()
    return image[..., 0] if image.ndim == 3 else image


def matches_reference(actual: np.ndarray, expected: np.ndarray) -> bool:
    """Same size, and no character-sized place that differs: anti-aliasing noise spreads a few
    pixels thinly, a changed digit concentrates them in one tile."""
    if actual.shape != expected.shape:
        return False
    strong = np.abs(actual.astype(int) - expected.astype(int)) > 64
    h, w = strong.shape
    padded = np.zeros((-(-h // TILE) * TILE, -(-w // TILE) * TILE), dtype=int)
    padded[:h, :w] = strong
    tiles = padded.reshape(padded.shape[0] // TILE, TILE, padded.shape[1] // TILE, TILE)
    return bool(tiles.sum(axis=(1, 3)).max() <= TILE_LIMIT)


def _check(pdf: bytes, name: str, page: int) -> None:
    from PIL import Image

    actual = page_image(pdf, page)
    path = REFERENCES / f"{name}-p{page + 1}.png"
    if UPDATE:
        REFERENCES.mkdir(exist_ok=True)
        Image.fromarray(actual).save(path, optimize=True)
        pytest.fail(f"reference {path.name} rewritten: review it, then rerun without the variable")
    expected = np.asarray(Image.open(path).convert("L"))
    assert matches_reference(actual, expected), f"{path.name} differs from the reviewed page"


@pytest.fixture(scope="module")
def quarterly() -> Dataset:
    from reports.validation import require_valid

    data, _warnings = require_valid(QUARTERLY)
    return data


CASES = [
    ("brief_ar_h1", "ar", "2025-H1", 0),
    ("brief_ar_h1", "ar", "2025-H1", 1),
    ("brief_fr_2024", "fr", "2024", 0),
    ("brief_fr_2024", "fr", "2024", 1),
    ("brief_en_2024", "en", "2024", 0),
    ("brief_ar_q2", "ar", "2025-Q2", 1),
    ("brief_fr_q2", "fr", "2025-Q2", 1),
]


@pytest.mark.parametrize(("name", "locale", "period", "page"), CASES)
def test_pages_match_reviewed_reference(
    dataset: Dataset, quarterly: Dataset, name: str, locale: str, period: str, page: int
) -> None:
    data = quarterly if period.endswith("Q2") else dataset
    _check(build_brief(data, Period.parse(period), locale), name, page)


def test_tolerance_catches_one_changed_figure(dataset: Dataset) -> None:
    """KPO 21 -> 27 (MAD million, 2025-H1): the same share once rounded, one digit changes in
    the table; the page must no longer match."""
    from PIL import Image

    kpo = dataset.get("exports", Period.parse("2025-H1"), "KPO")
    assert kpo is not None and kpo.value == 21
    changed = Dataset.from_observations(
        [dataclasses.replace(o, value=27.0) if o is kpo else o for o in dataset],
        dataset.origin,
    )
    expected = np.asarray(Image.open(REFERENCES / "brief_ar_h1-p1.png").convert("L"))
    original = page_image(build_brief(dataset, Period.parse("2025-H1"), "ar"), 0)
    assert matches_reference(original, expected)
    assert not matches_reference(
        page_image(build_brief(changed, Period.parse("2025-H1"), "ar"), 0), expected
    )


def test_tolerance_forgives_antialiasing_noise() -> None:
    rng = np.random.default_rng(0)
    image = np.full((300, 200), 255, dtype=np.uint8)
    image[100:110, 50:150] = 0
    noisy = image.astype(int)
    spots = rng.integers(0, 300, 40), rng.integers(0, 200, 40)  # scattered single pixels
    noisy[spots] = 128
    assert matches_reference(noisy.clip(0, 255).astype(np.uint8), image)
