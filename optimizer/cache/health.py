"""What ``health()`` says, and the stand-in for a store that could not be opened.

:class:`UnavailableBackend` stands in when a store cannot be opened at all (a read-only
cache folder): every call raises the one sentence that says why, health says "down", and
the service runs uncached. It tries to open the store again every ``retry_after`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .backends import Backend, BackendError


class HealthStatus(StrEnum):
    """How the cache is doing, from the user's side."""

    OK = "ok"  # everything works as configured
    DEGRADED = "degraded"  # answers still served, something is not as configured (see detail)
    DOWN = "down"  # the cache is off: generations run uncached


@dataclass(frozen=True)
class Health:
    """What ``health()`` reports: which store was configured, which answers, and why.

    ``kind`` is the fault's kind ("unreachable", "auth", "out of memory", "permission",
    "read-only", "full", "corrupt", "busy") or "" when healthy; ``detail`` is one sentence,
    credentials redacted; ``notices`` are things the user should know that are not faults
    (a damaged file moved aside, entries waiting to be copied up); ``signed`` says whether
    entries are signed with the team secret.
    """

    backend: str  # what was configured: "disk" or "redis"
    active: str  # what answers now: "disk", "redis" or "none"
    status: HealthStatus | str  # HealthStatus; plain strings compare equal
    detail: str = ""
    kind: str = ""
    signed: bool = False
    notices: tuple[str, ...] = ()

    @property
    def healthy(self) -> bool:
        """Whether the cache is fully working (status OK)."""
        return self.status == HealthStatus.OK

    @property
    def integrity(self) -> str:
        """One sentence on whether entries are signed."""
        if self.signed:
            return "entries are signed (HMAC-SHA256 with the team secret); forged entries are rejected"
        return "entries are unsigned: set OPTIMIZER_TEAM_SECRET to sign them and reject forged ones"

    def as_dict(self) -> dict[str, Any]:
        """The health as a JSON-ready dictionary (``cache health``, the API's ``/health``)."""
        return {
            "backend": self.backend,
            "active": self.active,
            "status": str(self.status),
            "kind": self.kind,
            "detail": self.detail,
            "signed": self.signed,
            "integrity": self.integrity,
            "notices": list(self.notices),
        }


class UnavailableBackend:
    """A store that could not be opened: every call raises why; it retries the open now and then."""

    def __init__(
        self, error: BackendError, name: str, reopen: Callable[[], Backend] | None = None, retry_after: float = 30.0
    ) -> None:
        self.error = error
        self.name = name
        self._reopen = reopen
        self._retry_after = retry_after
        self._tried = time.monotonic()
        self._inner: Backend | None = None
        self._lock = threading.Lock()

    def _backend(self) -> Backend:
        if self._inner is not None:
            return self._inner
        if self._reopen is not None and time.monotonic() - self._tried >= self._retry_after:
            with self._lock:
                self._tried = time.monotonic()
                try:
                    self._inner = self._reopen()
                    return self._inner
                except BackendError as exc:
                    self.error = exc
        raise self.error

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        return getattr(self._backend(), method)

    @property
    def available(self) -> bool:
        """Whether the real backend can be opened now (tries to reopen it after the retry delay)."""
        try:
            self._backend()
            return True
        except BackendError:
            return False

    def close(self) -> None:
        """Close the real backend if it was ever opened."""
        if self._inner is not None:
            self._inner.close()
