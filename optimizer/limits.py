"""Limits on what a request may ask for: one home, read by the CLI's argument check, the
generation service and the HTTP server alike.

>>> MAX_TOKENS_LIMIT
16384
"""

from __future__ import annotations

# The largest answer cap a request may ask for: above every priced model's output limit
# that the studio targets, and far above what the embedded model can write in its window.
MAX_TOKENS_LIMIT = 16_384
