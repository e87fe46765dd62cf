"""The cache: diskcache embedded by default, Redis for teams, guarded semantic hits, signed entries."""

from __future__ import annotations

from .backends import Backend, BackendError, DiskBackend, RedisBackend
from .entry import CachedAnswer, MalformedEntry
from .faults import Fault
from .guard import GUARD_EXPLANATION
from .integrity import SECRET_ENV, RecordStatus, Signer, signer_from
from .keys import CacheRequest, normalize_prompt
from .policy import STRATEGIES, CachePolicy, Strategy
from .resilient import FallbackBackend, Health, HealthStatus, ReconcileReport, UnavailableBackend
from .service import CacheHit, CacheService, KeyInfo
from .stats import GeneratorStats, SeriesPoint

__all__ = [
    "GUARD_EXPLANATION",
    "SECRET_ENV",
    "STRATEGIES",
    "Backend",
    "BackendError",
    "CacheHit",
    "CachePolicy",
    "CacheRequest",
    "CacheService",
    "CachedAnswer",
    "DiskBackend",
    "FallbackBackend",
    "Fault",
    "GeneratorStats",
    "Health",
    "HealthStatus",
    "KeyInfo",
    "MalformedEntry",
    "ReconcileReport",
    "RecordStatus",
    "RedisBackend",
    "SeriesPoint",
    "Signer",
    "Strategy",
    "UnavailableBackend",
    "normalize_prompt",
    "signer_from",
]
