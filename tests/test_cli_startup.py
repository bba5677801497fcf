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
