"""CacheService: exact and guarded semantic hits, strategies, adaptive TTL, stats, management.

The service never raises on a cache problem during a request: a store that errors makes
the request a miss (and counts an error), so a generation always goes through. Management
calls (stats, keys, invalidate, clear) raise :class:`BackendError`, an OptimizerError whose
message is one sentence.

Entries are JSON (zlib-compressed) in a signed record (:mod:`.integrity`): with a team
secret, an entry that fails its HMAC is a miss, counted as ``rejected`` and deleted; a
record of the wrong shape (truncated, a JSON list, wrong field types) is ``malformed``:
skipped, counted, deleted. Nothing is unpickled.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import data_dir
from ..errors import ConfigError, OptimizerError
from . import keys as K
from .backends import Backend, BackendError, DiskBackend, RedisBackend
from .entry import CachedAnswer, MalformedEntry
from .faults import classify_os_error
from .guard import surface_similarity
from .index import SemanticIndex, guard_text
from .integrity import RecordStatus, Signer, seal, signer_from
from .keys import CacheRequest
from .policy import SEEN_WINDOW, CachePolicy, Strategy
from .resilient import FallbackBackend, Health, HealthStatus, UnavailableBackend
from .stats import MICRO, GeneratorStats, SeriesPoint, StatsRecorder, read_series, read_stats, read_storage

REDIS_URL_ENV = "REDIS_URL"
BACKEND_ENV = "OPTIMIZER_CACHE_BACKEND"
_META_GRACE = 24 * 3600.0  # how long after expiry a miss is still recognised as "expired"
_DECODED_MEMO = 256
_STALE_MIN = 30 * 24 * 3600.0
_TTL_STEPS = frozenset({1, 2, 4, 8, 16, 32})  # hit counts at which an entry's TTL is renewed
_COUNTER_KINDS = frozenset({"hits", "seen", "use", "stat", "ts"})  # integers, kept apart from entries
_TTL_MAX_HITS = 1_000_000  # policy.ttl(..., hits) at its cap: the longest an entry can live


@dataclass(frozen=True)
class CacheHit:
    """A stored answer served for a request: exact (same key) or semantic (proved the same by the guard)."""

    answer: CachedAnswer
    kind: str  # "exact" or "semantic"
    key: str
    similarity: float
    lookup_ms: float

    @property
    def payload(self) -> Any:
        """The stored answer's payload (``{"text": ...}`` and its figures)."""
        return self.answer.payload

    @property
    def age_s(self) -> float:
        """Seconds since the answer was stored (0 for a clock that went back)."""
        return max(0.0, time.time() - self.answer.created)


@dataclass(frozen=True)
class KeyInfo:
    """One stored entry as ``cache keys`` lists it: key, generator, size, TTL left, hits."""

    key: str
    generator: str
    size_bytes: int
    ttl_left_s: float | None
    hits: int


class CacheService:
    """The cache the pipeline, the pages, the CLI and the gateway use.

    ``signer`` (from the team secret, see :func:`~.integrity.signer_from`) signs every
    entry written and rejects every entry read that it did not sign.

    >>> import tempfile
    >>> service = CacheService(DiskBackend(tempfile.mkdtemp()))
    >>> service.put(CacheRequest("formulation", "gpt-4o", "a serum"), {"text": "..."})
    True
    >>> service.get(CacheRequest("formulation", "gpt-4o", "A  serum")).kind
    'exact'
    >>> service.close()
    """

    def __init__(self, backend: Backend, policy: CachePolicy | None = None, *, signer: Signer | None = None) -> None:
        self.backend = backend
        self.policy = policy or CachePolicy()
        self.signer = signer
        self.recorder = StatsRecorder(backend)
        self.index = SemanticIndex(backend, signer=signer)
        self._local_hits: dict[str, int] = {}
        # Decoded answers by full key, with the exact bytes they came from: a repeat hit still
        # reads the store (so an invalidation or expiry is seen at once) but skips verifying,
        # decompressing and parsing bytes it has already seen under that key.
        self._decoded: dict[str, tuple[bytes, CachedAnswer]] = {}
        # One service serves every session of a Streamlit server: guard the two dicts.
        self._memo_lock = threading.Lock()

    # -- construction ----------------------------------------------------------------
    @classmethod
    def from_config(
        cls,
        backend: str | None = None,
        redis_url: str | None = None,
        strategy: str | Strategy = Strategy.BALANCED,
        folder: Path | None = None,
        *,
        team_secret: str | None = None,
    ) -> CacheService:
        """The service as configured.

        ``backend`` "disk" or "redis" (default: redis when REDIS_URL is set, else disk);
        ``team_secret`` signs entries (default: ``$OPTIMIZER_TEAM_SECRET``; the studio
        passes its secrets.toml value). A cache folder that cannot be opened (read-only,
        no permission, full) does not raise: the service runs with the cache off and
        ``health()`` says why.

        Raises:
            ConfigError: an unknown backend, redis without a URL, a team secret too short.
            BackendError: a Redis URL that is not one.
        """
        redis_url = redis_url or os.environ.get(REDIS_URL_ENV) or None
        backend = backend or os.environ.get(BACKEND_ENV) or ("redis" if redis_url else "disk")
        policy = CachePolicy(Strategy.parse(strategy))
        signer = signer_from(team_secret)
        if backend not in ("disk", "redis"):
            raise ConfigError(f"unknown cache backend '{backend}'; use disk or redis")
        if backend == "redis" and not redis_url:
            raise ConfigError(
                "the redis backend needs a URL: set REDIS_URL or pass --redis-url (e.g. redis://127.0.0.1:6379/0)"
            )
        if backend == "disk":
            return cls(_open_disk(folder, ""), policy, signer=signer)
        return cls(FallbackBackend(RedisBackend(redis_url), _open_disk(folder, "-fallback")), policy, signer=signer)

    # -- the request path ------------------------------------------------------------
    def get(self, request: CacheRequest) -> CacheHit | None:
        """The stored answer for ``request``: exact first, then (if the strategy allows) semantic.

        Records one of hit_exact, hit_semantic or miss per call. A store error is a miss: the
        caller generates, and the error shows in the health.

        :returns: the hit, or None (see the class example).
        """
        started = time.perf_counter()
        key = request.key
        # Every lookup records exactly one of hit_exact, hit_semantic or miss (a store
        # error is a miss too: the caller generates), so requests = hits + misses.
        try:
            blob = self.backend.get(K.full("entry", key))
        except BackendError:
            self.recorder.record(request.generator, "error")
            self.recorder.record(request.generator, "miss")
            return None
        if blob is not None:
            answer = self._decode(key, blob, request.generator)
            if answer is not None:
                return self._hit(answer, "exact", key, 1.0, started)
        try:
            if blob is None and self.backend.exists(K.full("meta", key)):  # not after a rejected entry
                self.recorder.record(request.generator, "expired")
            if self.policy.settings.semantic:
                hit = self._semantic(request, started)
                if hit is not None:
                    return hit
        except BackendError:
            self.recorder.record(request.generator, "error")
        self.recorder.record(request.generator, "miss")
        return None

    def put(
        self,
        request: CacheRequest,
        payload: Any,
        *,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cost_usd: float = 0.0,
        latency_ms: float = 0.0,
    ) -> bool:
        """Store an answer; False when the strategy declines it or the store failed."""
        key = request.key
        settings = self.policy.settings
        try:
            if settings.seen_before_caching > 1:
                seen_key = K.full("seen", key)
                self.backend.incr_many({seen_key: 1}, ttl=SEEN_WINDOW)
                seen = self.backend.read_counters([seen_key])[0]
                if seen < settings.seen_before_caching:
                    self.recorder.record(request.generator, "skipped")
                    return False
            answer = CachedAnswer(
                payload,
                request.generator,
                request.model,
                request.prompt,
                time.time(),
                input_tokens,
                output_tokens,
                cost_usd,
                latency_ms,
                request.template_id,
            )
            body, raw_size = answer.to_body()
            ttl = self.policy.ttl(request.generator)
            self.backend.set(K.full("entry", key), self._seal(K.full("entry", key), body, raw_size), ttl)
            self.backend.set(K.full("meta", key), b"1", ttl + _META_GRACE)
            # A stale copy outlives the entry: served (and marked) only when the provider is down.
            stale_key = K.full("stale", key)
            self.backend.set(stale_key, self._seal(stale_key, body, raw_size), max(ttl * 4, _STALE_MIN))
            # Indexed under every strategy, so a later balanced or aggressive lookup finds
            # it; the record lives as long as the entry's TTL can grow with hits.
            self.index.add(request, ttl=self.policy.ttl(request.generator, hits=_TTL_MAX_HITS))
        except BackendError:
            self.recorder.record(request.generator, "error")
            return False
        self.recorder.record(request.generator, "set")
        if request.template_id:
            self.recorder.count(f"{K.NAMESPACE}:use:template:{request.template_id}")
        return True

    def get_stale(self, request: CacheRequest) -> CachedAnswer | None:
        """The last stored answer for exactly this request, even if expired (provider-down fallback).

        Verified like an entry (a forged stale copy is rejected); None on any problem.
        """
        try:
            blob = self.backend.get(K.full("stale", request.key))
        except BackendError:
            return None
        if blob is None:
            return None
        return self._decode(request.key, blob, request.generator, kind="stale")

    def _seal(self, full_key: str, body: bytes, raw_size: int) -> bytes:
        return seal(body, raw_size, key=full_key, signer=self.signer)

    def _decode(self, key: str, blob: bytes, generator: str, kind: str = "entry") -> CachedAnswer | None:
        full_key = K.full(kind, key)
        seen = self._decoded.get(full_key)
        if seen is not None and seen[0] == blob:
            return seen[1]  # these exact bytes were verified under this key before
        try:
            answer = CachedAnswer.from_bytes(blob, key=full_key, signer=self.signer)
        except MalformedEntry as exc:
            # Forged, signed with another secret, torn or foreign: never served, dropped.
            status = exc.args[1] if len(exc.args) > 1 else RecordStatus.MALFORMED
            self.recorder.record(generator, str(status))
            try:
                self.backend.delete([full_key])
            except BackendError:
                pass
            return None
        with self._memo_lock:
            if len(self._decoded) >= _DECODED_MEMO:
                self._decoded.pop(next(iter(self._decoded)), None)
            self._decoded[full_key] = (blob, answer)
        return answer

    def _hit(self, answer: CachedAnswer, kind: str, key: str, similarity: float, started: float) -> CacheHit:
        self.recorder.record(
            answer.generator,
            f"hit_{kind}",
            {
                "saved_tokens": answer.input_tokens + answer.output_tokens,
                "saved_usd_micro": round(answer.cost_usd * MICRO),
                "saved_ms": round(answer.latency_ms),
            },
            hit_key=K.full("hits", key),
        )
        with self._memo_lock:
            hits = self._local_hits[key] = self._local_hits.get(key, 0) + 1
        if hits in _TTL_STEPS and self.policy.strategy is not Strategy.CONSERVATIVE:
            # Popular answers live longer; renewed at a few hit counts only, since a TTL
            # change is a write and hits must stay reads.
            try:
                self.backend.touch(K.full("entry", key), self.policy.ttl(answer.generator, hits))
            except BackendError:
                pass
        return CacheHit(answer, kind, key, similarity, (time.perf_counter() - started) * 1000)

    def _semantic(self, request: CacheRequest, started: float) -> CacheHit | None:
        """A stored answer to a request the guard proves the same (one index read, one entry read)."""
        rejected = self.index.rejected
        record = self.index.find(request)
        if self.index.rejected != rejected:
            self.recorder.record(request.generator, str(RecordStatus.REJECTED))
        if record is None or record.entry_key == request.key:
            return None
        blob = self.backend.get(K.full("entry", record.entry_key))
        answer = self._decode(record.entry_key, blob, request.generator) if blob is not None else None
        if answer is None:
            return None  # expired or invalidated: the record never proves an answer exists
        similarity = surface_similarity(guard_text(request), record.text)
        return self._hit(answer, "semantic", record.entry_key, similarity, started)

    # -- management ------------------------------------------------------------------
    def keys(self, pattern: str = "*", limit: int = 500) -> list[KeyInfo]:
        """Entries whose key matches the glob, most hit first (at most ``limit``).

        Raises:
            BackendError: the store cannot list keys (down, or an ACL without SCAN).
        """
        found = []
        for full_key in self.backend.scan(K.entry_pattern(pattern)):
            found.append(full_key)
            if len(found) >= limit:
                break
        self.recorder.flush()
        blobs = self.backend.get_many(found)
        hit_counts = self.backend.read_counters([K.full("hits", K.user_key(k)) for k in found])
        out = []
        for full_key, blob, hits in zip(found, blobs, hit_counts, strict=True):
            if blob is None:
                continue
            key = K.user_key(full_key)
            out.append(KeyInfo(key, K.generator_of(key), len(blob), self.backend.ttl(full_key), hits))
        return sorted(out, key=lambda k: (-k.hits, k.key))

    def invalidate(self, pattern: str) -> int:
        """Delete every entry whose key matches the glob (``formulation:*``), on every store.

        Returns how many entries went. Raises ConfigError for an empty pattern and
        BackendError when the store cannot list or delete keys.
        """
        if not pattern.strip():
            raise ConfigError("give a pattern such as 'formulation:*' (use clear to remove everything)")
        with self._no_reconcile():
            return self._invalidate(pattern)

    def _invalidate(self, pattern: str) -> int:
        self._forget_later([K.full(kind, pattern) for kind in ("entry", "meta", "hits", "seen", "stale")])
        entries = list(self.backend.scan(K.entry_pattern(pattern)))
        related = [K.full(kind, K.user_key(k)) for k in entries for kind in ("meta", "hits", "seen", "stale")]
        removed = self.backend.delete(entries)
        self.backend.delete(related)
        self._forget_memo(entries)
        self.index.remove(K.user_key(k) for k in entries)
        if removed:
            self.recorder.record("all" if pattern == "*" else K.generator_of(pattern), "invalidated", None)
        return removed

    def clear(self, include_stats: bool = False) -> int:
        """Remove every entry and index record (and, if asked, the statistics), on every store.

        Returns how many entries went. Raises BackendError when the store cannot list or
        delete keys.
        """
        with self._no_reconcile():
            return self._clear(include_stats)

    def _no_reconcile(self) -> Any:
        """No local-to-Redis copy runs meanwhile (see ``FallbackBackend.no_reconcile``)."""
        if isinstance(self.backend, FallbackBackend):
            return self.backend.no_reconcile()
        return contextlib.nullcontext()

    def _clear(self, include_stats: bool) -> int:
        kinds = ["entry", "meta", "hits", "seen", "sem", "semref", "use", "stale"] + (
            ["stat", "ts"] if include_stats else []
        )
        if include_stats:
            self.recorder.flush()  # buffered counts must not come back after the clear
        self._forget_later([f"{K.NAMESPACE}:{kind}:*" for kind in kinds])
        removed = 0
        for kind in kinds:
            pattern = f"{K.NAMESPACE}:{kind}:*"
            batch = list(self.backend.counters(pattern) if kind in _COUNTER_KINDS else self.backend.scan(pattern))
            n = self.backend.delete(batch)
            removed += n if kind == "entry" else 0
        self._local_hits.clear()
        with self._memo_lock:
            self._decoded.clear()
        return removed

    def _forget_later(self, patterns: list[str]) -> None:
        # Redis down: the local fallback is cleaned now, Redis when it answers again.
        if isinstance(self.backend, FallbackBackend):
            self.backend.forget(patterns)

    def _forget_memo(self, full_keys: list[str]) -> None:
        with self._memo_lock:
            for full_key in full_keys:
                self._local_hits.pop(K.user_key(full_key), None)
                self._decoded.pop(full_key, None)

    def stats(self) -> dict[str, GeneratorStats]:
        """Per generator and "all": events counted so far, and what is stored now.

        Raises:
            BackendError: the store cannot be read (the message says why).
        """
        self.recorder.flush()
        return read_stats(self.backend, read_storage(self.backend))

    def series(self, generator: str = "*") -> list[SeriesPoint]:
        """Per-minute event counts for ``generator`` (``*``: all), after flushing the buffered ones."""
        self.recorder.flush()
        return read_series(self.backend, generator)

    def usage(self, top: int = 10) -> dict[str, list[tuple[str, int]]]:
        """Most requested entries and most used templates."""
        self.recorder.flush()
        hits = self.backend.counters(K.full("hits", "*"))
        templates = self.backend.counters(f"{K.NAMESPACE}:use:template:*")

        def ranked(counts: dict[str, int], kind: str) -> list[tuple[str, int]]:
            items = [(K.user_key(k, kind), v) for k, v in counts.items()]
            return sorted(items, key=lambda kv: -kv[1])[:top]

        return {"keys": ranked(hits, "hits"), "templates": ranked(templates, "use:template")}

    def off_reason(self) -> str:
        """One sentence when answers cannot be looked up or kept (the cache is off, or its
        store refuses writes), else "": known without touching the store, so it is cheap
        enough for every generation.

        >>> CacheService.from_config().off_reason()  # doctest: +SKIP
        ''
        """
        backend = self.backend
        if isinstance(backend, UnavailableBackend) and not backend.available:
            return _off_sentence(backend.error)
        fault = getattr(backend, "write_fault", None)
        return f"answers are not being cached: {fault}" if fault is not None else ""

    def health(self) -> Health:
        """Which store answers, whether it is ok, and one sentence on what is wrong (never raises)."""
        backend = self.backend
        if isinstance(backend, FallbackBackend):
            health = backend.health()
        elif isinstance(backend, UnavailableBackend) and not backend.available:
            error = backend.error
            health = Health(
                backend.name,
                "none",
                HealthStatus.DOWN,
                _off_sentence(error),
                error.kind.value,
            )
        else:
            notices = tuple(getattr(backend, "notices", lambda: [])())
            try:
                backend.ping()
                fault = getattr(backend, "write_fault", None)
                if fault is not None:
                    health = Health(backend.name, backend.name, HealthStatus.DEGRADED, str(fault), fault.kind.value)
                else:
                    health = Health(backend.name, backend.name, HealthStatus.OK, notices=notices)
            except BackendError as exc:
                health = Health(backend.name, backend.name, HealthStatus.DOWN, str(exc), exc.kind.value)
            if notices and not health.notices:
                health = replace(health, notices=notices)
        return replace(health, signed=self.signer is not None)

    def close(self) -> None:
        """Flush the buffered statistics and close the backend."""
        self.recorder.flush_all()
        self.backend.close()

    def __enter__(self) -> CacheService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_disk(folder: Path | None, suffix: str) -> Backend:
    """The disk store in ``folder`` (default: the data folder's ``cache``), or an
    UnavailableBackend that says why it could not be opened (and retries now and then)."""
    try:
        base = folder or data_dir() / "cache"
    except OSError as exc:
        return UnavailableBackend(
            classify_os_error(exc, os.environ.get("OPTIMIZER_DATA_DIR", "the data folder")), "disk"
        )
    except OptimizerError as exc:
        return UnavailableBackend(BackendError(str(exc)), "disk")
    path = base.with_name(base.name + suffix) if suffix else base
    try:
        return DiskBackend(path)
    except BackendError as exc:
        return UnavailableBackend(exc, "disk", reopen=lambda: DiskBackend(path))


def _off_sentence(error: Exception) -> str:
    """The sentence for a cache that is off: the error's own when it already says so."""
    text = str(error)
    return text if "cache is off" in text else f"the cache is off: {text}"
