"""A request cancelled while its answer starts in a thread (found by a reviewer, first
failing): still queued, it never reaches the upstream and its hold is given back; already
returned, its answer is drained in a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.inprocess import FakeUpstream, chat_request, in_process_gateway

from optimizer.auth import Role
from optimizer.providers import Finish, TextDelta, UsageReport
from optimizer.server import completions
from optimizer.server.completions import chat_completions


class SlowRest(FakeUpstream):
    """An upstream whose first piece comes at once and the rest only once the gate opens."""

    def __init__(self) -> None:
        self.calls = 0
        self.start = threading.Event()  # the first piece waits for it (the test's timing)
        self.start.set()
        self.gate = threading.Event()

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.calls += 1
        self.start.wait(10)
        yield TextDelta("the first piece ")
        self.gate.wait(10)
        yield TextDelta("the rest")
        yield UsageReport(20, 20)
        yield Finish("stop")


class RecordingPool(ThreadPoolExecutor):
    """The gateway's pool, remembering each job it was given (function, future)."""

    def __init__(self, threads: int) -> None:
        super().__init__(threads, thread_name_prefix="gateway")
        self.jobs: list[tuple[object, object]] = []

    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        self.jobs.append((fn, future))
        return future


@pytest.fixture
def slow(tmp_path):
    provider = SlowRest()
    gateway = in_process_gateway(tmp_path, provider)
    gateway.executor.shutdown(wait=True)
    gateway.executor = RecordingPool(1)
    yield gateway, provider
    provider.gate.set()
    gateway.executor.shutdown(wait=True)


async def _until_submitted(pool: RecordingPool, fn) -> object:
    for _ in range(1000):
        for submitted, future in pool.jobs:
            if submitted is fn:
                return future
        await asyncio.sleep(0.01)
    raise AssertionError(f"{fn.__name__} was never submitted")


def test_a_request_cancelled_while_queued_for_a_thread_never_reaches_the_upstream(slow, monkeypatch):
    # A full pool (OPTIMIZER threads all busy streaming): the client gives up while its
    # ``begin`` job waits in the queue. ``_in_thread`` shields the job and never cancels it,
    # so when a thread frees up the request is sent upstream (billed, recorded) for nobody.
    gateway, provider = slow
    secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret
    busy = threading.Event()
    real_allow = completions.allow

    def allow_then_fill_the_pool(gw, headers):
        caller = real_allow(gw, headers)
        gw.executor.submit(busy.wait, 10)  # another request's stream takes the one thread next
        return caller

    monkeypatch.setattr(completions, "allow", allow_then_fill_the_pool)

    async def cancelled_while_queued():
        task = asyncio.create_task(chat_completions(chat_request(gateway, secret)))
        job = await _until_submitted(gateway.executor, completions.begin)
        assert not job.running() and not job.done()  # queued behind the busy thread
        task.cancel()  # the client left
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(cancelled_while_queued())
    busy.set()
    provider.gate.set()
    gateway.executor.shutdown(wait=True)
    assert provider.calls == 0, "the upstream was called for a request cancelled before it started"
    gateway.batch.flush(timeout=5)  # a row would be written by the batch writer
    assert gateway.ledger.count() == 0


def test_an_abandoned_answer_is_drained_in_a_worker_not_on_the_event_loop(slow, monkeypatch):
    # ``begin`` returned (first piece read) but the task was cancelled before it resumed:
    # ``job.add_done_callback`` on a finished future calls ``_abandoned`` at once, on the
    # event loop's thread, and ``drain`` blocks the loop until the upstream's next event.
    gateway, provider = slow
    secret = gateway.keys.create("ana", Role.ANALYST, budget_usd=5.0).secret
    drained_in: list[str] = []
    real_drain = completions.drain

    def spy(gw, call, primed):
        drained_in.append(threading.current_thread().name)
        provider.gate.set()  # let the upstream finish instead of blocking the loop for 10 s
        return real_drain(gw, call, primed)

    monkeypatch.setattr(completions, "drain", spy)
    provider.start.clear()

    async def cancelled_as_it_returns():
        task = asyncio.create_task(chat_completions(chat_request(gateway, secret)))
        job = await _until_submitted(gateway.executor, completions.begin)
        provider.start.set()
        job.result(10)  # the loop is held: the thread has returned, the task has not resumed
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(cancelled_as_it_returns())
    gateway.executor.shutdown(wait=True)
    gateway.batch.flush(timeout=5)  # the ledger row is written by the batch writer
    assert gateway.ledger.count() == 1 and gateway.quotas.spent("ana") < 0.0001  # it is ended (holds today)
    assert drained_in and drained_in[0].startswith("gateway"), f"drained on {drained_in}"
