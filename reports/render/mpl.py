"""matplotlib's drawing modules, loaded without the work of ``Artist.set`` help nothing reads.

Defining each Artist subclass makes matplotlib build its ``set()`` method: a docstring listing
every property of the class and a signature listing every property as a keyword. While the
modules the charts use are first imported (and only then; the original functions are restored
right after, so classes defined later, and ``kwdoc`` itself, behave as matplotlib ships them):

- in the ``reports`` command only (:data:`reports.command_line`, set by :func:`reports.cli.main`:
  a one-shot process that never shows Python help), the docstring's listing is left empty
  (``matplotlib.artist.kwdoc``, which inspects and cleans hundreds of setter docstrings): about
  0.1 s of a cold build. A Python session (the API, a notebook) keeps matplotlib's full
  ``help(artist.set)`` (and the signature below is left to matplotlib too);
- the signature is computed as matplotlib does (``ArtistInspector(cls).get_setters()``) by an
  inspector that skips ``get_aliases``: each ``ArtistInspector`` computes the class's property
  aliases when created, which ``get_setters`` never reads (measured: 12-18 ms of CPU of
  ``import reports.batch; reports.batch._preload()``, e.g. 0.675 -> 0.657 s, medians of 11 to
  15 interleaved processes). The signatures are the same (IDE and Jupyter completion of
  ``artist.set(``; a test compares them with a plain import); only for matplotlib versions whose
  ``_update_set_signature_and_docstring`` was read for this (``SIGNATURE_VERSIONS``).

The 3-D toolkit that ``matplotlib.projections`` imports is left until a figure asks for it
(``reports.render.mpl_3d``), and the glyph-name tables of ``fontTools.agl`` (imported by
``matplotlib.dviread`` for TeX fonts) until something reads them (``reports.render.deferred``).

Behaviour is untouched. Import this module before any other matplotlib module.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

import matplotlib
import matplotlib.artist as _artist

import reports
from reports.render.deferred import defer
from reports.render.mpl_3d import deferred as deferred_3d

# The modules the charts and the renderer use (the rest follow from them).
_MODULES = (
    "matplotlib.backend_bases",
    "matplotlib.figure",
    "matplotlib.patches",
    "matplotlib.ticker",
)
# matplotlib versions whose Artist._update_set_signature_and_docstring reads nothing of its
# inspector but get_setters() (checked by reading it; a test compares the signatures).
SIGNATURE_VERSIONS = ("3.11.",)


def _no_listing(artist: Any) -> str:
    return ""


class _SettersOnly(_artist.ArtistInspector):
    """An inspector for ``get_setters`` alone: no aliases (which it does not read)."""

    def get_aliases(self) -> dict[str, set[str]]:
        return {}


def _signature_updater() -> Any:
    """``Artist._update_set_signature_and_docstring`` with the alias-free inspector, or None
    when this matplotlib's was not checked (or is not there)."""
    original = _artist.Artist.__dict__.get("_update_set_signature_and_docstring")
    checked = matplotlib.__version__.startswith(SIGNATURE_VERSIONS)
    if not checked or not isinstance(original, classmethod):
        return None
    module: Any = _artist
    inspector = module.ArtistInspector

    def update(cls: type) -> None:
        module.ArtistInspector = _SettersOnly  # read by the original, as a global
        try:
            original.__func__(cls)
        finally:
            module.ArtistInspector = inspector

    return classmethod(update)


def _defer_glyph_names() -> None:
    """``fontTools.agl`` imported by ``matplotlib.dviread`` but run on first use."""
    try:
        import_module("fontTools")
    except ImportError:
        return
    defer("fontTools.agl")


def _load() -> None:
    if "matplotlib.figure" in sys.modules:  # loaded already: nothing left to save
        return
    artist: Any = _artist.Artist
    listing = _artist.kwdoc
    original = artist.__dict__.get("_update_set_signature_and_docstring")
    updater = _signature_updater() if reports.command_line else None
    _defer_glyph_names()
    if reports.command_line:
        _artist.kwdoc = _no_listing
    if updater is not None:
        artist._update_set_signature_and_docstring = updater
    try:
        with deferred_3d():  # mpl_toolkits.mplot3d: when a figure asks for "3d"
            for name in _MODULES:
                import_module(name)
    finally:
        _artist.kwdoc = listing
        if updater is not None:
            artist._update_set_signature_and_docstring = original


_load()
