"""A model's answer rendered by studio/render.py makes the browser fetch nothing, in a real
Chromium: remote images and raw HTML in an answer are shown as text, while a control image
the page itself asks for loads (a loopback server counts requests). Screenshot in
test-artifacts/screenshots/team-render-check.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.studio import idle, loopback_server, main_text, new_page, run_studio, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent


def test_an_answer_with_remote_images_and_html_makes_the_browser_fetch_nothing(chromium, tmp_path):
    with loopback_server() as counter:
        counter.expect_request("/control.png").respond_with_data(b"", content_type="image/png")
        pixel = counter.url_for("").rstrip("/")
        env = {"RENDER_PIXEL_URL": pixel}
        with run_studio(tmp_path, script=ROOT / "tests/data/render_page.py", env=env) as studio:
            page = new_page(chromium)
            page.goto(studio.url)
            page.get_by_text("rendered").wait_for(timeout=60_000)
            idle(page)
            page.wait_for_timeout(1000)  # time for any image request to leave
            fetched = sorted(request.path for request, _ in counter.log)
            text = main_text(page)
            shot(page, "team-render-check")
            page.context.close()
    assert fetched == ["/control.png"]  # the control image loads; nothing from an answer does
    assert "[image: tracking pixel, not loaded]" in text and "costs $12" in text
    assert '<img src="' in text  # raw HTML shown as text, not run
