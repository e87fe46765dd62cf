"""Fast regex alternations over long word lists, for the compression rules and the cache guard.

Python's regex engine tries every alternative of ``a|b|c...`` at every position of the
text; with hundreds of phrases that is most of a pass's time. Two remedies, both keeping
the meaning of the plain alternation:

* :func:`prefix_tree` writes literal options as a prefix tree ("in order to|in order for"
  becomes "in order (?:to|for)"), so the engine tries a handful of letters at a position;
* :class:`Prefiltered` runs a big pattern of regex spellings only at the positions where
  one of its spellings' literal openings occurs (found with a prefix tree).

And for a chain of substitutions applied in turn (the cache guard's aliases), :class:`Steps`
skips a step whose pattern cannot match: every match holds one of a few literal strings
(:func:`required_literals`), and the text holds none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from re import _constants as _sre  # the parser's opcodes (stable since Python 3.11)
from re import _parser
from typing import Any

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


_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def required_literals(pattern: re.Pattern[str] | Prefiltered, *, most: int = 64) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` in an ASCII text contains,
    or None when there is no such list of at most ``most`` strings: an ASCII text whose lower
    case holds none of them has no match, whatever the pattern's case flags (a string's
    characters are ASCII or have no case: "€" may be one). Only for ASCII texts: under
    ``re.IGNORECASE`` "s" also matches "ſ", whose lower case holds no "s".

    >>> sorted(required_literals(re.compile(r"\\b(?:euros?|dollars?|pounds?)\\b", re.I)))
    ['dollar', 'euro', 'pound']
    >>> sorted(required_literals(re.compile(r"\\bper\\s+cent\\b")))
    ['cent']
    >>> required_literals(re.compile(r"(?<=\\d),(?=\\d)"))
    frozenset({','})
    """
    if isinstance(pattern, Prefiltered):
        pattern = pattern.pattern
    try:
        found = _literals(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):  # a form the parser reads otherwise: no screen
        return None
    if not found or len(found) > most or not all(s and all(map(_plain_case, s)) for s in found):
        return None
    return frozenset(s.lower() for s in found)


def _plain_case(char: str) -> bool:
    """Whether ``re.IGNORECASE`` matches ``char`` in an ASCII text only as its ASCII lower
    or upper case: an ASCII character, or one with no case at all ("€"; not "K", the Kelvin
    sign, which matches "k")."""
    return char.isascii() or char.lower() == char.upper() == char.casefold() == char


def _literals(items: Any) -> set[str] | None:
    """Strings one of which every match of the parsed ``items`` holds (a run of literal
    characters, or the union over a branch's alternatives), the longest such set found."""
    best: tuple[int, set[str]] | None = None
    run: list[str] = []

    def consider(found: set[str] | None) -> None:
        nonlocal best
        if not found:
            return
        score = min(map(len, found))  # a longer shortest string screens out more texts
        if best is None or score > best[0] or (score == best[0] and len(found) < len(best[1])):
            best = (score, found)

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # "\\b", lookarounds: the letters on each side are still adjacent
        if run:
            consider({"".join(run)})
            run = []
        if op is _sre.BRANCH:
            options = [_literals(branch) for branch in av[1]]
            consider(None if any(not o for o in options) else set().union(*options))  # type: ignore[arg-type]
        elif op is _sre.SUBPATTERN:
            consider(_literals(av[-1]))
        elif op is _sre.ATOMIC_GROUP:
            consider(_literals(av))
        elif op in _REPEATS and av[0] >= 1:
            consider(_literals(av[2]))
    if run:
        consider({"".join(run)})
    return best[1] if best else None


def _screen(needles: frozenset[str] | None) -> Callable[[str], bool] | None:
    """A test of a lower-case text: whether it holds one of ``needles`` (None: no test)."""
    if needles is None:
        return None
    if len(needles) == 1:
        (needle,) = needles
        return lambda lower: needle in lower
    return re.compile("|".join(map(re.escape, sorted(needles)))).search  # type: ignore[return-value]


def _check_template(pattern: re.Pattern[str], replace: Any) -> None:
    """Raise what ``pattern.sub(replace, ...)`` raises for a replacement ``re`` cannot use
    (``re`` reads a template before it searches: a bad one fails on every text)."""
    if not callable(replace):
        pattern.sub(replace, "")


class Screened:
    """One compiled pattern, tried only on a text that may hold a match (:func:`required_literals`).

    >>> Screened(re.compile(r"\\bcan you\\s+", re.I)).subn("", "Can you list them")
    ('list them', 1)
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.screen = _screen(required_literals(pattern))

    def subn(self, replace: Callable[[re.Match[str]], str] | str, text: str) -> tuple[str, int]:
        """``self.pattern.subn(replace, text)``, skipped where it cannot match (a broken
        replacement template raises on every text all the same, as ``re`` does)."""
        if self.screen is not None and text.isascii() and not self.screen(text.lower()):
            _check_template(self.pattern, replace)
            return text, 0
        return self.pattern.subn(replace, text)


class Steps:
    """Substitutions ``(pattern, replacement)`` applied in turn, as
    ``for p, r in steps: text = p.sub(r, text)`` applies them, skipping on an ASCII text
    each step none of whose :func:`required_literals` it holds.

    >>> Steps([(re.compile(r"\\bcant\\b", re.I), "can not")]).apply("I CANT")
    'I can not'
    """

    def __init__(self, steps: Iterable[tuple[Any, Any]]) -> None:
        """:raises re.error, TypeError: a replacement that ``re`` cannot use (checked here,
        since a skipped step never reaches ``re``)."""
        self.steps = tuple((pattern, replace, _screen(required_literals(pattern))) for pattern, replace in steps)
        for pattern, replace, _ in self.steps:
            _check_template(pattern.pattern if isinstance(pattern, Prefiltered) else pattern, replace)

    def apply(self, text: str) -> str:
        """The text after every step (raises what a step's replacement raises)."""
        lower = text.lower() if text.isascii() else None
        for pattern, replace, screen in self.steps:
            if lower is not None and screen is not None and not screen(lower):
                continue
            changed = pattern.sub(replace, text)
            if changed != text:
                text = changed
                lower = text.lower() if text.isascii() else None
        return text
