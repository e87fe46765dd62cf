"""A fake OpenAI-compatible upstream on loopback with a fixed latency, for ``bench gateway``
and the gateway's tests.

``python -m optimizer.bench.fake_upstream --port N --latency-ms 200 [--key K]`` answers
``POST /v1/chat/completions`` (streamed or not) after exactly the latency, with an answer
derived from the last message, and ``GET /v1/models``. With ``--key``, a request without
``Authorization: Bearer K`` gets OpenAI's 401. A model named ``status-NNN`` gets that
HTTP status with OpenAI's error body (and ``retry-after-ms: 1``, so a client's retries
are quick): the tests' failing upstream. It is a bare asyncio HTTP/1.1 server
(keep-alive, Content-Length bodies) so that it costs the benchmark as little CPU as
possible; it serves loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

_ANSWER_PIECES = 5


def answer_for(messages: list) -> str:
    """The fake model's answer: a fixed text that names the last message."""
    last = ""
    if messages and isinstance(messages[-1], dict):
        content = messages[-1].get("content", "")
        last = content if isinstance(content, str) else json.dumps(content)
    return f"Fake answer about: {last[:60]}. Glycerin 5% keeps it gentle; aqua to 100%."


def _pieces(text: str) -> list[str]:
    size = max(1, -(-len(text) // _ANSWER_PIECES))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _body(request: dict, model: str) -> tuple[bytes, bytes]:
    text = answer_for(request.get("messages") or [])
    prompt_tokens = sum(
        len(str(m.get("content", "")).split()) for m in request.get("messages") or [] if isinstance(m, dict)
    )
    usage = {"prompt_tokens": prompt_tokens, "completion_tokens": 16, "total_tokens": prompt_tokens + 16}
    created = int(time.time())
    if not request.get("stream"):
        body = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": usage,
        }
        return b"application/json", json.dumps(body).encode()
    out = []
    base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created, "model": model}
    for piece in _pieces(text):
        out.append({**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
    out.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    if (request.get("stream_options") or {}).get("include_usage"):
        out.append({**base, "choices": [], "usage": usage})
    data = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in out) + b"data: [DONE]\n\n"
    return b"text/event-stream", data


class FakeUpstream:
    """The server's state: its latency, the key it wants, how many completions it served."""

    def __init__(self, latency_s: float, key: str | None) -> None:
        self.latency_s = latency_s
        self.key = key
        self.completions = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve HTTP/1.1 requests on one connection (keep-alive) until the client closes it."""
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = [*lines[0].split(" "), "", ""][:3]
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name:
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length") or 0)
                raw = await reader.readexactly(length) if length else b""
                status, kind, body = await self.respond(method, path, headers, raw)
                writer.write(
                    b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: keep-alive\r\n\r\n"
                    % (status, b"OK" if status == 200 else b"Error", kind, len(body))
                    + body
                )
                await writer.drain()
        finally:
            writer.close()

    async def respond(self, method: str, path: str, headers: dict, raw: bytes) -> tuple[int, bytes, bytes]:
        """Answer one request: ``(status, content type, body)``.

        A wrong bearer key gets OpenAI's 401 ``invalid_api_key``; ``/v1/chat/completions`` gets a
        canned completion (streamed as server-sent events when asked) after ``latency_s``.
        """
        if self.key and headers.get("authorization") != f"Bearer {self.key}":
            error = {
                "error": {
                    "message": "Incorrect API key provided",
                    "type": "invalid_request_error",
                    "code": "invalid_api_key",
                }
            }
            return 401, b"application/json", json.dumps(error).encode()
        if method == "GET" and path.rstrip("/").endswith("/models"):
            data = {
                "object": "list",
                "data": [{"id": "fake-model", "object": "model", "created": 0, "owned_by": "fake"}],
            }
            return 200, b"application/json", json.dumps(data).encode()
        if method == "POST" and path.rstrip("/").endswith("/chat/completions"):
            request = json.loads(raw or b"{}")
            model = str(request.get("model", ""))
            if model.startswith("status-") and model[7:].isdigit():
                error = {"error": {"message": f"fake failure {model}", "type": "server_error", "code": model}}
                return int(model[7:]), b"application/json\r\nretry-after-ms: 1", json.dumps(error).encode()
            await asyncio.sleep(self.latency_s)
            self.completions += 1
            kind, body = _body(request, str(request.get("model", "fake-model")))
            return 200, kind, body
        return 404, b"application/json", b'{"error": {"message": "not found", "type": "invalid_request_error"}}'


async def _main(port: int, latency_s: float, key: str | None) -> None:
    upstream = FakeUpstream(latency_s, key)
    server = await asyncio.start_server(upstream.handle, "127.0.0.1", port, backlog=1024)
    print(f"fake upstream on http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    """Run the fake upstream until stopped."""
    parser = argparse.ArgumentParser(prog="python -m optimizer.bench.fake_upstream")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=200.0)
    parser.add_argument("--key", default=None)
    args = parser.parse_args(argv)
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    try:
        asyncio.run(_main(args.port, args.latency_ms / 1000, args.key))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
