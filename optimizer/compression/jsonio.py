"""Reading JSON strictly, so the lossless level either round-trips a document or refuses it.

Python's ``json`` module is lenient where a lossless encoder cannot be: it accepts
``NaN`` and ``Infinity`` (not JSON), turns ``1e999`` into infinity and ``1e-999`` into 0,
keeps the last of two duplicate keys, and overflows the stack on deep nesting. This module
reads a document with those cases made explicit:

* not JSON (``NaN``, ``Infinity``, numbers a double turns into infinity or zero, nesting
  deeper than :data:`MAX_JSON_DEPTH`) -> :class:`~optimizer.errors.InputError`, one sentence;
* JSON whose text a Python value cannot stand for exactly (duplicate keys, more digits than
  a double holds) -> :attr:`ParsedJson.verbatim`: the document minified as written, the
  only exact encoding;
* strings with lone surrogates (``"\\ud800"``) are valid JSON but cannot be written as
  UTF-8: :func:`escape_surrogates` writes them back as ``\\uXXXX`` escapes.

Input limits: :data:`MAX_JSON_DEPTH` levels of nesting; the size limit is the engine's
(``OPTIMIZER_MAX_INPUT_MB``, 8 MB by default).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

from ..errors import InputError

MAX_JSON_DEPTH = 512
# Deeper than this, only minified JSON is a candidate: the notation's encoder and TOON
# recurse in Python (several frames a level), json.dumps/json.loads in C.
NOTATION_MAX_DEPTH = 64

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_WHITESPACE_OR_STRING = re.compile(r'("(?:[^"\\]|\\.)*")|[ \t\n\r]+', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NONZERO_MANTISSA = re.compile(r"[1-9]")
_BRACKETS = re.compile(r"[^\[\]{}]+")


@dataclass(frozen=True)
class ParsedJson:
    """A JSON document read strictly.

    ``value`` is what ``json.loads`` gives. ``verbatim`` is set when that value does not
    stand for the text exactly (``reason`` says why): then the minified text itself is the
    lossless encoding. ``depth`` is the deepest nesting (0 for a scalar).
    """

    value: Any
    depth: int
    verbatim: str | None = None
    reason: str = ""


class JsonRefused(InputError):
    """The text is not JSON, or not JSON the lossless level can keep exactly.

    ``reason`` is the short cause ("invalid JSON at line 1 column 5: ..."), the message
    adds what to do.
    """

    def __init__(self, reason: str, advice: str) -> None:
        super().__init__(f"{reason}; {advice}")
        self.reason = reason


class _Refused(Exception):
    """Raised inside json's hooks (json would wrap other errors); re-raised as JsonRefused."""

    def __init__(self, reason: str, advice: str) -> None:
        super().__init__(reason)
        self.reason, self.advice = reason, advice


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text (strings skipped), without recursion.

    >>> text_depth('{"a": [1, "]]", [2]]}')
    3
    """
    brackets = _BRACKETS.sub("", _STRING.sub("", text))
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def value_depth(value: Any) -> int:
    """The deepest nesting of a Python value (0 for a scalar), iteratively."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            break  # the caller refuses it; no need to walk the rest
        stack.extend((child, depth) for child in children)
    return deepest


def _too_deep(depth: int) -> JsonRefused:
    return JsonRefused(
        f"the JSON is nested {depth} levels deep and the limit is {MAX_JSON_DEPTH} levels",
        "flatten it or send it as text",
    )


def minify_verbatim(text: str) -> str:
    """``text`` without the whitespace between JSON tokens, every token kept as written."""
    return _WHITESPACE_OR_STRING.sub(lambda m: m.group(1) or "", text)


def escape_surrogates(text: str) -> str:
    r"""Write lone surrogates (valid in JSON strings, not in UTF-8) as ``\uXXXX`` escapes.

    Only ever called on JSON or notation text whose strings are quoted when they hold
    surrogates (see ``notation.is_bare``), so the escape is read back as the same character.
    """
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone UTF-16 surrogate (which JSON can carry but UTF-8 cannot).

    >>> has_surrogates("plain"), has_surrogates("a" + chr(0xD800))
    (False, True)
    """
    return _SURROGATE.search(text) is not None


def parse_strict(text: str) -> ParsedJson:
    """Read ``text`` as JSON, refusing what is not JSON or cannot be kept exactly.

    Raises :class:`InputError` with one sentence: invalid JSON (line and column), ``NaN``
    or ``Infinity``, a number a double cannot hold (overflow to infinity, underflow to 0),
    an integer of more than 4,300 digits, or nesting deeper than :data:`MAX_JSON_DEPTH`.

    >>> parse_strict('{"a": 1, "a": 2}').reason
    'it has duplicate keys (a)'
    """
    text = text.lstrip("\ufeff")
    depth = text_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise _too_deep(depth)
    duplicates: list[str] = []
    inexact: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        value = dict(items)
        if len(value) != len(items) and len(duplicates) < 3:
            seen: set[str] = set()
            duplicates.extend(k for k, _ in items if k in seen or seen.add(k))
        return value

    def number(token: str) -> float:
        value = float(token)
        if math.isinf(value):
            raise _Refused(
                f"the number {_short(token)} is too large for a double (JSON readers turn it into infinity)",
                "write it as a string",
            )
        mantissa = re.split("[eE]", token, maxsplit=1)[0]
        if value == 0.0 and _NONZERO_MANTISSA.search(mantissa):
            raise _Refused(
                f"the number {_short(token)} is too small for a double (JSON readers turn it into 0)",
                "write it as a string",
            )
        try:
            exact = Decimal(token) == Decimal(repr(value))
        except InvalidOperation:
            exact = False
        if not exact and len(inexact) < 3:
            inexact.append(token)
        return value

    def constant(token: str) -> Any:
        raise _Refused(f"{token} is not JSON (JSON has no NaN or Infinity)", "write it as a string or null")

    try:
        value = json.loads(text, parse_float=number, parse_constant=constant, object_pairs_hook=pairs)
    except _Refused as exc:
        raise JsonRefused(exc.reason, exc.advice) from None
    except json.JSONDecodeError as exc:
        raise JsonRefused(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            "the lossless level encodes JSON data (use light, medium or aggressive for prose)",
        ) from None
    except RecursionError:
        raise _too_deep(depth) from None
    except ValueError as exc:  # int() refuses more than 4,300 digits
        raise JsonRefused(
            f"the JSON has a number it cannot read ({_short(str(exc), 80)})", "write it as a string"
        ) from None
    reasons = []
    if duplicates:
        reasons.append(f"it has duplicate keys ({', '.join(_short(k, 20) for k in dict.fromkeys(duplicates))})")
    if inexact:
        reasons.append(f"it has numbers with more digits than a double keeps ({', '.join(_short(t) for t in inexact)})")
    if reasons:
        return ParsedJson(value, depth, escape_surrogates(minify_verbatim(text)), " and ".join(reasons))
    return ParsedJson(value, depth)


def check_value(value: Any) -> int:
    """Check a Python value the lossless level was given directly; return its depth.

    Raises :class:`InputError` for NaN or infinity, values JSON cannot hold (sets, bytes,
    objects) and nesting deeper than :data:`MAX_JSON_DEPTH`.
    """
    depth = value_depth(value)
    if depth > MAX_JSON_DEPTH:
        raise _too_deep(depth)
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        raise InputError("the data holds NaN or Infinity, which JSON cannot carry; use null or a string") from None
    except TypeError as exc:
        raise InputError(f"the data is not JSON ({exc}); give dicts, lists, strings, numbers, booleans, None") from None
    return depth
