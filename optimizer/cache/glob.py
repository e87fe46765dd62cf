"""Glob patterns over cache keys, the same on both stores.

Patterns use ``*`` (any run of characters) and ``?`` (one character) only; every other
character, ``[`` and ``]`` included, is literal. Redis gets them escaped for SCAN MATCH; the
disk store narrows by an index range on the literal prefix and checks the rest here.

>>> bool(glob_regex("formulation:*").match("formulation:gpt-4o:t1:ab"))
True
>>> key_range("optimizer:v1:entry:*")[0]
'optimizer:v1:entry:'
"""

from __future__ import annotations

import re

_REDIS_SPECIALS = re.compile(r"([\[\]\\])")
_TOP = chr(0x10FFFF)  # sorts after every other character (UTF-8, SQLite's BINARY collation)


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A compiled regex that matches exactly the keys the glob matches."""
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern) + r"\Z", re.DOTALL
    )


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
