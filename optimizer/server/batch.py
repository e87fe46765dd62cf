"""Ledger writes off the request path: runs are queued and written in batches by one thread.

A gateway answers many small requests at once; writing each run in its own transaction on
the request path costs a PostgreSQL commit (milliseconds) per request. :class:`BatchLedger`
takes the run (``record`` returns at once), and a writer thread writes what has queued up
in one ``record_many`` transaction. No run is lost or written twice:

* a batch the ledger cannot write is kept by the ledger itself (in memory, written before
  the next batch; see :class:`optimizer.ledger.Ledger`);
* :meth:`BatchLedger.close` (the server's shutdown) stops taking runs, writes every queued
  one and closes the ledger, which makes a last try for anything it kept;
* each run is handed to ``record_many`` exactly once.

It stands in for the :class:`~optimizer.ledger.Ledger` given to a
:class:`~optimizer.generate.GenerationService` (``record``, ``notices``; everything else is
the ledger's own).
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from ..ledger import Ledger, RunRecord

_STOP = object()


class BatchLedger:
    """A ledger whose ``record`` queues; a thread writes up to ``max_batch`` runs at a time.

    :param ledger: where the runs go.
    :param max_batch: the most runs in one transaction.

    >>> import tempfile, pathlib
    >>> ledger = BatchLedger(Ledger(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite3"))
    >>> ledger.record(RunRecord("chat", "openai", "m", "none", "chat", "none", 1, 1, 1, 0.0)) is None
    True
    >>> ledger.flush()
    True
    >>> ledger.count()
    1
    >>> ledger.close()
    """

    def __init__(self, ledger: Ledger, *, max_batch: int = 256) -> None:
        self.ledger = ledger
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._queued = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._closed = False
        self.written = 0  # runs handed to the ledger so far
        self._thread = threading.Thread(target=self._run, name="ledger-batch-writer", daemon=True)
        self._thread.start()

    # -- what GenerationService uses -----------------------------------------------------------
    def record(self, run: RunRecord) -> None:
        """Queue ``run``; it is written within moments. Returns None (no id yet).

        After :meth:`close`, writes it at once (nothing is dropped).
        """
        with self._lock:
            if not self._closed:
                self._queued += 1
                self._queue.put(run)
                return None
        self.ledger.record(run)
        return None

    @property
    def notices(self) -> list[str]:
        """The ledger's notices (degraded mode, waiting writes) for the health report."""
        return self.ledger.notices

    @property
    def pending(self) -> int:
        """Runs queued and not yet handed to the ledger (plus any it keeps after a failed write)."""
        return self._queued + self.ledger.pending

    def __getattr__(self, name: str) -> Any:  # reads (count, summary, template_record...) go to the ledger
        return getattr(self.ledger, name)

    # -- the writer ------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            try:
                self.ledger.record_many(batch)  # never raises for storage; keeps what it cannot write
            finally:
                with self._lock:
                    self._queued -= len(batch)
                    self.written += len(batch)
                    self._idle.notify_all()
            if stop:
                return

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued run was handed to the ledger; False on timeout."""
        with self._lock:
            return self._idle.wait_for(lambda: self._queued == 0, timeout=timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Write every queued run, stop the thread, close the ledger (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._queue.put(_STOP)
        self._thread.join(timeout=timeout)
        leftover = []
        while True:  # anything the thread did not reach (a join that timed out)
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                leftover.append(item)
        if leftover:
            self.ledger.record_many(leftover)
        self.ledger.close()
