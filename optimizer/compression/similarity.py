"""Semantic similarity between two texts, offline (WordLlama's embeddings, numpy only).

WordLlama embeds a text as the mean of its tokens' vectors. Its own package costs about
0.4 s of CPU to import (pydantic models of its configuration, requests, toml, its
training code) before it reads a 16 MB file; every CLI ``compress``, ``prompt`` and
studio process paid that. So the same two files it ships, its embedding table
(safetensors) and its tokenizer (Hugging Face ``tokenizers``), are read here directly
and embedded the way ``WordLlamaInference.embed`` does (same arrays, same float32
operations: identical vectors, checked in tests/test_similarity.py). Loaded once per
process; no download is ever attempted.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

_lock = threading.Lock()
_model: Embedder | None = None
# The files of WordLlama's default model ("l2_supercat", 256 dimensions), in its package.
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"


class Embedder:
    """WordLlama's dense embedding: a tokenizer and a table of token vectors.

    The attributes and methods used here have the names and results of
    ``wordllama.WordLlamaInference``'s (``embedding``, ``tokenize``, ``embed``,
    ``similarity``).

    >>> m = model()
    >>> m.embed(["a cream", "a lotion"], norm=True).shape
    (2, 256)
    """

    def __init__(self, embedding: np.ndarray, tokenizer: Any) -> None:
        import numpy as np

        self.embedding = np.ascontiguousarray(embedding.astype(np.float32))
        self.tokenizer = tokenizer
        tokenizer.enable_padding()
        tokenizer.no_truncation()

    def tokenize(self, texts: str | list[str]) -> list[Any]:
        """The tokenizer's encodings of ``texts`` (a list, padded to the longest)."""
        return self.tokenizer.encode_batch([texts] if isinstance(texts, str) else texts, add_special_tokens=False)

    def embed(self, texts: str | list[str], *, norm: bool = False, batch_size: int = 64) -> np.ndarray:
        """One float32 row per text: the mean of its tokens' vectors (unit length with ``norm``).

        Raises:
            TypeError: ``texts`` is neither a string nor a list of strings.
        """
        import numpy as np

        if isinstance(texts, str):
            texts = [texts]
        elif not isinstance(texts, list) or (texts and not isinstance(texts[0], str)):
            raise TypeError("texts must be a string or a list of strings")
        table = self.embedding
        out = np.empty((len(texts), table.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            encoded = self.tokenize(texts[start : start + batch_size])
            ids = np.array([e.ids for e in encoded], dtype=np.int32)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            np.clip(ids, 0, table.shape[0] - 1, out=ids)
            vectors = table[ids]
            counts = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
            pooled = np.sum(vectors * mask[..., np.newaxis], axis=1, dtype=np.float32) / counts
            if norm:
                pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            out[start : start + pooled.shape[0]] = pooled
        return out

    def similarity(self, a: str, b: str) -> float:
        """The cosine of the two texts' embeddings (WordLlama's ``vector_similarity``)."""
        import numpy as np

        x, y = self.embed(a), self.embed(b)
        nx = np.linalg.norm(x, axis=1, keepdims=True)
        ny = np.linalg.norm(y, axis=1, keepdims=True)
        nx, ny = np.where(nx == 0, 1.0, nx), np.where(ny == 0, 1.0, ny)
        return np.dot(x / nx, (y / ny).T).astype(np.float32)[0, 0].item()


def _load() -> Embedder:
    global _model
    with _lock:
        if _model is None:
            from safetensors import safe_open
            from tokenizers import Tokenizer

            spec = importlib.util.find_spec("wordllama")
            if spec is None or spec.origin is None:
                raise ImportError("wordllama is not installed: pip install -r requirements.txt")
            folder = Path(spec.origin).parent
            with safe_open(str(folder / WEIGHTS), framework="np", device="cpu") as f:
                table = f.get_tensor(TENSOR)
            _model = Embedder(table, Tokenizer.from_file(str(folder / TOKENIZER)))
        return _model


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the two texts' embeddings, clipped to 0..1."""
    if a == b:
        return 1.0
    if not a.strip() or not b.strip():
        return 0.0
    return max(0.0, min(1.0, float(_load().similarity(a, b))))


def model() -> Embedder:
    """The shared :class:`Embedder` (loaded on first use; the QQP benchmark's baseline uses it too)."""
    return _load()
