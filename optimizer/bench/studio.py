"""``python -m optimizer bench studio``: the studio page's time to the full answer against
the CLI's time for the same request, in a real Chromium.

In one run, on this machine, with the embedded model and a fresh data folder:

* a real ``streamlit run app.py`` and Debian's Chromium (Playwright, headless, 1280x800);
* for each request (the *report* half of :data:`REQUESTS` by default; the *tune* half is
  what the page's update rate was tuned on), in alternating order:

  - **CLI**: ``python -m optimizer generate --no-cache --format json``; its time is the
    generation's own ``latency_ms`` (generation start to the last token, the "total" the
    CLI prints), not the process's start-up;
  - **page**: fill the form, click Generate; its time is measured in the browser, from the
    click to the result's figures line on screen (the whole answer, its table and its
    figures drawn), so it includes the rerun, the prompt, the stream and the drawing.

The ratio is the page's median over the CLI's median; the bar is 1.2. A page answer
served from the cache (it should not be: every request differs) is left out and said so.
Answers are sampled (temperature 0.2), so both sides' answer lengths are shown.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..procs import running, streamlit_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ENV = "OPTIMIZER_CHROMIUM"
BAR = 1.2
TITLES = {
    "formulation": "Formulation",
    "market": "Market Research",
    "branding": "Branding",
    "costing": "Costing",
    "scientific": "Scientific",
}
# (generator, fields). Even positions are the tune half, odd positions the report half.
REQUESTS: tuple[tuple[str, Mapping[str, str]], ...] = (
    ("formulation", {"product_type": "serum", "category": "skincare"}),
    ("formulation", {"product_type": "shampoo bar", "category": "haircare", "region": "UK"}),
    ("market", {"category": "sunscreen", "region": "Brazil"}),
    ("market", {"category": "men's grooming", "region": "Japan", "horizon": "3 years"}),
    ("branding", {"product": "lip balm", "audience": "teens"}),
    ("branding", {"product": "refillable deodorant", "audience": "commuters", "tone": "playful"}),
    ("costing", {"formulation": "50 ml hand cream", "batch_size": "10000"}),
    ("costing", {"formulation": "200 ml body wash", "batch_size": "20000", "currency": "EUR"}),
    ("scientific", {"subject": "retinol reduces fine lines"}),
    ("scientific", {"subject": "ceramides repair the skin barrier", "evidence": "clinical studies"}),
    ("formulation", {"product_type": "cream", "category": "skincare", "requirements": "vegan"}),
    ("formulation", {"product_type": "mineral sunscreen", "category": "suncare", "requirements": "reef-safe"}),
    ("market", {"category": "natural skincare", "region": "India"}),
    ("market", {"category": "baby care", "region": "Nigeria"}),
    ("costing", {"formulation": "30 ml niacinamide serum", "batch_size": "5000"}),
    ("costing", {"formulation": "100 g clay mask", "batch_size": "8000", "region": "Poland"}),
)


# Loads the model in both processes before timing; in neither half.
WARMUP: tuple[str, Mapping[str, str]] = ("formulation", {"product_type": "toner", "category": "skincare"})


def half(name: str) -> list[tuple[str, Mapping[str, str]]]:
    """The ``tune`` (even positions) or ``report`` (odd positions) half of :data:`REQUESTS`."""
    if name not in ("tune", "report"):
        raise ConfigError(f"the half is 'tune' or 'report', not '{name}'")
    return list(REQUESTS[0 if name == "tune" else 1 :: 2])


@dataclass(frozen=True)
class Pair:
    """One request measured on both sides (times in milliseconds)."""

    generator: str
    cli_ms: float
    cli_tokens: int
    cli_ttft_ms: float
    page_ms: float
    page_first_ms: float
    page_tokens: int
    page_server_ms: float
    cached: bool

    @property
    def ratio(self) -> float:
        """How many times longer the page took than the CLI for the same operation (inf when the CLI took 0)."""
        return self.page_ms / self.cli_ms if self.cli_ms else float("inf")


def _chromium() -> str:
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise ConfigError(f"bench studio needs Chromium (apt-get install chromium, or set {CHROMIUM_ENV})")
    return path


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REDIS_URL"))}
    env.update({"OPTIMIZER_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), "OPTIMIZER_PROVIDER": "local"})
    env.pop("OPTIMIZER_DATABASE_URL", None)
    return env


def _cli(generator: str, fields: Mapping[str, str], data: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "optimizer", "generate", "--type", generator, "--no-cache", "--format", "json"]
    for name, value in fields.items():
        command += ["--context", f"{name}={value}"]
    done = subprocess.run(command, capture_output=True, env=_env(data), cwd=ROOT, timeout=600)
    if not done.stdout.strip():
        raise ConfigError(f"the CLI failed: {done.stderr.decode(errors='replace').strip()[-300:]}")
    return json.loads(done.stdout)


def _idle(page: Any, timeout: float = 300_000) -> None:
    page.wait_for_timeout(250)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def _open(page: Any, generator: str) -> None:
    title = TITLES[generator]
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=120_000)
    _idle(page)


def _fill(page: Any, generator: str, fields: Mapping[str, str]) -> None:
    from ..prompts import template_for

    for field in template_for(generator).fields:
        box = page.locator(f".st-key-{generator}_{field.name} input")
        value = fields.get(field.name, "")
        if box.input_value() != value:
            box.fill(value)
            box.press("Enter")
            _idle(page)


# Click Generate and time, in the browser, the first answer text and the new figures line.
_CLICK = """([generator, before]) => {
  const t = {t0: performance.now(), first: null, full: null};
  window.__bench = t;
  const check = () => {
    const now = performance.now();
    const box = document.querySelector('.st-key-answer_box');
    if (t.first === null && box && /Streaming · [1-9]/.test(box.innerText)) t.first = now;
    const fig = document.querySelector('.st-key-run_figures');
    const text = fig ? fig.innerText : '';
    if (text.startsWith('Run ') && text !== before) { t.full = now; t.text = text; return; }
    requestAnimationFrame(check);
  };
  document.querySelector(`.st-key-${generator}_generate button`).click();
  requestAnimationFrame(check);
}"""


def _page_run(page: Any, generator: str) -> tuple[float, float, str]:
    figures = page.locator(".st-key-run_figures")
    before = figures.inner_text() if figures.count() else ""
    page.evaluate(_CLICK, [generator, before])
    page.wait_for_function("() => window.__bench && window.__bench.full !== null", timeout=600_000)
    t = page.evaluate("() => window.__bench")
    _idle(page)
    return t["full"] - t["t0"], (t["first"] or t["full"]) - t["t0"], t["text"]


def _figure(text: str, after: str, before: str) -> float:
    """A number in the figures line: the one between ``after`` and ``before``."""
    try:
        part = text.split(after, 1)[1].split(before, 1)[0]
        return float(part.strip().replace(",", "").split()[-1])
    except (IndexError, ValueError):
        return float("nan")


def measure(*, pairs: int, which: str = "report", warmup: bool = True) -> tuple[list[Pair], dict[str, Any]]:
    """Run the benchmark; returns the pairs and what the run was (for the table's header).

    :raises ConfigError: no Chromium, no Playwright, or the studio did not start.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ConfigError("bench studio needs playwright: pip install -r requirements-dev.txt") from None
    from ..cache.local_redis import free_port

    requests = half(which)
    chosen = [requests[i % len(requests)] for i in range(pairs)]
    work = Path(tempfile.mkdtemp(prefix="bench-studio-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = streamlit_command(ROOT / "app.py", port)
    health = url + "/_stcore/health"
    results: list[Pair] = []
    try:
        with (
            running(
                command,
                work / "streamlit.log",
                health_url=health,
                env=_env(work / "studio"),
                cwd=ROOT,
                what="the studio",
            ),
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(
                executable_path=_chromium(), headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(url)
            page.get_by_role("heading", name="Optimizer Studio").wait_for(timeout=120_000)
            _idle(page)
            current = ""
            if warmup:  # loads the model in both processes' page caches; not counted
                generator, fields = WARMUP
                _open(page, generator)
                current = generator
                _fill(page, generator, fields)
                _page_run(page, generator)
                _cli(generator, fields, work / "cli")
            for i, (generator, fields) in enumerate(chosen):
                if generator != current:
                    _open(page, generator)
                    current = generator
                _fill(page, generator, fields)
                cli_first = i % 2 == 0  # alternate, so drifting load hits both sides alike
                cli = _cli(generator, fields, work / "cli") if cli_first else None
                page_ms, first_ms, text = _page_run(page, generator)
                if cli is None:
                    cli = _cli(generator, fields, work / "cli")
                results.append(
                    Pair(
                        generator,
                        float(cli.get("latency_ms") or 0.0),
                        int(cli.get("answer_tokens") or 0),
                        float(cli.get("ttft_ms") or 0.0),
                        page_ms,
                        first_ms,
                        int(_figure(text, "+ answer", "tokens") or 0),
                        _figure(text, "total", "ms"),
                        "cache hit" in text,
                    )
                )
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info = {
        "half": which,
        "max_tokens": os.environ.get("OPTIMIZER_LOCAL_MAX_TOKENS", "160"),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"),
    }
    return results, info


def render(results: list[Pair], info: Mapping[str, Any]) -> tuple[str, bool]:
    """The table and whether the bar holds (ratio of medians ≤ :data:`BAR`)."""
    lines = [
        f"# Studio streaming benchmark: page time to the full answer ÷ CLI time, same requests ({info['half']} half)",
        f"# embedded model, answers capped at {info['max_tokens']} tokens, Chromium 1280x800 headless, "
        f"order alternated; load average at the end {info['load']:.1f}",
        "",
        f"{'#':>2}  {'generator':<12} {'CLI total ms':>12} {'CLI tok':>7} {'page click→answer ms':>21} "
        f"{'page tok':>8} {'page server ms':>14} {'page first token ms':>19} {'CLI first token ms':>18} {'ratio':>6}",
    ]
    kept = [r for r in results if not r.cached and r.cli_ms > 0]
    for i, r in enumerate(results, 1):
        mark = "  (served from the cache: left out)" if r.cached else ""
        lines.append(
            f"{i:>2}  {r.generator:<12} {r.cli_ms:>12,.0f} {r.cli_tokens:>7} {r.page_ms:>21,.0f} {r.page_tokens:>8} "
            f"{r.page_server_ms:>14,.0f} {r.page_first_ms:>19,.0f} {r.cli_ttft_ms:>18,.0f} {r.ratio:>6.2f}{mark}"
        )
    if not kept:
        return "\n".join([*lines, "", "no pair measured"]), False
    cli = statistics.median(r.cli_ms for r in kept)
    page = statistics.median(r.page_ms for r in kept)
    ratio = page / cli
    per_token = statistics.median((r.page_ms / max(1, r.page_tokens)) / (r.cli_ms / max(1, r.cli_tokens)) for r in kept)
    ok = ratio <= BAR
    lines += [
        "",
        f"median CLI total {cli:,.0f} ms · median page click→full answer {page:,.0f} ms",
        f"ratio of medians {ratio:.2f} (bar ≤ {BAR}: {'holds' if ok else 'DOES NOT HOLD'}); "
        f"median per-pair ratio {statistics.median(r.ratio for r in kept):.2f}; "
        f"per answer token {per_token:.2f}",
    ]
    return "\n".join(lines), ok


def report(pairs: int = 8, *, which: str = "report", quick: bool = False) -> tuple[str, bool]:
    """Measure and render (``quick``: two pairs, for a smoke run)."""
    results, info = measure(pairs=2 if quick else pairs, which=which)
    return render(results, info)
