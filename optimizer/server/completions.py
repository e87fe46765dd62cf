"""``POST /v1/chat/completions`` and ``GET /v1/models``: OpenAI's API in front of the pipeline.

A request is read (OpenAI's body; see :data:`UNSUPPORTED` for what is refused), checked
(key, role, rate limit, budget) and handed to :meth:`GenerationService.chat
<optimizer.generate.GenerationService.chat>` — cache first with the guard, stale fallback,
one ledger row naming the key — in one of the gateway's threads. The answer goes back as
OpenAI sends it: one JSON object, or server-sent events (``data: {chunk}\\n\\n``, a last
usage chunk when ``stream_options.include_usage``, then ``data: [DONE]``).

Request headers the gateway reads (all optional):

* ``X-Optimizer-Compress: lossless`` — re-encode JSON in the messages losslessly (see
  :mod:`optimizer.chat`); ``none`` (default) sends them as written.
* ``X-Optimizer-Use-Cache: false`` — neither read nor write the cache for this request.
* ``X-Optimizer-Keep-Text: false`` — the ledger keeps the figures of this run, not its text.

Response headers: ``X-Optimizer-Cache`` (none, exact, semantic, stale),
``X-Optimizer-Saved-Tokens`` and ``X-Optimizer-Saved-USD`` (what the cache and the
compression saved, counted by ``X-Optimizer-Tokenizer`` and priced as the run is),
``X-Optimizer-Compress`` (what was applied).
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import threading
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import anyio
import orjson
from fastapi import APIRouter, Request, Security
from fastapi.security import HTTPBearer
from starlette.responses import Response, StreamingResponse

from ..auth import Action
from ..chat import COMPRESS_LEVELS, ChatRequest
from ..errors import InputError
from ..generate import DEFAULT_MAX_TOKENS, Generation, GenerationService, check_max_tokens
from ..pricing import price_table
from ..providers.base import TextDelta
from ..quotas import Hold
from ..states import CacheOutcome
from .errors import ApiError, upstream_error
from .gateway import Caller, Gateway
from .upstream import Fetched, PrefetchedProvider

log = logging.getLogger("optimizer.gateway")
bearer = HTTPBearer(auto_error=False, description="An API key made with `python -m optimizer keys create`.")
router = APIRouter()

# Completion ids are names, not secrets: drawn without a system call (os.urandom releases
# the GIL on every request, and the writer threads then hold the event loop up).
_IDS = random.Random()
os.register_at_fork(after_in_child=_IDS.seed)  # a forked worker draws its own ids

CHAT_PATH = "/v1/chat/completions"
COMPRESS_HEADER = "x-optimizer-compress"
USE_CACHE_HEADER = "x-optimizer-use-cache"
KEEP_TEXT_HEADER = "x-optimizer-keep-text"
# Parameters that would change the answer in ways this gateway does not forward: refused
# rather than ignored, unless they hold the value that changes nothing.
UNSUPPORTED: Mapping[str, Any] = {
    "tools": None,
    "tool_choice": None,
    "functions": None,
    "function_call": None,
    "response_format": None,
    "logprobs": False,
    "top_logprobs": None,
    "logit_bias": None,
    "stop": None,
    "top_p": 1,
    "seed": None,
    "presence_penalty": 0,
    "frequency_penalty": 0,
    "audio": None,
    "modalities": None,
    "prediction": None,
    "reasoning_effort": None,
    "web_search_options": None,
}
_NEUTRAL_EMPTY = ([], {}, "")


def _flag(headers: Mapping[str, str], name: str, default: bool) -> bool:
    value = headers.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ApiError(400, f"the header {name} must be true or false, not '{value[:40]}'")


@dataclass(frozen=True)
class ChatCall:
    """A checked request: what to generate, with which service, how to answer."""

    caller: Caller
    model: str
    service: GenerationService
    request: ChatRequest
    stream: bool
    include_usage: bool
    hold: Hold | None = None  # the part of the key's budget set aside for this request


def parse_call(gateway: Gateway, caller: Caller, raw: bytes, headers: Mapping[str, str]) -> ChatCall:
    """Read and check an OpenAI chat completion body.

    :raises ApiError: 400 for a body the gateway cannot use (one sentence naming the
        parameter), 404 for a model it does not serve.
    """
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(400, "the request body is not JSON: send a chat completion object") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object with model and messages")
    service = gateway.service(body.get("model"))
    for name, neutral in UNSUPPORTED.items():
        value = body.get(name)
        if value is not None and value != neutral and value not in _NEUTRAL_EMPTY:
            raise ApiError(
                400,
                f"the parameter '{name}' is not supported by this gateway; send the request without it "
                "(supported: model, messages, max_tokens, max_completion_tokens, temperature, stream, "
                "stream_options, n=1, user)",
                param=name,
                code="unsupported_parameter",
            )
    n = body.get("n")
    if n not in (None, 1):
        raise ApiError(400, "this gateway returns one choice: send n=1 or leave it out", param="n")
    stream = body.get("stream") or False
    if not isinstance(stream, bool):
        raise ApiError(400, "stream must be true or false", param="stream")
    options = body.get("stream_options") or {}
    if not isinstance(options, dict):
        raise ApiError(400, "stream_options must be an object", param="stream_options")
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int)):
        raise ApiError(400, "max_tokens must be a whole number", param="max_tokens")
    temperature = body.get("temperature")
    if temperature is None:
        temperature = 1.0
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not 0 <= temperature <= 2:
        raise ApiError(400, "temperature must be a number from 0 to 2", param="temperature")
    compress = (headers.get(COMPRESS_HEADER) or "none").strip().lower()
    if compress not in COMPRESS_LEVELS:
        raise ApiError(400, f"the header X-Optimizer-Compress must be one of {', '.join(COMPRESS_LEVELS)}")
    try:
        check_max_tokens(max_tokens)
        request = ChatRequest.from_openai(
            body.get("messages"),
            compress=compress,
            max_tokens=max_tokens,
            temperature=float(temperature),
            use_cache=_flag(headers, USE_CACHE_HEADER, True),
            user=caller.name,
            keep_text=_flag(headers, KEEP_TEXT_HEADER, True),
        )
    except InputError as exc:
        raise ApiError(400, str(exc), param="messages" if "message" in str(exc) else None) from None
    return ChatCall(caller, body["model"], service, request, stream, bool(options.get("include_usage")))


# -- the answer, as OpenAI writes it ----------------------------------------------------------
def _usage(generation: Generation) -> dict[str, int]:
    usage = generation.response.usage  # type: ignore[union-attr]
    return {
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
    }


def _saved(call: ChatCall, generation: Generation) -> tuple[int, float]:
    """Tokens and dollars saved: from the ledger row once the run ended, else (a stream
    still running) what the compression saved."""
    run = generation.run
    if run is not None:
        tokens = run.saved_cache_tokens + run.saved_prompt_tokens + run.saved_context_tokens
        usd = run.saved_cache_usd + run.saved_prompt_usd + run.saved_context_usd
        return tokens, usd
    if generation.cached is not CacheOutcome.NONE:
        return 0, 0.0
    saved = generation.prompt.saved_tokens
    return saved, call.service.pricing.input_usd(saved)


def answer_headers(call: ChatCall, generation: Generation) -> dict[str, str]:
    """The ``X-Optimizer-*`` headers of an answer."""
    tokens, usd = _saved(call, generation)
    return {
        "X-Optimizer-Cache": generation.cached.value,
        "X-Optimizer-Saved-Tokens": str(tokens),
        "X-Optimizer-Saved-USD": f"{usd:.6f}",
        "X-Optimizer-Tokenizer": call.service.reference_tokenizer,
        "X-Optimizer-Compress": call.request.compress,
    }


def completion_body(call: ChatCall, generation: Generation, completion_id: str, created: int) -> dict[str, Any]:
    """The OpenAI ``chat.completion`` body of a finished generation (answer, usage, finish reason)."""
    response = generation.response
    assert response is not None
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": call.model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": response.text, "refusal": None},
                "logprobs": None,
                "finish_reason": response.finish_reason or "stop",
            }
        ],
        "usage": _usage(generation),
        "system_fingerprint": None,
    }


def _chunk(
    completion_id: str, created: int, model: str, delta: dict[str, Any], finish: str | None, usage: bool
) -> bytes:
    chunk: dict[str, Any] = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "system_fingerprint": None,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
    }
    if usage:
        chunk["usage"] = None
    return b"data: " + orjson.dumps(chunk) + b"\n\n"


# -- running it ------------------------------------------------------------------------------
def _after(gateway: Gateway, call: ChatCall, generation: Generation) -> None:
    """Once a generation has ended: its spend against the budget, metrics, a log line for
    an upstream failure."""
    run, response = generation.run, generation.response
    if call.hold is not None:  # the real cost replaces what was set aside (0 without a run)
        gateway.quotas.settle(call.hold, run.cost_usd if run is not None else 0.0)
    if run is None or response is None:
        return
    gateway.metrics.record_generation(run, call.model)
    if response.error and response.error_kind not in (None, "stopped"):
        gateway.metrics.upstream_errors.labels(response.error_kind or "error").inc()
        log.warning("upstream failure for %s (%s): %s", call.caller.name, response.error_kind, response.error)


def _failed(generation: Generation) -> bool:
    response = generation.response
    return response is not None and response.done and not response.complete and not response.text


def run_whole(gateway: Gateway, call: ChatCall) -> Generation:
    """Generate the whole answer (a non-streamed request, or a cached one)."""
    generation = call.service.chat(call.request)
    try:
        for _ in generation:
            pass
    finally:
        _after(gateway, call, generation)
    return generation


@dataclass
class Primed:
    """A streamed generation started: the text so far, the iterator to go on with."""

    generation: Generation
    iterator: Any
    first: str
    done: bool


def prime(gateway: Gateway, call: ChatCall) -> Primed:
    """Start a streamed generation and read up to its first text (or its end), so that a
    failure before any text is answered with an error status, not a broken stream. A
    cached answer is read whole (it replays at once), so its headers have exact figures."""
    generation = call.service.chat(call.request)
    response = generation.response
    assert response is not None
    if response.cached.served:
        text = "".join(generation)
        _after(gateway, call, generation)
        return Primed(generation, iter(()), text, True)
    iterator = iter(response)
    try:
        for piece in iterator:
            if piece:
                return Primed(generation, iterator, piece, False)
    except BaseException:
        _after(gateway, call, generation)
        raise
    _after(gateway, call, generation)
    return Primed(generation, iterator, "", True)


def pump(
    gateway: Gateway, call: ChatCall, primed: Primed, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue
) -> None:
    """Read the rest of a streamed generation in a thread, handing each piece to the event loop."""
    try:
        for piece in primed.iterator:
            if piece:
                loop.call_soon_threadsafe(queue.put_nowait, piece)
    finally:
        _after(gateway, call, primed.generation)
        loop.call_soon_threadsafe(queue.put_nowait, None)


def allow(gateway: Gateway, headers: Mapping[str, str]) -> Caller:
    """Who is calling, and may they generate now (before their body is read).

    :raises ApiError: 401, 403 or 429 (see :meth:`Gateway.authenticate`, :meth:`Gateway.admit`).
    """
    caller = gateway.authenticate(headers.get("authorization"), headers=headers)
    gateway.require(caller, Action.GENERATE)
    gateway.admit(caller)
    return caller


def check(gateway: Gateway, caller: Caller, raw: bytes, headers: Mapping[str, str]) -> ChatCall:
    """What an admitted caller (see :func:`allow`) asks for, with the most it can cost set
    aside of the caller's budget (released by :func:`_after`, or by :func:`release` when
    the request ends before its generation does).

    :raises ApiError: 400 or 404 (see :func:`parse_call`); 429 when the budget is held or spent.
    """
    call = parse_call(gateway, caller, raw, headers)
    request = call.request
    written = sum(len(m.content) for m in request.messages)
    # At most this much: about four characters a token in, the whole answer cap out.
    # (A model without a price costs nothing here, as in the run's own accounting.)
    price = price_table().find(call.model)
    most = (
        (written // 4 + 1) * price.input / 1e6 + (request.max_tokens or DEFAULT_MAX_TOKENS) * price.output / 1e6
        if price
        else 0.0
    )
    return replace(call, hold=gateway.hold(caller, most))


def release(gateway: Gateway, call: ChatCall | None) -> None:
    """Give back what ``call`` held of its budget when it ended without a run (an error
    before or while starting); nothing once :func:`_after` has settled it."""
    if call is not None and call.hold is not None:
        gateway.quotas.settle(call.hold, 0.0)


def start(gateway: Gateway, call: ChatCall) -> Any:
    """The answer's start in a thread: the whole answer unless streamed (then :class:`Primed`)."""
    if call.stream:
        return prime(gateway, call)
    return run_whole(gateway, call)


def begin(gateway: Gateway, caller: Caller, raw: bytes, headers: Mapping[str, str]) -> tuple[ChatCall, Any]:
    """Everything before the answer, in one thread: what is asked, and the answer's start
    (the whole answer unless streamed)."""
    call = check(gateway, caller, raw, headers)
    try:
        return call, start(gateway, call)
    except BaseException:
        release(gateway, call)
        raise


def fetches(service: GenerationService) -> bool:
    """Whether a service's misses can be fetched on the event loop (:func:`run_whole_async`)."""
    return isinstance(service.provider, PrefetchedProvider)


async def run_whole_async(gateway: Gateway, call: ChatCall) -> Generation:
    """A non-streamed request on the event loop: the pipeline as :func:`run_whole` runs it
    (cache first, ledger row, cache write), with a miss fetched by ``upstream`` without a
    thread and then fed through the pipeline (timed from when the fetch began).

    A request cancelled while it waits (the server stopping) is recorded as stopped.
    """
    generation = call.service.chat(call.request)
    response = generation.response
    assert response is not None
    try:
        if response.cached.served:
            for _ in generation:
                pass
            return generation
        service, request = call.service, call.request
        messages, max_tokens = generation.prompt.messages, service.max_tokens_for(request)
        try:
            fetched = await call.service.provider.upstream.fetch(  # type: ignore[attr-defined]
                messages,
                max_tokens=max_tokens,
                temperature=request.temperature,
                deadline_s=service.limits.deadline_s,
                max_answer_chars=service.limits.max_answer_chars,
            )
        except asyncio.CancelledError:
            response.stop()
            fetched = Fetched([TextDelta("")], messages=tuple(messages), max_tokens=max_tokens)
            _drain(generation, fetched)
            raise
        response.backdate(fetched.started, fetched.first)
        _drain(generation, fetched)
        return generation
    finally:
        _after(gateway, call, generation)


def _drain(generation: Generation, fetched: Fetched) -> None:
    token = PrefetchedProvider.replaying(fetched)
    try:
        for _ in generation:
            pass
    finally:
        PrefetchedProvider.done(token)


async def _in_thread(gateway: Gateway, fn: Any, *args: Any, call: ChatCall | None = None) -> Any:
    """``fn(*args)`` in the gateway's threads. If the request is cancelled meanwhile (the server
    stopping, the client gone), the thread goes on: when it returns, a streamed answer it
    started is stopped and read to its end there, so the run is recorded and its budget hold
    settled (its result would otherwise reach nobody)."""
    job = gateway.executor.submit(fn, *args)
    try:
        return await asyncio.shield(asyncio.wrap_future(job))
    except asyncio.CancelledError:
        if job.cancel():  # still queued: it never runs, nothing reaches the upstream
            release(gateway, call)
        else:  # running: ended when it returns, in a thread (the loop may be gone by then)
            job.add_done_callback(lambda done: _abandoned(gateway, done, call))
        raise


def _abandoned(gateway: Gateway, future: Any, call: ChatCall | None) -> None:
    """The result of a thread whose request was cancelled (``begin`` returns the call with
    it): end a streamed answer it started."""
    if future.cancelled() or future.exception() is not None:
        release(gateway, call)  # failed: settled already, unless it failed before its generation began
        return
    result = future.result()
    if isinstance(result, tuple):
        call, result = result
    if isinstance(result, Primed) and not result.done and call is not None:
        response = result.generation.response
        if response is not None and not response.done:
            response.stop()
        if not _on_event_loop():
            drain(gateway, call, result)  # the worker that ran the job (a shutdown waits for it)
            return
        # The job had returned before the cancel: never drain on the event loop itself.
        try:
            gateway.executor.submit(drain, gateway, call, result)
        except RuntimeError:  # the pool is shutting down: a thread of its own
            threading.Thread(target=drain, args=(gateway, call, result), daemon=False).start()


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def drain(gateway: Gateway, call: ChatCall, primed: Primed) -> None:
    """Read a streamed generation to its end with nobody listening, then record it and settle
    its hold (a client that left before the stream's pump started)."""
    try:
        for _ in primed.iterator:
            pass
    finally:
        _after(gateway, call, primed.generation)


class Events:
    """The server-sent events of a streamed answer (an async iterator of bytes).

    However the stream ends (read to the end, a client that leaves after a chunk, or a
    response never sent because the client left while the answer started), :meth:`aclose`
    ends the run: stopped with its text kept, recorded in the ledger, and the part of the
    key's budget it held settled by its real cost. :class:`EventResponse` calls it.
    """

    def __init__(self, gateway: Gateway, call: ChatCall, primed: Primed, completion_id: str, created: int) -> None:
        self.gateway, self.call, self.primed = gateway, call, primed
        self.completion_id, self.created = completion_id, created
        self._pump: asyncio.Future | None = None  # the thread that took the generation over
        self._closed = False
        self._events = self._stream()

    def __aiter__(self) -> Events:
        return self

    async def __anext__(self) -> bytes:
        return await self._events.__anext__()

    async def aclose(self) -> None:
        """Stop reading and end the run (see the class); closing twice does nothing."""
        if self._closed:
            return
        self._closed = True
        await self._events.aclose()
        if self._pump is not None:
            await self._pump  # stopped by the stream's ``finally``: it records and settles the run
            return
        if self.primed.done:
            release(self.gateway, self.call)  # recorded in ``prime``; settled there too
            return
        response = self.primed.generation.response
        if response is not None and not response.done:
            response.stop()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.gateway.executor, drain, self.gateway, self.call, self.primed)

    async def _stream(self) -> AsyncIterator[bytes]:
        gateway, call, primed = self.gateway, self.call, self.primed
        completion_id, created = self.completion_id, self.created
        usage = call.include_usage
        yield _chunk(
            completion_id, created, call.model, {"role": "assistant", "content": "", "refusal": None}, None, usage
        )
        if primed.first:
            yield _chunk(completion_id, created, call.model, {"content": primed.first}, None, usage)
        if not primed.done:
            loop = asyncio.get_running_loop()
            queue: asyncio.Queue[str | None] = asyncio.Queue()
            future = self._pump = loop.run_in_executor(gateway.executor, pump, gateway, call, primed, loop, queue)
            try:
                while (piece := await queue.get()) is not None:
                    yield _chunk(completion_id, created, call.model, {"content": piece}, None, usage)
            finally:
                response = primed.generation.response
                if response is not None and not response.done:
                    response.stop()  # the client went away: the run ends as stopped, its text kept
            await future
        response = primed.generation.response
        assert response is not None
        if not response.complete:
            error = upstream_error(response.error or "the answer ended early", response.error_kind)
            yield b"data: " + orjson.dumps(error.body()) + b"\n\n"
            return
        yield _chunk(completion_id, created, call.model, {}, response.finish_reason or "stop", usage)
        if usage:
            chunk = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": call.model,
                "system_fingerprint": None,
                "choices": [],
                "usage": _usage(primed.generation),
            }
            yield b"data: " + orjson.dumps(chunk) + b"\n\n"
        yield b"data: [DONE]\n\n"


class EventResponse(StreamingResponse):
    """A streamed answer that closes its :class:`Events` however the response ends
    (Starlette leaves a body iterator unclosed when the client leaves)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True):  # even while the request is being cancelled
                await self.body_iterator.aclose()


_CHAT_SCHEMA = {
    "type": "object",
    "required": ["model", "messages"],
    "properties": {
        "model": {"type": "string", "description": "one of GET /v1/models"},
        "messages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["role", "content"],
                "properties": {
                    "role": {"type": "string", "enum": ["system", "developer", "user", "assistant"]},
                    "content": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]},
                },
            },
        },
        "max_tokens": {"type": "integer", "minimum": 1, "maximum": 16384},
        "max_completion_tokens": {"type": "integer", "minimum": 1, "maximum": 16384},
        "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 1},
        "stream": {"type": "boolean", "default": False},
        "stream_options": {"type": "object", "properties": {"include_usage": {"type": "boolean"}}},
        "n": {"type": "integer", "enum": [1]},
        "user": {"type": "string"},
    },
}


@router.post(
    CHAT_PATH,
    tags=["OpenAI-compatible"],
    summary="Create a chat completion (OpenAI's API; cache-first, recorded in the ledger)",
    # The key is read in the worker thread with the rest (no dependency on the hot path);
    # the schema says so for the docs.
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": _CHAT_SCHEMA}}},
        "security": [{"HTTPBearer": []}],
    },
    response_model=None,
)
async def chat_completions(request: Request) -> Response:
    """``POST /v1/chat/completions``: OpenAI's chat API over the pipeline (cache, compression, ledger).

    Streams server-sent events when the body asks for ``stream``; errors are OpenAI's JSON errors.
    """
    gateway: Gateway = request.app.state.gateway
    loop = asyncio.get_running_loop()
    embedded = not any(fetches(s) for s in gateway.services.values())
    # Who it is and whether they may, before a byte of the body is read: an anonymous or
    # refused sender gets its answer at once, whatever it announces.
    if embedded:
        caller = await loop.run_in_executor(gateway.executor, allow, gateway, request.headers)
    else:
        caller = allow(gateway, request.headers)
    raw = await request.body()
    if embedded:  # the embedded model: all in a thread
        call, started = await _in_thread(gateway, begin, gateway, caller, raw, request.headers)
    else:
        # On the loop: checks and cache lookups are local reads (sub-millisecond), and the
        # upstream is awaited without a thread; a streamed answer still reads in a thread.
        call = check(gateway, caller, raw, request.headers)
        try:
            if call.stream or not fetches(call.service):
                started = await _in_thread(gateway, start, gateway, call, call=call)
            else:
                started = await run_whole_async(gateway, call)
        except asyncio.CancelledError:
            raise  # the thread, if any, goes on: _in_thread ends its run (see there)
        except BaseException:
            release(gateway, call)  # nothing started: give back what was held
            raise
    completion_id = f"chatcmpl-{_IDS.getrandbits(96):024x}"
    created = int(time.time())
    if not call.stream:
        generation: Generation = started
        if not generation.response.complete:  # type: ignore[union-attr]
            raise upstream_error(generation.response.error or "the answer ended early", generation.response.error_kind)  # type: ignore[union-attr]
        body = completion_body(call, generation, completion_id, created)
        return Response(orjson.dumps(body), media_type="application/json", headers=answer_headers(call, generation))
    primed: Primed = started
    if primed.done and _failed(primed.generation):
        response = primed.generation.response
        raise upstream_error(response.error or "the answer ended early", response.error_kind)  # type: ignore[union-attr]
    return EventResponse(
        Events(gateway, call, primed, completion_id, created),
        media_type="text/event-stream",
        headers={**answer_headers(call, primed.generation), "Cache-Control": "no-cache"},
    )


def _model(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "optimizer-gateway"}


@router.get("/v1/models", tags=["OpenAI-compatible"], summary="The models this gateway serves")
def list_models(request: Request, _token: Any = Security(bearer)) -> Response:
    """``GET /v1/models``: the models this gateway serves (requires a key)."""
    gateway: Gateway = request.app.state.gateway
    gateway.authenticate(request.headers.get("authorization"), headers=request.headers)
    body = {"object": "list", "data": [_model(name) for name in gateway.services]}
    return Response(orjson.dumps(body), media_type="application/json")


@router.get("/v1/models/{model:path}", tags=["OpenAI-compatible"], summary="One model this gateway serves")
def get_model(model: str, request: Request, _token: Any = Security(bearer)) -> Response:
    """``GET /v1/models/{model}``: one served model; 404 ``model_not_found`` otherwise."""
    gateway: Gateway = request.app.state.gateway
    gateway.authenticate(request.headers.get("authorization"), headers=request.headers)
    gateway.service(model)
    return Response(orjson.dumps(_model(model)), media_type="application/json")
