"""Speed, memory and size of `reports`: cold CLI, warm batch, peak RSS, PDF size, reproducibility.

Usage (from the project's venv; Linux, since it reads ``ru_maxrss`` in KiB through ``wait4``)::

    python benchmarks/bench_build.py                    # default run, ~2 minutes on 2 cores
    python benchmarks/bench_build.py --quick            # smoke run: 1 cold run, 1 round
    python benchmarks/bench_build.py --json out.json    # also write every raw number
    python benchmarks/bench_build.py --peer /path/to/stack_d_reportlab_png.py   # side by side

Every measurement that imports the library runs in a fresh child interpreter (this same file with
``--child``), so the parent never imports reportlab/matplotlib and no state leaks between parts.
Times are wall-clock ``time.perf_counter`` seconds; tables show medians with min and max.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOCALES = ("fr", "en", "ar")
TARGET_PERIOD = "2025-H1"  # the brief of the cold runs, the size and the reproducibility checks
COLD_LOCALES = ("fr", "ar")
HERE = Path(__file__).resolve()

Json = dict[str, Any]


def summary(samples: Sequence[float]) -> Json:
    """n, median, min and max of some samples (None when there is none)."""
    if not samples:
        return {"n": 0, "median": None, "min": None, "max": None}
    return {
        "n": len(samples),
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
    }


def _self_max_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


# ------------------------------------------------------------------------- children (fresh process)


def _import_library() -> float:
    """Import the public API; return the seconds it took (lazy imports happen in the 1st brief)."""
    t0 = time.perf_counter()
    import reports.metrics
    import reports.pipeline
    import reports.resources
    import reports.template
    import reports.validation  # noqa: F401

    return time.perf_counter() - t0


def child_warm(rounds: int) -> Json:
    """Many briefs in one process: all periods x all locales, ``rounds`` times."""
    t_import = _import_library()
    from reports.metrics import briefable_periods, compute
    from reports.pipeline import build_brief
    from reports.resources import default_data_path
    from reports.template import load_layout
    from reports.validation import require_valid

    t0 = time.perf_counter()
    dataset, warnings = require_valid(default_data_path())
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    layout = load_layout()
    t_layout = time.perf_counter() - t0
    periods = briefable_periods(dataset)

    metrics_s: list[Json] = []
    briefs: list[Json] = []
    loop_start = time.perf_counter()
    for round_ in range(rounds):
        for period in periods:
            t0 = time.perf_counter()
            metrics = compute(dataset, period)
            metrics_s.append(
                {"round": round_, "period": str(period), "s": time.perf_counter() - t0}
            )
            for locale in LOCALES:
                t0 = time.perf_counter()
                pdf = build_brief(dataset, period, locale, layout=layout, metrics=metrics)
                seconds = time.perf_counter() - t0
                briefs.append(
                    {
                        "round": round_,
                        "period": str(period),
                        "locale": locale,
                        "s": seconds,
                        "bytes": len(pdf),
                        "sha256": hashlib.sha256(pdf).hexdigest(),
                    }
                )
    loop_s = time.perf_counter() - loop_start
    rss_after_loop = _self_max_rss_mb()
    return {
        "import_s": t_import,
        "load_validate_s": t_load,
        "warnings": len(warnings),
        "layout_s": t_layout,
        "periods": [str(p) for p in periods],
        "rounds": rounds,
        "metrics": metrics_s,
        "briefs": briefs,
        "loop_s": loop_s,
        "max_rss_mb_after_loop": rss_after_loop,
        "breakdown": _breakdown(dataset, periods, layout),
    }


def _breakdown(dataset: Any, periods: Sequence[Any], layout: Any) -> list[Json]:
    """One extra build per (period, locale), timed by step: where does build_brief's time go?

    Mirrors ``build_brief`` (Localizer -> build_document -> render_pdf) and times matplotlib's
    ``Figure.savefig`` (the chart -> PDF export, done while building the document) and, inside
    it, ``PdfFile.writeFonts`` (font subsetting + embedding) with temporary wrappers.
    """
    from matplotlib.backends import backend_pdf
    from matplotlib.figure import Figure

    from reports.i18n.localizer import Localizer
    from reports.metrics import compute
    from reports.pipeline import build_document
    from reports.render.pdf import render_pdf

    spent = {"savefig": 0.0, "fonts": 0.0}

    def timed(key: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - t0

        return wrapper

    patches: list[tuple[Any, str, Any]] = [(Figure, "savefig", Figure.savefig)]
    if hasattr(backend_pdf.PdfFile, "writeFonts"):
        patches.append((backend_pdf.PdfFile, "writeFonts", backend_pdf.PdfFile.writeFonts))
    for owner, name, original in patches:
        setattr(owner, name, timed("savefig" if name == "savefig" else "fonts", original))
    rows: list[Json] = []
    try:
        for period in periods:
            metrics = compute(dataset, period)
            for locale in LOCALES:
                spent.update(savefig=0.0, fonts=0.0)
                t0 = time.perf_counter()
                document = build_document(dataset, metrics, Localizer.for_tag(locale), layout)
                t1 = time.perf_counter()
                render_pdf(document)
                t2 = time.perf_counter()
                rows.append(
                    {
                        "period": str(period),
                        "locale": locale,
                        "sections_s": (t1 - t0) - spent["savefig"],
                        "chart_savefig_excl_fonts_s": spent["savefig"] - spent["fonts"],
                        "chart_fonts_s": spent["fonts"],
                        "render_pdf_s": t2 - t1,
                        "total_s": t2 - t0,
                    }
                )
    finally:
        for owner, name, original in patches:
            setattr(owner, name, original)
    return rows


def child_memory() -> Json:
    """Peak RSS of a process building all 9 briefs once; sizes; same brief built twice."""
    rss_start = _self_max_rss_mb()
    _import_library()
    from pypdf import PdfReader

    from reports.metrics import briefable_periods, compute
    from reports.pipeline import build_brief
    from reports.resources import default_data_path
    from reports.template import load_layout
    from reports.validation import require_valid

    rss_imports = _self_max_rss_mb()
    dataset, _ = require_valid(default_data_path())
    layout = load_layout()
    periods = briefable_periods(dataset)
    target = {str(p): p for p in periods}[TARGET_PERIOD]
    first: dict[str, bytes] = {}
    for period in periods:
        metrics = compute(dataset, period)
        for locale in LOCALES:
            pdf = build_brief(dataset, period, locale, layout=layout, metrics=metrics)
            if period == target:
                first[locale] = pdf
    rss_all = _self_max_rss_mb()
    pdfs: dict[str, Json] = {}
    for locale in LOCALES:
        again = build_brief(dataset, target, locale)  # same brief, built a second time
        pdfs[locale] = {
            "bytes": len(first[locale]),
            "pages": len(PdfReader(io.BytesIO(first[locale])).pages),
            "identical_in_process": again == first[locale],
        }
    return {
        "briefs": len(periods) * len(LOCALES),
        "max_rss_mb_start": rss_start,
        "max_rss_mb_after_imports": rss_imports,
        "max_rss_mb_after_all_briefs": rss_all,
        "pdf": pdfs,
        "environment": _environment(),
    }


def _environment() -> Json:
    import babel
    import fontTools
    import matplotlib
    import pypdf
    import reportlab
    from reportlab.lib import rl_accel

    try:
        import _rl_accel

        accel: str | None = getattr(_rl_accel, "version", "?")
    except ImportError:
        accel = None
    return {
        "python": platform.python_version(),
        "reportlab": reportlab.Version,
        "matplotlib": matplotlib.__version__,
        "babel": babel.__version__,
        "fonttools": fontTools.version,
        "pypdf": pypdf.__version__,
        "rl_accel": accel,  # None: not importable
        "rl_accel_functions_in_c": len(rl_accel._c_funcs),
        "rl_accel_functions": len(rl_accel.__all__),
    }


# ------------------------------------------------------------------------- parent: processes


@dataclass
class Run:
    wall_s: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_timed(cmd: Sequence[str], cwd: Path) -> Run:
    """Run a command to completion: wall time and the max RSS of that one child.

    ``subprocess.run`` cannot report the child's own rusage (RUSAGE_CHILDREN is a max over every
    child so far), so the child is reaped with ``os.wait4``.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
        out.seek(0)
        err.seek(0)
        rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Run(wall, rss, proc.returncode, out.read().decode(), err.read().decode())


def _check(run: Run, cmd: Sequence[str]) -> None:
    if run.returncode != 0:
        raise SystemExit(f"failed ({run.returncode}): {' '.join(cmd)}\n{run.stderr[-2000:]}")


def run_child(mode: str, workdir: Path, *extra: str) -> tuple[Json, Run]:
    result = workdir / f"child-{mode}.json"
    cmd = [sys.executable, str(HERE), "--child", mode, "--child-out", str(result), *extra]
    run = run_timed(cmd, workdir)
    _check(run, cmd)
    return json.loads(result.read_text()), run


def cold_build(exe: Path, locale: str, runs: int, workdir: Path) -> Json:
    walls: list[float] = []
    rss: list[float] = []
    digests: list[str] = []
    sizes: list[int] = []
    for i in range(runs):
        out = workdir / f"cold-{locale}-{i}"
        cmd = [str(exe), "build", "--period", TARGET_PERIOD, "--locale", locale, "--out", str(out)]
        run = run_timed(cmd, workdir)
        _check(run, cmd)
        pdf = (workdir / run.stdout.strip().splitlines()[-1]).read_bytes()
        walls.append(run.wall_s)
        rss.append(run.max_rss_mb)
        digests.append(hashlib.sha256(pdf).hexdigest())
        sizes.append(len(pdf))
        shutil.rmtree(out)
    return {
        "wall_s": walls,
        "max_rss_mb": rss,
        "bytes": sizes,
        "identical_across_processes": len(set(digests)) == 1 if runs > 1 else None,
        "summary": summary(walls),
        "rss_summary": summary(rss),
    }


def cold_help(exe: Path, runs: int, workdir: Path) -> Json:
    walls = []
    for _ in range(runs):
        cmd = [str(exe), "--help"]
        run = run_timed(cmd, workdir)
        _check(run, cmd)
        walls.append(run.wall_s)
    return {"wall_s": walls, "summary": summary(walls)}


def peer(script: Path, cold_runs: int, n_warm: int, workdir: Path) -> Json:
    """A peer stack script (``--out``, ``--n``, ``--stats``), cold and warm, in this same run."""
    where = workdir / f"peer-{script.stem}"
    where.mkdir()
    walls, rss, digests = [], [], []
    size = 0
    for i in range(cold_runs):
        pdf_path = where / f"cold-{i}.pdf"
        cmd = [
            sys.executable,
            str(script),
            "--out",
            str(pdf_path),
            "--stats",
            str(where / "c.jsonl"),
        ]
        run = run_timed(cmd, where)
        _check(run, cmd)
        walls.append(run.wall_s)
        rss.append(run.max_rss_mb)
        pdf = pdf_path.read_bytes()
        size = len(pdf)
        digests.append(hashlib.sha256(pdf).hexdigest())
    stats = where / "w.jsonl"
    cmd = [sys.executable, str(script), "--n", str(n_warm), "--out", str(where / "w_{i}.pdf")]
    run = run_timed([*cmd, "--stats", str(stats)], where)
    _check(run, cmd)
    warm = json.loads(stats.read_text().splitlines()[-1])
    return {
        "script": str(script),
        "cold_wall_s": walls,
        "cold_summary": summary(walls),
        "cold_max_rss_mb": rss,
        "bytes": size,
        "identical_across_processes": len(set(digests)) == 1 if cold_runs > 1 else None,
        "warm_n": n_warm,
        "warm_stats": warm,
        "warm_max_rss_mb": run.max_rss_mb,
    }


# ------------------------------------------------------------------------- parent: report


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _row(label: str, s: Json, digits: int = 3, width: int = 50) -> str:
    return (
        f"  {label:<{width}} {_f(s['median'], digits):>8} {_f(s['min'], digits):>8} "
        f"{_f(s['max'], digits):>8} {s['n']:>4}"
    )


def _header(title: str, unit: str, width: int = 50) -> str:
    return f"{title}\n  {unit:<{width}} {'median':>8} {'min':>8} {'max':>8} {'n':>4}"


def _yes(value: bool | None) -> str:
    return "n/a" if value is None else ("yes" if value else "NO")


def analyse(results: Json) -> Json:
    """Summaries of the warm run (medians by locale, by period, by step)."""
    warm = results["warm"]
    briefs = warm["briefs"]
    first, steady = briefs[0], briefs[1:]
    out: Json = {
        "first_brief": first,
        "steady": summary([b["s"] for b in steady]),
        "metrics": summary([m["s"] for m in warm["metrics"]]),
        "by_locale": {
            loc: summary([b["s"] for b in steady if b["locale"] == loc]) for loc in LOCALES
        },
        "by_period": {
            p: summary([b["s"] for b in steady if b["period"] == p]) for p in warm["periods"]
        },
        "mean_per_brief_s": warm["loop_s"] / len(briefs),
    }
    by_brief: dict[tuple[str, str], set[str]] = {}
    for brief in briefs:
        by_brief.setdefault((brief["period"], brief["locale"]), set()).add(brief["sha256"])
    out["identical_across_rounds"] = (
        all(len(d) == 1 for d in by_brief.values()) if warm["rounds"] > 1 else None
    )
    steps = ("sections_s", "chart_savefig_excl_fonts_s", "chart_fonts_s", "render_pdf_s")
    out["breakdown"] = {
        step: summary([r[step] for r in warm["breakdown"]]) for step in (*steps, "total_s")
    }
    return out


def report(results: Json) -> str:
    env = results["environment"]
    a = results["analysis"]
    cold = results["cold"]
    warm = results["warm"]
    mem = results["memory"]
    accel = (
        f"rl_accel {env['rl_accel']} importable, reportlab uses it for "
        f"{env['rl_accel_functions_in_c']}/{env['rl_accel_functions']} functions"
        if env["rl_accel"]
        else "rl_accel NOT importable (pure-Python fallbacks)"
    )
    lines = [
        f"reports benchmark — {results['date']} — {results['cpus']} CPU(s), {results['platform']}",
        f"python {env['python']} | reportlab {env['reportlab']} ({accel}) | "
        f"matplotlib {env['matplotlib']} | babel {env['babel']} | fonttools {env['fonttools']} | "
        f"pypdf {env['pypdf']}",
        f"command: {results['command']}",
        f"load average before / after: {results['loadavg_before']} / {results['loadavg_after']}; "
        f"PYTHONDONTWRITEBYTECODE={results['dont_write_bytecode'] or '(unset)'}; "
        f"code fingerprint (reports/*.py + templates): {results['code_before']}",
        "",
        _header("1. Cold CLI, fresh process each run", "wall time, s"),
    ]
    for loc in COLD_LOCALES:
        label = f"reports build --period {TARGET_PERIOD} --locale {loc}"
        lines.append(_row(label, cold["build"][loc]["summary"]))
    lines.append(_row("reports --help", cold["help"]["summary"]))
    lines.append(f"  (one discarded warm-up build before these: {_f(cold['warmup_s'])} s)")

    first = a["first_brief"]
    lines += [
        "",
        _header(
            f"2. Warm, one process: {len(warm['periods'])} periods x {len(LOCALES)} locales"
            f" x {warm['rounds']} round(s) = {len(warm['briefs'])} briefs",
            "time, s",
        ),
        f"  {'import reports API (once; more is imported lazily)':<50} {_f(warm['import_s']):>8}",
        f"  {'data load + validate (once)':<50} {_f(warm['load_validate_s']):>8}",
        f"  {'layout, templates/brief.toml (once)':<50} {_f(warm['layout_s']):>8}",
        _row("metrics, compute() per period", a["metrics"], 4),
        f"  {'first brief (warm-up: ' + first['period'] + ' ' + first['locale'] + ')':<50} "
        f"{_f(first['s']):>8}",
        _row("build_brief per brief, after the first", a["steady"]),
    ]
    lines += [_row(f"  locale {loc}", a["by_locale"][loc]) for loc in LOCALES]
    lines += [_row(f"  period {p}", a["by_period"][p]) for p in warm["periods"]]
    lines.append(
        f"  {'mean per brief, whole loop (metrics + 1st incl.)':<50} {_f(a['mean_per_brief_s']):>8}"
    )
    labels = {
        "sections_s": "sections + figure set-up (build_document)",
        "chart_savefig_excl_fonts_s": "chart draw + PDF write (savefig, excl. fonts)",
        "chart_fonts_s": "chart font subsetting/embedding (writeFonts)",
        "render_pdf_s": "reportlab layout + chart import (render_pdf)",
        "total_s": "total",
    }
    lines.append(
        _header(
            "  where build_brief's time goes (one extra timed build of each of the 9 briefs)",
            "  step, s per brief",
        )
    )
    lines += [_row("  " + labels[k], s) for k, s in a["breakdown"].items()]

    lines += [
        "",
        _header("3. Peak memory", "max RSS, MB", 50),
    ]
    for loc in COLD_LOCALES:
        lines.append(
            _row(f"cold CLI, one brief {TARGET_PERIOD} {loc}", cold["build"][loc]["rss_summary"], 1)
        )
    lines += [
        f"  {'child building all ' + str(mem['briefs']) + ' briefs once':<50} "
        f"{_f(mem['max_rss_mb_after_all_briefs'], 1):>8}",
        f"  {'  same child, after imports only':<50} {_f(mem['max_rss_mb_after_imports'], 1):>8}",
        f"  {'warm child after ' + str(len(warm['briefs'])) + ' briefs':<50} "
        f"{_f(warm['max_rss_mb_after_loop'], 1):>8}",
        "",
        f"4. PDF of {TARGET_PERIOD}",
        f"  {'locale':<8} {'KB':>7} {'pages':>6}  "
        "identical bytes: same process / separate processes",
    ]
    for loc in LOCALES:
        info = mem["pdf"][loc]
        across = cold["build"][loc]["identical_across_processes"] if loc in cold["build"] else None
        lines.append(
            f"  {loc:<8} {info['bytes'] / 1024:>7.1f} {info['pages']:>6}  "
            f"{_yes(info['identical_in_process']):>3} / {_yes(across)}"
        )
    lines.append(
        f"  warm loop: every brief identical across rounds: {_yes(a['identical_across_rounds'])}"
    )

    for p in results.get("peers", []):
        w = p["warm_stats"]
        lines += [
            "",
            f"Peer, same run: {Path(p['script']).name}",
            _row("cold, wall s", p["cold_summary"]),
            f"  {'warm s/brief, first / steady median (n=' + str(p['warm_n']) + ')':<50} "
            f"{_f(w['first_brief_s'])} / {_f(w.get('steady_median_s'))}",
            f"  {'max RSS MB, cold / warm':<50} {_f(statistics.median(p['cold_max_rss_mb']), 1)}"
            f" / {_f(p['warm_max_rss_mb'], 1)}",
            f"  {'PDF KB; identical across processes':<50} {p['bytes'] / 1024:.1f}; "
            f"{_yes(p['identical_across_processes'])}",
        ]
    return "\n".join(lines)


# ------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh-process builds per locale")
    parser.add_argument("--help-runs", type=int, default=5, help="`reports --help` runs")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds of all 9 briefs")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 cold run, 1 round")
    parser.add_argument("--json", type=Path, help="write every raw number to this file")
    parser.add_argument(
        "--reports", type=Path, help="the `reports` executable (default: beside this python)"
    )
    parser.add_argument(
        "--peer",
        type=Path,
        action="append",
        default=[],
        help="also run a peer stack script (accepts --out/--n/--stats) in this run",
    )
    parser.add_argument("--child", choices=("warm", "memory"), help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.cold_runs = args.help_runs = args.rounds = 1
    if min(args.cold_runs, args.help_runs, args.rounds) < 1:
        parser.error("--cold-runs, --help-runs and --rounds must be at least 1")
    return args


def code_fingerprint() -> str:
    """sha256 (12 hex) of the package's .py files and the templates, read without importing.

    Printed with the results and compared at the end: numbers from code edited mid-run are void.
    """
    import importlib.util

    spec = importlib.util.find_spec("reports")
    if spec is None or not spec.submodule_search_locations:
        return "?"
    package = Path(next(iter(spec.submodule_search_locations)))
    files = sorted(package.rglob("*.py"))
    for templates in (package / "_templates", package.parent / "templates"):
        if templates.is_dir():
            files += sorted(f for f in templates.rglob("*") if f.is_file() and f.suffix != ".mo")
            break
    digest = hashlib.sha256()
    for file in files:
        if "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(package.parent)).encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def _loadavg() -> str:
    """The 1/5/15-minute load averages: other work on the machine skews every time here."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _reports_executable(given: Path | None) -> Path:
    if given is not None:
        return given
    beside = Path(sys.executable).with_name("reports")
    found = beside if beside.exists() else shutil.which("reports")
    if not found:
        raise SystemExit("cannot find the `reports` executable; pass --reports PATH")
    return Path(found)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        data = child_warm(args.rounds) if args.child == "warm" else child_memory()
        args.child_out.write_text(json.dumps(data))
        return 0

    exe = _reports_executable(args.reports)
    started = time.perf_counter()
    results: Json = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "options": {k: str(v) for k, v in vars(args).items() if not k.startswith("child")},
        "loadavg_before": _loadavg(),
        "code_before": code_fingerprint(),
        "dont_write_bytecode": os.environ.get("PYTHONDONTWRITEBYTECODE"),
    }
    with tempfile.TemporaryDirectory(prefix="reports-bench-") as tmp:
        workdir = Path(tmp)
        print("cold CLI runs…", file=sys.stderr)
        warmup = cold_build(exe, "fr", 1, workdir)  # page cache, .pyc, matplotlib font cache
        results["cold"] = {
            "warmup_s": warmup["wall_s"][0],
            "build": {loc: cold_build(exe, loc, args.cold_runs, workdir) for loc in COLD_LOCALES},
            "help": cold_help(exe, args.help_runs, workdir),
        }
        print("warm batch…", file=sys.stderr)
        results["warm"], warm_run = run_child("warm", workdir, "--rounds", str(args.rounds))
        results["warm"]["child_wall_s"] = warm_run.wall_s
        print("memory and size…", file=sys.stderr)
        results["memory"], mem_run = run_child("memory", workdir)
        results["memory"]["child_max_rss_mb_wait4"] = mem_run.max_rss_mb
        results["environment"] = results["memory"].pop("environment")
        n_warm = len(results["warm"]["briefs"])
        for script in args.peer:
            print(f"peer {script.name}…", file=sys.stderr)
            results.setdefault("peers", []).append(
                peer(script.resolve(), args.cold_runs, n_warm, workdir)
            )
    results["loadavg_after"] = _loadavg()
    results["code_after"] = code_fingerprint()
    results["analysis"] = analyse(results)
    results["total_s"] = time.perf_counter() - started
    print(report(results))
    print(f"\n(total benchmark time {results['total_s']:.0f} s)")
    if results["code_after"] != results["code_before"]:
        print("WARNING: the reports package or templates changed during the run; rerun.")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
        print(f"raw numbers: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
