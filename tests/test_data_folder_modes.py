"""The data folder is private to its account (found by an adversarial review).

The ledger (every analyst's requests and answers, the API keys' hashes) and the cache
(every cached answer) are written 0600 in 0700 folders whatever the umask, so no other
account on the server reads the team's text (``optimizer.config.private_folder`` and
``private_file``).
"""

from __future__ import annotations

import os
import stat

import pytest

from optimizer.cache import CacheRequest, CacheService, DiskBackend
from optimizer.ledger import Ledger, RunRecord


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_nothing_in_the_data_folder_is_readable_by_other_accounts(tmp_path, umask_022):
    folder = tmp_path / "data"
    ledger = Ledger(folder / "ledger.sqlite3")
    ledger.record(
        RunRecord("market", "local", "local", "none", "market-t2", "medium", 9, 9, 9, 0.0, user="ana@example.com")
    )
    ledger.close()
    cache = CacheService(DiskBackend(folder / "cache"))
    cache.put(CacheRequest("formulation", "gpt-4o", "a confidential serum brief"), {"text": "the answer"})
    cache.close()
    readable = sorted(
        str(path.relative_to(folder))
        for path in [folder, *folder.rglob("*")]
        if path.stat().st_mode & (stat.S_IROTH | stat.S_IXOTH)
    )
    assert readable == []
