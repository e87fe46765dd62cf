"""The rule levels for prose: light, medium, aggressive.

* **light**: fillers ("really", "basically") and whitespace.
* **medium**: what a careful editor cuts from a chatty answer without changing a fact:
  pleasantries, signposts, openers, offers and repeated summaries (``editor``), hedges
  and redundant phrases, acronym definitions, articles, and markdown marks that carry no
  meaning for a model (emphasis, heading marks, table rules).
* **aggressive**: medium, then telegraphic style (``telegraph``): pronouns, copulas,
  auxiliaries, possessives and connectives go; list bullets go.

Each sentence is rewritten with its keep-regions masked (see ``guard``: numbers with
their prepositions and units, negation clauses, ingredient and proper names), then
checked: if its numbers, negations or ingredient names did not come back identical, or
a name or question word went missing, the sentence falls back to the level below, then
to its original text ("skipped edit"). Questions are never edited; table rows keep
their layout. Whole sentences are only dropped when that loses no protected term. No
rule changes the case of a word the text wrote (pH stays pH).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..alternation import prefix_tree
from ..tokens import get_encoding
from .editor import Action, Editor, Sentence, offer, strip_opener
from .guard import (
    Span,
    _normal,
    fidelity_terms,
    is_question,
    keep_regions,
    mask,
    protected_terms,
    question_spans,
    same_numbers,
    unmask,
)
from .phrases import (
    ABBREVIATIONS,
    ARTICLES,
    BE_FORMS,
    CLAUSES,
    FILLERS,
    REDUNDANT_PHRASES,
)
from .telegraph import telegraph

LOSSY_LEVELS = ("light", "medium", "aggressive")

_LINE_PREFIX = re.compile(r"^(\s*(?:[-*•](?=\s)|\d{1,3}[.)](?=\s)|[a-z][.)](?=\s)|#{1,6}(?=\s))?\s*)")
# A sentence ends at . ! ? followed by space and a capital, digit, quote or bracket --
# but not after a title or a short abbreviation ("Mrs. Thompson", "e.g. Glycerin").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9*“‘])")
# A cited work: "Tanno O, Ota Y ... Br J Dermatol. 2000;143(3):524–531." or "et al." with a
# year: its title is quoted, not prose to edit.
_REFERENCE = re.compile(
    r"\b(?:19|20)\d{2};\s*\d+(?:\(\d+\))?:\s*\d+|\bdoi:\s*10\.\d|\bet al\.?,?\s.*\b(?:19|20)\d{2}\b.*[.;]\s*\d+"
)
_QUOTATION = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”')  # never split into sentences
# Quoted wording ("smooths the look of rough skin", a tagline, a label warning) is the
# text's own words: kept as written, like a name (up to 80 characters; a longer one is
# edited as prose, though never split).
_QUOTED = re.compile(r'"[^"\n]{1,80}"|“[^”\n]{1,80}”')
_NO_BREAK_AFTER = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|vs|approx|incl|Fig|Ref|Co|al)|\be\.g|\bi\.e)\.$")


class _SentenceSplitter:
    """``split(text)``: the sentences of one line (a class so the module keeps one name for it)."""

    @staticmethod
    def split(text: str) -> list[str]:
        parts, start = [], 0
        # A quotation is one piece, whatever its sentences: a tagline "Play all day. We've
        # got their skin." is the deliverable, and its halves must not be edited as prose.
        quotes = [m.span() for m in _QUOTATION.finditer(text)] if '"' in text or "“" in text else []
        for m in _SENTENCE_BREAK.finditer(text):
            if _NO_BREAK_AFTER.search(text, max(0, m.start() - 8), m.start()):
                continue
            if any(a < m.start() < b for a, b in quotes):
                continue
            parts.append(text[start : m.start()])
            start = m.end()
        parts.append(text[start:])
        return parts


_SENTENCE_END = _SentenceSplitter()
_SPACES = re.compile(r"[ \t\u00a0]+")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}[.)](?:\s|$)")  # what _LINE_PREFIX reads as a numbered item
_BLANK_LINES = re.compile(r"\n{3,}")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
# A row of a table written in text: | cells, or cells aligned with tabs or runs of spaces
# (not the two spaces some people type after a full stop).
# Emoji and pictographs that decorate headings and bullets ("🧴 Name Ideas", "✅"), and a
# quotation's ">" mark: no meaning for a model.
# Marks that say something stay: a warning, a yes or a no ("⚠ EU limit", "✅ vegan ❌ palm oil").
_DECORATION = re.compile(
    "(?:(?![\u26a0\u2705\u2713\u2714\u2717\u2718\u274c\u274e\u2757])[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d])+\\s?"
    "|^\\s*>\\s?"
)
_TABLE_ROW = re.compile(r"\||[^\s.!?:;] {2,}\S|\S\t+\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_HORIZONTAL_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+(.+)|\*\*([^*]+)\*\*:?|__([^_]+)__:?)\s*$")
_LABEL = re.compile(r"^\*{0,2}([A-Z][\w /&-]{0,30}?):\*{0,2}\s")
# Words that never count as a number's unit, noun or label (the rules' own words); "am"
# is not one of them: "8 am" keeps its unit.
_STOP = (BE_FORMS - {"am"}) | frozenset(
    [
        "the",
        "a",
        "an",
        "being",
        "that",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "these",
        "those",
        "also",
        "currently",
        "there",
        "then",
        "such",
        "does",
        "has",
        "have",
        "will",
        "you",
        "your",
        "we",
        "our",
        "i",
        "me",
        "my",
        "itself",
        "very",
        "really",
        "just",
        "quite",
        "rather",
    ]
)


def _words(options) -> re.Pattern[str]:
    alternatives = prefix_tree(options)  # a list of hundreds of phrases cost most of a level's time
    # Lower case, or capitalised where a sentence starts: "The" may go, "The Body Shop" may not
    # (names are masked too; this keeps acronyms and mixed case out of every rule).
    # Not inside "a.u." or "p.a." (abbreviations with stops), not a label like "A:" or "a)".
    # Not a piece of "you'll" or "don't" either.
    return re.compile(rf"(?<![\w'’-])(?<![\w\ue000-\ue001]\.)(?:{alternatives})(?![\w'’-]|\.\w|:|\))", re.IGNORECASE)


_FILLER_RE = _words(FILLERS)
_PHRASE_RE = _words(REDUNDANT_PHRASES)
_CLAUSE_RE = _words(CLAUSES)
_ARTICLE_RE = _words(ARTICLES)
# "which is"/"who are" + a noun phrase or an adjective: the relative and its copula go.
_WHICH_IS = re.compile(
    r"(?<![\w'’-])(?:which|who) (?:is|are) (?=(?:a|an|the|\ue000\d+\ue001|[a-z]+(?:al|ive|ous|ic|ful|ent|ant|ble|ary|"
    r"er|or|ion|ist))\b)",
    re.IGNORECASE,
)


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


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")
_REPEATED_PUNCT = re.compile(r"([,;:])(?:\s*[,;:])+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|(?<=\()\s+")
_DANGLING_DASH = re.compile(r"\s*[—–]\s*([.!?]?)$")
_LEADING_PUNCT = re.compile(r"^[,;:—–]\s*")


def _tidy(sentence: str) -> str:
    """Spaces and punctuation left behind by removed words, put right."""
    sentence = _SPACES.sub(" ", sentence).strip()
    if "(" in sentence:
        sentence = _EMPTY_BRACKETS.sub("", sentence)
    sentence = _SPACE_BEFORE_PUNCT.sub(r"\1", sentence)
    sentence = _REPEATED_PUNCT.sub(r"\1", sentence)
    if "—" in sentence or "–" in sentence:
        sentence = _DANGLING_DASH.sub(r"\1", sentence)  # a dash left with nothing after it
    return _LEADING_PUNCT.sub("", sentence).strip()


def kept_guard(original: str, rewritten: str) -> bool:
    """Whether ``rewritten`` keeps the guard's terms of ``original``.

    Numbers, negations and ingredient names must come back identical (as a multiset);
    each name must still occur as written (a name that now opens the sentence is still
    there); question words must all be there.
    """
    if not rewritten:
        return False
    if _LIST_NUMBER.match(rewritten) and not _LIST_NUMBER.match(original):
        return False  # "I'm 18." -> "18." would read as the 18th item of a list, not an age
    before, after = protected_terms(original), protected_terms(rewritten)
    if not same_numbers(before, after):
        return False
    if {t: n for t, n in before.items() if t[0] != "number"} != {t: n for t, n in after.items() if t[0] != "number"}:
        return False
    before = fidelity_terms(original)
    asked = None
    for (kind, term), n in before.items():
        if kind == "name" and rewritten.count(term) < n:
            return False
        if kind == "question":
            if asked is None:  # only the question words: no name search on the rewrite
                asked = Counter(_normal(s.text) for s in question_spans(rewritten))
            if asked[term] < n:
                return False
    return True


def _regions(text: str) -> tuple[Span, ...]:
    """The keep-regions of ``text`` (see ``guard.keep_regions``) and its short quotations."""
    regions = keep_regions(text, _STOP)
    if '"' not in text and "“" not in text:
        return regions
    quoted = [Span(m.start(), m.end(), "quote", m.group()) for m in _QUOTED.finditer(text)]
    merged: list[Span] = []
    for span in sorted((*regions, *quoted), key=lambda x: x.start):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            end = max(last.end, span.end)
            merged[-1] = Span(last.start, end, last.kind, text[last.start : end])
        else:
            merged.append(span)
    return tuple(merged)


class _Rewriter:
    def __init__(self, level: str, encoding_name: str) -> None:
        self.level = level
        self.rank = LOSSY_LEVELS.index(level)
        self.abbreviations, self.abbreviation_re, self.definitions = _abbreviations_for(encoding_name)
        self.used: set[str] = {"whitespace"}
        self.skipped = 0

    def _sub(
        self, pattern: re.Pattern[str], text: str, technique: str, replace: Callable[[str], str], used: set[str]
    ) -> str:
        def swap(m: re.Match[str]) -> str:
            word = m.group()
            if word[1:] != word[1:].lower():
                return word  # "THE", "The Ordinary": names and shouting stay as written
            if word == "A" and m.start() > 0:
                return word  # inside a sentence a capital A names something: "add B to A"
            used.add(technique)
            # A capital is kept only where the sentence starts ("I'd recommend" mid-sentence
            # becomes "recommend", not "Recommend").
            return _match_case(word, replace(word.lower())) if m.start() == 0 else replace(word.lower())

        return pattern.sub(swap, text)

    def _rules(self, text: str, rank: int, used: set[str]) -> str:
        """The word rules up to level ``rank`` on one sentence, its keep-regions masked."""
        if rank >= 1 and "(" in text:
            for definition in self.definitions:
                text = definition.sub(r"\1", text)  # "cost of goods sold (COGS)" -> "COGS"
        masked, kept = mask(text, _regions(text))
        text = masked
        text = _SPACES.sub(" ", self._sub(_FILLER_RE, text, "filler-words", lambda _: "", used))
        if rank >= 1:  # after the fillers: "it is really important to note that" is one phrase
            text = self._sub(_PHRASE_RE, text, "redundant-phrases", lambda w: REDUNDANT_PHRASES[w], used)
        if rank >= 1 and self.abbreviation_re is not None:
            text = self._sub(self.abbreviation_re, text, "abbreviations", self.abbreviations.__getitem__, used)
        if rank >= 1:
            text = self._sub(_CLAUSE_RE, text, "clauses", CLAUSES.__getitem__, used)
            text = self._sub(_WHICH_IS, text, "clauses", lambda _: "", used)
            text = self._sub(_ARTICLE_RE, text, "articles", lambda _: "", used)
        if rank >= 2:
            before = text
            text = telegraph(text, kept)
            if text != before:
                used.add("function-words")
        return _tidy(unmask(text, kept))

    def sentence(self, original: str) -> str:
        """``original`` at this level, or at a lower one when the guard refuses the edits."""
        if is_question(original) and not (self.rank >= 1 and offer(original) and not question_spans(original)):
            return original  # questions are instructions: never edited (an offer is not one)
        text = original
        if self.rank >= 1:
            offered = offer(text)
            if offered is not None:
                text = offered
                self.used.add("offers")
            else:
                stripped = strip_opener(text)
                if stripped != text:
                    self.used.add("openers")
                    text = stripped
        for rank in range(self.rank, -1, -1):
            used: set[str] = set()
            rewritten = self._rules(text, rank, used)
            if kept_guard(original, rewritten):
                self.used |= used
                return rewritten
            self.skipped += 1  # the guard refused this level's edits of the sentence
        return text if kept_guard(original, text) else original


def _is_table_row(line: str) -> bool:
    return _TABLE_ROW.search(line.strip()) is not None


def _heading_text(line: str) -> str | None:
    m = _HEADING.match(line)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None).strip()


@dataclass
class _Line:
    raw: str
    kind: str  # "blank", "table", "rule", "heading", "text"
    prefix: str = ""
    sentences: tuple[int, ...] = ()  # indices into the sentence list
    heading: bool = False


def _parse(text: str, rank: int) -> tuple[list[_Line], list[Sentence], bool]:
    """Lines and sentences; from medium up, emphasis marks are gone before sentences are cut
    ("**1. Overview**" is one heading, not two sentences). Also says whether marks went."""
    lines, sentences = [], []
    unmarked = False
    heading = ""
    for raw in text.split("\n"):
        raw = raw.rstrip()
        if not raw.strip():
            lines.append(_Line(raw, "blank"))
            continue
        if _TABLE_RULE.match(raw) or _HORIZONTAL_RULE.match(raw):
            lines.append(_Line(raw, "rule"))
            continue
        if _is_table_row(raw) or _REFERENCE.search(raw):
            lines.append(_Line(raw, "table"))  # a table row, or a cited work: as written
            continue
        line = _SPACES.sub(" ", raw)
        title = _heading_text(line)
        if title is not None:
            heading = title
        if rank >= 1:
            plain = _ITALIC.sub(r"\1", _EMPHASIS.sub(r"\2", line))
            plain = _SPACES.sub(" ", _DECORATION.sub("", plain)).rstrip()
            unmarked |= plain != line
            line = plain
        prefix = _LINE_PREFIX.match(line).group(1)
        body = line[len(prefix) :]
        indices = []
        for part in _SENTENCE_END.split(body):
            if not part:
                continue
            label = _LABEL.match(part)
            indices.append(len(sentences))
            terms = fidelity_terms(part) if rank >= 1 else Counter()  # light drops no sentence
            sentences.append(
                Sentence(len(lines), part, terms, heading, label.group(1) if label else "", title is not None)
            )
        lines.append(_Line(line, "text", prefix, tuple(indices), title is not None))
    return lines, sentences, unmarked


def _prefix(prefix: str, rank: int) -> str:
    if rank >= 1 and "#" in prefix:
        return ""  # heading marks: the line is still a line
    if rank >= 2 and prefix.strip() in {"-", "*", "•"}:
        return ""  # a bullet: the line break says as much
    return prefix


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
    rank = rewriter.rank
    text = _BLANK_LINES.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines, sentences, unmarked = _parse(text, rank)
    if unmarked:
        rewriter.used.add("markdown")
    editor = Editor(sentences) if rank >= 1 else None
    outputs: list[str | None] = []
    dropped = 0
    for s in sentences:
        action = editor.decide(s) if editor is not None else Action.KEEP
        if action is Action.KEEP:
            outputs.append(rewriter.sentence(s.text))
            continue
        dropped += 1
        rewriter.used.add("sentence-dedup" if action is Action.REPEAT else "boilerplate")
        outputs.append(None)
    out_lines: list[str | None] = []
    for line in lines:
        if line.kind == "blank":
            out_lines.append("")
        elif line.kind == "rule":
            if rank >= 1:
                rewriter.used.add("markdown")
                out_lines.append(None)
            else:
                out_lines.append(line.raw)
        elif line.kind == "table":
            row = line.raw
            if rank >= 1:
                row = _EMPHASIS.sub(r"\2", row)
                if row != line.raw:
                    rewriter.used.add("markdown")
            out_lines.append(row)  # aligned columns: the layout is the meaning
        else:
            kept = [outputs[i] for i in line.sentences if outputs[i]]
            if not kept:
                out_lines.append(None if line.sentences else line.raw)
                continue
            prefix = _prefix(line.prefix, rank)
            if prefix != line.prefix:
                rewriter.used.add("markdown")
            out_lines.append(prefix + " ".join(kept))
    _drop_empty_sections(lines, out_lines)
    result = "\n".join(x for x in out_lines if x is not None)
    result = _BLANK_LINES.sub("\n\n", result).strip("\n")
    order = (
        "whitespace",
        "filler-words",
        "redundant-phrases",
        "abbreviations",
        "markdown",
        "clauses",
        "articles",
        "openers",
        "offers",
        "function-words",
        "boilerplate",
        "sentence-dedup",
    )
    techniques = tuple(t for t in order if t in rewriter.used)
    return ProseResult(result, techniques, dropped, rewriter.skipped)


def _drop_empty_sections(lines: list[_Line], out: list[str | None]) -> None:
    """A heading whose whole section was dropped goes too ("**Summary**" over a repeat), or all
    of it but questions."""
    for i, line in enumerate(lines):
        if not line.heading:
            continue
        body = []
        for j in range(i + 1, len(lines)):
            if lines[j].heading:
                break
            if lines[j].kind != "blank":
                body.append(j)
        # A question left alone under it reads as well under the section before.
        if body and all(out[j] is None or is_question(out[j]) for j in body) and any(out[j] is None for j in body):
            out[i] = None


__all__ = ["LOSSY_LEVELS", "ProseResult", "compress_prose", "kept_guard", "protected_terms"]
