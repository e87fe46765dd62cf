"""``/api/v1/optimization/*``: the seed's operations over HTTP, with the CLI's meaning.

Each route checks the caller and calls one function of :mod:`optimizer.operations` (the
same one the CLI prints), so limits and error sentences are the CLI's:

================================================  ==================  =========================
route                                             CLI                 role needed
================================================  ==================  =========================
GET    stats?type=&model=&cached=&user=&...       stats (+ cache stats)  any (another user's
                                                                         figures and the user
                                                                         list: admin)
POST   compress {data, level, model}              compress --format json  any
DELETE cache/clear?stats=false                    cache clear --yes   admin
DELETE cache/invalidate/{pattern}                 cache invalidate    admin
GET    cache/keys?pattern=*&limit=200             cache keys          any
POST   prompt/optimize {prompt_type, prompt, ...} prompt optimize     any
GET    health                                     health              any (503 when unhealthy)
================================================  ==================  =========================
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Query, Request, Security
from pydantic import AliasChoices, BaseModel, Field
from starlette.responses import Response

from .. import operations
from ..auth import Action, allowed, visible_runs
from ..compression import CompressionLevel
from ..tokens import DEFAULT_MODEL
from .completions import bearer
from .gateway import Caller, Gateway

PREFIX = "/api/v1/optimization"
router = APIRouter(prefix=PREFIX, tags=["Optimization"])


def _json(value: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(value, default=str), status_code=status, media_type="application/json")


def _caller(request: Request, action: Action | None = None) -> tuple[Gateway, Caller]:
    gateway: Gateway = request.app.state.gateway
    caller = gateway.authenticate(request.headers.get("authorization"), headers=request.headers)
    if action is not None:
        gateway.require(caller, action)
    return gateway, caller


class CompressBody(BaseModel):
    """What to compress: text, or any JSON value (compressed as its JSON text)."""

    data: Any = Field(description="text, or any JSON value")
    level: str = Field(
        default="medium",
        validation_alias=AliasChoices("level", "compression_level"),
        description="lossless (JSON only), light, medium, aggressive or max",
        examples=["lossless"],
    )
    model: str = Field(default=DEFAULT_MODEL, description="whose tokenizer counts")


class PromptBody(BaseModel):
    """A request to optimize, as ``prompt optimize`` takes it."""

    prompt_type: str = Field(
        validation_alias=AliasChoices("prompt_type", "type", "generator"),
        description="formulation, market, branding, costing or scientific",
    )
    prompt: str = Field(default="", description="the request in the analyst's words")
    context: dict[str, Any] = Field(default_factory=dict, description="template fields, e.g. product_type")
    level: str = Field(default=CompressionLevel.MEDIUM.value)
    model: str = Field(default=DEFAULT_MODEL, description="whose tokenizer counts")


@router.get("/stats", summary="The ledger's summary and the cache's statistics")
def stats(
    request: Request,
    type: str | None = Query(None, description="only this generator"),
    model: str | None = Query(None),
    cached: str | None = Query(None, description="none, exact, semantic or stale"),
    user: str | None = Query(None, description="only this user's runs (another user's: admin)"),
    source: str | None = Query(None, description="studio, cli, gateway or bench"),
    since: str | None = Query(None, description="UTC date/time, YYYY-MM-DD[THH:MM]"),
    until: str | None = Query(None),
    search: str | None = Query(None),
    _token: Any = Security(bearer),
) -> Response:
    """``GET /stats``: the ledger's summary of the filtered runs and the cache's statistics.

    Another user's runs need the admin role.
    """
    gateway, caller = _caller(request, Action.SEE_TEAM_TOTALS)
    if user and user != caller.name:
        gateway.require(caller, Action.SEE_ALL_RUNS)
    filters = {
        "generator": type,
        "model": model,
        "cached": cached,
        "user": user,
        "source": source,
        "since": since,
        "until": until,
        "search": search,
    }
    gateway.batch.flush(timeout=5)  # this caller's last runs are in the figures
    report = operations.ledger_stats(
        gateway.ledger.for_reading(),
        visible_runs(caller.principal, filters),  # filtered figures of other people's runs would read them
        show_users=allowed(caller.principal, Action.SEE_ALL_RUNS),
    )
    report["cache"] = operations.cache_stats(gateway.cache)
    return _json(report)


@router.post("/compress", summary="Compress text or JSON at a level")
def compress(body: CompressBody, request: Request, _token: Any = Security(bearer)) -> Response:
    """``POST /compress``: compress text or JSON at a level; returns the output and its statistics."""
    _caller(request, Action.GENERATE)
    return _json(operations.compress_text(body.data, body.level, body.model))


@router.delete("/cache/clear", summary="Delete every cached answer (admin)")
def cache_clear(
    request: Request,
    stats: bool = Query(False, description="also reset the statistics"),
    _token: Any = Security(bearer),
) -> Response:
    """``DELETE /cache/clear`` (admin): remove every entry, and the statistics when ``stats``."""
    gateway, _ = _caller(request, Action.CLEAR_CACHE)
    return _json(operations.cache_clear(gateway.cache, include_stats=stats))


@router.delete("/cache/invalidate/{pattern:path}", summary="Delete entries whose key matches a glob (admin)")
def cache_invalidate(pattern: str, request: Request, _token: Any = Security(bearer)) -> Response:
    """``DELETE /cache/invalidate/{pattern}`` (admin): remove the entries matching a glob."""
    gateway, _ = _caller(request, Action.INVALIDATE_CACHE)
    return _json(operations.cache_invalidate(gateway.cache, pattern))


@router.get("/cache/keys", summary="Cached keys matching a glob, most hit first")
def cache_keys(
    request: Request,
    pattern: str = Query("*", description="e.g. formulation:* or chat:*"),
    limit: int = Query(200, description="at most this many (1..1,000,000)"),
    _token: Any = Security(bearer),
) -> Response:
    """``GET /cache/keys``: the stored entries matching ``pattern``, at most ``limit``."""
    gateway, _ = _caller(request, Action.READ_CACHE)
    return _json(operations.cache_keys(gateway.cache, pattern, limit))


@router.post("/prompt/optimize", summary="The optimized prompt, its tokens against the naive one, its confidence")
def prompt_optimize(body: PromptBody, request: Request, _token: Any = Security(bearer)) -> Response:
    """``POST /prompt/optimize``: the optimized prompt for a generator and its fields."""
    _caller(request, Action.GENERATE)
    return _json(operations.optimize(body.prompt_type, body.prompt, body.context, body.level, body.model))


@router.get("/health", summary="Cache, tokenizers, ledger, keys and quotas (503 when unhealthy)")
def health(request: Request, _token: Any = Security(bearer)) -> Response:
    """``GET /health``: the cache, tokenizers, ledger, keys and quotas, and the gateway; status 503 when not OK."""
    gateway, _ = _caller(request)
    report = operations.health(gateway.cache)
    report["gateway"] = gateway.describe()
    return _json(report, 200 if report["status"] == "ok" else 503)
