"""The one place that talks to the user: results on stdout, progress and errors on stderr.

Messages often echo user data (a column name, a cell, a file name): :func:`safe` escapes what a
terminal would interpret (escape sequences, bidi overrides, other control characters), so a
hostile data file cannot rewrite the user's screen.
"""

from __future__ import annotations

import errno
import sys
import unicodedata
from typing import Any

# Categories escaped in messages: control, format (bidi overrides...), separators, surrogates,
# private use and unassigned. Newline and tab keep their meaning (messages list one issue a line).
_ESCAPED_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"))
_KEPT = frozenset("\n\t")


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def safe(text: str) -> str:
    """``text`` with terminal-unsafe characters written as escapes (``\\x1b``, ``\\u202e``)."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        _escape(ch) if ch not in _KEPT and unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch
        for ch in text
    )


def _stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:  # started with stderr closed: nowhere to say it
        return
    stream.write(safe(text) + "\n")
    stream.flush()


def result(text: str) -> None:
    """A result a script may consume (e.g. the path of a written brief)."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (``>&-``)
        raise BrokenPipeError(errno.EPIPE, "standard output is closed")
    try:
        stream.write(text + "\n")
        stream.flush()
    except OSError as exc:  # a full disk behind ``> file``, /dev/full; a closed pipe as it is
        if exc.errno == errno.EPIPE:
            raise
        from reports.errors import OutputError

        reason = "no space left on the device" if exc.errno == errno.ENOSPC else exc.strerror
        raise OutputError(f"cannot write the result to standard output: {reason}") from None


def info(text: str) -> None:
    """Progress or a notice, for a human."""
    _stderr(text)


def warning(text: str) -> None:
    _stderr(f"Warning: {text}")


def error(text: str) -> None:
    _stderr(f"Error: {text}")


def stderr_is_terminal() -> bool:
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """A batch's progress on stderr: a rich bar on a terminal, else one plain line per step
    (CI logs); nothing at all when ``quiet``. Failures are always shown."""

    def __init__(self, total: int, *, quiet: bool = False, terminal: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.quiet = quiet
        self.terminal = stderr_is_terminal() if terminal is None else terminal
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.terminal and not self.quiet and self.total:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("briefs"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                auto_refresh=False,  # no refresh thread: batch workers may be forked from here
            )
            self._bar.start()
            self._task = self._bar.add_task("", total=self.total)
            self._bar.refresh()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def step(self, line: str, *, short: str = "", failed: bool = False) -> None:
        """One item done: ``line`` says what became of it (``short``: beside the bar)."""
        self.done += 1
        if self._bar is not None:
            from rich.text import Text

            if failed:
                self._bar.console.print(Text(safe(f"Error: {line}")))
            self._bar.update(self._task, advance=1, description=safe(short or line), refresh=True)
        elif failed:
            error(f"[{self.done}/{self.total}] {line}")
        elif not self.quiet:
            info(f"[{self.done}/{self.total}] {line}")
