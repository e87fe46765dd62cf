"""What one gateway process holds: its configuration, the generation services (one per
model it serves), the cache, the ledger (written in batches), the API keys, the quotas and
the metrics; and who is calling.

The upstream provider is the operator's, resolved exactly as the CLI and the studio do it
(:func:`optimizer.providers.resolve_settings` from the environment: ``OPENAI_API_KEY``,
``OPENAI_BASE_URL``, ``OPENAI_MODEL``, ``OPTIMIZER_PROVIDER``); callers cannot point it
anywhere else. The operator's key lives only in the provider's client.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, NoReturn
from urllib.parse import urlsplit

from ..auth import LOCAL_USER, Action, Principal, allowed
from ..cache import CacheService
from ..errors import ConfigError
from ..generate import GenerationService
from ..keys import ApiKey, KeysError, KeyStore
from ..ledger import Ledger
from ..providers import MODEL_QUEUE, make_provider, resolve_settings
from ..quotas import Counters, Hold, Quotas, Refusal, counters_from_config
from ..streaming import Limits
from .batch import BatchLedger
from .config import MODELS_ENV, GatewayConfig
from .deferred import DeferredCache
from .errors import ApiError, retry_headers, unauthorized
from .metrics import GatewayMetrics
from .run import is_loopback
from .upstream import PrefetchedProvider


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the principal (the key's name and role, or the local user when
    the gateway runs keyless) and the key (None keyless)."""

    principal: Principal
    key: ApiKey | None = None

    @property
    def name(self) -> str:
        """The caller's name: the API key's name (or the local user)."""
        return self.principal.user


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (None without one)."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def from_this_machine(headers: Mapping[str, str]) -> bool:
    """Whether a request is addressed to this machine and was not sent by a web page from
    elsewhere: its ``Host`` is a loopback name, and its ``Origin``, when a browser sent
    one, is a loopback page too.

    A keyless gateway serves one person's own scripts on loopback; a web page that person
    visits can reach 127.0.0.1 as well (a cross-site form post, or DNS rebinding, where the
    page's own name points at 127.0.0.1): its requests carry the page's ``Origin`` or
    ``Host``, and are refused.

    >>> from_this_machine({"host": "127.0.0.1:8000"}), from_this_machine({"host": "evil.example:8000"})
    (True, False)
    >>> from_this_machine({"host": "localhost:8000", "origin": "https://evil.example"})
    False
    """
    host = urlsplit("//" + str(headers.get("host") or "")).hostname or ""
    if not is_loopback(host):
        return False
    origin = headers.get("origin")
    if origin is None:
        return True  # scripts (the openai client, curl) send none
    return is_loopback(urlsplit(str(origin)).hostname or "")  # "null" (a sandboxed page) has none


class Gateway:
    """The gateway's state. Thread-safe: requests use it from the executor's threads.

    :param config: how it runs.
    :param ledger: the ledger (default: ``Ledger(url=config.database_url)``, i.e. PostgreSQL
        when configured, else SQLite in the data folder); the keys live in its database.
    :param cache: the cache (default: from the configuration).
    :param counters: where quotas count (default: Redis when configured, else disk).
    :param env: the operator's settings (default ``os.environ``).

    :raises ConfigError: a setting that cannot be used. :raises ProviderError:
        api.openai.com configured without a key.
    """

    def __init__(
        self,
        config: GatewayConfig | None = None,
        *,
        ledger: Ledger | None = None,
        cache: CacheService | None = None,
        counters: Counters | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.config = config or GatewayConfig.from_env(env)
        self.settings = resolve_settings({}, {}, env, allow_user_endpoints=False)
        if ledger is None:
            ledger = Ledger(url=self.config.database_url) if self.config.database_url else Ledger()
        self.ledger = ledger
        self.batch = BatchLedger(self.ledger)
        # Key checks read through connections of their own: on the request path, they must
        # not wait for the batch writer's inserts (one lock per connection).
        self._keys_ledger = self.ledger.reopen()
        self.keys = KeyStore(self._keys_ledger)
        # Answers are stored after they are sent (a repeat in this process still waits for its write).
        self.cache = DeferredCache(
            cache or CacheService.from_config(redis_url=self.config.redis_url, strategy=self.config.strategy)
        )
        self.quotas = Quotas(counters or counters_from_config(self.config.redis_url), self.config.quotas)
        limits = Limits.from_env(env)
        names = self.config.models or (self.settings.model,)
        if self.settings.provider == "local" and any(m != self.settings.model for m in names):
            raise ConfigError(
                f"the embedded model serves only '{self.settings.model}'; set OPENAI_BASE_URL / OPENAI_API_KEY "
                f"to serve {', '.join(names)}, or leave {MODELS_ENV} unset"
            )
        self.services: dict[str, GenerationService] = {}
        for name in names:
            provider = make_provider(replace(self.settings, model=name), timeout=limits.deadline_s)
            if self.settings.provider == "openai":
                # Non-streamed misses call it on the event loop (see .upstream); the
                # embedded model and streamed answers keep the provider's threads.
                provider = PrefetchedProvider(provider, self.settings.api_key)
            self.services[name] = GenerationService(
                provider,
                self.cache,  # type: ignore[arg-type]
                self.batch,  # type: ignore[arg-type]
                source="gateway",
                limits=limits,
            )
        self.metrics = GatewayMetrics(queue_depth=lambda: MODEL_QUEUE.depth, ledger_pending=lambda: self.batch.pending)
        self.executor = ThreadPoolExecutor(self.config.threads, thread_name_prefix="gateway")
        self._closed = False

    # -- who is calling ---------------------------------------------------------------------
    def authenticate(self, authorization: str | None, *, headers: Mapping[str, str] | None = None) -> Caller:
        """The caller of a request with this ``Authorization`` header (and these ``headers``).

        With no key created yet, everyone is the local user (the gateway then only listens
        on loopback), as long as the request is addressed to this machine and no web page
        from elsewhere sent it (see :func:`from_this_machine`); once a key exists, a valid
        one is needed.

        :raises ApiError: 401 without a valid key; 403 for a keyless gateway's request from
            a web page or under another host name; 503 when the keys cannot be read.
        """
        token = bearer_token(authorization)
        try:
            if token:
                key = self.keys.verify(token)
                if key is not None:
                    return Caller(key.principal, key)
            if not self.keys.any_key():
                if headers is not None and not from_this_machine(headers):
                    self.metrics.refused.labels("auth").inc()
                    raise ApiError(
                        403,
                        "this gateway has no API key yet, so it answers only requests addressed to this machine "
                        "(localhost, 127.0.0.1) and not sent by a web page from another site; to serve others, "
                        "create a key: python -m optimizer keys create",
                        code="permission_denied",
                    )
                return Caller(LOCAL_USER)
        except KeysError as exc:
            raise ApiError(503, str(exc), type="server_error", code="unavailable", headers=retry_headers(5)) from None
        self.metrics.refused.labels("auth").inc()
        if token is None:
            raise unauthorized(
                "no API key was sent: send one as 'Authorization: Bearer osk-...' (the openai client's api_key); "
                "an admin makes keys with python -m optimizer keys create"
            )
        raise unauthorized("the API key is not valid (unknown or revoked): ask an admin for a key")

    def require(self, caller: Caller, action: Action) -> None:
        """:raises ApiError: 403 when the caller's role may not do ``action``."""
        if not allowed(caller.principal, action):
            self.metrics.refused.labels("role").inc()
            raise ApiError(
                403,
                f"the key '{caller.name}' has the role {caller.principal.role.value}, which may not "
                f"{action.value.replace('_', ' ')}: use an admin key",
                code="permission_denied",
            )

    def admit(self, caller: Caller) -> None:
        """Count the request against the caller's rate limit and check its budget.

        :raises ApiError: 429 with Retry-After (OpenAI's ``rate_limit_exceeded`` or
            ``insufficient_quota``).
        """
        refusal = self.quotas.check(caller.name, caller.key)
        if refusal is not None:
            self._refuse(refusal)

    def hold(self, caller: Caller, usd: float) -> Hold:
        """Set ``usd`` of the caller's budget aside for the request about to run (see
        :meth:`Quotas.hold`); settle it with ``self.quotas.settle`` once the run has ended.

        :raises ApiError: 429 ``insufficient_quota`` when spends and holds reach the budget.
        """
        held = self.quotas.hold(caller.name, usd, caller.key)
        if isinstance(held, Refusal):
            self._refuse(held)
        return held

    def _refuse(self, refusal: Refusal) -> NoReturn:
        self.metrics.refused.labels(refusal.kind).inc()
        # OpenAI's own type and code, so its clients back off the way they already know.
        kind, code = ("insufficient_quota",) * 2 if refusal.kind == "budget" else ("requests", "rate_limit_exceeded")
        raise ApiError(429, refusal.message, type=kind, code=code, headers=retry_headers(refusal.retry_after_s))

    # -- what it serves ---------------------------------------------------------------------
    def service(self, model: Any) -> GenerationService:
        """The service for a model name a caller asked for.

        :raises ApiError: 404 ``model_not_found`` (the message lists the models served).
        """
        service = self.services.get(model) if isinstance(model, str) else None
        if service is None:
            if not isinstance(model, str) or not model:
                raise ApiError(400, "model is required: one of " + ", ".join(self.services), param="model")
            raise ApiError(
                404,
                f"this gateway does not serve the model '{model[:100]}'; use one of {', '.join(self.services)} "
                "(GET /v1/models)",
                code="model_not_found",
                param="model",
            )
        return service

    def describe(self) -> dict[str, Any]:
        """The gateway's state for ``health`` (no secret: endpoints are redacted)."""
        return {
            "models": list(self.services),
            "provider": self.settings.provider,
            "endpoint": self.settings.endpoint,
            "keys": "required" if self.keys.any_key() else "none created: keyless, loopback only",
            "quotas": {
                "rate_limit": str(self.quotas.config.rate) if self.quotas.config.rate else "none",
                "budget_usd": self.quotas.config.budget_usd,
                "budget_period": self.quotas.config.period.value,
                "counted_in": self.quotas.counters.kind,
                "notice": self.quotas.notice,
            },
            "ledger": self.batch.describe(),
        }

    def warm_up(self) -> None:
        """Load what the first request would otherwise wait for (the tokenizers' tables, the
        guard's word lists): seconds, once, before the gateway takes requests."""
        from ..cache.guard import form
        from ..chat import ChatRequest, prepare_chat

        request = ChatRequest.from_openai([{"role": "user", "content": "Warm up: a 2% serum, not for dry skin."}])
        for service in self.services.values():
            service.provider.count_tokens("warm up")
            prepare_chat(request, service.pricing.token_model)
        form(request.query, request.context, generator=request.generator)

    def close(self) -> None:
        """Write every queued run, close stores and threads (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.executor.shutdown(wait=True, cancel_futures=False)
        self.batch.close()
        self._keys_ledger.close()
        self.cache.close()
        self.quotas.close()
