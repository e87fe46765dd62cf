"""optimizer/cache/commas.py: where a comma before "and" sets the second thing apart.

The guard's end-to-end cases are in test_cache_guard_attack.py and tests/test_review35.py to
test_review41.py; these pin the module's own reading of a text.
"""

from __future__ import annotations

import pytest

from optimizer.cache.commas import set_apart


@pytest.mark.parametrize(
    "text",
    [
        "kids shampoo, and conditioner with coconut oil",
        "kids shampoo; and conditioner with coconut oil",
        "kids shampoo - and conditioner with coconut oil",
        "kids shampoo, & conditioner with coconut oil",
        "kids shampoo,and\nconditioner with coconut oil",
        "For the kids range, a shampoo, and conditioner with coconut oil",
        "top brands of sunscreen, and of after-sun in Spain",
        "Cost a toner, and the eye patches with caffeine",
    ],
)
def test_a_second_thing_with_a_phrase_both_could_share_is_set_apart(text):
    assert "and separately" in set_apart(text)


@pytest.mark.parametrize(
    "text",
    [
        "kids shampoo and conditioner with coconut oil",  # no mark
        "Check the formula, and discuss the evidence",  # a second instruction
        "Is niacinamide safe in pregnancy, and its effect on melasma?",  # a question's own part
        "A cleanser that is gentle, and safe for kids",  # an adjective before its complement
        "Formulate a serum, and the budget is under 5 euros",  # a subject and its verb
        "nano ZnO in gels, sprays, and creams for kids",  # a list's serial comma
        "top brands of sunscreen, and of after-sun",  # nothing after the second thing
    ],
)
def test_a_text_where_the_mark_changes_nothing_is_left_as_written(text):
    assert set_apart(text) == text
