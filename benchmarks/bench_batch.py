"""Briefs per second of `reports batch`: 1 and 2 workers, cold (--force) and nothing changed.

Usage (from the project's venv)::

    python benchmarks/bench_batch.py               # 3 runs of each case (~1-2 minutes on 2 cores)
    python benchmarks/bench_batch.py --runs 5      # more runs, steadier medians
    python benchmarks/bench_batch.py --json out.json

Each run is the real command in a new process, over every period the embedded data can brief
× fr, en, ar, into one temporary folder: ``reports batch --jobs N --force`` (cold: every brief
built), then ``reports batch --jobs N`` (nothing changed: every brief skipped). The wall time
includes interpreter start-up, imports, worker start-up and the manifest. Tables show the median
(min-max) of the runs, in seconds and briefs per second, and the median CPU time (user + system)
of the command and its workers. The load average before and after is
printed: on a shared machine, compare the cases of one run as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
WORKERS = (1, 2)


def reports_command() -> list[str]:
    script = Path(sys.executable).with_name("reports")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reports"]


def _adopt_orphans() -> None:
    """Become the subreaper of our descendants (Linux): a fork server orphaned when the command
    exits is reaped here, so its CPU time and its workers' count in ``RUSAGE_CHILDREN``."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _reap() -> None:
    """Wait for every adopted descendant (the fork server ends when its parent has)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str]) -> tuple[float, float, dict[str, Any]]:
    """Wall time and CPU time (the command, its workers) of one run, and its ``--json`` summary."""
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    _reap()
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, cpu, json.loads(done.stdout)


def median_row(samples: list[float], cpu: list[float], briefs: int) -> str:
    med = statistics.median(samples)
    return (
        f"{med:6.2f} s ({min(samples):.2f}-{max(samples):.2f})  "
        f"{briefs / med:5.2f} briefs/s ({briefs / max(samples):.2f}-{briefs / min(samples):.2f})  "
        f"CPU {statistics.median(cpu):5.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (default 3)")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    args = parser.parse_args()

    _adopt_orphans()
    base = reports_command()
    out = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    load_before = os.getloadavg()
    samples: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    briefs = 0
    try:
        warmup = [*base, "batch", "--out", str(out), "--json", "--quiet", "--jobs", "1"]
        _seconds, _cpu, summary = run([*warmup, "--force"])  # font and page caches; discarded
        briefs = summary["total"]
        for _ in range(args.runs):
            for jobs in WORKERS:
                command = [
                    *base,
                    "batch",
                    "--out",
                    str(out),
                    "--json",
                    "--quiet",
                    "--jobs",
                    str(jobs),
                ]
                seconds, used, summary = run([*command, "--force"])
                assert summary["built"] == briefs, summary
                samples.setdefault(f"cold, --jobs {jobs}", []).append(seconds)
                cpu.setdefault(f"cold, --jobs {jobs}", []).append(used)
                seconds, used, summary = run(command)
                assert summary["skipped"] == briefs, summary
                samples.setdefault(f"nothing changed, --jobs {jobs}", []).append(seconds)
                cpu.setdefault(f"nothing changed, --jobs {jobs}", []).append(used)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"reports batch over {briefs} briefs (every period x fr, en, ar), {args.runs} runs each")
    print(
        f"python {platform.python_version()}, {platform.machine()}, "
        f"{len(os.sched_getaffinity(0))} usable CPUs; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print(
        f"command: {' '.join(Path(base[0]).name if i == 0 else a for i, a in enumerate(base))} "
        "batch --out TMP --json --quiet --jobs N [--force]"
    )
    print()
    width = max(map(len, samples))
    for case, values in samples.items():
        print(f"  {case:<{width}}  {median_row(values, cpu[case], briefs)}")
    cold1 = statistics.median(samples["cold, --jobs 1"])
    cold2 = statistics.median(samples["cold, --jobs 2"])
    warm1 = statistics.median(samples["nothing changed, --jobs 1"])
    print()
    print(f"  speed-up of 2 workers on a cold run: {cold1 / cold2:.2f}x")
    print(f"  a run with nothing changed takes {warm1 / cold1:.1%} of a cold run (--jobs 1)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "briefs": briefs,
                    "samples": samples,
                    "cpu_seconds": cpu,
                    "load_average": [load_before, load_after],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
