"""The gateway's own asynchronous upstream call (optimizer.server.upstream) against a scripted
HTTP server on loopback: the request it sends, keep-alive reuse, chunked and CRLF streams,
the official client's retries, and every failure in the provider's own words."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import pytest

from optimizer import providers  # providers.OpenAIProvider imports openai on use: support/once.py
from optimizer.providers.base import Finish, Message, ProviderError, TextDelta, UsageReport
from optimizer.server.upstream import Fetched, PrefetchedProvider, Upstream

KEY = "sk-upstream-test-0123456789abcdefghijkl"


def sse(*texts: str, finish: str | None = "stop", usage: bool = True, crlf: bool = False) -> bytes:
    """An OpenAI stream body: one chunk per text, the finish, the usage, [DONE]."""
    chunks = [{"choices": [{"index": 0, "delta": {"content": t}, "finish_reason": None}]} for t in texts]
    if finish:
        chunks.append({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    if usage:
        chunks.append({"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}})
    end = b"\r\n\r\n" if crlf else b"\n\n"
    return b"".join(b"data: " + json.dumps(c).encode() + end for c in chunks) + b"data: [DONE]" + end


def response(status: int, body: bytes, kind: str = "text/event-stream", *, extra: str = "", close=False) -> bytes:
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n{extra}"
    if close:
        head += "Connection: close\r\n"
    return head.encode() + b"\r\n" + body


def chunked(body: bytes) -> bytes:
    half = len(body) // 2
    parts = [body[:half], body[half:]]
    out = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + out


class Script:
    """A loopback HTTP server that answers each request with the next scripted action:
    bytes to send, or an async callable ``(writer) -> None`` (it may close, stall...)."""

    def __init__(self, actions: list) -> None:
        self.actions = list(actions)
        self.requests: list[tuple[bytes, bytes]] = []  # (head, body)
        self.connections = 0
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> Script:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc) -> None:
        assert self.server is not None
        self.server.close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/v1"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while self.actions:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
                self.requests.append((head, await reader.readexactly(length)))
                action = self.actions.pop(0)
                if callable(action):
                    await action(writer)
                    if writer.is_closing():
                        return
                else:
                    writer.write(action)
                    await writer.drain()
        finally:
            writer.close()


def upstream(url: str, *, model: str = "gpt-4o-mini", retries: int = 2, key: str = KEY) -> Upstream:
    provider = providers.OpenAIProvider(model, api_key=key, base_url=url, max_retries=retries, backoff=0.001, timeout=5)
    return Upstream(provider, key)


def scripted(actions: list, body: Callable[[Script], object]):
    """Run ``body(script)`` (a coroutine function) against a server with ``actions``."""

    async def main():
        async with Script(actions) as script:
            return await body(script)

    return asyncio.run(main())


def test_a_streamed_answer_comes_back_as_one_delta_with_usage_and_finish_and_the_connection_is_reused():
    async def body(script: Script):
        up = upstream(script.url)
        first = await up.fetch([Message("system", "Brief."), Message("user", "Hi")], max_tokens=32, temperature=0.5)
        second = await up.fetch([Message("user", "Again")], max_tokens=8, temperature=1.0)
        return script, first, second

    script, first, second = scripted([response(200, sse("Hel", "lo")), chunked(sse("Bye", crlf=True))], body)
    assert first.error is None and first.events == [TextDelta("Hello"), UsageReport(7, 3, 0), Finish("stop")]
    assert second.error is None and second.events[0] == TextDelta("Bye")
    assert first.first is not None and first.started <= first.first
    assert script.connections == 1  # kept alive and reused


def test_the_request_is_the_providers_own_with_the_operators_key_and_nothing_of_the_callers():
    async def body(script: Script):
        await upstream(script.url).fetch([Message("user", "Hi")], max_tokens=12, temperature=0.25)
        return script

    script = scripted([response(200, sse("ok"))], body)
    head, raw = script.requests[0]
    assert head.startswith(b"POST /v1/chat/completions HTTP/1.1")
    assert f"Authorization: Bearer {KEY}".encode() in head
    sent = json.loads(raw)
    assert sent == {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hi"}],
        "max_tokens": 12,
        "temperature": 0.25,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    assert script.connections == 1


def test_a_query_on_the_base_url_goes_on_the_request_after_the_path():
    """As the provider's own client sends it (tests/test_providers.py): the studio and the
    gateway call the same URL for one base URL."""

    async def body(script: Script):
        await upstream(script.url + "?api-version=2024-06-01").fetch(
            [Message("user", "Hi")], max_tokens=4, temperature=0
        )
        return script

    script = scripted([response(200, sse("ok"))], body)
    head, _ = script.requests[0]
    assert head.startswith(b"POST /v1/chat/completions?api-version=2024-06-01 HTTP/1.1"), head[:80]


def test_a_keep_alive_connection_the_server_closed_is_replaced_without_a_retry():
    async def body(script: Script):
        up = upstream(script.url, retries=0)
        first = await up.fetch([Message("user", "a")], max_tokens=5, temperature=1)
        await asyncio.sleep(0.05)  # the server has closed its side by now
        second = await up.fetch([Message("user", "b")], max_tokens=5, temperature=1)
        return first, second, script

    async def answer_then_hang_up(writer):  # says keep-alive, then closes while the client keeps it
        writer.write(response(200, sse("one")))
        await writer.drain()
        writer.close()

    first, second, script = scripted([answer_then_hang_up, response(200, sse("two"))], body)
    assert first.error is None and second.error is None
    assert second.events[0] == TextDelta("two") and script.connections == 2


def test_503_is_retried_like_the_official_client_then_succeeds():
    error = json.dumps({"error": {"message": "busy", "type": "server_error"}}).encode()
    actions = [response(503, error, "application/json", extra="retry-after-ms: 1\r\n")] * 2 + [
        response(200, sse("fine"))
    ]

    async def body(script: Script):
        return await upstream(script.url).fetch([Message("user", "x")], max_tokens=5, temperature=1), script

    fetched, script = scripted(actions, body)
    assert fetched.error is None and fetched.events[0] == TextDelta("fine") and len(script.requests) == 3


@pytest.mark.parametrize(
    ("status", "kind", "words"),
    [
        (503, "server", "503"),
        (401, "auth", "rejected the API key"),
        (404, "not_found", "404"),
        (302, "redirect", "302"),
    ],
)
def test_a_final_error_status_is_the_providers_sentence_without_the_key(status, kind, words):
    error = json.dumps({"error": {"message": f"no {KEY}", "type": "x"}}).encode()

    async def body(script: Script):
        return await upstream(script.url, retries=0).fetch([Message("user", "x")], max_tokens=5, temperature=1)

    fetched = scripted([response(status, error, "application/json", extra="Location: http://elsewhere/\r\n")], body)
    assert isinstance(fetched.error, ProviderError) and fetched.error.kind.value == kind
    assert words in str(fetched.error) and KEY not in str(fetched.error) and fetched.events == []


def test_nothing_listening_is_refused_after_the_retries():
    up = upstream("http://127.0.0.1:9/v1", retries=1)
    fetched = asyncio.run(up.fetch([Message("user", "x")], max_tokens=5, temperature=1))
    assert fetched.error is not None and fetched.error.kind.value == "refused"
    assert "connection refused" in str(fetched.error)


def test_a_stalled_upstream_is_cut_at_the_deadline():
    async def stall(writer):
        await asyncio.sleep(5)

    async def body(script: Script):
        started = time.monotonic()
        fetched = await upstream(script.url).fetch([Message("user", "x")], max_tokens=5, temperature=1, deadline_s=0.15)
        return fetched, time.monotonic() - started

    fetched, took = scripted([stall], body)
    assert (
        fetched.error is not None and fetched.error.kind.value == "timeout" and "0.15 s deadline" in str(fetched.error)
    )
    assert took < 3


def test_a_stream_that_ends_without_finishing_keeps_its_text_and_says_it_dropped():
    async def cut(writer):
        text = sse("partial answer", finish=None, usage=False).replace(b"data: [DONE]\n\n", b"")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + text)
        await writer.drain()
        writer.close()

    async def body(script: Script):
        return await upstream(script.url).fetch([Message("user", "x")], max_tokens=5, temperature=1)

    fetched = scripted([cut], body)
    assert fetched.events == [TextDelta("partial answer")]
    assert (
        fetched.error is not None
        and fetched.error.kind.value == "dropped"
        and "partial answer is kept" in str(fetched.error)
    )


def test_an_answer_past_the_size_cap_is_cut_and_an_html_page_is_not_an_api():
    big = sse("x" * 2_000_000)

    async def body(script: Script):
        up = upstream(script.url, retries=0)
        capped = await up.fetch([Message("user", "x")], max_tokens=5, temperature=1, max_answer_chars=10)
        html = await up.fetch([Message("user", "y")], max_tokens=5, temperature=1)
        return capped, html

    capped, html = scripted([response(200, big), response(200, b"<html>login</html>", "text/html")], body)
    assert capped.error is not None and capped.error.kind.value == "too_large"
    assert html.error is not None and html.error.kind.value == "not_openai"


def test_an_error_event_in_the_stream_is_a_failure_with_its_message():
    body_bytes = b'data: {"error": {"message": "model overloaded"}}\n\n'

    async def body(script: Script):
        return await upstream(script.url).fetch([Message("user", "x")], max_tokens=5, temperature=1)

    fetched = scripted([response(200, body_bytes)], body)
    assert fetched.error is not None and "model overloaded" in str(fetched.error)


def test_the_prefetched_provider_replays_what_was_fetched_and_refuses_another_request():
    provider = PrefetchedProvider(
        providers.OpenAIProvider("gpt-4o-mini", api_key=KEY, base_url="http://127.0.0.1:9/v1"), KEY
    )
    messages = (Message("user", "Hi"),)
    fetched = Fetched([TextDelta("Hello"), Finish("stop")], messages=messages, max_tokens=8)
    token = PrefetchedProvider.replaying(fetched)
    try:
        assert list(provider.stream(messages, max_tokens=8, temperature=1)) == fetched.events
        with pytest.raises(RuntimeError):
            provider.stream((Message("user", "Other"),), max_tokens=8, temperature=1)
    finally:
        PrefetchedProvider.done(token)
    assert provider.count_tokens("hello world") == provider.inner.count_tokens("hello world")
    assert provider.name == "openai" and provider.endpoint == "http://127.0.0.1:9/v1"
    failing = Fetched([TextDelta("par")], ProviderError("it dropped", kind="dropped"), messages=messages, max_tokens=8)
    replay = failing.replay()
    assert next(replay) == TextDelta("par")
    with pytest.raises(ProviderError):
        next(replay)


def test_the_base_url_must_be_http():
    with pytest.raises(ProviderError):
        Upstream.parse_base("ftp://example.com/v1")
    assert Upstream.parse_base("http://[::1]:8080/v1") == ("http", "::1", 8080, "/v1/chat/completions")
