"""The same contract on both stores (the Redis one is a real redis-server)."""

from __future__ import annotations

import time

import pytest

from optimizer.cache import DiskBackend, RedisBackend


@pytest.fixture
def backend(backend_name, tmp_path, request):
    if backend_name == "disk":
        b = DiskBackend(tmp_path / "disk")
    else:
        b = RedisBackend(request.getfixturevalue("clean_redis"))
    yield b
    b.close()


def test_get_set_delete_exists(backend):
    assert backend.get("a") is None and not backend.exists("a")
    backend.set("a", b"\x00bytes", None)
    assert backend.get("a") == b"\x00bytes" and backend.exists("a")
    assert backend.get_many(["a", "missing"]) == [b"\x00bytes", None]
    assert backend.delete(["a", "missing"]) == 1 and backend.get("a") is None


def test_ttl_expiry_and_touch(backend):
    backend.set("t", b"x", 0.3)
    assert 0 < backend.ttl("t") <= 0.3
    assert backend.touch("t", 60) and backend.ttl("t") > 50
    backend.set("short", b"x", 0.1)
    time.sleep(0.15)
    assert backend.get("short") is None
    backend.set("forever", b"x", None)
    assert backend.ttl("forever") is None


def test_glob_patterns_match_the_same_keys_on_both(backend):
    for key in (
        "optimizer:v1:entry:formulation:gpt-4o:t1:aa",
        "optimizer:v1:entry:formulation:gpt-4o:t1:bb",
        "optimizer:v1:entry:costing:gpt-4o:t1:cc",
        "optimizer:v1:entry:formulation[x]:m:t1:dd",
        "other:key",
    ):
        backend.set(key, b"1", None)
    assert sorted(backend.scan("optimizer:v1:entry:formulation:*")) == [
        "optimizer:v1:entry:formulation:gpt-4o:t1:aa",
        "optimizer:v1:entry:formulation:gpt-4o:t1:bb",
    ]
    assert sorted(backend.scan("optimizer:v1:entry:*:gpt-4o:t1:?c")) == ["optimizer:v1:entry:costing:gpt-4o:t1:cc"]
    assert list(backend.scan("optimizer:v1:entry:formulation[x]:*")) == ["optimizer:v1:entry:formulation[x]:m:t1:dd"]


def test_counters_are_atomic_increments(backend):
    backend.incr_many({"c:a": 2, "c:b": 5})
    backend.incr_many({"c:a": 3}, ttl=60)
    assert backend.counters("c:*") == {"c:a": 5, "c:b": 5}


def test_redis_lists_keys_with_scan_never_keys(clean_redis):
    b = RedisBackend(clean_redis)
    b.set("k:1", b"x", None)

    def forbidden(*args, **kwargs):
        raise AssertionError("KEYS blocks a shared Redis: use SCAN")

    b.client.keys = forbidden
    assert list(b.scan("k:*")) == ["k:1"]
    b.close()


def test_redis_password_never_appears_in_errors():
    b = RedisBackend("redis://user:s3cret@127.0.0.1:1/0", timeout=0.2)
    with pytest.raises(Exception) as err:
        b.ping()
    assert "s3cret" not in str(err.value) and "***" in str(err.value)


def test_reads_of_counters_and_footprints(backend):
    backend.incr_many({"c:a": 3})
    assert backend.read_counters(["c:a", "c:missing"]) == [3, 0]
    backend.set("e:1", b"OC\x02\x00\x00\x00\x00\x05abc", None)
    backend.set("e:2", b"xyz", 60)
    rows = sorted(backend.footprint("e:*", 4))
    assert rows == [("e:1", 11, b"OC\x02\x00"), ("e:2", 3, b"xyz")]


def test_expired_keys_are_not_listed(backend):
    backend.set("x:gone", b"1", 0.05)
    backend.set("x:kept", b"1", None)
    time.sleep(0.1)
    assert list(backend.scan("x:*")) == ["x:kept"]


def test_counters_survive_while_entries_are_culled(tmp_path):
    """diskcache culls by store time at its size limit: counters must not be what goes first."""
    import os

    from optimizer.cache import CacheRequest, CacheService

    def req(i):
        return CacheRequest("formulation", "gpt-4o", f"serum number {i}")

    service = CacheService(DiskBackend(tmp_path / "tiny", size_limit=96 * 1024))
    service.put(req(0), {"text": "first"})
    service.get(req(0))
    service.get(req(0))
    assert service.stats()["all"].requests == 2
    for i in range(1, 120):  # far past the size limit: the oldest entries are culled
        service.put(req(i), {"text": os.urandom(1500).hex()})
    stats = service.stats()["all"]
    assert stats.requests == 2 and stats.hits_exact == 2 and stats.sets == 120
    assert stats.entries < 60 and service.get(req(0)) is None  # entries went, the counts stayed
    service.close()


def test_expired_rows_are_removed_by_the_periodic_cull(tmp_path):
    """Writes do not cull one by one (too slow); every CULL_EVERY writes one cull removes
    what expired, in the entries and in the counters."""
    from optimizer.cache.safedisk import CULL_EVERY

    backend = DiskBackend(tmp_path / "c")
    backend.set("old", b"v", 0.01)
    backend.incr_many({"old-count": 1}, ttl=0.01)
    time.sleep(0.05)

    def rows(store, key):
        return store.cache._sql("SELECT count(*) FROM Cache WHERE key = ?", (key,)).fetchone()[0]

    assert rows(backend._entries, "old") == 1 and rows(backend._counts, "old-count") == 1  # expired, still there
    for i in range(CULL_EVERY):
        backend.set(f"k{i}", b"v", None)
        backend.incr_many({"n": 1})
    assert rows(backend._entries, "old") == 0 and rows(backend._counts, "old-count") == 0
    assert backend.get("k0") == b"v" and backend.read_counters(["n"]) == [CULL_EVERY]
    backend.close()


def test_counters_from_before_the_split_are_moved_to_their_own_store(tmp_path):
    import diskcache

    old = diskcache.Cache(str(tmp_path / "c"))
    old.set("optimizer:v1:stat:all:miss", 5)
    old.set("optimizer:v1:entry:k", b"entry")
    old.close()
    backend = DiskBackend(tmp_path / "c")
    assert backend.counters("optimizer:v1:stat:*") == {"optimizer:v1:stat:all:miss": 5}
    assert backend.get("optimizer:v1:entry:k") == b"entry" and backend.get("optimizer:v1:stat:all:miss") is None
    backend.close()


def test_store_errors_are_one_exception_type_with_a_kind(tmp_path):
    from optimizer.cache import BackendError
    from optimizer.errors import OptimizerError

    assert issubclass(BackendError, OptimizerError)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BackendError) as err:
        DiskBackend(blocker / "cache")
    assert err.value.kind in ("error", "permission") and "\n" not in str(err.value)


def test_disk_batch_commits_its_writes_together_and_rolls_back_on_an_error(tmp_path):
    backend = DiskBackend(tmp_path / "disk")
    try:
        with backend.batch():
            backend.set("one", b"1", None)
            backend.set("two", b"2", 60)
        assert backend.get_many(["one", "two"]) == [b"1", b"2"]
        with pytest.raises(RuntimeError), backend.batch():
            backend.set("three", b"3", None)
            raise RuntimeError("a bug in the middle of a batch")
        assert backend.get("three") is None  # the batch was rolled back as a whole
    finally:
        backend.close()
