"""What reports.render.rl and reports.render.mpl skip while importing reportlab and matplotlib:
nothing a brief or a user of these libraries can see (same matches, same signatures), and the
plain import when the library's version was not checked. Each check runs in a fresh interpreter,
since the skipping happens at the first import only."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, paragraph

import reports.render.mpl_3d as mpl_3d
import reports.render.rl as rl

URIS = [
    "https://example.com/a/b/c",
    "HTTP://EXAMPLE.COM/Path?q=1#frag",
    "http://192.168.0.1:8080/x/",
    "ftp://user:secret@files.example.org/pub",
    "https://[2001:db8::1]/index.html",
    "https://exämple.de/straße",
    "https://مثال.المغرب/تقرير",
    "http://localhost:8000/",
    "https://xn--mller-kva.de/",
    "http://-bad-.com/",
    "www.example.com/no/scheme",
    "not a url",
    "https://.com",
    b"https://example.com/bytes",
]


def _run(code: str, tmp_path: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout


def test_lazy_pattern_matches_as_the_compiled_one() -> None:
    """reportlab's own use of the lazily compiled pattern (splitting a URL into the pieces a
    line may break between) gives what the pattern compiled at import gave."""
    if not hasattr(paragraph, "_uri_split_pairs"):
        pytest.skip("another reportlab: its paragraph module was not read for this")
    lazy = rl.LazyPattern(paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
    compiled = re.compile(paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
    for uri in URIS:
        text = uri.decode() if isinstance(uri, bytes) else uri
        assert bool(lazy.match(text)) == bool(compiled.match(text)), uri
        expected = paragraph._uri_split_pairs(uri)
        saved = paragraph.uri_pat
        paragraph.uri_pat = compiled
        try:
            assert paragraph._uri_split_pairs(uri) == expected, uri
        finally:
            paragraph.uri_pat = saved
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags
    assert lazy.compiled() is lazy.compiled()
    assert paragraph._uri_split_pairs("https://example.com/a/b")[0] == (
        "https://example.com/a/",
        "b",
    )


def test_a_long_url_is_split_across_lines_as_before() -> None:
    """A style that asks reportlab to split URLs (``uriWasteReduce``) breaks the paragraph at
    the same places with the lazy pattern as with the compiled one."""
    style = ParagraphStyle("u", fontName="Helvetica", fontSize=10, uriWasteReduce=0.3)
    text = "See https://www.example.org/statistics/digital/services/exports/2025/H1/brief.pdf now"

    def lines() -> list[str]:
        para = Paragraph(text, style)
        para.wrap(120, 1000)
        return [" ".join(str(w) for w in line[1]) for line in para.blPara.lines]

    saved = paragraph.uri_pat
    try:
        paragraph.uri_pat = rl.LazyPattern(saved.pattern, saved.flags)
        first = lines()
        paragraph.uri_pat = re.compile(saved.pattern, saved.flags)
        assert lines() == first
    finally:
        paragraph.uri_pat = saved
    assert first[0] == "See https://" and len(first) == 3  # split inside the URL


def test_a_build_never_compiles_reportlabs_url_pattern(tmp_path: Path) -> None:
    """A whole French and Arabic build in one process: the pattern stays uncompiled (about 30 ms
    saved), and ``re.compile`` is Python's own again."""
    if reportlab.Version not in rl.CHECKED_VERSIONS:
        pytest.skip("reportlab version not checked: the pattern is compiled as usual")
    out = _run(
        "import re, sys\n"
        "_compile = re.compile\n"
        "sys.argv = ['reports', 'build', '-p', '2025-H1', '-l', 'fr,ar', '-o', 'out']\n"
        "from reports.cli import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "from reportlab.platypus import paragraph\n"
        "print(type(paragraph.uri_pat).__name__, paragraph.uri_pat._compiled is None,"
        " re.compile is _compile)\n",
        tmp_path,
    )
    assert out.splitlines()[-1].split() == ["LazyPattern", "True", "True"]
    assert (tmp_path / "out" / "2025-H1" / "brief-2025-H1-ar.pdf").exists()


def test_another_reportlab_version_is_imported_as_usual(tmp_path: Path) -> None:
    out = _run(
        "import reportlab\n"
        "reportlab.Version = '5.9.99'\n"
        "import reports.render.rl\n"
        "from reportlab.platypus import paragraph\n"
        "print(type(paragraph.uri_pat).__name__)\n",
        tmp_path,
    )
    assert out.strip() == "Pattern"


SIGNATURES = """
import inspect, json, sys
if sys.argv[1] == "reports":
    import reports
    reports.command_line = True  # as in the reports command, where the tricks apply
    import reports.render.pdf
import matplotlib.backend_bases, matplotlib.figure, matplotlib.patches, matplotlib.ticker
import matplotlib.pyplot, mpl_toolkits.mplot3d
from matplotlib.artist import Artist, ArtistInspector

def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)

print(json.dumps({
    "signatures": {f"{c.__module__}.{c.__qualname__}": str(inspect.signature(c.set))
                   for c in subclasses(Artist)},
    "restored": Artist._update_set_signature_and_docstring.__func__.__module__,
    "inspector": ArtistInspector.__name__,
}))
"""


def test_artist_set_signatures_are_matplotlibs(tmp_path: Path) -> None:
    """Every Artist class's ``set()`` signature (what Jupyter and IDEs complete) is the same
    when matplotlib is loaded through reports.render.mpl as when it is imported plainly; the
    functions swapped during the load are matplotlib's own again afterwards."""
    plain = json.loads(_run(SIGNATURES.replace("sys.argv[1]", "'plain'"), tmp_path))
    ours = json.loads(_run(SIGNATURES.replace("sys.argv[1]", "'reports'"), tmp_path))
    assert len(plain["signatures"]) > 100
    assert ours["signatures"] == plain["signatures"]
    assert "linewidth=" in ours["signatures"]["matplotlib.lines.Line2D"]
    assert ours["restored"] == "matplotlib.artist" and ours["inspector"] == "ArtistInspector"


def test_another_matplotlib_version_computes_signatures_as_usual(tmp_path: Path) -> None:
    out = _run(
        "import matplotlib, reports\n"
        "matplotlib.__version__ = '3.99.0'\n"
        "reports.command_line = True\n"
        "import reports.render.mpl as mpl\n"
        "from matplotlib.lines import Line2D\n"
        "print(mpl._signature_updater(), 'linewidth' in str(Line2D.set.__signature__))\n",
        tmp_path,
    )
    assert out.split() == ["None", "True"]


THREE_D = """
import io, json, sys, warnings
if sys.argv[1] == "reports":
    sys.argv = ["reports", "build", "-p", "2025-H1", "-l", "fr", "-o", "out"]
    from reports.cli import app
    try:
        app()
    except SystemExit as stop:
        assert not stop.code, stop.code
else:
    import matplotlib.figure
before = sorted(m for m in sys.modules if m.startswith("mpl_toolkits.mplot3d"))
import matplotlib.projections as projections
names = projections.get_projection_names()
from matplotlib.figure import Figure
figure = Figure()
axes = figure.add_subplot(projection="3d")
axes.plot([0, 1, 2], [0, 1, 0], [0, 2, 1])
png = io.BytesIO()
figure.savefig(png, format="png")
import mpl_toolkits.mplot3d
from matplotlib.projections import Axes3D
print(json.dumps({
    "before": before, "names": names, "axes": type(axes).__qualname__,
    "same": type(axes) is mpl_toolkits.mplot3d.Axes3D is Axes3D is projections.Axes3D
            is projections.get_projection_class("3d"),
    "png": png.getvalue()[:8].hex(), "after": projections.get_projection_names(),
}))
"""


def test_a_build_never_imports_the_3d_toolkit_which_still_works(tmp_path: Path) -> None:
    """``reports build`` leaves mpl_toolkits.mplot3d unimported (about 12 ms); asked for
    afterwards, the "3d" projection is the toolkit's own and draws, as with a plain import."""
    plain = json.loads(_run(THREE_D.replace("sys.argv[1]", "'plain'"), tmp_path).splitlines()[-1])
    ours = json.loads(_run(THREE_D.replace("sys.argv[1]", "'reports'"), tmp_path).splitlines()[-1])
    assert plain["before"] != []
    if matplotlib.__version__.startswith(mpl_3d.VERSIONS):  # else imported as usual
        assert ours["before"] == []
    assert ours["names"] == ours["after"] == plain["names"] and "3d" in ours["names"]
    assert ours["axes"] == plain["axes"] == "Axes3D"
    assert ours["same"] and plain["same"]
    assert ours["png"] == plain["png"] == b"\x89PNG\r\n\x1a\n".hex()


def test_a_broken_3d_toolkit_is_reported_as_matplotlib_does(tmp_path: Path) -> None:
    """The toolkit fails to import when asked for: matplotlib's warning then, and "3d" is an
    unknown projection (matplotlib warns at import, and does not register it)."""
    out = _run(
        "import sys, warnings\n"
        "import reports.render.pdf\n"
        "sys.modules['mpl_toolkits.mplot3d'] = None  # any import of it fails\n"
        "from matplotlib.figure import Figure\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    try:\n"
        "        Figure().add_subplot(projection='3d')\n"
        "    except ValueError as error:\n"
        "        print('ValueError', error)\n"
        "print([str(w.message)[:23] for w in caught])\n"
        "import matplotlib.projections as p\n"
        "print(p.get_projection_names(), hasattr(p, 'Axes3D'))\n",
        tmp_path,
    ).splitlines()
    assert out[0].startswith("ValueError") and "'3d'" in out[0]
    assert out[1] == "['Unable to import Axes3D']"
    assert out[2] == "['aitoff', 'hammer', 'lambert', 'mollweide', 'polar', 'rectilinear'] False"


def test_another_matplotlib_version_imports_the_3d_toolkit_as_usual(tmp_path: Path) -> None:
    out = _run(
        "import sys, matplotlib\n"
        "matplotlib.__version__ = '3.99.0'\n"
        "import reports.render.mpl\n"
        "print('mpl_toolkits.mplot3d' in sys.modules)\n",
        tmp_path,
    )
    assert out.strip() == "True"


GLYPHS = """
import json, sys
if sys.argv[1] == "reports":
    import reports.render.pdf
    from reports.render.deferred import is_deferred
    unrun = is_deferred(sys.modules["fontTools.agl"])
else:
    import matplotlib.text
    unrun = False
import fontTools.agl  # an import statement leaves it unrun
import matplotlib.dviread
unrun_after_import = type(sys.modules["fontTools.agl"]).__name__ != "module"
from fontTools.agl import AGL2UV, UV2AGL
print(json.dumps({
    "unrun": [unrun, unrun_after_import],
    "module": type(sys.modules["fontTools.agl"]).__name__,
    "same": sys.modules["fontTools.agl"] is fontTools.agl is matplotlib.dviread.fontTools.agl,
    "tables": [len(AGL2UV), len(UV2AGL), sorted(AGL2UV.items())[:50:7]],
    "names": [fontTools.agl.toUnicode(n) for n in ("Aacute", "uni0628", "alefarabic", "f_i")],
}, ensure_ascii=False))
"""


def test_glyph_name_tables_run_on_first_use(tmp_path: Path) -> None:
    """matplotlib imports fontTools.agl (TeX fonts' glyph names); loaded through
    reports.render.mpl it stays unrun, even through ``import fontTools.agl``, until something
    reads it: then the same tables and answers as a plain import."""
    plain = json.loads(_run(GLYPHS.replace("sys.argv[1]", "'plain'"), tmp_path))
    ours = json.loads(_run(GLYPHS.replace("sys.argv[1]", "'reports'"), tmp_path))
    assert plain["unrun"] == [False, False] and ours["unrun"] == [True, True]
    assert ours["module"] == plain["module"] == "module"
    assert ours["same"] and plain["same"]
    assert ours["tables"] == plain["tables"] and ours["tables"][0] > 500
    assert ours["names"] == plain["names"] == ["Á", "ب", "ا", "fi"]


def test_a_build_never_runs_the_glyph_name_tables(tmp_path: Path) -> None:
    out = _run(
        "import sys\n"
        "sys.argv = ['reports', 'build', '-p', '2025-H1', '-l', 'ar', '-o', 'out']\n"
        "from reports.cli import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print(type(sys.modules['fontTools.agl']).__name__)\n",
        tmp_path,
    )
    assert out.splitlines()[-1] == "_Deferred"


def test_defer_leaves_imported_or_unknown_modules_alone() -> None:
    from reports.render.deferred import defer

    assert defer("json") is False  # a top-level module: no parent to attach to
    assert defer("reports.blocks") is False  # imported already
    assert defer("reports.no_such_module") is False


def test_dir_of_a_deferred_module_runs_it(tmp_path: Path) -> None:
    out = _run(
        "import sys\n"
        "import reports.render.pdf\n"
        "from reports.render.deferred import is_deferred\n"
        "agl = sys.modules['fontTools.agl']\n"
        "print(is_deferred(agl), 'toUnicode' in dir(agl), is_deferred(agl))\n",
        tmp_path,
    )
    assert out.split() == ["True", "True", "False"]


HELP = """
import sys
import reports
reports.command_line = sys.argv[1] == "cli"
import reports.render.chart
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
listed = lambda c: any(line.strip().startswith("linewidth") for line in c.set.__doc__.splitlines())
print(*(int(listed(c)) for c in (Line2D, Rectangle)))
"""


@pytest.mark.parametrize(("mode", "listed"), [("session", "1 1"), ("cli", "0 0")])
def test_set_help_is_matplotlibs_in_a_python_session(
    mode: str, listed: str, tmp_path: Path
) -> None:
    """A Python session (the API, a notebook) keeps ``help(artist.set)`` with every property;
    only the one-shot ``reports`` command skips writing that listing."""
    out = subprocess.run(
        [sys.executable, "-c", HELP, mode], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert out.split() == listed.split()


def test_the_command_marks_itself_one_shot() -> None:
    """``reports.cli.main`` sets the flag before any command runs (the CLI's runner does not)."""
    code = (
        "import sys, reports, reports.cli as cli\n"
        "cli.app_for = lambda argv: (lambda: print(int(reports.command_line)))\n"
        "sys.argv = ['reports', '--help']\n"
        "cli.main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
