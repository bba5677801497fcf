"""Python API on pandas: ``reports.load_data()`` and ``reports.build_brief()`` (for notebooks).

pandas is imported here only (``reports/__init__.py`` loads this module lazily).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reports.dataset import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Dataset
from reports.errors import DataError


def _frame(dataset: Dataset) -> Any:
    import pandas as pd

    rows = [
        {
            "indicator": o.indicator,
            "period": str(o.period),
            "segment": o.segment,
            "value": o.value,
            "unit": o.unit,
            "source": o.source,
            "note": o.note,
            "status": o.status,
        }
        for o in dataset
    ]
    return pd.DataFrame(rows, columns=[*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS])


def load_data(path: str | Path | None = None) -> Any:
    """The tidy, validated table (indicator, period, segment, value, unit, source, note, status)
    of a CSV/XLSX file (default: the embedded data set), as a pandas DataFrame.

    Raises :class:`reports.errors.DataError` listing every problem (file, row, column); its
    ``issues`` attribute holds them.
    """
    from reports.resources import default_data_path
    from reports.validation import load_dataset

    source = Path(path) if path is not None else default_data_path()
    dataset, issues = load_dataset(source)
    _raise_errors(str(source), issues)
    return _frame(dataset)


def _raise_errors(origin: str, issues: list[Any]) -> None:
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        error = DataError(
            "\n".join([f"{origin}: {len(errors)} problem(s) in the data", *map(str, errors)])
        )
        error.issues = errors  # type: ignore[attr-defined]
        raise error


def _dataset_path(data: Any, folder: Path) -> Path:
    """A data argument as a file: a path as is, a DataFrame written as CSV (rows as in a
    spreadsheet of it: header = row 1)."""
    if isinstance(data, (str, Path)):
        return Path(data)
    frame = data.copy()
    if "value" in frame:
        frame["value"] = frame["value"].map(lambda v: "" if v != v else format(v, ".15g"))
    path = folder / "DataFrame.csv"
    frame.to_csv(path, index=False)
    return path


def build_brief(
    data: Any,
    period: str,
    locale: str = "fr",
    out: str | Path = "output",
    *,
    digits: str = "auto",
    templates: str | Path | None = None,
    date: str | dt.date | None = None,
) -> Any:
    """Build the brief of ``period`` in ``locale`` from ``data`` (a DataFrame shaped like
    :func:`load_data`'s, or a CSV/XLSX path) into ``out``; returns the
    :class:`~reports.jobs.BriefResult` (``.path``, ``.sha256``, ``.pages``, ``.warnings``).

    ``templates``: a folder from ``reports templates init`` (default: ``$REPORTS_TEMPLATES``);
    ``date``: the publication date (default: ``$SOURCE_DATE_EPOCH``'s day, else today).
    """
    import tempfile

    from reports.jobs import BriefJob
    from reports.period import Period
    from reports.pipeline import run_job
    from reports.pubdate import publication_date
    from reports.resources import TemplateSet

    folder = TemplateSet.resolve(templates).folder
    published = publication_date(date).isoformat()
    with tempfile.TemporaryDirectory(prefix="reports-") as temp:
        path = _dataset_path(data, Path(temp))
        if not isinstance(data, (str, Path)):
            from reports.validation import load_dataset

            _dataset, issues = load_dataset(path)
            _raise_errors("DataFrame", [_relabel(i) for i in issues])
        job = BriefJob.create(
            Period.parse(str(period)), locale, digits, path, folder, {"date": published}
        )
        return run_job(job, Path(out), force=True)


def _relabel(issue: Any) -> Any:
    from dataclasses import replace

    return replace(issue, file="DataFrame")
