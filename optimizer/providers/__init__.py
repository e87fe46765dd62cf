"""Providers: the embedded model and any OpenAI-compatible endpoint, behind one interface.

``resolve_settings`` decides which provider, endpoint and key (the operator's key goes
only to the operator's endpoint); ``make_provider`` builds it; ``Provider.stream`` yields
:data:`Event` values and raises :class:`ProviderError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import (
    Dequeued,
    Event,
    FailureKind,
    Finish,
    Message,
    Provider,
    ProviderError,
    Queued,
    StreamOptions,
    TextDelta,
    UsageReport,
)
from .local import DEMO_NOTE, LOCAL_MODEL, MODEL_QUEUE, LocalProvider, exclusive_model, local_max_tokens
from .settings import (
    ALLOW_USER_ENDPOINTS,
    DEFAULT_BASE_URL,
    DEFAULT_OPENAI_MODEL,
    EndpointNotAllowed,
    ProviderSettings,
    make_provider,
    resolve_settings,
    user_endpoints_allowed,
)

__all__ = [
    "ALLOW_USER_ENDPOINTS",
    "DEFAULT_BASE_URL",
    "DEFAULT_OPENAI_MODEL",
    "DEMO_NOTE",
    "LOCAL_MODEL",
    "MODEL_QUEUE",
    "Dequeued",
    "EndpointNotAllowed",
    "Event",
    "FailureKind",
    "Finish",
    "LocalProvider",
    "Message",
    "OpenAIProvider",
    "Provider",
    "ProviderError",
    "ProviderSettings",
    "Queued",
    "StreamOptions",
    "TextDelta",
    "UsageReport",
    "exclusive_model",
    "local_max_tokens",
    "make_provider",
    "resolve_settings",
    "user_endpoints_allowed",
]


if TYPE_CHECKING:  # for type checkers and readers; at run time, __getattr__ below
    from .openai_compatible import OpenAIProvider


def __getattr__(name: str):
    """``OpenAIProvider`` on first use: it imports the official ``openai`` client (about
    0.6 s), which the embedded model, the CLI's other commands and the studio's pages that
    never call an endpoint do not need."""
    if name == "OpenAIProvider":
        from .openai_compatible import OpenAIProvider

        return OpenAIProvider
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
