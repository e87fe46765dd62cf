"""What a signed-in visitor cannot make the studio do (found by an adversarial review):

* an email the identity provider marks unverified is not the person's identity (whoever
  registers "ana@example.com" unverified must not read Ana's runs);
* a run's error text (an endpoint's own 4xx message, kept in the ledger) is drawn on
  History without loading anything (no image, no link).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.once import app_test

from optimizer.auth import Role

ROOT = Path(__file__).resolve().parent.parent


def test_an_unverified_email_is_not_someone_elses_identity():
    from studio.auth import RolePolicy, principal_from_claims  # imports Streamlit: on use (support/once.py)

    claims = {"sub": "mallory-7f3a", "email": "ana@example.com", "email_verified": False, "name": "Mallory"}
    who = principal_from_claims(claims, RolePolicy(admins=frozenset({"ana@example.com"})))
    assert who.role is Role.ANALYST  # the role check already distrusts it
    # ... but the ledger filter (studio.auth.run_filter -> {"user": who.user}) uses it:
    assert who.user != "ana@example.com"


def test_history_draws_a_runs_error_without_loading_anything(data_dir, monkeypatch):
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a test dependency")

    from optimizer.ledger import Ledger, RunRecord

    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPTIMIZER_PROVIDER", "REDIS_URL", "OPTIMIZER_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    # What OpenAIProvider keeps for a 400 from an endpoint: "<where> refused the request
    # (400): <the endpoint's own message>".
    error = "http://127.0.0.1:9/v1 refused the request (400): see ![status](http://127.0.0.1:9/pixel.png)"
    ledger = Ledger()
    ledger.record(
        RunRecord(
            "market", "openai", "m", "none", "market-t2", "medium", 9, 9, 9, 0.0,
            user="mallory@example.com", error=error, end_state="failed",
        )
    )  # fmt: skip
    ledger.close()
    at = app_test(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("app_pages/history.py").run()
    at.session_state["history_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception, at.exception
    shown = [c.value for c in at.caption if "refused the request" in c.value]
    assert shown, "the run's error is shown"
    parser = markdown_it.MarkdownIt("commonmark", {"html": True})
    images = [
        child
        for text in shown
        for token in parser.parse(text)
        for child in token.children or []
        if child.type in ("image", "link_open", "html_inline")
    ]
    assert images == [], shown
