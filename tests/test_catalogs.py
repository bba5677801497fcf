"""Every message exists in every language, with all plural forms and the same placeholders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reports.i18n.catalog_check import check_catalog, template_ids
from reports.i18n.catalogs import available_languages, catalog_path
from reports.resources import locale_dir

LANGUAGES = ["ar", "en", "fr"]


def _template_ids() -> set[str]:
    return template_ids(locale_dir() / "messages.pot")


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
    """No missing or fuzzy entry, all plural forms (fr 3, ar 6), the source's placeholders."""
    problems = check_catalog(catalog_path(language), language)
    assert not problems, "\n".join(map(str, problems))


def test_catalog_check_finds_each_problem(tmp_path: Path) -> None:
    """The check behind `reports templates check` names the file and line of each problem."""
    source = catalog_path("fr").read_text(encoding="utf-8")
    broken = source.replace('msgstr "soit environ {amount}"', 'msgstr "soit environ {montant}"')
    path = tmp_path / "messages.po"
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index('msgstr "soit environ {montant}"')  # the msgid's, 1-based
    assert [str(p) for p in check_catalog(path, "fr")] == [
        f"{path}:{line}: placeholders ['montant'] in 'about {{amount}}' differ from the source's "
        "['amount']"
    ]

    path.write_text(source.replace("nplurals=3;", "nplurals=2;", 1), encoding="utf-8")
    assert "nplurals=2, but fr has 3 plural forms" in str(check_catalog(path, "fr")[0])

    dropped = "\n\n".join(
        chunk for chunk in source.split("\n\n") if 'msgid "about {amount}"' not in chunk
    )
    dropped = dropped.replace('msgstr "Processus d\'entreprise"', 'msgstr ""')
    path.write_text(dropped, encoding="utf-8")
    problems = [p for p in check_catalog(path, "fr")]
    assert sorted(str(p).split(": ", 1)[1] for p in problems) == [
        "missing entry: 'about {amount}'",
        "untranslated: 'Business processes'",
    ]
    # A user's copy over the packaged catalog: gaps are warnings (the packaged text is used).
    assert {p.severity for p in check_catalog(path, "fr", has_fallback=True)} == {"warning"}


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
