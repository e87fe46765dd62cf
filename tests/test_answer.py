"""optimizer.answer: streaming JSON made readable, end notices, confidence once the answer
is known, the figures line (the ledger's figures, one definition)."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from optimizer.answer import (
    AnswerConfidence,
    answer_confidence,
    column_label,
    end_notice,
    figures_line,
    format_cell,
    money,
    prompt_saving_note,
    readable_stream,
    table_rows,
)
from optimizer.ledger import RunRecord
from optimizer.parsing import parse_answer
from optimizer.prompts.optimizer import Confidence
from optimizer.states import EndState

ANSWER = '{"rows": [["Aqua", 78.5, "solvent"], ["Glycerin", 5, "humectant"]], "notes": "Keep below 25 C."}'


def test_every_prefix_of_a_json_answer_reads_as_lines_never_as_json():
    for end in range(1, len(ANSWER) + 1):
        shown = readable_stream("formulation", ANSWER[:end])
        if '"rows": [[' in ANSWER[:end] and end > len('{"rows": [["'):
            assert '"' not in shown and "[" not in shown, (end, shown)
    final = readable_stream("formulation", ANSWER).splitlines()
    assert final == [
        "Ingredient (INCI) · % w/w · Function",
        "Aqua · 78.5 · solvent",
        "Glycerin · 5 · humectant",
        "Notes: Keep below 25 C.",
    ]


def test_the_row_being_written_is_shown_after_the_complete_ones():
    shown = readable_stream("market", '{"rows": [["Urban", 38, 9.5], ["Rural", 12')
    assert shown.splitlines()[1:] == ["Urban · 38 · 9.5", "… Rural · 12"]


def test_text_answers_pass_through():
    assert readable_stream("costing", "Packaging | 0.95") == "Packaging | 0.95"


def test_table_headers_and_rounding():
    parsed = parse_answer("costing", '{"rows": [["Packaging", 0.954], ["Labour", 1]], "total": 1.954}')
    assert table_rows(parsed)[0] == {"Cost item": "Packaging", "Amount per unit": 0.954}
    assert column_label("growth_percent") == "Growth % / year" and column_label("odd_name") == "Odd name"
    assert (format_cell("amount", 0.954), format_cell("share_percent", 38.0), format_cell("amount", 1234.5)) == (
        "0.95",
        "38",
        "1,234.50",
    )


def _response(state, *, error=None, cap=False, tokens=30):
    return NS(end_state=state, error=error, at_token_cap=cap, progress=NS(tokens=tokens))


def test_end_notices_say_one_thing_each_and_mark_partial_answers():
    assert end_notice(_response(EndState.COMPLETE)) is None
    capped = end_notice(_response(EndState.COMPLETE, cap=True), tokens=12)
    assert capped.tone == "info" and not capped.incomplete and "12 answer tokens" in capped.text
    stopped = end_notice(_response(EndState.STOPPED, error="stopped by the user; the partial answer is kept"))
    assert stopped.incomplete and stopped.tone == "warning"
    assert stopped.text.lower().count("partial") + stopped.text.lower().count("incomplete") == 1  # said once
    cut = end_notice(_response(EndState.CUT, error="the answer was cut at the 30 s deadline."))
    assert cut.incomplete and cut.text == "Incomplete: the answer was cut at the 30 s deadline."
    failed = end_notice(_response(EndState.FAILED, error="connection refused"))
    assert failed.tone == "error" and failed.incomplete


BEFORE = Confidence(0.8, {"completeness": 1.0, "fit": 1.0, "record": 0.5, "compression_risk": 0.85})


@pytest.mark.parametrize(
    ("text", "state", "cap", "usable"),
    [
        (ANSWER, "complete", False, 1.0),
        (ANSWER, "complete", True, 0.6),
        ('{"rows": [["Aqua", 78.5, "solvent"], ["Gly', "stopped", False, 0.6),
        ("I cannot help with that.", "complete", False, 0.3),
        ('{"rows": [["Aq', "stopped", False, 0.0),
    ],
)
def test_confidence_is_recomputed_with_parse_success_as_a_factor(text, state, cap, usable):
    confidence = answer_confidence(BEFORE, parsed=parse_answer("formulation", text), end_state=state, at_token_cap=cap)
    assert confidence.usable == usable
    assert confidence.score == pytest.approx(0.8 * usable)
    assert set(confidence.factors) == {*BEFORE.factors, "answer"}
    explained = confidence.explained()
    assert [name for name, *_ in explained] == [*BEFORE.factors, "answer"]
    assert all(means for *_, means in explained)  # every factor explained


def test_an_unusable_answer_never_keeps_the_preview_confidence():
    confidence = answer_confidence(BEFORE, parsed=parse_answer("formulation", "no table here"), end_state="complete")
    assert confidence.score < BEFORE.score / 2
    assert "no table" in confidence.summary


def test_answer_confidence_without_text():
    assert answer_confidence(BEFORE, parsed=None, end_state=EndState.FAILED).score == 0.0
    assert isinstance(answer_confidence(BEFORE, parsed=None, end_state="failed"), AnswerConfidence)


def test_figures_line_has_the_ledger_figures_and_names_the_tokenizer():
    run = RunRecord(
        "market",
        "local",
        "local",
        "none",
        "market-t2",
        "medium",
        80,
        91,
        60,
        0.00123,
        optimized_prompt_tokens=55,
        answer_tokens=57,
        reference_tokenizer="o200k_base",
        usage_tokenizer="SmolLM2-135M (llama.cpp)",
        priced_as="gpt-4o",
        cost_basis="reference estimate",
        ttft_ms=210.4,
        latency_ms=1499.6,
    )
    line = figures_line(run, run_id=7)
    assert line.startswith("Run 7 · generated · prompt 55 + answer 57 tokens (o200k_base)")
    assert "provider usage 91 + 60" in line and "$0.00123 priced as gpt-4o" in line
    assert "first token 210 ms" in line and "total 1,500 ms" in line
    hit = figures_line({**run.as_row(), "cached": "exact", "cost_basis": "", "cost_usd": 0.0})
    assert "cache hit (exact)" in hit and "provider usage" not in hit and "$0 (nothing generated)" in hit


def test_money_and_saving_note():
    assert (money(0.0012345), money(12.3), money(None), money(2e-8)) == ("$0.00123", "$12.30", "$0", "$2.00e-08")
    assert prompt_saving_note(5) == "" and "12 tokens longer" in prompt_saving_note(-12)
