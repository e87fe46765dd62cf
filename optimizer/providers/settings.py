"""Which provider to use: UI first, then Streamlit secrets, then the environment.

The API key lives only in this object and the provider's client: never in the ledger,
logs or exports (``ProviderSettings.__repr__`` hides it too).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .local import LOCAL_MODEL, LocalProvider
from .openai_compatible import DEFAULT_OPENAI_MODEL, OpenAIProvider

_KEYS = ("OPTIMIZER_PROVIDER", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL")


@dataclass(frozen=True)
class ProviderSettings:
    provider: str  # "local" or "openai"
    model: str
    api_key: str = field(default="", repr=False)
    base_url: str = ""
    source: str = "default"  # where the choice came from: ui, secrets, env, default

    @property
    def has_key(self) -> bool:
        return bool(self.api_key)


def _pick(name: str, ui: Mapping[str, Any], secrets: Mapping[str, Any], env: Mapping[str, str]) -> tuple[str, str]:
    for source, values in (("ui", ui), ("secrets", secrets), ("env", env)):
        value = values.get(name) if values else None
        if value:
            return str(value).strip(), source
    return "", "default"


def resolve_settings(
    ui: Mapping[str, Any] | None = None, secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> ProviderSettings:
    """Default: openai when a key (or a base URL) is configured, else the local model."""
    ui, secrets = ui or {}, secrets or {}
    env = os.environ if env is None else env
    key, key_source = _pick("OPENAI_API_KEY", ui, secrets, env)
    base_url, url_source = _pick("OPENAI_BASE_URL", ui, secrets, env)
    chosen, chosen_source = _pick("OPTIMIZER_PROVIDER", ui, secrets, env)
    provider = chosen.lower() or ("openai" if key or base_url else "local")
    if provider == "local":
        return ProviderSettings("local", LOCAL_MODEL, source=chosen_source)
    model, _ = _pick("OPENAI_MODEL", ui, secrets, env)
    source = chosen_source if chosen else (key_source if key else url_source)
    return ProviderSettings("openai", model or DEFAULT_OPENAI_MODEL, key, base_url, source)


def make_provider(settings: ProviderSettings, timeout: float = 60.0):
    if settings.provider == "local":
        return LocalProvider()
    if settings.provider == "openai":
        return OpenAIProvider(settings.model, settings.api_key or None, settings.base_url or None, timeout=timeout)
    from ..errors import ConfigError

    raise ConfigError(f"unknown provider '{settings.provider}'; use local or openai")
