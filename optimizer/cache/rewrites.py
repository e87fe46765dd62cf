"""One-step rewrites of a request, so that requests the guard calls the same can sit in
different buckets of the index and still find each other in a fixed number of reads.

One kind of harmless difference cannot be removed from one request alone, because only the
other request says which words are concerned: a detail written in the free text in one
request and in its own field in the other ("Hair oil trends in Indonesia" = "Hair oil
trends" with region "Indonesia"). A request's *moved* rewrites each take one detail of its
free text and put it where the other request may have it, bound to the same place:

* a phrase whose preposition fits an empty field: "in Indonesia" or "for Poland" (a
  country) -> region, "by 2030" or "over the next 3 years" -> horizon, "from RCTs" ->
  evidence, "on tranexamic acid" -> subject, "for 5,000 units" or "for a batch of 5,000
  bottles" -> batch size, "in EUR" -> currency, "for teenagers" or "for women over 50" ->
  audience;
* a clause that names an empty field ("tone should be witty" -> tone) or is a value of its
  type ("next 5 years" -> horizon, "5,000 units" -> batch size, "USD" -> currency, one
  word -> a branding tone); any clause of a formulation's text -> its empty requirements;
* words written just before the product field's value ("SPF 30 sunscreen" when the
  product type is "sunscreen") -> into that field, into empty requirements, or as a clause
  of their own ("vegan night cream" = "night cream, vegan");
* a phrase or clause that repeats a field's value ("trends in Kuwait" with region Kuwait)
  -> dropped from the text.

A phrase moves only whole, with its own words, and only into the field its preposition or
type names, so what it is bound to cannot change: "made in Chile" never becomes a region,
"in 2028" (one year) never a horizon, and a filled field is never overwritten.

A request stores its form as written under the tag ``PLAIN`` and each rewritten form under
the rewrite's name; a lookup reads its own form under ``PLAIN`` and under the rewrite's
name, and each of its rewritten forms under ``PLAIN``. So two requests meet when they are
equal, or when one rewrite of one of them equals the other as written; never after a
rewrite of both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import pairwise
from typing import Any

from .aliases import COUNTRIES, CURRENCIES, PHRASE_HEADS
from .canon import GROUP, clause_form, frozen_clauses
from .guard import PLAIN, GuardForm, form, looking_ahead

REWRITES = ("moved",)
MAX_REWRITES = 12  # per request and strategy: a lookup reads at most 1 + 1 + 12 buckets

Clause = tuple[str, ...]
# Which prepositions introduce a field's value in free text, and what the value must hold.
_FIELD_PREPOSITIONS = {
    "region": ("in", "across", "within", "for"),  # "for" only before a country: "for Poland"
    "audience": ("for", "among"),
    "horizon": ("by", "in", "over", "until", "through", "to", "within", "for"),
    "evidence": ("from",),
    "batch_size": ("for", "of"),
    "currency": ("in",),
    "subject": ("on", "about"),  # "evidence on tranexamic acid" -> subject
    "product": ("for",),  # "a brand name for a rose face oil" -> product
    "category": ("for",),  # "market outlook for baby care" -> category
    "formulation": ("of", "for"),  # "cost of a 75 ml hand cream" -> formulation (costing)
}
# The fields that may hold a request's whole text: what it is about (and a formulation's
# requirements, which any clause of its text may be).
_WHOLE_TEXT = {
    "formulation": ("requirements", "product_type"),
    "costing": ("formulation",),
    "market": ("category",),
    "branding": ("product",),
    "scientific": ("subject", "evidence"),
}
_WHAT_FIELDS = frozenset({"product", "category", "formulation"})  # what the request is about: "for X", "of X"
_TIME_WORDS = frozenset({"year", "month", "quarter", "decade", "week", "next", "last", "past", "now", "today"})
# Fields that a clause may name: "tone should be witty", "playful tone", "target audience: teens".
_FIELD_NAMES = {"tone": ("tone",), "audience": ("audience",), "region": ("region", "market"), "horizon": ("horizon",)}
_NAME_LINKS = frozenset({"should", "must", "in", "with", "our", "we", "target"})
# The field that names the product in each generator: modifiers written before its value
# in the free text may move into it ("SPF 30 sunscreen" with product type "sunscreen").
_PRODUCT_FIELD = {
    "formulation": "product_type",
    "costing": "formulation",
    "market": "category",
    "branding": "product",
    "scientific": "subject",
}


@lru_cache(maxsize=16)
def _schema(generator: str) -> tuple[str, ...]:
    from ..prompts.templates import TEMPLATES  # the generators' fields (imported late: prompts is larger)

    template = TEMPLATES.get(generator)
    return tuple(f.name for f in template.fields) if template is not None else ()


def _fits(field: str, value: Clause) -> bool:
    """Whether ``value`` can be the value of ``field`` (a number for a batch, a currency...)."""
    has_number = any(any(c.isdigit() for c in w) for w in value)
    if field == "batch_size":
        return has_number
    if field == "horizon":
        return has_number or any(w in _TIME_WORDS for w in value)
    if field == "currency":
        return len(value) == 1 and value[0] in CURRENCIES
    if field == "region":
        return not has_number
    return True


def _whole(field: str, clause: Clause) -> bool:
    """Whether a clause of its own is this field's value: "next 5 years" (horizon), "5000 units"
    (batch size), "USD" (currency), "playful" (a branding tone of one word)."""
    numbers = [w for w in clause if any(c.isdigit() for c in w)]
    if field == "horizon":
        return all(w in numbers or w in _TIME_WORDS or w == "coming" for w in clause) and bool(
            _TIME_WORDS & set(clause)
        )
    if field == "batch_size":
        return bool(numbers) and len(clause) <= 2
    if field == "currency":
        return len(clause) == 1 and clause[0] in CURRENCIES
    if field == "tone":
        return len(clause) == 1 and clause[0].isalpha()
    return False


def _phrase_spans(clause: Clause, heads: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of each trailing phrase of the clause that opens with one of ``heads``."""

    starts = [i for i, w in enumerate(clause) if w in PHRASE_HEADS and i > 0]
    for a, b in zip(starts, [*starts[1:], len(clause)], strict=False):
        if clause[a] in heads and b - a > 1:
            yield a, b


def _named(clause: Clause, names: tuple[str, ...]) -> Clause | None:
    """The value of a clause that names its field: "tone should witty" -> ("witty",)."""
    words = list(clause)
    if words and words[0] in names:
        words = words[1:]
    elif words and words[-1] in names:
        words = words[:-1]
    else:
        return None
    while words and words[0] in _NAME_LINKS:
        words.pop(0)
    return tuple(words) or None


def _moves(
    parts: dict[str, tuple[Clause, ...]], generator: str, frozen: Mapping[Clause, int] | None = None
) -> Iterator[dict[str, tuple[Clause, ...]]]:
    """Each way of moving one detail of the free text into an empty field of the generator
    (``frozen``: the text's clauses kept in the order written, see ``canon.frozen_clauses``)."""
    frozen = frozen or {}
    query = parts.get("query", ())
    empty = [f for f in _schema(generator) if f"field:{f}" not in parts]

    def moved(i: int, rest: Clause, field: str, value: Clause) -> dict[str, tuple[Clause, ...]]:
        if field == "horizon":
            value = looking_ahead(value)  # a horizon of "3 years" is the next 3 years
        new = dict(parts)
        clauses = list(query[:i]) + ([_reformed(query[i], rest, frozen)] if rest else []) + list(query[i + 1 :])
        new["query"] = tuple(sorted(clauses))
        new[f"field:{field}"] = (value,)
        return new

    if query:
        # The whole text typed in the field that says what the request is about, the other
        # fields as they are: "solid perfume" as the text of a market request = category
        # "solid perfume"; "tear-free, berry scent, 500 ml" = those requirements.
        for field in _WHOLE_TEXT.get(generator, ()):
            if field in empty:
                yield {**parts, "query": (), f"field:{field}": query}
    for i, clause in enumerate(query):
        if GROUP in clause:
            continue  # a line of a list keeps its details
        # "Market size of serum in Kenya. Market size of toner.": two requests side by side;
        # a phrase of one of them is not the whole request's field.
        parallel = any(other[:1] == clause[:1] for j, other in enumerate(query) if j != i)
        for field in empty:
            for a, b in () if parallel else _phrase_spans(clause, _FIELD_PREPOSITIONS.get(field, ())):
                if a >= frozen.get(clause, len(clause)):
                    # a frozen clause's phrases after its mark are its inner clause's: "the
                    # palettes Sephora promotes in Canada" has no region of its own to give
                    continue
                if field == "audience":
                    b = _with_age(clause, b)  # "for women over 50": the age is the audience's
                value = clause[a + 1 : b]
                if field == "horizon" and clause[a] == "in" and not _TIME_WORDS.intersection(value):
                    continue  # "sales in 2028" is one year; "in the next 3 years" is a horizon
                if field == "horizon" and (_CONDITIONS.intersection(clause[:a]) or _as_long_as(clause[:a])):
                    continue  # "if the shortage lasts until 2026": the shortage's time, not the outlook's
                if field == "horizon" and clause[a] in _UNTIL and _circumstance(clause[:a] + clause[b:]):
                    continue  # "sales with tariffs in place until 2026": the tariffs' time
                if field == "batch_size" and b < len(clause) and clause[b] == "of":
                    continue  # "cost of 200 kg of shea butter": a quantity of the material, not the batch
                if field == "region" and clause[a] == "for" and " ".join(value) not in COUNTRIES:
                    continue  # "for Poland" is where; "for dry skin" is not
                if field in _WHAT_FIELDS and (clause.count(clause[a]) > 1 or _whole("batch_size", value)):
                    continue  # "names for a serum for teens" (which "for"?), "cost for 5,000 units" (a batch)
                if _fits(field, value):
                    yield moved(i, clause[:a] + clause[b:], field, value)
            if field == "batch_size":
                yield from _batch_moves(i, clause, moved)
            value = _named(clause, _FIELD_NAMES.get(field, ()))
            if value is not None and _fits(field, value):
                yield moved(i, (), field, value)
            if (field == "requirements" and len(query) > 1) or (len(query) > 1 and _whole(field, clause)):
                yield moved(i, (), field, clause)
        for field in _schema(generator):  # a field's value said again in the text
            value = parts.get(f"field:{field}", ())
            if field in empty or len(value) != 1:
                continue
            for a, b in _repeats(clause, field, value[0]):
                yield moved(i, clause[:a] + clause[b:], field, value[0])
            if len(query) > 1 and (clause == value[0] or _named(clause, _FIELD_NAMES.get(field, ())) == value[0]):
                yield moved(i, (), field, value[0])
        product = _PRODUCT_FIELD.get(generator)
        head = parts.get(f"field:{product}", ())
        if len(head) == 1 and len(head[0]) < len(clause):
            yield from _modifier_moves(parts, i, clause, product, head[0], "requirements" in empty, moved, frozen)
            # "SPF 30 sunscreen" is read "sunscreen with SPF 30" (canon._protection_factor):
            # the factor moves into the product field as the words before it would
            n = len(head[0])
            if clause[:n] == head[0]:
                for a, b in _phrase_spans(clause, ("with",)):
                    if clause[a + 1 : a + 2] == ("spf",) and b - a == 3:
                        yield moved(i, clause[:a] + clause[b:], product, (*head[0], *clause[a:b]))
    repeated = _without_repeats(parts, generator, frozen)
    if repeated is not None:
        yield repeated


def _reformed(clause: Clause, rest: Clause, frozen: Mapping[Clause, int] | None) -> Clause:
    """The rest of a formed clause once a phrase is taken out of it: formed again, unless the
    clause was kept as written (its phrases frozen by a mark that forming drops: a relative
    clause, "with the ...", a question's "not" left in place, two options kept in the order
    written), whose rest keeps its order too (review25): a clause that forming would change
    was kept as written, and its rest is left as it is (a miss at worst, never a reorder)."""
    return rest if (frozen and clause in frozen) or clause_form(clause) != clause else clause_form(rest)


def _repeats(clause: Clause, field: str, value: Clause) -> Iterator[tuple[int, int]]:
    """(start, end) of each phrase of ``clause`` that says ``field``'s value again: "in
    Turkey" (region Turkey), "over the next 3 years" (horizon 3 years), and a branding tone
    of one word that opens the clause ("friendly tagline" with tone "friendly")."""
    for a, b in _phrase_spans(clause, _FIELD_PREPOSITIONS.get(field, ())):
        said = clause[a + 1 : b]
        if (looking_ahead(said) if field == "horizon" else said) == value:
            yield a, b
    if field == "tone" and len(value) == 1 and len(clause) > 1 and clause[0] == value[0]:
        yield 0, 1


def _without_repeats(
    parts: dict[str, tuple[Clause, ...]], generator: str, frozen: Mapping[Clause, int] | None = None
) -> dict[str, tuple[Clause, ...]] | None:
    """The text without every phrase or clause that repeats a field's value, when it repeats
    two or more ("the market for oral care in Kenya" with category "oral care" and region
    "Kenya" is "the market"); one repeat is a move of its own (above). Each phrase is dropped
    only as the one-step rewrite drops it: whole, with its preposition, into its own field."""
    query = parts.get("query", ())
    spans: dict[int, set[tuple[int, int]]] = {}
    whole: set[int] = set()
    for i, clause in enumerate(query):
        if GROUP in clause:
            continue
        for field in _schema(generator):
            value = parts.get(f"field:{field}", ())
            if len(value) != 1:
                continue
            for a, b in _repeats(clause, field, value[0]):
                spans.setdefault(i, set()).add((a, b))
            if len(query) > 1 and (clause == value[0] or _named(clause, _FIELD_NAMES.get(field, ())) == value[0]):
                whole.add(i)
    if sum(len(v) for v in spans.values()) + len(whole) < 2:
        return None
    clauses = []
    for i, clause in enumerate(query):
        if i in whole:
            continue
        words = list(clause)
        for a, b in sorted(spans.get(i, ()), reverse=True):
            del words[a:b]
        if words:
            clauses.append(_reformed(clause, tuple(words), frozen) if i in spans else clause)
    return {**parts, "query": tuple(sorted(clauses))}


_AGE_WORDS = frozenset({"over", "under", "above", "below", "between", "aged"})
# "whether the tariff ends by 2027": the year is the tariff's (whether sales double by 2030
# is a horizon too, and no longer moves: a loss kept on purpose)
_CONDITIONS = frozenset(
    {"if", "when", "unless", "while", "whether", "once", "assuming", "suppose", "provided", "providing", "provide~ed"}
)


# An end date ("until 2026") in a clause that also states a circumstance that lasts is the
# circumstance's: "with tariffs in place until 2026", "under the current tariff until 2026",
# "while the shortage lasts until 2026".
_UNTIL = frozenset({"until", "till", "through", "to"})
_CIRCUMSTANCE = frozenset(
    {"place", "during", "last", "lasting", "remain", "stay", "continue", "apply", "hold", "effective"}
)
_CLAIMS = frozenset({("long", "lasting"), ("long", "last"), ("strong", "hold"), ("firm", "hold"), ("extra", "hold")})
_IN_FORCE = frozenset({("in", "force"), ("in", "effect")})
_LEVIES = frozenset(
    {"tariff", "duty", "tax", "vat", "gst", "excise", "customs", "levy", "quota", "ban", "cap", "regime", "surcharge"}
    | {"fee", "epr", "toll", "embargo", "sanction"}
)
# A state in force ("the tariff effective until 2026"), not a product's claim ("cost-effective
# sunscreen", "effective acne patches")
_IN_EFFECT = frozenset(
    {"tariff", "duty", "tax", "vat", "levy", "ban", "rule", "regulation", "law", "policy", "cap", "exemption"}
    | {"subsidy", "incentive", "relief", "waiver", "scheme", "programme", "program", "credit", "moratorium"}
    | {"derogation", "quota", "embargo", "sanction", "agreement", "deal", "contract", "surcharge", "fee"}
)
_QUALIFIERS = frozenset({"excluding", "including", "excl", "incl", "ex", "plus", "before", "after", "net", "gross"})


def _circumstance(words: Clause) -> bool:
    """Whether ``words`` state a circumstance that lasts ("tariffs in force", "under a 25%
    tariff", "under Section 301 tariffs"; a band is none: "under EUR 10", "under SPF 30",
    "under 20% alcohol"; nor a product's claim: "long-lasting lipstick", "strong-hold gel")."""
    claims = {w for k, w in enumerate(words) if k > 0 and (words[k - 1], w) in _CLAIMS}
    if not _IN_EFFECT.intersection(words):
        claims.add("effective")
    if _CIRCUMSTANCE.difference(claims).intersection(words) or _IN_FORCE.intersection(pairwise(words)):
        return True
    return any(w == "under" and not _band(words[k + 1 : k + 7]) for k, w in enumerate(words))


def _band(after: Clause) -> bool:
    """Whether the words after "under" make a band: an amount alone ("EUR 50 excluding VAT"),
    or a measure and its number; a levy within them ("the 301 tariffs", "25% US import
    tariffs", "the UK 2022 plastic packaging tax") makes none."""
    if not after:
        return False
    if (after[0] in CURRENCIES and len(after) > 1 and after[1][:1].isdigit()) or (
        after[0][:1].isdigit() and not after[0].isdigit() and not after[0].endswith("%")
    ):
        # an amount with its unit: a band, unless a levy names it ("a 10p levy", "a EUR 2 per
        # bottle excise duty"); a levy after a qualifier qualifies the amount ("EUR 50
        # excluding VAT")
        for w in after[1:6]:
            if w in _QUALIFIERS:
                return True
            if w in _LEVIES:
                return False
        return True
    if _LEVIES.intersection(after):
        return False  # "25% tariff", "the 301 tariffs"
    first = after[0]
    if first[:1].isdigit():  # "20% alcohol", "50 units"
        return True
    return len(first) <= 4 and len(after) > 1 and after[1][:1].isdigit()  # "spf 30", not "section 301"


def _as_long_as(words: Clause) -> bool:
    """Whether ``words`` say "as long as" or "in case" (a condition of two or three words)."""
    pairs = set(pairwise(words))
    return ("as", "long") in pairs or ("in", "case") in pairs


def _with_age(clause: Clause, end: int) -> int:
    """Where an audience phrase ends when an age follows it ("for women | over 50")."""
    if end + 1 < len(clause) and clause[end] in _AGE_WORDS and any(c.isdigit() for c in clause[end + 1]):
        return next((k for k in range(end + 2, len(clause)) if clause[k] in PHRASE_HEADS), len(clause))
    return end


_BATCH_WORDS = frozenset({"batch", "run"})


def _batch_moves(i: int, clause: Clause, moved) -> Iterator[dict[str, tuple[Clause, ...]]]:
    """ "(for) a batch of 15,000 bottles" / "a run of 50,000" -> batch size "15,000 bottles":
    the batch's own words go with it, so "cost for a batch of 15,000 bottles" = "cost" with
    the batch size in its field."""
    for at in range(len(clause) - 2):
        if clause[at] not in _BATCH_WORDS or clause[at + 1] != "of":
            continue
        end = next((k for k in range(at + 3, len(clause)) if clause[k] in PHRASE_HEADS), len(clause))
        value = clause[at + 2 : end]
        if not _fits("batch_size", value):
            continue
        start = at - 1 if at > 0 and clause[at - 1] in ("for", "of", "per") else at
        yield moved(i, clause[:start] + clause[end:], "batch_size", value)


def _modifier_moves(parts, i, clause, product, head, requirements_empty, moved, frozen=None):
    """Words written just before the product field's value in the free text, moved into that
    field or (for a formulation) into its empty requirements."""

    n = len(head)
    for at in range(1, len(clause) - n + 1):
        if clause[at : at + n] != head:
            continue
        modifiers = clause[:at]
        if any(w in PHRASE_HEADS for w in modifiers):
            return
        rest = clause[at:]
        yield moved(i, rest, product, modifiers + head)
        if requirements_empty:
            yield moved(i, rest, "requirements", modifiers)
        # "Vegan night cream with X" = "Night cream with X, vegan": the modifiers as a clause
        query = [*parts["query"][:i], _reformed(clause, rest, frozen), modifiers, *parts["query"][i + 1 :]]
        yield {**parts, "query": tuple(sorted(query))}
        return


def _ordered(parts: dict[str, tuple[Clause, ...]]) -> tuple[tuple[str, tuple[Clause, ...]], ...]:
    """Parts in the order ``guard_parts`` gives them: the query, then the fields by name."""
    return (("query", parts.get("query", ())), *sorted((k, v) for k, v in parts.items() if k != "query"))


def rewritten(
    query: str | None, context: Mapping[str, Any], *, generator: str = "", prompt: str = ""
) -> tuple[tuple[str, GuardForm], ...]:
    """The request's one-step rewrites: (rewrite name, rewritten form), at most ``MAX_REWRITES``,
    none equal to the form as written."""
    if query is None:
        return ()  # the analyst's text is not apart from the template: nothing can move
    plain = form(query, context, generator=generator, prompt=prompt)
    seen = {plain.parts}
    out: list[tuple[str, GuardForm]] = []
    # One step only: moves chained two or three deep served a few more paraphrases (10 of
    # 3,883 reporting ones) but moved an age as a horizon beside a region (review25) and
    # doubled a semantic lookup's time.
    frozen = frozen_clauses(query, generator=generator)
    for parts in _moves(dict(plain.parts), generator, frozen):
        candidate = GuardForm(_ordered(parts))
        if candidate.parts not in seen and len(out) < MAX_REWRITES:
            seen.add(candidate.parts)
            out.append(("moved", candidate))
    return tuple(out)


def stored_keys(plain: GuardForm, rewrites: tuple[tuple[str, GuardForm], ...]) -> list[str]:
    """The buckets a stored request owns: its form as written, and each rewrite under its name."""
    if plain.empty:
        return []
    return list(dict.fromkeys([plain.key(PLAIN), *(f.key(tag) for tag, f in rewrites if not f.empty)]))


def lookup_keys(plain: GuardForm, rewrites: tuple[tuple[str, GuardForm], ...]) -> list[str]:
    """The buckets a lookup reads, best first: the form as written under ``PLAIN`` (the
    request as stored), then under each rewrite's name (a stored request that one rewrite
    makes this one), then each of its rewrites under ``PLAIN``."""
    if plain.empty:
        return []
    keys = [plain.key(PLAIN), *(plain.key(tag) for tag in REWRITES)]
    keys += [f.key(PLAIN) for _, f in rewrites if not f.empty]
    return list(dict.fromkeys(keys))
