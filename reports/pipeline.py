"""Build one brief from data + period + locale (no global state), and write it safely."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from reports import blocks as b
from reports.dataset import Dataset
from reports.errors import OutputError
from reports.i18n.localizer import Digits, Localizer
from reports.metrics import PeriodMetrics, compute
from reports.period import Period
from reports.sections import BriefContext, registry
from reports.template import Layout, load_layout


def build_document(
    data: Dataset, metrics: PeriodMetrics, loc: Localizer, layout: Layout
) -> b.Document:
    """Run the template's section builders for one language."""
    ctx = BriefContext(metrics=metrics, loc=loc, data=data)
    builders = registry()  # the layout's names and options were checked when it was loaded
    blocks: list[b.Block] = []
    for spec in layout.sections:
        if spec.page_break_before and blocks:
            blocks.append(b.PageBreak())
        blocks += builders[spec.name](ctx, **spec.options)
    title = loc._("Exports of digital and outsourcing services")
    period = loc.period(metrics.period)
    return b.Document(
        blocks=tuple(blocks),
        title=f"{title} — {period}",
        subject=loc._(
            "Brief on Morocco's exports of digital and outsourcing services, {period}",
            period=loc.period(metrics.period, long=True),
        ),
        author="reports",
        keywords=(
            loc._("digital services"),
            loc._("outsourcing"),
            loc._("exports"),
            loc._("Morocco"),
            str(metrics.period),
        ),
        lang=loc.tag.replace("_", "-"),
        rtl=loc.rtl,
        footer=f"{title} — {period}",
        page_label=loc._("page {page} / {pages}"),
        digits=loc.digits,
    )


def build_brief(
    data: Dataset,
    period: Period,
    locale: str = "fr",
    layout: Layout | None = None,
    digits: Digits = "auto",
    metrics: PeriodMetrics | None = None,
) -> bytes:
    """PDF bytes of the brief of ``period`` in ``locale``. Pass ``metrics`` to reuse them."""
    from reports.render.pdf import render_pdf

    loc = Localizer.for_tag(locale, digits)
    figures = metrics if metrics is not None else compute(data, period)
    document = build_document(data, figures, loc, layout or load_layout())
    return render_pdf(document)


def brief_path(out_dir: Path, period: Period, locale: str) -> Path:
    """``OUT/2025-H1/brief-2025-H1-fr.pdf``."""
    tag = locale.replace("-", "_")
    return out_dir / str(period) / f"brief-{period}-{tag}.pdf"


_TEMP = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")  # .NAME.PID.RANDOM.tmp


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``folder`` (their process is gone)."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(".*.tmp"))
    except OSError:
        return removed
    for temp in candidates:
        match = _TEMP.match(temp.name)
        if match and not _alive(int(match.group(1))):
            try:
                temp.unlink()
            except OSError:
                continue
            removed.append(temp)
    return removed


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return (exc.strerror or str(exc)).rstrip(".")


def write_atomic(path: Path, content: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file.

    Temporary files are named ``.NAME.PID.RANDOM.tmp``; those of a process that no longer runs
    (killed mid-write) are removed first. Any failure raises :class:`OutputError` naming the
    path, and leaves an existing ``path`` untouched.
    """
    if path.is_dir():
        raise OutputError(f"cannot write {path}: a folder of that name is in the way")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise OutputError(
            f"cannot create the folder {path.parent}: a file is in the way ({_reason(exc)})"
        ) from exc
    except OSError as exc:
        raise OutputError(f"cannot create the folder {path.parent}: {_reason(exc)}") from exc
    clean_stale_temps(path.parent)
    try:
        fd, temp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise OutputError(f"cannot write in {path.parent}: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
