"""Two studio processes of one team, sharing one PostgreSQL ledger and one Redis cache
(each with its own data folder, so nothing is shared through the disk): a run made on one
shows on the other's Stats page, and the other's identical request is an exact cache hit
served from Redis (the operator's endpoint is called once). Real servers, real Chromium."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from pytest_httpserver import HTTPServer
from support.studio import FIGURES_LINE, idle, main_text, new_page, open_page, run_studio, shot

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
TEAM_SECRET = "team-secret-for-the-stack-test-0123"


FORM_QUERY = urlencode({"formulation_product_type": "serum", "formulation_category": "skincare"})


def generate_prefilled(page) -> None:
    """On the Formulation page opened with FORM_QUERY: once its fields show the link's
    values, click Generate and wait for the result's figures line."""
    from playwright.sync_api import expect

    page.get_by_role("heading", name="Formulation").first.wait_for(timeout=60_000)
    for label, value in (("Product type", "serum"), ("Category", "skincare")):
        expect(page.get_by_label(label, exact=True)).to_have_value(value, timeout=60_000)
    idle(page)
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text(FIGURES_LINE).first.wait_for(timeout=120_000)
    idle(page)


@pytest.fixture
def endpoint():
    from fake_openai import FakeOpenAI

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield FakeOpenAI(server)
    server.clear()
    server.stop()


def test_two_processes_share_runs_and_cache_hits(postgres_url, clean_redis, endpoint, chromium, tmp_path):
    env = {
        "OPTIMIZER_DATABASE_URL": postgres_url,
        "REDIS_URL": clean_redis,
        "OPTIMIZER_CACHE_BACKEND": "redis",
        "OPTIMIZER_TEAM_SECRET": TEAM_SECRET,
    }
    secrets = {"OPENAI_API_KEY": "sk-operator-0123456789abcdef", "OPENAI_BASE_URL": endpoint.url, "OPENAI_MODEL": "ok"}
    with (
        run_studio(tmp_path / "a", env=env, secrets=secrets) as one,
        run_studio(tmp_path / "b", env=env, secrets=secrets) as two,
    ):
        first, second = new_page(chromium), new_page(chromium)
        # The same request on both, its fields filled through the form's URL (a shared
        # link: three reruns fewer a page than typing; typing is the walk's, in
        # tests/test_browser_studio.py). Both processes warm up at once.
        for page, studio in ((first, one), (second, two)):
            page.goto(f"{studio.url}/formulation?{FORM_QUERY}", wait_until="commit")
        generate_prefilled(first)
        generate_prefilled(second)
        assert second.get_by_text("Cache hit (exact)").count()  # served from Redis, stored by the other process
        assert endpoint.calls == {"ok": 1}

        open_page(second, "Stats & Export")
        text = main_text(second)
        assert "Runs\n\n2" in text and "Cache hits\n\n1" in text
        shot(second, "team-stack-stats")
        open_page(first, "Stats & Export")
        assert "Runs\n\n2" in main_text(first)  # the other process's run, from PostgreSQL
        open_page(first, "Cache")
        text = main_text(first)
        assert "1 / 0" in text and "entries are signed" in text.lower()
        first.context.close()
        second.context.close()

    import psycopg

    with psycopg.connect(postgres_url) as conn:
        cached = [r[0] for r in conn.execute("SELECT cached FROM runs ORDER BY id")]
    assert cached == ["none", "exact"]
    assert not any((tmp_path / name / "data" / "ledger.sqlite3").exists() for name in ("a", "b"))
