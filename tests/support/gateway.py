"""Shared fixtures of the gateway's area: a fake upstream, ``python -m optimizer serve``
processes, and ``python -m optimizer keys`` (registered in conftest.py through
pytest_plugins).

* ``fake_upstream`` (session): ``optimizer.bench.fake_upstream`` on a free loopback port,
  wanting ``UPSTREAM_KEY`` (so an answer proves the operator's key was sent upstream);
  a model named ``status-NNN`` fails with that status.
* ``gateway_env``: the environment of a gateway with a private data folder pointed at it.
* ``serve_gateway(env, ...)``: a context manager that starts ``serve`` and stops it.
* ``run_keys(env, ...)``: ``python -m optimizer keys ...`` in that environment.
* ``shared_gateway`` (session): one gateway with an admin key, an analyst key, a key
  limited to 2 requests a minute and one with a tiny budget, for the tests that do not
  need a gateway of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The operator's key: it must reach the upstream and nothing else.
UPSTREAM_KEY = "sk-operator-UPSTREAM-0123456789abcdefghij"
SERVED_MODELS = "gpt-4o-mini,status-503,status-401"


def free_port() -> int:
    from optimizer.cache.local_redis import free_port as free

    return free()


def wait_for(url: str, proc: subprocess.Popen, log: Path, key: str | None = None, timeout: float = 60) -> None:
    """Wait until ``url`` answers (any HTTP status), or fail with the process's log."""
    from optimizer.procs import wait_until_answering

    headers = {"Authorization": f"Bearer {key}"} if key else None
    wait_until_answering(url, proc, log, timeout=timeout, headers=headers)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server we started (SIGTERM, then SIGKILL after 15 s)."""
    from optimizer.procs import stop_process

    stop_process(proc)


@pytest.fixture(scope="session")
def fake_upstream(tmp_path_factory) -> Iterator[str]:
    """The fake upstream's base URL (``http://127.0.0.1:N/v1``), for the whole session."""
    port = free_port()
    log = tmp_path_factory.mktemp("upstream") / "upstream.log"
    command = [
        sys.executable,
        "-m",
        "optimizer.bench.fake_upstream",
        "--port",
        str(port),
        "--latency-ms",
        "5",
        "--key",
        UPSTREAM_KEY,
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=_base_env())
    try:
        wait_for(f"http://127.0.0.1:{port}/v1/models", proc, log, key=UPSTREAM_KEY)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop(proc)


def _base_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "OPTIMIZER_GATEWAY_")) and k not in ("REDIS_URL", "OPTIMIZER_DATABASE_URL")
    }
    env["PYTHONPATH"] = str(ROOT)
    return env


def make_env(data_dir: Path, upstream: str, **extra: str) -> dict[str, str]:
    """A gateway's environment: a private data folder, the fake upstream with the operator's key."""
    return {
        **_base_env(),
        "OPTIMIZER_DATA_DIR": str(data_dir),
        "OPENAI_BASE_URL": upstream,
        "OPENAI_API_KEY": UPSTREAM_KEY,
        "OPENAI_MODEL": "gpt-4o-mini",
        "OPTIMIZER_GATEWAY_MODELS": SERVED_MODELS,
        **extra,
    }


def wait_for_stored_answer(env: dict[str, str], *, timeout: float = 10.0) -> None:
    """Wait until a gateway's background cache writer has stored an answer in the store that
    ``env`` names (Redis, else the data folder's disk cache): an answer goes back first and is
    stored moments later, so another instance or worker asked at once may not see it yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if env.get("REDIS_URL"):
            import redis

            client = redis.Redis.from_url(env["REDIS_URL"])
            try:
                if next(client.scan_iter("optimizer:v1:entry:*"), None) is not None:
                    return
            finally:
                client.close()
        else:
            from optimizer.cache import DiskBackend

            backend = DiskBackend(Path(env["OPTIMIZER_DATA_DIR"]) / "cache")
            try:
                if next(iter(backend.scan("optimizer:v1:entry:*")), None) is not None:
                    return
            finally:
                backend.close()
        time.sleep(0.05)
    raise AssertionError(f"no answer was stored within {timeout:g} s")


@pytest.fixture
def gateway_env(tmp_path: Path, fake_upstream: str) -> dict[str, str]:
    """The environment of a gateway of this test's own (private data folder)."""
    return make_env(tmp_path / "gateway-data", fake_upstream)


def run_keys(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """``python -m optimizer keys ARGS`` in ``env`` (text output)."""
    return subprocess.run(
        [sys.executable, "-m", "optimizer", "keys", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def create_key(env: dict[str, str], name: str, role: str = "analyst", *options: str) -> str:
    """Make a key with the CLI's ``keys create`` and return it (the last line of its output).

    Run in this process, with ``env`` as the whole environment for the call: a new
    interpreter per key cost a second or two, and the suite makes a dozen. The command as
    a real subprocess is :func:`run_keys` (every revoke, and tests/test_gateway_keys.py).
    """
    import contextlib
    import io
    from unittest import mock

    from optimizer.cli import main

    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env, clear=True), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["keys", "create", "--name", name, "--role", role, *options])
    assert code == 0, err.getvalue()
    return out.getvalue().strip().splitlines()[-1]


@dataclass
class Served:
    """A running ``serve`` process."""

    url: str
    proc: subprocess.Popen
    log: Path
    env: dict[str, str]
    keys: dict[str, str] = field(default_factory=dict)

    def client(self, key: str = "none", **options):
        import openai

        return openai.OpenAI(base_url=self.url + "/v1", api_key=key, max_retries=0, **options)

    def aclient(self, key: str = "none", **options):
        import openai

        return openai.AsyncOpenAI(base_url=self.url + "/v1", api_key=key, max_retries=0, **options)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serve_gateways(
    envs: list[dict[str, str]], *, host: str = "127.0.0.1", key: str | None = None, args: tuple[str, ...] = ()
) -> Iterator[list[Served]]:
    """Start one ``python -m optimizer serve`` per environment, all at once (each on a free
    port), wait until every one answers, and stop them afterwards."""
    started: list[Served] = []
    try:
        for env in envs:
            port = free_port()
            log = Path(env["OPTIMIZER_DATA_DIR"]).parent / f"serve-{port}.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            command = [sys.executable, "-m", "optimizer", "serve", "--host", host, "--port", str(port), *args]
            with log.open("wb") as out:
                proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
            started.append(Served(f"http://127.0.0.1:{port}", proc, log, env))
        for served in started:
            wait_for(served.url + "/v1/models", served.proc, served.log, key=key)
        yield started
    finally:
        for served in started:
            stop(served.proc)


@contextmanager
def serve_gateway(
    env: dict[str, str], *, host: str = "127.0.0.1", key: str | None = None, args: tuple[str, ...] = ()
) -> Iterator[Served]:
    """Start ``python -m optimizer serve`` on a free port; stop it afterwards."""
    with serve_gateways([env], host=host, key=key, args=args) as (served,):
        yield served


@pytest.fixture(scope="session")
def shared_gateway(tmp_path_factory, fake_upstream: str) -> Iterator[Served]:
    """One gateway for the session, with keys: ``admin``, ``analyst``, ``limited`` (2 a
    minute) and ``frugal`` (a $0.000001 budget)."""
    env = make_env(tmp_path_factory.mktemp("shared-gateway") / "data", fake_upstream)
    keys = {
        "admin": create_key(env, "admin", "admin"),
        "analyst": create_key(env, "analyst", "analyst"),
        "limited": create_key(env, "limited", "analyst", "--rate-limit", "2/minute"),
        "frugal": create_key(env, "frugal", "analyst", "--budget-usd", "0.000001"),
    }
    with serve_gateway(env, key=keys["admin"]) as served:
        served.keys = keys
        yield served


def ledger_rows(env: dict[str, str], *, expected: int | None = None, **filters) -> list[dict]:
    """The runs in a gateway's ledger matching ``filters``; with ``expected``, waits (up to
    10 s) until that many are there (the gateway writes its rows in batches)."""
    from optimizer.ledger import Ledger

    url = env.get("OPTIMIZER_DATABASE_URL")
    ledger = Ledger(url=url) if url else Ledger(Path(env["OPTIMIZER_DATA_DIR"]) / "ledger.sqlite3")
    try:
        deadline = time.monotonic() + 10
        while True:
            rows = ledger.runs(limit=1000, **filters)
            if expected is None or len(rows) >= expected or time.monotonic() > deadline:
                return rows
            time.sleep(0.1)
    finally:
        ledger.close()
