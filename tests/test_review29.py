"""Review 29: the guard rules of g65 (``git diff 671fe9c -- optimizer/cache``), attacked.

g64 and g65 added: canon._glued / _glued_place / _is_place (with _TRADE_PARTIES, _REGIONS,
_TOPIC_HEADS, _GLUING): "in/across/within <place>" right after a business, in a clause with
three phrase starts or more of which one is a matter ("about", "on", ...), is glued to the
business (``in~of``) and moves with it; words._TALKED_SIGN (``_BEFORE_A_TALKED_SIGN``): a
sign after a word that cannot open a join, before "sign/symbol/notice/mark", or ending a
name, is a word; canon._SEQUENCE: a text naming a "hierarchy" keeps its lists' order.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy). Each split finding gives two requests that are one request and are no
longer served. Each fails today: it is marked ``xfail(strict=True)``, so it passes while the
finding stands and turns red when a fix closes it (then drop the mark). Each group also holds
plain tests that pin what the rule gets right. Grouped by cause, most severe first (48
findings: 34 near-misses served, 14 paraphrases split). "Regression" means kept apart
(near-miss) or served (split) at 671fe9c (before g64) and no longer; "g65 regression" means
kept apart at g64 (fde4d10) and served again at g65; "gap" means a case of the kind the rule
set out to cover that it misses (served at 671fe9c too).

Near-misses served:

1. canon._phrases after canon._glued (g64, kept at g65): two "in" phrases in one clause used
   to freeze its order (duplicate heads). Gluing the business's "in <country>" removes one
   "in" from the heads, the rest is sorted, and the other "in" phrase ("in Spanish", "in
   January", "in Spain") floats free of the noun it qualified: "an email to our distributors
   in Mexico about the labels in Spanish" (labels in Spanish) is served "an email in
   Spanish to our distributors in Mexico about the labels" (regressions): 5
2. canon._glued / _TOPIC_HEADS (g65): a place glues only when the matter is written with
   about/on/regarding/concerning/re. A matter after "for", "over", "after", "before",
   "during", "since" ("an apology to our retailers in France for the stock-out") is not
   seen, nothing glues, and the place is sorted onto the matter ("... for the stock-out in
   France"). g64 kept these apart; g65 serves them again (g65 regressions): 6
3. canon._TRADE_PARTIES (g65): businesses still missing, so their place is sorted away:
   boutiques, hairdressers, estheticians, formulators, the EU Responsible Person, a 3PL
   (gaps; also tried and served: beauty advisors, e-tailers, stylists, couriers): 6
4. canon._is_place / _REGIONS (g65): places neither in COUNTRIES nor in _REGIONS: Scotland,
   England, Southeast Asia, Western Europe, the Caribbean, Quebec (gaps): 6
5. words._TALKED_SIGN / _BEFORE_A_TALKED_SIGN (g65): after a word outside the list ("or",
   "need", "is", "carry", "does", "strip") a sign is still punctuation: "®" (registered,
   a legal claim) and "©" (copyright) collapse, and so do "+" and "&" (gaps): 6
6. canon._SEQUENCE (g65): only the word "hierarchy" (or ladder, ranking...) marks a label's
   order; the same order written "most prominent to least prominent", "biggest to
   smallest", "by prominence", "in descending type size", "left to right" (a
   shelf); also tried and served: "largest to smallest type", "largest first", "layout:" is sorted away, and the reversed order is served (gaps): 5

Paraphrases split:

7. words._TALKED_SIGN (g65): a sign after "with", "use", "print", "place", "single",
   "including", "show", "keep", "drop" is a word even when it joins two words: "with &
   without", "use & care", "print & digital", "place & promotion" (the 4 Ps) no longer
   meet their "and"; "A+ content" and "A+ Content" (Amazon's feature) part (regressions): 7
8. canon._glued x rewrites._moves / _repeats / _without_repeats (g64, narrowed at g65 but
   open): with a matter in the clause, a glued place is no region; a market request naming
   "retailers in France about ..." with region France, or with no region, is no longer
   served the same request with region France and the place left out (regressions): 4
9. canon._SEQUENCE "hierarchy" (g65): any "hierarchy" anywhere keeps every list in order,
   also lists that have none: the markets "in Spain, Portugal and Italy" or the actives
   "with niacinamide and zinc" of a serum whose label hierarchy is asked (regressions): 3

Held up against my attempts (no finding kept): "re the delay", "re: the delay",
"regarding", "concerning" (lemmatised, never a phrase start: their clause is kept apart by
the "to" phrase staying whole); "with the delay notice" (frozen by "with the"); the US,
U.S., United States, UAE, Korea, Hong Kong, Asia Pacific, the Middle East (all glue);
"department stores"; "(R) mark" vs "(C) mark", "® marking"/"® logo" vs "©" (apart);
"SPF 50+" vs "SPF 50", "H&M", "shampoo & conditioner" after a word outside the list
(kept as before); a "+" or "&" quoted, "ends in +", "a handle with + or underscores"
(apart); "Glow+" = "Glow Plus" is served now (fixed); "P&G and Unilever" reordered stays
apart (as at 671fe9c, not kept). "hierarchy" beside adjectives after an article, or beside
"for dry skin with 5% ..." (apart at 671fe9c too), were not kept.

Closed at g66: 38 of the 48. Two "in" phrases keep their order when one is a glued place
(group 1; the paraphrase that moved both is the cost, kept as an xfail); "over", "after",
"before", "during" name a matter (group 2; "for" does not: it names a category as often);
more businesses and regions (groups 3, 4); (r) (c) (tm) standing alone are words, and a
joining sign is talked about only after an article, before a word that cannot end a join
("from", "instead", "in"...) or before "sign"/"mark" (groups 5, 7: the joins "with &
without", "use & care", "print & digital" are served again, "A+ content" too); a layout's
order named as "most X to least X", "biggest to smallest", "left to right", "in
descending", "by prominence" keeps its list (group 6), and "hierarchy" only when its list
follows a colon (group 9). Open: "for the recall" (2), the EU Responsible Person, "Does +
hurt", and group 8, on purpose: a business's place beside a matter is no region.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ================================ near-misses served ================================


# -- 1. gluing one "in" unfreezes a clause with two (g64, canon._phrases after _glued) ----------
# _phrases returns a clause unsorted when two phrases share a head ("in ... in ..."): which
# noun each "in" phrase follows is meaning. _glued turns the business's "in" into "in~of"
# before the heads are compared, so the other "in" phrase is sorted as a phrase of its own:
# the labels in Spanish become an email in Spanish, the increase in January a notice sent in
# January. Kept apart at 671fe9c (regressions).
UNFROZEN = "canon._phrases: the glued 'in~of' leaves one 'in' head, so a clause with two 'in' phrases is sorted"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Write an email to our distributors in Mexico about the labels in Spanish",
            "Write an email in Spanish to our distributors in Mexico about the labels",
            id="labels-in-spanish",
        ),
        pytest.param(
            "Write an email to our retailers in Canada about the labels in French",
            "Write an email in French to our retailers in Canada about the labels",
            id="labels-in-french",
        ),
        pytest.param(
            "Draft a notice to our distributors in Brazil about the price increase in January",
            "Draft a notice in January to our distributors in Brazil about the price increase",
            id="increase-in-january",
        ),
        pytest.param(
            "Write a letter to our suppliers in India about the price increase in July",
            "Write a letter in July to our suppliers in India about the price increase",
            id="increase-in-july",
        ),
        pytest.param(
            "Draft a notice to our retailers in France about the recall in Spain",
            "Draft a notice in Spain to our retailers in France about the recall",
            id="recall-in-spain",
        ),
    ],
)
def test_a_second_in_phrase_after_a_glued_place(served, a, b):
    assert not served("branding", a, b)


@xfail(
    "g66: two 'in' phrases keep their order (a glued one counts as written): the cost of keeping "
    "'an email to distributors in Mexico about the labels in Spanish' from 'an email in Spanish to ...'"
)
def test_a_second_in_phrase_moves_with_its_glued_neighbours():
    assert same(
        "Write an email to our retailers in Canada about the labels in French",
        "Write an email about the labels in French to our retailers in Canada",
        generator="branding",
    )


# -- 2. a matter written without about/on (g65, canon._glued and _TOPIC_HEADS) ------------------
# g65 glues only when one phrase of the clause opens with about/on/regarding/concerning/re.
# An apology "for the stock-out", an email "over the late payments", "after/during/since the
# recall", "before the launch" name the matter as much; the place is then sorted away from
# the business, and a stock-out in France is served for retailers located in France. g64
# glued them (kept apart); served at 671fe9c and again at g65.
NO_MATTER_HEAD = "canon._glued: the matter opens with for/over/after/before/during/since, not in _TOPIC_HEADS"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a letter to our suppliers in India for the price increase",
            "Draft a letter to our suppliers for the price increase in India",
            id="for-the-price-increase",
            marks=xfail(NO_MATTER_HEAD),
        ),
        pytest.param(
            "Write an apology to our retailers in France for the stock-out",
            "Write an apology to our retailers for the stock-out in France",
            id="for-the-stock-out",
            marks=xfail(NO_MATTER_HEAD),
        ),
        pytest.param(
            "Write an email to our stockists in Spain over the late payments",
            "Write an email to our stockists over the late payments in Spain",
            id="over-the-late-payments",
            marks=xfail(
                "g68: over/after/before/during name a time as often as a matter (review30 group 9): no longer topic heads"
            ),
        ),
        pytest.param(
            "Write an email to our stockists in Spain after the recall",
            "Write an email to our stockists after the recall in Spain",
            id="after-the-recall",
            marks=xfail(
                "g68: over/after/before/during name a time as often as a matter (review30 group 9): no longer topic heads"
            ),
        ),
        pytest.param(
            "Write an email to our retailers in France before the launch",
            "Write an email to our retailers before the launch in France",
            id="before-the-launch",
            marks=xfail(
                "g68: over/after/before/during name a time as often as a matter (review30 group 9): no longer topic heads"
            ),
        ),
        pytest.param(
            "Write an email to our stockists in Spain during the recall",
            "Write an email to our stockists during the recall in Spain",
            id="during-the-recall",
            marks=xfail(
                "g68: over/after/before/during name a time as often as a matter (review30 group 9): no longer topic heads"
            ),
        ),
    ],
)
def test_a_matter_without_a_topic_head(served, a, b):
    assert not served("branding", a, b)


def test_a_matter_on_keeps_the_place_glued(served):
    assert not served(
        "branding",
        "Draft a statement to our retailers in Germany on the recall",
        "Draft a statement to our retailers on the recall in Germany",
    )


def test_a_matter_on_moves_with_its_glued_business():
    assert same(
        "Draft a statement to our retailers in Germany on the recall",
        "Draft a statement on the recall to our retailers in Germany",
        generator="branding",
    )


# -- 3. a business still missing from _TRADE_PARTIES (g65) --------------------------------------
NOT_A_PARTY = "canon._TRADE_PARTIES: the business is missing, its 'in <country>' is sorted onto the matter"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a notice to the boutiques in France about the recall",
            "Draft a notice to the boutiques about the recall in France",
            id="boutiques",
        ),
        pytest.param(
            "Draft a notice to the hairdressers in Italy about the recall",
            "Draft a notice to the hairdressers about the recall in Italy",
            id="hairdressers",
        ),
        pytest.param(
            "Draft a notice to the estheticians in Canada about the recall",
            "Draft a notice to the estheticians about the recall in Canada",
            id="estheticians",
        ),
        pytest.param(
            "Draft a notice to our formulators in France about the ban",
            "Draft a notice to our formulators about the ban in France",
            id="formulators",
        ),
        pytest.param(
            "Draft a notice to our Responsible Person in Ireland about the recall",
            "Draft a notice to our Responsible Person about the recall in Ireland",
            id="eu-responsible-person",
            marks=xfail(NOT_A_PARTY),
        ),
        pytest.param(
            "Draft a notice to our 3PL in Poland about the delay",
            "Draft a notice to our 3PL about the delay in Poland",
            id="3pl",
        ),
    ],
)
def test_a_business_still_missing(served, a, b):
    assert not served("branding", a, b)


def test_a_store_is_a_party(served):
    assert not served(
        "branding",
        "Draft a notice to our department stores in Japan about the recall",
        "Draft a notice to our department stores about the recall in Japan",
    )


# -- 4. a place outside COUNTRIES and _REGIONS (g65, canon._is_place) ---------------------------
NOT_A_PLACE = "canon._is_place: neither in COUNTRIES nor in _REGIONS, the place is sorted onto the matter"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a notice to our retailers in Scotland about the recall",
            "Draft a notice to our retailers about the recall in Scotland",
            id="scotland",
        ),
        pytest.param(
            "Draft a notice to our retailers in England about the recall",
            "Draft a notice to our retailers about the recall in England",
            id="england",
        ),
        pytest.param(
            "Draft a notice to our retailers in Southeast Asia about the recall",
            "Draft a notice to our retailers about the recall in Southeast Asia",
            id="southeast-asia",
        ),
        pytest.param(
            "Draft a notice to our retailers in Western Europe about the recall",
            "Draft a notice to our retailers about the recall in Western Europe",
            id="western-europe",
        ),
        pytest.param(
            "Draft a notice to our retailers in the Caribbean about the recall",
            "Draft a notice to our retailers about the recall in the Caribbean",
            id="caribbean",
        ),
        pytest.param(
            "Draft a notice to our retailers in Quebec about the recall",
            "Draft a notice to our retailers about the recall in Quebec",
            id="quebec",
        ),
    ],
)
def test_a_place_outside_the_lists(served, a, b):
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a notice to our retailers in the UAE about the recall",
            "Draft a notice to our retailers about the recall in the UAE",
            id="uae",
        ),
        pytest.param(
            "Draft a notice to our retailers in the Middle East about the recall",
            "Draft a notice to our retailers about the recall in the Middle East",
            id="middle-east",
        ),
        pytest.param(
            "Draft a notice to our retailers in Hong Kong about the recall",
            "Draft a notice to our retailers about the recall in Hong Kong",
            id="hong-kong",
        ),
    ],
)
def test_a_place_in_the_lists(served, a, b):
    assert not served("branding", a, b)


# -- 5. a sign after a word outside _BEFORE_A_TALKED_SIGN (g65, words._TALKED_SIGN) ------------
# "®" claims a registered trade mark (misuse is an offence in several markets), "©" a
# copyright; "+" and "&" are read differently by search engines and marketplaces.
SIGN = "words._TALKED_SIGN: after a word outside _BEFORE_A_TALKED_SIGN the sign is punctuation"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Should we add TM or ® after the brand name?",
            "Should we add TM or © after the brand name?",
            id="after-or",
        ),
        pytest.param(
            "Do we need ® on the EU carton?",
            "Do we need © on the EU carton?",
            id="after-need",
        ),
        pytest.param(
            "Is ® required on the carton before registration?",
            "Is © required on the carton before registration?",
            id="after-is",
        ),
        pytest.param(
            "Should the brand name carry ® or ™ on the carton?",
            "Should the brand name carry © or ™ on the carton?",
            id="after-carry",
        ),
        pytest.param(
            "Does + hurt SEO in a product name?",
            "Does & hurt SEO in a product name?",
            id="after-does",
            marks=xfail(SIGN),
        ),
        pytest.param(
            "Will Amazon strip + from our listing titles?",
            "Will Amazon strip & from our listing titles?",
            id="after-strip",
        ),
    ],
)
def test_a_sign_after_another_word(served, a, b):
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Where should the ® marking go on the carton?",
            "Where should the © marking go on the carton?",
            id="marking",
        ),
        pytest.param(
            "Will Amazon strip the + from our listing titles?",
            "Will Amazon strip the & from our listing titles?",
            id="after-the",
        ),
        pytest.param(
            "Is SPF 50+ allowed on EU sunscreen labels?", "Is SPF 50 allowed on EU sunscreen labels?", id="spf-50-plus"
        ),
    ],
)
def test_a_sign_the_rule_reads(served, a, b):
    assert not served("branding", a, b)


def test_a_sign_ending_a_name_is_its_word():
    assert same(
        "Suggest names like Glow+ for a vitamin C serum",
        "Suggest names like Glow Plus for a vitamin C serum",
        generator="branding",
    )


# -- 6. a label's order written without "hierarchy" (g65, canon._SEQUENCE) ----------------------
# g65 added "hierarchy": "front label hierarchy: brand, SPF 50, product name" keeps its order.
# The same order in other words is sorted, and the reversed layout (product name biggest,
# brand smallest) is served.
ORDER = "canon._SEQUENCE: the order is named without 'hierarchy' (or another listed word); the list is sorted"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Design the front label from most prominent to least prominent: brand, SPF, product name",
            "Design the front label from most prominent to least prominent: product name, SPF, brand",
            id="most-to-least-prominent",
        ),
        pytest.param(
            "Front label, biggest to smallest: brand, SPF 50, product name",
            "Front label, biggest to smallest: product name, SPF 50, brand",
            id="biggest-to-smallest",
        ),
        pytest.param(
            "Front label, in descending type size: brand, SPF 50, product name",
            "Front label, in descending type size: product name, SPF 50, brand",
            id="descending-type-size",
        ),
        pytest.param(
            "Arrange the claims by prominence on the pack: hydrating, vegan, dermatologist tested",
            "Arrange the claims by prominence on the pack: dermatologist tested, vegan, hydrating",
            id="by-prominence",
        ),
        pytest.param(
            "Plan the shelf left to right: cleanser, toner, serum, moisturiser",
            "Plan the shelf left to right: moisturiser, serum, toner, cleanser",
            id="left-to-right",
        ),
    ],
)
def test_a_label_order_without_hierarchy(served, a, b):
    assert not served("branding", a, b)


def test_a_label_hierarchy_keeps_its_order(served):
    assert not served(
        "branding",
        "Front label hierarchy: brand, SPF 50, product name",
        "Front label hierarchy: product name, SPF 50, brand",
    )


def test_a_label_hierarchy_with_a_full_stop():
    assert same(
        "Front label hierarchy: brand, SPF 50, product name",
        "Front label hierarchy: brand, SPF 50, product name.",
        generator="branding",
    )


# ================================ paraphrases split ================================


# -- 7. a joining sign read as a word (g65, words._TALKED_SIGN) ---------------------------------
# _BEFORE_A_TALKED_SIGN holds verbs and prepositions that also open a pair joined by "&" or
# "+": "with & without", "use & care", "print & digital", "place & promotion". The sign
# becomes "ampersand"/"plus" and no longer meets "and". "A+" before a lower-case word is now
# "a plus" and the next word's capital splits "A+ content" from "A+ Content". All served at
# 671fe9c (regressions).
JOIN = "words._TALKED_SIGN: a sign joining two words after a listed verb/preposition is read as a word"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Price the gift set with & without the travel pouch",
            "Price the gift set with and without the travel pouch",
            id="with-and-without",
        ),
        pytest.param(
            "Price the serum with + without VAT", "Price the serum with and without VAT", id="with-plus-without"
        ),
        pytest.param(
            "Write use & care instructions for the hair dryer",
            "Write use and care instructions for the hair dryer",
            id="use-and-care",
        ),
        pytest.param(
            "Plan print & digital ads for the launch",
            "Plan print and digital ads for the launch",
            id="print-and-digital",
        ),
        pytest.param(
            "Review our product, price, place & promotion for the serum",
            "Review our product, price, place and promotion for the serum",
            id="four-ps",
        ),
        pytest.param(
            "Price the kit including & excluding VAT",
            "Price the kit including and excluding VAT",
            id="including-and-excluding",
        ),
        pytest.param(
            "Write Amazon A+ content for our serum", "Write Amazon A+ Content for our serum", id="a-plus-content"
        ),
    ],
)
def test_a_joining_sign(served, a, b):
    assert served("branding", a, b)


def test_a_joining_sign_after_an_unlisted_word(served):
    assert served(
        "branding",
        "Price the kit including shampoo & conditioner",
        "Price the kit including shampoo and conditioner",
    )


# -- 8. a glued place is no region (g64/g65, canon._glued x rewrites) ---------------------------
# With a matter in the clause ("about the price", "on our mask") the place is glued and no
# longer an "in" phrase: rewrites._moves does not move it into an empty region field, and
# _repeats / _without_repeats do not drop it as a repeat of the region. For the market
# generator both sides are one request. All served at 671fe9c (regressions).
NO_REGION = "canon._glued: a glued place is no region for rewrites._moves / _repeats"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            {"query": "Complaints of retailers in France about the price of our perfume"},
            {"query": "Complaints of retailers about the price of our perfume", "context": {"region": "France"}},
            id="move-into-the-region",
        ),
        pytest.param(
            {
                "query": "Complaints of retailers in France about the price of our perfume",
                "context": {"region": "France"},
            },
            {"query": "Complaints of retailers about the price of our perfume", "context": {"region": "France"}},
            id="repeat-of-the-region",
        ),
        pytest.param(
            {"query": "Feedback from salons in Italy on our bond-repair mask"},
            {"query": "Feedback from salons on our bond-repair mask", "context": {"region": "Italy"}},
            id="salons-move",
        ),
        pytest.param(
            {"query": "Views of pharmacies in Spain on mineral sunscreen", "context": {"category": "sun care"}},
            {
                "query": "Views of pharmacies on mineral sunscreen",
                "context": {"category": "sun care", "region": "Spain"},
            },
            id="pharmacies-with-a-category",
        ),
    ],
)
@xfail(NO_REGION)
def test_a_glued_place_with_a_matter_is_no_region(served, a, b):
    assert served("market", a, b)


def test_a_glued_place_is_not_another_region(served):
    assert not served(
        "market",
        {"query": "Feedback from salons in Italy on our bond-repair mask", "context": {"region": "Spain"}},
        {"query": "Feedback from salons on our bond-repair mask", "context": {"region": "Spain"}},
    )


# -- 9. "hierarchy" orders every list of the text (g65, canon._SEQUENCE) ------------------------
# _SEQUENCE matches anywhere: a text that names a hierarchy keeps all its lists in order,
# the markets and the actives too. All served at 671fe9c (regressions).
HIERARCHY = "canon._SEQUENCE: 'hierarchy' anywhere keeps the order of lists that have none"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Build a brand hierarchy for our hair care range in Spain, Portugal and Italy",
            "Build a brand hierarchy for our hair care range in Italy, Spain and Portugal",
            id="markets",
        ),
        pytest.param(
            "Suggest a label hierarchy for a serum with niacinamide and zinc",
            "Suggest a label hierarchy for a serum with zinc and niacinamide",
            id="two-actives",
        ),
        pytest.param(
            "Suggest a label hierarchy for a serum with niacinamide, zinc and panthenol",
            "Suggest a label hierarchy for a serum with panthenol, zinc and niacinamide",
            id="three-actives",
        ),
    ],
)
def test_a_list_beside_a_hierarchy(served, a, b):
    assert served("branding", a, b)
