"""Draw a matplotlib figure straight onto the page's reportlab canvas, as vectors and real text.

:class:`CanvasRenderer` is a small matplotlib renderer: matplotlib lays the figure out (ticks,
legends, text alignment) and calls it with paths and text; it paints them with reportlab's canvas
operators. Text is set in the page's own registered fonts (DejaVu Sans), so a chart's glyphs join
the page's font subset: no second copy of the font and no per-chart subsetting. Right-to-left text
goes through the page's seam (:func:`reports.i18n.rtl.visual_line`): shaped, reordered, extractable.
Any font family a figure asks for is drawn in the page's face (bold weights in its bold face).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import reports.render.mpl  # (first: matplotlib loaded without set() docstrings)
import reports.render.rl  # noqa: F401  (first: reportlab without compiling its URL pattern)

# isort: split
import numpy as np
from matplotlib.axis import Axis
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.path import Path
from matplotlib.ticker import FixedFormatter, FuncFormatter, NullFormatter
from matplotlib.transforms import Affine2D, Transform
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

from reports import blocks as b
from reports.i18n.rtl import is_rtl_text, shape, visual_line
from reports.i18n.text_layer import text_layer_line
from reports.render.fonts import BOLD, REGULAR, face_path

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_BOLD_WEIGHTS = frozenset(("semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black"))
_HATCH_TILE = 72.0  # points, as matplotlib's PDF backend


def _face(prop: FontProperties, faces: tuple[str, str] = (REGULAR, BOLD)) -> str:
    weight = prop.get_weight()
    bold = weight >= 600 if isinstance(weight, int) else weight in _BOLD_WEIGHTS
    return faces[1] if bold else faces[0]


@lru_cache(maxsize=8192)
def _text_metrics(
    text: str, face: str, size: float, rtl_page: bool = False
) -> tuple[str, float, float, float]:
    """(text drawn, in visual order; width, ink height, descent in points): width as reportlab
    draws it, height and descent from the glyph outlines, as matplotlib measures them. On a
    left-to-right page every label reads left to right, Arabic-Indic digits and all."""
    visual = visual_line(text, None if rtl_page else False)
    width = float(stringWidth(visual, face, size))
    ft = get_font(face_path(face))
    ft.set_size(size, 72)
    ft.set_text(visual, 0.0, flags=LoadFlags.NO_HINTING)
    _, height = ft.get_width_height()
    return visual, width, height / 64.0, ft.get_descent() / 64.0


@lru_cache(maxsize=8192)
def _text_layer(text: str, rtl_page: bool) -> str:
    """The visual text with its text-layer codes (:mod:`reports.i18n.text_layer`): what extractors
    read back in logical order, also on a right-to-left page for a left-to-right label."""
    return text_layer_line(shape(text), rtl_page and is_rtl_text(text), in_rtl_page=rtl_page)


@lru_cache(maxsize=256)
def _font_height_metrics(face: str, size: float) -> tuple[float, float, float]:
    """(ascent, descent, line gap) of the face at ``size`` points, from its OS/2 table."""
    ft = get_font(face_path(face))
    os2: Any = ft.get_sfnt_table("OS/2")
    head: Any = ft.get_sfnt_table("head")
    scale = size / head["unitsPerEm"]
    return (
        os2["sTypoAscender"] * scale,
        -os2["sTypoDescender"] * scale,
        os2["sTypoLineGap"] * scale,
    )


class CanvasRenderer(RendererBase):
    """Paints a figure laid out at 72 dpi (1 pixel = 1 point) onto ``canvas`` at its origin."""

    def __init__(
        self,
        canvas: Canvas,
        width: float,
        height: float,
        faces: tuple[str, str] = (REGULAR, BOLD),
        rtl_page: bool = False,
    ) -> None:
        super().__init__()
        self.faces = faces  # (regular, bold): the page's fonts
        self.rtl_page = rtl_page  # on a right-to-left page (its text layer reads right to left)
        self.canvas = canvas
        self.width = width
        self.height = height

    # -- what matplotlib asks of a renderer -------------------------------------------------
    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def option_image_nocomposite(self) -> bool:
        return True

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: Any
    ) -> tuple[float, float, float]:
        _, width, height, descent = _text_metrics(
            s, _face(prop, self.faces), prop.get_size_in_points(), self.rtl_page
        )
        return width, height, descent

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[float, float, float]:
        """What matplotlib's text layout would read from the font itself, cached per size."""
        return _font_height_metrics(_face(prop), prop.get_size_in_points())

    # -- drawing ----------------------------------------------------------------------------
    def draw_path(
        self,
        gc: GraphicsContextBase,
        path: Path,
        transform: Transform,
        rgbFace: Any = None,
    ) -> None:
        canvas = self.canvas
        alphas = _alphas(gc, rgbFace)
        fill = rgbFace is not None and alphas[1] > 0
        stroke = gc.get_linewidth() > 0 and alphas[0] > 0
        hatch = gc.get_hatch_path()
        if not (fill or stroke or hatch is not None):
            return
        canvas.saveState()
        self._clip(gc)
        outline = self._path(path, transform)
        if fill:
            canvas.setFillColorRGB(*rgbFace[:3], alpha=_opacity(alphas[1]))
            canvas.drawPath(outline, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        if hatch is not None:
            self._hatch(gc, hatch, outline, path, transform)
        if stroke:
            self._stroke_style(gc, alphas[0])
            canvas.drawPath(outline, stroke=1, fill=0)
        canvas.restoreState()

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        face = _face(prop, self.faces)
        size = prop.get_size_in_points()
        if not _text_metrics(s, face, size, self.rtl_page)[0].strip():
            return
        drawn = _text_layer(s, self.rtl_page)
        canvas = self.canvas
        canvas.saveState()
        self._clip(gc)
        r, g, b_, a = gc.get_rgb()
        canvas.setFillColorRGB(
            r, g, b_, alpha=_opacity(gc.get_alpha() if gc.get_forced_alpha() else a)
        )
        canvas.translate(x, y)
        if angle:
            canvas.rotate(angle)
        canvas.setFont(face, size)
        canvas.drawString(0, 0, drawn)
        canvas.restoreState()

    def draw_image(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        im: Any,
        transform: Any = None,
    ) -> None:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        height, width = im.shape[:2]
        canvas = self.canvas
        canvas.saveState()
        self._clip(gc)
        if transform is not None:
            canvas.transform(*transform.frozen().to_values())
            x = y = 0.0
        image = ImageReader(Image.fromarray(np.asarray(im, dtype=np.uint8)))
        canvas.drawImage(image, x, y, width, height, mask="auto")
        canvas.restoreState()

    # -- helpers ----------------------------------------------------------------------------
    def _path(self, path: Path, transform: Transform) -> PDFPathObject:
        outline = self.canvas.beginPath()
        start = last = (0.0, 0.0)
        for vertices, code in path.iter_segments(transform, simplify=False, curves=True):
            if code == Path.MOVETO:
                outline.moveTo(*vertices)
                start = (vertices[0], vertices[1])
            elif code == Path.LINETO:
                outline.lineTo(*vertices)
            elif code == Path.CURVE4:
                outline.curveTo(*vertices)
            elif code == Path.CURVE3:  # quadratic -> cubic, from the current point
                (x0, y0), (cx, cy, x3, y3) = last, vertices
                outline.curveTo(
                    x0 + 2 / 3 * (cx - x0),
                    y0 + 2 / 3 * (cy - y0),
                    x3 + 2 / 3 * (cx - x3),
                    y3 + 2 / 3 * (cy - y3),
                    x3,
                    y3,
                )
            elif code == Path.CLOSEPOLY:
                outline.close()
                last = start
                continue
            last = (vertices[-2], vertices[-1])
        return outline

    def _clip(self, gc: GraphicsContextBase) -> None:
        canvas = self.canvas
        box = gc.get_clip_rectangle()
        if box is not None:
            x0, y0, x1, y1 = box.extents
            rect = canvas.beginPath()
            rect.rect(x0, y0, x1 - x0, y1 - y0)
            canvas.clipPath(rect, stroke=0, fill=0, fillMode=FILL_NON_ZERO)
        clip: Any = gc.get_clip_path()  # (Path, affine) or (None, None)
        clip_path, clip_transform = clip
        if clip_path is not None:
            canvas.clipPath(
                self._path(clip_path, clip_transform), stroke=0, fill=0, fillMode=FILL_NON_ZERO
            )

    def _stroke_style(self, gc: GraphicsContextBase, alpha: float) -> None:
        canvas = self.canvas
        r, g, b_ = gc.get_rgb()[:3]
        canvas.setStrokeColorRGB(r, g, b_, alpha=_opacity(alpha))
        canvas.setLineWidth(gc.get_linewidth())
        canvas.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
        canvas.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
        dashed: Any = gc.get_dashes()  # (offset, on-off lengths), in points like the line width
        offset, dashes = dashed
        if dashes is not None and len(dashes):
            canvas.setDash([float(d) for d in dashes], float(offset or 0))

    def _hatch(
        self,
        gc: GraphicsContextBase,
        hatch: Path,
        outline: PDFPathObject,
        path: Path,
        transform: Transform,
    ) -> None:
        """Tile the hatch pattern over the path's box, clipped to the path (tiles anchored at
        the figure's top-left corner, as matplotlib's PDF backend does)."""
        canvas = self.canvas
        x0, y0, x1, y1 = path.get_extents(transform).extents
        canvas.saveState()
        canvas.clipPath(outline, stroke=0, fill=0, fillMode=FILL_NON_ZERO)
        r, g, b_ = to_rgb(gc.get_hatch_color())
        canvas.setStrokeColorRGB(r, g, b_)
        canvas.setFillColorRGB(r, g, b_)
        canvas.setLineWidth(gc.get_hatch_linewidth())
        tile = _HATCH_TILE
        top = self.height
        i0, i1 = int(np.floor(x0 / tile)), int(np.ceil(x1 / tile))
        j0, j1 = int(np.floor((y0 - top) / tile)), int(np.ceil((y1 - top) / tile))
        for i in range(i0, i1):
            for j in range(j0, j1):
                place = Affine2D().scale(tile).translate(i * tile, top + j * tile)
                canvas.drawPath(self._path(hatch, place), stroke=1, fill=1, fillMode=FILL_NON_ZERO)
        canvas.restoreState()


def _alphas(gc: GraphicsContextBase, rgb_face: Any) -> tuple[float, float]:
    """(stroke, fill) opacity, as matplotlib's PDF backend derives them."""
    rgb = gc.get_rgb()
    if gc.get_forced_alpha():
        return gc.get_alpha(), gc.get_alpha()
    stroke = rgb[3] if len(rgb) > 3 else 1.0
    fill = 1.0 if rgb_face is None or len(rgb_face) < 4 else float(rgb_face[3])
    return stroke, fill


def _opacity(alpha: float) -> float | None:
    """``None`` (no graphics state written) when opaque."""
    return None if alpha >= 1.0 else float(alpha)


def draw_figure(
    figure: Figure,
    canvas: Canvas,
    faces: tuple[str, str] = (REGULAR, BOLD),
    rtl_page: bool = False,
) -> None:
    """Paint ``figure`` with its bottom-left corner at the canvas origin, 1 inch = 72 points."""
    figure.set_dpi(72)
    width, height = (float(v) * 72 for v in figure.get_size_inches())
    _unlabelled_axes_fixed(figure)
    unmeasured = _unmeasured_tick_labels(figure)
    try:
        figure.draw(CanvasRenderer(canvas, width, height, faces, rtl_page))
    finally:
        for axis in unmeasured:
            del vars(axis)["_get_ticklabel_bboxes"]


def _unlabelled_axes_fixed(figure: Figure) -> None:
    """An axis without a label has nothing to place: its (empty) label is pinned where it is,
    so matplotlib does not measure every tick label of the axis a second time to move it."""
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.label.get_text():
                x, y = axis.label.get_position()
                axis.set_label_coords(x, y, transform=axis.label.get_transform())


def _no_bboxes(ticks: Any, renderer: Any) -> tuple[list[Any], list[Any]]:
    return [], []


def _unmeasured_tick_labels(figure: Figure) -> list[Axis]:
    """The axes whose tick labels need not be measured before they are drawn, set so.

    Drawing an axis, matplotlib first measures every tick label (a full text layout each) for
    two uses only: moving the axis label clear of them, and placing the offset text ("1e6").
    With no label (pinned by :func:`_unlabelled_axes_fixed`) and a formatter that never shows
    an offset (fixed labels, a function), neither is drawn, so the measures are not taken: the
    axis's private ``_get_ticklabel_bboxes`` is shadowed on that axis while it is drawn (not at
    all if this matplotlib has no such method). Shared axes are left alone: a sibling's label
    is placed clear of their tick labels too."""
    axes = []
    for ax in figure.axes:
        shared = (ax.get_shared_x_axes(), ax.get_shared_y_axes())
        for axis, group in zip((ax.xaxis, ax.yaxis), shared, strict=True):
            formatter = axis.get_major_formatter()
            if (
                len(group.get_siblings(ax)) == 1  # a shared axis's label also avoids this one's
                and not axis.label.get_text()
                and isinstance(formatter, (FixedFormatter, FuncFormatter, NullFormatter))
                and not formatter.get_offset()
                and callable(getattr(type(axis), "_get_ticklabel_bboxes", None))
            ):
                vars(axis)["_get_ticklabel_bboxes"] = _no_bboxes
                axes.append(axis)
    return axes


class ChartFlowable(Flowable):
    """A chart block as a platypus flowable: the figure is built at once, drawn on the page."""

    def __init__(self, chart: b.Chart, faces: tuple[str, str] = (REGULAR, BOLD)) -> None:
        from reports.charts import figure_for

        super().__init__()
        self.chart = chart
        self.faces = faces
        self.figure = figure_for(chart)
        self.width, self.height = (float(v) * 72 for v in self.figure.get_size_inches())
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reports.charts.base import chart_style

        with chart_style():
            draw_figure(self.figure, self.canv, self.faces, self.chart.rtl)
