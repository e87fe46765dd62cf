"""The shared sidebar: provider, model, key, compression level, cache strategy and backend,
and a health line. Values land in ``st.session_state`` (the key never leaves it)."""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from optimizer.cache import STRATEGIES, Strategy
from optimizer.compression import CompressionLevel
from optimizer.providers import ProviderSettings, resolve_settings
from optimizer.providers.openai_compatible import DEFAULT_OPENAI_MODEL

from .services import cache_service

PROVIDERS = {"Embedded (offline demo)": "local", "OpenAI": "openai", "OpenAI-compatible URL": "compatible"}


def _secrets() -> dict[str, Any]:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets.toml: Streamlit raises rather than returning nothing
        return {}


def render() -> None:
    secrets = _secrets()
    default = resolve_settings({}, secrets)
    labels = list(PROVIDERS)
    initial = 0 if default.provider == "local" else (2 if default.base_url else 1)
    with st.sidebar:
        st.subheader("Model")
        choice = PROVIDERS[st.selectbox("Provider", labels, index=initial, key="provider_choice")]
        ui: dict[str, str] = {}
        if choice == "local":
            ui["OPTIMIZER_PROVIDER"] = "local"
        else:
            ui["OPTIMIZER_PROVIDER"] = "openai"
            ui["OPENAI_MODEL"] = st.text_input(
                "Model name",
                value=default.model if default.provider == "openai" else DEFAULT_OPENAI_MODEL,
                key="model_name",
            )
            if choice == "compatible":
                ui["OPENAI_BASE_URL"] = st.text_input(
                    "Base URL",
                    value=default.base_url or "http://127.0.0.1:11434/v1",
                    key="base_url",
                    help="Ollama, vLLM, LM Studio, llama.cpp server...",
                )
            key = st.text_input(
                "API key",
                type="password",
                key="api_key_input",
                help="Kept in this browser session only: never written to disk, logs or exports. "
                "Leave empty to use secrets.toml or OPENAI_API_KEY.",
            )
            if key:
                ui["OPENAI_API_KEY"] = key
        st.session_state["provider_settings"] = resolve_settings(ui, secrets)
        st.subheader("Optimizer")
        levels = [level.value for level in CompressionLevel]
        st.selectbox(
            "Default compression level",
            levels,
            index=levels.index("medium"),
            key="level",
            help="lossless: JSON structure only; light/medium/aggressive rewrite prose, never numbers, "
            "negations or ingredient names.",
        )
        strategies = [s.value for s in Strategy]
        strategy = st.selectbox("Cache strategy", strategies, index=strategies.index("balanced"), key="strategy")
        st.caption(STRATEGIES[Strategy(strategy)].description)
        env_url = os.environ.get("REDIS_URL", "")
        backend = st.radio(
            "Cache backend", ["disk", "redis"], index=1 if env_url else 0, horizontal=True, key="cache_backend"
        )
        redis_url = (
            st.text_input("Redis URL", value=env_url or "redis://127.0.0.1:6379/0", key="redis_url")
            if backend == "redis"
            else ""
        )
        st.session_state["cache_config"] = (backend, redis_url, strategy)
        _health(st.session_state["provider_settings"])


def settings() -> ProviderSettings:
    return st.session_state.get("provider_settings") or resolve_settings({}, _secrets())


def cache():
    backend, redis_url, strategy = st.session_state.get("cache_config", ("disk", "", "balanced"))
    return cache_service(backend, redis_url, strategy)


def _health(provider: ProviderSettings) -> None:
    try:
        health = cache().health()
        cache_line = f"cache {health.active}: {health.status}"
        if health.status != "ok":
            st.warning(health.detail)
    except Exception as exc:  # a bad Redis URL, an unwritable folder: say it, keep the page
        cache_line = "cache: unavailable"
        st.error(f"Cache unavailable: {exc}. Generations run uncached.")
    model = "embedded SmolLM2" if provider.provider == "local" else f"{provider.model} ({provider.source})"
    st.caption(f"Health: model {model} · {cache_line}")


def token_model() -> str:
    """The model whose tokenizer counts on the analysis pages (gpt-4o's for the embedded model)."""
    s = settings()
    return "gpt-4o" if s.provider == "local" else s.model
