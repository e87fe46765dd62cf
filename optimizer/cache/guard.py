"""The cache guard: when may one request be served another request's answer?

Two requests are the same request when their *canonical forms* are equal, or when one
request's one-step rewrite (a detail moved between its free text and a field, see
``cache/rewrites.py``) equals the other. The form is built from the request itself (the
analyst's free text and each context field, value by value, never the template text) by
removing only differences of kinds proven harmless:

* casing, spacing and punctuation; bullets, numbering and line breaks are punctuation. A
  sentence or line keeps its clauses together when it lists several ("red polish, matte"
  on one line of a list is not "red polish, glossy"), and so does a stretch of a line that
  holds a comma and that a spaced dash, slash or plus or a closing bracket ends ("lipstick
  red, matte - gloss pink, shiny", "lipstick (red, matte), gloss (pink, shiny)"); lines
  under a heading (a line ending with a colon, or followed by bullets, by bullets of another
  marker, or by deeper lines) stay with it ("Shampoo:\n- citrus\nConditioner:\n- mint");
  four lines or more of one clause each, not all bullets, keep their order ("Day
  cream\nSPF 30\nNight cream\nretinol"), and so do two comma lists of one length on either
  side of a colon, or of a dash when each item is one word ("shampoo, conditioner: citrus,
  mint"); a
  short label binds to its value ("Tone: warm", "Top: bergamot, base: vetiver");
* greetings, sign-offs and politeness ("Hi team, could you please ...", "I would like to
  know", "thanks in advance"), function words, and request verbs that open a clause
  ("create", "give me", "I need", "summarize", "what is"); "if possible" only in a polite
  request, not after "and," (where it makes the next ask optional) and not after a requirement of its own (in a bare one, or in ", vegan if
  possible" and "without palm oil if possible", it softens a requirement);
* inflection (``serums``/``serum``, ``gels``/``gel``; never ``cheaper``/``cheap``),
  British/American spelling (SCOWL's pairs, the regular -ise/-ogue/-tre/-lled/ae
  endings when the American form is a known word, a closed list such as
  ``moustache``/``mustache``), and a one-slip typo inside a word of eight letters or more
  (its first and last letters as written: "sensitve", "moisturzier"; a short word, or a slip
  at an end, is as often a brand or a place: "Natura" is no slip of "natural", "Parma" none
  of "pharma"; never a vowel written for another: "propenamide" is not "propanamide"; never
  a name capitalised inside a sentence, unless the text is Title Case over common words; at
  a sentence start only a swap, a missed or a doubled letter; never into a country; a letter
  more only if doubled, a key next to a neighbour, a vowel or an "h": "linolenic" is no slip
  of "linoleic"; never a known word with a regular ending, "massagers" is not "massages" nor "shoppable"
  "stoppable"; never inside a chemical name, "hydroxyethyl" is not "hydroxymethyl", nor
  one vowel for another even on neighbouring keys), or of a word that one of the request's
  own fields spells right;
  quantities in another
  size of their unit ("2 tonnes" = "2,000 kg", "1.5 l" = "1500 ml", "36 months" = "3
  years");
* ways of writing one number, unit or currency ("5,000"/"5k", "2,5%"/"2.5%", "10
  percent"/"10%", "two"/"2", "30 ml"/"30ml", "R$"/"BRL", "USD 20"/"20 USD", "2020-2025"/
  "2020 to 2025"; a minus sign stays its number's, "-18 °C" is not "18 °C", a range is never
  its two ends, "2020 and 2025", and "1.500 kg", 1.5 or 1,500 kg, stays as written), one negation
  ("fragrance-free"/"free of fragrance"/"without fragrance"/"no fragrance" opening a
  clause; "fragrance and alcohol free" excludes both; in a promotion "mascara free" is a
  mascara given free), one obligation ("must"/"has to"), one tense, and one term from a closed
  glossary of unambiguous abbreviations (UAE, KSA, LatAm, SLS, RCT, EDP, w/, approx., Gen
  Z) or an abbreviation the text defines by initials ("hyaluronic acid (HA)"); a country's
  official and common names ("Viet Nam", "Côte d'Ivoire", "Korea" = "South Korea") and its
  market said with its adjective ("the Polish market" = "in Poland");
* the order of clauses (not of three sentences or more of running text, whose order may be
  all that binds a detail to its thing, a lone question aside; of the sentences only, when
  the text says order matters: steps,
  numbered or typed between commas with verbs of a process, "then", a ranking, what a list "starts" with, an INCI list opening with water), and
  inside a clause the order of its trailing phrases when their
  prepositions all differ ("with 3% X for dry skin" = "for dry skin with 3% X") and of two
  options ("A or B", "A vs B", only when they are all the text says: another clause may
  point at one by its place, "the former", "the 2nd", or bind something to it), and of coordinated items that "and" lists (never "&"
  between capitalised words: "Salt & Smoke" is a name) ("in Spain and
  Portugal", "with 5% X and 2% Y", "a vegan, fragrance-free balm" after an article): every
  phrase moves with its own words, so what a number or modifier is bound to, and what
  "than", "to", "into" or "from" relates, cannot change;
* a closed list of words that mean the same in any request here (kid/child, big/large,
  quick/fast, glycerol/glycerin, nappy/diaper), under every strategy (no WordNet synonyms:
  they served no paraphrase the rules here miss, and merged "older" with "elderly").

Everything else is a difference: any content word, name, number or negation of one
request must appear in the other. A word that no list knows (a city, a fragrance note, a
brand) is kept as it is, so it matches only itself. There is no list of "dangerous"
words: a request is served only if nothing but the harmless kinds above differs.

Because the form is canonical, it is also the index key: equal forms land in one bucket
(see ``cache/index.py``), so a lookup reads a fixed, small set of records (its form and
its rewrites) instead of scanning the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from . import lexicon
from .canon import OPTION_BY_PLACE, canonical_text

Clauses = tuple[tuple[str, ...], ...]

GUARD_VERSION = "g98"  # part of every index key: bump it when a rule below changes
PLAIN = "="  # the tag of a request's form as written (rewritten forms carry their rewrite's name)

GUARD_EXPLANATION = (
    "The semantic cache serves a stored answer to a new request only when the two requests "
    "are the same request written differently. It compares what the analyst typed and each "
    "field value, not the template around them, and allows only differences that cannot "
    "change the answer: casing (not a capital that names a brand: 'Simple' or 'The Ordinary' is "
    "not 'simple' or 'ordinary'), punctuation, bullets and line breaks, greetings and "
    "politeness ('please', 'could you', 'I would like to know', 'thanks'), words like 'a', "
    "'the', 'create', 'give me', 'what is', plurals and verb endings (not where the number is "
    "asked for: 'a tagline' or 'suggest a fragrance' is one, 'taglines' several, 'the hotel' "
    "one customer and 'the hotels' all of them, 'the study' one paper and 'the studies' the "
    "literature), British or American "
    "spelling, a one-letter typo inside a long word, the same number, unit or currency written another way "
    "(5,000 = 5k, 2,5% = 2.5%, R$ = BRL), 'fragrance-free' = 'without fragrance' = 'no "
    "fragrance', well-known abbreviations (UAE, KSA, SLS, RCT), a few words that always mean "
    "the same (kids = children, big = large), clauses, phrases or listed items in another "
    "order ('Spain and Portugal' = 'Portugal and Spain'; two options, 'A or B', only when the request "
    "says nothing more about them: 'retinol vs bakuchiol, is the former gentler?' keeps its order) "
    "as long as every number and modifier "
    "stays attached to the same word ('toner for grey hair with yellow tones' is not 'toner with yellow tones for grey "
    "hair', 'shampoo, and conditioner with argan oil' is not 'shampoo and conditioner with argan oil') and every item "
    "under a heading stays under it, a sentence that points back ('Make it vegan too.', 'Quote that one in USD.') "
    "stays after the one it points at, and once a request asks for a second thing ('Also cost a 50 ml cream.') "
    "every sentence stays with the thing it follows; three sentences or more keep their order (only a lone "
    "question may move: 'Make a shampoo. Use argan oil. Make a conditioner. Use tea tree oil.' never serves "
    "the oils swapped), a list whose order is named (steps, a ranking, a routine, "
    "a pyramid, tiers, layers) keeps it, and a detail moved between "
    "the text and its own field ('trends in Indonesia' = region Indonesia). Every other "
    "word, name, number, unit, sign (≥, ♀, ✓) and negation must match (one slash between two "
    "items offers either: 'shampoo / conditioner' never serves 'shampoo + conditioner'), so 'Vietnam' never serves 'Thailand', "
    "'can you mix retinol and vitamin C?' (whether it can be done) never serves 'mix retinol and vitamin C', "
    "'matte' never serves 'dewy', and '2% azelaic acid and 10% niacinamide' never serves "
    "'10% azelaic acid and 2% niacinamide'. Rewordings of whole phrases ('sum up the "
    "evidence on whether X' for 'X? summarize evidence'), terse notes against full "
    "sentences and synonyms outside a short list are not served (by balanced or aggressive: "
    "aggressive only keeps answers longer); conservative serves exact repeats only (spacing aside, "
    "letter for letter). When in doubt the cache misses: a "
    "miss costs one generation, a wrong answer costs trust."
)


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

    @property
    def digest(self) -> str:
        """A stable hash of the form: the index bucket of every request with this form."""
        return self.key(PLAIN)

    def key(self, tag: str) -> str:
        """The bucket of this form under ``tag``: ``PLAIN`` for a request as written, or the
        name of the one rewrite (see ``cache/rewrites.py``) that produced this form."""
        # No strategy in the key: every strategy compares the same words, so they share records.
        raw = repr((GUARD_VERSION, tag, self.parts)).encode()
        return hashlib.sha256(raw).hexdigest()[:32]

    @property
    def empty(self) -> bool:
        """Whether the request says nothing the guard can compare (no clause at all)."""
        return not any(clauses for _, clauses in self.parts)


def form(query: str | None, context: Mapping[str, Any], *, generator: str = "", prompt: str = "") -> GuardForm:
    """The canonical form of a request given as its text and fields."""
    texts = guard_parts(query, context, prompt)
    # "is the former gentler?" with the options in a field: a field's options keep their order
    # when the text says anything, and every part's when any part points at one by its place
    by_place = any(OPTION_BY_PLACE.search(text) for _, text in texts)
    (query_name, query_text), fields = texts[0], texts[1:]
    query_form = canonical_text(query_text, generator=generator, options_in_order=by_place)
    field_forms = tuple(
        (name, canonical_text(text, generator=generator, options_in_order=by_place or bool(query_form)))
        for name, text in fields
    )
    parts = ((query_name, query_form), *field_forms)
    return GuardForm(
        _own_words(tuple((name, _ahead(clauses) if name == HORIZON else clauses) for name, clauses in parts))
    )


HORIZON = "field:horizon"
_AHEAD = frozenset({"next", "coming"})


def looking_ahead(words: tuple[str, ...]) -> tuple[str, ...]:
    """A horizon's words without the "next" a horizon implies: "next 3 years" -> "3 years",
    "by 2030" -> "2030".

    >>> looking_ahead(("next", "3", "year")), looking_ahead(("last", "3", "year"))
    (('3', 'year'), ('last', '3', 'year'))
    """
    if len(words) > 1 and words[0] == "by" and len(words[1]) == 4 and words[1].isdigit():
        return words[1:]  # a horizon "by 2030" is the horizon 2030 (review49)
    return words[1:] if len(words) > 1 and words[0] in _AHEAD and words[1][:1].isdigit() else words


def _ahead(clauses: Clauses) -> Clauses:
    """A horizon of "the next 3 years" is a horizon of "3 years": the field looks ahead."""
    return tuple(sorted(looking_ahead(c) for c in clauses))


_MIN_OWN_REPAIR = 8  # as for any repair: a short word is as often a word of its own ("tween", "teen")


def _own_words(parts: tuple[tuple[str, Clauses], ...]) -> tuple[tuple[str, Clauses], ...]:
    """A word of the free text that no dictionary knows, one slip from exactly one word of the
    request's fields, is that word: "dermocosmetcs" in the text when the category field says
    "dermocosmetics" (a name the dictionaries do not hold, typed in its own field)."""
    if len(parts) < 2:
        return parts
    words = {name: {w for c in clauses for w in c} for name, clauses in parts}
    fixes: dict[tuple[str, str], str] = {}
    for name, own in words.items():
        if name != "query":
            continue
        others = set().union(*(ws for n, ws in words.items() if n != name))
        for w in own - others:
            if len(w) < _MIN_OWN_REPAIR or not w.isalpha() or lexicon.is_known(w):
                continue
            near = {o for slips in lexicon.slips(w) for o in slips} & others
            near = {o for o in near if o[0] == w[0]}
            if len(near) == 1:
                fixes[(name, w)] = near.pop()
    if not fixes:
        return parts
    return tuple(
        (name, tuple(sorted(tuple(fixes.get((name, w), w) for w in c) for c in clauses))) for name, clauses in parts
    )


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
