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


# -- only real rows count ----------------------------------------------------------------


@pytest.mark.parametrize(
    "generator, text, problem",
    [
        ("branding", '{"rows": [["name", "name", "name"]]}', "a column name as name"),
        ("branding", '{"rows": [["Name", "Douceur", "Gentle from day one"]]}', "a column name as name"),
        ("branding", '{"rows": [["Fashion", "Fashion", "fashion"]]}', "the same text in two cells"),
        ("formulation", '{"rows": [["Rows 1", 1, "thickener"]], "notes": "x"}', "a column name as ingredient"),
        ("formulation", '{"rows": [["r1", 1, "glucosamine"]], "notes": "x"}', "no word as ingredient"),
        ("formulation", '{"rows": [["Aqua", 150, "solvent"]], "notes": "x"}', "percent out of range"),
        ("formulation", '{"rows": [["Aqua", "lots", "solvent"]], "notes": "x"}', "no number as percent"),
        ("formulation", '{"rows": [["Aqua", 80, ""]], "notes": "x"}', "no word as function"),
        ("market", '{"rows": [["Teens", 40]], "trends": []}', "missing cells"),
        ("costing", '{"rows": [["Item #2", 0.4]], "total": 1}', "a column name as item"),
    ],
)
def test_degenerate_rows_are_left_out_and_say_why(generator, text, problem):
    result = parse_answer(generator, text)
    assert not result.ok and result.problems == (problem,)
    assert "no rows of" in result.error


def test_a_repeated_row_is_shown_once_and_counted():
    text = (
        '{"rows": [["Glycerin", 5, "humectant"], ["glycerin", 5, "humectant"], ["Aqua", 80, "solvent"]], "notes": ""}'
    )
    result = parse_answer("formulation", text)
    assert [r["ingredient"] for r in result.records] == ["Glycerin", "Aqua"]
    assert result.problems == ("a repeat of an earlier row",) and result.dropped == 1
    assert result.note == "1 row left out (a header, a repeat, an empty or out-of-range cell)."


def test_an_answer_cut_at_the_cap_says_how_many_complete_rows_it_kept():
    text = '{"rows": [["Packaging", 0.95], ["Labour", 0.4], ["Raw materials", 0.61], ["Test'
    result = parse_answer("costing", text)
    assert result.ok and result.cut and len(result.records) == 3
    assert result.note.startswith("3 complete rows; the answer was cut short")
    complete = parse_answer("costing", '{"rows": [["Packaging", 0.95]], "total": 0.95}')
    assert not complete.cut and complete.note == ""


def test_real_rows_beside_degenerate_ones_are_kept():
    text = '{"rows": [["Name", "Tagline", "why"], ["Douceur", "Gentle from day one", "soft and caring"]]}'
    result = parse_answer("branding", text)
    assert [r["name"] for r in result.records] == ["Douceur"] and result.dropped == 1
