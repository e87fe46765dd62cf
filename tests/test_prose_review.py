"""An analyst's review of the rule levels' output (issue 14): each meaning change found.

Each test states the smallest thing that must hold after compression; each failed on the
rules the reviewer read, and passes since the fixes that followed.

Inputs are short quotes from the tuning half of the prose corpora
(``optimizer/data/fixtures/prose/{corpus,verbose}/tune/``) or from the reviewer's own
texts in ``tests/data/prose_review/`` (MIT). Nothing here reads a ``report`` half.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer.compression.prose import compress_prose

ROOT = Path(__file__).resolve().parent.parent
TUNE_CORPUS = ROOT / "optimizer/data/fixtures/prose/corpus/tune"
TUNE_VERBOSE = ROOT / "optimizer/data/fixtures/prose/verbose/tune"
OWN = Path(__file__).resolve().parent / "data/prose_review"


def squeeze(text: str, level: str) -> str:
    """The compressed text at ``level`` with the o200k tokenizer."""
    return compress_prose(text, level, "o200k_base").text


# --- names and labels --------------------------------------------------------------


@pytest.mark.parametrize("level", ["medium", "aggressive"])
def test_a_single_capital_letter_naming_a_phase_is_not_an_article(level):
    out = squeeze("3. Add B to A under homogenisation at 3,000 rpm for 3 minutes.", level)
    assert "B to A under" in out


# --- sections: a heading and what sits under it --------------------------------------


@pytest.mark.parametrize("level", ["medium", "aggressive"])
def test_a_summary_heading_stays_when_some_of_its_items_stay(level):
    out = squeeze((OWN / "05_chatty_llm_answer_claims.txt").read_text(), level)
    assert 'Never use "dermatologist approved".' in out  # kept today...
    assert "Summary" in out  # ...but now listed under "Details"


def test_an_instruction_in_a_summary_that_is_not_a_repeat_stays():
    out = squeeze((TUNE_VERBOSE / "scientific-caffeine-eye-cream.txt").read_text(), "aggressive")
    assert "test your own formula" in out


@pytest.mark.parametrize("level", ["medium", "aggressive"])
def test_a_closing_question_that_the_next_sentence_depends_on_stays(level):
    out = squeeze((TUNE_VERBOSE / "costing-sheet-mask.txt").read_text(), level)
    assert "maybe USD 0.25 landed" in out
    assert "compare" in out  # "Cotton is cheaper" than what, and why say it, comes from the question


def test_a_lead_in_that_scopes_a_list_stays():
    out = squeeze((TUNE_CORPUS / "market_verbose_men-grooming-india.txt").read_text(), "aggressive")
    assert "segment in 2023" in out


# --- who does what: statements must not become instructions ---------------------------


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("I confirm the new price is EUR 6.40/kg for orders of at least 1,000 kg.", "I confirm"),
        ("If you need 15 mL, tell me now and I reserve 5,000 pcs from last run.", "I reserve"),
        ("I hold 10k of the white stock tube for you until Friday.", "I hold"),
        ("I attach the investigation report and the new COA.", "I attach"),
        ("They propose an air-conditioned room of 20 m², we must confirm it is enough.", "They propose"),
        ("FDA facility registration done (they show FEI number).", "they show"),
        ("This is not acceptable, we ask CAPA within 2 weeks.", "we ask"),
    ],
)
def test_a_first_or_third_person_statement_keeps_its_subject(sentence, kept):
    assert kept in squeeze(sentence, "aggressive")


def test_who_must_act_stays():
    text = (
        "Specification is the same, but you must do your own compatibility test "
        "because we have not tested it in emulsion with high electrolyte."
    )
    assert "you must" in squeeze(text, "aggressive")


@pytest.mark.parametrize("level", ["medium", "aggressive"])
def test_a_suggestion_is_not_turned_into_an_instruction(level):
    out = squeeze("You may want to pair it with an antioxidant and check colour stability at 40 °C.", level)
    assert "may" in out.lower()


# --- logic words ------------------------------------------------------------------------


def test_not_only_but_also_keeps_also():
    text = "Not only the mean time but also the 90th percentile should be under 30 seconds."
    assert "but also" in squeeze(text, "aggressive")


def test_a_contrast_after_a_negative_finding_stays_marked():
    text = (
        'The data do not support "72-hour hydration". '
        "The data do, however, robustly support a 48-hour claim: +10% versus untreated at T48h."
    )
    out = squeeze(text, "aggressive")
    assert "however" in out or "but" in out.split('"72-hour hydration".')[1]


def test_then_in_a_manufacturing_sequence_stays():
    text = (
        "Sorbitol and water are mixed and CMC is dispersed under high speed for 30 minutes. "
        "Then saccharin, SMFP, benzoate and TSP are dissolved."
    )
    assert "Then saccharin" in squeeze(text, "aggressive")


def test_a_predicate_does_not_become_a_noun_phrase():
    text = 'Don\'t claim "cures eczema" — that is a medicinal claim and is not allowed for a cosmetic in the EU.'
    out = squeeze(text, "aggressive")
    assert "that medicinal claim" not in out


def test_this_is_a_keeps_its_verb():
    text = (
        "Salicylic acid must not be used, since it is not permitted in products for children "
        "under 3 except shampoos, and this is a body wash too."
    )
    assert "this body wash too" not in squeeze(text, "aggressive")


def test_this_type_keeps_its_demonstrative():
    text = "A new study of this type would cost roughly €9,000–12,000 at most CROs."
    assert "this type" in squeeze(text, "aggressive")


@pytest.mark.parametrize("level", ["medium", "aggressive"])
def test_a_degree_word_in_a_limitation_stays(level):
    assert "very small study" in squeeze("- Limitation: very small study, no placebo group.", level)


# --- wording that is copy, not prose ----------------------------------------------------


@pytest.mark.parametrize("level", ["medium", "aggressive"])
def test_clinical_studies_is_not_rewritten_as_trials(level):
    out = squeeze("**2. Key clinical studies**\n\nTanno et al. (2000) studied cultured keratinocytes.", level)
    assert "clinical studies" in out


def test_reference_titles_are_kept_as_published():
    text = (
        "**5. References**\n\n"
        "1. Tanno O, Ota Y, Kitamura N, Katsube T, Inoue S. Nicotinamide increases biosynthesis of "
        "ceramides as well as other stratum corneum lipids to improve the epidermal permeability barrier. "
        "Br J Dermatol. 2000;143(3):524–531.\n"
        "2. Hakozaki T, Minwalla L, Zhuang J, et al. The effect of niacinamide on reducing cutaneous "
        "pigmentation and suppression of melanosome transfer. Br J Dermatol. 2002;147(1):20–31."
    )
    out = squeeze(text, "aggressive")
    assert "ceramides as well as other stratum corneum lipids to improve the epidermal" in out
    assert "The effect of niacinamide" in out


def test_a_warning_sign_stays():
    text = "- UV filters: Homosalate 7% — ⚠ EU limit for Homosalate is 7.34% and only in face products."
    assert "⚠" in squeeze(text, "aggressive")


def test_the_reviewers_texts_are_there():
    """The review's own texts (MIT) stay beside the tests that quote them."""
    assert len(list(OWN.glob("*.txt"))) >= 15
