"""Review 41: the guard's newest rules (g85, ``git diff 996b965~1 996b965 -- optimizer/cache``), attacked.

Targets: ``canon._whose_people`` / ``_WEIGHED`` ("safety of X in toothpaste for children"),
``words._serial_comma`` and the question handling of ``words._apart`` (``_POSSESSIVES``),
``canon._STATE_WORDS``, ``canon._SITES``, ``canon._SEQUENCE`` (``_SCALE``, ``_ROUTINE``) and
``words._NUMBER_SIGN`` / ``_NUMERO``. Near-miss findings: two requests an expert answers
differently that the cache serves one for the other end to end (``served``, balanced).
Split findings: one request worded two ways that is kept apart. Each finding fails today and
is ``xfail(strict=True)``; each group also holds plain tests pinning what the rule gets
right. Cases of reviews 11 to 40 and test_cache_guard_attack.py are not repeated; none rests
on bare singular/plural.

Near-misses served (35):

1. canon._whose_people, ``_WEIGHED``: the rule fires only when the clause's first word is one
   of a short list of heads and the word after "for" is a bare person. Other weighed heads
   ("irritation potential", "tolerance", "sensitisation risk", "hazards", "side effects",
   "absorption"), a request verb before the head ("Assess the safety ..."),
   and an adjective before the people ("pregnant women", "young children") all let "safety
   for children of X in toothpaste" be served "X in toothpaste for children": 8
2. words._apart, ``_POSSESSIVES``: in a question, a second part that opens with a
   possessive is read as "its own part" ("and its effect on ..."), so "our kids shampoo,
   and our conditioner with coconut oil" loses its comma ("Which preservative suits ...",
   "Is ... safe", "Does ...", "Can ...", "Should we ..."): 5
3. words._serial_comma: an opening phrase outside ``_OPENING_WORDS`` ("Following our call",
   "Budget permitting", "Ahead of launch", or a name used to address someone, "Anna,") is
   read as a list item, so "<opener>, a kids shampoo, and a conditioner with coconut oil"
   loses its comma; with two openers ("Hi Anna, for Q3,", "For Q3, in France,") the opener
   check, which runs only on two parts, is skipped: 6
4. canon._STATE_WORDS: what hair, nails or teeth carry or went through, written in words the
   g85 list lacks ("gel nail varnish", "keratin blowout", "keratin smoothing", "tea
   staining", "hard water minerals"), is moved as if it were the product's ingredient: 5
5. canon._SITES: what a brand has or does somewhere, outside the list ("exports",
   "e-commerce", "R&D", "investment"), moves with its place; and "sourcing", added at g85,
   never matches because the check runs on the lemma "source": 5
6. canon._SEQUENCE, ``_SCALE`` / ``_ROUTINE``: scale ends with one end still missing ("sheer
   to opaque", "alabaster to espresso", "matte to dewy") and routine labels the pattern does
   not read ("Night time:" as two words, "Overnight:", "Pre-bed:") sort an ordered list: 6

Paraphrases split (11):

7. canon._whose_people: any bare person after a weighed head's object claims the object
   ("safety of retinol for children" is not "safety for children of retinol"; also a dose,
   an efficacy), though nothing there can belong to them: 3
8. words._serial_comma: real Oxford-comma lists are read as two things when an item is an
   adjective or colour ("coral, rose, and nude", "dry, oily, and normal hair") or longer
   than three words ("a leave-in conditioner for curls", "a tinted lip oil"); and an opener
   before a comma is read as a list item where the same opener before a colon is not: 5
9. words._NUMBER_SIGN: an upper-case "NO.1" is read as "no 0.1", and "Nr. 2" and "num. 2"
   are not number signs ("num. 2" even splits the request in two): 3

Held up: the holdout96 pair ("safety of nano HAP in toothpaste for children" apart from
"safety for children of nano HAP in toothpaste") and "toddlers" stay apart; plain Oxford
lists of products ("a cleanser, a toner, and a serum with niacinamide") are lists; a
question whose second part is its own ("Is it safe in pregnancy, and its effect on
melasma?") keeps the plain reading; openers in ``_OPENING_WORDS`` ("As agreed,", "Re the
brief,") and a name after "we need" keep the comma; the g85 states (coating, residue,
treatment, polish, stain, henna dye, balayage, perm) hold, as do the g85 sites
(manufacturing, marketing, research, network, contract, tender, exposure, growth) other
than "sourcing"; "Bedtime:", "Evenings:", "At night:", "AM routine:", "fair to tan",
"smallest to biggest" keep their order; "no.2" and "n°1" are "#2" and "#1".

Closed at g86 (38 of 46): more weighing heads, a head within the clause's first words ("Assess
the safety of ..."), an adjective before the people; in a question only "its"/"their" point
back; openers told by their first word, a participle ("Following our call", "Budget
permitting") or a name alone ("Anna,"), and several openers in a row; more states, sites,
scale ends and routine labels; "NO.1", "Nr. 2", "num. 2" are number signs. Open (8): "R&D"
as a site (a gap); the three "for <people>" after the weighed thing (kept apart on purpose);
four serial commas over colours, adjectives or long items read as two things (splits kept:
a miss costs a generation).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# == Near-misses served ==========================================================================
# -- 1. canon._whose_people / _WEIGHED: missed heads and people -----------------------------------
WHOSE = "canon._whose_people: head outside _WEIGHED, a verb before it, or an adjective before the people"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "irritation potential of retinol in serum for teens",
            "irritation potential for teens of retinol in serum",
        ),
        ("tolerance of retinol in serum for teens", "tolerance for teens of retinol in serum"),
        (
            "sensitisation risk of linalool in perfume for children",
            "sensitisation risk for children of linalool in perfume",
        ),
        ("hazards of fluoride in toothpaste for children", "hazards for children of fluoride in toothpaste"),
        (
            "side effects of fluoride in toothpaste for children",
            "side effects for children of fluoride in toothpaste",
        ),
        ("absorption of fluoride in toothpaste for children", "absorption for children of fluoride in toothpaste"),
        (
            "Assess the safety of nano HAP in toothpaste for children",
            "Assess the safety for children of nano HAP in toothpaste",
        ),
        (
            "safety of nano HAP in toothpaste for pregnant women",
            "safety for pregnant women of nano HAP in toothpaste",
        ),
    ],
)
def test_whose_people_missed_served(served, a, b):
    assert not served("scientific", a, b)


def test_whose_people_held(served):
    assert not served(
        "scientific",
        "safety of nano HAP in toothpaste for children",
        "safety for children of nano HAP in toothpaste",
    )
    assert not served(
        "scientific",
        "safety of nano HAP in toothpaste for toddlers",
        "safety for toddlers of nano HAP in toothpaste",
    )


def test_whose_people_paraphrase(served):
    assert served(
        "scientific",
        "safety of nano HAP in toothpaste for children",
        "Safety of nano-HAP in toothpaste for kids",
    )


@xfail("canon._whose_people: 'for <people>' after the weighed thing is that thing's (kept apart on purpose)")
def test_whose_people_paraphrase_with_an_adjective(served):
    assert served("scientific", "safety of retinol for pregnant women", "safety for pregnant women of retinol")


# -- 2. words._apart: a question's second thing with a possessive read as its own part -----------
POSSESSIVE = "words._apart: in a question, 'and our <thing>' is read as the first part's own part"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Which preservative suits our kids shampoo, and our conditioner with coconut oil?",
            "Which preservative suits our kids shampoo and our conditioner with coconut oil?",
        ),
        (
            "Is our kids shampoo, and our conditioner with coconut oil safe for babies?",
            "Is our kids shampoo and our conditioner with coconut oil safe for babies?",
        ),
        (
            "Does our kids shampoo, and our conditioner with coconut oil need a booster?",
            "Does our kids shampoo and our conditioner with coconut oil need a booster?",
        ),
        (
            "Can our kids shampoo, and our conditioner with coconut oil share a preservative?",
            "Can our kids shampoo and our conditioner with coconut oil share a preservative?",
        ),
        (
            "Should we reformulate our kids shampoo, and our conditioner with coconut oil?",
            "Should we reformulate our kids shampoo and our conditioner with coconut oil?",
        ),
    ],
)
def test_question_possessive_served(served, a, b):
    assert not served("formulation", a, b)


def test_question_held(served):
    assert not served(
        "formulation",
        "Is the kids shampoo, and the conditioner with coconut oil safe?",
        "Is the kids shampoo and the conditioner with coconut oil safe?",
    )
    assert not served(
        "formulation",
        "What pH suits a kids shampoo, and a conditioner with coconut oil?",
        "What pH suits a kids shampoo and a conditioner with coconut oil?",
    )


def test_question_paraphrase(served):
    assert served(
        "scientific",
        "Is it safe in pregnancy, and its effect on melasma?",
        "Is it safe in pregnancy and its effect on melasma?",
    )


# -- 3. words._serial_comma: an opening phrase read as a list item --------------------------------
OPENER = "words._serial_comma: an opener outside _OPENING_WORDS, or two openers, read as a list item"


@pytest.mark.parametrize(
    "opener",
    [
        "Following our call,",
        "Budget permitting,",
        "Ahead of launch,",
        "Anna,",
        "Hi Anna, for Q3,",
        "For Q3, in France,",
    ],
)
def test_opener_served(served, opener):
    assert not served(
        "formulation",
        f"{opener} a kids shampoo, and a conditioner with coconut oil",
        f"{opener} a kids shampoo and a conditioner with coconut oil",
    )


def test_opener_held(served):
    for opener in ("As agreed,", "Re the brief,"):
        assert not served(
            "formulation",
            f"{opener} a kids shampoo, and a conditioner with coconut oil",
            f"{opener} a kids shampoo and a conditioner with coconut oil",
        )
    assert not served(
        "formulation",
        "Maria, we need a kids shampoo, and a conditioner with coconut oil",
        "Maria, we need a kids shampoo and a conditioner with coconut oil",
    )


def test_serial_comma_paraphrase(served):
    assert served(
        "formulation",
        "Formulate a cleanser, a toner, and a serum with niacinamide",
        "Formulate a cleanser, a toner and a serum with niacinamide",
    )
    assert served(
        "formulation",
        "Formulate a kids shampoo, and a conditioner with coconut oil",
        "Formulate a kids shampoo; and a conditioner with coconut oil",
    )


# -- 4. canon._STATE_WORDS: what a bearer carries, in words the list lacks ------------------------
STATE = "canon._STATE_WORDS: varnish, blowout, smoothing, staining, minerals missing: the state moves"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Remover for nails with gel nail varnish", "Remover with gel nail varnish for nails"),
        ("Shampoo for hair with a keratin blowout", "Shampoo with a keratin blowout for hair"),
        ("Shampoo for hair with a keratin smoothing", "Shampoo with a keratin smoothing for hair"),
        ("Toothpaste for teeth with tea staining", "Toothpaste with tea staining for teeth"),
        ("Shampoo for hair with hard water minerals", "Shampoo with hard water minerals for hair"),
    ],
)
def test_state_missing_served(served, a, b):
    assert not served("formulation", a, b)


def test_state_held(served):
    for a, b in [
        ("Shampoo for hair with silicone coating", "Shampoo with silicone coating for hair"),
        ("Shampoo for hair with chlorine residue", "Shampoo with chlorine residue for hair"),
        ("Shampoo for hair with henna dye", "Shampoo with henna dye for hair"),
        ("Toothpaste for teeth with coffee stains", "Toothpaste with coffee stains for teeth"),
    ]:
        assert not served("formulation", a, b)


def test_state_paraphrase(served):
    assert served("formulation", "Shampoo for hair with a keratin treatment", "Shampoo for hair with keratin treatment")
    assert served("formulation", "Shampoo for hair with silicone coating", "shampoo for hair with a silicone coating")


# -- 5. canon._SITES: what a brand has somewhere, outside the list; "sourcing" dead ---------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Brands with sourcing in Japan", "Brands in Japan with sourcing"),
        ("Brands with exports in Japan", "Brands in Japan with exports"),
        ("Brands with e-commerce in Japan", "Brands in Japan with e-commerce"),
        ("Brands with R&D in Japan", "Brands in Japan with R&D"),  # closed at g87: a brand's anything in a country
        ("Brands with investment in Japan", "Brands in Japan with investment"),
    ],
)
def test_site_missing_served(served, a, b):
    assert not served("market", a, b)


def test_sites_held(served):
    for a, b in [
        ("Brands with manufacturing in China", "Brands in China with manufacturing"),
        ("Brands with marketing in Japan", "Brands in Japan with marketing"),
        ("Brands with a tender in Japan", "Brands in Japan with a tender"),
        ("Brands with operations in Japan", "Brands in Japan with operations"),
    ]:
        assert not served("market", a, b)


def test_sites_paraphrase(served):
    assert served("market", "Brands with distribution in Japan", "Brands with a distribution in Japan")


# -- 6. canon._SEQUENCE: scale ends and routine labels still missing -----------------------------
ORDER = "canon._SEQUENCE: _SCALE lacks one end (opaque, alabaster, matte/dewy); _ROUTINE misses labels"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Apply sheer to opaque: tint, serum foundation, full cover foundation",
            "Apply sheer to opaque: full cover foundation, serum foundation, tint",
        ),
        (
            "formulation",
            "Apply matte to dewy: powder, cream blush, highlighter",
            "Apply matte to dewy: highlighter, cream blush, powder",
        ),
        (
            "branding",
            "Name our shades, alabaster to espresso: Pearl, Sand, Mocha",
            "Name our shades, alabaster to espresso: Mocha, Sand, Pearl",
        ),
        ("formulation", "Night time: cleanser, retinol, moisturiser", "Night time: moisturiser, retinol, cleanser"),
        ("formulation", "Overnight: cleanser, retinol, sleeping mask", "Overnight: sleeping mask, retinol, cleanser"),
        ("formulation", "Pre-bed: cleanser, retinol, moisturiser", "Pre-bed: moisturiser, retinol, cleanser"),
    ],
)
def test_order_cue_missing_served(served, generator, a, b):
    assert not served(generator, a, b)


def test_order_held(served):
    assert not served(
        "formulation", "Bedtime: cleanser, retinol, moisturiser", "Bedtime: moisturiser, retinol, cleanser"
    )
    assert not served(
        "formulation",
        "AM routine: cleanser, vitamin C serum, sunscreen",
        "AM routine: sunscreen, vitamin C serum, cleanser",
    )
    assert not served(
        "branding",
        "Name our shades, fair to tan: Ivory, Sand, Mocha",
        "Name our shades, fair to tan: Mocha, Sand, Ivory",
    )


def test_order_paraphrase(served):
    assert served("formulation", "Bedtime: cleanser, retinol, moisturiser", "Bedtime - cleanser, retinol, moisturiser")


# == Paraphrases split ===========================================================================
# -- 7. canon._whose_people: a person claimed by an object that cannot be theirs ------------------
WHOSE_SPLIT = (
    "canon._whose_people: 'for <people>' after the weighed thing is that thing's: one reading of two ('safety of "
    "retinol for children'), kept apart on purpose"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("safety of retinol for children", "safety for children of retinol"),
        ("dose of fluoride for children", "dose for children of fluoride"),
        ("efficacy of niacinamide for teens", "efficacy for teens of niacinamide"),
    ],
)
@xfail(WHOSE_SPLIT)
def test_whose_people_split(served, a, b):
    assert served("scientific", a, b)


# -- 8. words._serial_comma: real lists read as two things ----------------------------------------
LIST_SPLIT = "words._serial_comma: adjective or colour items, an item over 3 words, or an opener make no list"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Formulate lipsticks in coral, rose, and nude with a satin finish",
            "Formulate lipsticks in coral, rose and nude with a satin finish",
            marks=xfail(LIST_SPLIT),
        ),
        pytest.param(
            "Formulate shampoos for dry, oily, and normal hair with aloe",
            "Formulate shampoos for dry, oily and normal hair with aloe",
            marks=xfail(LIST_SPLIT),
        ),
        pytest.param(
            "Formulate a shampoo, a leave-in conditioner for curls, and a mask with argan oil",
            "Formulate a shampoo, a leave-in conditioner for curls and a mask with argan oil",
            marks=xfail(LIST_SPLIT),
        ),
        pytest.param(
            "Formulate a lip balm, a tinted lip oil, and a gloss with SPF",
            "Formulate a lip balm, a tinted lip oil and a gloss with SPF",
            marks=xfail(LIST_SPLIT),
        ),
        (
            "Following our call, a kids shampoo, and a conditioner with coconut oil",
            "Following our call: a kids shampoo, and a conditioner with coconut oil",
        ),
    ],
)
def test_serial_comma_split(served, a, b):
    assert served("formulation", a, b)


# -- 9. words._NUMBER_SIGN: number signs still unread ---------------------------------------------
SIGN_SPLIT = "words._NUMBER_SIGN: 'NO.1' read as 'no 0.1'; 'Nr.' and 'num.' are no number signs"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Claims for our NO.1 serum in France", "Claims for our #1 serum in France"),
        ("Claims for shade Nr. 2", "Claims for shade #2"),
        ("Claims for shade num. 2", "Claims for shade #2"),
    ],
)
def test_number_sign_split(served, a, b):
    assert served("branding", a, b)


def test_number_sign_paraphrase(served):
    assert served("branding", "Claims for shade no.2", "Claims for shade #2")
    assert served("branding", "Claims for our n°1 serum in France", "Claims for our #1 serum in France")
    assert same("Claims for shade #2", "Claims for shade # 2", generator="branding")
