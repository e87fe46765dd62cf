"""Whole sentences at the medium level: openers, signposts, offers, repeated summaries."""

from __future__ import annotations

from optimizer.compression.editor import offer, strip_opener
from optimizer.compression.guard import protected_terms
from optimizer.compression.prose import compress_prose


def medium(text: str) -> str:
    return compress_prose(text, "medium", "o200k_base").text


def test_openers_and_announcements_are_stripped_not_the_subject():
    assert strip_opener("Sure — here's a detailed cost build-up for your lotion.") == "cost build-up for your lotion."
    assert strip_opener("Great question! Glycerin is a humectant.") == "Glycerin is a humectant."
    assert strip_opener("Here is the formula:") == "formula:"
    assert strip_opener("Glycerin is a humectant.") == "Glycerin is a humectant."


def test_an_offer_keeps_its_numbers_after_offer():
    assert offer("Let me know if you'd like the same breakdown for a 250 mL tube!") == (
        "Offer: the same breakdown for a 250 mL tube."
    )
    assert offer("Would you like me to draft the 50 mL brief?") == "Offer: draft the 50 mL brief."
    assert offer("The 50 mL brief is ready.") is None


def test_chat_frame_goes_and_facts_stay():
    text = (
        "Great question! Let's dive in.\n\n"
        "Below I'll walk you through the formula and the costs.\n\n"
        "**Formula**\n"
        "Use 5% Glycerin and 2% Niacinamide. Do not heat above 40 °C.\n\n"
        "I hope this helps! Let me know if you'd like a 30 mL version."
    )
    out = medium(text)
    assert "dive in" not in out and "walk you through" not in out and "hope this helps" not in out
    assert "Offer: 30 mL version." in out
    assert "Do not heat above 40 °C." in out
    assert protected_terms(out) == protected_terms(text)


def test_a_signpost_with_a_figure_said_nowhere_else_stays():
    text = "Below is my assessment of the 72-hour claim.\n\nThe data support 48 hours only."
    assert "72-hour" in medium(text)


def test_a_summary_that_only_repeats_goes_with_its_heading():
    text = (
        "**Costs**\n"
        "- Landed cost is USD 0.46 per mask, and the retail price is USD 4.99.\n"
        "- Retailer margin is 45%, so the gross margin is about 83%.\n\n"
        "**7. Summary**\n"
        "- Landed cost: USD 0.46 per mask.\n"
        "- Gross margin: about 83% after the retailer margin.\n\n"
        "Which retailer do you target?"
    )
    out = medium(text)
    assert "Summary" not in out
    assert out.count("USD 0.46") == 1 and "about 83%" in out
    assert "Which retailer do you target?" in out  # questions are never dropped


def test_a_summary_with_a_new_figure_stays():
    text = "The cost is EUR 2.10.\n\nIn summary, the cost is EUR 2.10 and the price EUR 9.90."
    assert "EUR 9.90" in medium(text)


def test_markdown_marks_go_and_table_rows_keep_their_cells():
    text = "## 🧴 Costs\n\n| item | EUR |\n|---|---|\n| **Total** | **1.74** |\n\n> A quoted note.\n\n---\nEnd."
    out = medium(text).splitlines()
    assert out[0] == "Costs"
    assert "|---|---|" not in out and "---" not in out
    assert "| Total | 1.74 |" in out
    assert "quoted note." in " ".join(out) and not any(line.startswith(">") for line in out)
