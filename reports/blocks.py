"""Render-neutral content of a brief: text already translated and numbers already formatted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


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
class ShareBars:
    """Horizontal bars, one per item (largest first), of shares given as fractions."""

    title: str
    labels: tuple[str, ...]
    shares: tuple[float, ...]
    value_labels: tuple[str, ...]  # the share of each bar, formatted
    colours: tuple[str, ...]  # colour key per bar: a segment code or "OTHER"
    hatched: tuple[bool, ...]  # derived / not broken down


@dataclass(frozen=True)
class Series:
    """One segment's values over the periods of a trend; ``None`` where the data has none."""

    key: str  # segment code (its colour)
    name: str
    values: tuple[float | None, ...]
    value_labels: tuple[str, ...]


@dataclass(frozen=True)
class TrendBars:
    """Two panels over comparable periods: the total (bars) and the segments (grouped bars)."""

    period_labels: tuple[str, ...]
    totals: tuple[float | None, ...]
    total_labels: tuple[str, ...]
    segments: tuple[Series, ...]  # only the segments with at least one value
    titles: tuple[str, str]  # (total panel, segment panel), with the unit
    not_available: str  # drawn in an empty slot
    tick_format: Callable[[float], str]  # value axis ticks, localized
    # Shorter forms of period_labels, tried in turn when a label is wider than its slot:
    # two lines (period name over the year), then the year alone (the note names the period).
    period_stacked: tuple[str, ...] = ()
    period_years: tuple[str, ...] = ()


ChartSpec = ShareBars | TrendBars


@dataclass(frozen=True)
class Chart:
    """A chart described by its data and localized words; render/ draws it."""

    spec: ChartSpec
    key: str  # unique within the brief
    description: str  # what the chart shows, in the brief's language
    rtl: bool  # right-to-left reading: mirrored axes, titles at the right
    colour: str = "#1f4e79"  # titles and the total's bars: the brand's primary colour


@dataclass(frozen=True)
class Masthead:
    """Who issues the brief: logo (PNG or SVG path) and organisation, at the top of the cover."""

    organisation: str
    logo: str = ""


@dataclass(frozen=True)
class Title:
    """The cover: title, subtitle (period), a line of context, publication date and contact."""

    title: str
    subtitle: str
    context: str = ""
    published: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Theme:
    """The brand's look: colours (#RRGGBB), a house font (TTF paths; empty = the default)
    and the classification carried by every page."""

    primary: str = "#1f4e79"
    accent: str = ""
    font: str = ""
    font_bold: str = ""
    classification: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Masthead | Title | Heading | Paragraph | Bullets | KeyFigures | Table | Chart | PageBreak


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
    theme: Theme = Theme()
    published: str = ""  # PDF date of the publication day (D:YYYYMMDD...), "" = reportlab's
