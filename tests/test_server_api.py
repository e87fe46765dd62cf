"""The gateway's app in-process (Starlette's TestClient over an in-process provider): error
format on every path, roles, request checks, the stream's end and its failure mid-way,
route-template metrics, the batch ledger, and binding rules."""

from __future__ import annotations

import json
import threading

import pytest
from starlette.testclient import TestClient

from optimizer.auth import Role
from optimizer.cache import CacheService, DiskBackend
from optimizer.generate import GenerationService
from optimizer.ledger import Ledger, RunRecord
from optimizer.providers import Finish, ProviderError, TextDelta, UsageReport
from optimizer.quotas import MemoryCounters
from optimizer.server import Gateway, GatewayConfig, create_app
from optimizer.server.batch import BatchLedger
from optimizer.server.gateway import bearer_token
from optimizer.server.run import is_loopback


class Provider:
    name, model, endpoint = "openai", "m", "http://127.0.0.1:9/v1"

    def __init__(self):
        self.cut = False

    def describe(self):
        return "fake"

    def count_tokens(self, text):
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        yield TextDelta("Hello ")
        if self.cut:
            raise ProviderError(
                "the connection to the fake dropped after 1 tokens; the partial answer is kept",
                kind="dropped",
                tokens=1,
            )
        yield TextDelta("world")
        yield UsageReport(5, 2)
        yield Finish("stop")


def _app(tmp_path):
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    gateway = Gateway(
        GatewayConfig(),
        ledger=ledger,
        cache=CacheService(DiskBackend(tmp_path / "cache")),
        counters=MemoryCounters(),
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MODEL": "m"},
    )
    provider = Provider()
    gateway.services = {"m": GenerationService(provider, gateway.cache, gateway.batch, source="gateway")}
    client = TestClient(create_app(gateway), base_url="http://127.0.0.1")  # keyless: loopback names only
    client.gateway, client.provider = gateway, provider
    return client


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One keyless app for the module (its tests use distinct messages)."""
    with _app(tmp_path_factory.mktemp("app")) as client:
        yield client


@pytest.fixture
def keyed_app(tmp_path):
    """An app of this test's own (keys change who may do what)."""
    with _app(tmp_path) as client:
        yield client


def _error(response):
    body = response.json()
    assert list(body) == ["error"] and set(body["error"]) == {"message", "type", "param", "code"}
    assert "\n" not in body["error"]["message"]
    return body["error"]


def _chat(client, content="hi", headers=None, **body):
    payload = {"model": "m", "messages": [{"role": "user", "content": content}], **body}
    return client.post("/v1/chat/completions", json=payload, headers=headers or {})


def test_a_completion_and_its_ledger_row(keyed_app):
    app = keyed_app
    response = _chat(app, "first question")
    assert response.status_code == 200 and response.headers["x-optimizer-cache"] == "none"
    body = response.json()
    assert body["choices"][0]["message"]["content"] == "Hello world" and body["usage"]["total_tokens"] == 7
    assert body["id"].startswith("chatcmpl-") and body["model"] == "m"
    app.gateway.batch.flush()
    (row,) = app.gateway.ledger.runs(limit=5)
    assert (row["user"], row["source"], row["generator"], row["cached"]) == ("local", "gateway", "chat", "none")


def test_keys_and_roles(keyed_app):
    app = keyed_app
    keys = app.gateway.keys
    assert app.get("/v1/models").status_code == 200  # keyless
    analyst = keys.create("ana", Role.ANALYST).secret
    admin = keys.create("root", Role.ADMIN).secret
    assert _error(app.get("/v1/models"))["code"] == "invalid_api_key"
    auth = {"Authorization": f"Bearer {analyst}"}
    assert app.get("/v1/models", headers=auth).json()["data"][0]["id"] == "m"
    assert app.get("/v1/models", headers={"Authorization": f"Basic {analyst}"}).status_code == 401
    denied = app.delete("/api/v1/optimization/cache/clear", headers=auth)
    assert denied.status_code == 403 and "role analyst" in _error(denied)["message"]
    assert (
        app.delete("/api/v1/optimization/cache/clear", headers={"Authorization": f"Bearer {admin}"}).status_code == 200
    )
    assert app.get("/api/v1/optimization/stats", params={"user": "root"}, headers=auth).status_code == 403
    assert app.get("/api/v1/optimization/stats", params={"user": "ana"}, headers=auth).status_code == 200
    _chat(app, "as ana", headers=auth)
    app.gateway.batch.flush()
    assert app.gateway.ledger.runs(limit=1)[0]["user"] == "ana"


@pytest.mark.parametrize(
    ("body", "headers", "words"),
    [
        ({"n": 2}, {}, "one choice"),
        ({"temperature": 3}, {}, "temperature"),
        ({"stream": "yes"}, {}, "stream must be"),
        ({"top_p": 0.5}, {}, "'top_p' is not supported"),
        ({"max_tokens": 0}, {}, "max tokens"),
        ({}, {"X-Optimizer-Compress": "zip"}, "X-Optimizer-Compress"),
        ({}, {"X-Optimizer-Use-Cache": "maybe"}, "true or false"),
    ],
)
def test_requests_the_gateway_cannot_use_are_400(app, body, headers, words):
    response = _chat(app, headers=headers, **body)
    assert response.status_code == 400 and words in _error(response)["message"]


def test_neutral_values_of_unsupported_parameters_pass(app):
    response = _chat(app, top_p=1, presence_penalty=0, frequency_penalty=0, n=1, stop=None, user="me", logprobs=False)
    assert response.status_code == 200


def test_every_path_answers_errors_in_openai_format(app):
    assert _error(app.get("/nothing"))["code"] == "not_found"
    assert _error(app.put("/v1/models"))["code"] == "method_not_allowed"
    invalid = app.post("/api/v1/optimization/compress", json={"level": "medium"})
    assert invalid.status_code == 400 and "data" in _error(invalid)["message"]
    assert app.post("/api/v1/optimization/compress", json={"data": "", "level": "medium"}).status_code == 400
    unknown = app.post("/api/v1/optimization/compress", json={"data": "x", "level": "extreme"})
    assert unknown.status_code == 400 and "unknown level" in _error(unknown)["message"]
    empty = app.delete("/api/v1/optimization/cache/invalidate/%20")
    assert empty.status_code == 400 and "pattern" in _error(empty)["message"]


def test_a_crash_is_a_500_sentence_and_a_report(app, monkeypatch):
    import os
    from pathlib import Path

    import optimizer.operations as ops

    data_dir = Path(os.environ["OPTIMIZER_DATA_DIR"])

    monkeypatch.setattr(ops, "cache_keys", lambda *a, **k: {}["boom"])
    client = TestClient(
        app.app, base_url="http://127.0.0.1", raise_server_exceptions=False
    )  # no lifespan: the app stays open
    response = client.get("/api/v1/optimization/cache/keys")
    error = _error(response)
    assert response.status_code == 500 and error["code"] == "internal_error" and "KeyError" in error["message"]
    assert "Traceback" not in response.text and list((data_dir / "crash-reports").glob("*"))


def _events(response):
    return [e[len("data: ") :] for e in response.text.split("\n\n") if e]


def test_the_stream_ends_with_a_finish_and_done_or_an_error_event(app):
    with app.stream(
        "POST",
        "/v1/chat/completions",
        json={"model": "m", "stream": True, "messages": [{"role": "user", "content": "s"}]},
    ) as r:
        r.read()
    events = _events(r)
    assert events[-1] == "[DONE]" and json.loads(events[-2])["choices"][0]["finish_reason"] == "stop"
    assert "".join(json.loads(e)["choices"][0]["delta"].get("content", "") for e in events[:-1]) == "Hello world"
    app.provider.cut = True
    try:
        with app.stream(
            "POST",
            "/v1/chat/completions",
            json={"model": "m", "stream": True, "messages": [{"role": "user", "content": "cut stream"}]},
        ) as r:
            r.read()
    finally:
        app.provider.cut = False
    events = _events(r)
    assert r.status_code == 200 and "[DONE]" not in events  # the status went out with the first token
    error = json.loads(events[-1])["error"]
    assert error["code"] == "dropped" and "partial answer is kept" in error["message"]
    app.gateway.batch.flush()
    assert app.gateway.ledger.runs(limit=1, search="cut stream")[0]["end_state"] == "failed"


def test_the_docs_page_lists_the_routes_and_loads_nothing(app):
    page = app.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "POST /v1/chat/completions" in page.text and "GET /api/v1/optimization/stats" in page.text
    assert "<script" not in page.text and "cdn" not in page.text.lower()
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert app.get("/openapi.json").json()["paths"]


def test_metrics_label_routes_by_template_not_by_path(app):
    for pattern in ("a*", "b*", "c*"):
        app.delete(f"/api/v1/optimization/cache/invalidate/{pattern}")
    text = app.get("/metrics").text
    assert (
        'route="/api/v1/optimization/cache/invalidate/{pattern:path}"' in text
        and 'route="/api/v1/optimization/cache/invalidate/a*"' not in text
    )


def test_the_batch_ledger_writes_every_run_once(tmp_path):
    batch = BatchLedger(Ledger(tmp_path / "ledger.sqlite3"), max_batch=7)

    def write(worker):
        for i in range(50):
            batch.record(RunRecord("chat", "openai", "m", "none", "chat", "none", 1, 1, 1, 0.0, user=f"w{worker}-{i}"))

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    batch.close()  # writes what is still queued
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    users = [r["user"] for r in ledger.iter_runs(text=False)]
    assert len(users) == 200 and len(set(users)) == 200
    ledger.close()


def test_addresses_and_bearer_tokens():
    assert [is_loopback(h) for h in ("127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost")] == [True] * 5
    assert [is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.2", "example.com")] == [False] * 4
    assert bearer_token("Bearer osk-abc") == "osk-abc" and bearer_token("bearer  osk-abc ") == "osk-abc"
    assert bearer_token("Basic abc") is None and bearer_token("Bearer") is None and bearer_token(None) is None


def test_config_from_env_names_the_variable_at_fault():
    from optimizer.errors import ConfigError

    config = GatewayConfig.from_env({"OPTIMIZER_GATEWAY_MODELS": "a, b", "OPTIMIZER_GATEWAY_DOCS": "off"})
    assert config.models == ("a", "b") and config.docs is False
    with pytest.raises(ConfigError, match="OPTIMIZER_GATEWAY_THREADS"):
        GatewayConfig.from_env({"OPTIMIZER_GATEWAY_THREADS": "0"})
    with pytest.raises(ConfigError, match="OPTIMIZER_GATEWAY_STRATEGY"):
        GatewayConfig.from_env({"OPTIMIZER_GATEWAY_STRATEGY": "yolo"})
