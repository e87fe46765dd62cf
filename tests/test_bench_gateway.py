"""bench gateway's measuring parts without servers: the steady-state phase keeps every
client in flight while requests are measured, the lockstep phase starts them together,
and the CPU count takes in a process's children (serve --workers)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from types import SimpleNamespace

from optimizer.bench.gateway import Latencies, _phase, cpu_seconds


class FakeClient:
    """Stands in for AsyncOpenAI: answers after a fixed delay, counting requests in flight."""

    def __init__(self, shared: dict, delay: float) -> None:
        self.shared, self.delay = shared, delay
        self.chat = SimpleNamespace(completions=SimpleNamespace(create=self.create))

    async def create(self, *, model, messages, max_tokens):
        shared = self.shared
        shared["in_flight"] += 1
        text = messages[0]["content"]
        if " question " in text:  # a measured request: how many were in flight as it started
            shared["seen"].append(shared["in_flight"])
        await asyncio.sleep(self.delay)
        shared["in_flight"] -= 1
        return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content="ok"))])


def run_phase(clients: int, count: int, spread: float):
    shared = {"in_flight": 0, "seen": []}
    group = [FakeClient(shared, 0.02) for _ in range(clients)]
    latencies, asked = asyncio.run(_phase(group, count, "t", spread_s=spread))
    return latencies, asked, shared["seen"]


def test_the_steady_state_measures_every_request_with_all_clients_in_flight():
    latencies, asked, seen = run_phase(8, 3, 0.02)
    assert len(latencies.samples) == 24 and min(seen) == 8  # never measured during the ramp
    assert len(asked) > 24 and latencies.sent == 0  # unmeasured requests kept the load up


def test_lockstep_starts_every_client_at_once_and_sends_only_measured_requests():
    latencies, asked, seen = run_phase(8, 3, 0.0)
    assert len(latencies.samples) == 24 and len(asked) == 24 and seen[:8] == list(range(1, 9))


def test_requests_per_second_counts_the_unmeasured_ones_too():
    assert Latencies((1.0, 2.0), 2.0).per_s == 1.0
    assert Latencies((1.0, 2.0), 2.0, sent=10).per_s == 5.0


def test_cpu_seconds_takes_in_the_children():
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nt=time.process_time()\nwhile time.process_time()-t<0.12: pass\ntime.sleep(30)",
        ]
    )
    try:
        deadline = time.monotonic() + 20
        while cpu_seconds(child.pid) < 0.1 and time.monotonic() < deadline:
            time.sleep(0.02)
        own = cpu_seconds(os.getpid())
        assert cpu_seconds(child.pid) >= 0.1  # its busy loop, beyond a bare interpreter's start
        assert own >= cpu_seconds(child.pid)  # this process's count includes its running child
    finally:
        child.kill()
        child.wait()
