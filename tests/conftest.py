"""Shared fixtures: the embedded data set and briefs built once per test session."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief
from reports.resources import default_data_path
from reports.validation import require_valid

SPACES = {"\u202f": " ", "\u00a0": " ", "\r": "", "\ufffe": ""}


def normalise(text: str) -> str:
    for a, b in SPACES.items():
        text = text.replace(a, b)
    return text


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
