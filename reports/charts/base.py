"""Common chart settings: colours, style, figure size, right-to-left mirroring."""

from __future__ import annotations

import logging
import pickle
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import reports.render.mpl  # noqa: F401  (first: matplotlib loaded without set() docstrings)

# isort: split
import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

# matplotlib and fontTools log through `logging`: without a handler, Python's last-resort handler
# would print their warnings (font fallbacks, subsetting) on the user's stderr.
for _name in ("matplotlib", "fontTools"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

MM = 1 / 25.4  # inches per millimetre

SEGMENT_COLOURS = {
    "ITO": "#1f4e79",
    "CRM": "#2e86c1",
    "ESO": "#17a589",
    "BPO": "#d68910",
    "KPO": "#884ea0",
    "OTHER": "#aab7b8",
    "TOTAL": "#1f4e79",
}
INK = "#222222"
GRID = "#d9d9d9"
MUTED = "#6b6b6b"
NAVY = "#1f4e79"  # titles, as the page headings

_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,
    "axes.unicode_minus": False,
}


@contextmanager
def chart_style() -> Iterator[None]:
    """The charts' settings, while a figure is built and drawn (ticks are formatted late);
    matplotlib's warnings (a missing glyph...) never reach the user."""
    with warnings.catch_warnings(), _rc_context(_RC):
        warnings.simplefilter("ignore")
        yield


@contextmanager
def _rc_context(rc: dict[str, Any]) -> Iterator[None]:
    """``matplotlib.rc_context(rc)``: every setting changed inside is restored on exit (the
    backend excepted, as there). The settings are saved as a plain copy of their values, which
    is what ``rc_context`` restores: its own copy re-reads each of the ~300 settings (a brief
    enters this four times)."""
    params = matplotlib.rcParams
    # The stored values as they are (dict's own view): reading "backend" through rcParams would
    # resolve it, importing pyplot and a backend.
    saved = dict(dict.items(params))
    saved.pop("backend", None)
    try:
        params.update(rc)  # type: ignore[arg-type]
        yield
    finally:
        dict.update(params, saved)


def new_figure(width_mm: float, height_mm: float) -> Figure:
    """A figure of that size, at the resolution it is drawn at (72 dpi: a pixel is a point)."""
    return Figure(figsize=(width_mm * MM, height_mm * MM), dpi=72)


Rect = tuple[float, float, float, float]
Style = Callable[[Axes], None]
_Shape = tuple[float, float, tuple[Rect, ...], tuple[int, int], bool, Style | None]
_MAX_BLANKS = 64  # shapes kept (a brief has two; their sizes depend on the data)
_BLANKS: dict[_Shape, tuple[Figure, bytes]] = {}
_MADE: set[_Shape] = set()  # shapes made once already
# The first shapes of a process are used as made (a one-brief build pays no pickling); once a
# process has made this many, it is building several briefs: a new shape is kept at once.
_FIRST_SHAPES = 2


def blank_figure(
    width_mm: float,
    height_mm: float,
    *rects: Rect,
    ticks: tuple[int, int] = (1, 1),
    limits_given: bool = False,
    style: Style | None = None,
) -> tuple[Figure, list[Axes]]:
    """A new figure of that size with empty Axes at ``rects`` (figure fractions), as
    ``new_figure`` and ``add_axes`` make them, within :func:`chart_style`; each Axes already
    holds ``ticks`` (x, y) major ticks, which matplotlib would otherwise make as the chart is
    drawn (more are made if needed, unused ones are not drawn), and no minor tick.

    ``limits_given``: the chart sets both limits of every Axes itself (``set_xlim``,
    ``set_ylim``), so patches added to them (bars) do not extend the Axes' data limits, which
    nothing would read: matplotlib computes each patch's extent from its path, segment by
    segment, half the cost of ``bar()``. Autoscaling these Axes is then meaningless.

    ``style`` (a module-level function: it is part of the blank's key) is applied to each Axes
    of the blank, within :func:`chart_style`: what every chart of that shape sets alike (grid,
    tick marks, spines), so a copy already has it. matplotlib applies each tick setting to
    every tick of an axis, and a copy's ticks are already made.

    Making an Axes and its ticks is most of a chart's cost, the same for every chart of that
    shape. A blank is kept pickled, and every call returns a new, independent copy of it
    (matplotlib's own figure pickling), so no chart ever sees another's state. The charts of
    the first two shapes of a process (a one-brief run: its two charts) get a figure made for
    them; a blank of their shape is kept at its second chart, of any later shape at its first.
    """
    shape = (width_mm, height_mm, rects, ticks, limits_given, style)
    kept = _BLANKS.get(shape)
    if kept is None:
        with chart_style():
            figure = new_figure(width_mm, height_mm)
            for rect in rects:
                ax = figure.add_axes(rect)
                ax.xaxis.get_major_ticks(ticks[0])
                ax.yaxis.get_major_ticks(ticks[1])
                for axis in (ax.xaxis, ax.yaxis):
                    # The minor tick an Axes makes for itself (no chart draws minor ticks):
                    # a tenth of a blank's objects. matplotlib makes them if ever asked.
                    axis.minorTicks = []
                if limits_given:
                    _skip_patch_limits(ax)
                if style is not None:
                    style(ax)
        first_charts = shape not in _MADE and len(_MADE) < _FIRST_SHAPES
        if first_charts or len(_BLANKS) >= _MAX_BLANKS:
            _MADE.add(shape)
            return figure, list(figure.axes)  # used as it is
        # The original is kept for the life of the process: a copy's transforms name their
        # parents by the original objects' ids, which no new object may take while copies live.
        kept = _BLANKS[shape] = (figure, pickle.dumps(figure, protocol=4))
    copy = pickle.loads(kept[1])  # made above, in this process
    return copy, list(copy.axes)


def _no_limits(patch: Any) -> None:
    """What an Axes whose limits are given does with a new patch's extent: nothing."""


def _skip_patch_limits(ax: Axes) -> None:
    """Shadow matplotlib's private ``Axes._update_patch_limits`` on ``ax`` only (only if this
    matplotlib has it: otherwise there is nothing to skip). A plain function, so the Axes
    still pickles; its copies keep it."""
    if callable(getattr(type(ax), "_update_patch_limits", None)):
        vars(ax)["_update_patch_limits"] = _no_limits


def mirror_for_rtl(ax: Axes) -> None:
    """Right-to-left reading: value axis grows leftwards / time runs right to left."""
    ax.invert_xaxis()
    mirror_frame(ax)


def mirror_frame(ax: Axes) -> None:
    """The frame of :func:`mirror_for_rtl` (value ticks and spine on the right), without
    reversing the x axis (which a later ``set_xlim`` would undo)."""
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.spines["left"].set_visible(False)
    ax.spines["right"].set_visible(True)
