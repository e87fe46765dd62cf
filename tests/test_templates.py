"""The templates' answer schemas: cells a small model can always finish, header words
closed off, numbers bounded (optimizer/prompts/templates.py)."""

from __future__ import annotations

import re

import pytest

from optimizer.parsing import COLUMNS, parse_answer
from optimizer.prompts.templates import GENERATORS, capitalized_except, rows_schema, template_for

# One plausible row per generator, and its header written as data.
GOOD = {
    "formulation": ["Sodium Hyaluronate", 0.5, "humectant"],
    "costing": ["Raw materials", 0.42],
    "market": ["Young urban women", 38.5, -2.5],
    "branding": ["Petit Nuage", "Gentle from day one", "soft, calm and caring"],
    "scientific": ["Hakozaki et al. 2002", "RCT, n=18", "less pigmentation after 8 weeks"],
}
HEADER = {
    "formulation": ["Ingredient", 0, "Function"],
    "costing": ["Item", 0],
    "market": ["Segment", 0, 0],
    "branding": ["Name", "Tagline", "why"],
    "scientific": ["Reference 2000", "Design", "finding"],
}


def _cells(generator):
    return template_for(generator).schema["properties"]["rows"]["items"]["prefixItems"]


def _fits(cell, value):
    if "enum" in cell:
        return value in cell["enum"]
    if cell["type"] == "number":
        return cell["minimum"] <= value <= cell["maximum"]
    return re.fullmatch(cell["pattern"][1:-1], value) is not None


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_plausible_row_fits_the_schema_and_parses(generator):
    cells = _cells(generator)
    assert len(cells) == len(COLUMNS[generator])
    assert all(_fits(c, v) for c, v in zip(cells, GOOD[generator], strict=True))
    import json

    assert parse_answer(generator, json.dumps({"rows": [GOOD[generator]]})).ok


@pytest.mark.parametrize("generator", GENERATORS)
def test_the_header_written_as_data_does_not_fit_the_first_column(generator):
    assert not _fits(_cells(generator)[0], HEADER[generator][0])


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_text_cell_is_closed_by_a_bounded_pattern(generator):
    schema = template_for(generator).schema
    texts = [c for c in _cells(generator) if c.get("type") == "string" and "enum" not in c]
    texts += [v for k, v in schema["properties"].items() if k != "rows" and v.get("type") == "string"]
    for cell in texts:
        pattern = cell["pattern"]
        assert pattern.startswith("^") and pattern.endswith("$") and cell["maxLength"] > 0
        unbounded = re.sub(r"\[[^\]]*\]", "", pattern)  # quantifiers outside character classes
        assert "+" not in unbounded and "*" not in unbounded  # every word and every repeat has a bound
    numbers = [c for c in _cells(generator) if c.get("type") == "number"]
    assert all("minimum" in c and "maximum" in c for c in numbers)


def test_capitalized_except_keeps_every_other_word():
    word = capitalized_except(("Name", "Total*"))
    assert re.fullmatch(word, "Nameless") and re.fullmatch(word, "Tot") and re.fullmatch(word, "Douceur")
    assert not any(re.fullmatch(word, w) for w in ("Name", "Total", "Totalcost", "douceur", "D"))
    assert not re.fullmatch(capitalized_except(()), "A" + "b" * 15)  # 16 letters: over the bound


def test_rows_schema_never_asks_for_more_rows_than_it_allows():
    schema = rows_schema(({"type": "number"},), max_rows=2, min_rows=3)
    assert schema["properties"]["rows"]["minItems"] == 2 and schema["required"] == ["rows"]
