"""The ASGI app: routes, OpenAI-format errors on every path, request metrics, ``/metrics``.

>>> from optimizer.server import create_app  # doctest: +SKIP
>>> app = create_app(Gateway())  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Security
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from ..cache import BackendError
from ..crash import write_crash_report
from ..errors import ConfigError, DataDirError, InputError, OptimizerError
from ..keys import KeysError
from ..ledger import LedgerError
from ..limits import max_input_bytes
from ..providers.base import ProviderError
from ..redact import redact_text, redact_url
from . import completions, operations_api
from .completions import CHAT_PATH, bearer
from .errors import ApiError, from_provider_error, retry_headers
from .gateway import Gateway

log = logging.getLogger("optimizer.gateway")
ACCESS_LOG_ENV = "OPTIMIZER_ACCESS_LOG"  # "0": no access log (serve --no-access-log sets it for its workers)
_PHRASES = {s.value: s.phrase for s in HTTPStatus}


@lru_cache(maxsize=1024)
def _logged_target(path: str, query: bytes) -> str:
    """A request's path and query as the access log writes them: percent-encoded (a line
    break in a path cannot forge a line) and redacted (a key in the path or the query never
    reaches the log). Cached: a gateway's paths repeat."""
    target = quote(path)
    if query:
        target += "?" + quote(query.decode("latin-1"), safe="=&;%+,/:@?")
    return redact_text(redact_url(target))


class AccessLog:
    """One line per request on standard output, in uvicorn's format, written a batch at a
    time (every quarter second and at shutdown) instead of a write and a flush per request:
    each write released the GIL to the writer threads while requests waited. The path is
    percent-encoded and redacted (see :func:`_logged_target`).

    :param stream: where the lines go (default: standard output).
    """

    FLUSH_S = 0.25

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream
        self._lines: list[str] = []
        self._scheduled = False

    def add(self, scope: dict, status: int) -> None:
        """Queue the line of one finished request."""
        client = scope.get("client")
        path = _logged_target(scope.get("path", ""), scope.get("query_string", b""))
        self._lines.append(
            f'INFO:     {f"{client[0]}:{client[1]}" if client else "-"} - "{scope.get("method", "")} {path} '
            f'HTTP/{scope.get("http_version", "1.1")}" {status} {_PHRASES.get(status, "")}\n'
        )
        if not self._scheduled:
            self._scheduled = True
            try:
                asyncio.get_running_loop().call_later(self.FLUSH_S, self.flush)
            except RuntimeError:  # no event loop here: write at once
                self.flush()

    def flush(self) -> None:
        """Write the queued lines (an unwritable stream loses them, never the request)."""
        self._scheduled = False
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        stream = self._stream or sys.stdout
        try:
            stream.write("".join(lines))
            stream.flush()
        except (OSError, ValueError):
            pass


class MetricsMiddleware:
    """Counts every HTTP request by route template and status and times it (pure ASGI:
    no per-request task or body copy)."""

    def __init__(self, app: Any, gateway: Gateway, access: AccessLog | None = None) -> None:
        self.app = app
        self.metrics = gateway.metrics
        self.access = access

    async def __call__(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_see(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_see)
        finally:
            observe(self.metrics, self.access, scope, status, started)


def observe(metrics: Any, access: AccessLog | None, scope: dict, status: int, started: float) -> None:
    """Count and time one finished request by its route template and status, and queue its
    access log line (``started``: its ``time.perf_counter()`` at arrival)."""
    route = getattr(scope.get("route"), "path", "unmatched")
    metrics.requests.labels(route, scope["method"], str(status)).inc()
    metrics.request_seconds.labels(route).observe(time.perf_counter() - started)
    if access is not None:
        access.add(scope, status)


def declares_too_much(scope: dict, limit: int) -> bool:
    """Whether a request's ``Content-Length`` is over ``limit`` bytes, or is no number."""
    length = next((v for k, v in scope.get("headers", ()) if k == b"content-length"), None)
    return length is not None and (not length.strip().isdigit() or int(length) > limit)


def too_large(limit: int) -> ApiError:
    """The 413 answer to a body over ``limit`` bytes."""
    return ApiError(
        413,
        f"the request body is larger than {limit / 1024 / 1024:.0f} MB, this gateway's limit "
        "(OPTIMIZER_MAX_INPUT_MB sets it): send less",
        code="request_too_large",
    )


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, before reading it when its
    ``Content-Length`` says so, else as soon as the bytes read pass the limit (a chunked
    body). Nothing else in the app then holds more than ``limit`` bytes of one request.

    :param limit: the largest body accepted, in bytes.
    """

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _too_large(self) -> ApiError:
        return too_large(self.limit)

    async def __call__(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if declares_too_much(scope, self.limit):
            await self._too_large().response()(scope, receive, send)
            return
        seen = 0
        over = False  # set once the body passed the limit: the app's own answer is replaced
        answered = False

        async def counted() -> dict:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    raise self._too_large()  # stops the read; FastAPI may answer it as a 400...
            return message

        async def sending(message: dict) -> None:
            nonlocal answered
            if not over:
                await send(message)
            elif not answered:  # ...so whatever the app answers, the caller gets the 413
                answered = True
                await self._too_large().response()(scope, receive, send)

        await self.app(scope, counted, sending)


class ChatFastPath:
    """The gateway's outermost ASGI app: ``POST /v1/chat/completions`` straight to its
    handler, past FastAPI's routing and its middleware stack (five layers, each wrapping
    ``send`` or ``receive``: about 3% of a miss's CPU, measured in alternated ``bench gateway``
    runs, within their noise; the README has the runs), with the request metrics, the
    access log line and the body limit applied here as the middlewares apply them to every
    other path. Errors get the same answers (:func:`error_response`); the route stays
    registered for the docs. Anything else goes to ``app``, whose attributes (``state``,
    ``openapi``...) it lends.

    :param app: the FastAPI app (with :class:`MetricsMiddleware` and :class:`BodyLimit`).
    :param route: the registered chat route (its path labels the request metrics).
    :param limit: the largest chat body accepted, in bytes (as :class:`BodyLimit`).
    """

    def __init__(self, app: FastAPI, route: Any, *, gateway: Gateway, limit: int, access: AccessLog | None) -> None:
        self.app = app
        self.route = route
        self.metrics = gateway.metrics
        self.access = access
        self.limit = limit

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    async def __call__(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable) -> None:
        if scope["type"] != "http" or scope["path"] != CHAT_PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        scope["route"] = self.route
        scope["app"] = self.app  # as Starlette sets it: the handler reads the gateway from the app's state
        try:
            status = await self._chat(scope, receive, send)
        finally:
            observe(self.metrics, self.access, scope, status, started)

    async def _chat(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable) -> int:
        """Answer one chat request; returns the status sent."""
        limit = self.limit
        if declares_too_much(scope, limit):
            response = too_large(limit).response()
            await response(scope, receive, send)
            return response.status_code
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large(limit)  # a chunked body past the limit: 413
            return message

        request = Request(scope, counted)
        try:
            response = await completions.chat_completions(request)
        except Exception as exc:  # the exception handlers' answers, as on every other path
            response = await error_response(request, exc)
        started = False

        async def sending(message: dict) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await response(scope, counted, sending)
        except Exception as exc:
            if started:
                raise  # mid-answer: the connection ends, as on every other path
            response = await error_response(request, exc)
            await response(scope, receive, send)
        return response.status_code


async def error_response(request: Request, exc: Exception) -> Response:
    """The OpenAI-format answer to an exception raised while serving ``request``: an
    :class:`ApiError` as it says, the core's errors by kind, an invalid body as 400, 404 and
    405 with the route, and anything else as 500 with a crash report (never a traceback)."""
    if isinstance(exc, ApiError):
        return exc.response()
    if isinstance(exc, OptimizerError):
        return _status_of(exc).response()
    if isinstance(exc, RequestValidationError):
        return ApiError(400, _validation_sentence(exc), code="invalid_value").response()
    if isinstance(exc, StarletteHTTPException):
        if exc.status_code == 404:
            message = f"there is no {request.method} {request.url.path} here: see /docs for the routes"
            return ApiError(404, message, code="not_found").response()
        if exc.status_code == 405:
            return ApiError(
                405, f"{request.method} is not allowed on {request.url.path}", code="method_not_allowed"
            ).response()
        return ApiError(exc.status_code, redact_text(str(exc.detail)), code="http_error").response()
    report = write_crash_report(exc, ["serve", request.method, request.url.path])
    log.error(
        "unexpected failure (%s) on %s %s; details in %s",
        type(exc).__name__,
        request.method,
        request.url.path,
        report.path,
    )
    message = (
        f"unexpected failure ({type(exc).__name__}), a bug in Optimizer Studio; nothing was changed by this "
        "request: the operator's crash report has the details"
    )
    return ApiError(500, message, type="server_error", code="internal_error").response()


def _status_of(exc: OptimizerError) -> ApiError:
    """The response for an error the core raised on purpose."""
    message = redact_text(str(exc))
    if isinstance(exc, ProviderError):
        return from_provider_error(exc)
    if isinstance(exc, (BackendError, LedgerError, KeysError, DataDirError)):
        return ApiError(503, message, type="server_error", code="unavailable", headers=retry_headers(5))
    if isinstance(exc, (InputError, ConfigError)):
        return ApiError(400, message, code="invalid_value")
    return ApiError(400, message, code="invalid_value")


def _validation_sentence(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "the body"
        parts.append(f"{where}: {str(error.get('msg', 'invalid')).lower()}")
    return "the request is not valid (" + "; ".join(parts) + ")"


def docs_html(schema: dict[str, Any]) -> str:
    """The routes of an OpenAPI ``schema`` as one self-contained HTML page (no script, no
    outside asset: FastAPI's own page would load Swagger UI from a CDN). The full schema is
    at ``/openapi.json``.

    >>> "GET /v1/models" in docs_html({"info": {"title": "t"}, "paths": {"/v1/models": {"get": {}}}})
    True
    """
    from html import escape

    info = schema.get("info") or {}
    rows = []
    for path, methods in sorted((schema.get("paths") or {}).items()):
        for method, op in methods.items():
            if not isinstance(op, dict):
                continue
            summary = escape(str(op.get("summary") or ""))
            text = escape(str(op.get("description") or "").strip().split("\n\n")[0])
            rows.append(
                f"<tr><td><code>{escape(method.upper())} {escape(path)}</code></td><td>{summary}</td><td>{text}</td></tr>"
            )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(str(info.get('title') or 'API'))}</title>"
        "<style>body{font-family:sans-serif;margin:2em;max-width:70em}td{padding:.3em .8em;vertical-align:top;"
        "border-bottom:1px solid #ddd}code{white-space:nowrap}</style></head><body>"
        f"<h1>{escape(str(info.get('title') or 'API'))}</h1><p>{escape(str(info.get('description') or ''))}</p>"
        "<p>The machine-readable schema is at <a href='/openapi.json'>/openapi.json</a>.</p>"
        f"<table>{''.join(rows)}</table></body></html>"
    )


def worker_app() -> ChatFastPath:
    """The app of one worker process of ``serve --workers N`` (uvicorn calls it in each):
    a :class:`Gateway` from the environment, warmed up."""
    from .config import GatewayConfig
    from .run import _logging, freeze_startup_heap, share_the_gil

    _logging()
    gateway = Gateway(GatewayConfig.from_env())
    gateway.warm_up()
    app = create_app(gateway, access_log=os.environ.get(ACCESS_LOG_ENV, "1") != "0")
    freeze_startup_heap()
    share_the_gil()
    return app


def create_app(gateway: Gateway, *, access_log: bool = False) -> ChatFastPath:
    """The gateway's ASGI app over ``gateway`` (which it closes at shutdown): the chat path
    in front of a FastAPI app (see :class:`ChatFastPath`). ``access_log`` writes a line per
    request to standard output (:class:`AccessLog`)."""
    access = AccessLog() if access_log else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if access is not None:
            access.flush()
        gateway.close()  # every queued ledger row is written before the process exits

    docs = gateway.config.docs
    app = FastAPI(
        title="Optimizer Studio gateway",
        version="1",
        description=(
            "An OpenAI-compatible gateway (`/v1/chat/completions`, `/v1/models`) in front of the optimizer's "
            "guarded cache, compression and ledger, and the optimizer's own operations "
            "(`/api/v1/optimization/*`). Send an API key as `Authorization: Bearer osk-...`; every error is "
            '`{"error": {"message", "type", "param", "code"}}` with one sentence.'
        ),
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN: /docs below loads nothing
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
        lifespan=lifespan,
    )
    app.state.gateway = gateway
    app.include_router(completions.router)
    app.include_router(operations_api.router)

    if docs:

        @app.get("/docs", include_in_schema=False)
        def docs_page() -> Response:
            return Response(
                docs_html(app.openapi()),
                media_type="text/html",
                # Nothing from anywhere: no script, no image, no font; inline style only.
                headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
            )

    @app.get("/metrics", tags=["Monitoring"], summary="Prometheus metrics")
    def metrics(request: Request, _token: Any = Security(bearer)) -> Response:
        gateway.authenticate(request.headers.get("authorization"), headers=request.headers)
        return Response(gateway.metrics.render(), media_type=gateway.metrics.content_type)

    for kind in (ApiError, OptimizerError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, error_response)
    # Twice the input limit, for JSON's escapes.
    limit = 2 * max_input_bytes()
    app.add_middleware(BodyLimit, limit=limit)
    app.add_middleware(MetricsMiddleware, gateway=gateway, access=access)
    chat_route = next(r for r in completions.router.routes if getattr(r, "path", None) == CHAT_PATH)
    return ChatFastPath(app, chat_route, gateway=gateway, limit=limit, access=access)
