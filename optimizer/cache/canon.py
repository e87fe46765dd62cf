"""One free text's canonical clauses: the words the guard compares, once the harmless
differences are gone (see ``cache/guard.py`` for the list and why each is harmless).

The text is prepared (Unicode, contractions, aliases, politeness), split into tokens,
numbers and units are joined, the text is split into clauses at punctuation and "and",
and each clause keeps its own word order, so what a number or modifier is bound to
cannot change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import pairwise

from . import lexicon
from .aliases import (
    _A_FEW,
    _ALIASES,
    _ALTERNATIVES,
    _AND,
    _CONTRACTION_RES,
    _CURRENCY_SYMBOLS,
    _LIST_MARKER,
    _MULTIPLIERS,
    _OBLIGATION_WORDS,
    _POLITE_RE,
    _PREPOSITIONS,
    _REQUEST_PARTICLES,
    _SOFT_RE,
    _STRUCTURE,
    _TENSE,
    _TOKEN,
    _WORD_NUMBERS,
    ARTICLES,
    AUXILIARIES,
    CURRENCY_CODES,
    DETERMINERS,
    GLOSSARY,
    OBLIGATION,
    PERSONS,
    POLITENESS,
    RELATIVES,
    REQUEST_NOUNS,
    REQUEST_VERBS,
    REQUEST_VERBS_ANY,
    SAME_WORDS,
    UNITS,
)


@dataclass(frozen=True)
class Token:
    """One canonical token: ``text`` is what is compared; ``fixed`` marks words that
    function-word rules must not drop (acronyms such as "US" or "IT")."""

    text: str
    kind: str  # "word", "num", "sep", "sym", "paren"
    fixed: bool = False
    named: bool = False  # written with a capital inside a sentence: a place, a brand, a language


def _number(raw: str) -> str:
    if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", raw):
        return raw  # "10.000": ten thousand in much of Europe, ten elsewhere: kept as written
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return raw
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _word(raw: str, *, shouting: bool, at_start: bool) -> Token:
    """The canonical token of one written word."""
    lower = raw.lower()
    if lower in _WORD_NUMBERS:
        return Token(_WORD_NUMBERS[lower], "num")
    if lower in _TENSE:
        return Token(_TENSE[lower], "word")
    fixed = not shouting and len(raw) >= 2 and raw.isupper()
    named = raw[:1].isupper() and not shouting and not at_start  # a name: never "repaired"
    return Token(_canonical_word(lower, named), "word", fixed, named and not fixed)


_MIN_NAME_REPAIR = 6  # a capitalised word this long, unknown, one slip from one known word, is a slip


@lru_cache(maxsize=65536)
def _canonical_word(word: str, named: bool) -> str:
    if word in _STRUCTURE or word in GLOSSARY:
        return word
    word = lexicon.us_spelling(word)
    if not named or len(word) >= _MIN_NAME_REPAIR:  # "Mexcio"; short names are left as written
        word = lexicon.us_spelling(lexicon.repair_typo(word))
    base, past = lexicon.fold_inflection(word)
    base = SAME_WORDS.get(base, base)
    return base + "~ed" if past else base


def _synonym(word: str) -> str:
    """The word's synonym class (aggressive strategy), applied last so that every other
    rule reads the same words under both strategies."""
    base, past, _ = word.partition("~ed")
    if base in _STRUCTURE:
        return word
    cls = lexicon.synonym_class(base)
    return word if cls is None else cls + ("~ed" if past else "")


def _prepare(text: str) -> str:
    """Unicode, contractions, aliases and politeness, before the text is split into words."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("\u2013", "-").replace("\u2014", " - ")
    for dash in "\u2010\u2011\u2012\u2212\u00ad":  # hyphens, minus, soft hyphen
        text = text.replace(dash, "-" if dash != "\u00ad" else "")
    if "(" in text:
        text = _defined_abbreviations(text)
    if "'" in text:
        for pattern, repl in _CONTRACTION_RES:
            text = pattern.sub(repl, text)
    for pattern, repl in _ALIASES:
        text = pattern.sub(repl, text)
    polite = _POLITE_RE.subn(" ", text)
    text = polite[0]
    if polite[1] or re.search(r"\b(?:please|pls|plz|kindly|thanks?)\b", text, re.I):
        text = _SOFT_RE.sub(" ", text)
    text = _LIST_MARKER.sub("\n", text)
    return _A_FEW.sub(r"a_\1", text)


_DEFINED = re.compile(r"((?:[^\W\d_][\w-]*\s+){1,6})\(\s*([A-Z][A-Za-z0-9]{1,6})\s*\)")


def _defined_abbreviations(text: str) -> str:
    """ "hyaluronic acid (HA) ... HA" = "hyaluronic acid ... hyaluronic acid": an abbreviation
    defined in the text by the initials of the words just before it is those words."""
    for m in list(_DEFINED.finditer(text)):
        words, short = m.group(1).split(), m.group(2)
        letters = [c.lower() for c in short if c.isalpha()]
        initials = [w[0].lower() for part in words for w in part.split("-") if w]
        if len(letters) >= 2 and initials[-len(letters) :] == letters:
            k = len(letters)
            spelled = " ".join(words)[-len(" ".join(words[-k:])) :] if k <= len(words) else " ".join(words)
            text = text.replace(m.group(0), m.group(1), 1)
            text = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", spelled, text)
    return text


def _raw_tokens(text: str) -> list[Token]:
    text = _prepare(text)
    shouting = _mostly_upper(text)
    tokens: list[Token] = []
    joined: list[bool] = []  # token i was written glued to token i-1 by a hyphen
    glue_next = False
    last_end = -1
    for m in _TOKEN.finditer(text):
        kind = "num" if m.group("num") is not None else m.lastgroup
        if kind == "paren":
            if m.group() not in "()[]{}":
                continue  # quotes add nothing
            new = [Token(m.group(), "paren")]
            tokens.append(new[0])
            joined.append(False)
            last_end = m.end()
            continue
        if kind == "hyphen":
            glue_next = m.start() == last_end and m.end() < len(text) and not text[m.end()].isspace()
            last_end = m.end()
            continue
        if kind == "num":
            new = [Token(_number(m.group("num")), "num")]
            glue = (m.group("glue") or "").lower()
            if glue:
                if glue in UNITS or glue in _MULTIPLIERS or glue == "s":
                    new.append(Token(glue, "word"))
                else:  # "b3"-like names are words of their own
                    new = [Token(m.group(0).lower(), "word")]
        elif kind == "word":
            at_start = not tokens or tokens[-1].kind == "sep"
            new = [_word(m.group(), shouting=shouting, at_start=at_start)]
        elif kind == "sep":
            new = [Token(m.group(), "sep")]
        else:
            new = [Token(m.group(), "sym")]
        for i, tok in enumerate(new):
            tokens.append(tok)
            joined.append(glue_next and i == 0)
        glue_next = False
        last_end = m.end()
    return _located(_compounds(tokens, joined), titled=_titled(text))


def _titled(text: str) -> bool:
    """Most words capitalised ("Nail Polish Trends In Colombia"): capitals mark no names."""
    words = re.findall(r"[^\W\d_]{3,}", text)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _located(tokens: list[Token], *, titled: bool) -> list[Token]:
    """ "brands Mexico" = "brands in Mexico": a name right after a content word is where it is."""
    if titled:
        return tokens
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (
            tok.named
            and prev is not None
            and prev.kind == "word"
            and not prev.named
            and not prev.fixed
            and prev.text not in _STRUCTURE
            and prev.text not in PHRASE_HEADS
            and prev.text not in _AND
            and prev.text not in _ALTERNATIVES
        ):
            out.append(Token("in", "word"))
        out.append(tok)
    return out


def _compounds(tokens: list[Token], joined: list[bool]) -> list[Token]:
    """A hyphen joins nothing a space would not ("anti-frizz" = "anti frizz"), except that
    "X-free" becomes "without X"."""
    out: list[Token] = []
    for tok, glued in zip(tokens, joined, strict=True):
        if glued and tok.text == "free" and out and out[-1].kind in ("word", "num"):
            prev = out.pop()
            out += [Token("without", "word"), prev]
        else:
            out.append(tok)
    return out


def _numbers_and_units(tokens: list[Token]) -> list[Token]:
    """ "5 k" -> 5000, "30 ml" -> "30ml", "€5" / "5 euros" -> "5eur", "X free," -> "without X"."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        currency = (tok.kind == "sym" and tok.text in _CURRENCY_SYMBOLS) or (
            tok.kind == "word" and tok.text in CURRENCY_CODES
        )
        if currency and nxt is not None and nxt.kind == "num":  # "$5" = "5 $", "USD 20" = "20 USD"
            out.append(Token(nxt.text + UNITS[tok.text], "num"))
            i += 2
            continue
        if tok.kind == "num":
            value = tok.text
            if nxt is not None and nxt.text in _MULTIPLIERS:
                try:
                    value = _number(str(Decimal(value) * _MULTIPLIERS[nxt.text]))
                    i += 1
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                except InvalidOperation:
                    pass
            if nxt is not None and (nxt.text in UNITS or nxt.text == "s") and nxt.kind in ("word", "sym"):
                value += UNITS.get(nxt.text, nxt.text)
                i += 1
            out.append(Token(value, "num"))
            i += 1
            continue
        if (
            tok.kind == "word"
            and tok.text == "free"
            and out
            and out[-1].kind == "word"
            and out[-1].text not in _STRUCTURE
            and (nxt is None or nxt.kind == "sep" or nxt.text in _AND)
        ):
            prev = out.pop()
            out += [Token("without", "word"), prev]
            i += 1
            continue
        out.append(tok)
        i += 1
    return out


def _clause(words: list[Token], generator: str) -> tuple[str, ...]:
    """One clause's canonical words, in their order."""
    kept: list[str] = []
    verbs = REQUEST_VERBS_ANY | REQUEST_VERBS.get(generator, frozenset())
    for i, tok in enumerate(words):
        t = tok.text
        if tok.fixed or tok.kind != "word":
            kept.append(t)
            continue
        if t in ARTICLES or t in POLITENESS or t in DETERMINERS or t in AUXILIARIES:
            continue
        t = PERSONS.get(t, t)
        if (t in RELATIVES and kept) or t in REQUEST_NOUNS:
            continue
        if t in _OBLIGATION_WORDS or (
            t in ("need", "have", "has", "had") and i + 1 < len(words) and words[i + 1].text == "to"
        ):
            t = OBLIGATION
        elif t == "to" and kept and kept[-1] == OBLIGATION:
            continue
        elif t == "which" and not kept:
            t = "what"
        kept.append(t)
    # "What is the cost of X?" asks for the cost of X; "what was" (a tense) stays.
    if len(kept) >= 2 and kept[0] == "what" and len(words) > 1 and words[1].text in ("is", "are"):
        kept.pop(0)
    # "no silicones" in a list of requirements is "without silicones".
    if len(kept) >= 2 and kept[0] == "no" and kept[1] not in PHRASE_HEADS:
        kept[0] = "without"
    # "how do I", "how can we", "how to": one question.
    while len(kept) >= 2 and kept[0] == "how" and kept[1] in ("can", "could", "to"):
        kept.pop(1)
    # A request verb (and its particle) that opens the clause only asks for the answer,
    # with or without its asker: "I need", "we want".
    if len(kept) >= 2 and kept[0] == "we" and kept[1] in verbs:
        kept.pop(0)
    asked = bool(kept) and kept[0] in verbs
    while kept and kept[0] in verbs:
        particles = _REQUEST_PARTICLES.get(kept[0], ())
        if particles and (len(kept) < 2 or kept[1] not in particles):
            break  # "work" alone is a verb of its own; only "work out" just asks
        kept.pop(0)
        while kept and kept[0] in particles:
            kept.pop(0)
    if asked and len(kept) > 1 and kept[0] == "some":
        kept.pop(0)  # "suggest some names" asks for names
    while kept and kept[-1] in (OBLIGATION,) and len(kept) == 1:
        kept.pop()
    return tuple(_without(kept))


def _without(words: list[str]) -> list[str]:
    """ "without X" (and "X-free", "free of X") is one token, so that it is a modifier of
    the clause it is in, not a phrase that opens a clause of its own."""
    out: list[str] = []
    for w in words:
        if out and out[-1] == "without" and w not in PHRASE_HEADS:
            out[-1] = WITHOUT + w
        else:
            out.append(w)
    return out


def _attach(clauses: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A clause with no head of its own belongs to its neighbour:

    * "For sensitive skin, a serum" = "a serum for sensitive skin" (a leading phrase goes
      to the end of the next clause);
    * "cost per unit and per batch" = "cost per unit, cost per batch" (a phrase that
      repeats a preposition of the clause before shares that clause's head);
    * "a serum, for sensitive skin" and "ratio 1:10, 30%" (any other headless phrase, or
      bare numbers) go to the end of the clause before, passing over a clause of one
      word ("night cream, vegan, with 3% X" = "night cream with 3% X, vegan").
    """
    out: list[list[str]] = []
    pending: list[str] = []
    for clause in clauses:
        headless = clause[0] in _PREPOSITIONS or all(not any(c.isalpha() for c in w) for w in clause)
        if headless and out:
            prev = out[-1] if len(out[-1]) > 1 or len(out) == 1 else out[-2]
            if clause[0] in _PREPOSITIONS and clause[0] in prev[1:]:
                head = prev[: len(prev) - prev[::-1].index(clause[0]) - 1]
                out.append([*head, *clause])
            else:
                prev.extend(clause)
        elif headless:
            pending.extend(clause)
        else:
            out.append([*clause, *pending])
            pending = []
    if pending:
        out.append(pending)
    return [tuple(c) for c in out]


_STRONG = frozenset({"\n", ".", ";", "!", "?"})  # end a sentence or a line (a group of clauses)
_LABEL_WORDS = 3  # "Tone: warm", "Body scrub: sugar": a label of at most 3 words binds to its value
WITHOUT = "without~"  # "without fragrance" -> "without~fragrance"
GROUP = "|"  # joins the clauses of one multi-clause sentence or line inside a form
# Prepositions that open a phrase of a clause (a wider set than _PREPOSITIONS, which also
# decides what a headless clause is): "growth of X in Y over Z" has three phrases.
PHRASE_HEADS = _PREPOSITIONS | {
    "of",
    "over",
    "into",
    "among",
    "about",
    "under",
    "after",
    "before",
    "through",
    "until",
    "since",
}
_SYMMETRIC = frozenset({"or", "vs"})  # "A or B" = "B or A"; "than", "to", "into" are not symmetric


def _parentheses(tokens: list[Token]) -> list[Token]:
    """Brackets separate like commas, except a bare number after the first word of a clause,
    which is that word's number: "taglines (3)" = "3 taglines", "niacinamide (4%)" = "4% niacinamide"."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "paren" and tok.text == "(":
            inner = tokens[i + 1 : i + 3]
            closed = len(inner) == 2 and inner[0].kind == "num" and inner[1].text == ")"
            first_word = len(out) >= 1 and out[-1].kind == "word" and (len(out) == 1 or out[-2].kind == "sep")
            if closed and first_word:
                out.insert(len(out) - 1, inner[0])
                i += 3
                continue
            out.append(Token(",", "sep"))
        elif tok.kind == "paren":
            if tok.text in "()[]{}":
                out.append(Token(",", "sep"))
        else:
            out.append(tok)
        i += 1
    return out


def _groups(tokens: list[Token]) -> Iterator[list[list[Token]]]:
    """Sentences and lines, each split into clauses at weak separators (commas, colons,
    dashes, brackets and "and" unless the text also says "or"/"vs"/"between")."""
    alternatives = any(t.text in _ALTERNATIVES for t in tokens if t.kind == "word")
    group: list[list[Token]] = []
    clause: list[Token] = []
    for i, tok in enumerate(tokens):
        if tok.kind == "sep" and tok.text in _STRONG:
            yield [*group, clause]
            group, clause = [], []
        elif tok.kind == "sep" and tok.text.strip() in (":", "-") and _is_label(clause, tokens, i):
            continue  # "Tone: warm", "Tone - warm": the label stays bound to its value
        elif tok.kind == "sep" or (not alternatives and tok.text in _AND and not tok.fixed):
            group.append(clause)
            clause = []
        else:
            clause.append(tok)
    yield [*group, clause]


def _is_label(clause: list[Token], tokens: list[Token], at: int) -> bool:
    """A colon (or a lone dash) binds a short label to its value: "Tone: warm", "Top: bergamot,
    base: vetiver". Before a line break, or before a list when the line has no other label
    ("Cleanser: gentle, low foam"), it only separates."""
    if not clause or sum(t.kind == "word" for t in clause) > _LABEL_WORDS:
        return False
    if at + 1 >= len(tokens) or tokens[at + 1].kind == "sep":
        return False
    mark = tokens[at].text.strip()
    line = _line_of(tokens, at)
    marks = sum(t.kind == "sep" and t.text.strip() == mark for t in line)
    if mark == "-" and marks > 1:
        return False  # "A - B - C" is a list
    if mark == ":" and marks > 1:
        return True  # "label: value, label: value": each value stays with its label
    for tok in tokens[at + 1 :]:
        if tok.kind == "sep":
            return tok.text in _STRONG
        if tok.text in _AND and not tok.fixed:
            return False
    return True


def _line_of(tokens: list[Token], at: int) -> list[Token]:
    """The tokens of the sentence or line that holds ``tokens[at]``."""
    start, end = at, at
    while start > 0 and not (tokens[start - 1].kind == "sep" and tokens[start - 1].text in _STRONG):
        start -= 1
    while end < len(tokens) and not (tokens[end].kind == "sep" and tokens[end].text in _STRONG):
        end += 1
    return tokens[start:end]


def _phrases(clause: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases of one clause in a canonical order: "a serum with 3% X for dry skin" = "a serum
    for dry skin with 3% X". Only the trailing phrases move, each with its own words, and
    only when their prepositions all differ (two "for" phrases keep their order: "for hands
    with shea for winter" is not "for winter with shea for hands")."""
    starts = [i for i, w in enumerate(clause) if w in PHRASE_HEADS and i > 0]
    if len(starts) < 2:
        return clause
    heads = [clause[i] for i in starts]
    if len(set(heads)) != len(heads):
        return clause
    bounds = [*starts, len(clause)]
    phrases = sorted(clause[a:b] for a, b in pairwise(bounds))
    return clause[: starts[0]] + tuple(w for ph in phrases for w in ph)


def _symmetric(clause: tuple[str, ...]) -> tuple[str, ...]:
    """ "A or B" = "B or A", "A vs B" = "B vs A", when the whole clause is the two options."""
    ops = [i for i, w in enumerate(clause) if w in _SYMMETRIC]
    if len(ops) != 1 or ops[0] in (0, len(clause) - 1):
        return clause
    i = ops[0]
    left, right = clause[:i], clause[i + 1 :]
    if any(w in PHRASE_HEADS or w in ("than", "what", "which", "how") for w in left + right):
        return clause  # "which grows faster in Brazil, A or B" keeps its question apart
    a, b = sorted((left, right))
    return (*a, clause[i], *b)


def clause_form(clause: tuple[str, ...]) -> tuple[str, ...]:
    """One clause's words in canonical order (its trailing phrases, its two options)."""
    return _symmetric(_phrases(clause))


@lru_cache(maxsize=8192)
def _canonical_clauses(text: str, generator: str) -> tuple[tuple[str, ...], ...]:
    tokens = _parentheses(_numbers_and_units(_raw_tokens(text)))
    raw_groups: list[list[tuple[str, ...]]] = []
    for group in _groups(tokens):
        clauses = [c for c in (_clause(part, generator) for part in group) if c]
        if clauses and raw_groups and all(c[0] in _PREPOSITIONS for c in clauses):
            raw_groups[-1] += clauses  # "cost per unit?? and per batch??": one question
        elif clauses:
            raw_groups.append(clauses)
    groups = [sorted(clause_form(c) for c in _attach(g)) for g in raw_groups]
    if len(groups) == 1 or all(len(g) == 1 for g in groups):
        return tuple(c for g in groups for c in g)  # one sentence, or one thing a line: a flat list
    out = []
    for g in groups:  # a line or sentence that lists several things keeps them together
        out.append(g[0] if len(g) == 1 else tuple(w for c in g for w in (*c, GROUP))[:-1])
    return tuple(out)


def canonical_text(text: str, *, generator: str = "", synonyms: bool = False) -> tuple[tuple[str, ...], ...]:
    """The canonical form of one free text: its clauses, each a tuple of canonical words,
    sorted (clause order is harmless, word order inside a clause is not).

    >>> canonical_text("Could you please create a serum for sensitive skin, 2% BHA?")
    (('2%', 'bha'), ('serum', 'for', 'sensitive', 'skin'))
    """
    clauses = _canonical_clauses(text, generator)
    if synonyms:
        clauses = tuple(tuple(_synonym(w) for w in c) for c in clauses)
    return tuple(sorted(clauses))
