"""Critical path of `reports batch --force -j 2`, in CPU time: what two CPUs of its own would give.

    python benchmarks/batch_path.py [--rounds 3] [--tree DIR ...]

Wall-time ratios of `-j 2` / `-j 1` need a machine to themselves: on a shared one, Linux gives a
session one share of the CPUs, whatever its number of processes. CPU times hardly depend on the
load. Each round runs, per tree (a source folder put first on PYTHONPATH; default: the installed
package) and per set of briefs (the 27 and 51 of bench.py), `-j 1` (its CPU, from os.wait4) and
`-j 2` with `process_time` logged in the batch process when it forks its workers and when the
manifest is written, and in each worker after each brief. Critical path = batch process before
the fork + the busier worker + the batch process after the workers; ratio = `-j 1` CPU / that.
Medians; standard library only, the package is imported by the child processes only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import BATCHES

CHILD = """
import json, os, sys, time
log = open(os.environ["BATCH_PATH_LOG"], "a")
def mark(kind):
    log.write(json.dumps([os.getpid(), kind, time.process_time()]) + "\\n"); log.flush()
import reports.batch as batch, reports.manifest as manifest, reports.pipeline as pipeline
def wrap(module, name, before=None, after=None):
    inner = getattr(module, name)
    def outer(*args, **kwargs):
        before and mark(before)
        result = inner(*args, **kwargs)
        after and mark(after)
        return result
    setattr(module, name, outer)
wrap(pipeline, "run_job", after="brief")
wrap(batch, "_in_workers", before="fork", after="joined")
wrap(manifest, "write", after="end")
from reports.cli import main
sys.argv = ["reports", *sys.argv[1:]]
main()
"""


def one(tree: str, chosen: list[str], jobs: str, tmp: Path) -> tuple[float, dict[str, float]]:
    """(CPU of the command and its workers, marks of a `-j 2` run) of one run."""
    log = tmp / "log.jsonl"
    log.unlink(missing_ok=True)
    env = {**os.environ, "BATCH_PATH_LOG": str(log)}
    if tree:
        env["PYTHONPATH"] = tree
    cmd = [sys.executable, "-c", CHILD, "batch", "--force", *chosen, "-j", jobs, "-q"]
    out = subprocess.DEVNULL
    proc = subprocess.Popen([*cmd, "-o", str(tmp / "out")], cwd=tmp, env=env, stdout=out)
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(cmd)} failed ({status})")
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    marks = {kind: cpu for pid, kind, cpu in rows if pid == proc.pid}
    workers: dict[int, float] = {}
    for pid, kind, cpu in rows:
        if kind == "brief" and pid != proc.pid:
            workers[pid] = max(workers.get(pid, 0.0), cpu)
    marks["worker max"] = max(workers.values(), default=0.0)
    marks["worker min"] = min(workers.values(), default=0.0)
    return usage.ru_utime + usage.ru_stime, marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tree", action="append", default=[], help="source tree (repeatable)")
    args = parser.parse_args()
    trees = [str(Path(t).resolve()) for t in args.tree] or [""]
    tmp = Path(tempfile.mkdtemp(prefix="batch_path_"))
    found: dict[tuple[str, str], list[tuple[float, float, float, float, float]]] = {}
    for r in range(args.rounds):
        for tree in trees if r % 2 == 0 else trees[::-1]:
            for case, chosen in BATCHES.items():
                j1, _ = one(tree, chosen, "1", tmp)
                _, m = one(tree, chosen, "2", tmp)
                path = m["fork"] + m["worker max"] + (m["end"] - m["joined"])
                row = (j1, m["fork"], m["worker min"], m["worker max"], path)
                found.setdefault((tree or "installed", case), []).append(row)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{args.rounds} rounds; load average {os.getloadavg()[0]:.2f}; CPU seconds, medians")
    print(f"{'tree, briefs':40} {'-j 1':>6} {'serial':>7} {'workers':>11} {'path':>6} {'ratio':>6}")
    for (tree, case), rows in found.items():
        j1, serial, low, high, path = (statistics.median(col) for col in zip(*rows, strict=True))
        name = f"{tree[-30:]}, {case}"
        print(
            f"{name:40} {j1:6.2f} {serial:7.2f} {low:5.2f}/{high:5.2f} {path:6.2f} {j1 / path:6.2f}"
        )


if __name__ == "__main__":
    main()
