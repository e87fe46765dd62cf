"""CacheService on both stores: hits, stats, strategies, TTL, management."""

from __future__ import annotations

import time

import pytest

from optimizer.cache import CacheRequest, Strategy
from optimizer.cache.keys import full


def req(prompt="Create a hydrating serum for dry skin", generator="formulation", **kw):
    return CacheRequest(generator, "gpt-4o", prompt, params={"temperature": 0.2}, **kw)


def test_miss_then_exact_hit_with_savings(make_service):
    service = make_service()
    assert service.get(req()) is None
    assert service.put(req(), {"text": "answer"}, input_tokens=100, output_tokens=400, cost_usd=0.0045, latency_ms=3200)
    hit = service.get(req())
    assert hit.kind == "exact" and hit.payload == {"text": "answer"} and hit.similarity == 1.0
    assert hit.answer.output_tokens == 400 and hit.lookup_ms < 1000
    s = service.stats()
    for scope in ("formulation", "all"):
        assert (s[scope].hits_exact, s[scope].misses, s[scope].sets) == (1, 1, 1)
        assert s[scope].saved_tokens == 500 and s[scope].saved_usd == pytest.approx(0.0045)
        assert s[scope].saved_seconds == pytest.approx(3.2)
        assert s[scope].hit_rate == 0.5


def test_other_model_or_temperature_never_hits(make_service):
    service = make_service()
    service.put(req(), {"text": "a"})
    assert service.get(CacheRequest("formulation", "gpt-4o-mini", req().prompt, params={"temperature": 0.2})) is None
    assert service.get(CacheRequest("formulation", "gpt-4o", req().prompt, params={"temperature": 0.9})) is None


def test_payloads_are_stored_compressed_and_bytes_are_reported(make_service):
    service = make_service()
    service.put(req(), {"text": "word " * 2000})
    stored = service.backend.get(full("entry", req().key))
    s = service.stats()["all"]
    assert s.entries == 1 and s.bytes_raw > 10_000 and s.bytes_stored == len(stored) < s.bytes_raw / 10


def test_storage_figures_follow_invalidate_and_clear(make_service):
    service = make_service()
    service.put(req("serum one"), {"text": "word " * 500})
    service.put(req("serum two"), {"text": "other " * 500})
    service.put(req("a batch of 5,000 units", "costing"), {"text": "cost " * 500})
    before = service.stats()
    assert before["all"].entries == 3 and before["formulation"].entries == 2 and before["costing"].entries == 1
    service.invalidate("formulation:*")
    after = service.stats()
    assert after["all"].entries == 1 and after["all"].bytes_stored == before["costing"].bytes_stored
    assert after["formulation"].entries == 0 and after["formulation"].sets == 2
    assert after["all"].sets == 3  # events stay counted; storage describes what is there now
    service.clear()
    cleared = service.stats()["all"]
    assert (cleared.entries, cleared.bytes_stored, cleared.bytes_raw) == (0, 0, 0) and cleared.sets == 3


def test_stats_survive_a_restart(make_service):
    first = make_service()
    first.put(req(), {"text": "a"})
    first.get(req())
    first.close()
    assert make_service().stats()["formulation"].hits_exact == 1


def test_expiry_is_counted(make_service):
    service = make_service(base_ttl={"formulation": 0.1})
    service.put(req(), {"text": "a"})
    time.sleep(0.15)
    assert service.get(req()) is None
    s = service.stats()["formulation"]
    assert s.expired == 1 and s.misses == 1


def test_hits_extend_the_ttl(make_service):
    service = make_service(base_ttl={"formulation": 100})
    service.put(req(), {"text": "a"})
    before = service.backend.ttl(full("entry", req().key))
    service.get(req())
    after = service.backend.ttl(full("entry", req().key))
    assert before <= 100 < after <= 150


def test_conservative_caches_only_what_was_asked_twice(make_service):
    service = make_service(Strategy.CONSERVATIVE)
    assert not service.put(req(), {"text": "a"})
    assert service.get(req()) is None
    assert service.put(req(), {"text": "a"})
    assert service.get(req()).kind == "exact"
    assert service.stats()["formulation"].skipped == 1


def test_invalidate_by_pattern_and_keys_listing(make_service):
    service = make_service()
    service.put(req("serum one"), {"t": 1})
    service.put(req("serum two"), {"t": 2})
    service.put(req("cost of a batch of 5,000 units", "costing"), {"t": 3})
    service.get(req("serum one"))
    service.get(req("serum one"))
    listed = service.keys()
    assert [k.generator for k in listed].count("formulation") == 2
    top = listed[0]
    assert top.hits == 2 and top.size_bytes > 0 and 0 < top.ttl_left_s <= 14 * 86400
    assert [k.generator for k in service.keys("costing:*")] == ["costing"]
    assert service.invalidate("formulation:*") == 2
    assert service.get(req("serum one")) is None
    assert [k.generator for k in service.keys()] == ["costing"]  # noqa: SIM118 (not a dict)
    assert service.usage()["keys"] == []  # hit counters went with their entries


def test_clear_removes_entries_and_optionally_stats(make_service):
    service = make_service()
    service.put(req(), {"t": 1})
    service.get(req())
    assert service.clear() == 1
    assert service.keys() == [] and service.stats()["all"].hits_exact == 1
    service.clear(include_stats=True)
    assert service.stats()["all"].requests == 0


def test_a_corrupt_entry_is_a_miss_not_a_crash(make_service):
    service = make_service()
    service.put(req(), {"t": 1})
    service.backend.set(full("entry", req().key), b"not zlib at all", None)
    assert service.get(req()) is None
    s = service.stats()["formulation"]
    assert (s.malformed, s.errors, s.misses) == (1, 0, 1)
    assert service.backend.get(full("entry", req().key)) is None


def test_time_series_and_template_usage(make_service):
    service = make_service()
    service.put(req(template_id="formulation-v1"), {"t": 1})
    service.get(req(template_id="formulation-v1"))
    service.get(req("something else"))
    events = {(p.generator, p.event): p.count for p in service.series()}
    assert events[("formulation", "hit_exact")] == 1 and events[("formulation", "miss")] == 1
    assert service.usage()["templates"] == [("formulation-v1", 1)]


def test_each_event_lands_in_the_minute_it_happened_even_when_flushed_later(make_service, monkeypatch):
    service = make_service()
    service.put(req(), {"t": 1}, input_tokens=10, output_tokens=20, cost_usd=0.5)
    service.recorder.flush()
    first = int(time.time() // 60)
    clock = [first * 60 + 30.0]  # in this minute, then in the next, then one flush
    monkeypatch.setattr(time, "time", lambda: clock[0])
    service.get(req())
    clock[0] += 60
    service.get(req())
    service.get(req("other"))
    minutes = {(p.minute, p.event): p.count for p in service.series("formulation")}
    assert minutes[(first, "hit_exact")] == 1 and minutes[(first + 1, "hit_exact")] == 1
    assert minutes[(first + 1, "miss")] == 1
    stats = service.stats()
    assert (stats["formulation"].hits_exact, stats["all"].hits_exact, stats["formulation"].saved_tokens) == (2, 2, 60)


def test_health_ok_and_says_entries_are_unsigned(make_service):
    health = make_service().health()
    assert health.healthy and health.kind == "" and not health.signed
    assert "unsigned" in health.as_dict()["integrity"] and "OPTIMIZER_TEAM_SECRET" in health.integrity
