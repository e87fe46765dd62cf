"""A response you iterate for text deltas that knows its progress, usage, cost and how it
ended.

Modelled on simonw/llm's Response: ``for delta in response`` streams (an empty delta
while the request waits in the embedded model's queue, so the reader can show
``progress.queued_ahead``; joining the deltas gives the answer); afterwards
``response.text``, ``.usage``, ``.cost_usd``, ``.ttft_ms``, ``.latency_ms``,
``.queue_ms`` and ``.end_state`` tell what happened. A provider error ends the iteration
instead of raising: the partial text stays and ``error`` says why in one sentence.

End states (:class:`optimizer.states.EndState`):

* ``COMPLETE``: the provider finished. A finish at the request's token cap
  (``finish_reason == "length"``, ``at_token_cap``) is complete too: the same request with
  the same cap gets the same kind of answer, so it is cached like any other; the studio
  marks it "at the token cap".
* ``STOPPED``: the user's Stop (``stop()``, Ctrl-C, or the reader closing the iterator).
* ``CUT``: cut on purpose: the total deadline, the answer size cap (:class:`Limits`), or
  the embedded model moving on from a reader that paused. Never cached.
* ``FAILED``: the provider or the connection failed, or something crashed. Never cached.

A cached answer replays through the same object in a few chunks, marked ``cached``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from .errors import ConfigError
from .providers.base import Dequeued, Event, FailureKind, Finish, ProviderError, Queued, TextDelta, UsageReport
from .redact import redact_text
from .states import CacheOutcome, EndState

_REPLAY_CHUNKS = 4
DEADLINE_ENV = "OPTIMIZER_DEADLINE_S"
MAX_ANSWER_ENV = "OPTIMIZER_MAX_ANSWER_CHARS"
STOPPED_MESSAGE = "stopped by the user; the partial answer is kept"


@dataclass(frozen=True)
class Limits:
    """How long one generation may take and how large its answer may be.

    :ivar deadline_s: total seconds for a generation, retries and stream included (the
        embedded model's queue wait is not counted; it has an allowance of its own).
    :ivar max_answer_chars: the answer size cap, in characters.

    >>> Limits.from_env({"OPTIMIZER_DEADLINE_S": "30"}).deadline_s
    30.0
    """

    deadline_s: float = 120.0
    max_answer_chars: int = 100_000

    def __post_init__(self) -> None:
        if not self.deadline_s > 0:
            raise ConfigError(f"the deadline must be more than 0 seconds, not {self.deadline_s}")
        if self.max_answer_chars < 1:
            raise ConfigError(f"the answer size cap must be at least 1 character, not {self.max_answer_chars}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """Limits from ``OPTIMIZER_DEADLINE_S`` and ``OPTIMIZER_MAX_ANSWER_CHARS`` (defaults
        when unset).

        :raises ConfigError: a value that is not a positive number.
        """
        env = os.environ if env is None else env
        values: dict[str, float | int] = {}
        for name, key, kind in ((DEADLINE_ENV, "deadline_s", float), (MAX_ANSWER_ENV, "max_answer_chars", int)):
            raw = env.get(name, "").strip()
            if raw:
                try:
                    values[key] = kind(raw)
                except ValueError:
                    raise ConfigError(f"{name} must be a positive number, not '{raw}'") from None
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Usage:
    """Tokens of one generation; ``source`` is "provider" (reported) or "counted" (our tokenizer)."""

    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0
    source: str = "provider"

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class Progress:
    """What is known while streaming.

    :ivar tokens: answer tokens so far (each delta counted with the provider's tokenizer).
    :ivar elapsed_s: seconds since generation started (queue wait excluded).
    :ivar ttft_s: seconds to the first token, once there is one.
    :ivar cost_usd: estimated from the tokens so far.
    :ivar queued_ahead: generations ahead of this one while it waits for the embedded
        model (0 when not waiting): "1 generation ahead of yours".
    :ivar queue_s: seconds spent waiting in that queue.
    :ivar end_state: ``STREAMING`` until the stream ends.
    """

    tokens: int
    elapsed_s: float
    ttft_s: float | None
    cost_usd: float
    queued_ahead: int = 0
    queue_s: float = 0.0
    end_state: EndState = EndState.STREAMING


class StreamingResponse:
    """One answer, streamed. Iterate it for text; read the rest afterwards.

    :param events: the provider's events.
    :param provider: provider name, for display.
    :param model: model name.
    :param prompt_tokens: the prompt's size as counted before sending.
    :param count_tokens: the provider's tokenizer.
    :param price: ``(prompt, completion, cached) -> USD``.
    :param cached: where the answer came from (:class:`CacheOutcome`).
    :param on_done: called once when the stream has ended (recording, caching); ``done``
        turns true only after it returned.
    :param limits: the deadline and answer size cap (default :class:`Limits`).

    >>> r = StreamingResponse([TextDelta("Hi"), Finish("stop")], provider="p", model="m",
    ...     prompt_tokens=1, count_tokens=len, price=lambda *a: 0.0)
    >>> list(r), r.end_state, r.complete
    (['Hi'], <EndState.COMPLETE: 'complete'>, True)
    """

    def __init__(
        self,
        events: Iterable[Event],
        *,
        provider: str,
        model: str,
        prompt_tokens: int,
        count_tokens: Callable[[str], int],
        price: Callable[[int, int, int], float],
        cached: CacheOutcome | str = CacheOutcome.NONE,
        on_done: Callable[[StreamingResponse], None] | None = None,
        limits: Limits | None = None,
    ) -> None:
        self._events = events
        self.provider = provider
        self.model = model
        self.cached = CacheOutcome(cached)
        self.limits = limits or Limits()
        self._count = count_tokens
        self._price = price
        self._prompt_tokens = prompt_tokens
        self._on_done = on_done
        self._parts: list[str] = []
        self._chars = 0
        self._reported: UsageReport | None = None
        self._stop = threading.Event()
        self._started: float | None = None  # iteration began
        self._generating: float | None = None  # generation began (after any queue wait)
        self._first: float | None = None
        self._ended: float | None = None
        # Deltas are counted when a figure is read, not as they arrive (the gateway reads the
        # count once, at the end): the same sum, delta by delta.
        self._counted_tokens = 0
        self._counted_parts = 0
        self._counting = threading.Lock()
        self._ahead = 0
        self._queue_s = 0.0
        self._queue_since: float | None = None
        self.finish_reason: str | None = None
        self.end_state = EndState.STREAMING
        self.error: str | None = None
        self.error_kind: str | None = None
        self.done = False
        self.setup_ms = 0.0  # time spent before the stream (a cache lookup), counted in TTFT and latency
        self._since: float | None = None  # see backdate()

    # -- streaming -------------------------------------------------------------------
    def __iter__(self) -> Iterator[str]:
        if self.done:
            yield from ([self.text] if self.text else [])
            return
        self._started = self._generating = self._since if self._since is not None else time.perf_counter()
        try:
            for event in self._events:
                if self._stop.is_set():
                    self._end(EndState.STOPPED, STOPPED_MESSAGE, "stopped")
                    break
                if isinstance(event, TextDelta):
                    piece = self._take(event.text)
                    if piece:
                        yield piece
                    if self.end_state.ended:
                        break
                elif isinstance(event, Queued):
                    self._ahead = event.ahead
                    self._queue_since = self._queue_since or time.perf_counter()
                    yield ""  # the reader gets control back to show "1 generation ahead of yours"
                elif isinstance(event, Dequeued):
                    self._ahead, self._queue_s, self._queue_since = 0, event.waited_s, None
                    self._generating = time.perf_counter()
                    yield ""
                elif isinstance(event, UsageReport):
                    self._reported = event
                elif isinstance(event, Finish):
                    self.finish_reason = event.reason
            else:
                if self.finish_reason is not None:
                    self._end(EndState.COMPLETE)
                else:
                    self._end(
                        EndState.FAILED,
                        f"the answer ended without finishing after {self._streamed_tokens()} tokens; "
                        "the partial answer is kept (not cached)",
                        FailureKind.INCOMPLETE.value,
                    )
        except ProviderError as exc:
            self._end(exc.kind.end_state, str(exc), exc.kind.value)
        except Exception as exc:  # a crash is a failure, never "stopped by the user"
            self._end(
                EndState.FAILED,
                redact_text(f"the generation failed ({type(exc).__name__}: {exc}); the partial answer is kept"),
                FailureKind.CRASH.value,
            )
        except BaseException:
            # The reader closed the iterator (Streamlit interrupting a run for a Stop
            # click) or Ctrl-C: that is a stop, not a finish.
            self._end(EndState.STOPPED, STOPPED_MESSAGE, "stopped")
            raise
        finally:
            if self.end_state is EndState.STREAMING:
                self._end(EndState.STOPPED, STOPPED_MESSAGE, "stopped")
            close = getattr(self._events, "close", None)
            if close is not None and self.end_state is not EndState.COMPLETE:
                close()  # tell the provider to stop generating
            self._finish()

    def _take(self, text: str) -> str:
        """Accept a delta within the limits; returns the part to show."""
        now = time.perf_counter()
        if self._first is None:
            self._first = now
        cap = self.limits.max_answer_chars
        cut = self._chars + len(text) > cap
        if cut:
            text = text[: max(0, cap - self._chars)]
        if text:
            self._parts.append(text)
            self._chars += len(text)
        if cut:
            self._end(
                EndState.CUT,
                f"the answer passed the size cap of {cap:,} characters and was cut after "
                f"{self._streamed_tokens()} tokens; the partial answer is kept (not cached)",
                FailureKind.TOO_LARGE.value,
            )
        elif now - (self._generating or now) > self.limits.deadline_s:
            self._end(
                EndState.CUT,
                f"the answer was cut at the {self.limits.deadline_s:g} s deadline after {self._streamed_tokens()} "
                "tokens; the partial answer is kept (not cached): raise the timeout or ask for less",
                FailureKind.DEADLINE.value,
            )
        return text

    def _streamed_tokens(self) -> int:
        with self._counting:
            parts = self._parts[self._counted_parts :]
            self._counted_tokens += sum(self._count(p) for p in parts)
            self._counted_parts += len(parts)
            return self._counted_tokens

    def _end(self, state: EndState, error: str | None = None, kind: str | None = None) -> None:
        if self.end_state.ended:
            return
        self.end_state = state
        self.error, self.error_kind = error, kind

    def backdate(self, started: float, first: float | None = None) -> None:
        """Count this response's time from ``started`` and its first token at ``first``
        (``time.perf_counter`` readings), not from when it is iterated: for events that were
        received before (the gateway fetches an answer asynchronously, then feeds it
        through). Call before iterating."""
        self._since = started
        if first is not None:
            self._first = first

    def stop(self) -> None:
        """Ask the stream to end after the current delta (thread-safe): ``STOPPED``."""
        self._stop.set()

    def _finish(self) -> None:
        if self.done or self._ended is not None:
            return
        self._ended = time.perf_counter()
        if self._queue_since is not None:  # ended while still in the queue
            self._queue_s = self._ended - self._queue_since
        try:
            if self._on_done is not None:
                self._on_done(self)
        finally:
            # Done only once recorded: a reader on another thread (the studio's "Stopping"
            # poll) that sees ``done`` must also see the run's id and figures.
            self.done = True

    # -- what is known while streaming ------------------------------------------------
    @property
    def progress(self) -> Progress:
        """Tokens, time, cost, queue position and end state so far."""
        now = self._ended or time.perf_counter()
        started = self._generating or now
        ttft = None if self._first is None else self._first - started
        queue_s = self._queue_s
        if self._queue_since is not None:
            queue_s = now - self._queue_since
        tokens = self._streamed_tokens()
        return Progress(
            tokens,
            max(0.0, now - started) if self._queue_since is None else 0.0,
            ttft,
            self._price(self._prompt_tokens, tokens, 0),
            self._ahead,
            queue_s,
            self.end_state,
        )

    # -- what is known afterwards -----------------------------------------------------
    @property
    def text(self) -> str:
        """The text received so far (all of it once the stream ended)."""
        return "".join(self._parts)

    @property
    def complete(self) -> bool:
        """True when the provider finished the answer (``end_state`` is ``COMPLETE``)."""
        return self.end_state is EndState.COMPLETE

    @property
    def stopped(self) -> bool:
        """True when the user stopped it."""
        return self.end_state is EndState.STOPPED

    @property
    def at_token_cap(self) -> bool:
        """True when the answer ended at the request's token cap (complete, but truncated)."""
        return self.complete and self.finish_reason == "length"

    @property
    def usage(self) -> Usage:
        """The provider's usage when it reported one for a complete answer, else counted."""
        if self._reported is not None and self.complete:
            r = self._reported
            return Usage(r.prompt_tokens, r.completion_tokens, r.cached_tokens, "provider")
        return Usage(self._prompt_tokens, self._count(self.text) if self.text else 0, 0, "counted")

    @property
    def cost_usd(self) -> float:
        """What the generation cost (0 for a served cache entry or a request that produced nothing)."""
        if self.cached.served or (self.error and not self.text):
            return 0.0
        u = self.usage
        return self._price(u.prompt_tokens, u.completion_tokens, u.cached_tokens)

    @property
    def ttft_ms(self) -> float | None:
        """Milliseconds to the first token, from when generation started (queue wait excluded)."""
        if self._first is None or self._generating is None:
            return None
        return self.setup_ms + (self._first - self._generating) * 1000

    @property
    def latency_ms(self) -> float | None:
        """Milliseconds from when generation started to the end (queue wait excluded)."""
        if self._generating is None or self._ended is None:
            return None
        return self.setup_ms + max(0.0, self._ended - self._generating) * 1000

    @property
    def queue_ms(self) -> float:
        """Milliseconds spent waiting for the embedded model before generation started."""
        return self.progress.queue_s * 1000

    # -- cached replay ----------------------------------------------------------------
    @classmethod
    def replay(
        cls,
        text: str,
        *,
        cached: CacheOutcome | str,
        provider: str,
        model: str,
        prompt_tokens: int,
        completion_tokens: int,
        count_tokens: Callable[[str], int],
        lookup_ms: float = 0.0,
        on_done: Callable[[StreamingResponse], None] | None = None,
        finish_reason: str = "stop",
    ) -> StreamingResponse:
        """A stored answer through the same object: a few chunks, no provider, no cost."""
        size = max(1, -(-len(text) // _REPLAY_CHUNKS))
        events: list[Event] = [TextDelta(text[i : i + size]) for i in range(0, len(text), size)]
        events += [UsageReport(prompt_tokens, completion_tokens), Finish(finish_reason)]
        response = cls(
            events,
            provider=provider,
            model=model,
            prompt_tokens=prompt_tokens,
            count_tokens=count_tokens,
            price=lambda *_: 0.0,
            cached=cached,
            on_done=on_done,
            limits=Limits(max_answer_chars=max(1, len(text))),
        )
        response.setup_ms = lookup_ms
        return response
