"""A streamed request cancelled while its answer starts (the server stopping, the client gone
while ``begin`` runs in a thread) still ends its run: when the thread returns, the answer is
stopped and read to its end there, recorded, and its budget hold settled; and ``Events.aclose``
returns only once a pumped run is stopped and settled (found by a reviewer, first failing).
"""

from __future__ import annotations

import asyncio
import gc
import threading

import pytest
from support.inprocess import FakeUpstream, chat_request, in_process_gateway, streamed_call

from optimizer.auth import Role
from optimizer.providers import Finish, TextDelta, UsageReport
from optimizer.server.completions import Events, chat_completions


class GatedProvider(FakeUpstream):
    """An upstream whose answer starts only once the test opens its gate."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.gate = threading.Event()

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.entered.set()
        self.gate.wait(10)
        for _ in range(3):
            yield TextDelta("a piece of the answer ")
        yield UsageReport(20, 20)
        yield Finish("stop")


@pytest.fixture
def gated(tmp_path):
    provider = GatedProvider()
    gateway = in_process_gateway(tmp_path, provider)
    yield gateway, provider
    provider.gate.set()
    gateway.executor.shutdown(wait=True)


def test_a_stream_cancelled_while_it_starts_settles_its_hold_and_records_its_run(gated):
    gateway, provider = gated
    secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret

    async def cancelled_while_starting():
        task = asyncio.create_task(chat_completions(chat_request(gateway, secret)))
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
    provider = SlowSecondPiece()
    gateway = in_process_gateway(tmp_path, provider)
    try:
        call, primed = streamed_call(gateway)

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
