from __future__ import annotations

import json
import re

import pytest

from optimizer.errors import InputError
from optimizer.prompts import GENERATORS, TEMPLATES, TemplateRecord, optimize_prompt

FULL = {
    "formulation": {"product_type": "serum", "category": "skincare", "requirements": "fragrance-free", "region": "EU"},
    "costing": {"formulation": "30 ml serum", "batch_size": "5000", "region": "Germany", "currency": "EUR"},
    "market": {"category": "natural skincare", "region": "India", "horizon": "5 years"},
    "branding": {"product": "body lotion", "audience": "new parents", "tone": "warm", "region": "France"},
    "scientific": {"subject": "5% niacinamide and hyperpigmentation", "evidence": "clinical studies"},
}


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_generator_has_a_template_that_beats_its_naive_prompt(generator):
    p = optimize_prompt(generator, "", FULL[generator])
    assert p.optimized_tokens < p.naive_tokens
    assert p.messages[0].role == "system" and TEMPLATES[generator].steering(structured=True) in p.messages[0].content
    assert all(v in p.messages[1].content for v in FULL[generator].values())
    assert 0.0 <= p.confidence.score <= 1.0


def test_confidence_rises_with_completeness():
    partial = optimize_prompt("formulation", "", {"product_type": "serum"})
    full = optimize_prompt("formulation", "", FULL["formulation"])
    assert full.confidence.factors["completeness"] == 1.0 > partial.confidence.factors["completeness"]
    assert full.confidence.score > partial.confidence.score
    assert any("missing: Category" in n for n in partial.confidence.notes)


def test_confidence_follows_the_templates_record():
    poor = optimize_prompt("market", "", FULL["market"], record=TemplateRecord(runs=10, successes=1))
    good = optimize_prompt("market", "", FULL["market"], record=TemplateRecord(runs=10, successes=10))
    assert good.confidence.factors["record"] > poor.confidence.factors["record"]
    assert good.confidence.score > poor.confidence.score


def test_confidence_falls_with_lossy_levels_and_off_topic_requests():
    query = "It is really important that the serum is very gentle for sensitive skin"
    safe = optimize_prompt("formulation", query, FULL["formulation"], level="lossless")
    lossy = optimize_prompt("formulation", query, FULL["formulation"], level="aggressive")
    assert safe.confidence.factors["compression_risk"] > lossy.confidence.factors["compression_risk"]
    on = optimize_prompt("formulation", "moisturizer with ceramides, ingredient percentages", FULL["formulation"])
    off = optimize_prompt("formulation", "write a poem about the sea", FULL["formulation"])
    assert on.confidence.factors["fit"] > off.confidence.factors["fit"]


def test_chained_json_context_goes_in_lossless_and_the_saving_is_counted():
    rows = [{"inci": f"Ingredient {i}", "percent": i, "function": "emollient"} for i in range(15)]
    p = optimize_prompt("costing", "", {**FULL["costing"], "previous": json.dumps(rows, indent=2)})
    assert p.context_raw_tokens > p.context_tokens > 0 and "context-compression" in p.techniques
    assert "[#" in p.messages[1].content  # the table notation


def test_bad_requests_are_clear():
    with pytest.raises(InputError, match="unknown generator"):
        optimize_prompt("poetry", "x")
    with pytest.raises(InputError, match="unknown field"):
        optimize_prompt("formulation", "x", {"colour": "red"})
    with pytest.raises(InputError, match="nothing to generate"):
        optimize_prompt("formulation", "  ", {})


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_missing_field_drops_its_words_and_a_filled_one_reads_as_written(generator):
    import itertools

    from optimizer.prompts.optimizer import fill_template
    from optimizer.prompts.templates import template_for

    template = template_for(generator)
    names = [f.name for f in template.fields]
    examples = {f.name: f.example for f in template.fields}
    for text in (template.task, template.naive):
        plain = re.sub(r"\[([^\[\]|]*)(?:\|[^\[\]]*)?\]", r"\1", text)
        plain = re.sub(r"\[([^\[\]|]*)(?:\|[^\[\]]*)?\]", r"\1", plain)  # nested segments
        assert fill_template(text, examples) == plain.format(**examples)
        for size in range(len(names)):
            for kept in itertools.combinations(names, size):
                filled = fill_template(text, {n: examples[n] for n in kept})
                assert not re.search(r"unspecified|the next any|[\[\]{}|]| [.,?]|  ", filled), (kept, filled)
                for name in kept:
                    assert examples[name] in filled, (name, filled)
