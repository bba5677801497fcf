"""A small PNG of a brief's first page, for the HTML part of its email (pypdfium2 rendering)."""

from __future__ import annotations

import io

from reports.errors import DeliveryError

PREVIEW_WIDTH = 400  # pixels; shown at 200 CSS pixels, sharp on high-density screens


def cover_png(pdf: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """Render page 1 of ``pdf`` at ``width`` pixels as a palette PNG (a few tens of kB).

    Raises :class:`DeliveryError` when the PDF cannot be rendered: a broken brief is never sent.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise DeliveryError(f"the brief is not a readable PDF: {exc}") from exc
    try:
        if len(document) == 0:
            raise DeliveryError("the brief has no page")
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.quantize(colors=256).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
