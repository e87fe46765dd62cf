"""``python -m optimizer serve`` driven by the official ``openai`` client (sync and async,
streamed and not) and by curl: hits, errors in OpenAI's format, keys and roles, rate
limits and budgets, every seed operation, ``/metrics``, and the operator's key never
leaving for anywhere but the upstream."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from support.gateway import UPSTREAM_KEY, create_key, ledger_rows, run_keys, serve_gateway

# ``openai`` is imported by the tests that use it: every xdist worker imports every test
# module while collecting, and the client costs 0.6 s to import (tests/support/once.py).


def _ask(text: str) -> list[dict]:
    return [{"role": "system", "content": "You are terse."}, {"role": "user", "content": text}]


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def _error(response: httpx.Response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "param", "code"}, body
    assert "\n" not in body["error"]["message"] and "Traceback" not in body["error"]["message"]
    return body["error"]


# -- the official client -------------------------------------------------------------------
def test_sync_non_stream_then_a_repeat_is_an_exact_hit_in_header_and_ledger(shared_gateway):
    client = shared_gateway.client(shared_gateway.keys["analyst"])
    question = _unique("Which humectant suits a gel serum, reference")
    first = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=_ask(question))
    again = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=_ask(question))
    assert first.headers["x-optimizer-cache"] == "none" and again.headers["x-optimizer-cache"] == "exact"
    answer, repeat = first.parse(), again.parse()
    assert question in answer.choices[0].message.content
    assert repeat.choices[0].message.content == answer.choices[0].message.content
    assert answer.choices[0].finish_reason == "stop" and answer.object == "chat.completion"
    assert int(again.headers["x-optimizer-saved-tokens"]) > 0 and float(again.headers["x-optimizer-saved-usd"]) > 0
    rows = ledger_rows(shared_gateway.env, expected=2, search=question)
    assert sorted(r["cached"] for r in rows) == ["exact", "none"]
    assert {(r["user"], r["source"], r["generator"]) for r in rows} == {("analyst", "gateway", "chat")}
    hit = next(r for r in rows if r["cached"] == "exact")
    assert hit["saved_cache_tokens"] == int(again.headers["x-optimizer-saved-tokens"])


def test_sync_stream_is_openai_sse_with_a_usage_chunk_and_done(shared_gateway):
    client = shared_gateway.client(shared_gateway.keys["analyst"])
    question = _unique("Stream me a note on niacinamide")
    chunks = list(
        client.chat.completions.create(
            model="gpt-4o-mini", messages=_ask(question), stream=True, stream_options={"include_usage": True}
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert question in text
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0
    assert all(c.usage is None for c in chunks[:-1])
    # the same request as raw bytes: data lines, a blank line after each, [DONE] last
    raw = httpx.post(
        shared_gateway.url + "/v1/chat/completions",
        headers={"Authorization": f"Bearer {shared_gateway.keys['analyst']}"},
        json={"model": "gpt-4o-mini", "messages": _ask(question), "stream": True},
        timeout=30,
    )
    assert raw.headers["content-type"].startswith("text/event-stream") and raw.headers["x-optimizer-cache"] == "exact"
    events = raw.text.split("\n\n")
    assert events[-1] == "" and events[-2] == "data: [DONE]"
    assert all(e.startswith("data: {") for e in events[:-2])
    assert "usage" not in json.loads(events[0][6:])  # no usage field unless asked for


def test_async_client_stream_and_not(shared_gateway):
    async def run():
        client = shared_gateway.aclient(shared_gateway.keys["analyst"])
        question = _unique("Async: is glycerin a humectant")
        whole = await client.chat.completions.create(model="gpt-4o-mini", messages=_ask(question))
        stream = await client.chat.completions.create(model="gpt-4o-mini", messages=_ask(question), stream=True)
        pieces = [c.choices[0].delta.content or "" async for c in stream if c.choices]
        other = await client.chat.completions.create(
            model="gpt-4o-mini", messages=_ask(_unique("Async stream miss")), stream=True
        )
        missed = [c.choices[0].delta.content or "" async for c in other if c.choices]
        await client.close()
        return whole.choices[0].message.content, "".join(pieces), "".join(missed)

    # In a thread of its own: Playwright's sync API (a session fixture of the browser
    # tests) keeps an event loop running in the main thread.
    with ThreadPoolExecutor(1) as pool:
        whole, streamed, missed = pool.submit(asyncio.run, run()).result()
    assert streamed == whole and "Async: is glycerin" in whole and "Async stream miss" in missed


def test_curl_works_unchanged(shared_gateway):
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    body = json.dumps({"model": "gpt-4o-mini", "messages": _ask(_unique("curl question"))})
    result = subprocess.run(
        [
            "curl",
            "-sS",
            "-i",
            shared_gateway.url + "/v1/chat/completions",
            "-H",
            f"Authorization: Bearer {shared_gateway.keys['analyst']}",
            "-H",
            "Content-Type: application/json",
            "-d",
            body,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    head, _, payload = result.stdout.replace("\r\n", "\n").partition("\n\n")
    assert head.startswith("HTTP/1.1 200") and "x-optimizer-cache: none" in head.lower()
    assert "curl question" in json.loads(payload)["choices"][0]["message"]["content"]


def test_models_lists_what_is_served(shared_gateway):
    import openai

    client = shared_gateway.client(shared_gateway.keys["analyst"])
    assert [m.id for m in client.models.list()] == ["gpt-4o-mini", "status-503", "status-401"]
    assert client.models.retrieve("gpt-4o-mini").id == "gpt-4o-mini"
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-5-imaginary", messages=_ask("x"))
    assert caught.value.code == "model_not_found" and "gpt-4o-mini" in caught.value.message


def test_lossless_compression_of_json_on_request(shared_gateway):
    client = shared_gateway.client(shared_gateway.keys["analyst"])
    rows = [{"ingredient": f"Ingredient {i}", "percentage": i, "function": "humectant"} for i in range(12)]
    messages = [{"role": "user", "content": json.dumps(rows, indent=2)}]
    plain = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=messages)
    packed = client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=messages, extra_headers={"X-Optimizer-Compress": "lossless"}
    )
    assert plain.headers["x-optimizer-compress"] == "none" and packed.headers["x-optimizer-compress"] == "lossless"
    assert packed.headers["x-optimizer-cache"] == "none"  # another request: the compressed one
    assert int(packed.headers["x-optimizer-saved-tokens"]) > 0 == int(plain.headers["x-optimizer-saved-tokens"])
    # the upstream saw the notation, not the pretty JSON (the fake answer quotes the message)
    assert '"ingredient"' in plain.parse().choices[0].message.content
    assert '"ingredient"' not in packed.parse().choices[0].message.content


# -- errors in OpenAI's format ------------------------------------------------------------------
def test_no_key_wrong_key_and_revoked_key_get_401(shared_gateway):
    import openai

    with pytest.raises(openai.AuthenticationError) as caught:
        shared_gateway.client("osk-" + "x" * 43).models.list()
    assert caught.value.code == "invalid_api_key"
    bare = httpx.get(shared_gateway.url + "/v1/models", timeout=10)
    assert bare.status_code == 401 and _error(bare)["code"] == "invalid_api_key"
    assert bare.headers["www-authenticate"] == "Bearer"
    for path in ("/metrics", "/api/v1/optimization/health", "/api/v1/optimization/stats"):
        assert httpx.get(shared_gateway.url + path, timeout=10).status_code == 401, path
    # a key revoked while the gateway runs is refused at its next request
    temporary = create_key(shared_gateway.env, "temporary", "analyst")
    client = shared_gateway.client(temporary)
    assert client.models.list().data
    assert run_keys(shared_gateway.env, "revoke", "temporary").returncode == 0
    with pytest.raises(openai.AuthenticationError):
        client.models.list()


def test_an_analyst_may_not_clear_or_invalidate(shared_gateway):
    headers = {"Authorization": f"Bearer {shared_gateway.keys['analyst']}"}
    for path in ("/api/v1/optimization/cache/clear", "/api/v1/optimization/cache/invalidate/chat:*"):
        response = httpx.delete(shared_gateway.url + path, headers=headers, timeout=10)
        assert response.status_code == 403 and _error(response)["code"] == "permission_denied", path
        assert "admin" in _error(response)["message"]


def test_rate_limit_429_with_retry_after(shared_gateway):
    import time

    import openai

    if time.time() % 60 > 55:  # the limit counts per minute of the clock: start in a fresh one
        time.sleep(61 - time.time() % 60)
    client = shared_gateway.client(shared_gateway.keys["limited"])
    client.models.list()  # only completions count
    for _ in range(2):
        client.chat.completions.create(model="gpt-4o-mini", messages=_ask(_unique("rate")))
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=_ask(_unique("rate")))
    error = caught.value
    assert error.code == "rate_limit_exceeded" and error.type == "requests" and "2/minute" in error.message
    assert 1 <= int(error.response.headers["retry-after"]) <= 61
    assert int(error.response.headers["retry-after-ms"]) >= 1


def test_budget_429_insufficient_quota(shared_gateway):
    import openai

    client = shared_gateway.client(shared_gateway.keys["frugal"])
    client.chat.completions.create(model="gpt-4o-mini", messages=_ask(_unique("budget")))  # spends it
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=_ask(_unique("budget")))
    assert caught.value.code == "insufficient_quota" and "budget" in caught.value.message
    assert int(caught.value.response.headers["retry-after"]) >= 1


def test_upstream_down_is_a_502_in_openai_format_streamed_or_not(shared_gateway):
    import openai

    client = shared_gateway.client(shared_gateway.keys["analyst"])
    for stream in (False, True):
        with pytest.raises(openai.APIStatusError) as caught:
            response = client.chat.completions.create(model="status-503", messages=_ask(_unique("down")), stream=stream)
            list(response) if stream else None
        assert caught.value.status_code == 502 and caught.value.type == "upstream_error"
        assert caught.value.code == "server" and "503" in caught.value.message
        assert "127.0.0.1" not in caught.value.message and "http" not in caught.value.message  # no upstream address
    # the upstream refusing the operator's key is the gateway's problem, not the caller's key
    with pytest.raises(openai.APIStatusError) as caught:
        client.chat.completions.create(model="status-401", messages=_ask(_unique("down")))
    assert caught.value.status_code == 502 and caught.value.code == "auth"
    rows = ledger_rows(shared_gateway.env, expected=2, model="status-503")
    assert rows and {r["end_state"] for r in rows} == {"failed"}


def test_bad_requests_are_400_with_one_sentence(shared_gateway):
    headers = {"Authorization": f"Bearer {shared_gateway.keys['analyst']}"}
    url = shared_gateway.url + "/v1/chat/completions"
    cases = [
        (b"not json", "not JSON"),
        (json.dumps({"model": "gpt-4o-mini"}).encode(), "messages"),
        (
            json.dumps({"model": "gpt-4o-mini", "messages": _ask("x"), "tools": [{"type": "function"}]}).encode(),
            "tools",
        ),
        (json.dumps({"model": "gpt-4o-mini", "messages": _ask("x"), "max_tokens": 10**9}).encode(), "max tokens"),
        (json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "tool", "content": "x"}]}).encode(), "role"),
    ]
    for body, words in cases:
        response = httpx.post(url, headers={**headers, "content-type": "application/json"}, content=body, timeout=10)
        assert response.status_code == 400, (body, response.text)
        assert words in _error(response)["message"], response.text
    unknown = httpx.get(shared_gateway.url + "/v2/nothing", headers=headers, timeout=10)
    assert unknown.status_code == 404 and _error(unknown)["code"] == "not_found"


# -- the seed's operations ----------------------------------------------------------------------
def test_every_seed_operation(shared_gateway):
    admin = {"Authorization": f"Bearer {shared_gateway.keys['admin']}"}
    analyst = {"Authorization": f"Bearer {shared_gateway.keys['analyst']}"}
    base = shared_gateway.url + "/api/v1/optimization"
    question = _unique("Seed operations question")
    shared_gateway.client(shared_gateway.keys["analyst"]).chat.completions.create(
        model="gpt-4o-mini", messages=_ask(question)
    )

    health = httpx.get(base + "/health", headers=analyst, timeout=10)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert health.json()["gateway"]["keys"] == "required"

    stats = httpx.get(base + "/stats", headers=analyst, params={"source": "gateway"}, timeout=10).json()
    assert stats["summary"]["runs"] >= 1 and "users" not in stats and "generators" in stats["cache"]
    assert "analyst" in httpx.get(base + "/stats", headers=admin, timeout=10).json()["users"]
    other = httpx.get(base + "/stats", headers=analyst, params={"user": "admin"}, timeout=10)
    assert other.status_code == 403

    packed = httpx.post(
        base + "/compress", headers=analyst, json={"data": {"a": [1, 2]}, "level": "lossless"}, timeout=10
    )
    assert packed.status_code == 200 and packed.json()["lossless"] is True
    refused = httpx.post(
        base + "/compress", headers=analyst, json={"data": "not json", "level": "lossless"}, timeout=10
    )
    assert refused.status_code == 400 and "JSON" in _error(refused)["message"]

    prompt = httpx.post(
        base + "/prompt/optimize",
        headers=analyst,
        json={"prompt": "a gentle serum", "prompt_type": "formulation", "context": {"product_type": "serum"}},
        timeout=30,
    )
    assert prompt.status_code == 200 and prompt.json()["optimized_tokens"] > 0
    assert (
        httpx.post(base + "/prompt/optimize", headers=analyst, json={"prompt_type": "poetry"}, timeout=10).status_code
        == 400
    )

    keys = httpx.get(base + "/cache/keys", headers=analyst, params={"pattern": "chat:*"}, timeout=10).json()
    assert keys["count"] >= 1 and all(k["key"].startswith("chat:") for k in keys["keys"])
    assert httpx.get(base + "/cache/keys", headers=analyst, params={"limit": 0}, timeout=10).status_code == 400

    gone = httpx.delete(base + "/cache/invalidate/chat:status-*", headers=admin, timeout=10)
    assert gone.status_code == 200 and gone.json() == {"pattern": "chat:status-*", "invalidated": 0}
    invalidated = httpx.delete(base + "/cache/invalidate/chat:*", headers=admin, timeout=10).json()
    assert invalidated["invalidated"] >= 1
    cleared = httpx.delete(base + "/cache/clear", headers=admin, timeout=10)
    assert cleared.status_code == 200 and cleared.json()["statistics_reset"] is False
    again = shared_gateway.client(shared_gateway.keys["analyst"]).chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=_ask(question)
    )
    assert again.headers["x-optimizer-cache"] == "none"  # invalidated: generated again


def test_metrics_in_prometheus_format(shared_gateway):
    client = shared_gateway.client(shared_gateway.keys["analyst"])
    question = _unique("metrics question")
    client.chat.completions.create(model="gpt-4o-mini", messages=_ask(question))
    client.chat.completions.create(model="gpt-4o-mini", messages=_ask(question))
    text = httpx.get(
        shared_gateway.url + "/metrics",
        headers={"Authorization": f"Bearer {shared_gateway.keys['analyst']}"},
        timeout=10,
    ).text
    for series in (
        'optimizer_gateway_requests_total{method="POST",route="/v1/chat/completions",status="200"}',
        'optimizer_gateway_generations_total{cache="exact",end_state="complete",model="gpt-4o-mini"}',
        'optimizer_gateway_saved_tokens_total{source="cache"}',
        'optimizer_gateway_saved_usd_total{source="cache"}',
        'optimizer_gateway_request_seconds_bucket{le="0.005",route="/v1/chat/completions"}',
        "optimizer_gateway_model_queue_depth",
        "optimizer_gateway_ledger_pending_rows",
    ):
        assert series in text, series
    assert 'optimizer_gateway_refused_total{reason="auth"}' in text or "refused" in text


# -- the operator's key ---------------------------------------------------------------------------
def test_the_upstream_key_is_never_in_a_response_header_log_line_or_the_ledger(shared_gateway):
    client = shared_gateway.client(shared_gateway.keys["admin"])
    seen: list[str] = []
    question = _unique("Where does the key go")
    for stream in (False, True):
        raw = client.chat.completions.with_raw_response.create(
            model="gpt-4o-mini", messages=_ask(question), stream=stream
        )
        seen.append(json.dumps(dict(raw.headers)))
        seen.append(raw.http_response.read().decode())
    for model in ("status-503", "status-401"):
        failed = httpx.post(
            shared_gateway.url + "/v1/chat/completions",
            headers={"Authorization": f"Bearer {shared_gateway.keys['admin']}"},
            json={"model": model, "messages": _ask(question)},
            timeout=30,
        )
        seen += [failed.text, json.dumps(dict(failed.headers))]
    admin = {"Authorization": f"Bearer {shared_gateway.keys['admin']}"}
    for path in ("/api/v1/optimization/health", "/api/v1/optimization/stats", "/metrics", "/openapi.json"):
        response = httpx.get(shared_gateway.url + path, headers=admin, timeout=10)
        seen += [response.text, json.dumps(dict(response.headers))]
    rows = ledger_rows(shared_gateway.env, expected=4, search=question)
    assert len(rows) >= 4  # the answers were generated upstream: the fake wants the operator's key
    from pathlib import Path

    ledger_file = Path(shared_gateway.env["OPTIMIZER_DATA_DIR"]) / "ledger.sqlite3"
    stored = b"".join(p.read_bytes() for p in ledger_file.parent.glob("ledger.sqlite3*"))
    csv = subprocess.run(
        [sys.executable, "-m", "optimizer", "stats", "--csv", "-"],
        env=shared_gateway.env,
        capture_output=True,
        text=True,
    )
    assert UPSTREAM_KEY not in "".join(seen)
    assert UPSTREAM_KEY not in shared_gateway.log_text()
    assert UPSTREAM_KEY.encode() not in stored
    assert csv.returncode == 0 and question in csv.stdout and UPSTREAM_KEY not in csv.stdout


# -- keyless ----------------------------------------------------------------------------------------
@pytest.mark.slow  # a gateway of its own: no key may exist
def test_keyless_serves_loopback_only(gateway_env):
    import openai

    refused = subprocess.run(
        [sys.executable, "-m", "optimizer", "serve", "--host", "0.0.0.0", "--port", "0"],
        env=gateway_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "loopback" in refused.stderr and "keys create" in refused.stderr
    with serve_gateway(gateway_env) as served:
        client = served.client("anything")  # no key exists: everyone is the local user
        answer = client.chat.completions.create(model="gpt-4o-mini", messages=_ask("keyless question"))
        assert "keyless question" in answer.choices[0].message.content
        rows = ledger_rows(served.env, expected=1)
        assert rows[0]["user"] == "local" and rows[0]["source"] == "gateway"
        key = create_key(served.env, "late", "analyst")  # from now on, keys are required
        with pytest.raises(openai.AuthenticationError):
            client.models.list()
        assert served.client(key).models.list().data
