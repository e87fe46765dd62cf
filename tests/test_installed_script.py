"""scripts/installed.py: pip is skipped only when every pin, and every dependency those
pins bring (their extras' included), is installed at an allowed version.

The decisions are checked in this process, with a fake site folder first on the path as
PYTHONPATH would put it (each run a fresh copy of the script: nothing is remembered from
another run); one run as ``setup-venv.sh`` makes it, a process of its own, checks the exit
code it reads.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "installed.py"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``run(requirements)`` -> the script's exit code for that requirements file, with
    ``tmp_path/site`` first on the path."""
    monkeypatch.syspath_prepend(str(tmp_path / "site"))

    def run(requirements: str) -> int:
        (tmp_path / "req.txt").write_text(requirements)
        importlib.invalidate_caches()  # importlib.metadata's listing of the site folder
        spec = importlib.util.spec_from_file_location("installed_script", SCRIPT)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        return script.main([str(SCRIPT), str(tmp_path / "req.txt")])

    return run


def run_process(tmp_path: Path, requirements: str) -> int:
    (tmp_path / "req.txt").write_text(requirements)
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "req.txt")],
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


def test_a_missing_dependency_of_a_pin_goes_to_pip(tmp_path, run):
    # demo-a is installed at its pin, but its own dependency demo-b is not: pip install -r
    # would install demo-b; installed.py says there is nothing to do (pip check: broken).
    site = tmp_path / "site"
    _dist(site, "demo-a", "1.0", ["demo-b>=2"])
    assert run("demo-a==1.0\n") == 1
    _dist(site, "demo-b", "2.1", [])
    assert run("demo-a==1.0\n") == 0  # now everything is there: pip is skipped
    assert run("demo-a==1.1\n") == 1  # another pin: pip decides
    # The exit codes setup-venv.sh reads, from a process of its own.
    assert run_process(tmp_path, "demo-a==1.0\n") == 0
    assert run_process(tmp_path, "demo-a==1.1\n") == 1


def test_the_extras_an_extra_asks_for_are_checked(tmp_path, run):
    # demo-c[x] needs demo-d[fast]; demo-d[fast] needs demo-e, which is missing.
    site = tmp_path / "site"
    _dist(site, "demo-c", "1.0", ['demo-d[fast]; extra == "x"'])
    _dist(site, "demo-d", "1.0", ['demo-e; extra == "fast"'])
    assert run("demo-c[x]==1.0\n") == 1
    assert run("demo-c==1.0\n") == 0  # without the extra, demo-e is not needed
