"""The rule levels for prose: light, medium, aggressive.

Each sentence is rewritten with its keep-regions masked (see ``guard``: numbers with
their prepositions and units, negation clauses, ingredient and proper names), then
checked: if its numbers, negations, ingredient names, names or question words did not
come back identical, the sentence keeps its original text ("skipped edit"). Questions
are never edited; table rows (columns aligned with spaces, or ``|`` cells) keep their
layout. Whole sentences are only dropped (boilerplate, duplicates) when that loses no
protected term. No rule changes the case of a word the text wrote (pH stays pH).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..tokens import get_encoding
from .guard import fidelity_terms, is_question, keep_regions, mask, protected_terms, unmask
from .vocabulary import (
    ABBREVIATIONS,
    ARTICLES,
    BOILERPLATE,
    CLAUSES,
    FILLERS,
    FUNCTION_WORDS,
    REDUNDANT_PHRASES,
)

LOSSY_LEVELS = ("light", "medium", "aggressive")

_LINE_PREFIX = re.compile(r"^(\s*(?:[-*•](?=\s)|\d{1,3}[.)](?=\s)|[a-z][.)](?=\s)|#{1,6}(?=\s))?\s*)")
# A sentence ends at . ! ? followed by space and a capital, digit, quote or bracket --
# but not after a title or a short abbreviation ("Mrs. Thompson", "e.g. Glycerin").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9*])")
_NO_BREAK_AFTER = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|vs|approx|incl|Fig|Ref|Co)|\be\.g|\bi\.e)\.$")


class _SentenceSplitter:
    """``split(text)``: the sentences of one line (a class so the module keeps one name for it)."""

    @staticmethod
    def split(text: str) -> list[str]:
        parts, start = [], 0
        for m in _SENTENCE_BREAK.finditer(text):
            if _NO_BREAK_AFTER.search(text, max(0, m.start() - 8), m.start()):
                continue
            parts.append(text[start : m.start()])
            start = m.end()
        parts.append(text[start:])
        return parts


_SENTENCE_END = _SentenceSplitter()
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_WORD = re.compile(r"[a-z0-9\ue000-\ue001]+")
_BOILERPLATE = [re.compile(p, re.IGNORECASE) for p in BOILERPLATE]
# A row of a table written in text: | cells, or cells aligned with tabs or runs of spaces
# (not the two spaces some people type after a full stop).
_TABLE_ROW = re.compile(r"\||[^\s.!?:;] {2,}\S|\S\t+\S")
_NEAR_DUPLICATE = 0.8
_STOP = frozenset(w.lower() for w in (*FUNCTION_WORDS, *ARTICLES, *FILLERS))


def _words(options) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))
    # Lower case, or capitalised where a sentence starts: "The" may go, "The Body Shop" may not
    # (names are masked too; this keeps acronyms and mixed case out of every rule).
    # Not inside "a.u." or "p.a." (abbreviations with stops), not a label like "A:".
    # Not a piece of "you'll" or "don't" either.
    return re.compile(rf"(?<![\w'’-])(?<![\w\ue000-\ue001]\.)(?:{alternatives})(?![\w'’-]|\.\w|:)", re.IGNORECASE)


_FILLER_RE = _words(FILLERS)
_PHRASE_RE = _words(REDUNDANT_PHRASES)
_CLAUSE_RE = _words(CLAUSES)
_ARTICLE_RE = _words(ARTICLES)
_FUNCTION_WORD_RE = _words(FUNCTION_WORDS)


@lru_cache(maxsize=8)
def _abbreviations_for(encoding_name: str) -> tuple[dict[str, str], re.Pattern[str] | None, list[re.Pattern[str]]]:
    """Only the abbreviations that cost fewer tokens for this tokenizer, and for acronyms the
    pattern of their definition ("cost of goods sold (COGS)"), which the acronym replaces."""
    encoding = get_encoding(encoding_name)

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    kept = {long.lower(): short for long, short in ABBREVIATIONS.items() if count(" " + short) < count(" " + long)}
    definitions = [
        re.compile(rf"(?<![\w-]){re.escape(long)}\s*\(\s*({re.escape(short)})\s*\)", re.IGNORECASE)
        for long, short in ABBREVIATIONS.items()
        if short.isupper() and len(short) > 1
    ]
    return kept, (_words(kept) if kept else None), definitions


@dataclass(frozen=True)
class ProseResult:
    """A compressed text, the techniques used, and what was dropped or refused."""

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
    sentence = re.sub(r"\(\s*\)", "", sentence)
    return re.sub(r"^[,;:]\s*", "", sentence).strip()


class _Rewriter:
    def __init__(self, level: str, encoding_name: str) -> None:
        self.level = level
        self.rank = LOSSY_LEVELS.index(level)
        self.abbreviations, self.abbreviation_re, self.definitions = _abbreviations_for(encoding_name)
        self.used: set[str] = {"whitespace"}
        self.skipped = 0

    def _sub(self, pattern: re.Pattern[str], text: str, technique: str, replace: Callable[[str], str]) -> str:
        def swap(m: re.Match[str]) -> str:
            word = m.group()
            if word[1:] != word[1:].lower():
                return word  # "THE", "The Ordinary": names and shouting stay as written
            self.used.add(technique)
            return _match_case(word, replace(word.lower()))

        return pattern.sub(swap, text)

    def _could_change(self, sentence: str) -> bool:
        """Whether any rule of this level matches at all (a cheap test before masking)."""
        patterns = [_FILLER_RE]
        if self.rank >= 1:
            patterns += [_PHRASE_RE, _CLAUSE_RE, _ARTICLE_RE, _EMPHASIS]
            if self.abbreviation_re is not None:
                patterns.append(self.abbreviation_re)
        if self.rank >= 2:
            patterns.append(_FUNCTION_WORD_RE)
        return any(p.search(sentence) for p in patterns) or (
            self.rank >= 1 and "(" in sentence and any(d.search(sentence) for d in self.definitions)
        )

    def sentence(self, original: str) -> str:
        if is_question(original) or not self._could_change(original):
            return original  # questions are instructions: never edited
        text = original
        if self.rank >= 1:
            for definition in self.definitions:
                text = definition.sub(r"\1", text)  # "cost of goods sold (COGS)" -> "COGS"
        masked, kept = mask(text, keep_regions(text, _STOP))
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
        if not rewritten or fidelity_terms(rewritten) != fidelity_terms(original):
            self.skipped += 1  # the guard refused this sentence's edits
            return original
        return rewritten


_PREAMBLE = re.compile(r"^(?:here (?:is|are)|below (?:is|are)|the following)\b.*:$", re.IGNORECASE)


def _is_preamble(sentence: str, rest: Counter) -> bool:
    """A "Here is ...:" line that restates the request; dropped only when every term it
    protects is said elsewhere in the text too."""
    if not _PREAMBLE.match(sentence):
        return False
    terms = fidelity_terms(sentence)
    return all(rest[t] >= n for t, n in terms.items())


def _is_boilerplate(sentence: str) -> bool:
    return any(p.search(sentence) for p in _BOILERPLATE) and not fidelity_terms(sentence)


def _is_table_row(line: str) -> bool:
    return _TABLE_ROW.search(line.strip()) is not None


def compress_prose(text: str, level: str, encoding_name: str) -> ProseResult:
    """Compress prose at ``level`` ("light", "medium" or "aggressive").

    Abbreviations are chosen for ``encoding_name`` (only where they cost fewer tokens).
    Raises ValueError for another level.

    >>> compress_prose("It is really important to note that the pH is 5.5.", "medium", "o200k_base").text
    'pH is 5.5.'
    """
    if level not in LOSSY_LEVELS:
        raise ValueError(f"unknown prose level '{level}'; choose one of {', '.join(LOSSY_LEVELS)}")
    rewriter = _Rewriter(level, encoding_name)
    aggressive = level == "aggressive"
    seen: dict[tuple, list[set[str]]] = {}  # protected terms -> word sets of sentences with them
    dropped = 0
    out_lines: list[str] = []
    text = _BLANK_LINES.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    all_terms = fidelity_terms(text) if aggressive else Counter()
    for line in text.split("\n"):
        line = line.rstrip()
        if _is_table_row(line):
            out_lines.append(line)  # aligned columns: the layout is the meaning
            continue
        line = _SPACES.sub(" ", line)
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
            if (
                aggressive
                and _PREAMBLE.match(sentence)
                and _is_preamble(sentence, all_terms - fidelity_terms(sentence))
            ):
                rewriter.used.add("boilerplate")
                dropped += 1
                continue
            if aggressive:
                words = set(_WORD.findall(sentence.lower()))
                same_terms = seen.setdefault(tuple(sorted(fidelity_terms(sentence).items())), [])
                # A sentence whose words an earlier one mostly contains, with the very
                # same protected terms, says nothing new.
                if words and any(len(words & w) / len(words) >= _NEAR_DUPLICATE for w in same_terms):
                    rewriter.used.add("sentence-dedup")
                    dropped += 1
                    continue
                same_terms.append(words)
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


__all__ = ["LOSSY_LEVELS", "ProseResult", "compress_prose", "protected_terms"]
