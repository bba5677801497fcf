"""The French brief, read back from the PDF: figures, structure, metadata, reproducibility."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from conftest import pdf_text

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief


def test_seed_figures_in_french_format(brief_fr_2024: bytes) -> None:
    text = "\n".join(pdf_text(brief_fr_2024))
    for expected in [
        "26,2 Md MAD",  # total, compact
        "26 219",  # total in the table (sum of segments)
        "10 578",
        "40,3 %",
        "37,4 %",
        "13,2 %",
        "8,9 %",
        "0,2 %",
        "+0,2 %",  # published growth on 2023
        "+7,1 %",  # published ESO growth, not the 8,2 % recomputed from rounded values
        "-38 %°",  # KPO, computed 78 -> 48 (integers: known to +/- 1 point), marked computed
        "141 000",
        "2,8 Md $US",  # USD equivalent with the derived rate
        "40 Md MAD",  # the 2030 target, labelled as digital revenues
    ]:
        assert expected in text, expected
    assert "revenus du numérique" in text
    assert "ne mesurent pas l’avancement" in text.replace("\n", " ")


def test_h1_brief_shows_gaps_not_zeros(brief_fr_h1: bytes) -> None:
    pages = pdf_text(brief_fr_h1)
    text = "\n".join(pages)
    assert "13,4 Md MAD" in text and "+3,5 %" in text and "12,9" in text
    assert "Non ventilé (ITO + CRM)" in text
    # 13 400 - 2 500 - 1 300 - 21 = 9 579, but from values rounded to 100: shown as 9 600
    assert "9 600" in text and "9 579" not in text
    assert "n.d." in text
    assert "premier semestre 2025" in text
    assert re.search(r"ITO\)\s+n\.d\.", text)  # ITO has no value: n.d., never 0


def test_sections_in_template_order_and_outline(brief_fr_h1: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(brief_fr_h1))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == [
        "Exportations par segment, S1\u00a02025",
        "Évolution sur les périodes comparables",
        "Ce que disent les chiffres",
        "Emploi et objectif national 2030",
        "Les défis du secteur",
        "Méthodologie et sources",
    ]
    nested = [i.title for group in reader.outline if isinstance(group, list) for i in group]
    assert "Automatisation et intelligence artificielle" in nested


def test_metadata_and_fonts(brief_fr_h1: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(brief_fr_h1))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Exportations de services numériques et d’externalisation — S1\u00a02025"
    assert meta.subject and "premier semestre 2025" in meta.subject
    assert meta.author == "reports"
    assert "externalisation" in str(meta.get("/Keywords"))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(font.get_object()["/BaseFont"])
    assert fonts and all("DejaVuSans" in f for f in fonts), fonts  # no Helvetica, all embedded
    n = len(reader.pages)
    pages = pdf_text(brief_fr_h1)
    for i, page in enumerate(pages, start=1):
        assert f"page {i} / {n}" in page


def test_charts_are_vector_with_text(brief_fr_h1: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(brief_fr_h1))
    for page in reader.pages:  # drawn on the page itself: no image, no imported PDF form
        assert not page["/Resources"].get("/XObject")
    text = "\n".join(pdf_text(brief_fr_h1))
    assert "Part dans le total des exportations, S1 2025" in text  # chart title, as text
    assert "Exportations totales (Md MAD)" in text


def test_sources_cited(brief_fr_2024: bytes) -> None:
    text = " ".join(pdf_text(brief_fr_2024)).replace("\n", " ")
    assert "[1] Office des Changes" in text
    assert "Ministère de la Transition numérique" in text
    assert "Stratégie Digital Morocco 2030" in text
    # the published rate keeps its precision ("près de 17 %"), and rounding is not blamed
    assert "BPO : la source publie près de +17 %, mais les valeurs" in text
    assert "+17,0" not in text


def test_reproducible_bytes(dataset: Dataset, brief_fr_h1: bytes) -> None:
    again = build_brief(dataset, Period.parse("2025-H1"), "fr")
    assert again == brief_fr_h1


@pytest.mark.parametrize("period", ["2024-H1"])
def test_every_briefable_period_builds(dataset: Dataset, period: str) -> None:
    pdf = build_brief(dataset, Period.parse(period), "fr")
    text = "\n".join(pdf_text(pdf))
    assert "12,9 Md MAD" in text
    assert "aucune période antérieure comparable" in text.replace("\n", " ")
