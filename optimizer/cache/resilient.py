"""Redis with a diskcache fallback: a dead Redis degrades the cache, never a request.

Every call tries Redis unless it failed recently; on failure the call is answered by the
local diskcache and health says "degraded" with the reason. Redis is tried again after
``retry_after`` seconds, so the service heals by itself when Redis comes back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .backends import Backend, BackendError, DiskBackend


@dataclass(frozen=True)
class Health:
    backend: str  # what was configured: "disk" or "redis"
    active: str  # what answers now
    status: str  # "ok", "degraded" or "down"
    detail: str = ""

    @property
    def healthy(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, Any]:
        return {"backend": self.backend, "active": self.active, "status": self.status, "detail": self.detail}


class FallbackBackend:
    name = "redis"

    def __init__(self, primary: Backend, fallback: DiskBackend, retry_after: float = 5.0) -> None:
        self.primary = primary
        self.fallback = fallback
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._last_error = ""

    @property
    def active(self) -> Backend:
        with self._lock:
            if self._down_since is None or time.monotonic() - self._down_since >= self.retry_after:
                return self.primary
            return self.fallback

    def _mark_down(self, exc: Exception) -> None:
        with self._lock:
            self._down_since = time.monotonic()
            self._last_error = str(exc)

    def _mark_up(self) -> None:
        if self._down_since is not None:
            with self._lock:
                self._down_since = None

    def _run(self, method: str, *args: Any) -> Any:
        backend = self.active
        if backend is self.fallback:
            return getattr(self.fallback, method)(*args)
        try:
            result = getattr(self.primary, method)(*args)
        except BackendError as exc:
            self._mark_down(exc)
            return getattr(self.fallback, method)(*args)
        self._mark_up()
        return result

    def get(self, key: str) -> bytes | None:
        return self._run("get", key)

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        return self._run("get_many", keys)

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        self._run("set", key, value, ttl)

    def touch(self, key: str, ttl: float) -> bool:
        return self._run("touch", key, ttl)

    def delete(self, keys: list[str]) -> int:
        # Delete on both: entries written during an outage must not outlive an invalidation.
        removed = self.fallback.delete(keys)
        return max(removed, self._run("delete", keys)) if self.active is self.primary else removed

    def exists(self, key: str) -> bool:
        return self._run("exists", key)

    def ttl(self, key: str) -> float | None:
        return self._run("ttl", key)

    def scan(self, pattern: str) -> Iterator[str]:
        # Listed eagerly: a generator would switch stores halfway if Redis died mid-scan.
        return iter(self._scan_list(pattern))

    def _scan_list(self, pattern: str) -> list[str]:
        backend = self.active
        if backend is self.primary:
            try:
                keys = list(self.primary.scan(pattern))
                self._mark_up()
                return keys
            except BackendError as exc:
                self._mark_down(exc)
        return list(self.fallback.scan(pattern))

    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        self._run("incr_many", counts, ttl)

    def counters(self, pattern: str) -> dict[str, int]:
        return self._run("counters", pattern)

    def ping(self) -> None:
        try:
            self.primary.ping()
            self._mark_up()
        except BackendError as exc:
            self._mark_down(exc)

    def health(self) -> Health:
        self.ping()
        if self._down_since is None:
            return Health("redis", "redis", "ok")
        return Health(
            "redis",
            "disk",
            "degraded",
            f"Redis unreachable ({self._last_error}); answering from the local disk cache, "
            f"retrying every {self.retry_after:.0f} s",
        )

    def close(self) -> None:
        self.primary.close()
        self.fallback.close()
