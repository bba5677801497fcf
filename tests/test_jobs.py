"""One pipeline for build, batch and send: canonical jobs, reuse when current, lists in build."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import pdf_text
from typer.testing import CliRunner

from reports.cli import app
from reports.errors import LocaleError
from reports.jobs import BriefJob
from reports.period import Period
from reports.pipeline import run_job

runner = CliRunner()
H1_2025, Y2024 = Period.parse("2025-H1"), Period.parse("2024")


def test_path_comes_from_the_canonical_locale_and_non_default_digits() -> None:
    assert str(BriefJob.create(H1_2025, "fr").relpath) == "2025-H1/brief-2025-H1-fr.pdf"
    assert BriefJob.create(H1_2025, " FR ") == BriefJob.create(H1_2025, "fr")
    assert BriefJob.create(H1_2025, "ar-ma").relpath.name == "brief-2025-H1-ar_MA.pdf"
    assert BriefJob.create(H1_2025, "fr", "latn") == BriefJob.create(H1_2025, "fr")  # default
    arab = BriefJob.create(H1_2025, "ar", "arab")
    assert arab.relpath.name == "brief-2025-H1-ar-arab.pdf"
    assert arab.path(Path("out")) != BriefJob.create(H1_2025, "ar").path(Path("out"))
    with pytest.raises(LocaleError):
        BriefJob.create(H1_2025, "de")
    with pytest.raises(LocaleError):
        BriefJob.create(H1_2025, "fr", "roman")


def test_built_then_reused_untouched_until_forced(tmp_path: Path) -> None:
    job = BriefJob.create(Y2024, "en")
    first = run_job(job, tmp_path)
    assert first.status == "built" and first.reason == "new"
    assert first.path == tmp_path / "2024" / "brief-2024-en.pdf"
    document = pdfium.PdfDocument(str(first.path))
    assert first.pages == len(document) >= 2
    document.close()
    assert first.size == first.path.stat().st_size
    assert first.title == "Exports of digital and outsourcing services — 2024"
    assert "2024" in first.subject
    assert any("BPO" in w for w in first.warnings)  # the 2024 growth warning is on a row it uses
    before = first.path.stat()

    again = run_job(job, tmp_path)
    assert again.status == "skipped"
    assert (again.sha256, again.pages, again.title) == (first.sha256, first.pages, first.title)
    after = first.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)

    forced = run_job(job, tmp_path, force=True)
    assert forced.status == "built" and forced.reason == "forced"
    assert forced.sha256 == first.sha256  # reproducible


def test_a_brief_changed_on_disk_is_rebuilt(tmp_path: Path) -> None:
    job = BriefJob.create(Y2024, "en")
    first = run_job(job, tmp_path)
    first.path.write_bytes(first.path.read_bytes()[:1000])  # truncated by hand
    again = run_job(job, tmp_path)
    assert again.status == "built" and again.reason == "file changed"
    assert again.path.read_bytes()[-6:].strip() == b"%%EOF"


def test_only_the_pdf_is_synced_and_a_lost_record_means_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief reaches the disk before its rename; its build record is not synced: what a
    power cut can leave of a record (nothing, or the previous one) makes the brief rebuilt."""
    import os

    from reports.state import record_path

    synced: list[int] = []
    sync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.fstat(fd).st_size)
        sync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    job = BriefJob.create(Y2024, "fr")
    first = run_job(job, tmp_path)
    assert synced == [first.size]  # the PDF, once
    record = record_path(tmp_path, job)
    previous = record.read_bytes()
    record.write_bytes(b"")  # the record's data never reached the disk
    assert run_job(job, tmp_path).reason == "no build record"
    record.write_bytes(previous.replace(first.sha256.encode(), b"0" * 64))  # an older record
    assert run_job(job, tmp_path).reason == "file changed"


def test_a_data_change_rebuilds_only_the_briefs_that_use_it(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    rows = [
        "indicator,period,segment,value,unit,source",
        "exports,2024-Q1,TOTAL,100,MAD_M,Test",
        "exports,2025-Q1,TOTAL,110,MAD_M,Test",
    ]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    q1 = BriefJob.create(Period.parse("2025-Q1"), "en", data=data)
    assert run_job(q1, tmp_path / "out").status == "built"
    # A new quarter is appended: 2025-Q1 is untouched, 2025-Q2 is new.
    data.write_text("\n".join([*rows, "exports,2025-Q2,TOTAL,120,MAD_M,Test"]) + "\n")
    assert run_job(q1, tmp_path / "out").status == "skipped"
    # A correction of the comparison period rebuilds it.
    data.write_text("\n".join([*rows[:2], "exports,2025-Q1,TOTAL,111,MAD_M,Test"]) + "\n")
    rebuilt = run_job(q1, tmp_path / "out")
    assert rebuilt.status == "built" and rebuilt.reason == "data changed"
    assert "111" in " ".join(pdf_text(rebuilt.path))


def test_build_accepts_lists_and_repeats(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["build", "-p", "2024,2024", "-p", "2024", "-l", "en,EN", "-l", "fr", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        str(tmp_path / "2024" / "brief-2024-en.pdf"),
        str(tmp_path / "2024" / "brief-2024-fr.pdf"),
    ]
    assert "Exports of digital" in pdf_text(Path(result.stdout.split()[0]))[0]
    assert "Exportations" in pdf_text(Path(result.stdout.split()[1]))[0]


def test_build_all_periods_and_locales(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text(
        "indicator,period,segment,value,unit,source\n"
        "exports,2024,TOTAL,100,MAD_M,Test\nexports,2025,TOTAL,120,MAD_M,Test\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--period", "all", "--locale", "ar", "--data", str(data), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    names = [Path(line).name for line in result.stdout.split()]
    assert names == ["brief-2024-ar.pdf", "brief-2025-ar.pdf"]


def test_build_digits_arab_never_overwrites_the_default(tmp_path: Path) -> None:
    plain = runner.invoke(app, ["build", "-p", "2024", "-l", "ar", "-o", str(tmp_path)])
    arab = runner.invoke(
        app, ["build", "-p", "2024", "-l", "ar", "--digits", "arab", "-o", str(tmp_path)]
    )
    assert plain.exit_code == 0 and arab.exit_code == 0, arab.output
    assert Path(plain.stdout.strip()).name == "brief-2024-ar.pdf"
    assert Path(arab.stdout.strip()).name == "brief-2024-ar-arab.pdf"
    assert "٢٠٢٤" in " ".join(pdf_text(Path(arab.stdout.strip())))
    assert "٢٠٢٤" not in " ".join(pdf_text(Path(plain.stdout.strip())))


def test_build_rejects_a_bad_locale_in_a_list_before_building(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "-p", "2024", "-l", "fr,xx", "-o", str(tmp_path)])
    assert result.exit_code == 2  # a usage error
    assert "xx" in result.stderr
    assert not tmp_path.exists() or not any(tmp_path.iterdir())
