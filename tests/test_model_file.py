"""The embedded model's file and its Q8_0 copy (optimizer/providers/model_file.py)."""

from __future__ import annotations

import logging
import sys

import numpy as np
import pytest

from optimizer.providers import model_file


@pytest.fixture
def prefix(tmp_path, monkeypatch):
    """A fresh environment prefix: the copy is made under it, and removed with it."""
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    monkeypatch.delenv(model_file.COPY_ENV, raising=False)
    return tmp_path / "env"


def _installed():
    try:
        return model_file.model_path()
    except Exception as exc:  # the package is missing: nothing to copy
        pytest.skip(f"embedded model unavailable: {exc}")


def _bits(path, text: str) -> np.ndarray:
    """Self-information of each token of ``text`` under the model in ``path``."""
    from llama_cpp import Llama

    from optimizer.compression.scoring import _score_window

    llm = Llama(model_path=str(path), n_ctx=512, n_threads=2, verbose=False)
    try:
        tokens = llm.tokenize(text.encode(), add_bos=False, special=False)
        return _score_window(llm, tokens, llm.token_bos())
    finally:
        llm.close()


@pytest.mark.model
def test_the_copy_is_made_once_and_ranks_tokens_as_the_shipped_file(prefix):
    shipped = _installed()
    made = model_file.runtime_model_path()
    assert made == model_file.copy_path(shipped)
    assert made.parent == prefix / "share" / "optimizer-studio" and made.name.endswith(".Q8_0.gguf")
    assert model_file.copy_problem() is None
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no temporary file left
    stamp = made.stat().st_mtime_ns
    assert model_file.runtime_model_path() == made and made.stat().st_mtime_ns == stamp  # not made again
    text = (
        "The serum pairs 10% niacinamide with 1% zinc PCA. It is not suitable for children under 3, "
        "and the stability test at 40 C ran for twelve weeks before the pilot batch was approved."
    )
    ours, theirs = _bits(made, text), _bits(shipped, text)
    assert ours.shape == theirs.shape
    ranks = [np.argsort(np.argsort(b)) for b in (ours, theirs)]
    assert np.corrcoef(*ranks)[0, 1] > 0.97  # the same model: the same words look predictable
    assert abs(float(ours.mean() - theirs.mean())) < 0.3


def test_an_environment_that_cannot_hold_the_copy_runs_the_shipped_file(prefix):
    shipped = _installed()
    prefix.parent.mkdir(parents=True, exist_ok=True)
    prefix.write_text("a file where the folder would go")
    # the logger's own records, not stderr: where a warning is printed depends on the handlers
    # other tests in the same worker set up (it failed 3 runs in 4 of the fast part so), and
    # the fast part runs without pytest's logging plugin (no caplog)
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    model_file._log.addHandler(handler)
    try:
        assert model_file.runtime_model_path() == shipped
    finally:
        model_file._log.removeHandler(handler)
    assert "no Q8_0 copy of the model could be made" in model_file.copy_problem()
    assert any("running the shipped file" in r.getMessage() for r in records)  # said, not silent


def test_a_failed_quantizer_leaves_no_partial_file(prefix, monkeypatch):
    shipped = _installed()
    llama_cpp = pytest.importorskip("llama_cpp")

    def failing(source, target, params):
        with open(target, "wb") as out:  # llama.cpp had started writing
            out.write(b"GGUF")
        return 1

    monkeypatch.setattr(llama_cpp, "llama_model_quantize", failing)
    assert model_file.runtime_model_path() == shipped
    assert "quantizer returned 1" in model_file.copy_problem()
    assert list((prefix / "share" / "optimizer-studio").iterdir()) == []


def test_the_copy_can_be_turned_off(prefix, monkeypatch):
    shipped = _installed()
    monkeypatch.setenv(model_file.COPY_ENV, "0")
    assert model_file.runtime_model_path() == shipped
    assert model_file.copy_problem() == f"{model_file.COPY_ENV}=0"
    assert not (prefix / "share").exists()
