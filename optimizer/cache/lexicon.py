"""Word knowledge for the cache guard: known words, British/American spellings, inflection,
and typo repair.

Everything here maps one word to one canonical word, deterministically and without
looking at the other request, so two requests can be compared (and bucketed) by their
canonical forms. Each mapping only ever merges words that are *proven* the same:

* spelling: pairs from SCOWL's British and American lists where each form is in one list
  only (``colour``/``color``; never ``four``/``for``);
* inflection: lemminflect's noun plural and verb forms (``serums``, ``buying``), never an
  adjective's degree (``cheaper`` stays) and never a verb form whose base is also an
  adjective (``drying`` is not ``dry``, ``firming`` is not ``firm``);
* typos: a word that no list knows becomes the one known word one keystroke away
  (deletion, insertion, swap of neighbours or a neighbouring key), if there is exactly
  one; short words, capitalised names and known words are never changed.

(WordNet synonym classes for the aggressive strategy were removed: on 1,266 paraphrases of
the guard's suites they served none that the rules above do not, and a reviewer found ten
pairs of different requests they merged: "older"/"elderly", "crimson"/"red".)

The data files are built by ``scripts/build_lexicon.py`` from Debian's ``wamerican`` and
``wbritish``; their licences are in ``optimizer/data/lexicon/LICENSE``.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache

from ..compression.vocabulary import INGREDIENTS
from ..config import PACKAGE_DATA

LEXICON = PACKAGE_DATA / "lexicon"
_MIN_TYPO_LENGTH = 5  # a request's own-field repair (guard.py) needs this many letters
# Only long words are repaired, and only inside them (first and last letters as written):
# a short unknown word, or one a letter short or long at an end, is as often a brand or a
# place the lists do not hold ("Natura" is no slip of "natural", "Parma" none of "pharma",
# "Sukin" none of "skin", "Bergamo" none of "bergamot", "Lavera" none of "laver").
_MIN_REPAIR_LENGTH = 8
# Prefixes written apart ("pre-shave", "pre wash") are no slips: "pre" is not "per".
_PREFIXES = frozenset(
    {"pre", "pro", "non", "anti", "post", "semi", "sub", "multi", "mono", "poly", "eco", "bio", "mid", "tri", "uni"}
    | {"dis", "mis", "micro", "nano", "ultra", "hypo", "hyper", "inter", "intra", "neo", "pan", "retro", "trans"}
)
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Words of the trade the word lists miss, which a slip rule would otherwise "repair" ("in
# vitro" is not "in vito").
_EXTRA_KNOWN = frozenset(
    {"vitro", "vivo", "silico", "situ", "vitae", "priori", "posteriori"}
    # an audience (8-12: "tweenagers" is no slip of "teenagers") and an INCI acyl group
    # ("capryloyl glycine" is no slip of "caprylyl")
    | {"tween", "tweens", "tweenager", "tweenagers", "capryloyl", "undecylenoyl", "lauroyl", "cocoyl"}
)


def _neighbours() -> dict[str, frozenset[str]]:
    where = {c: (r, i) for r, row in enumerate(_KEYBOARD) for i, c in enumerate(row)}
    out = {}
    for c, (r, i) in where.items():
        near = set()
        for rr in (r - 1, r, r + 1):
            if 0 <= rr < len(_KEYBOARD):
                for ii in (i - 1, i, i + 1):
                    if 0 <= ii < len(_KEYBOARD[rr]) and (rr, ii) != (r, i):
                        near.add(_KEYBOARD[rr][ii])
        out[c] = frozenset(near)
    return out


_NEAR_KEYS = _neighbours()


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word the lists know (lowercase), plus the ingredient names the compressor protects."""
    with gzip.open(LEXICON / "words.txt.gz", "rt", encoding="utf-8") as f:
        words = {line.strip() for line in f if line.strip()}
    return frozenset(words) | _domain_words()


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    """British spelling -> American spelling (``colour`` -> ``color``)."""
    out = {}
    for line in (LEXICON / "spelling.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            uk, us = line.split("\t", 1)
            out[uk] = us
    return out


def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def is_adjective(word: str) -> bool:
    """Whether lemminflect reads ``word`` (lowercase) as an adjective and never as a verb.
    Its tables are broad ("serum" is one too): use it only where a yes keeps words apart.

    >>> is_adjective("ordinary"), is_adjective("clean"), is_adjective("lotion")
    (True, False, False)
    """
    found = _lemmas(word)
    return "ADJ" in found and "VERB" not in found


def has_adjective_sense(word: str) -> bool:
    """Whether lemminflect reads ``word`` (lowercase) as an adjective, among its other senses.

    >>> has_adjective_sense("safe"), has_adjective_sense("sell")
    (True, False)
    """
    return "ADJ" in _lemmas(word)


def has_verb_sense(word: str) -> bool:
    """Whether lemminflect reads ``word`` (lowercase) as a verb, among its other senses.

    >>> has_verb_sense("sell"), has_verb_sense("consumer")
    (True, False)
    """
    return "VERB" in _lemmas(word)


def has_noun_sense(word: str) -> bool:
    """Whether lemminflect reads ``word`` (lowercase) as a noun, among its other senses.

    >>> has_noun_sense("patches"), has_noun_sense("says")
    (True, False)
    """
    return "NOUN" in _lemmas(word)


def is_known(word: str) -> bool:
    """Whether a dictionary or lemminflect knows ``word`` (lowercase)."""
    return word in known_words() or bool(_lemmas(word))


# Forms with a sense of their own that the lemma tables fold into their base (a reviewer's
# finds): "bottling cost" is the filling, "bottle cost" the component; "customs" are duties.
_OWN_SENSE = frozenset(
    {
        "bottling",
        "customs",
        "sales",
        "spirits",
        "packaging",
        "labelling",
        "labeling",
        "filling",
        "shipping",
        "printing",
        "sampling",
        "savings",
        "earnings",
        "premises",
        "clothing",
        "coating",
        "dressing",
        # A service or an operation of its own, not the thing (a reviewer's finds).
        "waxing",
        "boxing",
        "tinting",
        "peeling",
        "bundling",
        "threading",
        "casing",
    }
)


@lru_cache(maxsize=65536)
def fold_inflection(word: str) -> tuple[str, bool]:
    """The base form of a noun plural or a verb form, and whether the form was a past
    tense or participle (kept apart: "funded" is not "funds"); other words unchanged.

    >>> fold_inflection("serums"), fold_inflection("buying"), fold_inflection("funded")
    (('serum', False), ('buy', False), ('fund', True))
    >>> fold_inflection("cheaper"), fold_inflection("drying"), fold_inflection("scented")
    (('cheaper', False), ('drying', False), ('scented', False))
    """
    from lemminflect import getAllInflections

    if word in _OWN_SENSE:
        return word, False
    lemmas = _lemmas(word)
    if not lemmas:
        return _unknown_plural(word), False
    adjective = lemmas.get("ADJ", ())
    if word in adjective or word in lemmas.get("ADV", ()):
        return word, False  # "scented", "dried", "better" are words of their own
    candidates = set(lemmas.get("NOUN", ())) | set(lemmas.get("VERB", ()))
    if word in candidates:
        return word, False  # "goods", "data": a form of its own
    if len(candidates) > 1:
        # "gels": gel (noun) or gel/jell (verb): one base that "-s" regularly makes is the base.
        regular = {c for c in candidates if _regular_s(word, c)}
        if len(regular) != 1:
            return word, False
        candidates = regular
    if len(candidates) != 1:
        return word, False
    (base,) = candidates
    plural = _regular_s(word, base)
    if not plural and (adjective or "ADJ" in _lemmas(base)):
        return word, False  # "drying" is not "dry", "firming" is not "firm"
    if base in lemmas.get("VERB", ()):
        forms = getAllInflections(base, upos="VERB")
        past = {*forms.get("VBD", ()), *forms.get("VBN", ())}
        present = {*forms.get("VB", ()), *forms.get("VBP", ()), *forms.get("VBZ", ()), *forms.get("VBG", ())}
        if word in past and word not in present:
            return base, True
    return base, False


def _regular_s(word: str, base: str) -> bool:
    """Whether ``word`` is ``base`` with a regular "-s" ending (serums, boxes, berries)."""
    return word in (base + "s", base + "es") or (base.endswith("y") and word == base[:-1] + "ies")


def _unknown_plural(word: str) -> str:
    """``peptides`` -> ``peptide`` for nouns no dictionary knows (regular plurals only)."""
    if len(word) < 5 or not word.isalpha() or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    from lemminflect import getAllLemmasOOV

    (base,) = getAllLemmasOOV(word, upos="NOUN").get("NOUN", (word,))[:1]
    if word in (base + "s", base + "es") or (base.endswith("y") and word == base[:-1] + "ies"):
        return base
    return word


def slips(word: str) -> tuple[set[str], ...]:
    """Words one typing slip away, most likely slip first: two neighbours swapped, a letter
    missed, a letter typed twice or stray, a letter replaced by a key next to it."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    # A stray letter is one typed twice, a key next to a neighbour ("hydrsating") or one
    # written as heard (a vowel or an "h": "alchohol"); any other letter more is a word of
    # its own: "linolenic" is not "linoleic" with an "n" too many.
    extra = {a + b[1:] for a, b in splits if b and _stray(b[0], a[-1:], b[1:2])}
    missed = {a + c + b for a, b in splits for c in letters}
    near = {a + c + b[1:] for a, b in splits if b for c in _NEAR_KEYS.get(b[0], ())}
    # No "vowel for another vowel" kind: tried, and it made propenamide (acrylamide)
    # propanamide and the retailer Sephora the plant sophora (a reviewer's finds).
    return swapped, missed, extra, near


def _derived(word: str) -> bool:
    """Whether ``word`` is a known word with a regular ending the word lists may not hold:
    "perfumers", "influencer", "bronzers" (who or what does it), "shoppable" (review46).

    >>> _derived("massagers"), _derived("shoppable"), _derived("moisturzier"), _derived("thickenr")
    (True, True, False, False)
    """
    for ending in ("ers", "er", "rs", "r"):
        stem = word[: -len(ending)]
        # "-r"/"-rs" only after an "e" ("massage" + "rs"): "thickenr" is "thickener" mistyped
        if word.endswith(ending) and (ending[0] == "e" or stem.endswith("e")) and is_known(stem):
            return True
    if word.endswith(("able", "ible")):
        stem = word[:-4]
        doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
        return any(is_known(w) for w in (stem, stem + "e", doubled))
    return False


@lru_cache(maxsize=16384)
def repair_typo(word: str, *, strict: bool = False) -> str:
    """The one known word a single slip away from an unknown ``word``, else ``word``.

    Two known words within a slip (of any kind) are a doubt, and a doubt leaves the word as
    it is; so does a name (``names``). Only a word of eight letters or more is
    repaired, and only inside it (see ``_MIN_REPAIR_LENGTH``). ``strict`` (a capitalised word opening a
    sentence, which may be a brand) allows only two neighbours swapped, a letter missed and
    a letter typed twice: a brand is often a word with a letter more ("Milani", "Biore",
    "Lavera") or one key off, and those stay as written.

    >>> repair_typo("hydratng"), repair_typo("vetiver"), repair_typo("natura")
    ('hydrating', 'vetiver', 'natura')
    >>> repair_typo("milani", strict=True), repair_typo("sunscren", strict=True)
    ('milani', 'sunscreen')
    """
    if len(word) < _MIN_REPAIR_LENGTH or not word.isalpha() or is_known(word) or word in _PREFIXES:
        return word
    if _CHEMICAL.search(word):
        return word  # "hydroxyethyl" is no slip of "hydroxymethyl": another substance
    if _derived(word):
        return word  # "massagers" (a device) is no slip of "massages", "shoppable" none of "stoppable"
    known = known_words()
    kinds = slips(word)
    if strict:
        swapped, missed, extra, _near = kinds
        doubled = {w for w in extra if _one_double_less(word, w)}
        kinds = (swapped, missed, doubled)
    found = {
        w
        for candidates in kinds
        for w in candidates
        if w != word and w[0] == word[0] and w[-1] == word[-1] and w in known and not _vowel_swap(word, w)
    }
    # One known word within a slip, and no name, is the repair; two are a doubt, whatever kinds
    # of slip reach them ("sarflower": starflower or safflower; "peptidse": peptidase or
    # peptide), and a name is never one: the word stays as written.
    spelled = {us_spelling(w) for w in found}  # "aluminium" and "aluminum" are one word
    if len(spelled) == 1 and all(_common(w) for w in found):
        return min(found)
    return word


@lru_cache(maxsize=1)
def ingredient_words() -> frozenset[str]:
    """The words of the ingredient names the compression vocabulary lists, lowercase.

    >>> "ceramide" in ingredient_words(), "eczema" in ingredient_words()
    (True, False)
    """
    return frozenset(
        part
        for name in INGREDIENTS
        for part in name.lower().replace("-", " ").replace("/", " ").split()
        if part.isalpha()
    )


@lru_cache(maxsize=1)
def _domain_words() -> frozenset[str]:
    """The words the domain lists add (ingredient names, ``_EXTRA_KNOWN``)."""
    return ingredient_words() | _EXTRA_KNOWN


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """The words the general lists hold only with a capital (places, people, brands), lowercase."""
    with gzip.open(LEXICON / "names.txt.gz", "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


def _common(word: str) -> bool:
    """Whether a repair may land on ``word``: any known word but a name (a word the general
    lists hold only with a capital), unless the domain lists hold it too. One letter from a
    place is often another place: "montpellier", the French city the lists miss, is no slip
    of "montpelier", the Vermont capital."""
    return word not in names() or word in _domain_words()


# Parts of chemical names: one letter apart is another substance ("hydroxyethyl" and
# "hydroxymethyl" urea, "stearoyl" and "stearyl", "behenoyl" and "behenyl"; a reviewer's finds).
_CHEMICAL = re.compile(r"hydroxy|methyl|ethyl|propyl|butyl|oyl|yl(?:ate|ene|ic)?$")


def _vowel_swap(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with one vowel written for another, neighbouring keys or
    not ("hydroquinine" is no slip of "hydroquinone")."""
    if len(word) != len(other):
        return False
    diff = [(a, b) for a, b in zip(word, other, strict=True) if a != b]
    return len(diff) == 1 and diff[0][0] in "aeiou" and diff[0][1] in "aeiou"


def _stray(letter: str, before: str, after: str) -> bool:
    """Whether ``letter`` between ``before`` and ``after`` (each one letter or empty) is a
    likely slip: a vowel or an "h" (spelled as heard), the same letter as a neighbour, or a
    key next to one."""
    if letter in "aeiouyh":
        return True
    return any(n and (letter == n or letter in _NEAR_KEYS.get(n, ())) for n in (before, after))


def _one_double_less(word: str, shorter: str) -> bool:
    """Whether ``shorter`` is ``word`` with one letter of a doubled pair removed ("sunnscreen")."""
    return any(word[i] == word[i + 1] and word[:i] + word[i + 1 :] == shorter for i in range(len(word) - 1))


# Pairs the lists do not hold (both spellings appear in the British list).
_EXTRA_SPELLINGS = {
    "aluminium": "aluminum",
    "ageing": "aging",
    "mould": "mold",
    "moulds": "molds",
    "moulded": "molded",
    "moulding": "molding",
    "grey": "gray",
    "programme": "program",
    "programmes": "programs",
    "jewellery": "jewelry",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "licence": "license",
    "judgement": "judgment",
    "sceptical": "skeptical",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "labelled": "labeled",
    "labelling": "labeling",
    "travelling": "traveling",
    "fulfil": "fulfill",
    "moustache": "mustache",
    "moustaches": "mustaches",
    "pyjamas": "pajamas",
    "plough": "plow",
    "tyre": "tire",
    "tyres": "tires",
    "cosy": "cozy",
    "sceptic": "skeptic",
    "practise": "practice",
    "sulphur": "sulfur",
    "sulphuric": "sulfuric",
    "savoury": "savory",
    "oestrogen": "estrogen",
    "foetal": "fetal",
    "foetus": "fetus",
    "diarrhoea": "diarrhea",
    "oedema": "edema",
    "oesophagus": "esophagus",
    "manoeuvre": "maneuver",
    "enrol": "enroll",
    "skilful": "skillful",
    "instalment": "installment",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "metre": "meter",
    "metres": "meters",
    "modelling": "modeling",
    "aesthetic": "esthetic",
    "aesthetics": "esthetics",
    "aesthetician": "esthetician",
    "haemoglobin": "hemoglobin",
    "anaesthetic": "anesthetic",
    "orthopaedic": "orthopedic",
    "caesarean": "cesarean",
    "faeces": "feces",
}


def us_spelling(word: str) -> str:
    """``colour`` -> ``color``; any other word unchanged.

    Beyond SCOWL's pairs, the regular British endings are read when the American form is a
    known word and the British stem is not a word of its own: -ise/-iser/-isation
    (``sanitiser``), -ogue (``catalogue``), -tre/-tred (``metre``, ``centred``), -lled/-lling/-ller
    (``modelling``, never ``filled``), ae (``haemoglobin``).
    """
    found = _EXTRA_SPELLINGS.get(word) or spellings().get(word)
    if found:
        return found
    if len(word) < 5 or not word.isalpha():
        return word
    return _regular_us(word)


@lru_cache(maxsize=16384)
def _regular_us(word: str) -> str:
    known = known_words()
    candidates = []
    for ending in ("ise", "ises", "ised", "ising", "iser", "isers", "isation", "isations"):
        if word.endswith(ending):
            candidates.append(word[: -len(ending)] + "iz" + ending[2:])
    for uk, us in (
        ("ogue", "og"),
        ("ogues", "ogs"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("tred", "tered"),
        ("tring", "tering"),
    ):
        if word.endswith(uk):
            candidates.append(word[: -len(uk)] + us)
    for ending in ("lled", "lling", "ller", "llers"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem[-1:] in "aeiou" and stem + "ll" not in known:
            candidates.append(stem + ending[1:])
    if "ae" in word[:-1]:
        candidates.append(word.replace("ae", "e"))
    for candidate in candidates:
        if candidate != word and (candidate in known or is_known(candidate)):
            return candidate
    return word
