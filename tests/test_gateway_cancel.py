"""A streamed request cancelled while its answer starts (the server stopping, the client gone
while ``begin`` runs in a thread) still ends its run: when the thread returns, the answer is
stopped and read to its end there, recorded, and its budget hold settled; and ``Events.aclose``
returns only once a pumped run is stopped and settled (found by a reviewer, first failing).
"""

from __future__ import annotations

import asyncio
import gc
import json
import threading

import pytest

from optimizer.auth import Role
from optimizer.cache import CacheService, DiskBackend
from optimizer.generate import GenerationService
from optimizer.ledger import Ledger
from optimizer.providers import Finish, TextDelta, UsageReport
from optimizer.quotas import MemoryCounters
from optimizer.server import Gateway, GatewayConfig
from optimizer.server.completions import CHAT_PATH, chat_completions

MODEL = "gpt-4o-mini"  # priced, so a hold sets something aside


class GatedProvider:
    """An upstream whose answer starts only once the test opens its gate."""

    name, model, endpoint = "openai", MODEL, "http://127.0.0.1:9/v1"

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.gate = threading.Event()

    def describe(self):
        return "fake"

    def count_tokens(self, text):
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.entered.set()
        self.gate.wait(10)
        for _ in range(3):
            yield TextDelta("a piece of the answer ")
        yield UsageReport(20, 20)
        yield Finish("stop")


class _App:
    def __init__(self, gateway: Gateway) -> None:
        self.state = type("State", (), {"gateway": gateway})()


@pytest.fixture
def gated(tmp_path):
    gateway = Gateway(
        GatewayConfig(),
        ledger=Ledger(tmp_path / "ledger.sqlite3"),
        cache=CacheService(DiskBackend(tmp_path / "cache")),
        counters=MemoryCounters(),
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MODEL": MODEL},
    )
    provider = GatedProvider()
    gateway.services = {MODEL: GenerationService(provider, gateway.cache, gateway.batch, source="gateway")}
    yield gateway, provider
    provider.gate.set()
    gateway.executor.shutdown(wait=True)


def _request(gateway: Gateway, secret: str):
    from starlette.requests import Request

    body = json.dumps(
        {"model": MODEL, "stream": True, "messages": [{"role": "user", "content": "a serum for dry skin"}]}
    ).encode()
    scope = {
        "type": "http",
        "method": "POST",
        "path": CHAT_PATH,
        "headers": [
            (b"authorization", f"Bearer {secret}".encode()),
            (b"content-type", b"application/json"),
        ],
        "query_string": b"",
        "app": _App(gateway),
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(scope, receive)


def test_a_stream_cancelled_while_it_starts_settles_its_hold_and_records_its_run(gated):
    gateway, provider = gated
    secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret

    async def cancelled_while_starting():
        task = asyncio.create_task(chat_completions(_request(gateway, secret)))
        assert await asyncio.get_running_loop().run_in_executor(None, provider.entered.wait, 10)
        task.cancel()  # the server stopping while the answer starts
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(cancelled_while_starting())
    provider.gate.set()
    gateway.executor.shutdown(wait=True)  # the thread that ran ``begin`` has finished
    gc.collect()
    # The run's real cost is $0.000015 (20 + 20 tokens); the hold set aside ~$0.00048.
    spent = gateway.quotas.spent("ana")
    assert spent < 0.0001, f"${spent:.6f} still counted as spent: the hold was never settled"
    gateway.batch.flush(timeout=5)  # the ledger row is written by the batch writer
    assert gateway.ledger.count() == 1, "the run that was started is not in the ledger"


class SlowSecondPiece(GatedProvider):
    """The first piece at once, the rest only once the gate opens (an upstream mid-answer)."""

    def stream(self, messages, *, max_tokens, temperature, options=None):
        yield TextDelta("the first piece ")
        yield TextDelta("the second piece ")
        self.entered.set()
        self.gate.wait(10)
        yield TextDelta("the rest")
        yield UsageReport(20, 20)
        yield Finish("stop")


def test_closing_a_pumped_stream_has_settled_its_hold_when_aclose_returns(tmp_path):
    from optimizer.server.completions import Events, allow, check, start

    gateway = Gateway(
        GatewayConfig(),
        ledger=Ledger(tmp_path / "ledger.sqlite3"),
        cache=CacheService(DiskBackend(tmp_path / "cache")),
        counters=MemoryCounters(),
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MODEL": MODEL},
    )
    provider = SlowSecondPiece()
    gateway.services = {MODEL: GenerationService(provider, gateway.cache, gateway.batch, source="gateway")}
    try:
        secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret
        headers = {"authorization": f"Bearer {secret}", "content-type": "application/json"}
        body = {"model": MODEL, "stream": True, "messages": [{"role": "user", "content": "a serum for dry skin"}]}
        call = check(gateway, allow(gateway, headers), json.dumps(body).encode(), headers)
        primed = start(gateway, call)

        async def leave_mid_stream():
            events = Events(gateway, call, primed, "chatcmpl-x", 0)
            for _ in range(3):  # role, the first piece, the second piece (from the pump)
                await events.__anext__()
            # The upstream sends its next event a little later (stop() is seen then): aclose
            # must wait for the pump to end the run, not return while it is still open.
            threading.Timer(0.2, provider.gate.set).start()
            await events.aclose()  # the client disconnects
            return call.hold.settled

        settled = asyncio.run(leave_mid_stream())
        assert settled, "aclose returned with the run still open and its hold still set aside"
    finally:
        provider.gate.set()
        gateway.executor.shutdown(wait=True)
