"""Review of fdeb9ea: ``alternation.required_literals``, ``Steps`` and ``Screened``, and their
use in ``cache/words._prepare``, checked against the plain substitutions they replace.

The plain loop (``for p, r in steps: text = p.sub(r, text)``, ``pattern.subn``) is the
oracle throughout.
"""

from __future__ import annotations

import itertools
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from optimizer.alternation import Prefiltered, Screened, Steps, required_literals
from optimizer.cache import aliases, words


def _outcome(call):
    """What ``call()`` gives: ("value", result) or ("raises", the exception's type)."""
    try:
        return ("value", call())
    except Exception as exc:  # the type is what is compared
        return ("raises", type(exc))


def _plain(steps, text):
    for pattern, replace in steps:
        text = pattern.sub(replace, text)
    return text


# -- defects ---------------------------------------------------------------------------------
@pytest.mark.parametrize("replace", [r"\2", r"\g<name>", r"\q", None])
def test_a_broken_replacement_raises_on_every_text_as_the_plain_substitution_does(replace):
    pattern = re.compile(r"\b(cant)\b", re.I)
    text = "I will"  # ASCII, no "cant": screened out
    assert _outcome(lambda: Steps([(pattern, replace)]).apply(text)) == _outcome(
        lambda: _plain([(pattern, replace)], text)
    )
    assert _outcome(lambda: Screened(pattern).subn(replace, text)) == _outcome(lambda: pattern.subn(replace, text))


# -- required_literals: every match holds one (random patterns, every short text) -------------
_ATOMS = st.sampled_from(
    [
        *["a", "b", "A", r"\x41", "[a]", "[ab]", ".", r"\s", " ", r"\b", r"\B", "^", "$", r"\A", r"\Z"],
        *["(?=a)", "(?!a)", "(?<=a)", "(?<!ab)", r"\1", "(?P=g)"],
    ]
)
_QUANTIFIERS = ["?", "*", "+", "{0}", "{1}", "{2}", "{0,2}", "{1,2}", "??", "*?", "+?", "?+", "*+", "++"]


def _compound(inner):
    return st.one_of(
        st.lists(inner, min_size=1, max_size=3).map("".join),
        st.lists(inner | st.just(""), min_size=1, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
        inner.map(lambda x: f"({x})"),
        st.tuples(inner, st.sampled_from(_QUANTIFIERS)).map(lambda t: "(?:" + t[0] + ")" + t[1]),
        st.tuples(inner, st.sampled_from(_QUANTIFIERS)).map("".join),
        inner.map(lambda x: f"(?>{x})"),
        st.tuples(st.sampled_from(["i", "-i"]), inner).map(lambda t: f"(?{t[0]}:{t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"(?(1){t[0]}|{t[1]})"),
    )


_REGEX = st.recursive(_ATOMS, _compound, max_leaves=8)
_SHORT_TEXTS = ["".join(p) for n in range(5) for p in itertools.product("abA ", repeat=n)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(_REGEX, st.sampled_from([0, re.I, re.I | re.X]))
def test_every_match_of_a_random_pattern_holds_one_required_literal(body, flags):
    try:
        pattern = re.compile("(a)?(?P<g>b)?" + body, flags)
    except re.error:
        assume(False)
    needles = required_literals(pattern)
    assume(needles is not None)
    for text in _SHORT_TEXTS:
        try:
            matches = [m.group() for m in pattern.finditer(text)]
        except SystemError:  # CPython's own bug with some atomic groups; not this code's
            continue
        for match in matches:
            assert any(n in match.lower() for n in needles), (pattern.pattern, flags, needles, text, match)


@pytest.mark.parametrize(
    ("pattern", "flags", "needles"),
    [
        (r"x(?:ab|ac)y", 0, {"xa"}),  # a branch's shared opening joins the run before it
        (r"a(?:b|)c", 0, {"a"}),  # an empty alternative: the branch requires nothing
        (r"a{0}bc", 0, {"bc"}),
        (r"(?:ab)*cd", re.I, {"cd"}),
        (r"(a)?(?(1)bc|bd)", 0, None),  # a conditional group is read as nothing
        (r"(?<=ab)c", 0, {"c"}),  # a lookbehind's letters are not in the match
        (r"\x41b c", re.I | re.X, {"abc"}),
        (r"[K]elvin", re.I, {"kelvin"}),  # a one-letter class is a literal
        # A run holding a cased letter that is not ASCII is no screen (conservative: the
        # ASCII rest of the run is not offered either).
        ("\u212aelvin", re.I, None),  # the Kelvin sign matches "k"
        ("stra\u00dfe", re.I, None),  # "ß" upper-cases to two letters
        ("\ufb01le", re.I, None),  # the "fi" ligature
        ("\u03c3\u03bf\u03c6\u03bf\u03c2", re.I, None),  # Greek sigma forms: all cased
        ("\u0131\u0130", re.I, None),  # dotless i, dotted I
    ],
)
def test_required_literals_of_hard_forms(pattern, flags, needles):
    assert required_literals(re.compile(pattern, flags)) == (frozenset(needles) if needles is not None else None)


_TABLES = [*aliases._ALIASES, *aliases._CONTRACTION_RES, (aliases._ABLE_RE, " whether ")]
_SCREENED = [
    (p.pattern if isinstance(p, Prefiltered) else p, required_literals(p))
    for p, _ in _TABLES
    if required_literals(p) is not None
]
_ASCII_SCREENED = [(p, n) for p, n in _SCREENED if all(s.isascii() for s in n)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_match_of_a_guard_pattern_holds_one_of_its_literals(data):
    pattern, needles = data.draw(st.sampled_from(_ASCII_SCREENED))
    text = data.draw(st.from_regex(pattern, alphabet=st.characters(max_codepoint=127)))
    for m in pattern.finditer(text):
        assert any(n in m.group().lower() for n in needles), (pattern.pattern, needles, text, m.group())


# -- Steps against the plain loop --------------------------------------------------------------
def test_steps_follow_a_text_out_of_ascii_and_back():
    steps = [
        (re.compile("x"), "\u00e9"),  # ASCII -> not ASCII
        (re.compile("\u00e9"), "k"),  # and back
        (re.compile("K", re.I), "kelvin"),
        (re.compile(r"\bkelvin\b"), "done"),
    ]
    for text in ["x", "ax b", "\u212a", "no match", "X x"]:
        assert Steps(steps).apply(text) == _plain(steps, text), text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["cant", "CANT", "can", "t", " ", "\u212a", "won't", "'", "x"]), max_size=8))
def test_a_replacement_with_side_effects_is_called_as_often_as_in_the_plain_loop(pieces):
    text = "".join(pieces)
    calls: list[tuple[str, str]] = []

    def steps():
        def record(tag):
            return lambda m: calls.append((tag, m.group())) or m.group().upper()

        return [
            (re.compile(r"\bcant\b", re.I), record("cant")),
            (re.compile(r"\bk", re.I), record("k")),
            (re.compile(r"n't\b", re.I), record("nt")),
        ]

    plain = _plain(steps(), text)
    plain_calls, calls[:] = list(calls), []
    assert Steps(steps()).apply(text) == plain
    assert calls == plain_calls


# -- words._prepare against the plain loop ------------------------------------------------------
class _PlainSteps:
    def __init__(self, steps):
        self.steps = steps

    def apply(self, text):
        return _plain(self.steps, text)


_PIECES = sorted(
    {
        piece
        for _, needles in _SCREENED
        for literal in needles
        for piece in (literal, literal.upper(), literal.title(), literal[:-1], literal[1:])
        if piece
    }
    | {"could you", "can you", "please give me", "w/o", "W/O", "N.Z.", "U.S.", "2,5", "10", "1,2,3", "5-10"}
    | {"\u212a", "\u017f", "\u0131", "\u0130", "\u00df", "\ufb01", "\u03c2", "\u03a3", "\u00e9", "\u2019", "\u20ac"}
)
_PREPARE_TEXT = st.lists(
    st.sampled_from(_PIECES) | st.sampled_from([" ", " ", "-", "/", "'", ".", ",", "+", "(", ")"]), max_size=14
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_PREPARE_TEXT)
def test_prepare_gives_what_the_plain_loops_give(text):
    screened = words._prepare(text)
    with (
        mock.patch.object(words, "_CONTRACTION_STEPS", _PlainSteps(aliases._CONTRACTION_RES)),
        mock.patch.object(words, "_ALIAS_STEPS", _PlainSteps(aliases._ALIASES)),
        mock.patch.object(words, "_ABLE_STEP", aliases._ABLE_RE),
    ):
        plain = words._prepare(text)
    assert screened == plain, text
