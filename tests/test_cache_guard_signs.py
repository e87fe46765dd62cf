"""Signs are words to the guard: a symbol that may say something is never dropped as
punctuation (the eighth blind suite, holdout8.jsonl, found "♀ 18-35" served "♂ 18-35")."""

from __future__ import annotations

import pytest
from support.guard import same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("body hair trimmer, audience ♀ 18-35, frank tone", "body hair trimmer, audience ♂ 18-35, frank tone"),
        ("claims: ✓ vegan ✗ palm oil", "claims: ✗ vegan ✓ palm oil"),
        ("baby wash for 👶 skin", "baby wash for 👵 skin"),
        ("serum with ≈ 5% niacinamide", "serum with 5% niacinamide"),
        ("shampoo with ≥ 2% zinc pyrithione", "shampoo with ≤ 2% zinc pyrithione"),
        ("Foundation shade for 👩🏻 skin", "Foundation shade for 👩🏿 skin"),  # skin tones keep their type number
        ("bottle in ♳ PET", "bottle in ♵ PET"),  # recycling codes too
    ],
)
def test_a_sign_is_a_word(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("audience ♀ 18-35", "audience  ♀  18 - 35"),
        ("store below 25°C", "store below 25 °C"),
        ("heat the oil phase to 75°C", "heat the oil phase to 75 C"),  # the degree sign says nothing more
        ("Foundation shade for 👩🏻 skin", "Foundation shade for 👩🏻 skin"),
        ("Vegan ✔ cruelty-free ✔", "Vegan ✓ cruelty-free ✓"),
        ("Glow® day cream for dry skin", "Glow day cream for dry skin"),
        ("price in € please", "price in EUR"),
    ],
)
def test_the_same_signs_or_a_legal_mark_are_still_the_same(a, b):
    assert same(a, b)
