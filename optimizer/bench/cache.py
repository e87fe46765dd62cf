"""``python -m optimizer bench cache``: hit latency against the raw stores, miss overhead,
and the semantic match's hit rate and wrong hits on the near-miss suite.

Latencies are p50/p99 over many calls in this run, next to a raw diskcache ``get`` and a
raw redis-py ``GET`` of the same stored bytes, so the ratio is what travels.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import diskcache

from ..cache import CacheRequest, CacheService, DiskBackend, RedisBackend
from ..cache.keys import full
from ..cache.local_redis import redis_server, redis_server_binary
from ..cache.policy import CachePolicy, Strategy
from ..config import PACKAGE_DATA

SUITE = PACKAGE_DATA / "fixtures" / "semantic-suite.json"
ANSWER = (PACKAGE_DATA / "fixtures" / "prose" / "formulation.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Timing:
    what: str
    p50_us: float
    p99_us: float


@dataclass(frozen=True)
class SemanticResult:
    strategy: str
    paraphrases: int
    paraphrase_hits: int
    near_misses: int
    wrong_hits: int

    @property
    def hit_rate(self) -> float:
        return self.paraphrase_hits / self.paraphrases if self.paraphrases else 0.0


def _time(what: str, fn: Callable[[], Any], n: int) -> Timing:
    for _ in range(min(200, n)):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return Timing(what, statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))])


def _request(i: int = 0) -> CacheRequest:
    return CacheRequest(
        "formulation", "gpt-4o", f"Create a hydrating serum for sensitive skin, variant {i}", {"temperature": 0.2}
    )


def hit_timings(folder: Path, n: int) -> list[Timing]:
    rows = []
    service = CacheService(DiskBackend(folder / "svc"), CachePolicy(Strategy.BALANCED))
    request = _request()
    service.put(request, {"text": ANSWER}, input_tokens=120, output_tokens=600, cost_usd=0.006)
    stored = service.backend.get(full("entry", request.key))
    raw = diskcache.Cache(str(folder / "raw"))
    raw.set("k", stored)
    raw.set("obj", {"text": ANSWER, "input_tokens": 120, "output_tokens": 600, "cost_usd": 0.006})
    rows.append(_time("raw diskcache Cache.get (same bytes)", lambda: raw.get("k"), n))
    rows.append(_time("raw diskcache Cache.get (payload object)", lambda: raw.get("obj"), n))
    # A new request object per call: the key is hashed every time, as for a real request.
    rows.append(_time("CacheService hit, diskcache", lambda: service.get(_request()), n))
    rows.append(
        _time(
            "CacheService hit, diskcache, first decode", lambda: (service._decoded.clear(), service.get(_request())), n
        )
    )
    exact_only = CacheService(service.backend, CachePolicy(Strategy.CONSERVATIVE))
    rows.append(_time("CacheService miss, exact only", lambda: exact_only.get(_request(99999)), n))
    for i in range(1, 50):  # a scope with 50 entries to compare against
        service.put(_request(i), {"text": "x"})
    rows.append(
        _time("CacheService miss + semantic (50 in scope)", lambda: service.get(_request(99999)), max(50, n // 20))
    )
    service.close()
    raw.close()
    if redis_server_binary() is None:
        return rows
    with redis_server(folder / "redis") as server:
        backend = RedisBackend(server.url)
        rservice = CacheService(backend, CachePolicy(Strategy.BALANCED))
        rservice.put(request, {"text": ANSWER}, input_tokens=120, output_tokens=600, cost_usd=0.006)
        import redis

        client = redis.Redis.from_url(server.url)
        client.set("k", stored)
        rows.append(_time("raw redis-py GET (same bytes)", lambda: client.get("k"), n))
        rows.append(_time("CacheService hit, Redis", lambda: rservice.get(_request()), n))
        rservice.close()
        client.close()
    return rows


def semantic_results(folder: Path) -> list[SemanticResult]:
    suite = json.loads(SUITE.read_text(encoding="utf-8"))["intents"]
    out = []
    for strategy in (Strategy.AGGRESSIVE, Strategy.BALANCED):
        service = CacheService(DiskBackend(folder / f"sem-{strategy.value}"), CachePolicy(strategy))
        for intent in suite:
            service.put(CacheRequest(intent["generator"], "gpt-4o", intent["prompt"]), {"text": intent["prompt"]})
        para = hits = near = wrong = 0
        for intent in suite:
            for prompt in intent["paraphrases"]:
                para += 1
                hit = service.get(CacheRequest(intent["generator"], "gpt-4o", prompt))
                hits += hit is not None and hit.payload["text"] == intent["prompt"]
            for prompt in intent["near_misses"]:
                near += 1
                wrong += service.get(CacheRequest(intent["generator"], "gpt-4o", prompt)) is not None
        service.close()
        out.append(SemanticResult(strategy.value, para, hits, near, wrong))
    return out


def report(n: int) -> tuple[str, bool]:
    with tempfile.TemporaryDirectory(prefix="optimizer-bench-cache-") as tmp:
        folder = Path(tmp)
        timings = hit_timings(folder, n)
        semantic = semantic_results(folder)
    by_name = {t.what: t for t in timings}
    raw_disk = by_name["raw diskcache Cache.get (same bytes)"].p50_us
    raw_redis = by_name.get("raw redis-py GET (same bytes)")
    lines = [
        f"# Cache benchmark — {n} calls each, payload {len(ANSWER.encode())} B of answer text",
        "",
        "## Latency (µs; ratio: p50 against the raw store in this run, reading the same stored bytes;",
        "## for a first decode, reading the payload stored as an object, which diskcache unpickles)",
    ]
    header = f"{'what':<44} {'p50':>9} {'p99':>9} {'x raw':>7}"
    lines += [header, "-" * len(header)]
    raw_object = by_name["raw diskcache Cache.get (payload object)"].p50_us
    for t in timings:
        base = raw_redis.p50_us if "Redis" in t.what or "redis" in t.what else raw_disk
        if "first decode" in t.what:
            base = raw_object  # both turn stored bytes into a Python object
        lines.append(f"{t.what:<44} {t.p50_us:>9.1f} {t.p99_us:>9.1f} {t.p50_us / base:>6.2f}x")
    if raw_redis is None:
        lines.append("(redis-server not installed: Redis rows skipped)")
    lines += ["", "## Guarded semantic match on the near-miss suite (optimizer/data/fixtures/semantic-suite.json)"]
    header = f"{'strategy':<12} {'paraphrase hits':>16} {'hit rate':>9} {'near-misses':>12} {'wrong hits':>11}"
    lines += [header, "-" * len(header)]
    for s in semantic:
        lines.append(
            f"{s.strategy:<12} {s.paraphrase_hits:>9}/{s.paraphrases:<6} {s.hit_rate:>9.0%} "
            f"{s.near_misses:>12} {s.wrong_hits:>11}"
        )
    disk_ratio = by_name["CacheService hit, diskcache"].p50_us / raw_disk
    lines += [
        "",
        f"hit within 3x of raw diskcache get at p50: {'yes' if disk_ratio <= 3 else 'NO'} ({disk_ratio:.2f}x)",
    ]
    if raw_redis is not None:
        redis_ratio = by_name["CacheService hit, Redis"].p50_us / raw_redis.p50_us
        lines.append(
            f"hit within 3x of raw redis GET at p50: {'yes' if redis_ratio <= 3 else 'NO'} ({redis_ratio:.2f}x)"
        )
    # Timings are reported, not enforced (machines are noisy); a wrong hit is a bug.
    ok = all(s.wrong_hits == 0 for s in semantic)
    return "\n".join(lines), ok
