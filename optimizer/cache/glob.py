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

import fnmatch
import re

_REDIS_SPECIALS = re.compile(r"([\[\]\\])")
_TOP = chr(0x10FFFF)  # sorts after every other character (UTF-8, SQLite's BINARY collation)


class GlobMatcher:
    """Matches keys against one glob without catastrophic backtracking: a glob typed by
    anyone (an analyst's "Pattern" box, ``GET cache/keys?pattern=``) cannot hold the
    process. (A plain ``.*`` regex built from it backtracked exponentially on
    ``*?*?*?...e``, holding the GIL, so one request froze every other.) The regex is the
    standard library's ``fnmatch.translate``, whose atomic groups take each run between two
    stars at its first place (exact for ``*`` and ``?``, which match fixed-length runs), with
    ``[`` made literal.

    >>> GlobMatcher("formulation:*:t?:*").match("formulation:gpt-4o:t1:ab")
    True
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._regex = re.compile(fnmatch.translate(pattern.replace("[", "[[]")))

    def match(self, key: str) -> bool:
        """Whether ``key`` matches the whole glob."""
        return self._regex.match(key) is not None


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
