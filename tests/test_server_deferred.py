"""The gateway's cache writer (optimizer.server.deferred): answers are stored after they are
sent, in batches, and nothing a caller can observe changes: a repeat in the same process
waits for its write, management operations wait for every queued write, and closing writes
what is queued."""

from __future__ import annotations

import threading

import pytest

from optimizer.cache import BackendError, CacheRequest, CacheService, DiskBackend
from optimizer.server.deferred import DeferredCache


@pytest.fixture
def service(tmp_path):
    cache = CacheService(DiskBackend(tmp_path / "cache"))
    yield cache
    cache.close()


def ask(n: int) -> CacheRequest:
    return CacheRequest("chat", "m", f"question number {n}", query=f"question number {n}")


def test_a_repeat_waits_for_its_own_pending_write_and_hits(service):
    deferred = DeferredCache(service)
    release = threading.Event()
    real_put = service.put

    def slow_put(request, payload, **figures):
        release.wait(5)
        return real_put(request, payload, **figures)

    service.put = slow_put
    assert deferred.put(ask(1), {"text": "one"}) is True and deferred.pending == 1
    threading.Timer(0.2, release.set).start()
    hit = deferred.get(ask(1))  # waits for the write under way
    assert hit is not None and hit.kind == "exact" and hit.answer.payload == {"text": "one"}
    deferred.close()


def test_queued_answers_are_stored_in_one_transaction(service):
    deferred = DeferredCache(service, max_batch=16)
    batches = []
    real_batch = service.backend.batch

    def counting_batch():
        batches.append(1)
        return real_batch()

    service.backend.batch = counting_batch
    release = threading.Event()
    real_put = service.put
    calls = []

    def held_put(request, payload, **figures):
        calls.append(request.key)
        if len(calls) == 1:
            release.wait(5)  # the writer holds the first answer while ten more queue up
        return real_put(request, payload, **figures)

    service.put = held_put
    deferred.put(ask(0), {"text": "0"})
    for _ in range(500):  # until the writer holds the first answer
        if calls:
            break
        threading.Event().wait(0.01)
    for n in range(1, 11):
        deferred.put(ask(n), {"text": str(n)})
    release.set()
    assert deferred.flush(10) and deferred.pending == 0
    assert len(calls) == 11 and len(batches) == 2  # the first alone, then the ten together
    assert all(service.get(ask(n)) is not None for n in range(11))
    deferred.close()


def test_invalidate_and_clear_wait_for_queued_writes(service):
    deferred = DeferredCache(service)
    for n in range(5):
        deferred.put(ask(n), {"text": str(n)})
    assert deferred.invalidate("*") >= 5  # every queued answer landed before it, none after
    assert deferred.flush(5) and all(service.get(ask(n)) is None for n in range(5))
    deferred.close()


def test_close_writes_every_queued_answer_then_puts_write_at_once(tmp_path):
    service = CacheService(DiskBackend(tmp_path / "cache"))
    deferred = DeferredCache(service)
    for n in range(20):
        deferred.put(ask(n), {"text": str(n)})
    deferred.close()
    reopened = CacheService(DiskBackend(tmp_path / "cache"))
    try:
        assert all(reopened.get(ask(n)) is not None for n in range(20))
    finally:
        reopened.close()


def test_a_transaction_that_cannot_start_falls_back_to_one_write_each(service):
    deferred = DeferredCache(service)

    def busy():
        raise BackendError("the cache folder is busy")

    service.backend.batch = busy
    for n in range(3):
        deferred.put(ask(n), {"text": str(n)})
    assert deferred.flush(5)
    assert all(service.get(ask(n)) is not None for n in range(3))
    deferred.close()
