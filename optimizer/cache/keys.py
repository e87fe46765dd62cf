"""Cache keys: namespaced, versioned, and specific to everything that changes an answer.

Shape (one line per kind; ``{key}`` is the user-facing part that patterns match)::

    optimizer:v1:entry:{key}           the zlib-compressed entry
    optimizer:v1:meta:{key}            outlives the entry a day: a miss that finds it was an expiry
    optimizer:v1:hits:{key}            hits of this entry (adaptive TTL, "most requested")
    optimizer:v1:seen:{key}            requests seen in the conservative window
    optimizer:v1:stale:{key}           a copy that outlives the entry, for when the provider is down
    optimizer:v1:sem:{scope}:{form}    the semantic index: which entry answers requests of this guard form
    optimizer:v1:semref:{key}          the index records an entry owns (removed with it)
    optimizer:v1:stat:{generator}:{counter}, :ts:{minute}:{generator}:{event}, :use:template:{id}

    {key} = {generator}:{model}:{template_version}:{digest}
    digest = sha256(endpoint, model, generation parameters, template version, context,
                    normalised prompt)[:32]

``v1`` is the layout version (bump it to retire everything); ``template_version`` retires
one generator's entries when its template changes. A different model, temperature or
max_tokens is a different digest, so it never hits another's entry.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

NAMESPACE = "optimizer:v1"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SAFE = re.compile(r"[A-Za-z0-9._-]+")


def normalize_prompt(prompt: str) -> str:
    """Spacing does not change an answer; everything else does, case included: "Simple
    facial wipes" (a brand) and "simple facial wipes" are two requests. A rewording in case
    alone is the semantic guard's to judge.

    >>> normalize_prompt(" Simple   facial wipes ")
    'Simple facial wipes'
    """
    return " ".join(prompt.split())


@lru_cache(maxsize=1024)  # a handful of generators, models and template versions
def _segment(text: str) -> str:
    # ':' separates key parts and '*?[' are glob characters: none may appear inside a part.
    if _SAFE.fullmatch(text):
        return text
    return _UNSAFE.sub("_", text) or "_"


def _canonical(mapping: Mapping[str, Any]) -> str:
    if not mapping:
        return "{}"
    try:
        # Every lookup hashes its parameters and fields: the same few dicts, again and again.
        # Keyed with each value's type: 1, 1.0 and True are equal keys but not equal text.
        return _canonical_items(tuple((k, v.__class__, v) for k, v in mapping.items()))
    except TypeError:  # an unhashable value (a list of fields): computed each time
        return _canonical_uncached(mapping)


@lru_cache(maxsize=4096)
def _canonical_items(items: tuple[tuple[str, type, Any], ...]) -> str:
    return _canonical_uncached({k: v for k, _, v in items})


def _canonical_uncached(mapping: Mapping[str, Any]) -> str:
    if all(isinstance(v, (str, int, float, bool)) or v is None for v in mapping.values()):
        return repr(sorted((str(k), v) for k, v in mapping.items()))  # ~5x cheaper than json
    return json.dumps(mapping, sort_keys=True, default=str, ensure_ascii=False)


@dataclass(frozen=True)
class CacheRequest:
    """One generation request, as far as the cache cares.

    ``prompt`` (with everything else but ``query``) makes the exact key. ``query`` is the
    analyst's own free text, apart from the template, and ``context`` the field values:
    the semantic guard compares those two, value by value, never the template text. A
    caller that has no separate query leaves it None, and the guard compares the prompt.

    The key is computed once, at construction: every lookup needs it, and a miss needs
    it again to store the answer.

    >>> r = CacheRequest("formulation", "gpt-4o", "Formulate a serum ...", query="for dry skin")
    >>> r.key.startswith("formulation:gpt-4o:t1:")
    True
    """

    generator: str
    model: str
    prompt: str
    params: Mapping[str, Any] = field(default_factory=dict)  # temperature, max_tokens...
    context: Mapping[str, Any] = field(default_factory=dict)  # region, skin type... (the guard)
    template_id: str = ""
    template_version: str = "t1"
    endpoint: str = ""  # the provider's base URL (credentials removed): answers are per endpoint
    query: str | None = None  # the analyst's free text, as typed (the guard compares it)
    normalized_prompt: str = field(init=False, repr=False, compare=False)
    digest: str = field(init=False, repr=False, compare=False)
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normalized = normalize_prompt(self.prompt)
        # \x1f (unit separator) cannot be typed into a prompt field, so parts cannot run together.
        raw = "\x1f".join(
            (
                self.endpoint,
                self.model,
                _canonical(self.params),
                self.template_version,
                _canonical(self.context),
                normalized,
            )
        )
        digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
        key = f"{_segment(self.generator)}:{_segment(self.model)}:{_segment(self.template_version)}:{digest}"
        object.__setattr__(self, "normalized_prompt", normalized)
        object.__setattr__(self, "digest", digest)
        object.__setattr__(self, "key", key)

    @property
    def scope(self) -> str:
        """Entries a semantic match may consider: same generator, model, parameters, template."""
        raw = "\x1f".join((self.endpoint, self.generator, self.model, self.template_version, _canonical(self.params)))
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


def full(kind: str, key: str) -> str:
    """The store key of ``kind`` (entry, meta, stale...) for a user key.

    >>> full("entry", "formulation:ab12")
    'optimizer:v1:entry:formulation:ab12'
    """
    return f"{NAMESPACE}:{kind}:{key}"


def user_key(full_key: str, kind: str = "entry") -> str:
    """The user key of a full store key of ``kind`` (the inverse of :func:`full`).

    >>> user_key("optimizer:v1:entry:formulation:ab12")
    'formulation:ab12'
    """
    return full_key[len(NAMESPACE) + len(kind) + 2 :]


def entry_pattern(pattern: str) -> str:
    """A user's glob (``formulation:*``) as a glob over full entry keys."""
    return full("entry", pattern or "*")


def generator_of(key: str) -> str:
    """The generator a user key belongs to (its first part).

    >>> generator_of("formulation:ab12")
    'formulation'
    """
    return key.split(":", 1)[0]
