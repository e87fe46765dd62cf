"""A throwaway redis-server on a free loopback port, for tests and benchmarks.

Nothing is persisted (no RDB, no AOF) and the process dies with its context manager.
Extra server options (``maxmemory``, ``requirepass``, ``replicaof``...) are passed as
they would be on the command line; :meth:`RedisProcess.restart` starts the same server
again on the same port (empty, as after a crash).

>>> # with redis_server(Path("/tmp/r"), "--maxmemory", "1mb") as server: server.url
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


def redis_server_binary() -> str | None:
    """The path of redis-server, or None when it is not installed."""
    return shutil.which("redis-server")


def free_port() -> int:
    """A TCP port nothing listens on right now (on 127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RedisProcess:
    """One redis-server process: its port, its options, and how to stop or restart it."""

    port: int
    workdir: Path
    options: tuple[str, ...] = ()
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The server's URL without credentials (``redis://127.0.0.1:port/0``)."""
        return f"redis://127.0.0.1:{self.port}/0"

    def url_for(self, user: str = "", password: str = "") -> str:
        """The URL with credentials (``redis://user:password@127.0.0.1:port/0``)."""
        auth = f"{user}:{password}@" if user or password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        """Start the server and wait until it answers (PING, or NOAUTH when a password is set).

        Raises:
            FileNotFoundError: redis-server is not installed.
            RuntimeError: it did not start within ``timeout`` seconds.
        """
        binary = redis_server_binary()
        if binary is None:
            raise FileNotFoundError("redis-server is not installed (Debian: apt-get install redis-server)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.workdir), "--protected-mode", "yes", *self.options]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(64).startswith((b"+PONG", b"-NOAUTH")):
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        """Kill it and start it again on the same port, empty."""
        self.kill()
        self.start()


@contextmanager
def redis_server(workdir: Path, *options: str, port: int | None = None) -> Iterator[RedisProcess]:
    """A redis-server on a free loopback port (or ``port``) with extra ``options``; killed on exit."""
    server = RedisProcess(port or free_port(), workdir, tuple(options))
    server.start()
    try:
        yield server
    finally:
        server.kill()
