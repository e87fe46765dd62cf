"""What the model-guided level may drop: single words and whole clauses, and what it never touches.

The rules behind steps 3 and 4 of :mod:`optimizer.compression.model_guided` (see its
docstring): a keep-region, a label, an order, an ingredient's head noun, a short segment,
a modifier, a compound's head, a clause that limits or sets the scope of the rest. The
model's scores decide only among what this module lets go.
"""

from __future__ import annotations

import itertools
import re

from .guard import is_instruction, is_question, keep_regions
from .phrases import SUBJECT_PRONOUNS
from .prose import _LINE_PREFIX, _QUOTED, _SENTENCE_END, _STOP, _is_table_row
from .vocabulary import IMPERATIVE_VERBS, MAX_KEEP_WORDS

_CAPITALISED = re.compile(r"[A-Z]")
WORD = re.compile(r"\S+")  # a word as written, with its punctuation
# Words that turn a verb around ("take you out of", "phase out", "back up", "instead of"):
# a reader cannot guess them back, however predictable the model finds them.
_PARTICLES = frozenset(
    ["out", "off", "up", "down", "away", "back", "over", "under", "against", "without", "except", "instead", "apart"]
)
# A person before their verb: the verb stays ("I think there is"); "it" is not one here
_SUBJECTS = SUBJECT_PRONOUNS - {"it"}
# Degree words: the word after them is what they grade ("very strong", "Very small fragments").
_DEGREE = frozenset(["very", "quite", "rather", "too", "so", "highly", "extremely", "fairly", "really", "well"])
# What the single-word pass never drops: connectives, modals and quantifiers, particles,
# prepositions (what a verb acts on or where: "verify it with your own test"), the pronouns
# a verb acts on, and relative pronouns (what a figure belongs to: "…, which is 12%").
_NEVER_ALONE = (
    MAX_KEEP_WORDS
    | _PARTICLES
    | {"with", "for", "from", "in", "on", "at", "by", "into", "onto", "within", "between", "per", "via", "of"}
    | {"it", "them", "which", "who", "whom", "whose", "where", "when", "there"}
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


def candidates_in_line(
    line: str, index: int, *, line_before: str = "", line_after: str = ""
) -> tuple[list[tuple[int, int, int, tuple[int, int]]], list[tuple[int, int, int]]]:
    """Droppable words and clauses of ``line`` (``line_before`` and ``line_after``: the
    text's lines around it, which a sentence may answer or be pointed back at by).

    Words: (line index, start, end, sentence id) of each droppable word core; a sentence id
    is ``(index, n)``, the n-th sentence of the line (``model_guided.SENTENCE_CAP`` applies
    per id). Clauses: (line index, start, end) of each whole sentence or clause that may go
    at once (see :func:`_clauses`).
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
    sentences = _SENTENCE_END.split(line[body_start:])
    for n, sentence in enumerate(sentences):
        begin = line.index(sentence, offset)
        offset = begin + len(sentence)
        if is_question(sentence) or is_instruction(sentence):
            continue
        dense = [(begin + a, begin + b) for a, b in _dense_parts(sentence)]
        if not heading:
            sentence_before = sentences[n - 1] if n else line_before
            after = line[offset:].strip() or line_after
            answers = sentence_before.rstrip().endswith("?")
            clauses += [
                (index, a, b) for a, b in _clauses(line, begin, sentence, regions, dense, after=after, answers=answers)
            ]
        regions += dense
        last_word = ""  # the word before, as written
        tokens = list(WORD.finditer(sentence))
        for j, m in enumerate(tokens):
            lead, core, trail = _CORE.match(m.group()).groups()
            nxt = tokens[j + 1].group().lstrip("\"'“‘([*_").lower() if j + 1 < len(tokens) else ""
            modifies = (
                not trail
                and core.lower() not in _STOP
                and _LETTERS.match(nxt) is not None
                and nxt.rstrip(",.;:!?)]") not in _STOP
            )
            before = last_word.lstrip("\"'“‘([*_").lower()
            after_content = (
                bool(before)
                and _LETTERS.search(before) is not None
                and not before.endswith((",", ".", ";", ":", "!", "?", ")", "]"))
                and (before not in _STOP or before in _DEGREE)
            )
            last_word = m.group()
            if not core or not _LETTERS.search(core) or core.lower() in _NEVER_ALONE:
                continue
            if after_content and not lead and (core.lower() not in _STOP or before in _DEGREE):
                continue  # "night cream", "roll-on deodorant", "Men's grooming", "very strong": a head
            if modifies or before in _SUBJECTS:
                continue  # "eye shadow", "roll-on deodorant" (a modifier), "I think" (a subject's verb)
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
            found.append((index, start, end, (index, n)))
    return found, clauses


# A clause holding one of these limits or conditions what the rest says: never dropped whole.
_RESTRICTING = MAX_KEEP_WORDS - {"and", "or", "both", "all", "each", "every", "any", "some", "most"}
_CLAUSE_PART = re.compile(r"[^,;—–]+")
_CLAUSE_TRAIL = re.compile(r"[,;—–]\s*")
_PLAIN_WORDS = re.compile(r"[A-Za-z']+")
MIN_CLAUSE_WORDS = 3
_LEAD_IN_WORDS = 5  # "As I understand it," (a longer first clause is the sentence's subject and verb)


def _clauses(
    line: str, begin: int, sentence: str, regions: list, dense: list, *, after: str = "", answers: bool = False
) -> list[tuple[int, int]]:
    """Spans of ``line`` (the sentence at ``begin``) that may be dropped whole, when they
    hold no kept region (a number, negation, name, quotation, label or order):

    - the whole sentence, unless it introduces what follows (it ends with ":"), the text
      ``after`` it opens by pointing back at it ("It works best …"), or it ``answers`` the
      question before it ("So, is there room? I think there is, …");
    - a lead-in before the first comma that only frames the sentence ("As I understand
      it, …", "Honestly, …": :data:`_LEAD_INS`);
    - a clause between commas, semicolons or dashes that only elaborates what it follows
      ("…, which …", "…, for example …", "…, such as …": :data:`_ELABORATIONS`), with its
      brackets closed and no word that limits the rest (:data:`_RESTRICTING`).

    Any other clause may carry a list item, a condition or a consequence, and stays
    (review: "fulfillment, payment fees and acquisition can exceed EUR 8", "and you fund most
    of that discount").
    """
    # A dense part the size of the whole sentence does not stop the sentence going whole;
    # its length does ("NEVER. Medicinal claim.": a verdict is short).
    blocked = regions + [(a, b) for a, b in dense if b - a < len(sentence)]
    short = len(sentence.split()) < MIN_SEGMENT_WORDS

    def droppable(a: int, b: int, *, whole: bool = False) -> bool:
        words = _PLAIN_WORDS.findall(line[a:b].lower())
        if not words or any(x < b and a < y for x, y in blocked):
            return False
        return whole or not (set(words) & _RESTRICTING)  # a whole sentence takes its limits with it

    introduces = sentence.rstrip().endswith(":")
    first = _FIRST_WORD.match(after.lower())
    pointed_at = bool(first) and first.group(1) in _POINTING_BACK
    whole = not (introduces or pointed_at or answers or short)
    if whole and droppable(begin, begin + len(sentence), whole=True):
        return [(begin, begin + len(sentence))]
    parts = list(_CLAUSE_PART.finditer(sentence))
    spans = []
    for k, m in enumerate(parts):
        words = [w.lower().strip("\"'“”(") for w in m.group().split()]
        if not words or m.group().count("(") != m.group().count(")"):
            continue
        if k == 0:
            if sentence[m.end() : m.end() + 1] != "," or words[0] not in _LEAD_INS or len(words) > _LEAD_IN_WORDS:
                continue  # a sentence's first clause goes only as a lead-in that frames it
        elif len(words) < MIN_CLAUSE_WORDS or not (words[0] in _ELABORATIONS or tuple(words[:2]) in _ELABORATIONS):
            continue
        a, b = begin + m.start(), begin + m.end()
        if not droppable(a, b):
            continue
        if k == len(parts) - 1:  # ", which is why …." goes with the comma before it, not the full stop after it
            b = begin + len(m.group().rstrip(" .!?")) + m.start()
            a = begin + parts[k - 1].end() if k else a
        else:
            b = _CLAUSE_TRAIL.match(line, b).end()  # with the comma after it
        spans.append((a, b))
    return spans


# Lead-ins that only frame what follows ("As I understand it, …", "Honestly, …").
_LEAD_INS = frozenset(
    {"as", "honestly", "frankly", "personally", "basically", "overall", "broadly", "ideally", "realistically"}
    | {"well", "so", "ok", "okay", "sure", "great", "good", "generally", "briefly"}
)
# What opens a clause that only elaborates the one before it.
_ELABORATIONS = frozenset(
    {"which", "who", "whose", "especially", "particularly", "typically", "usually", "often", "including"}
    | {"e.g.", "i.e.", "like", "mostly", "largely", "ideally"}
    | {("for", "example"), ("for", "instance"), ("such", "as"), ("in", "particular"), ("as", "well")}
)
# A sentence opening with one of these points back at the one before it.
_POINTING_BACK = frozenset(
    ["it", "its", "this", "that", "these", "those", "they", "their", "them", "such", "here", "there", "both"]
)
_FIRST_WORD = re.compile(r"[^\w]*(\w+)")


def _dense_parts(sentence: str) -> list[tuple[int, int]]:
    """Spans of ``sentence`` the model may not thin: short segments (labels, values,
    verdicts), a short label before a colon, and clauses that open with an order."""
    spans = []
    edges = [0, *(m.end() for m in _SEGMENT_EDGE.finditer(sentence)), len(sentence)]
    for a, b in itertools.pairwise(edges):
        if len(WORD.findall(sentence[a:b])) < MIN_SEGMENT_WORDS:
            spans.append((a, b))
    for m in _LABEL.finditer(sentence):
        if len(WORD.findall(m.group())) <= _LABEL_MAX_WORDS:
            spans.append((m.start(), m.end()))
    for m in _CLAUSE_START.finditer(sentence):
        word = re.match(r"[A-Za-z]+", sentence[m.end() :])
        if word and word.group().lower() in IMPERATIVE_VERBS:
            end = _CLAUSE_END.search(sentence, m.end() + word.end())
            spans.append((m.end(), end.start() if end else len(sentence)))
    return spans


_CLAUSE_END = re.compile(r"[,;:.!?—–()]")
