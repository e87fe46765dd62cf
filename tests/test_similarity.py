"""optimizer.compression.similarity: WordLlama's embedding read without its package's
loader must give WordLlama's own vectors and similarities, bit for bit."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from optimizer.compression import similarity as sim

FIXTURES = Path(__file__).resolve().parent.parent / "optimizer" / "data" / "fixtures"


@pytest.fixture(scope="module")
def wordllama():
    """WordLlama's own inference object, through its own loader (downloads forbidden)."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    prose = sorted(p.read_text(encoding="utf-8") for p in (FIXTURES / "prose").rglob("*.txt"))
    lines = [line for text in prose for line in text.splitlines() if line.strip()]
    random.Random(7).shuffle(lines)
    odd = ["a", "Niacinamide 10%", "ÉMOJI 🎉 ünïcode", "cream " * 800, "  spaced   out  ", "日本語のテキスト"]
    # Two batches of 64 short lines, then one of odd texts and whole answers (WordLlama pads a
    # batch to its longest text: the long ones together keep the test quick).
    return lines[:128] + odd + prose[:3]


def test_the_vectors_are_wordllamas(wordllama, texts):
    mine = sim.model()
    # Batches of 64 padded to their longest text, as WordLlama batches them.
    assert np.array_equal(mine.embed(texts), wordllama.embed(texts))
    assert np.array_equal(mine.embed(texts, norm=True), wordllama.embed(texts, norm=True))
    assert mine.embed(texts).shape == (len(texts), 256)
    assert [e.ids for e in mine.tokenize(texts[:5])] == [e.ids for e in wordllama.tokenize(texts[:5])]


def test_the_similarities_are_wordllamas(wordllama, texts):
    rng = random.Random(11)
    pairs = [(rng.choice(texts), rng.choice(texts)) for _ in range(150)]
    pairs += [("matte finish", "dewy finish"), ("a cream", "a cream"), ("", "a cream")]
    mine = sim.model()
    differ = [(a[:30], b[:30]) for a, b in pairs if mine.similarity(a, b) != wordllama.similarity(a, b)]
    assert differ == []
    assert 0.0 < sim.similarity("a light day cream for oily skin", "a light cream for oily skin by day") < 1.0
    assert sim.similarity("same", "same") == 1.0 and sim.similarity("", "text") == 0.0


def test_embed_refuses_what_is_not_text():
    with pytest.raises(TypeError):
        sim.model().embed(("a", "tuple"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sim.model().embed([1, 2])  # type: ignore[list-item]


def test_the_model_is_loaded_once_per_process():
    assert sim.model() is sim.model()
