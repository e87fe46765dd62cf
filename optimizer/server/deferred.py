"""Cache writes off the request path: the answer goes back first, then it is stored.

Storing an answer is several store writes (the entry, its metadata, a stale copy, the
semantic index records): milliseconds that the caller would wait for after the answer is
known. :class:`DeferredCache` stands in for the gateway's
:class:`~optimizer.cache.CacheService`: ``put`` hands the write to one writer thread and
returns; a ``get`` for a key whose write is still under way waits for it first, so a
repeat in this process is always a hit (another instance sees it once written, within
milliseconds). Everything else is the cache's own.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

_WAIT_S = 5.0  # the longest a lookup waits for this process's own pending write


class DeferredCache:
    """A cache whose writes happen in the background (see the module).

    :param cache: the real cache service.

    >>> import tempfile
    >>> from optimizer.cache import CacheRequest, CacheService, DiskBackend
    >>> cache = DeferredCache(CacheService(DiskBackend(tempfile.mkdtemp())))
    >>> cache.put(CacheRequest("chat", "m", "hi"), {"text": "hello"})
    True
    >>> cache.get(CacheRequest("chat", "m", "hi")).kind
    'exact'
    >>> cache.close()
    """

    def __init__(self, cache: Any) -> None:
        self.cache = cache
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="cache-writer")
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()

    def put(self, request: Any, payload: Any, **figures: Any) -> bool:
        """Queue the write; True (the outcome of the write itself is counted in the
        cache's statistics as usual)."""
        key = request.key
        future = self._writer.submit(self.cache.put, request, payload, **figures)
        with self._lock:
            self._pending[key] = future
        future.add_done_callback(lambda done, key=key: self._forget(key, done))
        return True

    def _forget(self, key: str, done: Future) -> None:
        with self._lock:
            if self._pending.get(key) is done:
                del self._pending[key]

    def _settle(self, key: str) -> None:
        """Wait (bounded) for this process's pending write of ``key``, if any."""
        with self._lock:
            pending = self._pending.get(key)
        if pending is not None:
            wait([pending], timeout=_WAIT_S)

    def get(self, request: Any) -> Any:
        """The cache's lookup, after this process's pending write of the same key."""
        self._settle(request.key)
        return self.cache.get(request)

    def get_stale(self, request: Any) -> Any:
        """The cache's stale lookup (an expired entry, for a fallback), after this process's
        pending write of the same key."""
        self._settle(request.key)
        return self.cache.get_stale(request)

    @property
    def pending(self) -> int:
        """Writes queued or under way."""
        with self._lock:
            return len(self._pending)

    def flush(self, timeout: float = 30.0) -> None:
        """Wait for every queued write."""
        with self._lock:
            futures = list(self._pending.values())
        wait(futures, timeout=timeout)

    def invalidate(self, pattern: str) -> int:
        """The cache's invalidate, after the queued writes (none lands after it)."""
        self.flush()
        return self.cache.invalidate(pattern)

    def clear(self, include_stats: bool = False) -> int:
        """The cache's clear, after the queued writes (none lands after it)."""
        self.flush()
        return self.cache.clear(include_stats=include_stats)

    def __getattr__(self, name: str) -> Any:  # stats, keys, invalidate, clear, health, policy...
        return getattr(self.cache, name)

    def close(self) -> None:
        """Write what is queued, then close the cache."""
        self._writer.shutdown(wait=True)
        self.cache.close()
