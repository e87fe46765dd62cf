"""The fidelity guard: what no lossy level may change or drop.

Numbers (with decimals, %, currency and units), negations ("not", "no", "without",
"-free"...) and ingredient names (INCI and common names) are found once, masked while
the rewriting rules run (so no rule can touch them), and counted again afterwards: a
sentence whose protected terms do not come back identical keeps its original text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .vocabulary import INGREDIENTS

_UNITS = (
    r"%|‰|mg/kg|mg/ml|mg/mL|mg|µg|mcg|kg|g|ml|mL|L|l|µm|nm|mm|cm|m|°C|°F|ppm|ppb|IU|Da|kDa|"
    r"cP|mPa·s|mPa\.s|hours?|hrs?|h|minutes?|mins?|seconds?|s|days?|weeks?|months?|years?|"
    r"units?|pcs|x|USD|EUR|GBP|JPY|INR|CNY|usd|eur"
)
_CURRENCY = r"[$€£¥₹]"
# A number with what makes it mean something: sign, currency, decimals, a range, a unit.
_QUALIFIER = (
    r"(?:up to|at least|at most|more than|less than|fewer than|no more than|over|under|"
    r"below|above|about|approximately|approx\.|around|nearly|almost|only|exactly|"
    r"between|from|[<>≤≥~])"
)
NUMBER = re.compile(
    rf"(?:\b{_QUALIFIER}\s?)?(?:(?:pH|SPF|PA)\s?)?(?:{_CURRENCY}\s?)?[-+]?\d+(?:[.,]\d+)*"
    rf"(?:\s?(?:[-–]|to|and)\s?(?:{_CURRENCY}\s?)?\d+(?:[.,]\d+)*)?"
    rf"(?:\s?(?:{_UNITS})(?![A-Za-z]))?(?:\s?{_CURRENCY})?"
)
NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|neither|without|cannot|can't|don't|doesn't|didn't|isn't|"
    r"aren't|wasn't|weren't|won't|wouldn't|shouldn't|mustn't|hasn't|haven't|avoid|avoids|"
    r"exclude|excludes|free of)\b|\b[\w-]+-free\b",
    re.IGNORECASE,
)
# Ingredient names are looked up word by word (a set of up-to-5-word phrases) instead
# of one regex of 170 alternatives, which re would try at every character.
_INGREDIENT_WORD = re.compile(r"[A-Za-z][\w/'-]*")
_INGREDIENT_MAX_WORDS = max(len(i.split()) for i in INGREDIENTS)
# INCI names not in our list still look alike: capitalised words ending in a class noun.
_INCI_SHAPE = re.compile(
    r"\b(?:[A-Z][a-z]+[ -]){1,3}(?:Acid|Extract|Oil|Butter|Glycol|Alcohol|Gum|Ester|Glyceride|"
    r"Triglyceride|Sulfate|Chloride|Oxide|Peptide|Ferment|Filtrate|Juice|Water|Wax)\b"
)

PROTECTED_PATTERNS = (("number", NUMBER), ("negation", NEGATION), ("ingredient", _INCI_SHAPE))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


def _ingredient_spans(text: str) -> list[Span]:
    words = list(_INGREDIENT_WORD.finditer(text))
    spans = []
    i = 0
    while i < len(words):
        for n in range(min(_INGREDIENT_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            phrase = " ".join(text[start:end].lower().split())
            if phrase in INGREDIENTS:
                spans.append(Span(start, end, "ingredient", text[start:end]))
                i += n - 1
                break
        i += 1
    return spans


@lru_cache(maxsize=4096)
def protected_spans(text: str) -> tuple[Span, ...]:
    """Non-overlapping protected spans, earliest and longest first (cached: sentences
    are looked at several times — boilerplate, duplicates, the guard)."""
    found: list[Span] = _ingredient_spans(text)
    for kind, pattern in PROTECTED_PATTERNS:
        for m in pattern.finditer(text):
            if m.group().strip():
                found.append(Span(m.start(), m.end(), kind, m.group()))
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[Span] = []
    for span in found:
        if merged and span.start < merged[-1].end:
            continue
        merged.append(span)
    return tuple(merged)


@lru_cache(maxsize=4096)
def _terms(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((s.kind, " ".join(s.text.lower().split())) for s in protected_spans(text))


def protected_terms(text: str) -> Counter[tuple[str, str]]:
    """The multiset of (kind, normalised text) a compressed text must still contain."""
    return Counter(_terms(text))


# Private-use characters never occur in analyst text, so a masked term is opaque to
# every word-level rule.
MASK_OPEN, MASK_CLOSE = "\ue000", "\ue001"
_MASKED = re.compile(MASK_OPEN + r"(\d+)" + MASK_CLOSE)


def mask(text: str) -> tuple[str, list[str]]:
    parts, kept, pos = [], [], 0
    for span in protected_spans(text):
        parts.append(text[pos : span.start])
        parts.append(f"{MASK_OPEN}{len(kept)}{MASK_CLOSE}")
        kept.append(span.text)
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts), kept


def unmask(text: str, kept: list[str]) -> str:
    return _MASKED.sub(lambda m: kept[int(m.group(1))], text)


def clear_caches() -> None:
    """Forget cached spans (benchmarks time cold text, not cache hits)."""
    protected_spans.cache_clear()
    _terms.cache_clear()
