"""Review 17: near-misses in names, words and fields that the guard g21 serves.

Each test states two requests that a careful expert answers differently, yet that get one
canonical form (``same``) or are served end to end (``served``). Each fails today: it is
marked ``xfail(strict=True)``, so it passes while the finding stands and turns red when a fix
closes it (then drop the mark). Closed in g23 (marks dropped): the ambiguous abbreviations
(HA, BHA, PHA, CPC, and PCR with them, left the glossary), the typo repair of chemical names
(never inside hydroxy-/methyl-/ethyl-/-oyl/-yl names, never a vowel for another), and the
forms with a sense of their own. Open: the two cities, a product named after a place. Grouped by cause, most severe first.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# -- 1. an ambiguous abbreviation is read as one of its meanings -----------------------------
# aliases.GLOSSARY rewrites an expansion into its abbreviation ("hyaluronic acid" -> the token
# of "HA"), so any request that writes the abbreviation in its *other* sense of the trade meets
# the expansion: HA is hydroxyapatite in oral care, BHA the antioxidant butylated
# hydroxyanisole in lipsticks, PHA the bioplastic polyhydroxyalkanoate in packaging, CPC the
# cost per click in an ad brief. "unambiguous abbreviations" is a claim the table does not hold.
GLOSSARY = "an abbreviation with two meanings in the trade is rewritten as one of them (aliases.GLOSSARY, HA alias)"

ABBREVIATIONS = [
    ("formulation", "toothpaste with 10% HA", "toothpaste with 10% hyaluronic acid"),
    ("formulation", "lip balm without BHA", "lip balm without beta hydroxy acid"),
    ("costing", "unit cost of a shampoo bottle made of PHA", "unit cost of a shampoo bottle made of polyhydroxy acid"),
    (
        "market",
        "CPC benchmarks for skincare ads in Spain",
        "cetylpyridinium chloride benchmarks for skincare ads in Spain",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), ABBREVIATIONS)
def test_an_ambiguous_abbreviation_is_not_one_expansion(generator, a, b):
    assert not same(a, b, generator=generator)


def test_hydroxyapatite_toothpaste_end_to_end(served):
    assert not served("formulation", "toothpaste with 10% hyaluronic acid", "toothpaste with 10% HA")


# -- 2. the typo repair turns one real chemical or city into another ----------------------------
# lexicon.repair_typo: a word the lists do not know, one slip from exactly one known word, is
# that word. INCI and chemical names the lists miss are real words one slip from others:
# "hydroxyethyl" misses the "m" of "hydroxymethyl" (hydroxyethyl urea is a humectant,
# hydroxymethyl urea a formaldehyde releaser), the acyl "stearoyl"/"behenoyl" have one stray
# vowel more than the alcohols "stearyl"/"behenyl" (the fix for "capryloyl" was one entry
# of _EXTRA_KNOWN, not a rule), "hydroquinine" is "hydroquinone" one key off (i and o are
# neighbours, so the "never a vowel for another" rule does not hold there), and the French
# city "montpellier" has the doubled letter that the Vermont capital "montpelier" lacks
# (closed at g39: a repair never lands on a name that only the general word list holds).

SLIPS = [
    ("formulation", "a moisturizer with 5% hydroxyethyl urea", "a moisturizer with 5% hydroxymethyl urea"),
    ("formulation", "a gel thickened with hydroxyethyl cellulose", "a gel thickened with hydroxymethyl cellulose"),
    ("formulation", "an emulsion with 2% sodium stearoyl glutamate", "an emulsion with 2% sodium stearyl glutamate"),
    ("formulation", "a conditioner with 3% behenoyl", "a conditioner with 3% behenyl"),
    ("scientific", "evidence on hydroquinine for melasma", "evidence on hydroquinone for melasma"),
    ("market", "pharmacy brands in montpellier", "pharmacy brands in montpelier"),  # closed at g39
]


@pytest.mark.parametrize(("generator", "a", "b"), SLIPS)
def test_a_real_name_is_no_slip_of_its_neighbour(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_formaldehyde_releaser_end_to_end(served):
    assert not served(
        "formulation", "a moisturizer with 5% hydroxyethyl urea", "a moisturizer with 5% hydroxymethyl urea"
    )


def test_a_city_in_its_field_end_to_end(served):
    # A field's value opens its own text, where a doubled letter is still repaired (strict),
    # but never into a name only the general list holds (g39).
    assert not served(
        "market",
        {"query": "pharmacy brands", "context": {"region": "Montpelier"}},
        {"query": "pharmacy brands", "context": {"region": "Montpellier"}},
    )


# -- 3. an inflection that is a word of its own is folded into its base --------------------
# lexicon.fold_inflection folds a noun plural or a verb form into its base when lemminflect
# names one base: "bottling" (the filling operation) is "bottle" (the component), "customs"
# (duties at a border) is "custom" (made to order), "sales" (revenue) is "sale" (a discount
# event), "spirits" (alcohol) is "spirit". A plural or -ing with a sense of its own is not
# inflection.
INFLECTION = "lexicon.fold_inflection folds a form with its own sense (bottling, customs, sales) into its base"

FORMS = [
    ("costing", "bottling cost for 5,000 units", "bottle cost for 5,000 units"),
    ("costing", "customs costs for shipping to Brazil", "custom costs for shipping to Brazil"),
    ("market", "Black Friday sales of skincare in the US", "Black Friday sale of skincare in the US"),
    ("market", "market for spirits-based perfumes", "market for spirit-based perfumes"),
]


@pytest.mark.parametrize(("generator", "a", "b"), FORMS)
def test_a_form_with_its_own_sense_is_not_inflection(generator, a, b):
    assert not same(a, b, generator=generator)


def test_bottling_cost_end_to_end(served):
    assert not served("costing", "bottling cost for 5,000 units", "bottle cost for 5,000 units")


# -- 4. a product named after a place is read as the place ------------------------------------
# words._located: a capitalised word right after a content word is where it is ("brands
# Mexico" = "brands in Mexico"). A product, a shade or a perfume is often named after a place:
# "the perfume Paris" (YSL's) is not perfume sold in Paris.
# Closed at g40: not after "the" ("the perfume Paris").


def test_a_product_named_after_a_place_is_not_the_place():
    assert not same("sales of the perfume Paris in 2024", "sales of perfume in Paris in 2024", generator="market")


def test_a_product_named_after_a_place_end_to_end(served):
    assert not served("market", "sales of the perfume Paris in 2024", "sales of perfume in Paris in 2024")


def test_a_name_after_a_bare_noun_is_still_where():
    assert same("top brands Mexico", "top brands in Mexico", generator="market")
