"""Per-model prices (USD per 1M tokens: input, cached input, output), dated.

The vendored table (``data/prices.toml``) says when it was read and from where; a user
overrides any row in ``<data dir>/prices.toml`` or the file named by ``OPTIMIZER_PRICES``
so every dollar figure can be traced to a dated price.
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .config import PACKAGE_DATA, data_dir
from .errors import ConfigError

PRICES_ENV = "OPTIMIZER_PRICES"
_VENDORED = PACKAGE_DATA / "prices.toml"
_PER = 1_000_000


@dataclass(frozen=True)
class ModelPrice:
    model: str
    input: float
    cached_input: float
    output: float


@dataclass(frozen=True)
class PriceTable:
    as_of: str
    source: str
    models: Mapping[str, ModelPrice] = field(default_factory=dict)

    def find(self, model: str) -> ModelPrice | None:
        """Exact name, else the longest known prefix (``gpt-4o-2024-08-06`` → ``gpt-4o``)."""
        if model in self.models:
            return self.models[model]
        prefixes = [m for m in self.models if model.startswith(m + "-")]
        return self.models[max(prefixes, key=len)] if prefixes else None

    def price(self, model: str) -> ModelPrice:
        found = self.find(model)
        if found is None:
            raise ConfigError(
                f"no price for model '{model}'; add a [models.\"{model}\"] row with input, "
                f"cached_input and output (USD per 1M tokens) to {data_dir(create=False) / 'prices.toml'}"
            )
        return found

    def cost(self, model: str, input_tokens: int, output_tokens: int, cached_tokens: int = 0) -> float:
        """USD for one call; ``cached_tokens`` is the part of ``input_tokens`` billed at the cached rate."""
        if min(input_tokens, output_tokens, cached_tokens) < 0:
            raise ValueError("token counts cannot be negative")
        if cached_tokens > input_tokens:
            raise ValueError("cached_tokens is part of input_tokens and cannot exceed it")
        p = self.price(model)
        fresh = input_tokens - cached_tokens
        return (fresh * p.input + cached_tokens * p.cached_input + output_tokens * p.output) / _PER


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"price file {path} is not valid TOML ({exc}); fix or remove it") from None


def _rows(doc: dict, path: Path) -> dict[str, ModelPrice]:
    rows: dict[str, ModelPrice] = {}
    for model, row in (doc.get("models") or {}).items():
        try:
            values = [float(row[k]) for k in ("input", "cached_input", "output")]
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"price row '{model}' in {path} needs numeric input, cached_input and output") from None
        if min(values) < 0:
            raise ConfigError(f"price row '{model}' in {path} has a negative price")
        rows[model] = ModelPrice(model, *values)
    return rows


def load_prices(override: Path | None = None) -> PriceTable:
    """The vendored table with the user's override file (if any) applied on top."""
    base = _read_toml(_VENDORED)
    models = _rows(base, _VENDORED)
    as_of, source = str(base["as_of"]), str(base["source"])
    if override is None:
        env = os.environ.get(PRICES_ENV)
        override = Path(env) if env else data_dir(create=False) / "prices.toml"
    if override.exists():
        doc = _read_toml(override)
        models.update(_rows(doc, override))
        as_of = str(doc.get("as_of", f"{as_of} + overrides"))
        source = str(doc.get("source", f"{source} + {override}"))
    return PriceTable(as_of, source, MappingProxyType(models))


_table: PriceTable | None = None
_table_lock = threading.Lock()


def price_table() -> PriceTable:
    """The process-wide table (loaded once; call ``reload_prices`` after editing)."""
    global _table
    with _table_lock:
        if _table is None:
            _table = load_prices()
        return _table


def reload_prices() -> PriceTable:
    global _table
    with _table_lock:
        _table = None
    return price_table()


def cost(model: str, input_tokens: int, output_tokens: int, cached_tokens: int = 0) -> float:
    return price_table().cost(model, input_tokens, output_tokens, cached_tokens)
