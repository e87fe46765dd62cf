"""The cache guard: when may one request be served another request's answer?

Two requests are the same request when their *canonical forms* are equal. The form is
built from the request itself (the analyst's free text and each context field, value by
value, never the template text) by removing only differences of kinds proven harmless:

* casing, spacing and punctuation (punctuation still separates clauses);
* function words, politeness and generic request verbs at the start of a clause
  ("please could you create a ...", "I need a ...", "give me ...");
* inflection (``serums``/``serum``, ``buying``/``buy``; never ``cheaper``/``cheap``),
  British/American spelling and single-keystroke typos of words a dictionary knows;
* ways of writing one number ("5,000"/"5000"/"5k", "10 percent"/"10%", "two"/"2",
  "30 ml"/"30ml"), one negation ("fragrance-free"/"free of fragrance"/"without
  fragrance"), one obligation ("must"/"has to"/"needs to"), one tense ("funded" and "was
  funded" are past, "will fund" is not) or one country ("USA"/"US");
* the order of clauses (split at punctuation and "and"): each clause keeps its own word
  order, so what a number or modifier is bound to, and what "than", "vs", "to" or "for"
  relates, cannot change;
* with ``synonyms=True`` (the aggressive strategy), words whose dominant WordNet sense is
  the same synset (``purchase``/``buy``).

Everything else is a difference: any content word, name, number or negation of one
request must appear in the other. A word that no list knows (a city, a fragrance note, a
brand) is kept as it is, so it matches only itself. There is no list of "dangerous"
words: a request is served only if nothing but the harmless kinds above differs.

Because the form is canonical, it is also the index key: equal forms land in one bucket
(see ``cache/index.py``), so a lookup reads one record instead of scanning the store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from . import lexicon

GUARD_VERSION = "g1"  # part of every index key: bump it when a rule below changes

GUARD_EXPLANATION = (
    "The semantic cache serves a stored answer to a new request only when the two requests "
    "are the same request written differently. It compares what the analyst typed and each "
    "field value, not the template around them, and allows only differences that cannot "
    "change the answer: casing, punctuation, spacing, greetings and politeness, words like "
    "'a', 'the', 'please', 'could you', 'create', 'give me', plurals and verb endings, "
    "British or American spelling, a one-letter typo of a dictionary word, the same number "
    "written another way (5,000 = 5k, 10 percent = 10%), 'fragrance-free' = 'without "
    "fragrance', and clauses in another order as long as every number and modifier stays "
    "attached to the same word. Every other word, name, number, unit and negation must "
    "match, so 'Vietnam' never serves 'Thailand', 'matte' never serves 'dewy', and '2% azelaic "
    "acid and 10% niacinamide' never serves '10% azelaic acid and 2% niacinamide'. The "
    "aggressive strategy also accepts true synonyms (the same dominant WordNet sense, never "
    "antonyms); conservative serves exact repeats only. When in doubt the cache misses: a "
    "miss costs one generation, a wrong answer costs trust."
)

# -- what may be dropped ------------------------------------------------------------------
ARTICLES = frozenset({"a", "an", "the"})
POLITENESS = frozenset({"please", "pls", "plz", "kindly", "thanks", "thx", "cheers", "ok", "okay"})
# Who does what to whom is never dropped ("did we lose share to them?" is not "did they lose
# share to us?"); only the forms of one person are one word.
PERSONS = {
    **dict.fromkeys(("i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"), "we"),
    **dict.fromkeys(("you", "your", "yours", "yourself"), "you"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "they"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
}
DETERMINERS = frozenset({"that", "just", "both"})
RELATIVES = frozenset({"which", "who", "whom", "that"})  # dropped when not first in a clause
AUXILIARIES = frozenset({"is", "are", "am", "be", "been", "being", "do", "does"})
# Tense is kept as one marker per form: "What drove growth?" is not "What will drive growth?"
_TENSE = {"was": "~past", "were": "~past", "did": "~past", "will": "~will", "shall": "~will"}
# A strong obligation is one meaning however it is written ("must" = "has to" = "needs to");
# "should" (a recommendation) and "may" (a permission) stay words of their own.
OBLIGATION = "must"
_OBLIGATION_WORDS = frozenset({"must"})
# Phrases that only ask or greet, removed from the text before it is read (word-bounded,
# any case). None of them names, counts, negates or qualifies anything.
_POLITE = (
    r"(?:hi|hello|hey|dear|good morning|good afternoon)(?:\s+(?:team|all|there|everyone|folks|guys))?",
    r"thanks a lot|many thanks|much appreciated|appreciate it|in advance|(?:best |kind )?regards|thx|ty",
    r"thanks? (?:you )?for (?:your|the) help|(?:quick )?question(?=\s*[:,])|(?:i|we) have a (?:quick )?question|please advise|at your convenience",
    r"when you (?:can|get a chance)|as soon as possible|asap",
    r"(?:i|we) would (?:really )?(?:appreciate it|be grateful) if you could",
    r"would it be possible to|is it possible to|if you do not mind|do you mind",
    r"thank(?:s| you)(?:\s+(?:so|very))?(?:\s+much)?(?:\s+in advance)?",
    r"i (?:was|am) wondering if(?: you could)?|i wonder if(?: you could)?",
    r"would you mind|would you be able to|are you able to|could you|can you|would you|will you",
    r"(?:i|we) would (?:like|love)(?: you to)?|(?:i|we) (?:want|need) you to",
    r"(?:i|we) (?:am|are) looking for|(?:^|(?<=[.!?\n]))\s*looking for",
    r"help (?:me|us)(?: with| to)?|let (?:me|us) know|(?:tell|show|give|giving|send|get) (?:me|us)|for (?:me|us)(?=\s*(?:please\s*)?(?:[.,;!?]|$))",
)
_POLITE_RE = re.compile(r"\b(?:" + "|".join(_POLITE) + r")\b", re.IGNORECASE)
_LIST_MARKER = re.compile(r"(?:^|\n)\s*(?:[-*\u2022]|\d{1,2}[.)]|[a-z][)])\s+")  # bullets and "1." at a line start
_A_FEW = re.compile(r"\ba\s+(few|little|lot|bit)\b", re.I)  # "a few" is not "few"
_CONTRACTION_RES = (
    (re.compile(r"\bcan't\b", re.I), "can not"),
    (re.compile(r"\bwon't\b", re.I), "will not"),
    (re.compile(r"\bshan't\b", re.I), "shall not"),
    (re.compile(r"n't\b", re.I), " not"),
    (re.compile(r"'re\b", re.I), " are"),
    (re.compile(r"'ve\b", re.I), " have"),
    (re.compile(r"'ll\b", re.I), " will"),
    (re.compile(r"'d\b", re.I), " would"),
    (re.compile(r"'m\b", re.I), " am"),
    (re.compile(r"\blet's\b", re.I), "let us"),
    (re.compile(r"\b(it|that|what|there|here|he|she|who|where|how|when|why)'s\b", re.I), r"\1 is"),
    (re.compile(r"(?<=[^\W\d_])'s?(?![^\W\d_])"), ""),  # possessive: "men's", "kids'"
)
# Verbs that only say "answer this" when they open a clause, per generator (the template
# fixes what the answer looks like; these do not change it).
REQUEST_VERBS_ANY = frozenset(
    {"create", "make", "give", "provide", "generate", "produce", "write", "prepare", "draft", "need", "want"}
)
# Nouns that only say "some of": "3 name ideas" asks for 3 names.
REQUEST_NOUNS = frozenset({"idea", "suggestion"})
REQUEST_VERBS = {
    "formulation": frozenset({"formulate", "develop", "design", "devise"}),
    "costing": frozenset({"estimate", "calculate", "compute", "work", "figure"}),
    "market": frozenset({"analyze", "research", "outline", "describe"}),
    "branding": frozenset({"suggest", "propose", "brainstorm", "come", "think"}),
    "scientific": frozenset({"summarize", "review"}),
}
# The particles a request verb takes: "come up with", "work out", "figure out", "think of".
_REQUEST_PARTICLES = {"come": ("up", "with"), "work": ("out",), "figure": ("out",), "think": ("of", "up")}
# Clause boundaries: punctuation, and "and" unless the text also says "or"/"nor".
_AND = frozenset({"and", "&"})
_ALTERNATIVES = frozenset({"or", "nor", "either", "neither", "vs", "versus", "between"})
# A clause that starts with one of these and has no head of its own belongs to its neighbour.
_PREPOSITIONS = frozenset(
    {
        "for",
        "with",
        "without",
        "in",
        "on",
        "at",
        "from",
        "to",
        "by",
        "within",
        "during",
        "across",
        "using",
        "via",
        "per",
    }
)

# -- numbers and units ----------------------------------------------------------------------
_WORD_NUMBERS = {
    w: str(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90"}
_MULTIPLIERS = {"k": 1000, "thousand": 1000, "million": 1_000_000, "mn": 1_000_000, "billion": 1_000_000_000}
UNITS = {
    "%": "%",
    "percent": "%",
    "pct": "%",
    "ml": "ml",
    "mls": "ml",
    "milliliter": "ml",
    "milliliters": "ml",
    "millilitre": "ml",
    "millilitres": "ml",
    "l": "l",
    "liter": "l",
    "liters": "l",
    "litre": "l",
    "litres": "l",
    "g": "g",
    "gr": "g",
    "gram": "g",
    "grams": "g",
    "gramme": "g",
    "grammes": "g",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "ppm": "ppm",
    "x": "x",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "eur": "eur",
    "euro": "eur",
    "euros": "eur",
    "€": "eur",
    "usd": "usd",
    "gbp": "gbp",
    "£": "gbp",
    "inr": "inr",
    "₹": "inr",
    "jpy": "jpy",
    "yen": "jpy",
    "$": "$",
    "¥": "¥",
}
_CURRENCY_SYMBOLS = frozenset({"$", "€", "£", "¥", "₹"})
# One country, several spellings (a list of harmless aliases, not of dangerous words).
# One term, two spellings: an abbreviation and its expansion (a glossary of harmless
# aliases; every other abbreviation is kept as written and matches only itself).
GLOSSARY = {
    "rct": r"randomi[sz]ed controlled (?:clinical )?trials?|rcts?",
    "spf": r"sun protection factor|spf",
    "o/w": r"oil[- ]in[- ]water|o/w",
    "gcc": r"gulf cooperation council(?: countries| states)?|gcc",
    "aha": r"alpha[- ]hydroxy acids?|ahas?",
    "bha": r"beta[- ]hydroxy acids?|bhas?",
    "pha": r"poly[- ]?hydroxy acids?|phas?",
    "sls": r"sodium lauryl sulfate|sodium lauryl sulphate|sls",
    "sles": r"sodium laureth sulfate|sodium laureth sulphate|sles",
    "capb": r"cocamidopropyl betaine|capb",
    "pcr": r"post[- ]consumer recycled|pcr",
    "moq": r"minimum order quantit(?:y|ies)|moqs?",
    "cagr": r"compound annual growth rate|cagr",
    "cpsr": r"cosmetic product safety report|cpsr",
    "rrp": r"recommended retail price|rrp",
    "cogs": r"cost of goods sold|cogs",
    "dtc": r"direct[- ]to[- ]consumer|dtc|d2c",
    "otc": r"over[- ]the[- ]counter|otc",
    "approximately": r"approx\.?|approximately",
    "including": r"incl\.?|including",
    "vs": r"vs\.?|versus|v\.",
    "year": r"yrs?\.?(?=\s|$)",
}
# All glossary terms in one pattern (one pass over the text); the group says which term.
_GLOSSARY_RE = re.compile(
    "|".join(f"(?P<g{i}>{pattern})" for i, pattern in enumerate(GLOSSARY.values())).join(
        (r"(?<![\w/-])(?:", r")(?![\w/-])")
    ),
    re.I,
)
_GLOSSARY_SHORT = tuple(GLOSSARY)
_ALIASES = (
    (re.compile(r"\bcannot\b|\bcant\b", re.I), "can not"),
    (re.compile(r"\bwont\b", re.I), "will not"),
    (re.compile(r"\b(whats|thats|theres)\b", re.I), lambda m: m.group(1)[:-1] + " is"),
    (_GLOSSARY_RE, lambda m: f" {_GLOSSARY_SHORT[int(m.lastgroup[1:])]} "),
    (
        re.compile(r"(?<=[^\W\d_])/(?=(?:units?|batch|kg|g|l|ml|piece|pcs|year|month|week|day|case|pack|sku)\b)", re.I),
        " per ",
    ),
    (re.compile(r"\bpounds?\s+sterling\b|\bsterling\b|\bbritish\s+pounds?\b", re.I), " gbp "),
    (re.compile(r"\bu\.?s\.?\s+dollars?\b", re.I), " usd "),
    (re.compile(r"\beuros?\b", re.I), " eur "),
    (re.compile(r"\b(?:the\s+)?united\s+states(?:\s+of\s+america)?\b|\bu\.s\.a\.?|\bu\.s\.(?!\w)", re.I), " usa "),
    (re.compile(r"\bUSA\b|\bUS\b"), " usa "),
    (re.compile(r"\b(?:the\s+)?united\s+kingdom\b|\bu\.k\.(?!\w)", re.I), " uk "),
    (re.compile(r"\b(?:the\s+)?european\s+union\b", re.I), " eu "),
    (re.compile(r"\bper\s+cent\b", re.I), " percent "),
    (re.compile(r"\bfree\s+(?:of|from)\b", re.I), " without "),
    (re.compile(r"\bwith\s+no\b", re.I), " without "),
    (re.compile(r"\bbetween\s+(\d+(?:\.\d+)?)\s*(?:and|-)\s*(\d+(?:\.\d+)?)", re.I), r" \1-\2 "),
    (re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)(?![\w.])"), r" \1-\2 "),
)
_TOKEN = re.compile(
    r"""
    (?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)(?P<glue>[^\W\d_]+)?
  | (?P<word>a_(?:few|little|lot|bit)|[^\W\d_]+(?:'[^\W\d_]+)*)
  | (?P<hyphen>-)
  | (?P<sep>[,;:!?\n]|\.|\s-\s)
  | (?P<paren>[()\[\]{}"])
  | (?P<sym>[%$€£¥₹&/+=<>])
    """,
    re.VERBOSE,
)
_STRUCTURE = (
    ARTICLES | POLITENESS | PERSONS.keys() | DETERMINERS | RELATIVES | AUXILIARIES | _OBLIGATION_WORDS | _PREPOSITIONS
) | {"not", "no", "how", "what", "can", "could", "may", "might", "would", "should", "ought", "has", "have", "had"}
_STRUCTURE |= {"need", "needs", "also"}


@dataclass(frozen=True)
class Token:
    """One canonical token: ``text`` is what is compared; ``fixed`` marks words that
    function-word rules must not drop (acronyms such as "US" or "IT")."""

    text: str
    kind: str  # "word", "num", "sep", "sym"
    fixed: bool = False


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
    return Token(_canonical_word(lower, named), "word", fixed)


@lru_cache(maxsize=65536)
def _canonical_word(word: str, named: bool) -> str:
    if word in _STRUCTURE:
        return word
    word = lexicon.us_spelling(word)
    if not named:
        word = lexicon.us_spelling(lexicon.repair_typo(word))
    base, past = lexicon.fold_inflection(word)
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
    if "'" in text:
        for pattern, repl in _CONTRACTION_RES:
            text = pattern.sub(repl, text)
    for pattern, repl in _ALIASES:
        text = pattern.sub(repl, text)
    text = _POLITE_RE.sub(" ", text)
    text = _LIST_MARKER.sub("\n", text)
    return _A_FEW.sub(r"a_\1", text)


def _raw_tokens(text: str) -> list[Token]:
    text = _prepare(text)
    shouting = _mostly_upper(text)
    tokens: list[Token] = []
    joined: list[bool] = []  # token i was written glued to token i-1 by a hyphen
    glue_next = False
    last_end = -1
    for m in _TOKEN.finditer(text):
        kind = "num" if m.group("num") is not None else m.lastgroup
        if kind == "paren":  # brackets add nothing a comma would not: "(4%)" binds like "4%"
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
    return _compounds(tokens, joined)


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
        if tok.kind == "sym" and tok.text in _CURRENCY_SYMBOLS and nxt is not None and nxt.kind == "num":
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
    # "how do I", "how can we", "how to": one question.
    while len(kept) >= 2 and kept[0] == "how" and kept[1] in ("can", "could", "to"):
        kept.pop(1)
    # A request verb (and its particle) that opens the clause only asks for the answer.
    while kept and kept[0] in verbs:
        particles = _REQUEST_PARTICLES.get(kept[0], ())
        if particles and (len(kept) < 2 or kept[1] not in particles):
            break  # "work" alone is a verb of its own; only "work out" just asks
        kept.pop(0)
        while kept and kept[0] in particles:
            kept.pop(0)
    while kept and kept[-1] in (OBLIGATION,) and len(kept) == 1:
        kept.pop()
    return tuple(kept)


def _split(tokens: list[Token]) -> Iterator[list[Token]]:
    alternatives = any(t.text in _ALTERNATIVES for t in tokens if t.kind == "word")
    clause: list[Token] = []
    for tok in tokens:
        label = tok.kind == "sep" and tok.text.strip() in (":", "-")
        if (tok.kind == "sep" and not label) or (not alternatives and tok.text in _AND and not tok.fixed):
            yield clause
            clause = []
        elif label:  # "Body scrub: sugar" / "Body scrub - sugar": a label stays bound to its value
            continue
        else:
            clause.append(tok)
    yield clause


def _attach(clauses: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A clause with no head of its own belongs to its neighbour:

    * "For sensitive skin, a serum" = "a serum for sensitive skin" (a leading phrase goes
      to the end of the next clause);
    * "cost per unit and per batch" = "cost per unit, cost per batch" (a phrase that
      repeats a preposition of the clause before shares that clause's head);
    * "a serum, for sensitive skin" and "ratio 1:10, 30%" (any other headless phrase, or
      bare numbers) go to the end of the clause before.
    """
    out: list[list[str]] = []
    pending: list[str] = []
    for clause in clauses:
        headless = clause[0] in _PREPOSITIONS or all(not any(c.isalpha() for c in w) for w in clause)
        if headless and out:
            prev = out[-1]
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


@lru_cache(maxsize=8192)
def _canonical_clauses(text: str, generator: str) -> tuple[tuple[str, ...], ...]:
    tokens = _numbers_and_units(_raw_tokens(text))
    return tuple(_attach([c for c in (_clause(part, generator) for part in _split(tokens)) if c]))


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


def guard_parts(query: str | None, context: Mapping[str, Any], prompt: str = "") -> tuple[tuple[str, str], ...]:
    """What the guard compares: the analyst's text and each non-empty field, by name.

    ``query`` None means the caller did not separate the analyst's text from the prompt:
    the whole prompt is compared then (it is still scoped to one template).
    """
    parts = [("query", prompt if query is None else query)]
    for name in sorted(context):
        value = context[name]
        if value in (None, "", [], {}, ()):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        parts.append((f"field:{name}", str(value)))
    return tuple(parts)


@dataclass(frozen=True)
class GuardForm:
    """A request's canonical form: per part (query, each field), its sorted clauses."""

    parts: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    synonyms: bool

    @property
    def digest(self) -> str:
        """A stable hash of the form: the index bucket of every request with this form."""
        raw = repr((GUARD_VERSION, self.synonyms, self.parts)).encode()
        return hashlib.sha256(raw).hexdigest()[:32]

    @property
    def empty(self) -> bool:
        return not any(clauses for _, clauses in self.parts)


def form(
    query: str | None, context: Mapping[str, Any], *, generator: str = "", synonyms: bool = False, prompt: str = ""
) -> GuardForm:
    """The canonical form of a request given as its text and fields."""
    parts = tuple(
        (name, canonical_text(text, generator=generator, synonyms=synonyms))
        for name, text in guard_parts(query, context, prompt)
    )
    return GuardForm(parts, synonyms)


@dataclass(frozen=True)
class Verdict:
    """Whether two requests are the same request, and if not, what differs."""

    same: bool
    differences: tuple[str, ...] = ()


def compare(a: GuardForm, b: GuardForm) -> Verdict:
    """Compare two forms part by part and say what differs (empty when they are the same)."""
    if a.parts == b.parts:
        return Verdict(True)
    diffs = []
    names_a, names_b = dict(a.parts), dict(b.parts)
    for name in sorted(set(names_a) | set(names_b)):
        ca, cb = names_a.get(name), names_b.get(name)
        if ca is None or cb is None:
            diffs.append(f"{name}: only in {'the first' if cb is None else 'the second'} request")
        elif ca != cb:
            wa = [w for c in ca for w in c]
            wb = [w for c in cb for w in c]
            only_a = sorted(set(wa) - set(wb))
            only_b = sorted(set(wb) - set(wa))
            if only_a or only_b:
                diffs.append(f"{name}: {' '.join(only_a) or '-'} / {' '.join(only_b) or '-'}")
            else:
                diffs.append(f"{name}: the same words bound differently")
    return Verdict(False, tuple(diffs))


def surface_similarity(a: str, b: str) -> float:
    """How alike two texts look (0-1, difflib): shown with a semantic hit, never a decision."""
    return round(SequenceMatcher(None, " ".join(a.lower().split()), " ".join(b.lower().split())).ratio(), 3)
