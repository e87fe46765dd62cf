"""What a ledger backend provides, and the errors it reports.

A store is a place rows live: SQLite (a file, or memory for the degraded mode) or
PostgreSQL. It knows how to open and migrate itself, insert rows and run the portable
queries of :mod:`optimizer.ledger.queries`; the :class:`~optimizer.ledger.Ledger` decides
what to do when one fails. Every error here is an :class:`OptimizerError` with a sentence
a user can read, so one that escapes is never a traceback.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import OptimizerError
from .migrations import Migration, latest_version, migrations
from .records import COLUMNS


class LedgerError(OptimizerError):
    """The ledger cannot do what was asked; the message says what happened and what to do."""


class LedgerVersionError(LedgerError):
    """The ledger was written by a newer release (a higher schema version than this code knows)."""


class StoreUnavailable(LedgerError):
    """A store could not be opened (folder not writable, server down, bad URL)."""


class StoreWriteFailed(LedgerError):
    """A write failed for a reason that may pass (disk full, connection lost)."""


class StoreReadFailed(LedgerError):
    """A read failed (connection lost)."""


class StoreCorrupt(LedgerError):
    """The SQLite file is damaged (truncated, overwritten, not a database)."""

    identity: tuple[int, int] | None = None  # (st_dev, st_ino) of the damaged file


def newer_schema_message(location: str, found: int, latest: int) -> str:
    """The one sentence for a ledger written by a newer release."""
    return (
        f"the ledger at {location} was written by a newer release of Optimizer Studio (schema version {found}; "
        f"this release reads up to {latest}); upgrade Optimizer Studio, or point OPTIMIZER_DATA_DIR / "
        "OPTIMIZER_DATABASE_URL at another ledger. Nothing was changed."
    )


def pending_migrations(backend: str, location: str, current: int) -> tuple[Migration, ...]:
    """The migrations a ``backend`` ledger at schema version ``current`` still needs, oldest first.

    The one place the rule "never touch a ledger from a newer release" is applied, for
    both backends and for the read-only SQLite mode.

    >>> pending_migrations("sqlite", "memory", latest_version())
    ()

    :raises LedgerVersionError: ``current`` is newer than this release knows (nothing is changed).
    """
    latest = latest_version()
    if current > latest:
        raise LedgerVersionError(newer_schema_message(location, current, latest))
    return migrations(backend)[current:]


class Store(ABC):
    """A backend: rows in, dictionaries out. Thread-safe."""

    kind: str  # "sqlite", "memory" or "postgres"
    location: str  # where the rows live, safe to show (no credentials)
    schema_version: int
    # After a failed write, wait this long before trying again (a server that is down
    # costs a connect timeout per try; a full disk fails at once).
    retry_interval_s: float = 0.0

    @abstractmethod
    def insert(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert ``rows`` (``RunRecord.as_row`` dictionaries) in one transaction and
        return their ids. Raises StoreWriteFailed or StoreCorrupt."""

    @abstractmethod
    def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a portable query (``?`` placeholders) and return its rows as dictionaries.
        Raises StoreReadFailed or StoreCorrupt."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store is not used afterwards."""


def insert_sql(placeholder: str) -> str:
    """``INSERT INTO runs (...) VALUES (...)`` for every RunRecord column."""
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    return f"INSERT INTO runs ({names}) VALUES ({', '.join(placeholder for _ in COLUMNS)})"


def one_line(text: str) -> str:
    """A driver message on one line (libpq's span several)."""
    return " ".join(str(text).split()).rstrip(".")
