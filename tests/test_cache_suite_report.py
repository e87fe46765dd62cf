"""The adversarial suite's reporting half (optimizer/data/fixtures/semantic/, the files
never tuned on: ``semantic.REPORT``), its even files (the odd ones:
tests/test_cache_suite_report_odd.py), through the real CacheService under every strategy.
A file of its own so that it runs beside the other parts on another worker.
"""

from __future__ import annotations

import pytest

from tests.support.suite import total

# about 40 s: 3 strategies x half the reporting half
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("suite_once")]


@pytest.mark.parametrize("strategy", ["conservative", "balanced", "aggressive"])
def test_no_near_miss_of_the_reporting_halfs_even_files_is_ever_served(results, strategy):
    served, cases = total(results, "report:0", strategy, "near-miss")
    assert cases >= 150
    # Counts only: the reporting half's texts are not shown here (nobody tunes on them).
    assert served == 0, f"{served} wrong hits on the reporting half's even files under {strategy}"


def test_the_reporting_halfs_even_files_serve_paraphrases(results):
    """Recall on the half nobody tuned on: a floor under the figure the README reports
    (55.0% at g95 over the whole half), so that a rule which quietly stops serving
    paraphrases fails here."""
    recall = {s: total(results, "report:0", s, "paraphrase") for s in ("conservative", "balanced", "aggressive")}
    conservative, balanced, aggressive = (served / cases for served, cases in recall.values())
    assert balanced >= 0.50
    assert aggressive >= balanced > conservative
