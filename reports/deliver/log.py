"""The delivery log: a SQLite file in the output folder, one row per message sent or tried.

A brief is sent to an address at most once unless asked again (``--resend``): the same brief is
the same file (SHA-256) or the same content (the brief's input fingerprint less its publication
date, so a brief built again on another day, identical but for its date, is not sent again).
Each send is recorded as ``sending`` before the SMTP transaction and ``sent`` right after it,
committed each time, so a run that crashes resumes at the recipient it stopped on. An entry
left ``sending`` means the outcome of that message is unknown; it is sent again, under the same
Message-ID. The addresses the server accepted are kept, so a copy (``cc``) that got a message
whose recipient did not is not sent it again.
A lock file keeps two ``reports send`` runs off the same log.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from reports.errors import DeliveryError

LOG_NAME = "deliveries.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    cc TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL,
    locale TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content_key TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    accepted TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_brief ON deliveries (address, sha256, status);
"""


@dataclass(frozen=True)
class LogEntry:
    id: int
    address: str
    period: str
    locale: str
    sha256: str
    content_key: str
    message_id: str
    status: str
    attempts: int
    error: str
    started_at: str
    finished_at: str | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class DeliveryLog:
    """Open with ``with DeliveryLog(out_dir) as log:``; addresses are compared normalized."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOG_NAME
        self._lock_path = Path(folder) / f".{LOG_NAME}.lock"
        self._db: sqlite3.Connection | None = None
        self._lock_fd: int | None = None

    def __enter__(self) -> DeliveryLog:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(deliveries)")}
            for column in ("content_key", "accepted"):  # a log written before they existed
                if column not in columns:
                    self._db.execute(
                        f"ALTER TABLE deliveries ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
                    )
        except sqlite3.DatabaseError as exc:
            self._unlock()
            raise DeliveryError(f"cannot use the delivery log {self.path}: {exc}") from None
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._unlock()

    # -- lock ---------------------------------------------------------------------------------
    def _lock(self) -> None:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            import fcntl
        except ImportError:  # no advisory locks on this system: single-run use assumed
            self._lock_fd = fd
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise DeliveryError(
                f"another `reports send` is using {self.path}; wait for it to finish"
            ) from None
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the lock
            self._lock_fd = None

    # -- queries ------------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("DeliveryLog used outside its `with` block")
        return self._db

    def last_sent(self, address: str, sha256: str, content_key: str) -> LogEntry | None:
        """The latest successful delivery of this brief (same file or content) to ``address``."""
        return self._one(
            "WHERE address = ? AND status = 'sent' AND (sha256 = ? OR content_key = ?)"
            " ORDER BY id DESC LIMIT 1",
            (address, sha256, content_key or "-"),
        )

    def interrupted(self, address: str, sha256: str) -> LogEntry | None:
        """An attempt left ``sending`` by a run that stopped in the middle of it."""
        return self._one(
            "WHERE address = ? AND sha256 = ? AND status = 'sending' ORDER BY id DESC LIMIT 1",
            (address, sha256),
        )

    def delivered_copies(self, address: str, sha256: str, content_key: str) -> set[str]:
        """The envelope addresses that a finished attempt of this brief for ``address`` got
        through to (its copies, when the recipient's own address failed)."""
        rows = self.db.execute(
            "SELECT accepted FROM deliveries WHERE address = ? AND status != 'sending'"
            " AND (sha256 = ? OR content_key = ?)",
            (address, sha256, content_key or "-"),
        ).fetchall()
        return {a for (text,) in rows for a in text.split(", ") if a}

    def entries(self) -> list[LogEntry]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM deliveries ORDER BY id").fetchall()
        return [LogEntry(*row) for row in rows]

    def _one(self, where: str, values: tuple[str, ...]) -> LogEntry | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM deliveries {where}", values).fetchone()
        return LogEntry(*row) if row else None

    # -- updates ------------------------------------------------------------------------------
    def begin(
        self,
        address: str,
        cc: list[str],
        period: str,
        locale: str,
        sha256: str,
        content_key: str,
        message_id: str,
    ) -> int:
        """Record a message about to be sent; returns the entry's id."""
        cursor = self.db.execute(
            "INSERT INTO deliveries (address, cc, period, locale, sha256, content_key,"
            " message_id, status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', ?)",
            (address, ", ".join(cc), period, locale, sha256, content_key, message_id, _now()),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish(
        self,
        entry: int,
        sent: bool,
        attempts: int,
        error: str = "",
        accepted: Sequence[str] = (),
    ) -> None:
        """Record the outcome; ``accepted``: the envelope addresses the server took."""
        self.db.execute(
            "UPDATE deliveries SET status = ?, attempts = ?, error = ?, accepted = ?,"
            " finished_at = ? WHERE id = ?",
            ("sent" if sent else "failed", attempts, error, ", ".join(accepted), _now(), entry),
        )


_COLUMNS = (
    "id, address, period, locale, sha256, content_key, message_id, status, attempts, error,"
    " started_at, finished_at"
)
