"""The guarded semantic match: a near-duplicate request may reuse an answer only when
nothing that changes the answer differs.

Similarity (WordLlama embeddings, offline) finds candidates; the guard decides. Its
signature holds every number with its unit, every negation, every ingredient name (the
compression guard's protected terms), the named fields of the request's context (region,
skin type, product type, category...) and the regions, skin types, audiences, currencies
and tones written in the prompt itself. Two requests match only if their signatures are identical, so
"sensitive skin, Japan, 0.3% retinol" never serves "normal skin, France, 1% retinol",
and "with fragrance" never serves "without fragrance".
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..compression.guard import protected_terms
from ..compression.similarity import model as similarity_model
from .keys import CacheRequest

SKIN_TYPES = (
    "sensitive",
    "oily",
    "dry",
    "combination",
    "normal",
    "mature",
    "acne-prone",
    "acne prone",
    "dehydrated",
    "reactive",
    "rosacea-prone",
    "eczema-prone",
)
REGIONS = (
    "eu",
    "europe",
    "uk",
    "united kingdom",
    "france",
    "germany",
    "italy",
    "spain",
    "poland",
    "netherlands",
    "sweden",
    "us",
    "usa",
    "united states",
    "canada",
    "mexico",
    "brazil",
    "argentina",
    "india",
    "china",
    "japan",
    "korea",
    "south korea",
    "taiwan",
    "thailand",
    "vietnam",
    "indonesia",
    "singapore",
    "malaysia",
    "philippines",
    "australia",
    "new zealand",
    "uae",
    "saudi arabia",
    "turkey",
    "nigeria",
    "south africa",
    "kenya",
    "egypt",
    "asia",
    "apac",
    "latam",
    "africa",
    "middle east",
    "north america",
    "south america",
    "global",
    "worldwide",
)
# Words for the people and categories a request is for: "men" vs "women", "baby" vs "adult".
AUDIENCES = (
    "men",
    "women",
    "male",
    "female",
    "baby",
    "babies",
    "kids",
    "children",
    "teen",
    "teens",
    "adult",
    "adults",
    "senior",
    "seniors",
    "pregnant",
    "vegan",
    "halal",
    "organic",
)

CURRENCIES = (
    "eur",
    "euro",
    "euros",
    "usd",
    "dollar",
    "dollars",
    "gbp",
    "pound",
    "pounds",
    "jpy",
    "yen",
    "inr",
    "rupee",
    "rupees",
    "cny",
    "rmb",
    "yuan",
    "brl",
    "krw",
    "chf",
    "aud",
    "cad",
)
TONES = (
    "playful",
    "serious",
    "clinical",
    "warm",
    "luxurious",
    "luxury",
    "premium",
    "minimalist",
    "bold",
    "friendly",
    "scientific",
    "formal",
    "casual",
    "fun",
    "elegant",
)


def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )


_FIELD_PATTERNS = (
    ("skin", _words_re(SKIN_TYPES)),
    ("region", _words_re(REGIONS)),
    ("audience", _words_re(AUDIENCES)),
    ("currency", _words_re(CURRENCIES)),
    ("tone", _words_re(TONES)),
)


def signature(request: CacheRequest) -> tuple[tuple[str, str], ...]:
    """What must be identical for two requests to share an answer (sorted, hashable)."""
    terms: Counter[tuple[str, str]] = protected_terms(request.prompt)
    for kind, pattern in _FIELD_PATTERNS:
        for m in pattern.finditer(request.prompt):
            terms[(kind, m.group().lower().replace(" ", "-"))] += 1
    for name, value in request.context.items():
        if value not in (None, "", [], {}):
            terms[("field:" + str(name).lower(), " ".join(str(value).lower().split()))] += 1
    # Distinct terms: saying "Japan" twice does not change the request.
    return tuple(sorted(terms))


def embed(text: str) -> np.ndarray:
    vector = similarity_model().embed(text, norm=True)[0]
    return np.asarray(vector, dtype=np.float32)


@dataclass(frozen=True)
class SemanticRecord:
    """What the index keeps per entry: where it is, its guard signature, its embedding."""

    entry_key: str
    signature: tuple[tuple[str, str], ...]
    vector: np.ndarray

    def to_bytes(self) -> bytes:
        import json

        head = json.dumps({"k": self.entry_key, "s": self.signature}, ensure_ascii=False).encode()
        return struct.pack("<I", len(head)) + head + self.vector.astype("<f4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> SemanticRecord:
        import json

        (size,) = struct.unpack_from("<I", blob)
        head = json.loads(blob[4 : 4 + size])
        vector = np.frombuffer(blob[4 + size :], dtype="<f4")
        return cls(head["k"], tuple(tuple(x) for x in head["s"]), vector)


@dataclass(frozen=True)
class SemanticMatch:
    entry_key: str
    similarity: float


def best_match(
    query_vector: np.ndarray, query_signature: tuple, records: list[SemanticRecord], threshold: float
) -> SemanticMatch | None:
    """The most similar record above ``threshold`` whose signature is identical."""
    eligible = [r for r in records if r.signature == query_signature and r.vector.shape == query_vector.shape]
    if not eligible:
        return None
    scores = np.stack([r.vector for r in eligible]) @ query_vector
    best = int(np.argmax(scores))
    if float(scores[best]) < threshold:
        return None
    return SemanticMatch(eligible[best].entry_key, float(scores[best]))


def describe_signature(sig: tuple[tuple[str, str], ...]) -> Mapping[str, Any]:
    out: dict[str, list[str]] = {}
    for kind, term in sig:
        out.setdefault(kind, []).append(term)
    return out
