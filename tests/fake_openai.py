"""An OpenAI-compatible endpoint on pytest-httpserver that errs on purpose.

The model name picks the behaviour: ``ok`` (a text stream), ``json`` (a JSON answer),
``auth`` (401), ``forbidden`` (403), ``notfound`` (404), ``ratelimit`` (429 every time), ``ratelimit-once`` (429
once, then a stream), ``server-error`` (500 every time), ``html`` (a 200 HTML page),
``redirect`` (307 to ``redirect_to``), ``no-schema`` (400 when ``response_format`` is
sent, a stream otherwise). Retry-After headers are tiny so no test sleeps for retries.
Every request is kept in ``requests`` (headers and JSON body) for the key-binding tests.
"""

from __future__ import annotations

import json
from typing import Any

from support.endpoints import sse_chunk
from werkzeug import Request, Response

ROWS = ["Glycerin | 5 | humectant\n", "Aqua | 95 | solvent\n"]
JSON_ROWS = ['{"rows": [["Glycerin", 5, "humectant"], ', '["Aqua", 95, "solvent"]], "notes": "ok"}']


def _usage(prompt: int, completion: int) -> bytes:
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }
    return f"data: {json.dumps(body)}\n\n".encode()


def stream_body(pieces: list[str], *, finish: str = "stop", usage: tuple[int, int] | None = (42, 12)) -> bytes:
    """A complete SSE answer: the pieces, the finish, the usage and ``[DONE]``."""
    out = b"".join(sse_chunk(p) for p in pieces) + sse_chunk(None, finish)
    if usage:
        out += _usage(*usage)
    return out + b"data: [DONE]\n\n"


class FakeOpenAI:
    """Dispatches on the request's model name; see the module docstring."""

    def __init__(self, httpserver: Any) -> None:
        self.server = httpserver
        self.calls: dict[str, int] = {}
        self.requests: list[dict[str, Any]] = []
        self.redirect_to = "http://127.0.0.1:9/v1/chat/completions"
        httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for("/v1")

    def _error(self, status: int, message: str, code: str, headers: dict[str, str] | None = None) -> Response:
        body = json.dumps({"error": {"message": message, "type": code, "code": code}})
        return Response(body, status=status, content_type="application/json", headers=headers or {})

    def _handle(self, request: Request) -> Response:
        body = json.loads(request.get_data() or b"{}")
        self.requests.append({"headers": dict(request.headers), "body": body})
        model = body.get("model", "ok")
        self.calls[model] = self.calls.get(model, 0) + 1
        fast = {"retry-after-ms": "1"}
        if model == "auth":
            return self._error(401, "Incorrect API key provided", "invalid_api_key")
        if model == "forbidden":
            return self._error(403, "no access", "forbidden")
        if model == "notfound":
            return self._error(404, "The model does not exist", "model_not_found")
        if model == "server-error":
            return self._error(500, "boom", "server_error", fast)
        if model == "ratelimit" or (model == "ratelimit-once" and self.calls[model] == 1):
            return self._error(429, "Rate limit reached", "rate_limit_exceeded", fast)
        if model == "html":
            return Response("<!doctype html><html><body>Welcome to nginx</body></html>", content_type="text/html")
        if model == "redirect":
            return Response("", status=307, headers={"Location": self.redirect_to})
        if model == "no-schema" and "response_format" in body:
            return self._error(400, "response_format is not supported", "invalid_request_error")
        pieces = JSON_ROWS if model == "json" else ROWS
        return Response(stream_body(pieces), content_type="text/event-stream")
