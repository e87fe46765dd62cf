"""The run ledger: one row per generation, on SQLite (embedded default) or PostgreSQL (a
team), with the same schema, queries and CSVs on both.

Every figure on the Stats page and in ``python -m optimizer stats`` comes from here. No
API key or URL credential is ever written (the row has no column for a key; endpoints
and errors are redacted).

Nothing is lost and nothing raises a driver error:

- a data folder that cannot be written, or a PostgreSQL server that is down at start →
  *degraded mode*: runs are kept in a private in-memory ledger for this process, the
  notice says where they could not be written, and the real ledger is retried every
  30 s (what was kept in memory is copied there once it works);
- a damaged SQLite file → moved aside to ``ledger.sqlite3.corrupt-<timestamp>`` (never
  deleted), a new ledger started, and the notice says where the old one is;
- a write that fails (disk full, connection lost) → the run is kept in memory and
  written before the next one; the notice says so.

>>> import tempfile, pathlib
>>> ledger = Ledger(pathlib.Path(tempfile.mkdtemp()) / "ledger.sqlite3")
>>> ledger.record(RunRecord("market", "local", "local", "none", "market-t1", "medium", 80, 60, 20, 0.0))
1
>>> ledger.summary()["runs"]
1
"""

from __future__ import annotations

import atexit
import io
import os
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, overload

from ..config import data_dir
from ..export import write_runs_csv
from . import queries
from .migrations import latest_version
from .queries import RunFilter
from .records import COLUMNS, TEXT_CAP_BYTES, CostBasis, RunRecord, RunSource, normalize_row
from .sqlite import SQLiteStore, move_aside
from .store import (
    LedgerError,
    LedgerVersionError,
    Store,
    StoreCorrupt,
    StoreReadFailed,
    StoreUnavailable,
    StoreWriteFailed,
)

__all__ = [
    "DATABASE_URL_ENV",
    "SCHEMA_VERSION",
    "TEXT_CAP_BYTES",
    "CostBasis",
    "Ledger",
    "LedgerError",
    "LedgerVersionError",
    "RunFilter",
    "RunRecord",
    "RunSource",
    "open_ledger",
]

DATABASE_URL_ENV = "OPTIMIZER_DATABASE_URL"
LEDGER_FILE = "ledger.sqlite3"
SCHEMA_VERSION = latest_version()
RETRY_PRIMARY_S = 30.0  # degraded mode: how often the real ledger is tried again
_PAGE = 500  # rows per page when streaming

if TYPE_CHECKING:
    from ..prompts.optimizer import TemplateRecord

_open_ledgers: weakref.WeakSet[Ledger] = weakref.WeakSet()


class Ledger:
    """The run ledger. Thread-safe; one per process is enough (studio: a cached resource).

    ``Ledger(path)`` is SQLite at ``path``; ``Ledger(url=...)`` is PostgreSQL;
    ``Ledger()`` follows ``OPTIMIZER_DATABASE_URL`` and falls back to
    ``<data dir>/ledger.sqlite3`` (the same as :func:`open_ledger`).

    ``text_cap`` bounds the stored request, context and answer (UTF-8 bytes each).

    Raises :class:`LedgerVersionError` (one sentence) when the ledger was written by a
    newer release; every other failure is handled (see the module) and said in
    :attr:`notice`.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        url: str | None = None,
        text_cap: int = TEXT_CAP_BYTES,
        read_only: bool = False,
    ):
        if path is None and url is None:
            url = os.environ.get(DATABASE_URL_ENV) or None
        self._url = url
        self._path = None if url else Path(path) if path is not None else data_dir(create=False) / LEDGER_FILE
        self.text_cap = int(text_cap)
        self._lock = threading.RLock()
        self._pending: list[dict[str, Any]] = []
        self._notices: dict[str, str] = {}
        self._retry_at = 0.0
        self._why = "the ledger could not be written"
        self._unavailable: str | None = None
        self._closed = False
        if read_only:  # a view of an SQLite file that cannot be written (see for_reading)
            if self._path is None:
                raise LedgerError("only an SQLite ledger can be opened read-only")
            self._store: Store = SQLiteStore(self._path, read_only=True)
            self._notices["read-only"] = (
                f"The ledger folder {self._path.parent} cannot be written: showing the runs in {self._path} as they "
                "are (read-only)."
            )
            return
        self._store = self._open()
        _open_ledgers.add(self)

    # -- where the runs go ---------------------------------------------------------------
    @property
    def target(self) -> str:
        """Where runs belong (a file path, or the database URL without its password)."""
        if self._url:
            from .postgres import display_url

            return display_url(self._url)
        return str(self._path)

    @property
    def backend(self) -> str:
        """``sqlite``, ``postgres``, or ``memory`` in degraded mode."""
        return self._store.kind

    @property
    def path(self) -> Path | None:
        """The SQLite file (None on PostgreSQL)."""
        return self._path

    @property
    def schema_version(self) -> int:
        """The schema version of the store in use (see ``ledger/migrations``)."""
        return self._store.schema_version

    @property
    def degraded(self) -> bool:
        """True while runs cannot reach the real ledger (kept in memory instead)."""
        return self._store.kind == "memory" or bool(self._pending)

    @property
    def unavailable(self) -> str | None:
        """Why the real ledger cannot be used right now (degraded mode), else None. A
        command that only reads (``stats``) should stop with this rather than show the
        empty in-memory ledger."""
        return self._unavailable if self._store.kind == "memory" else None

    def for_reading(self) -> Ledger:
        """A ledger to read from: this one, or in degraded mode a read-only view of the
        SQLite file it could not write (a read-only folder). Raises LedgerError (one
        sentence) when neither can be read, rather than show the empty stand-in."""
        if not self.unavailable:
            return self
        if self._path is not None and self._path.is_file():
            try:
                return Ledger(self._path, read_only=True)
            except LedgerVersionError:
                raise
            except LedgerError:
                pass
        raise LedgerError(f"{self.unavailable}; nothing was read or changed")

    @property
    def pending(self) -> int:
        """Runs kept in memory after a failed write, waiting for the next write."""
        return len(self._pending)

    @property
    def notices(self) -> list[str]:
        """What the user should know about the ledger, one sentence each (may be empty)."""
        return list(self._notices.values())

    @property
    def notice(self) -> str | None:
        """All notices in one string, or None."""
        return " ".join(self._notices.values()) or None

    def describe(self) -> dict[str, Any]:
        """The ledger's state for ``stats``, ``health`` and the studio."""
        return {
            "backend": self.backend,
            "location": self._store.location,
            "target": self.target,
            "schema_version": self.schema_version,
            "degraded": self.degraded,
            "pending": self.pending,
            "notices": self.notices,
        }

    # -- opening, degrading, recovering ------------------------------------------------------
    def _open_primary(self) -> Store:
        if self._url:
            from .postgres import PostgresStore

            return PostgresStore(self._url)
        try:
            return SQLiteStore(self._path)
        except StoreCorrupt as exc:
            self._move_aside(exc)
            return SQLiteStore(self._path)

    def _open(self) -> Store:
        try:
            return self._open_primary()
        except StoreCorrupt as exc:  # damaged again right after a fresh start: give up on the file
            return self._degrade(StoreUnavailable(f"cannot start a new ledger at {self._path} ({exc})"))
        except StoreUnavailable as exc:
            return self._degrade(exc)

    def _degrade(self, why: LedgerError) -> Store:
        self._retry_at = time.monotonic() + RETRY_PRIMARY_S
        self._unavailable = str(why)
        self._notices["degraded"] = (
            f"{_sentence(str(why))}: runs are kept in memory for this process only and will be lost "
            f"when it exits (retried every {RETRY_PRIMARY_S:.0f} s)."
        )
        return SQLiteStore(None)

    @property
    def started_anew(self) -> bool:
        """Whether this ledger found its file damaged, moved it aside and started an empty one
        (what the old file held, API keys included, is in the moved file)."""
        return "moved" in self._notices

    def _move_aside(self, exc: StoreCorrupt) -> None:
        assert self._path is not None
        try:
            moved = move_aside(self._path, exc.identity)
        except OSError as err:
            raise StoreUnavailable(
                f"the ledger file {self._path} is damaged ({exc}) and could not be moved aside ({err.strerror})"
            ) from None
        if moved is not None:
            self._notices["moved"] = (
                f"The ledger file {self._path} was damaged ({exc}); it was moved to {moved} (nothing was deleted) "
                "and a new ledger was started."
            )

    def _replace_damaged(self, exc: StoreCorrupt, store: Store) -> None:
        """``store`` found its file damaged mid-use: move it aside and start anew."""
        with self._lock:
            if self._store is not store:
                return  # another thread already did
            store.close()
            try:
                self._store = self._open_primary()
            except (StoreUnavailable, StoreCorrupt) as err:
                self._store = self._degrade(err)

    def _maybe_recover(self) -> None:
        """Degraded mode: try the real ledger again; on success, copy the runs kept in
        memory into it and switch."""
        if self._store.kind != "memory" or time.monotonic() < self._retry_at:
            return
        try:
            primary = self._open_primary()
        except LedgerError:
            self._retry_at = time.monotonic() + RETRY_PRIMARY_S
            return
        memory = self._store
        kept = [{c: r[c] for c in COLUMNS} for r in memory.fetch("SELECT * FROM runs ORDER BY id")]
        try:
            if kept:
                primary.insert(kept)
        except LedgerError:
            primary.close()
            self._retry_at = time.monotonic() + RETRY_PRIMARY_S
            return
        self._store = primary
        memory.close()
        self._unavailable = None
        self._notices.pop("degraded", None)
        self._notices["written"] = (
            f"The ledger at {primary.location} can be written again: {len(kept)} run(s) kept in memory were written to it."
        )

    def _insert(self, rows: list[dict[str, Any]]) -> list[int]:
        store = self._store
        try:
            return store.insert(rows)
        except StoreCorrupt as exc:
            self._replace_damaged(exc, store)
            return self._store.insert(rows)

    def _flush_pending(self) -> bool:
        """Write the runs kept after a failed write; True when none is left."""
        if not self._pending:
            return True
        if time.monotonic() < self._retry_at:
            return False
        try:
            self._insert(self._pending)
        except (StoreWriteFailed, StoreCorrupt):
            self._retry_at = time.monotonic() + self._store.retry_interval_s
            return False
        written = len(self._pending)
        self._pending.clear()
        self._notices.pop("pending", None)
        self._notices["written"] = (
            f"{written} run(s) kept in memory were written to the ledger at {self._store.location}."
        )
        return True

    def _keep(self, rows: list[dict[str, Any]], why: LedgerError | None) -> None:
        self._pending.extend(rows)
        if why is not None:
            self._retry_at = time.monotonic() + self._store.retry_interval_s
            self._why = str(why)
        self._notices["pending"] = (
            f"{_sentence(self._why)}: {len(self._pending)} run(s) are kept in memory and will be written at the "
            "next run; they are lost if this process exits first."
        )

    # -- writing -----------------------------------------------------------------------
    def record(self, run: RunRecord) -> int | None:
        """Store one run (one INSERT); return its id, or None when it is kept in memory
        because the ledger cannot be written right now (see :attr:`notice`). Never raises
        for a storage failure."""
        ids = self.record_many([run])
        return ids[0] if ids else None

    def record_many(self, runs: Iterable[RunRecord]) -> list[int]:
        """Store several runs in one transaction; their ids, or ``[]`` when they are kept
        in memory (see :meth:`record`)."""
        rows = [r.as_row(text_cap=self.text_cap) for r in runs]
        if not rows:
            return []
        with self._lock:
            self._notices.pop("written", None)
            self._maybe_recover()
            if not self._flush_pending():
                self._keep(rows, None)
                return []
            try:
                return self._insert(rows)
            except (StoreWriteFailed, StoreCorrupt) as exc:  # StoreCorrupt: damaged again at once
                self._keep(rows, exc)
                return []

    # -- reading -------------------------------------------------------------------------
    def _fetch(self, sql: str, args: list[Any]) -> list[dict[str, Any]]:
        with self._lock:
            self._maybe_recover()
            self._flush_pending()
            store = self._store
        try:
            try:
                rows = store.fetch(sql, args)
            except StoreCorrupt as exc:
                self._replace_damaged(exc, store)
                rows = self._store.fetch(sql, args)
            except StoreReadFailed:
                if self._store is store:
                    raise
                rows = self._store.fetch(sql, args)  # another thread swapped the store meanwhile
        except (StoreReadFailed, StoreCorrupt) as exc:
            raise LedgerError(f"{exc}; nothing was lost: try again when it is back") from None
        return [normalize_row(r) for r in rows]

    def query(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement (``?`` placeholders) on a table that lives beside the runs in
        the ledger's database (the gateway's ``api_keys``); its rows as dictionaries. A
        write must end in ``RETURNING ...`` (PostgreSQL fetches its rows).

        Never touches the in-memory stand-in of the degraded mode: such tables must be
        shared, so a ledger that cannot reach its database raises instead.

        :raises LedgerError: the database cannot be reached, or refused the statement
            (one sentence; nothing was changed).

        >>> import tempfile, pathlib
        >>> Ledger(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite3").query("SELECT COUNT(*) AS n FROM api_keys")
        [{'n': 0}]
        """
        with self._lock:
            self._maybe_recover()
            store = self._store
        if store.kind == "memory" or getattr(store, "read_only", False):
            why = self.unavailable or f"the ledger at {store.location} can only be read"
            raise LedgerError(f"{why}; nothing was read or changed")
        try:
            return store.fetch(sql, list(args))
        except (StoreReadFailed, StoreCorrupt) as exc:
            raise LedgerError(f"{exc}; nothing was changed: try again when it is back") from None

    def runs(self, *, limit: int = 100, offset: int = 0, text: bool = True, **filters: Any) -> list[dict[str, Any]]:
        """One page of matching runs, newest first (``filters``: see :class:`RunFilter`).
        ``text=False`` leaves out the request and answer columns. For every run use
        :meth:`iter_runs`."""
        return self._fetch(*queries.runs_sql(RunFilter(**filters), limit=limit, offset=offset, text=text))

    def iter_runs(self, *, text: bool = True, page_size: int = _PAGE, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every matching run, newest first, read page by page (no cap, bounded memory)."""
        f = RunFilter(**filters)
        before: int | None = None
        while True:
            page = self._fetch(*queries.runs_sql(f, limit=page_size, before_id=before, text=text))
            yield from page
            if len(page) < page_size:
                return
            before = page[-1]["id"]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.iter_runs()

    def count(self, **filters: Any) -> int:
        """How many runs match."""
        return int(self._fetch(*queries.count_sql(RunFilter(**filters)))[0]["n"])

    def get(self, run_id: int) -> dict[str, Any] | None:
        """One run by id, or None."""
        rows = self._fetch(*queries.get_sql(run_id))
        return rows[0] if rows else None

    def distinct(self, column: str, **filters: Any) -> list[Any]:
        """The distinct values of a column among the matching runs (for filter widgets)."""
        return [r["value"] for r in self._fetch(*queries.distinct_sql(column, RunFilter(**filters)))]

    def users(self) -> list[str]:
        """Everyone who has a run, sorted."""
        return [u for u in self.distinct("user") if u]

    def summary(self, **filters: Any) -> dict[str, Any]:
        """Totals over the matching runs: counts, usage, cost, savings by source (tokens
        by the reference tokenizer, dollars at each run's price), end states."""
        f = RunFilter(**filters)
        out = self._fetch(*queries.summary_sql(f))[0]
        out = {k: (v if v is not None else 0) for k, v in out.items()}
        out["hit_rate"] = out["cache_hits"] / out["runs"] if out["runs"] else 0.0
        sources = ("cache", "prompt", "context", "output")
        out["saved_usd"] = sum(out[f"saved_{s}_usd"] for s in sources)
        out["saved_tokens"] = sum(out[f"saved_{s}_tokens"] for s in sources)
        out["end_states"] = {r["end_state"] or "unknown": r["n"] for r in self._fetch(*queries.end_states_sql(f))}
        out["reference_tokenizers"] = [t for t in self.distinct("reference_tokenizer", **filters) if t]
        out["priced_as"] = [p for p in self.distinct("priced_as", **filters) if p]
        return out

    def template_record(self, template_id: str) -> TemplateRecord:
        """A template's generated runs and how many were usable (for the confidence
        score). Never raises: an unreadable ledger reads as no history."""
        from ..prompts.optimizer import TemplateRecord  # lazily: prompts pulls in the providers

        try:
            row = self._fetch(*queries.template_record_sql(template_id))[0]
        except LedgerError:
            return TemplateRecord()
        return TemplateRecord(int(row["runs"] or 0), int(row["ok"] or 0))

    def template_usage(self) -> list[dict[str, Any]]:
        """Per template: runs, cache hits, mean confidence, usable answers."""
        return self._fetch(*queries.template_usage_sql())

    # -- export ------------------------------------------------------------------------
    @overload
    def to_csv(self, out: None = None, **filters: Any) -> str: ...
    @overload
    def to_csv(self, out: IO[str], **filters: Any) -> int: ...

    def to_csv(self, out: IO[str] | None = None, **filters: Any) -> str | int:
        """Every matching run as CSV, streamed to ``out`` (returns the row count); without
        ``out``, the CSV text. Headers name the unit and the reference tokenizer."""
        tokenizers = [t for t in self.distinct("reference_tokenizer", **filters) if t]
        tokenizer = tokenizers[0] if len(tokenizers) == 1 else None
        rows = self.iter_runs(**filters)
        if out is not None:
            return write_runs_csv(rows, out, tokenizer=tokenizer)
        buffer = io.StringIO()
        write_runs_csv(rows, buffer, tokenizer=tokenizer)
        return buffer.getvalue()

    # -- closing -------------------------------------------------------------------------
    def reopen(self) -> Ledger:
        """Another ledger on the same database, with connections of its own: a reader that
        must not wait behind this one's writes (the gateway checks keys while its batch
        writer inserts runs). Close it when done.

        :raises LedgerError: as the constructor.
        """
        return Ledger(self._path, url=self._url, text_cap=self.text_cap)

    def close(self) -> None:
        """Write what is kept in memory if the ledger takes it, then release connections."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._retry_at = 0.0
            try:
                self._flush_pending()
            finally:
                self._store.close()
                _open_ledgers.discard(self)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def open_ledger(*, path: Path | str | None = None, url: str | None = None) -> Ledger:
    """The ledger this process should use: PostgreSQL at ``url`` or
    ``$OPTIMIZER_DATABASE_URL`` when set, else SQLite at ``path`` (default
    ``<data dir>/ledger.sqlite3``).

    >>> open_ledger(path="/tmp/optimizer-doctest/ledger.sqlite3").backend  # doctest: +SKIP
    'sqlite'
    """
    url = url or os.environ.get(DATABASE_URL_ENV) or None
    return Ledger(None if url else path, url=url) if url else Ledger(path or data_dir(create=False) / LEDGER_FILE)


@atexit.register
def _close_at_exit() -> None:
    # A last try for runs kept after a failed write (a disk that has room again), then
    # the connections (a PostgreSQL pool's threads) are closed cleanly.
    for ledger in list(_open_ledgers):
        try:
            ledger.close()
        except Exception:
            pass
