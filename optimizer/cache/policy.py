"""Cache strategies and adaptive TTLs, with the sentence the UI shows for each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from ..errors import parse_choice

HOUR = 3600.0
DAY = 24 * HOUR

# How long an answer stays right. Costs and prices go stale fast; the science of an
# ingredient slowly. Override per generator in CachePolicy(base_ttl=...).
DEFAULT_BASE_TTL: Mapping[str, float] = MappingProxyType(
    {
        "costing": 6 * HOUR,
        "market": 1 * DAY,
        "branding": 3 * DAY,
        "formulation": 7 * DAY,
        "scientific": 30 * DAY,
    }
)
FALLBACK_BASE_TTL = 1 * DAY


class Strategy(StrEnum):
    """How eagerly the cache serves and keeps answers (see :data:`STRATEGIES`).

    >>> Strategy.parse("balanced") is Strategy.BALANCED
    True
    """

    AGGRESSIVE = "aggressive"
    BALANCED = "balanced"
    CONSERVATIVE = "conservative"

    @classmethod
    def parse(cls, value: str | Strategy) -> Strategy:
        """The strategy named ``value``; raises InputError listing the strategies otherwise."""
        return parse_choice(cls, value, "cache strategy")


@dataclass(frozen=True)
class StrategySettings:
    """What a strategy means: TTL multiplier, semantic match or exact repeats only, when to start caching."""

    ttl_multiplier: float
    semantic: bool  # serve requests the guard proves the same (see cache/guard.py)
    seen_before_caching: int  # 1: cache at once; 2: only a request seen twice in the window
    description: str


STRATEGIES: Mapping[Strategy, StrategySettings] = MappingProxyType(
    {
        Strategy.AGGRESSIVE: StrategySettings(
            4.0,
            True,
            1,
            "Caches every answer for 4x the base time. Serves a stored answer to a request worded "
            "differently when the guard proves it the same request (the same rules as balanced).",
        ),
        Strategy.BALANCED: StrategySettings(
            1.0,
            True,
            1,
            "Caches every answer; popular answers live longer. Serves a stored answer to a request "
            "worded differently only when the differences are harmless (casing, punctuation, "
            "lists, politeness, plurals, spelling, typos, abbreviations, clause and phrase "
            "order, a detail moved to its field) and every word, number and negation matches.",
        ),
        Strategy.CONSERVATIVE: StrategySettings(
            0.25,
            False,
            2,
            "Caches a request only once it was asked twice within an hour, for a quarter of the "
            "base time, and serves exact repeats only.",
        ),
    }
)

SEEN_WINDOW = HOUR
_HIT_BONUS = 0.5  # each hit adds half the base TTL...
_MAX_SCALE = 4.0  # ...up to 4x the base


@dataclass(frozen=True)
class CachePolicy:
    """A strategy and per-generator base TTLs: how long an answer is kept and what may be served.

    >>> CachePolicy(Strategy.CONSERVATIVE).settings.semantic
    False
    """

    strategy: Strategy = Strategy.BALANCED
    base_ttl: Mapping[str, float] = field(default_factory=lambda: DEFAULT_BASE_TTL)

    @property
    def settings(self) -> StrategySettings:
        """The :class:`StrategySettings` of this policy's strategy."""
        return STRATEGIES[self.strategy]

    def ttl(self, generator: str, hits: int = 0) -> float:
        """Base TTL for the generator, scaled by the strategy and by use, capped."""
        base = self.base_ttl.get(generator, FALLBACK_BASE_TTL) * self.settings.ttl_multiplier
        if self.strategy is Strategy.CONSERVATIVE:
            return base  # short and fixed: conservative never extends
        return base * min(1.0 + _HIT_BONUS * max(hits, 0), _MAX_SCALE)
