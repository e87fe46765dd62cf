"""An in-process gateway over a fake upstream, for the tests that drive the app or its chat
handler without starting ``serve``.

* :class:`FakeUpstream`: the provider surface ``GenerationService`` reads; a test's upstream
  subclasses it and writes ``stream``.
* :func:`in_process_gateway`: a :class:`Gateway` with its ledger and cache in a folder,
  counters in memory, and one model served by the given upstream.
* :func:`chat_request`: a streamed ``POST /v1/chat/completions`` as a Starlette request, for
  calling ``completions.chat_completions`` directly.
* :func:`streamed_call`: the same request admitted and started by the handler's own steps
  (``allow``, ``check``, ``start``) for a key with a $5 budget, so its hold is set aside.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from optimizer.auth import Role
from optimizer.cache import CacheService, DiskBackend
from optimizer.generate import GenerationService
from optimizer.ledger import Ledger
from optimizer.quotas import MemoryCounters
from optimizer.server import Gateway, GatewayConfig
from optimizer.server.completions import CHAT_PATH, allow, check, start

MODEL = "gpt-4o-mini"  # a priced model: a run costs something against a budget


class FakeUpstream:
    """What the pipeline reads of a provider besides ``stream`` (which a subclass writes)."""

    name, model, endpoint = "openai", MODEL, "http://127.0.0.1:9/v1"

    def describe(self) -> str:
        return "fake"

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def in_process_gateway(folder: Path, upstream: Any) -> Gateway:
    """A gateway whose ledger and cache live in ``folder`` and whose one model, :data:`MODEL`,
    is answered by ``upstream`` (the caller shuts its executor down)."""
    gateway = Gateway(
        GatewayConfig(),
        ledger=Ledger(folder / "ledger.sqlite3"),
        cache=CacheService(DiskBackend(folder / "cache")),
        counters=MemoryCounters(),
        env={"OPENAI_BASE_URL": FakeUpstream.endpoint, "OPENAI_MODEL": MODEL},
    )
    gateway.services = {MODEL: GenerationService(upstream, gateway.cache, gateway.batch, source="gateway")}
    return gateway


_BODY = {"model": MODEL, "stream": True, "messages": [{"role": "user", "content": "a serum for dry skin"}]}


class _App:
    def __init__(self, gateway: Gateway) -> None:
        self.state = type("State", (), {"gateway": gateway})()


def chat_request(gateway: Gateway, secret: str) -> Any:
    """A streamed chat request for ``gateway`` with the key ``secret``, as the app receives it."""
    from starlette.requests import Request

    body = json.dumps(_BODY).encode()
    scope = {
        "type": "http",
        "method": "POST",
        "path": CHAT_PATH,
        "headers": [(b"authorization", f"Bearer {secret}".encode()), (b"content-type", b"application/json")],
        "query_string": b"",
        "app": _App(gateway),
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(scope, receive)


def streamed_call(gateway: Gateway) -> tuple[Any, Any]:
    """(the checked call, its started answer) of a streamed request by a new key "ana" with a
    $5 budget: what ``chat_completions`` holds before it sends the first event."""
    secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret
    headers = {"authorization": f"Bearer {secret}", "content-type": "application/json"}
    call = check(gateway, allow(gateway, headers), json.dumps(_BODY).encode(), headers)
    return call, start(gateway, call)
