"""A shared scratch folder (sticky or world-writable, a /tmp) named as the data folder keeps
its mode: only the stores inside are made private (found by a reviewer, first failing)."""

from __future__ import annotations

import os
import stat

from optimizer.config import DATA_DIR_ENV, data_dir


def test_a_shared_sticky_folder_named_as_the_data_folder_keeps_its_mode(tmp_path, monkeypatch):
    shared = tmp_path / "scratch"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # what /tmp is; owned by the account that runs the studio
    monkeypatch.setenv(DATA_DIR_ENV, str(shared))
    data_dir()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
