"""Review 33: the guard's newest rules, g71 and g72 (``git diff 85fdf83 -- optimizer/cache``), attacked.

Closed at g76: care home and e-tailer (canon._PARTY_PAIRS). Closed at g73 (the marks dropped): 30 of 36. "the" counts one only before a phrase with no
plural (canon._singular_phrase); an unspaced slash joins only before a noun (not a preposition,
a determiner or a pronoun), a sentence's end cuts a stretch; optician, medspa, artist, chemist
keep their number; the branded object past four modifiers or an "of" phrase; the search cues
widened and counted only in a sentence that lists the options (canon._searched_in_order); a
quoted slash before a determiner is "or"; "cost/wash" is "cost per wash". Open (6): "Retinol/
bakuchiol sales", care home, e-tailer, a relative clause after the product, "celebrating the
mini", an apostrophe inside quoted copy.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy). Each split finding gives two requests that are one request and that get two
canonical forms (``same``). Each fails today and is marked ``xfail(strict=True)``: it passes while
the finding stands and turns red when a fix closes it (then drop the mark). Each group also holds
plain tests pinning what the rule gets right. "Regression" means the pair was handled right at
85fdf83 (g70) and is not at g72; "gap" means a case of the kind the new rule set out to cover that
it misses (wrong at g70 too). Every label was run against an export of 85fdf83, not assumed.

Near-misses served (31):

1. canon._picked + the "the" branch of canon._clause (g72): "the" after a verb of picking becomes
   "1" whenever the NEXT word is not plural, so "the <modifier> <plural>" counts one and the
   plural's number is dropped: "Find the clinical studies" is served for "Find a clinical study",
   "Propose the new names" for "Propose a new name" (regressions): 6
2. aliases._slashed / _MODIFIER_PAIR (g72): an unspaced slash before "<word> <word>" is taken for
   two modifiers of one noun, but the second word is any word, a preposition too, so
   "Shampoo/conditioner with argan oil" (either) is served for "Shampoo and conditioner with
   argan oil" (gaps): 4
3. aliases._slashed / _SEGMENT_END (g72): a stretch is cut only at , ; : newline and brackets, not
   at a sentence's end, so one slash per sentence counts as a chain and lists: "Cream with shea /
   mango butter. Toner with rose / witch hazel." is served for "... and ... and" (gaps): 2
4. canon._TRADE_PARTIES (g72's additions): more customers a brand pitches to still lose their
   number: care home, optician, medspa, makeup artist, chemist, e-tailer (gaps): 6
5. canon._branded_object (g71/g72): the product's number is kept only when the noun ends its
   phrase right after for/on/about + a definite determiner + up to three modifiers: "for the
   launch of the lip oil(s)", "the lip oil(s) we launch in May", four modifiers, "celebrating the
   mini(s)" drop it (gaps): 4
6. canon._SEQUENCE (g72's search-in-order cues): other wordings of a search in order are sorted, so
   the first choice is lost: "fall back on", "use the first one in stock", "use whichever is in
   stock first", "if out of stock, move to the next", "try each until one is in stock" (gaps): 5
7. words._WORD_SLASH's modifier exception in words._quoted_or (g72): in quoted copy a slash before
   any two words is a modifier pair, read as "and", so "'Glow/Shine every day'" is served for
   "'Glow and Shine every day'"; an apostrophe inside the quote ("that's") unquotes it (gaps): 4

Paraphrases split (5):

8. canon._SEQUENCE (g72): the new cues match anywhere, not only before the list, so an unrelated
   "whichever comes first" (a shelf life), "fall back to glass", "stop when the pH drifts", "take
   the first batch" keep an ingredient list's order (regressions): 4
9. aliases._slashed with units that are words: "Cost/wash" is not "Cost per wash" (gap): 1

Held up: the g72 closures of review32 ("Suggest the thickeners" stays apart from "a thickener";
"Suggest me a", select/identify/find; "stylist", "hotel" keep their number; "stop at the first"
keeps its order; an unspaced "Day/night cream" joins; a chain "glycerin / propanediol / butylene
glycol" lists; "'Glow/Shine'" is not "'Glow and Shine'"); "and/or" as written; "x" and "vs" are
not read as a slash (kept apart); a spaced "Shampoo / conditioner with argan oil" is "or".
Not reported: bare or definite singular/plural pairs with nothing counting them (relabelled.json).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


_HUMECTANTS = ("glycerin, propanediol, butylene glycol", "butylene glycol, propanediol, glycerin")


# ================================ near-misses served ================================


# -- 1. canon._picked: "the <modifier> <plural>" counts one -------------------------------------
PICKED_THE = "canon._picked: 'the' counts one when the next word (a modifier) is not plural, the plural noun is lost"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        pytest.param(
            "scientific", "Find the clinical studies on bakuchiol", "Find a clinical study on bakuchiol", id="studies"
        ),
        pytest.param("branding", "Propose the new names for our serum", "Propose a new name for our serum", id="names"),
        pytest.param(
            "branding",
            "Suggest the catchy taglines for our serum",
            "Suggest a catchy tagline for our serum",
            id="taglines",
        ),
        pytest.param(
            "market",
            "Identify the emerging brands in French suncare",
            "Identify an emerging brand in French suncare",
            id="brands",
        ),
        pytest.param(
            "scientific", "Select the relevant trials on retinol", "Select a relevant trial on retinol", id="trials"
        ),
        pytest.param(
            "branding",
            "Suggest the product names for our lip oil",
            "Suggest a product name for our lip oil",
            id="product-names",
        ),
    ],
)
def test_the_modified_plural_is_not_one(served, generator, a, b):
    assert not served(generator, a, b)


def test_the_bare_plural_after_a_picking_verb_is_not_one(served):
    assert not served("formulation", "Suggest the thickeners for a gel", "Suggest a thickener for a gel")


def test_a_clinical_study_is_one_clinical_study(served):
    assert served("scientific", "Find a clinical study on bakuchiol", "Find one clinical study on bakuchiol")


# -- 2. aliases._slashed / _MODIFIER_PAIR: any two words after the slash ------------------------
MODIFIER = "aliases._MODIFIER_PAIR: an unspaced slash before '<word> <preposition>' is read as two modifiers ('and')"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "Shampoo/conditioner with argan oil", "Shampoo and conditioner with argan oil"),
        ("formulation", "Glycerin/propanediol in a vitamin C serum", "Glycerin and propanediol in a vitamin C serum"),
        (
            "formulation",
            "A toner with niacinamide/zinc for oily skin",
            "A toner with niacinamide and zinc for oily skin",
        ),
        pytest.param(
            "market",
            "Retinol/bakuchiol sales in France",
            "Retinol and bakuchiol sales in France",
            marks=xfail(MODIFIER),
        ),
    ],
)
def test_an_unspaced_slash_before_a_preposition_is_or(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_spaced_slash_is_or(served):
    assert not served("formulation", "Shampoo / conditioner with argan oil", "Shampoo and conditioner with argan oil")


def test_a_day_night_cream_is_a_day_and_night_cream(served):
    assert served("formulation", "Day/night cream with retinol", "Day and night cream with retinol")


# -- 3. aliases._slashed / _SEGMENT_END: a sentence's end cuts no stretch -----------------------
SEGMENT = "aliases._SEGMENT_END: '.' and '?' cut no stretch, so one slash per sentence is read as a chain ('and')"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Cream with shea / mango butter. Toner with rose / witch hazel.",
            "Cream with shea and mango butter. Toner with rose and witch hazel.",
        ),
        ("Glycerin / propanediol? And niacinamide / zinc?", "Glycerin and propanediol? And niacinamide and zinc?"),
    ],
)
def test_one_slash_per_sentence_is_or(served, a, b):
    assert not served("formulation", a, b)


def test_a_chain_of_slashes_is_a_list(served):
    assert served(
        "formulation",
        "Glycerin / propanediol / butylene glycol in a serum",
        "Glycerin, propanediol and butylene glycol in a serum",
    )


def test_one_slash_then_a_sentence_is_or(served):
    assert served(
        "formulation",
        "Cream with shea / mango butter. Toner with rose water.",
        "Cream with shea or mango butter. Toner with rose water.",
    )


# -- 4. canon._TRADE_PARTIES: more unlisted customers ------------------------------------------
PARTIES = "canon._TRADE_PARTIES: a customer not in the list loses its number (one optician vs the opticians)"


@pytest.mark.parametrize(
    "party",
    [
        "care home",
        "optician",
        "medspa",
        "makeup artist",
        "chemist",
        "e-tailer",
    ],
)
def test_an_unlisted_customer_keeps_its_number(served, party):
    assert not served(
        "market",
        f"Which moisturiser should we pitch to the {party}?",
        f"Which moisturiser should we pitch to the {party}s?",
    )


def test_a_stylist_keeps_its_number(served):
    assert not served(
        "market",
        "Which moisturiser should we pitch to the stylist?",
        "Which moisturiser should we pitch to the stylists?",
    )


def test_the_care_homes_are_care_homes(served):
    assert served("market", "Demand from the care homes", "Demand from care homes")


# -- 5. canon._branded_object: the product not ending its phrase -------------------------------
BRANDED = "canon._branded_object: the product's number is kept only right after for/on/about + definite + <=3 modifiers"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Taglines for the launch of the lip oil", "Taglines for the launch of the lip oils", id="launch-of"
        ),
        pytest.param(
            "Taglines for the lip oil we launch in May",
            "Taglines for the lip oils we launch in May",
            id="relative",
            marks=xfail(BRANDED),
        ),
        pytest.param(
            "Taglines for the new vegan tinted lip oil",
            "Taglines for the new vegan tinted lip oils",
            id="four-modifiers",
        ),
        pytest.param(
            "Taglines celebrating the mini", "Taglines celebrating the minis", id="celebrating", marks=xfail(BRANDED)
        ),
    ],
)
def test_the_branded_product_keeps_its_number(served, a, b):
    assert not served("branding", a, b)


def test_for_the_lip_oil_is_not_for_the_lip_oils(served):
    assert not served("branding", "Taglines for the lip oil", "Taglines for the lip oils")


def test_for_the_lip_oils_with_an_exclamation_mark(served):
    assert served("branding", "Taglines for the lip oils", "Taglines for the lip oils!")


# -- 6. canon._SEQUENCE: more wordings of a search in order ------------------------------------
SEQUENCE = "canon._SEQUENCE: a search in order worded without the g72 cues is sorted, the first choice lost"


@pytest.mark.parametrize(
    "head",
    [
        "Fall back on the next if unavailable:",
        "Use the first one in stock:",
        "Use whichever is in stock first:",
        "If out of stock, move to the next:",
        "Try each until one is in stock:",
    ],
)
def test_a_search_in_order_keeps_its_order(served, head):
    assert not served("formulation", f"{head} {_HUMECTANTS[0]}", f"{head} {_HUMECTANTS[1]}")


def test_stop_at_the_first_in_stock_keeps_its_order(served):
    head = "Stop at the first in stock:"
    assert not served("formulation", f"{head} {_HUMECTANTS[0]}", f"{head} {_HUMECTANTS[1]}")


def test_a_plain_list_is_a_set(served):
    assert served("formulation", f"Humectants: {_HUMECTANTS[0]}", f"Humectants: {_HUMECTANTS[1]}")


# -- 7. words._quoted_or / _WORD_SLASH: the modifier exception in quoted copy -------------------
QUOTED = "words._WORD_SLASH: a quoted slash before any two words is a modifier pair, read as 'and'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Put 'Glow/Shine every day' on the carton", "Put 'Glow and Shine every day' on the carton", id="every-day"
        ),
        pytest.param(
            "Put 'Hydrate/Protect your skin' on the carton",
            "Put 'Hydrate and Protect your skin' on the carton",
            id="your-skin",
        ),
        pytest.param(
            'Put "Glow/Shine all day long" on the carton',
            'Put "Glow and Shine all day long" on the carton',
            id="double-quotes",
        ),
        pytest.param(
            "Put 'Lip oil/gloss that's yours' on the carton",
            "Put 'Lip oil and gloss that's yours' on the carton",
            id="apostrophe",
            marks=xfail(QUOTED),
        ),
    ],
)
def test_a_quoted_slash_before_words_is_or(served, a, b):
    assert not served("branding", a, b)


def test_a_short_quoted_slash_is_or(served):
    assert not served("branding", "Put 'Glow/Shine' on the carton", "Put 'Glow and Shine' on the carton")


# ================================ paraphrases split ================================


# -- 8. canon._SEQUENCE: a cue elsewhere in the request orders the list -------------------------
CUE_ANYWHERE = "canon._SEQUENCE: the g72 cues match anywhere, so an unrelated 'whichever comes first' orders a list"


@pytest.mark.parametrize(
    "lead",
    [
        "Shelf life 24 months or PAO 12 months, whichever comes first.",
        "Fall back to glass if PCR is short.",
        "Stop when the pH drifts.",
        "Take the first batch to stability.",
    ],
)
def test_an_unrelated_cue_leaves_a_list_a_set(lead):
    assert same(f"{lead} Humectants: {_HUMECTANTS[0]}", f"{lead} Humectants: {_HUMECTANTS[1]}", generator="formulation")


# -- 9. aliases._slashed: a unit that is a word ----------------------------------------------------
def test_cost_slash_wash_is_cost_per_wash():
    assert same("Cost/wash of a shampoo", "Cost per wash of a shampoo", generator="costing")
