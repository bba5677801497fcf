"""Input fingerprints: a brief is rebuilt exactly when something it uses has changed.

A fingerprint hashes what goes into one brief: the data rows it reads (its period, the comparison
period, the trend periods, the series known at its end; see :func:`reports.metrics.reads`), the
template, the message catalog of its language, the fonts, the package's code and the versions of
the libraries that lay it out, and the job's own settings (locale, digits, options). It uses
contents only (no absolute path, no modification time), so it is the same in every process and on
every machine with the same inputs. It is cheap: nothing heavy is imported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
import re
import stat
import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reports import __version__
from reports.dataset import Dataset, Observation
from reports.jobs import BriefJob

FORMAT = 1  # bump when the recipe changes, so every brief is rebuilt once
LIBRARIES = ("reportlab", "matplotlib", "babel", "arabic-reshaper", "python-bidi")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")  # as in reports.render.fonts
_PACKAGE = Path(__file__).resolve().parent

# Why a brief is rebuilt, by the part of its fingerprint that changed.
REASONS = {
    "job": "options changed",
    "data": "data changed",
    "template": "template changed",
    "catalog": "catalog changed",
    "fonts": "fonts changed",
    "code": "code changed",
    "libraries": "libraries changed",
}


@dataclass(frozen=True)
class Fingerprint:
    """``digest`` identifies the inputs; ``parts`` holds one digest per kind of input."""

    digest: str
    parts: dict[str, str]

    def changes_since(self, parts: dict[str, Any]) -> list[str]:
        """Human reasons for a rebuild, compared with the parts recorded at the last build."""
        return [REASONS.get(k, f"{k} changed") for k in self.parts if parts.get(k) != self.parts[k]]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _text_file(path: Path) -> str:
    """Digest of a text file, line endings normalised (a Windows checkout hashes the same)."""
    try:
        return _sha(path.read_bytes().replace(b"\r\n", b"\n"))
    except OSError:
        return "missing"


# Where a row sits in its file, not what it says: a row moved or a line inserted above it does
# not change a brief. Every other field of an observation does (and any field added later).
_LOCATION = ("file", "row")


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)  # a Period


def _row(obs: Observation) -> str:
    fields = {f.name: _plain(getattr(obs, f.name)) for f in dataclasses.fields(obs)}
    return _canonical({k: v for k, v in fields.items() if k not in _LOCATION}).decode()


def data_digest(dataset: Dataset, job: BriefJob) -> str:
    """The rows the brief reads, every field but their place in the file, and how the brief
    cites the data under Methodology (the file's name, or the name of a table given through the
    Python API)."""
    from reports.metrics import inputs_of

    rows = sorted(_row(o) for o in inputs_of(dataset, job.period))
    if job.table_name is not None:
        return _sha(_canonical({"table": job.table_name, "rows": rows}))
    return _sha(_canonical({"name": Path(dataset.origin).name, "rows": rows}))


def _regular_file_digest(path: Path) -> str:
    """Digest of a regular file's bytes, read in chunks; ``"missing"`` for anything else.

    A brand entry may name a FIFO, a device (``/dev/zero``) or a folder: the template check
    reports it, so the fingerprint, computed first, must neither block on it nor read it for
    ever. The file is opened without blocking and checked on the open descriptor.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return "missing"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "missing"
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return "missing"
    finally:
        os.close(fd)


def _brand_files(raw: dict[str, Any], folder: Path) -> dict[str, str]:
    """Digests of the files ``[brand]`` names (logo, fonts), keyed by the name as written."""
    from reports.template import FILE_KEYS

    brand = raw.get("brand")
    files: dict[str, str] = {}
    if not isinstance(brand, dict):
        return files
    for key in FILE_KEYS:
        value = brand.get(key)
        names = [value] if isinstance(value, str) else []
        if isinstance(value, dict):
            names = list(value.values())
        for name in names:
            if isinstance(name, str) and name.strip():
                files[name.strip()] = _regular_file_digest(folder / name.strip())
    return files


def template_digest(path: Path) -> str:
    """The template's sections, options and brand, with the files the brand names (logo, fonts).

    Comments and spacing in ``brief.toml`` do not count.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return _text_file(path)  # the build reports the problem
    return _sha(_canonical({"layout": raw, "files": _brand_files(raw, path.parent)}))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's Python sources (a development change rebuilds, not only a release)."""
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(source.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(path: Path) -> str | None:
    """The ``Version:`` header of a core metadata file (METADATA, PKG-INFO), if readable."""
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    break  # end of the headers
                key, _, value = line.partition(":")
                if key.strip().lower() == "version":
                    return value.strip()
    except (OSError, UnicodeDecodeError):
        return None
    return None


def installed_version(name: str) -> str:
    """The version of the installed distribution ``name``, as :func:`importlib.metadata.version`
    gives it (the first ``*.dist-info`` or ``*.egg-info`` directory on ``sys.path``, its metadata
    file's ``Version``), or ``"missing"``. Read directly: importing ``importlib.metadata`` (its
    e-mail parser) would cost a one-shot build about 15 ms. Anything unusual (a zipped egg, an
    unreadable file) is left to ``importlib.metadata``."""
    wanted = _normalized(name)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for found in names:
            stem, _, suffix = found.rpartition(".")
            if suffix not in ("dist-info", "egg-info") or _normalized(stem.split("-")[0]) != wanted:
                continue
            folder = Path(entry or ".", found)
            version = _metadata_version(
                folder / ("METADATA" if suffix == "dist-info" else "PKG-INFO")
            )
            return version if version else _library_version(name)
    return _library_version(name)


def _library_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


@lru_cache(maxsize=1)
def libraries_digest() -> str:
    return _sha(_canonical({name: installed_version(name) for name in LIBRARIES}))


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """The embedded font files (they ship with matplotlib; found without importing it)."""
    spec = importlib.util.find_spec("matplotlib")
    locations = list(spec.submodule_search_locations or []) if spec else []
    digest = hashlib.sha256()
    for name in FONT_FILES:
        for location in locations:
            path = Path(location) / "mpl-data" / "fonts" / "ttf" / name
            if path.is_file():
                digest.update(name.encode() + b"\0" + path.read_bytes())
                break
        else:
            digest.update(name.encode() + b"\0missing")
    return digest.hexdigest()


def fingerprint(job: BriefJob, dataset: Dataset, *, data: str | None = None) -> Fingerprint:
    """The fingerprint of ``job`` built from ``dataset`` (the data its ``data`` path holds);
    ``data``: :func:`data_digest` of them, if the caller has it already."""
    settings = {
        "period": str(job.period),
        "locale": job.locale,
        "digits": job.digits,
        "options": [list(pair) for pair in job.options],
    }
    parts = {
        "job": _sha(_canonical(settings)),
        "data": data_digest(dataset, job) if data is None else data,
        "template": template_digest(job.layout_path),
        "catalog": _sha(
            _canonical(list(dict.fromkeys(_text_file(p) for p in job.catalog_paths())))
        ),
        "fonts": fonts_digest(),
        "code": code_digest(),
        "libraries": libraries_digest(),
    }
    return Fingerprint(_sha(_canonical({"format": FORMAT, **parts})), parts)
