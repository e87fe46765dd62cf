from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.alternation import (
    Prefiltered,
    Screened,
    Steps,
    literal_opening,
    prefix_tree,
    required_literals,
    top_level,
)
from optimizer.cache import aliases, words

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


# -- screened steps ---------------------------------------------------------------------------
_TABLES = [*aliases._ALIASES, *aliases._CONTRACTION_RES, (aliases._ABLE_RE, " whether ")]
# Pieces of every table's own literals (whole, cut, in other cases) and what surrounds them.
_LITERAL_PIECES = sorted(
    {
        piece
        for pattern, _ in _TABLES
        for literal in required_literals(pattern) or ()
        for piece in (literal, literal.upper(), literal.title(), literal[:-1], literal[1:])
        if piece
    }
)
_SCREENS = [
    (p.pattern if isinstance(p, Prefiltered) else p, required_literals(p))
    for p, _ in _TABLES
    if required_literals(p) is not None
]
_SCREEN_TEXT = st.lists(
    st.sampled_from([*_LITERAL_PIECES, " ", "-", "/", "'", ".", ",", "10", "2,5", "\u212a", "\u017f", "\u20ac", "$"]),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_SCREEN_TEXT)
def test_a_screened_out_pattern_has_no_match_in_the_text(text):
    for pattern, needles in _SCREENS:
        if text.isascii() and not any(n in text.lower() for n in needles):
            assert pattern.search(text) is None, (pattern.pattern, text)


@settings(max_examples=300, deadline=None)
@given(_SCREEN_TEXT)
def test_steps_give_what_the_substitutions_give_one_after_another(text):
    expected = text
    for pattern, replace in aliases._ALIASES:
        expected = pattern.sub(replace, expected)
    assert words._ALIAS_STEPS.apply(text) == expected
    assert words._ABLE_STEP.subn(" whether ", text) == aliases._ABLE_RE.subn(" whether ", text)


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\bper\s+cent\b", {"cent"}),  # the longer of two literal runs
        (r"\b(?:euros?|dollars?)\b", {"euro", "dollar"}),  # one of a branch's
        (r"(?<=\d),(?=\d)", {","}),  # lookarounds add nothing and split nothing
        (r"(?:ab)+c", {"ab"}),
        (r"colou?r", {"colo"}),
        (r"(?<![\w])\u20ac", {"\u20ac"}),  # no case: only itself matches it
    ],
)
def test_required_literals(pattern, needles):
    assert required_literals(re.compile(pattern, re.I)) == needles


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"(?:ab)*c?", r"a|\d", "\u212a", "\u017f", r"[a-z]{3}"],  # K and long s fold to ASCII letters
)
def test_no_literals_no_screen(pattern):
    assert required_literals(re.compile(pattern, re.I)) is None


def test_a_text_that_is_not_ascii_is_never_screened():
    kelvin = re.compile("k", re.I)  # matches the Kelvin sign, which lower() leaves as it is
    assert Screened(kelvin).subn("x", "\u212a") == ("x", 1)
    assert Steps([(kelvin, "x")]).apply("\u212a") == "x"
