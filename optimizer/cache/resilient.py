"""Redis with a diskcache fallback that heals.

:class:`FallbackBackend` routes by the *kind* of fault (:class:`~.faults.Fault`):

- Redis cannot answer (unreachable, wrong password): every call goes to the local disk
  store for ``retry_after`` seconds, then Redis is tried again. Health: "degraded".
- Redis answers but refuses writes (out of memory with noeviction, read-only replica):
  reads stay on Redis (no failover, so no hit/miss flapping); writes and counts go to the
  local store, and a miss on Redis also looks there. Health: "degraded", never "ok".
- Redis refuses a command family (an ACL without SCAN): that call raises, nothing moves.

What was written locally is *reconciled* once Redis accepts writes again (by whichever
process sees it first, in a background thread; :meth:`FallbackBackend.reconcile` does it
at once): invalidations queued during the outage are applied to Redis first, counters are
added to Redis's, entries are copied up unless Redis already has that key, and the local
store is emptied. Taking rows out of the local store is one transaction, so two processes
reconciling at once never add the same count twice. ``clear``/``invalidate`` act on both
stores, so a cleared answer cannot come back at the next outage.

A fallback store that could not be opened is an :class:`~.health.UnavailableBackend`.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .backends import BackendError, DiskBackend, RedisBackend
from .faults import Fault
from .health import Health, HealthStatus, UnavailableBackend
from .keys import NAMESPACE

PENDING_PREFIX = f"{NAMESPACE}:pending:forget:"  # + a glob over full keys, queued for Redis
_DIRTY_CHECK_S = 1.0


@dataclass(frozen=True)
class ReconcileReport:
    """What one reconciliation moved from the local fallback to Redis."""

    invalidations: int = 0  # queued patterns applied to Redis
    counters: int = 0  # counters added to Redis's
    entries_copied: int = 0  # entries Redis did not have
    entries_skipped: int = 0  # entries Redis already had (its copy is kept)
    errors: list[str] = field(default_factory=list)


class FallbackBackend:
    """Redis first, the local disk store when Redis cannot answer or refuses writes."""

    name = "redis"

    def __init__(self, primary: RedisBackend, fallback: DiskBackend | UnavailableBackend, retry_after: float = 5.0):
        self.primary = primary
        self.fallback = fallback
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._fault: BackendError | None = None  # why Redis is down
        self._write_fault: BackendError | None = None  # why Redis refused the last write
        self._dirty = True  # the local store may hold things for Redis (checked below)
        self._dirty_checked = 0.0
        self._reconcile_lock = threading.Lock()
        self._reconcile_tried = 0.0
        self.last_reconcile: ReconcileReport | None = None

    # -- state -----------------------------------------------------------------------------
    @property
    def primary_up(self) -> bool:
        """False while Redis is considered down (until ``retry_after`` has passed)."""
        down = self._down_since
        return down is None or time.monotonic() - down >= self.retry_after

    def _mark_down(self, exc: BackendError) -> None:
        with self._lock:
            self._down_since = time.monotonic()
            self._fault = exc

    def _mark_up(self) -> None:
        if self._down_since is not None:
            with self._lock:
                self._down_since = None
                self._fault = None
            self._reconcile_tried = 0.0  # reconcile at once after an outage
        if self._dirty:
            self._maybe_reconcile()

    def _note_local_write(self) -> None:
        self._dirty = True
        self._dirty_checked = time.monotonic()

    def _is_dirty(self) -> bool:
        """True when the local store holds anything not yet given to Redis (re-read every second)."""
        now = time.monotonic()
        if now - self._dirty_checked >= _DIRTY_CHECK_S:
            self._dirty_checked = now
            try:
                self._dirty = not self.fallback.is_empty()
            except BackendError:
                self._dirty = False  # no local store: nothing can be waiting there
        return self._dirty

    # -- routing ---------------------------------------------------------------------------
    def _primary(self, method: str, *args: Any) -> tuple[bool, Any]:
        """(True, result) from Redis, or (False, None) when Redis is down or just failed to answer."""
        if not self.primary_up:
            return False, None
        try:
            result = getattr(self.primary, method)(*args)
        except BackendError as exc:
            if exc.kind.blocks_reads:
                self._mark_down(exc)
                return False, None
            raise
        self._mark_up()
        return True, result

    def _local(self, method: str, *args: Any) -> Any:
        return getattr(self.fallback, method)(*args)

    def _write(self, method: str, *args: Any) -> Any:
        try:
            ok, result = self._primary(method, *args)
        except BackendError as exc:
            if not exc.kind.blocks_writes:
                raise
            self._write_fault = exc  # reads stay on Redis; this write is kept locally
            ok, result = False, None
        if ok:
            self._write_fault = None
            return result
        result = self._local(method, *args)
        self._note_local_write()
        return result

    def get(self, key: str) -> bytes | None:
        """The value from Redis; from the local store when Redis fails or, while unsynced local writes exist, misses."""
        ok, value = self._primary("get", key)
        if not ok:
            return self._local("get", key)
        if value is None and self._is_dirty():
            return self._local_quiet("get", key)
        return value

    def _local_quiet(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self.fallback, method)(*args)
        except BackendError:
            return None

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        """The values from Redis, completed from the local store as :meth:`get` is."""
        ok, values = self._primary("get_many", keys)
        if not ok:
            return self._local("get_many", keys)
        if self._is_dirty() and any(v is None for v in values):
            local = self._local_quiet("get_many", keys) or [None] * len(keys)
            values = [v if v is not None else w for v, w in zip(values, local, strict=False)]
        return values

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        """Write to Redis, or to the local store while Redis refuses writes (synced back later)."""
        self._write("set", key, value, ttl)

    def touch(self, key: str, ttl: float) -> bool:
        """Renew an expiry in Redis or locally; False (harmless) when neither store can write."""
        try:
            ok, result = self._primary("touch", key, ttl)
        except BackendError as exc:
            if exc.kind.blocks_writes:
                return False  # an expiry not renewed is harmless
            raise
        if ok and (result or not self._is_dirty()):
            return result
        return bool(self._local_quiet("touch", key, ttl))

    def delete(self, keys: list[str]) -> int:
        """Delete from both stores, so a locally written entry never outlives an invalidation."""
        # Both stores, always: an entry written locally must not outlive an invalidation.
        local = self._local_quiet("delete", keys) or 0
        ok, removed = self._primary("delete", keys)
        return max(local, removed or 0) if ok else local

    @contextlib.contextmanager
    def no_reconcile(self) -> Iterator[None]:
        """No reconciliation pass runs inside: a clear or an invalidation then finds each entry
        in one store or the other, never in flight from the local store to Redis (where the
        copy would land after the clear, and a cleared answer come back)."""
        held = self._reconcile_lock.acquire(timeout=30)
        try:
            yield
        finally:
            if held:
                self._reconcile_lock.release()

    def forget(self, patterns: list[str]) -> None:
        """Queue globs over full keys to delete on Redis once it answers (called while it is down)."""
        if self.primary_up:
            return
        try:
            self.fallback.incr_many({PENDING_PREFIX + p: 1 for p in patterns})
            self._note_local_write()
        except BackendError:
            pass

    def exists(self, key: str) -> bool:
        """Whether ``key`` is in Redis, or in the local store when Redis fails or local writes are pending."""
        ok, found = self._primary("exists", key)
        if not ok:
            return self._local("exists", key)
        return found or (self._is_dirty() and bool(self._local_quiet("exists", key)))

    def ttl(self, key: str) -> float | None:
        """Seconds left on ``key``, from the store that holds it."""
        ok, left = self._primary("ttl", key)
        if not ok:
            return self._local("ttl", key)
        return left if left is not None or not self._is_dirty() else self._local_quiet("ttl", key)

    def scan(self, pattern: str) -> Iterator[str]:
        """The matching keys of Redis, plus the local store's while local writes are pending."""
        ok, keys = self._primary("scan", pattern)
        if not ok:
            return self._local("scan", pattern)
        keys = list(keys)
        if self._is_dirty():
            seen = set(keys)
            keys += [k for k in self._local_quiet("scan", pattern) or () if k not in seen]
        return iter(keys)

    def footprint(self, pattern: str, head: int) -> Iterator[tuple[str, int, bytes]]:
        """(key, size, head) rows of Redis, plus the local store's while local writes are pending."""
        ok, rows = self._primary("footprint", pattern, head)
        if not ok:
            return self._local("footprint", pattern, head)
        rows = list(rows)
        if self._is_dirty():
            seen = {r[0] for r in rows}
            rows += [r for r in self._local_quiet("footprint", pattern, head) or () if r[0] not in seen]
        return iter(rows)

    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        """Add counts in Redis, or locally while Redis refuses writes (added to Redis later)."""
        self._write("incr_many", counts, ttl)

    def counters(self, pattern: str) -> dict[str, int]:
        """Counters of Redis plus the counts made locally and not yet added to Redis."""
        ok, found = self._primary("counters", pattern)
        if not ok:
            return self._local("counters", pattern)
        if self._is_dirty():  # counts made locally are part of the total until added to Redis
            for key, value in (self._local_quiet("counters", pattern) or {}).items():
                found[key] = found.get(key, 0) + value
        return found

    def read_counters(self, keys: list[str]) -> list[int]:
        """Counter values of Redis plus the local counts not yet added to Redis."""
        ok, values = self._primary("read_counters", keys)
        if not ok:
            return self._local("read_counters", keys)
        if self._is_dirty():
            local = self._local_quiet("read_counters", keys) or [0] * len(keys)
            values = [a + b for a, b in zip(values, local, strict=False)]
        return values

    def is_empty(self) -> bool:
        """Whether the local store holds nothing Redis lacks (nothing to reconcile)."""
        return not self._is_dirty()

    def ping(self) -> None:
        """Ping Redis (a failure is recorded and reported by the health, not raised)."""
        self._primary("ping")

    # -- healing ---------------------------------------------------------------------------
    def _maybe_reconcile(self) -> None:
        now = time.monotonic()
        if self._write_fault is not None or now - self._reconcile_tried < self.retry_after:
            return  # Redis refuses writes: nothing can be copied up yet
        if self._reconcile_lock.locked():
            return
        self._reconcile_tried = now
        threading.Thread(target=self.reconcile, kwargs={"wait": False}, name="cache-reconcile", daemon=True).start()

    def reconcile(self, *, wait: bool = True) -> ReconcileReport:
        """Give Redis what was written locally while it was down or refusing writes.

        Returns what moved. Never raises: a failure stops the pass, keeps what was not
        moved in the local store, and is listed in ``errors`` (the next pass retries).
        ``wait=False`` returns at once when another pass is running in this process.
        """
        if not self._reconcile_lock.acquire(blocking=wait, timeout=30 if wait else -1):
            return ReconcileReport(errors=["another reconciliation is running"])
        try:
            report = self._reconcile()
            self.last_reconcile = report
            self._dirty_checked = 0.0  # re-read emptiness on the next call
            return report
        finally:
            self._reconcile_lock.release()

    def _reconcile(self) -> ReconcileReport:
        moved = {"invalidations": 0, "counters": 0, "entries_copied": 0, "entries_skipped": 0}
        errors: list[str] = []

        def report() -> ReconcileReport:
            return ReconcileReport(**moved, errors=errors)

        try:
            counters = self.fallback.take_counter_items()
        except BackendError as exc:
            errors.append(str(exc))
            return report()
        pending = [c for c in counters if c[0].startswith(PENDING_PREFIX)]
        counts = [c for c in counters if not c[0].startswith(PENDING_PREFIX)]
        try:
            while pending:  # invalidations first: what was cleared must not be copied back
                key = pending[0][0]
                self.primary.delete(list(self.primary.scan(key[len(PENDING_PREFIX) :])))
                pending.pop(0)
                moved["invalidations"] += 1
            by_ttl: dict[float | None, dict[str, int]] = {}
            for key, value, left in counts:
                by_ttl.setdefault(None if left is None else float(round(left)), {})[key] = value
            for left, batch in by_ttl.items():
                self.primary.incr_many(batch, left)
                moved["counters"] += len(batch)
                counts = [c for c in counts if c[0] not in batch]
        except BackendError as exc:
            errors.append(str(exc))
            _put_back(self.fallback, pending + counts)
            return report()
        # Entries stay in the local store until Redis has them: a read in between still finds them.
        try:
            entries = self.fallback.entry_items()
            for key, value, left in entries:
                copied = self.primary.set_if_absent(key, value, left)
                self.fallback.delete_if_unchanged(key, value)
                moved["entries_copied" if copied else "entries_skipped"] += 1
        except BackendError as exc:
            errors.append(str(exc))
        return report()

    def health(self) -> Health:
        """Probe Redis (connect, write, read, list, count, delete) and say what works."""
        fallback_ok = not isinstance(self.fallback, UnavailableBackend) or self.fallback.available
        try:
            faults = self.primary.check()
            self._mark_up()
        except BackendError as exc:
            self._mark_down(exc)
            if not fallback_ok:
                return Health(
                    "redis",
                    "none",
                    HealthStatus.DOWN,
                    f"{exc}, and the local fallback is off too: {self.fallback.error}; generations run uncached",
                    exc.kind.value,
                )
            return Health(
                "redis",
                "disk",
                HealthStatus.DEGRADED,
                f"{exc}; answering from the local disk cache, retrying every {self.retry_after:g} s; "
                "what is stored meanwhile is copied up when Redis is back",
                exc.kind.value,
                notices=self._notices(),
            )
        if not any(f.kind.blocks_writes for f in faults):
            self._write_fault = None  # the probe's own write went through: writes work again
        if faults:
            first = faults[0]
            tail = (
                "; cached answers are still served from Redis, new answers and counts are kept in the "
                "local disk cache until Redis accepts writes again"
                if first.kind.blocks_writes
                else ""
            )
            return Health(
                "redis",
                "redis",
                HealthStatus.DEGRADED,
                "; ".join(str(f) for f in faults) + tail,
                first.kind.value,
                notices=self._notices(),
            )
        return Health("redis", "redis", HealthStatus.OK, notices=self._notices())

    def _notices(self) -> tuple[str, ...]:
        try:
            out = list(self.fallback.notices())
        except (BackendError, AttributeError):
            out = []  # no local store to say anything about
        if self._is_dirty() and self.primary_up:
            out.append("answers or counts stored locally during a Redis fault are being copied up to Redis")
        return tuple(out)

    def close(self) -> None:
        """Close Redis and the local store."""
        self.primary.close()
        self.fallback.close()


def _put_back(fallback: Any, items: list[tuple[str, int, float | None]]) -> None:
    for key, value, left in items:
        try:
            fallback.incr_many({key: value}, left)
        except BackendError:
            pass  # the local store failed too: these counts are lost, nothing else can hold them


__all__ = [
    "PENDING_PREFIX",
    "FallbackBackend",
    "Fault",
    "Health",
    "HealthStatus",
    "ReconcileReport",
    "UnavailableBackend",
]
