"""Message catalogs (gettext ``.po`` files), compiled in memory when loaded.

The ``.po`` files are the single source: no compiled ``.mo`` file is kept, so a translator's edit
takes effect on the next run (the in-process cache is keyed by the file's modification time).
"""

from __future__ import annotations

import copy
import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.support import Translations

from reports.errors import TemplateError
from reports.i18n.po import read_catalog
from reports.resources import DOMAIN, TemplateSet, catalog_relpath, locale_dir


def catalog_path(language: str, base: Path | None = None) -> Path:
    """The catalog of ``language`` under a ``locale`` folder (default: the packaged one)."""
    return (base or locale_dir()).parent / catalog_relpath(language)


def _templates(base: Path | None) -> TemplateSet:
    """``base`` is a ``locale`` folder: the template set is its parent."""
    return TemplateSet(base.parent if base is not None else None)


def available_languages(base: Path | None = None) -> list[str]:
    """Languages with a catalog under ``base`` (a user's ``locale`` folder) or in the package."""
    return _templates(base).languages()


def load_translations(
    language: str, base: Path | None = None, territory: str | None = None
) -> gettext.NullTranslations:
    """Read ``language``'s catalog (under ``base`` first, else the packaged one), compiled.

    A user's catalog falls back, entry by entry, on the packaged one: an entry it lacks (e.g.
    added by an upgrade) keeps its packaged translation rather than the English source. With
    ``territory``, the territory's catalog (``locale/en_GB``, the user's then the packaged one)
    comes first, when there is one: it holds only the messages worded differently there.
    """
    files = catalog_files(language, territory, base)
    if not files or files[-1].parent.parent.name != language:
        missing = _templates(base).catalog(language)
        raise TemplateError(f"no message catalog for language {language!r} ({missing})")
    *firsts, last = files
    translations = _load(language, last)
    for path in reversed(firsts):  # each over the ones after it
        loaded = copy.copy(_load(path.parent.parent.name, path))  # the cache's keeps no fallback
        loaded.add_fallback(translations)
        translations = loaded
    return translations


def catalog_files(language: str, territory: str | None, base: Path | None = None) -> list[Path]:
    """The catalog files a brief in ``language`` (and ``territory``) reads, first to last: what
    :func:`load_translations` chains and what a brief's fingerprint hashes."""
    files = []
    if territory:
        variant = f"{language}_{territory}"
        files += [_templates(base).catalog(variant), catalog_path(variant)]
    files += [_templates(base).catalog(language), catalog_path(language)]
    return [p for p in dict.fromkeys(files) if p.is_file()]


def _load(language: str, path: Path) -> gettext.NullTranslations:
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise TemplateError(f"no message catalog for language {language!r} ({path})") from exc
    return _compiled(language, path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _compiled(language: str, path: Path, _mtime: int, _size: int) -> gettext.NullTranslations:
    try:
        with path.open("rb") as handle:
            catalog, _ = read_catalog(
                handle, locale=language, domain=DOMAIN
            )  # check: templates check
    except Exception as exc:  # babel raises various errors on a malformed file
        raise TemplateError(f"cannot read message catalog {path}: {exc}") from exc
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    try:
        translations = Translations(fp=buffer, domain=DOMAIN)
    except (ValueError, SyntaxError, RecursionError) as exc:  # gettext's check of Plural-Forms
        raise TemplateError(
            f"cannot read message catalog {path}: invalid Plural-Forms header ({exc})"
        ) from None
    translations.reports_source = str(path)  # type: ignore[attr-defined]
    return translations


def source_of(translations: gettext.NullTranslations, msgid: str) -> str:
    """The catalog file whose translation of ``msgid`` is used (a user's copy or the package's)."""
    current: gettext.NullTranslations | None = translations
    while current is not None:
        if msgid in getattr(current, "_catalog", {}):
            return str(getattr(current, "reports_source", ""))
        current = getattr(current, "_fallback", None)
    return str(getattr(translations, "reports_source", ""))
