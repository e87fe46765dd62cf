from __future__ import annotations

import json

import numpy as np
import pytest

from optimizer.bench.cache import SUITE
from optimizer.cache import CachePolicy, CacheRequest, CacheService, DiskBackend, Strategy
from optimizer.cache.semantic import SemanticRecord, best_match, embed, signature

INTENTS = json.loads(SUITE.read_text())["intents"]


def r(prompt, generator="formulation", **context):
    return CacheRequest(generator, "gpt-4o", prompt, context=context)


@pytest.mark.parametrize(
    "a, b",
    [
        ("serum for sensitive skin", "serum for normal skin"),
        ("serum for Japan", "serum for France"),
        ("with 0.3% retinol", "with 1% retinol"),
        ("with fragrance", "without fragrance"),
        ("suitable for pregnancy", "not suitable for pregnancy"),
        ("cost in EUR", "cost in USD"),
        ("names for men", "names for women"),
        ("with niacinamide", "with retinol"),
    ],
)
def test_signature_separates_what_changes_the_answer(a, b):
    assert signature(r(a)) != signature(r(b))


def test_named_context_fields_are_part_of_the_signature():
    assert signature(r("a serum", region="Japan")) != signature(r("a serum", region="France"))
    assert signature(r("a serum", skin_type="dry")) == signature(r("a  serum", skin_type="Dry"))


def test_best_match_needs_both_similarity_and_an_identical_signature():
    v = embed("hydrating serum for sensitive skin")
    records = [SemanticRecord("k1", (("skin", "sensitive"),), v)]
    assert best_match(v, (("skin", "sensitive"),), records, 0.95).entry_key == "k1"
    assert best_match(v, (("skin", "dry"),), records, 0.95) is None
    assert best_match(embed("chocolate cake recipe"), (("skin", "sensitive"),), records, 0.95) is None


def test_record_bytes_round_trip():
    rec = SemanticRecord("formulation:gpt-4o:t1:ab", (("number", "0.3%"), ("region", "japan")), embed("x y"))
    back = SemanticRecord.from_bytes(rec.to_bytes())
    assert back.entry_key == rec.entry_key and back.signature == rec.signature
    assert np.array_equal(back.vector, rec.vector)


@pytest.mark.parametrize("strategy", [Strategy.AGGRESSIVE, Strategy.BALANCED])
def test_near_miss_suite_has_zero_wrong_hits_and_real_paraphrase_hits(tmp_path, strategy):
    service = CacheService(DiskBackend(tmp_path / strategy.value), CachePolicy(strategy))
    for intent in INTENTS:
        service.put(r(intent["prompt"], intent["generator"]), {"answer_for": intent["prompt"]})
    wrong, hits, paraphrases = [], 0, 0
    for intent in INTENTS:
        for prompt in intent["near_misses"]:
            hit = service.get(r(prompt, intent["generator"]))
            if hit is not None:
                wrong.append((prompt, hit.payload))
        for prompt in intent["paraphrases"]:
            paraphrases += 1
            hit = service.get(r(prompt, intent["generator"]))
            hits += hit is not None and hit.payload == {"answer_for": intent["prompt"]}
    service.close()
    assert wrong == []
    assert hits / paraphrases >= 0.8


def test_conservative_never_matches_semantically(tmp_path):
    service = CacheService(DiskBackend(tmp_path / "c"), CachePolicy(Strategy.CONSERVATIVE))
    intent = INTENTS[0]
    for _ in range(2):
        service.put(r(intent["prompt"]), {"a": 1})
    assert service.get(r(intent["prompt"])) is not None
    assert service.get(r(intent["paraphrases"][0])) is None
    service.close()
