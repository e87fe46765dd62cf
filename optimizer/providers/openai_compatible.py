"""Any OpenAI-compatible endpoint through the official ``openai`` client: OpenAI, Azure
OpenAI, Ollama, vLLM, LM Studio, llama.cpp's server.

The client's own machinery retries 429, 5xx, refused connections and timeouts with
backoff and Retry-After; :mod:`optimizer.providers.http` binds the client to one origin
and credential and enforces the generation's deadline and size cap. Every failure becomes
a :class:`ProviderError` whose sentence says what happened, what was kept and what to do,
with credentials redacted.

Structured output: when asked for a schema, the request carries
``response_format={"type": "json_schema", ...}``; an endpoint that refuses it (400/422) is
asked again without it, and remembered for the process (``structured_support``).
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import httpx2
import openai
import orjson
from openai._streaming import SSEDecoder  # the client's own decoder (no public name for it)

from ..redact import redact_text, redact_url
from ..tokens import choose_encoding, get_encoding
from .base import (
    Event,
    FailureKind,
    Finish,
    Message,
    ProviderError,
    StreamChunk,
    StreamOptions,
    TextDelta,
)
from .http import DEADLINE_HEADER, MAX_BYTES_HEADER, Binding, TransportCut, make_client, origin_of
from .settings import DEFAULT_BASE_URL, DEFAULT_OPENAI_MODEL

# Bytes of SSE framing per answer character, generously: one token per chunk costs about
# 200 bytes of JSON envelope for 4 characters of text.
_BYTES_PER_CHAR = 64
_MIN_BYTES = 1 << 20
DEFAULT_MAX_BYTES = 64 << 20

# (endpoint, model) -> whether it accepted response_format=json_schema. Process-wide.
_structured: dict[tuple[str, str], bool] = {}
_structured_lock = threading.Lock()


class OpenAIProvider:
    """A model behind an OpenAI-compatible chat completions API.

    :param model: the model name.
    :param api_key: the key to send; empty: send none (a local server).
    :param base_url: the endpoint; requests can go nowhere else.
    :param timeout: the default total deadline of one generation, in seconds.
    :param max_retries: the official client's retries.
    :param backoff: scale of the client's retry delays (1.0: its defaults).
    :raises ProviderError: api.openai.com without a key.

    >>> OpenAIProvider("m", base_url="http://user:pw@127.0.0.1:9/v1").describe()
    'm at http://user:***@127.0.0.1:9/v1'
    """

    name = "openai"

    def __init__(
        self,
        model: str = DEFAULT_OPENAI_MODEL,
        *,
        api_key: str = "",
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 60.0,
        max_retries: int = 2,
        backoff: float = 1.0,
    ) -> None:
        base_url = base_url or DEFAULT_BASE_URL
        if not api_key and origin_of(base_url) == origin_of(DEFAULT_BASE_URL):
            raise ProviderError(
                "no API key for api.openai.com: give one (the studio's API key field, .streamlit/secrets.toml "
                "or OPENAI_API_KEY), or an OpenAI-compatible base URL",
                kind=FailureKind.AUTH,
            )
        if timeout <= 0:
            raise ProviderError("the timeout must be more than 0 seconds", kind=FailureKind.BAD_REQUEST)
        self.model = model
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self._secrets = (api_key,) if api_key else ()
        binding = Binding(origin_of(base_url), f"Bearer {api_key}" if api_key else None)
        self.client = make_client(
            base_url, binding, timeout=timeout, max_retries=max_retries, backoff=backoff, max_bytes=DEFAULT_MAX_BYTES
        )

    # -- identity ------------------------------------------------------------------------
    @property
    def endpoint(self) -> str:
        """Where answers come from, without credentials: part of the cache key, so the
        same model name at another base URL never shares answers."""
        return redact_url(self.base_url).rstrip("/")

    def describe(self) -> str:
        """The model and where it runs, credentials redacted."""
        return f"{self.model} at {self.endpoint}"

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` with the model's tiktoken encoding (offline)."""
        return len(get_encoding(choose_encoding(self.model).encoding_name).encode_ordinary(text))

    @property
    def structured_support(self) -> bool | None:
        """Whether this endpoint accepted structured output before (``None``: not asked yet)."""
        with _structured_lock:
            return _structured.get((self.endpoint, self.model))

    def _remember_structured(self, value: bool) -> None:
        with _structured_lock:
            _structured[(self.endpoint, self.model)] = value

    # -- streaming -----------------------------------------------------------------------
    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        options: StreamOptions | None = None,
    ) -> Iterator[Event]:
        """Stream the answer as events; raise :class:`ProviderError` on failure (after any
        text already yielded, which the caller keeps)."""
        options = options or StreamOptions()
        deadline_s = options.deadline_s or self.timeout
        deadline = time.monotonic() + deadline_s
        request: dict[str, Any] = dict(
            model=self.model,
            messages=[{"role": m.role, "content": m.content} for m in messages],
            max_tokens=max_tokens,
            temperature=temperature,
            stream=True,
            stream_options={"include_usage": True},
        )
        max_bytes = DEFAULT_MAX_BYTES
        if options.max_answer_chars:
            max_bytes = max(_MIN_BYTES, options.max_answer_chars * _BYTES_PER_CHAR)
        headers = {DEADLINE_HEADER: repr(deadline), MAX_BYTES_HEADER: str(max_bytes)}
        structured = options.schema is not None and self.structured_support is not False
        if structured:
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": dict(options.schema or {}), "strict": False},
            }
        try:
            stream = self._open(request, headers)
        except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
            if not structured:
                raise self._translate(exc, deadline_s, 0) from None
            # The endpoint refuses structured output: ask again in the text format.
            self._remember_structured(False)
            del request["response_format"]
            stream = self._create(request, headers, deadline_s)
        except (openai.OpenAIError, httpx2.HTTPError) as exc:
            raise self._translate(exc, deadline_s, 0) from None
        else:
            if structured:
                self._remember_structured(True)
        yield from self._read(stream, deadline_s)

    def _open(self, request: dict[str, Any], headers: dict[str, str]) -> Any:
        """Send the request; the response, not yet read. The client's own machinery
        (retries, Retry-After, error classes) runs as usual; only reading the stream is
        ours (:meth:`_chunks`)."""
        return self.client.chat.completions.with_streaming_response.create(**request, extra_headers=headers).__enter__()

    def _create(self, request: dict[str, Any], headers: dict[str, str], deadline_s: float) -> Any:
        try:
            return self._open(request, headers)
        except (openai.OpenAIError, httpx2.HTTPError) as exc:
            raise self._translate(exc, deadline_s, 0) from None

    @staticmethod
    def _chunks(response: Any) -> Iterator[StreamChunk]:
        """The stream's chunks, read: the client's own SSE decoder, then orjson and
        :class:`StreamChunk` (building the client's typed model for every chunk cost more CPU
        than the rest of a gateway request). An ``error`` event raises ``openai.APIError`` as
        the client does."""
        done = False
        for sse in SSEDecoder().iter_bytes(response.iter_bytes()):
            if done or sse.data.startswith("[DONE]"):
                done = True  # read to the end of the body, so that the connection can be reused
                continue
            try:
                chunk = orjson.loads(sse.data)
            except orjson.JSONDecodeError:
                raise openai.APIError(
                    "the stream sent something that is not JSON", response.http_request, body=None
                ) from None
            if not isinstance(chunk, dict):
                continue
            read = StreamChunk.from_openai(chunk)
            if read.error is not None:
                raise openai.APIError(read.error, response.http_request, body=chunk["error"])
            yield read

    def _read(self, stream: Any, deadline_s: float) -> Iterator[Event]:
        reason = None
        parts: list[str] = []
        try:
            for read in self._chunks(stream):
                if read.usage is not None:
                    yield read.usage
                for text in read.texts:
                    parts.append(text)
                    yield TextDelta(text)
                if read.finish_reason:
                    reason = read.finish_reason
        except (openai.OpenAIError, httpx2.HTTPError, OSError) as exc:
            raise self._translate(exc, deadline_s, self._tokens(parts)) from None
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        if reason is None:
            tokens = self._tokens(parts)
            raise ProviderError(self._dropped(tokens), kind=FailureKind.DROPPED, tokens=tokens)
        yield Finish(reason)

    def _tokens(self, parts: list[str]) -> int:
        return self.count_tokens("".join(parts)) if parts else 0

    # -- messages ------------------------------------------------------------------------
    def _say(self, text: str) -> str:
        return redact_text(text, secrets=self._secrets)

    def _dropped(self, tokens: int) -> str:
        if tokens:
            return self._say(
                f"the connection to {self.endpoint} dropped after {tokens} tokens; the partial answer is kept "
                "(not cached): try again"
            )
        return self._say(
            f"the connection to {self.endpoint} dropped before any answer came: try again, or check the server"
        )

    def _translate(self, exc: BaseException, deadline_s: float, tokens: int) -> ProviderError:
        """One sentence for each way a request can fail."""
        where = self.endpoint
        kind, text = _describe(exc, where, self.model, deadline_s, tokens, self.max_retries, secrets=self._secrets)
        return ProviderError(self._say(text), kind=kind, tokens=tokens)


def _describe(
    exc: BaseException,
    where: str,
    model: str,
    deadline_s: float,
    tokens: int,
    retries: int,
    *,
    secrets: tuple[str, ...] = (),
) -> tuple[FailureKind, str]:
    kept = f" after {tokens} tokens; the partial answer is kept (not cached)" if tokens else ""
    if isinstance(exc, TransportCut):
        if exc.kind is FailureKind.DEADLINE:
            if tokens:
                return FailureKind.DEADLINE, (
                    f"the answer from {where} was cut at the {deadline_s:g} s deadline{kept}: "
                    "raise the timeout or ask for a shorter answer"
                )
            return FailureKind.TIMEOUT, (
                f"{where} did not answer within the {deadline_s:g} s deadline: try again, raise the timeout, "
                "or check that the server is not stalled"
            )
        if exc.kind is FailureKind.TOO_LARGE:
            return FailureKind.TOO_LARGE, (
                f"the answer from {where} passed the size cap ({exc.detail}) and was cut{kept or ''}: "
                "ask for a shorter answer"
            )
        if exc.kind is FailureKind.NOT_OPENAI:
            return FailureKind.NOT_OPENAI, (
                f"{where} answered with an HTML page, not an OpenAI-compatible API: check the base URL "
                "(it usually ends in /v1)"
            )
        if exc.kind is FailureKind.NOT_ALLOWED:
            return FailureKind.NOT_ALLOWED, f"refused to send the request anywhere but {where}: nothing was sent"
    if isinstance(exc, (openai.APITimeoutError, httpx2.TimeoutException)):
        if tokens:  # the client's read timer, not the transport's, ended an answer under way: a cut all the same
            return _describe(
                TransportCut(FailureKind.DEADLINE), where, model, deadline_s, tokens, retries, secrets=secrets
            )
        return FailureKind.TIMEOUT, (
            f"{where} did not answer within the {deadline_s:g} s deadline{kept}: try again, raise the timeout, "
            "or check that the server is not stalled"
        )
    if isinstance(exc, openai.APIStatusError):
        return _status(exc, where, model, retries, kept, secrets)
    if tokens or isinstance(exc, (httpx2.RemoteProtocolError, httpx2.ReadError)):
        if tokens:
            return FailureKind.DROPPED, (
                f"the connection to {where} dropped after {tokens} tokens; the partial answer is kept "
                "(not cached): try again"
            )
        return FailureKind.DROPPED, (
            f"the connection to {where} dropped before any answer came: try again, or check the server"
        )
    if isinstance(exc, (openai.APIConnectionError, httpx2.TransportError, OSError)):
        cause = _root(exc)
        if isinstance(cause, ConnectionRefusedError):
            return FailureKind.REFUSED, (
                f"nothing is listening at {where} (connection refused): start the server, or correct the base URL"
            )
        if isinstance(cause, socket.gaierror):
            return FailureKind.CONNECTION, f"the host of {where} could not be found: check the base URL"
        if isinstance(cause, ssl.SSLError):
            return FailureKind.CONNECTION, f"the TLS handshake with {where} failed ({cause.__class__.__name__})"
        return FailureKind.CONNECTION, (
            f"cannot reach {where} ({type(cause).__name__}): check the network and the base URL"
        )
    return FailureKind.ERROR, f"{where} failed ({type(exc).__name__}: {_short(str(exc), secrets)})"


def _status(
    exc: openai.APIStatusError, where: str, model: str, retries: int, kept: str, secrets: tuple[str, ...] = ()
) -> tuple[FailureKind, str]:
    status = exc.status_code
    if 300 <= status < 400:
        location = exc.response.headers.get("location", "another address")
        return FailureKind.REDIRECT, (
            f"{where} answered with a redirect ({status}) to {location}; redirects are not followed: "
            "use the final address as the base URL"
        )
    if status == 401:
        return FailureKind.AUTH, (
            f"{where} rejected the API key (401): check the key (OPENAI_API_KEY, secrets, or the one you typed)"
        )
    if status == 403:
        return FailureKind.FORBIDDEN, f"{where} refused access (403): the key has no access to model '{model}'"
    if status == 404:
        return FailureKind.NOT_FOUND, (
            f"{where} has no model '{model}' or no chat API at that path (404): check the model name, "
            "and that the base URL ends where the API starts (usually /v1)"
        )
    if status == 429:
        return FailureKind.RATE_LIMIT, (
            f"{where} is rate-limiting requests (429), still after {retries} retries{kept}: wait a minute, "
            "or use a cached answer"
        )
    if status >= 500:
        return FailureKind.SERVER, (
            f"{where} had a server error ({status}), still after {retries} retries{kept}: try again later"
        )
    return FailureKind.BAD_REQUEST, f"{where} refused the request ({status}): {_short(_message(exc), secrets)}"


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    return str(exc)


def _root(exc: BaseException) -> BaseException:
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        nxt = seen.__cause__ or seen.__context__
        if nxt is None or nxt is seen:
            break
        seen = nxt
    return seen


def _short(text: str, secrets: tuple[str, ...] = ()) -> str:
    """The upstream's own words on one line, cut to 240 characters, after the key and any
    credential are masked (cut first, a key echoed across the cut would leave its start)."""
    text = redact_text(" ".join(text.split()), secrets=secrets)
    return text if len(text) < 240 else text[:237] + "..."
