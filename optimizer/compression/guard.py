"""The fidelity guard: what no lossy level may change or drop.

Two views of the same rules:

* :func:`protected_terms` -- the numbers (with decimals, %, currency and units), negations
  ("not", "no", "without", "-free", "unless"...) and ingredient names (INCI and common
  names) of a text, as a multiset. A compressed text must contain the same multiset;
  the semantic cache compares requests by it too.
* :func:`keep_regions` -- the stretches of text no rule may edit: each protected term
  with what gives it its meaning (the preposition before a number and the unit or noun
  after it, a whole clause around a negation), proper names and symbols (capitalised
  words inside a sentence, acronyms, "pH", "mL"), and question words. The lossy levels
  mask these regions (:func:`mask`) so no word-level rule can touch them.

:func:`fidelity_terms` adds names and question words to the protected terms: it is what
the compressed text is checked against, sentence by sentence; a sentence whose terms do
not come back identical keeps its original text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .phrases import LABEL_NOUNS
from .vocabulary import IMPERATIVE_VERBS, INGREDIENTS, NEGATION_WORDS, QUESTION_WORDS

_UNITS = (
    r"%|‰|mg/kg|mg/ml|mg/mL|mg/cm²|mg|µg|mcg|kg|g/L|g|ml|mL|L|l|µm|nm|mm|cm|m²|m|°C|°F|ppm|ppb|IU|Da|kDa|"
    r"cP|cps|mPa·s|mPa\.s|rpm|gsm|CFU/g|CFU|cc|hours?|hrs?|h|minutes?|mins?|seconds?|sec|s|days?|weeks?|wks?|"
    r"months?|years?|yrs?|units?|pcs|pc|x|USD|EUR|GBP|JPY|INR|CNY|usd|eur"
)
_CURRENCY = r"[$€£¥₹]"
# A number with what makes it mean something: sign, currency, decimals, a range, a unit.
_QUALIFIER = (
    r"(?:\b(?:up to|at least|at most|more than|less than|fewer than|no more than|not more than|"
    r"not less than|over|under|below|above|about|approximately|approx\.|around|nearly|almost|"
    r"only|exactly|between|from)\s?|[<>≤≥~±]\s?)"
)
# The number itself (anchored on its digits: fast), then its qualifier, looked for just
# before it (trying twenty qualifiers at every position of a text would be slow).
_NUMBER_CORE = re.compile(
    rf"(?=[\dpSP$€£¥₹+\-−])(?:(?:pH|SPF|PA)\s?)?(?:{_CURRENCY}\s?)?[-+−]?\d+(?:[.,]\d+)*\+?"
    rf"(?:\s?(?:[-–]|to|and)\s?(?:{_CURRENCY}\s?)?[-+−]?\d+(?:[.,]\d+)*)?"
    rf"(?:\s?(?:{_UNITS})(?![A-Za-z]))?(?:\s?{_CURRENCY})?"
)
_QUALIFIER_BEFORE = re.compile(rf"{_QUALIFIER}$")
NUMBER = re.compile(rf"{_QUALIFIER}?{_NUMBER_CORE.pattern}")  # the same terms, in one pattern (slower)


# A numbered-list marker ("1. ", "**7. Summary**", "2) "): a position, not a figure.
_LIST_MARKER_BEFORE = re.compile(r"(?:^|\n)[ \t]*[*_#]*[ \t]*$")
_LIST_MARKER_AFTER = re.compile(r"[.)][ \t]")


def _number_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    last_end = 0
    for m in _NUMBER_CORE.finditer(text):
        start = m.start()
        if (
            m.group().isdigit()
            and len(m.group()) <= 3
            and _LIST_MARKER_AFTER.match(text, m.end())
            and _LIST_MARKER_BEFORE.search(text, max(0, start - 12), start)
        ):
            continue
        q = _QUALIFIER_BEFORE.search(text, max(last_end, start - 24), start)
        if q:
            start = q.start()
        spans.append((start, m.end()))
        last_end = m.end()
    return spans


_NEGATION_ALTERNATIVES = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(NEGATION_WORDS, key=len, reverse=True)
)
NEGATION = re.compile(rf"\b(?:{_NEGATION_ALTERNATIVES})\b", re.IGNORECASE)  # reference; see _negation_spans
_NEGATION_SINGLE = frozenset(w for w in NEGATION_WORDS if " " not in w)
_NEGATION_PAIRS = frozenset(tuple(w.split()) for w in NEGATION_WORDS if " " in w)
_NEGATION_FIRST = frozenset(pair[0] for pair in _NEGATION_PAIRS)
_NEGATION_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# "-free" and "non-" words, searched only where the text has them (a [\w-]+ prefix is
# slow to try at every position).
_FREE_WORD = re.compile(r"\b[\w-]+-free\b|\bnon-[\w-]+", re.IGNORECASE)
# Ingredient names are looked up word by word (a set of up-to-5-word phrases) instead
# of one regex of 170 alternatives, which re would try at every character.
_INGREDIENT_WORD = re.compile(r"[A-Za-z][\w/'-]*")
_INGREDIENT_MAX_WORDS = max(len(i.split()) for i in INGREDIENTS)
# First word of each name -> the longest name starting with it (in words): most words
# start no name, so most positions cost one dict lookup.
_INGREDIENT_FIRST: dict[str, int] = {}
for _name in INGREDIENTS:
    _first, _n = _name.split()[0], len(_name.split())
    _INGREDIENT_FIRST[_first] = max(_INGREDIENT_FIRST.get(_first, 0), _n)
# INCI names not in our list still look alike: capitalised words ending in a class noun,
# a salt ("Sodium X"), or one word with a chemical ending.
_INCI_SHAPE = re.compile(
    r"\b(?:[A-Z][a-z]+[ -]|\([A-Z][a-z]+\) ){1,4}(?:Acid|Extract|Oil|Butter|Glycol|Alcohol|Gum|Ester|Glyceride|"
    r"Triglyceride|Sulfate|Chloride|Oxide|Peptide|Ferment|Filtrate|Juice|Water|Wax|Lysate|Starch|Flour|"
    r"Powder|Protein|Seed|Leaf|Root|Flower|Fruit|Bark|Kernel)\b"
    r"|\b(?:Sodium|Potassium|Calcium|Magnesium|Zinc|Disodium|Trisodium|Tetrasodium|Ammonium|Aluminium|"
    r"Aluminum)(?: [A-Z][a-z]+){1,3}\b"
)
# The words an INCI shape needs (the shape regex is only run where one occurs).
_INCI_HINT = re.compile(
    r"(?:Acid|Extract|Oil|Butter|Glycol|Alcohol|Gum|Ester|Glyceride|Sulfate|Chloride|Oxide|Peptide|Ferment|"
    r"Filtrate|Juice|Water|Wax|Lysate|Starch|Flour|Powder|Protein|Seed|Leaf|Root|Flower|Fruit|Bark|Kernel)\b"
    r"|\b(?:Sodium|Potassium|Calcium|Magnesium|Zinc|Disodium|Trisodium|Tetrasodium|Ammonium|Alumin)"
)
# Capitalised words that open a sentence before a name without being part of it.
_NOT_INCI_FIRST = IMPERATIVE_VERBS | frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "with",
        "without",
        "of",
        "for",
        "in",
        "on",
        "to",
        "from",
        "by",
        "our",
        "your",
        "their",
        "this",
        "that",
        "these",
        "those",
        "its",
        "each",
        "every",
        "all",
        "no",
        "some",
        "any",
        "both",
        "only",
        "pure",
        "natural",
        "organic",
    ]
)
# One word with a chemical ending (checked with str.endswith: one pass over the words).
_CHEMICAL_ENDINGS = (
    "paraben",
    "parabens",
    "siloxane",
    "icone",
    "icones",
    "amide",
    "olamine",
    "azole",
    "quinone",
    "thione",
    "aldehyde",
    "phthalate",
    "phthalates",
    "benzoate",
    "salicylate",
    "glycerin",
    "glycerine",
    "ethanol",
    "isothiazolinone",
    "hydantoin",
    "biotics",
)
_PLAIN_WORD = re.compile(r"\b[A-Za-z]{6,}\b")
# Words that are names or symbols whatever their position: acronyms (two capitals or
# more), mixed case (pH, mL, CoA, iPhone), letters mixed with digits (FR-203, Q3, 24B07).
_SYMBOL = re.compile(
    r"\b(?:[A-Z][A-Z0-9&/-]*[A-Z0-9](?:s\b)?|[a-z]+[A-Z][\w-]*|[A-Z][a-z]+[A-Z][\w-]*"
    r"|[A-Za-z]+\d[\w-]*|\d+[A-Za-z][\w-]*)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\.(?=\s[A-Z]))?")
# A letter or numeral label after a noun: "Phase A", "Annex III", "Vitamin C", "Type I".
# The label names something: it is never an article or a pronoun. Found from the letter
# back to its noun (one regex of forty nouns tried at every position would be slow).
_LABEL_LETTER = re.compile(r"(?<=[ \t])(?:[A-Z]|[IVX]{2,5})\b(?![\w'’])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]$")


def _label_spans(text: str) -> list[Span]:
    found = []
    for m in _LABEL_LETTER.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if not before:
            continue
        noun = before.group(1)
        if noun.lower() in LABEL_NOUNS or (m.group() != "I" and noun[0].isupper() and noun[1:].islower()):
            found.append(Span(before.start(), m.end(), "name", text[before.start() : m.end()]))
    return found


_QUESTION = re.compile(rf"\b(?:{'|'.join(sorted(QUESTION_WORDS))})\b", re.IGNORECASE)
# Where a sentence, clause or list item starts: a capitalised word right after one of
# these is not (necessarily) a name.
_LIST_ITEM_MARK = re.compile(r"\(?[0-9A-Za-z]{1,3}\)")
_STARTERS = frozenset(".!?:;\n•*-–—#>|([\"'“‘")

PROTECTED_PATTERNS = (("number", NUMBER), ("negation", NEGATION), ("ingredient", _INCI_SHAPE))


def _negation_spans(text: str) -> list[Span]:
    """Negation words and phrases, by set lookup over the words (one regex of ninety
    alternatives would be tried at every character)."""
    words = list(_NEGATION_WORD.finditer(text))
    found = []
    for i, m in enumerate(words):
        word = m.group().lower()
        if word in _NEGATION_FIRST and i + 1 < len(words):
            following = words[i + 1]
            if (word, following.group().lower()) in _NEGATION_PAIRS and not text[m.end() : following.start()].strip():
                found.append(Span(m.start(), following.end(), "negation", text[m.start() : following.end()]))
                continue
        if word in _NEGATION_SINGLE:
            found.append(Span(m.start(), m.end(), "negation", m.group()))
    return found


def _pattern_spans(text: str) -> list[Span]:
    found = [Span(a, b, "number", text[a:b]) for a, b in _number_spans(text)]
    found += _negation_spans(text)
    for m in _INCI_SHAPE.finditer(text) if _INCI_HINT.search(text) else ():
        start, name = m.start(), m.group()
        # "Add Ascorbic Acid": a capitalised verb or article before a name is not part of it.
        while " " in name and name.split(" ", 1)[0].lower() in _NOT_INCI_FIRST:
            head = name.split(" ", 1)[0]
            start += len(head) + 1
            name = name[len(head) + 1 :]
        found.append(Span(start, m.end(), "ingredient", name))
    if "-free" in text or "non-" in text or "Non-" in text or "NON-" in text:
        found.extend(Span(m.start(), m.end(), "negation", m.group()) for m in _FREE_WORD.finditer(text))
    found.extend(
        Span(m.start(), m.end(), "ingredient", m.group())
        for m in _PLAIN_WORD.finditer(text)
        if m.group().lower().endswith(_CHEMICAL_ENDINGS)
    )
    return found


@dataclass(frozen=True)
class Span:
    """One protected term in a text: where it is (``start``, ``end``), its kind and its text."""

    start: int
    end: int
    kind: str
    text: str


def _ingredient_spans(text: str) -> list[Span]:
    matches = list(_INGREDIENT_WORD.finditer(text))
    words = [m.group() for m in matches]
    starts = [i for i, w in enumerate(words) if w.lower() in _INGREDIENT_FIRST]
    if not starts:
        return []
    spans = []
    taken = -1
    for i in starts:
        if i <= taken:
            continue
        for n in range(min(_INGREDIENT_FIRST[words[i].lower()], len(matches) - i), 0, -1):
            start, end = matches[i].start(), matches[i + n - 1].end()
            phrase = " ".join(text[start:end].lower().split())
            if phrase in INGREDIENTS:
                spans.append(Span(start, end, "ingredient", text[start:end]))
                taken = i + n - 1
                break
    return spans


def _merge(found: list[Span]) -> tuple[Span, ...]:
    """Non-overlapping spans, earliest and longest first."""
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[Span] = []
    for span in found:
        if merged and span.start < merged[-1].end:
            continue
        merged.append(span)
    return tuple(merged)


@lru_cache(maxsize=4096)
def protected_spans(text: str) -> tuple[Span, ...]:
    """Non-overlapping number, negation and ingredient spans, earliest and longest first
    (cached: sentences are looked at several times -- boilerplate, duplicates, the guard)."""
    return _merge(_ingredient_spans(text) + _pattern_spans(text))


def _starts_sentence(text: str, index: int) -> bool:
    """Whether the word at ``index`` opens a sentence, clause or list item."""
    i = index - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0:
        return True
    # "1." or "a)" list markers, and "Re:" style prefixes, open an item too.
    if text[i] == ")":
        line_start = text.rfind("\n", 0, i) + 1
        return _LIST_ITEM_MARK.fullmatch(text[line_start : i + 1].strip()) is not None
    return text[i] in _STARTERS


@lru_cache(maxsize=4096)
def name_spans(text: str) -> tuple[Span, ...]:
    """Proper names and symbols: capitalised words inside a sentence (runs of them are one
    name), acronyms, mixed-case symbols (pH, mL) and words mixing letters and digits."""
    found = [Span(m.start(), m.end(), "name", m.group()) for m in _SYMBOL.finditer(text)]
    if " " in text:
        found += _label_spans(text)
    run: list[re.Match[str]] = []

    def flush() -> None:
        if run:
            found.append(Span(run[0].start(), run[-1].end(), "name", text[run[0].start() : run[-1].end()]))
            run.clear()

    for m in _CAPITALISED.finditer(text):
        # A run goes on across "St." or "Dr.", not across a sentence's full stop.
        ends_sentence = run and run[-1].group().endswith(".") and len(run[-1].group()) > 4
        if run and not ends_sentence and text[run[-1].end() : m.start()].strip(" -") == "":
            run.append(m)
            continue
        flush()
        if not _starts_sentence(text, m.start()):
            run.append(m)
    flush()
    return _merge(found)


_SENTENCES = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)


def is_question(sentence: str) -> bool:
    """A sentence that asks: it ends with "?" or opens with a question word."""
    stripped = sentence.strip().lstrip("-*•#>0123456789.) \t\"'“")
    if stripped.rstrip("\"'”) ").endswith("?"):
        return True
    first = stripped.split(" ", 1)[0].lower().strip(",:")
    return first in QUESTION_WORDS


def is_instruction(sentence: str) -> bool:
    """A sentence that tells the reader to do something: it opens with a verb in the
    imperative ("Test your own formula.", "- Avoid the eye area")."""
    body = sentence.strip().lstrip("-*•#>0123456789.) \t")
    first = body.split(" ", 1)[0].lower().strip(",:")
    return first in IMPERATIVE_VERBS


@lru_cache(maxsize=4096)
def question_spans(text: str) -> tuple[Span, ...]:
    """Question words (what, which, who, how...) in the questions of ``text``."""
    spans = []
    for sentence in _SENTENCES.finditer(text):
        if is_question(sentence.group()):
            spans.extend(
                Span(sentence.start() + m.start(), sentence.start() + m.end(), "question", m.group())
                for m in _QUESTION.finditer(sentence.group())
            )
    return tuple(spans)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=4096)
def _terms(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((s.kind, _normal(s.text)) for s in protected_spans(text))


def protected_terms(text: str) -> Counter[tuple[str, str]]:
    """The multiset of (kind, normalised text) of numbers, negations and ingredient names.

    >>> sorted(protected_terms("Use 2% Niacinamide, not more."))
    [('ingredient', 'niacinamide'), ('negation', 'not'), ('number', '2%')]
    """
    return Counter(_terms(text))


@lru_cache(maxsize=4096)
def _fidelity_terms(text: str) -> tuple[tuple[str, str], ...]:
    protected = protected_spans(text)
    names = [s for s in name_spans(text) if not any(p.start < s.end and s.start < p.end for p in protected)]
    return (
        *_terms(text),
        *(("name", s.text) for s in names),  # case kept: "pH" is not "PH"
        *(("question", _normal(s.text)) for s in question_spans(text)),
    )


_LEADING_QUALIFIER = re.compile(rf"^{_QUALIFIER}", re.IGNORECASE)


def number_core(term: str) -> str:
    """A number term without the qualifier before it ("around 50 °c" -> "50 °c"): the
    same figure, whether or not a word that stood between them ("about **50 °C**",
    "from a 10% solution") went."""
    return _LEADING_QUALIFIER.sub("", term, count=1)


def same_numbers(before: Counter, after: Counter) -> bool:
    """Whether ``after`` has the numbers of ``before``: the same figures (as a multiset),
    and every qualified one ("up to 5%") still with its qualifier."""
    cores_before = Counter({})
    cores_after = Counter({})
    for (kind, term), n in before.items():
        if kind == "number":
            cores_before[number_core(term)] += n
    for (kind, term), n in after.items():
        if kind == "number":
            cores_after[number_core(term)] += n
    if cores_before != cores_after:
        return False
    return all(
        after[kind, term] >= n for (kind, term), n in before.items() if kind == "number" and number_core(term) != term
    )


def fidelity_terms(text: str) -> Counter[tuple[str, str]]:
    """:func:`protected_terms` plus proper names (case kept) and question words.

    >>> sorted(fidelity_terms("What pH does Acme use?"))
    [('name', 'Acme'), ('name', 'pH'), ('question', 'what')]
    """
    return Counter(_fidelity_terms(text))


# Words that bind to the number after them ("by 2027" is a deadline, "2027" a year).
_BEFORE_NUMBER = re.compile(
    r"(?:\b(?:in|at|by|for|within|after|before|from|to|until|till|per|over|under|above|below|since|of|"
    r"on|than|between|around|about|approx\.?|every|each|vs\.?|versus|x)\s+|[=+±×x/]\s?)$",
    re.IGNORECASE,
)
# What may sit between two numbers of one expression: "24 h and 48 h", "2 x 500 kg".
_CONNECTOR = re.compile(r"\s*(?:and|or|to|&|–|—|-|/|\+|=|±|x|×|vs\.?|of|per|at)?\s*", re.IGNORECASE)
# A word or a unit, in any script, with the dots and slashes of a unit ("µS/cm", "a.u.").
_UNIT_WORD = r"[^\W\d_](?:[\w'’·/–-]|\.(?=\w))*(?:(?<=\.\w)\.)?"
_NEXT_WORDS = re.compile(rf"(?:[ \u00a0]?(?:[-–/][ ]?)?{_UNIT_WORD}){{1,2}}")
# A label right before a number is part of it: "week 18", "class 3", "n = 24", "ΔE 2.1".
_LABEL_BEFORE = re.compile(r"(?:^|(?<=[\s(\[]))[^\W\d_][\w.]{0,11}\s?(?:[=:≈]\s?)?$")
_CLAUSE_EDGE = re.compile(r"[.!?;:\n,—–]|\s-\s|\|")
# A negation's clause also ends at a coordinating conjunction: in "the serum is gentle
# and it is not for children", only the second half is the negation's.
_CONJUNCTION = re.compile(r"\s(?:and|but|or|so|because|while|whereas|although|though)\s", re.IGNORECASE)


def _after_number(text: str, end: int, stop: frozenset[str]) -> int:
    """The end of up to two content words after a number ("30 babies", "10 retained samples")."""
    m = _NEXT_WORDS.match(text, end)
    if not m:
        return end
    words = list(re.finditer(_UNIT_WORD, m.group()))
    kept_end = end
    for w in words:
        if w.group().lower() in stop and not any(c in w.group() for c in "./"):
            break  # a function word ends it; an abbreviated unit ("a.u.") never does
        kept_end = end + w.end()
    return kept_end


def _clause(text: str, span: Span, wide: bool = False) -> tuple[int, int]:
    """The clause around a negation: from the previous clause edge (or conjunction, unless
    ``wide``) to the next one."""
    edges = (_CLAUSE_EDGE,) if wide else (_CLAUSE_EDGE, _CONJUNCTION)
    start = 0
    for pattern in edges:
        for m in pattern.finditer(text, 0, span.start):
            start = max(start, m.end())
    ends = [m.start() for p in edges if (m := p.search(text, span.end))]
    end = min(ends) if ends else len(text)
    while start < span.start and text[start].isspace():
        start += 1
    while end > span.end and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=4096)
def keep_regions(text: str, stop: frozenset[str] = frozenset(), *, wide: bool = False) -> tuple[Span, ...]:
    """Stretches no lossy rule may edit, earliest first, non-overlapping.

    ``stop`` is the set of words (lower case) that never count as a number's unit,
    noun or label: the rules' own function words. Regions are each protected term with
    its context (see the module doc), and names and symbols. ``wide`` (the model-guided
    level) keeps a negation's whole clause across "and"/"but" too. Questions are kept
    whole by the levels themselves (see :func:`is_question`).
    """
    regions: list[Span] = []
    for span in protected_spans(text):
        start, end = span.start, span.end
        if span.kind == "number":
            before = _BEFORE_NUMBER.search(text, max(0, start - 12), start)
            if before:
                start = before.start()
            label = _LABEL_BEFORE.search(text, max(0, start - 16), start)
            if label and label.group().split()[0].rstrip("=:≈").lower() not in stop:
                start = label.start()
            end = _after_number(text, end, stop)
        elif span.kind == "negation":
            start, end = _clause(text, span, wide)
        regions.append(Span(start, end, span.kind, text[start:end]))
    regions.extend(name_spans(text))
    regions.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for span in regions:
        if merged:
            last = merged[-1]
            gap = text[last.end : span.start]
            joined = span.start <= last.end or (
                last.kind == span.kind == "number" and _CONNECTOR.fullmatch(gap) is not None
            )
            if joined:
                end = max(last.end, span.end)
                merged[-1] = Span(last.start, end, last.kind, text[last.start : end])
                continue
        merged.append(span)
    return tuple(merged)


# Private-use characters never occur in analyst text, so a masked term is opaque to
# every word-level rule.
MASK_OPEN, MASK_CLOSE = "\ue000", "\ue001"
_MASKED = re.compile(MASK_OPEN + r"(\d+)" + MASK_CLOSE)


def mask(text: str, spans: tuple[Span, ...] | None = None) -> tuple[str, list[str]]:
    """Replace each span (by default the protected spans) with an opaque placeholder.

    Returns the masked text and the list of replaced texts, for :func:`unmask`.
    """
    parts, kept, pos = [], [], 0
    for span in protected_spans(text) if spans is None else spans:
        parts.append(text[pos : span.start])
        parts.append(f"{MASK_OPEN}{len(kept)}{MASK_CLOSE}")
        kept.append(span.text)
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts), kept


def unmask(text: str, kept: list[str]) -> str:
    """Put the masked texts back (see :func:`mask`)."""
    return _MASKED.sub(lambda m: kept[int(m.group(1))], text)


def clear_caches() -> None:
    """Forget cached spans (benchmarks time cold text, not cache hits)."""
    for cached in (protected_spans, name_spans, question_spans, _terms, _fidelity_terms, keep_regions):
        cached.cache_clear()
