"""Start-up cost of `reports` processes, interleaved between source trees (medians).

For each tree (a checkout holding `reports/`; default: this one), every round runs, in turn:

- **to body**: CPU seconds from the process's start until the command's own function is called
  (interpreter, imports, typer building and parsing, option callbacks), for `build` and for
  `batch` (27 briefs); the command body is not run;
- the cold `build -p 2025-H1 -l fr`, `--help`, `periods`, `validate`: wall and CPU seconds of the
  whole process (`os.wait4`).

Standard library only; the package is imported by child processes only, with ``PYTHONPATH`` set
to the tree and a temporary working folder::

    python benchmarks/bench_startup.py                          # this checkout, 7 rounds
    python benchmarks/bench_startup.py --tree /tmp/before --tree .   # before/after, interleaved
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOCALES = "fr,en,ar,fr_MA,ar_MA,en_GB,fr_BE,ar_EG,en_US"
COMMANDS = {
    "to body: build": ("body", ["build", "-p", "2025-H1", "-l", "fr", "-o", "OUT"]),
    "to body: batch": ("body", ["batch", "--force", "-j", "2", "-q", "-o", "OUT", "-l", LOCALES]),
    "cold build fr": ("run", ["build", "-p", "2025-H1", "-l", "fr", "-o", "OUT"]),
    "--help": ("run", ["--help"]),
    "periods": ("run", ["periods"]),
    "validate": ("run", ["validate"]),
}

# Runs the command line as the tree's own entry point does, but stops where the command's
# function would start, and prints the process's CPU time at that point.
TO_BODY = """
import functools, gc, importlib.util, sys, time
sys.argv = ["reports", *sys.argv[1:]]
entry = importlib.util.find_spec("reports.entry") is not None
if entry:
    gc.disable()  # reports.entry.main: from the first import on
import reports.cli as cli
gc.disable()
class Body(BaseException):
    pass
def stopper(command):
    @functools.wraps(command)  # same signature: typer builds the same options
    def stop(*args, **kwargs):
        raise Body
    return stop
for info in cli.app.registered_commands:
    info.callback = stopper(info.callback)
app = cli.app_for(sys.argv[1:]) if hasattr(cli, "app_for") else cli.app
try:
    app(standalone_mode=False)
except Body:
    print(time.process_time())
"""


def sample(tree: Path, kind: str, args: list[str], work: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process; for ``body``, CPU at the command's start."""
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    argv = [a.replace("OUT", str(out)) for a in args]
    if kind == "body":
        done = subprocess.run(
            [sys.executable, "-c", TO_BODY, *argv],
            env=env,
            cwd=work,
            capture_output=True,
            text=True,
            check=True,
        )
        cpu = float(done.stdout.split()[-1])
        return cpu, cpu
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "reports", *argv],
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{tree}: reports {' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tree", type=Path, action="append", help="a source tree (repeatable)")
    options = parser.parse_args()
    trees = [t.resolve() for t in options.tree or [Path(__file__).resolve().parents[1]]]
    print(f"load average at start: {load()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, (kind, args) in COMMANDS.items():
            samples: dict[Path, list[tuple[float, float]]] = {t: [] for t in trees}
            for tree in trees:
                sample(tree, kind, args, work)  # discarded: page cache, font caches
            for round_ in range(options.rounds):
                for tree in trees if round_ % 2 == 0 else trees[::-1]:
                    samples[tree].append(sample(tree, kind, args, work))
            cells = []
            for tree in trees:
                wall = statistics.median(s[0] for s in samples[tree])
                cpu = statistics.median(s[1] for s in samples[tree])
                cells.append(f"CPU {cpu:.3f}" if kind == "body" else f"{wall:.3f} (CPU {cpu:.3f})")
            print(f"{name:16s} " + "  |  ".join(cells), flush=True)
    print(f"load average at end: {load()}")
    print("trees: " + "  |  ".join(str(t) for t in trees))


if __name__ == "__main__":
    main()
