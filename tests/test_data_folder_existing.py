"""An existing data folder and ledger become private (optimizer/config.py): made by an
earlier version under umask 002 or 022, they lose what they grant their group as well as
other accounts (found by a reviewer, first written failing).
"""

from __future__ import annotations

import os
import sqlite3

from optimizer.ledger import Ledger


def test_an_existing_ledger_and_its_folder_become_private(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o775)  # made by an earlier version under umask 002
    path = folder / "ledger.sqlite3"
    sqlite3.connect(path).close()
    os.chmod(path, 0o664)
    ledger = Ledger(path)
    try:
        ledger.summary()
    finally:
        ledger.close()
    assert folder.stat().st_mode & 0o077 == 0, oct(folder.stat().st_mode)
    assert path.stat().st_mode & 0o077 == 0, oct(path.stat().st_mode)
