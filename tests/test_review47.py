"""Review 47: the guard at g91, on ordinary traffic in all five generators.

Near-miss findings: two requests an expert answers differently that get one canonical form
(``same``; the worst also checked end to end with ``served``, balanced). Split findings: one
request worded two ways that gets two canonical forms. Each finding fails today and is
``xfail(strict=True)``; each group also holds plain tests of what the rule gets right. Cases
of reviews 11 to 46 and test_cache_guard_attack.py are not repeated; none rests on a bare
singular against a bare plural (served on purpose, fixtures/semantic/relabelled.json).

Near-misses served (28; two of them also checked end to end with ``served``):

1. canon._clause with aliases.REQUEST_VERBS_ANY / REQUEST_VERBS: a request verb opening a
   clause is dropped even when it is what is asked. "Make the serum vegan" (reformulate it)
   is "Is the serum vegan?" (check it); "Generate demand for refills" (a strategy) is
   "Demand for refills" (a size); the market verb "research" used as a noun ("Research
   budgets of L'Oreal") is dropped, and so is "review" in "review articles" (a kind of
   paper) after a scientific "summarize": 9
2. canon count rules (canon._COUNTED, plural_ask / single_ask, the "1" for "a"): only "a",
   a number and "what/which is|are" count. "the study" and "the studies" (one paper or the
   literature), "the RCT"/"the RCTs", "Which tagline works" / "Which taglines work",
   "Profile the competitor" / "the competitors", "How big is the competitor" / "are the
   competitors" are one request in scientific, branding and market: 9
3. aliases._POLITE: greetings and thanks dropped where they are content words: "thank you
   cards" and "greetings card" are cards, "COSRX Good Morning cleanser" is one product (and
   "a good morning face mist" a use), "Hello Sunday" a sunscreen brand, "TY" (this year) a
   period: 6
4. words._polite_ask with aliases.ASKING_VERBS (g91 added cost, price, size): "can you"
   before them reads as a polite request, so "Can you cost a serum under 2 EUR a unit?" (can
   the target be met) is the order "Cost a serum under 2 EUR a unit"; the same for "Can you
   price ... at 80 EUR" and "Can you size the batch at 200 kg?": 3
5. aliases.SAME_WORDS: "mum" is "mom", so the deodorant brand Mum is a deodorant for
   mothers: 1

Paraphrases split (7):

6. lexicon._derived (g91): a typo that drops the "e" of "-er" ("thickenr", "conditionr",
   "highlightr", "straightenr") or doubles the final "r" ("conditionerr", "cleanserr",
   "moisturiserr") ends with "r"/"rs" after a known word, so it counts as a derivation and is
   no longer repaired. All seven were repaired at g90 (06f8ecf): regressions: 7

Note on group 4: "could you" and "would you" before these verbs are the polite requests g91
meant and are served (tested below); "can you" before a target asks whether the target can
be met, as "Can you mix retinol and vitamin C?" does in the guard's own docstring.

Held up (probed, kept apart or rightly merged): "Holland" (served with "the Netherlands";
"Holland & Barrett", "Holland and Barrett", "North-Holland" kept apart; "Holland, Michigan"
needs the other side to say "the Netherlands, Michigan", which no one writes); the
"Philippines" misspellings (no other word matches); "Costing the ..." (every case found was
a true paraphrase of "cost the ..."; an idiom such as "Costing the earth" has no natural
near-miss of its own); "Need for preservatives" (a noun "need" is kept); "Sum up the cost"
against "Give the cost"; "Benchmark ... against" after "can you" (kept as a question);
"a tagline for the hotel" against "for the hotels", "this/these", "that/those", "our
tagline"/"our taglines", "Translate the slogan"/"the slogans", "Sales of the retailer"/"the
retailers", "the quote"/"the quotes" in costing.

Closed at g92, 29 of 35 (and a 30th at g94): a request verb before what it acts on ("generate demand", `canon._ACTED_ON`)
or "make" before an existing thing ("Make the serum vegan") stays, and only one request verb
opening a clause is dropped ("summarize review articles"); "the" or "which" before one
counted thing marks it one ("the study", "which tagline", `canon._one_counted`; 12 of the
suite's paraphrases that writers label inflection, "the study" / "the studies", are now
missed: kept apart on purpose); politeness after an article or a possessive names a thing
("our thank you cards"), and "TY" is this year; "can you" / "will you" before cost, price,
size... asks whether (`aliases.TASK_VERBS`); `lexicon._derived` reads "-r"/"-rs" as an
ending only after an "e", so "thickenr" is repaired again. Still open: "Research budgets",
"the RCT" (a glossary term, not read as a counted word), "which trend" (not a counted noun), "Hello Sunday" (a greeting opening the text; "COSRX Good Morning" closed at g94), and Mum the brand.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# --- 1. canon._clause / REQUEST_VERBS: a request verb that is what is asked ----------------------

REQUEST_VERB = (
    "canon._clause drops a REQUEST_VERBS_ANY / REQUEST_VERBS word opening a clause even when it is the ask "
    "('make it vegan' vs 'is it vegan', 'generate demand' vs 'demand', 'research budgets' vs 'budgets')"
)

_REQUEST_VERB_IS_THE_ASK = [
    ("formulation", "Make the serum vegan", "Is the serum vegan?"),
    ("formulation", "Make the balm safe for babies", "Is the balm safe for babies?"),
    ("formulation", "Make the serum stable with 15% vitamin C", "Is the serum stable with 15% vitamin C?"),
    ("formulation", "Make the cream non-greasy", "Is the cream non-greasy?"),
    ("market", "Generate demand for refills in Germany", "Demand for refills in Germany"),
    ("market", "Create demand for refills in Germany", "Demand for refills in Germany"),
    ("market", "Generate leads for our salon in Poland", "Leads for our salon in Poland"),
    pytest.param(
        "market",
        "Research budgets of L'Oreal and Shiseido",
        "Budgets of L'Oreal and Shiseido",
        marks=pytest.mark.xfail(strict=True, reason=REQUEST_VERB),
    ),
    (
        "scientific",
        "Summarize review articles on niacinamide for acne",
        "Summarize articles on niacinamide for acne",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _REQUEST_VERB_IS_THE_ASK)
def test_a_request_verb_that_is_the_ask_is_kept(generator, a, b):
    assert not same(a, b, generator=generator)


def test_make_it_vegan_is_not_served_is_it_vegan(served):
    assert not served("formulation", "Is the serum vegan?", "Make the serum vegan")


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "Describe trends in K-beauty", "Trends in K-beauty"),
        ("formulation", "Develop a vegan serum for dry skin", "A vegan serum for dry skin"),
    ],
)
def test_a_request_verb_that_only_asks_is_dropped(generator, a, b):
    assert same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("scientific", "Need for preservatives in anhydrous balms", "Preservatives in anhydrous balms"),
        ("costing", "Sum up the cost of bottle, pump and label", "Give the cost of bottle, pump and label"),
    ],
)
def test_a_request_word_with_content_is_kept(generator, a, b):
    assert not same(a, b, generator=generator)


# --- 2. canon count rules: "the study" is "the studies" ------------------------------------------

COUNT = (
    "canon count rules: only 'a', a number and 'what/which is|are' count; 'the X' / 'the Xs', "
    "'which X works' / 'which Xs work', 'how big is' / 'are' fold one into several"
)

_THE_ONE_IS_THE_SEVERAL = [
    ("scientific", "Summarize the study on bakuchiol for acne", "Summarize the studies on bakuchiol for acne"),
    pytest.param(
        "scientific",
        "Is the RCT of bakuchiol vs retinol reliable?",
        "Are the RCTs of bakuchiol vs retinol reliable?",
        marks=pytest.mark.xfail(strict=True, reason=COUNT),
    ),
    ("scientific", "What did the trial of bakuchiol for acne find?", "What did the trials of bakuchiol for acne find?"),
    ("scientific", "Which study supports bakuchiol for acne?", "Which studies support bakuchiol for acne?"),
    ("branding", "Which tagline works best for the serum?", "Which taglines work best for the serum?"),
    ("branding", "Is the brand name too long?", "Are the brand names too long?"),
    pytest.param(
        "market",
        "Which trend matters most in K-beauty?",
        "Which trends matter most in K-beauty?",
        marks=pytest.mark.xfail(strict=True, reason=COUNT),
    ),
    ("market", "Profile the competitor in Poland", "Profile the competitors in Poland"),
    ("market", "How big is the competitor in Poland?", "How big are the competitors in Poland?"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _THE_ONE_IS_THE_SEVERAL)
def test_the_one_is_not_the_several(generator, a, b):
    assert not same(a, b, generator=generator)


def test_the_study_is_not_served_the_studies(served):
    assert not served(
        "scientific", "Summarize the studies on bakuchiol for acne", "Summarize the study on bakuchiol for acne"
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "one tagline for the hotels", "a tagline for the hotels"),
        ("branding", "Write a tagline for our serum", "Could you write one tagline for our serum?"),
        ("market", "Which are the key trends in K-beauty?", "What are the key trends in K-beauty?"),
    ],
)
def test_one_count_written_two_ways(generator, a, b):
    assert same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "a tagline for the hotel", "a tagline for the hotels"),
        ("branding", "Translate the slogan into Spanish", "Translate the slogans into Spanish"),
        ("scientific", "this study on bakuchiol", "these studies on bakuchiol"),
    ],
)
def test_counts_that_held(generator, a, b):
    assert not same(a, b, generator=generator)


# --- 3. aliases._POLITE: a greeting or a thanks that is a content word ---------------------------

POLITE = (
    "aliases._POLITE drops 'thank you', 'greetings', 'good morning', 'hello', 'ty' wherever they stand, "
    "also inside a product, a brand or a period"
)

_POLITE_WORDS_WITH_CONTENT = [
    ("branding", "a tagline for our thank you cards", "a tagline for our cards"),
    ("branding", "a tagline for a greetings card brand", "a tagline for a card brand"),
    ("branding", "a tagline for the COSRX Good Morning cleanser", "a tagline for the COSRX cleanser"),
    ("branding", "a name for a good morning face mist", "a name for a face mist"),
    pytest.param(
        "market",
        "Hello Sunday SPF sales in the UK",
        "Sunday SPF sales in the UK",
        marks=pytest.mark.xfail(strict=True, reason=POLITE),
    ),
    ("market", "Skincare sales growth TY in Poland", "Skincare sales growth in Poland"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _POLITE_WORDS_WITH_CONTENT)
def test_a_polite_word_with_content_is_kept(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Hi team, could you please draft a tagline for our serum? Thanks!",
            "Draft a tagline for our serum",
        ),
        ("market", "Good morning, serum sales in Poland please. Many thanks", "serum sales in Poland"),
    ],
)
def test_politeness_is_dropped(generator, a, b):
    assert same(a, b, generator=generator)


# --- 4. words._polite_ask: "can you" before g91's cost and price ---------------------------------

CAN_YOU = (
    "words._polite_ask: aliases.ASKING_VERBS holds cost/price/size (g91), so 'can you cost X under a "
    "target?' (is it feasible) is read as the order 'cost X under a target'"
)

_CAN_YOU_MEET_A_TARGET = [
    ("costing", "Can you cost a 50 ml serum under 2 EUR a unit?", "Cost a 50 ml serum under 2 EUR a unit"),
    ("market", "Can you price a 50 ml serum at 80 EUR in Poland?", "Price a 50 ml serum at 80 EUR in Poland"),
    ("costing", "Can you size the batch at 200 kg?", "Size the batch at 200 kg"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _CAN_YOU_MEET_A_TARGET)
def test_can_you_meet_a_target_asks_whether(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("costing", "Could you cost the refill pouches at 10,000 units?", "Cost the refill pouches at 10,000 units"),
        ("costing", "Costing the refill pouches at 10,000 units", "Cost the refill pouches at 10,000 units"),
    ],
)
def test_could_you_cost_is_a_polite_request(generator, a, b):
    assert same(a, b, generator=generator)


# --- 5. aliases.SAME_WORDS: Mum the brand --------------------------------------------------------

SAME_WORD = "aliases.SAME_WORDS maps 'mum' to 'mom' also when Mum is the deodorant brand"


@pytest.mark.xfail(strict=True, reason=SAME_WORD)
def test_the_brand_mum_is_not_a_mom():
    assert not same("a tagline for Mum deodorant", "a tagline for mom deodorant", generator="branding")


def test_mum_and_mom_are_one_word():
    assert same("a body lotion for new mums", "a body lotion for new moms", generator="formulation")


# --- 6. lexicon._derived (g91): typos of "-er" nouns no longer repaired (splits) -----------------

DERIVED = (
    "lexicon._derived (g91): a typo ending in 'r'/'rs' after a known word ('thickenr' = 'thicken'+'r', "
    "'conditionerr' = 'conditioner'+'r') counts as a regular derivation and is no longer repaired"
)

_ER_TYPOS = [
    ("formulation", "a thickenr for a shampoo", "a thickener for a shampoo"),
    ("formulation", "a conditionr for curly hair", "a conditioner for curly hair"),
    ("formulation", "a highlightr stick for cheeks", "a highlighter stick for cheeks"),
    ("formulation", "a straightenr spray for frizzy hair", "a straightener spray for frizzy hair"),
    ("formulation", "a conditionerr for curly hair", "a conditioner for curly hair"),
    ("formulation", "a cleanserr for oily skin", "a cleanser for oily skin"),
    ("formulation", "a moisturiserr for dry skin", "a moisturiser for dry skin"),
]


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "a moisturzier for dry skin", "a moisturizer for dry skin"),
        ("formulation", "a serum for sensitve skin", "a serum for sensitive skin"),
    ],
)
def test_other_typos_are_still_repaired(generator, a, b):
    assert same(a, b, generator=generator)


@pytest.mark.parametrize(("generator", "a", "b"), _ER_TYPOS)
def test_an_er_typo_is_repaired(generator, a, b):
    assert same(a, b, generator=generator)
