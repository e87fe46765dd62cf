"""Review 26: the guard rules of g59 (``git diff 29fa9dd -- optimizer/cache``), attacked.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy: the plain form, and every rewrite's bucket a lookup reads). Each split
finding gives two requests that are one request and are no longer served. Each fails today:
it is marked ``xfail(strict=True)``, so it passes while the finding stands and turns red when
a fix closes it (then drop the mark). Each group also holds plain tests that pin what the
rule gets right. Grouped by cause, near-misses first, most severe first (43 findings: 35
near-misses served, 8 paraphrases split). "Regression" means kept apart (near-miss) or served
(split) at g58 (29fa9dd, the commit before g59) and no longer; "gap" means a case of the kind
the new rule set out to cover that it misses (served at g58 too).

Closed at g60 (the marks dropped): 21 of the 35 near-misses (every regression among them)
and all 8 splits; g61 one more ("a EUR 2 per bottle excise duty", by the freeze of three
trailing phrases with an amount). Open, all gaps: a retailer read as a place after a
modified plural (words._located), "the brand promotes", a plural noun compound as a subject,
an adjective before the object, "Who stocks", "does the rep", a participle
after the third word, "are growing/adding the most", four modifiers, "which were".

Near-misses served:

1. g59, canon._contact_clause (the head): a singular head counts only right after an article
   or possessive and only if the lexicon gives it no adjective sense. "serum" and "cream"
   have one, a compound head ("the gift set", "the vitamin C serum") has a modifier before
   it, and a possessive subject takes one word only ("our brand manager"): no clause, the
   phrases are sorted. g58 kept all five apart (its pronoun-and-verb rule in
   _clause_inside, its name rule without the adjective test) (regressions): 5
2. g59, canon._contact_clause (the subject): a retailer after a modified plural is read as a
   place by words._located ("the eyeshadow palettes [in] Sephora"), so the rule never sees
   it; an article and a noun ("the brand promotes"), an adverb outside _USUALLY ("we
   typically discount") and a noun compound ("beauty influencers promote") are no subject
   (gaps): 5
3. g59, rewrites._band: an amount with its unit first is a band "whatever follows", so the
   levy after it ("a 10p levy", "a $0.50/unit tariff", "a EUR 2 per bottle excise duty") is
   no circumstance and the levy's end moves into the horizon (2 regressions, 1 gap): 3
4. g59, rewrites._IN_EFFECT: "effective" is a circumstance only beside a word of _IN_EFFECT;
   an exemption or a subsidy effective until a year is a product claim now, and its end moves
   into the horizon (regressions): 2
5. g59, canon._OPTIONS: a bare "which" now makes two lettered lines with one verb options
   (sorted) unless the verb is in _MIXING; a routine ("Apply ...") or a batch record in the
   past ("Added ...") asked "which causes ..." is sorted (regressions): 2
6. g59, canon.frozen_clauses x rewrites._moves: a rewrite keeps a frozen clause's rest in
   order, but still takes the clause's own trailing phrase ("the palettes Sephora promotes
   in Canada", "the brands Boots will delist by 2026") into the region or horizon field, the
   reading the freeze exists to keep apart (gaps): 2
7. g59, canon._object_before: a verb and then its object must come right before the clause's
   subject as an article, possessive or plural; an adjective before the plural ("stock vegan
   brands Boots doesn't carry") or a verb in second place ("Who stocks ...") gives the "not"
   to the question (gaps): 2
8. g59, canon._asks_after: the subject after the question's "do"/"does"/"will" must be one
   word (a person, a name, a plural); "does the rep", "will [in] Ulta" (words._located again)
   do not count (gaps): 2
9. g59, canon._step_line with _PROCESS_TOO: the participle is looked for in a line's first
   three words only; ingredients of two or three words push it out (gap): 1
10. g59, words._ARROW_BULLETS: "one at a time" and "sequentially" are not among the headings
    that order the arrows (gaps): 2
11. g59, words._SUPERLATIVE_AFTER and _LEADING_BEFORE: one word before "the fastest/most",
    three modifiers after "leading"; "are growing the fastest", "are adding the most cost"
    and four modifiers fold the counted plural (gaps): 3
12. g59, canon._ONE_WHATEVER: "alternative" is not in the set, and three modifiers ("a recent
    double-blind trial") pass the window (gaps): 2
13. g59, canon._clause ("which are the key RCTs"): only "which are" counts; "what are" and
    "which were" fold the RCTs into one (gaps): 2
14. g59, words._EDITED_BEFORE: "revise" and "reword" are not among the edits (gaps): 2

Paraphrases split (regressions, all served at g58):

15. g59, canon._MIXING: two lettered options that open with "add" or "blend" are steps, in
    order, even when the question compares them ("which is cheaper"): 2
16. g59, canon._PROCESS_TOO: a numbered list of assumptions or changes ("Freight added at
    5%", "Labels added") is a batch record, kept in order: 2
17. g59, words._CERTIFICATIONS: after a place code only ten certification words are names of
    labels; "EU Plastic-Free label", "EU Biodegradable label" make a brand of the word: 2
18. g59, canon._clause: "Which are the side effects/key RCTs?" counts (~several) in any
    generator, "What are ...?" does not: 2

Held up against my attempts (no finding kept): canon._shared_phrase ("babies and adults over
65", "pregnant women and women over 40", "serums and toners under EUR 10", "men, and women
over 50": every reordered or comma'd pair stays apart; the only misses I found are
conservative splits of "A and B <phrase>" in another order, which predate g59). The
"with"/"no"/"of" exception of _process_participle ("with added glycerin" is no step) and
records whose participle is within three words ("Oil phase warmed", "Carbomer hydrated",
"Emulsion cooled"). "one by one", "in turn", "one after the other". _MIXING for near-misses
(two "Add"/"Heat" steps stay in order whatever the question). A levy within six words
("the 2024 disposable vape ban", "the 20% luxury tax", "80 cents per kg plastic levy"). The
"that" + name clause ("the palettes that Ulta promotes"), a name of two words after a bare
plural, pronoun subjects before a verb, after "do" a pronoun, a name or "our reps".
words._graded_adjective ("Glossier" stays a brand; "Bronzer", "Primer", "Cleaner"
capitalised mid-sentence are apart from lower case as at g58). MAX_REWRITES = 12: a nine-clause
formulation still meets its region field; I found no paraphrase cut off.

Not counted (predate g59): "the eyeshadow palettes Sephora promotes" and "... that Sephora
promotes" are split by the "in" words._located inserts (the cause of finding 2's first
case); "the leading Korean clean beauty brands in the US" freezes ("Korean" a name, "clean"
a verb), as at g58; "men and women over 50" is not "women and men over 50" (coordinated
words before a trailing phrase keep their order, as "shampoo and conditioner in Brazil").
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


ARROW = "\u2192 "


# ================================ near-misses served ================================


# -- 1. the head of a contact clause (g59, canon._contact_clause) ---------------------------
# _contact_clause takes a singular head only when an article or possessive comes right before
# it and has_adjective_sense(head) is false. The lexicon gives "serum" and "cream" an
# adjective sense; a compound head ("gift set", "vitamin C serum") has a noun before it; so
# the time or place phrase after the clause is sorted to the front: the Q4 sales of the serum
# Boots stocks are served the sales of the serum Boots stocks in Q4 (a listing), the January
# sales of the cream we discount the sales of the cream we discount in January (any month).
# A possessive subject takes one word ("our buyer"), so "our brand manager will list" is no
# clause either. g58 kept all five apart: "we"/"our" before a word with a verb sense was a
# clause inside a phrase (_clause_inside), and its name rule had no adjective test.
HEAD = "canon._contact_clause: a singular head needs an article right before it and no adjective sense"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sales of the serum Boots stocks in Q4", "Sales in Q4 of the serum Boots stocks"),
        ("Sales of the cream we discount in January", "Sales in January of the cream we discount"),
        ("Returns of the gift set we promote in December", "Returns in December of the gift set we promote"),
        ("Sales of the vitamin C serum we sell online in Q4", "Sales in Q4 of the vitamin C serum we sell online"),
        (
            "Sell-out of the SKUs our brand manager will list in Q3",
            "Sell-out in Q3 of the SKUs our brand manager will list",
        ),
    ],
    ids=["serum-named", "cream-we", "gift-set", "vitamin-c-serum", "our-brand-manager"],
)
def test_a_contact_clause_after_a_singular_head(served, a, b):
    assert not served("market", a, b)


def test_a_contact_clause_after_a_plural_head(served):
    assert not served(
        "market", "Sales of the serums we discount in January", "Sales in January of the serums we discount"
    )


def test_a_singular_head_and_that():
    assert same(
        "Sales of the serum we discount in January",
        "Sales of the serum that we discount in January",
        generator="market",
    )


# -- 2. the subject of a contact clause (g59, canon._contact_clause) ------------------------
# The subject must be a pronoun, a name, "that" + one of these, a possessive and one noun, or
# a plural after a plural. words._located writes "in" before a name that follows a content
# word ("brands Mexico" = "brands in Mexico") unless "the" is two words back: "the eyeshadow
# palettes Sephora" and "the new SKUs Tesco" become "... in Sephora", "... in Tesco", a phrase
# of their own, and the clause is never seen (the brief's own "Charlotte Tilbury" example
# fails the same way once the palettes have a modifier). An article and a noun ("the brand
# promotes"), an adverb outside _USUALLY ("we typically discount") and a plural compound
# ("beauty influencers promote") are no subject. The Black Friday sales of the palettes
# Sephora promotes are served the sales of the palettes Sephora promotes on Black Friday.
SUBJECT = "canon._contact_clause misses the clause's subject"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Sales of the eyeshadow palettes Sephora promotes during Black Friday",
            "Sales during Black Friday of the eyeshadow palettes Sephora promotes",
            id="located-retailer",
            marks=xfail(SUBJECT),
        ),
        pytest.param(
            "Sell-out of the new SKUs Tesco will list for Christmas",
            "Sell-out for Christmas of the new SKUs Tesco will list",
            id="located-modal",
            marks=xfail(SUBJECT),
        ),
        pytest.param(
            "Returns of the palettes the brand promotes in December",
            "Returns in December of the palettes the brand promotes",
            id="article-noun",
            marks=xfail(SUBJECT),
        ),
        pytest.param(
            "Sell-through of the shades we typically discount in January",
            "Sell-through in January of the shades we typically discount",
            id="typically",
        ),
        pytest.param(
            "Returns of the palettes beauty influencers promote in December",
            "Returns in December of the palettes beauty influencers promote",
            id="noun-compound",
            marks=xfail(SUBJECT),
        ),
    ],
)
def test_a_contact_clause_the_rule_misses(served, a, b):
    assert not served("market", a, b)


def test_a_contact_clause_with_usually(served):
    assert not served(
        "market",
        "Sell-through of the shades we usually discount in January",
        "Sell-through in January of the shades we usually discount",
    )


def test_usually_and_that():
    assert same(
        "Sell-through of the shades we usually discount in January",
        "Sell-through of the shades that we usually discount in January",
        generator="market",
    )


# -- 3. an amount first makes a band whatever follows (g59, rewrites._band) -----------------------
# rewrites._band (g59) returns a band for "an amount with its unit or a currency first",
# before it looks for a levy, so "under a 10p levy" (a pence amount) and "under a $0.50/unit
# tariff" are bands, no circumstance, and their end date ("until 2027") moves into the
# horizon field: a forecast under a levy that ends in 2027 is served the forecast to 2027
# under the levy. g58 kept those two apart; "EUR 2 per bottle excise duty" was served then too.
BAND = "rewrites._band: an amount first makes a band even before a levy"
BANDS = [
    pytest.param(
        "Forecast sales of plastic-packed wet wipes under a 10p levy",
        {"category": "personal care", "region": "UK"},
        id="10p-levy",
    ),
    pytest.param(
        "Forecast sales of Chinese nail polish under a $0.50/unit tariff",
        {"category": "nail care", "region": "USA"},
        id="per-unit-tariff",
    ),
    pytest.param(
        "Forecast sales of imported perfume under a EUR 2 per bottle excise duty",
        {"category": "fragrance", "region": "Norway"},
        id="excise-duty",
    ),
]


@pytest.mark.parametrize(("query", "context"), BANDS)
def test_a_levy_after_an_amount(served, query, context):
    a = {"query": f"{query} until 2027", "context": context}
    b = {"query": query, "context": {**context, "horizon": "2027"}}
    assert not served("market", a, b)


def test_a_size_band_moves_the_horizon(served):
    spain = {"category": "fragrance", "region": "Spain"}
    a = {"query": "Forecast sales of travel-size perfume under 30 ml until 2027", "context": spain}
    b = {"query": "Forecast sales of travel-size perfume under 30 ml", "context": {**spain, "horizon": "2027"}}
    assert served("market", a, b)


# -- 4. "effective" only beside a word of _IN_EFFECT (g59, rewrites._IN_EFFECT) ----------------------
# rewrites._circumstance (g59) reads "effective" as a claim unless the clause holds a word of
# _IN_EFFECT (tariff, duty, tax, rule, law...). An exemption or a subsidy "effective until
# 2027" is a state in force as plainly; the end date moves into the horizon, and the forecast
# that has to model the exemption's end is served the forecast to 2027. g58 kept both apart.
IN_EFFECT = "rewrites._IN_EFFECT lacks 'exemption' and 'subsidy'"


@pytest.mark.parametrize(
    ("query", "context"),
    [
        (
            "Forecast imports of Korean sunscreen with the temporary exemption effective",
            {"category": "suncare", "region": "EU"},
        ),
        (
            "Forecast sales of refill pouches with the recycling subsidy effective",
            {"category": "personal care", "region": "France"},
        ),
    ],
    ids=["exemption", "subsidy"],
)
def test_a_state_in_force_read_as_a_claim(served, query, context):
    a = {"query": f"{query} until 2027", "context": context}
    b = {"query": query, "context": {**context, "horizon": "2027"}}
    assert not served("market", a, b)


def test_a_subsidy_in_place(served):
    france = {"category": "personal care", "region": "France"}
    query = "Forecast sales of refill pouches with the recycling subsidy in place"
    assert not served(
        "market",
        {"query": f"{query} until 2027", "context": france},
        {"query": query, "context": {**france, "horizon": "2027"}},
    )


def test_an_effective_product_moves_the_horizon(served):
    india = {"category": "haircare", "region": "India"}
    query = "Forecast demand for effective anti-dandruff shampoo"
    assert served(
        "market",
        {"query": f"{query} until 2027", "context": india},
        {"query": query, "context": {**india, "horizon": "2027"}},
    )


# -- 5. a bare "which" compares (g59, canon._OPTIONS) ---------------------------------------------
# canon._OPTIONS (g59) holds a bare "which", so two lettered lines that open with one verb
# are options (sorted) whenever the question says "which", unless the verb is in _MIXING
# (add, heat, mix... in the present). A skincare routine ("Apply ...") and a batch record in
# the past ("Added ...") ask "which ... causes" about their order: the retinol applied before
# the moisturiser (the sting) is served the buffered order; the carbomer added before the
# neutraliser, the other way round. g58 read "which" only before is/one/option/of/way.
OPTIONS = "canon._OPTIONS: a bare 'which' makes two lettered steps options unless the verb is in _MIXING"
_TWO = "a) {}\nb) {}\n{}"


@pytest.mark.parametrize(
    ("first", "second", "question"),
    [
        ("Apply the retinol serum", "Apply the moisturiser", "Which causes the stinging?"),
        ("Added the carbomer", "Added the triethanolamine", "Which step caused the lumps?"),
    ],
    ids=["routine", "past-record"],
)
def test_two_lettered_steps_and_which(served, first, second, question):
    assert not served("formulation", _TWO.format(first, second, question), _TWO.format(second, first, question))


def test_two_mixing_steps_and_which(served):
    question = "Which causes the lumps?"
    assert not served(
        "formulation",
        _TWO.format("Add the carbomer", "Add the triethanolamine", question),
        _TWO.format("Add the triethanolamine", "Add the carbomer", question),
    )


def test_two_options_and_which_would_you_recommend(served):
    question = "Which would you recommend at 20,000 units?"
    assert served(
        "costing",
        _TWO.format("Fill in-house", "Fill at a co-packer", question),
        _TWO.format("Fill at a co-packer", "Fill in-house", question),
    )


# -- 6. a move takes a frozen clause's own phrase (g59, canon.frozen_clauses x rewrites) -------------
# rewrites._reformed (g59) keeps the rest of a frozen clause in order after a move, but the
# move itself still takes the clause's trailing phrase: "in Canada" after "the palettes
# Sephora promotes" moves into the region field, "by 2026" after "the brands Boots will
# delist" into the horizon. The guard keeps "Sales of the palettes Sephora promotes in Canada"
# apart from "Sales in Canada of the palettes Sephora promotes" (the freeze), yet serves both
# the request with region Canada: the sales of the palettes promoted in Canada (anywhere)
# meet the Canadian sales of the palettes Sephora promotes; the current share of the brands
# to be delisted by 2026, the share outlook to 2026.
FROZEN = "rewrites._moves takes a frozen clause's trailing phrase into a field"


@pytest.mark.parametrize(
    ("query", "context", "field", "value", "rest"),
    [
        (
            "Sales of the palettes Sephora promotes in Canada",
            {"category": "makeup"},
            "region",
            "Canada",
            "Sales of the palettes Sephora promotes",
        ),
        (
            "Market share of the brands Boots will delist by 2026",
            {"category": "skincare"},
            "horizon",
            "2026",
            "Market share of the brands Boots will delist",
        ),
    ],
    ids=["region", "horizon"],
)
def test_a_frozen_clauses_phrase_moves(served, query, context, field, value, rest):
    assert not served(
        "market", {"query": query, "context": context}, {"query": rest, "context": {**context, field: value}}
    )


def test_the_freeze_as_written(served):
    makeup = {"category": "makeup"}
    assert not served(
        "market",
        {"query": "Sales of the palettes Sephora promotes in Canada", "context": makeup},
        {"query": "Sales in Canada of the palettes Sephora promotes", "context": makeup},
    )


def test_a_region_before_the_frozen_clause_moves(served):
    makeup = {"category": "makeup"}
    assert served(
        "market",
        {"query": "Sales in Canada of the palettes Sephora promotes", "context": makeup},
        {"query": "Sales of the palettes Sephora promotes", "context": {**makeup, "region": "Canada"}},
    )


# -- 7. a verb and its object before the clause's subject (g59, canon._object_before) ---------------
# canon._object_before (g59) keeps a clause's "not" when some word at index 2 or later has a
# verb sense and the next word is an article, a possessive or a plural. "stock vegan brands"
# (an adjective after the verb) and "Who stocks brands" (the verb in second place) meet
# neither: the "not" is the question's, and the pharmacies that fill the gaps in Boots' vegan
# range are served the pharmacies that stock none of Boots' vegan brands.
OBJECT_BEFORE = "canon._object_before: an adjective after the verb, or the verb second, hides the object"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Which pharmacies stock vegan brands Boots doesn't carry?",
            "Which pharmacies don't stock vegan brands Boots carries?",
        ),
        ("Who stocks brands Boots doesn't carry?", "Who doesn't stock brands Boots carries?"),
    ],
    ids=["adjective-object", "who-verb"],
)
@xfail(OBJECT_BEFORE)
def test_a_clauses_not_after_an_object_the_rule_misses(served, a, b):
    assert not served("market", a, b)


def test_a_clauses_not_after_a_bare_plural(served):
    assert not served(
        "market",
        "Which pharmacies stock brands Boots doesn't carry?",
        "Which pharmacies don't stock brands Boots carries?",
    )


def test_the_clauses_not_spelled_out():
    assert same(
        "Which pharmacies stock vegan brands Boots doesn't carry?",
        "Which pharmacies stock vegan brands Boots does not carry?",
        generator="market",
    )


# -- 8. the question's own subject after "do" (g59, canon._asks_after) -----------------------------
# canon._asks_after (g59) looks at the one word after "do"/"does"/"will": a person, a name or
# a plural. "does the rep" has "the" there, and "will Ulta" has "in" (words._located writes
# "in" before a name after a content word: "will [in] Ulta"): the adjective's or the clause's "not"
# goes to the question, and the pharmacies closed on Sundays the rep visits are served the
# open ones the rep does not visit; the brands missing at Sephora that Ulta will list, the
# Sephora brands Ulta will not list.
ASKS_AFTER = "canon._asks_after wants one word (person, name, plural) after the question's auxiliary"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Which pharmacies not open on Sundays does the rep visit?",
            "Which pharmacies open on Sundays does the rep not visit?",
        ),
        ("Which brands Sephora doesn't stock will Ulta list?", "Which brands Sephora stocks will Ulta not list?"),
    ],
    ids=["article-subject", "located-name"],
)
@xfail(ASKS_AFTER)
def test_a_not_before_a_subject_the_rule_misses(served, a, b):
    assert not served("market", a, b)


def test_a_not_before_a_named_subject(served):
    assert not served(
        "market",
        "Which SKUs Boots doesn't stock does Superdrug carry?",
        "Which SKUs Boots stocks does Superdrug not carry?",
    )


def test_the_question_with_a_plural():
    assert same(
        "Which pharmacies not open on Sundays does the rep visit?",
        "Which pharmacies not open on Sunday does the rep visit?",
        generator="market",
    )


# -- 9. a participle past the third word (g59, canon._step_line) -----------------------------------
# canon._step_line reads a numbered line's first three words; g59's _PROCESS_TOO ("heated",
# "added") makes a participle among them a step. A record whose ingredients take two or three
# words ("Cetyl alcohol and beeswax heated", "Aloe vera juice added") has none of its
# participles in the window: not a process, sorted, and the water phase added before the
# oil phase is heated is served the right order.
WINDOW = "canon._step_line looks for the participle in the first three words only"
_BATCH = "{}:\n1. {}\n2. {}\n3. {}\n{}"


@xfail(WINDOW)
def test_a_record_of_long_ingredient_names(served):
    lines = ("Cetyl alcohol and beeswax heated", "Aloe vera juice added", "Vitamin E oil added")
    assert not served(
        "formulation",
        _BATCH.format("Lotion batch", lines[0], lines[1], lines[2], "Why does it split?"),
        _BATCH.format("Lotion batch", lines[1], lines[0], lines[2], "Why does it split?"),
    )


def test_a_record_of_short_ingredient_names(served):
    assert not served(
        "formulation",
        _BATCH.format(
            "Lotion batch", "Oil phase warmed", "Water phase added", "Preservative added", "Why does it split?"
        ),
        _BATCH.format(
            "Lotion batch", "Water phase added", "Oil phase warmed", "Preservative added", "Why does it split?"
        ),
    )


def test_a_record_in_another_numbering():
    record = _BATCH.format(
        "Lotion batch", "Cetyl alcohol and beeswax heated", "Aloe vera juice added", "Vitamin E oil added", "Why?"
    )
    assert same(record, record.replace("1. ", "1) ").replace("2. ", "2) ").replace("3. ", "3) "))


# -- 10. headings that order arrows (g59, words._ARROW_BULLETS) -------------------------------------
# words._ARROW_BULLETS (g59) added "one by one", "one after (the) other", "in turn",
# "successively", "consecutively" to the headings that make arrowed lines an order. "one at
# a time" and "sequentially" say it as plainly: the arrows are bullets, sorted, and the
# preservative added before the fragrance is served the fragrance first.
ARROWS = "words._ARROW_BULLETS lacks 'one at a time' and 'sequentially'"
_LINES = [f"{ARROW}preservative", f"{ARROW}fragrance", f"{ARROW}citric acid to pH 5.5"]


@pytest.mark.parametrize(
    "head",
    [
        pytest.param("Cool-down phase, added one at a time:", id="one-at-a-time"),
        pytest.param("Cool-down phase, added sequentially:", id="sequentially"),
        pytest.param("Below 40 C, one by one:", id="one-by-one"),
    ],
)
def test_arrows_under_a_heading_that_orders_them(served, head):
    question = "Why does the lotion thin out?"
    assert not served(
        "formulation",
        "\n".join([head, *_LINES, question]),
        "\n".join([head, _LINES[1], _LINES[0], _LINES[2], question]),
    )


def test_arrows_typed_another_way():
    head, question = "Cool-down phase, added one at a time:", "Why does the lotion thin out?"
    assert same(
        "\n".join([head, *_LINES, question]),
        "\n".join([head, *(line.replace(ARROW, "-> ") for line in _LINES), question]),
    )


# -- 11. a counted plural just outside the g59 windows (words._SUPERLATIVE_AFTER, _LEADING_BEFORE) ---
# words._SUPERLATIVE_AFTER (g59) keeps a plural before any one word and "the fastest/most";
# _LEADING_BEFORE allows three modifiers after "leading". A verb of two words ("are growing
# the fastest", "are adding the most") and four modifiers ("leading Japanese premium hair
# care brands") fold the plural: the one fastest-growing brand is served the list.
COUNTED = "words._number_is_asked folds a plural just outside its g59 windows"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "Which brands are growing the fastest in Brazil?", "Which brand is growing the fastest in Brazil?"),
        ("costing", "Which ingredients are adding the most cost?", "Which ingredient is adding the most cost?"),
        (
            "market",
            "Market share of the leading Japanese premium hair care brands in Brazil",
            "Market share of the leading Japanese premium hair care brand in Brazil",
        ),
    ],
    ids=["are-growing", "are-adding", "four-modifiers"],
)
@xfail(COUNTED)
def test_a_counted_plural_outside_the_window(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_plural_before_have_grown_the_fastest(served):
    assert not served(
        "market", "Which brands have grown the fastest in Brazil?", "Which brand has grown the fastest in Brazil?"
    )


def test_the_fastest_without_the():
    assert same(
        "Which brands are growing the fastest in Brazil?",
        "Which brands are growing fastest in Brazil?",
        generator="market",
    )


# -- 12. one thing after "a" and its modifiers (g59, canon._ONE_WHATEVER) -----------------------------
# canon._ONE_WHATEVER (g59) counts "a" before one or two modifiers and a fix, cause, study,
# trial... "alternative" is not in the set (and "cheaper" is no _COUNT_MODIFIERS word), and a
# third modifier ("recent double-blind": three words) passes the window: one cheaper
# alternative to squalane is served a list; one recent double-blind trial, several.
ONE = "canon._ONE_WHATEVER: 'alternative' missing, two modifiers at most"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Suggest a cheaper alternative to squalane in our face oil",
            "Suggest cheaper alternatives to squalane in our face oil",
        ),
        (
            "scientific",
            "Cite a recent double-blind trial of bakuchiol for wrinkles",
            "Cite recent double-blind trials of bakuchiol for wrinkles",
        ),
    ],
    ids=["cheaper-alternative", "three-modifiers"],
)
def test_one_thing_after_a_and_modifiers(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_quick_fix_is_one(served):
    assert not served(
        "formulation", "Give me a quick fix for lipstick feathering", "Give me quick fixes for lipstick feathering"
    )


def test_a_quick_fix_is_one_quick_fix():
    assert same(
        "Give me a quick fix for lipstick feathering",
        "Give me one quick fix for lipstick feathering",
        generator="formulation",
    )


# -- 13. "which are the key RCTs" and its other wordings (g59, canon._clause) --------------------------
# canon._clause (g59) counts "which are" + a counted noun in any generator (~several). "What
# are the landmark RCTs" (the usual wording) and "Which were the key RCTs" (a tense) are not
# counted, and RCTs, an acronym, get no plural mark: one landmark RCT is served the landmark
# RCTs.
RCTS = "canon._clause counts only 'which are' + a counted noun"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "What are the landmark RCTs on bakuchiol for wrinkles?",
            "What is the landmark RCT on bakuchiol for wrinkles?",
            id="what-are",
        ),
        pytest.param(
            "Which were the key RCTs on bakuchiol for wrinkles?",
            "Which was the key RCT on bakuchiol for wrinkles?",
            id="which-were",
            marks=xfail(RCTS + ": 'was' and 'were' are one tense token, so the number of 'which were' is not read"),
        ),
    ],
)
def test_the_rcts_asked_another_way(served, a, b):
    assert not served("scientific", a, b)


def test_which_are_the_landmark_rcts(served):
    assert not served(
        "scientific", "Which are the landmark RCTs on bakuchiol?", "Which is the landmark RCT on bakuchiol?"
    )


def test_which_are_the_landmark_rcts_politely():
    assert same(
        "Which are the landmark RCTs on bakuchiol?",
        "Which are the landmark RCTs on bakuchiol, please?",
        generator="scientific",
    )


# -- 14. an edited text, counted (g59, words._EDITED_BEFORE) -----------------------------------------
# words._EDITED_BEFORE (g59) keeps the plural after "rewrite/edit/shorten/... the": editing
# the taglines is editing all of them. "revise" and "reword" are edits as plainly: revising
# the one tagline is served revising the set.
EDITED = "words._EDITED_BEFORE lacks 'revise' and 'reword'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Revise the taglines for our vitamin C serum", "Revise the tagline for our vitamin C serum"),
        ("Reword the taglines for our vitamin C serum", "Reword the tagline for our vitamin C serum"),
    ],
    ids=["revise", "reword"],
)
def test_an_edit_the_rule_misses(served, a, b):
    assert not served("branding", a, b)


def test_rewrite_the_taglines(served):
    assert not served("branding", "Rewrite the taglines for our serum", "Rewrite the tagline for our serum")


def test_revise_the_taglines_politely():
    assert same(
        "Reword the taglines for our vitamin C serum",
        "Could you reword the taglines for our vitamin C serum?",
        generator="branding",
    )


# ================================ paraphrases split ================================
SPLIT = "a g59 rule splits a true paraphrase"


# -- 15. two mixing options are steps (g59, canon._MIXING) ---------------------------------------------
# canon._numbered_steps (g59) never reads two lettered lines that open with a verb of _MIXING
# as options. "Add 0.5% xanthan gum / Add 1% carbomer: which is cheaper?" and "Blend in-house
# / Blend at a co-packer" are two options to compare, in either order; now they are steps in
# order. g58 served both.
@pytest.mark.parametrize(
    ("generator", "first", "second", "question"),
    [
        ("costing", "Add 0.5% xanthan gum", "Add 1% carbomer", "Which is cheaper per batch?"),
        ("costing", "Blend in-house", "Blend at a co-packer", "Which is cheaper for 20,000 units?"),
    ],
    ids=["add-thickeners", "blend-where"],
)
@xfail(
    "split again on purpose at g63: two lettered lines that open with a verb of mixing are steps"
    " whatever the question, since review27 found 'is this the best order?' served the swap"
)
def test_two_mixing_options(served, generator, first, second, question):
    assert served(generator, _TWO.format(first, second, question), _TWO.format(second, first, question))


def test_two_packing_options(served):
    question = "Which is cheaper at 5,000 units?"
    assert served(
        "costing",
        _TWO.format("Pack in cartons", "Pack in shrink wrap", question),
        _TWO.format("Pack in shrink wrap", "Pack in cartons", question),
    )


# -- 16. "added" in a list that is no process (g59, canon._PROCESS_TOO) -----------------------------------
# canon._step_line (g59) takes "added", "adjusted" (_PROCESS_TOO) as a step with no condition.
# A costing's numbered assumptions ("Freight added at 5%", "Duty added at 6.5%") or the
# changes since the last quote ("Labels added", "Shrink wrap added") are lists, not a batch:
# now they are steps, in order, and the same list in another order is another request.
# g58 served both.
@pytest.mark.parametrize(
    ("head", "first", "second", "third", "question"),
    [
        (
            "Assumptions",
            "Freight added at 5%",
            "Duty added at 6.5%",
            "Prices in EUR",
            "What is the landed cost per unit?",
        ),
        (
            "Changes since last quote",
            "Labels added",
            "Shrink wrap added",
            "Carton changed",
            "What is the new cost per unit?",
        ),
    ],
    ids=["assumptions", "changes"],
)
def test_a_list_with_added(served, head, first, second, third, question):
    assert served(
        "costing",
        _BATCH.format(head, first, second, third, question),
        _BATCH.format(head, second, first, third, question),
    )


def test_a_list_of_assumptions():
    question = "What is the landed cost per unit?"
    assert same(
        _BATCH.format("Assumptions", "Freight at 5%", "Duty at 6.5%", "Prices in EUR", question),
        _BATCH.format("Assumptions", "Duty at 6.5%", "Freight at 5%", "Prices in EUR", question),
        generator="costing",
    )


# -- 17. a label's name after a place code (g59, words._CERTIFICATIONS) ------------------------------------
# words._after_a_capital (g59) takes a capitalised word after a place code and before
# "label"/"certification" for a label's name only if it is one of ten _CERTIFICATIONS words;
# "Plastic-Free" and "Biodegradable" become brands, and the label written in capitals no
# longer meets it written in lower case. g58 served both.
@pytest.mark.parametrize("label", ["Plastic-Free", "Biodegradable"])
def test_a_label_name_in_capitals(served, label):
    assert served(
        "formulation",
        f"Can we use the EU {label} label on our wet wipes?",
        f"Can we use the EU {label.lower()} label on our wet wipes?",
    )


def test_an_organic_label_in_capitals():
    assert same(
        "Can we use the EU Organic label on our wet wipes?",
        "Can we use the EU organic label on our wet wipes?",
    )


# -- 18. "which are" counted, "what are" not (g59, canon._clause) --------------------------------------------
# canon._clause (g59) marks "Which are the key RCTs?" ~several in any generator when a word
# of _COUNTED_NOUNS follows; "What are the key RCTs?" is not marked, and neither is "What are
# the side effects?" (the code's own example of a question that asks for them all), yet
# "Which are the side effects?" now is (_COUNTED_NOUNS holds "effect"). g58 served both.
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Which are the side effects of bakuchiol?", "What are the side effects of bakuchiol?"),
        ("Which are the key RCTs on bakuchiol?", "What are the key RCTs on bakuchiol?"),
    ],
    ids=["side-effects", "key-rcts"],
)
def test_which_are_and_what_are(served, a, b):
    assert served("scientific", a, b)


def test_which_are_and_what_are_the_key_studies(served):
    assert served(
        "scientific",
        "Which are the key studies on bakuchiol stability?",
        "What are the key studies on bakuchiol stability?",
    )
