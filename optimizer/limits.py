"""Limits on what a request may ask for: one home, read by the CLI's argument check, the
generation service and the HTTP server alike.

>>> MAX_TOKENS_LIMIT
16384
"""

from __future__ import annotations

import os

from .errors import InputError

# The largest answer cap a request may ask for: above every priced model's output limit
# that the studio targets, and far above what the embedded model can write in its window.
MAX_TOKENS_LIMIT = 16_384

# The largest input compression (and the server's body limit, twice it) accepts.
MAX_INPUT_ENV = "OPTIMIZER_MAX_INPUT_MB"
_DEFAULT_MAX_MB = 8.0


def max_input_bytes() -> int:
    """The largest input compression accepts, in bytes (``OPTIMIZER_MAX_INPUT_MB``; a bad value
    falls back to the default of 8 MB).

    >>> max_input_bytes() >= 1024
    True
    """
    try:
        return int(float(os.environ.get(MAX_INPUT_ENV, _DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return int(_DEFAULT_MAX_MB * 1024 * 1024)


def input_too_large(source: str, size: str) -> InputError:
    """The error for an input over :func:`max_input_bytes`: ``source`` names it, ``size``
    says how big it is ("9.5 MB", or "over the limit" when it has no size on disk).

    >>> str(input_too_large("notes.txt", "9.5 MB")).startswith("notes.txt is 9.5 MB; the limit is")
    True
    """
    limit = max_input_bytes()
    return InputError(
        f"{source} is {size}; the limit is {limit / 1024 / 1024:.0f} MB (split it, or raise {MAX_INPUT_ENV})"
    )
