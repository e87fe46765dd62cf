"""Review 44: the guard at g88 (416fb26), attacked with ordinary analyst traffic.

Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
gets two canonical forms (``same``). Each finding fails today and is ``xfail(strict=True)``;
each group also holds plain tests of what the rule gets right. Cases of reviews 11 to 43 and
test_cache_guard_attack.py are not repeated; none rests on bare singular/plural.

Near-misses served (18):

1. canon._symmetric: "A or B" / "A vs B" is sorted whenever the clause is just the two
   options, even when another clause of the same text points back at one of them by
   position ("the former", "the latter", "the second", "1st", "2nd"; "the first one" held). The
   text-wide ``_ORDER_WORDS`` already lists "former" and "latter", but ``_symmetric`` never
   consults it, so "retinol vs bakuchiol, is the former gentler" is served "bakuchiol vs
   retinol, is the former gentler" (the opposite question), in scientific, market, costing,
   branding and formulation, and in the subject field ("retinol vs bakuchiol"): 12
2. aliases pronoun fold (aliases.py line 45, "us" -> "we") with "the" dropped as a function
   word: a lowercase "the us" (the United States, as analysts type it) becomes the pronoun,
   so "ship 5000 units to the us" is served "ship 5000 units to us" (to our warehouse), in
   market, costing, branding and formulation: 6

Paraphrases split (3):

3. the same fold: lowercase "the us" is no longer the country, so it is kept apart from
   "the US", "the USA" and "the united states" (while "the US" and "the usa" are one): 3

Held up: some positional texts stay apart ("aluminium vs plastic tubes. how much more is the
former", "shea or cocoa butter. use the former", "lumi or vela as the name? tagline for the
former"); naming the option outright ("is retinol gentler") is served, rightly. Also held up: antonyms and affix negations ("non-greasy"/"greasy", "unscented"/"scented",
"photostable"/"photounstable", "w/o"/"w/", "zero parabens", "fragrance n/a"), life stages
(teens/tweens, toddlers/preteens, peri-/post-menopausal, trimesters, breastfeeding, TTC),
tiers (mid-tier/top-tier, masstige/prestige, second largest/largest), time units and
abbreviations (yrs/months, wks/mos, yoy/qoq, h1/h2, ytd/mtd, 1k/1m, tonne/ton), bindings of
numbers to listed items ("niacinamide and zinc at 5% and 2% resp.", ratios, "red (matte) and
nude (glossy)", "shampoo w citrus + conditioner w mint"), "A to B" and "A -> B" switches,
open-vocabulary retailers, cities and invented brands (only "stockport" is repaired, into
"stockpot"; a scan of about 300 city, retailer, botanical and fragrance names found no other
repair), and the field rewrites tried (audience, horizon "last 3 years" vs "next", batch size
"per month"/"moq", evidence "not from"/"excluding", tone "not too witty"/"less witty").

Closed at g89, all 21: a text that points at one of two options by its place (``former``,
``latter``, ``1st``, ``2nd``, "the first one", "the second"; ``canon.OPTION_BY_PLACE``)
keeps "A or B" / "A vs B" in the order written, in every part of the request
(``guard.form`` passes ``options_in_order`` to each field's form); lowercase "the us"
followed by anything but a letter, a digit or a hyphen is the USA, as "the us market" was
(``aliases``).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# --- 1. canon._symmetric sorts options that another clause names by position ----------------

_POSITIONAL = [
    ("scientific", "retinol or bakuchiol, is the former gentler", "bakuchiol or retinol, is the former gentler"),
    ("scientific", "retinol vs bakuchiol, is the latter gentler", "bakuchiol vs retinol, is the latter gentler"),
    ("scientific", "retinol vs bakuchiol, is the second gentler", "bakuchiol vs retinol, is the second gentler"),
    ("scientific", "retinol vs bakuchiol, is the 1st gentler", "bakuchiol vs retinol, is the 1st gentler"),
    (
        "scientific",
        "retinol vs bakuchiol. evidence the 2nd is less irritating",
        "bakuchiol vs retinol. evidence the 2nd is less irritating",
    ),
    (
        "scientific",
        "retinol or bakuchiol; does the former cause purging",
        "bakuchiol or retinol; does the former cause purging",
    ),
    (
        "market",
        "sephora vs ulta. did the former grow faster in 2023",
        "ulta vs sephora. did the former grow faster in 2023",
    ),
    ("market", "loreal vs estee lauder - latter's share in china", "estee lauder vs loreal - latter's share in china"),
    ("costing", "glass vs pet. cost of the former", "pet vs glass. cost of the former"),
    ("branding", "lumi vs vela. taglines for the latter", "vela vs lumi. taglines for the latter"),
    ("formulation", "carbomer or xanthan, the latter at 0.5%", "xanthan or carbomer, the latter at 0.5%"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _POSITIONAL)
def test_positional_reference_to_sorted_options(served, generator, a, b):
    assert not served(generator, a, b)


def test_positional_reference_to_options_in_the_subject_field(served):
    assert not served(
        "scientific",
        {"query": "is the former gentler", "context": {"subject": "retinol vs bakuchiol"}},
        {"query": "is the former gentler", "context": {"subject": "bakuchiol vs retinol"}},
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "costing",
            "aluminium vs plastic tubes. how much more is the former",
            "plastic vs aluminium tubes. how much more is the former",
        ),
        ("formulation", "shea or cocoa butter. use the former", "cocoa or shea butter. use the former"),
        (
            "branding",
            "lumi or vela as the name? tagline for the former",
            "vela or lumi as the name? tagline for the former",
        ),
    ],
)
def test_positional_reference_kept_apart_elsewhere(served, generator, a, b):
    assert not served(generator, a, b)


@pytest.mark.xfail(
    strict=True,
    reason="kept apart on purpose since g90: two options keep their order when the text says more than them",
)
def test_options_named_outright_are_served(served):
    assert served("scientific", "retinol vs bakuchiol, is retinol gentler", "bakuchiol vs retinol, is retinol gentler")
    assert served(
        "market", "sephora vs ulta. did sephora grow faster in 2023", "ulta vs sephora. did sephora grow faster in 2023"
    )


# --- 2. aliases pronoun fold: lowercase "the us" becomes the pronoun "us" ---------------------

_THE_US = [
    ("market", "which korean brands ship to us", "which korean brands ship to the us"),
    ("market", "retailers that buy serums from us", "retailers that buy serums from the us"),
    ("market", "how many shampoos does walmart import from us", "how many shampoos does walmart import from the us"),
    ("costing", "cost to ship 5000 units to us", "cost to ship 5000 units to the us"),
    ("branding", "tagline for a brand exporting to us", "tagline for a brand exporting to the us"),
    ("formulation", "sunscreen for export to us, spf 50", "sunscreen for export to the us, spf 50"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _THE_US)
def test_lowercase_the_us_is_the_pronoun(served, generator, a, b):
    assert not served(generator, a, b)


def test_the_us_kept_where_a_phrase_follows(served):
    assert not served(
        "costing",
        "freight cost, 5000 units shipped to us from china",
        "freight cost, 5000 units shipped to the us from china",
    )
    assert not served("market", "which korean brands ship to us", "which korean brands ship to our company")


def test_capital_us_and_usa_are_one():
    assert same("which korean brands ship to the US", "which korean brands ship to the usa", generator="market")


# --- 3. split paraphrases: lowercase "the us" is not the country ------------------------------

_US_SPLITS = [
    ("costing", "cost to ship 5000 units to the us", "cost to ship 5000 units to the usa"),
    ("market", "which korean brands ship to the us", "which korean brands ship to the US"),
    ("market", "which korean brands ship to the us", "which korean brands ship to the united states"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _US_SPLITS)
def test_lowercase_the_us_splits_from_the_country(generator, a, b):
    assert same(a, b, generator=generator)
