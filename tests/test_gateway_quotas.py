"""Rate limits and budgets (optimizer.quotas): parsing, windows, budgets per period, keys'
own limits, and counters shared through disk and Redis (and Redis going away)."""

from __future__ import annotations

import pytest

from optimizer.auth import Role
from optimizer.errors import ConfigError, InputError
from optimizer.keys import ApiKey
from optimizer.quotas import (
    DiskCounters,
    MemoryCounters,
    Period,
    QuotaConfig,
    Quotas,
    Rate,
    RedisCounters,
    parse_budget,
    parse_rate,
)


def _key(name="k", rate="", budget=None):
    return ApiKey(1, name, Role.ANALYST, "h", "osk-xxxx", "2026-01-01", None, rate, budget)


@pytest.fixture
def fixed_clock(monkeypatch):
    """Pin the wall clock in the middle of a minute, so no window ends during a test."""
    import optimizer.quotas as q

    now = [1_800_000_030.0]
    monkeypatch.setattr(q.time, "time", lambda: now[0])
    return now


def test_rates_and_budgets_parse_or_say_how_to_write_them():
    assert parse_rate("60/minute") == Rate(60, 60) == parse_rate(" 60 / min ")
    assert parse_rate("5/s") == Rate(5, 1) and parse_rate("1000/hours") == Rate(1000, 3600)
    assert str(parse_rate("10000/d")) == "10000/day"
    for bad in ("60", "0/minute", "-1/minute", "5/fortnight", "x/minute", ""):
        with pytest.raises(InputError, match="not a rate limit"):
            parse_rate(bad)
    assert parse_budget("2.5") == 2.5
    for bad in ("0", "-3", "nan", "inf", "lots", None):
        with pytest.raises(InputError, match="not a budget"):
            parse_budget(bad)


def test_config_from_env_names_the_variable_at_fault():
    config = QuotaConfig.from_env({"OPTIMIZER_GATEWAY_RATE_LIMIT": "3/second", "OPTIMIZER_GATEWAY_BUDGET_USD": "4"})
    assert config.rate == Rate(3, 1) and config.budget_usd == 4.0 and config.period is Period.MONTH
    assert QuotaConfig.from_env({}).limited is False
    with pytest.raises(ConfigError, match="OPTIMIZER_GATEWAY_RATE_LIMIT"):
        QuotaConfig.from_env({"OPTIMIZER_GATEWAY_RATE_LIMIT": "many"})
    with pytest.raises(ConfigError, match="budget period"):
        QuotaConfig.from_env({"OPTIMIZER_GATEWAY_BUDGET_PERIOD": "week"})


def test_the_rate_limit_refuses_past_the_limit_until_the_window_ends(fixed_clock):
    quotas = Quotas(MemoryCounters(), QuotaConfig(rate=Rate(2, 60)))
    assert quotas.check("ana") is None and quotas.check("ana") is None
    refused = quotas.check("ana")
    assert refused is not None and refused.kind == "rate" and refused.retry_after_s == pytest.approx(30, abs=0.01)
    assert "2/minute" in refused.message and "30 s" in refused.message
    assert quotas.check("bob") is None  # per key
    fixed_clock[0] += 30  # the next minute
    assert quotas.check("ana") is None


def test_a_keys_own_limits_override_the_defaults(fixed_clock):
    quotas = Quotas(MemoryCounters(), QuotaConfig(rate=Rate(100, 60), budget_usd=10.0))
    strict = _key("strict", rate="1/minute", budget=0.01)
    assert quotas.check("strict", strict) is None
    assert quotas.check("strict", strict).kind == "rate"
    assert QuotaConfig(rate=Rate(100, 60)).for_key(_key()).rate == Rate(100, 60)


def test_the_budget_refuses_once_spent_until_the_period_renews(fixed_clock):
    quotas = Quotas(MemoryCounters(), QuotaConfig(budget_usd=0.05, period=Period.DAY))
    assert quotas.check("ana") is None
    quotas.settle(quotas.hold("ana", 0.0), 0.03)  # a run that cost $0.03, as the gateway records it
    assert quotas.check("ana") is None  # under budget: the next request may cross it
    quotas.settle(quotas.hold("ana", 0.0), 0.03)
    refused = quotas.check("ana")
    assert (
        refused is not None and refused.kind == "budget" and "$0.0600 of its $0.05 budget this day" in refused.message
    )
    assert 0 < refused.retry_after_s <= 86400 and quotas.spent("ana") == pytest.approx(0.06)
    fixed_clock[0] += 86400
    assert quotas.check("ana") is None


def test_periods_end_at_utc_midnight_and_month_end():
    day, left = Period.DAY.current(1_800_000_000.0)  # 2027-01-15T08:00:00Z
    assert day == "2027-01-15" and left == 16 * 3600
    month, left = Period.MONTH.current(1_800_000_000.0)
    assert month == "2027-01" and left == (16 * 86400) + 16 * 3600
    assert Period.MONTH.current(1_796_083_200.0 - 1)[0] == "2026-11"  # the last second of November


def test_disk_counters_are_shared_by_two_stores_on_one_folder(tmp_path, fixed_clock):
    first, second = DiskCounters(tmp_path / "c"), DiskCounters(tmp_path / "c")
    a, b = Quotas(first, QuotaConfig(rate=Rate(3, 60))), Quotas(second, QuotaConfig(rate=Rate(3, 60)))
    assert [a.check("ana"), b.check("ana"), a.check("ana")] == [None, None, None]
    assert b.check("ana").kind == "rate"
    first.close()
    second.close()


@pytest.mark.redis
def test_redis_counters_are_shared_and_survive_redis_going_away(redis_password, fixed_clock):
    from support.redis_servers import ADMIN_PASSWORD

    server = redis_password
    url = server.url_for("", ADMIN_PASSWORD)
    first, second = RedisCounters(url), RedisCounters(url)
    a, b = Quotas(first, QuotaConfig(rate=Rate(2, 60))), Quotas(second, QuotaConfig(rate=Rate(2, 60)))
    assert a.check("ana") is None and b.check("ana") is None
    assert a.check("ana").kind == "rate" and b.check("ana").kind == "rate"
    server.kill()
    assert a.check("zoe") is None  # counted in this process: never refused because Redis is down
    assert a.notice is not None and "in this process only" in a.notice and ADMIN_PASSWORD not in a.notice
    first.close()
    second.close()
