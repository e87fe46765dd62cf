"""Whole sentences at the medium level: what a careful editor cuts from a chatty answer.

* pleasantries and sign-offs ("Great question!", "I hope this helps!"): dropped when
  they carry no protected term;
* signposts ("Below I'll walk you through...", "Let's dive in."): dropped when every
  protected term in them is said elsewhere in the text;
* openers stripped from the answer's first words ("Sure — here's a detailed overview
  of X" -> "overview of X" -> "X" when the announcement carries nothing);
* offers to do more ("Let me know if you'd like the same for a 250 mL tube!"): dropped,
  or, when they carry a number or a name, kept as "Offer: the same for a 250 mL tube.";
* summaries that only repeat ("In summary, ..."): dropped when every protected term and
  most words in them were said before; a near-duplicate of an earlier sentence too.

Decisions are made here; ``prose`` applies them and checks the guard.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from .guard import fidelity_terms, is_instruction, is_question, number_core
from .phrases import (
    ANNOUNCEMENT_PREFIX,
    BOILERPLATE,
    OFFER_PREFIX,
    OFFER_SUFFIX,
    OPENER_PREFIXES,
    SIGNPOSTS,
    SUMMARY_HEADINGS,
    SUMMARY_MARKERS,
)

_I = re.IGNORECASE
# One alternation per list: one call per sentence instead of one per pattern.
_BOILERPLATE = [re.compile("|".join(f"(?:{p})" for p in BOILERPLATE), _I)]
_SIGNPOSTS = [re.compile("|".join(f"(?:{p})" for p in SIGNPOSTS), _I)]
_OPENERS = [re.compile(p, _I) for p in OPENER_PREFIXES]
# The words an opener or announcement can start with (a cheap test before the patterns).
_OPENER_START = re.compile(
    r"^(?:great|good|excellent|certainly|sure|absolutely|of course|definitely|gladly|you|here|below|so|what|the following)\b",
    _I,
)
_ANNOUNCEMENT = re.compile(ANNOUNCEMENT_PREFIX, _I)
# What may follow an announcement's lead word and still be only an announcement.
_ANNOUNCED = re.compile(
    r"^(?:overview|summary|breakdown|rundown|look|outline|plan|list|guide|answer|assessment|analysis|"
    r"build-up|buildup|estimate|review)\s+(?:of|for|on|at)\s+",
    _I,
)
_OFFER = re.compile(OFFER_PREFIX, _I)
_OFFER_SUFFIX = re.compile(OFFER_SUFFIX, _I)
_SUMMARY = re.compile(SUMMARY_MARKERS, _I)
_SUMMARY_HEADING = re.compile(SUMMARY_HEADINGS, _I)
_CONTENT_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
# Words too common to say whether a summary repeats the text.
_COMMON = frozenset(
    [
        "that",
        "this",
        "these",
        "those",
        "with",
        "from",
        "have",
        "will",
        "would",
        "could",
        "should",
        "there",
        "their",
        "they",
        "about",
        "which",
        "what",
        "when",
        "also",
        "into",
        "more",
        "most",
        "other",
        "some",
        "such",
        "than",
        "then",
        "them",
        "very",
        "your",
        "over",
        "only",
        "well",
        "make",
        "made",
        "good",
        "best",
        "great",
        "overall",
        "summary",
        "conclusion",
        "short",
    ]
)
REPEAT_SHARE = 0.6  # of a summary's content words said outside summaries, for it to be a repeat
NEAR_DUPLICATE = 0.8  # of a sentence's words in one earlier sentence with the same terms


class Action(StrEnum):
    """What the editor does with a sentence."""

    KEEP = "keep"
    BOILERPLATE = "boilerplate"
    SIGNPOST = "signpost"
    REPEAT = "sentence-dedup"


def _match_case(original: str, text: str) -> str:
    return text[:1].upper() + text[1:] if original[:1].isupper() and text[:1].islower() else text


def strip_opener(sentence: str) -> str:
    """The sentence without an opener ("Sure —", "Great question!") or an announcement
    lead ("Here's a detailed overview of"); case kept as the text wrote it.

    >>> strip_opener("Sure — here's a detailed cost build-up for your lotion.")
    'cost build-up for your lotion.'
    """
    text = sentence
    if not _OPENER_START.match(text):
        return sentence
    for pattern in _OPENERS:
        text = pattern.sub("", text, count=1)
    m = _ANNOUNCEMENT.match(text)
    if m and m.end() < len(text):
        rest = text[m.end() :]
        rest = _ANNOUNCED.sub("", rest, count=1)
        text = rest
    return text if text.strip() else sentence


def offer(sentence: str) -> str | None:
    """An offer's content after "Offer:", or None when the sentence is not an offer.

    >>> offer("Let me know if you'd like the same breakdown for a 250 mL tube!")
    'Offer: the same breakdown for a 250 mL tube.'
    """
    m = _OFFER.match(sentence.strip())
    if not m:
        return None
    rest = _OFFER_SUFFIX.sub("", sentence.strip()[m.end() :]).rstrip(" !?.")
    return f"Offer: {rest}." if rest else None


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text, where it is, and what the guard protects in it.

    ``heading`` is the title of the section it is in ("" before any), ``label`` the
    "Label:" it opens with, if any.
    """

    line: int
    text: str
    terms: Counter
    heading: str = ""
    label: str = ""
    is_heading: bool = False  # the sentence is a heading line itself


_NEGATION_PAIR = re.compile(
    r"\b(not|no|never|without|cannot|can't|don't|doesn't|isn't|aren't|won't|must not|should not|avoid)\s+([\w-]+)", _I
)
_HEADING_NUMBER = re.compile(r"^[\W\d.)]*")


def drop_terms(text: str) -> Counter:
    """What a dropped sentence must have said elsewhere: the guard's terms, and each
    negation with the word after it ("no growth", "must not claim")."""
    terms: Counter = Counter()
    for (kind, term), n in fidelity_terms(text).items():
        terms[kind, number_core(term) if kind == "number" else term] += n
    terms.update(("negation-pair", " ".join(m.group(1, 2)).lower()) for m in _NEGATION_PAIR.finditer(text))
    return terms


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.lower()) if w not in _COMMON}


def is_summary(s: Sentence) -> bool:
    """Whether ``s`` sums up: it opens with "In summary" (or the like), or sits under a
    "Summary" / "Key takeaways" heading or label."""
    if _SUMMARY.match(s.text.strip(" *_>")):
        return True
    return any(_SUMMARY_HEADING.match(_HEADING_NUMBER.sub("", h).strip(" *#:")) for h in (s.heading, s.label) if h)


class Editor:
    """Decides, sentence by sentence in text order, which sentences go (medium and up).

    ``sentences`` are all the text's sentences; :meth:`decide` is called for each in
    order and remembers what was kept, so a repeat is judged against what stays.
    """

    def __init__(self, sentences: list[Sentence]) -> None:
        self.terms = [drop_terms(s.text) for s in sentences]
        self.available: Counter = Counter()
        for t in self.terms:
            self.available.update(t)
        # What the text says outside its summaries: a summary may go only if it is all here.
        self.summary = [is_summary(s) for s in sentences]
        self.body_terms: Counter = Counter()
        self.body_words: set[str] = set()
        body = []
        for s, t, summary in zip(sentences, self.terms, self.summary, strict=True):
            if not summary:
                self.body_terms.update(t)
                self.body_words |= _content_words(s.text)
                body.append(s.text)
        self.body_text = "\n".join(body)
        self.full_text = "\n".join(s.text for s in sentences)
        self.index = {id(s): i for i, s in enumerate(sentences)}
        self.sentences = sentences
        self.kept_words: dict[tuple, list[set[str]]] = {}
        self.multi = len(sentences) > 1
        # The first and last lines with text: where chat openers and sign-offs sit.
        lines = sorted({s.line for s in sentences})
        self.edges = {lines[0], lines[-1]} if lines else set()

    def _said_elsewhere(self, s: Sentence, terms: Counter) -> bool:
        # A name may open a sentence elsewhere (where the guard does not count it as one).
        return all(
            self.available[t] - n >= 1 or (t[0] == "name" and self.full_text.count(t[1]) - s.text.count(t[1]) >= 1)
            for t, n in terms.items()
        )

    def _in_body(self, s: Sentence, terms: Counter) -> bool:
        """Whether every term is said outside the summaries (a name anywhere in their text)."""
        return all(
            self.body_terms[t] >= 1
            or (t[0] == "name" and self.body_text.count(t[1]) - (0 if self.summary[self.index[id(s)]] else 1) >= 1)
            for t in terms
        )

    def _leads_on(self, i: int) -> bool:
        """Whether a sentence after ``i`` on its line says something (an offer the next
        sentence answers: "Do you want me to compare a cotton mask? Cotton is cheaper")."""
        line = self.sentences[i].line
        for later in self.sentences[i + 1 :]:
            if later.line != line:
                return False
            if later.terms or not any(p.match(later.text.strip()) for p in _BOILERPLATE):
                return True
        return False

    def _drop(self, terms: Counter, action: Action) -> Action:
        self.available.subtract(terms)
        return action

    def _keep(self, s: Sentence, words: set[str]) -> Action:
        if len(words) >= 5:
            self.kept_words.setdefault(tuple(sorted(s.terms.items())), []).append(words)
        return Action.KEEP

    def decide(self, s: Sentence) -> Action:
        """Whether ``s`` goes (and why) or stays."""
        i = self.index[id(s)]
        terms = self.terms[i]
        text = s.text.strip()
        words = set(re.findall(r"[a-z0-9]+", text.lower()))
        if not text or not self.multi or s.is_heading:
            # A heading stays while anything under it stays (prose drops it with its whole
            # section): "Summary" over kept items would otherwise leave them under the one before.
            return self._keep(s, words)
        if not s.terms and any(p.match(text) for p in _BOILERPLATE):
            return self._drop(terms, Action.BOILERPLATE)
        if not s.terms and text.endswith("!") and s.line in self.edges:
            return self._drop(terms, Action.BOILERPLATE)  # enthusiasm in the opening or closing lines
        if is_question(text) and not _OFFER.match(text):
            return self._keep(s, words)  # questions stay whole
        if offer(text) is not None and not s.terms and not self._leads_on(i):
            return self._drop(terms, Action.BOILERPLATE)
        stripped = strip_opener(text)
        if (
            (any(p.match(stripped) for p in _SIGNPOSTS) or any(p.match(text) for p in _SIGNPOSTS))
            and self._said_elsewhere(s, terms)
            # "Here is an approximate breakdown by segment in 2023:" scopes the list below it
            and not (s.terms and text.rstrip("*_ ").endswith(":"))
        ):
            return self._drop(terms, Action.SIGNPOST)
        if (
            self.summary[i]
            and not is_instruction(text)  # "Test your own formula." is said once, here
            and self._in_body(s, terms)
            and self._said_elsewhere(s, terms)
        ):
            content = _content_words(text)
            if len(content & self.body_words) >= REPEAT_SHARE * len(content):
                return self._drop(terms, Action.REPEAT)
        same_terms = self.kept_words.get(tuple(sorted(s.terms.items())), [])
        if len(words) >= 5 and any(len(words & w) >= NEAR_DUPLICATE * len(words) for w in same_terms):
            return self._drop(terms, Action.REPEAT)
        return self._keep(s, words)


def sentence_terms(text: str) -> Counter:
    """The guard's terms of one sentence (numbers, negations, ingredients, names, questions)."""
    return fidelity_terms(text)
