"""Review 50: the guard at g94, on where this session's rules (g89 to g94) fire on ordinary
requests across the five generators.

Near-miss findings: each test below fails today and is ``xfail(strict=True)``; each group
also holds plain tests of paraphrases the rule rightly serves. Nothing here rests on a bare
singular against a bare plural alone (served on purpose, fixtures/semantic/relabelled.json),
and no case of reviews 11 to 49 or test_cache_guard_attack.py is repeated.

Served across requests (worst failure, 4):

1. words._polite_dropped / aliases.GREETING_NAMES_A_THING: a greeting or a thanks opening a
   sentence is dropped unless one of ``_PAPER_THING`` follows, so products named with it lose
   it: "Good morning face mist", "Good morning mist", "Thank you hampers" are served the
   plain mist or hampers: 3
2. canon._after_a_definite_for (ingredient exception): after "for our <thing>" a "with" phrase
   that names an ingredient still moves, so "a fragrance for our body lotion with coconut"
   (the lotion holds coconut) is served "a fragrance with coconut" (a coconut scent): 1

Misses (one request worded two ways, 12):

3. aliases.TASK_VERBS / words._polite_ask: "Can you size / cost / price / research /
   benchmark ..." is a yes/no question while "Could you ..." and the bare order are one;
   the ordinary polite market and costing request misses: 4
4. canon._ACTED_ON / canon._acts_on: "sales", "review", "sign", "awareness", "loyalty" as the
   thing written ("a sales forecast", "a review of our serum", "a sign", "a loyalty
   programme") keep the request verb, so "Generate"/"Create"/"Write"/"Draft" split: 5
5. canon._options_alone: a question after the options ("Candles or diffusers: which grew
   faster in the UK?") keeps them in order, though the question before them ("Which grew
   faster: candles or diffusers?") lets them swap: 1
6. canon._one_counted: "the" before a counted noun that describes the next word ("the study
   design", "the claim wording") adds a count the bare phrase lacks: 2

Held up (probed): "Could you size/cost" = the bare order; "Costing the refill pouches" =
"Cost the refill pouches"; "Test stability, check pH and sample the panel" is still a
sorted list (check opens no step); "thank you gifts" and "Thank you boxes" keep their thanks
(paper things); "hi-shine" keeps its "hi"; "thanks maria" mid-text and "Holland Park" stay;
a "with a rich texture" phrase after "for our cream" stays the cream's; "Give me sales figures"
= "Sales figures". Not found this time: a merge from _comma_steps, the optional-ask rewrite,
"the us", the horizon "by 2030" or _derived, which only split (misses) where they fire.

Closed at g95, 10 of 16 (3 of the 4 near-misses, 7 of the 12 splits): "good morning", "good afternoon" and a thanks, wherever they stand,
are dropped only before a word that goes on greeting or thanking, or a name and a mark (a
sentence opening "hi", "hey" or "hello" still greets); only a verb that can act on a thing
(``canon._CREATING``: generate, create, make...) keeps its place before what it acts on, and
only when that thing is the last word of its object phrase and no "a" opens it; "the" before
a counted noun that only describes the next one ("the study design") counts nothing. Still
open: "a fragrance for our body lotion with coconut" (an ingredient's "with" moves, as it
must for "a serum for the face with 5% niacinamide"); "Candles or diffusers: which grew
faster?" (a miss: the colon makes it one clause); and "can you size / cost / price /
research" as a polite request, kept apart on purpose since review47 (it may ask whether a
target can be met).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# --- 1. words._polite_dropped: a greeting opening a sentence names a product ----------------

GREETING = (
    "words._polite_dropped drops a greeting or thanks opening a sentence unless a _PAPER_THING "
    "follows: 'Good morning face mist', 'Thank you hampers' lose the product's name"
)

_GREETING_NAMES = [
    ("branding", "Good morning face mist: write a tagline.", "Face mist: write a tagline."),
    ("branding", "Good morning mist for tired skin: name ideas.", "Mist for tired skin: name ideas."),
    (
        "branding",
        "Thank you hampers for our retailers: suggest contents.",
        "Hampers for our retailers: suggest contents.",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _GREETING_NAMES)
def test_a_greeting_opening_a_product_name_stays(generator, a, b):
    assert not same(a, b, generator=generator)


def test_good_morning_face_mist_end_to_end(served):
    assert not served("branding", "Good morning face mist: write a tagline.", "Face mist: write a tagline.")


def test_a_greeting_before_a_request_is_dropped():
    assert same(
        "Hi team, write a tagline for our face mist.", "Write a tagline for our face mist.", generator="branding"
    )


def test_thank_you_boxes_keep_their_thanks():
    assert not same(
        "Thank you boxes for our VIP clients: suggest contents.",
        "Boxes for our VIP clients: suggest contents.",
        generator="branding",
    )


# --- 2. canon._after_a_definite_for: an ingredient after "for our <thing>" still moves ------

INGREDIENT_WITH = (
    "canon._after_a_definite_for lets a 'with' phrase naming an ingredient move: a fragrance for "
    "our lotion with coconut (the lotion holds it) = a fragrance with coconut (a coconut scent)"
)


@xfail(INGREDIENT_WITH)
def test_a_fragrance_for_a_lotion_with_coconut():
    assert not same(
        "Recommend a fragrance for our body lotion with coconut.",
        "Recommend a fragrance with coconut for our body lotion.",
        generator="formulation",
    )


def test_a_quality_after_for_our_cream_stays_the_creams():
    assert not same(
        "Suggest an emulsifier for our cream with a rich texture.",
        "Suggest an emulsifier with a rich texture for our cream.",
        generator="formulation",
    )


# --- 3. aliases.TASK_VERBS: "can you size/cost" is read as a yes/no question ----------------

CAN_YOU = (
    "aliases.TASK_VERBS with words._polite_ask keeps 'can you' before size/cost/price/research/"
    "benchmark as 'whether', while 'could you' and the bare order are one request"
)

_CAN_YOU = [
    ("market", "Can you size the UK market for lip oils?", "Could you size the UK market for lip oils?"),
    ("costing", "Can you cost a 50 ml serum at 5,000 units in EUR?", "Cost a 50 ml serum at 5,000 units in EUR."),
    ("costing", "Can you price our serum for 5k units?", "Please price our serum for 5k units."),
    ("market", "Can you research the candle market in Spain?", "Research the candle market in Spain."),
]


@xfail(CAN_YOU)
@pytest.mark.parametrize(("generator", "a", "b"), _CAN_YOU)
def test_can_you_size_is_a_polite_request(generator, a, b):
    assert same(a, b, generator=generator)


def test_could_you_size_is_the_order():
    assert same("Could you size the UK market for lip oils?", "Size the UK market for lip oils.", generator="market")


# --- 4. canon._ACTED_ON: nouns read as what a verb acts on keep the verb --------------------

ACTED_ON = (
    "canon._acts_on keeps the request verb before _ACTED_ON words ('sales', 'review', 'sign', "
    "'awareness', 'loyalty') even where they name the text asked for"
)

_ACTED_ON_SPLITS = [
    ("market", "Generate a sales forecast for lip oils in Spain.", "Create a sales forecast for lip oils in Spain."),
    ("branding", "Write a review of our serum for the blog.", "Draft a review of our serum for the blog."),
    ("branding", "Create a sign for our pop-up store.", "A sign for our pop-up store."),
    ("branding", "Generate awareness ideas for our serum launch.", "Awareness ideas for our serum launch."),
    (
        "market",
        "Create a loyalty programme for our skincare brand in Spain.",
        "A loyalty programme for our skincare brand in Spain.",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _ACTED_ON_SPLITS)
def test_a_written_thing_drops_its_request_verb(generator, a, b):
    assert same(a, b, generator=generator)


def test_give_me_sales_figures_is_sales_figures():
    assert same(
        "Give me sales figures for lip oils in Spain.", "Sales figures for lip oils in Spain.", generator="market"
    )


# --- 5. canon._options_alone: options with anything more keep their order -------------------

OPTIONS = (
    "canon._options_alone swaps 'A or B' only when the question comes before them: a question "
    "after the options keeps their order, though nothing points at one by its place"
)

_OPTIONS = [
    (
        "market",
        "Candles or diffusers: which grew faster in the UK?",
        "Diffusers or candles: which grew faster in the UK?",
    ),
]


@xfail(OPTIONS)
@pytest.mark.parametrize(("generator", "a", "b"), _OPTIONS)
def test_two_options_with_more_said_are_one_pair(generator, a, b):
    assert same(a, b, generator=generator)


def test_options_after_their_question_are_one_pair():
    assert same(
        "Which grew faster in the UK: candles or diffusers?",
        "Which grew faster in the UK: diffusers or candles?",
        generator="market",
    )


# --- 6. canon._one_counted: "the" before a counted noun used as a modifier ------------------

COUNTED = (
    "canon._one_counted counts 'the study design', 'the claim wording' as one study/claim, "
    "so the phrase without 'the' is another request"
)

_COUNTED = [
    ("scientific", "Critique the study design of the retinol trials.", "Critique study design of the retinol trials."),
    ("branding", "Check the claim wording on our serum carton.", "Check claim wording on our serum carton."),
]


@pytest.mark.parametrize(("generator", "a", "b"), _COUNTED)
def test_a_counted_noun_as_a_modifier_is_not_counted(generator, a, b):
    assert same(a, b, generator=generator)


def test_the_study_is_one_paper():
    assert not same("Summarize the study on bakuchiol.", "Summarize the studies on bakuchiol.", generator="scientific")
