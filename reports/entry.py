"""The ``reports`` command's entry point (``reports`` and ``python -m reports``).

Importing the command line (typer, then the commands' own modules) takes a noticeable part of a
second. Ctrl-C in that time, or while typer builds the command, happens before
:mod:`reports.cli_errors` handles interrupts: this module makes it the same one line and exit
code 130 as an interrupt anywhere else. It imports nothing heavy before the command line.
"""

from __future__ import annotations

EXIT_INTERRUPTED = 130  # as reports.cli_errors.EXIT_INTERRUPTED (which imports typer)


def main() -> None:
    """Run the ``reports`` command; Ctrl-C at any moment: one ``Error:`` line, exit 130."""
    try:
        import gc

        gc.disable()  # as reports.cli.main does, from the first import on
        from reports.cli import main as run

        run()
    except KeyboardInterrupt:
        from reports import console

        console.error("interrupted; no brief was left half-written.")
        raise SystemExit(EXIT_INTERRUPTED) from None
