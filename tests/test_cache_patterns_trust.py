"""Cache key patterns typed by anyone (found by an adversarial review, first written failing).

``GET /api/v1/optimization/cache/keys?pattern=...`` is open to every key (analysts
included), and the studio's Cache page lists keys for analysts too. A glob once became a
backtracking regex on the disk store: ``*?*?*?...e`` took exponential time holding the GIL,
so one request froze the whole process. Here a process lists keys with such a pattern and
must finish (see optimizer/cache/glob.py's matcher).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import sys
    from optimizer.cache import CacheRequest, CacheService, DiskBackend
    service = CacheService(DiskBackend(sys.argv[1]))
    service.put(CacheRequest("formulation", "gpt-4o", "A serum for dry skin"), {"text": "answer"})
    try:
        found = service.keys(sys.argv[2])
    except Exception as exc:  # a refusal (pattern too complex) is fine too
        print("refused:", type(exc).__name__)
    else:
        print("keys:", len(found))
    """
)


@pytest.mark.slow
def test_a_key_pattern_from_an_analyst_cannot_freeze_the_process(tmp_path):
    pattern = "*" + "?*" * 14 + "e"  # 30 characters, matches nothing; the fix answers in milliseconds
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "cache"), pattern],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=8)  # the process needs ~1 s to import; the match ~never ends
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("listing keys with a 30-character pattern did not finish in 8 s: the process is frozen")
    assert proc.returncode == 0, err
    assert out.startswith(("keys: 0", "refused:")), out
