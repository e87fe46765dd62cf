"""Two stores behind one small interface: diskcache (embedded) and Redis (shared).

Values are bytes; counters are integers incremented atomically in the store itself, so
several processes (or app instances on one Redis) never lose an increment. Patterns are
globs with ``*`` and ``?`` only, and match the same keys on both stores (Redis through
SCAN, never KEYS, which blocks the server).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

import diskcache

_GLOB_SPECIALS = re.compile(r"([\[\]\\])")


class BackendError(Exception):
    """The store cannot be reached or answered with an error."""


_DISK_ERRORS = (diskcache.Timeout, sqlite3.Error, OSError)


class Backend(Protocol):
    name: str

    def get(self, key: str) -> bytes | None: ...
    def get_many(self, keys: list[str]) -> list[bytes | None]: ...
    def set(self, key: str, value: bytes, ttl: float | None) -> None: ...
    def touch(self, key: str, ttl: float) -> bool: ...
    def delete(self, keys: list[str]) -> int: ...
    def exists(self, key: str) -> bool: ...
    def ttl(self, key: str) -> float | None: ...
    def scan(self, pattern: str) -> Iterator[str]: ...
    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None: ...
    def counters(self, pattern: str) -> dict[str, int]: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


def glob_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern) + r"\Z", re.DOTALL
    )


class DiskBackend:
    """diskcache in a folder: SQLite underneath, safe across processes on one machine."""

    name = "disk"

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        try:
            # 0.5 s busy timeout instead of 60: a stuck writer makes a request a miss, not a hang.
            self.cache = diskcache.Cache(str(self.directory), timeout=0.5, size_limit=2**30)
        except Exception as exc:  # sqlite3 and OSError both reach here
            raise BackendError(f"cannot open the cache folder {self.directory}: {exc}") from exc

    def get(self, key: str) -> bytes | None:
        try:
            return self.cache.get(key)
        except _DISK_ERRORS as exc:
            raise BackendError(f"cache folder busy or unreadable: {exc}") from exc

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        return [self.get(k) for k in keys]

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        try:
            self.cache.set(key, value, expire=ttl)
        except _DISK_ERRORS as exc:
            raise BackendError(f"cache folder busy or not writable: {exc}") from exc

    def touch(self, key: str, ttl: float) -> bool:
        try:
            return bool(self.cache.touch(key, expire=ttl))
        except _DISK_ERRORS as exc:
            raise BackendError(f"cache folder busy: {exc}") from exc

    def delete(self, keys: list[str]) -> int:
        try:
            return sum(1 for k in keys if self.cache.delete(k))
        except _DISK_ERRORS as exc:
            raise BackendError(f"cache folder busy: {exc}") from exc

    def exists(self, key: str) -> bool:
        return key in self.cache

    def ttl(self, key: str) -> float | None:
        found, expire_time = self.cache.get(key, default=None, expire_time=True)
        if found is None or expire_time is None:
            return None
        return max(0.0, expire_time - time.time())

    def scan(self, pattern: str) -> Iterator[str]:
        regex = glob_regex(pattern)
        prefix = pattern.split("*", 1)[0].split("?", 1)[0]
        for key in self.cache.iterkeys():
            if isinstance(key, str) and key.startswith(prefix) and regex.match(key):
                yield key

    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        # One transaction: all of these increments land, or none (the caller retries).
        try:
            with self.cache.transact():
                for key, delta in counts.items():
                    value = self.cache.incr(key, delta, default=0)
                    if ttl is not None and value == delta:
                        self.cache.touch(key, expire=ttl)  # a new counter: give it its lifetime
        except _DISK_ERRORS as exc:
            raise BackendError(f"cache folder busy: {exc}") from exc

    def counters(self, pattern: str) -> dict[str, int]:
        out = {}
        for key in self.scan(pattern):
            value = self.cache.get(key)
            if isinstance(value, int):
                out[key] = value
        return out

    def ping(self) -> None:
        self.cache.get("optimizer:ping")

    def close(self) -> None:
        self.cache.close()


class RedisBackend:
    """redis-py against one Redis: short timeouts so a dead server fails fast."""

    name = "redis"

    def __init__(self, url: str, timeout: float = 0.5) -> None:
        import redis

        self._errors = (redis.RedisError, OSError)
        self.url = url
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=timeout, health_check_interval=0, retry_on_timeout=False
        )

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except self._errors as exc:
            raise BackendError(f"Redis at {_redact(self.url)}: {exc}") from exc

    def get(self, key: str) -> bytes | None:
        return self._call(self.client.get, key)

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        return self._call(self.client.mget, keys) if keys else []

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        self._call(self.client.set, key, value, px=int(ttl * 1000) if ttl else None)

    def touch(self, key: str, ttl: float) -> bool:
        return bool(self._call(self.client.pexpire, key, int(ttl * 1000)))

    def delete(self, keys: list[str]) -> int:
        return int(self._call(self.client.delete, *keys)) if keys else 0

    def exists(self, key: str) -> bool:
        return bool(self._call(self.client.exists, key))

    def ttl(self, key: str) -> float | None:
        ms = self._call(self.client.pttl, key)
        return None if ms is None or ms < 0 else ms / 1000

    def scan(self, pattern: str) -> Iterator[str]:
        redis_pattern = _GLOB_SPECIALS.sub(r"\\\1", pattern)
        try:
            for key in self.client.scan_iter(match=redis_pattern, count=1000):
                yield key.decode() if isinstance(key, bytes) else key
        except self._errors as exc:
            raise BackendError(f"Redis at {_redact(self.url)}: {exc}") from exc

    def incr_many(self, counts: Mapping[str, int], ttl: float | None = None) -> None:
        def run() -> None:
            pipe = self.client.pipeline(transaction=False)
            for key, delta in counts.items():
                pipe.incrby(key, delta)
                if ttl is not None:
                    pipe.expire(key, int(ttl), nx=True)
            pipe.execute()

        self._call(run)

    def counters(self, pattern: str) -> dict[str, int]:
        keys = list(self.scan(pattern))
        values = self.get_many(keys)
        return {k: int(v) for k, v in zip(keys, values) if v is not None}

    def ping(self) -> None:
        self._call(self.client.ping)

    def close(self) -> None:
        try:
            self.client.close()
        except self._errors:
            pass


def _redact(url: str) -> str:
    """redis://user:secret@host -> redis://user:***@host: URLs reach logs and the UI."""
    return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)
