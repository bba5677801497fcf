"""reportlab's paragraph module, loaded without compiling its URL pattern.

``reportlab.platypus.paragraph`` compiles ``uri_pat`` (a case-insensitive URL pattern with
character ranges up to U+FFFF) at import: 27-28 ms of CPU in every process that renders a brief
(``import reports.batch; reports.batch._preload()``: 0.675 -> 0.647 s and 0.687 -> 0.660 s,
medians of 11 and 15 interleaved processes). reportlab reads it only to split a URL across lines
when a style asks for hyphenation (``hyphenationLang``, ``uriWasteReduce``,
``embeddedHyphenation``); no style of ours does. While that module is first imported,
``re.compile`` of exactly that pattern returns a :class:`LazyPattern` instead, which compiles
the same pattern with the same flags on first use; every other call, and ``re.compile`` itself
once the import is done, are untouched.

Only for the reportlab versions whose use of ``uri_pat`` was read (``uri_pat.match`` in
``_uri_split_pairs``, nothing else): with another version, or when the module is already
imported, this imports it as usual. Import this module before any ``reportlab.platypus`` one.
"""

from __future__ import annotations

import re
import sys
from importlib import import_module
from typing import Any

import reportlab

CHECKED_VERSIONS = ("5.1.0",)  # reportlab versions whose paragraph module was read for this
URI_PREFIX = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # how uri_pat starts (re.I, ranges up to U+FFFF)
_MODULE = "reportlab.platypus.paragraph"


class LazyPattern:
    """A compiled regular expression, compiled on first use (any attribute: ``match``,
    ``pattern``, ``flags``...), then the same object for ever."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _compile(self._pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


_compile = re.compile


def _lazy_uri(pattern: Any, flags: Any = 0) -> Any:
    if isinstance(pattern, str) and pattern.startswith(URI_PREFIX) and flags == re.IGNORECASE:
        return LazyPattern(pattern, flags)
    return _compile(pattern, flags)


def _load() -> None:
    if _MODULE in sys.modules or reportlab.Version not in CHECKED_VERSIONS:
        return
    setattr(re, "compile", _lazy_uri)  # noqa: B010  (mypy: a different signature)
    try:
        import_module(_MODULE)
    finally:
        setattr(re, "compile", _compile)  # noqa: B010


_load()
