"""The brief each language needs, ready to attach: built if missing, reused if current."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reports.deliver.content import BriefTexts, brief_texts
from reports.deliver.preview import cover_png
from reports.period import Period


@dataclass(frozen=True)
class ReadyBrief:
    """A brief on disk with what its email needs: bytes, digest, texts, cover image."""

    period: Period
    locale: str
    path: Path
    pdf: bytes
    sha256: str
    texts: BriefTexts
    cover: bytes
    status: str  # "built" or "reused"


def ready_brief(
    period: Period,
    locale: str,
    out_dir: Path,
    data: Path | None = None,
    templates: Path | None = None,
) -> ReadyBrief:
    """The current brief of ``period`` in ``locale`` under ``out_dir``, and its email texts."""
    from reports.i18n.localizer import Localizer
    from reports.metrics import compute
    from reports.pipeline import brief_path, build_brief, write_atomic
    from reports.resources import default_data_path
    from reports.template import load_layout
    from reports.validation import require_valid

    dataset, _warnings = require_valid(data or default_data_path())
    layout = load_layout(templates / "brief.toml" if templates is not None else None)
    metrics = compute(dataset, period)
    pdf = build_brief(dataset, period, locale, layout, metrics=metrics)
    path = brief_path(out_dir, period, locale)
    status = "reused" if path.exists() and path.read_bytes() == pdf else "built"
    if status == "built":
        write_atomic(path, pdf)
    loc = Localizer.for_tag(locale)
    return ReadyBrief(
        period=period,
        locale=locale,
        path=path,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        texts=brief_texts(dataset, metrics, loc, layout, len(pdf)),
        cover=cover_png(pdf),
        status=status,
    )
