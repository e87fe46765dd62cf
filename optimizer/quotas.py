"""Per-key rate limits and spend budgets, shared by every gateway instance.

* **Rate limit**: at most N requests per window (``"60/minute"``; second, minute, hour or
  day), counted in fixed windows of the wall clock, so every instance agrees on the window.
  A request over the limit is refused with the seconds until the window ends.
* **Budget**: at most N US dollars per period (a UTC day or calendar month), counted from
  each run's ``cost_usd`` as the ledger records it (a cache hit costs 0; the embedded model
  is *priced as* a reference model, see :mod:`optimizer.accounting`). A request made once
  the budget is spent is refused until the period ends; the request that crosses the line
  is not cut.

Defaults for every key come from the environment (``OPTIMIZER_GATEWAY_RATE_LIMIT``,
``OPTIMIZER_GATEWAY_BUDGET_USD``, ``OPTIMIZER_GATEWAY_BUDGET_PERIOD``); a key may carry its
own (``keys create --rate-limit 10/minute --budget-usd 5``). Counters live in Redis when
``REDIS_URL`` is set (every instance shares them), else in a diskcache folder in the data
folder (every process on this machine shares it). If Redis stops answering, counting goes
on in this process until it is back, and :attr:`Quotas.notice` says so: a gateway never
refuses a request because its counter store is down.

>>> quotas = Quotas(MemoryCounters(), QuotaConfig(rate=parse_rate("2/minute")))
>>> [quotas.check("ana") is None for _ in range(3)]
[True, True, False]
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputError, parse_choice

if TYPE_CHECKING:
    from .keys import ApiKey

RATE_ENV = "OPTIMIZER_GATEWAY_RATE_LIMIT"
BUDGET_ENV = "OPTIMIZER_GATEWAY_BUDGET_USD"
PERIOD_ENV = "OPTIMIZER_GATEWAY_BUDGET_PERIOD"
log = logging.getLogger("optimizer.quotas")
PREFIX = "optimizer:v1:gw"  # beside the cache's keys, never matched by its clear or invalidate
_MICRO = 1_000_000
_WINDOWS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_ALIASES = {"s": "second", "sec": "second", "m": "minute", "min": "minute", "h": "hour", "hr": "hour", "d": "day"}
_RATE = re.compile(r"^\s*(\d{1,9})\s*/\s*([a-z]+?)s?\s*$")
_REDIS_RETRY_S = 5.0


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` requests per ``window_s`` seconds."""

    limit: int
    window_s: int

    def __str__(self) -> str:
        unit = next(name for name, size in _WINDOWS.items() if size == self.window_s)
        return f"{self.limit}/{unit}"


def parse_rate(text: str) -> Rate:
    """``"60/minute"`` (also ``60/min``, ``5/s``, ``1000/hour``, ``10000/day``) as a :class:`Rate`.

    :raises InputError: anything else, or a limit of 0.

    >>> parse_rate("60/min")
    Rate(limit=60, window_s=60)
    """
    match = _RATE.match(str(text).lower())
    unit = match and _ALIASES.get(match.group(2), match.group(2))
    if not match or unit not in _WINDOWS or int(match.group(1)) < 1:
        raise InputError(f"'{text}' is not a rate limit: write requests per window, e.g. 60/minute, 5/second, 1000/day")
    return Rate(int(match.group(1)), _WINDOWS[unit])


def parse_budget(value: Any) -> float:
    """A budget in US dollars (a finite number above 0).

    :raises InputError: anything else.
    """
    try:
        usd = float(value)
    except (TypeError, ValueError):
        usd = float("nan")
    if not (math.isfinite(usd) and usd > 0):
        raise InputError(f"'{value}' is not a budget: give US dollars above 0, e.g. 25 or 2.50")
    return usd


class Period(StrEnum):
    """How long a budget lasts before it starts again (UTC)."""

    DAY = "day"
    MONTH = "month"

    def current(self, now: float | None = None) -> tuple[str, float]:
        """(this period's id, seconds until the next one starts)."""
        moment = datetime.fromtimestamp(time.time() if now is None else now, UTC)
        if self is Period.DAY:
            start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
            return start.strftime("%Y-%m-%d"), (start + timedelta(days=1) - moment).total_seconds()
        start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        following = (
            start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
        )
        return start.strftime("%Y-%m"), (following - moment).total_seconds()


@dataclass(frozen=True)
class QuotaConfig:
    """The limits every key gets unless it has its own: ``rate`` (None: unlimited),
    ``budget_usd`` per ``period`` (None: unlimited)."""

    rate: Rate | None = None
    budget_usd: float | None = None
    period: Period = Period.MONTH

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> QuotaConfig:
        """Defaults from ``OPTIMIZER_GATEWAY_RATE_LIMIT`` (e.g. ``60/minute``),
        ``OPTIMIZER_GATEWAY_BUDGET_USD`` (e.g. ``25``) and ``OPTIMIZER_GATEWAY_BUDGET_PERIOD``
        (``day`` or ``month``, default month).

        :raises ConfigError: a value that cannot be used, naming the variable.
        """
        env = os.environ if env is None else env
        try:
            rate = parse_rate(env[RATE_ENV]) if env.get(RATE_ENV, "").strip() else None
            budget = parse_budget(env[BUDGET_ENV]) if env.get(BUDGET_ENV, "").strip() else None
            period = parse_choice(Period, env.get(PERIOD_ENV, "").strip() or "month", "budget period")
        except InputError as exc:
            raise ConfigError(f"{exc} (check {RATE_ENV}, {BUDGET_ENV} and {PERIOD_ENV})") from None
        return cls(rate, budget, period)

    def for_key(self, key: ApiKey | None) -> QuotaConfig:
        """These defaults with ``key``'s own rate limit and budget where it has them."""
        if key is None or (not key.rate_limit and key.budget_usd is None):
            return self
        rate = parse_rate(key.rate_limit) if key.rate_limit else self.rate
        budget = key.budget_usd if key.budget_usd is not None else self.budget_usd
        return QuotaConfig(rate, budget, self.period)

    @property
    def limited(self) -> bool:
        """Whether a rate limit or a budget is set."""
        return self.rate is not None or self.budget_usd is not None


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: ``kind`` "rate" or "budget", when to try again, one sentence."""

    kind: str
    retry_after_s: float
    message: str


@dataclass
class Hold:
    """What :meth:`Quotas.hold` set aside of a key's budget for one request (millionths of
    a dollar), until :meth:`Quotas.settle` replaces it by the run's real cost."""

    name: str
    key: ApiKey | None
    micro_usd: int
    counter: str = ""  # the period's spend counter it was taken from ("" without a budget)
    ttl_s: float = 0.0
    settled: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


# -- counters -------------------------------------------------------------------------------
class Counters:
    """Integer counters with an expiry, shared as far as the store reaches."""

    kind = "memory"

    def incr(self, key: str, amount: int, ttl_s: float) -> int:
        """Add ``amount`` to ``key`` (created at 0, expiring after ``ttl_s``); the new value."""
        raise NotImplementedError

    def get(self, key: str) -> int:
        """The value of ``key`` (0 when missing or expired)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release connections."""


class MemoryCounters(Counters):
    """Counters in this process only (tests; the fallback while Redis is down)."""

    kind = "memory"

    def __init__(self) -> None:
        self._values: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def incr(self, key: str, amount: int, ttl_s: float) -> int:
        """Add ``amount`` to ``key`` (a window of ``ttl_s`` seconds starts when it is new); the new value."""
        now = time.monotonic()
        with self._lock:
            value, expires = self._values.get(key, (0, 0.0))
            if expires <= now:
                value, expires = 0, now + ttl_s
                if len(self._values) > 10_000:  # drop expired windows now and then
                    self._values = {k: v for k, v in self._values.items() if v[1] > now}
            value += amount
            self._values[key] = (value, expires)
            return value

    def get(self, key: str) -> int:
        """The value of ``key`` in its current window (0 when expired or missing)."""
        with self._lock:
            value, expires = self._values.get(key, (0, 0.0))
        return value if expires > time.monotonic() else 0


class DiskCounters(Counters):
    """Counters in a diskcache folder: atomic across the processes of one machine."""

    kind = "disk"

    def __init__(self, folder: Path) -> None:
        import diskcache

        from .cache.safedisk import SafeDisk
        from .config import create_folder, private_file

        # SafeDisk: counts are 64-bit ints; a row stored any other way (a planted pickle)
        # is refused, never unpickled.
        private_file(create_folder(Path(folder)) / "cache.db")
        self._cache = diskcache.Cache(str(folder), timeout=10, disk=SafeDisk, disk_min_file_size=1 << 20)
        self.bad_rows = 0  # rows that were not counts (damaged or planted), replaced

    def incr(self, key: str, amount: int, ttl_s: float) -> int:
        """Add ``amount`` to ``key`` atomically across processes (a new key expires after ``ttl_s``); the new value.

        A row that is not a count (damaged, or written by something else) is counted in
        :attr:`bad_rows`, logged, and replaced by ``amount``: a request is never refused or
        failed for it.
        """
        cache = self._cache
        with cache.transact():
            try:
                value = cache.incr(key, amount, default=0)
            except (TypeError, ValueError):
                self.bad_rows += 1
                log.warning("the gateway counter %s held something that is not a count: replaced", key)
                cache.set(key, amount, expire=ttl_s)
                return amount
            if value == amount:  # just created: give it its expiry
                cache.touch(key, expire=ttl_s)
        return int(value)

    def get(self, key: str) -> int:
        """The value of ``key`` (0 when expired, missing or not a count)."""
        value = self._cache.get(key, default=0)
        return value if isinstance(value, int) else 0

    def close(self) -> None:
        """Close the counters' diskcache."""
        self._cache.close()


class RedisCounters(Counters):
    """Counters in Redis, shared by every instance; while Redis does not answer, counted in
    this process (:attr:`notice` says so) and Redis is tried again every few seconds."""

    kind = "redis"

    def __init__(self, url: str) -> None:
        import redis

        from .redact import redact_url

        self._redis_error = redis.RedisError
        self._client = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._where = redact_url(url)
        self._local = MemoryCounters()
        self._retry_at = 0.0
        self.notice: str | None = None

    def _down(self, exc: Exception) -> None:
        from .redact import redact_text

        self._retry_at = time.monotonic() + _REDIS_RETRY_S
        self.notice = redact_text(
            f"Redis at {self._where} does not answer ({type(exc).__name__}): rate limits and budgets are counted "
            "in this process only until it is back"
        )

    def incr(self, key: str, amount: int, ttl_s: float) -> int:
        """Add ``amount`` to ``key`` in Redis (a new key expires after ``ttl_s``); the new value.

        While Redis is down the counts go to memory, and ``notice`` says so.
        """
        if time.monotonic() >= self._retry_at:
            try:
                pipe = self._client.pipeline()
                pipe.incrby(key, amount)
                pipe.expire(key, max(1, math.ceil(ttl_s)), nx=True)
                value = int(pipe.execute()[0])
                self.notice = None
                return value
            except self._redis_error as exc:
                self._down(exc)
        return self._local.incr(key, amount, ttl_s)

    def get(self, key: str) -> int:
        """The value of ``key`` in Redis, or in memory while Redis is down."""
        if time.monotonic() >= self._retry_at:
            try:
                value = self._client.get(key)
                return int(value or 0)
            except self._redis_error as exc:
                self._down(exc)
            except ValueError:
                return 0
        return self._local.get(key)

    def close(self) -> None:
        """Close the Redis connection."""
        self._client.close()


def counters_from_config(redis_url: str | None = None) -> Counters:
    """Redis at ``redis_url`` (default ``$REDIS_URL``), else a diskcache folder
    ``<data dir>/gateway-counters``."""
    from .config import data_dir

    url = redis_url or os.environ.get("REDIS_URL") or None
    if url:
        return RedisCounters(url)
    return DiskCounters(data_dir() / "gateway-counters")


class Quotas:
    """Rate limits and budgets over one counter store.

    :param counters: where counts live (shared as far as it reaches).
    :param config: the defaults; a key's own values override them (see :meth:`check`).
    """

    def __init__(self, counters: Counters, config: QuotaConfig | None = None) -> None:
        self.counters = counters
        self.config = config or QuotaConfig()

    @property
    def notice(self) -> str | None:
        """One sentence when limits are counted in this process only (Redis down)."""
        return getattr(self.counters, "notice", None)

    def _spend_key(self, name: str, config: QuotaConfig) -> tuple[str, float]:
        period_id, left = config.period.current()
        return f"{PREFIX}:spend:{name}:{period_id}", left

    def check(self, name: str, key: ApiKey | None = None) -> Refusal | None:
        """Count one request of ``name`` and say whether it must be refused (None: go on).

        The budget is checked first (a refused request does not use up the rate).
        """
        config = self.config.for_key(key)
        if config.budget_usd is not None:
            spend_key, left = self._spend_key(name, config)
            spent = self.counters.get(spend_key) / _MICRO
            if spent >= config.budget_usd:
                return Refusal(
                    "budget",
                    left,
                    f"the key '{name}' has spent ${spent:.4f} of its ${config.budget_usd:g} budget this "
                    f"{config.period.value}; it renews in {_duration(left)}: ask an admin to raise it, or use cached "
                    "answers",
                )
        rate = config.rate
        if rate is not None:
            window = int(time.time() // rate.window_s)
            count = self.counters.incr(f"{PREFIX}:rate:{name}:{rate.window_s}:{window}", 1, rate.window_s + 1)
            if count > rate.limit:
                left = (window + 1) * rate.window_s - time.time()
                return Refusal(
                    "rate",
                    max(0.001, left),
                    f"the key '{name}' is over its rate limit of {rate}; try again in {_duration(left)}",
                )
        return None

    def hold(self, name: str, usd: float, key: ApiKey | None = None) -> Hold | Refusal:
        """Set ``usd`` of ``name``'s budget aside for a request about to run, before it runs.

        Requests sent at once each see what the others hold, so a budget is crossed by at
        most the one request that crosses it, however many arrive together. Returns the
        :class:`Hold` (settle it with the run's real cost, see :meth:`settle`), or the
        :class:`Refusal` when spends and holds already reach the budget. Without a budget
        the hold is empty and costs nothing.
        """
        config = self.config.for_key(key)
        if config.budget_usd is None:
            return Hold(name, key, 0)
        spend_key, left = self._spend_key(name, config)
        amount = max(1, round(usd * _MICRO))
        total = self.counters.incr(spend_key, amount, left + 86400)
        before = (total - amount) / _MICRO
        if before >= config.budget_usd:
            self.counters.incr(spend_key, -amount, left + 86400)
            return Refusal(
                "budget",
                left,
                f"the key '{name}' has spent or is spending ${before:.4f} of its ${config.budget_usd:g} budget this "
                f"{config.period.value}; it renews in {_duration(left)}: ask an admin to raise it, or use cached "
                "answers",
            )
        return Hold(name, key, amount, spend_key, left + 86400)

    def settle(self, hold: Hold, usd: float) -> None:
        """Replace what ``hold`` set aside by the run's real cost ``usd`` (0 for a cached or
        failed run). Settling twice does nothing: the first call counts."""
        with hold.lock:
            if hold.settled:
                return
            hold.settled = True
        if not hold.counter:
            return  # no budget: nothing was set aside, nothing is counted
        real = max(1, round(usd * _MICRO)) if usd > 0 else 0
        if real != hold.micro_usd:
            self.counters.incr(hold.counter, real - hold.micro_usd, hold.ttl_s)

    def spent(self, name: str, key: ApiKey | None = None) -> float:
        """US dollars ``name`` has spent this period (as counted for its budget)."""
        spend_key, _ = self._spend_key(name, self.config.for_key(key))
        return self.counters.get(spend_key) / _MICRO

    def close(self) -> None:
        """Close the counters' store."""
        self.counters.close()


def _duration(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 1:
        return "less than a second"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds / size
            return f"{n:.1f} {unit}s" if n != 1 else f"1 {unit}"
    return f"{math.ceil(seconds)} s"
