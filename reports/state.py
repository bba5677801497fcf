"""What was built: one small record per brief, so an unchanged brief is skipped next time.

Records live apart from the briefs, under ``OUT/.reports/`` (``OUT/.reports/2025-H1/
brief-2025-H1-fr.pdf.json``), so a period's folder holds PDFs only. A record is written after its
PDF, and a brief counts as current only when its record's fingerprint is the current one *and* the
file on disk still has the recorded size and SHA-256: a brief edited, truncated or replaced by hand
is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reports.jobs import BriefJob

STATE_DIR = ".reports"


@dataclass(frozen=True)
class Record:
    """The last build of one brief."""

    fingerprint: str
    parts: dict[str, str]
    sha256: str
    size: int
    pages: int
    title: str
    subject: str


def record_path(out_dir: Path, job: BriefJob) -> Path:
    return out_dir.joinpath(STATE_DIR, *job.relpath.parts[:-1], job.relpath.name + ".json")


def read_record(out_dir: Path, job: BriefJob) -> Record | None:
    """The recorded build of ``job``, or None (never built, or an unreadable record)."""
    try:
        raw: Any = json.loads(record_path(out_dir, job).read_text(encoding="utf-8"))
        return Record(
            fingerprint=str(raw["fingerprint"]),
            parts={str(k): str(v) for k, v in dict(raw["parts"]).items()},
            sha256=str(raw["sha256"]),
            size=int(raw["size"]),
            pages=int(raw["pages"]),
            title=str(raw["title"]),
            subject=str(raw["subject"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def record_bytes(record: Record) -> bytes:
    return (
        json.dumps(asdict(record), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    ).encode()


def file_sha256(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def matches(record: Record, path: Path) -> bool:
    """Whether ``path`` is still exactly the file the record describes."""
    try:
        if path.stat().st_size != record.size:
            return False
    except OSError:
        return False
    return file_sha256(path) == record.sha256
