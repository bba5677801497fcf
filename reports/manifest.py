"""``OUT/manifest.json``: what a batch produced, one entry per brief, in a deterministic order.

Paths are relative to the folder holding the manifest (``2025-H1/brief-2025-H1-fr.pdf``), so a
manifest stays true when the folder is moved, archived or uploaded as a CI artifact. Shard
manifests (``reports batch --shard K/N``) are joined with :func:`merge`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

from reports import __version__
from reports.errors import OutputError, ReportsError
from reports.jobs import BriefResult
from reports.period import Period

FILENAME = "manifest.json"
FORMAT = 1
Entry = dict[str, Any]


def entry(result: BriefResult, out_dir: Path) -> Entry:
    """The manifest entry of one brief (``error`` only when it failed)."""
    job = result.job
    item: Entry = {
        "period": str(job.period),
        "locale": job.locale,
        "digits": job.digits,
        "path": job.relpath.as_posix(),
        "status": result.status,
        "sha256": result.sha256,
        "size": result.size,
        "pages": result.pages,
        "fingerprint": result.fingerprint,
        "seconds": round(result.seconds, 3),
    }
    if result.error:
        item["error"] = result.error
    return item


def _key(item: Entry) -> tuple[Any, ...]:
    return (Period.parse(item["period"]).sort_key(), item["locale"], item["digits"])


def document(entries: Iterable[Entry], shard: tuple[int, int] | None = None) -> dict[str, Any]:
    """The manifest as written: entries sorted by period (chronological), locale and digits."""
    doc: dict[str, Any] = {"format": FORMAT, "generator": f"reports {__version__}"}
    if shard is not None:
        doc["shard"] = f"{shard[0]}/{shard[1]}"
    items = sorted(entries, key=_key)
    doc["counts"] = {
        status: sum(1 for i in items if i["status"] == status)
        for status in ("built", "skipped", "failed")
    }
    doc["briefs"] = items
    return doc


def dumps(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write(
    results: Iterable[BriefResult], out_dir: Path, shard: tuple[int, int] | None = None
) -> Path:
    """Write ``OUT/manifest.json`` atomically; returns its path."""
    from reports.pipeline import write_atomic

    path = out_dir / FILENAME
    write_atomic(path, dumps(document((entry(r, out_dir) for r in results), shard)))
    return path


def discard(out_dir: Path) -> None:
    """Remove the manifest of an earlier run, as a batch starts: a run that stops before its end
    (invalid data, interrupted, killed) leaves no manifest, rather than one that describes an
    earlier run as if it were this one (a CI cache restores it; a merge would publish it)."""
    path = out_dir / FILENAME
    try:
        path.unlink(missing_ok=True)
    except IsADirectoryError:
        return  # not ours: writing the manifest reports it
    except OSError as exc:
        raise OutputError(f"cannot remove the earlier manifest {path}: {exc.strerror}") from exc


_REQUIRED = ("period", "locale", "digits", "path", "status")
_TEXT = (*_REQUIRED, "sha256", "fingerprint")  # when present
_LISTED = 10  # shards named in the warning about those not given


def read(path: Path) -> dict[str, Any]:
    """A manifest, checked enough to merge it; ``ReportsError`` naming the file otherwise."""
    from reports.batch import parse_shard

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReportsError(f"manifest not found: {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportsError(f"{path}: not a readable manifest ({exc})") from exc
    except RecursionError:
        raise ReportsError(f"{path}: not a readable manifest (nested too deeply)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("briefs"), list):
        raise ReportsError(f"{path}: not a reports manifest (no list of briefs)")
    if doc.get("format") != FORMAT:
        raise ReportsError(f"{path}: manifest format {doc.get('format')!r}, expected {FORMAT}")
    if doc.get("shard") is not None:
        try:
            parse_shard(doc["shard"] if isinstance(doc["shard"], str) else repr(doc["shard"]))
        except ReportsError as exc:
            raise ReportsError(f"{path}: {exc}") from None
    for i, item in enumerate(doc["briefs"], start=1):
        missing = [k for k in _REQUIRED if not isinstance(item, dict) or k not in item]
        if missing:
            raise ReportsError(f"{path}: brief #{i} lacks {', '.join(missing)}")
        wrong = [k for k in _TEXT if k in item and not isinstance(item[k], str)]
        if wrong:
            raise ReportsError(f"{path}: brief #{i}: {', '.join(wrong)} must be text")
        try:
            Period.parse(item["period"])
        except ReportsError as exc:
            raise ReportsError(f"{path}: brief #{i}: {exc}") from exc
    return doc


def merge(paths: list[Path]) -> tuple[dict[str, Any], list[str]]:
    """Join shard manifests into one; returns it and warnings (e.g. a shard not given).

    The same brief in two manifests must be the same file (path and SHA-256), else it is an
    error: two shards overlapped and disagree.
    """
    from reports.batch import parse_shard

    seen: dict[tuple[str, str, str], tuple[Entry, Path]] = {}
    shards: dict[int, set[int]] = {}
    for path in paths:
        doc = read(path)
        if doc.get("shard") is not None:
            k, n = parse_shard(doc["shard"])  # checked by read()
            shards.setdefault(n, set()).add(k)
        for item in doc["briefs"]:
            key = (item["period"], item["locale"], item["digits"])
            if key in seen:
                prior, where = seen[key]
                same = (prior["path"], prior.get("sha256")) == (item["path"], item.get("sha256"))
                if not same:
                    raise ReportsError(
                        f"brief {key[0]} {key[1]} ({key[2]} digits) differs between {where} "
                        f"and {path}: the shards overlap and disagree"
                    )
                continue
            seen[key] = (item, path)
    warnings = []
    if len(shards) > 1:
        warnings.append(f"manifests come from different shard counts: {sorted(shards)}")
    for n, ks in sorted(shards.items()):
        missing = n - len(ks)
        if missing:  # listed from 1 up, without counting to N (a shard count may be huge)
            first = list(islice((k for k in range(1, n + 1) if k not in ks), _LISTED))
            more = f" and {missing - len(first):,} more" if missing > len(first) else ""
            listed = ", ".join(f"{k}/{n}" for k in first)
            warnings.append(f"shard(s) {listed}{more} not given")
    return document(item for item, _ in seen.values()), warnings
