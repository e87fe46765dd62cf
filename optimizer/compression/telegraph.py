"""Telegraphic style for the aggressive level: drop the words a reader restores.

Works on a *masked* sentence (see ``guard.mask``): numbers with their prepositions and
units, negation clauses, ingredient and proper names are opaque placeholders, so no
rule here can touch them. What goes, and only where no meaning hangs on it:

* articles ("the", "a", "an"), never a label ("Phase A", "Annex III", "option a)");
* forms of "be" and the auxiliary "has/have/had" before a participle, never after a
  modal or "to" ("would be misleading" keeps its "be");
* subject pronouns and pronoun contractions at the start of a clause ("it's worth",
  "we have tested" -> "have tested"), never an object ("let me", "give you" stay), and
  never a person who acts ("I confirm", "you must test" keep theirs);
* possessive determiners ("your 14 SKUs" -> "14 SKUs"), demonstratives before a noun;
* "that" after a reporting verb ("found that X" -> "found X"), never a demonstrative
  subject ("that would be misleading");
* "which/who" + "be" before a noun phrase ("Glycerin, which is a humectant" ->
  "Glycerin, humectant"), never before a verb ("which consists of" stays);
* connectives that only connect ("also", "here"; never "then", which orders steps, nor
  the "also" of "not only ... but also"), and long ones shortened where they open a
  clause ("However, X" -> "But X").

Modals, quantifiers, comparatives, prepositions and conjunctions stay: they carry the
logic of a sentence.

>>> " ".join(telegraph("It is also a good idea to pair the serum with your toner.").split())
'good idea to pair serum with toner.'
"""

from __future__ import annotations

import re

from .phrases import (
    ARTICLES,
    BE_FORMS,
    CLAUSE_OPENERS,
    CONTRACTIONS,
    DEMONSTRATIVES,
    DISCOURSE,
    HAVE_AUX,
    LABEL_NOUNS,
    MODALS,
    PARTICIPLES,
    POSSESSIVES,
    QUANTIFIERS,
    REPORTING_VERBS,
    SHORTER,
    SUBJECT_PRONOUNS,
)

_TOKEN = re.compile(r"\ue000\d+\ue001|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*|\s+|.", re.DOTALL)
_MASKED = re.compile("\ue000(\\d+)\ue001")
_INNER_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# Nouns of time after "this"/"these": "this year" is a date, not a pointer.
_TIME_NOUNS = frozenset(
    ["year", "years", "month", "months", "week", "weeks", "quarter", "season", "time", "days", "morning", "spring"]
)
_ADVERBS = frozenset(["also", "still", "always", "often", "then", "only", "even", "already", "usually"])
_CLAUSE_PUNCT = frozenset(",;:—–(")
# Who acts: these pronouns stay unless an auxiliary follows them.
_PERSONS = frozenset(["i", "we", "you", "they"])
_AUXILIARIES = (BE_FORMS - {"be", "been", "being"}) | frozenset(["have", "has", "had", "do", "did"])
# A copula after these is a statement's verb ("that is a claim", "this is a body wash").
_POINTERS = frozenset(["that", "this", "these", "those", "which", "who", "what"])
_PREPOSITIONS = frozenset(["of", "in", "on", "at", "for", "from", "with", "by", "to", "into", "under", "about"])
_WORDLIKE = re.compile(r"[A-Za-z\ue000]")
# What follows a dropped "this/these/those" must look like a noun, not a verb.
_VERBISH = (BE_FORMS - {"am"}) | frozenset(
    [
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "must",
        "may",
        "might",
        "shall",
        "means",
        "mean",
        "makes",
        "make",
        "gives",
        "give",
        "helps",
        "help",
        "works",
        "work",
        "shows",
        "show",
        "suggests",
        "suggest",
        "allows",
        "allow",
        "leads",
        "lead",
        "depends",
        "depend",
        "applies",
        "apply",
    ]
)
# "which is" goes only before what can be a noun phrase or an adjective: an article, a
# possessive, a number or a word ending like an adjective or noun.
_NOT_BEFORE_VERB = re.compile(
    r"^(?:a|an|the|\ue000\d+\ue001|[a-z]+(?:al|ive|ous|ic|ful|ent|ant|ble|ary|er|or|ion|ist|ant))$"
)


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


class _Tokens:
    """The tokens of a sentence and their drop marks, with word-level neighbours."""

    def __init__(self, text: str, kept: list[str] | None = None) -> None:
        self.items = _TOKEN.findall(text)
        self.dropped = [False] * len(self.items)
        self.words = [i for i, t in enumerate(self.items) if _WORDLIKE.match(t)]
        self.lower = [_norm(self.items[i]) for i in self.words]
        # A masked region's first and last words, for the rules that look at a neighbour
        # ("250 kg can" is masked, and "be" after it still follows a modal).
        self.first, self.last = list(self.lower), list(self.lower)
        if kept:
            for k, i in enumerate(self.words):
                m = _MASKED.fullmatch(self.items[i])
                if m and int(m.group(1)) < len(kept):
                    inner = _INNER_WORD.findall(kept[int(m.group(1))])
                    if inner:
                        self.first[k], self.last[k] = _norm(inner[0]), _norm(inner[-1])

    def word(self, k: int) -> str:
        """The k-th word (lower case), '' outside the sentence."""
        return self.lower[k] if 0 <= k < len(self.words) else ""

    def before(self, k: int) -> str:
        """The word before word k (the last word of a masked region), '' at the start."""
        return self.last[k - 1] if 0 < k <= len(self.words) else ""

    def after(self, k: int) -> str:
        """The word after word k (the first word of a masked region), '' at the end."""
        return self.first[k + 1] if 0 <= k + 1 < len(self.words) else ""

    def raw(self, k: int) -> str:
        return self.items[self.words[k]] if 0 <= k < len(self.words) else ""

    def gap_before(self, k: int) -> str:
        """The non-space characters between word k-1 and word k."""
        start = self.words[k - 1] + 1 if k > 0 else 0
        return "".join(t for t in self.items[start : self.words[k]] if not t.isspace())

    def gap_after(self, k: int) -> str:
        end = self.words[k + 1] if k + 1 < len(self.words) else len(self.items)
        return "".join(t for t in self.items[self.words[k] + 1 : end] if not t.isspace())

    def opens_clause(self, k: int) -> bool:
        """Whether word k starts the sentence or a clause (after punctuation or a conjunction)."""
        if k == 0:
            return not self.gap_before(0) or self.gap_before(0)[-1:] in "\"'“(*"
        gap = self.gap_before(k)
        if gap and gap[-1] in _CLAUSE_PUNCT:
            return True
        return not gap and self.word(k - 1) in CLAUSE_OPENERS

    def drop(self, k: int) -> None:
        self.dropped[self.words[k]] = True

    def render(self) -> str:
        return "".join(t for t, d in zip(self.items, self.dropped, strict=True) if not d)


def _is_label(tokens: _Tokens, k: int) -> bool:
    """A single letter that names something ("Phase A", "a)", "A:"), not an article."""
    raw = tokens.raw(k)
    after = tokens.gap_after(k)
    if after[:1] in {")", ":", ".", "/", "-", "—", "–"} or (after and after[0] in "]|"):
        return True
    if tokens.word(k - 1) in LABEL_NOUNS and not tokens.gap_before(k):
        return True
    if raw == "A":
        following = tokens.raw(k + 1)
        # "A margin below 55%" starts a sentence; "A" before a capital or inside a sentence names.
        return (k > 0 and not tokens.opens_clause(k)) or bool(following[:1].isupper()) or not following
    return False


def telegraph(masked: str, kept: list[str] | None = None) -> str:
    """Drop function words from one masked sentence (see the module doc).

    ``kept`` are the masked texts (see ``guard.mask``), so a rule can see the words at a
    region's edges. Returns the sentence with the words removed; spaces are left for the
    caller to tidy.
    """
    tokens = _Tokens(masked, kept)
    n = len(tokens.words)
    for k in range(n):
        word, raw = tokens.word(k), tokens.raw(k)
        if raw.startswith("\ue000") or (raw[1:] != raw[1:].lower()):
            continue  # protected, or a name / acronym written in capitals
        before, after = tokens.before(k), tokens.after(k)
        if word in ARTICLES:
            if not _is_label(tokens, k):
                tokens.drop(k)
        elif word in BE_FORMS:
            if before in _POINTERS:
                continue  # "that is a medicinal claim" is a statement, "that medicinal claim" none
            # "Be careful" is an instruction; "is to" a plan; "would be" a modal's verb.
            # "I think there is, but..." keeps its verb: a copula that ends a clause stays.
            # The verb a modal governs may sit behind an adverb: "could plausibly be used".
            governor = tokens.before(k - 1) if before.endswith("ly") or before in _ADVERBS else before
            if (
                k > 0
                and before not in MODALS
                and governor not in MODALS
                and after
                and after not in {"not", "no", "never", "to"}
                and not tokens.gap_after(k)
            ):
                tokens.drop(k)
        elif word in HAVE_AUX:
            if (after in PARTICIPLES or (after.endswith("ed") and len(after) > 3)) and before not in MODALS:
                tokens.drop(k)
        elif word in SUBJECT_PRONOUNS:
            # "I confirm the price" without its "I" is an order to the reader, "you must test"
            # without "you" says no longer who must: a person who acts keeps its pronoun,
            # unless an auxiliary follows ("we have tested" -> "have tested").
            if word in _PERSONS and after not in _AUXILIARIES:
                continue
            if tokens.opens_clause(k) and after and not tokens.gap_after(k) and after not in {"and", "or"}:
                tokens.drop(k)
        elif word in CONTRACTIONS:
            if tokens.opens_clause(k) and after and not tokens.gap_after(k):
                tokens.drop(k)
        elif word in POSSESSIVES:
            if before == "of" and tokens.word(k - 2) in QUANTIFIERS:
                continue
            if after == "own":
                continue  # "your own compatibility test": whose
            if after and not tokens.gap_after(k):
                tokens.drop(k)
        elif word in DEMONSTRATIVES:
            if before in _PREPOSITIONS:
                continue  # "a study of this type", "in these conditions": which one
            if (
                after
                and not tokens.gap_after(k)
                and after not in _VERBISH
                and after not in _TIME_NOUNS
                and not after.endswith("'s")
            ):
                tokens.drop(k)
        elif word == "that":
            if before in REPORTING_VERBS and not tokens.gap_before(k) and after not in MODALS:
                tokens.drop(k)
        elif word in {"which", "who"}:
            if not tokens.gap_after(k) and after in {"is", "are"}:
                following = tokens.word(k + 2)
                if following and _NOT_BEFORE_VERB.match(following) and not tokens.gap_after(k + 1):
                    tokens.drop(k)
                    tokens.drop(k + 1)
        elif word == "there":
            # "There are three options" -> "three options" (the copula goes by its own rule).
            if tokens.opens_clause(k) and after in BE_FORMS and not tokens.gap_after(k):
                tokens.drop(k)
        elif word == "please":
            if after and not tokens.gap_after(k):
                tokens.drop(k)
        elif word in DISCOURSE:
            if word == "also" and before == "but":
                continue  # "not only X but also Y" is not "not X but Y"
            if word == "here" and before not in BE_FORMS and k != 0:
                continue
            tokens.drop(k)
        elif word in SHORTER and (k == 0 or tokens.gap_before(k)[-1:] in {";", ":", "—", "–"}):
            tokens.items[tokens.words[k]] = SHORTER[word] if raw.islower() else SHORTER[word].capitalize()
            position = tokens.words[k] + 1
            if position < len(tokens.items) and tokens.items[position] == ",":
                tokens.dropped[position] = True  # "However, X" -> "But X"
    return tokens.render()
