"""Review 22: the guard rules g45 to g47 (``git log 3d59d96..HEAD -- optimizer/cache``), attacked.

Each near-miss finding states two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that get one canonical form (``same``) or are served end to end
(``served``); each split finding two requests that are one request and are no longer one.
Each fails today: it is marked ``xfail(strict=True)``, so it passes while the finding stands
and turns red when a fix closes it (then drop the mark). Each group also holds plain tests
that pin what the new rule gets right. Grouped by cause, near-misses first (30 findings: 14
near-misses served, 16 paraphrases split). "Regression" below means kept apart (near-miss) or
served (split) at g44 (3d59d96) and no longer; "gap" means a case of the kind the new rule
meant to fix that it misses (apart or merged at g44 too).

Closed at g49: all 14 near-misses (g45's move reverted: the split it served is open again, on
purpose; a form's required-field star is a footnote again, on purpose) and 1 of the 16 splits
("under SPF 30" is a band). The typo repair now doubts between any two known words within a
slip, whatever kinds reach them (a UK/US pair is one word).

Near-misses served:

1. g45, canon._question_not: the question's own "not" before a relative mark goes to the end,
   where a "not" inside a clause with no "that" (a contact clause, a complement) also goes:
   "Which retailers don't stock the serums that we make?" is "Which retailers stock the
   serums we don't make?" (regression): 2
2. g46, canon._ATTACHING holds "from" and "at" only: a quantity after "for" still moves to the
   other noun, the holdout23 pair with "for 1 t" (gap): 1
3. g47, words._footnote_marks: two marks after quotes read as emphasis (a quote opens it), a
   note key's own mark ("*organic") dropped, a mark after a digit before a space ("SPF 50* on
   the front"; gaps), and a mark before a colon read as a form's required field
   ("Hypoallergenic*: ..."; regression): 4
4. g47, words._after_a_capital: a brand adjective after the capitalised first word of a
   question ("Is Neutral shower gel ...") loses its mark (regression): 1
5. g47, words._ARROW_BULLETS: a flow under any heading that ends with a colon ("Our current
   process:") is read as bullets, a set (regression): 1
6. g47, canon._PROCESS_LINE: numbered lines that name temperatures but no "phase A" (a batch
   record in the past tense) are no longer steps (regression): 1
7. g47, canon._OPTIONS: two lettered steps and any comparison word in the text ("Which ...",
   "... or ...") are options, sorted (regression): 1
8. g47, rewrites._circumstance: "with" is no longer a circumstance and "in force" is none,
   and "under" before a number is a price band even for "under a 25% tariff": the tariff's
   end moves into the horizon (regressions; review21 pinned "in force" as kept apart): 2
9. g47, lexicon.repair_typo: with the likeliest kind deciding and rare words of the general
   list as landings, "sarflower" (safflower, one key off) becomes "starflower", another
   cosmetic oil (regression): 1

Paraphrases split:

10. g45, canon._question_not: a "not" after a subject's relative clause is read as the
    relative clause's ("Why don't my emulsions that use X stay stable?" / "... not stay
    stable?"; gap): 1
11. g46, canon._ATTACHING: trailing phrases with "from" or "at" never move, whatever they
    attach to (test conditions, a route, a retailer) (regressions): 3
12. g47, words._reached: "has got to" before "roughly" or "over-" (an adverb, a verb prefix)
    is no longer "must" (regressions): 2
13. g47, lexicon.repair_typo/_common: a rare word of the general list is now a landing, so it
    makes a doubt with the right word ("summrize": summerize, "blckheads": blockheads,
    "oxybenzne": oxybenzene), and lexicon.names holds "fahrenheit" (regressions): 4
14. g47, words._ARROW: "->" lines under a heading with no colon are joined as a flow: a
    costing's components in another order (regression): 1
15. g47, words._FOOTNOTE_MARK: a rating's star after a digit ("UVA 5*") is a footnote before
    a comma and none before a space, so claims listed in another order split (regression): 1
16. g47, rewrites._circumstance/_CONDITIONS: the question's own "continue", "last" in "last
    summer", a participle "provided" block the horizon move (regressions), and "under SPF
    30", a band written unit first, is a circumstance (gap): 4

Held up against my attempts (no finding kept): unknown trade names and INCI words (a scan of
about 120: argireline, isododecane, polyquaternium...) are repaired into nothing new; a typo
of a name-only word lemminflect lacks (chrismas, haloween) was never repaired; "has got to"
before a number in words as an obligation (no realistic pair); the relative clause's own
"not" ("brands that aren't vegan") stays apart from the question's; "the Neutral shower gel"
keeps its brand mark; arrowed lines under "Components:" stay a set; three lettered steps
with "Which" keep their order; a "Phase A" line is still a step; "Budget*:" and
"**Hypoallergenic**:" carry no footnote. Not counted: "a Natural mosquito lotion" is a miss
since g47 on purpose (tests/test_review18.py).
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ================================ near-misses served ================================


# -- 1. the question's "not" meets a "not" inside a clause with no "that" (g45) -----------------------
# canon._question_not (g45) moves a question's "not" that comes before the relative mark
# (_RELATIVE, set for "that"/"which"/"who") to the end of the clause, "as any question's does".
# A "not" inside a clause whose "that" is left out gets no mark at all and goes to the end
# too. So the question's negation and the clause's meet: retailers that do not stock our
# serums (a distribution gap) are served the retailers that stock serums we do not make (our
# competitors' stockists); a label that fails to say "vegan" one that says "not vegan". At g44
# the relative mark kept the first "not" in place.
QUESTION_NOT = "canon._question_not moves the question's 'not' to where a clause's own 'not' goes"

QUESTION_NOTS = [
    (
        "market",
        "Which retailers don't stock the serums that we make?",
        "Which retailers stock the serums we don't make?",
    ),
    (
        "branding",
        "Why doesn't the label state that the product is vegan?",
        "Why does the label state the product isn't vegan?",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), QUESTION_NOTS, ids=["contact-clause", "complement"])
def test_the_questions_not_is_not_the_clauses(generator, a, b):
    assert not same(a, b, generator=generator)


def test_label_not_end_to_end(served):
    assert not served("branding", *QUESTION_NOTS[1][1:])


@xfail("a split on purpose since g49: the question's 'not' before a relative clause stays put (see above)")
def test_the_questions_not_before_a_relative_clause():
    assert same(
        "Why don't shoppers buy sunscreens that feel greasy?",
        "Why do shoppers not buy sunscreens that feel greasy?",
        generator="market",
    )


def test_a_relative_clauses_own_not():
    assert not same(
        "Which retailers don't stock brands that are vegan?",
        "Which retailers stock brands that aren't vegan?",
        generator="market",
    )


# -- 2. a quantity after "for" still moves to the other noun (g46) ---------------------------------
# canon._phrases (g46) keeps trailing phrases in place when one opens with "from" or "at"
# (_ATTACHING): "the EXW price of F-112 at 1 t with the DDP price" is not "... with the DDP
# price at 1 t". A quantity is as often written with "for": the phrases still sort, and the
# EXW price for 1 t is served the comparison against the DDP price for 1 t.
ATTACHING = "canon._ATTACHING holds 'from' and 'at' only: a 'for' quantity still moves"


def test_a_for_quantity_keeps_its_place():
    assert not same(
        "Compare the EXW price of F-112 for 1 t with the DDP price.",
        "Compare the EXW price of F-112 with the DDP price for 1 t.",
        generator="costing",
    )


def test_an_at_quantity_keeps_its_place():
    assert not same(
        "Compare the EXW price of F-112 at 1 t with the DDP price.",
        "Compare the EXW price of F-112 with the DDP price at 1 t.",
        generator="costing",
    )


# -- 3. footnote marks still dropped (g47) -------------------------------------------------------------
# words._footnote_marks (g47):
# * _EMPHASIS opens after a space, a line start, a bracket or a quote: a mark after a closing
#   quote ('"vegan"*, ') opens "emphasis" that the next quoted claim's mark closes, and both
#   marks go;
# * "*", "**" and the dagger are words of their own after a claim, but the key lines
#   ("*organic", "\u2020fair trade") lose theirs (the mark opens the line): which note says
#   what is lost, so the aloe is served as organic when the key says fair trade;
# * after a digit the mark is a footnote only before punctuation: "SPF 50* on the front" is
#   the rating carve-out ("5* hotel");
# * never before a colon ("Budget*:" is a form's required field): a footnoted claim pasted
#   before the question about it ("Hypoallergenic*: ...") is the bare claim. At g44 that mark
#   was kept.
FOOTNOTE = "words._footnote_marks drops a footnote mark the claim depends on"

FOOTNOTES = [
    pytest.param(
        'Review the pack claims "vegan"*, "cruelty-free"*',
        'Review the pack claims "vegan", "cruelty-free"',
        id="after-quotes-as-emphasis",
    ),
    pytest.param(
        "Pack claims: aloe vera*, shea butter\u2020\n*organic\n\u2020fair trade",
        "Pack claims: aloe vera*, shea butter\u2020\n*fair trade\n\u2020organic",
        id="the-keys-mark",
    ),
    pytest.param(
        "Can we print SPF 50* on the front and the test method on the back?",
        "Can we print SPF 50 on the front and the test method on the back?",
        id="digit-before-a-space",
    ),
    pytest.param(
        "Hypoallergenic*: what testing do we need to support it?",
        "Hypoallergenic: what testing do we need to support it?",
        id="before-a-colon",
    ),
]


@pytest.mark.parametrize(("a", "b"), FOOTNOTES)
def test_a_footnote_mark_is_kept(a, b):
    assert not same(a, b, generator="branding")


def test_before_a_colon_end_to_end(served):
    assert not served(
        "branding",
        "Hypoallergenic*: what testing do we need to support it?",
        "Hypoallergenic: what testing do we need to support it?",
    )


def test_a_footnote_before_a_dash_is_kept():
    assert not same(
        "Hypoallergenic* - what testing do we need to support it?",
        "Hypoallergenic - what testing do we need to support it?",
        generator="branding",
    )


def test_bold_before_a_colon_is_no_footnote():
    assert same(
        "**Hypoallergenic**: what testing do we need to support it?",
        "Hypoallergenic: what testing do we need to support it?",
        generator="branding",
    )


# -- 4. a brand after the question's capitalised first word (g47) -------------------------------------
# words._raw_tokens (g47) drops the brand mark of a capitalised adjective when the word before
# it is capitalised ("our Vitamin C Serum", "USDA Organic": a capitalised run), other than
# "The". The first word of a question is capitalised too: in "Is Neutral shower gel safe ..."
# the brand (Neutral, the fragrance-free Dutch range) becomes the adjective, and is served
# the answer for a pH-neutral shower gel. At g44 the mark held.
AFTER_CAPITAL = "words._after_a_capital reads a sentence's capitalised first word as a capitalised run"


def test_a_brand_after_the_first_word(served):
    assert not served(
        "formulation",
        "Is Neutral shower gel safe for babies with eczema?",
        "Is a neutral shower gel safe for babies with eczema?",
    )


def test_a_brand_after_the():
    assert not same(
        "Is the Neutral shower gel safe for babies with eczema?",
        "Is a neutral shower gel safe for babies with eczema?",
        generator="formulation",
    )


# -- 5. a flow under a heading with a colon (g47) ----------------------------------------------------
# words._ARROW_BULLETS (g47): arrows under a line that ends with a colon are bullets, a set.
# A process is introduced so as often ("Our current process:", "Method:", "Procedure:"), and
# none of these words is in canon._SEQUENCE: the carbomer gel with the ethanol added after
# neutralising is served the one with the ethanol added before (it thins the gel). At g44
# the arrows joined the lines into one flow.
ARROW_BULLETS = "words._ARROW_BULLETS reads every arrowed list under a colon heading as bullets"


def test_a_flow_under_a_colon_heading(served):
    assert not served(
        "formulation",
        "Our current process:\n\u2192 disperse the carbomer\n\u2192 neutralise with TEA\n\u2192 add the ethanol",
        "Our current process:\n\u2192 disperse the carbomer\n\u2192 add the ethanol\n\u2192 neutralise with TEA",
    )


def test_a_flow_under_a_plain_heading():
    assert not same(
        "Our current process\n\u2192 disperse the carbomer\n\u2192 neutralise with TEA\n\u2192 add the ethanol",
        "Our current process\n\u2192 disperse the carbomer\n\u2192 add the ethanol\n\u2192 neutralise with TEA",
        generator="formulation",
    )


# -- 6. numbered process lines with temperatures and no phase letter (g47) ----------------------------
# canon._PROCESS_LINE (g47) counts a numbered line with no step verb as a step only when it
# names "phase A" to "phase E"; a temperature no longer does. A batch record is written in
# the past tense ("melted", "stirred in", "poured": no step verb) and names temperatures, not
# phases: the fragrance stirred into the wax before it is melted is served the right order.
PROCESS_LINE = "canon._PROCESS_LINE needs 'phase A'-'phase E': a batch record's lines are a set"


def test_a_batch_record_keeps_its_order():
    assert not same(
        "Soy candle batch:\n1. Wax melted to 85 \u00b0C\n2. Fragrance oil stirred in at 80 \u00b0C\n"
        "3. Poured at 60 \u00b0C\nWhy is the scent throw weak?",
        "Soy candle batch:\n1. Fragrance oil stirred in at 80 \u00b0C\n2. Wax melted to 85 \u00b0C\n"
        "3. Poured at 60 \u00b0C\nWhy is the scent throw weak?",
        generator="formulation",
    )


def test_phase_lines_keep_their_order():
    assert not same(
        "1. Phase B into phase A at 75 \u00b0C\n2. Phase C at 40 \u00b0C",
        "1. Phase C at 40 \u00b0C\n2. Phase B into phase A at 75 \u00b0C",
        generator="formulation",
    )


# -- 7. two lettered steps and a question (g47) ---------------------------------------------------------
# canon._numbered_steps (g47) reads two lettered lines as options when the text holds any of
# which/or/better/best/cheaper/compare/vs (_OPTIONS), wherever it is. The question asked about
# two steps holds one as often: "Which degradation should we expect?" after heating the
# oils then adding the vitamin C is served the answer for the vitamin C heated with the oils.
OPTIONS = "canon._OPTIONS reads two lettered steps as options when the question says 'which'"


def test_two_lettered_steps_and_a_which_question():
    assert not same(
        "a) heat the oils to 70 \u00b0C\nb) add the vitamin C\nWhich degradation should we expect?",
        "a) add the vitamin C\nb) heat the oils to 70 \u00b0C\nWhich degradation should we expect?",
        generator="formulation",
    )


def test_three_lettered_steps_and_a_which_question():
    assert not same(
        "a) heat the oils to 70 \u00b0C\nb) add the vitamin C\nc) cool to 40 \u00b0C\nWhich degradation should we expect?",
        "a) add the vitamin C\nb) heat the oils to 70 \u00b0C\nc) cool to 40 \u00b0C\nWhich degradation should we expect?",
        generator="formulation",
    )


# -- 8. a circumstance that is no longer one (g47) -----------------------------------------------------
# rewrites._circumstance (g47) keeps an end date in the clause only for a lasting word (place,
# during, last, lasting, remain, stay, continue, apply, hold) or "under" before a word with no
# digit. "With" left the list (a product's "with"), so "with tariffs in force until 2026"
# (review21 pinned it as kept apart) and "in effect" now give the forecast a horizon of 2026;
# and "under a 25% tariff" reads as a price band ("under EUR 10": a digit follows once the
# article goes), so the tariff's end moves too.
_SPAIN = {"category": "sunscreen", "region": "Spain"}
CIRCUMSTANCE = "rewrites._circumstance misses a circumstance: the event's end date becomes the horizon"

CIRCUMSTANCES = [
    pytest.param(
        {"query": "sunscreen sales with tariffs in force until 2026", "context": _SPAIN},
        {"query": "sunscreen sales with tariffs in force", "context": {**_SPAIN, "horizon": "2026"}},
        id="in-force",
    ),
    pytest.param(
        {"query": "sunscreen sales under a 25% import tariff until 2026", "context": _SPAIN},
        {"query": "sunscreen sales under a 25% import tariff", "context": {**_SPAIN, "horizon": "2026"}},
        id="under-a-rate",
    ),
]


@pytest.mark.parametrize(("a", "b"), CIRCUMSTANCES)
def test_an_events_end_is_not_the_horizon(served, a, b):
    assert not served("market", a, b)


def test_tariffs_in_place_to_a_year(served):
    a = {"query": "sunscreen sales with tariffs in place to 2026", "context": _SPAIN}
    b = {"query": "sunscreen sales with tariffs in place", "context": {**_SPAIN, "horizon": "2026"}}
    assert not served("market", a, b)


# -- 9. a slip repaired into another oil (g47) ----------------------------------------------------------
# lexicon.repair_typo (g47): the likeliest kind of slip that reaches a known word decides, and
# any known word but a name is a landing (no longer only lemminflect's and the domain's).
# "sarflower" is safflower with one key off (r for f), and starflower with a letter missed:
# the missed letter is tried first and "starflower" (borage oil) is now a landing, so a body
# oil with safflower oil is served the answer for borage oil. At g44 the word fell through to
# the key slip and was safflower (as it is when typed right).
SLIP = "lexicon.repair_typo lands a one-key slip on a rare word reached by a likelier kind"


def test_a_key_slip_in_an_oil():
    assert not same(
        "Body oil with 10% sarflower oil for dry skin",
        "Body oil with 10% starflower oil for dry skin",
        generator="formulation",
    )


def test_peptidase_is_no_peptide():
    assert not same(
        "Evidence on peptidse activity in the stratum corneum",
        "Evidence on peptide activity in the stratum corneum",
        generator="scientific",
    )


# ================================ paraphrases split ================================
SPLIT = "a g45-g47 rule splits a true paraphrase"


# -- 10. the question's "not" after a subject's relative clause (g45) ---------------------------------
# canon._question_not (g45) moves the "not" to the end only when it comes before the relative
# mark; after it, the "not" is the relative clause's and stays in place. The subject's own
# relative clause comes before the question's verb: "Why don't my emulsions that use Olivem
# 1000 stay stable?" moves its "not" (it is before "that"), "Why do my emulsions that use
# Olivem 1000 not stay stable?" keeps it (after "that"): one question, two forms.
@xfail(SPLIT + ": canon._question_not reads a 'not' after the subject's relative clause as the clause's")
def test_the_questions_not_after_the_subjects_relative_clause():
    assert same(
        "Why don't my emulsions that use Olivem 1000 stay stable?",
        "Why do my emulsions that use Olivem 1000 not stay stable?",
        generator="formulation",
    )


# -- 11. phrases with "from" or "at" never move (g46) --------------------------------------------------
# canon._phrases (g46) sorts no trailing phrase of a clause that holds a "from" or an "at"
# phrase. Most such phrases attach to the head, not to the phrase before them: the stability
# test's temperature and duration, a freight route's two ends, a retailer and a country. Each
# was served at g44.
ATTACHED = [
    (
        "formulation",
        "Stability of our night cream at 40 \u00b0C for 3 months",
        "Stability of our night cream for 3 months at 40 \u00b0C",
    ),
    (
        "costing",
        "Freight cost for glass jars from China to Germany",
        "Freight cost for glass jars to Germany from China",
    ),
    ("market", "Sales of vegan lipsticks at Sephora in France", "Sales of vegan lipsticks in France at Sephora"),
]


@xfail(SPLIT + ": canon._ATTACHING keeps every phrase in place once one opens with 'from' or 'at'")
@pytest.mark.parametrize(("generator", "a", "b"), ATTACHED, ids=["stability", "route", "retailer"])
def test_phrases_with_from_or_at_move(generator, a, b):
    assert same(a, b, generator=generator)


def test_other_trailing_phrases_move():
    assert same(
        "a night cream with 3% niacinamide for oily skin",
        "a night cream for oily skin with 3% niacinamide",
        generator="formulation",
    )


# -- 12. "has got to" before an approximator that is no value (g47) ----------------------------------
# words._reached (g47) keeps "has got to" (reached) before an approximator (almost, about,
# over, under, just...); only otherwise is it "must". The approximator is as often the must's
# adverb ("has got to roughly match") or a verb's prefix ("over-deliver", where _GOT_TO
# reads "over" alone): the obligation is no longer "has to", as it was at g44.
GOT_TO = "words._reached reads 'has got to' before an adverb or a prefix as 'reached'"

GOT_TOS = [
    (
        "costing",
        "Our serum's price has got to roughly match The Ordinary's",
        "Our serum's price has to roughly match The Ordinary's",
    ),
    (
        "formulation",
        "The new formula has got to over-deliver on hydration",
        "The new formula has to over-deliver on hydration",
    ),
]


@xfail(SPLIT + ": " + GOT_TO)
@pytest.mark.parametrize(("generator", "a", "b"), GOT_TOS, ids=["roughly", "over-deliver"])
def test_got_to_is_must(generator, a, b):
    assert same(a, b, generator=generator)


def test_got_to_nearly_a_price_is_reached():
    assert not same(
        "Our shea butter price has got to nearly EUR 4/kg",
        "Our shea butter price has to be nearly EUR 4/kg",
        generator="costing",
    )


# -- 13. slips no longer repaired: a rare word's doubt, a name (g47) ----------------------------------
# lexicon.repair_typo (g47): any known word but a name is a landing, so the rare words of the
# general list (SCOWL, WordNet) now count in a kind's candidates; two candidates are a doubt,
# and a doubt leaves the word as written. A letter missed in "summarize", "blackheads",
# "oxybenzone" also reaches "summerize", "blockheads", "oxybenzene": none is repaired, where
# g44 (lemminflect and the domain only) repaired all three. And lexicon.names holds the words
# SCOWL writes only with a capital, "fahrenheit" among them: "fahrenhiet" (the ei/ie swap) is
# no longer repaired.
SLIPS = [
    ("scientific", "Summrize the evidence on bakuchiol for acne", "Summarize the evidence on bakuchiol for acne"),
    ("formulation", "A clay mask for blckheads on the nose", "A clay mask for blackheads on the nose"),
    (
        "scientific",
        "Is oxybenzne in sunscreen linked to coral bleaching?",
        "Is oxybenzone in sunscreen linked to coral bleaching?",
    ),
    ("formulation", "Stability test at 104 fahrenhiet for 3 months", "Stability test at 104 fahrenheit for 3 months"),
]


@xfail(SPLIT + ": lexicon.repair_typo doubts between a word and a rare one, or refuses a name-only unit")
@pytest.mark.parametrize(("generator", "a", "b"), SLIPS, ids=["summarize", "blackheads", "oxybenzone", "fahrenheit"])
def test_a_slip_is_repaired(generator, a, b):
    assert same(a, b, generator=generator)


@xfail(SPLIT + ": lexicon.repair_typo doubts between 'summarize' and 'summerize'")
def test_summarize_slip_end_to_end(served):
    assert served("scientific", *SLIPS[0][1:])


def test_a_slip_with_one_candidate_is_repaired():
    assert same(
        "A clay mask for blakheads on the nose", "A clay mask for blackheads on the nose", generator="formulation"
    )


# -- 14. ASCII arrows as bullets (g47) -----------------------------------------------------------------
# words._ARROW (g47) reads "->" and "=>" as arrows: two lines opening with one join into a
# flow, in order, unless the line before them ends with a colon. A costing's components are
# typed under a heading with no colon as often ("Costs per unit"): swapped, they are one
# request, as at g44 (where "->" was punctuation and the lines a set).
@xfail(SPLIT + ": words._FLOW_ARROW joins '->' bullets under a heading with no colon into a flow")
def test_ascii_arrowed_components_are_a_set():
    assert same(
        "Costs per unit\n-> jar EUR 0.40\n-> lid EUR 0.10",
        "Costs per unit\n-> lid EUR 0.10\n-> jar EUR 0.40",
        generator="costing",
    )


def test_ascii_arrowed_components_under_a_colon_are_a_set():
    assert same(
        "Components:\n-> jar EUR 0.40\n-> lid EUR 0.10\nUnit cost?",
        "Components:\n-> lid EUR 0.10\n-> jar EUR 0.40\nUnit cost?",
        generator="costing",
    )


# -- 15. a rating's star before a comma (g47) -----------------------------------------------------------
# words._FOOTNOTE_MARK (g47) reads a mark after a digit as a footnote before punctuation and
# as a rating before a space. The UK's UVA star rating is written "UVA 5*": in a list of
# claims it is followed by a comma or by a space depending on its place, so the same claims
# in another order are two requests (served at g44: the star was dropped either way).
@xfail(SPLIT + ": words._FOOTNOTE_MARK reads 'UVA 5*' as a footnote before a comma only")
def test_a_rating_star_in_any_place():
    assert same(
        "Pack claims for our sunscreen: SPF 50, UVA 5* and water resistant",
        "Pack claims for our sunscreen: UVA 5*, SPF 50 and water resistant",
        generator="branding",
    )


# -- 16. horizons that no longer move (g47) ------------------------------------------------------------
# rewrites._moves (g47) keeps an until/till/through/to date in the clause when
# rewrites._circumstance finds a lasting word anywhere in it, or when _CONDITIONS holds a word
# before it ("provide~ed" is one now). The lasting words are a market question's own verbs
# ("Will refill pouches continue to grow through 2030?", "stay popular", "remain", "hold"),
# "last" is as often "last summer" (a time, not "lasting"), "provided" as often "the SKUs
# provided" (what the analyst sent), and "under SPF 30" is a band like "under EUR 10" with its
# unit first. Each but the last was served at g44.
_BODY = {"category": "body wash", "region": "Germany"}
_HAIR = {"category": "hair care", "region": "France"}
HORIZONS = [
    pytest.param(
        {"query": "Will refill pouches continue to grow through 2030?", "context": _BODY},
        {"query": "Will refill pouches continue to grow?", "context": {**_BODY, "horizon": "2030"}},
        id="continue",
        marks=xfail(SPLIT + ": rewrites._circumstance or _CONDITIONS keeps a horizon in the text"),
    ),
    pytest.param(
        {"query": "Sunscreen sales to 2028 after last summer's heatwave", "context": _SPAIN},
        {"query": "Sunscreen sales after last summer's heatwave", "context": {**_SPAIN, "horizon": "2028"}},
        id="last-summer",
        marks=xfail(SPLIT + ": rewrites._circumstance or _CONDITIONS keeps a horizon in the text"),
    ),
    pytest.param(
        {"query": "Forecast sales of the shampoo SKUs provided through 2028", "context": _HAIR},
        {"query": "Forecast sales of the shampoo SKUs provided", "context": {**_HAIR, "horizon": "2028"}},
        id="provided",
        marks=xfail(SPLIT + ": rewrites._circumstance or _CONDITIONS keeps a horizon in the text"),
    ),
    pytest.param(
        {"query": "sales of sunscreens under SPF 30 until 2028", "context": _SPAIN},
        {"query": "sales of sunscreens under SPF 30", "context": {**_SPAIN, "horizon": "2028"}},
        id="under-spf",
    ),
]


@pytest.mark.parametrize(("a", "b"), HORIZONS)
def test_a_horizon_moves(served, a, b):
    assert served("market", a, b)


def test_a_horizon_moves_with_no_lasting_word(served):
    a = {"query": "Will refill pouches grow through 2030?", "context": _BODY}
    b = {"query": "Will refill pouches grow?", "context": {**_BODY, "horizon": "2030"}}
    assert served("market", a, b)
