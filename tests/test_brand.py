"""[brand] in brief.toml: organisation, logo, colours, contact, classification, font; the date."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import matplotlib
import pypdf
import pypdfium2 as pdfium
import pytest
from conftest import pdf_text

from reports.dataset import Dataset
from reports.errors import TemplateError
from reports.period import Period
from reports.pipeline import build_brief
from reports.resources import templates_dir
from reports.template import load_layout

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
H1 = Period.parse("2025-H1")
DAY = dt.date(2025, 9, 15)

BRAND = """
[brand]
logo = "logo.png"
primary_colour = "#0B6E4F"
accent_colour = "#C8A200"
contact = "etudes@example.ma"

[brand.organisation]
default = "Office des Changes"
ar = "مكتب الصرف"

[brand.classification]
fr = "Diffusion restreinte"
ar = "نشر محدود"
"""


def _template(folder: Path, brand: str) -> Path:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (240, 120), (11, 110, 79)).save(folder / "logo.png")
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
        '<rect width="60" height="60" fill="#0b6e4f"/><circle cx="90" cy="30" r="20" '
        'fill="#c8a200"/></svg>',
        encoding="utf-8",
    )
    path = folder / "brief.toml"
    path.write_text(
        (templates_dir() / "brief.toml").read_text(encoding="utf-8") + brand, encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> dict[str, bytes]:
    layout = load_layout(_template(tmp_path_factory.mktemp("brand"), BRAND))
    return {loc: build_brief(dataset, H1, loc, layout, published=DAY) for loc in ("fr", "ar", "en")}


def test_cover_names_organisation_date_and_contact(branded: dict[str, bytes]) -> None:
    fr = pdf_text(branded["fr"])
    assert "Office des Changes" in fr[0]
    assert "Publié le 15 septembre 2025" in fr[0]
    assert "Contact : etudes@example.ma" in fr[0]
    en = pdf_text(branded["en"])[0]
    assert "Office des Changes" in en and "Published on September 15, 2025" in en
    assert "Restricted" not in en  # no value for en and none by default: the first one given
    assert "Diffusion restreinte" in en


def test_charts_take_the_primary_colour(branded: dict[str, bytes]) -> None:
    """The chart titles and the total's bars are drawn in the brand's primary colour."""
    content = b"".join(
        page.get_contents().get_data() for page in pypdf.PdfReader(io.BytesIO(branded["fr"])).pages
    )
    colours = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg", content)
    rgb = [tuple(round(float(c) * 255) for c in colour) for colour in colours]
    assert rgb.count((0x0B, 0x6E, 0x4F)) > 10
    assert (0x1F, 0x4E, 0x79) not in rgb  # the default navy is gone


def test_classification_on_every_page(branded: dict[str, bytes]) -> None:
    pages = pdf_text(branded["fr"])
    assert len(pages) >= 3
    assert all(page.count("Diffusion restreinte") == 2 for page in pages)  # top and foot


def test_metadata_author_and_dates(branded: dict[str, bytes]) -> None:
    for locale, organisation in (("fr", "Office des Changes"), ("ar", "مكتب الصرف")):
        info = pypdf.PdfReader(io.BytesIO(branded[locale])).metadata
        assert info is not None
        assert info["/Author"] == organisation
        assert info["/CreationDate"] == info["/ModDate"] == "D:20250915000000+00'00'"


def test_same_date_same_bytes(dataset: Dataset, tmp_path: Path) -> None:
    layout = load_layout(_template(tmp_path, BRAND))
    assert build_brief(dataset, H1, "fr", layout, published=DAY) == build_brief(
        dataset, H1, "fr", layout, published=DAY
    )


def _logo_and_name(pdf: bytes) -> tuple[float, float, float, float]:
    """(left, right) of the logo image and of the text beside it on the cover."""
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 1
    left, bottom, right, top = images[0].get_bounds()
    text = page.get_textpage()
    boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    beside = [b for b in boxes if bottom < (b[1] + b[3]) / 2 < top and b[2] > b[0]]
    document.close()
    assert beside
    return left, right, min(b[0] for b in beside), max(b[2] for b in beside)


def test_logo_leads_in_each_direction(branded: dict[str, bytes]) -> None:
    logo_left, logo_right, name_left, _ = _logo_and_name(branded["fr"])
    assert logo_right < name_left  # left to right: the logo first, on the left
    assert abs(logo_left - 20 / 25.4 * 72) < 1  # at the left margin
    logo_left, logo_right, _, name_right = _logo_and_name(branded["ar"])
    assert name_right < logo_left  # right to left: the logo first, on the right
    assert abs(logo_right - (595.28 - 20 / 25.4 * 72)) < 1  # at the right margin


def test_svg_logo_is_drawn_as_vector(dataset: Dataset, tmp_path: Path) -> None:
    layout = load_layout(_template(tmp_path, BRAND.replace("logo.png", "logo.svg")))
    pdf = build_brief(dataset, H1, "fr", layout, published=DAY)
    document = pdfium.PdfDocument(pdf)
    kinds = {o.type for o in document[0].get_objects()}
    document.close()
    assert pdfium.raw.FPDF_PAGEOBJ_IMAGE not in kinds  # no raster: the SVG's shapes
    assert "Office des Changes" in pdf_text(pdf)[0]


def test_house_font_is_embedded_and_must_cover_the_language(
    dataset: Dataset, tmp_path: Path
) -> None:
    shutil.copy(FONTS / "DejaVuSerif.ttf", tmp_path / "House.ttf")
    shutil.copy(FONTS / "DejaVuSerif-Bold.ttf", tmp_path / "House-Bold.ttf")
    brand = '\n[brand]\nfont = "House.ttf"\nfont_bold = "House-Bold.ttf"\n'
    layout = load_layout(_template(tmp_path, brand))
    pdf = build_brief(dataset, H1, "fr", layout)
    fonts = {
        str(font["/BaseFont"])
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Text and charts in the house font: the default face is not embedded at all.
    assert {f.split("+")[-1] for f in fonts} == {"DejaVuSerif", "DejaVuSerif-Bold"}
    assert "Exportations par segment" in pdf_text(pdf)[0]
    with pytest.raises(TemplateError, match=r"House.ttf has no glyph for '.' \(U\+06"):
        build_brief(dataset, H1, "ar", layout)
    # A language can keep the default font.
    per_language = '\n[brand.font]\ndefault = "../House.ttf"\nar = ""\n'
    layout = load_layout(_template(tmp_path / "per", per_language))
    assert "المغرب" in pdf_text(build_brief(dataset, H1, "ar", layout))[0]


@pytest.mark.parametrize(
    ("brand", "message"),
    [
        ('primary_colour = "green"', "primary_colour 'green' is not a colour: write it as #RRGGBB"),
        ('accent_colour = "#12345"', "accent_colour '#12345' is not a colour"),
        ('logo = "missing.png"', "logo file not found: "),
        ('logo = "logo.gif"', "logo 'logo.gif' must be a PNG or SVG image"),
        ('font = "logo.png"', "font 'logo.png' must be a TrueType font (.ttf)"),
        ('font = "fake.ttf"', "font file not found"),
        ("organisation = 3", "organisation must be text, or a table of texts keyed by language"),
        ('colour = "#000000"', "unknown key 'colour'"),
    ],
)
def test_brand_errors_name_file_and_line(tmp_path: Path, brand: str, message: str) -> None:
    path = _template(tmp_path, f"\n[brand]\n{brand}\n")
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(TemplateError) as caught:
        load_layout(path)
    assert str(caught.value).startswith(f"{path}:{line}: [brand] ")
    assert message in str(caught.value)


def test_unreadable_logo_is_reported(tmp_path: Path) -> None:
    path = _template(tmp_path, '\n[brand]\nlogo = "broken.png"\n')
    (tmp_path / "broken.png").write_bytes(b"not a png")
    with pytest.raises(TemplateError, match=r"broken.png: cannot be read"):
        load_layout(path)


def test_dotted_per_language_values(dataset: Dataset, tmp_path: Path) -> None:
    brand = (
        '\n[brand]\norganisation.default = "Office des Changes"\norganisation.ar = "مكتب الصرف"\n'
    )
    layout = load_layout(_template(tmp_path, brand))
    assert layout.brand.organisation.get("ar_MA") == "مكتب الصرف"
    assert layout.brand.organisation.get("en") == "Office des Changes"
    clash = '\n[brand]\norganisation = "Office des Changes"\norganisation.ar = "مكتب الصرف"\n'
    path = _template(tmp_path / "clash", clash)
    with pytest.raises(TemplateError, match=r'invalid TOML: .*organisation.default = "..."'):
        load_layout(path)


def test_templates_check_finds_a_font_without_the_language(tmp_path: Path) -> None:
    """`reports templates check` finds what a build would find only for Arabic."""
    from typer.testing import CliRunner

    from reports.cli import app

    shutil.copy(FONTS / "DejaVuSerif.ttf", tmp_path / "House.ttf")
    path = _template(tmp_path, '\n[brand]\nfont = "House.ttf"\n')
    line = len(path.read_text(encoding="utf-8").splitlines())
    result = CliRunner().invoke(app, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    errors = [e for e in result.stderr.splitlines() if e.startswith("Error: ")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Error: {path}:{line}: ar: [brand] font {tmp_path}/House.ttf has")
    assert "(U+0627)" in errors[0] or "more" in errors[0]
