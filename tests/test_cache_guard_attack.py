"""Attacks on the semantic cache guard written with its code in hand (issue 10).

Each test is a near-miss that the guard once served: two requests an analyst would type
that a careful expert answers differently, yet that got one canonical form (or met through a
rewrite in ``CacheService``). They are grouped by the rule that removed the difference. An
attack still open would be marked ``xfail(strict=True)`` with its reason (none is, at g35). Next to each class, plain tests hold harmless rewordings that must
still match, so that a fix that simply refuses everything is caught.

``same`` compares free text the way the index does (canonical forms, one generator);
``served`` goes end to end: ``CacheService.put(a)`` then ``get(b)`` on a disk store.
"""

from __future__ import annotations

import pytest
from support.guard import same

# -- 1. canon._question_not: the one "not" of a question moves to its end -----------------
# "Why is X not growing in A but growing in B" asks the opposite of "... growing in A but not
# growing in B": moving the "not" loses what it negates whenever the question has two parts.

QUESTION_NOT = [
    (
        "Why is CeraVe not growing in Brazil but growing in Mexico?",
        "Why is CeraVe growing in Brazil but not growing in Mexico?",
    ),
    ("Why do our sales grow in Brazil but not in Mexico?", "Why do our sales not grow in Brazil but in Mexico?"),
    (
        "Why is the cream not stable at 40C but stable at 25C?",
        "Why is the cream stable at 40C but not stable at 25C?",
    ),
    (
        "What preservatives are allowed in the EU but not in Japan?",
        "What preservatives are not allowed in the EU but in Japan?",
    ),
    (
        "Why do customers not repurchase our serum but repurchase our cleanser?",
        "Why do customers repurchase our serum but not repurchase our cleanser?",
    ),
    ("Which claims can we make in the UK but not in the EU?", "Which claims can we not make in the UK but in the EU?"),
]


@pytest.mark.parametrize(("a", "b"), QUESTION_NOT)
def test_question_not_keeps_what_it_negates(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Why is CeraVe not growing in Brazil?", "Why isn't CeraVe growing in Brazil?"),
        ("What preservatives are not allowed in the EU?", "Which preservatives aren't allowed in the EU?"),
    ],
)
def test_question_not_contractions_still_match(a, b):
    assert same(a, b)


# -- 2. words.fold_inflection + dropped articles: one thing or several ----------------------
# "a name" and "names", "the main competitor" and "the main competitors": the article goes and
# the plural folds, so a request for one thing is served a list and the other way round.

ONE_OR_MANY = [
    ("Suggest a name for our vitamin C serum", "Suggest names for our vitamin C serum", "branding"),
    ("Write a tagline for our body lotion", "Write taglines for our body lotion", "branding"),
    ("Who is the main competitor of CeraVe in Brazil?", "Who are the main competitors of CeraVe in Brazil?", "market"),
    ("What is the leading sunscreen brand in Mexico?", "What are the leading sunscreen brands in Mexico?", "market"),
    ("What is the best-selling serum in Brazil?", "What are the best-selling serums in Brazil?", "market"),
]


@pytest.mark.parametrize(("a", "b", "generator"), ONE_OR_MANY)
def test_one_thing_is_not_a_list(a, b, generator):
    assert not same(a, b, generator=generator)


def test_one_name_is_not_served_a_list_end_to_end(served):
    a = {"query": "a name", "context": {"product": "vitamin C serum", "audience": "women 30+"}}
    b = {"query": "names", "context": {"product": "vitamin C serum", "audience": "women 30+"}}
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b", "generator"),
    [
        ("Which sunscreen brands lead in Mexico?", "Which sunscreen brands are leading in Mexico?", "market"),
        ("Suggest 5 names for our serum", "Suggest five names for our serum", "branding"),
        ("Market size of serums in Brazil", "market size of serums in brazil?", "market"),
    ],
)
def test_verb_forms_and_written_counts_still_match(a, b, generator):
    assert same(a, b, generator=generator)


# -- 3. aliases.REQUEST_NOUNS: "ideas" dropped anywhere in a clause --------------------------
# "product ideas" asks for new concepts; "products" asks what sells today.

IDEAS = [
    ("Top 3 product ideas for Gen Z in Brazil", "Top 3 products for Gen Z in Brazil", "market"),
    ("New product ideas in Korean skincare", "New products in Korean skincare", "market"),
    ("Packaging ideas for a refillable deodorant", "Packaging for a refillable deodorant", "formulation"),
    ("Campaign ideas for our refillable deodorant", "Campaign for our refillable deodorant", "branding"),
]


@pytest.mark.parametrize(("a", "b", "generator"), IDEAS)
def test_ideas_are_not_the_things_themselves(a, b, generator):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("a", "b", "generator"),
    [
        (
            "Packaging ideas for a refillable deodorant",
            "Packaging ideas for a refillable deodorant, please",
            "formulation",
        ),
        ("3 name ideas for our serum", "3 name suggestions for our serum", "branding"),
    ],
)
def test_ideas_reworded_still_match(a, b, generator):
    assert same(a, b, generator=generator)


# -- 4. a yes/no question collapses into a request ----------------------------------------
# canon._clause drops "do" (AUXILIARIES) and then "we need"/"we want" as request verbs;
# aliases._POLITE drops "is it possible to", "can you" and "make us". "Do we need a preservative
# in an anhydrous balm?" (usually no) becomes "We need a preservative in an anhydrous balm"
# (which one?); "Is it possible to formulate X?" (feasibility) becomes "Formulate X".

QUESTION_OR_REQUEST = [
    ("Do we need a preservative in an anhydrous lip balm?", "We need a preservative in an anhydrous lip balm."),
    ("Do we need a CPSR for the UK?", "We need a CPSR for the UK."),
    ("Do we have to reformulate our sunscreen for the EU?", "We have to reformulate our sunscreen for the EU."),
    ("Is it possible to formulate a clear sunscreen with zinc oxide?", "Formulate a clear sunscreen with zinc oxide."),
    ("Can you mix retinol and vitamin C in one serum?", "Mix retinol and vitamin C in one serum."),
    ("Could you use niacinamide with vitamin C?", "Use niacinamide with vitamin C."),
    ("Would you be able to ship the serum to Norway?", "Ship the serum to Norway."),
    ("can we claim it is hypoallergenic? can you label it vegan?", "can we claim it is hypoallergenic? label it vegan"),
    ("What would make us more competitive in Brazil?", "What would be more competitive in Brazil?"),
]


@pytest.mark.parametrize(("a", "b"), QUESTION_OR_REQUEST)
def test_a_question_whether_is_not_a_request(a, b):
    assert not same(a, b)


def test_feasibility_question_end_to_end(served):
    a = {"query": "Is it possible to use it in a toner?", "context": {"subject": "1% retinol"}}
    b = {"query": "Use it in a toner", "context": {"subject": "1% retinol"}}
    assert not served("scientific", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Formulate a clear sunscreen with zinc oxide.",
            "Could you please formulate a clear sunscreen with zinc oxide?",
        ),
        ("Do we need a preservative in an anhydrous lip balm?", "do we need a preservative in an anhydrous lip-balm"),
        # A polite "could you" before a verb that asks for a text, or before what an alias
        # left of one ("kindly give me"), is still only politeness.
        (
            "Could you kindly give me an overview of the Peruvian sun care market?",
            "give an overview of the Peruvian sun care market",
        ),
        (
            "Hi, would you be able to give me the market size for lip balm in Canada?",
            "market size for lip balm in Canada",
        ),
        ("could you kindly work out the unit cost for me? thank you", "unit cost"),
        ("Could you please help with the costing of our candle?", "costing of our candle"),
        (
            "Sorry to bother, can you check how the nail care market in Chile is doing?",
            "How is the nail care market in Chile doing?",
        ),
        (
            "Could you recalculate with the new carton price of 0.12 EUR?",
            "recalculate with the new carton price of 0.12 EUR",
        ),
        ("Would it be possible to draft three taglines?", "Is it possible to draft three taglines?"),
        ("Make us a list of five names for a lip oil", "a list of five names for a lip oil"),
        # A leading phrase repeated before each item leads its own item.
        ("For teens, a cleanser, and for adults, a serum", "a cleanser for teens and a serum for adults"),
        # Two ways to ask whether are one question.
        (
            "Can you mix retinol and vitamin C in one serum?",
            "Is it possible to mix retinol and vitamin C in one serum?",
        ),
    ],
)
def test_polite_requests_still_match(a, b):
    assert same(a, b)


# -- 5. clause sorting loses which item belongs to which label ----------------------------
# canon._canonical_clauses sorts a sentence's clauses; a clause that is only a second list
# item ("pink pepper"), a quantity with a unit ("15 ml", "0.20 EUR") or a head shared by
# _attach floats free of the label, item or phrase it was written next to.

BINDINGS = [
    (
        "Fragrance brief: top notes of bergamot and pink pepper, heart of rose and jasmine",
        "Fragrance brief: top notes of bergamot and jasmine, heart of rose and pink pepper",
    ),
    (
        "Top notes: bergamot and pink pepper, heart: rose and jasmine, base: vetiver and amber",
        "Top notes: bergamot and jasmine, heart: rose and pink pepper, base: vetiver and amber",
    ),
    (
        "Market size for men's fragrance and skincare, women's haircare and bodycare",
        "Market size for men's fragrance and bodycare, women's haircare and skincare",
    ),
    (
        "For teens, a cleanser, and for adults, a serum",
        "For adults, a cleanser, and for teens, a serum",
    ),
    (
        "In Brazil, serums, and in Mexico, sunscreens: market size",
        "In Mexico, serums, and in Brazil, sunscreens: market size",
    ),
    (
        "Cost of a travel-size serum, 15 ml, and a full-size serum, 50 ml",
        "Cost of a travel-size serum, 50 ml, and a full-size serum, 15 ml",
    ),
    (
        "Cost of a travel-size serum (15 ml) and a full-size serum (50 ml)",
        "Cost of a travel-size serum (50 ml) and a full-size serum (15 ml)",
    ),
    (
        "Unit cost: tube, 0.20 EUR, cap, 0.05 EUR, carton, 0.10 EUR",
        "Unit cost: tube, 0.05 EUR, cap, 0.20 EUR, carton, 0.10 EUR",
    ),
]


@pytest.mark.parametrize(("a", "b"), BINDINGS)
def test_an_item_stays_with_its_label(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("For teens, a cleanser; for adults, a serum", "For adults, a serum; for teens, a cleanser"),
        (
            "Cost of a travel-size serum (15 ml) and a full-size serum (50 ml)",
            "cost of a travel size serum (15ml) and a full size serum (50ml)",
        ),
        ("A cream for acne with few side effects", "A cream with few side effects for acne"),
        (
            "Fragrance brief: top notes of bergamot and pink pepper, heart of rose and jasmine",
            "fragrance brief - top notes of bergamot and pink pepper, heart of rose and jasmine",
        ),
        (  # the pairs in another order, each whole
            "Fragrance brief: top notes of bergamot and pink pepper, heart of rose and jasmine",
            "Fragrance brief: heart of rose and jasmine, top notes of bergamot and pink pepper",
        ),
        ("in Spain, Portugal and Italy", "in Italy, Spain and Portugal"),  # one list, one "and"
        ("a serum with niacinamide, zinc and panthenol", "a serum with zinc, panthenol and niacinamide"),
    ],
)
def test_bound_items_reordered_whole_still_match(a, b):
    assert same(a, b)


# -- 6. canon._SEQUENCE misses words that say order matters -------------------------------
# A priority list, "most important first", or a label's ingredient list (in order of
# concentration) carries its order without "order", "then", "rank", "INCI" or water first.

ORDERED_LISTS = [
    ("Priorities for the new shampoo: price, scent, foam", "Priorities for the new shampoo: foam, scent, price"),
    (
        "Key claims, most important first: hydration, brightening, anti-aging",
        "Key claims, most important first: anti-aging, brightening, hydration",
    ),
    (
        "Our label lists aloe juice, shea butter, glycerin, cetyl alcohol: estimate the cost per kg",
        "Our label lists aloe juice, glycerin, shea butter, cetyl alcohol: estimate the cost per kg",
    ),
]


@pytest.mark.parametrize(("a", "b"), ORDERED_LISTS)
def test_a_priority_order_is_kept(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Priorities for the new shampoo: price, scent, foam", "priorities for the new shampoo: Price, Scent, Foam"),
        ("A toner with water, glycerin and niacinamide", "A toner with glycerin, water and niacinamide"),
        (
            "Claims for the serum: hydration, brightening and anti-aging",
            "Claims for the serum: anti-aging, hydration and brightening",
        ),
    ],
)
def test_unordered_lists_still_match(a, b):
    assert same(a, b)


# -- 7. words._raw_tokens: a name joined by "and" (or a lowercase "&") is sorted -----------
# "Salt & Smoke" is kept as a name; "Salt and Smoke", "Rose and Oud" and "salt & smoke" are not.

NAMES_WITH_AND = [
    ("a perfume called Rose and Oud", "a perfume called Oud and Rose"),
    ("a perfume called Salt and Smoke", "a perfume called Smoke and Salt"),
    ("a candle scent called Amber and Moss", "a candle scent called Moss and Amber"),
]


@pytest.mark.parametrize(("a", "b"), NAMES_WITH_AND)
def test_a_name_with_and_keeps_its_order(a, b):
    assert not same(a, b)


def test_a_product_name_with_and_end_to_end(served):
    a = {"query": "", "context": {"product": "perfume called Rose and Oud", "audience": "women", "tone": "warm"}}
    b = {"query": "", "context": {"product": "perfume called Oud and Rose", "audience": "women", "tone": "warm"}}
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a perfume called Salt & Smoke", "a perfume called Salt & Smoke, please"),
        ("a balm for lips in Spain, Portugal and Italy", "a balm for lips in Italy, Spain and Portugal"),
    ],
)
def test_names_and_real_lists_still_match(a, b):
    assert same(a, b)


# -- 8. aliases._market_of: "for the Korean market" becomes "in Korea" ---------------------
# Made *for* a market (destination) is not made *in* it (origin): another supplier, cost, duty.

MARKET_OF = [
    ("Cost of a sunscreen made for the Korean market", "Cost of a sunscreen made in Korea"),
    (
        "Formulated for the Brazilian market: a hair mask with cupuacu butter",
        "Formulated in Brazil: a hair mask with cupuacu butter",
    ),
]


@pytest.mark.parametrize(("a", "b"), MARKET_OF)
def test_made_for_a_market_is_not_made_in_it(a, b):
    assert not same(a, b)


def test_made_for_a_market_end_to_end(served):
    a = {"query": "made for the Korean market", "context": {"formulation": "SPF 50 sunscreen", "batch_size": "5000"}}
    b = {"query": "made in Korea", "context": {"formulation": "SPF 50 sunscreen", "batch_size": "5000"}}
    assert not served("costing", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cost of a sunscreen made in Korea", "cost of a sunscreen made in South Korea"),
        ("Top serums for the Polish market", "Top serums in Poland"),
    ],
)
def test_market_names_still_match(a, b):
    assert same(a, b)


# -- 9. aliases.PERSONS: a lowercase "us" (the country) is read as "we" --------------------


def test_lowercase_us_is_not_our():
    assert not same("top serum brands in the us market", "top serum brands in our market")


def test_lowercase_us_end_to_end(served):
    a = {"query": "top serum brands in the us market", "context": {"category": "serums"}}
    b = {"query": "top serum brands in our market", "context": {"category": "serums"}}
    assert not served("market", a, b)


def test_us_spelled_out_still_matches():
    assert same("top serum brands in the US market", "top serum brands in the USA market")


# -- 10. aliases "w/o" -> "without": W/O is also water-in-oil --------------------------------


@pytest.mark.parametrize("other", ["emulsifier-free", "no emulsifier"])
def test_water_in_oil_is_not_without(served, other):
    fields = {"product_type": "cold cream", "category": "skincare"}
    a = {"query": "", "context": {**fields, "requirements": "W/O emulsifier"}}
    b = {"query": "", "context": {**fields, "requirements": other}}
    assert not served("formulation", a, b)


def test_water_in_oil_emulsion_is_not_silicone_free():
    assert not same("a W/O silicone emulsion foundation", "a silicone-free emulsion foundation")


def test_w_slash_o_as_without_still_matches():
    assert same("a shampoo w/o parabens", "a shampoo without parabens")


# -- 11. aliases.ARTICLES: a capital letter "A" (vitamin A, UV-A, phase A) is dropped -------

LETTER_A = [
    ("Cost of a vitamin A serum", "Cost of a vitamin serum"),
    ("a sunscreen with UV-A protection", "a sunscreen with UV protection"),
    ("Add the fragrance to phase A", "Add the fragrance to the phase"),
]


@pytest.mark.parametrize(("a", "b"), LETTER_A)
def test_the_letter_a_is_not_an_article(a, b):
    assert not same(a, b)


def test_vitamin_a_requirement_end_to_end(served):
    fields = {"product_type": "serum", "category": "skincare"}
    a = {"query": "", "context": {**fields, "requirements": "vitamin A"}}
    b = {"query": "", "context": {**fields, "requirements": "vitamin"}}
    assert not served("formulation", a, b)


def test_vitamin_a_written_again_still_matches():
    assert same("Cost of a vitamin A serum", "cost of a vitamin A serum?")


# -- 12. typo repair into another real word (lexicon.repair_typo, guard._own_words) ---------


def test_tweenagers_are_not_teenagers():
    assert not same("a body spray for tweenagers", "a body spray for teenagers")


def test_capryloyl_is_not_caprylyl():
    assert not same("Is capryloyl glycine safe in a toner?", "Is caprylyl glycine safe in a toner?")


def test_tween_is_not_repaired_into_a_fields_teen(served):
    a = {"query": "How fast is tween skincare growing?", "context": {"category": "teen skincare", "region": "US"}}
    b = {"query": "How fast is teen skincare growing?", "context": {"category": "teen skincare", "region": "US"}}
    assert not served("market", a, b)


def test_tweens_are_not_repaired_into_the_audience(served):
    a = {"query": "Taglines for tweens", "context": {"product": "body mist", "audience": "teens"}}
    b = {"query": "Taglines for teens", "context": {"product": "body mist", "audience": "teens"}}
    assert not served("branding", a, b)


def test_slips_in_long_words_still_match():
    assert same("a serum for sensitve skin", "a serum for sensitive skin")
    assert same("Is capryloyl glycine safe in a toner?", "is capryloyl glycine safe in toners?")


# -- 13. aggressive synonyms (the former lexicon.synonym_class): one WordNet synset, another request

FALSE_SYNONYMS = [
    ("Skincare routine for older women in Brazil", "Skincare routine for elderly women in Brazil"),
    ("Campaign ideas for queer Gen Z shoppers", "Campaign ideas for curious Gen Z shoppers"),
    ("Evidence on oral collagen intake and skin elasticity", "Evidence on oral collagen uptake and skin elasticity"),
    ("Cost of an in-store promotion for our shampoo", "Cost of in-store publicity for our shampoo"),
    ("A holiday gift set for our body care line", "A vacation gift set for our body care line"),
    ("Which brands are presently launching refills in France?", "Which brands are soon launching refills in France?"),
    (
        "Will the EU sanction brands that make reef-safe claims?",
        "Will the EU approve brands that make reef-safe claims?",
    ),
    ("Marketing to religious consumers in Indonesia", "Marketing to spiritual consumers in Indonesia"),
    ("A brow serum with peptides", "A forehead serum with peptides"),
    ("Names for a crimson matte lipstick", "Names for a red matte lipstick"),
]


@pytest.mark.parametrize(("a", "b"), FALSE_SYNONYMS)
def test_false_synonyms_are_apart(a, b):
    """Once merged by aggressive's WordNet classes; no strategy merges them now."""
    assert not same(a, b)


def test_older_is_not_elderly_end_to_end(served):
    a = {"query": "", "context": {"product": "lip oil", "audience": "older women", "tone": "warm"}}
    b = {"query": "", "context": {"product": "lip oil", "audience": "elderly women", "tone": "warm"}}
    assert not served("branding", a, b, "aggressive")


def test_aggressive_compares_the_words_balanced_does():
    """The fix: WordNet classes are gone (they served no paraphrase of the suites), so the
    canonical form no longer depends on the strategy; a thesaurus pair no closed list holds
    (older/elderly) is a miss."""
    assert not same("Where do older shoppers buy sunscreen?", "Where do elderly shoppers buy sunscreen?")


# -- 14. smaller rules: "just" dropped, a decimal comma in a list of numbers ---------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A toner with just three actives", "A toner with three actives"),
        ("Can we sell just online in France?", "Can we sell online in France?"),
    ],
)
def test_just_means_only(a, b):
    assert not same(a, b)


def test_a_list_of_numbers_is_not_a_decimal():
    assert not same("Lip tints in shades 1,2 and 3", "Lip tints in shades 1.2 and 3")


def test_decimal_commas_still_match():
    assert same("a serum with 2,5% niacinamide", "a serum with 2.5% niacinamide")
    assert same("Can we sell online in France?", "can we sell online in france")


# -- 15. a dash, bracket, slash or plus that ends a comma list divides like ";" -------------
# (canon._dividing_dashes, canon._parentheses, words._dividers)
# Found by the lead at g14: "lipstick red, matte - gloss pink, shiny" had the one form of
# "lipstick red, shiny - gloss pink, matte" (each finish moved to the other product).

DASHED_LISTS = [
    ("lipstick red, matte - gloss pink, shiny", "lipstick red, shiny - gloss pink, matte", "branding"),
    (
        "shampoo 250 ml, citrus - conditioner 200 ml, mint",
        "shampoo 250 ml, mint - conditioner 200 ml, citrus",
        "costing",
    ),
    ("lipstick red, matte - gloss pink", "lipstick red - gloss pink, matte", "formulation"),
    # The same with brackets, a spaced slash or a spaced plus between the lists.
    ("lipstick (red, matte), gloss (pink, shiny)", "lipstick (red, shiny), gloss (pink, matte)", "branding"),
    ("lipstick [red, matte] and gloss [pink, shiny]", "lipstick [red, shiny] and gloss [pink, matte]", "branding"),
    ("shampoo, citrus / conditioner, mint", "shampoo, mint / conditioner, citrus", "formulation"),
    ("shampoo, citrus + conditioner, mint", "shampoo, mint + conditioner, citrus", "formulation"),
    ("shampoo, citrus + conditioner", "shampoo + conditioner, citrus", "formulation"),
]


@pytest.mark.parametrize(("a", "b", "generator"), DASHED_LISTS)
def test_a_dash_between_lists_keeps_each_list_whole(a, b, generator):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Body scrub - sugar, coconut oil, no water!", "Body scrub: sugar, coconut oil, no water."),
        ("slogans - short - German and English", "slogans, short, German and English"),
        ("lipstick red, matte - gloss pink, shiny", "Lipstick red, matte; gloss pink, shiny."),
        ("lipstick (red, matte), gloss (pink, shiny)", "Lipstick: red, matte. Gloss: pink, shiny."),
        ("Toothpaste (kids, 1000 ppm F), strawberry", "Toothpaste - kids, 1000 ppm F - strawberry"),
        ("reed sticks/glass bottle/cap", "reed sticks, glass bottle, cap"),
        ("cedar + orange, musk", "cedar and orange, musk"),
    ],
)
def test_a_dash_after_a_heading_or_between_items_still_matches(a, b):
    assert same(a, b)


# -- 16. words._headed_lines: lines under a heading stay with it --------------------------
# Found by the lead at g15: every line of a text is compared as one of a set, so items
# written under headings could trade places ("Shampoo:\n- citrus\nConditioner:\n- mint").

HEADED = [
    ("- shampoo\n  - citrus\n- conditioner\n  - mint", "- shampoo\n  - mint\n- conditioner\n  - citrus"),
    ("Shampoo:\ncitrus\nConditioner:\nmint", "Shampoo:\nmint\nConditioner:\ncitrus"),
    ("1. shampoo\n   a. citrus\n2. conditioner\n   a. mint", "1. shampoo\n   a. mint\n2. conditioner\n   a. citrus"),
    (
        "shampoo\n- citrus\n- 250 ml\nconditioner\n- mint\n- 200 ml",
        "shampoo\n- mint\n- 250 ml\nconditioner\n- citrus\n- 200 ml",
    ),
    ("Shampoo\n\tScent: citrus\nConditioner\n\tScent: mint", "Shampoo\n\tScent: mint\nConditioner\n\tScent: citrus"),
    ("Day cream\nSPF 30\n\nNight cream\nretinol", "Day cream\nretinol\n\nNight cream\nSPF 30"),
]


@pytest.mark.parametrize(("a", "b"), HEADED)
def test_items_stay_under_their_heading(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Shampoo:\n- citrus\n- 250 ml\nConditioner:\n- mint", "Shampoo: citrus, 250 ml\nConditioner: mint"),
        ("shampoo\n- citrus\nconditioner\n- mint", "Conditioner:\n* mint\nShampoo:\n* citrus"),
        (
            "Perfume brief\n- top: pink pepper\n- heart: iris\nEDP, 50 ml",
            "Perfume brief\n* top: pink pepper\n* heart: iris\nEDP, 50 ml",
        ),
    ],
)
def test_headed_lines_written_another_way_still_match(a, b):
    assert same(a, b)


# -- 17. holdout13's two slips at arrival (g23): a sentence opening with "if possible", ----
# and numbered steps swapped with their numbers. "If possible, keep it palm-free" is a wish
# where "Keep it palm-free" is a rule (words._soft dropped an opening "if possible" as
# politeness); "1. Add the preservative 2. Homogenise" is another method than the two
# swapped (canon._numbered_steps: numbered lines that are steps keep their order).

SOFT_OPENING = [
    (
        "Solid conditioner bar, sulfate-free. If possible, keep it palm-free too. Percentages, please.",
        "Solid conditioner bar, sulfate-free. Keep it palm-free too. Percentages, please.",
    ),
    ("Please draft a body wash. If possible, make it vegan.", "Please draft a body wash. Make it vegan."),
    ("Lip balm formula please.\nIf possible, no beeswax.", "Lip balm formula please.\nNo beeswax."),
]

STEPS = [
    (
        "Please check this method:\n1. Heat both phases to 75°C\n2. Add the preservative\n3. Homogenise and cool\n"
        "4. Add fragrance below 40°C",
        "Please check this method:\n1. Heat both phases to 75°C\n2. Homogenise and cool\n3. Add the preservative\n"
        "4. Add fragrance below 40°C",
    ),
    (
        "Is this right?\n1. Disperse the carbomer\n2. Neutralise with TEA\n3. Add the extract",
        "Is this right?\n1. Neutralise with TEA\n2. Disperse the carbomer\n3. Add the extract",
    ),
    (
        "Our recipe: 1) melt the butters 2) cool to 45°C 3) add the oils",
        "Our recipe: 1) cool to 45°C 2) melt the butters 3) add the oils",
    ),
]


@pytest.mark.parametrize(("a", "b"), SOFT_OPENING)
def test_an_opening_if_possible_softens_its_sentence(a, b):
    assert not same(a, b, generator="formulation")


@pytest.mark.parametrize(("a", "b"), STEPS)
def test_numbered_steps_keep_their_order(a, b):
    assert not same(a, b, generator="formulation")


def test_soft_opening_end_to_end(served):
    a, b = SOFT_OPENING[0]
    assert not served("formulation", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # An "if possible" of politeness, and a numbered list of requirements, still match.
        ("Could you send the formula, if possible?", "Could you send the formula?"),
        (
            "Requirements:\n1. vegan\n2. SPF 30\n3. fragrance-free",
            "Requirements:\n1. fragrance-free\n2. vegan\n3. SPF 30",
        ),
        (
            "Please check this method:\n1. Heat both phases to 75°C\n2. Add the preservative\n3. Cool",
            "please check this method:\n1. heat both phases to 75 °C\n2. add the preservative\n3. cool",
        ),
    ],
)
def test_politeness_and_numbered_requirements_still_match(a, b):
    assert same(a, b, generator="formulation")


# -- 18. holdout14's seven slips at arrival (g26): requests as pasted -----------------------
# Sub-questions referred to by their letter ("a) ... b) ... -> answer b) only": the letters
# were dropped as list markers, so which one is asked was lost; words._referenced_labels), a
# table typed as text whose rows are a set of bound cells (the value of one row moved to
# another; words._table_rows), and a ranking pasted "in order" ("#2" asks by rank;
# canon._SEQUENCE).

LABELS = [
    (
        "a) landed cost per unit in New Jersey\nb) break-even volume at USD 19 wholesale\n-> only a) for now please",
        "a) landed cost per unit in New Jersey\nb) break-even volume at USD 19 wholesale\n-> only b) for now please",
    ),
    (
        "a) mechanisms\nb) human efficacy data\nc) stability issues\n→ b) only",
        "a) mechanisms\nb) human efficacy data\nc) stability issues\n→ c) only",
    ),
    ("a) product name\nb) tagline\nwe only need a) today", "a) product name\nb) tagline\nwe only need b) today"),
]
TABLES = [
    (
        "word list from legal:\n| clean | (avoid) |\n| pure | ok |\n| gentle | ok |",
        "word list from legal:\n| clean | ok |\n| pure | (avoid) |\n| gentle | ok |",
    ),
    (
        "| ingredient | % |\n|---|---|\n| niacinamide | 5 |\n| zinc PCA | 1 |",
        "| ingredient | % |\n|---|---|\n| niacinamide | 1 |\n| zinc PCA | 5 |",
    ),
]
RANKS = [
    (
        "Top 3 by value (our panel, in order): Nivea, Balea, Dove.\nWho is #2?",
        "Top 3 by value (our panel, in order): Nivea, Dove, Balea.\nWho is #2?",
    ),
]


@pytest.mark.parametrize(("a", "b"), LABELS + TABLES + RANKS)
def test_pasted_structure_keeps_what_is_asked(a, b):
    assert not same(a, b, generator="market")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Labels nobody refers to are list markers still; a table's rows in another order are one table.
        ("a) mechanisms\nb) human efficacy data", "- mechanisms\n- human efficacy data"),
        (
            "| ingredient | % |\n|---|---|\n| niacinamide | 5 |\n| zinc PCA | 1 |",
            "| ingredient | % |\n| zinc PCA | 1 |\n| niacinamide | 5 |",
        ),
        ("Please list brands in order to compare them", "Please list brands to compare them"),
    ],
)
def test_pasted_structure_written_another_way_still_matches(a, b):
    assert same(a, b, generator="market")


# -- 19. holdout15's two slips at arrival (g31): what a list shares --------------------------
# "both" was dropped as a determiner, so "a lotion and a wash, both with 5% glycerin" lost
# that the glycerin is the wash's too (aliases.DETERMINERS); and where things come from may
# cover a whole list ("the jars and the lids from the new supplier"), which commas take back
# ("the jars, and the lids from the new supplier,": canon._shared_phrase).

SHARED = [
    (
        "Draft a body lotion and a body wash, both with 5% glycerin.",
        "Draft a body lotion with 5% glycerin and a body wash.",
    ),
    (
        "Cost the jars and the lids from the new supplier at 10,000 units.",
        "Cost the jars, and the lids from the new supplier, at 10,000 units.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SHARED)
def test_what_a_list_shares_stays_shared(a, b):
    assert not same(a, b, generator="costing")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Give me the labour and packaging cost per unit.", "Give me the packaging and labour cost per unit."),
        (
            "Cost the jars and the lids from the new supplier.",
            "Please cost the jars and the lids from the new supplier",
        ),
    ],
)
def test_a_shared_list_written_another_way_still_matches(a, b):
    assert same(a, b, generator="costing")


# -- 20. holdout16's one slip at arrival (g34): a hashtag is not an account ------------------
# "#" and "@" glued to a word were dropped as punctuation ("#GlowUp" = "@GlowUp").


def test_a_hashtag_is_not_an_account():
    assert not same("Hashtag strategy around #GlowUp", "Hashtag strategy around @GlowUp", generator="branding")
    assert same("Hashtag strategy around #GlowUp", "Hashtag strategy around #GlowUp, please", generator="branding")


# -- 21. holdout18's one slip at arrival (g35): a footnote mark qualifies a claim ------------
# "*" glued to a word was dropped as punctuation ("kills 99.9% of germs*" = "... germs").


def test_a_footnote_mark_is_part_of_the_claim():
    assert not same("review copy: 'kills 99.9% of germs*'", "review copy: 'kills 99.9% of germs'", generator="branding")
    assert not same("claim: vegan\u2020", "claim: vegan", generator="branding")
    assert not same("kills 99.9%* of germs", "kills 99.9% of germs", generator="branding")


def test_emphasis_and_ratings_are_not_footnotes():
    assert same("make it *vegan* and **cheap**", "make it vegan and cheap", generator="formulation")
    assert same("review copy: 'kills 99.9% of germs*'", "Review copy: 'kills 99.9% of germs*'", generator="branding")


# -- 22. holdout23's two slips at arrival (g45): a "from" or "at" phrase attaches where it stands --
# canon._phrases sorted a clause's trailing phrases ("with the pump from Supplier A" = "from
# Supplier A with the pump"); a source or a quantity attaches to the noun just before it.


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Cost the 4410-B serum with the pump from Supplier A.",
            "Cost the 4410-B serum from Supplier A with the pump.",
        ),
        (
            "Compare the EXW price of F-112 at 1 t with the DDP price.",
            "Compare the EXW price of F-112 with the DDP price at 1 t.",
        ),
    ],
)
def test_a_source_or_quantity_phrase_keeps_its_place(a, b):
    assert not same(a, b, generator="costing")


def test_other_trailing_phrases_still_move():
    assert same("a serum with 3% niacinamide for oily skin", "a serum for oily skin with 3% niacinamide")


# -- 23. holdout25's slips at arrival (g49): a brand's case and a brand's letters ------------------
# The exact key folded case, so "Simple facial wipes" (the brand) was an exact hit for "simple
# facial wipes" under every strategy; and a capitalised plural that ends its phrase was folded
# to its singular ("in the vein of Rituals" = "... of Ritual", another brand).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "UK sales of Simple facial wipes", "UK sales of simple facial wipes"),
        ("scientific", "Are Honest Beauty claims backed by evidence?", "Are honest beauty claims backed by evidence?"),
        ("scientific", "Evidence for Fresh Black Tea firming claims", "Evidence for fresh black tea firming claims"),
        ("branding", "Name a body-care line in the vein of Rituals", "Name a body-care line in the vein of Ritual"),
    ],
)
def test_a_brand_s_case_and_letters_are_kept(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_place_ending_in_s_still_folds():
    assert same(
        "market for fragrance in the Philippines", "market for fragrance in the philippines", generator="market"
    )


# -- 24. holdout31's and holdout32's slips at arrival (g51) -----------------------------------
# A time phrase moved into or out of a clause inside a phrase ("the SKUs Tesco listed in
# Q2", "the pallets we shipped to Carrefour in March"), and one study or several after "the
# most cited" (closed at g52); one thing against several after a possessive, before "with
# the biggest", after "leading", after "a" before a tip, an idea or a reason (closed at g53);
# two attachments stay open.


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "What was sell-out in Q2 of the SKUs Tesco listed?",
            "What was sell-out of the SKUs Tesco listed in Q2?",
        ),
        (
            "costing",
            "Storage cost of the pallets we shipped to Carrefour in March.",
            "Storage cost in March of the pallets we shipped to Carrefour.",
        ),
        (
            "costing",
            "Rebate owed on the volume Carrefour bought above target in Q4.",
            "Rebate owed in Q4 on the volume Carrefour bought above target.",
        ),
        (
            "scientific",
            "Name the most cited study on post-promotion dips.",
            "Name the most cited studies on post-promotion dips.",
        ),
    ],
)
def test_holdout31_and_32_closed_slips(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Write a thank-you note to the Boots store managers who hit the display target in May.",
            "Write a thank-you note in May to the Boots store managers who hit the display target.",
        ),
        (
            "Write copy for the display in the stores with the new layout.",
            "Write copy for the display with the new layout in the stores.",
        ),
        (
            "Draft an email to the buyers whose listings lapsed about the relaunch in June.",
            "Draft an email about the relaunch in June to the buyers whose listings lapsed.",
        ),
    ],
)
def test_holdout31_attachments_closed_g55(a, b):
    """A phrase after a relative clause ("who hit the target in May") or a definite "with"
    phrase ("the stores with the new layout") may be the phrase before's: the order stays."""
    assert not same(a, b, generator="branding")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Write a thank-you note to the store managers who hit the display target.",
            "Please write a thank-you note to the store managers who hit the display target!",
        ),
        (
            "A serum for dry skin with 2% ceramides.",
            "A serum with 2% ceramides for dry skin.",
        ),
    ],
)
def test_attachment_marks_leave_plain_rewording(a, b):
    assert same(a, b, generator="branding")


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Give the new hire a tip on avoiding grainy emulsions.",
            "Give the new hire tips on avoiding grainy emulsions.",
        ),
        (
            "costing",
            "Explain to the sales team, with a worked example, the cost of our bestseller.",
            "Explain to the sales team, with a worked example, the cost of our bestsellers.",
        ),
        (
            "costing",
            "Explain to a new hire the cost driver with the biggest impact on this batch.",
            "Explain to a new hire the cost drivers with the biggest impact on this batch.",
        ),
        (
            "market",
            "Explain the leading brand's share to the sales team.",
            "Explain the leading brands' share to the sales team.",
        ),
    ],
)
def test_holdout32_counts(generator, a, b):  # closed at g53
    assert not same(a, b, generator=generator)


# -- 25. holdout34's one slip at arrival (g53): a currency sign no rule read -------------------
# Currency signs other than $ EUR GBP JPY INR were dropped: a cost target under ₦1,500 (naira)
# was served the one under ₵1,500 (cedi).


def test_every_currency_sign_is_read():
    assert not same("Can we hit a unit cost under ₦1,500?", "Can we hit a unit cost under ₵1,500?", generator="costing")
    assert not same("Price under ₺15", "Price under ₸15", generator="costing")
    assert same("Can we hit a unit cost under ₦1,500?", "Can we hit a unit cost under NGN 1,500?", generator="costing")


def test_every_mapped_currency_sign_is_a_code_the_rules_read():
    from optimizer.cache.aliases import CURRENCY_CODES
    from optimizer.cache.words import _SIGN_CODES

    assert {code.lower() for code in _SIGN_CODES.values()} <= CURRENCY_CODES


# -- 25. holdout39's slips at arrival (g58) -------------------------------------------------------
# holdout39 (near-misses dressed as harmless rewordings, blind) served 4 of 300 at g58: a
# brand written as a comparative ("Glossier"), an edited text counted ("rewrite the
# taglines"), a comma that limits an age to the second of two ("men, and women over 50"),
# and "which is the key RCT" / "which are the key RCTs" in a scientific request.
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "How big is the market for glossier lip products in the UK versus matte ones?",
            "How big is the market for Glossier lip products in the UK versus matte ones?",
        ),
        (
            "branding",
            "Rewrite the tagline for the night cream to sound warmer.",
            "Rewrite the taglines for the night cream to sound warmer.",
        ),
        (
            "scientific",
            "Topical caffeine for hair loss in men and women over 50.",
            "Topical caffeine for hair loss in men, and women over 50.",
        ),
        (
            "scientific",
            "Which is the key RCT behind the bakuchiol vs retinol claim?",
            "Which are the key RCTs behind the bakuchiol vs retinol claim?",
        ),
    ],
)
def test_holdout39_slips_closed_g59(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "Rewrite the taglines for the night cream.", "Please rewrite the taglines for the night cream."),
        ("scientific", "Which are the key RCTs on bakuchiol?", "Which are the key RCTs on bakuchiol??"),
        ("market", "What is the market share of Glossier in the UK?", "what is the market share of Glossier in the UK"),
    ],
)
def test_holdout39_rules_leave_rewordings(served, generator, a, b):
    assert served(generator, a, b)


# -- 26. holdout41's and holdout42's slips at arrival (g59) ------------------------------------
# holdout41 (scope, exceptions and conditions) served 1 of 336 at g59: a modifier between two
# things listed with "and" ("a night cream, fragrance-free, and an eye cream with peptides");
# holdout42 (manufacturing and QC) 1 of 305: a process written one step a line, unnumbered,
# with two steps swapped ("Homogenise / Neutralise").
def test_holdout41_a_modifier_between_two_things(served):
    assert not served(
        "formulation",
        "Two products: a night cream and an eye cream, fragrance-free, with peptides.",
        "Two products: a night cream, fragrance-free, and an eye cream with peptides.",
    )


_PROCESS = "Water + EDTA\nCarbomer sifted in\nHeat 75C\nOil phase in\n{}\n{}\nCool to 35C\nViscosity low: why?"


def test_holdout42_unnumbered_steps_keep_their_order(served):
    assert not served(
        "formulation", _PROCESS.format("Homogenise", "Neutralise"), _PROCESS.format("Neutralise", "Homogenise")
    )
    assert served(
        "formulation",
        _PROCESS.format("Homogenise", "Neutralise"),
        _PROCESS.format("homogenise", "neutralise"),
    )


# -- 27. holdout44's slips at arrival (g60) ------------------------------------------------------
# holdout44 (social media and e-commerce content) served 2 of 372 at g60: a third trailing
# phrase moved to the front ("reply to the review about the shade with photos" / "reply with
# photos to the review ..."; "brands with TikTok accounts over 1 million followers").
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Reply to the review about the shade with photos",
            "Reply with photos to the review about the shade",
        ),
        (
            "market",
            "Growth of brands with TikTok accounts over 1 million followers",
            "Growth over 1 million followers of brands with TikTok accounts",
        ),
    ],
)
def test_holdout44_a_third_phrase_keeps_its_place(served, generator, a, b):
    assert not served(generator, a, b)


def test_two_trailing_phrases_still_move(served):
    assert served("formulation", "A serum for dry skin with 2% ceramides", "A serum with 2% ceramides for dry skin")


# -- 28. holdout45's and holdout46's slips at arrival (g61) ---------------------------------------
# holdout45 (body care, deodorants, intimate care) served 1 of 300 at g61: the tiers of a
# ladder in the other order; holdout46 (consumer research) 1 of 305: "how many users" / "how
# many user".
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Product names in a ladder: good, better, best, for our razors.",
            "Product names in a ladder: best, better, good, for our razors.",
        ),
        (
            "market",
            "How many users are there for hair oil in Kerala?",
            "How many user are there for hair oil in Kerala?",
        ),
    ],
)
def test_holdout45_and_46_slips_closed_g62(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_list_without_a_ladder_is_still_a_set(served):
    assert served("branding", "Names for our razors: bold, clean, sharp.", "Names for our razors: sharp, bold, clean.")


# -- 29. holdout49's and holdout50's slips at arrival (g63) ---------------------------------------
# holdout49 (fine fragrance) served 1 of 264 at g63: a sign talked about as a thing was read as
# punctuation; holdout50 (registering products in many markets) 2 of 292: a country after a
# business ("distributors in Brazil") moved to another noun of the clause.
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "Name with a + in it", "Name with a & in it"),
        ("branding", "A handle with an @ in it", "A handle with a # in it"),
        ("branding", "Logo using the & sign", "Logo using the + sign"),
        (
            "branding",
            "Write a notice to distributors in Brazil about the delay",
            "Write a notice to distributors about the delay in Brazil",
        ),
        (
            "branding",
            "Draft an FAQ about recalls for retailers in Canada",
            "Draft an FAQ for retailers about recalls in Canada",
        ),
        (
            "market",
            "Brief our suppliers in India on the change of the filing fee",
            "Brief our suppliers on the change of the filing fee in India",
        ),
    ],
)
def test_holdout49_and_50_slips_closed_g64(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "Name with a + in it", "Name with a plus in it"),
        (
            "branding",
            "Write a notice to distributors in Brazil about the delay",
            "Write a notice about the delay to distributors in Brazil",
        ),
        ("market", "Market for sunscreen in Brazil", "Market in Brazil for sunscreen"),
        ("branding", "Vitamin A + C serum names", "Vitamin A and C serum names"),  # a join, not "plus"
    ],
)
def test_a_business_keeps_its_place_when_phrases_move(served, generator, a, b):
    assert served(generator, a, b)


# -- 30. holdout52's slips at arrival (g64) ------------------------------------------------------
# holdout52 (packaging artwork, label copy and print) served 2 of 309 at g64: a label's
# hierarchy listed in another order, and the (c) sign for the (r) sign.
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Front label hierarchy: brand, SPF, product name",
            "Front label hierarchy: SPF, product name, brand",
        ),
        (
            "market",
            "Share of US hair care labels with the \u00a9 notice",
            "Share of US hair care labels with the \u00ae notice",
        ),
        ("branding", "Can we print \u00ae after the brand name?", "Can we print \u2122 after the brand name?"),
        ("branding", "Names like Glow+ for the serum", "Names like Glow& for the serum"),
    ],
)
def test_holdout52_slips_closed_g65(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_mark_of_legal_status_on_a_name_is_still_read_past(served):
    assert served("branding", "Tagline for GlowLab\u00ae serum", "Tagline for GlowLab serum")
    assert served("branding", "Label hierarchy: brand, then claim", "label hierarchy: Brand, then claim")


# -- 31. holdout55's slip at arrival (g66) --------------------------------------------------------
# holdout55 (safety assessment and toxicology) served 1 of 315 at g66: a pack's claims listed
# in another order (the order is the emphasis on the pack).
def test_holdout55_slip_closed_g67(served):
    assert not served(
        "branding", "List the claims: gentle, safe, effective", "List the claims: effective, safe, gentle"
    )
    assert not served(
        "branding", "Pack benefits: hydrates, soothes, protects", "Pack benefits: protects, soothes, hydrates"
    )


def test_names_and_other_generators_lists_are_still_sets(served):
    assert served("branding", "Names for our razors: bold, clean, sharp.", "Names for our razors: sharp, bold, clean.")
    assert served(
        "scientific",
        "Evidence for these claims: gentle, safe, effective",
        "Evidence for these claims: effective, safe, gentle",
    )


# -- 32. holdout62's slips at arrival (g68) --------------------------------------------------------
# holdout62 (advertising standards and comparative claims) served 2 of 302 at g68: a "with"
# phrase moved from one compared product to the other, and a "by" phrase from the images to
# the studies.
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Write an ad comparing our cream with retinol to Brand X's cream",
            "Write an ad comparing our cream to Brand X's cream with retinol",
        ),
        (
            "scientific",
            "Summarise studies on retouched images of women by men",
            "Summarise studies by men on retouched images of women",
        ),
    ],
)
def test_holdout62_slips_closed_g69(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_comparison_reworded_in_place_is_still_served(served):
    assert served(
        "branding",
        "Write an ad comparing our cream with retinol to Brand X's cream",
        "Please write an ad comparing our cream with retinol to Brand X's cream.",
    )


# -- 33. holdout63's and holdout64's slips at arrival (g69) ----------------------------------------
# holdout63 (private label and contract manufacturing) served 1 of 336 at g69: a "with" phrase
# after a business moved onto the product; holdout64 (natural and organic certification) 2 of
# 270: a hyphen that binds a quality to the next word was read as a space.
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "costing",
            "Price the lotion for the retailer with our own pumps.",
            "Price the lotion with our own pumps for the retailer.",
        ),
        ("formulation", "An organic shea body butter for dry skin", "An organic-shea body butter for dry skin"),
        ("branding", "Claim: natural fragrance-free lotion", "Claim: natural-fragrance-free lotion"),
    ],
)
def test_holdout63_and_64_slips_closed_g70(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "Cleansing balm, mineral-oil-free", "Cleansing balm, mineral oil free"),
        ("formulation", "Shampoo, paraben-and-sulfate-free", "Shampoo, paraben-free and sulfate-free"),
        ("formulation", "A serum for dry skin with 2% ceramides", "A serum with 2% ceramides for dry skin"),
    ],
)
def test_hyphens_and_phrases_that_change_nothing_still_serve(served, generator, a, b):
    assert served(generator, a, b)


# -- 34. holdout65's and holdout68's slips at arrival (g70), closed at g71 ---------------------
# holdout65 (hotel amenities) served 5 of 319 at g70 and holdout68 (travel retail and gifting)
# 4 of 303. Closed: "a" after a verb that asks for a pick counts one (canon._SUGGESTING); a
# business's number is kept, and so is the number of what branding copy is for, named
# definitely ("for the minis"; canon._branded_object); "stop at the first ..." keeps the
# order of the options (canon._SEQUENCE); a slash in quoted copy is "or" (words._QUOTED).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Suggest a fragrance for the spa body wash, woody direction",
            "Suggest fragrances for the spa body wash, woody direction",
        ),
        ("costing", "Cost the kit for the hotel", "Cost the kit for the hotels"),
        ("market", "Hotel chain that banned minis first in Asia", "Hotel chains that banned minis first in Asia"),
        (
            "costing",
            "Cost the three options cheapest first: minis, dispensers, bulk refills; stop at the first under \u20ac0.30 per room",
            "Cost the three options cheapest first: bulk refills, dispensers, minis; stop at the first under \u20ac0.30 per room",
        ),
        ("branding", "Names for the advent calendar", "Names for the advent calendars"),
        ("branding", "Taglines for the mini", "Taglines for the minis"),
        ("branding", "Pack copy: 'lip oil + gloss'", "Pack copy: 'lip oil / gloss'"),
        ("branding", 'Pack copy: "lip oil and gloss"', 'Pack copy: "lip oil/gloss"'),
    ],
)
def test_holdout65_and_holdout68_slips_closed_at_g71(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # an audience's number is never the point; a bare plural with no article is inflection
        ("branding", "Taglines for teens", "Tagline for teen"),
        ("branding", "Tagline for our amenity brand", "Taglines for our amenity brand"),
        ("formulation", "Suggest a fragrance for the spa body wash", "Suggest one fragrance for the spa body wash"),
        ("costing", "Cost per unit - bottle / pump / label", "Cost per unit: bottle, pump, label"),
        ("costing", "Cost the kit for the hotel", "Cost the kit for the Hotel"),
    ],
)
def test_holdout65_and_holdout68_harmless_rewordings_still_match(served, generator, a, b):
    assert served(generator, a, b)


# -- 35. holdout69's and holdout70's slips at arrival (g71) ------------------------------------------
# holdout69 (one or several, quoted copy's signs, options in order: aimed at g71's rules) served
# 23 of 374 at g71 and holdout70 (salons, spas, back-bar) 3 of 255. Closed at g72: one slash
# between two items alone offers either (aliases._slashed; a chain of them lists), a customer's
# and a stylist's number (canon._TRADE_PARTIES). 15 bare or definite singular/plural pairs are
# disputed (relabelled.json). Open: three phrase attachments (both files stay out of the halves).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "Formulate a 2-in-1 shampoo + conditioner", "Formulate a 2-in-1 shampoo / conditioner"),
        ("formulation", "Fragrance: rose & oud, one accord", "Fragrance: rose / oud, one accord"),
        ("costing", "cost of lipstick & liner duo", "cost of lipstick / liner duo"),
        ("branding", 'pack copy: "shampoo + body wash"', 'pack copy: "shampoo / body wash"'),
        (
            "formulation",
            "We need the SPF 30 day cream reworked for the customer in Dubai; keep the texture light.",
            "We need the SPF 30 day cream reworked for the customers in Dubai; keep the texture light.",
        ),
        (
            "costing",
            "Cost the salon mask with a free comb for each stylist",
            "Cost the salon mask for each stylist with a free comb",
        ),
    ],
)
def test_holdout69_and_holdout70_slips_closed_at_g72(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # a chain of slashes is a list, as commas are; "and/or" is kept as written
        ("costing", "Cost per unit: bottle / pump / label", "Cost per unit: bottle, pump, label"),
        ("formulation", "serum for oily/combination skin, vegan", "serum for oily and combination skin, vegan"),
        ("costing", "landed cost/unit into Ocado", "landed cost per unit into Ocado"),
    ],
)
def test_holdout69_harmless_rewordings_still_match(served, generator, a, b):
    assert served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Salon toner for grey hair with yellow tones, 60 ml",
            "Salon toner with yellow tones for grey hair, 60 ml",
        ),
        ("market", "Salon brands in Paris with education academies", "Salon brands with education academies in Paris"),
        # holdout71 (what attaches to what) served the same kind at g72
        ("market", "List skincare brands in Paris with academies", "List skincare brands with academies in Paris"),
    ],
)
def test_holdout69_and_holdout70_attachments_closed_at_g80(served, generator, a, b):
    # closed at g80: a condition of hair or skin stays with it (canon._afflicted), and a
    # site's place with the site (canon._sited)
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "shampoo for dry hair with argan oil", "shampoo with argan oil for dry hair"),
        ("formulation", "Toner for oily skin with niacinamide", "Toner with niacinamide for oily skin"),
        ("market", "Salon brands in Paris with education academies", "salon brands in Paris, with education academies"),
        ("market", "brands with academies in Paris", "Brands with academies in Paris?"),
    ],
)
def test_holdout70_ingredients_and_plain_rewordings_still_match(served, generator, a, b):
    assert served(generator, a, b)


# -- 36. holdout72's slip at arrival (g72), closed at g74 ------------------------------------------
# holdout72 (pharmacy, OTC and borderline products) served 2 of 320 at g72: one a definite
# singular/plural pair (disputed, relabelled.json), one a condition moved from the people who
# have it onto the product. Closed: a "with" after people that names a condition is theirs
# (canon._afflicted), an ingredient's "with" still moves.


def test_holdout72_a_condition_stays_with_its_people(served):
    assert not served("branding", "Mascot for children with lice.", "Mascot with lice for children.")
    assert not served("formulation", "Serum for women with acne", "Serum with acne for women")


def test_holdout72_an_ingredient_still_moves(served):
    assert served("formulation", "Cream for children with ceramides", "Cream with ceramides for children")


# -- 37. holdout80's slips (g76), closed at g77; holdout79's, open ---------------------------------
# holdout80 (kids and teens) served 4 of 358 at g76: a comma before the "and" of two things keeps
# what follows to the second (words._apart; holdout69's and holdout71's pair of the same kind
# too), and "dmft" (primary teeth) is not "DMFT" (permanent). holdout79 (scalp care) served 6 of
# 311: two disputed, four "a" against a bare plural where no signal counts it (open).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "kids shampoo and conditioner with coconut oil",
            "kids shampoo, and conditioner with coconut oil",
        ),
        (
            "market",
            "market for kids shampoo and body wash in pump bottles",
            "market for kids shampoo, and body wash in pump bottles",
        ),
        (
            "costing",
            "cost of labels for the tubes and cartons printed in 4 colours",
            "cost of labels for the tubes, and cartons printed in 4 colours",
        ),
        ("scientific", "nano ZnO in sprays and creams for children", "nano ZnO in sprays, and creams for children"),
        (
            "formulation",
            "Suggest SPF 50 sunscreen sprays and creams for children",
            "Suggest SPF 50 sunscreen sprays, and creams for children",
        ),
        ("scientific", "caries reduction as DMFT", "caries reduction as dmft"),
    ],
)
def test_holdout80_slips_closed_at_g77(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # a list's comma, and a comma before a clause of its own, change nothing
        (
            "formulation",
            "nano ZnO in gels, sprays, and creams for kids",
            "nano ZnO in gels, sprays and creams for kids",
        ),
        (
            "market",
            "Which claims do brands use in Brazil, and how do they word them?",
            "Which claims do brands use in Brazil and how do they word them?",
        ),
        (
            "formulation",
            "Check the formula, and suggest a preservative",
            "Check the formula and suggest a preservative",
        ),
    ],
)
def test_holdout80_harmless_commas_still_match(served, generator, a, b):
    assert served(generator, a, b)


HOLDOUT79_OPEN = (
    "canon: 'a' against a bare plural is counted only where a signal counts it (counting it everywhere split 42)"
)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "Give me a formula for a caffeine shampoo", "Give me formulas for caffeine shampoos"),
        (
            "formulation",
            "Scalp serum with a peptide for hair anchoring",
            "Scalp serum with peptides for hair anchoring",
        ),
        ("costing", "Cost the course with a gift sample", "Cost the course with gift samples"),
        ("costing", "Quote for a booster vial", "Quote for booster vials"),
    ],
)
@pytest.mark.xfail(strict=True, reason=HOLDOUT79_OPEN)
def test_holdout79_counts_open_at_g77(served, generator, a, b):
    assert not served(generator, a, b)


# -- 38. holdout84's slips (g78), closed at g78 ----------------------------------------------------
# holdout84 (two things in one request, aimed at the comma rule) served 2 of 340 at g78: a
# second thing that repeats the first's preposition ("of sunscreen, and of after-sun in Spain")
# was read as a clause of its own; the repeated preposition is now skipped (words._apart).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "top brands of sunscreen, and of after-sun in Spain",
            "top brands of sunscreen and of after-sun, in Spain",
        ),
        (
            "scientific",
            "safety of salicylic acid, and of benzoyl peroxide in pregnancy",
            "safety of salicylic acid and of benzoyl peroxide, in pregnancy",
        ),
        (
            "formulation",
            "a shampoo for curls, and for straight hair with argan oil",
            "a shampoo for curls and for straight hair with argan oil",
        ),
    ],
)
def test_holdout84_slips_closed_at_g78(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # nothing after the second thing could be both's, or the second is a clause of its own
        ("market", "top brands of sunscreen, and of after-sun", "top brands of sunscreen and of after-sun"),
        (
            "scientific",
            "Is azelaic acid safe in pregnancy, and what dose is used in trials?",
            "Is azelaic acid safe in pregnancy and what dose is used in trials?",
        ),
        (
            "formulation",
            "Formulate a toner; and discuss the pH for oily skin",
            "Formulate a toner and discuss the pH for oily skin",
        ),
    ],
)
def test_holdout84_harmless_commas_still_match(served, generator, a, b):
    assert served(generator, a, b)


# -- 39. holdout87's and holdout89's slips (g81), closed at g82 --------------------------------------
# holdout87 (who or what has which problem) served 1 of 326 at g81: "a toner for grey hair with
# yellow pigment" (whose yellow?) for "a toner with yellow pigment for grey hair"; what a hair or
# skin is "with" now stays its own unless it names an ingredient, an amount or an SPF
# (canon._afflicted). holdout89 (a nail care brand) served 1 of 300: layers listed in another
# order ("Layering: base, colour, glitter, top"); layers and laminates keep their order
# (canon._SEQUENCE).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("costing", "Cost a toner with yellow pigment for grey hair", "Cost a toner for grey hair with yellow pigment"),
        ("formulation", "Layering: base, colour, glitter, top", "Layering: base, glitter, colour, top"),
        ("costing", "laminate layers: PET, alu, PE", "laminate layers: PE, alu, PET"),
        ("formulation", "cream for hands with eczema", "cream with eczema for hands"),
    ],
)
def test_holdout87_and_holdout89_slips_closed_at_g82(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "A cream for dry skin with ceramides", "A cream with ceramides for dry skin"),
        ("formulation", "Serum for oily skin with 5% niacinamide", "Serum with 5% niacinamide for oily skin"),
        ("formulation", "Fluid for oily skin with SPF 50", "Fluid with SPF 50 for oily skin"),
        ("formulation", "nail polish: red, glossy, 10 ml", "nail polish: glossy, red, 10 ml"),
    ],
)
def test_holdout87_ingredients_still_move(served, generator, a, b):
    assert served(generator, a, b)


# -- 40. holdout92's slips (g82), closed at g83; holdout90's, disputed ------------------------------
# holdout92 (what each item of a request carries) served 2 of 336 at g82: a sign talked about
# after "and" ("with & for the soap and + for the lotion" read the "+" as a join) and a rank
# claim's "#" ("'#1 in France'" / "'1 in France'"). "#1", "No. 1" and "№1" are "number 1" now,
# and a sign right after "and", "or", "with" is a sign talked about. holdout90 (replacing,
# swapping, comparing) served 1 of 299: "Which brand led ..." / "Which brands led ..."
# (disputed, relabelled.json: a noun's number after "which" split 19 paraphrases).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Brand name with & for the soap and + for the lotion.",
            "Brand name with & for the soap and & for the lotion.",
        ),
        (
            "branding",
            "Claims: '#1 in France' for the serum, '№1 cream' for the cream.",
            "Claims: '1 in France' for the serum, '№1 cream' for the cream.",
        ),
        ("branding", "Claim: 'No. 1 in Spain'", "Claim: '1 in Spain'"),
    ],
)
def test_holdout92_slips_closed_at_g83(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "Claim: '#1 in France'", "Claim: 'No. 1 in France'"),
        ("branding", "Claim: '№1 in France'", "Claim: 'number 1 in France'"),
        ("market", "before & after photos in ads", "before and after photos in ads"),
    ],
)
def test_holdout92_number_signs_still_match(served, generator, a, b):
    assert served(generator, a, b)


# -- 41. holdout96's slip (g84), closed at g85 -------------------------------------------------------
# holdout96 (a regulatory affairs team's month) served 1 of 266 at g84: "Safety of nano HAP in
# toothpaste for children" (a children's toothpaste) for "Safety for children of nano HAP in
# toothpaste". After a head that weighs something (safety, risk, dose), "for <people>" right after
# a thing is that thing's (canon._whose_people).


def test_holdout96_slip_closed_at_g85(served):
    assert not served(
        "scientific", "Safety of nano HAP in toothpaste for children", "Safety for children of nano HAP in toothpaste"
    )


def test_holdout96_people_still_move_after_other_heads(served):
    assert served("formulation", "Cream for children with ceramides", "Cream with ceramides for children")
    assert served("scientific", "Safety of nano HAP in toothpaste", "Safety in toothpaste of nano HAP")
    # where the people go is one reading of two ("safety ... for children"): kept apart
    assert not served("scientific", "Safety for children of nano HAP", "Safety of nano HAP for children")


# -- 42. holdout107's slips (g88), closed at g89 -----------------------------------------------------
# holdout107 (one detail buried in a long request) served 2 of 341 at g88: "give the cost per unit
# and, if you can, tell us which is cheaper" for "... and tell us which is cheaper" ("if you can"
# after "and," makes the second ask optional: words._OPTIONAL_ASK binds it as "optionally"), and
# "about penetration, citing in vitro studies only, and any pro-inflammatory effects" for "about
# penetration and any pro-inflammatory effects, citing in vitro studies only" (a phrase between
# commas before ", and <a thing>" is the first thing's: canon._bound_modifiers keeps the order).


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "costing",
            "Give the cost per unit for both bottles and, if you can, tell us which one is cheaper per ml.",
            "Give the cost per unit for both bottles and tell us which one is cheaper per ml.",
        ),
        (
            "market",
            "List the top 5 brands, and if possible, estimate their share.",
            "List the top 5 brands and estimate their share.",
        ),
        (
            "scientific",
            "Summarise what is known about penetration, citing in vitro studies only, and any irritation.",
            "Summarise what is known about penetration and any irritation, citing in vitro studies only.",
        ),
        (
            "scientific",
            "Evidence on retinol for acne, using RCTs only, and any data on azelaic acid.",
            "Evidence on retinol for acne and any data on azelaic acid, using RCTs only.",
        ),
    ],
)
def test_holdout107_slips_closed_at_g89(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # "if you can" that softens the whole request is still politeness
        ("costing", "Give the cost per unit, if you can.", "Give the cost per unit."),
        (
            "costing",
            "Could you give the cost per unit and, if possible, the cost per batch?",
            "Could you give the cost per unit and, if possible, the cost per batch please?",
        ),
        # a list whose items carry an article is still a list in any order
        (
            "market",
            "Give me the market size, the key regulations and the top competitors.",
            "Give me the top competitors, the key regulations and the market size.",
        ),
        (
            "branding",
            "For the Canadian pack, write the English body copy and the French tagline",
            "Write the French tagline and the English body copy for the Canadian pack",
        ),
    ],
)
def test_holdout107_rewordings_still_match(served, generator, a, b):
    assert served(generator, a, b)


# -- 43. holdout114's slip (g92), closed at g93 ------------------------------------------------------
# holdout114 (what kind of answer is asked for) served 1 of 325 at g92: "a preservative for the
# serum with a low pH" for "a preservative with a low pH for the serum". A "with" phrase right after
# "for the <thing>" names which thing (canon.WITH_THE_THING), unless it names an ingredient, an
# amount, a protection factor or a pack, which are the product's wherever they stand.


def test_holdout114_slip_closed_at_g93(served):
    assert not served(
        "formulation",
        "Recommend a preservative for the serum with a low pH.",
        "Recommend a preservative with a low pH for the serum.",
    )
    assert not served(
        "costing", "Cost a box for the candle with a wooden lid", "Cost a box with a wooden lid for the candle"
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "A spa facial oil for the back-bar with squalane, 100 ml",
            "A spa facial oil with squalane for the back-bar, 100 ml",
        ),
        ("costing", "Unit cost for the zinc cream, with carton", "Unit cost for the zinc cream (with carton)."),
        ("formulation", "A serum for the face with 5% niacinamide", "A serum with 5% niacinamide for the face"),
    ],
)
def test_holdout114_product_contents_still_move(served, generator, a, b):
    assert served(generator, a, b)


# -- 44. holdout119's slip (g95), closed at g96 ------------------------------------------------------
# holdout119 (greetings, politeness and requests that are really something else) served 1 of 285 at
# g95: "what is the safest filter?" for "what are the safest filters?". A noun after "the" and a
# superlative keeps its number, for any superlative in "-est" (words._SUPERLATIVES), as after "the
# best" and "the biggest".


def test_holdout119_slip_closed_at_g96(served):
    assert not served("scientific", "Hello, what is the safest filter?", "Hello, what are the safest filters?")
    assert not served("market", "Which is the cheapest brand?", "Which are the cheapest brands?")


def test_holdout119_rewordings_still_match(served):
    assert served("branding", "Could you suggest names for the serum?", "Suggest names for the serum")
    assert served("scientific", "What is the safest filter?", "what's the safest filter")


# -- 45. holdout124's slip (g96), closed at g97 ------------------------------------------------------
# holdout124 (fields and free text together) served 1 of 344 at g96: "Studies on acne in women using
# oral contraceptives" (acne in women who take the pill) for "Studies on acne using oral
# contraceptives in women" (the pill as an acne treatment). What people use, take, wear, receive,
# undergo, follow or apply, right after them, is theirs (canon._people_doing): it moves with them.


def test_holdout124_slip_closed_at_g97(served):
    assert not served(
        "scientific",
        "Studies on acne in women using oral contraceptives",
        "Studies on acne using oral contraceptives in women",
    )
    assert not served("scientific", "Hair loss in men taking finasteride", "Hair loss taking finasteride in men")


def test_holdout124_rewordings_still_match(served):
    assert served(
        "scientific",
        "Studies on acne in women using oral contraceptives",
        "studies on acne in women using oral contraceptives?",
    )
    assert served("formulation", "A serum for teens with 2% BHA", "A serum with 2% BHA for teens")


# -- 46. second read of g97, closed at g98 -------------------------------------------------------------
# Without "also" or a pointer, "Make a shampoo. Use argan oil. Make a conditioner. Use tea tree oil."
# was a flat list of sentences, sorted: the oils swapped products and were served. Nothing tells a
# thing from its detail without a word list, so three statements or more of running text keep their
# order (canon._sentences_in_order); a lone question may still stand anywhere, and bullets,
# "label: value" sentences and two-sentence texts are read as before.


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Make a shampoo. Use argan oil. Make a conditioner. Use tea tree oil.",
            "Make a shampoo. Use tea tree oil. Make a conditioner. Use argan oil.",
        ),
        (
            "formulation",
            "Make a shampoo. Add argan oil. Formulate a conditioner. Include tea tree oil.",
            "Make a shampoo. Include tea tree oil. Formulate a conditioner. Add argan oil.",
        ),
        (
            "formulation",
            "Make a shampoo. Use argan oil. Make a conditioner.",
            "Make a shampoo. Make a conditioner. Use argan oil.",
        ),
        (
            "market",
            "Size the lip balm market in Brazil.\nTeens only.\nSize the night cream market in Japan.\nOver-50s only.",
            "Size the lip balm market in Brazil.\nOver-50s only.\nSize the night cream market in Japan.\nTeens only.",
        ),
        (
            "costing",
            "Cost a 30 ml serum. Glass dropper. Cost a 50 ml cream. Airless pump. What is the total?",
            "Cost a 30 ml serum. Airless pump. Cost a 50 ml cream. Glass dropper. What is the total?",
        ),
    ],
)
def test_sentences_in_order_keep_details_with_their_thing(served, generator, a, b):
    assert not served(generator, a, b)


def test_sentences_in_order_still_serve_rewordings(served):
    a = "Make a shampoo. Use argan oil. Make a conditioner. Use tea tree oil."
    assert served("formulation", a, "make a shampoo! use argan oil. make a conditioner. use tea tree oil")
    # a lone question moves freely; two sentences are read as before
    assert served(
        "market",
        "We are an indie brand. We sell online. We ship to the EU. What are the top trends?",
        "What are the top trends? We are an indie brand. We sell online. We ship to the EU.",
    )
    assert served("formulation", "Use argan oil. Make a shampoo.", "Make a shampoo. Use argan oil.")
