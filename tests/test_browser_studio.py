"""The studio's walk (issue 13) in a real Chromium against one ``streamlit run app.py`` on
the embedded model (no key), every step asserted:

1. a stream: the answer box's text grows while it streams;
2. Stop mid-stream: the partial answer stays, marked as stopped, with no chaining offered,
   and the next Generate generates again (a stopped answer is never a cache hit);
3. a form filled, another page opened, the form's page again: every field as typed;
4. History: one run reopened (its answer shown), two runs compared side by side;
5. a table parsed from the embedded model on each of the five generators (branding is an
   expected failure while the core drops its rows: see that test);
6. the prompt-token figure of the preview = the result's figures line "prompt N" = the
   runs CSV's prompt tokens of that run;
7. light and dark themes: screenshots of the main states in test-artifacts/screenshots/
   (``walk-light-*``, ``walk-dark-*``), and the dark theme checked to be dark.

One studio serves the module; answers are capped short (``OPTIMIZER_LOCAL_MAX_TOKENS``)
(48 tokens: a row or two of every table, 2-3 s a generation on a busy 2-core machine).
No sleeps: every wait is on a condition (the only timeouts are sampling intervals).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from support.studio import chromium_missing, download, idle, main_text, new_page, open_page, run_studio, shot

from optimizer.prompts import template_for

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

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


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """One studio for the walk, short embedded answers, its own data folder."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("walk")
    # A fixed seed: the same answers on every run, so a table that parses parses again.
    env = {"OPTIMIZER_LOCAL_MAX_TOKENS": MAX_TOKENS, "OPTIMIZER_LOCAL_SEED": "7"}
    with run_studio(work, env=env) as running:
        yield running


# -- small steps ------------------------------------------------------------------------


def _fill(page, values: dict[str, str], *, query: str | None = None) -> None:
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


def _field_values(page, labels) -> dict[str, str]:
    return {label: page.get_by_label(label, exact=True).input_value() for label in labels}


def _preview_prompt_tokens(page) -> int:
    """The preview's "Prompt tokens (<tokenizer>)" metric."""
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Prompt tokens").first
    metric.wait_for()
    value = metric.locator("[data-testid='stMetricValue']").inner_text()
    return int(value.replace(",", "").strip())


def _answer_text(page) -> str:
    box = page.locator(".st-key-answer_box")
    return box.first.inner_text() if box.count() else ""


def _figures(page, *, after: int = 0) -> re.Match:
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


def _generate(page, *, after: int = 0) -> re.Match:
    """Click Generate and wait for the new run's figures line."""
    page.get_by_role("button", name="Generate", exact=True).click()
    return _figures(page, after=after)


def _generate_and_sample(page, *, after: int) -> tuple[re.Match, list[int]]:
    """Click Generate; sample the answer box's length while it streams (its status line
    says "Streaming · N tokens"), until a run newer than ``after`` has its figures line.
    Returns the figures and the lengths seen (each change once)."""
    page.get_by_role("button", name="Generate", exact=True).click()
    lengths: list[int] = []
    deadline = time.monotonic() + GENERATION_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        found = FIGURES.search(_figures_box_text(page))
        if found and int(found["run"]) > after:
            break
        text = _answer_text(page)
        if text.startswith("Streaming · "):  # measured without the status line (its figures tick)
            body = text.partition("\n")[2]
            if not lengths or len(body) != lengths[-1]:
                lengths.append(len(body))
        page.wait_for_timeout(40)  # a sampling interval, not a wait for a state
    return _figures(page, after=after), lengths


def _figures_box_text(page) -> str:
    box = page.locator(".st-key-run_figures")
    return box.first.inner_text() if box.count() else ""


def _table_rows(page, scope) -> int:
    """Rows of the first table (Streamlit dataframe) in ``scope``; 0 when it shows none."""
    if not scope.locator("[data-testid='stDataFrame'], [data-testid='stSkeleton']").count():
        return 0
    return _grid_rows(scope.locator("[data-testid='stDataFrame']").first)


def _grid_rows(frame) -> int:
    """Rows of one Streamlit dataframe, by the ARIA row count of the accessible table
    under its canvas (its code loads lazily: wait for it)."""
    grid = frame.locator("[role='grid']").first
    grid.wait_for(state="attached", timeout=30_000)
    return int(grid.get_attribute("aria-rowcount") or 0) - 1  # minus the header row


def _runs_csv(page, tmp_path: Path) -> dict[int, dict[str, str]]:
    """Download the runs CSV from Stats & Export (this page must be open): rows by run."""
    target = download(page, re.compile(r"^Download runs CSV"), tmp_path / "runs.csv")
    return {int(r["run"]): r for r in csv.DictReader(io.StringIO(target.read_text()))}


def _prompt_column(rows: dict[int, dict[str, str]]) -> str:
    """The CSV's prompt-tokens header, which names its tokenizer: "prompt tokens (o200k_base)"."""
    return next(c for c in next(iter(rows.values())) if c.startswith("prompt tokens ("))


def _select_history_rows(page, positions: list[int]) -> None:
    """Tick rows of the History table (0 = newest) by clicking their row markers."""
    canvas = page.locator(".st-key-history_table [data-testid='stDataFrame']").first
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box is not None
    row_h = 35  # Streamlit's default row height, the header included
    for i in positions:
        page.mouse.click(box["x"] + 16, box["y"] + row_h * (i + 1) + row_h / 2)
        idle(page)


def _stop_mid_stream(page) -> None:
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


def _shows_partial_answer(page) -> bool:
    """The stopped answer's text (or the table of its complete rows) is on the page."""
    box = page.locator(".st-key-answer_box")
    codes = [c.inner_text().strip() for c in box.locator("[data-testid='stCode']").all() if c.is_visible()]
    return any(codes) or bool(box.locator("[data-testid='stDataFrame']").count())


# -- the walk ---------------------------------------------------------------------------


def test_walk_light(studio, chromium, tmp_path):
    page = new_page(chromium)
    page.goto(studio.url)
    page.get_by_role("heading", name="Optimizer Studio").wait_for(timeout=60_000)
    idle(page)
    shot(page, "walk-light-home")

    # 3. Navigation away and back: the form holds what was typed.
    title, values = FORMS["formulation"]
    open_page(page, title)
    _fill(page, values, query=QUERY)
    preview = _preview_prompt_tokens(page)
    shot(page, "walk-light-form")
    open_page(page, "Market Research")
    assert _field_values(page, ["Category", "Region"]) == {"Category": "", "Region": ""}
    open_page(page, title)
    kept = _field_values(page, [*values, QUERY_LABEL])
    assert kept == {**values, QUERY_LABEL: QUERY}, "the form forgot what was typed"
    assert _preview_prompt_tokens(page) == preview

    # 2. Stop mid-stream: the partial answer stays, marked; nothing cached.
    page.get_by_role("button", name="Generate", exact=True).click()
    _stop_mid_stream(page)
    stopped = _answer_text(page)
    assert "Stopped by you" in stopped and "the answer below is incomplete" in stopped
    assert _shows_partial_answer(page), f"the partial answer is not shown: {stopped!r}"
    assert not page.get_by_role("button", name="Cost this formulation →").count()  # no chaining of a partial answer
    assert page.get_by_role("button", name="Stop", exact=True).count() == 0
    stopped_run = _figures(page)  # the stopped run has its figures too
    assert stopped_run["outcome"] == "generated"
    shot(page, "walk-light-stopped")

    # 1. The same request again: generated (not served from the cache), and it streams.
    result, lengths = _generate_and_sample(page, after=int(stopped_run["run"]))
    assert result["outcome"] == "generated", "a stopped answer was served as a cache hit"
    # It grows while it streams; a readable JSON view may re-flow a line as a value completes,
    # so a rare small step back is allowed, a steady one is not.
    steps = list(itertools.pairwise(lengths))
    grew = len(lengths) >= 3 and lengths[-1] > lengths[0] and sum(b < a for a, b in steps) <= len(steps) // 5
    assert grew, f"the text did not grow while streaming: {lengths}"
    assert int(result["prompt"].replace(",", "")) == preview  # 6: preview = result
    assert _table_rows(page, page.locator(".st-key-answer_box")) > 0  # 5: formulation
    assert page.get_by_role("button", name="Cost this formulation →").count() == 1
    shot(page, "walk-light-formulation")

    # 6. ... = the runs CSV's prompt tokens of that run.
    open_page(page, "Stats & Export")
    rows = _runs_csv(page, tmp_path)
    run = int(result["run"])
    assert rows[run]["generator"] == "formulation" and rows[run]["cache outcome"] == "none"
    assert int(rows[run][_prompt_column(rows)]) == preview
    assert rows[run]["parsed as a table"] == "yes"
    stop_row = rows[int(stopped_run["run"])]
    assert stop_row["end state"] == "stopped" and stop_row["cache outcome"] == "none"
    assert int(stop_row[_prompt_column(rows)]) == preview

    # 4. History: reopen one run (its answer shown), then compare two.
    open_page(page, "History")
    shot(page, "walk-light-history")
    _select_history_rows(page, [0])  # the newest: the complete formulation
    opened = page.locator(".st-key-history_run")
    opened.wait_for()
    assert f"Run {run} · Formulation" in opened.inner_text()
    grids = opened.locator("[data-testid='stDataFrame']")
    grids.nth(1).wait_for()
    assert _grid_rows(grids.nth(0)) == len(values)  # its request fields
    assert _grid_rows(grids.nth(1)) > 0  # its answer, as a table
    assert QUERY in opened.inner_text()  # its request in words
    shot(page, "walk-light-history-open")
    _select_history_rows(page, [1])  # and the stopped one
    compare = page.locator(".st-key-history_compare")
    compare.wait_for()
    first, second = sorted((run, int(stopped_run["run"])))
    assert f"Run {first} and run {second} side by side" in compare.inner_text()
    assert _table_rows(page, compare) >= 10  # the comparison: one row per figure
    cells = compare.locator("[role='grid']").first.text_content() or ""
    assert "stopped" in cells and "complete" in cells, cells[:300]  # the two end states side by side
    assert "Stopped by you" not in compare.inner_text()  # History shows the stored answer, not the page's notice
    shot(page, "walk-light-history-compare")
    assert page.offsite == []
    page.context.close()


def test_a_table_and_agreeing_prompt_figures_on_the_other_generators(studio, chromium, tmp_path):
    """5. A readable table from the embedded model on market, branding, costing and
    scientific; 6. preview = result = CSV (formulation is covered by the walk). Each form
    is filled through its URL (the fields are bound to query parameters)."""
    from playwright.sync_api import expect

    page = new_page(chromium)
    runs: dict[str, tuple[int, int, int]] = {}  # generator -> run, preview figure, table rows
    last = 0
    for generator in ("market", "branding", "costing", "scientific"):
        title, values = FORMS[generator]
        fields = {f.label + ("" if f.required else " (optional)"): f.name for f in template_for(generator).fields}
        query = urlencode({f"{generator}_{fields[label]}": value for label, value in values.items()})
        page.goto(f"{studio.url}/{generator}?{query}")
        page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
        idle(page)
        # The bound fields are drawn a moment after the run that fills them ends (0.2 s
        # here, seconds on a loaded machine): wait for them, not for a fixed time.
        for label, value in values.items():  # a shared link fills the form
            expect(page.get_by_label(label, exact=True)).to_have_value(value, timeout=60_000)
        idle(page)
        preview = _preview_prompt_tokens(page)
        result = _generate(page, after=last)
        last = int(result["run"])
        assert result["outcome"] == "generated"
        assert int(result["prompt"].replace(",", "")) == preview, generator
        runs[generator] = (last, preview, _table_rows(page, page.locator(".st-key-answer_box")))
        shot(page, f"walk-light-{generator}")
    open_page(page, "Stats & Export")
    rows = _runs_csv(page, tmp_path)
    page.context.close()
    for generator, (run, preview, _) in runs.items():
        assert rows[run]["generator"] == generator
        assert int(rows[run][_prompt_column(rows)]) == preview, generator
    tables = {generator: table for generator, (_, _, table) in runs.items()}
    parsed = {generator: rows[run]["parsed as a table"] for generator, (run, _, _) in runs.items()}
    for generator in ("market", "branding", "costing", "scientific"):
        assert tables[generator] > 0 and parsed[generator] == "yes", (
            f"no table on {generator}: {rows[runs[generator][0]]['answer']!r}"
        )


def test_walk_dark(studio, chromium):
    """7. The dark theme is dark, and its main states are in screenshots: the form, a
    stream, a stopped answer, a result, History reopen and compare."""
    page = new_page(chromium, color_scheme="dark")
    page.goto(studio.url)
    page.get_by_role("heading", name="Optimizer Studio").wait_for(timeout=60_000)
    idle(page)
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
    )
    assert background == "rgb(22, 20, 28)", background  # [theme.dark] backgroundColor #16141c
    shot(page, "walk-dark-home")

    # The walk's request again: served from the cache when the light walk ran first.
    title, values = FORMS["formulation"]
    open_page(page, title)
    _fill(page, values, query=QUERY)
    shot(page, "walk-dark-form")
    result = _generate(page)
    assert _table_rows(page, page.locator(".st-key-answer_box")) > 0
    shot(page, "walk-dark-formulation")
    again = _generate(page, after=int(result["run"]))  # the same request once more: a hit
    assert again["outcome"] == "cache hit (exact)", again.group(0)
    shot(page, "walk-dark-cache-hit")
    result = again
    # Another region: a new generation, stopped once it streams.
    _fill(page, {"Region (optional)": "Japan"})
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text(re.compile(r"^Streaming · [1-9]")).first.wait_for(timeout=GENERATION_TIMEOUT_MS)
    shot(page, "walk-dark-streaming")
    _stop_mid_stream(page)
    assert _shows_partial_answer(page)
    shot(page, "walk-dark-stopped")
    stopped_run = _figures(page, after=int(result["run"]))

    open_page(page, "History")
    _select_history_rows(page, [0])
    page.locator(".st-key-history_run").wait_for()
    assert f"Run {stopped_run['run']} · Formulation" in main_text(page)
    shot(page, "walk-dark-history-open")
    _select_history_rows(page, [1])
    compare = page.locator(".st-key-history_compare")
    compare.wait_for()
    assert f"Run {result['run']} and run {stopped_run['run']} side by side" in compare.inner_text()
    shot(page, "walk-dark-history-compare")
    for title in ("Compression Lab", "Cache"):  # the pages the walk does not use, seen dark
        open_page(page, title)
        assert page.get_by_role("heading", name=title).count()
        shot(page, f"walk-dark-{title.lower().replace(' ', '-')}")
    page.context.close()
