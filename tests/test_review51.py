"""Review 51: the guard at g95, on where this session's rules (g89 to g95) fire on ordinary
requests across the generators.

Each finding is a test that fails today, marked ``xfail(strict=True)``: it passes while the
finding stands and turns red when a fix closes it (then drop the mark). Each group also
holds plain tests of paraphrases the rule rightly serves. Nothing here rests on a bare
singular against a bare plural alone (served on purpose, fixtures/semantic/relabelled.json):
every near-miss below counts its noun with "the". "Regression" means kept apart (near-miss)
or served (paraphrase) at g88 (8897cd0) and no longer.

Served across requests (worst failure, 11):

1. canon._one_counted, the ``head`` test (g95, review50's "the study design"): after "the
   <counted noun>" any next word with a noun sense ends the count, and that catches the verb
   of the sentence: "show", "use", "support", "cover", "look", "work", "sound", "need",
   "fit", "sell", "hold" all have one. "Does the study show ...?" (one paper) is served
   "Do the studies show ...?" (the literature), and so in branding ("Does the tagline work
   for Gen Z?"), market ("Does the competitor sell in Spain?") and claims. This is the very
   contrast g92 drew ("the study" one paper, "the studies" the literature), lost on the
   commonest question form: 11 (one also end to end)

Paraphrases split (misses, 12):

2. canon.OPTION_BY_PLACE (g89/g90): "last", "first", "third", "#1" and "switch" count as
   pointing at an option by its place wherever they stand, so a time ("last year", "over the
   last 12 months", "last Christmas", "in the first year"), "third-party", "the #1 seller"
   or "switch to" freezes the options' order (regressions; served at g88): 8 (one end to
   end, a horizon field "last 12 months" through ``guard.form``)
3. words._polite_dropped (g94/g95): "good morning" / "good afternoon" / "thank you" before a
   title or a name with no mark right after ("Mr Smith,", "Sarah and team,", "Dr Lee,") is
   kept as a thing, while "Hi"/"Hello" opening the text are dropped: the same greeting worded
   two ways splits (regressions; one form at g88): 4
4. canon._one_counted head test again: "Does the study show X?" and "Does the study prove
   X?" differ only by the verb's noun sense; one counts the study and one does not. Not
   counted as a paraphrase (the verbs differ), pinned as a plain observation: 0

Held up (probed, not findings): "What does the study report / How does the study define"
keep the count; "Does the quote include freight?" counts one quote; "Which sold more in 2024
/ in the first half: A or B?" still swaps; _acts_on keeps "boost", "drive", "build",
"generate leads" apart from the bare data request; "generate demand next quarter" and "what
is demand next quarter" merge (but that was so at g88: not this session's). Lists before a
noun ("leave-on and rinse-off serums", "cream and lotion sales") keep their order as at g88,
so _comma_steps adds no new split there. "-ible" misspellings ("recyclible") are not
repaired, as at g88.

Closed at g96, 22 of 23: in a question the counted noun after "the" is the subject and the
word after it its verb ("Does the study show ...?"); ``canon.OPTION_BY_PLACE`` keeps only
words that point at an option and at nothing else (not "last", "first", "#1", "switch"); a
greeting or a thanks before a capitalised word greets a name. Still open: "Does the paper
claim ...?" ("claim" is a counted noun too).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same, served  # noqa: F401  (fixture)

XF = pytest.mark.xfail

# ---------------------------------------------------------------------------------------
# 1. canon._one_counted head test: the sentence's verb read as a described noun
# ---------------------------------------------------------------------------------------

_ONE_COUNTED = (
    "canon._one_counted (g95 head test): the verb after 'the <counted noun>' has a noun sense, so the count is lost"
)


@pytest.mark.parametrize(
    ("generator", "one", "many"),
    [
        (
            "scientific",
            "Does the study show that niacinamide reduces redness?",
            "Do the studies show that niacinamide reduces redness?",
        ),
        ("scientific", "Does the trial use a placebo?", "Do the trials use a placebo?"),
        (
            "scientific",
            "Does the study support the claim that retinol thins skin?",
            "Do the studies support the claim that retinol thins skin?",
        ),
        ("scientific", "Does the review cover bakuchiol?", "Do the reviews cover bakuchiol?"),
        ("scientific", "Does the study look at men?", "Do the studies look at men?"),
        pytest.param(
            "scientific",
            "Does the paper claim azelaic acid helps rosacea?",
            "Do the papers claim azelaic acid helps rosacea?",
            marks=XF(strict=True, reason=_ONE_COUNTED + " (still open at g96: 'claim' is a counted noun too)"),
        ),
        ("scientific", "Does the claim hold up for bakuchiol?", "Do the claims hold up for bakuchiol?"),
        ("branding", "Does the tagline work for Gen Z?", "Do the taglines work for Gen Z?"),
        ("branding", "Does the name sound premium?", "Do the names sound premium?"),
        ("branding", "Does the slogan need a verb?", "Do the slogans need a verb?"),
        ("market", "Does the competitor sell in Spain?", "Do the competitors sell in Spain?"),
    ],
)
def test_the_one_against_the_many_before_a_verb(generator: str, one: str, many: str) -> None:
    assert not same(one, many, generator=generator)


def test_the_study_shows_served_end_to_end(served) -> None:  # noqa: F811
    assert not served(
        "scientific",
        "Does the study show that niacinamide reduces redness?",
        "Do the studies show that niacinamide reduces redness?",
    )


def test_the_study_counted_where_the_verb_has_no_noun_sense() -> None:
    assert not same(
        "How does the study define sensitive skin?", "How do the studies define sensitive skin?", generator="scientific"
    )
    assert not same("Does the quote include freight?", "Do the quotes include freight?", generator="costing")


def test_the_study_paraphrase_served() -> None:
    assert same("Could you summarize the study design, please?", "Summarize the study design", generator="scientific")
    assert same(
        "How does the study define sensitive skin?", "How does the study define sensitive skin", generator="scientific"
    )


def test_the_study_show_and_prove_read_differently() -> None:
    # an observation, not a finding: only the verb's noun sense decides the count
    assert not same(
        "Does the study show that niacinamide reduces redness?",
        "Does the study prove that niacinamide reduces redness?",
        generator="scientific",
    )


# ---------------------------------------------------------------------------------------
# Paraphrases that hold (groups 2 and 3)
# ---------------------------------------------------------------------------------------


def test_options_swap_when_nothing_points_at_one() -> None:
    assert same(
        "Which sold more in 2024: serums or oils?", "Which sold more in 2024: oils or serums?", generator="market"
    )
    assert same(
        "Which sold more in the first half: candles or diffusers?",
        "Which sold more in the first half: diffusers or candles?",
        generator="market",
    )


def test_greetings_with_a_name_and_a_mark_dropped() -> None:
    assert same("Hi Sarah, please create a vegan serum", "Good morning Sarah, please create a vegan serum")
    assert same("Good morning team, please create a vegan serum", "Hi team, please create a vegan serum")


# ---------------------------------------------------------------------------------------
# 2. Broken paraphrases: canon.OPTION_BY_PLACE reads times and names as places
# ---------------------------------------------------------------------------------------

_BY_PLACE = "canon.OPTION_BY_PLACE: 'last'/'first'/'third'/'#1'/'switch' anywhere freeze the options' order"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Which sold more last year: candles or diffusers?", "Which sold more last year: diffusers or candles?"),
        (
            "Which sold more over the last 12 months: serums or oils?",
            "Which sold more over the last 12 months: oils or serums?",
        ),
        (
            "Which sold more last Christmas: candles or diffusers?",
            "Which sold more last Christmas: diffusers or candles?",
        ),
        (
            "Which sold more in the first year: candles or diffusers?",
            "Which sold more in the first year: diffusers or candles?",
        ),
        (
            "Which sells more in third-party pharmacies: candles or diffusers?",
            "Which sells more in third-party pharmacies: diffusers or candles?",
        ),
        ("Which is the #1 seller in Spain: serums or oils?", "Which is the #1 seller in Spain: oils or serums?"),
        ("Which do shoppers switch to more: bars or bottles?", "Which do shoppers switch to more: bottles or bars?"),
    ],
)
def test_options_in_either_order_with_a_time_or_a_name(a: str, b: str) -> None:
    assert same(a, b, generator="market")


def test_options_with_a_plain_horizon_served(served) -> None:  # noqa: F811
    context = {"category": "home fragrance", "region": "UK", "horizon": "2024"}
    assert served(
        "market",
        {"query": "Which sold more: candles or diffusers?", "context": context},
        {"query": "Which sold more: diffusers or candles?", "context": context},
    )


def test_options_with_a_horizon_field_served(served) -> None:  # noqa: F811
    context = {"category": "home fragrance", "region": "UK", "horizon": "last 12 months"}
    assert served(
        "market",
        {"query": "Which sold more: candles or diffusers?", "context": context},
        {"query": "Which sold more: diffusers or candles?", "context": context},
    )


# ---------------------------------------------------------------------------------------
# 3. Broken paraphrases: words._polite_dropped keeps a greeting before a title or a name
# ---------------------------------------------------------------------------------------

_GREETING = "words._polite_dropped: 'good morning'/'thank you' before a name with no mark right after is kept"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hi Mr Smith, please create a vegan serum", "Good morning Mr Smith, please create a vegan serum"),
        ("Hi Sarah and team, please create a vegan serum", "Good morning Sarah and team, please create a vegan serum"),
        ("Hello Dr Lee, please create a vegan serum", "Good afternoon Dr Lee, please create a vegan serum"),
        ("Thank you Sarah and team! Create a vegan serum", "Thanks Sarah and team! Create a vegan serum"),
    ],
)
def test_one_greeting_worded_two_ways(a: str, b: str) -> None:
    assert same(a, b)
