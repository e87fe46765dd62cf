"""The gateway's own access log (optimizer.server.app.AccessLog): uvicorn's line format,
written in batches, a query string redacted."""

from __future__ import annotations

import asyncio
import io

from optimizer.server.app import AccessLog


def scope(path: str, query: bytes = b"", status_method: str = "POST") -> dict:
    return {
        "type": "http",
        "method": status_method,
        "path": path,
        "query_string": query,
        "http_version": "1.1",
        "client": ("127.0.0.1", 5555),
    }


def test_lines_are_written_a_batch_at_a_time_on_the_event_loop():
    stream = io.StringIO()
    log = AccessLog(stream)
    log.FLUSH_S = 0.01

    async def requests() -> str:
        log.add(scope("/v1/chat/completions"), 200)
        log.add(scope("/v1/models", status_method="GET"), 401)
        before = stream.getvalue()  # nothing written yet: one write for the batch, later
        await asyncio.sleep(0.05)
        return before

    assert asyncio.run(requests()) == ""
    assert stream.getvalue().splitlines() == [
        'INFO:     127.0.0.1:5555 - "POST /v1/chat/completions HTTP/1.1" 200 OK',
        'INFO:     127.0.0.1:5555 - "GET /v1/models HTTP/1.1" 401 Unauthorized',
    ]


def test_a_key_in_a_query_string_never_reaches_the_log_and_a_line_off_the_loop_is_written_at_once():
    stream = io.StringIO()
    log = AccessLog(stream)
    log.add(scope("/v1/models", b"api_key=sk-proj-abcdefghijklmnop1234&x=1", "GET"), 200)  # no event loop here
    line = stream.getvalue()
    assert line.startswith('INFO:     127.0.0.1:5555 - "GET /v1/models?') and line.endswith(" 200 OK\n")
    assert "abcdefghijklmnop1234" not in line
