from __future__ import annotations

import pytest

from optimizer import pricing
from optimizer.errors import ConfigError


def test_vendored_table_is_dated_and_has_a_free_local_model():
    table = pricing.load_prices()
    assert table.as_of and table.source
    local = table.price("local")
    assert (local.input, local.cached_input, local.output) == (0.0, 0.0, 0.0)


def test_cost_splits_fresh_and_cached_input():
    table = pricing.load_prices()
    p = table.price("gpt-4o")
    expected = ((1000 - 400) * p.input + 400 * p.cached_input + 500 * p.output) / 1_000_000
    assert table.cost("gpt-4o", 1000, 500, cached_tokens=400) == pytest.approx(expected)
    assert table.cost("gpt-4o", 1000, 500, 400) < table.cost("gpt-4o", 1000, 500, 0)


def test_dated_snapshots_use_their_family_price():
    table = pricing.load_prices()
    assert table.price("gpt-4o-2024-08-06") == table.price("gpt-4o")
    assert table.price("gpt-4o-mini-2024-07-18") == table.price("gpt-4o-mini")


def test_unknown_model_error_says_how_to_fix(data_dir):
    with pytest.raises(ConfigError, match=r"add a \[models.\"acme-1\"\] row"):
        pricing.load_prices().price("acme-1")


@pytest.mark.parametrize("bad", [(-1, 0, 0), (10, 5, 11)])
def test_impossible_token_counts_are_refused(bad):
    with pytest.raises(ValueError):
        pricing.load_prices().cost("gpt-4o", *bad)


def test_override_file_in_data_dir_wins(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "prices.toml").write_text(
        'as_of = "2026-11-01"\n[models.gpt-4o]\ninput = 1.0\ncached_input = 0.5\noutput = 2.0\n'
        "[models.acme-1]\ninput = 3\ncached_input = 3\noutput = 3\n"
    )
    table = pricing.load_prices()
    assert table.as_of == "2026-11-01"
    assert table.cost("gpt-4o", 1_000_000, 1_000_000) == pytest.approx(3.0)
    assert table.price("acme-1").output == 3.0
    assert table.price("gpt-4o-mini").input > 0  # rows not overridden stay


def test_override_from_env_and_bad_files_say_what_is_wrong(tmp_path, monkeypatch):
    bad = tmp_path / "p.toml"
    monkeypatch.setenv(pricing.PRICES_ENV, str(bad))
    bad.write_text("[models.x\ninput = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        pricing.load_prices()
    bad.write_text('[models.x]\ninput = "cheap"\ncached_input = 1\noutput = 1\n')
    with pytest.raises(ConfigError, match="needs numeric input"):
        pricing.load_prices()
    bad.write_text("[models.x]\ninput = -1\ncached_input = 1\noutput = 1\n")
    with pytest.raises(ConfigError, match="negative"):
        pricing.load_prices()


def test_module_level_cost_uses_the_shared_table():
    assert pricing.cost("gpt-4o", 100, 10) == pricing.price_table().cost("gpt-4o", 100, 10)
