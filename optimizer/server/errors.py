"""Errors as OpenAI sends them, on every route: ``{"error": {"message", "type", "param", "code"}}``.

The message is the app's own one sentence (what happened, what was kept, what to do),
never a traceback; the official ``openai`` client raises the matching exception
(``AuthenticationError`` for 401, ``RateLimitError`` for 429, ...) with it.

=======  ======================  ========================  =====================================
status   type                    code                      when
=======  ======================  ========================  =====================================
400      invalid_request_error   invalid_value             a request the core refuses (InputError)
401      invalid_request_error   invalid_api_key           no key, an unknown or revoked key
403      invalid_request_error   permission_denied         the key's role may not do this
404      invalid_request_error   model_not_found / ...     a model or route that does not exist
429      requests                rate_limit_exceeded       the key's rate limit (Retry-After)
429      insufficient_quota      insufficient_quota        the key's budget is spent (Retry-After)
502/504  upstream_error          refused, server, timeout  the upstream provider failed
503      server_error            unavailable               a store the request needs is down
500      server_error            internal_error            a bug (a crash report is written)
=======  ======================  ========================  =====================================
"""

from __future__ import annotations

import math
import re
from typing import Any

import orjson
from starlette.responses import Response

from ..providers.base import FailureKind, ProviderError
from ..redact import redact_text


class ApiError(Exception):
    """An error response: HTTP ``status``, OpenAI ``type`` and ``code``, one-sentence ``message``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The error as OpenAI's JSON body: ``{"error": {message, type, param, code}}``."""
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}

    def response(self) -> Response:
        """The error as an HTTP response, with its status and headers."""
        return error_response(self.status, self.body(), self.headers)


def error_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    """A JSON error response with ``status``, ``body`` and optional ``headers``."""
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


def unauthorized(message: str) -> ApiError:
    """A 401 ``invalid_api_key`` error asking for a bearer token.

    >>> unauthorized("no key").status
    401
    """
    return ApiError(401, message, code="invalid_api_key", headers={"WWW-Authenticate": "Bearer"})


def retry_headers(seconds: float) -> dict[str, str]:
    """``Retry-After`` (whole seconds, rounded up) and ``retry-after-ms``, as OpenAI sends them."""
    return {"Retry-After": str(max(1, math.ceil(seconds))), "retry-after-ms": str(max(1, math.ceil(seconds * 1000)))}


# How an upstream failure reaches the caller: a status that says whose fault it is.
_UPSTREAM_STATUS = {
    FailureKind.AUTH: 502,  # the operator's key was refused upstream: not the caller's key
    FailureKind.FORBIDDEN: 502,
    FailureKind.NOT_FOUND: 404,
    FailureKind.RATE_LIMIT: 429,
    FailureKind.BAD_REQUEST: 400,
    FailureKind.TIMEOUT: 504,
    FailureKind.DEADLINE: 504,
    FailureKind.QUEUE: 503,
}


_URL = re.compile(r"\b(?:https?|wss?)://[^\s'\"<>)]+")


def upstream_error(message: str, kind: str | None) -> ApiError:
    """The response for a generation that failed upstream before anything could be returned."""
    try:
        failure = FailureKind(kind or "error")
    except ValueError:
        failure = FailureKind.ERROR
    status = _UPSTREAM_STATUS.get(failure, 502)
    error_type = "requests" if status == 429 else "invalid_request_error" if status in (400, 404) else "upstream_error"
    headers = retry_headers(1) if status in (429, 503) else {}
    # Callers learn what went wrong, not where the operator's upstream lives (the server's
    # log has the address, credentials redacted).
    message = _URL.sub("the upstream endpoint", redact_text(message))
    return ApiError(status, message, type=error_type, code=failure.value, headers=headers)


def from_provider_error(exc: ProviderError) -> ApiError:
    """The upstream error a provider failure becomes (its status follows the failure kind)."""
    return upstream_error(str(exc), exc.kind.value)
