"""Shared fixtures: OpenAI-compatible endpoints on loopback (registered in conftest.py
through pytest_plugins).

* ``fake_openai``: a well-behaved or erring endpoint on pytest-httpserver (429, 5xx, 401,
  404, HTML, redirects), picked by the model name; see ``tests/fake_openai.py``.
* ``raw_endpoint``: a real socket that misbehaves where the socket is the point: a stall
  before any byte, a connection dropped mid-stream, a trickle that never ends, one
  endless line. Every behaviour is bounded in time and bytes and stops by itself.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest


def sse_chunk(content: str | None = None, finish: str | None = None, model: str = "m") -> bytes:
    """One ``chat.completion.chunk`` as an SSE event."""
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": {"content": content} if content else {}, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"


class RawEndpoint:
    """A loopback server speaking just enough HTTP to misbehave on purpose.

    :param behaviour: "stall" (reads the request, sends nothing), "stall-mid" (two
        tokens, then nothing), "cut" (two tokens, then the connection is reset), "trickle"
        (a token every ``interval`` seconds, up to ``limit_bytes``), "line" (one endless
        SSE line without a newline, up to ``limit_bytes``).
    """

    def __init__(self, behaviour: str, *, interval: float = 0.01, limit_bytes: int = 17 << 20) -> None:
        self.behaviour = behaviour
        self.interval = interval
        self.limit_bytes = limit_bytes
        self.requests: list[bytes] = []
        self.sent = 0
        self._closing = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}/v1"

    def _serve(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _read_request(self, conn: socket.socket) -> bytes:
        conn.settimeout(5)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body

    def _send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        self.sent += len(data)

    def _handle(self, conn: socket.socket) -> None:
        try:
            self.requests.append(self._read_request(conn))
            if self.behaviour == "stall":
                self._closing.wait(30)
                return
            self._send(conn, _HEAD)
            if self.behaviour in ("stall-mid", "cut"):
                self._send(conn, sse_chunk("Aqua | 90 | solvent\n") + sse_chunk("Glycerin | 10 | humectant\n"))
                if self.behaviour == "cut":
                    time.sleep(0.05)
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    return  # close with linger 0: a reset mid-stream
                self._closing.wait(30)
                return
            if self.behaviour == "trickle":
                while self.sent < self.limit_bytes and not self._closing.is_set():
                    self._send(conn, sse_chunk("word " * 50))
                    time.sleep(self.interval)
                return
            if self.behaviour == "line":
                self._send(conn, b'data: {"choices": [{"index": 0, "delta": {"content": "')
                block = b"x" * 65536
                while self.sent < self.limit_bytes and not self._closing.is_set():
                    self._send(conn, block)
                return
        except OSError:
            pass  # the client gave up first: expected
        finally:
            conn.close()

    def close(self) -> None:
        self._closing.set()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() at once, not at its timeout
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout=2)


@pytest.fixture
def raw_endpoint() -> Iterator[type[RawEndpoint]]:
    """A factory of :class:`RawEndpoint` servers, all closed after the test."""
    made: list[RawEndpoint] = []

    class _Factory(RawEndpoint):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    yield _Factory
    for server in made:
        server.close()


@pytest.fixture
def fake_openai(httpserver, monkeypatch):
    """An OpenAI-compatible endpoint on pytest-httpserver whose model name picks its
    behaviour (see ``tests/fake_openai.py``).

    The server (and so its URL) lives for the session, and providers remember per
    (endpoint, model) whether structured output was refused: each test starts with a
    fresh memory, as a fresh process would.
    """
    from fake_openai import FakeOpenAI

    from optimizer.providers import openai_compatible

    monkeypatch.setattr(openai_compatible, "_structured", {})

    return FakeOpenAI(httpserver)
