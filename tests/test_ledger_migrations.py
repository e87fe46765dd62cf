"""Versioned migrations: a ledger written by the schema before migrations existed opens
with its rows intact; a newer schema refuses in one sentence; two processes that start
together migrate once."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from optimizer.errors import OptimizerError
from optimizer.ledger import SCHEMA_VERSION, Ledger, LedgerVersionError
from optimizer.ledger.migrations import latest_version, migrations

# The exact SQL the release before migrations ran (columns derived from that release's
# RunRecord), frozen here: the upgrade must keep every row it wrote.
SCHEMA_1_SQL = (
    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, generator TEXT, provider TEXT, "
    "model TEXT, cached TEXT, template_id TEXT, level TEXT, naive_prompt_tokens INTEGER, prompt_tokens INTEGER, "
    "completion_tokens INTEGER, cost_usd REAL, saved_cache_tokens INTEGER, saved_cache_usd REAL, "
    "saved_prompt_tokens INTEGER, saved_prompt_usd REAL, saved_context_tokens INTEGER, saved_context_usd REAL, "
    "saved_output_tokens INTEGER, saved_output_usd REAL, ttft_ms REAL, latency_ms REAL, confidence REAL, "
    "complete INTEGER, parsed INTEGER, error TEXT, usage_source TEXT, price_as_of TEXT, user TEXT, ts TEXT)"
)
SCHEMA_1_COLUMNS = [
    *("generator", "provider", "model", "cached", "template_id", "level"),
    *("naive_prompt_tokens", "prompt_tokens", "completion_tokens", "cost_usd"),
    *("saved_cache_tokens", "saved_cache_usd", "saved_prompt_tokens", "saved_prompt_usd"),
    *("saved_context_tokens", "saved_context_usd", "saved_output_tokens", "saved_output_usd"),
    *(
        "ttft_ms",
        "latency_ms",
        "confidence",
        "complete",
        "parsed",
        "error",
        "usage_source",
        "price_as_of",
        "user",
        "ts",
    ),
]


def _old(**row):
    base = dict.fromkeys(SCHEMA_1_COLUMNS, 0)
    base.update(ttft_ms=None, error="", usage_source="provider", price_as_of="2025-08-07", user="", level="medium")
    base.update(row)
    return tuple(base[c] for c in SCHEMA_1_COLUMNS)


OLD_ROWS = [
    # generated on the embedded model (the "109 prompt tokens vs 103 naive, saved 10")
    _old(
        generator="formulation",
        provider="local",
        model="local",
        cached="none",
        template_id="formulation-t1",
        naive_prompt_tokens=103,
        prompt_tokens=109,
        completion_tokens=40,
        saved_prompt_tokens=10,
        ttft_ms=226.5,
        latency_ms=1200.25,
        confidence=0.84,
        complete=1,
        parsed=1,
        user="local",
        ts="2025-08-01T10:00:00+00:00",
    ),
    # a cache hit on OpenAI
    _old(
        generator="costing",
        provider="openai",
        model="gpt-4o-mini",
        cached="exact",
        template_id="costing-t1",
        naive_prompt_tokens=80,
        saved_cache_tokens=300,
        saved_cache_usd=0.00012,
        ttft_ms=3.0,
        latency_ms=3.5,
        confidence=0.7,
        complete=1,
        parsed=1,
        user="ana@x.com",
        ts="2025-08-02T10:00:00+00:00",
    ),
    # stopped by the user
    _old(
        generator="market",
        provider="openai",
        model="gpt-4o-mini",
        cached="none",
        template_id="market-t1",
        level="light",
        naive_prompt_tokens=50,
        prompt_tokens=55,
        completion_tokens=12,
        cost_usd=0.0000155,
        saved_prompt_tokens=-5,
        latency_ms=900.0,
        confidence=0.5,
        error="stopped by the user; the partial answer is kept",
        usage_source="counted",
        user="bo@x.com",
        ts="2025-08-03T10:00:00+00:00",
    ),
    # failed
    _old(
        generator="branding",
        provider="openai",
        model="gpt-4o-mini",
        cached="none",
        template_id="branding-t1",
        naive_prompt_tokens=60,
        saved_prompt_tokens=8,
        latency_ms=50.0,
        confidence=0.6,
        error="cannot reach http://u:***@host/v1",
        usage_source="counted",
        ts="2025-08-04T10:00:00+00:00",
    ),
]


def _schema_1_sqlite(path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(SCHEMA_1_SQL)
    db.execute("CREATE INDEX IF NOT EXISTS runs_ts ON runs(ts)")
    db.execute("PRAGMA user_version=1")
    db.executemany(f"INSERT INTO runs ({', '.join(SCHEMA_1_COLUMNS)}) VALUES ({', '.join('?' * 28)})", OLD_ROWS)
    db.commit()
    db.close()


def _assert_upgraded(ledger: Ledger) -> None:
    rows = sorted(ledger.iter_runs(), key=lambda r: r["id"])
    assert len(rows) == len(OLD_ROWS)
    for row, old in zip(rows, OLD_ROWS, strict=True):
        for column, value in zip(SCHEMA_1_COLUMNS, old, strict=True):
            expected = bool(value) if column in ("complete", "parsed") else value
            assert row[column] == expected, (column, row[column], expected)
    local, hit, stopped, failed = rows
    # What schema-1 rows can tell is filled in; the rest stays honestly empty.
    assert [r["end_state"] for r in rows] == ["complete", "complete", "stopped", "failed"]
    assert local["optimized_prompt_tokens"] == 93 and hit["optimized_prompt_tokens"] is None
    assert local["reference_tokenizer"] == "o200k_base" and local["usage_tokenizer"].startswith("SmolLM2")
    assert stopped["priced_as"] == "gpt-4o-mini" and stopped["savings_note"]
    assert (failed["answer"], failed["text_kept"], failed["source"]) == ("", False, "")
    assert ledger.schema_version == SCHEMA_VERSION == latest_version()
    # ...and the upgraded ledger takes new runs with every column.
    new_id = ledger.record(ledger_run())
    assert ledger.get(new_id)["answer"] == "Aqua | 90 | solvent" and ledger.count() == len(OLD_ROWS) + 1


def ledger_run():
    from optimizer.ledger import RunRecord

    return RunRecord(
        "formulation",
        "openai",
        "gpt-4o",
        "none",
        "formulation-t1",
        "medium",
        1,
        1,
        1,
        0.1,
        answer="Aqua | 90 | solvent",
    )


def test_both_backends_have_the_same_numbered_migrations():
    sqlite_steps, postgres_steps = migrations("sqlite"), migrations("postgres")
    assert [m.version for m in sqlite_steps] == [m.version for m in postgres_steps] == [1, 2, 3]
    assert [m.name for m in sqlite_steps] == [m.name for m in postgres_steps]
    assert all(m.statements for m in sqlite_steps) and SCHEMA_VERSION == 3


def test_a_schema_1_sqlite_ledger_upgrades_with_its_rows_intact(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    _schema_1_sqlite(path)
    ledger = Ledger(path)
    assert ledger.backend == "sqlite" and not ledger.notices
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    _assert_upgraded(ledger)
    ledger.close()
    again = Ledger(path)  # opening an up-to-date ledger changes nothing
    assert again.count() == len(OLD_ROWS) + 1
    again.close()


@pytest.mark.postgres
def test_a_schema_1_postgres_ledger_upgrades_with_its_rows_intact(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        for statement in migrations("postgres")[0].statements:
            conn.execute(statement)
        conn.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        conn.execute("INSERT INTO schema_version VALUES (1, 'runs', '2025-08-01T00:00:00+00:00')")
        names = ", ".join(f'"{c}"' for c in SCHEMA_1_COLUMNS)
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO runs ({names}) VALUES ({', '.join(['%s'] * 28)})", OLD_ROWS)
    ledger = Ledger(url=postgres_url)
    assert ledger.backend == "postgres"
    _assert_upgraded(ledger)
    with psycopg.connect(postgres_url) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2, 3]
    ledger.close()


def test_a_newer_sqlite_ledger_refuses_in_one_sentence_and_is_left_alone(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    _schema_1_sqlite(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(LedgerVersionError) as caught:
        Ledger(path)
    message = str(caught.value)
    assert isinstance(caught.value, OptimizerError) and "\n" not in message
    assert "newer release" in message and "schema version 99" in message and str(path) in message
    assert path.read_bytes() == before and not list(tmp_path.glob("*.corrupt-*"))


@pytest.mark.postgres
def test_a_newer_postgres_ledger_refuses_in_one_sentence(postgres_url):
    Ledger(url=postgres_url).close()
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        conn.execute("INSERT INTO schema_version VALUES (7, 'future', '2030-01-01T00:00:00+00:00')")
    with pytest.raises(LedgerVersionError, match="schema version 7; this release reads up to 3"):
        Ledger(url=postgres_url)


def test_the_cli_says_so_in_one_line(stats_cli, data_dir):
    data_dir.mkdir()
    _schema_1_sqlite(data_dir / "ledger.sqlite3")
    sqlite3.connect(data_dir / "ledger.sqlite3").execute("PRAGMA user_version=5").connection.commit()
    code, out, err = stats_cli()
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("error: the ledger at")


def test_ledgers_opened_at_once_migrate_once(ledger_target):
    processes = 4
    barrier = threading.Barrier(processes)
    opened, errors = [], []

    def open_one():
        barrier.wait()
        try:
            opened.append(Ledger(**ledger_target))
        except Exception as exc:  # the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(processes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(opened) == processes
    assert {ledger.schema_version for ledger in opened} == {SCHEMA_VERSION}
    for i, ledger in enumerate(opened):
        ledger.record(ledger_run())
        assert ledger.count() == i + 1
    for ledger in opened:
        ledger.close()
    if "url" in ledger_target:
        import psycopg

        with psycopg.connect(ledger_target["url"]) as conn:
            assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2, 3]


def test_a_new_sqlite_ledger_opened_by_four_at_once_never_degrades(tmp_path):
    """SQLite answers "database is locked" at once, without waiting, to a journal-mode change
    that races another; a Ledger must wait for it rather than keep its runs in memory
    (seen about once in 50 opens before the fix, so the race is run many times)."""
    degraded = []
    for trial in range(80):
        path = tmp_path / f"t{trial}" / "ledger.sqlite3"
        barrier = threading.Barrier(4)
        opened = []

        def open_one(path=path, barrier=barrier, opened=opened):
            barrier.wait()
            opened.append(Ledger(path=path))

        threads = [threading.Thread(target=open_one) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        degraded += [ledger.status() for ledger in opened if ledger.degraded]
        for ledger in opened:
            ledger.close()
    assert degraded == []
