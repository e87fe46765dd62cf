"""The embedded backend: one SQLite file (WAL) in the data folder, or a private
in-memory database for the degraded mode.

One connection per store, shared by threads under a lock (SQLite serialises writers
anyway); other processes on the same file wait for its write lock (10 s). Errors are
classified by SQLite's own result code: a damaged file (``SQLITE_CORRUPT``,
``SQLITE_NOTADB``) is :class:`StoreCorrupt`, so the ledger can move it aside; a full disk,
a read-only file or folder are write failures the ledger can wait out.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..config import create_folder, private_file
from ..errors import DataDirError
from .migrations import latest_version
from .records import COLUMNS
from .store import (
    LedgerVersionError,
    Store,
    StoreCorrupt,
    StoreReadFailed,
    StoreUnavailable,
    StoreWriteFailed,
    insert_sql,
    pending_migrations,
)

# SQLite primary result codes (https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26
_REASONS = {
    _FULL: "the disk is full",
    _READONLY: "it is read-only",
    _CANTOPEN: "the file cannot be opened or created there",
    _PERM: "permission denied",
    _IOERR: "a disk I/O error",
    _BUSY: "another process held it locked for more than 10 s",
    _LOCKED: "another process held it locked for more than 10 s",
    _CORRUPT: "it is truncated or overwritten",
    _NOTADB: "it is not an SQLite database",
}
_BUSY_TIMEOUT_S = 10


def _code(exc: BaseException) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return _REASONS.get(_code(exc), str(exc))


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _wal(db: sqlite3.Connection) -> None:
    """Turn on WAL. SQLite does not wait for a busy lock on a journal-mode change (another
    process or thread opening the same new file at that moment gets "database is locked" at
    once), so the change is tried again for up to the busy timeout."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SQLiteStore(Store):
    """Runs in an SQLite file (``path``), or in memory when ``path`` is None.

    Opening creates the folder and the file, turns on WAL, applies the missing migrations
    and checks that the file can be written. Raises StoreUnavailable (folder or file not
    writable), StoreCorrupt (damaged file) or LedgerVersionError (newer schema).
    """

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.kind = "sqlite" if self.path else "memory"
        self.location = str(self.path) if self.path else "memory (this process only)"
        self.read_only = read_only
        self._lock = threading.RLock()
        if read_only:
            self._open_read_only()
            return
        if self.path is not None:
            try:
                create_folder(self.path.parent)
            except DataDirError as exc:
                raise StoreUnavailable(str(exc)) from None
        if self.path is not None:
            private_file(self.path)  # every analyst's requests and answers: 0600
        self.identity = _file_identity(self.path) if self.path else None
        try:
            db = sqlite3.connect(
                str(self.path) if self.path else ":memory:",
                timeout=_BUSY_TIMEOUT_S,
                isolation_level=None,  # autocommit; transactions are explicit
                check_same_thread=False,  # shared by threads under self._lock
            )
        except sqlite3.Error as exc:
            raise self._error(exc, "open") from None
        try:
            db.row_factory = sqlite3.Row
            if self.path is not None:
                _wal(db)
                # WAL + NORMAL: a commit survives the process crashing (not a power cut) and
                # costs no fsync, so record() stays one cheap INSERT.
                db.execute("PRAGMA synchronous=NORMAL")
            self.schema_version = self._migrate(db)
            if self.path is not None:
                # A read-only file or folder opens fine and fails at the first write: find out now.
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
                self.identity = _file_identity(self.path)
        except sqlite3.Error as exc:
            db.close()
            raise self._error(exc, "open") from None
        except BaseException:
            db.close()
            raise
        self._db = db

    def _open_read_only(self) -> None:
        # ``immutable=1``: SQLite reads the file as it is, creating no -wal/-shm beside it,
        # which is the only way to read a WAL database in a folder that cannot be written.
        assert self.path is not None
        if not self.path.is_file():
            raise StoreUnavailable(f"there is no ledger at {self.path}")
        try:
            db = sqlite3.connect(
                self.path.resolve().as_uri() + "?immutable=1", uri=True, isolation_level=None, check_same_thread=False
            )
            db.row_factory = sqlite3.Row
            found, latest = db.execute("PRAGMA user_version").fetchone()[0], latest_version()
        except sqlite3.Error as exc:
            raise self._error(exc, "open") from None
        try:
            pending = pending_migrations("sqlite", self.location, found)
        except LedgerVersionError:
            db.close()
            raise
        if pending:
            db.close()
            raise StoreUnavailable(
                f"the ledger at {self.location} has schema version {found} and is upgraded to {latest} "
                "the next time its folder can be written"
            )
        self.identity = _file_identity(self.path)
        self.schema_version = found
        self.location = f"{self.path} (read-only)"
        self._db = db

    # -- migrations -----------------------------------------------------------------------
    def _migrate(self, db: sqlite3.Connection) -> int:
        latest = latest_version()
        current = db.execute("PRAGMA user_version").fetchone()[0]
        if not pending_migrations("sqlite", self.location, current):
            return current
        db.execute("BEGIN IMMEDIATE")  # the write lock: a second process waits, then finds it done
        try:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            for step in pending_migrations("sqlite", self.location, current):
                for statement in step.statements:
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {latest:d}")  # transactional in SQLite
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return latest

    # -- errors -----------------------------------------------------------------------------
    def _error(self, exc: BaseException, during: str) -> Exception:
        code = _code(exc)
        if code in (_CORRUPT, _NOTADB):
            damaged = StoreCorrupt(_reason(exc))
            damaged.identity = self.identity  # which file was found damaged (see move_aside)
            return damaged
        reason = _reason(exc)
        if self.path is not None and code in (_CANTOPEN, _READONLY, _PERM) and not os.access(self.path.parent, os.W_OK):
            reason = "the folder is read-only"
        if during == "open":
            return StoreUnavailable(f"cannot write the ledger at {self.location} ({reason})")
        if during == "write":
            return StoreWriteFailed(f"could not write to the ledger at {self.location} ({reason})")
        return StoreReadFailed(f"could not read the ledger at {self.location} ({reason})")

    # -- Store --------------------------------------------------------------------------
    def insert(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert ``rows`` in one transaction; returns their ids in order.

        :raises StoreWriteFailed: the store is read-only, or the disk refused the write.
        :raises StoreCorrupt: the file is damaged.
        """
        if self.read_only:
            raise StoreWriteFailed(f"the ledger at {self.location} is open for reading only")
        sql = insert_sql("?")
        with self._lock:
            db = self._db
            try:
                if len(rows) == 1:
                    return [int(db.execute(sql, [rows[0][c] for c in COLUMNS]).lastrowid)]
                db.execute("BEGIN IMMEDIATE")
                ids = [int(db.execute(sql, [row[c] for c in COLUMNS]).lastrowid) for row in rows]
                db.execute("COMMIT")
                return ids
            except sqlite3.Error as exc:
                if db.in_transaction:
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise self._error(exc, "write") from None

    def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dictionaries.

        :raises StoreReadFailed: or :class:`StoreCorrupt` when the file cannot be read.
        """
        with self._lock:
            try:
                return [dict(row) for row in self._db.execute(sql, list(args))]
            except sqlite3.Error as exc:
                raise self._error(exc, "read") from None

    def set_max_pages(self, pages: int) -> None:
        """Cap the file at ``pages`` pages (``PRAGMA max_page_count``): a write past it
        fails with SQLITE_FULL exactly as on a full disk. For fault tests."""
        with self._lock:
            self._db.execute(f"PRAGMA max_page_count = {int(pages):d}")

    def still_same_file(self) -> bool:
        """True while ``path`` names the file this store opened (another process may have
        moved a damaged one aside and started a new one)."""
        return self.path is not None and _file_identity(self.path) == self.identity

    def close(self) -> None:
        """Close the database (idempotent)."""
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:
                pass


def move_aside(path: Path, identity: tuple[int, int] | None = None) -> Path | None:
    """Rename a damaged ledger file (and its ``-wal``/``-shm`` companions) to
    ``<name>.corrupt-<UTC timestamp>``; never deletes anything.

    With ``identity`` (``(st_dev, st_ino)`` of the file found damaged) nothing is moved
    when ``path`` now names another file: another process already moved it aside.
    Returns the new path, or None when there was nothing to move. Raises OSError when
    the rename fails (a read-only folder).
    """
    if identity is not None and _file_identity(path) != identity:
        return None
    if not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target
