"""The brief each language needs, ready to attach: built if missing, reused if current.

"Current" is the job pipeline's decision (:func:`reports.pipeline.run_job`, by input
fingerprint); this module adds what the email needs: the exact bytes, their SHA-256 (checked
against the pipeline's record), a content key for the delivery log, the localized texts and the
cover image.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from reports.deliver.content import BriefTexts, brief_texts
from reports.deliver.preview import cover_png
from reports.errors import DeliveryError
from reports.period import Period


@dataclass(frozen=True)
class ReadyBrief:
    """A brief on disk with what its email needs: bytes, digest, texts, cover image."""

    period: Period
    locale: str
    path: Path
    pdf: bytes
    sha256: str
    content_key: str  # what the brief says: its inputs' fingerprint, less the publication date
    texts: BriefTexts
    cover: bytes
    status: str  # "built" or "reused"


def ready_brief(
    period: Period,
    locale: str,
    out_dir: Path,
    data: Path | None = None,
    templates: Path | None = None,
    date: str = "",
) -> ReadyBrief:
    """The current brief of ``period`` in ``locale`` under ``out_dir``, and its email texts.

    ``date``: the publication date (``YYYY-MM-DD``) on the brief's cover and in its metadata."""
    from reports.fingerprint import fingerprint
    from reports.i18n.localizer import Localizer
    from reports.jobs import BriefJob
    from reports.pipeline import layout_for, load_data, run_job

    job = BriefJob.create(period, locale, "auto", data, templates, {"date": date} if date else None)
    result = run_job(job, out_dir)
    pdf = result.path.read_bytes()
    sha256 = hashlib.sha256(pdf).hexdigest()
    if sha256 != result.sha256:
        raise DeliveryError(f"{result.path} changed while it was being read; run send again")
    loaded = load_data(data)
    # A brief re-dated (built again on another day) says the same: it is not sent again.
    undated = replace(job, options=tuple(o for o in job.options if o[0] != "date"))
    content_key = fingerprint(undated, loaded.dataset).digest
    loc = Localizer.for_tag(job.locale, job.digits, job.catalogs)
    texts = brief_texts(loaded.dataset, loaded.metrics(period), loc, layout_for(job), len(pdf))
    return ReadyBrief(
        period=period,
        locale=job.locale,
        path=result.path,
        pdf=pdf,
        sha256=sha256,
        content_key=content_key,
        texts=texts,
        cover=cover_png(pdf),
        status="built" if result.status == "built" else "reused",
    )
