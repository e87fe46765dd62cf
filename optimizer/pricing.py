"""Per-model prices (USD per 1M tokens: input, cached input, output), dated.

The vendored table (``data/prices.toml``) says when it was read and from where; a user
overrides any row in ``<data dir>/prices.toml`` or the file named by ``OPTIMIZER_PRICES``
so every dollar figure can be traced to a dated price.
"""

from __future__ import annotations

import datetime
import math
import os
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .config import PACKAGE_DATA, configured_data_dir, describe_os_error
from .errors import ConfigError, DataDirError, PriceError, shown

PRICES_ENV = "OPTIMIZER_PRICES"
_VENDORED = PACKAGE_DATA / "prices.toml"
_PER = 1_000_000
_FIELDS = ("input", "cached_input", "output")
_TOP_KEYS = frozenset({"as_of", "source", "models"})
_MAX_FILE_BYTES = 1024 * 1024  # a price table is a few KB; more is the wrong file


@dataclass(frozen=True)
class ModelPrice:
    """One model's prices in USD per 1M tokens (fresh input, cached input, output)."""

    model: str
    input: float
    cached_input: float
    output: float


@dataclass(frozen=True)
class PriceTable:
    """A dated, validated price table: ``as_of`` and ``source`` say where the prices come from."""

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
        """``find(model)`` or a ConfigError that says which file to add the row to."""
        found = self.find(model)
        if found is None:
            raise ConfigError(
                f"no price for model '{model}'; add a [models.\"{model}\"] row with input, "
                f"cached_input and output (USD per 1M tokens) to {shown(override_path()[0] or PRICES_ENV)}"
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


def _read_toml(path: Path, *, required_by: str | None) -> dict[str, Any] | None:
    """The TOML document in ``path``; None when an optional file is absent.

    ``required_by`` names who asked for the file (e.g. ``OPTIMIZER_PRICES``): then a
    missing file is an error instead of "no overrides".
    """
    where = shown(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(_MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        if required_by is None:
            return None
        if path == _VENDORED:
            raise PriceError(
                f"the vendored price table {where} is missing; restore it from a clean checkout "
                "(git checkout -- optimizer/data/prices.toml)"
            ) from None
        raise PriceError(
            f"{required_by} names the price file {where}, which does not exist; nothing was loaded; "
            f"fix the path or unset {required_by}"
        ) from None
    except IsADirectoryError:
        raise PriceError(
            f"price file {where} is a folder, not a TOML file; point {PRICES_ENV} at the file itself"
        ) from None
    except OSError as exc:
        raise PriceError(
            f"cannot read the price file {where} ({describe_os_error(exc)}); fix its permissions or unset {PRICES_ENV}"
        ) from None
    if len(raw) > _MAX_FILE_BYTES:
        raise PriceError(
            f"price file {where} is over {_MAX_FILE_BYTES // 1024 // 1024} MB; a price table is a few KB, "
            "so it is probably the wrong file"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PriceError(
            f"price file {where} is not UTF-8 text (invalid byte at offset {exc.start}: a binary file?); "
            "give a TOML file like optimizer/data/prices.toml"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PriceError(f"price file {where} is not valid TOML ({exc}); fix or remove it") from None
    except RecursionError:
        raise PriceError(f"price file {where} is nested too deeply to be a price table; fix or remove it") from None


def _price_value(model: str, key: str, value: object, where: str) -> float:
    """One price, refused unless it is a finite, non-negative TOML number."""
    row = f"price row '{model}' in {where}"
    # bool is an int subclass: test it first so `true` is not read as 1.0.
    if isinstance(value, bool):
        raise PriceError(f"{row}: {key} is {str(value).lower()} (a boolean); write a number of USD per 1M tokens")
    if isinstance(value, str):
        raise PriceError(f'{row}: {key} is the string "{value}"; write the number without quotes, e.g. {key} = 0.15')
    if not isinstance(value, (int, float)):
        raise PriceError(f"{row}: {key} is a {type(value).__name__}, not a number of USD per 1M tokens")
    number = float(value)
    if not math.isfinite(number):
        raise PriceError(f"{row}: {key} is {value}; write a finite number of USD per 1M tokens")
    if number < 0:
        raise PriceError(f"{row}: {key} is negative ({value}); a price is 0 or more USD per 1M tokens")
    return number


def _rows(doc: dict[str, Any], path: Path) -> dict[str, ModelPrice]:
    """Every ``[models.NAME]`` row of ``doc``, validated; the file and the row are named on error."""
    where = shown(path)
    unknown = sorted(set(doc) - _TOP_KEYS)
    if unknown:
        raise PriceError(
            f"price file {where} has an unknown top-level key '{unknown[0]}'; "
            f'rows go under [models."NAME"] and only as_of and source sit above them'
        )
    for key in ("as_of", "source"):
        if key in doc and not isinstance(doc[key], (str, datetime.date)):
            raise PriceError(f"price file {where}: {key} must be a string or a date, not a {type(doc[key]).__name__}")
    models = doc.get("models", {})
    if not isinstance(models, dict):
        raise PriceError(
            f"price file {where}: models is a {type(models).__name__}; "
            f'write one [models."NAME"] table per model with input, cached_input and output'
        )
    rows: dict[str, ModelPrice] = {}
    for model, row in models.items():
        if not model.strip():
            raise PriceError(f"price file {where} has a row with an empty model name")
        if not isinstance(row, dict):
            raise PriceError(
                f"price row '{model}' in {where} is a {type(row).__name__}; "
                f'write [models."{model}"] with input, cached_input and output'
            )
        extra = sorted(set(row) - set(_FIELDS))
        if extra:
            raise PriceError(
                f"price row '{model}' in {where} has an unknown key '{extra[0]}'; use {', '.join(_FIELDS)}"
            )
        missing = [k for k in _FIELDS if k not in row]
        if missing:
            raise PriceError(
                f"price row '{model}' in {where} needs numeric {', '.join(_FIELDS)} (missing: {', '.join(missing)})"
            )
        rows[model] = ModelPrice(model, *(_price_value(model, k, row[k], where) for k in _FIELDS))
    return rows


def override_path() -> tuple[Path | None, str | None]:
    """The override file in effect and who requires it.

    Returns ``($OPTIMIZER_PRICES, "OPTIMIZER_PRICES")`` when the variable is set (the
    file must then exist), else ``(<data dir>/prices.toml, None)`` (optional), or
    ``(None, None)`` when no data folder can be named (no home folder).
    """
    env = os.environ.get(PRICES_ENV)
    if env:
        return Path(env).expanduser(), PRICES_ENV
    try:
        return configured_data_dir() / "prices.toml", None
    except DataDirError:  # no data folder can be named, so no optional override can be in it
        return None, None


def load_prices(override: Path | None = None) -> PriceTable:
    """The vendored table with the user's override file (if any) applied on top.

    Args:
        override: an override file that must exist; default: ``$OPTIMIZER_PRICES`` (must
            exist when set), else ``<data dir>/prices.toml`` (used when present).

    Returns:
        The merged, validated table. Rows the override does not name keep their vendored price.

    Raises:
        PriceError: a file is missing (when required), unreadable, not TOML, or a row holds
            something other than a finite non-negative number (``nan``, ``inf``, ``-1``,
            ``"0.15"``, ``true``...). The message names the file and the row. Nothing
            falls back silently: a wrong price would record wrong costs in the ledger.

    >>> load_prices().price("local").output
    0.0
    """
    base = _read_toml(_VENDORED, required_by="the package")  # the vendored table is never optional
    assert base is not None
    models = _rows(base, _VENDORED)
    as_of, source = str(base["as_of"]), str(base["source"])
    if override is None:
        override, required_by = override_path()
    else:
        required_by = "the caller"
    doc = None if override is None else _read_toml(override, required_by=required_by)
    if doc is not None:
        models.update(_rows(doc, override))
        as_of = str(doc.get("as_of", f"{as_of} + overrides"))
        source = str(doc.get("source", f"{source} + {shown(override)}"))
    return PriceTable(as_of, source, MappingProxyType(models))


_table: PriceTable | None = None
_table_lock = threading.Lock()


def price_table() -> PriceTable:
    """The process-wide table (loaded once; call ``reload_prices`` after editing).

    A table that fails validation is not kept: every call raises the same PriceError
    until the file is fixed, so the fix needs no restart.
    """
    global _table
    with _table_lock:
        if _table is None:
            _table = load_prices()
        return _table


def reload_prices() -> PriceTable:
    """Forget the process-wide table and load it again (after editing an override file)."""
    global _table
    with _table_lock:
        _table = None
    return price_table()


def cost(model: str, input_tokens: int, output_tokens: int, cached_tokens: int = 0) -> float:
    """USD for one call with the process-wide table (see :meth:`PriceTable.cost`)."""
    return price_table().cost(model, input_tokens, output_tokens, cached_tokens)
