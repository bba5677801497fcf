"""Paragraph styles of the brief, for left-to-right and right-to-left pages."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reports.render.fonts import BOLD, REGULAR

NAVY = colors.HexColor("#1f4e79")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#5f6368")
RULE = colors.HexColor("#c9d3de")
PALE = colors.HexColor("#eef3f8")
ROW_ALT = colors.HexColor("#f6f8fa")


def tint(colour: colors.Color, strength: float) -> colors.Color:
    """``colour`` mixed with white: a pale background of the brand's colour."""
    return colors.Color(*(1 - strength * (1 - c) for c in (colour.red, colour.green, colour.blue)))


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    context: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    note: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    kf_value: ParagraphStyle
    kf_label: ParagraphStyle
    kf_detail: ParagraphStyle
    cell: ParagraphStyle
    cell_num: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_num: ParagraphStyle
    cell_total: ParagraphStyle
    cell_total_num: ParagraphStyle
    masthead: ParagraphStyle
    meta: ParagraphStyle


def make_styles(
    rtl: bool,
    regular: str = REGULAR,
    bold: str = BOLD,
    primary: colors.Color = NAVY,
) -> Styles:
    """The styles of one brief: its direction, fonts (regular, bold) and primary colour."""
    start = TA_RIGHT if rtl else TA_LEFT
    justify = TA_JUSTIFY

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": regular, "textColor": INK, "alignment": start}
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        title=style(
            "title", fontName=bold, fontSize=21, leading=27, textColor=primary, spaceAfter=6
        ),
        subtitle=style("subtitle", fontSize=13, leading=18, textColor=INK, spaceAfter=4),
        context=style("context", fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=10),
        h1=style(
            "h1",
            fontName=bold,
            fontSize=13.5,
            leading=18,
            textColor=primary,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            fontName=bold,
            fontSize=10.5,
            leading=14,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        body=style("body", fontSize=9.5, leading=14, alignment=justify, spaceAfter=5),
        lead=style("lead", fontSize=10.5, leading=15, alignment=justify, spaceAfter=6),
        note=style("note", fontSize=7.5, leading=10, textColor=MUTED, spaceBefore=2, spaceAfter=6),
        small=style("small", fontSize=8, leading=11, textColor=INK, spaceAfter=3),
        bullet=style("bullet", fontSize=9.5, leading=14, spaceAfter=3),
        kf_value=style("kf_value", fontName=bold, fontSize=13.5, leading=17, textColor=primary),
        kf_label=style("kf_label", fontSize=8, leading=10.5, textColor=INK),
        kf_detail=style("kf_detail", fontSize=7, leading=9, textColor=MUTED),
        cell=style("cell", fontSize=8.5, leading=11),
        cell_num=style("cell_num", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        cell_head=style("cell_head", fontName=bold, fontSize=8, leading=10, textColor=primary),
        cell_head_num=style(
            "cell_head_num",
            fontName=bold,
            fontSize=8,
            leading=10,
            textColor=primary,
            alignment=TA_RIGHT,
        ),
        cell_total=style("cell_total", fontName=bold, fontSize=8.5, leading=11),
        cell_total_num=style(
            "cell_total_num", fontName=bold, fontSize=8.5, leading=11, alignment=TA_RIGHT
        ),
        masthead=style("masthead", fontName=bold, fontSize=12, leading=15, textColor=primary),
        meta=style("meta", fontSize=8.5, leading=12, textColor=INK, spaceAfter=2),
    )
