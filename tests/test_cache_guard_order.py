"""The guard's order and slip rules found by the fifth blind suite (holdout5.jsonl): each
pair was served before the rule, and must never be again."""

from __future__ import annotations

import pytest
from support.guard import same

from optimizer.cache.lexicon import repair_typo


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # An INCI list is in order of concentration: another order is another formula.
        (
            "Reformulate our toner so the label starts: Aqua, Glycerin, Niacinamide, Panthenol. EU compliant",
            "Reformulate our toner so the label starts: Aqua, Niacinamide, Glycerin, Panthenol. EU compliant",
        ),
        (
            "INCI: Water, Cetearyl Alcohol, Shea Butter, Glycerin",
            "INCI: Water, Shea Butter, Cetearyl Alcohol, Glycerin",
        ),
        # Steps: what comes first is the request.
        (
            "cool below 40C, then add the preservative and the fragrance",
            "add the preservative and the fragrance, then cool below 40C",
        ),
        # Two capitalised words joined by "&" are a name, in its order.
        ("beard oil line called Salt & Smoke, rugged tone", "beard oil line called Smoke & Salt, rugged tone"),
    ],
)
def test_an_order_that_carries_meaning_is_kept(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Sentences may still come in any order when the text has steps.
        (
            "Lip oil launch: we ship by air first, then by sea. Cost per unit over one year",
            "Cost per unit over one year. Lip oil launch: we ship by air first, then by sea",
        ),
        # A list with no word of order stays a set ("and" lists in any order).
        ("a balm for lips in Spain, Portugal and Italy", "a balm for lips in Italy, Spain and Portugal"),
        # Lowercase "&" is "and".
        ("a cleanser for face & body", "a cleanser for face and body"),
    ],
)
def test_harmless_orders_still_match(a, b):
    assert same(a, b)


def test_a_letter_more_is_a_slip_only_when_it_is_one():
    assert repair_typo("linolenic") == "linolenic"  # another fatty acid, not "linoleic" + "n"
    assert repair_typo("alchohol") == "alcohol"  # written as heard
    assert repair_typo("hydrsating") == "hydrating"  # a key next to a neighbour
    assert repair_typo("sunnscreen") == "sunscreen"  # typed twice
