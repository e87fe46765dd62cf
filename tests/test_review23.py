"""Review 23: the guard rules g48 to g50 (``git log f8624d1..HEAD -- optimizer/cache``), attacked.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that get one canonical form (``same``) or are served end to end
(``served``). Each split finding gives two requests that are one request and are no longer
one. Each fails today: it is marked ``xfail(strict=True)``, so it passes while the finding
stands and turns red when a fix closes it (then drop the mark). Each group also holds plain
tests that pin what the new rule gets right. Grouped by cause, near-misses first (27 findings:
10 near-misses served, 17 paraphrases split). "Regression" means kept apart (near-miss) or
served (split) at g47 (f8624d1, the commit before g48) and no longer. "Gap" means a case of the
kind the new rule meant to fix that it misses, apart or merged at g47 too.

Near-misses served:

1. g48, canon._clause: an adjective's "not" counts as the adjective's only when a word with a
   verb sense comes before it. In "Which K-beauty serums not available in the EU do our
   customers ask for?" no word before the "not" has a verb sense, so the "not" goes to the
   question and moves to the end (regression): 1
2. g49, canon._question_not: the fix for review22's contact clause needs a written "that".
   With no "that" on either side, the question's "not" and the clause's "not" still meet
   ("Which retailers don't stock the serums we make?"; gap, merged at g44 too): 1
3. g49, canon._phrases: a "for" quantity keeps its place only when a digit follows it. "For a
   full pallet" still moves to the other noun (gap): 1
4. g49, words._ARROW_BULLETS: one heading with a colon and no method word anywhere in the text
   turns every arrowed list into bullets, the list under "Process:" too (a g47 regression
   that g49 left open; kept apart at g44): 1
5. g49, canon._numbered_steps: two lettered lines that open with the same word count as
   options and get sorted. That covers two steps with one verb ("add the carbomer" / "add
   the TEA") and two phase lines ("Phase B ..." / "Phase C ..."), which g47 kept in order
   (regressions): 2
6. g49, rewrites._band: "under <word> <number>" counts as a band, so "under Section 301
   tariffs until 2026" moves the tariff's end into the horizon (regression): 1
7. g49, words._after_a_capital: an acronym opens a capitalised run anywhere, so the brand
   adjective in "UK Simple facial wipes" loses its mark. This is holdout25's brand merge,
   served again by balanced and aggressive (a g47 regression that g49 kept; kept apart at g44): 1
8. g50, words._raw_tokens: a capitalised plural keeps its letters only when it ends its phrase
   and comes after of/like/vs/... "Rituals" followed by a word, or after "Is", still folds to
   "Ritual" (another brand) (gaps): 2

Paraphrases split:

9. g48, canon._clause: the verb-sense test reads the subject's own nouns. "nail", "polish",
   "face" and "cream" all have one, so "Why does my nail polish not dry?" still splits from
   "... doesn't ... dry?" (gap): 1
10. g49, canon._question_not: any "that" marks a relative clause, including a demonstrative
    ("that serum") and a complementizer ("think that refills..."). The question's "not" then
    stays where the contraction put it (regressions): 2
11. g49, canon._phrases: a "for <number>" phrase now freezes every trailing phrase of its
    clause. That also catches a quantity that belongs to the whole costing and a trial's
    duration (regressions): 2
12. g49, words._EMPHASIS: emphasis must open after a space or a bracket and before a letter
    or a digit. Italics inside quotes and bold around "€12.99" each leave a footnote mark
    (regressions): 2
13. g49, words._ARROW_BULLETS: any "order", "flow" or "process" word in the heading makes a
    flow. "Minimum order quantities:" is a list (regression): 1
14. g49, canon._step_line: a step verb in any tense among a numbered line's first three words
    makes the line a step. That catches claims ("Dermatologically tested", "Packed in
    recycled plastic"), SKU lines ("Shampoo with added keratin") and shades ("Eyeshadows in
    cool tones"); one such line out of two is enough (regressions): 3
15. g49, canon._numbered_steps: two lettered options that open with different verbs are steps
    now, even after "Which is cheaper?" (regression): 1
16. g49, rewrites._CIRCUMSTANCE and _band: "effect" anywhere in the clause ("a tightening
    effect") and "under 20% alcohol" (a content band read as a tariff) keep the horizon in
    the text (regressions): 2
17. g49, lexicon.repair_typo: a doubt now spans every kind of slip. A swap ("suppiler") or a
    missed letter ("temperatre") is doubted against a rare word that only a stray letter
    reaches ("suppler", "temperate") (regressions): 2
18. g50, words._raw_tokens: a capitalised plural keeps its letters at a phrase's end only, so
    "Boots and Superdrug" is not "Superdrug and Boots" (regression): 1

Not counted: the exact key now keeps case, so conservative no longer serves a request that
differs in case alone ("Vitamin C serum" / "vitamin C serum"). The commit says this is on
purpose. "Why don't shoppers buy sunscreens that feel greasy?" is split on purpose since g49
(tests/test_review22.py). A star before a colon ("Budget*:") is a footnote on purpose again.
Held up against my attempts (no finding kept): a quantity in words ("for one tonne", "for ten
tonnes") becomes a digit and keeps its place; "**vegan**" and "**100% natural**" are still
emphasis; no typo is repaired into a new wrong word (a scan of about 2,000 suite words, every
single-slip typo: the union of kinds only removes repairs, and the UK/US merge lands on the
same word); "in the vein of Rituals" and "gift sets like Rituals" keep the brand;
"Why doesn't Boots stock the serum?" (no "that") is still served.

Closed at g51: 8 of the 10 near-misses (open: a "for" quantity written in words, a plural
brand with a word after it or after "Is") and 9 of the 17 splits (emphasis inside quotes
and bold prices, "order" headings, claims, "with added" and shade lists, "a tightening
effect", "under 20% alcohol", "Boots and Superdrug"). Open splits: a subject noun with a verb
sense before the question's "not", a "that" that opens no relative clause, "for <number>"
phrases, two compared options with two verbs, two typo repairs.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ================================ near-misses served ================================


# -- 1. an adjective's "not" after a noun phrase with no verb sense (g48) ---------------------------
# canon._clause (g48) keeps a do-question's "not" before an adjective as the adjective's
# (ADJECTIVE_NOT) only when a word with a verb sense came before it. In a "which" question
# whose subject comes first, no word before the "not" has a verb sense ("K-beauty serums"), so
# the "not" becomes the question's and moves to the end. There it meets the "not" of "do our
# customers not ask for": serums we cannot buy in the EU that customers ask for (an import
# gap) are served the ones on EU shelves that nobody asks for. g47 kept the two apart.
ADJ_NOT = "canon._clause gives an adjective's 'not' to the question when no verb-sense word precedes it"


def test_an_adjectives_not_after_a_subject(served):
    assert not served(
        "market",
        "Which K-beauty serums not available in the EU do our customers ask for?",
        "Which K-beauty serums available in the EU do our customers not ask for?",
    )


def test_an_adjectives_not_after_a_verb():
    assert not same(
        "Why do pharmacies sell sunscreens not safe for babies?",
        "Why do pharmacies not sell sunscreens safe for babies?",
        generator="market",
    )


def test_the_questions_not_before_last():
    assert same("Why does our matte lipstick not last?", "Why doesn't our matte lipstick last?")


# -- 2. the question's "not" meets a contact clause's (g49) ---------------------------------------------
# canon._question_not (g49) leaves the "not" in place when the question holds a relative
# mark, which only a written "that"/"which"/"who" sets. Review22's pair had a "that" on one
# side. With none on either side (the usual way to write it), both "not"s still go to the
# end: retailers that don't stock our serums (a distribution gap) are served the retailers
# that stock serums we don't make (our competitors' stockists). Merged at g44 too.
def test_a_contact_clauses_not(served):
    assert not served(
        "market",
        "Which retailers don't stock the serums we make?",
        "Which retailers stock the serums we don't make?",
    )


# -- 3. a "for" quantity with no digit still moves (g49) ------------------------------------------------
# canon._phrases (g49) keeps a clause's trailing phrases in place when a "for" phrase opens
# with a digit ("for 1 t"). A quantity is as often a unit with an article ("for a full
# pallet", "for a tonne"). The article goes, no digit follows "for", and the phrases are
# sorted: the EXW price for a pallet is served the comparison against the DDP price for a
# pallet (holdout23's pair, written with a unit).
# Closed at g55: "with the DDP price" is a definite "with" phrase, which keeps the phrases in order.
def test_a_for_quantity_without_a_digit(served):
    assert not served(
        "costing",
        "Compare the EXW price of F-112 for a full pallet with the DDP price.",
        "Compare the EXW price of F-112 with the DDP price for a full pallet.",
    )


def test_a_for_quantity_in_words_keeps_its_place():
    assert not same(
        "Compare the EXW price of F-112 for one tonne with the DDP price.",
        "Compare the EXW price of F-112 with the DDP price for one tonne.",
        generator="costing",
    )


# -- 4. a second heading turns the process into bullets (g47, left open by g49) -----------------------
# words._ARROW_BULLETS (g49) is searched once over the whole text: any heading with a colon
# and no method word, followed by arrows, makes every arrowed line a bullet. A brief that
# lists its components before its process ("Components:" then "Process:") loses the
# process's order: the candle with the fragrance added before the wax is melted is served
# the right order. g49 fixed the heading that names a method only when it is the only
# heading; g44 kept the two apart.
def test_a_process_after_a_components_heading(served):
    components = "Components:\n\u2192 glass jar\n\u2192 bamboo lid\n"
    question = "\nWhy is the scent throw weak?"
    melt, add, pour = (
        "\u2192 melt the wax at 85 \u00b0C",
        "\u2192 add the fragrance at 80 \u00b0C",
        "\u2192 pour at 60 \u00b0C",
    )
    assert not served(
        "formulation",
        components + f"Process:\n{melt}\n{add}\n{pour}" + question,
        components + f"Process:\n{add}\n{melt}\n{pour}" + question,
    )


def test_a_process_heading_alone_is_a_flow():
    melt, add, pour = (
        "\u2192 melt the wax at 85 \u00b0C",
        "\u2192 add the fragrance at 80 \u00b0C",
        "\u2192 pour at 60 \u00b0C",
    )
    assert not same(
        f"Process:\n{melt}\n{add}\n{pour}\nWhy is the scent throw weak?",
        f"Process:\n{add}\n{melt}\n{pour}\nWhy is the scent throw weak?",
        generator="formulation",
    )


# -- 5. two lettered steps that open with one word are options (g49) ---------------------------------
# canon._numbered_steps (g49) reads two lettered lines as options, and sorts them, whenever
# they open with the same word. It checks this before it looks for step verbs or a method
# word. Two steps of a process often share their verb ("add the carbomer" then "add the TEA":
# neutralising first makes lumps) or their noun ("Phase B into phase A at 75 C" then "Phase C
# at 40 C"). Both orders are now one request. g47 counted step verbs and phases and kept
# them apart.
SAME_WORD = "canon._numbered_steps reads two lettered lines that open with the same word as options"


def test_two_lettered_steps_with_one_verb(served):
    assert not served(
        "formulation",
        "a) add the carbomer\nb) add the triethanolamine\nWhy is the gel lumpy?",
        "a) add the triethanolamine\nb) add the carbomer\nWhy is the gel lumpy?",
    )


def test_two_lettered_phase_lines():
    assert not same(
        "a) Phase B into phase A at 75 \u00b0C\nb) Phase C at 40 \u00b0C\nWhy does the cream separate?",
        "a) Phase C at 40 \u00b0C\nb) Phase B into phase A at 75 \u00b0C\nWhy does the cream separate?",
        generator="formulation",
    )


def test_two_ways_of_one_step_are_options():
    assert same(
        "a) fill in-house\nb) fill at a co-packer\nWhich is cheaper at 20,000 units?",
        "a) fill at a co-packer\nb) fill in-house\nWhich is cheaper at 20,000 units?",
        generator="costing",
    )


def test_two_numbered_steps_with_one_verb_keep_their_order():
    assert not same(
        "1) add the carbomer\n2) add the triethanolamine\nWhy is the gel lumpy?",
        "1) add the triethanolamine\n2) add the carbomer\nWhy is the gel lumpy?",
        generator="formulation",
    )


# -- 6. "under <word> <number>" is a band (g49) --------------------------------------------------------
# rewrites._band (g49) reads the words after "under" as a band when they are a measure and
# its number ("under SPF 30"). A trade measure is named the same way: "under Section 301
# tariffs" (the US duties on Chinese goods) now reads as a band, so it is no circumstance
# and "until 2026", the tariffs' end, moves into the horizon field. That is review22's
# "under a 25% import tariff" pair with the tariff named; g47 kept it apart ("under" before
# a word with no digit).
_US_BRUSHES = {"category": "makeup tools", "region": "USA"}


def test_a_named_tariff_is_a_circumstance(served):
    a = {"query": "Imports of Chinese makeup brushes under Section 301 tariffs until 2026", "context": _US_BRUSHES}
    b = {
        "query": "Imports of Chinese makeup brushes under Section 301 tariffs",
        "context": {**_US_BRUSHES, "horizon": "2026"},
    }
    assert not served("market", a, b)


def test_a_tariff_in_effect_is_a_circumstance(served):
    spain = {"category": "sunscreen", "region": "Spain"}
    a = {"query": "sunscreen sales with the import tariff in effect until 2026", "context": spain}
    b = {"query": "sunscreen sales with the import tariff in effect", "context": {**spain, "horizon": "2026"}}
    assert not served("market", a, b)


# -- 7. an acronym before a brand adjective (g47, kept by g49) ----------------------------------------
# words._after_a_capital (g49) drops a brand adjective's mark after an acronym anywhere
# ("COSMOS Organic" is a certification). A market code is written before a brand as often
# as before a standard: "UK Simple facial wipes" is the brand Simple, as in holdout25's "UK
# sales of Simple facial wipes". The mark goes, and the brand's sales are served the answer
# for any simple wipes under balanced and aggressive (the exact key keeps case since g50, so
# conservative misses). g44 kept the mark.
ACRONYM = "words._after_a_capital drops a brand's mark after a market code ('UK Simple')"
_UK_SIMPLE = ("Forecast UK Simple facial wipes sales for 2026", "Forecast UK simple facial wipes sales for 2026")


@pytest.mark.parametrize("strategy", ["balanced", "aggressive"])
def test_a_brand_after_a_market_code(served, strategy):
    assert not served("market", *_UK_SIMPLE, strategy=strategy)


def test_a_brand_after_a_market_code_conservative(served):
    assert not served("market", *_UK_SIMPLE, strategy="conservative")


def test_a_certification_after_an_acronym():
    assert same("Do we need COSMOS Organic for the UK?", "Do we need COSMOS organic for the UK?")


# -- 8. a brand's plural folded where its phrase goes on (g50) ----------------------------------------
# words._raw_tokens (g50) keeps a capitalised plural's letters only when no word follows it
# and "of", "like", "vs", ... comes just before it. A brand is named mid-phrase as often:
# "in the vein of Rituals for men" (a word follows), "Is Rituals cruelty-free?" (after the
# question's verb). Both still fold to "Ritual", the vitamin brand, which g50 set out to keep
# apart ("in the vein of Rituals" / "... of Ritual").
PLURAL = "words._raw_tokens folds a capitalised plural that does not end its phrase after of/like/..."


@xfail(PLURAL)
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Name a body-care line in the vein of Rituals for men", "Name a body-care line in the vein of Ritual for men"),
        ("Is Rituals cruelty-free?", "Is Ritual cruelty-free?"),
    ],
    ids=["a-word-after", "after-is"],
)
def test_a_plural_brand_mid_phrase(served, a, b):
    assert not served("branding", a, b)


def test_a_plural_brand_at_a_phrases_end():
    assert not same("Gift sets like Rituals", "Gift sets like Ritual", generator="branding")


# ================================ paraphrases split ================================
SPLIT = "a g48-g50 rule splits a true paraphrase"


# -- 9. the verb-sense test reads the subject's nouns (g48) --------------------------------------------
# canon._clause (g48) asks whether any word kept before the "not" has a verb sense
# (lexicon.has_verb_sense). The subject's nouns count: "nail", "polish", "face", "cream",
# "oil", "gel", "mask" and "people" are all verbs too. So "Why does my nail polish not
# dry?" keeps an adjective's "not" before "dry" (an adjective too), while "Why doesn't my
# nail polish dry?" has the question's: one question, two forms. g48 served the lipstick
# only because "lipstick" is no verb.
@xfail(SPLIT + ": canon._clause counts the subject's nouns as the verb before an adjective's 'not'")
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Why does my nail polish not dry?", "Why doesn't my nail polish dry?"),
        ("Why does our face cream not last through the day?", "Why doesn't our face cream last through the day?"),
    ],
    ids=["nail-polish", "face-cream"],
)
def test_the_questions_not_after_a_noun_with_a_verb_sense(a, b):
    assert same(a, b, generator="formulation")


# -- 10. any "that" holds the question's "not" in place (g49) ------------------------------------------
# canon._clause marks every "that"/"which"/"who" after the first word of a question with one
# "not" as a relative clause, and canon._question_not (g49) then leaves the "not" where it
# is. A demonstrative ("that serum") and a complement clause ("think that refills are
# convenient") are no relative clauses, and the question's "not" is written in either place:
# both were served at g47.
THAT = SPLIT + ": canon._question_not reads a demonstrative or complement 'that' as a relative clause"


@xfail(THAT)
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Why doesn't Boots stock that serum?", "Why does Boots not stock that serum?"),
        (
            "Why don't consumers think that refills are convenient?",
            "Why do consumers not think that refills are convenient?",
        ),
    ],
    ids=["demonstrative", "complement"],
)
def test_a_that_that_is_no_relative_clause(served, a, b):
    assert served("market", a, b)


def test_the_questions_not_with_no_that(served):
    assert served("market", "Why doesn't Boots stock the serum?", "Why does Boots not stock the serum?")


# -- 11. a "for <number>" phrase freezes the clause (g49) ------------------------------------------------
# canon._phrases (g49) sorts no trailing phrase of a clause once a "for" phrase opens with a
# digit, wherever it is. The rule's case is a quantity bound to the noun before it. More
# often the number is the whole request's: the run size of a costing, a trial's duration.
# Both orders were served at g47.
FOR_NUMBER = SPLIT + ": canon._phrases keeps every phrase in place once a 'for' phrase opens with a digit"
FOR_NUMBERS = [
    (
        "costing",
        "Cost of our body lotion for 10,000 units with a pump dispenser",
        "Cost of our body lotion with a pump dispenser for 10,000 units",
    ),
    (
        "scientific",
        "Clinical results of 1% retinol for 12 weeks in women over 40",
        "Clinical results of 1% retinol in women over 40 for 12 weeks",
    ),
]


@xfail(FOR_NUMBER)
@pytest.mark.parametrize(("generator", "a", "b"), FOR_NUMBERS, ids=["run-size", "duration"])
def test_a_for_number_phrase_moves(served, generator, a, b):
    assert served(generator, a, b)


def test_a_for_phrase_with_no_number_moves():
    assert same(
        "a night cream with 3% niacinamide for oily skin",
        "a night cream for oily skin with 3% niacinamide",
        generator="formulation",
    )


# -- 12. markdown emphasis that is no longer emphasis (g49) ----------------------------------------------
# words._EMPHASIS (g49) opens emphasis only after a space, a line start or a bracket, and only
# before a letter or a digit. A claim italicised inside its quotes ('"*clinically proven*"')
# and a bold price ("**€12.99**", the star before a currency sign) are no longer emphasis:
# the closing stars become a footnote mark ("footnote" / "footnote2"), which the plain text
# lacks. Both were served at g47.
EMPHASIS = SPLIT + ": words._EMPHASIS leaves the closing stars of real emphasis as a footnote mark"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            'Can we claim "*clinically proven*" on the pack?',
            'Can we claim "clinically proven" on the pack?',
        ),
        (
            "costing",
            "Target retail price: **\u20ac12.99**. What COGS can we afford?",
            "Target retail price: \u20ac12.99. What COGS can we afford?",
        ),
    ],
    ids=["inside-quotes", "bold-price"],
)
def test_emphasis_is_no_footnote(served, generator, a, b):
    assert served(generator, a, b)


def test_bold_words_are_emphasis():
    assert same("Claims: **vegan**, **cruelty-free**", "Claims: vegan, cruelty-free", generator="branding")


def test_footnotes_after_quotes_are_kept():
    assert not same(
        'Review the pack claims "vegan"*, "cruelty-free"*',
        'Review the pack claims "vegan", "cruelty-free"',
        generator="branding",
    )


# -- 13. a method word anywhere in the heading (g49) ------------------------------------------------
# words._ARROW_BULLETS (g49) reads arrows under a heading as a flow (in order) when the heading
# holds method|procedure|process|...|order|flow as a word. "Minimum order quantities:" names
# an order placed with a supplier, not an order of steps: the arrowed quantities are a list,
# and g47 served them in any order.
def test_an_order_heading_lists(served):
    jars, lids = "\u2192 jars: 5,000", "\u2192 lids: 10,000"
    assert served(
        "costing",
        f"Minimum order quantities:\n{jars}\n{lids}\nWhat is the total packaging spend?",
        f"Minimum order quantities:\n{lids}\n{jars}\nWhat is the total packaging spend?",
    )


# -- 14. a step verb among a numbered line's first three words (g49) ---------------------------------
# canon._step_line (g49) makes a numbered line a process step when any of its first three
# words is a step verb in any tense (canon._step_verb), and half such lines make the list
# steps, in order. Claims and requirements are participles of those verbs ("tested",
# "packed", "filled"); a product's description says "with added X"; a shade is "cool". One
# such line of two is enough. Each list was served in any order at g47 (its first words held
# no step verb in its base form).
STEP_LINE = SPLIT + ": canon._step_line reads a participle or adjective among the first three words as a step"
STEP_LINES = [
    (
        "branding",
        "Claims to check for the UK:\n1. Dermatologically tested\n2. Suitable for sensitive skin\n"
        "3. Packed in recycled plastic\n4. Vegan",
        "Claims to check for the UK:\n1. Vegan\n2. Suitable for sensitive skin\n"
        "3. Packed in recycled plastic\n4. Dermatologically tested",
    ),
    (
        "costing",
        "Quote per unit for:\n1. Shampoo with added keratin, 250 ml\n2. Conditioner with added argan oil, 250 ml",
        "Quote per unit for:\n1. Conditioner with added argan oil, 250 ml\n2. Shampoo with added keratin, 250 ml",
    ),
    (
        "market",
        "Which palette sells better in Spain?\n1. Eyeshadows in cool tones\n2. Eyeshadows in warm tones",
        "Which palette sells better in Spain?\n1. Eyeshadows in warm tones\n2. Eyeshadows in cool tones",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), STEP_LINES, ids=["claims", "with-added", "cool-tones"])
def test_a_numbered_list_is_no_process(served, generator, a, b):
    assert served(generator, a, b)


def test_bulleted_shades_are_a_list():
    assert same(
        "Which palette sells better in Spain?\n- eyeshadows in cool tones\n- eyeshadows in warm tones",
        "Which palette sells better in Spain?\n- eyeshadows in warm tones\n- eyeshadows in cool tones",
        generator="market",
    )


def test_a_batch_record_keeps_its_order():
    assert not same(
        "Soy candle batch:\n1. Wax melted to 85 \u00b0C\n2. Fragrance oil stirred in at 80 \u00b0C\n"
        "3. Poured at 60 \u00b0C\nWhy is the scent throw weak?",
        "Soy candle batch:\n1. Fragrance oil stirred in at 80 \u00b0C\n2. Wax melted to 85 \u00b0C\n"
        "3. Poured at 60 \u00b0C\nWhy is the scent throw weak?",
        generator="formulation",
    )


# -- 15. two lettered options with different verbs (g49) -------------------------------------------------
# canon._numbered_steps (g49) reads two lettered lines as options only when they open with the
# same word; g47 also did when the text compared them ("Which is cheaper?"). Filling in-house
# or at a co-packer, written with two verbs ("fill", "use": both step verbs), is now a
# process in order: the same two options in the other order are another request.
@xfail(SPLIT + ": canon._numbered_steps reads two compared options that open with different verbs as steps")
def test_two_compared_options_with_two_verbs(served):
    assert served(
        "costing",
        "a) fill in-house\nb) use a co-packer\nWhich is cheaper at 20,000 units?",
        "a) use a co-packer\nb) fill in-house\nWhich is cheaper at 20,000 units?",
    )


# -- 16. circumstances that are none (g49) -------------------------------------------------------------
# rewrites._circumstance (g49) keeps an until/through date in its clause when any word of the
# clause is in _CIRCUMSTANCE, now with "force" and "effect" ("in force", "in effect"). The
# word alone is enough, and "effect" is a product's in cosmetics ("a tightening effect",
# "side effects"). rewrites._band reads "under 20% alcohol" as a tariff ("under a 25%
# tariff": a percentage and a word), though it is a content band like "under 50 ml". The
# forecast's horizon no longer moves into its field; both pairs were served at g47.
HORIZON = SPLIT + ": rewrites._circumstance keeps the forecast's horizon in the text"
_FRANCE = {"category": "skincare", "region": "France"}
_GERMANY = {"category": "oral care", "region": "Germany"}
HORIZONS = [
    pytest.param(
        {"query": "Forecast demand for serums with a tightening effect through 2028", "context": _FRANCE},
        {"query": "Forecast demand for serums with a tightening effect", "context": {**_FRANCE, "horizon": "2028"}},
        id="effect",
    ),
    pytest.param(
        {"query": "Sales of mouthwashes under 20% alcohol until 2028", "context": _GERMANY},
        {"query": "Sales of mouthwashes under 20% alcohol", "context": {**_GERMANY, "horizon": "2028"}},
        id="content-band",
    ),
]


@pytest.mark.parametrize(("a", "b"), HORIZONS)
def test_a_horizon_moves(served, a, b):
    assert served("market", a, b)


# -- 17. a doubt against a rare word that only a stray letter reaches (g49) ---------------------------
# lexicon.repair_typo (g49) collects the known words within one slip of any kind and repairs
# only when there is one. The likeliest slip no longer wins: "suppiler" (two letters swapped:
# supplier) is also "suppler" with a stray "i"; "temperatre" (a letter missed: temperature)
# is also "temperate" with a stray "r" (a key next to "t"). Both typos are common and were
# repaired at g47; the other reading makes no sense in the request.
@xfail(SPLIT + ": lexicon.repair_typo doubts between the likeliest slip and a stray-letter reading")
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("costing", "Compare suppiler quotes for 2 t of shea butter", "Compare supplier quotes for 2 t of shea butter"),
        ("formulation", "Stability at room temperatre for 3 months", "Stability at room temperature for 3 months"),
    ],
    ids=["swap", "missed"],
)
def test_a_likely_slip_is_repaired(generator, a, b):
    assert same(a, b, generator=generator)


def test_a_uk_us_pair_is_one_repair():
    assert same(
        "Cost of alumnium tubes for a hand cream", "Cost of aluminium tubes for a hand cream", generator="costing"
    )


def test_a_real_doubt_stays():
    assert not same("Body oil with 10% sarflower oil", "Body oil with 10% starflower oil", generator="formulation")


# -- 18. a plural name keeps its letters at a phrase's end only (g50) ----------------------------------
# words._raw_tokens (g50) keeps a capitalised plural's letters ("Boots") when it ends its
# phrase after "and"/"of"/...; anywhere else it is folded ("Boot"). So one retailer gets two
# forms depending on where a list puts it: "at Boots and Superdrug" (Boots folded) is not "at
# Superdrug and Boots" (Boots kept), where g49 sorted the two into one list.
def test_a_plural_retailer_in_either_place(served):
    assert served(
        "market", "Compare shelf prices at Boots and Superdrug", "Compare shelf prices at Superdrug and Boots"
    )
