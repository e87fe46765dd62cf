from __future__ import annotations

import json

import pytest

from optimizer.cache import CacheRequest, CacheService


@pytest.fixture
def seeded(tmp_path):
    """A disk cache in the CLI's data dir with two formulation entries and one costing entry."""
    folder = tmp_path / "cli-data" / "cache"
    with CacheService.from_config("disk", folder=folder) as service:
        for prompt, gen in (("serum a", "formulation"), ("serum b", "formulation"), ("batch cost", "costing")):
            service.put(
                CacheRequest(gen, "gpt-4o", prompt), {"p": prompt}, input_tokens=10, output_tokens=90, cost_usd=0.001
            )
        service.get(CacheRequest("formulation", "gpt-4o", "serum a"))
    return folder


# In this process (the `cli` fixture: the same main(), output and exit code, the same data
# folder as run_cli's); the cache family keeps a real process in test_health_exit_codes.
def test_stats_json(cli, seeded):
    out = cli("cache", "stats")
    doc = json.loads(out.stdout)
    assert out.returncode == 0
    assert doc["generators"]["all"]["hits_exact"] == 1 and doc["generators"]["all"]["saved_tokens"] == 100
    assert doc["strategy"] == "balanced" and "bytes, not tokens" in doc["note"]


def test_keys_invalidate_and_clear(cli, seeded):
    listing = cli("cache", "keys", "--pattern", "formulation:*").stdout.decode()
    assert listing.count("formulation:gpt-4o:t1:") == 2 and "2 key(s)" in listing
    out = cli("cache", "invalidate", "formulation:*")
    assert out.returncode == 0 and b"invalidated 2" in out.stdout
    refused = cli("cache", "clear")
    assert refused.returncode == 1 and b"--yes" in refused.stderr
    assert b"cleared 1" in cli("cache", "clear", "--yes").stdout
    assert b"0 key(s)" in cli("cache", "keys").stdout


def test_health_exit_codes(run_cli, redis_url):
    ok = run_cli("health", "--backend", "redis", "--redis-url", redis_url)
    assert ok.returncode == 0 and json.loads(ok.stdout)["cache"]["status"] == "ok"
    bad = run_cli("health", "--backend", "redis", "--redis-url", "redis://127.0.0.1:1/0")
    doc = json.loads(bad.stdout)
    assert bad.returncode == 1 and doc["status"] == "unhealthy" and doc["cache"]["status"] == "degraded"


def test_redis_backend_without_url_is_one_line(cli):
    out = cli("cache", "stats", "--backend", "redis", env={"REDIS_URL": ""})
    assert out.returncode == 1 and b"REDIS_URL" in out.stderr and out.stderr.count(b"\n") == 1
