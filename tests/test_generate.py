"""The pipeline end to end: the real embedded model, the real cache, the ledger."""

from __future__ import annotations

import json

import pytest

from optimizer import providers  # providers.OpenAIProvider imports openai on use: support/once.py
from optimizer.cache import BackendError, CachePolicy, CacheService, DiskBackend
from optimizer.generate import GenerationRequest, GenerationService
from optimizer.ledger import Ledger
from optimizer.providers import Finish, LocalProvider, ProviderError, TextDelta, UsageReport

FORM = {"product_type": "serum", "category": "skincare", "requirements": "fragrance-free", "region": "EU"}


@pytest.fixture
def service(data_dir):
    svc = GenerationService(LocalProvider(), CacheService(DiskBackend(data_dir / "cache")), Ledger())
    yield svc
    svc.cache.close()


def consume(generation):
    return "".join(generation)


@pytest.mark.model
def test_generate_then_the_same_request_is_an_exact_hit(service, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "24")
    first = service.generate(GenerationRequest("formulation", "gentle serum", FORM))
    text = consume(first)
    assert text and first.cached == "none" and first.response.complete
    assert first.response.usage.completion_tokens <= 24 and first.run_id
    second = service.generate(GenerationRequest("formulation", "gentle serum", FORM))
    assert consume(second) == text and second.cached == "exact"
    assert second.response.latency_ms < first.response.latency_ms
    rows = service.ledger.runs()
    assert [r["cached"] for r in rows] == ["exact", "none"]
    # A hit saves the whole call, counted like every saving by the reference tokenizer.
    assert rows[0]["saved_cache_tokens"] == rows[1]["optimized_prompt_tokens"] + rows[1]["answer_tokens"]
    assert rows[1]["saved_prompt_tokens"] == first.prompt.naive_tokens - first.prompt.optimized_tokens
    assert rows[0]["prompt_tokens"] == rows[0]["completion_tokens"] == 0


@pytest.mark.model
def test_no_cache_neither_reads_nor_writes(service, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "8")
    for _ in range(2):
        g = service.generate(
            GenerationRequest("branding", "", {"product": "lip balm", "audience": "teens"}, use_cache=False)
        )
        consume(g)
        assert g.cached == "none"
    assert service.cache.stats()["all"].requests == 0


class FlakyProvider:
    """Answers once, then is down: the stale-answer fallback."""

    name, model = "openai", "gpt-4o-mini"

    def __init__(self):
        self.calls = 0

    def describe(self):
        return "flaky"

    def count_tokens(self, text):
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.calls += 1
        if self.calls > 1:
            raise ProviderError("cannot reach api.openai.com", kind="connection")
        yield TextDelta("Aqua | 90 | solvent\nGlycerin | 10 | humectant")
        yield UsageReport(50, 12)
        yield Finish("stop")


def test_provider_down_serves_a_stale_answer_clearly_marked(data_dir):
    cache = CacheService(DiskBackend(data_dir / "cache"), CachePolicy(base_ttl={"formulation": 0.05}))
    service = GenerationService(FlakyProvider(), cache, Ledger())
    consume(service.generate(GenerationRequest("formulation", "", FORM)))
    import time

    time.sleep(0.1)  # the entry expires; the stale copy stays
    g = service.generate(GenerationRequest("formulation", "", FORM))
    assert "Glycerin" in consume(g)
    assert g.cached == "stale" and any("stale" in n for n in g.notices)
    assert g.parsed.ok and service.ledger.runs()[0]["cached"] == "stale"
    cache.close()


def test_provider_down_without_a_stale_copy_is_a_clear_error(data_dir):
    provider = FlakyProvider()
    provider.calls = 1
    service = GenerationService(provider, None, Ledger())
    g = service.generate(GenerationRequest("formulation", "", FORM))
    assert consume(g) == "" and not g.response.complete and "cannot reach" in g.response.error
    row = service.ledger.runs()[0]
    assert row["complete"] == 0 and "cannot reach" in row["error"] and row["cost_usd"] == 0


class BrokenBackend(DiskBackend):
    """A cache store that fails every call (disk full, Redis and fallback gone)."""

    def __init__(self):
        pass

    def __getattribute__(self, name):
        if name in ("get", "set", "exists", "scan", "get_many", "delete", "incr_many", "touch", "counters"):

            def fail(*args, **kwargs):
                raise BackendError("store unavailable")

            return fail
        return object.__getattribute__(self, name)

    def close(self):
        pass


@pytest.mark.model
def test_cache_down_generates_uncached(data_dir, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "8")
    service = GenerationService(LocalProvider(), CacheService(BrokenBackend()), Ledger())
    g = service.generate(GenerationRequest("market", "", {"category": "sunscreen", "region": "Brazil"}))
    assert consume(g) and g.response.complete and g.cached == "none"


def test_incomplete_answers_are_never_cached(data_dir):
    class Cut(FlakyProvider):
        def stream(self, messages, *, max_tokens, temperature, options=None):
            yield TextDelta("Aqua | 90")
            raise ProviderError("the connection dropped after 3 tokens", kind="dropped")

    cache = CacheService(DiskBackend(data_dir / "cache"))
    service = GenerationService(Cut(), cache, Ledger())
    g = service.generate(GenerationRequest("formulation", "", FORM))
    assert consume(g) == "Aqua | 90" and not g.response.complete
    assert cache.stats()["all"].sets == 0 and cache.keys() == []
    cache.close()


def test_the_api_key_never_reaches_the_ledger(data_dir, fake_openai):
    secret = "sk-live-SECRET-0123456789"
    service = GenerationService(
        providers.OpenAIProvider("json", api_key=secret, base_url=fake_openai.url), None, Ledger()
    )
    g = service.generate(GenerationRequest("formulation", "", FORM))
    consume(g)
    assert g.response.complete and g.parsed.ok and g.response.usage.prompt_tokens == 42
    assert g.parsed.format == "json" and g.parsed.records[0]["ingredient"] == "Glycerin"
    sent = fake_openai.requests[-1]["body"]
    assert sent["response_format"]["json_schema"]["schema"]["properties"]["rows"]["type"] == "array"
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes()
    assert secret not in service.ledger.to_csv()


def test_chaining_a_formulation_into_costing_counts_the_saving(data_dir, fake_openai):
    service = GenerationService(providers.OpenAIProvider("ok", api_key="k", base_url=fake_openai.url), None, Ledger())
    rows = [{"inci": f"Ingredient {i}", "percent": round(100 / 12, 2), "function": "emollient"} for i in range(12)]
    g = service.generate(
        GenerationRequest(
            "costing", "", {"formulation": "the serum", "batch_size": "5000", "previous": json.dumps(rows, indent=2)}
        )
    )
    consume(g)
    row = service.ledger.runs()[0]
    assert row["saved_context_tokens"] == g.prompt.context_raw_tokens - g.prompt.context_tokens > 0


class CountingProvider(FlakyProvider):
    """Always answers (and counts the calls): what reached the provider."""

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.calls += 1
        yield TextDelta(f"answer {self.calls}")
        yield UsageReport(50, 3)
        yield Finish("stop")


def test_the_guard_compares_the_analysts_text_and_fields_not_the_template(data_dir):
    provider = CountingProvider()
    service = GenerationService(provider, CacheService(DiskBackend(data_dir / "cache")), Ledger())
    first = service.generate(GenerationRequest("formulation", "A gentle serum for dry skin, please", FORM))
    assert consume(first) == "answer 1" and first.cache_request.query == "A gentle serum for dry skin, please"
    again = service.generate(GenerationRequest("formulation", "gentle serums for dry skin", {**FORM, "region": "eu"}))
    assert consume(again) == "answer 1" and again.cached == "semantic"
    other = service.generate(GenerationRequest("formulation", "A gentle serum for oily skin", FORM))
    assert consume(other) == "answer 2" and other.cached == "none"
    # A chained input is compared too: another formulation is another costing request.
    fields = {"formulation": "serum", "batch_size": "5000", "previous": '[{"inci": "Aqua", "pct": 90}]'}
    consume(service.generate(GenerationRequest("costing", "cost per unit", fields)))
    changed = {**fields, "previous": '[{"inci": "Aqua", "pct": 80}]'}
    assert consume(service.generate(GenerationRequest("costing", "Cost per unit, please", changed))) == "answer 4"
    assert consume(service.generate(GenerationRequest("costing", "Cost per unit, please", fields))) == "answer 3"
    service.cache.close()


def test_an_endpoint_without_structured_output_gets_the_text_format(data_dir, fake_openai):
    service = GenerationService(
        providers.OpenAIProvider("no-schema", api_key="k", base_url=fake_openai.url), None, Ledger()
    )
    first = service.generate(GenerationRequest("formulation", "", FORM))
    consume(first)
    assert first.parsed.ok and first.parsed.format == "text"  # refused once, asked again without the schema
    second = service.generate(GenerationRequest("formulation", "", FORM))
    assert "| % w/w |" in second.prompt.messages[0].content  # remembered: the text-lines format
    consume(second)
    assert second.parsed.ok and "response_format" not in fake_openai.requests[-1]["body"]


def test_max_tokens_is_bounded(data_dir):
    from optimizer.errors import InputError

    service = GenerationService(FlakyProvider(), None, Ledger())
    with pytest.raises(InputError, match="between 1 and 16,384"):
        service.generate(GenerationRequest("formulation", "", FORM, max_tokens=1_000_000_000))


@pytest.mark.model
def test_the_embedded_model_answers_in_json_that_parses(service, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_LOCAL_MAX_TOKENS", "120")
    g = service.generate(GenerationRequest("branding", "", {"product": "lip balm", "audience": "teens"}))
    text = consume(g)
    assert text.lstrip().startswith("{") and g.parsed.ok and g.parsed.format == "json"
    assert json.loads(g.as_context())[0]["name"]


def test_an_answer_the_cache_cannot_keep_says_so(data_dir, fake_openai):
    from optimizer.cache.health import UnavailableBackend

    off = CacheService(UnavailableBackend(BackendError("the cache folder is on a read-only filesystem"), "disk"))
    provider = providers.OpenAIProvider("ok", api_key="k", base_url=fake_openai.url)
    generation = GenerationService(provider, off, Ledger()).generate(GenerationRequest("formulation", "serum", FORM))
    consume(generation)
    assert generation.response.complete and generation.cached == "none"
    assert any(n.startswith("The cache is off: the cache folder is on a read-only") for n in generation.notices)
    uncached = GenerationService(provider, off, Ledger()).generate(
        GenerationRequest("formulation", "serum", FORM, use_cache=False)
    )
    consume(uncached)
    assert not any("cache is off" in n for n in uncached.notices)  # asked for no cache: nothing to say
    off.close()
