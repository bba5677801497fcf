"""Files written by reports get the permissions the user's umask gives a new file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()


@pytest.fixture
def umask_077() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_restricted_umask_keeps_briefs_and_manifests_private(
    tmp_path: Path, umask_077: None
) -> None:
    """Under ``umask 077`` (a ministry's restricted briefs) nothing is world-readable: the PDFs,
    the manifest and the build records are ``0600``, as the folders are ``0700``."""
    out = tmp_path / "out"
    args = ["batch", "--periods", "2024", "--locales", "fr", "--jobs", "1", "--out", str(out)]
    result = runner.invoke(app, [*args, "--date", "2025-03-01"])
    assert result.exit_code == 0, result.output
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"brief-2024-fr.pdf", "manifest.json"}
    assert {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}
    assert _mode(out / "2024") == 0o700


def test_the_usual_umask_gives_readable_files(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        result = runner.invoke(
            app, ["build", "--period", "2024", "--out", str(tmp_path), "--date", "2025-03-01"]
        )
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert _mode(tmp_path / "2024" / "brief-2024-fr.pdf") == 0o644
