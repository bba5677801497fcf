"""The one place that talks to the user: results on stdout, progress and errors on stderr.

Messages often echo user data (a column name, a cell, a file name): :func:`safe` escapes what a
terminal would interpret (escape sequences, bidi overrides, other control characters), so a
hostile data file cannot rewrite the user's screen.
"""

from __future__ import annotations

import errno
import sys
import unicodedata

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
    stream.write(text + "\n")
    stream.flush()


def info(text: str) -> None:
    """Progress or a notice, for a human."""
    _stderr(text)


def warning(text: str) -> None:
    _stderr(f"Warning: {text}")


def error(text: str) -> None:
    _stderr(f"Error: {text}")
