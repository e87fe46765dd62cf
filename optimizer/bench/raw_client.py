"""A minimal chat-completions client for ``bench gateway``'s load: one keep-alive HTTP/1.1
connection, a request written in one piece, the answer read by Content-Length (or chunks).

The benchmark measures what the *gateway* adds. Its clients run on the same two cores, so
whatever CPU they use is taken from the gateway and shows up as queueing in both the direct
and the gateway latencies. The official ``AsyncOpenAI`` client spends 2 to 3 ms of CPU per
request (pydantic models, httpx); this one about a tenth of that, so the table measures the
gateway, not the load generator. ``bench gateway --client openai`` still runs the official
client (the tests drive ``serve`` with it too).

It has the official client's call shape (``client.chat.completions.create(model=...,
messages=..., max_tokens=...)`` returning an object whose ``choices[0].message.content`` is
the answer), so the benchmark's phases take either.

>>> RawChatClient("http://127.0.0.1:8000/v1", "sk-x").path
'/v1/chat/completions'
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from urllib.parse import urlsplit

import orjson


class RawClientError(RuntimeError):
    """The server answered with a status other than 200, or closed the connection mid-answer."""


class RawChatClient:
    """One connection to an OpenAI-compatible ``base_url`` (``http://`` only), used one
    request at a time.

    :param base_url: e.g. ``http://127.0.0.1:8000/v1``.
    :param api_key: sent as ``Authorization: Bearer``.
    :param timeout_s: the longest wait for one answer (the official client's 60 s).
    """

    def __init__(self, base_url: str, api_key: str, *, timeout_s: float = 60.0) -> None:
        self.timeout_s = timeout_s
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.path = parts.path.rstrip("/") + "/chat/completions"
        self._head = (
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Authorization: Bearer {api_key}\r\nContent-Type: application/json\r\n"
        ).encode()
        self._conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.chat = SimpleNamespace(completions=SimpleNamespace(create=self.create))

    async def create(self, *, model: str, messages: list, max_tokens: int) -> SimpleNamespace:
        """Send one non-streamed completion; returns the answer in the official client's shape.

        A kept connection that the server closed while idle (nothing of the answer came
        back) is opened again and the request sent once more, as HTTP clients do; any
        other failure raises, never a second send (the benchmark's official client runs
        with ``max_retries=0`` too).

        :raises RawClientError: a status other than 200 (its body in the message), the
            connection closed before the whole answer came, or no answer within
            ``timeout_s``.
        """
        body = orjson.dumps({"model": model, "messages": messages, "max_tokens": max_tokens})
        request = self._head + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        try:
            status, payload = await asyncio.wait_for(self._exchange(request), self.timeout_s)
        except TimeoutError:
            self._drop()
            raise RawClientError(f"no answer within {self.timeout_s:g} s") from None
        if status != 200:
            raise RawClientError(f"HTTP {status}: {payload[:300]!r}")
        answer = orjson.loads(payload)
        content = answer["choices"][0]["message"]["content"]
        return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=content))])

    async def _exchange(self, request: bytes) -> tuple[int, bytes]:
        for attempt in (0, 1):
            reused = self._conn is not None
            reader, writer = await self._connection()
            writer.write(request)
            try:
                status, payload, close = await self._read(reader)
            except (asyncio.IncompleteReadError, ConnectionError) as exc:
                self._drop()
                untouched = isinstance(exc, ConnectionError) or not exc.partial
                if attempt == 0 and reused and untouched:
                    continue  # the server had closed this idle kept connection: open another
                raise RawClientError(f"the connection closed mid-answer: {exc}") from exc
            except RawClientError:
                self._drop()  # an answer it cannot frame: never reuse that connection
                raise
            if close:  # the server said it closes this connection after the answer
                self._drop()
            return status, payload
        raise AssertionError("unreachable")

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._conn is None:
            self._conn = await asyncio.open_connection(self.host, self.port)
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn[1].close()
            self._conn = None

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
        """One answer: its status, its body, and whether the server closes the connection.

        :raises asyncio.IncompleteReadError: the connection closed first.
        :raises RawClientError: an answer that says neither its length nor its chunks.
        """
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        close = headers.get("connection", "").lower() == "close"
        if "content-length" in headers:
            return status, await reader.readexactly(int(headers["content-length"])), close
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    return status, b"".join(chunks), close
                chunks.append(chunk[:-2])
        raise RawClientError("an answer without Content-Length or chunks")

    async def close(self) -> None:
        """Close the connection (the official client's ``close``)."""
        if self._conn is not None:
            writer = self._conn[1]
            self._drop()
            try:
                await writer.wait_closed()
            except ConnectionError:
                pass
