"""review8: ``private_folder`` narrows any existing folder its account owns, including a
shared scratch folder the operator named as the data folder (``OPTIMIZER_DATA_DIR=/tmp``
in a container or CI job running as root, which owns /tmp): /tmp becomes 1700 and every
other account on the machine loses it."""

from __future__ import annotations

import os
import stat

import pytest

from optimizer.config import DATA_DIR_ENV, data_dir


@pytest.mark.xfail(strict=True, reason="review8: a sticky world-writable folder (a /tmp) is made 1700")
def test_a_shared_sticky_folder_named_as_the_data_folder_keeps_its_mode(tmp_path, monkeypatch):
    shared = tmp_path / "scratch"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # what /tmp is; owned by the account that runs the studio
    monkeypatch.setenv(DATA_DIR_ENV, str(shared))
    data_dir()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
