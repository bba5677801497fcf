"""Known errors: each one becomes a single ``Error: ...`` line and exit code 1."""

from __future__ import annotations


class ReportsError(Exception):
    """A failure the user can act on; never shown with a traceback."""


class DataError(ReportsError):
    """The input data cannot be read or is invalid."""


class PeriodError(ReportsError):
    """The requested period is unknown or cannot be briefed."""


class TemplateError(ReportsError):
    """A brief template or message catalog is broken."""


class LocaleError(ReportsError):
    """The requested locale is not supported."""


class OutputError(ReportsError):
    """A brief (or another output) cannot be written: permission, disk full, a folder in the way."""


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``, a cancelled CI job) while a command runs: raised as Ctrl-C's
    ``KeyboardInterrupt`` is, so the same clean-up runs (no temporary file, workers stopped)."""


class DeliveryError(ReportsError):
    """Email delivery cannot start or was misconfigured (SMTP settings, attachment too large)."""
