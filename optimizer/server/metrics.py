"""The gateway's Prometheus metrics (``GET /metrics``), one registry per app.

Every series is named ``optimizer_gateway_*``:

=========================================  =========  ==========================================
name                                       type       labels / meaning
=========================================  =========  ==========================================
requests_total                             counter    route (the path template), method, status
request_seconds                            histogram  route: time to the last byte sent
generations_total                          counter    model, cache (none/exact/semantic/stale), end_state
saved_tokens_total                         counter    source (cache, prompt): reference tokenizer
saved_usd_total                            counter    source (cache, prompt): at each run's priced-as row
generation_seconds                         histogram  cache: the whole generation, as the ledger times it
upstream_errors_total                      counter    kind (refused, timeout, server, rate_limit...)
refused_total                              counter    reason (auth, role, rate, budget)
model_queue_depth                          gauge      generations waiting for the embedded model
ledger_pending_rows                        gauge      runs queued for the ledger's batch writer
=========================================  =========  ==========================================

One process exposes its own counts. Under ``serve --workers N`` the workers write their
counters and histograms to files in one folder (prometheus_client's multiprocess mode, set
up by :func:`optimizer.server.run.serve` through ``PROMETHEUS_MULTIPROC_DIR``), and a
scrape answered by any worker adds up every worker's; the two gauges are the answering
worker's own. Separate instances are scraped each (Prometheus's ``sum by`` adds them up).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's own variable


def shared_folder() -> str | None:
    """The folder this process's values are written to, when prometheus_client is in its
    multiprocess mode (it decides once, when first imported, from ``PROMETHEUS_MULTIPROC_DIR``);
    None when values live in this process's memory (the variable set later changes nothing).

    In that mode every metric of one name is one value per process, so two gateway apps
    in one process would share their counts: ``serve`` runs one app per worker process.
    """
    from prometheus_client import values

    if values.ValueClass is values.MutexValue:
        return None
    return os.environ.get(MULTIPROCESS_ENV)


class _LiveGauges:
    """Gauges read when scraped (a custom collector: in multiprocess mode a ``Gauge`` with
    ``set_function`` is not allowed, and these are this process's own queues anyway)."""

    def __init__(self, gauges: dict[str, tuple[str, Callable[[], float]]]) -> None:
        self.gauges = gauges

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """One sample per gauge, read now."""
        for name, (doc, read) in self.gauges.items():
            yield GaugeMetricFamily(name, doc, value=float(read()))


_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class GatewayMetrics:
    """The gateway's series in a registry of their own (two apps in one process, as in the
    tests, never share counts).

    :param queue_depth: returns the embedded model's queue depth when scraped.
    :param ledger_pending: returns the rows waiting for the ledger's batch writer.
    """

    content_type = CONTENT_TYPE_LATEST

    def __init__(self, *, queue_depth: Callable[[], float], ledger_pending: Callable[[], float]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        ns = "optimizer_gateway"
        r = self.registry
        self.requests = Counter(
            f"{ns}_requests", "HTTP requests by route and status", ["route", "method", "status"], registry=r
        )
        self.request_seconds = Histogram(
            f"{ns}_request_seconds",
            "HTTP request latency (to the last byte)",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.generations = Counter(
            f"{ns}_generations",
            "chat completions by cache outcome and end state",
            ["model", "cache", "end_state"],
            registry=r,
        )
        self.saved_tokens = Counter(
            f"{ns}_saved_tokens", "tokens saved (reference tokenizer) by source", ["source"], registry=r
        )
        self.saved_usd = Counter(f"{ns}_saved_usd", "US dollars saved by source", ["source"], registry=r)
        self.generation_seconds = Histogram(
            f"{ns}_generation_seconds",
            "generation latency by cache outcome",
            ["cache"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.upstream_errors = Counter(f"{ns}_upstream_errors", "upstream failures by kind", ["kind"], registry=r)
        self.refused = Counter(f"{ns}_refused", "requests refused before any work, by reason", ["reason"], registry=r)
        self.live = CollectorRegistry(auto_describe=True)
        self.live.register(
            _LiveGauges(
                {
                    f"{ns}_model_queue_depth": ("generations waiting for the embedded model", queue_depth),
                    f"{ns}_ledger_pending_rows": ("runs waiting for the ledger's batch writer", ledger_pending),
                }
            )
        )
        self.shared_folder = shared_folder()

    def render(self) -> bytes:
        """The exposition text of every series: every worker's counts under ``serve
        --workers N``, this process's otherwise; then the gauges of this process."""
        if self.shared_folder:
            from prometheus_client import multiprocess

            every_worker = CollectorRegistry()
            multiprocess.MultiProcessCollector(every_worker, path=self.shared_folder)
            counts = generate_latest(every_worker)
        else:
            counts = generate_latest(self.registry)
        return counts + generate_latest(self.live)

    def record_generation(self, run: object, model: str) -> None:
        """Count one finished generation from its ledger row (a ``RunRecord``)."""
        cached = str(getattr(run, "cached", "none"))
        self.generations.labels(model, cached, str(getattr(run, "end_state", ""))).inc()
        for source in ("cache", "prompt", "context"):
            tokens = int(getattr(run, f"saved_{source}_tokens", 0) or 0)
            usd = float(getattr(run, f"saved_{source}_usd", 0.0) or 0.0)
            if tokens > 0:
                self.saved_tokens.labels(source).inc(tokens)
            if usd > 0:
                self.saved_usd.labels(source).inc(usd)
        latency = getattr(run, "latency_ms", None)
        if latency is not None:
            self.generation_seconds.labels(cached).observe(float(latency) / 1000)
