from __future__ import annotations

import json

import pytest

from optimizer import CompressionLevel, InputError, compare_levels, compress, compress_api_response, decompress
from optimizer.bench.compression import json_fixtures, prose_fixtures
from optimizer.tokens import count_tokens


@pytest.fixture(scope="module")
def prose_corpus():
    return [p.read_text() for p in prose_fixtures()]


def test_stats_describe_what_was_counted():
    text = prose_fixtures()[0].read_text()
    s = compress(text, "medium", "gpt-4").stats
    assert (s.level, s.kind, s.encoding, s.model) == ("medium", "text", "cl100k_base", "gpt-4")
    assert s.original_tokens == count_tokens(text, "gpt-4")
    assert 0 < s.compressed_tokens < s.original_tokens
    assert s.reduction_percentage == pytest.approx(100 * s.saved_tokens / s.original_tokens)
    assert s.ratio == pytest.approx(s.original_tokens / s.compressed_tokens)
    assert s.elapsed_ms > 0 and not s.lossless
    assert s.compressed_bytes < s.original_bytes
    d = s.as_dict()
    for key in (
        "original_tokens",
        "compressed_tokens",
        "reduction_percentage",
        "techniques",
        "lossless",
        "encoding",
        "elapsed_ms",
        "fidelity",
    ):
        assert key in d


# A regression floor on the five verbose fixtures (tuning data); the figures that count
# are the bench's, on the held-out report half.
@pytest.mark.parametrize("level, min_saved, min_similarity", [("medium", 12.0, 0.90), ("aggressive", 18.0, 0.85)])
def test_prose_levels_keep_saving_on_the_verbose_fixtures(prose_corpus, level, min_saved, min_similarity):
    results = [compress(t, level).stats for t in prose_corpus]
    original = sum(s.original_tokens for s in results)
    compressed = sum(s.compressed_tokens for s in results)
    assert 100 * (original - compressed) / original >= min_saved
    assert min(s.fidelity.similarity for s in results) >= min_similarity


@pytest.mark.parametrize("level", ["light", "medium", "aggressive"])
def test_every_number_negation_and_ingredient_is_kept(prose_corpus, level):
    for text in prose_corpus:
        f = compress(text, level).stats.fidelity
        assert f.numbers_total > 0 and f.preserved, f


@pytest.mark.parametrize("path", json_fixtures(), ids=lambda p: p.stem)
def test_lossless_on_json_text_round_trips(path):
    text = path.read_text()
    result = compress(text, "lossless")
    assert result.stats.lossless and result.stats.kind == "json"
    assert result.stats.fidelity.similarity == 1.0 and result.stats.fidelity.preserved
    assert decompress(result.output) == json.loads(text)


def test_lossy_levels_on_json_touch_long_strings_only():
    data = {
        "sku": "A-1",
        "pct": 2.5,
        "notes": "It is really important to note that this serum is "
        "very gentle and it is not suitable for children under 3 years.",
    }
    result = compress(json.dumps(data), "aggressive")
    out = decompress(result.output)
    assert out["sku"] == "A-1" and out["pct"] == 2.5
    assert len(out["notes"]) < len(data["notes"]) and "not suitable" in out["notes"]
    assert not result.stats.lossless and result.stats.kind == "json"


def test_broken_json_at_a_lossy_level_is_compressed_as_prose_and_says_so():
    result = compress('{"a": 1, "note": "very nice"', "light")
    assert result.stats.kind == "text" and "looks like JSON but is not (invalid JSON at line 1" in result.stats.note


def test_python_values_compress_like_the_seed_api():
    output, stats = compress_api_response({"rows": [{"a": i, "b": "x"} for i in range(20)]}, "lossless")
    assert stats.lossless and decompress(output) == {"rows": [{"a": i, "b": "x"} for i in range(20)]}


@pytest.mark.parametrize(
    "source, message",
    [
        ("", "empty"),
        ("   \n", "empty"),
        (b"\x00\x01binary", "binary"),
        (b"\xff\xfe\xfa", "not UTF-8"),
    ],
)
def test_bad_input_is_a_clear_error(source, message):
    from optimizer.compression import read_text

    with pytest.raises(InputError, match=message):
        read_text(source)


def test_invalid_json_for_lossless_names_the_place():
    with pytest.raises(InputError, match=r"line 1 column \d+"):
        compress('{"a": [1, 2', "lossless")


def test_huge_input_is_refused_with_the_limit(monkeypatch):
    monkeypatch.setenv("OPTIMIZER_MAX_INPUT_MB", "0.01")
    with pytest.raises(InputError, match="limit is"):
        compress("word " * 5000, "light")


def test_unknown_level():
    with pytest.raises(InputError, match="unknown level"):
        compress("text", "extreme")


def test_compare_levels_skips_lossless_for_prose_and_keeps_order():
    levels = [r.stats.level for r in compare_levels(prose_fixtures()[1].read_text())]
    assert levels == ["light", "medium", "aggressive"]
    levels = [r.stats.level for r in compare_levels(json_fixtures()[0].read_text())]
    assert levels == [level.value for level in CompressionLevel if level is not CompressionLevel.MAX]


def test_decompress_tolerates_a_final_newline_and_crlf():
    out = compress(json_fixtures()[0].read_text(), "lossless").output
    assert decompress(out + "\n") == decompress(out.replace("\n", "\r\n") + "\r\n")
