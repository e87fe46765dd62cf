"""``python -m optimizer``: see :mod:`optimizer.cli`."""

from __future__ import annotations

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: no traceback either
    sys.exit(130)

sys.exit(main())
