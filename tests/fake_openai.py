"""A small OpenAI-compatible HTTP server that misbehaves on purpose, for error-path tests.

The model name picks the behaviour: ``ok``, ``auth`` (401), ``notfound`` (404),
``ratelimit-once`` (429 on the first call, then a normal stream), ``server-error`` (500
every time), ``slow`` (answers after 3 s), ``cut`` (drops the connection mid-stream).
Real HTTP on a loopback port, so the official client's real code paths run.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _chunk(model: str, content: str | None = None, finish: str | None = None) -> bytes:
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": {"content": content} if content else {}, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


def _usage(model: str, prompt: int, completion: int) -> bytes:
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }
    return f"data: {json.dumps(body)}\n\n".encode()


class FakeOpenAI:
    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _error(self, status: int, message: str, kind: str) -> None:
                body = json.dumps({"error": {"message": message, "type": kind, "code": kind}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                if status == 429:
                    self.send_header("retry-after", "0")
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                try:
                    self._answer()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (the timeout test): expected

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                model = request.get("model", "ok")
                fake.calls[model] = fake.calls.get(model, 0) + 1
                if model == "auth":
                    return self._error(401, "Incorrect API key provided", "invalid_api_key")
                if model == "notfound":
                    return self._error(404, "The model does not exist", "model_not_found")
                if model == "server-error":
                    return self._error(500, "boom", "server_error")
                if model == "ratelimit-once" and fake.calls[model] == 1:
                    return self._error(429, "Rate limit reached", "rate_limit_exceeded")
                if model == "slow":
                    time.sleep(3)
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = ["Glycerin | 5 | humectant\n", "Aqua | 95 | solvent\n"]
                for word in words:
                    self.wfile.write(_chunk(model, word))
                    self.wfile.flush()
                if model == "cut":
                    self.wfile.flush()
                    self.connection.shutdown(2)  # mid-stream: no finish, no [DONE]
                    return
                self.wfile.write(_chunk(model, None, "stop"))
                self.wfile.write(_usage(model, 42, 12))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
