"""matplotlib's 3-D projection, imported when a figure first asks for it rather than at import.

``matplotlib.projections`` imports ``mpl_toolkits.mplot3d`` (Axes3D, art3d, axis3d, proj3d:
12-22 ms of CPU, measured as ``import reports.batch; reports.batch._preload()``, 0.638 -> 0.626
s and 0.652 -> 0.630 s, medians of 15 interleaved processes) to register the ``"3d"``
projection; no brief draws in 3-D. During :func:`deferred`, that import finds a stand-in whose
``Axes3D`` only carries the name ``"3d"``; afterwards the stand-in module is gone from
``sys.modules``, and the first request for the projection (``add_subplot(projection="3d")``,
``get_projection_class("3d")``, ``matplotlib.projections.Axes3D``) imports the real toolkit and
registers its ``Axes3D``, as matplotlib would have at import. If that import fails, matplotlib's
own warning is given then and ``"3d"`` is unregistered, as matplotlib does when it fails at
import. The registered names (``get_projection_names()``) are the same throughout.

Only for the matplotlib versions whose ``matplotlib.projections`` was read for this
(``VERSIONS``), and only when neither it nor the toolkit is imported yet; otherwise nothing changes.
"""

from __future__ import annotations

import sys
import types
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib

VERSIONS = ("3.11.",)  # matplotlib versions whose projections/__init__.py was read for this
_TOOLKIT = "mpl_toolkits.mplot3d"
_PROJECTIONS = "matplotlib.projections"
# matplotlib's words when the toolkit cannot be imported (matplotlib.projections).
_WARNING = (
    "Unable to import Axes3D. This may be due to multiple versions of Matplotlib being "
    "installed (e.g. as a system package and as a pip package). As a result, the 3D "
    "projection is not available."
)


class PendingAxes3D:
    """Stands for mplot3d's ``Axes3D`` in the projection registry until it is asked for."""

    name = "3d"


@contextmanager
def deferred() -> Iterator[None]:
    """Import matplotlib's modules inside this block: the 3-D toolkit is left for later."""
    if (
        not matplotlib.__version__.startswith(VERSIONS)
        or _PROJECTIONS in sys.modules
        or _TOOLKIT in sys.modules
    ):
        yield
        return
    stand_in = types.ModuleType(_TOOLKIT)
    stand_in.Axes3D = PendingAxes3D  # type: ignore[attr-defined]
    sys.modules[_TOOLKIT] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(_TOOLKIT) is stand_in:
            del sys.modules[_TOOLKIT]
        _register_on_demand()


def _register_on_demand() -> None:
    """Make the registry and ``matplotlib.projections.Axes3D`` import the toolkit on demand
    (or import it now if the stand-in ended up anywhere else than expected)."""
    projections: Any = sys.modules.get(_PROJECTIONS)
    if projections is None or projections.__dict__.get("Axes3D") is not PendingAxes3D:
        return
    registry = projections.projection_registry
    if registry._all_projection_types.get("3d") is not PendingAxes3D:
        load_3d()
        return
    del projections.Axes3D
    projections.__getattr__ = _projections_attribute
    registry.get_projection_class = _projection_class


def load_3d() -> None:
    """Import the toolkit and register its ``Axes3D`` in place of the stand-in (once)."""
    projections: Any = sys.modules[_PROJECTIONS]
    registry = projections.projection_registry
    registry.__dict__.pop("get_projection_class", None)
    projections.__dict__.pop("__getattr__", None)
    try:
        from mpl_toolkits.mplot3d import Axes3D
    except Exception:
        warnings.warn(_WARNING, stacklevel=2)
        if registry._all_projection_types.get("3d") is PendingAxes3D:
            del registry._all_projection_types["3d"]
        return
    projections.Axes3D = Axes3D
    registry.register(Axes3D)


def _projection_class(name: Any, _error_cls: type[Exception] = KeyError) -> Any:
    """``projection_registry.get_projection_class``, importing the toolkit for ``"3d"``."""
    registry: Any = sys.modules[_PROJECTIONS].projection_registry
    if name == "3d":
        load_3d()
    return type(registry).get_projection_class(registry, name, _error_cls=_error_cls)


def _projections_attribute(name: str) -> Any:
    """``matplotlib.projections.Axes3D`` (module ``__getattr__``), importing the toolkit."""
    if name == "Axes3D":
        load_3d()
        if "Axes3D" in sys.modules[_PROJECTIONS].__dict__:
            return sys.modules[_PROJECTIONS].__dict__["Axes3D"]
    raise AttributeError(f"module {_PROJECTIONS!r} has no attribute {name!r}")
