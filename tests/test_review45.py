"""Review 45: the guard at g89 (``git diff 8897cd0 -- optimizer/cache/``), on ordinary traffic.

Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
gets two canonical forms (``same``). Each finding fails today and is ``xfail(strict=True)``;
each group also holds plain tests of what the rule gets right. Cases of reviews 11 to 44 and
test_cache_guard_attack.py are not repeated; none rests on bare singular/plural.

Near-misses served (25):

1. canon.OPTION_BY_PLACE (with canon._symmetric): the list of words that point at an option
   by its place is closed to "former", "latter", "1st", "2nd", "the first/second" and
   "first/second/last/other one". Other ordinary ways to point by place are not in it, so
   "A vs B" is still sorted and the opposite question is served: "the one listed first",
   "the one mentioned second", "the last", "option 1", "option b", "#1", "no. 2", "the
   earlier one", "the prior one", "whichever comes first", a bare "second at 0.5%", and the
   direction of "how much do we save by switching": 12
2. canon._bound_modifiers, the new branch (holdout107): a phrase between commas binds to the
   first thing only when the thing after ", and" opens with a word of ``_A_THING`` (a, the,
   any, its...), or when the phrase opens with a head or verb (``_qualifies``). A bare plural
   ("and pro-inflammatory effects", "and conditioner sales"), "whether"/"how", "also", "each",
   "this year's", a repeated preposition ("and of the toner", "and for the toner"), or a
   phrase such as "online only" leaves the phrase free to move, so "shampoo sales, excluding
   salons, and conditioner sales" is served "shampoo sales and conditioner sales, excluding
   salons": 10
3. words._OPTIONAL_ASK needs a comma after the condition; "if you can" without commas is
   still dropped as politeness (the ``_ABLE_STEP``/``_POLITE_RE`` path), so "size the market
   and if you can the growth" (the growth optional) is served "size the market and the
   growth" ("if possible" without commas held): 3

Paraphrases split (3):

4. canon.OPTION_BY_PLACE reads "the first"/"the second"/"2nd" in a time phrase as pointing
   at an option ("in the first 4 weeks", "in the 2nd year", "for the second launch"; only
   "time", "half" and "quarter" are excepted), so "A vs B" keeps its order and the same
   request with the options swapped is kept apart (with "initial", "year 2" or "next" it is
   one): 3

Held up: the listed positional words in every generator and in a field (including "the
first-listed", "the last-mentioned", "the second option", "the last one", a capital
"Former" and a one-slip "lattter"); lowercase "the us" as the USA (no ordinary text where
"the us" is the pronoun was found); ``_OPTIONAL_ASK`` with commas ("and, if possible,",
"and, if needed,", "where available", "if any", "if relevant", "ideally" all kept apart,
"if possible"/"if you can" one); ``_bound_modifiers`` with an article, a number, "both" or a
head ("for men", "aimed at", "in france"). The field rewrites (``rewrites.py``) held on
natural pairs: a region field beside a different place in the text ("region: EU" with "in
France" or "in Europe"), "teens and their mums" against audience "teens", "per 1,000 units"
against a 500 kg batch, "quoted in EUR" against currency USD, "drawn from RCTs" against
evidence "cohort studies", "the first 1,000 units", "1,000 of a 5,000 unit run" were all
kept apart. Moves were served only against other sides no analyst types ("tagline of teens"
with audience "mums", "evidence on retinol apart" with evidence "RCTs"), not reported.

Closed at g90: 24 of the 25 near-misses. Two options are one pair in either order only when
they are all a text says (``canon._canonical_clauses``: any other clause may point at one by
its place, in words no list holds, or bind something to it), and a field's options keep
their order when the free text says anything; ``canon.OPTION_BY_PLACE`` (now also "option
b", "#1", "no. 2", "the last", "whichever", "switching", "the earlier one") is left for
options pointed at from another part of the request. A phrase of two words or more opening
with a head or a verb, between commas before ", and ...", is the first thing's whatever
follows ("and conditioner sales", "and whether", "and of the toner"; ``_bound_modifiers``);
"online only" (no head, no verb) is still open. ``words._OPTIONAL_ASK`` needs no commas.
The price, on purpose: "retinol vs bakuchiol, is retinol gentler" and the time phrases of
group 4 are now kept apart from the options swapped (strict xfails below); over the suite's
52,000 pairs this cost 2 paraphrases.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# --- 1. canon.OPTION_BY_PLACE: places it does not list ---------------------------------------

_PLACE_UNLISTED = [
    (
        "scientific",
        "retinol vs bakuchiol, is the one listed first gentler",
        "bakuchiol vs retinol, is the one listed first gentler",
    ),
    (
        "scientific",
        "retinol vs bakuchiol, is the one mentioned second gentler",
        "bakuchiol vs retinol, is the one mentioned second gentler",
    ),
    ("scientific", "retinol vs bakuchiol, is the last gentler", "bakuchiol vs retinol, is the last gentler"),
    ("scientific", "retinol vs bakuchiol, is option 1 gentler", "bakuchiol vs retinol, is option 1 gentler"),
    ("scientific", "retinol vs bakuchiol, is #1 gentler", "bakuchiol vs retinol, is #1 gentler"),
    ("scientific", "retinol versus bakuchiol, is no. 2 gentler", "bakuchiol versus retinol, is no. 2 gentler"),
    ("costing", "glass vs pet, how much cheaper is option b", "pet vs glass, how much cheaper is option b"),
    ("costing", "glass vs pet, how much do we save by switching", "pet vs glass, how much do we save by switching"),
    ("market", "sephora vs ulta, is the earlier one bigger", "ulta vs sephora, is the earlier one bigger"),
    ("market", "sephora vs ulta, is the prior one bigger", "ulta vs sephora, is the prior one bigger"),
    (
        "branding",
        "lumi or vela, taglines for whichever comes first",
        "vela or lumi, taglines for whichever comes first",
    ),
    ("formulation", "carbomer or xanthan, second at 0.5%", "xanthan or carbomer, second at 0.5%"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _PLACE_UNLISTED)
def test_unlisted_place_word_sorts_options(served, generator, a, b):
    assert not served(generator, a, b)


def test_listed_place_words_keep_order(served):
    assert not served(
        "formulation", "carbomer or xanthan, the second one at 0.5%", "xanthan or carbomer, the second one at 0.5%"
    )
    assert not served(
        "scientific", "retinol vs bakuchiol, is the last one gentler", "bakuchiol vs retinol, is the last one gentler"
    )


@pytest.mark.xfail(
    strict=True,
    reason="kept apart on purpose since g90: two options keep their order when the text says more than them",
)
def test_option_named_outright_served(served):
    assert served("scientific", "retinol vs bakuchiol, is retinol gentler", "bakuchiol vs retinol, is retinol gentler")


# --- 2. canon._bound_modifiers: the new branch needs an article after ", and" ----------------

_BOUND_BARE = [
    (
        "scientific",
        "what is known about penetration, citing in vitro studies only, and pro-inflammatory effects",
        "what is known about penetration and pro-inflammatory effects, citing in vitro studies only",
    ),
    (
        "scientific",
        "what is known about penetration, citing in vitro studies only, and whether it irritates",
        "what is known about penetration and whether it irritates, citing in vitro studies only",
    ),
    (
        "scientific",
        "what is known about penetration, citing in vitro studies only, and how it compares to retinol",
        "what is known about penetration and how it compares to retinol, citing in vitro studies only",
    ),
    (
        "market",
        "shampoo sales, excluding salons, and conditioner sales",
        "shampoo sales and conditioner sales, excluding salons",
    ),
    (
        "market",
        "market size of shampoo, excluding salons, and conditioner growth",
        "market size of shampoo and conditioner growth, excluding salons",
    ),
    (
        "market",
        "shampoo sales, excluding salons, and also conditioner sales",
        "shampoo sales and also conditioner sales, excluding salons",
    ),
    (
        "market",
        "shampoo sales, excluding salons, and each brand's share",
        "shampoo sales and each brand's share, excluding salons",
    ),
    pytest.param(
        "market",
        "shampoo sales, online only, and conditioner sales",
        "shampoo sales and conditioner sales, online only",
        marks=pytest.mark.xfail(strict=True, reason="still open at g90: 'online only' opens with no head or verb"),
    ),
    (
        "costing",
        "cost of the serum, excluding packaging, and of the toner",
        "cost of the serum and of the toner, excluding packaging",
    ),
    (
        "branding",
        "names for the serum, aimed at teens, and for the toner",
        "names for the serum and for the toner, aimed at teens",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _BOUND_BARE)
def test_phrase_between_commas_moves_to_both(served, generator, a, b):
    assert not served(generator, a, b)


def test_bound_with_article_kept_apart(served):
    assert not served(
        "scientific",
        "what is known about penetration, citing in vitro studies only, and any pro-inflammatory effects",
        "what is known about penetration and any pro-inflammatory effects, citing in vitro studies only",
    )
    assert not served(
        "costing",
        "cost of the serum, excluding packaging, and the toner",
        "cost of the serum and the toner, excluding packaging",
    )


def test_shared_phrase_items_swapped_served(served):
    assert served(
        "market",
        "shampoo sales and conditioner sales, excluding salons",
        "conditioner sales and shampoo sales, excluding salons",
    )


# --- 3. words._OPTIONAL_ASK needs a comma after the condition --------------------------------

_OPTIONAL_NO_COMMA = [
    ("market", "size the market and if you can the growth", "size the market and the growth"),
    ("branding", "three taglines and if you can a slogan", "three taglines and a slogan"),
    ("formulation", "a preservative and if you can a chelator", "a preservative and a chelator"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _OPTIONAL_NO_COMMA)
def test_optional_ask_without_commas_dropped(served, generator, a, b):
    assert not served(generator, a, b)


def test_optional_ask_kept_apart(served):
    assert not served(
        "formulation", "add a preservative and, if possible, a chelator", "add a preservative and a chelator"
    )
    assert not served("formulation", "a preservative and if possible a chelator", "a preservative and a chelator")


def test_optional_ask_wordings_served(served):
    assert served(
        "formulation",
        "add a preservative and, if possible, a chelator",
        "add a preservative and, if you can, a chelator",
    )


# --- 4. split paraphrases: "the first"/"2nd" in a time phrase keeps options in order ----------

_TIME_PLACE = [
    (
        "scientific",
        "retinol vs bakuchiol, irritation in the first 4 weeks",
        "bakuchiol vs retinol, irritation in the first 4 weeks",
    ),
    ("costing", "glass vs pet, cost in the 2nd year", "pet vs glass, cost in the 2nd year"),
    ("branding", "lumi vs vela, taglines for the second launch", "vela vs lumi, taglines for the second launch"),
]


@pytest.mark.xfail(
    strict=True,
    reason="kept apart on purpose since g90: two options keep their order when the text says more than them",
)
def test_time_phrase_without_place_word_served(served):
    assert served(
        "scientific",
        "retinol vs bakuchiol, irritation in the initial 4 weeks",
        "bakuchiol vs retinol, irritation in the initial 4 weeks",
    )
    assert served("costing", "glass vs pet, cost in year 2", "pet vs glass, cost in year 2")
    assert served(
        "branding", "lumi vs vela, taglines for the next launch", "vela vs lumi, taglines for the next launch"
    )


@pytest.mark.parametrize(("generator", "a", "b"), _TIME_PLACE)
@pytest.mark.xfail(
    strict=True,
    reason="kept apart on purpose since g90: two options keep their order when the text says more than them",
)
def test_time_ordinal_splits_swapped_options(generator, a, b):
    assert same(a, b, generator=generator)
