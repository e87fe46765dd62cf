"""The model-guided level ("max"): drop what the embedded model finds predictable.

1. The aggressive rules run first (they are cheap, and leave the model fewer tokens).
2. The embedded SmolLM2 scores every token's self-information (``scoring``); a word's
   score is the sum of its tokens' bits: a word the model could have guessed costs few
   bits and says little.
3. Whole sentences and clauses go first, the least informative per character first, so
   that what stays still reads: never one that holds a keep-region (numbers with their
   prepositions and units, negation clauses, ingredient and proper names: see ``guard``),
   a quotation, a label, an order or a question; a clause (not a whole sentence) never
   when it limits the rest ("only", "unless", a modal: :data:`_RESTRICTING`) or sets its
   scope ("For body lotion, the maximum is 0.05%").
4. Then single words, only those the model could have guessed (at most
   :data:`WORD_BITS` bits), least informative first, at most :data:`SENTENCE_CAP` of a
   sentence: never a word of a keep-region, a connective, modal or quantifier
   (``MAX_KEEP_WORDS``), a particle ("out of"), a phrase's last word, a content word right
   after another ("night cream": the model guesses "cream", a reader of "night" cannot), a
   capitalised word other than a sentence's opening function word, or a word of a short
   segment ("Tooling: none"), a question, an instruction or a table row.
5. Until the text is ``target`` smaller than the original (in the target tokenizer's
   tokens), and a meaning floor: the drops stop before the text's WordLlama similarity to
   the original falls under :data:`SIMILARITY_FLOOR` (binary search on how many to drop).
6. The guard checks every line; a line whose numbers, negations or ingredient names
   changed, or that lost a name or question word, keeps its aggressive text.

Measured on the tuning halves: dropping single words by the model's score mixed with
their cost to the similarity saved about 37% of the verbose answers and left sentences a
reader could not follow ("It's important not to imply that your serum treats hair loss:
US, or, and would."), lost units ("< 45 a.u." became "< 45.") and what a limit applied to
("For body lotion, the maximum is 0.05% RE" became "maximum 0.05% RE"); clauses first and
guessable words only save less (about 19%) and keep the text readable.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..tokens import get_encoding
from .guard import fidelity_terms, is_instruction, is_question, keep_regions, protected_terms
from .prose import _LINE_PREFIX, _QUOTED, _SENTENCE_END, _STOP, _is_table_row, compress_prose
from .scoring import score_tokens
from .similarity import similarity
from .vocabulary import IMPERATIVE_VERBS, MAX_KEEP_WORDS

DEFAULT_TARGET = 0.6  # fraction of the original's tokens to remove
SIMILARITY_FLOOR = 0.86  # WordLlama similarity to the original the drops never go below (the bar: 0.85)
# At most this share of a sentence's words goes one by one, so every sentence keeps its
# skeleton (at 0.8 sentences emptied out; measured on the tuning halves).
SENTENCE_CAP = 0.5
# A single word goes only when the model gave it at most this many bits (p >= 1/16): a
# word it could not have guessed, a reader cannot either.
WORD_BITS = 4.0
_CAPITALISED = re.compile(r"[A-Z]")
_WORD = re.compile(r"\S+")
# Words that turn a verb around ("take you out of", "phase out", "back up", "instead of"):
# a reader cannot guess them back, however predictable the model finds them.
_PARTICLES = frozenset(
    ["out", "off", "up", "down", "away", "back", "over", "under", "against", "without", "except", "instead", "apart"]
)
# A segment of a sentence (between ":" or ";") shorter than this is a label, a value or a
# verdict ("Tooling: none", "NEVER. Medicinal claim."): dense, and kept whole.
MIN_SEGMENT_WORDS = 6
_SEGMENT_EDGE = re.compile(r"[:;](?=\s)|\s[—–]\s")
# A label before a colon ("Methylisothiazolinone (MIT) in leave-on products: not permitted",
# "← legal: do not use"): what the value after it is about, kept whole.
_LABEL = re.compile(r"(?:^|(?<=[.;(←→|•]))[^.;:(←→|•\n]{1,80}?:(?=\s)")
_LABEL_MAX_WORDS = 6
# A clause that gives an order inside a longer sentence ("…, simply remove the rosemary oil",
# "— swap it for Hydrolyzed Rice Protein"): kept whole, like an instruction sentence.
_CLAUSE_START = re.compile(
    r"(?:^|[,;:—–(]|\bthen\b|\bso\b)\s*(?:(?:simply|just|then|also|please|instead|first|always|now)\s+)*", re.IGNORECASE
)
# Words that name an ingredient with the word before them ("rosemary oil", "Aluminum
# Zirconium salts"): the pair is kept.
INGREDIENT_HEADS = frozenset(
    [
        "oil",
        "oils",
        "extract",
        "extracts",
        "butter",
        "salt",
        "salts",
        "acid",
        "acids",
        "wax",
        "water",
        "juice",
        "powder",
        "protein",
        "proteins",
        "ester",
        "esters",
        "glycol",
        "gum",
        "resin",
        "clay",
        "flower",
        "leaf",
        "seed",
        "seeds",
        "root",
        "peel",
        "bark",
        "ferment",
        "filtrate",
        "hydrolysate",
        "alcohol",
        "vinegar",
        "milk",
        "honey",
        "sugar",
    ]
)
_HEAD_PAIR = re.compile(r"\b[^\W\d_][\w'-]*\s+(" + "|".join(sorted(INGREDIENT_HEADS)) + r")\b", re.IGNORECASE)
_CORE = re.compile(r"^([\"'“‘(\[*_#]*)(.*?)([\"'”’)\],.;:!?*_]*)$", re.DOTALL)
_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class MaxResult:
    """The model-guided output, and what it did."""

    text: str
    techniques: tuple[str, ...]
    dropped_words: int
    skipped_lines: int
    floor_reached: bool  # the meaning floor stopped the drops before the target


@dataclass(frozen=True)
class _Candidate:
    line: int
    start: int  # of the droppable core in the line
    end: int
    bits: float
    tokens: int


def _candidates_in_line(line: str, index: int) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]:
    """Droppable words and clauses of ``line``.

    Words: (line index, start, end, sentence id) of each droppable word core; sentence ids
    are ``index * 1000 + n``, and :data:`SENTENCE_CAP` applies per id. Clauses: (line
    index, start, end) of each whole sentence or clause that may go at once (see
    :func:`_clauses`).
    """
    if not line.strip() or _is_table_row(line):
        return [], []
    prefix = _LINE_PREFIX.match(line).group(1)
    body_start = len(prefix)
    regions = [(r.start, r.end) for r in keep_regions(line, _STOP, wide=True)]
    regions += [(m.start(), m.end()) for m in _QUOTED.finditer(line)]  # claims, taglines, names
    regions += [(m.start(), m.end()) for m in _HEAD_PAIR.finditer(line)]
    found, clauses = [], []
    offset = body_start
    heading = prefix.lstrip().startswith("#")
    for n, sentence in enumerate(_SENTENCE_END.split(line[body_start:])):
        begin = line.index(sentence, offset)
        offset = begin + len(sentence)
        if is_question(sentence) or is_instruction(sentence):
            continue
        dense = [(begin + a, begin + b) for a, b in _dense_parts(sentence)]
        if not heading:
            clauses += [(index, a, b) for a, b in _clauses(line, begin, sentence, regions, dense)]
        regions += dense
        previous = ""  # the word before, as written
        for m in _WORD.finditer(sentence):
            lead, core, trail = _CORE.match(m.group()).groups()
            after_content = bool(previous) and previous.isalpha() and previous.lower() not in _STOP
            previous = m.group()
            if not core or not _LETTERS.search(core) or core.lower() in MAX_KEEP_WORDS | _PARTICLES:
                continue
            if after_content and not lead and core.lower() not in _STOP:
                continue  # "night cream", "hold stock": a content word right after another
            if _CAPITALISED.match(core) and (m.start() > 0 or not core.isalpha() or not core[1:].islower()):
                continue  # a name, a symbol or an acronym
            if _CAPITALISED.match(core) and core.lower() not in _STOP:
                continue  # a sentence's first word goes only when it is a function word ("The", "It")
            start = begin + m.start() + len(lead)
            end = start + len(core)
            if trail or end >= begin + len(sentence.rstrip()):
                continue  # the last word before a comma or a full stop: a phrase's head
            if any(a < end and start < b for a, b in regions):
                continue
            found.append((index, start, end, index * 1000 + n))
    return found, clauses


# A clause holding one of these limits or conditions what the rest says: never dropped whole.
_RESTRICTING = MAX_KEEP_WORDS - {"and", "or", "both", "all", "each", "every", "any", "some", "most"}
_CLAUSE_PART = re.compile(r"[^,;—–]+")
_CLAUSE_TRAIL = re.compile(r"[,;—–]\s*")
_PLAIN_WORDS = re.compile(r"[A-Za-z']+")
MIN_CLAUSE_WORDS = 3
_LEAD_IN_WORDS = 5  # "As I understand it," (a longer first clause is the sentence's subject and verb)


def _clauses(line: str, begin: int, sentence: str, regions: list, dense: list) -> list[tuple[int, int]]:
    """Spans of ``line`` (the sentence at ``begin``) that may be dropped whole: the whole
    sentence, or else each clause between commas, semicolons and dashes of three words or
    more, with its brackets closed, when it holds no kept region (a number, negation, name,
    quotation, label or order) and no word that limits the rest (:data:`_RESTRICTING`).
    A sentence's first clause goes only as a lead-in before a comma ("As I understand it,
    …"), never one that sets the scope of the rest ("For body lotion, …")."""
    # A dense part the size of the whole sentence does not stop the sentence going whole.
    blocked = regions + [(a, b) for a, b in dense if b - a < len(sentence)]

    def droppable(a: int, b: int, *, whole: bool = False) -> bool:
        words = _PLAIN_WORDS.findall(line[a:b].lower())
        if not words or any(x < b and a < y for x, y in blocked):
            return False
        return whole or not (set(words) & _RESTRICTING)  # a whole sentence takes its limits with it

    if droppable(begin, begin + len(sentence), whole=True):
        return [(begin, begin + len(sentence))]
    parts = list(_CLAUSE_PART.finditer(sentence))
    spans = []
    for k, m in enumerate(parts):
        words = m.group().split()
        if len(words) < MIN_CLAUSE_WORDS or m.group().count("(") != m.group().count(")"):
            continue
        last = k == len(parts) - 1
        if words[0].lower() in _SCOPE and not last:
            continue  # "For body lotion, the maximum is 0.05%": what the rest applies to
        if k == 0 and (sentence[m.end() : m.end() + 1] != "," or len(words) > _LEAD_IN_WORDS):
            continue  # a sentence's first clause goes only as a short lead-in before a comma
        a, b = begin + m.start(), begin + m.end()
        if not droppable(a, b):
            continue
        if last:  # ", which is why …." goes with the comma before it, not the full stop after it
            b = begin + len(m.group().rstrip(" .!?")) + m.start()
            a = begin + parts[k - 1].end() if k else a
        else:
            b = _CLAUSE_TRAIL.match(line, b).end()  # with the comma after it
        spans.append((a, b))
    return spans


# Prepositions that open a phrase setting the scope of the clause after it.
_SCOPE = frozenset(
    [
        "for",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "within",
        "under",
        "over",
        "during",
        "after",
        "before",
        "across",
        "among",
        "per",
        "outside",
        "inside",
        "throughout",
        "via",
        "through",
    ]
)


def _dense_parts(sentence: str) -> list[tuple[int, int]]:
    """Spans of ``sentence`` the model may not thin: short segments (labels, values,
    verdicts), a short label before a colon, and clauses that open with an order."""
    spans = []
    edges = [0, *(m.end() for m in _SEGMENT_EDGE.finditer(sentence)), len(sentence)]
    for a, b in itertools.pairwise(edges):
        if len(_WORD.findall(sentence[a:b])) < MIN_SEGMENT_WORDS:
            spans.append((a, b))
    for m in _LABEL.finditer(sentence):
        if len(_WORD.findall(m.group())) <= _LABEL_MAX_WORDS:
            spans.append((m.start(), m.end()))
    for m in _CLAUSE_START.finditer(sentence):
        word = re.match(r"[A-Za-z]+", sentence[m.end() :])
        if word and word.group().lower() in IMPERATIVE_VERBS:
            end = _CLAUSE_END.search(sentence, m.end() + word.end())
            spans.append((m.end(), end.start() if end else len(sentence)))
    return spans


_CLAUSE_END = re.compile(r"[,;:.!?—–()]")


def _clause_density(clause: tuple[int, int, int], found: list, bits: list[float]) -> float:
    """Bits per character of the droppable words inside ``clause`` (infinite when none)."""
    i, a, b = clause
    inside = [k for k, (j, s, e, _) in enumerate(found) if j == i and a <= s and e <= b]
    chars = sum(found[k][2] - found[k][1] for k in inside)
    return sum(bits[k] for k in inside) / chars if chars else float("inf")


def _sentence_sizes(lines: list[str]) -> dict[int, int]:
    """Words per sentence id (see :func:`_candidates_in_line`)."""
    sizes = {}
    for index, line in enumerate(lines):
        prefix = _LINE_PREFIX.match(line).group(1) if line else ""
        for n, sentence in enumerate(_SENTENCE_END.split(line[len(prefix) :])):
            sizes[index * 1000 + n] = len(_WORD.findall(sentence))
    return sizes


def _render(lines: list[str], drops: dict[int, list[tuple[int, int]]]) -> list[str]:
    out = []
    for index, line in enumerate(lines):
        spans = drops.get(index)
        if not spans:
            out.append(line)
            continue
        prefix = _LINE_PREFIX.match(line).group(1)
        pieces, position = [], 0
        for start, end in sorted(spans):
            pieces.append(line[position:start])
            position = end
        pieces.append(line[position:])
        body = "".join(pieces)[len(prefix) :]
        body = re.sub(r"[ \t]{2,}", " ", body)
        body = re.sub(r"\s+([,.;:!?)])", r"\1", body)
        body = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", body)
        body = re.sub(r"([,;])(?=[A-Za-z])", r"\1 ", body)
        body = re.sub(r"\(\s*\)", "", body)
        body = re.sub(r"^[\s,;:.]+", "", body).strip()
        out.append(prefix + body if body else "")
    return out


def _names_kept(before: str, after: str) -> bool:
    return all(
        term in after
        for kind, term in fidelity_terms(before)
        if kind == "name"  # position-free: a name that now opens the line is still there
    ) and all(
        after.lower().count(term) >= n for (kind, term), n in fidelity_terms(before).items() if kind == "question"
    )


def compress_max(
    text: str, encoding_name: str, *, target: float = DEFAULT_TARGET, floor: float = SIMILARITY_FLOOR
) -> MaxResult:
    """Compress ``text`` with the rules, then with the embedded model's scores (see the module doc).

    ``target`` is the fraction of the original's tokens (``encoding_name``) to remove;
    ``floor`` the WordLlama similarity the result keeps to the original. Raises
    :class:`~optimizer.errors.ConfigError` (one sentence) when the embedded model is
    unavailable.
    """
    encoding = get_encoding(encoding_name)

    def count(value: str) -> int:
        return len(encoding.encode_ordinary(value))

    rules = compress_prose(text, "aggressive", encoding_name)
    base = rules.text
    lines = base.split("\n")
    parts = [_candidates_in_line(line, i) for i, line in enumerate(lines)]
    found = [c for words, _ in parts for c in words]
    clauses = [c for _, units in parts for c in units]
    sizes = _sentence_sizes(lines)
    need = count(base) - (1.0 - target) * count(text)
    if not found or need <= 0:
        return MaxResult(base, rules.techniques, 0, 0, False)

    # Only lines with something to drop are scored (and given as context to each other):
    # tables, questions and fully protected lines cost the model nothing.
    scored_lines = sorted({i for i, *_ in found})
    line_starts: dict[int, int] = {}
    position = 0
    for i in scored_lines:
        line_starts[i] = position
        position += len(lines[i]) + 1
    # Only the candidates' own tokens need their bits (the rest is read as context).
    wanted = tuple((line_starts[i] + start, line_starts[i] + end) for i, start, end, _ in found)
    scores = score_tokens("\n".join(lines[i] for i in scored_lines), wanted=wanted)
    bits = [0.0] * len(found)
    cursor = 0
    for k, (i, start, end, _) in enumerate(found):
        a, b = line_starts[i] + start, line_starts[i] + end
        while cursor < len(scores) and scores[cursor].end <= a:
            cursor += 1
        j = cursor
        while j < len(scores) and scores[j].start < b:
            bits[k] += scores[j].bits
            j += 1
    ranked = sorted((k for k in range(len(found)) if bits[k] <= WORD_BITS), key=bits.__getitem__)
    # Whole clauses go first, the least informative per character first: a text without a
    # clause still reads; single words go after, when the clauses did not reach the target.
    candidates = []
    for i, a, b in sorted(clauses, key=lambda c: _clause_density(c, found, bits)):
        if any(j == i and a <= s and e <= b for j, s, e, _ in found):
            candidates.append(_Candidate(i, a, b, 0.0, count(" " + lines[i][a:b].strip())))
    whole = [(c.line, c.start, c.end) for c in candidates]
    allowed = {sid: int(SENTENCE_CAP * n) for sid, n in sizes.items()}
    for k in ranked:
        i, s, e, sid = found[k]
        if allowed.get(sid, 0) > 0:
            allowed[sid] -= 1
            inside = any(j == i and a <= s and e <= b for j, a, b in whole)
            candidates.append(_Candidate(i, s, e, bits[k], 0 if inside else count(" " + lines[i][s:e])))
    # How many of the cheapest words reach the target...
    budget, removed = 0, 0.0
    while budget < len(candidates) and removed < need:
        removed += candidates[budget].tokens
        budget += 1

    def build(n: int) -> tuple[str, int]:
        drops: dict[int, list[tuple[int, int]]] = {}
        for c in candidates[:n]:
            spans = drops.setdefault(c.line, [])
            if not any(a <= c.start and c.end <= b for a, b in spans):  # not inside a dropped clause
                spans.append((c.start, c.end))
        rendered = _render(lines, drops)
        skipped = 0
        for i, (old, new) in enumerate(zip(lines, rendered, strict=True)):
            if new != old and (protected_terms(new) != protected_terms(old) or not _names_kept(old, new)):
                rendered[i] = old  # the guard refused this line's drops
                skipped += 1
        return "\n".join(rendered), skipped

    # ...and how many the meaning floor allows (similarity falls as words go).
    output, skipped = build(budget)
    floor_reached = False
    if similarity(text, output) < floor:
        floor_reached = True
        low, high = 0, budget
        while high - low > 1:
            middle = (low + high) // 2
            if similarity(text, build(middle)[0]) >= floor:
                low = middle
            else:
                high = middle
        budget = low
        output, skipped = build(budget)
    output = re.sub(r"\n{3,}", "\n\n", output).strip("\n")
    techniques = (*rules.techniques, "model-guided")
    return MaxResult(output, techniques, budget, skipped, floor_reached)
