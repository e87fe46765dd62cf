"""What a shell shows about one answer: the streaming JSON made readable, the table's
headers and rounding, how the stream ended in one sentence, the confidence once the
answer is known, and the figures line (the same figures as the ledger and the CSV).

The studio and the CLI both show these; the rules live here once.

>>> readable_stream("costing", '{"rows": [["Packaging", 0.95], ["Lab')
'Cost item · Amount per unit\\nPackaging · 0.95\\n… Lab'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .parsing import _EXTRA, _JSON_EXTRAS, _ROW, COLUMNS, NUMERIC, ParseResult, parse_json
from .prompts.optimizer import WEIGHTS, Confidence
from .states import CacheOutcome, EndState

# Readable column headers for the result tables (ledger and parser names stay as they are).
COLUMN_LABELS: Mapping[str, str] = {
    "ingredient": "Ingredient (INCI)",
    "percent": "% w/w",
    "function": "Function",
    "item": "Cost item",
    "amount": "Amount per unit",
    "segment": "Segment",
    "share_percent": "Share %",
    "growth_percent": "Growth % / year",
    "name": "Name",
    "tagline": "Tagline",
    "why": "Why",
    "reference": "Reference",
    "design": "Design",
    "finding": "Finding",
}
# Decimals shown for numeric columns (money to the cent, percentages to one place).
DECIMALS: Mapping[str, int] = {"percent": 1, "amount": 2, "share_percent": 1, "growth_percent": 1}


def column_label(name: str) -> str:
    """The header shown for a parsed column, e.g. ``"percent"`` → ``"% w/w"``."""
    return COLUMN_LABELS.get(name, name.replace("_", " ").capitalize())


def format_cell(name: str, value: Any) -> str:
    """A table cell as text: numbers rounded per :data:`DECIMALS` (trailing zeros dropped).

    >>> format_cell("percent", 78.5), format_cell("amount", 0.4), format_cell("percent", 5.0)
    ('78.5', '0.40', '5')
    """
    if name in NUMERIC and isinstance(value, (int, float)) and not isinstance(value, bool):
        places = DECIMALS.get(name, 2)
        text = f"{value:,.{places}f}"
        if name != "amount" and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    return "" if value is None else str(value)


def table_rows(parsed: ParseResult) -> list[dict[str, Any]]:
    """The parsed records with readable headers (numbers stay numbers, for sorting)."""
    return [{column_label(c): r.get(c) for c in parsed.columns if c in r} for r in parsed.records]


_JSON_PUNCTUATION = re.compile(r'[\[\]{}"]+')


def readable_stream(generator: str, text: str) -> str:
    """An answer still streaming, made readable: for a JSON answer, a header line, one
    line per complete row (cells joined by ``·``), the complete extras (Notes, Total...)
    and the row being written; any other answer as it is.

    Plain text (never markdown or HTML), cheap enough to call a few times per second.
    """
    if not text.lstrip().startswith("{"):
        return text
    columns = COLUMNS.get(generator, ())
    parsed = parse_json(generator, text)
    lines = [" · ".join(column_label(c) for c in columns)] if columns else []
    end = text.find('"rows"')
    if parsed is not None and parsed.records:
        for record in parsed.records:
            lines.append(" · ".join(format_cell(c, record.get(c, "")) for c in columns if c in record))
        for match in _ROW.finditer(text, max(0, end)):
            end = match.end()
    for label, values in parsed.extras.items() if parsed is not None else ():
        lines.extend(f"{label}: {v}" for v in values)
    if end >= 0:
        tail = text[end:].replace('"rows":', "")
        for match in _EXTRA.finditer(tail):  # complete extras are shown above
            tail = tail[match.end() :]
        for key, label in _JSON_EXTRAS.items():
            tail = tail.replace(f'"{key}":', f"{label}:")
        tail = " ".join(_JSON_PUNCTUATION.sub(" ", tail).split()).replace(" ,", ",").strip(" ,:")
        tail = " · ".join(p.strip() for p in tail.split(",") if p.strip())
        if tail:
            lines.append(f"… {tail}")
    return "\n".join(lines) if len(lines) > 1 or not columns else text


# -- how the stream ended ----------------------------------------------------------------


class Tone(StrEnum):
    """How a notice is shown: information, a warning or an error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class EndNotice:
    """One sentence about how an answer ended, and how to show it."""

    tone: Tone
    text: str
    incomplete: bool  # the answer is partial: no chaining, never cached


def end_notice(response: Any, *, tokens: int | None = None) -> EndNotice | None:
    """The sentence for a finished response (None for a plain complete answer).

    ``response`` is a finished :class:`optimizer.streaming.StreamingResponse` (``end_state``,
    ``error``, ``at_token_cap``, ``progress.tokens``); ``tokens`` is the answer's size to
    say (pass the run's ``answer_tokens`` so it matches the figures line; default the
    streamed count).

    >>> from types import SimpleNamespace as NS
    >>> end_notice(NS(end_state=EndState.STOPPED, error="x", at_token_cap=False, progress=NS(tokens=12))).text
    'Stopped by you after 12 answer tokens: the answer below is incomplete, kept here and in History, not cached.'
    """
    state = EndState(getattr(response.end_state, "value", response.end_state))
    tokens = response.progress.tokens if tokens is None else tokens
    if state is EndState.COMPLETE:
        if response.at_token_cap:
            return EndNotice(
                Tone.INFO,
                f"Complete at the token cap ({tokens} answer tokens): the answer may end early; every row written "
                "before the cap is in the table.",
                False,
            )
        return None
    if state is EndState.STOPPED:
        return EndNotice(
            Tone.WARNING,
            f"Stopped by you after {tokens} answer tokens: the answer below is incomplete, kept here and in History, "
            "not cached.",
            True,
        )
    error = (response.error or "the answer ended early").rstrip(".")
    if state is EndState.CUT:
        return EndNotice(Tone.WARNING, f"Incomplete: {error}.", True)
    return EndNotice(Tone.ERROR, f"Failed: {error}.", True)


# -- confidence once the answer is known ------------------------------------------------

# One sentence per factor, shown beside the bars (the studio) and in exports.
FACTOR_HELP: Mapping[str, str] = {
    "completeness": "share of the template's fields filled (required fields count double)",
    "fit": "how closely the request reads like this generator's purpose (WordLlama similarity)",
    "record": "usable answers among this template's past runs (from the ledger; none yet reads as 0.5)",
    "compression_risk": "meaning kept after compressing your request (1.0 lossless … 0.7 aggressive)",
    "answer": "whether the answer can be used: complete and read as a table (1.0), rows read from an "
    "answer cut short or at the token cap (0.6), complete but no table (0.3), nothing usable (0)",
}


@dataclass(frozen=True)
class AnswerConfidence:
    """Confidence after the answer arrived: the prompt's confidence times how usable the
    answer is.

    :ivar before: the confidence shown before generating (four weighted factors).
    :ivar usable: 0..1, see ``FACTOR_HELP["answer"]``.
    :ivar reason: why ``usable`` has its value, one phrase.

    >>> c = AnswerConfidence(Confidence(0.8, {"completeness": 1.0}), 0.3, "no table")
    >>> round(c.score, 2)
    0.24
    """

    before: Confidence
    usable: float
    reason: str

    @property
    def score(self) -> float:
        """The confidence after the answer: the prompt's score times ``answer`` (0..1, 4 decimals)."""
        return round(max(0.0, min(1.0, self.before.score * self.usable)), 4)

    @property
    def factors(self) -> dict[str, float]:
        """Every factor (the prompt's four and ``answer``), 0..1."""
        return {**self.before.factors, "answer": self.usable}

    def explained(self) -> list[tuple[str, float, str, str]]:
        """``(factor, value, how it counts, what it means)`` for every factor."""
        rows = [
            (name, value, f"× {WEIGHTS.get(name, 0):g} (before the answer)", FACTOR_HELP.get(name, ""))
            for name, value in self.before.factors.items()
        ]
        rows.append(("answer", self.usable, "multiplies the score", f"{FACTOR_HELP['answer']}; here: {self.reason}"))
        return rows

    @property
    def summary(self) -> str:
        """One line: how the score was made."""
        return (
            f"{self.score:.2f} = {self.before.score:.2f} before the answer × {self.usable:.1f} answer usable "
            f"({self.reason})"
        )


def answer_confidence(
    before: Confidence, *, parsed: ParseResult | None, end_state: EndState | str, at_token_cap: bool = False
) -> AnswerConfidence:
    """Recompute confidence once the answer is known; parse success is a factor.

    :param before: the prompt's confidence (``OptimizedPrompt.confidence``).
    :param parsed: the answer read as a table (None: no text).
    :param end_state: how the stream ended.
    :param at_token_cap: a complete answer that stopped at the token cap.
    :returns: an :class:`AnswerConfidence` (``score`` = before × usable).

    >>> from optimizer.parsing import parse_answer
    >>> before = Confidence(0.8, {"completeness": 1.0})
    >>> answer_confidence(before, parsed=parse_answer("costing", "no table"), end_state="complete").usable
    0.3
    """
    state = EndState(getattr(end_state, "value", end_state))
    complete = state is EndState.COMPLETE
    rows = parsed is not None and parsed.ok
    if complete and rows and not at_token_cap:
        usable, reason = 1.0, f"complete, {len(parsed.records)} row(s) read"  # type: ignore[union-attr]
    elif rows:
        why = "at the token cap" if complete else state.value
        usable, reason = 0.6, f"{len(parsed.records)} row(s) read from an answer {why}"  # type: ignore[union-attr]
    elif complete:
        usable, reason = 0.3, "complete, but no table could be read"
    else:
        usable, reason = 0.0, f"{state.value}, no table"
    return AnswerConfidence(before, usable, reason)


def prompt_saving_note(saved_tokens: int) -> str:
    """Why a prompt saving is negative ("" when it is not): the same sentence the ledger
    keeps in ``savings_note``.

    >>> prompt_saving_note(-16)[:44]
    'the optimized prompt is 16 tokens longer tha'
    """
    if saved_tokens >= 0:
        return ""
    return (
        f"the optimized prompt is {-saved_tokens} tokens longer than the naive one: the template's role, "
        "task and output-format instructions outweigh this short request"
    )


# -- the figures line --------------------------------------------------------------------

_OUTCOME = {
    CacheOutcome.NONE: "generated",
    CacheOutcome.EXACT: "cache hit (exact)",
    CacheOutcome.SEMANTIC: "cache hit (semantic)",
    CacheOutcome.STALE: "stale cached answer",
}


def money(usd: float | None) -> str:
    """Dollars rounded for reading: 4 significant places under a cent, else cents.

    >>> money(0.000635), money(1.5), money(0)
    ('$0.000635', '$1.50', '$0')
    """
    if not usd:
        return "$0"
    if abs(usd) < 0.01:
        return f"${usd:.3g}" if abs(usd) >= 1e-6 else f"${usd:.2e}"
    return f"${usd:,.2f}"


def figures_line(run: Any, *, run_id: int | None = None) -> str:
    """The result's figures, as the ledger and the runs CSV have them (one definition):
    prompt and answer tokens by the reference tokenizer (the preview's prompt figure), the
    provider's usage and who counted it, cost and what it is priced as, timings.

    ``run`` is a :class:`optimizer.ledger.RunRecord` or a ledger row (mapping).

    >>> from optimizer.ledger import RunRecord
    >>> r = RunRecord("formulation", "local", "local", "none", "formulation-t2", "medium", 100, 105, 45, 0.000635,
    ...     optimized_prompt_tokens=86, answer_tokens=42, reference_tokenizer="o200k_base",
    ...     usage_tokenizer="SmolLM2-135M (llama.cpp)", priced_as="gpt-4o", cost_basis="reference estimate",
    ...     latency_ms=1461)
    >>> figures_line(r, run_id=12)
    'Run 12 · generated · prompt 86 + answer 42 tokens (o200k_base) · provider usage 105 + 45 (SmolLM2-135M (llama.cpp)) · $0.000635 priced as gpt-4o · total 1,461 ms'
    """
    get = run.get if isinstance(run, Mapping) else lambda name, default=None: getattr(run, name, default)
    outcome = _OUTCOME.get(CacheOutcome(get("cached") or "none"), str(get("cached")))
    parts = [f"Run {run_id}" if run_id is not None else "", outcome]
    prompt, answer = get("optimized_prompt_tokens"), get("answer_tokens")
    tokenizer = get("reference_tokenizer") or "reference tokenizer"
    if prompt is not None:
        parts.append(f"prompt {prompt:,} + answer {answer or 0:,} tokens ({tokenizer})")
    if outcome == "generated":
        usage = f"provider usage {get('prompt_tokens') or 0:,} + {get('completion_tokens') or 0:,}"
        counted = get("usage_tokenizer")
        parts.append(f"{usage} ({counted})" if counted else usage)
    cost = money(get("cost_usd") or 0.0)
    basis, priced_as = get("cost_basis") or "", get("priced_as") or ""
    if basis == "reference estimate" and priced_as:
        cost += f" priced as {priced_as}"
    elif not basis:
        cost += " (nothing generated)" if outcome != "generated" else ""
    parts.append(cost)
    ttft = get("ttft_ms")
    if ttft is not None and outcome == "generated":
        parts.append(f"first token {ttft:,.0f} ms")
    latency = get("latency_ms")
    if latency is not None:
        parts.append(f"total {latency:,.0f} ms")
    return " · ".join(p for p in parts if p)
