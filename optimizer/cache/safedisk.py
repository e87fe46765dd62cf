"""diskcache made safe to open and to read: :class:`SafeDisk`, opening, quarantine.

Used by :mod:`.disk`. ``SafeDisk`` stores only bytes and ints and never unpickles; a
``cache.db`` that SQLite finds damaged is moved aside (``cache.db.corrupt-<timestamp>``,
with its -wal/-shm) and a new one started; Settings rows diskcache does not know are
dropped before it reads them (it would turn ``sqlite_*`` rows into PRAGMAs).
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import diskcache
from diskcache.core import DEFAULT_SETTINGS, METADATA, MODE_BINARY, MODE_RAW, UNKNOWN

from ..config import private_file, private_folder
from .faults import Fault, busy, classify_os_error, classify_sqlite_error

DBNAME = "cache.db"
_QUICK_CHECK_MAX = 64 * 2**20  # a full quick_check at open only for files up to 64 MB
_INT64 = (-(2**63), 2**63 - 1)
# diskcache names value files xx/yy/<28 hex>.val; anything else in that column is refused
# (a crafted row must not make the cache read or delete a file outside its folder).
_SAFE_FILE = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{28}\.val")
_KNOWN_SETTINGS = frozenset(DEFAULT_SETTINGS) | frozenset(METADATA)


class _Refused:
    """What :class:`SafeDisk` returns for a row it will not decode."""

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = _Refused()


class SafeDisk(diskcache.Disk):
    """A ``diskcache.Disk`` that stores and returns only ``bytes`` and ``int``.

    ``fetch`` returns :data:`REFUSED` for a pickle (mode 4) or text (mode 3) row, for a raw
    value of another type and for a file name that is not diskcache's own shape; ``get``
    returns :data:`REFUSED` for a key stored as a pickle. Nothing here calls ``pickle``.
    """

    def __init__(self, directory: str, min_file_size: int = 0, pickle_protocol: int = 0, **_ignored: object) -> None:
        # Unknown ``disk_*`` rows in a crafted Settings table must not break the open.
        super().__init__(directory, min_file_size=min_file_size, pickle_protocol=0)

    def put(self, key: object) -> tuple[object, bool]:
        """Keys are stored as plain text: a key that is not ``str`` is refused (TypeError), never pickled."""
        if type(key) is str:
            return key, True
        raise TypeError(f"cache keys are str, not {type(key).__name__}")

    def get(self, key: object, raw: bool) -> object:
        """The key as read back; a key stored any other way (a pickle) is refused, never unpickled."""
        return key if raw and type(key) is str else REFUSED

    def store(self, value: object, read: bool, key: object = UNKNOWN) -> tuple[int, int, None, object]:
        """Values are stored inline as bytes or 64-bit ints; anything else is refused (TypeError), never pickled."""
        if type(value) is bytes:
            return 0, MODE_RAW, None, sqlite3.Binary(value)  # inline: one row, one transaction
        if type(value) is int and _INT64[0] <= value <= _INT64[1]:
            return 0, MODE_RAW, None, value
        raise TypeError(f"the cache stores bytes and int only, not {type(value).__name__}")

    def fetch(self, mode: int, filename: str | None, value: object, read: bool) -> object:
        """The value as stored (bytes or int), or the file of an old large value; a pickled row reads as refused."""
        if mode == MODE_RAW and type(value) in (bytes, int):
            return value
        if mode == MODE_BINARY and not read and filename and _SAFE_FILE.fullmatch(filename):
            with open(os.path.join(self._directory, filename), "rb") as reader:  # OSError: a miss
                return reader.read()
        return REFUSED

    def remove(self, file_path: str) -> None:
        """Remove a value file, only when its name is one diskcache would have made (no path from a row)."""
        if file_path and _SAFE_FILE.fullmatch(file_path):
            super().remove(file_path)


def _settings(eviction: str, size_limit: int) -> dict[str, object]:
    # Every setting given explicitly: values read from a tampered Settings table never apply.
    out = dict(DEFAULT_SETTINGS)
    # cull_limit 0: diskcache would otherwise look for expired rows and measure the file on
    # every write (40% of a write's cost); :meth:`Store.cull` runs every so often instead.
    out.update(
        eviction_policy=eviction,
        size_limit=size_limit,
        cull_limit=0,
        disk_min_file_size=2**62,
        disk_pickle_protocol=0,
    )
    return out


# A store is culled (expired rows removed, then the oldest past its size limit) after this many
# writes or after 1% of its size limit was written: it never grows past the limit by more.
CULL_EVERY = 1000
CULL_SHARE = 100


class Store:
    """One diskcache.Cache plus what is needed to recover it (folder, inode, settings)."""

    def __init__(self, folder: Path, eviction: str, size_limit: int, timeout: float, notices: list[str]) -> None:
        self.folder = folder
        self.settings = _settings(eviction, size_limit)
        self.timeout = timeout
        self._writes = 0
        self._written = 0
        self._cull_bytes = max(size_limit // CULL_SHARE, 1) if eviction != "none" else None
        try:
            self.existed = (folder / DBNAME).exists()
        except OSError as exc:  # a folder we may not even look into
            raise classify_os_error(exc, folder) from None
        self.cache = self._open(notices)

    def _open(self, notices: list[str]) -> diskcache.Cache:
        try:
            private_folder(self.folder)  # every cached answer: 0700, and cache.db 0600 below
        except OSError as exc:
            raise classify_os_error(exc, self.folder) from None
        db = self.folder / DBNAME
        try:
            if db.exists() and not _looks_sound(db):
                notices.append(quarantine(db))
        except OSError as exc:
            raise classify_os_error(exc, self.folder) from None
        for attempt in (1, 2):
            try:
                private_file(db)
                _drop_unknown_settings(db)
                cache = diskcache.Cache(str(self.folder), timeout=self.timeout, disk=SafeDisk, **self.settings)
                self.inode = _inode(db)
                return cache
            except sqlite3.DatabaseError as exc:
                error = classify_sqlite_error(exc, self.folder)
                if error.kind is Fault.CORRUPT and attempt == 1:
                    notices.append(quarantine(db))
                    continue
                raise error from None
            except diskcache.Timeout:
                raise busy(self.folder) from None
            except OSError as exc:
                raise classify_os_error(exc, self.folder) from None
        raise AssertionError("unreachable")

    def count_write(self, nbytes: int = 0) -> None:
        """Count one write of ``nbytes`` towards the next cull (see :attr:`cull_due`)."""
        self._writes += 1
        self._written += nbytes

    @property
    def cull_due(self) -> bool:
        """Whether enough was written since the last cull that :meth:`cull` should run
        (outside any transaction: see there)."""
        return self._writes >= CULL_EVERY or (self._cull_bytes is not None and self._written >= self._cull_bytes)

    def cull(self) -> None:
        """Remove expired rows, then the oldest past the size limit. Never call it inside a
        transaction: SQLite frees no page before the commit, so diskcache would go on
        deleting until the store is empty. A busy store is culled at a later write.

        Raises what diskcache raises but a busy store (the caller maps it to a BackendError).
        """
        try:
            self.cache.cull()
        except diskcache.Timeout:
            return
        self._writes = self._written = 0

    def recover(self, notices: list[str]) -> None:
        """The open file was found damaged: move it aside (unless another process did) and reopen."""
        db = self.folder / DBNAME
        self.cache.close()
        if _inode(db) == self.inode and not _looks_sound(db, full=True):
            notices.append(quarantine(db))
        self.cache = self._open(notices)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _looks_sound(db: Path, *, full: bool = False) -> bool:
    """False when SQLite says the file is not a database or is damaged."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return True  # cannot even open it read-only: the open itself will say why
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchall()
        if full or db.stat().st_size <= _QUICK_CHECK_MAX:
            rows = con.execute("PRAGMA quick_check(1)").fetchall()
            return rows == [("ok",)]
        return True
    except sqlite3.DatabaseError as exc:
        return classify_sqlite_error(exc, db.parent).kind is not Fault.CORRUPT
    finally:
        con.close()


def _drop_unknown_settings(db: Path) -> None:
    # diskcache turns every ``sqlite_*`` Settings row into a PRAGMA and every ``disk_*`` row
    # into a Disk attribute: rows it does not know are removed before it reads them.
    if not db.exists():
        return
    con = sqlite3.connect(str(db), timeout=0.5)
    try:
        names = [row[0] for row in con.execute("SELECT key FROM Settings").fetchall()]
        unknown = [n for n in names if n not in _KNOWN_SETTINGS]
        if unknown:
            con.executemany("DELETE FROM Settings WHERE key = ?", [(n,) for n in unknown])
            con.commit()
    except sqlite3.OperationalError:
        pass  # no Settings table yet (a new file), or busy: diskcache's own open will say
    finally:
        con.close()


def quarantine(db: Path) -> str:
    """Move a damaged ``cache.db`` (and its -wal/-shm) aside; return the sentence that says where."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = db.with_name(f"{db.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = db.with_name(db.name + suffix)
        if source.exists():
            try:
                os.replace(source, target.with_name(target.name + suffix))
            except OSError as exc:
                raise classify_os_error(exc, db.parent) from None
    return f"a damaged cache file was moved aside to {target}; a new one was started (delete the old one when done)"
