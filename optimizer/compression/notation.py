"""The lossless notation: JSON data in fewer tokens, still readable by an LLM.

A superset of minified JSON (any minified JSON is a valid document), with four additions
that the encoder uses only where they cost fewer tokens for the target tokenizer:

* bare strings and keys: ``{name:Rose Water,pct:2.5%}`` -- quotes only where needed;
* tables for arrays of objects, field names once, one row per line, an empty cell
  meaning "this object has no such key" (so semi-uniform arrays are tables too)::

      [#name,pct,role
      Aqua,70,solvent
      Glycerin,5,
      ]

  (the closing ``]`` ends the last row);
* a key legend, one line per alias before the body: ``~p=percentage``;
* shared values defined once and referenced: ``&1={...}`` before the body, ``*1`` inside.

Grammar::

    document := (("~" alias "=" key | "&" ref "=" value) "\\n")* value
    value    := object | array | table | "*" ref | quoted | number | literal | bare
    object   := "{" [key ":" value ("," key ":" value)*] "}"
    array    := "[" [value ("," value)*] "]"
    table    := "[#" key ("," key)* "\\n" row ("\\n" row)* "]"
    row      := [cell] ("," [cell])*          -- missing trailing cells are absent keys

A bare string is non-empty, has no surrounding whitespace, no control character and
none of ``, ] } "``, does not start with ``[ { * ~ & #`` and does not read as a number
or a literal; a bare key also has no ``:``.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Any

from ..errors import InputError
from .jsonio import MAX_JSON_DEPTH, escape_surrogates, text_depth

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\Z")
_LITERALS = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}
# Lone surrogates are quoted so that their \uXXXX escape (see jsonio) is read back.
_BARE_FORBIDDEN = re.compile(r'[,\]}"\x00-\x1f\x7f\ud800-\udfff]')
_BARE_BAD_START = frozenset("[{*~&#")
_VALUE_END = ",]}\n"


def is_bare(text: str, key: bool = False) -> bool:
    """Whether ``text`` can be written without quotes and read back as the same string."""
    if not text or text[0] in _BARE_BAD_START or text != text.strip():
        return False
    if _BARE_FORBIDDEN.search(text) or (key and ":" in text):
        return False
    return text not in _LITERALS and not _NUMBER.match(text)


def quote(text: str, key: bool = False) -> str:
    """``text`` bare where :func:`is_bare` allows, else as a JSON string (lone surrogates escaped)."""
    return text if is_bare(text, key) else escape_surrogates(json.dumps(text, ensure_ascii=False))


def scalar(value: Any) -> str:
    """A JSON scalar in the notation: strings quoted when needed, everything else as JSON writes it.

    >>> scalar(True), scalar(1.5), scalar(None)
    ('true', '1.5', 'null')
    """
    if isinstance(value, str):
        return quote(value)
    # bool before int: True is an int in Python. json.dumps writes floats exactly
    # (repr) and NaN/Infinity the way json.loads reads them back.
    return json.dumps(value)


class NotationError(InputError):
    """The text is neither JSON nor the lossless notation."""


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.aliases: dict[str, str] = {}
        self.refs: dict[str, Any] = {}
        self.depth = 0  # open containers: refused past MAX_JSON_DEPTH, before Python's stack runs out

    def fail(self, expected: str) -> NotationError:
        line = self.text.count("\n", 0, self.pos) + 1
        col = self.pos - (self.text.rfind("\n", 0, self.pos) + 1) + 1
        found = repr(self.text[self.pos]) if self.pos < len(self.text) else "end of input"
        return NotationError(
            f"not JSON or lossless notation: expected {expected} at line {line} column {col}, found {found}"
        )

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.fail(repr(char))
        self.pos += 1

    def until(self, stops: str) -> str:
        start = self.pos
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos] not in stops:
            self.pos += 1
        return text[start : self.pos]

    def quoted(self) -> str:
        try:
            value, self.pos = scanstring(self.text, self.pos + 1)
        except json.JSONDecodeError as exc:
            self.pos = exc.pos
            raise self.fail("a closed string") from None
        return value

    def key(self, stops: str) -> str:
        if self.peek() == '"':
            name = self.quoted()
        else:
            name = self.until(stops)
            if not name:
                raise self.fail("a key")
        return self.aliases.get(name, name)

    def document(self) -> Any:
        while self.peek() in ("~", "&"):
            kind = self.peek()
            self.pos += 1
            name = self.until("=\n")
            self.expect("=")
            if kind == "~":
                self.aliases[name] = self.key("\n")
            else:
                self.refs[name] = self.value()
            self.expect("\n")
        value = self.value()
        if self.pos != len(self.text):
            raise self.fail("end of input")
        return value

    def value(self) -> Any:
        char = self.peek()
        if char in "{[":
            self.depth += 1
            if self.depth > MAX_JSON_DEPTH:
                raise NotationError(f"the document is nested more than {MAX_JSON_DEPTH} levels deep; that is the limit")
            if char == "{":
                value: Any = self.object()
            elif self.text.startswith("[#", self.pos):
                value = self.table()
            else:
                value = self.array()
            self.depth -= 1
            return value
        if char == '"':
            return self.quoted()
        if char == "*":
            self.pos += 1
            name = self.until(_VALUE_END)
            if name not in self.refs:
                raise self.fail(f"a defined reference (*{name} is not defined)")
            return self.refs[name]
        token = self.until(_VALUE_END)
        if not token:
            raise self.fail("a value")
        if token in _LITERALS:
            return _LITERALS[token]
        if _NUMBER.match(token):
            return json.loads(token)
        return token

    def object(self) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        if self.peek() == "}":
            self.pos += 1
            return result
        while True:
            name = self.key(":")
            self.expect(":")
            result[name] = self.value()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("}")
            return result

    def array(self) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        if self.peek() == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("]")
            return result

    def table(self) -> list[dict[str, Any]]:
        self.pos += 2
        columns = [self.key(",\n")]
        while self.peek() == ",":
            self.pos += 1
            columns.append(self.key(",\n"))
        self.expect("\n")
        rows: list[dict[str, Any]] = []
        while True:
            row: dict[str, Any] = {}
            for index, column in enumerate(columns):
                if index:
                    if self.peek() != ",":
                        break  # the row ended early: the remaining keys are absent
                    self.pos += 1
                if self.peek() not in ",\n]":
                    row[column] = self.value()
            rows.append(row)
            if self.peek() == "\n":
                self.pos += 1
                continue
            self.expect("]")
            return rows


def decode(text: str) -> Any:
    """Read a lossless output back into Python values: JSON, this notation, or TOON.

    The encoder may choose TOON for a whole document when TOON is cheapest (tiny objects:
    TOON writes a top-level object without braces); it keeps a choice only if this
    function reads it back to the same value, so the reading order is part of the format.

    Raises :class:`NotationError` (an InputError) for text that is none of the three, or
    nested deeper than ``MAX_JSON_DEPTH`` levels.
    """
    depth = text_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise NotationError(f"the document is nested {depth} levels deep; the limit is {MAX_JSON_DEPTH} levels")
    try:
        # Any JSON (pretty-printed too) means the same in both; json is the fast path.
        return json.loads(text)
    except ValueError:
        pass
    toon = _canonical_toon(text)
    if toon is not _NOT_TOON:
        return toon
    try:
        return _Reader(text).document()
    except RecursionError:
        raise NotationError("the document is nested too deeply to read as lossless notation; send it as JSON") from None


_NOT_TOON = object()


def _canonical_toon(text: str) -> Any:
    """The value, if ``text`` is exactly what TOON's encoder writes for it.

    TOON reads almost any text as something (a bare string at worst), so only canonical
    TOON counts; anything else gets the notation's error, with its line and column.
    """
    import toon_format

    try:
        value = toon_format.decode(text)
        if toon_format.encode(value) == text:
            return value
    except Exception:
        pass
    return _NOT_TOON
