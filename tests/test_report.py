from __future__ import annotations

import json

from optimizer import compare_levels, compress
from optimizer.bench.compression import json_fixtures
from optimizer.compression.report import comparison_rows, round_trip_ok, word_diff


def test_word_diff_shows_removed_and_added_words():
    pieces = word_diff("It is really very gentle.", "It is gentle.")
    removed = "".join(p.text for p in pieces if p.kind == "removed")
    assert "really" in removed and "very" in removed
    assert "".join(p.text for p in pieces if p.kind != "added") == "It is really very gentle."
    assert "".join(p.text for p in pieces if p.kind != "removed") == "It is gentle."


def test_comparison_rows_one_per_level_with_fidelity():
    text = json_fixtures()[0].read_text()
    rows = comparison_rows(compare_levels(text))
    assert [r["level"] for r in rows] == ["lossless", "light", "medium", "aggressive"]
    assert all(r["compressed_tokens"] <= r["original_tokens"] for r in rows)
    assert rows[0]["lossless"] is True and rows[0]["similarity"] == 1.0


def test_round_trip_check_only_for_lossless():
    text = json_fixtures()[1].read_text()
    assert round_trip_ok(compress(text, "lossless"), json.loads(text)) is True
    assert round_trip_ok(compress(text, "light"), json.loads(text)) is None
