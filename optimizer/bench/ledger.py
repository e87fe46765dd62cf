"""``python -m optimizer bench ledger``: what recording one run and exporting every run cost.

In one run, on this machine: p50/p99 of ``Ledger.record`` on SQLite (WAL, one shared
connection) next to the previous release's way (a new SQLite connection per call, one
INSERT into the schema-1 table), and on PostgreSQL (connection pool) when
``OPTIMIZER_DATABASE_URL`` is set; then the rows per second of a streamed CSV export.
"""

from __future__ import annotations

import io
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..ledger import DATABASE_URL_ENV, Ledger, RunRecord
from ..ledger.migrations import migrations
from ..ledger.postgres import display_url
from ..ledger.records import COLUMNS

_ANSWER = "Aqua | 78.5 | solvent\nGlycerin | 5 | humectant\nNiacinamide | 4 | brightening\n" * 12
_SCHEMA_1 = [*COLUMNS[: COLUMNS.index("source")], "ts"]  # the columns before migrations


def sample_run(i: int = 0) -> RunRecord:
    """A typical generated run (a ~1 KB answer, the request's fields)."""
    return RunRecord(
        generator="formulation",
        provider="local",
        model="local",
        cached="none",
        template_id="formulation-t1",
        level="medium",
        naive_prompt_tokens=103,
        prompt_tokens=109,
        completion_tokens=160,
        cost_usd=0.00183,
        saved_prompt_tokens=10,
        saved_prompt_usd=0.000025,
        ttft_ms=182.0,
        latency_ms=1200.0 + i,
        confidence=0.84,
        user="ana@example.com",
        source="bench",
        endpoint="local",
        query="gentle serum for sensitive skin",
        context_json='{"category": "skincare", "product_type": "serum", "region": "EU"}',
        answer=_ANSWER,
        reference_tokenizer="o200k_base",
        optimized_prompt_tokens=93,
        answer_tokens=160,
        priced_as="gpt-4o",
        cost_basis="reference estimate",
    )


def _time(fn: Callable[[int], object], n: int) -> tuple[float, float]:
    samples = []
    for i in range(n):
        start = time.perf_counter_ns()
        fn(i)
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[min(n - 1, int(n * 0.99))]


def _previous_release(folder: Path) -> Callable[[int], object]:
    path = folder / "schema1.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    for statement in migrations("sqlite")[0].statements:
        db.execute(statement)
    db.close()
    row = sample_run().as_row()
    sql = f"INSERT INTO runs ({', '.join(_SCHEMA_1)}) VALUES ({', '.join('?' * len(_SCHEMA_1))})"

    def record(_: int) -> object:
        with sqlite3.connect(path, timeout=10, isolation_level=None) as conn:  # what record() did per call
            return conn.execute(sql, [row[c] for c in _SCHEMA_1]).lastrowid

    return record


def report(calls: int = 1000) -> tuple[str, bool]:
    """The table as text, and whether every backend recorded every run."""
    calls = max(10, calls)
    rows: list[tuple[str, str, str, str]] = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="optimizer-bench-ledger-") as tmp:
        folder = Path(tmp)
        p50, p99 = _time(_previous_release(folder), calls)
        rows.append(("record, previous release (connect per call, schema 1)", f"{p50:.0f}", f"{p99:.0f}", "-"))
        targets = [("SQLite (WAL, one connection)", {"path": folder / "ledger.sqlite3"})]
        url = os.environ.get(DATABASE_URL_ENV)
        if url:
            targets.append((f"PostgreSQL (pool) at {display_url(url)}", {"url": url}))
        for label, target in targets:
            ledger = Ledger(**target)
            if ledger.backend == "memory":
                rows.append((f"record, {label}", "unavailable", "-", ledger.notice or ""))
                ok = False
                continue
            before = ledger.count()
            p50, p99 = _time(lambda i, ledger=ledger: ledger.record(sample_run(i)), calls)
            recorded = ledger.count() - before
            ok = ok and recorded == calls
            start = time.perf_counter()
            exported = ledger.to_csv(io.StringIO())
            rate = exported / (time.perf_counter() - start)
            rows.append((f"record, {label}", f"{p50:.0f}", f"{p99:.0f}", f"{rate:,.0f} rows/s ({exported:,} rows)"))
            ledger.close()
    head = f"# Ledger benchmark — {calls} record() calls per row, one ~1 KB answer each (µs)"
    headers = ("what", "p50 µs", "p99 µs", "CSV export")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i in (0, 3) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    table = [head, line(headers), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)]
    return "\n".join(table), ok
