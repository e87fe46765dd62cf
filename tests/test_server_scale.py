"""Several gateway processes on one Redis and one PostgreSQL: an answer stored through one
is a hit through the other, one rate limit holds across both, their runs land in one
ledger, and a key revoked once is refused by both."""

from __future__ import annotations

import uuid

import pytest
from support.gateway import create_key, ledger_rows, make_env, run_keys, serve_gateways, wait_for_stored_answer

# ``openai`` is imported by the tests that use it: every xdist worker imports every test
# module while collecting, and the client costs 0.6 s to import (tests/support/once.py).

TEAM_SECRET = "a-team-secret-for-the-scale-test-0123456789"


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow  # two gateways of their own
def test_two_gateways_share_the_cache_the_rate_limit_the_ledger_and_the_keys(
    tmp_path, fake_upstream, postgres_url, clean_redis
):
    import time

    import openai

    shared = {"OPTIMIZER_DATABASE_URL": postgres_url, "REDIS_URL": clean_redis, "OPTIMIZER_TEAM_SECRET": TEAM_SECRET}
    env_a = make_env(tmp_path / "a" / "data", fake_upstream, **shared)
    env_b = make_env(tmp_path / "b" / "data", fake_upstream, **shared)
    key = create_key(env_a, "team", "analyst", "--rate-limit", "3/minute")
    other = create_key(env_b, "other", "analyst")  # made through the other instance's folder: same database
    with serve_gateways([env_a, env_b], key=key) as (a, b):
        # The limit counts per minute of the clock, and the requests below take a second or
        # two: checked once both gateways answer (not before they start, which takes far
        # longer), so a wait is rare and short.
        if time.time() % 60 > 52:
            time.sleep(61 - time.time() % 60)
        question = [{"role": "user", "content": f"Shared across instances {uuid.uuid4().hex[:8]}"}]
        first = a.client(key).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
        wait_for_stored_answer(env_a)  # stored after the answer went back: then the other instance hits
        second = b.client(key).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
        assert first.headers["x-optimizer-cache"] == "none" and second.headers["x-optimizer-cache"] == "exact"
        assert second.parse().choices[0].message.content == first.parse().choices[0].message.content

        # one rate limit: 3 a minute in all, whichever instance answers
        a.client(key).chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "third"}])
        for instance in (b, a):
            with pytest.raises(openai.RateLimitError) as caught:
                instance.client(key).chat.completions.create(model="gpt-4o-mini", messages=question)
            assert caught.value.code == "rate_limit_exceeded"
        assert b.client(other).chat.completions.create(model="gpt-4o-mini", messages=question).choices  # per key

        rows = ledger_rows(env_a, expected=4, source="gateway")
        assert sorted((r["user"], r["cached"]) for r in rows) == [
            ("other", "exact"),
            ("team", "exact"),
            ("team", "none"),
            ("team", "none"),
        ]
        assert ledger_rows(env_b, source="gateway") == rows  # one ledger, whichever folder reads it

        assert run_keys(env_b, "revoke", "other").returncode == 0
        for instance in (a, b):
            with pytest.raises(openai.AuthenticationError):
                instance.client(other).models.list()


def generations(exposition: str) -> dict[str, float]:
    """optimizer_gateway_generations_total by cache outcome, from a scrape's text."""
    from prometheus_client.parser import text_string_to_metric_families

    out: dict[str, float] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == "optimizer_gateway_generations_total":
                out[sample.labels["cache"]] = out.get(sample.labels["cache"], 0.0) + sample.value
    return out


@pytest.mark.slow  # a gateway of its own with two worker processes
def test_serve_with_two_workers_shares_the_ledger_the_cache_and_the_keys(gateway_env):
    import httpx

    key = create_key(gateway_env, "workers", "analyst")
    revoked = create_key(gateway_env, "leaving", "analyst")
    with serve_gateways([gateway_env], key=key, args=("--workers", "2")) as (served,):
        assert "with 2 worker processes" in served.log_text()
        question = [{"role": "user", "content": f"Across workers {uuid.uuid4().hex[:8]}"}]
        first = served.client(key).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
        assert first.headers["x-optimizer-cache"] == "none"
        wait_for_stored_answer(gateway_env)  # stored after the answer went back
        # fresh connections land on either worker: every repeat is a hit, whichever answers
        for _ in range(6):
            with httpx.Client() as fresh:
                repeat = fresh.post(
                    served.url + "/v1/chat/completions",
                    headers={"Authorization": f"Bearer {key}"},
                    json={"model": "gpt-4o-mini", "messages": question},
                )
            assert repeat.status_code == 200 and repeat.headers["x-optimizer-cache"] == "exact"
        rows = ledger_rows(gateway_env, expected=7, source="gateway", user="workers")
        assert sorted(r["cached"] for r in rows) == ["exact"] * 6 + ["none"]
        # /metrics adds up both workers' counts, whichever worker answers the scrape
        for _ in range(4):
            with httpx.Client() as fresh:
                scrape = fresh.get(served.url + "/metrics", headers={"Authorization": f"Bearer {key}"})
            assert scrape.status_code == 200
            assert generations(scrape.text) == {"none": 1.0, "exact": 6.0}
            assert "optimizer_gateway_ledger_pending_rows " in scrape.text
        assert run_keys(gateway_env, "revoke", "leaving").returncode == 0
        for _ in range(4):
            with httpx.Client() as fresh:
                refused = fresh.get(served.url + "/v1/models", headers={"Authorization": f"Bearer {revoked}"})
            assert refused.status_code == 401
    rows = ledger_rows(gateway_env, source="gateway", user="workers")
    assert len(rows) == 7  # stopping wrote nothing twice
