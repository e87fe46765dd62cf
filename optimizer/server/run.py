"""``python -m optimizer serve``: bind, refuse what is unsafe, run uvicorn until stopped.

With no API key created, the gateway lets every request in (one person's own scripts), so
it refuses to listen anywhere but loopback. Uvicorn runs with uvloop and httptools when
they are installed (they are pinned in requirements.txt); SIGTERM or Ctrl-C stop it
gracefully, and the ledger's queued rows are written before the process exits.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import shutil
import socket
import sys
import tempfile
from typing import TYPE_CHECKING

from ..errors import OptimizerError

if TYPE_CHECKING:
    from .config import GatewayConfig

log = logging.getLogger("optimizer.gateway")


def is_loopback(host: str) -> bool:
    """True for an address or host name only this machine can reach (127.0.0.0/8, ::1,
    localhost and its subdomains; brackets and a trailing dot allowed). The one rule for the
    addresses ``serve`` may listen on without keys and the ``Host`` a keyless gateway answers.

    >>> [is_loopback(h) for h in ("127.0.0.1", "[::1]", "localhost.", "a.localhost", "0.0.0.0", "10.0.0.5")]
    [True, True, True, True, False, False]
    """
    host = host.strip().lower().rstrip(".")
    if host in ("localhost", "ip6-localhost") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or one sentence saying why not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise OptimizerError(
            f"cannot listen on '{host}': no such address; use 127.0.0.1 or an address of this machine"
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise OptimizerError(f"port {port} on {host} is already in use; pick another with --port") from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise OptimizerError(f"no permission to listen on port {port}; use a port above 1023") from None
        raise OptimizerError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
    sock.set_inheritable(True)
    return sock


def _serve_workers(sock: socket.socket, config: GatewayConfig, ledger, options: dict, url: str, keys_note: str) -> int:
    """``config.workers`` processes on one listening socket (uvicorn's supervisor: it
    restarts a worker that dies and stops them all on SIGTERM / Ctrl-C). Each builds its own
    :class:`~optimizer.server.gateway.Gateway` from the environment; the ledger, the cache,
    the keys and the quota counters are shared stores (SQLite/diskcache, or PostgreSQL /
    Redis), so a row, an answer, a revocation or a rate limit holds across workers."""

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from .config import STRATEGY_ENV, WORKERS_ENV
    from .gateway import Gateway
    from .metrics import MULTIPROCESS_ENV

    try:
        # Every setting is checked here, once, so a bad one is one sentence, not a
        # traceback per worker.
        gateway = Gateway(config, ledger=ledger)
        described = (
            f"models {', '.join(gateway.services)} from {gateway.settings.endpoint}; "
            f"ledger {gateway.ledger.target}; cache {gateway.cache.health().backend}"
        )
        gateway.close()
    except BaseException:
        sock.close()
        ledger.close()
        raise
    # The workers read their settings from the environment, the command line's included.
    os.environ[STRATEGY_ENV] = config.strategy
    os.environ[WORKERS_ENV] = str(config.workers)
    # Every worker's counts in every scrape: the workers write them to one fresh folder
    # (prometheus_client's multiprocess mode; an operator's own folder is used as given).
    own_folder = None
    if not os.environ.get(MULTIPROCESS_ENV):
        own_folder = tempfile.mkdtemp(prefix="optimizer-gateway-metrics-")
        os.environ[MULTIPROCESS_ENV] = own_folder
    print(
        f"serving on {url} with {config.workers} worker processes ({keys_note}); {described}; docs /docs; "
        "/metrics adds up every worker's counts; stop with Ctrl-C",
        file=sys.stderr,
        flush=True,
    )
    uv_config = uvicorn.Config("optimizer.server.app:worker_app", factory=True, workers=config.workers, **options)
    try:
        Multiprocess(uv_config, sockets=[sock]).run()
    finally:
        sock.close()
        if own_folder is not None:
            os.environ.pop(MULTIPROCESS_ENV, None)
            shutil.rmtree(own_folder, ignore_errors=True)
    return 0


def freeze_startup_heap() -> None:
    """Put everything loaded at start (tokenizer tables, the guard's word lists, the app)
    out of the garbage collector's reach. A full collection walked those ~150,000 objects
    and paused the event loop 70 to 90 ms, every request in flight with it (the p99 of a
    miss); what requests create is still collected as usual."""
    import gc

    gc.collect()
    gc.freeze()


# The event loop answers every request; the threads that write the cache and the ledger
# run beside it. At CPython's default 5 ms switch interval, a writer holding the GIL kept the
# loop waiting up to 5 ms at each socket write, log line or lock (most of a miss's overhead
# at 50 clients); 0.2 ms caps that wait (measured with `bench gateway`: README).
GIL_SWITCH_S = 0.0002


def share_the_gil() -> None:
    """Let the event loop take the GIL back from a writer thread within ``GIL_SWITCH_S``."""
    sys.setswitchinterval(GIL_SWITCH_S)


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("optimizer")
    if not logger.handlers:
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(host: str, port: int, *, config: GatewayConfig | None = None, access_log: bool = True) -> int:
    """Serve the gateway on ``host:port`` until stopped; returns the exit code.

    :raises OptimizerError: keyless on a non-loopback address, an address in use, a
        ledger or setting that cannot be used (one sentence each).
    """
    import uvicorn

    from ..keys import KeysError, KeyStore
    from ..ledger import Ledger

    _logging()
    if config is None:
        from .config import GatewayConfig

        config = GatewayConfig.from_env()
    # Keys first (cheap): refuse an unsafe address before loading the rest.
    ledger = Ledger(url=config.database_url) if config.database_url else Ledger()
    try:
        try:
            keyed = KeyStore(ledger).any_key()
        except KeysError as exc:
            raise OptimizerError(f"{exc}; nothing was started") from None
        if not keyed and ledger.started_anew:
            # The keys were in the damaged file: without this check the gateway would open keyless.
            raise OptimizerError(
                f"{' '.join(ledger.notices)} The API keys were in the damaged file, so the gateway does not start "
                "without keys: restore the moved file, or create a key with python -m optimizer keys create "
                "--name NAME --role admin"
            )
        if not keyed and not is_loopback(host):
            raise OptimizerError(
                f"no API key exists yet, so the gateway would let anyone in: it listens only on loopback "
                f"(127.0.0.1 or ::1), not on {host}, until one does; create one with python -m optimizer keys "
                "create --name NAME --role admin, or serve with --host 127.0.0.1"
            )
        sock = _bind(host, port)
    except BaseException:
        ledger.close()
        raise
    try:
        import httptools  # noqa: F401

        http = "httptools"
    except ImportError:
        http = "h11"
    try:
        import uvloop  # noqa: F401

        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    where = f"[{host}]" if ":" in host else host
    bound = sock.getsockname()[1]
    keys_note = "API keys required" if keyed else "keyless: loopback only"
    options = dict(
        loop=loop,
        http=http,
        lifespan="on",
        access_log=False,  # the app writes its own, in batches (app.AccessLog)
        log_level="info" if access_log else "warning",
        server_header=False,
        timeout_graceful_shutdown=30,
    )
    if config.workers > 1:
        from .app import ACCESS_LOG_ENV

        os.environ[ACCESS_LOG_ENV] = "1" if access_log else "0"  # read by each worker's app
        return _serve_workers(sock, config, ledger, options, f"http://{where}:{bound}", keys_note)
    try:
        from .app import create_app
        from .gateway import Gateway

        gateway = Gateway(config, ledger=ledger)
        gateway.warm_up()
    except BaseException:
        sock.close()
        ledger.close()
        raise
    print(
        f"serving on http://{where}:{bound} ({keys_note}); "
        f"models {', '.join(gateway.services)} from {gateway.settings.endpoint}; ledger {gateway.ledger.target}; "
        f"cache {gateway.cache.health().backend}; docs /docs; stop with Ctrl-C",
        file=sys.stderr,
        flush=True,
    )
    server = uvicorn.Server(uvicorn.Config(create_app(gateway, access_log=access_log), **options))
    freeze_startup_heap()
    share_the_gil()
    try:
        server.run(sockets=[sock])
    finally:
        gateway.close()  # after a failed start too (the lifespan closes it on a clean stop)
        sock.close()
    return 0
