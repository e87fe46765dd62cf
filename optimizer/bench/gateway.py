"""``python -m optimizer bench gateway``: what the gateway adds to a call, measured against a
fake upstream with a fixed latency.

In one run, on loopback:

1. a fake upstream (:mod:`optimizer.bench.fake_upstream`, its own process) answers every
   completion after exactly ``latency_ms``;
2. ``python -m optimizer serve`` (its own process, ``--workers`` of them: one per core by
   default, as a deployment runs it; SQLite and diskcache by default, PostgreSQL / Redis
   when ``OPTIMIZER_DATABASE_URL`` / ``REDIS_URL`` are set) in front of it, with an API
   key, so every request is authenticated;
3. ``clients`` concurrent clients (asyncio tasks, one connection each), in rounds that
   alternate between calling the upstream **directly** and calling it **through the
   gateway**, every request a distinct question (a miss). The gateway's overhead is the
   difference of the two latency distributions (p50 and p99), so the client's own cost on
   these cores is in both. The load generator is
   :class:`~optimizer.bench.raw_client.RawChatClient` (0.15 to 0.25 ms of CPU per request)
   unless ``client="openai"`` asks for the official ``AsyncOpenAI`` (2 to 3 ms per
   request, taken from the same cores as the gateway's). The clients' starts are spread
   over one upstream latency and every measured request runs with all of them in flight
   (see :func:`_phase`): with an exact latency and one start instant, the clients would
   stay in lockstep and measure a burst of ``clients`` requests every latency instead
   (that is reported too, beside the bars);
4. exact hits end to end: one client asking questions already answered, one at a time
   (p50, p99), and the same with every client at once (requests per second);
5. the gateway is stopped (it writes its queued ledger rows on the way out) and the
   ledger is read back: one row per request, none lost, none twice.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..procs import stop_process, wait_until_answering

BARS = {"miss_p50_ms": 3.0, "miss_p99_ms": 15.0, "hit_p50_ms": 5.0}
_ROOT = Path(__file__).resolve().parents[2]
UPSTREAM_KEY = "sk-bench-upstream-0123456789abcdefghijkl"


@dataclass(frozen=True)
class Latencies:
    """Milliseconds of one phase, and its wall time."""

    samples: tuple[float, ...]
    wall_s: float
    sent: int = 0  # requests sent in that time, unmeasured ones included (0: as many as samples)

    def pct(self, q: float) -> float:
        """The ``q`` quantile (0..1) of the samples, nearest-rank; raises IndexError when there are none."""
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))]

    @property
    def p50(self) -> float:
        """The median latency (seconds)."""
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        """The 99th percentile latency (seconds)."""
        return self.pct(0.99)

    @property
    def per_s(self) -> float:
        """Requests completed per wall-clock second (0 when no time was measured)."""
        return (self.sent or len(self.samples)) / self.wall_s if self.wall_s else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process and its running descendants have used so far
    (``serve --workers N``: the workers are children; Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0
    children: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children.update(int(c) for c in task.read_text().split())
        except (OSError, ValueError):
            pass
    return own + sum(cpu_seconds(child) for child in children)


def _free_port() -> int:
    from ..cache.local_redis import free_port

    return free_port()


def _wait(url: str, proc: subprocess.Popen, log: Path, key: str, timeout: float = 120) -> None:
    wait_until_answering(url, proc, log, timeout=timeout, headers={"Authorization": f"Bearer {key}"})


def _stop(proc: subprocess.Popen) -> None:
    stop_process(proc, grace=60)  # the gateway writes its queued ledger rows as it stops


async def _phase(
    clients: list, count: int, tag: str, *, question=None, spread_s: float = 0.0
) -> tuple[Latencies, list[str]]:
    """Every client sends ``count`` measured requests one after another, all clients at once.

    ``spread_s`` 0: every client starts at the same instant (with a fixed upstream latency
    they then stay in lockstep: a burst of ``len(clients)`` requests every latency).
    ``spread_s`` > 0: client ``c`` starts ``c / len(clients) * spread_s`` later, and each
    sends unmeasured requests until every client has started and again until every client
    has finished its measured ones, so that every measured request runs with all clients
    in flight (the steady state of that many concurrent clients).
    """
    asked: list[str] = []
    n = len(clients)
    started_all = asyncio.Event()
    state = {"started": 0, "measuring": n}

    async def send(client, text: str) -> float:
        asked.append(text)
        began = time.perf_counter()
        answer = await client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": text}], max_tokens=64
        )
        took = (time.perf_counter() - began) * 1000
        if not answer.choices[0].message.content:
            raise RuntimeError("an empty answer")
        return took

    def filler(c: int) -> str:
        return f"{tag} filler {c} {uuid.uuid4().hex[:10]}"

    async def one(client, c: int) -> list[float]:
        if spread_s:
            await asyncio.sleep(spread_s * c / n)
            state["started"] += 1
            if state["started"] == n:
                started_all.set()
            while not started_all.is_set():
                await send(client, filler(c))
        out = []
        for i in range(count):
            text = question(c, i) if question else f"{tag} question {c}-{i} {uuid.uuid4().hex[:10]}"
            out.append(await send(client, text))
        state["measuring"] -= 1
        while spread_s and state["measuring"] > 0:
            await send(client, filler(c))
        return out

    started = time.perf_counter()
    results = await asyncio.gather(*(one(client, c) for c, client in enumerate(clients)))
    wall = time.perf_counter() - started
    return Latencies(tuple(x for r in results for x in r), wall), asked


@dataclass
class Cpu:
    """CPU milliseconds per request spent by the gateway process and by this (client) process."""

    gateway_ms: float = 0.0
    client_ms: float = 0.0
    requests: int = 0

    def add(self, gateway_s: float, client_s: float, requests: int) -> None:
        """Add one phase's CPU seconds (gateway process and this client) spent on ``requests`` requests."""
        self.gateway_ms += gateway_s * 1000
        self.client_ms += client_s * 1000
        self.requests += requests

    def per_request(self) -> tuple[float, float]:
        """(gateway CPU ms, client CPU ms) per request, over every phase added so far."""
        n = max(1, self.requests)
        return self.gateway_ms / n, self.client_ms / n


async def _measured(cpu: Cpu, gateway_pid: int, coro):
    g0, c0 = cpu_seconds(gateway_pid), time.process_time()
    latencies, asked = await coro
    cpu.add(cpu_seconds(gateway_pid) - g0, time.process_time() - c0, len(asked))  # fillers included
    return latencies, asked


@dataclass
class Runs:
    """What one benchmark run measured (milliseconds; see :func:`report`)."""

    direct: Latencies
    through: Latencies
    direct_lockstep: Latencies
    through_lockstep: Latencies
    hit_one: Latencies
    hit_all: Latencies
    sent: list[str]
    cpu: dict[str, Cpu]


async def _run(
    direct_url: str,
    gateway_url: str,
    key: str,
    clients: int,
    per_client: int,
    rounds: int,
    gateway_pid: int,
    spread_s: float,
    client: str,
) -> Runs:
    import httpx2
    import openai

    from .raw_client import RawChatClient

    def make(url: str, api_key: str):
        if client == "raw":
            return RawChatClient(url, api_key)
        return openai.AsyncOpenAI(
            base_url=url,
            api_key=api_key,
            max_retries=0,
            timeout=60,
            http_client=httpx2.AsyncClient(limits=httpx2.Limits(max_connections=clients * 2)),
        )

    direct = [make(direct_url, UPSTREAM_KEY) for _ in range(clients)]
    through = [make(gateway_url, key) for _ in range(clients)]
    sent: list[str] = []
    # warm-up: open the connections, let the gateway load what it loads lazily (not measured)
    await _phase(direct, 1, "warm-direct")
    _, asked = await _phase(through, 1, "warm-gateway")
    sent += asked
    samples: dict[str, list[float]] = {"direct": [], "through": [], "direct-lockstep": [], "through-lockstep": []}
    walls = dict.fromkeys(samples, 0.0)
    counts = dict.fromkeys(samples, 0)
    per_round = max(1, per_client // rounds)
    cpu = {"direct": Cpu(), "miss": Cpu(), "hit": Cpu(), "lockstep": Cpu()}

    async def side(name: str, group: list, r: int, spread: float, meter: Cpu) -> None:
        tag = f"{'gateway' if name.startswith('through') else 'direct'}-{r}{'-lockstep' if not spread else ''}"
        latencies, asked = await _measured(meter, gateway_pid, _phase(group, per_round, tag, spread_s=spread))
        if name.startswith("through"):
            sent.extend(asked)
        samples[name] += latencies.samples
        walls[name] += latencies.wall_s
        counts[name] += len(asked)

    for r in range(rounds):  # alternate, so that a busy moment on the machine hits both sides
        await side("direct", direct, r, spread_s, cpu["direct"])
        await side("through", through, r, spread_s, cpu["miss"])
    # the same clients started at one instant: bursts (reported, not a bar)
    await side("direct-lockstep", direct, 0, 0.0, Cpu())
    await side("through-lockstep", through, 0, 0.0, cpu["lockstep"])
    # exact hits: questions the gateway has answered
    stored = [q for q in sent if q.startswith("gateway-0")][:clients]
    single = through[:1]
    hit_one, asked = await _phase(single, 200, "hit", question=lambda c, i: stored[i % len(stored)])
    sent += asked
    hit_all, asked = await _measured(
        cpu["hit"], gateway_pid, _phase(through, 10, "hit", question=lambda c, i: stored[(c + i) % len(stored)])
    )
    sent += asked
    for client in direct + through:
        await client.close()

    def latencies(name: str) -> Latencies:
        return Latencies(tuple(samples[name]), walls[name], counts[name])

    return Runs(
        latencies("direct"),
        latencies("through"),
        latencies("direct-lockstep"),
        latencies("through-lockstep"),
        hit_one,
        hit_all,
        sent,
        cpu,
    )


def default_workers() -> int:
    """The gateway's worker processes when the benchmark is not told: one per core (at most
    4), as docs/gateway.md advises for a deployment; a single process has one GIL, one core.

    >>> 1 <= default_workers() <= 4
    True
    """
    return max(1, min(4, os.cpu_count() or 1))


CLIENTS = {"raw": "a minimal keep-alive HTTP/1.1 client", "openai": "official AsyncOpenAI"}


def report(
    *,
    clients: int = 50,
    per_client: int = 20,
    latency_ms: float = 200.0,
    quick: bool = False,
    workers: int | None = None,
    client: str = "raw",
) -> tuple[str, bool]:
    """Run the benchmark; the table and whether every bar held.

    :param workers: the gateway's worker processes (``serve --workers``); None: one per
        core (:func:`default_workers`), as the CLI does.
    :param client: ``"raw"`` (:class:`~optimizer.bench.raw_client.RawChatClient`, a load
        generator that takes little CPU from the gateway it measures) or ``"openai"`` (the
        official ``AsyncOpenAI``, 2 to 3 ms of CPU per request on the same cores).
    :raises ValueError: an unknown ``client``.
    """
    if client not in CLIENTS:
        raise ValueError(f"client must be one of {sorted(CLIENTS)}")
    workers = workers or default_workers()
    from ..keys import KeyStore
    from ..ledger import Ledger

    if quick:
        clients, per_client = min(clients, 5), min(per_client, 4)
    rounds = 2 if per_client >= 2 else 1
    folder = Path(tempfile.mkdtemp(prefix="optimizer-bench-gateway-"))
    env = {
        **os.environ,
        "OPTIMIZER_DATA_DIR": str(folder / "data"),
        "OPENAI_API_KEY": UPSTREAM_KEY,
        "OPENAI_MODEL": "gpt-4o-mini",
        "PYTHONPATH": str(_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    for name in ("OPTIMIZER_GATEWAY_MODELS", "OPTIMIZER_GATEWAY_RATE_LIMIT", "OPTIMIZER_GATEWAY_BUDGET_USD"):
        env.pop(name, None)
    env["OPTIMIZER_GATEWAY_WORKERS"] = str(workers)
    up_port, gw_port = _free_port(), _free_port()
    env["OPENAI_BASE_URL"] = f"http://127.0.0.1:{up_port}/v1"
    os.environ["OPTIMIZER_DATA_DIR"] = env["OPTIMIZER_DATA_DIR"]  # the key goes where the gateway reads keys
    url = os.environ.get("OPTIMIZER_DATABASE_URL")
    ledger = Ledger(url=url) if url else Ledger(folder / "data" / "ledger.sqlite3")
    name = f"bench-{uuid.uuid4().hex[:8]}"
    key = KeyStore(ledger).create(name, "analyst").secret
    ledger.close()
    up_log, gw_log = folder / "upstream.log", folder / "gateway.log"
    procs = []
    try:
        with up_log.open("wb") as out:
            upstream = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "optimizer.bench.fake_upstream",
                    "--port",
                    str(up_port),
                    "--latency-ms",
                    str(latency_ms),
                    "--key",
                    UPSTREAM_KEY,
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        procs.append(upstream)
        with gw_log.open("wb") as out:
            gateway = subprocess.Popen(
                [sys.executable, "-m", "optimizer", "serve", "--port", str(gw_port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        procs.append(gateway)
        _wait(f"http://127.0.0.1:{up_port}/v1/models", upstream, up_log, UPSTREAM_KEY)
        _wait(f"http://127.0.0.1:{gw_port}/v1/models", gateway, gw_log, key)
        try:
            import uvloop

            runner = uvloop.run
        except ImportError:
            runner = asyncio.run
        load = os.getloadavg()[0]
        runs = runner(
            _run(
                f"http://127.0.0.1:{up_port}/v1",
                f"http://127.0.0.1:{gw_port}/v1",
                key,
                clients,
                per_client,
                rounds,
                gateway.pid,
                latency_ms / 1000,
                client,
            )
        )
        load = max(load, os.getloadavg()[0])
        _stop(gateway)  # writes the queued ledger rows
    finally:
        for proc in procs:
            _stop(proc)
    ledger = Ledger(url=url) if url else Ledger(folder / "data" / "ledger.sqlite3")
    recorded = Counter(r["query"] for r in ledger.iter_runs(user=name, text=True))
    ledger.close()
    direct, through, hit_one, hit_all, sent, cpu = (
        runs.direct,
        runs.through,
        runs.hit_one,
        runs.hit_all,
        runs.sent,
        runs.cpu,
    )
    expected = Counter(sent)
    lost = sum((expected - recorded).values())
    doubled = sum((recorded - expected).values())
    overhead_p50 = through.p50 - direct.p50
    overhead_p99 = through.p99 - direct.p99
    held = {
        "miss_p50_ms": overhead_p50 <= BARS["miss_p50_ms"],
        "miss_p99_ms": overhead_p99 <= BARS["miss_p99_ms"],
        "hit_p50_ms": hit_one.p50 <= BARS["hit_p50_ms"],
        "ledger": lost == 0 and doubled == 0,
    }
    lock_direct, lock_through = runs.direct_lockstep, runs.through_lockstep

    def row(what: str, lat: Latencies) -> str:
        count = lat.sent or len(lat.samples)
        return f"{what:<46} {count:>8} {lat.p50:>8.2f} {lat.p99:>8.2f} {lat.per_s:>8.1f}"

    backend = "PostgreSQL" if url else "SQLite"
    cache = "Redis" if os.environ.get("REDIS_URL") else "diskcache"
    lines = [
        f"# Gateway benchmark — {clients} concurrent clients ({CLIENTS[client]}), fake upstream latency "
        f"{latency_ms:g} ms, gateway {workers} worker process{'es' if workers > 1 else ''}, {os.cpu_count()} cores, ledger {backend}, cache {cache}, API key checked on every request",
        "",
        f"{'what':<46} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}",
        "-" * 82,
        row("miss, upstream called directly (baseline)", direct),
        row("miss, through the gateway", through),
        f"{'gateway overhead on a miss (difference)':<46} {'':>8} {overhead_p50:>8.2f} {overhead_p99:>8.2f}",
        row("exact hit, end to end, one client", hit_one),
        row(f"exact hit, {clients} clients at once", hit_all),
        "",
        f"Misses: every measured request ran with all {clients} clients in flight, their starts spread over one",
        "upstream latency (the steady state; req/s counts the unmeasured requests that keep the load). Started at",
        "one instant instead, the clients stay in lockstep (the fake upstream's latency is exact): a burst of",
        f"{clients} requests every {latency_ms:g} ms (reported, not a bar):",
        row("  lockstep miss, upstream called directly", lock_direct),
        row("  lockstep miss, through the gateway", lock_through),
        f"{'  lockstep overhead (difference)':<46} {'':>8} {lock_through.p50 - lock_direct.p50:>8.2f} "
        f"{lock_through.p99 - lock_direct.p99:>8.2f}",
        "",
        "CPU per request (ms): "
        + "; ".join(
            f"{what}: gateway {cpu[what].per_request()[0]:.2f}, client {cpu[what].per_request()[1]:.2f}"
            for what in ("direct", "miss", "lockstep", "hit")
        )
        + f" (load average during the run: {load:.1f} on {os.cpu_count()} cores)",
        f"ledger rows: {sum(recorded.values())} for {len(sent)} requests through the gateway "
        f"(lost {lost}, written twice {doubled})",
        f"bars: miss overhead p50 <= {BARS['miss_p50_ms']:g} ms: {'yes' if held['miss_p50_ms'] else 'NO'}; "
        f"p99 <= {BARS['miss_p99_ms']:g} ms: {'yes' if held['miss_p99_ms'] else 'NO'}; "
        f"exact hit p50 <= {BARS['hit_p50_ms']:g} ms: {'yes' if held['hit_p50_ms'] else 'NO'}; "
        f"no row lost or doubled: {'yes' if held['ledger'] else 'NO'}",
    ]
    return "\n".join(lines), all(held.values())
