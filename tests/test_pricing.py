from __future__ import annotations

import pytest

from optimizer import pricing
from optimizer.errors import ConfigError, PriceError


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


ROW = "[models.acme-1]\n"
GOOD = ROW + "input = 1\ncached_input = 0.5\noutput = 2\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (ROW + "input = nan\ncached_input = 1\noutput = 1\n", r"price row 'acme-1' in .*: input is nan"),
        (ROW + "input = 1\ncached_input = 1\noutput = inf\n", r"price row 'acme-1' in .*: output is inf"),
        (ROW + "input = 1\ncached_input = -inf\noutput = 1\n", r"cached_input is -inf"),
        (ROW + "input = -1\ncached_input = 1\noutput = 1\n", r"input is negative \(-1\)"),
        (ROW + 'input = "0.15"\ncached_input = 1\noutput = 1\n', r'input is the string "0.15"; write the number'),
        (ROW + "input = true\ncached_input = 1\noutput = 1\n", r"input is true \(a boolean\)"),
        (ROW + "input = [1]\ncached_input = 1\noutput = 1\n", r"input is a list, not a number"),
        (ROW + "input = 2026-01-01\ncached_input = 1\noutput = 1\n", r"input is a date, not a number"),
        (ROW + "input = 1\ncached_input = 1\n", r"price row 'acme-1' .* \(missing: output\)"),
        (ROW + "input = 1\ncached_input = 1\noutput = 1\nouput = 1\n", r"unknown key 'ouput'"),
        ("models = [1, 2]\n", r"models is a list"),
        ("[models]\nacme-1 = 0.5\n", r"price row 'acme-1' .* is a float"),
        ("[gpt-4o]\ninput = 1\ncached_input = 1\noutput = 1\n", r"unknown top-level key 'gpt-4o'"),
        ("as_of = [1]\n" + GOOD, r"as_of must be a string or a date"),
        ("[models.x\ninput = 1", r"is not valid TOML"),
        ("[1, 2]\n", r"is not valid TOML"),
    ],
)
def test_bad_override_rows_are_refused_naming_file_and_row(tmp_path, monkeypatch, content, message):
    bad = tmp_path / "team-prices.toml"
    bad.write_text(content)
    monkeypatch.setenv(pricing.PRICES_ENV, str(bad))
    with pytest.raises(PriceError, match=message) as caught:
        pricing.load_prices()
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)


def test_an_override_named_by_the_variable_must_exist(tmp_path, monkeypatch):
    monkeypatch.setenv(pricing.PRICES_ENV, str(tmp_path / "typo.toml"))
    with pytest.raises(PriceError, match=r"OPTIMIZER_PRICES names the price file .*typo.toml, which does not exist"):
        pricing.load_prices()


def test_the_optional_override_in_the_data_folder_may_be_absent(data_dir):
    assert not (data_dir / "prices.toml").exists()
    assert pricing.load_prices().price("gpt-4o").input > 0


@pytest.mark.parametrize("kind", ["folder", "binary", "huge", "unreadable"])
def test_a_file_that_is_no_price_table_is_one_sentence(tmp_path, monkeypatch, kind):
    target = tmp_path / "prices.toml"
    expected = {
        "folder": "is a folder, not a TOML file",
        "binary": "is not UTF-8 text",
        "huge": "is over 1 MB",
        "unreadable": "cannot read the price file",
    }[kind]
    if kind == "folder":
        target.mkdir()
    elif kind == "binary":
        target.write_bytes(bytes(range(256)) * 4)
    elif kind == "huge":
        target.write_text("# padding\n" * 200_000)
    else:
        target.symlink_to(target)  # a symlink loop: the open itself fails
    monkeypatch.setenv(pricing.PRICES_ENV, str(target))
    with pytest.raises(PriceError, match=expected):
        pricing.load_prices()


def test_a_dated_override_is_accepted_and_merged(tmp_path, monkeypatch):
    good = tmp_path / "p.toml"
    good.write_text("as_of = 2026-11-01\n" + GOOD)
    monkeypatch.setenv(pricing.PRICES_ENV, str(good))
    table = pricing.load_prices()
    assert table.as_of == "2026-11-01" and table.price("acme-1").output == 2.0


def test_a_failed_table_is_not_kept_so_a_fix_needs_no_restart(tmp_path, monkeypatch):
    path = tmp_path / "p.toml"
    path.write_text(ROW + "input = nan\ncached_input = 1\noutput = 1\n")
    monkeypatch.setenv(pricing.PRICES_ENV, str(path))
    monkeypatch.setattr(pricing, "_table", None)
    with pytest.raises(PriceError):
        pricing.price_table()
    with pytest.raises(PriceError):  # said again, never a silent fallback to the vendored table
        pricing.price_table()
    path.write_text(GOOD)
    assert pricing.price_table().price("acme-1").input == 1.0
    monkeypatch.setattr(pricing, "_table", None)


def test_unknown_model_error_points_at_the_override_in_effect(tmp_path, monkeypatch):
    monkeypatch.setenv(pricing.PRICES_ENV, str(tmp_path / "p.toml"))
    (tmp_path / "p.toml").write_text(GOOD)
    with pytest.raises(ConfigError, match=r"to .*p\.toml"):
        pricing.load_prices().price("nobody-1")


def test_module_level_cost_uses_the_shared_table():
    assert pricing.cost("gpt-4o", 100, 10) == pricing.price_table().cost("gpt-4o", 100, 10)
