"""A real Chromium (Debian's) driven by Playwright against a real ``streamlit run app.py``
with the embedded model: fill the Formulation form, Generate and watch the text stream,
Generate again and see the cache-hit mark, then download the runs CSV from Stats.
Screenshots of every page land in test-artifacts/screenshots/ (1280x800)."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import http_server

# The result's figures line (optimizer.answer.figures_line): shown once the answer is complete.
FIGURES_LINE = re.compile(r"^Run \d+ · ")

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it",
)


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    from optimizer.cache.local_redis import free_port

    port = free_port()
    data = tmp_path_factory.mktemp("browser-data")
    env = {**os.environ, "OPTIMIZER_DATA_DIR": str(data), "OPTIMIZER_LOCAL_MAX_TOKENS": "120", "PYTHONPATH": str(ROOT)}
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPTIMIZER_PROVIDER", "REDIS_URL"):
        env.pop(var, None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    url = f"http://127.0.0.1:{port}"
    with http_server(command, url + "/_stcore/health", data / "streamlit.log", env=env, cwd=ROOT, timeout=60):
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


def _idle(page, timeout=60_000):
    """Streamlit shows a running indicator while the script runs; wait until it is gone."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _open(page, title):
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    _idle(page)


def test_formulation_stream_cache_hit_and_csv(studio, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(studio)
    page.get_by_role("heading", name="Optimizer Studio").wait_for(timeout=60_000)
    _idle(page)
    _shot(page, "01-home")

    _open(page, "Formulation")
    for label, value in (
        ("Product type", "serum"),
        ("Category", "skincare"),
        ("Requirements (optional)", "fragrance-free"),
        ("Region (optional)", "EU"),
    ):
        field = page.get_by_label(label, exact=True)
        field.fill(value)
        field.press("Enter")
        _idle(page)
    page.get_by_text("Prompt tokens").first.wait_for()

    page.get_by_role("button", name="Generate", exact=True).click()
    answer = page.locator(".st-key-answer_box")
    lengths = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = answer.inner_text() if answer.count() else ""
        if text and (not lengths or len(text) != lengths[-1]):
            lengths.append(len(text))
        if page.get_by_text(FIGURES_LINE).count():
            break
        page.wait_for_timeout(50)
    _idle(page)
    # While it streams the text only grows; once complete a JSON answer is shown as its
    # readable form (a table), which may be shorter than the raw text streamed.
    streamed = lengths[:-1]
    assert len(streamed) >= 2 and streamed == sorted(streamed), f"text did not stream in: {lengths}"
    _shot(page, "02-formulation-generated")

    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("Cache hit (exact)").first.wait_for(timeout=60_000)
    _idle(page)
    _shot(page, "03-formulation-cache-hit")

    for name, title in (
        ("04-market", "Market Research"),
        ("05-branding", "Branding"),
        ("06-costing", "Costing"),
        ("07-scientific", "Scientific"),
        ("08-compression-lab", "Compression Lab"),
        ("09-cache", "Cache"),
    ):
        _open(page, title)
        _shot(page, name)

    _open(page, "Stats & Export")
    _shot(page, "10-stats")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download runs CSV").click()
    target = tmp_path / "runs.csv"
    download.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [r["cache outcome"] for r in rows] == ["exact", "none"]
    assert rows[1]["generator"] == "formulation" and int(rows[1]["provider completion tokens (usage)"]) > 0
    assert all("sk-" not in v for r in rows for v in r.values())
    context.close()
