"""The lossy levels for prose: light, medium, aggressive.

Each sentence is rewritten with its protected terms masked (see ``guard``), then
checked: if its numbers, negations or ingredient names did not come back identical,
the sentence keeps its original text ("skipped edit"). Whole sentences are only dropped
(boilerplate, duplicates) when that loses no protected term.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..tokens import get_encoding
from .guard import mask, protected_terms, unmask
from .vocabulary import ABBREVIATIONS, ARTICLES, BOILERPLATE, CLAUSES, FILLERS, FUNCTION_WORDS, REDUNDANT_PHRASES

LOSSY_LEVELS = ("light", "medium", "aggressive")

_LINE_PREFIX = re.compile(r"^(\s*(?:[-*•](?=\s)|\d{1,3}[.)](?=\s)|#{1,6}(?=\s))?\s*)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9*])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_WORD = re.compile(r"[a-z0-9\ue000-\ue001]+")
_BOILERPLATE = [re.compile(p, re.IGNORECASE) for p in BOILERPLATE]
_NEAR_DUPLICATE = 0.8


def _words(options) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_FILLER_RE = _words(FILLERS)
_PHRASE_RE = _words(REDUNDANT_PHRASES)
_CLAUSE_RE = _words(CLAUSES)
_ARTICLE_RE = _words(ARTICLES)
_FUNCTION_WORD_RE = _words(FUNCTION_WORDS)


@lru_cache(maxsize=8)
def _abbreviations_for(encoding_name: str) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Only the abbreviations that cost fewer tokens for this tokenizer."""
    encoding = get_encoding(encoding_name)

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    kept = {long.lower(): short for long, short in ABBREVIATIONS.items() if count(" " + short) < count(" " + long)}
    return kept, (_words(kept) if kept else None)


@dataclass(frozen=True)
class ProseResult:
    text: str
    techniques: tuple[str, ...]
    dropped_sentences: int
    skipped_edits: int


def _match_case(original: str, replacement: str) -> str:
    if replacement and original[:1].isupper() and not replacement[:1].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _tidy(sentence: str) -> str:
    sentence = _SPACES.sub(" ", sentence).strip()
    sentence = re.sub(r"\s+([,.;:!?)])", r"\1", sentence)
    sentence = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", sentence)
    sentence = re.sub(r"^[,;:]\s*", "", sentence)
    if sentence[:1].islower():
        sentence = sentence[0].upper() + sentence[1:]
    return sentence


class _Rewriter:
    def __init__(self, level: str, encoding_name: str) -> None:
        self.level = level
        self.rank = LOSSY_LEVELS.index(level)
        self.abbreviations, self.abbreviation_re = _abbreviations_for(encoding_name)
        self.used: set[str] = {"whitespace"}
        self.skipped = 0

    def _sub(self, pattern: re.Pattern[str], text: str, technique: str, replace: Callable[[str], str]) -> str:
        def swap(m: re.Match[str]) -> str:
            self.used.add(technique)
            return _match_case(m.group(), replace(m.group().lower()))

        return pattern.sub(swap, text)

    def sentence(self, original: str) -> str:
        masked, kept = mask(original)
        text = masked
        if self.rank >= 1:
            text = self._sub(_PHRASE_RE, text, "redundant-phrases", REDUNDANT_PHRASES.__getitem__)
        text = self._sub(_FILLER_RE, text, "filler-words", lambda _: "")
        if self.rank >= 1 and self.abbreviation_re is not None:
            text = self._sub(self.abbreviation_re, text, "abbreviations", self.abbreviations.__getitem__)
        if self.rank >= 1:
            text = self._sub(_CLAUSE_RE, text, "clauses", CLAUSES.__getitem__)
            text = self._sub(_ARTICLE_RE, text, "articles", lambda _: "")
        if self.rank >= 2:
            text = self._sub(_FUNCTION_WORD_RE, text, "function-words", lambda _: "")
        if self.rank >= 1:
            before = text
            text = _EMPHASIS.sub(r"\2", text)
            if text != before:
                self.used.add("markdown")
        rewritten = _tidy(unmask(text, kept))
        if protected_terms(rewritten) != protected_terms(original) or not rewritten:
            self.skipped += 1  # the guard refused this sentence's edits
            return original
        return rewritten


_PREAMBLE = re.compile(r"^(?:here (?:is|are)|below (?:is|are)|the following)\b.*:$", re.IGNORECASE)


def _is_preamble(sentence: str, rest: Counter) -> bool:
    """A "Here is ...:" line that restates the request; dropped only when every term it
    protects is said elsewhere in the text too."""
    if not _PREAMBLE.match(sentence):
        return False
    terms = protected_terms(sentence)
    return all(rest[t] >= n for t, n in terms.items())


def _is_boilerplate(sentence: str) -> bool:
    return any(p.search(sentence) for p in _BOILERPLATE) and not protected_terms(sentence)


def compress_prose(text: str, level: str, encoding_name: str) -> ProseResult:
    """Compress prose at ``level``; abbreviations are chosen for ``encoding_name``."""
    if level not in LOSSY_LEVELS:
        raise ValueError(f"unknown prose level '{level}'; choose one of {', '.join(LOSSY_LEVELS)}")
    rewriter = _Rewriter(level, encoding_name)
    aggressive = level == "aggressive"
    seen: list[tuple[set[str], object]] = []
    dropped = 0
    out_lines: list[str] = []
    text = _BLANK_LINES.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).rstrip()
        prefix = _LINE_PREFIX.match(line).group(1)
        body = line[len(prefix) :]
        if not body:
            out_lines.append(line)
            continue
        kept_sentences = []
        for sentence in _SENTENCE_END.split(body):
            if level != "light" and _is_boilerplate(sentence):
                rewriter.used.add("boilerplate")
                dropped += 1
                continue
            if aggressive and _is_preamble(sentence, protected_terms(text) - protected_terms(sentence)):
                rewriter.used.add("boilerplate")
                dropped += 1
                continue
            if aggressive:
                words = set(_WORD.findall(sentence.lower()))
                terms = protected_terms(sentence)
                # A sentence whose words an earlier one mostly contains, with the very
                # same protected terms, says nothing new.
                if words and any(t == terms and len(words & w) / len(words) >= _NEAR_DUPLICATE for w, t in seen):
                    rewriter.used.add("sentence-dedup")
                    dropped += 1
                    continue
                seen.append((words, terms))
            kept_sentences.append(rewriter.sentence(sentence))
        if kept_sentences:
            out_lines.append(prefix + " ".join(kept_sentences))
    result = _BLANK_LINES.sub("\n\n", "\n".join(out_lines)).strip("\n")
    order = (
        "whitespace",
        "filler-words",
        "redundant-phrases",
        "abbreviations",
        "markdown",
        "clauses",
        "articles",
        "function-words",
        "boilerplate",
        "sentence-dedup",
    )
    techniques = tuple(t for t in order if t in rewriter.used)
    return ProseResult(result, techniques, dropped, rewriter.skipped)
