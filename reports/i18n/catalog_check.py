"""Checks of message catalogs: every entry translated, all plural forms, the same placeholders.

Used by ``reports templates check`` (an analyst's edited copy) and by the test suite (the packaged
catalogs). Every problem names the file and the line of the entry.
"""

from __future__ import annotations

import gettext
import string
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Message

from reports.i18n.po import read_catalog
from reports.resources import DOMAIN, TemplateSet, templates_dir
from reports.template import Layout, TemplateProblem, check_layout_file

_FORMATTER = string.Formatter()


def template_ids(pot: Path | None = None) -> set[str]:
    """The message ids the code uses (the packaged ``messages.pot``)."""
    source = pot or templates_dir() / "locale" / f"{DOMAIN}.pot"
    with source.open("rb") as handle:
        return {_key(m) for m in read_catalog(handle)[0] if m.id}


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message; ValueError on unbalanced braces."""
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name is not None}


def check_catalog(
    path: Path,
    language: str,
    expected: set[str] | None = None,
    has_fallback: bool = False,
    partial: bool = False,
) -> list[TemplateProblem]:
    """Problems of one ``.po`` file. ``expected``: the ids it must hold (default: the .pot).

    With ``has_fallback`` (a user's copy over a packaged catalog), a missing or untranslated
    entry is a warning: the packaged translation is used for it. ``partial``: a territory's
    catalog (``en_GB``), which holds only the messages worded differently there; the entries
    it lacks are no problem (its language's catalog gives them).
    """
    file = str(path)
    try:
        with path.open("rb") as handle:
            catalog, malformed = read_catalog(handle, locale=language, domain=DOMAIN)
    except Exception as exc:
        return [TemplateProblem(file, getattr(exc, "lineno", 0) or 0, f"cannot read: {exc}")]
    problems: list[TemplateProblem] = []
    gap = "warning" if has_fallback else "error"
    fallback = " (the packaged translation is used)" if has_fallback else ""
    try:
        forms = [*Locale.parse(language).plural_form.tags, "other"]
    except Exception:
        forms = []
    if forms and catalog.num_plurals != len(forms):
        problems.append(
            TemplateProblem(
                file,
                1,
                f"Plural-Forms gives nplurals={catalog.num_plurals}, but {language} has "
                f"{len(forms)} plural forms ({', '.join(forms)})",
            )
        )
    try:  # as gettext compiles it when a brief is built
        gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError, RecursionError) as exc:
        problems.append(
            TemplateProblem(file, 1, f"Plural-Forms: invalid plural expression ({exc})")
        )
    problems += [
        TemplateProblem(file, line, f"malformed entry, not read as written: {message}")
        for line, message in malformed
    ]
    wanted_ids = template_ids() if expected is None else expected
    ids: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        key = _key(message)
        ids.add(key)
        line = message.lineno or 0
        problems += _check_message(file, line, key, message, catalog.num_plurals, gap, fallback)
        if key not in wanted_ids:
            problems.append(
                TemplateProblem(
                    file, line, f"unknown message (not used by reports): {key!r}", "warning"
                )
            )
    for key in sorted(set() if partial else wanted_ids - ids):
        problems.append(TemplateProblem(file, 0, f"missing entry{fallback}: {key!r}", gap))
    return problems


def _check_message(
    file: str, line: int, key: str, message: Message, nplurals: int, gap: str, fallback: str
) -> list[TemplateProblem]:
    out: list[TemplateProblem] = []
    if message.fuzzy:
        out.append(TemplateProblem(file, line, f"fuzzy entry, not used{fallback}: {key!r}", gap))
    try:
        if isinstance(message.id, tuple):
            wanted = placeholders(message.id[1]) | placeholders(key)
        else:
            wanted = placeholders(key)
    except ValueError:
        return out  # the source text itself is checked by the tests of the code
    raw = message.string
    texts: tuple[str, ...] = tuple(raw) if isinstance(raw, (tuple, list)) else (raw or "",)
    if isinstance(message.id, tuple) and (len(texts) != nplurals or not all(texts)):
        given = sum(1 for t in texts if t)
        out.append(
            TemplateProblem(file, line, f"plural forms: {given} of {nplurals} given for {key!r}")
        )
        return out
    if not isinstance(message.id, tuple) and not message.string:
        out.append(TemplateProblem(file, line, f"untranslated{fallback}: {key!r}", gap))
        return out
    for i, text in enumerate(texts):
        try:
            found = placeholders(text)
        except ValueError as exc:
            out.append(TemplateProblem(file, line, f"broken braces ({exc}) in {text!r}"))
            continue
        # A plural form may spell out "one"/"two" instead of writing {count}.
        ok = found == wanted or (isinstance(message.id, tuple) and found == wanted - {"count"})
        if not ok:
            which = f"form {i} of " if isinstance(message.id, tuple) else ""
            out.append(
                TemplateProblem(
                    file,
                    line,
                    f"placeholders {sorted(found)} in {which}{key!r} differ from the source's "
                    f"{sorted(wanted)}",
                )
            )
    return out


def check_templates(templates: TemplateSet) -> tuple[list[str], list[TemplateProblem]]:
    """Check the layout, brand and every catalog a build with ``templates`` would use.

    Returns the files checked and every problem found.
    """
    checked: list[str] = []
    layout_path = templates.layout_path
    checked.append(str(layout_path))
    layout, problems = check_layout_file(layout_path)
    folder = str(templates.folder)
    problems += [
        TemplateProblem(folder, 0, note.removeprefix(f"{folder} "), "warning")
        for note in templates.notes()
    ]
    packaged = TemplateSet()
    for language in templates.languages():
        path = templates.catalog(language)
        checked.append(str(path))
        overridden = path != packaged.catalog(language)
        has_fallback = overridden and packaged.catalog(language).is_file()
        problems += check_catalog(path, language, has_fallback=has_fallback)
        if layout is not None:
            problems += _font_problems(layout, layout_path, language, path)
    for variant in templates.variants():
        path = templates.catalog(variant)
        checked.append(str(path))
        problems += check_catalog(path, variant, has_fallback=True, partial=True)
    return checked, problems


def _font_problems(
    layout: Layout, layout_path: Path, language: str, catalog: Path
) -> list[TemplateProblem]:
    """A house font must draw every letter of a language's wording (its catalog, the brand's
    texts), as the build would find out only when it meets the language."""
    from babel import Locale

    from reports.errors import TemplateError
    from reports.i18n.rtl import shape
    from reports.render.fonts import check_coverage

    brand = layout.brand
    fonts = dict.fromkeys(f for f in (brand.font.get(language), brand.font_bold.get(language)) if f)
    if not fonts or not brand.font.get(language):
        return []
    with catalog.open("rb") as handle:
        messages, _ = read_catalog(handle, locale=language, domain=DOMAIN)
    texts = [
        text
        for m in messages
        if m.id
        for text in (m.string if isinstance(m.string, (tuple, list)) else (m.string,))
        if text
    ]
    texts += [v.get(language) for v in (brand.organisation, brand.contact, brand.classification)]
    if Locale.parse(language).character_order == "right-to-left":
        texts += [shape(t) for t in texts]
    out = []
    for font in fonts:
        try:
            check_coverage(font, texts)
        except TemplateError as exc:
            bold_only = font == brand.font_bold.get(language) != brand.font.get(language)
            line = _line_of(layout_path, "font_bold" if bold_only else "font")
            out.append(TemplateProblem(str(layout_path), line, f"{language}: {exc}"))
    return out


def _line_of(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = text.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"{key}.", f"[brand.{key}]")):
            return number
    return 0
