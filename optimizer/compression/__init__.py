"""Compression levels lossless / light / medium / aggressive / max (model-guided), with a fidelity guard.

The engine (numpy, the rule tables) is imported on first use of a name below, so that
``CompressionLevel`` costs nothing to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_getattr
from .levels import RULE_LEVELS, CompressionLevel

if TYPE_CHECKING:  # for type checkers and readers; at run time, __getattr__ below
    from .engine import (
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

_LAZY = {
    **dict.fromkeys(
        (
            "CompressionResult",
            "CompressionStats",
            "Fidelity",
            "compare_levels",
            "compress",
            "compress_api_response",
            "decompress",
            "read_text",
        ),
        ".engine",
    ),
    **dict.fromkeys(("NotationError", "decode"), ".notation"),
}


__getattr__ = lazy_getattr(__name__, _LAZY)


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
