"""Render-neutral content of a brief: text already translated and numbers already formatted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # matplotlib stays unimported until a chart is drawn
    from reports.charts.base import ChartPdf


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = section (in the outline), 2 = sub-heading (nested in the outline)


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "lead", "note", "small"] = "body"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    style: Literal["body", "small"] = "body"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class KeyFigures:
    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # per column: numbers are aligned on the end side
    widths: tuple[float, ...]  # relative column widths
    total_row: bool = False  # the last row is a total
    muted_rows: tuple[int, ...] = ()  # rows drawn in grey (derived / not broken down)


@dataclass(frozen=True)
class Chart:
    chart: ChartPdf
    key: str  # unique within the brief


@dataclass(frozen=True)
class Title:
    """The cover: title, subtitle (period) and a line of context."""

    title: str
    subtitle: str
    context: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Title | Heading | Paragraph | Bullets | KeyFigures | Table | Chart | PageBreak


@dataclass(frozen=True)
class Document:
    """Everything the renderer needs; built per language by the section builders."""

    blocks: tuple[Block, ...]
    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]
    lang: str  # BCP 47 tag for /Lang
    rtl: bool
    footer: str  # left/right footer text (brief title and period)
    page_label: str  # e.g. "page {page} / {pages}", translated, digits still to format
    digits: Literal["latn", "arab"] = "latn"
