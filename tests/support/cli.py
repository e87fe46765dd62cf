"""Shared fixtures of the CLI's area (registered in conftest.py through pytest_plugins).

* ``cli`` runs ``python -m optimizer ARGS`` *in this process* (``optimizer.cli.main``),
  with the same private data folder and environment overrides as conftest's ``run_cli``
  and the same result shape (``returncode``, ``stdout`` and ``stderr`` as bytes). For the
  tests where a new interpreter is not the point: a loaded embedded model and the imports
  are kept between calls (a ``generate`` subprocess spends most of its 5 s on them).
  Every command family keeps at least one test through ``run_cli``, the real subprocess
  (and every test of what only a process shows: argv bytes, the stdout's encoding, a pipe).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class CliResult:
    """What one in-process CLI call did.

    :ivar returncode: ``optimizer.cli.main``'s exit code.
    :ivar stdout: what it wrote to standard output (bytes, as from a subprocess).
    :ivar stderr: what it wrote to standard error.
    """

    returncode: int
    stdout: bytes
    stderr: bytes


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary) -> Iterator[Callable[..., CliResult]]:
    """``cli(*args, env=None, stdin=None)`` -> :class:`CliResult` of ``optimizer.cli.main(args)``.

    The data folder is ``tmp_path/cli-data`` (as ``run_cli``'s); ``env`` is set on top for
    the call and restored after it; ``stdin`` (bytes) is what the command reads from
    standard input. Output written before the call is dropped.
    """
    from optimizer.cli import main

    def run(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> CliResult:
        capsysbinary.readouterr()  # only this call's output
        with monkeypatch.context() as patch:
            patch.setenv("OPTIMIZER_DATA_DIR", str(tmp_path / "cli-data"))
            for key, value in (env or {}).items():
                patch.setenv(key, value)
            if stdin is not None:
                patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
            code = main(list(args))
        out = capsysbinary.readouterr()
        return CliResult(code, out.out, out.err)

    yield run
