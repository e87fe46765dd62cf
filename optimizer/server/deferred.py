"""Cache writes off the request path: the answer goes back first, then it is stored.

Storing an answer is several store writes (the entry, its metadata, a stale copy, the
semantic index records): about a millisecond that the caller would wait for after the
answer is known. :class:`DeferredCache` stands in for the gateway's
:class:`~optimizer.cache.CacheService`: ``put`` queues the write and returns; one writer
thread stores what has queued up, up to ``max_batch`` answers in one store transaction
when the store offers one (``backend.batch()``: diskcache commits once for the batch
instead of once per write). A ``get`` for a key whose write is still queued waits for it
first, so a repeat in this process is always a hit (another instance sees it once
written, within milliseconds). Everything else is the cache's own.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from .batch import QueueWriter

_WAIT_S = 5.0  # the longest a lookup waits for this process's own pending write


class DeferredCache(QueueWriter):
    """A cache whose writes happen in the background (see the module).

    :param cache: the real cache service.
    :param max_batch: the most answers stored in one transaction.

    >>> import tempfile
    >>> from optimizer.cache import CacheRequest, CacheService, DiskBackend
    >>> cache = DeferredCache(CacheService(DiskBackend(tempfile.mkdtemp())))
    >>> cache.put(CacheRequest("chat", "m", "hi"), {"text": "hello"})
    True
    >>> cache.get(CacheRequest("chat", "m", "hi")).kind
    'exact'
    >>> cache.close()
    """

    def __init__(self, cache: Any, *, max_batch: int = 16) -> None:
        self.cache = cache
        self._pending: dict[str, threading.Event] = {}  # key -> set once its latest write is done
        super().__init__(max_batch=max_batch, name="cache-writer")

    def put(self, request: Any, payload: Any, **figures: Any) -> bool:
        """Queue the write; True (the outcome of the write itself is counted in the
        cache's statistics as usual). After :meth:`close`, writes at once."""
        done = threading.Event()
        if self._enqueue((request, payload, figures, done), lambda: self._pending.__setitem__(request.key, done)):
            return True
        return self.cache.put(request, payload, **figures)

    # -- the writer ------------------------------------------------------------------------
    def _batch(self) -> Any:
        batch = getattr(getattr(self.cache, "backend", None), "batch", None)
        return batch() if batch is not None else contextlib.nullcontext()

    def _written(self, items: list[tuple[Any, Any, dict, threading.Event]]) -> None:
        for request, _, _, done in items:
            done.set()
            if self._pending.get(request.key) is done:
                del self._pending[request.key]

    def _close_store(self) -> None:
        self.cache.close()

    def _write(self, items: list[tuple[Any, Any, dict, threading.Event]]) -> None:
        try:
            with self._batch():
                for request, payload, figures, _ in items:
                    self.cache.put(request, payload, **figures)  # never raises for the store's sake
        except Exception:  # the transaction itself failed (busy store): write them one by one
            for request, payload, figures, _ in items:
                try:
                    self.cache.put(request, payload, **figures)
                except Exception:
                    pass  # a write that fails is a miss later, never an error for a caller

    # -- reads wait for this process's own writes ---------------------------------------------
    def _settle(self, key: str) -> None:
        """Wait (bounded) for this process's pending write of ``key``, if any."""
        pending = self._pending.get(key)
        if pending is not None:
            pending.wait(_WAIT_S)

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
        return self._queued

    def invalidate(self, pattern: str) -> int:
        """The cache's invalidate, after the queued writes (none lands after it)."""
        self.flush()
        return self.cache.invalidate(pattern)

    def clear(self, include_stats: bool = False) -> int:
        """The cache's clear, after the queued writes (none lands after it)."""
        self.flush()
        return self.cache.clear(include_stats=include_stats)

    def __getattr__(self, name: str) -> Any:  # stats, keys, health, policy, off_reason...
        return getattr(self.cache, name)
