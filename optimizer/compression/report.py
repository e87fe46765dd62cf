"""Side-by-side views of the levels, for the Compression Lab and its CSV export."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from .engine import CompressionLevel, CompressionResult, decompress

_TOKENS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class DiffPiece:
    """A run of text that both versions share (``same``), or that one of them alone has."""

    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(original: str, compressed: str) -> list[DiffPiece]:
    """What a level removed and added, word by word."""
    a, b = _TOKENS.findall(original), _TOKENS.findall(compressed)
    pieces: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(DiffPiece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(DiffPiece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(DiffPiece("added", "".join(b[j1:j2])))
    return pieces


def round_trip_ok(result: CompressionResult, original: Any) -> bool | None:
    """For a lossless result: does decompress give back the original? None otherwise."""
    if not result.stats.lossless:
        return None
    return decompress(result.output) == original


def input_digest(source: bytes | str | None, levels: list[str]) -> str:
    """A short fingerprint of an input and the levels asked for: results computed for one
    fingerprint describe that input only (the Lab clears them when it changes)."""
    h = hashlib.blake2b(digest_size=12)
    if isinstance(source, str):
        h.update(b"s" + source.encode("utf-8", "surrogatepass"))
    elif source is not None:
        h.update(b"b" + source)
    h.update(",".join(levels).encode())
    return h.hexdigest()


def comparison_rows(results: list[CompressionResult]) -> list[dict[str, Any]]:
    """One row per result, for the Lab's table, chart and CSV ("label" names the level as shown)."""
    rows = []
    for r in results:
        s, f = r.stats, r.stats.fidelity
        rows.append(
            {
                "level": s.level,
                "label": CompressionLevel(s.level).label,
                "model": s.model,
                "encoding": s.encoding,
                "original_tokens": s.original_tokens,
                "compressed_tokens": s.compressed_tokens,
                "saved_tokens": s.saved_tokens,
                "saved_pct": round(s.reduction_percentage, 1),
                "similarity": round(f.similarity, 3),
                "numbers_kept": f"{f.numbers_kept}/{f.numbers_total}",
                "negations_kept": f"{f.negations_kept}/{f.negations_total}",
                "ingredients_kept": f"{f.ingredients_kept}/{f.ingredients_total}",
                "lossless": s.lossless,
                "techniques": ", ".join(s.techniques),
                "elapsed_ms": round(s.elapsed_ms, 2),
            }
        )
    return rows
