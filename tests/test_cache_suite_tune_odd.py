"""The adversarial suite's tuning half (optimizer/data/fixtures/semantic/, ``semantic.TUNE``),
its odd files (the even ones: tests/test_cache_suite.py), through the real CacheService under
every strategy. A file of its own so that it runs beside the other parts on another worker.
"""

from __future__ import annotations

import pytest

from tests.support.suite import total

# about 20 s: 3 strategies x half the tuning half
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("suite_once")]


@pytest.mark.parametrize("strategy", ["conservative", "balanced", "aggressive"])
def test_no_near_miss_of_the_tuning_halfs_odd_files_is_ever_served(results, strategy):
    served, cases = total(results, "tune:1", strategy, "near-miss")
    assert cases >= 150
    assert served == 0, f"{served} wrong hits on the tuning half's odd files under {strategy}"


def test_the_tuning_halfs_odd_files_serve_paraphrases(results):
    """A floor under the tuning half's recall (56% over the whole half at g97)."""
    recall = {s: total(results, "tune:1", s, "paraphrase") for s in ("conservative", "balanced", "aggressive")}
    conservative, balanced, aggressive = (served / cases for served, cases in recall.values())
    assert balanced >= 0.50
    assert aggressive >= balanced > conservative
