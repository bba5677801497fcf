"""Time `reports` against the Typst peer brief, interleaved by round; print medians and ratios.

    python benchmarks/bench.py [--rounds 5] [--warm 18] [--json out.json]
        [--peer /work/shared/bench/peers/stack_b_typst.py]

Every sample runs in a fresh process: wall time, CPU time (user + system) and peak RSS of that
process (os.wait4). In each round the two tools take turns, the first alternating, so both see
the same machine load. `warm` = per-brief median, after the first brief, of one process building
`--warm` briefs (ours: run_job in a loop over 3 periods x fr, en, ar; the peer: its `--n` loop).
Ours only: the quick commands, and `reports batch --force` with 1 and 2 workers, of 27 briefs
(3 periods x 9 locales) and of 51 (tests/data/quarterly.csv: 17 periods x fr, en, ar, the size of
a CI run); `--only-batch` runs just those. Standard library only; the package is imported by
child processes only.

Our package is timed as `pip install .` leaves it: before timing, its bytecode is compiled into
`__pycache__` (`python -m compileall`, once; what pip does at install, and what Python does on a
first import unless PYTHONDONTWRITEBYTECODE is set). Without it, an editable install under
PYTHONDONTWRITEBYTECODE=1 compiles every module from source in every process (0.06-0.08 s of
CPU per cold process, measured). `--source` times that instead. The output says which.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOCALES = "fr,en,ar,fr_MA,ar_MA,en_GB,fr_BE,ar_EG,en_US"
QUARTERLY = Path(__file__).resolve().parent.parent / "tests" / "data" / "quarterly.csv"
BATCHES = {  # name: the arguments that choose the briefs
    "27": ["-l", LOCALES],
    "51": ["--data", str(QUARTERLY), "-l", "fr,en,ar"],
}
WARM_CHILD = """
import json, sys, time
from pathlib import Path
from reports.period import Period
out, n = Path(sys.argv[1]), int(sys.argv[2])
try:
    from reports.jobs import BriefJob
    from reports.pipeline import run_job
    def build(period, locale):
        run_job(BriefJob.create(Period.parse(period), locale), out, force=True)
except ImportError:  # before the jobs API (to time older versions)
    from reports.pipeline import build_brief, brief_path, write_atomic
    from reports.resources import default_data_path
    from reports.validation import require_valid
    data = require_valid(default_data_path())[0]
    def build(period, locale):
        pdf = build_brief(data, Period.parse(period), locale)
        write_atomic(brief_path(out, Period.parse(period), locale), pdf)
combos = [(p, l) for p in ("2025-H1", "2024", "2024-H1") for l in ("fr", "en", "ar")]
times = []
for i in range(n):
    started = time.perf_counter()
    build(*combos[i % len(combos)])
    times.append(time.perf_counter() - started)
print(json.dumps(times))
"""


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MB, stdout) of one child; exits loudly if the child fails."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.decode()


def compile_package(rep: str) -> str:
    """Compile the bytecode of the package that `rep` runs into its `__pycache__` folders, as
    `pip install .` does (a no-op where it is there already); say where."""
    python = Path(rep).with_name("python")
    where = [  # -P: not the working folder's reports/, the one the command imports
        python if python.exists() else sys.executable,
        "-P",
        "-c",
        "import reports; print(reports.__path__[0])",
    ]
    package = subprocess.run(where, capture_output=True, text=True, check=True).stdout.strip()
    if subprocess.run([where[0], "-m", "compileall", "-q", package]).returncode:
        return f"compiled from source in each process (could not write bytecode in {package})"
    return f"bytecode compiled into __pycache__ before timing, as pip install . does ({package})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warm", type=int, default=18, help="briefs per warm process")
    parser.add_argument("--json", type=Path, help="also write every sample here")
    parser.add_argument(
        "--peer", type=Path, default=Path("/work/shared/bench/peers/stack_b_typst.py")
    )
    parser.add_argument("--reports", default=str(Path(sys.executable).with_name("reports")))
    parser.add_argument("--only-batch", action="store_true", help="only the batch measures")
    parser.add_argument(
        "--source", action="store_true", help="do not compile our bytecode first (see above)"
    )
    args = parser.parse_args()
    py, rep, peer = sys.executable, args.reports, args.peer.resolve()
    bytecode = "compiled from source in each process" if args.source else compile_package(rep)
    tmp = Path(tempfile.mkdtemp(prefix="bench_"))
    has_batch = subprocess.run([rep, "batch", "--help"], capture_output=True).returncode == 0
    samples: dict[str, list[float]] = {}
    digests: dict[str, set[str]] = {}
    sizes: dict[str, int] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    def ours_cold(r: int, locale: str = "fr") -> None:
        out = tmp / f"cold{r}{locale}"
        wall, cpu, rss, stdout = run([rep, "build", "-p", "2025-H1", "-l", locale, "-o", str(out)])
        pdf = Path(stdout.strip().splitlines()[-1]).read_bytes()
        add(f"ours cold build {locale}, s", wall)
        add(f"ours cold build {locale}, CPU s", cpu)
        add(f"ours cold build {locale}, peak MB", rss)
        digests.setdefault(locale, set()).add(hashlib.sha256(pdf).hexdigest())
        sizes[f"ours 2025-H1 {locale}, KB"] = len(pdf) // 1024

    def ours_warm(r: int) -> None:
        out = tmp / f"warm{r}"
        *_, rss, stdout = run([py, "-c", WARM_CHILD, str(out), str(args.warm)])
        add("ours warm per brief, s", statistics.median(json.loads(stdout)[1:]))
        add("ours warm process, peak MB", rss)

    def peer_cold(r: int) -> None:
        out = tmp / f"peer{r}.pdf"
        wall, cpu, rss, _ = run([py, str(peer), "--out", str(out)], cwd=peer.parent)
        add("peer cold build, s", wall)
        add("peer cold build, CPU s", cpu)
        add("peer cold build, peak MB", rss)
        sizes["peer brief, KB"] = out.stat().st_size // 1024

    def peer_warm(r: int) -> None:
        stats = tmp / f"peer{r}.jsonl"
        cmd = [py, str(peer), "--n", str(args.warm), "--out", str(tmp / f"pw{r}_{{i}}.pdf")]
        *_, rss, _ = run([*cmd, "--stats", str(stats)], cwd=peer.parent)
        add(
            "peer warm per brief, s",
            json.loads(stats.read_text().splitlines()[-1])["steady_median_s"],
        )
        add("peer warm process, peak MB", rss)

    def ours_quick(r: int) -> None:
        for command in ("--help", "periods", "validate"):
            wall, cpu, *_ = run([rep, command])
            add(f"ours `reports {command}`, s", wall)
            add(f"ours `reports {command}`, CPU s", cpu)

    def ours_batch(r: int) -> None:
        """`reports batch --force` of each case, 1 then 2 workers (which first alternates)."""
        for case, chosen in BATCHES.items():
            for jobs in ("1", "2") if r % 2 == 0 else ("2", "1"):
                cmd = [rep, "batch", "-j", jobs, "--force", *chosen, "--json", "-q"]
                wall, cpu, rss, stdout = run([*cmd, "-o", str(tmp / f"batch{r}-{case}")])
                summary = json.loads(stdout)
                name = f"ours batch {case} --jobs {jobs}"
                add(f"{name}, briefs/s (wall)", summary["total"] / wall)
                add(f"{name}, briefs/s (batch)", summary["briefs_per_second"])
                add(f"{name}, CPU s", cpu)
                add(f"{name}, peak MB per process", rss)

    load = [os.getloadavg()[0]]
    run([rep, "build", "-o", str(tmp / "first")])  # page cache, font caches: discarded
    for r in range(args.rounds):
        if args.only_batch:
            ours_batch(r)
            continue
        for ours, peer_step in ((ours_cold, peer_cold), (ours_warm, peer_warm)):
            for step in (ours, peer_step) if r % 2 == 0 else (peer_step, ours):
                step(r)
        ours_cold(r, "ar")
        ours_quick(r)
        if has_batch:
            ours_batch(r)
    load.append(os.getloadavg()[0])
    shutil.rmtree(tmp, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in samples.items()}
    ratios = {}
    if not args.only_batch:
        ratios = {
            "cold: ours fr / peer": med["ours cold build fr, s"] / med["peer cold build, s"],
            "cold CPU: ours fr / peer": med["ours cold build fr, CPU s"]
            / med["peer cold build, CPU s"],
            "warm: ours / peer": med["ours warm per brief, s"] / med["peer warm per brief, s"],
        }
    if has_batch:
        for case in BATCHES:
            for kind in ("wall", "batch"):
                ratios[f"batch {case}: jobs 2 / jobs 1, briefs/s ({kind})"] = (
                    med[f"ours batch {case} --jobs 2, briefs/s ({kind})"]
                    / med[f"ours batch {case} --jobs 1, briefs/s ({kind})"]
                )
    machine = f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"{machine}; {args.rounds} rounds; load average {load[0]:.2f} -> {load[1]:.2f}")
    print(f"our package: {bytecode}")
    print(f"{'measure':48} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in samples.items():
        print(f"{name:48} {med[name]:8.3f} {min(values):8.3f} {max(values):8.3f}")
    for name, value in {**ratios, **sizes}.items():
        print(f"{name:48} {value:8.2f}")
    same = {locale: len(d) == 1 for locale, d in digests.items()}
    print(f"identical bytes across cold runs: {same}")
    report = {
        "machine": machine,
        "load": load,
        "medians": med,
        "ratios": ratios,
        "sizes": sizes,
        "identical_bytes": same,
        "bytecode": bytecode,
        "samples": samples,
    }
    print(json.dumps({k: report[k] for k in ("medians", "ratios", "sizes")}, sort_keys=True))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
