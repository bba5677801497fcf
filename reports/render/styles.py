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


def make_styles(rtl: bool) -> Styles:
    start = TA_RIGHT if rtl else TA_LEFT
    justify = TA_JUSTIFY

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": REGULAR, "textColor": INK, "alignment": start}
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        title=style("title", fontName=BOLD, fontSize=21, leading=27, textColor=NAVY, spaceAfter=6),
        subtitle=style("subtitle", fontSize=13, leading=18, textColor=INK, spaceAfter=4),
        context=style("context", fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=10),
        h1=style(
            "h1",
            fontName=BOLD,
            fontSize=13.5,
            leading=18,
            textColor=NAVY,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            fontName=BOLD,
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
        kf_value=style("kf_value", fontName=BOLD, fontSize=13.5, leading=17, textColor=NAVY),
        kf_label=style("kf_label", fontSize=8, leading=10.5, textColor=INK),
        kf_detail=style("kf_detail", fontSize=7, leading=9, textColor=MUTED),
        cell=style("cell", fontSize=8.5, leading=11),
        cell_num=style("cell_num", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        cell_head=style("cell_head", fontName=BOLD, fontSize=8, leading=10, textColor=NAVY),
        cell_head_num=style(
            "cell_head_num",
            fontName=BOLD,
            fontSize=8,
            leading=10,
            textColor=NAVY,
            alignment=TA_RIGHT,
        ),
        cell_total=style("cell_total", fontName=BOLD, fontSize=8.5, leading=11),
        cell_total_num=style(
            "cell_total_num", fontName=BOLD, fontSize=8.5, leading=11, alignment=TA_RIGHT
        ),
    )
