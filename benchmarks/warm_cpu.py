"""CPU time per warm brief, interleaved between source trees (medians): no wall time, no peer.

Each sample is a fresh process (``PYTHONPATH`` set to the tree) that builds 9 briefs (3 periods x
fr, en, ar) twice (discarded: imports, caches, the blank figures of each chart shape, which are
kept from a shape's second chart on), then the same 9 twice again, as ``reports batch -j 1`` runs
them: ``run_job(..., force=True)``, automatic collection off, one collection and freeze after each
brief. It prints that process's CPU time (``time.process_time``) per brief of the last 18. CPU
time of one process does not depend much on what else runs on the machine, so trees compare well
even while it is shared; compare trees within one run. ``--profile tottime|cumtime`` prints a
cProfile of the 18 briefs of one process of the first tree instead. Standard library only::

    python benchmarks/warm_cpu.py                                # this checkout, 7 rounds
    python benchmarks/warm_cpu.py --tree /tmp/before --tree .    # before/after, interleaved
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import cProfile, gc, pstats, sys, tempfile, time
from pathlib import Path
from reports.jobs import BriefJob
from reports.period import Period
from reports.pipeline import run_job
out = Path(tempfile.mkdtemp())
jobs = [BriefJob.create(Period.parse(p), l) for p in ("2025-H1", "2024", "2024-H1")
        for l in ("fr", "en", "ar")]
gc.disable()
for j in jobs * 2:
    run_job(j, out, force=True); gc.collect(); gc.freeze()
def go():
    for j in jobs * 2:
        run_job(j, out, force=True); gc.collect(); gc.freeze()
if len(sys.argv) > 1:
    cProfile.run("go()", out / "warm.prof")
    pstats.Stats(str(out / "warm.prof")).sort_stats(sys.argv[1]).print_stats(int(sys.argv[2]))
else:
    t = time.process_time(); go(); print((time.process_time() - t) / 18 * 1000)
"""


def sample(tree: Path, work: Path, extra: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *extra],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append", help="a source tree (repeatable)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", choices=("tottime", "cumtime"))
    parser.add_argument("--lines", type=int, default=45)
    options = parser.parse_args()
    trees = [t.resolve() for t in options.tree or [Path(__file__).resolve().parents[1]]]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if options.profile:
            print(sample(trees[0], work, [options.profile, str(options.lines)]))
            return
        samples: dict[Path, list[float]] = {t: [] for t in trees}
        for round_ in range(options.rounds):
            for tree in trees if round_ % 2 == 0 else trees[::-1]:
                samples[tree].append(float(sample(tree, work, [])))
    base = statistics.median(samples[trees[0]])
    for tree in trees:
        values = samples[tree]
        median = statistics.median(values)
        print(
            f"{median:6.2f} ms/brief (min {min(values):.2f}, max {max(values):.2f})"
            f"  x{median / base:.3f}  {tree}"
        )


if __name__ == "__main__":
    main()
