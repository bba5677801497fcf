"""The quick commands stay quick: what they import, and that plain options still convert right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("matplotlib", "reportlab", "pydantic", "numpy")


def _imported(args: list[str], tmp_path: Path) -> tuple[set[str], int]:
    """The heavy top-level packages a command imported, and its exit code (in-process app)."""
    code = (
        "import sys\n"
        f"sys.argv = ['reports', *{args!r}]\n"
        "from reports.cli import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as stop:\n"
        "    status = stop.code or 0\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
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
    assert (tmp_path / "out" / "2024" / "brief-2024-fr.pdf").exists()
    assert (tmp_path / "out" / "2025-H1" / "brief-2025-H1-fr.pdf").exists()


def test_path_options_keep_typers_checks(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reports", "periods", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "is a directory" in result.stderr
