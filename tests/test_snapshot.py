"""One command reads each data file once: a file edited or deleted while briefs are being built
changes none of them and fails none of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import pdf_text
from typer.testing import CliRunner

import reports.pipeline as pipeline
from reports.cli import app

runner = CliRunner()
HEADER = "indicator,period,segment,value,unit,source\n"


def _edit_after_first_brief(monkeypatch: pytest.MonkeyPatch, edit: object) -> None:
    """Run ``edit()`` once the first PDF has been written."""
    real = pipeline.write_atomic
    done: list[Path] = []

    def write_then_edit(path: Path, payload: bytes, **kwargs: object) -> None:
        real(path, payload, **kwargs)  # type: ignore[arg-type]
        if path.suffix == ".pdf":
            done.append(path)
            if len(done) == 1:
                edit()  # type: ignore[operator]

    monkeypatch.setattr(pipeline, "write_atomic", write_then_edit)


def test_data_edited_mid_batch_does_not_reach_the_briefs_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "q.csv"
    data.write_text(HEADER + "exports,2025-Q1,TOTAL,100,MAD_M,A\n", encoding="utf-8")
    # saved again while the batch runs: a new total (or a file half-written by an editor)
    _edit_after_first_brief(
        monkeypatch,
        lambda: data.write_text(HEADER + "exports,2025-Q1,TOTAL,999,MAD_M,A\n", encoding="utf-8"),
    )
    out = tmp_path / "out"
    args = ["batch", "--data", str(data), "--out", str(out), "--jobs", "1", "--quiet"]
    result = runner.invoke(app, [*args, "--locales", "en,fr", "--date", "2025-09-15"])
    assert result.exit_code == 0, result.output
    en = " ".join(pdf_text(out / "2025-Q1" / "brief-2025-Q1-en.pdf"))
    fr = " ".join(pdf_text(out / "2025-Q1" / "brief-2025-Q1-fr.pdf"))
    assert "MAD 100M" in en and "100 M MAD" in fr  # both from the data the batch validated
    assert "999" not in fr


def test_data_deleted_mid_build_fails_no_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "q.csv"
    data.write_text(
        HEADER + "exports,2025-Q1,TOTAL,100,MAD_M,A\nexports,2025-Q2,TOTAL,110,MAD_M,A\n",
        encoding="utf-8",
    )
    _edit_after_first_brief(monkeypatch, data.unlink)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--data", str(data), "--period", "all", "--locale", "en", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*.pdf")) == [
        "brief-2025-H1-en.pdf",  # derived from the two quarters
        "brief-2025-Q1-en.pdf",
        "brief-2025-Q2-en.pdf",
    ]


def test_outside_a_command_the_data_is_read_again(tmp_path: Path) -> None:
    # a notebook that edits its file between two briefs sees the edit
    data = tmp_path / "q.csv"
    data.write_text(HEADER + "exports,2025-Q1,TOTAL,100,MAD_M,A\n", encoding="utf-8")
    assert pipeline.load_data(data).dataset.get("exports", _q1(), "TOTAL").value == 100  # type: ignore[union-attr]
    data.write_text(HEADER + "exports,2025-Q1,TOTAL,120,MAD_M,A\n", encoding="utf-8")
    assert pipeline.load_data(data).dataset.get("exports", _q1(), "TOTAL").value == 120  # type: ignore[union-attr]


def _q1() -> object:
    from reports.period import Period

    return Period.parse("2025-Q1")
