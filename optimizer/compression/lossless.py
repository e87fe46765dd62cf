"""The lossless level: choose, per subtree, the cheapest notation for the tokenizer.

Every choice is measured in tokens of the target encoding, not guessed: an array of
objects becomes a table only where the table is cheaper; a key legend and shared-value
references are kept only where the whole document gets cheaper; and minified JSON is
always a candidate, and so is TOON for the whole document, so the result is never worse
than either. The chosen text is decoded again before it is returned, so a bug here can cost
tokens but never data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count as counter
from itertools import pairwise
from typing import Any

from .jsonio import NOTATION_MAX_DEPTH, escape_surrogates, value_depth
from .notation import decode, quote, scalar

TokenCounter = Callable[[str], int]

_MIN_SHARED_CHARS = 12  # below this a reference (*n plus its definition) never pays
_MAX_SHARED = 64


@dataclass(frozen=True)
class LosslessEncoding:
    """One lossless encoding of a JSON value: the text, its tokens and the techniques used."""

    text: str
    tokens: int
    techniques: tuple[str, ...]


def minified_json(data: Any) -> str:
    """``data`` as minified JSON, UTF-8 safe (lone surrogates written as escapes)."""
    return escape_surrogates(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


class _Encoder:
    def __init__(
        self,
        count_tokens: TokenCounter,
        aliases: dict[str, str],
        shared: dict[int, str],
        shared_strings: dict[str, str],
    ) -> None:
        self.count_tokens = count_tokens
        self.aliases = aliases
        self.shared = shared  # id(container) -> reference name
        self.shared_strings = shared_strings
        self.key_uses: Counter[str] = Counter()
        self.used: set[str] = set()
        # A table re-reads its rows' values; the memo keeps that linear and keeps
        # key_uses counting each written key once.
        self.memo: dict[int, str] = {}

    def key(self, name: str) -> str:
        self.key_uses[name] += 1
        alias = self.aliases.get(name)
        if alias is not None:
            self.used.add("key-legend")
            return alias
        return quote(name, key=True)

    def value(self, value: Any, defining: bool = False) -> str:
        if not defining:
            ref = (
                self.shared.get(id(value))
                if isinstance(value, (dict, list))
                else (self.shared_strings.get(value) if isinstance(value, str) else None)
            )
            if ref is not None:
                self.used.add("shared-refs")
                return "*" + ref
        if isinstance(value, (dict, list)):
            text = self.memo.get(id(value))
            if text is None:
                text = self.object(value) if isinstance(value, dict) else self.array(value)
                self.memo[id(value)] = text
            return text
        text = scalar(value)
        if isinstance(value, str) and text == value:
            self.used.add("bare-strings")
        return text

    def object(self, value: dict[str, Any]) -> str:
        return "{" + ",".join(self.key(k) + ":" + self.value(v) for k, v in value.items()) + "}"

    def array(self, items: list[Any]) -> str:
        cells = [self.value(item) for item in items]
        plain = "[" + ",".join(cells) + "]"
        if len(items) < 2 or not all(isinstance(i, dict) and id(i) not in self.shared for i in items):
            return plain
        # Re-encode as rows. Keys were counted for the plain form above; a table emits
        # each key once, so take those counts back before counting the header.
        columns = dict.fromkeys(_merged_key_order(items))
        for item in items:
            self.key_uses.subtract(item.keys())
        rows = []
        for item in items:
            row = [self.value(item[c]) if c in item else "" for c in columns]
            while row and row[-1] == "":
                row.pop()  # missing trailing cells read as absent keys
            rows.append(",".join(row))
        header = ",".join(self.key(c) for c in columns)
        table = "[#" + header + "\n" + "\n".join(rows) + "]"
        if self.count_tokens(table) < self.count_tokens(plain):
            self.used.add("tabular")
            return table
        # Keep the object form: restore its key counts, drop the header's.
        self.key_uses.subtract(columns.keys())
        for item in items:
            self.key_uses.update(item.keys())
        return plain


def _merged_key_order(items: list[dict[str, Any]]) -> list[str]:
    """One column order that keeps every row's own key order, where one exists.

    Rows read back with the header's order minus their absent keys, so with a merged
    order even semi-uniform rows come back with their keys in the original order. When
    rows disagree (a before b here, b before a there) no such order exists and first
    appearance is used: the values still compare equal, only key order differs.
    """
    first_seen: dict[str, int] = {}
    after: dict[str, set[str]] = {}
    for item in items:
        keys = list(item)
        for key in keys:
            first_seen.setdefault(key, len(first_seen))
            after.setdefault(key, set())
        for a, b in pairwise(keys):
            after[a].add(b)
    waiting = {k: 0 for k in first_seen}
    for successors in after.values():
        for b in successors:
            waiting[b] += 1
    ready = sorted((k for k, n in waiting.items() if n == 0), key=first_seen.get)
    order: list[str] = []
    while ready:
        key = ready.pop(0)
        order.append(key)
        for b in after[key]:
            waiting[b] -= 1
            if waiting[b] == 0:
                ready.append(b)
        ready.sort(key=first_seen.get)
    return order if len(order) == len(first_seen) else list(first_seen)


def _canonical_index(root: Any) -> tuple[dict[int, str], dict[str, Any]]:
    """Order-sensitive canonical text of every container, by id, and a sample node of each."""
    canon: dict[int, str] = {}
    sample: dict[str, Any] = {}

    def walk(value: Any) -> str:
        if isinstance(value, dict):
            text = "{" + ",".join(json.dumps(k) + ":" + walk(v) for k, v in value.items()) + "}"
        elif isinstance(value, list):
            text = "[" + ",".join(walk(v) for v in value) + "]"
        else:
            return json.dumps(value)
        canon[id(value)] = text
        sample.setdefault(text, value)
        return text

    walk(root)
    return canon, sample


def _choose_shared(root: Any) -> tuple[dict[int, str], dict[str, str], list[Any]]:
    """Pick repeated subtrees and long strings worth defining once.

    Greedy by saved characters, recounting after each pick, because picking a parent
    hides the copies of its children that sat inside the parent's other copies.
    """
    canon, sample = _canonical_index(root)
    chosen: list[str] = []
    chosen_set: set[str] = set()
    for _ in range(_MAX_SHARED):
        uses: Counter[str] = Counter()

        def walk(value: Any, is_definition: bool = False, uses: Counter[str] = uses) -> None:
            if isinstance(value, str):
                if len(value) >= _MIN_SHARED_CHARS:
                    uses[json.dumps(value, ensure_ascii=False)] += 1
                return
            key = canon.get(id(value))
            if key is None:
                return
            if key in chosen_set and not is_definition:
                return  # written as a reference: its inside is not repeated
            uses[key] += 1
            for child in value.values() if isinstance(value, dict) else value:
                walk(child)

        walk(root)
        for key in chosen:
            walk(sample[key] if key in sample else json.loads(key), is_definition=True)
        best, best_gain = None, 0
        for key, n in uses.items():
            if n < 2 or key in chosen_set or len(key) < _MIN_SHARED_CHARS:
                continue
            gain = (n - 1) * len(key) - 4 * n - 6  # copies saved minus refs and the definition line
            if gain > best_gain:
                best, best_gain = key, gain
        if best is None:
            break
        chosen.append(best)
        chosen_set.add(best)
    # Shorter first: a definition may use the references of what it contains.
    chosen.sort(key=len)
    names = {key: str(i) for i, key in zip(counter(1), chosen)}
    shared = {node_id: names[key] for node_id, key in canon.items() if key in names}
    shared_strings = {json.loads(key): names[key] for key in chosen if key.startswith('"')}
    definitions = [sample[key] if key in sample else json.loads(key) for key in chosen]
    return shared, shared_strings, definitions


def _render(
    data: Any,
    count_tokens: TokenCounter,
    aliases: dict[str, str],
    shared: tuple[dict[int, str], dict[str, str], list[Any]] | None,
) -> tuple[str, _Encoder]:
    ids, strings, definitions = shared if shared else ({}, {}, [])
    encoder = _Encoder(count_tokens, aliases, ids, strings)
    lines = []
    for node in definitions:
        name = ids.get(id(node)) if isinstance(node, (dict, list)) else strings[node]
        lines.append(f"&{name}={encoder.value(node, defining=True)}\n")
    body = encoder.value(data)
    legend = "".join(f"~{alias}={quote(key, key=True)}\n" for key, alias in aliases.items())
    return legend + "".join(lines) + body, encoder


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ALIAS_NAMES = [*_LETTERS, *(a + b for a in _LETTERS for b in _LETTERS)]


def _choose_aliases(encoder: _Encoder, count_tokens: TokenCounter, all_keys: set[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    free = (name for name in _ALIAS_NAMES if name not in all_keys)
    alias = next(free, None)
    ranked = sorted(encoder.key_uses.items(), key=lambda kv: -kv[1] * len(kv[0]))
    for key, uses in ranked:
        if alias is None:
            break
        if uses < 2:
            continue
        written = quote(key, key=True)
        gain = uses * (count_tokens(written) - count_tokens(alias)) - count_tokens(f"~{alias}={written}\n")
        if gain > 0:
            aliases[key] = alias
            alias = next(free, None)
    return aliases


def _all_keys(value: Any, into: set[str]) -> set[str]:
    if isinstance(value, dict):
        into.update(value)
        for v in value.values():
            _all_keys(v, into)
    elif isinstance(value, list):
        for v in value:
            _all_keys(v, into)
    return into


def _same(a: Any, b: Any) -> bool:
    # json text instead of ==: NaN != NaN, and 1 == 1.0 == True would hide bugs. Keys are
    # sorted because == ignores key order (see _merged_key_order for when it can differ).
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _toon(data: Any) -> str | None:
    import toon_format

    try:
        return escape_surrogates(toon_format.encode(data))
    except Exception:  # values TOON cannot write (NaN, for one): not a candidate then
        return None


def encode_lossless(data: Any, count_tokens: TokenCounter) -> LosslessEncoding:
    """The cheapest exact encoding of ``data`` among the notation's variants and minified JSON.

    Documents nested deeper than ``NOTATION_MAX_DEPTH`` are minified only (the notation's
    encoder recurses in Python); the caller has already refused anything deeper than
    ``MAX_JSON_DEPTH`` (see ``jsonio``).
    """
    minified = minified_json(data)
    candidates: list[tuple[int, str, tuple[str, ...]]] = [(count_tokens(minified), minified, ("minify",))]
    if value_depth(data) > NOTATION_MAX_DEPTH:
        return LosslessEncoding(minified, candidates[0][0], ("minify",))
    plain, encoder = _render(data, count_tokens, {}, None)
    base_techniques = ("minify", *sorted(encoder.used))
    candidates.append((count_tokens(plain), plain, base_techniques))
    aliases = _choose_aliases(encoder, count_tokens, _all_keys(data, set()))
    shared = _choose_shared(data) if isinstance(data, (dict, list)) else None
    variants = []
    if aliases:
        variants.append((aliases, None))
    if shared and shared[2]:
        variants.append(({}, shared))
        if aliases:
            variants.append((aliases, shared))
    for alias_map, shared_map in variants:
        text, enc = _render(data, count_tokens, alias_map, shared_map)
        candidates.append((count_tokens(text), text, ("minify", *sorted(enc.used))))
    toon = _toon(data)
    if toon is not None and toon.strip():  # TOON writes {} as nothing: not a document to hand anyone
        # TOON itself is a candidate, so the result is never worse than TOON either
        # (it wins on tiny documents: a top-level object needs no braces there).
        candidates.append((count_tokens(toon), toon, ("toon",)))
    # Ties go to the earlier candidate: minified JSON, then the notation, then TOON.
    for tokens, text, techniques in sorted(candidates, key=lambda c: c[0]):
        try:
            if _same(decode(text), data):
                return LosslessEncoding(text, tokens, techniques)
        except ValueError:
            continue
    return LosslessEncoding(minified, candidates[0][0], ("minify",))
