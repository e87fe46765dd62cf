"""scripts/installed.py: pip is skipped only when every pin, and every dependency those
pins bring (their extras' included), is installed at an allowed version."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(tmp_path: Path, requirements: str) -> int:
    (tmp_path / "req.txt").write_text(requirements)
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "installed.py"), str(tmp_path / "req.txt")],
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        timeout=60,
    )
    return out.returncode


def _dist(site: Path, name: str, version: str, requires: list[str]) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {r}" for r in requires]
    (info / "METADATA").write_text("\n".join(lines) + "\n")


def test_a_missing_dependency_of_a_pin_goes_to_pip(tmp_path):
    # demo-a is installed at its pin, but its own dependency demo-b is not: pip install -r
    # would install demo-b; installed.py says there is nothing to do (pip check: broken).
    site = tmp_path / "site"
    _dist(site, "demo-a", "1.0", ["demo-b>=2"])
    assert run(tmp_path, "demo-a==1.0\n") == 1
    _dist(site, "demo-b", "2.1", [])
    assert run(tmp_path, "demo-a==1.0\n") == 0  # now everything is there: pip is skipped
    assert run(tmp_path, "demo-a==1.1\n") == 1  # another pin: pip decides


def test_the_extras_an_extra_asks_for_are_checked(tmp_path):
    # demo-c[x] needs demo-d[fast]; demo-d[fast] needs demo-e, which is missing.
    site = tmp_path / "site"
    _dist(site, "demo-c", "1.0", ['demo-d[fast]; extra == "x"'])
    _dist(site, "demo-d", "1.0", ['demo-e; extra == "fast"'])
    assert run(tmp_path, "demo-c[x]==1.0\n") == 1
    assert run(tmp_path, "demo-c==1.0\n") == 0  # without the extra, demo-e is not needed
