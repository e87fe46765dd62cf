"""A response you iterate for text deltas that knows its progress, usage and cost.

Modelled on simonw/llm's Response: ``for delta in response`` streams; afterwards
``response.text``, ``.usage``, ``.cost_usd``, ``.ttft_ms``, ``.latency_ms`` and
``.complete`` tell what happened. A provider error ends the iteration instead of raising:
the partial text stays, ``complete`` is False and ``error`` says why. ``stop()`` (from a
Stop button, another thread) ends it the same way. A cached answer replays through the
same object in a few chunks, marked ``cached``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .providers.base import Event, Finish, ProviderError, TextDelta, UsageReport

_REPLAY_CHUNKS = 4


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0
    source: str = "provider"  # "provider" (reported) or "counted" (our tokenizer)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class Progress:
    tokens: int  # completion tokens so far (counted while streaming)
    elapsed_s: float
    ttft_s: float | None
    cost_usd: float  # estimated from the tokens so far


class StreamingResponse:
    def __init__(
        self,
        events: Iterable[Event],
        *,
        provider: str,
        model: str,
        prompt_tokens: int,
        count_tokens: Callable[[str], int],
        price: Callable[[int, int, int], float],
        cached: str = "none",
        on_done: Callable[[StreamingResponse], None] | None = None,
    ) -> None:
        self._events = events
        self.provider = provider
        self.model = model
        self.cached = cached  # "exact", "semantic", "stale" or "none"
        self._count = count_tokens
        self._price = price
        self._prompt_tokens = prompt_tokens
        self._on_done = on_done
        self._parts: list[str] = []
        self._reported: UsageReport | None = None
        self._stop = threading.Event()
        self._started: float | None = None
        self._first: float | None = None
        self._ended: float | None = None
        self._streamed_tokens = 0
        self.finish_reason: str | None = None
        self.error: str | None = None
        self.error_kind: str | None = None
        self.stopped = False
        self.done = False
        self.setup_ms = 0.0  # time spent before the stream (a cache lookup), counted in TTFT and latency

    # -- streaming -------------------------------------------------------------------
    def __iter__(self) -> Iterator[str]:
        if self.done:
            yield from ([self.text] if self.text else [])
            return
        self._started = time.perf_counter()
        drained = False
        try:
            for event in self._events:
                if self._stop.is_set():
                    self.stopped = True
                    break
                if isinstance(event, TextDelta):
                    if self._first is None:
                        self._first = time.perf_counter()
                    self._parts.append(event.text)
                    self._streamed_tokens += 1
                    yield event.text
                elif isinstance(event, UsageReport):
                    self._reported = event
                elif isinstance(event, Finish):
                    self.finish_reason = event.reason
            drained = True
        except ProviderError as exc:
            self.error, self.error_kind = str(exc), exc.kind
            drained = True
        finally:
            if not drained and not self.stopped:
                # The consumer went away mid-stream (closed the iterator, or Streamlit
                # interrupted the script for a Stop click): that is a stop, not a finish.
                self.stopped = True
            close = getattr(self._events, "close", None)
            if close is not None and (self.stopped or self.error):
                close()  # tell the provider to stop generating
            self._finish()

    def stop(self) -> None:
        """Ask the stream to end after the current delta (thread-safe)."""
        self._stop.set()

    def _finish(self) -> None:
        if self.done:
            return
        self._ended = time.perf_counter()
        if self.stopped and self.error is None:
            self.error, self.error_kind = "stopped by the user; the partial answer is kept", "stopped"
        self.done = True
        if self._on_done is not None:
            self._on_done(self)

    # -- what is known while streaming ------------------------------------------------
    @property
    def progress(self) -> Progress:
        now = self._ended or time.perf_counter()
        started = self._started or now
        ttft = None if self._first is None else self._first - started
        return Progress(
            self._streamed_tokens, now - started, ttft, self._price(self._prompt_tokens, self._streamed_tokens, 0)
        )

    # -- what is known afterwards -----------------------------------------------------
    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def complete(self) -> bool:
        return self.done and self.error is None and self.finish_reason is not None

    @property
    def usage(self) -> Usage:
        if self._reported is not None and self.complete:
            r = self._reported
            return Usage(r.prompt_tokens, r.completion_tokens, r.cached_tokens, "provider")
        return Usage(self._prompt_tokens, self._count(self.text) if self.text else 0, 0, "counted")

    @property
    def cost_usd(self) -> float:
        if self.cached in ("exact", "semantic", "stale") or (self.error and not self.text):
            return 0.0  # nothing was generated (a refused or failed request is not billed)
        u = self.usage
        return self._price(u.prompt_tokens, u.completion_tokens, u.cached_tokens)

    @property
    def ttft_ms(self) -> float | None:
        if self._first is None or self._started is None:
            return None
        return self.setup_ms + (self._first - self._started) * 1000

    @property
    def latency_ms(self) -> float | None:
        if self._started is None or self._ended is None:
            return None
        return self.setup_ms + (self._ended - self._started) * 1000

    # -- cached replay ----------------------------------------------------------------
    @classmethod
    def replay(
        cls,
        text: str,
        *,
        cached: str,
        provider: str,
        model: str,
        prompt_tokens: int,
        completion_tokens: int,
        count_tokens: Callable[[str], int],
        lookup_ms: float = 0.0,
        on_done: Callable[[StreamingResponse], None] | None = None,
    ) -> StreamingResponse:
        """A stored answer through the same object: a few chunks, no provider, no cost."""
        size = max(1, -(-len(text) // _REPLAY_CHUNKS))
        events: list[Event] = [TextDelta(text[i : i + size]) for i in range(0, len(text), size)]
        events += [UsageReport(prompt_tokens, completion_tokens), Finish("stop")]
        response = cls(
            events,
            provider=provider,
            model=model,
            prompt_tokens=prompt_tokens,
            count_tokens=count_tokens,
            price=lambda *_: 0.0,
            cached=cached,
            on_done=on_done,
        )
        response.setup_ms = lookup_ms
        return response
