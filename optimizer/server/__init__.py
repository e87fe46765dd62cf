"""The HTTP API and OpenAI-compatible gateway (``python -m optimizer serve``): a thin shell
over the core, like the studio's pages — it translates HTTP into core calls and back.

* :mod:`.gateway` — what a process holds (services, cache, ledger, keys, quotas, metrics)
  and who is calling;
* :mod:`.completions` — ``/v1/chat/completions`` (JSON and server-sent events) and ``/v1/models``;
* :mod:`.operations_api` — ``/api/v1/optimization/*``, the CLI's operations;
* :mod:`.errors` — OpenAI's error format; :mod:`.metrics` — ``/metrics``;
* :mod:`.batch` — ledger writes off the request path; :mod:`.run` — binding and uvicorn.

See ``docs/gateway.md`` for how to use it from your own code.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Caller", "Gateway", "GatewayConfig", "create_app", "is_loopback"]


def __getattr__(name: str) -> Any:  # lazily: the app pulls in FastAPI and the openai client (seconds)
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "is_loopback":
        from .run import is_loopback

        return is_loopback
    if name == "GatewayConfig":
        from .config import GatewayConfig

        return GatewayConfig
    if name in ("Caller", "Gateway"):
        from . import gateway

        return getattr(gateway, name)
    raise AttributeError(name)
