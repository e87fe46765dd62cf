"""The model-guided level ("max"): drop what the embedded model finds predictable.

1. The aggressive rules run first (they are cheap, and leave the model fewer tokens).
2. The embedded SmolLM2 scores every token's self-information (``scoring``); a word's
   score is the sum of its tokens' bits: a word the model could have guessed costs few
   bits and says little.
3. Words are dropped, least informative first, until the text is ``target`` smaller than
   the original (in the target tokenizer's tokens); among equally predictable words, those
   whose loss costs the WordLlama similarity least go first (``similarity.drop_costs``,
   weighted by :data:`MEANING_WEIGHT`) -- never a word of a keep-region
   (numbers with their prepositions and units, negation clauses, ingredient and proper
   names: see ``guard``), never a connective, modal or quantifier (``MAX_KEEP_WORDS``),
   never a word of a question, an instruction (a sentence opening with a verb in the
   imperative) or a table row.
4. A meaning floor: the drops stop before the text's WordLlama similarity to the
   original falls under :data:`SIMILARITY_FLOOR` (binary search on how many to drop).
5. The guard checks every line; a line whose numbers, negations or ingredient names
   changed, or that lost a name or question word, keeps its aggressive text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tokens import get_encoding
from .guard import fidelity_terms, is_instruction, is_question, keep_regions, protected_terms
from .prose import _LINE_PREFIX, _QUOTED, _SENTENCE_END, _STOP, _is_table_row, compress_prose
from .scoring import score_tokens
from .similarity import drop_costs, similarity
from .vocabulary import MAX_KEEP_WORDS

DEFAULT_TARGET = 0.6  # fraction of the original's tokens to remove
SIMILARITY_FLOOR = 0.86  # WordLlama similarity to the original the drops never go below (the bar: 0.85)
# At most this share of a sentence's words goes, so every sentence keeps its skeleton
# (similarity alone would let whole sentences empty out).
SENTENCE_CAP = 0.8
# How much a word's cost to the similarity counts against its self-information when
# ranking drops (ranks added; 0 ranks by the model alone).
MEANING_WEIGHT = 1.0
_CAPITALISED = re.compile(r"[A-Z]")
_WORD = re.compile(r"\S+")
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


def _candidates_in_line(line: str, index: int) -> list[tuple[int, int, int, int]]:
    """(line index, start, end, sentence id) of each droppable word core of ``line``.

    Sentence ids are ``index * 1000 + n``; :data:`SENTENCE_CAP` applies per id.
    """
    if not line.strip() or _is_table_row(line):
        return []
    prefix = _LINE_PREFIX.match(line).group(1)
    body_start = len(prefix)
    regions = [(r.start, r.end) for r in keep_regions(line, _STOP, wide=True)]
    regions += [(m.start(), m.end()) for m in _QUOTED.finditer(line)]  # claims, taglines, names
    found = []
    offset = body_start
    for n, sentence in enumerate(_SENTENCE_END.split(line[body_start:])):
        begin = line.index(sentence, offset)
        offset = begin + len(sentence)
        if is_question(sentence) or is_instruction(sentence):
            continue
        for m in _WORD.finditer(sentence):
            lead, core, _ = _CORE.match(m.group()).groups()
            if not core or not _LETTERS.search(core) or core.lower() in MAX_KEEP_WORDS:
                continue
            if _CAPITALISED.match(core) and (m.start() > 0 or not core.isalpha() or not core[1:].islower()):
                continue  # a name, a symbol or an acronym (a capital at a sentence's start may go)
            start = begin + m.start() + len(lead)
            end = start + len(core)
            if any(a < end and start < b for a, b in regions):
                continue
            found.append((index, start, end, index * 1000 + n))
    return found


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
    found = [c for i, line in enumerate(lines) for c in _candidates_in_line(line, i)]
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
    # Least informative first (the model), and among those, the ones the meaning floor can
    # spare (WordLlama): both ranks count equally.
    costs = drop_costs(text, base, [lines[i][s:e] for i, s, e, _ in found])
    by_bits = {k: r for r, k in enumerate(sorted(range(len(found)), key=bits.__getitem__))}
    by_cost = {k: r for r, k in enumerate(sorted(range(len(found)), key=costs.__getitem__))}
    ranked = sorted(range(len(found)), key=lambda k: by_bits[k] + MEANING_WEIGHT * by_cost[k])
    allowed = {sid: int(SENTENCE_CAP * n) for sid, n in sizes.items()}
    candidates = []
    for k in ranked:
        i, s, e, sid = found[k]
        if allowed.get(sid, 0) > 0:
            allowed[sid] -= 1
            candidates.append(_Candidate(i, s, e, bits[k], count(" " + lines[i][s:e])))
    # How many of the cheapest words reach the target...
    budget, removed = 0, 0.0
    while budget < len(candidates) and removed < need:
        removed += candidates[budget].tokens
        budget += 1

    def build(n: int) -> tuple[str, int]:
        drops: dict[int, list[tuple[int, int]]] = {}
        for c in candidates[:n]:
            drops.setdefault(c.line, []).append((c.start, c.end))
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
