"""Which provider to use, and which key goes where.

Two kinds of values reach here:

* the **operator's**, from Streamlit secrets or the environment (secrets first):
  ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``OPENAI_MODEL``, ``OPTIMIZER_PROVIDER``,
  ``OPTIMIZER_ALLOW_USER_ENDPOINTS``;
* the **visitor's** (``ui``: the studio's sidebar, or the CLI's options): the provider,
  the model name, a base URL and their own key, kept in their session only.

The rule: the operator's key is bound to the base URL configured with it (secrets/env
``OPENAI_BASE_URL``, or ``https://api.openai.com/v1`` when none) and is never sent
anywhere else. A visitor's own base URL is used only when the operator allows visitor
endpoints, and only with the visitor's own key; with no key it is sent none. A visitor
who types the operator's base URL (in any spelling) simply gets the operator's endpoint:
requests then go to the URL exactly as the operator wrote it.

The key lives only in :class:`ProviderSettings` and the provider's client: never in the
ledger, logs or exports (``repr`` hides it).

>>> s = resolve_settings({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, {}, {"OPENAI_API_KEY": "sk-op"})
>>> (s.endpoint_owner, s.key_owner, s.api_key)
('visitor', 'none', '')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..redact import redact_url
from .local import LOCAL_MODEL, LocalProvider

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
ALLOW_USER_ENDPOINTS = "OPTIMIZER_ALLOW_USER_ENDPOINTS"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class EndpointNotAllowed(ConfigError):
    """A visitor asked for their own endpoint and the operator does not allow it."""


@dataclass(frozen=True)
class ProviderSettings:
    """The resolved choice of provider.

    :ivar provider: "local" or "openai".
    :ivar model: the model name ("local" for the embedded model).
    :ivar api_key: the key to send (hidden from ``repr``); empty: none.
    :ivar base_url: the endpoint requests go to, exactly as configured ("" for the
        embedded model, and for api.openai.com when no base URL is configured).
    :ivar source: where the choice came from: ui, secrets, env or default.
    :ivar endpoint_owner: "operator" (configured in secrets/env, or api.openai.com),
        "visitor" (typed in the studio or given on the command line) or "local".
    :ivar key_owner: "operator", "visitor" or "none".
    """

    provider: str
    model: str
    api_key: str = field(default="", repr=False)
    base_url: str = field(default="", repr=False)  # may hold a password or a token: see ``endpoint``
    source: str = "default"
    endpoint_owner: str = "operator"
    key_owner: str = "none"

    @property
    def endpoint(self) -> str:
        """The endpoint without credentials, for display and logs."""
        return "local" if self.provider == "local" else redact_url(self.base_url or DEFAULT_BASE_URL)


def _pick(name: str, *layers: tuple[str, Mapping[str, Any]]) -> tuple[str, str]:
    for source, values in layers:
        value = values.get(name) if values else None
        if value is not None and str(value).strip():
            return str(value).strip(), source
    return "", "default"


def _flag(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not '{value}'")


def user_endpoints_allowed(
    secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None, *, default: bool
) -> bool:
    """Whether the operator lets visitors use their own base URL.

    Reads ``OPTIMIZER_ALLOW_USER_ENDPOINTS`` from secrets, then the environment; when it
    is not set, ``default`` (the studio passes ``False`` when sign-in is on).

    :raises ConfigError: the value is not a boolean word.
    """
    env = os.environ if env is None else env
    value, _ = _pick(ALLOW_USER_ENDPOINTS, ("secrets", secrets or {}), ("env", env))
    return _flag(value, ALLOW_USER_ENDPOINTS) if value else default


def canonical_endpoint(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of an http(s) URL as a client would reach it: case,
    default ports, IDN, a trailing slash, userinfo, query and fragment do not matter.

    :raises ConfigError: not an http(s) URL with a host.
    """
    import httpx2

    try:
        parsed = httpx2.URL(url.strip())
    except Exception:  # httpx2.InvalidURL and friends
        raise ConfigError("the base URL is not a valid URL: use http://host:port/v1") from None
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https") or not parsed.host:
        raise ConfigError("the base URL must start with http:// or https:// and name a host")
    port = parsed.port or (443 if scheme == "https" else 80)
    return scheme, parsed.host.lower().rstrip("."), port, parsed.path.rstrip("/") or ""


def _same_endpoint(a: str, b: str) -> bool:
    try:
        return canonical_endpoint(a) == canonical_endpoint(b)
    except ConfigError:
        return False


def resolve_settings(
    ui: Mapping[str, Any] | None = None,
    secrets: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    allow_user_endpoints: bool | None = None,
) -> ProviderSettings:
    """Resolve the provider, model, endpoint and key: the visitor's choices (``ui``)
    first, then the operator's (secrets, then the environment).

    The default is openai when the operator configured a key or a base URL, else the
    embedded model. ``allow_user_endpoints``: ``None`` reads the operator's
    ``OPTIMIZER_ALLOW_USER_ENDPOINTS`` (default allowed: a single-user local app).

    :raises EndpointNotAllowed: the visitor gave their own base URL and visitor endpoints
        are off.
    :raises ConfigError: a base URL that is not http(s), or a bad boolean setting.
    """
    ui, secrets = ui or {}, secrets or {}
    env = os.environ if env is None else env
    operator = (("secrets", secrets), ("env", env))
    op_key, op_key_source = _pick("OPENAI_API_KEY", *operator)
    op_url, op_url_source = _pick("OPENAI_BASE_URL", *operator)
    chosen, chosen_source = _pick("OPTIMIZER_PROVIDER", ("ui", ui), *operator)
    ui_url, _ = _pick("OPENAI_BASE_URL", ("ui", ui))
    ui_key, _ = _pick("OPENAI_API_KEY", ("ui", ui))
    provider = chosen.lower() or ("openai" if op_key or op_url or ui_key or ui_url else "local")
    if provider == "local":
        return ProviderSettings("local", LOCAL_MODEL, source=chosen_source, endpoint_owner="local")
    if provider != "openai":
        raise ConfigError(f"unknown provider '{chosen}'; use local or openai")
    model, _ = _pick("OPENAI_MODEL", ("ui", ui), *operator)
    model = model or DEFAULT_OPENAI_MODEL
    operator_url = op_url or DEFAULT_BASE_URL
    if op_url:
        canonical_endpoint(op_url)  # the operator's own URL must be usable too
    if ui_url and not _same_endpoint(ui_url, operator_url):
        canonical_endpoint(ui_url)
        allowed = (
            user_endpoints_allowed(secrets, env, default=True) if allow_user_endpoints is None else allow_user_endpoints
        )
        if not allowed:
            raise EndpointNotAllowed(
                "this studio's operator does not allow your own endpoints "
                f"({ALLOW_USER_ENDPOINTS} is off): use the configured model, or ask the operator"
            )
        return ProviderSettings(
            "openai", model, ui_key, ui_url, "ui", endpoint_owner="visitor", key_owner="visitor" if ui_key else "none"
        )
    # The operator's endpoint, exactly as the operator wrote it (never the visitor's spelling).
    if ui_key:
        key, key_owner = ui_key, "visitor"
    else:
        key, key_owner = op_key, "operator" if op_key else "none"
    source = "ui" if (ui_key or ui_url or chosen_source == "ui") else (op_key_source if op_key else op_url_source)
    return ProviderSettings("openai", model, key, op_url, source, endpoint_owner="operator", key_owner=key_owner)


def make_provider(
    settings: ProviderSettings,
    *,
    timeout: float = 60.0,
    max_retries: int = 2,
    backoff: float = 1.0,
):
    """The provider the settings describe.

    :param timeout: the default total deadline of a generation, in seconds.
    :param max_retries: the official client's own retries (429, 5xx, connection errors).
    :param backoff: scale of the client's retry delays.
    :raises ProviderError: openai on api.openai.com without any key.
    :raises ConfigError: an unknown provider.
    """
    if settings.provider == "local":
        return LocalProvider()
    if settings.provider == "openai":
        from .openai_compatible import OpenAIProvider  # the openai client: imported when first needed

        return OpenAIProvider(
            settings.model,
            api_key=settings.api_key,
            base_url=settings.base_url or DEFAULT_BASE_URL,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
        )
    raise ConfigError(f"unknown provider '{settings.provider}'; use local or openai")
