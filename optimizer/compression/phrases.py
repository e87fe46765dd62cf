"""What the lossy levels remove or shorten: word lists and sentence patterns, kept as data.

``vocabulary`` says what to protect; this module says what may go. Each list was
checked against the tuning half of the prose corpus (``corpus/tune`` and the five older
fixtures): an entry is here because chatty LLM answers use it there, and because
removing it changes no fact. Nothing here is specific to one text.

Patterns are matched case-insensitively against a whole sentence (``^...$``) unless the
name says ``PREFIX``; the code that applies them is in ``editor`` (medium: sentences and
phrases) and ``telegraph`` (aggressive: words).
"""

from __future__ import annotations

# Light and up: words that add no meaning. Never negations or quantifiers; hedges that
# carry science ("typically", "generally") and intensifiers that do ("highly comedogenic",
# "significantly reduced") are deliberately not here.
# Words that add tone, not content. Degree words stay ("very small study", "extremely
# rare", "particularly in the EU" say how much).
FILLERS = (
    "really",
    "basically",
    "actually",
    "essentially",
    "simply",
    "just",
    "truly",
    "certainly",
    "definitely",
    "literally",
    "totally",
    "absolutely",
    "obviously",
    "clearly",
    "indeed",
    "honestly",
    "frankly",
    "simply put",
)

# Medium and up: longer phrasings with the same meaning (longest first when applied),
# and hedges or signposts inside a sentence that announce rather than say.
REDUNDANT_PHRASES = {
    "it is important to note that": "",
    "it's important to note that": "",
    "it is worth noting that": "",
    "it's worth noting that": "",
    "it is worth mentioning that": "",
    "it's worth mentioning that": "",
    "it should be noted that": "",
    "it is important to": "",
    "it's important to": "",
    "please note that": "",
    "note that": "",
    "please note:": "",
    "keep in mind that": "",
    "bear in mind that": "",
    "needless to say,": "",
    "generally speaking,": "",
    "broadly speaking,": "",
    "as mentioned above,": "",
    "as mentioned earlier,": "",
    "as noted above,": "",
    "as you may know,": "",
    "as you probably know,": "",
    "to put that in perspective,": "",
    "to put this in perspective,": "",
    "in other words,": "i.e.",
    "that said,": "",
    "with that in mind,": "",
    "at the end of the day,": "",
    "the good news is that": "",
    "the bottom line is that": "",
    "the key thing is that": "",
    "to be honest,": "",
    "of course,": "",
    "i would strongly recommend": "recommend",
    "i'd strongly recommend": "recommend",
    "i would recommend": "recommend",
    "i'd recommend": "recommend",
    "i would suggest": "suggest",
    "i'd suggest": "suggest",
    "i recommend": "recommend",
    "i suggest": "suggest",
    "i think that": "",
    "i believe that": "",
    "you may want to": "maybe",  # a suggestion stays one
    "you might want to": "maybe",
    "you'll want to": "",
    "you will want to": "",
    "it's a good idea to": "",
    "it is a good idea to": "",
    "it's also a good idea to": "also",
    "it is also a good idea to": "also",
    "in order to": "to",
    "so as to": "to",
    "due to the fact that": "because",
    "owing to the fact that": "because",
    "in light of the fact that": "because",
    "despite the fact that": "although",
    "in spite of the fact that": "although",
    "for the purpose of": "for",
    "with the aim of": "to",
    "with regard to": "on",
    "with respect to": "on",
    "in relation to": "on",
    "in terms of": "in",
    "in the event that": "if",
    "at this point in time": "now",
    "at the present time": "now",
    "in the near future": "soon",
    "prior to": "before",
    "subsequent to": "after",
    "a wide range of": "many",
    "a wide variety of": "many",
    "a large number of": "many",
    "a significant number of": "many",
    "a variety of": "various",
    "the majority of": "most",
    "has the ability to": "can",
    "have the ability to": "can",
    "is able to": "can",
    "are able to": "can",
    "is capable of": "can",
    "are capable of": "can",
    "as well as": "and",
    "in addition to": "besides",
    "in addition,": "also,",
    "additionally,": "also,",
    "furthermore,": "also,",
    "moreover,": "also,",
    "each and every": "every",
    "first and foremost": "first",
    "on a daily basis": "daily",
    "on a regular basis": "regularly",
    "in a manner that": "so",
    "plays a crucial role in": "drives",
    "plays a key role in": "drives",
    "plays an important role in": "drives",
    "take into consideration": "consider",
    "take into account": "consider",
    "make sure that": "ensure",
    "make sure to": "ensure you",
    "a number of": "several",
    "with a particular focus on": "focused on",
    "with a focus on": "focused on",
    "one of the most": "among the most",
    "in conclusion,": "",
    "to conclude,": "",
    "to summarize,": "",
    "to summarise,": "",
    "to sum up,": "",
    "in summary,": "",
    "in short,": "",
    "all in all,": "",
    "overall,": "",
}

# Medium and up: shorter equivalents of clause patterns LLMs overuse. "which is" goes
# only before a noun phrase or adjective (``editor`` checks the next word), never
# "which consists of" (the verb would be left without its relative).
CLAUSES = {
    "which means that": "so",
    "this means that": "so",
    "and then": "then",
    "demonstrated that": "showed",
    "showed that": "showed",
    "found that": "found",
    "suggests that": "suggests",
    "indicates that": "indicates",
    "means that": "means",
    "ensure that": "ensure",
    "note that": "note",
    "so that": "so",
    "serves as": "is",
    "is designed to be": "is",
    "is expected to": "should",
    "are expected to": "should",
    "also known as": "aka",
    "for individuals with": "for",
    "for individuals who are": "for those",
    "compared to": "vs",
    "compared with": "vs",
    ", and it": ",",
    ", and they": ",",
    "in addition to this,": "also,",
    "in vitro": "in-vitro",
    "in vivo": "in-vivo",
    "in situ": "in-situ",
}

# Domain abbreviations an analyst reads without a legend (used only where they cost
# fewer tokens for the target tokenizer: see ``prose``).
ABBREVIATIONS = {
    "approximately": "approx.",
    "for example": "e.g.",
    "such as": "e.g.",
    "that is,": "i.e.,",
    "maximum": "max",
    "minimum": "min",
    "temperature": "temp",
    "concentration": "conc.",
    "concentrations": "conc.",
    "formulation": "formula",
    "formulations": "formulas",
    "manufacturing": "mfg",
    "manufacturer": "mfr",
    "information": "info",
    "recommended": "rec.",
    "recommendation": "rec.",
    "recommendations": "recs",
    "ingredient": "ingr.",
    "ingredients": "ingr.",
    "specification": "spec",
    "specifications": "specs",
    "percentage": "pct",
    "quantity": "qty",
    "regulation": "reg.",
    "regulations": "regs",
    "regulatory": "reg.",
    "packaging": "pkg",
    "laboratory": "lab",
    "application": "use",
    "applications": "uses",
    "approximate": "approx.",
    "preservative": "preserv.",
    "dermatologically": "derm.",
    "dermatologist": "derm",
    "dermatologists": "derms",
    "clinical study": "trial",
    "advertising": "ads",
    "marketing": "mktg",
    "competitors": "rivals",
    "competitive": "rival",
    "cost of goods sold": "COGS",
    "minimum order quantity": "MOQ",
    "research and development": "R&D",
    "year over year": "YoY",
    "year-over-year": "YoY",
    "compound annual growth rate": "CAGR",
    "sun protection factor": "SPF",
    "transepidermal water loss": "TEWL",
    "International Nomenclature of Cosmetic Ingredients": "INCI",
    "and": "&",
    "with": "w/",
    "versus": "vs",
    "including": "incl.",
    "especially": "esp.",
    "utilize": "use",
    "utilizes": "uses",
    "utilization": "use",
    "demonstrate": "show",
    "demonstrates": "shows",
    "demonstrated": "showed",
    "additional": "more",
    "sufficient": "enough",
    "numerous": "many",
    "individuals": "people",
    "purchase": "buy",
    "assistance": "help",
    "commence": "start",
    "facilitate": "ease",
    "optimal": "best",
    "enhance": "boost",
    "enhances": "boosts",
}

# --- Whole sentences (medium and up) -------------------------------------------------

# Pleasantries and sign-offs: dropped when they carry no protected term.
BOILERPLATE = (
    r"^(?:thank you|thanks|many thanks)(?: (?:so much|a lot|again))?(?: for (?:your|the) (?:email|message|mail|reply|note|time|patience|help|feedback|question))?(?: and)?[.!,]?$",
    r"^(?:i )?hope (?:you are|you're|all is|this finds you) (?:well|doing well)[.!,]?$",
    r"^(?:best|kind|warm|many thanks and best)? ?regards,?$",
    r"^(?:looking forward to (?:your|hearing)|i look forward to)\b.*[.!]$",
    r"^(?:sorry for the (?:late|delayed) (?:reply|answer|response))[.!,]?$",
    r"^(?:i )?hope (?:this|that|these|it)\b.*",
    r"^(?:please )?(?:let me know|feel free|do not hesitate|don't hesitate|just let me know)\b.*",
    r"^(?:if you have any (?:other |further |more )?questions)\b.*",
    r"^(?:happy|glad) to help\b.*",
    r"^(?:good|best of) luck\b.*",
    r"^(?:as an ai|as a language model)\b.*",
    r"^(?:certainly|sure|of course|absolutely|definitely|gladly|great question|good question|great)[!.]?$",
    r"^(?:that's|that is|this is|what) (?:a )?(?:great|good|excellent|interesting|fantastic|important) (?:question|topic|idea|point|area)\b.*",
    r"^let's (?:dive in|get started|get into it|begin|start|break (?:it|this|that) down|take a look)\b[^,;:]*[.!]?$",
)

# The openers LLMs put before the answer itself, stripped from a sentence's start.
OPENER_PREFIXES = (
    r"^(?:great|good|excellent) question[!.,]*\s*",
    r"^(?:certainly|sure|absolutely|of course|definitely|gladly|great)\s*(?:[!.,:]+|\s[—–-])\s*",
    r"^(?:sure|certainly|absolutely|of course)\s+(?=here\b)",
    r"^you(?:'re|’re| are) (?:right|smart|wise) to [^—–:;]{0,80}[—–:;]\s*",
)

# "Here's a detailed overview of X" -> "X": the announcement goes, the subject stays.
ANNOUNCEMENT_PREFIX = (
    r"^(?:so,? )?(?:here(?:'s|’s| is| are)|below (?:is|are)|what follows is|the following is)\s+"
    r"(?:(?:a|an|the|my|our|some)\s+)?(?:(?:quick|brief|short|detailed|comprehensive|full|complete|structured|"
    r"plain-language|high-level|step-by-step|practical|thorough|concise|clear|simple|rough|possible)\s*(?:,|and)?\s+)*"
)

# Sentences that say what the answer will do ("I'll walk you through...", "Below is my
# assessment of..."): dropped when every protected term they carry is said elsewhere.
SIGNPOSTS = (
    r"^(?:below|here|in this (?:answer|response|note|overview|guide|reply)|first|next|now|so|then)?,?\s*"
    r"(?:i'll|i’ll|i will|i'm going to|i am going to|let me|let's|let’s|we'll|we will) "
    r"(?:walk|take|go|give|provide|outline|break|cover|share|explain|start|look|dive|run|lay|summari[sz]e|focus|"
    r"show|list|set out|describe|present|sketch|highlight|touch|review|answer|begin|include|suggest|propose)\b.*",
    r"^(?:below|here) (?:is|are|you'll find|you will find) (?:my|a|an|the|some|what)\b.*",
    r"^(?:i've|i’ve|i have) (?:included|added|kept|organi[sz]ed|structured|grouped|tried|split|shown|listed|"
    r"focused|broken|laid|put|gone|covered|assumed|written|highlighted|summari[sz]ed|noted)\b.*",
    r"^(?:i'd|i’d|i would) (?:love|be happy|be glad|be delighted) to help\b.*",
    r"^(?:thanks|thank you) for (?:sharing|sending|the|your|asking|reaching)\b.*",
    # The request restated ("You're looking for names for a 50 mL cream..."): its facts
    # are in the answer below, or the sentence stays.
    r"^(?:so,? )?(?:you're|you’re|you are|you've|you have|you'd|you would) (?:looking|asking|planning|considering|"
    r"evaluating|interested|trying|hoping|after|like|want|asked|mentioned|described|shared)\b.*",
    r"^(?:you asked|you mentioned|you want|you need|you described|you shared)\b.*",
)

# An offer to do more, at the end: dropped when it carries nothing protected, else its
# lead becomes "Offer:" (the numbers and names in it stay).
OFFER_PREFIX = (
    r"^(?:please )?(?:let me know|tell me) if you(?:'d| would) (?:like|want|prefer)(?: me to| to)?\s+"
    r"|^if (?:you(?:'d| would) like|you want|it helps|helpful|useful|that helps),?\s+i (?:can|could|'d be happy to|"
    r"would be happy to)(?: also)?\s+"
    r"|^would you like (?:me )?to\s+|^do you want (?:me )?to\s+|^shall i\s+|^should i\s+|^want me to\s+"
    r"|^(?:i'm |i am |i'd be |i would be )?(?:happy|glad) to\s+|^i can also\s+"
)
OFFER_SUFFIX = r",?\s+if (?:that|this|it) (?:helps|would help|is useful|would be useful)\s*(?=[.!?]?$)"

# Summaries that repeat what was said ("In summary, ..."), and the headings above them.
SUMMARY_MARKERS = (
    r"^(?:in summary|in conclusion|to conclude|to sum up|to summari[sz]e|overall|in short|all in all|"
    r"to recap|bottom line|tl;dr|in a nutshell|summing up)\b"
)
SUMMARY_HEADINGS = r"^(?:summary|conclusions?|key takeaways?|takeaways|bottom line|tl;dr|recap|in short)\W*$"

# --- Words (aggressive) -------------------------------------------------------------

ARTICLES = ("the", "a", "an")
BE_FORMS = frozenset(["is", "are", "was", "were", "be", "been", "am"])  # not "being": "of being marketed"
# Words after which "be" must stay: "would be misleading" is not "would misleading".
MODALS = frozenset(
    [
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
        "shall",
        "to",
        "not",
        "never",
        "cannot",
        "'ll",
        "won't",
        "wouldn't",
        "shouldn't",
        "couldn't",
        "can't",
        "mustn't",
        "needn't",
    ]
)
HAVE_AUX = frozenset(["has", "have", "had"])
# Past participles that follow "has/have" often without an -ed ending.
PARTICIPLES = frozenset(
    [
        "been",
        "shown",
        "seen",
        "done",
        "made",
        "become",
        "grown",
        "given",
        "taken",
        "found",
        "known",
        "written",
        "chosen",
        "begun",
        "run",
        "risen",
        "fallen",
        "gone",
        "kept",
        "left",
        "led",
        "met",
        "paid",
        "put",
        "read",
        "said",
        "sent",
        "set",
        "spent",
        "stood",
        "built",
        "bought",
        "brought",
        "caught",
        "taught",
        "thought",
        "told",
        "won",
        "held",
    ]
)
# Subject pronouns: go at the start of a clause, where a reader restores them.
SUBJECT_PRONOUNS = frozenset(["i", "we", "you", "they", "it", "he", "she"])
POSSESSIVES = frozenset(["your", "our", "their", "its"])  # not "my": "in my view" is an opinion
# Contractions of a pronoun and an auxiliary that go whole at a clause's start
# ("it's worth" -> "worth", "I've shown" -> "shown"); "you'd"/"we'd" keep their "would".
CONTRACTIONS = frozenset(
    [
        "i'm",
        "i've",
        "i'll",
        "i'd",
        "you're",
        "you've",
        "you'll",
        "we're",
        "we've",
        "we'll",
        "they're",
        "they've",
        "they'll",
        "it's",
        "that's",
        "there's",
        "here's",
        "let's",
    ]
)
DEMONSTRATIVES = frozenset(["this", "these", "those"])
# Quantifiers before "of": "several of its requirements" keeps its "its".
QUANTIFIERS = frozenset(
    [
        "all",
        "any",
        "both",
        "each",
        "either",
        "few",
        "many",
        "most",
        "much",
        "neither",
        "none",
        "one",
        "several",
        "some",
        "half",
        "part",
    ]
)
# Discourse markers and adverbs that only connect: gone at the aggressive level.
DISCOURSE = frozenset(["also", "here", "please"])  # "then" orders steps: it stays
# Shorter words for the same connective.
# "however" only where it opens a sentence or clause ("However, X" -> "But X"); in
# mid-sentence (", however,") it stays: the contrast is the point.
SHORTER = {"however": "but", "therefore": "so", "thus": "so", "hence": "so", "although": "though"}
# A subject pronoun right after one of these opens a main clause and may go ("and you
# must" -> "and must"); after "if", "that" or "because" it stays ("if you can").
CLAUSE_OPENERS = frozenset(["and", "but", "so"])
# Verbs after which "that" only introduces what follows ("found that X" -> "found X").
REPORTING_VERBS = frozenset(
    [
        "found",
        "find",
        "finds",
        "show",
        "shows",
        "showed",
        "shown",
        "suggest",
        "suggests",
        "suggested",
        "indicate",
        "indicates",
        "indicated",
        "mean",
        "means",
        "meant",
        "ensure",
        "ensures",
        "note",
        "notes",
        "noted",
        "believe",
        "think",
        "know",
        "knew",
        "confirm",
        "confirms",
        "confirmed",
        "demonstrate",
        "demonstrates",
        "demonstrated",
        "report",
        "reports",
        "reported",
        "say",
        "says",
        "said",
        "state",
        "states",
        "stated",
        "claim",
        "claims",
        "claimed",
        "conclude",
        "concludes",
        "concluded",
        "assume",
        "assumes",
        "assumed",
        "expect",
        "expects",
        "expected",
        "recommend",
        "recommends",
        "recommended",
        "check",
        "verify",
        "require",
        "requires",
        "required",
    ]
)
# Nouns that take a letter or numeral label ("Phase A", "Annex III", "Vitamin C"): the
# label is never an article, whatever its case.
LABEL_NOUNS = frozenset(
    [
        "phase",
        "type",
        "part",
        "annex",
        "vitamin",
        "option",
        "plan",
        "step",
        "grade",
        "class",
        "schedule",
        "category",
        "list",
        "table",
        "figure",
        "group",
        "tier",
        "level",
        "stage",
        "section",
        "appendix",
        "article",
        "exhibit",
        "batch",
        "lot",
        "sample",
        "arm",
        "cohort",
        "panel",
        "version",
        "model",
        "series",
        "size",
        "zone",
        "route",
        "scenario",
        "formula",
        "variant",
        "site",
        "area",
        "point",
        "method",
        "test",
    ]
)
