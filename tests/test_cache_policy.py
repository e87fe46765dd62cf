from __future__ import annotations

import pytest

from optimizer.cache import STRATEGIES, CachePolicy, Strategy
from optimizer.cache.policy import DAY, HOUR
from optimizer.errors import InputError


def test_base_ttl_follows_how_fast_answers_go_stale():
    p = CachePolicy()
    assert p.ttl("costing") < p.ttl("market") < p.ttl("branding") < p.ttl("formulation") < p.ttl("scientific")
    assert p.ttl("unknown-generator") == 1 * DAY


def test_ttl_grows_with_hits_and_is_capped():
    p = CachePolicy()
    ttls = [p.ttl("costing", hits) for hits in (0, 1, 2, 6, 100)]
    assert ttls == sorted(ttls) and ttls[1] > ttls[0]
    assert ttls[-1] == ttls[-2] == 4 * p.ttl("costing")


def test_strategies_scale_and_explain_themselves():
    assert CachePolicy(Strategy.AGGRESSIVE).ttl("market") == 4 * CachePolicy().ttl("market")
    conservative = CachePolicy(Strategy.CONSERVATIVE)
    assert conservative.ttl("market", hits=50) == conservative.ttl("market") == 6 * HOUR
    assert not conservative.settings.semantic and conservative.settings.seen_before_caching == 2
    assert all(len(s.description) > 40 for s in STRATEGIES.values())


def test_base_ttls_are_configurable():
    assert CachePolicy(base_ttl={"costing": 60}).ttl("costing") == 60


def test_unknown_strategy():
    with pytest.raises(InputError, match="unknown cache strategy"):
        Strategy.parse("yolo")
