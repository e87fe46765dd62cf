r"""Steps of a process, told apart from lists: numbered or lettered lines that are a method's
steps ("1. Heat phase A / 2. Add phase B"), a batch record in the past tense ("Wax melted at
85C"), one step a line unnumbered, and two lettered lines that are options to compare
rather than steps ("a) fill in-house / b) fill at a co-packer: which is cheaper?").

A text whose lines are steps keeps their order in its canonical form (``canon``): the
order of a method is the method.

>>> numbered_steps("1. Heat phase A to 75 C\n2. Add phase B\n3. Cool")
True
>>> numbered_steps("Requirements:\n1. vegan\n2. SPF 30")
False
"""

from __future__ import annotations

import re

# Lines numbered 1, 2, 3... that are steps: a method's order is the method ("1. Add the
# preservative\n2. Homogenise" is another process than the two swapped). A numbered list of
# requirements is still a list: steps are told by a word for a method or by lines that
# open with a verb of making or using.
_NUMBERED_LINE = re.compile(r"(?:^|(?<=[.;:!?])[ \t]+)[ \t]*(\d{1,2}|[a-h])[.)][ \t]+([^\W\d_]+)", re.M)
# Two lettered lines that open with one verb, and a comparison, are options (see numbered_steps).
# Words that compare two options ("which is cheaper", "which would you recommend", "cost for
# each", "the difference"); an "or" joining clauses asks about a process ("Is the order right,
# or should we premix?").
_OPTIONS = re.compile(
    r"\b(?:compare|comparison|vs|versus|cheaper|better|best|cheapest|difference|each|either|which|recommend"
    r"|or(?!\s+(?:should|shall|do|does|did|is|are|can|could|would|will|must)\b))\b",
    re.I,
)
# Two lettered lines that open with one step verb ("Add", "Apply", "Fill") are steps unless
# the text compares them outright: a bare "which", "each" or "difference" asks about a
# process as often ("Which causes the lumps?", "mix after each", "does the order make a
# difference?").
_STRONG_OPTIONS = re.compile(
    r"\b(?:compare|comparison|vs|versus|cheaper|cheapest|better|best|recommend|costlier|more\s+expensive"
    r"|(?:cost|price)\s+difference|for\s+each|each\s+option|either|more\s+sense|makes?\s+sense|prefer(?:able)?"
    r"|go\s+(?:with|for)|choose|faster|quicker|shorter|longer|lead\s+times?)\b",
    re.I,
)
# A numbered line of its own with a step verb among its first words, or naming a phase, is a
# process step ("1. Phase B into phase A at 75 °C"); a temperature alone is as often a requirement.
_OWN_NUMBERED_LINE = re.compile(r"^[ \t]*(?:\d{1,2}|[a-h])[.)][ \t]+([^\n]*)", re.M)
_PROCESS_CONDITION = re.compile(r"\d\s*°|\bdegrees\b|\b\d+\s*(?:min|mins|minutes|h|hours|rpm)\b|\b\d+\s?[CF]\b", re.I)
_PHASE = re.compile(r"\bphase\s+[a-e]\b", re.I)

_METHOD = re.compile(r"\b(?:method|procedure|process|protocol|instructions?|how\s+to|recipe|directions)\b", re.I)
_STEP_VERBS = frozenset(
    [
        "heat",
        "warm",
        "add",
        "mix",
        "stir",
        "blend",
        "cool",
        "chill",
        "homogenise",
        "homogenize",
        "pour",
        "fill",
        "dissolve",
        "disperse",
        "melt",
        "combine",
        "emulsify",
        "adjust",
        "weigh",
        "sieve",
        "mill",
        "filter",
        "rinse",
        "apply",
        "wait",
        "leave",
        "massage",
        "wash",
        "dry",
        "cap",
        "label",
        "pack",
        "seal",
        "hydrate",
        "neutralise",
        "neutralize",
        "premix",
        "transfer",
        "check",
        "measure",
        "test",
        # powders, soaps, candles and perfumes have steps of their own
        "grind",
        "sift",
        "press",
        "whisk",
        "fold",
        "cure",
        "macerate",
        "decant",
        "mould",
        "mold",
        "cut",
        "wrap",
        "compress",
        "granulate",
        "spray",
        "coat",
        "dip",
        "soak",
        "steep",
        "infuse",
        "distil",
        "distill",
        "extract",
        "freeze",
        "boil",
        "simmer",
        "sterilise",
        "sterilize",
        "let",
        "allow",
        "hold",
        "remove",
        "rest",
        # a skincare routine is steps too
        "cleanse",
        "tone",
        "moisturise",
        "moisturize",
        "exfoliate",
        "protect",
        "treat",
    ]
)


def _rank(label: str) -> int:
    """A step's number: "2" -> 2, "b" -> 2."""
    return int(label) if label.isdigit() else ord(label.lower()) - ord("a") + 1


def _step_verb(word: str) -> bool:
    """Whether ``word`` (lowercase) is a step verb, in any tense a batch record writes it
    ("added", "melted", "poured", "stirred")."""
    return word in _STEP_VERBS or _past_of(word, _STEP_VERBS)


def _past_of(word: str, verbs: frozenset[str]) -> bool:
    """Whether ``word`` is the past tense of one of ``verbs`` ("added", "melted", "stirred")."""
    if not word.endswith("ed") or len(word) <= 4:
        return False
    stem = word[:-2]
    return stem in verbs or stem + "e" in verbs or (stem[-1:] == stem[-2:-1] and stem[:-1] in verbs)


# Two lettered lines that open with a verb of mixing or of a routine are steps, never two
# options, whatever the question ("a) Add the carbomer / b) Add the TEA: is this the best
# order?", "a) Apply the serum / b) Apply the sunscreen: which is better?"): review27.
_MIXING = frozenset(
    {"add", "heat", "mix", "stir", "blend", "melt", "pour", "dissolve", "disperse", "cool", "combine", "neutralise"}
    | {"neutralize", "homogenise", "homogenize", "emulsify", "premix", "adjust", "sprinkle", "sift", "whisk", "apply"}
)


def _mixing(word: str) -> bool:
    """Whether ``word`` (lowercase) is a verb of mixing or of a routine, in any tense ("added")."""
    return word in _MIXING or _past_of(word, _MIXING)


def numbered_steps(text: str) -> bool:
    """Whether ``text`` holds steps numbered in order from 1 (two or more, on lines of their
    own or in one line: "1. Heat phase A. 2. Add phase B.")."""
    found = list(_NUMBERED_LINE.finditer(text))
    lines = [(_rank(m.group(1)), m.group(2).lower()) for m in found]
    if len(lines) < 2 or [n for n, _ in lines[:2]] != [1, 2]:
        return False
    if (
        len(lines) == 2
        and found[0].group(1).isalpha()
        and lines[0][1] == lines[1][1]
        and not _mixing(lines[0][1])
        and (_STRONG_OPTIONS if _step_verb(lines[0][1]) else _OPTIONS).search(text)
    ):
        return False  # "a) fill in-house / b) fill at a co-packer: which is cheaper?": options
    verbs = sum(1 for _, word in lines if _step_verb(word))
    strengths = [_step_line(line) for line in _OWN_NUMBERED_LINE.findall(text)]
    strong = sum(1 for k in strengths if k == _STEP_SURE)
    # "added", "adjusted" count beside a line only a process writes ("Oil phase heated"); a
    # list of changes ("Labels added", "Freight added at 5%") is no batch record
    verbs = max(verbs, strong + (sum(1 for k in strengths if k == _STEP_MAYBE) if strong else 0))
    return verbs * 2 >= len(lines) or (len(lines) >= 3 and bool(_METHOD.search(text)))


_STEP_SURE, _STEP_MAYBE = 2, 1
_STEP_LINES = 3  # unnumbered lines, one step each, from which on they are a process in order


def step_lines(text: str) -> bool:
    """Whether ``text`` holds a process written one step a line, unnumbered ("Heat 75C\nOil
    phase in\nHomogenise\nNeutralise"): three lines or more that are surely steps, and half
    of its lines at least."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < _STEP_LINES:
        return False
    # a checklist ("Check the pH / Measure the viscosity / Test the micro count") is a set
    sure = sum(1 for line in lines if _step_line(line) == _STEP_SURE and not _CHECK.match(line))
    return sure >= _STEP_LINES and sure * 2 >= len(lines)


_CHECK = re.compile(r"\s*(?:check|measure|test|verify|inspect|confirm|review|assess)\b", re.I)


def _step_line(line: str) -> int:
    """How surely a numbered line of its own is a process step: ``_STEP_SURE`` for a step verb
    first, a phase ("Phase B into phase A"), a step verb with a condition ("Wax melted to 85
    °C") or a participle only a process writes ("Wax melted", "stirred in"); ``_STEP_MAYBE`` for a
    participle a list of changes writes as well ("Preservative added", "pH adjusted"); else 0."""
    words = re.findall(r"[^\W\d_]+", line.lower())[:3]
    if not words:
        return 0
    if _step_verb(words[0]) or _PHASE.search(line):
        return _STEP_SURE
    # "Wax melted to 85 °C": a step in a batch record; "Dermatologically tested" is a claim.
    if not any(_step_verb(w) for w in words[1:]):
        return 0
    if _PROCESS_CONDITION.search(line) or any(
        _process_participle(w, words[k], strong=True) for k, w in enumerate(words[1:])
    ):
        return _STEP_SURE
    return _STEP_MAYBE if any(_process_participle(w, words[k]) for k, w in enumerate(words[1:])) else 0


# Step verbs whose participle names no claim or state of a product ("tested", "dried",
# "sealed", "labelled", "filled", "pressed" powder, "cured" soap may be either).
_PROCESS_ONLY = frozenset(
    {"melt", "stir", "pour", "dissolve", "disperse", "emulsify", "homogenize", "homogenise", "premix", "sift"}
    | {"sieve", "decant"}  # not "added" ("with added keratin"), "blended", "mixed", "heated", "cooled"
)


def _process_participle(word: str, before: str = "", *, strong: bool = False) -> bool:
    """Whether ``word`` is the past participle of a process verb ("melted", "stirred"; with
    ``strong`` False "heated", "added", "adjusted" too, but not after "with"/"no": "with added
    keratin" describes)."""
    if before in _DESCRIBING:
        return _past_of(word, _PROCESS_ONLY)
    return _past_of(word, _PROCESS_SURE if strong else _PROCESS_ANY)


_HEAT = frozenset(
    {"heat", "warm", "cool", "chill", "hydrate", "neutralise", "neutralize"}
)  # a process's, but not after "with" ("with heated ...")
_PROCESS_TOO = frozenset({"add", "adjust", "mix", "blend", "combine"})
_PROCESS_SURE = _PROCESS_ONLY | _HEAT
_PROCESS_ANY = _PROCESS_SURE | _PROCESS_TOO
_DESCRIBING = frozenset({"with", "without", "no", "of", "and"})
