"""``python -m optimizer bench replay``: a realistic analyst workload, baseline against
optimized, in one run.

The workload is seeded: N requests drawn with Zipf-like popularity from the intents in
``fixtures/replay-intents.json``, as the canonical request (60%), a paraphrase (25%) or a
near-miss (15%: another number, region, skin type, audience or a negation, which must
never be served another request's answer).

* **baseline**: the naive prompt an analyst would type (no template, no output steering,
  chained inputs pasted as pretty JSON), no cache, no compression;
* **optimized**: the full pipeline (templates, medium compression, output steering,
  lossless context, the balanced cache with its guarded semantic match).

Both passes use the same provider, answer cap and temperature 0. Every token is counted
with the reference model's tokenizer and priced at its price, even when the text came from
the embedded model, so the dollars say what the same workload would cost on that model.
The saving splits exactly into cache + prompt optimization + context compression + output
steering (see ``savings``).
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..cache import CachePolicy, CacheService, DiskBackend, Strategy
from ..config import PACKAGE_DATA, data_dir
from ..generate import GenerationRequest, GenerationService
from ..ledger import Ledger
from ..parsing import parse_answer
from ..pricing import price_table
from ..prompts import PREVIOUS_KEY, optimize_prompt
from ..providers import Message, TextDelta, make_provider, resolve_settings
from ..tokens import DEFAULT_MODEL, choose_encoding, count_tokens

INTENTS = PACKAGE_DATA / "fixtures" / "replay-intents.json"
FORMULATIONS = PACKAGE_DATA / "fixtures" / "json" / "formulations.json"
ZIPF_S = 1.1
DEFAULT_CAP = 128  # answer tokens per request; keeps 200 requests x 2 passes under 10 minutes here
REFERENCE_MODEL = DEFAULT_MODEL


@dataclass(frozen=True)
class ReplayRequest:
    """One request of the replay workload: which intent, which variant of it, and the generator's fields."""

    index: int
    intent: str
    variant: str  # canonical, paraphrase:k or near:k
    identity: str  # requests with the same identity may share an answer; no others may
    generator: str
    fields: dict[str, str]
    query: str
    chained: bool = False

    @property
    def labels(self) -> tuple[int, str, str, str]:
        """(index, intent, variant, generator): the fields an :class:`Outcome` starts with."""
        return self.index, self.intent, self.variant, self.generator


@dataclass(frozen=True)
class Outcome:
    """What one request cost in one pass (baseline or optimized): tokens, dollars, times, and whether a hit was
    wrong.
    """

    index: int
    intent: str
    variant: str
    generator: str
    cached: str  # baseline: always none
    wrong_hit: bool
    input_tokens: int  # what this pass sent (0 for a cache hit)
    output_tokens: int  # what this pass received from the provider (0 for a cache hit)
    would_send_input: int  # the prompt's size, even when a hit avoided sending it
    answer_tokens: int  # the answer shown, generated or replayed
    context_saved_tokens: int
    cost_usd: float
    ttft_ms: float
    latency_ms: float
    complete: bool
    parsed: bool = False  # the answer gave the generator's table (parsing.parse_answer)


@dataclass
class ReplayReport:
    """Both passes of one replay run, with what they were counted and priced with."""

    requests: int
    provider: str
    reference_model: str
    encoding: str
    price_as_of: str
    cap: int
    seed: int
    baseline: list[Outcome] = field(default_factory=list)
    optimized: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0


def _previous_input() -> str:
    """A formulation as an analyst would paste it into a costing request: pretty JSON."""
    first = json.loads(FORMULATIONS.read_text(encoding="utf-8"))["formulations"][0]
    return json.dumps(first["ingredients"], indent=2, ensure_ascii=False)


def build_workload(n: int, seed: int) -> list[ReplayRequest]:
    """``n`` requests drawn from the intents with Zipf-like popularity, seeded (same ``seed``, same workload).

    Each is the canonical request (60%), a paraphrase (25%) or a near-miss (15%) that must
    never be served another request's answer.

    >>> len(build_workload(5, seed=7))
    5
    """
    intents = json.loads(INTENTS.read_text(encoding="utf-8"))["intents"]
    rnd = random.Random(seed)
    weights = [1 / (rank + 1) ** ZIPF_S for rank in range(len(intents))]
    out = []
    for index in range(n):
        intent = rnd.choices(intents, weights)[0]
        fields, query, roll = dict(intent["fields"]), intent["query"], rnd.random()
        if roll < 0.60 or not intent["paraphrases"]:
            variant, identity = "canonical", intent["id"]
        elif roll < 0.85:
            k = rnd.randrange(len(intent["paraphrases"]))
            variant, identity, query = f"paraphrase:{k}", intent["id"], intent["paraphrases"][k]
        else:
            k = rnd.randrange(len(intent["near_misses"]))
            change = intent["near_misses"][k]
            fields.update(change.get("fields", {}))
            query = change.get("query", query)
            variant, identity = f"near:{k}", f"{intent['id']}#near{k}"
        out.append(
            ReplayRequest(
                index, intent["id"], variant, identity, intent["generator"], fields, query, bool(intent.get("chained"))
            )
        )
    return out


def _fields(request: ReplayRequest, previous: str) -> dict[str, str]:
    return {**request.fields, PREVIOUS_KEY: previous} if request.chained else dict(request.fields)


def run_baseline(provider, workload: list[ReplayRequest], cap: int, ref: str, previous: str) -> list[Outcome]:
    """The baseline pass: each request's naive prompt streamed as is (no template, no cache, no compression).

    Tokens are counted and priced as the reference model ``ref``; ``cap`` bounds each answer.
    """
    prices = price_table()
    outcomes = []
    for r in workload:
        naive = optimize_prompt(r.generator, r.query, _fields(r, previous), "lossless", ref).naive_prompt
        started, first, parts = time.perf_counter(), None, []
        for event in provider.stream((Message("user", naive),), max_tokens=cap, temperature=0.0):
            if isinstance(event, TextDelta):
                first = first or time.perf_counter()
                parts.append(event.text)
        ended = time.perf_counter()
        tokens_in, tokens_out = count_tokens(naive, ref), count_tokens("".join(parts), ref)
        # No cache and no template: what it sends is the whole prompt, what it gets the whole answer.
        sizes = (tokens_in, tokens_out, tokens_in, tokens_out, 0)
        cost = prices.cost(ref, tokens_in, tokens_out)
        ttft_ms, latency_ms = ((first or ended) - started) * 1000, (ended - started) * 1000
        parsed = parse_answer(r.generator, "".join(parts)).ok
        outcomes.append(Outcome(*r.labels, "none", False, *sizes, cost, ttft_ms, latency_ms, True, parsed))
    return outcomes


def run_optimized(
    provider, workload: list[ReplayRequest], cap: int, ref: str, previous: str, folder: Path
) -> list[Outcome]:
    """The optimized pass: every request through :class:`GenerationService` (templates, medium
    compression, the balanced cache), with a fresh cache and ledger in ``folder``.

    A hit served to a request of another identity is counted as a wrong hit.
    """
    prices = price_table()
    cache = CacheService(DiskBackend(folder / "cache"), CachePolicy(Strategy.BALANCED))
    service = GenerationService(provider, cache, Ledger(folder / "ledger.sqlite3"), source="bench")
    identity_of_entry: dict[str, str] = {}
    outcomes = []
    try:
        for r in workload:
            generation = service.generate(
                GenerationRequest(r.generator, r.query, _fields(r, previous), "medium", max_tokens=cap, temperature=0.0)
            )
            text = "".join(generation)
            response = generation.response
            prompt = generation.prompt
            would_send = sum(count_tokens(m.content, ref) for m in prompt.messages)
            context_saved = 0
            if r.chained and "Input:\n" in prompt.messages[-1].content:
                context_saved = count_tokens(previous, ref) - count_tokens(
                    prompt.messages[-1].content.split("Input:\n", 1)[1], ref
                )
            hit = generation.cache_hit
            wrong = False
            if hit is not None:
                wrong = identity_of_entry.get(hit.key) != r.identity
            elif response.complete:
                identity_of_entry.setdefault(generation.cache_request.key, r.identity)
            sent_in = 0 if hit else would_send
            out_tokens = count_tokens(text, ref)
            cost = 0.0 if hit else prices.cost(ref, sent_in, out_tokens)
            sizes = (sent_in, 0 if hit else out_tokens, would_send, out_tokens, context_saved)
            timing = (response.ttft_ms or 0.0, response.latency_ms or 0.0)
            parsed = bool(generation.parsed and generation.parsed.ok)
            outcomes.append(
                Outcome(*r.labels, generation.cached, wrong, *sizes, cost, *timing, response.complete, parsed)
            )
    finally:
        cache.close()
    return outcomes


def replay(
    n: int = 200,
    provider_name: str | None = None,
    model: str | None = None,
    seed: int = 7,
    cap: int = DEFAULT_CAP,
    reference: str = REFERENCE_MODEL,
) -> ReplayReport:
    """Run the replay benchmark: build the workload, run the baseline then the optimized pass.

    :param n: how many requests.
    :param provider_name: ``OPTIMIZER_PROVIDER`` for this run (default: the configured one).
    :param model: ``OPENAI_MODEL`` for this run.
    :param seed: the workload's seed.
    :param cap: answer tokens per request.
    :param reference: the model whose tokenizer and prices count every token.
    :raises OptimizerError: the provider cannot be built or fails.
    """
    settings = resolve_settings(
        {k: v for k, v in {"OPTIMIZER_PROVIDER": provider_name, "OPENAI_MODEL": model}.items() if v}
    )
    provider = make_provider(settings)
    workload = build_workload(n, seed)
    previous = _previous_input()
    report = ReplayReport(
        n, provider.describe(), reference, choose_encoding(reference).encoding_name, price_table().as_of, cap, seed
    )
    started = time.perf_counter()
    report.baseline = run_baseline(provider, workload, cap, reference, previous)
    with tempfile.TemporaryDirectory(prefix="optimizer-replay-") as tmp:
        report.optimized = run_optimized(provider, workload, cap, reference, previous, Path(tmp))
    report.seconds = time.perf_counter() - started
    return report


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def savings(report: ReplayReport) -> dict[str, Any]:
    """baseline - optimized, split exactly by source (tokens and dollars at the reference price)."""
    price = price_table().price(report.reference_model)
    p_in, p_out = price.input / 1e6, price.output / 1e6
    by_index = {o.index: o for o in report.baseline}
    cache_in = cache_out = prompt = context = output = 0
    for o in report.optimized:
        b = by_index[o.index]
        if o.cached != "none":
            cache_in += o.would_send_input
            cache_out += o.answer_tokens
        context += o.context_saved_tokens
        prompt += b.input_tokens - o.would_send_input - o.context_saved_tokens
        output += b.answer_tokens - o.answer_tokens
    split = {
        "cache": (cache_in + cache_out, cache_in * p_in + cache_out * p_out),
        "prompt optimization": (prompt, prompt * p_in),
        "context compression": (context, context * p_in),
        "output steering": (output, output * p_out),
    }
    baseline_cost = sum(o.cost_usd for o in report.baseline)
    optimized_cost = sum(o.cost_usd for o in report.optimized)
    return {
        "split": split,
        "baseline_usd": baseline_cost,
        "optimized_usd": optimized_cost,
        "saved_usd": baseline_cost - optimized_cost,
    }


def summary_rows(report: ReplayReport) -> list[dict[str, Any]]:
    """The summary table, one row per metric: baseline, optimized, saved, and how it was counted."""
    base, opt = report.baseline, report.optimized
    hits = [o for o in opt if o.cached != "none"]
    misses = [o for o in opt if o.cached == "none"]
    s = savings(report)

    def row(metric, b, o, saved, how):
        return {"metric": metric, "baseline": b, "optimized": o, "saved": saved, "how counted": how}

    tin_b, tin_o = sum(o.input_tokens for o in base), sum(o.input_tokens for o in opt)
    tout_b, tout_o = sum(o.output_tokens for o in base), sum(o.output_tokens for o in opt)
    enc = f"{report.encoding} ({report.reference_model})"
    distinct = len({(o.intent, o.variant.split(":")[0] == "near" and o.variant) for o in opt})
    without_cache = sum(usd for source, (_, usd) in s["split"].items() if source != "cache")
    rows = [
        row("requests", len(base), len(opt), "", f"seed {report.seed}, Zipf s={ZIPF_S}"),
        row(
            "distinct answers asked for", "", distinct, "", "intents and their near-misses; paraphrases share an answer"
        ),
        row("input tokens", tin_b, tin_o, _saved(tin_b, tin_o), f"{enc}; a hit sends nothing"),
        row("output tokens", tout_b, tout_o, _saved(tout_b, tout_o), f"{enc}; answers capped at {report.cap}"),
        row("total tokens", tin_b + tout_b, tin_o + tout_o, _saved(tin_b + tout_b, tin_o + tout_o), enc),
        row(
            "cost (USD)",
            f"{s['baseline_usd']:.4f}",
            f"{s['optimized_usd']:.4f}",
            _saved(s["baseline_usd"], s["optimized_usd"]),
            f"{report.reference_model} prices as of {report.price_as_of}",
        ),
        row("hit rate exact", "", f"{sum(o.cached == 'exact' for o in opt) / len(opt):.1%}", "", "of all requests"),
        row(
            "hit rate semantic",
            "",
            f"{sum(o.cached == 'semantic' for o in opt) / len(opt):.1%}",
            "",
            "guarded: same numbers, units, negations, fields",
        ),
        row("wrong hits", "", sum(o.wrong_hit for o in opt), "", "a hit serving another request's answer"),
        row(
            "latency p50 / p95, misses (ms)",
            f"{_pct([o.latency_ms for o in base], 0.5):.0f} / {_pct([o.latency_ms for o in base], 0.95):.0f}",
            f"{_pct([o.latency_ms for o in misses], 0.5):.0f} / {_pct([o.latency_ms for o in misses], 0.95):.0f}",
            "",
            "wall time per request, stream included",
        ),
        row(
            "latency p50 / p95, hits (ms)",
            "",
            f"{_pct([o.latency_ms for o in hits], 0.5):.2f} / {_pct([o.latency_ms for o in hits], 0.95):.2f}",
            "",
            "lookup + replay",
        ),
        row(
            "TTFT p50 (ms)",
            f"{_pct([o.ttft_ms for o in base], 0.5):.0f}",
            f"{_pct([o.ttft_ms for o in opt], 0.5):.1f}",
            "",
            "all requests of the pass",
        ),
    ]
    for generator in sorted({o.generator for o in opt}):
        rate_b, rate_o = _parse_rate(base, generator), _parse_rate(opt, generator)
        rows.append(row(f"parse rate {generator}", rate_b, rate_o, "", "answers that gave the table (complete ones)"))
    for source, (tokens, usd) in s["split"].items():
        rows.append(row(f"saved by {source}", "", "", f"{tokens:,} tok / ${usd:.4f}", _HOW[source]))
    rows.append(
        row(
            "saved without the cache",
            "",
            "",
            _saved(s["baseline_usd"], s["baseline_usd"] - without_cache),
            "prompt + context + output steering, as a share of the baseline cost",
        )
    )
    return rows


_HOW = {
    "cache": "what the hits would have sent and received (their optimized prompt and answer)",
    "prompt optimization": "naive prompt minus the optimized prompt, chained input excluded",
    "context compression": "chained formulation: pasted pretty JSON minus its lossless notation",
    "output steering": "baseline answer tokens minus optimized answer tokens (same cap)",
}


def _parse_rate(outcomes: list[Outcome], generator: str) -> str:
    mine = [o for o in outcomes if o.generator == generator and o.complete]
    if not mine:
        return ""
    return f"{sum(o.parsed for o in mine) / len(mine):.0%} of {len(mine)}"


def _saved(before: float, after: float) -> str:
    return f"{100 * (before - after) / before:.1f}%" if before else ""


def render(report: ReplayReport) -> str:
    """The summary table as aligned plain text, for the terminal."""
    rows = summary_rows(report)
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in rows[0]}

    def line(r):
        return "  ".join(
            str(r[k]).ljust(widths[k]) if k in ("metric", "how counted") else str(r[k]).rjust(widths[k]) for k in widths
        )

    head = [
        f"# Replay benchmark — {report.requests} requests, provider {report.provider}, {report.seconds / 60:.1f} min",
        "",
    ]
    return "\n".join(
        [*head, line({k: k for k in widths}), line({k: "-" * widths[k] for k in widths}), *(line(r) for r in rows)]
    )


def write_outputs(report: ReplayReport, out: Path) -> list[Path]:
    """Write the summary and per-request CSVs and an HTML chart into ``out`` (created if needed).

    :returns: the paths written.
    """
    from plotly.subplots import make_subplots

    out.mkdir(parents=True, exist_ok=True)
    files = []
    summary = out / "replay-summary.csv"
    with summary.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(summary_rows(report)[0]))
        writer.writeheader()
        writer.writerows(summary_rows(report))
    files.append(summary)
    per_request = out / "replay-requests.csv"
    with per_request.open("w", newline="", encoding="utf-8") as fh:
        names = list(asdict(report.baseline[0]))
        writer = csv.DictWriter(fh, fieldnames=["pass", *names])
        writer.writeheader()
        for label, outcomes in (("baseline", report.baseline), ("optimized", report.optimized)):
            for o in outcomes:
                writer.writerow({"pass": label, **{k: v for k, v in asdict(o).items() if k in names}})
    files.append(per_request)
    s = savings(report)
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=(f"Cost at {report.reference_model} prices (USD)", "Saving by source (USD)")
    )
    fig.add_bar(x=["baseline", "optimized"], y=[s["baseline_usd"], s["optimized_usd"]], row=1, col=1, name="cost")
    fig.add_bar(x=list(s["split"]), y=[usd for _, usd in s["split"].values()], row=1, col=2, name="saved")
    fig.update_layout(title=f"Replay of {report.requests} requests ({report.provider})", showlegend=False)
    chart = out / "replay.html"
    fig.write_html(chart, include_plotlyjs=True)
    files.append(chart)
    return files


def default_out() -> Path:
    """Where replay writes its outputs by default: ``<data dir>/bench/replay``."""
    return data_dir() / "bench" / "replay"
