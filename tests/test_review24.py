"""Review 24: the guard rules g51 to g54 (``git log 974876c..HEAD -- optimizer/cache``), attacked.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that get one canonical form (``same``) or are served end to end
(``served``, balanced). Each split finding gives two requests that are one request and are
no longer one. Each fails today: it is marked ``xfail(strict=True)``, so it passes while the
finding stands and turns red when a fix closes it (then drop the mark). Each group also holds
plain tests that pin what the rule gets right. Grouped by cause, near-misses first, most
severe first (43 findings: 30 near-misses served, 13 paraphrases split). "Regression" means
kept apart (near-miss) or served (split) at g50 (974876c, the commit before g51) and no
longer. "Gap" means a case of the kind the new rule set out to fix that it misses, merged
(or split) at g50 too.

Closed at g57 (the marks dropped): 28 of the 30 near-misses (all but group 11's two
possessives, whose "'s" is gone before the plural is read) and 9 of the 13 splits (all
but group 14's two and group 18's two: recall only, left for later).

Near-misses served:

1. g51, canon._clause (EMBEDDED_NOT): a clause's own "not" inside a question is told only
   by a pronoun before its "do". A named subject ("the brands Boots doesn't carry") or a
   noun ("our rivals don't make") gives the "not" to the question again (gaps): 2
2. g51, canon._clause (ADJECTIVE_NOT): an adjective that is also a verb ("not open on
   Sundays") still needs a verb before it to keep its "not" (gap): 1
3. g51, canon._step_line: a participle step ("Wax melted") counts only beside a "°",
   "degrees" or a time, so a batch record typed "at 85C", or with no condition, is sorted
   (regressions): 2
4. g51, canon._OPTIONS: any "which" or "or" in the text makes two lettered lines with one
   verb options, so "Which causes the lumps?" and "Is the order right, or ...?" sort the
   two steps they ask about (gaps: g51's fix of review23's finding 5 covers no question): 2
5. g51, words._ARROW_BULLETS: "order" no longer names a flow, and "Addition order for phase
   C:" sorts its arrowed additions (regression): 1
6. g54, words._sign_word: the cent sign is left out of the new rule and dropped, so "under
   95¢ per kg" is "under 95 per kg" in a USD costing (gap): 1
7. g51, rewrites._band: "under the 301 tariffs" (gap), "under 25% US import tariffs" (the
   levy word third) and "under 28% GST" (a levy not in _LEVIES) are bands, so the levy's end
   moves into the horizon field (regressions): 3
8. g51, rewrites._circumstance: "effective until 2026" is no circumstance; only "in effect"
   is (gap): 1
9. g52, canon._clause_inside: a clause with a named subject and a verb in the present, the
   future or after a modal ("the palettes Ulta promotes", "Tesco will list", "Boots may
   delist") lets the time phrase after it move (gaps): 3
10. g51, words._PLACE_CODES: a market code the list lacks ("HK", "AU") opens a capitalised run
    and drops the brand in "Simple facial wipes", holdout25's merge (gaps): 2
11. g53, words._number_is_asked: plurals whose number is the point outside its windows: a
    possessive noun ("Rare Beauty's", "the brand's bestsellers"), "leading" or "our" two
    words before, "criteria", "fungi", a verb before "the biggest", and superlatives the set
    lacks ("fastest-growing", "highest-rated") (gaps): 9
12. g53, canon._clause (_COUNTED_NOUNS): "a quick tip", "a cost-saving idea", "a likely
    reason" lose their count; only "a tip" and a _COUNT_MODIFIERS word keep it (gaps): 3

Paraphrases split:

13. g52, canon._clause_inside: "our"/"their"/"its" are "we"/"they"/"it" by then (PERSONS),
    and every "~ed" word is a past verb, so "with our signature scent" and "with added
    vitamin C" freeze their clause (regressions): 2
14. g53, words._number_is_asked: the plural after "their" is often distributive ("choose
    their sunscreens"), and a category before "in the top ..." is written either way
    (regressions): 2
15. g51, words._after_a_capital: "EU Organic certification" reads "Organic" as a brand now
    that "EU" opens no run (regression): 1
16. g51, canon._clause (ADJECTIVE_NOT): "just" and "only" have an adjective sense and no verb
    sense, so "Why do Gen Z shoppers not just buy the refill?" keeps its "not" in place and
    splits from "Why don't ... just ...?" (regressions): 2
17. g51, canon._numbered_steps: two lettered options with one verb and no _OPTIONS word
    ("Cost per unit for each", "the cost difference") are steps in order (regressions): 2
18. g51, words._EMPHASIS: a bold price in ₹ or ₦ keeps a footnote mark; emphasis opens before
    € $ £ ¥ only, and g54 writes ₦ as " NGN " (gaps): 2
19. rewrites._CIRCUMSTANCE, rewritten by g51: "long-lasting" and "strong-hold" are product
    claims that keep the forecast's end date in the text (gaps: g50 split them too): 2

Held up against my attempts (no finding kept): g54's ten sign codes (₦ ₵ ₩ ₫ ₱ ₽ ₴ ₪ ฿ ৳)
and the name words of unlisted signs (₺ is "turkish lira sign", ₤ "lira sign": apart from
each other and from every code); "₦1,500" = "1,500 naira" = "NGN 1,500" is served. g52's
freeze for a pronoun or a past verb, irregular pasts too ("the serums Boots sold in March",
"the lipsticks she made"), "from"/"at" and "for <number>". g51's "not available" (never a
verb), the clause's "not" after a pronoun ("the serums we don't make"; "can't" and "won't"
keep the two apart by the modal's place), "under Section 301 tariffs", "under 20% alcohol",
"under EUR 5", "under the 19% VAT", "in effect", "USDA Organic", the listed place codes,
footnote kinds (*, **, †, ‡) and key lines, "**€12.99**", emphasis in straight, curly and
French quotes. "provided" as a condition: every ", provided the/our ..." I wrote is a
condition, and "provided by" stays a verb. Typo repair (unchanged since g49 but for dead
code): every swap and missed-letter slip of the 552 known words of eight letters or more
most used in holdout30-34 is repaired to its word or left alone, none to another word, and
no lowercase brand or retailer name I tried (about 140) is repaired into a common word.

Not counted: "GH₵15" and "GH¢15" keep a "gh" word (and the ¢ goes), so neither meets "GHS
15"; "35,000 won" reads "won" as the past of "win". Both predate g54 and split, not merge.
"Sales of the SKUs Tesco listed in Q2 with the new price" no longer meets "... with the new
price in Q2": the freeze on purpose, and the attachment is ambiguous.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


ARROW = "\u2192 "


# ================================ near-misses served ================================


# -- 1. the "not" of a clause inside a question needs a pronoun subject (g51) --------------------
# canon._clause (g51) reads a "not" as a clause's own (EMBEDDED_NOT) only when a pronoun from
# PERSONS stands just before its "do"/"does"/"did" ("the serums we don't make"). With a named
# subject ("Boots") or a noun ("our rivals") the "not" is the question's again and moves to
# the end, where it meets the question's own "not". The pharmacies that stock what Boots does
# not carry (a gap in Boots' range) are served the pharmacies that do not stock what Boots
# carries; the retailers that carry what our rivals do not make (white space) are served the
# retailers that do not stock our rivals' serums.
EMBEDDED = "canon._clause reads a clause's 'not' as its own only after a pronoun subject (PERSONS)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Which pharmacies stock the brands Boots doesn't carry?",
            "Which pharmacies don't stock the brands Boots carries?",
        ),
        (
            "Which retailers stock the serums our rivals don't make?",
            "Which retailers don't stock the serums our rivals make?",
        ),
    ],
    ids=["named-subject", "noun-subject"],
)
def test_a_clause_not_after_a_named_subject(served, a, b):
    assert not served("market", a, b)


def test_the_clause_not_after_a_pronoun_stays(served):
    assert not served(
        "market",
        "Which retailers stock the serums we don't make?",
        "Which retailers don't stock the serums we make?",
    )


def test_the_questions_not_written_out():
    assert same(
        "Which retailers don't stock the serums we make?",
        "Which retailers do not stock the serums we make?",
        generator="market",
    )


# -- 2. an adjective that is also a verb loses its "not" (g51) -----------------------------------
# canon._clause (g51) keeps an adjective's "not" in place when the adjective is never a verb
# ("not available"), else only when a verb came before it. "open" is a verb too, and
# "pharmacies" is none, so in "Which pharmacies not open on Sundays do we deliver to?" the
# "not" is read as the question's and moves to the end: the closed-on-Sunday pharmacies we
# supply are served the open ones we do not supply (review23's gap, with a verb adjective).
def test_a_verb_adjectives_not_after_a_subject(served):
    assert not served(
        "market",
        "Which pharmacies not open on Sundays do we deliver to?",
        "Which pharmacies open on Sundays do we not deliver to?",
    )


def test_an_adjective_that_is_never_a_verb_keeps_its_not(served):
    assert not served(
        "market",
        "Which K-beauty serums not available in the EU do our customers ask for?",
        "Which K-beauty serums available in the EU do our customers not ask for?",
    )


def test_the_questions_not_before_an_object_adjective():
    assert same(
        "Why don't pharmacies stock sunscreens safe for babies?",
        "Why do pharmacies not stock sunscreens safe for babies?",
        generator="market",
    )


# -- 3. a batch record's step needs a degree sign or a time (g51) --------------------------------
# canon._step_line (g51) takes a step verb after a numbered line's first word ("Wax melted")
# as a step only beside _PROCESS_CONDITION: a "°", the word "degrees", or minutes, hours,
# rpm. A batch record typed "at 85C" or "to 75 C" (no degree sign), or with no condition at
# all, is no longer steps: its lines are sorted, and the candle with the fragrance stirred in
# before the wax is melted is served the right order. g50 kept both apart.
STEP_LINE = "canon._step_line needs a degree sign or a time beside a participle step"
_CANDLE = "Soy candle batch:\n{}\n{}\n3. {}\nWhy is the scent throw weak?"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            _CANDLE.format("1. Wax melted at 85C", "2. Fragrance oil stirred in at 80C", "Poured at 60C"),
            _CANDLE.format("1. Fragrance oil stirred in at 80C", "2. Wax melted at 85C", "Poured at 60C"),
        ),
        (
            _CANDLE.format("1. Wax melted", "2. Fragrance oil stirred in", "Jars poured"),
            _CANDLE.format("1. Fragrance oil stirred in", "2. Wax melted", "Jars poured"),
        ),
    ],
    ids=["85C", "no-condition"],
)
def test_a_batch_record_without_a_degree_sign(served, a, b):
    assert not served("formulation", a, b)


def test_a_batch_record_with_degrees_keeps_its_order():
    assert not same(
        _CANDLE.format(
            "1. Wax melted to 85 \u00b0C", "2. Fragrance oil stirred in at 80 \u00b0C", "Poured at 60 \u00b0C"
        ),
        _CANDLE.format(
            "1. Fragrance oil stirred in at 80 \u00b0C", "2. Wax melted to 85 \u00b0C", "Poured at 60 \u00b0C"
        ),
        generator="formulation",
    )


def test_a_batch_record_in_another_notation():
    assert same(
        _CANDLE.format(
            "1. Wax melted to 85 \u00b0C", "2. Fragrance oil stirred in at 80 \u00b0C", "Poured at 60 \u00b0C"
        ),
        _CANDLE.format(
            "1) Wax melted to 85\u00b0C", "2) Fragrance oil stirred in at 80\u00b0C", "Poured at 60\u00b0C"
        ).replace("\n3. ", "\n3) "),
        generator="formulation",
    )


# -- 4. "which" or "or" makes two lettered steps options (g51) -----------------------------------
# canon._numbered_steps (g51) reads two lettered lines that open with one word as options
# (sorted) when the text holds a word of _OPTIONS: which, compare, vs, better, best, or...
# Questions about a process use those words as often as comparisons do: "Which causes the
# lumps?", "Is the order right, or should we premix?". Adding the neutraliser before the
# carbomer is served the carbomer first, the very order the second request asks about.
OPTIONS = "canon._OPTIONS reads 'which' or 'or' anywhere in the text as a comparison of two lettered steps"
_GEL = "a) Add the {}\nb) Add the {}\n{}"


@pytest.mark.parametrize(
    "question", ["Which causes the lumps?", "Is the order right, or should we premix?"], ids=["which", "or"]
)
def test_two_lettered_steps_and_a_question(served, question):
    assert not served(
        "formulation",
        _GEL.format("carbomer", "triethanolamine", question),
        _GEL.format("triethanolamine", "carbomer", question),
    )


def test_two_compared_ways_are_options():
    assert same(
        "a) pack in cartons\nb) pack in shrink wrap\nWhich is cheaper per 1,000 units?",
        "a) pack in shrink wrap\nb) pack in cartons\nWhich is cheaper per 1,000 units?",
        generator="costing",
    )


# -- 5. "order" no longer names a flow (g51) ----------------------------------------------------
# words._ARROW_BULLETS (g51) dropped "order" from the words that make arrowed lines a flow, so
# that "Minimum order quantities:" lists. An order of addition named any other way than the
# patterns of canon._SEQUENCE ("order of", "order:") is a list now too: "Addition order for
# phase C:" sorts its arrowed lines, and the preservative added before the fragrance is served
# the fragrance first. g50 kept them in order.
def test_an_addition_order_heading(served):
    lines = [f"{ARROW}preservative", f"{ARROW}fragrance", f"{ARROW}citric acid to pH 5.5"]
    head, question = "Addition order for phase C:", "Why does the lotion thin out?"
    assert not served(
        "formulation",
        "\n".join([head, *lines, question]),
        "\n".join([head, lines[1], lines[0], lines[2], question]),
    )


def test_an_addition_order_heading_with_a_colon():
    assert not same(
        f"Addition order:\n{ARROW}preservative\n{ARROW}fragrance\nWhy does the lotion thin out?",
        f"Addition order:\n{ARROW}fragrance\n{ARROW}preservative\nWhy does the lotion thin out?",
        generator="formulation",
    )


def test_components_under_a_heading_are_bullets():
    assert same(
        f"Components:\n{ARROW}glass jar\n{ARROW}bamboo lid\nQuote per 1,000 units?",
        f"Components:\n{ARROW}bamboo lid\n{ARROW}glass jar\nQuote per 1,000 units?",
        generator="costing",
    )


# -- 6. the cent sign is dropped (g54) ------------------------------------------------------------
# words._sign_word (g54) writes a currency sign as its ISO code or its Unicode name, but leaves
# out "¢" on purpose, and the tokenizer then drops it. "under 95¢ per kg" is "under 95 per
# kg": with the currency field USD, a bulk cost target of $0.95/kg is served the one of $95/kg.
_BODY_WASH = {"formulation": "body wash, 500 ml", "currency": "USD"}


def test_a_cent_sign(served):
    assert not served(
        "costing",
        {"query": "Can we keep the bulk under 95\u00a2 per kg?", "context": _BODY_WASH},
        {"query": "Can we keep the bulk under 95 per kg?", "context": _BODY_WASH},
    )


def test_a_naira_sign_is_its_code(served):
    assert served("costing", "Cost target under \u20a61,500 per unit", "Cost target under 1,500 naira per unit")


# -- 7. bands that are levies (g51) -----------------------------------------------------------------
# rewrites._band (g51) reads the words after "under" as a band unless they are a "%" and a
# word of _LEVIES within the next two words, or a word longer than four letters before a
# number. So a tariff named by its number ("the 301 tariffs", "the 2025 tariffs"), a levy
# out of the list ("28% GST"), or one whose levy word comes third ("25% US import tariffs")
# is a band, no circumstance, and "until <year>" (when the levy ends) moves into the horizon
# field: a forecast under a levy that ends is served the forecast to that year.
BAND = "rewrites._band reads a levy as a band, so the levy's end moves into the horizon"
_US_BRUSHES = {"category": "makeup tools", "region": "USA"}
_INDIA = {"category": "fragrance", "region": "India"}
BANDS = [
    pytest.param("US imports of Chinese makeup brushes under the 301 tariffs", "2026", _US_BRUSHES, id="301"),
    pytest.param("Imports of Chinese makeup brushes under 25% US import tariffs", "2026", _US_BRUSHES, id="third"),
    pytest.param("Sales of premium perfume under 28% GST", "2027", _INDIA, id="gst"),
]


@pytest.mark.parametrize(("query", "year", "context"), BANDS)
def test_a_levy_read_as_a_band(served, query, year, context):
    a = {"query": f"{query} until {year}", "context": context}
    b = {"query": query, "context": {**context, "horizon": year}}
    assert not served("market", a, b)


def test_a_named_section_is_a_levy(served):
    a = {"query": "Imports of Chinese makeup brushes under Section 301 tariffs until 2026", "context": _US_BRUSHES}
    b = {
        "query": "Imports of Chinese makeup brushes under Section 301 tariffs",
        "context": {**_US_BRUSHES, "horizon": "2026"},
    }
    assert not served("market", a, b)


def test_a_content_band_moves_the_horizon(served):
    germany = {"category": "oral care", "region": "Germany"}
    a = {"query": "Sales of mouthwashes under 20% alcohol until 2028", "context": germany}
    b = {"query": "Sales of mouthwashes under 20% alcohol", "context": {**germany, "horizon": "2028"}}
    assert served("market", a, b)


# -- 8. "in effect" is the only way a levy is in effect (g51) ----------------------------------------
# rewrites._circumstance (g51) reads "force" and "effect" only as "in force" / "in effect".
# The same state written "effective" is no circumstance, so the tariff's end date moves into
# the horizon field (a gap: g50 missed it too).
def test_a_tariff_effective_until(served):
    query = "Imports of Chinese makeup brushes with the 25% tariff effective"
    a = {"query": f"{query} until 2026", "context": _US_BRUSHES}
    b = {"query": query, "context": {**_US_BRUSHES, "horizon": "2026"}}
    assert not served("market", a, b)


def test_a_tariff_in_effect(served):
    query = "Imports of Chinese makeup brushes with the tariff in effect"
    a = {"query": f"{query} until 2026", "context": _US_BRUSHES}
    b = {"query": query, "context": {**_US_BRUSHES, "horizon": "2026"}}
    assert not served("market", a, b)


# -- 9. a clause inside a phrase needs a pronoun or a past tense (g52) -------------------------------
# canon._clause_inside (g52) freezes a clause's phrases when one holds a subject pronoun
# (we/you/they/it) or a verb in the past. A named subject with a verb in the present, the
# future or after a modal ("the palettes Ulta promotes", "the SKUs Tesco will list", "the
# shades Boots may delist") holds a clause as well, and the time phrase after it is sorted
# to the front: returns of the palettes promoted in December (January returns) are served
# the returns made in December; the sell-out in Q3 of what Tesco will list (any time) is
# served the sell-out of what Tesco lists in Q3.
CLAUSE = "canon._clause_inside misses a clause with a named subject and a present, future or modal verb"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Returns of the palettes Ulta promotes in December",
            "Returns in December of the palettes Ulta promotes",
        ),
        (
            "Forecast sell-out of the SKUs Tesco will list in Q3",
            "Forecast sell-out in Q3 of the SKUs Tesco will list",
        ),
        (
            "Sell-through of the shades Boots may delist in January",
            "Sell-through in January of the shades Boots may delist",
        ),
    ],
    ids=["present", "future", "modal"],
)
def test_a_clause_with_a_named_subject(served, a, b):
    assert not served("market", a, b)


def test_a_clause_in_the_past_keeps_its_phrases(served):
    assert not served(
        "market", "Returns of the serums Boots sold in March", "Returns in March of the serums Boots sold"
    )


def test_a_clause_with_a_relative_pronoun():
    assert same(
        "Returns in March of the serums we sold",
        "Returns in March of the serums that we sold",
        generator="market",
    )


# -- 10. a market code that no list holds opens a brand's run (g51) ------------------------------------
# words._after_a_capital (g51) lets an acronym open a capitalised run, which drops a brand
# adjective's mark, unless it is a place word or one of _PLACE_CODES (uk, us, eu, uae, apac,
# latam, ...). Analysts write most markets as two-letter codes the list lacks ("HK", "AU",
# also "SG", "JP", "DE", "CEE"...): "AU Simple facial wipes" loses the brand and is served the
# forecast for any simple wipes in Australia, holdout25's merge in another market.
@pytest.mark.parametrize("code", ["HK", "AU"])
def test_a_brand_after_a_market_code_no_list_holds(served, code):
    assert not served(
        "market",
        f"Forecast {code} Simple facial wipes sales for 2026",
        f"Forecast {code} simple facial wipes sales for 2026",
    )


def test_a_brand_after_a_listed_market_code(served):
    assert not served(
        "market", "Forecast UK Simple facial wipes sales for 2026", "Forecast UK simple facial wipes sales for 2026"
    )


def test_a_certification_after_an_acronym():
    assert same(
        "Do we need USDA Organic certification for our lip balm?",
        "Do we need USDA organic certification for our lip balm?",
        generator="formulation",
    )


# -- 11. a plural whose number is the point, missed (g53) -----------------------------------------------
# words._number_is_asked (g53) keeps a plural after _ONE_OR_SOME (main, top, our, my, your,
# their, ...) next to the noun or one word before it, after "leading" right before it, or
# before "with/of/in/by the biggest ...". A plural that asks "which ones" in the same way but
# outside those windows still folds to the singular, so one product is served several:
# * a possessive noun or "its"/"her" ("Rare Beauty's bestsellers", "the brand's");
# * "leading" two words before the noun ("the leading global brands");
# * "our" two modifiers before it ("our best-selling vegan lipsticks");
# * an irregular plural not in _IRREGULAR_PLURALS ("criteria", "fungi");
# * a verb before the superlative ("Which cost drivers had the biggest impact?");
# * a superlative not in _ONE_OR_SOME ("fastest-growing", "highest-rated"; a gap since before g53).
PLURAL = "words._number_is_asked folds a plural whose number is the point"
PLURALS = [
    pytest.param(
        "market",
        "Sales trend of Rare Beauty's bestseller in the UK",
        "Sales trend of Rare Beauty's bestsellers in the UK",
        id="possessive-name",
        marks=xfail(PLURAL + ": the possessive's 's is gone before the plural is read"),
    ),
    pytest.param(
        "market",
        "Sales trend of the brand's bestseller in the UK",
        "Sales trend of the brand's bestsellers in the UK",
        id="possessive-noun",
        marks=xfail(PLURAL + ": the possessive's 's is gone before the plural is read"),
    ),
    pytest.param(
        "market",
        "Market share of the leading global brand in dry shampoo",
        "Market share of the leading global brands in dry shampoo",
        id="leading-two-before",
    ),
    pytest.param(
        "market",
        "Sell-through of our best-selling vegan lipstick at Sephora",
        "Sell-through of our best-selling vegan lipsticks at Sephora",
        id="our-two-before",
    ),
    pytest.param(
        "market",
        "Top purchase criterion for sunscreen in Japan",
        "Top purchase criteria for sunscreen in Japan",
        id="criteria",
    ),
    pytest.param(
        "scientific",
        "Evidence on the main fungus behind dandruff",
        "Evidence on the main fungi behind dandruff",
        id="fungi",
    ),
    pytest.param(
        "costing",
        "Which cost driver had the biggest impact on COGS last year?",
        "Which cost drivers had the biggest impact on COGS last year?",
        id="had-the-biggest",
    ),
    pytest.param(
        "market",
        "Share of the fastest-growing brand in Brazilian haircare",
        "Share of the fastest-growing brands in Brazilian haircare",
        id="fastest-growing",
    ),
    pytest.param(
        "market",
        "Reviews of the highest-rated vitamin C serum on Amazon",
        "Reviews of the highest-rated vitamin C serums on Amazon",
        id="highest-rated",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), PLURALS)
def test_a_counted_plural_outside_the_window(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_plural_after_our_is_kept():
    assert not same(
        "Sell-through of our hero lipstick at Sephora",
        "Sell-through of our hero lipsticks at Sephora",
        generator="market",
    )


def test_our_bestsellers_asked_two_ways():
    assert same("What are our bestsellers in Germany?", "Which are our bestsellers in Germany?", generator="market")


# -- 12. "a tip", "an idea", "a reason" count only next to "a" (g53) ------------------------------------
# canon._clause counts "a" before a noun of _COUNTED_NOUNS (g53 added tip, idea, reason) in
# every generator, but only right after "a" or after one of _COUNT_MODIFIERS (good, key,
# main...). "a quick tip", "a cost-saving idea", "a likely reason" lose the count, so one is
# served several: one quick fix against a list of them.
COUNTED = "canon._clause counts 'a tip/idea/reason' only right after 'a' or a _COUNT_MODIFIERS word"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Give me a quick tip to stop lipstick feathering",
            "Give me quick tips to stop lipstick feathering",
        ),
        (
            "costing",
            "Give me a cost-saving idea for our 250 ml shampoo",
            "Give me cost-saving ideas for our 250 ml shampoo",
        ),
        (
            "formulation",
            "What is a likely reason the emulsion splits at 40 C?",
            "What are likely reasons the emulsion splits at 40 C?",
        ),
    ],
    ids=["quick-tip", "cost-saving-idea", "likely-reason"],
)
def test_a_counted_noun_after_a_modifier(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_tip_is_one_tip():
    assert same(
        "Give me a good tip to stop lipstick feathering",
        "Give me one good tip to stop lipstick feathering",
        generator="formulation",
    )


def test_a_tip_is_not_tips():
    assert not same(
        "Give me a tip to stop lipstick feathering", "Give me tips to stop lipstick feathering", generator="formulation"
    )


# ================================ paraphrases split ================================
SPLIT = "a g51-g54 rule splits a true paraphrase"


# -- 13. a possessive or a participle freezes the clause (g52) --------------------------------------------
# canon._clause_inside (g52) reads "we"/"you"/"they"/"it" in a phrase as a subject pronoun,
# but canon._clause has already mapped "our", "your", "their", "its" onto them (PERSONS), and
# it reads any "~ed" word as a past verb, participle adjectives too ("added", "treated").
# "with our signature scent" and "with added vitamin C" then freeze their clause, and the
# same two phrases in the other order are another request. g50 served both.
FROZEN = SPLIT + ": canon._clause_inside reads a possessive or a participle adjective as a clause"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "a cleanser with our signature scent for oily skin",
            "a cleanser for oily skin with our signature scent",
        ),
        ("a serum with added vitamin C for dry skin", "a serum for dry skin with added vitamin C"),
    ],
    ids=["possessive", "participle"],
)
def test_phrases_around_a_possessive_or_a_participle(served, a, b):
    assert served("formulation", a, b)


def test_phrases_with_no_clause_move():
    assert same(
        "a night cream with 3% niacinamide for oily skin",
        "a night cream for oily skin with 3% niacinamide",
        generator="formulation",
    )


# -- 14. a plural that counts nothing is kept (g53) --------------------------------------------------------
# words._number_is_asked (g53) keeps the plural after "their" and before "in the most/top
# ...". A plural after "their" is often distributive: each shopper chooses their sunscreen,
# however many shoppers. Before "in the most humid regions" or "in the top price tier" a
# category is written plural or singular for the same market. g50 served both.
PLURAL_KEPT = SPLIT + ": words._number_is_asked keeps a distributive or category plural"


@xfail(PLURAL_KEPT)
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("How do Gen Z shoppers choose their sunscreens?", "How do Gen Z shoppers choose their sunscreen?"),
        (
            "Market size of serums in the top price tier in Korea",
            "Market size of serum in the top price tier in Korea",
        ),
    ],
    ids=["their", "in-the-top"],
)
def test_a_plural_that_counts_nothing(served, a, b):
    assert served("market", a, b)


# -- 15. a certification after a place code (g51) -------------------------------------------------------
# words._after_a_capital (g51) no longer lets a place code open a capitalised run, so the
# capital of "EU Organic" (the EU organic logo, as "USDA Organic" is the USDA's) marks a brand
# ("organic~name"): "EU Organic certification" and "EU organic certification" split. g50
# served them.
def test_a_certification_after_a_place_code(served):
    assert served(
        "formulation",
        "Do we need EU Organic certification for our lip balm?",
        "Do we need EU organic certification for our lip balm?",
    )


# -- 16. an adverb's "not" read as an adjective's (g51) ---------------------------------------------------
# canon._clause (g51) keeps a "not" before a word that has an adjective sense and no verb
# sense in place (ADJECTIVE_NOT), with no verb before it. "just" and "only" are adjectives in
# the dictionaries ("a just cause", "an only child"), so "Why do Gen Z shoppers not just buy
# the refill?" keeps its "not" in place, while "Why don't Gen Z shoppers just buy the refill?"
# has the question's (after "do"). g50 served both.
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Why do Gen Z shoppers not just buy the refill?", "Why don't Gen Z shoppers just buy the refill?"),
        ("Why do UK drugstore shoppers not only buy online?", "Why don't UK drugstore shoppers only buy online?"),
    ],
    ids=["just", "only"],
)
def test_the_questions_not_before_an_adverb(served, a, b):
    assert served("market", a, b)


# -- 17. two options with one verb and no comparison word (g51) --------------------------------------------
# canon._numbered_steps (g51) reads two lettered lines with one first word as options only
# with an _OPTIONS word; without one they are steps ("fill", "pack" are step verbs), kept in
# order. "Cost per unit for each" and "the cost difference" compare as well as "which is
# cheaper" does. g50 served both orders.
@pytest.mark.parametrize(
    ("first", "second", "question"),
    [
        ("fill in-house", "fill at a co-packer", "Cost per unit for each at 20,000 units?"),
        ("pack in cartons", "pack in shrink wrap", "What is the cost difference per 1,000 units?"),
    ],
    ids=["for-each", "difference"],
)
def test_two_options_with_no_comparison_word(served, first, second, question):
    assert served("costing", f"a) {first}\nb) {second}\n{question}", f"a) {second}\nb) {first}\n{question}")


# -- 18. a bold price in another currency (g51, g54) ------------------------------------------------------------
# words._EMPHASIS (g51) opens emphasis before a letter, a digit or one of € $ £ ¥. "**₹499**"
# is no emphasis, and "**₦4,500**" neither (g54 writes the naira sign as " NGN ", a space
# after the stars): the closing stars become a footnote mark ("footnote2"). A gap of g51's
# fix for "**€12.99**".
@xfail(SPLIT + ": words._EMPHASIS opens before € $ £ ¥ only, so a bold ₹ or ₦ price keeps a footnote")
@pytest.mark.parametrize("price", ["\u20b9499", "\u20a64,500"], ids=["rupee", "naira"])
def test_a_bold_price(served, price):
    assert served(
        "costing",
        f"Target retail price: **{price}**. What COGS can we afford?",
        f"Target retail price: {price}. What COGS can we afford?",
    )


def test_a_bold_euro_price(served):
    assert served(
        "costing",
        "Target retail price: **\u20ac12.99**. What COGS can we afford?",
        "Target retail price: \u20ac12.99. What COGS can we afford?",
    )


# -- 19. a product's claim read as a lasting circumstance (kept by g51) ------------------------------------
# rewrites._CIRCUMSTANCE (rewritten by g51 without "force" and "effect") still holds "last",
# "lasting" and "hold" as words anywhere in the clause: "long-lasting lipstick" and
# "strong-hold hair gel" are product claims, yet the forecast's end date stays in the text
# and does not meet the same forecast with its horizon field. A gap g51 kept (g50 split them
# too), of the kind g51 fixed for "a tightening effect".
@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("Forecast demand for long-lasting lipstick", "lipstick"),
        ("Forecast demand for strong-hold hair gel", "hair styling"),
    ],
    ids=["long-lasting", "strong-hold"],
)
def test_a_claim_is_no_circumstance(served, query, category):
    france = {"category": category, "region": "France"}
    a = {"query": f"{query} until 2028", "context": france}
    b = {"query": query, "context": {**france, "horizon": "2028"}}
    assert served("market", a, b)
