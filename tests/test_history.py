"""optimizer.history: who sees which runs, re-run inputs, local times, the comparison,
and one run as Markdown and JSON (from real ledger rows)."""

from __future__ import annotations

import json

import pytest

from optimizer.auth import LOCAL_USER, Principal, Role
from optimizer.history import (
    comparison,
    download_name,
    listing_row,
    local_time,
    may_open,
    request_summary,
    rerun_inputs,
    run_json,
    run_markdown,
    visible_filters,
)
from optimizer.ledger import Ledger, RunRecord

ANA = Principal("ana@example.com", Role.ANALYST)
ANSWER = '{"rows": [["Aqua", 78.5, "solvent"], ["Glycerin | 5", 5, "hum`ectant"]], "notes": "Keep cool."}'


@pytest.fixture
def rows(tmp_path):
    ledger = Ledger(tmp_path / "ledger.sqlite3")

    def record(**kw):
        base = dict(
            generator="formulation",
            provider="local",
            model="local",
            cached="none",
            template_id="formulation-t2",
            level="medium",
            naive_prompt_tokens=70,
            prompt_tokens=91,
            completion_tokens=40,
            cost_usd=0.0006,
            optimized_prompt_tokens=86,
            answer_tokens=42,
            reference_tokenizer="o200k_base",
            priced_as="gpt-4o",
            cost_basis="reference estimate",
            confidence=0.79,
            query="gentle, no fragrance",
            context_json=json.dumps({"product_type": "serum", "category": "skincare", "previous": "[1]"}),
            answer=ANSWER,
            user="ana@example.com",
            ts="2025-06-01T12:00:00+00:00",
        )
        base.update(kw)
        return ledger.get(ledger.record(RunRecord(**base)))

    first = record()
    second = record(cached="exact", user="bo@example.com", confidence=0.5, cost_usd=0.0, cost_basis="")
    yield first, second
    ledger.close()


def test_analysts_see_their_own_runs_admins_everyone(rows):
    mine, theirs = rows
    assert visible_filters(ANA) == {"user": "ana@example.com"} and visible_filters(LOCAL_USER) == {}
    assert may_open(ANA, mine) and not may_open(ANA, theirs)
    assert may_open(Principal("root@example.com", Role.ADMIN), theirs)


def test_rerun_inputs_are_the_fields_the_request_and_the_chained_input(rows):
    inputs = rerun_inputs(rows[0])
    assert inputs.generator == "formulation" and inputs.query == "gentle, no fragrance"
    assert dict(inputs.fields) == {"product_type": "serum", "category": "skincare"}
    assert inputs.previous == "[1]"
    assert rerun_inputs({"generator": "costing", "context_json": "not json"}).fields == {}


def test_times_are_shown_in_the_readers_zone_and_labelled():
    assert local_time("2025-06-01T12:00:00+00:00", "America/New_York") == "2025-06-01 08:00 EDT"
    assert local_time("2025-06-01T12:00:00+00:00", "Not/AZone") == "2025-06-01 12:00 UTC"
    assert local_time("") == ""


def test_listing_rows_summarise_the_request(rows):
    row = listing_row(rows[0], zone="Europe/Paris")
    assert row["When"] == "2025-06-01 14:00 CEST" and row["Request"] == "serum · skincare · gentle, no fragrance"
    assert row["Prompt tokens"] == 86 and row["Generator"] == "Formulation"
    assert request_summary({"query": "x" * 200}, width=20).endswith("…")
    assert request_summary({"text_kept": False}) == "(text not kept)"


def test_comparison_lines_up_every_figure(rows):
    table = comparison(*rows)
    by = {r["figure"]: r for r in table}
    first, second = (f"run {rows[0]['id']}", f"run {rows[1]['id']}")
    assert by["Cache outcome"][first] == "none" and by["Cache outcome"][second] == "exact"
    assert by["Cache outcome"]["same"] == "no" and by["Prompt tokens"]["same"] == "yes"
    assert by["Cost"][first] == "$0.0006 (priced as gpt-4o)" and by["Confidence"][second] == "0.50"
    assert {"Prompt tokens", "Answer tokens", "Cost", "Cache outcome", "Confidence"} <= set(by)
    assert list(comparison(rows[0], rows[0])[0]) == ["figure", first, f"{first} (again)", "same"]


def test_markdown_has_request_table_answer_and_figures_safely(rows):
    text = run_markdown(rows[0], zone="UTC")
    assert text.startswith(f"# Formulation · run {rows[0]['id']}\n")
    assert "| Product type | serum |" in text and "Request: gentle, no fragrance" in text
    # A pipe in a cell cannot break the table; a backtick cannot open code (safe_markdown).
    assert "| Glycerin \\| 5 | 5 | hum\\`ectant |" in text
    assert "- Notes: Keep cool." in text and "| Prompt tokens | 86 |" in text
    assert f"```\n{ANSWER}\n```" in text


def test_json_has_every_column_fields_and_parsed_rows(rows):
    doc = json.loads(run_json(rows[0]))
    assert doc["id"] == rows[0]["id"] and doc["optimized_prompt_tokens"] == 86
    assert doc["request_fields"]["product_type"] == "serum" and "context_json" not in doc
    assert doc["parsed_rows"][0] == {"ingredient": "Aqua", "percent": 78.5, "function": "solvent"}
    assert download_name(rows[0], "json") == f"formulation-run-{rows[0]['id']}.json"
