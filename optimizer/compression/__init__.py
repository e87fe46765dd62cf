"""Compression levels lossless / light / medium / aggressive / max (model-guided), with a fidelity guard."""

from __future__ import annotations

from .engine import (
    RULE_LEVELS,
    CompressionLevel,
    CompressionResult,
    CompressionStats,
    Fidelity,
    compare_levels,
    compress,
    compress_api_response,
    decompress,
    read_text,
)
from .notation import NotationError, decode

__all__ = [
    "RULE_LEVELS",
    "CompressionLevel",
    "CompressionResult",
    "CompressionStats",
    "Fidelity",
    "NotationError",
    "compare_levels",
    "compress",
    "compress_api_response",
    "decode",
    "decompress",
    "read_text",
]
