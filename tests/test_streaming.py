from __future__ import annotations

import threading

from optimizer.providers import Finish, ProviderError, TextDelta, UsageReport
from optimizer.streaming import StreamingResponse


def make(events, **kw):
    done = []
    response = StreamingResponse(
        iter(events),
        provider="test",
        model="gpt-4o",
        prompt_tokens=10,
        count_tokens=lambda t: len(t.split()),
        price=lambda p, c, cached: p * 1e-6 + c * 2e-6,
        on_done=done.append,
        **kw,
    )
    return response, done


def test_iterating_yields_deltas_and_afterwards_knows_everything():
    response, done = make([TextDelta("Aqua "), TextDelta("Glycerin"), UsageReport(11, 3), Finish("stop")])
    assert list(response) == ["Aqua ", "Glycerin"]
    assert response.text == "Aqua Glycerin" and response.complete and done == [response]
    assert response.usage.source == "provider" and response.usage.total_tokens == 14
    assert response.cost_usd == 11e-6 + 3 * 2e-6
    assert response.ttft_ms is not None and response.latency_ms >= response.ttft_ms


def test_progress_ticks_while_streaming():
    response, _ = make([TextDelta("a "), TextDelta("b "), TextDelta("c"), Finish("stop")])
    seen = []
    for _ in response:
        seen.append(response.progress.tokens)
    assert seen == [1, 2, 3] and response.progress.cost_usd > 0 and response.progress.ttft_s is not None


def test_usage_is_counted_when_the_provider_reports_none():
    response, _ = make([TextDelta("one two three"), Finish("length")])
    list(response)
    assert response.usage.source == "counted" and response.usage.completion_tokens == 3


def test_a_cut_stream_keeps_the_partial_text_and_is_incomplete():
    def events():
        yield TextDelta("partial answer")
        raise ProviderError("the stream was cut", kind="cut")

    response, done = make(events())
    assert list(response) == ["partial answer"]
    assert not response.complete and response.error == "the stream was cut" and response.error_kind == "cut"
    assert response.text == "partial answer" and done


def test_stop_from_another_thread_ends_the_stream():
    gate = threading.Event()

    def events():
        yield TextDelta("first ")
        gate.wait(5)
        yield TextDelta("second")
        yield Finish("stop")

    response, _ = make(events())
    it = iter(response)
    assert next(it) == "first "
    threading.Thread(target=lambda: (response.stop(), gate.set())).start()
    assert list(it) == []
    assert response.stopped and not response.complete and "stopped" in response.error


def test_a_failed_request_without_text_costs_nothing():
    def events():
        raise ProviderError("cannot reach", kind="connection")
        yield  # pragma: no cover

    response, _ = make(events())
    assert list(response) == [] and response.cost_usd == 0.0


def test_replay_is_marked_cached_and_free():
    response = StreamingResponse.replay(
        "x" * 100, cached="exact", provider="p", model="m", prompt_tokens=20, completion_tokens=30, count_tokens=len
    )
    chunks = list(response)
    assert 2 <= len(chunks) <= 4 and "".join(chunks) == "x" * 100
    assert response.cached == "exact" and response.cost_usd == 0.0 and response.usage.completion_tokens == 30


def test_closing_the_iterator_midway_counts_as_a_stop():
    response, done = make([TextDelta("a "), TextDelta("b "), Finish("stop")])
    it = iter(response)
    next(it)
    it.close()  # what happens when Streamlit interrupts a script run
    assert response.stopped and not response.complete and done == [response] and response.text == "a "
