"""The team backend: PostgreSQL through psycopg 3 and a ``psycopg_pool`` connection pool.

Chosen when ``OPTIMIZER_DATABASE_URL`` is set (``postgresql://user:password@host:5432/db``;
any libpq URL or ``key=value`` string). Several studio processes, the CLI and the gateway
share one database; each sees the others' runs at once.

Opening applies the missing migrations in one transaction under an advisory lock, so
two processes that start together migrate once. Every message passes through
:func:`optimizer.redact.redact_text` with the password as a secret, so none carries it.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from ..redact import redact_text, redact_url
from .migrations import latest_version
from .records import COLUMNS
from .store import (
    Store,
    StoreReadFailed,
    StoreUnavailable,
    StoreWriteFailed,
    insert_sql,
    one_line,
    pending_migrations,
)

# pg_advisory_xact_lock key: the same for every process that migrates a ledger.
MIGRATION_LOCK_KEY = zlib.crc32(b"optimizer-studio ledger migrations")
DEFAULT_CONNECT_TIMEOUT_S = 3
DEFAULT_POOL_SIZE = 4


def display_url(url: str) -> str:
    """``url`` safe to show: password and secret parameters masked."""
    if "://" in url:
        return redact_url(url)
    return redact_text(url)  # key=value form: password=... is masked


class PostgresStore(Store):
    """Runs in a PostgreSQL database.

    ``timeout`` bounds how long a call waits for a connection (seconds); ``pool_size`` is
    the most connections this process opens. Raises StoreUnavailable (psycopg missing, a
    bad URL, the server down, a wrong password) or LedgerVersionError (newer schema).
    """

    kind = "postgres"
    retry_interval_s = 5.0

    def __init__(self, url: str, *, timeout: float | None = None, pool_size: int = DEFAULT_POOL_SIZE):
        self.location = display_url(url)
        self._secrets: tuple[str, ...] = ()
        self._timeout = float(timeout if timeout is not None else DEFAULT_CONNECT_TIMEOUT_S)
        self._sql_cache: dict[str, str] = {}
        self._lock = threading.Lock()
        try:
            import psycopg
            from psycopg.conninfo import conninfo_to_dict, make_conninfo
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise StoreUnavailable(
                "the PostgreSQL ledger needs psycopg and psycopg-pool (pip install -r requirements.txt)"
            ) from None
        self._psycopg = psycopg
        try:
            params = conninfo_to_dict(url)
        except psycopg.Error as exc:
            raise StoreUnavailable(
                f"OPTIMIZER_DATABASE_URL is not a PostgreSQL URL ({self._say(exc)}); "
                "use postgresql://user:password@host:5432/dbname"
            ) from None
        if params.get("password"):
            self._secrets = (str(params["password"]),)
        params.setdefault("connect_timeout", max(1, round(self._timeout)))
        params.setdefault("application_name", "optimizer-studio")
        conninfo = make_conninfo(**params)
        try:
            with psycopg.connect(conninfo) as conn:
                self.schema_version = self._migrate(conn)
        except psycopg.Error as exc:
            raise StoreUnavailable(f"cannot use the ledger database {self.location} ({self._say(exc)})") from None
        self._pool = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True},
            open=False,
            check=ConnectionPool.check_connection,  # a server restart leaves dead connections behind
            timeout=self._timeout,
            name="optimizer-ledger",
        )
        try:
            self._pool.open(wait=True, timeout=self._timeout)
        except psycopg.Error as exc:  # PoolTimeout is an OperationalError
            self._pool.close()
            raise StoreUnavailable(f"cannot use the ledger database {self.location} ({self._say(exc)})") from None

    # -- migrations -----------------------------------------------------------------------
    def _migrate(self, conn: Any) -> int:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK_KEY])
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            for step in pending_migrations("postgres", self.location, current):
                for statement in step.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (%s, %s, %s)",
                    [step.version, step.name, datetime.now(UTC).isoformat(timespec="seconds")],
                )
        return max(current, latest_version())

    # -- helpers ----------------------------------------------------------------------------
    def _say(self, exc: BaseException) -> str:
        """A driver error as one line, without the password."""
        if type(exc).__name__ == "PoolTimeout":
            return f"no connection within {self._timeout:g} s: is the server running and reachable?"
        text = one_line(str(exc)) or type(exc).__name__
        return redact_text(text, secrets=self._secrets)

    def _portable(self, sql: str) -> str:
        converted = self._sql_cache.get(sql)
        if converted is None:
            converted = self._sql_cache[sql] = sql.replace("?", "%s")
        return converted

    # -- Store --------------------------------------------------------------------------
    def insert(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert ``rows`` in one transaction; returns their ids in order.

        :raises StoreWriteFailed: the server refused or the connection was lost.
        """
        sql = insert_sql("%s") + " RETURNING id"
        params = [[row[c] for c in COLUMNS] for row in rows]
        try:
            with self._pool.connection() as conn:
                if len(params) == 1:
                    return [int(conn.execute(sql, params[0]).fetchone()[0])]
                ids: list[int] = []
                with conn.transaction(), conn.cursor() as cur:
                    cur.executemany(sql, params, returning=True)
                    while True:
                        ids.append(int(cur.fetchone()[0]))
                        if not cur.nextset():
                            break
                return ids
        except self._psycopg.Error as exc:
            raise StoreWriteFailed(
                f"could not write to the ledger database {self.location} ({self._say(exc)})"
            ) from None

    def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a portable query (``?`` placeholders) and return its rows as dictionaries.

        :raises StoreReadFailed: the server refused or the connection was lost.
        """
        from psycopg.rows import dict_row

        try:
            with self._pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
                cur.execute(self._portable(sql), list(args))
                return list(cur.fetchall())
        except self._psycopg.Error as exc:
            raise StoreReadFailed(f"could not read the ledger database {self.location} ({self._say(exc)})") from None

    def close(self) -> None:
        """Close the connection pool (idempotent)."""
        with self._lock:
            pool = getattr(self, "_pool", None)
            if pool is not None:
                pool.close()
