"""Shared fixtures: real redis-server variants (killed, restarted, full, password, ACL, replica)
and loopback sockets that are not Redis (registered in conftest.py through pytest_plugins).

Every server is a real ``redis-server`` process on a free loopback port, killed when the
test ends; tests skip with the reason when the binary is missing.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from optimizer.cache.local_redis import RedisProcess

ADMIN_PASSWORD = "admin-Pa55word-for-tests"
USER_PASSWORD = "user-Pa55word-for-tests"
# ACL users the cache may meet on a shared Redis (``ACL SETUSER``): each lacks one family.
ACL_USERS = {
    "noscan": "+@all -scan -keys",  # may read and write, may not list keys
    "nokeyspace": "+@read +@write +@connection -@keyspace",  # no DEL / EXISTS / SCAN / PEXPIRE
    "readonly": "+@read +@connection -@write",  # reads only
}


def _need_redis() -> None:
    from optimizer.cache.local_redis import redis_server_binary

    if redis_server_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server); .ci/run installs it")


@pytest.fixture
def redis_factory(tmp_path: Path) -> Iterator[Callable[..., RedisProcess]]:
    """``start(*options)`` -> a started RedisProcess with those redis-server options; all are
    killed after the test."""
    from optimizer.cache.local_redis import RedisProcess, free_port

    _need_redis()
    started: list[RedisProcess] = []

    def start(*options: str, port: int | None = None) -> RedisProcess:
        server = RedisProcess(port or free_port(), tmp_path / f"redis-{len(started)}", tuple(options))
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.kill()


@pytest.fixture
def redis_password(redis_factory) -> RedisProcess:
    """A Redis that requires ``ADMIN_PASSWORD`` (requirepass)."""
    return redis_factory("--requirepass", ADMIN_PASSWORD)


@pytest.fixture
def redis_full(redis_factory) -> RedisProcess:
    """A Redis at ``maxmemory 1mb`` with ``noeviction``, filled until it refuses writes (OOM)."""
    import redis

    server = redis_factory("--maxmemory", "1mb", "--maxmemory-policy", "noeviction")
    fill_until_oom(server.url)
    client = redis.Redis.from_url(server.url)
    # Filled to the brim, memory hovers at the limit (a small write may still pass); lower the
    # limit under what is used so that every write is refused, as on a server that is truly full.
    used = int(client.info("memory")["used_memory"])
    client.config_set("maxmemory", str(max(used - 256 * 1024, 1024)))
    try:
        client.set("optimizer:probe-after-fill", b"x")
        raise AssertionError("the server still accepts writes after filling it")
    except redis.OutOfMemoryError:
        pass
    finally:
        client.close()
    return server


def fill_until_oom(url: str) -> int:
    """Write filler keys (not the cache's) until Redis answers OOM; returns how many went in."""
    import redis

    client = redis.Redis.from_url(url)
    blob = b"x" * 16_384
    n = 0
    try:
        while n < 10_000:
            try:
                client.set(f"filler:{n}", blob)
            except redis.OutOfMemoryError:
                return n
            n += 1
        raise AssertionError("Redis never ran out of memory")
    finally:
        client.close()


@pytest.fixture
def redis_acl(redis_factory) -> RedisProcess:
    """A Redis with an admin password and the users of ``ACL_USERS`` (password ``USER_PASSWORD``)."""
    import redis

    server = redis_factory("--requirepass", ADMIN_PASSWORD)
    admin = redis.Redis.from_url(server.url_for("", ADMIN_PASSWORD))
    for user, rules in ACL_USERS.items():
        admin.execute_command("ACL", "SETUSER", user, "on", f">{USER_PASSWORD}", "~*", *rules.split())
    admin.close()
    return server


@pytest.fixture
def redis_replica(redis_factory) -> RedisProcess:
    """A read-only replica of a fresh primary (writes answer READONLY)."""
    primary = redis_factory()
    return redis_factory("--replicaof", "127.0.0.1", str(primary.port), "--replica-read-only", "yes")


@contextmanager
def not_redis(mode: str) -> Iterator[int]:
    """A loopback TCP port that is not a Redis: ``"close"`` accepts and closes at once,
    ``"silent"`` accepts and never answers (a filtered port looks like this), ``"refuse"``
    has nothing listening. Yields the port."""
    from optimizer.cache.local_redis import free_port

    if mode == "refuse":
        yield free_port()
        return
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            if mode == "close":
                conn.close()
            else:
                held.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        try:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() at once, not at its timeout
        except OSError:
            pass
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()
