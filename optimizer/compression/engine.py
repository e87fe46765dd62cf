"""compress / decompress / compare: the levels behind one call, with honest stats.

Tokens are counted with the target model's tokenizer on the text as given (for a
Python object, its minified JSON: the smallest thing a user would otherwise send).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..limits import input_too_large, max_input_bytes
from ..tokens import DEFAULT_MODEL, choose_encoding, get_encoding
from .guard import protected_terms
from .jsonio import NOTATION_MAX_DEPTH, JsonRefused, ParsedJson, check_value, has_surrogates, parse_strict
from .levels import RULE_LEVELS, CompressionLevel
from .lossless import encode_lossless, minified_json
from .notation import NotationError, decode
from .prose import compress_prose
from .similarity import similarity

# String values shorter than this inside JSON are names, codes and units: left alone.
_PROSE_MIN_CHARS = 60


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
        """Whether every number of the original is in the output."""
        return self.numbers_kept == self.numbers_total

    @property
    def negations_preserved(self) -> bool:
        """Whether every negation of the original is in the output."""
        return self.negations_kept == self.negations_total

    @property
    def preserved(self) -> bool:
        """Whether numbers, negations and ingredient names were all kept."""
        return self.numbers_preserved and self.negations_preserved and self.ingredients_kept == self.ingredients_total


@dataclass(frozen=True)
class CompressionStats:
    """What one compression did: tokens and bytes before and after, counted with ``model``'s tokenizer.

    ``encoding_exact`` is False when the model's own tokenizer is unknown and a stand-in counted.
    """

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
        """Tokens removed (negative when the output is larger)."""
        return self.original_tokens - self.compressed_tokens

    @property
    def reduction_percentage(self) -> float:
        """Tokens removed, as a percentage of the original (0 for an empty input)."""
        return 100.0 * self.saved_tokens / self.original_tokens if self.original_tokens else 0.0

    @property
    def ratio(self) -> float:
        """Original tokens per output token (1.0 for an empty output)."""
        return self.original_tokens / self.compressed_tokens if self.compressed_tokens else 1.0

    def as_dict(self) -> dict[str, Any]:
        """The statistics as a JSON-ready dictionary (the CLI's ``--json``, the API)."""
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
    """A compressed text and its :class:`CompressionStats`."""

    output: str
    stats: CompressionStats


def read_text(raw: bytes | str, source: str = "input") -> str:
    """Validate user input: not empty, not binary, not huge, UTF-8. Says what to do otherwise.

    ``raw`` is bytes (a file, stdin) or text (pasted); a leading byte-order mark is dropped.
    Raises :class:`InputError` naming ``source`` and the limit (``OPTIMIZER_MAX_INPUT_MB``).
    """
    if isinstance(raw, str):
        size = len(raw.encode("utf-8", "surrogatepass"))
    else:
        size = len(raw)
    limit = max_input_bytes()
    if size > limit:
        raise input_too_large(source, f"{size / 1024 / 1024:.1f} MB")
    if isinstance(raw, bytes):
        if b"\x00" in raw[:65536]:
            raise InputError(f"{source} looks binary (it contains NUL bytes); give text or JSON")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source} is not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8 and try again"
            ) from None
    elif has_surrogates(raw):
        offset = next(i for i, c in enumerate(raw) if "\ud800" <= c <= "\udfff")
        raise InputError(
            f"{source} has an unpaired surrogate character at offset {offset}, which is not text; "
            "remove it (in JSON, write it as an escape like \\ud800)"
        )
    raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        raise InputError(f"{source} is empty; give some text or JSON to compress")
    return raw


def parse_json(text: str) -> Any:
    """``text`` as JSON, strictly (see ``jsonio.parse_strict``); raises InputError."""
    return parse_strict(text).value


def _data_terms(value: Any, into: Counter) -> Counter:
    """Protected terms of every string and number in ``value`` (iterative: deep documents)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            into.update(protected_terms(node))
        elif isinstance(node, bool) or node is None:
            pass
        elif isinstance(node, (int, float)):
            into[("number", repr(node))] += 1
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return into


def _fidelity(before: Counter, after: Counter, sim: float) -> Fidelity:
    def kept(kind: str) -> tuple[int, int]:
        distinct = {term for (k, term) in before if k == kind}
        present = {term for (k, term) in after if k == kind}
        return len(distinct), len(distinct & present)

    numbers, negations, ingredients = kept("number"), kept("negation"), kept("ingredient")
    return Fidelity(*numbers, *negations, *ingredients, similarity=sim)


def _compress_text(text: str, level: str, encoding_name: str) -> tuple[str, tuple[str, ...]]:
    """A lossy level on prose: the rules, or the model-guided level for "max"."""
    if level == CompressionLevel.MAX.value:
        from .model_guided import compress_max

        guided = compress_max(text, encoding_name)
        return guided.text, guided.techniques
    prose = compress_prose(text, level, encoding_name)
    return prose.text, prose.techniques


def _compress_strings(value: Any, level: str, encoding_name: str, used: set[str]) -> Any:
    """Lossy levels inside JSON: prose-length string values only; the structure stays."""
    if isinstance(value, str):
        if len(value) < _PROSE_MIN_CHARS:
            return value
        text, techniques = _compress_text(value, level, encoding_name)
        used.update(techniques)
        return text
    if isinstance(value, dict):
        return {k: _compress_strings(v, level, encoding_name, used) for k, v in value.items()}
    if isinstance(value, list):
        return [_compress_strings(v, level, encoding_name, used) for v in value]
    return value


def _join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _read_json(text: str, level: CompressionLevel) -> tuple[ParsedJson | None, str]:
    """The parsed document (None for prose) and a note for the user."""
    if level is CompressionLevel.LOSSLESS:
        return parse_strict(text), ""
    if text.lstrip()[:1] not in ("{", "["):
        return None, ""
    try:
        return parse_strict(text), ""
    except JsonRefused as exc:
        return None, f"looks like JSON but is not ({exc.reason}), so it was compressed as prose"


def compress(
    source: str | Any,
    level: str | CompressionLevel = CompressionLevel.MEDIUM,
    model: str = DEFAULT_MODEL,
    *,
    measure_similarity: bool = True,
) -> CompressionResult:
    """Compress text or JSON (a string) or a Python value at ``level`` for ``model``.

    JSON is read strictly (``jsonio``): what is not JSON or cannot be kept exactly
    raises :class:`InputError` at the lossless level; at a prose level such text is
    compressed as prose, with a note saying so.

    >>> compress('{"a": [1, 2]}', "lossless").output
    '{a:[1,2]}'
    """
    level = CompressionLevel.parse(level)
    choice = choose_encoding(model)
    encoding = get_encoding(choice.encoding_name)

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    parsed: ParsedJson | None
    if isinstance(source, str):
        original_text = read_text(source)
        parsed, json_note = _read_json(original_text, level)
    else:
        parsed, json_note = ParsedJson(source, check_value(source)), ""
        original_text = minified_json(source)
    note = _join_notes(choice.note, json_note)

    started = time.perf_counter()
    used: set[str] = set()
    data: Any = parsed.value if parsed is not None else None
    if parsed is not None and parsed.verbatim is not None:
        # The parsed value would lose part of the text (a duplicate key, a digit): the
        # minified text is the only exact encoding, at every level.
        output, techniques = parsed.verbatim, ("minify",)
        compressed_tokens = count(output)
        note = _join_notes(note, f"{parsed.reason}, so it was kept exactly as written, minified only")
    elif parsed is not None:
        lossy_data = data
        if level is not CompressionLevel.LOSSLESS:
            if parsed.depth > NOTATION_MAX_DEPTH:
                note = _join_notes(
                    note, f"nested deeper than {NOTATION_MAX_DEPTH} levels, so its strings were not edited"
                )
            else:
                lossy_data = _compress_strings(data, level.value, choice.encoding_name, used)
        encoded = encode_lossless(lossy_data, count)
        output, compressed_tokens = encoded.text, encoded.tokens
        techniques = tuple(dict.fromkeys([*encoded.techniques, *sorted(used)]))
    else:
        output, techniques = _compress_text(original_text, level.value, choice.encoding_name)
        compressed_tokens = count(output)
    elapsed_ms = (time.perf_counter() - started) * 1000

    is_json = parsed is not None
    lossless = is_json and level is CompressionLevel.LOSSLESS
    if is_json:
        decoded = data if lossless or parsed.verbatim is not None else decode(output)
        before, after = _data_terms(data, Counter()), _data_terms(decoded, Counter())
        unchanged = lossless or parsed.verbatim is not None or _same_value(decoded, data)
    else:
        before, after = protected_terms(original_text), protected_terms(output)
        unchanged = output == original_text
    if unchanged:
        sim = 1.0  # the same data or text: nothing to measure (encode_lossless checked the round trip)
    elif not measure_similarity:
        sim = float("nan")
    elif is_json:
        # Same syntax on both sides, so the figure reflects the edited strings only.
        sim = similarity(minified_json(data), minified_json(decoded))
    else:
        sim = similarity(original_text, output)
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


def _same_value(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


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


def compare_levels(
    source: str | Any,
    model: str = DEFAULT_MODEL,
    *,
    levels: tuple[CompressionLevel | str, ...] | None = None,
) -> list[CompressionResult]:
    """Every level of ``levels`` that applies to ``source`` (lossless only for JSON), in order.

    By default the fast levels: lossless and the rule levels. Pass
    ``levels=tuple(CompressionLevel)`` to include the model-guided level (seconds).
    """
    chosen = [CompressionLevel.parse(level) for level in (levels or (CompressionLevel.LOSSLESS, *RULE_LEVELS))]
    results = []
    for level in CompressionLevel:
        if level not in chosen:
            continue
        try:
            results.append(compress(source, level, model))
        except InputError:
            if level is not CompressionLevel.LOSSLESS:
                raise
    return results
