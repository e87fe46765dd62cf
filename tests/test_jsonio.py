"""Odd JSON at the lossless level: the JSONTestSuite corpus (tests/data/jsonsuite, MIT) and
the cases of issue 12 item 8. y_ files round-trip exactly, n_ files are refused with an
InputError, i_ files do one or the other; never a RecursionError or UnicodeEncodeError."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from support.each import every

from optimizer import InputError, compress, decompress
from optimizer.compression.engine import read_text
from optimizer.compression.jsonio import (
    MAX_JSON_DEPTH,
    JsonRefused,
    check_value,
    escape_surrogates,
    minify_verbatim,
    parse_strict,
    text_depth,
    value_depth,
)

SUITE = Path(__file__).parent / "data" / "jsonsuite" / "test_parsing"
FILES = sorted(SUITE.glob("*.json"))


def _canonical(value) -> str:
    # Order-sensitive, and 1 / 1.0 / True stay distinct, unlike ==.
    return json.dumps(value, ensure_ascii=True)


def _lossless(raw: bytes) -> tuple[str, str]:
    """(original text, lossless output), or InputError."""
    text = read_text(raw, "the file")
    return text, compress(text, "lossless").output


def _assert_round_trip(text: str, output: str) -> None:
    output.encode("utf-8")  # printable: no lone surrogate left unescaped
    expected = json.loads(text.lstrip("\ufeff"))
    assert _canonical(decompress(output)) == _canonical(expected)


def test_the_vendored_suite_is_complete():
    kinds = {p.name[:2] for p in FILES}
    assert kinds == {"y_", "n_", "i_"}
    assert len(FILES) == 318
    assert (SUITE.parent / "LICENSE").read_text().startswith("MIT License")


def _round_trips_exactly(path):
    text, output = _lossless(path.read_bytes())
    _assert_round_trip(text, output)


def _is_refused_in_one_sentence(path):
    with pytest.raises(InputError) as caught:
        _lossless(path.read_bytes())
    message = str(caught.value)
    assert "\n" not in message and 20 < len(message) < 400


def _round_trips_or_is_refused(path):
    try:
        text, output = _lossless(path.read_bytes())
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    _assert_round_trip(text, output)


# The suite's files, one test per kind (support/each.py): every failing file is named.
def _suite(prefix: str) -> list[Path]:
    return [p for p in FILES if p.name.startswith(prefix)]


def test_every_y_file_round_trips_exactly():
    every(_suite("y_"), _round_trips_exactly, name=lambda p: p.stem)


def test_every_n_file_is_refused_in_one_sentence():
    every(_suite("n_"), _is_refused_in_one_sentence, name=lambda p: p.stem)


def test_every_i_file_round_trips_or_is_refused():
    every(_suite("i_"), _round_trips_or_is_refused, name=lambda p: p.stem)


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


@pytest.mark.parametrize("level", ["lossless", "light", "aggressive"])
def test_a_document_nested_500_deep_round_trips_at_every_level(level):
    text = _nested(500)
    result = compress(text, level)
    assert result.output == json.dumps(json.loads(text), separators=(",", ":"))
    assert result.stats.fidelity.similarity == 1.0
    assert decompress(result.output) == json.loads(text)


def test_deeper_than_the_limit_is_refused_with_the_limit_named():
    with pytest.raises(InputError, match=f"nested {MAX_JSON_DEPTH + 1} levels deep and the limit is {MAX_JSON_DEPTH}"):
        compress(_nested(MAX_JSON_DEPTH + 1), "lossless")
    with pytest.raises(InputError, match="limit is 512"):
        decompress(_nested(100_000))


def test_deep_python_values_are_checked_without_recursion():
    value: list = []
    for _ in range(5000):
        value = [value]
    assert value_depth(value) == MAX_JSON_DEPTH + 1  # stops counting past the limit
    with pytest.raises(InputError, match="nested"):
        compress(value, "lossless")


def test_nan_and_infinity_are_not_json():
    for text in ("[NaN]", '{"x": Infinity}', "[-Infinity]"):
        with pytest.raises(InputError, match="not JSON"):
            compress(text, "lossless")
    with pytest.raises(InputError, match="NaN or Infinity"):
        compress({"x": math.nan}, "lossless")


@pytest.mark.parametrize(
    ("text", "why"),
    [("[1e999]", "too large for a double"), ("[-1E400]", "too large"), ("[1e-999]", "too small for a double")],
)
def test_numbers_a_double_cannot_hold_are_refused(text, why):
    with pytest.raises(JsonRefused, match=why):
        compress(text, "lossless")


def test_a_lossy_level_compresses_non_json_as_prose_and_says_why():
    result = compress('{"ratio": NaN, "note": "it is very important to note that the pH is 5.5"}', "medium")
    assert result.stats.kind == "text"
    assert "looks like JSON but is not (NaN is not JSON" in result.stats.note


def test_duplicate_keys_are_kept_as_written():
    text = '{"a": 1,\n "b": [true, null], "a": 2}'
    result = compress(text, "lossless")
    assert result.output == '{"a":1,"b":[true,null],"a":2}'
    assert "duplicate keys (a)" in result.stats.note
    assert decompress(result.output) == json.loads(text)
    assert compress(text, "aggressive").output == result.output  # no level drops a key silently


def test_digits_beyond_a_double_are_kept_as_written():
    text = '{"price": 1.0000000000000000000001, "n": 12345678901234567890123}'
    result = compress(text, "lossless")
    assert "1.0000000000000000000001" in result.output and "12345678901234567890123" in result.output
    assert "more digits than a double keeps" in result.stats.note
    # Big integers are exact in Python: they need no fallback.
    assert parse_strict("[12345678901234567890123]").verbatim is None


def test_huge_integers_are_refused_not_crashed():
    with pytest.raises(InputError, match="number it cannot read"):
        compress("[" + "7" * 5000 + "]", "lossless")


@pytest.mark.parametrize("text", ['["\\ud800"]', '{"\\udfaa": "x"}', '["\\udd1e\\ud834", "a\\ud800b"]'])
def test_lone_surrogates_round_trip_as_escapes(text):
    result = compress(text, "lossless")
    result.output.encode("utf-8")
    assert result.stats.compressed_bytes > 0
    assert decompress(result.output) == json.loads(text)
    assert escape_surrogates("\ud800") == "\\ud800"


def test_lone_surrogates_in_a_table_round_trip():
    rows = [{"name": f"a\ud800{i}", "pct": i} for i in range(8)]
    result = compress(rows, "lossless")
    result.output.encode("utf-8")
    assert decompress(result.output) == rows


def test_raw_surrogates_in_pasted_text_are_refused():
    with pytest.raises(InputError, match="unpaired surrogate character at offset 3"):
        read_text("abc\ud800def")


def test_a_byte_order_mark_is_dropped_from_text_and_bytes():
    assert compress("\ufeff[1, 2]", "lossless").output == "[1,2]"
    assert compress(read_text(b"\xef\xbb\xbf{}"), "lossless").output == "{}"


def test_text_depth_skips_brackets_inside_strings():
    assert text_depth('{"a": "[[[[", "b": [[]]}') == 3
    assert text_depth("12") == 0


def test_minify_verbatim_keeps_every_token_as_written():
    assert minify_verbatim('{ "a b" : 1.50 ,\n "c": "x  y" }') == '{"a b":1.50,"c":"x  y"}'


def test_check_value_refuses_what_json_cannot_hold():
    with pytest.raises(InputError, match="not JSON"):
        check_value({"s": {1, 2}})
    assert check_value({"a": [1, {"b": 2}]}) == 3


def test_cli_lossless_on_odd_json_exits_cleanly(run_cli, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(_nested(500))
    done = run_cli("compress", "--level", "lossless", str(deep))
    assert done.returncode == 0 and done.stdout.decode().strip() == json.dumps(
        json.loads(_nested(500)), separators=(",", ":")
    )
    lone = tmp_path / "lone.json"
    lone.write_text('["\\ud800"]')
    done = run_cli("compress", "--level", "lossless", str(lone))
    assert done.returncode == 0 and json.loads(done.stdout) == ["\ud800"]
    nan = tmp_path / "nan.json"
    nan.write_text("[NaN]")
    done = run_cli("compress", "--level", "lossless", str(nan))
    err = done.stderr.decode()
    assert done.returncode != 0 and "Traceback" not in err and "NaN is not JSON" in err
    assert err.count("\n") == 1
