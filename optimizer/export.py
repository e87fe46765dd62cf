"""CSV export that is safe to open in a spreadsheet, and the runs CSV with readable headers.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel and LibreOffice (CSV injection); such cells get a leading apostrophe.
Numbers stay numbers: only text is neutralised, and the runs CSV writes its figures
itself (dollars to 6 places, milliseconds to 1), so a negative saving stays a number.

The runs CSV streams: :func:`write_runs_csv` writes rows as it reads them, with no cap.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will read it safely: formula-like text gets a leading
    apostrophe, lists are joined with ``; ``, numbers pass unchanged.

    >>> safe_cell("=1+1"), safe_cell(-3)
    ("'=1+1", -3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, (list, tuple)):
        return safe_cell("; ".join(str(v) for v in value))
    return value


def csv_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows (dictionaries) as CSV text, every key a column, cells made safe; "" for no rows."""
    rows = list(rows)
    if not rows:
        return ""
    columns = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k, "")) for k in columns})
    return out.getvalue()


# -- the runs CSV ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RunColumn:
    """One column of the runs CSV: the ledger column, its header (``{tokenizer}`` is
    replaced by the reference tokenizer's name) and how its cells are written."""

    name: str
    header: str
    kind: str = "text"  # text, int, usd, ms, ratio, bool


RUN_COLUMNS: tuple[RunColumn, ...] = (
    RunColumn("id", "run", "int"),
    RunColumn("ts", "time (UTC)"),
    RunColumn("user", "user"),
    RunColumn("source", "source"),
    RunColumn("generator", "generator"),
    RunColumn("provider", "provider"),
    RunColumn("model", "model"),
    RunColumn("endpoint", "endpoint"),
    RunColumn("cached", "cache outcome"),
    RunColumn("end_state", "end state"),
    RunColumn("complete", "complete", "bool"),
    RunColumn("parsed", "parsed as a table", "bool"),
    RunColumn("error", "error"),
    RunColumn("template_id", "template"),
    RunColumn("level", "compression level"),
    RunColumn("confidence", "confidence (0-1)", "ratio"),
    RunColumn("reference_tokenizer", "reference tokenizer"),
    RunColumn("naive_prompt_tokens", "naive prompt tokens ({tokenizer})", "int"),
    RunColumn("optimized_prompt_tokens", "prompt tokens ({tokenizer})", "int"),
    RunColumn("answer_tokens", "answer tokens ({tokenizer})", "int"),
    RunColumn("saved_prompt_tokens", "saved by prompt optimization (tokens, {tokenizer})", "int"),
    RunColumn("saved_context_tokens", "saved by context compression (tokens, {tokenizer})", "int"),
    RunColumn("saved_cache_tokens", "saved by the cache (tokens, {tokenizer})", "int"),
    RunColumn("saved_output_tokens", "saved by output steering (tokens, {tokenizer})", "int"),
    RunColumn("savings_note", "savings note"),
    RunColumn("prompt_tokens", "provider prompt tokens (usage)", "int"),
    RunColumn("completion_tokens", "provider completion tokens (usage)", "int"),
    RunColumn("usage_tokenizer", "provider tokens counted by"),
    RunColumn("usage_source", "provider usage source"),
    RunColumn("priced_as", "priced as"),
    RunColumn("cost_basis", "cost basis"),
    RunColumn("price_as_of", "prices as of"),
    RunColumn("cost_usd", "cost (USD)", "usd"),
    RunColumn("saved_prompt_usd", "saved by prompt optimization (USD)", "usd"),
    RunColumn("saved_context_usd", "saved by context compression (USD)", "usd"),
    RunColumn("saved_cache_usd", "saved by the cache (USD)", "usd"),
    RunColumn("saved_output_usd", "saved by output steering (USD)", "usd"),
    RunColumn("ttft_ms", "first token (ms)", "ms"),
    RunColumn("latency_ms", "total time (ms)", "ms"),
    RunColumn("text_kept", "text kept", "bool"),
    RunColumn("query", "request"),
    RunColumn("context_json", "request fields (JSON)"),
    RunColumn("answer", "answer"),
    RunColumn("answer_cut", "answer cut at the size cap", "bool"),
)


def run_headers(tokenizer: str | None = None) -> list[str]:
    """The runs CSV's header row. ``tokenizer`` names the reference tokenizer when every
    exported row shares one (e.g. ``o200k_base``); otherwise the headers point to the
    "reference tokenizer" column.

    >>> run_headers("o200k_base")[18]
    'prompt tokens (o200k_base)'
    """
    name = tokenizer or "see reference tokenizer"
    return [c.header.format(tokenizer=name) for c in RUN_COLUMNS]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return safe_cell(value if isinstance(value, str) else str(value))


def _number(fmt: str) -> Any:
    def cell(value: Any) -> str:
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            return ""
        text = fmt.format(float(value)) if fmt != "{:d}" else str(int(value))
        return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # no "-0.000000"

    return cell


def _yes_no(value: Any) -> str:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    return "yes" if value else "no"


_FORMATTERS = {
    "text": _text,
    "int": _number("{:d}"),
    "usd": _number("{:.6f}"),
    "ms": _number("{:.1f}"),
    "ratio": _number("{:.3f}"),
    "bool": _yes_no,
}
_NAMES_FORMATTERS = tuple((c.name, _FORMATTERS[c.kind]) for c in RUN_COLUMNS)


def run_cells(row: Mapping[str, Any]) -> list[Any]:
    """One ledger row as the runs CSV's cells (rounded, readable, injection-safe)."""
    get = row.get
    return [fmt(get(name)) for name, fmt in _NAMES_FORMATTERS]


def write_runs_csv(rows: Iterable[Mapping[str, Any]], out: IO[str], *, tokenizer: str | None = None) -> int:
    """Write the header and every row of ``rows`` to ``out`` as they come (no cap, no
    buffering of the whole set); return the number of rows written.

    >>> buf = io.StringIO()
    >>> write_runs_csv([{"id": 1, "cost_usd": 0.0000123456}], buf)
    1
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(run_headers(tokenizer))
    n = 0
    for row in rows:
        writer.writerow(run_cells(row))
        n += 1
    return n


def runs_csv_text(rows: Iterable[Mapping[str, Any]], *, tokenizer: str | None = None) -> str:
    """The runs CSV of ``rows`` as text (for a download button). Without ``tokenizer``,
    the header names the reference tokenizer when all rows share one."""
    rows = list(rows)
    if tokenizer is None:
        names = {str(r.get("reference_tokenizer")) for r in rows if not _missing(r.get("reference_tokenizer"))} - {""}
        tokenizer = names.pop() if len(names) == 1 else None
    out = io.StringIO()
    write_runs_csv(rows, out, tokenizer=tokenizer)
    return out.getvalue()
