"""AppTest: every page renders, its main controls exist, and a generation completes and
shows up in stats (no browser; the real-browser test is test_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from optimizer.bench.compression import json_fixtures, prose_fixtures

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ["home", "formulation", "market", "branding", "costing", "scientific", "compression_lab", "cache", "stats"]


@pytest.fixture
def env(data_dir, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "16")
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPTIMIZER_PROVIDER", "REDIS_URL"):
        monkeypatch.delenv(var, raising=False)
    return data_dir


def page(name: str) -> AppTest:
    """A page with the sidebar app.py would draw (its settings land in session state)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    if name != "home":
        at.switch_page(f"app_pages/{name}.py").run()
        assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_exception(env, name):
    at = page(name)
    assert at.title, f"{name} has no title"


def test_sidebar_controls(env):
    at = page("home")
    for key in ("provider_choice", "level", "strategy"):
        assert at.selectbox(key=key) is not None
    assert at.radio(key="cache_backend").value == "disk"
    assert any("Health" in c.value for c in at.sidebar.caption)


def test_choosing_openai_asks_for_a_key_kept_in_session_only(env):
    # AppTest (1.67) drops sidebar elements from its tree on reruns under st.navigation,
    # so the choice is made before the first run; the browser test clicks the real one.
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["provider_choice"] = "OpenAI"
    at.run()
    assert at.text_input(key="api_key_input").value == ""
    assert at.session_state["provider_settings"].provider == "openai"


@pytest.mark.parametrize("generator", ["formulation", "market", "branding", "costing", "scientific"])
def test_generator_pages_have_their_form_and_preview(env, generator):
    at = page(generator)
    assert at.button(key=f"{generator}_generate") is not None and at.button(key=f"{generator}_stop") is not None
    assert any("demo" in i.value for i in at.info)


def test_generation_completes_then_hits_the_cache_and_shows_in_stats(env):
    at = page("formulation")
    at.text_input(key="formulation_product_type").set_value("serum")
    at.text_input(key="formulation_category").set_value("skincare").run()
    assert any(m.label == "Prompt tokens" for m in at.metric)
    at.button(key="formulation_generate").click().run()
    assert not at.exception and not at.error
    first = at.session_state["last_formulation"]
    assert first.response.complete and first.cached == "none" and first.response.text
    at.button(key="formulation_generate").click().run()
    second = at.session_state["last_formulation"]
    assert second.cached == "exact" and any("Cache hit (exact)" in s.value for s in at.success)
    at.switch_page("app_pages/stats.py").run()
    assert not at.exception
    runs = at.dataframe[0].value
    assert list(runs["cached"]) == ["exact", "none"]


def test_cost_this_formulation_carries_the_answer_to_costing(env):
    at = page("formulation")
    at.text_input(key="formulation_product_type").set_value("serum")
    at.text_input(key="formulation_category").set_value("skincare").run()
    at.button(key="formulation_generate").click().run()
    at.button(key="to_costing").click().run()
    assert not at.exception
    prefill = at.session_state["prefill_costing"]
    assert prefill["formulation"] == "serum" and prefill["previous"]


def test_lab_compares_every_level_for_json(env):
    at = page("compression_lab")
    at.text_area(key="lab_text").set_value(json_fixtures()[0].read_text()).run()
    at.button[0].click().run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert list(table["level"]) == ["lossless", "light", "medium", "aggressive"]
    assert (table["compressed_tokens"] < table["original_tokens"]).all()
    assert any("Round trip exact" in s.value for s in at.success)


def test_lab_prose_and_bad_input(env, monkeypatch):
    at = page("compression_lab")
    at.text_area(key="lab_text").set_value(prose_fixtures()[0].read_text()).run()
    at.button[0].click().run()
    assert list(at.dataframe[0].value["level"]) == ["light", "medium", "aggressive"]
    monkeypatch.setenv("OPTIMIZER_MAX_INPUT_MB", "0.001")
    at.text_area(key="lab_text").set_value("word " * 1000).run()
    at.button[0].click().run()
    assert not at.exception and "limit" in at.error[0].value


def test_cache_page_lists_keys_and_invalidates(env):
    at = page("formulation")
    at.text_input(key="formulation_product_type").set_value("serum")
    at.text_input(key="formulation_category").set_value("skincare").run()
    at.button(key="formulation_generate").click().run()
    at.switch_page("app_pages/cache.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 1
    assert any("same request" in c.value for c in at.caption)  # what the guard serves, in one paragraph
    at.text_input(key="cache_pattern").set_value("formulation:*").run()
    next(b for b in at.button if b.label.startswith("Invalidate")).click().run()
    assert not at.exception


def test_stats_page_without_runs_says_so(env):
    at = page("stats")
    assert any("No runs yet" in i.value for i in at.info)


def test_lab_json_at_prose_levels_measures_identical_data_as_identical(env):
    at = page("compression_lab")
    at.text_area(key="lab_text").set_value('{"name": "Rose Water", "pct": 2.5, "role": "toner base"}').run()
    at.button(key="lab_compare").click().run()
    table = at.dataframe[0].value
    assert list(table["similarity"]) == [1.0, 1.0, 1.0, 1.0]  # the same data, not 0.437


def test_lab_says_which_input_and_clears_results_when_it_changes(env):
    at = page("compression_lab")
    at.text_area(key="lab_text").set_value("The pH should be 5.5 at 25 °C. It is really very mild.").run()
    at.button(key="lab_compare").click().run()
    assert any("the pasted text" in c.value for c in at.caption)
    assert any("pH should" in c.value for c in at.code)  # units and symbols keep their case
    at.text_area(key="lab_text").set_value("Another text entirely, about 30 mL bottles.").run()
    assert not at.dataframe and any("input changed" in i.value for i in at.info)


def test_lab_offers_the_model_guided_level(env):
    at = page("compression_lab")
    assert any("max (model-guided)" in t.label for t in at.toggle)
