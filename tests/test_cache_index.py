"""The semantic index (optimizer/cache/index.py) through CacheService, on both stores:
candidates by guard form, never a scan; consistent across processes, invalidation,
expiry and clear."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from optimizer.cache import CacheRequest, Strategy
from optimizer.cache.index import IndexRecord, SemanticIndex, bucket_key, request_form
from optimizer.cache.keys import NAMESPACE, full
from optimizer.cache.rewrites import MAX_REWRITES, REWRITES

ROOT = Path(__file__).resolve().parent.parent


def req(query, prompt=None, generator="formulation", **context):
    """A request whose exact key differs with the wording (the prompt is the query)."""
    return CacheRequest(generator, "gpt-4o", prompt or query, {"temperature": 0.2}, context, query=query)


def test_a_harmless_rewording_is_served_and_a_near_miss_is_not(make_service):
    service = make_service()
    service.put(req("Create a serum for sensitive skin in Japan", region="EU"), {"text": "A"})
    hit = service.get(req("could you please create a serum for sensitive skin in japan?", region="eu"))
    assert hit.kind == "semantic" and hit.payload == {"text": "A"} and 0 < hit.similarity < 1
    assert service.get(req("Create a serum for sensitive skin in Korea", region="EU")) is None
    assert service.get(req("Create a serum for sensitive skin in Japan", region="US")) is None
    stats = service.stats()["formulation"]
    assert (stats.hits_semantic, stats.misses) == (1, 2)


def test_both_strategies_read_the_records_either_wrote_and_neither_merges_synonyms(make_service):
    balanced = make_service()
    balanced.put(req("Where do older consumers buy indie skincare?", generator="market"), {"t": 1})
    synonym = req("Where do elderly consumers buy indie skincare?", generator="market")
    rewording = req("where do older consumers buy indie skincare, please?", generator="market")
    aggressive = make_service(Strategy.AGGRESSIVE)
    assert balanced.get(synonym) is None and aggressive.get(synonym) is None
    assert aggressive.get(rewording).payload == {"t": 1}  # the record written under balanced


def test_conservative_serves_exact_repeats_only(make_service):
    service = make_service(Strategy.CONSERVATIVE)
    for _ in range(2):
        service.put(req("A serum for dry skin"), {"t": 1})
    assert service.get(req("A serum for dry skin")).kind == "exact"
    assert service.get(req("a serum for dry skin please")) is None


def test_a_lookup_reads_one_record_and_never_scans(make_service, monkeypatch):
    service = make_service()
    for i in range(30):
        service.put(req(f"Serum number {i} for dry skin"), {"i": i})

    def no_scan(pattern):
        raise AssertionError(f"semantic lookup scanned {pattern}")

    monkeypatch.setattr(service.backend, "scan", no_scan)
    reads, batches = [], []
    real_get, real_get_many = service.backend.get, service.backend.get_many
    monkeypatch.setattr(service.backend, "get", lambda key: reads.append(key) or real_get(key))
    monkeypatch.setattr(service.backend, "get_many", lambda keys: batches.append(keys) or real_get_many(keys))
    assert service.get(req("serum number 7 for dry skin!")).payload == {"i": 7}
    # exact, then the entry the index names (a disk store's get_many reads key by key)
    assert [k.split(":")[2] for k in reads if k.split(":")[2] != "sem"] == ["entry", "entry"]
    # the index: one batched read of a fixed number of buckets (the form and its one-step rewrites)
    assert len(batches) == 1 and {k.split(":")[2] for k in batches[0]} == {"sem"}
    assert len(batches[0]) <= 1 + len(REWRITES) + MAX_REWRITES


def test_an_invalidated_entry_is_never_served_and_its_record_goes(make_service):
    service = make_service()
    stored = req("Toner with 5% glycolic acid")
    service.put(stored, {"t": 1})
    bucket = bucket_key(stored, request_form(stored).digest)
    assert service.backend.get(bucket) is not None
    assert service.invalidate("formulation:*") == 1
    assert service.get(req("toner with 5 % glycolic acid")) is None
    assert service.backend.get(bucket) is None and service.backend.get(full("semref", stored.key)) is None


def test_a_record_pointing_at_a_deleted_entry_is_a_miss(make_service):
    service = make_service()
    stored = req("Balm with shea butter")
    service.put(stored, {"t": 1})
    service.backend.delete([full("entry", stored.key)])  # as an eviction or another process would
    assert service.get(req("balm with shea butter please")) is None


def test_invalidating_one_entry_keeps_the_record_another_entry_owns(make_service):
    service = make_service()
    first, second = req("A gel for oily skin"), req("a gel for oily skin.")
    service.put(first, {"t": 1})
    service.put(second, {"t": 2})  # same form: the record now points at the second entry
    service.invalidate(first.key)
    hit = service.get(req("Gel for oily skin, please"))
    assert hit.payload == {"t": 2}


def test_expiry_ends_semantic_hits(make_service):
    service = make_service(base_ttl={"formulation": 0.2})
    service.put(req("Mask with kaolin"), {"t": 1})
    assert service.get(req("mask with kaolin please")).kind == "semantic"
    time.sleep(service.policy.ttl("formulation", hits=1) + 0.05)  # the hit extended the entry's life
    assert service.get(req("mask with kaolin, please")) is None


def test_clear_removes_every_index_record(make_service):
    service = make_service()
    service.put(req("Oil for curly hair"), {"t": 1})
    assert list(service.backend.scan(f"{NAMESPACE}:sem:*"))
    service.clear()
    assert list(service.backend.scan(f"{NAMESPACE}:sem:*")) == []
    assert list(service.backend.scan(f"{NAMESPACE}:semref:*")) == []
    assert service.get(req("oil for curly hair please")) is None


def test_a_corrupt_record_is_a_miss_not_a_crash(make_service):
    service = make_service()
    stored = req("Cream for dry hands")
    service.put(stored, {"t": 1})
    service.backend.set(bucket_key(stored, request_form(stored).digest), b"\x80garbage", None)
    assert service.get(req("cream for dry hands please")) is None
    with pytest.raises(ValueError, match="not an index record"):
        IndexRecord.from_bytes(b"[1, 2]")


def test_an_empty_request_is_never_matched(make_service):
    service = make_service()
    index = SemanticIndex(service.backend)
    assert index.records_for(req("Please, thank you!")) == {}
    assert index.find(req("hi!")) is None


@pytest.mark.server
def test_an_entry_written_by_another_process_is_found(make_service, backend_name, tmp_path, request):
    service = make_service()
    if backend_name == "disk":
        backend_code = f"DiskBackend({str(tmp_path / 'cache')!r})"
    else:
        backend_code = f"RedisBackend({request.getfixturevalue('clean_redis')!r})"
    script = textwrap.dedent(
        f"""
        from optimizer.cache import CacheRequest, CachePolicy, CacheService, DiskBackend, RedisBackend
        service = CacheService({backend_code}, CachePolicy())
        request = CacheRequest("costing", "gpt-4o", "Cost per unit in EUR", {{"temperature": 0.2}}, query="Cost per unit in EUR")
        assert service.put(request, {{"from": "child"}})
        service.close()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    hit = service.get(req("cost per unit in eur, please", generator="costing"))
    assert hit.kind == "semantic" and hit.payload == {"from": "child"}
