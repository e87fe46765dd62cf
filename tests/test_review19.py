"""Review 19: the guard rules g24 to g28 (``git diff 0c9f5ee -- optimizer/cache/``), attacked.

Each finding states two requests that a careful cosmetics or consumer-goods expert answers
differently, yet that get one canonical form (``same``) or are served end to end (``served``).
Each fails today: it is marked ``xfail(strict=True)``, so it passes while the finding stands
and turns red when a fix closes it (then drop the mark). Each group also holds true
paraphrases that are, and must stay, one request (plain tests). Grouped by cause, most
severe first (35 findings, plus 3 end-to-end checks of them through ``CacheService``):

1. a table read row by row: brackets stripped from cells (an accounting minus) and empty
   cells dropped (a value changes column) (words._table_rows, g28): 4 (the minus new in g28;
   the columns were merged before it too)
2. a protection factor after a trailing phrase's noun becomes a "with" phrase, which
   canon._phrases then sorts away from its noun (canon._protection_factor): 3, new in g27
3. a negation that opens a comma list covers only its first item (what canon._negation_spans
   misses next to it: commas, "zero"): 2
4. shouted "US" is "us" (our company) unless "the/in/to/from/across" comes before it, so the
   US market is our market (aliases._us): 3, new in g25
5. the summary/review task markers (canon._TASKS, _THE_LITERATURE, g26): "review" before "study",
   "trial", "research", "literature" is no task; a scientific "summarize" is none; a verb in
   a clause of its own after its object is dropped with no marker: 5
6. "not" in a question with a reduced relative clause ("brands not tested on animals")
   moves to the end (canon._question_not: the new mark needs a relative pronoun): 2
7. a time bound to an event, with no condition word of _CONDITIONS (g26), moves into the
   horizon (rewrites._moves: "provided", "with tariffs in place until"): 2
8. steps that canon._numbered_steps (g24) misses: two steps, verbs outside _STEP_VERBS, steps
   numbered inline: 3
9. a reference to an item that words._referenced_labels (g28) misses ("2)", "b.", "option b"): 3
10. "projection" (a fragrance's throw) is "forecast" (aliases.SAME_WORDS, g27): 2
11. "one or several" for counted nouns with a modifier outside _COUNT_MODIFIERS (g26: "a
    systematic review", "an RCT"): 2
12. an opening "if possible" after a greeting or a colon (words._soft, g24): 2
13. "in advance" after "much" (aliases._POLITE lookbehinds, g25) and "in order to" before a
    place ("apply in order to damp skin: ...", words._prepare / canon._SEQUENCE, g28): 2

Paraphrases that a new rule splits (strict xfails of ``same``, at the end, 5): "purchase" is
now "buy", a word of _GRATIS, so "fragrance free" is no longer "fragrance-free" (g27); "5k
gold" is 5 karat (g25); "whether" and "when" are condition words, so a horizon no longer
moves out of a question (g26); a relative pronoun stops "don't" from matching "do ... not"
(g26); "approximately" is a glossary term, so the new "approximately" = "roughly" never
applies (g27).

Held up against my attempts (no finding kept): the amounts rule of canon._coordinated (a
trailing modifier, "nano", "coated", "encapsulated", "low molecular weight", stays with its
own item in either order); rewrites._without_repeats (every drop I built either restated the
field or left a text no analyst would type; it never drops a phrase from a line of a list);
the move of "with SPF N" into the product field adds nothing to group 2; buy/purchase,
rival/competitor, toothpaste/dentifrice and spend/expenditure as merges (no second sense in
a request here that I could make realistic; "Rival de Loop" is a brand, review 18's open
class 9); "in order to" as a purpose; the karat rule as a merge ("10k gold-plated caps" is
ambiguous in the trade itself); the g25 "w/o emulsion" rule; canon._negation_spans itself on
"no X and Y" and "without X and Y" ("avoid" and "excluding" keep their lists apart by
another path).

Closed in g32 (marks dropped): classes 1 to 6 and 8 to 12 and the "how much in advance" of
13 (tables keep an accounting minus and an empty cell's column; a protection factor after
a phrase stays in it; a negation opens a comma list ("free from parabens, sulfates and
silicones") and "zero" is one; a shouted ambiguous "US" is neither the country nor us;
"review the study protocol" and a scientific "write" are tasks; a participle's "not" stays;
two numbered steps, steps with more verbs and steps on one line keep their order; labels
"2)", "b." and "option b" are referred to; "projection" is no forecast; "a systematic review"
and "an RCT" are one; an "if possible" after a greeting or a colon opens its sentence), and
four of the five split paraphrases ("fragrance free" before a noun is "fragrance-free" in any
text; "5k gold" is 5,000; "whether" lets a horizon move; "roughly" is "approximately"). Open:
class 7 (a time bound to an event with no condition word), "in order to damp skin", the
contracted "not" before a relative clause, and the sales projection (a loss on purpose).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# -- 1. a table read row by row ------------------------------------------------------------------
# words._table_rows (g28) joins a row's cells with spaces, strips brackets from each cell and
# drops empty cells. In a costing or a P&L a number in brackets is negative (accounting
# notation): a 50 ml jar that loses 0.15 EUR a unit is served the answer for one that earns
# 0.15 (before g28 the bracket kept them apart). And with the empty cells gone, which column
# a value stood in is lost: 5% niacinamide in the serum or in the cream, parabens allowed or
# banned (g28 reads rows, but an empty cell still leaves no trace).
TABLE = "words._table_rows strips brackets from cells (an accounting minus) and drops empty cells (the column)"

TABLES = [
    (
        "costing",
        "| SKU | margin per unit (EUR) |\n|---|---|\n| 50 ml jar | (0.15) |\n| 100 ml jar | 0.40 |\n"
        "How do we raise the margins?",
        "| SKU | margin per unit (EUR) |\n|---|---|\n| 50 ml jar | 0.15 |\n| 100 ml jar | 0.40 |\n"
        "How do we raise the margins?",
    ),
    (
        "market",
        "| brand | growth 2024 |\n|---|---|\n| Lumi | (3%) |\n| Aura | 5% |\nExplain the gap between them",
        "| brand | growth 2024 |\n|---|---|\n| Lumi | 3% |\n| Aura | 5% |\nExplain the gap between them",
    ),
    (
        "formulation",
        "| ingredient | serum | cream |\n|---|---|---|\n| niacinamide | 5% | |\n| retinol | | 0.3% |",
        "| ingredient | serum | cream |\n|---|---|---|\n| niacinamide | | 5% |\n| retinol | 0.3% | |",
    ),
    (
        "formulation",
        "A shampoo under these rules:\n| allowed | banned |\n|---|---|\n| parabens | |\n| | silicones |",
        "A shampoo under these rules:\n| allowed | banned |\n|---|---|\n| | parabens |\n| silicones | |",
    ),
]


@pytest.mark.parametrize(
    ("generator", "a", "b"), TABLES, ids=["negative-margin", "negative-growth", "column", "banned"]
)
def test_a_table_keeps_signs_and_columns(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_negative_margin_end_to_end(served):
    assert not served("costing", *TABLES[0][1:])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "| item | EUR |\n|---|---|\n| tube | 0.20 |\n| cap | 0.05 |",
            "| item | EUR |\n| --- | --- |\n| cap | 0.05 |\n| tube | 0.20 |",
        ),
        ("| shampoo | citrus |\n| conditioner | mint |", "|shampoo|citrus|\n|conditioner|mint|"),
    ],
)
def test_a_table_with_its_rows_in_another_order(a, b):
    assert same(a, b, generator="costing")


# -- 2. a protection factor that leaves its noun -------------------------------------------------
# canon._protection_factor (g27) rewrites "X SPF 30" as "X with SPF 30" wherever X is (any word
# before it), and canon._phrases then sorts the clause's trailing phrases: "with SPF 30" moves
# past "for a mineral foundation" or "under a sunscreen". So a primer with SPF 30 (UV filters
# in the primer) is the primer for an SPF 30 foundation, and a day cream with SPF 15 worn under
# a sunscreen is a plain day cream under an SPF 15 sunscreen. Before g27 they were apart.
SPF = "canon._protection_factor makes 'X SPF 30' a 'with' phrase, and canon._phrases moves it off X"

SPFS = [
    ("formulation", "a primer SPF 30 for a mineral foundation", "a primer for a mineral foundation SPF 30"),
    (
        "scientific",
        "Can I wear a day cream SPF 15 under a sunscreen?",
        "Can I wear a day cream under a sunscreen SPF 15?",
    ),
    (
        "formulation",
        "a makeup setting spray SPF 30 for use over foundation",
        "a makeup setting spray for use over foundation SPF 30",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), SPFS, ids=["primer", "day-cream", "setting-spray"])
def test_a_protection_factor_stays_with_its_product(generator, a, b):
    assert not same(a, b, generator=generator)


def test_an_spf_primer_end_to_end(served):
    assert not served(
        "formulation",
        {"query": "a primer for a mineral foundation SPF 30", "context": {"product_type": "primer"}},
        {"query": "a primer for a mineral foundation", "context": {"product_type": "primer SPF 30"}},
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SPF 30 sunscreen for kids", "sunscreen for kids with SPF 30"),
        ("a primer SPF 30 for a mineral foundation", "an SPF 30 primer for a mineral foundation"),
    ],
)
def test_one_protection_factor_written_two_ways(a, b):
    assert same(a, b)


# -- 3. a negation that opens a comma list -------------------------------------------------------
# canon._negation_spans (g25) keeps "no sulfates and silicones" one clause, but it looks only
# at the clause before the "and": in "free from parabens, sulfates and silicones" (the usual
# way to write it) the comma has already split the list, so "sulfates" and "silicones" are
# requirements of their own, the same as "sulfates and silicones, free from parabens". "zero"
# (a number) is no negation at all.
NEGATED = "canon._groups splits a negated list at its commas; canon._negation_spans sees only 'and'"

NEGATED_LISTS = [
    (
        "formulation",
        "a shampoo, free from parabens, sulfates and silicones",
        "a shampoo, sulfates and silicones, free from parabens",
    ),
    ("formulation", "a body wash, zero sulfates and silicones", "a body wash, silicones, zero sulfates"),
]


@pytest.mark.parametrize(("generator", "a", "b"), NEGATED_LISTS, ids=["free-from", "zero"])
def test_a_negation_covers_its_comma_list(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a shampoo, paraben-free, sulfate-free", "a shampoo, without parabens, without sulfates"),
        ("a shampoo, no parabens and no sulfates", "a shampoo, no sulfates and no parabens"),
    ],
)
def test_each_item_negated_on_its_own(a, b):
    assert same(a, b)


# -- 4. shouted "US" -------------------------------------------------------------------------------
# aliases._us (g25): in a text in capitals, "US" is our company unless "the", "in", "to",
# "from" or "across" comes right before it. But "US" opening a noun phrase is the country
# as often as not: the US sunscreen market is served the answer for our own sunscreen
# market, and US consumers are our consumers.
US = "aliases._us reads a shouted 'US' not after the/in/to/from/across as 'us', our company"

SHOUTED = [
    ("market", "US SUNSCREEN MARKET SIZE 2025", "Our sunscreen market size 2025"),
    ("market", "WHAT DO US CONSUMERS WANT IN SUNSCREEN?", "What do our consumers want in sunscreen?"),
    ("market", "US SALES OF SUNSCREEN IN 2024", "Our sales of sunscreen in 2024"),
]


@pytest.mark.parametrize(("generator", "a", "b"), SHOUTED, ids=["market-size", "consumers", "sales"])
def test_a_shouted_us_is_the_country(generator, a, b):
    assert not same(a, b, generator=generator)


def test_the_us_market_end_to_end(served):
    assert not served("market", "US SUNSCREEN MARKET SIZE 2025", "Our sunscreen market size 2025")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("WHAT SUNSCREEN TRENDS MATTER IN THE US?", "What sunscreen trends matter in the US?"),
        ("US sunscreen market size 2025", "USA sunscreen market size 2025"),
    ],
)
def test_the_us_written_as_usual(a, b):
    assert same(a, b, generator="market")


# -- 5. the summary and review task markers -------------------------------------------------------
# canon._clause (g26) marks "summarize" (~summary) and, in a scientific request, "review"
# (~review) as tasks of their own, unless "review" is followed by a word of _THE_LITERATURE
# ("review the evidence on X" sums it up). But that list holds "study", "trial", "research"
# and "literature", which open the names of our own documents: reviewing our study protocol,
# our research proposal or the literature section of our grant is not writing it. In a
# scientific request "summarize" is dropped with no marker at all (a summary of our methods
# section is served its draft), and a verb in a clause of its own after its object
# ("Customer reviews of our lotion: summarize") is dropped with no marker in any generator.
TASK = "canon._TASKS / _THE_LITERATURE: 'review the study protocol', a scientific 'summarize', a trailing verb"

TASKS = [
    (
        "scientific",
        "Review the study protocol for a 12-week trial",
        "Write the study protocol for a 12-week trial",
    ),
    (
        "scientific",
        "Review the literature section of our grant proposal on bakuchiol",
        "Write the literature section of our grant proposal on bakuchiol",
    ),
    (
        "scientific",
        "Summarize the methods section of our niacinamide study",
        "Write the methods section of our niacinamide study",
    ),
    ("market", "Customer reviews of our body lotion: summarize", "Customer reviews of our body lotion: write"),
    (
        "branding",
        "Our brand guidelines for Lumi: please summarize",
        "Our brand guidelines for Lumi: please write",
    ),
]


@pytest.mark.parametrize(
    ("generator", "a", "b"), TASKS, ids=["protocol", "literature-section", "methods", "reviews", "guidelines"]
)
def test_summing_up_or_reviewing_is_not_writing(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "Summarize our brand guidelines", "Could you please summarise our brand guidelines?"),
        ("scientific", "Review the evidence on fluoride varnish", "Summarize the evidence on fluoride varnish"),
    ],
)
def test_one_task_asked_two_ways(generator, a, b):
    assert same(a, b, generator=generator)


# -- 6. the "not" of a reduced relative clause ------------------------------------------------------
# canon._question_not moves a question's one "not" to the end of the clause; g26 keeps it in
# place when a relative pronoun ("that", "which") follows it. A relative clause without a
# pronoun ("brands tested on animals", "products certified vegan") is just as common, and
# there the "not" still moves: retailers that do not stock tested brands are served the
# answer for retailers that stock untested ones.
RELATIVE = "canon._question_not moves the 'not' out of a relative clause that has no relative pronoun"

RELATIVES = [
    (
        "market",
        "Which retailers in Spain do not stock brands tested on animals?",
        "Which retailers in Spain stock brands not tested on animals?",
    ),
    (
        "market",
        "Which brands do not sell products certified vegan in Germany?",
        "Which brands sell products not certified vegan in Germany?",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), RELATIVES, ids=["tested", "certified"])
def test_the_not_of_a_reduced_relative_clause(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_contracted_not_before_a_reduced_relative_clause():
    assert same(
        "Which retailers don't stock brands tested on animals?",
        "Which retailers do not stock brands tested on animals?",
        generator="market",
    )


# -- 7. a time bound to an event moves into the horizon ------------------------------------------
# rewrites._moves (g26) no longer moves a time out of a clause holding a word of _CONDITIONS
# ("if the shortage lasts until 2026"). A condition has other words ("provided", "in case",
# "should the tariff last"), and a time is bound to an event without any ("with tariffs in
# place until 2026"): the tariff's end is moved into the forecast's horizon, and a forecast to
# 2026 with tariffs in place throughout is served the scenario where they end in 2026.

_SPAIN = {"category": "sunscreen", "region": "Spain"}
CONDITIONS = [
    (
        {"query": "sunscreen sales, provided the tariff lasts until 2026", "context": _SPAIN},
        {"query": "sunscreen sales, provided the tariff lasts", "context": {**_SPAIN, "horizon": "2026"}},
    ),
    (
        {"query": "sunscreen sales with tariffs in place until 2026", "context": _SPAIN},
        {"query": "sunscreen sales with tariffs in place", "context": {**_SPAIN, "horizon": "2026"}},
    ),
]


@pytest.mark.parametrize(("a", "b"), CONDITIONS, ids=["provided", "in-place-until"])  # closed at g44
def test_an_events_time_is_not_the_horizon(served, a, b):
    assert not served("market", a, b)


def test_a_horizon_in_the_text_is_the_horizon_field(served):
    a = {"query": "sunscreen sales over the next 5 years", "context": _SPAIN}
    b = {"query": "sunscreen sales", "context": {**_SPAIN, "horizon": "next 5 years"}}
    assert served("market", a, b)


# -- 8. steps that canon._numbered_steps misses -----------------------------------------------------
# canon._numbered_steps (g24) keeps lines numbered 1, 2, 3 in order when half of them open with
# a verb of _STEP_VERBS or the text names a method. Two steps are never steps (adding the
# ethanol before or after neutralising a carbomer decides whether the gel forms), a powder's
# steps use verbs the list lacks (grind, sift, press), and steps numbered on one line are not
# lines: each is served its steps in another order.
STEPS = "canon._numbered_steps: needs three numbered lines and verbs of _STEP_VERBS; steps on one line are missed"

STEP_PAIRS = [
    (
        "Carbomer gel:\n1. Neutralise the carbomer with TEA\n2. Add the ethanol",
        "Carbomer gel:\n1. Add the ethanol\n2. Neutralise the carbomer with TEA",
    ),
    (
        "Pressed eyeshadow:\n1. Grind the pigments\n2. Add the binder\n3. Sift\n4. Press into pans",
        "Pressed eyeshadow:\n1. Grind the pigments\n2. Sift\n3. Add the binder\n4. Press into pans",
    ),
    (
        "1. Heat phase A to 75 C. 2. Add phase B. 3. Cool to 40 C and add the preservative.",
        "1. Add phase B. 2. Heat phase A to 75 C. 3. Cool to 40 C and add the preservative.",
    ),
]


@pytest.mark.parametrize(("a", "b"), STEP_PAIRS, ids=["two-steps", "powder-verbs", "inline"])
def test_steps_keep_their_order(a, b):
    assert not same(a, b)


def test_numbered_steps_with_thanks():
    steps = "1. Heat the oils to 75 C\n2. Add the emulsifier\n3. Add the water phase\n4. Cool to 40 C"
    assert same(steps, steps + "\nThanks a lot!")


# -- 9. a reference to an item that words._referenced_labels (g28) misses ---------------------------------
# words._referenced_labels (g28) makes every label a word when a line refers to one of "a)"
# to "h)", so "answer b) only" keeps which item is asked for. Items numbered "1)", lettered
# "a.", or referred to as "option b" are still dropped markers, and the items a set: the
# 50 ml jar is costed for a text that asks for the 100 ml one.
LABEL = "words._referenced_labels knows only the references 'a)'..'h)': not '2)', 'b.', 'option b'"

LABELS = [
    (
        "1) cost of a 50 ml jar\n2) cost of a 100 ml jar\nAnswer 2) only",
        "1) cost of a 100 ml jar\n2) cost of a 50 ml jar\nAnswer 2) only",
    ),
    (
        "a. cost of a 50 ml jar\nb. cost of a 100 ml jar\nAnswer b. only",
        "a. cost of a 100 ml jar\nb. cost of a 50 ml jar\nAnswer b. only",
    ),
    (
        "a) cost of a 50 ml jar\nb) cost of a 100 ml jar\nAnswer option b only",
        "a) cost of a 100 ml jar\nb) cost of a 50 ml jar\nAnswer option b only",
    ),
]


@pytest.mark.parametrize(("a", "b"), LABELS, ids=["number", "letter-dot", "option-b"])
def test_the_item_referred_to_stays_the_item(a, b):
    assert not same(a, b, generator="costing")


def test_a_referenced_label_with_thanks():
    a = "a) cost of a 50 ml jar\nb) cost of a 100 ml jar\nAnswer b) only"
    assert same(a, a + "\nThanks!", generator="costing")


# -- 10. "projection" is "forecast" -----------------------------------------------------------------
# aliases.SAME_WORDS (g27) makes "projection" "forecast". In fragrance, projection is how far
# a scent carries (with longevity and sillage, the performance a perfumer is asked about): the
# drivers of a perfume's projection are served the drivers of its forecast.
PROJECTION = "aliases.SAME_WORDS folds 'projection' (a fragrance's throw) into 'forecast'"

PROJECTIONS = [
    (
        "market",
        "consumer preferences for fragrance projection in the UAE",
        "consumer preferences for fragrance forecast in the UAE",
    ),
    ("scientific", "What drives projection in an eau de parfum?", "What drives the forecast in an eau de parfum?"),
]


@pytest.mark.parametrize(("generator", "a", "b"), PROJECTIONS, ids=["preferences", "drivers"])
def test_a_fragrance_projection_is_no_forecast(generator, a, b):
    assert not same(a, b, generator=generator)


@xfail(
    "on purpose since g32: 'projection' no longer folds into 'forecast' (a fragrance's throw), so a sales projection is a miss"
)
def test_a_sales_projection_is_a_forecast():
    assert same(
        "sales projection for fine fragrance in the UAE",
        "sales forecast for fine fragrance in the UAE",
        generator="market",
    )


# -- 11. one or several, with a modifier outside _COUNT_MODIFIERS ----------------------------------
# canon._clause (g26) reads "a study" as one study against "studies", and "a clinical study"
# too (_COUNT_MODIFIERS); any other modifier, or a noun outside _COUNTED_NOUNS, and one is
# several again: a summary of one systematic review (or one RCT) is served the summary of all.
COUNTED = "canon._COUNT_MODIFIERS / _COUNTED_NOUNS: 'a systematic review', 'an RCT' fold into the plural"

COUNTS = [
    (
        "scientific",
        "Summarize a systematic review on niacinamide for melasma",
        "Summarize systematic reviews on niacinamide for melasma",
    ),
    ("scientific", "Summarize an RCT on bakuchiol for acne", "Summarize RCTs on bakuchiol for acne"),
]


@pytest.mark.parametrize(("generator", "a", "b"), COUNTS, ids=["systematic-review", "rct"])
def test_one_study_is_not_all_studies(generator, a, b):
    assert not same(a, b, generator=generator)


def test_studies_asked_politely():
    assert same(
        "Summarize RCTs on bakuchiol for acne",
        "Could you please summarize the RCTs on bakuchiol for acne?",
        generator="scientific",
    )


# -- 12. an opening "if possible" ---------------------------------------------------------------------
# words._soft (g24) keeps "if possible" when it opens a sentence ("If possible, keep it
# palm-free" is a wish). It opens its sentence just as much after a greeting or after a
# colon, where the code sees a comma or a colon before it and drops it: the wish
# is served as the rule.
SOFT = "words._soft keeps an opening 'if possible' only after '.', '!', '?' or a line break"

SOFTS = [
    ("Hi team, if possible, keep the lip balm palm-free. Thanks!", "Hi team, keep the lip balm palm-free. Thanks!"),
    ("Please make a lip balm: if possible, palm-free", "Please make a lip balm: palm-free"),
]


@pytest.mark.parametrize(("a", "b"), SOFTS, ids=["greeting", "colon"])
def test_an_opening_if_possible_softens(a, b):
    assert not same(a, b)


def test_if_possible_in_a_polite_request():
    assert same(
        "Could you send the formula for the lip balm if possible?", "Could you send the formula for the lip balm?"
    )


# -- 13. "in advance" after "much", "in order to" before a place -------------------------------------
# aliases._POLITE (g25) drops "in advance" only after thanks, but its lookbehinds are single
# words ("much ", "lot "): "how much in advance do we pay" (the prepayment's timing) is
# served "how much do we pay" (its amount). words._prepare (g28) reads "in order to" as "to",
# and canon._SEQUENCE skips "in order" before "to": "apply in order to damp skin: toner,
# essence, serum" is a layering order, served the reversed one.
TIMINGS = [
    ("costing", "How much in advance do we pay the supplier?", "How much do we pay the supplier?"),
    (
        "formulation",
        "Apply in order to damp skin: toner, essence, serum, moisturizer",
        "Apply in order to damp skin: moisturizer, serum, essence, toner",
    ),
]


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    TIMINGS,  # 'in order to damp skin: a, b, c' closed at g44
    ids=["how-much", "in-order-to"],
)
def test_timing_and_order_are_kept(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("costing", "Unit cost of a 50 ml jar. Thank you so much in advance!", "Unit cost of a 50 ml jar"),
        (
            "formulation",
            "a toner with 5% glycolic acid in order to exfoliate",
            "a toner with 5% glycolic acid to exfoliate",
        ),
    ],
)
def test_thanks_in_advance_and_a_purpose(generator, a, b):
    assert same(a, b, generator=generator)


# -- paraphrases that a new rule splits ----------------------------------------------------------------
# * aliases.SAME_WORDS "purchase" -> "buy" (g27), and "buy" is a word of words._GRATIS: in any
#   text that says "purchase", "fragrance free" is a fragrance given free, no longer
#   "fragrance-free";
# * words._prepare's karat rule (g25) reads "5k gold" and "20k rose gold" (5,000 and 20,000
#   units, "rose gold" a packaging colour) as 5 and 20 karat;
# * rewrites._CONDITIONS (g26) holds "whether" and "when": a horizon no longer moves out of
#   "whether sales will double by 2030" or "when will sales peak over the next 5 years";
# * canon._question_not (g26) keeps the "not" in place when a relative pronoun follows, so
#   "Why don't shoppers buy X that ..." (the "not" before the subject) is no longer "Why do
#   shoppers not buy X that ...";
# * "approximately" is a glossary term, which words._canonical_word returns before
#   SAME_WORDS, so the new "approximately" = "roughly" never applies.
SPLIT = "a g24-g28 rule splits a true paraphrase"


def test_purchase_keeps_fragrance_free():
    assert same(
        "Why do consumers purchase fragrance free body lotion?",
        "Why do consumers purchase fragrance-free body lotion?",
        generator="market",
    )


def test_five_thousand_gold_sheet_masks():
    assert same("quote for 5k gold sheet masks", "quote for 5,000 gold sheet masks", generator="costing")


@xfail(
    "on purpose since g34: 'whether' is a condition again (review20: 'whether the tariff ends by 2027' is the tariff's year)"
)
def test_a_horizon_moves_out_of_a_whether_question(served):
    a = {"query": "whether sunscreen sales will double by 2030", "context": _SPAIN}
    b = {"query": "whether sunscreen sales will double", "context": {**_SPAIN, "horizon": "2030"}}
    assert served("market", a, b)


@xfail(SPLIT + ": on purpose since g49 (review22: moved to the end, the question's 'not' met a relative clause's)")
def test_a_contracted_not_before_a_relative_clause():
    assert same(
        "Why don't shoppers buy sunscreens that feel greasy?",
        "Why do shoppers not buy sunscreens that feel greasy?",
        generator="market",
    )


def test_the_relative_clause_s_not_stays_its_own():
    assert not same(
        "Why do shoppers not buy sunscreens that feel greasy?",
        "Why do shoppers buy sunscreens that do not feel greasy?",
        generator="market",
    )


def test_approximately_is_roughly():
    assert same("approximately 50 g of shea butter per jar", "roughly 50 g of shea butter per jar", generator="costing")
