"""The gateway's metrics: one registry per app in a process of its own, and the counts
read from memory unless prometheus_client itself is in its multiprocess mode."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from optimizer.server.metrics import GatewayMetrics, shared_folder

ROOT = Path(__file__).resolve().parents[1]


def refused(metrics: GatewayMetrics) -> str:
    for line in metrics.render().decode().splitlines():
        if line.startswith("optimizer_gateway_refused_total"):
            return line.split()[-1]
    return "missing"


def test_two_apps_in_one_process_keep_their_own_counts():
    a = GatewayMetrics(queue_depth=lambda: 2, ledger_pending=lambda: 0)
    b = GatewayMetrics(queue_depth=lambda: 0, ledger_pending=lambda: 5)
    a.refused.labels(reason="auth").inc(3)
    b.refused.labels(reason="auth").inc(1)
    assert (refused(a), refused(b)) == ("3.0", "1.0")
    assert shared_folder() is None  # tests/conftest.py keeps the variable out
    assert "optimizer_gateway_model_queue_depth 2.0" in a.render().decode()
    assert "optimizer_gateway_ledger_pending_rows 5.0" in b.render().decode()


def test_the_variable_set_after_prometheus_client_was_imported_changes_nothing(tmp_path):
    # prometheus_client chose memory at its import: the counts are rendered from memory,
    # not read from a folder nobody wrote to.
    code = f"""
        import os
        from optimizer.server.metrics import GatewayMetrics, shared_folder
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = {str(tmp_path)!r}
        m = GatewayMetrics(queue_depth=lambda: 0, ledger_pending=lambda: 0)
        m.refused.labels(reason="x").inc(3)
        line = [l for l in m.render().decode().splitlines() if l.startswith("optimizer_gateway_refused_total")]
        print(shared_folder(), line[0].split()[-1])
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["None", "3.0"]
