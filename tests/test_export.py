"""CSV export: safe cells, the runs CSV's readable headers and rounded figures, and every
row (10,500 runs give 10,500 CSV rows, streamed, on both backends)."""

from __future__ import annotations

import csv
import io
import math

import pytest

from optimizer.export import RUN_COLUMNS, csv_text, run_headers, runs_csv_text, safe_cell, write_runs_csv
from optimizer.ledger import RunRecord


def test_formula_cells_are_neutralised_and_numbers_are_not():
    for dangerous in ('=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell("plain") == "plain"


def test_csv_has_every_column_and_reads_back():
    text = csv_text([{"a": 1, "b": "=cmd"}, {"a": 2, "c": ["x", "y"]}])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {"a": "1", "b": "'=cmd", "c": ""}
    assert rows[1]["c"] == "x; y"


def test_no_rows_is_an_empty_file():
    assert csv_text([]) == ""


def test_runs_headers_name_the_unit_and_the_tokenizer():
    headers = run_headers("o200k_base")
    assert len(headers) == len(set(headers)) == len(RUN_COLUMNS)
    for expected in (
        "prompt tokens (o200k_base)",
        "naive prompt tokens (o200k_base)",
        "saved by the cache (tokens, o200k_base)",
        "provider prompt tokens (usage)",
        "cost (USD)",
        "first token (ms)",
        "priced as",
    ):
        assert expected in headers
    assert "prompt tokens (see reference tokenizer)" in run_headers(None)


def test_runs_cells_are_rounded_readable_and_safe():
    row = {
        "id": 7,
        "cost_usd": 0.00001234567,
        "saved_prompt_usd": -0.0000123,
        "saved_prompt_tokens": -5,
        "ttft_ms": 226.4567,
        "latency_ms": None,
        "confidence": 0.84123,
        "complete": 1,
        "parsed": False,
        "answer": "=cmd|' /C calc'!A0",
        "error": "-1 failed",
        "saved_cache_usd": float("nan"),  # a pandas gap
        "reference_tokenizer": "o200k_base",
    }
    out = next(csv.DictReader(io.StringIO(runs_csv_text([row]))))
    assert out["cost (USD)"] == "0.000012" and out["saved by prompt optimization (USD)"] == "-0.000012"
    assert out["saved by prompt optimization (tokens, o200k_base)"] == "-5"  # a number, not neutralised
    assert out["first token (ms)"] == "226.5" and out["total time (ms)"] == "" and out["confidence (0-1)"] == "0.841"
    assert (out["complete"], out["parsed as a table"]) == ("yes", "no")
    assert out["answer"].startswith("'=") and out["error"] == "'-1 failed" and out["saved by the cache (USD)"] == ""


def test_mixed_tokenizers_point_to_the_column():
    text = runs_csv_text([{"reference_tokenizer": "o200k_base"}, {"reference_tokenizer": "cl100k_base"}])
    assert "prompt tokens (see reference tokenizer)" in text.splitlines()[0]


def _runs(n: int) -> list[RunRecord]:
    return [
        RunRecord(
            generator=("formulation", "costing", "market")[i % 3],
            provider="local",
            model="local",
            cached="exact" if i % 4 == 0 else "none",
            template_id="t1",
            level="medium",
            naive_prompt_tokens=90,
            prompt_tokens=70,
            completion_tokens=i % 50,
            cost_usd=0.0001 * (i % 7),
            answer=f"answer {i}",
            reference_tokenizer="o200k_base",
            optimized_prompt_tokens=70,
            ts=f"2025-01-{1 + i % 28:02d}T00:00:00+00:00",
        )
        for i in range(n)
    ]


@pytest.mark.slow
def test_an_export_of_10500_runs_has_10500_rows(make_ledger, tmp_path):
    ledger = make_ledger()
    ledger.record_many(_runs(10_500))
    assert ledger.summary()["runs"] == ledger.count() == 10_500
    target = tmp_path / "runs.csv"
    with target.open("w", encoding="utf-8", newline="") as fh:
        written = ledger.to_csv(fh)
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert written == len(rows) == 10_500
    assert len({r["run"] for r in rows}) == 10_500 and rows[-1]["answer"] == "answer 0"
    # Filters stream too, and agree with the summary.
    costing = ledger.to_csv(generator="costing")
    assert costing.count("\n") - 1 == ledger.summary(generator="costing")["runs"] == 3_500
    total = sum(float(r["cost (USD)"]) for r in rows)
    assert math.isclose(total, ledger.summary()["cost_usd"], rel_tol=1e-6)


def test_write_runs_csv_streams_from_an_iterator():
    produced = []

    def rows():
        for i in range(3):
            produced.append(i)
            yield {"id": i}

    out = io.StringIO()
    assert write_runs_csv(rows(), out) == 3 and produced == [0, 1, 2]
    assert out.getvalue().count("\n") == 4
