"""Review 40: this session's guard as a whole (g78 to g84, ``git diff 97acccb -- optimizer/cache``), attacked.

Targets: ``words._apart`` / ``_a_verb`` (the comma before a second thing's "and"), the site
rule ``canon._sited`` / ``_SITES``, the bearer rule ``canon._afflicted`` (``_BEARERS``,
``_INGREDIENT_WORDS``), the order cues of ``canon._SEQUENCE`` (``_SCALE``, the routine
labels), the number signs ``words._NUMBER_SIGN`` / ``_NUMERO`` and the talked-about signs
(``_AFTER_A_TALKED_SIGN`` with "for"). Near-miss findings: two requests an expert answers
differently that the cache serves one for the other end to end (``served``, balanced).
Split findings: one request worded two ways that is kept apart. Each finding fails today and
is ``xfail(strict=True)``; each group also holds plain tests pinning what the rule gets
right. Cases of reviews 11 to 39 and test_cache_guard_attack.py are not repeated; none rests
on bare singular/plural.

Near-misses served (27):

1. words._apart: the comma that keeps "with coconut oil" to the conditioner alone is dropped
   whenever the stretch before it holds another comma (an adjective list "gentle,
   tear-free", an e-mail opener "Hi all, as discussed,", a thousands separator "1,000 ml", a
   parenthesis "(pH 5.5, tear-free)") or opens with a question word ("Which preservative
   suits ...", "Does ..."): "kids shampoo, and a conditioner with coconut oil" is served
   "kids shampoo and a conditioner with coconut oil" (both with coconut oil): 6
2. canon._sited, ``_SITES``: what a brand has somewhere, when it is not one of the listed
   sites ("distribution", "manufacturing", "production", "concessions", "market share",
   "growth", "exposure"), moves with its place: "Brands with distribution in Japan" (any
   brand sold in Japan) is served "Brands in Japan with distribution" (Japanese brands): 7
3. canon._afflicted, ``_INGREDIENT_WORDS``: any ingredient word in a bearer's own state
   makes the whole phrase the product's: "Shampoo for hair with silicone coating" (removes
   it) is served "Shampoo with silicone coating for hair" (deposits it); also sunscreen
   residue, a keratin treatment, gel polish: 4
4. canon._SEQUENCE: order cues of the session's own kinds still missing, so a layering or
   shade list is sorted: ``_SCALE`` lacks "weak", "watery"/"creamy", "sheer", "porcelain"/
   "espresso"; the routine labels miss "Mornings:", "Bedtime:", "Nighttime:", "Before bed:"
   and a parenthesised "(AM):": 10

Paraphrases split (5):

5. words._a_verb reads "benchmark against" as a second thing (split by "separately");
   words._sign_named: "&" before "for" with no "for" in the 30 characters before it is named
   "ampersand" ("... the sulfate-free kids shampoo & for the adult body wash");
   words._NUMBER_SIGN / _NUMERO are case-bound: "shade no. 2", "Chanel nº 5" are negations,
   "SKU#12" is not "SKU #12": 5

Held up: the comma rule on a plain sentence ("Formulate a kids shampoo, and a conditioner
with coconut oil" apart from the comma-less form; ";" read as ","); "Brands with stores in Japan" and "a large network of stores", "more than 50
stores", "over 200 stores" stay apart; a bearer's condition ("hair with frizz") stays and
an ingredient ("dry skin with ceramides") moves; "zinc oxide residue", "bleach", "henna"
after a bearer stay apart; "mildest to strongest:", "Morning:", "cheapest to dearest",
"oldest to newest" keep their order; "compare it with" is a verb; a short "& for" is a join;
"Nº 5" is "No. 5". Not attacked for lack of time: ``_PRIMARY_DMF``, ``_PARTY_PAIRS``.

Closed at g85 (31 of 32): a list's serial comma is told from two things by the items before
it (short, a thing, not an adjective, a modifier or an opening phrase; brackets and a
number's comma are no list), and a question's first part no longer keeps the plain reading
unless its own part follows ("and its effect on ..."); a decimal point is no sentence end;
more holdings (distribution, manufacturing, production, share, ...), states ("coating",
"residue", "treatment", "gel polish", ...), scale ends and routine labels ("Bedtime:",
"(AM):"); "benchmark" is a request verb; "no.", "nº" and "SKU#12" are number signs. Open (1):
a long "X & for Y" names the sign (a split).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# == Near-misses served ==========================================================================
# -- 1. words._apart: the comma before a second thing's "and" dropped -----------------------------
APART = "words._apart: another comma in the stretch before, or a question opener, drops the two-item comma"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Formulate a gentle, tear-free kids shampoo, and a conditioner with coconut oil",
            "Formulate a gentle, tear-free kids shampoo and a conditioner with coconut oil",
        ),
        (
            "Hi all, as discussed, we need a kids shampoo, and a conditioner with coconut oil",
            "Hi all, as discussed, we need a kids shampoo and a conditioner with coconut oil",
        ),
        (
            "Formulate a kids shampoo (pH 5.5, tear-free), and a conditioner with coconut oil",
            "Formulate a kids shampoo (pH 5.5, tear-free) and a conditioner with coconut oil",
        ),
        (
            "Which preservative suits a kids shampoo, and a conditioner with coconut oil?",
            "Which preservative suits a kids shampoo and a conditioner with coconut oil?",
        ),
        (
            "Does a kids shampoo, and a conditioner with coconut oil need a preservative booster?",
            "Does a kids shampoo and a conditioner with coconut oil need a preservative booster?",
        ),
    ],
)
def test_two_item_comma_dropped_served(served, a, b):
    assert not served("formulation", a, b)


def test_two_item_comma_dropped_after_thousands_served(served):
    assert not served(
        "costing",
        "Cost a 1,000 ml kids shampoo, and a conditioner with coconut oil",
        "Cost a 1,000 ml kids shampoo and a conditioner with coconut oil",
    )


def test_two_item_comma_held(served):
    assert not served(
        "formulation",
        "Formulate a kids shampoo, and a conditioner with coconut oil",
        "Formulate a kids shampoo and a conditioner with coconut oil",
    )
    assert not served(
        "formulation",
        "Formulate a kids shampoo, and a conditioner for hair with frizz",
        "Formulate a kids shampoo and a conditioner for hair with frizz",
    )
    assert served(
        "formulation",
        "Formulate a kids shampoo, and a conditioner with coconut oil",
        "Formulate a kids shampoo; and a conditioner with coconut oil",
    )


# -- 2. canon._sited, _SITES: what a brand has somewhere, not a listed site -----------------------
SITED = "canon._sited: _SITES lacks what a brand has somewhere (distribution, production, share, ...)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Brands with distribution in Japan", "Brands in Japan with distribution"),
        ("Brands with manufacturing in China", "Brands in China with manufacturing"),
        ("Brands with production in Italy", "Brands in Italy with production"),
        ("Brands with concessions in Harrods", "Brands in Harrods with concessions"),
        ("Brands with market share in Brazil", "Brands in Brazil with market share"),
        ("Brands with growth in China", "Brands in China with growth"),
        ("Brands with exposure in China", "Brands in China with exposure"),
    ],
)
def test_unlisted_site_served(served, a, b):
    assert not served("market", a, b)


def test_sited_held(served):
    assert not served("market", "Brands with stores in Japan", "Brands in Japan with stores")
    assert not served(
        "market", "Brands with a large network of stores in Japan", "Brands in Japan with a large network of stores"
    )
    assert not served("market", "Brands with more than 50 stores in Japan", "Brands in Japan with more than 50 stores")
    assert not served("market", "Brands with over 200 stores in Japan", "Brands in Japan with over 200 stores")


# -- 3. canon._afflicted, _INGREDIENT_WORDS: an ingredient word in a bearer's own state ----------
BEARER = "canon._afflicted: any _INGREDIENT_WORDS word in a bearer's 'with' phrase moves the bearer's state"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Shampoo for hair with silicone coating", "Shampoo with silicone coating for hair"),
        ("Cleanser for skin with mineral sunscreen residue", "Cleanser with mineral sunscreen residue for skin"),
        ("Shampoo for hair with a keratin treatment", "Shampoo with a keratin treatment for hair"),
        ("Remover for nails with gel polish", "Remover with gel polish for nails"),
    ],
)
def test_ingredient_word_in_a_state_served(served, a, b):
    assert not served("formulation", a, b)


def test_bearer_held(served):
    assert served("formulation", "Cream for dry skin with ceramides", "Cream with ceramides for dry skin")
    assert not served("formulation", "Shampoo for hair with frizz", "Shampoo with frizz for hair")
    assert not served(
        "formulation", "Cleanser for skin with zinc oxide residue", "Cleanser with zinc oxide residue for skin"
    )
    assert not served("formulation", "Conditioner for hair with bleach", "Conditioner with bleach for hair")
    assert not served("formulation", "Shampoo for hair with henna", "Shampoo with henna for hair")


# -- 4. canon._SEQUENCE: order cues of the session's kinds still missing -------------------------
ORDER = "canon._SEQUENCE: a scale's ends outside _SCALE, or a routine label it does not read, orders nothing"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Apply weakest to strongest: lactic acid, glycolic acid, TCA",
            "Apply weakest to strongest: TCA, glycolic acid, lactic acid",
        ),
        (
            "formulation",
            "Apply watery to creamy - toner, essence, cream",
            "Apply watery to creamy - cream, essence, toner",
        ),
        (
            "formulation",
            "Apply sheerest to richest: toner, serum, cream",
            "Apply sheerest to richest: cream, serum, toner",
        ),
        (
            "branding",
            "Name our shades, sheer to full coverage: Veil, Glow, Mask",
            "Name our shades, sheer to full coverage: Mask, Glow, Veil",
        ),
        (
            "branding",
            "Name our shades, porcelain to espresso: Ivory, Sand, Mocha",
            "Name our shades, porcelain to espresso: Mocha, Sand, Ivory",
        ),
        (
            "formulation",
            "Mornings: cleanser, vitamin C serum, sunscreen",
            "Mornings: sunscreen, vitamin C serum, cleanser",
        ),
        ("formulation", "Bedtime: cleanser, retinol, moisturiser", "Bedtime: moisturiser, retinol, cleanser"),
        ("formulation", "Nighttime: cleanser, retinol, moisturiser", "Nighttime: moisturiser, retinol, cleanser"),
        ("formulation", "Before bed: cleanser, retinol, moisturiser", "Before bed: moisturiser, retinol, cleanser"),
        (
            "formulation",
            "Layer (AM): cleanser, vitamin C serum, sunscreen",
            "Layer (AM): sunscreen, vitamin C serum, cleanser",
        ),
    ],
)
def test_order_cue_missing_served(served, generator, a, b):
    assert not served(generator, a, b)


def test_order_held(served):
    assert not served(
        "formulation",
        "Apply mildest to strongest: lactic acid, glycolic acid, TCA",
        "Apply mildest to strongest: TCA, glycolic acid, lactic acid",
    )
    assert not served(
        "formulation", "Morning: cleanser, vitamin C serum, sunscreen", "Morning: sunscreen, vitamin C serum, cleanser"
    )
    assert not served(
        "market",
        "Rank these retailers cheapest to dearest: Boots, Superdrug, Harrods",
        "Rank these retailers cheapest to dearest: Harrods, Superdrug, Boots",
    )


# == Paraphrases split ===========================================================================
# -- 5. words._a_verb, words._sign_named, words._NUMBER_SIGN / _NUMERO ----------------------------
VERB = "words._a_verb: a verb not in _REQUEST_VERBS before a preposition is read as a second thing"
SIGN = "words._sign_named: '& for' with no 'for' in the 30 characters before is named 'ampersand'"
NUMBER = "words._NUMBER_SIGN / _NUMERO: case-bound ('no.', 'nº') or after a letter ('SKU#12'): no number sign"


def test_benchmark_against_split():
    assert same(
        "Formulate a shampoo, and benchmark against The Ordinary for price",
        "Formulate a shampoo and benchmark against The Ordinary for price",
    )


@xfail(SIGN)
def test_long_and_for_split():
    assert same(
        "Suggest a fragrance for the sulfate-free kids shampoo & for the adult body wash",
        "Suggest a fragrance for the sulfate-free kids shampoo and for the adult body wash",
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "Is shade no. 2 too warm for the launch?", "Is shade No. 2 too warm for the launch?"),
        ("branding", "Describe the scent of Chanel nº 5", "Describe the scent of Chanel No. 5"),
        ("costing", "Cost SKU#12 for Boots", "Cost SKU #12 for Boots"),
    ],
)
def test_number_sign_split(generator, a, b):
    assert same(a, b, generator=generator)


def test_split_held(served):
    assert served(
        "formulation",
        "Formulate a shampoo, and compare it with The Ordinary on price",
        "Formulate a shampoo and compare it with The Ordinary on price",
    )
    assert served(
        "formulation",
        "Suggest a fragrance for the kids shampoo & for the body wash",
        "Suggest a fragrance for the kids shampoo and for the body wash",
    )
    assert served("branding", "Describe the scent of Chanel Nº 5", "Describe the scent of Chanel No. 5")
