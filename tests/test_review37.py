"""Review 37: the guard's newest rules, g80 and g81 (``git diff 97acccb -- optimizer/cache``).

Targets: ``canon._afflicted`` (g80: a condition of hair, skin, scalp, nails, lips, teeth stays
with its bearer), ``canon._sited`` / ``_SITES`` (g80: a site's place stays with the site) and
``words._apart`` with ``_a_verb``, ``_PRODUCT_HEADS``, ``_ASKING``/``_POLITE_ASK``,
``_OPENING_PREPOSITIONS`` and ``_SHARED_PHRASE`` (rewritten at g81 after review 36).
Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
the cache keeps apart. Each finding fails today and is ``xfail(strict=True)``; each group also
holds plain tests pinning what the rule gets right. Cases of reviews 27 to 36 and
test_cache_guard_attack.py are not repeated; no finding rests on bare singular/plural.

Near-misses served (38):

1. canon._afflicted, ``_CONDITIONS``: a property or condition outside the list moves with
   its "with" phrase, so the bearer's state becomes the product's: "toner for skin with a high
   pH" = "toner with a high pH for skin"; also colour, henna, high porosity, dark circles: 5
2. canon._afflicted, ``_PEOPLE``: a bearer outside the list (hands, eyes, lashes, curls,
   dogs) or a word between bearer and "with" ("hair types") lets a listed condition move: 6
3. canon._sited, ``_SITES`` and the "in"/"at" test: a place after distributors, suppliers,
   franchises, kiosks, staff is not glued ("brands with distributors in Brazil" = "brands in
   Brazil with distributors"); nor a place after a listed site opened by "across", "within",
   "on": 8
4. words._a_verb: a thing read as a clause: a plural product whose singular is not in
   ``_PRODUCT_HEADS`` and has a verb sense ("eye patches", "makeup brushes", "hair dyes",
   "bath salts"); a verb-sense product before "that" (``_OBJECT_START``: "wax that contains",
   "contour that contains"); a noun-adjective before "with" (``_COMPLEMENT``: "emollient",
   "astringent"); a real adverb before the thing ("lightly tinted moisturiser", "highly
   concentrated serum"): 10
5. words._apart, ``_POLITE_ASK``: "could"/"can" followed by anything but "you" ("Could we get",
   "Can I get") is taken for a question: 2
6. words._apart, ``_OPENING_PREPOSITIONS``: an opener starting with a word outside the list
   and not in -ly ("Hi team,", "If possible,", "This quarter,", "Without a big budget,")
   makes the stretch a list's: 4
7. words._SHARED_PHRASE: "around", "to", "like" open no shared phrase ("conditioner around
   5 euros"): 3

Paraphrases split (4):

8. canon._afflicted: a product property whose last word is in ``_CONDITIONS`` is glued to
   the bearer ("serum for dry hair with anti-frizz", "lipstick for lips with high
   pigmentation", "balm for lips with a cherry stain", "toothbrush for teeth with a tapered
   end"); all four were one request at g79 (b2105e6): 4

Held up: g80's own cases ("toner for grey hair with yellow tones", "brands with academies in
Paris") stay apart and "shampoo for dry hair with argan oil" stays one; listed sites with "in"
hold also after "a flagship store", "a plant", "warehouses", "a strong presence", "counters
at"; a site's phrase still moves whole ("brands with stores in Paris for teens" = "brands for
teens with stores in Paris"); "outside", "near", "throughout", "without", "based in" and
"located in" stayed apart (by other rules). words._apart: "eye drops", "face oils", "lip
liners", "body wash", "a leave-in", "nightly serum" stay apart; "below 5 euros" and "over 95%
natural" stay apart; ", plus", ", or", ", as well as" stay apart.

Closed at g82 (38 of 42): what hair, skin, a nail, lips, hands, eyes, lashes, curls (any
bearer, "hair types" too) are "with" stays theirs unless it names an ingredient (the INCI
list's words), an amount or an SPF; pets are people; a holding's place stays with it for
distributors, suppliers, franchises, kiosks, staff and more, after "across", "within", "on"
too; a plural product is a thing, and a verb-like product before "that", a noun-adjective
before "with" and an adverb before a thing's own words no longer read as a clause; "Could
we", "Can I" ask for a thing; more openers; "around", "like", "to" open a shared phrase.
Open (4, on purpose): the four product properties of group 8 stay apart from the same words
after the bearer (a miss: which of the two has the "stain" or the "tapered end" is one
reading of two). Cost on both halves: no paraphrase lost.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# -- 1. canon._afflicted: conditions and properties outside _CONDITIONS ---------------------------
CONDITION = "canon._afflicted: a bearer's property outside _CONDITIONS moves, becoming the product's"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("toner for skin with a high pH", "toner with a high pH for skin"),
        ("conditioner for hair with colour", "conditioner with colour for hair"),
        ("shampoo for hair with henna", "shampoo with henna for hair"),
        ("oil for hair with high porosity", "oil with high porosity for hair"),
        ("concealer for skin with dark circles", "concealer with dark circles for skin"),
    ],
)
def test_condition_missed(served, a, b):
    assert not served("formulation", a, b)


def test_condition_held(served):
    assert not served("formulation", "toner for grey hair with yellow tones", "toner with yellow tones for grey hair")
    assert served("formulation", "shampoo for dry hair with argan oil", "shampoo with argan oil for dry hair")


# -- 2. canon._afflicted: bearers outside _PEOPLE ------------------------------------------------
BEARER = "canon._afflicted: a bearer outside _PEOPLE, or a word between it and 'with', lets the condition move"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("cream for hands with eczema", "cream with eczema for hands"),
        ("cream for eyes with redness", "cream with redness for eyes"),
        ("serum for lashes with breakage", "serum with breakage for lashes"),
        ("gel for curls with frizz", "gel with frizz for curls"),
        ("shampoo for hair types with frizz", "shampoo with frizz for hair types"),
    ],
)
def test_bearer_missed(served, a, b):
    assert not served("formulation", a, b)


def test_bearer_pet(served):
    assert not served("formulation", "shampoo for dogs with eczema", "shampoo with eczema for dogs")


def test_bearer_held(served):
    assert not served("formulation", "mask for hair with bleach damage", "mask with bleach damage for hair")
    assert served("formulation", "cream for dry skin with shea butter", "cream with shea butter for dry skin")


# -- 3. canon._sited / _SITES ------------------------------------------------------------------
SITE = "canon._sited: a place after a holding outside _SITES, or opened by another preposition, is not glued"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("brands with distributors in Brazil", "brands in Brazil with distributors"),
        ("brands with suppliers in China", "brands in China with suppliers"),
        ("brands with franchises in Spain", "brands in Spain with franchises"),
        ("brands with kiosks in Dubai", "brands in Dubai with kiosks"),
        ("brands with staff in Germany", "brands in Germany with staff"),
        ("brands with stores across Europe", "brands across Europe with stores"),
        ("brands with labs within the EU", "brands within the EU with labs"),
    ],
)
def test_site_missed(served, a, b):
    assert not served("market", a, b)


def test_site_on(served):
    assert not served("market", "brands with offices on Fifth Avenue", "brands on Fifth Avenue with offices")


def test_site_held(served):
    assert not served("market", "brands with academies in Paris", "brands in Paris with academies")
    assert not served("market", "brands with a flagship store in Paris", "brands in Paris with a flagship store")
    assert served("market", "brands with stores in Paris for teens", "brands for teens with stores in Paris")


# -- 4. words._a_verb: a thing read as a clause ---------------------------------------------------
VERB = (
    "words._a_verb: a plural verb-sense product, a verb before 'that', a noun-adjective or an adverb reads as a clause"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a face serum and eye patches with caffeine", "a face serum, and eye patches with caffeine"),
        ("a foundation and makeup brushes with vegan bristles", "a foundation, and makeup brushes with vegan bristles"),
        ("a shampoo and hair dyes with henna", "a shampoo, and hair dyes with henna"),
        ("a soap and bath salts with lavender", "a soap, and bath salts with lavender"),
        ("kids pomade and wax that contains beeswax", "kids pomade, and wax that contains beeswax"),
        ("a highlighter and contour that contains mica", "a highlighter, and contour that contains mica"),
        ("a cleanser and emollient with shea butter", "a cleanser, and emollient with shea butter"),
        ("a cleanser and astringent with witch hazel", "a cleanser, and astringent with witch hazel"),
        ("a serum and lightly tinted moisturiser with SPF 30", "a serum, and lightly tinted moisturiser with SPF 30"),
        (
            "a toner and highly concentrated serum with vitamin C",
            "a toner, and highly concentrated serum with vitamin C",
        ),
    ],
)
def test_thing_read_as_clause(served, a, b):
    assert not served("formulation", a, b)


def test_thing_held(served):
    for a, b in [
        ("a face serum and eye drops with hyaluronic acid", "a face serum, and eye drops with hyaluronic acid"),
        ("a serum and face oils with rosehip", "a serum, and face oils with rosehip"),
        ("a cleanser and nightly serum with retinol", "a cleanser, and nightly serum with retinol"),
    ]:
        assert not served("formulation", a, b)


# -- 5. words._apart, _POLITE_ASK --------------------------------------------------------------
ASK = "words._apart: 'could'/'can' before anything but 'you' is read as a question"


@pytest.mark.parametrize("opening", ["Could we get", "Can I get"])
def test_polite_ask(served, opening):
    assert not served(
        "formulation",
        f"{opening} kids shampoo and conditioner with coconut oil",
        f"{opening} kids shampoo, and conditioner with coconut oil",
    )


def test_polite_ask_held(served):
    assert not served(
        "formulation",
        "Can you formulate kids shampoo and conditioner with coconut oil",
        "Can you formulate kids shampoo, and conditioner with coconut oil",
    )


# -- 6. words._OPENING_PREPOSITIONS ---------------------------------------------------------------
OPENER = "words._apart: an opener outside _OPENING_PREPOSITIONS and not in -ly makes the stretch a list's"


@pytest.mark.parametrize("opener", ["Hi team", "If possible", "This quarter", "Without a big budget"])
def test_opener_missed(served, opener):
    assert not served(
        "formulation",
        f"{opener}, kids shampoo and conditioner with coconut oil",
        f"{opener}, kids shampoo, and conditioner with coconut oil",
    )


def test_opener_held(served):
    assert not served(
        "formulation",
        "By spring, kids shampoo and conditioner with coconut oil",
        "By spring, kids shampoo, and conditioner with coconut oil",
    )


# -- 7. words._SHARED_PHRASE -----------------------------------------------------------------------
SHARED = "words._SHARED_PHRASE: 'around', 'to', 'like' open no shared phrase, so the comma changes nothing"


@pytest.mark.parametrize("tail", ["around 5 euros", "to detangle curls", "like Johnson's"])
def test_shared_missed(served, tail):
    assert not served("formulation", f"kids shampoo and conditioner {tail}", f"kids shampoo, and conditioner {tail}")


def test_shared_held(served):
    for tail in ("below 5 euros", "over 95% natural"):
        assert not served(
            "formulation", f"kids shampoo and conditioner {tail}", f"kids shampoo, and conditioner {tail}"
        )


# -- 8. Paraphrases split: canon._afflicted glues a product property -------------------------------
GLUED = (
    "canon._afflicted: what hair, skin or lips are 'with' stays theirs unless it names an ingredient, an amount or an "
    "SPF; a product's own property is read as theirs too (kept apart on purpose at g82: one reading of two is a miss)"
)


@xfail(GLUED)
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("serum for dry hair with anti-frizz", "serum with anti-frizz for dry hair"),
        ("lipstick for lips with high pigmentation", "lipstick with high pigmentation for lips"),
        ("balm for lips with a cherry stain", "balm with a cherry stain for lips"),
        ("toothbrush for teeth with a tapered end", "toothbrush with a tapered end for teeth"),
    ],
)
def test_property_glued(served, a, b):
    assert served("formulation", a, b)


def test_property_held():
    assert same("serum for dry hair with argan oil", "serum with argan oil for dry hair")
