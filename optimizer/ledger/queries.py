"""The ledger's queries, written once in the SQL both SQLite and PostgreSQL accept.

Placeholders are ``?`` (the PostgreSQL store turns them into ``%s``); booleans are 0/1
integers on both backends, so aggregates use ``CASE`` rather than ``SUM(bool)``;
``"user"`` is quoted (a reserved word in PostgreSQL); text search lower-cases both sides
with SQL's ``LOWER`` and escapes ``%`` and ``_`` so a search is literal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .records import COLUMNS, TEXT_COLUMNS, as_utc_iso

Values = str | Sequence[str] | None
_EQUALITY = ("generator", "model", "cached", "user", "source", "end_state", "provider", "template_id")
_SAVED = ("cache", "prompt", "context", "output")


@dataclass(frozen=True)
class RunFilter:
    """Which runs a query covers. Every field is optional; a sequence means "any of".

    ``since`` is inclusive, ``until`` exclusive (a date means midnight UTC); ``search``
    looks for the text, case-insensitively, in the request and the answer.

    >>> RunFilter(generator=["formulation", "costing"], since="2025-01-01").where()
    ('WHERE "generator" IN (?, ?) AND ts >= ?', ['formulation', 'costing', '2025-01-01T00:00:00+00:00'])
    """

    generator: Values = None
    model: Values = None
    cached: Values = None
    user: Values = None
    source: Values = None
    end_state: Values = None
    provider: Values = None
    template_id: Values = None
    since: str | date | datetime | None = None
    until: str | date | datetime | None = None
    search: str | None = None

    def where(self, *, before_id: int | None = None) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause (or "") and its arguments; ``before_id`` adds ``id < ?``
        for keyset paging."""
        clauses: list[str] = []
        args: list[Any] = []
        for column in _EQUALITY:
            value = getattr(self, column)
            if value is None or value == "" or (not isinstance(value, str) and not list(value)):
                continue
            values = [str(value)] if isinstance(value, str) else [str(v) for v in value]
            if len(values) == 1:
                clauses.append(f'"{column}" = ?')
            else:
                clauses.append(f'"{column}" IN ({", ".join("?" for _ in values)})')
            args.extend(values)
        if self.since:
            clauses.append("ts >= ?")
            args.append(as_utc_iso(self.since))
        if self.until:
            clauses.append("ts < ?")
            args.append(as_utc_iso(self.until))
        if self.search and self.search.strip():
            pattern = "%" + _escape_like(self.search.strip()) + "%"
            clauses.append("(LOWER(query) LIKE LOWER(?) ESCAPE '!' OR LOWER(answer) LIKE LOWER(?) ESCAPE '!')")
            args.extend([pattern, pattern])
        if before_id is not None:
            clauses.append("id < ?")
            args.append(before_id)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def _escape_like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def select_columns(*, text: bool = True) -> str:
    """The run columns to select (``id`` first); without the large text columns when
    ``text`` is False."""
    names = ["id", *(c for c in COLUMNS if text or c not in TEXT_COLUMNS)]
    return ", ".join(f'"{c}"' for c in names)


def runs_sql(
    f: RunFilter, *, limit: int, offset: int = 0, before_id: int | None = None, text: bool = True
) -> tuple[str, list[Any]]:
    """Matching runs, newest first, one page."""
    where, args = f.where(before_id=before_id)
    sql = f"SELECT {select_columns(text=text)} FROM runs {where} ORDER BY id DESC LIMIT ? OFFSET ?"
    return sql, [*args, int(limit), int(offset)]


def count_sql(f: RunFilter) -> tuple[str, list[Any]]:
    """The query that counts the runs matching ``f``, with its arguments."""
    where, args = f.where()
    return f"SELECT COUNT(*) AS n FROM runs {where}", args


def get_sql(run_id: int) -> tuple[str, list[Any]]:
    """The query that reads one run by id, with its arguments."""
    return f"SELECT {select_columns()} FROM runs WHERE id = ?", [int(run_id)]


def distinct_sql(column: str, f: RunFilter) -> tuple[str, list[Any]]:
    """The distinct values of ``column`` among the matching runs, sorted."""
    if column not in COLUMNS:
        raise ValueError(f"unknown ledger column {column!r}")
    where, args = f.where()
    return f'SELECT DISTINCT "{column}" AS value FROM runs {where} ORDER BY "{column}"', args


def summary_sql(f: RunFilter) -> tuple[str, list[Any]]:
    """Totals over the matching runs (one row)."""
    saved = ", ".join(
        f"COALESCE(SUM(saved_{s}_tokens), 0) AS saved_{s}_tokens, COALESCE(SUM(saved_{s}_usd), 0) AS saved_{s}_usd"
        for s in _SAVED
    )
    where, args = f.where()
    sql = (
        "SELECT COUNT(*) AS runs, "
        "COALESCE(SUM(CASE WHEN cached <> 'none' THEN 1 ELSE 0 END), 0) AS cache_hits, "
        "COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS tokens, "
        "COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens, "
        "COALESCE(SUM(completion_tokens), 0) AS completion_tokens, "
        "COALESCE(SUM(naive_prompt_tokens), 0) AS naive_prompt_tokens, "
        "COALESCE(SUM(optimized_prompt_tokens), 0) AS optimized_prompt_tokens, "
        "COALESCE(SUM(cost_usd), 0) AS cost_usd, "
        f"{saved}, "
        "COALESCE(SUM(CASE WHEN complete = 1 THEN 0 ELSE 1 END), 0) AS incomplete, "
        "COALESCE(SUM(CASE WHEN saved_prompt_tokens < 0 THEN 1 ELSE 0 END), 0) AS longer_prompts "
        f"FROM runs {where}"
    )
    return sql, args


def end_states_sql(f: RunFilter) -> tuple[str, list[Any]]:
    """The query that counts the runs matching ``f`` per end state."""
    where, args = f.where()
    return f"SELECT end_state, COUNT(*) AS n FROM runs {where} GROUP BY end_state ORDER BY end_state", args


def template_record_sql(template_id: str) -> tuple[str, list[Any]]:
    """Generated runs of a template and how many were usable (complete and parsed)."""
    sql = (
        "SELECT COUNT(*) AS runs, "
        "COALESCE(SUM(CASE WHEN complete = 1 AND parsed = 1 THEN 1 ELSE 0 END), 0) AS ok "
        "FROM runs WHERE template_id = ? AND cached = 'none'"
    )
    return sql, [template_id]


def template_usage_sql() -> tuple[str, list[Any]]:
    """The query that sums, per template: runs, cache hits, mean confidence and usable answers."""
    sql = (
        "SELECT template_id, COUNT(*) AS runs, "
        "SUM(CASE WHEN cached <> 'none' THEN 1 ELSE 0 END) AS cache_hits, "
        "AVG(confidence) AS avg_confidence, "
        "SUM(CASE WHEN complete = 1 AND parsed = 1 THEN 1 ELSE 0 END) AS usable "
        "FROM runs GROUP BY template_id ORDER BY COUNT(*) DESC, template_id"
    )
    return sql, []
