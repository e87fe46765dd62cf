"""Review 42: the guard at g86 (``git diff 97acccb -- optimizer/cache/``), on ordinary traffic.

Targets this session's rules where they meet what analysts type every day: ``canon._sited``
(``_SITES``), ``commas.set_apart`` (``_serial_comma`` / ``_an_opener``), ``canon._whose_people``
(now fed by the body parts g86 put in ``_PEOPLE``) and the routine labels of
``canon._SEQUENCE`` (``_ROUTINE``). Near-miss findings: two requests an expert answers
differently that the cache serves one for the other end to end (``served``, balanced).
Split findings: one request worded two ways that is kept apart. Each finding fails today and
is ``xfail(strict=True)``; each group also holds plain tests of what the rule gets right.
Cases of reviews 11 to 41 and test_cache_guard_attack.py are not repeated; none rests on bare
singular/plural.

Near-misses served (18):

1. canon._sited, ``_SITES``: a place glues to what a brand has only when that thing is in a
   closed list, and everyday market words are not in it ("approval", "complaints",
   "lawsuits", "a recall", "clinical trials", "price increases", "promotions", "influencers",
   "counterfeits", "ambassadors", "demand"): "Brands with approval in China"
   (any brand approved there) is served "Brands in China with approval" (Chinese brands): 11
2. commas._serial_comma / ``_an_opener``: an e-mail opener outside ``_OPENING_WORDS`` that
   is neither -ly, a participle nor a name ("Like last time,", "Same brief as before,", "Two
   products,", "Good news,", "Brief for Q3,", "Just to confirm,", "Once again,") is read as a
   list item, so "<opener>, a kids shampoo, and a conditioner with coconut oil" loses its
   comma and is served the plain "and" (both with coconut oil): 7

Paraphrases split (8):

3. canon._whose_people with g86's ``_PEOPLE``: "hair", "skin" are people now, so after a
   weighed head ("efficacy", "evidence", "safety") "for hair loss" glues to the word before
   it, and "Efficacy of caffeine in shampoos for hair loss" is kept apart from "Efficacy of
   caffeine for hair loss in shampoos" (the same question; with "Role" as head they are one): 4
4. canon._SEQUENCE, ``_ROUTINE``: "day" and "morning" before a colon or a spaced dash are
   read as a routine label, so an ordinary heading ("Mother's Day:", "Father's Day -",
   "Prime Day:", "Good morning -") makes every list in the text order-bearing: a country
   list in another order is kept apart: 4

Held up: the listed sites (stores, distribution, stockists, market share, licensing deals),
"of" between "with" and the site ("lots of stores", "a network of salons"), "that have"
relative clauses and "near" all keep the two readings apart; the comma rule held on every
ordinary second thing tried (product words with a verb sense, "matching", "2-in-1", "one",
"ideally", "maybe also", "containing", "made with", numbers of units, "our", branding and
market requests) and on openers "As per ...", "To recap,", "Quick recap,", "New brief,",
"Where possible,", "Hi Anna, hope all is well,"; "Good morning," with a comma, "Morning all
-", "Christmas:", "Gifting:" and "Father's Day" without a mark leave a list's order free;
"Role of caffeine ..." is not glued.

Closed at g87 (all 26): after a brand or a business, anything its "with" phrase names keeps a
country or a region that follows ("brands with approval in China"), while a bearer's
condition does not ("balm for lips with cracks in Canada" still moves to the region field);
more openers ("Like last time,", "Two products,", "Good news,"); hair and skin are no people
for "for <people>" ("for hair loss" is a condition); "day" and "good morning" are no routine
labels. Cost on both halves: none.
"""

from __future__ import annotations

import pytest


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# == Near-misses served ==========================================================================
# -- 1. canon._sited / _SITES: what a brand has somewhere, outside the closed list --------------
SITED = "canon._sited: the thing after 'with' is not in _SITES, so its place moves to the brand"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Brands with approval in China", "Brands in China with approval"),
        ("Brands with complaints in the US", "Brands in the US with complaints"),
        ("Brands with lawsuits in the US", "Brands in the US with lawsuits"),
        ("Brands with a recall in the US", "Brands in the US with a recall"),
        ("Brands with clinical trials in Japan", "Brands in Japan with clinical trials"),
        ("Brands with price increases in the UK", "Brands in the UK with price increases"),
        ("Brands with promotions in Germany", "Brands in Germany with promotions"),
        ("Brands with influencers in Brazil", "Brands in Brazil with influencers"),
        ("Brands with counterfeits in China", "Brands in China with counterfeits"),
        ("Brands with ambassadors in Korea", "Brands in Korea with ambassadors"),
        ("Brands with demand in India", "Brands in India with demand"),
    ],
)
def test_site_missing_served(served, a, b):
    assert not served("market", a, b)


def test_sites_held(served):
    assert not served("market", "Brands with stores in Japan", "Brands in Japan with stores")
    assert not served("market", "Brands with market share in India", "Brands in India with market share")
    assert not served("market", "Brands with lots of stores in Japan", "Brands in Japan with lots of stores")
    assert not served("market", "Which brands have stores in Japan", "Which brands in Japan have stores")


def test_sites_paraphrase(served):
    assert served("market", "Brands with stores in Japan", "brands with stores in Japan")
    assert served("market", "Brands with approval in China", "Brands with approval in China.")


# -- 2. commas._serial_comma / _an_opener: an e-mail opener read as a list item ------------------
OPENER = "commas._an_opener: opener outside _OPENING_WORDS read as a list item; the comma is dropped"


@pytest.mark.parametrize(
    "opener",
    [
        "Like last time",
        "Same brief as before",
        "Two products",
        "Good news",
        "Brief for Q3",
        "Just to confirm",
        "Once again",
    ],
)
def test_opener_served(served, opener):
    a = f"{opener}, a kids shampoo, and a conditioner with coconut oil"
    b = f"{opener}, a kids shampoo and a conditioner with coconut oil"
    assert not served("formulation", a, b)


def test_opener_held(served):
    for opener in ("To recap", "Quick recap", "New brief", "Where possible", "As per Anna's email"):
        a = f"{opener}, a kids shampoo, and a conditioner with coconut oil"
        b = f"{opener}, a kids shampoo and a conditioner with coconut oil"
        assert not served("formulation", a, b), opener
    assert not served(
        "formulation",
        "Formulate a kids shampoo, and a matching conditioner with coconut oil",
        "Formulate a kids shampoo and a matching conditioner with coconut oil",
    )


def test_opener_paraphrase(served):
    assert served(
        "formulation",
        "To recap, a kids shampoo, and a conditioner with coconut oil",
        "To recap, a kids shampoo, and a conditioner with coconut oil.",
    )


# == Paraphrases split ===========================================================================
# -- 3. canon._whose_people: "hair", "skin" are people since g86 ----------------------------------
WHOSE = "canon._whose_people: _PEOPLE's body parts glue 'for hair loss' after a weighed head"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Efficacy of caffeine in shampoos for hair loss", "Efficacy of caffeine for hair loss in shampoos"),
        ("Evidence on rosemary oil in serums for hair growth", "Evidence on rosemary oil for hair growth in serums"),
        (
            "Efficacy of niacinamide in serums for skin barrier repair",
            "Efficacy of niacinamide for skin barrier repair in serums",
        ),
        (
            "Safety of benzoyl peroxide in washes for skin with acne",
            "Safety of benzoyl peroxide for skin with acne in washes",
        ),
    ],
)
def test_whose_people_body_split(served, a, b):
    assert served("scientific", a, b)


def test_whose_people_role_paraphrase(served):
    assert served(
        "scientific", "Role of caffeine in shampoos for hair loss", "Role of caffeine for hair loss in shampoos"
    )


# -- 4. canon._SEQUENCE / _ROUTINE: "Day:" and "morning -" as routine labels ----------------------
ROUTINE = "canon._SEQUENCE (_ROUTINE): 'day'/'morning' before ':' or ' - ' read as a routine label"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Mother's Day: gift sets for France, Spain and Italy",
            "Mother's Day: gift sets for Spain, France and Italy",
        ),
        (
            "Father's Day - men's grooming kits in the UK, Ireland and France",
            "Father's Day - men's grooming kits in France, Ireland and the UK",
        ),
        (
            "Prime Day: best-selling serums in the US, Canada and Mexico",
            "Prime Day: best-selling serums in Mexico, Canada and the US",
        ),
        (
            "Good morning - launch timing for Spain, France and Italy",
            "Good morning - launch timing for Italy, France and Spain",
        ),
    ],
)
def test_routine_label_split(served, a, b):
    assert served("market", a, b)


def test_routine_paraphrase(served):
    assert served(
        "market",
        "Christmas: gift sets for France, Spain and Italy",
        "Christmas: gift sets for Italy, Spain and France",
    )
    assert served(
        "market",
        "Morning all - sunscreen trends in Spain, France and Italy",
        "Morning all - sunscreen trends in Italy, France and Spain",
    )


def test_routine_held(served):
    assert not served("market", "AM: cleanser, serum, SPF", "AM: SPF, serum, cleanser")
