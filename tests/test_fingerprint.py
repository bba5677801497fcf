"""Fingerprints change exactly when an input a brief uses changes, and are the same everywhere."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reports.dataset import Dataset, Observation
from reports.fingerprint import LIBRARIES, fingerprint, installed_version
from reports.jobs import BriefJob
from reports.metrics import briefable_periods, compute, reads
from reports.period import Period
from reports.resources import default_data_path, templates_dir

H1_2025, H1_2024, Y2024 = Period.parse("2025-H1"), Period.parse("2024-H1"), Period.parse("2024")


def _fp(data: Dataset, period: Period = H1_2025, locale: str = "fr", **kw: object) -> str:
    return fingerprint(BriefJob.create(period, locale, **kw), data).digest  # type: ignore[arg-type]


def _with(data: Dataset, *extra: Observation) -> Dataset:
    return Dataset.from_observations((*data.observations, *extra), origin=data.origin)


def _changed(data: Dataset, indicator: str, period: Period, segment: str, value: float) -> Dataset:
    found = data.get(indicator, period, segment)
    assert found is not None
    rows = [dataclasses.replace(o, value=value) if o is found else o for o in data]
    return Dataset.from_observations(rows, origin=data.origin)


def _obs(
    indicator: str, period: str, segment: str, value: float, unit: str = "MAD_M"
) -> Observation:
    return Observation(indicator, Period.parse(period), segment, value, unit, source="test")


def test_a_row_of_the_period_changes_it(dataset: Dataset) -> None:
    changed = _changed(dataset, "exports", H1_2025, "TOTAL", 13500)
    assert _fp(changed) != _fp(dataset)
    assert _fp(changed, Y2024) == _fp(dataset, Y2024)  # 2024 does not read 2025-H1


def test_a_row_of_the_comparison_period_changes_it(dataset: Dataset) -> None:
    changed = _changed(dataset, "exports", H1_2024, "TOTAL", 12800)
    assert _fp(changed) != _fp(dataset)  # 2025-H1 compares with 2024-H1
    assert _fp(changed, Y2024) == _fp(dataset, Y2024)  # the year 2024 does not


def test_a_row_of_a_later_period_does_not(dataset: Dataset) -> None:
    later = _with(
        dataset,
        _obs("exports", "2025-Q3", "TOTAL", 7000),
        _obs("exports", "2026-H1", "TOTAL", 14000),
        _obs("jobs", "2025", "TOTAL", 150000, "PERSONS"),
    )
    for period in briefable_periods(dataset):
        assert _fp(later, period) == _fp(dataset, period)
    # ...but a new row of the period itself does (a segment published later).
    assert _fp(_with(dataset, _obs("exports", "2025-H1", "ITO", 5000))) != _fp(dataset)


def test_a_trend_period_changes_it(dataset: Dataset) -> None:
    earlier = _with(dataset, _obs("exports", "2022-H1", "TOTAL", 11000))
    assert _fp(earlier) != _fp(dataset)  # 2025-H1's trend shows every H1
    assert _fp(earlier, Y2024) == _fp(dataset, Y2024)


def _templates_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(templates_dir(), copy)
    return copy


def test_a_catalog_entry_changes_its_language_only(dataset: Dataset, tmp_path: Path) -> None:
    templates = _templates_copy(tmp_path)
    before = {lang: _fp(dataset, locale=lang, templates=templates) for lang in ("fr", "en")}
    po = templates / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "n.d."' in text
    po.write_text(text.replace('msgstr "n.d."', 'msgstr "non disp."'), encoding="utf-8")
    assert _fp(dataset, locale="fr", templates=templates) != before["fr"]
    assert _fp(dataset, locale="en", templates=templates) == before["en"]


def test_a_template_option_changes_it_a_comment_does_not(dataset: Dataset, tmp_path: Path) -> None:
    templates = _templates_copy(tmp_path)
    before = _fp(dataset, templates=templates)
    assert before == _fp(dataset)  # same contents as the packaged templates, another folder
    toml = templates / "brief.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text("# a comment\n" + text, encoding="utf-8")
    assert _fp(dataset, templates=templates) == before
    option = 'key_figures = ["total", "growth", "largest_segment", "jobs"]'
    assert option in text
    toml.write_text(text.replace(option, 'key_figures = ["total", "growth"]'), encoding="utf-8")
    assert _fp(dataset, templates=templates) != before


def test_job_settings_change_it(dataset: Dataset) -> None:
    assert _fp(dataset, locale="ar") != _fp(dataset, locale="ar", digits="arab")
    assert _fp(dataset, locale="fr") == _fp(dataset, locale="fr", digits="latn")  # the default
    assert _fp(dataset, locale="fr") == _fp(dataset, locale="FR")  # canonical locale
    assert _fp(dataset, locale="ar") != _fp(dataset, locale="ar_MA")


def test_the_data_file_name_counts_not_its_folder(dataset: Dataset, tmp_path: Path) -> None:
    from reports.validation import require_valid

    same = tmp_path / default_data_path().name
    shutil.copy(default_data_path(), same)
    assert _fp(require_valid(same)[0]) == _fp(dataset)
    renamed = tmp_path / "other.csv"
    shutil.copy(default_data_path(), renamed)
    assert _fp(require_valid(renamed)[0]) != _fp(dataset)  # the name is printed on the brief


def test_same_in_another_process_and_folder(dataset: Dataset, tmp_path: Path) -> None:
    code = (
        "import json; from reports.jobs import BriefJob; from reports.pipeline import load_data;"
        "from reports.fingerprint import fingerprint; from reports.period import Period;"
        "job = BriefJob.create(Period.parse('2025-H1'), 'ar');"
        "print(json.dumps(fingerprint(job, load_data().dataset).digest))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == _fp(dataset, locale="ar")


def _quarterly() -> Dataset:
    """Quarters over three years, with every indicator, to exercise every read."""
    rows = []
    for year in (2023, 2024, 2025):
        for q in (1, 2, 3, 4):
            p = f"{year}-Q{q}"
            for i, seg in enumerate(("ITO", "CRM", "ESO", "BPO", "KPO")):
                rows.append(_obs("exports", p, seg, 100 + 10 * i + year - 2023 + q))
            rows += [
                _obs("exports", p, "TOTAL", 420 + q),
                _obs("share", p, "ITO", 24.0, "PCT"),
                _obs("growth", p, "TOTAL", 3.0 + q, "PCT"),
                _obs("fx_mad_per_usd", p, "TOTAL", 9.8, "MAD_PER_USD"),
            ]
        rows += [
            _obs("exports", str(year), "TOTAL", 1700 + year - 2023),
            _obs("jobs", str(year), "TOTAL", 100000 + year, "PERSONS"),
            _obs("digital_revenues", str(year), "TOTAL", 15000 + year),
            _obs("outsourcing_turnover", str(year), "TOTAL", 14000 + year),
        ]
    rows.append(_obs("digital_revenues_target", "2030", "TOTAL", 40000))
    return Dataset.from_observations(rows, origin="quarters.csv")


@pytest.mark.parametrize("source", ["embedded", "quarterly"])
def test_rows_outside_the_read_set_do_not_change_the_figures(dataset: Dataset, source: str) -> None:
    """Guard for ``metrics.reads``: drop any row it says is unused, the figures stay the same."""
    data = dataset if source == "embedded" else _quarterly()
    periods = briefable_periods(data)
    if source == "quarterly":  # the last year's quarters, halves and year read the most
        periods = [p for p in periods if p.year == 2025]
    for period in periods:
        figures = compute(data, period)
        unused = [o for o in data if not reads(period, o)]
        assert unused, period
        for obs in unused:
            rest = Dataset.from_observations([o for o in data if o is not obs], data.origin)
            assert compute(rest, period) == figures, (period, obs.key)


def test_a_brand_file_changes_it(dataset: Dataset, tmp_path: Path) -> None:
    templates = _templates_copy(tmp_path)
    toml = templates / "brief.toml"
    toml.write_text('[brand]\nlogo = "logo.png"\n\n' + toml.read_text(encoding="utf-8"))
    (templates / "logo.png").write_bytes(b"first logo")
    before = _fp(dataset, templates=templates)
    (templates / "logo.png").write_bytes(b"second logo")
    assert _fp(dataset, templates=templates) != before


def test_the_templates_folder_comes_from_the_environment(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = _templates_copy(tmp_path)
    monkeypatch.setenv("REPORTS_TEMPLATES", str(templates))
    assert BriefJob.create(H1_2025, "fr").templates == templates.resolve()


def test_every_field_of_a_used_row_counts_but_its_place_in_the_file(dataset: Dataset) -> None:
    """Source translations, decimals as written, 'nearly': all change the page, so the brief."""
    found = dataset.get("growth", Period.parse("2024"), "BPO")
    assert found is not None
    before = _fp(dataset, Y2024)
    other = {
        "indicator": "share",
        "period": Period.parse("2023"),
        "segment": "ITO",
        "value": found.value + 1,
        "unit": "MAD_M",
        "source": found.source + " (revised)",
        "source_translations": (*found.source_translations, ("ar", "مصدر")),
        "note": found.note + " revised",
        "status": "derived",
        "decimals": (found.decimals or 0) + 1,
        "approximate": not found.approximate,
        "file": "elsewhere.csv",
        "row": found.row + 5,
    }
    for field in dataclasses.fields(Observation):
        assert field.name in other, f"new Observation field {field.name}: add it to this test"
        changed = dataclasses.replace(found, **{field.name: other[field.name]})
        rows = [changed if o is found else o for o in dataset]
        after = _fp(Dataset.from_observations(rows, origin=dataset.origin), Y2024)
        assert (after != before) == (field.name not in ("file", "row")), field.name


@pytest.mark.parametrize("name", [*LIBRARIES, "typer", "Arabic_Reshaper", "no-such-distribution"])
def test_installed_version_agrees_with_importlib_metadata(name: str) -> None:
    from importlib import metadata

    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = "missing"
    assert installed_version(name) == expected


def test_installed_version_reads_the_metadata_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "some_lib-9.8.7.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: some-lib\nVersion: 9.8.7rc1\n\nVersion: not a header\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "absent"), str(tmp_path)])
    assert installed_version("Some.Lib") == "9.8.7rc1"
    assert installed_version("some-lib-extra") == "missing"


def test_loaded_data_keeps_each_periods_data_digest(dataset: Dataset) -> None:
    """A batch computes the digest of a period's rows once for all its languages: the same
    fingerprint as computed from the dataset, per period and per table name."""
    from reports.pipeline import LoadedData

    loaded = LoadedData(dataset, ())
    for period in ("2024", "2025-H1"):
        for locale in ("fr", "ar"):
            for table in (None, "exports"):
                job = dataclasses.replace(
                    BriefJob.create(Period.parse(period), locale), table_name=table
                )
                given = fingerprint(job, dataset, data=loaded.data_digest(job))
                assert given == fingerprint(job, dataset)
    assert len(loaded._digests) == 4
    assert (
        fingerprint(BriefJob.create(Period.parse("2024"), "fr"), dataset).parts["data"]
        != (fingerprint(BriefJob.create(Period.parse("2025-H1"), "fr"), dataset).parts["data"])
    )
