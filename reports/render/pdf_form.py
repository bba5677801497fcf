"""Place a one-page vector PDF (a matplotlib chart) in a reportlab document as a Form XObject.

The chart keeps its vectors and its text (searchable, Arabic included). pypdf reads the page;
its objects are rewritten as reportlab PDF objects, so no rasterisation and no unmaintained reader.
"""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable


class _Converter:
    """Rewrites pypdf objects as reportlab ones, sharing each indirect object once."""

    def __init__(self, document: Any, prefix: str) -> None:
        self.document = document
        self.prefix = prefix
        self.seen: dict[int, Any] = {}
        self.count = 0  # objects named so far, under this chart's own prefix

    def convert(self, obj: Any) -> Any:
        if isinstance(obj, IndirectObject):
            key = obj.idnum
            if key not in self.seen:
                target = obj.get_object()
                placeholder = self._reference_for(target)
                self.seen[key] = placeholder
            return self.seen[key]
        return self._direct(obj)

    def _reference_for(self, target: Any) -> Any:
        converted = self._direct(target)
        if isinstance(converted, pdfdoc.PDFStream | pdfdoc.PDFDictionary):
            self.count += 1
            name = f"{self.prefix}o{self.count}"
            return self.document.Reference(converted, name)
        return converted

    def _direct(self, obj: Any) -> Any:
        if isinstance(obj, StreamObject):
            dictionary = pdfdoc.PDFDictionary()
            for key, value in obj.items():
                if key != "/Length":
                    dictionary[key[1:]] = self.convert(value)
            # Keep the encoded bytes and their /Filter: reportlab does not filter them again.
            raw = obj._data if "/Filter" in obj else obj.get_data()
            return pdfdoc.PDFStream(dictionary, raw)
        if isinstance(obj, DictionaryObject):
            dictionary = pdfdoc.PDFDictionary()
            for key, value in obj.items():
                dictionary[key[1:]] = self.convert(value)
            return dictionary
        if isinstance(obj, ArrayObject):
            return pdfdoc.PDFArray([self.convert(v) for v in obj])
        if isinstance(obj, NameObject):
            return pdfdoc.PDFName(obj[1:])
        if isinstance(obj, BooleanObject):
            return pdfdoc.PDFtrue if obj else pdfdoc.PDFfalse
        if isinstance(obj, NumberObject):
            return int(obj)
        if isinstance(obj, FloatObject):
            return float(obj)
        if isinstance(obj, TextStringObject | ByteStringObject):
            data = obj.original_bytes if isinstance(obj, TextStringObject) else bytes(obj)
            return b"<" + data.hex().encode("ascii") + b">"
        if isinstance(obj, NullObject) or obj is None:
            return pdfdoc.PDFnull
        raise TypeError(f"unsupported PDF object {type(obj).__name__}")


def form_from_pdf(canvas: Canvas, pdf: bytes, name: str) -> tuple[float, float]:
    """Register the first page of ``pdf`` as form ``name`` on ``canvas``; return its size (pt)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    box = [float(v) for v in page.mediabox]
    document = canvas._doc
    converter = _Converter(document, name)
    contents = page.get_contents()
    data = contents.get_data() if isinstance(contents, ContentStream | StreamObject) else b""
    form = pdfdoc.PDFDictionary()
    form["Type"] = pdfdoc.PDFName("XObject")
    form["Subtype"] = pdfdoc.PDFName("Form")
    form["FormType"] = 1
    form["BBox"] = pdfdoc.PDFArray(box)
    resources = page.get("/Resources")
    if resources is not None:
        form["Resources"] = converter.convert(resources)
    stream = pdfdoc.PDFStream(form, data)
    internal = document.getXObjectName(name)
    document.Reference(stream, internal)
    return box[2] - box[0], box[3] - box[1]


class ChartFlowable(Flowable):
    """A vector chart placed at a fixed size (points); the form is registered on first draw."""

    def __init__(self, pdf: bytes, width: float, height: float, key: str) -> None:
        super().__init__()
        self.pdf = pdf
        self.width = width
        self.height = height
        self.key = key
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        registered = canvas._doc.__dict__.setdefault("_chart_forms", {})
        if self.key not in registered:
            registered[self.key] = form_from_pdf(canvas, self.pdf, self.key)
        form_w, form_h = registered[self.key]
        canvas.saveState()
        canvas.scale(self.width / form_w, self.height / form_h)
        canvas.doForm(self.key)
        canvas.restoreState()
