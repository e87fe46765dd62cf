"""Free-form chat through the pipeline (optimizer.chat and GenerationService.chat): how
messages map onto the cache (exact and guarded), JSON compressed on request, stale
fallback, and the ledger row."""

from __future__ import annotations

import json

import pytest

from optimizer.cache import CacheRequest, CacheService, DiskBackend
from optimizer.chat import ChatRequest, cache_fields, compress_message, parse_messages, prepare_chat
from optimizer.compression import decompress
from optimizer.errors import InputError
from optimizer.generate import GenerationService
from optimizer.ledger import Ledger
from optimizer.providers import Finish, ProviderError, TextDelta, UsageReport


class ChatProvider:
    """Answers "Answer N" (N counts calls); ``down`` makes it fail before any text."""

    name, model, endpoint = "openai", "gpt-4o-mini", "http://127.0.0.1:9/v1"

    def __init__(self):
        self.calls = 0
        self.down = False
        self.sent = []

    def describe(self):
        return "fake"

    def count_tokens(self, text):
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.calls += 1
        self.sent.append(list(messages))
        if self.down:
            raise ProviderError("the fake endpoint is down", kind="refused")
        yield TextDelta(f"Answer {self.calls}")
        yield UsageReport(12, 2)
        yield Finish("stop")


@pytest.fixture
def setup(tmp_path):
    provider = ChatProvider()
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    cache = CacheService(DiskBackend(tmp_path / "cache"))
    yield GenerationService(provider, cache, ledger, source="gateway"), provider, ledger
    cache.close()
    ledger.close()


def _chat(service, messages, **options):
    generation = service.chat(ChatRequest.from_openai(messages, user="notebook", **options))
    return generation, "".join(generation)


def _key(messages, **options):
    request = ChatRequest.from_openai(messages, **options)
    return CacheRequest(model="m", endpoint="e", **cache_fields(request, 100))


def test_messages_are_read_as_openai_sends_them():
    parsed = parse_messages(
        [
            {"role": "developer", "content": "Be brief."},
            {"role": "user", "content": [{"type": "text", "text": "Hi "}, {"type": "text", "text": "there"}]},
        ]
    )
    assert [(m.role, m.content) for m in parsed] == [("system", "Be brief."), ("user", "Hi there")]
    for bad, words in [
        ([], "non-empty list"),
        ("hi", "non-empty list"),
        ([{"role": "tool", "content": "x"}], "role 'tool'"),
        ([{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}], "'image_url' part"),
        ([{"role": "assistant", "content": None, "tool_calls": [{}]}], "tool calls"),
        ([{"role": "user", "content": "a\x00b"}], "NUL"),
        ([{"role": "user", "content": "\ud800"}], "lone surrogate"),
    ]:
        with pytest.raises(InputError, match=words):
            parse_messages(bad)


def test_the_exact_key_is_the_whole_message_list_verbatim():
    base = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "print(X)"}]
    assert _key(base).key == _key(json.loads(json.dumps(base))).key
    changed_case = [base[0], {"role": "user", "content": "print(x)"}]
    changed_space = [base[0], {"role": "user", "content": "print(X) "}]
    other_system = [{"role": "system", "content": "Be verbose."}, base[1]]
    keys = {_key(m).key for m in (base, changed_case, changed_space, other_system)}
    assert len(keys) == 4
    assert _key(base).key != _key(base, temperature=0.5).key != _key(base, compress="lossless").key


def test_the_guard_reads_the_last_question_and_keeps_the_rest_as_fields():
    request = ChatRequest.from_openai(
        [
            {"role": "system", "content": "You are a chemist."},
            {"role": "user", "content": "Name a humectant."},
            {"role": "assistant", "content": "Glycerin."},
            {"role": "user", "content": "Is it safe at 5%?"},
        ]
    )
    assert request.query == "Is it safe at 5%?"
    assert request.context == {
        "system": "You are a chemist.",
        "history": "user: Name a humectant.\nassistant: Glycerin.",
    }


def test_json_in_messages_is_compressed_losslessly_only_where_it_saves_tokens():
    rows = [{"sku": f"A{i}", "qty": i, "name": "serum"} for i in range(10)]
    whole = json.dumps(rows, indent=2)
    packed = compress_message(whole, "gpt-4o")
    assert packed != whole and decompress(packed) == rows
    fenced = f"Check this:\n```json\n{whole}\n```\nThanks."
    out = compress_message(fenced, "gpt-4o")
    assert out.startswith("Check this:\n```\n") and out.endswith("\n```\nThanks.") and '"sku"' not in out
    for untouched in ("plain prose, no JSON", "[not json", "[]", "```json\nnot json\n```"):
        assert compress_message(untouched, "gpt-4o") == untouched
    request = ChatRequest.from_openai([{"role": "user", "content": whole}], compress="lossless")
    prompt = prepare_chat(request, "gpt-4o")
    assert prompt.saved_tokens > 0 and prompt.techniques == ("json-lossless",) and prompt.level == "lossless"
    assert prepare_chat(ChatRequest.from_openai([{"role": "user", "content": whole}]), "gpt-4o").saved_tokens == 0


def test_a_repeat_is_an_exact_hit_and_a_paraphrase_a_guarded_one(setup):
    service, provider, ledger = setup
    ask = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Could you suggest a serum for dry skin?"},
    ]
    first, text = _chat(service, ask)
    again, repeat = _chat(service, ask)
    paraphrase, same = _chat(service, [ask[0], {"role": "user", "content": "pls suggest a serum for dry skin, thanks"}])
    other, different = _chat(service, [ask[0], {"role": "user", "content": "Could you suggest a serum for oily skin?"}])
    assert (first.cached, again.cached, paraphrase.cached, other.cached) == ("none", "exact", "semantic", "none")
    assert text == repeat == same == "Answer 1" and different == "Answer 2" and provider.calls == 2
    rows = ledger.runs(limit=10)
    assert [r["cached"] for r in reversed(rows)] == ["none", "exact", "semantic", "none"]
    assert {(r["generator"], r["template_id"], r["user"], r["source"]) for r in rows} == {
        ("chat", "chat", "notebook", "gateway")
    }
    assert rows[-1]["query"] == "Could you suggest a serum for dry skin?" and rows[-1]["answer"] == "Answer 1"
    assert rows[-1]["parsed"] is False and rows[-2]["saved_cache_tokens"] > 0


def test_compression_sends_the_notation_and_records_the_saving(setup):
    service, provider, ledger = setup
    rows = [{"ingredient": f"Ingredient {i}", "percentage": i} for i in range(10)]
    generation, _ = _chat(service, [{"role": "user", "content": json.dumps(rows, indent=2)}], compress="lossless")
    sent = provider.sent[-1][-1].content
    assert decompress(sent) == rows and '"ingredient"' not in sent
    row = ledger.runs(limit=1)[0]
    assert row["level"] == "lossless" and row["saved_prompt_tokens"] == generation.prompt.saved_tokens > 0
    assert row["naive_prompt_tokens"] > row["optimized_prompt_tokens"]


def test_provider_down_serves_the_last_answer_marked_stale(setup):
    service, provider, ledger = setup
    ask = [{"role": "user", "content": "What is the pH of a toner?"}]
    first, _ = _chat(service, ask)
    provider.down = True
    hit, text = _chat(service, ask)
    assert hit.cached == "exact" and text == "Answer 1"  # the entry is still there
    service.cache.backend.delete([f"optimizer:v1:entry:{first.cache_request.key}"])  # as if it expired
    stale, text = _chat(service, ask)
    assert stale.cached == "stale" and text == "Answer 1" and "stale" in stale.notices[0]
    failed, text = _chat(service, [{"role": "user", "content": "never asked before"}])
    assert text == "" and failed.response.error_kind == "refused" and not failed.response.complete
    assert ledger.runs(limit=1)[0]["end_state"] == "failed"


def test_without_the_cache_nothing_is_read_or_written(setup):
    service, provider, _ = setup
    ask = [{"role": "user", "content": "No cache please"}]
    _chat(service, ask, use_cache=False)
    again, _ = _chat(service, ask, use_cache=False)
    assert again.cached == "none" and provider.calls == 2
    hit, _ = _chat(service, ask)
    assert hit.cached == "none"  # nothing was stored by the uncached runs


def test_keep_text_false_keeps_the_figures_only(setup):
    service, _, ledger = setup
    _chat(service, [{"role": "user", "content": "secret formula question"}], keep_text=False)
    row = ledger.runs(limit=1)[0]
    assert row["query"] == "" and row["answer"] == "" and row["context_json"] == "" and row["answer_tokens"] > 0
