"""Review 18: the mechanisms that merge different texts (where the guard g23's recall comes from).

Each finding states two requests that a careful cosmetics or consumer-goods expert answers
differently, yet that get one canonical form (``same``) or are served end to end (``served``).
Each fails today: it is marked ``xfail(strict=True)``, so it passes while the finding stands
and turns red when a fix closes it (then drop the mark). Each group also holds true
paraphrases that are, and must stay, one request (plain tests), so that a fix cannot simply
refuse everything. Grouped by cause, most severe first (38 findings, plus 9 end-to-end
checks of them through ``CacheService``):

1. negation scope in an "and" list (canon._groups, canon._without): 3
2. a question's "not" moved to the end of the clause (canon._question_not): 3
3. "k" after a number is a thousand, so 24k gold is 24,000 (words._numbers_and_units): 3
4. a one-step rewrite moves a phrase that belongs to a word into a field (rewrites._moves): 4
5. order words that _SEQUENCE does not know: the list is a set (canon._SEQUENCE): 4
6. request verbs with a sense of their own are dropped (aliases.REQUEST_VERBS*, canon._clause): 4
7. a service or process in -ing folded into its thing (lexicon.fold_inflection): 5
8. one or several outside branding and market (canon._COUNTED, _ONE): 4
9. a brand named by a common word is the word (words._word lowercases): 2
10. timing phrases in the politeness list (aliases._POLITE: "in advance", "asap", "no rush"): 3
11. aliases that ignore how a word is written: shouted "US", lower-case "w/o" (aliases._ALIASES): 3

Closed in g25 and g26 (marks dropped): classes 1, 2, 3, 5, 6, 7, 8, 10 and 11, and three
of class 4's four (a quantity "of" a material is not the batch; a time inside an "if" clause
is not the horizon). Open: the promotion "for 3 months" (class 4: a "for" horizon is the
outlook's as often, "the outlook for the next 3 years"), and class 9, the brands named by a
common word (case is not read, so "Simple" is "simple"). Cost of the fixes: 0 near-misses
served on either half; paraphrases served 976 of 1,719 (tuning, unchanged) and 545 of 1,000
(reporting, one fewer: "a study" against "studies" is now a count; counted, not read).

Held up against my attempts (no finding kept): comparatives and superlatives (no degree is
folded: every -er/-est form of 80 adjectives kept, only the listed quicker/faster pair
merges); the brief's pairs whitening/white, tinted/tint, cleansing/cleanser, firming/firm,
drying/dry, thinning/thin, greying/grey (the "base is an adjective" rule holds); UK/US
spelling (the -ise/-tre/-lled/ae rules changed no trade word tried); the typo repair (about
300 trade words and 90 neologisms and actives the lists miss: none has a one-slip
neighbour, e.g. cysteamine/cystamine stay apart); time and horizon (Q3/Q4, next/last, per
week/per month, within/after 6 months kept apart; 36 months = 3 years is right); audiences
and life stages (mums/mums-to-be, over/under 30, babies/newborns kept apart); output size
and format in branding and market ("3 names"/"a name", table/list); tonnes/tons.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# -- 1. a negation covers only the first item of an "and" list ---------------------------------
# canon._groups splits a clause at "and", and canon._without binds "without" (from "no", "w/o",
# "free of") to the next word only, so "no sulfates and silicones" becomes the two clauses
# "without~sulfate" and "silicone"; the clauses are a set, so that is also "silicones, no
# sulfates": the ingredient the analyst excluded is served as one they asked for. The g21 fix
# for "fragrance and alcohol free" (both excluded) covers "free" only; "not greasy and sticky"
# goes the same way. ("ok" is politeness, so "phenoxyethanol ok" is "phenoxyethanol".)
NEGATED_LIST = "canon._groups splits 'no X and Y' at 'and': Y leaves the negation and is a requirement"

NEGATED_LISTS = [
    ("formulation", "a shampoo, vegan, no sulfates and silicones", "a shampoo, vegan, silicones, no sulfates"),
    (
        "formulation",
        "Requirements: no parabens and phenoxyethanol",
        "Requirements: no parabens, phenoxyethanol ok",
    ),
    ("formulation", "a cream: not greasy and sticky", "a cream: sticky, not greasy"),
]


@pytest.mark.parametrize(("generator", "a", "b"), NEGATED_LISTS)
def test_a_negation_covers_its_whole_list(generator, a, b):
    assert not same(a, b, generator=generator)


def test_an_excluded_silicone_end_to_end(served):
    assert not served(
        "formulation", "a shampoo, vegan, no sulfates and silicones", "a shampoo, vegan, silicones, no sulfates"
    )


def test_one_negation_written_two_ways_is_one_request():
    assert same("a shampoo, vegan, no sulfates", "a shampoo, vegan, sulfate-free")


# -- 2. a question's "not" is moved to its end -------------------------------------------------
# canon._question_not: in a question opening with an asking word and holding one "not", the
# "not" goes to the end of the clause ("Why doesn't X work?" = "Why does X not work?"). In a
# question with a relative clause the "not" may belong to the verb or to the relative clause:
# retailers that do not stock vegan brands are not retailers that stock non-vegan brands.
QUESTION_NOT = "canon._question_not moves the one 'not' of a question to its end, out of its relative clause"

QUESTION_NOTS = [
    (
        "market",
        "Which retailers do not stock brands that are vegan in Spain?",
        "Which retailers stock brands that are not vegan in Spain?",
    ),
    (
        "market",
        "Which competitors do not use recycled packaging for products that are vegan?",
        "Which competitors use recycled packaging for products that aren't vegan?",
    ),
    (
        "market",
        "Why are sales not growing for serums that are fragrance-free?",
        "Why are sales growing for serums that are not fragrance-free?",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), QUESTION_NOTS)
def test_the_not_of_a_relative_clause_stays_there(generator, a, b):
    assert not same(a, b, generator=generator)


def test_the_not_of_a_relative_clause_end_to_end(served):
    assert not served(
        "market",
        "Which retailers do not stock brands that are vegan in Spain?",
        "Which retailers stock brands that are not vegan in Spain?",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Why don't vegan brands sell in Spain?", "Why do vegan brands not sell in Spain?"),
        ("Which retailers do not stock vegan brands in Spain?", "Which retailers don't stock vegan brands in Spain?"),
    ],
)
def test_a_contracted_not_is_the_same_not(a, b):
    assert same(a, b, generator="market")


# -- 3. "24k gold" is 24,000 gold --------------------------------------------------------------
# words._raw_tokens reads the letters glued to a number as its unit or multiplier, and
# aliases._MULTIPLIERS has "k": 1000, so the karat of "24k gold" (a common claim of face
# masks, serums and gold-plated cases) becomes the count 24,000: a unit cost of one mask is
# served the cost of 24,000 masks. "5k units" = "5,000 units" is right; a "k" before "gold"
# (or "gold-plated") is a karat.
KARAT = "words._numbers_and_units multiplies '24k' by 1000 ('k' in aliases._MULTIPLIERS): a karat becomes a count"

KARATS = [
    ("costing", "unit cost of a 24k gold face mask", "unit cost of 24,000 gold face masks"),
    ("formulation", "a serum with 24k gold flakes", "a serum with 24,000 gold flakes"),
    ("costing", "cost of a 24k gold-plated lipstick case", "cost of 24,000 gold-plated lipstick cases"),
]


@pytest.mark.parametrize(("generator", "a", "b"), KARATS)
def test_a_karat_is_no_thousand(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_karat_end_to_end(served):
    assert not served("costing", "unit cost of a 24k gold face mask", "unit cost of 24,000 gold face masks")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("cost of 5k units", "cost of 5,000 units"),
        ("unit cost of 24k gold face masks", "unit cost of 24K gold face masks"),
    ],
)
def test_a_thousand_and_a_capital_k(a, b):
    assert same(a, b, generator="costing")


# -- 4. a rewrite moves a phrase that belongs to one word into the request's field --------------
# rewrites._moves: "of 200 kg" or "for 200 kg" (a number: rewrites._fits) becomes the batch
# size, "until 2026" or "for 3 months" (a number or a time word) the horizon, wherever the
# phrase is in the clause. But "the cost of 200 kg of shea butter" prices the raw material
# bought by weight, while "the cost of shea butter" for a 200 kg batch of body butter depends
# on its share in the recipe; a shortage that lasts until 2026 is a scenario, not the
# forecast horizon; a promotion that runs for 3 months is not a 3-month outlook.
MOVED = "rewrites._moves moves a phrase bound to one word ('200 kg of shea', 'lasts until 2026') into a field"

MOVES = [
    (
        "costing",
        {"query": "cost of shea butter", "context": {"formulation": "whipped body butter", "batch_size": "200 kg"}},
        {"query": "cost of 200 kg of shea butter", "context": {"formulation": "whipped body butter"}},
    ),
    (
        "costing",
        {"query": "cost of the fragrance oil", "context": {"formulation": "scented candle", "batch_size": "50 kg"}},
        {"query": "cost of 50 kg of fragrance oil", "context": {"formulation": "scented candle"}},
    ),
    (
        "market",
        {
            "query": "sunscreen sales if the zinc oxide shortage lasts",
            "context": {"category": "sunscreen", "region": "Spain", "horizon": "2026"},
        },
        {
            "query": "sunscreen sales if the zinc oxide shortage lasts until 2026",
            "context": {"category": "sunscreen", "region": "Spain"},
        },
    ),
    (
        "market",
        {
            "query": "impact of a price promotion on sales",
            "context": {"category": "sunscreen", "region": "Spain", "horizon": "3 months"},
        },
        {
            "query": "impact of a price promotion for 3 months on sales",
            "context": {"category": "sunscreen", "region": "Spain"},
        },
    ),
]


_PROMOTION_OPEN = xfail(
    MOVED
    + " (open: 'for 3 months' after an event noun; skipping every 'for' horizon lost 'outlook for the next 3 years')"
)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [*MOVES[:3], pytest.param(*MOVES[3], marks=_PROMOTION_OPEN)],
    ids=["shea", "fragrance-oil", "shortage", "promotion"],
)
def test_a_phrase_of_one_word_is_not_a_field(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "costing",
            {"query": "cost of shea butter", "context": {"formulation": "whipped body butter", "batch_size": "200 kg"}},
            {"query": "cost of shea butter for a batch of 200 kg", "context": {"formulation": "whipped body butter"}},
        ),
        (
            "market",
            {
                "query": "sunscreen sales",
                "context": {"category": "sunscreen", "region": "Spain", "horizon": "next 5 years"},
            },
            {"query": "sunscreen sales over the next 5 years", "context": {"category": "sunscreen", "region": "Spain"}},
        ),
    ],
    ids=["batch", "horizon"],
)
def test_a_field_written_in_the_text_is_served(served, generator, a, b):
    assert served(generator, a, b)


# -- 5. an order said in words that _SEQUENCE does not know ---------------------------------------
# canon._SEQUENCE keeps a text's clauses in order for "then", "steps", "ranked", "INCI", "in
# this order", "order of/by" or a list opening with water; any other list is a set. A
# layering order, a routine, an ingredient list that does not open with water (an anhydrous
# balm: it is in order of concentration too), "from highest to lowest" and "favourite to
# least favourite" all say the order is the point, and the reversed list is served.
ORDER = "canon._SEQUENCE misses 'layering order:', 'routine:', 'highest to lowest', an anhydrous ingredient list"

ORDERS = [
    (
        "formulation",
        "Layering order: vitamin C, niacinamide, retinol",
        "Layering order: retinol, niacinamide, vitamin C",
    ),
    (
        "formulation",
        "AM routine: cleanser, vitamin C serum, moisturizer, sunscreen",
        "AM routine: sunscreen, moisturizer, vitamin C serum, cleanser",
    ),
    (
        "formulation",
        "Check this ingredient list for an anhydrous balm: shea butter, beeswax, jojoba oil, tocopherol",
        "Check this ingredient list for an anhydrous balm: tocopherol, jojoba oil, beeswax, shea butter",
    ),
    (
        "branding",
        "Our favourite to least favourite: Lumi, Aura, Vela",
        "Our favourite to least favourite: Vela, Aura, Lumi",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), ORDERS)
def test_a_list_whose_order_is_the_point_keeps_it(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_layering_order_end_to_end(served):
    assert not served(
        "formulation",
        "Layering order: vitamin C, niacinamide, retinol",
        "Layering order: retinol, niacinamide, vitamin C",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Layering order: vitamin C, niacinamide, retinol",
            "Hi, layering order: vitamin C, niacinamide, retinol. Thanks!",
        ),
        (
            "AM routine: cleanser, vitamin C serum, sunscreen",
            "Hi team, AM routine: cleanser, vitamin C serum, sunscreen",
        ),
    ],
)
def test_a_greeting_around_an_ordered_list(a, b):
    assert same(a, b)


# -- 6. request verbs that say which task it is are dropped --------------------------------------
# canon._clause drops a verb of aliases.REQUEST_VERBS_ANY ("write", "draft", "summarize", "make",
# "produce"...) or of the generator's REQUEST_VERBS (scientific: "summarize", "review") when it
# opens a clause, as if each only said "answer this". But writing a text and summarizing
# or reviewing an existing one are different tasks: "write customer reviews" even asks for
# invented reviews, "summarize the customer reviews" for a digest of real ones.
VERB = "aliases.REQUEST_VERBS_ANY / REQUEST_VERBS: 'write', 'draft', 'summarize' and 'review' are dropped alike"

VERBS = [
    ("branding", "Summarize our brand guidelines", "Write our brand guidelines"),
    ("market", "summarize the customer reviews of our body lotion", "write customer reviews of our body lotion"),
    (
        "scientific",
        "write the methods section for our clinical study on niacinamide",
        "review the methods section for our clinical study on niacinamide",
    ),
    (
        "scientific",
        "draft the claim that 5% niacinamide reduces pores",
        "review the claim that 5% niacinamide reduces pores",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), VERBS)
def test_writing_is_not_summarizing_or_reviewing(generator, a, b):
    assert not same(a, b, generator=generator)


def test_fake_reviews_end_to_end(served):
    assert not served(
        "market", "summarize the customer reviews of our body lotion", "write customer reviews of our body lotion"
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Write the press release for our SPF launch",
            "Could you please write the press release for our SPF launch?",
        ),
        (
            "scientific",
            "Review our study protocol for a 12-week trial",
            "Could you review our study protocol for a 12-week trial?",
        ),
    ],
)
def test_a_polite_request_verb(generator, a, b):
    assert same(a, b, generator=generator)


# -- 7. a service or a process in -ing is folded into the thing ------------------------------------
# lexicon.fold_inflection folds a verb's -ing form into its base unless the base is an
# adjective or the form is in _OWN_SENSE (a list: "bottling", "filling", "packaging"...). In
# the trade the -ing form is often a service or an operation of its own: waxing (hair removal,
# a salon service) is not wax (the raw material), boxing (putting into boxes, labour) not the
# box (a component), brow tinting (a salon service) not brow tint (a product), skin peeling (a
# side effect) not a skin peel (a procedure), bundling (assembly) not the bundle.
ING = "lexicon.fold_inflection folds an -ing service or operation into its thing (waxing -> wax, boxing -> box)"

INGS = [
    ("market", "the waxing market in Brazil", "the wax market in Brazil"),
    ("costing", "cost of waxing per session", "cost of wax per session"),
    ("costing", "boxing cost per unit for a perfume", "box cost per unit for a perfume"),
    ("market", "market for brow tinting in the UK", "market for brow tint in the UK"),
    ("scientific", "skin peeling after a retinol serum", "a skin peel after a retinol serum"),
]


@pytest.mark.parametrize(("generator", "a", "b"), INGS)
def test_an_ing_service_is_not_its_thing(generator, a, b):
    assert not same(a, b, generator=generator)


def test_boxing_cost_end_to_end(served):
    assert not served("costing", "boxing cost per unit for a perfume", "box cost per unit for a perfume")


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "the waxing market in Brazil", "Waxing market in Brazil?"),
        ("costing", "boxing cost per unit for a perfume", "boxing costs per unit for perfumes"),
    ],
)
def test_plurals_and_articles_around_an_ing_word(generator, a, b):
    assert same(a, b, generator=generator)


# -- 8. one or several, outside branding and market -------------------------------------------------
# canon._clause reads "a"/"an" as the count 1 only in _COUNTED (branding, market) or before
# "of"; elsewhere it is dropped and the plural is folded. A formulation or a costing is of
# one product however it is asked, but the scientific generator is asked for one study or
# the literature, one side effect or all of them, and a costing for one supplier's quote or
# a comparison of several; a formulation brief can ask for one claim or a set.
COUNT = "canon._COUNTED: outside branding and market 'a study' and 'studies' are one request"

COUNTS = [
    ("scientific", "summarize a study on bakuchiol for acne", "summarize studies on bakuchiol for acne"),
    ("scientific", "a side effect of tretinoin", "side effects of tretinoin"),
    ("costing", "a quote from a supplier for 5,000 jars", "quotes from suppliers for 5,000 jars"),
    ("formulation", "a claim for our serum", "claims for our serum"),
]


@pytest.mark.parametrize(("generator", "a", "b"), COUNTS)
def test_one_is_not_several_in_any_generator(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "scientific",
            "summarize studies on bakuchiol for acne",
            "Could you please summarize the studies on bakuchiol for acne?",
        ),
        ("scientific", "side effects of tretinoin", "What are the side effects of tretinoin?"),
    ],
)
def test_the_plural_asked_politely(generator, a, b):
    assert same(a, b, generator=generator)


# -- 9. a brand named by a common word is that word ---------------------------------------------------
# words._word lowercases every word; a capital inside a sentence sets ``named``, which only
# words._located and the typo repair read. So the brands The Ordinary and Simple are the
# adjectives: a dupe of The Ordinary's serum is served the answer for any ordinary serum.
# Closed at g38: an adjective (never a verb) written with a capital inside a sentence names a
# brand (review21: after "a"/"an" too, "an Ordinary serum"); the price is a casing paraphrase
# with such a capital ("cream for Sensitive skin", "a Natural mosquito lotion"), now a miss.
BRANDS = [
    ("formulation", "a dupe of The Ordinary niacinamide serum", "a dupe of an ordinary niacinamide serum"),
    ("market", "reviews of Simple face wash in the UK", "reviews of simple face wash in the UK"),
]


@pytest.mark.parametrize(("generator", "a", "b"), BRANDS)
def test_a_brand_is_not_the_common_word(generator, a, b):  # closed at g38
    assert not same(a, b, generator=generator)


def test_a_brand_end_to_end(served):
    assert not served(
        "formulation", "a dupe of The Ordinary niacinamide serum", "a dupe of an ordinary niacinamide serum"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("market share of CeraVe in the UK", "market share of cerave in the UK"),
        ("market share of Simple micellar water in the UK", "Market share of Simple micellar water in the U.K."),
    ],
)
def test_a_brand_in_any_case(a, b):
    assert same(a, b, generator="market")


# -- 10. timing phrases in the politeness list -------------------------------------------------------
# aliases._POLITE drops "in advance" (for "thanks in advance"), "asap" / "as soon as possible"
# and "no rush" / "no hurry" anywhere in the text. In a costing they are the question:
# booking a line or paying a supplier in advance changes the plan and the price, and the
# urgency decides between air and sea freight, so "asap" is even served "no rush".
POLITE = "aliases._POLITE drops 'in advance', 'asap' and 'no rush' wherever they are, not only after thanks"

POLITES = [
    ("costing", "Should we book the filling line in advance?", "Should we book the filling line?"),
    ("costing", "unit cost if we pay the supplier in advance", "unit cost if we pay the supplier"),
    (
        "costing",
        "Air or sea freight for 10,000 jars to Madrid, asap",
        "Air or sea freight for 10,000 jars to Madrid, no rush",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), POLITES)
def test_timing_is_not_politeness(generator, a, b):
    assert not same(a, b, generator=generator)


def test_asap_is_not_no_rush_end_to_end(served):
    assert not served(
        "costing",
        "Air or sea freight for 10,000 jars to Madrid, asap",
        "Air or sea freight for 10,000 jars to Madrid, no rush",
    )


def test_thanks_in_advance_is_politeness():
    assert same("unit cost for 5,000 jars", "Unit cost for 5,000 jars? Thanks in advance!", generator="costing")


# -- 11. aliases that ignore how a word is written -----------------------------------------------------
# aliases._ALIASES runs before the politeness phrases and reads "US" in capitals as the
# country, so a text typed in capitals ("FOR US", our company) asks about the USA; and it
# reads lower-case "w/o" as "without" (only "W/O" in capitals is water-in-oil), so a
# formulator's "w/o emulsion" is an anhydrous product ("no emulsion"), its opposite.
CASE = "aliases._ALIASES: shouted 'US' is the USA, lower-case 'w/o emulsion' is 'without emulsion'"

CASES = [
    ("market", "WHAT SUNSCREEN TRENDS MATTER FOR US?", "What sunscreen trends matter for the US?"),
    ("market", "WHICH BRANDS COMPETE WITH US IN SKINCARE?", "Which brands compete with the US in skincare?"),
    ("formulation", "a night cream, w/o emulsion", "a night cream, no emulsion"),
]


@pytest.mark.parametrize(("generator", "a", "b"), CASES)
def test_an_alias_reads_what_the_text_means(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_water_in_oil_emulsion_end_to_end(served):
    assert not served("formulation", "a night cream, w/o emulsion", "a night cream, no emulsion")


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "WHAT SUNSCREEN TRENDS MATTER IN THE US?", "What sunscreen trends matter in the US?"),
        ("formulation", "a toner w/o alcohol", "a toner without alcohol"),
        ("formulation", "a night cream, W/O emulsion", "a night cream, water-in-oil emulsion"),
    ],
)
def test_an_alias_in_its_usual_sense(generator, a, b):
    assert same(a, b, generator=generator)


# -- added by the lead with the fixes: what the fixes must keep serving -----------------------
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("scientific", "Summarize the evidence on fluoride varnish", "Review the evidence on fluoride varnish"),
        ("costing", "Thanks in advance! Unit cost of a 50 ml jar", "Unit cost of a 50 ml jar"),
        ("formulation", "shampoo, no sulfates and no silicones", "shampoo, no silicones and no sulfates"),
    ],
)
def test_the_fixes_keep_these_paraphrases(generator, a, b):
    assert same(a, b, generator=generator)


def test_a_horizon_by_a_year_still_moves_into_its_field(served):
    a = {"query": "Growth of beard care by 2028", "context": {"category": "beard care", "region": "Egypt"}}
    b = {"query": "Growth of beard care", "context": {"category": "beard care", "region": "Egypt", "horizon": "2028"}}
    assert served("market", a, b)
