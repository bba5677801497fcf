"""Build briefs: one job -> one PDF written safely, reused when its inputs have not changed.

``run_job`` / ``run_jobs`` are what ``reports build``, ``reports batch`` and ``reports send`` call;
``build_brief`` is the bare step (data + period + locale -> PDF bytes) under them.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from reports import blocks as b
from reports.dataset import Dataset, Issue
from reports.errors import OutputError
from reports.fingerprint import Fingerprint
from reports.i18n.localizer import Digits, Localizer
from reports.jobs import BriefJob, BriefResult, Status
from reports.metrics import PeriodMetrics, compute, inputs_of
from reports.period import Period
from reports.pubdate import DateError, pdf_date
from reports.sections import BriefContext, registry
from reports.snapshot import keep, taken
from reports.template import Layout, load_layout

if TYPE_CHECKING:
    from reports.state import Record


def build_document(
    data: Dataset,
    metrics: PeriodMetrics,
    loc: Localizer,
    layout: Layout,
    published: dt.date | None = None,
    table_name: str | None = None,
) -> b.Document:
    """Run the template's section builders for one language.

    ``published``: the publication date, on the cover and in the metadata (None: not shown);
    ``table_name``: see :attr:`BriefJob.table_name` (how the methodology cites the data).
    """
    brand = layout.brand
    ctx = BriefContext(
        metrics=metrics,
        loc=loc,
        data=data,
        brand=brand,
        published=published,
        table_name=table_name,
    )
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
        author=brand.organisation.get(loc.tag) or "reports",
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
        theme=b.Theme(
            primary=brand.primary_colour,
            accent=brand.accent_colour or brand.primary_colour,
            font=brand.font.get(loc.tag),
            font_bold=brand.font_bold.get(loc.tag) or brand.font.get(loc.tag),
            classification=brand.classification.get(loc.tag),
        ),
        published=pdf_date(published) if published else "",
    )


def build_brief(
    data: Dataset,
    period: Period,
    locale: str = "fr",
    layout: Layout | None = None,
    digits: Digits = "auto",
    metrics: PeriodMetrics | None = None,
    published: dt.date | None = None,
) -> bytes:
    """PDF bytes of the brief of ``period`` in ``locale``. Pass ``metrics`` to reuse them;
    ``published`` dates the cover and the metadata."""
    from reports.render.pdf import render_pdf

    loc = Localizer.for_tag(locale, digits)
    figures = metrics if metrics is not None else compute(data, period)
    document = build_document(data, figures, loc, layout or load_layout(), published)
    return render_pdf(document)


def brief_path(out_dir: Path, period: Period, locale: str, digits: Digits = "auto") -> Path:
    """``OUT/2025-H1/brief-2025-H1-fr.pdf`` from the canonical locale (``BriefJob.relpath``)."""
    return BriefJob.create(period, locale, digits).path(out_dir)


_TEMP = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")  # .NAME.PID.RANDOM.tmp


def _exited(pid: int) -> bool:
    """Whether ``pid`` has exited but was never reaped (a zombie: it writes nothing any more).

    A killed batch's workers are orphans; where nothing reaps orphans (a container whose first
    process is not an init), they stay zombies and still answer ``kill(pid, 0)``.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS, Windows): trust kill(pid, 0)
    state = stat.rpartition(")")[2].split()[:1]  # the name, in parentheses, may hold spaces
    return state in (["Z"], ["X"])


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return not _exited(pid)


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


def created_mode() -> int:
    """The mode ``open()`` gives a new file: ``0o666`` less the process's umask (a restricted
    brief written under ``umask 077`` is readable by its owner only)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, content: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file.

    The file gets the mode a new file gets (:func:`created_mode`, the umask's), not the
    temporary file's ``0o600``. Temporary files are named ``.NAME.PID.RANDOM.tmp``; those of a
    process that no longer runs (killed mid-write) are removed first. Any failure raises
    :class:`OutputError` naming the path, and leaves an existing ``path`` untouched.
    ``durable``: the content reaches the disk before the rename (``fsync``), so a power cut
    cannot leave an empty file under the name; only for what can be rebuilt is it skipped.
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
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp, created_mode())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# -- jobs: build, or reuse when current ------------------------------------------------------


@dataclass
class LoadedData:
    """A validated data file, with its warnings; what each period's briefs read of it (metrics,
    rows, their digest) is computed once for all its languages."""

    dataset: Dataset
    warnings: tuple[Issue, ...]
    _metrics: dict[Period, PeriodMetrics] = field(default_factory=dict)
    _rows: dict[Period, frozenset[int]] = field(default_factory=dict)
    _digests: dict[tuple[Period, str | None], str] = field(default_factory=dict)

    def metrics(self, period: Period) -> PeriodMetrics:
        if period not in self._metrics:
            self._metrics[period] = compute(self.dataset, period)
        return self._metrics[period]

    def warnings_for(self, period: Period) -> tuple[str, ...]:
        """The data warnings on rows the brief of ``period`` uses."""
        if period not in self._rows:
            self._rows[period] = frozenset(o.row for o in inputs_of(self.dataset, period))
        rows = self._rows[period]
        return tuple(str(w) for w in self.warnings if w.row is None or w.row in rows)

    def data_digest(self, job: BriefJob) -> str:
        """:func:`reports.fingerprint.data_digest` of ``job`` (its period and table name)."""
        from reports.fingerprint import data_digest

        key = (job.period, job.table_name)
        if key not in self._digests:
            self._digests[key] = data_digest(self.dataset, job)
        return self._digests[key]


_DATA: dict[tuple[str, str], LoadedData] = {}
_LAYOUTS: dict[tuple[str, str], Layout] = {}


def load_data(path: Path | None = None) -> LoadedData:
    """Load and validate a data file (default: the embedded one); cached by path and content.

    Raises ``DataError`` listing every problem when the data is invalid. Within a
    :func:`reports.snapshot.data_snapshot` (a command), a file is read only once.
    """
    from reports.resources import default_data_path
    from reports.validation import require_valid

    source = path or default_data_path()
    snapshot = taken(source)  # within one command, the data as it was first read
    if snapshot is not None:
        return cast(LoadedData, snapshot)
    try:
        key = (str(source.resolve()), hashlib.sha256(source.read_bytes()).hexdigest())
    except OSError:
        require_valid(source)  # raises the data error that names the file
        raise
    if key not in _DATA:
        dataset, warnings = require_valid(source)
        if len(_DATA) >= 4:
            _DATA.clear()
        _DATA[key] = LoadedData(dataset, tuple(warnings))
    keep(source, _DATA[key])
    return _DATA[key]


def layout_for(job: BriefJob) -> Layout:
    """The checked layout ``job``'s brief is built with (cached by path and content)."""
    return _layout(job)


def _layout(job: BriefJob) -> Layout:
    from reports.fingerprint import template_digest

    path = job.layout_path
    key = (str(path.resolve()), template_digest(path))
    if key not in _LAYOUTS:
        _LAYOUTS.clear()
        _LAYOUTS[key] = load_layout(path)
    return _LAYOUTS[key]


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def _render(job: BriefJob, loaded: LoadedData) -> tuple[bytes, b.Document]:
    from reports.render.pdf import render_pdf

    loc = Localizer.for_tag(job.locale, job.digits, job.catalogs)
    # An explicit date (--date, SOURCE_DATE_EPOCH) is in the job and its fingerprint; without one
    # a brief is dated the day it is built, and an unchanged brief keeps its date when skipped.
    published = dt.date.fromisoformat(job.published) if job.published else dt.date.today()
    if published <= job.period.end:
        raise DateError(
            f"a brief of {job.period} cannot be published on {published.isoformat()}: the period "
            f"ends on {job.period.end.isoformat()}"
            + ("; give a later --date" if job.published else " (a period in the future?)")
        )
    metrics = loaded.metrics(job.period)
    document = build_document(
        loaded.dataset, metrics, loc, _layout(job), published, table_name=job.table_name
    )
    return render_pdf(document), document


@dataclass(frozen=True)
class Freshness:
    """Whether a brief on disk is current: ``result`` (``skipped``) if so, else ``reason``."""

    fingerprint: Fingerprint
    result: BriefResult | None
    reason: str = ""


def freshness(job: BriefJob, out_dir: Path, loaded: LoadedData | None = None) -> Freshness:
    """Compare ``job``'s fingerprint with the record of its last build; builds nothing.

    ``reason`` says why it must be built: ``new``, ``no build record``, ``data changed``,
    ``file changed``...
    """
    from reports.fingerprint import fingerprint
    from reports.state import matches, read_record

    loaded = loaded or load_data(job.data)
    path = job.path(out_dir)
    fp = fingerprint(job, loaded.dataset, data=loaded.data_digest(job))
    record = read_record(out_dir, job)
    if not path.exists():
        return Freshness(fp, None, "new")
    if record is None:  # built by an older version, or killed before its record was written
        return Freshness(fp, None, "no build record")
    if record.fingerprint != fp.digest:
        return Freshness(fp, None, ", ".join(fp.changes_since(record.parts)) or "inputs changed")
    if not matches(record, path):
        return Freshness(fp, None, "file changed")
    return Freshness(fp, _recorded(job, path, record, loaded, "skipped"))


def _recorded(
    job: BriefJob, path: Path, record: Record, loaded: LoadedData, status: Status, **extra: Any
) -> BriefResult:
    """The result of ``job`` whose brief at ``path`` is the one ``record`` describes."""
    return BriefResult(
        job=job,
        path=path,
        status=status,
        sha256=record.sha256,
        size=record.size,
        pages=record.pages,
        title=record.title,
        subject=record.subject,
        warnings=loaded.warnings_for(job.period),
        fingerprint=record.fingerprint,
        **extra,
    )


def run_job(job: BriefJob, out_dir: Path, *, force: bool = False) -> BriefResult:
    """Make sure ``job``'s brief is in ``out_dir`` and current; return where it is and what it is.

    Reuses the file (``status="skipped"``, untouched: same inode and mtime) when its fingerprint
    says nothing it uses has changed, unless ``force``; otherwise builds it (``status="built"``),
    writes it atomically and records its fingerprint. Raises ``ReportsError`` (bad data, period,
    template or locale) and lets unexpected errors through: :func:`run_jobs` can collect them.
    """
    from reports.state import Record, record_bytes, record_path

    started = time.perf_counter()
    loaded = load_data(job.data)
    state = freshness(job, out_dir, loaded)
    if state.result is not None and not force:
        return state.result
    pdf, document = _render(job, loaded)
    path = job.path(out_dir)
    write_atomic(path, pdf)
    record = Record(
        fingerprint=state.fingerprint.digest,
        parts=state.fingerprint.parts,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        pages=len(_PAGE.findall(pdf)),
        title=document.title,
        subject=document.subject,
    )
    # Not synced: a record lost in a power cut (empty, or the previous one) only makes the next
    # run rebuild this brief (an unreadable record, or one that does not match the file).
    write_atomic(record_path(out_dir, job), record_bytes(record), durable=False)
    return _recorded(
        job,
        path,
        record,
        loaded,
        "built",
        seconds=time.perf_counter() - started,
        reason="forced" if state.result is not None else state.reason,
    )


def failure(job: BriefJob, out_dir: Path, exc: BaseException, seconds: float = 0.0) -> BriefResult:
    """A ``failed`` result whose ``error`` is one line: the message of a known error, else the
    exception's type and message."""
    from reports.errors import ReportsError

    text = str(exc).strip() or type(exc).__name__
    if not isinstance(exc, ReportsError):
        text = f"{type(exc).__name__}: {text}"
    return BriefResult(
        job=job, path=job.path(out_dir), status="failed", error=text, seconds=seconds
    )


def run_jobs(
    jobs: Iterable[BriefJob],
    out_dir: Path,
    *,
    force: bool = False,
    keep_going: bool = False,
    on_result: Callable[[BriefResult], None] | None = None,
) -> list[BriefResult]:
    """Run jobs in this process, in order; a period's metrics are computed once for its languages.

    With ``keep_going`` an error becomes a ``failed`` result and the next job runs; otherwise it
    propagates. ``on_result`` is called with each result as soon as it is known.
    """
    import gc

    results = []
    for index, job in enumerate(jobs):
        if index and not gc.isenabled():
            # The CLI and batch workers switch automatic collection off: one collection per
            # brief instead, then what survived (modules, caches) is frozen out of later scans.
            gc.collect()
            gc.freeze()
        started = time.perf_counter()
        try:
            result = run_job(job, out_dir, force=force)
        except Exception as exc:
            if not keep_going:
                raise
            result = failure(job, out_dir, exc, time.perf_counter() - started)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results
