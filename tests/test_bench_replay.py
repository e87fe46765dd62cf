"""The replay benchmark: a seeded workload, two passes, an exact split of the saving."""

from __future__ import annotations

import csv

import pytest

from optimizer.bench.replay import build_workload, replay, savings, summary_rows, write_outputs


def test_workload_is_seeded_skewed_and_mixed():
    a, b = build_workload(300, seed=3), build_workload(300, seed=3)
    assert a == b and build_workload(300, seed=4) != a
    counts = {}
    for r in a:
        counts[r.intent] = counts.get(r.intent, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] > 3 * ranked[-1]  # Zipf-like: the head is much more popular than the tail
    variants = {r.variant.split(":")[0] for r in a}
    assert variants == {"canonical", "paraphrase", "near"}
    near = [r for r in a if r.variant.startswith("near")]
    assert all(r.identity != r.intent for r in near)


@pytest.fixture(scope="module")
def small_report(tmp_path_factory, fake_upstream):
    """The replay on the fake OpenAI-compatible upstream (5 ms a call): what this file checks
    is the benchmark's bookkeeping; `python -m optimizer bench replay` runs the real model."""
    from support.gateway import UPSTREAM_KEY

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OPTIMIZER_DATA_DIR", str(tmp_path_factory.mktemp("replay-data")))
        mp.delenv("OPTIMIZER_PROVIDER", raising=False)
        mp.setenv("OPENAI_BASE_URL", fake_upstream)
        mp.setenv("OPENAI_API_KEY", UPSTREAM_KEY)
        yield replay(n=24, provider_name="openai", model="gpt-4o-mini", seed=11, cap=16)


def test_no_wrong_hits_and_real_hits(small_report):
    opt = small_report.optimized
    assert len(opt) == len(small_report.baseline) == 24
    assert sum(o.wrong_hit for o in opt) == 0
    assert any(o.cached == "exact" for o in opt)
    hits = sorted(o.latency_ms for o in opt if o.cached != "none")
    misses = sorted(o.latency_ms for o in opt if o.cached == "none")
    assert hits[len(hits) // 2] < misses[len(misses) // 2]  # medians: a hit skips the upstream


def test_the_saving_splits_exactly_by_source(small_report):
    s = savings(small_report)
    tokens_saved = sum(t for t, _ in s["split"].values())
    base = sum(o.input_tokens + o.output_tokens for o in small_report.baseline)
    opt = sum(o.input_tokens + o.output_tokens for o in small_report.optimized)
    assert tokens_saved == base - opt
    assert sum(usd for _, usd in s["split"].values()) == pytest.approx(s["saved_usd"], abs=1e-9)
    assert s["split"]["context compression"][0] > 0  # the chained costing intent


def test_outputs_are_written(small_report, tmp_path):
    files = write_outputs(small_report, tmp_path / "out")
    names = {f.name for f in files}
    assert names == {"replay-summary.csv", "replay-requests.csv", "replay.html"}
    rows = list(csv.DictReader((tmp_path / "out" / "replay-requests.csv").open()))
    assert len(rows) == 48 and {r["pass"] for r in rows} == {"baseline", "optimized"}
    metrics = [r["metric"] for r in summary_rows(small_report)]
    assert "wrong hits" in metrics and "saved by output steering" in metrics
    assert {m for m in metrics if m.startswith("parse rate ")} == {
        f"parse rate {o.generator}" for o in small_report.optimized
    }
    assert "plotly" in (tmp_path / "out" / "replay.html").read_text()[:5000].lower()


def test_no_variant_of_an_intent_is_served_another_variants_answer():
    """Every near-miss of the replay workload, against its intent's canonical request and
    paraphrases (both ways), is never served; the README's replay figures rest on it."""
    import json

    from optimizer.bench.semantic import MemoryStore, suite_request
    from optimizer.cache import CacheService
    from optimizer.cache.policy import CachePolicy, Strategy
    from optimizer.config import PACKAGE_DATA

    intents = json.loads((PACKAGE_DATA / "fixtures" / "replay-intents.json").read_text())["intents"]
    pairs = 0
    for intent in intents:
        same = [{"query": intent["query"], "context": intent["fields"]}]
        same += [{"query": p, "context": intent["fields"]} for p in intent["paraphrases"]]
        near = [
            {"query": n.get("query", intent["query"]), "context": {**intent["fields"], **n.get("fields", {})}}
            for n in intent["near_misses"]
        ]
        for k, (a, b) in enumerate([(x, y) for x in same for y in near] + [(y, x) for x in same for y in near]):
            service = CacheService(MemoryStore(), CachePolicy(Strategy.BALANCED))
            service.put(suite_request(f"{intent['id']}-{k}", intent["generator"], a), {"a": 1})
            assert service.get(suite_request(f"{intent['id']}-{k}", intent["generator"], b)) is None, (a, b)
            pairs += 1
    assert pairs > 100
