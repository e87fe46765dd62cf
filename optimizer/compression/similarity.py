"""Semantic similarity between two texts, offline (WordLlama, numpy only).

Loaded once per process. WordLlama's loader looks for its tokenizer in the wrong folder,
so we point it at the package folder itself and forbid downloads.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_model: Any = None


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            from wordllama import WordLlama

            spec = importlib.util.find_spec("wordllama")
            if spec is None or spec.origin is None:
                raise ImportError("wordllama is not installed: pip install -r requirements.txt")
            _model = WordLlama.load(cache_dir=Path(spec.origin).parent, disable_download=True)
        return _model


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the two texts' embeddings, clipped to 0..1."""
    if a == b:
        return 1.0
    if not a.strip() or not b.strip():
        return 0.0
    return max(0.0, min(1.0, float(_load().similarity(a, b))))


def drop_costs(original: str, kept: str, words: list[str]) -> list[float]:
    """How much dropping each of ``words`` alone from ``kept`` lowers its similarity to ``original``.

    WordLlama embeds a text as the mean of its token vectors, so the cost of dropping a
    word is computed from the vectors alone, without embedding each variant: it is
    ``cos(original, kept) - cos(original, kept minus the word's tokens)`` (negative when
    the word pulls ``kept`` away from ``original``). Used by the model-guided level to
    prefer, among words the model finds predictable, those the meaning floor can spare.
    """
    import numpy as np

    m = _load()
    table = m.embedding

    def vector(text: str) -> np.ndarray:
        ids = np.clip(np.asarray(m.tokenize(text)[0].ids, dtype=np.int64), 0, table.shape[0] - 1)
        return table[ids].sum(axis=0) if len(ids) else np.zeros(table.shape[1], dtype=np.float32)

    target = vector(original)
    target /= np.linalg.norm(target) or 1.0
    total = vector(kept)
    if not words:
        return []
    encoded = m.tokenize([" " + w for w in words])
    ids = np.clip(np.asarray([e.ids for e in encoded], dtype=np.int64), 0, table.shape[0] - 1)
    mask = np.asarray([e.attention_mask for e in encoded], dtype=np.float32)
    removed = (table[ids] * mask[..., None]).sum(axis=1)
    remaining = total[None, :] - removed
    norms = np.linalg.norm(remaining, axis=1)
    norms[norms == 0] = 1.0
    now = float(total @ target / (np.linalg.norm(total) or 1.0))
    return (now - (remaining @ target) / norms).tolist()


def model() -> Any:
    """The shared WordLlama instance (the cache's semantic match uses it too)."""
    return _load()
