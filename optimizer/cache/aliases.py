"""The guard's word tables: what may be dropped, numbers and units, and the aliases of one
term (a closed list of harmless spellings of one meaning, never of "dangerous" words).

Read by ``cache/canon.py``; nothing here decides anything on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..alternation import Prefiltered, top_level


def _to_short_name(
    names: dict[str, str], *, before: str, after: str
) -> tuple[re.Pattern[str] | Prefiltered, Callable[[re.Match[str]], str]]:
    """A (pattern, replacement) alias pair for a table ``short name -> spellings regex``.

    Every spelling goes in one pattern (one pass over the text, case-insensitive) between
    the ``before`` and ``after`` guards; the named group that matched says which row it
    was, and the replacement writes that row's short name between spaces.

    >>> pattern, short = _to_short_name({"eur": "euros?"}, before="(?<![a-z])", after="(?![a-z])")
    >>> pattern.sub(short, "10 Euros in cash")
    '10  eur  in cash'
    """
    alternatives = "|".join(f"(?P<n{i}>{spelling})" for i, spelling in enumerate(names.values()))
    pattern = re.compile(f"{before}(?:{alternatives}){after}", re.I)
    short = tuple(names)
    spellings = [part for spelling in names.values() for part in top_level(spelling)]
    try:  # tried only where a spelling's first letters occur (the glossary was a fifth of a lookup)
        pattern = Prefiltered(pattern, spellings, before=before)
    except ValueError:
        pass  # a spelling with no literal opening: the plain pattern
    return pattern, lambda match: f" {short[int(match.lastgroup[1:])]} "


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
# "both" is no determiner here: "a lotion and a wash, both with 5% glycerin" shares the
# glycerin; "just" (= only) is a word too: "sell just online".
DETERMINERS = frozenset({"that"})
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
    # Longer phrases first: the alternation takes the first that matches ("tell me about"
    # before "tell me").
    # "can we have 5% retinol in a serum?" asks whether it can be done: only "get" asks for it.
    # "can we get the cost under 2 EUR?" and "may we have 1% retinol?" ask whether: only
    # "could I get" asks for something, and "may I ask for / about" only asks.
    r"(?:may|could|can) (?:i|we) (?:please )?ask (?:you )?(?:for|about)|could i (?:please )?get",
    r"(?:would you mind|do you mind) (?:writing|drafting|creating|preparing|giving|making|suggesting|putting together)(?: (?:me|us))?(?: some)?",
    r"(?:tell|show) (?:me|us) about|(?:tell|show) (?:me|us)(?= (?:whether|if)\b) (?:whether|if)",
    r"(?:hi|hello|hey|dear|good morning|good afternoon)(?:\s+(?:team|all|there|everyone|folks|guys|colleagues?|sir|madam|sir or madam|assistant))?",
    r"thanks a lot|many thanks|much appreciated|appreciate it|(?:best |kind )?regards|thx|(?-i:ty)",  # "TY": this year
    # "in advance" only after thanks ("thanks a lot in advance"): "book the line in advance" asks.
    r"(?:(?<=thanks )|(?<=thank you )|(?<=thanks so much )|(?<=thank you so much )|(?<=thanks very much )|(?<=you very much )|(?<=thanks a lot )|(?<=thx )|(?<=ty )|(?<=appreciated )|(?<=grateful ))in advance",
    r"thanks? (?:you )?for (?:your|the) help|(?:quick )?question(?=\s*[:,])|(?:i|we) have a (?:quick )?question|please advise|at your convenience",
    # Not "asap", "no rush" or a bare "in advance": in a costing the urgency is the question
    # (air or sea freight, booking a line in advance; a reviewer's finds).
    r"when you (?:can|get a (?:chance|moment|minute|sec(?:ond)?))",
    r"(?:i|we) would (?:really )?(?:appreciate it|be grateful) if you could",
    r"if you do not mind|do you mind",
    r"thank(?:s| you)(?:\s+(?:so|very))?(?:\s+much)?(?:\s+in advance)?",
    r"i (?:was|am) wondering if(?: you could)?|i wonder if(?: you could)?",
    r"would you mind",
    r"(?:i|we)(?: would| 'd|'d)? (?:like|love|want|need) to (?:know|see|get|have|understand|ask|find out)",
    r"(?:i|we) would (?:like|love)(?: you to)?|(?:i|we) (?:want|need) you to",
    r"(?:i|we) (?:am|are) looking for|(?:^|(?<=[.!?\n]))\s*looking for",
    r"help (?:me|us)(?: with| to)?|let (?:me|us) know|(?:tell|show|give|giving|send|get|write|find|create|prepare|draft) (?:me|us)(?: some)?|make (?:me|us)(?= (?:a|an|the|some|\d))|for (?:me|us)(?=\s*(?:please\s*)?(?:[.,;!?]|$))",
    r"(?:i|we)(?: would| 'd|'d)? (?:like|love|want|need) to (?:know|see|get|have|understand|ask|find out)",
    r"(?:i|we)(?: would|'d)? (?:really )?appreciate(?: it)?(?: if you could)?(?: some)?|(?:i|we) (?:am|are) (?:curious|wondering)",
    r"if (?:you can|you could|you do not mind|it is not too much trouble)",
    r"(?:would you|could you)? ?be so kind as to|(?:it )?would be (?:great|nice|helpful) if you could",
    r"good (?:evening|day)|greetings|cheers|best wishes|warm regards|thank u|tysm",
    r"(?:i )?hope (?:you are|you're|all is|this finds you) (?:well|doing well|good)|hope all is well",
    r"(?:i |we )?hope (?:your|the) (?:week|day|weekend|morning|trip) (?:is going|went|was|is) (?:well|good|great)"
    r"|(?:i |we )?hope you (?:had|have|are having) (?:a )?(?:good|great|nice|lovely) (?:weekend|week|day|trip)",
    r"(?:it |that |this )?would be (?:really |very |so )?(?:great|lovely|helpful|wonderful|amazing|perfect|appreciated)",
    r"(?:i|we)(?: would|'d)? be (?:very |really |so )?grateful(?: for (?:it|this|that|your help))?",
    r"(?:when|if) you (?:have|get|can spare) (?:a|the) (?:moment|minute|sec(?:ond)?|chance|time)|(?:yours )?sincerely(?=\s*[,!.]?\s*(?:\n|$))",
    r"sorry (?:to bother(?: you)?|for the trouble|for bothering you)(?:,? but(?= (?:could|can|would|what|which|who|how|is|are|do|does)\b))?|apologies(?: in advance)?",
    r"whenever you (?:have|get) (?:the |a )?(?:time|moment|minute)|at your earliest convenience|looking forward to (?:your|the) (?:answer|reply|response)",
    r"(?:let (?:me|us) know )?if (?:anything|something) is (?:unclear|missing)|hope (?:that|this) makes sense",
    r"(?:can|could|would) you (?:please )?help(?: me| us)?(?: with| to)?|(?:i|we) need (?:your|some) help(?: with)?|help needed",
    r"just (?:wondering|checking)|one more thing|by the way|btw|fyi|dear (?:colleagues|all|friends)|hello (?:all|friends)",
    r"gracias|obrigad[oa]|merci|shukran|asante|saludos|hola|ol[aá]",
    r"(?:please )?check (?=(?:how|whether|what|which|why|when)\b)",
    r"(?:a )?quick (?:one|q)(?=\s*[:,!]|\s+[-–]\s)",  # not "a quick one-minute mask"
    # Two-word request verbs before what is asked for: "could you put together a scrub".
    r"(?<![\w-])(?:put together|come up with|work out|figure out)(?= (?:a|an|the|some|me|us|\d))",
)
# "if possible" is politeness in a polite request ("I'd love a recipe if possible"), and a
# soft requirement in a bare one ("vegan wax if possible"): dropped only in the first.
_SOFT_RE = re.compile(r"\b(?:if possible|where possible|if that is ok)\b", re.I)
# Not after an article or a possessive: "our thank you cards", "a greetings card", "a good
# morning face mist" name things (review47); whether a greeting or a thanks before a word
# names a thing is ``words._polite_dropped``'s to say.
_POLITE_RE = re.compile(
    r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bour )(?<!\bmy )(?<!\byour )(?<!\btheir )\b(?:" + "|".join(_POLITE) + r")\b",
    re.IGNORECASE,
)
# A greeting or a thanks (``words._polite_dropped`` decides whether one names a thing: "thank
# you postcards", review48, review49) and the words that go on greeting or thanking after
# one: "thanks for", "thank you so much", "hello team".
GREETING_OR_THANKS = re.compile(
    r"^(?:thank|thanks|hello|hi|hey|greetings|good morning|good afternoon)\b",
    re.IGNORECASE,
)
GREETING_GOES_ON = frozenset(
    {"for", "so", "very", "in", "again", "a", "all", "team", "everyone", "everybody", "guys", "folks", "you"}
    | {"much", "and", "but", "to", "i", "we", "please", "pls", "there", "both", "kindly", "lot", "heaps", "tons"}
    | {"could", "can", "would", "will", "do", "is", "are", "quick", "just", "hope", "as", "once", "ahead"}
    | {"sorry", "here", "my", "our", "this", "it", "that", "kind", "dear", "hi", "hello"}
)
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
    {
        "summarize",
        "sum",
        "create",
        "make",
        "give",
        "provide",
        "generate",
        "produce",
        "write",
        "prepare",
        "draft",
        "need",
        "want",
    }
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
_REQUEST_PARTICLES = {
    "sum": ("up",),
    "come": ("up", "with"),
    "work": ("out",),
    "figure": ("out",),
    "think": ("of", "up"),
}
# "Can you / could you / would you be able to" + a verb that asks for a text is a polite
# request ("Could you draft a tagline?" = "Draft a tagline"); before any other verb it asks
# whether a thing can be done ("Can you mix retinol and vitamin C?" is not "Mix retinol and
# vitamin C") and becomes "whether", as "is it / would it be possible to" always does
# (words._prepare). Politeness and adverbs between them are skipped ("could you pls just").
_ABLE_RE = re.compile(
    r"\b(?P<ask>would it be possible to|is it possible to|would you be able to|are you able to|could you|can you"
    r"|would you|will you)(?:[\s,]+(?:please|pls|plz|kindly|just|possibly|maybe|perhaps|briefly|also|quickly))*"
    r"[\s,]+(?=(?P<verb>[^\W\d_]+)(?:\s+(?P<next>[^\W\d_]+))?)",
    re.IGNORECASE,
)
# What the costing and market requests do: after "could you" or "would you" a polite request,
# after "can you" or "will you" a question whether it can be done ("Can you cost a serum under 2 EUR a
# unit?" asks whether the target can be met; review47).
TASK_VERBS = frozenset({"cost", "price", "size", "benchmark", "profile", "research"})
# Verbs that ask for a text whatever follows them.
ASKING_VERBS = (
    (REQUEST_VERBS_ANY - {"need", "want"})  # "would you need a preservative?" asks whether
    | frozenset().union(*REQUEST_VERBS.values())
    | {"tell", "show", "send", "list", "share", "explain", "check", "compare", "recommend", "find"}
    | {"suggest", "outline", "describe", "analyze", "analyse", "estimate", "calculate", "review", "summarise"}
    | {"draft", "propose", "name", "rank", "translate", "rewrite", "improve", "update", "confirm", "clarify"}
    | {"recalculate", "redo", "revise", "rework", "adjust", "simplify", "shorten", "expand", "rerun", "tweak"}
    | {"identify", "assess", "evaluate", "determine", "specify", "highlight", "detail", "verify", "edit"}
    | {"proofread", "quote", "prioritize", "prioritise", "choose", "select", "forecast", "plan", "map"}
    | {"reformulate", "rephrase", "reword", "format", "convert", "organize", "organise", "structure", "advise"}
    | TASK_VERBS
    # What an alias left where the verb was ("could you kindly give me a list": "please give
    # me" is dropped before): nothing is asked whether.
    | {"a", "an", "the", "some", "me", "us", "my", "our", "this", "these", "that", "those", "any"}
)
# Verbs that ask for a text only with their particle: "could you put together a kit" asks
# for one, "can you put niacinamide and vitamin C in one serum?" asks whether.
ASKING_WITH = {
    "put": {"together"},
    "come": {"up"},
    "break": {"down"},
    "work": {"out"},
    "figure": {"out"},
    "sum": {"up"},
    "walk": {"me", "us", "through"},
    "look": {"into", "up"},
    "think": {"of", "up"},
}
# "Is it possible to" and "would it be possible to" ask whether, before any verb.
WHETHER_ASKS = frozenset({"is it possible to", "would it be possible to"})

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


def _us(m: re.Match[str]) -> str:
    """ "US" in capitals is the country, unless the whole text is in capitals: "WHAT MATTERS
    FOR US?" is our company (a reviewer's find); "THE US" is still the country."""
    if m.group() == "USA":
        return " usa "
    text = m.string
    letters = [c for c in text if c.isalpha()]
    shouted = len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    if shouted and not re.search(r"\b(?:the|in|to|from|across)\s+$", text[: m.start()], re.I):
        return " usorwe "  # the country or our company: neither, so it matches only itself
    return " usa "


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
    "tonne": "t",
    "tonnes": "t",
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
# ISO 4217 codes of the markets analysts name (codes that are also English words, such as
# TRY or PEN, are left out: "try" must stay a verb).
CURRENCY_CODES = frozenset(
    [
        "aed",
        "ars",
        "aud",
        "bdt",
        "bhd",
        "brl",
        "cad",
        "chf",
        "clp",
        "cny",
        "cop",
        "czk",
        "dkk",
        "dop",
        "dzd",
        "egp",
        "eur",
        "gbp",
        "ghs",
        "gtq",
        "huf",
        "idr",
        "ils",
        "inr",
        "jpy",
        "kes",
        "krw",
        "kwd",
        "lkr",
        "mxn",
        "myr",
        "ngn",
        "nok",
        "nzd",
        "omr",
        "php",
        "pkr",
        "pln",
        "qar",
        "rub",
        "rwf",
        "sar",
        "sek",
        "sgd",
        "thb",
        "tnd",
        "twd",
        "tzs",
        "uah",
        "ugx",
        "usd",
        "uyu",
        "vnd",
        "xaf",
        "xof",
        "zar",
    ]
)
UNITS.update({code: code for code in CURRENCY_CODES})
CURRENCIES = CURRENCY_CODES | {"$", "¥"}
_CURRENCY_SYMBOLS = frozenset({"$", "€", "£", "¥", "₹"})
# A currency's name, its code: one term, two spellings (names shared by several currencies,
# such as "dollars", "pesos", "dirhams" or "rupees" alone, are left as written).
_CURRENCY_NAMES = {
    "brl": r"R\$|brazilian reals?|reais",
    "aud": r"A\$|AU\$|australian dollars?",
    "nzd": r"NZ\$|new zealand dollars?",
    "cad": r"C\$|CA\$|canadian dollars?",
    "usd": r"US\$|american dollars?",
    "mxn": r"MX\$|mexican pesos?",
    "cop": r"colombian pesos?",
    "clp": r"chilean pesos?",
    "ars": r"argentine pesos?|argentinian pesos?",
    "zar": r"south african rands?|rands?",
    "ngn": r"nigerian naira|naira",
    "kes": r"kenyan shillings?",
    "ghs": r"ghanaian cedis?|cedis?",
    "aed": r"uae dirhams?|emirati dirhams?",
    "sar": r"saudi riyals?",
    "qar": r"qatari riyals?",
    "egp": r"egyptian pounds?",
    "inr": r"indian rupees?",
    "cny": r"chinese yuan|yuan|renminbi|rmb",
    "pln": r"polish zloty|zlotys?|złoty",
    "huf": r"hungarian forints?|forints?",
    "chf": r"swiss francs?",
}
_CURRENCY = _to_short_name(_CURRENCY_NAMES, before=r"(?<![\w$])", after=r"(?![^\W\d_])")
# One country, several spellings (a list of harmless aliases, not of dangerous words).
# One term, two spellings: an abbreviation and its expansion (a glossary of harmless
# aliases; every other abbreviation is kept as written and matches only itself).
# Every spelling here and in the currency table opens with two literal characters (write
# "e\.g|eg", not "e\.?g"): the table is then tried only where one occurs
# (optimizer.alternation.Prefiltered; tests/test_alternation.py checks it).
# Not here, though common: an abbreviation with two meanings in the trade (a reviewer's
# finds): BHA (beta hydroxy acid; butylated hydroxyanisole), PHA (polyhydroxy acid; the
# bioplastic), HA (hyaluronic acid; hydroxyapatite in oral care), CPC (cetylpyridinium
# chloride; cost per click), PCR (post-consumer recycled; the lab test).
GLOSSARY = {
    "rct": r"randomi[sz]ed controlled (?:clinical )?trials?|rcts?",
    "spf": r"sun protection factor|spf",
    "o/w": r"oil[- ]in[- ]water|o/w",
    "gcc": r"gulf cooperation council(?: countries| states)?|gcc",
    "aha": r"alpha[- ]hydroxy acids?|ahas?",
    "sls": r"sodium lauryl sulfate|sodium lauryl sulphate|sls",
    "sles": r"sodium laureth sulfate|sodium laureth sulphate|sles",
    "capb": r"cocamidopropyl betaine|capb",
    "moq": r"minimum order quantit(?:y|ies)|moqs?",
    "cagr": r"compound annual growth rate|cagr",
    "cpsr": r"cosmetic product safety report|cpsr",
    "rrp": r"recommended retail price|rrp",
    "cogs": r"cost of goods sold|cogs",
    "dtc": r"direct[- ]to[- ]consumer|dtc|d2c",
    "otc": r"over[- ]the[- ]counter|otc",
    "approximately": r"approx\.?|approximately",
    "including": r"incl\.?|including|inclusive of",
    "excluding": r"excl\.?|excluding|exclusive of",
    "vs": r"vs\.?|versus|v\.",
    "eg": r"e\.g|eg",
    "ie": r"i\.e|ie",
    "year": r"yrs?\.?(?=\s|$)",
    # markets (unambiguous names only: "SA" may be South Africa, South America or Saudi Arabia)
    "uae": r"the\s+united arab emirates|united arab emirates|u\.a\.e\.?|uae",
    "ksa": r"the\s+kingdom of saudi arabia|kingdom of saudi arabia|saudi arabia|ksa|saudi",
    "latam": r"latin america|latam|lat am",
    "mena": r"middle east and north africa|mena",
    "apac": r"asia[- ]pacific|apac",
    "anz": r"australia and new zealand|anz",
    "drc": r"democratic republic of (?:the )?congo|dr congo|drc",
    "rsa": r"republic of south africa|rsa",
    "fmcg": r"fast[- ]moving consumer goods|fmcg",
    # ingredients and tests
    "hyaluronic": r"hyaluronic acid",
    "txa": r"tranexamic acid|txa",
    "bpo": r"benzoyl peroxide|bpo",
    "chx": r"chlorhexidine(?: gluconate)?|chx",
    "smfp": r"sodium monofluorophosphate|smfp",
    "naf": r"sodium fluoride|naf",
    "snf2": r"stannous fluoride|snf2",
    "zno": r"zinc oxide|zno",
    "tio2": r"titanium dioxide|tio2",
    "tewl": r"trans[- ]?epidermal water loss|tewl",
    "hript": r"human repeat(?:ed)? insult patch test(?:ing|s)?|hript",
    "edp": r"eau de parfum|edp",
    "edt": r"eau de toilette|edt",
    "edc": r"eau de cologne|edc",
    "ifra": r"international fragrance association|ifra",
    # business
    "sku": r"stock[- ]keeping units?|skus?",
    "vat": r"value[- ]added tax|vat",
    "kol": r"key opinion leaders?|kols?",
    "ugc": r"user[- ]generated content|ugc",
    "b2b": r"business[- ]to[- ]business|b2b",
    "b2c": r"business[- ]to[- ]consumer|b2c",
    "yoy": r"year[- ]on[- ]year|year[- ]over[- ]year|yoy",
    "gmp": r"good manufacturing practices?|gmp",
    "pos": r"point[- ]of[- ]sale",
    "quantity": r"qty\.?|quantity",
    "pieces": r"pcs\.?|pieces",
    "maximum": r"max\.?|maximum",
    "minimum": r"minimum|min\.?(?=\s+(?:order|of|\d))",
    "average": r"avg\.?|average",
    "month": r"mths?\.?|mos\.?(?=\s|$)",
    "week": r"wks?\.?(?=\s|$)",
    "information": r"info|information",
    "about": r"abt",
    "handmade": r"hand[- ]made",
    "ecommerce": r"e-commerce|e commerce|ecommerce",
    "vitamin": r"vit\.?(?=\s*(?:[a-ek]\d{0,2}|b\d{1,2})\b)",
    # one country, several names (the official and the common one)
    "vietnam": r"viet\s+nam",
    "czechia": r"czech\s+republic",
    "turkey": r"türkiye|turkiye",
    "ivory coast": r"côte\s+d['’]?\s*ivoire|cote\s+d['’]?\s*ivoire",
    "myanmar": r"burma",
    "eswatini": r"swaziland",
    "cabo verde": r"cape\s+verde",
    "timor-leste": r"east\s+timor",
    # (the literal first: the table is prefiltered on each spelling's opening letters)
    "netherlands": r"holland(?<!north\sholland)(?<!south\sholland)(?<!new\sholland)(?![\w-])(?!\s*(?:&|and)\s*barrett)",
    # the country's name as often misspelt (no other word is spelt so)
    "philippines": r"phil+ip+[ie]nes",
}
# "for the Polish market" = "for Poland market" = "in Poland": a country's market, said
# with its adjective (capitalised, so "nail polish market" stays) or its name.
_DEMONYMS = {
    "argentina": "Argentine|Argentinian",
    "australia": "Australian",
    "austria": "Austrian",
    "belgium": "Belgian",
    "brazil": "Brazilian",
    "canada": "Canadian",
    "chile": "Chilean",
    "china": "Chinese",
    "colombia": "Colombian",
    "czechia": "Czech",
    "denmark": "Danish",
    "egypt": "Egyptian",
    "finland": "Finnish",
    "france": "French",
    "germany": "German",
    "ghana": "Ghanaian",
    "greece": "Greek",
    "hungary": "Hungarian",
    "india": "Indian",
    "indonesia": "Indonesian",
    "ireland": "Irish",
    "israel": "Israeli",
    "italy": "Italian",
    "japan": "Japanese",
    "kenya": "Kenyan",
    "malaysia": "Malaysian",
    "mexico": "Mexican",
    "morocco": "Moroccan",
    "netherlands": "Dutch",
    "nigeria": "Nigerian",
    "norway": "Norwegian",
    "pakistan": "Pakistani",
    "peru": "Peruvian",
    "philippines": "Filipino|Philippine",
    "poland": "Polish",
    "portugal": "Portuguese",
    "romania": "Romanian",
    "ksa": "Saudi",
    "singapore": "Singaporean",
    "south korea": "South Korean|Korean",
    "spain": "Spanish",
    "sweden": "Swedish",
    "switzerland": "Swiss",
    "taiwan": "Taiwanese",
    "thailand": "Thai",
    "turkey": "Turkish",
    "ukraine": "Ukrainian",
    "uk": "British",
    "vietnam": "Vietnamese",
}
# Countries by the names the guard writes them with (after the aliases above).
COUNTRIES = frozenset(_DEMONYMS) | frozenset(
    {
        "uae",
        "qatar",
        "kuwait",
        "bahrain",
        "oman",
        "lebanon",
        "jordan",
        "tunisia",
        "algeria",
        "ethiopia",
        "tanzania",
        "uganda",
        "senegal",
        "ivory coast",
        "cameroon",
        "south africa",
        "new zealand",
        "nz",
        "bangladesh",
        "sri lanka",
        "nepal",
        "cambodia",
        "laos",
        "myanmar",
        "hong kong",
        "croatia",
        "serbia",
        "bulgaria",
        "slovakia",
        "slovenia",
        "estonia",
        "latvia",
        "lithuania",
        "iceland",
        "luxembourg",
        "ecuador",
        "bolivia",
        "paraguay",
        "uruguay",
        "venezuela",
        "guatemala",
        "costa rica",
        "panama",
        "dominican republic",
        "puerto rico",
        "jamaica",
        "cuba",
    }
)
_MARKET_NAME = re.compile(
    r"\b(?:for|in|on)\s+(?:the\s+)?(?:(?P<adj>"
    + "|".join(f"(?-i:{a})" for a in _DEMONYMS.values())
    + r")|(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+)?))\s+markets?\b",
    re.I,
)
_MADE_FOR = re.compile(
    r"\b(?:made|produced|manufactured|formulated|sourced|packed|packaged|filled|designed|developed)\s*$", re.I
)
_BY_ADJECTIVE = {adj: name for name, adjs in _DEMONYMS.items() for adj in adjs.split("|")}


def _market_of(m: re.Match[str]) -> str:
    """ "for the Polish market" -> " in poland "; "for Poland market" -> " in poland "; any
    other "for the X market" (a product's market: "for the nail polish market") stays."""
    if _MADE_FOR.search(m.string, max(0, m.start() - 24), m.start()):
        return m.group(0)  # made *for* a market is not made *in* it: the destination, not the origin
    if m.group("adj"):
        return f" in {_BY_ADJECTIVE[m.group('adj')]} "
    name = m.group("name").lower()
    if name in COUNTRIES:
        return f" in {name} "
    return m.group(0)


_MARKET_OF = (_MARKET_NAME, _market_of)

# "unit cost" is "cost per unit" after nothing, a determiner or a verb that asks; after a
# noun it is that noun's cost ("business unit costs", "display unit cost").
_UNIT_COST = re.compile(r"(\b[^\W\d_]+\s+)?\bunit\s+(cost|price)s?\b", re.I)
_UNIT_COST_AFTER = frozenset(
    {"the", "a", "an", "our", "my", "your", "their", "its", "this", "that", "what", "whats", "is", "of", "for"}
    | {"estimate", "estimated", "calculate", "compute", "give", "me", "us", "total", "landed", "target", "final"}
    | {"and", "or", "per", "approximate", "rough", "expected", "new", "current"}
)


def _unit_cost(m: re.Match[str]) -> str:
    before = m.group(1) or ""
    if before and before.strip().lower() not in _UNIT_COST_AFTER:
        return m.group(0)
    return f"{before} {m.group(2)} per unit "


_LISTED_AFTER = re.compile(r"\d\s*(?:and|or|&)\s*\d+(?:[.,]\d+)?\s*(?P<unit>%|[^\W\d_]+)?", re.I)
_PH_BEFORE = re.compile(r"\bph\s*\d+$", re.I)


# A lookbehind needs one width per alternative: every code here is three letters.
_PRICE_CODES = "(?:eur|usd|gbp|chf|pln|sek|nok|dkk|czk|huf|ron|brl|mxn|inr|zar|aud|cad|jpy|cny)"


def _decimal_comma(m: re.Match[str]) -> str:
    """The comma of "2,5" as a decimal point, or kept where the number opens a list of
    numbers joined by "and"/"or" with no unit after it or "pH" before it ("shades 1,2 and
    3" are three shades; "2,5 and 5%", "4,5 or 5 EUR", "pH 5,5 and 6" are decimals)."""
    listed = _LISTED_AFTER.match(m.string, m.end())
    if listed is None:
        return "."
    unit = (listed.group("unit") or "").lower()
    if unit == "%" or unit in UNITS or _PH_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return "."
    return ","


_WORD_SLASH = re.compile(r"(?<=[^\W\d_]{3})\s*/\s*(?=[^\W\d_]{3})")
_SEGMENT_END = re.compile(r"[,;:\n()?!]|\.(?!\d)")
# the word after the slash, then a noun (not a preposition, a determiner or a pronoun)
_NOT_A_NOUN = r"(?:with|without|in|for|of|on|at|by|from|to|into|vs|versus|and|or|every|all|each|your|our|my|the|a|an)"
_MODIFIER_PAIR = re.compile(rf"[^\W\d_]+[ \t]+(?!{_NOT_A_NOUN}\b)[^\W\d_]", re.I)


def stretch_around(text: str, start: int, end: int, boundary: re.Pattern[str]) -> str:
    """The part of ``text`` around ``text[start:end]`` that no ``boundary`` match cuts: from
    the last boundary before it to the first one after it.

    >>> stretch_around("a, b / c, d", 5, 6, re.compile(","))
    ' b / c'
    """
    begin = max((e.end() for e in boundary.finditer(text, 0, start)), default=0)
    found = boundary.search(text, end)
    return text[begin : found.start() if found else len(text)]


def _slashed(m: re.Match) -> str:
    """A list's comma for a slash in a chain ("bottle / pump / label"), "or" for the one
    slash of its stretch ("shampoo / conditioner"), unless it is written unspaced between two
    modifiers of the next word ("Day/night cream"). ("and/or" never gets here: "or" is too
    short for ``_WORD_SLASH``.)"""
    if m.group() == "/" and _MODIFIER_PAIR.match(m.string, m.end()):
        return ", "  # "Day/night cream", "oily/combination skin": two modifiers of one noun
    stretch = stretch_around(m.string, m.start(), m.end(), _SEGMENT_END)
    return " or " if len(_WORD_SLASH.findall(stretch)) == 1 else ", "


_GLOSSARY = _to_short_name(GLOSSARY, before=r"(?<![\w/-])", after=r"(?![\w/-])")
_ALIASES = (
    # A period that ends an abbreviation ends no sentence: "e.g.", "etc.", "excl.", "no.".
    (
        re.compile(r"\b(e\.g|i\.e|etc|excl|esp|dept|est|nr|approx|incl|vs|max|min|pcs|qty|avg)\.(?=\s|$|,)", re.I),
        lambda m: m.group(1).replace(".", "") + " ",
    ),
    # "2,5%" and "pH 5,5": a comma between digits, one digit after it, is a decimal comma.
    # ...unless numbers are chained: "sizes 1,2,3"; or listed with "and"/"or" without a
    # unit or a pH to say they are measures ("shades 1,2 and 3"; "pH 5,5 and 6", "2,5 and
    # 5%" and "4,5 or 5 EUR" are decimals).
    (re.compile(r"(?<=\d),(?=\d(?!\d)(?!,\d))(?<!\d,\d,)"), _decimal_comma),
    # "EUR 0,38", "1,12 EUR/kg", "19,99 €": two digits after a comma are cents, never a
    # thousands group (three digits), when a price says so beside them.
    (
        re.compile(
            "(?:"
            + "|".join(
                f"(?<={before}{digits})"
                for before, most in ((_PRICE_CODES + r"\s", 3), ("[€$£]", 3), (r"[€$£]\s", 2))
                for digits in (r"\d", r"\d\d", r"\d\d\d")[:most]
            )
            + r"),(?=\d\d(?![\d,]))"
            r"|(?<=\d),(?=\d\d(?![\d,])\s?(?:(?:eur|usd|gbp|chf|pln)\b|[€$£]))",
            re.I,
        ),
        # "EUR 15,25 and 35" are three prices (the listing rule of _decimal_comma)
        lambda m: "," if re.match(r"\d\d\s*(?:and|or|&)\s*\d", m.string[m.end() :]) else ".",
    ),
    _CURRENCY,
    (re.compile(r"\bcannot\b|\bcant\b", re.I), "can not"),
    (re.compile(r"\bW/O(?![\w/])"), " water-in-oil "),  # capitals: the emulsion, as O/W is
    # "w/o emulsion" is the emulsion type in any case ("a toner w/o alcohol" is "without").
    (re.compile(r"\bw/o(?=\s+(?:emulsions?|creams?|systems?|type)\b)", re.I), " water-in-oil "),
    (re.compile(r"\bw/o(?![\w/])", re.I), " without "),
    (re.compile(r"\bw/(?=\s)", re.I), " with "),  # "w/ the carton"; "w/w" and "w/v" are units
    (re.compile(r"(?<![\w~])~\s*(?=\d)"), " approximately "),  # "~50 g": a target, not the spec "50 g"
    # "need not be vegan" leaves it open; "not vegan" excludes it ("need" alone is a filler).
    (re.compile(r"\bneeds?\s+not\b|\b(?:does|do|did)\s+not\s+need\s+to\b", re.I), " optionally "),
    (re.compile(r"(?<=[^\W\d_])\s*\+\s*(?=[^\W\d_])"), " and "),  # "cedar+orange"; "SPF 50+" stays
    # Two-letter abbreviations only as capitals ("ha" and "nz" are not words to guess at).
    (re.compile(r"\bIG\b|\b[Ii]nsta\b"), " instagram "),
    (re.compile(r"\bAUS\b|\bAus\.(?=\s)"), " australia "),
    (re.compile(r"\bN\.?Z\b\.?|\bnew\s+zealand\b", re.I), " nz "),
    (re.compile(r"\bwont\b", re.I), "will not"),
    (re.compile(r"\b(whats|thats|theres)\b", re.I), lambda m: m.group(1)[:-1] + " is"),
    _GLOSSARY,
    (
        re.compile(
            r"(?<=[^\W\d_])/(?=(?:units?|batch|kg|g|l|ml|piece|pcs|year|month|week|day|case|pack|sku|wash|use"
            r"|application|dose|serving|load|room|guest)\b)",
            re.I,
        ),
        " per ",
    ),
    (re.compile(r"\bpounds?\s+sterling\b|\bsterling\b|\bbritish\s+pounds?\b", re.I), " gbp "),
    (re.compile(r"\bu\.?s\.?\s+dollars?\b", re.I), " usd "),
    (re.compile(r"\beuros?\b", re.I), " eur "),
    (re.compile(r"\b(?:the\s+)?united\s+states(?:\s+of\s+america)?\b|\bu\.s\.a\.?|\bu\.s\.(?!\w)", re.I), " usa "),
    (re.compile(r"\bUSA\b|\bUS\b"), _us),
    # "the us market", "ship to the us": no "us" that means "we" has "the" (review44)
    (re.compile(r"\bthe\s+us(?![\w-])", re.I), " the usa "),
    (re.compile(r"\b(?:the\s+)?united\s+kingdom\b|\bu\.k\.(?!\w)", re.I), " uk "),
    (re.compile(r"\b(?:the\s+)?european\s+union\b", re.I), " eu "),
    # "Korea" is South Korea in any market question (North Korea is written out, and kept).
    (
        re.compile(r"\b(?:the\s+)?republic\s+of\s+korea\b|(?<!north )(?<!south )(?<![\w-])korea(?![\w-])", re.I),
        " south korea ",
    ),
    (re.compile(r"\bper\s+cent\b", re.I), " percent "),
    # "unit cost" = "per-unit cost" = "cost per unit" (and per batch, per kg...).
    (re.compile(r"\bper[- ](unit|batch|kg|piece|bottle|tube|jar|item|pack)\s+(cost|price)s?\b", re.I), r" \2 per \1 "),
    (_UNIT_COST, _unit_cost),
    (re.compile(r"(?<=\d)\s*secs?\.?(?=\s|$)"), " second "),  # "30 sec"; "SEC filings" stay
    (re.compile(r"\b(?:gen|generation)[\s.-]*(z|x|y|alpha)\b", re.I), r" generation \1 "),
    # "a decade" = "10 years" (a horizon); "the 2020s" is a decade of its own and stays.
    (re.compile(r"\b(?:a|one)\s+decade\b", re.I), " 10 years "),
    (re.compile(r"\bnext\s+decade\b", re.I), " next 10 years "),
    # A currency sign on its own (a currency field: "€"); "€20" was read above.
    (re.compile(r"(?<![\w$€£₹])€(?![\w$€£₹])"), " eur "),
    (re.compile(r"(?<![\w$€£₹])£(?![\w$€£₹])"), " gbp "),
    (re.compile(r"(?<![\w$€£₹])₹(?![\w$€£₹])"), " inr "),
    _MARKET_OF,
    # "in a serious tone" = "serious tone": the manner of the copy, said with or without "in".
    (
        re.compile(r"\bin\s+an?\s+([^\W\d_]+(?:[- ][^\W\d_]+)?)\s+(tone|voice|style|register|manner)\b", re.I),
        r" \1 \2 ",
    ),
    # "reed sticks/glass bottle/cap": a slash between words lists them ("w/w", "o/w" are read
    # above); one slash between two words alone offers either ("shampoo / conditioner" is not
    # "shampoo + conditioner", "rose / oud" not "rose & oud"; holdout69)
    (_WORD_SLASH, _slashed),
    # "please give X", "pls send X": a request verb after "please" asks for X, wherever it is.
    (
        re.compile(
            r"\b(?:please|pls|plz|kindly)\s+(?:give|provide|send|share|list|show|prepare|draft)(?:\s+(?:me|us)\b)?",
            re.I,
        ),
        " ",
    ),
    # Who a product or message is for, however it is said: "aimed at teens" = "for teens".
    (re.compile(r"\b(?:aimed|targeted|geared|meant)\s+(?:at|towards?|for)\b|\btargeting\b", re.I), " for "),
    (re.compile(r"\bfree\s+(?:of|from)\b", re.I), " without "),
    (re.compile(r"\bwith\s+no\b", re.I), " without "),
    (re.compile(r"\bbetween\s+(\d+(?:\.\d+)?)\s*(?:and|-)\s*(\d+(?:\.\d+)?)", re.I), r" \1-\2 "),
    (re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?)\s*(?:to|-|–)\s*(-?\d+(?:\.\d+)?)(?![\w.])"), r" \1-\2 "),
)
_TOKEN = re.compile(
    r"""
    (?P<num>(?:(?<![\w.-])-(?=[\d.]))?(?:\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+))(?P<glue>[^\W\d_]+)?
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

# One word, another spelling or register, in every strategy (a closed list of words that
# mean the same in any request here; there are no other synonyms). Not
# listed on purpose: price/cost, shopper/consumer, margin/markup, efficacy/effectiveness.
# Compounds written as one word, two words or with a hyphen, in the product words of this
# domain: one word however written. A closed list: a dictionary join would also make
# "sweet bread" a sweetbread and "black head" a blackhead.
COMPOUNDS = frozenset(
    {
        "skincare",
        "haircare",
        "suncare",
        "nailcare",
        "bodycare",
        "sunscreen",
        "eyeliner",
        "eyeshadow",
        "lipstick",
        "lipgloss",
        "lipbalm",
        "mouthwash",
        "toothpaste",
        "toothbrush",
        "aftershave",
        "facewash",
        "bodywash",
        "handwash",
        "hairspray",
        "smudgeproof",
        "waterproof",
        "sweatproof",
        "transferproof",
    }
)

SAME_WORDS = {
    "kid": "child",
    "big": "large",
    "bigger": "larger",
    "biggest": "largest",
    "quick": "fast",
    "quicker": "faster",
    "quickest": "fastest",
    "glycerol": "glycerin",
    "glycerine": "glycerin",
    "nicotinamide": "niacinamide",
    # One thing in any request here (a reviewer's "held up" list had none of them merge
    # another request; "firm", "price", "buyer" and "shipping" have a second sense, and stay)
    "purchase": "buy",
    "rival": "competitor",
    "roughly": "approximately",  # "approx." and "approximately" are the glossary's
    "dentifrice": "toothpaste",
    "expenditure": "spend",
    # British and American words for one thing
    "nappy": "diaper",
    "mum": "mom",
    "mummy": "mommy",
}
