"""Where the embedded data, templates and catalogs live, installed or in a checkout.

An analyst's template folder (``reports templates init DIR``, then ``--templates DIR`` or
``REPORTS_TEMPLATES``) overrides the packaged files one by one: whatever it lacks (``brief.toml``,
a language's ``messages.po``) is read from the package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
TEMPLATES_ENV = "REPORTS_TEMPLATES"
LAYOUT_FILE = "brief.toml"
DOMAIN = "messages"


def _locate(installed: str, checkout: str) -> Path:
    # A wheel carries them inside the package; a checkout (or editable install) beside it.
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def templates_dir() -> Path:
    """The packaged templates (``brief.toml``, ``locale/``)."""
    return _locate("_templates", "templates")


def data_dir() -> Path:
    return _locate("_data", "data")


def default_data_path() -> Path:
    return data_dir() / "digital_exports_morocco.csv"


def default_template_path() -> Path:
    return templates_dir() / LAYOUT_FILE


def locale_dir() -> Path:
    return templates_dir() / "locale"


def catalog_relpath(language: str) -> Path:
    """``locale/<language>/LC_MESSAGES/messages.po``, relative to a template folder."""
    return Path("locale") / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class TemplateSet:
    """The packaged templates, overridden file by file by an optional user folder."""

    folder: Path | None = None

    @classmethod
    def resolve(cls, folder: Path | str | None = None) -> TemplateSet:
        """``folder``, else ``$REPORTS_TEMPLATES``, else the packaged templates only."""
        chosen = folder if folder not in (None, "") else os.environ.get(TEMPLATES_ENV) or None
        if chosen is None:
            return cls(None)
        path = Path(chosen).expanduser()
        if not path.is_dir():
            from reports.errors import TemplateError

            raise TemplateError(f"template folder not found: {path}")
        return cls(path.resolve())

    def file(self, relative: Path | str) -> Path:
        """The user's copy of ``relative`` when it exists, else the packaged one."""
        if self.folder is not None:
            mine = self.folder / relative
            if mine.is_file():
                return mine
        return templates_dir() / relative

    @property
    def layout_path(self) -> Path:
        return self.file(LAYOUT_FILE)

    def catalog(self, language: str) -> Path:
        return self.file(catalog_relpath(language))

    def notes(self) -> list[str]:
        """What in the user folder is not used, and why (a typo in ``--templates`` or
        ``REPORTS_TEMPLATES``, a pipe or a folder named like a template file)."""
        if self.folder is None:
            return []
        notes = []
        candidates = [
            self.folder / LAYOUT_FILE,
            *(self.folder / "locale").glob(f"*/LC_MESSAGES/{DOMAIN}.po"),
        ]
        for path in candidates:
            if path.exists() and not path.is_file():
                notes.append(f"{path} is not a regular file: the packaged one is used")
        if not any(path.is_file() for path in candidates):
            notes.append(
                f"{self.folder} holds no {LAYOUT_FILE} and no locale/LANGUAGE/LC_MESSAGES/"
                f"{DOMAIN}.po: the packaged templates are used"
            )
        return notes

    def languages(self) -> list[str]:
        """Languages with a catalog in the user folder or the package."""
        return [name for name in self._catalog_names() if "_" not in name]

    def variants(self) -> list[str]:
        """Territory catalogs in the user folder or the package (``en_GB``): the messages whose
        wording differs in that territory, over the language's catalog."""
        return [name for name in self._catalog_names() if "_" in name]

    def _catalog_names(self) -> list[str]:
        """The ``locale/<name>`` folders holding a catalog, in the user folder or the package."""
        roots = [templates_dir()] + ([self.folder] if self.folder is not None else [])
        found = {
            p.parent.parent.name
            for root in roots
            for p in (root / "locale").glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        }
        return sorted(found)


def template_files() -> list[Path]:
    """The packaged template files an analyst may own, relative to the templates folder."""
    root = templates_dir()
    catalogs = sorted(root.glob(f"locale/*/LC_MESSAGES/{DOMAIN}.po"))
    files = [root / LAYOUT_FILE, root / "locale" / f"{DOMAIN}.pot", *catalogs]
    return [f.relative_to(root) for f in files if f.is_file()]


def copy_templates(destination: Path, overwrite: bool = False) -> list[Path]:
    """Copy the packaged ``brief.toml``, ``messages.pot`` and catalogs to ``destination``.

    Refuses (TemplateError) to replace an existing file unless ``overwrite``. Each file is
    written whole or not at all (a full disk leaves no truncated catalog, and never replaces an
    analyst's file with part of the packaged one); a failure names the file being written.
    """
    from reports.errors import TemplateError
    from reports.pipeline import write_atomic

    files = template_files()
    existing = [destination / f for f in files if (destination / f).exists()]
    if existing and not overwrite:
        names = ", ".join(str(p) for p in existing)
        raise TemplateError(f"already there, not replaced (use --force to overwrite): {names}")
    written = []
    for relative in files:
        target = destination / relative
        write_atomic(target, (templates_dir() / relative).read_bytes())
        written.append(target)
    return written
