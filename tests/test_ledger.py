"""The ledger's API on both backends (SQLite file, real PostgreSQL): rows, filters,
paging, streaming, summary, users, templates, text caps, and two views of one ledger."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from optimizer.ledger import SCHEMA_VERSION, Ledger, RunRecord

ROOT = Path(__file__).resolve().parent.parent


def run(**kw) -> RunRecord:
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
        user="ana@example.com",
        source="studio",
        reference_tokenizer="o200k_base",
        optimized_prompt_tokens=60,
        answer_tokens=200,
    )
    return RunRecord(**{**base, **kw})


def test_record_get_and_filters(make_ledger):
    ledger = make_ledger()
    first = ledger.record(run(query="gentle serum", answer="Aqua | 90 | solvent", ts="2025-01-10T09:00:00+00:00"))
    ledger.record(
        run(
            generator="costing",
            cached="exact",
            user="bo@example.com",
            source="cli",
            saved_cache_tokens=260,
            ts="2025-02-10T09:00:00+00:00",
        )
    )
    ledger.record(run(model="gpt-4o-mini", answer="100% natural_oils", ts="2025-03-10T09:00:00+00:00"))
    row = ledger.get(first)
    assert row["id"] == first and row["query"] == "gentle serum" and row["complete"] is True
    assert ledger.get(9999) is None
    assert [r["generator"] for r in ledger.runs(cached="exact")] == ["costing"]
    assert [r["user"] for r in ledger.runs(user="bo@example.com")] == ["bo@example.com"]
    assert len(ledger.runs(generator=["formulation", "costing"])) == 3
    assert [r["model"] for r in ledger.runs(model="gpt-4o-mini")] == ["gpt-4o-mini"]
    assert [r["source"] for r in ledger.runs(source="cli")] == ["cli"]
    assert [r["ts"][:7] for r in ledger.runs(since="2025-02-01", until="2025-03-01")] == ["2025-02"]
    assert [r["ts"][:7] for r in ledger.runs(since="2025-02-10T09:00:00+00:00")] == ["2025-03", "2025-02"]
    # Search is case-insensitive over the request and the answer, and literal (% and _ are not wildcards).
    assert [r["id"] for r in ledger.runs(search="AQUA")] == [first]
    assert [r["id"] for r in ledger.runs(search="GENTLE")] == [first]
    assert len(ledger.runs(search="100%")) == 1 and len(ledger.runs(search="1_0")) == 0
    assert len(ledger.runs(search="_oils")) == 1
    assert ledger.count() == 3 and ledger.count(generator="costing") == 1


def test_paging_and_streaming_have_no_silent_cap(make_ledger):
    ledger = make_ledger()
    ids = ledger.record_many([run(ts=f"2025-01-01T00:00:{i:02d}+00:00") for i in range(25)])
    assert len(ids) == 25 and ids == sorted(ids)
    assert [r["id"] for r in ledger.runs(limit=10)] == ids[::-1][:10]
    assert [r["id"] for r in ledger.runs(limit=10, offset=20)] == ids[::-1][20:]
    streamed = [r["id"] for r in ledger.iter_runs(page_size=7)]  # several pages
    assert streamed == ids[::-1]
    assert [r["id"] for r in ledger.iter_runs(page_size=5)] == ids[::-1]  # an exact multiple
    lean = ledger.runs(limit=1, text=False)[0]
    assert "answer" not in lean and "query" not in lean and lean["generator"] == "formulation"


def test_summary_splits_savings_by_source_and_follows_filters(make_ledger):
    ledger = make_ledger()
    ledger.record(run())
    ledger.record(
        run(
            cached="exact",
            prompt_tokens=0,
            completion_tokens=0,
            cost_usd=0.0,
            saved_cache_tokens=260,
            saved_cache_usd=0.0021,
            saved_prompt_tokens=0,
            saved_prompt_usd=0,
            saved_context_tokens=30,
            saved_context_usd=0.0001,
            user="bo@example.com",
        )
    )
    ledger.record(run(complete=False, end_state="stopped", saved_prompt_tokens=-5, saved_prompt_usd=-0.0000125))
    s = ledger.summary()
    assert s["runs"] == 3 and s["cache_hits"] == 1 and abs(s["hit_rate"] - 1 / 3) < 1e-12
    assert s["saved_tokens"] == 40 + 260 + 30 - 5 and s["longer_prompts"] == 1
    assert abs(s["saved_usd"] - (0.0001 + 0.0021 + 0.0001 - 0.0000125)) < 1e-12
    assert s["end_states"] == {"complete": 2, "stopped": 1} and s["incomplete"] == 1
    assert s["reference_tokenizers"] == ["o200k_base"] and isinstance(s["tokens"], int)
    mine = ledger.summary(user="bo@example.com")
    assert mine["runs"] == 1 and mine["saved_cache_tokens"] == 260
    assert ledger.summary(generator="nothing")["runs"] == 0 and ledger.summary(generator="nothing")["hit_rate"] == 0
    assert ledger.users() == ["ana@example.com", "bo@example.com"]


def test_template_record_counts_usable_generated_runs(make_ledger):
    ledger = make_ledger()
    ledger.record(run())
    ledger.record(run(parsed=False))
    ledger.record(run(cached="exact"))  # a hit says nothing new about the template
    ledger.record(run(template_id="costing-t1"))
    record = ledger.template_record("formulation-t1")
    assert (record.runs, record.successes) == (2, 1)
    usage = {u["template_id"]: u for u in ledger.template_usage()}
    assert usage["formulation-t1"]["runs"] == 3 and usage["formulation-t1"]["cache_hits"] == 1
    assert usage["formulation-t1"]["usable"] == 2 and abs(usage["costing-t1"]["avg_confidence"] - 0.8) < 1e-9


def test_text_is_capped_kept_only_when_allowed_and_storable(make_ledger):
    ledger = make_ledger(text_cap=1024)
    long_id = ledger.record(run(answer="é" * 2000, query="q" * 5000))
    row = ledger.get(long_id)
    assert row["answer_cut"] is True and len(row["answer"].encode()) <= 1024 and row["answer"] == "é" * 512
    assert len(row["query"]) == 1024
    big_context = json.dumps({"previous": "x" * 10_000, "region": "EU"})
    context = json.loads(ledger.get(ledger.record(run(context_json=big_context)))["context_json"])
    assert context["region"] == "EU" and context["previous"].endswith("…[cut]")
    private = ledger.get(ledger.record(run(answer="secret formula", query="q", context_json="{}", text_kept=False)))
    assert (private["answer"], private["query"], private["context_json"], private["text_kept"]) == ("", "", "", False)
    odd = ledger.get(ledger.record(run(answer="nul\x00 and lone \ud800 surrogate")))
    assert odd["answer"] == "nul\ufffd and lone \ufffd surrogate"


def test_credentials_never_reach_a_row(make_ledger):
    ledger = make_ledger()
    row = ledger.get(
        ledger.record(
            run(
                endpoint="http://user:sk-live-SECRET-0123456789@host:8080/v1?api-key=KEY123",
                error="cannot reach http://u:hunter22@10.0.0.1/v1 (Bearer sk-abcdefghijklmnop0123)",
            )
        )
    )
    for secret in ("sk-live-SECRET-0123456789", "KEY123", "hunter22", "sk-abcdefghijklmnop0123"):
        assert secret not in json.dumps(row)
    assert row["endpoint"].startswith("http://user:***@host:8080/v1")


def test_two_ledgers_on_one_store_see_each_others_runs(make_ledger):
    one, two = make_ledger(), make_ledger()
    one.record(run(user="ana@example.com"))
    two.record(run(user="bo@example.com"))
    assert one.count() == two.count() == 2 and one.users() == two.users() == ["ana@example.com", "bo@example.com"]


def test_sqlite_is_in_wal_mode_in_the_data_folder(data_dir):
    ledger = Ledger()
    ledger.record(run())
    assert ledger.backend == "sqlite" and ledger.path.parent == data_dir
    assert sqlite3.connect(ledger.path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    ledger.close()


@pytest.mark.postgres
@pytest.mark.server
def test_two_processes_share_the_postgres_ledger(postgres_url, data_dir):
    env = {**os.environ, "OPTIMIZER_DATABASE_URL": postgres_url, "PYTHONPATH": str(ROOT)}
    child = (
        "from optimizer.ledger import open_ledger, RunRecord\n"
        "l = open_ledger()\n"
        "print(l.backend, l.record(RunRecord('market', 'openai', 'gpt-4o', 'none', 'market-t1', 'medium', 9, 9, 9, 0.1,"
        " user='child@example.com')))\n"
        "l.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.stdout.split() == ["postgres", "1"], out.stderr
    parent = Ledger(url=postgres_url)
    assert parent.users() == ["child@example.com"]
    parent.record(run(user="parent@example.com"))
    stats = subprocess.run(
        [sys.executable, "-m", "optimizer", "stats"], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    doc = json.loads(stats.stdout)
    assert doc["ledger"]["backend"] == "postgres" and doc["summary"]["runs"] == 2
    assert doc["users"] == ["child@example.com", "parent@example.com"]
    parent.close()


@pytest.mark.postgres
def test_same_rows_give_the_same_csv_on_both_backends(tmp_path, postgres_url):
    rows = [
        run(ts="2025-01-01T10:00:00+00:00", answer="=cmd|' /C calc'!A0", ttft_ms=123.456, latency_ms=2000.04),
        run(ts="2025-01-02T10:00:00+00:00", cached="semantic", cost_usd=0.0, saved_cache_usd=0.00123456789),
        run(ts="2025-01-03T10:00:00+00:00", confidence=None, optimized_prompt_tokens=None, savings_note="n"),
    ]
    texts, summaries = [], []
    for target in ({"path": tmp_path / "ledger.sqlite3"}, {"url": postgres_url}):
        ledger = Ledger(**target)
        ledger.record_many(rows)
        texts.append(ledger.to_csv())
        summaries.append(ledger.summary())
        ledger.close()
    assert texts[0] == texts[1] and texts[0].count("\n") == 4
    assert summaries[0] == summaries[1]


def test_the_stats_cli_filters_shows_one_run_and_writes_every_row(stats_cli, data_dir, tmp_path):
    ledger = Ledger(data_dir / "ledger.sqlite3")
    ledger.record(run(user="ana@example.com", query="gentle serum", ts="2025-01-10T09:00:00+00:00"))
    ledger.record(run(user="bo@example.com", generator="costing", ts="2025-02-10T09:00:00+00:00"))
    ledger.close()
    doc = json.loads(stats_cli("--user", "bo@example.com")[1])
    assert doc["summary"]["runs"] == 1 and doc["users"] == ["ana@example.com", "bo@example.com"]
    assert doc["ledger"]["backend"] == "sqlite" and doc["ledger"]["schema_version"] == SCHEMA_VERSION
    assert json.loads(stats_cli("--since", "2025-02-01")[1])["summary"]["runs"] == 1
    assert json.loads(stats_cli("--search", "GENTLE")[1])["summary"]["runs"] == 1
    one = json.loads(stats_cli("--run", "1")[1])
    assert one["query"] == "gentle serum" and one["user"] == "ana@example.com"
    code, _, err = stats_cli("--run", "99")
    assert code == 1 and err.startswith("error: no run 99")
    target = tmp_path / "runs.csv"
    code, _, err = stats_cli("--csv", str(target), "--type", "costing")
    assert code == 0 and err.strip() == f"wrote 1 run(s) to {target}" and not list(tmp_path.glob(".runs.csv*"))
    assert target.read_text().startswith("run,time (UTC),user") and target.read_text().count("\n") == 2
    code, _, err = stats_cli("--since", "last tuesday")
    assert code == 1 and "is not a date" in err and err.count("\n") == 1


def test_the_stats_cli_refuses_an_unreachable_ledger_in_one_line(stats_cli, monkeypatch):
    from optimizer.cache.local_redis import free_port

    monkeypatch.setenv("OPTIMIZER_DATABASE_URL", f"postgresql://team:Sup3rS3cretPw@127.0.0.1:{free_port()}/ledger")
    code, out, err = stats_cli()
    assert code == 1 and out == "" and err.count("\n") == 1 and "Sup3rS3cretPw" not in err
    assert err.startswith("error: cannot use the ledger database postgresql://team:***@127.0.0.1")


def test_reopen_is_another_ledger_on_the_same_database_with_its_own_connection(tmp_path):
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    again = ledger.reopen()
    try:
        assert again is not ledger and again.target == ledger.target
        ledger.record(RunRecord("chat", "openai", "m", "none", "chat", "none", 1, 1, 1, 0.0))
        assert again.count() == 1  # it reads what the other one wrote
        read = []
        with ledger._lock:  # the first one busy (its batch writer inserting): the other still reads
            reader = threading.Thread(target=lambda: read.append(again.query("SELECT COUNT(*) AS n FROM runs")))
            reader.start()
            reader.join(10)
        assert read == [[{"n": 1}]]
    finally:
        again.close()
        ledger.close()
