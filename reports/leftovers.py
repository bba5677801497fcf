"""PDFs in a batch's output folder that the batch does not make, and ``--prune``.

A brief stays in ``OUT`` after its period leaves the data or its language leaves the list; the
manifest no longer names it. :func:`find_leftovers` lists the PDFs in ``OUT`` and its folders
that are not briefs of this batch; :func:`prune` deletes those named like our briefs
(``PERIOD/brief-PERIOD-LOCALE[-DIGITS].pdf``) with their build records, and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from reports.errors import OutputError
from reports.state import STATE_DIR

# A brief's name as BriefJob.relpath makes it: the period, then the canonical locale (fr, ar_MA,
# sr_Latn_RS), then the digit style when it is not the locale's default.
_BRIEF = re.compile(
    r"brief-(?P<period>[0-9]{4}(?:-(?:H[12]|Q[1-4]))?)"
    r"-[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*(?:-(?:latn|arab))?\.pdf"
)


def is_brief(relpath: PurePosixPath) -> bool:
    """Whether ``relpath`` (relative to OUT) is named like a brief: ``P/brief-P-LOCALE.pdf``."""
    if len(relpath.parts) != 2:
        return False
    match = _BRIEF.fullmatch(relpath.name)
    return match is not None and match["period"] == relpath.parts[0]


def find_leftovers(out_dir: Path, expected: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    """The PDFs in ``out_dir`` and its (non-hidden) sub-folders, one level down where the
    briefs are, that are not in ``expected``: paths relative to ``out_dir``, sorted."""
    wanted = set(expected)
    found: list[PurePosixPath] = []
    try:
        top = list(os.scandir(out_dir))
    except OSError:
        return []
    entries = [(PurePosixPath(), e) for e in top]
    for entry in top:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            try:
                entries += [(PurePosixPath(entry.name), e) for e in os.scandir(entry.path)]
            except OSError:
                continue
    for folder, entry in entries:
        name = entry.name
        if name.lower().endswith(".pdf") and not name.startswith(".") and entry.is_file():
            relpath = folder / name
            if relpath not in wanted:
                found.append(relpath)
    return sorted(found)


def prune(out_dir: Path, leftovers: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    """Delete the leftovers named like briefs, and their build records (``OUT/.reports/``);
    a period folder left empty goes too. Other files are never touched. Returns what was
    deleted; raises ``OutputError`` naming a file that cannot be deleted."""
    deleted: list[PurePosixPath] = []
    for relpath in leftovers:
        if not is_brief(relpath):
            continue
        pdf = out_dir.joinpath(*relpath.parts)
        record = out_dir.joinpath(STATE_DIR, *relpath.parts[:-1], relpath.name + ".json")
        for path in (pdf, record):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot delete {path}: {exc.strerror or exc}") from None
        for folder in (pdf.parent, record.parent):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        deleted.append(relpath)
    return deleted


def describe(paths: list[PurePosixPath], limit: int = 3) -> str:
    """``a.pdf, b.pdf, c.pdf and 4 more``."""
    shown = ", ".join(str(p) for p in paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")
