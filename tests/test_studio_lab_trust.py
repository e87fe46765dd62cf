"""The Compression Lab draws a model's words without loading anything (found by an
adversarial review): its caption names the session answer it compared by the answer's
first words, through ``shown`` (``safe_markdown``), so an image there is not fetched.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.once import app_test

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PIXEL = "![p](http://127.0.0.1:9/pixel.png)"
# An image that markdown would load: "![" not preceded by a backslash escape.
IMAGE = re.compile(r"(?<!\\)!\[[^\]]*\]\(http")


@pytest.fixture
def env(data_dir, monkeypatch):
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPTIMIZER_PROVIDER", "REDIS_URL"):
        monkeypatch.delenv(var, raising=False)
    return data_dir


def test_the_lab_caption_of_a_session_answer_loads_nothing(env):
    at = app_test(APP, default_timeout=60)
    at.switch_page("app_pages/compression_lab.py")
    answer = f"{PIXEL} Glycerin 5% humectant, really very mild, basically a toner."
    at.session_state["last_formulation"] = SimpleNamespace(response=SimpleNamespace(text=answer))
    at.run()
    at.radio(key="lab_mode").set_value("An answer from this session").run()
    at.button(key="lab_compare").click().run()
    assert not at.exception, at.exception
    drawn = [c.value for c in at.caption] + [m.value for m in at.markdown]
    assert any("describe" in text for text in drawn)  # the results caption is there
    assert [text for text in drawn if IMAGE.search(text)] == []
