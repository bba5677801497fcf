"""A module imported now and run when first used: ``import x.y`` statements find it, unrun.

``matplotlib.dviread`` (imported by ``matplotlib.textpath``, which ``matplotlib.text`` imports)
runs ``import fontTools.agl`` at import, for one call reading a TeX font's glyph names; no
brief typesets TeX. ``fontTools.agl`` builds its glyph-name tables from 5,000 lines of text when
run: 7-26 ms of CPU in every process that renders (``import reports.batch;
reports.batch._preload()`` and a cold build, medians of 11-15 interleaved processes, 3 runs).
:func:`defer` puts the module in ``sys.modules`` with its spec, file and name but without
running its code; the first look-up of anything else in it (``fontTools.agl.toUnicode``,
``from fontTools.agl import AGL2UV``, ``dir()``) runs it, once, in that same module object,
which is then a plain module. Unlike
``importlib.util.LazyLoader``, whose modules run as soon as a later ``import`` statement
reads their ``__spec__`` (Python 3.11), an ``import fontTools.agl`` leaves it unrun.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import threading
import types
from typing import Any

_LOCK = threading.RLock()


class _Deferred(types.ModuleType):
    """A module whose code has not run yet; any missing attribute, or ``dir()``, runs it first."""

    def __getattr__(self, name: str) -> Any:
        _run(self)
        return getattr(self, name)

    def __dir__(self) -> list[str]:
        _run(self)
        return dir(self)


def _run(module: types.ModuleType) -> None:
    """Run a deferred module's code in it (once), leaving a plain module."""
    with _LOCK:
        if type(module) is _Deferred:
            module.__class__ = types.ModuleType  # type: ignore[assignment]
            spec = module.__spec__
            assert spec is not None and spec.loader is not None
            spec.loader.exec_module(module)


def defer(name: str) -> bool:
    """Import the module ``name`` (a plain source module of an imported package) without
    running it; False, and nothing done, when it is imported already or not such a module."""
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if name in sys.modules or parent is None:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
        return False
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module
    setattr(parent, child, module)
    return True


def is_deferred(module: types.ModuleType) -> bool:
    """Whether ``module``'s code has not run yet."""
    return type(module) is _Deferred
