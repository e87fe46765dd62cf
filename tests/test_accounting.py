"""Figures that agree: one definition per token figure, the embedded model priced as a
reference model, savings explained, end states, and what a run keeps — through the real
pipeline (GenerationService) with in-process providers, and the CSV it exports."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace

import pytest

from optimizer.accounting import Pricing, account_run, end_state_of
from optimizer.cache import CacheService, DiskBackend
from optimizer.errors import ConfigError
from optimizer.generate import GenerationRequest, GenerationService
from optimizer.ledger import Ledger
from optimizer.pricing import price_table
from optimizer.providers import Finish, ProviderError, TextDelta, UsageReport
from optimizer.states import EndState
from optimizer.tokens import count_tokens

FORM = {"product_type": "serum", "category": "skincare", "requirements": "fragrance-free", "region": "EU"}
ANSWER = "Aqua | 80 | solvent\nGlycerin | 5 | humectant\nNiacinamide | 4 | brightening"


class FakeProvider:
    """An in-process provider: answers ANSWER in three deltas and reports its usage."""

    def __init__(self, name="local", model="local", endpoint="local", usage=(109, 31), finish="stop", fail=None):
        self.name, self.model, self.endpoint = name, model, endpoint
        self.usage, self.finish, self.fail = usage, finish, fail

    def describe(self):
        return "fake"

    def count_tokens(self, text):
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        for line in ANSWER.splitlines(keepends=True):
            yield TextDelta(line)
            if self.fail:
                raise ProviderError(self.fail, kind="cut")
        yield UsageReport(*self.usage)
        yield Finish(self.finish)


@pytest.fixture
def ledger(tmp_path):
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.close()


def generate(service, **request):
    generation = service.generate(GenerationRequest("formulation", "gentle serum", FORM, **request))
    text = "".join(generation)
    return generation, text


def test_the_embedded_model_is_priced_as_gpt_4o_and_its_figures_agree(ledger):
    service = GenerationService(FakeProvider(), None, ledger, source="studio")
    preview = service.prepare(GenerationRequest("formulation", "gentle serum", FORM))
    generation, text = generate(service)
    row = ledger.get(generation.run_id)
    # The preview's figure is the result's and the ledger's: one tokenizer, named.
    assert row["optimized_prompt_tokens"] == preview.optimized_tokens == generation.run.optimized_prompt_tokens
    assert row["naive_prompt_tokens"] == preview.naive_tokens
    assert row["saved_prompt_tokens"] == preview.naive_tokens - preview.optimized_tokens
    assert row["reference_tokenizer"] == service.reference_tokenizer == "o200k_base"
    assert row["answer_tokens"] == count_tokens(text, "gpt-4o")
    # The provider's own usage is kept apart and says who counted it.
    assert (row["prompt_tokens"], row["completion_tokens"]) == (109, 31)
    assert row["usage_tokenizer"] == "SmolLM2-135M (llama.cpp)"
    # Dollars: not $0, priced as the reference model on the reference counts.
    expected = price_table().cost("gpt-4o", preview.optimized_tokens, row["answer_tokens"])
    assert row["cost_usd"] == pytest.approx(expected) and row["cost_usd"] > 0
    assert (row["priced_as"], row["cost_basis"]) == ("gpt-4o", "reference estimate")
    assert row["saved_prompt_usd"] == pytest.approx(row["saved_prompt_tokens"] * 2.5 / 1e6)
    assert (row["source"], row["endpoint"], row["end_state"], row["user"]) == ("studio", "local", "complete", "local")
    assert row["query"] == "gentle serum" and json.loads(row["context_json"]) == FORM and row["answer"] == text
    csv_row = next(csv.DictReader(io.StringIO(ledger.to_csv())))
    assert csv_row["prompt tokens (o200k_base)"] == str(preview.optimized_tokens)
    assert csv_row["naive prompt tokens (o200k_base)"] == str(preview.naive_tokens)
    assert csv_row["cost (USD)"] == f"{expected:.6f}" and csv_row["priced as"] == "gpt-4o"


def test_a_model_with_a_price_is_billed_on_its_reported_usage(ledger):
    provider = FakeProvider("openai", "gpt-4o-mini", "https://api.openai.com/v1", usage=(42, 12))
    service = GenerationService(provider, None, ledger)
    generation, _ = generate(service)
    run = generation.run
    assert run.cost_usd == pytest.approx(price_table().cost("gpt-4o-mini", 42, 12))
    assert (run.priced_as, run.cost_basis, run.usage_tokenizer) == (
        "gpt-4o-mini",
        "provider usage",
        "reported by the provider",
    )
    assert service.billed and service.priced_as == "gpt-4o-mini"


def test_the_reference_model_is_an_option_and_is_checked(ledger):
    cheaper = GenerationService(FakeProvider(), None, ledger, priced_as="gpt-4o-mini")
    generation, _ = generate(cheaper)
    assert generation.run.priced_as == "gpt-4o-mini" and generation.run.reference_tokenizer == "o200k_base"
    with pytest.raises(ConfigError, match="no price for the reference model 'nope'"):
        GenerationService(FakeProvider(), None, ledger, priced_as="nope")
    unpriced = GenerationService(FakeProvider(), None, ledger, priced_as="")
    generation, _ = generate(unpriced)
    assert (generation.run.cost_usd, generation.run.priced_as, generation.run.cost_basis) == (0.0, "", "")


def test_a_cache_hit_saves_the_whole_call_counted_the_same_way(ledger, tmp_path):
    cache = CacheService(DiskBackend(tmp_path / "cache"))
    service = GenerationService(FakeProvider(), cache, ledger)
    first, _ = generate(service)
    second, _ = generate(service)
    hit = ledger.get(second.run_id)
    original = ledger.get(first.run_id)
    assert hit["cached"] == "exact" and hit["cost_usd"] == 0 and hit["prompt_tokens"] == hit["completion_tokens"] == 0
    assert hit["saved_cache_tokens"] == original["optimized_prompt_tokens"] + original["answer_tokens"]
    assert hit["saved_cache_usd"] == pytest.approx(original["cost_usd"])
    assert hit["saved_prompt_tokens"] == 0 and hit["usage_tokenizer"] == ""
    cache.close()


def test_a_longer_optimized_prompt_is_a_negative_saving_with_its_reason():
    prompt = SimpleNamespace(
        generator="branding",
        template_id="branding-t1",
        level="medium",
        naive_tokens=30,
        optimized_tokens=52,
        saved_tokens=-22,
        context_saved_tokens=0,
        confidence=SimpleNamespace(score=0.5),
    )
    response = SimpleNamespace(
        cached="none",
        text="Glow | bright",
        usage=SimpleNamespace(prompt_tokens=60, completion_tokens=4, cached_tokens=0, source="provider"),
        error=None,
        error_kind=None,
        complete=True,
        finish_reason="stop",
        ttft_ms=10.0,
        latency_ms=20.0,
    )
    run = account_run(
        prompt=prompt,
        response=response,
        request=GenerationRequest("branding"),
        provider=FakeProvider(),
        pricing=Pricing(price_table(), "local"),
    )
    assert run.saved_prompt_tokens == -22 and run.saved_prompt_usd == pytest.approx(-22 * 2.5 / 1e6)
    assert "22 tokens longer" in run.savings_note and "output-format" in run.savings_note


def test_keep_text_false_keeps_no_request_or_answer(ledger):
    service = GenerationService(FakeProvider(), None, ledger)
    generation, _ = generate(service, keep_text=False)
    row = ledger.get(generation.run_id)
    assert (row["query"], row["context_json"], row["answer"], row["text_kept"]) == ("", "", "", False)
    assert row["answer_tokens"] > 0 and "Niacinamide" not in ledger.to_csv() and "gentle" not in ledger.to_csv()


def test_end_states_are_honest(ledger):
    # The token cap the request chose is a complete answer (cached; the response says
    # at_token_cap); CUT is the studio's own cut (deadline, size cap, a paused reader).
    capped = generate(GenerationService(FakeProvider(finish="length"), None, ledger))[0]
    assert capped.run.end_state == "complete" and capped.response.at_token_cap
    failing = GenerationService(FakeProvider(fail="the connection dropped"), None, ledger)
    generation, text = generate(failing)
    assert generation.run.end_state == "failed" and text == ANSWER.splitlines(keepends=True)[0]
    assert generation.run.cost_usd > 0  # a partial answer was produced, so it is priced
    stopped = GenerationService(FakeProvider(), None, ledger).generate(GenerationRequest("formulation", "", FORM))
    for _ in stopped:
        break  # the consumer went away: a stop
    assert stopped.run.end_state == "stopped" and not stopped.run.complete
    assert end_state_of(SimpleNamespace(end_state=EndState.CUT)) is EndState.CUT


def test_a_degraded_ledger_never_stops_a_generation(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ledger = Ledger(blocker / "data" / "ledger.sqlite3")
    service = GenerationService(FakeProvider(), None, ledger)
    generation, text = generate(service)
    assert text == ANSWER and generation.run_id == 1
    assert any("kept in memory" in notice for notice in generation.notices)


def test_credentials_in_the_endpoint_never_reach_the_ledger(ledger):
    provider = FakeProvider("openai", "gpt-4o-mini", "http://user:sk-live-SECRET-0123456789@host/v1?api-key=K3Y")
    generation, _ = generate(GenerationService(provider, None, ledger))
    row = ledger.get(generation.run_id)
    assert "sk-live-SECRET" not in row["endpoint"] and "K3Y" not in row["endpoint"] and "host/v1" in row["endpoint"]
