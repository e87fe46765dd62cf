"""Review 16: near-misses in numbers, units, ranges, signs, negation scope and modality that
the guard g17 serves.

Each test states two requests that a careful expert answers differently, yet that get one
canonical form (``same``) or are served end to end (``served``). Each fails today: it is
marked ``xfail(strict=True)``, so it passes while the finding stands and turns red when a fix
closes it (then drop the mark). Grouped by cause, most severe first.

Closed in g19 (marks dropped): a minus sign is the number's ("-18 °C"), a range is one
("2020-2025" is 2020..2025, never "2020 and 2025"), a thousands point before a unit stays as
written ("1.500 kg"), "need not" leaves a thing open, "~50 g" is approximately 50 g; in g20, "if possible" after a
requirement of its own; in g21, "A and B free" (both excluded) and "free" in a promotion
(given free). None is open.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# -- 1. a minus sign is dropped ----------------------------------------------------------
# words._raw_tokens reads "-" as a hyphen that only glues words ("kind == 'hyphen'": skipped),
# and _TOKEN's number has no sign, so "-18" is "18"; "−" (U+2212) becomes "-" under NFKC and
# goes the same way. "+10%" keeps its "+" (a sym), so only the negative side is lost: a
# storage temperature, a decline, a loss-making margin are served the positive one's answer.
SIGN = "a minus sign before a number is dropped: -18 °C is served 18 °C, -3% is served 3%"

MINUS = [
    ("formulation", "store at -18 °C", "store at 18 °C"),
    ("formulation", "stability at \u22125 °C", "stability at 5 °C"),
    ("formulation", "freeze-thaw from -10 to 25 °C", "freeze-thaw from 10 to 25 °C"),
    ("market", "Explain a -3% sales change in France", "Explain a 3% sales change in France"),
    ("market", "sales grew -3% last year", "sales grew 3% last year"),
    ("costing", "a margin of -5%", "a margin of 5%"),
    ("costing", "scenario: price -10%", "scenario: price 10%"),
]


@pytest.mark.parametrize(("generator", "a", "b"), MINUS)
def test_a_negative_number_is_not_its_absolute_value(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_negative_temperature_end_to_end(served):
    assert not served("formulation", "Stability test plan, storage at -18 °C", "Stability test plan, storage at 18 °C")


# -- 2. a range is the same as its two ends ------------------------------------------------
# aliases._ALIASES rewrites "between 5 and 10" and "5 to 10" into "5-10"; then the hyphen is
# dropped like any hyphen (class 1), so "5-10" is the two numbers "5 10", which is also what
# "5 and 10", "5, 10" and "5 10" become ("and" and commas between two numbers are dropped or
# sorted away). Six years of sales are served two years' figures, ages 18 to 25 the two ages,
# SPF 15 to 30 the two SPFs, tubes of 5 to 10 ml "5 tubes of 10 ml"; and "between 5 and 10
# kg" (5 to 10 kg) is "5 and 10 kg" (5 kg and 10 kg). The lower end also loses its unit
# ("5-10 kg" -> "5", "10000g"), so a range cannot be told apart from a count before a size.
RANGE = "a range 'A-B' / 'A to B' / 'between A and B' has the canonical form of 'A and B' or 'A B'"

RANGES = [
    ("market", "Skincare sales in Spain, 2020-2025", "Skincare sales in Spain, 2020 and 2025"),
    ("market", "sales 2020-2025", "sales 2020, 2025"),
    ("scientific", "retinol studies, weeks 1-12", "retinol studies, weeks 1 and 12"),
    ("formulation", "sunscreen in SPF 15-30", "sunscreen in SPF 15 and 30"),
    ("formulation", "cleanser at pH 5-6", "cleanser at pH 5 and 6"),
    ("formulation", "between 5 and 10 kg", "5 and 10 kg"),
    ("formulation", "a kit of 5-10 ml tubes", "a kit of 5 10 ml tubes"),
    ("formulation", "a kit of 5 to 10 ml tubes", "a kit of 5 10 ml tubes"),
]


@pytest.mark.parametrize(("generator", "a", "b"), RANGES)
def test_a_range_is_not_its_two_ends(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_range_of_years_end_to_end(served):
    assert not served("market", "Skincare sales in Spain, 2020-2025", "Skincare sales in Spain, 2020 and 2025")


# -- 3. a European thousands point is read as a decimal point once a unit is converted ---------
# words._number keeps "1.500" as written on purpose (1,500 in much of Europe, 1.5 elsewhere),
# but words._with_unit then multiplies Decimal("1.500") by the unit's factor: "1.500 kg"
# becomes "1500g", which is "1.5 kg" and "1500 g". An order of 1,500 kg (German, Spanish,
# Brazilian writing) is served the cost of 1.5 kg: a factor of 1,000 in a costing.
THOUSANDS = "'1.500 kg' (1,500 kg in much of Europe) is converted to 1500 g, the form of '1.5 kg'"

EUROPEAN_THOUSANDS = [
    ("costing", "cost of 1.500 kg of shea butter", "cost of 1.5 kg of shea butter"),
    ("costing", "cost of 1.500 kg of shea butter", "cost of 1500 g of shea butter"),
    ("costing", "order 2.000 tonnes of glycerin", "order 2 tonnes of glycerin"),
    ("costing", "cost of 1.500 l of base", "cost of 1.5 l of base"),
    ("formulation", "a 1.000 l tank", "a 1 l tank"),
]


@pytest.mark.parametrize(("generator", "a", "b"), EUROPEAN_THOUSANDS)
def test_a_thousands_point_before_a_unit_stays_ambiguous(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_thousands_point_end_to_end(served):
    assert not served("costing", "cost of 1.500 kg of shea butter", "cost of 1.5 kg of shea butter")


# -- 4. "X and Y free" frees only Y; "get X free" is not "without X" ---------------------------
# words._numbers_and_units turns "free" at a clause end (or before "and") into "without" plus
# the one word before it. In "fragrance and alcohol free" the scope is both nouns, so the
# toner with fragrance ("fragrance, alcohol free") is served the fragrance-free toner's
# answer. And "free" after a noun also means "at no cost": a promo pack with a free mascara
# is served the pack without one.
SCOPE = "'A and B free' is read as 'A, without B'; 'mascara free' (given free) as 'without mascara'"

FREE_SCOPE = [
    ("formulation", "toner, fragrance and alcohol free", "Toner: fragrance, alcohol free"),
    ("formulation", "toner; paraben and sulfate free", "toner; paraben, without sulfate"),
    ("costing", "promo: buy 2 lipsticks, mascara free", "promo: buy 2 lipsticks, without mascara"),
    (
        "costing",
        "Cost of a promo pack: 2 lipsticks, mascara free",
        "Cost of a promo pack: 2 lipsticks, without mascara",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), FREE_SCOPE)
def test_free_keeps_its_scope_and_its_sense(generator, a, b):
    assert not same(a, b, generator=generator)


def test_free_scope_end_to_end(served):
    assert not served("formulation", "toner, fragrance and alcohol free", "Toner: fragrance, alcohol free")


# -- 5. "need not" is "not" --------------------------------------------------------------
# aliases._STRUCTURE holds "need"/"needs" as function words, dropped when the phrase opens a
# clause of a terse note, so "need not be vegan" (vegan is optional) is "not vegan" (it must
# not be vegan). Inside a sentence ("a lipstick that need not be
# vegan") "need" is kept, so the loss depends on punctuation.
NEED_NOT = "'need not be X' (X optional) has the form of 'not X' (X excluded)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lipstick formula; need not be vegan.", "Lipstick formula; not vegan."),
        ("lipstick, need not be vegan", "lipstick, not vegan"),
    ],
)
def test_need_not_is_no_prohibition(a, b):
    assert not same(a, b)


def test_need_not_end_to_end(served):
    assert not served("formulation", "Lipstick formula; need not be vegan.", "Lipstick formula; not vegan.")


# -- 6. a hedge on one requirement is dropped in a polite request -------------------------------
# aliases._SOFT_RE: "if possible" is politeness in a polite request and a soft requirement in
# a bare one. But in "a lipstick formula, vegan if possible" or "without palm oil if
# possible" it qualifies one requirement even inside a polite request: the formulator may
# fall back to beeswax or a palm derivative; without it that is excluded.
HEDGE = "'X if possible' after a requirement is dropped as politeness when the request is polite"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "I'd love a vegan lipstick formula without palm oil if possible",
            "I'd love a vegan lipstick formula without palm oil",
        ),
        (
            "Could you please draft a lipstick formula, vegan if possible?",
            "Could you please draft a lipstick formula, vegan?",
        ),
    ],
)
def test_a_hedged_requirement_is_not_a_hard_one(a, b):
    assert not same(a, b)


# -- 7. "~" (approximately) is dropped, "approx." is kept ---------------------------------------
# "~" is neither a sign that _SIGNS reads nor one that _sign_word names (it is ASCII), so it
# goes with the punctuation, while GLOSSARY keeps "approx."/"approximately" as a word: "~50 g"
# (a target with a tolerance) is "50 g" (a spec), whereas "approx. 50 g" is not. Least severe.
TILDE = "'~50 g' has the form of '50 g' although 'approx. 50 g' does not"


def test_a_tilde_is_approximately():
    assert not same("fill weight ~50 g", "fill weight 50 g")
