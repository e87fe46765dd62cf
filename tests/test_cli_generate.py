"""``python -m optimizer generate``, ``stats`` and ``prompt optimize`` on the embedded model.

A real subprocess where it is the point (the stream to stdout, one-line errors with their
exit code, ``prompt optimize``); the other calls run in this process (``cli``), so the
model is loaded once and not once per call.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

ENV = {"OPTIMIZER_LOCAL_MAX_TOKENS": "24", "OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "OPTIMIZER_PROVIDER": ""}
ARGS = (
    "generate",
    "--type",
    "formulation",
    "--prompt",
    "gentle hydrating serum",
    "--context",
    "product_type=serum",
    "--context",
    "category=skincare",
)


@pytest.mark.model  # the hit counts its prompt with the model's own tokenizer too
def test_generate_streams_then_replays_from_the_cache(run_cli, cli):
    first = run_cli(*ARGS, env=ENV)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() and b"[generated]" in first.stderr and b"demo" in first.stderr
    second = cli(*ARGS, "--format", "json", env=ENV)  # the same data folder: an exact hit
    doc = json.loads(second.stdout)
    assert doc["cached"] == "exact" and doc["complete"] is True
    assert doc["text"].strip() == first.stdout.decode().strip()
    for key in ("prompt_tokens", "completion_tokens", "cost_usd", "ttft_ms", "latency_ms"):
        assert key in doc
    assert doc["latency_ms"] < 1000


@pytest.mark.model
def test_json_fields_for_a_fresh_generation(cli):
    out = cli(*ARGS, "--no-cache", "--format", "json", env=ENV)
    doc = json.loads(out.stdout)
    assert doc["cached"] == "none" and doc["provider"] == "local"
    # The embedded model's runs are priced as the reference model, and say so.
    assert doc["cost_usd"] > 0 and doc["priced_as"] == "gpt-4o" and doc["cost_basis"] == "reference estimate"
    assert 0 < doc["completion_tokens"] <= 24 and doc["ttft_ms"] > 0 and doc["prompt_tokens"] > 0


@pytest.mark.model
def test_stats_after_runs_and_csv_export(cli, tmp_path):
    cli(*ARGS, env=ENV)
    cli(*ARGS, env=ENV)
    summary = json.loads(cli("stats").stdout)["summary"]
    assert summary["runs"] == 2 and summary["cache_hits"] == 1
    target = tmp_path / "runs.csv"
    assert cli("stats", "--csv", str(target)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [r["cache outcome"] for r in rows] == ["exact", "none"]


def test_prompt_optimize_prints_tokens_and_confidence(run_cli):
    out = run_cli(
        "prompt",
        "optimize",
        "--type",
        "market",
        "--prompt",
        "who are the competitors",
        "--context",
        "category=sunscreen",
        "--context",
        "region=Brazil",
    )
    doc = json.loads(out.stdout)
    assert doc["naive_tokens"] > doc["optimized_tokens"] > 0
    assert set(doc["confidence"]["factors"]) == {"completeness", "fit", "record", "compression_risk"}


def test_generate_errors_are_one_line(run_cli):
    bad = run_cli("generate", "--type", "formulation", "--context", "colour=red", env=ENV)
    assert bad.returncode == 1 and b"unknown field" in bad.stderr and bad.stderr.count(b"\n") == 1
    refused = run_cli(
        "generate",
        "--type",
        "formulation",
        "--prompt",
        "x",
        "--provider",
        "openai",
        "--base-url",
        "http://127.0.0.1:1/v1",
        "--no-cache",
        "--timeout",
        "1",
        env=ENV,
    )
    assert refused.returncode == 1 and b"nothing is listening" in refused.stderr and b"Traceback" not in refused.stderr
