"""The words of a brief's email in one language: subject, plain text and HTML, from the catalogs.

The three headline figures are the first three key figures of the brief's own cover (same
section builder, same template options, same Localizer): the email never shows a number that
differs from the attached PDF.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass

from reports import blocks as b
from reports.dataset import Dataset
from reports.i18n.localizer import Localizer
from reports.metrics import PeriodMetrics
from reports.template import Layout

HEADLINE_FIGURES = 3
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f\u202a\u202b\u202c"))
_FILENAME_FORBIDDEN = dict.fromkeys(map(ord, '\\/:*?"<>|'), " ")


@dataclass(frozen=True)
class BriefTexts:
    """Everything a message for one language says, except the greeting's name."""

    language: str
    rtl: bool
    subject: str
    intro: str
    figures_heading: str
    figures: tuple[b.KeyFigure, ...]
    cover_alt: str
    sources: str
    closing: str
    attachment_note: str
    filename: str
    loc: Localizer

    def greeting(self, name: str) -> str:
        if name:
            return self.loc._("Dear {name},", name=name)
        return self.loc._("Dear Sir or Madam,")


def headline_figures(
    data: Dataset, metrics: PeriodMetrics, loc: Localizer, layout: Layout
) -> tuple[b.KeyFigure, ...]:
    """The first key figures of the brief's cover, as the brief prints them."""
    from reports.sections import BriefContext, registry

    spec = next((s for s in layout.sections if s.name == "cover"), None)
    options = spec.options if spec is not None else {}
    blocks = registry()["cover"](BriefContext(metrics=metrics, loc=loc, data=data), **options)
    figures = next((blk.items for blk in blocks if isinstance(blk, b.KeyFigures)), ())
    return tuple(figures[:HEADLINE_FIGURES])


def brief_texts(
    data: Dataset, metrics: PeriodMetrics, loc: Localizer, layout: Layout, pdf_size: int
) -> BriefTexts:
    """The localized texts of the email carrying the brief of ``metrics.period``."""
    period = metrics.period
    filename = attachment_filename(
        loc._("Digital services exports {period}", period=loc.period(period))
    )
    return BriefTexts(
        language=loc.language,
        rtl=loc.rtl,
        subject=loc._(
            "Brief: exports of digital and outsourcing services, {period}",
            period=loc.period(period, long=True),
        ),
        intro=loc._(
            "Please find attached our brief on Morocco's exports of digital and outsourcing"
            " services {when}.",
            when=loc.period_in(period),
        ),
        figures_heading=loc._("Headline figures"),
        figures=headline_figures(data, metrics, loc, layout),
        cover_alt=loc._("First page of the brief"),
        sources=loc._(
            "Every figure comes from official statistics as cited by the press; its source is"
            " cited on the last page of the brief."
        ),
        closing=loc._("Kind regards,"),
        attachment_note=loc._(
            "Attached: {filename} (PDF, {size}).",
            # Isolated: in right-to-left text, "….pdf" would otherwise break apart.
            filename=f"\u2068{filename}\u2069" if loc.rtl else filename,
            size=file_size(pdf_size, loc),
        ),
        filename=filename,
        loc=loc,
    )


def file_size(size: int, loc: Localizer) -> str:
    """``412 kB``, ``1,2 Mo``: CLDR unit names, the brief's digits."""
    from babel.units import format_unit

    if size < 1_000_000:
        value, unit = loc.integer(max(1, round(size / 1000))), "digital-kilobyte"
    else:
        value, unit = loc.number(size / 1_000_000, 1), "digital-megabyte"
    return str(format_unit(value, unit, length="short", locale=loc.locale))


def attachment_filename(name: str) -> str:
    """A file name every mail client and file system accepts (RFC 2231 handles non-ASCII)."""
    text = unicodedata.normalize("NFC", name).translate(_BIDI_CONTROLS)
    text = text.translate(_FILENAME_FORBIDDEN)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split()) + ".pdf"


def plain_text(texts: BriefTexts, name: str) -> str:
    """The text/plain part."""
    lines = [texts.greeting(name), "", texts.intro, "", texts.figures_heading]
    for figure in texts.figures:
        lines.append(f"  • {figure.value} — {figure.label}")
        if figure.detail:
            lines.append(f"    {figure.detail}")
    lines += ["", texts.sources, "", texts.attachment_note, "", texts.closing]
    return "\n".join(lines) + "\n"


def html_text(texts: BriefTexts, name: str, cover_cid: str) -> str:
    """The text/html part: one column, inline styles, the cover image by Content-ID."""
    e = html.escape
    direction = "rtl" if texts.rtl else "ltr"
    align = "right" if texts.rtl else "left"
    font = (
        "'Noto Naskh Arabic','Geeza Pro',Tahoma,Arial,sans-serif"
        if texts.rtl
        else "'Segoe UI',Helvetica,Arial,sans-serif"
    )
    rows = "\n".join(
        f'<tr><td style="padding:6px 0;border-top:1px solid #e3e7ec;font-size:20px;'
        f'font-weight:bold;color:#0b4f6c;white-space:nowrap;vertical-align:top">{e(f.value)}</td>'
        f'<td style="padding:6px 12px;border-top:1px solid #e3e7ec;font-size:14px;'
        f'vertical-align:top">{e(f.label)}'
        + (
            f'<br><span style="color:#5f6b7a;font-size:12px">{e(f.detail)}</span>'
            if f.detail
            else ""
        )
        + "</td></tr>"
        for f in texts.figures
    )
    cid = cover_cid.strip("<>")
    return f"""<!DOCTYPE html>
<html lang="{e(texts.loc.tag.replace("_", "-"))}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(texts.subject)}</title>
</head>
<body dir="{direction}" style="margin:0;padding:0;background:#f3f5f8">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f8">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" dir="{direction}" \
style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:{font};\
color:#1f2933;text-align:{align};line-height:1.5">
<tr><td style="padding:28px 32px">
<p style="margin:0 0 16px">{e(texts.greeting(name))}</p>
<p style="margin:0 0 20px">{e(texts.intro)}</p>
<h2 style="margin:0 0 8px;font-size:16px;color:#0b4f6c">{e(texts.figures_heading)}</h2>
<table role="presentation" cellpadding="0" cellspacing="0" dir="{direction}" \
style="width:100%;margin:0 0 20px;text-align:{align}">
{rows}
</table>
<p style="margin:0 0 20px;text-align:center"><img src="cid:{e(cid)}" alt="{e(texts.cover_alt)}" \
width="200" style="width:200px;max-width:100%;height:auto;border:1px solid #d5dbe3"></p>
<p style="margin:0 0 12px;font-size:13px;color:#5f6b7a">{e(texts.sources)}</p>
<p style="margin:0 0 20px;font-size:13px;color:#5f6b7a">{e(texts.attachment_note)}</p>
<p style="margin:0">{e(texts.closing)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
"""
