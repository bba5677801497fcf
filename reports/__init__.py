"""reports: localized PDF briefs on digital-services exports."""

__version__ = "0.1.0"

#: True inside the ``reports`` command (set by :func:`reports.cli.main` before anything heavy is
#: imported): a one-shot process that never shows Python help, so :mod:`reports.render.mpl` may
#: skip writing matplotlib's ``Artist.set`` docstrings. False in a Python session (API, notebook).
command_line = False


def __getattr__(name: str) -> object:
    """``reports.load_data`` and ``reports.build_brief`` (pandas API), imported on first use."""
    if name in ("load_data", "build_brief"):
        from reports import api

        return getattr(api, name)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
