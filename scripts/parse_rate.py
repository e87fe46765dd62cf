"""Parse rate of structured output on the embedded model, per generator, and the output
tokens of the JSON format against the same records written as ``a | b | c`` lines.

    python scripts/parse_rate.py [--per-generator 20] [--max-tokens 160] [--out FILE.md]

Requests (the reporting half, never tuned on): every variant of the replay intents
(``optimizer/data/fixtures/replay-intents.json``: canonical, paraphrases, near-misses),
topped up to N per generator by crossing each intent with other regions and audiences.
The JSON formats were tuned on the templates' own example fields only (the tuning half).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGIONS = ("Brazil", "Japan", "Germany", "India", "Canada", "South Africa", "Mexico", "Korea")
AUDIENCES = ("runners", "men over 50", "students", "busy nurses", "surfers", "new parents")


def requests_for(generator: str, n: int) -> list[tuple[dict[str, str], str]]:
    """Up to ``n`` varied (fields, query) pairs for ``generator``."""
    from optimizer.config import PACKAGE_DATA
    from optimizer.prompts import template_for

    intents = json.loads((PACKAGE_DATA / "fixtures" / "replay-intents.json").read_text(encoding="utf-8"))["intents"]
    names = {f.name for f in template_for(generator).fields}
    out: list[tuple[dict[str, str], str]] = []
    mine = [i for i in intents if i["generator"] == generator]
    for intent in mine:
        base = {k: v for k, v in intent["fields"].items() if k in names}
        out.append((base, intent["query"]))
        out += [(base, p) for p in intent["paraphrases"]]
        for near in intent["near_misses"]:
            fields = {**base, **{k: v for k, v in near.get("fields", {}).items() if k in names}}
            out.append((fields, near.get("query", intent["query"])))
    k = 0
    while len(out) < n and mine:
        intent = mine[k % len(mine)]
        fields = {k2: v for k2, v in intent["fields"].items() if k2 in names}
        if "region" in names:
            fields["region"] = REGIONS[k % len(REGIONS)]
        if "audience" in names:
            fields["audience"] = AUDIENCES[k % len(AUDIENCES)]
        out.append((fields, intent["query"]))
        k += 1
    return out[:n]


def as_lines(generator: str, parsed) -> str:
    """The same records in the text-lines format the templates asked for before (t1)."""
    lines = []
    for record in parsed.records:
        cells = []
        for column in parsed.columns:
            value = record.get(column, "")
            cells.append(f"{value:g}" if isinstance(value, float) else str(value))
        lines.append(" | ".join(cells))
    for label, values in parsed.extras.items():
        lines += [f"{label}: {v}" if label != "Total" else f"Total | {v}" for v in values]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-generator", type=int, default=20)
    parser.add_argument("--max-tokens", type=int, default=160)
    parser.add_argument("--generators", default="formulation,costing,market,branding,scientific")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    os.environ["OPTIMIZER_DATA_DIR"] = tempfile.mkdtemp(prefix="parse-rate-")

    from optimizer.generate import GenerationRequest, GenerationService
    from optimizer.ledger import Ledger
    from optimizer.providers import LocalProvider
    from optimizer.tokens import count_tokens

    provider = LocalProvider()
    service = GenerationService(provider, None, Ledger())
    rows = []
    started = time.perf_counter()
    for generator in args.generators.split(","):
        stats = {"requests": 0, "complete": 0, "parsed": 0, "parsed_complete": 0, "at_cap": 0}
        json_tok = lines_tok = json_local = lines_local = 0
        for fields, query in requests_for(generator, args.per_generator):
            g = service.generate(
                GenerationRequest(
                    generator, query, fields, max_tokens=args.max_tokens, temperature=0.2, use_cache=False
                )
            )
            text = "".join(g)
            r = g.response
            stats["requests"] += 1
            stats["complete"] += r.complete
            stats["at_cap"] += r.at_token_cap
            ok = bool(g.parsed and g.parsed.ok)
            stats["parsed"] += ok
            stats["parsed_complete"] += ok and r.complete
            if ok and r.complete:
                lines = as_lines(generator, g.parsed)
                json_tok += count_tokens(text, "gpt-4o")
                lines_tok += count_tokens(lines, "gpt-4o")
                json_local += provider.count_tokens(text)
                lines_local += provider.count_tokens(lines)
            print(f"{generator:<12} {'ok ' if ok else 'NO '} {r.end_state.value:<9} {text[:90]!r}", file=sys.stderr)
        rows.append((generator, stats, json_tok, lines_tok, json_local, lines_local))
    total = {k: sum(r[1][k] for r in rows) for k in rows[0][1]}
    out = [
        f"# Parse rate on the embedded model ({sum(r[1]['requests'] for r in rows)} requests, "
        f"max {args.max_tokens} tokens, {(time.perf_counter() - started) / 60:.1f} min)",
        "",
        "| generator | requests | complete | at token cap | parsed | parse rate | parse rate of complete "
        "| JSON tokens (gpt-4o) | same rows as lines | JSON / lines | JSON / lines (SmolLM2) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for generator, s, jt, lt, jl, ll in [*rows, ("all", total, *(sum(r[i] for r in rows) for i in range(2, 6)))]:
        out.append(
            f"| {generator} | {s['requests']} | {s['complete']} | {s['at_cap']} | {s['parsed']} | "
            f"{s['parsed'] / max(1, s['requests']):.0%} | {s['parsed_complete'] / max(1, s['complete']):.0%} | "
            f"{jt} | {lt} | {jt / max(1, lt):.2f} | {jl / max(1, ll):.2f} |"
        )
    report = "\n".join(out)
    print(report)
    if args.out:
        Path(args.out).write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
