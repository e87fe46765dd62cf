"""Review 36: the guard's newest rules, g78 and g79 (``git diff 97acccb -- optimizer/cache``).

Targets: ``words._apart`` / ``_TWO_ITEM_COMMA`` / ``_REQUEST_VERBS`` / ``_OBJECT_START`` /
``_SHARED_PHRASE`` / ``_OPENING_PREPOSITIONS`` (rewritten at g78 and g79: a comma, semicolon or
spaced dash before "and"/"&" sets the second thing apart only when it is a thing and a phrase
that could be both's follows it), ``words._PRIMARY_DMF`` (g78) and the practitioners and
two-word businesses added to ``canon._TRADE_PARTIES`` / ``_PARTY_PAIRS`` (g78).
Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
the cache keeps apart. Each finding fails today and is ``xfail(strict=True)``; each group also
holds plain tests pinning what the rule gets right. Cases of reviews 27 to 35 and
test_cache_guard_attack.py are not repeated; bare singular/plural pairs with no article are not
reported (the trade-party pairs below all count "the").

Near-misses served (34):

1. words._apart, the first part's opening word: any sentence whose first word is in
   ``_NOT_A_THING`` ("we", "I", "can") counts as a question/clause, so "We need a kids shampoo,
   and conditioner with coconut oil" keeps the phrase both's (served for the plain "and"): 3
2. words._apart, ``_OPENING_PREPOSITIONS``: an opening phrase is skipped only when it starts
   with one of ten prepositions; "Ideally, ...", "By spring, ...", "With kids in mind, ..."
   make the stretch a list's, and the mark is dropped: 3
3. words._SHARED_PHRASE: the phrase that could be both's must hold one of its words; "including",
   "featuring", "via", "w/", a relative clause ("that contain", "that is tear-free") hold none,
   so the comma changes nothing: 6
4. words._REQUEST_VERBS / ``_OBJECT_START``: a product whose first word is a listed request verb
   ("cover cream", "split end serum", "make up remover") or a verb-sense product followed by a
   relative "that"/"which" ("cream that is free of parabens") is read as a clause: 5
5. words._TWO_ITEM_COMMA, the mark and the stretch: an en dash, an em dash and "--" (the dashes
   are normalised only after the rule), ", +" and a stretch ending in "+" ("SPF 50+,") skip
   the rule: 5
6. words._PRIMARY_DMF: ``(?![\\w-])`` and the dotted/hyphenated letters miss "dmft-index",
   "dmfs-index", "dmft-based", "d-m-f-t" and spaced "d. m. f. t.", served for the capital forms: 5
7. canon._TRADE_PARTIES / _PARTY_PAIRS: practitioners and two-word businesses still outside
   the lists lose their number after "the" ("derm", "dental hygienist", "trichologist",
   "orthodontist", "barre studio", "blow-dry bar", "lash studio"): 7

Paraphrases split (8):

8. words._apart: a comma before "and" that changes nothing sets the rest apart when the word
   after "and" is an adjective ("gentle, and safe for kids"), an instruction verb outside
   ``_REQUEST_VERBS`` with no object opener ("aim for", "use ... for", "preserve with", "rate
   ... by"), a new subject after "the" ("the budget is under ...") or an adverb that does not
   end in an adjective's -ly ("always with", "only with"): 8

Held up: the plain ", and" with a thing and "with"/"without"/"enriched with"/"rich in"/"under
5 euros"/"at pH" after it stays apart; a "For ..." opener still sets the thing apart; "; and"
and " - and" now count; "and/or" and "AND" stay apart; a trademark sign or
a parenthesis before the comma and a number after "and" held; "DMFT"/"dmft", "dmf-t",
"d.m.f.t", "dmfs", "dmft." and "(dmft)" stay apart and "DMFT and dmft" keeps no order; every
g78 practitioner and pair keeps its number (also dermatologist, pharmacist, aesthetician,
beautician, spa, gym, beauty salon, fitness/tanning studio, care-home, nursing-home).

Closed at g81 (41 of 42): a first part that asks a question keeps the mark's reading, a
subject or "can you" does not; any opening phrase that starts with a preposition or an
adverb is skipped; the shared phrase also opens with "including", "featuring", "via",
"w/", "that", "which"; a product after a verb-like word ("cover cream", "make up remover")
is a thing, and a product is never a verb; en and em dashes, "--", "+" and a part ending in
"+" count; "dmft" in every spelling, hyphenated or spaced, is one word; the practitioners
and two-word businesses above keep their number. Paraphrases: an adjective before its
complement ("safe for kids"), an instruction verb, a subject and its verb ("the budget
is"), an adverb before the phrase ("only with") keep the mark's reading. Open: one split
that is not the mark's rule (the comma makes two clauses of "..., and rate the evidence by
quality", the plain "and" one).
"""

from __future__ import annotations

import pytest


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def side(query: str, **context: str) -> dict:
    return {"query": query, "context": context}


_PLAIN = "kids shampoo and conditioner with coconut oil"
_COMMA = "kids shampoo, and conditioner with coconut oil"


# -- 1. words._apart: a sentence opened by a subject or an auxiliary -------------------------
CLAUSE_OPENING = "words._apart: a first part opening with a _NOT_A_THING word ('we', 'I', 'can') keeps the mark"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "We need a kids shampoo and conditioner with coconut oil",
            "We need a kids shampoo, and conditioner with coconut oil",
        ),
        (
            "I want kids shampoo and conditioner with coconut oil",
            "I want kids shampoo, and conditioner with coconut oil",
        ),
        (
            "Can you formulate kids shampoo and conditioner with coconut oil",
            "Can you formulate kids shampoo, and conditioner with coconut oil",
        ),
    ],
)
def test_clause_opening(served, a, b):
    assert not served("formulation", a, b)


def test_clause_opening_held(served):
    assert not served("formulation", _PLAIN, _COMMA)
    assert served(
        "formulation",
        "We need a kids shampoo, and conditioner with coconut oil",
        "We need a kids shampoo, and conditioner with coconut oil.",
    )


# -- 2. words._OPENING_PREPOSITIONS: other openers -----------------------------------------------
OPENER = "words._apart: an opener not starting with one of _OPENING_PREPOSITIONS makes the stretch a list's"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Ideally, kids shampoo and conditioner with coconut oil",
            "Ideally, kids shampoo, and conditioner with coconut oil",
        ),
        (
            "By spring, kids shampoo and conditioner with coconut oil",
            "By spring, kids shampoo, and conditioner with coconut oil",
        ),
        (
            "With kids in mind, a shampoo and conditioner with coconut oil",
            "With kids in mind, a shampoo, and conditioner with coconut oil",
        ),
    ],
)
def test_other_openers(served, a, b):
    assert not served("formulation", a, b)


def test_opener_held(served):
    assert not served(
        "formulation",
        "For the kids range, a shampoo and conditioner with coconut oil",
        "For the kids range, a shampoo, and conditioner with coconut oil",
    )
    assert served(
        "formulation",
        "For the kids range, a shampoo, and conditioner with coconut oil",
        "For the kids range, a shampoo, and conditioner with coconut oil!",
    )


# -- 3. words._SHARED_PHRASE: phrase words it lacks ---------------------------------------------
SHARED = "words._SHARED_PHRASE: a phrase with none of its words ('including', 'via', 'w/', 'that ...') is not both's"


@pytest.mark.parametrize(
    "tail",
    [
        "including coconut oil",
        "featuring coconut oil",
        "via cold process",
        "w/ coconut oil",
        "that contain coconut oil",
        "that is tear-free",
    ],
)
def test_shared_phrase_missing(served, tail):
    assert not served("formulation", f"kids shampoo and conditioner {tail}", f"kids shampoo, and conditioner {tail}")


def test_shared_phrase_held(served):
    for tail in ("enriched with coconut oil", "rich in coconut oil", "without sulfates", "at pH 5.5", "under 5 euros"):
        assert not served(
            "formulation", f"kids shampoo and conditioner {tail}", f"kids shampoo, and conditioner {tail}"
        )


# -- 4. words._REQUEST_VERBS / _OBJECT_START: a thing read as a verb ------------------------------
VERB_THING = (
    "words._apart: a product opening with a request verb, or a verb-sense product before 'that'/'which', is a clause"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("foundation and cover cream with SPF 30", "foundation, and cover cream with SPF 30"),
        ("conditioner and split end serum with argan oil", "conditioner, and split end serum with argan oil"),
        ("cleanser and make up remover with micellar water", "cleanser, and make up remover with micellar water"),
        ("kids shampoo and cream that is free of parabens", "kids shampoo, and cream that is free of parabens"),
        ("kids shampoo and mask which is free of parabens", "kids shampoo, and mask which is free of parabens"),
    ],
)
def test_verb_read_thing(served, a, b):
    assert not served("formulation", a, b)


def test_verb_read_thing_held(served):
    assert not served(
        "formulation",
        "kids shampoo and conditioner that is free of parabens",
        "kids shampoo, and conditioner that is free of parabens",
    )
    assert served(
        "formulation",
        "Formulate a vitamin C serum and keep it stable for 12 months",
        "Formulate a vitamin C serum, and keep it stable for 12 months",
    )


# -- 5. words._TWO_ITEM_COMMA: marks and stretches it misses -----------------------------------
MARKS = "words._TWO_ITEM_COMMA: en/em dashes and '--' (normalised after the rule), ', +' and a stretch ending in '+'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_PLAIN, "kids shampoo \u2013 and conditioner with coconut oil"),
        (_PLAIN, "kids shampoo \u2014 and conditioner with coconut oil"),
        (_PLAIN, "kids shampoo -- and conditioner with coconut oil"),
        ("kids shampoo + conditioner with coconut oil", "kids shampoo, + conditioner with coconut oil"),
        ("sunscreen SPF 50+ and after-sun with aloe vera", "sunscreen SPF 50+, and after-sun with aloe vera"),
    ],
)
def test_marks_missed(served, a, b):
    assert not served("formulation", a, b)


def test_marks_held(served):
    assert not served("formulation", _PLAIN, "kids shampoo - and conditioner with coconut oil")
    assert not served(
        "formulation",
        "Kids Shampoo\u2122 and conditioner with coconut oil",
        "Kids Shampoo\u2122, and conditioner with coconut oil",
    )
    assert served(
        "formulation",
        "kids shampoo - and conditioner with coconut oil",
        "Kids shampoo - and conditioner with coconut oil.",
    )


# -- 6. words._PRIMARY_DMF ------------------------------------------------------------------------
DMF = "words._PRIMARY_DMF: (?![\\w-]) and the letter pattern miss 'dmft-index', 'dmft-based', 'd-m-f-t', 'd. m. f. t.'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("caries reduction as DMFT index", "caries reduction as dmft-index"),
        ("caries reduction as DMFS-index", "caries reduction as dmfs-index"),
        ("caries reduction as DMFT-based scores", "caries reduction as dmft-based scores"),
        ("caries reduction as D-M-F-T", "caries reduction as d-m-f-t"),
        ("caries reduction as D.M.F.T.", "caries reduction as d. m. f. t."),
    ],
)
def test_dmf_forms(served, a, b):
    assert not served("scientific", a, b)


def test_dmf_held(served):
    for a, b in [("DMF-T", "dmf-t"), ("D.M.F.T", "d.m.f.t"), ("DMFS", "dmfs"), ("DMFT", "(dmft)"), ("DMFT", "dmft.")]:
        assert not served("scientific", f"caries reduction as {a}", f"caries reduction as {b}")
    assert served("scientific", "caries increment in DMFT and dmft", "caries increment in dmft and DMFT")


# -- 7. canon._TRADE_PARTIES / _PARTY_PAIRS -------------------------------------------------------
PARTIES = "canon._TRADE_PARTIES/_PARTY_PAIRS: a customer outside the lists loses its number after 'the'"


def _pitch(who: str) -> str:
    return f"A pitch for our lip oil to the {who}"


@pytest.mark.parametrize(
    ("one", "many"),
    [
        ("derm", "derms"),
        ("dental hygienist", "dental hygienists"),
        ("trichologist", "trichologists"),
        ("orthodontist", "orthodontists"),
        ("barre studio", "barre studios"),
        ("blow-dry bar", "blow-dry bars"),
        ("lash studio", "lash studios"),
    ],
)
def test_parties_outside(served, one, many):
    assert not served("branding", _pitch(one), _pitch(many))


def test_parties_held(served):
    for one, many in [
        ("dermatologist", "dermatologists"),
        ("pilates studio", "pilates studios"),
        ("beauty salon", "beauty salons"),
    ]:
        assert not served("branding", _pitch(one), _pitch(many))
    assert served("branding", _pitch("dermatologists"), _pitch("dermatologists") + ".")


# -- 8. Paraphrases split by words._apart -----------------------------------------------------------
APART_SPLIT = "words._apart: a comma before 'and' that changes nothing sets a clause, an adjective or an adverb apart"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Formulate a shampoo that is gentle and safe for kids",
            "Formulate a shampoo that is gentle, and safe for kids",
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and aim for a pH of 5.5",
            "Formulate a vitamin C serum, and aim for a pH of 5.5",
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and use ferulic acid for stability",
            "Formulate a vitamin C serum, and use ferulic acid for stability",
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and preserve with phenoxyethanol",
            "Formulate a vitamin C serum, and preserve with phenoxyethanol",
        ),
        pytest.param(
            "scientific",
            "Review the trials on niacinamide and rate the evidence by quality",
            "Review the trials on niacinamide, and rate the evidence by quality",
            marks=xfail(
                "canon: the comma makes two clauses and the plain 'and' one, so 'by quality' moves in one only "
                "(not words._apart: no 'separately' is written here)"
            ),
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and the budget is under 5 euros",
            "Formulate a vitamin C serum, and the budget is under 5 euros",
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and always with ferulic acid",
            "Formulate a vitamin C serum, and always with ferulic acid",
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and only with natural preservatives",
            "Formulate a vitamin C serum, and only with natural preservatives",
        ),
    ],
)
def test_apart_splits_paraphrases(served, generator, a, b):
    assert served(generator, a, b)
