from __future__ import annotations

import pytest

from optimizer.parsing import parse_answer


@pytest.mark.parametrize(
    "generator, text, first",
    [
        (
            "formulation",
            "INCI name | % w/w | function\n---|---|---\nAqua | 80 | solvent\nGlycerin | 5% | humectant\nNotes: keep cool.",
            {"ingredient": "Aqua", "percent": 80.0, "function": "solvent"},
        ),
        (
            "costing",
            "Raw materials | €0.42\nPackaging | €0.95\nTotal | €1.37",
            {"item": "Raw materials", "amount": 0.42},
        ),
        (
            "market",
            "| Young urban women | 42% | 11.5 |\nTrend: clean beauty",
            {"segment": "Young urban women", "share_percent": 42.0, "growth_percent": 11.5},
        ),
        (
            "branding",
            "Douceur | Gentle from day one | soft, French",
            {"name": "Douceur", "tagline": "Gentle from day one", "why": "soft, French"},
        ),
        (
            "scientific",
            "Hakozaki 2002 | RCT, n=18 | less pigmentation\nVerdict: moderate evidence",
            {"reference": "Hakozaki 2002", "design": "RCT, n=18", "finding": "less pigmentation"},
        ),
    ],
)
def test_steered_answers_become_records(generator, text, first):
    result = parse_answer(generator, text)
    assert result.ok and dict(result.records[0]) == first


def test_extras_are_kept():
    result = parse_answer("costing", "Labour | 0.55\nTotal | 3.06")
    assert result.extras["Total"] == ("3.06",)


def test_loose_ingredient_lists_from_weak_models():
    result = parse_answer("formulation", "1. Glycerin: 5%\n2. Niacinamide - 4% - brightening\nSome chatter.")
    assert [r["ingredient"] for r in result.records] == ["Glycerin", "Niacinamide"]
    assert result.records[1]["percent"] == 4.0


def test_failure_says_why_and_keeps_nothing_fake():
    result = parse_answer("market", "The market is growing quickly.")
    assert not result.ok and "segment | share_percent | growth_percent" in result.error


@pytest.mark.parametrize(
    "generator, text, first, extras",
    [
        (
            "formulation",
            '{"rows": [["Aqua", 80, "solvent"], ["Glycerin", 5, "humectant"]], "notes": "Keep cool."}',
            {"ingredient": "Aqua", "percent": 80.0, "function": "solvent"},
            {"Notes": ("Keep cool.",)},
        ),
        ("costing", '{"rows": [["Packaging", "€0.95"]], "total": 1.37}', {"item": "Packaging", "amount": 0.95}, {}),
        (
            "market",
            '{"rows": [["Urban women", 38, 9.5]], "trends": ["clean labels", "refills"]}',
            {"segment": "Urban women", "share_percent": 38.0, "growth_percent": 9.5},
            {"Trend": ("clean labels", "refills")},
        ),
        (
            "branding",
            '  {"rows": [["Douceur", "Gentle", "soft"]]}',
            {"name": "Douceur", "tagline": "Gentle", "why": "soft"},
            {},
        ),
        (
            "scientific",
            '{"rows": [["Hakozaki 2002", "RCT, n=18", "less pigmentation"]], "verdict": "moderate"}',
            {"reference": "Hakozaki 2002", "design": "RCT, n=18", "finding": "less pigmentation"},
            {"Verdict": ("moderate",)},
        ),
    ],
)
def test_json_answers_become_records(generator, text, first, extras):
    result = parse_answer(generator, text)
    assert result.ok and result.format == "json" and dict(result.records[0]) == first
    for label, values in extras.items():
        assert result.extras[label] == values


def test_a_json_answer_cut_short_keeps_its_complete_rows_only():
    text = '{"rows": [["Aqua", 80, "solvent"], ["Glycerin", 5, "humec'
    result = parse_answer("formulation", text)
    assert [r["ingredient"] for r in result.records] == ["Aqua"] and result.format == "json"


def test_json_rows_as_objects_and_placeholder_headers():
    text = '{"rows": [{"n": "INCI name", "p": "%", "f": "function"}, {"n": "Aqua", "p": 90, "f": "solvent"}]}'
    result = parse_answer("formulation", text)
    assert [r["ingredient"] for r in result.records] == ["Aqua"]


def test_json_without_rows_falls_back_to_lines_and_then_says_why():
    assert parse_answer("costing", '{"total": 3}\nLabour | 0.55').records[0]["item"] == "Labour"
    result = parse_answer("market", '{"rows": []}')
    assert not result.ok and "segment | share_percent | growth_percent" in result.error
