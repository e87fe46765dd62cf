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

Step 5 on the four other generators, with step 6 for them, is the second test here, on
the same studio (one studio and one Chromium for both: a second pair cost a server start, a
model load and a browser launch, and the two tests ran one after the other on one worker
anyway); it runs after the walk, whose History reads the walk's two newest runs. Step 7's
dark walk is tests/test_browser_dark.py (a studio of its own, on another worker). The
steps and the studio are tests/support/walk.py's.
"""

from __future__ import annotations

import itertools
from urllib.parse import urlencode

import pytest
from support.studio import idle, new_page, open_page, shot
from support.walk import (
    FORMS,
    QUERY,
    QUERY_LABEL,
    answer_text,
    field_values,
    figures,
    fill,
    generate,
    generate_and_sample,
    grid_rows,
    preview_prompt_tokens,
    prompt_column,
    runs_csv,
    select_history_rows,
    shows_partial_answer,
    stop_mid_stream,
    table_rows,
    walk_studio,
)

from optimizer.prompts import template_for

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """One studio for the walk and the other generators, short embedded answers, its own data folder."""
    with walk_studio(tmp_path_factory) as running:
        yield running


# -- the walk ---------------------------------------------------------------------------


def test_walk_light(studio, chromium, tmp_path):
    from playwright.sync_api import expect

    page = new_page(chromium)
    page.goto(studio.url)
    page.get_by_role("heading", name="Optimizer Studio").wait_for(timeout=60_000)
    idle(page)
    shot(page, "walk-light-home")

    # 3. Navigation away and back: the form holds what was typed.
    title, values = FORMS["formulation"]
    open_page(page, title)
    fill(page, values, query=QUERY)
    preview = preview_prompt_tokens(page)
    shot(page, "walk-light-form")
    open_page(page, "Market Research")
    assert field_values(page, ["Category", "Region"]) == {"Category": "", "Region": ""}
    open_page(page, title)
    kept = field_values(page, [*values, QUERY_LABEL])
    assert kept == {**values, QUERY_LABEL: QUERY}, "the form forgot what was typed"
    assert preview_prompt_tokens(page) == preview

    # 2. Stop mid-stream: the partial answer stays, marked; nothing cached.
    page.get_by_role("button", name="Generate", exact=True).click()
    stop_mid_stream(page)
    stopped = answer_text(page)
    assert "Stopped by you" in stopped and "the answer below is incomplete" in stopped
    assert shows_partial_answer(page), f"the partial answer is not shown: {stopped!r}"
    assert not page.get_by_role("button", name="Cost this formulation →").count()  # no chaining of a partial answer
    assert page.get_by_role("button", name="Stop", exact=True).count() == 0
    stopped_run = figures(page)  # the stopped run has its figures too
    assert stopped_run["outcome"] == "generated"
    shot(page, "walk-light-stopped")

    # 1. The same request again: generated (not served from the cache), and it streams.
    result, lengths = generate_and_sample(page, after=int(stopped_run["run"]))
    assert result["outcome"] == "generated", "a stopped answer was served as a cache hit"
    # It grows while it streams; a readable JSON view may re-flow a line as a value completes,
    # so a rare small step back is allowed, a steady one is not.
    steps = list(itertools.pairwise(lengths))
    grew = len(lengths) >= 3 and lengths[-1] > lengths[0] and sum(b < a for a, b in steps) <= len(steps) // 5
    assert grew, f"the text did not grow while streaming: {lengths}"
    assert int(result["prompt"].replace(",", "")) == preview  # 6: preview = result
    assert table_rows(page, page.locator(".st-key-answer_box")) > 0  # 5: formulation
    assert page.get_by_role("button", name="Cost this formulation →").count() == 1
    shot(page, "walk-light-formulation")

    # 6. ... = the runs CSV's prompt tokens of that run.
    open_page(page, "Stats & Export")
    rows = runs_csv(page, tmp_path)
    run = int(result["run"])
    assert rows[run]["generator"] == "formulation" and rows[run]["cache outcome"] == "none"
    assert int(rows[run][prompt_column(rows)]) == preview
    assert rows[run]["parsed as a table"] == "yes"
    stop_row = rows[int(stopped_run["run"])]
    assert stop_row["end state"] == "stopped" and stop_row["cache outcome"] == "none"
    assert int(stop_row[prompt_column(rows)]) == preview

    # 4. History: reopen one run (its answer shown), then compare two.
    open_page(page, "History")
    shot(page, "walk-light-history")
    select_history_rows(page, [0])  # the newest: the complete formulation
    opened = page.locator(".st-key-history_run")
    # Waited for as text: under load a container's new key showed before its new content.
    expect(opened).to_contain_text(f"Run {run} · Formulation", timeout=60_000)
    grids = opened.locator("[data-testid='stDataFrame']")
    grids.nth(1).wait_for()
    assert grid_rows(grids.nth(0)) == len(values)  # its request fields
    assert grid_rows(grids.nth(1)) > 0  # its answer, as a table
    assert QUERY in opened.inner_text()  # its request in words
    shot(page, "walk-light-history-open")
    select_history_rows(page, [1])  # and the stopped one
    compare = page.locator(".st-key-history_compare")
    first, second = sorted((run, int(stopped_run["run"])))
    expect(compare).to_contain_text(f"Run {first} and run {second} side by side", timeout=60_000)
    assert table_rows(page, compare) >= 10  # the comparison: one row per figure
    cells = compare.locator("[role='grid']").first.text_content() or ""
    assert "stopped" in cells and "complete" in cells, cells[:300]  # the two end states side by side
    assert "Stopped by you" not in compare.inner_text()  # History shows the stored answer, not the page's notice
    shot(page, "walk-light-history-compare")
    assert page.offsite == []
    page.context.close()


# -- step 5 and 6 on the other generators (after the walk: see the module docstring) ------


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
        preview = preview_prompt_tokens(page)
        result = generate(page, after=last)
        last = int(result["run"])
        assert result["outcome"] == "generated"
        assert int(result["prompt"].replace(",", "")) == preview, generator
        runs[generator] = (last, preview, table_rows(page, page.locator(".st-key-answer_box")))
        shot(page, f"walk-light-{generator}")
    open_page(page, "Stats & Export")
    rows = runs_csv(page, tmp_path)
    page.context.close()
    for generator, (run, preview, _) in runs.items():
        assert rows[run]["generator"] == generator
        assert int(rows[run][prompt_column(rows)]) == preview, generator
    tables = {generator: table for generator, (_, _, table) in runs.items()}
    parsed = {generator: rows[run]["parsed as a table"] for generator, (run, _, _) in runs.items()}
    for generator in ("market", "branding", "costing", "scientific"):
        assert tables[generator] > 0 and parsed[generator] == "yes", (
            f"no table on {generator}: {rows[runs[generator][0]]['answer']!r}"
        )
