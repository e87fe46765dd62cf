"""Review 49: the guard at g93, first on the rules g93 added, then on the field rewrites.

Near-miss findings: two requests an expert answers differently that get one canonical form
(``same``; some also checked end to end with ``served``, balanced). Each fails today and is
``xfail(strict=True)``; each group also holds plain tests of what the rule gets right. Cases
of reviews 11 to 48 and test_cache_guard_attack.py are not repeated; none rests on a bare
singular against a bare plural alone (served on purpose, fixtures/semantic/relabelled.json).

Near-misses served (27):

1. canon.WITH_THE_THING / canon._after_a_definite_for: the "with" phrase is bound to the
   thing before it only after "for the/this/these/those <up to three words>". After "our",
   "my", a named product, a longer noun phrase ("the new night repair serum") or an
   indefinite "a shampoo", the "with" phrase still moves to the object: a preservative with
   a low pH is served a preservative for our serum with a low pH: 5
2. canon._comma_steps / canon._PROCESS_VERBS: only a closed verb list opens a step, each step
   needs a second word, the sentence must hold three comma parts, and ";" ends a sentence.
   "Cleanse, tone, moisturize, apply SPF", "Combine the oils, ...", "Exfoliate, apply the
   mask, ...", "Hydrate the gum, ...", "Launch online, go into Boots, ...", "Shampoo,
   condition, ...", steps split by semicolons, "a, b and c", and two steps are still
   sorted: 9
3. canon._MAKE_CREATES: "one", numbers and "new" count as a thing made, so "Make one of the
   serums fragrance-free", "Make 2 of the serums vegan", "Make new packaging recyclable" are
   still the yes/no question: 3
4. canon._one_counted: a counted noun followed by a noun that the lists do not count is the
   phrase's head ("Which tagline variant(s)", "Which competitor brand(s)"), and "what" counts
   only as the text's very first word ("So what study ..."): 3
5. aliases._POLITE_RE (g93 lookahead): a closed list of ten nouns after politeness; "thank
   you postcards / flyers / boxes / texts / sachets", "thanks cards" lose the "thank you",
   and "Hello Kitty" (a brand) loses its "Hello": 7

Paraphrases split (1):

6. guard.looking_ahead: "by 2030" in the free text is served horizon "2030", yet a horizon
   field of "by 2030" is not horizon "2030".

Held up (probed, kept apart or rightly merged): the definite rule itself with texture, burn
time, clear look, a matte finish, a gold rim, best margins and a playful tone; "which has a
low pH" clauses; "for the 30 ml serum" (a number stops the rule, keeping the phrases apart);
"Dissolve the salt, add the surfactant, adjust the pH", "then"-marked chains and "before"
relations; "Make some/every/all/each ... vegan" and "Can we make the serum vegan?" against
the order; "this/that/each study" against "these/those/all studies", "the study's" against
"the studies'", "the 12-week study", "the most cited study", "Which retailer chain(s)",
"Tell me what study(-ies)"; "welcome emails", "good night balms", "thank-you notes"; horizon:
"past 3 years", "since 2020", "in/before/after/from 2030", "3 years ago" kept apart from the
horizon field; "over the next 5 years" against a horizon of 3 years; region moves against a
city, a second country, "compared with", "versus", "from Spain".

Closed at g94, 24 of 28: a "with" phrase after "for <a thing>" (an article, a possessive or a
name opening it, not people or a business) is that thing's unless it names an ingredient, an
amount, an SPF or a pack; steps between commas, semicolons, "and" or "then", two or more,
each opening with a verb of a process (a longer list: cleanse, tone, exfoliate, hydrate,
neutralise...), keep their order, one word each or more; "make" before "one of", a number or
"new" and a clause that ends in a quality is an order; "what" counts anywhere; a greeting or a
thanks inside a sentence before a word that does not go on greeting names a thing ("thank you
postcards"); a horizon field "by 2030" is 2030. Still open: "tagline variant(s)" and
"competitor brand(s)" (the counted word describes the next one), "thanks cards" (the word
"thanks" is dropped on its own), and "Hello Kitty" opening the text (read as a greeting).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# --- 1. canon.WITH_THE_THING: only after "for the <up to three words>" --------------------------

WITH = (
    "canon._after_a_definite_for binds a 'with' phrase to its thing only after for the/this/these/those "
    "and up to three words: 'for our serum', 'for Glow Serum', 'for the new night repair serum' let it move"
)

_WITH_MOVES = [
    (
        "formulation",
        "Suggest a preservative for our serum with a low pH.",
        "Suggest a preservative with a low pH for our serum.",
    ),
    (
        "formulation",
        "Suggest a preservative for my serum with a low pH.",
        "Suggest a preservative with a low pH for my serum.",
    ),
    (
        "formulation",
        "Suggest a preservative for Glow Serum with a low pH.",
        "Suggest a preservative with a low pH for Glow Serum.",
    ),
    (
        "formulation",
        "Suggest a preservative for the new night repair serum with a low pH.",
        "Suggest a preservative with a low pH for the new night repair serum.",
    ),
    (
        "formulation",
        "Suggest a thickener for a shampoo with a clear look.",
        "Suggest a thickener with a clear look for a shampoo.",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _WITH_MOVES)
def test_a_with_phrase_after_a_for_thing_stays_its(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_with_phrase_after_our_thing_end_to_end(served):
    assert not served(
        "branding",
        "Write a tagline for our serum with a playful tone.",
        "Write a tagline with a playful tone for our serum.",
    )


def test_the_definite_thing_keeps_its_with_phrase():
    assert not same(
        "Suggest a preservative for the serum with a low pH.", "Suggest a preservative with a low pH for the serum."
    )
    assert not same(
        "Cost a pump for the bottle with a matte finish.",
        "Cost a pump with a matte finish for the bottle.",
        generator="costing",
    )


def test_the_definite_thing_politely():
    assert same(
        "Suggest a preservative for the serum with a low pH.",
        "Hi team, could you please suggest a preservative for the serum with a low pH?",
    )


# --- 2. canon._comma_steps: a closed verb list, three comma parts ------------------------------

STEPS = (
    "canon._comma_steps needs 3+ comma parts each opening with a _PROCESS_VERBS verb and a second word: "
    "cleanse/tone/combine/exfoliate/hydrate/go/shampoo, semicolons, 'and' and two steps are sorted"
)

_STEPS_SORTED = [
    (
        "formulation",
        "Cleanse, tone, moisturize, apply SPF. Why does my skin sting?",
        "Apply SPF, moisturize, tone, cleanse. Why does my skin sting?",
    ),
    (
        "formulation",
        "Combine the oils, heat to 75 C, add the emulsifier. Why does it split?",
        "Add the emulsifier, heat to 75 C, combine the oils. Why does it split?",
    ),
    (
        "formulation",
        "Exfoliate, apply the mask, rinse with warm water. Is this OK for sensitive skin?",
        "Apply the mask, exfoliate, rinse with warm water. Is this OK for sensitive skin?",
    ),
    (
        "formulation",
        "Hydrate the gum, add glycerin, neutralise with TEA. Why is the gel cloudy?",
        "Neutralise with TEA, add glycerin, hydrate the gum. Why is the gel cloudy?",
    ),
    (
        "market",
        "Launch online, go into Boots, open a flagship. Is this the right order?",
        "Open a flagship, go into Boots, launch online. Is this the right order?",
    ),
    (
        "formulation",
        "Shampoo, condition, apply the mask. Is this right for curly hair?",
        "Apply the mask, shampoo, condition. Is this right for curly hair?",
    ),
    (
        "formulation",
        "Apply retinol; wait 20 minutes; apply moisturizer. Is this OK?",
        "Apply moisturizer; wait 20 minutes; apply retinol. Is this OK?",
    ),
    (
        "formulation",
        "Apply retinol, wait 20 minutes and apply moisturizer. Is this OK?",
        "Apply moisturizer, wait 20 minutes and apply retinol. Is this OK?",
    ),
    (
        "formulation",
        "Apply retinol, apply moisturizer. Does this reduce irritation?",
        "Apply moisturizer, apply retinol. Does this reduce irritation?",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _STEPS_SORTED)
def test_comma_steps_keep_their_order(generator, a, b):
    assert not same(a, b, generator=generator)


def test_comma_steps_end_to_end(served):
    assert not served(
        "formulation",
        "Cleanse, tone, moisturize, apply SPF. Why does my skin sting?",
        "Apply SPF, moisturize, tone, cleanse. Why does my skin sting?",
    )


def test_listed_process_verbs_keep_their_order():
    assert not same(
        "Dissolve the salt, add the surfactant, adjust the pH to 5.5.",
        "Add the surfactant, dissolve the salt, adjust the pH to 5.5.",
    )


# --- 3. canon._MAKE_CREATES: "one", a number, "new" ------------------------------------------------

MAKE = (
    "canon._acts_on: 'make' before a word of _MAKE_CREATES ('one', 'new') or a number is dropped, so "
    "'Make one of the serums fragrance-free' is 'Is one of the serums fragrance-free?'"
)

_MAKE_IS_THE_QUESTION = [
    ("formulation", "Make one of the serums fragrance-free", "Is one of the serums fragrance-free?"),
    ("formulation", "Make 2 of the serums vegan", "Are 2 of the serums vegan?"),
    ("formulation", "Make new packaging recyclable", "Is new packaging recyclable?"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _MAKE_IS_THE_QUESTION)
def test_make_keeps_its_place(generator, a, b):
    assert not same(a, b, generator=generator)


def test_make_some_of_them_is_an_order():
    assert not same("Make some of the serums vegan", "Are some of the serums vegan?")
    assert not same("Make every serum vegan", "Is every serum vegan?")


def test_make_me_a_tagline_is_a_request():
    assert same("Make me a tagline", "Write a tagline", generator="branding")


# --- 4. canon._one_counted: the head of the noun phrase, "what" first only ------------------------

COUNTED = (
    "canon._one_counted stops at the first uncounted noun after a counted one ('tagline variant', "
    "'competitor brand') and reads 'what' only at words[0]"
)

_ONE_OR_SEVERAL = [
    pytest.param(
        "branding",
        "Which tagline variants should we A/B test?",
        "Which tagline variant should we A/B test?",
        marks=xfail(COUNTED),
    ),
    pytest.param(
        "market",
        "Which competitor brand grew fastest in Spain?",
        "Which competitor brands grew fastest in Spain?",
        marks=xfail(COUNTED),
    ),
    ("scientific", "So what study shows bakuchiol works?", "So what studies show bakuchiol works?"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _ONE_OR_SEVERAL)
def test_one_counted_thing(generator, a, b):
    assert not same(a, b, generator=generator)


def test_which_retailer_chain_is_one():
    assert not same(
        "Which retailer chain stocks the most K-beauty?",
        "Which retailer chains stock the most K-beauty?",
        generator="market",
    )
    assert not same(
        "Find the most cited study on bakuchiol", "Find the most cited studies on bakuchiol", generator="scientific"
    )


# --- 5. aliases._POLITE_RE: ten nouns after politeness ---------------------------------------------

POLITE = (
    "aliases._POLITE_RE keeps politeness only before cards/notes/letters/messages/gifts/inserts/tags/"
    "stickers/emails/pages: 'thank you postcards' is 'postcards', 'Hello Kitty' is 'Kitty'"
)

_POLITENESS_DROPPED = [
    ("branding", "Design thank you postcards for our serum launch", "Design postcards for our serum launch"),
    ("branding", "Write thank you flyers for the pop-up", "Write flyers for the pop-up"),
    ("branding", "Design thank you boxes for VIP customers", "Design boxes for VIP customers"),
    ("branding", "Write thank you texts for new customers", "Write texts for new customers"),
    ("branding", "Write copy for thank you sachets", "Write copy for sachets"),
    pytest.param("branding", "Write thanks cards for stockists", "Write cards for stockists", marks=xfail(POLITE)),
    pytest.param(
        "branding", "Hello Kitty lip balm packaging ideas", "Kitty lip balm packaging ideas", marks=xfail(POLITE)
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _POLITENESS_DROPPED)
def test_politeness_before_a_thing(generator, a, b):
    assert not same(a, b, generator=generator)


def test_thank_you_postcards_end_to_end(served):
    assert not served(
        "branding", "Design thank you postcards for our serum launch", "Design postcards for our serum launch"
    )


def test_thank_you_notes_are_things():
    assert not same("Write thank-you notes for stockists", "Write notes for stockists", generator="branding")
    assert not same("Write welcome emails for new customers", "Write emails for new customers", generator="branding")


# ================================ paraphrases split ================================


# --- 6. guard.looking_ahead: "by 2030" in the field ---------------------------------------------


def _market(query: str, **context: str) -> dict:
    return {"query": query, "context": context}


def test_by_2030_in_the_text_is_the_horizon(served):
    assert served(
        "market", _market("Serum sales in Spain by 2030", horizon=""), _market("Serum sales in Spain", horizon="2030")
    )
    assert served(
        "market",
        _market("Serum sales in Spain", horizon="next 3 years"),
        _market("Serum sales in Spain", horizon="3 years"),
    )


def test_since_2020_is_no_horizon(served):
    assert not served(
        "market", _market("Serum sales in Spain", horizon="since 2020"), _market("Serum sales in Spain", horizon="2020")
    )


def test_by_2030_in_the_horizon_field(served):
    assert served(
        "market", _market("Serum sales in Spain", horizon="by 2030"), _market("Serum sales in Spain", horizon="2030")
    )
