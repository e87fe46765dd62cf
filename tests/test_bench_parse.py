"""bench parse without the model: its request halves, the old parser's rule, the table."""

from __future__ import annotations

import pytest

from optimizer.bench.parse import Outcome, previous_parsed, render
from optimizer.bench.parse_requests import half
from optimizer.errors import ConfigError
from optimizer.parsing import COLUMNS


@pytest.mark.parametrize("generator", tuple(COLUMNS))
def test_each_generator_has_two_disjoint_varied_halves_of_thirty(generator):
    tune, report = half(generator, "tune"), half(generator, "report")
    assert len(tune) == len(report) == 30
    assert not {repr(r) for r in tune} & {repr(r) for r in report}
    assert len({repr(r) for r in tune + report}) == 60  # every request once
    assert len({repr(sorted(f.items())) for f, _ in report}) >= 15  # varied forms, not one form repeated
    assert any(q for _, q in report) and any(len(f) == 1 for f, _ in report)  # free text, sparse forms


def test_an_unknown_half_is_refused():
    with pytest.raises(ConfigError, match="tune' or 'report"):
        half("costing", "all")


def test_the_old_rule_for_the_baseline():
    assert not previous_parsed('{"rows": [["name", "name", "name"]]}')
    assert previous_parsed('{"rows": [["Aqua", 80, "solvent"]], "notes": "x"}')
    assert previous_parsed('{"rows": [["Aqua", 80, "solvent"], ["Glyc')  # cut short, one complete row
    assert not previous_parsed("Aqua | 80 | solvent")


def test_the_table_says_the_rate_and_why_answers_failed():
    def outcome(parsed, why=""):
        return Outcome("branding", 0, parsed, int(parsed), 0, False, False, 1.0, why, '{"rows": []}', None)

    info = {"half": "report", "cap": 160, "seed": "unset", "minutes": 1.0, "load": 1.0}
    text, ok = render([outcome(True)] * 19 + [outcome(False, "a column name as name")], info)
    assert ok and "95%" in text and "1 × a column name as name" in text
    text, ok = render([outcome(True)] * 18 + [outcome(False, "no rows")] * 2, info)
    assert not ok and "DOES NOT HOLD" in text
