"""Structured output for the embedded model: a template's JSON schema as a llama.cpp
grammar, with the rows bounded so an answer closes its JSON before the token cap.

llama-cpp-python converts JSON schemas itself (``response_format``), but it ignores
``minimum``/``maximum`` (a percentage could be 150) and, when a schema does not convert,
silently samples any JSON instead. Here its own converter is kept and extended for bounded
numbers, and a schema that does not convert is an error the caller sees.

>>> schema = {"type": "object", "properties": {"p": {"type": "number", "minimum": 0, "maximum": 100}},
...           "required": ["p"]}
>>> "100" in schema_gbnf(schema)
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

# Tokens of JSON punctuation around a row and around the document (SmolLM2's tokenizer
# spends about one per bracket, comma and quote pair, with the spaces it likes to add).
_ROW_OVERHEAD = 3
_DOC_OVERHEAD = 8
_CHARS_PER_TOKEN = 4  # long INCI and brand words take more tokens than English prose
_DECIMALS = ' ("." [0-9] [0-9]?)?'  # at most two decimals: 0.5 % w/w, 1.37 per unit


def _value_tokens(schema: Mapping[str, Any]) -> int:
    """A generous estimate of the tokens one value of ``schema`` takes, from its longest
    choice or its ``maxLength`` (quotes and separator included)."""
    if "enum" in schema:
        return max(len(str(v)) for v in schema["enum"]) // _CHARS_PER_TOKEN + 3
    kind = schema.get("type")
    if kind in ("number", "integer"):
        return 4
    if kind == "array":
        items = schema.get("prefixItems") or [schema.get("items", {})] * int(schema.get("maxItems", 1))
        return sum(_value_tokens(i) for i in items) + _ROW_OVERHEAD
    return int(schema.get("maxLength", 60)) // _CHARS_PER_TOKEN + 3


def fit_rows(schema: Mapping[str, Any], *, max_tokens: int) -> dict[str, Any]:
    """``schema`` with its ``rows`` bounded so the whole answer fits ``max_tokens``.

    The most rows that fit after the extras (notes, total...) are kept, estimated from each
    cell's ``maxLength`` or choices, so an answer that writes every row it may still closes
    its JSON before the cap. Never fewer than one row; ``minItems`` shrinks with it. A
    schema without a bounded ``rows`` array comes back unchanged (as a copy).

    :param schema: an answer schema as :func:`optimizer.prompts.templates.rows_schema` makes.
    :param max_tokens: the answer's token cap.
    :returns: a new schema (the given one is not changed).

    >>> cell = {"type": "string", "maxLength": 40}
    >>> s = {"type": "object", "properties": {"rows": {"type": "array", "maxItems": 8, "minItems": 3,
    ...      "items": {"type": "array", "prefixItems": [cell, {"type": "number"}]}}}}
    >>> [fit_rows(s, max_tokens=n)["properties"]["rows"]["maxItems"] for n in (4000, 160, 40)]
    [8, 7, 1]
    """
    properties = dict(schema.get("properties") or {})
    rows = properties.get("rows")
    if not isinstance(rows, Mapping) or "maxItems" not in rows:
        return dict(schema)
    extras = sum(_value_tokens(v) + len(k) // _CHARS_PER_TOKEN + 3 for k, v in properties.items() if k != "rows")
    per_row = max(1, _value_tokens(rows.get("items", {})))
    fit = max(1, (max_tokens - _DOC_OVERHEAD - extras) // per_row)
    most = min(int(rows["maxItems"]), fit)
    properties["rows"] = {**rows, "maxItems": most, "minItems": min(int(rows.get("minItems", 1)), most)}
    return {**schema, "properties": properties}


def _below(limit: int) -> str:
    """A GBNF alternation of the whole numbers ``0 <= n < limit`` written without leading
    zeros, e.g. ``_below(100)`` → ``"0" | [1-9] | [1-9] [0-9]``."""
    if limit <= 0:
        raise ValueError("a bounded number needs a positive upper limit")
    top = str(limit)
    alternatives = ['"0"']
    for digits in range(1, len(top)):  # every shorter number is below the limit
        alternatives.append(" ".join(["[1-9]"] + ["[0-9]"] * (digits - 1)))
    for i, digit in enumerate(top):  # as long as the limit: its first i digits, then a smaller one
        low, high = (1 if i == 0 else 0), int(digit) - 1
        if high >= low:
            head = [f'"{top[:i]}"'] if i else []
            alternatives.append(" ".join([*head, f"[{low}-{high}]"] + ["[0-9]"] * (len(top) - i - 1)))
    return " | ".join(alternatives)


def bounded_number_rule(minimum: float, maximum: float, *, integer: bool = False) -> str:
    """A GBNF body for JSON numbers in ``[minimum, maximum]`` (whole bounds; at most two
    decimals for ``number``), e.g. percentages 0..100 that can never read 150.

    >>> bounded_number_rule(0, 10, integer=True)
    '(("0" | [1-9]) | "10") space'

    :raises ValueError: ``maximum`` below ``minimum`` or below zero.
    """
    low, high = int(minimum), int(maximum)
    if high < low or high < 0:
        raise ValueError(f"no numbers between {minimum} and {maximum}")
    decimals = "" if integer else _DECIMALS
    parts = []
    if high > 0:
        parts.append(f'({_below(high)}){decimals} | "{high}"')
    else:
        parts.append('"0"')
    if low < 0:
        parts.append(f'"-" ({_below(-low)}){decimals} | "-{-low}"')
    return f"({' | '.join(parts)}) space"


def _converter() -> Any:
    from llama_cpp.llama_grammar import SchemaConverter

    class _Converter(SchemaConverter):  # type: ignore[misc, valid-type]
        """llama.cpp's converter, with ``minimum``/``maximum`` on numbers enforced."""

        def visit(self, schema: dict[str, Any], name: str) -> str:
            kind = schema.get("type")
            if kind in ("number", "integer") and "minimum" in schema and "maximum" in schema:
                rule = bounded_number_rule(schema["minimum"], schema["maximum"], integer=kind == "integer")
                return self._add_rule(f"{name or 'root'}-bounded", rule)
            return super().visit(schema, name)

    return _Converter(prop_order={}, allow_fetch=False, dotall=False, raw_pattern=False)


def schema_gbnf(schema: Mapping[str, Any]) -> str:
    """The GBNF grammar text for ``schema`` (llama.cpp's converter, bounded numbers added).

    :raises ValueError: the schema uses something the converter cannot express (an
        unsupported pattern, an unknown type); nothing is sampled from a looser grammar.
    """
    return _gbnf(json.dumps(schema))  # key order kept: it is the order the model writes


@lru_cache(maxsize=32)
def _gbnf(key: str) -> str:
    try:
        converter = _converter()
        schema = converter.resolve_refs(json.loads(key), "schema")
        converter.visit(schema, "")
        return converter.format_grammar()
    except (AssertionError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"the answer schema cannot be turned into a grammar: {exc}") from None


def schema_grammar(schema: Mapping[str, Any]) -> Any:
    """A ``llama_cpp.LlamaGrammar`` for ``schema`` (see :func:`schema_gbnf`), to pass as
    ``grammar=`` to ``create_chat_completion``.

    :raises ValueError: as :func:`schema_gbnf`.
    """
    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_string(schema_gbnf(schema), verbose=False)
