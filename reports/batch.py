"""Batch runs: many briefs, in worker processes, incremental, resumable, shardable.

The parent decides what to build (a brief whose fingerprint is current is skipped without
starting any worker), deals the rest to worker processes, one brief a task, the costliest first
(the last tasks are the cheapest, so the workers finish together), and reports each result as
it comes. On Linux the workers are forked once the parent has imported matplotlib and reportlab
and prepared what every brief of the batch reads (each period's metrics, the layout, each
language's catalogs; see ``_FORK``), so no worker does it again. A failing brief never stops
the others; when a worker dies (killed, out of memory), the briefs it took down are tried again
in a new pool, then, if one dies again, each alone: only a brief that kills its worker every
time fails.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.errors import ReportsError, Terminated
from reports.jobs import BriefJob, BriefResult
from reports.period import Period
from reports.pipeline import (
    clean_stale_temps,
    failure,
    freshness,
    layout_for,
    load_data,
    run_jobs,
)

Task = tuple[BriefJob, ...]
OnResult = Callable[[BriefResult], None]


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask; a container's limit), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; ``ReportsError`` unless ``1 <= K <= N``."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise ReportsError(f"invalid shard {text!r}: expected K/N, such as 1/4") from None
    if not 1 <= k <= n:
        raise ReportsError(f"invalid shard {text!r}: K must be between 1 and N")
    return k, n


def shard(jobs: Sequence[BriefJob], k: int, n: int) -> list[BriefJob]:
    """Shard ``k`` of ``n``: a contiguous block of the jobs in manifest order.

    Deterministic (it depends only on the list of jobs), with no overlap and no gap: the ``n``
    shards together are the list; their sizes differ by at most one; a period's languages stay
    together as far as the split allows.
    """
    ordered = sorted(jobs, key=BriefJob.sort_key)
    return ordered[(k - 1) * len(ordered) // n : k * len(ordered) // n]


@dataclass
class BatchSummary:
    """Every result of a batch, in manifest order, and its wall time."""

    results: list[BriefResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failures(self) -> list[BriefResult]:
        return [r for r in self.results if r.status == "failed"]


def tasks_for(jobs: Sequence[BriefJob]) -> list[Task]:
    """One brief a task, the costliest first (longest-processing-time order, deterministic): the
    workers take tasks in this order, so the briefs left at the end, while a worker may already
    be idle, are the cheapest. Whole periods as tasks (their metrics once) left a worker idle for
    up to a period's briefs at the end; a period's metrics cost about 1 ms, and are computed
    before forking."""
    history: dict[tuple[Path | None, Period], int] = {}

    def cost(job: BriefJob) -> float:
        key = (job.data, job.period)
        if key not in history:
            end = job.period.end
            history[key] = sum(1 for o in load_data(job.data).dataset if o.period.end <= end)
        return estimated_cost(history[key], rtl=_right_to_left(job.locale))

    return [(job,) for job in sorted(jobs, key=lambda job: (-cost(job), job.sort_key()))]


def estimated_cost(history: int, *, rtl: bool) -> float:
    """A brief's relative build time, for the order of the tasks only: it grows with the data up
    to its period (comparisons, trend bars, sentences about them) and Arabic (shaped and
    reordered) costs about 10 % more. Measured, embedded data: the first half-year 55 ms, the
    year 110 ms, the last half-year 95 ms."""
    return (40 + history) * (1.1 if rtl else 1.0)


def _right_to_left(locale: str) -> bool:
    """As ``Localizer.rtl``: CLDR's character order of the (canonical) locale."""
    from babel import Locale

    return bool(Locale.parse(locale).character_order == "right-to-left")


def clean_output(out_dir: Path) -> list[Path]:
    """Remove the temporary files killed runs left anywhere under ``out_dir``."""
    if not out_dir.is_dir():
        return []
    folders = [out_dir, *(p for p in out_dir.rglob("*") if p.is_dir())]
    return [temp for folder in folders for temp in clean_stale_temps(folder)]


def run_batch(
    jobs: Sequence[BriefJob],
    out_dir: Path,
    *,
    workers: int = 1,
    force: bool = False,
    on_result: OnResult | None = None,
) -> BatchSummary:
    """Bring every job's brief up to date in ``out_dir``; never raises for one brief's failure.

    ``on_result`` sees each result as it comes (skipped ones first). Ctrl-C (SIGINT) stops the
    batch at the next brief done (workers are stopped at once; a second Ctrl-C stops this process
    at once) with ``KeyboardInterrupt``: finished briefs are kept, none is half-written, and the
    next run resumes by skipping them. A ``ReportsError`` for the whole batch (invalid data)
    propagates before anything is built.
    """
    started = time.perf_counter()
    report = on_result or (lambda _result: None)
    results: list[BriefResult] = []
    with CtrlC() as ctrl_c:

        def done(result: BriefResult) -> None:
            results.append(result)
            report(result)
            ctrl_c.check()

        clean_output(out_dir)
        to_build: list[BriefJob] = []
        for job in jobs:
            ctrl_c.check()
            state = None if force else freshness(job, out_dir, load_data(job.data))
            if state is not None and state.result is not None:
                done(state.result)
            else:
                to_build.append(job)
        if workers <= 1 or len(to_build) <= 1:
            run_jobs(to_build, out_dir, force=True, keep_going=True, on_result=done)
        else:
            tasks = tasks_for(to_build)
            if _FORK:  # import and prepare what every brief needs, once; the workers inherit it
                _warm(to_build)
            _in_workers(tasks, out_dir, workers, done, ctrl_c)
    results.sort(key=lambda r: r.job.sort_key())
    return BatchSummary(results, time.perf_counter() - started)


class CtrlC:
    """SIGINT during a batch: noted, and raised as ``KeyboardInterrupt`` at the next safe point
    (:meth:`check`), never in the middle of a write or inside a finalizer, where Python would
    swallow it; a second one is raised at once."""

    def __init__(self) -> None:
        self.count = 0
        self.terminated = False  # SIGTERM, not Ctrl-C: raised as Terminated
        self._previous: Any = None
        self._previous_term: Any = None

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._previous_term = signal.signal(signal.SIGTERM, self._handle_term)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        if self._previous_term is not None:
            signal.signal(signal.SIGTERM, self._previous_term)

    def _stop(self) -> KeyboardInterrupt:
        return Terminated() if self.terminated else KeyboardInterrupt()

    def _handle(self, _signum: int, _frame: object) -> None:
        self.count += 1
        if self.count > 1:
            raise self._stop()

    def _handle_term(self, signum: int, frame: object) -> None:
        self.terminated = True
        self._handle(signum, frame)

    def check(self) -> None:
        if self.count:
            raise self._stop()


# -- worker processes ------------------------------------------------------------------------


def _init_worker(parent: int, forked: bool = False) -> None:
    """In each worker: Ctrl-C is the parent's business; the worker ends when its batch is gone;
    heavy modules imported once, then frozen out of the garbage collector's scans (they live as
    long as the worker); automatic collection off, as in the CLI (``run_jobs`` collects once per
    brief instead)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the batch's terminate() ends it at once
    threading.Thread(target=_watch, args=(parent, forked), name="parent-watch", daemon=True).start()
    gc.disable()
    _preload()
    gc.collect()
    gc.freeze()


_HEAVY = [
    "reports.batch",
    "reports.charts.shares",
    "reports.charts.trend",
    "reports.render.pdf",
    "reports.sections.segments",
    "reports.sections.trend",
    "reports.state",
]


def _watch(parent: int, forked: bool) -> None:
    """End this worker when the batch process is gone (``kill -9``, out of memory): a worker
    waiting for work would otherwise wait for ever. A brief being written is left as a temporary
    file, removed by the next run."""
    while True:
        time.sleep(0.5)
        if _orphaned(parent, forked, os.getppid()):
            os._exit(1)


def _orphaned(parent: int, forked: bool, ppid: int) -> bool:
    """Whether the batch process ``parent`` has ended, seen from a worker whose parent process
    is ``ppid`` now (``forked``: the worker was forked by the batch itself).

    A worker forked by the batch is re-parented the moment the batch dies, before anything
    reaps it: a batch killed under a program that reads its output to the end before it reaps
    it (``subprocess.Popen.communicate``, a shell's ``$(...)``) stays a zombie, which
    ``kill(pid, 0)`` still finds, while its workers keep that output open: both waited for
    ever. A worker started by a fork server (not the batch's child) can only ask whether the
    batch's process still exists.
    """
    if forked:
        return ppid != parent
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _warm(jobs: Sequence[BriefJob] = ()) -> None:
    """Import the heavy modules and prepare ``jobs`` with automatic collection off, then freeze
    it all out of later collections (the workers forked from this process share these pages).

    No collection before the freeze, as Python's documentation of ``gc.freeze`` advises before a
    fork: it took 50 ms of the serial part to free about 2,000 objects of some 180,000, which
    stay frozen instead, in pages the workers share and never write.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        _preload()
        _prepare(jobs)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _prepare(jobs: Sequence[BriefJob]) -> None:
    """What each worker would otherwise compute again before its first brief of a period or a
    language: the period's metrics, the checked layout, the language's catalogs compiled from
    their ``.po`` files, the Arabic shaper (about 40 ms in all, measured; each worker saves it).
    A job whose inputs are broken is left alone here: its own build reports the error."""
    from reports.i18n.localizer import Localizer
    from reports.i18n.rtl import shape

    for job in jobs:
        try:
            load_data(job.data).metrics(job.period)
            layout_for(job)
            loc = Localizer.for_tag(job.locale, job.digits, job.catalogs)
            if loc.rtl:
                shape(loc._("Exports of digital and outsourcing services"))
        except Exception:  # reported by the brief's own build, in a worker
            continue


def _preload() -> None:
    """Every module a brief imports, in the order a brief imports them, and the fonts.

    The order matters: ``reports.render.pdf`` first loads matplotlib's drawing modules without
    building ``set()``'s docstrings (``reports.render.mpl``); importing the chart modules first
    cost 0.2 s more. Without the chart modules here, each worker imported them (and, before
    ``reports.charts.base`` stopped resolving the backend, pyplot: 20 ms) on its first brief.
    """
    import reports.render.pdf  # reportlab; matplotlib through render.mpl
    from reports.render.fonts import register_fonts
    from reports.sections import registry

    registry()  # every section builder
    register_fonts()
    import reports.charts.shares
    import reports.charts.trend
    import reports.state  # noqa: F401  (build records)


def _run_task(task: Task, out_dir: Path) -> list[BriefResult]:
    results = run_jobs(task, out_dir, force=True, keep_going=True)
    gc.collect()  # automatic collection is off in workers: once per task (run_jobs: per brief)
    gc.freeze()
    return results


# Linux: workers are forked from this process once it has imported the heavy modules (by
# importing them, not by building a brief, so that both CPUs start on briefs at once): they start
# with every module imported and the fonts registered, sharing those pages, at no cost. Elsewhere
# (fork is unsafe on macOS, absent on Windows): a fork server or spawned interpreters that import
# the heavy modules once each.
_FORK = sys.platform == "linux"


def _context() -> multiprocessing.context.BaseContext:
    if _FORK:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_HEAVY)
        return context
    return multiprocessing.get_context("spawn")


def _stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (a brief being written is left as
    a temporary file, removed by the next run)."""
    executor.shutdown(wait=False, cancel_futures=True)
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()
    for process in list(processes.values()):
        process.join(timeout=5)


def _pool(
    tasks: Iterable[Task], out_dir: Path, workers: int, done: OnResult, ctrl_c: CtrlC
) -> list[Task]:
    """Run tasks in one pool; returns the tasks lost to a worker that died."""
    lost: list[Task] = []
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(os.getpid(), _FORK),
    )
    try:
        futures: dict[Future[list[BriefResult]], Task] = {
            executor.submit(_run_task, task, out_dir): task for task in tasks
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            ctrl_c.check()
            for future in finished:
                try:
                    for result in future.result():
                        done(result)
                except BrokenProcessPool:
                    lost.append(futures[future])
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    return lost


def _in_workers(
    tasks: list[Task], out_dir: Path, workers: int, done: OnResult, ctrl_c: CtrlC
) -> None:
    lost = _pool(tasks, out_dir, min(workers, len(tasks)), done, ctrl_c)
    if lost:  # a worker died and took the pool down: its tasks and the pending ones, again
        lost = _pool(lost, out_dir, min(workers, len(lost)), done, ctrl_c)
    for job in (job for task in lost for job in task):  # again: each brief alone, to find which
        if _pool([(job,)], out_dir, 1, done, ctrl_c):
            died = RuntimeError("the worker process building it died (killed or crashed)")
            done(failure(job, out_dir, died))


def describe(result: BriefResult) -> str:
    """One line for a result: what became of which brief, where, and why it was built."""
    label, path = result.job.label, result.path
    if result.status == "failed":
        return f"{label}: {result.error}"
    if result.status == "skipped":
        return f"skipped {label}  {path}  (unchanged)"
    return f"built   {label}  {path}  {result.seconds:.1f} s ({result.reason})"


def failure_report(summary: BatchSummary) -> list[str]:
    """Failures grouped by reason: ``reason: 2024 fr, 2024 en`` (one line per distinct reason)."""
    by_reason: dict[str, list[str]] = {}
    for result in summary.failures:
        by_reason.setdefault(result.error, []).append(result.job.label)
    return [f"{', '.join(labels)}: {reason}" for reason, labels in by_reason.items()]


def summary_json(summary: BatchSummary, out_dir: Path, manifest_path: Path) -> dict[str, object]:
    """The ``--json`` summary: counts, speed, failures and the manifest's entries."""
    from reports import manifest

    built = summary.count("built")
    return {
        "out": str(out_dir),
        "manifest": str(manifest_path),
        "total": len(summary.results),
        "built": built,
        "skipped": summary.count("skipped"),
        "failed": len(summary.failures),
        "seconds": round(summary.seconds, 3),
        "briefs_per_second": round(len(summary.results) / summary.seconds, 3)
        if summary.seconds
        else None,
        "failures": [
            {"period": str(r.job.period), "locale": r.job.locale, "error": r.error}
            for r in summary.failures
        ],
        "briefs": [
            {**manifest.entry(r, out_dir), "warnings": list(r.warnings)} for r in summary.results
        ],
    }
