"""The shared sidebar: who is signed in, provider, model, key, compression level, the
team's cache settings and a health line. Values land in ``st.session_state`` (the key
never leaves it).

What a visitor may choose follows the operator's rules: their own base URL only when
visitor endpoints are allowed (off by default when sign-in is on); the Redis URL is the
operator's configuration when sign-in is on; cache backend, strategy and the endpoint
policy are team settings only an admin changes (:mod:`studio.team`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from optimizer.accounting import reference_models
from optimizer.auth import Action, Principal
from optimizer.cache import STRATEGIES, Strategy
from optimizer.compression import CompressionLevel
from optimizer.config import data_dir
from optimizer.errors import OptimizerError
from optimizer.providers import DEFAULT_OPENAI_MODEL, EndpointNotAllowed, ProviderSettings, resolve_settings
from optimizer.redact import redact_text

from . import auth
from .render import shown
from .services import cache_service
from .team import DEFAULT_LOCAL_REDIS, TeamSettings, read_chosen, resolve_team_settings, save_chosen

EMBEDDED, OPENAI, COMPATIBLE = "Embedded (offline demo)", "OpenAI", "OpenAI-compatible URL"
PROVIDERS = {EMBEDDED: "local", OPENAI: "openai", COMPATIBLE: "compatible"}
DEFAULT_PRICED_AS = "gpt-4o"


def _secrets() -> dict[str, Any]:
    return auth.secrets()


def team_settings() -> TeamSettings:
    """The team's settings for this run (operator configuration, admins' choices, defaults)."""
    secrets = _secrets()
    return resolve_team_settings(
        secrets, None, read_chosen(data_dir(create=False)), signed_in=auth.sign_in_configured(secrets)
    )


def _save(**changes: Any) -> None:
    # An on_change callback: the identity is checked again here, not only when drawing.
    who = auth.require(Action.CHANGE_TEAM_SETTINGS)
    current = team_settings()
    values = {name: value for name, value in changes.items() if current.editable(name)}
    if "strategy" in values:
        values["strategy"] = Strategy.parse(values["strategy"])
    from dataclasses import replace

    save_chosen(data_dir(), replace(current, **values), signed_in=who.source == "oidc")


def _on_change(name: str, key: str) -> None:
    try:
        _save(**{name: st.session_state[key]})
    except OptimizerError as exc:
        st.session_state["team_settings_error"] = redact_text(str(exc))


def _team_controls(team: TeamSettings, who: Principal, signed_in: bool) -> None:
    """Admins change the team settings; everyone else sees them."""
    if not auth.can(Action.CHANGE_TEAM_SETTINGS, who):
        st.caption(
            f"Team settings (an admin changes them): cache **{team.cache_backend}**, strategy "
            f"**{team.strategy.value}**, own endpoints **{'allowed' if team.allow_user_endpoints else 'off'}**."
        )
        return
    # Each widget shows the team's current value (another admin may have changed it).
    st.session_state["strategy"] = team.strategy.value
    st.session_state["cache_backend"] = team.cache_backend
    strategies = [s.value for s in Strategy]
    st.selectbox(
        "Cache strategy",
        strategies,
        key="strategy",
        disabled=not team.editable("strategy"),
        on_change=_on_change,
        args=("strategy", "strategy"),
        help=None if team.editable("strategy") else "Set by the operator (OPTIMIZER_CACHE_STRATEGY).",
    )
    st.caption(STRATEGIES[team.strategy].description)
    st.radio(
        "Cache backend",
        ["disk", "redis"],
        horizontal=True,
        key="cache_backend",
        disabled=not team.editable("cache_backend"),
        on_change=_on_change,
        args=("cache_backend", "cache_backend"),
        help=None if team.editable("cache_backend") else "Set by the operator (OPTIMIZER_CACHE_BACKEND).",
    )
    if team.cache_backend == "redis":
        if signed_in:
            st.caption("Redis: the operator's REDIS_URL." if team.redis_url else "Redis: no REDIS_URL configured.")
        else:
            st.session_state["redis_url"] = team.redis_url or DEFAULT_LOCAL_REDIS
            st.text_input("Redis URL", key="redis_url", on_change=_on_change, args=("redis_url", "redis_url"))
    if signed_in:
        st.session_state["allow_user_endpoints"] = team.allow_user_endpoints
        st.checkbox(
            "Visitors may use their own endpoint",
            key="allow_user_endpoints",
            disabled=not team.editable("allow_user_endpoints"),
            on_change=_on_change,
            args=("allow_user_endpoints", "allow_user_endpoints"),
            help="With their own key only: the operator's key is never sent to a visitor's URL.",
        )
    error = st.session_state.pop("team_settings_error", None)
    if error:
        st.error(shown(error))


def _model_controls(secrets: dict[str, Any], team: TeamSettings) -> ProviderSettings:
    default = resolve_settings({}, secrets, allow_user_endpoints=team.allow_user_endpoints)
    labels = [EMBEDDED, OPENAI] + ([COMPATIBLE] if team.allow_user_endpoints or default.base_url else [])
    initial = 0 if default.provider == "local" else (labels.index(COMPATIBLE) if default.base_url else 1)
    if st.session_state.get("provider_choice") not in labels:
        st.session_state.pop("provider_choice", None)
    choice = PROVIDERS[st.selectbox("Provider", labels, index=initial, key="provider_choice")]
    ui: dict[str, str] = {}
    if choice == "local":
        ui["OPTIMIZER_PROVIDER"] = "local"
        models = reference_models(_prices())
        st.selectbox(
            "Priced as",
            models,
            index=_index(models, DEFAULT_PRICED_AS),
            key="priced_as",
            help="The embedded model is free: its runs are priced at this model's rates to show what "
            "they would cost (a reference estimate, marked so in Stats and the CSV).",
        )
    else:
        ui["OPTIMIZER_PROVIDER"] = "openai"
        ui["OPENAI_MODEL"] = st.text_input(
            "Model name",
            value=default.model if default.provider == "openai" else DEFAULT_OPENAI_MODEL,
            key="model_name",
        )
        if choice == "compatible":
            if team.allow_user_endpoints:
                ui["OPENAI_BASE_URL"] = st.text_input(
                    "Base URL",
                    value=default.base_url or "http://127.0.0.1:11434/v1",
                    key="base_url",
                    help="Ollama, vLLM, LM Studio, llama.cpp server... Your own URL gets only your own key.",
                )
            else:
                st.caption(f"Endpoint: the operator's ({shown(default.endpoint)}).")
        key = st.text_input(
            "API key",
            type="password",
            key="api_key_input",
            help="Kept in this browser session only: never written to disk, logs or exports. "
            "Leave empty to use the operator's key (sent only to the operator's endpoint).",
        )
        if key:
            ui["OPENAI_API_KEY"] = key
    try:
        return resolve_settings(ui, secrets, allow_user_endpoints=team.allow_user_endpoints)
    except EndpointNotAllowed as exc:
        st.error(shown(f"{exc}."))
    except OptimizerError as exc:
        st.error(shown(f"{exc}."))
    ui.pop("OPENAI_BASE_URL", None)
    return resolve_settings(ui, secrets, allow_user_endpoints=False)


def _prices():
    from optimizer.pricing import price_table

    return price_table()


def _index(options: list[str], value: str) -> int:
    return options.index(value) if value in options else 0


def render(who: Principal | None = None) -> None:
    """Draw the sidebar for ``who`` (default: the current principal)."""
    who = who or auth.principal()
    secrets = _secrets()
    signed_in = auth.sign_in_configured(secrets)
    with st.sidebar:
        auth.sidebar_identity(who)
        try:
            team = team_settings()
        except OptimizerError as exc:
            st.error(shown(f"Team settings: {exc}."))
            team = TeamSettings(allow_user_endpoints=not signed_in)
        st.session_state["team_settings"] = team
        st.subheader("Model")
        try:
            st.session_state["provider_settings"] = _model_controls(secrets, team)
        except OptimizerError as exc:  # the operator's own settings are wrong: say it, run offline
            st.error(shown(f"Model settings: {exc}."))
            st.session_state["provider_settings"] = resolve_settings({"OPTIMIZER_PROVIDER": "local"}, {}, {})
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
        if signed_in and auth.can(Action.CHANGE_TEAM_SETTINGS, who):
            with st.expander("Team settings (admin)", expanded=False):
                _team_controls(team, who, signed_in)
        else:
            _team_controls(team, who, signed_in)
        _health(st.session_state["provider_settings"])


def settings() -> ProviderSettings:
    """The provider settings this session's sidebar resolved."""
    found = st.session_state.get("provider_settings")
    if found is not None:
        return found
    return resolve_settings({}, _secrets(), allow_user_endpoints=_team().allow_user_endpoints)


def priced_as() -> str:
    """The reference model the embedded model's runs are priced as (the sidebar's choice)."""
    return str(st.session_state.get("priced_as") or DEFAULT_PRICED_AS)


def _team() -> TeamSettings:
    found = st.session_state.get("team_settings")
    return found if isinstance(found, TeamSettings) else team_settings()


def cache():
    """The team's cache service.

    :raises OptimizerError: it cannot be built (redis without a URL, a short team secret).
    """
    return cache_service(team_settings())


def _health(provider: ProviderSettings) -> None:
    try:
        health = cache().health()
        cache_line = f"cache {health.active}: {health.status}"
        if health.status != "ok":
            st.warning(shown(health.detail))
        for notice in health.notices:
            st.caption(f":material/info: {shown(notice)}")
    except Exception as exc:  # a bad Redis URL, an unwritable folder: say it, keep the page
        cache_line = "cache: unavailable"
        st.error(shown(f"Cache unavailable: {exc}. Generations run uncached."))
    model = "embedded SmolLM2" if provider.provider == "local" else f"{provider.model} ({provider.endpoint})"
    model = redact_text(model)
    st.caption(f"Health: model {shown(model)} · {cache_line}")


def token_model() -> str:
    """The model whose tokenizer counts on the analysis pages (gpt-4o's for the embedded model)."""
    s = settings()
    return "gpt-4o" if s.provider == "local" else s.model
