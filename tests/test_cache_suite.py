"""The adversarial suite (optimizer/data/fixtures/semantic/, written by someone else) and the
QQP sample, through the real CacheService (optimizer/bench/semantic.py runs them), and
``python -m optimizer bench cache``, which runs the same suite and QQP sample in its report.

The suite and the QQP run are computed once for this module (see ``_suite_once``): the
benchmark's table and these tests' counts come from the same run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
from collections.abc import Iterator

import pytest

from optimizer.bench import semantic

pytestmark = pytest.mark.slow  # about 10 s: 3 strategies x 2 halves (2,500 cases), QQP with WordLlama, the bench
QQP_PAIRS = 300  # the pairs `bench cache --quick` runs (its first 300)


@pytest.fixture(scope="module", autouse=True)
def _suite_once():
    """``semantic.run_suite`` and ``semantic.run_qqp`` computed once per module for the same
    cases (the folder they work in is scratch; a half's label is the caller's): the tests
    below and the benchmark's report read the same results."""
    run_suite, run_qqp = semantic.run_suite, semantic.run_qqp
    suites: dict[tuple[str, ...], list] = {}
    qqps: dict[tuple, tuple] = {}

    def suite_once(cases, folder, half):
        cases = list(cases)
        key = tuple(case.id for case in cases)
        if key not in suites:
            with _forms_once():
                suites[key] = run_suite(cases, folder, half)
        return [dataclasses.replace(result, half=half) for result in suites[key]]

    def qqp_once(pairs, folder):
        key = tuple(pairs)
        if key not in qqps:
            with _forms_once():
                qqps[key] = run_qqp(pairs, folder)
        return qqps[key]

    patch = pytest.MonkeyPatch()
    patch.setattr(semantic, "run_suite", suite_once)
    patch.setattr(semantic, "run_qqp", qqp_once)
    yield
    patch.undo()


@contextlib.contextmanager
def _forms_once() -> Iterator[None]:
    """While the suite or QQP runs, each text's canonical form is computed once, not once
    per strategy, per stored and looked-up side and per rewrite (``canonical_text`` is a
    pure function of its arguments and returns tuples: the same verdicts, ~40% of the
    suite's CPU less; so is a text's clauses, ``canon._raw_clauses``). Only around those runs: the benchmark's timed rows are not."""
    from optimizer.cache import canon, guard

    patch = pytest.MonkeyPatch()
    patch.setattr(guard, "canonical_text", functools.lru_cache(maxsize=None)(guard.canonical_text))
    # a text's clauses too (canon keeps 8,192; a half holds about 40,000 texts and their
    # rewrites: 40% of the half's time less, the same results)
    patch.setattr(canon, "_raw_clauses", functools.lru_cache(maxsize=None)(canon._raw_clauses.__wrapped__))
    try:
        yield
    finally:
        patch.undo()


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Each half's results, only when a test asks for that half (computed once: see above)."""
    folder = tmp_path_factory.mktemp("suite")

    def run(half: str) -> list:
        paths = semantic.TUNE if half == "tune" else semantic.REPORT
        return semantic.run_suite(semantic.load_suite(paths), folder, half)

    return run


def _total(results, half, strategy, kind):
    rows = [r for r in results(half) if r.strategy == strategy and r.kind == kind]
    return sum(r.served for r in rows), sum(r.cases for r in rows)


@pytest.mark.parametrize("half", ["tune", "report"])
@pytest.mark.parametrize("strategy", ["conservative", "balanced", "aggressive"])
def test_no_near_miss_is_ever_served(results, half, strategy):
    served, cases = _total(results, half, strategy, "near-miss")
    assert cases >= 150
    # Counts only: the reporting half's texts are not shown here (nobody tunes on them).
    assert served == 0, f"{served} wrong hits on the {half} half under {strategy}"


def test_recall_floor_on_the_tuning_half(results):
    recall = {s: _total(results, "tune", s, "paraphrase") for s in ("conservative", "balanced", "aggressive")}
    conservative, balanced, aggressive = (served / cases for served, cases in recall.values())
    # 52.7% on the tuning half at g63 (README); 59.1% before holdout13 to holdout16, holdout18
    # and holdout23 (long, pasted, scenario, realistic, terse and identifier-laden requests,
    # whose paraphrases it serves 39%, 28%, 47%, 50%, 45% and 48% of) joined it.
    assert balanced >= 0.52
    assert aggressive >= balanced > conservative


def test_the_suite_covers_every_generator_and_both_kinds():
    cases = semantic.load_suite(semantic.TUNE)
    assert {c.generator for c in cases} == {"formulation", "costing", "market", "branding", "scientific"}
    assert {"near-miss", "paraphrase"} <= {c.kind for c in cases} <= {"near-miss", "paraphrase", "disputed"}
    assert {c.where for c in cases} == {"query", "field", "both"}


def test_qqp_hard_negatives_are_not_served(tmp_path):
    pairs = semantic.load_qqp(QQP_PAIRS)
    results, baseline = semantic.run_qqp(pairs, tmp_path)
    by = {r.strategy: r for r in results}
    assert by["conservative"].recalled < by["balanced"].recalled <= by["aggressive"].recalled
    assert by["balanced"].negatives > 150 and by["balanced"].false_hits == 0
    assert 0 < baseline["balanced:threshold"] <= 1
    assert baseline["balanced:judged"] <= baseline["balanced"]


def test_judged_hard_negatives_are_pairs_of_the_sample():
    """Each judged pair is a similar question of the sample against another pair's origin
    written differently (the judgement is about two texts, never one text against itself)."""
    pairs = semantic.load_qqp()
    similars, origins = {s for _, s in pairs}, {o for o, _ in pairs}
    judged = semantic.judged_same()
    assert judged
    for similar, origin in judged:
        assert similar in similars and origin in origins
        assert semantic._norm(similar) != semantic._norm(origin)


def test_bench_cache_reports_latency_and_zero_wrong_hits(cli, redis_url):
    """The benchmark's report (in this process: its suite and QQP rows are the run above)."""
    out = cli("bench", "cache", "--quick", "--sizes", "500", "--calls", "300")
    text = out.stdout.decode()
    assert out.returncode == 0, out.stderr
    assert "raw diskcache Cache.get" in text and "CacheService hit, Redis" in text
    scale = [line.split() for line in text.splitlines() if line.strip().startswith("500 ")]
    assert len(scale) == 1 and float(scale[0][4].split("/")[0]) > 0  # semantic hit p50 (ms)
    # the ALL row of each table: near-misses and paraphrases on each half (and disputed pairs,
    # counted apart, where a half holds them)
    tables, heading = {}, ""
    for line in text.splitlines():
        heading = line if line.startswith("### ") else heading
        if line.startswith("ALL "):
            tables[heading] = line.split()
    near_misses = [row for head, row in tables.items() if "near-misses" in head]
    assert len(near_misses) == 2 and sum("paraphrases" in head for head in tables) == 2
    assert all(row[1].startswith("0/") and row[3].startswith("0/") and row[5].startswith("0/") for row in near_misses)
    qqp = [line.split() for line in text.splitlines() if line.startswith(("balanced ", "aggressive "))]
    assert len(qqp) == 2


def test_each_relabelled_pair_exists_says_why_and_changes_its_writers_label():
    rows = json.loads(semantic.RELABELLED.read_text(encoding="utf-8"))
    written = {}
    for path in sorted(semantic.SUITE_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                written[row["id"]] = row["kind"]
    relabelled = {k: v for k, v in rows.items() if not k.startswith("_")}
    assert relabelled
    for case_id, row in relabelled.items():
        assert case_id in written, case_id
        assert row["kind"] != written[case_id] and len(row["why"]) > 40
    loaded = {c.id: c.kind for c in semantic.load_suite(semantic.TUNE)}
    assert all(loaded[i] == relabelled[i]["kind"] for i in relabelled if i in loaded)
