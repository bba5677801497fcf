"""The one place that talks to the user: results on stdout, progress and errors on stderr."""

from __future__ import annotations

import sys


def result(text: str) -> None:
    """A result a script may consume (e.g. the path of a written brief)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def info(text: str) -> None:
    """Progress or a notice, for a human."""
    sys.stderr.write(text + "\n")


def warning(text: str) -> None:
    sys.stderr.write(f"Warning: {text}\n")


def error(text: str) -> None:
    sys.stderr.write(f"Error: {text}\n")
