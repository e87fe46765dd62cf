"""How a gateway runs: its settings, from the environment and the command line.

Kept apart from :mod:`optimizer.server.gateway` so that reading them loads no web
framework and no provider client (``serve`` checks the keys and the address first).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import ConfigError, OptimizerError
from ..quotas import QuotaConfig

MODELS_ENV = "OPTIMIZER_GATEWAY_MODELS"
STRATEGY_ENV = "OPTIMIZER_GATEWAY_STRATEGY"
THREADS_ENV = "OPTIMIZER_GATEWAY_THREADS"
DOCS_ENV = "OPTIMIZER_GATEWAY_DOCS"
WORKERS_ENV = "OPTIMIZER_GATEWAY_WORKERS"
MAX_WORKERS = 64
DEFAULT_THREADS = 256  # each generation in flight holds one while it waits for the upstream


@dataclass(frozen=True)
class GatewayConfig:
    """How a gateway runs (see :meth:`from_env` for the variables).

    :ivar models: the model names callers may ask for (empty: the operator's one model).
    :ivar strategy: the cache strategy (aggressive, balanced, conservative).
    :ivar quotas: the default rate limit and budget of every key.
    :ivar threads: generations that can run at once (each waits on the upstream in a thread).
    :ivar docs: serve ``/docs`` and ``/openapi.json`` (without a key: they hold no data).
    :ivar redis_url: Redis for the cache and the quotas (default ``$REDIS_URL``).
    :ivar database_url: PostgreSQL for the ledger and keys (default ``$OPTIMIZER_DATABASE_URL``).
    :ivar workers: processes serving the one port (each its own event loop and threads;
        they share the ledger, the cache, the keys and the quota counters).
    """

    models: tuple[str, ...] = ()
    strategy: str = "balanced"
    quotas: QuotaConfig = field(default_factory=QuotaConfig)
    threads: int = DEFAULT_THREADS
    docs: bool = True
    redis_url: str | None = field(default=None, repr=False)  # URLs may hold passwords: never in a repr
    database_url: str | None = field(default=None, repr=False)
    workers: int = 1

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> GatewayConfig:
        """``OPTIMIZER_GATEWAY_MODELS`` (comma-separated), ``OPTIMIZER_GATEWAY_STRATEGY``,
        ``OPTIMIZER_GATEWAY_THREADS``, ``OPTIMIZER_GATEWAY_DOCS`` (on/off),
        ``OPTIMIZER_GATEWAY_WORKERS`` (processes, default 1) and the quota
        variables (:meth:`QuotaConfig.from_env`); ``overrides`` win (the command line).

        :raises ConfigError: a value that cannot be used, naming the variable.
        """
        from ..cache import Strategy

        env = os.environ if env is None else env
        models = tuple(m.strip() for m in env.get(MODELS_ENV, "").split(",") if m.strip())
        strategy = env.get(STRATEGY_ENV, "").strip() or "balanced"
        try:
            Strategy.parse(strategy)
        except OptimizerError as exc:
            raise ConfigError(f"{exc} ({STRATEGY_ENV})") from None
        raw_threads = env.get(THREADS_ENV, "").strip()
        try:
            threads = int(raw_threads) if raw_threads else DEFAULT_THREADS
        except ValueError:
            threads = 0
        if not 1 <= threads <= 4096:
            raise ConfigError(f"{THREADS_ENV} must be a whole number from 1 to 4096, not '{raw_threads}'")
        raw_workers = env.get(WORKERS_ENV, "").strip()
        try:
            workers = int(raw_workers) if raw_workers else 1
        except ValueError:
            workers = 0
        if not 1 <= workers <= MAX_WORKERS:
            raise ConfigError(f"{WORKERS_ENV} must be a whole number from 1 to {MAX_WORKERS}, not '{raw_workers}'")
        docs = env.get(DOCS_ENV, "on").strip().lower() not in ("0", "off", "false", "no")
        config = cls(models, strategy, QuotaConfig.from_env(env), threads, docs, workers=workers)
        config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
        if not 1 <= config.workers <= MAX_WORKERS:
            raise ConfigError(f"--workers must be a whole number from 1 to {MAX_WORKERS}, not {config.workers}")
        return config
