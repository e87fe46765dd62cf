"""What a key holder or an anonymous visitor cannot make the gateway do (found by an
adversarial review, each test first written failing):

* an analyst key cannot read the text of other people's runs through ``GET stats?search=``;
* concurrent requests of one key cannot all pass its budget check;
* an anonymous request is refused before its body is read, and a body has a size cap;
* a keyless gateway refuses requests from web pages (DNS rebinding, cross-site POST).
"""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from starlette.testclient import TestClient
from support.inprocess import MODEL, FakeUpstream, in_process_gateway

from optimizer.auth import Role
from optimizer.ledger import RunRecord
from optimizer.providers import Finish, TextDelta, UsageReport
from optimizer.server import create_app


class Provider(FakeUpstream):
    """An upstream that answers at once, or, with ``gate`` set, only once the gate opens
    (at most 5 s): every request the gateway lets through is then answering at once."""

    def __init__(self) -> None:
        self.gate: threading.Event | None = None

    def stream(self, messages, *, max_tokens, temperature, options=None):
        if self.gate is not None:
            self.gate.wait(timeout=5)
        yield TextDelta("A fairly long answer " * 20)
        yield UsageReport(2000, 2000)
        yield Finish("stop")


@pytest.fixture
def gateway_app(tmp_path):
    """An in-process gateway whose one model is a :class:`Provider` (set its gate to hold answers)."""
    provider = Provider()
    gateway = in_process_gateway(tmp_path, provider)
    with TestClient(create_app(gateway), base_url="http://127.0.0.1") as client:
        client.gateway, client.provider = gateway, provider
        yield client


def test_an_analyst_key_cannot_search_the_text_of_other_peoples_runs(gateway_app):
    gateway = gateway_app.gateway
    analyst = gateway.keys.create("ana", Role.ANALYST).secret
    gateway.keys.create("bob", Role.ANALYST)
    gateway.ledger.record(
        RunRecord(
            "chat", "openai", MODEL, "none", "chat", "none", 9, 9, 9, 0.0,
            user="bob", query="Bob's confidential launch: Zanzibar serum, 7% niacinamide",
        )
    )  # fmt: skip
    auth = {"Authorization": f"Bearer {analyst}"}

    def matches(text: str) -> int:
        response = gateway_app.get("/api/v1/optimization/stats", params={"search": text}, headers=auth)
        return response.json()["summary"]["runs"] if response.status_code == 200 else 0

    # Team totals are allowed; a substring oracle over another person's request is not:
    # with it, "Zanzibar" -> 1 and "Zanzibaz" -> 0 recover Bob's text letter by letter.
    assert matches("Zanzibar") == 0 and matches("7% niacinamide") == 0


def test_a_budget_holds_when_a_key_sends_requests_at_once(gateway_app):
    gateway, at_once = gateway_app.gateway, 6
    frugal = gateway.keys.create("frugal", Role.ANALYST, budget_usd=0.000001).secret
    gate = gateway_app.provider.gate = threading.Event()  # the first answer waits for the others
    statuses: list[int] = []

    def ask(i: int) -> None:
        payload = {"model": MODEL, "messages": [{"role": "user", "content": f"question number {i} about serums"}]}
        response = gateway_app.post("/v1/chat/completions", json=payload, headers={"Authorization": f"Bearer {frugal}"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(at_once)]
    for thread in threads:
        thread.start()
    # Open the gate once all but one have their answer (refused at once when the budget
    # holds), or after 5 s (when every request was let through, the defect).
    deadline = time.monotonic() + 5
    while len(statuses) < at_once - 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.set()
    for thread in threads:
        thread.join(30)
    assert len(statuses) == at_once
    spent = gateway.quotas.spent("frugal", gateway.keys.find("frugal"))
    # Each answer costs about $0.0015, 1,500x the budget; the one that crosses the line
    # may run ("not cut"), the others sent with it must not.
    assert spent > 0.000001
    assert statuses.count(200) == 1 and statuses.count(429) == at_once - 1, (statuses, spent)


def _whole(answer: str) -> bool:
    """Whether an HTTP answer read so far has all of the body its Content-Length announces."""
    head, _, body = answer.partition("\r\n\r\n")
    length = next(
        (line.split(":", 1)[1] for line in head.split("\r\n") if line.lower().startswith("content-length:")), "0"
    )
    return len(body.encode("latin-1")) >= int(length.strip() or 0)


@pytest.mark.server
def test_an_anonymous_request_is_refused_before_its_body_is_read(shared_gateway):
    port = int(shared_gateway.url.rsplit(":", 1)[1])
    head = (
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 10000000000\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode() + b'{"model": "gpt-4o-mini", "messages": [')  # then 10 GB would follow
        answer = ""
        try:
            while "\r\n\r\n" not in answer or not _whole(answer):  # the head and body may come apart
                chunk = sock.recv(4096).decode("latin-1")
                if not chunk:
                    break
                answer += chunk
        except TimeoutError:
            pass  # the server waits for the 10 GB, holding what came in memory
    # Expected: 401 (no key) or 413 (too large) at once, without the body.
    assert answer.startswith(("HTTP/1.1 401", "HTTP/1.1 413")), answer[:200]
    assert json.loads(answer.split("\r\n\r\n", 1)[1])["error"]["message"]


def test_a_keyless_gateway_refuses_requests_from_web_pages(gateway_app):
    # No key exists: "serve runs keyless for one person's own scripts" on loopback, and
    # every request is the local admin. A web page the operator visits can reach
    # 127.0.0.1 too: a cross-site POST with a "simple" content type needs no preflight,
    # and after DNS rebinding the page is same-origin and reads the answers.
    evil = {"Host": "rebind.attacker.example:8000", "Origin": "http://rebind.attacker.example:8000"}
    cleared = gateway_app.delete("/api/v1/optimization/cache/clear", headers=evil)
    stats = gateway_app.get("/api/v1/optimization/stats", params={"search": "serum"}, headers=evil)
    payload = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": "spend the operator's key"}]})
    cross_site = gateway_app.post(
        "/v1/chat/completions",
        content=payload,
        headers={"Content-Type": "text/plain", "Origin": "https://attacker.example"},
    )
    assert cleared.status_code >= 400 and stats.status_code >= 400, (cleared.status_code, stats.status_code)
    assert cross_site.status_code >= 400, cross_site.status_code


def test_a_body_over_the_limit_is_a_413_announced_or_chunked(tmp_path, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_MAX_INPUT_MB", "0.001")  # 1 KB of input: bodies up to about 2 KB
    gateway = in_process_gateway(tmp_path, Provider())
    big = json.dumps({"data": "serum " * 2000, "level": "light"}).encode()

    def chunks():
        for i in range(0, len(big), 1000):
            yield big[i : i + 1000]

    with TestClient(create_app(gateway), base_url="http://127.0.0.1") as client:
        announced = client.post("/api/v1/optimization/compress", content=big)
        chunked = client.post("/api/v1/optimization/compress", content=chunks())
        chat = client.post("/v1/chat/completions", content=chunks())
        small = client.post("/api/v1/optimization/compress", json={"data": "a light serum", "level": "light"})
    for response in (announced, chunked, chat):
        assert response.status_code == 413, response.text
        assert "larger than" in response.json()["error"]["message"]
    assert small.status_code == 200
