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


def model() -> Any:
    """The shared WordLlama instance (the cache's semantic match uses it too)."""
    return _load()
