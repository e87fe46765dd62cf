"""The studio's walk (issue 13), step 7 in the dark theme, in a real Chromium against a
studio of this module's own on the embedded model (no key): the dark theme is dark, and
screenshots of its main states land in test-artifacts/screenshots/ (``walk-dark-*``).
The light walk is tests/test_browser_studio.py; the steps and the studio are
tests/support/walk.py's.
"""

from __future__ import annotations

import re

import pytest
from support.studio import idle, main_text, new_page, open_page, shot
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
    walk_studio,
)

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """One studio for the dark walk, short embedded answers, its own data folder."""
    with walk_studio(tmp_path_factory, "walk-dark") as running:
        yield running


def test_walk_dark(studio, chromium):
    """7. The dark theme is dark, and its main states are in screenshots: the form, a
    stream, a stopped answer, a result, History reopen and compare."""
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
    page.locator(".st-key-history_run").wait_for()
    assert f"Run {stopped_run['run']} · Formulation" in main_text(page)
    shot(page, "walk-dark-history-open")
    select_history_rows(page, [1])
    compare = page.locator(".st-key-history_compare")
    compare.wait_for()
    assert f"Run {result['run']} and run {stopped_run['run']} side by side" in compare.inner_text()
    shot(page, "walk-dark-history-compare")
    for title in ("Compression Lab", "Cache"):  # the pages the walk does not use, seen dark
        open_page(page, title)
        assert page.get_by_role("heading", name=title).count()
        shot(page, f"walk-dark-{title.lower().replace(' ', '-')}")
    page.context.close()
