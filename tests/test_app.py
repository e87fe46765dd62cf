"""AppTest: every page renders, its main controls exist, a generation completes and shows
up in stats and History, the form remembers, a stopped answer stays marked, and the
figures agree (no browser; the real-browser test is test_browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support.once import app_test

from optimizer.bench.compression import json_fixtures, prose_fixtures

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = [
    "home",
    "formulation",
    "market",
    "branding",
    "costing",
    "scientific",
    "history",
    "compression_lab",
    "cache",
    "stats",
]
FORM = {"product_type": "serum", "category": "skincare"}


@pytest.fixture
def env(data_dir, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "16")
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPTIMIZER_PROVIDER", "REDIS_URL"):
        monkeypatch.delenv(var, raising=False)
    return data_dir


def page(name: str, at: AppTest | None = None) -> AppTest:
    """A page with the sidebar app.py would draw (its settings land in session state).

    A new session opens on the page in one run (as a link to it would): app.py draws the
    sidebar and the navigation on every run, so a first run of Home first adds nothing.
    """
    if at is None:
        at = app_test(APP, default_timeout=120)
        if name != "home":
            at.switch_page(f"app_pages/{name}.py")
        at.run()
        assert not at.exception, at.exception
        return at
    if name != "home":
        at.switch_page(f"app_pages/{name}.py").run()
        assert not at.exception, at.exception
    return at


def fill(at: AppTest, generator: str, values: dict[str, str]) -> AppTest:
    for name, value in values.items():
        at.text_input(key=f"{generator}_{name}").set_value(value)
    return at.run()


class Scripted:
    """A provider that writes a fixed JSON answer in small pieces (no model, no network)."""

    name, model, endpoint = "local", "local", "local"
    structured_support = True
    ANSWER = '{"rows": [["Aqua", 80, "solvent"], ["Glycerin", 20, "humectant"]], "notes": "Keep cool."}'

    def describe(self):
        return "scripted"

    def count_tokens(self, text):
        return max(1, len(text) // 4)

    def stream(self, messages, *, max_tokens, temperature, options=None):
        from optimizer.providers import Finish, TextDelta, UsageReport

        for i in range(0, len(self.ANSWER), 8):
            yield TextDelta(self.ANSWER[i : i + 8])
        yield UsageReport(40, 30)
        yield Finish("stop")


def stopped_generation(data_dir):
    """A formulation stopped by the user after a few pieces (a real StreamingResponse)."""
    from optimizer.generate import GenerationRequest, GenerationService
    from optimizer.ledger import Ledger

    service = GenerationService(Scripted(), None, Ledger(data_dir / "stopped.sqlite3"), source="studio")
    generation = service.generate(GenerationRequest("formulation", "", FORM))
    pieces = iter(generation.response)
    text = next(pieces) + next(pieces) + next(pieces)
    generation.response.stop()
    for piece in pieces:
        text += piece
    assert generation.response.stopped and text == generation.response.text
    return generation


# A generator page loads the embedded model as it renders (so the first Generate is quick).
_GENERATOR_PAGES = {"formulation", "market", "branding", "costing", "scientific"}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.model) if n in _GENERATOR_PAGES else n for n in PAGES]
)
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
    at = app_test(APP, default_timeout=60)
    at.session_state["provider_choice"] = "OpenAI"
    at.run()
    assert at.text_input(key="api_key_input").value == ""
    assert at.session_state["provider_settings"].provider == "openai"


def test_openai_without_a_key_keeps_the_form_and_its_text(env):
    at = app_test(APP, default_timeout=60)
    at.session_state["provider_choice"] = "OpenAI"
    at.session_state["formulation_product_type"] = "serum"
    at.run()
    page("formulation", at)
    assert at.text_input(key="formulation_product_type").value == "serum"
    assert any("form is kept" in e.value for e in at.error)
    assert at.button(key="formulation_generate").disabled


@pytest.mark.model
@pytest.mark.parametrize("generator", ["formulation", "market", "branding", "costing", "scientific"])
def test_generator_pages_have_their_form_and_preview(env, generator):
    at = page(generator)
    assert at.button(key=f"{generator}_generate") is not None
    assert not [b for b in at.button if b.key == f"{generator}_stop"]  # Stop only while streaming
    assert any("demo" in i.value for i in at.info)


@pytest.mark.model
def test_figures_agree_between_the_preview_the_result_and_the_csv(env):
    at = fill(page("formulation"), "formulation", FORM)
    preview = next(m for m in at.metric if m.label.startswith("Prompt tokens"))
    assert preview.label == "Prompt tokens (o200k_base)"  # the tokenizer is named
    at.button(key="formulation_generate").click().run()
    assert not at.exception and not at.error
    generation = at.session_state["last_formulation"]
    run = generation.run
    assert int(preview.value) == run.optimized_prompt_tokens
    line = next(c.value for c in at.caption if c.value.startswith("Run "))
    assert f"prompt {run.optimized_prompt_tokens} + answer {run.answer_tokens} tokens (o200k_base)" in line
    assert "priced as gpt-4o" in line  # the embedded model's dollars say what they are
    from optimizer.export import runs_csv_text
    from optimizer.ledger import Ledger

    csv_text = runs_csv_text(Ledger().runs())
    header, first = csv_text.splitlines()[:2]
    row = dict(zip(header.split(","), first.split(","), strict=False))
    assert int(row["prompt tokens (o200k_base)"]) == run.optimized_prompt_tokens


@pytest.mark.model
def test_generation_completes_then_hits_the_cache_and_shows_in_stats(env):
    at = fill(page("formulation"), "formulation", FORM)
    at.button(key="formulation_generate").click().run()
    assert not at.exception and not at.error
    first = at.session_state["last_formulation"]
    assert first.response.complete and first.cached == "none" and first.response.text
    assert first.confidence is not None and first.run.confidence == first.confidence.score
    at.button(key="formulation_generate").click().run()
    second = at.session_state["last_formulation"]
    assert second.cached == "exact" and any("Cache hit (exact)" in s.value for s in at.success)
    assert not at.button(key="formulation_generate").disabled  # ready again once the stream ended
    at.switch_page("app_pages/stats.py").run()
    assert not at.exception
    runs = at.dataframe[0].value
    assert list(runs["cached"]) == ["exact", "none"]


@pytest.mark.model
def test_the_form_is_intact_after_another_page(env):
    at = fill(page("formulation"), "formulation", {**FORM, "region": "EU"})
    at.text_area(key="formulation_query").set_value("gentle, no fragrance").run()
    page("market", at)
    page("formulation", at)
    assert at.text_input(key="formulation_product_type").value == "serum"
    assert at.text_input(key="formulation_region").value == "EU"
    assert at.text_area(key="formulation_query").value == "gentle, no fragrance"


@pytest.mark.model
def test_a_stopped_answer_stays_visible_marked_and_is_not_chained(env):
    at = page("formulation")
    at.session_state["last_formulation"] = stopped_generation(env)
    at.run()
    assert not at.exception
    assert any("Stopped by you" in w.value and "incomplete" in w.value for w in at.warning)
    assert any("Aqua" in c.value for c in at.code)  # the partial answer, made readable
    assert not [b for b in at.button if b.key == "to_costing"]  # no chaining from a partial answer
    assert not any("partial answer is kept. The partial" in w.value for w in at.warning)


@pytest.mark.model
def test_cost_this_formulation_keeps_what_was_typed_in_costing(env):
    at = fill(page("costing"), "costing", {"batch_size": "5000", "currency": "EUR"})
    at = fill(page("formulation", at), "formulation", FORM)
    at.button(key="formulation_generate").click().run()
    at.button(key="to_costing").click().run()
    assert not at.exception
    assert at.text_input(key="costing_formulation").value == "serum"
    assert at.text_input(key="costing_batch_size").value == "5000"
    assert at.text_input(key="costing_currency").value == "EUR"
    assert at.session_state["prefill_costing"]["previous"]


@pytest.mark.model
def test_history_lists_runs_and_says_when_filters_match_nothing(env):
    at = fill(page("formulation"), "formulation", FORM)
    at.button(key="formulation_generate").click().run()
    page("history", at)
    table = at.dataframe(key="history_table").value
    assert list(table["Generator"]) == ["Formulation"] and "skincare · serum" in table["Request"][0]
    at.text_input(key="history_search").set_value("no such words anywhere").run()
    assert any("No runs match these filters" in i.value for i in at.info)


def test_history_shows_an_analyst_only_their_own_runs(env, monkeypatch):
    from optimizer.auth import Principal, Role
    from optimizer.ledger import Ledger, RunRecord

    ledger = Ledger()
    for user in ("ana@example.com", "bo@example.com"):
        ledger.record(RunRecord("market", "local", "local", "none", "market-t2", "medium", 9, 9, 9, 0.0, user=user))
    ledger.close()
    import studio.session

    monkeypatch.setattr(studio.session, "principal", lambda: Principal("ana@example.com", Role.ANALYST))
    at = page("history")
    table = at.dataframe(key="history_table").value
    assert len(table) == 1 and "User" not in table.columns
    assert any("ana@example.com" in c.value for c in at.caption)


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


@pytest.mark.model
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
