"""The studio's walk (issue 13), step 7 in the dark theme, in a real Chromium against a
studio of this module's own: the dark theme is dark, and screenshots of its main states
land in test-artifacts/screenshots/ (``walk-dark-*``). The light walk is
tests/test_browser_studio.py; the steps are tests/support/walk.py's.

The theme is the point here, not the model: this studio's operator endpoint is a loopback
OpenAI-compatible one that streams a short JSON table (the request the walk stops, a piece
every 0.25 s: slow enough to stop mid-stream), so the walk on the embedded model
(tests/test_browser_studio.py) does not share the cores with a second one.
"""

from __future__ import annotations

import re
import time

import pytest
from support.endpoints import sse_chunk
from support.studio import idle, loopback_server, new_page, open_page, run_studio, shot
from support.walk import (
    FORMS,
    GENERATION_TIMEOUT_MS,
    QUERY,
    figures,
    fill,
    generate,
    select_history_rows,
    shows_partial_answer,
    stop_mid_stream,
    table_rows,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# The answer the endpoint streams: a formulation table in the schema's shape, in pieces.
ANSWER = '{"rows": [["Aqua", 80, "solvent"], ["Glycerin", 5, "humectant"], ["Niacinamide", 4, "brightening"]]}'
PIECE_S = 0.02  # 26 pieces: about 0.5 s an answer
STOPPED_PIECE_S = 0.25  # the request the walk stops (region Japan): 6.5 s unless stopped


def _slow_stream(request):
    from werkzeug import Response

    pause = STOPPED_PIECE_S if b"Japan" in request.get_data() else PIECE_S

    def body():
        for start in range(0, len(ANSWER), 4):
            yield sse_chunk(ANSWER[start : start + 4])
            time.sleep(pause)
        yield sse_chunk(None, "stop") + b"data: [DONE]\n\n"

    return Response(body(), content_type="text/event-stream")


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """One studio for the dark walk, its own data folder, the slow loopback endpoint."""
    with loopback_server() as server:
        server.expect_request("/v1/chat/completions", method="POST").respond_with_handler(_slow_stream)
        secrets = {"OPENAI_API_KEY": "sk-dark-walk-0123456789", "OPENAI_BASE_URL": server.url_for("/v1")}
        secrets["OPENAI_MODEL"] = "walk"
        with run_studio(tmp_path_factory.mktemp("walk-dark"), secrets=secrets) as running:
            yield running


def test_walk_dark(studio, chromium):
    """7. The dark theme is dark, and its main states are in screenshots: the form, a
    stream, a stopped answer, a result, History reopen and compare."""
    from playwright.sync_api import expect

    page = new_page(chromium, color_scheme="dark")
    page.goto(studio.url)
    page.get_by_role("heading", name="Optimizer Studio").wait_for(timeout=60_000)
    idle(page)
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
    )
    assert background == "rgb(22, 20, 28)", background  # [theme.dark] backgroundColor #16141c
    shot(page, "walk-dark-home")

    # The walk's request (a studio of its own: generated, then an exact hit).
    title, values = FORMS["formulation"]
    open_page(page, title)
    fill(page, values, query=QUERY)
    shot(page, "walk-dark-form")
    result = generate(page)
    assert table_rows(page, page.locator(".st-key-answer_box")) > 0
    shot(page, "walk-dark-formulation")
    again = generate(page, after=int(result["run"]))  # the same request once more: a hit
    assert again["outcome"] == "cache hit (exact)", again.group(0)
    shot(page, "walk-dark-cache-hit")
    result = again
    # Another region: a new generation, stopped once it streams.
    fill(page, {"Region (optional)": "Japan"})
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text(re.compile(r"^Streaming · [1-9]")).first.wait_for(timeout=GENERATION_TIMEOUT_MS)
    shot(page, "walk-dark-streaming")
    stop_mid_stream(page)
    assert shows_partial_answer(page)
    shot(page, "walk-dark-stopped")
    stopped_run = figures(page, after=int(result["run"]))

    open_page(page, "History")
    select_history_rows(page, [0])
    # Waited for as text: under load the container's new key showed before its new content.
    expect(page.locator(".st-key-history_run")).to_contain_text(
        f"Run {stopped_run['run']} · Formulation", timeout=GENERATION_TIMEOUT_MS
    )
    shot(page, "walk-dark-history-open")
    select_history_rows(page, [1])
    compare = page.locator(".st-key-history_compare")
    side_by_side = f"Run {result['run']} and run {stopped_run['run']} side by side"
    expect(compare).to_contain_text(side_by_side, timeout=GENERATION_TIMEOUT_MS)
    shot(page, "walk-dark-history-compare")
    for title in ("Compression Lab", "Cache"):  # the pages the walk does not use, seen dark
        open_page(page, title)
        assert page.get_by_role("heading", name=title).count()
        shot(page, f"walk-dark-{title.lower().replace(' ', '-')}")
    page.context.close()
