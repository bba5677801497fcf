"""Templates an analyst owns: `reports templates init/check`, per-file fallback on the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reports import resources
from reports.cli import app
from reports.i18n.catalogs import available_languages, load_translations
from reports.resources import TemplateSet, templates_dir

runner = CliRunner()


def test_init_copies_layout_and_catalogs(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = runner.invoke(app, ["templates", "init", str(target)])
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    assert str(target / "brief.toml") in written
    for language in ("ar", "en", "fr"):
        copy = target / "locale" / language / "LC_MESSAGES" / "messages.po"
        assert str(copy) in written
        assert copy.read_bytes() == (templates_dir() / copy.relative_to(target)).read_bytes()
    again = runner.invoke(app, ["templates", "init", str(target)])
    assert again.exit_code == 1
    assert "already there, not replaced (use --force to overwrite)" in again.stderr
    assert runner.invoke(app, ["templates", "init", str(target), "--force"]).exit_code == 0


def test_check_passes_on_a_fresh_copy_and_names_file_and_line(tmp_path: Path) -> None:
    assert runner.invoke(app, ["templates", "init", str(tmp_path)]).exit_code == 0
    ok = runner.invoke(app, ["templates", "check", str(tmp_path)])
    assert ok.exit_code == 0, ok.stderr
    assert "0 error(s), 0 warning(s)" in ok.stdout

    layout = tmp_path / "brief.toml"
    text = layout.read_text(encoding="utf-8").replace('"jobs"]', '"jobs", "weather"]')
    layout.write_text(text + '\n[brand]\nprimary_colour = "navy"\n', encoding="utf-8")
    po = tmp_path / "locale" / "ar" / "LC_MESSAGES" / "messages.po"
    lines_po = po.read_text(encoding="utf-8").splitlines()
    at = lines_po.index('msgid "about {amount}"') + 1
    lines_po[at] = lines_po[at].replace("{amount}", "{amount")
    po.write_text("\n".join(lines_po) + "\n", encoding="utf-8")
    bad = runner.invoke(app, ["templates", "check", str(tmp_path)])
    assert bad.exit_code == 1
    lines = text.splitlines()
    kf_line = next(i for i, line in enumerate(lines, 1) if "weather" in line)
    assert f"{layout}:{kf_line}: section #1: section 'cover' option key_figures: unknown " in (
        bad.stderr
    )
    colour_line = len(lines) + 3
    assert f"{layout}:{colour_line}: [brand] primary_colour 'navy' is not a colour" in bad.stderr
    assert f"{po}:{at}: broken braces (expected '}}' before end of string)" in bad.stderr


def test_check_without_folder_checks_the_packaged_templates() -> None:
    result = runner.invoke(app, ["templates", "check"], env={"REPORTS_TEMPLATES": ""})
    assert result.exit_code == 0, result.stderr
    assert "5 file(s) checked: 0 error(s), 0 warning(s)" in result.stdout  # + en_GB


def test_a_partial_folder_falls_back_per_file(tmp_path: Path) -> None:
    """Only fr's catalog copied and edited: fr reads it, ar and the layout the package's."""
    fr = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    fr.parent.mkdir(parents=True)
    source = (templates_dir() / "locale" / "fr" / "LC_MESSAGES" / "messages.po").read_text(
        encoding="utf-8"
    )
    edited = source.replace('msgstr "Secteur"', 'msgstr "Filière"')
    # An entry removed from the copy keeps its packaged translation, not the English source.
    edited = "\n\n".join(c for c in edited.split("\n\n") if 'msgid "Business processes"' not in c)
    fr.write_text(edited, encoding="utf-8")
    templates = TemplateSet(tmp_path)
    assert templates.layout_path == templates_dir() / "brief.toml"
    assert templates.catalog("fr") == fr
    assert templates.catalog("ar") == templates_dir() / "locale/ar/LC_MESSAGES/messages.po"
    assert available_languages(tmp_path / "locale") == ["ar", "en", "fr"]
    translations = load_translations("fr", tmp_path / "locale")
    assert translations.gettext("Business processes") == "Processus d'entreprise"
    warnings = runner.invoke(app, ["templates", "check", str(tmp_path)])
    assert warnings.exit_code == 0
    assert "missing entry (the packaged translation is used): 'Business processes'" in (
        warnings.stderr
    )
    assert runner.invoke(app, ["templates", "check", str(tmp_path), "--strict"]).exit_code == 1


def test_env_variable_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locale").mkdir()
    monkeypatch.setenv("REPORTS_TEMPLATES", str(tmp_path))
    assert TemplateSet.resolve().folder == tmp_path.resolve()
    assert TemplateSet.resolve(tmp_path / "locale").folder == (tmp_path / "locale").resolve()
    monkeypatch.setenv("REPORTS_TEMPLATES", str(tmp_path / "missing"))
    from reports.errors import TemplateError

    with pytest.raises(TemplateError, match="template folder not found"):
        TemplateSet.resolve()


def test_installed_layout_is_found_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel puts the templates in reports/_templates: init copies from there."""
    import shutil

    package = tmp_path / "site-packages" / "reports"
    shutil.copytree(templates_dir(), package / "_templates")
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert templates_dir() == package / "_templates"
    (package / "_templates" / "brief.toml").write_text(
        (package / "_templates" / "brief.toml").read_text(encoding="utf-8") + "# installed\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["templates", "init", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "mine" / "brief.toml").read_text(encoding="utf-8").endswith("# installed\n")
