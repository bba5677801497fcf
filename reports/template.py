"""The brief template (``brief.toml``): which sections, in order, with their options, and the brand.

Every problem is reported as ``file:line: message`` (:class:`TemplateProblem`), so that
``reports templates check`` and a build name the same place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.errors import TemplateError
from reports.resources import TemplateSet

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
DEFAULT_PRIMARY = "#1f4e79"
TEXT_KEYS = ("organisation", "contact", "classification")
FILE_KEYS = ("logo", "font", "font_bold")
COLOUR_KEYS = ("primary_colour", "accent_colour")
LOGO_SUFFIXES = (".png", ".svg")
FONT_SUFFIXES = (".ttf",)


@dataclass(frozen=True)
class TemplateProblem:
    """One problem in a template file, located by line (0 when the line is unknown)."""

    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Localized:
    """A brand value, the same in every language or given per language (``organisation.ar``).

    Lookup order: the exact tag (``ar_MA``), its language (``ar``), ``default``, then the
    first value given (a name in one language is better than none).
    """

    values: tuple[tuple[str, str], ...] = ()

    def get(self, tag: str) -> str:
        table = dict(self.values)
        language = tag.replace("-", "_").split("_")[0]
        for key in (tag.replace("-", "_"), language, "default"):
            if key in table:
                return table[key]
        return self.values[0][1] if self.values else ""


@dataclass(frozen=True)
class Brand:
    """``[brand]``: who issues the brief and how it looks. Paths are already resolved."""

    organisation: Localized = Localized()
    contact: Localized = Localized()
    classification: Localized = Localized()
    logo: Localized = Localized()  # absolute paths (PNG or SVG)
    font: Localized = Localized()  # absolute TTF paths; empty = the default font
    font_bold: Localized = Localized()
    primary_colour: str = DEFAULT_PRIMARY
    accent_colour: str = ""  # empty = the primary colour


@dataclass(frozen=True)
class SectionSpec:
    name: str
    options: dict[str, Any] = field(default_factory=dict)
    page_break_before: bool = False


@dataclass(frozen=True)
class Layout:
    sections: tuple[SectionSpec, ...]
    path: str = ""
    brand: Brand = Brand()


class _Lines:
    """Line numbers of headers and keys in a TOML text (tomllib gives none)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def headers(self, pattern: str) -> list[int]:
        rx = re.compile(pattern)
        return [i + 1 for i, line in enumerate(self.lines) if rx.match(line.strip())]

    def key(self, name: str, start: int, default: int) -> int:
        """The line of ``name = ...`` (or ``[brand.name]``) in the table opened at ``start``."""
        rx = re.compile(
            rf"^(?:{re.escape(name)}(?:\.[\w-]+)?\s*=|\[+\s*(?:brand\.)?{re.escape(name)}\s*\]+)"
        )
        for i in range(start + 1 if start else 1, len(self.lines) + 1):
            text = self.lines[i - 1].strip()
            if rx.match(text):
                return i
            if start and text.startswith("[") and not text.startswith("[brand."):
                break
        return default


def check_layout_file(path: Path) -> tuple[Layout | None, list[TemplateProblem]]:
    """Read a template and check it against the section builders and the brand rules."""
    from reports.sections import check_section

    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [TemplateProblem(file, 0, "template not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [TemplateProblem(file, 0, f"cannot read the template: {exc}")]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        hint = ""
        if "overwrite" in str(exc).lower():
            hint = (
                " (a value given for all languages and per language? write "
                'organisation.default = "..." beside organisation.ar = "...")'
            )
        return None, [
            TemplateProblem(file, int(match.group(1)) if match else 0, f"invalid TOML: {exc}{hint}")
        ]
    lines = _Lines(text)
    problems: list[TemplateProblem] = []
    unknown_top = sorted(set(raw) - {"section", "brand"})
    for key in unknown_top:
        problems.append(
            TemplateProblem(
                file, lines.key(key, 0, 0), f"unknown table {key!r}; known: brand, section"
            )
        )
    entries = raw.get("section")
    section_lines = lines.headers(r"^\[\[\s*section\s*\]\]")
    specs: list[SectionSpec] = []
    if not isinstance(entries, list) or not entries:
        problems.append(TemplateProblem(file, 0, "no [[section]] entries"))
        entries = []
    for i, entry in enumerate(entries, start=1):
        line = section_lines[i - 1] if i <= len(section_lines) else 0
        if not isinstance(entry, dict) or "name" not in entry:
            problems.append(TemplateProblem(file, line, f"section #{i} has no name"))
            continue
        options = {k: v for k, v in entry.items() if k not in ("name", "page_break_before")}
        try:
            check_section(str(entry["name"]), options)
        except TemplateError as exc:
            bad = next((k for k in options if str(k) in str(exc)), "name")
            problems.append(
                TemplateProblem(file, lines.key(str(bad), line, line), f"section #{i}: {exc}")
            )
            continue
        specs.append(
            SectionSpec(str(entry["name"]), options, bool(entry.get("page_break_before", False)))
        )
    brand_lines = lines.headers(r"^\[\s*brand\s*\]")
    brand, brand_problems = _brand(
        raw.get("brand", {}), path, lines, brand_lines[0] if brand_lines else 0
    )
    problems += brand_problems
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    return Layout(tuple(specs), file, brand), []


def _brand(
    raw: object, path: Path, lines: _Lines, start: int
) -> tuple[Brand, list[TemplateProblem]]:
    file = str(path)
    problems: list[TemplateProblem] = []

    def problem(key: str, message: str) -> None:
        problems.append(TemplateProblem(file, lines.key(key, start, start), f"[brand] {message}"))

    if not isinstance(raw, dict):
        return Brand(), [TemplateProblem(file, start, "[brand] must be a table")]
    known = (*TEXT_KEYS, *FILE_KEYS, *COLOUR_KEYS)
    for key in raw:
        if key not in known:
            problem(key, f"unknown key {key!r}; known keys: {', '.join(known)}")
    values: dict[str, Any] = {}
    for key in (*TEXT_KEYS, *FILE_KEYS):
        if key not in raw:
            continue
        value = raw[key]
        table = {"default": value} if isinstance(value, str) else value
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            problem(key, f"{key} must be text, or a table of texts keyed by language (fr, ar...)")
            continue
        if key in FILE_KEYS:
            table = {lang: _checked_file(key, v, path, problem) for lang, v in table.items()}
        values[key] = Localized(tuple((str(k), v.strip()) for k, v in table.items()))
    for key in COLOUR_KEYS:
        if key not in raw:
            continue
        colour = raw[key]
        if not isinstance(colour, str) or not COLOUR.match(colour.strip()):
            problem(key, f"{key} {colour!r} is not a colour: write it as #RRGGBB (e.g. #1f4e79)")
            continue
        values[key] = colour.strip().lower()
    return Brand(**values), problems


def _checked_file(key: str, value: str, path: Path, problem: Any) -> str:
    """The absolute path of a brand file (relative to the template's folder), checked."""
    if not value.strip():
        return ""
    target = (path.parent / value.strip()).resolve()
    suffixes = LOGO_SUFFIXES if key == "logo" else FONT_SUFFIXES
    kind = "a PNG or SVG image" if key == "logo" else "a TrueType font (.ttf)"
    if target.suffix.lower() not in suffixes:
        problem(key, f"{key} {value!r} must be {kind}")
        return ""
    if target.exists() and not target.is_file():
        problem(key, f"{key} {target} is not a regular file (a folder, a pipe or a device)")
        return ""
    if not target.is_file():
        problem(key, f"{key} file not found: {target} (paths are relative to {path.parent})")
        return ""
    message = _unreadable(key, target)
    if message:
        problem(key, f"{key} {target}: {message}")
        return ""
    return str(target)


def _unreadable(key: str, target: Path) -> str:
    """Why a logo or font cannot be used ('' when it can)."""
    try:
        if key == "logo" and target.suffix.lower() == ".svg":
            from reports.render.images import load_svg

            load_svg(target)
        elif key == "logo":
            from PIL import Image

            with Image.open(target) as image:
                image.verify()
        else:
            from reportlab.pdfbase.ttfonts import TTFontFile

            TTFontFile(str(target))
    except Exception as exc:
        return f"cannot be read ({exc})"
    return ""


def load_layout(path: Path | None = None, templates: TemplateSet | None = None) -> Layout:
    """Read and check a template (default: the template set's ``brief.toml``)."""
    source = path or (templates or TemplateSet()).layout_path
    layout, problems = check_layout_file(source)
    if layout is None:
        lines = [str(p) for p in problems]
        raise TemplateError(
            lines[0] if len(lines) == 1 else "\n".join(["template problems:", *lines])
        )
    return layout
