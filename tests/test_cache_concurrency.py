"""8 processes hammer one cache: no increment is lost, no entry is corrupted."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from optimizer.cache import CachePolicy, CacheRequest, CacheService, DiskBackend, RedisBackend, Strategy
from optimizer.cache.keys import full
from optimizer.cache.service import CachedAnswer

# Eight processes at once.
pytestmark = pytest.mark.server

WORKERS = 8
OPS = 120
INTENTS = 12


def make_request(i: int) -> CacheRequest:
    generator = "formulation" if i % 2 else "costing"
    return CacheRequest(generator, "gpt-4o", f"request number {i}")


def payload_for(key: str) -> dict:
    return {"key": key, "text": f"answer for {key} " * 20}


def worker(target: str, location: str, seed: int, out) -> None:
    # Exact matching only: the point is the store under contention, not similarity (and no
    # process loads the embedding model). Conservative caches on the second ask, so its
    # shared ask counters are under contention too.
    backend = DiskBackend(Path(location)) if target == "disk" else RedisBackend(location, timeout=5)
    service = CacheService(backend, CachePolicy(Strategy.CONSERVATIVE))
    gets = sets = 0
    for op in range(OPS):
        i = (seed * 7 + op * 5) % INTENTS
        r = make_request(i)
        if op % 40 == 39:
            service.invalidate("costing:*")
            continue
        gets += 1
        hit = service.get(r)
        if hit is not None:
            assert hit.payload == payload_for(r.key), "corrupt entry"
        elif service.put(r, payload_for(r.key), input_tokens=1, output_tokens=1):
            sets += 1
    service.close()
    out.put((gets, sets))


def _context():
    """A forkserver whose server process has already imported this module and the cache:
    each of the eight workers is a fork of it (no interpreter start, no imports), and,
    unlike a plain fork of pytest, none inherits the test runner's threads."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["optimizer.cache", "optimizer.cache.service", __name__])
    return ctx


def hammer(target: str, location: str) -> tuple[int, int]:
    ctx = _context()
    out = ctx.Queue()
    procs = [ctx.Process(target=worker, args=(target, location, seed, out)) for seed in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0, f"worker failed with exit code {p.exitcode}"
    results = [out.get(timeout=10) for _ in procs]
    return sum(g for g, _ in results), sum(s for _, s in results)


@pytest.mark.parametrize("target", ["disk", "redis"])
def test_eight_processes_lose_no_increment_and_corrupt_no_entry(target, tmp_path, request):
    location = str(tmp_path / "shared") if target == "disk" else request.getfixturevalue("clean_redis")
    gets, sets = hammer(target, location)
    backend = DiskBackend(Path(location)) if target == "disk" else RedisBackend(location)
    service = CacheService(backend)
    stats = service.stats()["all"]
    assert stats.requests == gets == WORKERS * (OPS - OPS // 40)
    assert stats.sets == sets
    assert stats.hits > 0 and stats.errors == 0
    for i in range(INTENTS):
        blob = backend.get(full("entry", make_request(i).key))
        if blob is not None:
            key = full("entry", make_request(i).key)
            assert CachedAnswer.from_bytes(blob, key=key).payload == payload_for(make_request(i).key)
    service.close()
