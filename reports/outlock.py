"""One batch at a time per output folder: an advisory lock on ``OUT/.reports/batch.lock``.

Two ``reports batch`` runs into the same folder would build the same briefs twice, each write
the manifest (the last one wins, listing only its own briefs), and a ``--prune`` of one would
delete what the other just built. The second run stops at once with a clear error instead. The
lock is the operating system's (a POSIX record lock, ``lockf``): it belongs to the batch process
alone (worker processes forked from it do not inherit it, unlike ``flock``'s) and goes with it,
even after ``kill -9``, so no stale lock is left to remove and the next run can start as soon as
the killed batch has ended, whatever its workers are still doing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reports.errors import OutputError
from reports.state import STATE_DIR

LOCK_NAME = "batch.lock"


@contextmanager
def output_lock(out_dir: Path, command: str) -> Iterator[None]:
    """Hold ``out_dir``'s lock for the block; :class:`OutputError` when another run holds it."""
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system: one run at a time assumed
        yield
        return
    path = Path(out_dir) / STATE_DIR / LOCK_NAME
    made = _missing_folders(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError(f"cannot use the output folder {out_dir}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(fd)
            raise OutputError(
                f"another {holder or 'reports batch'} is writing to {out_dir}: wait for it to"
                " finish, or use another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{command} (process {os.getpid()})\n".encode())
        yield
    finally:
        _tidy(path, made)  # before the lock is released: no other run is using the folder
        os.close(fd)  # releases the lock (this process's only descriptor of the file)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, innermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _tidy(lock: Path, made: list[Path]) -> None:
    """Remove the lock file and the folders made for it when the run left nothing else in them
    (it stopped before writing: invalid data, an unknown period), so that a failed batch leaves
    no folder behind, as ``reports build`` leaves none. Folders that hold anything else stay."""
    if lock.parent not in made:
        return  # the state folder was there before this run: the lock file stays in it
    try:
        if [entry.name for entry in lock.parent.iterdir()] != [lock.name]:
            return
        lock.unlink()
        for folder in made:
            folder.rmdir()  # innermost first; stops at the first that is not empty
    except OSError:
        return


def _holder(fd: int) -> str:
    """What the run holding the lock wrote in it: ``reports batch (process 123)``."""
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""
