"""One command, one version of each data file.

A command builds several briefs (``build --period all``, ``batch``, ``send``), each of which
asks :func:`reports.pipeline.load_data` for the data. Outside a snapshot, every call reads the
file again (a notebook sees its edits at once); within :func:`data_snapshot`, each file is read
once and every later call gets what was read then: a file edited, half-saved or deleted while
the command runs cannot mix two versions of the data in one batch, nor fail the briefs after it.
Workers forked during the snapshot inherit it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_TAKEN: dict[str, Any] | None = None


@contextmanager
def data_snapshot() -> Iterator[None]:
    """Within: each data file is read once (nested snapshots share the outermost one)."""
    global _TAKEN
    outermost = _TAKEN is None
    if outermost:
        _TAKEN = {}
    try:
        yield
    finally:
        if outermost:
            _TAKEN = None


def _key(path: Path) -> str:
    return os.path.abspath(path)


def taken(path: Path) -> Any | None:
    """What the snapshot read from ``path``, or None (no snapshot, or not read yet)."""
    return None if _TAKEN is None else _TAKEN.get(_key(path))


def keep(path: Path, loaded: Any) -> None:
    """Remember what was read from ``path`` for the rest of the snapshot, if there is one."""
    if _TAKEN is not None:
        _TAKEN[_key(path)] = loaded
