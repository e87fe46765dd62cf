"""AppTest: the pages render and their main controls work (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from optimizer.bench.compression import json_fixtures, prose_fixtures

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(data_dir):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_home_renders_with_the_shared_model_setting(app):
    assert app.title[0].value == "Optimizer Studio"
    assert app.selectbox(key="model").value == "gpt-4o"


def _lab(app):
    app.switch_page("pages/compression_lab.py").run()
    assert not app.exception
    return app


def test_lab_compares_every_level_for_json(app):
    at = _lab(app)
    at.text_area(key="lab_text").set_value(json_fixtures()[0].read_text()).run()
    at.button[0].click().run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert list(table["level"]) == ["lossless", "light", "medium", "aggressive"]
    assert (table["compressed_tokens"] < table["original_tokens"]).all()
    assert any("Round trip exact" in s.value for s in at.success)


def test_lab_counts_with_the_shared_model(data_dir):
    # The page alone, with the setting app.py would have put in session state.
    at = AppTest.from_file(str(Path(APP).parent / "pages" / "compression_lab.py"), default_timeout=60)
    at.session_state["model"] = "gpt-3.5-turbo"
    at.run()
    at.text_area(key="lab_text").set_value(prose_fixtures()[0].read_text()).run()
    at.button[0].click().run()
    assert list(at.dataframe[0].value["level"]) == ["light", "medium", "aggressive"]
    assert "cl100k_base" in json.dumps(at.session_state["lab_results"][0].stats.as_dict())


def test_lab_says_what_is_wrong_with_bad_input(app, monkeypatch):
    at = _lab(app)
    monkeypatch.setenv("OPTIMIZER_MAX_INPUT_MB", "0.001")
    at.text_area(key="lab_text").set_value("word " * 1000).run()
    at.button[0].click().run()
    assert not at.exception
    assert "limit" in at.error[0].value
