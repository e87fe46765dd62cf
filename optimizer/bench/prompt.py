"""``python -m optimizer bench prompt``: how long prompt preparation takes at the request
size limits, next to the same preparation without limits (the baseline) in the same run.

Before the limits, a 1 MB request spent ~14 s in prompt preparation on every rerun of a
page. The table shows a typical request, a maximum-size one (every part at its limit), an
oversize one refused by the limits, and that same oversize request prepared with the
limits lifted, all as medians of this run on this machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..config import PACKAGE_DATA
from ..errors import InputError
from ..prompts import optimizer as prompts

PROSE = PACKAGE_DATA / "fixtures" / "prose"
# Bars: a maximum-size request prepares in under 2 s; an oversize one is refused in under 50 ms.
MAX_SIZE_BAR_MS = 2000.0
REFUSAL_BAR_MS = 50.0


@dataclass(frozen=True)
class Row:
    """One timed case: what was prepared, its size, the median time and what happened."""

    case: str
    characters: int
    median_ms: float
    outcome: str


def _text(chars: int) -> str:
    """``chars`` characters of the prose fixtures, repeated (real words, real numbers)."""
    base = " ".join(p.read_text() for p in sorted(PROSE.glob("*.txt")))
    return (base * (chars // len(base) + 1))[:chars]


def _vary(text: str, i: int) -> str:
    """The same length, a different text each run: no memo can answer a repetition."""
    tag = f" run {i} "
    return tag + text[len(tag) :]


@contextmanager
def _limits_lifted() -> Iterator[None]:
    """The code as it was before the limits: every limit lifted for the baseline row only."""
    saved = prompts.MAX_QUERY_CHARS, prompts.MAX_FIELD_CHARS, prompts.MAX_PREVIOUS_CHARS
    prompts.MAX_QUERY_CHARS = prompts.MAX_FIELD_CHARS = prompts.MAX_PREVIOUS_CHARS = 10**9
    try:
        yield
    finally:
        prompts.MAX_QUERY_CHARS, prompts.MAX_FIELD_CHARS, prompts.MAX_PREVIOUS_CHARS = saved


def _time(call: Callable[[int], object], repeat: int) -> tuple[float, str]:
    times, outcome = [], ""
    for i in range(repeat):
        start = time.perf_counter()
        try:
            result = call(i)
            outcome = f"prepared: {result.optimized_tokens:,} tokens"
        except InputError as exc:
            outcome = "refused: " + str(exc).split(";")[0]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), outcome


def rows(repeat: int = 5, oversize_chars: int = 1_048_576) -> list[Row]:
    """Time the four cases (``repeat`` runs each; the baseline once, it is slow)."""
    prompts.optimize_prompt("formulation", "warm up", {"product_type": "serum"})  # load models once
    fields = {
        "product_type": _text(prompts.MAX_FIELD_CHARS),
        "category": _text(prompts.MAX_FIELD_CHARS),
        "requirements": _text(prompts.MAX_FIELD_CHARS),
        "region": _text(prompts.MAX_FIELD_CHARS),
    }
    max_query = _text(prompts.MAX_QUERY_CHARS)
    previous = _text(prompts.MAX_PREVIOUS_CHARS)
    oversize = _text(oversize_chars)
    cases: list[tuple[str, int, Callable[[int], object], int]] = [
        (
            "typical request",
            60,
            lambda i: prompts.optimize_prompt(
                "formulation", f"a fragrance-free vitamin C serum, batch {i}", {"product_type": "serum", "region": "EU"}
            ),
            repeat,
        ),
        (
            "maximum size (query + 4 fields)",
            len(max_query) + 4 * prompts.MAX_FIELD_CHARS,
            lambda i: prompts.optimize_prompt("formulation", _vary(max_query, i), fields),
            repeat,
        ),
        (
            "maximum size + chained input",
            len(max_query) + len(previous),
            lambda i: prompts.optimize_prompt("costing", _vary(max_query, i), {"previous": _vary(previous, i)}),
            repeat,
        ),
        ("oversize, with limits", oversize_chars, lambda i: prompts.optimize_prompt("market", oversize), repeat),
    ]
    out = [Row(name, size, *_time(call, n)) for name, size, call, n in cases]
    with _limits_lifted():
        ms, outcome = _time(lambda i: prompts.optimize_prompt("market", oversize), 1)
    out.append(Row("oversize, no limits (baseline)", oversize_chars, ms, outcome))
    return out


def report(repeat: int = 5) -> tuple[str, bool]:
    """The printed table, and whether both bars held (max size < 2 s, refusal < 50 ms)."""
    table = rows(repeat)
    by_case = {r.case: r for r in table}
    ok = (
        by_case["maximum size + chained input"].median_ms < MAX_SIZE_BAR_MS
        and by_case["maximum size (query + 4 fields)"].median_ms < MAX_SIZE_BAR_MS
        and by_case["oversize, with limits"].median_ms < REFUSAL_BAR_MS
        and by_case["oversize, with limits"].outcome.startswith("refused")
    )
    widths = (32, 11, 11)
    lines = [
        f"# Prompt preparation at the request limits — median of {repeat} runs (baseline: 1 run)",
        f"limits: query {prompts.MAX_QUERY_CHARS:,} chars, each field {prompts.MAX_FIELD_CHARS:,}, "
        f"chained input {prompts.MAX_PREVIOUS_CHARS:,}; bars: maximum size < {MAX_SIZE_BAR_MS:.0f} ms, "
        f"refusal < {REFUSAL_BAR_MS:.0f} ms",
        "",
        f"{'case':<{widths[0]}}  {'characters':>{widths[1]}}  {'median ms':>{widths[2]}}  outcome",
        f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * widths[2]}  -------",
    ]
    for r in table:
        lines.append(
            f"{r.case:<{widths[0]}}  {r.characters:>{widths[1]},}  {r.median_ms:>{widths[2]},.1f}  {r.outcome}"
        )
    lines.append("")
    lines.append("bars held" if ok else "BARS FAILED")
    return "\n".join(lines), ok
