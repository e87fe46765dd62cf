"""The Optimizer Studio core: tokens, prices, compression, cache, generation and the ledger.

Never imports streamlit: the pages and the CLI both call what is re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import data_dir
from .errors import ConfigError, InputError, OptimizerError
from .lazy import lazy_getattr

if TYPE_CHECKING:  # for type checkers and readers; at run time, __getattr__ below
    from .compression import (
        CompressionLevel,
        CompressionResult,
        CompressionStats,
        Fidelity,
        compare_levels,
        compress,
        compress_api_response,
        decompress,
    )
    from .pricing import ModelPrice, PriceTable, cost, load_prices, price_table
    from .tokens import EncodingChoice, choose_encoding, count_tokens, encoding_for_model

# Where each re-exported name lives. Imported on first use: the compression engine (numpy,
# its rule tables) cost 190 of the 200 ms every `python -m optimizer` paid at start, for
# commands that never compress.
_LAZY = {
    **dict.fromkeys(
        (
            "CompressionLevel",
            "CompressionResult",
            "CompressionStats",
            "Fidelity",
            "compare_levels",
            "compress",
            "compress_api_response",
            "decompress",
        ),
        ".compression",
    ),
    **dict.fromkeys(("ModelPrice", "PriceTable", "cost", "load_prices", "price_table"), ".pricing"),
    **dict.fromkeys(("EncodingChoice", "choose_encoding", "count_tokens", "encoding_for_model"), ".tokens"),
}


__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = [
    "CompressionLevel",
    "CompressionResult",
    "CompressionStats",
    "ConfigError",
    "EncodingChoice",
    "Fidelity",
    "InputError",
    "ModelPrice",
    "OptimizerError",
    "PriceTable",
    "choose_encoding",
    "compare_levels",
    "compress",
    "compress_api_response",
    "cost",
    "count_tokens",
    "data_dir",
    "decompress",
    "encoding_for_model",
    "load_prices",
    "price_table",
]
