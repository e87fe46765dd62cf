"""Review 25: the guard rules g55 to g57 (``git log 934c850..HEAD -- optimizer/cache``), attacked.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy: the plain form, and every rewrite's bucket a lookup reads). Each split
finding gives two requests that are one request and are no longer served. Each fails today:
it is marked ``xfail(strict=True)``, so it passes while the finding stands and turns red when
a fix closes it (then drop the mark). Each group also holds plain tests that pin what the
rule gets right. Grouped by cause, near-misses first, most severe first (43 findings: 35
near-misses served, 8 paraphrases split). "Regression" means kept apart (near-miss) or served
(split) at g54 (934c850, the commit before g55) and no longer. "Gap" means a case of the
kind the new rule set out to fix that it misses (served at g54 too).

Closed at g59 (the marks dropped): 33 of the 35 near-misses (open: "not listed ... do
shoppers search for", a participle the adjective rule does not read; "the leading global
mass market brands", a modifier in -s) and 7 of the 8 splits; g56's chained moves were
withdrawn (group 4), so the three-details paraphrase is a miss again, on purpose.

Near-misses served:

1. g55/g57 freeze x rewrites._moves: ``clause_form`` drops the ATTACHED mark from the form as
   written, and a move re-forms the rest of the clause with ``clause_form`` again, now
   without the mark, so its phrases are sorted: a detail typed in the text (the region)
   undoes the freeze of "the palettes Ulta promotes in December" and of "the stores with the
   new layout in March" (gaps: the g57/g55 fixes hold only when nothing moves). The same
   re-forming moves a relative clause's "not" to the end (the _RELATIVE mark is gone too;
   predates g55, the same cause): 3
2. g57, canon._object_before: a clause's own "not" after a named subject stays only when a
   verb and then an article or possessive came before: a bare plural ("brands Boots doesn't
   carry"), an article before the verb ("pharmacies in the chain stock brands ...") or the
   clause before the question's "do we" ("Which brands Sephora doesn't stock do we carry?")
   give it to the question (gaps): 3
3. g57, canon._asks_after: an adjective-verb's "not" stays only before "do" + a pronoun; a
   named or noun subject after "does"/"do" ("does Boots supply", "do shoppers search for")
   loses it (gaps): 2
4. g56, rewrites._MAX_STEPS: a request typed whole meets one with all its fields, so an age
   ("for children over 3 years", "babies over 6 months") moved as a horizon now meets a
   realistic request with region and horizon fields (regressions: at g54 only a request
   with its region already in a field met it): 2
5. g57, canon._clause_inside: a pronoun is a subject only right before a verb, so an adverb
   between ("we usually discount", "we only sell online") or a possessive and a noun ("our
   buyer will list") no longer freezes the clause (regressions): 3
6. g57, canon._clause (a name then a verb after a plural): a name of two words ("Charlotte
   Tilbury promotes"), "that" ("the palettes that Ulta promotes") or a noun subject ("the
   palettes influencers promote") is no clause (gaps): 3
7. g57, canon._OPTIONS: "each" and "difference" (added) and "which of", an "or" between nouns
   (kept) make two lettered steps with one verb options, sorted, in questions about the
   process (2 regressions, 2 gaps): 4
8. g57, canon._PROCESS_ONLY: a batch record whose participles are "heated", "added",
   "adjusted" (left out on purpose) and that has no condition is sorted (gaps): 2
9. g57, words._ARROW_BULLETS: a heading that says the arrows come one after the other but
   names no "order"/"sequence" ("added one by one:") sorts them (gaps): 2
10. g57, rewrites._band: a levy fifth after "under" ("the UK 2022 plastic packaging tax") or
    not in _LEVIES ("surcharge", "EPR fees") is a band, so the levy's end moves into the
    horizon (gaps): 3
11. g57, words._CERTIFIED: after a place code, any capital word before "claims"/"label" is a
    certification, so the brand Simple is lost ("the UK Simple label") (regressions): 2
12. g57, words._number_is_asked: a third modifier after "leading", or a verb the set lacks
    before "the fastest"/"the most" ("grew", "contributed") folds a counted plural (gaps): 3
13. g57, canon._ONE_WHATEVER: only "tip", "idea", "reason" count after a modifier; "a quick
    fix", "a recent clinical study", "a likely cause" fold into the plural (gaps): 3

Paraphrases split:

14. g55/g57 freeze x rewrites._moves: the other half of group 1: the same request with its
    region typed in the text or in its field no longer meets (regression): 1
15. g57, rewrites._CIRCUMSTANCE: "effective" anywhere ("cost-effective sunscreen") keeps a
    forecast's end in the text (regressions): 2
16. g57, rewrites._band: a levy word after a price band ("under EUR 50 excluding VAT") makes
    the band a circumstance (regression): 1
17. g57, canon._OPTIONS: "Which would you recommend?", "Which makes more sense?" no longer
    compare two lettered options (regressions): 2
18. g57, canon._clause: "the new Fenty gloss" is a name, then a verb ("gloss") after an
    article: a clause, frozen (regression): 1
19. g57, canon._clause_inside: "with our house fragrance" still freezes ("house" is a verb
    too; g52's split that g57 closed only for "signature") (gap): 1

Held up against my attempts (no finding kept): guard._ahead and the horizon move's "next"
("the next 3 years" = "3 years", "the coming 5 years", "the next 2 quarters"; "the last/past
5 years", "5 years ago", "5 years from 2030" stay apart). The whole-text move
(_WHOLE_TEXT): every pair I built was the same request or needed a field value no analyst
types ("why does it separate" as requirements, "top 5 brands" as a category). Three-step
moves that are true paraphrases are served (costing with formulation, batch and region;
market with category, region and horizon; branding with product, audience and region), and I
found none cut off by MAX_REWRITES. The ¢ sign ("95¢" = "95 cents"; not "95 per cent", not
"€0.12", not "12 euro cents"). The EMBEDDED_NOT mark survives a move ("serums we don't make in
Kenya"). _ADVERBS: the "not really"/"not always" pairs I built merged at g54 already and
read alike. The "85C" condition and _PROCESS_ONLY verbs ("melted", "stirred", "dissolved")
keep a record in order once half its lines are steps. _CLAIMS ("long-lasting", "strong-hold"), "in effect",
"28% GST", "the 301 tariffs". The new place codes ("HK Simple", "AU Simple" keep the brand).

Not counted: "Which serum is the bestseller?" = "Which serums are the bestsellers?" and "Sales
of sunscreen made in Korea" moving "in Korea" into the region (its leftover "made" meets no
realistic request) predate g55 and fall outside the rules attacked here.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


ARROW = "\u2192 "


# ================================ near-misses served ================================


# -- 1. a move re-forms a frozen clause without its mark (g55, g57 x rewrites) ------------------
# canon.clause_form drops the ATTACHED mark (g55) once the phrases are frozen, and so does
# canon._question_not with the _RELATIVE mark. rewrites._moves then calls clause_form on the
# rest of a clause after taking a phrase out, on the words without the mark: the rest is
# sorted like any clause. With the region typed in the text ("Returns in Brazil of ..."), the
# returns of the palettes Ulta promotes in December (their returns at any time) are served
# the December returns of the palettes Ulta promotes, the very pair g57 set out to keep
# apart; the sales of the stores that got the new layout in March, the March sales of the
# stores with it (g55's own example). And the pharmacies stocking sunscreens free of
# oxybenzone are served the pharmacies that stock no sunscreen with it.
REFORMED = "rewrites._moves re-forms the rest of a clause with clause_form, without the freeze's mark"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            {"query": "Returns in Brazil of the palettes Ulta promotes in December", "context": {"category": "makeup"}},
            {
                "query": "Returns in December of the palettes Ulta promotes",
                "context": {"category": "makeup", "region": "Brazil"},
            },
        ),
        (
            {"query": "Sales in Mexico of the stores with the new layout in March", "context": {"category": "makeup"}},
            {
                "query": "Sales in March of the stores with the new layout",
                "context": {"category": "makeup", "region": "Mexico"},
            },
        ),
        (
            {
                "query": "Which pharmacies stock sunscreens that don't contain oxybenzone in Kenya?",
                "context": {"category": "suncare"},
            },
            {
                "query": "Which pharmacies don't stock sunscreens containing oxybenzone?",
                "context": {"category": "suncare", "region": "Kenya"},
            },
        ),
    ],
    ids=["named-clause", "with-the", "relative-not"],
)
def test_a_move_unfreezes_a_clause(served, a, b):
    assert not served("market", a, b)


def test_the_freeze_holds_when_nothing_moves(served):
    makeup = {"category": "makeup", "region": "Brazil"}
    assert not served(
        "market",
        {"query": "Returns of the palettes Ulta promotes in December", "context": makeup},
        {"query": "Returns in December of the palettes Ulta promotes", "context": makeup},
    )


def test_a_region_typed_in_the_text_before_a_frozen_clause(served):
    assert served(
        "market",
        {"query": "Sell-out in Poland of the SKUs Rossmann will list", "context": {"category": "skincare"}},
        {"query": "Sell-out of the SKUs Rossmann will list", "context": {"category": "skincare", "region": "Poland"}},
    )


# -- 2. a clause's "not" after a named subject needs an article after a verb (g57) -------------
# canon._clause (g57) keeps a "not" after "do"/"does"/"did" as a clause's own (EMBEDDED_NOT)
# when a pronoun comes before it, or when canon._object_before finds a verb and then an
# article or possessive (_OBJECT_OPENS) before the subject. Analysts write the object's plural
# bare ("brands Boots doesn't carry"), put "the" before the verb ("pharmacies in the chain
# stock ..."), or open with the clause ("Which brands Sephora doesn't stock do we carry?"):
# the "not" goes back to the question, and the pharmacies filling the gaps in Boots' range are
# served the pharmacies that do not stock Boots' brands; our brands Sephora lacks (our edge)
# are served Sephora's brands we lack (our gap).
OBJECT_BEFORE = "canon._object_before needs a verb, then an article or possessive, before the clause's subject"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Which pharmacies stock brands Boots doesn't carry?",
            "Which pharmacies don't stock brands Boots carries?",
        ),
        (
            "Which pharmacies in the chain stock brands Boots doesn't carry?",
            "Which pharmacies in the chain don't stock brands Boots carries?",
        ),
        (
            "Which brands Sephora doesn't stock do we carry?",
            "Which brands Sephora stocks do we not carry?",
        ),
    ],
    ids=["bare-plural", "article-before-the-verb", "clause-first"],
)
def test_a_named_clauses_not_without_an_article(served, a, b):
    assert not served("market", a, b)


def test_a_named_clauses_not_after_the(served):
    assert not served(
        "market",
        "Which pharmacies stock the brands Boots doesn't carry?",
        "Which pharmacies don't stock the brands Boots carries?",
    )


def test_the_questions_not_spelled_out():
    assert same(
        "Which pharmacies don't stock the brands Boots carries?",
        "Which pharmacies do not stock the brands Boots carries?",
        generator="market",
    )


# -- 3. an adjective-verb's "not" needs "do" and a pronoun after it (g57) ------------------------
# canon._asks_after (g57) keeps the "not" before an adjective that is also a verb ("not
# open", "not listed") in place when the question's "do"/"does" and a pronoun (PERSONS) come
# after it. A named or noun subject ("does Boots supply", "do shoppers search for") is a
# question's subject as well: the "not" moves to the end, and the pharmacies closed on
# Sundays that Boots supplies are served the open ones Boots does not supply.
ASKS_AFTER = "canon._asks_after wants a pronoun after the question's 'do'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Which pharmacies not open on Sundays does Boots supply?",
            "Which pharmacies open on Sundays does Boots not supply?",
        ),
        pytest.param(
            "Which SKUs not listed at Boots do shoppers search for?",
            "Which SKUs listed at Boots do shoppers not search for?",
            marks=xfail(ASKS_AFTER + ": a participle ('not listed') is no adjective the rule reads"),
        ),
    ],
    ids=["named-subject", "noun-subject"],
)
def test_an_adjective_not_before_a_named_subject(served, a, b):
    assert not served("market", a, b)


def test_an_adjective_not_before_do_we(served):
    assert not served(
        "market",
        "Which salons not open on Mondays do our reps visit?",
        "Which salons open on Mondays do our reps not visit?",
    )


def test_an_adjective_not_and_a_plural():
    assert same(
        "Which pharmacies not open on Sundays do we deliver to?",
        "Which pharmacies not open on Sunday do we deliver to?",
        generator="market",
    )


# -- 4. an age moves as a horizon, now with the rest of the text (g56) ---------------------------
# rewrites.rewritten (g56) takes up to three moves, so a request typed whole meets one that
# has its details in their fields. "over 3 years" after "for children" is an age, not a
# time, yet the horizon move takes it ("over" is one of the horizon's prepositions and "3
# years" fits), and the region moves with it: the market for toothpaste for children older
# than 3 in Brazil is served the 3-year outlook of the market for children's toothpaste in
# Brazil. At g54 only a request with its region already in a field met it.
AGE = "rewrites: an age ('over 3 years') moves as a horizon, and g56 moves the region with it"


@pytest.mark.parametrize(
    ("text", "rest", "horizon"),
    [
        (
            "Market for fluoride toothpaste for children over 3 years in Brazil",
            "Market for fluoride toothpaste for children",
            "3 years",
        ),
        (
            "Market for mineral sunscreen for babies over 6 months in Brazil",
            "Market for mineral sunscreen for babies",
            "6 months",
        ),
    ],
    ids=["children", "babies"],
)
def test_an_age_moves_as_a_horizon(served, text, rest, horizon):
    assert not served("market", text, {"query": rest, "context": {"region": "Brazil", "horizon": horizon}})


@xfail(
    "a split kept on purpose: g59 withdrew g56's chained moves (an age moved as a horizon beside a region, and a"
    " lookup read twice the buckets): three details typed in the text are one request again only"
    " when at most one of them moves"
)
def test_three_details_typed_in_the_text(served):
    assert served(
        "market",
        "Market for fluoride toothpaste for children in Brazil over the next 3 years",
        {"query": "Market for fluoride toothpaste for children", "context": {"region": "Brazil", "horizon": "3 years"}},
    )


# -- 5. a pronoun is a subject only right before a verb (g57) --------------------------------------
# canon._clause_inside (g57) reads "we"/"you"/"they"/"it" as a clause's subject only when a
# verb (or a tense mark) follows it, so that "with our signature scent" no longer freezes.
# An adverb between the pronoun and its verb ("we usually discount", "we only sell online"),
# or a possessive and a noun ("our buyer will list"), is a clause as well, and the time phrase
# after it is sorted to the front: the sell-through of the shades we discount each January is
# served the January sell-through of the shades we discount; the sales of the serums that are
# online-only in Q4 (holiday exclusives) the Q4 sales of our online-only serums. g54 kept all
# three apart.
PRONOUN = "canon._clause_inside reads a pronoun as a subject only right before a verb"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Sell-through of the shades we usually discount in January",
            "Sell-through in January of the shades we usually discount",
        ),
        ("Sales of the serums we only sell online in Q4", "Sales in Q4 of the serums we only sell online"),
        ("Sell-out of the SKUs our buyer will list in Q3", "Sell-out in Q3 of the SKUs our buyer will list"),
    ],
    ids=["usually", "only", "our-buyer"],
)
def test_a_clause_with_a_word_after_its_pronoun(served, a, b):
    assert not served("market", a, b)


def test_a_pronoun_right_before_its_verb(served):
    assert not served(
        "market", "Returns of the palettes we promote in December", "Returns in December of the palettes we promote"
    )


def test_a_relative_that_before_a_pronoun():
    assert same(
        "Sales in Q4 of the serums we sell online", "Sales in Q4 of the serums that we sell online", generator="market"
    )


# -- 6. a name then a verb after a plural: one word, no "that", no noun (g57) ----------------------
# canon._clause (g57) marks a clause (ATTACHED) when a capitalised name follows a plural noun
# (or an article two words back) and a verb or modal follows the name. A brand of two words
# ("Charlotte Tilbury promotes": the word after "Charlotte" is no verb), the relative "that"
# (RELATIVES minus "that" get the mark; "that" between the plural and the name hides it), and
# a common-noun subject ("influencers promote") miss the mark, so the December returns of the
# palettes are served the returns of the December-promoted palettes (review24's finding 9
# with the most common ways to write it).
NAMED = "canon._clause marks a clause only for a one-word name right after a plural"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Returns of the palettes Charlotte Tilbury promotes in December",
            "Returns in December of the palettes Charlotte Tilbury promotes",
        ),
        (
            "Returns of the palettes that Ulta promotes in December",
            "Returns in December of the palettes that Ulta promotes",
        ),
        (
            "Returns of the palettes influencers promote in December",
            "Returns in December of the palettes influencers promote",
        ),
    ],
    ids=["two-word-name", "that", "noun-subject"],
)
def test_a_clause_the_name_rule_misses(served, a, b):
    assert not served("market", a, b)


def test_a_one_word_name_and_a_modal(served):
    assert not served(
        "market",
        "Sell-out of the SKUs Tesco will list in Q3",
        "Sell-out in Q3 of the SKUs Tesco will list",
    )


def test_that_before_a_name_is_dropped():
    assert same(
        "Returns in December of the palettes Ulta promotes",
        "Returns in December of the palettes that Ulta promotes",
        generator="market",
    )


# -- 7. comparing words in a question about a process (g57) ---------------------------------------
# canon._numbered_steps reads two lettered lines that open with one verb as options (sorted)
# when canon._OPTIONS finds a comparing word. g57 added "each" and "difference" and kept
# "which of"/"which one" and an "or" that opens no clause. Questions about the order itself
# use them as often: "How long should we mix after each?", "Does the order make a
# difference?", "Which of these steps causes the lumps?", "lumps or fish eyes". Adding the
# neutraliser before the carbomer (the cause of the lumps) is served the right order.
OPTIONS = "canon._OPTIONS reads a comparing word in a question about a process as a comparison of two options"
_GEL = "a) Add the {}\nb) Add the {}\n{}"


@pytest.mark.parametrize(
    "question",
    [
        "How long should we mix after each?",
        "Does the order make a difference?",
        "Which of these steps causes the lumps?",
        "Why do we get lumps or fish eyes?",
    ],
    ids=["each", "difference", "which-of", "or-nouns"],
)
def test_two_lettered_steps_and_a_comparing_word(served, question):
    assert not served(
        "formulation",
        _GEL.format("carbomer", "triethanolamine", question),
        _GEL.format("triethanolamine", "carbomer", question),
    )


def test_two_lettered_steps_and_a_plain_question(served):
    question = "What causes the lumps?"
    assert not served(
        "formulation",
        _GEL.format("carbomer", "triethanolamine", question),
        _GEL.format("triethanolamine", "carbomer", question),
    )


def test_two_options_and_the_cost_difference():
    question = "What is the cost difference per 1,000 units?"
    assert same(
        f"a) pack in cartons\nb) pack in shrink wrap\n{question}",
        f"a) pack in shrink wrap\nb) pack in cartons\n{question}",
        generator="costing",
    )


# -- 8. participle steps outside _PROCESS_ONLY (g57) ---------------------------------------------
# canon._step_line (g57) takes a numbered line whose step verb is not its first word as a step
# with no condition only for verbs in _PROCESS_ONLY (melt, stir, pour, dissolve...). A batch
# record's other participles ("heated", "added", "adjusted": left out for "with added
# keratin") still need a "°", "degrees" or a time, so a record without them is sorted: the
# water phase added before the oil phase is heated is served the right order; the zinc PCA
# added before the niacinamide is dissolved, the other way round.
PROCESS_ONLY = "canon._step_line: a participle outside _PROCESS_ONLY needs a condition to be a step"
_BATCH = "{}:\n1. {}\n2. {}\n3. {}\n{}"


@pytest.mark.parametrize(
    ("head", "first", "second", "third", "question"),
    [
        ("Lotion batch", "Oil phase heated", "Water phase added", "Preservative added", "Why does it split?"),
        (
            "Serum batch",
            "Niacinamide dissolved in water",
            "Zinc PCA added",
            "pH adjusted",
            "Why is it yellowing?",
        ),
    ],
    ids=["heated-added", "added-adjusted"],
)
def test_a_batch_record_of_other_participles(served, head, first, second, third, question):
    assert not served(
        "formulation",
        _BATCH.format(head, first, second, third, question),
        _BATCH.format(head, second, first, third, question),
    )


def test_a_batch_record_of_process_participles(served):
    assert not served(
        "formulation",
        _BATCH.format("Soy candle batch", "Wax melted", "Fragrance oil stirred in", "Jars poured", "Why?"),
        _BATCH.format("Soy candle batch", "Fragrance oil stirred in", "Wax melted", "Jars poured", "Why?"),
    )


def test_a_batch_record_in_another_numbering():
    record = _BATCH.format(
        "Soy candle batch", "Wax melted", "Fragrance oil stirred in", "Jars poured", "Why is the scent throw weak?"
    )
    assert same(record, record.replace("1. ", "1) ").replace("2. ", "2) ").replace("3. ", "3) "))


# -- 9. a heading that says "one after the other" (g57) ---------------------------------------------
# words._ARROW_BULLETS (g57) reads arrowed lines under a heading ending with a colon as bullets
# (sorted) unless the heading names a method, a flow, a sequence or an order of addition. A
# heading that says the additions come one by one, or one after the other, names none of
# them: the preservative added before the fragrance is served the fragrance first.
ARROWS = "words._ARROW_BULLETS: a heading saying 'one by one' names no order"
_LINES = [f"{ARROW}preservative", f"{ARROW}fragrance", f"{ARROW}citric acid to pH 5.5"]


@pytest.mark.parametrize(
    "head", ["Cool-down phase, added one by one:", "Below 40 C, one after the other:"], ids=["one-by-one", "after"]
)
def test_arrows_under_a_heading_that_orders_them(served, head):
    question = "Why does the lotion thin out?"
    assert not served(
        "formulation",
        "\n".join([head, *_LINES, question]),
        "\n".join([head, _LINES[1], _LINES[0], _LINES[2], question]),
    )


def test_arrows_under_an_order_of_addition(served):
    head, question = "Order of addition (phase C):", "Why does the lotion thin out?"
    assert not served(
        "formulation",
        "\n".join([head, *_LINES, question]),
        "\n".join([head, _LINES[1], _LINES[0], _LINES[2], question]),
    )


def test_arrows_typed_another_way():
    head, question = "Addition order for phase C:", "Why does the lotion thin out?"
    assert same(
        "\n".join([head, *_LINES, question]),
        "\n".join([head, *(line.replace(ARROW, "-> ") for line in _LINES), question]),
    )


# -- 10. a levy fifth after "under", or a levy the list lacks (g57) --------------------------------
# rewrites._band (g57) reads the words after "under" as no band when a word of _LEVIES is
# among the first four. A levy named with its country and year first ("the UK 2022 plastic
# packaging tax": "tax" is fifth) or by a word the list lacks ("surcharge", "fee") is a band
# ("uk 2022", a short word and a number; "2025 ...", a number), no circumstance, and the
# levy's end date ("until 2027") moves into the horizon field: a forecast under a levy that
# ends in 2027 is served the forecast to 2027.
BAND = "rewrites._band reads a levy as a band, so the levy's end moves into the horizon"
BANDS = [
    pytest.param(
        "Sales of PET-bottled shampoo under the UK 2022 plastic packaging tax",
        {"category": "haircare", "region": "UK"},
        id="levy-fifth",
    ),
    pytest.param(
        "Sales of Korean sunscreen under a 10% surcharge", {"category": "suncare", "region": "USA"}, id="surcharge"
    ),
    pytest.param(
        "Sales of plastic-packed shampoo under the 2025 EPR fees",
        {"category": "haircare", "region": "France"},
        id="fees",
    ),
]


@pytest.mark.parametrize(("query", "context"), BANDS)
def test_a_levy_read_as_a_band(served, query, context):
    a = {"query": f"{query} until 2027", "context": context}
    b = {"query": query, "context": {**context, "horizon": "2027"}}
    assert not served("market", a, b)


def test_a_levy_within_four_words(served):
    uk = {"category": "haircare", "region": "UK"}
    query = "Sales of PET-bottled shampoo under the plastic packaging tax"
    assert not served(
        "market",
        {"query": f"{query} until 2027", "context": uk},
        {"query": query, "context": {**uk, "horizon": "2027"}},
    )


def test_a_price_band_moves_the_horizon(served):
    spain = {"category": "fragrance", "region": "Spain"}
    a = {"query": "Sales of perfume under EUR 50 until 2028", "context": spain}
    b = {"query": "Sales of perfume under EUR 50", "context": {**spain, "horizon": "2028"}}
    assert served("market", a, b)


# -- 11. a brand before "claims" or "label" after a place code (g57) --------------------------------
# words._after_a_capital (g57) keeps a capital word after a place code a brand (the new
# two-letter codes), unless a word of _CERTIFIED follows it ("EU Organic certification").
# _CERTIFIED holds "claim" and "label" too, words that follow a brand as often: copying the
# UK Simple claims (the brand's, a trade-dress question) is served copying simple claims;
# mimicking the Simple label, mimicking a simple label. g54 kept both apart.
CERTIFIED = "words._CERTIFIED takes a brand before 'claims' or 'label' after a place code for a certification"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Can we copy the UK Simple claims on our facial wipes?",
            "Can we copy the UK simple claims on our facial wipes?",
        ),
        ("Can we mimic the UK Simple label on our wipes?", "Can we mimic the UK simple label on our wipes?"),
    ],
    ids=["claims", "label"],
)
def test_a_brand_before_a_certification_word(served, a, b):
    assert not served("formulation", a, b)


def test_a_brand_after_a_place_code(served):
    assert not served(
        "market", "Forecast HK Simple facial wipes sales for 2026", "Forecast HK simple facial wipes sales for 2026"
    )


def test_a_certification_after_a_place_code():
    assert same(
        "Do we need UK Vegan certification for our lip balm?",
        "Do we need UK vegan certification for our lip balm?",
        generator="formulation",
    )


# -- 12. a counted plural just outside the new windows (g57) ----------------------------------------
# words._number_is_asked (g57) keeps a plural after a superlative with up to two modifiers
# between, and before "had/has/show/made/drove/gave the biggest ...". A third modifier ("the
# leading global mass market brands") or another verb ("grew the fastest", "contributed the
# most") folds the plural: one brand is served a list of them.
COUNTED = "words._number_is_asked folds a plural just outside its windows"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        pytest.param(
            "market",
            "Market share of the leading global mass market brand in dry shampoo",
            "Market share of the leading global mass market brands in dry shampoo",
            marks=xfail(COUNTED + ": 'mass', a word in -s, ends the window"),
        ),
        ("market", "Which brand grew the fastest in Brazil?", "Which brands grew the fastest in Brazil?"),
        (
            "costing",
            "Which cost driver contributed the most to COGS?",
            "Which cost drivers contributed the most to COGS?",
        ),
    ],
    ids=["three-modifiers", "grew-the-fastest", "contributed-the-most"],
)
def test_a_counted_plural_outside_the_window(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_plural_two_modifiers_after_leading(served):
    assert not served(
        "market",
        "Market share of the leading global mass-market brand in dry shampoo",
        "Market share of the leading global mass-market brands in dry shampoo",
    )


def test_the_leading_brands_asked_two_ways():
    assert same(
        "What are the leading global brands in dry shampoo?",
        "Which are the leading global brands in dry shampoo?",
        generator="market",
    )


# -- 13. "a" and a modifier count only tips, ideas and reasons (g57) ----------------------------------
# canon._clause (g57) counts "a" before one or two modifiers and a word of _ONE_WHATEVER
# (tip, idea, reason). The other nouns analysts ask one of ("a quick fix", "a likely cause",
# and _COUNTED_NOUNS' own "study" after two modifiers) fold into the plural: one quick fix is
# served a list; one recent clinical study, a review of several.
ONE = "canon._ONE_WHATEVER counts only tip/idea/reason after a modifier"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "Give me a quick fix for lipstick feathering", "Give me quick fixes for lipstick feathering"),
        (
            "formulation",
            "What is a likely cause of the grainy texture in our shea balm?",
            "What are likely causes of the grainy texture in our shea balm?",
        ),
        (
            "scientific",
            "Cite a recent clinical study on bakuchiol for wrinkles",
            "Cite recent clinical studies on bakuchiol for wrinkles",
        ),
    ],
    ids=["quick-fix", "likely-cause", "recent-clinical-study"],
)
def test_one_thing_after_a_modifier(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_quick_tip_is_one(served):
    assert not served(
        "formulation",
        "Give me a quick tip to stop lipstick feathering",
        "Give me quick tips to stop lipstick feathering",
    )


def test_a_quick_tip_is_one_quick_tip():
    assert same(
        "Give me a quick tip to stop lipstick feathering",
        "Give me one quick tip to stop lipstick feathering",
        generator="formulation",
    )


# ================================ paraphrases split ================================
SPLIT = "a g55-g57 rule splits a true paraphrase"


# -- 14. a move re-sorts a frozen clause (g55, g57 x rewrites) ------------------------------------
# The other half of group 1: with its region typed in the text, "Returns in Brazil of the
# palettes Ulta promotes in December" is re-formed without the freeze after the move, and
# no longer meets the same request with the region in its field. g54 served it.
def test_a_region_typed_before_a_frozen_clause(served):
    assert served(
        "market",
        {"query": "Returns in Brazil of the palettes Ulta promotes in December", "context": {"category": "makeup"}},
        {
            "query": "Returns of the palettes Ulta promotes in December",
            "context": {"category": "makeup", "region": "Brazil"},
        },
    )


# -- 15. "effective" anywhere is a circumstance (g57) ----------------------------------------------
# rewrites._CIRCUMSTANCE (g57) holds "effective" (for "the tariff effective until 2026"), as a
# word anywhere in the clause. "cost-effective sunscreen" and "effective acne patches" are
# products; the forecast's end date stays in the text and no longer meets the same forecast
# with its horizon field. g54 served both.
@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("Forecast demand for cost-effective sunscreen", "suncare"),
        ("Forecast demand for effective acne patches", "acne care"),
    ],
    ids=["cost-effective", "effective"],
)
def test_an_effective_product(served, query, category):
    india = {"category": category, "region": "India"}
    a = {"query": f"{query} until 2028", "context": india}
    b = {"query": query, "context": {**india, "horizon": "2028"}}
    assert served("market", a, b)


# -- 16. a levy word after a price band (g57) -------------------------------------------------------
# rewrites._band (g57) makes no band of the four words after "under" when a levy is among
# them: "under EUR 50 excluding VAT" is a price band, the VAT only how the price is written.
# The forecast's end stays in the text. g54 served it.
def test_a_price_band_excluding_vat(served):
    spain = {"category": "fragrance", "region": "Spain"}
    a = {"query": "Forecast sales of perfume under EUR 50 excluding VAT until 2028", "context": spain}
    b = {"query": "Forecast sales of perfume under EUR 50 excluding VAT", "context": {**spain, "horizon": "2028"}}
    assert served("market", a, b)


# -- 17. a bare "which" that compares (g57) ----------------------------------------------------------
# canon._OPTIONS (g57) no longer reads a bare "which": only "which is/one/option/of/way".
# "Which would you recommend?" and "Which makes more sense?" compare the two lettered options
# as plainly; the options are now steps in order, and the same two options in the other order
# are another request. g54 served both.
@pytest.mark.parametrize(
    ("first", "second", "question"),
    [
        ("pack in cartons", "pack in shrink wrap", "Which would you recommend at 5,000 units?"),
        ("fill in-house", "fill at a co-packer", "Which makes more sense for 20,000 units?"),
    ],
    ids=["would-you-recommend", "makes-more-sense"],
)
def test_two_options_and_a_bare_which(served, first, second, question):
    assert served("costing", f"a) {first}\nb) {second}\n{question}", f"a) {second}\nb) {first}\n{question}")


# -- 18. a brand and a noun that is a verb too (g57) -------------------------------------------------
# canon._clause (g57) marks a clause when a name follows a plural or comes two words after an
# article or possessive, and the next word has a verb sense. "the new Fenty gloss": "the"
# two words back, "gloss" a verb too; the phrases are frozen and the same request with its
# phrases in another order is another request. g54 served it.
def test_a_brand_and_its_product(served):
    assert served(
        "market",
        "Reviews of the new Fenty gloss on TikTok in the UK",
        "Reviews in the UK on TikTok of the new Fenty gloss",
    )


# -- 19. a possessive before a noun that is a verb too (g52, left by g57) ------------------------------
# canon._clause_inside (g57) reads a pronoun as a subject when a word with a verb sense follows
# it; "our" is "we" by then, and "house" is a verb: "with our house fragrance" freezes its
# clause as "with our signature scent" did before g57 (review24's finding 13).
def test_a_possessive_before_a_noun_verb(served):
    assert served(
        "formulation",
        "a cleanser with our house fragrance for oily skin",
        "a cleanser for oily skin with our house fragrance",
    )
