"""bench gateway's load generator: the answer read by length or by chunks, the key sent,
a closed keep-alive connection opened again, and any status but 200 an error."""

from __future__ import annotations

import asyncio
import json

import pytest
from werkzeug import Response

from optimizer.bench.raw_client import RawChatClient, RawClientError

ANSWER = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "hello there"}}]}


def ask(client: RawChatClient, text: str = "hi") -> str:
    async def go() -> str:
        try:
            answer = await client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": text}], max_tokens=8
            )
            return answer.choices[0].message.content
        finally:
            await client.close()

    return asyncio.run(go())


def test_sends_the_key_and_body_and_reads_the_answer(httpserver):
    seen = []

    def handler(request):
        seen.append((request.path, request.headers.get("Authorization"), json.loads(request.data)))
        return Response(json.dumps(ANSWER), content_type="application/json")

    httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(handler)
    assert ask(RawChatClient(httpserver.url_for("/v1"), "sk-test"), "a question") == "hello there"
    path, auth, body = seen[0]
    assert path == "/v1/chat/completions" and auth == "Bearer sk-test"
    assert body == {"model": "m", "messages": [{"role": "user", "content": "a question"}], "max_tokens": 8}


def test_a_status_other_than_200_is_an_error_with_its_body(httpserver):
    httpserver.expect_request("/v1/chat/completions").respond_with_data('{"error": "no"}', status=401)
    with pytest.raises(RawClientError, match=r"HTTP 401.*error"):
        ask(RawChatClient(httpserver.url_for("/v1"), "sk-bad"))


def test_several_answers_over_a_server_that_closes_connections(httpserver):
    # Whether the test server keeps a connection or closes it after an answer, every
    # request is answered (a closed one is opened again).
    httpserver.expect_request("/v1/chat/completions").respond_with_json(ANSWER)
    client = RawChatClient(httpserver.url_for("/v1"), "k")

    async def three() -> list[str]:
        out = []
        for _ in range(3):
            answer = await client.chat.completions.create(model="m", messages=[], max_tokens=1)
            out.append(answer.choices[0].message.content)
        await client.close()
        return out

    assert asyncio.run(three()) == ["hello there"] * 3
    assert len(httpserver.log) == 3


def read(raw: bytes):
    async def go():
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await RawChatClient._read(reader)

    return asyncio.run(go())


def test_a_chunked_answer_is_joined():
    raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    assert read(raw) == (200, b"hello world", False)


def test_a_length_and_a_close_are_read():
    raw = b"HTTP/1.1 503 Busy\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusyEXTRA"
    assert read(raw) == (503, b"busy", True)


def test_an_answer_cut_short_raises():
    with pytest.raises(asyncio.IncompleteReadError):
        read(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")
    with pytest.raises(RawClientError, match="Content-Length"):
        read(b"HTTP/1.1 200 OK\r\n\r\nbody")


def test_raw_client_does_not_resend_a_request_dropped_on_a_fresh_connection():
    answer = b'{"choices":[{"message":{"content":"ok"}}]}'
    seen = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")).split(b":")[1])
        await reader.readexactly(length)
        seen.append(head.split(b"\r\n", 1)[0])
        if len(seen) == 1:  # the first request: worked on, then the connection drops (a crash)
            writer.close()
            return
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(answer), answer))
        await writer.drain()
        writer.close()

    async def go() -> str:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = RawChatClient(f"http://127.0.0.1:{port}/v1", "k")
        try:
            out = await client.chat.completions.create(model="m", messages=[], max_tokens=1)
            return out.choices[0].message.content
        finally:
            await client.close()
            server.close()
            await server.wait_closed()

    # The official client (max_retries=0, as the benchmark makes it) raises here; the raw
    # one sends the request again and reports one success, its latency both attempts'.
    with pytest.raises(RawClientError):
        asyncio.run(go())
    assert len(seen) == 1


def test_no_answer_within_the_timeout_is_an_error():
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1 << 16)
        await asyncio.sleep(5)  # never answers in time
        writer.close()

    async def go() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = RawChatClient(f"http://127.0.0.1:{port}/v1", "k", timeout_s=0.1)
        try:
            await client.chat.completions.create(model="m", messages=[], max_tokens=1)
        finally:
            await client.close()
            server.close()

    with pytest.raises(RawClientError, match=r"no answer within 0\.1 s"):
        asyncio.run(go())
