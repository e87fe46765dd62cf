"""A streamed answer's budget hold is settled however the stream ends (found by a reviewer,
first written failing): read to the end, a client that leaves after the first chunk, or a
response never sent. ``Events.aclose`` ends the run (stopped, recorded) and settles the hold;
``EventResponse`` calls it, since Starlette leaves a body iterator unclosed.
"""

from __future__ import annotations

import asyncio

import pytest
from support.inprocess import FakeUpstream, in_process_gateway, streamed_call

from optimizer.providers import Finish, TextDelta, UsageReport
from optimizer.server.completions import Events


class Provider(FakeUpstream):
    """An upstream that streams an answer in a few pieces."""

    def stream(self, messages, *, max_tokens, temperature, options=None):
        for _ in range(3):
            yield TextDelta("a piece of the answer ")
        yield UsageReport(20, 20)
        yield Finish("stop")


@pytest.fixture
def gateway(tmp_path):
    gateway = in_process_gateway(tmp_path, Provider())
    yield gateway
    gateway.executor.shutdown(wait=True)


def test_a_stream_closed_after_its_first_chunk_gives_back_its_hold(gateway):
    call, primed = streamed_call(gateway)
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
    call, primed = streamed_call(gateway)

    async def never_sent():
        events = Events(gateway, call, primed, "chatcmpl-x", 0)
        await events.aclose()

    asyncio.run(never_sent())
    assert call.hold.settled
