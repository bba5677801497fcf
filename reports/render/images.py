"""Brand images (logo): PNG through reportlab's image reader, SVG through svglib as vector art."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=8)
def load_svg(path: Path) -> Any:
    """The SVG file as a reportlab Drawing (vector, scaled when drawn)."""
    import logging

    import reports.render.rl  # noqa: F401  (before svglib: reportlab without its URL pattern)

    # isort: split
    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)
    drawing = svg2rlg(str(path))
    if drawing is None or not drawing.width or not drawing.height:
        raise ValueError("not a drawable SVG image (no size or no content)")
    return drawing


def image_size(path: Path) -> tuple[float, float]:
    """Intrinsic width and height (points for SVG, pixels for PNG)."""
    if path.suffix.lower() == ".svg":
        drawing = load_svg(path)
        return float(drawing.width), float(drawing.height)
    from reportlab.lib.utils import ImageReader

    width, height = ImageReader(str(path)).getSize()
    return float(width), float(height)


def logo_flowable(path: str, max_height: float, max_width: float) -> tuple[Any, float]:
    """The logo scaled to fit ``max_width`` x ``max_height`` points, keeping its proportions,
    and its width."""
    from reportlab.platypus import Image

    source = Path(path)
    width, height = image_size(source)
    scale = min(max_height / height, max_width / width)
    if source.suffix.lower() == ".svg":
        from reportlab.graphics.shapes import Drawing, Group

        drawing = load_svg(source)
        group = Group(*drawing.contents)
        group.scale(scale, scale)
        scaled = Drawing(width * scale, height * scale)
        scaled.add(group)
        return scaled, width * scale
    return Image(str(source), width=width * scale, height=height * scale), width * scale
