"""The team's settings: cache backend, cache strategy, whether visitors may use their own
endpoint, and (without sign-in only) the Redis URL.

Where a value comes from, strongest first:

1. the operator's configuration, secrets.toml then the environment
   (``OPTIMIZER_CACHE_BACKEND``, ``OPTIMIZER_CACHE_STRATEGY``,
   ``OPTIMIZER_ALLOW_USER_ENDPOINTS``): such a value is *fixed*, the sidebar shows it
   and nobody changes it from the browser;
2. what an admin chose in the sidebar, kept in ``<data dir>/team-settings.json``
   (written atomically; every studio process that shares the data folder reads it);
3. the defaults: redis when ``REDIS_URL`` is configured, else disk; balanced; visitor
   endpoints off when sign-in is on, on for a single local user.

The Redis URL is operator configuration (``REDIS_URL`` in secrets or the environment)
when sign-in is on: no visitor, admin or not, makes the server connect to a host they
typed. Without sign-in the single local user is the operator and may type one.

>>> s = resolve_team_settings({}, {}, {}, signed_in=True)
>>> (s.cache_backend, s.strategy.value, s.allow_user_endpoints, s.redis_url)
('disk', 'balanced', False, '')
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from optimizer.cache import Strategy
from optimizer.cache.service import BACKEND_ENV, REDIS_URL_ENV
from optimizer.errors import ConfigError, InputError
from optimizer.providers import ALLOW_USER_ENDPOINTS, user_endpoints_allowed

STRATEGY_ENV = "OPTIMIZER_CACHE_STRATEGY"
SETTINGS_FILE = "team-settings.json"
BACKENDS = ("disk", "redis")
DEFAULT_LOCAL_REDIS = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class TeamSettings:
    """The settings every session of the team uses.

    :ivar fixed: names of the fields the operator set in configuration (not editable).
    """

    cache_backend: str = "disk"
    strategy: Strategy = Strategy.BALANCED
    allow_user_endpoints: bool = False
    redis_url: str = ""
    fixed: frozenset[str] = frozenset()

    def editable(self, name: str) -> bool:
        """Whether an admin may change ``name`` from the browser."""
        return name not in self.fixed


def _operator(name: str, secrets: Mapping[str, Any], env: Mapping[str, str]) -> str:
    for layer in (secrets, env):
        value = layer.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def read_chosen(folder: Path) -> dict[str, Any]:
    """What admins chose (``team-settings.json`` in ``folder``); {} when there is none or
    it cannot be read (a damaged file is ignored, never a crash)."""
    try:
        data = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def resolve_team_settings(
    secrets: Mapping[str, Any],
    env: Mapping[str, str] | None,
    chosen: Mapping[str, Any],
    *,
    signed_in: bool,
) -> TeamSettings:
    """The team's settings from the operator's configuration, the admins' choices and the
    defaults (see the module docstring).

    :raises ConfigError: the operator configured an unknown backend, strategy or a
        non-boolean endpoint policy.
    """
    env = os.environ if env is None else env
    fixed: set[str] = set()
    redis_url = _operator(REDIS_URL_ENV, secrets, env)
    if not signed_in and not redis_url:
        redis_url = str(chosen.get("redis_url") or "")

    backend = _operator(BACKEND_ENV, secrets, env).lower()
    if backend:
        fixed.add("cache_backend")
    else:
        backend = str(chosen.get("cache_backend") or "")
        backend = backend if backend in BACKENDS else ("redis" if redis_url else "disk")
    if backend not in BACKENDS:
        raise ConfigError(f"{BACKEND_ENV} must be disk or redis, not '{backend}'")

    strategy_text = _operator(STRATEGY_ENV, secrets, env)
    if strategy_text:
        fixed.add("strategy")
    try:
        strategy = Strategy.parse(strategy_text) if strategy_text else Strategy.BALANCED
    except InputError as exc:
        raise ConfigError(f"{STRATEGY_ENV}: {exc}") from None
    if not strategy_text and chosen.get("strategy") in {s.value for s in Strategy}:
        strategy = Strategy(chosen["strategy"])

    if _operator(ALLOW_USER_ENDPOINTS, secrets, env):
        fixed.add("allow_user_endpoints")
        allow = user_endpoints_allowed(secrets, env, default=not signed_in)
    else:
        value = chosen.get("allow_user_endpoints")
        allow = value if isinstance(value, bool) else not signed_in
    return TeamSettings(backend, strategy, allow, redis_url, frozenset(fixed))


def save_chosen(folder: Path, settings: TeamSettings, *, signed_in: bool) -> None:
    """Keep an admin's choice in ``folder/team-settings.json`` (temp file, then rename).

    :raises DataDirError: the folder cannot be written (the message says what to do).
    """
    from optimizer.config import create_folder, data_dir_error

    create_folder(folder)
    data = asdict(replace(settings, fixed=frozenset()))
    data.pop("fixed")
    data["strategy"] = settings.strategy.value
    if signed_in:
        data.pop("redis_url")  # operator configuration only, when a team signs in
    fd, tmp = tempfile.mkstemp(prefix=".team-settings-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2)
        os.replace(tmp, folder / SETTINGS_FILE)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise data_dir_error(folder, exc, doing="write team settings to") from None
