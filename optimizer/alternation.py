"""Fast regex alternations over long word lists, for the compression rules and the cache guard.

Python's regex engine tries every alternative of ``a|b|c...`` at every position of the
text; with hundreds of phrases that is most of a pass's time. Two remedies, both keeping
the meaning of the plain alternation:

* :func:`prefix_tree` writes literal options as a prefix tree ("in order to|in order for"
  becomes "in order (?:to|for)"), so the engine tries a handful of letters at a position;
* :class:`Prefiltered` runs a big pattern of regex spellings only at the positions where
  one of its spellings' literal openings occurs (found with a prefix tree).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_META = frozenset("[](){}?*+.|^$\\")


def _fold(char: str) -> str:
    """The tree's key for a letter: its case fold when that is one letter ("ſ" and "S" are
    "s", as ``re.IGNORECASE`` reads them), else the letter itself ("İ" folds to two)."""
    folded = char.casefold()
    return folded if len(folded) == 1 else char


def prefix_tree(options: Iterable[str]) -> str:
    """A regex alternation of the literal ``options`` for ``re.IGNORECASE``, written as a
    prefix tree: at one position the longer option is tried first, as in a longest-first
    alternation. Letters that fold alike share a branch (a class of the letters written).
    Raises ValueError when ``options`` is empty.

    >>> print(prefix_tree(["to", "top", "tops", "for"]))
    (?:for|to(?:p(?:s)?)?)
    """
    tree: dict = {}  # fold -> [letters as written, subtree]; "" marks an option's end
    for option in options:
        node = tree
        for char in option:
            entry = node.setdefault(_fold(char), [set(), {}])
            entry[0].add(char)
            node = entry[1]
        node[""] = None
    if not tree:
        raise ValueError("no options")

    def letter(chars: set[str]) -> str:
        if len(chars) == 1:
            return re.escape(next(iter(chars)))
        return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

    def render(node: dict) -> str:
        branches = [
            letter(chars) + render(child) for key, (chars, child) in sorted((k, v) for k, v in node.items() if k)
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(tree)


def top_level(spellings: str) -> list[str]:
    """The alternatives of a regex outside any group.

    >>> top_level("a|b(?:c|d)|e")
    ['a', 'b(?:c|d)', 'e']
    """
    parts, depth, start, escaped = [], 0, 0, False
    for i, char in enumerate(spellings):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1000  # a class: nothing inside it splits
        elif char == "]" and depth >= 1000:
            depth -= 1000
        elif char == "(" and depth < 1000:
            depth += 1
        elif char == ")" and depth < 1000:
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(spellings[start:i])
            start = i + 1
    parts.append(spellings[start:])
    return parts


def literal_opening(spelling: str) -> str:
    """The letters every match of the regex ``spelling`` starts with, as written ('' when unknown).

    >>> literal_opening("randomi[sz]ed trials?"), literal_opening("rcts?"), literal_opening(r"R\\$")
    ('randomi', 'rct', 'R$')
    """
    out, i = [], 0
    while i < len(spelling):
        char = spelling[i]
        if char == "\\" and i + 1 < len(spelling) and not spelling[i + 1].isalnum():
            char, width = spelling[i + 1], 2
        elif char in _META:
            break
        else:
            width = 1
        if spelling[i + width : i + width + 1] in ("?", "*", "{"):
            break  # optional: not every match has it
        out.append(char)
        i += width
    return "".join(out)


class Prefiltered:
    """A compiled ``before(?:spellings)after`` pattern that is tried only where one of its
    spellings' literal openings occurs: ``sub`` gives what ``pattern.sub`` gives.

    :param pattern: the full pattern (compiled with ``re.IGNORECASE``).
    :param spellings: its alternatives (regex spellings), each starting with at least two
        literal characters; raises ValueError otherwise (it could not be filtered).
    :param before: the lookbehind the pattern starts with ('' for none).
    """

    def __init__(self, pattern: re.Pattern[str], spellings: Iterable[str], *, before: str = "") -> None:
        openings = {literal_opening(s) for s in spellings}
        if not openings or min(map(len, openings)) < 2:
            raise ValueError("every spelling needs a literal opening of two characters or more")
        self.pattern = pattern
        self.candidates = re.compile(f"{before}(?=(?:{prefix_tree(openings)}))", re.IGNORECASE)

    def sub(self, replace: Callable[[re.Match[str]], str] | str, text: str) -> str:
        """``self.pattern.sub(replace, text)``, faster."""
        pieces, last = [], 0
        for candidate in self.candidates.finditer(text):
            start = candidate.start()
            if start < last:
                continue
            m = self.pattern.match(text, start)
            if m is None:
                continue
            pieces.append(text[last:start])
            pieces.append(replace(m) if callable(replace) else m.expand(replace))
            last = m.end()
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)
