"""Review 27: the guard rules of g60 to g62 (``git diff 406e174 -- optimizer/cache``), attacked.

Closed at g63 (the marks dropped): group 1's 7 near-misses (two lettered lines that open
with a verb of mixing or of a routine are steps whatever the question, steps._MIXING, as
before g60) and both split groups (10: "faster", "shorter lead time" compare; 11: a
checklist of check/measure/test lines is a set). Closed at g71: the three of
test_one_past_a_hyphenated_modifier ("a" after suggest/recommend counts one, canon._SUGGESTING;
a supplier's number is kept, as every business's). The rest are open, all gaps.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy). Each split finding gives two requests that are one request and are no
longer served. Each fails today: it is marked ``xfail(strict=True)``, so it passes while the
finding stands and turns red when a fix closes it (then drop the mark). Each group also holds
plain tests that pin what the rule gets right. Grouped by cause, near-misses first, most
severe first (38 findings: 34 near-misses served, 4 paraphrases split). "Regression" means
kept apart (near-miss) or served (split) at 406e174 (the commit before g60) and no longer;
"gap" means a case of the kind the new rule set out to cover that it misses (served at
406e174 too).

Near-misses served:

1. g60, steps._STRONG_OPTIONS: two lettered lines that open with one step verb are options
   (sorted) when the text holds "better", "best", "makes sense", "cheaper" or "choose"; a
   question about the steps' own order ("Is this the best order?", "Would it be better to
   swap them?") says so as often. "a) Add X / b) Add Y" and "a) Heat ... / b) Heat ..." in
   the other order are served; 406e174 kept them apart (_MIXING) (regressions): 5; a
   routine ("a) Apply ... / b) Apply ...: which is better / what do you recommend") (gaps): 2
2. g60, canon._contact_clause (_USUALLY and _verbal): an adverb between the subject and its
   verb must be one of _USUALLY's seventeen; "we heavily / occasionally / aggressively /
   no longer discount" is no clause, and the time phrase after it is sorted to the front; a
   verb the lexicon lacks ("Boots delisted", "relaunched", "upweighted") is no verb either.
   The same misses let rewrites._moves take the clause's own "in Canada" into the region
   field (gaps): 9
3. g60, steps.step_lines: three lines or more that are surely steps, and half of the lines;
   a paste with a header and a few question lines, two steps only, or a batch record whose
   "added" lines count only as _STEP_MAYBE (never in step_lines) or whose participle is past
   the third word is sorted (gaps): 4
4. g60, rewrites._band: a levy counts only within five words of the amount; "EUR 2 per litre
   of pure alcohol excise duty", "USD 0.30 per unit Section 301 tariff" are bands, and a
   qualifier first ("USD 1 per kg gross weight tariff", _QUALIFIERS) makes any levy a band:
   the levy's end moves into the horizon (gaps): 3
5. g61, canon._noun_phrase and _ATTACHING_RUN: the order is kept only from three trailing
   phrases on; "Reply to the review with photos" (two) is served "Reply with photos to the
   review", and so is "... to the comment under the post with a discount code" ("under" is
   no phrase head there, so the run is two) (gaps): 2
6. g60, canon._bound_modifiers: only a second thing opened by "a/an/the" binds the modifier;
   "night cream and eye cream, fragrance-free, with peptides" written bare is served the
   other binding (gaps): 2
7. g60, canon single_ask: only "what/which is" marks one; "What was the key RCT" / "What
   were the key RCTs" (and "which was/were") fold into one (gaps): 2
8. g62, canon._SEQUENCE "ladder": only the word "ladder" keeps tiers in order; "price tiers,
   entry to premium: Basic, Plus, Pro" is served the tiers reversed (which name is the entry
   tier) (gaps): 2
9. g60, canon._ONE_WHATEVER and its window: a "-free" modifier becomes "without~X", which
   the window does not pass ("a cheaper silicone-free alternative", "a palm-free emulsifier
   option"), and "EU-based" is two words, pushing "supplier" past three ("a reliable
   EU-based glycerin supplier"): all are served the plurals (gaps): 3

Paraphrases split (regressions, all served at 406e174):

10. g60, steps._STRONG_OPTIONS: two lettered "Fill ..." options compared by a bare "which"
    ("Which has the shorter lead time?", "Which is faster?") are steps now, kept in order: 2
11. g60, steps.step_lines: a QC or release checklist of three "Check / Measure / Test"
    lines is a process now, kept in order: 2

Held up against my attempts (no finding kept): the g60 head rule of _contact_clause for
singular heads after "the" up to three words back ("the gift set", "the lipstick shade
Charlotte Tilbury launched", "our key account manager"); _BEFORE_A_NAME ("the new serum we
discount"); the possessive subject's noun first; _bound_modifiers with articles (fragrance
free, unscented, vegan, "without sulfates", "plus"/"or"); frozen_clauses x rewrites._moves
for a pronoun, a name, "which" and "with the" (region, horizon, audience, currency, batch);
the g61 freeze with "without", "featuring", amounts after "over/above/under"; single_ask
with "what's", "which one is", and heads past the fifth word (kept apart by other rules);
_STRONG_OPTIONS with "which step causes"; _band with a levy inside the window (tariff, EPR
fee, anti-dumping duty); _ONE_WHATEVER "a recent EU glycerin supplier quote" (served at
406e174, apart now); words._CERTIFICATIONS ("EU Reef-Safe", "UK Carbon Trust" fold case as
they should); words._HOW_MANY_BEFORE (no realistic near-miss found).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ================================ near-misses served ================================


# -- 1. two lettered step lines read as options (g60, steps._STRONG_OPTIONS) -------------------
# numbered_steps: two lettered lines opening with one step verb are options (sorted) when
# _STRONG_OPTIONS matches anywhere in the text. "best", "better", "makes sense", "cheaper",
# "choose" are as often about the order of the two steps as about a choice between them: the
# carbomer before the TEA is served the TEA before the carbomer. At 406e174 _MIXING kept "Add"
# and "Heat" lines steps whatever the question.
OPTIONS = "steps._STRONG_OPTIONS: a question about the steps' order makes two step lines options"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "a) Add the carbomer to the water\nb) Add the TEA\nIs this the best order to avoid lumps?",
            "a) Add the TEA\nb) Add the carbomer to the water\nIs this the best order to avoid lumps?",
            id="best-order",
        ),
        pytest.param(
            "a) Add the preservative at 40C\nb) Add the fragrance\nWould it be better to swap them?",
            "a) Add the fragrance\nb) Add the preservative at 40C\nWould it be better to swap them?",
            id="better-swap",
        ),
        pytest.param(
            "a) Add the citric acid\nb) Add the sodium benzoate\nDoes this make sense for pH 4.5?",
            "a) Add the sodium benzoate\nb) Add the citric acid\nDoes this make sense for pH 4.5?",
            id="make-sense",
        ),
        pytest.param(
            "a) Add the salt\nb) Add the surfactant\nis this cheaper than premixing?",
            "a) Add the surfactant\nb) Add the salt\nis this cheaper than premixing?",
            id="cheaper-than-premixing",
        ),
        pytest.param(
            "a) Heat the oils to 75C\nb) Heat the water phase to 75C\nShould we choose a cold process instead?",
            "a) Heat the water phase to 75C\nb) Heat the oils to 75C\nShould we choose a cold process instead?",
            id="choose",
        ),
        pytest.param(
            "a) Apply the vitamin C serum\nb) Apply the sunscreen\nWhich is better for the morning routine?",
            "a) Apply the sunscreen\nb) Apply the vitamin C serum\nWhich is better for the morning routine?",
            id="routine-better-gap",
        ),
        pytest.param(
            "a) Apply the retinol serum\nb) Apply the moisturiser\nWhat do you recommend for sensitive skin?",
            "a) Apply the moisturiser\nb) Apply the retinol serum\nWhat do you recommend for sensitive skin?",
            id="routine-recommend-gap",
        ),
    ],
)
def test_two_step_lines_read_as_options(served, a, b):
    assert not served("formulation", a, b)


def test_two_step_lines_asked_which_causes(served):
    assert not served(
        "formulation",
        "a) Add the salt\nb) Add the surfactant\nWhich step causes the viscosity drop?",
        "a) Add the surfactant\nb) Add the salt\nWhich step causes the viscosity drop?",
    )


def test_two_options_asked_which_is_cheaper():
    assert same(
        "a) Fill in-house\nb) Fill at a co-packer\nWhich is cheaper?",
        "a) Fill at a co-packer\nb) Fill in-house\nWhich is cheaper?",
        generator="costing",
    )


# -- 2. a contact clause the rule misses (g60, canon._contact_clause, _USUALLY, _verbal) --------
# Between the subject and its verb only the words of _USUALLY may stand; any other adverb
# ("heavily", "occasionally", "aggressively", "no longer") ends the clause, and the month after
# it is sorted to the front: the December returns of the serum we heavily discount are served
# the returns of the serum we heavily discount in December. A verb the lexicon does not know
# ("delisted", "relaunched", "upweighted") is no verb either. The same misses give the
# clause's own "in Canada" to the region field (rewrites._moves sees no mark).
CLAUSE = "canon._contact_clause: an adverb outside _USUALLY or a verb the lexicon lacks ends the clause"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Returns of the palettes we heavily discount in December",
            "Returns in December of the palettes we heavily discount",
            id="heavily",
        ),
        pytest.param(
            "Returns of the serum we occasionally discount in December",
            "Returns in December of the serum we occasionally discount",
            id="occasionally",
        ),
        pytest.param(
            "Returns of the serum we aggressively discount in December",
            "Returns in December of the serum we aggressively discount",
            id="aggressively",
        ),
        pytest.param(
            "Sell-through of the shades we no longer discount in January",
            "Sell-through in January of the shades we no longer discount",
            id="no-longer",
        ),
        pytest.param(
            "Sales of the serum Boots delisted in Q4", "Sales in Q4 of the serum Boots delisted", id="delisted"
        ),
        pytest.param(
            "Sales of the serum Boots relaunched in Q4", "Sales in Q4 of the serum Boots relaunched", id="relaunched"
        ),
        pytest.param(
            "Sales of the serum Boots upweighted in Q4", "Sales in Q4 of the serum Boots upweighted", id="upweighted"
        ),
    ],
)
@xfail(CLAUSE)
def test_a_contact_clause_the_rule_misses(served, a, b):
    assert not served("market", a, b)


@pytest.mark.parametrize(
    ("query", "rest"),
    [
        pytest.param(
            "Sales of the palettes Sephora delisted in Canada", "Sales of the palettes Sephora delisted", id="delisted"
        ),
        pytest.param(
            "Sales of the serums we heavily discount in Canada", "Sales of the serums we heavily discount", id="heavily"
        ),
    ],
)
@xfail(CLAUSE + " (and rewrites._moves takes its region)")
def test_a_missed_clause_gives_its_region(served, query, rest):
    a = {"query": query, "context": {"category": "makeup"}}
    b = {"query": rest, "context": {"category": "makeup", "region": "Canada"}}
    assert not served("market", a, b)


def test_a_contact_clause_with_usually(served):
    assert not served(
        "market",
        "Returns of the serum we usually discount in December",
        "Returns in December of the serum we usually discount",
    )


def test_a_contact_clause_after_a_compound_head(served):
    assert not served(
        "market",
        "Returns of the lipstick shade Charlotte Tilbury launched in December",
        "Returns in December of the lipstick shade Charlotte Tilbury launched",
    )


def test_a_frozen_clause_keeps_its_region(served):
    a = {"query": "Sales of the palettes Sephora promotes in Canada", "context": {"category": "makeup"}}
    b = {"query": "Sales of the palettes Sephora promotes", "context": {"category": "makeup", "region": "Canada"}}
    assert not served("market", a, b)


def test_a_contact_clause_and_that():
    assert same(
        "Returns of the serum we usually discount in December",
        "Returns of the serum that we usually discount in December",
        generator="market",
    )


# -- 3. a process one step a line, under the threshold (g60, steps.step_lines) -----------------
# step_lines needs three lines that are surely steps (_STEP_SURE) and half of all lines. A
# paste with a header and a few question lines, two steps, a record whose "Oils added" counts
# as _STEP_MAYBE (step_lines never counts those, numbered_steps does beside a sure line), or
# whose participle stands past the third word ("Water and glycerin heated") is sorted: the
# oils added before the melted shea are served the other order.
STEP_LINES = "steps.step_lines: three sure lines and half of the text, _STEP_MAYBE never counted"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Body butter, 5 kg batch, shea based.\nMelt the shea butter\nAdd the oils\nCool to 40C\n"
            "It turns grainy after a week.\nWhy?\nHow do we fix it?\nWe sell it in the UK.",
            "Body butter, 5 kg batch, shea based.\nAdd the oils\nMelt the shea butter\nCool to 40C\n"
            "It turns grainy after a week.\nWhy?\nHow do we fix it?\nWe sell it in the UK.",
            id="diluted",
        ),
        pytest.param(
            "Heat the water to 75C\nAdd the emulsifier\nWhy does the cream split?",
            "Add the emulsifier\nHeat the water to 75C\nWhy does the cream split?",
            id="two-lines",
        ),
        pytest.param(
            "Body butter, 5 kg batch\nShea butter melted\nOils added\nCooled to 40C\nWhy grainy?",
            "Body butter, 5 kg batch\nOils added\nShea butter melted\nCooled to 40C\nWhy grainy?",
            id="maybe-uncounted",
        ),
        pytest.param(
            "Water and glycerin heated to 75C\nEmulsifier added\nOil phase added\nCooled with stirring",
            "Emulsifier added\nWater and glycerin heated to 75C\nOil phase added\nCooled with stirring",
            id="participle-fourth",
        ),
    ],
)
@xfail(STEP_LINES)
def test_step_lines_under_the_threshold(served, a, b):
    assert not served("formulation", a, b)


def test_four_step_lines_keep_their_order(served):
    assert not served(
        "formulation",
        "Warm the oils\nStir in the beeswax\nPour into tins\nWhy do the balms sweat?",
        "Pour into tins\nStir in the beeswax\nWarm the oils\nWhy do the balms sweat?",
    )


def test_step_lines_same_order_with_spacing():
    assert same(
        "Warm the oils\nStir in the beeswax\nPour into tins",
        "Warm the oils\n\nStir in the beeswax\n\nPour into tins",
    )


# -- 4. a levy after an amount, outside the window (g60, rewrites._band, _QUALIFIERS) ----------
# _band looks for a levy in the five words after the amount and stops at a qualifier. "EUR 2
# per litre of pure alcohol excise duty" and "USD 0.30 per unit Section 301 tariff" put the
# levy further; "per kg gross weight tariff" puts the qualifier first. The band is no
# circumstance, so the levy's end ("until 2027") moves into the horizon field: a forecast to
# 2027 under a duty that ends then is served the forecast under the duty whatever its end.
BAND = "rewrites._band: a levy past five words, or after a qualifier, makes the amount a band"
BANDS = [
    pytest.param(
        "Forecast sales of imported perfume under a EUR 2 per litre of pure alcohol excise duty",
        {"category": "fragrance", "region": "Norway"},
        id="pure-alcohol",
    ),
    pytest.param(
        "Forecast sales of imported sunscreen under a USD 0.30 per unit Section 301 tariff",
        {"category": "sun care", "region": "USA"},
        id="section-301",
    ),
    pytest.param(
        "Forecast sales of imported shampoo under a USD 1 per kg gross weight tariff",
        {"category": "hair care", "region": "USA"},
        id="gross-weight",
    ),
]


@pytest.mark.parametrize(("query", "context"), BANDS)
@xfail(BAND)
def test_a_levy_far_after_an_amount(served, query, context):
    a = {"query": f"{query} until 2027", "context": context}
    b = {"query": query, "context": {**context, "horizon": "2027"}}
    assert not served("market", a, b)


def test_a_levy_near_an_amount(served):
    context = {"category": "personal care", "region": "UK"}
    query = "Forecast sales of wet wipes under a 10p per pack plastic levy"
    a = {"query": f"{query} until 2027", "context": context}
    b = {"query": query, "context": {**context, "horizon": "2027"}}
    assert not served("market", a, b)


# -- 5. a trailing "with" phrase, two or three phrases (g61, canon._noun_phrase) -------------
# _phrases keeps the order only from _ATTACHING_RUN (three) phrases on. "Reply to the review
# with photos" (a review that has photos) is served "Reply with photos to the review" (our
# reply carries photos); "to the comment under the post with a discount code" reads as
# three, but "under" heads no phrase there, so the run is two and the pair is served too.
NOUN_PHRASE = "canon._noun_phrase/_ATTACHING_RUN: a 'with' phrase moves when the run is under three"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Reply to the review with photos", "Reply with photos to the review", id="two-phrases"),
        pytest.param(
            "Reply to the comment under the post with a discount code",
            "Reply with a discount code to the comment under the post",
            id="under-the-post",
        ),
    ],
)
@xfail(NOUN_PHRASE)
def test_a_with_phrase_that_moves(served, a, b):
    assert not served("branding", a, b)


def test_a_with_phrase_after_three(served):
    assert not served(
        "branding",
        "Reply to the review about the shade with photos",
        "Reply with photos to the review about the shade",
    )


def test_a_phrase_in_french():
    assert same(
        "Reply to the review about the shade in French",
        "Reply in French to the review about the shade",
        generator="branding",
    )


# -- 6. a modifier between two bare things (g60, canon._bound_modifiers) -------------------------
# _bound_modifiers needs the second thing opened by "a/an/the"; written bare ("night cream and
# eye cream, fragrance-free, with peptides"), the modifier is sorted free of its thing: both
# products fragrance-free is served only the night cream fragrance-free.
BOUND = "canon._bound_modifiers: the second thing must open with an article"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "A night cream and eye cream, fragrance-free, with peptides",
            "A night cream, fragrance-free, and eye cream with peptides",
            id="night-eye",
        ),
        pytest.param(
            "Cleanser and toner, alcohol-free, with niacinamide",
            "Cleanser, alcohol-free, and toner with niacinamide",
            id="cleanser-toner",
        ),
    ],
)
def test_a_modifier_between_bare_things(served, a, b):
    # closed at g85: a comma before "and" after a modifier ("night cream, fragrance-free, and eye
    # cream with peptides") sets the second thing apart (words._apart, words._serial_comma)
    assert not served("formulation", a, b)


def test_a_modifier_between_things_with_articles(served):
    assert not served(
        "formulation",
        "A shampoo and a conditioner, sulfate-free, with keratin",
        "A shampoo, sulfate-free, and a conditioner with keratin",
    )


# -- 7. one asked in the past (g60, canon single_ask) -------------------------------------------
# single_ask needs "is"; "What was the key RCT on bakuchiol?" and "What were the key RCTs?" (a
# study of note then, or all of them) fold into one.
SINGLE = "canon single_ask: only 'what/which is' marks one"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("What was the key RCT on bakuchiol?", "What were the key RCTs on bakuchiol?", id="what-was"),
        pytest.param("Which was the key RCT on bakuchiol?", "Which were the key RCTs on bakuchiol?", id="which-was"),
    ],
)
@xfail(SINGLE)
def test_one_asked_in_the_past(served, a, b):
    assert not served("scientific", a, b)


def test_one_asked_with_is(served):
    assert not served("scientific", "What's the key RCT on bakuchiol?", "What are the key RCTs on bakuchiol?")


# -- 8. tiers in order without the word "ladder" (g62, canon._SEQUENCE) --------------------------
# Only "ladder" orders tiers; "price tiers, entry to premium: Basic, Plus, Pro" reversed names
# another tier the entry one, and is served.
LADDER = "canon._SEQUENCE: tiers keep their order only beside the word 'ladder'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Names for price tiers, entry to premium: Basic, Plus, Pro",
            "Names for price tiers, entry to premium: Pro, Plus, Basic",
            id="entry-to-premium",
        ),
        pytest.param(
            "Names for a tiered range from entry to prestige: Essentials, Signature, Atelier",
            "Names for a tiered range from entry to prestige: Atelier, Signature, Essentials",
            id="entry-to-prestige",
        ),
    ],
)
@xfail(LADDER)
def test_tiers_in_order_without_ladder(served, a, b):
    assert not served("branding", a, b)


def test_tiers_of_a_ladder(served):
    assert not served(
        "branding",
        "Names for the price ladder: Essentials, Signature, Atelier",
        "Names for the price ladder: Atelier, Signature, Essentials",
    )


# -- 9. one, past a hyphenated modifier (g60, canon._ONE_WHATEVER) -------------------------------
# The window reaches three words after "a" and passes plain words only: "silicone-free" is
# formed as one "without~silicone" token the window stops at, "EU-based" is two words. "a
# cheaper silicone-free alternative" is served "cheaper silicone-free alternatives" (one pick
# or a list to choose from).
ONE = "canon._ONE_WHATEVER: a '-free' modifier or a hyphenated one stops the window"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        pytest.param(
            "formulation",
            "Suggest a cheaper silicone-free alternative to dimethicone",
            "Suggest cheaper silicone-free alternatives to dimethicone",
            id="alternative",
        ),
        pytest.param(
            "costing",
            "Find a reliable EU-based glycerin supplier",
            "Find reliable EU-based glycerin suppliers",
            id="supplier",
        ),
        pytest.param(
            "formulation",
            "Suggest a palm-free emulsifier option",
            "Suggest palm-free emulsifier options",
            id="option",
        ),
    ],
)
def test_one_past_a_hyphenated_modifier(served, generator, a, b):
    assert not served(generator, a, b)


def test_one_quote_with_modifiers(served):
    assert not served("costing", "Get a recent EU glycerin supplier quote", "Get recent EU glycerin supplier quotes")


# ================================ paraphrases split ================================


# -- 10. two options compared by a bare "which" (g60, steps._STRONG_OPTIONS) ------------------
# Two lettered "Fill ..." lines asked "which has the shorter lead time" / "which is faster"
# compare two options (the order of the letters says nothing), but "Fill" is a step verb and
# no strong word is there: they are steps, kept in order. Served at 406e174.
OPTIONS_SPLIT = "steps._STRONG_OPTIONS: a bare 'which' no longer makes two step-verb lines options"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "a) Fill in-house\nb) Fill at a co-packer\nWhich has the shorter lead time?",
            "a) Fill at a co-packer\nb) Fill in-house\nWhich has the shorter lead time?",
            id="lead-time",
        ),
        pytest.param(
            "a) Fill in-house\nb) Fill at a co-packer\nWhich is faster?",
            "a) Fill at a co-packer\nb) Fill in-house\nWhich is faster?",
            id="faster",
        ),
    ],
)
def test_two_options_compared_by_which(served, a, b):
    assert served("costing", a, b)


# -- 11. a checklist read as a process (g60, steps.step_lines) -----------------------------------
# "Check / Measure / Test" are step verbs, so three checklist lines are a process kept in
# order; a QC or release checklist in another order is the same checklist. Served at 406e174.
CHECKLIST = "steps.step_lines: three check/measure/test lines are a process"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "QC checklist for the lotion:\nCheck the pH\nMeasure the viscosity\nTest the micro count",
            "QC checklist for the lotion:\nTest the micro count\nMeasure the viscosity\nCheck the pH",
            id="qc",
        ),
        pytest.param(
            "Before launch we must:\nTest stability at 40C\nCheck packaging compatibility\nMeasure SPF in vivo",
            "Before launch we must:\nMeasure SPF in vivo\nTest stability at 40C\nCheck packaging compatibility",
            id="before-launch",
        ),
    ],
)
def test_a_checklist_in_another_order(served, a, b):
    assert served("formulation", a, b)
