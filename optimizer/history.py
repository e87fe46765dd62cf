"""Past runs for people: who may see which, a run as Markdown or JSON, two runs side by
side, what a re-run sends again, and times in the reader's zone.

Rows are the ledger's (``Ledger.runs``/``Ledger.get``: mappings with the RunRecord's
columns and ``id``). The studio's History page and any other shell use these rules.

>>> from optimizer.auth import LOCAL_USER, Principal, Role
>>> visible_filters(Principal("ana@example.com", Role.ANALYST)), visible_filters(LOCAL_USER)
({'user': 'ana@example.com'}, {})
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .answer import column_label, figures_line, format_cell, money
from .auth import Action, Principal, allowed
from .markdown import safe_markdown
from .parsing import parse_answer
from .prompts import PREVIOUS_KEY, TEMPLATES

Row = Mapping[str, Any]


def visible_filters(principal: Principal) -> dict[str, str]:
    """Ledger filters that limit a listing to what ``principal`` may see: analysts their
    own runs, admins everyone's (no filter)."""
    return {} if allowed(principal, Action.SEE_ALL_RUNS) else {"user": principal.user}


def may_open(principal: Principal, row: Row) -> bool:
    """True when ``principal`` may open this run (their own, or they see all runs)."""
    return allowed(principal, Action.SEE_ALL_RUNS) or str(row.get("user") or "") == principal.user


def generator_title(generator: str) -> str:
    """ "Market Research" for "market" (the generator name when unknown)."""
    template = TEMPLATES.get(generator)
    return template.title if template else generator


def request_fields(row: Row) -> dict[str, str]:
    """The form fields a run was asked with (the chained input under ``previous``);
    empty when the run kept no text or the stored JSON is unreadable."""
    raw = row.get("context_json") or ""
    try:
        doc = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): "" if v is None else str(v) for k, v in doc.items()} if isinstance(doc, dict) else {}


@dataclass(frozen=True)
class RerunInputs:
    """What a generator page needs to run a past request again."""

    generator: str
    query: str
    fields: Mapping[str, str] = field(default_factory=dict)  # template fields only
    previous: str = ""  # a chained input, when the run had one


def rerun_inputs(row: Row) -> RerunInputs:
    """The generator, request text, fields and chained input of a past run.

    >>> rerun_inputs({"generator": "costing", "query": "cheap", "context_json": '{"batch_size": "5000"}'}).fields
    {'batch_size': '5000'}
    """
    generator = str(row.get("generator") or "")
    fields = request_fields(row)
    previous = fields.pop(PREVIOUS_KEY, "")
    template = TEMPLATES.get(generator)
    names = {f.name for f in template.fields} if template else set(fields)
    return RerunInputs(
        generator, str(row.get("query") or ""), {k: v for k, v in fields.items() if k in names}, previous
    )


def local_time(ts: str | None, zone: str | None = None) -> str:
    """A ledger timestamp (UTC) in the reader's time zone, labelled.

    :param ts: ISO timestamp as the ledger writes it.
    :param zone: an IANA zone such as "Europe/Paris" (the browser's); None or unknown:
        UTC, said so.

    >>> local_time("2025-01-31T12:00:00+00:00", "Europe/Paris"), local_time("2025-01-31T12:00:00+00:00")
    ('2025-01-31 13:00 CET', '2025-01-31 12:00 UTC')
    """
    if not ts:
        return ""
    try:
        moment = datetime.fromisoformat(str(ts))
    except ValueError:
        return str(ts)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    tz: Any = UTC
    if zone:
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            tz = UTC
    shown = moment.astimezone(tz)
    return f"{shown:%Y-%m-%d %H:%M} {shown.tzname() or 'UTC'}"


def request_summary(row: Row, *, width: int = 90) -> str:
    """The request in one short line: the field values, then the request text.

    >>> request_summary({"context_json": '{"category": "skincare", "product_type": "serum"}', "query": "gentle"})
    'skincare · serum · gentle'
    """
    fields = request_fields(row)
    fields.pop(PREVIOUS_KEY, None)
    parts = [v for v in fields.values() if v] + ([str(row["query"])] if row.get("query") else [])
    text = " · ".join(" ".join(p.split()) for p in parts)
    if not text and not row.get("text_kept", True):
        return "(text not kept)"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def listing_row(row: Row, *, zone: str | None = None) -> dict[str, Any]:
    """One run as a History table row, with readable headers (figures stay numbers)."""
    return {
        "Run": row.get("id"),
        "When": local_time(row.get("ts"), zone),
        "Generator": generator_title(str(row.get("generator") or "")),
        "User": row.get("user") or "",
        "Request": request_summary(row),
        "Cache outcome": row.get("cached") or "",
        "End state": row.get("end_state") or "",
        "Prompt tokens": row.get("optimized_prompt_tokens"),
        "Answer tokens": row.get("answer_tokens"),
        "Cost (USD)": row.get("cost_usd"),
        "Confidence": row.get("confidence"),
    }


# -- comparison --------------------------------------------------------------------------


def _tokens(row: Row, name: str) -> str:
    value = row.get(name)
    return "" if value is None else f"{int(value):,}"


def _ms(value: Any) -> str:
    return "" if value is None else f"{float(value):,.0f} ms"


def _confidence(value: Any) -> str:
    return "" if value is None else f"{float(value):.2f}"


def _cost(row: Row) -> str:
    text = money(row.get("cost_usd") or 0.0)
    if row.get("cost_basis") == "reference estimate" and row.get("priced_as"):
        text += f" (priced as {row['priced_as']})"
    return text


# (figure, how to read it from a row)
_FIGURES: tuple[tuple[str, Any], ...] = (
    ("Generator", lambda r: generator_title(str(r.get("generator") or ""))),
    ("User", lambda r: r.get("user") or ""),
    ("Model", lambda r: f"{r.get('model') or ''} ({r.get('provider') or ''})"),
    ("Cache outcome", lambda r: r.get("cached") or ""),
    ("End state", lambda r: r.get("end_state") or ""),
    ("Parsed as a table", lambda r: "yes" if r.get("parsed") else "no"),
    ("Compression level", lambda r: r.get("level") or ""),
    ("Reference tokenizer", lambda r: r.get("reference_tokenizer") or ""),
    ("Naive prompt tokens", lambda r: _tokens(r, "naive_prompt_tokens")),
    ("Prompt tokens", lambda r: _tokens(r, "optimized_prompt_tokens")),
    ("Answer tokens", lambda r: _tokens(r, "answer_tokens")),
    (
        "Provider usage (prompt + answer)",
        lambda r: f"{r.get('prompt_tokens') or 0:,} + {r.get('completion_tokens') or 0:,}",
    ),
    ("Cost", _cost),
    ("Confidence", lambda r: _confidence(r.get("confidence"))),
    ("First token", lambda r: _ms(r.get("ttft_ms"))),
    ("Total time", lambda r: _ms(r.get("latency_ms"))),
    ("Savings note", lambda r: r.get("savings_note") or ""),
)


def figures(row: Row) -> list[tuple[str, str]]:
    """``(figure, value)`` for one run, in reading order (the comparison's rows)."""
    return [(name, str(read(row))) for name, read in _FIGURES]


def comparison(a: Row, b: Row) -> list[dict[str, str]]:
    """Two runs side by side: one row per figure with both values and whether they differ.

    >>> rows = comparison({"id": 1, "cached": "none"}, {"id": 2, "cached": "exact"})
    >>> next(r for r in rows if r["figure"] == "Cache outcome")
    {'figure': 'Cache outcome', 'run 1': 'none', 'run 2': 'exact', 'same': 'no'}
    """
    left, right = f"run {a.get('id')}", f"run {b.get('id')}"
    if left == right:
        right += " (again)"
    return [
        {"figure": name, left: va, right: vb, "same": "yes" if va == vb else "no"}
        for (name, va), (_, vb) in zip(figures(a), figures(b), strict=True)
    ]


# -- one run as a document -----------------------------------------------------------------


_PIPE = re.compile(r"(?<!\\)\|")  # a pipe not already escaped ends a table cell


def _md_cell(value: Any) -> str:
    """One table cell: on one line, nothing that loads (``safe_markdown``), its pipes escaped."""
    return _PIPE.sub(r"\\|", safe_markdown(" ".join(str(value).split())))


def _fence(text: str) -> str:
    """A code fence longer than any backtick run in ``text``."""
    longest, run = 0, 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def run_markdown(row: Row, *, zone: str | None = None) -> str:
    """One run as a Markdown document: request, answer (as a table when it parses, and
    as written), and its figures.

    >>> print(run_markdown({"id": 3, "generator": "costing", "query": "q", "answer": "plain"}).splitlines()[0])
    # Costing · run 3
    """
    generator = str(row.get("generator") or "")
    lines = [f"# {generator_title(generator)} · run {row.get('id')}", ""]
    lines.append(f"- When: {local_time(row.get('ts'), zone)}")
    lines.append(f"- {figures_line(row, run_id=row.get('id'))}")
    lines += ["", "## Request", ""]
    fields = request_fields(row)
    previous = fields.pop(PREVIOUS_KEY, "")
    template = TEMPLATES.get(generator)
    labels = {f.name: f.label for f in template.fields} if template else {}
    if fields:
        lines += ["| field | value |", "| --- | --- |"]
        lines += [f"| {_md_cell(labels.get(k, k))} | {_md_cell(v)} |" for k, v in fields.items()]
        lines.append("")
    if row.get("query"):
        lines += [f"Request: {safe_markdown(' '.join(str(row['query']).split()))}", ""]
    if previous:
        fence = _fence(previous)
        lines += ["Chained input:", "", fence, previous, fence, ""]
    if not row.get("text_kept", True):
        lines += ["_The request and the answer were not kept (this run's settings)._", ""]
    answer = str(row.get("answer") or "")
    lines += ["## Answer", ""]
    if answer:
        parsed = parse_answer(generator, answer)
        if parsed.ok:
            columns = [c for c in parsed.columns if any(c in r for r in parsed.records)]
            lines += ["| " + " | ".join(column_label(c) for c in columns) + " |", "|" + " --- |" * len(columns)]
            for record in parsed.records:
                lines.append("| " + " | ".join(_md_cell(format_cell(c, record.get(c, ""))) for c in columns) + " |")
            for label, values in parsed.extras.items():
                lines += [f"- {safe_markdown(label)}: {safe_markdown(' '.join(str(v).split()))}" for v in values]
            lines.append("")
        fence = _fence(answer)
        lines += ["As written:" if parsed.ok else "", "", fence, answer, fence, ""]
        if row.get("answer_cut"):
            lines += ["_The stored answer was cut at the ledger's size cap._", ""]
    else:
        lines += ["_No answer text._", ""]
    lines += ["## Figures", "", "| figure | value |", "| --- | --- |"]
    lines += [f"| {name} | {_md_cell(value)} |" for name, value in figures(row) if value]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def run_json(row: Row) -> str:
    """One run as JSON: every ledger column, the request fields as an object and the
    parsed rows (``parsed_rows``)."""
    doc: dict[str, Any] = {k: v for k, v in row.items() if k != "context_json"}
    doc["request_fields"] = request_fields(row)
    answer = str(row.get("answer") or "")
    parsed = parse_answer(str(row.get("generator") or ""), answer) if answer else None
    doc["parsed_rows"] = [dict(r) for r in parsed.records] if parsed is not None else []
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"


def download_name(row: Row, extension: str) -> str:
    """A file name for one run, e.g. ``formulation-run-12.md``."""
    return f"{row.get('generator') or 'run'}-run-{row.get('id')}.{extension}"
