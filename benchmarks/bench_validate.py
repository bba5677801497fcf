"""Validate a generated 1,000,000-row CSV: wall time and peak memory (median of runs).

Two files are generated in a temporary folder (deleted at the end), never committed:

* ``valid``: every (indicator, period, segment) the format allows, then the same rows again, so
  most rows are exact duplicates (one warning each) — the file is valid;
* ``errors``: every row has a wrong unit — one error per row.

Each file is validated by ``reports validate`` in a new process; the peak RSS of that process
is read with ``os.wait4``. Usage::

    python benchmarks/bench_validate.py              # 1,000,000 rows, 3 runs per file
    python benchmarks/bench_validate.py --rows 100000 --runs 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SEGMENTS = ("ITO", "CRM", "ESO", "BPO", "KPO", "TOTAL")
HEADER = "indicator,period,segment,value,unit,source\n"


def periods() -> Iterator[str]:
    for year in range(1901, 2101):
        yield str(year)
        yield from (f"{year}-H{h}" for h in (1, 2))
        yield from (f"{year}-Q{q}" for q in (1, 2, 3, 4))


def keys() -> list[tuple[str, str]]:
    return [(p, s) for p in periods() for s in SEGMENTS]


def write_valid(path: Path, rows: int) -> None:
    """Jobs rows for every period and segment, repeated with the same value until ``rows``."""
    every = keys()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for i in range(rows):
            period, segment = every[i % len(every)]
            handle.write(
                f"jobs,{period},{segment},{1000 + i % len(every)},PERSONS,Source {i % 7}\n"
            )


def write_errors(path: Path, rows: int) -> None:
    every = keys()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for i in range(rows):
            period, segment = every[i % len(every)]
            handle.write(f"exports,{period},{segment},{i},PCT,Source\n")


def run(reports: list[str], data: Path) -> tuple[float, float, int, int]:
    """(seconds, peak RSS in MB, exit code, lines on stderr) of one ``reports validate``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [*reports, "validate", "--data", str(data)], stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        err.seek(0)
        lines = err.read().count(b"\n")
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reports = [sys.executable, "-m", "reports"]
    with tempfile.TemporaryDirectory() as folder:
        for name, write in (("valid", write_valid), ("errors", write_errors)):
            data = Path(folder) / f"{name}.csv"
            write(data, args.rows)
            size = data.stat().st_size / 1e6
            samples = [run(reports, data) for _ in range(args.runs)]
            seconds = statistics.median(s[0] for s in samples)
            memory = statistics.median(s[1] for s in samples)
            code, lines = samples[0][2], samples[0][3]
            print(
                f"{name:6} {args.rows:>9,} rows ({size:.0f} MB): median {seconds:.1f} s, "
                f"peak RSS {memory:.0f} MB, exit {code}, {lines} line(s) on stderr "
                f"[{args.runs} run(s): {', '.join(f'{s[0]:.1f}' for s in samples)} s]"
            )


if __name__ == "__main__":
    main()
