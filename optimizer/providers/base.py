"""What every provider yields while it streams, the options it is given, and the errors it
may raise.

A provider turns messages into an iterator of events: ``Queued`` while it waits for its
turn (the embedded model serves one generation at a time), ``Dequeued`` when the turn
comes, text deltas as they arrive, the usage when the provider reports it, and the finish
reason. Errors are :class:`ProviderError` with a :class:`FailureKind` and a sentence a user
can act on (what happened, what was kept, what to do).

>>> FailureKind.DEADLINE.end_state
<EndState.CUT: 'cut'>
>>> FailureKind.DROPPED.end_state
<EndState.FAILED: 'failed'>
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from ..errors import OptimizerError
from ..states import EndState


@dataclass(frozen=True)
class Message:
    """One chat message: ``role`` is "system", "user" or "assistant"."""

    role: str
    content: str


@dataclass(frozen=True)
class TextDelta:
    """A piece of the answer, in the order it was written."""

    text: str


@dataclass(frozen=True)
class UsageReport:
    """Token usage as the provider counted it (exact for the embedded model)."""

    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0

    @classmethod
    def from_openai(cls, usage: Mapping[str, Any]) -> UsageReport:
        """The usage object of an OpenAI-compatible answer (missing counts are 0).

        >>> UsageReport.from_openai({"prompt_tokens": 7, "completion_tokens": 3,
        ...     "prompt_tokens_details": {"cached_tokens": 2}})
        UsageReport(prompt_tokens=7, completion_tokens=3, cached_tokens=2)
        """
        details = usage.get("prompt_tokens_details") or {}
        cached = (details.get("cached_tokens") if isinstance(details, dict) else 0) or 0
        return cls(usage.get("prompt_tokens") or 0, usage.get("completion_tokens") or 0, cached)


@dataclass(frozen=True)
class StreamChunk:
    """One chunk of an OpenAI-compatible stream, read: its usage, its text deltas, its
    finish reason, and the message of an ``error`` event (None when it is none)."""

    usage: UsageReport | None
    texts: tuple[str, ...]
    finish_reason: str | None
    error: str | None

    @classmethod
    def from_openai(cls, chunk: Mapping[str, Any]) -> StreamChunk:
        """Read one decoded chunk (``choices[].delta.content``, ``finish_reason``, ``usage``,
        ``error``); parts that are missing or of another shape are left out.

        >>> StreamChunk.from_openai({"choices": [{"delta": {"content": "Hi"}, "finish_reason": "stop"}]})
        StreamChunk(usage=None, texts=('Hi',), finish_reason='stop', error=None)
        """
        error = chunk.get("error")
        message = None
        if error:
            found = error.get("message") if isinstance(error, dict) else None
            message = str(found or "An error occurred during streaming")
        usage = chunk.get("usage")
        texts: list[str] = []
        reason = None
        for choice in chunk.get("choices") or ():
            if not isinstance(choice, dict):
                continue
            delta = choice.get("delta")
            text = delta.get("content") if isinstance(delta, dict) else None
            if text:
                texts.append(text)
            if choice.get("finish_reason"):
                reason = choice["finish_reason"]
        return cls(UsageReport.from_openai(usage) if isinstance(usage, dict) else None, tuple(texts), reason, message)


@dataclass(frozen=True)
class Finish:
    """The provider finished: ``reason`` is "stop" (the model ended) or "length" (the token cap)."""

    reason: str


@dataclass(frozen=True)
class Queued:
    """The request waits for the embedded model: ``ahead`` generations are before it.

    Yielded when the wait starts and about every half second while it lasts (so a reader
    can show it and can stop waiting); the studio shows "1 generation ahead of yours".
    """

    ahead: int


@dataclass(frozen=True)
class Dequeued:
    """The wait is over after ``waited_s`` seconds; generation starts now (time to first
    token is counted from here, not from the request)."""

    waited_s: float


Event = TextDelta | UsageReport | Finish | Queued | Dequeued


@dataclass(frozen=True)
class StreamOptions:
    """How one generation may run, given to ``Provider.stream``.

    ``deadline_s``: total seconds for the generation (connection, retries and the stream;
    the embedded model's queue wait has its own allowance of the same length); ``None``
    means the provider's own default. ``schema``: a JSON schema the answer must follow
    (structured output), or ``None`` for free text. ``max_answer_chars``: the answer size
    cap; a provider may stop reading past it.
    """

    deadline_s: float | None = None
    schema: Mapping[str, Any] | None = None
    max_answer_chars: int | None = None


class FailureKind(StrEnum):
    """Why a provider failed; the value is what ``StreamingResponse.error_kind`` and the
    ledger show."""

    AUTH = "auth"  # 401: the key was rejected
    FORBIDDEN = "forbidden"  # 403
    NOT_FOUND = "not_found"  # 404: no such model, or no API at that path
    RATE_LIMIT = "rate_limit"  # 429 after the client's retries
    SERVER = "server"  # 5xx after the client's retries
    BAD_REQUEST = "bad_request"  # 400 or the embedded model refused the prompt
    REDIRECT = "redirect"  # 3xx: redirects are not followed
    REFUSED = "refused"  # nothing listens at the address
    CONNECTION = "connection"  # DNS, TLS or another network failure before the answer
    TIMEOUT = "timeout"  # no answer within the time allowed
    DROPPED = "dropped"  # the connection dropped mid-stream
    NOT_OPENAI = "not_openai"  # an HTML page or something else that is not the API
    INCOMPLETE = "incomplete"  # the stream ended without a finish
    NOT_ALLOWED = "not_allowed"  # a request to a host the settings do not allow
    DEADLINE = "deadline"  # the total deadline passed mid-answer: cut
    TOO_LARGE = "too_large"  # the answer size cap: cut
    PAUSED = "paused"  # the reader paused; the embedded model moved on: cut
    QUEUE = "queue"  # waited too long for the embedded model
    CRASH = "crash"  # an unexpected error inside the provider
    ERROR = "error"  # anything else

    @property
    def end_state(self) -> EndState:
        """``CUT`` when the studio cut the answer on purpose, else ``FAILED``."""
        return EndState.CUT if self in _CUTS else EndState.FAILED

    @property
    def retryable(self) -> bool:
        """Whether trying again later may help (the client already retried these)."""
        return self in _RETRYABLE


_CUTS = frozenset({FailureKind.DEADLINE, FailureKind.TOO_LARGE, FailureKind.PAUSED})
_RETRYABLE = frozenset(
    {
        FailureKind.RATE_LIMIT,
        FailureKind.SERVER,
        FailureKind.REFUSED,
        FailureKind.CONNECTION,
        FailureKind.TIMEOUT,
        FailureKind.DROPPED,
        FailureKind.QUEUE,
    }
)


class ProviderError(OptimizerError):
    """A provider failed; the message says what happened, what was kept and what to do.

    :param message: one line for the user (already free of credentials).
    :param kind: a :class:`FailureKind` (or its value).
    :param tokens: answer tokens received before the failure (0 before the first token).
    """

    def __init__(self, message: str, *, kind: FailureKind | str = FailureKind.ERROR, tokens: int = 0) -> None:
        super().__init__(message)
        try:
            self.kind = FailureKind(kind)
        except ValueError:
            self.kind = FailureKind.ERROR
        self.tokens = tokens

    @property
    def retryable(self) -> bool:
        """Whether trying again later may help."""
        return self.kind.retryable


class Provider(Protocol):
    """What the pipeline needs from a provider.

    ``endpoint`` is where answers come from, without credentials ("local" for the
    embedded model): it is part of the cache key.
    """

    name: str
    model: str
    endpoint: str

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        options: StreamOptions | None = None,
    ) -> Iterator[Event]:
        """Stream the answer to ``messages`` as events (text deltas, usage, queued...).

        :raises ProviderError: on failure, after any text already yielded (which the caller keeps).
        """

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` with the model's tokenizer (or the best stand-in)."""

    def describe(self) -> str:
        """What the model is, in a few words, for the studio and the CLI."""
