"""reports: localized PDF briefs on digital-services exports."""

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``reports.load_data`` and ``reports.build_brief`` (pandas API), imported on first use."""
    if name in ("load_data", "build_brief"):
        from reports import api

        return getattr(api, name)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
