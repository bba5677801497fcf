"""``reports batch``: incremental, sharded, failures summarised, safe when interrupted."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import pdf_text
from typer.testing import CliRunner

from reports.batch import parse_shard, shard, tasks_for
from reports.cli import app
from reports.errors import ReportsError
from reports.jobs import BriefJob
from reports.period import Period

runner = CliRunner()
HEADER = "indicator,period,segment,value,unit,source\n"


def _data(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(f"{row},MAD_M,Test office\n" for row in rows), "utf-8")
    return path


def _manifest(out: Path) -> dict[str, object]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_shards_partition_the_briefs() -> None:
    jobs = [
        BriefJob.create(Period.parse(p), loc)
        for p in ("2024-H1", "2024", "2025-H1", "2025-Q1")
        for loc in ("fr", "en", "ar")
    ]
    for n in range(1, 15):
        parts = [shard(jobs, k, n) for k in range(1, n + 1)]
        flat = [job for part in parts for job in part]
        assert sorted(flat, key=BriefJob.sort_key) == sorted(jobs, key=BriefJob.sort_key)
        assert len(set(flat)) == len(flat) == len(jobs)  # no overlap, no gap
        assert max(map(len, parts)) - min(map(len, parts)) <= 1
        shuffled = random.Random(n).sample(jobs, len(jobs))
        assert [shard(shuffled, k, n) for k in range(1, n + 1)] == parts  # order-independent


def test_tasks_are_one_brief_each_costliest_first_in_a_fixed_order() -> None:
    """Longest first, so that the last briefs, while a worker may be idle, are the cheapest: the
    more data up to a period (32 rows up to 2025-H1, 27 up to 2024, 10 up to 2024-H1), the more
    comparisons and trend bars; Arabic (shaped, reordered) before French of the same period."""
    jobs = [
        BriefJob.create(Period.parse(p), loc)
        for p in ("2024-H1", "2024", "2025-H1")
        for loc in ("fr", "ar")
    ]
    expected = ["2025-H1 ar", "2024 ar", "2025-H1 fr", "2024 fr", "2024-H1 ar", "2024-H1 fr"]
    for seed in range(5):
        tasks = tasks_for(random.Random(seed).sample(jobs, len(jobs)))
        assert [len(task) for task in tasks] == [1] * len(jobs)
        assert [task[0].label for task in tasks] == expected


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "1/2/3"])
def test_bad_shards_are_refused(text: str) -> None:
    with pytest.raises(ReportsError):
        parse_shard(text)
    result = runner.invoke(app, ["batch", "--shard", text])
    assert result.exit_code == 2
    assert parse_shard("2/4") == (2, 4)


def test_incremental_a_new_quarter_builds_only_its_briefs(tmp_path: Path) -> None:
    data = _data(
        tmp_path / "q.csv",
        "exports,2024-Q1,TOTAL,100",
        "exports,2025-Q1,TOTAL,110",
    )
    out = tmp_path / "out"
    args = ["batch", "--data", str(data), "--out", str(out), "--locales", "en", "--jobs", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == str(out / "manifest.json")
    assert "2 briefs" in first.stderr and "2 built" in first.stderr
    manifest = _manifest(out)
    briefs = manifest["briefs"]
    assert [(b["period"], b["status"]) for b in briefs] == [  # type: ignore[index]
        ("2024-Q1", "built"),
        ("2025-Q1", "built"),
    ]
    for brief in briefs:  # type: ignore[attr-defined]
        pdf = out / brief["path"]
        assert brief["size"] == pdf.stat().st_size
        document = pdfium.PdfDocument(str(pdf))
        assert brief["pages"] == len(document)
        document.close()
    stats = {p: p.stat() for p in out.rglob("*.pdf")}

    # A new quarter: its brief is built; the others are untouched (same inode and mtime).
    data.write_text(data.read_text() + "exports,2025-Q2,TOTAL,120,MAD_M,Test office\n")
    second = runner.invoke(app, [*args, "--json"])
    assert second.exit_code == 0, second.output
    summary = json.loads(second.stdout)
    # 2025-Q1 and 2025-Q2 complete the first half of 2025: its brief (derived) is new too.
    assert (summary["built"], summary["skipped"], summary["failed"]) == (2, 2, 0)
    built = [b["period"] for b in summary["briefs"] if b["status"] == "built"]
    assert built == ["2025-Q2", "2025-H1"]
    for pdf, before in stats.items():
        after = pdf.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert [b["status"] for b in _manifest(out)["briefs"]].count("skipped") == 2  # type: ignore[attr-defined]

    forced = runner.invoke(app, [*args, "--periods", "2025-Q2", "--force", "--quiet"])
    assert forced.exit_code == 0, forced.output
    assert forced.stderr == ""
    assert _manifest(out)["counts"] == {"built": 1, "skipped": 0, "failed": 0}


def test_batch_digits_like_build_named_apart_and_skipped_when_current(tmp_path: Path) -> None:
    """``--digits`` as in ``build``: Arabic-Indic digits in the text, ``-arab`` in the file name
    when not the locale's default, so the default briefs are never overwritten."""
    data = _data(tmp_path / "y.csv", "exports,2024,TOTAL,100")
    out = tmp_path / "out"
    common = ["batch", "--data", str(data), "--locales", "ar,fr", "--jobs", "1", "-o", str(out)]
    arab = runner.invoke(app, [*common, "--digits", "arab", "--json"])
    assert arab.exit_code == 0, arab.output
    briefs = json.loads(arab.stdout)["briefs"]
    assert [(b["path"], b["digits"], b["status"]) for b in briefs] == [
        ("2024/brief-2024-ar-arab.pdf", "arab", "built"),
        ("2024/brief-2024-fr-arab.pdf", "arab", "built"),
    ]
    for name in ("brief-2024-ar-arab.pdf", "brief-2024-fr-arab.pdf"):
        text = " ".join(pdf_text(out / "2024" / name))
        assert "٢٠٢٤" in text and "2024" not in text.replace("٢٠٢٤", ""), name
    before = {p.name: p.read_bytes() for p in (out / "2024").glob("*.pdf")}

    plain = runner.invoke(app, [*common, "--digits", "latn", "--json"])
    assert plain.exit_code == 0, plain.output
    assert [b["path"] for b in json.loads(plain.stdout)["briefs"]] == [
        "2024/brief-2024-ar.pdf",  # latn is the default of ar (and fr): no suffix
        "2024/brief-2024-fr.pdf",
    ]
    assert "٢٠٢٤" not in " ".join(pdf_text(out / "2024" / "brief-2024-ar.pdf"))
    assert {n: (out / "2024" / n).read_bytes() for n in before} == before  # untouched

    again = runner.invoke(app, [*common, "--digits", "arab", "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["skipped"] == 2
    assert runner.invoke(app, [*common, "--digits", "roman"]).exit_code == 2


@pytest.fixture
def broken_arabic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A template folder whose Arabic catalog misspells a placeholder: Arabic briefs fail."""
    from reports.resources import catalog_relpath, templates_dir

    folder = tmp_path / "templates"
    po = folder / catalog_relpath("ar")
    po.parent.mkdir(parents=True)
    text = (templates_dir() / catalog_relpath("ar")).read_text(encoding="utf-8")
    msgid = 'msgid "Exports by segment, {period}"\nmsgstr "'
    start = text.index(msgid) + len(msgid)
    end = text.index('"\n', start)
    po.write_text(
        text[:start] + text[start:end].replace("{period}", "{periode}") + text[end:], "utf-8"
    )
    monkeypatch.setenv("REPORTS_TEMPLATES", str(folder))
    return po


def test_one_failing_brief_does_not_stop_the_others_exit_3(
    tmp_path: Path, broken_arabic: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", "--periods", "2024", "--locales", "ar,fr", "--jobs", "1", "-o", str(out)]
    )
    assert result.exit_code == 3, result.output
    assert (out / "2024" / "brief-2024-fr.pdf").is_file()
    assert not (out / "2024" / "brief-2024-ar.pdf").exists()
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors[-1] == "Error: 1 of 2 briefs failed:"
    reason = result.stderr.splitlines()[-1]
    assert reason.startswith("  2024 ar: ") and "messages.po" in reason
    assert "'Exports by segment, {period}'" in reason and "{periode}" in reason
    assert "Traceback" not in result.output
    entries = {b["locale"]: b for b in _manifest(out)["briefs"]}  # type: ignore[attr-defined]
    assert entries["ar"]["status"] == "failed" and "{periode}" in entries["ar"]["error"]
    assert entries["fr"]["status"] == "built"


def test_manifest_merge_joins_shards_like_one_run(tmp_path: Path) -> None:
    data = _data(tmp_path / "y.csv", "exports,2024,TOTAL,100", "exports,2025,TOTAL,120")
    common = ["--data", str(data), "--locales", "en", "--jobs", "1", "--quiet"]
    shards = []
    for k in (1, 2):
        out = tmp_path / f"shard{k}"
        result = runner.invoke(app, ["batch", *common, "--shard", f"{k}/2", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert _manifest(out)["shard"] == f"{k}/2"
        assert len(_manifest(out)["briefs"]) == 1  # type: ignore[arg-type]
        shards.append(out / "manifest.json")
    merged = tmp_path / "merged.json"
    result = runner.invoke(app, ["manifest", "merge", *map(str, shards[::-1]), "-o", str(merged)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(merged)
    doc = json.loads(merged.read_text(encoding="utf-8"))
    assert "shard" not in doc
    assert [b["period"] for b in doc["briefs"]] == ["2024", "2025"]
    assert doc["counts"] == {"built": 2, "skipped": 0, "failed": 0}
    # A missing shard is pointed out; a brief that differs between shards is an error.
    one = runner.invoke(app, ["manifest", "merge", str(shards[0]), "-o", str(merged)])
    assert one.exit_code == 0 and "shard(s) 2/2 not given" in one.stderr
    clash = json.loads(shards[1].read_text(encoding="utf-8"))
    clash["briefs"][0]["period"] = "2024"
    clash["briefs"][0]["sha256"] = "0" * 64
    (tmp_path / "clash.json").write_text(json.dumps(clash), encoding="utf-8")
    bad = runner.invoke(app, ["manifest", "merge", str(shards[0]), str(tmp_path / "clash.json")])
    assert bad.exit_code == 1 and "overlap and disagree" in bad.stderr


def _pdfs_are_whole(out: Path) -> list[Path]:
    """Every PDF under ``out`` opens and ends with %%EOF; returns them."""
    pdfs = sorted(out.rglob("*.pdf"))
    for pdf in pdfs:
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
        document = pdfium.PdfDocument(str(pdf))
        assert len(document) >= 2
        document.close()
    return pdfs


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reports", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's job
    )


def _wait_for_first_pdf(out: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not list(out.rglob("*.pdf")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _wait_until_the_group_has_ended(group: int) -> None:
    """Until no process of that group runs (Linux /proc; a zombie has ended): SIGKILL is
    delivered at once, but a process inside a system call (fsync) ends when it returns."""
    if not Path("/proc/self/stat").exists():
        return
    deadline = time.monotonic() + 60
    while True:
        running = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if len(fields) > 2 and int(fields[2]) == group and fields[0] not in ("Z", "X"):
                running.append(stat.parent.name)
        if not running:
            return
        assert time.monotonic() < deadline, f"still running after SIGKILL: {running}"
        time.sleep(0.02)


def test_killed_batch_leaves_no_partial_pdf_and_the_next_run_resumes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", "--periods", "2024", "--locales", "fr,en,ar", "-o", str(out)]
    process = _start([*args, "--jobs", "2"], tmp_path)
    _wait_for_first_pdf(out, process)
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, mid-batch
    process.wait()
    _wait_until_the_group_has_ended(process.pid)
    done = _pdfs_are_whole(out)
    assert 1 <= len(done) < 3
    stale = out / "2024" / ".brief-2024-en.pdf.999999999.abcdefgh.tmp"  # as a killed writer leaves
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"%PDF-1.4 half")

    # Finished = the PDF and the record of its build (a kill between the two leaves no record).
    recorded = [p for p in done if (out / ".reports" / "2024" / f"{p.name}.json").is_file()]
    again = runner.invoke(app, [*args, "--jobs", "1", "--json"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)
    # What was finished (the PDF and the record of its build) is skipped; a PDF whose record the
    # kill prevented is rebuilt, since nothing says which inputs it was made from.
    assert (summary["skipped"], summary["built"]) == (len(recorded), 3 - len(recorded))
    reasons = {b["path"]: b["status"] for b in summary["briefs"]}
    assert all(reasons[f"2024/{p.name}"] == "skipped" for p in recorded)
    if set(done) - set(recorded):  # a PDF without its record is rebuilt, and says why
        assert "(no build record)" in again.stderr
    assert len(_pdfs_are_whole(out)) == 3
    assert not list(out.rglob("*.tmp"))


def test_ctrl_c_stops_the_batch_with_one_line_and_exit_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start(
        ["batch", "--periods", "2024", "--locales", "fr,en,ar", "--jobs", "2", "-o", str(out)],
        tmp_path,
    )
    _wait_for_first_pdf(out, process)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "interrupted after" in errors[0] and "resume" in errors[0]
    assert "Traceback" not in stderr
    _pdfs_are_whole(out)


def _children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_killed_worker_does_not_lose_its_briefs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start(
        ["batch", "--periods", "2024", "--locales", "fr,en,ar", "--jobs", "2", "-o", str(out)],
        tmp_path,
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while not workers:  # forked by the batch (Linux), or by a fork server
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        children = _children(process.pid)
        workers = [
            pid
            for pid in [*children, *(w for child in children for w in _children(child))]
            if not any(
                helper in Path(f"/proc/{pid}/cmdline").read_bytes()
                for helper in (b"resource_tracker", b"forkserver")
            )
        ]
        time.sleep(0.02)
    os.kill(workers[0], signal.SIGKILL)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "3 built" in stderr
    assert len(_pdfs_are_whole(out)) == 3


_MAIN_WITH_TEARDOWN_MARK = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("interpreter teardown\\n"))
from reports.cli import main
sys.argv = ["reports", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("as_json", [True, False])
def test_a_batch_with_workers_ends_without_teardown_and_complete_output(
    tmp_path: Path, as_json: bool
) -> None:
    """Once every worker has been joined the batch process exits at once (no interpreter
    teardown: atexit handlers do not run), after its manifest and its stdout are complete."""
    out = tmp_path / "out"
    args = [
        "batch",
        "-p",
        "2024-H1,2024,2025-H1",
        "-l",
        "fr,en,ar",
        "-j",
        "2",
        "-q",
        "-o",
        str(out),
    ]
    done = subprocess.run(
        [sys.executable, "-c", _MAIN_WITH_TEARDOWN_MARK, *args, *(["--json"] if as_json else [])],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the teardown's atexit handlers never ran, nothing else was said
    manifest = _manifest(out)
    assert manifest["counts"] == {"built": 9, "skipped": 0, "failed": 0}
    pdfs = _pdfs_are_whole(out)
    assert sorted(f"{p.parent.name}/{p.name}" for p in pdfs) == sorted(
        b["path"]
        for b in manifest["briefs"]  # type: ignore[attr-defined]
    )
    if as_json:
        summary = json.loads(done.stdout)  # all of it, up to the last brace
        assert done.stdout.endswith("}\n")
        assert [b["sha256"] for b in summary["briefs"]] == [
            b["sha256"]
            for b in manifest["briefs"]  # type: ignore[attr-defined]
        ]
    else:
        assert done.stdout == f"{out / 'manifest.json'}\n"


_ALONE_CHECK = """
import multiprocessing, threading
from reports.cli import _alone
assert _alone()
context = multiprocessing.get_context("fork")
go = context.Event()
child = context.Process(target=go.wait)
child.start()
assert not _alone()  # a child process not joined
go.set()
child.join()
assert _alone()
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
assert not _alone()  # another thread
stop.set()
thread.join()
assert _alone()
multiprocessing.get_context("forkserver")
import multiprocessing.forkserver
assert not _alone()  # a fork server is the interpreter's to stop
print("ok")
"""


def test_the_fast_exit_waits_for_threads_children_and_helpers() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ALONE_CHECK], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr


def test_without_a_date_the_fingerprint_does_not_change_day_to_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No --date and no SOURCE_DATE_EPOCH: no date in the job, so tomorrow's run still skips."""
    from reports.cli import date_option

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert date_option(None) == ""
    assert date_option("2025-09-15") == "2025-09-15"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    assert date_option(None) == "2025-10-09"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended, its parent gone


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_batch_process_is_killed(tmp_path: Path) -> None:
    process = _start(
        ["batch", "--periods", "2024", "--locales", "fr,en,ar", "--jobs", "2", "-o", "out"],
        tmp_path,
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        workers = [
            pid
            for pid in _children(process.pid)
            if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        time.sleep(0.02)
    process.kill()  # the batch process only (kill -9 PID), not its process group
    process.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers):
        if time.monotonic() > deadline:
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            pytest.fail("the workers outlived their batch")
        time.sleep(0.1)


def test_workers_from_a_fork_server_as_on_macos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork is not used (macOS), workers come from a fork server: same briefs."""
    import reports.batch

    monkeypatch.setattr(reports.batch, "_FORK", False)
    data = _data(tmp_path / "y.csv", "exports,2024,TOTAL,100", "exports,2025,TOTAL,120")
    out = tmp_path / "out"
    args = ["batch", "--data", str(data), "--locales", "en", "--jobs", "2", "-o", str(out)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["built"] == 2
    assert len(_pdfs_are_whole(out)) == 2


def _stray_setup(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """Briefs of 2024-Q1 and 2025-Q1 in en and fr, plus two PDFs that are not briefs."""
    data = _data(tmp_path / "q.csv", "exports,2024-Q1,TOTAL,100", "exports,2025-Q1,TOTAL,110")
    out = tmp_path / "out"
    base = ["batch", "--out", str(out), "--jobs", "1", "--date", "2025-06-30"]
    first = runner.invoke(app, [*base, "--data", str(data), "--locales", "en,fr"])
    assert first.exit_code == 0, first.output
    assert "not in this batch" not in first.stderr
    (out / "notes.pdf").write_bytes(b"%PDF-1.4 an analyst's own file\n")
    (out / "2024-Q1" / "annex.pdf").write_bytes(b"%PDF-1.4 another\n")
    # The data no longer has 2024-Q1, and French is dropped from the list.
    _data(data, "exports,2025-Q1,TOTAL,110")
    return data, out, [*base, "--data", str(data), "--locales", "en", "--json"]


def test_briefs_no_longer_in_the_batch_are_listed_not_deleted(tmp_path: Path) -> None:
    _data_path, out, args = _stray_setup(tmp_path)
    kept = out / "2025-Q1" / "brief-2025-Q1-en.pdf"  # rebuilt: its data changed
    before = {p: p.stat().st_ino for p in out.rglob("*.pdf") if p != kept}
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["not_in_batch"] == [
        "2024-Q1/annex.pdf",
        "2024-Q1/brief-2024-Q1-en.pdf",
        "2024-Q1/brief-2024-Q1-fr.pdf",
        "2025-Q1/brief-2025-Q1-fr.pdf",
        "notes.pdf",
    ]
    assert summary["pruned"] == []
    assert [b["path"] for b in _manifest(out)["briefs"]] == ["2025-Q1/brief-2025-Q1-en.pdf"]  # type: ignore[index]
    (note,) = [line for line in result.stderr.splitlines() if "not in this batch" in line]
    assert note.startswith(f"Note: 5 PDF(s) in {out} are not in this batch's manifest: ")
    assert "2024-Q1/annex.pdf, 2024-Q1/brief-2024-Q1-en.pdf" in note and "and 2 more" in note
    assert "--prune deletes the 3 brief(s) among them" in note
    assert {p: p.stat().st_ino for p in out.rglob("*.pdf") if p != kept} == before  # untouched
    # --quiet: no note.
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0 and "not in this batch" not in quiet.stderr


def test_prune_deletes_only_our_stale_briefs_and_their_records(tmp_path: Path) -> None:
    _data_path, out, args = _stray_setup(tmp_path)
    record = out / ".reports" / "2024-Q1" / "brief-2024-Q1-en.pdf.json"
    assert record.exists()
    result = runner.invoke(app, [*args, "--prune"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["pruned"] == [
        "2024-Q1/brief-2024-Q1-en.pdf",
        "2024-Q1/brief-2024-Q1-fr.pdf",
        "2025-Q1/brief-2025-Q1-fr.pdf",
    ]
    assert summary["not_in_batch"] == ["2024-Q1/annex.pdf", "notes.pdf"]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf")) == [
        "2024-Q1/annex.pdf",
        "2025-Q1/brief-2025-Q1-en.pdf",
        "notes.pdf",
    ]
    assert not record.exists()
    assert not (out / ".reports" / "2024-Q1").exists()  # its folder emptied: removed
    assert (out / ".reports" / "2025-Q1" / "brief-2025-Q1-en.pdf.json").exists()
    assert "Pruned 3 brief(s)" in result.stderr
    # The kept brief is still current: the next run skips it and prunes nothing.
    again = runner.invoke(app, [*args, "--prune"])
    assert json.loads(again.stdout)["skipped"] == 1
    assert json.loads(again.stdout)["pruned"] == []


def test_a_shard_does_not_count_the_other_shards_briefs(tmp_path: Path) -> None:
    data = _data(tmp_path / "q.csv", "exports,2024-Q1,TOTAL,100", "exports,2025-Q1,TOTAL,110")
    out = tmp_path / "out"
    base = ["batch", "--data", str(data), "--out", str(out), "--jobs", "1", "--locales", "en"]
    for k in ("1/2", "2/2"):
        result = runner.invoke(app, [*base, "--shard", k, "--json", "--prune"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["not_in_batch"] == []
        assert json.loads(result.stdout)["pruned"] == []
    assert len(list(out.rglob("*.pdf"))) == 2


def test_summary_counts_the_workers_used_not_the_jobs_asked(tmp_path: Path) -> None:
    # --jobs 1000 for two briefs starts two workers: "1000 worker(s)" was not what happened.
    data = _data(tmp_path / "q.csv", "exports,2025-Q1,TOTAL,100")
    out = tmp_path / "out"
    args = ["batch", "--data", str(data), "--out", str(out), "--locales", "en,fr"]
    result = runner.invoke(app, [*args, "--jobs", "1000", "--date", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "2 built, 0 skipped, 0 failed" in result.stderr and "; 2 worker(s);" in result.stderr
