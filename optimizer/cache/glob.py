"""Glob patterns over cache keys, the same on both stores.

Patterns use ``*`` (any run of characters) and ``?`` (one character) only; every other
character, ``[`` and ``]`` included, is literal. Redis gets them escaped for SCAN MATCH; the
disk store narrows by an index range on the literal prefix and checks the rest here.

>>> glob_matcher("formulation:*").match("formulation:gpt-4o:t1:ab")
True
>>> key_range("optimizer:v1:entry:*")[0]
'optimizer:v1:entry:'
"""

from __future__ import annotations

import re

_REDIS_SPECIALS = re.compile(r"([\[\]\\])")
_TOP = chr(0x10FFFF)  # sorts after every other character (UTF-8, SQLite's BINARY collation)


class GlobMatcher:
    """Matches keys against one glob in time linear in the key for ``*``-only globs and at
    most (pattern x key) with ``?`` too, never exponential: a glob typed by anyone (an
    analyst's "Pattern" box, ``GET cache/keys?pattern=``) cannot hold the process. (A
    regex built from the glob backtracks exponentially on ``*?*?*?...e``, holding the
    GIL, so one request froze every other.)

    >>> GlobMatcher("formulation:*:t?:*").match("formulation:gpt-4o:t1:ab")
    True
    """

    def __init__(self, pattern: str) -> None:
        while "**" in pattern:
            pattern = pattern.replace("**", "*")  # the same glob, fewer stars
        self.pattern = pattern
        self._parts = pattern.split("*") if "?" not in pattern else None

    def match(self, key: str) -> bool:
        """Whether ``key`` matches the whole glob."""
        parts = self._parts
        if parts is None:
            return _match_with_marks(self.pattern, key)
        if len(parts) == 1:
            return key == parts[0]
        first, *middle, last = parts
        if len(key) < len(first) + len(last) or not key.startswith(first) or not key.endswith(last):
            return False
        at, end = len(first), len(key) - len(last)
        for part in middle:  # each literal run at its leftmost place: greedy is exact for "*"
            found = key.find(part, at, end)
            if found < 0:
                return False
            at = found + len(part)
        return True


def _match_with_marks(pattern: str, key: str) -> bool:
    """Glob match with ``*`` and ``?``: the classic two-pointer walk, going back only to the
    last ``*`` (at most len(pattern) x len(key) steps)."""
    p = t = 0
    star, mark = -1, 0
    while t < len(key):
        if p < len(pattern) and pattern[p] != "*" and (pattern[p] == "?" or pattern[p] == key[t]):
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star, mark = p, t
            p += 1
        elif star >= 0:
            p, mark = star + 1, mark + 1
            t = mark
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def glob_matcher(pattern: str) -> GlobMatcher:
    """A matcher whose ``match(key)`` says whether the glob matches the whole key (see
    :class:`GlobMatcher`)."""
    return GlobMatcher(pattern)


def literal_prefix(pattern: str) -> str:
    """The part of the glob before its first wildcard."""
    return pattern.split("*", 1)[0].split("?", 1)[0]


def key_range(pattern: str) -> tuple[str, str]:
    """(low, high) such that every matching key k has low <= k < high ("" when unbounded)."""
    prefix = literal_prefix(pattern)
    return (prefix, prefix + _TOP) if prefix else ("", "")


def redis_pattern(pattern: str) -> str:
    """The glob for Redis SCAN MATCH, with Redis's own specials made literal."""
    return _REDIS_SPECIALS.sub(r"\\\1", pattern)
