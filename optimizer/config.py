"""Where the app keeps its data (cache folder, ledger, settings).

One directory holds everything so an engineer can back it up, move it or wipe it;
``OPTIMIZER_DATA_DIR`` overrides it (the tests always point it at a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "OPTIMIZER_DATA_DIR"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def data_dir(create: bool = True) -> Path:
    """The app's data directory: ``$OPTIMIZER_DATA_DIR``, else the XDG data home."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(xdg) / "optimizer-studio"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
