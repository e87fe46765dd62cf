from __future__ import annotations

import threading
import time

import pytest

from optimizer.errors import ConfigError
from optimizer.providers import Dequeued, FailureKind, Finish, ProviderError, Queued, TextDelta, UsageReport
from optimizer.states import CacheOutcome, EndState
from optimizer.streaming import Limits, StreamingResponse


def make(events, *, on_done=None, **kw):
    done = []
    response = StreamingResponse(
        iter(events),
        provider="test",
        model="gpt-4o",
        prompt_tokens=10,
        count_tokens=lambda t: len(t.split()),
        price=lambda p, c, cached: p * 1e-6 + c * 2e-6,
        on_done=on_done or done.append,
        **kw,
    )
    return response, done


def test_iterating_yields_deltas_and_afterwards_knows_everything():
    response, done = make([TextDelta("Aqua "), TextDelta("Glycerin"), UsageReport(11, 3), Finish("stop")])
    assert list(response) == ["Aqua ", "Glycerin"]
    assert response.text == "Aqua Glycerin" and response.complete and done == [response]
    assert response.end_state is EndState.COMPLETE and response.error is None
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
        raise ProviderError("the connection dropped after 2 tokens", kind=FailureKind.DROPPED)

    response, done = make(events())
    assert list(response) == ["partial answer"]
    assert not response.complete and response.end_state is EndState.FAILED
    assert response.error == "the connection dropped after 2 tokens" and response.error_kind == "dropped"
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
    assert response.end_state is EndState.STOPPED


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
    assert response.cached is CacheOutcome.EXACT and response.cost_usd == 0.0 and response.usage.completion_tokens == 30
    assert response.end_state is EndState.COMPLETE


def test_closing_the_iterator_midway_counts_as_a_stop():
    response, done = make([TextDelta("a "), TextDelta("b "), Finish("stop")])
    it = iter(response)
    next(it)
    it.close()  # what happens when Streamlit interrupts a script run
    assert response.stopped and not response.complete and done == [response] and response.text == "a "
    assert response.end_state is EndState.STOPPED


def test_done_turns_true_only_after_on_done_returned():
    """A reader polling ``done`` from another thread (the studio's Stopping poll) must find
    what ``on_done`` recorded: done is set after it, even when on_done raises."""
    seen = []
    response, _ = make([TextDelta("a "), TextDelta("b "), Finish("stop")], on_done=lambda r: seen.append(r.done))
    it = iter(response)
    next(it)
    it.close()
    assert seen == [False] and response.done

    def failing(r):
        raise OSError("disk full")

    broken, _ = make([TextDelta("a"), Finish("stop")], on_done=failing)
    with pytest.raises(OSError):
        list(broken)
    assert broken.done and broken.complete


def test_a_crash_inside_the_provider_is_failed_not_stopped():
    def events():
        yield TextDelta("half ")
        raise RuntimeError("llama went away at http://u:SECRET@host/v1")

    response, done = make(events())
    assert list(response) == ["half "]
    assert response.end_state is EndState.FAILED and response.error_kind == "crash"
    assert "stopped" not in response.error and "SECRET" not in response.error and done


def test_a_stream_that_ends_without_a_finish_is_failed():
    response, _ = make([TextDelta("a b")])
    list(response)
    assert response.end_state is EndState.FAILED and "without finishing after 2 tokens" in response.error


def test_the_token_cap_is_complete_and_says_so():
    response, _ = make([TextDelta("a b"), Finish("length")])
    list(response)
    assert response.end_state is EndState.COMPLETE and response.at_token_cap


def test_the_size_cap_cuts_and_keeps_what_fits():
    closed = []

    def events():
        try:
            while True:
                yield TextDelta("0123456789")
        finally:
            closed.append(True)  # the provider is told to stop

    response, _ = make(events(), limits=Limits(max_answer_chars=25))
    assert "".join(response) == "0123456789" * 2 + "01234"
    assert response.end_state is EndState.CUT and response.error_kind == "too_large"
    assert "size cap of 25 characters" in response.error and closed == [True]


def test_the_deadline_cuts_a_trickle():
    def events():
        while True:
            time.sleep(0.02)
            yield TextDelta("x ")

    response, _ = make(events(), limits=Limits(deadline_s=0.1))
    text = "".join(response)
    assert text and response.end_state is EndState.CUT and response.error_kind == "deadline"


def test_a_provider_cut_is_cut():
    def events():
        yield TextDelta("a ")
        raise ProviderError("cut at the deadline", kind=FailureKind.DEADLINE, tokens=1)

    response, _ = make(events())
    list(response)
    assert response.end_state is EndState.CUT


def test_queue_wait_is_reported_apart_from_time_to_first_token():
    seen = []

    def events():
        yield Queued(2)
        yield Queued(1)
        time.sleep(0.05)
        yield Dequeued(0.3)
        yield TextDelta("a")
        yield Finish("stop")

    response, _ = make(events())
    for _ in response:
        seen.append(response.progress.queued_ahead)
    assert seen == [2, 1, 0, 0] and response.queue_ms == pytest.approx(300)
    assert response.ttft_ms < 50  # counted from Dequeued, not from the request


def test_progress_shows_the_queue_while_waiting():
    gate = []

    def events():
        yield Queued(1)
        gate.append(response.progress)
        yield Dequeued(0.01)
        yield TextDelta("a")
        yield Finish("stop")

    response, _ = make(events())
    assert list(response) == ["", "", "a"] and response.text == "a"
    assert gate[0].queued_ahead == 1 and gate[0].end_state is EndState.STREAMING


def test_limits_are_validated():
    with pytest.raises(ConfigError, match="more than 0 seconds"):
        Limits(deadline_s=0)
    with pytest.raises(ConfigError, match="OPTIMIZER_MAX_ANSWER_CHARS"):
        Limits.from_env({"OPTIMIZER_MAX_ANSWER_CHARS": "lots"})
    assert Limits.from_env({"OPTIMIZER_DEADLINE_S": "2.5"}).deadline_s == 2.5


def test_a_backdated_response_counts_its_time_from_when_its_events_were_received():
    started = time.perf_counter() - 0.5  # fetched half a second ago, first text 0.1 s after it began
    response = StreamingResponse(
        [TextDelta("Hi"), Finish("stop")],
        provider="p",
        model="m",
        prompt_tokens=1,
        count_tokens=len,
        price=lambda *a: 0.0,
    )
    response.backdate(started, started + 0.1)
    assert list(response) == ["Hi"] and response.complete
    assert response.ttft_ms == pytest.approx(100) and response.latency_ms >= 500
