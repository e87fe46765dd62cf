"""Server processes that the benchmarks (and the tests) start on loopback: started with
their output in a log file, waited for until they answer HTTP, and stopped.

One home for what ``bench studio``, ``bench gateway`` and the tests' fixtures all do, so
that a server that dies at start says so with its log, the same way everywhere.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError

# How much of a dead server's log an error quotes.
_LOG_TAIL = 3000


def streamlit_command(script: str | Path, port: int, *extra: str) -> list[str]:
    """The command line that serves ``script`` with Streamlit on loopback ``port``,
    headless, without usage statistics; ``extra`` options are appended.

    >>> streamlit_command("app.py", 8501)[-4:]
    ['--server.headless', 'true', '--browser.gatherUsageStats', 'false']
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]


def wait_until_answering(
    url: str,
    proc: subprocess.Popen,
    log: Path,
    *,
    timeout: float = 120.0,
    headers: Mapping[str, str] | None = None,
    what: str = "the server",
) -> None:
    """Wait until ``url`` answers HTTP (any status: an error page is an answer).

    Raises:
        ConfigError: the process ended, or ``timeout`` seconds passed; the sentence
            quotes the end of its ``log``.

    Example: ``wait_until_answering(url + "/_stcore/health", proc, log, what="streamlit")``.
    """
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers=dict(headers or {}))
    while True:
        try:
            urllib.request.urlopen(request, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-_LOG_TAIL:] if log.exists() else ""
                raise ConfigError(f"{what} did not start (log {log}): {tail}") from None
            time.sleep(0.2)


def stop_process(proc: subprocess.Popen, *, grace: float = 15.0) -> None:
    """Stop a process this program started: SIGTERM, then SIGKILL after ``grace`` seconds.

    Returns once it has ended; a process that already ended is left as it is.
    """
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def running(
    command: Sequence[str],
    log: Path,
    *,
    health_url: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120.0,
    headers: Mapping[str, str] | None = None,
    what: str = "the server",
    grace: float = 15.0,
) -> Iterator[subprocess.Popen]:
    """Start ``command`` (output to ``log``), wait until ``health_url`` answers, yield the
    process, and stop it when the block ends.

    Raises:
        ConfigError: it did not start (see :func:`wait_until_answering`).

    Example::

        with running(streamlit_command("app.py", port), log, health_url=url + "/_stcore/health"):
            ...
    """
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.STDOUT, env=dict(env) if env is not None else None, cwd=cwd
        )
    try:
        wait_until_answering(health_url, proc, log, timeout=timeout, headers=headers, what=what)
        yield proc
    finally:
        stop_process(proc, grace=grace)
