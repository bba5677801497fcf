"""Where the embedded data, templates and catalogs live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(installed: str, checkout: str) -> Path:
    # A wheel carries them inside the package; a checkout (or editable install) beside it.
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def templates_dir() -> Path:
    return _locate("_templates", "templates")


def data_dir() -> Path:
    return _locate("_data", "data")


def default_data_path() -> Path:
    return data_dir() / "digital_exports_morocco.csv"


def default_template_path() -> Path:
    return templates_dir() / "brief.toml"


def locale_dir() -> Path:
    return templates_dir() / "locale"
