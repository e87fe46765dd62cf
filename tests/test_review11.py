"""Review of the session b1d6ed1..5f6c369 (issues 10 and 16): defects found in the change,
each proven by a strict xfail that fails today (remove the mark when it is fixed).

Areas: the deferred cull of the disk store (``safedisk.Store.cull``), serve's own access
log (``server.app.AccessLog``) and the guard rules g5/g6 (``cache/canon.py``, ``words.py``).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from support.guard import same

from optimizer.cache import CacheRequest, CacheService, DiskBackend
from optimizer.server.app import AccessLog

# Fixed by the lead (the marks removed); still open: "a"/"the" before one deliverable (a recall
# loss kept on purpose: "the" too cost more paraphrases than it kept apart) and a number list
# before "and".


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# -- the cache: the cull that replaced diskcache's per-write cull ---------------------------


def test_a_cull_inside_a_batch_keeps_the_newest_entries(tmp_path: Path) -> None:
    backend = DiskBackend(tmp_path / "c", size_limit=400_000)
    try:
        for i in range(600):  # past the limit: the plain writes cull to it (1% = 4,000 bytes)
            backend.set(f"old{i}", os.urandom(1000), None)
        before = len(list(backend.scan("*")))
        assert before > 200
        with backend.batch():  # two answers stored as the gateway's cache writer does
            for i in range(2):
                backend.set(f"new{i}", os.urandom(3000), None)
        left = set(backend.scan("*"))
        assert {"new0", "new1"} <= left
        assert len(left) >= before // 2  # a cull removes the oldest past the limit, not everything
    finally:
        backend.close()


def test_the_gateway_cache_writer_keeps_a_full_store_full(tmp_path: Path) -> None:
    from optimizer.server.deferred import DeferredCache

    service = CacheService(DiskBackend(tmp_path / "g", size_limit=300_000))
    cache = DeferredCache(service)
    rows = []
    try:
        for i in range(800):
            cache.put(CacheRequest("chat", "m", f"question number {i} about serums"), {"text": "x" * 1500})
            if i % 16 == 15:
                cache.flush()
                rows.append(len(list(service.backend.scan("*"))))
    finally:
        cache.close()
    full = rows[len(rows) // 2 :]  # the store reached its limit in the first half
    assert min(full) >= max(full) // 2


@pytest.mark.slow
def test_a_store_written_by_many_short_processes_stays_near_its_limit(tmp_path: Path) -> None:
    # Answers are far smaller than 1% of the limit (the default limit is 1 GiB: 10 MB).
    folder, limit = tmp_path / "c", 400_000
    for i in range(150):  # one backend per "process": 585 KB written into a 400 KB store
        backend = DiskBackend(folder, size_limit=limit)
        backend.set(f"k{i}", os.urandom(3900), None)  # just under 1% of the limit
        backend.close()
    backend = DiskBackend(folder, size_limit=limit)
    try:
        assert backend.cache.volume() <= 1.25 * limit
    finally:
        backend.close()


# -- the access log ----------------------------------------------------------------------------


def _access_line(path: str, query: bytes = b"") -> str:
    out = io.StringIO()
    log = AccessLog(out)
    log.add(
        {"client": ("127.0.0.1", 5000), "method": "GET", "path": path, "query_string": query, "http_version": "1.1"},
        200,
    )
    log.flush()
    return out.getvalue()


@pytest.mark.parametrize("param", ["key", "code", "sig", "auth", "session"])
def test_a_secret_query_parameter_never_reaches_the_access_log(param: str) -> None:
    secret = "Zq81kk33JJxv0pLw9"
    line = _access_line("/v1/models", f"{param}={secret}".encode())
    assert line.startswith('INFO:     127.0.0.1:5000 - "GET /v1/models?')
    assert secret not in line


def test_a_request_path_cannot_forge_an_access_log_line() -> None:
    forged = '/v1/models\nINFO:     10.0.0.9:1 - "DELETE /api/v1/optimization/cache/clear HTTP/1.1" 200 OK'
    line = _access_line(forged)
    assert line.count("\n") == 1
    assert line.startswith('INFO:     127.0.0.1:5000 - "GET /v1/models')


def test_a_key_in_the_path_never_reaches_the_access_log() -> None:
    key = "sk-proj-abcdefghijklmnopqrstuvwxyz012345"
    line = _access_line(f"/v1/{key}/models")
    assert "/models" in line
    assert key not in line


# -- the guard (g5/g6) --------------------------------------------------------------------------


# The order rule of g5 keeps clause order only inside one sentence or line; steps are most
# often written one a sentence or one a line, and then any order is served. Adding the
# fragrance or the preservative before or after cooling is another procedure.
STEPS = [
    (
        "Heat the oils to 75C. Then add the fragrance. Then cool to 40C.",
        "Heat the oils to 75C. Then cool to 40C. Then add the fragrance.",
    ),
    (
        "Steps: heat the oils to 75C. Then add the preservative. Then cool to 40C.",
        "Steps: heat the oils to 75C. Then cool to 40C. Then add the preservative.",
    ),
    (
        "Heat phase A to 75C\nThen add the preservative\nThen cool to 40C",
        "Heat phase A to 75C\nThen cool to 40C\nThen add the preservative",
    ),
    (
        "Method, in this order: heat the water phase to 75C. Add the oil phase. Cool to 40C. Add the preservative.",
        "Method, in this order: heat the water phase to 75C. Add the preservative. Cool to 40C. Add the oil phase.",
    ),
]


@pytest.mark.parametrize(("a", "b"), STEPS, ids=["then-sentences", "steps-sentences", "then-lines", "in-this-order"])
def test_steps_in_another_order_are_not_served(served, a: str, b: str) -> None:
    assert not served("formulation", a, b)


def test_steps_in_one_sentence_keep_their_order(served) -> None:
    # The shape g5 fixed (clauses of one sentence): it must stay refused.
    a = "Heat phase A to 75C, then add the preservative, then cool to 40C"
    b = "Heat phase A to 75C, then cool to 40C, then add the preservative"
    assert not served("formulation", a, b)
    assert served("formulation", a, a.replace("Heat", "Please heat"))


# g6's "a" = one (branding and market): an article before a thing there is only one of in
# any case (a brand story, an overview, a SWOT analysis, a plan) now differs from "the".
A_OR_THE = [
    ("branding", "Write a brand story for our vegan serum", "Write the brand story for our vegan serum"),
    ("branding", "Create a brand identity for our serum line", "Create the brand identity for our serum line"),
    (
        "market",
        "Give me an overview of the French skincare market",
        "Give me the overview of the French skincare market",
    ),
    ("market", "Do a SWOT analysis of Glossier in France", "Do the SWOT analysis of Glossier in France"),
    ("market", "Prepare a market entry plan for Spain", "Prepare the market entry plan for Spain"),
]


@xfail(
    "canon._clause (g6): 'a'/'an' becomes the count '1' in branding and market requests, so "
    "'a brand story' and 'the brand story', 'an overview' and 'the overview' are no longer one "
    "request (served before g6): a recall loss on paraphrases analysts type"
)
@pytest.mark.parametrize(("generator", "a", "b"), A_OR_THE, ids=[p[2].split()[2] for p in A_OR_THE])
def test_a_or_the_before_a_single_deliverable_is_one_request(generator: str, a: str, b: str) -> None:
    assert same(a, b, generator=generator)


def test_a_or_several_still_differ() -> None:
    # What the "1" marker is for: one tagline is not several.
    assert not same("Write a tagline for our serum", "Write taglines for our serum", generator="branding")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cleanser at pH 5,5 and 6", "Cleanser at pH 5.5 and 6"),
        ("a serum with 2,5 and 5% niacinamide", "a serum with 2.5 and 5% niacinamide"),
        ("Price the 30 ml at 4,5 or 5 EUR", "Price the 30 ml at 4.5 or 5 EUR"),
    ],
    ids=["ph", "percent", "price"],
)
def test_a_decimal_comma_before_and_is_still_a_decimal(a: str, b: str) -> None:
    assert same(a, b, generator="formulation")


def test_numbers_listed_with_commas_stay_a_list() -> None:
    # "shades 1,2 and 3" is three shades, not 1.2 and 3.
    assert not same("Cost of shades 1,2 and 3", "Cost of shades 1.2 and 3", generator="costing")
    assert same("Cost of shades 1,2 and 3", "Cost of shades 1, 2 and 3", generator="costing")


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("costing", "I just need the cost per unit", "I need the cost per unit"),
        (
            "market",
            "We just need a quick overview of the French market",
            "We need a quick overview of the French market",
        ),
    ],
    ids=["cost", "overview"],
)
def test_just_as_a_filler_is_harmless(generator: str, a: str, b: str) -> None:
    assert same(a, b, generator=generator)
