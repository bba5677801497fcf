"""Reading a ``.po`` file with babel, without babel writing on standard output.

babel's parser forgives a malformed line by printing ``WARNING: ...`` with :func:`print`, i.e. on
standard output, where a command's results go (``reports build --json`` printed those lines
before its JSON). :func:`read_catalog` captures them and returns them as (line, message) pairs:
``reports templates check`` reports them, a build ignores them (as babel did).
"""

from __future__ import annotations

import contextlib
import io
import re
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

_PROBLEM = re.compile(r"^WARNING: Problem on line (\d+): ")
_MESSAGE = re.compile(r"^WARNING: (.*)$")


def read_catalog(handle: IO[bytes], **options: Any) -> tuple[Catalog, list[tuple[int, str]]]:
    """``read_po(handle, **options)`` and the problems babel found in it, with their lines."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        catalog = read_po(handle, **options)
    problems: list[tuple[int, str]] = []
    message = ""
    for line in printed.getvalue().splitlines():
        where = _PROBLEM.match(line)
        if where:
            problems.append((int(where.group(1)), message or "malformed line"))
            message = ""
            continue
        said = _MESSAGE.match(line)
        if said:
            message = said.group(1)
    return catalog, list(dict.fromkeys(problems))  # babel repeats one per extra form
