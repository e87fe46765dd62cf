"""``python -m optimizer bench parse``: how often the embedded model's answer becomes a
table, per generator, as analysts get it.

Every request of the chosen half (:mod:`optimizer.bench.parse_requests`: the *tune*
half was used to tune the templates' schemas and wording, the *report* half only to
measure) goes through :class:`optimizer.generate.GenerationService` as the studio sends
it: the embedded model at its default answer cap (``OPTIMIZER_LOCAL_MAX_TOKENS``, 160),
temperature 0.2, the template's schema as a grammar, no cache, sampling unseeded unless
``OPTIMIZER_LOCAL_SEED`` is set (the header says which). An answer counts as parsed when
:func:`optimizer.parsing.parse_answer` reads at least one real row from it.

``--baseline`` also runs the previous behaviour on the same requests, in the same run:
the t2 templates' JSON steering and schema (plain strings and numbers, up to 8 rows),
passed to llama-cpp-python's own ``response_format`` converter, and counted parsed as
the old parser did (a row of two cells or more whose first cell is not a header word).
It doubles the run's time.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..parsing import COLUMNS
from .parse_requests import half

BAR = 0.95
TEMPERATURE = 0.2  # the studio's and the CLI's default (GenerationRequest)


@dataclass(frozen=True)
class Outcome:
    """One answer: whether a table came of it, and why not when it did not."""

    generator: str
    index: int
    parsed: bool
    rows: int
    dropped: int
    cut: bool  # the JSON stopped before it closed
    at_cap: bool  # the answer ended at the token cap
    seconds: float
    why: str  # "" when parsed, else the main reason
    text: str
    previous: bool | None = None  # the baseline's answer parsed by the old rule (None: not run)


def _why(parsed: Any, text: str) -> str:
    if parsed.ok:
        return ""
    if "{" not in text or '"rows"' not in text:
        return "no JSON rows"
    if parsed.problems:
        return Counter(parsed.problems).most_common(1)[0][0]
    return "cut before the first row closed" if parsed.cut else "no rows"


def _generate(service: Any, generator: str, fields: Mapping[str, str], query: str) -> tuple[str, Any, bool, float]:
    from ..generate import GenerationRequest

    started = time.perf_counter()
    generation = service.generate(
        GenerationRequest(generator, query, dict(fields), temperature=TEMPERATURE, use_cache=False)
    )
    text = "".join(generation)
    response = generation.response
    return text, generation.parsed, bool(response.at_token_cap), time.perf_counter() - started


# -- the previous behaviour (t2), for the baseline ----------------------------------------

_T2_STEERING = {
    "formulation": 'JSON: "rows" [INCI name, % w/w, function] like ["Glycerin", 5, "humectant"] (3-8, % sum to 100), '
    '"notes".',
    "costing": 'JSON: "rows" [cost item, amount per unit] (3-6), "total".',
    "market": 'JSON: "rows" [segment, share %, growth % per year] (3-5), "trends".',
    "branding": 'JSON: 5 "rows" [name, tagline, why] like ["Douceur", "Gentle from day one", "soft, caring"].',
    "scientific": 'JSON: "rows" [reference (author, year), design and n, finding] (2-5), "verdict".',
}
_T2_SHAPE = {  # cell types, most rows, extras
    "formulation": (("string", "number", "string"), 8, {"notes": {"type": "string"}}),
    "costing": (("string", "number"), 6, {"total": {"type": "number"}}),
    "market": (
        ("string", "number", "number"),
        5,
        {"trends": {"type": "array", "items": {"type": "string"}, "maxItems": 3}},
    ),
    "branding": (("string", "string", "string"), 5, {}),
    "scientific": (("string", "string", "string"), 5, {"verdict": {"type": "string"}}),
}
_T2_HEADER_WORDS = {"inci", "name", "inci name", "cost item", "item", "segment", "reference", "ingredient"}


def _t2_schema(generator: str) -> dict[str, Any]:
    cells, most, extras = _T2_SHAPE[generator]
    row = {"type": "array", "prefixItems": [{"type": c} for c in cells], "minItems": len(cells)}
    row["maxItems"] = len(cells)
    properties = {"rows": {"type": "array", "items": row, "minItems": 1, "maxItems": most}, **extras}
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def previous_parsed(text: str) -> bool:
    """Whether the old parser (before t3) read a table: a complete JSON document with a
    row of two cells or more whose first cell is not a header word, or such a complete
    row in an answer cut short.

    >>> previous_parsed('{"rows": [["name", "name", "name"]]}'), previous_parsed('{"rows": [["Aqua", 80, "x"]]}')
    (False, True)
    """
    from ..parsing import _ROW

    start = text.find("{")
    if start < 0 or '"rows"' not in text:
        return False
    try:
        doc, _ = json.JSONDecoder().raw_decode(text[start:])
        rows = doc.get("rows") if isinstance(doc, dict) else None
    except ValueError:
        rows = None
    if not isinstance(rows, list):
        rows = []
        for match in _ROW.finditer(text, text.find('"rows"')):
            try:
                rows.append(json.loads(match.group()))
            except ValueError:
                pass
    for row in rows:
        cells = list(row.values()) if isinstance(row, dict) else row if isinstance(row, list) else []
        if len(cells) >= 2 and str(cells[0]).strip() and str(cells[0]).strip().lower() not in _T2_HEADER_WORDS:
            return True
    return False


def _baseline(generator: str, fields: Mapping[str, str], query: str, max_tokens: int) -> str:
    from ..prompts import optimize_prompt, template_for
    from ..providers.local import exclusive_model

    prompt = optimize_prompt(generator, query, dict(fields), "medium")
    chat = [
        {"role": "system", "content": f"{template_for(generator).role} {_T2_STEERING[generator]}"},
        {"role": "user", "content": prompt.messages[-1].content},
    ]
    extra: dict[str, Any] = {}
    seed = os.environ.get("OPTIMIZER_LOCAL_SEED", "").strip()
    if seed.isdigit():
        extra["seed"] = int(seed)
    with exclusive_model() as llm:
        out = llm.create_chat_completion(
            messages=chat,
            max_tokens=max_tokens,
            temperature=TEMPERATURE,
            response_format={"type": "json_object", "schema": _t2_schema(generator)},
            **extra,
        )
    return out["choices"][0]["message"]["content"] or ""


# -- the run ---------------------------------------------------------------------------------


def measure(
    *,
    which: str = "report",
    per_generator: int = 30,
    generators: Sequence[str] = tuple(COLUMNS),
    baseline: bool = False,
) -> tuple[list[Outcome], dict[str, Any]]:
    """Generate every request of the half (the first ``per_generator`` of each generator's).

    :returns: the outcomes and what the run was (for the table's header).
    :raises ConfigError: an unknown half, or the embedded model is not installed.
    """
    from ..generate import GenerationService
    from ..ledger import Ledger
    from ..providers.local import LocalProvider, load_model, local_max_tokens

    load_model()
    cap = local_max_tokens()
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as folder:
        ledger = Ledger(Path(folder) / "ledger.sqlite3")
        service = GenerationService(LocalProvider(), None, ledger, source="bench")
        try:
            for generator in generators:
                for index, (fields, query) in enumerate(half(generator, which)[:per_generator]):
                    text, parsed, at_cap, seconds = _generate(service, generator, fields, query)
                    before = previous_parsed(_baseline(generator, fields, query, cap)) if baseline else None
                    outcomes.append(
                        Outcome(
                            generator,
                            index,
                            parsed.ok,
                            len(parsed.records),
                            parsed.dropped,
                            parsed.cut,
                            at_cap,
                            round(seconds, 2),
                            _why(parsed, text),
                            text,
                            before,
                        )
                    )
        finally:
            ledger.close()
    seed = os.environ.get("OPTIMIZER_LOCAL_SEED", "").strip()
    info = {
        "half": which,
        "cap": cap,
        "seed": seed or "unset (a fresh seed per answer)",
        "minutes": (time.perf_counter() - started) / 60,
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"),
    }
    return outcomes, info


def render(outcomes: list[Outcome], info: Mapping[str, Any]) -> tuple[str, bool]:
    """The table, the failure causes, and whether every generator reaches :data:`BAR`."""
    lines = [
        f"# Parse rate on the embedded model ({info['half']} half), answers capped at {info['cap']} tokens, "
        f"temperature {TEMPERATURE}, seed {info['seed']}",
        f"# {len(outcomes)} answers in {info['minutes']:.1f} min; load average at the end {info['load']:.1f}",
        "",
        f"{'generator':<12} {'answers':>7} {'parsed':>8} {'previous (t2)':>13} {'rows/answer':>11} "
        f"{'rows left out':>13} {'JSON cut':>8} {'at cap':>6} {'median s':>8}",
    ]
    ok = bool(outcomes)
    causes: list[str] = []
    for generator in dict.fromkeys(o.generator for o in outcomes):
        mine = [o for o in outcomes if o.generator == generator]
        rate = sum(o.parsed for o in mine) / len(mine)
        ok = ok and rate >= BAR
        ran = [o.previous for o in mine if o.previous is not None]
        previous = f"{sum(ran) / len(ran):.0%}" if ran else "not run"
        lines.append(
            f"{generator:<12} {len(mine):>7} {rate:>8.0%} {previous:>13} "
            f"{statistics.mean(o.rows for o in mine):>11.1f} {sum(o.dropped for o in mine):>13} "
            f"{sum(o.cut for o in mine):>8} {sum(o.at_cap for o in mine):>6} "
            f"{statistics.median(o.seconds for o in mine):>8.1f}"
        )
        for why, n in Counter(o.why for o in mine if not o.parsed).most_common():
            example = next(o.text for o in mine if o.why == why)
            causes.append(f"  {generator}: {n} × {why}, e.g. {example[:110]!r}")
    lines += ["", f"bar: ≥ {BAR:.0%} parsed per generator: {'holds' if ok else 'DOES NOT HOLD'}"]
    if causes:
        lines += ["", "answers that gave no table:", *causes]
    if not any(o.previous is not None for o in outcomes):
        lines += [
            "",
            "previous (t2): run with --baseline to measure it in the same run; before t3, bench replay "
            "(cap 128, temperature 0) measured formulation 20%, branding 25%, costing/market/scientific 100%.",
        ]
    return "\n".join(lines), ok


def write_answers(outcomes: list[Outcome], folder: Path) -> Path:
    """Every answer and its outcome as JSON lines in ``folder`` (atomic write); returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "answers.jsonl"
    temp = path.with_suffix(".tmp")
    temp.write_text("".join(json.dumps(asdict(o), ensure_ascii=False) + "\n" for o in outcomes), encoding="utf-8")
    temp.replace(path)
    return path


def report(
    *, which: str = "report", per_generator: int = 30, baseline: bool = False, out: Path | None = None
) -> tuple[str, bool]:
    """Measure, render, and keep the answers (``out``, default ``<data dir>/bench/parse``)."""
    from ..config import data_dir

    outcomes, info = measure(which=which, per_generator=per_generator, baseline=baseline)
    text, ok = render(outcomes, info)
    path = write_answers(outcomes, out or data_dir() / "bench" / "parse" / which)
    return f"{text}\n\nwrote {path}", ok
