"""The embedded store: diskcache in a folder, made safe to read whatever is in it.

Three rules the stock ``diskcache.Cache`` does not keep, and this module does:

1. **Nothing is unpickled, ever.** :class:`SafeDisk` stores only ``bytes`` and ``int`` and
   refuses every other row on the way out (pickle, text, a key stored as a pickle, a file
   name that points outside the folder): such a row is *malformed*, skipped, deleted and
   counted (``optimizer:v1:stat:all:malformed``), never executed and never a crash. Keys,
   TTLs, sizes and counters are read with plain SQL, so no serializer is involved at all.
2. **Counters are never evicted before entries.** diskcache culls the oldest rows by store
   time when the folder reaches ``size_limit``; a counter that was not incremented lately
   would go first. Counters live in a second store (``<folder>/counters``) whose eviction is
   off; only entries are culled.
3. **A damaged or unwritable folder is a sentence, not a traceback.** A corrupted
   ``cache.db`` is moved aside (``cache.db.corrupt-<timestamp>``, never deleted), a new one
   is started and :meth:`DiskBackend.notices` says where the old one is; a read-only or
   forbidden folder raises :class:`~optimizer.cache.faults.BackendError` with one sentence
   (the service then runs with the cache off); a full disk fails writes softly.

>>> import tempfile
>>> store = DiskBackend(tempfile.mkdtemp())
>>> store.set("k", b"v", None); store.get("k")
b'v'
>>> store.close()
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import diskcache
from diskcache.core import MODE_BINARY, MODE_RAW

from .faults import BackendError, Fault, busy, classify_os_error, classify_sqlite_error
from .glob import glob_matcher, key_range
from .keys import NAMESPACE
from .safedisk import DBNAME, REFUSED, SafeDisk, Store, quarantine

__all__ = ["COUNTERS_DIR", "MALFORMED_KEY", "REFUSED", "DiskBackend", "SafeDisk", "quarantine"]

COUNTERS_DIR = "counters"
MALFORMED_KEY = f"{NAMESPACE}:stat:all:malformed"


class DiskBackend:
    """diskcache in a folder: SQLite underneath, safe across processes on one machine.

    Entries live in ``directory`` (culled by store time at ``size_limit``), counters in
    ``directory/counters`` (never culled). Every method raises only
    :class:`~optimizer.cache.faults.BackendError`.

    Raises:
        BackendError: at construction, when the folder cannot be created, read or written
            (kind ``permission``, ``read-only``, ``full``...).
    """

    name = "disk"

    def __init__(self, directory: Path | str, *, size_limit: int = 2**30, timeout: float = 0.5) -> None:
        self.directory = Path(directory)
        self._notices: list[str] = []
        self._lock = threading.Lock()
        self._batching = threading.local()  # a thread inside batch(): culls wait for its commit
        self.write_fault: BackendError | None = None  # the last write failure, until a write succeeds
        # 0.5 s busy timeout instead of 60: a stuck writer makes a request a miss, not a hang.
        self._entries = Store(self.directory, "least-recently-stored", size_limit, timeout, self._notices)
        self._counts = Store(self.directory / COUNTERS_DIR, "none", 0, timeout, self._notices)
        if not self._counts.existed:
            self._move_legacy_counters()
        self.sweep()
        # Once at open too: a process that writes a few answers and exits (the CLI) never
        # reaches a cull's count of writes, and the store must still keep to its limit.
        for store in (self._entries, self._counts):
            self._cull(store)

    # -- plumbing -----------------------------------------------------------------------
    @property
    def cache(self) -> diskcache.Cache:
        """The entries' diskcache.Cache (for benchmarks and tests)."""
        return self._entries.cache

    def _fail(self, exc: BaseException, store: Store, *, write: bool = False) -> BackendError:
        if isinstance(exc, BackendError):
            error = exc
        elif isinstance(exc, diskcache.Timeout):
            error = busy(self.directory)
        elif isinstance(exc, sqlite3.Error):
            error = classify_sqlite_error(exc, self.directory)
        elif isinstance(exc, OSError):
            error = classify_os_error(exc, self.directory)
        else:
            raise exc
        if error.kind is Fault.CORRUPT:
            with self._lock:
                try:
                    store.recover(self._notices)
                except BackendError as again:
                    error = again
        if write and error.kind is not Fault.BUSY:
            self.write_fault = error
        return error

    def _wrote(self) -> None:
        if self.write_fault is not None:
            self.write_fault = None

    def _count_malformed(self, n: int) -> None:
        if n:
            try:
                self._counts.cache.incr(MALFORMED_KEY, n, default=0)
            except (diskcache.Timeout, sqlite3.Error, OSError, TypeError):
                pass  # counting a bad row must not fail the read that found it

    # -- entries --------------------------------------------------------------------------
    def get(self, key: str) -> bytes | None:
        """The bytes stored at ``key``, or None (missing, expired, or malformed and now deleted)."""
        store = self._entries
        try:
            value = store.cache.get(key)
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store) from None
        if value is None or type(value) is bytes:
            return value
        self._drop_malformed(store, [key])
        return None

    def _drop_malformed(self, store: Store, keys: list[str]) -> None:
        try:
            with store.cache.transact():
                for key in keys:
                    # Plain SQL: no file is removed on a crafted row's say-so.
                    store.cache._sql("DELETE FROM Cache WHERE key = ? AND raw = 1", (key,))
        except (diskcache.Timeout, sqlite3.Error, OSError):
            pass
        self._count_malformed(len(keys))

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        """The values of ``keys``, in order, read one by one (SQLite reads are cheap and local)."""
        return [self.get(k) for k in keys]

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        """Store ``value`` at ``key`` with diskcache's expiry; raises BackendError when the folder refuses the write."""
        store = self._entries
        try:
            store.cache.set(key, value, expire=ttl)
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store, write=True) from None
        self._wrote()
        self._counted(store, len(key) + len(value))

    def _counted(self, store: Store, nbytes: int = 0) -> None:
        """Count a write to ``store`` and cull it once enough was written, unless this thread
        is inside :meth:`batch` (which culls after its commit)."""
        store.count_write(nbytes)
        if store.cull_due and not getattr(self._batching, "on", False):
            self._cull(store)

    def _cull(self, store: Store) -> None:
        """Cull ``store`` now (outside any transaction); a failure is a write fault, not an error."""
        try:
            store.cull()
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            self._fail(exc, store, write=True)  # recorded (and a damaged file recovered), not raised

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make the entry writes inside one transaction: one commit for many small writes
        (the gateway's background cache writer stores a batch of answers this way).

        Raises:
            BackendError: the store is busy or refuses writes.
        """
        store = self._entries
        self._batching.on = True
        try:
            with store.cache.transact():
                yield
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store, write=True) from None
        finally:
            self._batching.on = False
        if store.cull_due:  # the batch's writes counted: cull once they are committed
            self._cull(store)

    def touch(self, key: str, ttl: float) -> bool:
        """Renew ``key``'s expiry to ``ttl`` seconds from now; False when it does not exist."""
        store = self._entries
        try:
            return bool(store.cache.touch(key, expire=ttl))
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store, write=True) from None

    def delete(self, keys: list[str]) -> int:
        """Delete ``keys`` from entries and counters; the number of entries removed."""
        removed = 0
        for store in (self._entries, self._counts):
            try:
                with store.cache.transact():
                    n = sum(1 for k in keys if store.cache.delete(k))
            except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
                raise self._fail(exc, store, write=True) from None
            removed = removed or n
        return removed

    def exists(self, key: str) -> bool:
        """Whether ``key`` is stored and not expired."""
        store = self._entries
        try:
            return key in store.cache
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store) from None

    def ttl(self, key: str) -> float | None:
        """Seconds left before ``key`` expires; None when it never does or is missing."""
        rows = self._select(
            self._entries,
            "SELECT expire_time FROM Cache WHERE key = ? AND raw = 1 AND (expire_time IS NULL OR expire_time > ?)",
            (key, time.time()),
        )
        if not rows or rows[0][0] is None:
            return None
        return max(0.0, float(rows[0][0]) - time.time())

    def _select(self, store: Store, sql: str, args: tuple) -> list[tuple]:
        try:
            return store.cache._sql(sql, args).fetchall()
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store) from None

    def _rows(self, store: Store, pattern: str, columns: str) -> Iterator[tuple]:
        """Live rows whose key matches the glob: (key, *columns), by an index range on the key."""
        matcher = glob_matcher(pattern)
        low, high = key_range(pattern)
        where = "raw = 1 AND (expire_time IS NULL OR expire_time > ?)"
        args: tuple = (time.time(),)
        if low:
            where += " AND key >= ? AND key < ?"
            args += (low, high)
        for row in self._select(store, f"SELECT key, {columns} FROM Cache WHERE {where}", args):
            if type(row[0]) is str and matcher.match(row[0]):
                yield row

    def scan(self, pattern: str) -> Iterator[str]:
        """Keys of live entries matching the glob (``*`` and ``?``), listed at once."""
        return iter([row[0] for row in self._rows(self._entries, pattern, "mode")])

    def footprint(self, pattern: str, head: int) -> Iterator[tuple[str, int, bytes]]:
        """(key, stored size, first ``head`` bytes) of each live entry matching the glob."""
        out = []
        for key, mode, kind, size, first in self._select_footprint(pattern, head):
            if mode == MODE_RAW and kind == "blob":
                out.append((key, int(size), bytes(first)))
        return iter(out)

    def _select_footprint(self, pattern: str, head: int) -> Iterator[tuple]:
        matcher = glob_matcher(pattern)
        low, high = key_range(pattern)
        where = "raw = 1 AND (expire_time IS NULL OR expire_time > ?)"
        args: tuple = (int(head), time.time())
        if low:
            where += " AND key >= ? AND key < ?"
            args += (low, high)
        sql = f"SELECT key, mode, typeof(value), length(value), substr(value, 1, ?) FROM Cache WHERE {where}"
        for row in self._select(self._entries, sql, args):
            if type(row[0]) is str and matcher.match(row[0]):
                yield row

    # -- counters -------------------------------------------------------------------------
    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        """Add to counters in one transaction: all of these increments land, or none."""
        store = self._counts
        bad = 0
        try:
            with store.cache.transact():
                for key, delta in counts.items():
                    try:
                        value = store.cache.incr(key, int(delta), default=0)
                    except TypeError:  # a bytes or text value where a counter should be
                        value = None
                    if type(value) is not int:
                        bad += 1
                        store.cache._sql("DELETE FROM Cache WHERE key = ? AND raw = 1", (key,))
                        value = store.cache.incr(key, int(delta), default=0)
                    if ttl is not None and value == delta:
                        store.cache.touch(key, expire=ttl)  # a new counter: give it its lifetime
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store, write=True) from None
        self._count_malformed(bad)
        self._wrote()
        self._counted(store)

    def counters(self, pattern: str) -> dict[str, int]:
        """Integer counters whose key matches the glob; malformed ones are dropped and counted."""
        out: dict[str, int] = {}
        bad = []
        for key, mode, value in self._rows(self._counts, pattern, "mode, value"):
            if mode == MODE_RAW and type(value) is int:
                out[key] = value
            else:
                bad.append(key)
        if bad:
            self._drop_malformed(self._counts, bad)
            if glob_matcher(pattern).match(MALFORMED_KEY):  # this read's finds count at once
                out[MALFORMED_KEY] = out.get(MALFORMED_KEY, 0) + len(bad)
        return out

    def read_counters(self, keys: list[str]) -> list[int]:
        """The value of each counter in ``keys`` (0 when missing or malformed)."""
        now = time.time()
        out = []
        for key in keys:
            rows = self._select(
                self._counts,
                "SELECT mode, value FROM Cache WHERE key = ? AND raw = 1 AND (expire_time IS NULL OR expire_time > ?)",
                (key, now),
            )
            ok = rows and rows[0][0] == MODE_RAW and type(rows[0][1]) is int
            out.append(rows[0][1] if ok else 0)
        return out

    def is_empty(self) -> bool:
        """True when neither store holds a row (expired ones included: cheap, one row read each)."""
        for store in (self._entries, self._counts):
            if self._select(store, "SELECT 1 FROM Cache LIMIT 1", ()):
                return False
        return True

    def take_counter_items(self) -> list[tuple[str, int, float | None]]:
        """Remove and return every live counter as (key, value, seconds left or None).

        Read and delete in one transaction: two processes reconciling never both get a count.
        """
        store = self._counts
        now = time.time()
        try:
            with store.cache.transact():
                rows = store.cache._sql("SELECT rowid, key, mode, value, expire_time FROM Cache").fetchall()
                store.cache._sql(f"DELETE FROM Cache WHERE rowid IN ({','.join(str(r[0]) for r in rows)})")
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store, write=True) from None
        return [
            (k, v, None if e is None else e - now)
            for _, k, mode, v, e in rows
            if type(k) is str and mode == MODE_RAW and type(v) is int and (e is None or e > now)
        ]

    def entry_items(self) -> list[tuple[str, bytes, float | None]]:
        """Every live entry as (key, bytes, seconds left or None); see :meth:`delete_if_unchanged`."""
        now = time.time()
        rows = self._select(
            self._entries,
            "SELECT key, mode, value, expire_time FROM Cache WHERE raw = 1 AND (expire_time IS NULL OR expire_time > ?)",
            (now,),
        )
        return [
            (k, bytes(v), None if e is None else e - now)
            for k, mode, v, e in rows
            if type(k) is str and mode == MODE_RAW and type(v) is bytes
        ]

    def delete_if_unchanged(self, key: str, value: bytes) -> bool:
        """Delete the entry only if it still holds ``value`` (once copied elsewhere)."""
        store = self._entries
        try:
            with store.cache.transact():
                cursor = store.cache._sql("DELETE FROM Cache WHERE key = ? AND raw = 1 AND value = ?", (key, value))
                return cursor.rowcount > 0
        except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
            raise self._fail(exc, store, write=True) from None

    # -- upkeep ---------------------------------------------------------------------------
    def sweep(self) -> int:
        """Delete (and count) every row neither store may hold: pickled keys or values, text
        rows, wrong types. Returns how many rows went. Cheap: one indexed-free pass per store.
        """
        removed = 0
        for store, kind in ((self._entries, "blob"), (self._counts, "integer")):
            bad_value = f"(mode = {MODE_RAW} AND typeof(value) != '{kind}')"
            if kind == "blob":  # legacy value files of diskcache's own shape are still readable
                bad_value += f" OR (mode = {MODE_BINARY} AND (filename IS NULL OR filename NOT GLOB "
                bad_value += "'[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*.val'))"
                allowed = f"({MODE_RAW}, {MODE_BINARY})"
            else:
                allowed = f"({MODE_RAW})"
            where = f"raw != 1 OR typeof(key) != 'text' OR mode NOT IN {allowed} OR {bad_value}"
            try:
                with store.cache.transact():
                    n = store.cache._sql(f"DELETE FROM Cache WHERE {where}").rowcount
            except (diskcache.Timeout, sqlite3.Error, OSError) as exc:
                error = self._fail(exc, store, write=True)
                if error.kind in (Fault.BUSY, Fault.FULL, Fault.READ_ONLY):
                    continue  # another time: a busy or full store is still readable
                raise error from None
            removed += max(n, 0)
        self._count_malformed(removed)
        return removed

    def _move_legacy_counters(self) -> None:
        # Before counters had their own store they sat among the entries (as ints): move them.
        entries, counts = self._entries.cache, self._counts.cache
        try:
            rows = entries._sql(
                "SELECT key, value, expire_time FROM Cache WHERE raw = 1 AND mode = ? AND typeof(value) = 'integer'",
                (MODE_RAW,),
            ).fetchall()
            if not rows:
                return
            now = time.time()
            with counts.transact():
                for key, value, expire in rows:
                    if type(key) is str and (expire is None or expire > now):
                        counts.set(key, value, expire=None if expire is None else expire - now)
            with entries.transact():
                entries._sql("DELETE FROM Cache WHERE raw = 1 AND mode = ? AND typeof(value) = 'integer'", (MODE_RAW,))
        except (diskcache.Timeout, sqlite3.Error, OSError):
            pass  # best effort: old counts stay where they were

    def notices(self) -> list[str]:
        """Sentences the user should see: damaged files moved aside (this run or before)."""
        seen = set(self._notices)
        out = list(self._notices)
        for folder in (self.directory, self.directory / COUNTERS_DIR):
            try:
                names = sorted(p.name for p in folder.iterdir() if p.name.startswith(f"{DBNAME}.corrupt-"))
            except OSError:
                continue
            for name in names:
                if name.endswith(("-wal", "-shm")):
                    continue
                line = (
                    f"a damaged cache file was moved aside to {folder / name}; "
                    "a new one was started (delete the old one when done)"
                )
                if line not in seen:
                    out.append(line)
        return out

    def ping(self) -> None:
        """Check the store can be read (one lookup); raises BackendError when it cannot."""
        self.get(f"{NAMESPACE}:ping")

    def close(self) -> None:
        """Close both diskcache stores (entries and counters), ignoring errors on the way out."""
        for store in (self._entries, self._counts):
            try:
                store.cache.close()
            except (sqlite3.Error, OSError):
                pass
