"""Shared, thread-safe objects, created once per server process (``st.cache_resource``).

User keys never reach these: a provider built with a key lives in the session only.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from optimizer.cache import CacheService
from optimizer.config import data_dir
from optimizer.errors import ConfigError
from optimizer.ledger import DATABASE_URL_ENV, Ledger, open_ledger


# Keyed by the data folder too: one server process can serve another OPTIMIZER_DATA_DIR
# after a restart of the script (and each test uses its own).
@st.cache_resource(show_spinner=False)
def _cache_service(backend: str, redis_url: str, strategy: str, folder: str) -> CacheService:
    return CacheService.from_config(backend, redis_url or None, strategy, folder=Path(folder) / "cache")


def cache_service(backend: str, redis_url: str, strategy: str) -> CacheService:
    return _cache_service(backend, redis_url, strategy, str(data_dir()))


@st.cache_resource(show_spinner=False)
def _ledger(folder: str, url: str) -> Ledger:
    return open_ledger(path=Path(folder) / "ledger.sqlite3", url=url or None)


def ledger() -> Ledger:
    return _ledger(str(data_dir(create=False)), os.environ.get(DATABASE_URL_ENV, ""))


@st.cache_resource(show_spinner="Loading the embedded model (once)...")
def local_model_loaded() -> bool:
    from optimizer.providers.local import load_model

    try:
        load_model()
        return True
    except ConfigError:
        return False
