"""Redis dies or is missing: the service degrades to disk and every request is answered."""

from __future__ import annotations

import pytest

from optimizer.cache import CacheRequest, CacheService
from optimizer.cache.local_redis import redis_server, redis_server_binary
from optimizer.errors import ConfigError

pytestmark = pytest.mark.skipif(
    redis_server_binary() is None, reason="redis-server is not installed (apt-get install redis-server)"
)


def req(i):
    return CacheRequest("costing", "gpt-4o", f"cost of batch {i}")


def test_redis_killed_mid_run_every_request_is_answered(tmp_path):
    with redis_server(tmp_path / "r") as server:
        service = CacheService.from_config("redis", server.url, folder=tmp_path / "cache")
        for i in range(5):
            assert service.put(req(i), {"i": i})
        assert service.get(req(0)).payload == {"i": 0}
        assert service.health().status == "ok"
        server.kill()
        answered = 0
        for i in range(20):
            service.get(req(i % 7))  # never raises; misses while Redis is gone
            assert service.put(req(100 + i), {"i": i})  # lands in the disk fallback
            answered += 1
        assert answered == 20
        assert service.get(req(100)).payload == {"i": 0}  # served from the fallback
        health = service.health()
        assert health.status == "degraded" and health.active == "disk" and "Redis" in health.detail
        assert service.stats()["costing"].sets >= 20  # stats moved to the fallback too
        service.close()


def test_redis_unreachable_at_start_degrades_instead_of_failing(tmp_path):
    service = CacheService.from_config("redis", "redis://127.0.0.1:1/0", folder=tmp_path / "c")
    assert service.get(req(1)) is None
    assert service.put(req(1), {"x": 1}) and service.get(req(1)).payload == {"x": 1}
    assert service.health().status == "degraded"
    service.close()


def test_redis_backend_without_a_url_says_how_to_fix(monkeypatch, tmp_path):
    monkeypatch.delenv("REDIS_URL", raising=False)
    with pytest.raises(ConfigError, match="REDIS_URL"):
        CacheService.from_config("redis", folder=tmp_path / "c")


def test_redis_url_in_env_selects_redis(monkeypatch, tmp_path, clean_redis):
    monkeypatch.setenv("REDIS_URL", clean_redis)
    monkeypatch.delenv("OPTIMIZER_CACHE_BACKEND", raising=False)
    service = CacheService.from_config(folder=tmp_path / "c")
    health = service.health().as_dict()
    assert {k: health[k] for k in ("backend", "active", "status", "detail", "kind")} == {
        "backend": "redis",
        "active": "redis",
        "status": "ok",
        "detail": "",
        "kind": "",
    }
    service.close()
