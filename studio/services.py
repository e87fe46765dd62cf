"""Shared, thread-safe objects, created once per server process (``st.cache_resource``).

User keys never reach these: a provider built with a key lives in the session only.
The cache is the team's (backend and strategy from :mod:`studio.team`, the Redis URL and
the team secret from the operator's configuration); the ledger is the team's
(``OPTIMIZER_DATABASE_URL``, else SQLite in the data folder). :func:`ledger` hands each
session a view that stamps every run it records with the signed-in person, so a run
always says who ran it, whatever a page passed.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st

from optimizer.cache import SECRET_ENV, CacheService
from optimizer.config import data_dir
from optimizer.errors import ConfigError
from optimizer.ledger import DATABASE_URL_ENV, Ledger, RunRecord, open_ledger

from . import auth
from .team import TeamSettings


# Keyed by the data folder too: one server process can serve another OPTIMIZER_DATA_DIR
# after a restart of the script (and each test uses its own). The team secret is part of
# the key, so it is hashed by Streamlit, never shown.
@st.cache_resource(show_spinner=False)
def _cache_service(backend: str, redis_url: str, strategy: str, folder: str, team_secret: str) -> CacheService:
    return CacheService.from_config(
        backend, redis_url or None, strategy, folder=Path(folder) / "cache", team_secret=team_secret or None
    )


def team_secret(secrets: dict[str, Any] | None = None) -> str:
    """The team secret that signs cache entries: secrets.toml's ``OPTIMIZER_TEAM_SECRET``,
    else the environment's (empty: entries unsigned)."""
    values = auth.secrets() if secrets is None else secrets
    return str(values.get(SECRET_ENV) or os.environ.get(SECRET_ENV) or "")


def cache_service(settings: TeamSettings) -> CacheService:
    """The team's cache as ``settings`` describe it (one per process and configuration).

    :raises ConfigError: redis without a URL, a team secret that is too short.
    """
    return _cache_service(
        settings.cache_backend, settings.redis_url, settings.strategy.value, str(data_dir()), team_secret()
    )


@st.cache_resource(show_spinner=False)
def _ledger(folder: str, url: str) -> Ledger:
    return open_ledger(path=Path(folder) / "ledger.sqlite3", url=url or None)


class UserLedger:
    """The shared ledger as one person sees it when recording: every run recorded through
    it carries ``user`` (the signed-in person), whatever the caller put there. Reads go
    to the shared ledger unchanged."""

    def __init__(self, ledger: Ledger, user: str) -> None:
        self._ledger = ledger
        self.user = user

    def record(self, run: RunRecord) -> int | None:
        """See :meth:`Ledger.record`; the run is recorded as ``self.user``'s."""
        return self._ledger.record(replace(run, user=self.user))

    def record_many(self, runs) -> list[int]:
        """See :meth:`Ledger.record_many`; every run is recorded as ``self.user``'s."""
        return self._ledger.record_many([replace(r, user=self.user) for r in runs])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ledger, name)


def shared_ledger() -> Ledger:
    """The process's ledger (PostgreSQL when ``OPTIMIZER_DATABASE_URL`` is set)."""
    return _ledger(str(data_dir(create=False)), os.environ.get(DATABASE_URL_ENV, ""))


def ledger() -> UserLedger:
    """The ledger for this session: the shared one, recording runs as the signed-in
    person (``local`` without sign-in)."""
    return UserLedger(shared_ledger(), auth.principal().user)


@st.cache_resource(show_spinner="Loading the embedded model (once)...")
def local_model_loaded() -> bool:
    from optimizer.providers.local import load_model

    try:
        load_model()
        return True
    except ConfigError:
        return False
