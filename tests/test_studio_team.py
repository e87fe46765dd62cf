"""studio/team.py: where each team setting comes from (operator configuration, an admin's
choice, defaults), and the admins' file written atomically and read defensively."""

from __future__ import annotations

import json

import pytest

from optimizer.cache import Strategy
from optimizer.errors import ConfigError, DataDirError
from studio.team import SETTINGS_FILE, read_chosen, resolve_team_settings, save_chosen


def test_defaults_differ_between_a_team_and_a_single_user():
    team = resolve_team_settings({}, {}, {}, signed_in=True)
    alone = resolve_team_settings({}, {}, {}, signed_in=False)
    assert (team.cache_backend, team.strategy, team.allow_user_endpoints) == ("disk", Strategy.BALANCED, False)
    assert alone.allow_user_endpoints is True
    assert team.fixed == frozenset() and team.editable("strategy")


def test_redis_url_is_operator_configuration_when_signed_in():
    chosen = {"redis_url": "redis://10.1.2.3:6379/0", "cache_backend": "redis"}
    team = resolve_team_settings({}, {}, chosen, signed_in=True)
    assert team.redis_url == "" and team.cache_backend == "redis"  # a typed URL is never used
    alone = resolve_team_settings({}, {}, chosen, signed_in=False)
    assert alone.redis_url == "redis://10.1.2.3:6379/0"
    operator = resolve_team_settings({"REDIS_URL": "redis://127.0.0.1:7/0"}, {}, chosen, signed_in=True)
    assert operator.redis_url == "redis://127.0.0.1:7/0"
    assert resolve_team_settings({}, {"REDIS_URL": "redis://h:1/0"}, {}, signed_in=True).cache_backend == "redis"


def test_operator_values_are_fixed_and_beat_admin_choices():
    chosen = {"strategy": "aggressive", "allow_user_endpoints": True, "cache_backend": "redis"}
    secrets = {"OPTIMIZER_CACHE_STRATEGY": "conservative", "OPTIMIZER_ALLOW_USER_ENDPOINTS": "false"}
    s = resolve_team_settings(secrets, {"OPTIMIZER_CACHE_BACKEND": "disk"}, chosen, signed_in=True)
    assert (s.strategy, s.allow_user_endpoints, s.cache_backend) == (Strategy.CONSERVATIVE, False, "disk")
    assert s.fixed == {"strategy", "allow_user_endpoints", "cache_backend"}
    assert not s.editable("allow_user_endpoints")
    admin = resolve_team_settings({}, {}, chosen, signed_in=True)
    assert (admin.strategy, admin.allow_user_endpoints) == (Strategy.AGGRESSIVE, True)


@pytest.mark.parametrize(
    "config, message",
    [
        ({"OPTIMIZER_CACHE_BACKEND": "memcached"}, "disk or redis"),
        ({"OPTIMIZER_CACHE_STRATEGY": "yolo"}, "cache strategy"),
        ({"OPTIMIZER_ALLOW_USER_ENDPOINTS": "maybe"}, "true or false"),
    ],
)
def test_bad_operator_values_say_which(config, message):
    with pytest.raises(ConfigError, match=message):
        resolve_team_settings(config, {}, {}, signed_in=True)


def test_saved_choices_round_trip_atomically_without_the_redis_url_for_a_team(tmp_path):
    settings = resolve_team_settings({}, {}, {"redis_url": "redis://x:1/0"}, signed_in=False)
    save_chosen(tmp_path, settings, signed_in=True)
    data = json.loads((tmp_path / SETTINGS_FILE).read_text())
    assert data == {"cache_backend": "redis", "strategy": "balanced", "allow_user_endpoints": True}
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no temp file left
    save_chosen(tmp_path, settings, signed_in=False)
    assert read_chosen(tmp_path)["redis_url"] == "redis://x:1/0"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\x00\x01"])
def test_a_damaged_choices_file_is_ignored(tmp_path, content):
    (tmp_path / SETTINGS_FILE).write_text(content)
    assert read_chosen(tmp_path) == {}
    assert resolve_team_settings({}, {}, read_chosen(tmp_path), signed_in=True).strategy is Strategy.BALANCED


def test_an_unwritable_folder_is_one_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="OPTIMIZER_DATA_DIR"):
        save_chosen(blocker / "sub", resolve_team_settings({}, {}, {}, signed_in=True), signed_in=True)
