"""How every command fails: one line on stderr and a documented exit code.

:class:`ReportsGroup` is the Typer group class of the CLI, so every command (present and future)
runs inside :func:`handled`:

* a known error (:class:`ReportsError`) or an operating-system error (disk full, permission
  denied...): ``Error: ...``, exit 1;
* standard output closed by the reader (``reports periods | head -0``, ``>&-``): one line, exit 1;
* Ctrl-C: ``Interrupted.``, exit 130 (a brief being written is never left half-written);
* anything else is a bug: one line saying so and how to report it, exit 70; the traceback only
  with ``reports --debug ...``.

Usage errors (unknown option, bad option value) are Click's: usage line + message, exit 2.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import typer
from typer.core import TyperGroup

from reports import __version__, console
from reports.errors import ReportsError, Terminated

EXIT_OK = 0
EXIT_ERROR = 1  # a known error: bad data, unknown period, cannot write the brief...
EXIT_USAGE = 2  # a bad command line (Click's own code)
EXIT_BATCH_FAILURES = 3  # a batch ran, but some of its jobs failed
EXIT_BUG = 70  # an unexpected exception: a bug in reports (EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + 15): ``kill PID``, a cancelled CI job

BUG_HINT = (
    "this is a bug in reports {version}, not a problem with your data; please report it to the "
    "maintainers of reports with the command you ran and the output of `reports --debug ...`"
)


def _silence_stdout() -> None:
    """After a broken pipe, send what is left of stdout nowhere (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _os_error_text(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    name = exc.filename
    return f"{name}: {reason}" if name else reason


_DEBUG: ContextVar[bool] = ContextVar("reports_debug", default=False)


@contextmanager
def handled(debug: bool | None = None) -> Iterator[None]:
    """Turn any failure into one ``Error:`` line and its exit code (see the module doc).

    ``debug`` (default: the ``--debug`` of the running command line) adds the traceback.
    """
    if debug is None:
        debug = _DEBUG.get()
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
        raise  # exit codes chosen on purpose, and usage errors (exit 2)
    except ReportsError as exc:
        if debug:
            traceback.print_exc()
        console.error(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    except Terminated:
        console.error("terminated (SIGTERM); no brief was left half-written.")
        raise typer.Exit(EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        console.error("interrupted; no brief was left half-written.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _silence_stdout()
        console.error("standard output was closed before the result was written")
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _silence_stdout()
            console.error("standard output was closed before the result was written")
            raise typer.Exit(EXIT_ERROR) from None
        if debug:
            traceback.print_exc()
        console.error(_os_error_text(exc))
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        detail = " ".join(str(exc).split())  # one line, however the exception wrote it
        if len(detail) > 200:
            detail = detail[:199] + "…"
        console.error(
            f"unexpected {type(exc).__name__}{_where(exc)}: {detail}; "
            + BUG_HINT.format(version=__version__)
        )
        raise typer.Exit(EXIT_BUG) from None


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated


@contextmanager
def sigterm_stops() -> Iterator[None]:
    """While a command runs, SIGTERM stops it as Ctrl-C does (:class:`Terminated`), instead of
    killing the process where it stands (a temporary file left, no word on stderr)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _where(exc: BaseException) -> str:
    """`` in reports/x.py:12``: the innermost frame of the package, for the bug report."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}reports{os.sep}" in f.filename]
    if not ours:
        return ""
    frame = ours[-1]
    path = frame.filename[frame.filename.rfind(f"{os.sep}reports{os.sep}") + 1 :]
    return f" in {path}:{frame.lineno}"


class ReportsGroup(TyperGroup):
    """The CLI's group: every command runs inside :func:`handled`."""

    def invoke(self, ctx: Any) -> Any:
        debug = bool(ctx.params.get("debug"))
        token = _DEBUG.set(debug)
        try:
            with handled(debug), sigterm_stops():
                return super().invoke(ctx)
        finally:
            _DEBUG.reset(token)
