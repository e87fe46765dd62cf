"""compress / decompress / compare: the levels behind one call, with honest stats.

Tokens are counted with the target model's tokenizer on the text as given (for a
Python object, its minified JSON: the smallest thing a user would otherwise send).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..errors import InputError, parse_choice
from ..tokens import DEFAULT_MODEL, choose_encoding, get_encoding
from .guard import protected_terms
from .lossless import encode_lossless, minified_json
from .notation import NotationError, decode
from .prose import compress_prose
from .similarity import similarity

MAX_INPUT_ENV = "OPTIMIZER_MAX_INPUT_MB"
_DEFAULT_MAX_MB = 8.0
# String values shorter than this inside JSON are names, codes and units: left alone.
_PROSE_MIN_CHARS = 60


class CompressionLevel(str, Enum):
    LOSSLESS = "lossless"
    LIGHT = "light"
    MEDIUM = "medium"
    AGGRESSIVE = "aggressive"

    @classmethod
    def parse(cls, value: str | CompressionLevel) -> CompressionLevel:
        return parse_choice(cls, value, "level")


@dataclass(frozen=True)
class Fidelity:
    """What survived: distinct protected terms kept, and meaning by embedding similarity."""

    numbers_total: int
    numbers_kept: int
    negations_total: int
    negations_kept: int
    ingredients_total: int
    ingredients_kept: int
    similarity: float

    @property
    def numbers_preserved(self) -> bool:
        return self.numbers_kept == self.numbers_total

    @property
    def negations_preserved(self) -> bool:
        return self.negations_kept == self.negations_total

    @property
    def preserved(self) -> bool:
        return self.numbers_preserved and self.negations_preserved and self.ingredients_kept == self.ingredients_total


@dataclass(frozen=True)
class CompressionStats:
    level: str
    kind: str  # "json" or "text"
    model: str
    encoding: str
    encoding_exact: bool
    original_tokens: int
    compressed_tokens: int
    original_bytes: int
    compressed_bytes: int
    techniques: tuple[str, ...]
    lossless: bool
    elapsed_ms: float
    fidelity: Fidelity
    note: str = ""

    @property
    def saved_tokens(self) -> int:
        return self.original_tokens - self.compressed_tokens

    @property
    def reduction_percentage(self) -> float:
        return 100.0 * self.saved_tokens / self.original_tokens if self.original_tokens else 0.0

    @property
    def ratio(self) -> float:
        return self.original_tokens / self.compressed_tokens if self.compressed_tokens else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "kind": self.kind,
            "model": self.model,
            "encoding": self.encoding,
            "encoding_exact": self.encoding_exact,
            "original_tokens": self.original_tokens,
            "compressed_tokens": self.compressed_tokens,
            "saved_tokens": self.saved_tokens,
            "reduction_percentage": round(self.reduction_percentage, 2),
            "ratio": round(self.ratio, 3),
            "original_bytes": self.original_bytes,
            "compressed_bytes": self.compressed_bytes,
            "techniques": list(self.techniques),
            "lossless": self.lossless,
            "elapsed_ms": round(self.elapsed_ms, 3),
            "fidelity": {
                "numbers_total": self.fidelity.numbers_total,
                "numbers_kept": self.fidelity.numbers_kept,
                "numbers_preserved": self.fidelity.numbers_preserved,
                "negations_total": self.fidelity.negations_total,
                "negations_kept": self.fidelity.negations_kept,
                "negations_preserved": self.fidelity.negations_preserved,
                "ingredients_total": self.fidelity.ingredients_total,
                "ingredients_kept": self.fidelity.ingredients_kept,
                "similarity": round(self.fidelity.similarity, 4),
            },
            "note": self.note,
        }


@dataclass(frozen=True)
class CompressionResult:
    output: str
    stats: CompressionStats


def max_input_bytes() -> int:
    try:
        return int(float(os.environ.get(MAX_INPUT_ENV, _DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return int(_DEFAULT_MAX_MB * 1024 * 1024)


def read_text(raw: bytes | str, source: str = "input") -> str:
    """Validate user input: not empty, not binary, not huge. Says what to do otherwise."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    limit = max_input_bytes()
    if size > limit:
        raise InputError(
            f"{source} is {size / 1024 / 1024:.1f} MB; the limit is {limit / 1024 / 1024:.0f} MB "
            f"(split it, or raise {MAX_INPUT_ENV})"
        )
    if isinstance(raw, bytes):
        if b"\x00" in raw[:65536]:
            raise InputError(f"{source} looks binary (it contains NUL bytes); give text or JSON")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source} is not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8 and try again"
            ) from None
    if not raw.strip():
        raise InputError(f"{source} is empty; give some text or JSON to compress")
    return raw


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}; the lossless level "
            "encodes JSON data (use light, medium or aggressive for prose)"
        ) from None


def _data_terms(value: Any, into: Counter) -> Counter:
    if isinstance(value, str):
        into.update(protected_terms(value))
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, (int, float)):
        into[("number", repr(value))] += 1
    elif isinstance(value, dict):
        for v in value.values():
            _data_terms(v, into)
    elif isinstance(value, list):
        for v in value:
            _data_terms(v, into)
    return into


def _fidelity(before: Counter, after: Counter, sim: float) -> Fidelity:
    def kept(kind: str) -> tuple[int, int]:
        distinct = {term for (k, term) in before if k == kind}
        present = {term for (k, term) in after if k == kind}
        return len(distinct), len(distinct & present)

    numbers, negations, ingredients = kept("number"), kept("negation"), kept("ingredient")
    return Fidelity(*numbers, *negations, *ingredients, similarity=sim)


def _compress_strings(value: Any, level: str, encoding_name: str, used: set[str]) -> Any:
    """Lossy levels inside JSON: prose-length string values only; the structure stays."""
    if isinstance(value, str):
        if len(value) < _PROSE_MIN_CHARS:
            return value
        result = compress_prose(value, level, encoding_name)
        used.update(result.techniques)
        return result.text
    if isinstance(value, dict):
        return {k: _compress_strings(v, level, encoding_name, used) for k, v in value.items()}
    if isinstance(value, list):
        return [_compress_strings(v, level, encoding_name, used) for v in value]
    return value


def compress(
    source: str | Any,
    level: str | CompressionLevel = CompressionLevel.MEDIUM,
    model: str = DEFAULT_MODEL,
    *,
    measure_similarity: bool = True,
) -> CompressionResult:
    """Compress text or JSON (a string) or a Python value at ``level`` for ``model``."""
    level = CompressionLevel.parse(level)
    choice = choose_encoding(model)
    encoding = get_encoding(choice.encoding_name)

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    note = choice.note
    if isinstance(source, str):
        original_text = read_text(source)
        data: Any = None
        if level is CompressionLevel.LOSSLESS:
            data = parse_json(original_text)
        elif original_text.lstrip()[:1] in ("{", "["):
            try:
                data = json.loads(original_text)
            except json.JSONDecodeError as exc:
                note = "; ".join(
                    filter(
                        None,
                        [
                            note,
                            (
                                f"looks like JSON but does not parse (line {exc.lineno} column {exc.colno}: "
                                f"{exc.msg}), so it was compressed as prose"
                            ),
                        ],
                    )
                )
        is_json = data is not None or (level is CompressionLevel.LOSSLESS)
    else:
        data, is_json = source, True
        original_text = minified_json(source)

    started = time.perf_counter()
    used: set[str] = set()
    if is_json:
        lossy_data = (
            data
            if level is CompressionLevel.LOSSLESS
            else _compress_strings(data, level.value, choice.encoding_name, used)
        )
        encoded = encode_lossless(lossy_data, count)
        output, compressed_tokens = encoded.text, encoded.tokens
        techniques = tuple(dict.fromkeys([*encoded.techniques, *sorted(used)]))
    else:
        prose = compress_prose(original_text, level.value, choice.encoding_name)
        output, techniques = prose.text, prose.techniques
        compressed_tokens = count(output)
    elapsed_ms = (time.perf_counter() - started) * 1000

    lossless = is_json and level is CompressionLevel.LOSSLESS
    if lossless:
        # encode_lossless already decoded its output and found the same value.
        before = after = _data_terms(data, Counter())
    elif is_json:
        before, after = _data_terms(data, Counter()), _data_terms(decode(output), Counter())
    else:
        before, after = protected_terms(original_text), protected_terms(output)
    if lossless:
        sim = 1.0  # the round trip was checked exactly in encode_lossless
    elif measure_similarity:
        sim = similarity(original_text, output)
    else:
        sim = float("nan")
    stats = CompressionStats(
        level=level.value,
        kind="json" if is_json else "text",
        model=model,
        encoding=choice.encoding_name,
        encoding_exact=choice.exact,
        original_tokens=count(original_text),
        compressed_tokens=compressed_tokens,
        original_bytes=len(original_text.encode()),
        compressed_bytes=len(output.encode()),
        techniques=techniques,
        lossless=lossless,
        elapsed_ms=elapsed_ms,
        fidelity=_fidelity(before, after, sim),
        note=note,
    )
    return CompressionResult(output, stats)


def compress_api_response(
    data: Any, level: str | CompressionLevel = CompressionLevel.MEDIUM, model: str = DEFAULT_MODEL
) -> tuple[str, CompressionStats]:
    """The seed's name: compress a response payload, return (output, stats)."""
    result = compress(data, level, model)
    return result.output, result.stats


def decompress(text: str) -> Any:
    """Read a lossless output (or plain JSON) back into the original value."""
    # Editors and terminals add a final newline or turn \n into \r\n; the notation
    # never needs either (a literal line break inside a value is always escaped).
    text = read_text(text).replace("\r\n", "\n").strip("\n\r\t \ufeff")
    try:
        return decode(text)
    except NotationError as exc:
        raise InputError(str(exc)) from None


def compare_levels(source: str | Any, model: str = DEFAULT_MODEL) -> list[CompressionResult]:
    """Every level that applies to ``source`` (lossless only for JSON), in level order."""
    results = []
    for level in CompressionLevel:
        try:
            results.append(compress(source, level, model))
        except InputError:
            if level is not CompressionLevel.LOSSLESS:
                raise
    return results
