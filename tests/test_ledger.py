from __future__ import annotations

import csv
import io
import sqlite3

from optimizer.ledger import Ledger, RunRecord


def run(**kw):
    base = dict(
        generator="formulation",
        provider="openai",
        model="gpt-4o",
        cached="none",
        template_id="formulation-t1",
        level="medium",
        naive_prompt_tokens=100,
        prompt_tokens=60,
        completion_tokens=200,
        cost_usd=0.0021,
        saved_prompt_tokens=40,
        saved_prompt_usd=0.0001,
        complete=True,
        parsed=True,
        confidence=0.8,
    )
    return RunRecord(**{**base, **kw})


def test_rows_filters_and_wal(data_dir):
    ledger = Ledger()
    ledger.record(run())
    ledger.record(run(generator="costing", cached="exact", saved_cache_tokens=260, saved_cache_usd=0.0021))
    assert len(ledger.runs()) == 2 and [r["generator"] for r in ledger.runs(cached="exact")] == ["costing"]
    assert ledger.runs(generator="formulation")[0]["ts"]
    mode = sqlite3.connect(ledger.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal" and ledger.path.parent == data_dir


def test_summary_splits_savings_by_source(data_dir):
    ledger = Ledger()
    ledger.record(run())
    ledger.record(
        run(
            cached="exact",
            saved_cache_tokens=260,
            saved_cache_usd=0.0021,
            saved_prompt_tokens=0,
            saved_prompt_usd=0,
            saved_context_tokens=30,
            saved_context_usd=0.0001,
        )
    )
    s = ledger.summary()
    assert s["runs"] == 2 and s["hit_rate"] == 0.5
    assert s["saved_tokens"] == 40 + 260 + 30
    assert abs(s["saved_usd"] - (0.0001 + 0.0021 + 0.0001)) < 1e-12


def test_template_record_counts_usable_generated_runs(data_dir):
    ledger = Ledger()
    ledger.record(run())
    ledger.record(run(parsed=False))
    ledger.record(run(cached="exact"))  # a hit says nothing new about the template
    record = ledger.template_record("formulation-t1")
    assert (record.runs, record.successes) == (2, 1)


def test_csv_neutralises_formulas(data_dir):
    ledger = Ledger()
    ledger.record(run(error='=HYPERLINK("http://x")'))
    rows = list(csv.DictReader(io.StringIO(ledger.to_csv())))
    assert rows[0]["error"].startswith("'=") and rows[0]["generator"] == "formulation"
