"""Words of one free text: Unicode, contractions, aliases and politeness first, then tokens
(numbers with their units, "X-free" as "without X", a name's place), each word in its
canonical spelling (British/American, typos, inflection, a closed list of same words).

``cache/canon.py`` builds clauses from these tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..alternation import Screened, Steps
from . import commas, lexicon
from .aliases import (
    _A_FEW,
    _ABLE_RE,
    _ALIASES,
    _ALTERNATIVES,
    _AND,
    _CONTRACTION_RES,
    _CURRENCY_SYMBOLS,
    _LIST_MARKER,
    _MULTIPLIERS,
    _NOT_A_NOUN,
    _POLITE_RE,
    _SOFT_RE,
    _STRUCTURE,
    _TENSE,
    _TOKEN,
    _WORD_NUMBERS,
    ASKING_VERBS,
    ASKING_WITH,
    COMPOUNDS,
    COUNTRIES,
    CURRENCY_CODES,
    GLOSSARY,
    GREETING_GOES_ON,
    GREETING_OR_THANKS,
    PHRASE_HEADS,
    SAME_WORDS,
    TASK_VERBS,
    UNITS,
    WHETHER_ASKS,
)


@dataclass(frozen=True)
class Token:
    """One canonical token: ``text`` is what is compared; ``fixed`` marks words that
    function-word rules must not drop (acronyms such as "US" or "IT")."""

    text: str
    kind: str  # "word", "num", "sep", "sym", "paren"
    fixed: bool = False
    named: bool = False  # written with a capital inside a sentence: a place, a brand, a language
    plural: bool = False  # a noun's regular plural, folded ("taglines" -> "tagline")
    closed: bool = False  # a negation written after its one word ("fragrance-free"): it opens no list


RANGE = Token("..", "sym", fixed=True)  # joins the two ends of a range: "5-10" is 5..10
_AMBIGUOUS_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def _number(raw: str) -> str:
    if _AMBIGUOUS_THOUSANDS.fullmatch(raw.lstrip("-")):
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


def _word(raw: str, *, shouting: bool, at_start: bool, titled: bool = False, common_title: bool = False) -> Token:
    """The canonical token of one written word."""
    if raw == "A" and not at_start and not shouting and not titled:
        return Token("a~letter", "word", fixed=True)  # "vitamin A", "UV-A", "phase A": no article
    lower = raw.lower()
    if lower in _WORD_NUMBERS:
        return Token(_WORD_NUMBERS[lower], "num")
    if lower in _TENSE:
        return Token(_TENSE[lower], "word")
    fixed = not shouting and len(raw) >= 2 and raw.isupper()
    # A name: a capital names nothing where every word has one (shouting, Title Case) or where
    # a sentence starts.
    named = raw[:1].isupper() and not shouting and not titled and not at_start
    # Never "repaired" into a word: a capitalised word inside a sentence, unless the text is
    # shouted or Title Case over common words (a slip at a sentence start is repaired, but
    # never into a place: "Milani blush" is not "Milan blush").
    capital = raw[:1].isupper() and not shouting and not (titled and common_title)
    repair = "none" if capital and not at_start else "strict" if capital else "any"
    word = _canonical_word(lower, repair)
    if named and not fixed and (lexicon.is_adjective(word) or _graded_adjective(word)):
        word += _BRAND  # "The Ordinary", "Simple face wash", "Glossier": a brand, not the adjective
    return Token(word, "word", fixed, named and not fixed)


def _graded_adjective(word: str) -> bool:
    """Whether ``word`` is an adjective's comparative or superlative ("glossier", "boldest")."""
    for end, back in (("iest", "y"), ("ier", "y"), ("est", ""), ("er", ""), ("est", "e"), ("er", "e")):
        if word.endswith(end) and len(word) > len(end) + 2:
            base = word[: -len(end)] + back
            if lexicon.is_adjective(base) or (base[-1:] == base[-2:-1] and lexicon.is_adjective(base[:-1])):
                return True
    return False


_BEFORE_A_NAME = frozenset({"of", "like", "vs", "versus", "than", "from", "by", "at", "to", "and", "or"})
_WORD_AFTER = re.compile(r"[ \t]*(?!(?:and|or|&)\b)[^\W\d_]")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'-]*)[ \t]+$")
_PLACE_CODES = frozenset(
    {"uk", "us", "usa", "eu", "uae", "ksa", "gcc", "apac", "emea", "latam", "dach", "anz", "sea", "cee", "mena"}
    # markets as analysts write their two-letter codes (never "IT", "IN", "NO", "ID": words too)
    | {"hk", "au", "nz", "sg", "jp", "kr", "cn", "tw", "th", "vn", "ph", "de", "fr", "es", "nl", "pl", "se"}
    | {"dk", "fi", "ch", "pt", "ie", "gr", "tr", "br", "mx", "ar", "cl", "co", "pe", "za", "ng", "ke", "eg", "ca"}
)
# After a place code, a capitalised word before one of these is a certification or a label's
# name ("EU Organic certification", "EU Ecolabel"), not a brand.
_CERTIFICATIONS = frozenset(
    {"organic", "natural", "vegan", "halal", "kosher", "fairtrade", "biodynamic", "ecological", "green", "clean"}
    | {"plastic", "biodegradable", "recyclable", "recycled", "compostable", "sustainable", "eco", "fair", "cruelty"}
    | {"reef", "ocean", "carbon", "climate", "palm"}
)
_CERTIFIED = re.compile(r"\s+(?:certification|certified|certificate|label|logo|seal|standard|scheme|claim)s?\b", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"'(\[]\s*)$")


def _after_a_capital(text: str, start: int) -> bool:
    """Whether the word before ``start`` (on its line) is capitalised inside its sentence
    (not its first word, which any sentence capitalises: "Is Neutral shower gel safe?"),
    other than "The"."""
    m = _PREVIOUS_WORD.search(text, 0, start)
    if m is None or not m.group(1)[:1].isupper() or m.group(1) == "The":
        return False
    # an acronym opens a name anywhere ("COSMOS Organic"), but a place's is where ("UK Simple
    # facial wipes"); a capital word opens one only inside a sentence
    if m.group(1).isupper():
        place = m.group(1).lower() in _PLACE_WORDS or m.group(1).lower() in _PLACE_CODES
        if place:  # "EU Organic certification": the certification's name, written whole
            end = text.find(" ", start)
            certified = text[start:end].lower().split("-")[0] in _CERTIFICATIONS
            return certified and bool(_CERTIFIED.match(text, end)) if end != -1 else False
        return True
    return not _SENTENCE_START.search(text, 0, m.start(1))


_BRAND = "~name"  # an adjective written with a capital inside a sentence names a brand


# Places the guard knows: never the target of a repair ("Jordana", a brand, is no slip of
# "Jordan"; "Milani" none of "Milan"): a place is compared as it is written.
_PLACE_WORDS = frozenset(word for country in COUNTRIES for word in country.split())


@lru_cache(maxsize=65536)
def _canonical_word(word: str, repair: str) -> str:
    """``repair``: "any" slip, "strict" (a capital opening a sentence: see ``repair_typo``) or
    "none" (a name: "Clarins" is no slip of "clarions")."""
    if word in _STRUCTURE or word in GLOSSARY:
        return word
    word = lexicon.us_spelling(word)
    if repair != "none":
        repaired = lexicon.repair_typo(word, strict=repair == "strict")
        if repaired == word or repaired not in _PLACE_WORDS:
            word = lexicon.us_spelling(repaired)
    base, past = lexicon.fold_inflection(word)
    base = SAME_WORDS.get(base, base)
    return base + "~ed" if past else base


# Signs that say something, written as words (a sign no rule reads is dropped with the
# punctuation, and "≥ 2%" must not become "2%", nor "≤ 2%").
_SIGNS = str.maketrans(
    {
        "\u2265": " at least ",  # ≥
        "\u2a7e": " at least ",
        "\u2264": " at most ",  # ≤
        "\u2a7d": " at most ",
        "\u2260": " not equal to ",  # ≠
        "\u00b1": " plusminus ",  # ±
        "\u2191": " up ",  # ↑
        "\u2193": " down ",  # ↓
        "\u2192": " to ",  # →
        "\u00d7": " x ",  # ×
        # A sign's usual variant is the sign: ∼ is ~, ✔ is ✓, ✖ is ✗, ⇒ is →, and the
        # fraction slash of "½" (NFKC: 1⁄2) is a slash.
        "\u223c": "~",
        "\u2714": "\u2713",
        "\u2716": "\u2717",
        "\u21d2": " to ",
        "\u2044": "/",
        "\u2219": " ",  # ∙ used as a bullet
    }
)


# Marks of a name's legal status, not of its meaning ("GlowLab™" is GlowLab), and the
# degree sign ("75°C" = "75 C": a temperature either way).
_DECORATION = frozenset("\u2122\u00ae\u00a9\u00b0")  # ™ ® © °
# Emoji of thanks (🙏 🙌): politeness, as "many thanks" is (a heart, a flower or a smiley
# may be what is asked about: a caption's emoji, a soap mould's shape).
_POLITE_SIGNS = frozenset("\U0001f64f\U0001f64c")


@lru_cache(maxsize=4096)
def _sign_word(char: str) -> str:
    """A symbol no rule reads, as the words of its Unicode name ("♀" -> " female sign "),
    else nothing: the guard never drops a sign that may say something (♀ / ♂, ✓ / ✗, an
    emoji). Currency signs are read by the currency rules; ™ ® © ° go. Digits in a name
    stay: the skin tones "type-1-2" to "type-6", the recycling codes "type-1" to "type-7"."""
    if char in _POLITE_SIGNS:
        return " "
    if char == "\u00a2":
        return " cent "  # "95¢ per kg" is 95 cents, never 95 of the currency field's unit
    category = unicodedata.category(char)
    if category == "Sc" and char not in _CURRENCY_SYMBOLS:
        # "₦1,500" is NGN 1,500, "₵1,500" GHS 1,500: a currency sign the rules do not read
        # is its code, or the words of its name, never nothing (holdout34: ₦ / ₵)
        if char in _SIGN_CODES:
            return f" {_SIGN_CODES[char]} "
    elif category[0] != "S" or category == "Sc" or char in _DECORATION:
        return char
    name = unicodedata.name(char, "")
    return " " + " ".join(re.findall(r"[a-z0-9]+", name.lower())) + " " if name else " sign "


# Currency signs whose ISO code the currency rules read (each in CURRENCY_CODES: a test checks).
_SIGN_CODES = {
    "\u20a6": "NGN",  # ₦
    "\u20b5": "GHS",  # ₵
    "\u20a9": "KRW",  # ₩
    "\u20ab": "VND",  # ₫
    "\u20b1": "PHP",  # ₱
    "\u20bd": "RUB",  # ₽
    "\u20b4": "UAH",  # ₴
    "\u20aa": "ILS",  # ₪
    "\u0e3f": "THB",  # ฿
    "\u09f3": "BDT",  # ৳
}


def _signs_as_words(text: str) -> str:
    return "".join(_sign_word(c) if not c.isascii() else c for c in text)


# What a thanks or greeting opening a sentence may name: things sent or put in a parcel
# ("Thank you cards for our stockists")
_PAPER_THING = re.compile(
    r"(?:post)?cards?|notes?|letters?|messages?|gifts?|inserts?|tags?|stickers?|e-?mails?|box(?:es)?|flyers?|sachets?|texts?|copy"
)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'-]*)([ \t]*[,:;!.?\u2013-])?")


def _polite_dropped(m: re.Match[str]) -> str:
    """A politeness phrase is dropped, unless it is a greeting or a thanks that names a thing
    ("thank you postcards", "Good morning face mist"): the word after it neither goes on
    greeting (``aliases.GREETING_GOES_ON``) nor is a name ("Hi Sven, ...", "Thank you Sarah")."""
    if not GREETING_OR_THANKS.match(m.group()):
        return " "
    following = _NEXT_WORD.match(m.string, m.end())
    if following is None:
        return " "
    word = following.group(1)
    before = m.string[: m.start()].rstrip()
    opening = not before or before[-1] in ".!?\n:;,"
    if opening and m.group().lower().split()[0] in ("hi", "hey", "hello"):
        # "hi", "hey", "hello" opening a message or a sentence greet, unless a thing of paper follows
        return m.group() if _PAPER_THING.fullmatch(word.lower()) else " "
    if word.lower() in GREETING_GOES_ON or word[:1].isupper():
        return " "  # "thanks for", "good morning team", "thank you Sarah and team" (review51)
    return m.group()


def _polite_ask(m: re.Match[str]) -> str:
    """ "could you draft ..." -> "draft ...": a polite request (see ``aliases.ASKING_VERBS``);
    any other "could you" stays, and becomes "whether" after the politeness phrases."""
    if " ".join(m.group("ask").lower().split()) in WHETHER_ASKS:
        return m.group()
    verb, following = m.group("verb").lower(), (m.group("next") or "").lower()
    if verb in TASK_VERBS and m.group("ask").lower().startswith(("can", "will")):
        return m.group()
    if verb in ASKING_VERBS or following in ASKING_WITH.get(verb, ()):
        return " "
    return m.group()


# Each table tried only on a text that holds one of its literal strings (same result).
_CONTRACTION_STEPS = Steps(_CONTRACTION_RES)
_ALIAS_STEPS = Steps(_ALIASES)
_ABLE_STEP = Screened(_ABLE_RE)


_COSTING_THE = re.compile(
    r"(?:(?<=^)|(?<=[.!?;:\n]\s)|(?<=[.!?;:\n])|(?<=\bmind\s))\s*costing(?=\s+(?:the|a|an|our|these|this|those|my)\s)",
    re.I,
)
_OPTIONAL_ASK = re.compile(
    r"\b(and|or|then|also)\s*,?\s*(?:if\s+(?:possible|you\s+can|you\s+could|time\s+allows)|where\s+possible)(?!\s+not\b)\s*,?\s*",
    re.I,
)
_CLAUSE_START = re.compile(r"[,;:\n.!?]")
_REQUIREMENT = re.compile(r"\b(?:without|no|not)\s|-free\b|\bfree\s+(?:of|from)\b", re.I)


def _greeted_before(before: str, starts: list[re.Match[str]]) -> bool:
    """Whether the comma that ends ``before`` closes nothing but a greeting already read as
    politeness ("Hi team, if possible, ..."): the clause before it is blank."""
    if starts[-1].group() != ",":
        return False
    previous = starts[-2].end() if len(starts) > 1 else 0
    return not before[previous : starts[-1].start()].strip()


def _soft(m: re.Match[str]) -> str:
    """ "if possible" in a polite request is politeness ("could you send it if possible"),
    except after a requirement of its own, which it softens: ", vegan if possible", "without
    palm oil if possible" (a fallback is allowed; the plain requirement allows none)."""
    before = m.string[: m.start()]
    starts = list(_CLAUSE_START.finditer(before))
    clause = before[starts[-1].end() :] if starts else before
    listed = bool(starts) and starts[-1].group() in ",;" and 0 < len(clause.split()) <= 4
    if listed or _REQUIREMENT.search(clause):
        return m.group()
    # Opening its sentence, it softens what the sentence asks ("If possible, keep it
    # palm-free": a wish, where "Keep it palm-free" is a rule).
    opens = not clause.strip() and (not starts or starts[-1].group() in ".!?\n:" or _greeted_before(before, starts))
    return m.group() if opens else " "


_BULLET = re.compile(r"\s*(?:[-*\u2022]|\d{1,2}[.)]|[a-z][.)])\s+")
_SHORT_LINE_WORDS = 6  # a block of short lines (no sentence end) is a heading and its items


def _headed_lines(text: str) -> str:
    """Lines that belong to a heading are written on its line, so that they stay with it
    when the lines are compared as a set: "Shampoo:\\n- citrus\\nConditioner:\\n- mint" becomes
    "Shampoo: citrus\\nConditioner: mint", not "Shampoo: mint ..." once the lines are sorted.

    A heading is a line that ends with a colon, or one followed by bullets or by lines
    indented deeper; its items run to the next heading or blank line ("Mouthwash:\\n-
    alcohol-free\\n- mint" is "Mouthwash: alcohol-free, mint", as it is often written). With
    no heading, two blocks or more of short lines between blank lines ("Day cream\\nSPF
    30\\n\\nNight cream\\nretinol"), each one's first line heading the others.
    """
    lines = text.split("\n")
    depth = [len(line) - len(line.lstrip()) for line in lines]
    marks = [_marker_kind(line) for line in lines]
    bullet = [mark is not None for mark in marks]
    blank = [not line.strip() for line in lines]
    # A list whose items carry another marker than the list's first ("1. Shampoo\\n- citrus")
    # is a list of headings: the first marker written is the outer one.
    outer = next((mark for mark in marks if mark is not None), None)

    def after(i: int) -> int | None:
        if i + 1 < len(lines) and not blank[i + 1]:
            return i + 1
        if lines[i].rstrip().endswith(":"):  # a colon heading, a blank line, then its items
            return next((k for k in range(i + 1, len(lines)) if not blank[k]), None)
        return None

    def heads(i: int) -> bool:
        if blank[i]:
            return False
        nxt = after(i)
        if lines[i].rstrip().endswith(":"):
            return nxt is not None
        if nxt is None:
            return False
        if bullet[nxt] and (not bullet[i] or (marks[i] == outer and marks[nxt] != outer)):
            return True
        return depth[nxt] > depth[i]

    headings = {i for i in range(len(lines)) if heads(i)}
    if not headings:
        return _short_blocks(lines, blank)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i not in headings:
            out.append(lines[i])
            i += 1
            continue
        head = lines[i].rstrip()
        colon = head.endswith(":")
        items, k = [], i + 1
        while colon and k < len(lines) and blank[k] and not items:
            k += 1  # the blank lines between a colon heading and its first item
        first = None  # the marker of the heading's first item
        while k < len(lines):
            if blank[k]:
                # Bullets of the same marker after a blank line are still this heading's.
                nxt = next((j for j in range(k, len(lines)) if not blank[j]), None)
                if not items or nxt is None or nxt in headings or first is None or marks[nxt] != first:
                    break
                k = nxt
            if k in headings and depth[k] <= depth[i]:
                break  # the next heading at this level
            if not colon and not (bullet[k] or depth[k] > depth[i]):
                break  # a line of its own after a heading's bullets
            if not items:
                first = marks[k]
            items.append(_BULLET.sub("", lines[k], count=1).strip().rstrip(".;,").rstrip())
            k += 1
        label = head + ("" if colon else ":")
        if any("," in item or ";" in item for item in items):
            out.extend(f"{label} {item}" for item in items)  # each item keeps its own list, and its heading
        else:
            out.append(f"{label} {', '.join(items)}")
        i = k
    return "\n".join(out)


def _marker_kind(line: str) -> str | None:
    """The kind of list marker opening ``line`` ("1." and "2)" are one kind, "a)" another,
    "-", "*" and "•" each their own), or None."""
    m = _BULLET.match(line)
    if m is None:
        return None
    mark = m.group().strip()
    return "number" if mark[0].isdigit() else "letter" if mark[0].isalpha() else mark


def _plain_lines(text: str) -> int:
    """How many non-blank lines of ``text`` there are, or 0 when there is only one, or every
    one is a bullet (a list) or ends a sentence."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or all(_BULLET.match(line) for line in lines):
        return 0
    return 0 if all(line.endswith((".", "!", "?")) for line in lines) else len(lines)  # sentences


def _short_blocks(lines: list[str], blank: list[bool]) -> str:
    """See ``_headed_lines``: blocks of short lines between blank lines, each on one line."""
    blocks: list[list[str]] = [[]]
    for line, empty in zip(lines, blank, strict=True):
        if empty:
            blocks.append([])
        else:
            blocks[-1].append(line.strip())
    blocks = [b for b in blocks if b]
    multi = [b for b in blocks if len(b) > 1]
    short = all(
        len(line.split()) <= _SHORT_LINE_WORDS and not line.endswith((".", "?", "!")) for b in multi for line in b
    )
    if len(multi) < 2 or not short:
        return "\n".join(lines)
    return "\n".join(b[0] + (": " + ", ".join(b[1:]) if len(b) > 1 else "") for b in blocks)


_TABLE_ROW = re.compile(r"^[ \t]*\|(.*\|.*)\|[ \t]*$", re.M)
_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def _negative(m: re.Match[str]) -> str:
    amount = m.group(1).strip()
    return f"-{amount}" if amount[:1].isdigit() else f"minus {amount}"  # "(€0.15)": a minus the sign would hide


_NEGATIVE_CELL = re.compile(r"^\(\s*((?:[€$£]|[A-Za-z]{3}\s)?\s*[\d.,]+\s*(?:%|[€$£]|\s[A-Za-z]{3})?)\s*\)$")


def _table_rows(text: str) -> str:
    """A table typed as text ("| clean | (avoid) |") is read row by row, each row one phrase
    of its cells in order ("clean avoid"), so that a value cannot move to another row when
    the lines are compared as a set; a rule row ("|---|---|") goes."""

    def row(m: re.Match[str]) -> str:
        cells = [c.strip() for c in m.group(1).split("|")]
        if all(_RULE_CELL.match(c) or not c for c in cells):
            return ""
        # "(0.15)" in a table is a negative amount (accounting); "(avoid)" a note; an empty
        # cell keeps its column ("| niacinamide | 5% | |" is not "| niacinamide | | 5% |")
        cells = [_NEGATIVE_CELL.sub(_negative, c).strip("()[]").strip() or "empty" for c in cells]
        return " ".join(cells)

    return _TABLE_ROW.sub(row, text)


# Items labelled at their lines' starts ("a)", "b.", "2)") and referred to elsewhere ("answer
# b) only", "option b", "2) only"): then every label is a word, so which item is asked for is
# not lost with the markers.
_LINE_LABEL = re.compile(r"^([ \t]*)([a-h]|\d{1,2})([.)])(?=[ \t]+\S)", re.M)


def _referenced_labels(text: str) -> str:
    """Labels as words ("itemb") when a label of the text's list is referred to (see above)."""
    labels = {(m.group(2).lower(), m.group(3)) for m in _LINE_LABEL.finditer(text)}
    if len(labels) < 2:
        return text
    names = "|".join(sorted({re.escape(label) for label, _ in labels}, key=len, reverse=True))
    puncts = "".join(sorted({re.escape(p) for _, p in labels}))
    reference = re.compile(
        rf"(?<=\S)([ \t]+)({names})[{puncts}](?=\s|$)|\b(?:option|item|point|question|part|number|no\.?)[ \t]*({names})\b"
        rf"|(?:(?<=\banswer)|(?<=\bdo)|(?<=\bjust)|(?<=\bneed)|(?<=\bfor)|(?<=\bof))[ \t]+({names})(?=[ \t]+only\b|[ \t]*$)"
        rf"|(?<=\bonly)[ \t]+({names})\b(?![.)])",
        re.I,
    )
    if not reference.search(text):
        return text
    text = reference.sub(lambda m: f" item{next(g for g in m.groups()[1:] if g).lower()} ", text)
    return _LINE_LABEL.sub(lambda m: f"{m.group(1)}item{m.group(2).lower()} ", text)


# A sign written alone and talked about as a thing ("a name with a + in it", "an @ in the
# handle", "the & sign", "is (r) required") is a word: read as punctuation it is gone, and
# "a + in it" would be "a & in it". (r) (c) (tm) standing alone are always talked about (on a
# name, "GlowLab(tm)", they go unread: `_DECORATION`); a joining sign ("with & without", "use &
# care", "Vitamin A + C") is talked about after an article, or before a word that cannot be
# the right side of a join ("strip + from", "use & instead"), or before "sign", "symbol",
# "character", "notice", "mark"; and a sign ends a name of two letters or more ("Glow+").
_SIGN_NAMES = {
    "+": "plus",
    "&": "ampersand",
    "#": "hash",
    "@": "atsign",
    "*": "asterisk",
    "\u00ae": "registered",
    "\u00a9": "copyright",
    "\u2122": "trademark",
}
_SIGN_CHARS = frozenset(_SIGN_NAMES)
_SIGN_CLASS = "[+&#@*\u00ae\u00a9\u2122]"
_AFTER_A_TALKED_SIGN = "in|on|from|after|before|instead|into|at|to|with|or|vs|versus|for"  # "with & for the soap"
_BEFORE_A_TALKED_SIGN = frozenset({"and", "or"})  # "and + for the lotion"; "to use & to avoid" is a join
# Words that pair with such a word in a join ("before & after", "to & from", "in & out")
_PAIRS = frozenset(
    {("before", "after"), ("to", "from"), ("in", "out"), ("on", "off"), ("up", "down"), ("pre", "post")}
    | {("with", "for"), ("with", "without"), ("by", "for")}  # "designed with & for dermatologists"
)
_PAIRS = _PAIRS | {(b, a) for a, b in _PAIRS}
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")
_WORDS_AFTER = re.compile(r"\s*([^\W\d_]+)(?:\s+(\S))?")
_TALKED_SIGN = re.compile(
    r"(?<![\w])(?P<article>a|an|the|one|no|this|that|any|each|every|single|trailing|extra)\s+"
    rf"(?P<sign>{_SIGN_CLASS})(?=\s*$|[.,;:!?)\]]|\s+(?![^\W\d_](?:\s|$))\S)"
    rf"|(?<![^\s(\[\"'])(?P<named>{_SIGN_CLASS})(?=\s*(?:sign|symbol|character|notice|mark)s?\b"
    rf"|\s+(?:{_AFTER_A_TALKED_SIGN})\b(?!-))"
    r"|(?<![^\s(\[\"'])(?P<legal>[\u00ae\u00a9\u2122])(?=\s|$|[.,;:!?)\]])"
    r"|(?<=[^\W\d_]{2})(?P<ending>[+&])(?=\s|$|[.,;:!?)\]])",
    re.I,
)


# "A-B-free" where A is a quality that can stand alone ("natural-fragrance-free": free of
# natural fragrance; "mineral-oil-free" is one noun either way), or a list ("paraben-and-
# sulfate-free")
_FREE_COMPOUND = re.compile(
    r"\b((?:natural|organic|synthetic|artificial|added|animal|chemical|harsh|strong)-[^\W\d_]+(?:-[^\W\d_]+)*"
    r"|[^\W\d_]+-(?:and|or)-[^\W\d_]+)-free\b",
    re.I,
)
_BOUND_QUALITY = re.compile(
    r"\b(organic|natural|synthetic|vegan|wild|raw|refined|unrefined|certified|sustainable|fairtrade)-"
    r"(?!free\b|based\b|derived\b|origin\b|certified\b)([^\W\d_]{3,})\b",
    re.I,
)


def _free_of(m: re.Match) -> str:
    """ "A-B-free" as "without A B"; "A-and-B-free" as "A-free and B-free"."""
    parts = m.group(1).split("-")
    if any(p.lower() in ("and", "or") for p in parts):
        named = [p for p in parts if p.lower() not in ("and", "or")]
        return " and ".join(f"{p}-free" for p in named)
    return "without " + " ".join(parts)


def _sign_named(m: re.Match) -> str:
    """The sign in ``m`` as its name (see ``_TALKED_SIGN``)."""
    if m.group("named"):
        before = _WORD_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
        after = _WORDS_AFTER.match(m.string, m.end())
        if before and after and after.group(2) not in _SIGN_CHARS:
            prior = before.group(1).lower()
            nxt = after.group(1).lower()
            if prior in _BEFORE_A_TALKED_SIGN:
                return f" {_SIGN_NAMES[m.group('named')]} "  # "and + for the lotion": no join after "and"
            if (prior, nxt) in _PAIRS:
                return m.group(0)  # "before & after", "to & from the EU": a join ("from + to &" is not)
            if nxt in m.string[max(0, m.start() - 30) : m.start()].lower().split():
                return m.group(0)  # "in Spain & in Italy", "for men & for women": two parallel phrases
        return f" {_SIGN_NAMES[m.group('named')]} "
    if m.group("ending"):
        return f" {_SIGN_NAMES[m.group('ending')]}"
    if m.group("legal"):
        return f" {_SIGN_NAMES[m.group('legal')]} "
    return f"{m.group('article')} {_SIGN_NAMES[m.group('sign')]} "


_SPACED_DIVIDER = re.compile(r"\s+[/+]\s+")
_STRETCH_END = re.compile(r"[.;!?\n]")


# Copy in quotes is printed as written: "'lip oil + gloss'" names both, "'lip oil / gloss'"
# either (holdout68). Out of quotes a slash lists as often as "and" ("bottle / pump / label").
_QUOTED = re.compile(
    r"(?<!\w)'[^'\n]{1,60}'(?!\w)|\"[^\"\n]{1,60}\"|\u201c[^\u201d\n]{1,60}\u201d|\u2018[^\u2019\n]{1,60}\u2019"
    r"|\u00ab[^\u00bb\n]{1,60}\u00bb|\u201e[^\u201c\u201d\n]{1,60}[\u201c\u201d]"  # guillemets, German quotes
)
# A slash between words, unless it joins two modifiers of the next word ("Day/night cream":
# a cream for both; what is a noun there is aliases' one rule, _NOT_A_NOUN)
_QUOTED_SLASH = re.compile(
    rf"(?<=[^\W\d_]{{2}})\s*/\s*(?=[^\W\d_]{{2}})(?![^\W\d_]+[ \t]+(?!{_NOT_A_NOUN}\b)[^\W\d_])", re.I
)


# The lowercase index (primary teeth) however written: "dmft", "dmf-t", "d.m.f.t.", "dmf";
# one word of its own, so that a list of both indices keeps no order ("dmft and DMFT").
_PRIMARY_DMF = re.compile(r"(?<![\w.-])d[.-]?\s?m[.-]?\s?f(?:[.-]?\s?([ts]))?(?!\w)\.?")


def _primary_dmf(m: re.Match) -> str:
    return f" primarydmf{m.group(1) or ''} "


def _quoted_or(m: re.Match) -> str:
    """The quoted copy in ``m`` with a slash between words read as "or"."""
    return _QUOTED_SLASH.sub(" or ", m.group())


def _dividers(text: str) -> str:
    """A spaced slash or plus that ends a stretch holding a comma divides the line, as a
    semicolon would (see ``canon._dividing_dashes``): "shampoo, citrus / conditioner, mint"
    is not "shampoo, mint / conditioner, citrus". Any other one lists (read later)."""
    out, start = [], 0
    for m in _SPACED_DIVIDER.finditer(text):
        stretch = text[start : m.start()]
        ends = list(_STRETCH_END.finditer(stretch))
        if "," in (stretch[ends[-1].end() :] if ends else stretch):
            out.append(text[start : m.start()] + "; ")
        else:
            out.append(text[start : m.end()])
        start = m.end()
    return "".join(out) + text[start:]


# A sign-off line ("Kind regards," / "Best," / "--") near the end: the short lines after it
# are a signature (a name, a role, a phone number), not the request. Not after "thanks"
# (politeness, read as such), and never when a line after it says more ("PS: vegan").
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:--|(?:(?:kind|best|warm)\s+)?regards[,.!]?|(?:best(?:\s+wishes)?|cheers|sincerely|yours(?:\s+truly)?)[,!])[ \t]*$",
    re.I | re.M,
)


# The person a message is signed by is not the request: "Thanks, Ole" / "Many thanks,\nPaul"
# at its end (a name: one or two capitalised words no dictionary inflects). The name it
# greets stays: "Hi Brenntag, what is your price?" is not the same question to IMCD.
_SIGNED = re.compile(
    r"((?:^|[\n.!?]\s*)(?:thanks|thank\s+you(?:\s+(?:so|very)\s+much)?|many\s+thanks|best(?:\s+wishes)?|"
    r"(?:kind|best|warm)?\s*regards|cheers)\s*[,!.]?[ \t]*(?:[^\w\s]+[ \t]*)?\s*)[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*)?\s*\.?\s*$",
    re.I,
)


def _a_name(words: str) -> bool:
    """Whether ``words`` can only be a person's name: no word of it is one the dictionaries
    inflect ("Vegan", "Rose" and "Grace" may be requirements or notes, and stay)."""
    return all(not lexicon._lemmas(w.lower()) for w in re.findall(r"[A-Za-z'-]+", words) if w.lower() not in _TITLES)


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof"})


def _without_names(text: str) -> str:
    """``text`` without the name it is signed with (see ``_SIGNED``)."""
    cut = max(0, len(text) - 80)  # a sign-off and a name are in the last line or two
    tail = text[cut:]
    if not _SIGN_OFF_WORD.search(tail):
        return text
    m = _SIGNED.search(tail)
    if m is not None:
        name = tail[m.start() + len(m.group(1)) :].strip().rstrip(".")
        if name[:1].isupper() and _a_name(name):
            text = text[: cut + m.start() + len(m.group(1))]
    return text


_SIGN_OFF_WORD = re.compile(r"thank|best|regards|cheers", re.I)


_THANKS_SMILEY = re.compile(
    r"(\b(?:thanks?|thank\s+you|thx|cheers|much\s+appreciated)(?:\s+(?:so|very)\s+much|\s+a\s+lot)?[!.,]*)"
    r"[ \t]*[\U0001f600-\U0001f64f\u263a\u2764\u2665\U0001f493-\U0001f49f]+",
    re.I,
)


def _without_signature(text: str) -> str:
    """``text`` without a signature block (see ``_SIGN_OFF``)."""
    for m in _SIGN_OFF.finditer(text):
        after = [line.strip() for line in text[m.end() :].split("\n") if line.strip()]
        # a signature opens with a name: a capitalised word no dictionary inflects ("Jana"),
        # never a market ("BR"), a tier ("Best") or a list item
        first = after[0].split()[0] if after else ""
        named = first[:1].isupper() and first[1:2].islower() and _a_name(first)
        if (
            named
            and len(after) <= 3
            and all(len(line.split()) <= 6 and not re.match(r"p\.?s\b", line, re.I) for line in after)
        ):
            return text[: m.start()]
    return text


_ARROW = r"(?:[\u2192\u21d2]|-+>|=+>)"  # → ⇒ -> => as typed
_OPENING_ARROW = re.compile(r"(?m)^([ \t]*)" + _ARROW + r"[ \t]*")
# Arrows under a heading that ends with a colon are bullets ("Components:\n→ jar\n→ lid"),
# unless the heading names a method ("Our current process:\n→ disperse\n→ neutralise") or an
# order of addition ("Addition order for phase C:"; a "minimum order" lists).
_ARROW_BULLETS = re.compile(
    r"^(?![^\n]*\b(?:method|procedure|process|protocol|instructions?|steps?|recipe|directions|routine|flow|sequence"
    r"|(?:addition|mixing|processing|manufacturing)\s+order|order\s+(?:of\s+(?:addition|mixing)|for\s+phase)"
    r"|one\s+by\s+one|one\s+after\s+(?:the\s+)?other|one\s+at\s+a\s+time|in\s+turn|in\s+sequence|step\s+by\s+step"
    r"|successively|consecutively|sequentially)\b)"
    r"[^\n]*:[ \t]*\n[ \t]*" + _ARROW,
    re.I | re.M,
)


def _arrow_runs(text: str) -> str:
    """Each run of two or more arrowed lines joins the line before it into one flow ("then"),
    unless that line is a heading with a colon that names no method (bullets, a set); each run
    is judged by its own heading."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _OPENING_ARROW.match(lines[j]):
            j += 1
        if j - i >= 2 and out and not _ARROW_BULLETS.search(out[-1] + "\n" + lines[i]):
            out[-1] = " then ".join([out[-1].rstrip(), *(_OPENING_ARROW.sub("", ln).strip() for ln in lines[i:j])])
            i = j
        elif j > i:
            out.extend(lines[i:j])
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


# "#1", "No. 1", "№1" (NFKC: "No1") are "number 1", never the bare "1" ("'#1 in France'" is a
# rank claim, "'1 in France'" a count: holdout92)
_NUMERO = re.compile("[Nn][\u00ba\u00b0]|\u2116")
_NUMBER_SIGN = re.compile(r"(?<![#&])(?<!\w\w#)#\s?(?=\d)|\b(?:[Nn][Oo]|N[Rr]|nr|[Nn]um)\.\s?(?=\d)|\bNo(?=\d)")
# ("No 2 retailers price it the same" is a negation: only "No." or "No5" is a number sign)


def _prepare(text: str) -> str:
    """Unicode, contractions, aliases and politeness, before the text is split into words."""
    if not text.isascii():  # "Nº 5", "N°5", "№5" are "No. 5" (NFKC would make "No 5", a negation's form)
        text = _NUMERO.sub("No.", text)
    text = unicodedata.normalize("NFKC", text)
    if "#" in text or "N" in text or "no." in text or "nr." in text or "num." in text:
        text = _NUMBER_SIGN.sub(" number ", text)
    if not text.isascii():  # a smiley right after thanks is the thanks' ("Thank you 😊")
        text = _THANKS_SMILEY.sub(r"\1", text)
    if "\n" in text:
        text = _without_signature(text)
    text = _without_names(text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if "/" in text:
        text = _QUOTED.sub(_quoted_or, text)
    text = commas.set_apart(text)
    # dental caries: "DMFT" counts permanent teeth, "dmft" primary ones
    if "dmf" in text or "d." in text or "d-" in text:
        text = _PRIMARY_DMF.sub(_primary_dmf, text)
    text = text.replace("\u2013", "-").replace("\u2014", " - ")
    for dash in "\u2010\u2011\u2012\u2212\u00ad":  # hyphens, minus, soft hyphen
        text = text.replace(dash, "-" if dash != "\u00ad" else "")
    if "\n" in text:  # labels open lines; before the arrows go: "→ b) only" refers to b)
        text = _referenced_labels(text)
    if ">" in text or not text.isascii():
        # An arrow that opens a line marks the ask ("→ full COGS per unit?"), as a bullet would.
        if len(_OPENING_ARROW.findall(text)) >= 2:
            text = _arrow_runs(text)  # "Cleanser\n→ toner\n→ serum": one flow, in order
        text = _OPENING_ARROW.sub(r"\1", text)
    if _SIGN_CHARS.intersection(text):
        text = _TALKED_SIGN.sub(_sign_named, text)
    if "-" in text:
        # a hyphen binds: "natural-fragrance-free" is free of natural fragrance (not a natural
        # product free of fragrance), "organic-shea" has the organic shea (not an organic product)
        text = _FREE_COMPOUND.sub(_free_of, text)
        text = _BOUND_QUALITY.sub(lambda m: m.group(1) + m.group(2), text)
    if not text.isascii():
        text = _signs_as_words(text.translate(_SIGNS))
    if "|" in text:
        text = _table_rows(text)
    if "\n" in text:  # as written: the rewrites below move words and spaces
        text = _headed_lines(text)
    if "(" in text:
        text = _defined_abbreviations(text)
    if "#" in text or "@" in text:  # "#GlowUp" is a hashtag, "@GlowUp" an account: not one word
        text = re.sub(r"(?<![\w#@])#(?=[^\W\d_])", " hashtag ", text)
        text = re.sub(r"(?<![\w#@])@(?=[^\W\d_])", " handle ", text)
    if "*" in text or "\u2020" in text or "\u2021" in text:
        text = _footnote_marks(text)
    lowered = text.lower()
    # "Costing the refill pouches" (a heading's gerund), "would you mind costing the ..." = "cost the ..."
    if "costing" in lowered:
        text = _COSTING_THE.sub("cost", text)
    if "got to" in text:  # "it's got to rinse clean" = "it has got to" = "it must"
        # Before a number or a price ("has got to 7.5", "has got to EUR 4/kg") it is "reached".
        text = _GOT_TO.sub(lambda m: m.group(0) if _reached(m.group(1).lower()) else " must", text)
    if "'" in text:
        text = _CONTRACTION_STEPS.apply(text)
    if "/" in text or "+" in text:
        text = _dividers(text)
    text = _ALIAS_STEPS.apply(text)
    # "could you" before a verb that asks for a text goes first (what follows may be
    # politeness too: "could you tell me about"); the politeness phrases next ("could you
    # please help with"); any "could you" left asks whether a thing can be done.
    if "if " in lowered or "where possible" in lowered:
        # "give the cost and, if you can, say which is cheaper": the second ask is optional,
        # bound to it as one word ("and optionally say ..."), never dropped as politeness
        text = _OPTIONAL_ASK.sub(r"\1 optionally ", text)
    asked = _ABLE_STEP.subn(_polite_ask, text)
    polite = _POLITE_RE.subn(_polite_dropped, asked[0])
    able = _ABLE_STEP.subn(" whether ", polite[0])
    text = able[0]
    if polite[1] or asked[1] or re.search(r"\b(?:please|pls|plz|kindly|thanks?)\b", text, re.I):
        text = _SOFT_RE.sub(_soft, text)
    text = _LIST_MARKER.sub("\n", text)
    # An ellipsis or a spaced double dash between words is a pause, written as a colon or
    # a dash elsewhere: "Refills... are they growing?" = "Refills: are they growing?".
    text = re.sub(r"\s*(?:\.{3,}|\u2026)\s*(?=\S)", ": ", text)
    text = re.sub(r"\s+-{2,}\s+", ": ", text)
    # "men aged 25-40" = "men 25-40": "aged" before an age range or "50+" adds nothing
    # ("aged 12 months" is a time, and stays).
    text = re.sub(r"\baged\s+(?=\d{1,3}\s*(?:-|\u2013|to\b|\+|and (?:over|up|above)\b))", "", text, flags=re.I)
    text = re.sub(r"\bin\s+order\s+to\b", "to", text, flags=re.I)  # a purpose, not an order
    if "provid" in text:  # "provided (that) the tariff lasts" is "if the tariff lasts": a condition
        text = _PROVIDED.sub(" if ", text)
    # "24k gold" is a karat, not 24,000 ("5k units" stays a thousand).
    text = re.sub(r"\b(9|14|18|22|24)\s*k(?=[\s-]+(?:(?:rose|white|yellow)\s+)?gold\b)", r"\1 karat", text, flags=re.I)
    return _A_FEW.sub(r"a_\1", text)


_PROVIDED = re.compile(
    r"\b(?:provided|providing)\s+that\b|(?<=,)\s*(?:provided|providing)(?=\s+(?:the|it|we|they|you|there|our|your|"
    r"its|their|this|these|those|no|all|prices?|demand|sales|stock)\b)",
    re.I,
)


def _reached(word: str) -> bool:
    """Whether "has got to" before ``word`` says a value reached: a currency, an approximation
    or a number in words ("has got to almost EUR 4", "has got to four euros")."""
    return word in CURRENCY_CODES or word in _APPROXIMATE or word in _WORD_NUMBERS


_APPROXIMATE = frozenset(
    {"almost", "nearly", "about", "around", "roughly", "approximately", "over", "above", "under", "below", "just"}
)
_GOT_TO = re.compile(r"(?:'s|'ve|\s+has|\s+have)\s+got\s+to(?=\s+([a-z]+))", re.I)
# Markdown emphasis opens after a space, a line start or a bracket, before a letter or a digit
# ("*vegan*", "**bold**", "***both***"); a star after a word, a "%" or a quote closes a claim.
_EMPHASIS = re.compile(r"(?:(?<![^\s(\[{])|(?<=[\s(\[{][\"'\u201c]))(\*{1,3})(?=[^\W_]|[€$£¥])(.+?)(?<=\S)\1(?![\w*])")
# A mark after a letter, a "%", a bracket, a quote or a full stop, before a space, a
# punctuation mark or the end; after a digit only before punctuation or the end ("SPF 50*'";
# "5* hotel" is a rating), or after "SPF <number>" ("SPF 50* on the front").
_FOOTNOTE_MARK = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[%)\]\"'\u201d\u2019.]))(?:\*+|[\u2020\u2021]+)(?=[\s.,;:!?'\")\]\u201d\u2019]|$)"
    r"|(?<=\d)(?:\*+|[\u2020\u2021]+)(?=[.,;:!?'\")\]\u201d\u2019]|$)"
    r"|(?<=\bSPF\d\d)\*+|(?<=\bSPF \d\d)\*+",
    re.I,
)
# A footnote's key opens its line with the mark ("*organic", "\u2020fair trade").
_FOOTNOTE_KEY = re.compile(r"(?m)^([ \t]*)(\*+|[\u2020\u2021]+)(?=[^\W\d_])")
_MARK_WORDS = {"*": "footnote", "\u2020": "dagger", "\u2021": "ddagger"}


def _footnote_marks(text: str) -> str:
    """A mark after a word that sends the reader to a footnote ("kills 99.9% of germs*",
    "vegan\u2020") qualifies the claim: it is a word of its own, one per kind of mark ("*",
    "**" and "\u2020" point to different notes). Markdown emphasis ("*vegan*", "**bold**") is
    not one: it goes first."""
    text = " " + text  # a quote that opens the text opens emphasis as one after a space
    for _ in range(2):  # nested emphasis: "**a *b* c**"
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = text[1:]
    text = _FOOTNOTE_KEY.sub(lambda m: m.group(1) + _mark_word(m, 2), text)
    return _FOOTNOTE_MARK.sub(_mark_word, text)


def _mark_word(m: re.Match, group: int = 0) -> str:
    mark = m.group(group)
    return f" {_MARK_WORDS[mark[0]]}{len(mark) if len(mark) > 1 else ''} "


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
    titled = _titled(text)
    common_title = titled and _common_title(text)
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
            if glue_next and tokens and tokens[-1].kind == "num" and text[m.end()].isdigit():
                # "2020-2025", "SPF 15-30": a range, never the two numbers of "2020 and 2025"
                tokens.append(RANGE)
                joined.append(False)
                glue_next = False
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
        elif kind == "word" and m.group() == "and" and not shouting and _named_with_and(text, m.start(), m.end()):
            new = [Token("&", "sym", fixed=True)]  # "a perfume called Rose and Oud": a name, in its order
        elif kind == "word":
            at_start = not tokens or tokens[-1].kind == "sep"
            new = [_word(m.group(), shouting=shouting, at_start=at_start, titled=titled, common_title=common_title)]
            if (
                new[0].named
                and m.group()[-1:] == "s"
                and new[0].text != m.group().lower()
                and not _WORD_AFTER.match(text, m.end())
                and m.group().lower() not in lexicon.names()  # "the Netherlands", "the Nordics": places
                and m.group().lower() not in _PLACE_WORDS
                and tokens
                and tokens[-1].text in _BEFORE_A_NAME  # "of Rituals", "like Rituals" ("3 Years": a unit)
            ):
                # "in the vein of Rituals": a capitalised plural that ends its phrase is a name
                # and keeps its letters (Ritual is another brand)
                new = [Token(m.group().lower(), "word", new[0].fixed, new[0].named)]
            if new[0].text.endswith(_BRAND) and _after_a_capital(text, m.start()):
                # "our Vitamin C Serum", "USDA Organic": a capitalised name of several words
                # is written so whole; the brand is the adjective alone ("The Ordinary").
                new = [Token(new[0].text[: -len(_BRAND)], "word", new[0].fixed, new[0].named)]
            if (
                new[0].text != m.group().lower()
                and (m.group()[-1:] in "sS" or m.group().lower() in _IRREGULAR_PLURALS)
                and _number_is_asked(tokens, text, m.start(), m.end())
            ):
                # "the main reason" is one, "the main (side) effects" several: the plural stays.
                new = [Token(new[0].text + "~s", "word", new[0].fixed, new[0].named)]
            elif new[0].text != m.group().lower() and m.group()[-1:] in "sS" and "~" not in new[0].text:
                new = [Token(new[0].text, "word", new[0].fixed, new[0].named, plural=True)]
        elif kind == "sep":
            new = [Token(m.group(), "sep")]
        elif m.group() == "&" and not shouting and _between_capitals(text, m.start(), m.end()):
            new = [Token("&", "sym", fixed=True)]  # "Salt & Smoke", "Procter & Gamble": a name, in its order
        else:
            new = [Token(m.group(), "sym")]
        for i, tok in enumerate(new):
            tokens.append(tok)
            joined.append(glue_next and i == 0)
        glue_next = False
        last_end = m.end()
    return _located(_compounds(tokens, joined), titled=titled)


_CAPITAL_BEFORE = re.compile(r"(?:^|[^\w])[A-Z][^\W\d_]*\s*$")
_CAPITAL_AFTER = re.compile(r"\s*[A-Z]")


def _between_capitals(text: str, start: int, end: int) -> bool:
    """Whether the sign at ``text[start:end]`` joins two capitalised words."""
    return bool(_CAPITAL_BEFORE.search(text, max(0, start - 40), start)) and bool(_CAPITAL_AFTER.match(text, end))


# Words after which a noun's number is the answer's ("the main competitor" or competitors).
_ONE_OR_SOME = frozenset(
    {"main", "key", "biggest", "best", "top", "leading", "primary", "largest", "single", "only", "most"}
    | {"our", "my", "your", "their"}  # "our bestseller" is one, "our bestsellers" several
)


def _number_is_asked(tokens: list[Token], text: str, start: int, end: int) -> bool:
    """Whether one or several is the point for the noun at ``text[start:end]``: up to three
    words after "main", "top", "our"... (``_ONE_OR_SOME``), after a superlative and its
    modifiers ("the leading global brands"), after an edit ("rewrite the taglines") or "how
    many", or before "<verb> the biggest ..." ("the drivers with/had the biggest impact")."""
    for back in range(1, min(len(tokens), 3) + 1):  # "our best-selling vegan lipsticks"
        if tokens[-back].text in _ONE_OR_SOME:
            return True
        if tokens[-back].kind != "word":
            break
    # "the leading brands'": "leading" folds to "lead", so the text is read (a possessive's
    # "'s" is gone by then: "Rare Beauty's bestsellers" is an open finding, review24)
    return bool(
        _SUPERLATIVE_AFTER.match(text, end)
        or _LEADING_BEFORE.search(text, max(0, start - 80), start)
        or _EDITED_BEFORE.search(text, max(0, start - 60), start)
        or _HOW_MANY_BEFORE.search(text, max(0, start - 40), start)
    )


_IRREGULAR_PLURALS = frozenset(
    {"children", "women", "men", "people", "teeth", "feet", "mice", "geese", "criteria", "fungi", "stimuli"}
    | {"phenomena", "nuclei", "cacti"}
)
# (and any word in "-est" after "the": "the safest filter" is one, "the safest filters" several,
# holdout119; a word that only looks like one, "the harvest", keeps a number no rule needed:
# a miss at worst; "suggest" has no "the" before it)
_SUPERLATIVES = (
    r"(?:biggest|largest|highest|lowest|most|least|best|worst|greatest|strongest|fastest|cheapest|newest"
    r"|oldest|smallest|top|leading|(?<=\bthe\s)[^\W\d_]{2,}est)"
)
# "the leading global brands", "the highest-rated vitamin C serums": up to two words between
# (modifiers only between: no preposition, no plural, on one line: "fastest in dog foods" and
# "top brands, prices" count no food, no price)
_LEADING_BEFORE = re.compile(
    r"\b" + _SUPERLATIVES + r"(?:-[^\W\d_]+)?[ \t]+"
    r"(?:(?!(?:in|on|for|of|at|by|with|to|from|and|or)\b)[\w-]*[^\Ws][ \t]+){0,3}$",
    re.I,
)
# "Rewrite the tagline" edits one, "rewrite the taglines" all of them: a text that exists,
# edited, is counted
_EDITED_BEFORE = re.compile(
    r"\b(?:rewrite|re-write|edit|shorten|lengthen|translate|proofread|polish|improve|adapt|locali[sz]e|fix|tweak"
    r"|refresh|update|review|check|rework|redo|revise|reword|rephrase|refine|correct|simplify)\s+(?:the|these|those)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_HOW_MANY_BEFORE = re.compile(r"\bhow\s+many\s+(?:[\w-]+\s+)?$", re.I)  # "how many users": several, asked
# "the cost drivers with the biggest impact", "... had the biggest impact": which ones, and
# how many, is the point
_SUPERLATIVE_AFTER = re.compile(
    r"'?\s+[^\W\d_]+\s+the\s+" + _SUPERLATIVES + r"\b",  # "with", "had", "grew", "contributed" the most
    re.I,
)
_CALLED = re.compile(r"\b(?:called|named|name|brand(?:ed)?|line)\s+[A-Z][^\W\d_]*\s*$")


def _named_with_and(text: str, start: int, end: int) -> bool:
    """Whether the "and" at ``text[start:end]`` joins the capitalised words of a name that the
    text says is one ("called Rose and Oud")."""
    return bool(_CALLED.search(text, max(0, start - 40), start)) and bool(_CAPITAL_AFTER.match(text, end))


def _titled(text: str) -> bool:
    """Most words capitalised ("Nail Polish Trends In Colombia"): capitals mark no names."""
    words = re.findall(r"[^\W\d_]{3,}", text)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


_INNER_WORD = re.compile(r"(?<![.!?:\n]\s)(?<![.!?:\n])(?<!^)\b([A-Z][^\W\d_]{2,})")


def _common_title(text: str) -> bool:
    """Title Case written over common words ("Vitamin C Serums For Sensitve Skin"): at least two
    capitalised words inside a sentence are known words, not places. Only then is a slip in a
    capitalised word repaired; a sentence of names ("Sales of CeraVe in Brazil") keeps them."""
    common = 0
    for m in _INNER_WORD.finditer(text.strip()):
        lower = m.group(1).lower()
        if lower not in _PLACE_WORDS and lexicon.is_known(lower):
            common += 1
            if common >= 2:
                return True
    return False


def _located(tokens: list[Token], *, titled: bool) -> list[Token]:
    """ "brands Mexico" = "brands in Mexico": a name right after a content word is where it is
    (not after "the": "the perfume Paris" is the perfume's name)."""
    if titled:
        return tokens
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (
            tok.named
            and len(tok.text) > 1  # "vitamin C", "Gen Z": a letter is no place
            and prev is not None
            and prev.kind == "word"
            and not prev.named
            and not prev.fixed
            and prev.text not in _STRUCTURE
            and prev.text not in PHRASE_HEADS
            and prev.text not in _AND
            and prev.text not in _ALTERNATIVES
            # "the perfume Paris", "the shade Ibiza": a thing the name names, not where it is
            and not (len(out) >= 2 and out[-2].text == "the")
        ):
            out.append(Token("in", "word"))
        out.append(tok)
    return out


def _compounds(tokens: list[Token], joined: list[bool]) -> list[Token]:
    """A hyphen joins nothing a space would not ("anti-frizz" = "anti frizz"), except that
    "X-free" becomes "without X"; a compound of the closed list ``COMPOUNDS`` is one word
    however it is written ("hair care" = "hair-care" = "haircare")."""
    out: list[Token] = []
    for tok, glued in zip(tokens, joined, strict=True):
        if glued and tok.text == "free" and out and out[-1].kind in ("word", "num"):
            prev = out.pop()
            out += [Token("without", "word", closed=True), prev]
        elif out and _plain(out[-1]) and _plain(tok) and out[-1].text + tok.text in COMPOUNDS:
            out[-1] = Token(out[-1].text + tok.text, "word", named=out[-1].named and tok.named)
        else:
            out.append(tok)
    return out


_MIN_PART = 3  # the shortest word joined into a compound
# Particles that make a phrasal verb, never the second half of a compound: "work out" is
# not "workout", "set up" is not "setup".
_PARTICLES = frozenset({"out", "off", "over", "down", "back", "away", "through", "along", "around"})


def _plain(tok: Token) -> bool:
    """A content word written in letters (no acronym, number or function word)."""
    return (
        tok.kind == "word"
        and not tok.fixed
        and len(tok.text) >= _MIN_PART
        and tok.text.isalpha()
        and tok.text not in _STRUCTURE
        and tok.text not in _PARTICLES
    )


# One quantity written in a larger unit is the same quantity: "2 tonnes" = "2,000 kg", "1.5 l"
# = "1500 ml" (the figure is rewritten in the base unit; "mg" stays, a dose is not a mass).
_BASE_UNITS = {"kg": ("g", 1000), "t": ("g", 1_000_000), "l": ("ml", 1000)}


def _with_unit(value: str, unit: str) -> str:
    """``value`` and its unit as one token, in the base unit when the unit has one."""
    if unit in _BASE_UNITS and not _AMBIGUOUS_THOUSANDS.fullmatch(value.lstrip("-")):
        # ("1.500 kg" is 1,500 kg in much of Europe and 1.5 kg elsewhere: kept as written)
        base, factor = _BASE_UNITS[unit]
        try:
            return _number(str(Decimal(value) * factor)) + base
        except InvalidOperation:
            pass
    return value + unit


_GRATIS = frozenset({"promo", "promotion", "promotional", "bundle", "gift", "giveaway", "offer", "bogo"})


def _numbers_and_units(tokens: list[Token]) -> list[Token]:
    """ "5 k" -> 5000, "30 ml" -> "30ml", "€5" / "5 euros" -> "5eur", "X free," -> "without X"
    (not in a promotion, where "mascara free" is a mascara given free)."""
    words = {t.text for t in tokens}
    gratis = bool(words & _GRATIS) or {"buy", "get"} <= words  # "buy one, get a mascara free"
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
                value = _with_unit(value, UNITS.get(nxt.text, nxt.text))
                i += 1
            elif nxt is not None and nxt.text == "month" and value.isdigit() and int(value) % 12 == 0 and int(value):
                out += [Token(str(int(value) // 12), "num"), Token("year", "word")]  # "36 months" = "3 years"
                i += 2
                continue
            out.append(Token(value, "num"))
            i += 1
            continue
        if (
            tok.kind == "word"
            and tok.text == "free"
            and not gratis
            and out
            and out[-1].kind == "word"
            and out[-1].text not in _STRUCTURE
            # before a noun too: "fragrance free body lotion" is "fragrance-free body lotion"
            and (nxt is None or nxt.kind == "sep" or (nxt.kind == "word" and nxt.text not in PHRASE_HEADS))
        ):
            prev = out.pop()
            if len(out) >= 2 and out[-1].text in _AND and out[-2].kind == "word" and out[-2].text not in _STRUCTURE:
                # "fragrance and alcohol free": both are excluded, not "fragrance, without alcohol"
                joiner, first = out.pop(), out.pop()
                out += [Token("without", "word", closed=True), first, joiner]
            out += [Token("without", "word", closed=True), prev]
            i += 1
            continue
        out.append(tok)
        i += 1
    return out
