"""An analyst's review of the model-guided level ("max", ``optimizer/compression/model_guided.py``).

Each test states the smallest thing that must hold after ``compress(text, "max")``; each
failed on the rules the reviewer read (strict xfails naming the cause in the code) and
passes since the fixes that followed (see "Closed" below). Inputs are the tuning halves only
(``optimizer/data/fixtures/prose/{verbose,corpus}/tune/``); nothing here reads a ``report``
half or ``blind1``. Findings of ``tests/test_prose_review.py`` (the rule levels) are not
repeated.

Groups, most severe first (23 findings):

A. A clause goes and a number or claim now belongs to something else (7):
   ``_clauses`` drops a middle clause between commas (a list item, the subject before
   ", which"), and the single-word pass then drops "which"/"the", so the figure attaches
   to the noun before it: "fulfillment, can easily exceed EUR 8 per order" (the EUR 8 was
   fulfillment + payment fees + acquisition), "advertising, ... 25% to 30% of net sales",
   "Within category, probably around 10% to 12%" (that was serums), the 35-68% inhibition
   without the melanosome transfer it measured, a list "split between big-group sub-brands,
   independents" that lost its third member, and a pronoun whose antecedent went ("it
   works best framed as a small ritual": the refill mechanic).
B. A condition or its consequence goes (6): ``_clauses`` treats a clause without a
   :data:`_RESTRICTING` word as free, but "and you fund most of that discount", "plus
   production time" or "the buffer is too weak" carry the condition; "if ... as
   preservative." and "drugs,." are left without their consequence; "So, is there room?
   but probably not ..." lost "I think there is", reversing the answer.
C. A scope word goes in the single-word pass (5): ``droppable.candidates_in_line`` protects a
   content word after another only when the word before ``isalpha()``, so a word after a
   hyphenated word or a comma is free: "roll-on deodorant" -> "deodorant" (the 0.5% limit
   now covers every deodorant), "rinse-off hair products" -> "rinse-off products", "eye
   shadow" -> "shadow"; and a scope lead-in sentence ("Important conditions that apply in
   both cases:") goes whole, so the conditions read as Annex V's only; "dry or easily
   irritated" goes from the target of a positioning statement.
D. A phrase's head goes (4): the same ``isalpha()`` test and the ``_STOP`` test let a head
   go after a possessive, a hyphenated adjective or a degree word: "Men's grooming" ->
   "Men's", "very strong" -> "very", "Very small fragments" -> "Very fragments",
   "well-known brands" -> "well-known that rarely sell".
E. What a verb acts on changes (1): "verify it with your own usage test" -> "verify your
   usage test" (``droppable.candidates_in_line`` drops "it" and "with" as guessable).

Closed in the eighth session, all 23: a clause goes whole only when it elaborates the
one before it (", which …", ", for example …", ", such as …") or is a lead-in that frames
the sentence ("As I understand it, …"); a sentence never when it is short (a verdict),
ends with ":" (it introduces what follows), answers the question before it, or the next
sentence points back at it ("It works best …"); the single-word pass never drops a
preposition, "it"/"them", a relative pronoun or "there", a modifier before a content word
("eye shadow", "roll-on deodorant"), the word after a content, hyphenated or possessive
word or a degree word ("Men's grooming", "very strong"), or a subject's verb ("I think");
clauses are ranked by the model's bits over all their tokens
(``droppable._clauses``, ``droppable.candidates_in_line``, ``compress_max``).

What held up: every number with its unit, every negation, ingredient and name I checked
stayed; "For body lotion, ..." scopes, quoted claims, taglines, tables and questions were
kept; the whole-sentence drops of pleasantries and lead-ins ("Great question!", "Let's
break it down") read well; no "not" moved to another word. Most meaning changes come
from clause drops inside long verbose sentences and from the word pass around hyphens.
Coverage: all 24 verbose tuning answers were read in full; the 32 corpus tuning answers
were compressed (max saves little there, 1-25%) but not read line by line, so this review
says nothing about them.

Merely hard to read (not tests): "Thanks for laying out brief so. asked for positioning"
(branding-refill-deodorant), "build it from shelf backwards,." (costing-shampoo),
"hydrogel sheet mask,25 g", "want you check 70% figure", "My top three picks would
Ceramide Code, ...", "tone should reassuring", "If price main driver", "bind it small
amount of fatty alcohol", "Halal certification close to must-have Indonesia",
"pre-dissolved part of propylene glycol", "could plausibly on child", "Offer: adapt to
conditioner bar ... Offer: estimate ...", "First, usually within prestige brands" (who?),
"Second, social-media-driven brands", "I think, quite good at spotting greenwashing" (who
is?), "Limitation: very study" (caffeine eye cream, same cause as D).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUNE_CORPUS = ROOT / "optimizer/data/fixtures/prose/corpus/tune"
TUNE_VERBOSE = ROOT / "optimizer/data/fixtures/prose/verbose/tune"

pytestmark = pytest.mark.model


@functools.cache
def squeeze(name: str) -> str:
    """The max-level output of a verbose tuning answer."""
    from optimizer import compress

    return compress((TUNE_VERBOSE / name).read_text(), "max").output


def sentence_with(text: str, needle: str) -> str:
    """The sentence (or list item) of ``text`` holding ``needle``."""
    for part in re.split(r"(?<=[.!?])\s+|\n", text):
        if needle in part:
            return part
    raise AssertionError(f"{needle!r} lost")


# --- A. a clause goes and a figure now belongs to something else -------------------------

# cause at review: droppable._clauses drops a middle clause (list item / subject before ', which'); the figure attaches to the noun before


def test_the_eur_8_per_order_is_not_fulfilment_alone():
    out = squeeze("costing-serum-cogs.txt")
    assert "customer acquisition" in sentence_with(out, "EUR 8 per order")


def test_the_25_to_30_percent_is_not_advertising_alone():
    out = squeeze("costing-shampoo-price-waterfall.txt")
    assert "overheads" in sentence_with(out, "25% to 30%")


def test_the_10_to_15_percent_is_the_back_margin():
    out = squeeze("costing-shampoo-price-waterfall.txt")
    assert "back margin" in sentence_with(out, "10% to 15%")


def test_the_10_to_12_percent_growth_is_the_serums_not_the_category():
    out = squeeze("market-us-scalp-care.txt")
    assert "serums" in sentence_with(out, "10% to 12%")


def test_the_inhibition_range_keeps_what_it_measured():
    out = squeeze("scientific-niacinamide-pigmentation.txt")
    assert "melanosomes" in sentence_with(out, "35–68%")


def test_a_list_that_splits_the_competition_keeps_all_its_members():
    out = squeeze("market-eu-clean-skincare.txt")
    assert "private labels" in sentence_with(out, "big-group sub-brands")


def test_a_pronoun_keeps_its_antecedent():
    out = squeeze("branding-refill-deodorant-tone.txt")
    assert "refill mechanic" in out


# --- B. a condition or its consequence goes -------------------------------------------------

# cause at review: droppable._clauses: a clause with no _RESTRICTING word is droppable, though it states a condition or its consequence


def test_the_promotion_figure_keeps_its_condition():
    out = squeeze("costing-shampoo-price-waterfall.txt")
    assert "fund" in sentence_with(out, "EUR 2.75")


def test_the_lead_time_keeps_plus_production_time():
    out = squeeze("costing-lip-balm-landed.txt")
    assert "production time" in sentence_with(out, "6–8 weeks")


def test_a_ph_rise_keeps_what_it_means():
    out = squeeze("formulation-urea-body-lotion.txt")
    assert "too weak" in sentence_with(out, "0.5 units")


def test_an_if_keeps_its_then_for_preservative_use():
    out = squeeze("regulatory-salicylic-body-lotion.txt")
    assert "combined amount" in out


def test_including_otc_drugs_keeps_that_the_number_triples():
    out = squeeze("market-us-scalp-care.txt")
    assert "triples" in out


def test_is_there_room_keeps_its_yes():
    out = squeeze("market-us-scalp-care.txt")
    assert "I think there is" in out


# --- C. a scope word goes ---------------------------------------------------------------------

# cause at review: droppable.candidates_in_line: after_content needs previous.isalpha(), so a qualifier after a comma or a hyphen goes


def test_the_half_percent_limit_is_for_roll_on_deodorant_only():
    out = squeeze("regulatory-salicylic-body-lotion.txt")
    assert "roll-on deodorant" in sentence_with(out, "maximum 0.5%")


def test_eye_shadow_stays_eye_shadow():
    out = squeeze("regulatory-salicylic-body-lotion.txt")
    assert "eye shadow" in sentence_with(out, "maximum 0.5%")


def test_the_three_percent_salicylic_limit_is_for_hair_products():
    out = squeeze("regulatory-zinc-pyrithione-ban.txt")
    assert "rinse-off hair products" in sentence_with(out, "3.0%")


def test_conditions_keep_that_they_apply_in_both_cases():
    out = squeeze("regulatory-salicylic-body-lotion.txt")
    assert "both cases" in out


def test_the_positioning_statement_keeps_its_whole_target():
    out = squeeze("branding-barrier-cream-names.txt")
    assert "irritated" in sentence_with(out, "For women aged 25–40")


# --- D. a phrase's head goes ------------------------------------------------------------------

# cause at review: droppable.candidates_in_line: a head after a possessive, hyphenated word or _STOP degree word is not after_content


def test_mens_grooming_keeps_grooming():
    out = squeeze("market-sea-mens-grooming.txt")
    assert "Men's grooming" in sentence_with(out, "3.2 billion")


def test_very_strong_keeps_strong():
    out = squeeze("market-india-whitening-toothpaste.txt")
    assert "very strong" in out


def test_very_small_fragments_keeps_small():
    out = squeeze("scientific-hyaluronic-molecular-weight.txt")
    assert "small fragments" in out


def test_well_known_brands_keeps_brands():
    out = squeeze("costing-shampoo-price-waterfall.txt")
    assert "well-known brands" in out


# --- E. what a verb acts on changes --------------------------------------------------------------


def test_verify_the_claim_not_the_test():
    out = squeeze("formulation-solid-shampoo-bar.txt")
    assert "verify your usage test" not in out
