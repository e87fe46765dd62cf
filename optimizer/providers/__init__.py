"""Providers: the embedded model and any OpenAI-compatible endpoint, behind one interface."""

from __future__ import annotations

from .base import Event, Finish, Message, Provider, ProviderError, TextDelta, UsageReport
from .local import DEMO_NOTE, LOCAL_MODEL, LocalProvider, local_max_tokens
from .openai_compatible import DEFAULT_OPENAI_MODEL, OpenAIProvider
from .settings import ProviderSettings, make_provider, resolve_settings

__all__ = [
    "DEFAULT_OPENAI_MODEL",
    "DEMO_NOTE",
    "LOCAL_MODEL",
    "Event",
    "Finish",
    "LocalProvider",
    "Message",
    "OpenAIProvider",
    "Provider",
    "ProviderError",
    "ProviderSettings",
    "TextDelta",
    "UsageReport",
    "local_max_tokens",
    "make_provider",
    "resolve_settings",
]
