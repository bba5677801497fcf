"""Message catalogs (gettext ``.po`` files), compiled in memory when loaded.

The ``.po`` files under ``templates/locale`` are the single source: no compiled ``.mo`` file is
kept, so a translator's edit takes effect on the next run.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from reports.errors import TemplateError
from reports.resources import locale_dir

DOMAIN = "messages"


def catalog_path(language: str, base: Path | None = None) -> Path:
    return (base or locale_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages(base: Path | None = None) -> list[str]:
    root = base or locale_dir()
    return sorted(p.parent.parent.name for p in root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@lru_cache(maxsize=16)
def load_translations(language: str, base: Path | None = None) -> gettext.NullTranslations:
    """Read ``language``'s catalog and compile it in memory (cached per process)."""
    path = catalog_path(language, base)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
    except FileNotFoundError as exc:
        raise TemplateError(f"no message catalog for language {language!r} ({path})") from exc
    except Exception as exc:  # babel raises various errors on a malformed file
        raise TemplateError(f"cannot read message catalog {path}: {exc}") from exc
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
