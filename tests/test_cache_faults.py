"""Faults produced for real: redis-server killed, paused, restarted, full, with a password,
with ACLs, as a replica; a corrupted, truncated, read-only and full cache folder.

Each fault is classified and said in one sentence, answers keep being served where they
can be, and what was written during a fault is reconciled or refused, never lost silently.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.redis_servers import ADMIN_PASSWORD, USER_PASSWORD, fill_until_oom, not_redis

from optimizer.cache import BackendError, CacheRequest, CacheService, DiskBackend, FallbackBackend
from optimizer.cache.keys import full

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.redis


def req(i: int | str = 0, generator: str = "costing") -> CacheRequest:
    return CacheRequest(generator, "gpt-4o", f"cost of batch {i}")


def redis_service(url: str, tmp_path: Path, retry_after: float = 0.2) -> CacheService:
    service = CacheService.from_config("redis", url, folder=tmp_path / "cache")
    assert isinstance(service.backend, FallbackBackend)
    service.backend.retry_after = retry_after
    return service


def wait_until(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def raw_client(url: str):
    import redis

    return redis.Redis.from_url(url)


@contextmanager
def paused(server):
    """SIGSTOP the server: connections time out (unreachable) while its data is kept."""
    os.kill(server.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(server.process.pid, signal.SIGCONT)


# -- outages and healing -------------------------------------------------------------------
def test_writes_during_an_outage_are_reconciled_after_recovery(redis_factory, tmp_path, monkeypatch):
    # The counts stay buffered until the flush below: a timed flush before the kill would
    # send them to a Redis that comes back empty (seen under a loaded whole-suite run).
    monkeypatch.setattr("optimizer.cache.stats.FLUSH_EVERY_S", 3600.0)
    server = redis_factory()
    service = redis_service(server.url, tmp_path)
    assert service.put(req(1), {"i": 1})
    assert service.get(req(1)) is not None
    server.kill()
    assert service.put(req(2), {"i": 2})  # lands in the local fallback
    assert service.get(req(2)).payload == {"i": 2}
    assert service.get(req(3)) is None
    assert service.health().kind == "unreachable"
    assert service.recorder.flush()  # the counts of the outage land in the local store too
    server.start()  # back, empty (no persistence), on the same port
    time.sleep(0.25)
    report = service.backend.reconcile()
    assert report.errors == [] and report.entries_copied >= 2 and report.counters > 0
    client = raw_client(server.url)
    assert client.exists(full("entry", req(2).key)) and client.exists(full("stale", req(2).key))
    assert service.backend.fallback.is_empty()
    stats = service.stats()["costing"]
    assert (stats.sets, stats.hits_exact, stats.misses) == (2, 2, 1)  # made on both sides, none lost
    assert service.health().healthy and service.get(req(2)).payload == {"i": 2}
    client.close()
    service.close()


def test_reconciling_starts_by_itself_when_redis_answers_again(redis_factory, tmp_path):
    server = redis_factory()
    service = redis_service(server.url, tmp_path)
    server.kill()
    assert service.put(req(7), {"i": 7})
    server.start()
    time.sleep(0.25)
    service.get(req(8))  # any call that reaches Redis starts the background pass
    assert wait_until(lambda: service.backend.fallback.is_empty())
    assert raw_client(server.url).exists(full("entry", req(7).key))
    service.close()


def test_clear_acts_on_both_stores_so_a_cleared_answer_never_comes_back(redis_factory, tmp_path):
    server = redis_factory()
    service = redis_service(server.url, tmp_path)
    server.kill()
    assert service.put(req(1), {"i": 1})  # written locally during the first outage
    server.start()
    time.sleep(0.25)
    assert service.clear() >= 1
    server.kill()  # the next outage: reads go to the local store again
    time.sleep(0.05)
    assert service.get(req(1)) is None
    service.close()


def test_a_clear_waits_for_a_reconciliation_under_way(redis_factory, tmp_path):
    """A pass copying local entries to Redis and a clear never interleave: the clear would miss
    an entry in flight, and the copy land in Redis after it (a cleared answer back)."""
    import threading

    server = redis_factory()
    service = redis_service(server.url, tmp_path)
    service.put(req(1), {"i": 1})
    done = threading.Event()
    with service.backend.no_reconcile():  # stands for a pass under way
        worker = threading.Thread(target=lambda: (service.clear(), done.set()))
        worker.start()
        assert not done.wait(0.3)  # the clear waits for the pass
    assert done.wait(10)
    worker.join()
    assert service.get(req(1)) is None
    service.close()


def test_an_invalidation_during_an_outage_reaches_redis_when_it_is_back(redis_factory, tmp_path):
    server = redis_factory()
    service = redis_service(server.url, tmp_path)
    service.put(req(1, "formulation"), {"i": 1})
    service.put(req(2, "costing"), {"i": 2})
    with paused(server):
        service.get(req(9))  # times out: Redis is marked down
        assert not service.backend.primary_up
        service.invalidate("formulation:*")  # the local store now, Redis queued
    time.sleep(0.25)
    client = raw_client(server.url)
    # Reconciled by whichever comes first: the background pass or this one.
    assert wait_until(
        lambda: service.backend.reconcile() and not client.exists(full("entry", req(1, "formulation").key))
    )
    assert client.exists(full("entry", req(2, "costing").key))
    assert service.get(req(1, "formulation")) is None and service.get(req(2, "costing")) is not None
    client.close()
    service.close()


def test_a_restarted_redis_is_used_again_without_an_error(redis_factory, tmp_path):
    server = redis_factory()
    service = redis_service(server.url, tmp_path, retry_after=30)
    service.put(req(1), {"i": 1})
    server.restart()  # the pooled connection is dead; one quick retry reconnects
    assert service.get(req(1)) is None  # empty after the restart, and no failover
    assert service.backend.primary_up and service.put(req(1), {"i": 1}) and service.get(req(1)) is not None
    assert service.stats()["all"].errors == 0 and service.health().healthy
    service.close()


# -- a full Redis: writes refused, reads kept, no flapping ---------------------------------
def test_a_full_redis_keeps_serving_reads_without_flapping(redis_factory, tmp_path):
    server = redis_factory("--maxmemory", "1mb", "--maxmemory-policy", "noeviction")
    service = redis_service(server.url, tmp_path, retry_after=0.05)
    assert service.put(req(1), {"i": 1})
    fill_until_oom(server.url)
    client = raw_client(server.url)
    client.config_set("maxmemory", str(int(client.info("memory")["used_memory"]) - 256 * 1024))
    health = service.health()
    assert health.status == "degraded" and health.kind == "out of memory" and health.active == "redis"
    assert "out of memory" in health.detail and "still served" in health.detail
    outcomes = []
    for _ in range(30):  # spans many retry windows: a failover would turn hits into misses
        outcomes.append(service.get(req(1)) is not None)
        assert service.put(req(100 + len(outcomes)), {"n": len(outcomes)})  # kept locally
        time.sleep(0.01)
    assert all(outcomes)
    assert service.get(req(101)).payload == {"n": 1}  # a miss on Redis looks in the local store
    assert not service.health().healthy
    client.config_set("maxmemory", "0")
    report = service.backend.reconcile()
    assert report.errors == [] and report.entries_copied >= 30
    assert client.exists(full("entry", req(130).key)) and service.health().healthy
    stats = service.stats()["costing"]
    assert stats.hits_exact == 31 and stats.sets == 31 and stats.errors == 0
    client.close()
    service.close()


# -- credentials, ACLs, replicas -------------------------------------------------------------
@pytest.mark.parametrize("password", [None, "wrong-password-123"])
def test_a_wrong_or_missing_password_reads_auth_and_is_redacted(redis_password, tmp_path, password):
    url = redis_password.url_for("", password) if password else redis_password.url
    service = redis_service(url, tmp_path)
    health = service.health()
    assert health.kind == "auth" and "credentials" in health.detail and "did not answer" not in health.detail
    assert "wrong-password-123" not in str(health.as_dict()) and ADMIN_PASSWORD not in str(health.as_dict())
    if password:
        assert ":***@" in health.detail
    assert service.put(req(1), {"i": 1}) and service.get(req(1)) is not None  # the local store answers
    service.close()
    good = redis_service(redis_password.url_for("", ADMIN_PASSWORD), tmp_path / "good")
    assert good.health().healthy
    good.close()


def test_an_acl_without_scan_says_so_and_requests_still_work(redis_acl, tmp_path):
    service = redis_service(redis_acl.url_for("noscan", USER_PASSWORD), tmp_path)
    health = service.health()
    assert health.status == "degraded" and health.kind == "permission" and "SCAN" in health.detail
    assert USER_PASSWORD not in health.detail
    assert service.put(req(1), {"i": 1}) and service.get(req(1)) is not None
    for call in (service.keys, service.stats, lambda: service.invalidate("costing:*")):
        with pytest.raises(BackendError) as err:
            call()
        assert err.value.kind == "permission" and "\n" not in str(err.value)
    assert service.backend.primary_up  # a refused command is not an outage
    service.close()


@pytest.mark.parametrize("user, denied", [("nokeyspace", "DEL"), ("readonly", "SET")])
def test_acl_users_missing_a_command_family_are_named(redis_acl, tmp_path, user, denied):
    service = redis_service(redis_acl.url_for(user, USER_PASSWORD), tmp_path)
    health = service.health()
    assert health.kind == "permission" and denied in health.detail and not health.healthy
    service.close()


def test_a_read_only_replica_is_not_an_outage(redis_replica, tmp_path):
    service = redis_service(redis_replica.url, tmp_path)
    health = service.health()
    assert health.kind == "read-only" and health.active == "redis" and "replica" in health.detail
    assert service.put(req(1), {"i": 1}) and service.get(req(1)) is not None  # kept locally, served
    assert service.backend.primary_up
    service.close()


def test_the_redis_error_does_not_tell_closed_refused_and_silent_ports_apart(tmp_path):
    details = set()
    for mode in ("refuse", "close", "silent"):
        with not_redis(mode) as port:
            service = redis_service(f"redis://127.0.0.1:{port}/0", tmp_path / mode)
            # A silent port answers nothing until the socket timeout (0.5 s, twice with the
            # retry); its size is not the point here, the sentence is.
            service.backend.primary.client.connection_pool.connection_kwargs.update(
                socket_timeout=0.05, socket_connect_timeout=0.05
            )
            health = service.health()
            assert health.kind == "unreachable"
            details.add(health.detail.replace(str(port), "PORT"))
            service.close()
    assert len(details) == 1, details


def test_the_cli_says_one_line_for_a_refused_scan(redis_acl, run_cli):
    url = redis_acl.url_for("noscan", USER_PASSWORD)
    result = run_cli("cache", "keys", "--backend", "redis", "--redis-url", url)
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert lines[-1].startswith("error:") and "SCAN" in lines[-1] and USER_PASSWORD not in result.stderr.decode()


# -- the disk store's folder ---------------------------------------------------------------
def test_a_corrupted_cache_file_is_moved_aside_and_a_new_one_started(tmp_path, run_cli):
    folder = tmp_path / "cli-data" / "cache"
    service = CacheService(DiskBackend(folder))
    for i in range(50):
        service.put(req(i), {"text": "x" * 2000})
    service.close()
    db = folder / "cache.db"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])  # truncated mid-file
    for extra in ("cache.db-wal", "cache.db-shm"):
        (folder / extra).unlink(missing_ok=True)
    result = run_cli("cache", "stats")
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    moved = sorted(folder.glob("cache.db.corrupt-*"))
    assert moved and moved[0].stat().st_size > 0  # kept, never deleted
    assert str(moved[0]).encode() in result.stdout  # health's notices: the user is told where it is
    reopened = CacheService(DiskBackend(folder))
    assert reopened.put(req(1), {"i": 1}) and reopened.get(req(1)) is not None
    assert any(str(moved[0]) in n for n in reopened.health().notices)
    reopened.close()


def test_a_file_that_is_not_a_database_is_moved_aside_too(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "cache.db").write_bytes(b"this is not sqlite at all" * 100)
    service = CacheService.from_config("disk", folder=folder)
    assert service.health().healthy and service.put(req(1), {"i": 1})
    assert len(list(folder.glob("cache.db.corrupt-*Z"))) == 1
    service.close()


@pytest.mark.server
def test_damage_found_while_running_is_recovered_from(tmp_path):
    folder = tmp_path / "cache"
    backend = DiskBackend(folder)
    for i in range(40):
        backend.set(f"k{i}", b"v" * 3000, None)
    backend.cache.close()  # the next call opens a new connection, which reads the file again
    db = folder / "cache.db"
    with db.open("r+b") as f:  # scribble over every page after the first: it still opens
        f.seek(4096)
        f.write(b"\xa5" * (db.stat().st_size - 4096))
    with pytest.raises(BackendError) as err:
        for i in range(40):
            backend.get(f"k{i}")
    assert err.value.kind == "corrupt" and "moved aside" in str(err.value)
    assert len(list(folder.glob("cache.db.corrupt-*Z"))) == 1  # with its -wal and -shm beside it
    backend.set("again", b"ok", None)  # a new file was started
    assert backend.get("again") == b"ok" and any("moved aside" in n for n in backend.notices())
    backend.close()


@contextmanager
def mounted_tmpfs(path: Path, size: str, *, read_only: bool = False):
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.decode().strip()}): run as root to test this")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_a_read_only_cache_folder_turns_the_cache_off_in_one_sentence(tmp_path, run_cli):
    with mounted_tmpfs(tmp_path / "cli-data", "1m", read_only=True):
        service = CacheService.from_config("disk", folder=tmp_path / "cli-data" / "cache")
        health = service.health()
        assert health.status == "down" and health.kind == "read-only" and "cache is off" in health.detail
        assert service.get(req(1)) is None and not service.put(req(1), {"i": 1})
        with pytest.raises(BackendError, match="read-only"):
            service.stats()
        service.close()
        result = run_cli("cache", "stats")
        lines = result.stderr.decode().strip().splitlines()
        assert result.returncode == 1 and len(lines) == 1 and b"Traceback" not in result.stderr
        assert "read-only" in lines[0] and "OPTIMIZER_DATA_DIR" in lines[0]


@pytest.mark.server
def test_a_folder_without_permission_turns_the_cache_off_for_another_user(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to run the check as another user (setpriv)")
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="optimizer-perm-"))  # outside pytest's 0700 folders
    os.chmod(base, 0o755)
    folder = base / "locked"
    folder.mkdir()
    os.chmod(folder, 0o755)  # root's folder: others may read, not write
    code = (
        "from optimizer.cache import CacheService; import json; "
        f"s = CacheService.from_config('disk', folder=__import__('pathlib').Path('{folder}') / 'cache'); "
        "print(json.dumps(s.health().as_dict()))"
    )
    result = subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", code],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "OPTIMIZER_DATA_DIR": str(folder)},
    )
    if result.returncode != 0 and b"setpriv" in result.stderr:
        pytest.skip(f"setpriv failed: {result.stderr.decode()[:200]}")
    assert result.returncode == 0, result.stderr
    assert b'"status": "down"' in result.stdout and b'"kind": "permission"' in result.stdout
    assert b"no permission" in result.stdout and result.stdout.count(b"cache is off") == 1
    import shutil

    shutil.rmtree(base)


def test_a_full_disk_fails_puts_softly_and_says_so(tmp_path):
    with mounted_tmpfs(tmp_path / "small", "512k") as mount:
        service = CacheService.from_config("disk", folder=mount / "cache")
        assert service.put(req(0), {"text": "first"})
        filler = mount / "filler"
        try:  # take every free byte
            with filler.open("wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            pass
        answers = [service.put(req(i), {"text": os.urandom(8000).hex()}) for i in range(1, 6)]
        assert not all(answers)  # refused without an exception
        health = service.health()
        assert health.status == "degraded" and health.kind == "full" and "full" in health.detail
        assert service.get(req(0)).payload == {"text": "first"}  # what is stored is still served
        filler.unlink()
        assert service.put(req(9), {"text": "after"}) and service.health().healthy
        service.close()
