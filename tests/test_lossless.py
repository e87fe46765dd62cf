from __future__ import annotations

import json
import random
import string

import pytest
import toon_format
from support.each import every

from optimizer.bench.compression import json_fixtures
from optimizer.compression.lossless import encode_lossless, minified_json
from optimizer.compression.notation import decode
from optimizer.tokens import encoding_for_model


@pytest.fixture(scope="module", params=["gpt-4o", "gpt-4"])
def count(request):
    enc = encoding_for_model(request.param)
    return lambda text: len(enc.encode_ordinary(text))


def _same(a, b):
    return json.dumps(a) == json.dumps(b)


@pytest.mark.parametrize("path", json_fixtures(), ids=lambda p: p.stem)
def test_corpus_round_trips_and_is_never_worse_than_json_or_toon(path, count):
    data = json.loads(path.read_text())
    result = encode_lossless(data, count)
    assert _same(decode(result.text), data)
    assert result.tokens == count(result.text)
    assert result.tokens <= count(minified_json(data))
    toon = toon_format.encode(data)
    if _same(toon_format.decode(toon), data):  # TOON writes 1.0 as 1: compare only where it is exact
        assert result.tokens <= count(toon)


def _exact_toon(data) -> str | None:
    """TOON's text when it reads back exactly and is not empty (TOON writes {} as nothing,
    which no one can be handed as a document)."""
    toon = toon_format.encode(data)
    return toon if toon.strip() and _same(toon_format.decode(toon), data) else None


def _random_value(rnd: random.Random, depth: int = 0):
    kind = rnd.random()
    if depth > 3 or kind < 0.45:
        return rnd.choice(
            [
                rnd.randint(-(10**6), 10**6),
                round(rnd.uniform(-1e3, 1e3), rnd.randint(0, 4)),
                True,
                False,
                None,
                "".join(rnd.choice(string.printable + 'éü€😀,:[]{}"*~&#') for _ in range(rnd.randint(0, 12))),
                rnd.choice(["", " ", "null", "12", "-0.5", "a,b", "x:y", "*1", "~k", "#h", "[x", "true"]),
            ]
        )
    if kind < 0.7:
        keys = [rnd.choice(["id", "name", "pct", "a b", "", "k:1", "#x", "*y", "2"]) for _ in range(4)]
        return {k: _random_value(rnd, depth + 1) for k in keys[: rnd.randint(0, 4)]}
    if kind < 0.85:  # uniform or semi-uniform rows, the tabular case
        keys = rnd.sample(["inci", "pct", "role", "note", "phase"], 3)
        return [
            {k: _random_value(rnd, depth + 2) for k in keys if rnd.random() < 0.85} for _ in range(rnd.randint(2, 6))
        ]
    return [_random_value(rnd, depth + 1) for _ in range(rnd.randint(0, 5))]


def _round_trips_exactly(seed: int, count) -> None:
    data = _random_value(random.Random(seed))
    result = encode_lossless(data, count)
    assert _same(decode(result.text), data), result.text
    assert result.tokens <= count(minified_json(data))
    toon = _exact_toon(data)  # TOON writes 1.0 as 1: compare only where it is exact
    if toon is not None:
        assert result.tokens <= count(toon)


def test_random_documents_round_trip_exactly(count):
    """300 seeded random documents per tokenizer, in one test (support/each.py)."""
    every(range(300), lambda seed: _round_trips_exactly(seed, count), name=lambda seed: f"seed {seed}")


def test_uniform_rows_become_a_table_with_field_names_once(count):
    rows = [{"inci": f"Ingredient {i}", "percentage": i / 2, "function": "emollient"} for i in range(12)]
    result = encode_lossless({"ingredients": rows}, count)
    assert "tabular" in result.techniques
    assert result.text.count("percentage") == 1


def test_semi_uniform_rows_are_a_table_too_and_keep_their_key_order(count):
    rows = [
        {
            "name": f"Idea {i}",
            **({"risk": "low"} if i % 2 else {}),
            "score": i,
            **({"notes": "check"} if i % 3 == 0 else {}),
        }
        for i in range(12)
    ]
    result = encode_lossless(rows, count)
    assert "tabular" in result.techniques
    assert json.dumps(decode(result.text)) == json.dumps(rows)  # order too, not just ==


def test_rows_that_disagree_on_key_order_still_compare_equal(count):
    rows = [{"a": i, "b": i + 1} if i % 2 else {"b": i + 1, "a": i} for i in range(10)]
    assert decode(encode_lossless(rows, count).text) == rows


def test_repeated_long_keys_get_a_legend(count):
    data = [{"ingredient_percentage_w_w": i, "other": [i]} for i in range(30)]
    data = [{"ingredient_percentage_w_w": i} if i % 2 else {"x": [{"ingredient_percentage_w_w": i}]} for i in range(40)]
    result = encode_lossless(data, count)
    assert decode(result.text) == data
    assert "key-legend" in result.techniques
    assert result.text.startswith("~")


def test_repeated_subtrees_are_defined_once(count):
    shared = {"enabled": True, "threshold": 0.92, "mode": "balanced", "regions": ["EU", "US", "JP"]}
    data = {"a": shared, "b": {"x": shared}, "c": [shared, 1]}
    result = encode_lossless(json.loads(json.dumps(data)), count)
    assert "shared-refs" in result.techniques
    assert result.text.count("balanced") == 1
    assert decode(result.text) == data


def test_scalars_and_empty_containers(count):
    for value in [0, "text", None, [], {}, [[]], [{}], [{}, {}]]:
        assert _same(decode(encode_lossless(value, count).text), value)
