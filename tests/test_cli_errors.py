"""Every failure is one clear line with a documented exit code: bugs, write errors, Ctrl-C."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reports import pipeline
from reports.cli import app
from reports.cli_errors import EXIT_BUG, EXIT_INTERRUPTED

runner = CliRunner()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error: ")]


def one_error(result: object, code: int) -> str:
    """The single ``Error:`` line of a run that exited with ``code``, with no traceback."""
    assert result.exit_code == code, result.output  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    lines = error_lines(stderr)
    assert len(lines) == 1, stderr
    others = [line for line in stderr.splitlines() if not line.startswith(("Error: ", "Note: "))]
    assert not others, stderr
    return lines[0]


# ------------------------------------------------------------------------------------- locale


def test_locale_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"
    result = runner.invoke(
        app, ["build", "--period", "2024", "--locale", "fr./../../../escaped", "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert "invalid locale" in result.stderr
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("FR", "fr"), (" fr", "fr"), ("fr_MA.UTF-8", "fr_MA"), ("ar-ma", "ar_MA")],
)
def test_locale_spellings_give_canonical_file_names(
    tmp_path: Path, given: str, canonical: str
) -> None:
    result = runner.invoke(
        app, ["build", "--period", "2024", "--locale", given, "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    expected = tmp_path / "2024" / f"brief-2024-{canonical}.pdf"
    assert result.stdout.strip() == str(expected)
    assert [p.name for p in tmp_path.rglob("*.pdf")] == [expected.name]


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--digits", "roman"],
        ["build", "--locale", "de"],
        ["build", "--locale", "xx_YY"],
        ["build", "--locale", "fr@euro"],
    ],
)
def test_bad_option_values_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "Invalid value" in result.stderr
    assert not any(tmp_path.iterdir())


# ------------------------------------------------------------------------------------- bugs


def _explode(*_args: object, **_kwargs: object) -> bytes:
    raise RuntimeError("boom")


def test_unexpected_exception_is_one_line_and_exit_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "build_document", _explode)
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    line = one_error(result, EXIT_BUG)
    assert "RuntimeError" in line and "boom" in line
    assert "bug" in line and "--debug" in line
    assert "tests/test_cli_errors.py" not in line  # where: the innermost frame of the package


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "build_document", _explode)
    result = runner.invoke(app, ["--debug", "build", "--out", str(tmp_path)])
    assert result.exit_code == EXIT_BUG
    assert "Traceback" in result.stderr
    assert "RuntimeError: boom" in result.stderr


def test_ctrl_c_is_one_line_exit_130_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)  # Ctrl-C while the brief is being written
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    line = one_error(result, EXIT_INTERRUPTED)
    assert "interrupted" in line
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


# ------------------------------------------------------------------------------ write errors


def test_disk_full_is_one_line_and_keeps_the_old_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    brief = Path(good.stdout.strip())
    before = brief.read_bytes()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    line = one_error(result, 1)
    assert str(brief) in line and "no space left" in line
    assert brief.read_bytes() == before
    assert [p.name for p in brief.parent.iterdir()] == [brief.name]


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(pipeline.tempfile, "mkstemp", denied)  # root ignores chmod: simulate
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    line = one_error(result, 1)
    assert "cannot write in" in line and "Permission denied" in line


def test_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "2024").write_text("a file where the period folder goes")
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    line = one_error(result, 1)
    assert "a file is in the way" in line


def test_brief_path_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "2024" / "brief-2024-fr.pdf").mkdir(parents=True)
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    line = one_error(result, 1)
    assert "a folder of that name is in the way" in line


def test_stale_temp_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    folder = tmp_path / "2024"
    folder.mkdir()
    stale = folder / f".brief-2024-fr.pdf.{dead.stdout.strip()}.abc123xy.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    alive = folder / f".brief-2024-en.pdf.{os.getpid()}.abc123xy.tmp"  # a live writer: kept
    alive.write_bytes(b"%PDF-1.4 in progress")
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert alive.exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="zombies are read from /proc")
def test_temp_file_of_an_exited_but_unreaped_writer_is_removed(tmp_path: Path) -> None:
    """A killed batch's workers can stay zombies (nothing reaps orphans in some containers)."""
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 30
        while "Z" not in Path(f"/proc/{zombie.pid}/stat").read_text().rpartition(")")[2][:3]:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(zombie.pid, 0)  # a zombie still answers: the pid check alone keeps its files
        stale = tmp_path / f".brief-2024-fr.pdf.{zombie.pid}.abc123xy.tmp"
        stale.write_bytes(b"%PDF-1.4 half")
        assert pipeline.clean_stale_temps(tmp_path) == [stale]
        assert not stale.exists()
    finally:
        zombie.wait()


def test_closed_stdout_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reports", "periods"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: standard output was closed before the result was written"
    ]


def test_broken_pipe_is_one_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "reports", "periods"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before the first line
    stderr = process.stderr.read()
    assert process.wait() == 1
    assert stderr.strip().splitlines() == [
        "Error: standard output was closed before the result was written"
    ]


# ------------------------------------------------------------------------------ catalogs


@pytest.fixture
def broken_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogs where one French translation misspells ``{period}``."""
    import shutil

    from reports import resources

    package = tmp_path / "templates"
    shutil.copytree(resources.templates_dir(), package)
    copy = package / "locale"
    po = copy / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    msgid = 'msgid "Exports by segment, {period}"\nmsgstr "'
    start = text.index(msgid) + len(msgid)
    end = text.index("\n", start)
    po.write_text(
        text[:start] + text[start:end].replace("{period}", "{periode}") + text[end:],
        encoding="utf-8",
    )
    # The packaged templates as they would be installed elsewhere (catalogs are cached by path).
    monkeypatch.setattr(resources, "templates_dir", lambda: package)
    monkeypatch.setattr("reports.i18n.catalogs.locale_dir", lambda: copy)
    yield po


def test_misspelled_placeholder_names_the_catalog_and_message(
    tmp_path: Path, broken_catalog: Path
) -> None:
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(tmp_path / "out")])
    line = one_error(result, 1)
    assert str(broken_catalog) in line
    assert "'Exports by segment, {period}'" in line and "{periode}" in line
    assert not (tmp_path / "out").exists()
