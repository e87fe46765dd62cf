"""The studio walk's steps in a real Chromium (issue 13), shared by the walk's test files
(tests/test_browser_studio.py: the light walk, then a table on each other generator, on
one :func:`walk_studio`; tests/test_browser_dark.py: the dark walk, on a studio of its own).

Answers are capped short (``OPTIMIZER_LOCAL_MAX_TOKENS``, 48 tokens: a row or two of every
table, 2-3 s a generation on a busy 2-core machine) and seeded, so a table that parses
parses again. No sleeps: every wait is on a condition (the only timeouts are sampling
intervals).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from support.studio import Studio, chromium_missing, download, idle, run_studio

# The result's figures line (optimizer.answer.figures_line), e.g.
# "Run 3 · generated · prompt 86 + answer 42 tokens (o200k_base) · ...".
FIGURES = re.compile(r"Run (?P<run>\d+) · (?P<outcome>[^·]+?) · prompt (?P<prompt>[\d,]+) \+ answer")
MAX_TOKENS = "48"  # long enough for a row or two of every generator's table
GENERATION_TIMEOUT_MS = 120_000

# Each generator's page, its form (label -> a short value) and the CSV's generator name.
FORMS: dict[str, tuple[str, dict[str, str]]] = {
    "formulation": (
        "Formulation",
        {
            "Product type": "serum",
            "Category": "skincare",
            "Requirements (optional)": "vegan",
            "Region (optional)": "EU",
        },
    ),
    "market": ("Market Research", {"Category": "natural skincare", "Region": "India"}),
    "branding": ("Branding", {"Product": "body lotion", "Audience": "new parents"}),
    "costing": ("Costing", {"Formulation (or product)": "30 ml serum", "Batch size (units)": "5000"}),
    "scientific": ("Scientific", {"Ingredient or claim": "niacinamide"}),
}
QUERY_LABEL = "Your request (optional, in your own words)"
QUERY = "Keep it short."


@contextmanager
def walk_studio(tmp_path_factory: pytest.TempPathFactory, name: str = "walk") -> Iterator[Studio]:
    """One studio for a walk module: short seeded embedded answers, its own data folder.

    :param tmp_path_factory: pytest's, for the studio's work folder ``<name>N``.
    :param name: the work folder's prefix.
    :raises pytest.skip.Exception: Chromium or Playwright is missing (the reason says which).
    """
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp(name)
    # A fixed seed: the same answers on every run, so a table that parses parses again.
    env = {"OPTIMIZER_LOCAL_MAX_TOKENS": MAX_TOKENS, "OPTIMIZER_LOCAL_SEED": "7"}
    with run_studio(work, env=env) as running:
        yield running


def fill(page, values: dict[str, str], *, query: str | None = None) -> None:
    """Type each field and commit it (Enter), then the free-text request (committed on blur)."""
    for label, value in values.items():
        field = page.get_by_label(label, exact=True)
        field.fill(value)
        field.press("Enter")
        idle(page)
    if query is not None:
        area = page.get_by_label(QUERY_LABEL, exact=True)
        area.fill(query)
        area.blur()
        idle(page)


def field_values(page, labels) -> dict[str, str]:
    return {label: page.get_by_label(label, exact=True).input_value() for label in labels}


def preview_prompt_tokens(page) -> int:
    """The preview's "Prompt tokens (<tokenizer>)" metric."""
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Prompt tokens").first
    metric.wait_for()
    value = metric.locator("[data-testid='stMetricValue']").inner_text()
    return int(value.replace(",", "").strip())


def answer_text(page) -> str:
    box = page.locator(".st-key-answer_box")
    return box.first.inner_text() if box.count() else ""


def figures(page, *, after: int = 0) -> re.Match:
    """Wait for the figures line of a run newer than run ``after`` and parse it (run ids
    only grow; an older line may still be on the page while a rerun draws the new one)."""
    page.wait_for_function(
        """after => {
          const box = document.querySelector('.st-key-run_figures');
          const found = /Run (\\d+) · /.exec(box ? box.innerText : '');
          return found !== null && Number(found[1]) > after;
        }""",
        arg=after,
        timeout=GENERATION_TIMEOUT_MS,
    )
    idle(page)
    text = page.locator(".st-key-run_figures").first.inner_text()
    found = FIGURES.search(text)
    assert found and int(found["run"]) > after, f"no figures line of a new run: {text!r}"
    return found


def generate(page, *, after: int = 0) -> re.Match:
    """Click Generate and wait for the new run's figures line."""
    page.get_by_role("button", name="Generate", exact=True).click()
    return figures(page, after=after)


def generate_and_sample(page, *, after: int) -> tuple[re.Match, list[int]]:
    """Click Generate; record the answer box's length at every change the page draws while
    it streams (its status line says "Streaming · N tokens"), until a run newer than
    ``after`` has its figures line. Returns the figures and the lengths seen (each change
    once).

    Recorded in the page (a MutationObserver, read once per frame), not sampled from
    here: a short answer on a quiet machine streamed within two 40 ms samples, and the
    walk saw a single length."""
    page.evaluate(_RECORD_LENGTHS)
    page.get_by_role("button", name="Generate", exact=True).click()
    found = figures(page, after=after)
    return found, page.evaluate("() => { window.__lengths.observer.disconnect(); return window.__lengths.seen; }")


# The answer box's text length (without its status line, whose figures tick) at each frame
# in which the page changed while the box said "Streaming · ".
_RECORD_LENGTHS = """() => {
  if (window.__lengths) window.__lengths.observer.disconnect();
  const seen = [];
  let queued = false;
  const read = () => {
    queued = false;
    const box = document.querySelector('.st-key-answer_box');
    const text = box ? box.innerText : '';
    if (!text.startsWith('Streaming · ')) return;
    const newline = text.indexOf('\\n');
    const length = newline < 0 ? 0 : text.length - newline - 1;
    if (!seen.length || seen[seen.length - 1] !== length) seen.push(length);
  };
  const observer = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(read); }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  window.__lengths = {seen, observer};
}"""


def figures_box_text(page) -> str:
    box = page.locator(".st-key-run_figures")
    return box.first.inner_text() if box.count() else ""


def table_rows(page, scope) -> int:
    """Rows of the first table (Streamlit dataframe) in ``scope``; 0 when it shows none."""
    if not scope.locator("[data-testid='stDataFrame'], [data-testid='stSkeleton']").count():
        return 0
    return grid_rows(scope.locator("[data-testid='stDataFrame']").first)


def grid_rows(frame) -> int:
    """Rows of one Streamlit dataframe, by the ARIA row count of the accessible table
    under its canvas (its code loads lazily: wait for it)."""
    grid = frame.locator("[role='grid']").first
    grid.wait_for(state="attached", timeout=30_000)
    return int(grid.get_attribute("aria-rowcount") or 0) - 1  # minus the header row


def runs_csv(page, tmp_path: Path) -> dict[int, dict[str, str]]:
    """Download the runs CSV from Stats & Export (this page must be open): rows by run."""
    target = download(page, re.compile(r"^Download runs CSV"), tmp_path / "runs.csv")
    return {int(r["run"]): r for r in csv.DictReader(io.StringIO(target.read_text()))}


def prompt_column(rows: dict[int, dict[str, str]]) -> str:
    """The CSV's prompt-tokens header, which names its tokenizer: "prompt tokens (o200k_base)"."""
    return next(c for c in next(iter(rows.values())) if c.startswith("prompt tokens ("))


def select_history_rows(page, positions: list[int]) -> None:
    """Tick rows of the History table (0 = newest) by clicking their row markers."""
    canvas = page.locator(".st-key-history_table [data-testid='stDataFrame']").first
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box is not None
    row_h = 35  # Streamlit's default row height, the header included
    for i in positions:
        page.mouse.click(box["x"] + 16, box["y"] + row_h * (i + 1) + row_h / 2)
        idle(page)


def stop_mid_stream(page) -> None:
    """Once text streams in, click Stop where it stays: the answer box scrolls into view
    when a generation starts (smoothly), and a click while the page moves lands beside
    the button (mousedown on Stop, mouseup elsewhere: no click)."""
    page.wait_for_function(
        "() => /^Streaming · [1-9]/.test(document.querySelector('.st-key-answer_box')?.innerText || '')",
        timeout=GENERATION_TIMEOUT_MS,
    )
    stop = page.get_by_role("button", name="Stop", exact=True)
    box, previous = stop.bounding_box(), None
    while box != previous:  # settled when two reads a frame or two apart agree
        previous = box
        page.wait_for_timeout(50)  # a sampling interval, not a wait for a state
        box = stop.bounding_box()
    stop.click()
    page.get_by_text("Stopped by you", exact=False).first.wait_for(timeout=30_000)
    idle(page)


def shows_partial_answer(page, *, timeout_ms: int = 15_000) -> bool:
    """The stopped answer's text (or the table of its complete rows) is on the page, within
    ``timeout_ms``: the table is a component of its own, drawn a moment after the notice
    above it (seconds later on a loaded machine: one walk checked in between)."""
    box = page.locator(".st-key-answer_box")
    for _ in range(max(1, timeout_ms // 250)):
        codes = [c.inner_text().strip() for c in box.locator("[data-testid='stCode']").all() if c.is_visible()]
        if any(codes) or box.locator("[data-testid='stDataFrame']").count():
            return True
        page.wait_for_timeout(250)
    return False
