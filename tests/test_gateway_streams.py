"""A streamed answer's budget hold is settled however the stream ends (found by a reviewer,
first written failing): read to the end, a client that leaves after the first chunk, or a
response never sent. ``Events.aclose`` ends the run (stopped, recorded) and settles the hold;
``EventResponse`` calls it, since Starlette leaves a body iterator unclosed.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from optimizer.auth import Role
from optimizer.cache import CacheService, DiskBackend
from optimizer.generate import GenerationService
from optimizer.ledger import Ledger
from optimizer.providers import Finish, TextDelta, UsageReport
from optimizer.quotas import MemoryCounters
from optimizer.server import Gateway, GatewayConfig
from optimizer.server.completions import Events, allow, check, start

MODEL = "gpt-4o-mini"  # priced, so a hold sets something aside


class Provider:
    """An upstream that streams an answer in a few pieces."""

    name, model, endpoint = "openai", MODEL, "http://127.0.0.1:9/v1"

    def describe(self):
        return "fake"

    def count_tokens(self, text):
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        for _ in range(3):
            yield TextDelta("a piece of the answer ")
        yield UsageReport(20, 20)
        yield Finish("stop")


@pytest.fixture
def gateway(tmp_path):
    gateway = Gateway(
        GatewayConfig(),
        ledger=Ledger(tmp_path / "ledger.sqlite3"),
        cache=CacheService(DiskBackend(tmp_path / "cache")),
        counters=MemoryCounters(),
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MODEL": MODEL},
    )
    gateway.services = {MODEL: GenerationService(Provider(), gateway.cache, gateway.batch, source="gateway")}
    yield gateway
    gateway.executor.shutdown(wait=True)


def _streamed_call(gateway: Gateway):
    secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret
    headers = {"authorization": f"Bearer {secret}", "content-type": "application/json"}
    body = {"model": MODEL, "stream": True, "messages": [{"role": "user", "content": "a serum for dry skin"}]}
    caller = allow(gateway, headers)
    call = check(gateway, caller, json.dumps(body).encode(), headers)
    return call, start(gateway, call)


def test_a_stream_closed_after_its_first_chunk_gives_back_its_hold(gateway):
    call, primed = _streamed_call(gateway)
    assert call.hold is not None and call.hold.micro_usd > 0  # something was set aside

    async def leave_after_first_chunk():
        events = Events(gateway, call, primed, "chatcmpl-x", 0)
        await events.__anext__()  # the role chunk reaches the client, then it disconnects
        await events.aclose()

    asyncio.run(leave_after_first_chunk())
    assert call.hold.settled, "the hold is still set aside: the key's budget leaks"


def test_a_stream_never_sent_gives_back_its_hold(gateway):
    # Starlette does not iterate the body when sending the response start fails (the
    # client went away while the first piece was being primed).
    call, primed = _streamed_call(gateway)

    async def never_sent():
        events = Events(gateway, call, primed, "chatcmpl-x", 0)
        await events.aclose()

    asyncio.run(never_sent())
    assert call.hold.settled
