"""Review 48: the guard at g92, first on the rules g92 added, then on sequence cues.

Near-miss findings: two requests an expert answers differently that get one canonical form
(``same``; two also checked end to end with ``served``, balanced). Each fails today and is
``xfail(strict=True)``; each group also holds plain tests of what the rule gets right. Cases
of reviews 11 to 47 and test_cache_guard_attack.py are not repeated; none rests on a bare
singular against a bare plural (served on purpose, fixtures/semantic/relabelled.json).

Near-misses served (32):

1. canon._acts_on ("make" before an existing thing): only when "make" is the clause's first
   word and the clause has four words or more. "Make it vegan" / "Make it cheaper" (three
   words), "Please make ..." / "Pls make ..." / "Kindly make ..." (politeness first), "Make
   Glow Serum vegan" (a named product, no determiner), "Make both serums vegan" are still
   "Is it vegan?" / "Is the serum vegan?": 7
2. canon._ACTED_ON: only the word right after the verb is looked at, and the list is short.
   "Create brand awareness", "Generate more/consumer demand", "Create customer loyalty",
   "Generate online sales", "Create excitement", "Create urgency", "Generate word of mouth",
   "Generate reviews" drop the verb and become a measurement of the thing: 9
3. canon._one_counted: stops at a number ("the 2019 study" / "the 2019 studies"), looks only
   three words ahead ("the randomized double-blind placebo-controlled trial"), and returns at
   the first counted word even when it only modifies the head ("which supplier quote" /
   "which supplier quotes", "the name idea" / "the name ideas"): 5
4. canon count rules: "what" before a noun never counts (g92 made only "which" count):
   "What name fits" / "What names fit", "What slogan", "What study", "What competitor": 4
5. canon._SEQUENCE: a comma-separated run of imperatives in prose is a process whose order
   matters but carries no cue: "Apply retinol, wait 20 minutes, apply moisturizer" (buffering)
   is its reverse; "Heat the oils..., add the emulsifier, cool..., add the preservative" in
   another order; "Open a pop-up in Paris, test prices, expand to Lyon" reversed: 3
6. aliases._POLITE_RE (g92 lookbehind): politeness is kept only after a/an/the/our/my/your/
   their, so "thank you" before a noun is still dropped bare, after a number, after
   "these" or opening a clause ("Write thank you notes" = "Write notes", "Design 500 thank you
   cards" = "Design 500 cards", "Thank you card copy" = "Card copy"): 4 (cards in review47
   were after "our" only)

Paraphrases split (1):

7. canon._acts_on: "Please make the serum vegan" is not "Make the serum vegan" (the first word
   is no longer "make" once the form is read, yet "please" was dropped): the same order, two
   forms.

Held up (probed, kept apart or rightly merged): "Can you make the serum vegan?" = "Make the
serum vegan" (served, right); "Make the new serum vegan", "Make our cleanser sulfate-free",
"Make this balm vegan", "Make them vegan", "Make it SLS-free" kept apart from the questions;
"Generate sales leads", "Build awareness", "Generate buzz", "Build hype" kept; "Help me write a
tagline" = "Write a tagline" (one request verb rule did not split it); "the split-face
study", "their study", "which big competitor", "Which quote is cheapest", "Review the supplier
quotes" / "quote", "the study designs" / "design" kept apart; "Can we / Could we cost ..." and
"Is it possible to cost ..." kept apart from the order; "can you" before combine, layer, use
kept as a question; "before"/"after" relations ("vitamin C before sunscreen"), "first"/"second"
bound to their places, "then" chains; attachment of "with blisters" / "with fleas" to its
people across an "and" list (canon._afflicted and the phrase binding held on every probe).

Closed at g93, 32 of 33: "make" keeps its place unless what follows it is made ("a", "some",
"me", a number: ``canon._MAKE_CREATES``), after any politeness ("Please make the serum
vegan"); a request verb stays when its object phrase, up to a preposition, names what it acts
on (``canon._ACTED_ON``, now with excitement, urgency, reviews...); one counted thing is the
last counted word of a noun phrase of up to seven words, numbers skipped ("the 2019 study",
"which supplier quote"), and "what" before it counts as "which" does; a sentence of three
steps or more between commas, each opening with a process verb, keeps its order
(``canon._comma_steps``); politeness before a card or a note is a thing ("thank you notes").
Still open: "Generate word of mouth" (the object's head is "word").
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# --- 1. canon._acts_on: "make" read only as the clause's first word of four or more ----------

MAKE = (
    "canon._acts_on: 'make' kept only when words[0] is 'make' and the clause has 4+ words with a "
    "determiner after it; 'Make it vegan', 'Please make ...', 'Make Glow Serum vegan' are the yes/no question"
)

_MAKE_IS_THE_QUESTION = [
    ("formulation", "Make it vegan", "Is it vegan?"),
    ("formulation", "Make it cheaper", "Is it cheaper?"),
    ("formulation", "Please make the serum vegan", "Is the serum vegan?"),
    ("formulation", "Pls make the serum vegan", "Is the serum vegan?"),
    ("formulation", "Kindly make the balm safe for babies", "Is the balm safe for babies?"),
    ("formulation", "Make Glow Serum vegan", "Is Glow Serum vegan?"),
    ("formulation", "Make both serums vegan", "Are both serums vegan?"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _MAKE_IS_THE_QUESTION)
def test_make_is_not_the_yes_no_question(generator, a, b):
    assert not same(a, b, generator=generator)


def test_please_make_it_vegan_is_not_served_is_it_vegan(served):
    assert not served("formulation", "Is the serum vegan?", "Please make the serum vegan")


def test_can_you_make_is_make():
    assert same("Can you make the serum vegan?", "Make the serum vegan", generator="formulation")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Make the new serum vegan", "Is the new serum vegan?"),
        ("Make them vegan", "Are they vegan?"),
        ("Make it SLS-free", "Is it SLS-free?"),
    ],
)
def test_make_kept_where_it_held(a, b):
    assert not same(a, b, generator="formulation")


# --- 2. canon._ACTED_ON: only the next word, a short list --------------------------------------

ACTED = (
    "canon._acts_on / _ACTED_ON: only kept[1] is checked against a short list; a modifier before "
    "the thing ('brand awareness', 'more demand') or an unlisted thing drops the verb"
)

_GENERATE_IS_THE_MEASURE = [
    ("market", "Create brand awareness for our serum in Poland", "Brand awareness for our serum in Poland"),
    ("market", "Generate more demand for refills in Germany", "More demand for refills in Germany"),
    ("market", "Generate consumer demand for refills in Germany", "Consumer demand for refills in Germany"),
    ("market", "Create customer loyalty in Germany", "Customer loyalty in Germany"),
    ("market", "Generate online sales for the serum in Poland", "Online sales for the serum in Poland"),
    ("market", "Create excitement for the launch in Poland", "Excitement for the launch in Poland"),
    ("branding", "Create urgency for the launch", "Urgency for the launch"),
    pytest.param(
        "market",
        "Generate word of mouth for refills in Germany",
        "Word of mouth for refills in Germany",
        marks=pytest.mark.xfail(strict=True, reason=ACTED),
    ),
    ("market", "Generate reviews for our serum in Poland", "Reviews for our serum in Poland"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _GENERATE_IS_THE_MEASURE)
def test_a_verb_acting_on_a_modified_thing_is_kept(generator, a, b):
    assert not same(a, b, generator=generator)


def test_create_brand_awareness_is_not_served_brand_awareness(served):
    assert not served(
        "market", "Brand awareness for our serum in Poland", "Create brand awareness for our serum in Poland"
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "Generate sales leads for our salon in Poland", "Sales leads for our salon in Poland"),
        ("market", "Build awareness of refills in Germany", "Awareness of refills in Germany"),
        ("market", "Generate buzz for the serum in Poland", "Buzz for the serum in Poland"),
        ("branding", "Build hype for the launch", "Hype for the launch"),
    ],
)
def test_acted_on_where_it_held(generator, a, b):
    assert not same(a, b, generator=generator)


def test_please_generate_demand_is_generate_demand():
    assert same(
        "Generate demand for refills in Germany", "Please generate demand for refills in Germany", generator="market"
    )


# --- 3. canon._one_counted: a number, a long phrase, a counted modifier -------------------------

ONE_COUNTED = (
    "canon._one_counted: stops at a number, looks three words ahead, and returns at the first counted "
    "word even when it modifies the head ('supplier quote', 'name idea')"
)

_ONE_COUNTED_MISSED = [
    (
        "scientific",
        "Summarize the 2019 study on bakuchiol for acne",
        "Summarize the 2019 studies on bakuchiol for acne",
    ),
    ("scientific", "Summarize the 2019 trial on bakuchiol", "Summarize the 2019 trials on bakuchiol"),
    (
        "scientific",
        "Summarize the randomized double-blind placebo-controlled trial on bakuchiol",
        "Summarize the randomized double-blind placebo-controlled trials on bakuchiol",
    ),
    (
        "costing",
        "Which supplier quote is cheapest for 5,000 units?",
        "Which supplier quotes are cheapest for 5,000 units?",
    ),
    ("branding", "Rank the name idea for the serum", "Rank the name ideas for the serum"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _ONE_COUNTED_MISSED)
def test_the_one_is_not_the_several_past_the_window(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("scientific", "Summarize the split-face study on bakuchiol", "Summarize the split-face studies on bakuchiol"),
        ("costing", "Which quote is cheapest for 5,000 units?", "Which quotes are cheapest for 5,000 units?"),
        ("costing", "Review the supplier quotes for 5,000 units", "Review the supplier quote for 5,000 units"),
        ("market", "Which big competitor leads in Poland?", "Which big competitors lead in Poland?"),
    ],
)
def test_one_counted_where_it_held(generator, a, b):
    assert not same(a, b, generator=generator)


def test_tell_me_which_tagline_is_which_tagline():
    assert same(
        "Tell me which tagline works best for the serum",
        "Which tagline works best for the serum?",
        generator="branding",
    )


# --- 4. "what" before a counted noun never counts ----------------------------------------------

WHAT = "canon count rules: g92 counts 'which <noun>' but not 'what <noun>': 'What name fits' = 'What names fit'"

_WHAT_ONE_IS_WHAT_SEVERAL = [
    ("branding", "What name fits our serum best?", "What names fit our serum best?"),
    ("branding", "What slogan suits the launch?", "What slogans suit the launch?"),
    ("scientific", "What study supports bakuchiol for acne?", "What studies support bakuchiol for acne?"),
    ("market", "What competitor leads in Poland?", "What competitors lead in Poland?"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _WHAT_ONE_IS_WHAT_SEVERAL)
def test_what_one_is_not_what_several(generator, a, b):
    assert not same(a, b, generator=generator)


def test_which_one_held():
    assert not same("Which name fits the serum best?", "Which names fit the serum best?", generator="branding")


# --- 5. canon._SEQUENCE: a process in prose with no cue ---------------------------------------

SEQUENCE = (
    "canon._SEQUENCE: comma-separated imperatives in one sentence are a process whose order matters, "
    "but no cue ('then', 'steps') marks them, so the clauses are sorted"
)

_PROCESS_WITHOUT_CUE = [
    (
        "formulation",
        "Apply retinol, wait 20 minutes, apply moisturizer",
        "Apply moisturizer, wait 20 minutes, apply retinol",
    ),
    (
        "formulation",
        "Heat the oils to 75 C, add the emulsifier, cool to 40 C, add the preservative",
        "Add the emulsifier, heat the oils to 75 C, add the preservative, cool to 40 C",
    ),
    (
        "market",
        "Open a pop-up in Paris, test prices, expand to Lyon",
        "Expand to Lyon, test prices, open a pop-up in Paris",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _PROCESS_WITHOUT_CUE)
def test_a_process_in_prose_keeps_its_order(generator, a, b):
    assert not same(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Heat the oils to 75 C, then add the emulsifier, then cool to 40 C",
            "Heat the oils to 75 C, then cool to 40 C, then add the emulsifier",
        ),
        ("formulation", "Apply vitamin C before sunscreen", "Apply sunscreen before vitamin C"),
        ("market", "Launch in Poland first and in Germany second", "Launch in Germany first and in Poland second"),
    ],
)
def test_order_cues_that_held(generator, a, b):
    assert not same(a, b, generator=generator)


# --- 6. aliases._POLITE_RE: "thank you" as a modifier outside an article or possessive --------

POLITE = (
    "aliases._POLITE_RE: the g92 lookbehind keeps politeness only after a/an/the/our/my/your/their; "
    "bare, after a number, after 'these' or opening a clause, 'thank you cards/notes' lose 'thank you'"
)

_THANK_YOU_AS_A_THING = [
    ("branding", "Write thank you notes for our customers", "Write notes for our customers"),
    ("branding", "Design 500 thank you cards for the launch", "Design 500 cards for the launch"),
    ("branding", "Design these thank you cards for the launch", "Design these cards for the launch"),
    ("branding", "Thank you card copy for our customers", "Card copy for our customers"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _THANK_YOU_AS_A_THING)
def test_thank_you_before_a_noun_is_kept(generator, a, b):
    assert not same(a, b, generator=generator)


def test_thank_you_held_after_a_hyphen_and_a_number():
    assert not same("Copy for 200 thank-you cards", "Copy for 200 cards", generator="branding")


def test_thanks_as_politeness_is_dropped():
    assert same("Write a tagline for our serum, thank you", "Write a tagline for our serum", generator="branding")


# --- 7. Paraphrases split ---------------------------------------------------------------------


def test_please_make_is_make():
    assert same("Please make the serum vegan", "Make the serum vegan", generator="formulation")
