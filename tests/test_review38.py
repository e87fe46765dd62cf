"""Review 38: the guard's newest rules, g82 (``git diff 97acccb -- optimizer/cache``), attacked.

Targets: ``canon._afflicted`` as rewritten at g82 (after a bearer in ``_BEARERS`` a "with"
phrase stays unless it names an ingredient word, an amount or an SPF; a colour always stays),
the layers cue added to ``canon._SEQUENCE``, ``canon._sited`` / ``_SITES`` / ``_SITE_PLACES``
and ``words._apart`` / ``_a_verb``. Near-miss findings: two requests an expert answers
differently that the cache serves one for the other end to end (``served``, balanced). Split
findings: one request worded two ways that the cache keeps apart. Each finding fails today and
is ``xfail(strict=True)``; each group also holds plain tests pinning what the rule gets right.
Cases of reviews 27 to 37 and test_cache_guard_attack.py are not repeated; no finding rests
on bare singular/plural. "Regression": the other way at 97acccb (g77); "gap": the same there.

Near-misses served (35):

1. canon._afflicted, ``_INGREDIENT_WORDS`` and the amount test: a bearer's own state that
   shares one word with an INCI name ("protein", "ceramide", "collagen", "water") or
   holds a digit moves, becoming the product's: "mask for hair with low protein" = "mask with
   low protein for hair"; "moisturiser for skin with a pH above 6" = "... with a pH above 6
   for skin" (review37's "a high pH" closed, a number reopens it): 6
2. canon._afflicted, ``_BEARERS``: a bearer outside the list (cheeks, eyelids, toes, arms,
   roots) lets even a listed condition or a colour move ("cream for cheeks with redness"): 5
3. canon._afflicted, people: after ``_PEOPLE`` only a last word in ``_CONDITIONS`` stays, so
   "multivitamin for women with low iron" = "multivitamin with low iron for women"; and people
   outside ``_PEOPLE`` (blondes, smokers, surfers) let a condition or colour move: 5
4. canon._SEQUENCE (and ``_LAYOUT_ORDER``): order cues still missing, so a list whose order
   is the answer is sorted: a fragrance pyramid, shades "fair to deep", tiers "entry, mid and
   premium", an "AM:" routine, "from the inside out", a double cleanse (oil first): 6
5. canon._sited, ``_SITES``: holdings outside the list (sales, patents, trademarks,
   pop-ups, investors) are not glued to their place ("brands with patents in the US" =
   "brands in the US with patents"): 5
6. words._apart / _a_verb: a comma that keeps a "with" phrase to the second thing is lost:
   a plural product after "the" whose singular is not in ``_PRODUCT_HEADS`` and has a verb
   sense ("the eye patches", "the hair dyes", "the bath bombs"); a product whose first word is
   in ``_REQUEST_VERBS`` ("cover sticks"); an imperative "Do"/"Have" read as a
   question (``_ASKING``; "Do a costing for ..." is a regression); an opener outside
   ``_OPENING_PREPOSITIONS`` ("Thanks,", "However,") makes the stretch a list's: 8
   (also seen served, not kept: "the nail paints", "test strips", "Quick question,", "So,",
   "Plus,", "Second,")

Paraphrases split (12):

7. canon._afflicted: packaging and the product's own attributes after a bearer ("serum for
   dry skin with a dropper", "cream for dry skin with a pump", "shampoo for curly hair with a
   recyclable bottle", "balm for dry lips with a screw cap") are glued to the bearer: no skin
   has a dropper; all one request at g77 (regressions): 4
8. canon._SEQUENCE layers cue: "two-layer", "bi-layer", "layered haircuts", "ozone layer"
   anywhere in the text keep every list's order ("makeup removers in France, Spain and Italy"):
   all one request at g77 (regressions): 5
9. words._apart: an opening word ending in -ly that is no adverb ("Oily", "Daily", "Jelly")
   makes the first list item an opener, so an Oxford comma sets the last item apart
   (regressions, g81): 3

Held up: g82's own cases stay right ("cream for dry skin with shea butter", "serum for oily
skin with niacinamide", "shampoo for oily hair with a fresh fragrance" served; "cream for
skin with high sebum", "... with a weak lipid barrier", "conditioner for hair with salt water
damage", "serum for cuticles with ridges" apart). Ingredient lists in formulation keep their
order without the layers cue; "add oil phase to water phase", "Apply the retinol before the
moisturiser", "Top notes bergamot, heart rose, base vanilla" stay apart. ``_sited``: a place
after "mainly", "only", "a network of", "more than 50 stores", "near", "around", "beyond",
"outside", "having stores", "R&D centres" stayed apart (by this or other rules), and "brands
with stores in Paris for teens" is still served. ``words._apart``: "Cost a shampoo, and
conditioner with coconut oil" and "the sheet masks" stay apart; "Gentle ..., and ..." is
still one with the comma-less list.

Closed at g83 (all 47): a state a bearer or a person is in ("low", "high", "above", "loss",
"damage", "pH", ...) stays theirs whatever words it shares with an ingredient; more bearers
(cheeks, eyelids, toes, arms, roots, ...) and people (blondes, smokers, surfers, ...); a
pack or applicator after a bearer is the product's and moves; order cues for a pyramid,
shades "fair to deep", tiers listed or followed by a colon, "AM:"/"PM:", "inside out", a
double cleanse, and the layers cue narrowed to "layering", "layers:" and laminate layers;
more holdings (sales, patents, trademarks, pop-ups, investors, ...); a plural that is also a
noun ("the eye patches") and a plural product after a request verb ("cover sticks") are
things; "Do a ...", "Have a ..." are instructions; more openers, and an opener ending in
-ly only when it is an adverb ("Oily, ..." is no opener). Cost on both halves: none.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# -- 1. canon._afflicted: a bearer's state sharing a word with an ingredient, or a number ----------
INGREDIENT = "canon._afflicted: an INCI word or a digit in a bearer's own state makes it move"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mask for hair with low protein", "mask with low protein for hair"),
        ("lotion for skin with low ceramide levels", "lotion with low ceramide levels for skin"),
        ("cream for skin with low collagen", "cream with low collagen for skin"),
        ("shampoo for hair with hard water deposits", "shampoo with hard water deposits for hair"),
        ("moisturiser for skin with a pH above 6", "moisturiser with a pH above 6 for skin"),
        ("serum for skin with 20% water loss", "serum with 20% water loss for skin"),
    ],
)
def test_ingredient_word_state_served(served, a, b):
    assert not served("formulation", a, b)


def test_ingredient_held(served):
    assert not same("cream for skin with a weak lipid barrier", "cream with a weak lipid barrier for skin")
    assert not served("formulation", "cream for skin with high sebum", "cream with high sebum for skin")
    assert served("formulation", "cream for dry skin with shea butter", "cream with shea butter for dry skin")
    assert served("formulation", "serum for oily skin with niacinamide", "serum with niacinamide for oily skin")


# -- 2. canon._afflicted: bearers outside _BEARERS ---------------------------------------------
BEARERS = "canon._afflicted: a bearer outside _BEARERS/_PEOPLE lets its condition or colour move"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("cream for cheeks with redness", "cream with redness for cheeks"),
        ("balm for eyelids with eczema", "balm with eczema for eyelids"),
        ("gel for toes with fungus", "gel with fungus for toes"),
        ("cream for arms with keratosis", "cream with keratosis for arms"),
        ("serum for roots with grey", "serum with grey for roots"),
    ],
)
def test_bearer_missing_served(served, a, b):
    assert not served("formulation", a, b)


def test_bearer_held(served):
    assert not served("formulation", "serum for cuticles with ridges", "serum with ridges for cuticles")
    assert served(
        "formulation", "shampoo for oily hair with a fresh fragrance", "shampoo with a fresh fragrance for oily hair"
    )


# -- 3. canon._afflicted: "with" after people ----------------------------------------------------
PEOPLE = "canon._afflicted: after people only a _CONDITIONS last word stays; people outside _PEOPLE let it move"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("multivitamin for women with low iron", "multivitamin with low iron for women"),
        ("drink for athletes with low sodium", "drink with low sodium for athletes"),
        ("purple shampoo for blondes with yellow tones", "purple shampoo with yellow tones for blondes"),
        ("toothpaste for smokers with stains", "toothpaste with stains for smokers"),
        ("after-sun for surfers with sunburn", "after-sun with sunburn for surfers"),
    ],
)
def test_people_with_served(served, a, b):
    assert not served("formulation", a, b)


def test_people_held(served):
    assert not served(
        "formulation", "conditioner for hair with salt water damage", "conditioner with salt water damage for hair"
    )
    assert served("formulation", "cream for dry skin with shea butter", "cream with shea butter for dry skin")


# -- 4. canon._SEQUENCE: order cues still missing ------------------------------------------------
ORDER = "canon._SEQUENCE/_LAYOUT_ORDER: no cue names this order, so the list is sorted"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Fragrance pyramid for the launch: bergamot, rose, vanilla",
            "Fragrance pyramid for the launch: vanilla, rose, bergamot",
        ),
        (
            "branding",
            "Name our shades, fair to deep: Porcelain, Sand, Mocha",
            "Name our shades, fair to deep: Mocha, Sand, Porcelain",
        ),
        (
            "branding",
            "Name the entry, mid and premium tiers: Glow, Radiance, Luminance",
            "Name the entry, mid and premium tiers: Luminance, Radiance, Glow",
        ),
        ("formulation", "AM: cleanser, vitamin C serum, sunscreen", "AM: sunscreen, vitamin C serum, cleanser"),
        ("formulation", "Apply from the inside out: serum, cream, oil", "Apply from the inside out: oil, cream, serum"),
        (
            "formulation",
            "Double cleanse with oil cleanser and foaming cleanser",
            "Double cleanse with foaming cleanser and oil cleanser",
        ),
    ],
)
def test_order_cue_missing_served(served, generator, a, b):
    assert not served(generator, a, b)


def test_order_held(served):
    assert not served(
        "formulation", "Apply the retinol before the moisturiser", "Apply the moisturiser before the retinol"
    )
    assert not served(
        "branding",
        "Name our good, better, best tiers: Glow, Radiance, Luminance",
        "Name our good, better, best tiers: Luminance, Radiance, Glow",
    )
    assert served(
        "market",
        "Market size of makeup removers in France, Spain and Italy",
        "Market size of makeup removers in Italy, Spain and France",
    )


# -- 5. canon._sited: holdings outside _SITES ----------------------------------------------------
SITES = "canon._sited: a holding outside _SITES is not glued to its place"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("brands with sales in Japan", "brands in Japan with sales"),
        ("brands with patents in the US", "brands in the US with patents"),
        ("brands with trademarks in China", "brands in China with trademarks"),
        ("brands with pop-ups in London", "brands in London with pop-ups"),
        ("brands with investors in China", "brands in China with investors"),
    ],
)
def test_site_missing_served(served, a, b):
    assert not served("market", a, b)


def test_site_held(served):
    assert not served("market", "brands with stores only in Paris", "brands only in Paris with stores")
    assert not served("market", "brands with stores outside Europe", "brands outside Europe with stores")
    assert served("market", "brands with stores in Paris for teens", "brands for teens with stores in Paris")


# -- 6. words._apart / _a_verb: the comma's second thing read as a clause or a list ------------
APART = "words._apart/_a_verb: the comma that keeps the 'with' phrase to the second thing is dropped"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cost a toner, and the eye patches with caffeine", "Cost a toner and the eye patches with caffeine"),
        ("Cost a shampoo, and the hair dyes with henna", "Cost a shampoo and the hair dyes with henna"),
        ("Cost a body wash, and the bath bombs with glitter", "Cost a body wash and the bath bombs with glitter"),
        ("Cost a concealer, and cover sticks with SPF 30", "Cost a concealer and cover sticks with SPF 30"),
        (
            "Do a costing for a shampoo, and conditioner with coconut oil",
            "Do a costing for a shampoo and conditioner with coconut oil",
        ),
        (
            "Have a look at a shampoo, and conditioner with coconut oil",
            "Have a look at a shampoo and conditioner with coconut oil",
        ),
        ("Thanks, a shampoo, and conditioner with coconut oil", "Thanks, a shampoo and conditioner with coconut oil"),
        ("However, a shampoo, and conditioner with coconut oil", "However, a shampoo and conditioner with coconut oil"),
    ],
)
def test_apart_lost_served(served, a, b):
    assert not served("costing", a, b)


def test_apart_held(served):
    assert not served(
        "costing", "Cost a shampoo, and conditioner with coconut oil", "Cost a shampoo and conditioner with coconut oil"
    )
    assert not served(
        "costing",
        "Cost a serum, and the sheet masks with hyaluronic acid",
        "Cost a serum and the sheet masks with hyaluronic acid",
    )
    assert served(
        "formulation", "Gentle cleansers, toners, and serums with aloe", "Gentle cleansers, toners and serums with aloe"
    )


# == Paraphrases split ===========================================================================
# -- 7. canon._afflicted: packaging glued to the bearer -----------------------------------------
PACKAGING = "canon._afflicted: a product's packaging after a bearer is glued to the bearer (one request at g77)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("serum for dry skin with a dropper", "serum with a dropper for dry skin"),
        ("cream for dry skin with a pump", "cream with a pump for dry skin"),
        ("shampoo for curly hair with a recyclable bottle", "shampoo with a recyclable bottle for curly hair"),
        ("balm for dry lips with a screw cap", "balm with a screw cap for dry lips"),
    ],
)
def test_packaging_split(served, a, b):
    assert served("formulation", a, b)


def test_packaging_held(served):
    assert served(
        "formulation",
        "sunscreen for sensitive skin with a 12-month shelf life",
        "sunscreen with a 12-month shelf life for sensitive skin",
    )


# -- 8. canon._SEQUENCE: the layers cue orders lists that have no order --------------------------
LAYERS = "canon._SEQUENCE: 'layer' anywhere ('two-layer', 'ozone layer', 'layered haircuts') keeps every list's order"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "Market size of two-layer makeup removers in France, Spain and Italy",
            "Market size of two-layer makeup removers in Italy, Spain and France",
        ),
        (
            "market",
            "Market size of bi-layer cleansers in France, Spain and Italy",
            "Market size of bi-layer cleansers in Italy, Spain and France",
        ),
        (
            "market",
            "Growth of layered hair cuts services in salons, spas and barbershops",
            "Growth of layered hair cuts services in barbershops, spas and salons",
        ),
        (
            "market",
            "Market for ozone layer friendly sunscreens in Australia, Chile and NZ",
            "Market for ozone layer friendly sunscreens in NZ, Chile and Australia",
        ),
        (
            "branding",
            "Names for a two-layer cleanser: playful, clean, modern",
            "Names for a two-layer cleanser: modern, clean, playful",
        ),
    ],
)
def test_layers_split(served, generator, a, b):
    assert served(generator, a, b)


def test_layers_held(served):
    assert served(
        "formulation",
        "Formulate a two-layer makeup remover. Keep it under 3 euros.",
        "Keep it under 3 euros. Formulate a two-layer makeup remover.",
    )


# -- 9. words._apart: a first word in -ly read as an opener --------------------------------------
LY = "words._apart: a first word ending in -ly ('Oily', 'Daily', 'Jelly') is taken for an opener, so an Oxford comma splits"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Oily skin cleansers, toners, and moisturisers with niacinamide",
            "Oily skin cleansers, toners and moisturisers with niacinamide",
        ),
        ("Daily cleansers, toners, and serums with niacinamide", "Daily cleansers, toners and serums with niacinamide"),
        ("Jelly cleansers, toners, and serums with aloe", "Jelly cleansers, toners and serums with aloe"),
    ],
)
def test_ly_opener_split(served, a, b):
    assert served("formulation", a, b)
