"""Request size limits and text hygiene in the core (``optimizer.prompts.optimizer``):
stated once, enforced in ``optimize_prompt`` before any work, one sentence each."""

from __future__ import annotations

import pytest

from optimizer.errors import InputError
from optimizer.prompts import MAX_FIELD_CHARS, MAX_PREVIOUS_CHARS, MAX_QUERY_CHARS, check_request, optimize_prompt
from optimizer.prompts import optimizer as prompt_module


def test_the_limits_are_the_documented_ones():
    assert (MAX_QUERY_CHARS, MAX_FIELD_CHARS, MAX_PREVIOUS_CHARS) == (20_000, 2_000, 60_000)


@pytest.mark.parametrize(
    "query, context, says",
    [
        ("x" * (MAX_QUERY_CHARS + 1), {}, "the request is 20,001 characters; the limit is 20,000"),
        ("ok", {"region": "y" * (MAX_FIELD_CHARS + 1)}, "the field Region is 2,001 characters; the limit is 2,000"),
        ("ok", {"region": ["y" * 1500, "z" * 1500]}, "the field Region is 3,002 characters"),
        ("ok", {"previous": "p" * (MAX_PREVIOUS_CHARS + 1)}, "the chained input is 60,001 characters"),
        ("a\x00b", {}, "the request contains a NUL character"),
        ("ok", {"product_type": "se\x00rum"}, "the field Product type contains a NUL character"),
        ("caf\udce9", {}, "the request is not valid Unicode text (a lone surrogate at position 3"),
        ("ok", {"previous": "\ud800"}, "the chained input is not valid Unicode text"),
        (b"bytes", {}, "the request must be text, not bytes"),
    ],
)
def test_requests_over_the_limits_or_not_text_are_one_sentence(query, context, says):
    with pytest.raises(InputError) as caught:
        optimize_prompt("formulation", query, context)
    message = str(caught.value)
    assert says in message and "\n" not in message
    assert "nothing was sent" in message or "must be text" in message


def test_a_request_at_the_limits_is_accepted(monkeypatch):
    check_request(
        "formulation",
        "q" * MAX_QUERY_CHARS,
        {"product_type": "p" * MAX_FIELD_CHARS, "region": "r" * MAX_FIELD_CHARS, "previous": "c" * MAX_PREVIOUS_CHARS},
    )
    prompt = optimize_prompt("formulation", "serum " * (MAX_QUERY_CHARS // 6), {"region": "EU " * 600})
    assert prompt.optimized_tokens > 1000


def test_a_1_mb_request_is_refused_before_any_work(monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("work was done on a request that should have been refused first")

    monkeypatch.setattr(prompt_module, "compress", no_work)
    monkeypatch.setattr(prompt_module, "count_tokens", no_work)
    monkeypatch.setattr(prompt_module, "similarity", no_work)
    with pytest.raises(InputError, match="1,048,576 characters"):
        optimize_prompt("market", "m" * 1_048_576)


def test_a_prompt_over_the_models_window_is_refused_by_its_token_count():
    query = "niacinamide serum for sensitive skin, " * 400  # ~15,600 characters, ~3,200 tokens
    fits = optimize_prompt("formulation", query, level="lossless")
    with pytest.raises(InputError, match=r"the prompt is [\d,]+ tokens after optimization but the model reads at most"):
        optimize_prompt("formulation", query, level="lossless", max_prompt_tokens=fits.optimized_tokens - 1)
    exact = optimize_prompt("formulation", query, level="lossless", max_prompt_tokens=fits.optimized_tokens)
    assert exact.optimized_tokens == fits.optimized_tokens


def test_unknown_generators_and_fields_keep_their_messages():
    with pytest.raises(InputError, match="unknown field"):
        optimize_prompt("formulation", "ok", {"colour": "red"})


def test_bench_prompt_refuses_the_oversize_case_and_prepares_it_without_limits():
    from optimizer.bench.prompt import rows

    table = {r.case: r for r in rows(repeat=1, oversize_chars=30_000)}
    assert table["oversize, with limits"].outcome == "refused: the request is 30,000 characters"
    assert table["oversize, no limits (baseline)"].outcome.startswith("prepared: ")
    assert table["maximum size + chained input"].characters == MAX_QUERY_CHARS + MAX_PREVIOUS_CHARS
    restored = (prompt_module.MAX_QUERY_CHARS, prompt_module.MAX_FIELD_CHARS, prompt_module.MAX_PREVIOUS_CHARS)
    assert restored == (20_000, 2_000, 60_000)  # lifted for the baseline only
