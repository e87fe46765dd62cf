"""The Optimizer Studio core: tokens, prices, compression, cache, generation and the ledger.

Never imports streamlit: the pages and the CLI both call what is re-exported here.
"""

from __future__ import annotations

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
from .config import data_dir
from .errors import ConfigError, InputError, OptimizerError
from .pricing import ModelPrice, PriceTable, cost, load_prices, price_table
from .tokens import EncodingChoice, choose_encoding, count_tokens, encoding_for_model

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
