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
from collections.abc import Callable
from typing import Any

from ..ledger import Ledger, RunRecord

_STOP = object()


def take_batch(q: queue.Queue, stop: object, *, most: int) -> tuple[list[Any], bool]:
    """Wait for one item, then take what else is queued, up to ``most`` items. Returns the
    items and whether ``stop`` came (the worker ends after writing them).

    >>> q = queue.Queue(); [q.put(i) for i in (1, 2, _STOP)] and None
    >>> take_batch(q, _STOP, most=16)
    ([1, 2], True)
    """
    first = q.get()
    if first is stop:
        return [], True
    items = [first]
    while len(items) < most:
        try:
            item = q.get_nowait()
        except queue.Empty:
            break
        if item is stop:
            return items, True
        items.append(item)
    return items, False


def stop_worker(q: queue.Queue, thread: threading.Thread, stop: object, *, timeout: float) -> list[Any]:
    """Ask a queue's worker thread to end (``stop`` queued last), wait up to ``timeout``
    seconds, and return what it did not reach (a join that timed out), never ``stop``.

    >>> q = queue.Queue(); q.put(1)
    >>> stop_worker(q, threading.Thread(target=lambda: None), _STOP, timeout=0)
    [1]
    """
    q.put(stop)
    if thread.is_alive():
        thread.join(timeout=timeout)
    leftover = []
    while True:
        try:
            item = q.get_nowait()
        except queue.Empty:
            return leftover
        if item is not stop:
            leftover.append(item)


class QueueWriter:
    """A thread that writes queued items a batch at a time: the base of the gateway's
    ledger and cache writers. A subclass stores items in ``_write`` (never raising for the
    store's sake), may keep books on written items in ``_written`` (called under the
    lock) and closes its store in ``_close_store``.

    :param max_batch: the most items in one write.
    :param name: the thread's name.
    """

    def __init__(self, *, max_batch: int, name: str) -> None:
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._queued = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _enqueue(self, item: Any, admit: Callable[[], None] | None = None) -> bool:
        """Queue ``item`` (``admit`` runs first, under the lock); False once closed: the
        caller then writes it itself, so nothing is dropped."""
        with self._lock:
            if self._closed:
                return False
            if admit is not None:
                admit()
            self._queued += 1
            self._queue.put(item)
            return True

    def _write(self, items: list[Any]) -> None:
        raise NotImplementedError

    def _written(self, items: list[Any]) -> None:
        """Books kept once ``items`` were written (under the lock); nothing by default."""

    def _close_store(self) -> None:
        raise NotImplementedError

    def _run(self) -> None:
        while True:
            items, stop = take_batch(self._queue, _STOP, most=self.max_batch)
            if not items:
                return
            try:
                self._write(items)
            finally:
                with self._lock:
                    self._queued -= len(items)
                    self._written(items)
                    self._idle.notify_all()
            if stop:
                return

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued item was written; False on timeout."""
        with self._lock:
            return self._idle.wait_for(lambda: self._queued == 0, timeout=timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Write every queued item, stop the thread, close the store (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        leftover = stop_worker(self._queue, self._thread, _STOP, timeout=timeout)
        if leftover:  # what the thread did not reach (a join that timed out)
            self._write(leftover)
            with self._lock:
                self._queued -= len(leftover)
                self._written(leftover)
                self._idle.notify_all()
        self._close_store()


class BatchLedger(QueueWriter):
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
        self.written = 0  # runs handed to the ledger so far
        super().__init__(max_batch=max_batch, name="ledger-batch-writer")

    # -- what GenerationService uses -----------------------------------------------------------
    def record(self, run: RunRecord) -> None:
        """Queue ``run``; it is written within moments. Returns None (no id yet).

        After :meth:`close`, writes it at once (nothing is dropped).
        """
        if not self._enqueue(run):
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
    def _write(self, items: list[Any]) -> None:
        self.ledger.record_many(items)  # never raises for storage; keeps what it cannot write

    def _written(self, items: list[Any]) -> None:
        self.written += len(items)

    def _close_store(self) -> None:
        self.ledger.close()
