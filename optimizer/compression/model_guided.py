"""The model-guided level ("max"): drop what the embedded model finds predictable.

1. The aggressive rules run first (they are cheap, and leave the model fewer tokens).
2. The embedded SmolLM2 scores every token's self-information (``scoring``); a word's
   score is the sum of its tokens' bits: a word the model could have guessed costs few
   bits and says little.
3. Whole sentences and clauses go first, the least informative per token first, so that
   what stays still reads and says what the original said: never one that holds a
   keep-region (numbers with their prepositions and units, negation clauses, ingredient
   and proper names: see ``guard``), a quotation, a label, an order or a question; a
   sentence never when it is short (a verdict), introduces what follows (it ends with
   ":"), answers the question before it, or the next one points back at it ("It …");
   a clause only when it elaborates the one before it (", which …", ", for example …")
   or frames the sentence as a lead-in ("As I understand it, …"): any other clause may
   be a list item, a condition or a consequence (see ``_clauses``).
4. Then single words, only those the model could have guessed (at most
   :data:`WORD_BITS` bits), least informative first, at most :data:`SENTENCE_CAP` of a
   sentence: never a word of a keep-region, a connective, modal or quantifier
   (``MAX_KEEP_WORDS``), a particle, a preposition, "it"/"them", a relative pronoun, a
   phrase's last word, a modifier before a content word ("eye shadow"), a content word
   after another or after a degree word ("night cream", "very strong": the model guesses
   "cream", a reader of "night" cannot), a subject's verb ("I think"), a capitalised word
   other than a sentence's opening function word, or a word of a short segment
   ("Tooling: none"), a question, an instruction or a table row.
5. Until the text is ``target`` smaller than the original (in the target tokenizer's
   tokens), and a meaning floor: the drops stop before the text's WordLlama similarity to
   the original falls under :data:`SIMILARITY_FLOOR` (binary search on how many to drop).
6. The guard checks every line; a line whose numbers, negations or ingredient names
   changed, or that lost a name or question word, keeps its aggressive text.

Measured on the tuning halves: dropping single words by the model's score mixed with
their cost to the similarity saved about 37% of the verbose answers and left sentences a
reader could not follow ("It's important not to imply that your serum treats hair loss:
US, or, and would."), lost units ("< 45 a.u." became "< 45.") and what a limit applied to
("For body lotion, the maximum is 0.05% RE" became "maximum 0.05% RE"); an analyst's review
of the first rewrite (tests/test_prose_review2.py) found 23 more meaning changes, mostly
from dropping clauses in the middle of a sentence. The rules above save less (about 16%
of the verbose tuning answers) and keep the text readable and true.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from ..tokens import get_encoding
from .droppable import WORD, candidates_in_line
from .guard import fidelity_terms, protected_terms
from .prose import _LINE_PREFIX, _SENTENCE_END, compress_prose
from .scoring import score_tokens
from .similarity import similarity

DEFAULT_TARGET = 0.6  # fraction of the original's tokens to remove
SIMILARITY_FLOOR = 0.86  # WordLlama similarity to the original the drops never go below (the bar: 0.85)
# At most this share of a sentence's words goes one by one, so every sentence keeps its
# skeleton (at 0.8 sentences emptied out; measured on the tuning halves).
SENTENCE_CAP = 0.5
# A single word goes only when the model gave it at most this many bits (p >= 1/16): a
# word it could not have guessed, a reader cannot either.
WORD_BITS = 4.0


@dataclass(frozen=True)
class MaxResult:
    """The model-guided output, and what it did."""

    text: str
    techniques: tuple[str, ...]
    dropped: int  # sentences, clauses and words taken, in rank order
    skipped_lines: int
    floor_reached: bool  # the meaning floor stopped the drops before the target


@dataclass(frozen=True)
class _Candidate:
    line: int
    start: int  # of the droppable core in the line
    end: int
    bits: float
    tokens: int


def _mean(values: list[float]) -> float:
    """The mean of ``values`` (infinite when there are none: ranked last)."""
    return sum(values) / len(values) if values else float("inf")


def _sentence_sizes(lines: list[str]) -> dict[tuple[int, int], int]:
    """Words per sentence id (see :func:`~optimizer.compression.droppable.candidates_in_line`)."""
    sizes = {}
    for index, line in enumerate(lines):
        prefix = _LINE_PREFIX.match(line).group(1) if line else ""
        for n, sentence in enumerate(_SENTENCE_END.split(line[len(prefix) :])):
            sizes[index, n] = len(WORD.findall(sentence))
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
    filled = [i for i, line in enumerate(lines) if line.strip()]
    previous = {b: a for a, b in itertools.pairwise(filled)}
    following = dict(itertools.pairwise(filled))
    parts = [
        candidates_in_line(
            line,
            i,
            line_before=lines[previous[i]] if i in previous else "",
            line_after=lines[following[i]] if i in following else "",
        )
        for i, line in enumerate(lines)
    ]
    found = [c for words, _ in parts for c in words]
    clauses = [c for _, units in parts for c in units]
    sizes = _sentence_sizes(lines)
    need = count(base) - (1.0 - target) * count(text)
    if not (found or clauses) or need <= 0:
        return MaxResult(base, rules.techniques, 0, 0, False)

    # Only lines with something to drop are scored (and given as context to each other):
    # tables, questions and fully protected lines cost the model nothing.
    scored_lines = sorted({i for i, *_ in found} | {i for i, *_ in clauses})
    line_starts: dict[int, int] = {}
    position = 0
    for i in scored_lines:
        line_starts[i] = position
        position += len(lines[i]) + 1
    # Only the candidates' own tokens need their bits (the rest is read as context).
    spans = [(line_starts[i] + start, line_starts[i] + end) for i, start, end, _ in found]
    spans += [(line_starts[i] + start, line_starts[i] + end) for i, start, end in clauses]
    scores = score_tokens("\n".join(lines[i] for i in scored_lines), wanted=tuple(spans))
    starts = [score.start for score in scores]

    def token_bits(a: int, b: int) -> list[float]:
        j = max(bisect.bisect_right(starts, a) - 1, 0)
        out = []
        while j < len(scores) and scores[j].start < b:
            if scores[j].end > a:
                out.append(scores[j].bits)
            j += 1
        return out

    bits = [sum(token_bits(a, b)) for a, b in spans[: len(found)]]
    density = {c: _mean(token_bits(a, b)) for c, (a, b) in zip(clauses, spans[len(found) :], strict=True)}
    ranked = sorted((k for k in range(len(found)) if bits[k] <= WORD_BITS), key=bits.__getitem__)
    # Whole sentences and clauses go first, the least informative per token first: a text
    # without them still reads; single words go after, when they did not reach the target.
    candidates = []
    for i, a, b in sorted(clauses, key=density.__getitem__):
        candidates.append(_Candidate(i, a, b, density[i, a, b], count(" " + lines[i][a:b].strip())))
    whole = [(c.line, c.start, c.end) for c in candidates]
    allowed = {sid: int(SENTENCE_CAP * n) for sid, n in sizes.items()}
    for k in ranked:
        i, s, e, sid = found[k]
        if allowed.get(sid, 0) > 0:
            allowed[sid] -= 1
            inside = any(j == i and a <= s and e <= b for j, a, b in whole)
            candidates.append(_Candidate(i, s, e, bits[k], 0 if inside else count(" " + lines[i][s:e])))
    # How many of the cheapest candidates reach the target...
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
