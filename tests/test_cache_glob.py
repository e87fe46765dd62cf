"""Glob patterns over cache keys (optimizer/cache/glob.py): exact, and never slow.

A glob is typed by anyone who lists or invalidates keys (an analyst's "Pattern" box, ``GET
cache/keys?pattern=``); the matcher must agree with the glob's meaning and must not take
exponential time (a regex built from it did, on ``*?*?*?...e``).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.cache.glob import glob_matcher, key_range, literal_prefix, redis_pattern


def _reference(pattern: str, key: str) -> bool:
    """The glob's meaning, as a regex (fine on the short texts generated here)."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, key, re.DOTALL) is not None


_ALPHABET = st.sampled_from("ab:*?[]")


# 200 examples (was 400): test_wildcards_and_literals and the backtracking patterns below
# check the same meaning on fixed cases.
@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=8), st.text(st.sampled_from("ab:?*[]"), max_size=10))
def test_the_matcher_means_what_the_glob_means(pattern, key):
    assert glob_matcher(pattern).match(key) is _reference(pattern, key)


def test_wildcards_and_literals():
    m = glob_matcher("optimizer:v1:entry:formulation:*")
    assert m.match("optimizer:v1:entry:formulation:gpt-4o:t1:ab") and not m.match("optimizer:v1:entry:costing:x")
    assert glob_matcher("a?c").match("abc") and not glob_matcher("a?c").match("abbc")
    assert glob_matcher("[x]*").match("[x]yz") and not glob_matcher("[x]*").match("xyz")  # brackets are literal
    assert glob_matcher("*").match("") and glob_matcher("**a**").match("a")


def test_patterns_made_to_backtrack_are_answered_right():
    # A regex built from these never finished; here they answer (the liveness check with a
    # deadline is tests/test_cache_patterns_trust.py, in a process of its own).
    key = "optimizer:v1:entry:formulation:gpt-4o:t3:" + "ab" * 40
    for pattern in ("*" + "?*" * 14 + "e", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*z", "?*" * 30 + "zz"):
        assert glob_matcher(pattern).match(key) is False
    assert glob_matcher("*" + "?*" * 14 + "b").match(key)


def test_ranges_and_redis_patterns():
    assert literal_prefix("optimizer:v1:entry:*:t?") == "optimizer:v1:entry:"
    low, high = key_range("optimizer:v1:entry:*")
    assert low == "optimizer:v1:entry:" and low < "optimizer:v1:entry:zzz" < high
    assert key_range("*x") == ("", "")
    assert redis_pattern("a[b]*\\") == "a\\[b\\]*\\\\"
