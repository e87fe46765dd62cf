"""Pairs of requests a careful analyst answers differently, found by a reviewer against this
round's guard rules (each first written failing): substances one infix vowel apart
(propenamide/propanamide, butenone/butanone), a retailer and a plant (Sephora/sophora). A
vowel written for another is no slip the guard repairs.
"""

from __future__ import annotations

import pytest

from optimizer.cache import lexicon
from optimizer.cache.guard import canonical_text


def same(a: str, b: str, *, generator: str = "formulation") -> bool:
    return canonical_text(a, generator=generator) == canonical_text(b, generator=generator)


# The "vowel written for another" slip guards only a word's last four letters: the vowel
# of a chemical infix (-an-/-en-: alkane vs alkene, saturated vs unsaturated) sits before
# them, so a substance missing from the word lists is "repaired" into another substance.
# Each pair below was kept apart before this change (a1edb0c).
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # acrylamide (carcinogen, a residue limit in polyacrylamide) vs propanamide
        (
            "residual propenamide limit in a polyacrylamide serum",
            "residual propanamide limit in a polyacrylamide serum",
        ),
        # sodium propionate (a preservative) vs sodium acrylate (a monomer)
        (
            "is sodium propanoate safe as a preservative in a lotion",
            "is sodium propenoate safe as a preservative in a lotion",
        ),
        # methyl vinyl ketone (toxic) vs methyl ethyl ketone (a nail-polish solvent)
        ("butenone as a solvent in nail polish", "butanone as a solvent in nail polish"),
        # methylamine vs methenamine (a formaldehyde releaser)
        ("methanamine in a deodorant", "methenamine in a deodorant"),
    ],
)
def test_a_substance_one_infix_vowel_from_another_is_kept_apart(a, b):
    assert not same(a, b)


def test_a_brand_is_not_repaired_into_an_ingredient():
    # Sephora (a retailer) is not in the word lists; "sophora" (Sophora flavescens root
    # extract, an INCI ingredient) is: the new vowel slip makes the retailer the plant.
    assert lexicon.repair_typo("sephora") == "sephora"
    assert not same("best-selling serums at Sephora in France", "best-selling serums at Sophora in France")


def test_a_place_is_compared_as_written():
    # No repair lands on a place: "Jordana" (a brand) is no slip of "Jordan", so a slip in a
    # place ("Mexcio") is not repaired either: that request misses, it is never served another's.
    assert not same("Pet shampoo market in Mexcio", "Pet shampoo market in Mexico")
    assert not same("Lipstick market share of Jordana", "Lipstick market share of Jordan")
