"""``python -m optimizer bench cache``: hit latency against the raw stores, the semantic
lookup at 1,000 / 10,000 / 100,000 entries in one scope, the guard on the adversarial suite
(each half apart) and on the public QQP sample.

Latencies are p50/p99 over many calls in this run, next to a raw diskcache ``get`` (and a
raw redis-py ``GET``) of stored bytes in the same store, so the ratio is what travels.
Large stores are filled in bulk (entries and index records written straight into diskcache
in transactions, as ``CacheService.put`` would write them); every lookup measured is the
real ``CacheService.get``, each with a text it has not seen before.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import diskcache

from ..cache import CachedAnswer, CacheRequest, CacheService, DiskBackend, RedisBackend
from ..cache.keys import full
from ..cache.local_redis import redis_server, redis_server_binary
from ..cache.policy import CachePolicy, Strategy
from ..config import PACKAGE_DATA
from . import semantic

ANSWER = (PACKAGE_DATA / "fixtures" / "prose" / "formulation.txt").read_text(encoding="utf-8")
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
OTHER_SCOPES = 50  # the "10,000 spread over other scopes" row spreads them over this many


@dataclass(frozen=True)
class Timing:
    """p50/p99 of one operation, in microseconds."""

    what: str
    p50_us: float
    p99_us: float


def _time_together(ops: list[tuple[str, Callable[[], Any]]], n: int, warmup: int = 200) -> list[Timing]:
    """Time several operations in turns (one call of each, round after round), so that each
    sees the same machine: a ratio between them does not drift with the load."""
    for _ in range(min(warmup, n)):
        for _, fn in ops:
            fn()
    samples: list[list[float]] = [[] for _ in ops]
    clock = time.perf_counter_ns
    for _ in range(n):
        for (_, fn), out in zip(ops, samples, strict=True):
            start = clock()
            fn()
            out.append((clock() - start) / 1000)
    return [_timing(what, got) for (what, _), got in zip(ops, samples, strict=True)]


def _timing(what: str, samples: list[float]) -> Timing:
    samples = sorted(samples)
    return Timing(what, statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))])


def _request(i: int = 0) -> CacheRequest:
    return CacheRequest(
        "formulation",
        "gpt-4o",
        f"Create a hydrating serum for sensitive skin, variant {i}",
        {"temperature": 0.2},
        query=f"Create a hydrating serum for sensitive skin, variant {i}",
    )


def hit_timings(folder: Path, n: int) -> list[Timing]:
    """Exact hits on both stores against a raw get of the same stored bytes."""
    rows = []
    service = CacheService(DiskBackend(folder / "svc"), CachePolicy(Strategy.BALANCED))
    request = _request()
    service.put(request, {"text": ANSWER}, input_tokens=120, output_tokens=600, cost_usd=0.006)
    stored = service.backend.get(full("entry", request.key))
    raw = diskcache.Cache(str(folder / "raw"))
    raw.set("k", stored)
    raw.set("obj", {"text": ANSWER, "input_tokens": 120, "output_tokens": 600, "cost_usd": 0.006})
    exact_only = CacheService(service.backend, CachePolicy(Strategy.CONSERVATIVE))
    # A new request object per call: the key is hashed every time, as for a real request.
    rows += _time_together(
        [
            ("raw diskcache Cache.get (same bytes)", lambda: raw.get("k")),
            ("raw diskcache Cache.get (payload object)", lambda: raw.get("obj")),
            ("CacheService hit, diskcache", lambda: service.get(_request())),
            ("CacheService hit, diskcache, first decode", lambda: (service._decoded.clear(), service.get(_request()))),
            ("CacheService miss, exact only", lambda: exact_only.get(_request(99999))),
        ],
        n,
    )
    service.close()
    raw.close()
    if redis_server_binary() is None:
        return rows
    with redis_server(folder / "redis") as server:
        import redis

        rservice = CacheService(RedisBackend(server.url), CachePolicy(Strategy.BALANCED))
        rservice.put(request, {"text": ANSWER}, input_tokens=120, output_tokens=600, cost_usd=0.006)
        client = redis.Redis.from_url(server.url)
        client.set("k", stored)
        rows += _time_together(
            [
                ("raw redis-py GET (same bytes)", lambda: client.get("k")),
                ("CacheService hit, Redis", lambda: rservice.get(_request())),
            ],
            n,
        )
        rservice.close()
        client.close()
    return rows


# -- the semantic lookup at scale ------------------------------------------------------------
_PRODUCTS = ("serum", "cream", "toner", "cleanser", "mask", "balm", "lotion", "gel", "oil", "mist", "shampoo")
_SKINS = ("dry", "oily", "sensitive", "combination", "normal", "mature", "acne-prone")
_ACTIVES = ("niacinamide", "retinol", "bakuchiol", "panthenol", "ceramides", "squalane", "urea", "azelaic acid")
_REGIONS = ("Japan", "France", "Brazil", "India", "Poland", "Kenya", "Canada", "Vietnam", "Mexico", "Spain")


def synthetic_query(i: int) -> str:
    """A distinct, realistic request for entry ``i`` (the number makes it unique)."""
    rnd = random.Random(i)
    return (
        f"Create a {rnd.choice(_PRODUCTS)} for {rnd.choice(_SKINS)} skin in {rnd.choice(_REGIONS)} "
        f"with {rnd.randint(1, 20)}% {rnd.choice(_ACTIVES)}, lab reference {i}"
    )


def _scope_request(query: str, scope: int = 0) -> CacheRequest:
    model = "gpt-4o" if scope == 0 else f"gpt-4o-s{scope}"
    return CacheRequest("formulation", model, query, {"temperature": 0.2}, query=query)


def bulk_fill(service: CacheService, requests: list[CacheRequest]) -> None:
    """Write entries and their index records as ``put`` does, in diskcache transactions."""
    assert isinstance(service.backend, DiskBackend)
    cache = service.backend.cache
    answer = CachedAnswer({"text": "x" * 200}, "formulation", "gpt-4o", "", time.time())
    ttl = service.policy.ttl("formulation", hits=1_000_000)
    index = service.index  # the service's own index: records sealed as put seals them
    for start in range(0, len(requests), 2000):
        batch = requests[start : start + 2000]
        records = [index.records_for(r) for r in batch]
        with cache.transact():
            for request, owned in zip(batch, records, strict=True):
                entry_key = full("entry", request.key)
                cache.set(entry_key, answer.to_bytes(key=entry_key, signer=service.signer)[0], expire=ttl)
                for key, record in owned.items():
                    cache.set(key, record, expire=ttl)


@dataclass(frozen=True)
class ScaleRow:
    """Lookups in a disk store of ``entries`` in the scope (plus ``others`` elsewhere)."""

    entries: int
    others: int
    fill_s: float
    raw_get: Timing
    exact_hit: Timing
    semantic_hit: Timing
    semantic_miss: Timing
    served_right: int  # semantic-hit lookups answered with their own entry
    lookups: int


def lookup_scaling(folder: Path, sizes: tuple[int, ...], lookups: int, spread: bool = True) -> list[ScaleRow]:
    """Semantic lookup p50/p99 (hit and miss) at each size, against a raw get in that store."""
    rows = []
    configs = [(n, 0) for n in sizes] + ([(10_000, 10_000)] if spread else [])
    for n, others in configs:
        service = CacheService(DiskBackend(folder / f"scale-{n}-{others}"), CachePolicy(Strategy.BALANCED))
        started = time.perf_counter()
        stored = [_scope_request(synthetic_query(i)) for i in range(n)]
        elsewhere = [_scope_request(synthetic_query(n + i), 1 + i % OTHER_SCOPES) for i in range(others)]
        bulk_fill(service, stored + elsewhere)
        fill_s = time.perf_counter() - started
        rnd = random.Random(n)
        picks = [rnd.randrange(n) for _ in range(lookups)]
        cache = service.backend.cache
        raw_samples, exact, hit, miss = [], [], [], []
        served_right = 0
        for k, i in enumerate(picks):
            query = stored[i].query or ""
            key = full("entry", stored[i].key)
            t = time.perf_counter_ns()
            cache.get(key)
            raw_samples.append((time.perf_counter_ns() - t) / 1000)
            # A repeat exact hit (the first two hits of an entry renew its TTL: one write each).
            service.get(_scope_request(query))
            service.get(_scope_request(query))
            t = time.perf_counter_ns()
            service.get(_scope_request(query))
            exact.append((time.perf_counter_ns() - t) / 1000)
            # Worded differently, harmlessly: "Please create ..., thanks!" in another case.
            variant = _scope_request("Please " + query.lower().replace(",", ";") + ", thanks!")
            t = time.perf_counter_ns()
            found = service.get(variant)
            hit.append((time.perf_counter_ns() - t) / 1000)
            served_right += found is not None and found.key == stored[i].key
            # One content word more: a new request, never served.
            other = _scope_request(f"{query} and a pump bottle, draft {k}")
            t = time.perf_counter_ns()
            service.get(other)
            miss.append((time.perf_counter_ns() - t) / 1000)
        service.close()
        rows.append(
            ScaleRow(
                n,
                others,
                fill_s,
                _timing("raw get", raw_samples),
                _timing("exact hit", exact),
                _timing("semantic hit", hit),
                _timing("semantic miss", miss),
                served_right,
                lookups,
            )
        )
    return rows


def _scale_table(rows: list[ScaleRow]) -> list[str]:
    header = (
        f"{'entries in scope':>16} {'elsewhere':>9} {'raw get p50':>11} {'repeat exact p50':>16} "
        f"{'sem. hit p50/p99 (ms)':>22} {'sem. miss p50/p99 (ms)':>23} {'hit x raw':>9} {'exact x raw':>11} {'fill s':>7}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.entries:>16,} {r.others:>9,} {r.raw_get.p50_us:>9.1f}µs {r.exact_hit.p50_us:>14.1f}µs "
            f"{r.semantic_hit.p50_us / 1000:>10.3f}/{r.semantic_hit.p99_us / 1000:<11.3f}"
            f"{r.semantic_miss.p50_us / 1000:>11.3f}/{r.semantic_miss.p99_us / 1000:<11.3f}"
            f"{r.semantic_hit.p50_us / r.raw_get.p50_us:>9.1f}x {r.exact_hit.p50_us / r.raw_get.p50_us:>10.2f}x "
            f"{r.fill_s:>7.1f}"
        )
    return lines


def report(n: int, *, quick: bool = False, sizes: tuple[int, ...] | None = None) -> tuple[str, bool]:
    """The whole cache benchmark as text, and whether it holds (no wrong hit on the suite).

    ``quick``: a CI-sized run (1,000 and 10,000 entries, 100 lookups each, 300 QQP pairs);
    ``sizes`` replaces the store sizes measured.
    """
    sizes = sizes or (QUICK_SIZES if quick else FULL_SIZES)
    lookups = 100 if quick else 400
    with tempfile.TemporaryDirectory(prefix="optimizer-bench-cache-") as tmp:
        folder = Path(tmp)
        timings = hit_timings(folder, n)
        scale = lookup_scaling(folder, sizes, lookups, spread=not quick)
        halves = [
            ("tune (tuning half: " + " + ".join(p.name for p in semantic.TUNE) + ")", semantic.TUNE),
            (
                "report (reporting half, " + " + ".join(p.name for p in semantic.REPORT) + ", never tuned on)",
                semantic.REPORT,
            ),
        ]
        suite = []
        for label, paths in halves:
            if all(path.exists() for path in paths):
                suite += semantic.run_suite(semantic.load_suite(paths), folder, label)
        qqp, baseline = semantic.run_qqp(semantic.load_qqp(300 if quick else None), folder)

    by_name = {t.what: t for t in timings}
    raw_disk = by_name["raw diskcache Cache.get (same bytes)"].p50_us
    raw_redis = by_name.get("raw redis-py GET (same bytes)")
    lines = [
        f"# Cache benchmark — {n} calls per latency row{' (quick)' if quick else ''}, "
        f"payload {len(ANSWER.encode())} B of answer text",
        "",
        "## Exact hits (µs; timed in turns, one call of each per round; ratio: p50 against the raw store, reading the same stored bytes;",
        "## for a first decode, against reading the payload stored as an object, which diskcache unpickles)",
    ]
    header = f"{'what':<44} {'p50':>9} {'p99':>9} {'x raw':>7}"
    lines += [header, "-" * len(header)]
    raw_object = by_name["raw diskcache Cache.get (payload object)"].p50_us
    for t in timings:
        base = raw_redis.p50_us if raw_redis is not None and ("Redis" in t.what or "redis" in t.what) else raw_disk
        if "first decode" in t.what:
            base = raw_object
        lines.append(f"{t.what:<44} {t.p50_us:>9.1f} {t.p99_us:>9.1f} {t.p50_us / base:>6.2f}x")
    if raw_redis is None:
        lines.append("(redis-server not installed: Redis rows skipped)")
    disk_ratio = by_name["CacheService hit, diskcache"].p50_us / raw_disk
    lines.append(
        f"exact hit within 3x of raw diskcache get at p50: {'yes' if disk_ratio <= 3 else 'NO'} ({disk_ratio:.2f}x)"
    )
    if raw_redis is not None:
        redis_ratio = by_name["CacheService hit, Redis"].p50_us / raw_redis.p50_us
        lines.append(
            f"exact hit within 3x of raw redis GET at p50: {'yes' if redis_ratio <= 3 else 'NO'} ({redis_ratio:.2f}x)"
        )
    lines += [
        "",
        f"## Semantic lookup at scale (disk backend, balanced; {lookups} lookups per row, each a text not seen",
        "## before; hit = a harmless rewording of a stored request, miss = one content word more)",
        *_scale_table(scale),
    ]
    for r in scale:
        if r.served_right != r.lookups:
            lines.append(f"!! {r.entries:,}: {r.lookups - r.served_right} rewordings were not served their entry")
    at = {r.entries: r for r in scale if r.others == 0}
    for size, bar_ms in ((10_000, 5.0), (100_000, 20.0)):
        if size in at:
            p50 = max(at[size].semantic_hit.p50_us, at[size].semantic_miss.p50_us) / 1000
            lines.append(
                f"semantic lookup p50 at {size:,} ≤ {bar_ms:g} ms: {'yes' if p50 <= bar_ms else 'NO'} ({p50:.3f} ms)"
            )
    lines += ["", "## The guard on the adversarial suite (each case in a scope of its own, through CacheService)"]
    lines += semantic.suite_table(suite)
    wrong = [r for r in suite if r.kind == "near-miss" and r.served]
    for r in wrong:
        lines.append(f"!! wrong hits ({r.half}, {r.strategy}, {r.category}): {', '.join(r.examples)}")
    for r in suite:
        if r.kind == "disputed" and r.served and r.strategy == "balanced":
            half = r.half.split(" ")[0]  # "tune", "report": the files are listed in the tables' headings
            lines.append(f"disputed, served on purpose ({half}, {r.category}): {', '.join(r.examples)}")
    lines += [
        "## QQP sample (GPTCache's benchmark data; general questions run as one generator's free text)",
        "## recall: similar served its own origin; false hits: similar served its nearest OTHER origin",
        f"## (WordLlama); GPTCache's maintainers report about {semantic.GPTCACHE_HIT_ACCURACY:.0%} hit accuracy",
        *semantic.qqp_table(qqp, baseline),
    ]
    ok = not wrong
    return "\n".join(lines), ok
