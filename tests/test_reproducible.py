"""A brief's bytes depend on its inputs and publication date only, not on how the date is given."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()


def _build(out: Path, *extra: str, env: dict[str, str | None]) -> str:
    result = runner.invoke(app, ["build", "--period", "2024", "--out", str(out), *extra], env=env)
    assert result.exit_code == 0, result.output
    return hashlib.sha256((out / "2024" / "brief-2024-fr.pdf").read_bytes()).hexdigest()


def test_source_date_epoch_gives_the_bytes_of_the_same_day_as_date(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH at any second of 2025-09-15 builds the same bytes as --date 2025-09-15
    (reportlab seeded the PDF's /ID with the variable's second)."""
    dated = _build(tmp_path / "a", "--date", "2025-09-15", env={"SOURCE_DATE_EPOCH": None})
    afternoon = _build(tmp_path / "b", env={"SOURCE_DATE_EPOCH": "1757948000"})
    assert afternoon == dated
