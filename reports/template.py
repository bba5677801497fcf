"""The brief template (``templates/brief.toml``): which sections, in order, with their options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.errors import TemplateError
from reports.resources import default_template_path


@dataclass(frozen=True)
class SectionSpec:
    name: str
    options: dict[str, Any] = field(default_factory=dict)
    page_break_before: bool = False


@dataclass(frozen=True)
class Layout:
    sections: tuple[SectionSpec, ...]
    path: str = ""


def load_layout(path: Path | None = None) -> Layout:
    """Read and check a template against the registered section builders."""
    from reports.sections import check_section

    source = path or default_template_path()
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TemplateError(f"template not found: {source}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{source}: invalid TOML: {exc}") from exc
    entries = raw.get("section")
    if not isinstance(entries, list) or not entries:
        raise TemplateError(f"{source}: no [[section]] entries")
    specs = []
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "name" not in entry:
            raise TemplateError(f"{source}: section #{i} has no name")
        options = {k: v for k, v in entry.items() if k not in ("name", "page_break_before")}
        try:
            check_section(str(entry["name"]), options)
        except TemplateError as exc:
            raise TemplateError(f"{source}: section #{i}: {exc}") from exc
        specs.append(
            SectionSpec(str(entry["name"]), options, bool(entry.get("page_break_before", False)))
        )
    return Layout(tuple(specs), str(source))
