"""Shared fixtures of the ledger's area: a real, throwaway PostgreSQL cluster, ledgers on
both backends, and the ``stats`` command in-process (registered in conftest.py through
pytest_plugins).

``postgres_server`` (session) runs Debian's ``initdb`` and ``pg_ctl`` on a free loopback
port, with its unix socket and data in a temporary folder, as an unprivileged user when
the tests run as root (PostgreSQL refuses to run as root). It skips, with the reason,
when the binaries or psycopg are missing (``apt-get install postgresql``; ``.ci/run``
installs it). ``postgres_url`` gives each test a database of its own, dropped afterwards.

The cluster trusts loopback connections, except for the role ``secure`` (password
``s3cret-pw``, scram-sha-256), which the tests use to see that a wrong password never
reaches a message.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN_ENV = "OPTIMIZER_PG_BIN"
SECURE_ROLE, SECURE_PASSWORD = "secure", "s3cret-pw"


def pg_bin() -> Path | None:
    """The folder with initdb and pg_ctl: $OPTIMIZER_PG_BIN, else Debian's newest."""
    override = os.environ.get(PG_BIN_ENV)
    candidates = [Path(override)] if override else sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway cluster."""

    host: str
    port: int
    user: str
    socket_dir: Path
    data_dir: Path
    bin_dir: Path
    run_as: str | None
    options: str = ""

    def url(self, dbname: str = "postgres", *, user: str | None = None, password: str | None = None) -> str:
        auth = user or self.user
        if password:
            auth += f":{password}"
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"

    def admin(self):
        """An autocommit connection to the ``postgres`` database (close it)."""
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)

    def pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run pg_ctl on this cluster as the cluster's owner."""
        return _run(self.run_as, [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args], check=check)

    def stop(self) -> None:
        """Stop the server (its connections are cut), as a restart or an outage would.

        ``-m fast`` shuts down cleanly: the cluster runs without fsync and synchronous
        commit for speed, so an immediate stop (a crash) could lose the last commits."""
        self.pg_ctl("-m", "fast", "-w", "stop")

    def start(self) -> None:
        """Start it again on the same port (waits until it accepts connections)."""
        self.pg_ctl("-o", self.options, "-l", str(self.socket_dir / "server.log"), "-w", "start")


def _run(user: str | None, command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if user:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout[-1500:]} {result.stderr[-1500:]}")
    return result


def _unprivileged_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    pytest.skip("running as root and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster on a free loopback port for the whole session."""
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it")
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        pytest.skip("psycopg / psycopg-pool are not installed (pip install -r requirements.txt)")
    from optimizer.cache.local_redis import free_port

    run_as = _unprivileged_user()
    base = Path(tempfile.mkdtemp(prefix="optimizer-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    os.chmod(base, 0o700)
    data, log = base / "data", base / "server.log"
    port = free_port()
    try:
        _run(
            run_as,
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"],
        )
        hba = data / "pg_hba.conf"
        # The secure role must give its password; everyone else is trusted (loopback only).
        hba.write_text(f"host all {SECURE_ROLE} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        options = (
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        _run(run_as, [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"])
        server = PostgresServer("127.0.0.1", port, "postgres", base, data, bin_dir, run_as, options)
        with server.admin() as conn:
            conn.execute(f"CREATE ROLE {SECURE_ROLE} LOGIN SUPERUSER PASSWORD '{SECURE_PASSWORD}'")
        yield server
    finally:
        if (data / "postmaster.pid").exists():
            _run(run_as, [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty schema for one test, as a URL whose search_path points at it
    (a schema is made in milliseconds, a database in about half a second); dropped
    afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_server.admin() as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    yield postgres_server.url() + f"?options=-csearch_path%3D{name}"
    with postgres_server.admin() as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_target(request, tmp_path: Path) -> dict[str, object]:
    """Where a test's ledger lives, once per backend: ``Ledger(**ledger_target)``."""
    if request.param == "postgres":
        return {"url": request.getfixturevalue("postgres_url")}
    return {"path": tmp_path / "data" / "ledger.sqlite3"}


@pytest.fixture
def make_ledger(ledger_target):
    """Ledger factory on the parametrized backend; closes what it made. Every ledger it
    makes shares one database (or file): two of them are two processes' views."""
    from optimizer.ledger import Ledger

    made = []

    def make(**kwargs):
        ledger = Ledger(**ledger_target, **kwargs)
        made.append(ledger)
        return ledger

    yield make
    for ledger in made:
        ledger.close()


@pytest.fixture
def stats_cli(data_dir, capsys):
    """``python -m optimizer stats ...`` in this process (no interpreter start-up):
    returns (exit code, stdout, stderr)."""
    from optimizer.cli import main

    def stats(*args: str) -> tuple[int, str, str]:
        code = main(["stats", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return stats
