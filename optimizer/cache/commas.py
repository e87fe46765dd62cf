"""Two things and a comma: "kids shampoo, and conditioner with coconut oil" is not "kids
shampoo and conditioner with coconut oil".

A mark before the "and" of two things (a comma, a semicolon, a spaced dash, however spaced,
a line break after it; "&" or "+" for "and") keeps a phrase that follows the second thing to
the second; without it the phrase may be both's. :func:`set_apart` writes the second thing
"separately" where the mark can matter, so that the two texts get two canonical forms; where
it cannot (a second clause, a question's own part, nothing after the second thing that both
could share, a list's serial comma) the text is left as written. Part of the guard's text
preparation (``words._prepare``); first written at g77, read this way since g78 (reviews 35
to 41 in ``tests/``).
"""

from __future__ import annotations

import re

from . import lexicon


def set_apart(text: str) -> str:
    """``text`` with the second of two things marked "separately" wherever a comma (or its
    like) before their "and" keeps a following phrase to the second alone.

    >>> set_apart("kids shampoo, and conditioner with coconut oil")
    'kids shampoo, and separately conditioner with coconut oil'
    >>> set_apart("Check the formula, and discuss the pH")
    'Check the formula, and discuss the pH'
    """
    if not _TWO_ITEM_MARK.search(text):
        return text
    return _TWO_ITEM_COMMA.sub(_apart, text)


# "kids shampoo, and conditioner with coconut oil": a mark before the "and" of two things (a
# comma, a semicolon, a spaced dash, however spaced, a line break after it; "&" for "and")
# keeps a phrase that follows the second to the second; without it ("shampoo and
# conditioner with coconut oil") the phrase may be both's (holdout69, holdout71, holdout80).
# Read where it can matter only (review35): the second is a thing, not a clause of its own
# (a verb, a subject, a question word), and a phrase that could belong to both follows it in
# its clause; elsewhere ("gentle, and effective", "..., and discuss the evidence", "..., and
# its growth rate?") the mark changes nothing. The stretch before is the sentence's, or
# what follows an opening phrase ("For the kids range, a shampoo, and ..."); a stretch with
# another comma is a list's ("gels, sprays, and creams").
_TWO_ITEM_COMMA = re.compile(
    r"(?:^|(?<=[;:!?\n])|(?<=(?<!\d)\.))(?P<before>(?:[^.;:!?\n]|(?<=\d)\.(?=\d))*?(?:[^\W_]|[)+%]))[ \t]*"
    r"(?:[,\uff0c;]|[ \t](?:--?|\u2013|\u2014)|\u2014)\s*(?:[Aa]nd|&|\+)\s+"
    r"(?P<after>[^.,;:!?\n\uff0c]+)"
)
_TWO_ITEM_MARK = re.compile(r"(?:[,\uff0c;\u2013\u2014]|\s--?)\s*(?:[Aa]nd|&|\+)\s")  # a cheap test first
_NOT_A_THING = frozenset(
    {"we", "i", "you", "they", "it", "he", "she", "please", "if", "not", "so", "but", "there", "here"}
    | {"how", "what", "why", "when", "where", "which", "who", "whether", "is", "are", "was", "were", "does", "do"}
    | {"did", "can", "could", "should", "would", "will", "may", "might", "must", "has", "have", "had"}
    | {"at", "in", "on", "for", "with", "by", "to", "from", "of", "about", "what's", "how's", "let's"}
)
# A first part that asks a question holds no thing a phrase could share ("Is it safe in
# pregnancy, and its effect on melasma?"); "can you", "could you" ask for a thing, and "we
# need" names one (review36)
_ASKING = frozenset(
    {"how", "what", "why", "when", "where", "which", "who", "whether", "is", "are", "was", "were", "does", "do"}
    | {"did", "should", "may", "might", "has", "have", "had", "what's", "how's"}
)
_POLITE_ASK = frozenset({"can", "could", "would", "will"})
_POSSESSIVES = frozenset({"its", "their"})  # what points back to the question's thing ("our" names a new one)
# "Do a costing ...", "Have a look at ...": an instruction, not a question (review38)
_THINGS_NEXT = frozenset({"a", "an", "the", "some", "this", "that", "my", "our", "me", "us", "quick"})
_LEADING = frozenset({"a", "an", "the", "also", "then", "separately", "another", "always", "only", "ideally"})
_LEADING |= {"preferably", "possibly", "maybe", "perhaps", "just", "even", "especially", "mainly", "mostly"}
# Verbs that open a request's second instruction ("discuss", "assess": the lexicon's verbs
# ending in -s were read as plurals before) unless a product follows ("cover cream")
_REQUEST_VERBS = frozenset(
    {"assess", "discuss", "focus", "list", "suggest", "check", "compare", "explain", "estimate", "calculate"}
    | {"recommend", "add", "include", "note", "flag", "rank", "give", "tell", "show", "summarise", "summarize"}
    | {"describe", "propose", "keep", "avoid", "mention", "consider", "provide", "outline", "highlight"}
    | {"identify", "review", "confirm", "find", "write", "make", "send", "quote", "name", "state", "cite"}
    | {"draft", "create", "design", "formulate", "recost", "evaluate", "analyse", "analyze", "address", "cover"}
    | {"specify", "advise", "indicate", "share", "break", "split", "convert", "translate", "map", "pick", "choose"}
    | {"use", "aim", "preserve", "rate", "target", "test", "try", "prefer", "replace", "swap", "reduce"}
    | {"benchmark", "contrast", "match", "position", "price"}
)
# What a verb's object or complement opens with ("discuss the evidence", "assess its stability")
_OBJECT_START = frozenset(
    {"a", "an", "the", "its", "it", "them", "their", "our", "my", "your", "me", "us", "this", "that"}
    | {"these", "those", "which", "whether", "how", "what", "why", "if", "all", "any", "some", "each", "both"}
    | {"out", "down", "about", "into", "over", "through", "back", "again", "whatever"}
)
# Products a verb-like word may name, or head: "cover cream", "cream that is ...", "make up remover"
_PRODUCT_HEADS = frozenset(
    {"cream", "serum", "lotion", "gel", "balm", "oil", "mask", "spray", "wash", "scrub", "cleanser", "toner"}
    | {"remover", "shampoo", "conditioner", "stick", "powder", "foundation", "concealer", "primer", "mist"}
    | {"butter", "soap", "bar", "tint", "gloss", "liner", "palette", "polish", "peel", "exfoliant", "sunscreen"}
    | {"deodorant", "perfume", "fragrance", "essence", "ampoule", "patch", "pad", "wipe", "kit", "set", "refill"}
    | {"end", "up", "makeup", "treatment", "fluid", "milk", "foam", "mousse", "paste", "rinse", "drops", "stain"}
)
# A phrase that could belong to either thing ("with coconut oil", "printed in 4 colours")
_SHARED_PHRASE = frozenset(
    {"with", "without", "for", "in", "into", "containing", "from", "on", "at", "by", "using", "under", "of"}
    | {"printed", "made", "packed", "filled", "sold", "labelled", "labeled", "free", "based", "suitable"}
    | {"including", "featuring", "via", "w", "that", "which", "enriched", "infused", "rich", "scented"}
    | {"around", "like", "to", "plus", "except", "excluding"}
    | {"against", "during", "after", "before", "until", "throughout", "certified", "approved", "tested"}
    | {"aimed", "priced", "inspired", "compliant", "versus", "vs", "over", "below", "above", "up", "within"}
)
# What opens an adjective's complement ("safe for kids", "free of parabens", "rich in oils")
_COMPLEMENT = frozenset({"for", "of", "in", "to", "on", "enough"})  # not "with": "emollient with shea"
# What follows a subject ("the budget is under 5 euros": a clause of its own)
_AFTER_A_SUBJECT = frozenset({"is", "are", "was", "were", "has", "have", "should", "must", "can", "will", "needs"})
_WORD_OF_AFTER = re.compile(r"[^\W_][\w-]*")  # "that's" is "that" and "s", as it will be


def _a_product(word: str) -> bool:
    """Whether ``word`` names a product, singular or plural ("sticks", "brushes")."""
    return (
        word in _PRODUCT_HEADS or word[:-1] in _PRODUCT_HEADS or (word.endswith("es") and word[:-2] in _PRODUCT_HEADS)
    )


def _a_verb(first: str, following: str, *, named: bool) -> bool:
    """Whether ``first`` (the word after the mark's "and") opens an instruction or a clause;
    ``named``: an article or a determiner came before it ("the retailer says")."""
    if first in _NOT_A_THING:
        return True
    if _a_product(following) or (first == "make" and following == "up"):
        return False  # "cover cream", "split end serum", "make up remover", "cover sticks"
    if first in _REQUEST_VERBS:
        return True
    if following in _AFTER_A_SUBJECT or (
        named
        and following.endswith("s")
        and lexicon.has_verb_sense(following)
        and not lexicon.has_noun_sense(following)
    ):
        return True  # "the budget is under 5 euros", "the retailer says ..." (not "eye patches")
    if first in _PRODUCT_HEADS:
        return False  # "cream that is free of parabens", "mask with clay"
    if lexicon.has_verb_sense(first) and following in _OBJECT_START and following not in ("that", "which"):
        return True  # "discuss the evidence" ("wax that contains beeswax" is a thing)
    # "gentle, and safe for kids": what the first is, not a second thing
    return lexicon.has_adjective_sense(first) and following in _COMPLEMENT


# An opening phrase before the first thing ("For the kids range, ...", "By spring, ..."): no item
_OPENING_WORDS = frozenset(
    {"for", "in", "at", "on", "to", "from", "within", "across", "under", "among", "by", "with", "after", "before"}
    | {"during", "as", "since", "until", "per", "regarding", "given", "ideally", "overall", "again", "also"}
    | {"hi", "hello", "hey", "dear", "if", "this", "next", "last", "without", "please", "ok", "okay", "now"}
    | {"team", "all", "besides", "otherwise", "first", "finally", "meanwhile", "anyway", "today", "tomorrow"}
    | {"thanks", "thank", "however", "plus", "btw", "fyi", "note", "update", "quick", "sorry", "so", "well"}
    | {"ahead", "following", "further", "re", "concerning", "cc", "hiya", "morning", "afternoon"}
    | {"like", "same", "two", "three", "both", "good", "great", "brief", "just", "once", "recap"}
)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")


_NEGATED = re.compile(r"n['\u2019]t\b", re.I)  # "shouldn't" reads as "should not", as it will


def _an_opener(words: list[str]) -> bool:
    """Whether a sentence's first comma-part opens it rather than naming a thing: a preposition
    or a greeting first, an adverb, a participle ("Following our call", "Budget permitting"),
    or a name alone ("Anna,")."""
    first = words[0].lower().strip(".:;!?'\"")
    last = words[-1].lower().strip(".:;!?'\"")
    return (
        first in _OPENING_WORDS
        or (first.endswith("ly") and lexicon.has_adjective_sense(first[:-2]))
        or (first.endswith("ing") and len(words) > 1 and words[1].lower() in _THINGS_NEXT | _POSSESSIVES | {"your"})
        or (last.endswith("ing") and len(words) > 1)
        or (len(words) == 1 and words[0][:1].isupper() and (first in lexicon.names() or not lexicon.is_known(first)))
    )


def _serial_comma(before: str) -> bool:
    """Whether the comma after ``before`` closes a list of things ("gels, sprays" in "gels,
    sprays, and creams"): the last two items short, the one before a thing, not an adjective
    ("a gentle, tear-free shampoo"), a modifier ("night cream, fragrance-free") or an opening
    phrase ("For the kids range, a shampoo"), and no clause among them (review40)."""
    plain = _DIGIT_COMMA.sub("", _BRACKETED.sub("", before)).replace("\uff0c", ",")
    if "," not in plain:
        return False
    parts = [p.split() for p in plain.split(",")]
    while len(parts) > 2 and parts[0] and _an_opener(parts[0]):
        parts = parts[1:]  # "For Q3, in France, a shampoo, and ...": the openers go first
    last, previous = parts[-1], parts[-2]
    if not last or not previous or len(last) > 3:
        return False
    words = [w.lower().strip(".:;!?'\"") for w in last + previous]
    if any(w in _NOT_A_THING or w in _REQUEST_VERBS for w in words[: len(last)]):
        return False
    tail = previous[-1].lower().strip(".:;!?'\"")
    if len(parts) == 2 and _an_opener(previous):
        return False  # an opening phrase, then the first thing
    last_word = last[-1].lower()
    adjective = (lexicon.has_adjective_sense(tail) and not _a_product(tail)) or lexicon.is_adjective(last_word)
    return not (adjective or last_word.rstrip(")").endswith("-free"))


def _apart(m: re.Match) -> str:
    """The two things of ``m`` with the second set apart ("... and separately ..."), where the
    mark can matter (see above); else ``m`` as it is, the mark kept.

    A list's serial comma ("gels, sprays, and creams with aloe") is read the same way: other
    commas before it (an opener, adjectives, a number, a bracket) cannot tell a list from
    two things, and a miss costs less than a phrase given to both (review40)."""
    before = m.group("before")
    if _serial_comma(before):
        return m.group(0)  # a list's comma ("gels, sprays, and creams")
    opening = [w.lower() for w in _WORD_OF_AFTER.findall(before.rsplit(",", 1)[-1])]
    whole = [w.lower() for w in _WORD_OF_AFTER.findall(before)]
    asking = bool(whole) and (
        (whole[0] in _ASKING and not (whole[0] in ("do", "have") and whole[1:2] and whole[1] in _THINGS_NEXT))
        or (whole[0] in _POLITE_ASK and (len(whole) < 2 or whole[1] not in ("you", "we", "i")))
    )
    after = [w.lower() for w in _WORD_OF_AFTER.findall(_NEGATED.sub(" not", m.group("after")))]
    if asking and after and (after[0] in _POSSESSIVES or after[0] in _NOT_A_THING):
        return m.group(0)  # a question, then its own part ("Is it safe in pregnancy, and its effect on ...?")
    said = set(opening) | set(whole)
    named = False
    while after and (
        after[0] in _LEADING
        or (after[0] in _SHARED_PHRASE and after[0] in said)
        or (after[0].endswith("ly") and len(after[0]) > 4 and lexicon.has_adjective_sense(after[0][:-2]))
    ):
        # "of sunscreen, and of after-sun in Spain": the "of" repeats the first's; an adverb
        # ("lightly tinted moisturiser") opens the thing's own words
        named = named or after[0] in ("a", "an", "the", "another")
        after = after[1:]
    if len(after) < 2 or not any(w in _SHARED_PHRASE for w in after[1:]):
        return m.group(0)  # nothing follows that could be both's
    if _a_verb(after[0], after[1], named=named):
        return m.group(0)  # a clause of its own
    return f"{before}, and separately {m.group('after')}"
