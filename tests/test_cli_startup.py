"""The quick commands stay quick: what they import, and that plain options still convert right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("matplotlib", "reportlab", "pydantic", "numpy")
# Standard modules no command needs (xml.sax.saxutils pulled in urllib.request, http, ssl...).
NEEDLESS = ("urllib.request", "http.client", "ssl", "xml.sax")


def _imported(args: list[str], tmp_path: Path) -> tuple[set[str], int]:
    """The heavy top-level packages and needless modules a command imported, and its exit code
    (in-process app)."""
    code = (
        "import sys\n"
        f"sys.argv = ['reports', *{args!r}]\n"
        "from reports.cli import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as stop:\n"
        "    status = stop.code or 0\n"
        f"print(sorted(({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))"
        f" | (set(sys.modules) & set({NEEDLESS!r}))))\n"
        "print(status)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.splitlines()
    return set(eval(out[-2])), int(out[-1])


@pytest.mark.parametrize("args", [["--help"], ["periods"], ["validate"], ["build", "--help"]])
def test_quick_commands_import_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    heavy, status = _imported(args, tmp_path)
    assert status == 0
    assert heavy == set()


def test_build_does_not_import_pydantic(tmp_path: Path) -> None:
    heavy, status = _imported(["build", "-p", "2024,2025-H1", "-l", "fr", "-o", "out"], tmp_path)
    assert status == 0
    assert "pydantic" not in heavy and {"matplotlib", "reportlab"} <= heavy
    assert not heavy & set(NEEDLESS)
    assert (tmp_path / "out" / "2024" / "brief-2024-fr.pdf").exists()
    assert (tmp_path / "out" / "2025-H1" / "brief-2025-H1-fr.pdf").exists()


def test_batch_does_not_import_pydantic(tmp_path: Path) -> None:
    """``--jobs 1`` (an int option with a minimum) is converted without pydantic."""
    heavy, status = _imported(
        ["batch", "-j", "1", "-p", "2024", "-l", "fr", "-q", "-o", "out"], tmp_path
    )
    assert status == 0
    assert "pydantic" not in heavy
    assert (tmp_path / "out" / "2024" / "brief-2024-fr.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "-j", "0"], "'--jobs' / '-j': Input should be greater than or equal to 1"),
        (["batch", "-j", "x"], "Input should be a valid integer, unable to parse string as an"),
        (["batch", "-j", "1.5"], "Input should be a valid integer, unable to parse string as an"),
        (["send", "-p", "2024", "-r", "r.csv", "--max-size", "big"], "a valid number, unable"),
    ],
)
def test_number_options_keep_typers_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reports", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2
    assert message in result.stderr


def test_plain_numbers_convert_as_typers_adapters_do() -> None:
    """Whatever the fast path converts, typer's pydantic adapter converts to the same value;
    the rest (None) is left to typer."""
    from typing import Annotated

    from pydantic import Field, TypeAdapter, ValidationError

    from reports.cli_options import plain_number

    texts = [
        "3",
        "+3",
        "-3",
        "07",
        "-0",
        "3.0",
        "3.5",
        "1.",
        ".5",
        "+.5e-3",
        "1E3",
        "1e400",
        "1e-400",
        "9" * 18,
        "9" * 19,
        "1_000",
        " 3",
        "0x10",
        "",
        "abc",
        "\uff13",
        "1e",
    ]
    plain = 0
    for kind in (int, float):
        for low, high in ((None, None), (1, None), (0, 10)):
            bounds = {k: v for k, v in (("ge", low), ("le", high)) if v is not None}
            adapter = TypeAdapter(Annotated[kind, Field(**bounds)])
            for value in [*texts, 3, 3.0, -2, 12]:
                number = plain_number(value, kind, low, high)
                if number is None:
                    continue
                plain += 1
                try:
                    expected = adapter.validate_python(value)
                except ValidationError:
                    pytest.fail(f"{value!r} is not a valid {kind.__name__} for typer")
                assert (type(number), repr(number)) == (type(expected), repr(expected)), value
    assert plain > 30


def test_path_options_keep_typers_checks(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reports", "periods", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "is a directory" in result.stderr


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (["build", "-p", "2024"], ["build"]),
        (["--debug", "periods"], ["periods"]),
        (["manifest", "merge", "a.json"], ["manifest"]),
        (["templates", "check"], ["templates"]),
    ],
)
def test_the_process_builds_only_the_command_it_runs(args: list[str], kept: list[str]) -> None:
    from reports.cli import app, app_for

    before = list(app.registered_commands), list(app.registered_groups)
    one = app_for(args)
    names = [i.callback.__name__ for i in one.registered_commands]
    assert names + [g.name for g in one.registered_groups] == kept
    assert (app.registered_commands, app.registered_groups) == before  # app itself unchanged


@pytest.mark.parametrize(
    "args", [["build", "--help"], ["batch", "--help"], ["send", "--help"], ["manifest", "--help"]]
)
def test_the_command_alone_has_the_same_help(args: list[str]) -> None:
    from typer.testing import CliRunner

    from reports.cli import app, app_for

    whole = CliRunner().invoke(app, args, prog_name="reports")
    alone = CliRunner().invoke(app_for(args), args, prog_name="reports")
    assert whole.exit_code == alone.exit_code == 0
    assert alone.output == whole.output and "Usage: reports " in alone.output


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["biuld"], ["--debug"]])
def test_help_version_and_typos_get_the_whole_app(args: list[str]) -> None:
    from reports.cli import app, app_for

    assert app_for(args) is app


def test_a_mistyped_command_is_still_suggested(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reports", "biuld"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "No such command 'biuld'. Did you mean 'build'?" in result.stderr


# Imported by the child process below before the command starts: when the CLI imports typer,
# it says so on the `ready` pipe and waits on the `wait` pipe (which is never written), so the
# test's SIGINT surely arrives while the CLI is still being imported.
_BLOCKER = """
import os, signal, sys

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever the parent


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "typer" and "reports.cli" in sys.modules:
            sys.meta_path.remove(self)
            os.write(READY, b"importing")
            os.read(WAIT, 1)  # interrupted by the test's SIGINT
        return None


READY, WAIT = (int(fd) for fd in os.environ["BLOCK_FDS"].split(","))
sys.meta_path.insert(0, Blocker())
"""


@pytest.mark.parametrize(
    "start",
    [
        "import runpy; runpy.run_module('reports', run_name='__main__', alter_sys=True)",
        "import sys; from reports.entry import main; sys.exit(main())",  # the console script
    ],
    ids=["python -m reports", "reports"],
)
def test_ctrl_c_while_importing_is_one_line(start: str, tmp_path: Path) -> None:
    import os
    import select
    import signal

    (tmp_path / "blocker.py").write_text(_BLOCKER)
    ready_r, ready_w = os.pipe()
    wait_r, wait_w = os.pipe()
    env = {**os.environ, "BLOCK_FDS": f"{ready_w},{wait_r}"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    code = f"import sys; sys.argv = ['reports', 'periods']; import blocker; {start}"
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
        pass_fds=(ready_w, wait_r),
    )
    try:
        os.close(ready_w)
        os.close(wait_r)
        assert select.select([ready_r], [], [], 120)[0], "the CLI never started importing"
        assert os.read(ready_r, 64) == b"importing"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
    finally:
        child.kill()
        child.wait()
        os.close(ready_r)
        os.close(wait_w)
    assert child.returncode == 130
    assert out == ""
    assert err == "Error: interrupted; no brief was left half-written.\n"


def test_the_entry_point_exits_like_the_cli_on_ctrl_c() -> None:
    from reports import cli_errors, entry

    assert entry.EXIT_INTERRUPTED == cli_errors.EXIT_INTERRUPTED == 130
