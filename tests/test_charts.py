"""Charts reach the page as vectors and real text (French and Arabic), and reproducibly."""

from __future__ import annotations

import dataclasses
import io
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pypdf
import pypdfium2 as pdfium
import pytest
from conftest import pdf_text, placed_words
from matplotlib.colors import to_rgb
from reportlab.lib.rl_accel import fp_str

from reports import blocks as b
from reports.charts.base import SEGMENT_COLOURS
from reports.dataset import Dataset
from reports.i18n.localizer import Localizer
from reports.metrics import compute
from reports.period import Period
from reports.pipeline import build_document
from reports.render.pdf import render_pdf
from reports.template import load_layout

REFERENCES = Path(__file__).parent / "reference"


def _document(dataset: Dataset, locale: str, period: str = "2025-H1") -> b.Document:
    loc = Localizer.for_tag(locale, "auto")
    return build_document(dataset, compute(dataset, Period.parse(period)), loc, load_layout())


def _charts_only(document: b.Document) -> bytes:
    """A PDF of the document's charts alone: every word in it comes from a chart."""
    charts = tuple(block for block in document.blocks if isinstance(block, b.Chart))
    assert len(charts) == 2
    return render_pdf(dataclasses.replace(document, blocks=charts))


def _spec(document: b.Document, kind: type) -> b.ChartSpec:
    return next(
        block.spec
        for block in document.blocks
        if isinstance(block, b.Chart) and isinstance(block.spec, kind)
    )


def test_block_model_does_not_import_matplotlib() -> None:
    """Sections describe charts as data; only render/ draws them."""
    import subprocess

    code = (
        "import sys, reports.blocks, reports.pipeline, reports.sections; "
        "reports.sections.registry(); "
        "print(any(m.split('.')[0] in ('matplotlib', 'reportlab') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_brief_does_not_load_pyplot_nor_resolve_a_backend() -> None:
    """Charts are drawn by our renderer: building a brief never imports pyplot or a backend
    (about 25 ms), and leaves matplotlib's backend setting as it was."""
    import subprocess

    code = (
        "import sys, matplotlib; from reports.pipeline import build_brief, load_data; "
        "from reports.period import Period; "
        "build_brief(load_data().dataset, Period.parse('2025-H1'), 'ar'); "
        "print(sorted(m for m in sys.modules if m.startswith('matplotlib.backends.backend_') "
        "or m == 'matplotlib.pyplot'), "
        "dict.__getitem__(matplotlib.rcParams, 'backend') "
        "is matplotlib.rcsetup._auto_backend_sentinel)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"


def test_chart_text_is_extractable_in_french(dataset: Dataset) -> None:
    document = _document(dataset, "fr")
    text = "\n".join(pdf_text(_charts_only(document)))
    shares = _spec(document, b.ShareBars)
    trend = _spec(document, b.TrendBars)
    assert isinstance(shares, b.ShareBars) and isinstance(trend, b.TrendBars)
    assert shares.title == "Part dans le total des exportations, S1\u00a02025"
    words = [shares.title, *shares.labels, *shares.value_labels, *trend.titles]
    words += [*trend.period_labels, *trend.total_labels, *(s.name for s in trend.segments)]
    words += [label for s in trend.segments for label in s.value_labels if label]
    assert "Non ventilé (ITO + CRM)" in words and "13,4" in words
    for word in words:
        assert word.replace("\u202f", " ").replace("\u00a0", " ") in text, word


def test_chart_text_is_extractable_in_arabic(dataset: Dataset) -> None:
    """Arabic chart words read back as the standard letters of the words, in reading order."""
    document = _document(dataset, "ar")
    pdf = _charts_only(document)
    found = {w[3] for w in placed_words(pdf, 0)}
    shares = _spec(document, b.ShareBars)
    trend = _spec(document, b.TrendBars)
    assert isinstance(shares, b.ShareBars) and isinstance(trend, b.TrendBars)
    arabic = re.compile(r"[\u0600-\u06ff]+")
    expected: set[str] = set()
    phrases = [shares.title, *shares.labels, *trend.titles, *trend.period_labels]
    for phrase in phrases + [s.name for s in trend.segments]:
        # Harakat are not drawn (the page's RTL seam drops them), so they cannot read back.
        plain = "".join(c for c in phrase if not unicodedata.combining(c))
        expected |= set(arabic.findall(plain))
    assert {"الصادرات", "النصف", "الأول"} <= expected
    assert expected <= found, expected - found
    # Latin codes and numbers in the Arabic charts stay readable left to right.
    assert {"13.4", "2025", "71%°"} <= found  # ITO + CRM: 13 400 less the rest, computed
    for code in ("ITO", "CRM", "ESO", "BPO", "KPO"):
        assert any(code in word for word in found), code


def test_charts_are_vector_with_text(dataset: Dataset) -> None:
    """No images: bars are filled paths in the segment colours, words are text."""
    pdf = _charts_only(_document(dataset, "fr"))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not xobjects
    # Each bar of the share chart is a filled path in its segment's colour.
    for colour in (SEGMENT_COLOURS[s] for s in ("ESO", "BPO", "KPO", "OTHER")):
        assert f"{fp_str(*to_rgb(colour))} rg".encode() in content, colour
    assert content.count(b"\nf\n") >= 8  # filled paths (non-zero winding, as matplotlib)
    fonts = {f for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    names = {str(f.get_object()["/BaseFont"]) for f in fonts}
    assert all("DejaVuSans" in name for name in names), names  # the page's own fonts only


def test_chart_bytes_are_reproducible(dataset: Dataset) -> None:
    document = _document(dataset, "ar")
    assert _charts_only(document) == _charts_only(_document(dataset, "ar"))


def _page_image(pdf: bytes, page: int) -> np.ndarray:
    document = pdfium.PdfDocument(pdf)
    image = document[page].render(scale=50 / 72, grayscale=True).to_numpy()
    document.close()
    return image[..., 0] if image.ndim == 3 else image


def test_reference_image_catches_a_changed_chart(dataset: Dataset) -> None:
    """The reviewed page-1 image still fails when one bar of the chart changes."""
    from PIL import Image
    from test_reference_images import matches_reference, page_image

    document = _document(dataset, "ar")
    expected = np.asarray(Image.open(REFERENCES / "brief_ar_h1-p1.png").convert("L"))
    assert matches_reference(page_image(render_pdf(document), 0), expected)
    shares = _spec(document, b.ShareBars)
    assert isinstance(shares, b.ShareBars)
    changed_spec = dataclasses.replace(shares, shares=(shares.shares[0] / 2, *shares.shares[1:]))
    blocks = tuple(
        dataclasses.replace(block, spec=changed_spec)
        if isinstance(block, b.Chart) and block.spec is shares
        else block
        for block in document.blocks
    )
    changed = render_pdf(dataclasses.replace(document, blocks=blocks))
    assert not matches_reference(page_image(changed, 0), expected)


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_brief_size_stays_small(dataset: Dataset, locale: str) -> None:
    """One font subset shared by the page and the charts: a brief stays well under 200 KB."""
    pdf = render_pdf(_document(dataset, locale))
    assert len(pdf) < 200 * 1024


def _plain(text: str) -> str:
    """Without no-break spaces, directional isolates and marks (as a reader sees it)."""
    text = re.sub("[\u2066-\u2069\u200e\u200f]", "", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _small_dataset(tmp_path: Path) -> Dataset:
    """The synthetic quarterly data scaled down twenty times: totals of 0.3 to 0.4 bn, a
    segment of 1 M (MAD million, as the data gives them)."""
    import csv

    from reports.validation import require_valid

    source = Path(__file__).parent / "data" / "quarterly.csv"
    rows = list(csv.reader(source.open(encoding="utf-8")))
    for row in rows[1:]:
        row[3] = str(max(1, round(float(row[3]) / 20)))
    path = tmp_path / "small.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    data, _warnings = require_valid(path)
    return data


@pytest.mark.parametrize(
    ("locale", "unit", "other"),
    [("fr", "M MAD", "Md MAD"), ("en", "MAD million", "MAD billion"), ("ar", "مليون", "مليار")],
)
def test_trend_axis_in_millions_for_small_totals(
    tmp_path: Path, locale: str, unit: str, other: str
) -> None:
    """Totals under a billion: the trend chart is in millions (titles, ticks, bar labels), never
    0.2, 0.4… billion on its axis nor 0 (or 0,001) for a segment of 1 M."""
    document = _document(_small_dataset(tmp_path), locale, "2025-Q2")
    trend = _spec(document, b.TrendBars)
    assert isinstance(trend, b.TrendBars)
    pdf = _charts_only(document)
    text = _plain("\n".join(pdf_text(pdf)))
    for title in map(_plain, trend.titles):
        assert unit in title and title in text
    assert other not in text
    words = {w[3] for w in placed_words(pdf, 0)}
    # The total panel's axis: 0 to 400 (million), in hundreds; no fractional tick anywhere.
    assert {"100", "200", "300", "400"} <= words
    shares = _spec(document, b.ShareBars)
    assert isinstance(shares, b.ShareBars)
    share_words = {w for label in shares.value_labels for w in _plain(label).split()}
    assert not {w for w in words - share_words if re.fullmatch(r"0[.,]\d+", w)}, words
    # MAD million, as the data gives them
    assert tuple(map(_plain, trend.total_labels)) == ("322", "339", "358")
    kpo = next(s for s in trend.segments if s.key == "KPO")
    assert tuple(map(_plain, kpo.value_labels)) == ("1", "1", "1") and "1" in words
    assert {"322", "339", "358", "154"} <= words


def test_trend_axis_stays_in_billions_for_the_embedded_data(dataset: Dataset) -> None:
    trend = _spec(_document(dataset, "fr"), b.TrendBars)
    assert isinstance(trend, b.TrendBars)
    assert tuple(map(_plain, trend.titles)) == (
        "Exportations totales (Md MAD)",
        "Par segment (Md MAD)",
    )
    assert "13,4" in map(_plain, trend.total_labels)


def test_blank_figures_are_independent_copies() -> None:
    """Charts of one shape start from the same blank figure: each call gets its own figure
    (the first one made for it, the next ones copies of a kept blank)."""
    from reports.charts.base import blank_figure, new_figure

    made = [blank_figure(100.0, 50.0, (0.1, 0.1, 0.8, 0.8), ticks=(2, 5)) for _ in range(3)]
    assert len({id(figure) for figure, _ in made}) == 3
    (first,), (copy,), (later,) = (axes for _, axes in made)
    assert len(later.yaxis.majorTicks) == 5 and len(later.xaxis.majorTicks) == 2
    copy.bar([0.5], [3.0])  # a copy, changed: neither the first figure nor the next copy sees it
    copy.set_xlim(5, 6)
    copy.set_position((0.2, 0.2, 0.5, 0.5))
    for other in (first, later):
        assert not other.patches and other.get_xlim() == (0.0, 1.0)
        assert tuple(other.get_position().bounds) == pytest.approx((0.1, 0.1, 0.8, 0.8))
    # the moved Axes' own parts follow it, as in a figure made from scratch
    fresh = new_figure(100.0, 50.0).add_axes((0.2, 0.2, 0.5, 0.5))
    fresh.bar([0.5], [3.0])
    fresh.set_xlim(5, 6)
    for name in ("left", "bottom"):
        moved = copy.spines[name].get_window_extent().bounds
        assert moved == pytest.approx(fresh.spines[name].get_window_extent().bounds)


def test_chart_after_others_has_the_bytes_of_a_new_process(dataset: Dataset) -> None:
    """A chart made after charts of the same shapes (other periods, other languages) in one
    process has the bytes it has in a process of its own."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from conftest import require_valid, default_data_path; "
        "from test_charts import _charts_only, _document; "
        "sys.stdout.buffer.write(_charts_only("
        "_document(require_valid(default_data_path())[0], 'ar', '2025-H1')))"
    )
    alone = _output_of(code)
    for period in ("2024", "2025-H1"):
        for locale in ("fr", "ar", "en"):
            _charts_only(_document(dataset, locale, period))
    assert _charts_only(_document(dataset, "ar", "2025-H1")) == alone


def _output_of(code: str) -> bytes:
    import subprocess

    run = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent)], capture_output=True, check=True
    )
    return run.stdout


def test_charts_skipping_unread_work_draw_the_same_bytes(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work the charts skip (bars' data limits of Axes whose limits are given, measuring
    tick labels no axis label or offset text needs) changes nothing on the page: the charts
    drawn with matplotlib doing all of it have the same bytes, in every direction."""
    import reports.charts.base as base
    import reports.render.chart as chart

    documents = [
        _document(dataset, locale, period)
        for locale in ("fr", "ar")
        for period in ("2024", "2025-H1")
    ]
    fast = [_charts_only(d) for d in documents]
    monkeypatch.setattr(base, "_BLANKS", {})
    monkeypatch.setattr(base, "_MADE", set())
    monkeypatch.setattr(base, "_skip_patch_limits", lambda ax: None)
    monkeypatch.setattr(chart, "_unmeasured_tick_labels", lambda figure: [])
    assert [_charts_only(d) for d in documents] == fast


def test_limits_given_skips_data_limits_only() -> None:
    from reports.charts.base import blank_figure

    for _ in range(2):  # the first figure of a shape, then a copy of the kept blank
        _, (given,) = blank_figure(90.0, 40.0, (0.1, 0.1, 0.8, 0.8), limits_given=True)
        given.bar([0.0, 1.0], [2.0, 5.0])
        assert not np.isfinite(given.dataLim.get_points()).any()  # nothing computed
        given.set_xlim(-1, 2)
        given.set_ylim(0, 6)
        assert given.get_xlim() == (-1, 2) and given.get_ylim() == (0, 6)
    _, (auto,) = blank_figure(90.0, 40.0, (0.1, 0.1, 0.8, 0.8))
    auto.bar([0.0, 1.0], [2.0, 5.0])
    assert auto.dataLim.bounds == pytest.approx((-0.4, 0.0, 1.8, 5.0))
    assert auto.get_ylim()[1] > 5.0  # autoscaled


def test_tick_labels_measured_only_where_needed() -> None:
    """Tick labels are not measured before drawing an axis without a label whose formatter has
    no offset; they are for an axis with a label, a shared axis or a scalar formatter; and the
    axes are as matplotlib made them after drawing."""
    from reportlab.pdfgen.canvas import Canvas

    from reports.charts.base import new_figure
    from reports.render.chart import _unmeasured_tick_labels, draw_figure

    figure = new_figure(120.0, 60.0)
    plain = figure.add_axes((0.1, 0.1, 0.3, 0.8))
    plain.set_xticks([0, 1], ["a", "b"])
    plain.yaxis.set_major_formatter(lambda value, _pos: f"{value:g}")
    labelled = figure.add_axes((0.6, 0.1, 0.3, 0.8))
    labelled.set_xticks([0, 1], ["a", "b"])
    labelled.set_xlabel("x")
    shared = figure.add_axes((0.6, 0.5, 0.3, 0.4), sharex=labelled)
    shared.set_xticks([0, 1], ["a", "b"])
    skipped = _unmeasured_tick_labels(figure)
    assert skipped == [plain.xaxis, plain.yaxis]  # labelled's y axis: a scalar formatter
    for axis in skipped:
        del vars(axis)["_get_ticklabel_bboxes"]
    draw_figure(figure, Canvas(io.BytesIO()))
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            assert "_get_ticklabel_bboxes" not in vars(axis)


def _grid_style(ax: Any) -> None:
    ax.yaxis.grid(True, color="#123456")
    ax.spines["top"].set_visible(False)


def test_blank_style_is_set_once_and_copied() -> None:
    """A blank figure's style is on the first figure of its shape and on every copy; a blank of
    the same size without it (or with another) is another shape."""
    from reports.charts.base import blank_figure

    rect = (0.1, 0.1, 0.8, 0.8)
    calls: list[Any] = []

    def counted(ax: Any) -> None:
        calls.append(ax)
        _grid_style(ax)

    styled = [blank_figure(80.0, 30.0, rect, ticks=(1, 3), style=counted)[1][0] for _ in range(4)]
    # the blank kept for copies; before it, the first figure if it was used as made
    assert len(calls) in (1, 2)
    for ax in styled:
        assert all(t.gridline.get_visible() for t in ax.yaxis.get_major_ticks())
        assert to_rgb(ax.yaxis.get_major_ticks()[0].gridline.get_color()) == to_rgb("#123456")
        assert not ax.spines["top"].get_visible()
    (plain,) = blank_figure(80.0, 30.0, rect, ticks=(1, 3))[1]
    assert not any(t.gridline.get_visible() for t in plain.yaxis.get_major_ticks())


def test_charts_of_a_left_to_right_brief_in_arabic_indic_digits_read_left_to_right(
    dataset: Dataset,
) -> None:
    # French with --digits arab: "Part dans le total des exportations, ٢٠٢٤" kept its year at
    # the end, and "٤٠٫٣ ٪" its % after the number, as in the table: the chart's labels are
    # laid out in the page's direction, not right to left because they hold Arabic-Indic digits.
    loc = Localizer.for_tag("fr", "arab")
    document = build_document(dataset, compute(dataset, Period.parse("2024")), loc, load_layout())
    words = placed_words(_charts_only(document), 0)

    def row_of(word: str) -> list[tuple[float, float, float, str]]:
        top = next(w[0] for w in words if w[3] == word)
        return sorted((w for w in words if abs(w[0] - top) < 1), key=lambda w: w[1])

    title = [w[3] for w in row_of("exportations,")]
    assert title[:2] == ["Part", "dans"] and title[-2] == "exportations,", title
    assert set(title[-1]) == set("٢٠٤"), title  # the year, last
    ito = [w[3] for w in row_of("informatiques")]
    assert ito[-1] == "٪" and set(ito[-2]) == set("٤٠٫٣"), ito  # 40,3 %: the % after


def test_blank_figures_make_minor_ticks_when_asked() -> None:
    """Blanks hold no minor tick, yet a chart that turns minor ticks on draws the page a
    figure made from scratch draws."""
    from reportlab.pdfgen.canvas import Canvas

    from reports.charts.base import blank_figure, chart_style, new_figure
    from reports.render.chart import draw_figure
    from reports.render.fonts import register_fonts

    register_fonts()
    rect = (0.15, 0.2, 0.8, 0.7)

    def scratch() -> Any:
        with chart_style():
            figure = new_figure(60.0, 40.0)
            figure.add_axes(rect)
        return figure

    def page(figure: Any) -> bytes:
        ax = figure.axes[0]
        ax.plot([0.0, 1.0, 2.0], [1.0, 3.0, 2.0])
        ax.minorticks_on()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        with chart_style():
            draw_figure(figure, canvas)
        canvas.showPage()
        canvas.save()
        assert len(ax.xaxis.get_minor_ticks()) > 4
        return buffer.getvalue()

    blanks = [blank_figure(60.0, 40.0, rect, ticks=(2, 6))[0] for _ in range(3)]
    assert not blanks[2].axes[0].xaxis.minorTicks
    assert {page(figure) for figure in blanks} == {page(scratch())}


def test_blanks_are_kept_from_the_first_chart_once_a_process_builds_several(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first two shapes of a process (a one-brief build) are used as made, not pickled; a
    blank of theirs is kept at their second chart; any later shape is kept at its first."""
    import reports.charts.base as base

    monkeypatch.setattr(base, "_BLANKS", {})
    monkeypatch.setattr(base, "_MADE", set())
    rect = (0.1, 0.1, 0.8, 0.8)
    base.blank_figure(70.0, 30.0, rect)
    base.blank_figure(70.0, 35.0, rect)
    assert not base._BLANKS  # a one-brief build: nothing pickled
    base.blank_figure(70.0, 30.0, rect)
    assert [s[1] for s in base._BLANKS] == [30.0]
    base.blank_figure(70.0, 40.0, rect)  # a third shape: kept at once
    assert sorted(s[1] for s in base._BLANKS) == [30.0, 40.0]
