"""Cache statistics: atomic counters in the store, buffered per process; storage read live.

A hit must cost about one store read, but a counter increment is a write (on diskcache
a SQLite transaction, ~10x a read). So increments are added up in memory and flushed in
one atomic batch at most every second, when the buffer grows, before stats are read,
and at exit; a batch that fails stays buffered and is retried. Counters live in the
store, so they survive restarts and add up across processes and app instances (on the disk
store they sit where culling cannot reach them: see :mod:`.disk`).

Storage figures (entries, bytes stored, bytes before zlib) are not counters: they are read
from what is stored *now* (each entry's size and the raw size in its header), so they go
down after a clear, an invalidation or an expiry.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .backends import Backend, BackendError
from .faults import Fault
from .integrity import HEAD_SIZE, raw_size_of
from .keys import NAMESPACE, full, generator_of, user_key

FLUSH_EVERY_S = 1.0
FLUSH_AT = 4096  # events buffered before a flush (a second's worth at a few thousand hits a second)
SERIES_TTL = 2 * 24 * 3600.0
MICRO = 1_000_000  # dollars are counted in micro-dollars: integers add atomically

EVENTS = (
    "hit_exact",
    "hit_semantic",
    "miss",
    "set",
    "expired",
    "skipped",
    "invalidated",
    "error",  # the store failed (the request went on uncached)
    "rejected",  # an entry failed its HMAC: a miss, deleted, never served
    "malformed",  # a record of the wrong shape: skipped and deleted
)
AMOUNTS = ("saved_tokens", "saved_usd_micro", "saved_ms")


def stat_key(generator: str, name: str) -> str:
    """The counter key of one statistic of one generator (``all`` for the totals).

    >>> stat_key("formulation", "miss")
    'optimizer:v1:stat:formulation:miss'
    """
    return f"{NAMESPACE}:stat:{generator}:{name}"


def series_key(minute: int, generator: str, event: str) -> str:
    """The counter key of one event of one generator in one minute (``minute`` is unix time // 60)."""
    return f"{NAMESPACE}:ts:{minute}:{generator}:{event}"


def _add_up(events: list[tuple[str, str, Any, str | None, float]], pending: Counter[Any], series: Counter[Any]) -> None:
    """Add recorded events to the counts under tuple keys: ``(generator, event)``,
    ``(generator, amount)``, ``(hit_key,)`` and, per minute, ``(minute, generator, event)``."""
    for generator, event, amounts, hit_key, when in events:
        pending[(generator, event)] += 1
        if amounts:
            for name, value in amounts.items():
                if value:
                    pending[(generator, name)] += int(value)
        if hit_key is not None:
            pending[(hit_key,)] += 1
        series[(int(when // 60), generator, event)] += 1


class StatsRecorder:
    """Buffers cache statistics in memory and adds them to the backend in batches.

    A flush happens when the buffer is large, every second, and at exit; a flush the store
    refuses keeps its counts for the next one (``last_error`` says why).
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._lock = threading.Lock()
        # Each event as recorded (added up at flush time: a hit only appends a tuple), and the
        # counts added up already (other counters, and a flush the store refused).
        self._events: list[tuple[str, str, Any, str | None, float]] = []
        self._pending: Counter[Any] = Counter()
        self._pending_series: Counter[Any] = Counter()
        self._last_flush = time.monotonic()
        self._timer: threading.Timer | None = None
        self.last_error: BackendError | None = None  # why the last flush failed
        ref = weakref.ref(self)
        atexit.register(lambda: (r := ref()) and r.flush())

    def record(
        self, generator: str, event: str, amounts: Mapping[str, int] | None = None, hit_key: str | None = None
    ) -> None:
        """Count one ``event`` (hit_exact, miss, set...) of ``generator``, plus ``amounts`` (tokens,
        dollars, bytes saved) and the hit count of the entry ``hit_key``. Buffered: never raises.
        """
        # Only appended here: adding up (and building key strings) would cost a hit more
        # than the store read it saves; it is done once per flush, with the "all" totals.
        event_row = (generator, event, amounts, hit_key, time.time())
        with self._lock:
            events = self._events
            events.append(event_row)
            due = len(events) >= FLUSH_AT or time.monotonic() - self._last_flush >= FLUSH_EVERY_S
            if not due and self._timer is None:
                # An idle process still publishes its last events within a second.
                self._timer = threading.Timer(FLUSH_EVERY_S, self.flush)
                self._timer.daemon = True
                self._timer.start()
        if due:
            self.flush()

    def count(self, key: str, delta: int = 1) -> None:
        """Any other counter (hits of an entry, uses of a template), buffered the same way."""
        with self._lock:
            self._pending[(key,)] += delta

    def flush(self) -> bool:
        """Write buffered increments; False (and kept for later) if the store refused."""
        with self._lock:
            pending, series, events = self._pending, self._pending_series, self._events
            self._pending, self._pending_series, self._events = Counter(), Counter(), []
            self._last_flush = time.monotonic()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        _add_up(events, pending, series)
        if not pending and not series:
            return True
        try:
            if pending:
                counts: Counter[str] = Counter()
                for k, v in pending.items():
                    if len(k) == 1:
                        counts[k[0]] += v
                        continue
                    counts[stat_key(*k)] += v
                    if k[0] != "all":
                        counts[stat_key("all", k[1])] += v
                self.backend.incr_many(counts)
                pending = Counter()
            if series:
                self.backend.incr_many({series_key(*k): v for k, v in series.items()}, ttl=SERIES_TTL)
            return True
        except BackendError as exc:
            self.last_error = exc
            with self._lock:
                self._pending.update(pending)
                self._pending_series.update(series)
            return False

    def flush_all(self, attempts: int = 50) -> None:
        """Flush, retrying a busy store: used at close, where losing counts is not an option.

        A store that is off or unreachable (not merely busy) is not waited for: its counts
        could not land anyway.
        """
        for attempt in range(attempts):
            if self.flush():
                return
            if self.last_error is not None and self.last_error.kind is not Fault.BUSY:
                return
            time.sleep(min(0.05 * (attempt + 1), 0.5))


@dataclass(frozen=True)
class GeneratorStats:
    """One generator's cache figures (``"all"`` sums them).

    Events and savings are counted since the statistics were last cleared; ``entries``,
    ``bytes_stored`` and ``bytes_raw`` describe what is stored now (``bytes_raw`` is the
    size before zlib: storage compression, bytes not tokens). ``rejected`` entries failed
    their HMAC (forged, or signed with another secret); ``malformed`` records were of the
    wrong shape (on ``"all"`` also rows the store itself refused, such as pickle rows).
    """

    generator: str
    hits_exact: int = 0
    hits_semantic: int = 0
    misses: int = 0
    sets: int = 0
    expired: int = 0
    skipped: int = 0
    invalidated: int = 0
    errors: int = 0
    saved_tokens: int = 0
    saved_usd: float = 0.0
    saved_seconds: float = 0.0
    bytes_raw: int = 0
    bytes_stored: int = 0
    rejected: int = 0
    malformed: int = 0
    entries: int = 0

    @property
    def hits(self) -> int:
        """Exact plus semantic hits."""
        return self.hits_exact + self.hits_semantic

    @property
    def requests(self) -> int:
        """Lookups: hits plus misses."""
        return self.hits + self.misses

    @property
    def hit_rate(self) -> float:
        """Hits per lookup (0..1; 0 when there was none)."""
        return self.hits / self.requests if self.requests else 0.0

    @property
    def compression_saving(self) -> float:
        """Share of bytes zlib saves on what is stored now (0 when nothing is stored)."""
        return 1 - self.bytes_stored / self.bytes_raw if self.bytes_raw else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The statistics as a JSON-ready dictionary (``cache stats``, the API's ``/stats``)."""
        return {
            "generator": self.generator,
            "requests": self.requests,
            "hits": self.hits,
            "hits_exact": self.hits_exact,
            "hits_semantic": self.hits_semantic,
            "misses": self.misses,
            "hit_rate": round(self.hit_rate, 4),
            "sets": self.sets,
            "expired": self.expired,
            "skipped": self.skipped,
            "invalidated": self.invalidated,
            "errors": self.errors,
            "rejected": self.rejected,
            "malformed": self.malformed,
            "saved_tokens": self.saved_tokens,
            "saved_usd": round(self.saved_usd, 6),
            "saved_seconds": round(self.saved_seconds, 3),
            "entries": self.entries,
            "bytes_stored": self.bytes_stored,
            "bytes_raw": self.bytes_raw,
        }


@dataclass(frozen=True)
class Storage:
    """What is stored now for one generator: entries and their bytes after and before zlib."""

    entries: int = 0
    bytes_stored: int = 0
    bytes_raw: int = 0


def read_storage(backend: Backend) -> dict[str, Storage]:
    """Per generator (and "all"), from the entries stored now (one listing, headers only).

    A record whose header is not this layout counts its stored size as its raw size.
    """
    sums: dict[str, list[int]] = {}
    for key, size, head in backend.footprint(full("entry", "*"), HEAD_SIZE):
        raw = raw_size_of(head)
        for generator in (generator_of(user_key(key)), "all"):
            row = sums.setdefault(generator, [0, 0, 0])
            row[0] += 1
            row[1] += size
            row[2] += size if raw is None else raw
    return {g: Storage(*v) for g, v in sums.items()}


def read_stats(backend: Backend, storage: dict[str, Storage] | None = None) -> dict[str, GeneratorStats]:
    """Per generator (and "all"), from the store's counters and, if given, what is stored now."""
    raw: dict[str, dict[str, int]] = {}
    prefix = f"{NAMESPACE}:stat:"
    for key, value in backend.counters(prefix + "*").items():
        generator, _, name = key[len(prefix) :].rpartition(":")
        raw.setdefault(generator, {})[name] = value
    storage = storage or {}
    out = {}
    for generator in set(raw) | set(storage) | {"all"}:
        c = raw.get(generator, {})
        kept = storage.get(generator, Storage())
        out[generator] = GeneratorStats(
            generator,
            hits_exact=c.get("hit_exact", 0),
            hits_semantic=c.get("hit_semantic", 0),
            misses=c.get("miss", 0),
            sets=c.get("set", 0),
            expired=c.get("expired", 0),
            skipped=c.get("skipped", 0),
            invalidated=c.get("invalidated", 0),
            errors=c.get("error", 0),
            saved_tokens=c.get("saved_tokens", 0),
            saved_usd=c.get("saved_usd_micro", 0) / MICRO,
            saved_seconds=c.get("saved_ms", 0) / 1000,
            bytes_raw=kept.bytes_raw,
            bytes_stored=kept.bytes_stored,
            rejected=c.get("rejected", 0),
            malformed=c.get("malformed", 0),
            entries=kept.entries,
        )
    return out


@dataclass(frozen=True)
class SeriesPoint:
    """How many ``event``s one generator had in one minute."""

    minute: int  # unix time // 60
    generator: str
    event: str
    count: int


def read_series(backend: Backend, generator: str = "*") -> list[SeriesPoint]:
    """Every per-minute point stored for ``generator`` (``*``: all), oldest first; other keys are skipped."""
    prefix = f"{NAMESPACE}:ts:"
    points = []
    for key, value in backend.counters(f"{prefix}*:{generator}:*").items():
        parts = key[len(prefix) :].split(":", 2)
        if len(parts) != 3 or not parts[0].isdigit():
            continue  # not a series key of this layout: skipped, never a crash
        points.append(SeriesPoint(int(parts[0]), parts[1], parts[2], value))
    return sorted(points, key=lambda p: (p.minute, p.generator, p.event))
