"""Review 35: the guard's newest rules, g76 and g77 (``git diff 7993e11 -- optimizer/cache``).

Targets: ``words._apart`` / ``_TWO_ITEM_COMMA`` / ``_NOT_A_THING`` (g77: a comma before the
"and" of two things keeps what follows to the second), the "dmft" rule in ``words._prepare``
(g77), and ``canon._PARTY_PAIRS`` with the practitioners added to ``canon._TRADE_PARTIES`` (g76).
Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
the cache keeps apart. Each finding fails today and is ``xfail(strict=True)``; each group also
holds plain tests pinning what the rule gets right. Cases of reviews 27 to 34 and
test_cache_guard_attack.py are not repeated; bare singular/plural pairs with no article are not
reported (the trade-party pairs below all count "the").

Near-misses served (33):

1. words._apart: the second thing is kept whole when ``lexicon.has_verb_sense`` reads it as a
   verb, and most product words are verbs too ("cream", "mask", "scrub", "spray", "gel"), so
   "kids shampoo, and cream with coconut oil" is served for "kids shampoo and cream with
   coconut oil"; the same in a product_type field: 5
2. words._TWO_ITEM_COMMA (spacing): the pattern is the literal ", and " (one comma, one space,
   one space after "and"); ",and", " , and", two spaces, a line break after "and" or a
   full-width comma skip the rule: 5
3. words._TWO_ITEM_COMMA (the stretch): the stretch before the comma must start the sentence,
   hold no comma and end in a letter, and the word after "and" must start with a letter; an
   opening phrase ("For the kids range, ..."), a parenthesis ("(250 ml), and") or a number
   ("500 tubes, and 200 cartons printed ...") skip it: 3
4. words._NOT_A_THING: "a", "the", "also", "then" count as the opening of a clause, so
   "a shampoo, and a conditioner with coconut oil", "the tubes, and the cartons printed in 4
   colours", "..., and also ...", "..., and then ..." keep the old reading: 4
5. words._TWO_ITEM_COMMA (other separators): only a comma counts; "; and", " - and" and ", &"
   are served for the plain "and" ("plus" and "as well as" held up): 3
6. words._prepare "dmft": ``\\bdmf([ts])\\b`` misses the hyphenated and dotted forms ("dmf-t",
   "dmf-s", "d.m.f.t.") and "dmf" itself, which are served for "DMF-T", "DMF-S", "D.M.F.T.",
   "DMF": 4
7. canon._TRADE_PARTIES / _PARTY_PAIRS (g76): the practitioners' other names ("dietician",
   "physio", "vet", "chiropodist"), two-word businesses outside the pairs ("lash bar", "pilates
   studio", "tattoo parlour", "retirement home"), and a listed pair whose first word is shared
   ("the yoga and pilates studios": the word before "studios" is "pilates") lose their number
   in a pitch: 9

Paraphrases split (14), new at g77 (served at g76):

8. words._apart: a comma before "and" that changes nothing is read as two things whenever the
   word after "and" is not in _NOT_A_THING and is no verb or a verb ending in -s: imperatives
   whose base ends in -s ("assess", "discuss", "focus"), a third-person verb ("smells"),
   adjectives ("gentle, and effective"), determiners and adverbs outside the list ("my",
   "no", "its", "preferably"), and fields (requirements, tone, audience): 13
9. words._prepare "dmft": "caries as dmft and DMFT" is not "caries as DMFT and dmft" (the
   inserted "primary teeth" glues to one item): 1

Held up: "plus" and "as well as" after a comma stay apart from the plain forms; a comma before
"and" with a second thing that is no verb ("lotion", "body lotion") or after a "for" phrase
stays apart; two questions ("..., and which brands lead?", "..., and does it ...?") and
imperatives with no -s ("..., and list the INCI names") still match; "DMFT index" / "dmft
index", "mean DMFT" / "mean dmft" and a subject field's "dmft" stay apart; every g76
practitioner and pair keeps its number, in capitals ("the Nail Bars") and hyphenated
("nail-bars", "cruise-lines", "day-spas") too, and inside longer names ("residential care
homes", "dog groomers"); "midwives" counts as the plural of "midwife".

Closed at g78 (46 of 47): ``words._apart`` now reads where the mark can matter -- a comma, a
semicolon, a spaced dash, however spaced or followed by a line break, before "and" or "&";
the second thing's own words (a request verb, a verb before its object, a clause's opening
word, or a first part that is a question keep the two together), and only when a phrase that
could belong to both follows it in its clause; an opening phrase ("For the kids range, ...")
is skipped; "dmft" in every spelling is one word of its own; the practitioners and
two-word businesses above keep their number. Open: 9, which is not the "dmft" rule's: any
"as A and B" keeps the head with the first item ("caries as DMFS and DMFT" is not "... as
DMFT and DMFS" either).
"""

from __future__ import annotations

import pytest


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def side(query: str, **context: str) -> dict:
    return {"query": query, "context": context}


# -- 1. words._apart: a second thing that is also a verb ------------------------------------------
VERB_THING = "words._apart: the second thing read as a verb (lexicon.has_verb_sense) keeps the two together"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "kids shampoo and cream with coconut oil", "kids shampoo, and cream with coconut oil"),
        ("formulation", "kids shampoo and mask with coconut oil", "kids shampoo, and mask with coconut oil"),
        ("formulation", "face wash and scrub with walnut shell", "face wash, and scrub with walnut shell"),
        ("formulation", "kids shampoo and spray with coconut oil", "kids shampoo, and spray with coconut oil"),
        (
            "formulation",
            side("Formulate it", product_type="shampoo and cream with coconut oil"),
            side("Formulate it", product_type="shampoo, and cream with coconut oil"),
        ),
    ],
)
def test_verb_sense_second_thing(served, generator, a, b):
    assert not served(generator, a, b)


def test_verb_sense_no_verb_thing_held(served):
    assert not served(
        "formulation", "kids shampoo and lotion with coconut oil", "kids shampoo, and lotion with coconut oil"
    )
    assert served(
        "formulation",
        "Formulate a vitamin C serum and list the INCI names",
        "Formulate a vitamin C serum, and list the INCI names",
    )


# -- 2. words._TWO_ITEM_COMMA: the literal ", and " ---------------------------------------------
SPACING = "words._TWO_ITEM_COMMA: only the literal ', and ' (one space each side) is set apart"

_PLAIN = "kids shampoo and conditioner with coconut oil"


@pytest.mark.parametrize(
    "b",
    [
        "kids shampoo,and conditioner with coconut oil",
        "kids shampoo , and conditioner with coconut oil",
        "kids shampoo,  and conditioner with coconut oil",
        "kids shampoo, and\nconditioner with coconut oil",
        "kids shampoo\uff0cand conditioner with coconut oil",
    ],
)
def test_comma_spacing(served, b):
    assert not served("formulation", _PLAIN, b)


def test_comma_spacing_plain_held(served):
    assert not served("formulation", _PLAIN, "kids shampoo, and conditioner with coconut oil")
    assert served(
        "formulation",
        "kids shampoo, and conditioner with coconut oil",
        "Kids shampoo, and conditioner with coconut oil.",
    )


# -- 3. words._TWO_ITEM_COMMA: the stretch before and the word after --------------------------
STRETCH = (
    "words._TWO_ITEM_COMMA: the stretch must open the sentence, hold no comma, end in a letter; the next word a letter"
)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "For the kids range, a shampoo and conditioner with coconut oil",
            "For the kids range, a shampoo, and conditioner with coconut oil",
        ),
        (
            "formulation",
            "kids shampoo (250 ml) and conditioner with coconut oil",
            "kids shampoo (250 ml), and conditioner with coconut oil",
        ),
        (
            "costing",
            "labels for 500 tubes and 200 cartons printed in 4 colours",
            "labels for 500 tubes, and 200 cartons printed in 4 colours",
        ),
    ],
)
def test_comma_stretch(served, generator, a, b):
    assert not served(generator, a, b)


def test_comma_stretch_held(served):
    assert not served(
        "formulation",
        "shampoo for kids and conditioner with coconut oil",
        "shampoo for kids, and conditioner with coconut oil",
    )
    assert not served(
        "formulation", "kids shampoo and body lotion with coconut oil", "kids shampoo, and body lotion with coconut oil"
    )


# -- 4. words._NOT_A_THING: articles and "also"/"then" -----------------------------------------
NOT_A_THING = "words._NOT_A_THING: 'a', 'the', 'also', 'then' after the comma's 'and' read as a clause"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "a shampoo and a conditioner with coconut oil",
            "a shampoo, and a conditioner with coconut oil",
        ),
        (
            "costing",
            "cost of labels for the tubes and the cartons printed in 4 colours",
            "cost of labels for the tubes, and the cartons printed in 4 colours",
        ),
        (
            "formulation",
            "kids shampoo and also conditioner with coconut oil",
            "kids shampoo, and also conditioner with coconut oil",
        ),
        (
            "formulation",
            "kids shampoo and then conditioner with coconut oil",
            "kids shampoo, and then conditioner with coconut oil",
        ),
    ],
)
def test_not_a_thing_words(served, generator, a, b):
    assert not served(generator, a, b)


def test_not_a_thing_held(served):
    assert served(
        "market",
        "How big is the serum market in Brazil and which brands lead?",
        "How big is the serum market in Brazil, and which brands lead?",
    )
    assert served(
        "scientific",
        "Is niacinamide safe in pregnancy and does it help melasma?",
        "Is niacinamide safe in pregnancy, and does it help melasma?",
    )


# -- 5. words._TWO_ITEM_COMMA: other separators --------------------------------------------------
SEPARATORS = "words._TWO_ITEM_COMMA: only a comma before 'and' sets the second thing apart"


@pytest.mark.parametrize(
    "b",
    [
        "kids shampoo; and conditioner with coconut oil",
        "kids shampoo - and conditioner with coconut oil",
        "kids shampoo, & conditioner with coconut oil",
    ],
)
def test_other_separators(served, b):
    a = "kids shampoo & conditioner with coconut oil" if "&" in b else _PLAIN
    assert not served("formulation", a, b)


def test_other_separators_held(served):
    assert not served(
        "formulation",
        "kids shampoo plus conditioner with coconut oil",
        "kids shampoo, plus conditioner with coconut oil",
    )
    assert not served(
        "formulation",
        "kids shampoo as well as conditioner with coconut oil",
        "kids shampoo, as well as conditioner with coconut oil",
    )


# -- 6. words._prepare: "dmft" --------------------------------------------------------------------
DMFT = "words._prepare: \\bdmf([ts])\\b misses 'dmf-t', 'dmf-s', 'd.m.f.t.' and 'dmf'"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("caries reduction as DMF-T", "caries reduction as dmf-t"),
        ("caries reduction as DMF-S", "caries reduction as dmf-s"),
        ("caries reduction as D.M.F.T.", "caries reduction as d.m.f.t."),
        ("caries reduction as DMF", "caries reduction as dmf"),
    ],
)
def test_dmft_forms(served, a, b):
    assert not served("scientific", a, b)


def test_dmft_held(served):
    assert not served("scientific", "caries as DMFT index", "caries as dmft index")
    assert not served("scientific", "caries as mean DMFT", "caries as mean dmft")
    assert not served(
        "scientific",
        side("Evidence", subject="caries reduction as DMFT"),
        side("Evidence", subject="caries reduction as dmft"),
    )
    assert served("scientific", "caries reduction as dmft", "Caries reduction as dmft?")


# -- 7. canon._TRADE_PARTIES / _PARTY_PAIRS -------------------------------------------------------
PARTIES = "canon._TRADE_PARTIES/_PARTY_PAIRS: a customer outside the lists loses its number after 'the'"


def _pitch(who: str) -> str:
    return f"A pitch for our lip oil to the {who}"


@pytest.mark.parametrize(
    ("one", "many"),
    [
        ("dietician", "dieticians"),
        ("physio", "physios"),
        ("vet", "vets"),
        ("chiropodist", "chiropodists"),
        ("lash bar", "lash bars"),
        ("pilates studio", "pilates studios"),
        ("tattoo parlour", "tattoo parlours"),
        ("retirement home", "retirement homes"),
        ("yoga and pilates studio", "yoga and pilates studios"),
    ],
)
def test_parties_outside_lists(served, one, many):
    assert not served("branding", _pitch(one), _pitch(many))


@pytest.mark.parametrize(
    ("one", "many"),
    [
        ("midwife", "midwives"),
        ("dog groomer", "dog groomers"),
        ("Nail Bar", "Nail Bars"),
        ("nail-bar", "nail-bars"),
        ("day-spa", "day-spas"),
        ("residential care home", "residential care homes"),
        ("physiotherapist", "physiotherapists"),
        ("veterinarian", "veterinarians"),
    ],
)
def test_parties_held(served, one, many):
    assert not served("branding", _pitch(one), _pitch(many))


def test_parties_paraphrase_held(served):
    assert served("branding", _pitch("podiatrists"), _pitch("podiatrists") + ".")


# -- 8. Paraphrases split by words._apart (new at g77) ------------------------------------------
APART_SPLIT = "words._apart: a comma before 'and' that changes nothing sets the next words apart"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("formulation", "Check the formula and assess its stability", "Check the formula, and assess its stability"),
        (
            "scientific",
            "Review the trials on bakuchiol and discuss the evidence",
            "Review the trials on bakuchiol, and discuss the evidence",
        ),
        (
            "scientific",
            "Summarise the trials on niacinamide and focus on RCTs",
            "Summarise the trials on niacinamide, and focus on RCTs",
        ),
        (
            "formulation",
            "The cream separates after a week and smells sour: why?",
            "The cream separates after a week, and smells sour: why?",
        ),
        ("formulation", "A cleanser that is gentle and effective", "A cleanser that is gentle, and effective"),
        (
            "formulation",
            "Formulate a vitamin C serum and my budget is low",
            "Formulate a vitamin C serum, and my budget is low",
        ),
        (
            "formulation",
            "Formulate a vitamin C serum and no silicones",
            "Formulate a vitamin C serum, and no silicones",
        ),
        (
            "market",
            "How big is the serum market in Brazil and its growth rate?",
            "How big is the serum market in Brazil, and its growth rate?",
        ),
        (
            "formulation",
            "Suggest a preservative and preferably a natural one",
            "Suggest a preservative, and preferably a natural one",
        ),
        (
            "scientific",
            "Is niacinamide safe in pregnancy and its effect on melasma?",
            "Is niacinamide safe in pregnancy, and its effect on melasma?",
        ),
        (
            "formulation",
            side("Formulate a serum", requirements="fragrance-free and vegan"),
            side("Formulate a serum", requirements="fragrance-free, and vegan"),
        ),
        (
            "branding",
            side("Taglines", product="lip oil", tone="warm and playful"),
            side("Taglines", product="lip oil", tone="warm, and playful"),
        ),
        (
            "branding",
            side("Taglines", product="lip oil", audience="teens and young adults"),
            side("Taglines", product="lip oil", audience="teens, and young adults"),
        ),
    ],
)
def test_apart_splits_paraphrases(served, generator, a, b):
    assert served(generator, a, b)


# -- 9. Paraphrase split by the "dmft" rule ------------------------------------------------------
@xfail(
    "canon: 'as A and B' keeps the head's words with the first item, so the two indices keep an order (any two, not only these)"
)
def test_dmft_list_order(served):
    assert served("scientific", "caries as dmft and DMFT", "caries as DMFT and dmft")
