"""CacheService: exact and guarded semantic hits, strategies, adaptive TTL, stats, management.

The service never raises on a cache problem during a request: a store that errors makes
the request a miss (and counts an error), so a generation always goes through.
"""

from __future__ import annotations

import json
import os
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import data_dir
from ..errors import ConfigError
from . import keys as K
from .backends import Backend, BackendError, DiskBackend, RedisBackend
from .guard import surface_similarity
from .index import SemanticIndex, guard_text
from .keys import CacheRequest
from .policy import SEEN_WINDOW, CachePolicy, Strategy
from .resilient import FallbackBackend, Health
from .stats import MICRO, GeneratorStats, SeriesPoint, StatsRecorder, read_series, read_stats

REDIS_URL_ENV = "REDIS_URL"
BACKEND_ENV = "OPTIMIZER_CACHE_BACKEND"
_META_GRACE = 24 * 3600.0  # how long after expiry a miss is still recognised as "expired"
_DECODED_MEMO = 256
_STALE_MIN = 30 * 24 * 3600.0
_TTL_STEPS = frozenset({1, 2, 4, 8, 16, 32})  # hit counts at which an entry's TTL is renewed
_TTL_MAX_HITS = 1_000_000  # policy.ttl(..., hits) at its cap: the longest an entry can live


@dataclass(frozen=True)
class CachedAnswer:
    """What is stored per entry: the answer and what producing it cost."""

    payload: Any
    generator: str
    model: str
    prompt: str
    created: float
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    template_id: str = ""

    def to_bytes(self) -> tuple[bytes, int]:
        raw = json.dumps(self.__dict__, ensure_ascii=False, separators=(",", ":")).encode()
        return zlib.compress(raw, 6), len(raw)

    @classmethod
    def from_bytes(cls, blob: bytes) -> CachedAnswer:
        return cls(**json.loads(zlib.decompress(blob)))


@dataclass(frozen=True)
class CacheHit:
    answer: CachedAnswer
    kind: str  # "exact" or "semantic"
    key: str
    similarity: float
    lookup_ms: float

    @property
    def payload(self) -> Any:
        return self.answer.payload

    @property
    def age_s(self) -> float:
        return max(0.0, time.time() - self.answer.created)


@dataclass(frozen=True)
class KeyInfo:
    key: str
    generator: str
    size_bytes: int
    ttl_left_s: float | None
    hits: int


class CacheService:
    def __init__(self, backend: Backend, policy: CachePolicy | None = None) -> None:
        self.backend = backend
        self.policy = policy or CachePolicy()
        self.recorder = StatsRecorder(backend)
        self.index = SemanticIndex(backend)
        self._local_hits: dict[str, int] = {}
        # Decoded answers by key, with the exact bytes they came from: a repeat hit still
        # reads the store (so an invalidation or expiry is seen at once) but skips
        # decompressing and parsing bytes it has already seen.
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
    ) -> CacheService:
        """``backend`` "disk" or "redis" (default: redis when REDIS_URL is set, else disk)."""
        redis_url = redis_url or os.environ.get(REDIS_URL_ENV) or None
        backend = backend or os.environ.get(BACKEND_ENV) or ("redis" if redis_url else "disk")
        folder = folder or data_dir() / "cache"
        policy = CachePolicy(Strategy.parse(strategy))
        if backend == "disk":
            return cls(DiskBackend(folder), policy)
        if backend == "redis":
            if not redis_url:
                raise ConfigError(
                    "the redis backend needs a URL: set REDIS_URL or pass --redis-url (e.g. redis://127.0.0.1:6379/0)"
                )
            return cls(
                FallbackBackend(RedisBackend(redis_url), DiskBackend(folder.with_name(folder.name + "-fallback"))),
                policy,
            )
        raise ConfigError(f"unknown cache backend '{backend}'; use disk or redis")

    # -- the request path ------------------------------------------------------------
    def get(self, request: CacheRequest) -> CacheHit | None:
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
            if self.backend.exists(K.full("meta", key)):
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
                seen = int(self.backend.get(seen_key) or 0)
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
            blob, raw_size = answer.to_bytes()
            ttl = self.policy.ttl(request.generator)
            self.backend.set(K.full("entry", key), blob, ttl)
            self.backend.set(K.full("meta", key), b"1", ttl + _META_GRACE)
            # A stale copy outlives the entry: served (and marked) only when the provider is down.
            self.backend.set(K.full("stale", key), blob, max(ttl * 4, _STALE_MIN))
            # Indexed under every strategy, so a later balanced or aggressive lookup finds
            # it; the record lives as long as the entry's TTL can grow with hits.
            self.index.add(request, ttl=self.policy.ttl(request.generator, hits=_TTL_MAX_HITS))
        except BackendError:
            self.recorder.record(request.generator, "error")
            return False
        self.recorder.record(request.generator, "set", {"bytes_raw": raw_size, "bytes_stored": len(blob)})
        if request.template_id:
            self.recorder.count(f"{K.NAMESPACE}:use:template:{request.template_id}")
        return True

    def get_stale(self, request: CacheRequest) -> CachedAnswer | None:
        """The last stored answer for exactly this request, even if expired (provider-down fallback)."""
        try:
            blob = self.backend.get(K.full("stale", request.key))
            return CachedAnswer.from_bytes(blob) if blob is not None else None
        except (BackendError, zlib.error, ValueError, TypeError):
            return None

    def _decode(self, key: str, blob: bytes, generator: str) -> CachedAnswer | None:
        seen = self._decoded.get(key)
        if seen is not None and seen[0] == blob:
            return seen[1]
        try:
            answer = CachedAnswer.from_bytes(blob)
            with self._memo_lock:
                if len(self._decoded) >= _DECODED_MEMO:
                    self._decoded.pop(next(iter(self._decoded)))
                self._decoded[key] = (blob, answer)
            return answer
        except (zlib.error, ValueError, TypeError):
            # A torn or foreign value: drop it rather than serve it.
            self.recorder.record(generator, "error")
            try:
                self.backend.delete([K.full("entry", key)])
            except BackendError:
                pass
            return None

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
        record = self.index.find(request, synonyms=self.policy.settings.synonyms)
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
        found = []
        for full_key in self.backend.scan(K.entry_pattern(pattern)):
            found.append(full_key)
            if len(found) >= limit:
                break
        self.recorder.flush()
        blobs = self.backend.get_many(found)
        hit_counts = self.backend.get_many([K.full("hits", K.user_key(k)) for k in found])
        out = []
        for full_key, blob, hits in zip(found, blobs, hit_counts, strict=True):
            if blob is None:
                continue
            key = K.user_key(full_key)
            out.append(KeyInfo(key, K.generator_of(key), len(blob), self.backend.ttl(full_key), int(hits or 0)))
        return sorted(out, key=lambda k: (-k.hits, k.key))

    def invalidate(self, pattern: str) -> int:
        """Delete every entry whose key matches the glob (``formulation:*``)."""
        if not pattern.strip():
            raise ConfigError("give a pattern such as 'formulation:*' (use clear to remove everything)")
        entries = list(self.backend.scan(K.entry_pattern(pattern)))
        related = [K.full(kind, K.user_key(k)) for k in entries for kind in ("meta", "hits", "seen", "stale")]
        removed = self.backend.delete(entries)
        self.backend.delete(related)
        self.index.remove(K.user_key(k) for k in entries)
        for key in entries:
            self._local_hits.pop(K.user_key(key), None)
        if removed:
            self.recorder.record("all" if pattern == "*" else K.generator_of(pattern), "invalidated", None)
        return removed

    def clear(self, include_stats: bool = False) -> int:
        """Remove every entry and index record (and, if asked, the statistics)."""
        kinds = ["entry", "meta", "hits", "seen", "sem", "semref", "use", "stale"] + (
            ["stat", "ts"] if include_stats else []
        )
        removed = 0
        for kind in kinds:
            batch = list(self.backend.scan(f"{K.NAMESPACE}:{kind}:*"))
            n = self.backend.delete(batch)
            removed += n if kind == "entry" else 0
        self._local_hits.clear()
        return removed

    def stats(self) -> dict[str, GeneratorStats]:
        self.recorder.flush()
        return read_stats(self.backend)

    def series(self, generator: str = "*") -> list[SeriesPoint]:
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

    def health(self) -> Health:
        if isinstance(self.backend, FallbackBackend):
            return self.backend.health()
        try:
            self.backend.ping()
            return Health(self.backend.name, self.backend.name, "ok")
        except BackendError as exc:
            return Health(self.backend.name, self.backend.name, "down", str(exc))

    def close(self) -> None:
        self.recorder.flush_all()
        self.backend.close()

    def __enter__(self) -> CacheService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
