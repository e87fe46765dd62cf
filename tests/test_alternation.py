from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.alternation import Prefiltered, literal_opening, prefix_tree, top_level
from optimizer.cache import aliases

# Text made of the tables' own spellings, their pieces and their neighbours, so that
# near-matches, overlaps and guards ("-", "/", "$") are all exercised.
_GLOSSARY_WORDS = [w for spelling in aliases.GLOSSARY.values() for w in re.findall(r"[a-z/]+", spelling)]
_PIECES = st.sampled_from([*_GLOSSARY_WORDS, "R$", "A$", "euros", "zloty", "-", "/", " ", ", ", "x", "10"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map(" ".join))
def test_a_prefiltered_table_substitutes_exactly_what_its_pattern_does(text):
    for table in (aliases._GLOSSARY, aliases._CURRENCY):
        prefiltered, replace = table
        assert isinstance(prefiltered, Prefiltered)  # both tables could be filtered
        assert prefiltered.sub(replace, text) == prefiltered.pattern.sub(replace, text)


@pytest.mark.parametrize(
    "text",
    ["randomised controlled trials and RCTs", "oil-in-water o/w", "AHAs, beta hydroxy acid", "no match here", ""],
)
def test_a_prefiltered_table_on_known_spellings(text):
    prefiltered, replace = aliases._GLOSSARY
    assert prefiltered.sub(replace, text) == prefiltered.pattern.sub(replace, text)


def test_a_spelling_without_a_literal_opening_cannot_be_filtered():
    with pytest.raises(ValueError):
        Prefiltered(re.compile(r"(?:x?abc|def)", re.I), ["x?abc", "def"])


def test_literal_openings_stop_at_what_is_optional_or_a_class():
    assert literal_opening("randomi[sz]ed") == "randomi"
    assert literal_opening("rcts?") == "rct"
    assert literal_opening(r"R\$") == "R$"  # as written: the pattern is case-insensitive
    assert literal_opening("(?:the )?usa") == ""
    assert top_level("a|b(?:c|d)|[|]e") == ["a", "b(?:c|d)", "[|]e"]


@settings(max_examples=200, deadline=None)
@given(
    options=st.sets(st.text(alphabet="abc -", min_size=1, max_size=5), min_size=1, max_size=8),
    text=st.text(alphabet="abcd -", max_size=30),
)
def test_a_prefix_tree_finds_what_a_longest_first_alternation_finds(options, text):
    plain = "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))
    tree = re.compile(prefix_tree(options), re.I)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in re.finditer(plain, text, re.I)]


def test_a_match_is_never_taken_inside_the_previous_one():
    prefiltered = Prefiltered(re.compile("(?:abab|bab)", re.I), ["abab", "bab"])
    assert prefiltered.sub("X", "ababab") == re.sub("(?:abab|bab)", "X", "ababab") == "Xab"
