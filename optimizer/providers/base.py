"""What every provider yields while it streams, and the errors it may raise.

A provider turns messages into an iterator of events: text deltas as they arrive, the
usage when the provider reports it, and the finish reason. Errors carry a sentence a
user can act on; ``retryable`` says whether trying again may help.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, Union

from ..errors import OptimizerError


@dataclass(frozen=True)
class Message:
    role: str  # "system", "user" or "assistant"
    content: str


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class UsageReport:
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0


@dataclass(frozen=True)
class Finish:
    reason: str  # "stop", "length", ...


Event = Union[TextDelta, UsageReport, Finish]


class ProviderError(OptimizerError):
    """A provider failed; the message says what happened and what to do."""

    def __init__(self, message: str, *, kind: str = "error", retryable: bool = False) -> None:
        super().__init__(message)
        self.kind = kind  # auth, rate_limit, server, timeout, connection, not_found, bad_request, cut
        self.retryable = retryable


class Provider(Protocol):
    name: str
    model: str
    endpoint: str  # where answers come from, without credentials ("local" for the embedded model)

    def stream(self, messages: Sequence[Message], *, max_tokens: int, temperature: float) -> Iterator[Event]: ...

    def count_tokens(self, text: str) -> int: ...

    def describe(self) -> str: ...
