"""Every message exists in every language, with all plural forms and the same placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from reports.i18n.catalogs import available_languages, catalog_path
from reports.resources import locale_dir

PLACEHOLDER = re.compile(r"\{(\w+)\}")
LANGUAGES = ["ar", "en", "fr"]


def _template_ids() -> set[str]:
    with (locale_dir() / "messages.pot").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_languages() -> None:
    assert available_languages() == LANGUAGES


def test_template_is_up_to_date(tmp_path: Path) -> None:
    """The .pot holds exactly the messages the code uses (run the extract command if not)."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "pyproject.toml",
            "-k",
            "_",
            "-k",
            "n_:1,2",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(out),
            ".",
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as handle:
        fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert fresh == _template_ids()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_complete(language: str) -> None:
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    expected_forms = [*Locale.parse(language).plural_form.tags, "other"]
    nplurals = catalog.num_plurals
    assert nplurals == len(expected_forms), (language, nplurals)
    ids = set()
    problems = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        ids.add(key)
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r}")
        if isinstance(message.id, tuple):
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            if len(forms) != nplurals or not all(forms):
                problems.append(f"plural forms {len(forms)}/{nplurals}: {key!r}")
                continue
            wanted = set(PLACEHOLDER.findall(message.id[1])) | set(PLACEHOLDER.findall(key))
            for i, form in enumerate(forms):
                found = set(PLACEHOLDER.findall(form))
                # A language may spell out "one"/"two" instead of writing {count}.
                if found != wanted and found != wanted - {"count"}:
                    problems.append(f"placeholders {sorted(found)} in form {i} of {key!r}")
        else:
            if not message.string:
                problems.append(f"untranslated: {key!r}")
                continue
            if set(PLACEHOLDER.findall(message.string)) != set(PLACEHOLDER.findall(key)):
                problems.append(f"placeholders differ: {key!r} -> {message.string!r}")
    assert not problems, "\n".join(problems)
    assert ids == _template_ids(), sorted(ids ^ _template_ids())


def test_layout_matches_registry() -> None:
    from reports.sections import options_of, registry
    from reports.template import load_layout

    layout = load_layout()
    builders = registry()
    assert [s.name for s in layout.sections] == [
        "cover",
        "segment_shares",
        "trend",
        "narrative",
        "jobs_and_target",
        "challenges",
        "methodology",
    ]
    for spec in layout.sections:
        assert set(spec.options) <= options_of(builders[spec.name])


def test_bad_template_is_a_clear_error(tmp_path: Path) -> None:
    from reports.errors import TemplateError
    from reports.template import load_layout

    bad = tmp_path / "brief.toml"
    bad.write_text('[[section]]\nname = "cover"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="section 'cover' has no option colour"):
        load_layout(bad)
    bad.write_text('[[section]]\nname = "horoscope"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="unknown section 'horoscope'"):
        load_layout(bad)
