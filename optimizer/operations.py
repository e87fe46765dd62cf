"""The seed's operations — statistics, compress, cache keys / invalidate / clear, optimize a
prompt, health — as one function each, returning what the CLI prints as JSON and the HTTP
API (``/api/v1/optimization/*``) returns. The two shells only translate their input and
output; the meaning, limits and errors live here and in the core modules these call.

Every function raises :class:`~optimizer.errors.OptimizerError` subclasses with one
sentence (InputError for a bad request, BackendError / LedgerError for a store that
cannot do it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import InputError, OptimizerError

MAX_KEYS_LIMIT = 1_000_000  # the CLI's --limit range (argcheck.NUMERIC_LIMITS)
STATS_NOTE = (
    "tokens saved (saved_*_tokens, naive/optimized prompt) are counted by the reference "
    "tokenizer(s) listed; tokens/prompt_tokens/completion_tokens are the providers' usage; dollars are "
    "at each run's priced_as row. saved_cache_* is what hits avoided; saved_prompt_* the naive prompt "
    "minus the optimized one (negative when the template is longer: see the CSV's savings note); "
    "saved_context_* chained inputs, raw minus compressed; saved_output_* is measured only by "
    "`bench replay`"
)
CACHE_NOTE = (
    "saved_* count what cache hits avoided (the original call's tokens, cost and "
    "latency); bytes_* are storage compression (bytes, not tokens)"
)
LEDGER_FILTERS = ("generator", "model", "cached", "user", "source", "since", "until", "search")


def ledger_stats(ledger: Any, filters: Mapping[str, Any], *, show_users: bool = True) -> dict[str, Any]:
    """The ledger's summary under ``filters`` (``python -m optimizer stats``).

    :param filters: any of :data:`LEDGER_FILTERS`; empty values are ignored.
    :param show_users: include the list of everyone who has a run (admins only on a shared gateway).
    :raises LedgerError: the ledger cannot be read.
    """
    chosen = {k: v for k, v in filters.items() if v}
    unknown = set(chosen) - set(LEDGER_FILTERS)
    if unknown:
        raise InputError(f"unknown filter(s) {', '.join(sorted(unknown))}; use {', '.join(LEDGER_FILTERS)}")
    out = {
        "ledger": ledger.describe(),
        "filters": {k: str(v) for k, v in chosen.items()},
        "summary": ledger.summary(**chosen),
        "templates": ledger.template_usage(),
    }
    if show_users:
        out["users"] = ledger.users()
    out["note"] = STATS_NOTE
    return out


def cache_stats(service: Any) -> dict[str, Any]:
    """Hit rates, savings, storage and usage of the cache (``python -m optimizer cache stats``).

    :raises BackendError: the store cannot be read.
    """
    health = service.health()
    stats = service.stats()
    usage = service.usage()
    return {
        "backend": health.as_dict(),
        "strategy": service.policy.strategy.value,
        "strategy_means": service.policy.settings.description,
        "generators": {g: s.as_dict() for g, s in sorted(stats.items())},
        "most_requested_keys": usage["keys"],
        "most_used_templates": usage["templates"],
        "note": CACHE_NOTE,
    }


def check_limit(limit: Any) -> int:
    """A key listing's ``limit``: a whole number from 1 to 1,000,000."""
    try:
        value = int(limit)
    except (TypeError, ValueError):
        raise InputError(f"limit must be a whole number, not '{limit}'") from None
    if not 1 <= value <= MAX_KEYS_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_KEYS_LIMIT:,}, got {value:,}")
    return value


def cache_keys(service: Any, pattern: str = "*", limit: int = 200) -> dict[str, Any]:
    """Keys matching a glob, most hit first (``python -m optimizer cache keys``).

    :raises BackendError: the store cannot list keys.
    """
    limit = check_limit(limit)
    rows = service.keys(pattern or "*", limit=limit)
    return {
        "pattern": pattern or "*",
        "keys": [
            {"key": r.key, "generator": r.generator, "bytes": r.size_bytes, "ttl_left_s": r.ttl_left_s, "hits": r.hits}
            for r in rows
        ],
        "count": len(rows),
        "truncated": len(rows) >= limit,
    }


def cache_invalidate(service: Any, pattern: str) -> dict[str, Any]:
    """Delete entries whose key matches a glob (``python -m optimizer cache invalidate``).

    :raises ConfigError: an empty pattern. :raises BackendError: the store refused.
    """
    return {"pattern": pattern, "invalidated": service.invalidate(pattern)}


def cache_clear(service: Any, *, include_stats: bool = False) -> dict[str, Any]:
    """Delete every entry, and the statistics if asked (``python -m optimizer cache clear``).

    :raises BackendError: the store refused.
    """
    return {"cleared": service.clear(include_stats=include_stats), "statistics_reset": include_stats}


def compress_text(data: Any, level: str, model: str) -> dict[str, Any]:
    """``data`` compressed at ``level`` for ``model``'s tokenizer, with its stats
    (``python -m optimizer compress --format json``).

    ``data`` is text, or any JSON value (compressed as its JSON text). The CLI's input
    limit applies (``OPTIMIZER_MAX_INPUT_MB``, 8 MB by default).

    :raises InputError: empty, too large, not JSON at the lossless level, an unknown level.
    """
    import json

    from .compression import compress, read_text

    if data is None:
        raise InputError("give the text or JSON to compress as data")
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    result = compress(read_text(text, "the data"), level, model)  # read_text checks the size
    return {"output": result.output, **result.stats.as_dict()}


def optimize(generator: str, prompt: str, context: Mapping[str, Any] | None, level: str, model: str) -> dict[str, Any]:
    """The optimized prompt, tokens before and after, confidence and factors
    (``python -m optimizer prompt optimize``).

    :raises InputError: an unknown generator or field, a request over the limits.
    """
    from .prompts import GENERATORS, optimize_prompt

    if generator not in GENERATORS:
        raise InputError(f"unknown prompt type '{generator}'; choose one of {', '.join(GENERATORS)}")
    if context is not None and not isinstance(context, Mapping):
        raise InputError("context must be an object of field names and values")
    return optimize_prompt(generator, prompt or "", dict(context or {}), level, model).as_dict()


def health(service: Any) -> dict[str, Any]:
    """The cache's and the tokenizers' health (``python -m optimizer health``); ``status``
    is "ok" or "unhealthy"."""
    from .tokens import count_tokens

    cache = service.health()
    try:
        count_tokens("ok")
        tokens = {"status": "ok"}
    except OptimizerError as exc:
        tokens = {"status": "down", "detail": str(exc)}
    healthy = cache.healthy and tokens["status"] == "ok"
    return {"status": "ok" if healthy else "unhealthy", "cache": cache.as_dict(), "tokenizers": tokens}
