"""Two stores behind one small interface: diskcache (embedded, :mod:`.disk`) and Redis (shared).

Values are bytes; counters are integers incremented atomically in the store itself, so
several processes (or app instances on one Redis) never lose an increment. Patterns are
globs with ``*`` and ``?`` only, and match the same keys on both stores (Redis through
SCAN, never KEYS, which blocks the server). Every method raises one exception type,
:class:`BackendError`, whose ``kind`` (:class:`Fault`) says what happened.

Nothing read from a store is unpickled: Redis values are bytes and are decoded by the
service with JSON only; the disk store refuses pickle rows (see :mod:`.disk`). A value of
the wrong shape (a list where a string should be, a counter that is not an integer) is
*malformed*: skipped, deleted and counted (``optimizer:v1:stat:all:malformed``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Protocol

from ..redact import redact_url
from .disk import MALFORMED_KEY, DiskBackend
from .faults import BackendError, Fault, classify_redis_error
from .glob import glob_matcher, redis_pattern
from .keys import NAMESPACE

__all__ = ["Backend", "BackendError", "DiskBackend", "Fault", "RedisBackend", "glob_matcher"]

_INTEGER = re.compile(rb"-?[0-9]{1,19}")
_PROBE = f"{NAMESPACE}:health:probe"


class Backend(Protocol):
    """What the cache service needs from a store (both stores implement all of it)."""

    name: str

    def get(self, key: str) -> bytes | None:
        """The bytes stored at ``key``, or None when missing or expired."""

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        """The values of ``keys``, in order, None for each one missing."""

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        """Store ``value`` at ``key``, expiring after ``ttl`` seconds (None: never)."""

    def touch(self, key: str, ttl: float) -> bool:
        """Set ``key`` to expire ``ttl`` seconds from now; False when the key does not exist."""

    def delete(self, keys: list[str]) -> int:
        """Remove ``keys``; returns how many existed."""

    def exists(self, key: str) -> bool:
        """Whether ``key`` is stored (and not expired)."""

    def ttl(self, key: str) -> float | None:
        """Seconds until ``key`` expires; None when it has no expiry or does not exist."""

    def scan(self, pattern: str) -> Iterator[str]:
        """The keys matching the glob ``pattern`` (``*`` and ``?``), in no order."""

    def footprint(self, pattern: str, head: int) -> Iterator[tuple[str, int, bytes]]:
        """(key, size in bytes, first ``head`` bytes) for each key matching ``pattern``."""

    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        """Add each count to its counter (created at 0); ``ttl`` sets the expiry of new counters."""

    def counters(self, pattern: str) -> dict[str, int]:
        """Every counter matching ``pattern``, with its value."""

    def read_counters(self, keys: list[str]) -> list[int]:
        """The values of the counters ``keys``, in order (0 for a missing one)."""

    def ping(self) -> None:
        """Check the store answers; raises BackendError when it does not."""

    def close(self) -> None:
        """Release the connection or files; the backend is not used afterwards."""


def parse_counter(value: bytes | None) -> int | None:
    """A Redis counter's bytes as an int; None when missing or not an integer."""
    if value is None or not _INTEGER.fullmatch(value):
        return None
    return int(value)


def _malformed_reply(exc: BaseException) -> bool:
    text = str(exc)
    return text.startswith("WRONGTYPE") or "not an integer" in text


class RedisBackend:
    """redis-py against one Redis: short timeouts and one quick retry, so a dead server fails fast.

    Raises:
        BackendError: from every method; at construction only for a URL that is not a Redis URL.
    """

    name = "redis"

    def __init__(self, url: str, timeout: float = 0.5) -> None:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self._redis = redis
        self.url = url
        self.where = redact_url(url)
        try:
            # One immediate retry: a restarted server's stale pooled connection reconnects
            # silently; redis-py's default (10 retries with backoff) would hang a request.
            self.client = redis.Redis.from_url(
                url,
                socket_connect_timeout=timeout,
                socket_timeout=timeout,
                health_check_interval=0,
                retry=Retry(NoBackoff(), 1),
            )
        except (ValueError, TypeError) as exc:
            raise BackendError(
                f"'{self.where}' is not a Redis URL ({exc}); use redis://[user:password@]host:port/db",
                Fault.ERROR,
            ) from None

    def _error(self, exc: BaseException) -> BackendError:
        return classify_redis_error(exc, self.where)

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (self._redis.RedisError, OSError) as exc:
            raise self._error(exc) from None

    def get(self, key: str) -> bytes | None:
        """GET ``key``; None when missing or when the key holds another Redis type."""
        try:
            return self.client.get(key)
        except self._redis.ResponseError as exc:
            if not _malformed_reply(exc):
                raise self._error(exc) from None
        except (self._redis.RedisError, OSError) as exc:
            raise self._error(exc) from None
        self._drop_malformed([key])  # a list or hash where an entry should be
        return None

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        """MGET ``keys`` (nil for a missing key or another type)."""
        return self._call(self.client.mget, keys) if keys else []  # MGET: nil for other types

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        """SET ``key`` with a millisecond expiry (PX) when ``ttl`` is given."""
        self._call(self.client.set, key, value, px=max(1, int(ttl * 1000)) if ttl else None)

    def set_if_absent(self, key: str, value: bytes, ttl: float | None) -> bool:
        """SET NX: used to copy fallback entries up without overwriting newer ones."""
        return bool(self._call(self.client.set, key, value, px=max(1, int(ttl * 1000)) if ttl else None, nx=True))

    def touch(self, key: str, ttl: float) -> bool:
        """PEXPIRE ``key``; False when it does not exist."""
        return bool(self._call(self.client.pexpire, key, max(1, int(ttl * 1000))))

    def delete(self, keys: list[str]) -> int:
        """DEL ``keys``; how many existed."""
        return int(self._call(self.client.delete, *keys)) if keys else 0

    def exists(self, key: str) -> bool:
        """EXISTS ``key``."""
        return bool(self._call(self.client.exists, key))

    def ttl(self, key: str) -> float | None:
        """PTTL ``key`` in seconds; None when it has no expiry or does not exist."""
        ms = self._call(self.client.pttl, key)
        return None if ms is None or ms < 0 else ms / 1000

    def scan(self, pattern: str) -> Iterator[str]:
        """Matching keys, listed at once (a generator would fail halfway on a dying server)."""
        keys = self._call(lambda: list(self.client.scan_iter(match=redis_pattern(pattern), count=1000)))
        return iter([k.decode() if isinstance(k, bytes) else k for k in keys])

    def footprint(self, pattern: str, head: int) -> Iterator[tuple[str, int, bytes]]:
        """(key, stored size, first ``head`` bytes) of each string key matching the glob."""
        keys = list(self.scan(pattern))
        out = []
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]

            def run(batch=batch):
                pipe = self.client.pipeline(transaction=False)
                for key in batch:
                    pipe.strlen(key)
                    pipe.getrange(key, 0, head - 1)
                return pipe.execute(raise_on_error=False)

            replies = self._call(run)
            for i, key in enumerate(batch):
                size, first = replies[2 * i], replies[2 * i + 1]
                if isinstance(size, int) and isinstance(first, bytes) and size:
                    out.append((key, size, first))
        return iter(out)

    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        """Add to counters in one MULTI/EXEC: a refused write (OOM, ACL) applies none of them."""
        keys = list(counts)
        if not keys:
            return
        step = 2 if ttl is not None else 1

        def run():
            pipe = self.client.pipeline(transaction=True)
            for key in keys:
                pipe.incrby(key, int(counts[key]))
                if ttl is not None:
                    pipe.expire(key, max(1, int(ttl)), nx=True)
            return pipe.execute(raise_on_error=False)

        replies = self._call(run)
        bad = []
        for i, key in enumerate(keys):
            reply = replies[i * step]
            if isinstance(reply, Exception):
                if not _malformed_reply(reply):
                    raise self._error(reply)
                bad.append(key)
        if bad:  # a string or a list where a counter should be: replace it, count it
            self._call(self.client.delete, *bad)
            self.incr_many({k: counts[k] for k in bad}, ttl)
            self._count_malformed(len(bad))

    def counters(self, pattern: str) -> dict[str, int]:
        """Integer counters whose key matches the glob; malformed ones are dropped and counted."""
        keys = list(self.scan(pattern))
        out, bad = {}, []
        for key, value in zip(keys, self.get_many(keys), strict=True):
            number = parse_counter(value)
            if number is not None:
                out[key] = number
            elif value is not None:
                bad.append(key)
        if bad:
            self._drop_malformed(bad)
            if glob_matcher(pattern).match(MALFORMED_KEY):  # this read's finds count at once
                out[MALFORMED_KEY] = out.get(MALFORMED_KEY, 0) + len(bad)
        return out

    def read_counters(self, keys: list[str]) -> list[int]:
        """The value of each counter in ``keys`` (0 when missing or malformed)."""
        return [parse_counter(v) or 0 for v in self.get_many(keys)]

    def _drop_malformed(self, keys: list[str]) -> None:
        try:
            self.client.delete(*keys)
        except (self._redis.RedisError, OSError):
            pass
        self._count_malformed(len(keys))

    def _count_malformed(self, n: int) -> None:
        try:
            self.client.incrby(MALFORMED_KEY, n)
        except (self._redis.RedisError, OSError):
            pass

    def ping(self) -> None:
        """PING the server; raises BackendError when it does not answer."""
        self._call(self.client.ping)

    def check(self) -> list[BackendError]:
        """Probe the commands the cache uses (write, read, list, count, delete).

        Returns the faults met (empty when all is well): an out-of-memory or read-only
        server, or an ACL that refuses a command family, shows here even while reads work.

        Raises:
            BackendError: when the server cannot be reached or refuses the credentials.
        """

        def run():
            pipe = self.client.pipeline(transaction=False)
            pipe.ping()
            pipe.set(_PROBE, b"1", px=10_000)
            pipe.get(_PROBE)
            pipe.scan(0, match=_PROBE, count=10)
            pipe.incrby(_PROBE + ":n", 1)
            pipe.delete(_PROBE, _PROBE + ":n")
            return pipe.execute(raise_on_error=False)

        replies = self._call(run)
        faults: list[BackendError] = []
        for reply in replies:
            if isinstance(reply, Exception):
                error = self._error(reply)
                if error.kind.blocks_reads:
                    raise error
                if all(str(f) != str(error) for f in faults):
                    faults.append(error)
        return faults

    def close(self) -> None:
        """Close the connection pool, ignoring a server that is already gone."""
        try:
            self.client.close()
        except (self._redis.RedisError, OSError):
            pass
