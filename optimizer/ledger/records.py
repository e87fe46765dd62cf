"""One run of the ledger: the :class:`RunRecord` a generation produces, its columns, and
the rules that every stored row obeys whatever the backend (text caps, no credentials,
text that both SQLite and PostgreSQL accept).

Token figures have one definition each (README "Figures that agree"):

- ``naive_prompt_tokens``, ``optimized_prompt_tokens``, ``answer_tokens`` and every
  ``saved_*_tokens`` are counted by the run's ``reference_tokenizer`` (the tokenizer of
  the model the run is priced as), so they can be compared and added up;
- ``prompt_tokens`` and ``completion_tokens`` are the provider's usage (what was spent;
  0 for a cache hit), counted by ``usage_tokenizer`` (reported by an endpoint, or the
  embedded model's own tokenizer, chat template included).

>>> RunRecord("formulation", "local", "local", "none", "formulation-t1", "medium", 90, 70, 20, 0.0).saved_usd
0.0
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from ..redact import redact_text
from ..states import EndState

# The request, context and answer are kept up to this many UTF-8 bytes each; a longer
# answer is cut at a character boundary and ``answer_cut`` says so.
TEXT_CAP_BYTES = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


class RunSource(StrEnum):
    """Which shell made the run."""

    STUDIO = "studio"
    CLI = "cli"
    GATEWAY = "gateway"
    BENCH = "bench"


class CostBasis(StrEnum):
    """How ``cost_usd`` was computed."""

    PROVIDER_USAGE = "provider usage"  # the provider's usage at the model's own price (a bill)
    REFERENCE_ESTIMATE = "reference estimate"  # reference-tokenizer counts at the priced-as model's price
    NONE = ""  # nothing to price (a cache hit, a refused request)


@dataclass(frozen=True)
class RunRecord:
    """One generation as the ledger stores it (one row).

    Built by ``optimizer.accounting.account_run`` for every generation (generated, served
    from the cache, stopped or failed). Fields default so that a new column never breaks
    an older caller; ``ts`` is filled in (UTC) when the row is written.
    """

    generator: str
    provider: str
    model: str
    cached: str  # CacheOutcome value: exact, semantic, stale, none
    template_id: str
    level: str
    naive_prompt_tokens: int  # reference tokenizer
    prompt_tokens: int  # provider usage spent (0 on a cache hit)
    completion_tokens: int  # provider usage spent (0 on a cache hit)
    cost_usd: float
    saved_cache_tokens: int = 0  # a hit avoided the whole original call (reference tokenizer)
    saved_cache_usd: float = 0.0
    saved_prompt_tokens: int = 0  # naive prompt minus the optimized one; may be negative (see savings_note)
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
    usage_source: str = "provider"  # "provider" (reported) or "counted" (our count of a partial answer)
    price_as_of: str = ""
    user: str = ""  # who ran it: an email (sign-in), a key name (gateway) or "local"
    # Schema 2.
    source: str = ""  # RunSource value
    endpoint: str = ""  # the provider's base URL without credentials ("local" for the embedded model)
    end_state: str = EndState.COMPLETE.value
    query: str = ""  # the request text (empty when the run's settings say not to keep text)
    context_json: str = ""  # the request's form fields as a JSON object
    answer: str = ""  # the answer text, capped at TEXT_CAP_BYTES
    answer_cut: bool = False  # the stored answer was cut at the cap
    text_kept: bool = True  # False: query, context and answer were deliberately not stored
    reference_tokenizer: str = ""  # counted naive/optimized/answer/saved tokens, e.g. o200k_base
    optimized_prompt_tokens: int | None = None  # the prompt sent, reference tokenizer (the preview's figure)
    answer_tokens: int | None = None  # the answer, reference tokenizer
    usage_tokenizer: str = ""  # who counted prompt_tokens/completion_tokens
    priced_as: str = ""  # the price-table row cost_usd and saved_*_usd use
    cost_basis: str = CostBasis.NONE.value
    savings_note: str = ""  # why a saving is negative (or zero where one was expected)
    ts: str = ""

    @property
    def saved_usd(self) -> float:
        """Dollars saved by every source together."""
        return self.saved_cache_usd + self.saved_prompt_usd + self.saved_context_usd + self.saved_output_usd

    def as_row(self, *, text_cap: int = TEXT_CAP_BYTES) -> dict[str, Any]:
        """The row to insert: timestamp filled, enums as values, booleans as 0/1, text
        capped and made storable (no NUL, no lone surrogate), credentials redacted.

        >>> RunRecord("g", "p", "m", "none", "t", "medium", 1, 1, 1, 0.0, answer="=x", ts="2025-01-01T00:00:00+00:00").as_row()["answer"]
        '=x'
        """
        row = {name: _plain(getattr(self, name)) for name in COLUMNS}
        row["ts"] = row["ts"] or now_iso()
        for name in ("error", "endpoint"):
            row[name] = redact_text(row[name]) if row[name] else ""
        if not self.text_kept:
            row["query"] = row["context_json"] = row["answer"] = ""
            row["answer_cut"] = False
        else:
            row["query"], _ = cap_text(row["query"], text_cap)
            row["context_json"] = cap_json(row["context_json"], text_cap)
            row["answer"], cut = cap_text(row["answer"], text_cap)
            row["answer_cut"] = bool(row["answer_cut"] or cut)
        for name in _BOOL_COLUMNS:
            row[name] = int(bool(row[name]))
        for name in _TEXT_KIND_COLUMNS:
            row[name] = storable(row[name]) if row[name] else ""
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> RunRecord:
        """A record from a stored row (extra keys such as ``id`` are ignored).

        >>> r = RunRecord("g", "p", "m", "none", "t", "medium", 1, 1, 1, 0.0)
        >>> RunRecord.from_row({**r.as_row(), "id": 3}).generator
        'g'
        """
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in row.items() if k in names}
        for name, kind in COLUMN_KINDS.items():
            if name in values and kind == "bool" and values[name] is not None:
                values[name] = bool(values[name])
        return cls(**values)


def _sql_kind(annotation: str) -> str:
    base = annotation.split("|")[0].strip()
    return {"int": "int", "float": "float", "bool": "bool"}.get(base, "text")


# Column name -> "int" | "float" | "bool" | "text", in table order (after ``id``).
COLUMN_KINDS: dict[str, str] = {f.name: _sql_kind(str(f.type)) for f in fields(RunRecord)}
COLUMNS: tuple[str, ...] = tuple(COLUMN_KINDS)
TEXT_COLUMNS = ("query", "context_json", "answer")  # the large ones, left out when text=False


def now_iso() -> str:
    """Now in UTC as the ledger writes it: ``2025-01-31T12:00:00+00:00`` (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def as_utc_iso(value: str | date | datetime) -> str:
    """A filter bound in the ledger's timestamp format.

    A ``date`` (or ``"2025-01-31"``) is midnight UTC of that day; a naive datetime is
    taken as UTC; an aware one is converted.

    >>> as_utc_iso("2025-01-31")
    '2025-01-31T00:00:00+00:00'
    >>> as_utc_iso("2025-01-31T14:00:00+02:00")
    '2025-01-31T12:00:00+00:00'
    """
    from ..errors import InputError

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"'{value}' is not a date or time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def storable(text: str) -> str:
    """``text`` that both SQLite and PostgreSQL store as is: lone surrogates and NUL
    characters become U+FFFD (PostgreSQL refuses both)."""
    text = str(text)
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
    return text


def cap_text(text: str, limit: int = TEXT_CAP_BYTES) -> tuple[str, bool]:
    """``text`` cut to at most ``limit`` UTF-8 bytes at a character boundary, and whether
    it was cut.

    >>> cap_text("héllo", 2)
    ('h', True)
    """
    text = storable(text or "")
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text, False
    return raw[:limit].decode("utf-8", "ignore"), True


def context_json(context: Mapping[str, Any]) -> str:
    """The request's fields as a JSON object (keys sorted; values that are not JSON as text)."""
    return json.dumps(dict(context), ensure_ascii=False, sort_keys=True, default=str) if context else ""


def cap_json(text: str, limit: int = TEXT_CAP_BYTES) -> str:
    """A JSON object kept under ``limit`` bytes and still valid JSON: its longest string
    values are cut (marked ``…[cut]``) until it fits."""
    text = storable(text or "")
    if len(text.encode("utf-8")) <= limit:
        return text
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        return json.dumps({"_cut": cap_text(text, limit // 2)[0]}, ensure_ascii=False)
    keep = max(64, limit // (2 * max(1, len(doc))))
    cut = {k: (v[:keep] + "…[cut]" if isinstance(v, str) and len(v) > keep else v) for k, v in doc.items()}
    out = json.dumps(cut, ensure_ascii=False, sort_keys=True)
    if len(out.encode("utf-8")) <= limit:
        return out
    return json.dumps({"_cut": True, "fields": sorted(doc)[:50]}, ensure_ascii=False)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


_BOOL_COLUMNS = tuple(c for c, k in COLUMN_KINDS.items() if k == "bool")
_TEXT_KIND_COLUMNS = tuple(c for c, k in COLUMN_KINDS.items() if k == "text")


def normalize_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row as Python values, the same from both backends: booleans as ``bool``,
    PostgreSQL's ``numeric`` aggregates as ``int``/``float``."""
    out = dict(row)
    for name in _BOOL_COLUMNS:
        value = out.get(name)
        if value is not None:
            out[name] = bool(value)
    for key, value in out.items():
        if isinstance(value, Decimal):
            integral = value == value.to_integral_value() and COLUMN_KINDS.get(key) != "float"
            out[key] = int(value) if integral else float(value)
    return out
