"""Review 31: the guard rules of this session, g64 to g68 (``git diff 671fe9c -- optimizer/cache``),
attacked as a whole, on realistic analyst requests.

tests/test_review28.py, test_review29.py and test_review30.py reviewed the pieces one by one;
this file looks at how they meet: canon._glued / _glued_place / _is_place (with _REGIONS,
_DIRECTIONS, _TOPIC_HEADS, _TRADE_PARTIES) and the duplicate-head check of canon._phrases;
words._TALKED_SIGN / _sign_named / _PAIRED / _AFTER_A_TALKED_SIGN; canon._LAYOUT_ORDER,
canon._PACK_COPY (fullmatch), canon._SEQUENCE ("ladder") and what ``in_sequence`` does to every
list of a text; in short plain requests, in long and in multi-sentence ones.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy). Each split finding gives two requests that are one request and are not
served. Each fails today and is marked ``xfail(strict=True)``: it passes while the finding
stands and turns red when a fix closes it (then drop the mark). Each group also holds plain
tests pinning what the rule gets right. "g68 regression" means kept apart (near-miss) or
served (split) at b52d4c5 (g67) and no longer; "regression" means the same against 671fe9c
(before g64); "gap" means a case of the kind the rule set out to cover that it misses (served
at 671fe9c and at g67 too). Every version label below was run, not assumed.

Near-misses served (27):

1. canon._glued threshold (``len(starts) < _ATTACHING_RUN``, g64/g65): a business's place
   glues only among three phrase starts or more. The commonest phrasing has two: "Email our
   distributors in Brazil about the recall" (no "to") is served "... about the recall in
   Brazil"; the same in market requests ("Survey our retailers in Germany on the new plastic
   tax"). Every review so far wrote "Draft a notice to ..." (three starts) (gaps): 4
2. canon._PACK_COPY.fullmatch (g68): claims keep their order only when the whole request is
   the list, and the list may hold no "." or "?": a decimal ("0.5% retinol"), a second
   sentence ("Keep each under 20 characters."), a heading line above "Claims:", a brief
   sentence before "Pack claims:", "Lead with these claims:" after "Write the carton copy."
   (g68 regressions: 5); and, open since g67, the list ending in "?", an abbreviation
   ("U.K."), more than 30 characters between "claims" and its colon (gaps: 3): 8
3. canon._LAYOUT_ORDER (g68): the layout words ("left to right", "biggest to smallest", "most
   prominent to least prominent") need a colon within 30 characters; the dash, parenthesis
   and line break g68 accepts after "hierarchy" are not accepted after them, and a longer
   lead-in ("... for our three best-selling serums:") is no layout (g68 regressions: 5). A
   hierarchy listed with "•" bullets (the "-" bullet counts, through ``\\s+[-]\\s``) or more
   than 40 characters before its colon is sorted (gaps: 2): 7
4. words._PAIRED (g68): a talked-about sign after "from" or "to" is read as a join and is gone:
   "switch from + to & in the name" is served "switch from & to + in the name", also with
   "sign" after each (g68 regressions): 3
5. canon._SEQUENCE "ladder": a ladder named otherwise ("price tiers", "good-better-best
   range") is sorted, and which name goes on which tier is lost (gaps): 2
6. canon._is_place / _REGIONS: more places that are no place, so "in <place>" after the
   business is sorted onto the matter: Iberia, the Americas, the south of France (gaps): 3

Paraphrases split (6):

7. words._TALKED_SIGN ``named`` (g66, open at g68): g68's _PAIRED fixed "before & after", not
   a joining "&" before a second phrase's preposition: "in Spain & in Italy", "online & at
   Sephora", "on skin & on hair", "with SPF & with niacinamide" read "&" as a word
   (regressions): 4. canon._PACK_COPY (g68): its 40-character lead-in makes "Check these
   claims for EU compliance: A, B, C" pack copy, so the reordered check is not served (g68
   regression): 1. canon._LAYOUT_ORDER (g66, open at g68): a layout list with its colon keeps
   every list of the text in order, also another sentence's markets (regression): 1

Held up (no finding kept): the glue among three starts for Hong Kong, KSA, Puerto Rico, Korea,
Oceania, West Africa, Central Asia, Southern Africa, Northern Ireland, the Nordics, the DACH
region, the Gulf states (kept apart now); "Notify our pharmacies in Spain regarding ..."
(apart); a hierarchy after an em dash or "-" bullets; a long multi-sentence brief whose
"hierarchy ... is:" is within 40 characters; "Headline claim and two supporting claims:";
claims with "SPF 50+, PA++++", with "(in vivo, n=30)", separated by semicolons; "claims first
to last:", "in this emphasis:"; "Pack claims for the night cream:" with bullets; "Name the
price ladder"; "Switch the name from + to &" with nothing after the last sign. Paraphrases
that hold: bullets vs commas and "and" vs "&" after "Claims:", after a hierarchy's colon and
after "biggest to smallest:"; "before & during". Also tried and not kept: Sub-Saharan Africa
(review30 tried it), the Levant, the Maghreb, the ANZ region (served, same cause as group 6);
splits present before g64 too ("in Spain & Italy" vs "and", a hierarchy written "A; B; C",
"A / B / C" or "A > B > C" vs commas, a hierarchy's text with another sentence's actives
reordered).

Closed at g69: 26 of the 33. A business's place glues beside a matter among two phrases
too (group 1); pack copy counts wherever it is named, before a colon, a dash or a line
break, unless the sentence checks it ("Check these claims for EU compliance:"), and keeps
the text's other lists in order again (review30's group 11 reopens: a paraphrase missed,
never a pack's order lost) (group 2); a layout's order and a hierarchy count with their
list after a colon, a dash, a parenthesis or a line break within 60 characters (group 3);
a sign between two words of a pair joins only when no sign follows ("from + to &" is two
signs), and a sign between two phrases with the same preposition joins ("in Spain & in
Italy") (groups 4, 7). Open: tiers named without "ladder", Iberia, the Americas, "the south
of", "online & at home", and a layout list keeping another sentence's list in order.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def _reversed3(prefix: str, x: str, y: str, z: str, suffix: str = "") -> tuple[str, str]:
    return f"{prefix}{x}, {y}, {z}{suffix}", f"{prefix}{z}, {y}, {x}{suffix}"


def _bullets(head: str, x: str, y: str, z: str, mark: str = "\u2022") -> tuple[str, str]:
    return f"{head}\n{mark} {x}\n{mark} {y}\n{mark} {z}", f"{head}\n{mark} {z}\n{mark} {y}\n{mark} {x}"


def _moved(prefix: str, party: str, place: str, matter: str) -> tuple[str, str]:
    """The place after the business, then after the matter."""
    return f"{prefix} {party} in {place} {matter}", f"{prefix} {party} {matter} in {place}"


# ================================ near-misses served ================================


# -- 1. a business's place among two phrases (canon._glued, len(starts) < _ATTACHING_RUN) -------
# _glued returns the clause untouched under three phrase starts. "Email our distributors in
# Brazil about the recall" has two ("in", "about"; "email" is the verb, no "to"), so both
# trailing phrases are sorted and the place lands on the matter: the email to the Brazilian
# distributors (about a recall anywhere) is served for the email about the Brazilian recall (to
# distributors anywhere). The same in market research: the German retailers' view of the tax
# is not the view on the German tax. Served at 671fe9c and g67 too (gaps).
TWO_STARTS = "canon._glued: under _ATTACHING_RUN phrase starts nothing glues; the place is sorted onto the matter"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        pytest.param("branding", *_moved("Email our", "distributors", "Brazil", "about the recall"), id="email"),
        pytest.param("branding", *_moved("Message our", "salons", "Italy", "about the shade recall"), id="message"),
        pytest.param("market", *_moved("Survey our", "retailers", "Germany", "on the new plastic tax"), id="survey"),
        pytest.param(
            "market", *_moved("Interview our", "distributors", "Mexico", "about the new labelling law"), id="interview"
        ),
    ],
)
def test_a_business_place_among_two_phrases(served, generator, a, b):
    assert not served(generator, a, b)


def test_a_business_place_among_three_phrases_is_kept(served):
    assert not served("branding", *_moved("Write a letter to our", "suppliers", "India", "about the audit findings"))


def test_a_glued_place_moves_with_its_business(served):
    assert served(
        "branding",
        "Draft a notice to our distributors in Brazil about the recall",
        "Draft a notice about the recall to our distributors in Brazil",
    )


# -- 2. pack copy only when the request is the list alone (canon._PACK_COPY.fullmatch) ----------
# g68 made _PACK_COPY a fullmatch whose list is r"[^.;:!?]*[.!]?\s*": one "." inside ("0.5%",
# "U.K.") or after (a second sentence), a "?" at the end, a heading line before the colon
# (the lead-in may hold no newline), or more than 30 characters between "claims" and the colon,
# and the claims are a set again: the pack that leads with "dermatologist tested" is served
# for the one that leads with "48h hydration". The first five were kept apart at g67 (g68
# regressions); the last three were served at g67 too (gaps).
PACK_ALONE = "canon._PACK_COPY.fullmatch: claims keep their order only when the request is the list alone"
PACK_GAP = "canon._PACK_COPY: a '?', a '.', or over 30 characters before the colon end the list's order (g67 too)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(*_reversed3("Claims: ", "2% niacinamide", "0.5% retinol", "vegan"), id="decimal"),
        pytest.param(
            *_reversed3(
                "Pack claims: ", "hydrating", "vegan", "dermatologist tested", ". Keep each under 20 characters."
            ),
            id="second-sentence",
        ),
        pytest.param(
            *_bullets("Carton for the night cream\nClaims:", "hydrating", "vegan", "dermatologist tested", "-"),
            id="heading-line",
        ),
        pytest.param(
            *_reversed3(
                "Our new night cream for dry, mature skin launches in the UK in spring. Pack claims: ",
                "48h hydration",
                "vegan",
                "dermatologist tested",
                ".",
            ),
            id="brief-before",
        ),
        pytest.param(
            *_reversed3(
                "Write the carton copy. Lead with these claims: ", "48h hydration", "vegan", "dermatologist tested"
            ),
            id="lead-with",
        ),
        pytest.param(
            *_reversed3(
                "Claims for the carton of our night cream: ", "hydrating", "vegan", "dermatologist tested", "?"
            ),
            id="question-mark",
        ),
        pytest.param(
            *_reversed3("Claims for the U.K. carton: ", "48h hydration", "vegan", "dermatologist tested"),
            id="abbreviation",
        ),
        pytest.param(
            *_bullets("Pack claims for the night cream (EU launch):", "48h hydration", "vegan", "dermatologist tested"),
            id="over-30-characters",
        ),
    ],
)
def test_pack_copy_beside_other_text(served, a, b):
    assert not served("branding", a, b)


def test_pack_copy_alone_keeps_its_order(served):
    assert not served(
        "branding", *_bullets("Pack claims for the night cream:", "48h hydration", "vegan", "dermatologist tested")
    )
    assert not served("branding", *_reversed3("Claims: ", "SPF 50+", "PA++++", "water resistant"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Pack claims: 48h hydration, vegan, dermatologist tested",
            "Pack claims:\n\u2022 48h hydration\n\u2022 vegan\n\u2022 dermatologist tested",
            id="bullets-vs-commas",
        ),
        pytest.param("Claims: vegan, gentle and effective", "Claims: vegan, gentle & effective", id="and-vs-ampersand"),
    ],
)
def test_pack_copy_reformatted_is_served(served, a, b):
    assert served("branding", a, b)


# -- 3. a layout's order only with a colon within 30 characters (canon._LAYOUT_ORDER) -----------
# g68 moved the layout words out of _SEQUENCE into _LAYOUT_ORDER, where they need
# r"[^.;:\n]{0,30}:" after them. "hierarchy" also accepts a dash, a parenthesis, a line break
# before "-"; "left to right", "biggest to smallest", "most prominent to least prominent" do
# not, and a lead-in of more than 30 characters ("... for our three best-selling serums:")
# loses the order too. All five kept apart at g67 (g68 regressions). A hierarchy listed with
# "•" or "*" bullets (no colon) or with more than 40 characters before its colon is sorted at
# every version (gaps).
LAYOUT_COLON = "canon._LAYOUT_ORDER: layout words count only with a colon within 30 characters after them"
HIERARCHY_FORM = "canon._LAYOUT_ORDER: a hierarchy with '\u2022' bullets or over 40 characters before its colon"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            *_bullets("Shelf layout, left to right", "cleanser", "toner", "serum"),
            id="left-to-right-bullets",
        ),
        pytest.param(
            *_reversed3("Shelf layout, left to right - ", "cleanser", "toner", "serum"),
            id="left-to-right-dash",
        ),
        pytest.param(
            *_reversed3("Front label, biggest to smallest (", "brand", "SPF 50", "product name", ")"),
            id="biggest-to-smallest-parentheses",
        ),
        pytest.param(
            *_reversed3(
                "Arrange the shelf left to right for our three best-selling serums: ", "cleanser", "toner", "serum"
            ),
            id="left-to-right-long-lead-in",
        ),
        pytest.param(
            *_reversed3(
                "Front label, from most prominent to least prominent on the small 30 ml carton: ",
                "brand",
                "SPF 50",
                "product name",
            ),
            id="most-to-least-long-lead-in",
        ),
        pytest.param(
            *_bullets("Front label hierarchy", "brand", "SPF 50", "product name"),
            id="hierarchy-bullets",
        ),
        pytest.param(
            *_reversed3(
                "Front label hierarchy for our new mineral sunscreen for sensitive skin in the EU: ",
                "brand",
                "SPF 50",
                "product name",
            ),
            id="hierarchy-long-lead-in",
        ),
    ],
)
def test_a_layout_written_without_a_near_colon(served, a, b):
    assert not served("branding", a, b)


def test_a_layout_with_its_colon_keeps_its_order(served):
    assert not served("branding", *_reversed3("Front label, biggest to smallest: ", "brand", "SPF 50", "product name"))
    assert not served("branding", *_bullets("Front label hierarchy", "brand", "SPF 50", "product name", "-"))
    assert not served(
        "branding",
        *_reversed3(
            "We are relaunching our mineral sunscreen for sensitive skin in Germany and Austria. "
            "The front label hierarchy we want on the new 50 ml tube is: ",
            "brand",
            "SPF 50",
            "product name",
            ". Keep the tone clinical.",
        ),
    )


def test_a_layout_reformatted_is_served(served):
    assert served(
        "branding",
        "Front label, biggest to smallest: brand, SPF 50, product name",
        "Front label, biggest to smallest:\n- brand\n- SPF 50\n- product name",
    )
    assert same(
        "Front label hierarchy: brand, SPF 50 and product name",
        "Front label hierarchy: brand, SPF 50 & product name",
        generator="branding",
    )


# -- 4. a talked-about sign after "from"/"to" (words._PAIRED, g68) -------------------------------
# _sign_named gives a ``named`` sign back as punctuation when _PAIRED finds "from", "to", "in"...
# right before it ("before & after", "to & from"). A sign talked about in a change of name
# ("switch from + to & in the name") has "from" before the first and "to" before the second:
# both are gone, and the switch to "&" is served for the switch to "+". Kept apart at g67
# (g68 regressions).
PAIRED = "words._PAIRED: a talked-about sign after 'from'/'to' is read as a join and dropped"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Should the logo switch from + to & in the name?",
            "Should the logo switch from & to + in the name?",
            id="switch-from-to",
        ),
        pytest.param(
            "Do we move from + to & on the label after the rebrand?",
            "Do we move from & to + on the label after the rebrand?",
            id="move-from-to",
        ),
        pytest.param(
            "Should we switch from & sign to + sign in the logo?",
            "Should we switch from + sign to & sign in the logo?",
            id="from-sign-to-sign",
        ),
    ],
)
def test_a_talked_sign_after_from_or_to(served, a, b):
    assert not served("branding", a, b)


def test_a_talked_sign_after_a_verb_is_kept(served):
    assert not served("branding", "Switch the name from + to &", "Switch the name from & to +")


def test_a_paired_join_is_served(served):
    assert served("market", "Trends before & during Ramadan in the GCC", "Trends before and during Ramadan in the GCC")


# -- 5. a ladder named otherwise (canon._SEQUENCE "ladder") --------------------------------------
# "ladder" keeps "Essential, Plus, Pro" in its tiers' order; "price tiers" or a "good-better-
# best range" name the same ladder, and the names are sorted: the entry tier called "Pro" is
# served for the entry tier called "Essential" (gaps).
LADDER = "canon._SEQUENCE: only the word 'ladder' keeps a range's tiers in order"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            *_reversed3("Name the tiers of our good-better-best range: ", "Essential", "Plus", "Pro"),
            id="good-better-best",
        ),
    ],
)
@xfail(LADDER)
def test_a_ladder_named_otherwise(served, a, b):
    assert not served("branding", a, b)


def test_tiers_before_a_colon_closed_at_g83(served):
    # closed at g83 (review38): tiers followed by a colon keep the names' order
    assert not served("branding", *_reversed3("Names for our three price tiers: ", "Essential", "Plus", "Pro"))


def test_a_named_ladder_keeps_its_order(served):
    assert not served("branding", *_reversed3("Name the price ladder of our range: ", "Essential", "Plus", "Pro"))


# -- 6. places that are no place (canon._is_place / _REGIONS) ------------------------------------
# Outside COUNTRIES and _REGIONS, "in <place>" after the business is a phrase of its own, and
# the notice to the Iberian distributors (about a recall anywhere) is served for the notice
# about the Iberian recall (gaps; the Levant, the Maghreb, the ANZ region too, not kept).
PLACES = "canon._is_place / _REGIONS: the place is not listed; 'in <place>' is sorted onto the matter"


@pytest.mark.parametrize(
    "place",
    [
        pytest.param("Iberia", id="iberia"),
        pytest.param("the Americas", id="americas"),
        pytest.param("the south of France", id="south-of"),
    ],
)
@xfail(PLACES)
def test_a_place_outside_the_lists(served, place):
    assert not served("branding", *_moved("Draft a notice to our", "distributors", place, "about the recall"))


@pytest.mark.parametrize("place", ["Oceania", "Hong Kong", "KSA", "the Gulf states"])
def test_a_listed_place_glues(served, place):
    assert not served("branding", *_moved("Draft a notice to our", "distributors", place, "about the recall"))


# ================================ paraphrases split ================================


# -- 7. joins read as words, orders reaching other lists -----------------------------------------
# words._TALKED_SIGN ``named``: a sign before a word of _AFTER_A_TALKED_SIGN is a word unless
# _PAIRED finds a paired word before it. "&" joining two phrases ("in Spain & in Italy",
# "online & at Sephora") has no such word before it and becomes "ampersand", which no longer
# meets "and". Served at 671fe9c (regressions since g66, open at g68).
JOIN = "words._TALKED_SIGN: '&' before a second phrase's in/at/on/with is read as a word"
# canon._PACK_COPY's lead-in (up to 40 characters before "claims") takes a compliance check
# for pack copy: the claims keep their order, and the same check reordered is not served.
# Served at g67 (g68 regression).
CHECK = "canon._PACK_COPY: a request to check claims is read as pack copy; its list keeps its order"
# canon._LAYOUT_ORDER with its colon still sets ``in_sequence`` for the whole text: the
# markets of the next sentence keep their order. Served at 671fe9c (regression since g66).
LAYOUT_REACH = "canon._LAYOUT_ORDER: a layout list keeps every other list of the text in order"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        pytest.param(
            "branding",
            "Plan launches in Spain & in Italy",
            "Plan launches in Spain and in Italy",
            id="in-and-in",
        ),
        pytest.param(
            "market",
            "Sun care sold online & at Sephora",
            "Sun care sold online and at Sephora",
            id="online-and-at",
            marks=xfail(JOIN),
        ),
        pytest.param(
            "formulation",
            "A balm that works on skin & on hair",
            "A balm that works on skin and on hair",
            id="on-and-on",
        ),
        pytest.param(
            "formulation",
            "A serum with SPF & with niacinamide",
            "A serum with SPF and with niacinamide",
            id="with-and-with",
        ),
        pytest.param(
            "branding",
            *_reversed3("Check these claims for EU compliance: ", "vegan", "hypoallergenic", "clinically proven"),
            id="claims-check",
        ),
        pytest.param(
            "branding",
            "Shelf, left to right: cleanser, toner, serum. Launch in Spain, Italy and Portugal.",
            "Shelf, left to right: cleanser, toner, serum. Launch in Portugal, Italy and Spain.",
            id="layout-reaches-markets",
            marks=xfail(LAYOUT_REACH),
        ),
    ],
)
def test_a_paraphrase_split(served, generator, a, b):
    assert served(generator, a, b)
