"""The gateway's own asynchronous call to the operator's OpenAI-compatible endpoint.

A miss through the gateway waits on the upstream for most of its time. Doing that wait in a
thread with the official synchronous client cost about 4 ms of CPU per request (request
building, httpx, SSE decoding, thread hand-offs), more than everything else the gateway
does; with 50 clients on two cores that CPU became queueing. :class:`Upstream` makes the
same request on the event loop instead, over a small pool of keep-alive HTTP/1.1
connections parsed by ``httptools`` (uvicorn's own parser), at about a tenth of the cost.

It keeps what :class:`~optimizer.providers.openai_compatible.OpenAIProvider` promises:

* **the same request**: ``model``, ``messages``, ``max_tokens``, ``temperature``,
  ``stream: true`` with ``include_usage``, to ``{base_url}/chat/completions`` only, with
  the operator's key as ``Authorization`` and nothing else of the caller's;
* **the same retries** as the official client: 408, 409, 429, 5xx and connection failures,
  ``max_retries`` times, after ``retry-after-ms`` / ``Retry-After`` (up to 60 s) or an
  exponential backoff, never past the deadline; redirects are not followed;
* **the same limits**: one total deadline for connection, retries and answer, and the
  answer size cap in bytes;
* **the same sentences**: every failure is the provider's own :class:`ProviderError`
  (``_describe``), with the key redacted.

It serves the non-streamed requests of the OpenAI-compatible provider; streamed requests
and the embedded model keep the provider's thread path. :class:`Fetched` holds what came
back, and :class:`PrefetchedProvider` replays it through the unchanged
:class:`~optimizer.generate.GenerationService` pipeline (cache, ledger, accounting).

>>> Upstream.parse_base("https://api.example.com:8443/v1/")
('https', 'api.example.com', 8443, '/v1/chat/completions')
"""

from __future__ import annotations

import asyncio
import contextvars
import random
import ssl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httptools
import orjson

from ..providers.base import Event, FailureKind, Finish, Message, ProviderError, StreamChunk, TextDelta, UsageReport
from ..redact import redact_text

_BYTES_PER_CHAR = 64  # as the provider: SSE framing per answer character, generously
_MIN_BYTES = 1 << 20
_ERROR_BODY_BYTES = 1 << 20
_IDLE_KEPT = 128  # idle keep-alive connections kept for reuse
_MAX_OPEN = 1000  # connections open at once (the official client's own limit)
_READ = 1 << 16
_RETRY_STATUS = frozenset({408, 409, 429})


class _Cut(Exception):
    """The deadline, the size cap or a non-API answer ended a fetch (see ``TransportCut``)."""

    def __init__(self, kind: FailureKind, detail: str) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail


class _StaleConnection(Exception):
    """A reused keep-alive connection was closed by the server before it answered."""


@dataclass
class Fetched:
    """What the upstream sent for one request: the events in order, the failure that ended
    it (None when it finished), and when it started and first sent text (``perf_counter``)."""

    events: list[Event] = field(default_factory=list)
    error: ProviderError | None = None
    started: float = 0.0
    first: float | None = None
    messages: tuple[Message, ...] = ()
    max_tokens: int = 0

    def replay(self) -> Iterator[Event]:
        """The events, then the failure (as the provider's ``stream`` would raise it)."""
        yield from self.events
        if self.error is not None:
            raise self.error


_FETCHED: contextvars.ContextVar[Fetched | None] = contextvars.ContextVar("optimizer_gateway_fetched", default=None)


class PrefetchedProvider:
    """The operator's provider, whose ``stream`` replays an answer its :class:`Upstream`
    already fetched for this request (inside :meth:`replaying`), else streams as usual
    (the thread path: streamed requests). Everything else is the provider's own.

    :param provider: an :class:`~optimizer.providers.openai_compatible.OpenAIProvider`.
    :param api_key: its key, for :attr:`upstream`.
    """

    def __init__(self, provider: Any, api_key: str) -> None:
        self.inner = provider
        self.upstream = Upstream(provider, api_key)
        # The model is fixed, so is its encoding: resolved once, not on every count.
        from ..tokens import choose_encoding, get_encoding

        self._encoding = get_encoding(choose_encoding(provider.model).encoding_name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    @property
    def name(self) -> str:
        """The provider's name ("openai")."""
        return self.inner.name

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` with the model's encoding (as the provider counts them)."""
        return len(self._encoding.encode_ordinary(text))

    def stream(self, messages: Sequence[Message], *, max_tokens: int, temperature: float, options: Any = None):
        """The fetched answer's events when one is being replayed, else the provider's stream.

        :raises RuntimeError: the pipeline asked for another request than the one fetched (a bug).
        """
        fetched = _FETCHED.get()
        if fetched is None:
            return self.inner.stream(messages, max_tokens=max_tokens, temperature=temperature, options=options)
        if tuple(messages) != fetched.messages or max_tokens != fetched.max_tokens:
            raise RuntimeError("the gateway fetched another request than the pipeline sends")
        return fetched.replay()

    @staticmethod
    def replaying(fetched: Fetched) -> contextvars.Token:
        """Make ``stream`` replay ``fetched`` in this context; returns the token for :meth:`done`."""
        return _FETCHED.set(fetched)

    @staticmethod
    def done(token: contextvars.Token) -> None:
        """Stop replaying (see :meth:`replaying`)."""
        _FETCHED.reset(token)


class _Response:
    """httptools callbacks for one response."""

    __slots__ = ("complete", "headers", "headers_done", "keep_alive", "on_chunk", "parser")

    def __init__(self, on_chunk: Any) -> None:
        self.headers: dict[str, str] = {}
        self.complete = False
        self.headers_done = False
        self.keep_alive = False
        self.on_chunk = on_chunk
        self.parser: Any = None

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_headers_complete(self) -> None:
        self.headers_done = True
        self.keep_alive = self.parser.should_keep_alive()  # only known while parsing

    def on_body(self, body: bytes) -> None:
        self.on_chunk(body)

    def on_message_complete(self) -> None:
        self.complete = True


class _Sse:
    """Server-sent events to the provider's events, as the bytes come (``\\n`` or ``\\r\\n``)."""

    __slots__ = ("buffer", "cap", "done", "first", "reason", "size", "texts", "usage")

    def __init__(self, cap: int) -> None:
        self.buffer = b""
        self.usage: UsageReport | None = None
        self.texts: list[str] = []
        self.reason: str | None = None
        self.done = False
        self.size = 0
        self.cap = cap
        self.first: float | None = None

    def feed(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise _Cut(FailureKind.TOO_LARGE, f"more than {self.cap:,} bytes")
        buffer = self.buffer + data
        if b"\r" in buffer:
            buffer = buffer.replace(b"\r\n", b"\n")
        end = buffer.rfind(b"\n\n")
        if end < 0:
            self.buffer = buffer
            return
        self.buffer = buffer[end + 2 :]
        for block in buffer[:end].split(b"\n\n"):
            self._event(block)

    def _event(self, block: bytes) -> None:
        data = b"\n".join(line[5:].lstrip(b" ") for line in block.split(b"\n") if line.startswith(b"data:"))
        if not data or self.done:
            return
        if data.startswith(b"[DONE]"):
            self.done = True  # read on to the end of the body, so the connection can be reused
            return
        try:
            chunk = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise _StreamError("the stream sent something that is not JSON") from None
        if not isinstance(chunk, dict):
            return
        read = StreamChunk.from_openai(chunk)
        if read.error is not None:
            raise _StreamError(read.error, chunk["error"])
        if read.usage is not None:
            self.usage = read.usage
        if read.texts:
            if self.first is None:
                self.first = time.perf_counter()
            self.texts.extend(read.texts)
        if read.finish_reason:
            self.reason = read.finish_reason


class _StreamError(Exception):
    """An ``error`` event (or a line that is not JSON) in the stream."""

    def __init__(self, message: str, body: Any = None) -> None:
        super().__init__(message)
        self.body = body


class Upstream:
    """Asynchronous chat completions to the operator's endpoint (see the module).

    :param provider: the :class:`~optimizer.providers.openai_compatible.OpenAIProvider`
        this stands in for (its model, base URL, timeout, retries, backoff and tokenizer).
    :param api_key: the operator's key ("" for none), sent as ``Authorization: Bearer``.
    """

    def __init__(self, provider: Any, api_key: str) -> None:
        self.provider = provider
        self.model = provider.model
        self.scheme, self.host, self.port, self.path = self.parse_base(provider.base_url)
        self.max_retries = int(provider.max_retries)
        self.backoff = float(getattr(provider.client, "backoff", 1.0))
        self.timeout = float(provider.timeout)
        self._secrets = (api_key,) if api_key else ()
        # A query on the base URL ("?api-version=...") goes on the request, after the path,
        # as the provider's own client sends it; errors name the path only.
        query = urlsplit(provider.base_url).query
        target = self.path + (f"?{query}" if query else "")
        host = self.host if ":" not in self.host else f"[{self.host}]"
        default = self.port == (443 if self.scheme == "https" else 80)
        head = (
            f"POST {target} HTTP/1.1\r\nHost: {host if default else f'{host}:{self.port}'}\r\n"
            "Content-Type: application/json\r\nAccept: application/json\r\nUser-Agent: optimizer-gateway\r\n"
        )
        if api_key:
            head += f"Authorization: Bearer {api_key}\r\n"
        self._head = head.encode("latin-1")
        self._ssl = ssl.create_default_context() if self.scheme == "https" else None
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._open = asyncio.Semaphore(_MAX_OPEN)

    @staticmethod
    def parse_base(base_url: str) -> tuple[str, str, int, str]:
        """(scheme, host, port, path of chat completions) of an OpenAI-compatible base URL.

        :raises ProviderError: not an http(s) URL.
        """
        parts = urlsplit(base_url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise ProviderError(f"the base URL must be http(s)://host/..., not '{redact_text(base_url)}'")
        port = parts.port or (443 if scheme == "https" else 80)
        return scheme, parts.hostname.lower(), port, parts.path.rstrip("/") + "/chat/completions"

    @property
    def endpoint(self) -> str:
        """Where answers come from, without credentials (the provider's)."""
        return self.provider.endpoint

    # -- one generation ------------------------------------------------------------------
    async def fetch(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        deadline_s: float | None = None,
        max_answer_chars: int | None = None,
    ) -> Fetched:
        """The whole answer to one chat request, or the failure that ended it (never raises
        for the upstream's sake: the failure is in ``Fetched.error``, after any text)."""
        deadline_s = deadline_s or self.timeout
        cap = max(_MIN_BYTES, max_answer_chars * _BYTES_PER_CHAR) if max_answer_chars else 64 << 20
        body = orjson.dumps(
            {
                "model": self.model,
                "messages": [{"role": m.role, "content": m.content} for m in messages],
                "max_tokens": max_tokens,
                "temperature": temperature,
                "stream": True,
                "stream_options": {"include_usage": True},
            }
        )
        fetched = Fetched(started=time.perf_counter(), messages=tuple(messages), max_tokens=max_tokens)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + deadline_s
        current = [_Sse(cap)]  # the attempt under way: its text is kept if the deadline cuts it
        try:
            async with asyncio.timeout_at(deadline):
                await self._with_retries(body, cap, deadline, current)
        except TimeoutError:
            fetched.error = self._error(_Cut(FailureKind.DEADLINE, "the deadline"), deadline_s, current[0])
        except (_Cut, _StreamError, OSError, httptools.HttpParserError, _Status) as exc:
            fetched.error = self._error(exc, deadline_s, current[0])
        sse = current[0]
        # One delta for the whole text: the reader of a non-streamed answer sees it whole
        # anyway, and each delta costs a token count.
        if sse.texts:
            fetched.events.append(TextDelta("".join(sse.texts)))
        if sse.usage is not None:
            fetched.events.append(sse.usage)
        fetched.first = sse.first
        if fetched.error is None:
            if sse.reason is None:
                fetched.error = self._error(ConnectionResetError("the stream ended early"), deadline_s, sse)
            else:
                fetched.events.append(Finish(sse.reason))
        return fetched

    async def _with_retries(self, body: bytes, cap: int, deadline: float, current: list[_Sse]) -> None:
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            sse = current[0] = _Sse(cap)
            try:
                status, headers, error_body = await self._once(body, sse)
            except OSError:
                if sse.size or attempt >= self.max_retries:  # never retried once an answer started
                    raise
                delay = self._delay(attempt, {})
            else:
                if status == 200:
                    return
                retry = headers.get("x-should-retry")
                retryable = status in _RETRY_STATUS or status >= 500 if retry is None else retry == "true"
                if not retryable or attempt >= self.max_retries:
                    raise _Status(status, headers, error_body)
                delay = self._delay(attempt, headers)
            attempt += 1
            await asyncio.sleep(min(delay, max(0.0, deadline - loop.time())))

    def _delay(self, attempt: int, headers: dict[str, str]) -> float:
        """The official client's retry delay: the server's own (up to 60 s), else 0.5 s
        doubling up to 8 s with jitter; scaled by the provider's backoff."""
        wait = None
        raw = headers.get("retry-after-ms")
        try:
            wait = float(raw) / 1000 if raw is not None else None
        except ValueError:
            wait = None
        if wait is None and (raw := headers.get("retry-after")) is not None:
            try:
                wait = float(raw)
            except ValueError:
                try:
                    wait = parsedate_to_datetime(raw).timestamp() - time.time()
                except (TypeError, ValueError):
                    wait = None
        if wait is None or not 0 < wait <= 60:
            wait = min(0.5 * 2.0**attempt, 8.0) * (1 - 0.25 * random.random())
        return wait * self.backoff

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bool]:
        while self._idle:
            reader, writer = self._idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer, True
            writer.close()
        reader, writer = await asyncio.open_connection(
            self.host, self.port, ssl=self._ssl, server_hostname=self.host if self._ssl else None
        )
        return reader, writer, False

    def _release(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, reuse: bool) -> None:
        if reuse and len(self._idle) < _IDLE_KEPT and not writer.is_closing():
            self._idle.append((reader, writer))
        else:
            writer.close()

    async def _once(self, body: bytes, sse: _Sse) -> tuple[int, dict[str, str], bytes]:
        """One HTTP exchange: (status, headers, error body); a 200's SSE goes into ``sse``.
        A reused connection the server had closed is replaced once, transparently."""
        async with self._open:
            for _ in range(2):
                reader, writer, reused = await self._connection()
                try:
                    return await self._exchange(reader, writer, body, sse)
                except _StaleConnection:
                    writer.close()
                    if not reused:
                        raise ConnectionResetError("the server closed the connection before answering") from None
                except BaseException:
                    writer.close()
                    raise
            raise ConnectionResetError("the server closed the connection before answering")

    async def _exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, body: bytes, sse: _Sse
    ) -> tuple[int, dict[str, str], bytes]:
        error_body: list[bytes] = []
        parser: Any = None

        def on_chunk(data: bytes) -> None:
            if parser.get_status_code() == 200:
                sse.feed(data)
            elif sum(map(len, error_body)) < _ERROR_BODY_BYTES:
                error_body.append(data)

        response = _Response(on_chunk)
        parser = response.parser = httptools.HttpResponseParser(response)
        writer.write(self._head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        received = False
        while not response.complete:
            data = await reader.read(_READ)
            if not data:
                if not received:
                    raise _StaleConnection()
                if response.headers_done and not _framed(response.headers):
                    break  # a body that ends with the connection
                raise ConnectionResetError("the connection dropped mid-answer")
            received = True
            try:
                parser.feed_data(data)
            except httptools.HttpParserError as exc:
                cause = exc.__context__
                if isinstance(cause, (_Cut, _StreamError)):
                    raise cause from None
                raise
            if response.headers_done and parser.get_status_code() == 200:
                kind = response.headers.get("content-type", "").lower()
                if "html" in kind:
                    raise _Cut(FailureKind.NOT_OPENAI, "an HTML page")
        status = parser.get_status_code()
        self._release(reader, writer, response.complete and response.keep_alive)
        return status, response.headers, b"".join(error_body)

    # -- failures, in the provider's words -----------------------------------------------
    def _error(self, exc: BaseException, deadline_s: float, sse: _Sse) -> ProviderError:
        import httpx2
        import openai

        from ..providers.http import TransportCut
        from ..providers.openai_compatible import _describe

        tokens = self.provider.count_tokens("".join(sse.texts)) if sse.texts else 0
        url = f"{self.scheme}://{self.host}:{self.port}{self.path}"
        if isinstance(exc, _Cut):
            exc = TransportCut(exc.kind, exc.detail)
        elif isinstance(exc, _Status):
            try:
                body = orjson.loads(exc.body) if exc.body else None
            except orjson.JSONDecodeError:
                body = exc.body.decode("utf-8", "replace")
            request = httpx2.Request("POST", url)
            response = httpx2.Response(exc.status, headers=exc.headers, content=exc.body, request=request)
            message = body.get("error", {}).get("message") if isinstance(body, dict) else None
            exc = openai.APIStatusError(
                str(message or f"Error code: {exc.status}"), response=response, body=body if body else None
            )
        elif isinstance(exc, _StreamError):
            exc = openai.APIError(str(exc), httpx2.Request("POST", url), body=exc.body)
        elif isinstance(exc, httptools.HttpParserError):
            exc = ConnectionResetError(f"the answer is not HTTP ({exc})")
        kind, text = _describe(
            exc, self.endpoint, self.model, deadline_s, tokens, self.max_retries, secrets=self._secrets
        )
        return ProviderError(redact_text(text, secrets=self._secrets), kind=kind, tokens=tokens)

    async def aclose(self) -> None:
        """Close the idle connections."""
        while self._idle:
            _, writer = self._idle.pop()
            writer.close()


class _Status(Exception):
    """A final error status from the upstream."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        super().__init__(status)
        self.status, self.headers, self.body = status, headers, body


def _framed(headers: dict[str, str]) -> bool:
    """Whether a response says where its body ends (length or chunks), not at the close."""
    return "content-length" in headers or "chunked" in headers.get("transfer-encoding", "").lower()
