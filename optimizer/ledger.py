"""The run ledger: one row per generation in SQLite (WAL), in the app's data directory.

Every figure on the Stats page and in ``python -m optimizer stats`` comes from here. No
API key or base-URL credential is ever written: the row has no column for one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .config import data_dir
from .export import csv_text
from .prompts.optimizer import TemplateRecord

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class RunRecord:
    generator: str
    provider: str
    model: str
    cached: str  # exact, semantic, stale, none
    template_id: str
    level: str
    naive_prompt_tokens: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    saved_cache_tokens: int = 0  # a hit avoided the whole original call
    saved_cache_usd: float = 0.0
    saved_prompt_tokens: int = 0  # naive prompt minus the optimized one
    saved_prompt_usd: float = 0.0
    saved_context_tokens: int = 0  # a chained input, raw minus compressed
    saved_context_usd: float = 0.0
    saved_output_tokens: int = 0  # only where measured (bench replay); 0 otherwise
    saved_output_usd: float = 0.0
    ttft_ms: float | None = None
    latency_ms: float | None = None
    confidence: float | None = None
    complete: bool = True
    parsed: bool = False
    error: str = ""
    usage_source: str = "provider"
    price_as_of: str = ""
    user: str = ""  # who ran it: an email (sign-in), a key name (gateway) or "local"
    ts: str = ""

    @property
    def saved_usd(self) -> float:
        return self.saved_cache_usd + self.saved_prompt_usd + self.saved_context_usd + self.saved_output_usd


_COLUMNS = [f.name for f in fields(RunRecord)]
_TYPES = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER", "str": "TEXT"}


def _sql_type(annotation: str) -> str:
    return _TYPES.get(annotation.split("|")[0].strip(), "TEXT")


class Ledger:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else data_dir() / "ledger.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            columns = ", ".join(f"{f.name} {_sql_type(str(f.type))}" for f in fields(RunRecord))
            db.execute(f"CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, {columns})")
            db.execute("CREATE INDEX IF NOT EXISTS runs_ts ON runs(ts)")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.row_factory = sqlite3.Row
        return db

    def record(self, run: RunRecord) -> int:
        row = asdict(run)
        row["ts"] = row["ts"] or datetime.now(UTC).isoformat(timespec="seconds")
        placeholders = ", ".join("?" for _ in _COLUMNS)
        with self._lock, self._connect() as db:
            cur = db.execute(
                f"INSERT INTO runs ({', '.join(_COLUMNS)}) VALUES ({placeholders})", [row[c] for c in _COLUMNS]
            )
            return int(cur.lastrowid)

    def runs(
        self,
        generator: str | None = None,
        model: str | None = None,
        cached: str | None = None,
        since: str | None = None,
        limit: int = 10_000,
    ) -> list[dict[str, Any]]:
        where, args = [], []
        for column, value in (("generator", generator), ("model", model), ("cached", cached)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        if since:
            where.append("ts >= ?")
            args.append(since)
        sql = "SELECT * FROM runs" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT ?"
        with self._connect() as db:
            return [dict(r) for r in db.execute(sql, [*args, limit])]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.runs())

    def template_record(self, template_id: str) -> TemplateRecord:
        with self._connect() as db:
            runs, ok = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(complete AND parsed), 0) FROM runs WHERE template_id = ? AND cached = 'none'",
                [template_id],
            ).fetchone()
        return TemplateRecord(int(runs), int(ok))

    def template_usage(self) -> list[dict[str, Any]]:
        with self._connect() as db:
            return [
                dict(r)
                for r in db.execute(
                    "SELECT template_id, COUNT(*) AS runs, SUM(cached != 'none') AS cache_hits, "
                    "AVG(confidence) AS avg_confidence, SUM(complete AND parsed) AS usable "
                    "FROM runs GROUP BY template_id ORDER BY runs DESC"
                )
            ]

    def summary(self) -> dict[str, Any]:
        with self._connect() as db:
            row = db.execute(
                "SELECT COUNT(*) AS runs, COALESCE(SUM(cached != 'none'), 0) AS cache_hits, "
                "COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS tokens, COALESCE(SUM(cost_usd), 0) AS cost_usd, "
                "COALESCE(SUM(saved_cache_tokens), 0) AS saved_cache_tokens, COALESCE(SUM(saved_cache_usd), 0) AS saved_cache_usd, "
                "COALESCE(SUM(saved_prompt_tokens), 0) AS saved_prompt_tokens, COALESCE(SUM(saved_prompt_usd), 0) AS saved_prompt_usd, "
                "COALESCE(SUM(saved_context_tokens), 0) AS saved_context_tokens, COALESCE(SUM(saved_context_usd), 0) AS saved_context_usd, "
                "COALESCE(SUM(saved_output_tokens), 0) AS saved_output_tokens, COALESCE(SUM(saved_output_usd), 0) AS saved_output_usd, "
                "COALESCE(SUM(NOT complete), 0) AS incomplete FROM runs"
            ).fetchone()
        out = dict(row)
        out["hit_rate"] = out["cache_hits"] / out["runs"] if out["runs"] else 0.0
        out["saved_usd"] = sum(out[f"saved_{s}_usd"] for s in ("cache", "prompt", "context", "output"))
        out["saved_tokens"] = sum(out[f"saved_{s}_tokens"] for s in ("cache", "prompt", "context", "output"))
        return out

    def to_csv(self, **filters: Any) -> str:
        return csv_text(self.runs(**filters))
