"""Review 43: the guard at g87 (``git diff 97acccb -- optimizer/cache/``), on ordinary traffic.

Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
gets two canonical forms (``same``). Each finding fails today and is ``xfail(strict=True)``;
each group also holds plain tests of what the rule gets right. Cases of reviews 11 to 42 and
test_cache_guard_attack.py are not repeated; none rests on bare singular/plural.

Near-misses served (7):

1. commas.set_apart, ``_SHARED_PHRASE``: a phrase after the second thing counts as shareable
   only when it opens with a listed word. "against" (a target: "against blemishes"),
   "during" (a time or state: "during pregnancy") and a trailing "certified"/"after" are not
   listed, so "a face wash, and a toner against blemishes" (only the toner fights them) is
   served "a face wash and a toner against blemishes" (both may): 7

Paraphrases split (8):

2. canon._SEQUENCE, ``_SCALE`` cue: "<scale> to <scale>" followed within 25 characters by
   ANY hyphen counts as a list's ordered heading, so an ordinary hyphenated word
   ("oil-free", "water-resistant", "sulfate-free", "anti-ageing", "e-commerce") after
   "fair to deep skin" makes every list in the text order-bearing, and a country or
   ingredient list in another order is kept apart (without the hyphen they are one): 6
3. canon._SEQUENCE, ``_ROUTINE``: "night" or "overnight" before a spaced dash is read as a
   routine label ("Launch party Friday night -", "Overnight - shipping"), so a country list
   in another order is kept apart (review42 found "day:"/"morning -"; these are other
   words of the same pattern): 2

Held up: the comma rule kept apart every phrase head in its list tried here ("with", "in",
"at", "sold", "tested on", "aimed at", "priced at", "inspired by", "below", "up to",
"compliant with", "approved for", "versus", "over 12 weeks"), "or", "plus", "as well as"
and "along with" after a comma. ``_whose_people`` kept "safety of X in serums for pregnant
women" apart from "... for pregnant women in serums" (holdout96's reading) in every form
tried. ``_afflicted``, ``_sited`` and ``words._NUMBER_SIGN`` gave no ordinary-traffic
finding in the time of this review.

Closed at g88 (13 of 15): "against", "during", "after", "certified" and more open a phrase two
things could share; a scale's ends order a list only before a colon or a spaced dash (not
"oil-free"); a routine label opens its line or sentence ("Friday night -" is none); "water-"
in "water-resistant" no longer reads as an INCI list's water. Open (2): two splits that are
not the cues' (a list's last item keeps what follows it).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# --- 1. commas.set_apart: _SHARED_PHRASE misses "against", "during", trailing "certified", "after"

_COMMA_NEAR_MISSES = [
    (
        "formulation",
        "Formulate a face wash, and a toner against blemishes",
        "Formulate a face wash and a toner against blemishes",
    ),
    ("costing", "Cost a body wash, and a lotion against dryness", "Cost a body wash and a lotion against dryness"),
    (
        "scientific",
        "Evidence on retinol, and bakuchiol during pregnancy",
        "Evidence on retinol and bakuchiol during pregnancy",
    ),
    (
        "scientific",
        "Evidence on retinol, and bakuchiol during breastfeeding",
        "Evidence on retinol and bakuchiol during breastfeeding",
    ),
    (
        "costing",
        "Cost a shampoo, and a conditioner certified organic",
        "Cost a shampoo and a conditioner certified organic",
    ),
    (
        "costing",
        "Cost a shampoo bar, and conditioner bar vegan certified",
        "Cost a shampoo bar and conditioner bar vegan certified",
    ),
    (
        "market",
        "Market for lipsticks, and lip liners after the pandemic",
        "Market for lipsticks and lip liners after the pandemic",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _COMMA_NEAR_MISSES)
def test_comma_phrase_head_not_listed(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Formulate a kids shampoo, or a conditioner with coconut oil",
            "Formulate a kids shampoo or a conditioner with coconut oil",
        ),
        (
            "branding",
            "Name a lip oil, and a lip gloss targeted at teens",
            "Name a lip oil and a lip gloss targeted at teens",
        ),
        (
            "scientific",
            "Evidence on retinol, and bakuchiol versus placebo",
            "Evidence on retinol and bakuchiol versus placebo",
        ),
    ],
)
def test_comma_listed_heads_hold(served, generator, a, b):
    assert not served(generator, a, b)


def test_comma_true_paraphrase_served(served):
    assert served(
        "formulation",
        "Formulate a cleanser (and a toner) with niacinamide",
        "Formulate a cleanser and a toner with niacinamide",
    )


# --- 2. canon._SEQUENCE, _SCALE: any hyphen within 25 characters after "X to Y" orders the text


def test_scale_without_hyphen_is_one():
    assert same(
        "Foundation for fair to deep skin, launch in France, Spain and Italy",
        "Foundation for fair to deep skin, launch in Italy, France and Spain",
    )


def test_scale_heading_keeps_a_shade_list_in_order():
    assert not same(
        "Shades from fair to deep: ivory, beige, caramel, espresso",
        "Shades from fair to deep: espresso, caramel, beige, ivory",
    )


# --- 3. canon._SEQUENCE, _ROUTINE: "night -" / "Overnight -" as a routine label


def test_routine_label_still_orders_a_real_routine():
    assert not same("Night - cleanser, retinol serum, moisturiser", "Night - moisturiser, retinol serum, cleanser")


# --- Broken paraphrases (splits), groups 2 and 3

_LIST_BINDING = (
    "canon: a list's last item keeps what follows it ('jojoba and coconut oils', 'Italy for the serum'), so items in "
    "another order bind differently (not the order cues: with no cue, the same split)"
)

_SPLITS = [
    (
        "formulation",
        "Foundation for fair to deep skin, oil-free, launch in France, Spain and Italy",
        "Foundation for fair to deep skin, oil-free, launch in Italy, France and Spain",
        "_SCALE + hyphen",
    ),
    (
        "formulation",
        "Foundation for fair to deep skin, oil-free, for France, Spain and Italy",
        "Foundation for fair to deep skin, oil-free, for Italy, Spain and France",
        "_SCALE + hyphen",
    ),
    (
        "market",
        "Market size of K-beauty serums, low to high price points, e-commerce in France, Germany and Spain",
        "Market size of K-beauty serums, low to high price points, e-commerce in Spain, France and Germany",
        "_SCALE + hyphen",
    ),
    (
        "market",
        "Sunscreens from low to high SPF, water-resistant, sold in Spain, Greece and Italy",
        "Sunscreens from low to high SPF, water-resistant, sold in Italy, Spain and Greece",
        "_SCALE + hyphen",
    ),
    pytest.param(
        "formulation",
        "Shampoo for thin to thick hair, sulfate-free, with argan, jojoba and coconut oils",
        "Shampoo for thin to thick hair, sulfate-free, with coconut, argan and jojoba oils",
        "_SCALE + hyphen",
        marks=pytest.mark.xfail(strict=True, reason=_LIST_BINDING),
    ),
    (
        "market",
        "Compare light to rich textures for anti-ageing creams in the UK, Germany and France",
        "Compare light to rich textures for anti-ageing creams in France, the UK and Germany",
        "_SCALE + hyphen",
    ),
    (
        "branding",
        "Launch party Friday night - invite influencers from France, Italy and Spain",
        "Launch party Friday night - invite influencers from Spain, Italy and France",
        "_ROUTINE night -",
    ),
    pytest.param(
        "costing",
        "Overnight - shipping to France, Germany and Italy for the serum",
        "Overnight - shipping to Italy, Germany and France for the serum",
        "_ROUTINE overnight -",
        marks=pytest.mark.xfail(strict=True, reason=_LIST_BINDING),
    ),
]


@pytest.mark.parametrize(("generator", "a", "b", "cue"), _SPLITS)
def test_sequence_cue_splits_paraphrase(generator, a, b, cue):
    assert same(a, b, generator=generator)
