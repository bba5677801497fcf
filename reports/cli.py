"""Command line: ``reports build | validate | periods | send | templates``.

Every command runs inside :func:`reports.cli_errors.handled` (through the app's group class):
known errors exit 1, usage errors 2, Ctrl-C 130, a bug 70 (traceback with ``--debug``);
``send`` exits 3 when a delivery failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import typer

from reports import console
from reports.cli_errors import ReportsGroup, handled
from reports.cli_options import install as _plain_options
from reports.snapshot import data_snapshot

_plain_options()  # plain option values without importing pydantic

app = typer.Typer(
    cls=ReportsGroup,
    help="Localized PDF briefs on digital-services exports, built from official statistics.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,  # plain help: no type column, so flags show no stray "<bool>"
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from reports import __version__

        console.result(f"reports {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="On an unexpected error, show the full traceback (for a bug report)."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Localized PDF briefs on digital-services exports, built from official statistics."""
    if not debug:  # Python and library warnings are for developers, not for the user's stderr
        import warnings

        warnings.simplefilter("ignore")


def locale_option(value: str, templates: Path | None = None) -> str:
    """Check ``--locale`` (usage error, exit 2) and return its canonical CLDR form (``fr_MA``).

    A template folder may add languages (its ``locale/<lang>``)."""
    from reports.errors import LocaleError
    from reports.i18n.localizer import resolve_locale

    try:
        return str(resolve_locale(value, templates / "locale" if templates else None))
    except LocaleError as exc:
        raise typer.BadParameter(str(exc)) from None


def _split(values: list[str] | None) -> list[str]:
    """``["2024,2025-H1", "2023"]`` -> ``["2024", "2025-H1", "2023"]`` (repeats dropped)."""
    items = (item.strip() for value in values or [] for item in value.split(","))
    return list(dict.fromkeys(item for item in items if item))


def locales_option(ctx: typer.Context, values: list[str] | None) -> list[str]:
    """Check a list of locales (``fr,en,ar``, or the option repeated): canonical, no repeats."""
    templates = ctx.params.get("templates")
    return list(dict.fromkeys(locale_option(tag, templates) for tag in _split(values)))


def templates_option(value: Path | None) -> Path | None:
    """``--templates``, else ``$REPORTS_TEMPLATES``: an existing folder (usage error if not)."""
    from reports.errors import TemplateError
    from reports.resources import TemplateSet

    try:
        chosen = TemplateSet.resolve(value)
    except TemplateError as exc:
        raise typer.BadParameter(str(exc)) from None
    for note in chosen.notes():
        console.warning(note)
    return chosen.folder


def date_option(value: str | None) -> str:
    """``--date``, else ``$SOURCE_DATE_EPOCH``, as ``YYYY-MM-DD``; '' when neither is given: the
    brief is then dated the day it is built, and a brief skipped as current keeps its date (a
    default of "today" in the fingerprint would rebuild every brief every day)."""
    import os

    from reports.pubdate import ENV, DateError, publication_date

    if value is None and not os.environ.get(ENV, "").strip():
        return ""
    try:
        return publication_date(value).isoformat()
    except DateError as exc:
        raise typer.BadParameter(str(exc)) from None


TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        "-t",
        help="Template folder (from `reports templates init`): its brief.toml and catalogs "
        "replace the packaged ones, file by file. Default: $REPORTS_TEMPLATES.",
        file_okay=False,
        callback=templates_option,
        is_eager=True,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Publication date on the cover and in the metadata, YYYY-MM-DD. "
        "Default: $SOURCE_DATE_EPOCH's day, else the day the brief is built.",
        callback=date_option,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout instead of text.")
]


def digits_option(value: str) -> str:
    """Check ``--digits`` (usage error, exit 2)."""
    if value not in ("auto", "latn", "arab"):
        raise typer.BadParameter(f"{value!r} is not one of auto, latn, arab")
    return value


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Data file (CSV or XLSX, tidy: indicator, period, segment, value, unit). "
        "Default: the embedded data set.",
        dir_okay=False,
    ),
]


@contextmanager
def _known_errors() -> Iterator[None]:
    """Errors as one line (the group already runs every command inside ``handled``), and one
    version of each data file for the whole command: a file edited or deleted while a batch
    runs does not change or fail the briefs after it (:mod:`reports.snapshot`)."""
    with handled(), data_snapshot():
        yield


def _load(data: Path | None, show_warnings: bool = True) -> Any:
    from reports.resources import default_data_path
    from reports.validation import require_valid

    path = data or default_data_path()
    dataset, warnings = require_valid(path)
    if show_warnings and warnings:
        console.info(f"Note: {path} has {len(warnings)} warning(s); `reports validate` lists them.")
    return dataset


def _periods(loaded: Any, requested: list[str]) -> list[Any]:
    """Parsed periods (``all``: every period the data can brief), each checked briefable."""
    from reports.metrics import briefable_periods, latest_briefable
    from reports.period import Period

    if not requested:
        return [latest_briefable(loaded.dataset)]
    if "all" in (p.lower() for p in requested):
        return briefable_periods(loaded.dataset)
    periods = list(dict.fromkeys(Period.parse(text) for text in requested))
    for period in periods:
        loaded.metrics(period)  # raises the error naming the periods available
    return periods


def _jobs(
    periods: list[Any],
    locales: list[str],
    digits: str,
    data: Path | None,
    templates: Path | None = None,
    date: str = "",
) -> list[Any]:
    """One canonical job per period and locale (``fr`` and ``fr_FR``... stay distinct)."""
    from reports.jobs import BriefJob

    options = {"date": date} if date else None
    return list(
        dict.fromkeys(
            BriefJob.create(period, locale, digits, data, templates, options)
            for period in periods
            for locale in locales
        )
    )


def print_json(document: Any) -> None:
    """One JSON document on stdout."""
    import json

    console.result(json.dumps(document, ensure_ascii=False, indent=2))


def _note_warnings(loaded: Any, data: Path | None) -> None:
    from reports.resources import default_data_path

    if loaded.warnings:
        console.info(
            f"Note: {data or default_data_path()} has {len(loaded.warnings)} warning(s); "
            "`reports validate` lists them."
        )


@app.command(short_help="Build PDF briefs and print their paths.")
def build(
    period: Annotated[
        list[str] | None,
        typer.Option(
            "--period",
            "-p",
            help="Period(s) to brief: 2024, 2025-H1, 2025-Q2; a list (2024,2025-H1, or the "
            "option repeated) or all. Default: the latest.",
        ),
    ] = None,
    locale: Annotated[
        list[str] | None,
        typer.Option(
            "--locale",
            "-l",
            help="Brief language(s): fr, en, ar or a CLDR variant (fr_MA, ar_MA, en_GB); "
            "a list such as fr,en,ar. Default: fr.",
            callback=locales_option,
        ),
    ] = None,
    data: DataOption = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Output folder; a brief goes to OUT/PERIOD/brief-PERIOD-LOCALE.pdf "
            "(-DIGITS added when not the locale's default digits).",
            file_okay=False,
        ),
    ] = Path("output"),
    digits: Annotated[
        str,
        typer.Option(
            "--digits",
            help="Digits: auto (CLDR's choice for the locale), latn or arab (Arabic-Indic).",
            callback=digits_option,
        ),
    ] = "auto",
    templates: TemplatesOption = None,
    date: DateOption = None,
    json_output: JsonOption = False,
) -> None:
    """Build the PDF briefs of the given periods and languages and print their paths
    (with --json: path, sha256, pages, period, locale and data warnings of each)."""
    with _known_errors():
        from reports.pipeline import load_data, run_jobs

        locales = locale or ["fr"]  # checked and canonical (locales_option)
        loaded = load_data(data)
        if not json_output:
            _note_warnings(loaded, data)
        jobs = _jobs(_periods(loaded, _split(period)), locales, digits, data, templates, date or "")
        shown = None if json_output else (lambda r: console.result(str(r.path)))
        results = run_jobs(jobs, out, force=True, on_result=shown)
        if json_output:
            print_json({"briefs": [r.to_json() for r in results]})


@app.command(short_help="Check a data file (file, row, column of each problem).")
def validate(
    data: DataOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="text (default), or github: GitHub Actions annotations on stdout.",
            callback=lambda v: v if v in ("text", "github") else _bad_format(v),
        ),
    ] = "text",
    json_output: JsonOption = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The day the data is checked against, YYYY-MM-DD: a period not over by then "
            "is a warning (no brief of it can be published yet). Default: $SOURCE_DATE_EPOCH's "
            "day, else today.",
            callback=date_option,
        ),
    ] = None,
) -> None:
    """Check a data file: exit 0 when valid, else list every problem with file, row and column
    (with --json: every issue with file, row, column, severity and code)."""
    with _known_errors():
        from reports.pubdate import publication_date
        from reports.resources import default_data_path
        from reports.validate_report import report

        path = data or default_data_path()
        today = publication_date(date or None)
        output = "json" if json_output else output_format
        if not report(path, strict=strict, output=output, today=today):
            raise typer.Exit(1)


def _bad_format(value: str) -> str:
    raise typer.BadParameter(f"{value!r} is not one of text, github")


@app.command(short_help="List the periods the data can brief.")
def periods(data: DataOption = None, json_output: JsonOption = False) -> None:
    """List the periods the data can brief, one per line, oldest first.

    A half or a year the data gives only as complete quarters (or halves) is listed too, with
    a tab and what it is the sum of (``2024<TAB>derived: sum of 2024-Q1 to 2024-Q4``).
    """
    with _known_errors():
        from reports.aggregate import derived_periods
        from reports.metrics import briefable_periods

        dataset = _load(data, show_warnings=False)
        briefable = briefable_periods(dataset)
        derived = derived_periods(dataset)
        found = [str(p) for p in briefable]
        if json_output:
            print_json({"periods": found, "derived": [str(p) for p in briefable if p in derived]})
            return
        for period in briefable:
            if period in derived:
                console.result(f"{period}\tderived: sum of {derived[period]}")
            else:
                console.result(str(period))


def shard_option(value: str | None) -> str | None:
    """Check ``--shard K/N`` (usage error, exit 2)."""
    from reports.batch import parse_shard
    from reports.errors import ReportsError

    if value is not None:
        try:
            parse_shard(value)
        except ReportsError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


@app.command(short_help="Build many briefs in parallel; write OUT/manifest.json.")
def batch(
    periods: Annotated[
        list[str] | None,
        typer.Option(
            "--periods",
            "-p",
            help="Periods: all (default: every period the data can brief) or a list "
            "(2024,2025-H1, or the option repeated).",
        ),
    ] = None,
    locales: Annotated[
        list[str] | None,
        typer.Option(
            "--locales",
            "-l",
            help="Languages, a list: fr,en,ar (default) or CLDR variants (fr_MA, ar_MA).",
            callback=locales_option,
        ),
    ] = None,
    digits: Annotated[
        str,
        typer.Option(
            "--digits",
            help="Digits: auto (CLDR's choice for each locale), latn or arab (Arabic-Indic); "
            "-DIGITS is added to a file name when not the locale's default.",
            callback=digits_option,
        ),
    ] = "auto",
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes. Default: the CPUs this process may use."
        ),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            help="Build only shard K of N (1/4, 2/4...): a deterministic split of the briefs, "
            "with no overlap and no gap, for N machines; join the manifests with "
            "`reports manifest merge`.",
            callback=shard_option,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild every brief, even those that are current.")
    ] = False,
    data: DataOption = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Output folder: OUT/PERIOD/brief-PERIOD-LOCALE.pdf and OUT/manifest.json.",
            file_okay=False,
        ),
    ] = Path("output"),
    templates: TemplatesOption = None,
    date: DateOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no summary; errors only.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Delete the briefs in OUT that this batch does not make (a period no longer "
            "in the data, a language no longer listed) and their build records; other files "
            "are never deleted. Without it they are only listed.",
        ),
    ] = False,
) -> None:
    """Build the briefs of many periods and languages, in parallel, skipping those whose inputs
    have not changed; write OUT/manifest.json. Exit 3 when any brief failed."""
    from reports.outlock import output_lock

    with _known_errors(), output_lock(out, "reports batch"):
        import json

        from reports import manifest
        from reports.batch import (
            describe,
            failure_report,
            parse_shard,
            run_batch,
            summary_json,
            usable_cpus,
        )
        from reports.batch import shard as take_shard
        from reports.cli_errors import EXIT_BATCH_FAILURES, EXIT_INTERRUPTED, EXIT_TERMINATED
        from reports.errors import Terminated
        from reports.pipeline import load_data

        manifest.discard(out)  # no earlier run's manifest left if this one stops early
        loaded = load_data(data)
        if not quiet:
            _note_warnings(loaded, data)
        periods_chosen = _periods(loaded, _split(periods) or ["all"])
        chosen = _jobs(
            periods_chosen, locales or ["fr", "en", "ar"], digits, data, templates, date or ""
        )
        part = parse_shard(shard) if shard else None
        every = [job.relpath for job in chosen]  # this batch's briefs, all shards included
        if part is not None:
            chosen = take_shard(chosen, *part)
        workers = jobs or usable_cpus()
        progress = console.Progress(len(chosen), quiet=quiet)
        try:
            with progress:
                summary = run_batch(
                    chosen,
                    out,
                    workers=workers,
                    force=force,
                    on_result=lambda r: progress.step(
                        describe(r), short=f"{r.status} {r.job.label}", failed=r.status == "failed"
                    ),
                )
        except KeyboardInterrupt as stop:
            how = "terminated (SIGTERM)" if isinstance(stop, Terminated) else "interrupted"
            console.error(
                f"{how} after {progress.done} of {len(chosen)} briefs; the finished ones "
                "are kept (none is half-written): run the same command again to resume."
            )
            code = EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED
            raise typer.Exit(code) from None
        manifest_path = manifest.write(summary.results, out, part)
        failed = len(summary.failures)
        others, notes = _leftovers(out, every, prune=prune)
        if as_json:
            document = {**summary_json(summary, out, manifest_path), **others}
            console.result(json.dumps(document, indent=2))
        else:
            console.result(str(manifest_path))
        if not quiet:
            built = summary.count("built")
            speed = f" ({built / summary.seconds:.2f} built/s)" if built and summary.seconds else ""
            used = min(workers, max(1, built + failed))  # --jobs 1000 on 3 briefs: 3 workers
            console.info(
                f"{len(summary.results)} briefs in {summary.seconds:.1f} s: "
                f"{built} built, {summary.count('skipped')} skipped, "
                f"{failed} failed{speed}; {used} worker(s); manifest {manifest_path}"
            )
            for note in notes:
                console.info(note)
        if failed:
            console.error(f"{failed} of {len(summary.results)} briefs failed:")
            for line in failure_report(summary):
                console.info(f"  {line}")
            raise typer.Exit(EXIT_BATCH_FAILURES)


def _leftovers(
    out: Path, every: list[PurePosixPath], *, prune: bool
) -> tuple[dict[str, list[str]], list[str]]:
    """List (and with ``prune`` delete) the PDFs in ``out`` that are not briefs of this batch:
    the lists for ``--json``, and a note line for each list that is not empty."""
    from reports import leftovers

    found = leftovers.find_leftovers(out, every)
    pruned = leftovers.prune(out, found) if prune else []
    found = [p for p in found if p not in pruned]
    notes = []
    if pruned:
        notes.append(
            f"Pruned {len(pruned)} brief(s) this batch does not make, with their build records:"
            f" {leftovers.describe(pruned)}"
        )
    if found:
        briefs = sum(1 for p in found if leftovers.is_brief(p))
        hint = f"; --prune deletes the {briefs} brief(s) among them" if briefs else ""
        notes.append(
            f"Note: {len(found)} PDF(s) in {out} are not in this batch's manifest:"
            f" {leftovers.describe(found)}{hint} (--json lists them)"
        )
    lists = {"not_in_batch": [str(p) for p in found], "pruned": [str(p) for p in pruned]}
    return lists, notes


@app.command(short_help="Write the figures behind a brief as XLSX or CSV.")
def export(
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="Period: 2024, 2025-H1... Default: the latest."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="xlsx (default) or csv.",
            callback=lambda v: v if v in ("xlsx", "csv") else _bad_export_format(v),
        ),
    ] = "xlsx",
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale",
            "-l",
            help="Headers, segment names and statuses in this language (default: machine "
            "column names in English).",
        ),
    ] = None,
    data: DataOption = None,
    templates: TemplatesOption = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Output folder: OUT/P/figures-P[-L].xlsx.", file_okay=False
        ),
    ] = Path("output"),
) -> None:
    """Write the figures behind a brief (per segment: value, share, change in points, growth,
    contribution, published/derived status, source) as XLSX or CSV; print the file's path."""
    with _known_errors():
        from reports.export import export_bytes, export_path
        from reports.i18n.localizer import Localizer
        from reports.pipeline import load_data, write_atomic

        try:
            tag = locale_option(locale, templates) if locale else None
        except typer.BadParameter as exc:  # checked here, not by a callback: name the option
            exc.param_hint = "'--locale' / '-l'"
            raise
        loaded = load_data(data)
        chosen = _periods(loaded, [period] if period else [])[0]
        loc = (
            Localizer.for_tag(tag, "latn", templates / "locale" if templates else None)
            if tag
            else None
        )
        path = export_path(out, str(chosen), output_format, tag)
        write_atomic(path, export_bytes(loaded.metrics(chosen), output_format, loc, loaded.dataset))
        console.result(str(path))


def _bad_export_format(value: str) -> str:
    raise typer.BadParameter(f"{value!r} is not one of xlsx, csv")


manifest_app = typer.Typer(help="Batch manifests (OUT/manifest.json).", no_args_is_help=True)
app.add_typer(manifest_app, name="manifest")


@manifest_app.command("merge")
def manifest_merge(
    manifests: Annotated[
        list[Path], typer.Argument(help="Shard manifests to join.", dir_okay=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The joined manifest.", dir_okay=False)
    ] = Path("manifest.json"),
) -> None:
    """Join the manifests of `reports batch --shard K/N` runs into one (same brief twice: it
    must be the same file), sorted like a single run's; print its path."""
    with _known_errors():
        from reports import manifest
        from reports.pipeline import write_atomic

        doc, warnings = manifest.merge(manifests)
        for warning in warnings:
            console.warning(warning)
        write_atomic(output, manifest.dumps(doc))
        console.result(str(output))


templates_app = typer.Typer(
    help="The brief's layout, brand and wording (brief.toml, message catalogs), for analysts.",
    short_help="Own and check the brief's layout, brand and wording.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


@templates_app.command("init")
def templates_init(
    folder: Annotated[Path, typer.Argument(help="Folder to create or fill.", file_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Copy the packaged brief.toml and message catalogs to FOLDER, to edit and build with
    --templates FOLDER (or REPORTS_TEMPLATES=FOLDER)."""
    with _known_errors():
        from reports.resources import copy_templates

        for path in copy_templates(folder, overwrite=force):
            console.result(str(path))


@templates_app.command("check")
def templates_check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Template folder (default: REPORTS_TEMPLATES, else the packaged templates).",
            file_okay=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check a template folder: brief.toml (sections, options, brand) and every catalog
    (missing entries, plural forms, placeholders), each problem with file and line."""
    with _known_errors():
        from reports.i18n.catalog_check import check_templates
        from reports.resources import TemplateSet

        checked, problems = check_templates(TemplateSet.resolve(folder))
        errors = [p for p in problems if p.severity == "error"]
        for problem in problems:
            (console.error if problem.severity == "error" else console.warning)(str(problem))
        if errors or (strict and problems):
            raise typer.Exit(1)
        console.result(
            f"{len(checked)} file(s) checked: {len(errors)} error(s), "
            f"{len(problems) - len(errors)} warning(s)"
        )


@app.command(short_help="Email a period's brief to each recipient, in their language.")
def send(
    period: Annotated[
        str, typer.Option("--period", "-p", help="Period of the brief to send: 2024, 2025-H1...")
    ],
    recipients: Annotated[
        Path,
        typer.Option(
            "--recipients",
            "-r",
            help="Recipients file (CSV or XLSX): email, name, locale; optional cc, periods.",
            dir_okay=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Send nothing; write each message to OUT/outbox/PERIOD/."),
    ] = False,
    resend: Annotated[
        bool,
        typer.Option("--resend", help="Send again to recipients who already received this brief."),
    ] = False,
    data: DataOption = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Output folder: briefs, the delivery log (deliveries.sqlite), the outbox.",
            file_okay=False,
        ),
    ] = Path("output"),
    templates: TemplatesOption = None,
    date: DateOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the outcome as JSON on stdout.")
    ] = False,
    smtp_host: Annotated[
        str | None, typer.Option(help="SMTP server [env REPORTS_SMTP_HOST].", show_default=False)
    ] = None,
    smtp_port: Annotated[
        int | None,
        typer.Option(
            help="SMTP port [env REPORTS_SMTP_PORT; default 587, 465 for ssl, 25 for none]."
        ),
    ] = None,
    smtp_security: Annotated[
        str | None,
        typer.Option(help="starttls (default), ssl or none [env REPORTS_SMTP_SECURITY]."),
    ] = None,
    smtp_user: Annotated[
        str | None,
        typer.Option(
            help="SMTP login [env REPORTS_SMTP_USER]; the password is read from "
            "REPORTS_SMTP_PASSWORD, else from the system keyring (service "
            "reports-smtp:HOST, if the keyring package is installed); there is no option."
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option("--from", help="Sender, 'Name <address>' [env REPORTS_SMTP_FROM]."),
    ] = None,
    reply_to: Annotated[
        str | None,
        typer.Option(
            "--reply-to",
            help="Where replies go, when not to the sender: 'Name <address>' "
            "[env REPORTS_SMTP_REPLY_TO].",
        ),
    ] = None,
    max_size: Annotated[
        float, typer.Option(help="Largest message allowed, in MB (the PDF is base64-encoded).")
    ] = 10.0,
    retries: Annotated[
        int, typer.Option(help="Retries of a temporary failure (4xx reply, lost connection).")
    ] = 4,
    retry_delay: Annotated[
        float, typer.Option(help="Seconds before the first retry; doubled at each retry.")
    ] = 2.0,
    timeout: Annotated[float, typer.Option(help="SMTP socket timeout, in seconds.")] = 30.0,
) -> None:
    """Email the brief of one period to each recipient, in the recipient's language."""
    with _known_errors():
        from reports.deliver.command import SendOptions, run_send
        from reports.deliver.config import RetryPolicy

        results = run_send(
            SendOptions(
                period=period,
                recipients=recipients,
                out=out,
                data=data,
                templates=templates,
                date=date or "",
                dry_run=dry_run,
                resend=resend,
                as_json=as_json,
                smtp_host=smtp_host,
                smtp_port=smtp_port,
                smtp_security=smtp_security,
                smtp_user=smtp_user,
                sender=sender,
                reply_to=reply_to,
                max_size=int(max_size * 1_000_000),
                retry=RetryPolicy(retries=max(0, retries), delay=max(0.0, retry_delay)),
                timeout=timeout,
            )
        )
    if any(d.status in ("failed", "not-sent") for d in results):
        from reports.cli_errors import EXIT_BATCH_FAILURES

        raise typer.Exit(EXIT_BATCH_FAILURES)


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` run (``build``, ``manifest``...), when it is one.

    typer turns every command's signature into options before it parses anything; building the
    one command the process runs, not all of them, saves most of that work. The help listing,
    ``--version``, completion, and a mistyped command (its suggestions) get the whole app. The
    copy shares everything with ``app`` but its lists of commands, so ``app`` is unchanged.
    """
    import copy
    import os

    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return app  # shell completion: every command
    name = next((arg for arg in args if arg != "--debug"), "")
    if name.startswith("-"):
        return app
    try:
        command_name = typer.main.get_command_name
        commands = [
            info
            for info in app.registered_commands
            if (info.name or command_name(getattr(info.callback, "__name__", ""))) == name
        ]
        groups = [info for info in app.registered_groups if info.name == name]
    except AttributeError:  # another typer: the whole app
        return app
    if len(commands) + len(groups) != 1:
        return app
    one = copy.copy(app)
    one.registered_commands = commands
    one.registered_groups = groups
    return one


def main() -> None:
    """The ``reports`` command: a one-shot process, run as one.

    Imports leave hundreds of thousands of long-lived objects (matplotlib, reportlab) for the
    garbage collector to scan again and again: automatic collection is off, and
    :func:`reports.pipeline.run_jobs` collects once after each brief. When the command is over
    (every file written, closed and renamed; stdout and stderr flushed), a process with no other
    thread and no child process left (a batch's workers have all been joined) ends without
    tearing the interpreter down, which would only free memory the system reclaims anyway.
    """
    import gc
    import sys

    import reports

    reports.command_line = True  # no Python help is shown: reports.render.mpl may skip it
    gc.disable()
    try:
        app_for(sys.argv[1:])()
        code: Any = 0
    except SystemExit as stop:
        code = stop.code
    _exit(code)


def _alone() -> bool:
    """Whether nothing but this thread runs: no other thread, no child process that was not
    joined, and no multiprocessing helper process (a fork server, a resource tracker: the
    interpreter's shutdown stops them and releases what they hold). A batch whose workers were
    forked and have all been joined is alone."""
    import sys

    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    if "multiprocessing" not in sys.modules:
        return True
    if {"multiprocessing.forkserver", "multiprocessing.resource_tracker"} & sys.modules.keys():
        return False
    import multiprocessing

    return not multiprocessing.active_children()  # also reaps the children that have ended


def _exit(code: Any) -> None:
    import os
    import sys

    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): the message, exit 1
        sys.stderr.write(f"{code}\n")
        code = 1
    if not _alone():
        raise SystemExit(code)  # worker processes or threads: the interpreter's own shutdown
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None when the process started with the descriptor closed
                stream.flush()
    except (OSError, ValueError):  # a closed or broken stream: let the interpreter report it
        raise SystemExit(code) from None
    os._exit(code)
