"""matplotlib's drawing modules, loaded without writing ``Artist.set`` docstrings.

Defining each Artist subclass makes matplotlib write a docstring listing every property of the
class (``matplotlib.artist.kwdoc``, which inspects and cleans hundreds of setter docstrings):
about 0.1 s of a cold build, for help text nothing here reads. While the modules the charts use
are first imported, that listing is left empty; the original function is restored right after,
so classes defined later, and ``kwdoc`` itself, behave as matplotlib ships them. Signatures and
behaviour are untouched. Import this module before any other matplotlib module.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

import matplotlib.artist as _artist

# The modules the charts and the renderer use (the rest follow from them).
_MODULES = (
    "matplotlib.backend_bases",
    "matplotlib.figure",
    "matplotlib.patches",
    "matplotlib.ticker",
)


def _no_listing(artist: Any) -> str:
    return ""


def _load() -> None:
    if "matplotlib.figure" in sys.modules:  # loaded already: nothing left to save
        return
    listing = _artist.kwdoc
    _artist.kwdoc = _no_listing
    try:
        for name in _MODULES:
            import_module(name)
    finally:
        _artist.kwdoc = listing


_load()
