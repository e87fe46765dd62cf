"""studio/auth.py: roles from configuration, the sign-in gate, and what each role may and
may not do on the pages (AppTest with a seeded ``st.user``; the real sign-in against a
real OIDC provider is tests/test_browser_team.py).

The "crafted rerun" tests send the admin's Clear / Invalidate widget ids with a trigger
value from an analyst's session, as a hand-written WebSocket message could: the same
message clears the cache from an admin's session (so the check can fail), and does
nothing from an analyst's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support.once import app_test

from optimizer.auth import LOCAL_USER, Action, Principal, Role
from optimizer.cache import CacheRequest, CacheService
from optimizer.errors import ConfigError
from optimizer.ledger import Ledger, RunRecord

if TYPE_CHECKING:
    from types import ModuleType

    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "studio",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {"admins": ["lee@example.com"], "admin_groups": ["optimizer-admins"]}
ANA = {"is_logged_in": True, "email": "ana@example.com", "email_verified": True, "name": "Ana", "groups": ["rnd"]}
ADA = {"is_logged_in": True, "email": "ada@example.com", "name": "Ada", "groups": ["rnd", "optimizer-admins"]}


# -- roles from configuration -------------------------------------------------------------


@pytest.fixture
def auth() -> ModuleType:
    """``studio.auth``, imported by the tests that use it: it imports Streamlit, which the
    worker that does not run this file need not import while it collects (tests/support/once.py)."""
    from studio import auth

    return auth


def test_admin_by_verified_email_case_insensitive(auth):
    policy = auth.RolePolicy.from_config({"roles": {"admins": ["Lee@Example.com"]}}, {})
    assert auth.principal_from_claims({"email": "LEE@example.com", "email_verified": True}, policy).role is Role.ADMIN
    assert auth.principal_from_claims({"email": "lee@example.com"}, policy).role is Role.ADMIN  # no claim: trusted
    # An email the provider says is unverified proves nothing.
    assert (
        auth.principal_from_claims({"email": "lee@example.com", "email_verified": False}, policy).role is Role.ANALYST
    )


def test_admin_by_group_claim_list_string_or_custom_claim(auth):
    policy = auth.RolePolicy.from_config({"roles": {"admin_groups": "optimizer-admins, ops"}}, {})
    assert policy.role_for({"groups": ["rnd", "Optimizer-Admins"]}) is Role.ADMIN
    assert policy.role_for({"groups": "ops"}) is Role.ADMIN
    assert policy.role_for({"groups": ["rnd"]}) is Role.ANALYST
    assert policy.role_for({}) is Role.ANALYST
    custom = auth.RolePolicy.from_config({"roles": {"admin_groups": ["admins"], "group_claim": "roles"}}, {})
    assert custom.role_for({"roles": ["admins"]}) is Role.ADMIN
    assert custom.role_for({"groups": ["admins"]}) is Role.ANALYST


def test_roles_from_environment_and_secrets_first(auth):
    env = {"OPTIMIZER_ADMINS": "a@x.org,b@x.org", "OPTIMIZER_ADMIN_GROUPS": "g1"}
    from_env = auth.RolePolicy.from_config({}, env)
    assert from_env.admins == {"a@x.org", "b@x.org"} and from_env.admin_groups == {"g1"}
    both = auth.RolePolicy.from_config({"roles": {"admins": ["c@x.org"]}}, env)
    assert both.admins == {"c@x.org"} and both.admin_groups == {"g1"}
    with pytest.raises(ConfigError, match=r"\[roles\]"):
        auth.RolePolicy.from_config({"roles": "everyone"}, {})


def test_principal_identity_is_the_email_else_username_else_subject(auth):
    policy = auth.RolePolicy()
    p = auth.principal_from_claims({"email": "Ana@Example.com", "name": "Ana A", "sub": "123"}, policy)
    assert (p.user, p.name, p.source, p.role) == ("ana@example.com", "Ana A", "oidc", Role.ANALYST)
    assert auth.principal_from_claims({"preferred_username": "bob", "sub": "9"}, policy).user == "bob"
    assert auth.principal_from_claims({"sub": "9"}, policy).user == "9"
    with pytest.raises(auth.NotAllowed, match="who you are"):
        auth.principal_from_claims({"name": "nobody"}, policy)


def test_providers_default_or_named_sections(auth):
    assert auth.providers({"auth": AUTH}) == ["default"]
    named = {"auth": {"redirect_uri": "r", "cookie_secret": "c", "okta": {"client_id": "x"}, "google": {"a": 1}}}
    assert auth.providers(named) == ["okta", "google"]
    assert auth.sign_in_configured({"auth": AUTH}) and not auth.sign_in_configured({})


def test_run_filter_and_require_follow_optimizer_auth(auth):
    ana, ada = Principal("ana@x.org", Role.ANALYST, "oidc"), Principal("ada@x.org", Role.ADMIN, "oidc")
    assert auth.run_filter(ana) == {"user": "ana@x.org"}
    assert auth.run_filter(ada) == {} and auth.run_filter(LOCAL_USER) == {}
    assert auth.require(Action.CLEAR_CACHE, ada) is ada
    with pytest.raises(auth.NotAllowed, match="only an admin may clear the cache"):
        auth.require(Action.CLEAR_CACHE, ana)


# -- the pages, per role (AppTest) ---------------------------------------------------------


@pytest.fixture
def env(data_dir, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "16")
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPTIMIZER_PROVIDER",
        "REDIS_URL",
        "OPTIMIZER_ALLOW_USER_ENDPOINTS",
        "OPTIMIZER_CACHE_BACKEND",
        "OPTIMIZER_DATABASE_URL",
        "OPTIMIZER_TEAM_SECRET",
    ):
        monkeypatch.delenv(var, raising=False)
    return data_dir


def open_studio(user: dict | None, page: str = "home", **secrets) -> AppTest:
    """The app as ``user`` (None: no sign-in configured) on ``page``."""
    at = app_test(APP, default_timeout=120)
    if user is not None:
        at.secrets["auth"] = AUTH
        at.secrets["roles"] = ROLES
        at.user = dict(user)
    for key, value in secrets.items():
        at.secrets[key] = value
    if page != "home":  # opened on the page in one run, as a link to it would
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def seed_runs(folder: Path, **per_user: int) -> None:
    ledger = Ledger(folder / "ledger.sqlite3")
    ledger.record_many(
        RunRecord("formulation", "local", "local", "none", "formulation-t1", "medium", 80, 60, 20, 0.001, user=user)
        for user, n in per_user.items()
        for _ in range(n)
    )
    ledger.close()


def seed_cache(folder: Path, n: int = 2) -> None:
    with CacheService.from_config("disk", folder=folder / "cache") as cache:
        for i in range(n):
            cache.put(CacheRequest("formulation", "local", f"serum {i}"), {"text": f"answer {i}"})


def entries(folder: Path) -> int:
    with CacheService.from_config("disk", folder=folder / "cache") as cache:
        return cache.stats()["all"].entries


def texts(at: AppTest) -> str:
    parts = [
        e.value for kind in ("markdown", "caption", "info", "success", "error", "warning") for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def test_nobody_signed_in_sees_only_the_sign_in_page(env):
    at = open_studio({"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.sidebar.selectbox and not at.metric  # no settings, no figures
    assert "Sign in with your company account" in texts(at)


def test_without_auth_the_studio_is_a_single_local_user(env):
    at = open_studio(None)
    assert "Single-user local studio" in texts(at)
    assert at.radio(key="cache_backend").value == "disk"  # the local user is the operator


def test_analyst_home_sidebar_and_cache_page_offer_nothing_of_an_admin(env):
    seed_cache(env)
    at = open_studio(ANA)
    assert "analyst" in texts(at) and "ana@example.com" in texts(at)
    labels = at.selectbox(key="provider_choice").options
    assert "OpenAI-compatible URL" not in labels  # visitor endpoints are off with sign-in
    assert not [w for w in at.text_input if w.key == "redis_url"]
    assert not [w for w in at.selectbox if w.key == "strategy"] and not at.radio
    at.switch_page("app_pages/cache.py").run()
    assert not at.exception
    assert not [b for b in at.button if b.key in ("cache_clear", "cache_invalidate")]
    assert not at.checkbox
    assert "for admins" in texts(at)
    assert len(at.dataframe[0].value) == 2  # analysts read the cache's figures and keys


def _clicks(at: AppTest, ids: list[str]) -> WidgetStates:
    states = at._tree.get_widget_states()
    for widget_id in ids:
        w = states.widgets.add()
        w.id = widget_id
        w.trigger_value = True
    return states


def test_analyst_cannot_clear_or_invalidate_through_a_crafted_rerun(env):
    seed_cache(env, 3)
    admin = open_studio(ADA, "cache")
    admin.text_input(key="cache_pattern").set_value("formulation:*").run()
    admin.checkbox(key="confirm_clear").check().run()
    ids = [admin.button(key="cache_clear").id, admin.button(key="cache_invalidate").id]
    confirm_id = admin.checkbox(key="confirm_clear").id

    analyst = open_studio(ANA, "cache")
    crafted = _clicks(analyst, ids)
    box = crafted.widgets.add()
    box.id, box.bool_value = confirm_id, True
    analyst._run(crafted)
    assert not analyst.exception
    assert entries(env) == 3  # nothing went

    admin._run(_clicks(admin, ids[:1]))  # the same message from an admin's session clears
    assert entries(env) == 0


def test_admin_clears_with_a_count_and_the_confirmation_disarms(env):
    seed_cache(env, 3)
    at = open_studio(ADA, "cache")
    assert at.button(key="cache_clear").disabled
    at.checkbox(key="confirm_clear").check().run()
    at.button(key="cache_clear").click().run()
    assert not at.exception
    assert any("Cleared 3 entries" in s.value and "0 left" in s.value for s in at.success)
    assert at.checkbox(key="confirm_clear").value is False and at.button(key="cache_clear").disabled
    assert entries(env) == 0


def test_admin_invalidates_with_a_count(env):
    seed_cache(env, 2)
    at = open_studio(ADA, "cache")
    at.text_input(key="cache_pattern").set_value("formulation:*").run()
    at.button(key="cache_invalidate").click().run()
    assert any("Invalidated 2 entries" in s.value and "0 left" in s.value for s in at.success)


def test_analyst_sees_own_runs_and_team_totals_admin_everyones(env):
    seed_runs(env, **{"ana@example.com": 2, "ada@example.com": 3})
    analyst = open_studio(ANA, "stats")
    metrics = {m.label: m.value for m in analyst.metric}
    assert metrics["Team runs"] == "5" and metrics["Your runs"] == "2"
    assert len(analyst.dataframe[0].value) == 2
    assert set(analyst.dataframe[0].value["user"]) == {"ana@example.com"}
    assert not [m for m in analyst.multiselect if m.key == "f_user"]

    admin = open_studio(ADA, "stats")
    assert len(admin.dataframe[0].value) == 5
    admin.multiselect(key="f_user").select("ana@example.com").run()
    assert set(admin.dataframe[0].value["user"]) == {"ana@example.com"}


def test_stats_says_no_runs_yet_or_no_match_and_filters_persist(env):
    at = open_studio(None, "stats")
    assert any("No runs yet" in i.value for i in at.info)
    seed_runs(env, local=2)
    at = open_studio(None, "stats")
    at.multiselect(key="f_cached").select("none").run()
    at.multiselect(key="f_model").select("local").run()
    at.switch_page("app_pages/home.py").run()
    at.switch_page("app_pages/stats.py").run()
    assert at.multiselect(key="f_cached").value == ["none"]  # kept for the session
    assert at.multiselect(key="f_model").value == ["local"]
    assert any("time (" in c for c in at.dataframe[0].value.columns)
    ledger = Ledger(env / "ledger.sqlite3")
    ledger.record(RunRecord("market", "local", "local", "exact", "market-t1", "medium", 9, 0, 0, 0.0, user="local"))
    ledger.close()
    other = open_studio(None, "stats")
    other.multiselect(key="f_generator").select("market").run()
    assert len(other.dataframe[0].value) == 1
    other.multiselect(key="f_cached").select("none").run()  # market runs were all cache hits
    assert any("No runs match these filters" in i.value for i in other.info)
    assert not any("No runs yet" in i.value for i in other.info)


def test_team_settings_only_admins_change_and_they_persist(env):
    admin = open_studio(ADA)
    admin.selectbox(key="strategy").set_value("conservative").run()
    assert not admin.exception
    analyst = open_studio(ANA)
    assert "strategy **conservative**" in texts(analyst)
    # The admin's own endpoint policy: visitors may now type a base URL (with their own key).
    admin.checkbox(key="allow_user_endpoints").check().run()
    analyst = open_studio(ANA)
    assert "OpenAI-compatible URL" in analyst.selectbox(key="provider_choice").options


def test_operator_fixed_settings_are_not_editable(env, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_ALLOW_USER_ENDPOINTS", "false")
    admin = open_studio(ADA, OPTIMIZER_CACHE_STRATEGY="aggressive")
    assert admin.selectbox(key="strategy").value == "aggressive" and admin.selectbox(key="strategy").disabled
    assert admin.checkbox(key="allow_user_endpoints").disabled


def test_every_run_is_recorded_as_the_signed_in_person(env):
    from studio.services import UserLedger

    shared = Ledger(env / "ledger.sqlite3")
    view = UserLedger(shared, "ana@example.com")
    forged = RunRecord("market", "local", "local", "none", "market-t1", "medium", 1, 1, 1, 0.0, user="ada@example.com")
    view.record(forged)
    view.record_many([forged])
    assert [r["user"] for r in shared.runs()] == ["ana@example.com", "ana@example.com"]
    assert view.count() == 2  # reads go to the shared ledger
    shared.close()


@pytest.mark.model
def test_a_generation_in_the_studio_records_the_analyst(env):
    at = open_studio(ANA, "formulation")
    at.text_input(key="formulation_product_type").set_value("serum")
    at.text_input(key="formulation_category").set_value("skincare").run()
    at.button(key="formulation_generate").click().run()
    assert not at.exception
    ledger = Ledger(env / "ledger.sqlite3")
    assert [r["user"] for r in ledger.runs()] == ["ana@example.com"]
    ledger.close()


def test_an_unexpected_error_is_one_sentence_with_a_reference(env, monkeypatch):
    import logging

    import studio.sidebar

    def boom():
        raise RuntimeError("redis://:hunter2@10.0.0.5:6379 exploded")

    # The studio's log read from its own logger (the suite runs without pytest's logging
    # plugin and its caplog: see pyproject.toml).
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    studio_log = logging.getLogger("optimizer.studio")
    studio_log.addHandler(handler)
    try:
        at = open_studio(None)
        monkeypatch.setattr(studio.sidebar, "cache", boom)
        at.switch_page("app_pages/cache.py").run()
    finally:
        studio_log.removeHandler(handler)
    assert not at.exception  # no traceback element
    [error] = [e.value for e in at.error if "reference" in e.value]
    assert "Something went wrong on this page" in error and "hunter2" not in error and "exploded" not in error
    logged = "\n".join(r.getMessage() for r in records if r.name == "optimizer.studio")
    assert "RuntimeError" in logged and "hunter2" not in logged
