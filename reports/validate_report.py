"""``reports validate``: the data's issues as text, GitHub Actions annotations or JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reports import console
from reports.dataset import Issue
from reports.errors import DataError


def _escape(text: str, prop: bool = False) -> str:
    """GitHub workflow-command escaping (``%``, newlines; ``:`` and ``,`` in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(issue: Issue) -> str:
    """``::error file=data.csv,line=7,title=wrong-unit (unit)::message``."""
    props = [f"file={_escape(issue.file, True)}"]
    if issue.row is not None:
        props.append(f"line={issue.row}")
    title = issue.code or issue.severity
    if issue.column:
        title += f" (column {issue.column})"
    props.append(f"title={_escape(title, True)}")
    return f"::{issue.severity} {','.join(props)}::{_escape(issue.message)}"


def report(
    path: Path, strict: bool = False, output: str = "text", today: dt.date | None = None
) -> bool:
    """Print the issues of ``path``; True when it passes (no error; no warning if ``strict``).

    ``today``: the day the data is checked against (a period not over then is a warning).
    """
    from reports.validation import MAX_LISTED_ISSUES, check_file

    unlisted = ""
    try:
        checked = check_file(path, today=today)  # the first MAX_LISTED_ISSUES, and the counts
        issues, rows = checked.issues, len(checked.dataset)
        n_errors, n_warnings, unlisted = checked.errors, checked.warnings, checked.unlisted
    except DataError as exc:
        if output == "text":
            raise
        rows, n_errors, n_warnings = 0, 1, 0
        issues = [Issue(str(exc), str(path), None, None, "error", "unreadable-file")]
    passed = not n_errors and not (strict and n_warnings)
    if output == "json":
        from reports.cli import print_json

        print_json(
            {
                "file": str(path),
                "checked_on": today.isoformat() if today else None,
                "valid": not n_errors,
                "passed": passed,
                "strict": strict,
                "rows": rows,
                "errors": n_errors,
                "warnings": n_warnings,
                "issues": [i.to_json() for i in issues],  # the first MAX_LISTED_ISSUES
                "issues_listed_limit": MAX_LISTED_ISSUES,
            }
        )
        return passed
    if output == "github":
        for issue in issues:
            console.result(console.safe(annotation(issue)))  # data may hold escapes
        return passed
    for issue in issues:
        (console.error if issue.severity == "error" else console.warning)(str(issue))
    if unlisted:
        console.info(
            f"... {unlisted} not listed (the first {MAX_LISTED_ISSUES} are shown): "
            f"{n_errors:,} error(s) and {n_warnings:,} warning(s) in all"
        )
    if n_errors:
        return False
    if strict and n_warnings:
        console.error(f"{path}: {n_warnings:,} warning(s), and --strict fails on warnings")
        return False
    console.result(f"{path}: valid ({rows} rows, {n_warnings:,} warning(s))")
    return True
