"""Review 34: the fifth session's guard (g71 to g74, ``git diff 85fdf83 -- optimizer/cache``), on LONG requests.

Closed at g76: group 7 (podiatrist; nail bar and tattoo studio, businesses in two words,
canon._PARTY_PAIRS). Closed at g75 (the marks dropped): 17 of 33. More people and conditions (boys, pupils, nits,
chickenpox, glasses), and a condition counts only as the last word of its "with" phrase, so
"with scar gel" or "with beard oil" moves (canon._afflicted); a search cue that names an item
("stop at the first", "take the first one", "fall back to the next") counts in any text that
lists, one that may be about anything ("stop when", "fall back to") only in the listing
sentence, and "whichever comes first" alone is no search (canon._searched_in_order). Open: a
condition that is no single word ("curly hair"), the steps' own "stop when", and groups 3 to 7.
Every pair is a pasted e-mail or brief of several sentences (40 to 120 words) in which one phrase
differs. Near-miss findings: two requests an expert answers differently that the cache serves one
for the other end to end (``served``, balanced). Split findings: one request worded two ways that
gets two canonical forms (``same``). Each finding fails today and is ``xfail(strict=True)``; each
group also holds plain tests pinning what the rule gets right. Cases of reviews 27 to 33 and
test_cache_guard_attack.py are not repeated; bare singular/plural pairs are not reported.

Near-misses served (24):

1. canon._afflicted / _PEOPLE / _CONDITIONS (g74): the "with" stays glued only after a listed person
   AND a listed condition word; "boys", "pupils", "girls" are no people, "nits" (the plural),
   "chickenpox", "glasses", "curly hair" no condition, so "a mascot for boys with lice" is served
   for "a mascot with lice for boys": 6
2. canon._searched_in_order (g73): the cue counts only in a sentence that itself lists; in a long
   request the cue sentence ("stop at the first that passes stability.") and the list sentence
   ("Candidates: a, b, c.") are two sentences, so the list is sorted and the first choice lost: 4
3. aliases._slashed / _SEGMENT_END (g72/g73): a stretch is cut at , ; : ( ) ? ! and a period but
   not at "and", a dash or a table's pipe, so two one-slash options in one sentence or table row
   count as a chain and are listed ("and"): 3
4. aliases._MODIFIER_PAIR (g73): an unspaced slash before "<word> <word>" joins unless the next word
   is a preposition, determiner or possessive; "we", "that", "which" after the second item are not
   excluded, so "a shampoo/conditioner we can sell" is "shampoo and conditioner": 3
5. canon._picked + _singular_phrase (g73): the phrase after "the" is read for a plural only over
   four words; a fifth-word plural ("the most effective natural broad-spectrum preservative
   systems") counts one: 3
6. canon._branded_object (g71-g73): in a list of branded objects only the first (or the second
   behind "and") keeps its number; "the mini, the travel kit and the gift set(s)" and "the lip oil
   and the matching lip liner(s)" merge: 2
7. canon._TRADE_PARTIES (g72/g73): customers still outside the list lose their number in a long
   pitch request: podiatrist, nail bar, tattoo studio: 3

Paraphrases split (9):

8. canon._afflicted (g74): a listed condition word inside the product's own ingredient or accessory
   ("scar gel", "anti-wrinkle peptides", "anti-lice actives", "beard oil") glues a "with" after
   people, so "a kit for patients with scar gel" is not "a kit with scar gel for patients" while
   "with silicone gel" moves: 4
9. canon._searched_in_order (g73): any colon or two commas in the cue's sentence count as listing
   options, and colons are everywhere in pasted mail ("Shelf life: ...", "Note: ...",
   "Timeline: ..."); an unrelated "whichever comes first" or "stop when" then orders an ingredient
   set elsewhere in the request: 5

Held up: "the department store(s)" keeps its number end to end; a quoted slash in long copy (over 60 characters, a chain, in double quotes) is not served
for "and" (words._QUOTED); a list of trade parties ("the hotel, the spa and the gym(s)") keeps
each number; "the minis, the travel kit" keeps the first item's number; a spaced "or" is never
"and"; a "with" naming an ingredient after people ("for children with tea tree oil") still moves,
and the g74 case itself ("a mascot for children with lice") stays apart inside a long e-mail; a
plain bullet list under a search cue keeps its order.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


_MAIL_PRE = (
    "Hi team, following Tuesday's call with the pharmacy buyers in Lyon, we are planning a small "
    "back-to-school range for the French market. Budget is tight and the launch is set for late August. "
)
_MAIL_POST = (
    " Please keep the tone warm and reassuring, avoid medical claims, and give us three options we can "
    "test with parents in focus groups next month. Thanks, Claire"
)


def _mail(middle: str) -> str:
    return _MAIL_PRE + middle + _MAIL_POST


# ================================ near-misses served ================================


# -- 1. canon._afflicted: people and conditions outside the two lists ---------------------------
AFFLICTED = "canon._afflicted: the 'with' glues only after a _PEOPLE word and before a _CONDITIONS word"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", "We want a mascot for boys with lice.", "We want a mascot with lice for boys."),
        ("branding", "We want a mascot for pupils with lice.", "We want a mascot with lice for pupils."),
        ("branding", "We want a mascot for children with nits.", "We want a mascot with nits for children."),
        (
            "branding",
            "We want a mascot for children with chickenpox.",
            "We want a mascot with chickenpox for children.",
        ),
        ("branding", "We want a mascot for children with glasses.", "We want a mascot with glasses for children."),
        pytest.param(
            "branding",
            "We want a doll for girls with curly hair.",
            "We want a doll with curly hair for girls.",
            marks=xfail(AFFLICTED),
        ),
    ],
)
def test_people_with_a_condition_are_not_a_product_with_it(served, generator, a, b):
    assert not served(generator, _mail(a), _mail(b))


def test_the_g74_case_holds_in_a_long_mail(served):
    assert not served(
        "branding", _mail("We want a mascot for children with lice."), _mail("We want a mascot with lice for children.")
    )


def test_an_ingredient_after_people_still_moves(served):
    assert served(
        "formulation",
        _mail("We want a shampoo for children with tea tree oil."),
        _mail("We want a shampoo with tea tree oil for children."),
    )


# -- 2. canon._searched_in_order: the cue and the list in two sentences -------------------------
SEARCH = "canon._searched_in_order: the cue counts only in a sentence that lists; the list is in the next sentence"
_HUMECTANTS = ("glycerin, propanediol, butylene glycol", "butylene glycol, propanediol, glycerin")
_GEL_PRE = "Hi both, the new gel cream for the French pharmacy channel is stuck on the humectant. "
_GEL_POST = " Target viscosity 20,000 cP and pH 5.5. Thanks, Marc"


def _gel(cue: str, humectants: str) -> str:
    return f"{_GEL_PRE}{cue} Candidates: {humectants}.{_GEL_POST}"


@pytest.mark.parametrize(
    "cue",
    [
        "Please go down the list and stop at the first that passes stability.",
        "Try them in turn and stop at the first that passes stability.",
        "Take the first one that passes stability.",
        "We will fall back to the next one if a candidate fails.",
    ],
)
def test_a_search_cue_in_the_sentence_before_the_list_keeps_its_order(served, cue):
    assert not served("formulation", _gel(cue, _HUMECTANTS[0]), _gel(cue, _HUMECTANTS[1]))


def test_a_cue_in_the_listing_sentence_keeps_its_order(served):
    def text(h: str) -> str:
        return f"{_GEL_PRE}Please go down the list and stop at the first that passes stability: {h}.{_GEL_POST}"

    assert not served("formulation", text(_HUMECTANTS[0]), text(_HUMECTANTS[1]))


def test_a_list_with_no_cue_is_a_set(served):
    assert served("formulation", _gel("Here is the list.", _HUMECTANTS[0]), _gel("Here is the list.", _HUMECTANTS[1]))


# -- 3/4. aliases._slashed: stretches not cut; _MODIFIER_PAIR after the second item -------------
_UK_PRE = "Hello, we are reviewing our spring range for Boots and Superdrug in the UK. "
_UK_POST = " Please include the retail price, the margin at 35% and a short rationale for each. Thanks, Anna"


def _uk(middle: str) -> str:
    return _UK_PRE + middle + _UK_POST


SEGMENT = "aliases._SEGMENT_END: 'and', a dash or a table pipe cut no stretch, two one-slash options become a list"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            _uk("Price the shampoo / conditioner we launch in May and the body wash in rose / oud."),
            _uk("Price the shampoo and conditioner we launch in May and the body wash in rose and oud."),
            id="and",
        ),
        pytest.param(
            _uk("Price the shampoo / conditioner and a rose / oud body wash."),
            _uk("Price the shampoo and conditioner and a rose and oud body wash."),
            id="and-short",
        ),
        pytest.param(
            "| Product | Scent |\n| shampoo / conditioner | rose / oud |\n| body wash | neroli |" + _UK_POST,
            "| Product | Scent |\n| shampoo and conditioner | rose and oud |\n| body wash | neroli |" + _UK_POST,
            id="table",
        ),
    ],
)
@xfail(SEGMENT)
def test_two_one_slash_options_in_one_sentence_are_or(served, a, b):
    assert not served("costing", a, b)


def test_a_dash_between_two_options_holds(served):
    assert not served(
        "costing",
        _uk("Price the shampoo / conditioner - the body wash in rose / oud."),
        _uk("Price the shampoo and conditioner - the body wash in rose and oud."),
    )


MODIFIER = "aliases._MODIFIER_PAIR: 'we', 'that', 'which' after an unspaced slash's second item read as a noun ('and')"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            _uk("Price a shampoo/conditioner we can sell at Boots."),
            _uk("Price a shampoo and conditioner we can sell at Boots."),
        ),
        (
            _uk("Price a shampoo/conditioner that we can sell at Boots."),
            _uk("Price a shampoo and conditioner that we can sell at Boots."),
        ),
        (
            _uk("Price a shampoo/conditioner which we sell at Boots."),
            _uk("Price a shampoo and conditioner which we sell at Boots."),
        ),
    ],
)
@xfail(MODIFIER)
def test_an_unspaced_slash_before_a_relative_clause_is_or(served, a, b):
    assert not served("costing", a, b)


def test_an_unspaced_slash_before_a_modal_is_or(served):
    assert not served(
        "costing",
        _uk("The shampoo/conditioner should cost under GBP 2 to make."),
        _uk("The shampoo and conditioner should cost under GBP 2 to make."),
    )


# -- 5. canon._picked + _singular_phrase: a plural past four words ------------------------------
_DE_PRE = (
    "Hi, we are preparing the autumn plan for our clean-beauty line in Germany and Austria, sold mainly "
    "through dm and online. "
)
_DE_POST = " Keep it short, cite sources where you can, and flag anything that needs a regulatory check. Thanks, Jonas"


def _de(middle: str) -> str:
    return _DE_PRE + middle + _DE_POST


PICKED = "canon._singular_phrase: a plural fifth word after 'the' is not seen, 'the' counts one"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Suggest the cheap natural broad-spectrum preservative systems for our shampoo.",
            "Suggest a cheap natural broad-spectrum preservative system for our shampoo.",
        ),
        (
            "scientific",
            "Find the most recent randomised double-blind placebo-controlled trials on bakuchiol.",
            "Find a most recent randomised double-blind placebo-controlled trial on bakuchiol.",
        ),
        (
            "branding",
            "Propose the short catchy German product names.",
            "Propose a short catchy German product name.",
        ),
    ],
)
@xfail(PICKED)
def test_the_long_plural_phrase_is_not_one(served, generator, a, b):
    assert not served(generator, _de(a), _de(b))


def test_the_short_plural_phrase_is_not_one(served):
    assert not served("branding", _de("Propose the catchy German names."), _de("Propose a catchy German name."))


# -- 6. canon._branded_object: later items of a list -------------------------------------------
BRANDED = "canon._branded_object: a list's comma or 'and' stops the walk back, later items lose their number"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Write taglines for the mini, the travel kit and the gift set.",
            "Write taglines for the mini, the travel kits and the gift sets.",
        ),
        (
            "Write taglines for the lip oil and the matching lip liner.",
            "Write taglines for the lip oil and the matching lip liners.",
        ),
    ],
)
@xfail(BRANDED)
def test_each_branded_object_keeps_its_number(served, a, b):
    assert not served("branding", _de(a), _de(b))


def test_the_first_branded_object_keeps_its_number(served):
    assert not served(
        "branding",
        _de("Write taglines for the mini, the travel kit and the gift set."),
        _de("Write taglines for the minis, the travel kit and the gift set."),
    )


# -- 7. canon._TRADE_PARTIES: customers outside the list ----------------------------------------
PARTIES = "canon._TRADE_PARTIES: a customer outside the list loses its number ('the podiatrist' vs 'the podiatrists')"


@pytest.mark.parametrize(
    ("one", "many"),
    [
        ("podiatrist", "podiatrists"),
        ("nail bar", "nail bars"),
        ("tattoo studio", "tattoo studios"),
    ],
)
def test_an_unlisted_customer_keeps_its_number(served, one, many):
    assert not served(
        "market",
        _de(f"Which moisturiser should we pitch to the {one}?"),
        _de(f"Which moisturiser should we pitch to the {many}?"),
    )


def test_a_list_of_listed_customers_keeps_each_number(served):
    assert not served(
        "market",
        _de("Which moisturiser should we pitch to the hotel, the spa and the gym?"),
        _de("Which moisturiser should we pitch to the hotel, the spa and the gyms?"),
    )


# -- held up: words._QUOTED on long copy --------------------------------------------------------
def test_long_quoted_copy_with_a_slash_chain_is_not_and(served):
    assert not served(
        "branding",
        _uk("Put 'Your lip oil / gloss / balm for every season, every mood and every single day' on the carton."),
        _uk("Put 'Your lip oil, gloss and balm for every season, every mood and every single day' on the carton."),
    )


# ================================ paraphrases split ================================


# -- 8. canon._afflicted: a condition word inside the product's ingredient ---------------------
AFFLICTED_SPLIT = "canon._afflicted: a _CONDITIONS word naming an ingredient or accessory glues the 'with' to people"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("We want a kit for patients with scar gel.", "We want a kit with scar gel for patients."),
        (
            "We want a serum for women with anti-wrinkle peptides.",
            "We want a serum with anti-wrinkle peptides for women.",
        ),
        (
            "We want a shampoo for children with anti-lice actives.",
            "We want a shampoo with anti-lice actives for children.",
        ),
        ("We want a balm for men with beard oil.", "We want a balm with beard oil for men."),
    ],
)
def test_an_ingredient_named_for_a_condition_still_moves(a, b):
    assert same(_mail(a), _mail(b), generator="formulation")


def test_silicone_gel_moves():
    assert same(
        _mail("We want a kit for patients with silicone gel."),
        _mail("We want a kit with silicone gel for patients."),
        generator="formulation",
    )


# -- 9. canon._searched_in_order: an unrelated cue in a sentence with a colon -------------------
SEARCH_SPLIT = "canon._searched_in_order: a colon or two commas in an unrelated cue's sentence orders a set elsewhere"


def _brief(lead: str, humectants: str) -> str:
    return f"Hi both, quick brief for the new gel cream. {lead} Humectants to include: {humectants}. Thanks, Marc"


@pytest.mark.parametrize(
    "lead",
    [
        "Shelf life: 24 months or 12 months after opening, whichever comes first.",
        "Shelf life 24 months, PAO 12 months, or the batch expiry, whichever comes first.",
        "Note: we stop when the viscosity drops below 10,000 cP.",
        "Timeline: samples by 10 May, stability by 30 June, launch by September, whichever is later.",
        pytest.param("Weigh phase A, heat to 75C, add phase B, and stop when it thickens.", marks=xfail(SEARCH_SPLIT)),
    ],
)
def test_an_unrelated_cue_leaves_a_set_a_set(lead):
    assert same(_brief(lead, _HUMECTANTS[0]), _brief(lead, _HUMECTANTS[1]), generator="formulation")


def test_a_note_without_a_cue_leaves_a_set_a_set():
    lead = "Note: we check the viscosity weekly."
    assert same(_brief(lead, _HUMECTANTS[0]), _brief(lead, _HUMECTANTS[1]), generator="formulation")
