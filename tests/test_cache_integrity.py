"""Nobody who can write the cache can run code or forge an answer; odd records never crash it.

Pickle rows are planted with sqlite3 straight into the cache folder's files, forged entries
straight into a real redis-server: what the held-out checks do.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import zlib
from pathlib import Path

import pytest

from optimizer.cache import (
    CachedAnswer,
    CacheRequest,
    CacheService,
    DiskBackend,
    RedisBackend,
    Signer,
    signer_from,
)
from optimizer.cache.disk import COUNTERS_DIR, MALFORMED_KEY
from optimizer.cache.integrity import HEAD_SIZE, seal
from optimizer.cache.keys import full
from optimizer.errors import ConfigError
from optimizer.generate import GenerationRequest, GenerationService
from optimizer.ledger import Ledger
from optimizer.providers import Finish, TextDelta, UsageReport

SECRET = "a-team-secret-of-enough-length"
FORM = {"product_type": "serum", "category": "skincare", "requirements": "fragrance-free", "region": "EU"}


class Exploit:
    """Unpickling this runs a shell command that creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def plant(db: Path, key: object, value: object, *, mode: int = 4, raw: int = 1, filename: str | None = None) -> None:
    """Insert a row into a diskcache file as an attacker with write access to the folder would."""
    con = sqlite3.connect(db)
    con.execute(
        "INSERT OR REPLACE INTO Cache (key, raw, store_time, expire_time, access_time, access_count, tag, size, "
        "mode, filename, value) VALUES (?, ?, 0, NULL, 0, 0, NULL, 0, ?, ?, ?)",
        (key, raw, mode, filename, value),
    )
    con.commit()
    con.close()


def req(prompt: str = "Create a hydrating serum for dry skin", generator: str = "formulation") -> CacheRequest:
    return CacheRequest(generator, "gpt-4o", prompt, params={"temperature": 0.2})


# -- nothing unpickled ---------------------------------------------------------------------
def test_pickle_rows_in_the_cache_folder_run_nothing(tmp_path):
    folder = tmp_path / "cache"
    marker = tmp_path / "pwned"
    DiskBackend(folder).close()
    evil = pickle.dumps(Exploit(marker))
    plant(folder / "cache.db", full("entry", req().key), evil)  # a pickle value (mode 4)
    plant(folder / "cache.db", full("stale", req().key), evil)
    plant(folder / "cache.db", pickle.dumps(("a", "key")), evil, raw=0)  # a key stored as a pickle
    plant(folder / COUNTERS_DIR / "cache.db", "optimizer:v1:stat:formulation:miss", evil)
    service = CacheService(DiskBackend(folder))
    assert service.get(req()) is None and service.get_stale(req()) is None
    stats = service.stats()
    service.keys()
    service.usage()
    service.series()
    assert not marker.exists()
    assert stats["all"].malformed >= 4  # counted at open (the sweep), never decoded
    con = sqlite3.connect(folder / "cache.db")
    assert con.execute("SELECT count(*) FROM Cache WHERE mode = 4 OR raw = 0").fetchone() == (0,)
    con.close()
    service.close()


def test_a_pickle_row_planted_while_running_is_refused_on_read(tmp_path):
    folder = tmp_path / "cache"
    marker = tmp_path / "pwned"
    service = CacheService(DiskBackend(folder))
    service.put(req(), {"text": "real"})
    plant(folder / "cache.db", full("entry", req().key), pickle.dumps(Exploit(marker)))
    plant(folder / COUNTERS_DIR / "cache.db", full("hits", req().key), pickle.dumps(Exploit(marker)))
    assert service.get(req()) is None
    assert service.keys() == [] and service.usage()["keys"] == []
    assert not marker.exists()
    assert service.stats()["all"].malformed >= 1
    service.close()


def test_cache_stats_and_a_generation_with_pickle_rows_run_nothing(tmp_path, run_cli):
    data = tmp_path / "cli-data"  # the folder run_cli points OPTIMIZER_DATA_DIR at
    marker = tmp_path / "pwned"
    folder = data / "cache"
    DiskBackend(folder).close()
    evil = pickle.dumps(Exploit(marker))
    plant(folder / "cache.db", "optimizer:v1:entry:formulation:gpt-4o:t1:" + "0" * 32, evil)
    plant(folder / COUNTERS_DIR / "cache.db", "optimizer:v1:stat:all:miss", evil)
    result = run_cli("cache", "stats")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and not marker.exists()
    assert b'"malformed": 2' in result.stdout

    provider = _Once()
    cache = CacheService(DiskBackend(folder))
    service = GenerationService(provider, cache, Ledger(tmp_path / "ledger.sqlite3"))
    first = service.generate(GenerationRequest("formulation", "gentle serum", FORM))
    "".join(first)
    key = first.cache_request.key
    plant(folder / "cache.db", full("entry", key), evil)
    plant(folder / "cache.db", full("stale", key), evil)
    again = service.generate(GenerationRequest("formulation", "gentle serum", FORM))
    assert "".join(again) == "Aqua | 90 | solvent" and again.cached == "none" and provider.calls == 2
    assert not marker.exists()
    cache.close()


class _Once:
    name, model = "openai", "gpt-4o-mini"

    def __init__(self) -> None:
        self.calls = 0

    def describe(self) -> str:
        return "fake"

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(self, messages, *, max_tokens, temperature, options=None):
        self.calls += 1
        yield TextDelta("Aqua | 90 | solvent")
        yield UsageReport(50, 12)
        yield Finish("stop")


def test_a_crafted_file_name_is_never_read_nor_deleted(tmp_path):
    folder = tmp_path / "cache"
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    DiskBackend(folder).close()
    plant(folder / "cache.db", full("entry", req().key), None, mode=2, filename=str(victim))
    plant(folder / "cache.db", full("entry", req("x").key), None, mode=2, filename="../../precious.txt")
    service = CacheService(DiskBackend(folder))
    assert service.get(req()) is None and service.get(req("x")) is None
    service.clear()
    assert victim.read_text() == "keep me"
    service.close()


def test_tampered_settings_rows_are_dropped_before_diskcache_reads_them(tmp_path):
    folder = tmp_path / "cache"
    DiskBackend(folder).close()
    con = sqlite3.connect(folder / "cache.db")
    con.execute("INSERT INTO Settings VALUES ('sqlite_writable_schema', 1), ('disk_evil', 'x')")
    con.execute("UPDATE Settings SET value = 'bogus' WHERE key = 'eviction_policy'")
    con.commit()
    con.close()
    backend = DiskBackend(folder)
    backend.set("k", b"v", None)
    assert backend.get("k") == b"v"
    con = sqlite3.connect(folder / "cache.db")
    names = {row[0] for row in con.execute("SELECT key FROM Settings")}
    policy = con.execute("SELECT value FROM Settings WHERE key = 'eviction_policy'").fetchone()
    con.close()
    assert "sqlite_writable_schema" not in names and "disk_evil" not in names
    assert policy == ("least-recently-stored",)
    backend.close()


# -- signed entries ------------------------------------------------------------------------
@pytest.fixture
def store(backend_name, tmp_path, request):
    """A raw store on the parametrized backend (a real redis-server for "redis")."""
    if backend_name == "disk":
        backend = DiskBackend(tmp_path / "disk")
    else:
        backend = RedisBackend(request.getfixturevalue("clean_redis"))
    yield backend
    backend.close()


def signed_service(backend, secret: str | None = SECRET) -> CacheService:
    return CacheService(backend, signer=signer_from(secret) if secret else None)


def forged(prompt_answer: str, key: str, signer: Signer | None = None) -> bytes:
    answer = CachedAnswer({"text": prompt_answer}, "formulation", "gpt-4o", "x", 0.0)
    blob, _ = answer.to_bytes(key=key, signer=signer)
    return blob


def test_a_forged_entry_is_rejected_counted_and_never_served(store):
    service = signed_service(store)
    service.put(req(), {"text": "genuine"})
    assert service.get(req()).payload == {"text": "genuine"}
    entry = full("entry", req().key)
    cases = [
        forged("forged, unsigned", entry),
        forged("forged, other secret", entry, Signer(b"another-secret-of-length")),
        forged("genuine elsewhere", full("entry", req("other").key), signer_from(SECRET)),  # replayed
    ]
    tampered = bytearray(forged("tampered", entry, signer_from(SECRET)))
    tampered[-3] ^= 0xFF
    cases.append(bytes(tampered))
    for blob in cases:
        store.set(entry, blob, None)
        assert service.get(req()) is None
        assert store.get(entry) is None  # dropped, so the real answer can be stored again
    stats = service.stats()
    assert stats["formulation"].rejected == len(cases) == stats["all"].rejected
    assert stats["formulation"].hits_exact == 1 and stats["formulation"].misses == len(cases)
    assert stats["formulation"].expired == 0  # a rejected entry is not an expiry
    service.close()


def test_a_forged_stale_copy_is_not_served_when_the_provider_is_down(store):
    service = signed_service(store)
    service.put(req(), {"text": "genuine"})
    assert service.get_stale(req()).payload == {"text": "genuine"}
    store.set(full("stale", req().key), forged("forged", full("stale", req().key)), None)
    assert service.get_stale(req()) is None
    assert service.stats()["formulation"].rejected == 1
    service.close()


def test_verification_is_memoized_by_bytes_never_by_key_alone(store):
    service = signed_service(store)
    service.put(req(), {"text": "genuine"})
    assert service.get(req()) is not None and service.get(req()) is not None  # second: from the memo
    store.set(full("entry", req().key), forged("forged", full("entry", req().key)), None)
    assert service.get(req()) is None
    service.close()


def test_without_a_secret_entries_are_unsigned_and_health_says_so(store):
    service = signed_service(store, None)
    service.put(req(), {"text": "a"})
    blob = store.get(full("entry", req().key))
    assert blob[3] == 0 and len(blob) > HEAD_SIZE  # flags: unsigned
    health = service.health()
    assert not health.signed and "unsigned" in health.integrity
    signed = signed_service(store)
    assert signed.get(req()) is None  # an unsigned entry is refused once a secret is set
    assert signed.health().signed and "signed" in signed.health().as_dict()["integrity"]
    signed.close()
    service.close()


def test_the_team_secret_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OPTIMIZER_TEAM_SECRET", SECRET)
    service = CacheService.from_config("disk", folder=tmp_path / "c")
    assert service.signer is not None and service.health().signed
    service.put(req(), {"text": "a"})
    assert service.backend.get(full("entry", req().key))[3] == 1  # flags: signed
    service.close()
    monkeypatch.setenv("OPTIMIZER_TEAM_SECRET", "short")
    with pytest.raises(ConfigError, match="at least 16"):
        CacheService.from_config("disk", folder=tmp_path / "c")


# -- malformed records ---------------------------------------------------------------------
def _record(body_json: bytes, key: str, *, raw_size: int | None = None) -> bytes:
    body = zlib.compress(body_json)
    return seal(body, len(body_json) if raw_size is None else raw_size, key=key, signer=signer_from(SECRET))


@pytest.mark.parametrize(
    "make",
    [
        lambda key: b"\x01",  # a one-byte record
        lambda key: b"OC\x02\x01\x00\x00\x00\x05" + b"\x00" * 10,  # signed, but the signature is cut
        lambda key: _record(b"[1, 2, 3]", key),  # a JSON list, correctly signed
        lambda key: _record(b'{"payload": 1, "generator": 5, "model": "m", "prompt": "p", "created": 0}', key),
        lambda key: _record(b'{"payload": 1, "generator": "g", "model": "m", "prompt": "p", "created": NaN}', key),
        lambda key: _record(
            b'{"payload": 1, "generator": "g", "model": "m", "prompt": "p", "created": 0, "input_tokens": true}', key
        ),
        lambda key: _record(b"x" * 5_000_000, key, raw_size=100),  # more than the header says
        lambda key: _record(b"not json", key),
    ],
    ids=["one-byte", "cut-signature", "json-list", "wrong-type", "nan", "bool-as-int", "bomb", "not-json"],
)
def test_malformed_entries_are_skipped_and_counted(store, make):
    service = signed_service(store)
    entry = full("entry", req().key)
    store.set(entry, make(entry), None)
    assert service.get(req()) is None
    assert store.get(entry) is None
    stats = service.stats()["formulation"]
    assert (stats.malformed, stats.rejected) == (1, 0)
    service.close()


def test_non_integer_counters_and_odd_keys_never_crash_stats(store, backend_name):
    service = CacheService(store)
    service.put(req(), {"text": "a"})
    service.get(req())
    service.stats()
    bad = {
        "optimizer:v1:stat:formulation:hit_exact": b"not a number",
        "optimizer:v1:hits:" + req().key: b"[1]",
        "optimizer:v1:ts:notaminute:formulation:miss": b"3",
        "optimizer:v1:ts:123": b"4",
    }
    if backend_name == "disk":
        for key, value in bad.items():
            plant(store.directory / COUNTERS_DIR / "cache.db", key, value, mode=1)
    else:
        for key, value in bad.items():
            store.client.set(key, value)
        store.client.rpush("optimizer:v1:stat:all:miss", b"a list")  # another type where a counter should be
    stats = service.stats()
    assert stats["formulation"].hits_exact == 0 and stats["formulation"].sets == 1
    assert stats["all"].malformed >= 1  # the counter found by this very read counts at once
    service.keys()
    service.usage()
    assert {p.event for p in service.series()} >= {"set"}
    assert service.stats()["all"].malformed >= 2
    service.recorder.record("formulation", "miss")
    service.recorder.flush()  # incrementing over a malformed counter replaces it
    assert service.stats()["formulation"].misses == 1
    service.close()


def test_the_malformed_counter_itself_is_a_plain_counter(tmp_path):
    backend = DiskBackend(tmp_path / "c")
    plant(tmp_path / "c" / COUNTERS_DIR / "cache.db", "optimizer:v1:stat:all:saved_ms", b"x", mode=1)
    assert backend.counters("optimizer:v1:stat:*") == {MALFORMED_KEY: 1}
    backend.close()


def test_the_disk_store_refuses_to_store_anything_but_bytes_and_int(tmp_path):
    backend = DiskBackend(tmp_path / "c")
    with pytest.raises(TypeError, match="bytes and int"):
        backend.set("k", {"a": 1}, None)  # type: ignore[arg-type]  # a pickle would be written
    backend.close()
