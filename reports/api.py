"""Python API on pandas: ``reports.load_data()`` and ``reports.build_brief()`` (for notebooks).

pandas is imported here only (``reports/__init__.py`` loads this module lazily).
"""

from __future__ import annotations

import datetime as dt
import numbers
from pathlib import Path
from typing import Any

from reports.dataset import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Dataset
from reports.errors import DataError


def _frame(dataset: Dataset) -> Any:
    import pandas as pd

    # The source's translations too: without them, an English or Arabic brief built from the
    # frame quoted the French source as "original wording" where the file's brief cites it
    # in its language.
    rows = [
        {
            "indicator": o.indicator,
            "period": str(o.period),
            "segment": o.segment,
            "value": o.value,
            "unit": o.unit,
            "source": o.source,
            **{f"source_{lang}": text for lang, text in o.source_translations},
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


MAX_SOURCE_NAME = 200  # characters: a name printed on one line of the methodology


def _table_name(data: Any, source_name: str | None) -> str | None:
    """How the brief cites ``data``: None for a file (cited by its name); for a DataFrame,
    ``source_name`` (else ``data.attrs["source_name"]``), one line, or ``""`` for none."""
    if isinstance(data, (str, Path)):
        if source_name is not None:
            raise TypeError("source_name names a DataFrame; a data file is cited by its own name")
        return None
    if source_name is None:
        source_name = getattr(data, "attrs", {}).get("source_name")
    name = " ".join(str(source_name or "").split())
    if len(name) > MAX_SOURCE_NAME:
        raise ValueError(
            f"source_name is {len(name)} characters long; at most {MAX_SOURCE_NAME}"
            " (it is printed on one line under Methodology)"
        )
    return name


def _cell_text(value: Any) -> str:
    """A value of a column that is not all numbers, as a CSV cell."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Number):
        return format(value, ".15g")
    return str(value)


def _dataset_path(data: Any, folder: Path) -> Path:
    """A data argument as a file: a path as is, a DataFrame written as CSV (rows as in a
    spreadsheet of it: header = row 1) to a temporary copy that no output names."""
    if isinstance(data, (str, Path)):
        return Path(data)
    frame = data.copy()
    separator = ","
    if "value" in frame:
        if all(isinstance(v, numbers.Number) for v in frame["value"]):
            # Numbers written with decimal commas in a ';' file, which is read with decimal
            # commas: 9.357 is not mistaken for the ambiguous 9,357 (nine thousand?).
            separator = ";"
            frame["value"] = frame["value"].map(
                lambda v: "" if v != v else format(v, ".15g").replace(".", ",")
            )
        else:  # text as typed, read as a CSV file's would be; None or NaN: empty
            frame["value"] = frame["value"].map(_cell_text)
    path = folder / "table.csv"
    frame.to_csv(path, index=False, sep=separator)
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
    source_name: str | None = None,
) -> Any:
    """Build the brief of ``period`` in ``locale`` from ``data`` (a DataFrame shaped like
    :func:`load_data`'s, or a CSV/XLSX path) into ``out``; returns the
    :class:`~reports.jobs.BriefResult` (``.path``, ``.sha256``, ``.pages``, ``.warnings``).

    ``templates``: a folder from ``reports templates init`` (default: ``$REPORTS_TEMPLATES``);
    ``date``: the publication date (default: ``$SOURCE_DATE_EPOCH``'s day, else today);
    ``source_name``: what the methodology calls a DataFrame's data (default: the frame's
    ``attrs["source_name"]``; without one it says the figures came from a table supplied
    through the Python API). A file is cited by its name. Problems in a DataFrame are located
    as ``DataFrame, row N`` (the header is row 1, as in a spreadsheet of it).
    """
    import tempfile
    from dataclasses import replace

    from reports.jobs import BriefJob
    from reports.period import Period
    from reports.pipeline import LoadedData, run_job
    from reports.pubdate import publication_date
    from reports.resources import TemplateSet

    table_name = _table_name(data, source_name)
    folder = TemplateSet.resolve(templates).folder
    published = publication_date(date).isoformat()
    with tempfile.TemporaryDirectory(prefix="reports-") as temp:
        path = _dataset_path(data, Path(temp))
        job = BriefJob.create(
            Period.parse(str(period)),
            locale,
            digits,
            path,
            folder,
            {"date": published},
            table_name=table_name,
        )
        if table_name is None:
            return run_job(job, Path(out), force=True)
        from reports.validation import load_dataset

        dataset, issues = load_dataset(path)
        issues = [_relabel(i) for i in issues]
        _raise_errors("DataFrame", issues)
        result = run_job(job, Path(out), force=True)
        # The pipeline's warnings locate rows in the temporary copy: name the DataFrame.
        warnings = LoadedData(dataset, tuple(issues)).warnings_for(job.period)
        return replace(result, warnings=warnings)


def _relabel(issue: Any) -> Any:
    from dataclasses import replace

    return replace(issue, file="DataFrame")
