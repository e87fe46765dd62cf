"""Review of the session 65d7f46..1dea493 (issues 10, 14, 16): defects a reviewer found in
the change, each proven by a test that failed then; all fixed in guard g12.

Areas: the guard's g9-g11 rules (``cache/words.py`` ``_prepare``, ``_sign_word``,
``_polite_ask``; ``cache/aliases.py`` ``_ABLE_RE`` / ``ASKING_VERBS``) and the general
contract of ``optimizer/alternation.py`` (its two real callers, the compression word lists
and the guard's glossary and currency tables, were checked equal to the old patterns on
random text and showed no difference).
"""

from __future__ import annotations

import re

import pytest
from support.guard import same

from optimizer.alternation import Prefiltered, prefix_tree

# -- the guard: feasibility questions still merged with requests (wrong answer served) ------


def test_can_you_put_two_actives_in_one_serum_is_not_the_request_to_do_it():
    assert not same(
        "Can you put niacinamide and vitamin C in the same serum?",
        "Put niacinamide and vitamin C in the same serum.",
    )


def test_an_adverb_after_can_you_does_not_make_a_feasibility_question_a_request():
    assert not same("Can you also use azelaic acid with retinol?", "Also use azelaic acid with retinol.")


def test_would_you_need_a_preservative_is_not_i_need_a_preservative():
    assert not same(
        "Would you need a preservative in an anhydrous lip balm?",
        "I need a preservative in an anhydrous lip balm.",
    )


def test_can_you_do_a_cold_process_emulsion_asks_whether():
    assert not same(
        "Can you do a cold-process emulsion with Olivem 1000?",
        "Do a cold-process emulsion with Olivem 1000.",
    )


def test_would_it_be_possible_to_is_is_it_possible_to():
    assert same(
        "Would it be possible to formulate a clear zinc sunscreen?",
        "Is it possible to formulate a clear zinc sunscreen?",
    )


# -- the guard: signs whose Unicode names differ only by a digit (wrong answer served) -------


def test_skin_tone_modifiers_are_not_one_sign():
    assert not same("Foundation shade for 👩🏻", "Foundation shade for 👩🏿")


def test_recycling_codes_are_not_one_sign():
    assert not same("Is ♳ packaging recyclable in the UAE?", "Is ♵ packaging recyclable in the UAE?")


# -- the guard: paraphrases the new rules refuse (recall lost; all merged before g9/g10) -----


def test_a_temperature_with_the_degree_sign_is_the_same_temperature():
    assert same("Heat the oil phase to 75°C", "Heat the oil phase to 75 C")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Serum with ∼5% niacinamide", "Serum with ~5% niacinamide"),  # TILDE OPERATOR vs ~
        ("Vegan ✔ cruelty-free ✔", "Vegan ✓ cruelty-free ✓"),  # heavy vs plain check mark
        ("Add ½ tsp of xanthan gum to the gel", "Add 1/2 tsp of xanthan gum to the gel"),  # NFKC 1⁄2
    ],
    ids=["tilde-operator", "heavy-check", "fraction-slash"],
)
def test_a_sign_and_its_usual_variant_are_one_sign(a, b):
    assert same(a, b)


_ANALYZE = "Analyze the market for vitamin C serums in the UAE."


@pytest.mark.parametrize(
    "polite",
    [
        "Could you pls analyze the market for vitamin C serums in the UAE?",
        "can you plz analyze the market for vitamin C serums in the UAE",
        "Could you, please, analyze the market for vitamin C serums in the UAE?",
        "Could you kindly please analyze the market for vitamin C serums in the UAE?",
        "Can you please please analyze the market for vitamin C serums in the UAE?",
    ],
    ids=["pls", "plz", "commas", "kindly-please", "please-please"],
)
def test_could_you_pls_is_still_a_polite_request(polite):
    assert same(polite, _ANALYZE, generator="market")


@pytest.mark.parametrize(
    ("polite", "plain", "generator"),
    [
        (
            "Can you identify the top 5 competitors for vitamin C serums in the UAE?",
            "Identify the top 5 competitors for vitamin C serums in the UAE.",
            "market",
        ),
        (
            "Could you assess the market for vitamin C serums in the UAE?",
            "Assess the market for vitamin C serums in the UAE.",
            "market",
        ),
        (
            "Can you evaluate the market for vitamin C serums in the UAE?",
            "Evaluate the market for vitamin C serums in the UAE.",
            "market",
        ),
        (
            "Could you determine the break-even volume for a 30 ml serum at 12 EUR?",
            "Determine the break-even volume for a 30 ml serum at 12 EUR.",
            "costing",
        ),
    ],
    ids=["identify", "assess", "evaluate", "determine"],
)
def test_can_you_with_a_common_request_verb_is_a_polite_request(polite, plain, generator):
    assert same(polite, plain, generator=generator)


# -- alternation: the general contract ("exactly the output of the plain pattern") ---------
# (No current caller has such an option or spelling; the class and function are public.)


def test_a_prefix_tree_of_a_dotted_capital_i_matches_it():
    assert re.search(prefix_tree(["İstanbul"]), "İstanbul", re.I) is not None


def test_prefiltered_keeps_a_match_whose_opening_has_a_dotted_capital_i():
    pattern = re.compile("(?:İstanbul|ankara)", re.I)
    prefiltered = Prefiltered(pattern, ["İstanbul", "ankara"])
    assert prefiltered.sub("X", "İstanbul and ankara") == pattern.sub("X", "İstanbul and ankara")


def test_a_prefix_tree_takes_the_longest_option_when_two_letters_fold_together():
    options = ["sa", "ſab"]
    plain = "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))
    assert re.match(prefix_tree(options), "sab", re.I).span() == re.match(plain, "sab", re.I).span()
