"""CLI for analysts and CI: --templates, --date, --json, validate --strict/--format github."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import pdf_text
from typer.testing import CliRunner

from reports import resources
from reports.cli import app

runner = CliRunner()


def test_templates_init_then_edit_shows_in_next_build_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after `pip install .`: the templates live inside the package (reports/_templates)."""
    package = tmp_path / "site-packages" / "reports"
    shutil.copytree(resources.templates_dir(), package / "_templates")
    shutil.copytree(resources.data_dir(), package / "_data")
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.templates_dir() == package / "_templates"

    mine = tmp_path / "mine"
    assert runner.invoke(app, ["templates", "init", str(mine)]).exit_code == 0
    po = mine / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Publié le {date}"' in text
    po.write_text(text.replace('msgstr "Publié le {date}"', 'msgstr "Diffusé le {date}"'), "utf-8")
    out = tmp_path / "out"
    args = ["build", "-p", "2025-H1", "--date", "2025-09-15", "--out", str(out)]
    result = runner.invoke(app, [*args, "--templates", str(mine)])
    assert result.exit_code == 0, result.stderr
    assert "Diffusé le 15 septembre 2025" in pdf_text(Path(result.stdout.strip()))[0]
    # The environment variable does the same; without either, the packaged wording.
    monkeypatch.setenv("REPORTS_TEMPLATES", str(mine))
    assert "Diffusé le" in pdf_text(Path(runner.invoke(app, args).stdout.strip()))[0]
    monkeypatch.delenv("REPORTS_TEMPLATES")
    assert "Publié le" in pdf_text(Path(runner.invoke(app, args).stdout.strip()))[0]


def test_build_json_describes_each_brief(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "-p",
            "2025-H1",
            "-l",
            "fr,ar",
            "--date",
            "2025-09-15",
            "-o",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    briefs = json.loads(result.stdout)["briefs"]
    assert [(b["period"], b["locale"], b["status"]) for b in briefs] == [
        ("2025-H1", "fr", "built"),
        ("2025-H1", "ar", "built"),
    ]
    for brief in briefs:
        pdf = Path(brief["path"]).read_bytes()
        assert brief["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert brief["pages"] == len(pypdf.PdfReader(brief["path"]).pages)
        assert brief["published"] == "2025-09-15"
        assert brief["warnings"] == []
    info = pypdf.PdfReader(briefs[0]["path"]).metadata
    assert info is not None and info["/CreationDate"] == "D:20250915000000+00'00'"
    assert "Publié le 15 septembre 2025" in pdf_text(Path(briefs[0]["path"]))[0]


def test_source_date_epoch_dates_the_brief(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", "-o", str(tmp_path), "--json"], env={"SOURCE_DATE_EPOCH": "1760000000"}
    )
    brief = json.loads(result.stdout)["briefs"][0]
    assert brief["published"] == "2025-10-09"
    assert "Publié le 9 octobre 2025" in pdf_text(Path(brief["path"]))[0]
    bad = runner.invoke(app, ["build", "-o", str(tmp_path), "--date", "15/09/2025"])
    assert bad.exit_code == 2 and "write it as YYYY-MM-DD" in bad.stderr


def _bad_data(tmp_path: Path) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(
        "indicator,period,segment,value,unit\n"
        "exports,2024,ITO,26219,MAD_M\n"
        "exports,2024,CRM,10,USD\n"
        "exports,2023,ITO,23001,MAD_M\n"
        "growth,2024,ITO,50,PCT\n",
        encoding="utf-8",
    )
    return path


def test_validate_json_lists_every_issue_with_a_code(tmp_path: Path) -> None:
    path = _bad_data(tmp_path)
    result = runner.invoke(app, ["validate", "--data", str(path), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["errors"] == 1 and report["warnings"] == 1
    assert [(i["row"], i["column"], i["severity"], i["code"]) for i in report["issues"]] == [
        (3, "unit", "error", "wrong-unit"),
        (5, "value", "warning", "growth-mismatch"),
    ]
    assert all(i["file"] == str(path) for i in report["issues"])
    missing = runner.invoke(app, ["validate", "--data", str(tmp_path / "no.csv"), "--json"])
    assert missing.exit_code == 1
    assert json.loads(missing.stdout)["issues"][0]["code"] == "unreadable-file"


def test_validate_strict_and_github_annotations(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(
        "indicator,period,segment,value,unit\nexports,2024,ITO,26219,MAD_M\n"
        "exports,2023,ITO,23001,MAD_M\ngrowth,2024,ITO,50,PCT\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["validate", "--data", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--data", str(path), "--strict"])
    assert strict.exit_code == 1 and "--strict fails on warnings" in strict.stderr
    github = runner.invoke(
        app, ["validate", "--data", str(_bad_data(tmp_path)), "--format", "github"]
    )
    assert github.exit_code == 1
    lines = github.stdout.splitlines()
    assert lines[0].startswith(f"::error file={path},line=3,title=wrong-unit (column unit)::unit ")
    assert lines[1].startswith("::warning file=") and "%25" in lines[1]  # "%" escaped
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2


def test_periods_json() -> None:
    result = runner.invoke(app, ["periods", "--json"])
    assert json.loads(result.stdout) == {"periods": ["2024-H1", "2024", "2025-H1"], "derived": []}


def test_version_completion_and_help_without_stray_types() -> None:
    from reports import __version__

    assert runner.invoke(app, ["--version"]).stdout == f"reports {__version__}\n"
    top = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in top and "--version" in top
    for command in ([], ["build"], ["validate"], ["periods"], ["templates", "init"]):
        text = runner.invoke(app, [*command, "--help"]).stdout
        assert "<bool>" not in text and "--help" in text, command


def test_cli_import_does_not_import_pandas() -> None:
    code = "import sys, reports.cli; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_broken_placeholder_in_a_copied_catalog_names_that_copy(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    assert runner.invoke(app, ["templates", "init", str(mine)]).exit_code == 0
    po = mine / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('"Publié le {date}"', '"Publié le {datum}"'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", "-t", str(mine), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"Error: {po}: the translation of 'Published on {{date}}' is 'Publié le {{datum}}'" in (
        result.stderr
    )
    assert not (tmp_path / "out").exists()
    check = runner.invoke(app, ["templates", "check", str(mine)])
    assert check.exit_code == 1 and f"{po}:" in check.stderr


def test_batch_takes_templates_and_date(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    assert runner.invoke(app, ["templates", "init", str(mine)]).exit_code == 0
    layout = mine / "brief.toml"
    layout.write_text(
        layout.read_text(encoding="utf-8") + '\n[brand]\norganisation = "Observatoire"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["batch", "-p", "2025-H1", "-l", "fr,ar", "-j", "1", "-o", str(out), "--json"]
    result = runner.invoke(app, [*args, "-t", str(mine), "--date", "2025-09-15", "-q"])
    assert result.exit_code == 0, result.stderr
    briefs = json.loads(result.stdout)["briefs"]
    assert [(b["locale"], b["status"], b["warnings"]) for b in briefs] == [
        ("ar", "built", []),
        ("fr", "built", []),
    ]
    fr = pdf_text(out / "2025-H1" / "brief-2025-H1-fr.pdf")[0]
    assert "Observatoire" in fr and "Publié le 15 septembre 2025" in fr
    # Same inputs, same date: nothing to rebuild; another date: rebuilt.
    again = runner.invoke(app, [*args, "-t", str(mine), "--date", "2025-09-15", "-q"])
    assert {b["status"] for b in json.loads(again.stdout)["briefs"]} == {"skipped"}
    later = runner.invoke(app, [*args, "-t", str(mine), "--date", "2025-10-01", "-q"])
    assert {b["status"] for b in json.loads(later.stdout)["briefs"]} == {"built"}


def test_every_validation_issue_has_a_stable_code(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,period,segment,value,unit,status,extra,extra\n"
        "exports,2024,ITO,100,MAD_M,,x,x\n"
        "exports,2024,ITO,120,MAD_M,,x,x\n"  # conflicting duplicate
        "exports,2024,ITO,100,MAD_M,,x,x\n"
        "weather,2024,ITO,1,MAD_M,,x,x\n"
        "exports,2024-H3,ITO,1,MAD_M,,x,x\n"
        "exports,2024,XYZ,1,MAD_M,,x,x\n"
        "exports,2024,CRM,abc,MAD_M,,x,x\n"
        "exports,2024,ESO,1,USD,,x,x\n"
        "exports,2024,BPO,1,MAD_M,guess,x,x\n"
        "exports,2024,KPO,-5,MAD_M,,x,x\n"
        "exports,2024,KPO,,MAD_M,,x,x\n"
        "share,2024,ITO,70,PCT,,x,x\n"
        "share,2024,CRM,60,PCT,,x,x\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--data", str(path), "--json"])
    codes = [i["code"] for i in json.loads(result.stdout)["issues"]]
    assert all(codes), codes
    assert {
        "duplicate-column",
        "unknown-column",
        "conflicting-duplicate",
        "unknown-indicator",
        "invalid-period",
        "unknown-segment",
        "invalid-number",
        "wrong-unit",
        "invalid-status",
        "out-of-range",
        "empty-cell",
        "shares-over-100",
    } <= set(codes), sorted(set(codes))
