"""The gateway's stores under attack or damage (found by an adversarial review):

* the rate-limit and budget counters (``optimizer.quotas.DiskCounters``, the default
  without Redis) read through ``SafeDisk``: a planted pickle row runs nothing, and a row
  that is not a count is replaced, never a 500;
* a damaged ledger (which held the API keys) does not open the gateway keyless.
"""

from __future__ import annotations

import pickle
import sqlite3
import time
from pathlib import Path

import pytest

from optimizer.quotas import PREFIX, DiskCounters, Period, QuotaConfig, Quotas


class _Touch:
    """Unpickling this creates ``path`` (a harmless stand-in for os.system)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _plant(folder: Path, key: str, payload: bytes) -> None:
    """Write a pickle-mode row (diskcache's MODE_PICKLE = 4) for ``key`` into the cache.db."""
    with sqlite3.connect(folder / "cache.db") as db:
        db.execute("DELETE FROM Cache WHERE key = ?", (key,))
        now = time.time()
        db.execute(
            "INSERT INTO Cache (key, raw, store_time, expire_time, access_time, access_count, tag, size, mode,"
            " filename, value) VALUES (?, 1, ?, NULL, ?, 0, NULL, 0, 4, NULL, ?)",
            (key, now, now, sqlite3.Binary(payload)),
        )


def test_a_planted_pickle_row_in_the_gateway_counters_runs_nothing(tmp_path):
    folder = tmp_path / "gateway-counters"
    counters = DiskCounters(folder)  # creates cache.db and its schema
    marker = tmp_path / "code-ran"
    quotas = Quotas(counters, QuotaConfig(budget_usd=5.0, period=Period.MONTH))
    spend_key = f"{PREFIX}:spend:ana:{Period.MONTH.current()[0]}"
    _plant(folder, spend_key, pickle.dumps(_Touch(marker)))
    try:
        quotas.check("ana")  # what the gateway does before every request of the key 'ana'
    finally:
        counters.close()
    assert not marker.exists(), "unpickling a row of the counters' store ran code"


def test_a_malformed_rate_counter_is_skipped_not_a_crash(tmp_path):
    from optimizer.quotas import parse_rate

    folder = tmp_path / "gateway-counters"
    counters = DiskCounters(folder)
    quotas = Quotas(counters, QuotaConfig(rate=parse_rate("60/minute")))
    window = int(time.time() // 60)
    for offset in (0, 1):  # this window and the next (the test may cross a minute)
        key = f"{PREFIX}:rate:ana:60:{window + offset}"
        with sqlite3.connect(folder / "cache.db") as db:
            now = time.time()
            db.execute(
                "INSERT INTO Cache (key, raw, store_time, expire_time, access_time, access_count, tag, size, mode,"
                " filename, value) VALUES (?, 1, ?, NULL, ?, 0, NULL, 0, 3, NULL, ?)",
                (key, now, now, "not a number"),
            )
    try:
        refusal = quotas.check("ana")  # the gateway answers 500 "unexpected failure" for this
    finally:
        counters.close()
    assert refusal is None


def test_a_damaged_ledger_does_not_open_the_gateway_keyless(data_dir, monkeypatch):
    from optimizer.errors import OptimizerError
    from optimizer.server.config import GatewayConfig
    from optimizer.server.run import serve

    monkeypatch.delenv("OPTIMIZER_DATABASE_URL", raising=False)
    data_dir.mkdir(parents=True)
    (data_dir / "ledger.sqlite3").write_bytes(b"this is not a database, and it held the API keys " * 100)
    with pytest.raises(OptimizerError, match="API keys were in the damaged file") as refused:
        serve("127.0.0.1", 0, config=GatewayConfig(docs=False))
    assert "moved to" in str(refused.value)  # and where the old file went
    assert list(data_dir.glob("ledger.sqlite3.corrupt-*"))
