"""The studio for a team in a real Chromium: sign in against a real local OIDC provider
(oidc-provider-mock, started by the tests) as an analyst and as an admin, and see what each
may and may not do. Screenshots land in test-artifacts/screenshots/ (team-*.png). That a
model's answer rendered by studio/render.py makes the browser fetch nothing is
tests/test_browser_render.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from support.oidc import roles_section, sign_in
from support.studio import (
    download,
    generate_formulation,
    idle,
    loopback_server,
    main_text,
    new_page,
    open_page,
    run_studio,
    shot,
)

from optimizer.cache import CacheRequest, CacheService
from optimizer.ledger import Ledger, RunRecord

pytestmark = [pytest.mark.browser, pytest.mark.oidc, pytest.mark.slow]
OPERATOR_KEY = "sk-operator-key-for-the-team-0123456789"


def _seed(folder: Path) -> None:
    ledger = Ledger(folder / "ledger.sqlite3")
    runs = [("ana@example.com", 2), ("ada@example.com", 3)]
    ledger.record_many(
        RunRecord("market", "local", "local", "none", "market-t1", "medium", 80, 60, 20, 0.001, user=user)
        for user, n in runs
        for _ in range(n)
    )
    ledger.close()
    with CacheService.from_config("disk", folder=folder / "cache") as cache:
        for i in range(2):
            cache.put(CacheRequest("branding", "local", f"name {i}"), {"text": f"answer {i}"})


@pytest.fixture(scope="module")
def team_studio(oidc_provider, tmp_path_factory):
    """One studio with sign-in and roles, the operator's model on a loopback endpoint,
    runs of two people and two cached answers."""
    from fake_openai import FakeOpenAI

    from optimizer.cache.local_redis import free_port

    work = tmp_path_factory.mktemp("team-studio")
    data = work / "data"
    data.mkdir()
    _seed(data)
    port = free_port()
    with loopback_server() as server:
        endpoint = FakeOpenAI(server)
        secrets = {
            "OPENAI_API_KEY": OPERATOR_KEY,
            "OPENAI_BASE_URL": endpoint.url,
            "OPENAI_MODEL": "ok",
            "auth": oidc_provider.auth_section(port),
            "roles": roles_section(),
        }
        with run_studio(work, port=port, secrets=secrets, data_dir=data) as studio:
            yield studio


def _sidebar(page) -> str:
    return page.locator("[data-testid='stSidebar']").inner_text()


def _download_csv(page, label: str, tmp_path: Path) -> list[dict[str, str]]:
    target = download(page, label, tmp_path / "runs.csv")
    return list(csv.DictReader(io.StringIO(target.read_text())))


def test_analyst_generates_and_sees_only_their_own(team_studio, chromium, tmp_path):
    page = new_page(chromium)
    page.goto(team_studio.url + "/cache")  # a page's URL before signing in: the sign-in page only
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
    assert "Hit rate" not in main_text(page) and not page.get_by_text("Provider").count()

    sign_in(page, team_studio.url, "ana")
    idle(page)
    assert "analyst" in main_text(page)
    sidebar = _sidebar(page)
    assert "Redis URL" not in sidebar and "Team settings (an admin changes them)" in sidebar
    assert "Endpoint: the operator's" in sidebar and not page.get_by_label("Base URL").count()  # own endpoints off
    shot(page, "team-analyst-home")

    open_page(page, "Cache")
    assert "for admins" in main_text(page) and "Rejected entries" in main_text(page)
    assert not page.get_by_role("button", name="Clear the cache").count()
    assert not page.get_by_role("button", name="Invalidate", exact=False).count()

    generate_formulation(page)

    open_page(page, "Stats & Export")
    text = main_text(page)
    assert "Team runs\n\n6" in text and "Your runs\n\n3" in text
    rows = _download_csv(page, "Download runs CSV", tmp_path)
    assert [r["user"] for r in rows] == ["ana@example.com"] * 3  # their own, the new run first
    assert rows[0]["generator"] == "formulation" and rows[0]["model"] == "ok"
    assert all(OPERATOR_KEY not in v for r in rows for v in r.values())
    shot(page, "team-analyst-stats")
    assert page.offsite == [] or all("pico" in u for u in page.offsite)  # only the provider's CDN css
    page.context.close()


def test_admin_clears_the_cache_and_sees_everyone(team_studio, chromium, tmp_path):
    page = new_page(chromium, color_scheme="dark")
    sign_in(page, team_studio.url, "ada")  # an admin by group claim
    idle(page)
    assert "admin" in main_text(page)
    assert "Team settings (admin)" in _sidebar(page)
    shot(page, "team-admin-home-dark")

    open_page(page, "Cache")
    clear = page.get_by_role("button", name="Clear the cache")
    assert clear.is_disabled()
    page.get_by_text("I understand: remove every cached answer").click()
    idle(page)
    clear.click()
    page.get_by_text("Cleared", exact=False).first.wait_for(timeout=30_000)
    idle(page)
    message = main_text(page)
    assert "Cleared" in message and "0 left" in message and "The cache is empty" in message
    assert clear.is_disabled()  # the confirmation disarmed
    shot(page, "team-admin-cache-dark")

    open_page(page, "Stats & Export")
    assert page.get_by_text("Person").count()
    users = {r["user"] for r in _download_csv(page, "Download runs CSV", tmp_path)}
    assert {"ana@example.com", "ada@example.com"} <= users
    page.context.close()
