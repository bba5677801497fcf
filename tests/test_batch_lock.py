"""Two `reports batch` runs into the same folder: the second stops at once, touching nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from reports.cli import app
from reports.outlock import output_lock

runner = CliRunner()
ARGS = ["batch", "--periods", "2024", "--locales", "fr", "--jobs", "1", "--date", "2025-03-01"]


@contextmanager
def _held_by_another_process(out: Path) -> Iterator[int]:
    """A process holding ``out``'s lock (a first batch, still writing) for the block: its pid.
    No timing: it says when it holds the lock, and ends when its input is closed."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom reports.outlock import output_lock\n"
        "with output_lock(Path(sys.argv[1]), 'reports batch'):\n"
        "    print('locked', flush=True)\n    sys.stdin.read()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline() == "locked\n"
        yield process.pid
    finally:
        process.stdin.close()
        process.wait(timeout=60)
        process.stdout.close()


def test_a_second_batch_into_the_same_folder_stops_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with _held_by_another_process(out) as pid:
        result = runner.invoke(app, [*ARGS, "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert f"Error: another reports batch (process {pid}) is writing to {out}" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (out / "manifest.json").exists()
        assert not list(out.rglob("*.pdf"))
        # Another folder is not affected.
        other = runner.invoke(app, [*ARGS, "--out", str(tmp_path / "other")])
        assert other.exit_code == 0, other.output
    # Once the first run is over, the folder is free again.
    result = runner.invoke(app, [*ARGS, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "2024" / "brief-2024-fr.pdf").is_file()
    result = runner.invoke(app, [*ARGS, "--out", str(out)])  # and the lock was released
    assert result.exit_code == 0, result.output


def test_a_batch_that_stops_early_leaves_no_earlier_manifest(tmp_path: Path) -> None:
    """A CI cache restores OUT with the last run's manifest; this run's data is invalid (exit 1):
    the old manifest must not stay, or the shard merge would publish the last run's briefs as
    this one's."""
    from reports.resources import default_data_path

    out = tmp_path / "out"
    shard = [*ARGS, "--shard", "1/1", "--out", str(out)]
    assert runner.invoke(app, shard).exit_code == 0
    assert (out / "manifest.json").is_file()
    bad = tmp_path / "bad.csv"
    text = default_data_path().read_text(encoding="utf-8")
    bad.write_text(text + "exports,2024,ITO,abc,MAD_M,,,\n", encoding="utf-8")
    result = runner.invoke(app, [*shard, "--data", str(bad)])
    assert result.exit_code == 1
    assert "cannot read 'abc' as a number" in result.stderr
    assert not (out / "manifest.json").exists()
    assert (out / "2024" / "brief-2024-fr.pdf").is_file()  # the briefs themselves stay
    merged = runner.invoke(app, ["manifest", "merge", str(out / "manifest.json")])
    assert merged.exit_code == 1 and "manifest not found" in merged.stderr


def test_a_process_forked_by_the_batch_does_not_keep_the_folder_locked(tmp_path: Path) -> None:
    """The batch's workers are forked from it: once the batch has ended, a worker still alive
    (killed batch, worker not yet gone) must not keep the next run out (flock's lock was
    inherited by every worker, so a run right after a kill could find the folder locked)."""
    out = tmp_path / "out"
    read_end, write_end = os.pipe()
    with output_lock(out, "reports batch"):
        child = os.fork()
        if child == 0:  # a worker: waits for work
            try:
                os.close(write_end)
                os.read(read_end, 1)
            finally:
                os._exit(0)
    os.close(read_end)
    try:
        # The batch is over; its worker is still there: another process can take the folder.
        code = (
            "import sys\nfrom pathlib import Path\nfrom reports.outlock import output_lock\n"
            "with output_lock(Path(sys.argv[1]), 'reports batch'):\n    print('locked')\n"
        )
        taken = subprocess.run(
            [sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=60
        )
        assert taken.returncode == 0, taken.stderr
        assert taken.stdout == "locked\n"
    finally:
        os.close(write_end)
        os.waitpid(child, 0)


def test_a_batch_that_fails_into_a_new_folder_leaves_no_folder(tmp_path: Path) -> None:
    """The lock lives in OUT/.reports: a batch that stops before writing anything (invalid data,
    an unknown period) takes away the folders it made for it, as ``reports build`` leaves none."""
    bad = tmp_path / "bad.csv"
    bad.write_text("period,segment,indicator,value,unit,source\n2025-H1,,exports,x,MAD_M,s\n")
    out = tmp_path / "new" / "out"
    result = runner.invoke(app, [*ARGS, "--data", str(bad), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "Error:" in result.stderr
    assert not (tmp_path / "new").exists()
    result = runner.invoke(app, ["batch", "--periods", "2099", "--out", str(out)])
    assert result.exit_code != 0
    assert not (tmp_path / "new").exists()


def test_a_failed_batch_keeps_a_folder_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    bad = tmp_path / "bad.csv"
    bad.write_text("period,segment,indicator,value,unit,source\n2025-H1,,exports,x,MAD_M,s\n")
    result = runner.invoke(app, [*ARGS, "--data", str(bad), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert (out / "notes.txt").read_text() == "mine"
    assert not (out / ".reports").exists()
