"""The command line as a user runs it: outputs, exit codes, no partial files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()
HEADER = "indicator;period;segment;value;unit;source\n"


def write_csv(path: Path, body: str, encoding: str = "utf-8-sig") -> Path:
    path.write_text(HEADER + body, encoding=encoding)
    return path


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["periods"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_build_default_writes_latest_period(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    expected = tmp_path / "2025-H1" / "brief-2025-H1-fr.pdf"
    assert result.stdout.strip() == str(expected)
    assert expected.read_bytes().startswith(b"%PDF")
    assert not list(expected.parent.glob(".*.tmp"))


def test_build_from_french_excel_csv(tmp_path: Path) -> None:
    data = write_csv(
        tmp_path / "fr.csv",
        "exports;2025-Q2;ITO;1 234,5;MAD_M;Office des Changes\n"
        "exports;2025-Q2;TOTAL;3 000;MAD_M;Office des Changes\n"
        "exports;2024-Q2;TOTAL;2 800;MAD_M;Office des Changes\n",
    )
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pdf = Path(result.stdout.strip())
    assert pdf.name == "brief-2025-Q2-fr.pdf"
    from conftest import pdf_text

    text = "\n".join(pdf_text(pdf))
    assert "1 234" in text or "1 235" in text  # value in MAD million, French grouping
    assert "+7 %°" in text  # 3000 / 2800 - 1, computed; values rounded to 100 allow +3.5..+10.9
    assert "T2 2025" in text


def test_unknown_period_names_the_available_ones(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--period", "2019", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "2024-H1, 2024, 2025-H1" in result.stderr
    assert "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_invalid_data_writes_nothing_and_keeps_the_good_brief(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = runner.invoke(app, ["build", "--period", "2024", "--out", str(out)])
    assert good.exit_code == 0
    brief = Path(good.stdout.strip())
    before = brief.read_bytes()
    data = write_csv(
        tmp_path / "bad.csv",
        "exports;2024;ITO;abc;MAD_M;x\nexports;2024;XYZ;12;MAD_M;x\n",
    )
    result = runner.invoke(
        app, ["build", "--period", "2024", "--data", str(data), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "row 2, column 'value'" in result.stderr
    assert "row 3, column 'segment'" in result.stderr
    assert brief.read_bytes() == before
    assert sorted(p.name for p in brief.parent.iterdir()) == [brief.name]


def test_validate(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["validate"])
    assert ok.exit_code == 0
    assert "valid" in ok.stdout
    assert "Warning:" in ok.stderr and "BPO" in ok.stderr  # published 17 % vs 22.8 % recomputed
    bad = write_csv(tmp_path / "bad.csv", "exports;2024;ITO;-5;MAD_M;x\njobs;2024;TOTAL;10;PCT;x\n")
    result = runner.invoke(app, ["validate", "--data", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}, row 2, column 'value'" in result.stderr
    assert f"{bad}, row 3, column 'unit'" in result.stderr


def test_periods() -> None:
    result = runner.invoke(app, ["periods"])
    assert result.exit_code == 0
    assert result.stdout.split() == ["2024-H1", "2024", "2025-H1"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["build", "--locale", "de"], 2),
        (["build", "--digits", "roman"], 2),
        (["build", "--period", "2025-H3"], 1),
        (["build", "--data", "/nonexistent.csv"], 1),
        (["build", "--no-such-option"], 2),
        (["frobnicate"], 2),
    ],
)
def test_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    if args[0] == "build" and "--no-such-option" not in args:
        args = [*args, "--out", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    if code == 1:
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reports", "periods"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.split()[-1] == "2025-H1"


def test_bytes_identical_across_processes(tmp_path: Path) -> None:
    """Two separate runs (different hash seeds, different folders) give the same bytes."""
    import os

    outputs = []
    for seed, folder in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "reports", "build", "--locale", "ar"]
        run = subprocess.run(
            [*command, "--out", str(tmp_path / folder)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        outputs.append(Path(run.stdout.strip()).read_bytes())
    assert outputs[0] == outputs[1]


def test_a_brief_is_not_published_before_its_period_ends(tmp_path: Path) -> None:
    # "Published on March 1, 2025" on figures of the first half of 2025 (or today, on a period
    # of the future in the data): the cover would contradict its own figures. No PDF is written.
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--date", "2025-03-01", "--out", str(out)])
    assert result.exit_code == 1
    assert (
        "Error: a brief of 2025-H1 cannot be published on 2025-03-01: the period ends on "
        "2025-06-30; give a later --date" in result.stderr
    )
    assert not list(out.rglob("*.pdf"))
    data = tmp_path / "future.csv"
    data.write_text(
        "indicator,period,segment,value,unit\nexports,2099-Q1,TOTAL,100,MAD_M\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert "the period ends on 2099-03-31 (a period in the future?)" in result.stderr
    assert not list(out.rglob("*.pdf"))
