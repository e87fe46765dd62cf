"""The embedded model's grammar: templates' schemas as llama.cpp grammars, numbers bounded,
rows fitted to the token cap (optimizer/providers/grammar.py)."""

from __future__ import annotations

import copy
import re

import pytest

from optimizer.parsing import parse_answer
from optimizer.prompts.templates import GENERATORS, template_for
from optimizer.providers.grammar import _below, bounded_number_rule, fit_rows, schema_gbnf


def _alternation_as_regex(gbnf: str) -> str:
    return "|".join("(?:" + a.replace('"', "").replace(" ", "") + ")" for a in gbnf.split(" | "))


@pytest.mark.parametrize("limit", [1, 7, 10, 50, 100, 137, 1000, 5000])
def test_below_is_exactly_the_whole_numbers_under_the_limit(limit):
    regex = _alternation_as_regex(_below(limit))
    assert [n for n in range(6000) if re.fullmatch(regex, str(n))] == list(range(limit))
    assert not re.fullmatch(regex, "05")  # no leading zeros


def test_a_bounded_number_never_reads_over_its_maximum():
    rule = bounded_number_rule(0, 100)
    assert '"100"' in rule and '"-"' not in rule and "[0-9] [0-9]?" in rule
    assert '"-" ' in bounded_number_rule(-50, 100)
    with pytest.raises(ValueError):
        bounded_number_rule(10, 5)


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_template_schema_becomes_a_grammar_in_the_schemas_key_order(generator):
    schema = template_for(generator).schema
    gbnf = schema_gbnf(schema)
    root = next(line for line in gbnf.splitlines() if line.startswith("root ::="))
    keys = list(schema["properties"])
    assert re.findall(r"space (\w+)-kv", root) == keys  # rows first: the table comes before the extras
    assert ("-bounded ::=" in gbnf) == ('"number"' in str(schema).replace("'", '"'))


def test_a_schema_the_converter_cannot_express_is_an_error_not_any_json():
    with pytest.raises(ValueError, match="cannot be turned into a grammar"):
        schema_gbnf({"type": "object", "properties": {"a": {"type": "string", "pattern": "^(?!x)a$"}}})


@pytest.mark.parametrize("generator", GENERATORS)
def test_rows_are_fitted_to_the_token_cap(generator):
    schema = template_for(generator).schema
    before = copy.deepcopy(schema)
    most = schema["properties"]["rows"]["maxItems"]
    fitted = [fit_rows(schema, max_tokens=n)["properties"]["rows"] for n in (16, 96, 160, 4000)]
    counts = [r["maxItems"] for r in fitted]
    assert counts == sorted(counts) and counts[0] == 1 and counts[-1] == most
    assert all(r["minItems"] <= r["maxItems"] for r in fitted)
    assert fitted[2]["maxItems"] >= 2  # the default cap leaves room for a real table
    assert schema == before  # the template's own schema is not changed


def test_a_schema_without_rows_comes_back_unchanged():
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    assert fit_rows(schema, max_tokens=10) == schema


@pytest.mark.model
def test_the_embedded_model_writes_a_branding_table_under_the_grammar(monkeypatch):
    from optimizer.prompts import optimize_prompt
    from optimizer.providers.base import StreamOptions, TextDelta
    from optimizer.providers.local import LocalProvider

    monkeypatch.setenv("OPTIMIZER_LOCAL_SEED", "3")
    prompt = optimize_prompt("branding", "", {"product": "hand cream", "audience": "nurses"})
    events = LocalProvider().stream(
        prompt.messages,
        max_tokens=160,
        temperature=0.2,
        options=StreamOptions(schema=template_for("branding").schema),
    )
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    parsed = parse_answer("branding", text)
    assert parsed.ok and not parsed.cut, text
    assert all(r["name"].lower() not in {"name", "tagline", "why"} for r in parsed.records)
