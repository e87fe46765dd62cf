"""The cache: diskcache embedded by default, Redis for teams, guarded semantic hits."""

from __future__ import annotations

from .backends import Backend, BackendError, DiskBackend, RedisBackend
from .guard import GUARD_EXPLANATION
from .keys import CacheRequest, normalize_prompt
from .policy import STRATEGIES, CachePolicy, Strategy
from .resilient import FallbackBackend, Health
from .service import CachedAnswer, CacheHit, CacheService, KeyInfo
from .stats import GeneratorStats, SeriesPoint

__all__ = [
    "GUARD_EXPLANATION",
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
    "GeneratorStats",
    "Health",
    "KeyInfo",
    "RedisBackend",
    "SeriesPoint",
    "Strategy",
    "normalize_prompt",
]
