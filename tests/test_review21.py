"""Review 21: the guard rules g36 to g44 (g36 is d7f432d; g37 to g44 are ``git log
d88b0d8..HEAD -- optimizer/cache``), attacked.

Each near-miss finding states two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that get one canonical form (``same``) or are served end to end
(``served``); each split finding two requests that are one request and are no longer one.
Each fails today: it is marked ``xfail(strict=True)``, so it passes while the finding stands
and turns red when a fix closes it (then drop the mark). Each group also holds plain tests
that pin what the new rule gets right. Grouped by cause, near-misses first (31 findings: 13
near-misses served, 18 paraphrases split; 7 are stated end to end, and 4 more end-to-end
checks repeat a finding through ``CacheService``).

Closed at g47: all 13 near-misses, and 11 of the 18 splits (the stars of a form and nested
emphasis, capitalised product names and certifications, slips in words of the trade, arrowed
bullets, temperatures and lettered options in numbered lines, horizons after a product's
"with" or a price band's "under"). Open: the city slip (on purpose: a repair never lands on a
name), "the prices Germany vs France", the adjective's "not" against a relative clause's, "in
order to ...: a, b, c" before a set. g48 serves the question's "not" before "like"/"last" again
(the adjective's "not" needs a verb before it).

Near-misses served (group 4 is new at g39; the others were served at g35 too: cases the new
rule meant to keep apart and misses):

1. a footnote mark that words._footnote_marks (g36) still drops: two marks on one line read
   as Markdown emphasis, a mark after a digit ("SPF 50*", the rating carve-out), after a
   closing quote or a full stop, and two different marks (*, †) read as one word: 5
2. "has got to" before a currency code is "reached" (words._GOT_TO, g37), before any other
   word still "must": "has got to almost EUR 4/kg", "has got to four euros": 2
3. the "a"/"an" carve-out of the brand mark (words._raw_tokens, g38): "a dupe of an Ordinary
   serum" is the adjective again: 1
4. lexicon._common (g39) filters a likelier kind of slip, so a repair falls through to a
   less likely kind that lands on another word: "peptidse" (peptidase) is now "peptide",
   "highlightrs" (highlighters) "highlights": 2
5. words._OPENING_ARROW (g41) knows only "→" and "⇒": a flow typed with "->" is
   still a set: 1
6. the horizon rules of g44: "provided" with no comma is no condition (words._PROVIDED), and
   a circumstance's "to 2026" is the horizon (rewrites._UNTIL holds until/till/through): 2

Paraphrases split (each served at g35, but for the relative clause of 13, apart before too):

7. words._footnote_marks (g36) reads a form's required-field asterisk ("Budget*:") and a mark
   left by nested emphasis as footnotes: 2
8. lexicon.is_adjective (g38) calls "serum" an adjective, so "our Vitamin C Serum" is a brand;
   "USDA Organic" is a brand too: 2
9. lexicon._common (g39): a repair never lands on a word only the general list holds, and
   that list holds "antioxidant", "hyperpigmentation", "hydration", "skincare" and the cities
   ("barcelona"): a slip in them is no longer repaired: 3
10. words._located (g40): "the prices Germany" is no longer "the prices in Germany": 1
11. words._FLOW_ARROW (g41) joins arrowed lines into one ordered line: a costing's components
    under arrows are no longer a set: 1
12. canon._PROCESS_LINE and the lettered join (g42): numbered requirements or options that
    name a temperature are steps, lettered options that open with a step verb keep their
    order: 3
13. canon._clause's adjective "not" (g43): lexicon.has_adjective_sense says yes for verbs
    ("like", "last"), so "What do X not like" is not "What don't X like"; and a relative
    clause's "not" (plain) never meets the reduced one's ("not~adj"): 3
14. g44: rewrites._CIRCUMSTANCE reads any "with"/"under" in the clause ("sunscreens with
    mineral filters until 2028", "lipsticks under EUR 10"), and canon._SEQUENCE reads any
    "in order to ...: a, b, c" as an order (a set of cost levers): 3

Held up against my attempts (no finding kept): "has got to" before a currency code as an
obligation (no code in CURRENCY_CODES is a verb an analyst types after "got to"); the closed
negation of g37 as a merge ("X-free, A and B" is the product with A and B in any order, and
"free of X, A and B" stays the negated list); the "the <noun> <Name>" rule as a merge (it
only withholds "in"); a "Korean", "Vegan" or "Halal" written with a capital (no adjective
alone for lemminflect: no brand mark); a footnote mark after a letter ("72h hydration*");
the g43 "not" after "is"/"are" (still the question's); "provided that" as a relative ("the
data provided that ...": no realistic pair); the g44 "until" rule on "with tariffs in
force" and "under the current tariff" (kept apart, as meant); lettered steps typed in
capitals ("A) Heat ...", apart before g42 and after).

Beyond the g36-g44 rules (not counted): "so long as" and "given that" are still no
conditions, and a reduced clause ("the tariff lasting until 2026") binds its time to the
horizon: each is served the scenario where the tariff ends in 2026, at g35 as at g44.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ================================ near-misses served ================================


# -- 1. footnote marks that are still dropped ---------------------------------------------------------
# words._footnote_marks (g36) strips Markdown emphasis first (_EMPHASIS), then reads a mark
# after a letter, a "%", ")" or "]" as the word "footnote" (_FOOTNOTE_MARK). A claims reviewer
# pastes claims as printed, where the marks are what the question is about (a qualified claim
# is another compliance question than the bare one):
# * two marks on one line: the first ("30%*,") is followed by a non-space and preceded by no
#   word character, so _EMPHASIS takes "*, 24h hydration*" for italics and drops both marks;
# * a mark after a digit or "+" is dropped (the "5*" rating carve-out), and "SPF 50*" is the
#   most footnoted claim there is;
# * a mark after a closing quote or a full stop is dropped (the lookbehind knows letters,
#   "%", ")" and "]" only);
# * "*", "**" and "†" all become one word, so which note a claim points to is lost: the aloe
#   is organic and the shea fair trade, or the other way round.
FOOTNOTE = "words._footnote_marks drops a footnote mark the claim depends on"

FOOTNOTES = [
    (
        "Review these claims: reduces wrinkles by 30%*, 24h hydration*",
        "Review these claims: reduces wrinkles by 30%, 24h hydration",
    ),
    ("Is 'SPF 50*' on the tube compliant in the EU?", "Is 'SPF 50' on the tube compliant in the EU?"),
    ('Review the claim "clinically proven"* on our pack', 'Review the claim "clinically proven" on our pack'),
    ("Review the pack claim: Kills 99.9% of germs.*", "Review the pack claim: Kills 99.9% of germs."),
    (
        "Pack claims: aloe vera*, shea butter\u2020\n*organic\n\u2020fair trade",
        "Pack claims: aloe vera\u2020, shea butter*\n*organic\n\u2020fair trade",
    ),
]


@pytest.mark.parametrize(
    ("a", "b"), FOOTNOTES, ids=["two-marks-as-emphasis", "after-a-digit", "after-a-quote", "after-a-stop", "which-note"]
)
def test_a_footnote_mark_is_kept(a, b):
    assert not same(a, b, generator="branding")


def test_spf_footnote_end_to_end(served):
    assert not served("branding", *FOOTNOTES[1])


def test_a_footnote_after_a_word_is_kept():
    assert not same(
        "Is 'up to 72h hydration*' a compliant claim?",
        "Is 'up to 72h hydration' a compliant claim?",
        generator="branding",
    )


# -- 2. "has got to" before a word that is not a currency code -----------------------------------
# words._GOT_TO (g37) keeps "has got to" (reached) only when the next word is a currency code;
# any other word makes it "must". A price is as often reached "almost", "around", "over" a
# figure, or in words: a shea butter price that has risen to almost EUR 4/kg is served the
# answer for a price that must be almost EUR 4/kg (a target to cost against).
GOT_TO = "words._GOT_TO reads 'has got to' as 'must' before an approximator or a number in words"

GOT_TOS = [
    (
        "Our shea butter price has got to almost EUR 4/kg: how do we cut it?",
        "Our shea butter price has to be almost EUR 4/kg: how do we cut it?",
    ),
    (
        "Our shea butter price has got to four euros a kilo: how do we cut it?",
        "Our shea butter price has to be four euros a kilo: how do we cut it?",
    ),
]


@pytest.mark.parametrize(("a", "b"), GOT_TOS, ids=["almost", "in-words"])
def test_got_to_a_price_is_reached(a, b):
    assert not same(a, b, generator="costing")


def test_got_to_a_currency_code_is_reached():
    assert not same(
        "Freight has got to USD 5,000 per container: options?",
        "Freight has to be USD 5,000 per container: options?",
        generator="costing",
    )


# -- 3. a brand after "a"/"an" ---------------------------------------------------------------------------
# words._raw_tokens (g38) drops the brand mark of a capitalised adjective after "a", "an" or
# "1" ("a Natural mosquito lotion": a capital typed). A brand takes "an" as often as any noun
# phrase: "a dupe of an Ordinary niacinamide serum" (a serum of The Ordinary's) is served the
# answer for a dupe of an ordinary one, the very pair g38 closed with "The".
AN_BRAND = "words._raw_tokens drops the brand mark after 'a'/'an'"


def test_a_brand_after_an(served):
    assert not served(
        "formulation",
        "a dupe of an Ordinary niacinamide serum",
        "Please formulate a dupe of an ordinary niacinamide serum",
    )


def test_a_brand_that_is_an_adjective():
    assert not same(
        "Reviews of Fresh sugar lip balm in the UK", "Reviews of fresh sugar lip balm in the UK", generator="market"
    )


# -- 4. a repair that falls through to another kind of slip --------------------------------------------
# lexicon.repair_typo tries the kinds of slip most likely first, and the first kind that
# reaches one known word wins. g39 filters each kind through lexicon._common (a word of
# lemminflect or of the domain lists): when the likelier kind reached only a word of the
# general list ("peptidase": a letter missed), it now reaches nothing, and the next kind (a
# stray letter) lands on another word: an enzyme becomes the peptides it cleaves, the
# highlighter (make-up) the hair highlights. Before g39 both were repaired right.
FALLTHROUGH = "lexicon._common filters the likelier slip, and a later kind lands on another word"

FALLTHROUGHS = [
    (
        "scientific",
        "Evidence on peptidse activity in the stratum corneum",
        "Evidence on peptide activity in the stratum corneum",
    ),
    ("market", "Market size for highlightrs in Spain", "Market size for highlights in Spain"),
]


@pytest.mark.parametrize(("generator", "a", "b"), FALLTHROUGHS, ids=["peptidase", "highlighters"])
def test_a_slip_is_not_repaired_into_another_word(generator, a, b):
    assert not same(a, b, generator=generator)


def test_peptidase_end_to_end(served):
    assert not served("scientific", *FALLTHROUGHS[0][1:])


def test_a_slip_in_a_word_lemminflect_knows_is_repaired():
    assert same("A hydratng serum for dry skin", "A hydrating serum for dry skin", generator="formulation")


# -- 5. a flow typed with ASCII arrows -----------------------------------------------------------------
# words._OPENING_ARROW and _FLOW_ARROW (g41) read "→" and "⇒" only. A flow typed on a keyboard
# uses "->" (the g41 message writes it so): the arrows stay punctuation, the lines are a set
# of three, and the process with the cooling before phase B is served the right one.
ASCII_ARROW = "words._OPENING_ARROW knows only the Unicode arrows, not '->'"


def test_an_ascii_arrow_flow_keeps_its_order():
    assert not same(
        "Heat phase A to 75 °C\n-> add phase B\n-> cool to 40 °C",
        "Heat phase A to 75 °C\n-> cool to 40 °C\n-> add phase B",
        generator="formulation",
    )


def test_a_unicode_arrow_flow_keeps_its_order():
    assert not same(
        "Cleanser\n→ toner\n→ serum\n→ moisturiser",
        "Cleanser\n→ serum\n→ toner\n→ moisturiser",
        generator="formulation",
    )


# -- 6. an event's time still moved into the horizon -------------------------------------------------
# words._PROVIDED (g44) reads "provided" as "if" only after "that" or a comma; with neither
# ("sales provided the tariff lasts until 2026") it is a past participle ("provide~ed"), which
# rewrites._CONDITIONS (holding "provided") never sees, so the tariff's end moves into the
# horizon. rewrites._UNTIL (g44) holds until/till/through: "with tariffs in place to 2026"
# still gives the forecast a horizon of 2026.
_SPAIN = {"category": "sunscreen", "region": "Spain"}
EVENT = "rewrites._moves moves an event's time into the horizon ('provided' with no comma, 'to 2026')"

EVENTS = [
    (
        {"query": "sunscreen sales provided the tariff lasts until 2026", "context": _SPAIN},
        {"query": "sunscreen sales provided the tariff lasts", "context": {**_SPAIN, "horizon": "2026"}},
    ),
    (
        {"query": "sunscreen sales with tariffs in place to 2026", "context": _SPAIN},
        {"query": "sunscreen sales with tariffs in place", "context": {**_SPAIN, "horizon": "2026"}},
    ),
]


@pytest.mark.parametrize(("a", "b"), EVENTS, ids=["provided-no-comma", "in-place-to"])
def test_an_events_time_is_not_the_horizon(served, a, b):
    assert not served("market", a, b)


def test_a_circumstance_under_a_tariff(served):
    a = {"query": "sunscreen sales under the current tariff until 2026", "context": _SPAIN}
    b = {"query": "sunscreen sales under the current tariff", "context": {**_SPAIN, "horizon": "2026"}}
    assert not served("market", a, b)


def test_provided_that_is_if():
    assert same(
        "Sunscreen sales in Spain provided that prices stay flat",
        "Sunscreen sales in Spain if prices stay flat",
        generator="market",
    )


# ================================ paraphrases split ================================
SPLIT = "a g36-g44 rule splits a true paraphrase"


# -- 7. asterisks that are no footnotes ----------------------------------------------------------------
# words._footnote_marks (g36): a form pasted with its required-field stars ("Budget*:") now
# carries a "footnote" per field, and nested emphasis ("**vegan and *palm-free***") leaves the
# inner pair to _FOOTNOTE_MARK (re.sub does not rescan what it replaced): neither meets the
# same request typed plainly, which g35 served.
STARS = [
    pytest.param(
        "Product type*: night cream\nBudget*: EUR 5,000",
        "Product type: night cream\nBudget: EUR 5,000",
        marks=xfail(SPLIT + ": on purpose since g49 (review22: 'Hypoallergenic*: ...' is a footnoted claim)"),
    ),
    ("**Must be vegan and *palm-free***", "Must be vegan and palm-free"),
]


@pytest.mark.parametrize(("a", "b"), STARS, ids=["required-field", "nested-emphasis"])
def test_stars_that_are_no_footnotes(a, b):
    assert same(a, b, generator="formulation")


def test_emphasis_is_no_footnote():
    assert same("make it **vegan** and *palm-free*", "make it vegan and palm-free", generator="formulation")


# -- 8. a capitalised word that is no brand --------------------------------------------------------------
# words._word (g38) marks a capitalised word inside a sentence as a brand when
# lexicon.is_adjective says it is an adjective and never a verb. lemminflect's tables call
# "serum" an adjective (is_adjective's own docstring says so), and analysts capitalise their
# products ("our Vitamin C Serum"); a certification ("USDA Organic") is capitalised by its
# owner. Typed lower case with any other harmless difference (the exact key folds case
# alone), the same request is a miss.
CAPITALS = [
    (
        "costing",
        "Unit cost of our Vitamin C Serum in a 30 ml bottle",
        "What is the unit cost of our vitamin C serum in a 30 ml bottle?",
    ),
    (
        "formulation",
        "Shampoo with USDA Organic certification",
        "Please formulate a shampoo with USDA organic certification",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), CAPITALS, ids=["serum", "usda-organic"])
def test_a_capitalised_product_or_certification(served, generator, a, b):
    assert served(generator, a, b)


# -- 9. slips no longer repaired ------------------------------------------------------------------------
# lexicon._common (g39): a repair lands only on a word lemminflect or the domain lists know.
# The general list alone holds many words of the trade (antioxidant, hyperpigmentation,
# hydration, skincare, haircare, humectant, surfactant, exfoliation, probiotic) and nearly
# every city (barcelona, dusseldorf, guadalajara): a slip in them, which g35 repaired, now
# keeps the word apart. A city only slips when typed lower case (on a phone): a capital is
# never repaired.
SLIPS = [
    ("formulation", "A vitamin C serum with an antioxidnt booster", "A vitamin C serum with an antioxidant booster"),
    ("formulation", "Night cream for hyperpigmentaton", "Night cream for hyperpigmentation"),
    pytest.param(
        "market",
        "sunscreen sales in barcelna",
        "sunscreen sales in barcelona",
        marks=xfail(SPLIT + ": a repair never lands on a name (lexicon.names); on purpose since g47"),
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), SLIPS, ids=["antioxidant", "hyperpigmentation", "city"])
def test_a_slip_in_a_word_of_the_trade_is_repaired(generator, a, b):
    assert same(a, b, generator=generator)


def test_antioxidant_slip_end_to_end(served):
    assert served("formulation", *SLIPS[0][1:])


# -- 10. a place after "the <noun>" --------------------------------------------------------------------
# words._located (g40) adds no "in" before a name after "the <noun>" ("the perfume Paris").
# A terse or second-language request drops the "in" after "the <noun>" as after a bare noun
# ("brands Mexico", still a place): "the prices Germany vs France" are the prices in them.
@xfail(SPLIT + ": words._located withholds 'in' after 'the <noun>' before a real place")
def test_a_place_after_the_noun():
    assert same(
        "What are the prices Germany vs France for our serum?",
        "What are the prices in Germany vs France for our serum?",
        generator="market",
    )


def test_a_product_named_after_a_place():
    assert not same("Sales of the lipstick Havana in 2024", "Sales of lipstick in Havana in 2024", generator="market")


# -- 11. arrows as bullets ---------------------------------------------------------------------------
# words._FLOW_ARROW (g41) joins every arrowed line, and the line before them, into one line
# with "then" between: one clause in the order written. Arrows are as often bullets: a
# costing's components in another order are one request (g35 served it: the lines were a set).
def test_arrowed_components_are_a_set():
    assert same(
        "Components:\n→ jar EUR 0.40\n→ lid EUR 0.10\nUnit cost?",
        "Components:\n→ lid EUR 0.10\n→ jar EUR 0.40\nUnit cost?",
        generator="costing",
    )


# -- 12. numbered lines that are no steps ------------------------------------------------------------
# canon._numbered_steps (g42) counts a numbered line that names a phase or a temperature
# (_PROCESS_LINE) as a step, and joins lettered steps in order. Requirements and compared
# options name temperatures too (a lipstick's melting point, an emulsion made hot or cold),
# and a choice between two lettered options opens each with a step verb ("fill in-house",
# "fill at a co-packer"): in another order they are one request, as g35 served them.
NUMBERED = [
    (
        "formulation",
        "Lipstick requirements:\n1. Melting point above 60 °C\n2. No cracking at 5 °C",
        "Lipstick requirements:\n1. No cracking at 5 °C\n2. Melting point above 60 °C",
    ),
    (
        "formulation",
        "Which emulsion is more stable?\n1. Emulsion made hot at 75 °C\n2. Emulsion made cold at 25 °C",
        "Which emulsion is more stable?\n1. Emulsion made cold at 25 °C\n2. Emulsion made hot at 75 °C",
    ),
    (
        "costing",
        "a) fill in-house\nb) fill at a co-packer\nWhich is cheaper per unit?",
        "a) fill at a co-packer\nb) fill in-house\nWhich is cheaper per unit?",
    ),
]


@pytest.mark.parametrize(
    ("generator", "a", "b"), NUMBERED, ids=["requirements-temperature", "options-temperature", "lettered-options"]
)
def test_numbered_lines_that_are_no_steps(generator, a, b):
    assert same(a, b, generator=generator)


def test_lettered_steps_keep_their_order():
    assert not same(
        "a) heat the oils to 70 °C\nb) add the waxes\nc) pour into moulds",
        "a) heat the oils to 70 °C\nb) pour into moulds\nc) add the waxes",
        generator="formulation",
    )


# -- 13. the question's "not" before a verb with an adjective sense --------------------------------
# canon._clause (g43) keeps a "not" after the object of a "do"/"does" question in place
# (ADJECTIVE_NOT) when lexicon.has_adjective_sense says the next word may be an adjective. It
# says yes for verbs: "like" (a preposition and an adjective too), "last", "dry", "separate".
# "What do Gen Z consumers not like" is then not "What don't Gen Z consumers like" (the
# contracted "not" comes first and moves), as it was at g35. And the mark never meets a
# relative clause's "not", which _question_not keeps in place as the plain word: "brands that
# are not safe" is not "brands not safe" (apart before g43 too, but the new mark was the
# chance to join them).
NOTS = [
    ("market", "What do Gen Z consumers not like about our serum?", "What don't Gen Z consumers like about our serum?"),
    ("formulation", "Why does our matte lipstick not last?", "Why doesn't our matte lipstick last?"),
    pytest.param(
        "market",
        "Why do pharmacies sell brands that are not safe for children?",
        "Why do pharmacies sell brands not safe for children?",
        marks=xfail(SPLIT + ": the adjective's 'not' mark never meets a relative clause's plain 'not'"),
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), NOTS, ids=["like", "last", "relative-clause"])
def test_the_questions_not(generator, a, b):
    assert same(a, b, generator=generator)


def test_not_like_end_to_end(served):  # served again at g48: no verb came before the "not"
    assert served("market", *NOTS[0][1:])


def test_an_adjectives_not_after_the_object():
    assert not same(
        "Why do salons recommend masks not suitable for curly hair?",
        "Why do salons not recommend masks suitable for curly hair?",
        generator="formulation",
    )


# -- 14. g44's circumstance and "in order to" ------------------------------------------------------
# rewrites._moves (g44) keeps an until/till/through date in the clause when the clause holds
# any of with/without/under/during/place, wherever and whatever it binds: the product's own
# "with mineral filters" or a price band "under EUR 10" is no circumstance, and the horizon
# no longer moves (g35 served both). canon._SEQUENCE (g44) reads "in order to ...: a, b, c" as
# an order anywhere: the cost levers of a question are a set.
_SERUMS = {"category": "face serums", "region": "Spain"}
_LIPSTICKS = {"category": "lipstick", "region": "Spain"}
HORIZONS = [
    (
        {"query": "sales of SPF 50 sunscreens with mineral filters until 2028", "context": _SPAIN},
        {"query": "sales of SPF 50 sunscreens with mineral filters", "context": {**_SPAIN, "horizon": "2028"}},
    ),
    (
        {"query": "sales of lipsticks under EUR 10 until 2028", "context": _LIPSTICKS},
        {"query": "sales of lipsticks under EUR 10", "context": {**_LIPSTICKS, "horizon": "2028"}},
    ),
]


@pytest.mark.parametrize(("a", "b"), HORIZONS, ids=["with-filters", "under-price"])
def test_a_horizon_after_a_product_phrase_moves(served, a, b):
    assert served("market", a, b)


@xfail(SPLIT + ": canon._SEQUENCE reads 'in order to ...: a, b, c' as an order")
def test_in_order_to_before_a_set():
    assert same(
        "In order to hit EUR 2 COGS, what can we change: jar, cap, carton?",
        "In order to hit EUR 2 COGS, what can we change: carton, jar, cap?",
        generator="costing",
    )


def test_a_horizon_moves_with_no_circumstance(served):
    a = {"query": "sales of vitamin C serums through 2028", "context": _SERUMS}
    b = {"query": "sales of vitamin C serums", "context": {**_SERUMS, "horizon": "2028"}}
    assert served("market", a, b)


def test_a_closed_negation_opens_no_list():
    assert same(
        "Lip balm: beeswax-free, shea butter and jojoba oil",
        "Lip balm: shea butter and jojoba oil, beeswax-free",
        generator="formulation",
    )
