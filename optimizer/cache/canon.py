"""One free text's canonical clauses: the words the guard compares, once the harmless
differences are gone (see ``cache/guard.py`` for the list and why each is harmless).

The text is prepared (Unicode, contractions, aliases, politeness), split into tokens,
numbers and units are joined, the text is split into clauses at punctuation and "and",
and each clause keeps its own word order, so what a number or modifier is bound to
cannot change.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from itertools import pairwise

from .aliases import (
    _ALTERNATIVES,
    _AND,
    _OBLIGATION_WORDS,
    _PREPOSITIONS,
    _REQUEST_PARTICLES,
    ARTICLES,
    AUXILIARIES,
    COUNTRIES,
    DETERMINERS,
    OBLIGATION,
    PERSONS,
    PHRASE_HEADS,
    POLITENESS,
    RELATIVES,
    REQUEST_NOUNS,
    REQUEST_VERBS,
    REQUEST_VERBS_ANY,
    stretch_around,
)
from .lexicon import has_adjective_sense, has_noun_sense, has_verb_sense, ingredient_words, is_adjective
from .steps import _STEP_VERBS, numbered_steps, step_lines
from .words import _BULLET, Token, _numbers_and_units, _plain_lines, _raw_tokens

EMBEDDED_NOT = "not~in"  # the "not" of a clause inside a question ("the serums we don't make")
ADJECTIVE_NOT = "not~adj"  # an adjective's "not" inside a question ("brands not safe"): it stays put
# What may follow a question word for its "not" to be an adjective's: "do"/"does", or a word of
# the question itself ("which retailers stock..."); never "is", "are", a modal or a tense.
_BEFORE_A_QUESTION_NOT = AUXILIARIES | {"~past", "~will", "can", "could", "should", "would", "may", "might", "must"}
_NOT_INVERTED = frozenset({"do", "does"})
ATTACHED = "~att"  # a phrase that may take the one after it (a relative clause, "with the"): stripped by clause_form
WITH_THE_THING = "~with"  # a "with" phrase bound to the thing a "for" phrase names ("for the serum with a low pH")
_DEFINITE = frozenset({"the", "this", "these", "those"})  # "with our signature scent" describes the product


_ADVERBS = frozenset({"just", "only", "even", "always", "really", "yet", "still", "ever", "simply"})
_MODALS = frozenset({"~will", "may", "might", "can", "could", "should", "would", "must"})
_INVERTED = frozenset({"do", "does", "~past", "can", "could", "should", "would", "~will"})
_OBJECT_OPENS = frozenset({"the", "our", "their", "these", "those", "its", "his", "her", "your", "my"})


def _asks_after(words: list[Token], start: int) -> bool:
    """Whether the question's own auxiliary and subject come at or after ``start`` ("... do we
    deliver to?", "... does Boots supply?", "... do shoppers search for?"): the words before
    them are the question's subject."""
    return any(
        words[j].text in _INVERTED and (words[j + 1].text in PERSONS or words[j + 1].named or words[j + 1].plural)
        for j in range(start, len(words) - 1)
    )


def _object_before(words: list[Token], subject: int) -> bool:
    """Whether the subject at ``subject`` opens a clause inside an object: a verb and then its
    object came before it ("Which pharmacies stock (the) brands Boots doesn't carry?", "...
    the serums our rivals don't make?"), or the question's own "do we" comes after it
    ("Which brands Sephora doesn't stock do we carry?")."""
    return any(
        has_verb_sense(words[k].text) and (words[k + 1].text in _OBJECT_OPENS or words[k + 1].plural)
        for k in range(2, subject)
    ) or _asks_after(words, subject + 3)


_SUBJECTS = frozenset({"we", "i", "they", "you"})  # as written: "our", "their" are possessives
_USUALLY = frozenset(
    {"usually", "often", "always", "never", "also", "only", "mainly", "still", "currently", "typically", "normally"}
    | {"generally", "sometimes", "rarely", "already", "just", "regularly"}
)


def _contact_clause(words: list[Token], i: int) -> bool:
    """Whether a subject opens at ``words[i]`` right after a noun, with its verb after it: a
    relative clause written without "that" ("the palettes Ulta promotes", "the palettes
    Charlotte Tilbury promotes", "the shades we usually discount", "the SKUs our brand
    manager will list", "the palettes influencers promote")."""
    if i == 0 or i >= len(words) - 1 or words[i - 1].kind != "word" or words[i - 1].text in PHRASE_HEADS:
        return False
    head = words[i - 1]
    if head.text in _OBJECT_OPENS or head.text in ARTICLES:
        return False  # "for the Asda listing": a name after its article is no subject
    tok, j = words[i], i + 1
    if tok.text == "that" and j < len(words) - 1:  # "the palettes that Ulta promotes"
        tok, j = words[j], j + 1
    # the head: a plural, or a noun that an article or possessive opens up to three words
    # back ("the gift set", "the vitamin C serum"); after "the new" a name is the product's
    # ("the new Fenty gloss"), so the word just before must be no mere adjective
    opened = any(words[k].text in _OBJECT_OPENS for k in range(max(0, i - 4), i - 1))
    noun_head = head.plural or (opened and head.text not in _BEFORE_A_MAKER)
    plural_subject = False
    if tok.text in _SUBJECTS:
        if head.text in _INVERTED or head.text in AUXILIARIES or head.text in _ASKING:
            return False  # "Do we need", "can we use": the question's own subject
    elif not noun_head:
        return False
    elif tok.named:
        while j < len(words) and words[j].named:  # "Charlotte Tilbury"
            j += 1
    elif tok.text in ("our", "their", "your", "my") and j < len(words) - 1:
        j += 1  # "our buyer", "our brand manager": the noun first ("what's our cost" is no clause)
        while j < min(len(words), i + 4) and words[j].kind == "word" and not _verbal(words[j]):
            j += 1
    elif tok.plural and head.plural:
        plural_subject = True  # "the palettes influencers promote" (a verb, not a third plural)
    else:
        return False
    while j < len(words) and words[j].text in _USUALLY:
        j += 1
    if j >= len(words) or words[j].kind != "word":
        return False
    return _verbal(words[j]) and not (plural_subject and words[j].plural)


# Adjectives written before a name ("the new Fenty gloss", "the latest Glossier drop"): the
# name after them is the product's maker, not a subject (the lexicon calls "serum" an
# adjective too, so no lexicon test decides this)
_BEFORE_A_MAKER = frozenset(
    {"new", "latest", "old", "original", "classic", "limited", "popular", "famous", "iconic", "viral", "cult"}
    | {"current", "next", "first", "last", "same", "other", "whole", "entire", "full", "best", "top", "main"}
)


def _verbal(tok: Token) -> bool:
    """Whether a token can be a clause's verb: a modal, a tense, a past or a verb sense."""
    verb = tok.text
    return (
        verb in _MODALS
        or verb == "~past"
        or verb.endswith("~ed")
        or (has_verb_sense(verb) and verb not in PHRASE_HEADS and verb not in _SUBJECTS)
    )


def _clause(words: list[Token], generator: str) -> tuple[str, ...]:
    """One clause's canonical words, in their order."""
    kept: list[str] = []
    verbs = REQUEST_VERBS_ANY | REQUEST_VERBS.get(generator, frozenset())
    if len(words) > 2 and words[0].text in _ASKING_AUXILIARIES and words[1].text in _ASKERS:
        # "Do we need a preservative?" asks whether; "We need a preservative" asks which one
        # (the asker's "we need", "I want" are otherwise dropped as the words of a request).
        kept.append(YES_NO)
    # "Who are the leading brands?" asks for several, "Who is the leading brand?" for one.
    plural_ask = (
        generator in _COUNTED
        and len(words) > 2
        and words[0].text in _QUESTION_WORDS
        and words[1].text == "are"
        and not any(w.kind == "num" for w in words)  # "what are the top 3 brands": counted already
    )
    # In the other requests, "Which is the key RCT?" asks for one of counted things; "Which
    # (or what) are the key RCTs?" asks for them all, as "the key RCTs" and "What are the
    # side effects?" do: the one is marked.
    single_ask = (
        generator not in _COUNTED
        and len(words) > 2
        and words[0].text in ("what", "which")
        and words[1].text == "is"
        and any(w.text in _COUNTED_NOUNS and not w.plural for w in words[2:6])
        and not any(w.kind == "num" for w in words)
    )
    question_not = (
        bool(words) and words[0].text in (_ASKING | {"which"}) and sum(1 for w in words if w.text == "not") == 1
    )
    # "Why do pharmacies sell brands not safe for children?": with "do" (or no auxiliary) after
    # the question word, a "not" after the verb's object, before an adjective, is the
    # adjective's; after "is"/"are" ("why is the serum not available") it is the question's.
    adjective_not = (
        question_not
        and len(words) > 3
        and (words[1].text in _NOT_INVERTED or words[1].text not in _BEFORE_A_QUESTION_NOT)
    )
    # a question's subject is followed by its verb ("Does the study show ...?"), not by a noun
    # it describes (review51)
    asks = bool(words) and (
        words[0].text in _ASKING or words[0].text in AUXILIARIES or words[0].text in _QUESTION_OPENERS
    )
    for i, tok in enumerate(words):
        t = tok.text
        if plural_ask and i == 1:
            kept.append("~several")
            continue
        if single_ask and i == 1:
            kept.append("~one")
            continue
        if tok.fixed or tok.kind != "word":
            kept.append(t)
            continue
        if t == "the" and _picked(words, i) and _singular_phrase(words, i + 1):
            kept.append("1")  # "Recommend the pH" asks for one value, as "recommend a pH" does
            continue
        if t in ("the", "which", "what") and _one_counted(words, i + 1, definite=t == "the" and not asks):
            # "the study" is one paper, "the studies" the literature; "which tagline works"
            # asks for one (review47)
            kept.extend(("what", "1") if t in ("which", "what") and not kept else ("1",))
            continue
        if (
            t in _ONE
            # "a sample of", "a set of": a count in any request, and so is one study, quote
            # or claim against several (one or the literature, one supplier or a comparison)
            and (
                generator in _COUNTED
                # "Suggest a fragrance" asks for one, "suggest fragrances" for a choice
                or _picked(words, i)
                or (i + 2 < len(words) and words[i + 2].text == "of")
                or (i + 1 < len(words) and words[i + 1].text in _COUNTED_NOUNS)
                or (
                    i + 2 < len(words) and words[i + 2].text in _COUNTED_NOUNS and words[i + 1].text in _COUNT_MODIFIERS
                )
                # "a quick tip", "a cost-saving idea", "a likely reason": one, whatever its modifiers
                or any(
                    words[k].text in _ONE_WHATEVER
                    for k in range(i + 2, min(i + 5, len(words)))
                    if all(w.kind == "word" and w.text not in PHRASE_HEADS for w in words[i + 1 : k])
                )
            )
            and i + 1 < len(words)
            and words[i + 1].kind == "word"
            and not words[i + 1].plural
            and not _after_head(words, i)
        ):
            kept.append("1")  # "write a tagline" asks for one, "write taglines" for several
            continue
        if (
            adjective_not
            and t == "not"
            and (len(kept) >= 3 or _asks_after(words, i + 2))
            and words[i - 1].kind == "word"
            and words[i - 1].text not in _BEFORE_A_QUESTION_NOT
            and i + 1 < len(words)
            and words[i + 1].text not in _ADVERBS
            and has_adjective_sense(words[i + 1].text)
            # an adjective that is never a verb ("not available"), or a verb came before it
            # ("sell brands not safe"), or the question's own "do we" comes after it
            # ("pharmacies not open on Sundays do we deliver to"); else the "not" is still
            # the question's ("What do Gen Z consumers not like?")
            and (
                not has_verb_sense(words[i + 1].text)
                or any(has_verb_sense(w) for w in kept[1:])
                or _asks_after(words, i + 2)
            )
        ):
            kept.append(ADJECTIVE_NOT)
            continue
        if (
            question_not
            and t == "not"
            and i >= 3
            and words[i - 1].text in ("do", "does", "~past")
            and (words[i - 2].text in PERSONS or _object_before(words, i - 2))
        ):
            # "Which retailers stock the serums we don't make?": the "not" of a clause inside
            # the question (a subject of its own before "do"), not the question's
            kept.append(EMBEDDED_NOT)
            continue
        if question_not and t in RELATIVES and kept and kept[-1] != _RELATIVE:
            kept.append(_RELATIVE)  # the "not" may be the relative clause's: it stays put
            continue
        if kept[-1:] != [ATTACHED] and _contact_clause(words, i):
            # "the palettes Ulta promotes in December", "the SKUs Tesco will list in Q3",
            # "the shades we usually discount": a subject and its verb after a noun are a
            # clause of their own (a relative one written without "that"): its phrases keep
            # their order
            kept.append(ATTACHED)
        if t in RELATIVES and kept and t != "that" and kept[-1] != ATTACHED:
            # "the managers who hit the target in May": the phrase after a relative clause
            # may be the clause's; the marker keeps the clause's phrases in order
            kept.append(ATTACHED)
            continue
        if t == "with" and kept[-1:] != [ATTACHED] and _bound_by_for(words, i):
            # "a preservative for the serum with a low pH": "the serum with a low pH" names
            # which serum; the "with" phrase is that serum's, wherever the phrases go (holdout114)
            kept.append(WITH_THE_THING)
            continue
        if t == "with" and i + 1 < len(words) and words[i + 1].text in _DEFINITE:
            # "the stores with the new layout": a definite "with" phrase names which thing it
            # follows, so it cannot move to another noun
            kept.extend((t, ATTACHED))
            continue
        if t in ARTICLES or t in POLITENESS or t in DETERMINERS or t in AUXILIARIES:
            continue
        if t == "just" and (not kept or kept == ["we"]):
            continue  # "(I) just need the cost" asks; "sell just online" is "only online"
        t = PERSONS.get(t, t)
        if t in RELATIVES and kept:
            continue
        if t in REQUEST_NOUNS:
            # "ideas for a campaign" asks for a campaign; "campaign ideas", "product ideas"
            # ask for concepts, not the things themselves: after a word of its own it stays.
            if kept and kept[-1] not in verbs and not kept[-1][:1].isdigit() and kept[-1] != "1":
                kept.append("idea")
            continue
        if t in _OBLIGATION_WORDS or (
            t in ("need", "have", "has", "had") and i + 1 < len(words) and words[i + 1].text == "to"
        ):
            t = OBLIGATION
        elif t == "to" and kept and kept[-1] == OBLIGATION:
            continue
        elif t == "which" and not kept:
            t = "what"
        elif tok.plural and (
            t in _TRADE_PARTIES
            or t == "customer"
            or (i > 0 and (words[i - 1].text, t) in _PARTY_PAIRS)
            or (generator == "branding" and _branded_object(words, i))
        ):
            # "for the hotel" is one customer, "for the hotels" all of them (a customer's number
            # too, though "customers in France" are consumers, no business); "Taglines for the
            # minis" name a range, "for the mini" one product: writers disagree, so the
            # number stays (a miss costs a generation; holdout65, holdout68)
            t = f"{t}~s"
        kept.append(t)
    # "What is the cost of X?" asks for the cost of X, and so does "(tell me) what the cost
    # is"; "what was" (a tense) stays, and so does "who" ("who is growing" asks for brands).
    present = ("is", "are")
    if (
        len(kept) >= 2
        and kept[0] == "what"
        and len(words) > 1
        and (words[1].text in present or words[-1].text in present)
    ):
        kept.pop(0)
    # "no silicones" in a list of requirements is "without silicones".
    if len(kept) >= 2 and kept[0] == "no" and kept[1] not in PHRASE_HEADS:
        kept[0] = "without"
    # "how do I", "how can we", "how to": one question.
    while len(kept) >= 2 and kept[0] == "how" and kept[1] in ("can", "could", "to"):
        kept.pop(1)
    # A request verb (and its particle) that opens the clause only asks for the answer,
    # with or without its asker: "I need", "we want".
    if len(kept) >= 2 and kept[0] == "we" and kept[1] in verbs:
        kept.pop(0)
    asked = bool(kept) and kept[0] in verbs
    # Summing up a text that exists is another task than writing one ("summarize our brand
    # guidelines" / "write our brand guidelines"); in a scientific request a review of a
    # text of ours is not the text ("review the methods section" / "write the methods
    # section"), while summing up the evidence is what that generator does.
    task = _TASKS.get(generator, {}).get(kept[0]) if kept and words[0].text not in ARTICLES else None
    if (
        task == "~review"
        and len(kept) > 1
        and kept[1] in _THE_LITERATURE
        and (len(kept) == 2 or kept[2] in PHRASE_HEADS)
    ):
        task = None  # "review the evidence on X" sums it up, as "summarize" does ("the study protocol" does not)
    while kept and kept[0] in verbs and not _acts_on(kept, words):
        particles = _REQUEST_PARTICLES.get(kept[0], ())
        if particles and (len(kept) < 2 or kept[1] not in particles):
            break  # "work" alone is a verb of its own; only "work out" just asks
        kept.pop(0)
        while kept and kept[0] in particles:
            kept.pop(0)
        if kept and kept[0] in verbs and kept[0] not in _REQUEST_PARTICLES:
            break  # "summarize review articles": one request verb asks, the next word is the thing
    if asked and len(kept) > 1 and kept[0] == "some":
        kept.pop(0)  # "suggest some names" asks for names
    if task:
        kept.insert(0, task)  # "Customer reviews: summarize" (a clause of its own) too
    while kept and kept[-1] in (OBLIGATION,) and len(kept) == 1:
        kept.pop()
    return tuple(_without(_protection_factor(kept)))


# Words that open a question besides ``_ASKING`` and the auxiliaries ("Did the study ...?",
# "Which study ...?", "Has the trial ...?")
_QUESTION_OPENERS = frozenset({"~past", "~will", "which", "did", "has", "have", "had"})
# What a request verb does to rather than writes ("generate demand", "create awareness"): the
# verb is the ask and stays (review47).
_ACTED_ON = frozenset(
    {"demand", "lead", "awareness", "traffic", "buzz", "sales", "revenue", "growth", "interest", "loyalty"}
    | {"engagement", "hype", "conversion", "footfall", "visibility", "trust", "impact", "excitement", "urgency"}
    | {"mouth", "momentum", "adoption", "retention", "preference", "consideration", "desire", "recognition"}
    | {"review", "advocacy", "reach", "sign"}
)
# The request verbs that can act on a thing as well as write one ("generate demand"; "summarize
# reviews" and "write reviews" are texts)
_CREATING = frozenset({"generate", "create", "make", "produce", "develop", "build", "drive", "boost"})
# What "make" opens when it creates a thing ("make a serum", "make me 3 names", "make some
# suggestions"); before anything else it changes a thing that exists ("make it vegan", "make
# the serum vegan", "make Glow Serum vegan", "make both serums vegan": an order, not "is the
# serum vegan?"). A number word is a number token by then, read as a number.
_MAKE_OPENS_A_NEW = frozenset({"a", "an", "some", "me", "us"})
_MAKE_CREATES = _MAKE_OPENS_A_NEW | {"few", "several", "new"}
# Words before an imperative "make" that do not change it ("please make it vegan")
_SKIPPED_BEFORE_A_VERB = POLITENESS | {"just", "also", "then", "now"}


_THING_OPENERS = _DEFINITE | {"a", "an", "our", "my", "your", "their", "its"}
_PROTECTION_FACTORS = frozenset({"spf", "pa", "upf"})


def _is_people(word: str) -> bool:
    """Whether ``word`` names people, a part of them or a business (whose "with" phrase other
    rules read: ``_afflicted``, ``_whose_people``)."""
    word = word.split("~")[0]
    return word in _PEOPLE or word in _BEARERS or word in _TRADE_PARTIES


def _bound_by_for(words: list[Token], i: int) -> bool:
    """Whether the "with" at ``i`` follows a phrase "for <a thing>" (up to five words, opened by
    an article, a possessive or a name; not people or a business) and names no ingredient,
    amount, protection factor or pack, which are the product's wherever they stand ("an oil
    for the back-bar with squalane", "for the cream, with carton")."""
    scanned = []
    for w in words[i + 1 : i + 5]:
        if w.text in PHRASE_HEADS:
            break
        scanned.append(w)
    if any(w.kind != "word" for w in scanned):
        return False  # an amount: "with a pH 5.5", "with 2% zinc"
    ingredients = ingredient_words()  # ("vitamin a" puts "a" among them: articles are skipped)
    phrase = [w.text for w in scanned if w.text not in ARTICLES]
    if any(w in ingredients or w in _CONTENTS or w in _PACKAGING or w in _PROTECTION_FACTORS for w in phrase):
        return False
    for k in range(i - 1, max(-1, i - 7), -1):
        if words[k].text in PHRASE_HEADS:
            # "for the serum", "for our serum", "for Glow Serum", "for a shampoo" (review49);
            # not people, whose "with" phrase is theirs by another rule (``_afflicted``)
            opened = words[k + 1].text in _THING_OPENERS or words[k + 1].named
            return words[k].text == "for" and k + 1 <= i - 1 and opened and not _is_people(words[i - 1].text)
        if words[k].kind != "word":
            return False
    return False


def _acts_on(kept: list[str], words: list[Token]) -> bool:
    """Whether the request verb opening ``kept`` does something rather than asks for a text:
    "generate (more, consumer) demand", or "make" an existing thing into something."""
    # what the verb acts on: the last word of its object phrase, up to a preposition (review48);
    # "generate a sales forecast" makes a forecast (review50)
    verb_at = next((k for k, w in enumerate(words) if w.text == kept[0]), None)
    if (
        kept[0] in _CREATING
        and verb_at is not None
        and verb_at + 1 < len(words)
        and words[verb_at + 1].text not in _ONE
    ):
        last = None
        for w in words[verb_at + 1 : verb_at + 5]:
            if w.kind != "word" or w.text in PHRASE_HEADS:
                break
            if w.text not in POLITENESS:
                last = w.text
        if last in _ACTED_ON:
            return True
    if kept[0] != "make":
        return False
    start = next((k for k, w in enumerate(words) if w.text not in _SKIPPED_BEFORE_A_VERB), len(words))
    if start + 2 >= len(words) or words[start].text != "make":
        return False
    following = words[start + 1]
    if words[start + 2].text == "of":
        return True  # "make one of the serums vegan", "make 2 of the serums vegan"
    if following.kind == "word" and following.text not in _MAKE_CREATES:
        return True
    # "make new packaging recyclable", "make two serums vegan": a quality ends the clause
    last = words[-1].text
    counted = following.kind == "num" or following.text not in _MAKE_OPENS_A_NEW
    return counted and words[-1].kind == "word" and (last.startswith(WITHOUT) or is_adjective(last))


def _protection_factor(kept: list[str]) -> list[str]:
    """ "SPF 30 sunscreen" = "sunscreen SPF 30" = "sunscreen with SPF 30": a protection factor
    written before or right after its product is the product's "with" phrase."""
    if "spf" not in kept:
        return kept
    k = kept.index("spf")
    if k + 1 >= len(kept) or not kept[k + 1][:1].isdigit() or (k and kept[k - 1] in PHRASE_HEADS):
        return kept
    factor = ["with", "spf", kept[k + 1]]
    if k == 0 and len(kept) > 2 and kept[2].isalpha() and kept[2] not in PHRASE_HEADS:
        end = next((e for e in range(2, len(kept)) if kept[e] in PHRASE_HEADS), len(kept))
        return [*kept[2:end], *factor, *kept[end:]]
    if k > 0 and kept[k - 1].isalpha() and not any(w in PHRASE_HEADS for w in kept[:k]):
        # "a primer SPF 30 for a foundation" (the primer's), not "a primer for a foundation
        # SPF 30" (the foundation's: it stays in its phrase)
        return [*kept[:k], *factor, *kept[k + 2 :]]
    return kept


_SUMMING = {"summarize": "~summary", "sum": "~summary"}
_THE_LITERATURE = frozenset({"evidence", "literature", "research", "study", "data", "science", "trial", "publication"})
_TASKS = {
    "formulation": _SUMMING,
    "costing": _SUMMING,
    "market": _SUMMING,
    "branding": _SUMMING,
    # In a scientific request summing up is the task asked by default; writing a text of
    # ours ("write the methods section") and reviewing one are tasks of their own.
    "scientific": {"review": "~review", "write": "~draft", "draft": "~draft"},
}

# Generators whose answers are counted things (names, taglines, trends, competitors): there
# a plural asks for several ("5 names" says how many). A formulation or a costing is of one
# product however it is asked.
_COUNTED = frozenset({"branding", "market"})
# Verbs that ask for a pick: after them "a <noun>" is one, a bare plural several.
_SUGGESTING = frozenset({"suggest", "recommend", "propose", "pick", "choose", "name", "select", "identify", "find"})


def _picked(words: list[Token], i: int) -> bool:
    """Whether word ``i`` (an article) opens what a verb of picking asks for: right after it,
    or after its indirect object ("suggest me a", "suggest to us a")."""
    back = [w.text for w in words[max(0, i - 3) : i]]
    return bool(back) and (
        back[-1] in _SUGGESTING
        or (len(back) >= 2 and back[-1] in ("me", "us") and back[-2] in _SUGGESTING)
        or (len(back) == 3 and back[-1] in ("me", "us") and back[-2] == "to" and back[-3] in _SUGGESTING)
    )


# counted after "a" and any one or two modifiers ("a quick fix", "a recent clinical study")
_ONE_WHATEVER = frozenset(
    {"tip", "idea", "reason", "fix", "cause", "solution", "trick", "explanation", "study", "trial", "example"}
    | {"alternative", "option", "supplier", "quote"}
)
_COUNTED_NOUNS = frozenset(
    {
        "study",
        "rct",
        "trial",
        "paper",
        "review",
        "quote",
        "quotation",
        "supplier",
        "claim",
        "effect",
        "option",
        "example",
        "source",
        "reference",
        "alternative",
        "scenario",
        "competitor",
        "name",
        "tagline",
        "slogan",
        "tip",  # "a tip" is one, "tips" several (holdout32)
        "idea",
        "reason",
    }
)
_COUNT_MODIFIERS = frozenset(
    {
        "side",
        "clinical",
        "recent",
        "single",
        "good",
        "new",
        "key",
        "main",
        "systematic",
        "randomized",
        "randomised",
        "pilot",
    }
)
_ONE = frozenset({"a", "an"})  # before a singular noun: one ("the" too cost more paraphrases than it kept apart)
_ASKING_AUXILIARIES = frozenset({"do", "does", "is", "are", "am", "~past", "~will"})
_ASKERS = frozenset({"we", "i", "they"})
YES_NO = "~whether"  # the marker of a yes/no question


def _one_counted(words: list[Token], start: int, *, definite: bool = False) -> bool:
    """Whether the noun phrase from ``start`` (up to seven words, to a preposition) names one
    counted thing ("the study", "the brand name", "which tagline"). ``definite``: the phrase
    opens with "the" outside a question, where a noun after the counted word makes it a
    modifier ("the study design" counts nothing; review50)."""
    # numbers are skipped ("the 2019 study"); the counted word is the last one not followed by
    # a noun it describes ("which supplier quote", "the name idea": the quote, the idea; review48)
    found = None
    for w in words[start : start + 7]:
        if w.kind == "num":
            continue
        if w.kind != "word" or w.text in _PREPOSITIONS or w.text in PHRASE_HEADS:
            break
        if w.text in _COUNTED_NOUNS or w.text in REQUEST_NOUNS:
            found = w
        elif found is not None:
            if definite and has_noun_sense(w.text) and not is_adjective(w.text) and w.text not in AUXILIARIES:
                return False  # "the study design": the study only describes the design (review50)
            break
    # the glossary folds "RCT" and "RCTs" into one "rct": its number is not known
    return found is not None and not found.plural and found.text != "rct"


def _singular_phrase(words: list[Token], start: int) -> bool:
    """Whether the phrase from ``start`` (up to four words, to a preposition) holds no plural:
    "the pH" is one, "the clinical studies" several."""
    phrase = []
    for w in words[start : start + 4]:
        if w.kind != "word" or w.text in _PREPOSITIONS:
            break
        phrase.append(w)
    return bool(phrase) and not any(w.plural for w in phrase)


def _branded_object(words: list[Token], i: int) -> bool:
    """Whether noun ``i`` of a branding clause is what the copy is for, named definitely:
    "(taglines) for the minis", "on the minis", "about the gift sets", "for the launch of the
    minis" (after the preposition, a definite determiner and up to four modifiers or an "of"
    phrase, ending its phrase)."""
    if i + 1 < len(words) and words[i + 1].kind == "word" and words[i + 1].text not in _PREPOSITIONS:
        return False  # "for the minis' launch": the number is another noun's business
    definite = False
    for back in range(1, 7):
        if i - back < 0 or words[i - back].kind != "word":
            return False
        if words[i - back].text in _COPY_FOR:
            return definite  # "for teens" is an audience, whose number is never the point
        if words[i - back].text in _PREPOSITIONS and words[i - back].text != "of":
            return False  # "about the recall in the Americas": the noun is another phrase's
        definite = definite or words[i - back].text in _DEFINITE
    return False


_COPY_FOR = frozenset({"for", "on", "about"})  # "taglines for / on / about the mini"


def _after_head(words: list[Token], i: int) -> bool:
    """Whether word ``i`` follows a preposition ("for a dry scalp": any dry scalp, not one)."""
    return i > 0 and (words[i - 1].text in _PREPOSITIONS or words[i - 1].text in PHRASE_HEADS)


def _without(words: list[str]) -> list[str]:
    """ "without X" (and "X-free", "free of X") is one token, so that it is a modifier of
    the clause it is in, not a phrase that opens a clause of its own."""
    out: list[str] = []
    for w in words:
        if out and out[-1] == "without" and w not in PHRASE_HEADS:
            out[-1] = WITHOUT + w
        else:
            out.append(w)
    return out


def _attach(clauses: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A clause with no head of its own belongs to its neighbour:

    * "For sensitive skin, a serum" = "a serum for sensitive skin" (a leading phrase goes
      to the end of the next clause);
    * "cost per unit and per batch" = "cost per unit, cost per batch" (a phrase that
      repeats a preposition of the clause before shares that clause's head);
    * "a serum, for sensitive skin" and "ratio 1:10, 30%" (any other headless phrase, or
      bare numbers) go to the end of the clause before, passing over a clause of one
      word ("night cream, vegan, with 3% X" = "night cream with 3% X, vegan"); a quantity
      alone stays with the clause just before it ("tube, 0.20 EUR, cap, 0.05 EUR").
    """
    out: list[list[str]] = []
    pending: list[tuple[str, ...]] = []
    # Quantities alone, two or more ("tube, 0.20 EUR, cap, 0.05 EUR"), each belong to the words
    # just before them; one ("dish soap, lemon scent, 500 ml") is the whole item's.
    paired = sum(all(w[:1].isdigit() for w in c) for c in clauses) > 1

    def lacks_head(clause: tuple[str, ...]) -> bool:
        return clause[0] in _PREPOSITIONS or all(not any(c.isalpha() for c in w) for w in clause)

    # "For teens, a cleanser, and for adults, a serum": a sentence that opens with a leading
    # phrase, and repeats its preposition before another headed clause, leads that clause too.
    opener = clauses[0][0] if clauses and clauses[0][0] in _PREPOSITIONS else None
    for i, clause in enumerate(clauses):
        quantity = paired and all(w[:1].isdigit() for w in clause)
        headless = quantity or lacks_head(clause)
        leads = (
            opener is not None
            and i > 0
            and clause[0] == opener
            and i + 1 < len(clauses)
            and not lacks_head(clauses[i + 1])
        )
        if headless and out and not leads:
            prev = out[-1] if quantity or len(out[-1]) > 1 or len(out) == 1 else out[-2]
            if clause[0] in _PREPOSITIONS and clause[0] in prev[1:]:
                head = prev[: len(prev) - prev[::-1].index(clause[0]) - 1]
                out.append([*head, *clause])
            else:
                prev.extend(clause)
        elif headless:
            pending.append(clause)
        elif len(pending) > 1 and len({p[0] for p in pending}) == 1:
            # "For rosacea and for acne, the efficacy of X" = "the efficacy of X for acne
            # and for rosacea": one clause per phrase, as the phrases after it get.
            out += [[*clause, *p] for p in pending]
            pending = []
        else:
            out.append([*clause, *(w for p in pending for w in p)])
            pending = []
    if pending:
        out.append([w for p in pending for w in p])
    return [tuple(c) for c in out]


_JOINED = Token("and", "join")
_STRONG = frozenset({"\n", ".", ";", "!", "?"})  # end a sentence or a line (a group of clauses)
_QUESTION_WORDS = frozenset({"what", "which", "how", "who", "where", "when", "why"})
_LABEL_WORDS = 3  # "Tone: warm", "Body scrub: sugar": a label of at most 3 words binds to its value
WITHOUT = "without~"  # "without fragrance" -> "without~fragrance"
GROUP = "|"  # joins the clauses of one multi-clause sentence or line inside a form
_SYMMETRIC = frozenset({"or", "vs"})  # "A or B" = "B or A"; "than", "to", "into" are not symmetric


def _parentheses(tokens: list[Token]) -> list[Token]:
    """Brackets separate like commas, except a bare number after the first word of a clause,
    which is that word's number: "taglines (3)" = "3 taglines", "niacinamide (4%)" = "4% niacinamide",
    and a short aside with no separator inside, which stays with the words before it. A
    bracket that closes a list ends the group of clauses there, as a semicolon would, so the
    list stays with what it describes: "lipstick (red, matte), gloss (pink, shiny)" is not
    "lipstick (red, shiny), gloss (pink, matte)"."""
    out: list[Token] = []
    opened: list[int] = []  # where in ``out`` each open bracket's comma went
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "paren" and tok.text == "(":
            inner = tokens[i + 1 : i + 3]
            closed = len(inner) == 2 and inner[0].kind == "num" and inner[1].text == ")"
            first_word = len(out) >= 1 and out[-1].kind == "word" and (len(out) == 1 or out[-2].kind == "sep")
            if closed and first_word:
                out.insert(len(out) - 1, inner[0])
                i += 3
                continue
            # "toothpaste (mint) and ... (strawberry)": a short aside with no separator inside
            # belongs to the words it follows, in its place (a comma would let it float off).
            end = next((k for k in range(i + 1, min(len(tokens), i + 8)) if tokens[k].kind in ("paren", "sep")), None)
            if end is not None and tokens[end].text == ")" and end > i + 1 and out and out[-1].kind in ("word", "num"):
                out.extend(tokens[i + 1 : end])
                i = end + 1
                continue
            opened.append(len(out))
            out.append(Token(",", "sep"))
        elif tok.kind == "paren" and tok.text in "([{":
            opened.append(len(out))
            out.append(Token(",", "sep"))
        elif tok.kind == "paren" and tok.text in ")]}":
            start = opened.pop() if opened else len(out)
            listed = any(t.kind == "sep" and t.text == "," for t in out[start + 1 :])
            out.append(Token(";" if listed else ",", "sep"))
        else:
            out.append(tok)
        i += 1
    return out


def _groups(tokens: list[Token]) -> Iterator[list[list[Token]]]:
    """Sentences and lines, each split into clauses at weak separators (commas, colons,
    dashes, brackets and "and" unless the text also says "or"/"vs"/"between")."""
    alternatives = any(t.text in _ALTERNATIVES for t in tokens if t.kind == "word")
    dashes = _dividing_dashes(tokens)
    group: list[list[Token]] = []
    clause: list[Token] = []
    pivot = 0  # clauses before the group's first colon that is not a label's

    def done(end: str = "") -> _Group:
        whole = _Group([*group, clause])
        whole.end = end
        # "shampoo, conditioner: citrus, mint": two lists of one length on either side of a
        # colon pair their items by position, so that group keeps its order.
        whole.parallel = pivot >= 2 and len(whole) == 2 * pivot and not any(c[:1] == [_JOINED] for c in whole)
        return whole

    for i, tok in enumerate(tokens):
        if tok.kind == "sep" and tok.text in _STRONG:
            yield done(tok.text)
            group, clause, pivot = [], [], 0
        elif tok.kind == "sep" and tok.text.strip() in (":", "-") and _is_label(clause, tokens, i):
            continue  # "Tone: warm", "Tone - warm": the label stays bound to its value
        elif i in dashes:
            yield done()
            group, clause, pivot = [], [], 0
        elif tok.kind == "sep" and tok.text.strip() == "," and not alternatives and _negated_list(clause, tokens, i):
            continue  # "free from parabens, sulfates and silicones": one negated list
        elif tok.kind == "sep":
            group.append(clause)
            clause = []
            if tok.text.strip() in (":", "-") and not pivot:
                pivot = len(group)
        elif (
            not alternatives
            and tok.text in _AND
            and not tok.fixed
            and not _negation_spans(clause, tokens, i)
            and not _shared_phrase(clause, tokens, i)
        ):
            group.append(clause)
            clause = [_JOINED]  # marks a clause that "and" joined to the one before
        else:
            clause.append(tok)
    yield done()


_NEGATIONS = frozenset({"no", "not", "without", "never", "nor", "zero"})


def _negation_spans(clause: list[Token], tokens: list[Token], i: int) -> bool:
    """Whether a negation in ``clause`` reaches over the "and" at ``tokens[i]``: "no sulfates
    and silicones" excludes both, so it stays one clause (split, "silicones" would be a
    requirement of its own, the same as in "silicones, no sulfates"). Not when what follows
    the "and" has a negation of its own ("no sulfates and no silicones")."""
    if not _negated_end(clause):
        return False
    for tok in tokens[i + 1 :]:
        if tok.kind == "sep" or (tok.text in _AND and not tok.fixed):
            return True
        if _negates(tok):
            return False
    return True


# Where things come from covers a list as often as its last item ("the jars and the lids from
# the new supplier"); other phrases ("labour and packaging cost per unit") are read as before.
_SOURCES = frozenset({"from", "by", "over", "under", "aged", "above", "below"})  # a source, an age


def _shared_phrase(clause: list[Token], tokens: list[Token], i: int) -> bool:
    """Whether the "and" at ``tokens[i]`` joins two bare things that a phrase after the second
    may cover both of, with no comma to say otherwise: "the jars and the lids from the new
    supplier" (both from it, maybe) is not "the jars, and the lids from the new supplier,"
    (the lids only), so it stays one clause."""
    if i == 0 or tokens[i - 1].kind == "sep" or not clause:
        return False
    words = [t for t in clause if t.kind == "word"]
    heads = [k for k, t in enumerate(words) if t.text in PHRASE_HEADS and k > 0]
    if heads:  # "hair loss in men and women over 50": the phrase's own object is the first thing
        words = words[heads[-1] + 1 :]
    if not words or len(words) > 4 or any(t.text in PHRASE_HEADS for t in words[1:]):
        return False
    seen = 0
    for tok in tokens[i + 1 :]:
        if tok.kind == "sep" or (tok.text in _AND and not tok.fixed):
            return False
        if tok.kind == "word" and tok.text in _SOURCES and seen:
            return True
        if tok.kind == "word" and tok.text in PHRASE_HEADS:
            return False
        seen += tok.kind == "word"
    return False


def _negates(tok: Token) -> bool:
    return (tok.kind == "word" and tok.text in _NEGATIONS) or (tok.kind == "num" and tok.text == "0")


def _negated_end(clause: list[Token]) -> bool:
    """Whether ``clause`` ends with a negation and at most three words after it, none a
    preposition ("no sulfates"; not "without fragrance, lip balm with shea butter")."""
    last = max((k for k, t in enumerate(clause) if _negates(t)), default=None)
    if last is None or clause[last].closed:
        return False  # "fragrance-free, ceramides and niacinamide": the cream has the two
    between = [t for t in clause[last + 1 :] if t.kind == "word"]
    return 0 < len(between) <= 3 and not any(t.text in PHRASE_HEADS for t in between)


def _negated_list(clause: list[Token], tokens: list[Token], i: int) -> bool:
    """Whether the comma at ``tokens[i]`` goes on a list that a negation opens: "free from
    parabens, sulfates and silicones" excludes all three (items of two words at most, the
    list ending with "and"/"or", no item negated on its own)."""
    if not _negated_end(clause):
        return False
    words, joined = 0, False
    for tok in tokens[i + 1 :]:
        if tok.kind == "sep":
            if tok.text in _STRONG or joined or tok.text.strip() != ",":
                break
            words = 0
            continue
        if tok.text in _AND and not tok.fixed:
            joined, words = True, 0
            continue
        if _negates(tok):
            return False
        words += 1
        if words > 2:
            return False
    return joined and words > 0


class _Group(list):
    """The clauses of one sentence or line; ``parallel`` when their order pairs them, ``end``
    the separator that ended it ("" at the end of the text)."""

    parallel = False
    end = ""


def _dividing_dashes(tokens: list[Token]) -> set[int]:
    """The spaced dashes that divide a line into groups, as a semicolon would: those that end
    a stretch with a comma in it (since the last dash or sentence end). "lipstick red, matte
    - gloss pink, shiny": each colour keeps its own finish, as between semicolons, so
    "lipstick red, shiny - gloss pink, matte" is another request. A dash after a heading
    ("Body scrub - sugar, coconut oil" = "Body scrub: sugar, coconut oil") or between single
    items ("slogans - short - German") only separates, as a comma does."""
    marks = [i for i, t in enumerate(tokens) if t.kind == "sep" and (t.text in _STRONG or t.text.strip() == "-")]
    if not any(tokens[i].text.strip() == "-" for i in marks):
        return set()
    bounds = [-1, *marks, len(tokens)]
    stretches = [tokens[a + 1 : b] for a, b in pairwise(bounds)]
    commas = [any(t.kind == "sep" and t.text == "," for t in stretch) for stretch in stretches]
    return {
        i
        for k, i in enumerate(marks)
        if tokens[i].text.strip() == "-" and commas[k] and not _one_word_lists(stretches[k], stretches[k + 1])
    }


def _one_word_lists(before: list[Token], after: list[Token]) -> bool:
    """Two comma lists of one word each item, as many on either side: "shampoo, conditioner -
    citrus, mint" pairs them by position, as with a colon (see ``_groups``)."""

    def items(stretch: list[Token]) -> list[list[Token]]:
        out: list[list[Token]] = [[]]
        for t in stretch:
            if t.kind == "sep" and t.text == ",":
                out.append([])
            else:
                out[-1].append(t)
        return out

    a, b = items(before), items(after)
    return len(a) == len(b) >= 2 and all(len(item) == 1 and item[0].kind == "word" for item in a + b)


def _is_label(clause: list[Token], tokens: list[Token], at: int) -> bool:
    """A colon (or a lone dash) binds a short label to its value: "Tone: warm", "Top: bergamot,
    base: vetiver". Before a line break, or before a list when the line has no other label
    ("Cleanser: gentle, low foam"), it only separates."""
    if not clause or sum(t.kind == "word" for t in clause) > _LABEL_WORDS:
        return False
    if any(t.text in _QUESTION_WORDS for t in clause):
        return False  # "Which sells more: A or B?" asks; a label names
    if at + 1 >= len(tokens) or tokens[at + 1].kind == "sep":
        return False
    mark = tokens[at].text.strip()
    line = _line_of(tokens, at)
    marks = sum(t.kind == "sep" and t.text.strip() == mark for t in line)
    if mark == "-" and marks > 1:
        return False  # "A - B - C" is a list
    if mark == ":" and marks > 1:
        return True  # "label: value, label: value": each value stays with its label
    for tok in tokens[at + 1 :]:
        if tok.kind == "sep":
            return tok.text in _STRONG
        if tok.text in _AND and not tok.fixed:
            return False
    return True


def _line_of(tokens: list[Token], at: int) -> list[Token]:
    """The tokens of the sentence or line that holds ``tokens[at]``."""
    start, end = at, at
    while start > 0 and not (tokens[start - 1].kind == "sep" and tokens[start - 1].text in _STRONG):
        start -= 1
    while end < len(tokens) and not (tokens[end].kind == "sep" and tokens[end].text in _STRONG):
        end += 1
    return tokens[start:end]


_ATTACHING = frozenset({"from", "at"})
_ATTACHING_RUN = 3  # trailing phrases from which on one that describes a noun keeps them in order
_AMOUNT_HEADS = frozenset({"over", "under", "above", "below"})


# Businesses a place can locate ("distributors in Brazil", "our suppliers in India"): after
# one, "in <place>" may say where they are, not where the matter is; after a consumer or a
# product it is the request's market ("women in Saudi Arabia", "units in Canada").
_TRADE_PARTIES = frozenset(
    {"distributor", "retailer", "wholesaler", "supplier", "vendor", "stockist", "reseller", "importer"}
    | {"exporter", "partner", "manufacturer", "cmo", "factory", "plant", "warehouse", "store", "shop"}
    | {"pharmacy", "salon", "clinic", "office", "subsidiary", "team", "lab", "laboratory", "buyer"}
    | {"client", "account", "chain", "franchisee", "licensee", "broker", "packer", "copacker", "house"}
    | {"influencer", "influence", "dermatologist", "rep", "forwarder", "filler", "supermarket", "drugstore", "spa"}
    | {"kol", "hotel", "agency", "printer", "converter", "boutique", "hairdresser", "esthetician"}
    | {"aesthetician", "formulator", "3pl", "beautician", "dentist", "pharmacist", "doctor"}
    | {"attorney", "lawyer", "ambassador", "consultant", "auditor", "notified"}
    # customers a brand pitches to, one or all of them (review32)
    | {"gym", "resort", "airline", "hospital", "hostel", "motel", "school", "university", "restaurant", "cafe"}
    | {"barbershop", "barber", "carrier", "stylist", "colourist", "colorist", "therapist", "technician"}
    | {"educator", "trainer", "optician", "medspa", "artist", "chemist", "etailer", "podiatrist", "physiotherapist"}
    | {"dietitian", "nutritionist", "midwife", "veterinarian", "groomer"}
    | {"dietician", "physio", "vet", "chiropodist", "osteopath", "chiropractor", "nurse"}  # review35
    | {"derm", "hygienist", "trichologist", "orthodontist", "periodontist", "podologist"}  # review36
)
# Businesses named in two words whose second is no business alone ("product line", "bar soap")
_PARTY_PAIRS = frozenset(
    {("cruise", "line"), ("nail", "bar"), ("care", "home"), ("nursing", "home"), ("tattoo", "studio")}
    | {("e", "tailer"), ("brow", "bar"), ("day", "spa"), ("yoga", "studio")}  # "Beauty Bar" is a soap
    | {
        ("lash", "bar"),
        ("pilates", "studio"),
        ("pilate", "studio"),
        ("barre", "studio"),
        ("dry", "bar"),
        ("lash", "studio"),
        ("tattoo", "parlour"),
        ("tattoo", "parlor"),
        ("retirement", "home"),
    }
    | {("fitness", "studio"), ("dance", "studio"), ("tanning", "studio")}
)
# Places besides the countries: the regions the aliases write ("usa", "eu", "latam")
_REGIONS = frozenset(
    {"usa", "eu", "europe", "latam", "gcc", "asean", "apac", "emea", "mena", "nordics", "dach", "benelux"}
    | {"asia", "africa", "gulf", "scandinavia", "middle east", "north america", "south america", "oceania"}
    | {"england", "scotland", "wales", "quebec", "caribbean", "balkan", "baltic", "southeast asia", "nordic"}
    | {"south east asia", "south-east asia"}
    | {"western europe", "eastern europe", "central europe", "northern europe", "southern europe"}
    | {"central america", "east africa", "west africa", "north africa", "south asia", "east asia"}
)
# The matter of a request ("about the delay", "on the filing fee"): a thing that may happen
# somewhere else than where the business is ("for the recall" is left out: "for" names a
# category as often, "top retailers in Germany for sun care"; "after", "during", "over" a
# time as often, "sales of our retailers in Germany over the last 3 years")
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"})
_TOPIC_HEADS = frozenset({"about", "on", "regarding", "concerning", "re"})
_GLUING = frozenset({"in", "across", "within"})


def _noun_phrase(clause: tuple[str, ...], at: int) -> bool:
    """Whether the phrase at ``clause[at]`` describes a thing more than an act: "with photos",
    "by men" (whose), "over 1 million followers" (an amount), not "over the next 3 years" or
    "in Mexico"."""
    if clause[at] in ("with", "by"):
        return True  # "by men" after "images of women" may be the raters, before it the authors
    return clause[at] in _AMOUNT_HEADS and at + 1 < len(clause) and clause[at + 1][:1].isdigit()


def _is_place(words: tuple[str, ...]) -> bool:
    """Whether ``words`` open with a country or a region ("brazil", "sri lanka", "eu"; "the
    Netherlands" arrives as "netherland")."""
    plain = [w.split("~")[0] for w in words[:3]]  # "western~name europe"
    if len(plain) > 1 and plain[0] in _DIRECTIONS and _is_place(tuple(plain[1:])):
        return True  # "northern Italy", "western Canada"
    for n in (1, 2, 3):
        name = " ".join(plain[:n])
        if len(words) >= n and (name in COUNTRIES or name in _REGIONS or f"{name}s" in COUNTRIES):
            return True
    return False


def _business(word: str) -> bool:
    """Whether a formed word names a business ("distributor", "supplier~s", "cmos")."""
    base = word.split("~")[0]
    return base in _TRADE_PARTIES or base.removesuffix("s") in _TRADE_PARTIES


def _glued_place(clause: tuple[str, ...], at: int) -> bool:
    """Whether ``clause[at]`` opens "in <place>" right after a business: the business's
    place ("to distributors in Brazil"), which moves with it and is no region of the whole
    request when the clause also names a matter ("a notice to distributors in Brazil about
    the delay" is not "... to distributors about the delay in Brazil": the delay may be
    anywhere)."""
    if clause[at] not in _GLUING or not 0 < at < len(clause) - 1:
        return False
    return _business(clause[at - 1]) and _is_place(clause[at + 1 :])


def _glued(clause: tuple[str, ...], starts: list[int]) -> tuple[str, ...]:
    """``clause`` with each business's place glued to it ("in" written ``in~of``) when the
    clause also names a matter ("email our distributors in Brazil about the recall" is not
    "... about the recall in Brazil"), and a "with" phrase after a business glued to it."""
    if len(starts) < 2:
        return clause
    matter = bool(_TOPIC_HEADS.intersection(clause[i] for i in starts))
    return tuple(
        f"{w}~of"
        if (matter and w in _GLUING and _glued_place(clause, i))
        or _business_with(clause, i)
        or _sited(clause, i)
        or _whose_people(clause, i)
        or _people_doing(clause, i)
        else w
        for i, w in enumerate(clause)
    )


# What people do or take: "acne in women using oral contraceptives" (the women take them) is
# not "acne using oral contraceptives in women" (the pill treats the acne; holdout124).
_DOING = frozenset({"using", "taking", "wearing", "receiving", "undergoing", "following", "applying"})


def _people_doing(clause: tuple[str, ...], at: int) -> bool:
    """Whether ``clause[at]`` opens what the people just before it use or take: theirs, glued."""
    return clause[at] in _DOING and 0 < at < len(clause) - 1 and clause[at - 1].split("~")[0] in _PEOPLE


# What a business has somewhere: "brands with academies in Paris" (the academies are in
# Paris; the brands may be anywhere) is not "brands in Paris with academies" (holdout70,
# holdout71): an "in" or "at" right after such a thing in a "with" phrase is its place.
_SITES = frozenset(
    {"academy", "store", "shop", "boutique", "office", "plant", "lab", "labs", "laboratory", "warehouse"}
    | {"salon", "clinic", "spa", "counter", "outlet", "branch", "site", "facility", "school", "studio"}
    | {"showroom", "headquarters", "hq", "subsidiary", "presence", "flagship", "centre", "center", "hub"}
    # who works for it somewhere (review37)
    | {"distributor", "supplier", "franchise", "franchisee", "kiosk", "staff", "team", "partner", "agent"}
    | {"employee", "rep", "stockist", "retailer", "manufacturer", "factory", "operation", "customer", "client"}
    | {"sale", "sales", "patent", "trademark", "popup", "pop", "up", "investor", "registration", "licence"}
    | {"license", "listing", "revenue", "user", "follower", "fan", "member", "shareholder", "asset", "account"}
    # what it does somewhere (review40)
    | {
        "distribution",
        "manufacturing",
        "manufacture",
        "production",
        "concession",
        "share",
        "growth",
        "exposure",
        "sourcing",
    }
    | {"research", "marketing", "footprint", "network", "partnership", "contract", "deal", "tender"}
    | {"source", "export", "exports", "ecommerce", "commerce", "investment", "invest", "r&d", "rd"}
)
_SITE_PLACES = frozenset({"in", "at", "across", "within", "on", "throughout", "inside", "outside"})


# What a request may weigh for someone: "safety for children of nano HAP in toothpaste" (the
# safety, for children) is not "safety of nano HAP in toothpaste for children" (a children's
# toothpaste; holdout96)
_WEIGHED = frozenset(
    {"safety", "risk", "efficacy", "evidence", "exposure", "dose", "dosage", "toxicity", "tolerability"}
    | {"suitability", "benefit", "effect", "suitable", "safe", "effective", "limit", "concentration"}
    | {"irritation", "potential", "tolerance", "sensitisation", "sensitization", "hazard", "side", "absorption"}
    | {"penetration", "allergenicity", "reaction", "toxicology", "margin", "uptake"}
)


def _whose_people(clause: tuple[str, ...], at: int) -> bool:
    """Whether ``clause[at]`` opens "for <people>" right after a thing that is not the clause's
    head, when the head weighs something ("safety", "risk", "dose"): the people are that thing's."""
    if clause[at] != "for" or not 1 < at < len(clause) - 1:
        return False
    head = [w.split("~")[0] for w in clause[: min(at, 4)]]
    if not any(w in _WEIGHED for w in head[:3]) or clause[at - 1] in PHRASE_HEADS:
        return False  # "Assess the safety of ...": the head within the clause's first words
    # people, not what they have ("for hair loss" names a condition): "for pregnant women"
    return any(w.split("~")[0] in _PEOPLE for w in clause[at + 1 : at + 3])


_HOLDERS = frozenset({"brand", "company", "player", "competitor", "firm", "startup", "label", "business", "group"})


def _with_opening(clause: tuple[str, ...], at: int) -> int | None:
    """Where the "with" phrase that ends right before ``clause[at - 1]`` opens (within four
    words, no other phrase between), or None."""
    for i in range(at - 2, max(0, at - 5) - 1, -1):
        if clause[i] == "with":
            return i
        if clause[i] in PHRASE_HEADS:
            return None
    return None


def _holder_with(clause: tuple[str, ...], at: int) -> bool:
    """Whether the "with" phrase that ends before ``at`` follows a brand or a business ("brands
    with approval in China"; not "balm for lips with cracks in Canada")."""
    i = _with_opening(clause, at)
    return bool(i) and (clause[i - 1].split("~")[0] in _HOLDERS or _business(clause[i - 1]))


def _sited(clause: tuple[str, ...], at: int) -> bool:
    """Whether ``clause[at]`` opens "in"/"at" <somewhere> right after a site that a "with"
    phrase names ("with academies in Paris")."""
    if clause[at] not in _SITE_PLACES or not 1 < at < len(clause) - 1:
        return False
    if clause[at - 1].split("~")[0] not in _SITES and not (_is_place(clause[at + 1 :]) and _holder_with(clause, at)):
        return False  # a listed site, or anything a brand or a business has in a named country or region
    return _with_opening(clause, at) is not None


def _business_with(clause: tuple[str, ...], at: int) -> bool:
    """Whether ``clause[at]`` is a "with" right after a business, which it may describe ("price
    the lotion for the retailer with our own pumps" is not "... with our own pumps for the
    retailer"; "a supplier with GMP certification"), or after people, naming a condition they
    have ("for children with lice")."""
    return clause[at] == "with" and at > 0 and (_business(clause[at - 1]) or _afflicted(clause, at))


# People, and what they may have: "for children with lice" is not "(a mascot) with lice for
# children" (holdout72). Only a condition glues: "for children with ceramides" names the
# product's ingredient, and moves.
_PEOPLE = frozenset(
    {"child", "kid", "baby", "infant", "toddler", "teen", "teenager", "adult", "woman", "man", "people"}
    | {"patient", "consumer", "user", "customer", "athlete", "runner", "parent", "senior", "student", "guest"}
    | {"boy", "girl", "pupil", "wearer", "player", "swimmer", "worker", "nurse", "mum", "mom", "dad"}
    | {"dog", "cat", "pet", "puppy", "kitten", "horse"}
    | {"blonde", "blond", "brunette", "redhead", "smoker", "surfer", "diver", "gamer", "cyclist", "golfer"}
    | {"traveller", "traveler", "commuter", "mother", "father", "elder", "vegan", "diabetic", "skier"}
)
# What a bearer or a person may have too much or too little of, or be above or below
_STATE_WORDS = frozenset(
    {"low", "high", "lack", "excess", "excessive", "too", "little", "above", "below", "under", "over", "ph"}
    | {"loss", "deficiency", "deficient", "level", "damage", "damaged", "buildup", "build", "deposit", "weak"}
    | {"poor", "reduced", "increased", "elevated", "impaired", "compromised", "thinning", "brittle"}
    # what it carries or went through (review40): "for hair with silicone coating", "for nails
    # with gel polish", "for hair with a keratin treatment"
    | {"coating", "residue", "treatment", "treated", "polish", "extension", "dyed", "colored", "bleached"}
    | {"relaxer", "relaxed", "permed", "braid", "film", "layer", "stain", "remains", "trace", "traces"}
    | {"varnish", "blowout", "smoothing", "staining", "mineral", "minerals", "smooth", "stained"}
)
# A product's pack and applicator: after a bearer, still the product's (not "lid" or "pouch":
# "hooded lids", "under-eye pouches" are the bearer's; review39)
_PACKAGING = frozenset(
    {"dropper", "pump", "tube", "jar", "bottle", "airless", "sprayer", "applicator", "cap", "pipette"}
    | {"sachet", "roller", "rollerball", "brush", "sponge", "refill", "pack", "packaging", "box"}
    | {"carton", "dispenser", "nozzle", "valve", "spatula", "label", "closure", "stick", "tin", "can", "vial"}
)
_BEARERS = frozenset(
    {"cheek", "eyelid", "lid", "toe", "arm", "root", "chin", "forehead", "nose", "back", "chest", "shoulder"}
    | {"thigh", "buttock", "bikini", "tip", "ends", "mouth", "jaw", "ear", "wrist", "finger"}
    | {"hair", "skin", "scalp", "nail", "lip", "tooth", "teeth", "gum", "complexion", "brow", "lash", "eyelash"}
    | {"hand", "eye", "curl", "cuticle", "underarm", "armpit", "beard", "face", "foot", "feet", "heel", "leg"}
    | {"type", "strand", "lock", "coat", "fur", "paw", "pore", "eyebrow", "elbow", "knee", "neck", "body"}
)
# What a product contains that the ingredient names do not spell (with ``lexicon.ingredient_words``)
_CONTENTS = frozenset({"salt", "sugar", "milk", "silk", "protein", "glitter", "shimmer", "scent", "fragrance"})
_COLOURS = frozenset(
    {"yellow", "orange", "red", "brassy", "green", "ashy", "grey", "gray", "purple", "blue", "pink", "brown"}
    | {"golden", "copper", "olive", "sallow", "dark", "light", "warm", "cool", "white", "black", "violet"}
)
_CONDITIONS = frozenset(
    {"lice", "louse", "nit", "nits", "acne", "eczema", "psoriasis", "rosacea", "dandruff", "dermatitis", "allergy"}
    | {"diabetes", "melasma", "alopecia", "vitiligo", "sunburn", "scar", "wrinkle", "freckle", "beard", "tattoo"}
    | {"piercing", "brace", "denture", "implant", "asthma", "cancer", "pregnancy", "hyperpigmentation"}
    | {"keratosis", "chickenpox", "measles", "glass", "glasses", "wound", "burn", "rash"}
    | {"tone", "undertone", "brassiness", "redness", "frizz", "flake", "flaking", "breakout", "crack", "stain"}
    | {"ridge", "spot", "blemish", "blackhead", "pigmentation", "discoloration", "discolouration", "dryness"}
    | {"oiliness", "itch", "itching", "sensitivity", "damage", "breakage", "dullness", "roughness", "bump"}
    | {"split", "end", "line", "pore", "cavity", "plaque", "tartar", "callus", "corn", "fungus"}
)


def _afflicted(clause: tuple[str, ...], at: int) -> bool:
    """Whether the "with" at ``at`` follows people and names a condition they have: the last
    word of its phrase ("with lice"; "with scar gel", "with anti-wrinkle peptides" name an
    ingredient or an accessory, and move)."""
    person = clause[at - 1].split("~")[0]
    if person not in _PEOPLE and person not in _BEARERS:
        return False
    end = at + 1
    while end < len(clause) and clause[end] not in PHRASE_HEADS:
        end += 1
    phrase = [w.split("~")[0] for w in clause[at + 1 : end]]
    if phrase and (phrase[-1] in _CONDITIONS or phrase[-2:] == ["cradle", "cap"]):
        return True
    if any(w in _PROTECTION_FACTORS for w in phrase):
        return False  # "for dry skin with high SPF": the product's protection
    if any(w in _STATE_WORDS for w in phrase):
        return True  # a state it is in: "for women with low iron", "for skin with a pH above 6"
    if person in _BEARERS and any(w in _COLOURS for w in phrase):
        return True  # a colour it has ("for grey hair with yellow pigment": whose yellow? holdout87)
    if person in _BEARERS and phrase and phrase[-1] in _PACKAGING:
        return False  # the product's pack: "serum for dry skin with a dropper" ("box dye" is the hair's)
    # What hair, skin or a nail is "with" is its own unless it is an ingredient or an amount
    # (an SPF and a pack are read above): "for hands with eczema", "for hair with high
    # porosity" stay; "for dry skin with ceramides" moves. The product's own properties ("for
    # lips with a cherry stain") stay too: one reading of two is enough for a miss (review37).
    ingredients = ingredient_words()
    return person in _BEARERS and not any(w in ingredients or w in _CONTENTS or w[:1].isdigit() for w in phrase)


def _past_inside(phrase: tuple[str, ...]) -> bool:
    """Whether a phrase holds a verb in the past after its subject ("of the SKUs Tesco
    listed"; "with added vitamin C" is an adjective). A clause marked ATTACHED is seen by
    ``_phrases`` itself."""
    return any(w.endswith("~ed") for w in phrase[2:])


def _phrases(clause: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases of one clause in a canonical order: "a serum with 3% X for dry skin" = "a serum
    for dry skin with 3% X". Only the trailing phrases move, each with its own words, and
    only when their prepositions all differ (two "for" phrases keep their order: "for hands
    with shea for winter" is not "for winter with shea for hands")."""
    # "in Brazil" after "distributors" is theirs: it moves with them ("to distributors in
    # Brazil about the delay" = "about the delay to distributors in Brazil", not "... to
    # distributors about the delay in Brazil")
    starts = [i for i, w in enumerate(clause) if w in PHRASE_HEADS and i > 0]
    run = len(starts)  # the phrases as written: a glued place still counts for the run below
    glued = _glued(clause, starts)
    if glued != clause:
        clause = glued
        starts = [i for i, w in enumerate(clause) if w in PHRASE_HEADS and i > 0]
    if len(starts) < 2:
        return clause
    # a glued "in" still counts as written: two "in" phrases keep their order ("to our
    # distributors in Mexico about the labels in Spanish")
    heads = [clause[i] for i in starts] + [w.removesuffix("~of") for w in clause if w.endswith("~of")]
    if len(set(heads)) != len(heads) or _ATTACHING.intersection(heads):
        return clause
    if any(w.startswith("compar") for w in clause[: starts[0]]):
        # "compare our cream with retinol to Brand X's cream": which thing has the retinol is
        # the phrases' order
        return clause
    if any(clause[i] == "for" and i + 1 < len(clause) and clause[i + 1][:1].isdigit() for i in starts):
        return clause  # "the EXW price for 1 t": a quantity stays on the noun before it
    if run >= _ATTACHING_RUN and any(_noun_phrase(clause, i) for i in starts[1:]):
        # "reply to the review about the shade with photos": with three phrases or more, a
        # later "with" phrase or amount may be the noun's before it ("the shade with photos",
        # "accounts over 1 million followers"); moved to the front it is the verb's: the
        # order stays
        return clause
    spans = list(pairwise([*starts, len(clause)]))
    if ATTACHED in clause or any(_past_inside(clause[a:b]) for a, b in spans[:-1]):
        # "sell-out of the SKUs Tesco listed in Q2": a phrase with a clause inside ("Tesco
        # listed", "we shipped") may take the next phrase: the phrases keep their order
        return clause
    phrases = sorted(clause[a:b] for a, b in spans)
    return clause[: starts[0]] + tuple(w for ph in phrases for w in ph)


# Two options ("A or B", "A vs B") are one pair in either order only when they are all a
# text says: any other clause may point at one of them by its place ("retinol vs bakuchiol,
# is the former gentler", "glass vs pet: how much do we save by switching") or bind
# something to it, so there they keep their order (``_canonical_clauses``; review44,
# review45). Words that point at an option by its place keep them in order in every part of
# a request too ("is the former gentler" with the options in a field; ``guard.form``).
# Only words that point at an option and at nothing else: "last", "first", "#1" and "switch"
# also make times and ranks ("over the last 12 months", "the #1 seller", "switch to refills"),
# and another clause of the text already keeps the options' order (review51).
OPTION_BY_PLACE = re.compile(
    r"\b(?:former|latter|whichever|option\s+(?:\d|[a-d])"
    r"|(?:first|second|last|other|earlier|prior|previous)\s+one|one\s+(?:listed|mentioned|named|written))\b",
    re.I,
)


def _options_alone(text: str, groups: tuple[tuple[tuple[str, ...], ...], ...]) -> bool:
    """Whether a text's two options ("A or B") are all it says, or what the question just
    before them asks to choose between ("Which sells more: candles or diffusers?")."""
    clauses = [c for g in groups for c in g]
    if len(clauses) == 1:
        return True
    if len(clauses) != 2 or not text.rstrip().endswith("?"):
        return False
    options = [any(w in _SYMMETRIC for w in c) for c in clauses]
    if options == [False, True]:
        return True
    # "Candles or diffusers: which grew faster?" (review50)
    return options == [True, False] and clauses[1][:1] in (("what",), ("who",))


def _symmetric(clause: tuple[str, ...]) -> tuple[str, ...]:
    """ "A or B" = "B or A", "A vs B" = "B vs A", when the whole clause is the two options."""
    ops = [i for i, w in enumerate(clause) if w in _SYMMETRIC]
    if len(ops) != 1 or ops[0] in (0, len(clause) - 1):
        return clause
    i = ops[0]
    left, right = clause[:i], clause[i + 1 :]
    if any(w in PHRASE_HEADS or w in ("than", "what", "which", "how") for w in left + right):
        return clause  # "which grows faster in Brazil, A or B" keeps its question apart
    a, b = sorted((left, right))
    return (*a, clause[i], *b)


_NOT_COORDINATE = frozenset(
    {"not", "no", "only", "also", "then", "than", "but", "yet", "so", "just", "even", "too"}
    | {"non", "anti", "pre", "post", "semi", "multi", "un"}  # a prefix written apart belongs to its word
)
AND_JOIN = "&"  # joins coordinated words into one token: "spain&portugal"


def _coordinate(word: str) -> bool:
    """Whether ``word`` may be one of several coordinated words ("vegan, fragrance-free",
    "Spain and Portugal"): a word, not a number, a preposition or a negation."""
    return (
        word[:1].isalpha()
        and not any(ch.isdigit() for ch in word)
        and word not in PHRASE_HEADS
        and word not in _NOT_COORDINATE
        and word not in _SYMMETRIC
    )


def _coordinated(
    parts: list[tuple[tuple[str, ...], bool, list[Token]]], generator: str, *, ordered_lists: bool = True
) -> list[tuple[str, ...]]:
    """Coordinated words and phrases in any order, each list becoming one token of sorted
    items (``parts``: each clause's words, whether "and" joined it to the one before, and
    its tokens):

    * phrases of one shape under one preposition: "a serum with 5% niacinamide and 2%
      tranexamic acid", "market size for men's fragrance in Mexico and women's fragrance
      in Chile", "in Spain, Portugal and Italy" (a list that "and" ends);
    * one-word clauses that open a noun phrase before its first word: "a vegan,
      fragrance-free lip balm" = "a fragrance-free, vegan lip balm", "the labour and
      packaging cost" = "the packaging and labour cost" (only right after an article or
      a possessive: a bare list, "market size, growth, main players", lists separate
      things).

    Every item keeps its own words, numbers and inner prepositions, so what a number or
    modifier is bound to cannot change: "2% zinc and niacinamide" keeps its "2% zinc".
    ``ordered_lists`` False (a text whose lists may map onto each other by their order,
    see :func:`_order_matters`) keeps every list as written.
    """
    clauses = [c for c, _, _ in parts]
    joined = [j for _, j, _ in parts]
    if not ordered_lists:
        return clauses
    out: list[tuple[str, ...]] = []
    i, n = 0, len(parts)
    while i < n:
        clause = clauses[i]
        tail = _shared_tail(clause, clauses[i + 1]) if i + 1 < n else 0
        j = i + 1
        while tail and j < n and _shared_tail(clause, clauses[j]) == tail:
            j += 1
        # The list ends with "and": "A, B and C" ("A, B" alone may be two requests), and its
        # items have one length ("in Spain, Portugal and Italy"; not "unit cost, incl. tube,
        # cap and carton", nor "for dry skin and hair", where "dry" may cover both).
        while j > i + 1 and not joined[j - 1]:
            j -= 1
        items = [clause[tail:], *clauses[i + 1 : j]]
        counted = all(item and item[0][:1].isdigit() and len(item) > 1 for item in items)
        if len({len(item) for item in items}) > 1 and not counted:
            # "for dry skin and hair": "dry" may cover both, so the order stays; items that
            # each open with their own amount ("5% TXA and 2% kojic acid") are whole items
            j = i + 1
        if tail and j > i + 1:
            phrases = sorted({" ".join(clause[tail:]), *(" ".join(c) for c in clauses[i + 1 : j])})
            out.append((*clause[:tail], AND_JOIN.join(phrases)))
            i = j
            continue
        j = i + 1
        while j < n and len(clauses[j]) == 1 and _coordinate(clauses[j][0]):
            j += 1
        # A one-word clause after an article may be a list of modifiers ("a vegan, fragrance-free
        # lip balm"); a longer one only when "and" joins ("what is the filling and packing cost").
        opens = _coordinate(clause[-1]) and _opens_phrase(parts[i][2], clause[-1], generator)
        listed = len(clause) == 1 or all(joined[i + 1 : j + 1])
        # "a cleanser and a serum with 1% retinol", "heat the oils and add the waxes": an
        # item with an article of its own is a second thing, not a second modifier.
        shared = j < n and not any(_has_opener(parts[k][2]) for k in range(i + 1, j + 1))
        if opens and listed and shared and len(clauses[j]) >= 2 and _coordinate(clauses[j][0]):
            words = sorted({clause[-1], *(c[0] for c in clauses[i + 1 : j]), clauses[j][0]})
            out.append((*clause[:-1], AND_JOIN.join(words), *clauses[j][1:]))
            i = j + 1
            continue
        out.append(clause)
        i += 1
    return out


PAIRED = "and"  # joins the two items of one "X and Y" in a sentence of several such pairs


def _pairs(
    items: list[tuple[tuple[str, ...], bool, list[Token]]], *, ordered_lists: bool
) -> list[tuple[tuple[str, ...], bool, list[Token]]]:
    """The clauses of one sentence (``items``: each clause's words, whether "and" joined
    it to the one before, its tokens), empty ones dropped, where a sentence pairs items
    with "and" two or more times, commas between the pairs ("top notes of bergamot and
    pink pepper, heart of rose and jasmine"): each pair is one clause, in its order, so no
    item can move to another pair when the clauses are sorted. A pair of one shape under
    one preposition ("with 5% niacinamide and 2% zinc") is left to :func:`_coordinated`,
    which keeps it bound in any order (unless ``ordered_lists`` is False: then it lists nothing).
    """
    paired = [
        k
        for k in range(1, len(items))
        if items[k][1]
        and items[k][0]
        and items[k - 1][0]
        and not (ordered_lists and _one_shape(items[k - 1][0], items[k][0]))
    ]
    if len(paired) < 2 or all(b - a < 2 for a, b in pairwise(paired)):
        return [item for item in items if item[0]]  # one pair, or "A and B and C": one list
    out: list[tuple[tuple[str, ...], bool, list[Token]]] = []
    for k, item in enumerate(items):
        if k in paired:
            clause, joined, part = out[-1]
            out[-1] = ((*clause, PAIRED, *item[0]), joined, [*part, *item[2]])
        elif item[0]:
            out.append(item)
    return out


def _one_shape(clause: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether ``other`` lists a second phrase of ``clause``'s last phrase's shape (see
    :func:`_shared_tail`), items of one length: "with 5% niacinamide" and "2% zinc"."""
    tail = _shared_tail(clause, other)
    return bool(tail) and len(clause) - tail == len(other)


_OPENERS = ARTICLES | {"my", "our", "your", "their", "its", "this", "these"}


def _has_opener(part: list[Token]) -> bool:
    return any(t.kind == "word" and t.text in _OPENERS for t in part)


def _opens_phrase(part: list[Token], last: str, generator: str) -> bool:
    """Whether a clause's last word ``last`` comes right after an article or a possessive:
    "a vegan", "a fragrance-free", "give me the labour", "what would be the filling"."""
    at = [k for k, t in enumerate(part) if t.kind == "word" and t.text in _OPENERS]
    return bool(at) and _clause(part[at[-1] + 1 :], generator) == (last,)


def _heads(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w in PHRASE_HEADS)


def _shared_tail(clause: tuple[str, ...], other: tuple[str, ...]) -> int:
    """Where ``clause``'s last phrase starts when ``other`` (the clause after it) is a second
    phrase of the same shape under the same preposition, else 0: "serum with 5%
    niacinamide and 2% tranexamic acid", "size for men's fragrance in Mexico and women's
    fragrance in Chile" list two things under one preposition, in any order. Each phrase
    keeps its own words, numbers and inner prepositions."""
    if not other or other[0] in PHRASE_HEADS or any(w in _NOT_COORDINATE for w in other):
        return 0
    if not any(w[:1].isalpha() for w in other):
        return 0  # "at 5% and 2%": numbers alone are listed in an order that may matter
    shape = _heads(other)
    for k in range(len(clause) - 2, -1, -1):
        if clause[k] not in PHRASE_HEADS:
            continue
        tail = clause[k + 1 :]
        if _heads(tail) == shape:
            ok = (
                not any(w in _NOT_COORDINATE for w in tail)
                and tail[0] not in PHRASE_HEADS
                and any(w[:1].isalpha() for w in tail)
            )
            return k + 1 if ok else 0
        if len(_heads(tail)) > len(shape):
            return 0
    return 0


# A text whose order may carry meaning: a ratio ("70:30", "3/1"), "respectively", steps.
_ORDER_WORDS = re.compile(
    r"\d\s*(?:[:/\u2013-]|to|parts?\s+to)\s*\d|\d\s+\d"  # 70:30, 60/40, 60-40, 2 to 1, 3 parts to 1, 70 30
    r"|\d[^,;/()\n]{0,12}[,;/]\s*\d"  # values listed in order: "30%, 20%", "1.20 EUR / 1.50 EUR"
    r"|\([^()]*,[^()]*\)"  # a bracketed list: "(10%, 1%)", "(primary, secondary)"
    r"|\b(?:ratios?|respectively|resp|proportions?|former|latter|order)\b"
    # "Keep the first one witty.", "For the first country, …": a listed item pointed at by its place
    r"|\bthe\s+(?:first|second|third|last)\s+[a-z]",
    re.I,
)
# A sentence or line that opens with a step: the sentences are in order too.
_STEP_OPENS = re.compile(
    r"(?:[.!?;]\s+|\n\s*)(?:then|next|finally|afterwards|after\s+that|lastly|second(?:ly)?|third(?:ly)?|"
    r"step\s*\d+|\d+[.)])\s"
    r"|\bin\s+(?:this|that|the\s+following)\s+order\b|\b(?:steps?|method|procedure)\s*:",
    re.I,
)
STEP = "||"  # joins the sentences of a text whose steps are in order

# A routine's time of day, as a label ("AM:", "Bedtime:", "(PM):", "Before bed -")
_ROUTINE = (
    r"\(?(?<!good\s)(?:mornings?|evenings?|nights?|night\s?time|night-time|bedtime|before\s+bed|pre-?bed|daytime|"
    r"a\.?m\.?|p\.?m\.?)\)?"
)
# Ends of a scale that a list may run along ("fair to deep:", "thinnest to thickest -")
_SCALE = (
    r"(?:fair|light|pale|deep|dark|rich|tan|thin|thick|heav|mild|strong|low|high|small|larg|soft|firm|bright"
    r"|weak|sheer|full|water|cream|porcelain|ivory|espresso|ebony|cheap|dear|old|new|young|short|long|fast|slow"
    r"|opaque|alabaster|matte|matt|dewy|glossy|satin|natural|bold|subtle)"
    r"[a-z]*"
)
# A text whose clauses, not only its lists, are in an order that carries meaning: steps, a
# ranking, what it starts with, an INCI list (it opens with water; ingredients in order of
# concentration).
_SEQUENCE = re.compile(
    r"\b(?:then|followed|ranked|ranking|rank|sequence|steps?|starts?|starting|begins?|beginning|inci)\b"
    r"|\b(?:order(?:ed)?\s+(?:of|by)|in\s+(?:this|that|the|which|what|reverse|descending|ascending)\s+order)\b"
    r"|\b(?:priorit(?:y|ies|i[sz]e[sd]?)|(?:most|least)\s+important|label\s+(?:lists?|reads?|says?))\b"
    r"|\b(?:aqua|water)\b(?!-)[^,;\n]{0,20},\s*[^\W\d_][^,;\n]*,"
    # An order named as such: "layering order:", a routine, "highest to lowest", "favourite
    # to least favourite", an ingredient list (in order of concentration, with water or not).
    r"|\border\s*:|\broutines?\b|\bingredients?\s+list\b|\bin\s+order\b(?!\s+to\b)|#\s?\d"
    # a ladder of tiers, named in its order ("names in a ladder: good, better, best"); layers,
    # listed in the order they go on or are laminated ("Layering: base, colour, glitter, top")
    r"|\bladder\b|\blayering\b|\blayers?\s*(?::|order\b|\d)|\blaminate\s+layers?\b"
    # a fragrance's pyramid, shades from fair to deep, tiers, a morning or evening routine,
    # "from the inside out", a double cleanse (review38)
    # (each cue where it heads a list: "fair to deep shades" or "inside out" alone order nothing)
    r"|\b(?:fragrance|olfactive|scent|notes?)\s+pyramid\b|\bpyramid\s*(?::|\s-\s|\u2013)"
    rf"|\b{_SCALE}\s+to\s+{_SCALE}\b[^.;\n]{{0,25}}(?::|\s-\s|\u2013)"  # not "oil-free"
    r"|\btiers\s*(?:\([^)]*\))?\s*[:\-\u2013]|\b\w+,\s*\w+,?\s+and\s+\w+\s+tiers\b"
    # a routine label opens its line or sentence ("Friday night -" is no routine)
    rf"|(?:^|(?<=[\n.;,(]))\s*{_ROUTINE}\s*(?::|\s-\s|\u2013)|(?:^|(?<=[\n.;,(]))\s*overnight\s*:"
    r"|\b(?:inside\s+out|outside\s+in)\s*(?::|\s-\s|\u2013)"
    r"|\bdouble[\s-]?cleans\w*\s*(?:with\b|:)"
    # "Apply in order to damp skin: toner, essence, serum": the list after it is the order.
    r"|\bin\s+order\s+to\b[^.;\n]*:\s*[^,;\n]+,"
    r"|\b(?:highest|lowest|most|least|best|worst|favou?rite|first|top)\s+to\s+(?:the\s+)?"
    r"(?:highest|lowest|most|least|best|worst|last|bottom)\b",
    re.I,
)


# A search in order: options tried one after another until one holds ("stop at the first
# under EUR 0.30", "go down the list", "fall back to the next", "use the first one in
# stock"). "Shelf life 24 months or PAO 12 months, whichever comes first" is no search.
_SEARCH = re.compile(
    # cues that name an item of a list ("the first", "the next"): the list may be in another
    # sentence of the text
    r"\bstop(?:ping)?\s+(?:at|after)\s+the\s+first\b|\b(?:go|work)(?:ing)?\s+down\s+the\s+list\b"
    r"|\bfall(?:ing)?\s*back\s+(?:to|on)\s+the\s+next\b|\btake\s+the\s+first\s+(?:one|that|which|available)\b"
    r"|\bmove\s+(?:on\s+)?to\s+the\s+next\b|\bfirst\s+one\s+(?:in|that|which|with|under)\b"
    r"|\btry\s+(?:each|them|one)\b[^.?!\n]*\buntil\b|\bwhichever\s+is\s+(?:in\s+stock|available)\b"
    r"|\bwhichever\s+comes\s+first\s+(?:that|which|in\s+stock)\b",
    re.I,
)
# cues that may be about anything ("stop when the pH drifts", "fall back to glass"): only in
# the sentence that lists the options
_SEARCH_NEAR = re.compile(r"\bstop(?:ping)?\s+(?:when|once|as\s+soon\s+as)\b|\bfall(?:ing)?\s*back\s+(?:to|on)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?\n](?!\d)")
_LISTED = re.compile(r"[;]|,[^,.;!?\n]*,")  # a semicolon, or two commas


def _searched_in_order(text: str) -> bool:
    """Whether ``text`` tries listed options in order (``_SEARCH`` anywhere in a text that
    lists, ``_SEARCH_NEAR`` in the sentence that lists)."""
    if _SEARCH.search(text) and _LISTED.search(text):
        return True
    return any(
        _LISTED.search(stretch_around(text, m.start(), m.end(), _SENTENCE_END)) for m in _SEARCH_NEAR.finditer(text)
    )


# An order named for the list right after it (its colon, or a hierarchy's dash or
# parenthesis): a layout ("front label hierarchy: brand, SPF, product name", "most prominent
# to least prominent: ...", "biggest to smallest: ...", "left to right: ...", "in descending
# type size: ...", "by prominence on the pack: ..."). Without the list right after ("Arabic
# and Hebrew, which read right to left") the words name no order of the text's lists.
_SIDES = "big|bigger|biggest|large|larger|largest|small|smaller|smallest|left|right|top|bottom|front|back|bold|bolder|boldest|light|lighter|lightest|dark|darker|darkest"
_LIST_AFTER = r"[^.;:\n]{0,60}(?::|\s[-\u2013\u2014]\s|\s?\(|\n)"  # a colon, a dash, a parenthesis, bullets
_LAYOUT_ORDER = re.compile(
    r"(?:\bhierarch(?:y|ies)\b|\b(?:most|least)\s+[^\W\d_]+\s+to\s+(?:the\s+)?(?:most|least)\b|\bby\s+prominence\b"
    rf"|\btop\s+down\b|\b(?:{_SIDES})(?:\s+[^\W\d_]+)?\s+to\s+(?:the\s+)?(?:{_SIDES})\b"
    r"|\bin\s+(?:descending|ascending|decreasing|increasing)\b)" + _LIST_AFTER,
    re.I,
)
# Copy for a pack listed after it, in a branding request ("List the claims: gentle, safe,
# effective", "Pack claims:\n- 48h hydration\n- vegan"): the order is the emphasis on the
# pack. Claims to be checked ("Check these claims for EU compliance: ...") are a set. Named
# anywhere in the text, the order of its other lists is kept too: a paraphrase missed, never
# a pack's order lost (review31).
_PACK_COPY = re.compile(
    r"\b(?:claims?|benefits?|call-?outs?|bullets?|badges?|key\s+messages?|usps?|selling\s+points?|"
    r"reasons?\s+to\s+believe)\b(?:[^;:\n]|\.(?=\S)){0,60}(?::|\s[-\u2013\u2014]\s|\n)",
    re.I,
)
_CHECKING = re.compile(
    r"\b(?:check|checks|checking|verify|substantiat\w*|review|complian\w*|assess\w*|legal|allowed|permitted|approve\w*)\b",
    re.I,
)


def _pack_copy(text: str) -> bool:
    """Whether a branding text lists copy for a pack (``_PACK_COPY``), not claims to check."""
    found = _PACK_COPY.search(text)
    if found is None:
        return False
    start = max(text.rfind(".", 0, found.start()), text.rfind("\n", 0, found.start())) + 1
    return not _CHECKING.search(text, start, found.end())


# Verbs that open the steps of a process (most words have a verb sense: "size, top brands,
# price bands" lists things, so only these open steps)
_PROCESS_VERBS = _STEP_VERBS | frozenset(
    {"bottle", "condition", "continue", "enter", "expand", "finally", "finish", "go", "launch"}
    | {"open", "pilot", "reapply", "repeat", "roll", "sample", "scale", "settle", "shampoo"}
    | {"start", "stop", "style", "then", "visit"}
)
_SENTENCE_ENDS = re.compile(r"[.!?\n]+")
_STEP_SEPARATORS = re.compile(r"[,;]|\s+and\s+|\s+then\s+", re.I)
_STEP_PART = re.compile(r"^\s*(?:and\s+|then\s+)*([a-z]+)\b", re.I)


def _comma_steps(text: str) -> bool:
    """Whether a sentence lists two steps or more (between commas, semicolons, "and" or
    "then"), each opening with a verb of a process ("Apply retinol, wait 20 minutes, apply
    moisturizer"; "Heat the oils to 75 C, add the emulsifier, cool to 40 C"): a process typed
    as prose keeps its order (review48, review49)."""
    for sentence in _SENTENCE_ENDS.split(text):
        parts = [p for p in _STEP_SEPARATORS.split(sentence) if p.strip()]
        if len(parts) < 2:
            continue
        heads = [_STEP_PART.match(part) for part in parts]
        if all(h and h.group(1).lower() in _PROCESS_VERBS for h in heads):
            return True
    return False


def _order_matters(text: str, tokens: list[Token], *, in_sequence: bool) -> bool:
    """Whether the order of a text's listed items may carry meaning, so lists keep it: two
    lists ("niacinamide and zinc at 5% and 2%", "growth of 5% and 3% in Spain and Portugal"
    map onto each other in order), a ratio, "respectively", steps (``in_sequence``: the
    text's clauses are in order too, see ``_SEQUENCE``)."""
    ands = sum(1 for t in tokens if t.kind == "word" and t.text in _AND and not t.fixed)
    return in_sequence or ands > 1 or bool(_ORDER_WORDS.search(text))


_RELATIVE = "~that"  # marks a dropped relative pronoun in a question holding "not" (see _question_not)
_ASKING = frozenset({"why", "how", "what", "when", "where", "who", "can", "could", "should", "would", "may", "might"})


def _question_not(clause: tuple[str, ...]) -> tuple[str, ...]:
    """ "Why doesn't X work?" = "Why does X not work?": in a question, the one "not" is the
    question's, wherever the contraction put it."""
    if len(clause) < 3 or clause[0] not in _ASKING or clause.count("not") != 1 or "but" in clause:
        return clause  # "why is X not growing in A but growing in B": the "not" is A's
    at = clause.index("not")
    if at + 1 < len(clause) and clause[at + 1].endswith(("~ed", "ed")) and at > 2:
        return clause  # "brands not tested on animals": a participle's "not" (a relative clause cut short)
    if _RELATIVE in clause:
        # "Which retailers do not stock brands that are vegan" is not "... stock brands that
        # are not vegan": a relative clause may hold the "not" (the mark is then dropped),
        # wherever it stands (moved to the end, the question's "not" would meet the "not" of
        # a relative clause written without "that": "the serums we don't make"; review22).
        return tuple(w for w in clause if w != _RELATIVE)
    return (*(w for w in clause if w != "not"), "not")


def clause_form(clause: tuple[str, ...], *, options_in_order: bool = False) -> tuple[str, ...]:
    """One clause's words in canonical order (its trailing phrases, its two options unless
    ``options_in_order``, a question's negation)."""
    formed = _phrases(_question_not(clause))
    formed = formed if options_in_order else _symmetric(formed)
    return tuple(w for w in formed if w != ATTACHED) if ATTACHED in formed else formed


_ORDERED_LINES = 4  # lines of one clause each, from which on they keep their order (two things, two details)


@dataclass(frozen=True)
class _Raw:
    """A text's clauses before their phrases are put in order, by sentence or line."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    parallel: frozenset[int]  # groups that keep their clauses' order
    steps: bool
    in_sequence: bool
    comma_steps: bool  # steps typed between commas ("apply retinol, wait 20 minutes, ..."): ``_comma_steps``
    bound: tuple[Binding, ...]  # per group: how it binds to the one before (``_binding``)
    ends: tuple[str, ...]  # per group: the separator that ended it ("" for the text's last)


@lru_cache(maxsize=8192)
def _raw_clauses(text: str, generator: str) -> _Raw:
    tokens = _parentheses(_numbers_and_units(_raw_tokens(text)))
    raw_groups: list[list[tuple[str, ...]]] = []
    bound: list[Binding] = []  # per raw group: how it binds to the one before (``_binding``)
    ends: list[str] = []  # per raw group: what ended it
    parallel: set[int] = set()  # raw groups that keep their clauses' order
    steps = numbered_steps(text) or step_lines(text)
    comma_steps = _comma_steps(text)
    in_sequence = (
        steps
        or bool(_SEQUENCE.search(text) or _LAYOUT_ORDER.search(text))
        or _searched_in_order(text)
        or comma_steps
        or (generator == "branding" and _pack_copy(text))
    )
    ordered_lists = not _order_matters(text, tokens, in_sequence=in_sequence)
    for group in _groups(tokens):
        parts = [(part[:1] == [_JOINED], part[1:] if part[:1] == [_JOINED] else part) for part in group]
        clauses = _coordinated(
            _pairs([(_clause(part, generator), joined, part) for joined, part in parts], ordered_lists=ordered_lists),
            generator,
            ordered_lists=ordered_lists,
        )
        if clauses and raw_groups and all(c[0] in _PREPOSITIONS for c in clauses):
            raw_groups[-1] += clauses  # "cost per unit?? and per batch??": one question
            ends[-1] = group.end
        elif clauses:
            if (group.parallel and len(clauses) == len(group)) or _bound_modifiers(parts, clauses):
                parallel.add(len(raw_groups))
            bound.append(_binding([t.text for part in group for t in part if t.kind == "word"]) if raw_groups else FREE)
            raw_groups.append(clauses)
            ends.append(group.end)
    return _Raw(
        tuple(tuple(g) for g in raw_groups),
        frozenset(parallel),
        steps,
        in_sequence,
        comma_steps,
        tuple(bound),
        tuple(ends),
    )


class Binding(IntEnum):
    """How a sentence after the first binds to the text before it (``_binding``)."""

    FREE = 0
    BACK = 1  # points back at what the sentence before names
    ALSO = 2  # opens a second thing


FREE, BACK, ALSO = Binding.FREE, Binding.BACK, Binding.ALSO
_BACK_WORDS = frozenset(["it", "its", "them", "they", "their", "theirs"])
_BACK_PAIRS = frozenset((a, b) for a in ("this", "that", "these", "those") for b in ("one", "ones"))
_BACK_OPENERS = frozenset(["only", "unless", "except", "but"])
_BACK_CLOSERS = frozenset(["though", "instead"])
_ALSO_OPENERS = frozenset(["and", "plus", "also"])
BOUND = "|<"  # joins a sentence to the one before it, which it points back at
UNIT = "|>"  # joins the sentences that belong to one thing of several (see ``_units``)


def _binding(words: list[str]) -> Binding:
    """How a sentence after the first binds to the text before it (review52): BACK when
    it points back at what the sentence before names ("Make it vegan too.", "Quote that
    one in USD.", "Exclude private label there.", "Only if the budget allows, though."),
    ALSO when it opens a second thing ("Also cost a 50 ml cream.", "We also need a
    conditioner.", "What about zinc?"), FREE otherwise."""
    if not words:
        return FREE
    if (
        any(w in _BACK_WORDS for w in words)
        or any(pair in _BACK_PAIRS for pair in itertools.pairwise(words))
        or ("there" in words[1:] or (words[0] == "there" and words[1:2] not in (["is"], ["are"], ["was"], ["were"])))
        or words[0] in _BACK_OPENERS
        or words[-1] in _BACK_CLOSERS
    ):
        return BACK
    if (
        words[0] in _ALSO_OPENERS
        or "also" in words
        or words[-1] == "too"
        or words[:2] in (["what", "about"], ["how", "about"])
    ):
        return ALSO
    return FREE


def _units(forms: list[tuple[str, ...]], bound: tuple[Binding, ...]) -> tuple[tuple[str, ...], ...] | None:
    """The sentences of a text bound to what they point at, or None when none binds.

    A sentence that points back stays after the one before it; when the text opens a
    second thing ("Also …"), every sentence stays with the thing it follows ("We need a
    shampoo. Add tea tree oil. We also need a conditioner. Add argan oil.": swapping the
    two oils is another request), the thing first and its other sentences in any order.
    """
    if len(forms) < 3 or not any(bound[1:]):
        return None  # of two sentences, one can only point at the other, in either order
    subunits: list[list[tuple[str, ...]]] = []
    kinds: list[Binding] = []
    for form, kind in zip(forms, bound, strict=True):
        if kind == BACK and subunits:
            subunits[-1].append(form)
        else:
            subunits.append([form])
            kinds.append(kind)
    joined = [tuple(w for f in su for w in (*f, BOUND))[:-1] for su in subunits]
    if ALSO not in kinds[1:]:
        return tuple(joined)
    units: list[list[tuple[str, ...]]] = []
    for form, kind in zip(joined, kinds, strict=True):
        if not units or kind == ALSO:
            units.append([form])
        else:
            units[-1].append(form)
    return tuple(tuple(w for f in (u[0], *sorted(u[1:])) for w in (*f, UNIT))[:-1] for u in units)


def _qualifies(word: str) -> bool:
    """Whether a phrase opening with ``word`` qualifies what it follows ("citing in vitro
    studies only", "using RCTs", "for men", "with SPF"), not a thing or a question of its own."""
    return word in PHRASE_HEADS or (
        has_verb_sense(word)
        and not has_adjective_sense(word)  # "cold fill, hot fill, and tube filling": items
        and word not in _ASKING
        and word not in AUXILIARIES  # "is it photostable, and does it irritate": questions
    )


def _bound_modifiers(parts: list[tuple[bool, list[Token]]], clauses: list[tuple[str, ...]]) -> bool:
    """Whether a sentence's clauses keep their order because a modifier between commas binds
    to the thing it follows: a phrase opening with a preposition or a verb before ", and
    ..." ("shampoo sales, excluding salons, and conditioner sales"), or a bare modifier
    between two things that "and" lists ("a night cream and an eye cream, fragrance-free,
    with peptides" / "a night cream, fragrance-free, and an eye cream with peptides")."""
    if len(clauses) < 3:
        return False
    for k in range(1, len(parts) - 2):
        # "what is known about penetration, citing in vitro studies only, and any
        # pro-inflammatory effects", "shampoo sales, excluding salons, and conditioner sales":
        # a phrase between commas before ", and ..." is the first thing's, not the whole
        # sentence's (holdout107, review45). (", and" leaves an empty part.)
        (joined, part), (_, comma), (joins, thing) = parts[k : k + 3]
        # (a phrase of two words or more: "we fill, pack, and ship" lists verbs)
        between = len(part) > 1 and not joined and not comma and _qualifies(part[0].text)
        if between and joins and thing:
            return True
    if not any(joined and part and part[0].text in ("a", "an", "the") for joined, part in parts[1:]):
        return False  # "and an eye cream": a second thing, written whole
    return any(
        k > 0
        and (c[0].startswith(WITHOUT) or c[0] in ("with", "without") or (len(c) == 1 and has_adjective_sense(c[0])))
        for k, c in enumerate(clauses)
    )


def frozen_clauses(text: str, *, generator: str = "") -> dict[tuple[str, ...], int]:
    """The formed clauses of ``text`` whose phrases a mark kept in the order written (a
    relative clause, "with the ...": ``ATTACHED``, which forming drops), each with where its
    first mark stood: a rewrite that takes a phrase out of one keeps the rest in order, and
    takes none from after the mark (the inner clause's own: "the palettes Sephora promotes
    in Canada")."""
    raw = _raw_clauses(text, generator)
    keep = _keeps_options(text, raw)  # formed as _canonical_clauses forms them
    return {clause_form(c, options_in_order=keep): c.index(ATTACHED) for g in raw.groups for c in g if ATTACHED in c}


def _keeps_options(text: str, raw: _Raw) -> bool:
    """Whether two options of ``text`` keep their order: a word points at one by its place,
    or they are not all the text says (``_options_alone``)."""
    return bool(OPTION_BY_PLACE.search(text)) or not _options_alone(text, raw.groups)


@lru_cache(maxsize=8192)
def _canonical_clauses(text: str, generator: str, options_in_order: bool) -> tuple[tuple[str, ...], ...]:
    raw = _raw_clauses(text, generator)
    raw_groups, parallel, steps, in_sequence = [list(g) for g in raw.groups], raw.parallel, raw.steps, raw.in_sequence
    keep = options_in_order or _keeps_options(text, raw)
    if in_sequence:
        # Order may carry meaning (steps, a ranking, an INCI list): the clauses of a sentence
        # or line stay in the order written, as one tuple that the final sort cannot reorder;
        # the sentences too when one opens with a step ("Then add...", "2. Cool...").
        ordered = [[clause_form(c, options_in_order=keep) for c in _attach(g)] for g in raw_groups]
        joined = [_group_form(g) for g in ordered]
        if len(joined) > 1 and (steps or _STEP_OPENS.search(text) or raw.comma_steps):
            return (tuple(w for g in joined for w in (*g, STEP))[:-1],)
        return tuple(joined)
    groups = [
        [clause_form(c, options_in_order=keep) for c in g]
        if k in parallel
        else sorted(clause_form(c, options_in_order=keep) for c in _attach(g))
        for k, g in enumerate(raw_groups)
    ]
    if len(groups) > 1 and _repeated_labels(text):  # review52: the labels pair by order, in sentences as on lines
        return (tuple(w for g in groups for c in g for w in (*c, STEP))[:-1],)
    if parallel:  # one group in the order written: no flat list, whose clauses would be sorted
        return tuple(_group_form(g) for g in groups)
    if (
        len(groups) >= _ORDERED_LINES
        and all(len(g) == 1 for g in groups)
        and _plain_lines(text) >= _ORDERED_LINES
        and not _labelled_lines(text)
    ):
        # One thing a line, four lines or more, not all of them bullets: which line follows
        # which is all that binds them ("Day cream\nSPF 30\nNight cream\nretinol"), so they
        # keep their order. (A list of bullets, or of items between semicolons, is a list.)
        return (tuple(w for g in groups for w in (*g[0], STEP))[:-1],)
    in_order = _sentences_in_order(text, raw)
    if in_order:
        # Three statements or more: which sentence follows which may be all that binds a
        # detail to its thing ("Make a shampoo. Use argan oil. Make a conditioner. Use tea
        # tree oil."), and nothing tells a thing from a detail, so they keep their order
        # (second read of g97). A lone question may stand anywhere.
        kept = set(in_order)
        return (
            tuple(w for k in in_order for w in (*_group_form(groups[k]), STEP))[:-1],
            *(_group_form(g) for k, g in enumerate(groups) if k not in kept),
        )
    # after the one-thing-a-line rule: its order binds more than a pointer does (second read)
    units = _units([_group_form(g) for g in groups], raw.bound)
    if units is not None:
        return units
    if len(groups) == 1 or all(len(g) == 1 for g in groups):
        return tuple(c for g in groups for c in g)  # one sentence, or two things: a flat list
    return tuple(_group_form(g) for g in groups)  # a line or sentence that lists several things keeps them together


_ORDERED_SENTENCES = 3  # statements in running text, from which on they keep their order
_STOPS = frozenset(".!?")


def _sentences_in_order(text: str, raw: _Raw) -> tuple[int, ...]:
    """The groups of ``text`` that keep their order because it is running text of sentences:
    each group but the last ends with ".", "!", "?" (or ";" among two such ends or more), no
    line is a bullet and no item is numbered inline, not every sentence is a "label: value",
    and three of them or more are statements of more than one letter ("e.l.f." is no three
    sentences). Every group, or every group but a lone question that does not point back;
    () when the text is not such running text."""
    ends = raw.ends
    if len(ends) < _ORDERED_SENTENCES or not all(e in _STOPS or e == ";" for e in ends[:-1]):
        return ()
    if sum(e in _STOPS for e in ends) < 2 or _NUMBERED_ITEM.search(text):
        return ()
    if any(_BULLET.match(line) for line in text.split("\n")):
        return ()
    pieces = [p for p in re.split(r"[.!?;\n]", text) if p.strip()]
    if all(_LABEL_IN_SENTENCE.match(p) for p in pieces):
        return ()  # "Texture: whipped. Scent: none.": each says what it is (a repeated label pairs earlier)
    # a question by its opening word, not only its mark: "Could you please formulate ...?" is an order
    marked = [k for k, e in enumerate(ends) if e == "?"]
    asked = [_ASKED.match(m.group()) is not None for m in re.finditer(r"[^.!?;\n]*\?", text)]
    questions = [k for k, q in zip(marked, asked, strict=True) if q] if len(asked) == len(marked) else []
    kept = range(len(ends))
    if len(questions) == 1 and raw.bound[questions[0]] != BACK:
        kept = [k for k in kept if k != questions[0]]
    statements = [k for k in kept if any(len(w) > 1 for c in raw.groups[k] for w in c)]
    return tuple(kept) if len(statements) >= _ORDERED_SENTENCES else ()


_ASKED = re.compile(
    r"\s*(?!(?:could|can|would|will) you (?:please|kindly) )(?:what|which|how|who|where|when|why|is|are|"
    r"was|were|do|does|did|can|could|should|would|will|has|have)\b",
    re.IGNORECASE,
)
_NUMBERED_ITEM = re.compile(r"(?:^|\s)\d{1,2}[.)]\s")  # "asks: 1. formula, 2. method"


def _group_form(clauses: list[tuple[str, ...]]) -> tuple[str, ...]:
    """One sentence's or line's form: its one clause, or its clauses joined by ``GROUP``."""
    return clauses[0] if len(clauses) == 1 else tuple(w for c in clauses for w in (*c, GROUP))[:-1]


_LABELLED_LINE = re.compile(r"^[ \t]*[^\W\d][^:\n]{0,30}:[ \t]*\S")


_LABEL_IN_SENTENCE = re.compile(r"^[ \t]*([^\W\d][^:,]{0,30}?)[ \t]*:[ \t]*\S")
_LABELLED_PAIR = re.compile(r",[ \t]*[^\W\d][^:,]{0,30}?:[ \t]*\S")


def _repeated_labels(text: str) -> bool:
    """Whether the label of a sentence that is one "label: value" comes back ("Product:
    lipstick. Tone: bold. Product: lip balm. Tone: soft."): the values pair with the thing
    before them, by order. A sentence holding its pair whole ("Product: lipstick, tone:
    bold.") binds nothing to the next."""
    labels = [
        m.group(1).strip().lower()
        for sentence in re.split(r"[.;\n]", text)
        if (m := _LABEL_IN_SENTENCE.match(sentence)) and not _LABELLED_PAIR.search(sentence)
    ]
    return len(labels) > len(set(labels))


def _labelled_lines(text: str) -> bool:
    """Whether every non-blank line but a last question is "label: value" ("filling: EUR
    0.12", "overhead: 8 %"): each line says what it is, so their order binds nothing."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and lines[-1].rstrip().endswith("?"):
        lines = lines[:-1]
    labels = [line.split(":", 1)[0].strip().lower() for line in lines]
    # a label said twice ("Size: ... Price: ... Size: ... Price: ...") pairs lines by order
    return len(lines) >= 2 and len(set(labels)) == len(labels) and all(_LABELLED_LINE.match(line) for line in lines)


def canonical_text(text: str, *, generator: str = "", options_in_order: bool = False) -> tuple[tuple[str, ...], ...]:
    """The canonical form of one free text: its clauses, each a tuple of canonical words,
    sorted (clause order is harmless, word order inside a clause is not). Two options ("A or
    B", "A vs B") are one pair in any order, unless ``options_in_order`` or the text points
    at one by its place (``OPTION_BY_PLACE``).

    >>> canonical_text("Could you please create a serum for sensitive skin, 2% BHA?")
    (('2%', 'bha'), ('serum', 'for', 'sensitive', 'skin'))
    """
    # The aggressive strategy once also merged words of one dominant WordNet sense: that
    # served no paraphrase of 1,266 and merged ten pairs of different requests
    # ("older"/"elderly", "crimson"/"red"), so every strategy now compares the same words.
    return tuple(sorted(_canonical_clauses(text, generator, options_in_order)))
